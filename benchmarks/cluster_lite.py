"""Just enough annotation for clustering, when the full annotate stage is not wanted.

``"spacy"``: sentences and entity mentions from one spaCy pass (the annotate stage's ``find_mentions``
when it is importable, else the doc's own entities). ``"cheap"``: no model at all; sentences split on end
punctuation, names guessed later from capitalised phrases. Benchmarks use these so that the clustering
stage, not annotation, is what they time; the clusterer accepts either.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal

from storyline.annotate.nlp import load_nlp
from storyline.models import ActorKind, AnnotatedArticle, Article, Mention, Sentence

Mode = Literal["spacy", "cheap"]
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_KINDS: dict[str, ActorKind] = {
    "PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"
}


def _doc_mentions(doc: Any, article_id: str) -> list[Mention]:
    return [
        Mention(article_id, ent.start_char, ent.end_char, ent.text, ent.label_, _kind(ent.label_))
        for ent in doc.ents
    ]


def _kind(label: str) -> ActorKind:
    return _KINDS.get(label, "other")


def _mention_finder() -> Callable[[Any, str], list[Mention]]:
    try:
        from storyline.annotate.mentions import find_mentions
    except ImportError:  # the annotate stage is optional here
        return _doc_mentions
    return find_mentions


def _cheap_sentences(article: Article) -> Iterator[Sentence]:
    for match in _SENTENCE.finditer(article.text):
        text = match[0].strip()
        if text:
            start = match.start() + match[0].index(text[0])
            yield Sentence(article.id, start, start + len(text), text)


def annotate_lite(articles: Sequence[Article], mode: Mode = "spacy") -> list[AnnotatedArticle]:
    """Sentences and (in ``"spacy"`` mode) mentions for each article, in order."""
    if mode == "cheap":
        return [AnnotatedArticle(a, sentences=tuple(_cheap_sentences(a))) for a in articles]
    find = _mention_finder()
    docs = load_nlp().pipe((a.text for a in articles), batch_size=32)
    out = []
    for article, doc in zip(articles, docs, strict=True):
        sentences = tuple(
            Sentence(article.id, s.start_char, s.end_char, s.text) for s in doc.sents if s.text.strip()
        )
        out.append(AnnotatedArticle(article, sentences=sentences, mentions=tuple(find(doc, article.id))))
    return out
