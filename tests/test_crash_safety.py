"""A real ``storyline ingest`` killed with SIGKILL at seeded moments, then run again to the end.

The store must then hold every article exactly once, each with its annotations, every input logged
as done, and stories composed over all of them. The kills are placed by what the store shows (the
log written, articles arriving, all articles stored) plus a seeded random delay, so they land in
start-up, extraction, annotation chunks and story composition whatever the machine's speed.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generated_articles import write_articles
from storyline.config import load_settings
from storyline.progress import Silent
from storyline.store import open_store

ARTICLES = 200
TIMEOUT = 240.0  # seconds any one phase may take before the test gives up


def _command(folder: Path, db: Path) -> list[str]:
    script = Path(sys.executable).parent / "storyline"
    head = [str(script)] if script.exists() else [sys.executable, "-m", "storyline.cli"]
    return [*head, "ingest", str(folder), "--db", str(db), "--quiet"]


def _count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # tables not created yet
        return 0


def _articles(db: Path) -> int:
    return _count(db, "SELECT COUNT(*) FROM articles")


def _wait_for(condition: Callable[[], bool], proc: subprocess.Popen[bytes]) -> bool:
    """True once ``condition`` holds; False when the process ended first."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if condition():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.05)
    raise AssertionError("the ingest made no progress in time")


def _run_and_kill(folder: Path, db: Path, when: Callable[[], bool], delay: float) -> bool:
    """Start an ingest, SIGKILL it ``delay`` seconds after ``when`` holds; True when it was killed."""
    proc = subprocess.Popen(_command(folder, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        if _wait_for(when, proc):
            time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            return True
        assert proc.returncode == 0, proc.stderr.read().decode() if proc.stderr else ""
        return False
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _expected_ids(folder: Path) -> set[str]:
    from storyline.pipeline import read_and_extract

    articles, rejections = read_and_extract([str(folder)], load_settings(), Silent())
    assert rejections == []
    return {a.id for a in articles}


@pytest.mark.slow
def test_a_killed_ingest_started_again_loses_and_doubles_nothing(tmp_path: Path) -> None:
    folder, db = tmp_path / "articles", tmp_path / "store.db"
    write_articles(folder, ARTICLES)
    rng = random.Random(8)
    at_start = 0

    def grown() -> bool:
        return _articles(db) > at_start

    kill_points: list[tuple[str, Callable[[], bool], float]] = [
        ("start-up", lambda: True, rng.uniform(0.5, 4.0)),
        ("extraction logged", lambda: _count(db, "SELECT COUNT(*) FROM ingest_log") > 0, rng.uniform(0, 0.5)),
        ("annotation", grown, rng.uniform(0.0, 2.0)),
        ("annotation", grown, rng.uniform(0.0, 2.0)),
        ("stories", lambda: _articles(db) >= ARTICLES, rng.uniform(0.0, 1.5)),
    ]
    killed = []
    for name, when, delay in kill_points:
        at_start = _articles(db)
        if _run_and_kill(folder, db, when, delay):
            killed.append(name)
    print(f"killed during: {', '.join(killed)}")
    assert len(killed) >= 3, f"too few runs were killed mid-way: {killed}"

    final = subprocess.run(_command(folder, db), capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert final.returncode == 0, final.stderr

    expected = _expected_ids(folder)
    assert len(expected) == ARTICLES
    assert _count(db, "SELECT COUNT(*) FROM articles") == ARTICLES
    assert _count(db, "SELECT COUNT(DISTINCT origin) FROM articles") == ARTICLES
    store = open_store(str(db))
    try:
        assert store.article_ids() == expected
        assert set(store.annotations()) == expected
        assert store.log_counts() == {"done": ARTICLES}
        assert store.rejections() == []
        assert not store.stories_stale()
        briefs = [store.story(row.id) for row in store.stories()]
        in_stories = {source.article_id for brief in briefs if brief for source in brief.sources}
        assert in_stories == expected
    finally:
        store.close()
