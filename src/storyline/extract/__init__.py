"""Extract: RawDocument → clean Article (text, title, outlet, byline, dateline, stated date).

HTML goes through trafilatura with its metadata; plain text through our header rules. Both then pass
the same boilerplate rules, and the batch is checked for lines one outlet repeats across articles.
Every removed paragraph is kept on the Article as a ``Removed`` record with its reason:

    header               date lines, bylines, section words above the title
    photo-credit         captions ending in a credit, "Photo by ...", "Image source, ..."
    related-link         "RELATED ...", "Read more: ...", "See also: ..."
    navigation           menus, share bars, breadcrumbs, "Latest Headlines", headings that head nothing
    appeal               donation and subscription pleas, over as many paragraphs as they run
    copyright            "© 2022 ...", "All rights reserved"
    credit               agency footers ("Reporting by ...; Editing by ..."), "SOURCE: ..." lines
    repeated-in-outlet   a line several independent articles of one outlet carry

Rejections (stage "extract"): ``no-text`` (nothing left, or no main text in a page) and
``extract-failed`` (the HTML parser failed on the page).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from storyline.config import Settings
from storyline.errors import ExtractionError
from storyline.extract.draft import Draft, content_id, finish
from storyline.extract.html import html_draft
from storyline.extract.language import document_language, metadata_language
from storyline.extract.plaintext import text_draft
from storyline.extract.repeated import mark_repeats_by_outlet
from storyline.models import Article, RawDocument, Rejection

__all__ = [
    "apply_policy",
    "content_id",
    "draft_document",
    "extract_article",
    "extract_articles",
    "finish_drafts",
]


def draft_document(doc: RawDocument) -> Draft | Rejection:
    """The per-document half of extraction (trafilatura or our text rules): safe to run anywhere.
    A document the rules fail on is that document's rejection ("extract-failed"), never the batch's."""
    try:
        drafted = html_draft(doc) if doc.kind == "html" else text_draft(doc)
        if isinstance(drafted, Draft):  # read while the page is at hand, in the worker that drafts it
            drafted.doc = dataclasses.replace(drafted.doc, language=metadata_language(doc))
            kept = "\n\n".join(p.text for p in drafted.paragraphs if p.kept)
            drafted.language = document_language(drafted.doc, drafted.title, kept)
        return drafted
    except Exception as exc:  # each input fails alone
        return _failed(doc.origin, exc)


def _finish(draft: Draft) -> Article | Rejection:
    try:
        return finish(draft)
    except Exception as exc:  # each input fails alone
        return _failed(draft.doc.origin, exc)


def _failed(origin: str, exc: Exception) -> Rejection:
    return Rejection(origin, "extract", "extract-failed", f"{type(exc).__name__}: {exc}"[:500])


def finish_drafts(
    drafted: Sequence[Draft | Rejection], settings: Settings
) -> tuple[list[Article], list[Rejection]]:
    """The batch half: lines repeated across one outlet's articles, then Articles, under the policy."""
    drafts = [d for d in drafted if isinstance(d, Draft)]
    mark_repeats_by_outlet(drafts)
    finished = [_finish(draft) for draft in drafts]
    return apply_policy([*(d for d in drafted if isinstance(d, Rejection)), *finished], settings)


def apply_policy(
    results: Sequence[Article | Rejection], settings: Settings
) -> tuple[list[Article], list[Rejection]]:
    """Articles and rejections, in order, under the run's policy: "raise" raises on the first
    rejection, "skip" drops them, "collect" keeps them."""
    articles = [r for r in results if isinstance(r, Article)]
    rejections = [r for r in results if isinstance(r, Rejection)]
    if rejections and settings.on_error == "raise":
        first = rejections[0]
        raise ExtractionError(f"{first.origin}: {first.reason} ({first.detail})")
    return articles, [] if settings.on_error == "skip" else rejections


def extract_articles(
    docs: Sequence[RawDocument], settings: Settings
) -> tuple[list[Article], list[Rejection]]:
    """Clean every document; the whole batch is read first so repeated outlet lines can be found.

    Documents with no text left become Rejections (stage "extract"), dropped under policy "skip";
    under "raise" the first one raises :class:`ExtractionError`.
    """
    return finish_drafts([draft_document(doc) for doc in docs], settings)


def extract_article(doc: RawDocument) -> Article | Rejection:
    """One document on its own (no cross-document signal)."""
    draft = draft_document(doc)
    return draft if isinstance(draft, Rejection) else _finish(draft)
