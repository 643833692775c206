"""Full dates stated in an article's header or in its metadata."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from storyline.calendar_words import MONTHS, alternation

_MONTHS = MONTHS
_MONTH = r"(?P<month>" + alternation(_MONTHS) + r")\.?"
DATE_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)([-/.])(?P<mnum>\d\d?)\2(?P<day>\d\d?)\b"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?", re.I)
_LABELS = re.compile(
    r"\b(?:date[ds]?|published|updated|posted|last|modified|on|at|gmt|utc|[ecmp][sd]?t|"
    r"mon|tue|wed|thu|fri|sat|sun)[a-z]*\b\.?|[/|·•,:()\-–—]",
    re.I,
)


def find_date(text: str) -> tuple[date, re.Match[str]] | None:
    """The first full (day, month, year) date in ``text`` and the match that states it."""
    best: tuple[date, re.Match[str]] | None = None
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            value = _to_date(match)
            if value is not None and (best is None or match.start() < best[1].start()):
                best = (value, match)
                break
    return best


def _to_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"].lower()]
    try:
        return date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None


def split_date(text: str) -> tuple[date, str] | None:
    """A short line's full date, and what the line says besides (labels, times and punctuation dropped)."""
    if len(text.split()) > 16:
        return None
    found = find_date(text)
    if found is None:
        return None
    value, match = found
    rest = _LABELS.sub(" ", _TIME.sub(" ", text[: match.start()] + " " + text[match.end() :]))
    return value, " ".join(rest.split())


def header_date(text: str) -> tuple[date, str] | None:
    """A line that is mostly a date ("March 29, 2022 / 7:43 AM", "date 2022-03-29 Trending").

    Returns the date and the words that state it; None when the line says more than a date.
    """
    found = split_date(text)
    if found is None or len(found[1].split()) > 2:
        return None
    return found[0], text.strip()


def parse_metadata_date(raw: str) -> date | None:
    """A date as metadata gives it: ISO 8601, RFC 822 (feeds), or anything with a full written date."""
    raw = raw.strip()
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        pass
    found = find_date(raw)
    return found[0] if found else numeric_date(raw)


_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})\s*[./]\s*(?P<b>\d{1,2})\s*[./]\s*(?P<year>(?:19|20)\d\d)\b")


def numeric_date(raw: str) -> date | None:
    """ "31.01.2020" or "1/31/2020": only when one part is over 12 and so must be the day.

    "05/02/2013" stays unknown: day-first and month-first readings both exist, and a wrong date
    is worse than none. (dateparser was tried here and read "11/28/05" as 2028-05-11.)
    """
    match = _NUMERIC.search(raw)
    if match is None:
        return None
    first, second, year = int(match["a"]), int(match["b"]), int(match["year"])
    if first > 12 >= second:
        day, month = first, second
    elif second > 12 >= first:
        day, month = second, first
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
