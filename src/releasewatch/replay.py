"""The offline demo: replay weekly polls of the bundled news site under a simulated clock."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from importlib import resources
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DEMO_START = date(2021, 1, 4)
DEMO_END = date(2025, 7, 7)


class SimulatedClock:
    """A clock the demo moves by hand; the site shows only what was published by its "now"."""

    def __init__(self, start: datetime):
        self._now = start

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime) -> None:
        self._now = when


@dataclass
class DemoResult:
    db_path: Path
    chart_path: Path | None
    digest_text: str
    changes: list[dict[str, Any]] = field(default_factory=list)
    polls: int = 0
    final: list[Any] = field(default_factory=list)


def demo_config_text(base_url: str) -> str:
    template = resources.files("releasewatch.demo").joinpath("demo_sources.yaml").read_text("utf-8")
    return template.replace("{base}", base_url.rstrip("/"))


def run_demo(out_dir: Path, *, start: date = DEMO_START, end: date = DEMO_END, step_days: int = 7,
             echo: Callable[[str], None] = print, db_path: Path | None = None,
             config_path: Path | None = None) -> DemoResult:
    """Serve the sample site on 127.0.0.1, poll it weekly from `start` to `end`, report the changes.

    Leaves in `out_dir`: the database, a sources.yaml that the other commands read it with, a
    copy of the site's pages (the stored links point at them, as the server is gone afterwards),
    the drift chart and Datasette's metadata.yml.
    """
    from .config import parse_config
    from .demo.server import DemoSite
    from .fetch import Fetcher
    from .poll import run_poll
    from .store import Store

    out_dir.mkdir(parents=True, exist_ok=True)
    db_path = db_path or out_dir / "demo.db"
    db_path.parent.mkdir(parents=True, exist_ok=True)
    for leftover in db_path.parent.glob(f"{db_path.name}*"):
        leftover.unlink()
    clock = SimulatedClock(_at_noon(start))
    result = DemoResult(db_path=db_path, chart_path=None, digest_text="")
    with DemoSite(clock.now) as site:
        base = site.base_url
        config = parse_config(demo_config_text(base), "demo_sources.yaml (bundled)")
        store = Store(db_path)
        fetcher = Fetcher(config.fetch)
        day = start
        while day <= end:
            clock.set(_at_noon(day))
            summary = run_poll(config, store, now=clock.now(), fetcher=fetcher)
            result.polls += 1
            for change in summary.changes:
                result.changes.append(change)
                echo(f"{day:%Y-%m-%d}  {change['summary']}")
            day += timedelta(days=step_days)
        store.sync_sources(config.sources)  # their URLs and kinds, for `releasewatch sources` and Datasette
        site_folder = out_dir / "site"
        export_site(site, store, site_folder)
        relink(store, base, site_folder.resolve().as_uri())
        result.digest_text, result.chart_path = _final_outputs(config, store, clock.now(), out_dir)
        store.close()
    write_demo_config(base, config_path or out_dir / "sources.yaml", db_path)
    metadata = resources.files("releasewatch").joinpath("datasette/metadata.yml").read_text("utf-8")
    (out_dir / "metadata.yml").write_text(metadata, encoding="utf-8")
    return result


def export_site(site: Any, store: Any, folder: Path) -> int:
    """Save every page the demo stored (articles, feeds, listings) under `folder`, by URL path."""
    base = site.base_url.rstrip("/")
    urls = {r[0] for r in store.conn.execute("SELECT url FROM article_urls UNION SELECT url FROM articles "
                                             "UNION SELECT url FROM fetches") if r[0] and r[0].startswith(base)}
    saved = 0
    for url in sorted(urls):
        path = url[len(base):] or "/"
        status, _ctype, body, _modified = site.respond(path.split("?")[0])
        if status != 200:
            continue
        target = folder / (path.strip("/") or "index.html")
        if path.endswith("/"):
            target = target / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        saved += 1
    return saved


# Every stored column that holds a URL of the demo site.
_URL_COLUMNS = [("articles", "url"), ("articles", "fetched_url"), ("article_urls", "url"),
                ("article_urls", "canonical_url"), ("claims", "article_url"), ("consensus", "cause_url"),
                ("sources", "url"), ("sources", "state_url"), ("fetches", "url")]


def relink(store: Any, old_base: str, new_base: str) -> None:
    """Point the stored links from the demo server (gone after the demo) at the saved pages."""
    old_base, new_base = old_base.rstrip("/"), new_base.rstrip("/")
    with store.conn:
        store.conn.execute("BEGIN IMMEDIATE")
        for table, column in _URL_COLUMNS:
            store.conn.execute(f"UPDATE {table} SET {column} = ? || substr({column}, ?) WHERE {column} LIKE ?",
                               (new_base, len(old_base) + 1, old_base + "%"))
        # A listing page is a folder of the copy: its saved file is index.html.
        store.conn.execute("UPDATE sources SET url = url || 'index.html' WHERE url LIKE ? AND url LIKE '%/'",
                           (new_base + "%",))


def write_demo_config(base_url: str, path: Path, db_path: Path) -> Path:
    """The demo's sources.yaml for the other commands: its titles and settings, the database beside
    it, and its sources disabled (the site lived only while the demo ran)."""
    import os

    import yaml

    data = yaml.safe_load(demo_config_text(base_url))
    for source in data.get("sources", []):
        source["enabled"] = False
    data["database"] = os.path.relpath(db_path.resolve(), path.resolve().parent)
    header = "\n".join([
        "# Written by `releasewatch demo`: the other commands read the demo database with",
        f"#   releasewatch consensus --config {path}",
        "# The sources are disabled: the sample site was served only while the demo ran",
        "# (run `releasewatch demo` again to replay it).", ""])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _final_outputs(config: Any, store: Any, now: datetime, out_dir: Path) -> tuple[str, Path | None]:
    from .report.digest import build_digest, render_text
    from .report.drift import chart_for_title

    digest = build_digest(config, store, now=now, since=now - timedelta(days=30))
    chart = None
    if config.titles:
        chart = chart_for_title(store, config.titles[0].name, "release", out_dir / "ballerina-release.png",
                                as_of=now.date(), reliability=config.reliability())
    return render_text(digest), chart


def _at_noon(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), timezone.utc)

