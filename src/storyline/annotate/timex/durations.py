"""Resolvers for durations, sets, times of day, references and holidays."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from storyline.annotate.timex import calendar as cal
from storyline.annotate.timex.context import Context, Match, Resolved, group, span_of
from storyline.annotate.timex.lexicon import (
    FLOATING_HOLIDAYS,
    HOLIDAYS,
    REFS,
    SEASONS,
    SETS,
    UNITS,
    month_number,
    number_value,
    weekday_number,
)


def unit_word(word: str) -> str:
    word = word.lower()
    if word == "centuries":
        return "century"
    return word[:-1] if word.endswith("s") and word[:-1] in UNITS else word


def fmt_number(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | None, word: str) -> str:
    letter, is_time, size = UNITS[unit_word(word)]
    amount = "X" if n is None else fmt_number(n * size)
    if n is not None and n * size != int(n * size) and (letter, is_time) in _HALVES:
        # "5 1/2 hours" is PT5H30M, "a day and a half" P1DT12H: the half in the next smaller unit
        smaller, times = _HALVES[(letter, is_time)]
        whole = int(n * size)
        rest = fmt_number((n * size - whole) * times)
        head = f"{whole}{letter}" if whole else ""
        if smaller == "H":  # "three and a half days": P3DT12H
            return f"P{head}T{rest}H"
        return f"PT{head}{rest}{smaller}" if is_time else f"P{head}{rest}{smaller}"
    return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"


_HALVES = {("H", True): ("M", 60), ("M", True): ("S", 60), ("D", False): ("H", 24)}


def r_duration(m: Match, ctx: Context) -> Resolved | None:
    num = m["num"].lower()
    if num in ("a", "an") and m["unit"].lower() == "second":
        return None  # "a second term"
    if num in ("a", "an", "one") and m["unit"].lower().endswith("s"):
        return None  # "a decades-long dispute": the article goes with the noun
    if _FRACTION.match(m.group(0)) and _FRACTION_OF.match(ctx.text, m.end()):
        return None  # "three-quarters of its food", "about a quarter, of its dealers"
    if m["unit"][0].isupper() and not m["num"][0].isupper():
        return None  # a name: "60 Minutes"
    n = number_value(num)
    if num in ("a", "an", "one", "single") and not (m["the"] or m["old"] or "-" in m.group(0)):
        n = 1.0
    if m["half"] or m["half2"]:
        n = None if n is None else n + 0.5
    return Resolved(duration_value(n, m["unit"]), "DURATION", False)


_FRACTION = re.compile(r"(?i)(?:an?|one|three)[\s-]+quarters?$")
_FRACTION_OF = re.compile(r"\s*,?\s*of\b")


def r_range(m: Match, ctx: Context) -> Resolved | None:
    return Resolved(duration_value(None, m["unit"]), "DURATION", False)


def r_range_first(m: Match, ctx: Context) -> Resolved | None:
    return Resolved(duration_value(number_value(m["num"].lower()), m["unit"]), "DURATION", False)


def r_bare_units(m: Match, ctx: Context) -> Resolved | None:
    return Resolved(duration_value(None, m["unit"]), "DURATION", False)


def r_the_unit(m: Match, ctx: Context) -> Resolved | None:
    """ "for the year ended Sept. 30" is a stretch of a year; "a high for the year" is this year."""
    unit = m["unit"].lower()
    if m["ended"] or ctx.anchor is None or (unit == "day" and not m["whole"]):
        return Resolved(duration_value(1, unit), "DURATION", False)
    if unit == "year":
        # early in a year, what is reported in the past tense is the year just ended
        back = ctx.anchor.month <= 2 and ctx.tense(*span_of(m)) < 0
        return Resolved(str(ctx.anchor.year - back), "DATE", True)
    return Resolved(cal.shift(ctx.anchor, unit[0].upper(), 0), "DATE", True)


def r_half_unit(m: Match, ctx: Context) -> Resolved | None:
    unit = m["unit"] or m["unit2"]
    n = 0.5 if m["unit"] else 1.5
    if unit.lower() == "hour":
        return Resolved("PT30M" if n == 0.5 else "PT90M", "DURATION", False)
    return Resolved(duration_value(n, unit), "DURATION", False)


def r_set(m: Match, ctx: Context) -> Resolved | None:
    if m["adv"]:
        return Resolved(SETS[m["adv"].lower()], "SET", False)
    if m["every"].lower() == "a" and not _after_amount(ctx.text, m.start()):
        return None  # "a year" is a duration unless it prices something: "$5 a year"
    if m["wd"]:
        return Resolved(f"XXXX-WXX-{weekday_number(m['wd']) + 1}", "SET", False)
    return Resolved(duration_value(1, m["unit"]), "SET", False)


def _after_amount(text: str, start: int) -> bool:
    before = text[max(0, start - 30) : start]
    return bool(re.search(r"(?:[$£€]\s?[\d.,]+(?:\s+(?:million|billion))?|\d+\s*(?:percent|%))\s*$", before))


def r_times_a(m: Match, ctx: Context) -> Resolved | None:
    return Resolved(duration_value(1, m["unit"]), "SET", False)


def r_clock(m: Match, ctx: Context) -> Resolved | None:
    hour, minute = int(m["h"]), int(m["m"] or 0)
    ampm = (m.groupdict().get("ampm") or "").lower()
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm:
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    day = ctx.anchor or None
    zone = m.groupdict().get("tz") or ""
    suffix = ""
    if zone.upper() in ("GMT", "UTC", "Z"):  # TIMEX3 writes universal time with Z, shifted to it
        shift = int(re.sub(r"\s", "", m.groupdict().get("shift") or "0"))
        stamp = datetime(2000, 1, 2, hour % 24, minute) - timedelta(hours=shift)
        if day is not None:
            day = day + timedelta(days=(stamp.date() - date(2000, 1, 2)).days)
        hour, suffix = stamp.hour, "Z"
    text = day.isoformat() if day else "XXXX-XX-XX"
    return Resolved(f"{text}T{hour:02d}:{minute:02d}{suffix}", "TIME", ctx.anchor is not None)


def r_spelled_year(m: Match, ctx: Context) -> Resolved | None:
    """ "nineteen ninety-four"; "January nineteen ninety-seven" and "the winter of nineteen
    ninety-four" carry their month or season."""
    if not m["tail"]:
        return Resolved("2000", "DATE", False)
    tail = number_value(m["tail"]) or 0
    unit = number_value(m["unit"]) if m["unit"] else 0
    year = str(1900 + int(tail) + int(unit or 0))
    if m["mon"]:
        return Resolved(f"{year}-{month_number(m['mon']):02d}", "DATE", False)
    if m["s"]:
        return Resolved(f"{year}-{SEASONS[m['s'].lower()]}", "DATE", False)
    return Resolved(year, "DATE", False)


def r_noon(m: Match, ctx: Context) -> Resolved | None:
    if re.search(r"\bhigh\s+$", ctx.text[max(0, m.start() - 6) : m.start()], re.IGNORECASE):
        return None  # "High Noon", the film; "high noon", the hour of decision
    clock = "24:00" if m["w"].lower() == "midnight" else "12:00"
    day = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    return Resolved(f"{day}T{clock}", "TIME", ctx.anchor is not None)


def r_ref(m: Match, ctx: Context) -> Resolved | None:
    key = " ".join(m["r"].lower().split())
    if key == "current" and not re.match(r"\s+[a-z]", ctx.text[m.end() :]):
        return None
    unit = next((w[:-1] for w in key.split() if w.endswith("s") and w[:-1] in UNITS), None)
    if unit and not key.startswith("these"):  # "in recent months", "in the coming weeks": some months
        return Resolved(duration_value(None, unit), "DURATION", False)
    return Resolved(REFS[key], "DATE", False)


def r_holiday(m: Match, ctx: Context) -> Resolved | None:
    name = " ".join(m["h"].lower().split())
    if name not in HOLIDAYS and not m["h"][0].isupper():
        return None  # "a memorial day for the victims"
    if m["y"]:
        day = _holiday(name, int(m["y"]))
        return Resolved(day.isoformat(), "DATE", False) if day else None
    if ctx.anchor is None:
        if name in HOLIDAYS:
            month, mday = HOLIDAYS[name]
            return Resolved(f"XXXX-{month:02d}-{mday:02d}", "DATE", False)
        return None
    rel = group(m, "rel")
    direction = {"last": -2, "next": 2}.get(rel) or ctx.tense(*m.span("h"))
    day = _nearest_holiday(name, ctx.anchor, direction)
    return Resolved(day.isoformat(), "DATE", True) if day else None


def _holiday(name: str, year: int) -> date | None:
    if name in HOLIDAYS:
        month, day = HOLIDAYS[name]
        return date(year, month, day)
    if name == "election day":  # the Tuesday after the first Monday of November
        return cal.nth_weekday(year, 11, 0, 1) + timedelta(days=1)
    month, weekday, nth = FLOATING_HOLIDAYS[name]
    return cal.nth_weekday(year, month, weekday, nth)


def _nearest_holiday(name: str, anchor: date, direction: int) -> date | None:
    """The holiday's date nearest the anchor; the tense breaks far-off ties as for "Feb. 24"."""
    days = [d for d in (_holiday(name, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)) if d]
    return min(days, key=lambda d: cal.year_cost((d - anchor).days, direction), default=None)
