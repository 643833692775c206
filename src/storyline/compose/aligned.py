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
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import numpy as np

from storyline.annotate.names import surname
from storyline.annotate.slots import PLACE_LABELS
from storyline.compose.claims import article_times, only_claimed, overlaps, trimmed
from storyline.compose.slots import SlotValue, held_by
from storyline.compose.words import MONTHS, WEEKDAYS, content_stems, spelled_alike
from storyline.models import AnnotatedArticle, Mention, Sentence, TimeExpression
from storyline.text import ascii_fold

FRAME_SIMILARITY = 0.5  # Jaccard of two sentences' frames to align them; chosen on the tuning half
ANCHORED_SIMILARITY = 0.3  # ... enough when they also state ANCHORS values alike; tuning half too
ANCHORS = 2
MIN_FRAME = 5  # content words a frame needs: short sentences align by chance
SAME_SPELLING = 0.8  # Zelensky and Zelenskyy are one name (compose.conflicts reads surnames with it too)
_NUMBER = re.compile(
    r"(?<![\w.,-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:-\d+)*(?:\s+(million|billion|thousand))?(?![\w])"
)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_NAME_LABELS = frozenset({"PERSON", "ORG"})
# a day, a month or a year; in an undated article a weekday ("XXXX-WXX-5") or a day of a month
_CALENDAR = re.compile(r"\d{4}(?:-\d{2}){0,2}|XXXX-WXX-[1-7]|XXXX-\d{2}-\d{2}")
_CAPITALISED = re.compile(r"(?<![\w.’'-])[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)*(?![\w.]\w)")
_CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_WORD = re.compile(r"[\w'’$%-]+")
_NAME_WORD = re.compile(r"\w+")
# Sentences whose values no one states (compose.claims.only_claimed's reasons): the claim a fact-check
# checks, words a quote denies or asks about, a post left as markup. Someone's quoted words ("quoted",
# kept out of summaries and timelines) still state values: held_by gives them to the speaker.
NOT_STATED = frozenset({"fact-check claim", "denied", "asked", "embedded post"})


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
    for i, j, close in _aligned_pairs(lines):
        for a, b in _matched(lines[i], lines[j], 1 if close else 2):
            _union(parent, (i, a), (j, b))
    components: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for node in parent:
        components.setdefault(_find(parent, node), []).append(node)
    out: list[SlotValue] = []
    for root, nodes in sorted(components.items()):
        values = [lines[i].values[k] for i, k in nodes]
        full = {v.key for v in values if not v.key.startswith("XXXX")}
        keys = {v.key if v.key in full else next((f for f in full if _fits(v.key, f)), v.key) for v in values}
        if len(keys) < 2:
            continue
        first = lines[root[0]].values[root[1]]
        label = _label(lines[root[0]], first)
        names = sorted({v for v in values if _group(v) == "entity"}, key=lambda v: (-len(v.shown), v.key))
        for i, k in nodes:
            value = lines[i].values[k]
            fitting = [f for f in full if _fits(value.key, f)]
            if len(fitting) == 1:  # "Friday" in an undated article is the Friday a dated one names
                value = replace(value, key=fitting[0])
            if _group(value) == "entity":  # "Post" is the "Washington Post" the slot also names
                value = replace(value, key=next(n.key for n in names if _one_name(value, n)))
            slot = (first.kind, f"aligned-{root[0]}-{root[1]}", "")  # one kind for one slot's values
            held = _slot_value(lines[i], value, slot, label)
            if held is not None:
                out.append(held)
    return out


def _lines(annotated: AnnotatedArticle) -> Iterator[_Line]:
    times = [t for t in article_times(annotated) if t.type == "DATE"]
    inside = _within(annotated.mentions)
    for sentence in map(trimmed, annotated.sentences):  # headlines too: they state values
        if only_claimed(annotated, sentence) in NOT_STATED:
            continue
        values = tuple(sorted(_values(sentence, times, inside(sentence)), key=lambda v: v.start))
        if not values:
            continue
        text = sentence.text  # numbers and dates out of the frame; names stay, they say who and where
        for value in reversed(values):
            if value.kind in ("number", "date"):
                a, b = value.start - sentence.start, value.end - sentence.start
                text = text[:a] + " " + text[b:]
        frame = frozenset(content_stems(text))
        if len(frame) >= MIN_FRAME:
            yield _Line(annotated, sentence, values, frame)


def _within(mentions: Sequence[Mention]) -> Callable[[Sentence], list[Mention]]:
    """The mentions inside a sentence, in their order in ``mentions``: found by their starts (sorted
    once per article) rather than by reading every mention of the article for every sentence."""
    order = sorted(range(len(mentions)), key=lambda n: mentions[n].start)
    starts = [mentions[n].start for n in order]

    def inside(sentence: Sentence) -> list[Mention]:
        found = order[bisect_left(starts, sentence.start) : bisect_right(starts, sentence.end)]
        return [mentions[n] for n in sorted(found) if mentions[n].end <= sentence.end]

    return inside


def _values(
    sentence: Sentence, times: Sequence[TimeExpression], mentions: Sequence[Mention]
) -> Iterator[_Value]:
    """The values ``sentence`` states, from its time expressions, its ``mentions`` and its figures.

    Read for every sentence of every story (about 7,000 on ECB+), so written as plain loops: the time
    expressions inside are found and taken in one pass, and ``_overlaps`` is a loop rather than
    ``any`` over a generator; the values and their order are those of reading each source in turn."""
    first, last = sentence.start, sentence.end
    taken: list[tuple[int, int]] = []
    for t in times:
        if first <= t.start and t.end <= last:
            if _CALENDAR.fullmatch(t.value):  # a day, a month or a year; not "PRESENT_REF" or a week
                yield _Value("date", t.value, t.text, t.start, t.end, t.text.lower())
            taken.append((t.start, t.end))
    for m in mentions:
        if taken and _overlaps(m.start, m.end, taken):
            continue
        if m.label in PLACE_LABELS:
            yield _Value("place", _folded(m.text), m.text, m.start, m.end)
        elif m.label in _NAME_LABELS:
            name = surname(m.text) if m.label == "PERSON" else m.text  # "Dmitry Peskov" = "Peskov"
            yield _Value("name", _folded(name), m.text, m.start, m.end)
        elif m.label != "NORP":
            continue  # a law, a work, an event: not a value, though its words may name one
        taken.append((m.start, m.end))  # a group ("New Zealander") is no name either
    text = sentence.text
    for match in _NUMBER.finditer(text):
        start, end = first + match.start(), first + match.end()
        if _overlaps(start, end, taken):
            continue
        yield _Value("number", _number_key(match), match.group(0), start, end)
    untagged = _untagged_names(sentence, taken)
    if untagged and not _title_case(text):  # in a title-case headline every word looks like a name
        yield from untagged


@lru_cache(maxsize=1 << 14)
def _folded(name: str) -> str:
    """A name lower-cased and folded to ASCII: a key (a story names its few people and places often)."""
    return ascii_fold(name.lower())


def _title_case(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) > len(words) / 2


def _untagged_names(sentence: Sentence, taken: Sequence[tuple[int, int]]) -> list[_Value]:
    """Capitalised word runs inside the sentence that the tagger left out: a name all the same (a list:
    ``_values`` asks whether there are any before it reads the sentence's case)."""
    found = []
    first = sentence.start
    for match in _CAPITALISED.finditer(sentence.text):
        if match.start() < 2:
            continue
        start, end = first + match.start(), first + match.end()
        shown = match.group(0)
        if _overlaps(start, end, taken) or shown.split(None, 1)[0].lower() in _CALENDAR_WORDS:
            continue
        found.append(_Value("name", _folded(shown), shown, start, end))
    return found


def _number_key(match: re.Match[str]) -> str:
    if "-" in match.group(0).split()[0]:
        return match.group(0).split()[0]  # a record or a score: "52-3" is one value
    value = float(match.group(1).replace(",", ""))
    return f"{value * _SCALE.get(match.group(2) or '', 1.0):g}"


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the span meets any of ``spans``: a loop, not ``any`` over a generator, as it is asked of
    every mention, figure and capitalised run of every sentence a story's alignment reads."""
    for a, b in spans:  # noqa: SIM110 (the loop is the point: see above)
        if start < b and a < end:
            return True
    return False


def _aligned_pairs(lines: Sequence[_Line]) -> Iterator[tuple[int, int, bool]]:
    """Pairs of lines of different articles whose frames overlap by FRAME_SIMILARITY or more (close),
    or by ANCHORED_SIMILARITY with ANCHORS values stated alike (not close)."""
    shared, sizes = overlaps([line.frame for line in lines])
    jaccard = shared / (sizes[:, None] + sizes[None, :] - shared)
    for i, j in zip(*np.nonzero(np.triu(jaccard >= ANCHORED_SIMILARITY, k=1)), strict=True):
        a, b = lines[int(i)], lines[int(j)]
        if a.annotated.article.id == b.annotated.article.id or a.sentence.text == b.sentence.text:
            continue
        close = bool(jaccard[i, j] >= FRAME_SIMILARITY)
        if close or _agreed(a, b) >= ANCHORS:
            yield int(i), int(j), close


def _agreed(a: _Line, b: _Line) -> int:
    """How many values two lines state alike."""
    return sum(any(_group(va) == _group(vb) and _same_key(va, vb) for vb in b.values) for va in a.values)


def _matched(a: _Line, b: _Line, neighbours: int = 1) -> list[tuple[int, int]]:
    """Value pairs (index in a, index in b) that state one slot: equal values, then the values each
    side has left over paired where the pairing is unambiguous and shares ``neighbours`` neighbouring
    words (see ``_substitutions``)."""
    pairs = [(x, y) for x, va in enumerate(a.values) for y, vb in enumerate(b.values)
             if _group(va) == _group(vb) and _same_key(va, vb)]
    left_a = [x for x in range(len(a.values)) if x not in {p[0] for p in pairs}]
    left_b = [y for y in range(len(b.values)) if y not in {p[1] for p in pairs}]
    swapped = _substitutions(a, left_a, b, left_b, neighbours)
    # one value given differently is a disagreement; several at once are two scopes or two happenings
    return pairs + swapped if len(swapped) == 1 else pairs


def _substitutions(
    a: _Line, left_a: list[int], b: _Line, left_b: list[int], neighbours: int
) -> list[tuple[int, int]]:
    """Leftover values of one shape (a number with the same unit after it, a weekday, a month, a
    year, a name or place) that stand in the same place: each value takes the other side's value
    sharing most neighbouring words with it, when that one is its only best and it is theirs."""
    score: dict[tuple[int, int], int] = {}
    for x in left_a:
        for y in left_b:
            va, vb = a.values[x], b.values[y]
            if _shape(a, va) == _shape(b, vb):
                shared = _shared_neighbours(a, va, b, vb)
                lone = va.kind == "date" and _alone(a, left_a, va) and _alone(b, left_b, vb)
                if shared >= neighbours:  # a number's shape already holds its unit
                    score[(x, y)] = shared
                elif neighbours == 1 and lone:
                    score[(x, y)] = 0  # the one weekday (or month, or year) each side has left

    return [pair for pair in score if _best(pair, score, 0) and _best(pair, score, 1)]


def _alone(line: _Line, left: list[int], value: _Value) -> bool:
    return sum(_shape(line, line.values[n]) == _shape(line, value) for n in left) == 1


def _best(pair: tuple[int, int], score: dict[tuple[int, int], int], side: int) -> bool:
    rivals = [n for other, n in score.items() if other[side] == pair[side]]
    return rivals.count(max(rivals)) == 1 and score[pair] == max(rivals)


def _group(value: _Value) -> str:
    # taggers call one town a place in one article and an organisation in the next
    return "entity" if value.kind in ("name", "place") else value.kind


def _shape(line: _Line, value: _Value) -> str:
    if value.kind == "number":
        return "number " + _neighbours(line, value)[1]
    if value.kind == "date":
        return "date " + re.sub(r"\d", "9", value.key.replace("XXXX", "9999"))
    return "entity"


def _same_key(a: _Value, b: _Value) -> bool:
    """Equal values; a weekday or a day of a month read without a year equals a full day that has it."""
    if a.key == b.key:
        return True
    if _group(a) == "entity" and _group(b) == "entity":
        return _same_name(a.key, b.key)
    return a.kind == "date" and b.kind == "date" and (_fits(a.key, b.key) or _fits(b.key, a.key))


def _one_name(a: _Value, b: _Value) -> bool:
    """Two values name one thing: by their keys, or by their words as written."""
    return _same_name(a.key, b.key) or _same_name(ascii_fold(a.shown.lower()), ascii_fold(b.shown.lower()))


@lru_cache(maxsize=1 << 16)  # aligned lines compare the same few names pair after pair
def _same_name(a: str, b: str) -> bool:
    """ "Post" is the "Washington Post", "P.J. Carlesimo" is "PJ Carlesimo", "Zelensky" "Zelenskyy"."""
    words_a, words_b = (set(_NAME_WORD.findall(k.replace(".", ""))) for k in (a, b))
    if words_a and words_b and (words_a <= words_b or words_b <= words_a):
        return True
    return spelled_alike(a, b, SAME_SPELLING)


def _fits(partial: str, full: str) -> bool:
    if not _ISO_DAY.fullmatch(full):
        return False
    if partial.startswith("XXXX-WXX-"):
        return date.fromisoformat(full).isoweekday() == int(partial[-1])
    return partial.startswith("XXXX-") and partial[4:] == full[4:]


def _shared_neighbours(a: _Line, va: _Value, b: _Line, vb: _Value) -> int:
    """How many of the words just before and just after the two values are the same (0 to 2)."""
    before_a, after_a = _neighbours(a, va)
    before_b, after_b = _neighbours(b, vb)
    return int(bool(before_a) and before_a == before_b) + int(bool(after_a) and after_a == after_b)


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


def _slot_value(line: _Line, value: _Value, slot: tuple[str, str, str], label: str) -> SlotValue | None:
    sentence = line.sentence
    outlet = line.annotated.article.outlet
    stated = SlotValue(
        slot, label, value.key, value.shown, False, sentence, outlet,
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
