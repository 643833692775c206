"""The per-article stages, cut into chunks an engine can run anywhere.

Extraction runs in two halves: each document is drafted on the engine (trafilatura or our text
rules; a local pool drafts in this process while its workers' model still loads), then the drafts come
back and the batch-wide step (lines one outlet repeats across its articles) and the cheap finishing run
here, in input order, exactly as ``extract_articles`` does.
Annotation runs whole on the engine, a chunk at a time, and hands each chunk back as soon as it and
every chunk before it are done, so the caller can store it: a killed run loses at most the chunks
in flight. Each annotated article comes back with its features for the clusterer, computed where it
was annotated (they are a function of the annotation alone), so the update after the batch only joins
them instead of featurising every article in this process while the workers idle; so does its
near-duplicate signature (shingles, names, MinHash), when asked for. Signatures of other articles are
computed on the engine too (``signatures_on``); only their grouping runs here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import NamedTuple, TypeVar

from storyline.annotate.annotator import annotate_each
from storyline.annotate.dating import Clues, keep_clues, kept_clues
from storyline.annotate.story_dating import days_worth_trusting
from storyline.cluster.features import ArticleFeatures, article_features
from storyline.config import Settings
from storyline.dedupe import Signature, group_signatures, sign_articles
from storyline.engine import Engine, LocalEngine
from storyline.extract import draft_document, extract_articles, finish_drafts
from storyline.extract.draft import Draft
from storyline.models import AnnotatedArticle, Article, DuplicateGroup, RawDocument, Rejection
from storyline.progress import StageClock
from storyline.run_timeline import span
from storyline.store.base import EncodedAnnotation

T = TypeVar("T")

EXTRACT_CHUNK = 16  # documents per task at most: big enough to hide the scheduler's overhead
SIGN_CHUNK = 256  # articles per signature task at most (a few ms each)
ANNOTATE_CHUNK = 32  # articles per task and per store transaction, at most
TASKS_AT_LEAST = 16  # smaller batches are cut finer, so no worker idles while another ends a long chunk
# The smallest share of the text an annotation chunk is cut to near the end of a batch: annotation takes
# about a second per 10,000 characters on one core, so no worker ends more than about half a second
# after the others (the chunk's own overhead, a pipe call and its pickling, is a few milliseconds).
TAIL_CHARS = 5_000


def chunk_size(count: int, largest: int, smallest: int = 1) -> int:
    """From the batch size alone (never from the engine), so every engine cuts a batch the same way."""
    return max(smallest, min(largest, -(-count // TASKS_AT_LEAST)))


def chunked(items: Sequence[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def tapering(articles: Sequence[Article], largest: int = ANNOTATE_CHUNK) -> Iterator[list[Article]]:
    """``articles`` in order, in chunks that shrink towards the end of the batch: each holds at most
    ``largest`` articles and about 1/``TASKS_AT_LEAST`` of the text still to cut, but no less than
    ``TAIL_CHARS`` (guided self-scheduling). Workers take chunks as they finish, so the last ones, being
    short, end together instead of one worker finishing a long chunk alone. A chunk is not cut before
    a later article that repeats one of its texts or headlines (the annotator parses each once per
    chunk), unless it is full. Cut from the texts alone (never from the engine), so every engine cuts a
    batch the same way."""
    last = {key: n for n, a in enumerate(articles) for key in (a.text, a.title) if key}
    left = sum(len(a.text) for a in articles)
    chunk: list[Article] = []
    size = reach = 0
    for n, article in enumerate(articles):
        chunk.append(article)
        size += len(article.text)
        reach = max([reach, n, *(last[key] for key in (article.text, article.title) if key)])
        share = max(TAIL_CHARS, left // TASKS_AT_LEAST)
        if len(chunk) >= largest or (size >= share and reach <= n):
            yield chunk
            left -= size
            chunk, size = [], 0
    if chunk:
        yield chunk


def draft_documents(docs: list[RawDocument]) -> list[Draft | Rejection]:
    """Draft each document; the body is dropped from the draft, since only its paragraphs go on."""
    out: list[Draft | Rejection] = []
    for doc in docs:
        drafted = draft_document(doc)
        if isinstance(drafted, Draft):
            drafted.doc = dataclasses.replace(drafted.doc, body="")
        out.append(drafted)
    return out


def extract_on(
    engine: Engine, docs: Sequence[RawDocument], settings: Settings
) -> tuple[list[Article], list[Rejection]]:
    """``extract_articles`` with the drafting spread over ``engine``; the same results, in order."""
    if isinstance(engine, LocalEngine):
        return extract_articles(docs, settings)
    chunks = chunked(docs, chunk_size(len(docs), EXTRACT_CHUNK))
    # drafting needs no model: a local pool drafts here while its workers' model still loads
    run: Callable[..., Iterator[list[Draft | Rejection]]] = getattr(engine, "map_here_first", engine.map)
    drafted = [d for part in run(draft_documents, chunks) for d in part]
    return finish_drafts(drafted, settings)


def annotate_chunk(articles: list[Article], model: str) -> list[AnnotatedArticle | Rejection]:
    """Annotate with one BLAS thread wherever this runs: OpenBLAS sums in a different order with more
    threads, which can flip a tagger's or parser's near-tie, and results must not depend on the machine."""
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    logged = span("annotate chunk", articles=len(articles), chars=sum(len(a.text) for a in articles))
    with threadpool_limits(limits=1, user_api="blas"), logged:
        return annotate_each(articles, model=model)  # an article that fails is its rejection


class Annotated(NamedTuple):
    """One article's annotation (or the rejection of its failure) and, when annotated, its features for
    the clusterer (``Clusterer.add`` computes the same from the stored annotation) and, when asked for, its
    near-duplicate signature (``sign_articles`` of the annotated article, the one the store keeps)."""

    result: AnnotatedArticle | EncodedAnnotation | Rejection
    features: ArticleFeatures | None
    signature: Signature | None = None
    # the dating clues the annotator read from the article's text (``dating.kept_clues``): the process
    # that dates its story keeps them and need not read them again (see ``keep_dating_clues``)
    clues: Clues | None = None


def annotate_and_featurise(
    articles: list[Article], model: str, num_perm: int | None = None, encode: bool = False
) -> list[Annotated]:
    """``annotate_chunk``, with each annotated article's clustering features and, given ``num_perm``, its
    near-duplicate signature (so dedupe, after the batch, need not sign every new article while the
    workers idle). With ``encode``, an annotated article comes as the store's records
    (``EncodedAnnotation``): encoded here, on the worker, rather than rebuilt from a pickle and encoded
    by the process that stores it while the workers annotate."""
    done = annotate_chunk(articles, model)
    annotated = [a.article for a in done if isinstance(a, AnnotatedArticle)]
    signed = iter(sign_articles(annotated, num_perm=num_perm) if num_perm and annotated else ())
    return [
        Annotated(EncodedAnnotation.of(a) if encode else a, article_features(days_worth_trusting(a)),
                  next(signed, None), kept_clues(a.article.text))
        if isinstance(a, AnnotatedArticle) else Annotated(a, None)
        for a in done
    ]  # fmt: skip


def keep_dating_clues(chunk: Sequence[Annotated]) -> None:
    """Keep, in this process, the dating clues each article of ``chunk`` came back with. On two workers
    each worker held the clues of only the articles it annotated, and story dating read the others' again
    from their texts (time expressions found anew: about 2 s of CPU on ECB+, 0.37 s of it serial); kept
    here, they go out with each story's dating task (``stories_on.date_on``). The clues are those the
    annotator read, the very ones a one-process run keeps: the same dates."""
    for item in chunk:
        if item.clues is not None and not isinstance(item.result, Rejection):
            keep_clues(item.result.article.text, item.clues)


def annotate_on(
    engine: Engine,
    articles: Sequence[Article],
    model: str,
    clock: StageClock | None = None,
    num_perm: int | None = None,
    encode: bool = False,
) -> Iterator[list[Annotated]]:
    """Annotated chunks in input order (with signatures of ``num_perm`` permutations, when given; encoded
    for the store, with ``encode``); time spent waiting for them is clocked as "annotate"."""
    clock = clock or StageClock()
    annotate = partial(annotate_and_featurise, model=model, num_perm=num_perm, encode=encode)
    results = engine.map(annotate, tapering(articles))
    while True:
        with clock("annotate"):
            chunk = next(results, None)
        if chunk is None:
            return
        yield chunk


def signatures_on(engine: Engine, articles: Sequence[Article], settings: Settings) -> list[Signature]:
    """Near-duplicate signatures of ``articles``, in order, computed on ``engine``."""
    sign = partial(sign_articles, num_perm=settings.minhash_permutations)
    chunks = chunked(articles, chunk_size(len(articles), SIGN_CHUNK))
    return [signature for part in engine.map(sign, chunks) for signature in part]


def group_duplicates_on(
    engine: Engine, articles: Sequence[Article], settings: Settings
) -> list[DuplicateGroup]:
    """``dedupe.group_duplicates`` with the per-article signatures computed on ``engine``; the grouping
    itself (LSH and the checks across articles) runs here, so the groups are the same on any engine."""
    unique = list({a.id: a for a in articles}.values())
    signatures = signatures_on(engine, unique, settings)
    return group_signatures(signatures, threshold=settings.near_duplicate_threshold)


def prepare(engine: Engine, model: str, items: int) -> None:
    """Before a batch of ``items``: an engine that starts local workers (``ProcessEngine.preload``)
    starts them loading ``model`` now, while this process reads and extracts."""
    preload: Callable[[str, int], None] | None = getattr(engine, "preload", None)
    if preload is not None:
        preload(model, items)


def warm(engine: Engine, model: str) -> None:
    """Load the spaCy model on every worker before timing anything (benchmarks, long runs)."""
    run: Callable[[Callable[[], object]], object] | None = getattr(engine, "run_everywhere", None)
    if run is not None:
        run(partial(_load, model))


def _load(model: str) -> bool:
    from storyline.annotate.nlp import load_nlp

    return load_nlp(model) is not None
