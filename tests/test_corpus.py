"""The evaluation gate: the labelled corpus scored against pinned precision/recall floors.

A change may raise a floor (edit floors.json in the same commit), never lower it silently.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from releasewatch.config import parse_config
from releasewatch.extract.claims import extract_claims

HERE = Path(__file__).parent / "corpus"
TITLES = parse_config((HERE / "titles.yaml").read_text(encoding="utf-8"), "titles.yaml").titles
CASES = yaml.safe_load((HERE / "claims.yaml").read_text(encoding="utf-8"))["cases"]
FLOORS = json.loads((HERE / "floors.json").read_text(encoding="utf-8"))


def _published(case: dict) -> date:
    value = case["published"]
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _found(case: dict) -> set[str]:
    claims = extract_claims(case["text"], TITLES, _published(case))
    return {f"{c.title}|{c.event}|{c.range.earliest}|{c.range.latest or ''}|{c.certainty}" for c in claims}


def score() -> dict[str, float]:
    tp = fp = fn = 0
    for case in CASES:
        expected = set(case.get("expect") or [])
        found = _found(case)
        tp += len(expected & found)
        fp += len(found - expected)
        fn += len(expected - found)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "cases": len(CASES), "tp": tp, "fp": fp,
            "fn": fn}


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 150


def test_scores_do_not_fall_below_the_floors() -> None:
    result = score()
    assert result["precision"] >= FLOORS["precision"], result
    assert result["recall"] >= FLOORS["recall"], result


@pytest.mark.parametrize("case", [c for c in CASES if c.get("forbid")], ids=lambda c: c["text"][:50])
def test_forbidden_claims_never_appear(case: dict) -> None:
    found = _found(case)
    for prefix in case["forbid"]:
        assert not [f for f in found if f.startswith(prefix)], (prefix, found)


if __name__ == "__main__":  # python -m tests.test_corpus: print the score and the misses
    for case in CASES:
        expected, found = set(case.get("expect") or []), _found(case)
        if expected != found:
            print(f"- {case['text'][:100]!r} ({case['published']})\n   missing {sorted(expected - found)}\n"
                  f"   extra   {sorted(found - expected)}")
    print(score())
