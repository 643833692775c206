"""The one way out to the network: every fetch (CLI URLs, feeds, feed items, ``watch``, the web form).

An httpx client whose transport resolves each host itself and connects only to an address it has
checked, on the first request and on every redirect, so a name that resolves to loopback, a private
network or any special range (or that changes its answer between a check and the connection) is
refused. Only http(s); no proxies from the environment (a proxy would make the checked address the
proxy's). The body is decoded here, gzip and deflate only, and capped on its decoded size, so a small
compressed answer cannot inflate past ``max_bytes``; the whole fetch has one deadline.
``allow_private`` (``--allow-private``, ``Settings.allow_private``) lifts the address check only.
"""

from __future__ import annotations

import socket
import ssl
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache

import httpcore
import httpx

from storyline.sources.addresses import is_public, parse_ip

Resolver = Callable[[str, int], list[str]]

USER_AGENT = "storyline/0.1"
MAX_REDIRECTS = 5
_CHUNK = 1 << 16


class FetchRefused(Exception):
    """The URL was not fetched: ``reason`` is a rejection code, the message says why."""

    def __init__(self, reason: str, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.reason, self.status = reason, status  # status: the HTTP status of an error answer


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    body: bytes  # decoded (gzip or deflate taken off)
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchRefused("unresolvable", f"cannot resolve {host!r}: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class GuardedBackend(httpcore.NetworkBackend):
    """Resolves the host itself and connects only to an address it has checked."""

    def __init__(
        self, allow_private: bool, resolver: Resolver, inner: httpcore.NetworkBackend | None = None
    ) -> None:
        self._allow_private = allow_private
        self._resolve = resolver
        self._inner = inner or httpcore.SyncBackend()

    def address_for(self, host: str, port: int) -> str:
        host = host.strip("[]")
        addresses = [host] if parse_ip(host) is not None else self._resolve(host, port)
        if not addresses:
            raise FetchRefused("unresolvable", f"{host!r} has no address")
        if not self._allow_private:
            blocked = [a for a in addresses if not is_public(a)]
            if blocked:
                raise FetchRefused(
                    "private-address",
                    f"{host!r} resolves to {blocked[0]}, a loopback, private or special-purpose address; "
                    "use --allow-private to fetch from your own network",
                )
        return addresses[0]

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        address = self.address_for(host, port)
        return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise FetchRefused("bad-url", "unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport over a connection pool whose every connection goes through the guard."""

    def __init__(self, backend: GuardedBackend) -> None:
        super().__init__(verify=_tls(), retries=0)
        # httpx builds its pool without a network-backend parameter: the pool is replaced whole
        self._pool = httpcore.ConnectionPool(ssl_context=_tls(), network_backend=backend, retries=0)


@cache
def _tls() -> ssl.SSLContext:
    """One verifying TLS context for the process (loading the CA store costs tens of milliseconds)."""
    return ssl.create_default_context()


def check_url(url: str) -> httpx.URL:
    """The parsed http(s) URL with a host; anything else is refused (reason "bad-scheme" or "bad-url")."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise FetchRefused("bad-url", f"not a valid URL: {url!r} ({exc})") from exc
    if parsed.scheme not in ("http", "https"):
        shown = parsed.scheme or url
        raise FetchRefused("bad-scheme", f"only http and https URLs can be fetched, not {shown!r}")
    if not parsed.host:
        raise FetchRefused("bad-url", f"no host in {url!r}")
    return parsed


class Fetcher:
    """GET URLs under the rules above; :meth:`fetch` raises :class:`FetchRefused` with a reason code."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        max_bytes: int = 10_000_000,
        timeout: float = 20.0,
        max_redirects: int = MAX_REDIRECTS,
        resolver: Resolver = system_resolver,
        backend: httpcore.NetworkBackend | None = None,
        user_agent: str = USER_AGENT,
    ) -> None:
        if max_bytes <= 0 or timeout <= 0 or max_redirects < 0:
            raise ValueError("max_bytes and timeout must be positive, max_redirects at least 0")
        self.max_bytes, self.timeout, self.max_redirects = max_bytes, timeout, max_redirects
        self.backend = GuardedBackend(allow_private, resolver, backend)
        self.user_agent = user_agent
        # one client for the fetcher's life: its pooled connections were each checked when made
        self.client = httpx.Client(
            transport=GuardedTransport(self.backend),
            timeout=timeout,
            follow_redirects=True,
            max_redirects=max_redirects,
            trust_env=False,  # no proxy from the environment: the checked address must be the server's
        )

    def close(self) -> None:
        self.client.close()

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        """The answer to a GET of ``url``; a 304 comes back with its status and no body."""
        check_url(url)
        sent = {"User-Agent": self.user_agent, "Accept": "*/*", "Accept-Encoding": "gzip, deflate"}
        deadline = time.monotonic() + self.timeout
        try:
            with self.client.stream("GET", url, headers={**sent, **(headers or {})}) as response:
                return self._answer(response, deadline)
        except httpx.TooManyRedirects as exc:
            raise FetchRefused("too-many-redirects", f"more than {self.max_redirects} redirects") from exc
        except httpx.TimeoutException as exc:
            raise FetchRefused("too-slow", f"{url} took longer than {self.timeout:g} s") from exc
        except httpx.UnsupportedProtocol as exc:  # a redirect to another scheme
            raise FetchRefused("bad-scheme", f"{url}: {exc}") from exc
        except httpx.InvalidURL as exc:  # a redirect to a malformed address
            raise FetchRefused("bad-url", f"{url}: {exc}") from exc
        except (httpx.HTTPError, ValueError) as exc:
            raise FetchRefused("fetch-failed", f"{url}: {type(exc).__name__}: {exc}") from exc

    def _answer(self, response: httpx.Response, deadline: float) -> Fetched:
        final = str(response.url)
        if response.status_code >= 400:
            status = response.status_code
            raise FetchRefused("fetch-failed", f"{final} answered HTTP {status}", status)
        headers = {k.lower(): v for k, v in response.headers.items()}
        body = b"" if response.status_code == 304 else self._body(response, deadline)
        return Fetched(final, headers.get("content-type", ""), body, response.status_code, headers)

    def _body(self, response: httpx.Response, deadline: float) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchRefused("too-large", f"the answer is over {self.max_bytes} bytes")
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        chunks = _decoded(response.iter_raw(_CHUNK), encoding)
        return b"".join(_capped(chunks, self.max_bytes, deadline, self.timeout))


def _decoded(raw: Iterator[bytes], encoding: str) -> Iterator[bytes]:
    """The body with its content encoding taken off, a bounded piece at a time (no bomb inflates whole)."""
    if encoding in ("", "identity"):
        yield from raw
        return
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchRefused("fetch-failed", f"unsupported content encoding {encoding!r}")
    inflate = zlib.decompressobj(zlib.MAX_WBITS | 32)  # a gzip or zlib header, whichever is there
    try:
        for chunk in raw:
            pending = chunk
            while pending:
                yield inflate.decompress(pending, _CHUNK)
                pending = inflate.unconsumed_tail
        yield inflate.flush()
    except zlib.error as exc:
        raise FetchRefused("malformed", f"the {encoding} body cannot be decoded: {exc}") from exc


def _capped(chunks: Iterator[bytes], max_bytes: int, deadline: float, timeout: float) -> Iterator[bytes]:
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > max_bytes:
            raise FetchRefused("too-large", f"the answer decodes to over {max_bytes} bytes")
        if time.monotonic() > deadline:
            raise FetchRefused("too-slow", f"the answer took longer than {timeout:g} s")
        yield chunk
