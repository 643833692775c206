"""The SQLite store: the only code that writes SQL. One connection, serialized by a lock, WAL mode."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storyline.errors import StoreError
from storyline.models import AnnotatedArticle, Article, Rejection, StoryBrief
from storyline.serialize import from_jsonable, to_jsonable
from storyline.store.migrations import MIGRATIONS


@dataclass(frozen=True)
class StoryRow:
    """One line of the story list."""

    id: str
    headline: str
    first_date: str | None
    last_date: str | None
    article_count: int
    outlet_count: int
    outlets: tuple[str, ...]
    actors: tuple[str, ...]
    event_count: int


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "article", "fact", "quote"
    ref: str  # article id, or "story_id#n"
    story_id: str | None
    title: str
    snippet: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dump(record: Any) -> str:
    return json.dumps(to_jsonable(record), ensure_ascii=False, sort_keys=False)


class SQLiteStore:
    """Every stage's records, kept between runs. ``path`` ":memory:" keeps them in memory."""

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.is_dir():
                raise StoreError(f"cannot create the store {self.path}: folder {parent} does not exist")
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=10000")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
        self._lock = threading.RLock()
        self._migrate()

    # -- plumbing -------------------------------------------------------------------------------

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def _migrate(self) -> None:
        with self._tx() as db:
            db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
            done = {row[0] for row in db.execute("SELECT name FROM migrations")}
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                for statement in filter(str.strip, sql.split(";")):
                    db.execute(statement)
                db.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT name FROM migrations ORDER BY name")]

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- articles and annotations -----------------------------------------------------------------

    def put_articles(self, articles: Iterable[Article]) -> int:
        """Insert or refresh articles by id; returns how many ids were new."""
        new = 0
        with self._tx() as db:
            for a in articles:
                new += db.execute("SELECT 1 FROM articles WHERE id=?", (a.id,)).fetchone() is None
                published = a.published.value.isoformat() if a.published.value else None
                db.execute(
                    "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                    "outlet=excluded.outlet, title=excluded.title, published=excluded.published, "
                    "record=excluded.record",
                    (a.id, a.origin, a.outlet, a.title, published, _dump(a), _now()),
                )
                db.execute("DELETE FROM search WHERE kind='article' AND ref=?", (a.id,))
                db.execute(
                    "INSERT INTO search VALUES ('article', ?, NULL, ?, ?)", (a.id, a.title or "", a.text)
                )
        return new

    def article_ids(self) -> set[str]:
        return {r[0] for r in self._rows("SELECT id FROM articles")}

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        rows = self._rows("SELECT id, record FROM articles ORDER BY id")
        wanted = set(ids) if ids is not None else None
        return [from_jsonable(Article, json.loads(r[1])) for r in rows if wanted is None or r[0] in wanted]

    def article(self, article_id: str) -> Article | None:
        rows = self._rows("SELECT record FROM articles WHERE id=?", (article_id,))
        return from_jsonable(Article, json.loads(rows[0][0])) if rows else None

    def put_annotations(self, annotated: Iterable[AnnotatedArticle]) -> None:
        with self._tx() as db:
            for a in annotated:
                db.execute(
                    "INSERT INTO annotations VALUES (?, ?) ON CONFLICT(article_id) DO UPDATE "
                    "SET record=excluded.record",
                    (a.article.id, _dump(a)),
                )

    def annotations(self, ids: Iterable[str] | None = None) -> dict[str, AnnotatedArticle]:
        wanted = set(ids) if ids is not None else None
        out: dict[str, AnnotatedArticle] = {}
        for article_id, record in self._rows("SELECT article_id, record FROM annotations"):
            if wanted is None or article_id in wanted:
                out[article_id] = from_jsonable(AnnotatedArticle, json.loads(record))
        return out

    # -- rejections, state, history -----------------------------------------------------------------

    def put_rejections(self, rejections: Iterable[Rejection]) -> None:
        with self._tx() as db:
            for r in rejections:
                db.execute(
                    "INSERT INTO rejections (origin, stage, reason, detail, at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(origin, stage, reason) DO UPDATE SET detail=excluded.detail, at=excluded.at",
                    (r.origin, r.stage, r.reason, r.detail, _now()),
                )

    def rejections(self) -> list[Rejection]:
        rows = self._rows("SELECT origin, stage, reason, detail FROM rejections ORDER BY origin, stage")
        return [Rejection(*r) for r in rows]

    def get_state(self, name: str) -> Any:
        rows = self._rows("SELECT value FROM state WHERE name=?", (name,))
        return json.loads(rows[0][0]) if rows else None

    def put_state(self, name: str, value: Any) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO state VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value=excluded.value",
                (name, json.dumps(value)),
            )

    def add_history(self, records: Iterable[Any]) -> None:
        with self._tx() as db:
            for record in records:
                db.execute("INSERT INTO history (at, record) VALUES (?, ?)", (_now(), _dump(record)))

    def history(self) -> list[Any]:
        return [json.loads(r[0]) for r in self._rows("SELECT record FROM history ORDER BY id")]

    # -- stories -------------------------------------------------------------------------------------

    def put_stories(self, stories: Sequence[StoryBrief]) -> None:
        """Replace the stored briefs with ``stories`` (each run recomposes every story it touched)."""
        with self._tx() as db:
            db.execute("DELETE FROM stories")
            db.execute("DELETE FROM search WHERE kind != 'article'")
            for s in stories:
                db.execute("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", _story_row(s))
                for n, fact in enumerate(s.summary):
                    db.execute(
                        "INSERT INTO search VALUES ('fact', ?, ?, ?, ?)",
                        (f"{s.story_id}#{n}", s.story_id, s.headline, fact.text),
                    )
                for group in s.quotes:
                    for q in group.quotes:
                        db.execute(
                            "INSERT INTO search VALUES ('quote', ?, ?, ?, ?)",
                            (q.article_id, s.story_id, group.speaker, q.text),
                        )

    def stories(self) -> list[StoryRow]:
        rows = self._rows(
            "SELECT id, headline, first_date, last_date, article_count, outlet_count, outlets, actors, "
            "json_array_length(record, '$.events') FROM stories ORDER BY last_date DESC, id"
        )
        return [
            StoryRow(
                r[0], r[1], r[2], r[3], r[4], r[5], tuple(json.loads(r[6])), tuple(json.loads(r[7])), r[8]
            )
            for r in rows
        ]

    def story(self, story_id: str) -> StoryBrief | None:
        rows = self._rows("SELECT record FROM stories WHERE id=?", (story_id,))
        return from_jsonable(StoryBrief, json.loads(rows[0][0])) if rows else None

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search over articles, summary facts and quotes; ``query`` is taken as plain words."""
        words = [w.replace('"', "") for w in query.split() if w.replace('"', "")]
        if not words:
            return []
        match = " ".join(f'"{w}"' for w in words)
        rows = self._rows(
            "SELECT kind, ref, story_id, title, snippet(search, 4, '[', ']', ' … ', 12) FROM search "
            "WHERE search MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        )
        return [SearchHit(*r) for r in rows]


def _story_row(s: StoryBrief) -> tuple[Any, ...]:
    dates = sorted(str(src.published.value) for src in s.sources if src.published.value)
    outlets = sorted({src.outlet for src in s.sources if src.outlet})
    actors = [a.name for a in s.actors if a.kind == "person"][:8]
    return (
        s.story_id,
        s.headline,
        dates[0] if dates else None,
        dates[-1] if dates else None,
        len(s.sources),
        len(outlets),
        json.dumps(outlets),
        json.dumps(actors),
        _dump(s),
        _now(),
    )
