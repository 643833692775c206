"""A small run's parse process, forked from this one before any thread starts (issue 19's fast start).

A cold brief of a few articles used to wait, on one core, for spaCy's import and model load (about
1.1 s of CPU) and then for the pipeline's own imports, the language model and the reading, all in
this one process. ``ParseChild`` forks this process at the start of the run, before the language
model's thread or a progress bar starts any thread, and the child loads spaCy and the model while this
process imports the rest of the pipeline, loads the language model and reads and extracts the inputs.
Every task that needs the model (annotation, dating, composing: whatever the pipeline maps over its
engine) then runs in the child, one chunk at a time and in order; the tasks that need none and come
while the model still loads (drafting) run here, as a pool's ``map_here_first`` runs them. The same
functions over the same chunks, in the same order, with one BLAS thread: the same results as in one
process (``tests/test_engine_forked.py``).

Only worth it with a core free: on a machine whose other cores are busy the child only competes with
this process (seeds cold at load 3.7 on two cores: wall 7.5-10.7 s against 4.4-7.6 s in one process)
and its duplicated imports cost CPU, so :func:`worth_forking` asks for two cores or more, a load average
that leaves one free, and no other thread in this process (a fork copies the locks another thread
holds, and the child could wait on one forever).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import struct
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from storyline.errors import StorylineError

T = TypeVar("T")
R = TypeVar("R")

_LENGTH = struct.Struct("!Q")
_READY = b"R"


def _write(fd: int, payload: bytes) -> None:
    view = memoryview(_LENGTH.pack(len(payload)) + payload)
    while view:
        view = view[os.write(fd, view) :]


def _read_exactly(fd: int, size: int) -> bytes | None:
    parts, left = [], size
    while left:
        part = os.read(fd, min(left, 1 << 20))
        if not part:
            return None
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _read(fd: int) -> bytes | None:
    head = _read_exactly(fd, _LENGTH.size)
    if head is None:
        return None
    return _read_exactly(fd, _LENGTH.unpack(head)[0])


FORK = "STORYLINE_PARSE_CHILD"  # "1": fork whatever the load (benchmarks, tests); "0": never


def worth_forking(workers: int) -> bool:
    """Whether a small run should fork its parse child (see the module's note; ``FORK`` overrides the
    load's say, never the threads')."""
    if workers < 2 or threading.active_count() > 1 or not hasattr(os, "fork"):
        return False
    said = os.environ.get(FORK)
    if said in ("0", "1"):
        return said == "1"
    try:
        load = os.getloadavg()[0]
    except OSError:
        return False
    return load < workers - 0.5


class ParseChild:
    """The engine of a small run on two cores: a forked child that holds the model runs its tasks."""

    name = "forked"
    workers = 1

    def __init__(self, model: str) -> None:
        self.model = model
        to_child, self._to_child = os.pipe()
        self._from_child, from_child = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        self._pid = os.fork()
        if self._pid == 0:  # the child: never returns
            os.close(self._to_child)
            os.close(self._from_child)
            _serve(model, to_child, from_child)
        os.close(to_child)
        os.close(from_child)
        self._ready = False
        self._closed = False

    def loading(self) -> bool:
        """Whether the child still loads the model (no wait)."""
        if not self._ready:
            waiting, _, _ = select.select([self._from_child], [], [], 0)
            if waiting:
                self._wait_ready()
        return not self._ready

    def _wait_ready(self) -> None:
        message = _read(self._from_child)
        if message is None:
            raise StorylineError(
                f"the parse process stopped while loading spaCy model {self.model!r} (its error is above); "
                "run with --workers 1 to load it in this process"
            )
        error = pickle.loads(message)
        if error is not None:
            raise error
        self._ready = True

    def run(self, fn: Callable[[list[T]], list[R]], chunk: list[T]) -> list[R]:
        """``fn(chunk)`` in the child (once its model is loaded); its error raised here."""
        if not self._ready:
            self._wait_ready()
        _write(self._to_child, pickle.dumps((fn, chunk), protocol=pickle.HIGHEST_PROTOCOL))
        message = _read(self._from_child)
        if message is None:
            raise StorylineError("the parse process stopped during a task (its error is above)")
        ok, value = pickle.loads(message)
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    def map(self, fn: Callable[[list[T]], list[R]], chunks: Iterable[list[T]]) -> Iterator[list[R]]:
        for chunk in chunks:
            yield self.run(fn, chunk)

    def map_here_first(
        self, fn: Callable[[list[T]], list[R]], chunks: Iterable[list[T]]
    ) -> Iterator[list[R]]:
        """Chunks run here while the child still loads the model (work that needs none); the rest there."""
        pending = list(chunks)
        while pending and self.loading():
            yield fn(pending.pop(0))
        yield from self.map(fn, pending)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        os.close(self._to_child)  # the child ends at the end of its input
        os.close(self._from_child)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._pid, 0)


def _serve(model: str, requests: int, replies: int) -> None:
    """In the child: load the model, say so, then run each task sent until the input ends; exit without
    running the parent's exit handlers or flushing its buffers (``os._exit``)."""
    status = 0
    try:
        error: StorylineError | None = None
        try:
            from storyline.annotate.nlp import load_nlp, use_model

            use_model(model)
            load_nlp(model)
            import storyline.engine.stages  # noqa: F401  # the annotators, before the first task
        except StorylineError as exc:  # sent as its message: MissingDependency does not unpickle
            error = StorylineError(str(exc))
        except Exception as exc:
            error = StorylineError(f"spaCy model {model!r} failed to load: {type(exc).__name__}: {exc}")
        _write(replies, pickle.dumps(error))
        if error is not None:
            return
        while (message := _read(requests)) is not None:
            fn, chunk = pickle.loads(message)
            try:
                reply: tuple[bool, Any] = (True, fn(chunk))
            except Exception as exc:
                reply = (False, exc)
            _write(replies, _pickled(reply))
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _pickled(reply: tuple[bool, Any]) -> bytes:
    """A task's reply; an error that would not come back whole through a pickle (one whose constructor
    takes other arguments than it keeps) comes back as a StorylineError with its type and message."""
    ok, value = reply
    if not ok:
        try:
            pickle.loads(pickle.dumps(value))
        except Exception:
            value = StorylineError(f"{type(value).__name__}: {value}")
    return pickle.dumps((ok, value), protocol=pickle.HIGHEST_PROTOCOL)


__all__ = ["ParseChild"]
