"""The one calendar lexicon: the English month and weekday words every stage reads.

It sits below every stage (it imports nothing of storyline), so extraction, dedupe, annotation and
compose all take their month and weekday words from here; the time grammar builds on it in
``annotate.timex.lexicon``.
"""

from __future__ import annotations

from collections.abc import Iterable

# A happening this many days before its report is context, not news: the timeline calls it background and
# an event is never dated by it.
BACKGROUND_DAYS = 365

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
)  # fmt: skip
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# the short forms a month name starts with, as news writes them ("Sept. 4", "Jan 12")
MONTH_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip


def month_word(group: str | None = None) -> str:
    """A regex piece for a month written in full or short, capitalised ("March", "Sept.", "Jan"); with
    ``group``, the short form is captured under that name."""
    short = "|".join(MONTH_SHORT)
    return (f"(?P<{group}>{short})" if group else f"(?:{short})") + r"[a-z]*\.?"


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that "sept" wins over "sep"."""
    items = sorted(words, key=len, reverse=True)
    return "|".join(w.replace(".", r"\.").replace(" ", r"\s+") for w in items)
