import dataclasses
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from storyline.models import (
    SCHEMA_VERSION,
    AnnotatedArticle,
    Article,
    CitedQuote,
    Mention,
    PublishedDate,
    Quote,
    Removed,
    Span,
    SpeakerQuotes,
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


DOCS = Path(__file__).resolve().parents[1] / "docs" / "brief-schema.md"


def test_the_schema_page_names_its_version_and_every_quote_field() -> None:
    page = DOCS.read_text(encoding="utf-8")
    assert f"# The JSON brief, schema version {SCHEMA_VERSION}" in page
    for record in (CitedQuote, SpeakerQuotes):
        for name in (f.name for f in dataclasses.fields(record)):
            assert f"`{name}`" in page, (record.__name__, name)
    words = ("person", "organisation", "group", "unnamed", "outlet", "asserts", "denies", "asks", "is_asked")
    for word in words:
        assert f"`{word}`" in page, word


def test_quote_stance_and_speaker_round_trip_and_older_briefs_still_load() -> None:
    content = Span(12, 40, "that the talks were off")
    quote = CitedQuote(
        "that the talks were off",
        "indirect",
        "a1",
        "Wire",
        None,
        content,
        None,
        cue=Span(7, 13, "denied"),
        polarity="denies",
        direct=False,
        speaker_kind="unnamed",
        speaker_confidence=0.8,
    )
    group = SpeakerQuotes(None, "a Kremlin spokesman", (quote,), "unnamed")
    data = to_jsonable(group)
    assert data["quotes"][0]["polarity"] == "denies" and data["kind"] == "unnamed"
    assert from_jsonable(SpeakerQuotes, data) == group
    for key in ("cue", "polarity", "direct", "speaker_kind", "speaker_confidence"):
        del data["quotes"][0][key]
    del data["kind"]
    old = from_jsonable(SpeakerQuotes, data)  # a brief written before schema 1.5
    assert old.kind is None and old.quotes[0].polarity == "asserts" and old.quotes[0].cue is None


def _by_value(value: object) -> object:
    """``to_jsonable`` as it was written before it dispatched on types: every value's checks anew."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _by_value(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, tuple | list):
        return [_by_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _by_value(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclasses.dataclass(frozen=True)
class _Empty:
    pass


@dataclasses.dataclass(frozen=True)
class _One:
    only: object


class _Word(str):
    pass


def test_to_jsonable_dispatches_on_types_as_the_checks_on_values_did() -> None:
    from collections import namedtuple
    from datetime import datetime

    pair = namedtuple("pair", "a b")
    values = [
        _article("Text here.", date(2020, 1, 2)),
        _Empty(),
        _One(_One((1, 2.5, None, True))),
        {"k": [_Word("w"), pair(1, date(2021, 3, 4))], 3: datetime(2020, 1, 2, 3, 4)},
        (frozenset({1}), b"raw", 7, "s"),
    ]
    for value in values:
        assert to_jsonable(value) == _by_value(value)
        assert repr(to_jsonable(value)) == repr(_by_value(value))
