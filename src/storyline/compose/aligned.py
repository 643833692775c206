"""Aligned values: two articles say the same thing in nearly the same words but give one value
differently ("injuring five people" / "injured two people", "61-year-old Smith" / "60-year-old Smith").

Sentences of different articles are aligned when their frames (content words once values are taken
out) overlap enough. In an aligned pair every value of one side that the other side also states is an
agreement; when exactly one value of a kind is left on each side, in the same place (a neighbouring
word in common: the unit after a number, the preposition before a day), the two are one slot given two
values. Agreements and disagreements link values into slots; ``compose.conflicts`` then compares each
slot's values as it does the parsed ones (holders, ranges, updates, happenings).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.annotate.slots import PLACE_LABELS
from storyline.compose.claims import article_times, content_stems, make_claims
from storyline.compose.slots import SlotValue, held_by
from storyline.models import AnnotatedArticle, Sentence, TimeExpression
from storyline.text import ascii_fold

FRAME_SIMILARITY = 0.6  # Jaccard of two sentences' frames to align them; chosen on the tuning half
MIN_FRAME = 5  # content words a frame needs: short sentences align by chance
_NUMBER = re.compile(
    r"(?<![\w.,-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:-\d+)*(?:\s+(million|billion|thousand))?(?![\w])"
)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_NAME_LABELS = frozenset({"PERSON", "ORG"})
_CALENDAR = re.compile(r"\d{4}(?:-\d{2}){0,2}")
_WORD = re.compile(r"[\w'’$%-]+")


@dataclass(frozen=True)
class _Value:
    kind: str  # "number", "date", "place" or "name"
    key: str  # what two statements of one value share: a number, a TIMEX3 value, a folded name
    shown: str
    start: int  # article offsets
    end: int
    said: str = ""


@dataclass(frozen=True)
class _Line:
    annotated: AnnotatedArticle
    sentence: Sentence
    values: tuple[_Value, ...]
    frame: frozenset[str]


def aligned_values(articles: Sequence[AnnotatedArticle]) -> list[SlotValue]:
    """Values of slots found by aligning sentences across articles, each slot with two or more values."""
    lines = [line for a in articles for line in _lines(a)]
    if len(lines) < 2:
        return []
    parent: dict[tuple[int, int], tuple[int, int]] = {}
    for i, j in _aligned_pairs(lines):
        for a, b in _matched(lines[i], lines[j]):
            _union(parent, (i, a), (j, b))
    components: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for node in parent:
        components.setdefault(_find(parent, node), []).append(node)
    out: list[SlotValue] = []
    for root, nodes in sorted(components.items()):
        values = [lines[i].values[k] for i, k in nodes]
        if len({v.key for v in values}) < 2:
            continue
        label = _label(lines[root[0]], lines[root[0]].values[root[1]])
        for i, k in nodes:
            held = _slot_value(lines[i], lines[i].values[k], f"aligned-{root[0]}-{root[1]}", label)
            if held is not None:
                out.append(held)
    return out


def _lines(annotated: AnnotatedArticle) -> Iterator[_Line]:
    times = [t for t in article_times(annotated) if t.type == "DATE"]
    for claim in make_claims([annotated]):
        sentence = claim.sentence
        values = tuple(sorted(_values(annotated, sentence, times), key=lambda v: v.start))
        if not values:
            continue
        text = sentence.text
        for value in reversed(values):
            a, b = value.start - sentence.start, value.end - sentence.start
            text = text[:a] + " " + text[b:]
        frame = frozenset(content_stems(text))
        if len(frame) >= MIN_FRAME:
            yield _Line(annotated, sentence, values, frame)


def _values(
    annotated: AnnotatedArticle, sentence: Sentence, times: Sequence[TimeExpression]
) -> Iterator[_Value]:
    inside = [t for t in times if sentence.start <= t.start and t.end <= sentence.end]
    for t in inside:
        if _CALENDAR.fullmatch(t.value):  # a day, a month or a year; not "PRESENT_REF" or a week
            yield _Value("date", t.value, t.text, t.start, t.end, t.text.lower())
    taken = [(t.start, t.end) for t in inside]
    for m in annotated.mentions:
        if not (sentence.start <= m.start and m.end <= sentence.end) or _overlaps(m.start, m.end, taken):
            continue
        if m.label in PLACE_LABELS:
            yield _Value("place", ascii_fold(m.text.lower()), m.text, m.start, m.end)
        elif m.label in _NAME_LABELS:
            name = m.text.split()[-1] if m.label == "PERSON" else m.text  # "Dmitry Peskov" = "Peskov"
            yield _Value("name", ascii_fold(name.lower()), m.text, m.start, m.end)
        taken.append((m.start, m.end))
    for match in _NUMBER.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if _overlaps(start, end, taken):
            continue
        yield _Value("number", _number_key(match), match.group(0), start, end)


def _number_key(match: re.Match[str]) -> str:
    if "-" in match.group(0).split()[0]:
        return match.group(0).split()[0]  # a record or a score: "52-3" is one value
    value = float(match.group(1).replace(",", ""))
    return f"{value * _SCALE.get(match.group(2) or '', 1.0):g}"


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


def _aligned_pairs(lines: Sequence[_Line]) -> Iterator[tuple[int, int]]:
    """Pairs of lines of different articles whose frames overlap by FRAME_SIMILARITY or more."""
    vocab: dict[str, int] = {}
    rows = [[vocab.setdefault(w, len(vocab)) for w in line.frame] for line in lines]
    matrix = np.zeros((len(lines), len(vocab)))
    for n, row in enumerate(rows):
        matrix[n, row] = 1.0
    shared = matrix @ matrix.T
    sizes = matrix.sum(axis=1)
    jaccard = shared / (sizes[:, None] + sizes[None, :] - shared)
    for i, j in zip(*np.nonzero(np.triu(jaccard >= FRAME_SIMILARITY, k=1)), strict=True):
        a, b = lines[int(i)], lines[int(j)]
        if a.annotated.article.id != b.annotated.article.id and a.sentence.text != b.sentence.text:
            yield int(i), int(j)


def _matched(a: _Line, b: _Line) -> list[tuple[int, int]]:
    """Value pairs (index in a, index in b) that state one slot: equal values, and the one value of
    a kind each side has left over when it stands in the same place."""
    pairs = [(x, y) for x, va in enumerate(a.values) for y, vb in enumerate(b.values)
             if va.kind == vb.kind and va.key == vb.key]
    left_a = [x for x in range(len(a.values)) if x not in {p[0] for p in pairs}]
    left_b = [y for y in range(len(b.values)) if y not in {p[1] for p in pairs}]
    if len(left_a) == 1 and len(left_b) == 1:
        va, vb = a.values[left_a[0]], b.values[left_b[0]]
        if va.kind == vb.kind and _same_place(a, va, b, vb):
            pairs.append((left_a[0], left_b[0]))
    return pairs


def _same_place(a: _Line, va: _Value, b: _Line, vb: _Value) -> bool:
    """The two values share a neighbouring word: the word after a number (its unit) must match."""
    before_a, after_a = _neighbours(a, va)
    before_b, after_b = _neighbours(b, vb)
    if va.kind == "number":
        return bool(after_a) and after_a == after_b
    return bool(before_a and before_a == before_b) or bool(after_a and after_a == after_b)


def _neighbours(line: _Line, value: _Value) -> tuple[str, str]:
    text, start = line.sentence.text, line.sentence.start
    before = _WORD.findall(text[: value.start - start])
    after = _WORD.findall(text[value.end - start :])
    return (before[-1].lower() if before else "", after[0].lower() if after else "")


def _label(line: _Line, value: _Value) -> str:
    """The value's sentence around it, the value left out: 'injuring … people and damaging'."""
    text, start = line.sentence.text, line.sentence.start
    before = " ".join(text[: value.start - start].split()[-4:])
    after = " ".join(text[value.end - start :].split()[:4])
    return f"{value.kind}: “{before} … {after}”".replace("  ", " ")


def _slot_value(line: _Line, value: _Value, slot: str, label: str) -> SlotValue | None:
    sentence = line.sentence
    outlet = line.annotated.article.outlet
    stated = SlotValue(
        (value.kind, slot, ""), label, value.key, value.shown, False, sentence, outlet,
        day=None, said=value.said, at=value.start,
    )
    return held_by(stated, line.annotated)


def _find(parent: dict[tuple[int, int], tuple[int, int]], node: tuple[int, int]) -> tuple[int, int]:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def _union(parent: dict[tuple[int, int], tuple[int, int]], a: tuple[int, int], b: tuple[int, int]) -> None:
    parent.setdefault(a, a)
    parent.setdefault(b, b)
    ra, rb = sorted((_find(parent, a), _find(parent, b)))
    parent[rb] = ra
