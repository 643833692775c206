"""The PostgreSQL store, for shared and multi-node use: ``--db postgresql://user@host:5432/name``.

The same tables through the same named migrations as SQLite (see ``migrations.py``); full-text search
is a generated ``tsvector`` column with a GIN index, over a text search configuration that folds
diacritics (``unaccent``) the way SQLite's FTS5 tokenizer does. psycopg is an optional extra.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from storyline.errors import MissingDependency, StoreError
from storyline.store.base import Connection, Cursor, SearchHit, Store, search_words
from storyline.store.migrations import Dialect

_MIGRATION_LOCK = 0x5709  # any constant: one advisory lock id for storyline's migrations

_HEADLINE = 'StartSel=[, StopSel=], MaxWords=24, MinWords=6, MaxFragments=1, FragmentDelimiter=" … "'


def is_postgres_address(address: str) -> bool:
    return address.startswith(("postgresql://", "postgres://"))


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise MissingDependency("psycopg[binary]", "scale", "a PostgreSQL store") from exc
    return psycopg


class _Placeholders:
    """A connection that takes SQLite's ``?`` placeholders, as the shared SQL is written."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        if not params:
            return self._conn.execute(sql)  # type: ignore[no-any-return]
        return self._conn.execute(sql.replace("%", "%%").replace("?", "%s"), tuple(params))  # type: ignore[no-any-return]


class PostgresStore(Store):
    """Every stage's records in a PostgreSQL database that several processes and machines can share."""

    dialect: Dialect = "postgresql"

    def __init__(self, address: str) -> None:
        self.path = address
        psycopg = _psycopg()
        try:
            self._conn = psycopg.connect(address, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open the store {_redacted(address)}: {exc}".strip()) from exc
        self._db = _Placeholders(self._conn)
        self._lock = threading.RLock()
        self._migrate()

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self._lock, self._conn.transaction():
            yield self._db

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _lock_migrations(self, db: Connection) -> None:
        db.execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))

    def _put_search(self, db: Connection, row: tuple[str, str, str | None, str, str]) -> None:
        db.execute("INSERT INTO search (kind, ref, story_id, title, body) VALUES (?, ?, ?, ?, ?)", row)

    def _events_sql(self) -> str:
        return "((record::json) -> 'events')::text"

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search over articles, summary facts and quotes; ``query`` is taken as plain words."""
        words = search_words(query)
        if not words:
            return []
        rows = self._rows(
            "SELECT kind, ref, story_id, title, ts_headline('storyline_words', body, q, ?) "
            "FROM search, plainto_tsquery('storyline_words', ?) AS q WHERE words @@ q "
            "ORDER BY ts_rank(words, q) DESC, kind, ref LIMIT ?",
            (_HEADLINE, " ".join(words), limit),
        )
        return [SearchHit(*r) for r in rows]


def _redacted(address: str) -> str:
    """The address without its password, for error messages."""
    scheme, sep, rest = address.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at or ":" not in credentials:
        return address
    return f"{scheme}{sep}{credentials.split(':')[0]}:***@{host}"
