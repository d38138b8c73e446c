"""Publication dates: exact-day accuracy of parse_article beside htmldate, on the same pages in the same run.

    python benchmarks/pubdate.py [--verbose]
    python benchmarks/pubdate.py --rebuild RAWDIR     # refill the cache of trafilatura's pages (see below)

Page sets (none of them is htmldate's own evaluation set, which is kept for an independent check):
- fixtures: releasewatch's own pages, one per date form (tests/pages/pages.yaml);
- demo: every page of the demo site (src/releasewatch/demo/site), each outlet dating its pages its own way;
- trafilatura: heads of trafilatura's public test pages (benchmarks/pubdate/trafilatura_pages.yaml), labelled
  by reading. Their text is third-party and lives in the git-ignored benchmarks/pubdate/cache/. There is no
  internet here: the cache is rebuilt with the search tool, read_file(repo="adbar/trafilatura", path=...,
  commit=...) from offset 0, its "text" saved as RAWDIR/<file name>; `--rebuild RAWDIR` then cuts and
  empties each page as the YAML says, checks its SHA-256 and writes it to the cache. A page missing from
  the cache, or whose hash differs, is reported and left out.

Systems, each on every page: parse_article (ours: JSON-LD, meta, <time>, byline, URL, then htmldate fast,
then htmldate extensive); htmldate's find_date in its fast mode and its extensive mode (original_date=True,
the page's URL, the same date bounds); and "htmldate first" (htmldate fast, our structured reading kept
where it agrees within a day, ours where htmldate finds nothing), the other order the issue asks to measure.
A page counts when the day equals the label (ours: the page's local day, `published.date()`).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from releasewatch.article import parse_article  # noqa: E402

HERE = ROOT / "benchmarks" / "pubdate"
CACHE = HERE / "cache"
LABELS = HERE / "trafilatura_pages.yaml"
FIXTURES = ROOT / "tests" / "pages"
EARLIEST, LATEST = date(1995, 1, 1), date(2030, 12, 31)
STRUCTURED = {"json-ld", "meta", "time"}


@dataclass
class Page:
    group: str
    name: str
    html: str | bytes
    url: str
    label: date


# --- the pages ------------------------------------------------------------------------------------


def normalise(raw: str, cut: str) -> str:
    """The cached form of a stored page: up to the first `cut`, script (not JSON-LD) and style bodies emptied."""
    end = raw.find(cut)
    if end < 0:
        raise ValueError(f"cut {cut!r} not found")
    text = raw[: end + len(cut)]
    text = re.sub(r"(<script\b(?![^>]*ld\+json)[^>]*>).*?(</script\s*>)", r"\1\2", text, flags=re.S | re.I)
    return re.sub(r"(<style\b[^>]*>).*?(</style\s*>)", r"\1\2", text, flags=re.S | re.I)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def trafilatura_pages(problems: list[str]) -> list[Page]:
    pages = []
    for entry in yaml.safe_load(LABELS.read_text("utf-8")):
        name = Path(entry["path"]).name
        cached = CACHE / name
        if not cached.exists():
            problems.append(f"{name}: not in the cache (rebuild with --rebuild RAWDIR)")
            continue
        text = cached.read_text("utf-8")
        if sha256(normalise(text, entry["cut"])) != entry["sha256"]:
            problems.append(f"{name}: SHA-256 differs from the label file; left out")
            continue
        pages.append(Page("trafilatura", name, text, entry["url"], entry["published"]))
    return pages


def rebuild(rawdir: Path) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    for entry in yaml.safe_load(LABELS.read_text("utf-8")):
        name = Path(entry["path"]).name
        raw = rawdir / name
        if not raw.exists():
            print(f"{name}: missing; read_file(repo='adbar/trafilatura', path='{entry['path']}', "
                  f"commit='{entry['commit']}') and save its text as {raw}")
            continue
        text = normalise(raw.read_text("utf-8"), entry["cut"])
        ok = sha256(text) == entry["sha256"]
        if ok:
            (CACHE / name).write_text(text, "utf-8")
        print(f"{name}: {'ok' if ok else 'SHA-256 differs, not cached'}")


def fixture_pages() -> list[Page]:
    rows = yaml.safe_load((FIXTURES / "pages.yaml").read_text("utf-8"))
    return [Page("fixtures", r["file"], (FIXTURES / r["file"]).read_bytes(), r["url"], r["published"]) for r in rows]


def demo_pages() -> list[Page]:
    from releasewatch.demo.server import load_site, render_page

    outlets, articles = load_site()
    now = datetime(2025, 7, 1, tzinfo=timezone.utc)
    base = "https://site.example"
    return [Page("demo", a.slug, render_page(a, outlets[a.outlet], base, now), f"{base}/{a.outlet}/{a.slug}.html",
                 a.published.date()) for a in articles]


# --- the systems ----------------------------------------------------------------------------------


def ours(page: Page) -> tuple[date | None, str]:
    latest = datetime(LATEST.year, LATEST.month, LATEST.day, tzinfo=timezone.utc)
    article = parse_article(page.html, page.url, now=latest)
    return (article.published.date() if article.published else None), article.date_origin


def htmldate(page: Page, extensive: bool) -> date | None:
    from htmldate import find_date

    found = find_date(page.html, extensive_search=extensive, original_date=True, url=page.url,
                      min_date=EARLIEST.isoformat(), max_date=LATEST.isoformat())
    return date.fromisoformat(found) if found else None


def htmldate_first(fast: date | None, our_day: date | None, origin: str) -> date | None:
    if fast is None:
        return our_day
    if our_day and origin in STRUCTURED and abs(our_day - fast) <= timedelta(days=1):
        return our_day
    return fast


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every page a system gets wrong")
    parser.add_argument("--rebuild", type=Path, metavar="RAWDIR", help="refill the cache from saved read_file texts")
    args = parser.parse_args()
    if args.rebuild:
        return rebuild(args.rebuild)
    problems: list[str] = []
    pages = fixture_pages() + demo_pages() + trafilatura_pages(problems)
    systems = ("parse_article", "htmldate fast", "htmldate extensive", "htmldate first")
    results: dict[str, list[date | None]] = {s: [] for s in systems}
    seconds = dict.fromkeys(systems[:3], 0.0)
    origins: dict[str, int] = {}
    for page in pages:
        t0 = time.perf_counter()
        our_day, origin = ours(page)
        t1 = time.perf_counter()
        fast = htmldate(page, extensive=False)
        t2 = time.perf_counter()
        deep = htmldate(page, extensive=True)
        t3 = time.perf_counter()
        for system, day in zip(systems, (our_day, fast, deep, htmldate_first(fast, our_day, origin)), strict=True):
            results[system].append(day)
        for system, spent in zip(systems, (t1 - t0, t2 - t1, t3 - t2), strict=False):
            seconds[system] += spent
        origins[origin or "none"] = origins.get(origin or "none", 0) + 1
    report(pages, systems, results, seconds, origins, args.verbose)
    for problem in problems:
        print("note:", problem)


def report(pages: list[Page], systems: tuple[str, ...], results: dict[str, list[date | None]],
           seconds: dict[str, float], origins: dict[str, int], verbose: bool) -> None:
    groups = ["fixtures", "demo", "trafilatura", "all"]
    print(f"exact publication day, {len(pages)} pages (fixtures: ours; demo: the demo site; trafilatura: page heads)")
    print(f"{'system':<20}" + "".join(f"{g:>16}" for g in groups))
    for system in systems:
        cells = []
        for group in groups:
            idx = [i for i, p in enumerate(pages) if group in ("all", p.group)]
            right = sum(1 for i in idx if results[system][i] == pages[i].label)
            cells.append(f"{right}/{len(idx)} {100 * right / max(len(idx), 1):5.1f}%")
        print(f"{system:<20}" + "".join(f"{c:>16}" for c in cells))
    print("time per page: " + ", ".join(f"{s} {1000 * t / len(pages):.2f} ms" for s, t in seconds.items()))
    print("where parse_article's dates came from: " + ", ".join(f"{k} {v}" for k, v in sorted(origins.items())))
    if verbose:
        for i, page in enumerate(pages):
            wrong = [f"{s}={results[s][i]}" for s in systems if results[s][i] != page.label]
            if wrong:
                print(f"  {page.group}/{page.name}: label {page.label}; " + ", ".join(wrong))


if __name__ == "__main__":
    main()
