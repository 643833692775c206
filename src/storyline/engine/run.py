"""``storyline ingest --engine NAME --workers N``: an ingest whose per-article stages run on an engine."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline.config import load_settings
from storyline.engine import open_engine
from storyline.progress import Reporter
from storyline.store import open_store

if TYPE_CHECKING:
    from storyline.pipeline import IngestResult


def ingest_on(
    inputs: Sequence[str | Path],
    *,
    engine: str | None = None,
    workers: int | None = None,
    reporter: Reporter | None = None,
    **overrides: Any,
) -> IngestResult:
    """Like :func:`storyline.api.ingest`, on the engine ``engine`` ("local", "dask", or tcp://HOST:PORT)."""
    from storyline.pipeline import ingest

    settings = load_settings(**overrides)
    running = open_engine(engine, workers)
    try:
        store = open_store(settings.db)
        try:
            return ingest([str(i) for i in inputs], settings, store, reporter, engine=running)
        finally:
            store.close()
    finally:
        running.close()
