"""The ingest log: every input a run read (origin + content hash) and how far it got.

    extracted → the clean Article (or the Rejection) is logged; the article waits for annotation
    rejected  → extraction dropped it, or it is an article another input already gave (the same
                outlet, title and text: reason "duplicate-input"); the Rejection is logged and
                returned again on a re-run
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
from storyline.extract import apply_policy
from storyline.models import Article, RawDocument, Rejection
from storyline.store import LogEntry, Store

Result = Article | Rejection

DUPLICATE = "duplicate-input"


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
        results = self._extract_fresh(list(fresh.items()), logged, settings, engine or LocalEngine())
        results.update(self._from_log(logged))
        ordered = [results[key] for key in dict.fromkeys(key for _, key, _ in keyed) if key in results]
        self.pending = [key for key in dict.fromkeys(k for _, k, _ in keyed) if _waiting(key, logged, fresh)]
        return _apply_policy(ordered, settings)

    def _extract_fresh(
        self,
        fresh: list[tuple[str, tuple[RawDocument, str]]],
        logged: dict[str, LogEntry],
        settings: Settings,
        engine: Engine,
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
        entries = self._reject_duplicates(entries, logged)
        self.store.log_extracted(entries)
        return {key: result for key, _, _, result in entries}

    def _reject_duplicates(
        self, entries: list[tuple[str, str, str, Result]], logged: dict[str, LogEntry]
    ) -> list[tuple[str, str, str, Result]]:
        """A fresh input whose article another input already gave becomes a "duplicate-input" Rejection.

        The article stays with the input that holds it first: one in the store or in the log, else
        the earliest fresh input of the batch. A re-read of the same origin is not a duplicate."""
        holder = {e.article_id: e.origin for e in logged.values() if e.article_id is not None}
        fresh_ids = {r.id for *_, r in entries if isinstance(r, Article) and r.id not in holder}
        known = self.store.known_ids(fresh_ids)
        holder.update((a.id, a.origin) for a in (self.store.articles(known) if known else ()))
        out: list[tuple[str, str, str, Result]] = []
        for key, origin, hashed, result in entries:
            if isinstance(result, Article):
                first = holder.setdefault(result.id, origin)
                if first != origin:
                    detail = f"the same article (outlet, title and text) as {first}"
                    result = Rejection(origin, "extract", DUPLICATE, detail)
            out.append((key, origin, hashed, result))
        return out

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
    """The run's policy, in input order; reading an article twice is no error, so a duplicate input
    never raises (it is collected, or dropped under "skip")."""
    apply_policy([r for r in results if not _duplicate(r)], settings)  # raises under "raise"
    articles = [r for r in results if isinstance(r, Article)]
    rejections = [r for r in results if isinstance(r, Rejection)]
    return articles, [] if settings.on_error == "skip" else rejections


def _duplicate(result: Result) -> bool:
    return isinstance(result, Rejection) and result.reason == DUPLICATE
