"""Which addresses a fetch may connect to: globally routable unicast only, however they are written.

IPv6 forms that carry an IPv4 address are judged by that address (IPv4-mapped ``::ffff:a.b.c.d``,
NAT64 ``64:ff9b::/96``, 6to4 ``2002::/16``) or refused outright where they only ever reach a local or
deprecated path (IPv4-compatible ``::a.b.c.d``, IPv4-translated ``::ffff:0:a.b.c.d``, local-use NAT64
``64:ff9b:1::/48``, Teredo). Any other IPv6 address must be global unicast (``2000::/3``), which leaves
out site-local ``fec0::/10``, unique-local, link-local, multicast and the reserved ranges. Python's
``is_global`` alone is not enough: it calls ``::7f00:1`` and ``fec0::1`` global.
"""

from __future__ import annotations

import ipaddress

IP = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_url(value: str) -> bool:
    """Whether an input names an http(s) URL (to fetch) rather than a path."""
    return value.startswith(("http://", "https://"))

_GLOBAL_UNICAST = ipaddress.IPv6Network("2000::/3")
# IETF protocol assignments and the old 6to4 relay: Python's is_global lets parts of them through
_REFUSED_V4 = (ipaddress.IPv4Network("192.0.0.0/24"), ipaddress.IPv4Network("192.88.99.0/24"))
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_REFUSED_V6 = tuple(
    ipaddress.IPv6Network(n)
    for n in (
        "::/96",  # IPv4-compatible (deprecated), :: and ::1 among them
        "::ffff:0:0:0/96",  # IPv4-translated
        "64:ff9b:1::/48",  # local-use NAT64
        "2001::/32",  # Teredo
        "2001:db8::/32",  # documentation
    )
)


def parse_ip(text: str) -> IP | None:
    """The address ``text`` spells in canonical form (zone index dropped), or None for a host name."""
    try:
        return ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return None


def _public_v4(ip: ipaddress.IPv4Address) -> bool:
    special = ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved
    refused = special or ip.is_unspecified or any(ip in network for network in _REFUSED_V4)
    return ip.is_global and not refused


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.sixtofour


def is_public(address: str) -> bool:
    """True for an address a fetch may reach (see the module docstring); False for anything else,
    host names and unreadable text included."""
    ip = parse_ip(address)
    if ip is None:
        return False
    if isinstance(ip, ipaddress.IPv4Address):
        return _public_v4(ip)
    inner = _embedded_v4(ip)
    if inner is not None:
        return _public_v4(inner)
    if any(ip in network for network in _REFUSED_V6) or ip not in _GLOBAL_UNICAST:
        return False
    return not (ip.is_multicast or ip.is_private or ip.is_reserved or ip.is_site_local or ip.is_link_local)
