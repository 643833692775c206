"""Adding articles from the web form: one worker thread runs ``storyline.api.ingest`` job by job.

A job holds the files the form sent (written to its own temporary folder) and the URLs it named; the
job thread fetches the URLs through the one guarded fetcher of ``sources`` (each URL fails alone:
a refused, malformed or failing URL is that URL's rejection), has the folder ingested into the store
(in a child process by default, see ``worker.py``), and records the progress the pipeline reports,
so a page can poll ``/jobs/{id}.json``.
"""

from __future__ import annotations

import json
import logging
import queue
import shutil
import tempfile
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from storyline.errors import StorylineError
from storyline.sources.decode import DecodeError, decode_text
from storyline.sources.web import Fetcher, FetchRefused, content_charset, kind_from_content_type
from storyline.web.worker import IngestSummary, ProcessIngest

log = logging.getLogger(__name__)

JobState = Literal["queued", "fetching", "running", "done", "failed"]
KEEP_JOBS = 200
_SUFFIX = {"feed": ".rss", "html": ".html", "text": ".txt", "json": ".json", "warc": ".warc"}


class QueueFull(Exception):
    """Too many jobs are waiting; the form should be sent again later."""


@dataclass(frozen=True)
class Upload:
    name: str  # a safe file name, suffix kept so the reader knows the kind
    data: bytes


@dataclass(frozen=True)
class Fetch:
    url: str
    feed: bool  # read as an RSS/Atom feed whatever the server says


@dataclass
class Job:
    id: str
    inputs: list[str]  # what the user sent, for display
    state: JobState = "queued"
    stage: str = ""
    done: int = 0
    total: int = 0
    message: str = ""
    created: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    article_ids: list[str] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    story_ids: list[str] = field(default_factory=list)
    story_headlines: list[str] = field(default_factory=list)
    rejections: list[dict[str, str]] = field(default_factory=list)

    def snapshot(self) -> dict[str, Any]:
        return {k: (list(v) if isinstance(v, list) else v) for k, v in vars(self).items()}

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")


class JobReporter:
    """The pipeline's Reporter, writing the current stage and count into a job."""

    def __init__(self, job: Job, lock: threading.Lock) -> None:
        self._job, self._lock = job, lock

    def stage(self, name: str, total: int) -> Callable[[int], None]:
        with self._lock:
            self._job.stage, self._job.done, self._job.total = name, 0, total

        def advance(n: int) -> None:
            with self._lock:
                self._job.done += n

        return advance


Ingest = Callable[[list[str], str, JobReporter], IngestSummary]


def thread_ingest(inputs: list[str], db: str, reporter: JobReporter) -> IngestSummary:
    """``api.ingest`` in the job thread itself (the default runs it in a child process instead)."""
    from storyline import api  # imported at use: the web app opens and reads a store without the NLP stack

    return IngestSummary.of(api.ingest(inputs, db=db, reporter=reporter, on_error="collect"))


class JobRunner:
    """A bounded queue of jobs and the one thread that works through it (SQLite takes one writer)."""

    def __init__(
        self,
        db: str,
        guard: Fetcher,
        *,
        ingest: Ingest | None = None,
        max_queued: int = 16,
        on_finished: Callable[[], None] = lambda: None,
    ) -> None:
        self.db, self.guard, self._on_finished = db, guard, on_finished
        self._ingest: Ingest = ingest or ProcessIngest()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._queue: queue.Queue[tuple[Job, list[Upload], list[Fetch]] | None] = queue.Queue(max_queued)
        self._thread: threading.Thread | None = None
        self._busy = False

    def submit(self, uploads: list[Upload], fetches: list[Fetch]) -> Job:
        names = [u.name for u in uploads] + [f.url for f in fetches]
        job = Job(uuid.uuid4().hex, names)
        try:
            self._queue.put_nowait((job, uploads, fetches))
        except queue.Full as exc:
            raise QueueFull(f"{self._queue.maxsize} jobs are already waiting") from exc
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                self._jobs.popitem(last=False)
        self._start()
        return job

    def get(self, job_id: str) -> dict[str, Any] | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return job.snapshot() if job else None

    def _start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="storyline-ingest", daemon=True)
                self._thread.start()

    def warm(self) -> None:
        """Start the ingest process ahead of the first job."""
        if isinstance(self._ingest, ProcessIngest):
            self._ingest.start()

    def close(self, timeout: float = 30.0) -> None:
        """Finish the jobs already queued, then stop the worker."""
        if self._thread is not None and self._thread.is_alive():
            try:
                self._queue.put(None, timeout=timeout)
            except queue.Full:
                log.warning("ingest jobs still queued at shutdown are dropped")
            self._thread.join(timeout)
        if isinstance(self._ingest, ProcessIngest):
            self._ingest.close()

    def _work(self) -> None:
        while (item := self._queue.get()) is not None:
            job, uploads, fetches = item
            self._run(job, uploads, fetches)

    def _run(self, job: Job, uploads: list[Upload], fetches: list[Fetch]) -> None:
        folder = Path(tempfile.mkdtemp(prefix="storyline-job-"))
        self._busy = True
        try:
            state, message = self._ingest_folder(job, folder, uploads, fetches)
            if state == "done":
                self._refresh_pages()
            self._finish(job, state, message)
        finally:
            self._busy = False
            shutil.rmtree(folder, ignore_errors=True)

    def _ingest_folder(
        self, job: Job, folder: Path, uploads: list[Upload], fetches: list[Fetch]
    ) -> tuple[JobState, str]:
        try:
            written = self._write(folder, uploads) + self._fetch_all(job, folder, fetches)
            if not written:
                return "failed", "nothing to add: every input was refused"
            self._set(job, state="running", stage="reading")
            result = self._ingest([str(folder)], self.db, JobReporter(job, self._lock))
            return "done", self._record(job, result, {str(path): name for path, name in written})
        except (StorylineError, ImportError) as exc:
            return "failed", str(exc)
        except Exception as exc:  # a bug must fail the job, not kill the worker
            log.exception("ingest job %s failed", job.id)
            return "failed", f"internal error: {type(exc).__name__}"

    def _refresh_pages(self) -> None:
        """Pages show the new articles before the job says "done"; a failed refresh fails nothing."""
        try:
            self._on_finished()
        except Exception:
            log.exception("refreshing the pages after a job failed")

    @property
    def busy(self) -> bool:
        return self._busy

    def _write(self, folder: Path, uploads: list[Upload]) -> list[tuple[Path, str]]:
        paths = []
        for n, upload in enumerate(uploads):
            path = folder / f"{n:03d}-{upload.name}"
            path.write_bytes(upload.data)
            paths.append((path, upload.name))
        return paths

    def _fetch_all(self, job: Job, folder: Path, fetches: list[Fetch]) -> list[tuple[Path, str]]:
        paths = []
        for n, item in enumerate(fetches):
            self._set(job, state="fetching", stage=f"fetching {item.url}")
            try:
                path = self._fetch_one(folder, n, item)
            except FetchRefused as exc:
                self._reject(job, item.url, exc.reason, str(exc))
                continue
            except Exception as exc:  # one URL fails alone: the job goes on with the others
                log.exception("fetching %s failed", item.url)
                self._reject(job, item.url, "fetch-failed", f"{type(exc).__name__}: {exc}")
                continue
            paths.append((path, item.url))
        return paths

    def _fetch_one(self, folder: Path, n: int, item: Fetch) -> Path:
        """Fetch through the guarded fetcher into the job's folder, as the reader will take it."""
        got = self.guard.fetch(item.url)
        kind = "feed" if item.feed else kind_from_content_type(got.content_type, got.body)
        if kind not in ("html", "text"):
            path = folder / f"url{n:03d}{_SUFFIX.get(kind, '.bin')}"
            path.write_bytes(got.body)
            return path
        # A page goes in as a JSON record so that the article keeps the URL it came from.
        try:
            body = decode_text(got.body, content_charset(got.content_type))
        except DecodeError as exc:
            raise FetchRefused(exc.reason, exc.detail) from exc
        path = folder / f"url{n:03d}.json"
        path.write_text(json.dumps({kind: body, "url": got.url}, ensure_ascii=False), encoding="utf-8")
        return path

    def _record(self, job: Job, result: IngestSummary, shown: dict[str, str]) -> str:
        """Keep what the ingest found; origins name what the user sent, not the temporary files."""
        with self._lock:
            job.article_ids = list(result.article_ids)
            job.new_ids = list(result.new_ids)
            job.story_ids = list(result.story_ids)
            job.story_headlines = list(result.story_headlines)
            for r in result.rejections:
                path, mark, rest = r.origin.partition("#")
                origin = shown.get(path, Path(path).name) + mark + rest
                job.rejections.append(
                    {"origin": origin, "stage": r.stage, "reason": r.reason, "detail": r.detail}
                )
        return f"{len(result.article_ids)} articles read, {len(result.new_ids)} new"

    def _reject(self, job: Job, origin: str, reason: str, detail: str) -> None:
        with self._lock:
            job.rejections.append({"origin": origin, "stage": "fetch", "reason": reason, "detail": detail})

    def _set(self, job: Job, **values: Any) -> None:
        with self._lock:
            for key, value in values.items():
                setattr(job, key, value)

    def _finish(self, job: Job, state: JobState, message: str) -> None:
        self._set(job, state=state, message=message, stage="")
