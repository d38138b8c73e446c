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
             echo: Callable[[str], None] = print) -> DemoResult:
    """Serve the sample site on 127.0.0.1, poll it weekly from `start` to `end`, report the changes."""
    from .config import parse_config
    from .demo.server import DemoSite
    from .fetch import Fetcher
    from .poll import run_poll
    from .store import Store

    out_dir.mkdir(parents=True, exist_ok=True)
    db_path = out_dir / "demo.db"
    for leftover in out_dir.glob("demo.db*"):
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
        result.digest_text, result.chart_path = _final_outputs(config, store, clock.now(), out_dir)
    return result


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

