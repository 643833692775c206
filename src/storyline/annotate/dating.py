"""Document dating: when was an article written, from its own text or from its story's other articles.

The method: read every time expression of the text once, without an anchor, as a clue with the tense
of its clause: a full day ("March 14, 2022"), a day without its year ("Oct. 25", "Friday, Oct. 27"),
a weekday ("said Tuesday", "will meet Thursday"), a year ("in 1997"), the dateline's day. Each clue
says how likely every candidate publication day is: a past day lies a little before the article, a
coming one a little after, "said Tuesday" was written zero to six days after a Tuesday (most often that
day or the next), "Friday, Oct. 27" names a year in which Oct. 27 is a Friday. The candidate days (the
years the text names and the next ones) are scored at once by the sum of the clues' log-likelihoods,
and the confidence is the share of the posterior within a day of the best. Inside a story the other
articles' dates and the days they state are clues too.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from storyline.annotate.timex.calendar import day_year, weekday_date
from storyline.annotate.timex.finder import SentenceParser, find_times_with
from storyline.annotate.timex.lexicon import WEEKDAY_NAMES, month_number, month_word, weekday_number
from storyline.annotate.timex.tense import DirectionOf, direction_from_doc
from storyline.models import Article, DateMethod, PublishedDate

Days = npt.NDArray[np.int64]
Scores = npt.NDArray[np.float64]

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_PARTIAL = re.compile(r"^XXXX-(\d\d)-(\d\d)$")
_YEARISH = re.compile(r"^(\d{4})(?:-(\d\d)|-Q\d|-W\d\d|-[A-Z]{2})?$")
_WEEKDAY_VALUE = re.compile(r"^XXXX-WXX-(\d)")
_WEEKDAY_WORD = re.compile(rf"\b(?:{'|'.join(WEEKDAY_NAMES)})\b", re.IGNORECASE)
_STRICT = re.compile(r"\b(last|previous|next|following|coming)\b", re.IGNORECASE)
_OFFSET_WORDS = {"yesterday": -1, "tomorrow": 1}
_OFFSET = re.compile(r"\b(yesterday|tomorrow)\b", re.IGNORECASE)
_DATELINE = re.compile(
    month_word("mon") + r"\s+(?P<d>\d{1,2})\b(?:,?\s+(?P<y>\d{4}))?|(?P<d2>\d{1,2})\s+" + month_word("mon2")
)
# "ISTANBUL, March 28 (UPI) --" at a paragraph start, when the extractor found no dateline
_DATELINE_IN_TEXT = re.compile(
    r"(?m)^\s*(?:[A-Z][A-Za-z .'-]{1,40},\s+)?"
    r"(?P<line>" + month_word() + r"\s+\d{1,2}(?:,\s+\d{4})?"
    r"\s*\([A-Za-z][\w .&-]{1,30}\)\s*(?:--|—|–|-|_))"
)


@dataclass(frozen=True)
class _Clue:
    """One time expression read without an anchor, with the tense of its clause (-1 past, +1 coming,
    0 unknown). ``kind`` says which fields matter."""

    kind: str  # "day", "month_day", "weekday", "year", "offset", "dateline"
    direction: int
    text: str
    year: int = 0
    month: int = 0
    day: int = 0
    weekday: int = -1  # the weekday a "month_day" is paired with ("Friday, Oct. 27"), or a "weekday"'s
    strict: bool = False  # "last Tuesday", "next Monday": never the article's own day
    offset: int = 0  # "yesterday" -1, "tomorrow" +1
    start: int = field(default=0, compare=False)


Clues = tuple[_Clue, ...]  # one text's clues, as read once (see ``kept_clues``)


# ---- the public entry points -----------------------------------------------------------------


def infer_published(article: Article, doc: Any | None = None) -> PublishedDate:
    """The article's date from its text alone, with the evidence and a confidence."""
    return _infer(article, doc, peer_dates=(), peer_days=frozenset())


SURE_PEER = 0.5  # a peer's date this confident (stated, or well inferred) outweighs weaker guesses


def read_clues(article: Article, direction: DirectionOf) -> None:
    """Read the article's dating clues with this tense oracle and keep them: story dating asks for the
    days every peer states, in whichever process it runs, and must read them the same way."""
    _remember(article.text, _text_clues(article.text, direction))


def clues_kept(article: Article) -> bool:
    """Whether this process holds the article's clues already (read when it was annotated here)."""
    return article.text in _CLUES


def kept_clues(text: str) -> Clues | None:
    """The clues this process holds for ``text`` (read when it was annotated here), if any: a worker
    hands them back with the annotation, so the process that dates its story need not read them again
    (issue 19: the re-reading, about 2 s of CPU on ECB+, was most of the story dating of two workers)."""
    return _CLUES.get(text)


def keep_clues(text: str, clues: Clues) -> None:
    """Keep ``clues`` read for ``text`` in another process (its :func:`kept_clues`), as if read here."""
    if text not in _CLUES:
        _remember(text, clues)


def infer_from_peers(article: Article, peers: Sequence[Article], doc: Any | None = None) -> PublishedDate:
    """The article's date completed by the other articles of its story (their dates and the days they
    state): the year of a bare dateline, which Monday "written on a Monday" means."""
    dated = [p for p in peers if p.published.value is not None]
    # guesses lean on each other: when some peers' dates are sure, a story's weak guesses (a year
    # read from background, "the 1973 uprising") must not outvote them
    sure = [p for p in dated if p.published.confidence >= SURE_PEER]
    dated = (sure or dated)[:12]
    if not dated:
        return infer_published(article, doc)
    peer_dates = tuple(sorted(p.published.value for p in dated if p.published.value))
    return _infer(article, doc, peer_dates, frozenset(_peer_days(dated)))


def _peer_days(peers: Iterable[Article]) -> set[date]:
    days: set[date] = set()
    for peer in peers:
        if peer.published.value is not None:
            days |= _days_stated(peer, peer.published.value)
    return days


def _days_stated(peer: Article, published: date) -> set[date]:
    """The days one article states, its clues resolved against its date (the clues are kept, so a
    story's articles are parsed once however often they are each other's peers)."""
    days: set[date] = set()
    for clue in _clues(peer, None):
        day = _resolve(clue, published)
        if day is not None:
            days.add(day)
    return days


def _resolve(clue: _Clue, anchor: date) -> date | None:
    if clue.kind == "day":
        return _day_or_none(clue.year, clue.month, clue.day)
    if clue.kind in ("month_day", "dateline"):
        year = clue.year or day_year(anchor, clue.month, clue.day, clue.direction)
        return _day_or_none(year, clue.month, clue.day) if year else None
    if clue.kind == "weekday":
        return weekday_date(anchor, clue.weekday, clue.direction or -1, strict=clue.strict)
    if clue.kind == "offset":
        return anchor + timedelta(days=clue.offset)
    return None


def _day_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---- clues -----------------------------------------------------------------------------------


def _clues(article: Article, doc: Any | None) -> tuple[_Clue, ...]:
    span = _dateline_span(article)
    dateline = _dateline_clue(span[2]) if span else None
    found = _CLUES.get(article.text)
    if found is None:
        if doc is not None:
            found = _text_clues(article.text, lambda s, e: direction_from_doc(doc, s, e))
        else:
            parser = SentenceParser(article.text)
            found = _text_clues(article.text, parser.direction, parser.prefetch)
        _remember(article.text, found)
    if dateline is None or span is None:
        return found
    # the dateline's day is read once, as the dateline
    return (dateline, *(c for c in found if not span[0] <= c.start < span[1]))


def _dateline_span(article: Article) -> tuple[int, int, str] | None:
    if article.dateline is not None:
        return article.dateline.start, article.dateline.end, article.dateline.text
    found = _DATELINE_IN_TEXT.search(article.text[:3000])
    return (found.start("line"), found.end("line"), found["line"]) if found else None


# the clues of the texts read lately: the story stage dates again the articles the annotator dated
# (with their parse), and each article of a story is dated once per story update
_CLUES: dict[str, tuple[_Clue, ...]] = {}
_CLUES_KEPT = 2048


_CLUES_LOCK = threading.Lock()


def _remember(text: str, clues: tuple[_Clue, ...]) -> None:
    with _CLUES_LOCK:
        if len(_CLUES) >= _CLUES_KEPT:
            del _CLUES[next(iter(_CLUES))]  # the oldest: dicts keep their insertion order
        _CLUES[text] = clues


def _no_tense(start: int, end: int) -> int:
    return 0


def _text_clues(
    text: str, direction: DirectionOf, prefetch: Callable[[Iterable[int]], None] | None = None
) -> tuple[_Clue, ...]:
    # without an anchor no resolver reads the tense, so the expressions come first and then only the
    # sentences holding a clue are parsed, in one batch
    found = [t for t in find_times_with(text, None, _no_tense) if t.type in ("DATE", "TIME")]
    readings = [(t, clue) for t in found if (clue := _clue(t.text, t.value, 0)) is not None]
    if prefetch is not None:
        prefetch(t.start for t, clue in readings if clue.kind != "offset")
    clues: dict[_Clue, None] = {}  # one clue per distinct reading: a repeated "Friday" counts once
    for t, clue in readings:
        tense = direction(t.start, t.end) if clue.kind != "offset" else 0
        clues.setdefault(replace(clue, direction=tense, start=t.start), None)
    return tuple(clues)


def _clue(text: str, value: str, direction: int) -> _Clue | None:
    named = _WEEKDAY_WORD.search(text)
    paired = weekday_number(named[0]) if named else -1
    if full := _DAY.match(value):
        return _Clue("day", direction, text, int(full[1]), int(full[2]), int(full[3]), paired)
    if partial := _PARTIAL.match(value):
        return _Clue("month_day", direction, text, 0, int(partial[1]), int(partial[2]), paired)
    if weekday := _WEEKDAY_VALUE.match(value):
        return _Clue(
            "weekday", direction, text, weekday=int(weekday[1]) - 1, strict=bool(_STRICT.search(text))
        )
    if yearish := _YEARISH.match(value):
        return _Clue("year", direction, text, int(yearish[1]), int(yearish[2] or 0))
    if offset := _OFFSET.search(text):
        return _Clue("offset", direction, text, offset=_OFFSET_WORDS[offset[1].lower()])
    return None


def _dateline_clue(line: str) -> _Clue | None:
    found = _DATELINE.search(line)
    if found is None:
        return None
    month = month_number(found["mon"] or found["mon2"])
    day = int(found["d"] or found["d2"])
    return _Clue("dateline", 0, line.strip(), int(found["y"] or 0), month, day)


# ---- likelihoods: P(clue | written on day c), over an array of candidate days -----------------
# The tables are the shares measured on TimeBank/AQUAINT (benchmarks/dating_errors.py --stats),
# rounded and smoothed so that no reading is impossible; MEANTIME was kept aside to check them.

# days from a weekday named in a past clause to the article ("said Tuesday"): most often that very day
# or the next
_WEEKDAY_PAST = np.array([0.38, 0.30, 0.12, 0.10, 0.04, 0.025, 0.035])
# days from the article to a weekday named in a coming clause: most often the next day
_WEEKDAY_COMING = np.array([0.12, 0.36, 0.08, 0.10, 0.12, 0.10, 0.12])

# how far (in days) a stated day lies from the article, in the direction its tense says ("ahead" is
# article minus day for a past clause, day minus article for a coming one), as shares of buckets:
# a full day with its year is mostly background (news writes the year of days in other years)
_BUCKETS = (-10950, -365, -60, -7, 0, 8, 31, 61, 366, 10950)
_FULL_PAST = (0.02, 0.05, 0.03, 0.02, 0.10, 0.05, 0.03, 0.10, 0.60)
_FULL_COMING = (0.05, 0.02, 0.03, 0.02, 0.05, 0.05, 0.03, 0.15, 0.60)
# a day without its year is this year's: mostly one to eight weeks away
_PARTIAL_PAST = (0.005, 0.08, 0.12, 0.04, 0.06, 0.33, 0.17, 0.19, 0.005)
_PARTIAL_COMING = (0.005, 0.02, 0.03, 0.04, 0.20, 0.40, 0.18, 0.12, 0.005)
_PARTIAL_UNKNOWN = (0.005, 0.05, 0.10, 0.10, 0.40, 0.17, 0.08, 0.09, 0.005)
# a day named with its weekday ("Monday, March 14") is the day of writing or the next, whatever the
# tense says (news names the weekday of this week's days; TimeBank's four pairs near the article are
# all on the day or the day after it): shares of article minus day, then of buckets beyond a week
_PAIRED_NEAR = {-1: 0.25, 0: 0.30, 1: 0.10}
_PAIRED = (0.002, 0.01, 0.04, 0.12, 0.08, 0.045, 0.015, 0.015, 0.003)  # the -7..7 buckets less the near days


# a year named in a past clause: last year or the one before more often than this one
_YEAR_PAST = {-2: 0.01, -1: 0.03, 0: 0.08, 1: 0.17, 2: 0.12, 3: 0.07, 4: 0.06, 5: 0.06}
_YEAR_COMING = {-2: 0.03, -1: 0.12, 0: 0.15, 1: 0.30, 2: 0.15, 3: 0.08, 4: 0.04, 5: 0.03}
_YEAR_FAR = 0.02  # each year further off


def _bucketed(ahead: Days, shares: Sequence[float]) -> Scores:
    """The density at each gap: its bucket's share spread evenly over the bucket's days."""
    edges = np.array(_BUCKETS)
    index = np.clip(np.searchsorted(edges, ahead, side="right") - 1, 0, len(shares) - 1)
    density = np.array(shares) / np.diff(edges)
    return density[index]


# within the week after a recent full day, the article most often comes out the day after it
_FULL_WEEK = np.array([0.25, 0.35, 0.10, 0.08, 0.06, 0.06, 0.05, 0.05]) * 8


# a full day outside any clause ("March 29, 2022 / 7:43 AM" over the headline) is the page's own
# date: TimeML hides it, so this share is reasoned, not measured
_UNTENSED_NEAR = {0: 0.6, 1: 0.1, -1: 0.05}


def _day_likelihood(gap: Days, direction: int, partial: bool, paired: bool = False) -> Scores:
    """P(a stated day | c) from ``gap`` = c - the day."""
    if paired:
        return _with_near(_bucketed(gap, _PAIRED), gap, _PAIRED_NEAR)
    if direction == 0 and not partial:
        return _with_near(_bucketed(gap, _FULL_PAST) * 0.25, gap, _UNTENSED_NEAR)
    if direction > 0:
        return _bucketed(-gap, _PARTIAL_COMING if partial else _FULL_COMING)
    if direction == 0 and partial:
        return _bucketed(gap, _PARTIAL_UNKNOWN)
    if partial:
        return _bucketed(gap, _PARTIAL_PAST)
    week = np.where((gap >= 0) & (gap <= 7), _FULL_WEEK[np.clip(gap, 0, 7)], 1.0)
    return _bucketed(gap, _FULL_PAST) * week


def _with_near(likely: Scores, gap: Days, near: dict[int, float]) -> Scores:
    for step, share in near.items():
        likely = np.where(gap == step, share, likely)
    return likely


def _year_likelihood(years: Days, clue: _Clue) -> Scores:
    """P(a named year | the article's year)."""
    table = _YEAR_COMING if clue.direction > 0 else _YEAR_PAST
    ahead = clue.year - years if clue.direction > 0 else years - clue.year
    near = np.array([table.get(int(a), _YEAR_FAR) for a in range(-2, 6)])
    # a year long past in a past clause is background; a year after the article in a past clause is
    # a misread tense, rarer (a coming clause misreads more often: "will be the first since 1996")
    wrong_way = _YEAR_FAR / 2 if clue.direction > 0 else _YEAR_FAR / 10
    far = np.where(ahead < -2, wrong_way, _YEAR_FAR / 3)
    return np.where((ahead < -2) | (ahead > 5), far, near[np.clip(ahead, -2, 5) + 2])


def _score_clue(clue: _Clue, days: Days, years: Days, weekdays: Days) -> Scores:
    if clue.kind == "day":
        gap = days - date(clue.year, clue.month, clue.day).toordinal()
        return np.log(_day_likelihood(gap, clue.direction, partial=False, paired=clue.weekday >= 0))
    if clue.kind == "month_day":
        return np.log(_month_day_likelihood(clue, days, years))
    if clue.kind == "weekday":
        return np.log(_weekday_likelihood(clue, weekdays))
    if clue.kind == "year":
        return np.log(_year_likelihood(years, clue))
    if clue.kind == "dateline":
        return np.log(_dateline_likelihood(clue, days, years))
    return np.zeros(len(days))


def _weekday_likelihood(clue: _Clue, weekdays: Days) -> Scores:
    if clue.direction > 0:
        gap = (clue.weekday - weekdays) % 7
        return _WEEKDAY_COMING[np.where(clue.strict & (gap == 0), 6, gap)]
    gap = (weekdays - clue.weekday) % 7
    return _WEEKDAY_PAST[np.where(clue.strict & (gap == 0), 6, gap)]


def _occurrences(month: int, day: int, years: Days) -> Days:
    """The ordinal of month/day in each of ``years``, or a far-off day where it does not exist."""
    distinct, where = np.unique(years, return_inverse=True)
    ordinals = np.array([_ordinal(int(y), month, day) for y in distinct], dtype=np.int64)
    return ordinals[where]


def _ordinal(year: int, month: int, day: int) -> int:
    try:
        return date(year, month, day).toordinal()
    except ValueError:  # February 29 of a common year, or a year out of range
        return -(10**6)


def _month_day_likelihood(clue: _Clue, days: Days, years: Days) -> Scores:
    """A day without its year means the occurrence that fits best, in the article's year or a
    neighbour; "Friday, Oct. 27" only an occurrence that is a Friday."""
    best = np.full(len(days), 1e-9)
    for shift in (-1, 0, 1):
        when = _occurrences(clue.month, clue.day, years + shift)
        likely = _day_likelihood(days - when, clue.direction, partial=True, paired=clue.weekday >= 0)
        if clue.weekday >= 0:
            likely = likely * np.where(_weekday_of(when) == clue.weekday, 1.0, 0.002)
        best = np.maximum(best, likely)
    return best


# a dateline names the day the story was filed: the article's day, or the day before it
_DATELINE_GAP = {0: 0.50, 1: 0.45, -1: 0.01}


def _dateline_likelihood(clue: _Clue, days: Days, years: Days) -> Scores:
    gap = days - _occurrences(clue.month, clue.day, years)
    likely = np.full(len(days), 0.04 / 365)
    for step, share in _DATELINE_GAP.items():
        likely = np.where(gap == step, share, likely)
    if clue.year:
        likely = likely * np.where(years == clue.year, 1.0, 0.001)
    return likely


def _weekday_of(ordinals: Days) -> Days:
    return (ordinals - 1) % 7  # date.fromordinal(1) is a Monday


# ---- the story: the other articles' dates and the days they state ---------------------------


def _peer_scores(
    clues: Sequence[_Clue], days: Days, weekdays: Days, peers: Sequence[date], stated: frozenset[date]
) -> Scores:
    """Near the story's dates; and where the article's "Tuesday" or "yesterday" lands on a day the
    other articles state."""
    ordinals = np.array([p.toordinal() for p in peers], dtype=np.int64)
    apart = np.abs(days[:, None] - ordinals[None, :])
    near = _nearness(int(apart.max()))[apart].mean(axis=1)
    score: Scores = np.log(near + 0.1 / 3650)
    calendar = np.array(sorted(d.toordinal() for d in stated), dtype=np.int64)
    for clue in clues:
        lands = _landing(clue, days, weekdays)
        if lands is not None and len(calendar):
            score = score + np.where(np.isin(lands, calendar), np.log(2.0), 0.0)
    return score


def _nearness(longest: int) -> Scores:
    """How likely a peer is to come out each number of days apart, for every gap up to ``longest``
    (worked out once per gap and looked up per pair: a story's candidate days are thousands). Most of
    a story's articles come out within days of each other, some weeks apart."""
    if len(_NEARNESS[0]) <= longest:
        apart = np.arange(max(longest + 1, 2 * len(_NEARNESS[0])), dtype=np.int64)
        _NEARNESS[0] = 0.5 * np.exp(-apart / 3.0) / 6 + 0.4 * np.exp(-apart / 30.0) / 60
    return _NEARNESS[0]


_NEARNESS: list[Scores] = [np.zeros(0)]  # the table so far, grown when a longer gap is asked


def _landing(clue: _Clue, days: Days, weekdays: Days) -> Days | None:
    """The day the clue names when the article is written on each candidate day."""
    if clue.kind == "offset":
        return days + clue.offset
    if clue.kind != "weekday":
        return None
    if clue.direction > 0:
        ahead = (clue.weekday - weekdays) % 7
        return days + np.where(clue.strict & (ahead == 0), 7, ahead)
    back = (weekdays - clue.weekday) % 7
    return days - np.where(clue.strict & (back == 0), 7, back)


# ---- putting it together ---------------------------------------------------------------------

_DAY_LEVEL = {"day", "month_day", "dateline"}


def _infer(
    article: Article, doc: Any | None, peer_dates: tuple[date, ...], peer_days: frozenset[date]
) -> PublishedDate:
    clues = _clues(article, doc)
    anchors = _anchor_years(clues, peer_dates)
    if not anchors or not (peer_dates or any(c.kind in _DAY_LEVEL for c in clues)):
        return PublishedDate.unknown("no stated day, year or story date to start from")
    days, years = _candidate_days(anchors)
    dateline = next((c for c in clues if c.kind == "dateline"), None)
    weekdays = _weekday_of(days)
    # a dateline's weekday words were written on the dateline's day (the article may come out the
    # day after): "BRUSSELS, February 10 -- ... said on Wednesday" names a year whose Feb. 10 is one
    said = _weekday_of(_occurrences(dateline.month, dateline.day, years)) if dateline else weekdays
    total = np.zeros(len(days))
    fits: list[tuple[_Clue, Scores]] = []
    for clue in clues:
        score = _score_clue(clue, days, years, said if clue.kind == "weekday" else weekdays)
        fits.append((clue, score))
        total += score
    if peer_dates:
        total += _peer_scores(clues, days, weekdays, peer_dates, peer_days)
    best = int(np.argmax(total))
    posterior = np.exp(total - total[best])
    confidence = float(posterior[np.abs(days - days[best]) <= 1].sum() / posterior.sum())
    if confidence < _LEAST_CONFIDENCE:
        return PublishedDate.unknown("the clues fit too many days alike")
    # the clues that speak for the chosen day: likelier there than on a typical candidate
    speaking = [c for c, score in fits if score[best] > np.median(score) + 0.5]
    return _result(date.fromordinal(int(days[best])), speaking, peer_dates, confidence)


# below this share of the posterior within a day of the best, the day is a guess: say unknown
_LEAST_CONFIDENCE = 0.05


def _anchor_years(clues: Sequence[_Clue], peer_dates: Sequence[date]) -> set[int]:
    """The years named; a history's far years ("in 1066") are background and would only widen the
    search, so those more than _HISTORY years before the latest are left out."""
    years = {c.year for c in clues if c.year and c.kind in ("day", "year", "dateline")}
    years |= {d.year for d in peer_dates}
    return {y for y in years if y >= max(years) - _HISTORY} if years else years


_HISTORY = 40


def _candidate_days(anchors: set[int]) -> tuple[Days, Days]:
    """Every day of each named year, the year before and the two after (an article names its own
    year or recent ones), with the year of each."""
    years = sorted({y + k for y in anchors for k in range(-1, 11) if 1 <= y + k <= 9998})
    spans = [
        np.arange(date(y, 1, 1).toordinal(), date(y + 1, 1, 1).toordinal(), dtype=np.int64) for y in years
    ]
    return np.concatenate(spans), np.concatenate(
        [np.full(len(s), y, dtype=np.int64) for s, y in zip(spans, years, strict=True)]
    )


def _result(
    best: date, clues: Sequence[_Clue], peer_dates: Sequence[date], confidence: float
) -> PublishedDate:
    dateline = next((c for c in clues if c.kind == "dateline"), None)
    method: DateMethod = "text"
    parts: list[str] = []
    if dateline is not None and (dateline.month, dateline.day) == (best.month, best.day):
        method, parts = "dateline", [f'dateline "{dateline.text}"']
    elif peer_dates and not any(c.kind in ("day", "month_day") for c in clues):
        method = "story"
    named = [_shown(c) for c in clues if c.kind in ("day", "month_day", "weekday", "year", "offset")]
    if named:
        parts.append(f"clues that fit: {', '.join(list(dict.fromkeys(named))[:6])}")
    if peer_dates:
        parts.append(f"year {best.year} from {len(peer_dates)} articles of the story")
    else:
        parts.append(f"year {best.year} from the days and years the text names")
    return PublishedDate(best, method, "; ".join(parts), round(min(0.95, confidence), 2))


def _shown(clue: _Clue) -> str:
    tense = {-1: "past", 1: "coming"}.get(clue.direction, "")
    when = date(clue.year, clue.month, clue.day).isoformat() if clue.kind == "day" else ""
    said = ", ".join(w for w in (tense, when) if w)
    return f'"{clue.text}"' + (f" ({said})" if said else "")
