"""Read-only access to the store for the web app, with a small cache.

Stories are read far more often than they change: parsed briefs and rendered pages are kept until
an ingest job of this server finishes (``invalidate``) or ``ttl`` seconds pass, so writes made by
another process (``storyline ingest --db`` on the same file) show within ``ttl``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from storyline.models import AnnotatedArticle, Article, StoryBrief
from storyline.store import SearchHit, Store, StoryRow

T = TypeVar("T")
MAX_ENTRIES = 2048


class Reader:
    def __init__(
        self, store: Store, *, ttl: float = 2.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.store, self.ttl, self._clock = store, ttl, clock
        self._lock = threading.Lock()
        self._generation = 0
        self.closed = False
        self._cache: dict[tuple[Any, ...], tuple[int, float, Any]] = {}

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

    def cached(self, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """``make()``'s value, computed at most once per generation and ``ttl``."""
        now = self._clock()
        with self._lock:
            generation = self._generation
            hit = self._cache.get(key)
        if hit is not None and hit[0] == generation and now - hit[1] < self.ttl:
            return hit[2]  # type: ignore[no-any-return]
        value = make()
        with self._lock:
            if len(self._cache) >= MAX_ENTRIES:
                self._cache.clear()
            if generation == self._generation:
                self._cache[key] = (generation, now, value)
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
