"""Faithfulness: every line of a brief is a source span, or its names, numbers and dates are in its spans.

A summary or timeline line passes when it stands verbatim in one of the spans it cites, or when each
name, number and date it states appears in the text of those spans. ``compose_story`` audits every
line of every brief: a failing line is left out with a warning, or, with the setting
``audit = "raise"`` (the test suite sets it in its settings file, so every brief the tests produce is
checked, in subprocesses too), stops the run with ``UnfaithfulLine``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from storyline.compose.words import MONTHS, WEEKDAYS, names_in, numbers_in
from storyline.errors import UnfaithfulLine
from storyline.models import AnnotatedArticle, Article, Citation, SummarySentence, TimelineEntry
from storyline.text import ascii_fold

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip().lower()


ArticleLike = AnnotatedArticle | Article
_log = logging.getLogger(__name__)
Line = TypeVar("Line", SummarySentence, TimelineEntry)


def check_faithful(
    line_text: str,
    citations: Sequence[Citation],
    articles: Iterable[ArticleLike] | Mapping[str, ArticleLike],
) -> list[str]:
    """Problems with ``line_text`` against its cited spans; an empty list means faithful.

    ``articles`` may be annotated or clean articles, as a sequence or a mapping by id.
    """
    if not citations:
        return ["the line cites nothing"]
    texts = _texts(articles)
    problems: list[str] = []
    spans: list[str] = []
    for citation in citations:
        text = texts.get(citation.article_id)
        if text is None:
            problems.append(f"cites unknown article {citation.article_id}")
        elif not 0 <= citation.start < citation.end <= len(text):
            problems.append(f"bad offsets {citation.start}..{citation.end} in {citation.article_id}")
        else:
            spans.append(_normal(text[citation.start : citation.end]))
    line = _normal(line_text)
    if problems or any(line in span for span in spans):
        return problems
    return [f"{what} {item!r} is in none of the cited spans" for what, item in _missing(line_text, spans)]


def _texts(articles: Iterable[ArticleLike] | Mapping[str, ArticleLike]) -> dict[str, str]:
    items = articles.values() if isinstance(articles, Mapping) else articles
    clean = [a.article if isinstance(a, AnnotatedArticle) else a for a in items]
    return {a.id: a.text for a in clean}


def _missing(line_text: str, spans: Sequence[str]) -> list[tuple[str, str]]:
    cited = ascii_fold(" ".join(spans))
    cited_numbers = numbers_in(cited)
    missing = [("name", n) for n in sorted(names_in(line_text.translate(_QUOTES))) if n not in cited]
    missing += [("number", n) for n in sorted(numbers_in(line_text)) if n not in cited_numbers]
    words = set(re.findall(r"[a-z]+", _normal(line_text)))
    missing += [("date", d) for d in sorted(words & set(MONTHS + WEEKDAYS)) if d not in cited]
    return missing


def audited(
    lines: Sequence[Line], articles: Sequence[ArticleLike], *, where: str, audit: str = "warn"
) -> list[Line]:
    """The lines that pass ``check_faithful``; a failing one is left out with a warning, or raises
    ``UnfaithfulLine`` when ``audit`` is "raise"."""
    kept: list[Line] = []
    for line in lines:
        problems = check_faithful(line.text, line.citations, articles)
        if not problems:
            kept.append(line)
            continue
        message = f"{where} line {line.text[:80]!r} left out: {'; '.join(problems)}"
        if audit == "raise":
            raise UnfaithfulLine(message)
        _log.warning(message)
    return kept
