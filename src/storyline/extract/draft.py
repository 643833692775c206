"""A draft article: paragraphs marked keep-or-remove, plus what the document says about itself.

Drafts exist so a whole batch can be looked at (lines repeated across one outlet's articles) before
any Article is built.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from storyline.extract.dates import parse_metadata_date
from storyline.extract.header import find_dateline
from storyline.extract.language import document_language
from storyline.extract.paragraphs import Paragraph
from storyline.models import Article, Language, PublishedDate, RawDocument, Rejection, Removed, Span

_SPACES = re.compile(r"\s+")
_UPDATED = re.compile(r"\b(?:updated|modified|edited)\b", re.I)
NOT_REMOVED = (None, "title")  # the title moves to Article.title: it is not boilerplate


@dataclass
class Draft:
    doc: RawDocument
    paragraphs: list[Paragraph]
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    outlet_evidence: str = ""
    published: PublishedDate = field(default_factory=PublishedDate.unknown)
    language: Language | None = None  # read where the draft is made (a worker), from its kept paragraphs

    @property
    def outlet_key(self) -> str | None:
        """Which articles share furniture: the same outlet, else the same web host."""
        if self.outlet:
            return self.outlet.casefold()
        return url_host(self.doc.url)


def url_host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def metadata_published(doc: RawDocument) -> PublishedDate | None:
    """The date a metadata field states (JSON ``published``, feed ``pubDate``), when it parses."""
    if not doc.published:
        return None
    value = parse_metadata_date(doc.published)
    if value is None:
        return None
    return PublishedDate(value, "metadata", f'metadata published "{doc.published}"', 0.95)


def stated_published(dates: list[tuple[date, str]]) -> PublishedDate:
    """The first full date written in the header; two agreeing lines raise the confidence."""
    if not dates:
        return PublishedDate.unknown("no full date stated in the header")
    first_published = [d for d in dates if not _UPDATED.search(d[1])] or dates
    value = first_published[0][0]
    agreeing = [line for found, line in dates if found == value]
    evidence = "; ".join(f'header "{line}"' for line in agreeing)
    return PublishedDate(value, "explicit", evidence, 0.98 if len(agreeing) > 1 else 0.95)


def normalized(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_id(text: str, outlet: str | None = None, title: str | None = None) -> str:
    """A stable id: the first 16 hex digits of SHA-256 over outlet, title and normalized clean text.

    The outlet and title are part of it so that one wire story republished by two outlets stays two
    articles (grouped later as copies of one origin) instead of collapsing into one."""
    key = "\x00".join(normalized(part or "") for part in (outlet, title, text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _dateline_span(kept: list[Paragraph], offsets: list[int]) -> Span | None:
    for paragraph, offset in list(zip(kept, offsets, strict=True))[:2]:
        found = find_dateline(paragraph.text)
        if found is not None:
            return Span(offset + found.start, offset + found.end, paragraph.text[found.start : found.end])
    return None


def finish(draft: Draft) -> Article | Rejection:
    """The Article a draft's kept paragraphs make, or a Rejection when nothing is left."""
    kept = [p for p in draft.paragraphs if p.kept]
    if not kept:
        reasons = sorted({p.reason for p in draft.paragraphs if p.reason})
        detail = "no paragraph" if not reasons else "every paragraph was removed: " + ", ".join(reasons)
        return Rejection(draft.doc.origin, "extract", "no-text", detail)
    offsets, position = [], 0
    for paragraph in kept:
        offsets.append(position)
        position += len(paragraph.text) + 2
    text = "\n\n".join(p.text for p in kept)
    removed = tuple(
        Removed(p.exact, p.reason, p.start, p.end) for p in draft.paragraphs if p.reason not in NOT_REMOVED
    )
    return Article(
        id=content_id(text, draft.outlet, draft.title),
        origin=draft.doc.origin,
        text=text,
        published=draft.published,
        title=draft.title,
        outlet=draft.outlet,
        byline=draft.byline,
        dateline=_dateline_span(kept, offsets),
        url=draft.doc.url,
        removed=removed,
        language=draft.language or document_language(draft.doc, draft.title, text),
    )
