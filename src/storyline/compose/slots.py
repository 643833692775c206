"""Slot values: what each sentence states for a slot, with the day values of the article's times.

The slots themselves are read from the parse when an article is annotated (``annotate.slots``). A
date slot points at its time expression, whose value is taken here, from the article as composed:
an article dated from its story after annotation has its days resolved again, and its slots follow.
Articles annotated without slots (stored by an earlier version) have their sentences parsed here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.annotate.nlp import load_nlp
from storyline.annotate.slots import PLACE_LABELS, read_slots, worth_reading
from storyline.compose.claims import article_times
from storyline.models import AnnotatedArticle, Sentence, Slot, TimeExpression

__all__ = ["PLACE_LABELS", "SlotValue", "slot_values", "weekday_name"]

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_CARRIES_ON = re.compile(r"(?:It|They|That|This|These|Those)\b")
BACKGROUND_DAYS = 14  # a time that ended this long before publication is another happening's
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class SlotValue:
    """One statement of a value for a slot, with the sentence that makes it."""

    slot: tuple[str, str, str]  # (kind, subject, predicate)
    label: str  # a readable slot name
    value: str  # normalised: ISO day, or a number without separators
    shown: str  # the value as a reader should see it
    hedged: bool
    sentence: Sentence
    outlet: str | None
    day: str | None = None  # for a place: the day of the happening it locates
    said: str = ""  # for a date: the time expression's words ("Tuesday", "today")


def slot_values(articles: Sequence[AnnotatedArticle]) -> list[SlotValue]:
    """Every date, place, number and name slot stated in ``articles``.

    A count in a sentence about an earlier happening ("In February, a quake killed 612 people") is
    left out: it counts another event than the one the article reports, so it disagrees with no one.
    """
    found: list[SlotValue] = []
    for annotated, slots in zip(articles, _slots_of(articles), strict=True):
        article_times_ = article_times(annotated)
        times = {(t.start, t.end): t for t in article_times_}
        sentences = {(s.start, s.end): s for s in annotated.sentences}
        earlier = background_sentences(annotated, article_times_)
        for slot in slots:
            if slot.kind == "number" and slot.subject != "age" and (slot.start, slot.end) in earlier:
                continue
            value = _value(slot, times, sentences, annotated.article.outlet)
            if value is not None:
                found.append(value)
    return found


def background_sentences(
    annotated: AnnotatedArticle, times: Sequence[TimeExpression]
) -> set[tuple[int, int]]:
    """(start, end) of the sentences about a time well before the article was published, and of the
    sentence after one that goes on about it ("It killed 612 people")."""
    published = annotated.article.published.value
    if published is None:
        return set()
    out: set[tuple[int, int]] = set()
    previous = False
    for sentence in annotated.sentences:
        ends = [_period_end(t.value) for t in times if sentence.start <= t.start < sentence.end]
        dated = [e for e in ends if e is not None]
        here = bool(dated) and all((published - e).days > BACKGROUND_DAYS for e in dated)
        if here or (previous and not dated and _CARRIES_ON.match(sentence.text)):
            out.add((sentence.start, sentence.end))
            previous = True
        else:
            previous = False
    return out


def _period_end(value: str) -> date | None:
    """The last day of a TIMEX3 day, month or year value ("2005-02" → 2005-02-28); None otherwise."""
    match = _PERIOD.fullmatch(value)
    if match is None:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if day is not None and month is not None:
            return date(year, month, day)
        if month is not None:
            return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return date(year, 12, 31)
    except ValueError:
        return None


def _slots_of(articles: Sequence[AnnotatedArticle]) -> list[tuple[Slot, ...]]:
    """Each article's stored slots; those annotated without them get their sentences parsed (once)."""
    out: list[tuple[Slot, ...]] = [a.slots or () for a in articles]
    missing = [n for n, a in enumerate(articles) if a.slots is None]
    if not missing:
        return out
    jobs = []
    for n in missing:
        annotated = articles[n]
        times = article_times(annotated)
        text = annotated.article.text
        for sentence in annotated.sentences:
            if worth_reading(text, sentence, times, annotated.mentions):
                jobs.append((n, sentence, times))
    read: dict[int, list[Slot]] = {n: [] for n in missing}
    docs = load_nlp().pipe((s.text for _, s, _ in jobs), batch_size=32)
    for (n, sentence, times), doc in zip(jobs, docs, strict=True):
        annotated = articles[n]
        read[n].extend(
            read_slots(
                annotated.article.text, doc, [sentence], times, annotated.mentions, shift=sentence.start
            )
        )
    for n, slots in read.items():
        out[n] = tuple(slots)
    return out


def _value(
    slot: Slot,
    times: dict[tuple[int, int], TimeExpression],
    sentences: dict[tuple[int, int], Sentence],
    outlet: str | None,
) -> SlotValue | None:
    sentence = sentences.get((slot.start, slot.end))
    if sentence is None:
        return None
    key = (slot.kind, slot.subject, slot.predicate)
    if slot.kind not in ("date", "place"):
        return SlotValue(key, slot.label, slot.value, slot.shown, slot.hedged, sentence, outlet)
    time = times.get((slot.time_start or 0, slot.time_end or 0))
    if time is None or not _is_day(time.value):
        return None
    if slot.kind == "place":
        return SlotValue(key, slot.label, slot.value, slot.shown, False, sentence, outlet, time.value)
    shown = f'{time.value} ({weekday_name(time.value)}, "{time.text}")'
    return SlotValue(key, slot.label, time.value, shown, False, sentence, outlet, said=time.text.lower())


def _is_day(value: str) -> bool:
    if not _ISO.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def weekday_name(iso: str) -> str:
    return _WEEKDAY_NAMES[date.fromisoformat(iso).weekday()]
