"""Score the claim extractor on the real-news corpus (benchmarks/realnews/).

    python benchmarks/realnews.py                    # dev and test, one line each, and the error table
    python benchmarks/realnews.py --split dev -v     # every miss and extra of the dev split, with its sentence
    python benchmarks/realnews.py --json

Relaxed match: same title and event, overlapping ranges, and the predicted range at most 3 times as
wide as the labelled one or at most 31 days wider. Strict: the same range. Certainty agreement is
counted over the relaxed matches. An extra is classed by what it overlaps: a replaced date (given as
current), another work's dated statement (a leak), or nothing; a miss by what was found instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realnews_corpus import Case, Label, load_cases, load_splits  # noqa: E402

from releasewatch.config import parse_config  # noqa: E402
from releasewatch.errors import ConfigError  # noqa: E402
from releasewatch.extract.claims import extract_claims  # noqa: E402
from releasewatch.models import Claim, Title  # noqa: E402


@dataclass
class Outcome:
    case: Case
    text: str
    claims: list[Claim]
    matched: list[tuple[Claim, Label]] = field(default_factory=list)
    strict: int = 0
    extras: list[tuple[Claim, str]] = field(default_factory=list)
    misses: list[tuple[Label, str]] = field(default_factory=list)


def title_of(case: Case) -> Title:
    return parse_config(json.dumps({"titles": [case.title]}), f"{case.id} title").titles[0]


def _width(earliest: date, latest: date | None) -> float:
    return float("inf") if latest is None else (latest - earliest).days + 1


def _overlaps(a0: date, a1: date | None, b0: date, b1: date | None) -> bool:
    return (a1 is None or b0 <= a1) and (b1 is None or a0 <= b1)


def relaxed(claim: Claim, label: Label) -> bool:
    if claim.event != label.event:
        return False
    if (claim.certainty == "negated") != (label.certainty == "negated"):
        return False
    if label.certainty == "negated" or label.earliest is None:
        return True
    r = claim.range
    if not _overlaps(r.earliest, r.latest, label.earliest, label.latest):
        return False
    got, want = _width(r.earliest, r.latest), _width(label.earliest, label.latest)
    return got <= 3 * want or got <= want + 31


def strict(claim: Claim, label: Label) -> bool:
    if not relaxed(claim, label):
        return False
    if label.certainty == "negated" or label.earliest is None:
        return True
    return claim.range.earliest == label.earliest and claim.range.latest == label.latest


def _span_overlap(claim: Claim, label: Label) -> bool:
    return not claim.in_headline and claim.sentence_start < label.evidence[1] and label.evidence[0] < claim.sentence_end


def _ranges_meet(claim: Claim, label: Label) -> bool:
    if label.earliest is None:
        return True
    return _overlaps(claim.range.earliest, claim.range.latest, label.earliest, label.latest)


def _match(claims: list[Claim], labels: list[Label], test) -> list[tuple[Claim, Label]]:  # type: ignore[no-untyped-def]
    # Greedy over candidate pairs, the ones whose sentence holds the evidence first, then the tightest.
    pairs = [(0 if _span_overlap(c, lab) else 1, _width(c.range.earliest, c.range.latest), i, j)
             for i, c in enumerate(claims) for j, lab in enumerate(labels) if test(c, lab)]
    used_c: set[int] = set()
    used_l: set[int] = set()
    out = []
    for _, _, i, j in sorted(pairs):
        if i not in used_c and j not in used_l:
            used_c.add(i)
            used_l.add(j)
            out.append((claims[i], labels[j]))
    return out


def _extra_kind(claim: Claim, case: Case) -> str:
    for kind, name in (("replaced", "superseded date"), ("other", "other work")):
        if any(lab.kind == kind and lab.event in (claim.event, lab.event) and _span_overlap(claim, lab)
               and _ranges_meet(claim, lab) for lab in case.labels):
            return name
    current = [lab for lab in case.labels if lab.kind == "current"]
    if any(_span_overlap(claim, lab) and lab.event != claim.event and _ranges_meet(claim, lab) for lab in current):
        return "wrong event"
    if any(_span_overlap(claim, lab) and lab.event == claim.event for lab in current):
        return "wrong range"
    return "spurious"


def _miss_kind(label: Label, claims: list[Claim]) -> str:
    near = [c for c in claims if _span_overlap(c, label)]
    if any(c.event == label.event for c in near):
        return "wrong range" if label.certainty != "negated" else "negation missed"
    if any(c.event != label.event and _ranges_meet(c, label) for c in near):
        return "wrong event"
    return "negation missed" if label.certainty == "negated" else "missed"


def score_case(case: Case, text: str) -> Outcome:
    claims = extract_claims(text, [title_of(case)], case.published)
    out = Outcome(case, text, claims)
    current = [lab for lab in case.labels if lab.kind == "current"]
    out.matched = _match(claims, current, relaxed)
    out.strict = len(_match(claims, current, strict))
    got = {id(c) for c, _ in out.matched}
    hit = {id(lab) for _, lab in out.matched}
    out.extras = [(c, _extra_kind(c, case)) for c in claims if id(c) not in got]
    out.misses = [(lab, _miss_kind(lab, claims)) for lab in current if id(lab) not in hit]
    return out


def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 1.0
    r = tp / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summarise(outcomes: list[Outcome]) -> dict[str, object]:
    predicted = sum(len(o.claims) for o in outcomes)
    gold = sum(sum(1 for lab in o.case.labels if lab.kind == "current") for o in outcomes)
    tp = sum(len(o.matched) for o in outcomes)
    stp = sum(o.strict for o in outcomes)
    agree = sum(1 for o in outcomes for c, lab in o.matched if c.certainty == lab.certainty)
    p, r, f = _prf(tp, predicted, gold)
    sp, sr, sf = _prf(stp, predicted, gold)
    by_event: dict[str, list[int]] = {}
    for o in outcomes:
        for lab in o.case.labels:
            if lab.kind == "current":
                by_event.setdefault(lab.event, [0, 0, 0])[1] += 1
        for c in o.claims:
            by_event.setdefault(c.event, [0, 0, 0])[0] += 1
        for c, _ in o.matched:
            by_event[c.event][2] += 1
    errors = Counter(kind for o in outcomes for _, kind in o.extras)
    errors.update(f"miss: {kind}" for o in outcomes for _, kind in o.misses)
    return {
        "cases": len(outcomes), "titles": len({o.case.title_name for o in outcomes}),
        "gold": gold, "predicted": predicted,
        "relaxed": {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)},
        "strict": {"precision": round(sp, 3), "recall": round(sr, 3), "f1": round(sf, 3)},
        "certainty_agreement": round(agree / tp, 3) if tp else None,
        "other_work_claims": errors.get("other work", 0),
        "by_event": {e: dict(zip(("predicted", "gold", "matched"), v, strict=True)) for e, v in sorted(by_event.items())},
        "errors": dict(errors.most_common()),
    }


def _line(name: str, s: dict) -> str:  # type: ignore[type-arg]
    rel, st = s["relaxed"], s["strict"]
    cert = s["certainty_agreement"]
    return (f"{name:5s} {s['cases']:4d} cases {s['titles']:3d} titles  gold {s['gold']:4d} predicted {s['predicted']:4d}  "
            f"relaxed P {rel['precision']:.3f} R {rel['recall']:.3f} F1 {rel['f1']:.3f}  strict F1 {st['f1']:.3f}  "
            f"certainty {cert if cert is None else format(cert, '.3f')}  other-work claims {s['other_work_claims']}")


def _show(o: Outcome) -> None:
    def sent(start: int, end: int) -> str:
        return " ".join(o.text[start:end].split())[:300]
    for c, kind in o.extras:
        print(f"  EXTRA [{kind}] {c.event} {c.range.earliest}..{c.range.latest} {c.certainty} "
              f"'{c.time_text}'\n      {sent(c.sentence_start, c.sentence_end) if not c.in_headline else c.sentence}")
    for lab, kind in o.misses:
        print(f"  MISS  [{kind}] {lab.event} {lab.earliest}..{lab.latest} {lab.certainty}\n      "
              f"{sent(*lab.evidence)}")
    for c, lab in o.matched:
        if c.certainty != lab.certainty or (c.range.earliest, c.range.latest) != (lab.earliest, lab.latest):
            print(f"  MATCH {c.event} got {c.range.earliest}..{c.range.latest} {c.certainty}, "
                  f"want {lab.earliest}..{lab.latest} {lab.certainty}\n      {sent(*lab.evidence)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "test", "all"), default=None,
                        help="score one split (default: dev and test, each on its own line)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each miss and extra with its sentence")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    cases = load_cases()
    splits = load_splits(cases)
    missing = [c for c in cases if c.text() is None]
    if missing:
        print(f"{len(missing)} of {len(cases)} texts missing or changed: run benchmarks/realnews_corpus.py check",
              file=sys.stderr)
    groups = {"dev": [], "test": [], "all": []}  # type: dict[str, list[Outcome]]
    for case in cases:
        text = case.text()
        if text is None:
            continue
        try:
            outcome = score_case(case, text)
        except ConfigError as exc:
            print(f"{case.id}: skipped, its title entry is not valid: {exc}", file=sys.stderr)
            continue
        groups["all"].append(outcome)
        groups.setdefault(splits.get(case.title_name, "unsplit"), []).append(outcome)
    names = [args.split] if args.split else [k for k in ("dev", "test", "unsplit") if groups.get(k)] or ["all"]
    summaries = {name: summarise(groups.get(name, [])) for name in names}
    if args.json:
        print(json.dumps(summaries, indent=2))
        return 0
    for name in names:
        print(_line(name, summaries[name]))
    for name in names:
        s = summaries[name]
        print(f"\n{name}: per event (predicted / gold / matched): " + ", ".join(
            f"{e} {v['predicted']}/{v['gold']}/{v['matched']}" for e, v in s["by_event"].items()))  # type: ignore[attr-defined]
        print(f"{name}: errors: " + ", ".join(f"{k} {v}" for k, v in s["errors"].items()))  # type: ignore[attr-defined]
    if args.verbose:
        for name in names:
            for o in groups.get(name, []):
                if o.extras or o.misses or any(c.certainty != lab.certainty for c, lab in o.matched):
                    print(f"\n{o.case.id} [{name}] {o.case.title_name} published {o.case.published}")
                    _show(o)
    return 0


if __name__ == "__main__":
    sys.exit(main())
