"""One error shape for every JSON answer that is an error, and an HTML page for the same errors.

    {"error": {"status": 404, "code": "not-found", "message": "no story 'x' in the store", "details": []}}

A request gets JSON when it asks for a ``.json`` path or ``Accept: application/json`` (without HTML).
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.types import Scope

log = logging.getLogger(__name__)


class ErrorInfo(BaseModel):
    status: int
    code: str
    message: str
    details: list[dict[str, Any]]


class ErrorResponse(BaseModel):
    error: ErrorInfo


OPENAPI_RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": {
        "model": ErrorResponse,
        "description": "the one error shape (JSON), or an error page when HTML was asked for",
        "content": {"text/html": {"schema": {"type": "string"}}},
    }
}


class AppError(HTTPException):
    """An HTTP error with a short code: ``raise AppError(404, "not-found", "no story 'x'")``."""

    def __init__(
        self, status: int, code: str, message: str, details: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__(status, message)
        self.code, self.message, self.details = code, message, details or []


def wants_json(request: Request) -> bool:
    path = request.url.path
    accept = request.headers.get("accept", "")
    return path.endswith(".json") or ("application/json" in accept and "text/html" not in accept)


def _code(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "-")
    except ValueError:
        return "error"


def error_response(
    request: Request, status: int, code: str, message: str, details: list[dict[str, Any]] | None = None
) -> Response:
    body = ErrorResponse(error=ErrorInfo(status=status, code=code, message=message, details=details or []))
    if wants_json(request):
        return JSONResponse(body.model_dump(), status_code=status)
    templates = request.app.state.templates
    return HTMLResponse(
        templates.get_template("error.html").render(error=body.error, request=request), status_code=status
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if isinstance(exc, AppError):
        return error_response(request, exc.status_code, exc.code, exc.message, exc.details)
    message = exc.detail if isinstance(exc.detail, str) else _code(exc.status_code).replace("-", " ")
    response = error_response(request, exc.status_code, _code(exc.status_code), message)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    details = [
        {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": str(e.get("msg", ""))}
        for e in exc.errors()
    ]
    first = details[0] if details else {"where": "request", "problem": "invalid"}
    return error_response(request, 422, "invalid-request", f"{first['where']}: {first['problem']}", details)


async def _crash(request: Request, exc: Exception) -> Response:
    log.exception("error serving %s", request.url.path, exc_info=exc)
    return error_response(request, 500, "internal-error", "the server failed to answer; see its log")


def crash_answer(scope: Scope, exc: Exception) -> Response:
    """The answer to an error the app raised, built inside the security middleware (it logs it)."""
    return error_response(Request(scope), 500, "internal-error", "the server failed to answer; see its log")


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, _crash)
