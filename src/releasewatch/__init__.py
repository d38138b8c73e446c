"""releasewatch: track release-date speculation."""

__version__ = "0.1.0"
