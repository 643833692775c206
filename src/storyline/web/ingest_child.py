"""The child process of :class:`storyline.web.worker.ProcessIngest`: runs ``api.ingest`` job by job.

    python -m storyline.web.ingest_child EVENTS_FD

Jobs arrive as JSON lines on standard input; stage, progress, result or error go back as JSON lines
on the file descriptor it was given. It stops when standard input closes (the server stopped or died).
A module of its own, imported by nobody, so ``-m`` runs it once.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import IO, Any

from storyline.errors import StorylineError
from storyline.serialize import to_jsonable
from storyline.web.worker import IngestSummary


class _LineReporter:
    def __init__(self, events: IO[str]) -> None:
        self._events = events

    def stage(self, name: str, total: int) -> Callable[[int], None]:
        _emit(self._events, {"stage": name, "total": total})
        return lambda n: _emit(self._events, {"advance": n})


def _emit(events: IO[str], event: dict[str, Any]) -> None:
    events.write(json.dumps(event) + "\n")
    events.flush()


def _run_job(events: IO[str], request: dict[str, Any]) -> None:
    from storyline import api

    try:
        result = api.ingest(
            request["inputs"], db=request["db"], reporter=_LineReporter(events), on_error="collect"
        )
        _emit(events, {"done": to_jsonable(IngestSummary.of(result))})
    except StorylineError as exc:
        _emit(events, {"error": str(exc)})
    except Exception as exc:  # reported to the job; the child lives on for the next one
        _emit(events, {"error": f"internal error: {type(exc).__name__}: {exc}"})


def main(argv: list[str] | None = None) -> int:
    """Jobs from standard input until it closes."""
    args = sys.argv[1:] if argv is None else argv
    with os.fdopen(int(args[0]), "w", encoding="utf-8") as events:
        for line in sys.stdin:
            if line.strip():
                _run_job(events, json.loads(line))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
