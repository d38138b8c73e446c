"""The date finder on peers' converted test sets, beside dateparser.search_dates on the same phrases.

    python benchmarks/timex_peers.py [--sets dateparser,ctparse,heideltime,sutime] [--verbose]

The sets are tables under benchmarks/timex_peers/ (see its README.md: source, licence and how each
was converted). For every row both systems read the row's text with the row's reference date:

- found: some date the system returns overlaps the phrase;
- exact: one of those has the expected range. dateparser returns a datetime: it counts as exact when
  its day equals the expected range and that range is one day (it has no way to say a month or a span).
- exact (days): exact among the phrases whose expected range is one day, the fair comparison for dateparser;
- false alarms: the rows marked "-" (the peers' negative cases) where a system returns any date.

The tables were the development data of the date finder (issue 12): its rules were written while
reading them, so these figures say the forms hold, not how it does on text it has never seen.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from releasewatch.extract.timex import find_timexes  # noqa: E402

SETS_DIR = Path(__file__).resolve().parent / "timex_peers"
SETS = ("dateparser", "ctparse", "heideltime", "sutime")


@dataclass(frozen=True)
class Row:
    set: str
    phrase: str
    text: str
    dct: date
    earliest: date | None  # None: the phrase must not be a date
    latest: date | None


def read_set(name: str) -> list[Row]:
    rows = []
    for line in (SETS_DIR / f"{name}.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        phrase, dct, earliest, latest = cells[:4]
        text = (cells[5] if len(cells) > 5 and cells[5] else phrase).replace("\\r", "\r").replace("\\n", "\n")
        if phrase not in text:
            raise SystemExit(f"{name}.tsv: phrase {phrase!r} is not in its text {text!r}")
        rows.append(Row(name, phrase, text, date.fromisoformat(dct),
                        None if earliest == "-" else date.fromisoformat(earliest),
                        None if latest == "-" else date.fromisoformat(latest)))
    return rows


# A system's answer for one text: (start, end, earliest, latest) of each date it found.
Answer = list[tuple[int, int, date, date | None]]


def ours(text: str, dct: date) -> Answer:
    return [(t.start, t.end, t.range.earliest, t.range.latest) for t in find_timexes(text, dct)]


def dateparser_answer(text: str, dct: date) -> Answer:
    from dateparser.search import search_dates

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=["en"],
                             settings={"RELATIVE_BASE": datetime(dct.year, dct.month, dct.day)}) or []
    out: Answer = []
    at = 0
    for substring, when in found:
        start = text.find(substring, at)
        if start < 0:
            start = text.find(substring)
        if start < 0:
            continue
        at = start + len(substring)
        out.append((start, start + len(substring), when.date(), when.date()))
    return out


@dataclass
class Score:
    rows: int = 0
    found: int = 0
    exact: int = 0
    negatives: int = 0
    false_alarms: int = 0
    day_rows: int = 0  # phrases whose expected range is one day: the only ones dateparser can get exact
    day_exact: int = 0
    seconds: float = 0.0


def score(rows: list[Row], system: Callable[[str, date], Answer], verbose: str = "") -> Score:
    s = Score()
    cache: dict[tuple[str, date], Answer] = {}
    t0 = time.perf_counter()
    for row in rows:
        key = (row.text, row.dct)
        if key not in cache:
            cache[key] = system(row.text, row.dct)
        answer = cache[key]
        if row.earliest is None:
            s.negatives += 1
            s.false_alarms += bool(answer)
            if answer and verbose:
                print(f"  {verbose} false alarm [{row.set}] {row.phrase!r}: {answer}")
            continue
        s.rows += 1
        lo = row.text.index(row.phrase)
        hi = lo + len(row.phrase)
        overlapping = [a for a in answer if a[0] < hi and a[1] > lo]
        exact = any(a[2] == row.earliest and a[3] == row.latest for a in overlapping)
        s.found += bool(overlapping)
        s.exact += exact
        if row.earliest == row.latest:
            s.day_rows += 1
            s.day_exact += exact
        if verbose and not exact:
            got = ", ".join(f"{row.text[a[0]:a[1]]!r} {a[2]}..{a[3]}" for a in overlapping) or "nothing"
            print(f"  {verbose} {'MISS' if not overlapping else 'RANGE'} [{row.set}] {row.phrase!r} "
                  f"(dct {row.dct}, want {row.earliest}..{row.latest}): {got}")
    s.seconds = time.perf_counter() - t0
    return s


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "   - "


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--verbose", action="store_true", help="list every phrase not resolved exactly")
    args = ap.parse_args()
    rows = [r for name in args.sets.split(",") for r in read_set(name)]
    names = args.sets.split(",")
    systems = [("releasewatch find_timexes", ours), ("dateparser.search_dates", dateparser_answer)]
    results = {label: score(rows, fn, ("ours" if fn is ours else "dp") if args.verbose else "")
               for label, fn in systems}
    per_set = {(label, n): score([r for r in rows if r.set == n], fn) for label, fn in systems for n in names}
    print(f"{len(rows)} rows: {sum(r.earliest is not None for r in rows)} date phrases, "
          f"{sum(r.earliest is None for r in rows)} negatives, from {', '.join(names)}")
    print(f"{'system':28} {'set':11} {'phrases':>7} {'found':>7} {'exact':>7} {'exact (days)':>13} {'false alarms':>13}")
    for label, _ in systems:
        for n in names:
            s = per_set[(label, n)]
            print(f"{label:28} {n:11} {s.rows:7d} {_pct(s.found, s.rows):>7} {_pct(s.exact, s.rows):>7} "
                  f"{_pct(s.day_exact, s.day_rows):>7} of {s.day_rows:<3d} {s.false_alarms:>6d} of {s.negatives}")
        s = results[label]
        print(f"{label:28} {'all':11} {s.rows:7d} {_pct(s.found, s.rows):>7} {_pct(s.exact, s.rows):>7} "
              f"{_pct(s.day_exact, s.day_rows):>7} of {s.day_rows:<3d} {s.false_alarms:>6d} of {s.negatives}"
              f"   ({s.seconds * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
