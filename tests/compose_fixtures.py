"""Annotated seed articles for the compose tests, built from spaCy alone.

The cleaner and annotators are developed in parallel; until they land, these tests drop boilerplate
paragraphs with a few generic markers and take outlets and dates from the project's issue, so the
compose stage is tested on real sentences. Nothing here is copied from the seeds.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from storyline.models import (
    AnnotatedArticle,
    Article,
    DuplicateGroup,
    Mention,
    PublishedDate,
    Sentence,
    TimeExpression,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
# Outlets and publication dates as the product issue states them for the seeds.
OUTLETS: dict[str, str | None] = {
    "000": "UPI", "001": None, "002": "Europe Brief News", "003": "UPI", "004": "The Moscow Times",
}
PUBLISHED = {
    "000": date(2022, 3, 28), "001": date(2022, 3, 28), "002": date(2022, 3, 28),
    "003": date(2022, 3, 29), "004": date(2022, 3, 13),
}
_BOILERPLATE = re.compile(
    r"License Photo|Photo by|^RELATED|Latest Headlines|Follow Us|favor to ask|Remind me|Read more|"
    r"^Support |paiment|support us|^Not ready|^date \d|^By [A-Z]|/ \d+:\d+ [AP]M|refuse to be silenced|"
    r"journalists of|^Scenes from|Maxim Guchek|unjustly branded",
    re.MULTILINE,
)
KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "NORP": "group"}


def clean_text(raw: str) -> tuple[str | None, str]:
    """The title (first non-empty line) and the body paragraphs that are not boilerplate."""
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    kept = [line for line in lines if not _BOILERPLATE.search(line)]
    title = kept[0] if kept else None
    return title, "\n\n".join(kept[1:])


def annotate(
    article_id: str, text: str, nlp: Any, *, title: str | None = None, outlet: str | None = None,
    published: date | None = None,
) -> AnnotatedArticle:
    """An AnnotatedArticle with spaCy sentences and entity mentions."""
    doc = nlp(text)
    sentences = tuple(_paragraph_split(article_id, text, [(s.start_char, s.end_char) for s in doc.sents]))
    mentions = _mentions(doc, article_id)
    times = _times(text, published, article_id, doc)
    if times:
        sentences = tuple(_event_dates(list(sentences), times))
    when = PublishedDate(published, "metadata", "test fixture", 1.0) if published else PublishedDate.unknown()
    article = Article(article_id, f"{article_id}.txt", text, when, title=title, outlet=outlet)
    from storyline.annotate.slots import read_slots

    slots = tuple(read_slots(text, doc, sentences, times, mentions))
    return AnnotatedArticle(article, sentences=sentences, mentions=mentions, times=tuple(times), slots=slots)


def _mentions(doc: Any, article_id: str) -> tuple[Mention, ...]:
    """The annotator's mentions when it is there, else spaCy's entities as they stand."""
    try:
        from storyline.annotate.mentions import find_mentions
    except ImportError:
        return tuple(
            Mention(article_id, e.start_char, e.end_char, e.text, e.label_, KINDS.get(e.label_, "other"))  # type: ignore[arg-type]
            for e in doc.ents
        )
    return tuple(find_mentions(doc, article_id))


def _times(text: str, published: date | None, article_id: str, doc: Any) -> list[TimeExpression]:
    """The time annotator's expressions; none without it (compose then reads days itself)."""
    try:
        from storyline.annotate.timex import find_times
    except ImportError:
        return []
    return list(find_times(text, published, article_id=article_id, doc=doc))


def _event_dates(sentences: list[Sentence], times: list[TimeExpression]) -> list[Sentence]:
    from storyline.annotate.timex import sentence_event_dates

    return list(sentence_event_dates(sentences, times))


def _paragraph_split(article_id: str, text: str, spans: list[tuple[int, int]]) -> list[Sentence]:
    """spaCy's sentences, cut again at blank lines and trimmed, as the annotator does."""
    out = []
    for start, end in spans:
        for piece in re.finditer(r"\S(?:.*?\S)??(?=\s*\n\s*\n|\s*$)", text[start:end], re.DOTALL):
            out.append(Sentence(article_id, start + piece.start(), start + piece.end(), piece.group(0)))
    return out


def seed_articles(nlp: Any, skip: tuple[str, ...] = ()) -> list[AnnotatedArticle]:
    return list(_seed_articles(nlp, skip))


@cache
def _seed_articles(nlp: Any, skip: tuple[str, ...]) -> tuple[AnnotatedArticle, ...]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        key = path.name[:3]
        if key in skip:
            continue
        title, body = clean_text(path.read_text(encoding="utf-8"))
        article_id = hashlib.sha1(body.encode()).hexdigest()[:16]
        out.append(
            annotate(article_id, body, nlp, title=title, outlet=OUTLETS[key], published=PUBLISHED[key])
        )
    return tuple(out)


def singleton_groups(articles: list[AnnotatedArticle]) -> list[DuplicateGroup]:
    return [DuplicateGroup(a.article.id, a.article.id, (a.article.id,)) for a in articles]


def seed_key(articles: list[AnnotatedArticle], article_id: str) -> str:
    """The seed file number ("000") of an article built by ``seed_articles``."""
    for path in sorted(SEEDS.glob("*.txt")):
        _, body = clean_text(path.read_text(encoding="utf-8"))
        if hashlib.sha1(body.encode()).hexdigest()[:16] == article_id:
            return path.name[:3]
    raise KeyError(article_id)
