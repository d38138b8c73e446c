"""The polite HTTP client.

One requests.Session; connect/read timeouts; a streamed size cap; conditional GET; retries with
exponential backoff and jitter on connection errors, 429 and 5xx, honouring Retry-After; a
per-host delay and concurrency limit while different hosts are fetched in parallel; robots.txt
(with Crawl-delay); redirects followed by hand so every hop is checked: only http(s), and no
private, loopback or link-local address unless the configuration allows it.

Each URL is checked as the HTTP library will read it (the prepared URL, parsed by urllib3), and
anything that parsers read differently is refused outright: backslashes, control characters,
whitespace, user names or passwords, numeric hosts other than a dotted quad or a bracketed IPv6
address. The name is resolved once; the connection is pinned to the address that was checked
(pinning.py), so a second lookup cannot lead elsewhere. Each response has one wall-clock deadline
(connect + read timeouts), checked on every small read.
Errors never raise out of `get`/`fetch_many`: they are in `FetchResult.error`.
"""

from __future__ import annotations

import heapq
import ipaddress
import logging
import random
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from urllib3.util import parse_url

from .errors import FetchError, RefusedURL
from .pinning import PIN_ATTRIBUTE, PinnedAdapter, SocketRegistry, shutdown_socket
from .urlcheck import (  # noqa: F401  (refusal_without_lookup and prepare_url are used from here too)
    _is_internal,
    _is_ip_literal,
    _normalised,
    _numeric_host_problem,
    prepare_url,
    refusal_without_lookup,
)

log = logging.getLogger(__name__)

RETRY_STATUS = {429, 500, 502, 503, 504}
READ_CHUNK = 16_384  # small reads, so the deadline and a stop are noticed while a body trickles in


@dataclass
class RequestRecord:
    """One HTTP request made (for the `fetches` table)."""

    url: str
    started_at: datetime
    status: int | None = None
    bytes: int = 0
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    duration: float = 0.0
    address: str | None = None  # the checked address the connection was pinned to (None through a proxy)
    peer: str | None = None  # the address the socket is actually connected to


@dataclass(frozen=True)
class Target:
    """A URL that passed the checks: as the HTTP library will send it, and where to connect."""

    url: str  # as prepared by requests
    host: str
    port: int
    address: str | None  # None when a proxy resolves the name
    given: str = ""  # the URL as it was given (preparing is not idempotent: /%2e%2e/ -> /../ -> /)


@dataclass(frozen=True)
class FetchRequest:
    url: str
    key: str = ""
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class FetchResult:
    url: str
    key: str = ""
    final_url: str = ""
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""
    encoding: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    truncated: bool = False
    error: str | None = None
    elapsed: float = 0.0
    attempts: list[RequestRecord] = field(default_factory=list)

    @property
    def text(self) -> str:
        from .article import decode

        return decode(self.content, self.encoding)

    @property
    def ok(self) -> bool:
        return self.error is None


class _Host:
    """Per-host politeness: a semaphore for concurrency and the time of the next allowed request."""

    def __init__(self, concurrency: int):
        self.slots = threading.Semaphore(concurrency)
        self.lock = threading.Lock()
        self.next_at = 0.0
        self.delay: float | None = None  # robots.txt Crawl-delay, once known
        self.robots: Any = None
        self.robots_loaded = False


class _Watchdog:
    """One thread for every response deadline in the process (not a timer thread per request)."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, _Deadline]] = []
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._count = 0

    def add(self, when: float, deadline: _Deadline) -> None:
        with self._cond:
            self._count += 1
            heapq.heappush(self._heap, (when, self._count, deadline))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="fetch-deadlines", daemon=True)
                self._thread.start()
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._heap or self._heap[0][0] > time.monotonic():
                    self._cond.wait(self._heap[0][0] - time.monotonic() if self._heap else None)
                _, _, deadline = heapq.heappop(self._heap)
            deadline.expire()


_WATCHDOG = _Watchdog()


class _Deadline:
    """Shuts the request's socket when its response's deadline passes, whatever phase it is in
    (a server that drips its status line and headers is bound by the deadline too)."""

    def __init__(self, seconds: float):
        self.expired = False
        self._sock: socket.socket | None = None
        self._done = False
        self._lock = threading.Lock()
        _WATCHDOG.add(time.monotonic() + max(seconds, 0.0), self)

    def attach(self, sock: socket.socket | None) -> None:
        with self._lock:
            self._sock = sock
            expired = self.expired
        if expired and sock is not None:
            shutdown_socket(sock)

    def expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            sock = self._sock
        if sock is not None:
            shutdown_socket(sock)

    def finish(self) -> None:
        with self._lock:
            self._done = True
            self._sock = None


class Fetcher:
    """Fetch URLs politely. Thread-safe; one instance per run (or per daemon)."""

    def __init__(self, settings: Any):
        self.settings = settings
        self.session = requests.Session()
        self.session.headers["User-Agent"] = settings.user_agent
        self.session.headers["Accept-Encoding"] = "gzip, deflate"
        if getattr(settings, "proxies", None):
            self.session.proxies.update(dict(settings.proxies))
            self.session.trust_env = False
        self._sockets = SocketRegistry()
        self._local = threading.local()  # the current request's _Deadline, per fetching thread
        adapter = PinnedAdapter(self._on_connect, pool_connections=64, pool_maxsize=64, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._allowed = [ipaddress.ip_network(a, strict=False) for a in settings.allow_addresses]
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._closed = threading.Event()

    def _on_connect(self, sock: socket.socket) -> None:
        self._sockets.add(sock)
        watch: _Deadline | None = getattr(self._local, "deadline", None)
        if watch is not None:
            watch.attach(sock)

    def close(self) -> None:
        """Stop: no new requests, and every open connection is shut so that blocked reads end now."""
        self._closed.set()
        self._sockets.shutdown_all()

    @contextmanager
    def stopped_by(self, stop: threading.Event | None) -> Iterator[None]:
        """While inside, a set `stop` closes the fetcher at once (a SIGTERM during a slow fetch)."""
        if stop is None:
            yield
            return
        done = threading.Event()

        def watch() -> None:
            while not done.is_set():
                if stop.wait(0.2):
                    self.close()
                    return

        watcher = threading.Thread(target=watch, name="fetch-stop", daemon=True)
        watcher.start()
        try:
            yield
        finally:
            done.set()

    # -- policy ------------------------------------------------------------------------------------

    def check_url(self, url: str) -> Target:
        """The checked target of `url`, or RefusedURL (scheme, odd spelling, an address policy forbids)."""
        prepared = prepare_url(url)
        parts = parse_url(prepared)
        host = (parts.host or "").strip("[]")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        problem = _numeric_host_problem(host)
        if problem:
            raise RefusedURL(problem, url=url)
        if self.proxy_for(prepared) and not _is_ip_literal(host) and host.rstrip(".").lower() != "localhost":
            # The proxy resolves names (there may be no DNS here); literal addresses are still checked.
            return Target(prepared, host, port, None, url)
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise FetchError(f"cannot resolve {host}: {exc.strerror}", url=url) from None
        addresses = [_normalised(str(info[4][0])) for info in infos]
        for address in addresses:
            if self._is_internal(address) and not any(address in net for net in self._allowed):
                raise RefusedURL(f"refused: {address} is not an allowed address", url=url)
        if not addresses:
            raise FetchError(f"cannot resolve {host}: no addresses", url=url)
        return Target(prepared, host, port, str(addresses[0]), url)

    def proxy_for(self, url: str) -> str | None:
        """The proxy a request to `url` goes through: the configuration's, else HTTP(S)_PROXY (NO_PROXY honoured)."""
        proxies: dict[str, str] = {}
        if self.session.trust_env:
            proxies.update(requests.utils.get_environ_proxies(url))
        proxies.update(self.session.proxies)
        return requests.utils.select_proxy(url, proxies)

    @staticmethod
    def _is_internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return _is_internal(address)

    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        with self._hosts_lock:
            if key not in self._hosts:
                self._hosts[key] = _Host(self.settings.per_host_concurrency)
            return self._hosts[key]

    def _robots_allows(self, url: str, host: _Host, result: FetchResult) -> bool:
        if not self.settings.respect_robots:
            return True
        with host.lock:
            if not host.robots_loaded:
                host.robots_loaded = True
                host.robots = self._load_robots(url, result)
                if host.robots is not None:
                    delay = host.robots.crawl_delay(self.settings.user_agent)
                    host.delay = float(delay) if delay else None
        return host.robots is None or host.robots.can_fetch(url, self.settings.user_agent)

    def _load_robots(self, url: str, result: FetchResult) -> Any:
        from protego import Protego

        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        try:
            response, record = self._request(self.check_url(robots_url), {}, max_bytes=500_000)
        except (FetchError, requests.RequestException) as exc:
            result.attempts.append(RequestRecord(robots_url, _now(), error=str(exc)))
            return None
        result.attempts.append(record)
        if response.status_code >= 400 or not response.content:
            return None  # no robots.txt: everything allowed
        try:
            return Protego.parse(response.content.decode("utf-8", errors="replace"))
        except Exception:  # a broken robots.txt does not stop us reading what it cannot forbid
            return None

    def _wait_turn(self, host: _Host) -> None:
        delay = max(self.settings.per_host_delay, host.delay or 0.0)
        with host.lock:
            now = time.monotonic()
            start = max(now, host.next_at)
            host.next_at = start + delay
        if start > now:
            self._closed.wait(start - now)

    # -- requests ----------------------------------------------------------------------------------

    def _request(self, target: Target, headers: dict[str, str], *,
                 max_bytes: int) -> tuple[requests.Response, RequestRecord]:
        """One GET without redirects to the checked address, body streamed up to max_bytes.

        The whole response has one deadline, connect_timeout + read_timeout from the start.
        """
        record = RequestRecord(target.url, _now(), address=target.address)
        started = time.monotonic()
        total = self.settings.connect_timeout + self.settings.read_timeout
        deadline = started + total
        watch = self._local.deadline = _Deadline(total)
        try:
            if self._closed.is_set():
                raise FetchError("stopped", url=target.url)
            prepared = self.session.prepare_request(requests.Request("GET", target.given or target.url,
                                                                     headers=headers))
            if prepared.url != target.url:  # never send what was not checked
                raise RefusedURL("refused: the URL changed after it was checked", url=target.url)
            setattr(prepared, PIN_ATTRIBUTE, target.address)
            options: dict[str, Any] = dict(self.session.merge_environment_settings(
                prepared.url, {}, None, None, None))
            options.update(stream=True, allow_redirects=False,
                           timeout=(self.settings.connect_timeout, self.settings.read_timeout))
            response = self.session.send(prepared, **options)
            record.status = response.status_code
            record.peer = _peer_of(response)
            watch.attach(_socket_of(response))  # a kept-alive connection was not seen connecting
            body, truncated = self._read_body(response, max_bytes, deadline, watch)
            response._content = body  # noqa: SLF001 - requests' own cache of the body
            response._content_consumed = True  # type: ignore[attr-defined]  # noqa: SLF001
            response.truncated = truncated  # type: ignore[attr-defined]
            record.bytes = len(body)
            record.etag = response.headers.get("ETag")
            record.last_modified = response.headers.get("Last-Modified")
            if truncated:
                record.error = f"body cut at {max_bytes} bytes"
            return response, record
        except FetchError as exc:
            record.error = str(exc)
            raise
        except requests.ConnectTimeout:
            record.error = self._cut_short(watch, f"connect timed out after {self.settings.connect_timeout:g}s")
        except requests.Timeout:
            record.error = self._cut_short(watch, f"read timed out after {self.settings.read_timeout:g}s "
                                                  "waiting for the response")
        except requests.RequestException as exc:
            record.error = self._cut_short(watch, f"connection failed: {type(exc).__name__}")
        finally:
            watch.finish()
            self._local.deadline = None
            record.duration = round(time.monotonic() - started, 4)
        raise FetchError(record.error, url=target.url)

    def _cut_short(self, watch: _Deadline, message: str) -> str:
        """The error to report: a stop or the response's deadline, if that is what ended the request."""
        if self._closed.is_set():
            return "stopped"
        if watch.expired:
            total = self.settings.connect_timeout + self.settings.read_timeout
            return f"read timed out: the response took more than {total:g}s (connect_timeout + read_timeout)"
        return message

    def _read_body(self, response: requests.Response, max_bytes: int, deadline: float,
                   watch: _Deadline) -> tuple[bytes, bool]:
        """The body in small reads; each read may wait read_timeout at most, and never past the deadline."""
        raw = response.raw
        sock = _socket_of(response)
        total = self.settings.connect_timeout + self.settings.read_timeout
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise FetchError(f"read timed out: the response took more than {total:g}s "
                                     "(connect_timeout + read_timeout)", url=response.url)
                if sock is not None:
                    sock.settimeout(min(self.settings.read_timeout, remaining))
                chunk = raw.read1(READ_CHUNK, decode_content=True)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    return b"".join(chunks)[:max_bytes], True
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            if self._closed.is_set():
                raise FetchError("stopped", url=response.url) from None
            if watch.expired or isinstance(exc, urllib3.exceptions.ReadTimeoutError | TimeoutError):
                if watch.expired or time.monotonic() >= deadline - 0.05:
                    raise FetchError(f"read timed out: the response took more than {total:g}s "
                                     "(connect_timeout + read_timeout)", url=response.url) from None
                raise FetchError(f"read timed out after {self.settings.read_timeout:g}s without data",
                                 url=response.url) from None
            raise FetchError(f"connection failed while reading: {type(exc).__name__}", url=response.url) from None
        finally:
            if self._closed.is_set() or size > max_bytes or time.monotonic() >= deadline:
                response.close()
        if self._closed.is_set():
            raise FetchError("stopped", url=response.url)
        if watch.expired:  # the socket was shut under the read: what arrived is not the whole body
            raise FetchError(f"read timed out: the response took more than {total:g}s "
                             "(connect_timeout + read_timeout)", url=response.url)
        return b"".join(chunks), False

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None, key: str = "") -> FetchResult:
        """Fetch one URL politely; every problem ends up in `.error`."""
        result = FetchResult(url=url, key=key or url)
        started = time.monotonic()
        try:
            self._get_following_redirects(url, etag, last_modified, result)
        except FetchError as exc:
            result.error = str(exc)
        except Exception as exc:  # never let one URL take the run down
            log.exception("unexpected error fetching %s", url)
            result.error = f"unexpected error: {type(exc).__name__}: {exc}"
        result.elapsed = round(time.monotonic() - started, 4)
        if result.error:
            log.info("%s: %s", url, result.error)
        return result

    def _get_following_redirects(self, url: str, etag: str | None, last_modified: str | None,
                                 result: FetchResult) -> None:
        seen: set[str] = set()
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            if current in seen:
                raise FetchError(f"redirect loop at {current}", url=url)
            seen.add(current)
            try:
                target = self.check_url(current)
                host = self._host(current)
                if not self._robots_allows(current, host, result):
                    raise RefusedURL("disallowed by robots.txt", url=current)
            except FetchError as exc:  # a refused URL still leaves its row in `fetches`
                result.attempts.append(RequestRecord(current, _now(), error=str(exc)))
                raise
            headers = {}
            if etag and current == url:
                headers["If-None-Match"] = etag
            if last_modified and current == url:
                headers["If-Modified-Since"] = last_modified
            response = self._with_retries(target, headers, host, result)
            if response.is_redirect:
                location = response.headers.get("Location", "")
                current = urljoin(current, location)
                continue
            self._fill(result, current, response)
            return
        raise FetchError(f"too many redirects (more than {self.settings.max_redirects})", url=url)

    def _with_retries(self, target: Target, headers: dict[str, str], host: _Host,
                      result: FetchResult) -> requests.Response:
        url = target.url
        attempts = self.settings.retries + 1
        for attempt in range(1, attempts + 1):
            if self._closed.is_set():
                raise FetchError("stopped", url=url)
            with host.slots:
                self._wait_turn(host)
                try:
                    response, record = self._request(target, headers, max_bytes=self.settings.max_bytes)
                except FetchError as exc:
                    result.attempts.append(RequestRecord(url, _now(), error=str(exc), address=target.address))
                    if attempt == attempts or self._closed.is_set():
                        tried = f" (after {attempt} attempts)" if attempt > 1 else ""
                        raise FetchError(f"{exc}{tried}", url=url) from None
                    self._sleep_backoff(attempt, None)
                    continue
            result.attempts.append(record)
            if response.status_code in RETRY_STATUS and attempt < attempts:
                self._sleep_backoff(attempt, response.headers.get("Retry-After"))
                continue
            return response
        raise FetchError("retries exhausted", url=url)  # pragma: no cover - the loop returns or raises

    def _sleep_backoff(self, attempt: int, retry_after: str | None) -> None:
        wait_s = self.settings.backoff * (2 ** (attempt - 1))
        wait_s += random.uniform(0, wait_s / 2)  # noqa: S311 - jitter, not crypto
        hinted = _retry_after_seconds(retry_after)
        if hinted is not None:
            wait_s = max(wait_s, hinted)
        self._closed.wait(min(wait_s, self.settings.max_backoff))

    def _fill(self, result: FetchResult, final_url: str, response: requests.Response) -> None:
        result.final_url = final_url
        result.status = response.status_code
        result.headers = dict(response.headers)
        result.etag = response.headers.get("ETag")
        result.last_modified = response.headers.get("Last-Modified")
        if response.status_code == 304:
            result.not_modified = True
            return
        result.content = response.content or b""
        result.truncated = bool(getattr(response, "truncated", False))
        result.encoding = _declared_charset(response.headers.get("Content-Type", ""))
        if response.status_code >= 400:
            tries = sum(1 for a in result.attempts if a.url == final_url)
            result.error = f"HTTP {response.status_code}" + (
                f" after {tries} attempts" if response.status_code in RETRY_STATUS and tries > 1 else "")
        elif result.truncated:
            result.error = f"body cut at {self.settings.max_bytes} bytes"
        elif not result.content.strip():
            result.error = "empty response"

    def fetch_many(self, requests_: Iterable[FetchRequest]) -> Iterator[FetchResult]:
        """Fetch in parallel across hosts (politely per host); yield results as they complete."""
        items = list(requests_)
        if not items:
            return
        workers = max(1, min(self.settings.concurrency, len(items)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool:
            pending: set[Future[FetchResult]] = set()
            queue = iter(items)
            for item in queue:
                pending.add(pool.submit(self.get, item.url, etag=item.etag, last_modified=item.last_modified,
                                        key=item.key))
                if len(pending) >= workers * 4:
                    break
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
                    nxt = next(queue, None)
                    if nxt is not None and not self._closed.is_set():
                        pending.add(pool.submit(self.get, nxt.url, etag=nxt.etag, last_modified=nxt.last_modified,
                                                key=nxt.key))


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _socket_of(response: requests.Response) -> Any:
    return getattr(getattr(response.raw, "connection", None), "sock", None)


def _peer_of(response: requests.Response) -> str | None:
    """The address the response's socket is connected to."""
    sock = _socket_of(response)
    try:
        return str(sock.getpeername()[0]) if sock is not None else None
    except OSError:
        return None


def _declared_charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            return value.strip("\"' ")
    return None  # requests' ISO-8859-1 default for text/* is wrong more often than not


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - _now()).total_seconds())
