"""Calendar arithmetic on TIMEX3 values: shifting by units and writing values at a granularity."""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta

Direction = int  # -1 looks back from the anchor, +1 forward, 0 unknown


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _cal.monthrange(year, month + 1)[1]))


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def shift(anchor: date, unit: str, amount: int) -> str:
    """The TIMEX3 value ``amount`` units away from ``anchor``, at that unit's granularity."""
    if unit == "D":
        return (anchor + timedelta(days=amount)).isoformat()
    if unit == "W":
        return week_value(anchor + timedelta(weeks=amount))
    if unit == "M":
        return add_months(anchor, amount).isoformat()[:7]
    if unit == "Q":
        moved = add_months(anchor, 3 * amount)
        return f"{moved.year}-Q{quarter_of(moved)}"
    return str(anchor.year + amount)


def weekday_date(anchor: date, weekday: int, direction: Direction, *, strict: bool = False) -> date:
    """The ``weekday`` nearest ``anchor`` in ``direction``; the anchor's own day counts unless strict."""
    if direction > 0:
        delta = (weekday - anchor.weekday()) % 7
        return anchor + timedelta(days=delta or (7 if strict else 0))
    delta = (anchor.weekday() - weekday) % 7
    return anchor - timedelta(days=delta or (7 if strict else 0))


def month_year(anchor: date, month: int, direction: Direction) -> int:
    """The year of a month named without one: this year's, unless the tense points the other way
    and the month is far enough off: a past "November" in October may still be this year's (a
    report written at the month's turn), a past "December" is last year's; a future month must lie
    more than two months back to be next year's."""
    gap = month - anchor.month
    if direction < 0 and gap > 1:
        return anchor.year - 1
    if direction > 0 and gap < -2:
        return anchor.year + 1
    return anchor.year


def day_year(anchor: date, month: int, day: int, direction: Direction) -> int | None:
    """The year of "Feb. 24": the nearest one to the anchor, then the tense breaks far-off ties."""
    candidates: list[tuple[int, int]] = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            gap = (date(year, month, day) - anchor).days
        except ValueError:
            continue
        candidates.append((year_cost(gap, direction), year))
    return min(candidates)[1] if candidates else None


def year_cost(gap: int, direction: Direction) -> int:
    """How unlikely a date ``gap`` days from the anchor is for a clause pointing ``direction``."""
    if abs(direction) > 1:  # "last Oct. 23", "next March 3": strictly on that side
        wrong_way = (direction < 0 and gap >= 0) or (direction > 0 and gap <= 0)
        return abs(gap) + (400 if wrong_way else 0)
    # a date well off in the wrong direction for the tense (over ~6 weeks) counts thrice: a date
    # announced for later is often reported in the past tense ("declared a dividend payable Dec. 15")
    wrong_way = (direction < 0 and gap > 45) or (direction > 0 and gap < -45)
    return abs(gap) * (3 if wrong_way else 1)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` ``weekday`` of a month (``nth`` = -1: the last one): Thanksgiving is (11, 3, 4)."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = add_months(date(year, month, 1), 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def valid_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
