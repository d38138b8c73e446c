"""One exception tree, so callers can catch broadly or narrowly."""

from __future__ import annotations


class ReleasewatchError(Exception):
    """Base of every error releasewatch raises on purpose."""


class ConfigError(ReleasewatchError, ValueError):
    """sources.yaml is missing, malformed or invalid.

    The message names the file, the key path and the line.
    """

    def __init__(self, message: str, *, path: str = "", key: str = "", line: int | None = None):
        self.path = path
        self.key = key
        self.line = line
        where = path
        if line is not None:
            where = f"{where}:{line}" if where else f"line {line}"
        prefix = f"{where}: " if where else ""
        keypart = f"{key}: " if key else ""
        super().__init__(f"{prefix}{keypart}{message}")


class FetchError(ReleasewatchError):
    """An HTTP fetch failed (after retries), or was refused by policy."""

    def __init__(self, message: str, *, url: str = "", status: int | None = None):
        self.url = url
        self.status = status
        super().__init__(message)


class RefusedURL(FetchError):
    """A URL that policy forbids: a bad scheme, a private address, robots.txt."""


class ExtractError(ReleasewatchError):
    """Text could not be turned into an article or claims."""


class StoreError(ReleasewatchError):
    """The database could not be opened, migrated or written."""


class LockedError(ReleasewatchError):
    """Another poll or daemon holds the database lock."""


class DeliveryError(ReleasewatchError):
    """A digest could not be delivered to one of its destinations."""
