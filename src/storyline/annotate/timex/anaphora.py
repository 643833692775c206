"""Expressions that take their date from an earlier one, resolved in text order.

"ended the day at 8,017" in a Saturday's market report is Friday's close, named earlier ("On
Friday"); "later that year" is the year last named; a clock time without a day ("at 10 p.m.") is
on the day its sentence names ("shot at 10 p.m. Friday").
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from datetime import date

from storyline.annotate.timex import calendar as cal
from storyline.annotate.timex.context import Context, Match, Resolved, group

# a placeholder for the first pass, where earlier expressions are not known yet
_PENDING = Resolved("XXXX-XX-XX", "DATE", False)
# a market day named more than a week from the article's date is not the day being reported
_MARKET_DAY_REACH = 7


def r_the_day(m: Match, ctx: Context) -> Resolved | None:
    """ "ended the day at 7,114": the day last named, when it is near the anchor; else the anchor."""
    if ctx.anchor is None:
        return None
    day = ctx.last_day
    if day is None or abs((day - ctx.anchor).days) > _MARKET_DAY_REACH:
        day = ctx.anchor
    return Resolved(day.isoformat(), "DATE", True)


def r_that_day(m: Match, ctx: Context) -> Resolved | None:
    """ "that day", "the same day", "earlier that day": the day last named (dropped without one)."""
    if not ctx.ordered:
        return _PENDING
    if ctx.last_day is None:
        return None
    return Resolved(ctx.last_day.isoformat(), "DATE", True)


def r_that_year(m: Match, ctx: Context) -> Resolved | None:
    """ "later that year", "the following year": the year last named, moved by the word."""
    if not ctx.ordered:
        return _PENDING
    if ctx.last_year is None:
        return None
    step = {"following": 1, "previous": -1}.get(group(m, "rel") or group(m, "rel2"), 0)
    return Resolved(str(ctx.last_year + step), "DATE", True)


def r_that_month(m: Match, ctx: Context) -> Resolved | None:
    """ "later that month", "the following month": the month last named, moved by the word."""
    if not ctx.ordered:
        return _PENDING
    if ctx.last_period is None or not re.fullmatch(r"\d{4}-\d\d", ctx.last_period):
        return None
    year, month = int(ctx.last_period[:4]), int(ctx.last_period[5:])
    index = year * 12 + month - 1 + {"following": 1, "previous": -1, "prior": -1}.get(group(m, "rel"), 0)
    return Resolved(f"{index // 12}-{index % 12 + 1:02d}", "DATE", True)


def r_same_period(m: Match, ctx: Context) -> Resolved | None:
    """ "the same period last year": the month or quarter last named, a year before."""
    if not ctx.ordered:
        return _PENDING
    if ctx.last_period is None:
        return None
    return Resolved(f"{int(ctx.last_period[:4]) - 1}{ctx.last_period[4:]}", "DATE", True)


_CLOCK_RULES = {"clock", "clock24", "noon"}
_DAY_VALUE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_YEAR_VALUE = re.compile(r"^\d{4}(?!\d)")
_PERIOD_VALUE = re.compile(r"\d{4}-(?:\d\d|Q\d|H\d)")
_SENTENCE_END = re.compile(r"\n|(?<=[.!?])(?<![ap]\.m\.)[\"'”’)]?\s+(?=[A-Z\"'“(])")  # not "10 a.m. Friday"


def date_the_clocks(
    text: str, found: Sequence[tuple[int, int, str, Resolved]]
) -> list[tuple[int, int, str, Resolved]]:
    """Clock times that took the anchor's day get the day named nearest them in their sentence
    ("at 18:00 UTC" after "flew Tuesday"). ``found`` is in text order."""
    days = [
        (s, e, r.value[:10])
        for s, e, rule, r in found
        if rule not in _CLOCK_RULES and _DAY_VALUE.match(r.value)
    ]
    out = []
    for start, end, rule, resolved in found:
        if rule in _CLOCK_RULES and resolved.relative and resolved.type == "TIME":
            day = _day_for(text, start, end, days)
            if day is not None:
                resolved = Resolved(day + resolved.value[10:], resolved.type, True)
        out.append((start, end, rule, resolved))
    return out


def _day_for(text: str, start: int, end: int, days: Sequence[tuple[int, int, str]]) -> str | None:
    lo = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, end)
    hi = stop.start() if stop else len(text)
    near = [
        (min(abs(s - end), abs(start - e)), v)
        for s, e, v in days
        if lo <= s and e <= hi and (s, e) != (start, end)
    ]
    return min(near)[1] if near else None


def note(ctx: Context, value: str) -> None:
    """Remember the day and year of an expression, for the anaphora after it."""
    found = _DAY_VALUE.match(value)
    if found:
        with contextlib.suppress(ValueError):
            ctx.last_day = date(int(found[1]), int(found[2]), int(found[3]))
    if _YEAR_VALUE.match(value):
        ctx.last_year = int(value[:4])
    if _PERIOD_VALUE.fullmatch(value):
        ctx.last_period = value


# what joins the two ends of a stretch of days: "Thursday through Monday", "from Friday to Sunday"
_RANGE_JOIN = re.compile(r"\s*(?:through|thru|to|until|till|-|–|—)\s*", re.I)


def close_weekday_ranges(
    text: str, found: Sequence[tuple[int, int, str, Resolved]]
) -> list[tuple[int, int, str, Resolved]]:
    """The second weekday of a stretch is the first such day after the first ("a poll taken Thursday
    through Monday", told on a Wednesday, ran from the Thursday before to the Monday before, not to
    the coming Monday): each end read alone from its own tense can fall on either side of the
    article's date. ``found`` is in text order."""
    out = list(found)
    for i in range(1, len(out)):
        (_, first_end, first_rule, first), (start, end, rule, second) = out[i - 1], out[i]
        if first_rule != "weekday" or rule != "weekday" or not _RANGE_JOIN.fullmatch(text[first_end:start]):
            continue
        if not (
            first.relative
            and second.relative
            and _DAY_VALUE.match(first.value)
            and _DAY_VALUE.match(second.value)
        ):
            continue
        begin, day = date.fromisoformat(first.value[:10]), date.fromisoformat(second.value[:10])
        closed = cal.weekday_date(begin, day.weekday(), 1, strict=True)
        out[i] = (start, end, rule, Resolved(closed.isoformat() + second.value[10:], second.type, True))
    return out
