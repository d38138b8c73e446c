"""The daemon as a real subprocess: polls a local site, mails a digest, refuses a twin, reloads, stops."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from releasewatch.config import parse_config
from releasewatch.daemon import next_allowed_poll, source_groups
from releasewatch.demo.server import DemoSite

from .httpfixtures import LoopbackServer, Route

ROOT = Path(__file__).resolve().parents[1]
T0 = datetime(2024, 1, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize(("failures", "expected_minutes"), [
    (0, None), (1, None), (2, 120), (3, 240), (4, 480), (9, 480),
])
def test_backoff_doubles_and_caps(failures: int, expected_minutes: int | None) -> None:
    when = next_allowed_poll(T0, failures, timedelta(hours=1), 8)
    assert when == (None if expected_minutes is None else T0 + timedelta(minutes=expected_minutes))


def test_sources_grouped_by_interval() -> None:
    config = parse_config("sources:\n  - {name: A, url: 'http://a/', every: 2h}\n  - {name: B, url: 'http://b/', every: 2h}\n"
                          "  - {name: C, url: 'http://c/', every: '0 8 * * *'}\n  - {name: D, url: 'http://d/', enabled: false}\n")
    assert source_groups(config) == {"2h": ["A", "B"], "0 8 * * *": ["C"]}


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(envelope.content)
        return "250 OK"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@contextmanager
def _daemon(config: Path, cwd: Path) -> Iterator[subprocess.Popen[str]]:
    """scheduler.py as a real subprocess; its log goes to cwd/daemon.log (a file: an unread pipe could
    fill and block the daemon). Killed on the way out if the test did not stop it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with open(cwd / "daemon.log", "w") as log:
        proc = subprocess.Popen([sys.executable, str(ROOT / "scheduler.py"), "--config", str(config), "-v"],
                                cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=log, text=True)
        try:
            yield proc
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def _claims(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        try:
            return conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


@pytest.mark.slow
def test_daemon_end_to_end(tmp_path: Path) -> None:
    from aiosmtpd.controller import Controller

    inbox = _Inbox()
    smtp_port = free_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    clock = lambda: datetime(2023, 11, 20, 12, tzinfo=timezone.utc)  # noqa: E731
    with DemoSite(clock) as site, LoopbackServer() as bad:
        bad.routes["/hang.xml"] = Route(delay=5, body=b"<rss/>")
        bad.routes["/500.xml"] = Route(status=500, body=b"down")
        config = tmp_path / "sources.yaml"
        db = tmp_path / "rw.db"
        config.write_text(f"""
titles:
  - name: Ballerina
    context: [John Wick, Ana de Armas, Lionsgate]
sources:
  - {{name: Reel Ledger, url: "{site.base_url}/reel-ledger/feed.xml", every: 2s, reliability: 0.9}}
  - {{name: Hangs, url: "{bad.url('/hang.xml')}", every: 2s}}
  - {{name: Broken, url: "{bad.url('/500.xml')}", every: 2s}}
fetch: {{allow_addresses: ["127.0.0.1"], per_host_delay: 0, retries: 0, read_timeout: 1, connect_timeout: 1}}
schedule: {{digest_every: 3s, misfire_grace: 5}}
digest:
  deliver:
    - {{type: email, to: [fan@example.org], host: 127.0.0.1, port: {smtp_port}, starttls: false}}
database: {db}
""")
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        log = open(tmp_path / "daemon.log", "w")  # noqa: SIM115 - an unread pipe could fill and block the daemon
        proc = subprocess.Popen([sys.executable, str(ROOT / "scheduler.py"), "--config", str(config), "-v"],
                                cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=log, text=True)
        try:
            _wait_for(lambda: _claims(db) > 0, 30, "claims from the first poll")
            _wait_for(lambda: len(inbox.messages) > 0, 30, "a digest by mail")
            twin = subprocess.run([sys.executable, str(ROOT / "scheduler.py"), "--config", str(config)], cwd=tmp_path,
                                  env=env, capture_output=True, text=True, timeout=30)
            assert twin.returncode == 3
            assert "in use by daemon" in twin.stderr
            config.write_text(config.read_text() + "\nbogus_key: 1\n")
            proc.send_signal(signal.SIGHUP)
            time.sleep(1.5)
            assert proc.poll() is None, "an invalid reload must not stop the daemon"
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=20)
        finally:
            if proc.poll() is None:
                proc.kill()
            smtp.stop()
        log.close()
        stderr = (tmp_path / "daemon.log").read_text()
    assert proc.returncode == 0, stderr[-3000:]
    assert "reload refused" in stderr and "bogus_key" in stderr
    assert "Broken" in stderr or "HTTP 500" in stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        failing = dict(conn.execute("SELECT name, consecutive_failures FROM sources").fetchall())
        assert failing["Broken"] >= 1 and failing["Hangs"] >= 1 and failing["Reel Ledger"] == 0
        dupes = conn.execute("SELECT COUNT(*) - COUNT(DISTINCT claim_hash) FROM claims").fetchone()[0]
        assert dupes == 0
        assert conn.execute("SELECT COUNT(*) FROM runs WHERE status = 'running'").fetchone()[0] == 0
    assert b"releasewatch digest" in inbox.messages[0]


@pytest.mark.slow
def test_sigterm_during_a_slow_fetch_stops_the_daemon_within_seconds(tmp_path: Path) -> None:
    with LoopbackServer() as slow:
        # A feed that trickles 16 bytes every half second: each read gets data long before read_timeout.
        slow.routes["/feed.xml"] = Route(drip=10_000_000, drip_piece=16, drip_every=0.5)
        config = tmp_path / "sources.yaml"
        db = tmp_path / "rw.db"
        config.write_text(f"""
titles:
  - name: Ballerina
    context: [John Wick]
sources:
  - {{name: Slow, url: "{slow.url('/feed.xml')}", every: 1h}}
fetch: {{allow_addresses: ["127.0.0.1"], per_host_delay: 0, retries: 3, read_timeout: 30, connect_timeout: 10,
         respect_robots: false}}
database: {db}
""")
        with _daemon(config, tmp_path) as proc:
            _wait_for(lambda: slow.hits, 30, "the slow fetch to start")
            time.sleep(1)
            stopped_at = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=25)
            took = time.monotonic() - stopped_at
    stderr = (tmp_path / "daemon.log").read_text()
    assert proc.returncode == 0, stderr[-3000:]
    assert took < 5, f"took {took:.1f}s to stop"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
        assert conn.execute("SELECT consecutive_failures FROM sources").fetchall() == [(0,)]


@pytest.mark.slow
def test_sighup_with_a_tagged_yaml_file_keeps_the_old_config(tmp_path: Path) -> None:
    with LoopbackServer() as site:
        site.routes["/feed.xml"] = Route(body=b"<rss version='2.0'><channel></channel></rss>")
        config = tmp_path / "sources.yaml"
        db = tmp_path / "rw.db"
        config.write_text(f"""
titles: [{{name: Dune Part Three}}]
sources:
  - {{name: Site, url: "{site.url('/feed.xml')}", every: 1h}}
fetch: {{allow_addresses: ["127.0.0.1"], per_host_delay: 0, respect_robots: false}}
database: {db}
""")
        with _daemon(config, tmp_path) as proc:
            _wait_for(lambda: site.hits, 30, "the first poll")
            config.write_text(config.read_text().replace(f"database: {db}", "database: !!python/name:os.system x"))
            proc.send_signal(signal.SIGHUP)
            time.sleep(2)
            alive = proc.poll() is None
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=20)
    stderr = (tmp_path / "daemon.log").read_text()
    assert alive, stderr[-3000:]
    assert proc.returncode == 0
    assert "reload refused" in stderr and "YAML tags such as !!python/name:os.system are not allowed" in stderr
