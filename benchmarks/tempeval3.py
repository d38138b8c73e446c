"""TempEval-3 platinum: our timex finder on DATE expressions, beside HeidelTime's and SUTime's published figures.

    python benchmarks/tempeval3.py [--data DIR] [--verbose]

The data is not in this repository: the TempEval-3 platinum TimeML files (SemEval-2013 Task 1,
UzZaman et al. 2013), as bundled in the GitHub repository qiangning/StructTempRel-EMNLP17 under
data/TempEval3/Evaluation/te3-platinum-normalized/. Put the 20 .tml files in a folder and pass it
with --data or $RELEASEWATCH_TEMPEVAL3; by default ../shared/benchmarks/tempeval3/platinum beside
the repository is tried. Without the data the script says so and exits 0 (`make bench` goes on).

Scoring follows TE3 Task A (UzZaman et al. 2013, §4.1): strict = identical span, relaxed = overlapping
span; value is compared on relaxed matches; value F1 = relaxed F1 x value accuracy. Only gold DATE
expressions count; a system expression that overlaps a gold TIME, DURATION or SET is neither a true
nor a false positive (we do not tag those types). The finder runs with combine=False, so that
"late 2023 or early 2024" stays two expressions as TimeML annotates them.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from releasewatch.extract.timex import find_timexes  # noqa: E402

BESIDE_REPO = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "tempeval3" / "platinum"
DATA_ENV = "RELEASEWATCH_TEMPEVAL3"
WHERE_FROM = ("the TempEval-3 platinum .tml files (SemEval-2013 Task 1; bundled in github.com/qiangning/"
              "StructTempRel-EMNLP17 under data/TempEval3/Evaluation/te3-platinum-normalized/)")


def default_data() -> Path:
    """$RELEASEWATCH_TEMPEVAL3, else ../shared/benchmarks/tempeval3/platinum beside the repository."""
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else BESIDE_REPO


def missing_data_message(data: Path) -> str:
    return (f"TempEval-3 data not found at {data}: skipped. It is not part of releasewatch; it is {WHERE_FROM}. "
            f"Pass --data DIR or set ${DATA_ENV}.")
PUBLISHED = [  # Table 3 of the task paper: relaxed F1, strict F1, value F1 over all timex types
    ("HeidelTime-t", 90.30, 81.34, 77.61),
    ("HeidelTime-1.2", 86.99, 78.07, 72.12),
    ("SUTime", 90.32, 79.57, 67.38),
]


@dataclass
class Gold:
    start: int
    end: int
    type: str
    value: str


def parse_tml(path: Path) -> tuple[str, date, list[Gold]]:
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*value="([^"]+)"', raw)
    if not dct_match:
        dct_match = re.search(r'<TIMEX3[^>]*value="([^"]+)"[^>]*functionInDocument="CREATION_TIME"', raw)
    dct = date.fromisoformat(dct_match.group(1)[:10])
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S).group(1)
    text_parts: list[str] = []
    golds: list[Gold] = []
    open_timex: list[tuple[int, str, str]] = []
    pos = 0
    for m in re.finditer(r"<(/?)(\w+)([^>]*)>", body):
        text_parts.append(body[pos:m.start()])
        offset = sum(len(p) for p in text_parts)
        closing, tag, attrs = m.group(1), m.group(2), m.group(3)
        if tag == "TIMEX3" and not closing:
            ttype = re.search(r'type="([^"]+)"', attrs).group(1)
            value = (re.search(r'value="([^"]*)"', attrs) or [None, ""])[1]
            open_timex.append((offset, ttype, value))
        elif tag == "TIMEX3" and closing:
            start, ttype, value = open_timex.pop()
            golds.append(Gold(start, offset, ttype, value))
        pos = m.end()
    text_parts.append(body[pos:])
    text = "".join(text_parts)
    import html

    unescaped = html.unescape(text)
    if len(unescaped) != len(text):  # keep offsets: only unescape when lengths agree
        unescaped = text
    return unescaped, dct, golds


def _norm(value: str) -> str:
    return value.upper().strip()


def evaluate(data: Path, verbose: bool = False) -> dict[str, float]:
    tp_rel = tp_strict = fp = fn = value_ok = 0
    files = sorted(data.glob("*.tml"))
    started = time.perf_counter()
    for path in files:
        text, dct, golds = parse_tml(path)
        dates = [g for g in golds if g.type == "DATE"]
        others = [g for g in golds if g.type != "DATE"]
        system = find_timexes(text, dct, combine=False)
        matched_gold: set[int] = set()
        for s in system:
            hit = next((i for i, g in enumerate(dates) if s.start < g.end and g.start < s.end and i not in matched_gold),
                       None)
            if hit is None:
                if any(s.start < g.end and g.start < s.end for g in others):
                    continue
                fp += 1
                if verbose:
                    print(f"  FP {path.name}: {s.text!r} -> {s.range.value}")
                continue
            matched_gold.add(hit)
            g = dates[hit]
            tp_rel += 1
            tp_strict += (s.start, s.end) == (g.start, g.end)
            if _norm(s.range.value) == _norm(g.value):
                value_ok += 1
            elif verbose:
                print(f"  VALUE {path.name}: {s.text!r} -> {s.range.value} (gold {g.value} for {text[g.start:g.end]!r})")
        for i, g in enumerate(dates):
            if i not in matched_gold:
                fn += 1
                if verbose:
                    print(f"  FN {path.name}: {text[g.start:g.end]!r} (gold {g.value})")
    elapsed = time.perf_counter() - started

    def f1(tp: int) -> tuple[float, float, float]:
        p = tp / (tp_rel + fp) if tp_rel + fp else 0.0
        r = tp / (tp_rel + fn) if tp_rel + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    p, r, rel_f1 = f1(tp_rel)
    _, _, strict_f1 = f1(tp_strict)
    accuracy = value_ok / tp_rel if tp_rel else 0.0
    return {"files": len(files), "gold_dates": tp_rel + fn, "system": tp_rel + fp, "relaxed_p": p, "relaxed_r": r,
            "relaxed_f1": rel_f1, "strict_f1": strict_f1, "value_accuracy": accuracy, "value_f1": rel_f1 * accuracy,
            "seconds": elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help=f"folder of .tml files [default: ${DATA_ENV}, "
                                                                     f"else {BESIDE_REPO}]")
    parser.add_argument("--verbose", action="store_true", help="print every mismatch")
    args = parser.parse_args()
    data = args.data or default_data()
    if not any(data.glob("*.tml")):
        print(missing_data_message(data))
        return
    res = evaluate(data, args.verbose)
    print(f"TempEval-3 platinum, DATE expressions: {res['files']} documents, {res['gold_dates']} gold DATEs, "
          f"{res['system']} system DATEs, {res['seconds'] * 1000:.0f} ms")
    print(f"{'system':<22} {'relaxed F1':>10} {'strict F1':>10} {'value acc':>10} {'value F1':>9}")
    print(f"{'releasewatch (DATE)':<22} {res['relaxed_f1'] * 100:>10.2f} {res['strict_f1'] * 100:>10.2f} "
          f"{res['value_accuracy'] * 100:>10.2f} {res['value_f1'] * 100:>9.2f}")
    for name, rel, strict, value in PUBLISHED:
        print(f"{name + ' (all types)':<22} {rel:>10.2f} {strict:>10.2f} {value / rel * 100:>10.2f} {value:>9.2f}")
    print("Published figures are over all timex types (DATE, TIME, DURATION, SET), ours over DATE only.")
    print(f"Relaxed precision {res['relaxed_p'] * 100:.2f}, recall {res['relaxed_r'] * 100:.2f}.")


if __name__ == "__main__":
    main()
