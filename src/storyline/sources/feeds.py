"""RSS and Atom feeds through feedparser.

Each entry becomes one plain-text RawDocument made from its full content (``content:encoded``,
Atom ``content``) or, failing that, its summary; the entry's link is recorded as the URL but not
fetched, so reading a feed is one request, deterministic and testable offline. Polling feeds and
fetching linked pages is the job of ``storyline watch`` (issue 8), which can pass the links to
:func:`storyline.sources.read_sources`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import feedparser
import lxml.etree
import lxml.html

from storyline.models import RawDocument, Rejection

_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANKS = re.compile(r"\n\s*\n\s*(\n\s*)*")
# control characters that XML forbids: lxml refuses to set them as element text
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def fragment_text(html: str) -> str:
    """An HTML fragment → text with one blank line between block elements."""
    html = _CONTROL.sub("", html)
    if "<" not in html:
        return html.strip()
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter(*_BLOCKS):
        block.text = "\n\n" + (block.text or "")
        block.tail = "\n\n" + (block.tail or "")
    lines = (_SPACES.sub(" ", line).strip() for line in str(root.text_content()).split("\n"))
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def _entry_body(entry: Any) -> str:
    for content in entry.get("content") or ():
        text = fragment_text(str(content.get("value", "")))
        if text:
            return text
    return fragment_text(str(entry.get("summary", "")))


def _entry_language(entry: Any, feed_language: str | None) -> str | None:
    """The language an entry's content or title declares (Atom xml:lang), else its feed's (RSS <language>)."""
    for content in entry.get("content") or ():
        if content.get("language"):
            return str(content["language"])
    return str((entry.get("title_detail") or {}).get("language") or "") or feed_language


def _entry_document(
    origin: str, entry: Any, outlet: str | None, language: str | None = None
) -> RawDocument | Rejection:
    body = _entry_body(entry)
    if not body:
        return Rejection(origin, "sources", "empty", "the feed entry has no content or summary")
    published = entry.get("published") or entry.get("updated")
    return RawDocument(
        origin,
        "text",
        body,
        url=entry.get("link") or None,
        title=(entry.get("title") or "").strip() or None,
        outlet=outlet,
        published=str(published) if published else None,
        language=_entry_language(entry, language),
    )


def read_feed(origin: str, data: bytes) -> Iterator[RawDocument | Rejection]:
    """Every entry of an RSS/Atom feed (feedparser detects the encoding itself)."""
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser's sgmllib fallback trips on some broken feeds (KeyError, ...)
        yield Rejection(
            origin, "sources", "malformed", f"the feed cannot be read: {type(exc).__name__}: {exc}"
        )
        return
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else "the feed has no entries"
        yield Rejection(origin, "sources", "malformed" if parsed.get("bozo") else "empty", str(problem))
        return
    outlet = (parsed.get("feed", {}).get("title") or "").strip() or None
    language = str(parsed.get("feed", {}).get("language") or "").strip() or None
    for index, entry in enumerate(entries):
        yield _entry_document(f"{origin}#{index}", entry, outlet, language)
