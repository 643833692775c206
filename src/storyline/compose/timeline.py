"""The dated timeline: one entry per day a story's happenings are placed on, by their event date
(and the days its sentences give background happenings in relative clauses and "since" phrases).

Each day's entry is the sentence that most other articles corroborate for that day, citing every
article that reports the same thing on that day. Every entry carries a status (``compose.status``):
plans and forecasts are kept apart from happenings, and a plan gives way when another article reports
the same thing as having happened that day.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache

from storyline.annotate.timex.events import aside_days
from storyline.compose.claims import only_claimed, trimmed
from storyline.compose.status import PLANS, StatusReading, read_status, stems
from storyline.models import (
    AnnotatedArticle,
    Citation,
    Sentence,
    TimeExpression,
    TimelineEntry,
)
from storyline.stop_words import SPACY_STOP_WORDS as STOP_WORDS

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)
SAME_HAPPENING = 0.2  # content-word overlap (Jaccard) above which two same-day sentences corroborate
MAX_PER_DAY = 2


@lru_cache(maxsize=1 << 14)  # a sentence placed on several days is compared on each
def content_words(text: str) -> frozenset[str]:
    return frozenset(map(str.lower, WORD.findall(text))) - _STOP_WORDS  # WORD has no group: whole words


_STOP_WORDS = frozenset(STOP_WORDS)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def build_timeline(articles: Sequence[AnnotatedArticle]) -> list[TimelineEntry]:
    """Entries ordered by date; within a day, the best-corroborated happening first."""
    by_day: dict[str, list[Sentence]] = defaultdict(list)
    readings: dict[tuple[str, str, int], StatusReading] = {}
    for annotated in articles:
        for sentence, day in dated_sentences(annotated):
            by_day[day].append(sentence)
            readings[(day, sentence.article_id, sentence.start)] = status_of(sentence, day, annotated)
    outlets = {a.article.id: a.article.outlet for a in articles}
    entries: list[TimelineEntry] = []
    for day in sorted(by_day):
        kept = plans_overtaken(day, by_day[day], readings)
        for plans in (False, True):  # a plan never crowds out a happening: each lane chooses its own
            lane = [s for s in kept if (readings[(day, s.article_id, s.start)].status in PLANS) == plans]
            entries.extend(_day_entries(day, lane, outlets, readings))
    return entries


def dated_sentences(annotated: AnnotatedArticle, dates: re.Pattern[str] = DAY) -> list[tuple[Sentence, str]]:
    """Each statement with each day it places a happening on: its own (when ``dates`` matches its
    value), and its asides' ("who ordered ... on Feb. 24")."""
    found = []
    for sentence in statements(annotated):
        days = aside_days(sentence, annotated.times)
        if sentence.event_date and dates.match(sentence.event_date):
            days.add(sentence.event_date)
        found += [(sentence, day) for day in sorted(days)]
    return found


def statements(annotated: AnnotatedArticle) -> list[Sentence]:
    """The article's sentences worth a timeline line, trimmed of their dateline."""
    sentences = map(trimmed, annotated.sentences)
    return [s for s in sentences if _is_statement(s.text) and not only_claimed(annotated, s)]


def status_of(sentence: Sentence, day: str, annotated: AnnotatedArticle) -> StatusReading:
    """The status of the happening ``sentence`` places on ``day``, read at the words naming the day."""
    time = _time_naming(sentence, day, annotated.times)
    span = (time.start - sentence.start, time.end - sentence.start) if time is not None else None
    before = [
        t.end
        for t in annotated.times
        if time is not None and sentence.start <= t.start and t.end <= time.start
    ]
    floor = max(before, default=sentence.start) - sentence.start
    return read_status(sentence.text, day, span, annotated.article.published.value, floor)


def _time_naming(sentence: Sentence, day: str, times: Sequence[TimeExpression]) -> TimeExpression | None:
    inside = [t for t in times if sentence.start <= t.start and t.end <= sentence.end]
    return next((t for t in inside if t.value[:10] == day), None)


def plans_overtaken(
    day: str, sentences: list[Sentence], readings: Mapping[tuple[str, str, int], StatusReading]
) -> list[Sentence]:
    """The day's sentences without the plans that a happening of the same day reports done: same
    words, and the planned action among them ("will reopen" / "reopened")."""
    done = [s for s in sentences if readings[(day, s.article_id, s.start)].status not in PLANS]
    kept = []
    for s in sentences:
        reading = readings[(day, s.article_id, s.start)]
        if reading.status not in PLANS or not any(_reports_done(s, reading, d) for d in done):
            kept.append(s)
    return kept


def _reports_done(plan: Sentence, reading: StatusReading, happening: Sentence) -> bool:
    close = _overlap(content_words(plan.text), content_words(happening.text)) >= SAME_HAPPENING
    return close and bool(reading.action & stems(happening.text))


def _is_statement(text: str) -> bool:
    # headlines and subheads carry a date but no verb phrase worth a timeline line
    return len(text.split()) >= 6 and not text.rstrip().endswith("?")


def _day_entries(
    day: str,
    sentences: list[Sentence],
    outlets: Mapping[str, str | None],
    readings: Mapping[tuple[str, str, int], StatusReading],
) -> list[TimelineEntry]:
    words = [content_words(s.text) for s in sentences]
    support = [_supporters(i, words, sentences) for i in range(len(sentences))]
    order = sorted(
        range(len(sentences)), key=lambda i: (-len(support[i]), sentences[i].start, sentences[i].article_id)
    )
    chosen: list[int] = []
    for i in order:
        if len(chosen) == MAX_PER_DAY:
            break
        if all(_overlap(words[i], words[j]) < SAME_HAPPENING for j in chosen):
            chosen.append(i)
    return [
        _entry(
            day,
            sentences[i],
            [sentences[j] for j in support[i]],
            outlets,
            readings[(day, sentences[i].article_id, sentences[i].start)],
        )
        for i in chosen
    ]


def _supporters(i: int, words: list[frozenset[str]], sentences: list[Sentence]) -> list[int]:
    """Sentences reporting the happening of sentence ``i`` (itself included), the best one per article."""
    best: dict[str, tuple[float, int]] = {sentences[i].article_id: (1.0, i)}
    for j, other in enumerate(sentences):
        score = _overlap(words[i], words[j])
        if j != i and score >= SAME_HAPPENING and score > best.get(other.article_id, (0.0, -1))[0]:
            best[other.article_id] = (score, j)
    return sorted(j for _, j in best.values())


def _entry(
    day: str,
    lead: Sentence,
    support: list[Sentence],
    outlets: Mapping[str, str | None],
    reading: StatusReading,
) -> TimelineEntry:
    cites = tuple(Citation(s.article_id, outlets.get(s.article_id), s.start, s.end) for s in support)
    named = tuple(sorted({c.outlet for c in cites if c.outlet}))
    return TimelineEntry(day, lead.text, cites, named, reading.status, reading.evidence)
