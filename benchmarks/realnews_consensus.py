"""What a user reads: the consensus from extracted claims against the consensus from the labels.

    python benchmarks/realnews_consensus.py                 # dev and test, one line each
    python benchmarks/realnews_consensus.py --split dev -v  # every as-of date where the two differ

Each title's cases form a small news site: its articles, each with its publication date and its
outlet (the URL's host) as source. At every publication date among them, `compute_consensus` runs
twice over the articles published by then: once over the claims the extractor found, once over
the labelled current claims (what a careful reader found). The second is the answer perfect
extraction would give, so the difference is what the extractor's errors cost a user: a release
date that is wrong, missing, invented, or official where it should be a rumour.

An (as-of, event) point agrees when both sides have no line, or both are "no official date yet",
or both give a date and the ranges meet the relaxed test of benchmarks/realnews.py (overlapping,
the extracted at most 3 times as wide or 31 days wider). "Certainty too" also asks for the same
certainty. Points are counted for the release track alone (the line users read first) and for
every event.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realnews import _width, title_of  # noqa: E402
from realnews_corpus import Case, Label, load_cases, load_splits  # noqa: E402

from releasewatch.consensus import compute_consensus  # noqa: E402
from releasewatch.errors import ConfigError  # noqa: E402
from releasewatch.extract.claims import extract_claims  # noqa: E402
from releasewatch.models import Claim, Consensus, DateRange  # noqa: E402


@dataclass
class Point:
    title: str
    as_of: date
    event: str
    got: Consensus | None
    want: Consensus | None

    @property
    def agrees(self) -> bool:
        return _same_answer(self.got, self.want)

    @property
    def agrees_with_certainty(self) -> bool:
        return self.agrees and (self.got is None or self.want is None or self.got.certainty == self.want.certainty)


def source_of_case(case: Case) -> str:
    host = urlsplit(case.url).netloc.lower()
    return host.removeprefix("www.")


def claim_of_label(label: Label, case: Case, title: str) -> Claim:
    """A labelled current claim as the extractor would have given it, with the case's provenance."""
    if label.certainty == "negated" or label.earliest is None:
        rng = DateRange(case.published, None, "open", "", "no date")
    else:
        rng = DateRange(label.earliest, label.latest, "day", "")
    previous = DateRange(label.previous[0], label.previous[1], "day", "") if label.previous else None
    return Claim(title=title, event=label.event, range=rng, certainty=label.certainty or "official",
                 sentence="", sentence_start=label.evidence[0], sentence_end=label.evidence[1],
                 time_start=label.evidence[0], time_end=label.evidence[0], time_text="", cited=label.cited,
                 previous=previous, qualifier=label.qualifier, published=case.published,
                 article_url=case.url, source=source_of_case(case))


def _relaxed_ranges(got: DateRange, want: DateRange) -> bool:
    """The relaxed test of benchmarks/realnews.py on two ranges."""
    if not got.overlaps(want):
        return False
    if want.latest is None:
        return True
    g, w = _width(got.earliest, got.latest), _width(want.earliest, want.latest)
    return g <= 3 * w or g <= w + 31


def _same_answer(got: Consensus | None, want: Consensus | None) -> bool:
    if got is None or want is None:
        return got is None and want is None
    if (got.range is None) != (want.range is None):
        return False
    if got.range is None or want.range is None:
        return True  # both "no official date yet"
    return _relaxed_ranges(got.range, want.range)


def title_points(cases: list[Case]) -> list[Point]:
    """The (as-of, event) points of one title's cases, extracted against labelled."""
    try:
        title = title_of(cases[0])
    except ConfigError as exc:
        print(f"{cases[0].title_name}: skipped, its title entry is not valid: {exc}", file=sys.stderr)
        return []
    extracted: list[Claim] = []
    labelled: list[Claim] = []
    for case in cases:
        text = case.text()
        if text is None:
            continue
        for c in extract_claims(text, [title], case.published):
            c.article_url, c.source = case.url, source_of_case(case)
            extracted.append(c)
        labelled += [claim_of_label(lab, case, title.name) for lab in case.labels if lab.kind == "current"]
    points = []
    for as_of in sorted({c.published for c in cases}):
        got = {c.event: c for c in compute_consensus(extracted, as_of)}
        want = {c.event: c for c in compute_consensus(labelled, as_of)}
        for event in sorted(set(got) | set(want)):
            points.append(Point(title.name, as_of, event, got.get(event), want.get(event)))
    return points


def summarise(points: list[Point]) -> dict[str, object]:
    def share(ps: list[Point], test) -> dict[str, object]:  # type: ignore[no-untyped-def]
        n = len(ps)
        k = sum(1 for p in ps if test(p))
        return {"points": n, "agree": k, "share": round(k / n, 3) if n else None}
    release = [p for p in points if p.event == "release"]
    kinds = Counter(_disagreement(p) for p in release if not p.agrees)
    return {
        "titles": len({p.title for p in points}),
        "release": share(release, lambda p: p.agrees),
        "release_with_certainty": share(release, lambda p: p.agrees_with_certainty),
        "all_events": share(points, lambda p: p.agrees),
        "release_disagreements": dict(kinds.most_common()),
    }


def _disagreement(p: Point) -> str:
    if p.want is None:
        return "invented (no labelled line)"
    if p.got is None:
        return "missing"
    if (p.got.range is None) != (p.want.range is None):
        return "no-date state differs"
    return "wrong date"


def _describe(c: Consensus | None) -> str:
    if c is None:
        return "-"
    if c.range is None:
        return f"no date ({c.certainty})"
    return f"{c.range.earliest}..{c.range.latest} {c.certainty}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "test", "all"), default=None,
                        help="one split (default: dev and test, one line each)")
    parser.add_argument("-v", "--verbose", action="store_true", help="every release point where the two differ")
    parser.add_argument("--json", action="store_true", help="the figures as JSON")
    args = parser.parse_args(argv)
    cases = load_cases()
    splits = load_splits(cases)
    wanted = ("dev", "test") if args.split is None else (args.split,)
    results = {}
    for split in wanted:
        by_title: dict[str, list[Case]] = defaultdict(list)
        for case in cases:
            if split == "all" or splits.get(case.title_name) == split:
                by_title[case.title_name].append(case)
        points = [p for name in sorted(by_title) for p in title_points(by_title[name])]
        results[split] = summarise(points)
        if args.verbose:
            for p in points:
                if p.event == "release" and not p.agrees_with_certainty:
                    print(f"{p.title} as of {p.as_of}: got {_describe(p.got)}, want {_describe(p.want)}")
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for split, s in results.items():
        rel, relc, alle = s["release"], s["release_with_certainty"], s["all_events"]
        print(f"{split:5s} {s['titles']:3d} titles  release right at {rel['agree']}/{rel['points']} as-of dates "  # type: ignore[index]
              f"({rel['share']}), with certainty {relc['agree']} ({relc['share']}); "  # type: ignore[index]
              f"every event {alle['agree']}/{alle['points']} ({alle['share']})")  # type: ignore[index]
        print(f"      release disagreements: {s['release_disagreements']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
