"""The cited summary and "what's new" on the seeds."""

from __future__ import annotations

import pytest

from compose_fixtures import SEEDS, seed_articles, seed_key, singleton_groups
from storyline.annotate.nlp import load_nlp
from storyline.compose.claims import content_stems, tfidf_matrix
from storyline.compose.facts import build_facts
from storyline.compose.faithfulness import check_faithful
from storyline.compose.summary import REPEAT, summarize, whats_new
from storyline.models import AnnotatedArticle, Fact, SummarySentence

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")


@pytest.fixture(scope="module")
def seeds() -> list[AnnotatedArticle]:
    return seed_articles(load_nlp())


@pytest.fixture(scope="module")
def facts(seeds: list[AnnotatedArticle]) -> list[Fact]:
    return build_facts(seeds, singleton_groups(seeds))


@pytest.fixture(scope="module")
def lines(facts: list[Fact], seeds: list[AnnotatedArticle]) -> list[SummarySentence]:
    return summarize(facts, seeds)


def test_at_most_six_lines_each_cited_and_faithful(
    lines: list[SummarySentence], seeds: list[AnnotatedArticle]
) -> None:
    assert 1 <= len(lines) <= 6
    for line in lines:
        assert line.citations and line.origins >= 1
        assert check_faithful(line.text, line.citations, seeds) == []
        assert len(set(line.outlets)) == len(line.outlets)


def test_first_line_is_about_the_talks_in_turkey(lines: list[SummarySentence]) -> None:
    first = lines[0].text.lower()
    assert "talks" in first and ("tuesday" in first or "istanbul" in first or "turkey" in first)


def test_no_two_lines_say_the_same_thing(lines: list[SummarySentence]) -> None:
    rows = tfidf_matrix(content_stems(line.text) for line in lines)
    sims = rows @ rows.T
    for i in range(len(lines)):
        for j in range(i + 1, len(lines)):
            assert sims[i, j] <= REPEAT


def test_length_by_sentences_and_words(facts: list[Fact], seeds: list[AnnotatedArticle]) -> None:
    assert len(summarize(facts, seeds, sentences=2)) == 2
    short = summarize(facts, seeds, words=60)
    assert len(short) >= 1
    assert len(short) == 1 or sum(len(line.text.split()) for line in short) <= 60
    with pytest.raises(ValueError):
        summarize(facts, seeds, sentences=0)


def test_whats_new_after_adding_003_names_dolmabahce_and_repeats_nothing(
    facts: list[Fact], seeds: list[AnnotatedArticle]
) -> None:
    before_articles = seed_articles(load_nlp(), skip=("003",))
    before = build_facts(before_articles, singleton_groups(before_articles))
    new = whats_new(before, facts)
    assert any("Dolmabahce" in f.text for f in new)
    old_spans = {(c.article_id, c.start) for f in before for c in f.citations}
    for fact in new:
        assert not {(c.article_id, c.start) for c in fact.citations} & old_spans
        assert any(seed_key(seeds, c.article_id) == "003" for c in fact.citations)
    assert whats_new(facts, facts) == []
