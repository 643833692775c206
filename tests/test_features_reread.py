"""An article featurised again (after its story's dates moved it) gets what a first reading gives."""

from __future__ import annotations

import dataclasses
from datetime import date

from storyline.cluster.features import _TEXT_READ, ArticleFeatures, article_features
from storyline.models import AnnotatedArticle, Article, Language, Mention, PublishedDate, Sentence

TEXT = (
    "Airbus said on 13 June that Qatar Airways ordered 60 A350 jets worth $15 billion. "
    "The order, Airbus said, is its largest this year."
)


def _article(text: str = TEXT, title: str = "Qatar orders Airbus jets") -> AnnotatedArticle:
    published = PublishedDate(date(2005, 6, 14), "metadata", "test", 1.0)
    item = Article("a1", "a1", text, published, title=title, language=Language("en", 0.99, "detected"))
    at = text.find("Qatar Airways")
    mentions = (
        Mention("a1", 0, 6, "Airbus", "ORG", "organisation"),
        Mention("a1", at, at + 13, "Qatar Airways", "ORG", "organisation"),
    )
    return AnnotatedArticle(item, sentences=(Sentence("a1", 0, len(text), text, None),), mentions=mentions)


def _fresh(annotated: AnnotatedArticle) -> ArticleFeatures:
    _TEXT_READ.clear()
    return article_features(annotated)


def test_a_second_reading_after_a_date_moved_equals_a_first_one() -> None:
    first = _article()
    article_features(first)  # kept
    later = PublishedDate(date(2005, 6, 20), "metadata", "test", 1.0)
    moved = dataclasses.replace(first, article=dataclasses.replace(first.article, published=later))
    again = article_features(moved)
    assert again == _fresh(moved)
    assert again.published == date(2005, 6, 20).toordinal()
    assert "airbus" in again.entities and again.marks


def test_a_changed_text_title_or_mentions_is_read_afresh() -> None:
    article_features(_article())
    for changed in (
        _article(text=TEXT.replace("Qatar Airways", "Emirates Group")),
        _article(title="Emirates orders Airbus jets"),
        dataclasses.replace(_article(), mentions=(Mention("a1", 0, 6, "Airbus", "ORG", "organisation"),)),
    ):
        article_features(_article())
        assert article_features(changed) == _fresh(changed)


def test_changing_what_one_reading_returned_leaves_the_next_alone() -> None:
    first = article_features(_article())
    first.words.clear()
    first.entities["nobody"] = 1.0
    first.marks.clear()
    assert article_features(_article()) == _fresh(_article())
    assert article_features(_article()).words
