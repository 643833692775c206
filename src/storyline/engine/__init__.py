"""Where the per-article stages run: in this process, or on a Dask cluster.

    open_engine()                           → one worker process per core (the default; small batches here)
    open_engine("local")                    → this process only
    open_engine("dask", workers=4)          → a local Dask cluster of 4 single-threaded worker processes
    open_engine("tcp://scheduler:8786")     → the Dask cluster whose scheduler listens there

Only the stages that look at one article at a time leave the process: drafting (HTML through
trafilatura, plain text through our rules) and annotation (spaCy, quotes, time expressions). The
cross-document steps (lines repeated across one outlet's articles, dedupe, clustering, composing) and
every store write stay in the process that runs the ingest, so results are identical to a single
process and the store needs no distributed locking.

Why Dask (and not Ray or Spark): our unit of work is a plain Python function over a list of
dataclasses, and Dask's ``Client.submit`` runs exactly that with pickled arguments and no schema; the
scheduler and workers are ``pip install dask[distributed]`` (pure Python, a few MB) with no JVM
(Spark) and no large native runtime (Ray); the same ``Client`` API talks to an in-process
``LocalCluster`` in tests and to a real cluster (``dask scheduler`` on one machine, ``dask worker
tcp://host:8786`` on each other) in production; and a Dask worker is an ordinary Python process, so
spaCy loads once per worker through ``load_nlp``'s cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

from storyline.errors import InputError

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("processes", "local", "dask")


class Engine(Protocol):
    """Runs a function over chunks of work, handing back each chunk's result in input order."""

    name: str
    workers: int

    def map(self, fn: Callable[[list[T]], list[R]], chunks: Iterable[list[T]]) -> Iterator[list[R]]: ...

    def close(self) -> None: ...


class LocalEngine:
    """Everything in this process: the pass-through engine."""

    name = "local"
    workers = 1

    def map(self, fn: Callable[[list[T]], list[R]], chunks: Iterable[list[T]]) -> Iterator[list[R]]:
        for chunk in chunks:
            yield fn(chunk)

    def close(self) -> None:
        return None


def open_engine(name: str | None = None, workers: int | None = None) -> Engine:
    """The engine ``name``: None (the default: one worker process per core, see
    :mod:`storyline.engine.processes`), "local" (this process only), "processes", "dask", or a Dask
    scheduler's ``tcp://`` address. ``workers`` defaults to the number of cores; 1 means this process."""
    if workers is not None and workers < 1:
        raise InputError(f"--workers must be at least 1, not {workers}")
    if name in (None, "processes"):
        from storyline.engine.processes import ProcessEngine, cores

        count = workers or cores()
        return ProcessEngine(count) if count > 1 else LocalEngine()
    if name == "local":
        return LocalEngine()
    if name == "dask" or name.startswith(("tcp://", "tls://", "dask://")):
        from storyline.engine.dask import DaskEngine

        address = None if name == "dask" else name.replace("dask://", "tcp://", 1)
        return DaskEngine(address=address, workers=workers or 2)
    raise InputError(
        f"unknown engine {name!r}: use processes, local, dask, or a Dask scheduler address tcp://HOST:PORT"
    )


__all__ = ["ENGINES", "Engine", "LocalEngine", "open_engine"]
