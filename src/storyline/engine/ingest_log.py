"""The ingest log: every input a run read (origin + content hash) and how far it got.

    extracted → the clean Article (or the Rejection) is logged; the article waits for annotation
    rejected  → extraction dropped it; the Rejection is logged and returned again on a re-run
    done      → the article and its annotations are stored

A run that is killed at any moment loses nothing and duplicates nothing: every write is one
transaction; article ids are content hashes; a re-run extracts only inputs the log has never seen,
takes logged articles from the log exactly as the killed run extracted them, and annotates only
those the store does not hold yet (see ``storyline.pipeline.ingest``).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence

from storyline.config import Settings
from storyline.engine import Engine, LocalEngine
from storyline.engine.stages import extract_on
from storyline.errors import ExtractionError
from storyline.models import Article, RawDocument, Rejection
from storyline.store import LogEntry, Store

Result = Article | Rejection


def content_hash(doc: RawDocument) -> str:
    """SHA-256 over everything a source said about the document, origin aside."""
    digest = hashlib.sha256()
    for part in (doc.kind, doc.url, doc.title, doc.outlet, doc.published, doc.body):
        digest.update((part or "").encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


def input_key(doc: RawDocument) -> tuple[str, str]:
    """(log key, content hash): one key per origin and content, so a changed page is a new input."""
    hashed = content_hash(doc)
    key = hashlib.sha256(f"{doc.origin}\x00{hashed}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return key, hashed


class IngestLog:
    """Extraction through the log of ``store``; remembers which inputs wait for annotation."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.pending: list[str] = []  # keys whose articles are extracted but maybe not yet stored

    def extract(
        self, docs: Sequence[RawDocument], settings: Settings, engine: Engine | None = None
    ) -> tuple[list[Article], list[Rejection]]:
        """Articles and rejections for ``docs`` in input order, extracting only unlogged inputs."""
        keyed = [(doc, *input_key(doc)) for doc in docs]
        logged = self.store.log_entries(key for _, key, _ in keyed)
        fresh = {key: (doc, hashed) for doc, key, hashed in keyed if key not in logged}
        results = self._extract_fresh(list(fresh.items()), settings, engine or LocalEngine())
        results.update(self._from_log(logged))
        ordered = [results[key] for key in dict.fromkeys(key for _, key, _ in keyed) if key in results]
        self.pending = [key for key in dict.fromkeys(k for _, k, _ in keyed) if _waiting(key, logged, fresh)]
        return _apply_policy(ordered, settings)

    def _extract_fresh(
        self, fresh: list[tuple[str, tuple[RawDocument, str]]], settings: Settings, engine: Engine
    ) -> dict[str, Result]:
        if not fresh:
            return {}
        collecting = dataclasses.replace(settings, on_error="collect")
        articles, rejections = extract_on(engine, [doc for _, (doc, _) in fresh], collecting)
        results: list[Result] = [*rejections, *articles]
        by_origin = {r.origin: r for r in results}
        entries = [
            (key, doc.origin, hashed, by_origin[doc.origin])
            for key, (doc, hashed) in fresh
            if doc.origin in by_origin
        ]
        self.store.log_extracted(entries)
        return {key: result for key, _, _, result in entries}

    def _from_log(self, logged: dict[str, LogEntry]) -> dict[str, Result]:
        out: dict[str, Result] = {k: e.record for k, e in logged.items() if e.record is not None}
        done = {k: e.article_id for k, e in logged.items() if e.state == "done" and e.article_id}
        stored = {a.id: a for a in self.store.articles(set(done.values()))}
        out.update({k: stored[i] for k, i in done.items() if i in stored})
        return out

    def finish(self) -> None:
        """Every pending input's article is now stored with its annotations."""
        self.store.log_done(self.pending)
        self.pending = []


def _waiting(key: str, logged: dict[str, LogEntry], fresh: dict[str, tuple[RawDocument, str]]) -> bool:
    return key in fresh or logged[key].state == "extracted"


def _apply_policy(results: list[Result], settings: Settings) -> tuple[list[Article], list[Rejection]]:
    articles = [r for r in results if isinstance(r, Article)]
    rejections = [r for r in results if isinstance(r, Rejection)]
    if rejections and settings.on_error == "raise":
        first = rejections[0]
        raise ExtractionError(f"{first.origin}: {first.reason} ({first.detail})")
    return articles, [] if settings.on_error == "skip" else rejections
