"""Day references in a sentence, resolved against the article's date.

The time-expression annotator is the real source of dates; this is the fallback compose uses when an
article arrives without ``times``, so facts and conflicts still compare days rather than weekday names.
It reads weekdays (forward when the clause looks ahead, back otherwise) and "March 14" / "14 March".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.models import TimeExpression

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    m[:3]: n
    for n, m in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"),
        start=1,
    )
}
_MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY_RE = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_MONTH_DAY_RE = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})\b(?!\s*,?\s*\d{{3}})|\b(\d{{1,2}})\s+{_MONTH}")
_FUTURE = re.compile(
    r"\b(will|would|could|can|may|might|set to|next|likely|expected|scheduled|due|planned|"
    r"until|as early as|starting|begin|start|resume)\b",
    re.IGNORECASE,
)
_PAST = re.compile(r"\b(said|says|was|were|had|did|met|held|last|late|earlier)\b", re.IGNORECASE)


@dataclass(frozen=True)
class DayRef:
    start: int
    end: int
    text: str
    value: str  # ISO day, 2022-03-29


def weekday_date(name: str, anchor: date, looks_ahead: bool | None) -> date:
    """The date of weekday ``name`` next to ``anchor``: the way the clause points, else the nearest."""
    target = WEEKDAYS.index(name.lower())
    delta = (target - anchor.weekday()) % 7
    if delta == 0:
        return anchor
    if looks_ahead is None:
        looks_ahead = delta <= 3
    return anchor + timedelta(days=delta) if looks_ahead else anchor - timedelta(days=7 - delta)


def _looks_ahead(text: str, position: int) -> bool | None:
    """True for a future cue just before the weekday, False for a past one, None for neither."""
    before = text[max(0, position - 16) : position]
    future = [m.start() for m in _FUTURE.finditer(before)]
    past = [m.start() for m in _PAST.finditer(before)]
    if not future and not past:
        return None
    return max(future, default=-1) > max(past, default=-1)


def _month_day(match: re.Match[str], anchor: date) -> date | None:
    month_word = match.group(1) or match.group(4)
    day_text = match.group(2) or match.group(3)
    month = _MONTHS.get(month_word[:3].lower())
    if month is None:
        return None
    try:
        return date(anchor.year, month, int(day_text))
    except ValueError:
        return None


def find_days(text: str, anchor: date | None) -> list[DayRef]:
    """Weekdays and month-day dates in ``text`` with ISO values; nothing when there is no anchor."""
    if anchor is None:
        return []
    refs: list[DayRef] = []
    for match in _MONTH_DAY_RE.finditer(text):
        day = _month_day(match, anchor)
        if day:
            refs.append(DayRef(match.start(), match.end(), match.group(0), day.isoformat()))
    taken = [(r.start, r.end) for r in refs]
    for match in _WEEKDAY_RE.finditer(text):
        if any(s <= match.start() < e + 2 for s, e in taken) or _next_is_month(text, match.end()):
            continue
        day = weekday_date(match.group(1), anchor, _looks_ahead(text, match.start()))
        refs.append(DayRef(match.start(), match.end(), match.group(0), day.isoformat()))
    return sorted(refs, key=lambda r: r.start)


def _next_is_month(text: str, end: int) -> bool:
    # "Monday, March 14": the explicit date that follows carries the value.
    return re.match(rf",?\s*{_MONTH}\s+\d", text[end : end + 16]) is not None


def as_times(article_id: str, text: str, anchor: date | None, offset: int = 0) -> list[TimeExpression]:
    """``find_days`` as TimeExpression records with article offsets."""
    return [
        TimeExpression(
            article_id, offset + r.start, offset + r.end, r.text, r.value, "DATE",
            anchor.isoformat() if anchor else None,
        )
        for r in find_days(text, anchor)
    ]


@dataclass(frozen=True)
class WeekdayMismatch:
    """A weekday written beside a date that falls on another weekday ("Monday, March 15, 2022")."""

    start: int
    end: int
    written: str
    day: date


_WEEKDAY_DATE_RE = re.compile(
    rf"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+{_MONTH}\s+(\d{{1,2}})(?:,?\s+(\d{{4}}))?"
)


def weekday_mismatches(text: str, anchor: date | None) -> list[WeekdayMismatch]:
    """Weekday-and-date pairs that the calendar contradicts; the year is the written one or the anchor's."""
    found = []
    for match in _WEEKDAY_DATE_RE.finditer(text):
        year = int(match.group(4)) if match.group(4) else (anchor.year if anchor else None)
        month = _MONTHS.get(match.group(2)[:3].lower())
        if year is None or month is None:
            continue
        try:
            day = date(year, month, int(match.group(3)))
        except ValueError:
            continue
        if WEEKDAYS[day.weekday()] != match.group(1).lower():
            found.append(WeekdayMismatch(match.start(), match.end(), match.group(1), day))
    return found
