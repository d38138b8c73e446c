"""Claim extraction speed against dateparser.search_dates, on the same texts, in the same run.

    python benchmarks/extract_speed.py [--articles 300] [--peer-articles 40] [--repeat 3]
    python benchmarks/extract_speed.py --extract-only N   # for callgrind: the first N articles, once

Articles are 2-10 KB of news prose built from sentence templates (seeded, so every run reads
the same texts), about one sentence in four carrying a date, as in entertainment news.
dateparser is much slower, so it reads a prefix of the same list (--peer-articles). Both rates
are articles per second, each from its fastest of --repeat passes. Linearity: one 10 KB text and
one 1 MB text made of the same sentences, full extraction on each; the time ratio should be
about the size ratio (100).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from releasewatch.extract.claims import extract_claims  # noqa: E402
from releasewatch.models import Title  # noqa: E402

TITLES = [
    Title("Ballerina", ("From the World of John Wick: Ballerina",), "film", ("John Wick", "Ana de Armas"), True),
    Title("Mercy Street", (), "film"),
    Title("Death Stranding 2", ("Death Stranding 2: On the Beach",), "game"),
]
SENTENCES = [
    "Lionsgate has set Ballerina for June {d}, 2024, with Ana de Armas in the lead.",
    "Mercy Street is expected to open in {season} 2026, according to people close to the production.",
    "Filming on Mercy Street began in Atlanta on March {d}, and the shoot should wrap in the fall.",
    "Death Stranding 2 launches on PS5 on June {d}, 2025, Sony Interactive confirmed on Tuesday.",
    "The studio also moved its untitled thriller from May {d}, 2025 to October 3, 2025.",
    "Box office analysts expect a $40 million opening weekend for the sequel in late {season}.",
    "John Wick: Chapter 4, which opened on March 24, 2023, grossed $440 million worldwide.",
    "Fans have waited years for news, and the director said a trailer could arrive in the coming weeks.",
    "The cast includes several newcomers, and the score was recorded in London last year.",
    "There is no official release date for the animated feature yet.",
    "Critics who saw an early cut praised the action and the production design.",
    "The company's fiscal Q3 results beat expectations, with streaming revenue up 12 percent.",
    "Ballerina could reach theaters in late 2023 or early 2024, if post-production goes smoothly.",
    "The festival runs from September {d} to September 12 and will screen 40 features.",
]
# Most of a news story carries no date: cast, plot, quotes, context. Three of these for each dated one.
FILLER = [
    "Ana de Armas trained for months with the stunt team, and the fight scenes were shot in long takes.",
    "The story follows a young assassin raised by a secretive order who sets out to avenge her family.",
    "\"We wanted every action beat to feel handmade,\" the director told reporters at a press event.",
    "The supporting cast features several veterans of the franchise alongside a few surprising newcomers.",
    "Test audiences reportedly responded well to the third act, which takes place in a snowbound village.",
    "The production designer built a full-scale opera house on a soundstage outside the city.",
    "Composer credits have not been confirmed, though the studio is said to want a familiar sound.",
    "Merchandise tie-ins include a limited collector's edition and a line of posters by local artists.",
    "The screenplay went through several drafts before the studio was happy with the ending.",
    "Industry watchers say the franchise remains one of the most reliable performers for the studio.",
    "Several scenes were reshot to clarify the relationship between the two leads.",
    "The marketing campaign is expected to lean heavily on the practical stunts.",
]
SEASONS = ["spring", "summer", "fall", "winter"]


def make_article(rng: random.Random, size: int) -> str:
    parts: list[str] = []
    total = 0
    while total < size:
        paragraph = " ".join(
            rng.choice(SENTENCES).format(d=rng.randint(1, 28), season=rng.choice(SEASONS)) if rng.random() < 0.25
            else rng.choice(FILLER) for _ in range(rng.randint(2, 6)))
        parts.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(parts)[:size]


def rate(fn, texts: list[str], repeat: int) -> float:  # type: ignore[no-untyped-def]
    """Articles per second, from the fastest of `repeat` passes (the least disturbed by the machine)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            fn(text)
        best = min(best, time.perf_counter() - started)
    return len(texts) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--peer-articles", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the texts; each side keeps its fastest")
    parser.add_argument("--extract-only", type=int, metavar="N",
                        help="run extract_claims once over the first N articles and print nothing (for an "
                             "instruction count: the difference between N=120 and N=60 is the cost of 60 articles)")
    args = parser.parse_args()
    rng = random.Random(20221106)
    published = date(2022, 11, 6)
    if args.extract_only is not None:
        for _ in range(args.extract_only):
            extract_claims(make_article(rng, rng.randint(2_000, 10_000)), TITLES, published)
        return
    texts = [make_article(rng, rng.randint(2_000, 10_000)) for _ in range(args.articles)]
    ours = rate(lambda t: extract_claims(t, TITLES, published), texts, args.repeat)

    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime(2022, 11, 6), "PREFER_DATES_FROM": "future"}
    search_dates(texts[0][:200], languages=["en"], settings=settings)  # load its data outside the timing
    peer = rate(lambda t: search_dates(t, languages=["en"], settings=settings), texts[: args.peer_articles], args.repeat)
    kb = sum(len(t) for t in texts) / len(texts) / 1000
    print(f"{len(texts)} articles, {kb:.1f} KB on average")
    print(f"releasewatch extract_claims (dates + titles + events + claims): {ours:8.1f} articles/s")
    print(f"dateparser.search_dates (dates only, {args.peer_articles} articles):   {peer:8.1f} articles/s")
    print(f"ratio: {ours / peer:.1f}x faster than dateparser.search_dates (fastest of {args.repeat} passes each)")

    small = make_article(random.Random(1), 10_000)
    big = (small + "\n\n") * 100
    for text in (small, big):  # warm
        extract_claims(text, TITLES, published)
    t_small = min(_timed(small, published) for _ in range(5))
    t_big = min(_timed(big, published) for _ in range(2))
    tracemalloc.start()  # memory in a separate run: tracing slows everything down
    extract_claims(big, TITLES, published)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"linearity: 10 KB in {t_small * 1000:.1f} ms, 1 MB in {t_big * 1000:.0f} ms: "
          f"{t_big / t_small:.0f}x the time for {len(big) / len(small):.0f}x the text "
          f"(peak traced memory {peak / 1e6:.0f} MB)")


def _timed(text: str, published: date) -> float:
    started = time.perf_counter()
    extract_claims(text, TITLES, published)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
