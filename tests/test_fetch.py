"""The polite client against real servers on loopback: faults, policy, politeness."""

from __future__ import annotations

import dataclasses
import ipaddress
import time

import pytest

from releasewatch.config import FetchSettings
from releasewatch.fetch import Fetcher, FetchRequest

from .httpfixtures import LoopbackServer, Route, self_signed_certificate

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


# -- URLs read two ways, names that resolve twice (issue 9, item 1) ---------------------------------------


def test_a_backslash_before_userinfo_does_not_reach_the_refused_address() -> None:
    # urllib.parse reads the host after the last "@" (127.0.0.1, allowed); urllib3 stops the authority
    # at the backslash and would connect to 127.0.0.2.
    with LoopbackServer() as good, LoopbackServer("127.0.0.2") as other:
        other.routes["/x"] = Route(body=b"<p>internal</p>")
        url = f"http://127.0.0.2:{other.port}\\@127.0.0.1:{good.port}/x"
        result = fetcher().get(url)
        assert result.error == "refused: the URL contains a backslash"
        assert other.hits == [] and good.hits == []
        assert [a.error for a in result.attempts] == [result.error]  # the refusal is on record


@pytest.mark.parametrize(("url", "error"), [
    ("http://user:pw@127.0.0.1:{port}/x", "refused: a user name or password in the URL"),
    ("http://127.0.0.1@127.0.0.1:{port}/x", "refused: a user name or password in the URL"),
    ("http://127.0.0.1:{port}/a b", "refused: the URL contains whitespace"),
    ("http://127.0.0.1:{port}/a\tb", "refused: the URL contains whitespace"),
    ("http://127.0.0.1:{port}/a\x00b", "refused: the URL contains a control character"),
    ("http://127.0.0.1:{port}/\u200bx", "refused: the URL contains a control character"),
    ("http://2130706433:{port}/x", "refused: '2130706433' is a numeric host that is not a plain dotted-quad IPv4 address"),
    ("http://127.1:{port}/x", "refused: '127.1' is a numeric host that is not a plain dotted-quad IPv4 address"),
    ("http://0x7f.1:{port}/x", "refused: '0x7f.1' is a numeric host that is not a plain dotted-quad IPv4 address"),
])
def test_urls_that_parsers_read_differently_are_refused(server, url: str, error: str) -> None:
    server.routes["/x"] = Route(body=b"<p>x</p>")
    result = fetcher().get(url.format(port=server.port))
    assert result.error == error
    assert server.hits == []


def test_a_feed_link_with_a_backslash_is_refused_in_a_poll(tmp_path) -> None:
    from releasewatch.config import parse_config
    from releasewatch.poll import run_poll
    from releasewatch.store import Store

    with LoopbackServer() as good, LoopbackServer("127.0.0.2") as other:
        other.routes["/x"] = Route(body=b"<html><body><p>Ballerina opens June 6, 2025.</p></body></html>")
        link = f"http://127.0.0.2:{other.port}\\@127.0.0.1:{good.port}/x"
        good.routes["/feed.xml"] = Route(body=(
            "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
            f"<item><title>one</title><link>{link}</link></item></channel></rss>").encode(),
            headers={"Content-Type": "application/rss+xml"})
        config = parse_config(
            "titles:\n  - {name: Ballerina, context: [John Wick]}\n"
            f"sources:\n  - {{name: Local, url: '{good.url('/feed.xml')}'}}\n"
            "fetch: {allow_addresses: ['127.0.0.1'], per_host_delay: 0, retries: 0, respect_robots: false}\n")
        store = Store(tmp_path / "rw.db")
        run_poll(config, store)
        assert other.hits == []
        errors = [r[0] for r in store.conn.execute("SELECT error FROM fetches WHERE url LIKE '%\\%'")]
        assert errors == ["refused: the URL contains a backslash"]


@pytest.fixture
def rebinding(monkeypatch):
    """A name that resolves to 127.0.0.1 the first time and to 127.0.0.2 after that (DNS rebinding)."""
    import socket

    real, answers = socket.getaddrinfo, []

    def resolve(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host != "rebind.test":
            return real(host, port, *args, **kwargs)
        answers.append(host)
        return real("127.0.0.1" if len(answers) == 1 else "127.0.0.2", port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    return answers


def test_a_name_that_resolves_differently_the_second_time_is_not_followed(rebinding) -> None:
    with LoopbackServer() as good, LoopbackServer("127.0.0.2", port=good.port) as other:
        for s in (good, other):
            s.routes["/x"] = Route(body=b"<p>" + s.host.encode() + b"</p>")
        result = fetcher(respect_robots=False).get(f"http://rebind.test:{good.port}/x")
        assert result.ok, result.error
        assert result.content == b"<p>127.0.0.1</p>"
        assert other.hits == []
        assert good.hits[0][1]["Host"] == f"rebind.test:{good.port}"  # the name still goes in Host
        assert [(a.address, a.peer) for a in result.attempts] == [("127.0.0.1", "127.0.0.1")]


# -- one deadline per response (issue 9, item 5) -------------------------------------------------------


@pytest.mark.parametrize("chunked", [False, True])
def test_a_trickling_body_stops_at_the_deadline(server, chunked: bool) -> None:
    # 64 bytes every 0.1 s with a promise of 1 MB: each read gets data well within read_timeout.
    server.routes["/drip"] = Route(drip=1_000_000, drip_piece=64, drip_every=0.1, chunked=chunked)
    started = time.monotonic()
    result = fetcher(retries=0, connect_timeout=0.5, read_timeout=1).get(server.url("/drip"))
    took = time.monotonic() - started
    assert result.error == "read timed out: the response took more than 1.5s (connect_timeout + read_timeout)"
    assert took < 2.5


def test_headers_dripped_one_line_at_a_time_stop_at_the_deadline(server) -> None:
    server.routes["/slow-headers"] = Route(drip_headers=90, drip_every=0.1)
    started = time.monotonic()
    result = fetcher(retries=0, connect_timeout=0.5, read_timeout=1).get(server.url("/slow-headers"))
    assert result.error == "read timed out: the response took more than 1.5s (connect_timeout + read_timeout)"
    assert time.monotonic() - started < 2.5


def test_a_silent_server_is_a_read_timeout_and_says_so(server) -> None:
    server.routes["/hang"] = Route(delay=3, body=b"late")
    result = fetcher(retries=0, read_timeout=0.5).get(server.url("/hang"))
    assert result.error == "read timed out after 0.5s waiting for the response"


def test_close_ends_a_blocked_read_at_once(server) -> None:
    import threading

    server.routes["/drip"] = Route(drip=1_000_000, drip_piece=16, drip_every=0.5)
    f = fetcher(retries=2, read_timeout=30, connect_timeout=5)
    threading.Timer(0.5, f.close).start()
    started = time.monotonic()
    result = f.get(server.url("/drip"))
    assert result.error == "stopped"
    assert time.monotonic() - started < 2


def test_a_redirect_to_a_backslash_url_is_refused() -> None:
    with LoopbackServer() as good, LoopbackServer("127.0.0.2") as other:
        good.routes["/go"] = Route(status=302, headers={"Location": f"http://127.0.0.2:{other.port}\\@127.0.0.1:{good.port}/x"})
        result = fetcher().get(good.url("/go"))
        assert result.error == "refused: the URL contains a backslash"
        assert other.hits == []


def test_an_ingest_url_with_a_backslash_is_refused(tmp_path) -> None:
    from releasewatch.config import parse_config
    from releasewatch.poll import ingest
    from releasewatch.store import Store

    with LoopbackServer() as good, LoopbackServer("127.0.0.2") as other:
        config = parse_config("titles: [{name: Dune Part Three}]\n"
                              "fetch: {allow_addresses: ['127.0.0.1'], per_host_delay: 0, retries: 0}\n")
        store = Store(tmp_path / "rw.db")
        summary = ingest(config, store, [f"http://127.0.0.2:{other.port}\\@127.0.0.1:{good.port}/x"])
        assert other.hits == []
        assert summary.problems and summary.problems[0].endswith("refused: the URL contains a backslash")
        assert store.conn.execute("SELECT status FROM runs").fetchall() == [("failed",)]


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    """A self-signed certificate for the name feeds.test only."""
    return self_signed_certificate(tmp_path_factory.mktemp("tls"), "feeds.test", "DNS:feeds.test")


def test_https_to_a_pinned_address_checks_the_certificate_against_the_name(tls_files, monkeypatch) -> None:
    import socket
    import ssl

    cert, key = tls_files
    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: real(
        "127.0.0.1" if host == "feeds.test" else host, *a, **k))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    with LoopbackServer() as server:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.httpd.socket = context.wrap_socket(server.httpd.socket, server_side=True)
        server.routes["/feed.xml"] = Route(body=b"<rss/>")
        f = fetcher(respect_robots=False)
        ok = f.get(f"https://feeds.test:{server.port}/feed.xml")
        assert ok.ok and ok.content == b"<rss/>", ok.error
        assert [(a.address, a.peer) for a in ok.attempts] == [("127.0.0.1", "127.0.0.1")]
        assert server.hits[0][1]["Host"] == f"feeds.test:{server.port}"
        # the same server by its address: the certificate does not name 127.0.0.1, so it is refused
        by_address = f.get(f"https://127.0.0.1:{server.port}/feed.xml")
        assert by_address.error and "SSLError" in by_address.error


def test_pinned_pools_are_bounded() -> None:
    from releasewatch.pinning import PinnedAdapter

    servers = [LoopbackServer() for _ in range(3)]
    f = fetcher(respect_robots=False)
    adapter = PinnedAdapter(lambda sock: None, pool_connections=2, pool_maxsize=2, max_retries=0)
    f.session.mount("http://", adapter)
    try:
        for s in servers:
            s.__enter__()
            s.routes["/x"] = Route(body=b"<p>x</p>")
            assert f.get(s.url("/x")).ok
        assert [key[2] for key in adapter._pinned_pools] == [s.port for s in servers[1:]]
        assert f.get(servers[0].url("/x")).ok  # an evicted host gets a new pool
    finally:
        for s in servers:
            s.__exit__(None, None, None)


def test_the_adapter_refuses_a_direct_request_that_was_not_checked(server) -> None:
    import requests

    server.routes["/x"] = Route(body=b"<p>x</p>")
    with pytest.raises(requests.exceptions.InvalidURL, match="without a checked address"):
        fetcher().session.get(server.url("/x"))
    assert server.hits == []
