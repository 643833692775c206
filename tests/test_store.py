from datetime import date
from pathlib import Path

import pytest

from storyline.errors import StoreError
from storyline.models import Article, PublishedDate, Rejection
from storyline.store import SQLiteStore, open_store
from storyline.store.migrations import MIGRATIONS


def _article(i: int, text: str) -> Article:
    return Article(
        f"id{i}", f"f{i}.txt", text, PublishedDate(date(2024, 1, i), "metadata", "m", 1.0), title=f"T{i}"
    )


def test_migrations_run_once_and_in_order(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    SQLiteStore(path).close()
    store = SQLiteStore(path)  # reopening applies nothing twice
    assert store.applied_migrations() == [name for name, _ in MIGRATIONS]


def test_articles_are_idempotent_by_id() -> None:
    store = open_store(None)
    assert store.put_articles([_article(1, "Storm hits the coast."), _article(2, "Rail line reopens.")]) == 2
    assert store.put_articles([_article(1, "Storm hits the coast.")]) == 0
    assert [a.id for a in store.articles()] == ["id1", "id2"]
    assert store.article("id2") == _article(2, "Rail line reopens.")
    assert store.article("nope") is None


def test_search_finds_words_and_ignores_diacritics() -> None:
    store = open_store(None)
    store.put_articles([_article(1, "President Erdoğan met the mayor."), _article(2, "Rail line reopens.")])
    hits = store.search("erdogan")
    assert [h.ref for h in hits] == ["id1"]
    assert "[Erdoğan]" in hits[0].snippet
    assert store.search('"') == []


def test_rejections_are_kept_once() -> None:
    store = open_store(None)
    rejection = Rejection("bad.bin", "sources", "binary", "NUL bytes")
    store.put_rejections([rejection, rejection])
    assert store.rejections() == [rejection]


def test_state_round_trips() -> None:
    store = open_store(None)
    assert store.get_state("cluster") is None
    store.put_state("cluster", {"events": [1, 2]})
    assert store.get_state("cluster") == {"events": [1, 2]}


def test_unusable_locations_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "missing" / "s.db"))
    with pytest.raises(StoreError, match="unsupported store address"):
        open_store("mysql://x")
