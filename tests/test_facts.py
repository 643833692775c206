"""Facts: claims grouped across articles, independent origins counted once per outlet and copy."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from compose_fixtures import SEEDS, annotate, seed_articles, seed_key, singleton_groups
from storyline.annotate.nlp import load_nlp
from storyline.compose.coverage import build_coverage, single_outlet_facts
from storyline.compose.facts import build_facts, origin_keys
from storyline.models import AnnotatedArticle, DuplicateGroup

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")

REPORT_A = (
    "The mayor thanked volunteers for their help after the storm. "
    "Officials said 12 people were injured in the warehouse fire in Dover on Friday."
)
REPORT_B = (
    "Twelve people were injured on Friday when fire swept through a warehouse in Dover. "
    "Investigators have not yet established the cause of the blaze."
)


@pytest.fixture(scope="module")
def seeds() -> list[AnnotatedArticle]:
    return seed_articles(load_nlp())


def _pair() -> list[AnnotatedArticle]:
    nlp = load_nlp()
    return [
        annotate("a1", REPORT_A, nlp, outlet="Dover Daily"),
        annotate("b1", REPORT_B, nlp, outlet="Coast Radio"),
    ]


def test_same_claim_in_different_words_is_one_fact_with_two_origins() -> None:
    articles = _pair()
    facts = build_facts(articles, singleton_groups(articles))
    injured = [f for f in facts if "injured" in f.text]
    assert len(injured) == 1
    assert injured[0].origins == 2
    assert set(injured[0].outlets) == {"Dover Daily", "Coast Radio"}
    assert {c.article_id for c in injured[0].citations} == {"a1", "b1"}


def test_an_article_does_not_report_what_happened_after_it_was_written() -> None:
    nlp = load_nlp()
    later = "Spokesman Dmitry Peskov confirmed on Monday that the talks with the delegation move to Istanbul."
    undated = "Spokesman Dmitry Peskov confirmed that the talks with the delegation move to Istanbul."

    def facts(published_first: date) -> list[str]:
        articles = [
            annotate("p1", undated, nlp, outlet="Paper", published=published_first),
            annotate("w1", later, nlp, outlet="Wire", published=date(2022, 3, 29)),
        ]
        return [f.id for f in build_facts(articles, singleton_groups(articles)) if "Peskov" in f.text]

    assert len(facts(date(2022, 3, 28))) == 1  # written the day of the statement: the same fact
    assert len(facts(date(2022, 3, 13))) == 2  # written two weeks before "Monday" (the 28th): another


def test_syndicated_copies_and_one_outlets_articles_count_once() -> None:
    a, b = _pair()
    copy = replace(b, article=replace(b.article, id="b2", outlet="Wire Copy"))
    copy = replace(copy, sentences=tuple(replace(s, article_id="b2") for s in b.sentences))
    same_outlet = replace(a, article=replace(a.article, id="a2"))
    same_outlet = replace(same_outlet, sentences=tuple(replace(s, article_id="a2") for s in a.sentences))
    articles = [a, b, copy, same_outlet]
    groups = [*singleton_groups([a, same_outlet]), DuplicateGroup("g", "b1", ("b1", "b2"))]
    keys = origin_keys(articles, groups)
    assert keys["a1"] == keys["a2"] and keys["b1"] == keys["b2"] and keys["a1"] != keys["b1"]
    injured = [f for f in build_facts(articles, groups) if "injured" in f.text]
    assert len(injured) == 1 and injured[0].origins == 2 and len(injured[0].citations) == 4


def test_fact_ids_are_stable_and_text_is_a_cited_sentence(seeds: list[AnnotatedArticle]) -> None:
    first = build_facts(seeds, singleton_groups(seeds))
    again = build_facts(seeds, singleton_groups(seeds))
    assert [f.id for f in first] == [f.id for f in again]
    texts = {a.article.id: a.article.text for a in seeds}
    for fact in first:
        assert any(texts[c.article_id][c.start : c.end] == fact.text for c in fact.citations)


def test_upi_counts_once_on_the_seeds(seeds: list[AnnotatedArticle]) -> None:
    for fact in build_facts(seeds, singleton_groups(seeds)):
        upi = {c.article_id for c in fact.citations if c.outlet == "UPI"}
        others = {c.article_id for c in fact.citations if c.outlet != "UPI"}
        assert fact.origins == (1 if upi else 0) + len(others)
        assert len(fact.outlets) == len(set(fact.outlets))


def test_headline_repeated_and_fragments_are_not_claims(seeds: list[AnnotatedArticle]) -> None:
    facts = build_facts(seeds, singleton_groups(seeds))
    titles = {a.article.title for a in seeds}
    assert not any(f.text in titles for f in facts)
    assert all(len(f.text.split()) >= 5 for f in facts)


def test_coverage_matrix_and_single_outlet_facts(seeds: list[AnnotatedArticle]) -> None:
    facts = build_facts(seeds, singleton_groups(seeds))
    coverage = build_coverage(facts)
    assert "UPI" in coverage.outlets and len(coverage.cells) == len(coverage.outlets)
    assert all(len(row) == len(facts) for row in coverage.cells)
    single = single_outlet_facts(facts)
    assert single and all(len({c.outlet for c in f.citations}) == 1 for f in single)
    assert {seed_key(seeds, c.article_id) for f in facts for c in f.citations} >= {"000", "003"}


def test_empty_inputs_give_empty_outputs() -> None:
    from storyline.compose.conflicts import find_conflicts
    from storyline.compose.summary import summarize
    from storyline.compose.updates import whats_new

    assert build_facts([], []) == []
    assert summarize([], []) == []
    assert whats_new([], []) == []
    assert find_conflicts([], []) == []
    blank = annotate("z", "", load_nlp())
    assert build_facts([blank], singleton_groups([blank])) == []
    assert build_coverage([]).cells == ()
