"""An article's clean text cut into flat segments, each carrying the annotations that cover it.

Annotations overlap (a name inside a quote, a date inside a name), so the text is cut at every
boundary and each piece lists its marks; the template draws one ``<span>`` per piece with one class
per mark. Offsets stay those of ``Article.text``, so a ``#start-end`` link can be found in the page.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from storyline.models import AnnotatedArticle

HIGHLIGHT = "hl"


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # "mention", "quote", "cue", "source", "time" or "hl"
    variety: str  # a CSS-safe detail: the mention's kind, the quote's kind, the TIMEX3 type
    note: str  # shown on hover


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str
    marks: tuple[Mark, ...]

    @property
    def classes(self) -> str:
        kinds = sorted(
            {f"m-{m.kind}" for m in self.marks} | {f"v-{m.variety}" for m in self.marks if m.variety}
        )
        return " ".join(kinds)

    @property
    def note(self) -> str:
        return "; ".join(m.note for m in self.marks if m.note)

    @property
    def highlighted(self) -> bool:
        return any(m.kind == HIGHLIGHT for m in self.marks)


def _safe(value: str) -> str:
    return "".join(c for c in value.lower() if c.isalnum() or c == "-")[:20]


def annotation_marks(annotated: AnnotatedArticle) -> list[Mark]:
    marks = [
        Mark(m.start, m.end, "mention", _safe(m.kind), f"{m.label}: {m.text}") for m in annotated.mentions
    ]
    for q in annotated.quotes:
        speaker = q.speaker or (q.source.text if q.source else None) or "unknown speaker"
        marks.append(
            Mark(q.content.start, q.content.end, "quote", _safe(q.kind), f"{q.kind} quote by {speaker}")
        )
        if q.cue is not None:
            marks.append(Mark(q.cue.start, q.cue.end, "cue", "", "attribution cue"))
        if q.source is not None:
            marks.append(Mark(q.source.start, q.source.end, "source", "", f"speaker: {speaker}"))
    marks += [Mark(t.start, t.end, "time", _safe(t.type), f"{t.type} {t.value}") for t in annotated.times]
    return marks


def parse_range(value: str | None, length: int) -> tuple[int, int] | None:
    """``"120-180"`` → (120, 180), clamped to the text; None when absent or not a range."""
    if not value:
        return None
    start, sep, end = value.partition("-")
    if not (sep and start.isdigit() and end.isdigit()):
        return None
    a, b = min(int(start), length), min(int(end), length)
    return (a, b) if a < b else None


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """Cut ``text`` at every mark boundary; marks outside the text or empty are dropped."""
    size = len(text)
    kept = [m for m in marks if 0 <= m.start < m.end <= size]
    cuts = sorted({0, size} | {m.start for m in kept} | {m.end for m in kept})
    starting: dict[int, list[Mark]] = {}
    for m in kept:
        starting.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out = []
    for a, b in itertools.pairwise(cuts):
        active = [m for m in active if m.end > a] + starting.get(a, [])
        out.append(Segment(a, b, text[a:b], tuple(active)))
    return out


@dataclass(frozen=True)
class Run:
    """Consecutive segments inside or outside the highlighted span (the page wraps the inside in <mark>)."""

    highlighted: bool
    segments: tuple[Segment, ...]


def runs(pieces: list[Segment]) -> list[Run]:
    groups: list[tuple[bool, list[Segment]]] = []
    for piece in pieces:
        if groups and groups[-1][0] == piece.highlighted:
            groups[-1][1].append(piece)
        else:
            groups.append((piece.highlighted, [piece]))
    return [Run(flag, tuple(group)) for flag, group in groups]
