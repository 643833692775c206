"""Read-only access to the store for the web app, with a small cache.

Stories are read far more often than they change: parsed briefs and rendered pages are kept until
an ingest job of this server finishes (``invalidate``) or the store changes under it. Every ``ttl``
seconds the ``fingerprint`` of the store is taken again (for a SQLite file: size and time of the file
and its write-ahead log, two ``stat`` calls); when it moved, or when there is no fingerprint, the cache
is dropped, so writes by another process (``storyline ingest --db`` on the same file) show within ``ttl``.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from storyline.models import AnnotatedArticle, Article, StoryBrief
from storyline.store import SearchHit, Store, StoryRow

T = TypeVar("T")
MAX_ENTRIES = 2048


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


class Reader:
    def __init__(
        self,
        store: Store,
        *,
        ttl: float = 1.0,
        fingerprint: Callable[[], Any] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store, self.ttl, self._clock, self._fingerprint = store, ttl, clock, fingerprint
        self._lock = threading.Lock()
        self._generation = 0
        self.closed = False
        self._cache: dict[tuple[Any, ...], tuple[int, Any]] = {}
        self._checked_at = clock()
        self._seen = fingerprint() if fingerprint else None

    def close(self) -> None:
        self.store.close()
        self.closed = True

    def reopen(self, store: Store) -> None:
        self.store, self.closed = store, False
        self.invalidate()

    def invalidate(self) -> None:
        with self._lock:
            self._generation += 1
            self._cache.clear()

    def _check(self) -> None:
        """Drop the cache when the store changed (or, without a fingerprint, every ``ttl``)."""
        now = self._clock()
        if now - self._checked_at < self.ttl:
            return
        seen = self._fingerprint() if self._fingerprint else now
        with self._lock:
            self._checked_at = now
            changed, self._seen = seen != self._seen, seen
        if changed:
            self.invalidate()

    def cached(self, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """``make()``'s value, computed once per state of the store."""
        self._check()
        with self._lock:
            generation = self._generation
            hit = self._cache.get(key)
        if hit is not None and hit[0] == generation:
            return hit[1]  # type: ignore[no-any-return]
        value = make()
        with self._lock:
            if len(self._cache) >= MAX_ENTRIES:
                self._cache.clear()
            if generation == self._generation:
                self._cache[key] = (generation, value)
        return value

    def stories(self) -> list[StoryRow]:
        return self.cached(("stories",), self.store.stories)

    def story(self, story_id: str) -> StoryBrief | None:
        return self.cached(("story", story_id), lambda: self.store.story(story_id))

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
        return self.cached(
            ("annotated", article_id), lambda: self.store.annotations([article_id]).get(article_id)
        )

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        return self.cached(("search", query, limit), lambda: self.store.search(query, limit))
