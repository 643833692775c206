"""Refreshing many articles at once leaves the store exactly as refreshing them one at a time does."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from storyline.models import Article, PublishedDate
from storyline.store.sqlite import SQLiteStore


def _article(i: int, text: str) -> Article:
    return Article(
        f"id{i}", f"f{i}.txt", text, PublishedDate(date(2024, 1, i), "metadata", "m", 1.0), title=f"T{i}"
    )


def _state(store: SQLiteStore) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    search = store._rows("SELECT kind, ref, story_id, title, body FROM search ORDER BY rowid")
    articles = store._rows("SELECT id, origin, outlet, title, published, record FROM articles ORDER BY id")
    return search, articles


def test_a_batch_refresh_matches_one_article_at_a_time(tmp_path: Path) -> None:
    first = [_article(i, f"Storm text number {i} about harbours.") for i in range(1, 7)]
    again = [replace(first[4], title="Retitled"), _article(9, "A new one."),
             replace(first[1], text="Changed.")]
    together, alone = SQLiteStore(tmp_path / "a.db"), SQLiteStore(tmp_path / "b.db")
    try:
        for store in (together, alone):
            assert store.put_articles(first) == 6
        assert together.put_articles(again) == 1
        assert sum(alone.put_articles([a]) for a in again) == 1
        assert _state(together) == _state(alone)
        assert [h.ref for h in together.search("Changed")] == ["id2"]
        assert together.put_articles([first[0], first[0]]) == 0  # an id twice: still one search row
        assert len(together._rows("SELECT 1 FROM search WHERE ref='id1'")) == 1
    finally:
        together.close()
        alone.close()
