"""The dated timeline: one entry per day a story's happenings are placed on, by their event date
(and the days its sentences give background happenings in relative clauses and "since" phrases).

Each day's entry is the sentence that most other articles corroborate for that day, citing every
article that reports the same thing on that day.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.annotate.timex.events import aside_days
from storyline.compose.claims import trimmed
from storyline.models import AnnotatedArticle, Citation, Sentence, TimelineEntry

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)
SAME_HAPPENING = 0.2  # content-word overlap (Jaccard) above which two same-day sentences corroborate
MAX_PER_DAY = 2


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in (m.group().lower() for m in WORD.finditer(text)) if w not in STOP_WORDS)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def build_timeline(articles: Sequence[AnnotatedArticle]) -> list[TimelineEntry]:
    """Entries ordered by date; within a day, the best-corroborated happening first."""
    by_day: dict[str, list[Sentence]] = defaultdict(list)
    for annotated in articles:
        for sentence in map(trimmed, annotated.sentences):
            if not _is_statement(sentence.text):
                continue
            # the sentence's own happening, and those its asides date ("who ordered ... on Feb. 24")
            days = aside_days(sentence, annotated.times)
            if sentence.event_date and DAY.match(sentence.event_date):
                days.add(sentence.event_date)
            for day in sorted(days):
                by_day[day].append(sentence)
    outlets = {a.article.id: a.article.outlet for a in articles}
    entries: list[TimelineEntry] = []
    for day in sorted(by_day):
        entries.extend(_day_entries(day, by_day[day], outlets))
    return entries


def _is_statement(text: str) -> bool:
    # headlines and subheads carry a date but no verb phrase worth a timeline line
    return len(text.split()) >= 6 and not text.rstrip().endswith("?")


def _day_entries(
    day: str, sentences: list[Sentence], outlets: Mapping[str, str | None]
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
    return [_entry(day, sentences[i], [sentences[j] for j in support[i]], outlets) for i in chosen]


def _supporters(i: int, words: list[frozenset[str]], sentences: list[Sentence]) -> list[int]:
    """Sentences reporting the happening of sentence ``i`` (itself included), the best one per article."""
    best: dict[str, tuple[float, int]] = {sentences[i].article_id: (1.0, i)}
    for j, other in enumerate(sentences):
        score = _overlap(words[i], words[j])
        if j != i and score >= SAME_HAPPENING and score > best.get(other.article_id, (0.0, -1))[0]:
            best[other.article_id] = (score, j)
    return sorted(j for _, j in best.values())


def _entry(
    day: str, lead: Sentence, support: list[Sentence], outlets: Mapping[str, str | None]
) -> TimelineEntry:
    cites = tuple(Citation(s.article_id, outlets.get(s.article_id), s.start, s.end) for s in support)
    named = tuple(sorted({c.outlet for c in cites if c.outlet}))
    return TimelineEntry(day, lead.text, cites, named)
