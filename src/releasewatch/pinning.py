"""Connections pinned to the address the fetcher checked.

Checking a name and then letting urllib3 resolve it again leaves a gap: a name may resolve to a
public address for the check and to a private one for the connection (DNS rebinding). Here the
fetcher resolves once, checks every address, and hands the chosen one to this adapter on the
prepared request; the connection is opened to that address, while the Host header, the TLS SNI
name and the certificate check keep using the name in the URL.

Requests that go through a proxy are not pinned: the proxy resolves the name.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

PIN_ATTRIBUTE = "releasewatch_pinned_address"
_SSL_KEYS = ("cert_reqs", "ca_certs", "ca_cert_dir", "cert_file", "key_file", "key_password")

OnConnect = Callable[[socket.socket], None]


class _PinnedMixin:
    """Connect to `pinned_address` instead of resolving the host again."""

    _dns_host: str

    def __init__(self, *args: Any, pinned_address: str, on_connect: OnConnect, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._pinned_address = pinned_address
        self._on_connect = on_connect

    def _new_conn(self) -> socket.socket:
        # urllib3 connects to `_dns_host`; `host` (the Host header, SNI, the certificate's name) reads
        # the same attribute, so it is swapped only for the moment the socket is opened.
        name = self._dns_host
        self._dns_host = self._pinned_address
        try:
            sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        finally:
            self._dns_host = name
        self._on_connect(sock)
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        sock = getattr(self, "sock", None)
        if sock is not None:  # a kept-alive connection: its socket serves this request now
            self._on_connect(sock)
        super().request(*args, **kwargs)  # type: ignore[misc]


class PinnedHTTPConnection(_PinnedMixin, HTTPConnection):
    pass


class PinnedHTTPSConnection(_PinnedMixin, HTTPSConnection):
    pass


class _PinnedHTTPPool(HTTPConnectionPool):
    ConnectionCls = PinnedHTTPConnection  # type: ignore[assignment]


class _PinnedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = PinnedHTTPSConnection  # type: ignore[assignment]


class PinnedAdapter(HTTPAdapter):
    """An HTTPAdapter that opens each connection to the address set on the prepared request.

    Pools are keyed by (scheme, host, port, address, TLS settings), so a kept-alive connection is
    only ever reused for the same checked address. Every socket opened is reported to
    `on_connect`, and so is a kept-alive socket each time it is reused (the fetcher keeps them,
    to shut one down at its response's deadline and all of them when it is told to stop).
    """

    def __init__(self, on_connect: OnConnect, **kwargs: Any):
        self._on_connect = on_connect
        self._pinned_pools: OrderedDict[tuple[Any, ...], HTTPConnectionPool] = OrderedDict()
        self._pinned_lock = threading.Lock()
        self._pool_size = int(kwargs.get("pool_maxsize", 10))
        self._pool_count = int(kwargs.get("pool_connections", 10))  # pools kept, least recently used dropped
        super().__init__(**kwargs)

    def get_connection_with_tls_context(self, request: requests.PreparedRequest, verify: Any,
                                        proxies: Mapping[str, str] | None = None, cert: Any = None) -> Any:
        address = getattr(request, PIN_ATTRIBUTE, None)
        if requests.utils.select_proxy(request.url or "", dict(proxies or {})):
            return super().get_connection_with_tls_context(request, verify, proxies, cert)
        if address is None:  # fail closed: a direct connection goes only to a checked address
            raise requests.exceptions.InvalidURL("refused: a direct request without a checked address",
                                                 request=request)
        host_params, pool_kwargs = self.build_connection_pool_key_attributes(request, verify, cert)
        scheme, host, port = host_params["scheme"], host_params["host"], host_params["port"]
        port = port or (443 if scheme == "https" else 80)
        key = (scheme, host, port, address, tuple(sorted(pool_kwargs.items())))
        dropped = []
        with self._pinned_lock:
            pool = self._pinned_pools.get(key)
            if pool is None:
                pool = self._new_pinned_pool(scheme, host, port, address, dict(pool_kwargs))
                self._pinned_pools[key] = pool
                while len(self._pinned_pools) > self._pool_count:  # a daemon visits many hosts over time
                    dropped.append(self._pinned_pools.popitem(last=False)[1])
            self._pinned_pools.move_to_end(key)
        for old in dropped:
            old.close()  # idle connections only; one in use is closed when it is put back
        return pool

    def _new_pinned_pool(self, scheme: str, host: str, port: int, address: str,
                         pool_kwargs: dict[str, Any]) -> HTTPConnectionPool:
        conn_kw: dict[str, Any] = {"pinned_address": address, "on_connect": self._on_connect}
        if scheme == "https":
            return _PinnedHTTPSPool(host, port, maxsize=self._pool_size, **pool_kwargs, **conn_kw)
        plain: dict[str, Any] = {k: v for k, v in pool_kwargs.items() if k not in _SSL_KEYS}
        return _PinnedHTTPPool(host, port, maxsize=self._pool_size, **plain, **conn_kw)

    def close(self) -> None:
        with self._pinned_lock:
            pools, self._pinned_pools = list(self._pinned_pools.values()), OrderedDict()
        for pool in pools:
            pool.close()
        super().close()


class SocketRegistry:
    """The sockets a fetcher has open, so that `shutdown_all` can wake every blocked read at once."""

    def __init__(self) -> None:
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        self._lock = threading.Lock()
        self.closed = False

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)
            closed = self.closed
        if closed:
            shutdown_socket(sock)

    def shutdown_all(self) -> None:
        with self._lock:
            self.closed = True
            sockets = list(self._sockets)
        for sock in sockets:
            shutdown_socket(sock)


def shutdown_socket(sock: socket.socket) -> None:
    """End every read on `sock` now, from any thread.

    A shutdown wakes a read that is waiting, but on Linux data that keeps arriving can still be
    read after it; the tiny timeout makes the next read that would wait fail at once.
    """
    with contextlib.suppress(OSError):  # already closed
        sock.settimeout(0.001)
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
