"""An ingest a window at a time, so a month of WARC files never sits in memory at once.

Inputs are read lazily and taken ``WINDOW`` documents at a time; each window is extracted (through
the ingest log), annotated and stored before the next is read. The batch-wide extraction step (lines
one outlet repeats across its articles) looks across one window, so a run of up to ``WINDOW``
documents is extracted exactly as one batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from storyline.cluster.features import ArticleFeatures
from storyline.config import Settings
from storyline.dedupe import Signature
from storyline.engine import Engine, LocalEngine
from storyline.engine.stages import annotate_on, extract_on, keep_dating_clues, prepare
from storyline.errors import AnnotationError, SourceError
from storyline.models import AnnotatedArticle, Article, RawDocument, Rejection
from storyline.pipeline.ingest_log import IngestLog
from storyline.progress import Reporter, StageClock
from storyline.sources import read_sources
from storyline.store import Store
from storyline.store.base import EncodedAnnotation

WINDOW = 2000  # documents read, extracted, annotated and stored together
# annotated articles an ingest keeps for its update (at most): a story's compose reads them all, so the
# update holds them at once anyway; a bigger first ingest decodes the rest from the store
KEPT = WINDOW

Window = tuple[list[RawDocument], list[Rejection]]


def read_items(
    inputs: Sequence[str], settings: Settings, documents: Sequence[RawDocument] = ()
) -> Iterator[RawDocument | Rejection]:
    """``documents`` already read, then every input's, lazily; a rejection raises under "raise"."""
    yield from documents
    if documents and not inputs:
        return
    for item in read_sources(inputs, settings):
        if isinstance(item, Rejection) and settings.on_error == "raise":
            raise SourceError(f"{item.origin}: {item.reason} {item.detail}".strip())
        yield item


def windows(items: Iterable[RawDocument | Rejection], size: int = WINDOW) -> Iterator[Window]:
    """(documents, rejections) of up to ``size`` items at a time."""
    stream = iter(items)
    while part := list(islice(stream, size)):
        yield [i for i in part if isinstance(i, RawDocument)], [i for i in part if isinstance(i, Rejection)]


def extract_window(
    window: Window, settings: Settings, engine: Engine | None = None, log: IngestLog | None = None
) -> tuple[list[Article], list[Rejection]]:
    """One window's articles and rejections (the sources' and extraction's), under the run's policy."""
    raws, rejections = window
    if engine is not None:
        prepare(engine, settings.spacy_model, len(raws))
    if log is not None:  # only inputs the log has not seen are extracted
        articles, dropped = log.extract(raws, settings, engine)
    else:
        articles, dropped = extract_on(engine or LocalEngine(), raws, settings)
    return articles, [] if settings.on_error == "skip" else rejections + dropped


def store_window(
    store: Store,
    found: tuple[list[Article], list[Rejection]],
    settings: Settings,
    *,
    engine: Engine,
    log: IngestLog,
    clock: StageClock,
    reporter: Reporter,
    features: dict[str, ArticleFeatures],
    signatures: dict[str, Signature] | None = None,
    annotated: dict[str, AnnotatedArticle] | None = None,
) -> tuple[list[Article], list[Rejection]]:
    """Annotate the window's articles the store lacks and store them, a transaction per chunk: the
    articles stored, and those whose annotation failed as rejections (each fails alone). The stored
    articles' clustering features, computed where they were annotated, go into ``features``; their
    near-duplicate signatures, computed there too, into ``signatures`` (when given); the annotated
    articles (a worker's decoded here), into ``annotated`` (when given, up to ``KEPT`` of them: the
    update that follows then decodes none of them from the store)."""
    articles, rejections = found
    with clock("store"):
        store.put_rejections(rejections)
        known = store.known_ids(a.id for a in articles)
    fresh = list({a.id: a for a in articles if a.id not in known}.values())
    advance = reporter.stage("annotate", len(fresh))
    failed: list[Rejection] = []
    num_perm = settings.minhash_permutations if signatures is not None else None
    for chunk in annotate_on(engine, fresh, settings.spacy_model, clock, num_perm=num_perm, encode=True):
        results = [item.result for item in chunk]
        dropped = _failed_alone(results, settings)
        with clock("store"):
            store.put_annotated([a for a in results if not isinstance(a, Rejection)])
            store.put_rejections(dropped)
        features.update((item.features.article_id, item.features) for item in chunk if item.features)
        keep_dating_clues(chunk)
        if signatures is not None:
            signatures.update((item.signature.article_id, item.signature) for item in chunk if item.signature)
        if annotated is not None:
            annotated.update(_annotated_here(results, KEPT - len(annotated)))
        failed += dropped
        advance(len(chunk))
    with clock("store"):
        log.finish()
    lost = {r.origin for r in failed}
    return [a for a in fresh if a.origin not in lost], failed


def _annotated_here(
    results: Sequence[AnnotatedArticle | EncodedAnnotation | Rejection], room: int
) -> list[tuple[str, AnnotatedArticle]]:
    """Up to ``room`` of the annotated articles in ``results``: those annotated in this process as they
    came, a worker's (records only) decoded here from their records. Decoded now, while the workers
    annotate the next chunks and this process would only wait for them, rather than read back from the
    store by the update, with the workers idle: on ECB+ (two workers) the update decoded 525 annotations
    in about 0.25 s of its serial path."""
    room = max(room, 0)
    local = [(a.article.id, a) for a in results if isinstance(a, AnnotatedArticle)]
    coded = [a for a in results if isinstance(a, EncodedAnnotation)][:room]
    return ([(a.article.id, a.decoded()) for a in coded] + local)[:room]


def _failed_alone(
    chunk: list[AnnotatedArticle | EncodedAnnotation | Rejection], settings: Settings
) -> list[Rejection]:
    """The chunk's annotation failures under the run's policy ("raise" stops at the first)."""
    failed = [r for r in chunk if isinstance(r, Rejection)]
    if failed and settings.on_error == "raise":
        raise AnnotationError(f"{failed[0].origin}: {failed[0].reason} ({failed[0].detail})")
    return [] if settings.on_error == "skip" else failed
