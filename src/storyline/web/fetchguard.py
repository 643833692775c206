"""Fetching a URL that a web form named, without letting the form reach the user's own network.

Only http(s). The host is resolved and every address checked at connect time, for the first request
and for every redirect, so a name that resolves to loopback, a private or a link-local address (or
that changes its answer between a check and the connection) is refused. Size and time are capped.
``allow_private`` lifts the address check (``storyline serve --allow-private``), never the others.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore

Resolver = Callable[[str, int], list[str]]

USER_AGENT = "storyline-serve/0.1"
REDIRECTS = {301, 302, 303, 307, 308}


class FetchRefused(Exception):
    """The URL was not fetched: ``reason`` is a short code, the message says why."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    body: bytes


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchRefused("unresolvable", f"cannot resolve {host!r}: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public(address: str) -> bool:
    """True for a globally routable unicast address (IPv4-mapped IPv6 judged as its IPv4)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_loopback or ip.is_link_local or ip.is_private)


def check_url(url: str) -> tuple[str, int]:
    """The host and port of an http(s) URL; anything else is refused."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(
            "bad-scheme", f"only http and https URLs can be fetched, not {parts.scheme or url!r}"
        )
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchRefused("bad-url", f"bad port in {url!r}") from exc
    if not parts.hostname:
        raise FetchRefused("bad-url", f"no host in {url!r}")
    return parts.hostname, port


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
        addresses = [host] if _is_ip(host) else self._resolve(host, port)
        if not addresses:
            raise FetchRefused("unresolvable", f"{host!r} has no address")
        if not self._allow_private:
            blocked = [a for a in addresses if not is_public(a)]
            if blocked:
                raise FetchRefused(
                    "private-address",
                    f"{host!r} resolves to {blocked[0]}, a loopback, private or link-local address; "
                    "start 'storyline serve --allow-private' to fetch from your own network",
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


class FetchGuard:
    """GET a URL under the rules above; raises :class:`FetchRefused` with a reason code."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        max_bytes: int = 10_000_000,
        timeout: float = 20.0,
        max_redirects: int = 5,
        resolver: Resolver = system_resolver,
        backend: httpcore.NetworkBackend | None = None,
    ) -> None:
        if max_bytes <= 0 or timeout <= 0 or max_redirects < 0:
            raise ValueError("max_bytes and timeout must be positive, max_redirects at least 0")
        self.max_bytes, self.timeout, self.max_redirects = max_bytes, timeout, max_redirects
        self.backend = GuardedBackend(allow_private, resolver, backend)

    def fetch(self, url: str) -> Fetched:
        deadline = time.monotonic() + self.timeout
        with httpcore.ConnectionPool(
            ssl_context=ssl.create_default_context(), network_backend=self.backend, retries=0
        ) as pool:
            for _ in range(self.max_redirects + 1):
                check_url(url)
                target = self._get(pool, url, deadline)
                if isinstance(target, Fetched):
                    return target
                url = target
        raise FetchRefused("too-many-redirects", f"more than {self.max_redirects} redirects")

    def _get(self, pool: httpcore.ConnectionPool, url: str, deadline: float) -> Fetched | str:
        """The body, or the next URL when the answer is a redirect."""
        left = max(deadline - time.monotonic(), 0.001)
        timeouts = {"connect": left, "read": left, "write": left, "pool": left}
        headers: list[tuple[bytes | str, bytes | str]] = [("User-Agent", USER_AGENT), ("Accept", "*/*")]
        try:
            with pool.stream("GET", url, headers=headers, extensions={"timeout": timeouts}) as response:
                found = _header(response.headers, b"location")
                if response.status in REDIRECTS and found:
                    return urljoin(url, found)
                if response.status >= 400:
                    raise FetchRefused("fetch-failed", f"{url} answered HTTP {response.status}")
                body = self._read(response, deadline)
                return Fetched(url, _header(response.headers, b"content-type"), body)
        except httpcore.TimeoutException as exc:
            raise FetchRefused("too-slow", f"{url} took longer than {self.timeout:g} s") from exc
        except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol) as exc:
            raise FetchRefused("fetch-failed", f"{url}: {type(exc).__name__}: {exc}") from exc

    def _read(self, response: httpcore.Response, deadline: float) -> bytes:
        declared = _header(response.headers, b"content-length")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchRefused("too-large", f"the answer is over {self.max_bytes} bytes")
        chunks, size = [], 0
        for chunk in response.iter_stream():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchRefused("too-large", f"the answer is over {self.max_bytes} bytes")
            if time.monotonic() > deadline:
                raise FetchRefused("too-slow", f"the answer took longer than {self.timeout:g} s")
            chunks.append(chunk)
        return b"".join(chunks)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str:
    for key, value in headers:
        if key.lower() == name:
            return value.decode("latin-1").strip()
    return ""
