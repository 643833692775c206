"""The ingest log: each input (origin + content hash) extracted once, resumed from the log, kept in order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from generated_articles import write_articles
from storyline.config import load_settings
from storyline.errors import ExtractionError
from storyline.models import RawDocument, Rejection
from storyline.pipeline.ingest_log import IngestLog, input_key
from storyline.store import Store, open_store

T = TypeVar("T")
R = TypeVar("R")


class CountingEngine:
    """Runs chunks here, counting the documents it was handed."""

    name = "counting"
    workers = 1

    def __init__(self) -> None:
        self.handled = 0

    def map(self, fn: Callable[[list[T]], list[R]], chunks: Iterable[list[T]]) -> Iterator[list[R]]:
        for chunk in chunks:
            self.handled += len(chunk)
            yield fn(chunk)

    def close(self) -> None:
        return None


def _doc(n: int, body: str | None = None) -> RawDocument:
    text = body if body is not None else (
        f"Harbour works approved ({n})\n\nThe council of Porto approved pier {n} on Tuesday, officials said."
    )
    return RawDocument(f"a{n}.txt", "text", text)


EMPTY = RawDocument("empty.txt", "text", "\n\n   \n")


@pytest.fixture
def store() -> Iterator[Store]:
    opened = open_store(None)
    yield opened
    opened.close()


def test_keys_follow_origin_and_content() -> None:
    assert input_key(_doc(1)) == input_key(_doc(1))
    assert input_key(_doc(1)) != input_key(_doc(1, "Other text entirely."))
    assert input_key(_doc(1))[1] == input_key(RawDocument("elsewhere.txt", "text", _doc(1).body))[1]


def test_a_second_run_extracts_nothing_and_returns_the_same(store: Store) -> None:
    settings, engine = load_settings(), CountingEngine()
    docs = [_doc(1), _doc(2), EMPTY]
    first = IngestLog(store).extract(docs, settings, engine)
    assert engine.handled == 3 and len(first[0]) == 2 and [r.origin for r in first[1]] == ["empty.txt"]
    again = IngestLog(store)
    assert again.extract(docs, settings, engine) == first
    assert engine.handled == 3  # nothing extracted twice
    assert len(again.pending) == 2  # not yet annotated: still waiting


def test_finished_inputs_come_back_from_the_store(store: Store) -> None:
    settings, engine = load_settings(), CountingEngine()
    log = IngestLog(store)
    articles, _ = log.extract([_doc(1)], settings, engine)
    store.put_articles(articles)
    log.finish()
    assert store.log_counts() == {"done": 1}
    resumed = IngestLog(store)
    assert resumed.extract([_doc(1), _doc(2)], settings, engine)[0][0] == articles[0]
    assert engine.handled == 2 and len(resumed.pending) == 1


def test_a_changed_input_is_extracted_again(store: Store) -> None:
    settings, engine = load_settings(), CountingEngine()
    IngestLog(store).extract([_doc(1)], settings, engine)
    changed = _doc(1, "Harbour works stopped\n\nThe council of Porto stopped pier 1 on Friday, they said.")
    [article], _ = IngestLog(store).extract([changed], settings, engine)
    assert engine.handled == 2 and "stopped" in article.text


def test_logged_rejections_follow_the_policy(store: Store) -> None:
    engine = CountingEngine()
    IngestLog(store).extract([EMPTY], load_settings(), engine)
    assert IngestLog(store).extract([EMPTY], load_settings(on_error="skip"), engine) == ([], [])
    with pytest.raises(ExtractionError, match=r"empty\.txt"):
        IngestLog(store).extract([EMPTY], load_settings(on_error="raise"), engine)
    [rejection] = store.log_entries([input_key(EMPTY)[0]]).values()
    assert rejection.state == "rejected" and isinstance(rejection.record, Rejection)


def test_windows_take_a_bounded_number_of_items_lazily() -> None:
    from storyline.pipeline.windows import windows

    taken: list[int] = []

    def items() -> Iterator[RawDocument | Rejection]:
        for n in range(5):
            taken.append(n)
            yield Rejection(f"r{n}", "sources", "empty") if n == 2 else _doc(n)

    stream = windows(items(), size=2)
    first = next(stream)
    assert [d.origin for d in first[0]] == ["a0.txt", "a1.txt"] and first[1] == [] and taken == [0, 1]
    rest = list(stream)
    assert [([d.origin for d in docs], [r.origin for r in dropped]) for docs, dropped in rest] == [
        (["a3.txt"], ["r2"]),
        (["a4.txt"], []),
    ]


def _copy(doc: RawDocument, origin: str) -> RawDocument:
    return RawDocument(origin, doc.kind, doc.body)


def test_an_article_read_twice_is_kept_once_and_the_second_input_is_rejected(store: Store) -> None:
    settings = load_settings()
    docs = [_doc(1), _copy(_doc(1), "again/a1.txt"), _doc(2)]
    articles, rejections = IngestLog(store).extract(docs, settings, CountingEngine())
    assert [a.origin for a in articles] == ["a1.txt", "a2.txt"]
    assert [(r.origin, r.stage, r.reason) for r in rejections] == [
        ("again/a1.txt", "extract", "duplicate-input")
    ]
    assert "a1.txt" in rejections[0].detail
    again = IngestLog(store).extract(docs, settings, CountingEngine())  # from the log
    assert again == (articles, rejections)
    # reading an article twice is no error, even under "raise"; "skip" drops the record
    assert IngestLog(store).extract(docs, load_settings(on_error="raise"), CountingEngine())[1] == rejections
    assert IngestLog(store).extract(docs, load_settings(on_error="skip"), CountingEngine())[1] == []


def test_an_input_repeating_a_stored_article_is_a_duplicate_but_a_reread_is_not(store: Store) -> None:
    settings = load_settings()
    log = IngestLog(store)
    [article], _ = log.extract([_doc(1)], settings)
    store.put_articles([article])
    log.finish()
    _, [rejection] = IngestLog(store).extract([_copy(_doc(1), "mirror/a1.txt")], settings)
    assert rejection.reason == "duplicate-input" and rejection.origin == "mirror/a1.txt"
    # the same origin with other source metadata but the same article: read again, not a duplicate
    reread = RawDocument("a1.txt", "text", _doc(1).body, published="2024-03-01")
    assert IngestLog(store).extract([reread], settings)[1] == []


def test_the_windowed_ingest_stores_a_duplicate_input_as_a_rejection(tmp_path: Path) -> None:
    from storyline.pipeline import ingest

    folder = tmp_path / "in"
    write_articles(folder, 3)
    (folder / "z-copy.txt").write_text((folder / "a0001.txt").read_text(encoding="utf-8"), encoding="utf-8")
    store = open_store(str(tmp_path / "store.db"))
    try:
        for _ in range(2):  # a re-run gives the same, once
            result = ingest([str(folder)], load_settings(), store)
            assert len(result.article_ids) == 3 and len(store.article_ids()) == 3
            [rejection] = store.rejections()
            assert rejection.reason == "duplicate-input" and rejection.origin.endswith("z-copy.txt")
            assert result.rejections == (rejection,)
    finally:
        store.close()
