"""The daemon says on start, at the default log level, what it will do: the sources, the next
poll and the next digest. A real subprocess, stopped with a real SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_start_line_names_sources_next_poll_and_next_digest(tmp_path: Path) -> None:
    config = tmp_path / "sources.yaml"
    config.write_text("""
titles: [{name: Mercy Street}]
sources:
  - {name: Refused A, url: "http://127.0.0.2:9/a.xml", every: 1d}
  - {name: Refused B, url: "http://127.0.0.2:9/b.xml", every: 1d}
  - {name: Refused C, url: "http://127.0.0.2:9/c.xml", every: 6h}
  - {name: Paused, url: "http://127.0.0.2:9/d.xml", enabled: false}
fetch: {allow_addresses: ["127.0.0.2"], retries: 0, connect_timeout: 1}
schedule: {timezone: UTC, digest_at: "08:00"}
database: rw.db
""")
    log = tmp_path / "daemon.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with log.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "releasewatch", "daemon", "--config", str(config)],
                                cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=err)
        try:
            deadline = time.monotonic() + 30
            while "daemon started" not in log.read_text() and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    text = log.read_text()
    line = next((line for line in text.splitlines() if "daemon started" in line), text)
    assert "3 sources (every 1d: 2, every 6h: 1), 1 disabled" in line, line
    assert "next poll 20" in line and "next digest 20" in line and " 08:00 UTC" in line, line
    assert line.endswith(f"database {tmp_path / 'rw.db'}"), line
