"""Conflicts: the same slot of the same happening given values that cannot all be true.

Slots and their values come from ``compose.slots`` (the day the talks start, the number of people
killed, the place of a dated happening, an age, the holder of a role), each value with its holder:
the speaker whose quote states it, else the outlet itself. Values of one slot are compared only
inside one event and one happening: days more than a few days apart belong to different rounds, not
to a disagreement. Values stated in one sentence are a range or a sequence, never a conflict. Numbers
are ranges ("about 80,000" is 72,000..88,000, "at least 20" 20 and up) and conflict only when the
ranges cannot meet; a count stated for a later time, or a larger one in a later report, is an
*update* (a toll that rises), shown as such. A value a quote denies or asks about is held by no one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, Literal

from storyline.compose.aligned import SAME_SPELLING, aligned_values
from storyline.compose.attributes import attribute_values
from storyline.compose.claims import keys_by_start
from storyline.compose.days import weekday_mismatches
from storyline.compose.facts import distinct_outlets
from storyline.compose.slots import PLACE_LABELS, SlotValue, slot_values, weekday_name
from storyline.compose.words import spelled_alike
from storyline.models import AnnotatedArticle, Citation, Conflict, ConflictNature, ConflictValue, Event
from storyline.text import ascii_fold

ConflictKind = Literal["date", "number", "place", "name"]
_DEICTIC = frozenset({"today", "tonight", "this morning", "this afternoon", "this evening", "yesterday",
                      "tomorrow", "last night", "now"})
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
SAME_HAPPENING_DAYS = 3  # day values further apart than this report different happenings
_KINDS: dict[str, ConflictKind] = {"date": "date", "number": "number", "place": "place", "name": "name"}


def find_conflicts(articles: Sequence[AnnotatedArticle], events: Sequence[Event]) -> list[Conflict]:
    """Disagreements inside each event; articles that no event names are compared with each other."""
    by_id = {a.article.id: a for a in articles}
    scopes = [[by_id[i] for i in e.article_ids if i in by_id] for e in events]
    covered = {i for e in events for i in e.article_ids}
    loose = [a for a in articles if a.article.id not in covered]
    if loose:
        scopes.append(loose)
    conflicts: list[Conflict] = []
    for scope in scopes:
        together = places_together(scope)
        found = _conflicts_in(slot_values(scope), together)
        for more in (attribute_values(scope), aligned_values(scope)):
            found += [c for c in _conflicts_in(more, together) if not _restates(c, found)]
        conflicts.extend(found)
    conflicts.extend(c for a in articles for c in calendar_conflicts(a))
    return conflicts


def calendar_conflicts(annotated: AnnotatedArticle) -> list[Conflict]:
    """A weekday written beside a date the calendar puts on another day: the text disagrees with itself."""
    article = annotated.article
    out = []
    for wrong in weekday_mismatches(article.text, article.published.value):
        cite = (Citation(article.id, article.outlet, wrong.start, wrong.end),)
        outlets = distinct_outlets(cite)
        calendar = weekday_name(wrong.day.isoformat())
        written = (article.text[wrong.start : wrong.end],)
        values = (
            ConflictValue(f"{wrong.written} (as written)", cite, outlets, outlets, written),
            ConflictValue(
                f"{calendar} (the calendar's day for {wrong.day.isoformat()})", cite, outlets, ("calendar",),
                written,
            ),
        )
        out.append(Conflict(f"weekday of {wrong.day.isoformat()}", "date", values))
    return out


def places_together(articles: Sequence[AnnotatedArticle]) -> set[frozenset[str]]:
    """Pairs of places named in one sentence ("Istanbul, Turkey"): one may contain the other."""
    pairs: set[frozenset[str]] = set()
    for annotated in articles:
        places_in = keys_by_start(
            (m.start, ascii_fold(m.text.lower())) for m in annotated.mentions if m.label in PLACE_LABELS
        )
        for sentence in annotated.sentences:
            places = places_in(sentence)
            pairs.update(frozenset((a, b)) for a in places for b in places if a != b)
    return pairs


def _conflicts_in(values: Sequence[SlotValue], together: set[frozenset[str]]) -> list[Conflict]:
    by_slot: dict[tuple[str, str, str], list[SlotValue]] = {}
    for value in values:
        by_slot.setdefault(value.slot, []).append(value)
    conflicts = []
    for slot, stated in sorted(by_slot.items()):
        if slot[0] == "name":
            stated = _same_spellings(stated)
        for happening in _happenings(slot[0], stated):
            if slot[0] == "place" and _nested(happening, together):
                continue
            if slot[0] == "number":
                conflicts.extend(number_conflicts(happening))
                continue
            conflict = _conflict(happening)
            if conflict is not None:
                conflicts.append(conflict)
    return conflicts


def _restates(conflict: Conflict, others: Sequence[Conflict]) -> bool:
    """A conflict whose every cited sentence another conflict of its kind and nature already cites."""
    cited = {(c.article_id, c.start) for v in conflict.values for c in v.citations}
    return any(
        o.kind == conflict.kind
        and o.nature == conflict.nature
        and cited <= {(c.article_id, c.start) for v in o.values for c in v.citations}
        for o in others
    )


def _same_spellings(stated: list[SlotValue]) -> list[SlotValue]:
    """Zelensky and Zelenskyy are one name: near-identical surnames take the first one's value."""
    seen: list[str] = []
    out = []
    for value in stated:
        match = next((s for s in seen if spelled_alike(s, value.value, SAME_SPELLING)), None)
        if match is None:
            seen.append(value.value)
        out.append(replace(value, value=match or value.value))
    return out


def _nested(stated: Sequence[SlotValue], together: set[frozenset[str]]) -> bool:
    """Places that some sentence names together (a city and its country) do not disagree."""
    places = sorted({v.value for v in stated})
    return any(frozenset((a, b)) in together for a in places for b in places if a < b)


def _happenings(kind: str, stated: list[SlotValue]) -> list[list[SlotValue]]:
    """Split a slot's values into happenings: runs of days no more than a few days apart."""
    if kind == "place" and stated[0].day is not None:
        by_day: dict[str | None, list[SlotValue]] = {}
        for value in stated:
            by_day.setdefault(value.day, []).append(value)
        return [v for day, v in sorted(by_day.items(), key=lambda kv: kv[0] or "") if day]
    if kind != "date" or not all(_ISO_DAY.fullmatch(v.value) for v in stated):
        return [stated]
    ordered = sorted(stated, key=lambda v: v.value)
    runs: list[list[SlotValue]] = [[ordered[0]]]
    for value in ordered[1:]:
        gap = (date.fromisoformat(value.value) - date.fromisoformat(runs[-1][-1].value)).days
        if gap > SAME_HAPPENING_DAYS:
            runs.append([])
        runs[-1].append(value)
    return runs


def _conflict(stated: list[SlotValue]) -> Conflict | None:
    """A date, place or name given different values (a hedged value never starts one)."""
    firm = [v for v in stated if not v.hedged]
    distinct = {v.value for v in firm}
    if len(distinct) < 2:
        return None
    # One article's different names are mostly different people, and its different days for one kind
    # of happening different happenings ("campaigned on Wednesday", "will campaign again on Friday");
    # across articles they disagree.
    if stated[0].slot[0] in ("name", "date") and not any(
        a.value != b.value and a.sentence.article_id != b.sentence.article_id for a in firm for b in firm
    ):
        return None
    # "today" in two articles of different days names two days, not one day two ways
    if stated[0].slot[0] == "date" and len({v.said for v in firm}) == 1 and firm[0].said in _DEICTIC:
        return None
    sentences_of = {value: {_key(v) for v in firm if v.value == value} for value in distinct}
    # Values that only ever appear together in one sentence are a range or a sequence.
    if len({frozenset(s) for s in sentences_of.values()}) == 1:
        return None
    return _build(stated[0], [[v for v in stated if v.value == value] for value in sorted(distinct)])


def number_conflicts(stated: list[SlotValue]) -> list[Conflict]:
    """Counts of one slot whose ranges cannot meet, across articles: a conflict when they describe the
    same time, an update when one is stated for a later time ("still", "so far") or a later article
    gives a larger figure (a toll that rises). One article's different counts are different things."""
    clash: set[SlotValue] = set()
    change: set[SlotValue] = set()
    for n, a in enumerate(stated):
        for b in stated[n + 1 :]:
            if a.sentence.article_id == b.sentence.article_id or not _apart(a, b):
                continue
            (change if _over_time(a, b) else clash).update((a, b))
    out = []
    if clash:
        out.append(_build(stated[0], _by_value(clash, key=lambda v: _amount(v) or 0.0)))
    if change:
        ordered = _by_value(change, key=lambda v: (v.later, v.published or date.min, _amount(v) or 0.0))
        out.append(_build(stated[0], ordered, nature="update"))
    return out


def _apart(a: SlotValue, b: SlotValue) -> bool:
    """Two numbers whose ranges ("about 80,000": 72,000..88,000) share no value; a record ("52-3") is
    apart from any other record."""
    if a.value == b.value:
        return False
    if _amount(a) is None or _amount(b) is None:
        return True
    return a.high < b.low or b.high < a.low


def _over_time(a: SlotValue, b: SlotValue) -> bool:
    """One figure at two times: one is stated for later, or the later article gives the larger one."""
    if a.later != b.later:
        return True
    if a.published is None or b.published is None or a.published == b.published:
        return False
    first, second = (a, b) if a.published < b.published else (b, a)
    return (_amount(second) or 0.0) > (_amount(first) or 0.0)


def _amount(value: SlotValue) -> float | None:
    try:
        return float(value.value)
    except ValueError:
        return None  # a record or a score


def _by_value(stated: set[SlotValue], key: Callable[[SlotValue], Any]) -> list[list[SlotValue]]:
    """The statements grouped by value, groups in the order of their first statement under ``key``."""
    groups: dict[str, list[SlotValue]] = {}
    for value in sorted(stated, key=lambda v: (key(v), v.sentence.article_id, v.at)):
        groups.setdefault(value.value, []).append(value)
    return list(groups.values())


def _build(first: SlotValue, groups: list[list[SlotValue]], nature: ConflictNature = "conflict") -> Conflict:
    values = tuple(_conflict_value(group) for group in groups)
    articles = [{c.article_id for c in v.citations} for v in values]
    both = sorted(
        {a for n, ids in enumerate(articles) for a in ids if any(a in o for o in articles[n + 1 :])}
    )
    return Conflict(first.label, _KINDS[first.slot[0]], values, nature, tuple(both))


def _key(value: SlotValue) -> tuple[str, int]:
    return value.sentence.article_id, value.sentence.start


def _conflict_value(stated: list[SlotValue]) -> ConflictValue:
    cited = {
        Citation(v.sentence.article_id, v.outlet, v.sentence.start, v.sentence.end): v.sentence.text
        for v in sorted(stated, key=lambda v: (v.sentence.article_id, v.sentence.start))
    }
    citations = tuple(cited)
    holders = tuple(dict.fromkeys(v.holder for v in stated if v.holder))
    texts = tuple(cited.values())
    return ConflictValue(_shown(stated), citations, distinct_outlets(citations), holders, texts)


def _shown(stated: list[SlotValue]) -> str:
    """The value as written, its hedge kept ("about 80,000") unless some statement gives it bare."""
    bare = next((v for v in stated if not v.hedge), None)
    if bare is not None:
        return bare.shown
    first = stated[0]
    return first.shown if first.hedge in first.shown.lower() else f"{first.hedge} {first.shown}"
