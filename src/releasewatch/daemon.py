"""The daemon: APScheduler jobs for polling and the digest, one lock per database, signals.

Polls run one at a time on a single worker thread (they share one SQLite connection) and the
digest on its own thread and connection; each job
is coalesced, never runs twice at once, and has a misfire grace time, so a sleeping laptop or a
slow poll does not pile runs up. SIGTERM/SIGINT stop it cleanly and within seconds (fetches in
flight are cut off, the poll finishes the article it is storing and writes its run row); SIGHUP reloads sources.yaml, keeping the old one when
the new one is invalid.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from .config import Config, load_config, parse_interval
from .errors import ConfigError
from .lock import DbLock

if TYPE_CHECKING:
    from .store import Store

log = logging.getLogger(__name__)

PollJob = Callable[[Config, "Store", Sequence[str], threading.Event], Any]
DigestJob = Callable[[Config, "Store"], Any]


def next_allowed_poll(last_failure: datetime | None, failures: int, interval: timedelta, max_factor: int) -> datetime | None:
    """When a failing source may be polled again: its interval times 2**(failures-1), capped."""
    if not failures or last_failure is None:
        return None
    factor = min(2 ** (failures - 1), max_factor)
    return last_failure + interval * factor if factor > 1 else None


def _default_poll(config: Config, store: Store, names: Sequence[str], stop: threading.Event) -> Any:
    from .poll import run_poll

    return run_poll(config, store, sources=list(names), stop=stop)


def _default_digest(config: Config, store: Store) -> Any:
    from .report.digest import send_digest

    return send_digest(config, store, now=datetime.now(timezone.utc))


def source_groups(config: Config) -> dict[str, list[str]]:
    """Enabled sources grouped by their `every` (one job per group)."""
    groups: dict[str, list[str]] = {}
    for source in config.sources:
        if source.enabled:
            groups.setdefault(source.every, []).append(source.name)
    return groups


class Daemon:
    def __init__(self, config_path: str, db_path: str, *, poll_job: PollJob | None = None,
                 digest_job: DigestJob | None = None):
        self.config_path = config_path
        self.db_path = db_path
        self.config = load_config(config_path)
        self.poll_job = poll_job or _default_poll
        self.digest_job = digest_job or _default_digest
        self.stop_event = threading.Event()
        self.reload_event = threading.Event()
        self.scheduler: Any = None
        self.store: Store | None = None

    # -- jobs -------------------------------------------------------------------------------------

    def _tz(self) -> Any:
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.config.schedule.timezone)

    def install_jobs(self) -> list[str]:
        from apscheduler.triggers.cron import CronTrigger
        from apscheduler.triggers.interval import IntervalTrigger

        self.scheduler.remove_all_jobs()
        ids = []
        now = datetime.now(timezone.utc)
        for every, names in source_groups(self.config).items():
            interval = parse_interval(every)
            if interval is None:
                trigger: Any = CronTrigger.from_crontab(every, timezone=self._tz())
                first = None
            else:
                jitter = min(interval.total_seconds() * self.config.fetch.jitter, 300)
                trigger = IntervalTrigger(seconds=interval.total_seconds(), jitter=jitter or None)
                first = now
            job_id = f"poll:{every}"
            self.scheduler.add_job(self._run_poll, trigger, args=[names, interval or timedelta(hours=1)], id=job_id,
                                   name=f"poll {', '.join(names)}", next_run_time=first)
            ids.append(job_id)
        self.scheduler.add_job(self._run_digest, self._digest_trigger(), id="digest", name="digest", executor="digest")
        ids.append("digest")
        log.info("scheduled %d jobs: %s", len(ids), ", ".join(ids))
        return ids

    def _digest_trigger(self) -> Any:
        from apscheduler.triggers.cron import CronTrigger
        from apscheduler.triggers.interval import IntervalTrigger

        every = self.config.schedule.digest_every
        if every:
            interval = parse_interval(every)
            if interval is not None:
                return IntervalTrigger(seconds=interval.total_seconds())
            return CronTrigger.from_crontab(every, timezone=self._tz())
        hour, minute = (int(x) for x in self.config.schedule.digest_at.split(":"))
        return CronTrigger(hour=hour, minute=minute, timezone=self._tz())

    def due_sources(self, names: Sequence[str], interval: timedelta, now: datetime) -> list[str]:
        """The sources of a group that are not backing off after repeated failures."""
        assert self.store is not None
        due = []
        for name in names:
            state = self.store.source_state(name) or {}
            failures = int(state.get("consecutive_failures") or 0)
            last = state.get("last_error_at")
            when = next_allowed_poll(datetime.fromisoformat(last) if last else None, failures, interval,
                                     self.config.schedule.max_backoff_factor)
            if when is not None and when > now:
                log.info("%s: backing off after %d failures, next poll after %s", name, failures, when.isoformat())
                continue
            due.append(name)
        return due

    def _run_poll(self, names: Sequence[str], interval: timedelta) -> None:
        if self.stop_event.is_set() or self.store is None:
            return
        due = self.due_sources(names, interval, datetime.now(timezone.utc))
        if not due:
            return
        try:
            self.poll_job(self.config, self.store, due, self.stop_event)
        except Exception:
            log.exception("poll of %s failed; the daemon goes on", ", ".join(due))

    def _run_digest(self) -> None:
        """On its own thread and connection, so a long poll never makes the digest miss its time."""
        from .store import Store

        if self.stop_event.is_set():
            return
        store = Store(self.db_path)
        try:
            self.digest_job(self.config, store)
        except Exception:
            log.exception("digest failed; it stays pending and goes out with the next attempt")
        finally:
            store.close()

    # -- lifecycle ------------------------------------------------------------------------------------

    def reload(self) -> bool:
        """Re-read sources.yaml; keep the old configuration if the new one is invalid."""
        try:
            config = load_config(self.config_path)
        except ConfigError as exc:
            log.error("reload refused, keeping the old configuration: %s", exc)
            return False
        except Exception as exc:  # whatever goes wrong reading the new file, the daemon keeps running
            log.exception("reload refused, keeping the old configuration: %s", exc)
            return False
        self.config = config
        if self.store is not None:
            self.store.sync_sources(config.sources)
        self.install_jobs()
        log.info("reloaded %s", self.config_path)
        return True

    def _on_signal(self, signum: int, _frame: Any) -> None:
        if signum == signal.SIGHUP:
            self.reload_event.set()
        else:
            log.info("received %s: stopping", signal.Signals(signum).name)
            self.stop_event.set()

    def run(self) -> int:
        """Run until SIGTERM/SIGINT. Raises LockedError if another process holds the database."""
        from apscheduler.executors.pool import ThreadPoolExecutor
        from apscheduler.schedulers.background import BackgroundScheduler

        from .startup import announce_start
        from .store import Store

        with DbLock(self.db_path, kind="daemon"):
            self.store = Store(self.db_path)
            self.store.sync_sources(self.config.sources)
            self.scheduler = BackgroundScheduler(
                executors={"default": ThreadPoolExecutor(1), "digest": ThreadPoolExecutor(1)}, timezone=self._tz(),
                job_defaults={"coalesce": True, "max_instances": 1,
                              "misfire_grace_time": self.config.schedule.misfire_grace})
            for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
                signal.signal(sig, self._on_signal)
            self.install_jobs()
            self.scheduler.start()
            announce_start(self.config, self.scheduler, self.db_path)
            while not self.stop_event.is_set():
                self.stop_event.wait(0.5)
                if self.reload_event.is_set():
                    self.reload_event.clear()
                    self.reload()
            self.scheduler.shutdown(wait=True)
            self.store.close()
            log.info("daemon stopped cleanly")
        return 0
