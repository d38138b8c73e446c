"""The consensus cache gives what computing from every claim gives, and recomputes only what changed."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from releasewatch.consensus import compute_consensus, summary_line
from releasewatch.models import Article, Claim, DateRange
from releasewatch.report.current import consensus_dict, current_consensus
from releasewatch.store import Store

TITLES = ["Dune: Part Three", "Mercy Street", "Ballerina", "Death Stranding 2"]


def _claims(rng: random.Random, title: str, n: int, start: date) -> list[Claim]:
    out = []
    for i in range(n):
        published = start + timedelta(days=rng.randint(0, 700))
        earliest = published + timedelta(days=rng.randint(20, 600))
        width = rng.choice([0, 0, 29, 91, 364])
        certainty = rng.choice(["official", "reported", "reported", "speculative", "speculative", "negated"])
        latest = None if certainty == "negated" else earliest + timedelta(days=width)
        event = rng.choice(["release", "release", "trailer", "production_start"])
        qualifier = rng.choice([None, None, None, "digital", "UK"]) if event == "release" else None
        sentence = f"{title} claim {i}."
        out.append(Claim(title, event, DateRange(earliest, latest, "day" if width == 0 else "range"), certainty,
                         sentence, 0, len(sentence), 0, 4, "date", qualifier=qualifier, published=published,
                         source=rng.choice(["Reel Ledger", "Frame Rate", "Screen Gossip"]), extractor_version="t"))
    return out


def _save(store: Store, title: str, claims: list[Claim], version: str = "") -> None:
    slug = title.lower().replace(" ", "-").replace(":", "")
    store.save_article(Article(url=f"https://news.example/{slug}", text=f"{title} text {version}",
                               source="Reel Ledger", content_hash=f"{slug}{version}"), claims)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    rng = random.Random(11)
    store = Store(tmp_path / "rw.db")
    for title in TITLES:
        _save(store, title, _claims(rng, title, 40, date(2022, 1, 1)))
    return store


def _expected(store: Store, as_of: date, reliability: dict[str, float]) -> list[tuple[dict, str]]:
    found = compute_consensus(store.claims(until=as_of), as_of, reliability=reliability)
    return [(consensus_dict(c), summary_line(c.title, [c])) for c in found]


def _got(store: Store, as_of: date, reliability: dict[str, float]) -> list[tuple[dict, str]]:
    found, _ = current_consensus(store, as_of, reliability=reliability)
    return [(consensus_dict(c), summary_line(c.title, [c])) for c in found]


class Reads:
    def __init__(self, store: Store, monkeypatch: pytest.MonkeyPatch):
        self.titles: list[str | None] = []
        real = store.claims

        def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.titles.append(kwargs.get("title"))
            return real(*args, **kwargs)

        monkeypatch.setattr(store, "claims", counted)


def test_cached_equals_computed_through_changes(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    rel = {"Reel Ledger": 0.9, "Screen Gossip": 0.4}
    day = date(2025, 1, 1)
    assert _got(store, day, rel) == _expected(store, day, rel)  # cold: computed and remembered
    reads = Reads(store, monkeypatch)
    assert _got(store, day, rel) == _expected(store, day, rel)  # warm
    later = date(2026, 6, 1)  # only the wording moves ("released ..."): still from the cache
    assert _got(store, later, rel) == _expected(store, later, rel)
    assert [t for t in reads.titles if t is not None] == [] and reads.titles.count(None) == 2  # the two _expected

    reads.titles.clear()
    rng = random.Random(5)
    _save(store, "Mercy Street", _claims(rng, "Mercy Street", 5, date(2023, 6, 1)), version="2")  # a new version
    assert _got(store, later, rel) == _expected(store, later, rel)
    assert [t for t in reads.titles if t is not None] == ["Mercy Street"]

    reads.titles.clear()
    other = {"Reel Ledger": 0.2, "Screen Gossip": 0.95}  # new settings: everything again
    assert _got(store, later, other) == _expected(store, later, other)
    assert None in reads.titles[:1]


def test_an_as_of_before_the_newest_claim_is_computed(store: Store) -> None:
    early = date(2022, 9, 1)
    current_consensus(store, date(2025, 1, 1))
    assert _got(store, early, {}) == _expected(store, early, {})


def test_titles_only(store: Store) -> None:
    found, total = current_consensus(store, date(2025, 1, 1), titles=["Ballerina"])
    assert {c.title for c in found} == {"Ballerina"} and total == 40
