"""The web form's fetches go through the one guarded fetcher of ``storyline.sources.fetch``.

Only http(s); every hop's resolved address is checked (loopback, private and special ranges refused
unless ``storyline serve --allow-private``); size and time are capped. These names are kept for the
web app and its tests; the rules live in ``sources``.
"""

from __future__ import annotations

from storyline.sources.addresses import is_public
from storyline.sources.fetch import (
    Fetched,
    Fetcher,
    FetchRefused,
    GuardedBackend,
    Resolver,
    check_url,
    system_resolver,
)

FetchGuard = Fetcher

__all__ = [
    "FetchGuard",
    "FetchRefused",
    "Fetched",
    "GuardedBackend",
    "Resolver",
    "check_url",
    "is_public",
    "system_resolver",
]
