"""The ingest log: each input (origin + content hash) extracted once, resumed from the log, kept in order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import pytest

from storyline.config import load_settings
from storyline.engine.ingest_log import IngestLog, input_key
from storyline.errors import ExtractionError
from storyline.models import RawDocument, Rejection
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
    from storyline.engine.windows import windows

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
