"""Runs the stages in order over a store. No stage logic lives here.

read → extract → annotate (date, sentences, mentions, quotes, times) → store
     → dedupe → cluster → date from story → actors → compose → store
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.annotate.actors import merge_actors
from storyline.annotate.nlp import use_model
from storyline.annotate.story_dating import date_from_stories, days_worth_trusting
from storyline.cluster import Clusterer
from storyline.cluster.clusterer import STATE_VERSION
from storyline.compose.brief import compose_story
from storyline.config import Settings
from storyline.engine import Engine, LocalEngine
from storyline.engine.stages import group_duplicates_on
from storyline.models import (
    Actor,
    AnnotatedArticle,
    Article,
    Brief,
    DuplicateGroup,
    Event,
    RawDocument,
    Rejection,
    Story,
    StoryBrief,
)
from storyline.pipeline.ingest_log import IngestLog
from storyline.pipeline.windows import extract_window, read_items, store_window, windows
from storyline.progress import Reporter, Silent, StageClock
from storyline.store import Store

CLUSTER_STATE = "clusterer"


@dataclass(frozen=True)
class IngestResult:
    article_ids: tuple[str, ...]  # every article the inputs held, new or already stored
    new_ids: tuple[str, ...]
    rejections: tuple[Rejection, ...]
    stories: tuple[StoryBrief, ...]  # every story in the store after the update
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage


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
    reporter = reporter or Silent()
    engine = engine or LocalEngine()
    use_model(settings.spacy_model)
    clock, log = StageClock(), IngestLog(store)
    ids: list[str] = []
    new: list[str] = []
    rejections: list[Rejection] = []
    pending = windows(read_items(inputs, settings, documents))
    while True:
        with clock("extract"):
            window = next(pending, None)
            if window is None:
                break
            found = extract_window(window, settings, engine, log)
        fresh, failed = store_window(
            store, found, settings, engine=engine, log=log, clock=clock, reporter=reporter
        )
        lost = {r.origin for r in failed}  # articles whose annotation failed: rejections, not articles
        ids += [a.id for a in found[0] if a.origin not in lost]
        new += [a.id for a in fresh]
        rejections += found[1] + failed
    if new or _needs_compose(store, settings):
        stories = update_stories(store, settings, reporter, clock, engine=engine)
    else:
        stories = _stored(store)
    return IngestResult(
        tuple(dict.fromkeys(ids)), tuple(new), tuple(rejections), tuple(stories), clock.seconds
    )


COMPOSED_WITH = "stories-composed-with"  # state: the settings the stored stories were composed with


def compose_settings(settings: Settings) -> dict[str, Any]:
    """The settings a composed story depends on: a change to any of them composes the stories again."""
    names = ("summary_sentences", "summary_words", "near_duplicate_threshold", "minhash_permutations")
    return {name: getattr(settings, name) for name in names}


def _needs_compose(store: Store, settings: Settings) -> bool:
    if store.stories_stale() or not store.stories():
        return True
    return bool(store.get_state(COMPOSED_WITH) != compose_settings(settings))


def current_stories(store: Store, settings: Settings, reporter: Reporter | None = None) -> None:
    """Compose the stored stories again when articles arrived or a setting they depend on changed
    since they were composed (a changed ``--sentences`` is never silently ignored)."""
    if store.article_ids() and _needs_compose(store, settings):
        update_stories(store, settings, reporter or Silent())


def _stored(store: Store) -> list[StoryBrief]:
    return [s for row in store.stories() if (s := store.story(row.id)) is not None]


def update_stories(
    store: Store,
    settings: Settings,
    reporter: Reporter,
    clock: StageClock | None = None,
    *,
    engine: Engine | None = None,
) -> list[StoryBrief]:
    """Dedupe, cluster, date from the story, merge actors and compose, over everything stored
    (dedupe's per-article signatures on ``engine``)."""
    clock = clock or StageClock()
    use_model(settings.spacy_model)
    with clock("store"):
        annotated = dict(sorted(store.annotations().items()))
    if not annotated:
        store.put_stories([])
        return []
    with clock("dedupe"):
        articles = [a.article for a in annotated.values()]
        groups = group_duplicates_on(engine or LocalEngine(), articles, settings)
    with clock("cluster"):
        events, stories = _cluster(store, list(annotated.values()), groups)
    with clock("dating"):
        redated = date_from_stories(annotated, [s.article_ids for s in stories])
    if redated:
        store.put_annotations(redated)
        store.put_articles(a.article for a in redated)
        annotated.update({a.article.id: a for a in redated})
        with clock("cluster"):  # their new dates give their events a day
            events, stories = _cluster(store, redated, groups)
    with clock("actors"):
        actors, merged = merge_actors(list(annotated.values()))
    with clock("compose"):
        briefs = _compose_all(stories, events, merged, actors, groups, settings, reporter)
    with clock("store"):
        store.put_stories(briefs)
        store.put_state(COMPOSED_WITH, compose_settings(settings))
    return briefs


def _cluster(
    store: Store, annotated: list[AnnotatedArticle], groups: Sequence[DuplicateGroup]
) -> tuple[list[Event], list[Story]]:
    """Events and stories, carried on from the store's clusterer so that their ids keep their meaning;
    every merge and split is added to the store's history."""
    state = store.get_state(CLUSTER_STATE)
    usable = isinstance(state, dict) and state.get("version") == STATE_VERSION
    clusterer = Clusterer.from_state(state) if usable else Clusterer()
    result = clusterer.add([days_worth_trusting(a) for a in annotated], groups)
    store.put_state(CLUSTER_STATE, clusterer.to_state())
    store.add_history(change.to_dict() for change in result.history)
    return result.events, result.stories


def _compose_all(
    stories: Sequence[Story],
    events: Sequence[Event],
    merged: Sequence[AnnotatedArticle],
    actors: Sequence[Actor],
    groups: Sequence[DuplicateGroup],
    settings: Settings,
    reporter: Reporter,
) -> list[StoryBrief]:
    by_id = {a.article.id: a for a in merged}
    advance = reporter.stage("compose", len(stories))
    briefs = []
    for story in stories:
        briefs.append(
            compose_story(
                story,
                events,
                by_id,
                actors,
                groups,
                sentences=settings.summary_sentences,
                words=settings.summary_words,
                audit=settings.audit,
            )
        )
        advance(1)
    return briefs


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
    "IngestResult", "brief_from_store", "compose_settings", "current_stories", "ingest", "read_and_extract",
    "update_stories",
]
