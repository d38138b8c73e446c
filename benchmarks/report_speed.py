"""Report speed on a large database: 1,000,000 claims over 2,000 titles.

    python benchmarks/report_speed.py [--claims 1000000] [--titles 2000] [--db PATH]

Measures `consensus` for one title and for all titles, the digest, and the CLI's start-up
(`releasewatch --help`). The digest twice: with a cold consensus cache (the first digest ever, which
reads every claim), then a day later with the cache its predecessor left and the day's news (300
new claims on 60 titles), which is the daily case. Peers, in the same run: reading the same claim
rows with a bare sqlite3 fetchall (the floor a report that reads every claim pays), as a ratio.
"""

from __future__ import annotations

import argparse
import gc
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


def add_days_news(store: Store, now: datetime, *, n_claims: int, n_titles: int) -> None:
    """The claims a day of polling adds: a few titles, extracted in the last hours before `now`."""
    rng = random.Random(11)
    day = now.date() - timedelta(days=1)
    rows = []
    for i in range(n_claims):
        title = f"Title {rng.randrange(n_titles) * 7:04d}"
        earliest = day + timedelta(days=rng.randint(30, 600))
        rows.append((f"day-{i}", title, "release", earliest.isoformat(), earliest.isoformat(), "day",
                     rng.choice(CERTAINTIES[:-1]), f"{title} now opens {earliest}.", 0, 30, 10, 20, day.isoformat(),
                     f"Outlet {i % 40}", f"https://news.example/day/{i}", "bench",
                     (now - timedelta(hours=rng.randint(1, 20))).isoformat(timespec="seconds"), "release"))
    with store.conn:
        store.conn.execute("BEGIN")
        store.conn.executemany(
            "INSERT INTO claims (claim_hash, title, event, earliest, latest, granularity, certainty, sentence, "
            "sentence_start, sentence_end, time_start, time_end, published, source, article_url, extractor_version, "
            "extracted_at, track) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)


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
    from releasewatch.report.current import current_consensus
    from releasewatch.report.digest import build_digest, render_text

    current_consensus(store, as_of)  # what the `consensus` command does: the first time computes and keeps...
    t_cached, (cached, _) = timed(lambda: current_consensus(store, as_of))  # ...the next reads the decisions

    n_events, n_one = len(everything), len(one)
    del everything, one  # a digest runs in its own process: not beside a million claims still in memory
    gc.collect()

    config = Config(titles=tuple(Title(f"Title {i:04d}") for i in range(args.titles)))
    # The day after the generated history ends (its last publication is 2024-06-23): yesterday's
    # digest saw all of it, today's adds only the day's news.
    now = datetime(2024, 6, 25, 12, tzinfo=timezone.utc)
    yesterday = now - timedelta(days=1)
    with store.conn:  # the same start on every run: no cache, no news of the day yet
        store.conn.execute("DELETE FROM consensus_cache")
        store.conn.execute("DELETE FROM claims WHERE claim_hash LIKE 'day-%'")
    t_cold, _ = timed(lambda: render_text(build_digest(config, store, now=yesterday,
                                                       since=yesterday - timedelta(days=1))))
    add_days_news(store, now, n_claims=300, n_titles=60)
    t_digest, digest = timed(lambda: render_text(build_digest(config, store, now=now, since=yesterday)))
    t_peer_digest, _ = timed(lambda: sqlite3.connect(db).execute(
        "SELECT * FROM claims WHERE published <= ?", (now.date().isoformat(),)).fetchall())
    startup = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "releasewatch", "--help"], capture_output=True, check=True,
                       cwd=Path(__file__).resolve().parents[1] / "src")
        startup.append(time.perf_counter() - t0)
    t_python = min(timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))[0] for _ in range(5))
    print(f"consensus, one title:  {t_one:6.3f} s ({n_one} events); bare fetchall {t_peer_one:.3f} s, "
          f"ratio {t_one / t_peer_one:.1f}")
    print(f"consensus, all titles: {t_all:6.2f} s ({n_events} title-events); bare fetchall {t_peer_all:.2f} s, "
          f"ratio {t_all / t_peer_all:.1f}")
    print(f"consensus, all titles, decisions kept from the last run: {t_cached:6.2f} s ({len(cached)} title-events)")
    print(f"digest, cold cache:    {t_cold:6.2f} s (the first digest: every claim read)")
    print(f"digest for one day:    {t_digest:6.2f} s ({len(digest.splitlines())} lines, 300 new claims on 60 titles); "
          f"bare fetchall of every claim {t_peer_digest:.2f} s, ratio {t_digest / t_peer_digest:.2f}")
    print(f"releasewatch --help:   {min(startup):6.3f} s (bare python start-up {t_python:.3f} s)")


if __name__ == "__main__":
    main()
