"""The SQLite store: one connection, serialized by a lock, WAL mode; full-text search through FTS5."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from storyline.errors import StoreError
from storyline.store.base import (
    UPDATES,
    Connection,
    FeatureRow,
    SearchHit,
    Store,
    read_features,
    search_words,
)
from storyline.store.migrations import Dialect


def _connect(path: str, wait: float = 10.0) -> sqlite3.Connection:
    """A connection in WAL mode. Turning a new file to WAL takes a lock that SQLite refuses at once,
    without waiting, when another process is opening the same new store (it cannot wait there without
    risking a deadlock): that refusal is retried until ``wait`` seconds have passed."""
    deadline = time.monotonic() + wait
    while True:
        db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=wait)
        try:
            db.execute(f"PRAGMA busy_timeout={int(wait * 1000)}")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            return db
        except sqlite3.OperationalError as exc:
            db.close()
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class SQLiteStore(Store):
    """Every stage's records, kept between runs. ``path`` ":memory:" keeps them in memory."""

    dialect: Dialect = "sqlite"

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.is_dir():
                raise StoreError(f"cannot create the store {self.path}: folder {parent} does not exist")
        try:
            self._db = _connect(self.path)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
        self._lock = threading.RLock()
        self._migrate()

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
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

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def features_reader(self) -> Callable[[], tuple[int, list[str], list[FeatureRow]]] | None:
        """See ``Store.features_reader``: a second connection to the file, reading in one (deferred, so
        never blocking a writer in WAL mode) transaction; an in-memory store has no second connection."""
        if self.path == ":memory:":
            return None
        path = self.path

        def read() -> tuple[int, list[str], list[FeatureRow]]:
            db = _connect(path)
            try:
                db.execute("BEGIN")  # one snapshot for the count and the rows
                found = db.execute("SELECT value FROM state WHERE name=?", (UPDATES,)).fetchone()
                seen = int(json.loads(found[0]) or 0) if found else 0
                terms, rows = read_features(lambda sql: db.execute(sql).fetchall())
                db.execute("COMMIT")
                return seen, terms, rows
            finally:
                db.close()

        return read

    def _put_search(self, db: Connection, row: tuple[str, str, str | None, str, str]) -> None:
        db.execute("INSERT INTO search VALUES (?, ?, ?, ?, ?)", row)

    def _events_sql(self) -> str:
        return "json_extract(record, '$.events')"

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search over articles, summary facts and quotes; ``query`` is taken as plain words."""
        words = search_words(query)
        if not words:
            return []
        match = " ".join(f'"{w}"' for w in words)
        rows = self._rows(
            "SELECT kind, ref, story_id, title, snippet(search, 4, '[', ']', ' … ', 12) FROM search "
            "WHERE search MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        )
        return [SearchHit(*r) for r in rows]
