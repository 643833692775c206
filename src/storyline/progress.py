"""Progress reporting: the pipeline asks a Reporter for a counter per stage; the CLI shows Rich bars."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol

from storyline.run_timeline import span

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

Advance = Callable[[int], None]

SHOW_FROM = 6  # runs over fewer articles than this finish before a bar would be worth reading


class Reporter(Protocol):
    def stage(self, name: str, total: int) -> Advance: ...


class Silent:
    """Reports nothing: the default for the Python API and for ``--quiet``."""

    def stage(self, name: str, total: int) -> Advance:
        return lambda n: None


class RichReporter:
    """A bar per stage on stderr, for runs over more than a handful of articles. Rich's display (and the
    thread that redraws it ten times a second) starts with the first bar: a run too small for any bar
    never imports Rich (about 0.1 s of CPU on a loaded machine)."""

    def __init__(self, console: Console | None = None) -> None:
        self._console = console
        self._progress: Progress | None = None

    def stage(self, name: str, total: int) -> Advance:
        if total < SHOW_FROM:
            return lambda n: None
        progress = self._shown()
        task = progress.add_task(name, total=total)
        return lambda n: progress.advance(task, n)

    def _shown(self) -> Progress:
        if self._progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            columns = (
                TextColumn("{task.description:<10}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
            )
            console = self._console or Console(stderr=True)
            self._progress = Progress(*columns, console=console, transient=False)
            self._progress.start()
        return self._progress

    def close(self) -> None:
        """Stop the display, if a bar started it."""
        if self._progress is not None:
            self._progress.stop()


@contextmanager
def rich_reporter(console: Console | None = None) -> Iterator[RichReporter]:
    reporter = RichReporter(console)
    try:
        yield reporter
    finally:
        reporter.close()


class StageClock:
    """Wall time spent in each stage of a run, for benchmarks and ``--verbose`` reports (or the time
    another ``clock`` reads: ``time.process_time`` gives the CPU seconds of each stage)."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self.seconds: dict[str, float] = {}
        self._clock = clock

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = self._clock()
        try:
            with span(stage):
                yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + self._clock() - start
