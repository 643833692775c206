"""What keeps the local app local: host check, body cap, security headers and the CSRF token.

- Host: only the names the server was started for answer (a DNS-rebinding page sends its own name).
- Body: a POST must say its length and stay under the cap, before anything is read.
- Headers: a strict Content-Security-Policy (scripts and styles from the app only, no inline code,
  nothing fetched elsewhere), no framing, no sniffing, no referrer to other sites (same-origin: a
  "no-referrer" policy makes the browser send "Origin: null" with the form, which the CSRF check refuses).
- CSRF: form posts carry a token that is an HMAC of a random cookie under a per-process key; a
  sibling site on another localhost port can set the cookie but cannot compute the token. Requests
  the browser marks as cross-site or from another origin are refused before the token is read.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
CSRF_COOKIE = "storyline_csrf"
CSRF_FIELD = "csrf_token"
# builds the answer to an error the app raised: (request scope, error) → an ASGI response
CrashAnswer = Callable[[Scope, Exception], ASGIApp]

log = logging.getLogger(__name__)


def error_body(status: int, code: str, message: str) -> bytes:
    """The app's one JSON error shape, for answers given before routing (see ``errors.py``)."""
    return json.dumps({"error": {"status": status, "code": code, "message": message, "details": []}}).encode()


def host_name(host_header: str) -> str:
    """``"[::1]:8000"`` → ``"::1"``, ``"localhost:8000"`` → ``"localhost"``."""
    if host_header.startswith("["):
        return host_header[1 : host_header.find("]")].lower()
    return host_header.rsplit(":", 1)[0].lower() if host_header.count(":") == 1 else host_header.lower()


_DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin_parts(scheme: str, netloc: str) -> tuple[str, str, int | None] | None:
    """(scheme, host, port) with the scheme's default port filled in; None when unreadable."""
    try:
        parts = urlsplit(f"{scheme}://{netloc}")
        port = parts.port or _DEFAULT_PORTS.get(scheme)
    except ValueError:
        return None
    return (scheme.lower(), (parts.hostname or "").lower(), port) if parts.hostname else None


def same_origin(origin: str, scheme: str, host_header: str) -> bool:
    """Whether an Origin header names this app: the same scheme, host and port (``https://`` sent to
    an ``http://`` app is another origin, as is another port on the same host)."""
    sent = urlsplit(origin) if origin != "null" else None
    if sent is None or not sent.scheme:
        return False
    theirs = _origin_parts(sent.scheme, sent.netloc)
    return theirs is not None and theirs == _origin_parts(scheme, host_header)


class Guard:
    """ASGI middleware: refuses unknown hosts and oversized or unsized posts; adds security headers."""

    def __init__(
        self, app: ASGIApp, *, allowed_hosts: Iterable[str], max_body: int, crash: CrashAnswer | None = None
    ) -> None:
        self.app, self.max_body, self.crash = app, max_body, crash
        self.allowed = {h.lower() for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope["method"], headers)
        if refusal is not None:
            return await _answer(send, *refusal)

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            # Answered here, inside the headers, and not raised on: an error that escapes the app is
            # answered outside this middleware (no security headers) and the server drops the connection.
            log.exception("error serving %s", scope.get("path"), exc_info=exc)
            if started:
                raise
            if self.crash is not None:
                await self.crash(scope, exc)(scope, receive, send_with_headers)
            else:
                await _answer(send, 500, "internal-error", "the server failed to answer; see its log")

    def _refusal(self, method: str, headers: dict[str, str]) -> tuple[int, str, str] | None:
        if "*" not in self.allowed and host_name(headers.get("host", "")) not in self.allowed:
            return 421, "unknown-host", "this server answers only to the host names it was started for"
        if method in ("POST", "PUT", "PATCH", "DELETE"):
            length = headers.get("content-length", "")
            if not length.isdigit():
                return 411, "length-required", "send the body with a Content-Length header"
            if int(length) > self.max_body:
                return 413, "too-large", f"the request body is over {self.max_body} bytes"
        return None


async def _answer(send: Send, status: int, code: str, message: str) -> None:
    body = error_body(status, code, message)
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *HEADERS]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Csrf:
    """Issues and checks form tokens (see the module docstring)."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or secrets.token_bytes(32)

    def token_for(self, nonce: str) -> str:
        return hmac.new(self._key, nonce.encode(), hashlib.sha256).hexdigest()

    @staticmethod
    def new_nonce() -> str:
        return secrets.token_urlsafe(24)

    def cross_site(self, request: Request) -> str | None:
        """Why the request looks cross-site, or None; from Sec-Fetch-Site and Origin, when sent."""
        site = request.headers.get("sec-fetch-site")
        if site is not None and site not in ("same-origin", "none"):
            return f"the browser marked the request {site}"
        origin, host = request.headers.get("origin"), request.headers.get("host", "")
        if origin is not None and not same_origin(origin, request.url.scheme, host):
            return f"the request comes from another origin ({origin})"
        return None

    def valid(self, request: Request, token: str) -> bool:
        nonce = request.cookies.get(CSRF_COOKIE, "")
        return bool(nonce and token) and hmac.compare_digest(self.token_for(nonce), token)
