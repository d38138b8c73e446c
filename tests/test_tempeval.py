"""TempEval-3 platinum: the timex finder keeps its measured accuracy on text by outside authors.

The data is not in this repository (see benchmarks/tempeval3.py for where it comes from); without
it these tests skip, and they are the only tests that may skip (tests/conftest.py).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "tempeval3.py"
spec = importlib.util.spec_from_file_location("tempeval3", SCRIPT)
assert spec and spec.loader
tempeval3 = importlib.util.module_from_spec(spec)
sys.modules["tempeval3"] = tempeval3  # its dataclasses look their module up
spec.loader.exec_module(tempeval3)

DATA = tempeval3.default_data()
needs_data = pytest.mark.skipif(not any(DATA.glob("*.tml")), reason=tempeval3.missing_data_message(DATA))

# Measured 2026-11-29 (BENCHMARKS.md): relaxed F1 90.61, value F1 83.98. A floor a little under them.
FLOORS = {"relaxed_f1": 0.89, "value_f1": 0.82}


@needs_data
@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_tempeval3_floor(measure: str) -> None:
    result = tempeval3.evaluate(DATA)
    assert result["files"] == 20
    assert result[measure] >= FLOORS[measure], (measure, result)


def test_missing_data_says_where_it_comes_from(tmp_path: Path) -> None:
    message = tempeval3.missing_data_message(tmp_path)
    assert "StructTempRel-EMNLP17" in message and "RELEASEWATCH_TEMPEVAL3" in message
