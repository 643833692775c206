"""What every reader must do with any input: return records (never raise), whose offsets point into
the text they came from. Shared by the property tests (hypothesis) and the fuzzer (benchmarks/fuzz.py):
each target takes one input and raises AssertionError, or the reader's own exception, when a promise
is broken."""

from __future__ import annotations

import io
from datetime import date

from storyline.annotate.mentions import find_mentions
from storyline.annotate.nlp import load_nlp
from storyline.annotate.quote_marks import find_quotations
from storyline.annotate.quotes import find_quotes
from storyline.annotate.timex import find_times
from storyline.extract import content_id, extract_article
from storyline.models import Article, RawDocument, Rejection, Span
from storyline.sources.feeds import read_feed
from storyline.sources.warc import read_warc

MAX_BYTES = 1_000_000


def _span_points_into(span: Span, text: str) -> None:
    assert 0 <= span.start <= span.end <= len(text), (span, len(text))
    assert text[span.start : span.end] == span.text, (span, text[span.start : span.end])


def plain_text(text: str) -> None:
    """The plain-text extractor: an Article with clean, non-empty text and a matching id, or a Rejection."""
    result = extract_article(RawDocument("fuzz.txt", "text", text))
    if isinstance(result, Rejection):
        assert result.reason and result.stage in ("sources", "extract"), result
        return
    assert isinstance(result, Article)
    assert result.text.strip()
    assert result.id == content_id(result.text, result.outlet, result.title)
    if result.dateline is not None:
        _span_points_into(result.dateline, result.text)


def times(text: str, anchor: date | None) -> None:
    """The time normalizer: every expression is the text at its offsets, with a value."""
    for found in find_times(text, anchor):
        assert 0 <= found.start <= found.end <= len(text), found
        assert text[found.start : found.end] == found.text, found
        assert found.value, found


def quotes(text: str) -> None:
    """The quote parser: quotation marks paired inside the text; every quote's spans point into it."""
    for start, end in find_quotations(text):
        assert 0 <= start <= end <= len(text), (start, end)
    doc = load_nlp()(text)
    for quote in find_quotes(doc, "fuzz", find_mentions(doc, "fuzz")):
        for span in (quote.content, quote.cue, quote.source):
            if span is not None:
                _span_points_into(span, text)


def feed(data: bytes) -> None:
    """The feed reader: documents with text and an origin under the feed's, or rejections."""
    for item in read_feed("fuzz.xml", data):
        assert isinstance(item, RawDocument | Rejection), item
        assert item.origin.startswith("fuzz.xml")
        if isinstance(item, RawDocument):
            assert item.body.strip()


def warc(data: bytes) -> None:
    """The WARC reader: HTML documents or rejections, streamed from any bytes, never an exception."""
    for item in read_warc("fuzz.warc", io.BytesIO(data), MAX_BYTES):
        assert isinstance(item, RawDocument | Rejection), item
        if isinstance(item, RawDocument):
            assert item.kind == "html" and item.body.strip()
