from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from storyline.models import (
    AnnotatedArticle,
    Article,
    Mention,
    PublishedDate,
    Quote,
    Removed,
    Span,
    TimeExpression,
)
from storyline.serialize import from_jsonable, to_jsonable


def _article(text: str, day: date | None) -> Article:
    published = PublishedDate(day, "metadata", "meta tag", 0.9) if day else PublishedDate.unknown()
    return Article(
        id="a1",
        origin="x.txt",
        text=text,
        published=published,
        title="T",
        dateline=Span(0, min(3, len(text)), text[:3]),
        removed=(Removed("RELATED x", "related-link", 10, 19),),
    )


@given(st.text(max_size=50), st.one_of(st.none(), st.dates()))
def test_article_round_trips(text: str, day: date | None) -> None:
    article = _article(text, day)
    assert from_jsonable(Article, to_jsonable(article)) == article


def test_nested_records_round_trip() -> None:
    article = _article("Peskov said talks will resume on Tuesday.", date(2022, 3, 28))
    annotated = AnnotatedArticle(
        article=article,
        mentions=(Mention("a1", 0, 6, "Peskov", "PERSON", "person"),),
        quotes=(
            Quote("a1", "indirect", Span(12, 40, "talks will resume on Tuesday"), Span(7, 11, "said"), None),
        ),
        times=(TimeExpression("a1", 33, 40, "Tuesday", "2022-03-29", "DATE", "2022-03-28"),),
    )
    data = to_jsonable(annotated)
    assert data["article"]["published"]["value"] == "2022-03-28"
    assert from_jsonable(AnnotatedArticle, data) == annotated
