"""The fork server the worker pool starts from, with spaCy and the run's model already in memory.

Each worker used to import our annotators and spaCy and load the model itself: about 3 s of CPU per
worker, paid again by every worker while the main process waited. The standard library's fork server
can import modules once before it forks any worker (``set_forkserver_preload``); a worker forked from
it shares those pages. Preloading imports module names only, so the model is loaded by importing this
module in the fork server, which reads the model's name from ``STORYLINE_PRELOAD_MODEL`` (set for the
moment the server starts, never in this process's own environment afterwards). Nothing here loads
anything in the main process: it only starts the server, which loads while the main process reads
and extracts.

When its preloading is done the server writes what came of the model's load to a status file (named
by ``STORYLINE_PRELOAD_STATUS`` the same way). Before the pool forks its first worker, the main process
waits for that file (:func:`forkserver_ready`; no worker could start earlier anyway) and raises the
load's error there, once, as one clear line: no worker is forked to load the model again and fail
again. The server lives until the pool that started it closes (:func:`stop_forkserver`), so a later
pool starts its own, with its own model, and a long-lived process does not keep spaCy in a server
nobody uses.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import shutil
import tempfile
import time
from multiprocessing import forkserver
from pathlib import Path

from storyline.errors import StorylineError

PRELOAD_MODEL = "STORYLINE_PRELOAD_MODEL"
PRELOAD_STATUS = "STORYLINE_PRELOAD_STATUS"
# What every worker imports before its first chunk: the stages and their annotators (``__main__`` is
# the standard library's default); and, when a model is named, spaCy and the model (this module, last:
# it writes the status once everything before it is loaded; it imports spaCy as the annotator's loader
# does, without spaCy's command line, which a bare "spacy" here would import too).
PRELOAD = ["__main__", "storyline.engine.stages"]
PRELOAD_SPACY = ["storyline.engine.forkserver"]
_POLL_S = 0.005  # how often the main process looks for the server's status while it waits


class _Started:
    """The fork server this process started: its process id, model and status file; the pools open."""

    pid: int | None = None
    model: str | None = None
    status: Path | None = None
    pools = 0


def start_forkserver(model: str | None) -> None:
    """Start the fork server, preloading ``model`` too when named (no-op when it already runs, with
    the model it was started with)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD + (PRELOAD_SPACY if model else []))
    folder = Path(tempfile.mkdtemp(prefix="storyline-forkserver-")) if model else None
    status = folder / "status.json" if folder else None
    saved = {name: os.environ.get(name) for name in (PRELOAD_MODEL, PRELOAD_STATUS)}
    if model and status:
        os.environ[PRELOAD_MODEL] = model
        os.environ[PRELOAD_STATUS] = str(status)
    before = _server_pid()
    try:
        forkserver.ensure_running()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    pid = _server_pid()
    if pid is not None and pid != before:  # this call started it (or started it again)
        _remove(_Started.status)
        _Started.pid, _Started.model, _Started.status = pid, model, status
    elif folder is not None:  # it was running already: this call's status file is not needed
        shutil.rmtree(folder, ignore_errors=True)


def forkserver_ready() -> None:
    """Wait until the fork server this process started has done its preloading; raise the error its
    model's load met as a :class:`StorylineError` (a server started without a model: no wait)."""
    status, pid = _Started.status, _Started.pid
    if status is None or pid is None:
        return
    while not status.exists():
        if not _alive(pid):
            raise StorylineError(
                f"the worker pool's fork server stopped while loading spaCy model {_Started.model!r} "
                "(its error is above); run with --workers 1 to load it in this process"
            )
        time.sleep(_POLL_S)
    error = json.loads(status.read_text(encoding="utf-8")).get("error")
    if error:
        raise StorylineError(error)


def forkserver_loading() -> bool:
    """Whether the fork server this process started is still preloading its model (no wait)."""
    status, pid = _Started.status, _Started.pid
    return status is not None and pid is not None and not status.exists() and _alive(pid)


def pool_opened() -> None:
    """A pool of workers forked from the server was made (see :func:`pool_closed`)."""
    _Started.pools += 1


def pool_closed(had_pool: bool) -> None:
    """An engine closed, with its pool (``had_pool``) or without one (it may have started the server
    ahead of a pool it never needed): when no pool is left, stop the server this process started."""
    _Started.pools -= 1 if had_pool else 0
    if _Started.pools <= 0:
        _Started.pools = 0
        stop_forkserver()


def stop_forkserver() -> None:
    """Stop the fork server this process started, once every worker forked from it has ended (the
    server ends when the last holder of its "alive" pipe closes it: the workers, then this process)."""
    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)  # the stdlib's tests' hook
    if _Started.pid is None or stop is None or _server_pid() != _Started.pid:
        return
    stop()
    _remove(_Started.status)
    _Started.pid, _Started.model, _Started.status = None, None, None


def _server_pid() -> int | None:
    pid = getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None)
    return pid if isinstance(pid, int) else None


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a child that has ended but is not yet reaped does not)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return fields[0] != "Z"
    except (OSError, IndexError):
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True


def _remove(status: Path | None) -> None:
    if status is not None:
        shutil.rmtree(status.parent, ignore_errors=True)


def _load_named_model() -> None:
    """In the fork server (the only process started while ``PRELOAD_MODEL`` is set): load that model
    and write what came of it to the status file; an error is written there, not raised (the server
    must run on, and the main process raises it)."""
    model = os.environ.get(PRELOAD_MODEL)
    if not model:
        return
    error = None
    try:
        from storyline.annotate.nlp import load_nlp

        load_nlp(model)
    except StorylineError as exc:
        error = str(exc)
    except Exception as exc:
        error = f"spaCy model {model!r} failed to load: {type(exc).__name__}: {exc}"
    status = os.environ.get(PRELOAD_STATUS)
    if status:
        with contextlib.suppress(OSError):  # the main process gone meanwhile: nobody to tell
            partial = Path(f"{status}.part")
            partial.write_text(json.dumps({"model": model, "error": error}), encoding="utf-8")
            partial.replace(status)


_load_named_model()
