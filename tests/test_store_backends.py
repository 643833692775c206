"""One store test suite, run against every backend: SQLite (file) and a real PostgreSQL server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from brief_fixture import sample_brief
from generated_articles import write_articles
from postgres_server import fresh_database, postgres_server
from storyline.errors import StoreError
from storyline.models import AnnotatedArticle, Article, PublishedDate, Rejection, Sentence
from storyline.store import PostgresStore, SQLiteStore, Store, open_store
from storyline.store.migrations import MIGRATIONS, POSTGRES_MIGRATIONS


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    with postgres_server() as address:
        yield address


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def address(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    with fresh_database(request.getfixturevalue("postgres")) as url:
        yield url


@pytest.fixture
def store(address: str) -> Iterator[Store]:
    opened = open_store(address)
    yield opened
    opened.close()


def _article(i: int, text: str, title: str | None = None) -> Article:
    published = PublishedDate(date(2024, 1, i), "metadata", "m", 1.0)
    return Article(f"id{i}", f"f{i}.txt", text, published, title=title or f"T{i}")


def _annotated(i: int, text: str) -> AnnotatedArticle:
    return AnnotatedArticle(_article(i, text), sentences=(Sentence(f"id{i}", 0, len(text), text),))


def test_both_dialects_name_the_same_migrations() -> None:
    assert [n for n, _ in MIGRATIONS] == [n for n, _ in POSTGRES_MIGRATIONS]


def test_open_store_dispatches_on_the_address(address: str) -> None:
    store = open_store(address)
    kind = PostgresStore if address.startswith("postgresql://") else SQLiteStore
    assert isinstance(store, kind)
    store.close()


def test_migrations_run_once_and_in_order(address: str) -> None:
    open_store(address).close()
    store = open_store(address)
    assert store.applied_migrations() == [name for name, _ in MIGRATIONS]
    store.close()


def test_two_processes_opening_a_new_store_migrate_it_once(address: str) -> None:
    errors: list[BaseException] = []

    def open_and_close() -> None:
        try:
            open_store(address).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_and_close) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_articles_are_idempotent_by_id(store: Store) -> None:
    assert store.put_articles([_article(1, "Storm hits the coast."), _article(2, "Rail line reopens.")]) == 2
    assert store.put_articles([_article(1, "Storm hits the coast.")]) == 0
    assert [a.id for a in store.articles()] == ["id1", "id2"]
    assert store.articles(["id2"]) == [_article(2, "Rail line reopens.")]
    assert store.article("id2") == _article(2, "Rail line reopens.")
    assert store.article("nope") is None
    assert store.article_ids() == {"id1", "id2"}


def test_annotations_round_trip(store: Store) -> None:
    store.put_articles([_article(1, "Storm hits the coast.")])
    store.put_annotations([_annotated(1, "Storm hits the coast.")])
    assert store.annotations() == {"id1": _annotated(1, "Storm hits the coast.")}
    assert store.annotations(["other"]) == {}


def test_put_annotated_stores_both_and_marks_stories_stale(store: Store) -> None:
    assert not store.stories_stale()
    assert store.put_annotated([_annotated(1, "Storm hits the coast."), _annotated(2, "Rail reopens.")]) == 2
    assert store.article_ids() == {"id1", "id2"}
    assert set(store.annotations()) == {"id1", "id2"}
    assert store.stories_stale()
    store.put_stories([])
    assert not store.stories_stale()


def test_put_annotated_is_one_transaction(store: Store) -> None:
    broken = AnnotatedArticle(_article(2, "x"), sentences=(object(),))  # type: ignore[arg-type]
    with pytest.raises(Exception):  # noqa: B017 - whatever the serializer raises
        store.put_annotated([_annotated(1, "Storm hits the coast."), broken])
    assert store.article_ids() == set()
    assert store.annotations() == {}


def test_search_finds_words_and_ignores_diacritics(store: Store) -> None:
    store.put_articles([_article(1, "President Erdoğan met the mayor."), _article(2, "Rail line reopens.")])
    hits = store.search("erdogan")
    assert [h.ref for h in hits] == ["id1"]
    assert hits[0].kind == "article"
    assert "[Erdoğan]" in hits[0].snippet
    assert store.search('"') == []
    assert store.search("erdogan mayor")[0].ref == "id1"
    assert store.search("erdogan railway") == []


def test_refreshing_an_article_replaces_its_search_entry(store: Store) -> None:
    store.put_articles([_article(1, "Storm hits the coast.")])
    store.put_articles([_article(1, "Storm hits the coast.", title="Storm")])
    assert len(store.search("coast")) == 1


def test_rejections_are_kept_once(store: Store) -> None:
    rejection = Rejection("bad.bin", "sources", "binary", "NUL bytes")
    store.put_rejections([rejection, rejection])
    assert store.rejections() == [rejection]


def test_state_and_history_round_trip(store: Store) -> None:
    assert store.get_state("cluster") is None
    store.put_state("cluster", {"events": [1, 2]})
    store.put_state("cluster", {"events": [3]})
    assert store.get_state("cluster") == {"events": [3]}
    store.add_history([{"run": 1}, {"run": 2}])
    assert store.history() == [{"run": 1}, {"run": 2}]


def test_stories_round_trip_and_are_searchable(store: Store) -> None:
    story = sample_brief().stories[0]
    store.put_stories([story])
    assert store.story(story.story_id) == story
    assert store.story("missing") is None
    [row] = store.stories()
    assert (row.id, row.headline, row.event_count) == (story.story_id, story.headline, len(story.events))
    word = story.summary[0].text.split()[0]
    assert any(h.kind == "fact" and h.story_id == story.story_id for h in store.search(word))
    store.put_stories([])
    assert store.stories() == []


def test_the_ingest_log_keeps_each_input_and_its_state(store: Store) -> None:
    article = _article(1, "Storm hits the coast.")
    rejected = Rejection("b.txt", "extract", "no-text", "every paragraph was removed")
    store.log_extracted([("k1", "a.txt", "h1", article), ("k2", "b.txt", "h2", rejected)])
    found = store.log_entries(["k1", "k2", "k3"])
    assert set(found) == {"k1", "k2"}
    assert (found["k1"].state, found["k1"].article_id, found["k1"].record) == ("extracted", "id1", article)
    assert (found["k2"].state, found["k2"].record) == ("rejected", rejected)
    store.log_done(["k1", "k2"])
    found = store.log_entries(["k1", "k2"])
    assert (found["k1"].state, found["k1"].record) == ("done", None)
    assert found["k2"].state == "rejected"  # a rejection stays a rejection
    assert store.log_counts() == {"done": 1, "rejected": 1}


def test_unusable_locations_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "missing" / "s.db"))
    with pytest.raises(StoreError, match="unsupported store address"):
        open_store("mysql://x")
    with pytest.raises(StoreError, match=r"cannot open the store postgresql://u:\*\*\*@127.0.0.1:1/x"):
        open_store("postgresql://u:secret@127.0.0.1:1/x")


@pytest.mark.slow
@pytest.mark.postgres
def test_an_ingest_gives_the_same_store_on_both_backends(postgres: str, tmp_path: Path) -> None:
    from storyline.config import load_settings
    from storyline.pipeline import ingest

    write_articles(tmp_path / "in", 12)
    settings = load_settings(progress=False)
    with fresh_database(postgres) as url:
        stores = [open_store(str(tmp_path / "s.db")), open_store(url)]
        try:
            results = [ingest([str(tmp_path / "in")], settings, s) for s in stores]
            assert results[0].article_ids == results[1].article_ids and len(results[0].new_ids) == 12
            lite, pg = stores
            assert lite.articles() == pg.articles()
            assert lite.annotations() == pg.annotations()
            assert lite.stories() == pg.stories()
            assert [lite.story(r.id) for r in lite.stories()] == [pg.story(r.id) for r in pg.stories()]
            assert lite.log_counts() == pg.log_counts() == {"done": 12}
            assert {h.ref for h in lite.search("harbour")} == {h.ref for h in pg.search("harbour")} != set()
        finally:
            for s in stores:
                s.close()
