"""The polite client against real servers on loopback: faults, policy, politeness."""

from __future__ import annotations

import dataclasses
import ipaddress
import time

import pytest

from releasewatch.config import FetchSettings
from releasewatch.fetch import Fetcher, FetchRequest

from .httpfixtures import LoopbackServer, Route

FAST = FetchSettings(user_agent="releasewatch-test", connect_timeout=2, read_timeout=1, max_bytes=1_000_000,
                     retries=2, backoff=0.05, max_backoff=2, per_host_delay=0, allow_addresses=("127.0.0.1",))


@pytest.fixture
def server():
    with LoopbackServer() as s:
        yield s


def fetcher(**changes) -> Fetcher:
    return Fetcher(dataclasses.replace(FAST, **changes))


def test_etag_then_304(server) -> None:
    server.routes["/feed.xml"] = Route(body=b"<rss/>", headers={"ETag": '"v1"', "Content-Type": "application/xml"})
    f = fetcher()
    first = f.get(server.url("/feed.xml"))
    assert first.ok and first.status == 200 and first.etag == '"v1"'
    second = f.get(server.url("/feed.xml"), etag=first.etag)
    assert second.not_modified and second.status == 304 and second.ok


def test_500_then_200_is_retried(server) -> None:
    server.routes["/flaky"] = Route(sequence=[(500, {}, b"oops"), (200, {}, b"<p>fine now</p>")])
    result = fetcher().get(server.url("/flaky"))
    assert result.ok and result.content == b"<p>fine now</p>"
    assert [a.status for a in result.attempts if a.url.endswith("/flaky")] == [500, 200]


def test_429_retry_after_is_honoured(server) -> None:
    server.routes["/busy"] = Route(sequence=[(429, {"Retry-After": "1"}, b""), (200, {}, b"<p>ok</p>")])
    started = time.monotonic()
    result = fetcher().get(server.url("/busy"))
    assert result.ok
    assert time.monotonic() - started >= 0.95


def test_persistent_500_is_an_error_not_an_exception(server) -> None:
    server.routes["/down"] = Route(status=500, body=b"down")
    result = fetcher().get(server.url("/down"))
    assert result.error == "HTTP 500 after 3 attempts"


def test_hanging_server_times_out(server) -> None:
    server.routes["/hang"] = Route(delay=3, body=b"late")
    started = time.monotonic()
    result = fetcher(retries=0).get(server.url("/hang"))
    assert result.error and "timed out" in result.error
    assert time.monotonic() - started < 2.5


def test_huge_body_is_cut_at_the_cap(server) -> None:
    server.routes["/huge"] = Route(stream_bytes=50_000_000)
    started = time.monotonic()
    result = fetcher(max_bytes=1_000_000).get(server.url("/huge"))
    assert result.truncated and len(result.content) == 1_000_000
    assert "cut at 1000000 bytes" in (result.error or "")
    assert time.monotonic() - started < 5


def test_redirect_loop(server) -> None:
    server.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    server.routes["/b"] = Route(status=302, headers={"Location": "/a"})
    result = fetcher().get(server.url("/a"))
    assert result.error and "redirect loop" in result.error


def test_redirect_to_disallowed_address_sends_nothing_there() -> None:
    with LoopbackServer() as good, LoopbackServer("127.0.0.2") as other:
        other.routes["/secret"] = Route(body=b"internal")
        good.routes["/go"] = Route(status=302, headers={"Location": other.url("/secret")})
        result = fetcher().get(good.url("/go"))
        assert result.error == "refused: 127.0.0.2 is not an allowed address"
        assert other.hits == []


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/"])
def test_redirect_to_other_schemes_is_refused(server, target: str) -> None:
    server.routes["/go"] = Route(status=301, headers={"Location": target})
    result = fetcher().get(server.url("/go"))
    assert result.error and result.error.startswith("refused:")


def test_loopback_is_refused_unless_allowed(server) -> None:
    server.routes["/x"] = Route(body=b"<p>x</p>")
    result = fetcher(allow_addresses=()).get(server.url("/x"))
    assert result.error == "refused: 127.0.0.1 is not an allowed address"
    assert server.hits == []


def test_robots_disallow_and_crawl_delay(server) -> None:
    server.routes["/robots.txt"] = Route(body=b"User-agent: *\nDisallow: /private/\nCrawl-delay: 0.5\n")
    server.routes["/private/page"] = Route(body=b"<p>no</p>")
    server.routes["/one"] = Route(body=b"<p>1</p>")
    server.routes["/two"] = Route(body=b"<p>2</p>")
    f = fetcher()
    refused = f.get(server.url("/private/page"))
    assert refused.error == "disallowed by robots.txt"
    started = time.monotonic()
    results = list(f.fetch_many([FetchRequest(server.url("/one")), FetchRequest(server.url("/two"))]))
    assert all(r.ok for r in results)
    assert time.monotonic() - started >= 0.45  # the two requests were spaced by Crawl-delay
    assert "/private/page" not in server.paths()


def test_windows_1252_page_decodes(server) -> None:
    body = "<html><head><meta charset=\"windows-1252\"></head><body><p>It\u2019s \u201cBallerina\u201d</p></body></html>"
    server.routes["/cp"] = Route(body=body.encode("windows-1252"), headers={"Content-Type": "text/html"})
    result = fetcher().get(server.url("/cp"))
    assert "It\u2019s \u201cBallerina\u201d" in result.text


def test_empty_200_is_reported(server) -> None:
    server.routes["/empty"] = Route(body=b"")
    assert fetcher().get(server.url("/empty")).error == "empty response"


def test_fetch_many_runs_hosts_in_parallel() -> None:
    with LoopbackServer() as a, LoopbackServer() as b:
        for s in (a, b):
            s.routes["/slow"] = Route(delay=0.5, body=b"<p>slow</p>")
        started = time.monotonic()
        results = list(fetcher().fetch_many([FetchRequest(a.url("/slow"), key="a"), FetchRequest(b.url("/slow"), key="b")]))
        assert {r.key for r in results} == {"a", "b"}
        assert time.monotonic() - started < 0.95


@pytest.fixture
def no_dns(monkeypatch):
    """Every name lookup fails (and is recorded): a proxied fetch must not resolve its target."""
    import socket

    real, asked = socket.getaddrinfo, []

    def guarded(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            ipaddress.ip_address(host)  # a numeric address needs no lookup
        except ValueError:
            asked.append(host)
            raise socket.gaierror(socket.EAI_NONAME, "lookups are not allowed in this test") from None
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    return asked


@pytest.mark.parametrize("how", ["config", "environment"])
def test_a_proxy_carries_the_request_and_resolves_the_name(server, no_dns, monkeypatch, how: str) -> None:
    # The loopback server plays the proxy: it is sent the absolute URL of the feed.
    server.routes["http://feeds.example.test/feed.xml"] = Route(body=b"<rss/>")
    proxy = server.base
    if how == "config":
        f = fetcher(proxies={"http": proxy})
    else:
        monkeypatch.setenv("HTTP_PROXY", proxy)
        f = fetcher()
    result = f.get("http://feeds.example.test/feed.xml")
    assert result.ok and result.content == b"<rss/>", result.error
    assert "http://feeds.example.test/feed.xml" in server.paths()
    assert no_dns == []  # the name went to the proxy, not to a resolver


def test_a_proxy_does_not_open_the_way_to_internal_addresses(server, no_dns) -> None:
    result = fetcher(proxies={"http": server.base}, allow_addresses=()).get("http://10.1.2.3/admin")
    assert result.error == "refused: 10.1.2.3 is not an allowed address"
    assert server.hits == []
