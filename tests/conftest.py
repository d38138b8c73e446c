"""Suite-wide checks: only the tests that need the TempEval-3 data (not in the repository) may skip.

A skip anywhere else hides a test that CI believes it ran, so the session fails on it.
"""

from __future__ import annotations

from typing import Any

import pytest

ALLOWED_SKIP = "TempEval-3 data not found"
_unexpected: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if ALLOWED_SKIP not in reason:
            _unexpected.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: Any) -> None:
    if _unexpected and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _unexpected:
        terminalreporter.section("unexpected skips (only TempEval-3 tests may skip)")
        for line in _unexpected:
            terminalreporter.write_line(line)
