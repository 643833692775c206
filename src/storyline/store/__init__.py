"""Where storyline keeps every stage's records between runs: SQLite by default, PostgreSQL to share.

    open_store(None)                        → in memory (SQLite)
    open_store("stories.db")                → a SQLite file
    open_store("postgresql://u@host/name")  → a PostgreSQL database (extra: storyline[scale])
"""

from __future__ import annotations

from storyline.errors import StoreError
from storyline.store.base import EventRow, LogEntry, SearchHit, Store, StoryRow
from storyline.store.postgres import PostgresStore, is_postgres_address
from storyline.store.sqlite import SQLiteStore

__all__ = [
    "EventRow",
    "LogEntry",
    "PostgresStore",
    "SQLiteStore",
    "SearchHit",
    "Store",
    "StoryRow",
    "open_store",
]


def open_store(db: str | None) -> Store:
    """``None`` or ":memory:" → an in-memory store; a path → a SQLite file (created when missing);
    a ``postgresql://`` address → that PostgreSQL database (migrated on first use)."""
    if db is None or db == ":memory:":
        return SQLiteStore(":memory:")
    if is_postgres_address(db):
        return PostgresStore(db)
    if "://" in db:
        raise StoreError(
            f"unsupported store address {db!r}: give a SQLite file path or a postgresql:// address"
        )
    return SQLiteStore(db)
