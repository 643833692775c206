"""One story's brief, assembled from the annotated articles, its events and the merged actors."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

from storyline.compose.claims import make_claims
from storyline.compose.conflicts import find_conflicts
from storyline.compose.coverage import build_coverage
from storyline.compose.facts import build_facts
from storyline.compose.faithfulness import audited
from storyline.compose.speakers import who_said_what
from storyline.compose.summary import summarize
from storyline.compose.timeline import build_timeline
from storyline.languages import not_read_note
from storyline.models import (
    Actor,
    AnnotatedArticle,
    DuplicateGroup,
    Event,
    RemovedEntry,
    SourceEntry,
    Story,
    StoryBrief,
)


def compose_story(
    story: Story,
    events: Sequence[Event],
    annotated: Mapping[str, AnnotatedArticle],
    actors: Sequence[Actor],
    groups: Sequence[DuplicateGroup],
    *,
    sentences: int = 6,
    words: int | None = None,
    audit: str = "warn",
) -> StoryBrief:
    articles = [annotated[i] for i in sorted(story.article_ids, key=lambda i: _order_key(annotated[i]))]
    members = set(story.article_ids)
    story_groups = [g for g in groups if members & set(g.article_ids)]
    story_events = [e for e in events if e.id in set(story.event_ids)]
    claims = make_claims(articles)  # the facts and the summary both start from them
    facts = build_facts(articles, story_groups, claims)
    summary = summarize(facts, articles, sentences=sentences, words=words, claims=claims)
    return StoryBrief(
        story_id=story.id,
        headline=headline(articles, story_events),
        summary=tuple(audited(summary, articles, where="summary", audit=audit)),
        timeline=tuple(audited(build_timeline(articles), articles, where="timeline", audit=audit)),
        quotes=tuple(who_said_what(articles, {a.id: a.kind for a in actors})),
        actors=tuple(_story_actors(actors, members, articles)),
        sources=tuple(_sources(articles, story_groups)),
        events=tuple(sorted(story_events, key=lambda e: (e.date or "", e.id))),
        facts=tuple(facts),
        conflicts=tuple(find_conflicts(articles, story_events)),
        coverage=build_coverage(facts),
        times=tuple(t for a in articles for t in a.times),
        removed=tuple(
            RemovedEntry(a.article.id, a.article.outlet, r.text, r.reason)
            for a in articles
            for r in a.article.removed
        ),
    )


def _order_key(a: AnnotatedArticle) -> tuple[str, str]:
    return (a.article.published.value.isoformat() if a.article.published.value else "9999", a.article.id)


def headline(articles: Sequence[AnnotatedArticle], events: Sequence[Event]) -> str:
    """The title of the newest article in the story's best-covered event; its lead sentence if untitled."""
    by_id = {a.article.id: a for a in articles}
    main = max(events, key=lambda e: (len(e.article_ids), e.date or "", e.id), default=None)
    pool = [by_id[i] for i in main.article_ids if i in by_id] if main else list(articles)
    pool = pool or list(articles)
    newest = max(
        pool, key=lambda a: (a.article.published.value or date.min, bool(a.article.title), a.article.id)
    )
    if newest.article.title:
        return newest.article.title
    return newest.sentences[0].text if newest.sentences else newest.article.text[:120]


def _story_actors(
    actors: Sequence[Actor], members: set[str], articles: Sequence[AnnotatedArticle] = ()
) -> list[Actor]:
    """The story's actors with the story's counts: its articles and its mentions, not the store's
    (issue 14: "Russia" showed 13 articles in a 5-article story)."""
    mentions = Counter(m.actor_id for a in articles if a.article.id in members for m in a.mentions)
    present = [
        dataclasses.replace(
            a,
            article_ids=tuple(i for i in a.article_ids if i in members),
            mention_count=mentions.get(a.id, a.mention_count) if articles else a.mention_count,
        )
        for a in actors
        if members & set(a.article_ids)
    ]
    return sorted(present, key=lambda a: (-a.mention_count, a.name))


def _sources(articles: Sequence[AnnotatedArticle], groups: Sequence[DuplicateGroup]) -> list[SourceEntry]:
    copy_of = {i: g.origin_id for g in groups for i in g.article_ids if i != g.origin_id}
    return [
        SourceEntry(
            a.article.id,
            a.article.origin,
            a.article.outlet,
            a.article.title,
            a.article.url,
            a.article.published,
            copy_of.get(a.article.id),
            a.article.language,
            not_read_note(a.article.language),
        )
        for a in articles
    ]
