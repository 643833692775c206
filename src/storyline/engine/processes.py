"""The default engine on one machine: chunks go to a pool of worker processes, one per core.

Python runs one thread of our code at a time, and spaCy's parse, our quote and time readers and
trafilatura are all Python-bound, so a second core helps only through a second process. The standard
library's ``ProcessPoolExecutor`` is all this needs (Dask is for clusters, and costs a scheduler and a
nanny per worker). Workers start from a fork server (never by forking this process, whose progress
bar runs a thread) and load spaCy once each, through ``load_nlp``'s cache.

A pool costs its start-up (a process and a model load per worker, about a second), so a batch too
small to pay that back runs here, in this process; either way every chunk is run by the same function
and handed back in input order, so the results do not depend on the engine (tests/test_engine.py).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import TypeVar

from storyline.engine.forkserver import (
    forkserver_loading,
    forkserver_ready,
    pool_closed,
    pool_opened,
    start_forkserver,
)
from storyline.run_timeline import TIMELINE, mark, span

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_WORKER = 2  # chunks queued or running per worker: one running, one ready to start
HELD_PER_WORKER = 4  # finished chunks kept here per worker, at most, while an older one still runs
# Items a batch must hold before the pool starts: annotation takes about 0.1 s an article on one core
# and a worker's start-up about 1 s, so below this the second core would not pay for its start.
POOL_FROM_ITEMS = 24


def cores() -> int:
    """The cores this process may run on (a container's or taskset's limit, not the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _end_with(owner: int) -> None:
    """In each worker: exit as soon as the process that started the pool is gone. A killed ingest
    (SIGKILL, or a crash) never shuts its pool down, and its workers, each holding a spaCy model,
    would otherwise wait for work forever (seen: 63 of them, 11 GB, after a day of killed runs)."""

    def watch() -> None:
        while True:
            time.sleep(0.5)
            try:
                os.kill(owner, 0)
            except (ProcessLookupError, PermissionError):  # gone, or its number now another user's
                os._exit(0)

    threading.Thread(target=watch, name="storyline-owner-watch", daemon=True).start()


def _traced(fn: Callable[[list[T]], list[R]], chunk: list[T]) -> list[R]:
    """``fn(chunk)`` in a worker, as a span of the run's timeline (see :mod:`storyline.run_timeline`)."""
    with span("task", items=len(chunk)):
        result = fn(chunk)
    if os.environ.get(TIMELINE):  # what sending it back costs: pickled once more, only to be measured
        start = time.time()
        size = len(pickle.dumps(result))
        mark("pickle", start, time.time(), bytes=size)
    return result


class ProcessEngine:
    """Runs chunks on ``workers`` local processes; small batches (under ``pool_from`` items) here."""

    name = "processes"

    def __init__(self, workers: int, pool_from: int = POOL_FROM_ITEMS) -> None:
        self.workers = workers
        self.pool_from = pool_from
        self.model: str | None = None  # the spaCy model the fork server loads for every worker
        self._pool: ProcessPoolExecutor | None = None

    def preload(self, model: str, items: int) -> None:
        """Have every worker start with ``model`` loaded (see :mod:`storyline.engine.forkserver`), when
        said before the pool starts; a batch of ``items`` that will use the pool starts it loading now."""
        self.model = self.model or model
        if self._pool is None and items >= self.pool_from:
            start_forkserver(self.model)

    def map(self, fn: Callable[[list[T]], list[R]], chunks: Iterable[list[T]]) -> Iterator[list[R]]:
        """Each chunk's result in input order. A chunk goes out as soon as a worker is free, whether or
        not the oldest one has come back (a long chunk at the head never leaves a worker idle); finished
        chunks wait here for the ones before them, at most ``HELD_PER_WORKER`` per worker."""
        batch = list(chunks)  # the chunks of one window: lists of references, cheap to hold
        if sum(len(c) for c in batch) < self.pool_from or len(batch) < 2:
            yield from (fn(chunk) for chunk in batch)
            return
        pool = self._started()
        waiting: deque[Future[list[R]]] = deque()
        pending = deque(batch)
        running = IN_FLIGHT_PER_WORKER * self.workers
        while pending or waiting:
            while pending and _unfinished(waiting) < running and len(waiting) < running + self.held:
                waiting.append(pool.submit(_traced, fn, pending.popleft()))
            if not waiting[0].done():
                with span("wait"):
                    wait([f for f in waiting if not f.done()], return_when=FIRST_COMPLETED)
                continue
            yield waiting.popleft().result()

    def map_here_first(
        self, fn: Callable[[list[T]], list[R]], chunks: Iterable[list[T]]
    ) -> Iterator[list[R]]:
        """``map``, but chunks run here, in this process, for as long as the pool's fork server is still
        loading the model (for work that needs no model: drafting, about 10 ms a chunk, need not wait for
        it); the rest go to the pool. The same function over the same chunks, in order: the same results."""
        pending = deque(chunks)
        if self._pool is None:
            while pending and forkserver_loading():
                yield fn(pending.popleft())
        yield from self.map(fn, pending)

    @property
    def held(self) -> int:
        return HELD_PER_WORKER * self.workers

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            start_forkserver(self.model)
            forkserver_ready()  # a model the server failed to load is raised here, before any worker
            context = multiprocessing.get_context("forkserver")
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=context, initializer=_end_with, initargs=(os.getpid(),)
            )
            pool_opened()
        return self._pool

    def close(self) -> None:
        """Shut the pool down; the fork server stops with the last pool (see engine.forkserver)."""
        had_pool = self._pool is not None
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        pool_closed(had_pool)


def _unfinished(futures: Iterable[Future[R]]) -> int:
    return sum(not f.done() for f in futures)


__all__ = ["POOL_FROM_ITEMS", "ProcessEngine", "cores"]
