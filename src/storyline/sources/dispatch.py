"""One blob of known kind → RawDocuments or Rejections: the reader for each kind, chosen in one place.

Above the readers (feeds and WARC build their documents with :mod:`storyline.sources.documents`), so no
reader imports it and no import hides a cycle.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from storyline.models import RawDocument, Rejection
from storyline.sources.decode import ContentKind
from storyline.sources.documents import html_document, text_document
from storyline.sources.records import read_json


def documents_from_bytes(
    origin: str,
    data: bytes,
    kind: ContentKind,
    max_bytes: int,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[RawDocument | Rejection]:
    """Dispatch a blob already in memory (at most ``max_bytes`` long) to the reader for its kind."""
    if not data.strip():
        yield Rejection(origin, "sources", "empty", "zero bytes" if not data else "only whitespace")
    elif kind == "binary":
        yield Rejection(origin, "sources", "binary", "the content is not text, HTML, a feed or a WARC")
    elif kind == "html":
        yield html_document(origin, data, url, charset)
    elif kind == "text":
        yield text_document(origin, data, url, charset)
    elif kind == "json":
        yield from read_json(origin, data)
    elif kind == "feed":
        from storyline.sources.feeds import read_feed  # feedparser and lxml: only for a feed

        yield from read_feed(origin, data)
    else:
        from storyline.sources.warc import read_warc  # FastWARC: only for an archive

        yield from read_warc(origin, io.BytesIO(data), max_bytes)
