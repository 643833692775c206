"""What's new: the facts of a story that no article published before a given date reported.

A later fact is old news when an earlier fact or sentence reports it: the same fact (id or cited
span), a close rewording (lexical similarity at the facts' bar), or a looser rewording that keeps a
telling phrase of an earlier sentence ("declare neutrality", "expanding territory"). The phrase test is
ours because novelty detection needs it and no library offers it: two reports of one claim often
share little vocabulary beyond the two words that carry it, while unrelated sentences of one story
share names and common words but rarely such a pair.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from datetime import date

import numpy as np

from storyline.compose.claims import make_claims, tfidf_matrix
from storyline.compose.facts import SAME_FACT, build_facts
from storyline.compose.words import MONTHS, WEEKDAYS, content_stems, stem
from storyline.dedupe import group_duplicates
from storyline.models import AnnotatedArticle, Fact, StoryBrief

PHRASE_FLOOR = 0.1  # lexical similarity a shared phrase needs beside it (a phrase alone may be chance)
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d+(?:[.,:]\d+)*|[^\w\s]")
_MIN_LETTERS = 4
_QUOTES = frozenset("\"'“”‘’«»")


def with_updates(
    story: StoryBrief,
    annotated: Sequence[AnnotatedArticle],
    since: date,
    *,
    threshold: float = 0.7,
    num_perm: int = 128,
) -> StoryBrief:
    """``story`` with ``new_facts``: its facts minus those the articles published before ``since`` carry.
    ``threshold`` and ``num_perm`` are the run's near-duplicate settings, as the brief was grouped with."""
    members = {s.article_id for s in story.sources}
    articles = [a for a in annotated if a.article.id in members]
    before = [a for a in articles if a.article.published.value and a.article.published.value < since]
    groups = group_duplicates([a.article for a in articles], threshold=threshold, num_perm=num_perm)
    facts_before = build_facts(before, groups) if before else []
    return dataclasses.replace(story, new_facts=tuple(whats_new(facts_before, story.facts, before)))


def whats_new(
    facts_before: Sequence[Fact],
    facts_after: Sequence[Fact],
    earlier: Sequence[AnnotatedArticle] = (),
) -> list[Fact]:
    """Facts of the later brief that no earlier fact or sentence reported, in their order.

    ``earlier`` (the articles behind ``facts_before``) lets every earlier sentence count, not only the
    sentence that shows each earlier fact.
    """
    old_texts = [f.text for f in facts_before] + [c.text for c in make_claims(earlier)]
    if not old_texts:
        return list(facts_after)
    old_ids = {f.id for f in facts_before}
    old_spans = {(c.article_id, c.start, c.end) for f in facts_before for c in f.citations}
    lexical = tfidf_matrix(content_stems(t) for t in [*old_texts, *(f.text for f in facts_after)])
    old_rows = lexical[: len(old_texts)]
    old_phrases = [telling_phrases(t) for t in old_texts]
    new: list[Fact] = []
    for n, fact in enumerate(facts_after):
        spans = {(c.article_id, c.start, c.end) for c in fact.citations}
        if fact.id in old_ids or spans & old_spans:
            continue
        sims = old_rows @ lexical[len(old_texts) + n]
        if float(np.max(sims)) >= SAME_FACT:
            continue
        phrases = telling_phrases(fact.text)
        if any(sims[k] >= PHRASE_FLOOR and phrases & old_phrases[k] for k in range(len(old_texts))):
            continue
        new.append(fact)
    return new


def telling_phrases(text: str) -> set[tuple[str, str]]:
    """Pairs of neighbouring lower-case content words, as stems: the words that carry a claim.

    Names, numbers, dates and a title before a name ("foreign minister Dmytro Kuleba") are left out:
    they say who or when, and unrelated sentences of one story share them.
    """
    tokens = _TOKEN.findall(text)
    words: list[str | None] = []  # stems of telling words; None breaks a pair
    for i, token in enumerate(tokens):
        low = token.lower()
        if not token.isalpha():
            if not token.replace("'", "").replace("’", "").isalnum() and token not in _QUOTES:
                words.append(None)  # punctuation ends a phrase; quote marks do not
            continue
        if not content_stems(token):
            continue  # function words are skipped over, as in "declare its neutrality"
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        telling = (
            token.islower()
            and len(token) >= _MIN_LETTERS
            and low not in MONTHS
            and low not in WEEKDAYS
            and not following[:1].isupper()
        )
        words.append(stem(low) if telling else None)
    return {(a, b) for a, b in itertools.pairwise(words) if a and b and a != b}
