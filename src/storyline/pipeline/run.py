"""Runs the stages in order over a store. No stage logic lives here.

read → extract → annotate (date, sentences, mentions, quotes, times) → store
     → dedupe → cluster → date from story → actors → compose → store
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from storyline.annotate.nlp import use_model
from storyline.cluster import Clusterer
from storyline.cluster.clusterer import READABLE_VERSIONS
from storyline.cluster.features import ArticleFeatures
from storyline.config import Settings
from storyline.dedupe import Signature
from storyline.engine import Engine, LocalEngine
from storyline.models import AnnotatedArticle, Article, Brief, RawDocument, Rejection, Story, StoryBrief
from storyline.pipeline.ingest_log import IngestLog
from storyline.pipeline.update import (
    CLUSTER_STATE,
    COMPOSED_WITH,
    FeaturePrefetch,
    StoriesUpdate,
    compose_settings,
    made_by_other_code,
    update,
)
from storyline.pipeline.windows import extract_window, read_items, store_window, windows
from storyline.progress import Reporter, Silent, StageClock
from storyline.store import Store


@dataclass(frozen=True)
class IngestResult:
    article_ids: tuple[str, ...]  # every article the inputs held, new or already stored
    new_ids: tuple[str, ...]
    rejections: tuple[Rejection, ...]
    stories: tuple[StoryBrief, ...]  # the stories that hold the inputs' articles, after the update
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage
    story_count: int = 0  # every story in the store after the update


def read_and_extract(
    inputs: Sequence[str],
    settings: Settings,
    reporter: Reporter,
    *,
    engine: Engine | None = None,
    log: IngestLog | None = None,
    documents: Sequence[RawDocument] = (),
) -> tuple[list[Article], list[Rejection]]:
    """Read ``inputs`` (and take ``documents`` already read, e.g. by ``storyline watch``), then extract
    them as one batch."""
    items = list(read_items(inputs, settings, documents))
    window = [i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, Rejection)]
    return extract_window(window, settings, engine, log)


def ingest(
    inputs: Sequence[str],
    settings: Settings,
    store: Store,
    reporter: Reporter | None = None,
    *,
    engine: Engine | None = None,
    documents: Sequence[RawDocument] = (),
) -> IngestResult:
    """Add the inputs' articles to ``store`` and bring every story up to date.

    Resumable: inputs go through the store's ingest log, and each chunk of annotated articles is
    stored in one transaction, so a killed run started again loses and doubles nothing. Inputs are
    read, extracted and stored a window at a time (see :mod:`storyline.pipeline.windows`). ``engine``
    runs extraction and annotation (default: this process; see :mod:`storyline.engine`).
    """
    with fewer_collections():
        return _ingest(inputs, settings, store, reporter, engine=engine, documents=documents)


def _ingest(
    inputs: Sequence[str],
    settings: Settings,
    store: Store,
    reporter: Reporter | None,
    *,
    engine: Engine | None,
    documents: Sequence[RawDocument],
) -> IngestResult:
    reporter = reporter or Silent()
    engine = engine or LocalEngine()
    use_model(settings.spacy_model)
    clock, log = StageClock(), IngestLog(store)
    prefetch = FeaturePrefetch(store)  # the clusterer's features, read while the batch is annotated
    features: dict[str, ArticleFeatures] = {}  # the new articles', computed where they were annotated
    signatures: dict[str, Signature] = {}  # their near-duplicate signatures, computed there too
    annotated: dict[str, AnnotatedArticle] = {}  # those annotated in this process (see ``store_window``)
    ids: list[str] = []
    new: list[str] = []
    rejections: list[Rejection] = []
    pending = windows(read_items(inputs, settings, documents))
    read = 0  # windows read
    while True:
        with clock("extract"):
            window = next(pending, None)
            if window is None:
                break
            found = extract_window(window, settings, engine, log)
        read += 1
        keep = annotated if read == 1 else None  # a longer ingest holds no annotation through its windows
        if keep is None:
            annotated.clear()
        fresh, failed = store_window(
            store, found, settings, engine=engine, log=log, clock=clock, reporter=reporter, features=features,
            signatures=signatures, annotated=keep,
        )
        lost = {r.origin for r in failed}  # articles whose annotation failed: rejections, not articles
        ids += [a.id for a in found[0] if a.origin not in lost]
        new += [a.id for a in fresh]
        rejections += found[1] + failed
    if new or _needs_compose(store, settings):
        done = update_stories(
            store, settings, reporter, clock, engine=engine, prefetch=prefetch, features=features,
            signatures=signatures, annotated=annotated,
        )
        stories, composed = done.stories, done.composed
    else:
        stories, composed = _stories_of(store), []
    return IngestResult(
        tuple(dict.fromkeys(ids)), tuple(new), tuple(rejections),
        tuple(_holding(store, stories, composed, ids)), clock.seconds, len(stories),
    )


def _needs_compose(store: Store, settings: Settings) -> bool:
    if store.stories_stale() or not store.stories() or made_by_other_code(store):
        return True
    return bool(store.get_state(COMPOSED_WITH) != compose_settings(settings))


def current_stories(store: Store, settings: Settings, reporter: Reporter | None = None) -> None:
    """Compose the stored stories again when articles arrived or a setting they depend on changed
    since they were composed (a changed ``--sentences`` is never silently ignored)."""
    if store.article_ids() and _needs_compose(store, settings):
        update_stories(store, settings, reporter or Silent())


def _stored(store: Store) -> list[StoryBrief]:
    return [s for row in store.stories() if (s := store.story(row.id)) is not None]


def _holding(
    store: Store, stories: Sequence[Story], composed: Sequence[StoryBrief], ids: Sequence[str]
) -> list[StoryBrief]:
    """The briefs of the stories that hold any of ``ids``: composed now, or as stored."""
    wanted = set(ids)
    fresh = {b.story_id: b for b in composed}
    found = [s.id for s in stories if wanted.intersection(s.article_ids)]
    return [b for i in found if (b := fresh.get(i) or store.story(i)) is not None]


def _stories_of(store: Store) -> list[Story]:
    """Every story as the store's clusterer left it (its articles, not its brief)."""
    state = store.get_state(CLUSTER_STATE)
    if not isinstance(state, dict) or state.get("version") not in READABLE_VERSIONS:
        return []
    return Clusterer.from_state(state).stories()


def update_stories(
    store: Store,
    settings: Settings,
    reporter: Reporter,
    clock: StageClock | None = None,
    *,
    engine: Engine | None = None,
    full: bool = False,
    prefetch: FeaturePrefetch | None = None,
    features: Mapping[str, ArticleFeatures] | None = None,
    signatures: Mapping[str, Signature] | None = None,
    annotated: Mapping[str, AnnotatedArticle] | None = None,
) -> StoriesUpdate:
    """Dedupe, cluster, date from the story, merge actors and compose what the articles stored since the
    last update changed, with the results a full recompute gives (``full=True`` is one; dedupe's
    per-article signatures on ``engine``; ``features`` and ``signatures``: the clustering features and
    near-duplicate signatures of articles stored in this run, computed where they were annotated;
    ``annotated``: annotations stored in this run, as the store holds them, so not decoded again). See
    :mod:`storyline.pipeline.update`."""
    use_model(settings.spacy_model)
    with fewer_collections():
        return update(store, settings, reporter, clock or StageClock(), engine or LocalEngine(), full=full,
                      prefetch=prefetch, features=features, signatures=signatures, annotated=annotated)


# The cyclic garbage collector's thresholds while a run ingests and updates (Python's own: 700, 10, 10).
# A run builds hundreds of thousands of records that live to its end, and each full collection walks every
# one of them: on ECB+ (one worker) collections took 1.14 s of CPU at Python's thresholds, 0.40 s at these
# (no full collection during the run; the young ones still collect cycles), with the same brief.
COLLECT_AFTER = (10_000, 20, 20)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect cyclic garbage less often inside the block (``COLLECT_AFTER``); the thresholds before it are
    set back at its end (a block inside another leaves the outer one's)."""
    before = gc.get_threshold()
    gc.set_threshold(*(max(mine, theirs) for mine, theirs in zip(COLLECT_AFTER, before, strict=True)))
    try:
        yield
    finally:
        gc.set_threshold(*before)


def brief_from_store(
    store: Store,
    article_ids: Sequence[str] | None,
    rejections: Sequence[Rejection],
    inputs: Sequence[str],
) -> Brief:
    """The stories that hold any of ``article_ids`` (all stories when None)."""
    wanted = set(article_ids) if article_ids is not None else None
    stories = [s for s in _stored(store) if wanted is None or wanted & {src.article_id for src in s.sources}]
    return Brief(stories=tuple(stories), rejections=tuple(rejections), generated_from=tuple(inputs))


__all__ = [
    "CLUSTER_STATE", "COMPOSED_WITH", "IngestResult", "StoriesUpdate", "brief_from_store",
    "compose_settings", "current_stories", "ingest", "read_and_extract",
    "update_stories",
]
