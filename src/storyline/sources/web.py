"""http(s) URLs read through the one guarded fetcher (``sources.fetch``), their kind from the
Content-Type or sniffed."""

from __future__ import annotations

from collections.abc import Iterator

import httpx

from storyline.config import Settings
from storyline.models import RawDocument, Rejection
from storyline.sources.addresses import is_url
from storyline.sources.decode import ContentKind, sniff_kind
from storyline.sources.dispatch import documents_from_bytes
from storyline.sources.fetch import USER_AGENT, Fetched, Fetcher, FetchRefused

__all__ = [
    "USER_AGENT",
    "FetchRefused",
    "Fetched",
    "Fetcher",
    "fetch_url",
    "fetched_documents",
    "fetcher_for",
    "is_url",
]
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def url_problem(value: str) -> str | None:
    """Why ``value`` is not a usable http(s) URL, or None when it is."""
    try:
        url = httpx.URL(value)
    except httpx.InvalidURL as exc:
        return str(exc)
    return None if url.host else "no host"


def kind_from_content_type(content_type: str, data: bytes) -> ContentKind:
    """The server's Content-Type decides when it is specific; XML, JSON and unknown types are sniffed."""
    mime = content_type.split(";")[0].strip().lower()
    sniffed = sniff_kind(data)
    if mime in _FEED_TYPES:
        return "feed"
    if mime in _HTML_TYPES:
        return "feed" if sniffed == "feed" else "html"
    if mime == "text/plain":
        return sniffed if sniffed in ("html", "feed", "binary") else "text"
    return sniffed


def content_charset(content_type: str) -> str | None:
    """The charset an HTTP Content-Type declares ("text/html; charset=iso-8859-1"), if any."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def fetcher_for(settings: Settings) -> Fetcher:
    """The run's one fetcher, under its settings (size, time, and whether private networks may be reached)."""
    return Fetcher(
        allow_private=settings.allow_private, max_bytes=settings.max_bytes, timeout=settings.fetch_timeout
    )


def fetched_documents(
    url: str, got: Fetched, max_bytes: int, kind: ContentKind | None = None
) -> Iterator[RawDocument | Rejection]:
    """What a fetched answer holds (its kind from the Content-Type and its bytes, unless ``kind`` says)."""
    kind = kind or kind_from_content_type(got.content_type, got.body)
    charset = content_charset(got.content_type)
    yield from documents_from_bytes(url, got.body, kind, max_bytes, url=got.url, charset=charset)


def fetch_url(
    url: str, fetcher: Fetcher, kind: ContentKind | None = None
) -> Iterator[RawDocument | Rejection]:
    """GET ``url`` through ``fetcher`` (every hop guarded) and read what it serves: a page, a feed, text
    or JSON; a refusal or failure is the URL's rejection."""
    try:
        got = fetcher.fetch(url)
    except FetchRefused as exc:
        yield Rejection(url, "sources", exc.reason, str(exc))
        return
    yield from fetched_documents(url, got, fetcher.max_bytes, kind)
