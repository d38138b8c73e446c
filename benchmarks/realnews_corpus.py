"""The real-news corpus: cases, their cached texts, and the tool that adds and checks them.

A case is one excerpt of a public news page about one tracked title. The repository keeps only the
URL, the query that finds the stored copy, the text's length and SHA-256, the publication date, the
title entry and the labels (evidence as character offsets). The texts live in a git-ignored cache
(benchmarks/realnews/cache/<sha256>.txt) rebuilt from the stored copies of the pages.

    python benchmarks/realnews_corpus.py check            # missing or changed texts, by hash
    python benchmarks/realnews_corpus.py restore DIR      # fill the cache from DIR/<case id>.json
    python benchmarks/realnews_corpus.py add LABELS.yaml --batch NAME
    python benchmarks/realnews_corpus.py show CASE_ID     # a case's text with its labels marked
    python benchmarks/realnews_corpus.py stats
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent / "realnews"
CASES_DIR = ROOT / "cases"
CACHE_DIR = ROOT / "cache"
SPLITS = ROOT / "splits.yaml"

EVENTS = ("production_start", "production_end", "release", "premiere", "trailer")
CERTAINTIES = ("official", "reported", "speculative", "negated")
KINDS = ("current", "replaced", "other")


@dataclass
class Label:
    kind: str  # current | replaced | other
    event: str
    earliest: date | None
    latest: date | None  # None: open-ended (or negated)
    certainty: str | None
    evidence: tuple[int, int]  # character offsets of the clause or sentence that says it
    cited: str | None = None
    qualifier: str | None = None
    work: str | None = None  # for kind "other": the work the date belongs to
    previous: tuple[date, date | None] | None = None  # for a current claim that moved: the old range


@dataclass
class Case:
    id: str
    url: str
    query: str
    sha256: str
    length: int
    published: date
    title: dict[str, Any]  # the entry as a user would write it in sources.yaml
    labels: list[Label] = field(default_factory=list)
    batch: str = ""
    note: str = ""

    @property
    def title_name(self) -> str:
        return str(self.title["name"])

    def text(self) -> str | None:
        path = CACHE_DIR / f"{self.sha256}.txt"
        if not path.exists():
            return None
        text = path.read_text(encoding="utf-8")
        return text if _sha(text) == self.sha256 else None


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _day(value: Any) -> date | None:
    if value in (None, "", "open"):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _label_from_yaml(row: dict[str, Any]) -> Label:
    prev = row.get("previous")
    return Label(kind=row.get("kind", "current"), event=row["event"], earliest=_day(row.get("earliest")),
                 latest=_day(row.get("latest")), certainty=row.get("certainty"),
                 evidence=(int(row["evidence"][0]), int(row["evidence"][1])), cited=row.get("cited"),
                 qualifier=row.get("qualifier"), work=row.get("work"),
                 previous=(_day(prev[0]), _day(prev[1])) if prev else None)  # type: ignore[arg-type]


def _label_to_yaml(label: Label) -> dict[str, Any]:
    row: dict[str, Any] = {"kind": label.kind, "event": label.event,
                           "earliest": label.earliest.isoformat() if label.earliest else None,
                           "latest": label.latest.isoformat() if label.latest else None}
    if label.certainty:
        row["certainty"] = label.certainty
    row["evidence"] = list(label.evidence)
    for key in ("cited", "qualifier", "work"):
        if getattr(label, key):
            row[key] = getattr(label, key)
    if label.previous:
        row["previous"] = [d.isoformat() if d else None for d in label.previous]
    return row


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for row in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            cases.append(Case(id=row["id"], url=row["url"], query=row["query"], sha256=row["sha256"],
                              length=row["length"], published=_day(row["published"]),  # type: ignore[arg-type]
                              title=row["title"], labels=[_label_from_yaml(r) for r in row.get("labels") or []],
                              batch=path.stem, note=row.get("note", "")))
    return cases


def hashed_split(title_name: str) -> str:
    """A title's split, fixed before anyone looks at its cases: 3 titles in 10 are test."""
    return "test" if int(hashlib.sha256(title_name.encode("utf-8")).hexdigest(), 16) % 10 < 3 else "dev"


def load_splits(cases: list[Case] | None = None) -> dict[str, str]:
    """Title name -> split: splits.yaml's moves (test titles studied one by one go to dev), else the hash."""
    data = yaml.safe_load(SPLITS.read_text(encoding="utf-8")) or {} if SPLITS.exists() else {}
    explicit = {name: split for split, names in data.items() for name in names or []}
    names = {c.title_name for c in (cases if cases is not None else load_cases())}
    return {name: explicit.get(name) or hashed_split(name) for name in names}


# --- adding cases from a labeller's scratch file -------------------------------------------------

def _read_excerpt(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".json":  # the excerpt's JSON string literal, copied as the search tool returned it
        value = json.loads(raw)
        if not isinstance(value, str):
            raise ValueError(f"{path}: expected one JSON string")
        return value
    return raw


def _offsets(text: str, snippet: str, nth: int, where: str) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.find(snippet, start + 1)
        if start < 0:
            raise ValueError(f"{where}: evidence not found in the text: {snippet[:60]!r}")
    return start, start + len(snippet)


def _scratch_label(row: dict[str, Any], text: str, where: str) -> Label:
    kind = row.get("kind", "current")
    if kind not in KINDS:
        raise ValueError(f"{where}: kind must be one of {KINDS}")
    if row.get("event") not in EVENTS:
        raise ValueError(f"{where}: event must be one of {EVENTS}")
    certainty = row.get("certainty")
    if kind == "current" and certainty not in CERTAINTIES:
        raise ValueError(f"{where}: certainty must be one of {CERTAINTIES}")
    earliest, latest = _day(row.get("earliest")), _day(row.get("latest"))
    if certainty != "negated" and earliest is None:
        raise ValueError(f"{where}: earliest is required unless the claim is negated")
    if earliest and latest and latest < earliest:
        raise ValueError(f"{where}: latest before earliest")
    if kind == "other" and not row.get("work"):
        raise ValueError(f"{where}: an 'other' label names its work")
    evidence = _offsets(text, str(row["evidence"]), int(row.get("nth", 0)), where)
    prev = row.get("previous")
    return Label(kind=kind, event=row["event"], earliest=earliest, latest=latest, certainty=certainty,
                 evidence=evidence, cited=row.get("cited"), qualifier=row.get("qualifier"), work=row.get("work"),
                 previous=(_day(prev[0]), _day(prev[1])) if prev else None)  # type: ignore[arg-type]


class _Plain(yaml.SafeDumper):
    """Writes a title entry in full in every case (no YAML anchors)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def add(scratch: Path, batch: str) -> int:
    rows = yaml.safe_load(scratch.read_text(encoding="utf-8")) or []
    out_path = CASES_DIR / f"{batch}.yaml"
    existing = yaml.safe_load(out_path.read_text(encoding="utf-8")) if out_path.exists() else []
    existing = existing or []
    known = {(r["url"], r["title"]["name"]) for r in existing}
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    added = errors = 0
    for i, row in enumerate(rows):
        where = f"{scratch}: case {i + 1} ({row.get('url', '?')})"
        try:
            text_path = Path(row["text_file"])
            if not text_path.is_absolute():
                text_path = scratch.parent / text_path
            text = _read_excerpt(text_path)
            title = row["title"]
            if isinstance(title, str):
                title = {"name": title}
            if (row["url"], title["name"]) in known:
                continue
            labels = [_scratch_label(r, text, f"{where} label {j + 1}") for j, r in enumerate(row.get("labels") or [])]
            digest = _sha(text)
            (CACHE_DIR / f"{digest}.txt").write_text(text, encoding="utf-8")
            case = {"id": f"{batch}-{len(existing) + 1:03d}", "url": row["url"], "query": row["query"],
                    "sha256": digest, "length": len(text), "published": _day(row["published"]).isoformat(),  # type: ignore[union-attr]
                    "title": title, "labels": [_label_to_yaml(label) for label in labels]}
            if row.get("note"):
                case["note"] = row["note"]
            existing.append(case)
            known.add((row["url"], title["name"]))
            added += 1
        except (KeyError, ValueError, OSError) as exc:
            errors += 1
            print(f"error: {where}: {exc!r}", file=sys.stderr)
    CASES_DIR.mkdir(parents=True, exist_ok=True)
    out_path.write_text(yaml.dump(existing, Dumper=_Plain, sort_keys=False, allow_unicode=True, width=120),
                        encoding="utf-8")
    print(f"{added} case(s) added to {out_path.name} ({len(existing)} in all), {errors} error(s)")
    return 1 if errors else 0


# --- checking and showing ------------------------------------------------------------------------

def check() -> int:
    cases = load_cases()
    bad = 0
    for case in cases:
        path = CACHE_DIR / f"{case.sha256}.txt"
        if not path.exists():
            print(f"missing  {case.id}  {case.url}  (query: {case.query!r})")
            bad += 1
        elif case.text() is None:
            print(f"changed  {case.id}  {case.url}  (sha256 differs)")
            bad += 1
    print(f"{len(cases)} cases, {len(cases) - bad} texts present and unchanged, {bad} missing or changed")
    return 1 if bad else 0


def restore(folder: Path) -> int:
    """Copy rebuilt texts into the cache: DIR/<case id>.json (or .txt) holds one excerpt, saved as the
    search tool returned it; only a text whose SHA-256 matches its case goes in."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    stored = wrong = absent = 0
    for case in load_cases():
        if case.text() is not None:
            continue
        found = [p for p in (folder / f"{case.id}.json", folder / f"{case.id}.txt") if p.exists()]
        if not found:
            absent += 1
            continue
        try:
            text = _read_excerpt(found[0])
        except ValueError as err:
            print(f"unreadable {case.id}  {err}")
            wrong += 1
            continue
        if _sha(text) != case.sha256:
            print(f"differs  {case.id}  length {len(text)}, the case says {case.length}")
            wrong += 1
            continue
        (CACHE_DIR / f"{case.sha256}.txt").write_text(text, encoding="utf-8")
        stored += 1
    print(f"{stored} texts stored, {wrong} differ from their case, {absent} still missing")
    return 1 if wrong or absent else 0


def show(case_id: str) -> int:
    for case in load_cases():
        if case.id == case_id:
            text = case.text()
            print(f"{case.id} {case.url}\npublished {case.published}  title {case.title_name}\n")
            print(text if text is not None else "(text missing from the cache)")
            for label in case.labels:
                snippet = text[label.evidence[0]:label.evidence[1]] if text else ""
                print(f"\n[{label.kind}] {label.event} {label.earliest}..{label.latest} {label.certainty or ''}"
                      f" {label.work or ''}\n    {snippet}")
            return 0
    print(f"no case {case_id}", file=sys.stderr)
    return 2


def stats() -> int:
    cases = load_cases()
    splits = load_splits(cases)
    titles: dict[str, int] = {}
    for case in cases:
        titles[case.title_name] = titles.get(case.title_name, 0) + 1
    kinds: dict[str, int] = {}
    for case in cases:
        for label in case.labels:
            kinds[label.kind] = kinds.get(label.kind, 0) + 1
    print(f"{len(cases)} cases, {len(titles)} titles, labels {kinds}")
    for name, n in sorted(titles.items(), key=lambda kv: -kv[1]):
        print(f"  {n:4d}  {splits.get(name, '?'):5s} {name}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("check")
    sub.add_parser("stats")
    p_add = sub.add_parser("add")
    p_add.add_argument("scratch", type=Path)
    p_add.add_argument("--batch", required=True)
    p_restore = sub.add_parser("restore")
    p_restore.add_argument("folder", type=Path)
    p_show = sub.add_parser("show")
    p_show.add_argument("case_id")
    args = parser.parse_args(argv)
    if args.cmd == "add":
        return add(args.scratch, args.batch)
    if args.cmd == "restore":
        return restore(args.folder)
    if args.cmd == "show":
        return show(args.case_id)
    return check() if args.cmd == "check" else stats()


if __name__ == "__main__":
    sys.exit(main())
