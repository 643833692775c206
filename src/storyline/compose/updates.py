"""What's new: the facts of a story that no article published before a given date reported."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date

from storyline.compose.facts import build_facts
from storyline.compose.summary import whats_new
from storyline.dedupe import group_duplicates
from storyline.models import AnnotatedArticle, StoryBrief


def with_updates(story: StoryBrief, annotated: Sequence[AnnotatedArticle], since: date) -> StoryBrief:
    """``story`` with ``new_facts``: its facts minus those the articles published before ``since`` carry."""
    members = {s.article_id for s in story.sources}
    articles = [a for a in annotated if a.article.id in members]
    before = [a for a in articles if a.article.published.value and a.article.published.value < since]
    groups = group_duplicates([a.article for a in articles])
    facts_before = build_facts(before, groups) if before else []
    return dataclasses.replace(story, new_facts=tuple(whats_new(facts_before, story.facts)))
