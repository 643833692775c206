"""Bytes → text: binary sniffing, charset detection (charset-normalizer) and content sniffing."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

ContentKind = Literal["html", "text", "feed", "json", "warc", "binary"]

_SNIFF_BYTES = 8192
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article)\b", re.I | re.S
)
_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.I | re.S)
_MARKUP_START = re.compile(rb"^\s*<(?:\?xml|[A-Za-z][\w:-]*[\s>/])")
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|p|div|article)\b[^>]*>", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_SURROGATE = re.compile("[\ud800-\udfff]")


class DecodeError(ValueError):
    """The bytes are not text: ``reason`` is the rejection code ("binary" or "undecodable")."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def without_surrogates(text: str) -> str:
    """Lone surrogates (a JSON ``"\\udfff"`` escape) become U+FFFD, one character for one, so offsets
    stay put; no encoder downstream (hashing, SQLite, JSON output) can take them."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean binary (unless a BOM says UTF-16)."""
    head = data[:_SNIFF_BYTES]
    if head.startswith(_BOMS):
        return False
    if b"\x00" in head:
        return True
    return len(_CONTROL.findall(head)) > max(8, len(head) // 100)


def sniff_kind(data: bytes) -> ContentKind:
    """Guess what a blob holds from its first bytes: WARC, feed, HTML, JSON, text or binary."""
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"WARC/") or head.startswith(b"\x1f\x8b"):
        return "warc" if head.startswith(b"WARC/") or _gzip_holds_warc(data) else "binary"
    if looks_binary(head):
        return "binary"
    if _FEED_START.match(head):
        return "feed"
    if _HTML_START.match(head) or len(_HTML_ANYWHERE.findall(head)) >= 2 or _MARKUP_START.match(head):
        return "html"  # other XML is read as markup too: trafilatura takes the text out of its tags
    if head.lstrip()[:1] in (b"{", b"["):
        return "json"
    return "text"


def _gzip_holds_warc(data: bytes) -> bool:
    import zlib

    try:
        inflated = zlib.decompressobj(wbits=31).decompress(data[:_SNIFF_BYTES], 16)
    except zlib.error:
        return False
    return inflated.startswith(b"WARC/")


def _declared_charset(data: bytes, declared: str | None) -> str | None:
    if declared:
        return declared
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode bytes to text with line endings normalized to ``\\n``; raise :class:`DecodeError`.

    Order: a BOM, then strict UTF-8 (bytes that happen to be valid UTF-8 almost never are anything
    else, and pages often declare Latin-1 while serving UTF-8), then the declared charset (HTTP header
    or ``<meta charset>``), then Windows-1252 for mostly-ASCII Western text, then charset-normalizer.
    """
    if looks_binary(data):
        raise DecodeError("binary", "the file holds NUL bytes or control characters: not text")
    text = _decode(data, _declared_charset(data, declared))
    if text is None:
        raise DecodeError("undecodable", "no character encoding decodes these bytes")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if text.count("\ufffd") > max(4, len(text) // 200):
        raise DecodeError("undecodable", "too many undecodable characters")
    return text


def _decode(data: bytes, declared: str | None) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig", errors="replace")
    for encoding in ("utf-8", declared):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    western = _western(data)
    if western is not None:
        return western
    from charset_normalizer import from_bytes  # its detectors load only for bytes no simpler reading fits

    best = from_bytes(data).best()
    return str(best) if best is not None else None


_WESTERN_MARKS = set("«»‘’‚“”„–—…€£¥°·×÷§©®™¿¡ªº¹²³µ¶")


def _western(data: bytes) -> str | None:
    """Mostly-ASCII text whose other bytes read as Latin letters in Windows-1252 (a superset of Latin-1).

    Charset detectors guess poorly on such text (a few accented letters among English or French
    words are read as Central European or even Japanese), and Western European is by far the most
    common legacy encoding of news text.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    others = [c for c in text if ord(c) > 127]
    if len(others) > 0.3 * len(text):
        return None
    latin = sum(1 for c in others if c in _WESTERN_MARKS or "LATIN" in unicodedata.name(c, ""))
    return text if latin >= 0.95 * len(others) else None
