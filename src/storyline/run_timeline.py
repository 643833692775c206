"""An opt-in timeline of a run across its processes: what each one did, from when to when.

With ``STORYLINE_TIMELINE`` set to a folder, every process of the run (the main one and each worker)
appends one JSON line per span to ``timeline-PID.jsonl`` there: ``{"pid", "what", "start", "end", ...}``
with wall-clock seconds since the epoch, so the spans of different processes line up
(``benchmarks/speed.py --timeline`` draws them: busy, waiting, idle). Unset, :func:`span` costs one dictionary
look-up and writes nothing.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

TIMELINE = "STORYLINE_TIMELINE"


@contextmanager
def span(what: str, **info: Any) -> Iterator[None]:
    """Log the time spent in the ``with`` block as ``what`` (with ``info``) when the timeline is on."""
    folder = os.environ.get(TIMELINE)
    if not folder:
        yield
        return
    start = time.time()
    try:
        yield
    finally:
        mark(what, start, time.time(), **info)


def mark(what: str, start: float, end: float, **info: Any) -> None:
    """Log one span that has already happened (e.g. a process's start, read from its own clock)."""
    folder = os.environ.get(TIMELINE)
    if not folder:
        return
    line = json.dumps({"pid": os.getpid(), "what": what, "start": start, "end": end, **info})
    with (Path(folder) / f"timeline-{os.getpid()}.jsonl").open("a", encoding="utf-8") as out:
        out.write(line + "\n")


__all__ = ["TIMELINE", "mark", "span"]
