"""Fuzz targets for the readers and the renderer issue 16 hardened (run by ``benchmarks/fuzz.py``).

Each target takes one input's bytes and raises AssertionError, or the code's own exception, when a
promise is broken: a reader returns documents or rejections and never raises; no lone surrogate
gets past the door; a fetched body never decodes past its cap; a rendered brief runs no markup.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from storyline.extract import extract_article
from storyline.models import Brief, RawDocument, Rejection
from storyline.render.markdown import render_markdown
from storyline.sources.decode import sniff_kind
from storyline.sources.dispatch import documents_from_bytes
from storyline.sources.documents import failing_alone
from storyline.sources.fetch import Fetched, FetchRefused, _capped, _decoded
from storyline.sources.records import read_json, read_jsonl
from storyline.sources.web import fetched_documents

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

MAX_BYTES = 1_000_000
_SURROGATE = re.compile("[\ud800-\udfff]")
_ACTIVE = re.compile(r"<script|<[^>]*\son\w+\s*=|(?:href|src)\s*=\s*[\"']?\s*javascript:", re.I)
_TYPES = ("text/html", "text/plain", "application/rss+xml", "application/json", "text/xml", "")
_ENCODINGS = ("identity", "gzip", "deflate")


class _CarelessViewer(MarkdownIt):
    def validateLink(self, url: str) -> bool:  # markdown-it's name; every link is followed
        return True


VIEWER = _CarelessViewer("commonmark", {"html": True}).enable("table")


def _documents(items: Iterable[RawDocument | Rejection]) -> None:
    for item in items:
        assert isinstance(item, RawDocument | Rejection), item
        if isinstance(item, RawDocument):
            for text in (item.body, item.title or "", item.outlet or "", item.url or ""):
                assert not _SURROGATE.search(text), "a lone surrogate got past the door"


def json_records(data: bytes) -> None:
    _documents(failing_alone_free(read_json("fuzz.json", data)))


def jsonl_records(data: bytes) -> None:
    _documents(failing_alone_free(read_jsonl("fuzz.jsonl", io.BytesIO(data), MAX_BYTES)))


def html_page(data: bytes) -> None:
    for item in failing_alone_free(documents_from_bytes("fuzz.html", data, "html", MAX_BYTES)):
        _documents([item])
        if isinstance(item, RawDocument):
            assert isinstance(extract_article(item), object)


def any_bytes(data: bytes) -> None:
    _documents(failing_alone_free(documents_from_bytes("fuzz.bin", data, sniff_kind(data), MAX_BYTES)))


def http_answer(data: bytes) -> None:
    """First byte: content type and encoding; the rest, the body (compressed when the encoding says)."""
    if not data:
        return
    kind, encoding = _TYPES[data[0] % len(_TYPES)], _ENCODINGS[(data[0] // 8) % len(_ENCODINGS)]
    body = data[1:]
    if encoding != "identity" and data[0] & 0x80:  # half the time, a valid stream of the input
        body = zlib.compress(body, wbits=31 if encoding == "gzip" else 15)
    try:
        decoded = b"".join(_capped(_decoded(iter([body]), encoding), MAX_BYTES, float("inf"), 1.0))
    except FetchRefused:
        return
    assert len(decoded) <= MAX_BYTES
    got = Fetched("https://fuzz.example/a", kind, decoded)
    _documents(failing_alone_free(fetched_documents("https://fuzz.example/a", got, MAX_BYTES)))


def failing_alone_free(items: Iterable[RawDocument | Rejection]) -> list[RawDocument | Rejection]:
    """The items, with a reader failure turned into a rejection counted as a crash: the fuzzer looks
    for exceptions the readers themselves let out, so ``failing_alone`` must not hide them here."""
    found = list(failing_alone("fuzz", items))
    escaped = [r for r in found if isinstance(r, Rejection) and r.reason == "reader-failed"]
    assert not escaped, escaped[0].detail
    return found


# fields storyline writes itself (ids, ISO dates, codes from fixed lists): every other string of a
# brief comes from an input, and is what the renderer must make inert
OURS = frozenset(
    {"id", "story_id", "article_id", "event_id", "fact_id", "fact_ids", "duplicate_of", "date", "day",
     "published", "status", "kind", "method", "reason", "stage", "language", "polarity", "speaker_kind",
     "first", "last", "start", "end", "since"}
)  # fmt: skip


def _with_text(value: Any, text: str) -> Any:
    """``value`` with every input-made string inside it (dataclasses, tuples) replaced by ``text``."""
    if isinstance(value, str):
        return text
    if isinstance(value, tuple):
        return tuple(_with_text(v, text) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _with_text(getattr(value, f.name), text)
            for f in dataclasses.fields(value)
            if f.name not in OURS
        }
        return dataclasses.replace(value, **changes)
    return value


def markdown_brief(data: bytes) -> None:
    from brief_fixture import sample_brief

    text = data.decode("utf-8", "replace")
    brief: Brief = _with_text(sample_brief(), text)
    html = VIEWER.render(render_markdown(brief))
    found = _ACTIVE.search(html)
    assert found is None, f"active markup from the input: {found.group(0) if found else ''}"


TARGETS: dict[str, Callable[[bytes], None]] = {
    "json": json_records,
    "jsonl": jsonl_records,
    "html": html_page,
    "bytes": any_bytes,
    "http": http_answer,
    "markdown": markdown_brief,
}


def seeds(target: str, text: str, feed: str) -> list[bytes]:
    """Starting inputs: a good one of each kind, and one hostile case per target."""
    record = '{"title": "Talks \\udfff set", "text": ' + json.dumps(text) + ', "outlet": "Wire"}'
    page = f"<html><body><article><h1>Talks</h1><p>{text}</p></article></body></html>"
    hostile = "<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)> `a` \\"
    return {
        "json": [record.encode(), b"[" * 2000 + b"]" * 2000, b"[" + record.encode() + b"]"],
        "jsonl": [(record + "\n" + record + "\n").encode()],
        "html": [page.encode()],
        "bytes": [text.encode(), page.encode(), feed.encode(), record.encode()],
        "http": [b"\x00" + page.encode(), b"\x89" + text.encode(), b"\x92" + feed.encode()],
        "markdown": [hostile.encode(), text.encode()],
    }[target]
