"""Named, ordered schema migrations. Each runs once, inside a transaction, and is recorded by name.

Never edit a migration that has shipped: add a new one after it.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_initial",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            origin TEXT NOT NULL,
            outlet TEXT,
            title TEXT,
            published TEXT,
            record TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE TABLE annotations (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            record TEXT NOT NULL
        );
        CREATE TABLE rejections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            origin TEXT NOT NULL,
            stage TEXT NOT NULL,
            reason TEXT NOT NULL,
            detail TEXT NOT NULL,
            at TEXT NOT NULL,
            UNIQUE (origin, stage, reason)
        );
        CREATE TABLE ingest_log (
            key TEXT PRIMARY KEY,
            origin TEXT NOT NULL,
            state TEXT NOT NULL,
            article_id TEXT,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE state (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            headline TEXT NOT NULL,
            first_date TEXT,
            last_date TEXT,
            article_count INTEGER NOT NULL,
            outlet_count INTEGER NOT NULL,
            outlets TEXT NOT NULL,
            actors TEXT NOT NULL,
            record TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            record TEXT NOT NULL
        );
        """,
    ),
    (
        "0002_search",
        """
        CREATE VIRTUAL TABLE search USING fts5(
            kind UNINDEXED, ref UNINDEXED, story_id UNINDEXED, title, body,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        """,
    ),
)
