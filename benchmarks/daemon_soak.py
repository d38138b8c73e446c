"""Daemon soak: 200 sources polled every few seconds for 10 minutes, 10% of requests failing or hanging.

    python benchmarks/daemon_soak.py [--minutes 10] [--sources 200]

The daemon runs as a real subprocess (scheduler.py) against local servers on 127.0.0.1-127.0.0.4;
new articles appear every 10 s; one request in ten answers 500 or hangs past the read timeout.
Digests go to a folder every 30 s. Reported: resident memory after warm-up (first quarter) and at
the end, digests made and delivered, missed or skipped digest runs and the longest gap between two
digests, duplicate claims, exit code after SIGTERM and how long
the stop took. The peer, in the same run: the memory of an idle daemon (no sources) over 10 s.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START = time.time()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # noqa: ANN002
        pass

    def do_GET(self) -> None:  # noqa: N802
        roll = random.random()
        if roll < 0.05:
            return self._send(500, b"flaky")
        if roll < 0.10:
            time.sleep(4)  # past the daemon's 2 s read timeout
        if self.path == "/robots.txt":
            return self._send(200, b"User-agent: *\nAllow: /\n")
        if self.path.startswith("/feed/"):
            n = int(self.path.split("/")[2].split(".")[0])
            newest = int((time.time() - START) // 10)
            host = f"{self.server.server_address[0]}:{self.server.server_address[1]}"
            items = "".join(f"<item><title>Update {k}</title><link>http://{host}/a/{(n + k) % 400}-{k}.html</link></item>"
                            for k in range(max(0, newest - 4), newest + 1))
            return self._send(200, f"<?xml version='1.0'?><rss version='2.0'><channel><title>F{n}</title>{items}"
                                   "</channel></rss>".encode())
        k = self.path.rsplit("-", 1)[-1].split(".")[0]
        body = (f"<html><body><article><h1>Mercy Street update {k}</h1><p>Mercy Street is set for March {int(k) % 27 + 1}, "
                f"2026, Universal said.</p><p>The cast is large and the shoot moved to Atlanta.</p></article></body></html>")
        return self._send(200, body.encode())

    def _send(self, status: int, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_daemon(tmp: Path, sources_yaml: str, seconds: float) -> dict:
    config = tmp / "sources.yaml"
    config.write_text(sources_yaml)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    log = open(tmp / "daemon.log", "w")  # noqa: SIM115 - a pipe nobody reads would fill and block the daemon
    proc = subprocess.Popen([sys.executable, str(ROOT / "scheduler.py"), "--config", str(config), "-v"], env=env,
                            cwd=tmp, stdout=subprocess.DEVNULL, stderr=log, text=True)
    samples = []
    t0 = time.monotonic()
    while time.monotonic() - t0 < seconds and proc.poll() is None:
        time.sleep(2)
        samples.append((time.monotonic() - t0, rss_mb(proc.pid)))
    stop0 = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()
    return {"samples": samples, "code": proc.returncode, "stop_s": time.monotonic() - stop0,
            "stderr": (tmp / "daemon.log").read_text()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--show-log", action="store_true", help="print the end of the daemon's log")
    args = parser.parse_args()
    servers = []
    for h in range(4):
        httpd = ThreadingHTTPServer((f"127.0.0.{h + 1}", 0), Handler)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        lines = "\n".join(
            f"  - {{name: 'src {i}', url: 'http://{s.server_address[0]}:{s.server_address[1]}/feed/{i}.xml', every: 5s}}"
            for i in range(args.sources) for s in [servers[i % 4]])
        common = f"""fetch: {{allow_addresses: ["127.0.0.0/8"], per_host_delay: 0, per_host_concurrency: 8, concurrency: 16,
         retries: 0, read_timeout: 2, connect_timeout: 2}}
schedule: {{digest_every: 30s, misfire_grace: 30, max_backoff_factor: 2}}
digest:
  send_empty: true  # a digest every 30 s, quiet or not: the soak counts them
  deliver: [{{type: file, path: "{tmp}/digests/"}}]
database: {tmp}/soak.db
"""
        (tmp / "idle").mkdir()
        idle = run_daemon(tmp / "idle", "titles: [{name: Mercy Street}]\n"
                          + common.replace("soak.db", "idle.db").replace("/digests/", "/idle-digests/"), 10)
        result = run_daemon(tmp, f"titles: [{{name: Mercy Street}}]\nsources:\n{lines}\n{common}", args.minutes * 60)
        samples = result["samples"]
        warm = [m for t, m in samples if t >= args.minutes * 15]
        after_warmup, end, peak = (warm[0] if warm else 0), samples[-1][1], max(m for _, m in samples)
        with sqlite3.connect(tmp / "soak.db") as conn:
            dupes = conn.execute("SELECT COUNT(*) - COUNT(DISTINCT claim_hash) FROM claims").fetchone()[0]
            claims = conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
            runs = conn.execute("SELECT COUNT(*) FROM runs WHERE kind = 'poll'").fetchone()[0]
            fetches = conn.execute("SELECT COUNT(*), SUM(error IS NOT NULL) FROM fetches").fetchone()
            delivered = conn.execute("SELECT COUNT(*) FROM digests WHERE status = 'delivered'").fetchone()[0]
            pending = conn.execute("SELECT COUNT(*) FROM digests WHERE status != 'delivered'").fetchone()[0]
            made = [datetime.fromisoformat(r[0]) for r in conn.execute("SELECT created_at FROM digests ORDER BY created_at")]
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    # A missed digest shows as a gap between two, or as APScheduler's "missed by" / "skipped" warnings.
    gaps = [(b - a).total_seconds() for a, b in zip(made, made[1:], strict=False)]
    log = result["stderr"]
    missed = sum(1 for line in log.splitlines() if 'job "digest' in line and ("missed by" in line or "skipped" in line))
    print(f"{args.sources} sources every 5 s for {args.minutes:g} min; {runs} poll runs, {fetches[0]} requests "
          f"({fetches[1]} failed or timed out), {claims} claims")
    print(f"memory: {after_warmup:.0f} MB after warm-up, {end:.0f} MB at the end (growth {end - after_warmup:+.0f} MB), "
          f"peak {peak:.0f} MB; idle daemon peer: {max(m for _, m in idle['samples']):.0f} MB")
    print(f"digests: {len(made)} made, {delivered} delivered, "
          f"{pending} pending; missed or skipped runs: {missed}; longest gap between two: {max(gaps, default=0):.0f} s")
    print(f"duplicate claims: {dupes}; integrity: {integrity}")
    print(f"SIGTERM: exit code {result['code']} after {result['stop_s']:.1f} s")
    if args.show_log:
        print(result["stderr"][-6000:])


if __name__ == "__main__":
    main()
