"""The cited summary and "what's new" on the seeds."""

from __future__ import annotations

import pytest

from compose_fixtures import SEEDS, seed_articles, seed_key, singleton_groups
from storyline.annotate.nlp import load_nlp
from storyline.compose.claims import tfidf_matrix
from storyline.compose.facts import build_facts
from storyline.compose.faithfulness import check_faithful
from storyline.compose.summary import REPEAT, summarize
from storyline.compose.updates import telling_phrases, whats_new
from storyline.compose.words import content_stems
from storyline.models import AnnotatedArticle, Citation, Fact, SummarySentence

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
    new = whats_new(before, facts, before_articles)
    assert any("Dolmabahce" in f.text for f in new)
    old_spans = {(c.article_id, c.start) for f in before for c in f.citations}
    for fact in new:
        assert not {(c.article_id, c.start) for c in fact.citations} & old_spans
        assert any(seed_key(seeds, c.article_id) == "003" for c in fact.citations)
        # Read by hand: 003 rewords Zelensky's offer of neutrality, which 000 and 001 reported.
        assert "neutrality" not in fact.text
    assert whats_new(facts, facts) == []


def test_a_reworded_claim_is_old_news_but_a_new_place_is_not() -> None:
    earlier = Fact(
        id="fact-a",
        text="On Sunday the minister said the government would consider declaring a state of emergency.",
        citations=(Citation("a", "Outlet A", 0, 99),),
        outlets=("Outlet A",),
        origins=1,
    )
    reworded = Fact(
        id="fact-b",
        text='The minister was willing to declare a "state of emergency" -- something unions opposed.',
        citations=(Citation("b", "Outlet B", 0, 85),),
        outlets=("Outlet B",),
        origins=1,
    )
    fresh = Fact(
        id="fact-c",
        text="Firefighters reached the burning warehouse in the harbour district after midnight.",
        citations=(Citation("b", "Outlet B", 86, 170),),
        outlets=("Outlet B",),
        origins=1,
    )
    assert whats_new([earlier], [reworded, fresh]) == [fresh]


def test_telling_phrases_leave_out_names_titles_and_dates() -> None:
    text = "Foreign minister Dmytro Kuleba said on Tuesday that Kyiv would declare neutrality."
    phrases = telling_phrases(text)
    assert phrases == {("declar", "neutrality")}


def test_the_tail_of_a_line_cut_in_two_is_no_claim() -> None:
    from storyline.compose.claims import _normal, claim_stems
    from storyline.models import Sentence

    # Washington Post, 2016-08-01 (unseen): a deck broken over two lines put its tail in the summary
    tail = Sentence("a1", 0, 48, "of group's methods in disclosing information.")
    assert claim_stems(tail, None) is None
    whole = Sentence("a1", 0, 60, "The leaker was critical of the group's methods in disclosing information.")
    assert claim_stems(whole, None) is not None
    named = Sentence("a1", 0, 50, "de Blasio said the city would reopen its schools.")  # a name in lower case
    assert claim_stems(named, _normal("Schools")) is not None
