"""Document dating: when was an article written, from its own text or from its story's other articles.

The method: gather the days the text states outright (a dateline, "March 14, 2022", "Monday, March
14"), complete a missing year from the years the text (or the story) names, and then choose among the
days around them the one against which the article's relative mentions ("on Sunday", "will start
Tuesday", "yesterday") land on days that are stated elsewhere: in the article itself or, inside a
story, in the other articles. A day stated in a past-tense clause bounds the date from below.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from statistics import median_low
from typing import Any

from storyline.annotate.timex.finder import SentenceParser, find_times_with
from storyline.annotate.timex.lexicon import month_number
from storyline.annotate.timex.tense import DirectionOf, direction_from_doc
from storyline.models import Article, DateMethod, PublishedDate

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
_PARTIAL = re.compile(r"^XXXX-(\d\d)-(\d\d)$")
_DATELINE = re.compile(
    r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?P<d>\d{1,2})\b"
    r"(?:,?\s+(?P<y>\d{4}))?|(?P<d2>\d{1,2})\s+(?P<mon2>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"
)
# "ISTANBUL, March 28 (UPI) --" at a paragraph start, when the extractor found no dateline
_DATELINE_IN_TEXT = re.compile(
    r"(?m)^(?:[A-Z][A-Za-z .'-]{1,40},\s+)?"
    r"(?P<line>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s+\d{4})?"
    r"\s*\([A-Za-z][\w .&-]{1,30}\)\s*(?:--|—|–|-|_))"
)
# the mentions whose day depends on the candidate date and is not the candidate itself ("today" lands
# on any candidate, so it tells them apart no better than nothing)
_RELATIVE_DAY = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|tomorrow)\b", re.IGNORECASE
)
_SEARCH_DAYS = 7  # weekday names in news reach about a week either way


@dataclass(frozen=True)
class _Stated:
    """A day the text states, with the tense of its clause (-1 past, +1 future, 0 unknown)."""

    month: int
    day: int
    year: int | None
    direction: int
    text: str


def infer_published(article: Article, doc: Any | None = None) -> PublishedDate:
    """The article's date from its text alone, with the evidence and a confidence."""
    return _infer(article, doc, peer_dates=(), peer_days=frozenset())


def infer_from_peers(article: Article, peers: Sequence[Article], doc: Any | None = None) -> PublishedDate:
    """The article's date completed by the other articles of its story (their dates and the days they
    state): the year of a bare dateline, which Monday "written on a Monday" means."""
    dated = [p for p in peers if p.published.value is not None][:12]
    if not dated:
        return infer_published(article, doc)
    peer_dates = tuple(sorted(p.published.value for p in dated if p.published.value))
    return _infer(article, doc, peer_dates, frozenset(_peer_days(dated)))


def _peer_days(peers: Iterable[Article]) -> set[date]:
    days: set[date] = set()
    for peer in peers:
        days |= _days_stated(peer.text, peer.published.value)
    return days


@lru_cache(maxsize=4096)
def _days_stated(text: str, published: date | None) -> frozenset[date]:
    """The days one article states; cached because every article of a story asks for its peers' days,
    and each ask parses the peer's dated sentences."""
    days: set[date] = set()
    oracle = SentenceParser(text).direction
    for t in find_times_with(text, published, oracle):
        found = _DAY.match(t.value[:10])
        if found and t.type in ("DATE", "TIME"):
            days.add(date(int(found[1]), int(found[2]), int(found[3])))
    return frozenset(days)


def _infer(
    article: Article, doc: Any | None, peer_dates: tuple[date, ...], peer_days: frozenset[date]
) -> PublishedDate:
    direction: DirectionOf = (
        (lambda s, e: direction_from_doc(doc, s, e))
        if doc is not None
        else SentenceParser(article.text).direction
    )
    stated, years = _stated_days(article.text, direction)
    year, year_evidence = _year(years, peer_dates)
    dateline = _dateline_day(article, year)
    if dateline is not None:
        found = _dateline_result(article, dateline, year_evidence, peer_dates)
        if found is not None:
            return found
    # a day of an earlier year is background ("founded on March 5, 1946"), not news of the day
    full = [
        d
        for d in (_complete(s, year) for s in stated)
        if d is not None and (year is None or d[0].year >= year - 1)
    ]
    lower = max((d for d, s in full if s.direction <= 0), default=None)
    upper = min((d for d, s in full if s.direction > 0 and (lower is None or d >= lower)), default=None)
    window = _window(lower, upper, peer_dates)
    if window is None:
        return PublishedDate.unknown("no stated day, year or story date to start from")
    calendar = {d for d, _ in full} | set(peer_days)
    best, hits = _best_day(article.text, direction, window, calendar)
    return _result(best, hits, lower, upper, peer_dates, year_evidence)


@dataclass(frozen=True)
class _Window:
    start: date
    stop: date
    center: date
    pull: float  # how strongly the centre attracts: the story's dates pull harder than a stated day


def _window(lower: date | None, upper: date | None, peer_dates: Sequence[date]) -> _Window | None:
    """The days the article could be from: after its latest past day, before its next coming day,
    near its story's dates."""
    week = timedelta(days=_SEARCH_DAYS)
    # news is most often dated the day after the latest past day it states (measured on TimeBank and
    # MEANTIME: one day after is the commonest gap below a week), so that day is the centre
    own = _Window(lower, lower + week, lower + timedelta(days=1), 0.01) if lower else None
    if upper is not None:
        start = lower or upper - week
        center = min(lower + timedelta(days=1), upper) if lower else upper
        own = _Window(start, max(start, upper), center, 0.01)
    if peer_dates:  # the stated days bound the story's window; the week after them is only a prior
        center = median_low(peer_dates)
        # a story whose dates spread over months still gets a window of a few weeks around its
        # median: every candidate day costs a pass of the time finder over the text
        start, stop = (
            max(peer_dates[0] - week, center - 2 * week, lower or date.min),
            min(peer_dates[-1] + week, center + 2 * week, upper or date.max),
        )
        if start <= stop:
            return _Window(start, stop, min(max(center, start), stop), 0.1)
    return own


def _stated_days(text: str, direction: DirectionOf) -> tuple[list[_Stated], list[tuple[int, int]]]:
    """The days the text states, and the years it names with the tense of their clause."""
    days: list[_Stated] = []
    years: list[tuple[int, int]] = []
    for t in find_times_with(text, None, direction):
        full, partial = _DAY.match(t.value), _PARTIAL.match(t.value)
        if full and t.anchor is None:
            days.append(_Stated(int(full[2]), int(full[3]), int(full[1]), direction(t.start, t.end), t.text))
        elif partial:
            days.append(_Stated(int(partial[1]), int(partial[2]), None, direction(t.start, t.end), t.text))
        if t.anchor is None and re.match(r"^\d{4}(?:-|$)", t.value) and t.type == "DATE":
            years.append((int(t.value[:4]), direction(t.start, t.end)))
    return days, years


def _year(years: Sequence[tuple[int, int]], peer_dates: Sequence[date]) -> tuple[int | None, str]:
    """The year the article is written in: the story's; else the latest year the text names in a past
    or present clause (an article is written after what it reports), else the earliest it names in
    a coming one."""
    if peer_dates:
        year = Counter(d.year for d in peer_dates).most_common(1)[0][0]
        return year, f"year {year} from {len(peer_dates)} articles of the story"
    past = [y for y, direction in years if direction <= 0]
    if past:
        return max(past), f"year {max(past)}, the latest the text reports"
    coming = [y for y, _ in years]
    if coming:
        return min(coming), f"year {min(coming)}, the earliest the text looks ahead to"
    return None, ""


def _complete(stated: _Stated, year: int | None) -> tuple[date, _Stated] | None:
    chosen = stated.year or year
    if chosen is None:
        return None
    try:
        return date(chosen, stated.month, stated.day), stated
    except ValueError:
        return None


def _dateline_day(article: Article, year: int | None) -> tuple[int, int, int | None, str] | None:
    line = article.dateline.text if article.dateline else _find_dateline(article.text)
    if line is None:
        return None
    found = _DATELINE.search(line)
    if found is None:
        return None
    month = month_number(found["mon"] or found["mon2"])
    day = int(found["d"] or found["d2"])
    return month, day, int(found["y"]) if found["y"] else None, line.strip()


def _find_dateline(text: str) -> str | None:
    found = _DATELINE_IN_TEXT.search(text[:3000])
    return found["line"] if found else None


def _dateline_result(
    article: Article,
    dateline: tuple[int, int, int | None, str],
    year_evidence: str,
    peer_dates: Sequence[date],
) -> PublishedDate | None:
    month, day, own_year, text = dateline
    year = own_year or _year_from_evidence(year_evidence)
    if year is None:
        return None
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    evidence = f'dateline "{text}"' + ("" if own_year else f"; {year_evidence}")
    return PublishedDate(value, "dateline", evidence, 0.9 if own_year or peer_dates else 0.7)


def _year_from_evidence(evidence: str) -> int | None:
    found = re.search(r"year (\d{4})", evidence)
    return int(found[1]) if found else None


def _best_day(
    text: str, direction: DirectionOf, window: _Window, calendar: set[date]
) -> tuple[date, list[str]]:
    """The candidate day whose relative mentions land most often on stated days and lie nearest to
    it (news names a weekday for the days just around it); the centre breaks ties."""
    scored: list[tuple[float, date, list[str]]] = []
    day = window.start
    while day <= window.stop:
        relative = [t for t in find_times_with(text, day, direction) if _RELATIVE_DAY.search(t.text)]
        hits = [t.text for t in relative if _lands(t.value, calendar)]
        spread = sum(abs((_day(t.value) - day).days) for t in relative) / len(relative) if relative else 0.0
        score = len(hits) - 0.2 * spread - window.pull * abs((day - window.center).days)
        scored.append((score, day, hits))
        day += timedelta(days=1)
    _, best, hits = max(scored, key=lambda item: (item[0], -item[1].toordinal()))
    return best, hits


def _day(value: str) -> date:
    return date(int(value[:4]), int(value[5:7]), int(value[8:10]))


def _lands(value: str, calendar: set[date]) -> bool:
    found = _DAY.match(value[:10])
    return found is not None and date(int(found[1]), int(found[2]), int(found[3])) in calendar


def _result(
    best: date,
    hits: list[str],
    lower: date | None,
    upper: date | None,
    peer_dates: Sequence[date],
    year_evidence: str,
) -> PublishedDate:
    parts: list[str] = []
    if lower:
        parts.append(f"latest past day stated {lower.isoformat()}")
    if upper:
        parts.append(f"earliest coming day stated {upper.isoformat()}")
    if hits:
        parts.append(f"relative mentions that fit: {', '.join(sorted(set(hits))[:4])}")
    if year_evidence:
        parts.append(year_evidence)
    confidence = min(0.8, 0.3 + 0.15 * len(hits) + (0.2 if lower else 0.0))
    method: DateMethod = "story" if peer_dates and not lower else "text"
    return PublishedDate(best, method, "; ".join(parts), round(confidence, 2))
