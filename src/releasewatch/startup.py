"""The daemon's first words: what it will do, in one line at the normal log level."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

# Its own logger, kept at INFO even when the rest logs only warnings (the default), so a plain
# `releasewatch daemon` says what it is about to do; -q silences it.
log = logging.getLogger("releasewatch.startup")


def start_message(config: Any, jobs: list[Any], db_path: str) -> str:
    """"daemon started: 7 sources (every 2h: 3, every 3h: 3, every 1d: 1); next poll 19:42 UTC; next
    digest 2026-12-02 08:00 Europe/London; database db/releasewatch.db"."""
    groups: dict[str, int] = {}
    for source in config.sources:
        if source.enabled:
            groups[source.every] = groups.get(source.every, 0) + 1
    count = sum(groups.values())
    sources = f"{count} source{'s' * (count != 1)}" + (
        f" ({', '.join(f'every {e}: {n}' for e, n in groups.items())})" if groups else "")
    disabled = len(config.sources) - count
    if disabled:
        sources += f", {disabled} disabled"
    polls = [j.next_run_time for j in jobs if j.id.startswith("poll:") and j.next_run_time]
    digest = next((j.next_run_time for j in jobs if j.id == "digest" and j.next_run_time), None)
    return (f"daemon started: {sources}; next poll {_when(min(polls)) if polls else 'none'}; "
            f"next digest {_when(digest) if digest else 'none'}; database {db_path}")


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M %Z").strip()


def announce_start(config: Any, scheduler: Any, db_path: str) -> None:
    log.info("%s", start_message(config, scheduler.get_jobs(), db_path))
