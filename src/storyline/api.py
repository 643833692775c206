"""The Python API: what the CLI and the web app call, and what users import."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline.config import Settings, load_settings
from storyline.errors import InputError
from storyline.models import Actor, ActorHappening, AnnotatedArticle, Article, Brief, StoryBrief
from storyline.progress import Reporter
from storyline.store import SearchHit, Store, StoryRow, open_store

if TYPE_CHECKING:
    from storyline.engine import Engine
    from storyline.pipeline import IngestResult
    from storyline.pipeline.watch import FeedPoll

# The pipeline (and with it spaCy) is imported when first used, so `import storyline` stays light.


def _settings(settings: Settings | None, overrides: dict[str, Any]) -> Settings:
    return settings if settings is not None and not overrides else load_settings(**overrides)


def brief(
    inputs: Sequence[str | Path] | str | Path,
    *,
    settings: Settings | None = None,
    story: str | None = None,
    since: date | str | None = None,
    reporter: Reporter | None = None,
    engine: str | None = None,
    workers: int | None = None,
    **overrides: Any,
) -> Brief:
    """Brief the stories that the articles in ``inputs`` belong to (one brief per story).

    ``inputs`` are files, folders, URLs or "-" for standard input. With ``db=PATH`` the articles are
    added to that store, and the brief covers their stories as the store now holds them.
    ``since`` (a date) adds to each story the facts that no article published before it reported.
    ``engine`` and ``workers`` say where extraction and annotation run, as for :func:`ingest`.
    """
    from storyline.engine import open_engine

    names = [str(i) for i in ([inputs] if isinstance(inputs, str | Path) else inputs)]
    settings = _settings(settings, overrides)
    running = open_engine(engine, workers) if names else None
    try:
        if running is not None:
            running = _preload(running, names, settings.spacy_model, new_store=settings.db is None)
        from storyline.pipeline import brief_from_store, current_stories
        from storyline.pipeline import ingest as _ingest

        store = open_store(settings.db)
        try:
            result = _ingest(names, settings, store, reporter, engine=running) if names else None
            if result is None:
                current_stories(store, settings, reporter)
            if story is not None:
                found = _one_story(store, story, result, names)
            elif result is None:
                found = brief_from_store(store, None, (), names)
            else:
                found = brief_from_store(store, result.article_ids, result.rejections, names)
            return _with_updates(found, store, _day(since), settings) if since is not None else found
        finally:
            store.close()
    finally:
        if running is not None:
            running.close()


# Files that hold one article, by their extension; any other file may hold many (JSON, JSONL, WARC, feeds)
_ONE_ARTICLE = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml"})


def _preload(engine: Engine, names: Sequence[str], model: str, *, new_store: bool = False) -> Engine:
    """Start what reading inputs will wait for, before the pipeline's imports, when this process is
    the one that extracts the inputs (see :func:`_works_here`): the language model loads on a thread
    that mostly runs outside the interpreter lock (see ``extract.language.preload``). When the worker
    pool extracts, its workers detect the languages, and loading the model here too would be wasted
    (about 0.45 s of CPU and 14 MB); the pool's fork server starts loading ``model`` at once instead.

    spaCy is not loaded on a thread the same way: its import and the model's load hold the interpreter
    lock throughout (measured: a thread loading it beside a busy main thread gave no overlap at all).
    With a ``new_store`` (in memory, so every article read is new and this process parses it) the
    model loads here at once instead, while the language model loads: the first article's language
    no longer waits for that thread (seeds cold, loaded machine: 1.2-2.6 s of wall time waited).

    Returns the engine to run with: given a pool of two workers or more for such a small run into a new
    store, with a core free (``engine.forked.worth_forking``), a
    :class:`~storyline.engine.forked.ParseChild` instead, forked here before any thread starts, which
    loads the model on the free core while this process imports the pipeline and reads (``engine`` is
    closed then: it has started nothing)."""
    if not _works_here(engine, names):
        start: Callable[[str, int], None] | None = getattr(engine, "preload", None)
        if start is not None:
            start(model, getattr(engine, "pool_from", 0))
        return engine
    from storyline.extract.language import preload

    if new_store and engine.name == "processes" and _fork_here(engine.workers):
        from storyline.annotate.nlp import use_model
        from storyline.engine.forked import ParseChild

        use_model(model)
        # imported before the fork, so the child has it too: its tasks (annotation, dating, composing)
        # are the pipeline's functions, which it would otherwise import again (0.4 s of CPU)
        import storyline.pipeline  # noqa: F401

        child = ParseChild(model)
        engine.close()
        preload()
        return child
    preload()
    if new_store:
        from storyline.annotate.nlp import load_nlp, use_model

        use_model(model)  # the run's model from here, as the pipeline would say it: a failed load says so
        load_nlp()
    return engine


def _fork_here(workers: int) -> bool:
    from storyline.engine.forked import worth_forking

    return worth_forking(workers)


def _works_here(engine: Engine, names: Sequence[str]) -> bool:
    """Whether this process extracts and annotates the inputs itself: the local engine does; the default
    engine does below its pool's threshold (``pool_from`` articles), counting a folder's text and HTML
    files one article each, any other file as many and a URL or standard input as one; Dask never."""
    if engine.name == "local":
        return True
    pool_from = getattr(engine, "pool_from", None)
    return isinstance(pool_from, int) and _fewer_articles(names, pool_from)


def _fewer_articles(names: Sequence[str], limit: int) -> bool:
    """Whether ``names`` surely hold fewer than ``limit`` articles (read from their names alone)."""
    from storyline.sources.addresses import is_url
    from storyline.sources.files import walk

    count = 0
    for name in names:
        if name == "-" or is_url(name):
            count += 1
            continue
        for path in walk(Path(name)):
            count += 1 if path.suffix.lower() in _ONE_ARTICLE else limit
            if count >= limit:
                return False
    return count < limit


def _day(value: date | str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"--since needs a date as YYYY-MM-DD, not {value!r}") from exc


def _with_updates(found: Brief, store: Store, since: date, settings: Settings) -> Brief:
    from storyline.compose.updates import with_updates

    annotated = list(store.annotations().values())
    stories = tuple(
        with_updates(
            s, annotated, since,
            threshold=settings.near_duplicate_threshold, num_perm=settings.minhash_permutations,
        )
        for s in found.stories
    )
    return dataclasses.replace(found, stories=stories, since=since.isoformat())


def _stored_story(store: Store, story_id: str) -> StoryBrief:
    """The stored brief of ``story_id``; an unknown id is an InputError naming some known ones."""
    found = store.story(story_id)
    if found is None:
        known = ", ".join(r.id for r in store.stories()[:10]) or "none"
        raise InputError(f"no story {story_id!r} in the store; known stories: {known}")
    return found


def _one_story(store: Store, story_id: str, result: IngestResult | None, names: list[str]) -> Brief:
    return Brief(
        stories=(_stored_story(store, story_id),),
        rejections=result.rejections if result else (),
        generated_from=tuple(names),
    )


def ingest(
    inputs: Sequence[str | Path],
    *,
    settings: Settings | None = None,
    reporter: Reporter | None = None,
    engine: str | None = None,
    workers: int | None = None,
    **overrides: Any,
) -> IngestResult:
    """Add articles to the store named by ``db`` (in memory when None) and update its stories.

    ``engine`` runs extraction and annotation: None (default: ``workers`` processes, one per core,
    for batches big enough to pay for their start), "local" (this process only), "dask" (a local Dask
    cluster of ``workers`` processes) or the address of a running Dask scheduler, tcp://HOST:PORT.
    """
    from storyline.engine import open_engine

    settings = _settings(settings, overrides)
    running = open_engine(engine, workers)
    try:
        if inputs:
            names = [str(i) for i in inputs]
            running = _preload(running, names, settings.spacy_model, new_store=settings.db is None)
        from storyline.pipeline import ingest as _ingest

        store = open_store(settings.db)
        try:
            return _ingest([str(i) for i in inputs], settings, store, reporter, engine=running)
        finally:
            store.close()
    finally:
        running.close()


def watch(
    feeds: Sequence[str],
    *,
    every: str | float,
    polls: int | None = None,
    fetch_links: bool = True,
    settings: Settings | None = None,
    reporter: Reporter | None = None,
    engine: str | None = None,
    workers: int | None = None,
    **overrides: Any,
) -> Iterator[list[FeedPoll]]:
    """Poll RSS/Atom ``feeds`` every ``every`` ("30s", "10m", "1h" or seconds) and ingest their new
    entries into the store ``db``; yields each round's polls; stops after ``polls`` rounds (None: never)."""
    from storyline.engine import open_engine
    from storyline.pipeline.watch import parse_every
    from storyline.pipeline.watch import watch as _watch

    seconds = parse_every(every) if isinstance(every, str) else every
    settings = _settings(settings, overrides)
    running = open_engine(engine, workers)
    store = open_store(settings.db)
    try:
        yield from _watch(
            feeds, store, settings, every=seconds, polls=polls,
            engine=running, reporter=reporter, fetch_links=fetch_links,
        )
    finally:
        store.close()
        running.close()


def stories(*, db: str) -> list[StoryRow]:
    """The stories held by the store at ``db``."""
    with Library(db) as library:
        return library.stories()


def story(story_id: str, *, db: str) -> StoryBrief:
    """One stored story's brief; an unknown id is an InputError naming some known ones."""
    store = open_store(db)
    try:
        return _stored_story(store, story_id)
    finally:
        store.close()


def article(article_id: str, *, db: str) -> AnnotatedArticle | None:
    """One stored article with its annotations (sentences, mentions, quotes, time expressions)."""
    with Library(db) as library:
        return library.annotated(article_id)


def search(query: str, *, db: str, limit: int = 50) -> list[SearchHit]:
    """Articles, facts and quotes matching ``query``'s words (never read as search syntax)."""
    with Library(db) as library:
        return library.search(query, limit)


class Library:
    """A reading handle on a store, for callers that read many times (the web app): stories, briefs,
    articles and search, without the pipeline. Open with ``Library(db)``; close it, or use ``with``."""

    def __init__(self, db: str) -> None:
        self._store: Store = open_store(db)
        self._merged: tuple[int | None, dict[str, str]] = (None, {})  # (stories' versions, retired → into)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._store.close()

    def stories(self) -> list[StoryRow]:
        return self._store.stories()

    def story(self, story_id: str) -> StoryBrief | None:
        return self._store.story(story_id)

    def story_versions(self) -> dict[str, str]:
        """Story id → a digest that changes exactly when the story's brief changes (no brief decoded)."""
        return self._store.story_versions()

    def successor(self, story_id: str) -> str | None:
        """The story that a retired ``story_id`` was merged into, following later merges, as the
        store's history records them; None for an id that no merge retired. (An id spread over
        several stories, none holding half of it, names the first of them the history records.)"""
        into = self._merges()
        current, seen = story_id, {story_id}
        while (later := into.get(current)) is not None and later not in seen:
            current = later
            seen.add(current)
        return None if current == story_id else current

    def _merges(self) -> dict[str, str]:
        """Retired story id → the story it was merged into, read from the history once for each state
        of the stored stories (a merge changes them), not once per unknown id asked for."""
        key = hash(frozenset(self._store.story_versions().items()))
        if key != self._merged[0]:
            into: dict[str, str] = {}
            for change in self._store.history():
                if change.get("level") == "story" and change.get("kind") == "merge":
                    for old in change.get("others", ()):
                        into.setdefault(str(old), str(change["id"]))
            self._merged = (key, into)
        return self._merged[1]

    def article(self, article_id: str) -> Article | None:
        return self._store.article(article_id)

    def annotated(self, article_id: str) -> AnnotatedArticle | None:
        return self._store.annotations([article_id]).get(article_id)

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        return self._store.search(query, limit)


def timeline(
    inputs: Sequence[str | Path] | str | Path = (),
    *,
    actor: str,
    reported: bool = False,
    settings: Settings | None = None,
    reporter: Reporter | None = None,
    **overrides: Any,
) -> list[ActorHappening]:
    """The dated happenings that involve ``actor`` across every story, ordered by date.

    ``inputs`` (files, folders, URLs) are added first; with ``db=PATH`` the store's other articles
    count too. ``actor`` is any spelling of the actor's name ("Putin", "Vladimir Putin"), or words the
    articles write (a product, an index) when no actor carries them. Each line keeps its status
    (happened, scheduled, expected, claimed, background) and its citation. With ``reported``, a line
    without a date of its own is placed on its article's publication day (its evidence says so).
    """
    from storyline.annotate.actors import merge_actors
    from storyline.compose.actor_timeline import Named, actor_timeline, matching_actors, short_forms
    from storyline.pipeline import ingest as _ingest

    names = [str(i) for i in ([inputs] if isinstance(inputs, str | Path) else inputs)]
    settings = _settings(settings, overrides)
    store = open_store(settings.db)
    try:
        if names:
            _ingest(names, settings, store, reporter)
        actors, merged = merge_actors(list(store.annotations().values()))
        matched = tuple(matching_actors(actors, actor))
        who = Named(actor, matched, () if matched else short_forms(actors, actor))
        found = actor_timeline(merged, who, _story_of(store), reported=reported)
        if not who.actors and not found:
            raise InputError(f"no actor named {actor!r} in the articles; known actors: {_known(actors)}")
        return found
    finally:
        store.close()


def _known(actors: Sequence[Actor]) -> str:
    ranked = sorted(actors, key=lambda a: (-a.mention_count, a.name))[:10]
    return ", ".join(a.name for a in ranked) or "none"


def _story_of(store: Store) -> dict[str, str]:
    return {
        source.article_id: row.id
        for row in store.stories()
        if (story := store.story(row.id)) is not None
        for source in story.sources
    }


__all__ = [
    "Library", "SearchHit", "StoryRow", "article", "brief", "ingest", "search", "stories", "story",
    "timeline", "watch",
]
