"""The documents a text or an HTML blob makes, and the one place a reader's failure becomes a rejection.

Shared by files, stdin, URLs, feeds and WARC; :mod:`storyline.sources.dispatch` sends a blob to the
reader for its kind."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator

from storyline.models import RawDocument, Rejection
from storyline.sources.decode import DecodeError, decode_text

_SCRIPT_STYLE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>|<!--.*?-->", re.S)
_WORD = re.compile(r"[^\W\d_]{2,}")

log = logging.getLogger(__name__)


def failing_alone(origin: str, items: Iterable[RawDocument | Rejection]) -> Iterator[RawDocument | Rejection]:
    """``items`` as they come; an exception a reader raises becomes one rejection of ``origin``.

    The one place "an input fails alone" is enforced for reading: whatever a parser throws (a
    feed's bad character reference, a recursion limit, a library bug), the run goes on with the
    next input. What was read before the failure is kept.
    """
    try:
        yield from items
    except Exception as exc:  # any reader failure, MemoryError and RecursionError included
        log.warning("reading %s failed", origin, exc_info=exc)
        yield Rejection(origin, "sources", "reader-failed", f"{type(exc).__name__}: {exc}"[:500])


def html_has_text(html: str) -> bool:
    """A cheap check that some words stand outside tags, scripts and styles."""
    visible = _TAG.sub(" ", _SCRIPT_STYLE.sub(" ", html))
    return _WORD.search(visible) is not None


def _decoded(origin: str, data: bytes, charset: str | None) -> str | Rejection:
    """The blob as text, or why it cannot be read: undecodable, or nothing but whitespace."""
    try:
        text = decode_text(data, charset)
    except DecodeError as exc:
        return Rejection(origin, "sources", exc.reason, exc.detail)
    return text if text.strip() else Rejection(origin, "sources", "empty", "only whitespace")


def text_document(
    origin: str, data: bytes, url: str | None = None, charset: str | None = None
) -> RawDocument | Rejection:
    text = _decoded(origin, data, charset)
    return text if isinstance(text, Rejection) else RawDocument(origin, "text", text, url=url)


def html_document(
    origin: str, data: bytes, url: str | None = None, charset: str | None = None
) -> RawDocument | Rejection:
    html = _decoded(origin, data, charset)
    if isinstance(html, Rejection):
        return html
    if not html_has_text(html):
        return Rejection(origin, "sources", "malformed", "the HTML holds no text outside its tags")
    return RawDocument(origin, "html", html, url=url)
