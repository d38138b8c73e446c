"""Polling the bundled news site over real HTTP on loopback: what gets stored, twice, and after a kill."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from releasewatch.config import parse_config
from releasewatch.demo.server import DemoSite
from releasewatch.poll import run_poll
from releasewatch.replay import demo_config_text
from releasewatch.store import Store

from .httpfixtures import LoopbackServer, Route

ROOT = Path(__file__).resolve().parents[1]
NOV_2023 = datetime(2023, 11, 20, 12, tzinfo=timezone.utc)


@pytest.fixture
def site():
    with DemoSite(lambda: NOV_2023) as s:
        yield s


def test_poll_stores_articles_and_claims_then_sees_304s(site, tmp_path: Path) -> None:
    config = parse_config(demo_config_text(site.base_url), "demo.yaml")
    store = Store(tmp_path / "rw.db")
    first = run_poll(config, store, now=NOV_2023)
    assert all(s.ok for s in first.sources), [s.error for s in first.sources]
    assert first.total("articles_new") >= 20
    claims = store.claims(title="Ballerina")
    assert {(c.event, c.range.earliest.isoformat(), c.certainty) for c in claims} >= {
        ("release", "2024-06-07", "official"), ("release", "2025-06-06", "official"),
        ("production_start", "2022-11-13", "official"), ("trailer", "2023-11-13", "official")}
    # provenance: every claim re-derivable from its stored article text
    with sqlite3.connect(tmp_path / "rw.db") as conn:
        for text, start, end, sentence in conn.execute(
                "SELECT a.text, c.sentence_start, c.sentence_end, c.sentence FROM claims c "
                "JOIN articles a ON a.id = c.article_id WHERE c.in_headline = 0"):
            assert text[start:end] == sentence
    # nothing from the dance magazine, nothing from sidebars, no Chapter 4 date
    assert not [c for c in claims if c.source == "Pointe & Plié"]
    assert not [c for c in claims if c.range.earliest.isoformat() in ("2024-03-01", "2023-03-24", "2024-05-24")]
    second = run_poll(config, store, now=NOV_2023)
    assert second.total("articles_new") == 0 and second.total("claims_new") == 0
    assert all(s.not_modified for s in second.sources if s.name != "Frame Rate Weekly" or s.not_modified)
    assert sum(1 for s in second.sources if s.not_modified) >= 3
    assert store.integrity_ok()


def test_changed_article_is_a_new_version(tmp_path: Path) -> None:
    clock = [datetime(2023, 3, 2, 12, tzinfo=timezone.utc)]
    with DemoSite(lambda: clock[0]) as site:
        config = parse_config(demo_config_text(site.base_url), "demo.yaml")
        store = Store(tmp_path / "rw.db")
        run_poll(config, store, now=clock[0], sources=["Screen Gossip Daily"])
        clock[0] = datetime(2023, 3, 4, 12, tzinfo=timezone.utc)
        summary = run_poll(config, store, now=clock[0], sources=["Screen Gossip Daily"])
    assert summary.total("articles_changed") == 1
    with sqlite3.connect(tmp_path / "rw.db") as conn:
        versions = conn.execute("SELECT version, superseded_by IS NULL FROM articles WHERE url LIKE "
                                "'%ballerina-release-date-official%' ORDER BY version").fetchall()
        assert versions == [(1, 0), (2, 1)]
        old = conn.execute("SELECT COUNT(*) FROM claims c JOIN articles a ON a.id = c.article_id "
                           "WHERE a.version = 1 AND c.superseded = 1").fetchone()[0]
        assert old >= 1  # the old version's claims stay in the history, marked superseded


def test_failing_sources_are_recorded_and_the_run_goes_on(site, tmp_path: Path) -> None:
    with LoopbackServer() as bad:
        bad.routes["/notxml"] = Route(body=b"<html><body>Sorry, this is not a feed</body></html>")
        bad.routes["/500"] = Route(status=500, body=b"down")
        bad.routes["/empty"] = Route(body=b"")
        text = demo_config_text(site.base_url).replace("sources:\n", f"""sources:
  - {{name: NotXML, url: "{bad.url('/notxml')}"}}
  - {{name: Down, url: "{bad.url('/500')}"}}
  - {{name: Empty, url: "{bad.url('/empty')}"}}
""", 1)
        config = parse_config(text, "demo.yaml")
        store = Store(tmp_path / "rw.db")
        summary = run_poll(config, store, now=NOV_2023)
    errors = {s.name: s.error for s in summary.sources}
    assert errors["NotXML"].startswith("not a feed")
    assert errors["Down"].startswith("HTTP 500")
    assert errors["Empty"] == "empty response"
    assert errors["Reel Ledger"] is None and summary.total("claims_new") > 0
    health = {r["name"]: r for r in store.source_health()}
    assert health["Down"]["consecutive_failures"] == 1 and "HTTP 500" in health["Down"]["last_error"]
    with sqlite3.connect(tmp_path / "rw.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM fetches WHERE source = 'Down'").fetchone()[0] >= 2


def _count(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:
        return 0


@pytest.mark.slow
def test_sigkill_mid_poll_leaves_a_consistent_db_and_the_next_poll_finishes(site, tmp_path: Path) -> None:
    text = demo_config_text(site.base_url).replace("per_host_delay: 0", "per_host_delay: 0.15").replace(
        "concurrency: 4", "concurrency: 1").replace("per_host_concurrency: 4", "per_host_concurrency: 1")
    config_path = tmp_path / "sources.yaml"
    config_path.write_text(text.replace("database: demo-out/demo.db", f"database: {tmp_path / 'rw.db'}"))
    db = tmp_path / "rw.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "releasewatch", "poll", "--config", str(config_path), "-q"]
    proc = subprocess.Popen(cmd, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _count(db, "SELECT COUNT(*) FROM articles") < 3:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    partial = _count(db, "SELECT COUNT(*) FROM articles")
    assert partial >= 3
    finished = subprocess.run(cmd, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) - COUNT(DISTINCT claim_hash) FROM claims").fetchone()[0] == 0
        total = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        # the killed run is marked interrupted by the next one, not left "running" for ever
        assert conn.execute("SELECT status FROM runs ORDER BY id").fetchall() == [("interrupted",), ("ok",)]
    # a clean poll from scratch finds the same articles
    clean = Store(tmp_path / "clean.db")
    run_poll(parse_config(text, "x.yaml"), clean, now=NOV_2023)
    assert total == clean.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert total > partial


def test_feed_text_when_the_page_fails_and_one_article_for_two_urls(tmp_path: Path) -> None:
    with LoopbackServer() as server:
        item = ("<item><title>Mercy Street dated</title><link>{link}</link>"
                "<pubDate>Mon, 20 Jan 2025 10:00:00 GMT</pubDate>"
                "<description>&lt;p&gt;Universal has set Mercy Street for March 6, 2026.&lt;/p&gt;</description></item>")
        feed = "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>{}</channel></rss>"
        server.routes["/a.xml"] = Route(body=feed.format(item.format(link=server.url("/broken?utm_source=a"))).encode())
        server.routes["/b.xml"] = Route(body=feed.format(item.format(link=server.url("/broken?utm_source=b"))).encode())
        server.routes["/broken"] = Route(status=500, body=b"oops")
        config = parse_config(f"""titles: [{{name: Mercy Street}}]
sources:
  - {{name: A, url: "{server.url('/a.xml')}"}}
  - {{name: B, url: "{server.url('/b.xml')}"}}
fetch: {{allow_addresses: ["127.0.0.1"], per_host_delay: 0, retries: 0}}
""")
        store = Store(tmp_path / "rw.db")
        summary = run_poll(config, store, now=NOV_2023)
    assert summary.total("articles_new") == 1  # the same story under two tracking URLs is stored once
    (claim,) = store.claims(title="Mercy Street")
    assert (claim.event, claim.range.earliest.isoformat(), claim.certainty) == ("release", "2026-03-06", "official")
    with sqlite3.connect(tmp_path / "rw.db") as conn:
        assert conn.execute("SELECT date_origin, published FROM articles").fetchone() == (
            "feed", "2025-01-20T10:00:00+00:00")


def _sitemap(urls: list[tuple[str, str]], index: bool = False) -> bytes:
    tag, entry = ("sitemapindex", "sitemap") if index else ("urlset", "url")
    body = "".join(f"<{entry}><loc>{loc}</loc><lastmod>{mod}</lastmod></{entry}>" for loc, mod in urls)
    return f"<?xml version='1.0'?><{tag} xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{body}</{tag}>".encode()


def test_a_sitemap_index_is_followed_to_its_newest_child_sitemaps(tmp_path: Path) -> None:
    page = ("<html><head><title>{t}</title></head><body><article><h1>{t}</h1><p>{p}</p></article></body></html>")
    with LoopbackServer() as server:
        server.routes["/sitemap_index.xml"] = Route(body=_sitemap([
            (server.url("/sitemap-2019.xml"), "2019-12-31"), (server.url("/sitemap-2025-01.xml"), "2025-01-31"),
            (server.url("/sitemap-2024-12.xml"), "2024-12-31"), (server.url("/sitemap-2024-11.xml"), "2024-11-30"),
        ], index=True))
        server.routes["/sitemap-2025-01.xml"] = Route(body=_sitemap([(server.url("/news/mercy-dated"), "2025-01-20")]))
        server.routes["/sitemap-2024-12.xml"] = Route(status=500, body=b"down")
        server.routes["/sitemap-2024-11.xml"] = Route(body=_sitemap([(server.url("/news/mercy-shoot"), "2024-11-05")]))
        server.routes["/news/mercy-dated"] = Route(body=page.format(
            t="Mercy Street Gets a Date", p="Universal has set Mercy Street for March 6, 2026.").encode())
        server.routes["/news/mercy-shoot"] = Route(body=page.format(
            t="Mercy Street Shoot", p="Filming on Mercy Street began in Atlanta on November 4, 2024.").encode())
        config = parse_config(f"""titles: [{{name: Mercy Street}}]
sources:
  - {{name: Wire, url: "{server.url('/sitemap_index.xml')}", kind: sitemap}}
fetch: {{allow_addresses: ["127.0.0.1"], per_host_delay: 0, retries: 0}}
""")
        store = Store(tmp_path / "rw.db")
        summary = run_poll(config, store, now=NOV_2023)
        paths = server.paths()
    assert "/sitemap-2019.xml" not in paths  # only the three newest children are read
    (wire,) = summary.sources
    assert wire.ok and summary.total("articles_new") == 2  # the failing child is logged; the others count
    assert {(c.event, c.range.earliest.isoformat()) for c in store.claims(title="Mercy Street")} == {
        ("release", "2026-03-06"), ("production_start", "2024-11-04")}


def test_later_runs_of_a_day_recompute_only_the_titles_they_touched(tmp_path: Path) -> None:
    from releasewatch.poll import ingest

    class CountingStore(Store):
        reads: list[str | None] = []

        def claims(self, title=None, **kwargs):  # type: ignore[no-untyped-def]
            self.reads.append(title)
            return super().claims(title, **kwargs)

    config = parse_config("titles: [{name: Mercy Street}, {name: Death Stranding 2}]\n")
    store = CountingStore(tmp_path / "rw.db")
    (tmp_path / "a.txt").write_text("Universal has set Mercy Street for March 6, 2026.")
    (tmp_path / "b.txt").write_text("Sony has dated Death Stranding 2 for June 26, 2025.")
    (tmp_path / "c.txt").write_text("Universal has moved Mercy Street to May 1, 2026.")
    morning = datetime(2025, 1, 20, 8, tzinfo=timezone.utc)
    first = ingest(config, store, [str(tmp_path / "a.txt")], published=morning.date(), now=morning)
    assert store.get_meta("consensus_full_pass") == "2025-01-20"
    assert [c["title"] for c in first.changes] == ["Mercy Street"]
    second = ingest(config, store, [str(tmp_path / "b.txt")], published=morning.date(),
                    now=morning.replace(hour=9))
    assert [c["title"] for c in second.changes] == ["Death Stranding 2"]
    assert store.reads[-1] == "Death Stranding 2" and None not in store.reads[1:]  # not every title again
    third = ingest(config, store, [str(tmp_path / "c.txt")], published=morning.date(),
                   now=morning.replace(hour=10))
    assert [(c["title"], c["kind"]) for c in third.changes] == [("Mercy Street", "moved")]
    # the next day's first run looks at every title again, and finds nothing new to say
    next_day = ingest(config, store, [], now=morning.replace(day=21))
    assert next_day.changes == [] and store.get_meta("consensus_full_pass") == "2025-01-21"


def test_reextract_supersedes_an_older_extractors_claims_instead_of_doubling_them(tmp_path: Path) -> None:

    from releasewatch.extract.claims import EXTRACTOR_VERSION
    from releasewatch.poll import ingest
    from releasewatch.reextract import reextract_articles

    config = parse_config("titles: [{name: Mercy Street}]\n")
    store = Store(tmp_path / "rw.db")
    (tmp_path / "a.txt").write_text("The first trailer for Mercy Street drops on June 3.")
    ingest(config, store, [str(tmp_path / "a.txt")], published=datetime(2025, 5, 20).date())
    # Pretend an older extractor read it as a release date (as 2026.11.1 did).
    with sqlite3.connect(tmp_path / "rw.db") as conn:
        conn.execute("UPDATE claims SET event = 'release', extractor_version = '2026.11.1', claim_hash = 'old'")
    report = reextract_articles(config, store)
    assert report == {"articles": 1, "claims_new": 1, "extractor_version": EXTRACTOR_VERSION}
    assert [(c.event, c.extractor_version) for c in store.claims()] == [("trailer", EXTRACTOR_VERSION)]
    everything = store.claims(current_only=False)
    assert sorted(c.extractor_version for c in everything) == ["2026.11.1", EXTRACTOR_VERSION]
    assert reextract_articles(config, store)["claims_new"] == 0  # idempotent

    # A claim the new extractor merely finds again keeps its first-seen time, so no digest calls it new.
    with sqlite3.connect(tmp_path / "rw.db") as conn:
        conn.execute("UPDATE claims SET superseded = 0, extractor_version = '2026.11.1', claim_hash = 'old2', "
                     "extracted_at = '2025-05-20T08:00:00+00:00' WHERE extractor_version = ?", (EXTRACTOR_VERSION,))
        conn.execute("DELETE FROM claims WHERE claim_hash = 'old'")
    assert reextract_articles(config, store)["claims_new"] == 1
    (same,) = store.claims()
    assert (same.event, same.extractor_version, same.extracted_at) == (
        "trailer", EXTRACTOR_VERSION, "2025-05-20T08:00:00+00:00")
    assert store.get_meta("consensus_full_pass") == ""  # the next run recomputes every title


# -- failures that must show (issue 9, items 6 and 7) ----------------------------------------------------

LOCAL_FETCH = "fetch: {allow_addresses: ['127.0.0.1'], per_host_delay: 0, retries: 0, respect_robots: false}\n"


def test_a_page_source_serving_nul_bytes_is_a_failure_in_its_health(tmp_path: Path) -> None:
    with LoopbackServer() as server:
        server.routes["/page"] = Route(body=b"<html><body><p>Dune\x00 Part\x00 Three</p>" + b"\x00" * 500,
                                       headers={"Content-Type": "text/html"})
        config = parse_config("titles: [{name: Dune Part Three}]\n"
                              f"sources:\n  - {{name: Page, url: '{server.url('/page')}', kind: page}}\n" + LOCAL_FETCH)
        store = Store(tmp_path / "rw.db")
        summary = run_poll(config, store)
    assert summary.sources[0].error and "binary" in summary.sources[0].error
    health = {r["name"]: r for r in store.source_health()}
    assert health["Page"]["consecutive_failures"] == 1
    assert "binary" in (health["Page"]["last_error"] or "")


def test_a_refused_source_url_leaves_a_row_in_fetches(tmp_path: Path) -> None:
    with LoopbackServer("127.0.0.2") as other:
        config = parse_config("titles: [{name: Dune Part Three}]\n"
                              f"sources:\n  - {{name: Inside, url: '{other.url('/feed.xml')}'}}\n" + LOCAL_FETCH)
        store = Store(tmp_path / "rw.db")
        run_poll(config, store)
        assert other.hits == []
    rows = store.conn.execute("SELECT source, url, error FROM fetches").fetchall()
    assert rows == [("Inside", other.url("/feed.xml"), "refused: 127.0.0.2 is not an allowed address")]


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "releasewatch", *args], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)


def test_bad_input_files_are_one_line_messages(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text("titles: [{name: Dune Part Three}]\nsources: []\ndatabase: rw.db\n")
    (tmp_path / "mixed.html").write_bytes(b"<html><body><p>Dune Part Three</p>" + bytes(range(256)) * 20)
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 20)
    cases = [
        (["extract", "missing.txt", "--published", "2024-01-01", "--title", "X"], 2, "Error: missing.txt: file not found"),
        (["extract", "mixed.html", "--published", "2024-01-01", "--title", "X"], 2, "Error: mixed.html: binary content"),
        (["timex", "missing.txt", "--dct", "2024-01-01"], 2, "Error: missing.txt: file not found"),
        (["ingest", "missing.html"], 2, "Error: missing.html: file not found"),
        (["ingest", "blob.bin"], 1, "Error: blob.bin: binary content"),
    ]
    for args, code, message in cases:
        result = _cli(tmp_path, *args)
        assert result.returncode == code, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr, (args, result.stderr)
    with sqlite3.connect(tmp_path / "rw.db") as conn:
        runs = conn.execute("SELECT kind, status FROM runs").fetchall()
    assert runs == [("ingest", "failed")]  # the binary file's run is finished, not left running
