"""One writer per database: a lock file beside it, held with flock, naming its holder."""

from __future__ import annotations

import fcntl
import json
import os
import time
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

from .errors import LockedError


def lock_path(db_path: str | Path) -> Path:
    return Path(f"{db_path}.lock")


def read_lock_holder(db_path: str | Path) -> dict[str, Any] | None:
    """Who holds (or last held) the lock: {"pid", "kind", "since"}; None if nobody ever did."""
    try:
        return json.loads(lock_path(db_path).read_text(encoding="utf-8") or "null")
    except (OSError, ValueError):
        return None


class DbLock:
    """`with DbLock(db, kind="poll"):` or raise LockedError naming the holder.

    flock is released by the kernel when its holder dies, so a stale lock file left by a
    killed process is simply taken over.
    """

    def __init__(self, db_path: str | Path, *, kind: str = "poll", wait: float = 0.0):
        self.path = lock_path(db_path)
        self.db_path = str(db_path)
        self.kind = kind
        self.wait = wait
        self._fd: int | None = None

    def acquire(self) -> DbLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + max(0.0, self.wait)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockedError(self._held_message()) from None
                time.sleep(0.1)
        holder = {"pid": os.getpid(), "kind": self.kind,
                  "since": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(holder).encode())
        os.fsync(fd)
        self._fd = fd
        return self

    def _held_message(self) -> str:
        holder = read_lock_holder(self.db_path) or {}
        who = f"{holder.get('kind', 'another process')} (PID {holder.get('pid', '?')}, since {holder.get('since', '?')})"
        return f"database {self.db_path} is in use by {who}; try again later or pass --wait"

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> DbLock:
        return self.acquire()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()
