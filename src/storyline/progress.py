"""Progress reporting: the pipeline asks a Reporter for a counter per stage; the CLI shows Rich bars."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storyline.run_timeline import span

Advance = Callable[[int], None]

SHOW_FROM = 6  # runs over fewer articles than this finish before a bar would be worth reading


class Reporter(Protocol):
    def stage(self, name: str, total: int) -> Advance: ...


class Silent:
    """Reports nothing: the default for the Python API and for ``--quiet``."""

    def stage(self, name: str, total: int) -> Advance:
        return lambda n: None


class RichReporter:
    """A bar per stage on stderr, for runs over more than a handful of articles."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress

    def stage(self, name: str, total: int) -> Advance:
        if total < SHOW_FROM:
            return lambda n: None
        task = self._progress.add_task(name, total=total)
        return lambda n: self._progress.advance(task, n)


@contextmanager
def rich_reporter(console: Console | None = None) -> Iterator[RichReporter]:
    columns = (TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console or Console(stderr=True), transient=False) as progress:
        yield RichReporter(progress)


class StageClock:
    """Wall time spent in each stage of a run, for benchmarks and ``--verbose`` reports."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            with span(stage):
                yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start
