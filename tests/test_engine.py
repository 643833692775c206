"""Engines: the local pass-through, and a real local Dask cluster of 2 worker processes giving the
same articles, annotations and stories as a single process."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generated_articles import aeb_pages, write_articles, write_warc
from storyline.config import load_settings
from storyline.engine import Engine, LocalEngine, open_engine
from storyline.engine.processes import ProcessEngine
from storyline.errors import InputError
from storyline.store import open_store

AEB = Path(__file__).resolve().parents[2] / "shared" / "eval" / "html" / "aeb"


def _first_difference(one: dict[str, Any], other: dict[str, Any]) -> str | None:
    """Where two {id: record} maps first differ, down to the field and item, for a readable failure."""
    if one.keys() != other.keys():
        return f"ids differ: {sorted(one.keys() ^ other.keys())}"
    for key, record in one.items():
        if record == other[key]:
            continue
        for field in dataclasses.fields(record):
            mine, theirs = getattr(record, field.name), getattr(other[key], field.name)
            if mine != theirs:
                pairs = zip(mine, theirs, strict=False) if isinstance(mine, tuple) else [(mine, theirs)]
                first = next((p for p in pairs if p[0] != p[1]), (len(mine), len(theirs)))
                return f"{key}.{field.name}: {first[0]!r} != {first[1]!r}"
    return None


def _double(items: list[int]) -> list[int]:
    return [2 * i for i in items]


def test_the_local_engine_maps_chunks_in_order() -> None:
    engine = open_engine("local")
    assert isinstance(engine, LocalEngine)
    assert list(engine.map(_double, [[1, 2], [3]])) == [[2, 4], [6]]
    assert isinstance(open_engine(None, workers=1), LocalEngine)


def test_the_default_engine_uses_a_process_per_core_for_big_batches() -> None:
    engine = open_engine(None, workers=2)
    try:
        assert isinstance(engine, ProcessEngine) and engine.workers == 2
        assert list(engine.map(_double, [[1, 2], [3]])) == [[2, 4], [6]]  # small: run here
        assert engine._pool is None
        chunks = [[i, i + 1] for i in range(0, 60, 2)]
        assert list(engine.map(_double, chunks)) == [[2 * i, 2 * i + 2] for i in range(0, 60, 2)]
        assert engine._pool is not None  # the pool ran the big batch, in input order
    finally:
        engine.close()


def test_bad_engine_choices_are_clear_errors() -> None:
    with pytest.raises(InputError, match="unknown engine 'spark'"):
        open_engine("spark")
    with pytest.raises(InputError, match="at least 1"):
        open_engine("dask", workers=0)


@pytest.fixture(scope="module")
def dask_engine() -> Iterator[Engine]:
    pytest.importorskip("distributed", reason="the Dask engine needs: pip install 'storyline[scale]'")
    engine = open_engine("dask", workers=2)
    yield engine
    engine.close()


def test_a_dask_cluster_maps_chunks_in_order(dask_engine: Engine) -> None:
    assert dask_engine.workers == 2
    assert list(dask_engine.map(_double, [[i] for i in range(20)])) == [[2 * i] for i in range(20)]


def test_dedupe_signatures_on_dask_give_the_groups_of_one_process(dask_engine: Engine) -> None:
    from storyline.dedupe import group_duplicates
    from storyline.engine.stages import group_duplicates_on
    from storyline.models import Article, PublishedDate

    settings = load_settings()
    wire = "The council approved the harbour bridge budget of 4.2 million euros on Tuesday. " * 3
    texts = [wire + " Officials said so." * (n % 4) for n in range(12)]
    texts += [f"Unrelated story {n} about rail line {n * 7} and a ferry in Cork." * 4 for n in range(12)]
    articles = [Article(f"id{n}", f"o{n}", t, PublishedDate.unknown()) for n, t in enumerate(texts)]
    expected = group_duplicates(
        articles, threshold=settings.near_duplicate_threshold, num_perm=settings.minhash_permutations
    )
    assert len(expected) < len(articles)  # some copies were grouped
    assert group_duplicates_on(dask_engine, articles, settings) == expected
    assert group_duplicates_on(LocalEngine(), articles, settings) == expected


@pytest.mark.slow
def test_worker_processes_give_the_same_store_as_one_process(tmp_path: Path) -> None:
    engine = open_engine(None, workers=2)
    try:
        _same_store_as_one_process(engine, tmp_path)
    finally:
        engine.close()


@pytest.mark.slow
def test_dask_gives_the_same_store_as_one_process(dask_engine: Engine, tmp_path: Path) -> None:
    _same_store_as_one_process(dask_engine, tmp_path)


def _same_store_as_one_process(engine: Engine, tmp_path: Path) -> None:
    from storyline.pipeline import ingest

    write_articles(tmp_path / "in", 40)
    if AEB.is_dir():
        write_warc(tmp_path / "in" / "pages.warc.gz", aeb_pages(AEB, limit=8))
    settings = load_settings()
    stores = {}
    for running in (LocalEngine(), engine):
        store = open_store(None)
        result = ingest([str(tmp_path / "in")], settings, store, engine=running)
        stores[running.name] = (store, result)
    (local, one), (dask, other) = stores["local"], stores[engine.name]
    assert one.article_ids == other.article_ids and len(one.article_ids) >= 40
    assert one.rejections == other.rejections
    assert local.articles() == dask.articles()
    assert _first_difference(local.annotations(), dask.annotations()) is None
    assert [local.story(r.id) for r in local.stories()] == [dask.story(r.id) for r in dask.stories()]


_POOL_OWNER = """
import os, sys, time
from storyline.engine.processes import ProcessEngine

def wait(chunk):
    time.sleep(0.2)
    return chunk

if __name__ == "__main__":
    engine = ProcessEngine(2, pool_from=2)
    results = engine.map(wait, [[i] for i in range(60)])
    next(results)
    print(os.getpid(), flush=True)
    time.sleep(60)
"""


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = task.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            child = int(task.parent.name)
            found |= {child} | _descendants(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_end_when_the_process_that_started_them_is_killed(tmp_path: Path) -> None:
    """A killed ingest never shuts its pool down: its workers (each holding spaCy) must not live on."""
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "owner.py"
    script.write_text(_POOL_OWNER, encoding="utf-8")
    owner = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert owner.stdout is not None
    pid = int(owner.stdout.readline())
    workers = _descendants(pid)
    assert len(workers) >= 2  # the fork server and its workers (and the resource tracker)
    owner.send_signal(signal.SIGKILL)
    owner.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.2)
    assert [w for w in workers if _alive(w)] == []
