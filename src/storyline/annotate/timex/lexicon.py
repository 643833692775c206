"""Words of English news time expressions and the regular-expression pieces built from them."""

from __future__ import annotations

from storyline.calendar_words import (
    MONTH_NAMES,
    MONTH_SHORT,
    MONTHS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    alternation,
    month_word,
)

# month and weekday words: the one calendar lexicon (storyline.calendar_words), read by every stage

NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12, "a couple of": 2,
    "couple of": 2, "a couple": 2, "half a": 0.5, "a half": 0.5,
}  # fmt: skip

# Quantities that only say "some": the TIMEX3 value keeps the unit and writes X for the number.
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "dozens of", "hundreds of", "a number of")

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "last": 4, "final": 4,
}  # fmt: skip

# unit word → (TIMEX3 unit letter, is a time-of-day unit, multiplier)
UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "night": ("D", False, 1), "week": ("W", False, 1),
    "fortnight": ("W", False, 2), "month": ("M", False, 1), "quarter": ("Q", False, 1),
    "year": ("Y", False, 1), "decade": ("Y", False, 10), "century": ("Y", False, 100),
    "centurie": ("Y", False, 100),
}  # fmt: skip

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTH: dict[str, int] = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI",
}  # fmt: skip

SETS: dict[str, str] = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
    "yearly": "P1Y", "annual": "P1Y", "hourly": "PT1H", "biweekly": "P2W",
}  # fmt: skip

REFS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "at present": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "right now": "PRESENT_REF", "recently": "PAST_REF", "recent": "PAST_REF",
    "lately": "PAST_REF", "the past": "PAST_REF", "the future": "FUTURE_REF",
    "recent years": "PAST_REF", "recent months": "PAST_REF",
    "recent weeks": "PAST_REF", "recent days": "PAST_REF", "the coming days": "FUTURE_REF",
    "the coming weeks": "FUTURE_REF", "the coming months": "FUTURE_REF",
    "the coming years": "FUTURE_REF", "coming days": "FUTURE_REF", "coming weeks": "FUTURE_REF",
    "coming months": "FUTURE_REF", "coming years": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the days ahead": "FUTURE_REF", "the weeks ahead": "FUTURE_REF", "the months ahead": "FUTURE_REF",
    "the years ahead": "FUTURE_REF", "years ahead": "FUTURE_REF", "the time being": "PRESENT_REF",
    "these days": "PRESENT_REF",
}  # fmt: skip

HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25),
    "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
    "valentine's day": (2, 14), "independence day": (7, 4), "boxing day": (12, 26),
}  # fmt: skip


# holidays on the n-th weekday of a month (n = -1: the last one): (month, weekday, n)
FLOATING_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving day": (11, 3, 4), "thanksgiving": (11, 3, 4), "labor day": (9, 0, 1),
    "memorial day": (5, 0, -1), "martin luther king day": (1, 0, 3), "presidents' day": (2, 0, 3),
}  # fmt: skip


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def weekday_number(word: str) -> int:
    return WEEKDAYS[word.lower().rstrip(".")]


def number_value(word: str) -> float | None:
    """The value of a number written in digits or words; None for vague quantities ("several")."""
    text = " ".join(word.lower().replace("-", " ").split())
    if text.replace(".", "", 1).isdigit():
        return float(text)
    if text in NUMBERS:
        return NUMBERS[text]
    parts = text.split()
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:  # "twenty five"
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


__all__ = [
    "FLOATING_HOLIDAYS", "HOLIDAYS", "MONTHS", "MONTH_NAMES", "MONTH_SHORT", "NUMBERS", "ORDINALS",
    "PARTS_OF_DAY", "REFS", "SEASONS", "SEASON_MONTH", "SETS", "UNITS", "VAGUE_NUMBERS", "WEEKDAYS",
    "WEEKDAY_NAMES", "alternation", "month_number", "month_word", "number_value", "weekday_number",
]
