"""``api.ingest`` in a child process, so the NLP work of a job never holds the server's GIL.

One long-lived child (``python -m storyline.web.ingest_child``, started with the server) loads the pipeline
once and runs one job at a time, at a lower CPU priority and on one core. Jobs go to it as JSON lines on its
standard input; its progress (the Reporter's calls) and results come back as JSON lines on a pipe of
their own, so nothing a library prints can be mistaken for them. A plain subprocess, not
``multiprocessing``: it never re-imports the script that started the server. The child stops when its
standard input closes, so it cannot outlive the server; a child that dies fails its job and is
replaced on the next one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from storyline.errors import StorylineError
from storyline.models import Rejection
from storyline.serialize import from_jsonable

NICENESS = 10  # below the server: reading stays fast while a job runs, and the job still moves on
# One thread for the numeric libraries under spaCy: a job takes one core, the server keeps the other.
ONE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}


@dataclass(frozen=True)
class IngestSummary:
    """What a job keeps of an ``IngestResult``: small, and sent across the process boundary as JSON."""

    article_ids: tuple[str, ...]
    new_ids: tuple[str, ...]
    rejections: tuple[Rejection, ...]
    story_ids: tuple[str, ...]  # the stories the job's articles are in (never the whole store's)
    story_headlines: tuple[str, ...] = ()  # their headlines, in the same order

    @staticmethod
    def of(result: Any) -> IngestSummary:
        mine = set(result.article_ids)
        joined = [s for s in result.stories if mine & {src.article_id for src in s.sources}]
        return IngestSummary(
            tuple(result.article_ids),
            tuple(result.new_ids),
            tuple(result.rejections),
            tuple(s.story_id for s in joined),
            tuple(s.headline for s in joined),
        )


class IngestFailed(StorylineError):
    """The child reported an error, or died."""


class ProcessIngest:
    """Callable as ``ingest(inputs, db, reporter) -> IngestSummary``, run in the child."""

    def __init__(self) -> None:
        self._child: subprocess.Popen[bytes] | None = None
        self._events: IO[str] | None = None

    def start(self) -> None:
        """Start the child now (the server does at startup), not on the first job."""
        if self._child is not None and self._child.poll() is None:
            return
        read_end, write_end = os.pipe()
        command = [sys.executable, "-m", "storyline.web.ingest_child", str(write_end)]
        environment = {**ONE_THREAD, **os.environ}  # the user's own settings win
        self._child = subprocess.Popen(command, stdin=subprocess.PIPE, pass_fds=(write_end,), env=environment)
        os.close(write_end)
        self._events = os.fdopen(read_end, "r", encoding="utf-8")
        if hasattr(os, "setpriority"):
            # at once, from here: the child's own imports (spaCy, ...) are CPU-heavy too
            os.setpriority(os.PRIO_PROCESS, self._child.pid, NICENESS)

    def __call__(self, inputs: list[str], db: str, reporter: Any) -> IngestSummary:
        self.start()
        assert self._child is not None and self._child.stdin is not None and self._events is not None
        try:
            self._child.stdin.write(json.dumps({"inputs": inputs, "db": db}).encode() + b"\n")
            self._child.stdin.flush()
        except OSError as exc:
            raise IngestFailed(f"the ingest process is gone: {exc}") from exc
        advance: Callable[[int], None] = lambda n: None  # noqa: E731
        for line in self._events:
            event = json.loads(line)
            if "stage" in event:
                advance = reporter.stage(event["stage"], event["total"])
            elif "advance" in event:
                advance(event["advance"])
            elif "done" in event:
                return from_jsonable(IngestSummary, event["done"])
            else:
                raise IngestFailed(event["error"])
        self.close()
        raise IngestFailed("the ingest process died; see the server's log")

    def close(self, timeout: float = 10.0) -> None:
        if self._child is not None:
            if self._child.stdin is not None:
                self._child.stdin.close()
            try:
                self._child.wait(timeout)
            except subprocess.TimeoutExpired:
                self._child.kill()
                self._child.wait()
        if self._events is not None:
            self._events.close()
        self._child, self._events = None, None
