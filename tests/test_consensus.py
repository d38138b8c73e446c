"""Consensus rules as tables of claim sets, and the Ballerina history replayed at several dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from releasewatch.cli import cli
from releasewatch.consensus import compute_consensus, detect_changes, summary_line, to_snapshot
from releasewatch.models import Claim, DateRange


def c(event: str, earliest: str, latest: str | None, certainty: str, published: str, source: str = "Reel Ledger",
      previous: tuple[str, str] | None = None, title: str = "Ballerina") -> Claim:
    prev = DateRange(date.fromisoformat(previous[0]), date.fromisoformat(previous[1])) if previous else None
    return Claim(title=title, event=event,
                 range=DateRange(date.fromisoformat(earliest), date.fromisoformat(latest) if latest else None),
                 certainty=certainty, sentence=f"{event} {earliest} ({certainty})", sentence_start=0, sentence_end=10,
                 time_start=0, time_end=4, time_text=earliest, published=date.fromisoformat(published), source=source,
                 previous=prev)


RELIABILITY = {"Reel Ledger": 0.9, "Screen Gossip": 0.4, "Frame Rate": 0.6}

CASES = [
    # (name, claims, as_of, expected earliest, latest, certainty, label)
    ("newer official supersedes older official",
     [c("release", "2024-06-07", "2024-06-07", "official", "2023-03-01"),
      c("release", "2025-06-06", "2025-06-06", "official", "2023-10-12")],
     "2023-11-01", "2025-06-06", "2025-06-06", "official", "release Jun 6, 2025 (official; moved from Jun 7, 2024)"),
    ("a rumour newer than an official date is dissent",
     [c("release", "2024-06-07", "2024-06-07", "official", "2023-03-01"),
      c("release", "2025-01-01", "2025-12-31", "speculative", "2023-06-15", "Screen Gossip")],
     "2023-07-01", "2024-06-07", "2024-06-07", "official", "release Jun 7, 2024 (official)"),
    ("two outlets disagree: the heavier wins",
     [c("release", "2024-03-01", "2024-03-31", "reported", "2023-05-01", "Reel Ledger"),
      c("release", "2024-09-01", "2024-09-30", "reported", "2023-05-02", "Screen Gossip")],
     "2023-05-10", "2024-03-01", "2024-03-31", "reported", "release March 2024"),
    ("overlapping reports narrow to their intersection",
     [c("release", "2024-01-01", "2024-12-31", "speculative", "2023-05-01"),
      c("release", "2024-06-01", "2024-08-31", "reported", "2023-05-02", "Frame Rate")],
     "2023-05-10", "2024-06-01", "2024-08-31", "reported", "release summer 2024"),
    ("reported outweighs speculative of the same age",
     [c("release", "2024-03-01", "2024-03-31", "speculative", "2023-05-01", "Reel Ledger"),
      c("release", "2024-09-01", "2024-09-30", "reported", "2023-05-01", "Frame Rate")],
     "2023-05-10", "2024-09-01", "2024-09-30", "reported", "release September 2024"),
    ("a negation after speculation: no official date, window kept",
     [c("release", "2025-06-01", "2025-08-31", "speculative", "2024-01-10"),
      c("release", "2024-02-01", None, "negated", "2024-02-01")],
     "2024-03-01", "2025-06-01", "2025-08-31", "negated", "no official release date yet; speculation: summer 2025"),
    ("speculation after a negation is the window again",
     [c("release", "2024-02-01", None, "negated", "2024-02-01"),
      c("release", "2025-06-01", "2025-08-31", "speculative", "2024-03-10")],
     "2024-04-01", "2025-06-01", "2025-08-31", "speculative", "release summer 2025 (speculative)"),
    ("an official day in the past reads as released",
     [c("release", "2025-06-06", "2025-06-06", "official", "2023-10-12", previous=("2024-06-07", "2024-06-07"))],
     "2025-06-09", "2025-06-06", "2025-06-06", "official", "released Jun 6, 2025 (official; moved from Jun 7, 2024)"),
    ("claims published after as-of are ignored",
     [c("release", "2024-06-07", "2024-06-07", "official", "2023-03-01"),
      c("release", "2025-06-06", "2025-06-06", "official", "2023-10-12")],
     "2023-05-01", "2024-06-07", "2024-06-07", "official", "release Jun 7, 2024 (official)"),
]


@pytest.mark.parametrize(("name", "claims", "as_of", "earliest", "latest", "certainty", "label"), CASES,
                         ids=[case[0] for case in CASES])
def test_consensus_rules(name, claims, as_of, earliest, latest, certainty, label) -> None:
    (result,) = compute_consensus(claims, date.fromisoformat(as_of), reliability=RELIABILITY)
    assert result.range is not None
    assert result.range.earliest.isoformat() == earliest
    assert (result.range.latest.isoformat() if result.range.latest else None) == latest
    assert result.certainty == certainty
    assert result.label == label


def test_dissent_newest_first_and_since() -> None:
    claims = [c("release", "2024-06-07", "2024-06-07", "official", "2023-03-01"),
              c("release", "2024-06-07", "2024-06-07", "reported", "2023-03-02", "Frame Rate"),
              c("release", "2025-01-01", "2025-12-31", "speculative", "2023-06-15", "Screen Gossip"),
              c("release", "2026-01-01", "2026-12-31", "speculative", "2023-07-15", "Screen Gossip")]
    (result,) = compute_consensus(claims, date(2023, 8, 1), reliability=RELIABILITY)
    assert [d.published.isoformat() for d in result.dissent] == ["2023-07-15", "2023-06-15"]
    assert set(result.sources) == {"Reel Ledger", "Frame Rate"}
    assert result.since == date(2023, 3, 1)  # later rumours did not change it


def test_seed_summary_line() -> None:
    claims = [c("production_start", "2022-11-13", "2022-11-13", "reported", "2022-11-06", "Seed"),
              c("production_start", "2022-11-01", "2022-11-30", "reported", "2022-11-06", "Seed"),
              c("release", "2022-11-06", None, "negated", "2022-11-06", "Seed"),
              c("release", "2023-09-01", "2024-04-30", "speculative", "2022-11-06", "Seed")]
    line = summary_line("Ballerina", compute_consensus(claims, date(2022, 11, 6)))
    assert line == ("Ballerina: filming from Nov 13, 2022 (reported, 1 source) · "
                    "release late 2023 / early 2024 (speculative, 1 source)")


def test_change_detected_once() -> None:
    before = compute_consensus([c("release", "2024-06-07", "2024-06-07", "official", "2023-03-01")], date(2023, 9, 1))
    after = compute_consensus([c("release", "2024-06-07", "2024-06-07", "official", "2023-03-01"),
                               c("release", "2025-06-06", "2025-06-06", "official", "2023-10-12")], date(2023, 10, 13))
    changes = detect_changes([to_snapshot(x) for x in before], after)
    assert [ch.summary for ch in changes] == ["Ballerina release moved from Jun 7, 2024 to Jun 6, 2025 (official)"]
    assert detect_changes([to_snapshot(x) for x in after], after) == []


def test_a_digital_date_is_its_own_track_not_a_move_of_the_release() -> None:
    theatrical = c("release", "2025-06-06", "2025-06-06", "official", "2023-10-12")
    digital = replace(c("release", "2025-07-22", "2025-07-22", "official", "2025-07-01"), qualifier="Digital")
    netflix = replace(c("release", "2025-08-01", "2025-08-01", "official", "2025-07-02", title="Mercy Street"),
                      qualifier="Netflix")
    result = {(x.title, x.event): x for x in compute_consensus([theatrical, digital, netflix], date(2025, 7, 5))}
    assert result[("Ballerina", "release")].range == theatrical.range
    assert result[("Ballerina", "home_release")].label == "home release Jul 22, 2025 (official)"
    assert result[("Mercy Street", "release")].range == netflix.range  # a streaming premiere is the release


def test_a_release_abroad_is_its_own_track_and_the_domestic_one_is_the_release() -> None:
    us = replace(c("release", "2025-06-06", "2025-06-06", "official", "2024-03-01"), qualifier="US")
    uk = replace(c("release", "2025-06-12", "2025-06-12", "official", "2024-04-01"), qualifier="UK")
    line = summary_line("Ballerina", compute_consensus([us, uk], date(2024, 5, 1)))
    assert line == ("Ballerina: release Jun 6, 2025 (official, 1 source) · "
                    "release (UK) Jun 12, 2025 (official, 1 source)")


@pytest.mark.parametrize("before, after, summary", [
    (("2022-01-01", "2022-12-31"), ("2022-06-01", "2022-08-31"),
     "Ballerina filming narrowed from 2022 to summer 2022 (reported)"),
    (("2022-06-01", "2022-08-31"), ("2022-11-13", "2022-11-13"),
     "Ballerina filming moved from summer 2022 to Nov 13, 2022 (reported)"),
    (("2021-01-01", None), ("2022-01-01", "2022-12-31"),
     "Ballerina filming narrowed from 2021 or later to 2022 (reported)"),
    (("2022-01-01", "2022-12-31"), ("2022-06-01", None),
     "Ballerina filming moved from 2022 to Jun 1, 2022 or later (reported)"),
])
def test_a_more_precise_date_is_narrowed_not_moved(before: tuple, after: tuple, summary: str) -> None:
    old = compute_consensus([c("production_start", *before, "reported", "2022-01-10")], date(2022, 2, 1))
    new = compute_consensus([c("production_start", *after, "reported", "2022-03-01")], date(2022, 3, 2))
    changes = detect_changes([to_snapshot(x) for x in old], new)
    assert [ch.summary for ch in changes] == [summary]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    from releasewatch.replay import run_demo

    out = tmp_path_factory.mktemp("demo")
    lines: list[str] = []
    result = run_demo(out, echo=lines.append)
    assert lines[-1].endswith("Ballerina: released Jun 6, 2025 (official; moved from Jun 7, 2024)")
    return result.db_path


# The fixture timeline (the bundled site) at ten dates, through the CLI as a user would ask.
REPLAY = [
    ("2020-01-01", "filming in 2020 (speculative"),
    ("2021-11-01", "filming in 2022 (speculative"),
    ("2022-05-01", "filming in summer 2022 (official"),
    ("2022-11-07", "release late 2023 / early 2024 (speculative"),
    ("2022-11-16", "filming began Nov 13, 2022 (official"),
    ("2023-03-02", "release Jun 7, 2024 (official"),
    ("2023-06-20", "release Jun 7, 2024 (official"),
    ("2023-10-13", "release Jun 6, 2025 (official; moved from Jun 7, 2024"),
    ("2023-11-14", "trailer out Nov 13, 2023 (official"),
    ("2025-06-10", "released Jun 6, 2025 (official; moved from Jun 7, 2024"),
]


@pytest.mark.parametrize(("as_of", "expected"), REPLAY)
def test_ballerina_history_replayed(demo_db: Path, as_of: str, expected: str) -> None:
    result = CliRunner().invoke(cli, ["consensus", "Ballerina", "--as-of", as_of, "--db", str(demo_db),
                                      "--config", "/nonexistent.yaml"])
    assert result.exit_code == 0, result.output
    assert expected in result.output, result.output


def test_each_change_cites_the_claim_that_decided_it(demo_db: Path) -> None:
    from releasewatch.store import Store

    history = {row["summary"]: row for row in Store(demo_db).consensus_history("Ballerina")}
    dated = history["Ballerina release moved from late 2023 / early 2024 to Jun 7, 2024 (official)"]
    assert dated["source"] == "Reel Ledger" and dated["sentence"].startswith("Lionsgate has set Ballerina")
    moved = history["Ballerina release moved from Jun 7, 2024 to Jun 6, 2025 (official)"]
    assert moved["sentence"] == "Lionsgate has moved Ballerina from June 7, 2024 to June 6, 2025."
    assert all(row["sentence"] for row in history.values())


def test_the_release_chart_leaves_the_digital_guess_to_its_own_track(demo_db: Path) -> None:
    from releasewatch.report.drift import track_claims
    from releasewatch.store import Store

    store = Store(demo_db)
    release = track_claims(store, "Ballerina", "release")
    home = track_claims(store, "Ballerina", "home_release")
    assert release and not any(c.qualifier == "digital" for c in release)
    assert [(c.qualifier, c.range.label) for c in home] == [("digital", "July 2025")]


def test_conjoined_dates_land_on_their_own_tracks() -> None:
    from releasewatch.extract.claims import extract_claims
    from releasewatch.models import Title

    claims = extract_claims("Universal has set Mercy Street for March 6, 2026 in the US and March 13, 2026 in the UK. "
                            "It arrives on digital on April 2, 2026 and on Blu-ray on May 7, 2026.",
                            [Title("Mercy Street")], date(2025, 3, 10))
    line = summary_line("Mercy Street", compute_consensus(claims, date(2025, 3, 10)))
    # the first home window (digital) leads its track; the Blu-ray date disagrees with it
    assert line == ("Mercy Street: release Mar 6, 2026 (official, 1 source) · home release Apr 2, 2026 (official, "
                    "1 source) · release (UK) Mar 13, 2026 (official, 1 source)")
