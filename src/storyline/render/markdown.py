"""The brief as Markdown: what a reader sees in the terminal (through Rich) or in a .md file."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from storyline.compose.coverage import exclusive_counts, ranked_rows
from storyline.compose.status import PLANS
from storyline.languages import language_label
from storyline.models import Brief, Citation, Conflict, PublishedDate, StoryBrief, TimelineEntry
from storyline.render.quotes import counted, said_line, shown_quotes, speaker_label, support

# What input text must not do in Markdown: open an HTML tag or autolink (<), make a link or image
# ([ ]), close our code spans (`) or cancel these escapes (\). Backslash-escaped, each shows as itself.
_MARKUP = re.compile(r"([\\`<>\[\]])")


def md(text: str | None) -> str:
    """Text the input wrote, made inert: shown as written, never run as HTML or followed as a link."""
    return _MARKUP.sub(r"\\\1", text or "")


def _code(text: str) -> str:
    """Inline code for an origin or a path; a backtick inside would end the span early."""
    return "`" + text.replace("`", "'") + "`"


def render_markdown(brief: Brief) -> str:
    parts = [_story(s, brief.since) for s in brief.stories]
    if not brief.stories:
        parts.append("# No story found\n\nNo article could be read from the inputs.\n")
    if brief.rejections:
        rows = "\n".join(
            f"- {_code(r.origin)} ({r.stage}): **{r.reason}** {md(r.detail)}".rstrip()
            for r in brief.rejections
        )
        parts.append(f"## Rejected inputs\n\n{rows}\n")
    return "\n---\n\n".join(parts)


def _labels(story: StoryBrief) -> dict[str, str]:
    """Short citation labels, [1], [2] ..., in source order."""
    return {src.article_id: str(n) for n, src in enumerate(story.sources, start=1)}


def _cite(citations: Sequence[Citation], labels: Mapping[str, str]) -> str:
    ids = sorted({labels.get(c.article_id, "?") for c in citations}, key=lambda x: (len(x), x))
    return "".join(f"[{i}]" for i in ids)


NEW_FACTS_SHOWN = 12


def _new(s: StoryBrief, labels: Mapping[str, str], since: str | None) -> Iterator[str]:
    if since is None:
        return
    yield f"## What's new since {since}\n"
    # the best-supported first (story order breaks ties); the terminal shows the first few
    ranked = sorted(s.new_facts, key=lambda f: -f.origins)
    for fact in ranked[:NEW_FACTS_SHOWN]:
        yield f"- {md(fact.text)} {_cite(fact.citations, labels)} *({len(fact.outlets)} outlet(s))*"
    if len(ranked) > NEW_FACTS_SHOWN:
        yield f"- … and {len(ranked) - NEW_FACTS_SHOWN} more new facts (all in `--format json` or html)"
    if not s.new_facts:
        yield "- Nothing that was not reported before."
    yield ""


def _story(s: StoryBrief, since: str | None = None) -> str:
    labels = _labels(s)
    head = [
        f"# {md(s.headline)}",
        "",
        f"*Story `{s.story_id}` · {counted(len(s.sources), 'article')} · {counted(len(s.events), 'event')}*",
        "",
    ]
    # briefing order: what happened last, what is new, where sources disagree, then the detail
    sections = (
        _latest(s, labels),
        _contents(s, since),
        _new(s, labels, since),
        _conflicts(s, labels),
        _updates(s, labels),
        _summary(s, labels),
        _events(s, labels),
        _quotes(s, labels),
        _timeline(s, labels),
        _coverage(s),
        _actors(s),
        _sources(s, labels),
        _removed(s),
    )
    return "\n".join(head + [line for section in sections for line in section])


def _latest(s: StoryBrief, labels: Mapping[str, str]) -> Iterator[str]:
    entry = s.latest_happening()
    if entry is not None:
        yield f"**Latest, {entry.date}:** {md(entry.text)} {_cite(entry.citations, labels)}"
        yield ""


def _contents(s: StoryBrief, since: str | None) -> Iterator[str]:
    """One line naming the sections that follow, so a reader sees what the brief holds."""
    parts = [
        ("What's new", since is not None),
        ("Where sources disagree", any(c.nature == "conflict" for c in s.conflicts)),
        ("Figures that changed", any(c.nature == "update" for c in s.conflicts)),
        ("Summary", True),
        ("Events", bool(s.events)),
        ("Who said what", bool(s.quotes)),
        ("Timeline", bool(s.timeline)),
        ("Coverage", bool(s.coverage.fact_ids)),
        ("Actors", bool(s.actors)),
        ("Sources", True),
    ]
    yield "*Contents: " + " · ".join(name for name, shown in parts if shown) + "*"
    yield ""


def _events(s: StoryBrief, labels: Mapping[str, str]) -> Iterator[str]:
    if not s.events:
        return
    yield "## Events\n"
    for event in s.events:
        shown = sorted((labels.get(a, "?") for a in event.article_ids), key=lambda n: (len(n), n))
        sources = "".join(f"[{n}]" for n in shown)
        yield f"- **{event.date or 'undated'}** {md(event.label)} {sources}"
    yield ""


def _summary(s: StoryBrief, labels: Mapping[str, str]) -> Iterator[str]:
    yield "## Summary\n"
    for line in s.summary:
        yield f"- {md(line.text)} {_cite(line.citations, labels)} *({support(line.outlets, line.origins)})*"
    yield ""


def _timeline(s: StoryBrief, labels: Mapping[str, str]) -> Iterator[str]:
    if not s.timeline:
        return
    yield "## Timeline\n"
    ahead: list[TimelineEntry] = []
    dated: list[TimelineEntry] = []
    for entry in s.timeline:  # each entry read once: a plan past by the latest report stays dated
        (ahead if s.still_ahead(entry, PLANS) else dated).append(entry)
    for entry in dated:
        shown = "" if entry.status == "happened" else f" *({entry.status})*"
        yield f"- **{entry.date}**{shown} {md(entry.text)} {_cite(entry.citations, labels)}"
    yield ""
    if ahead:
        yield "### Ahead: plans and forecasts\n"
        for entry in ahead:
            yield f"- **{entry.date}** *({entry.status})* {md(entry.text)} {_cite(entry.citations, labels)}"
        yield ""


def _quotes(s: StoryBrief, labels: Mapping[str, str]) -> Iterator[str]:
    if not s.quotes:
        return
    yield "## Who said what\n"
    inferred = s.inferred_article_ids()
    for group in s.quotes:
        label = speaker_label(group.kind)
        yield f"**{md(group.speaker)}**" + (f" *({label})*" if label else "") + "\n"
        for shown in shown_quotes(group.quotes):
            q = shown.first
            text = md(said_line(group.speaker, q))
            day = f"{q.published} (inferred)" if q.article_id in inferred and q.published else q.published
            where = f"{md(', '.join(shown.outlets)) or 'unknown outlet'}, {day or 'undated'}"
            cites = "".join(f"[{labels.get(i, '?')}]" for i in shown.article_ids)
            yield f"- {text} — {where} {cites}"
        yield ""


def _conflicts(s: StoryBrief, labels: Mapping[str, str]) -> Iterator[str]:
    """Disagreements right after the summary: each side's value, who holds it, where it is written."""
    yield from _disagreements(s, labels, "conflict", "## Where sources disagree\n")


def _updates(s: StoryBrief, labels: Mapping[str, str]) -> Iterator[str]:
    """Figures that changed over time, oldest first: an update, not a disagreement."""
    yield from _disagreements(s, labels, "update", "## Figures that changed\n")


def _disagreements(s: StoryBrief, labels: Mapping[str, str], nature: str, heading: str) -> Iterator[str]:
    found = [c for c in s.conflicts if c.nature == nature]
    if not found:
        return
    yield heading
    for c in found:
        told = c.kind if nature == "conflict" else " → ".join(md(v.value) for v in c.values)
        yield f"- **{md(c.slot)}** ({told}):"
        yield from _sides(c, labels)
        both = sorted({labels.get(i, "?") for i in c.reports_both}, key=lambda x: (len(x), x))
        if both and nature == "conflict":
            yield f"  - {''.join(f'[{n}]' for n in both)} reports both"
    yield ""


SPAN_SHOWN = 110  # characters of a cited sentence shown beside each side


def _sides(c: Conflict, labels: Mapping[str, str]) -> Iterator[str]:
    for v in c.values:
        holders = md(", ".join(v.holders)) or "unknown"
        outlets = md(", ".join(v.outlets)) or "unknown outlet"
        yield f"  - **{md(v.value)}**, held by {holders} ({outlets}) {_cite(v.citations, labels)}"
        for citation, text in zip(v.citations, v.texts, strict=False):
            yield f"    - [{labels.get(citation.article_id, '?')}] “{_short(text, SPAN_SHOWN)}”"


COVERAGE_ROWS = 10  # the terminal table shows the best-covered facts; JSON and HTML carry them all


def _short(text: str, width: int = 72) -> str:
    text = " ".join(text.split()).replace("|", "/")
    return md(text if len(text) <= width else text[: width - 1].rstrip() + "…")


def _coverage(s: StoryBrief) -> Iterator[str]:
    cov = s.coverage
    if not cov.fact_ids or len(cov.outlets) < 2:
        return
    yield "## Coverage\n"
    yield "| fact | " + " | ".join(_short(o) for o in cov.outlets) + " |"
    yield "|---|" + "---|" * len(cov.outlets)
    for fact, counts in ranked_rows(s.facts, cov)[:COVERAGE_ROWS]:
        cells = [("✓" if n == 1 else f"✓ ×{n}") if n else "" for n in counts]
        yield f"| {_short(fact.text)} | " + " | ".join(cells) + " |"
    yield ""
    told = md(", ".join(f"{o} {n}" for o, n in exclusive_counts(cov).items() if n))
    single = len(cov.single_outlet)
    yield f"{len(cov.fact_ids)} facts; {single} reported by one outlet only ({told or 'none'})."
    yield ""


def _actors(s: StoryBrief) -> Iterator[str]:
    people = [a for a in s.actors if a.kind in ("person", "organisation", "group")][:15]
    if not people:
        return
    yield "## Actors\n"
    for a in people:
        variants = [v for v in a.variants if v != a.name]
        extra = f" (also: {md(', '.join(variants))})" if variants else ""
        roles = f" — {md('; '.join(a.roles))}" if a.roles else ""
        yield f"- **{md(a.name)}** [{a.kind}]{extra}{roles}"
    yield ""


def _date(p: PublishedDate) -> str:
    if p.value is None:
        return f"undated ({md(p.evidence)})"
    how = "inferred" if p.inferred else "stated"
    return f"{p.value.isoformat()} ({how}, {p.method}: {md(p.evidence)}; confidence {p.confidence:.2f})"


def _sources(s: StoryBrief, labels: Mapping[str, str]) -> Iterator[str]:
    yield "## Sources\n"
    for src in s.sources:
        copy = f" — copy of [{labels.get(src.duplicate_of, '?')}]" if src.duplicate_of else ""
        outlet = md(src.outlet) or "unknown outlet"
        yield f"{labels[src.article_id]}. **{outlet}** — {md(src.title or src.origin)}{copy}  "
        read = f" — *{src.not_read}*" if src.not_read else ""
        yield f"   {_code(src.origin)} · {_date(src.published)} · {language_label(src.language)}{read}"
    yield ""


def _removed(s: StoryBrief) -> Iterator[str]:
    if not s.removed:
        return
    yield f"## Removed as boilerplate ({len(s.removed)} paragraphs)\n"
    for r in s.removed:
        snippet = r.text if len(r.text) <= 80 else r.text[:77] + "..."
        yield f"- *{r.reason}*: {md(snippet.replace(chr(10), ' '))}"
    yield ""
