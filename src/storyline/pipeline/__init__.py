"""The run: sources → extract → annotate → dedupe → cluster → dating across stories → actors → compose
→ store. It owns the order of the stages, the windows an ingest reads its inputs in
(:mod:`~storyline.pipeline.windows`) and the log that makes an ingest resumable
(:mod:`~storyline.pipeline.ingest_log`), and the feed watcher that ingests what feeds publish
(:mod:`~storyline.pipeline.watch`); stage logic lives in the stages, and engines
(:mod:`storyline.engine`) only map per-article stages over chunks."""

from storyline.annotate.story_dating import days_worth_trusting as _days_worth_trusting  # benchmarks
from storyline.pipeline.run import (
    IngestResult,
    brief_from_store,
    compose_settings,
    current_stories,
    ingest,
    read_and_extract,
    update_stories,
)

__all__ = [
    "IngestResult",
    "_days_worth_trusting",
    "brief_from_store",
    "compose_settings",
    "current_stories",
    "ingest",
    "read_and_extract",
    "update_stories",
]
