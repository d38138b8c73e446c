"""URL checks before any request: the URL as the HTTP library will read it, and the addresses
that are refused.

A URL that two parsers could read two ways is refused outright (backslashes, control characters,
whitespace, user names or passwords, numeric hosts other than a dotted quad or bracketed IPv6), so
the host that is checked is the host that is connected to. Pure: no network.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

import requests
import urllib3
from urllib3.util import parse_url

from .errors import RefusedURL


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


_NUMERIC_LABEL = re.compile(r"^(?:\d+|0x[0-9a-f]*)$", re.I)


def _odd_characters(url: str) -> str | None:
    """Why the URL text is refused before parsing: characters that parsers read differently."""
    for ch in url:
        if ch == "\\":
            return "a backslash"
        if ch.isspace():
            return "whitespace"
        if unicodedata.category(ch) in ("Cc", "Cf"):
            return "a control character"
    return None


def _numeric_host_problem(host: str) -> str | None:
    """Hosts such as 2130706433, 0x7f.1 or 127.1 mean an address to some parsers and a name to others."""
    if _is_ip_literal(host):
        return None
    last = host.rstrip(".").rsplit(".", 1)[-1]
    if _NUMERIC_LABEL.match(last):
        return f"refused: {host!r} is a numeric host that is not a plain dotted-quad IPv4 address"
    return None


def _normalised(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    mapped = getattr(ip, "ipv4_mapped", None)
    return mapped or ip  # ::ffff:127.0.0.1 is 127.0.0.1 to the kernel


def prepare_url(url: str) -> str:
    """The URL as requests will send it; raises RefusedURL for anything parsers could read two ways."""
    odd = _odd_characters(url)
    if odd:
        raise RefusedURL(f"refused: the URL contains {odd}", url=url)
    try:
        parts = parse_url(url)
    except urllib3.exceptions.LocationParseError:
        raise RefusedURL("refused: not a valid URL", url=url) from None
    if (parts.scheme or "").lower() not in ("http", "https"):
        raise RefusedURL(f"refused: {parts.scheme or 'no'} scheme (only http and https)", url=url)
    if parts.auth is not None or "@" in urlsplit(url).netloc:
        raise RefusedURL("refused: a user name or password in the URL", url=url)
    try:
        prepared = requests.Request("GET", url).prepare().url or ""
    except (requests.RequestException, ValueError, UnicodeError):
        raise RefusedURL("refused: not a valid URL", url=url) from None
    # requests picks the pool by urllib.parse, urllib3 by parse_url: both must read the same host.
    ours, theirs = parse_url(prepared), urlsplit(prepared)
    if (ours.host or "").strip("[]").lower() != (theirs.hostname or "").lower() or ours.port != theirs.port:
        raise RefusedURL("refused: the URL's host reads differently to different parsers", url=url)
    if not ours.host:
        raise RefusedURL("refused: no host in URL", url=url)
    return prepared


def _is_internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return (address.is_private or address.is_loopback or address.is_link_local or address.is_reserved
            or address.is_multicast or address.is_unspecified)


def refusal_without_lookup(url: str, allow_addresses: Iterable[str]) -> str | None:
    """Why a poll would refuse `url`, as far as is known without a DNS lookup (for `check`); else None."""
    try:
        prepared = prepare_url(url)
    except RefusedURL as exc:
        return str(exc)
    host = (parse_url(prepared).host or "").strip("[]")
    problem = _numeric_host_problem(host)
    if problem:
        return problem
    allowed = [ipaddress.ip_network(a, strict=False) for a in allow_addresses]
    if host.rstrip(".").lower() == "localhost" or host.lower().endswith(".localhost"):
        address: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address("127.0.0.1")
    elif _is_ip_literal(host):
        address = _normalised(host)
    else:
        return None
    if _is_internal(address) and not any(address in net for net in allowed):
        return (f"refused: {address} is not an allowed address (poll fetches no private, loopback or "
                "link-local address unless fetch.allow_addresses lists it)")
    return None
