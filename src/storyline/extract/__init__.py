"""Extract: RawDocument → clean Article (text, title, outlet, byline, dateline, stated date).

HTML goes through trafilatura with its metadata; plain text through our header rules. Both then pass
the same boilerplate rules, and the batch is checked for lines one outlet repeats across articles.
Every removed paragraph is kept on the Article as a ``Removed`` record with its reason.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.config import Settings
from storyline.errors import ExtractionError
from storyline.extract.draft import Draft, content_id, finish
from storyline.extract.html import html_draft
from storyline.extract.plaintext import text_draft
from storyline.extract.repeated import mark_repeats_by_outlet
from storyline.models import Article, RawDocument, Rejection

__all__ = ["content_id", "extract_article", "extract_articles"]


def _draft(doc: RawDocument) -> Draft | Rejection:
    return html_draft(doc) if doc.kind == "html" else text_draft(doc)


def extract_articles(
    docs: Sequence[RawDocument], settings: Settings
) -> tuple[list[Article], list[Rejection]]:
    """Clean every document; the whole batch is read first so repeated outlet lines can be found.

    Documents with no text left become Rejections (stage "extract"), dropped under policy "skip";
    under "raise" the first one raises :class:`ExtractionError`.
    """
    drafted = [_draft(doc) for doc in docs]
    drafts = [d for d in drafted if isinstance(d, Draft)]
    mark_repeats_by_outlet(drafts)
    finished = [finish(draft) for draft in drafts]
    articles = [a for a in finished if isinstance(a, Article)]
    rejections = [r for r in drafted + finished if isinstance(r, Rejection)]
    if rejections and settings.on_error == "raise":
        first = rejections[0]
        raise ExtractionError(f"{first.origin}: {first.reason} ({first.detail})")
    return articles, [] if settings.on_error == "skip" else rejections


def extract_article(doc: RawDocument) -> Article | Rejection:
    """One document on its own (no cross-document signal)."""
    draft = _draft(doc)
    return draft if isinstance(draft, Rejection) else finish(draft)
