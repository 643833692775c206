"""The Dask engine: chunks of articles go to worker processes; results come back in input order.

Without an address it starts a ``LocalCluster`` of single-threaded worker processes (spaCy and
trafilatura hold the GIL, so threads would not help); with one it joins a running cluster. Only a
bounded window of chunks is in flight at once, so a month of WARC files never sits in the
scheduler's memory; the window is refilled as soon as any chunk finishes (not only the oldest), so
one long chunk never leaves the other workers without work. Results still come back in input order.
"""

from __future__ import annotations

import logging
import resource
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from storyline.errors import MissingDependency, StorylineError

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_WORKER = 3  # chunks queued or running per worker
WAITING_PER_WORKER = 8  # finished chunks held back (waiting for an older one) per worker, at most
_END = object()


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise MissingDependency("dask[distributed]", "scale", "the Dask engine") from exc
    return distributed


def peak_rss_bytes() -> int:
    """This process's peak resident memory. Linux's VmHWM, since ``ru_maxrss`` carries the parent's
    peak over into a spawned worker; ``ru_maxrss`` (kilobytes) elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


@dataclass
class Busy:
    """What the workers spent on chunks: wall and CPU seconds summed over tasks."""

    tasks: int = 0
    wall: float = 0.0
    cpu: float = 0.0


@dataclass(frozen=True)
class _Timed(Generic[R]):
    result: R
    wall: float
    cpu: float


def _timed(fn: Callable[[list[T]], list[R]], chunk: list[T]) -> _Timed[list[R]]:
    """Run ``fn`` on a worker, with the wall and CPU time it took there."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(chunk)
    return _Timed(result, time.perf_counter() - wall, time.process_time() - cpu)


def _quiet_workers() -> Any:
    """Dask configuration for the workers we start: no statistical profiler sampling the task's stack
    every 10 ms (the dashboard's flame graph, which we never show), no GIL sampling, the event-loop
    health tick and the memory and system monitors every second or two rather than 50, 10 and 2 times
    a second (an idle scheduler took 3% of a core, now 0.6%), and glibc's own malloc
    trimming (Dask's 64 kB trim threshold hands spaCy's memory back and forth to the system: 13% more
    CPU for the same annotation)."""
    import dask

    return dask.config.set(
        {
            "distributed.worker.profile.enabled": False,
            "distributed.admin.system-monitor.gil.enabled": False,
            "distributed.admin.system-monitor.interval": "2s",
            "distributed.worker.memory.monitor-interval": "2s",
            "distributed.admin.tick.interval": "1s",
            "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
        }
    )


class DaskEngine:
    """Runs chunks on a Dask cluster: a local one of ``workers`` processes, or the one at ``address``."""

    name = "dask"

    def __init__(self, address: str | None = None, workers: int = 2) -> None:
        distributed = _distributed()
        self._cluster: Any = None
        try:
            if address is None:
                with _quiet_workers():
                    self._cluster = distributed.LocalCluster(
                        n_workers=workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=logging.ERROR,
                    )
                self._client = distributed.Client(self._cluster)
            else:
                self._client = distributed.Client(address, timeout=30)
        except OSError as exc:
            self.close()
            raise StorylineError(f"cannot reach the Dask scheduler {address}: {exc}") from exc
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})) or workers)
        self.busy = Busy()

    def map(self, fn: Callable[[list[T]], list[R]], chunks: Iterable[list[T]]) -> Iterator[list[R]]:
        wait = _distributed().wait
        ordered: deque[Any] = deque()  # every submitted chunk not yet handed back, in input order
        running: set[Any] = set()
        source = iter(chunks)
        more = True
        while True:
            while more and len(running) < IN_FLIGHT_PER_WORKER * self.workers and (
                len(ordered) < WAITING_PER_WORKER * self.workers
            ):
                chunk = next(source, _END)
                if chunk is _END:
                    more = False
                    break
                future = self._client.submit(_timed, fn, chunk, pure=False)
                ordered.append(future)
                running.add(future)
            if not ordered:
                return
            if ordered[0].done():
                running.discard(ordered[0])
                yield self._take(ordered.popleft())
                continue
            finished, _ = wait(list(running), return_when="FIRST_COMPLETED")
            running -= finished

    def _take(self, future: Any) -> Any:
        timed: _Timed[Any] = future.result()
        self.busy.tasks += 1
        self.busy.wall += timed.wall
        self.busy.cpu += timed.cpu
        return timed.result

    def run_everywhere(self, fn: Callable[[], R]) -> dict[str, R]:
        """Run ``fn`` once on every worker (warming a model, reading memory); results by worker."""
        return dict(self._client.run(fn))

    def peak_memory(self) -> dict[str, int]:
        """Each worker's peak resident memory in bytes."""
        return self.run_everywhere(peak_rss_bytes)

    def close(self) -> None:
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
