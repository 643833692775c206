"""Property tests over every reader of untrusted input: the plain-text extractor, the time normalizer,
the quote parser, and the feed and WARC readers (promises in ``reader_targets``).

Inputs mix news-shaped pieces (datelines, dates, quotation marks, attributions, feed and WARC
structure) with arbitrary text and bytes, and well-formed feeds and WARCs cut or corrupted at any
point. Derandomized, so CI runs the same short slice every time; STORYLINE_PROPERTY_EXAMPLES raises
the number of examples per target for a longer local run.
"""

from __future__ import annotations

import io
import os
from datetime import date
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reader_targets as targets
from storyline.sources.feeds import fragment_text

EXAMPLES = int(os.environ.get("STORYLINE_PROPERTY_EXAMPLES", "40"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

NEWS_PIECES = [
    "March 28 (UPI) -- ", "KYIV, Ukraine — ", "By Jane Doe", "March 29, 2022 / 7:43 AM", "date 2022-03-29",
    "said on Sunday", "will take place on Tuesday", "Monday, March 14", "Feb. 24", "10 March", "next week",
    "three weeks ago", "last year", "in the 1990s", "Q3 2021", "tomorrow morning", "every Friday", "2022",
    '"We have entered a new period," ', "he said.", "according to officials", "Peskov told reporters that ",
    "“", "”", "«", "»", "„", '"', "'", "‘", "’", "Photo: Reuters", "RELATED", "Read more", "Follow Us",
    "\n", "\n\n", " ", ".", ",", "—", "\u00a0", "\u200b", "\ufeff", "\x00", "\r\n", "é", "Ü", "İ", "ß",
]
pieces = st.one_of(st.sampled_from(NEWS_PIECES), st.text(max_size=24))
news_text = st.lists(pieces, max_size=30).map("".join)
anchors = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


@PROPERTY
@given(news_text)
def test_the_plain_text_extractor_never_fails(text: str) -> None:
    targets.plain_text(text)


@PROPERTY
@given(news_text, anchors)
def test_the_time_normalizer_never_fails(text: str, anchor: date | None) -> None:
    targets.times(text, anchor)


@PROPERTY
@given(news_text)
def test_the_quote_parser_never_fails(text: str) -> None:
    targets.quotes(text)


def _rss(items: list[tuple[str, str]], cdata: bool) -> str:
    def body(text: str) -> str:
        return f"<![CDATA[{text.replace(']]>', '')}]]>" if cdata else escape(text)

    entries = "".join(
        f"<item><title>{escape(t)}</title><link>https://example.org/{n}</link>"
        f"<description>{body(d)}</description><pubDate>{escape(t[:20])}</pubDate></item>"
        for n, (t, d) in enumerate(items)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{entries}</channel></rss>'


def _atom(items: list[tuple[str, str]], cdata: bool) -> str:
    entries = "".join(
        f'<entry><title>{escape(t)}</title><link href="https://example.org/{n}"/>'
        f'<content type="html">{escape(d)}</content><updated>{escape(t[:20])}</updated></entry>'
        for n, (t, d) in enumerate(items)
    )
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>'


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    items = draw(st.lists(st.tuples(news_text, news_text), max_size=5))
    shape = draw(st.sampled_from([_rss, _atom]))
    data = shape(items, draw(st.booleans())).encode("utf-8", "surrogatepass")
    return _damaged(draw, data)


def _damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """The bytes as they are, cut short, or with a stretch overwritten."""
    how = draw(st.sampled_from(["whole", "cut", "overwrite"]))
    if how == "whole" or not data:
        return data
    at = draw(st.integers(0, len(data) - 1))
    if how == "cut":
        return data[:at]
    return data[:at] + draw(st.binary(max_size=16)) + data[at + 16 :]


@st.composite
def warcs(draw: st.DrawFn) -> bytes:
    from fastwarc.warc import WarcRecord, WarcRecordType

    stream = io.BytesIO()
    for html in draw(st.lists(news_text, max_size=4)):
        record = WarcRecord()
        record.init_headers(record_type=WarcRecordType.response)
        record.headers["WARC-Target-URI"] = "https://example.org/page"
        record.headers["Content-Type"] = "application/http; msgtype=response"
        status = draw(st.sampled_from(["200 OK", "404 Not Found", "301 Moved"]))
        kind = draw(st.sampled_from(["text/html", "text/html; charset=latin-1", "image/png"]))
        page = f"<html><body><p>{html}</p></body></html>".encode("utf-8", "surrogatepass")
        record.set_bytes_content(f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\n\r\n".encode() + page)
        record.write(stream)
    return _damaged(draw, stream.getvalue())


@PROPERTY
@given(st.one_of(feeds(), st.binary(max_size=512)))
def test_the_feed_reader_never_fails(data: bytes) -> None:
    targets.feed(data)


@PROPERTY
@given(st.one_of(warcs(), st.binary(max_size=512)))
def test_the_warc_reader_never_fails(data: bytes) -> None:
    targets.warc(data)


# Crashes the fuzzer found, kept as their minimal cases.


def test_a_feed_entry_with_a_control_character_is_read() -> None:
    data = (
        b'<rss version="2.0"><channel><item><title>t</title>'
        b"<description><![CDATA[<p>a\x0eb</p>]]></description></item></channel></rss>"
    )
    targets.feed(data)
    assert fragment_text("<p>a\x0eb</p>") == "ab"
