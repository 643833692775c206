"""Resolvers of calendar dates, quarters and expressions relative to the anchor, and the registry
of every rule's resolver (durations, sets and times of day live in ``durations``).

A resolver returns None to reject a match that only looked like a time ("2000 people").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.annotate.timex import calendar as cal
from storyline.annotate.timex.anaphora import r_same_period, r_that_day, r_that_month, r_that_year, r_the_day
from storyline.annotate.timex.context import Context, Match, Resolved, Resolver, full_year, group, span_of
from storyline.annotate.timex.durations import (
    duration_value,
    fmt_number,
    r_bare_units,
    r_clock,
    r_duration,
    r_half_unit,
    r_holiday,
    r_noon,
    r_range,
    r_range_first,
    r_ref,
    r_set,
    r_spelled_year,
    r_the_unit,
    r_times_a,
    unit_word,
)
from storyline.annotate.timex.lexicon import (
    ORDINALS,
    PARTS_OF_DAY,
    SEASON_MONTH,
    SEASONS,
    UNITS,
    month_number,
    number_value,
    weekday_number,
)

# ---- calendar dates -------------------------------------------------------------------------


def r_iso(m: Match, ctx: Context) -> Resolved | None:
    year, month, day = full_year(m["y"]), int(m["m"]), int(m["d"])
    if not cal.valid_day(year, month, day):
        return None
    return Resolved(date(year, month, day).isoformat(), "DATE", False)


def r_month_day(m: Match, ctx: Context) -> Resolved | None:
    month, day = month_number(m["mon"]), int(re.sub(r"\D", "", m["d"]))
    edge = group(m, "edge")
    if m.groupdict().get("y"):
        year: int | None = int(m["y"])
    elif edge in ("last", "next") and ctx.anchor:
        year = cal.day_year(ctx.anchor, month, day, -2 if edge == "last" else 2)
    elif m.groupdict().get("wd") and ctx.anchor:
        year = _year_for_weekday(ctx.anchor, month, day, weekday_number(m["wd"]))
    elif ctx.anchor:
        year = cal.day_year(ctx.anchor, month, day, ctx.tense(*m.span()))
    else:
        return Resolved(f"XXXX-{month:02d}-{day:02d}", "DATE", False)
    if year is None or not cal.valid_day(year, month, day):
        return None
    return Resolved(f"{year}-{month:02d}-{day:02d}", "DATE", not m.groupdict().get("y"))


def _year_for_weekday(anchor: date, month: int, day: int, weekday: int) -> int | None:
    """ "Monday, March 14": the year near the anchor in which March 14 is a Monday."""
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        if cal.valid_day(year, month, day) and date(year, month, day).weekday() == weekday:
            return year
    return cal.day_year(anchor, month, day, 0)


def r_month_rel_year(m: Match, ctx: Context) -> Resolved | None:
    if ctx.anchor is None:
        return None
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(group(m, "rel") or group(m, "rel_of"), 0)
    return Resolved(f"{year}-{month_number(m['mon']):02d}", "DATE", True)


def r_year_period(m: Match, ctx: Context) -> Resolved | None:
    """ "earned $20 million in the 1988 period": the quarter last named, in that year."""
    if ctx.last_quarter and re.fullmatch(r"\d{4}-Q\d", ctx.last_quarter):
        return Resolved(f"{m['y']}{ctx.last_quarter[4:]}", "DATE", False)
    if ctx.anchor is None:
        return Resolved(m["y"], "DATE", False)
    ended = cal.add_months(ctx.anchor, -3)  # results are reported for the quarter that just ended
    return Resolved(f"{m['y']}-Q{cal.quarter_of(ended)}", "DATE", False)


def r_year_quarter(m: Match, ctx: Context) -> Resolved | None:
    value = f"{int(m['y'])}-Q{ORDINALS[m['ord'].lower()]}"
    ctx.last_quarter = value
    return Resolved(value, "DATE", False)


def r_month_year(m: Match, ctx: Context) -> Resolved | None:
    return Resolved(f"{int(m['y'])}-{month_number(m['mon']):02d}", "DATE", False)


def r_month(m: Match, ctx: Context) -> Resolved | None:
    word, rel, pre = m["mon"], group(m, "rel"), group(m, "pre")
    if word in ("May", "MAY") and not (rel or pre):
        return None  # the modal verb at a sentence start
    if word in ("March", "MARCH") and group(m, "pre") == "to":
        return None
    month = month_number(word)
    if ctx.anchor is None:
        return Resolved(f"XXXX-{month:02d}", "DATE", False)
    if rel == "last" or pre == "since":  # "since November" reaches back to the last one
        year = ctx.anchor.year - (1 if month >= ctx.anchor.month else 0)
    elif rel == "next":
        year = ctx.anchor.year + (1 if month <= ctx.anchor.month else 0)
    else:
        year = cal.month_year(ctx.anchor, month, ctx.tense(*span_of(m)))
    return Resolved(f"{year}-{month:02d}", "DATE", True)


def r_week_of_month(m: Match, ctx: Context) -> Resolved | None:
    """ "the last week of March": the ISO week whose Thursday is that Thursday of the month."""
    month = month_number(m["mon"])
    if m["y"]:
        year = int(m["y"])
    elif ctx.anchor is not None:
        year = cal.month_year(ctx.anchor, month, ctx.tense(*span_of(m)))
    else:
        return Resolved(f"XXXX-{month:02d}", "DATE", False)
    nth = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(m["ord"].lower(), -1)
    return Resolved(cal.week_value(cal.nth_weekday(year, month, 3, nth)), "DATE", not m["y"])


def r_year_short(m: Match, ctx: Context) -> Resolved | None:
    return Resolved(str(full_year(m["y"])), "DATE", False)


def r_decade(m: Match, ctx: Context) -> Resolved | None:
    dec = m["dec"]
    if len(dec) == 2:
        dec = ("19" if int(dec) > 20 else "20") + dec
    if dec.endswith("00") and not m.group(0).lower().startswith("the"):
        return None  # "1900s" is more often a count than a century without "the"
    return Resolved(dec[:3], "DATE", False)


def r_century(m: Match, ctx: Context) -> Resolved | None:
    return Resolved(f"{int(m['c']) - 1:02d}", "DATE", False)


_COUNT_NOUN = re.compile(r"\s+(?:[a-z]+s|people|troops|staff|police|percent)\b(?!')")
_INDEX_AFTER = re.compile(r"\s+[Ii]ndex\b")
_NAME_BEFORE = re.compile(
    r"\b(?!(?:In|Since|By|From|Until|Before|After|During|For|Of|At|On)\s)[A-Z][\w&]*\s+$"
)


def r_year(m: Match, ctx: Context) -> Resolved | None:
    year = int(m["y"])
    if _COUNT_NOUN.match(ctx.text, m.end()) and not m["edge"]:
        return None  # "2000 troops"
    if _INDEX_AFTER.match(ctx.text, m.end()) and _NAME_BEFORE.search(
        ctx.text, max(0, m.start() - 30), m.start()
    ):
        return None  # "the Russell 2000 Index" names an index
    if ctx.anchor and year > ctx.anchor.year + 30:
        return None
    edge = group(m, "edge")
    value = f"FY{year}" if edge in ("fy",) else str(year)
    return Resolved(value, "DATE", False)


def r_season(m: Match, ctx: Context) -> Resolved | None:
    code, rel = SEASONS[m["s"].lower()], group(m, "rel")
    if m["s"].lower() == "fall" and not (rel or m["the"] or m["y"]):
        return None  # the verb
    if m["y"]:
        return Resolved(f"{m['y']}-{code}", "DATE", False)
    if ctx.anchor is None:
        return Resolved(f"XXXX-{code}", "DATE", False)
    year = ctx.anchor.year
    month = SEASON_MONTH[code]
    if rel in ("last", "past"):
        year -= 1 if month >= ctx.anchor.month else 0
    elif rel in ("next", "coming"):
        year += 1 if month <= ctx.anchor.month else 0
    elif rel != "this":
        year = cal.month_year(ctx.anchor, month, ctx.tense(*m.span()))
    return Resolved(f"{year}-{code}", "DATE", True)


# ---- quarters and fiscal periods ------------------------------------------------------------


def r_quarter(m: Match, ctx: Context) -> Resolved | None:
    unit, ord_, rels = m["unit"].lower(), group(m, "ord"), m.group(0).lower()
    if unit == "period" and not ord_ and "same" not in rels and "latest" not in rels:
        return None
    if ctx.anchor is None:
        return None
    if rels == "quarter" and re.search(r"(?:\ban?\s+|-)$", ctx.text[max(0, m.start() - 4) : m.start()]):
        return None  # "about a quarter of its dealers", "a quarter-century"
    if unit == "half":
        if ord_ not in ("first", "second", "1st", "2nd"):
            return None
        year = int(m["y"]) if m["y"] else ctx.anchor.year
        return Resolved(f"{year}-H{ORDINALS[ord_]}", "DATE", not m["y"])
    if ord_ in ORDINALS and ord_ not in ("last", "final"):
        number = ORDINALS[ord_]
        year = int(m["y"]) if m["y"] else _quarter_year(ctx, number, group(m, "yrel") or group(m, "yrel2"))
        if not m["y"] and re.search(r"year-(?:earlier|ago)", rels):
            year -= 1  # "the year-ago third quarter"
        value = f"{year}-Q{number}"
    else:
        current = cal.quarter_of(ctx.anchor)
        moved = cal.add_months(ctx.anchor, -3) if "current" not in rels else ctx.anchor
        value = (
            f"{moved.year}-Q{cal.quarter_of(moved)}"
            if "current" not in rels
            else f"{ctx.anchor.year}-Q{current}"
        )
        if re.search(r"year-(?:earlier|ago)|same|^last year's", rels) and ctx.last_quarter:
            value = _year_before(ctx.last_quarter)
    ctx.last_quarter = value
    return Resolved(value, "DATE", not m["y"])


def _quarter_year(ctx: Context, number: int, yrel: str) -> int:
    assert ctx.anchor is not None
    if yrel == "last":
        return ctx.anchor.year - 1
    if yrel == "next":
        return ctx.anchor.year + 1
    # quarters are reported after they end: a later quarter than now is last year's, unless it
    # lies nearer ahead than behind ("closures during the fourth quarter", written in August)
    ahead = number - cal.quarter_of(ctx.anchor)
    return ctx.anchor.year - (1 if ahead > 0 and 4 - ahead <= ahead and not yrel else 0)


def _year_before(value: str) -> str:
    return f"{int(value[:4]) - 1}{value[4:]}"


def r_year_earlier(m: Match, ctx: Context) -> Resolved | None:
    """ "a year earlier": in earnings news, the same quarter a year before."""
    if ctx.anchor is None:
        return None
    if _YEAR_TO_DATE.search(_sentence_before(ctx.text, m.start())):
        # "for the nine months, net rose from a year earlier": nine months of last year, written
        # as that year (TIMEX3 has no value for part of a year)
        return Resolved(str(int((ctx.last_quarter or str(ctx.anchor.year))[:4]) - 1), "DATE", True)
    if ctx.last_quarter:
        return Resolved(_year_before(ctx.last_quarter), "DATE", True)
    if _QUARTERLY.search(ctx.text):  # results are reported for the quarter that just ended
        ended = cal.add_months(ctx.anchor, -3)
        return Resolved(f"{ended.year - 1}-Q{cal.quarter_of(ended)}", "DATE", True)
    return Resolved(str(ctx.anchor.year - 1), "DATE", True)


_QUARTERLY = re.compile(r"\bquarter\b", re.IGNORECASE)
# a year-to-date period named in the sentence, and no quarter named after it
_YEAR_TO_DATE = re.compile(
    r"\b(?:(?:nine|six|9|6)\s+months|first\s+half)\b(?!.*\bquarter)", re.IGNORECASE | re.DOTALL
)
_SENTENCE_START = re.compile(r"[.!?][\"'”’)]?\s+(?=[A-Z\"'“(])|\n")


def _sentence_before(text: str, start: int) -> str:
    """The text of the sentence holding ``start``, up to it."""
    lo = max(0, start - 400)
    ends = [m.end() for m in _SENTENCE_START.finditer(text, lo, start)]
    return text[ends[-1] if ends else lo : start]


def r_ordinal_months(m: Match, ctx: Context) -> Resolved | None:
    n = number_value(m["num"])
    return Resolved(f"P{fmt_number(n)}M" if n else "PXM", "DURATION", False)


# ---- relative to the anchor -----------------------------------------------------------------

_UNIT_LETTER = {"week": "W", "weekend": "W", "month": "M", "year": "Y", "decade": "E", "century": "C"}


_MID_SENTENCE = re.compile(r"[a-z,;:'\"`“]\s*$")


def r_relative(m: Match, ctx: Context) -> Resolved | None:
    rel, unit = re.sub(r"^the\s+", "", group(m, "rel")), m["unit"].lower()
    if ctx.anchor is None or rel == "that":
        return None
    if (
        m["unit"][0].isupper()
        and not m["unit"].isupper()
        and _MID_SENTENCE.search(ctx.text, max(0, m.start() - 3), m.start())
    ):
        return None  # a title: ABC's "This Week"
    step = {"last": -1, "next": 1}.get(rel, 0)
    if unit == "weekend":
        return Resolved(_weekend(ctx.anchor, step), "DATE", True)
    if unit in ("decade", "century"):
        size = 10 if unit == "decade" else 100
        return Resolved(str(ctx.anchor.year // size + step)[: (3 if size == 10 else 2)], "DATE", True)
    return Resolved(cal.shift(ctx.anchor, _UNIT_LETTER[unit], step), "DATE", True)


def _weekend(anchor: date, step: int) -> str:
    return f"{cal.week_value(anchor + timedelta(weeks=step))}-WE"


def r_relative_in(m: Match, ctx: Context) -> Resolved | None:
    if ctx.anchor is None:
        return None
    unit = m["unit"].lower()
    if unit == "day":
        return Resolved(ctx.anchor.isoformat(), "DATE", True)
    return Resolved(cal.shift(ctx.anchor, _UNIT_LETTER[unit], 0), "DATE", True)


def r_weekend(m: Match, ctx: Context) -> Resolved | None:
    if ctx.anchor is None:
        return None
    word = m.group(0).split()[0].lower()
    step = {"last": -1, "next": 1, "this": 0}.get(word)
    if step is None:  # "the weekend": the tense says which one
        step = -1 if ctx.tense(*m.span()) < 0 and ctx.anchor.weekday() < 5 else 0
    return Resolved(_weekend(ctx.anchor, step), "DATE", True)


_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def r_today(m: Match, ctx: Context) -> Resolved | None:
    word = " ".join(m["word"].lower().split())
    offset = _DAY_WORDS.get(word, -2 if "before" in word else 2)
    part = PARTS_OF_DAY.get(group(m, "part")) or ("NI" if word == "tonight" else "")
    if ctx.anchor is None:
        return Resolved("PRESENT_REF" if offset == 0 else "XXXX-XX-XX", "DATE", False)
    day = (ctx.anchor + timedelta(days=offset)).isoformat()
    return Resolved(f"{day}T{part}", "TIME", True) if part else Resolved(day, "DATE", True)


def r_this_part(m: Match, ctx: Context) -> Resolved | None:
    if ctx.anchor is None:
        return None
    part = PARTS_OF_DAY[m["part"].lower()]
    back = "last" in m["word"].lower()
    day = ctx.anchor - timedelta(days=1 if back else 0)
    return Resolved(f"{day.isoformat()}T{part}", "TIME", True)


def r_mid_part(m: Match, ctx: Context) -> Resolved | None:
    if ctx.anchor is None:
        return None
    day = ctx.anchor + timedelta(days=_DAY_WORDS.get(group(m, "word"), 0))
    return Resolved(f"{day.isoformat()}T{PARTS_OF_DAY[m['part'].lower()]}", "TIME", True)


def r_each_month(m: Match, ctx: Context) -> Resolved | None:
    if m["mon"]:
        return Resolved(f"XXXX-{month_number(m['mon']):02d}", "SET", False)
    return Resolved(f"XXXX-{SEASONS[m['s'].lower()]}", "SET", False)


def r_nth_day(m: Match, ctx: Context) -> Resolved | None:
    if ctx.anchor is None:
        return None
    if (m["unit"] or m["unit2"]).lower() == "week":
        return Resolved(cal.week_value(ctx.anchor), "DATE", True)
    return Resolved(ctx.anchor.isoformat(), "DATE", True)


def r_week_of_day(m: Match, ctx: Context) -> Resolved | None:
    day = r_month_day(m, ctx)
    if day is None or day.value.startswith("X"):
        return day
    return Resolved(cal.week_value(date.fromisoformat(day.value)), "DATE", day.relative)


def r_weekday(m: Match, ctx: Context) -> Resolved | None:
    weekday, rel = weekday_number(m["wd"]), " ".join(group(m, "rel").split())
    part = PARTS_OF_DAY.get(group(m, "part"), "")
    if ctx.anchor is None:
        value = f"XXXX-WXX-{weekday + 1}"
        return Resolved(value, "DATE", False)
    if rel in ("the previous", "the following") and ctx.last_day is not None:
        # "down 4.5% from the previous Friday": the Friday before the day last named
        day = cal.weekday_date(ctx.last_day, weekday, -1 if rel == "the previous" else 1, strict=True)
    elif rel in ("last", "the previous"):
        day = cal.weekday_date(ctx.anchor, weekday, -1, strict=True)
    elif rel in ("next", "the following", "the next", "coming"):
        day = cal.weekday_date(ctx.anchor, weekday, 1, strict=True)
    else:
        # from the match's start: "until 9 a.m. Tuesday" reads its cue before the clock
        direction = ctx.tense(m.start(), m.end("wd"))
        day = cal.weekday_date(ctx.anchor, weekday, direction or -1)
    if part:  # TimeBank types "Wednesday night" a DATE that carries its part of day
        return Resolved(f"{day.isoformat()}T{part}", "DATE", True)
    return Resolved(day.isoformat(), "DATE", True)


def r_day_by_weekday(m: Match, ctx: Context) -> Resolved | None:
    day = r_weekday(m, ctx)
    if day is None or not day.relative:
        return day
    shifted = date.fromisoformat(day.value) + timedelta(days=1 if m["side"].lower() == "after" else -1)
    return Resolved(shifted.isoformat(), "DATE", True)


def r_ago(m: Match, ctx: Context) -> Resolved | None:
    unit, _, size = UNITS[unit_word(m["unit"])]
    n = number_value(m["num"])
    back = m["dir"].lower() == "ago"
    if ctx.anchor is None:
        return None
    if n is None or n != int(n) or unit in ("S", "H") or (unit == "M" and UNITS[unit_word(m["unit"])][1]):
        value = "PAST_REF" if back else "FUTURE_REF"
        return Resolved(value, "DATE", True)
    if _ROUGHLY.search(ctx.text, max(0, m.start() - 16), m.start()):
        return Resolved(duration_value(n, m["unit"]), "DURATION", False)  # "almost two years ago"
    amount = int(n) * size * (-1 if back else 1)
    if size >= 10:
        years = ctx.anchor.year + amount
        return Resolved(str(years)[:3] if size == 10 else str(years)[:2], "DATE", True)
    return Resolved(cal.shift(ctx.anchor, unit, amount), "DATE", True)


_ROUGHLY = re.compile(r"\b(?:almost|about|nearly|more\s+than|roughly|approximately|around|some)\s+$", re.I)


def r_future_ref(m: Match, ctx: Context) -> Resolved | None:
    return Resolved("FUTURE_REF", "DATE", False)


def r_year_end(m: Match, ctx: Context) -> Resolved | None:
    """ "by year-end" is this year's end, written as the year; "since year-end", last year's."""
    if ctx.anchor is None:
        return None
    if group(m, "pre") == "since":
        return Resolved(f"{ctx.anchor.year - 1}-12-31", "DATE", True)
    return Resolved(str(ctx.anchor.year), "DATE", True)


def r_clock_day(m: Match, ctx: Context) -> Resolved | None:
    """ "5 p.m. EST Nov. 9", "noon Saturday": the time of day on the day named after it."""
    clock = r_noon(m, ctx) if m.groupdict().get("w") else r_clock(m, ctx)
    if m["wd"]:
        day = r_weekday(m, ctx)
    elif m.groupdict().get("word"):
        day = r_today(m, ctx)
    else:
        day = r_month_day(m, ctx)
    if clock is None or day is None:
        return None
    return Resolved(day.value[:10] + clock.value[10:], "TIME", day.relative)


def r_the_past_unit(m: Match, ctx: Context) -> Resolved | None:
    """ "over the past year" names the last calendar year, "the next year or so" the coming one;
    "over the past decade" is a stretch of ten years, "in the past decade" the decade before."""
    rel, unit = m["rel"].lower(), m["unit"].lower()
    step = 1 if rel in ("next", "coming") else -1
    stretch = unit in ("decade", "century") and not _IN_BEFORE.search(
        ctx.text, max(0, m.start() - 12), m.start()
    )
    if ctx.anchor is None or stretch:
        return Resolved(duration_value(1, unit), "DURATION", False)
    if unit == "week":  # "for the last week": the seven days up to now, this week
        return Resolved(cal.shift(ctx.anchor, "W", max(step, 0)), "DATE", True)
    if unit in ("decade", "century"):
        size = 10 if unit == "decade" else 100
        return Resolved(str(ctx.anchor.year // size + step), "DATE", True)
    return Resolved(cal.shift(ctx.anchor, _UNIT_LETTER[unit], step), "DATE", True)


_IN_BEFORE = re.compile(r"\b(?:in|during)\s+$")


RESOLVERS: dict[str, Resolver] = {
    "iso": r_iso,
    "slash": r_iso,
    "month_day": r_month_day,
    "day_month": r_month_day,
    "month_year": r_month_year,
    "month": r_month,
    "month_rel_year": r_month_rel_year,
    "year_quarter": r_year_quarter,
    "year_period": r_year_period,
    "week_of_month": r_week_of_month,
    "week_of_day": r_week_of_day,
    "mid_part": r_mid_part,
    "day_by_weekday": r_day_by_weekday,
    "each_month": r_each_month,
    "that_month": r_that_month,
    "nth_day": r_nth_day,
    "year_short": r_year_short,
    "decade": r_decade,
    "decade_short": r_decade,
    "decade_the": r_decade,
    "century": r_century,
    "year": r_year,
    "season": r_season,
    "quarter": r_quarter,
    "ordinal_months": r_ordinal_months,
    "relative": r_relative,
    "relative_in": r_relative_in,
    "edge_of_the": r_relative_in,
    "over_the_units": r_bare_units,
    "soon": r_future_ref,
    "one_day": r_future_ref,
    "weekend": r_weekend,
    "today": r_today,
    "this_part": r_this_part,
    "weekday": r_weekday,
    "ago": r_ago,
    "year_earlier": r_year_earlier,
    "duration": r_duration,
    "range": r_range,
    "range_first": r_range_first,
    "day_after_and": r_month_day,
    "bare_units": r_bare_units,
    "units_long": r_bare_units,
    "term": r_future_ref,
    "year_end": r_year_end,
    "the_unit": r_the_unit,
    "half_unit": r_half_unit,
    "set": r_set,
    "times_a": r_times_a,
    "clock": r_clock,
    "clock24": r_clock,
    "noon": r_noon,
    "the_day": r_the_day,
    "that_day": r_that_day,
    "that_year": r_that_year,
    "same_period": r_same_period,
    "the_past_unit": r_the_past_unit,
    "clock_day": r_clock_day,
    "clock24_day": r_clock_day,
    "noon_day": r_clock_day,
    "spelled_year": r_spelled_year,
    "ref": r_ref,
    "holiday": r_holiday,
}

__all__ = ["RESOLVERS", "Context", "Resolved", "span_of"]
