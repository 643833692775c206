"""The event date of a sentence: the day (or coarser) value of the time expression governing it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from storyline.models import Sentence, TimeExpression

# values that name a calendar stretch: a day, week, month, season, quarter or year
_DATED = re.compile(r"^\d{4}(?:-(?:\d\d(?:-\d\d)?|W\d\d|Q\d|H\d|SP|SU|FA|WI))?")


def event_value(value: str) -> str | None:
    """The day-granular (or coarser) part of a TIMEX3 value, or None when it names no date."""
    found = _DATED.match(value)
    return found.group(0) if found else None


def sentence_event_dates(sentences: Sequence[Sentence], times: Sequence[TimeExpression]) -> list[Sentence]:
    """Each sentence with ``event_date`` set from the first dated, non-duration expression in it.

    The first one is the governing one in news style: "X happened on Monday, after Y in May".
    """
    ordered = sorted((t for t in times if t.type in ("DATE", "TIME")), key=lambda t: t.start)
    out: list[Sentence] = []
    for sentence in sentences:
        inside = [t for t in ordered if sentence.start <= t.start and t.end <= sentence.end]
        values = [v for v in (event_value(t.value) for t in inside) if v]
        out.append(replace(sentence, event_date=values[0] if values else None))
    return out
