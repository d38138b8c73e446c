"""A real HTTP server on loopback whose routes each test programs."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


@dataclass
class Route:
    status: int = 200
    body: bytes | Callable[[], bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    stream_bytes: int = 0  # send this many bytes in chunks (a huge body)
    sequence: list[tuple[int, dict[str, str], bytes]] = field(default_factory=list)  # answers in turn
    drip: int = 0  # send this many bytes, one small piece at a time (a trickling server)
    drip_every: float = 0.25  # seconds between the pieces
    drip_piece: int = 64  # bytes per piece
    chunked: bool = False  # drip with Transfer-Encoding: chunked instead of a Content-Length
    drip_headers: int = 0  # send the status line, then this many header lines, one per drip_every


class LoopbackServer:
    """ThreadingHTTPServer on host:0 in a thread; `.hits` records every request path."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.routes: dict[str, Route] = {}
        self.hits: list[tuple[str, dict[str, str]]] = []
        self.posts: list[tuple[str, bytes]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with server._lock:
                    server.posts.append((self.path, body))
                self._send(200, {"Content-Type": "application/json"}, b"{}")

            def do_GET(self) -> None:  # noqa: N802
                with server._lock:
                    server.hits.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path) or server.routes.get(self.path.split("?")[0])
                if route is None:
                    self._send(404, {}, b"not found")
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.sequence:
                    with server._lock:
                        status, headers, body = route.sequence.pop(0) if len(route.sequence) > 1 else route.sequence[0]
                    self._send(status, headers, body)
                    return
                if route.stream_bytes:
                    self._stream(route)
                    return
                if route.drip:
                    self._drip(route)
                    return
                if route.drip_headers:
                    self._drip_headers(route)
                    return
                body = route.body() if callable(route.body) else route.body
                etag = route.headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    self._send(304, {"ETag": etag}, b"")
                    return
                self._send(route.status, route.headers, body)

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up
                        self.wfile.write(body)

            def _stream(self, route: Route) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(route.stream_bytes))
                self.end_headers()
                chunk = b"<p>" + b"x" * 65530 + b"</p>"
                sent = 0
                try:
                    while sent < route.stream_bytes:
                        self.wfile.write(chunk)
                        sent += len(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _drip_headers(self, route: Route) -> None:
                try:
                    self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                    for i in range(route.drip_headers):
                        if server.stopping.wait(route.drip_every):
                            return
                        self.wfile.write(b"X-Pad-%d: x\r\n" % i)
                        self.wfile.flush()
                    self.wfile.write(b"Content-Length: 2\r\n\r\nok")
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _drip(self, route: Route) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                if route.chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                else:
                    self.send_header("Content-Length", str(route.drip))
                self.end_headers()
                sent = 0
                try:
                    while sent < route.drip and not server.stopping.is_set():
                        piece = b"x" * min(route.drip_piece, route.drip - sent)
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece) if route.chunked else piece)
                        self.wfile.flush()
                        sent += len(piece)
                        server.stopping.wait(route.drip_every)
                    if route.chunked:
                        self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.stopping = threading.Event()
        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self.host = host
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [p for p, _ in self.hits]

    def __enter__(self) -> LoopbackServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def self_signed_certificate(folder: Path, name: str, alt_name: str) -> tuple[Path, Path]:
    """A self-signed certificate and its key for `name` (subjectAltName `alt_name`, e.g.
    "DNS:feeds.test" or "IP:127.0.0.1"), made with the openssl command (skips without it)."""
    import shutil
    import subprocess

    import pytest

    if shutil.which("openssl") is None:
        pytest.skip("openssl command not available")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={name}",
                    "-addext", f"subjectAltName={alt_name}", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key
