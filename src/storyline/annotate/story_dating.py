"""Dating across a story: which dates may place an article, and undated articles dated from their peers.

Two decisions live here, where a reader of the dating code would look for them: a date inferred with
too little confidence must not split an event (``days_worth_trusting``), and an article with no date
of its own takes one from the other articles of its story (``date_from_stories``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from storyline.annotate.annotator import redate
from storyline.annotate.dating import clues_kept, infer_from_peers, read_clues
from storyline.annotate.timex.finder import SentenceParser
from storyline.annotate.timex.tense import RecordedTenses
from storyline.models import AnnotatedArticle, PublishedDate

DAY_TRUST = 0.5  # an inferred date below this confidence does not place an article for clustering


def days_worth_trusting(annotated: AnnotatedArticle) -> AnnotatedArticle:
    """The article as clustering should see it: a date inferred with less than even confidence is more
    likely wrong than right, so neither it nor the days resolved against it may split an event."""
    published = annotated.article.published
    if published.value is None or not published.inferred or published.confidence >= DAY_TRUST:
        return annotated
    return dataclasses.replace(
        annotated,
        article=dataclasses.replace(annotated.article, published=PublishedDate.unknown()),
        sentences=tuple(dataclasses.replace(s, event_date=None) for s in annotated.sentences),
        times=tuple(t for t in annotated.times if t.anchor is None),  # the absolute ones stay
    )


def date_from_stories(
    annotated: Mapping[str, AnnotatedArticle], members: Sequence[Sequence[str]]
) -> list[AnnotatedArticle]:
    """Complete inferred dates from the other articles of each story; re-annotate where a date moved."""
    return [redate(article, published) for article, published in moved_dates(annotated, members)]


def moved_dates(
    annotated: Mapping[str, AnnotatedArticle], members: Sequence[Sequence[str]]
) -> list[tuple[AnnotatedArticle, PublishedDate]]:
    """The articles whose inferred date their story's other articles move, each with its new date, in
    the stories' order (``date_from_stories`` without the re-annotation, which may run elsewhere)."""
    changed = []
    for ids in members:
        if not needs_dating(annotated, ids):
            continue  # no date to complete: its peers' clues need not be read (a parse of each text)
        for i in ids:  # the clues as the annotator read them, even where it ran in another process
            if not clues_kept(annotated[i].article):
                read_clues(annotated[i].article, _tenses_of(annotated[i]))
        peers = [annotated[i].article for i in ids]
        for article in peers:
            if not article.published.inferred:
                continue
            others = [p for p in peers if p.id != article.id]
            found = infer_from_peers(article, others)
            if found != article.published and found.value is not None:
                changed.append((annotated[article.id], found))
    return changed


def needs_dating(annotated: Mapping[str, AnnotatedArticle], ids: Sequence[str]) -> bool:
    """Whether a story of ``ids`` has a date to complete: one of its articles' dates is inferred."""
    return any(annotated[i].article.published.inferred for i in ids)


def _tenses_of(annotated: AnnotatedArticle) -> RecordedTenses:
    return RecordedTenses(SentenceParser(annotated.article.text).direction, annotated.tenses)


__all__ = ["DAY_TRUST", "date_from_stories", "days_worth_trusting", "moved_dates", "needs_dating"]
