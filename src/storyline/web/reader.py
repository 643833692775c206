"""Read-only access to the store for the web app (through the API's ``Library``), with a small cache.

Stories are read far more often than they change: parsed briefs and rendered pages are kept, and
when the store changes they are recomputed together in one thread (``refresh``) and switched to at
once, while requests keep getting the previous values: a change never makes readers wait. An ingest
job of this server refreshes before it reports "done". Every ``ttl`` seconds the store's
``fingerprint`` is taken again (for a SQLite file: size and time of the file and its write-ahead log,
two ``stat`` calls), so writes by another process (``storyline ingest --db``) show within ``ttl``.

A refresh recomputes only what a change can reach: the values of one story (its brief, page and JSON
twin, keyed ``(kind, story_id)`` with kind in ``PER_STORY``) are kept while the digest of its stored
brief (``Library.story_versions``) is the same; every value of a changed story is recomputed (none
dropped: each would become a miss for all its readers at once), and so are the most recently used of
the other values (lists, search, articles). An addition often changes a few stories; re-rendering
all of them would hold the server's GIL for seconds on a store of a few hundred articles.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from storyline.api import Library, SearchHit, StoryRow
from storyline.models import AnnotatedArticle, Article, StoryBrief

T = TypeVar("T")
MAX_ENTRIES = 512  # least recently used answers go first
# A refresh recomputes every value of a changed story that is still in the store, and the most recently
# used of the other values (lists, search, articles); the rest are recomputed on demand.
REFRESH_ENTRIES = 64
PER_STORY = frozenset({"story", "story-page", "story-json"})  # values made from one story's brief alone


def file_fingerprint(path: str) -> Callable[[], Any]:
    """A cheap token that changes whenever the SQLite file at ``path`` is written."""

    def take() -> Any:
        out: list[tuple[int, int] | None] = []
        for name in (path, path + "-wal"):
            try:
                st = os.stat(name)
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
        return tuple(out)

    return take


def _per_story(key: tuple[Any, ...]) -> bool:
    return len(key) == 2 and key[0] in PER_STORY


def _unchanged(key: tuple[Any, ...], before: dict[str, str] | None, now: dict[str, str]) -> bool:
    """A value made from one story's brief, which has not changed since the value was cached."""
    if before is None or not _per_story(key):
        return False
    story_id = key[1]
    return story_id in now and before.get(story_id) == now[story_id]


def _in_thread(task: Callable[[], None]) -> None:
    threading.Thread(target=task, name="storyline-refresh", daemon=True).start()


class Reader:
    def __init__(
        self,
        store: Library,
        *,
        ttl: float = 1.0,
        fingerprint: Callable[[], Any] | None = None,
        clock: Callable[[], float] = time.monotonic,
        spawn: Callable[[Callable[[], None]], None] = _in_thread,
    ) -> None:
        self.store, self.ttl, self._clock, self._fingerprint = store, ttl, clock, fingerprint
        self._spawn = spawn
        self.quiet: Callable[[], bool] = lambda: False  # True while this server's own job writes
        self.closed = False
        self._lock = threading.Lock()
        self._refreshing = threading.Lock()
        self._local = threading.local()
        self._generation = 0
        self._cache: OrderedDict[tuple[Any, ...], tuple[Any, Callable[[], Any]]] = OrderedDict()
        self._versions: dict[str, str] | None = None  # of the stories, taken before any cached value
        self._checked_at = clock()
        self._seen = fingerprint() if fingerprint else None

    def close(self) -> None:
        self.store.close()
        self.closed = True

    def reopen(self, store: Library) -> None:
        self.store, self.closed = store, False
        self.invalidate()

    def invalidate(self) -> None:
        with self._lock:
            self._generation += 1
            self._cache.clear()
            self._versions = None

    def refresh(self) -> None:
        """Keep the values of the stories whose brief did not change, recompute the most recently
        used of the others against the store as it is now, then switch to them at once (the rest are
        dropped, and recomputed when asked for).

        Meanwhile readers keep getting the previous values: never a wait, never a half-built page.
        """
        with self._refreshing:
            seen = self._fingerprint() if self._fingerprint else self._seen  # before reading: never later
            versions = self.store.story_versions()
            with self._lock:
                entries, before = list(self._cache.items()), self._versions
            kept = {key: entry for key, entry in entries if _unchanged(key, before, versions)}
            changed = [(k, e) for k, e in entries if k not in kept and _per_story(k) and k[1] in versions]
            others = [(k, e) for k, e in entries if k not in kept and not _per_story(k)]
            # the lists first (they decode the changed briefs on the way), then the changed stories' pages:
            # dropping those would turn every reader of them into a miss at once
            stale = others[-REFRESH_ENTRIES:] + changed
            self._local.building = building = dict(kept)
            try:
                for key, (_, make) in stale:
                    if key not in building:
                        try:
                            building[key] = (make(), make)
                        except Exception:  # a story that is gone: its next request answers 301 or 404
                            continue
            finally:
                del self._local.building
            order = [key for key, _ in entries if key in building]  # least recently used first, as before
            listed = set(order)
            fresh = [key for key in building if key not in listed]  # made on the way (a list's briefs)
            with self._lock:
                self._generation += 1
                self._cache = OrderedDict((key, building[key]) for key in fresh + order)
                self._versions, self._seen = versions, seen

    def _check(self) -> None:
        """Refresh in the background when the store changed (or, without a fingerprint, every ``ttl``)."""
        now = self._clock()
        if now - self._checked_at < self.ttl or self.quiet():
            return
        seen = self._fingerprint() if self._fingerprint else now
        with self._lock:
            self._checked_at = now
            changed, self._seen = seen != self._seen, seen
        if changed and not self._refreshing.locked():
            self._spawn(self.refresh)

    def peek(self, key: tuple[Any, ...]) -> Any:
        """The cached value for ``key``, or None: never computes (safe on the event loop)."""
        self._check()
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
        return hit[0] if hit is not None else None

    def cached(self, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """``make()``'s value, computed once per state of the store."""
        building: dict[tuple[Any, ...], tuple[Any, Callable[[], Any]]] | None = getattr(
            self._local, "building", None
        )
        if building is not None:  # inside refresh(): every value from the store as it is now
            if key not in building:
                building[key] = (make(), make)
            return building[key][0]  # type: ignore[no-any-return]
        self._check()
        with self._lock:
            generation, hit = self._generation, self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
        if hit is not None:
            return hit[0]  # type: ignore[no-any-return]
        if self._versions is None:  # taken before the first value: a later change is always seen
            versions = self.store.story_versions()
            with self._lock:
                if self._versions is None and generation == self._generation:
                    self._versions = versions
        value = make()
        with self._lock:
            if generation == self._generation:
                self._cache.setdefault(key, (value, make))
            while len(self._cache) > MAX_ENTRIES:
                self._cache.popitem(last=False)
        return value

    def stories(self) -> list[StoryRow]:
        return self.cached(("stories",), self.store.stories)

    def story(self, story_id: str) -> StoryBrief | None:
        return self.cached(("story", story_id), lambda: self.store.story(story_id))

    def successor(self, story_id: str) -> str | None:
        """Where a story id retired by a merge lives on (None: it was never merged away)."""
        return self.cached(("successor", story_id), lambda: self.store.successor(story_id))

    def briefs(self) -> list[StoryBrief]:
        def load() -> list[StoryBrief]:
            return [b for row in self.stories() if (b := self.story(row.id)) is not None]

        return self.cached(("briefs",), load)

    def stories_of_articles(self) -> dict[str, tuple[str, ...]]:
        """Article id → the ids of the stories it is a source of."""

        def build() -> dict[str, tuple[str, ...]]:
            out: dict[str, list[str]] = {}
            for brief in self.briefs():
                for source in brief.sources:
                    out.setdefault(source.article_id, []).append(brief.story_id)
            return {k: tuple(v) for k, v in out.items()}

        return self.cached(("article-stories",), build)

    def article(self, article_id: str) -> Article | None:
        return self.cached(("article", article_id), lambda: self.store.article(article_id))

    def annotated(self, article_id: str) -> AnnotatedArticle | None:
        return self.cached(("annotated", article_id), lambda: self.store.annotated(article_id))

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        return self.cached(("search", query, limit), lambda: self.store.search(query, limit))
