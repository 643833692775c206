"""http(s) URLs fetched with httpx: a timeout, a size cap while streaming, and content-type sniffing."""

from __future__ import annotations

from collections.abc import Iterator

import httpx

from storyline.models import RawDocument, Rejection
from storyline.sources.decode import ContentKind, sniff_kind
from storyline.sources.documents import documents_from_bytes

USER_AGENT = "storyline/0.1"
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


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


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _read_capped(response: httpx.Response, max_bytes: int) -> bytes | None:
    """The body, or None as soon as it passes ``max_bytes`` (never holding more than that)."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        return None
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_url(url: str, timeout: float, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """GET ``url`` (following redirects) and read what it serves: a page, a feed, text or JSON."""
    try:
        headers = {"User-Agent": USER_AGENT}
        with (
            httpx.Client(timeout=timeout, follow_redirects=True, headers=headers) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                yield Rejection(url, "sources", "fetch-failed", f"HTTP {response.status_code}")
                return
            data = _read_capped(response, max_bytes)
            content_type = response.headers.get("content-type", "")
            final_url = str(response.url)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:  # InvalidURL: a redirect to a broken address
        yield Rejection(url, "sources", "fetch-failed", f"{type(exc).__name__}: {exc}")
        return
    if data is None:
        yield Rejection(url, "sources", "too-large", f"the response is over {max_bytes} bytes")
        return
    kind = kind_from_content_type(content_type, data)
    yield from documents_from_bytes(url, data, kind, max_bytes, url=final_url, charset=_charset(content_type))
