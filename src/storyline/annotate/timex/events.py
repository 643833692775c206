"""The event date of a sentence: the day (or coarser) value of the time expression governing it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from storyline.annotate.token_arrays import picked
from storyline.extract.header import dateline_lead
from storyline.models import Sentence, TimeExpression

# values that name a calendar stretch: a day, week, month, season, quarter or year
_DATED = re.compile(r"^\d{4}(?:-(?:\d\d(?:-\d\d)?|W\d\d|Q\d|H\d|SP|SU|FA|WI))?")


def event_value(value: str) -> str | None:
    """The day-granular (or coarser) part of a TIMEX3 value, or None when it names no date."""
    found = _DATED.match(value)
    return found.group(0) if found else None


def sentence_event_dates(sentences: Sequence[Sentence], times: Sequence[TimeExpression]) -> list[Sentence]:
    """Each sentence with ``event_date`` from the dated expression governing what it reports.

    In news style that is the first dated expression ("X happened on Monday, after Y in May"),
    except the date of the telling when the sentence also dates what was told: in "Peskov said
    on Sunday that talks will start on Tuesday" the happening is the talks. A sentence read with its
    parse carries its ``asides`` (see ``mark_asides``): an expression inside a relative clause or an
    apposition then gives way to one of the main clause, even the telling's ("Putin, who ordered the
    invasion on Feb. 24, said this week ..." is dated this week), and the start of a stretch
    ("since ... on 10 March") never dates the happening, nor does the dateline the sentence opens with
    ("PHILADELPHIA, July 29 (UPI) — Fans ... on Wednesday": the day the story was filed).
    """
    ordered = sorted((t for t in times if t.type in ("DATE", "TIME")), key=lambda t: t.start)
    starts = [t.start for t in ordered]
    out: list[Sentence] = []
    for sentence in sentences:
        said = sentence.start + dateline_lead(sentence.text)
        # an expression ending by the sentence's end starts by it
        near = ordered[bisect_left(starts, said) : bisect_right(starts, sentence.end)]
        inside = [t for t in near if t.end <= sentence.end]
        dated = [(t, v) for t, v in ((t, event_value(t.value)) for t in inside) if v]
        dated = [(t, v) for t, v in dated if not _in_aside(sentence, t, "since")]
        # the main clause before asides, then what was told before the telling; else text order
        ranked = sorted(dated, key=lambda tv: (_in_aside(sentence, tv[0], "sub"), _telling(sentence, tv[0])))
        dated_on = ranked[0][1] if ranked else None
        out.append(sentence if sentence.event_date == dated_on else replace(sentence, event_date=dated_on))
    return out


def aside_days(sentence: Sentence, times: Sequence[TimeExpression]) -> set[str]:
    """Days of the background happenings a sentence dates in its asides: "Putin, who ordered the
    invasion on Feb. 24, said ..." also places the invasion on 2022-02-24."""
    return {
        value
        for t in times
        if t.type == "DATE"
        and sentence.start <= t.start
        and t.end <= sentence.end
        and (_in_aside(sentence, t, "sub") or _in_aside(sentence, t, "since"))
        and (value := event_value(t.value)) is not None
        and len(value) == 10
    }


def _in_aside(sentence: Sentence, time: TimeExpression, kind: str) -> int:
    """How many asides of ``kind`` hold the expression."""
    return sum(1 for k, lo, hi in sentence.asides if k == kind and lo <= time.start and time.end <= hi)


_SUBORDINATE = {"relcl", "acl", "appos"}


def mark_asides(doc: Any, sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences with their ``asides`` read from the article's parse (``doc`` holds its text)."""
    heads = [doc[i] for i in picked(doc, DEP=[*_SUBORDINATE, "prep", "mark"])]  # in text order
    heads = [t for t in heads if t.dep_ in _SUBORDINATE or t.lower_ == "since"]
    positions = [t.i for t in heads]
    out = []
    for sentence in sentences:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            out.append(sentence)
            continue
        asides = []
        for token in heads[bisect_left(positions, span.start) : bisect_left(positions, span.end)]:
            first, last = _subtree_ends(token)
            kind = "sub" if token.dep_ in _SUBORDINATE else "since"
            asides.append((kind, first.idx, last.idx + len(last.text)))
        out.append(replace(sentence, asides=tuple(asides)) if asides or sentence.asides else sentence)
    return out


def _subtree_ends(token: Any) -> tuple[Any, Any]:
    """The first and the last token ``token.subtree`` yields, without walking the whole subtree: it
    yields each left child's subtree, the token, then each right child's subtree, so its first token
    is at the end of the chain of first left children and its last at the end of the chain of last
    right children (the same tokens as ``left_edge``/``right_edge`` in a projective parse, and still
    what ``subtree`` yields in a non-projective one)."""
    first = token
    while (child := next(first.lefts, None)) is not None:
        first = child
    last = token
    while rights := list(last.rights):
        last = rights[-1]
    return first, last


_TELLING = (
    r"(?:said|says|say|told|tells|announced|announces|stated|states|added|adds|reported|reports|"
    r"confirmed|confirms|noted|notes|wrote|writes|tweeted|declared|claimed|insisted)"
)
_TOLD_BEFORE = re.compile(rf"\b{_TELLING}\s+(?:on\s+|late\s+|early\s+|last\s+)?$", re.IGNORECASE)
_TOLD_AFTER = re.compile(rf",?\s*(?:\w+\s+){{0,2}}{_TELLING}\b", re.IGNORECASE)


def _telling(sentence: Sentence, time: TimeExpression) -> bool:
    """Whether a reporting verb stands right before or after the expression ("said on Sunday",
    "on Sunday, he said", "said late Sunday")."""
    start, end = time.start - sentence.start, time.end - sentence.start
    before = sentence.text[max(0, start - 24) : start]
    return bool(_TOLD_BEFORE.search(before) or _TOLD_AFTER.match(sentence.text, end, end + 30))
