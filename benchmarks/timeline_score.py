"""SemEval-2015 Task 4 (TimeLine) scorer: temporal-awareness F1 of entity timelines, track A.

Written from the task's description (its website's "Evaluation tool" page and the task paper),
not from the original script. A timeline file names its target entity on the first line; every other
line is ``ORDINAL<TAB>ANCHOR<TAB>EVENT[<TAB>EVENT...]``, an event being ``DOCID-SENTENCE-WORD``.

Rules, written down before scoring anything:

1. Each timeline becomes a graph. Events on one line, or on lines of the same ordinal, are
   SIMULTANEOUS; an event on ordinal ``n`` is BEFORE every event on an ordinal above ``n``.
2. Each anchor other than ``XXXX-XX-XX`` is a time node (its value with trailing ``-XX`` parts cut, so
   ``2003-XX-XX`` and ``2003`` are one node) and each event is linked to its anchor. The task page calls
   the link SIMULTANEOUS; two events of one day on ordinals 9 and 10 would then be equal and ordered at
   once, so the link is read as the event falling INSIDE its anchor (IS_INCLUDED), which closes
   without contradiction.
3. Ordinal 0 holds the events the annotators could not place: they are nodes with no relation.
4. UzZaman and Allen's temporal awareness: precision = |S- ∩ R+| / |S-|, recall = |R- ∩ S+| / |R-|,
   where G+ is the closure of graph G and G- its reduction (the fewest relations with the same
   closure). The reduction is made canonical: an equal set is a chain over its sorted members, an
   ordering between two sets runs from the first member of one to the first of the other, kept only
   when no longer path implies it, and each set's anchors hang from its first member.
5. Over a corpus the score is micro-averaged: the four counts are summed over timelines before
   precision, recall and F1 are taken (the task reports the micro average). A target without a
   system timeline counts its reference relations as missed.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

UNKNOWN = "XXXX-XX-XX"
_UNKNOWN_TAIL = re.compile(r"(-XX)+$")

Relation = tuple[str, str, str]  # (a, "=" | "<" | "in", b)


@dataclass(frozen=True)
class Line:
    """One line of a timeline: its ordinal, its anchor and the (coreferent) events it lists."""

    ordinal: int
    anchor: str
    events: tuple[str, ...]


@dataclass(frozen=True)
class Timeline:
    target: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Counts:
    """The four sums temporal awareness is built from."""

    sys_matched: int = 0  # |S- ∩ R+|
    sys_total: int = 0  # |S-|
    ref_matched: int = 0  # |R- ∩ S+|
    ref_total: int = 0  # |R-|

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.sys_matched + other.sys_matched,
            self.sys_total + other.sys_total,
            self.ref_matched + other.ref_matched,
            self.ref_total + other.ref_total,
        )

    @property
    def precision(self) -> float:
        return self.sys_matched / self.sys_total if self.sys_total else 0.0

    @property
    def recall(self) -> float:
        return self.ref_matched / self.ref_total if self.ref_total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def parse_timeline(text: str) -> Timeline:
    """A timeline file's text; blank lines are ignored, a malformed line raises ValueError."""
    rows = [row for row in text.splitlines() if row.strip()]
    if not rows:
        raise ValueError("an empty timeline: the first line must name the target entity")
    lines = []
    for row in rows[1:]:
        cells = [c.strip() for c in row.split("\t") if c.strip()]
        if len(cells) < 3 or not cells[0].isdigit():
            raise ValueError(f"a timeline line needs ORDINAL, ANCHOR and EVENT, tab-separated: {row!r}")
        lines.append(Line(int(cells[0]), cells[1], tuple(cells[2:])))
    return Timeline(rows[0].strip(), tuple(lines))


def read_timelines(folder: Path) -> dict[str, Timeline]:
    """Every ``*.txt`` timeline of a folder, by file stem."""
    return {p.stem: parse_timeline(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))}


def _anchor_node(anchor: str) -> str | None:
    if anchor == UNKNOWN:
        return None
    return "T:" + _UNKNOWN_TAIL.sub("", anchor)


@dataclass(frozen=True)
class Graph:
    """A timeline's graph, quotiented: sets of equal events, their order, and their anchors."""

    classes: tuple[tuple[str, ...], ...]  # sorted members, in ordinal order
    anchors: tuple[frozenset[str], ...]  # per class, the time nodes it falls inside


def to_graph(timeline: Timeline) -> Graph:
    by_ordinal: dict[int, set[str]] = defaultdict(set)
    anchors: dict[int, set[str]] = defaultdict(set)
    for line in timeline.lines:
        if line.ordinal == 0:
            continue
        by_ordinal[line.ordinal].update(line.events)
        node = _anchor_node(line.anchor)
        if node is not None:
            anchors[line.ordinal].add(node)
    # an event listed on two ordinals keeps the first: a set partition keeps the closure consistent
    seen: set[str] = set()
    classes, class_anchors = [], []
    for ordinal in sorted(by_ordinal):
        members = tuple(sorted(by_ordinal[ordinal] - seen))
        seen.update(members)
        if members:
            classes.append(members)
            class_anchors.append(frozenset(anchors[ordinal]))
    return Graph(tuple(classes), tuple(class_anchors))


def closure(graph: Graph) -> set[Relation]:
    """Every relation the graph implies (a timeline is a total order of its classes)."""
    found: set[Relation] = set()
    for i, members in enumerate(graph.classes):
        for a in members:
            found.update((a, "=", b) for b in members if a < b)
            found.update((a, "in", t) for t in graph.anchors[i])
            for later in graph.classes[i + 1 :]:
                found.update((a, "<", b) for b in later)
    return found


def reduction(graph: Graph) -> set[Relation]:
    """The canonical fewest relations with the same closure (rule 4)."""
    found: set[Relation] = set()
    for i, members in enumerate(graph.classes):
        found.update((a, "=", b) for a, b in itertools.pairwise(members))
        found.update((members[0], "in", t) for t in graph.anchors[i])
        if i + 1 < len(graph.classes):
            found.add((members[0], "<", graph.classes[i + 1][0]))
    return found


def _equal_pairs_folded(relations: Iterable[Relation]) -> set[Relation]:
    # "=" is symmetric: compare it with its arguments in sorted order
    return {(min(a, b), r, max(a, b)) if r == "=" else (a, r, b) for a, r, b in relations}


def counts(system: Timeline | None, reference: Timeline) -> Counts:
    """Temporal-awareness counts of one system timeline against its reference."""
    ref_graph = to_graph(reference)
    ref_minus, ref_plus = reduction(ref_graph), closure(ref_graph)
    if system is None:
        return Counts(0, 0, 0, len(ref_minus))
    sys_graph = to_graph(system)
    sys_minus = _equal_pairs_folded(reduction(sys_graph))
    sys_plus = _equal_pairs_folded(closure(sys_graph))
    ref_minus, ref_plus = _equal_pairs_folded(ref_minus), _equal_pairs_folded(ref_plus)
    return Counts(len(sys_minus & ref_plus), len(sys_minus), len(ref_minus & sys_plus), len(ref_minus))


def score(system: Mapping[str, Timeline], reference: Mapping[str, Timeline]) -> Counts:
    """Micro-averaged counts over every reference target (rule 5); extra system targets are ignored."""
    total = Counts()
    for name, ref in reference.items():
        total = total + counts(system.get(name), ref)
    return total


def format_timeline(timeline: Timeline) -> str:
    """The task's file format, so damaged or system timelines can be written and read back."""
    rows = [timeline.target]
    rows += [f"{line.ordinal}\t{line.anchor}\t" + "\t".join(line.events) for line in timeline.lines]
    return "\n".join(rows) + "\n"
