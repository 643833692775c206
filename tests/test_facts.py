"""Facts: claims grouped across articles, independent origins counted once per outlet and copy."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from compose_fixtures import SEEDS, annotate, seed_articles, seed_key, singleton_groups
from storyline.annotate.nlp import load_nlp
from storyline.annotate.quotes import find_quotes
from storyline.compose.claims import make_claims, only_claimed
from storyline.compose.coverage import build_coverage, single_outlet_facts
from storyline.compose.facts import build_facts, origin_keys
from storyline.models import AnnotatedArticle, DuplicateGroup, Polarity, Quote, Span

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
    assert SEEDS.is_dir(), "the facts tests need ../shared/seeds"
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


FACT_CHECK = "\n\n".join([
    "Fact check: No, Dover did not ban bicycles",
    "CLAIM: A video shows Dover police officers seizing bicycles from children outside a primary school.",
    "THE FACTS: The council voted on Monday to build 12 new bicycle lanes, and no ban was ever "
    "proposed, council clerk Ann Lee said.",
    "Posts shared thousands of times online said the ban would take effect in June, but the council "
    "minutes show no such vote.",
])
REPORT = "\n\n".join([
    "Dover council votes for new bicycle lanes",
    "DOVER (Coast Radio) - The Dover city council voted on Monday to build 12 new bicycle lanes across "
    "the town, the council clerk said.",
    "Cyclists welcomed the vote, which the council said would cost about 2 million pounds over three years.",
])


def test_a_fact_check_s_claim_keeps_its_label_and_is_never_stated_as_fact(tmp_path: Path) -> None:
    import storyline

    (tmp_path / "check.txt").write_text(FACT_CHECK, encoding="utf-8")
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    brief = storyline.brief([str(tmp_path)])
    lines = [line.text for story in brief.stories for line in story.summary]
    lines += [entry.text for story in brief.stories for entry in story.timeline]
    lines += [fact.text for story in brief.stories for fact in story.facts]
    assert any("bicycle lanes" in text for text in lines)  # the story is briefed
    assert not [t for t in lines if "seizing bicycles" in t]


def test_only_claimed_names_fact_check_claims_and_denied_words() -> None:
    nlp = load_nlp()
    check = annotate("c", FACT_CHECK.split("\n\n", 1)[1], nlp, outlet="Checker")
    reasons = [(s.text.split()[0], only_claimed(check, s)) for s in check.sentences]
    assert reasons == [("CLAIM:", "fact-check claim"), ("THE", None), ("The", None), ("Posts", None)]
    report = annotate("r", REPORT_A, nlp, outlet="Dover Daily")
    denied = replace(report, quotes=(_quote(report, "denies"),))
    assert only_claimed(denied, denied.sentences[1]) == "denied"
    assert only_claimed(replace(report, quotes=(_quote(report, "asserts"),)), report.sentences[1]) is None


def _quote(article: AnnotatedArticle, polarity: Polarity) -> Quote:
    sentence = article.sentences[1]
    content = Span(sentence.start, sentence.end, sentence.text)
    return Quote(article.article.id, "indirect", content, None, None, polarity=polarity)


def test_a_sentence_that_opens_inside_a_quotation_is_only_claimed() -> None:
    # Politico: '"She did it again and I'll say it again. It's misleading to imply that TARP II was an
    # auto bailout bill," Axelrod tweeted' put "It's misleading ..." first in a summary, marks lost
    nlp = load_nlp()
    text = (
        "The debate went on late. \u201cShe did it again and I\u2019ll say it again. It\u2019s misleading to "
        "imply that TARP II was an auto bailout bill,\u201d Axelrod tweeted after the debate."
    )
    article = annotate("q", text, nlp, outlet="Politico")
    quoted = replace(article, quotes=tuple(find_quotes(nlp(text), "q", article.mentions)))
    reasons = {s.text.split()[0]: only_claimed(quoted, s) for s in quoted.sentences}
    assert reasons["The"] is None
    assert reasons["It\u2019s"] == "quoted"


def test_an_embedded_post_left_as_markup_is_only_claimed() -> None:
    nlp = load_nlp()
    text = (
        "Ed Henry posted a picture on Wednesday evening. <tweet tweet-author=\"@edhenry\" tweet-date=\"March "
        "10, 2016\">Jeff Weaver told me the photo violates the rules pic.twitter.com/CYeowyNI7y<tweet/>."
    )
    article = annotate("t", text, nlp, outlet="West Journal")
    reasons = [only_claimed(article, s) for s in article.sentences]
    assert reasons[0] is None and "embedded post" in reasons[1:]


def test_a_piece_of_an_unattributed_quotation_and_a_heading_in_capitals_are_no_claims() -> None:
    # Washington Post, 2016-06-27 and 2016-02-17: a section heading in capitals and a volunteer's words
    # on the phone, split over sentences with no cue, were summary lines
    nlp = load_nlp()
    text = (
        "BEST THING THAT HAPPENED TO REPUBLICANS.\n\nThe court sided with them on immigration.\n\n"
        '"I am calling from the campaign. How are you today?"\n\n'
        "The volunteer hung up the phone and smiled at her friends.\n\n"
        "Rob Calabrese set up a website called “Cape Breton If Donald Trump Wins“ that pitches the island."
    )
    article = annotate("w", text, nlp, outlet="Post")
    assert [c.text for c in make_claims([article])] == [
        "The court sided with them on immigration.",
        "The volunteer hung up the phone and smiled at her friends.",
        # a closing mark typed as an opening one still closes (HuffPost, 2016-02-18)
        "Rob Calabrese set up a website called “Cape Breton If Donald Trump Wins“ that pitches the island.",
    ]
