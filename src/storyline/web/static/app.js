// storyline serve: highlight a #start-end span of an article, and follow an ingest job's progress.
// No inline script anywhere: the Content-Security-Policy allows only this file.
"use strict";

(function () {
  function unwrapHighlights(text) {
    text.querySelectorAll("mark.hl-js").forEach(function (mark) {
      const parent = mark.parentNode;
      mark.replaceWith(...mark.childNodes);
      parent.normalize();
    });
  }

  // Wrap the characters start..end of the article's text (offsets of data-o spans) in <mark>s.
  function highlightRange(start, end) {
    const text = document.getElementById("text");
    if (!text) return null;
    unwrapHighlights(text);
    let first = null;
    text.querySelectorAll("span[data-o]").forEach(function (span) {
      const node = span.firstChild;
      if (!node || node.nodeType !== Node.TEXT_NODE) return;
      const s = Number(span.dataset.o), e = s + node.length;
      if (e <= start || s >= end) return;
      let target = node;
      if (start > s) target = target.splitText(start - s);
      if (end < e) target.splitText(end - Math.max(start, s));
      const mark = document.createElement("mark");
      mark.className = "hl hl-js";
      target.replaceWith(mark);
      mark.appendChild(target);
      first = first || mark;
    });
    return first;
  }

  function followHash() {
    const m = /^#(\d+)-(\d+)$/.exec(window.location.hash);
    const target = m ? highlightRange(Number(m[1]), Number(m[2])) : document.getElementById("hl");
    if (target) target.scrollIntoView({ block: "center" });
  }

  function fillList(list, items, build) {
    list.replaceChildren(...items.map(build));
  }

  function showJob(box, job) {
    box.dataset.state = job.state;
    document.getElementById("job-state").textContent = job.state;
    document.getElementById("job-stage").textContent = job.stage ? job.stage + " " + job.done + "/" + job.total : "";
    document.getElementById("job-message").textContent = job.message;
    const bar = document.getElementById("job-progress");
    bar.max = job.total || 1;
    bar.value = job.state === "done" ? bar.max : job.done;
    const elapsed = Math.max(0, Math.round((Date.now() - Date.parse(job.created)) / 1000));
    const over = job.state === "done" || job.state === "failed";
    document.getElementById("job-elapsed").textContent = over ? "" : ", running for " + elapsed + " s";
    document.getElementById("job-stories-title").hidden = job.story_ids.length === 0;
    fillList(document.getElementById("job-stories"), job.story_ids, function (sid, n) {
      const li = document.createElement("li"), a = document.createElement("a"), id = document.createElement("span");
      a.href = "/stories/" + encodeURIComponent(sid);
      a.textContent = (job.story_headlines || [])[n] || "story " + sid;
      id.className = "count";
      id.textContent = " (" + sid + ")";
      li.append(a, id);
      return li;
    });
    fillList(document.getElementById("job-rejections"), job.rejections, function (r) {
      const li = document.createElement("li");
      li.textContent = r.origin + ": " + r.reason + " " + r.detail;
      return li;
    });
  }

  function poll(box) {
    fetch("/jobs/" + encodeURIComponent(box.dataset.job) + ".json", { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        showJob(box, job);
        if (job.state !== "done" && job.state !== "failed") setTimeout(function () { poll(box); }, 400);
      })
      .catch(function () { setTimeout(function () { poll(box); }, 2000); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (document.getElementById("text")) {
      followHash();
      window.addEventListener("hashchange", followHash);
      window.addEventListener("load", followHash);  // after the browser's own jump to #hl
    }
    const box = document.getElementById("job");
    if (box && box.dataset.state !== "done" && box.dataset.state !== "failed") poll(box);
  });
})();
