"""Slot values: what each sentence states for a slot, with the day values of the article's times.

The slots themselves are read from the parse when an article is annotated (``annotate.slots``). A
date slot points at its time expression, whose value is taken here, from the article as composed:
an article dated from its story after annotation has its days resolved again, and its slots follow.
Articles annotated without slots (stored by an earlier version) have their sentences parsed here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from storyline.annotate.nlp import parse_texts
from storyline.annotate.slots import HEDGES, PLACE_LABELS, read_slots, worth_reading
from storyline.calendar_words import WEEKDAY_NAMES
from storyline.compose.claims import article_times
from storyline.models import AnnotatedArticle, Quote, Sentence, Slot, TimeExpression

__all__ = ["PLACE_LABELS", "SlotValue", "slot_values", "weekday_name"]

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_CARRIES_ON = re.compile(r"(?:It|They|That|This|These|Those)\b")
BACKGROUND_DAYS = 14  # a time that ended this long before publication is another happening's
_WEEKDAY_NAMES = tuple(d.capitalize() for d in WEEKDAY_NAMES)


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
    holder: str = ""  # who says it: the speaker whose quote holds the value, else the outlet
    at: int = 0  # article offset of the value in its sentence
    low: float = float("-inf")  # for a number: the range its hedge allows ("about 80,000")
    high: float = float("inf")
    later: bool = False  # for a number: stated for a later time than the happening ("still", "so far")
    hedge: str = ""  # for a number: the hedge that widens it ("about", "at least")
    published: date | None = None  # the day the article that states it was published


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
                held = held_by(value, annotated)
                if held is not None:
                    found.append(held)
    return found


# A hedge widens a number to a range: "about 80,000" and "100,000" cannot both be true, "at least 20"
# and 30 can. HEDGE_SPREAD is how far "about" reaches either side (a tenth: "about 80,000" is
# 72,000..88,000): a reporter's rounding, set by reading, not fitted to any benchmark set.
HEDGE_SPREAD = 0.1
_AT_MOST = ("up to", "as many as", "as much as", "less than", "fewer than", "under")
_AT_LEAST = ("at least", "more than", "over")
_BELOW = ("nearly", "almost")
_OPEN = ("between", "possibly")
# Words that put a count at a later time than the happening: a figure that changes, not a disagreement.
_LATER = re.compile(
    r"\b(still|so far|as of|remain(?:s|ed)?|by (?:\w+ )?(?:morning|afternoon|evening|night)|"
    r"(?:has|have|had) (?:risen|climbed|grown|increased)|(?:rose|climbed|jumped|grew|increased) to|"
    r"now|latest|updated?|revised)\b",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"\d+(?:\.\d+)?(?:e\+?\d+)?")
_NOT_HELD = frozenset({"denies", "asks", "is_asked"})  # a denied or asked content holds no value


def held_by(value: SlotValue, annotated: AnnotatedArticle) -> SlotValue | None:
    """``value`` with its holder, offset and (for a number) range; None when the text denies or asks it."""
    sentence = value.sentence
    found = sentence.text.find(value.shown) if value.slot[0] in ("number", "name") else -1
    at = sentence.start + found if found >= 0 else value.at or sentence.start
    quote = speaker_quote(annotated.quotes, at)
    if quote is not None and quote.polarity in _NOT_HELD:
        return None
    holder = holder_name(quote) or annotated.article.outlet or "unknown outlet"
    out = replace(value, holder=holder, at=at, published=annotated.article.published.value)
    if value.slot[0] != "number":
        return out
    hedge = hedge_of(sentence.text[: max(found, 0)], value.shown)
    if not _NUMERIC.fullmatch(value.value):
        return out  # a record or a score ("52-3"): no range
    low, high = number_range(float(value.value), hedge)
    around = sentence.text[max(0, found - 60) : found + len(value.shown) + 40] if found >= 0 else ""
    return replace(out, low=low, high=high, later=bool(_LATER.search(around)), hedge=hedge or "")


def speaker_quote(quotes: Sequence[Quote], at: int) -> Quote | None:
    """The innermost quote whose content holds offset ``at``."""
    holding = [q for q in quotes if q.content.start <= at < q.content.end]
    return min(holding, key=lambda q: q.content.end - q.content.start, default=None)


def holder_name(quote: Quote | None) -> str | None:
    """The speaker's resolved name, else the words naming them ("A Kyiv delegate"); None for a pronoun."""
    if quote is None:
        return None
    if quote.speaker:
        return quote.speaker
    words = " ".join(quote.source.text.split()).strip(" ,") if quote.source else ""
    if not words or words.lower() in _PRONOUNS:
        return None
    return words[0].upper() + words[1:]


_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"})


def hedge_of(before: str, shown: str) -> str | None:
    """The hedge written just before a number, or inside its words ("about 80,000")."""
    match = HEDGES.search(before) or HEDGES.search(re.sub(r"[\d.,]+.*$", "", shown).rstrip() + " ")
    return " ".join(match.group(1).lower().split()) if match else None


def number_range(value: float, hedge: str | None) -> tuple[float, float]:
    """The values a hedged number allows: "about 80,000" 72,000..88,000, "at least 20" 20 and up."""
    if hedge is None:
        return value, value
    if hedge in _AT_LEAST:
        return value, float("inf")
    if hedge in _AT_MOST:
        return 0.0, value
    if hedge in _OPEN:
        return float("-inf"), float("inf")
    if hedge in _BELOW:
        return value * (1 - HEDGE_SPREAD), value
    return value * (1 - HEDGE_SPREAD), value * (1 + HEDGE_SPREAD)


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
    docs = parse_texts((s.text for _, s, _ in jobs), batch_size=32)
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
        return SlotValue(
            key, slot.label, slot.value, slot.shown, False, sentence, outlet, time.value, at=time.start
        )
    shown = f'{time.value} ({weekday_name(time.value)}, "{time.text}")'
    return SlotValue(
        key, slot.label, time.value, shown, False, sentence, outlet, said=time.text.lower(), at=time.start
    )


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
