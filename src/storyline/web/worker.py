"""``api.ingest`` in a child process, so the NLP work of a job never holds the server's GIL.

One long-lived child (spawned at startup, so it shares no state with the server) loads the pipeline once and
runs one job at a time, at a lower CPU priority; its progress comes back over a queue as the
Reporter's calls. The server's job thread only waits on that queue. A child that dies fails its
job and is replaced on the next one.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
from dataclasses import dataclass
from multiprocessing.context import SpawnProcess
from typing import Any

from storyline.errors import StorylineError
from storyline.models import Rejection

POLL_SECONDS = 1.0
NICENESS = 19  # the lowest: reading stays fast, adding uses the CPU readers leave


@dataclass(frozen=True)
class IngestSummary:
    """What a job keeps of an ``IngestResult`` (small, and picklable across the process boundary)."""

    article_ids: tuple[str, ...]
    new_ids: tuple[str, ...]
    rejections: tuple[Rejection, ...]
    story_ids: tuple[str, ...]

    @staticmethod
    def of(result: Any) -> IngestSummary:
        return IngestSummary(
            tuple(result.article_ids),
            tuple(result.new_ids),
            tuple(result.rejections),
            tuple(s.story_id for s in result.stories),
        )


class IngestFailed(StorylineError):
    """The child reported an error, or died."""


class _QueueReporter:
    def __init__(self, events: Any) -> None:
        self._events = events

    def stage(self, name: str, total: int) -> Any:
        self._events.put(("stage", name, total))
        return lambda n: self._events.put(("advance", n))


def _next_request(requests: Any) -> Any:
    """The next job, or None to stop: when told to, or when the server is gone (no orphan left)."""
    while True:
        try:
            return requests.get(timeout=POLL_SECONDS)
        except queue.Empty:
            parent = multiprocessing.parent_process()
            if parent is not None and not parent.is_alive():
                return None


def _serve_jobs(requests: Any, events: Any) -> None:  # runs in the child
    from storyline import api

    while (request := _next_request(requests)) is not None:
        inputs, db = request
        try:
            result = api.ingest(inputs, db=db, reporter=_QueueReporter(events), on_error="collect")
            events.put(("done", IngestSummary.of(result)))
        except StorylineError as exc:
            events.put(("error", str(exc)))
        except Exception as exc:  # reported to the job, the child lives on
            events.put(("error", f"internal error: {type(exc).__name__}: {exc}"))


class ProcessIngest:
    """Callable as ``ingest(inputs, db, reporter) -> IngestSummary``, run in the child."""

    def __init__(self) -> None:
        self._context = multiprocessing.get_context("spawn")
        self._child: SpawnProcess | None = None
        self._requests: Any = None
        self._events: Any = None

    def start(self) -> None:
        """Start the child now (the server does at startup), not on the first job."""
        if self._child is not None and self._child.is_alive():
            return
        self._requests, self._events = self._context.Queue(), self._context.Queue()
        self._child = self._context.Process(
            target=_serve_jobs, args=(self._requests, self._events), name="storyline-ingest", daemon=True
        )
        self._child.start()
        if hasattr(os, "setpriority") and self._child.pid is not None:
            # at once, from here: the child's own imports (spaCy, ...) are CPU-heavy too
            os.setpriority(os.PRIO_PROCESS, self._child.pid, NICENESS)

    def __call__(self, inputs: list[str], db: str, reporter: Any) -> IngestSummary:
        self.start()
        self._requests.put((inputs, db))
        advance: Any = lambda n: None  # noqa: E731
        while True:
            event = self._next_event()
            if event[0] == "stage":
                advance = reporter.stage(event[1], event[2])
            elif event[0] == "advance":
                advance(event[1])
            elif event[0] == "done":
                summary: IngestSummary = event[1]
                return summary
            else:
                raise IngestFailed(event[1])

    def _next_event(self) -> tuple[Any, ...]:
        while True:
            try:
                event: tuple[Any, ...] = self._events.get(timeout=POLL_SECONDS)
                return event
            except queue.Empty:
                if self._child is None or not self._child.is_alive():
                    raise IngestFailed("the ingest process died; see the server's log") from None

    def close(self, timeout: float = 10.0) -> None:
        if self._child is not None and self._child.is_alive():
            self._requests.put(None)
            self._child.join(timeout)
            if self._child.is_alive():
                self._child.terminate()
        self._child = None
