"""The calendar check of conflicts: a weekday written beside a date that falls on another day.

Days themselves come from the time-expression annotator (``annotate.timex``), never read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from storyline.calendar_words import MONTH_NAMES, WEEKDAY_NAMES, month_word

WEEKDAYS = WEEKDAY_NAMES
_MONTHS = {m[:3]: n for n, m in enumerate(MONTH_NAMES, start=1)}
_MONTH = month_word("month")


@dataclass(frozen=True)
class WeekdayMismatch:
    """A weekday written beside a date that falls on another weekday ("Monday, March 15, 2022")."""

    start: int
    end: int
    written: str
    day: date


_WEEKDAY_DATE_RE = re.compile(
    rf"\b({'|'.join(d.capitalize() for d in WEEKDAY_NAMES)}),?\s+{_MONTH}\s+(\d{{1,2}})(?:,?\s+(\d{{4}}))?"
)


def weekday_mismatches(text: str, anchor: date | None) -> list[WeekdayMismatch]:
    """Weekday-and-date pairs that the calendar contradicts; the year is the written one or the anchor's."""
    found = []
    for match in _WEEKDAY_DATE_RE.finditer(text):
        year = int(match.group(4)) if match.group(4) else (anchor.year if anchor else None)
        month = _MONTHS.get(match.group("month")[:3].lower())
        if year is None or month is None:
            continue
        try:
            day = date(year, month, int(match.group(3)))
        except ValueError:
            continue
        if WEEKDAYS[day.weekday()] != match.group(1).lower():
            found.append(WeekdayMismatch(match.start(), match.end(), match.group(1), day))
    return found
