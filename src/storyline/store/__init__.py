"""Where storyline keeps every stage's records between runs."""

from __future__ import annotations

from storyline.errors import StoreError
from storyline.store.sqlite import SearchHit, SQLiteStore, StoryRow

__all__ = ["SQLiteStore", "SearchHit", "StoryRow", "open_store"]


def open_store(db: str | None) -> SQLiteStore:
    """``None`` or ":memory:" → an in-memory store; a path → a SQLite file (created when missing)."""
    if db is None or db == ":memory:":
        return SQLiteStore(":memory:")
    if "://" in db:
        raise StoreError(f"unsupported store address {db!r}: give a SQLite file path")
    return SQLiteStore(db)
