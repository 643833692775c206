"""Clustering at scale on a generated corpus: speed, peak memory, quality, near-duplicate precision/recall.

    .venv/bin/python benchmarks/generate_corpus.py --n 100000 --out /tmp/storyline_100k.jsonl
    nice .venv/bin/python benchmarks/cluster_scale.py /tmp/storyline_10k.jsonl /tmp/storyline_100k.jsonl

Each corpus runs in its own processes, dedupe in one and clustering in another (reading the groups the
first one saved beside the corpus), so that each peak memory (``ru_maxrss``) is that stage's alone, the
corpus in memory included. Features
come from the cheap path (``annotate_lite(..., "cheap")``: regex sentences, lead sentence only, names from
capitalised phrases; no spaCy), so that the clustering stage is what is timed: ``Clusterer.add``, feature
extraction from the annotated articles included. In the same process, a reference is timed on the same
texts (scikit-learn's TfidfVectorizer ``fit_transform``) so that the speed can be read as a ratio that does
not depend on the machine; CPU time (``process_time``) is reported beside wall time because the machine is
shared and wall time mostly measures the neighbours. The cost-per-article growth is the ratio of seconds
per article between the largest and the smallest corpus.

Which step peaks: ``cluster_scale.py --stage cluster --phases <corpus>`` prints the peak resident memory
per clustering phase (sampled every 20 ms) on stderr. ``--json FILE`` appends each corpus's figures
and the growth to FILE (benchmarks/figures.py's schema).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from datetime import date
from itertools import combinations
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer

sys.path.insert(0, str(Path(__file__).resolve().parent))  # figures.py, when loaded by path

from cluster_scoring import bcubed, pairwise
from figures import Figure, write
from storyline.cluster import Clusterer, clusterer, graph, table
from storyline.dedupe import group_duplicates
from storyline.models import AnnotatedArticle, Article, DuplicateGroup, PublishedDate, Sentence


def load(path: Path) -> tuple[list[AnnotatedArticle], list[dict[str, str | None]]]:
    """Articles with their lead sentence only (the cheap path), and their labels."""
    annotated, labels = [], []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            day = date.fromisoformat(row["published"])
            article = Article(
                row["id"], row["id"], row["text"], PublishedDate(day, "metadata", "generated", 1.0),
                title=row["title"], outlet=row["outlet"],
            )
            lead = row["text"].split("\n\n", 1)[0]
            annotated.append(AnnotatedArticle(article, sentences=(Sentence(row["id"], 0, len(lead), lead),)))
            labels.append({"id": row["id"], "event": row["event"], "story": row["story"],
                           "copy_of": row["copy_of"]})
    return annotated, labels


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def duplicate_scores(
    groups: Sequence[DuplicateGroup], labels: Sequence[dict[str, str | None]]
) -> tuple[float, float]:
    """Pairwise precision and recall of "copy of one origin", against the generator's copy_of."""
    origin = {str(r["id"]): str(r["copy_of"] or r["id"]) for r in labels}
    predicted = {frozenset(p) for g in groups for p in combinations(g.article_ids, 2)}
    truth_groups: dict[str, list[str]] = {}
    for article, root in origin.items():
        truth_groups.setdefault(root, []).append(article)
    truth = {frozenset(p) for ms in truth_groups.values() for p in combinations(ms, 2)}
    precision = len(predicted & truth) / len(predicted) if predicted else 1.0
    recall = len(predicted & truth) / len(truth) if truth else 1.0
    return precision, recall


def _groups_file(path: Path) -> Path:
    return path.with_name(path.name + ".groups.json")


def run_dedupe(path: Path) -> dict[str, float]:
    """Near-duplicate groups, timed and scored; saved beside the corpus for the clustering process."""
    annotated, labels = load(path)
    started = time.perf_counter()
    groups = group_duplicates([a.article for a in annotated])
    dedupe_s = time.perf_counter() - started
    dup_p, dup_r = duplicate_scores(groups, labels)
    rows = [[g.id, g.origin_id, list(g.article_ids)] for g in groups]
    _groups_file(path).write_text(json.dumps(rows), encoding="utf-8")
    return {"dedupe_s": dedupe_s, "dedupe_peak_mb": _peak_mb(), "dup_precision": dup_p, "dup_recall": dup_r}


class PhasePeaks:
    """Resident memory sampled every 20 ms, its peak kept per phase of the clustering (``--phases``):
    which step peaks, without tracemalloc's slowdown. Phases nest: "events>candidates"."""

    def __init__(self) -> None:
        self.phase = "load"
        self.peaks: dict[str, float] = {}
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        with open("/proc/self/statm") as statm:
            while True:
                statm.seek(0)
                rss = int(statm.read().split()[1]) * resource.getpagesize() / 2**20
                self.peaks[self.phase] = max(rss, self.peaks.get(self.phase, 0.0))
                time.sleep(0.02)

    def wrap(self, owner: object, name: str, label: str) -> None:
        inner: Callable[..., object] = getattr(owner, name)

        def timed(*args: object, **kwargs: object) -> object:
            outer = self.phase
            self.phase = label if label in ("events", "stories") else f"{outer.split('>')[0]}>{label}"
            try:
                return inner(*args, **kwargs)
            finally:
                self.phase = outer

        setattr(owner, name, timed)


def _phase_peaks() -> PhasePeaks:
    peaks = PhasePeaks()
    for owner, name, label in [
        (clusterer, "article_features", "features"), (table.FeatureTable, "nodes", "nodes"),
        (graph, "vectorise", "vectorise"), (graph, "candidate_pairs", "candidates"),
        (graph, "similarities", "similarities"), (clusterer, "average_linkage", "linkage"),
        (clusterer.Clusterer, "_cluster_events", "events"),
        (clusterer.Clusterer, "_thread_stories", "stories"),
    ]:
        peaks.wrap(owner, name, label)
    return peaks


def run_cluster(path: Path, phases: bool = False) -> dict[str, float]:
    peaks = _phase_peaks() if phases else None
    annotated, labels = load(path)
    groups = [DuplicateGroup(g, o, tuple(ids)) for g, o, ids in json.loads(_groups_file(path).read_text())]
    n = len(annotated)
    base_mb = _peak_mb()
    started = time.perf_counter()
    TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(a.article.text for a in annotated)
    reference = time.perf_counter() - started
    started, cpu_started = time.perf_counter(), time.process_time()
    if peaks is not None:
        peaks.phase = "add"
    result = Clusterer().add(annotated, groups)
    cluster_s, cluster_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if peaks is not None:
        peaks.phase = "done"
        time.sleep(0.1)
        print("peak RSS per phase (MB): " + ", ".join(f"{k} {v:.0f}" for k, v in peaks.peaks.items()),
              file=sys.stderr)
    events = {a: e.id for e in result.events for a in e.article_ids}
    stories = {a: s.id for s in result.stories for a in s.article_ids}
    gold_events = {str(r["id"]): str(r["event"]) for r in labels}
    gold_stories = {str(r["id"]): str(r["story"]) for r in labels}
    return {
        "n": n, "cluster_s": cluster_s, "articles_per_s": n / cluster_s, "cluster_cpu_s": cluster_cpu,
        "articles_per_cpu_s": n / cluster_cpu, "reference_s": reference,
        "ratio_to_reference": cluster_s / reference, "peak_mb": _peak_mb(), "rss_before_mb": base_mb,
        "event_b3_f1": bcubed(gold_events, events).f1, "event_pair_f1": pairwise(gold_events, events).f1,
        "story_b3_f1": bcubed(gold_stories, stories).f1, "events": len(result.events),
        "gold_events": len(set(gold_events.values())),
    }


def _in_child(stage: str, corpus: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--stage", stage, str(corpus)], check=True, capture_output=True, text=True
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpora", type=Path, nargs="+")
    parser.add_argument("--stage", choices=["dedupe", "cluster"], help="run one stage here (internal)")
    parser.add_argument("--phases", action="store_true",
                        help="with --stage cluster: peak memory per clustering phase, on stderr")
    parser.add_argument("--json", type=Path, help="append the figures to this JSON file")
    args = parser.parse_args(argv)
    if args.stage:
        corpus = args.corpora[0]
        print(json.dumps(run_dedupe(corpus) if args.stage == "dedupe" else run_cluster(corpus, args.phases)))
        return 0
    results = []
    for corpus in args.corpora:
        results.append(_in_child("dedupe", corpus) | _in_child("cluster", corpus))
        r = results[-1]
        print(f"N={r['n']:>7}: clustering {r['cluster_s']:.1f}s wall = {r['articles_per_s']:.0f} articles/s,"
              f" {r['cluster_cpu_s']:.1f}s CPU = {r['articles_per_cpu_s']:.0f} articles/CPU-s"
              f" ({r['ratio_to_reference']:.2f}x TfidfVectorizer {r['reference_s']:.1f}s);"
              f" peak {r['peak_mb']:.0f} MB"
              f" (before {r['rss_before_mb']:.0f} MB); event B3 F1 {r['event_b3_f1']:.3f}"
              f" pairwise {r['event_pair_f1']:.3f} ({r['events']} vs {r['gold_events']} events);"
              f" story B3 F1 {r['story_b3_f1']:.3f}; near-dup P {r['dup_precision']:.3f}"
              f" R {r['dup_recall']:.3f} (dedupe {r['dedupe_s']:.1f}s wall,"
              f" peak {r['dedupe_peak_mb']:.0f} MB)",
              flush=True)
    figures = [f for r in results for f in headline(r)]
    if len(results) > 1:
        small, large = results[0], results[-1]
        for clock in ("cluster_s", "cluster_cpu_s"):
            growth = (large[clock] / large["n"]) / (small[clock] / small["n"])
            print(f"cost per article ({clock}) grows {growth:.2f}x from N={small['n']} to N={large['n']}")
            data = f"generated corpus, {small['n']:.0f} to {large['n']:.0f} articles"
            metric = f"clustering cost per article growth ({'wall' if clock == 'cluster_s' else 'CPU'})"
            figures.append(Figure("storyline", data, metric, growth))
    if args.json:
        write(args.json, figures)
    return 0


HEADLINE = {
    "articles_per_s": "clustering, articles per wall second",
    "articles_per_cpu_s": "clustering, articles per CPU second",
    "ratio_to_reference": "clustering wall time / TfidfVectorizer's",
    "peak_mb": "clustering peak memory (MB)",
    "dedupe_peak_mb": "dedupe peak memory (MB)",
    "event_b3_f1": "event B-cubed F1",
    "event_pair_f1": "event pairwise F1",
    "story_b3_f1": "story B-cubed F1",
    "dup_precision": "near-duplicate pair precision",
    "dup_recall": "near-duplicate pair recall",
}


def headline(result: dict[str, float]) -> list[Figure]:
    data = f"generated corpus ({result['n']:.0f} articles)"
    return [Figure("storyline", data, metric, float(result[key])) for key, metric in HEADLINE.items()]


if __name__ == "__main__":
    sys.exit(main())
