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
import secrets
from collections.abc import Iterable
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


def error_body(status: int, code: str, message: str) -> bytes:
    """The app's one JSON error shape, for answers given before routing (see ``errors.py``)."""
    return json.dumps({"error": {"status": status, "code": code, "message": message, "details": []}}).encode()


def host_name(host_header: str) -> str:
    """``"[::1]:8000"`` → ``"::1"``, ``"localhost:8000"`` → ``"localhost"``."""
    if host_header.startswith("["):
        return host_header[1 : host_header.find("]")].lower()
    return host_header.rsplit(":", 1)[0].lower() if host_header.count(":") == 1 else host_header.lower()


class Guard:
    """ASGI middleware: refuses unknown hosts and oversized or unsized posts; adds security headers."""

    def __init__(self, app: ASGIApp, *, allowed_hosts: Iterable[str], max_body: int) -> None:
        self.app, self.max_body = app, max_body
        self.allowed = {h.lower() for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope["method"], headers)
        if refusal is not None:
            return await _answer(send, *refusal)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)

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
        origin = request.headers.get("origin")
        if origin is not None:
            parts = urlsplit(origin)
            if origin == "null" or parts.netloc.lower() != request.headers.get("host", "").lower():
                return f"the request comes from another origin ({origin})"
        return None

    def valid(self, request: Request, token: str) -> bool:
        nonce = request.cookies.get(CSRF_COOKIE, "")
        return bool(nonce and token) and hmac.compare_digest(self.token_for(nonce), token)
