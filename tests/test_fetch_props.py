"""Property: whatever the URL looks like, the fetcher connects only to the address it checked.

Hypothesis writes URLs from pieces that parsers are known to read differently: user names and
"@" signs, backslashes, percent-encodings, control characters and whitespace, IPv6 forms (mapped,
zoned, expanded) and numeric hosts (2130706433, 0x7f.1, 127.1, octal). Each URL is fetched for
real: 127.0.0.1 is allowed and serves, 127.0.0.2 is the refused address and records any request.
Either the URL is refused, or every request's socket was connected to the address that was checked,
and that address is allowed.
"""

from __future__ import annotations

import dataclasses
import ipaddress

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from releasewatch.config import FetchSettings
from releasewatch.fetch import Fetcher

from .httpfixtures import LoopbackServer

SETTINGS = FetchSettings(user_agent="releasewatch-test", connect_timeout=1, read_timeout=1, max_bytes=10_000,
                         retries=0, backoff=0, per_host_delay=0, respect_robots=False,
                         allow_addresses=("127.0.0.1",))

HOSTS = [
    "127.0.0.1", "127.0.0.2", "127.1", "127.0.2", "2130706433", "2130706434", "0x7f.1", "0x7f000002",
    "0177.0.0.2", "017700000002", "127.0.0.2.", "127.0.0.1.", "localhost", "LOCALHOST", "[::1]",
    "[::ffff:127.0.0.1]", "[::ffff:127.0.0.2]", "[::ffff:7f00:2]", "[0:0:0:0:0:ffff:7f00:1]",
    "[fe80::1%25lo]", "[::127.0.0.2]", "%31%32%37.0.0.2", "127.0.0.%32", "127%2e0%2e0%2e2", "\u2474.0.0.2",
    "127\u30020\u30020\u30022", "\uff11\uff12\uff17.0.0.2",
]
USERINFO = ["", "user@", "user:pw@", "@", "127.0.0.2@", "127.0.0.1@", "%40@", "a%3Ab@", "{other}@", "{good}@"]
ODD = ["\\", "\\@", "@", "%5C", "%40", "%00", "\t", "\n", "\r", " ", "\x00", "\x7f", "#", "?", "/", ":", "[", "]",
       "%2F", "%23", "\u200b", "\u00a0", "{good}", "{other}"]


@st.composite
def url_parts(draw: st.DrawFn) -> tuple[list[str], list[tuple[float, str]]]:
    """Pieces of a URL (with {good}/{other}/{good_port}/{other_port} placeholders) and odd bits to splice in."""
    scheme = draw(st.sampled_from(["http", "HTTP", "https", "http"]))
    userinfo = draw(st.sampled_from(USERINFO))
    host = draw(st.sampled_from(["127.0.0.2", "127.0.0.1"]) | st.sampled_from(HOSTS))
    port = draw(st.sampled_from([":{other_port}", ":{good_port}", ":{other_port}", ""]))
    # what follows the authority: tricks that make one parser see {good} as the host and another not
    trick = draw(st.sampled_from(["", "\\@{good}/", "\\{good}/", "@{good}/", "#@{good}/", "?@{good}/", "%5C@{good}/",
                                  "/\\@{good}/", ";@{good}/", "\t@{good}/", "%40{good}/"]))
    path = draw(st.lists(st.sampled_from(["/x", "/", "\\", "@", "{good}", "%2e%2e", "?q=1", "#f"]), max_size=4))
    splices = draw(st.lists(st.tuples(st.floats(0, 1), st.sampled_from(ODD)), max_size=2))
    return [f"{scheme}://", userinfo, host, port, trick, *path], splices


def assemble(parts: list[str], splices: list[tuple[float, str]], fill: dict[str, object]) -> str:
    url = "".join(p.format(**fill) for p in parts)
    for where, odd in splices:
        at = int(where * len(url))
        url = url[:at] + odd.format(**fill) + url[at:]
    return url


@pytest.fixture(scope="module")
def servers():
    with LoopbackServer() as good, LoopbackServer("127.0.0.2") as other:
        yield good, other


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=url_parts())
def test_the_connection_goes_only_to_the_checked_address(servers, parts) -> None:  # type: ignore[no-untyped-def]
    good, other = servers
    url = assemble(*parts, {"good": f"127.0.0.1:{good.port}", "other": f"127.0.0.2:{other.port}",
                            "good_port": good.port, "other_port": other.port})
    before = len(other.hits)
    result = Fetcher(dataclasses.replace(SETTINGS)).get(url)
    assert len(other.hits) == before, f"{url!r} reached the refused address"
    allowed = ipaddress.ip_network("127.0.0.1")
    for attempt in result.attempts:
        if getattr(attempt, "peer", None) is None:  # refused or never connected
            continue
        assert attempt.address == attempt.peer, f"{url!r}: checked {attempt.address}, connected to {attempt.peer}"
        assert ipaddress.ip_address(attempt.peer) in allowed


def test_the_property_is_not_vacuous(servers) -> None:
    """Plain spellings of the allowed address do connect, and are recorded as connected there."""
    good, _ = servers
    for url in (f"http://127.0.0.1:{good.port}/x", f"HTTP://127.0.0.1:{good.port}/%2e%2e/x#f"):
        result = Fetcher(SETTINGS).get(url)
        assert result.status == 404 and [(a.address, a.peer) for a in result.attempts] == [("127.0.0.1", "127.0.0.1")]
