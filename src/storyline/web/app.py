"""The app factory: ``create_app(db)`` → the ASGI app that ``storyline serve`` runs.

A thin shell over the store and ``storyline.api``: pages read the store through :class:`Reader`,
the "add articles" form hands files and URLs to a :class:`JobRunner` that calls ``api.ingest``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any

import jinja2
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

import storyline.web.errors as errors
from storyline.api import Library
from storyline.languages import language_label, language_name, not_read_note
from storyline.render.quotes import counted, said_line, speaker_label
from storyline.web.adding import router as adding_router
from storyline.web.fetchguard import FetchGuard
from storyline.web.jobs import JobRunner
from storyline.web.reader import Reader, file_fingerprint
from storyline.web.reading import router as reading_router
from storyline.web.security import LOCAL_HOSTS, Csrf, Guard

MAX_UPLOAD_BYTES = 20_000_000
FORM_OVERHEAD = 64_000  # multipart headers and the form's small fields


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("storyline.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # who-said-what is worded in one place for every output (render/quotes.py)
    env.globals.update(said_line=said_line, speaker_label=speaker_label)
    # each source's language is worded in one place for every output (extract/language.py)
    env.globals.update(
        language_label=language_label, language_name=language_name, not_read_note=not_read_note
    )
    env.filters["counted"] = counted
    return Jinja2Templates(env=env)


def _lifespan(db: str, reader: Reader, runner: JobRunner) -> Callable[[FastAPI], Any]:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if reader.closed:  # started again after a shutdown (test clients do this)
            reader.reopen(Library(db))
        if db != ":memory:":
            runner.warm()
        yield
        runner.close()
        reader.close()

    return lifespan


def create_app(
    db: str,
    *,
    allow_private: bool = False,
    allowed_hosts: Iterable[str] = LOCAL_HOSTS,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    fetch_timeout: float = 20.0,
    fetch_max_bytes: int = 10_000_000,
    cache_ttl: float = 1.0,
    guard: FetchGuard | None = None,
    runner_options: dict[str, Any] | None = None,
) -> Any:
    """The web app over the store at ``db`` (a SQLite path; created when missing).

    ``allow_private`` lets the form fetch URLs on loopback and private networks. ``guard`` and
    ``runner_options`` (keyword arguments of :class:`JobRunner`) are seams for tests.
    """
    store = Library(db)
    on_file = db != ":memory:" and "://" not in db
    # Without a file to stat, the cache is refreshed on a timer: a slower one, each refresh re-renders.
    reader = Reader(
        store,
        ttl=cache_ttl if on_file else max(cache_ttl, 5.0),
        fingerprint=file_fingerprint(db) if on_file else None,
    )
    guard = guard or FetchGuard(allow_private=allow_private, max_bytes=fetch_max_bytes, timeout=fetch_timeout)
    runner = JobRunner(db, guard, on_finished=reader.refresh, **(runner_options or {}))
    reader.quiet = lambda: runner.busy

    app = FastAPI(
        title="storyline",
        version="0.1.0",
        summary="Read news stories with their evidence; every page has a JSON twin.",
        docs_url=None,  # the interactive docs load scripts from a CDN: no external requests from any page
        redoc_url=None,
        lifespan=_lifespan(db, reader, runner),
        responses=errors.OPENAPI_RESPONSES,
    )
    app.state.reader, app.state.runner, app.state.csrf = reader, runner, Csrf()
    app.state.templates = _templates()
    app.state.max_upload_bytes = max_upload_bytes
    errors.install(app)
    app.include_router(reading_router)
    app.include_router(adding_router)
    app.mount("/static", StaticFiles(packages=[("storyline.web", "static")]), name="static")
    app.add_middleware(
        Guard,
        allowed_hosts=allowed_hosts,
        max_body=max_upload_bytes + FORM_OVERHEAD,
        crash=errors.crash_answer,
    )
    return app
