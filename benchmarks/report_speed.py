"""Report speed on a large database: 1,000,000 claims over 2,000 titles.

    python benchmarks/report_speed.py [--claims 1000000] [--titles 2000] [--db PATH]

Measures `consensus` for one title and for all titles, a one-day digest, and the CLI's start-up
(`releasewatch --help`). The peer, in the same run: reading the same claim rows with a bare
sqlite3 fetchall (the floor any report pays), printed as a ratio.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from releasewatch.config import Config  # noqa: E402
from releasewatch.consensus import compute_consensus  # noqa: E402
from releasewatch.models import Title  # noqa: E402
from releasewatch.store import Store  # noqa: E402

EVENTS = ["release"] * 6 + ["production_start", "production_end", "trailer", "premiere"]
CERTAINTIES = ["official"] + ["reported"] * 3 + ["speculative"] * 5 + ["negated"]


def build(db: Path, n_claims: int, n_titles: int) -> None:
    store = Store(db)
    rng = random.Random(7)
    start = date(2019, 1, 1)
    rows = []
    for i in range(n_claims):
        title = f"Title {i % n_titles:04d}"
        published = start + timedelta(days=rng.randint(0, 2000))
        earliest = published + timedelta(days=rng.randint(30, 900))
        width = rng.choice([0, 0, 0, 29, 91, 364])
        certainty = rng.choice(CERTAINTIES)
        latest = None if certainty == "negated" else earliest + timedelta(days=width)
        rows.append((f"h{i}", title, rng.choice(EVENTS), earliest.isoformat(), latest.isoformat() if latest else None,
                     "day" if width == 0 else "range", certainty, f"{title} opens {earliest}.", 0, 30, 10, 20,
                     published.isoformat(), f"Outlet {i % 40}", f"https://news.example/{i}", "bench",
                     (published + timedelta(hours=6)).isoformat() + "T06:00:00+00:00"))
    with store.conn:
        store.conn.execute("BEGIN")
        store.conn.executemany("INSERT OR IGNORE INTO sources (name) VALUES (?)",
                               [(f"Outlet {i}",) for i in range(40)])  # claims.source refers to sources
        store.conn.executemany(
            "INSERT INTO claims (claim_hash, title, event, earliest, latest, granularity, certainty, sentence, "
            "sentence_start, sentence_end, time_start, time_end, published, source, article_url, extractor_version, "
            "extracted_at, track) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [(*r, r[2]) for r in rows])
    store.close()


def timed(fn):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--titles", type=int, default=2000)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "report.db"
    if not db.exists():
        t_build, _ = timed(lambda: build(db, args.claims, args.titles))
        print(f"built {args.claims} claims over {args.titles} titles in {t_build:.0f} s")
    store = Store(db)
    as_of = date(2024, 6, 1)
    t_one, one = timed(lambda: compute_consensus(store.claims(title="Title 0042", until=as_of, with_text=False, ordered=False), as_of))
    t_peer_one, _ = timed(lambda: sqlite3.connect(db).execute(
        "SELECT * FROM claims WHERE title = ? AND published <= ?", ("Title 0042", as_of.isoformat())).fetchall())
    t_all, everything = timed(lambda: compute_consensus(store.claims(until=as_of, with_text=False, ordered=False), as_of))
    t_peer_all, _ = timed(lambda: sqlite3.connect(db).execute(
        "SELECT * FROM claims WHERE published <= ?", (as_of.isoformat(),)).fetchall())
    from releasewatch.report.digest import build_digest, render_text

    config = Config(titles=tuple(Title(f"Title {i:04d}") for i in range(args.titles)))
    now = datetime(2024, 6, 1, 12, tzinfo=timezone.utc)
    t_digest, digest = timed(lambda: render_text(build_digest(config, store, now=now,
                                                              since=now - timedelta(days=1))))
    startup = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "releasewatch", "--help"], capture_output=True, check=True,
                       cwd=Path(__file__).resolve().parents[1] / "src")
        startup.append(time.perf_counter() - t0)
    t_python = min(timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))[0] for _ in range(5))
    print(f"consensus, one title:  {t_one:6.3f} s ({len(one)} events); bare fetchall {t_peer_one:.3f} s, "
          f"ratio {t_one / t_peer_one:.1f}")
    print(f"consensus, all titles: {t_all:6.2f} s ({len(everything)} title-events); bare fetchall {t_peer_all:.2f} s, "
          f"ratio {t_all / t_peer_all:.1f}")
    print(f"digest for one day:    {t_digest:6.2f} s ({len(digest.splitlines())} lines)")
    print(f"releasewatch --help:   {min(startup):6.3f} s (bare python start-up {t_python:.3f} s)")


if __name__ == "__main__":
    main()
