"""The polite HTTP client.

One requests.Session; connect/read timeouts; a streamed size cap; conditional GET; retries with
exponential backoff and jitter on connection errors, 429 and 5xx, honouring Retry-After; a
per-host delay and concurrency limit while different hosts are fetched in parallel; robots.txt
(with Crawl-delay); redirects followed by hand so every hop is checked: only http(s), and no
private, loopback or link-local address unless the configuration allows it.
Errors never raise out of `get`/`fetch_many`: they are in `FetchResult.error`.
"""

from __future__ import annotations

import ipaddress
import logging
import random
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests

from .errors import FetchError, RefusedURL

log = logging.getLogger(__name__)

RETRY_STATUS = {429, 500, 502, 503, 504}


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


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


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
        adapter = requests.adapters.HTTPAdapter(pool_connections=64, pool_maxsize=64, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._allowed = [ipaddress.ip_network(a, strict=False) for a in settings.allow_addresses]
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._closed = threading.Event()

    def close(self) -> None:
        self._closed.set()

    # -- policy ------------------------------------------------------------------------------------

    def check_url(self, url: str) -> None:
        """Raise RefusedURL for a scheme other than http(s) or an address policy forbids."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise RefusedURL(f"refused: {parts.scheme or 'no'} scheme (only http and https)", url=url)
        host = parts.hostname
        if not host:
            raise RefusedURL("refused: no host in URL", url=url)
        if self.proxy_for(url) and not _is_ip_literal(host) and host.rstrip(".").lower() != "localhost":
            return  # the proxy resolves names (there may be no DNS here); literal addresses are still checked
        try:
            infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                       type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise FetchError(f"cannot resolve {host}: {exc.strerror}", url=url) from None
        for info in infos:
            address = ipaddress.ip_address(info[4][0])
            if self._is_internal(address) and not any(address in net for net in self._allowed):
                raise RefusedURL(f"refused: {address} is not an allowed address", url=url)

    def proxy_for(self, url: str) -> str | None:
        """The proxy a request to `url` goes through: the configuration's, else HTTP(S)_PROXY (NO_PROXY honoured)."""
        proxies: dict[str, str] = {}
        if self.session.trust_env:
            proxies.update(requests.utils.get_environ_proxies(url))
        proxies.update(self.session.proxies)
        return requests.utils.select_proxy(url, proxies)

    @staticmethod
    def _is_internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return (address.is_private or address.is_loopback or address.is_link_local or address.is_reserved
                or address.is_multicast or address.is_unspecified)

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
            response, record = self._request(robots_url, {}, max_bytes=500_000)
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
            time.sleep(start - now)

    # -- requests ----------------------------------------------------------------------------------

    def _request(self, url: str, headers: dict[str, str], *, max_bytes: int) -> tuple[requests.Response, RequestRecord]:
        """One GET without redirects, body streamed up to max_bytes."""
        record = RequestRecord(url, _now())
        started = time.monotonic()
        try:
            response = self.session.get(url, headers=headers, stream=True, allow_redirects=False,
                                        timeout=(self.settings.connect_timeout, self.settings.read_timeout))
            record.status = response.status_code
            body, truncated = _read_capped(response, max_bytes, self.settings.read_timeout)
            response._content = body  # noqa: SLF001 - requests' own cache of the body
            response._content_consumed = True  # type: ignore[attr-defined]  # noqa: SLF001
            response.truncated = truncated  # type: ignore[attr-defined]
            record.bytes = len(body)
            record.etag = response.headers.get("ETag")
            record.last_modified = response.headers.get("Last-Modified")
            if truncated:
                record.error = f"body cut at {max_bytes} bytes"
            return response, record
        except requests.Timeout:
            record.error = f"timed out after {self.settings.read_timeout:g}s"
            raise FetchError(record.error, url=url) from None
        except requests.RequestException as exc:
            record.error = f"connection failed: {type(exc).__name__}"
            raise FetchError(record.error, url=url) from None
        finally:
            record.duration = round(time.monotonic() - started, 4)

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
            self.check_url(current)
            host = self._host(current)
            if not self._robots_allows(current, host, result):
                raise RefusedURL("disallowed by robots.txt", url=current)
            headers = {}
            if etag and current == url:
                headers["If-None-Match"] = etag
            if last_modified and current == url:
                headers["If-Modified-Since"] = last_modified
            response = self._with_retries(current, headers, host, result)
            if response.is_redirect:
                location = response.headers.get("Location", "")
                current = urljoin(current, location)
                continue
            self._fill(result, current, response)
            return
        raise FetchError(f"too many redirects (more than {self.settings.max_redirects})", url=url)

    def _with_retries(self, url: str, headers: dict[str, str], host: _Host, result: FetchResult) -> requests.Response:
        attempts = self.settings.retries + 1
        for attempt in range(1, attempts + 1):
            if self._closed.is_set():
                raise FetchError("stopped", url=url)
            with host.slots:
                self._wait_turn(host)
                try:
                    response, record = self._request(url, headers, max_bytes=self.settings.max_bytes)
                except FetchError as exc:
                    result.attempts.append(RequestRecord(url, _now(), error=str(exc)))
                    if attempt == attempts:
                        raise FetchError(f"{exc} (after {attempts} attempts)", url=url) from None
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
        time.sleep(min(wait_s, self.settings.max_backoff))

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


def _read_capped(response: requests.Response, max_bytes: int, read_timeout: float) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = 0
    deadline = time.monotonic() + max(read_timeout * 4, 10)
    for chunk in response.iter_content(chunk_size=65536):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            response.close()
            return b"".join(chunks)[:max_bytes], True
        if time.monotonic() > deadline:  # a trickling server must not hold us forever
            response.close()
            raise requests.Timeout("body took too long")
    return b"".join(chunks), False


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
