"""Adding articles: the form (files, pasted text, a URL, a feed URL), its jobs and their progress."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from storyline.web.errors import AppError, wants_json
from storyline.web.jobs import Fetch, JobRunner, QueueFull, Upload
from storyline.web.security import CSRF_COOKIE, CSRF_FIELD, Csrf

router = APIRouter()

MAX_FILES = 20
MAX_TEXT = 1_000_000
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

FORM_SCHEMA: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": [CSRF_FIELD],
                    "properties": {
                        CSRF_FIELD: {"type": "string", "description": "the token from the /add page"},
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        "text": {"type": "string", "description": "pasted article text"},
                        "title": {"type": "string"},
                        "url": {"type": "string", "description": "an http(s) article URL"},
                        "feed_url": {"type": "string", "description": "an http(s) RSS/Atom feed URL"},
                    },
                }
            }
        },
    }
}


def safe_name(name: str, default: str = "upload.txt") -> str:
    """A file name that stays inside the job's folder and keeps its suffix for the reader."""
    base = _UNSAFE.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip("._")
    return base[-100:] or default


def _runner(request: Request) -> JobRunner:
    runner: JobRunner = request.app.state.runner
    return runner


def _csrf(request: Request) -> Csrf:
    csrf: Csrf = request.app.state.csrf
    return csrf


def _with_token(request: Request, answer: Callable[[str], Response]) -> Response:
    """``answer(token)``, with the cookie the token is checked against (kept when already set)."""
    nonce = request.cookies.get(CSRF_COOKIE) or Csrf.new_nonce()
    response = answer(_csrf(request).token_for(nonce))
    response.set_cookie(CSRF_COOKIE, nonce, httponly=True, samesite="strict", path="/")
    return response


@router.get("/add.json", tags=["jobs"], summary="What the add form takes, and a token to send it with")
async def add_json(request: Request) -> Response:
    fields = sorted(FORM_SCHEMA["requestBody"]["content"]["multipart/form-data"]["schema"]["properties"])
    limits = {"max_upload_bytes": request.app.state.max_upload_bytes, "max_files": MAX_FILES}
    return _with_token(request, lambda token: JSONResponse({CSRF_FIELD: token, "fields": fields, **limits}))


@router.get("/add", response_class=HTMLResponse, tags=["pages"], summary="Add articles page")
async def add_page(request: Request) -> Response:
    template = request.app.state.templates.get_template("add.html")
    max_bytes = request.app.state.max_upload_bytes
    return _with_token(
        request,
        lambda token: HTMLResponse(template.render(request=request, token=token, max_bytes=max_bytes)),
    )


@router.post(
    "/add",
    tags=["jobs"],
    summary="Add articles (multipart form); answers with the job",
    openapi_extra=FORM_SCHEMA,
    status_code=303,
    responses={202: {"description": "the job, when JSON is asked for"}},
)
async def add_articles(request: Request) -> Response:
    why = _csrf(request).cross_site(request)
    if why:
        raise AppError(403, "cross-site", f"refused: {why}")
    form = await _read_form(request)
    token = form.get(CSRF_FIELD)
    if not isinstance(token, str) or not _csrf(request).valid(request, token):
        raise AppError(403, "csrf", "refused: the form token is missing or stale; reload the /add page")
    if _runner(request).db == ":memory:":
        raise AppError(
            409, "in-memory-store", "the server runs on an in-memory store; start it with --db PATH"
        )
    uploads, fetches = await _inputs(form)
    cap = request.app.state.max_upload_bytes
    if sum(len(u.data) for u in uploads) > cap:
        raise AppError(413, "too-large", f"the files and text sent are over {cap} bytes")
    if not uploads and not fetches:
        raise AppError(422, "nothing-to-add", "choose files, paste text, or give a URL or a feed URL")
    try:
        job = _runner(request).submit(uploads, fetches)
    except QueueFull as exc:
        raise AppError(429, "busy", f"{exc}; send the form again in a minute") from exc
    if wants_json(request):
        return JSONResponse(job.snapshot(), status_code=202, headers={"Location": f"/jobs/{job.id}.json"})
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


async def _read_form(request: Request) -> FormData:
    kind = request.headers.get("content-type", "")
    if not kind.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        raise AppError(415, "unsupported-media-type", "send the form as multipart/form-data")
    try:
        return await request.form(max_files=MAX_FILES, max_fields=20, max_part_size=MAX_TEXT)
    except AppError:
        raise
    except Exception as exc:  # the multipart parser's errors carry no common base class
        raise AppError(400, "bad-form", f"the form cannot be read: {exc}") from exc


async def _inputs(form: FormData) -> tuple[list[Upload], list[Fetch]]:
    uploads = []
    for item in form.getlist("files"):
        if isinstance(item, UploadFile) and item.filename:
            uploads.append(Upload(safe_name(item.filename), await item.read()))
    text = form.get("text")
    if isinstance(text, str) and text.strip():
        title = form.get("title")
        heading = f"{title.strip()}\n\n" if isinstance(title, str) and title.strip() else ""
        uploads.append(Upload("pasted.txt", (heading + text).encode("utf-8")))
    fetches = []
    for field, feed in (("url", False), ("feed_url", True)):
        value = form.get(field)
        if isinstance(value, str) and value.strip():
            fetches.append(Fetch(value.strip(), feed))
    return uploads, fetches


def _job(request: Request, job_id: str) -> dict[str, Any]:
    job = _runner(request).get(job_id)
    if job is None:
        raise AppError(404, "not-found", f"no job {job_id!r} (jobs are kept while the server runs)")
    return job


@router.get("/jobs/{job_id}.json", tags=["jobs"], summary="A job's progress and result")
async def job_json(request: Request, job_id: str) -> dict[str, Any]:
    return _job(request, job_id)


@router.get("/jobs/{job_id}", response_class=HTMLResponse, tags=["pages"], summary="Job progress page")
async def job_page(request: Request, job_id: str) -> HTMLResponse:
    job = _job(request, job_id)
    return HTMLResponse(request.app.state.templates.get_template("job.html").render(request=request, job=job))
