"""WARC and WARC.gz files through FastWARC, streamed record by record.

Only ``response`` records whose HTTP status is 2xx and whose content type is HTML become documents;
requests, metadata, redirects, images and scripts are not articles and are passed over. A record
over ``max_bytes`` is rejected without reading its payload.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from fastwarc.warc import ArchiveIterator, WarcRecordType

from storyline.models import RawDocument, Rejection
from storyline.sources.documents import html_document

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 1 << 20


def _is_html_page(record: Any) -> bool:
    headers = record.http_headers
    if headers is None or not 200 <= int(headers.status_code or 0) < 300:
        return False
    return (record.http_content_type or "").lower() in _HTML_TYPES


def _record_document(origin: str, record: Any, max_bytes: int) -> RawDocument | Rejection:
    url = record.headers.get("WARC-Target-URI") or None
    if record.content_length > max_bytes:
        return Rejection(origin, "sources", "too-large", f"{url}: payload over {max_bytes} bytes")
    payload = _read_at_most(record.reader, max_bytes)
    if payload is None:  # a small compressed payload that inflates past the limit: a decompression bomb
        return Rejection(origin, "sources", "too-large", f"{url}: payload decodes to over {max_bytes} bytes")
    return html_document(origin, payload, url=url, charset=record.http_charset)


def _read_at_most(reader: Any, max_bytes: int) -> bytes | None:
    """The decoded payload, or None as soon as it passes ``max_bytes`` (never holding much more)."""
    chunks, size = [], 0
    while chunk := reader.read(min(_CHUNK, max_bytes + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            return None
    return b"".join(chunks)


def read_warc(origin: str, stream: IO[bytes] | str, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """HTML responses of a WARC (gzip, zstd or lz4 compression is detected by FastWARC)."""
    index, pages = -1, 0
    try:
        records = ArchiveIterator(
            stream,
            record_types=WarcRecordType.response,
            auto_decode="all",  # gzip or chunked payloads, as some crawlers store them
            quirks_mode=True,  # tolerate the small header faults of real-world crawlers
            fsspec_args=False,
        )
        for record in records:
            index += 1
            if _is_html_page(record):
                pages += 1
                yield _record_document(f"{origin}#{index}", record, max_bytes)
    except (OSError, ValueError) as exc:
        yield Rejection(origin, "sources", "malformed", f"unreadable WARC after record {index}: {exc}")
        return
    if index < 0:
        yield Rejection(origin, "sources", "malformed", "no WARC response record found")
    elif pages == 0:
        yield Rejection(origin, "sources", "empty", f"none of {index + 1} responses is an HTML page")
