"""A consensus that one misread sentence cannot flip (rules 1a, 1b, 4 and 5 of releasewatch.consensus).

Each row: the claims (event, earliest, latest, certainty, source, published, previous) and the
consensus expected as of a date. Claims are written by hand, as the extractor would give them.
"""

from __future__ import annotations

from datetime import date

import pytest

from releasewatch.consensus import compute_consensus
from releasewatch.models import Claim, DateRange

D = date.fromisoformat


def claim(event: str, earliest: str, latest: str | None, certainty: str, source: str, published: str,
          previous: tuple[str, str] | None = None) -> Claim:
    r = DateRange(D(earliest), D(latest) if latest else None, "day", earliest)
    prev = DateRange(D(previous[0]), D(previous[1]), "day", previous[0]) if previous else None
    return Claim(title="Mercy Street", event=event, range=r, certainty=certainty, sentence="(hand-written)",
                 sentence_start=0, sentence_end=14, time_start=0, time_end=1, time_text="x", previous=prev,
                 published=D(published), source=source, extracted_at=published)


TWO_SOURCES_JUNE = [
    claim("release", "2026-06-05", "2026-06-05", "official", "Trade A", "2025-09-01"),
    claim("release", "2026-06-05", "2026-06-05", "official", "Trade B", "2025-09-02"),
]

CASES = [
    pytest.param(TWO_SOURCES_JUNE + [claim("release", "2026-03-06", "2026-03-06", "official", "Blog C", "2025-10-01")],
                 ("2026-06-05", "2026-06-05", "official"), id="one-source-stray-date-waits"),
    pytest.param(TWO_SOURCES_JUNE + [claim("release", "2026-09-18", "2026-09-18", "official", "Blog C", "2025-10-01",
                                           previous=("2026-06-05", "2026-06-05"))],
                 ("2026-09-18", "2026-09-18", "official"), id="a-stated-move-wins-from-one-source"),
    pytest.param(TWO_SOURCES_JUNE + [claim("release", "2026-09-18", "2026-09-18", "official", "Blog C", "2025-10-01"),
                                     claim("release", "2026-09-18", "2026-09-18", "official", "Trade A", "2025-10-02")],
                 ("2026-09-18", "2026-09-18", "official"), id="a-second-source-confirms-the-new-date"),
    pytest.param([claim("release", "2026-06-05", "2026-06-05", "official", "Trade A", "2025-09-01"),
                  claim("release", "2026-09-18", "2026-09-18", "official", "Trade A", "2025-10-01")],
                 ("2026-09-18", "2026-09-18", "official"), id="one-source-updating-itself-moves"),
    pytest.param([claim("production_start", "2026-01-12", "2026-01-12", "reported", "Trade A", "2025-09-01"),
                  claim("release", "2025-01-01", "2025-12-31", "official", "Blog C", "2025-09-01"),
                  claim("release", "2027-01-01", "2027-12-31", "speculative", "Trade A", "2025-09-01")],
                 ("2027-01-01", "2027-12-31", "speculative"), id="release-before-filming-does-not-count"),
    pytest.param([claim("release", "2024-01-01", "2024-12-31", "official", "Blog C", "2025-09-01"),
                  claim("production_start", "2026-01-12", "2026-01-12", "reported", "Trade A", "2025-08-01")],
                 ("2024-01-01", "2024-12-31", "official"), id="an-older-filming-report-does-not-veto"),
    # rule 5: a date that a later article, written after it passed, still treats as ahead did not happen
    pytest.param([claim("release", "2025-03-21", "2025-03-21", "official", "Blog C", "2025-03-21"),
                  claim("release", "2026-01-01", "2026-12-31", "speculative", "Trade A", "2025-07-31")],
                 ("2026-01-01", "2026-12-31", "speculative"), id="a-past-date-still-ahead-later-did-not-happen"),
    pytest.param([claim("release", "2025-03-21", "2025-03-21", "official", "Blog C", "2025-03-21"),
                  claim("release", "2025-08-01", None, "negated", "Trade A", "2025-08-01")],
                 None, id="no-date-yet-after-the-date-passed"),
    pytest.param([claim("release", "2025-06-05", "2025-06-05", "official", "Trade A", "2024-09-01"),
                  claim("release", "2026-06-05", "2026-06-05", "official", "Trade A", "2025-01-10"),
                  claim("release", "2026-06-05", "2026-06-05", "official", "Trade B", "2025-08-01")],
                 ("2026-06-05", "2026-06-05", "official"), id="a-superseded-plan-stays-as-the-old-date"),
    pytest.param([claim("release", "2025-06-05", "2025-06-05", "official", "Trade A", "2025-06-06"),
                  claim("release", "2025-06-05", "2025-06-05", "official", "Trade B", "2025-06-20")],
                 ("2025-06-05", "2025-06-05", "official"), id="a-release-told-after-it-happened-stands"),
]


@pytest.mark.parametrize(("claims", "expected"), CASES)
def test_release_consensus(claims: list[Claim], expected: tuple[str, str, str] | None) -> None:
    (release,) = [c for c in compute_consensus(claims, D("2025-12-01")) if c.event == "release"]
    if expected is None:  # no date yet
        assert release.range is None and release.certainty == "negated", release.label
        return
    assert release.range is not None
    got = (release.range.earliest.isoformat(), release.range.latest.isoformat() if release.range.latest else None,
           release.certainty)
    assert got == expected, release.label


def test_the_stray_date_is_kept_as_dissent() -> None:
    stray = claim("release", "2026-03-06", "2026-03-06", "official", "Blog C", "2025-10-01")
    (release,) = compute_consensus(TWO_SOURCES_JUNE + [stray], D("2025-12-01"))
    assert stray in release.dissent and set(release.sources) == {"Trade A", "Trade B"}


def test_an_official_window_narrowed_by_a_newer_report() -> None:
    claims = [claim("production_start", "2025-11-01", "2025-11-30", "official", "Site", "2025-11-02"),
              claim("production_start", "2025-11-13", "2025-11-13", "reported", "Site", "2025-11-02")]
    (filming,) = compute_consensus(claims, D("2025-11-03"))
    assert (filming.range.earliest, filming.range.latest, filming.certainty) == (D("2025-11-13"), D("2025-11-13"),
                                                                                 "reported")


def test_rule_5_tables_agree_with_the_plain_reading() -> None:
    """_LaterNews answers from suffix tables; the plain reading scans every claim. Same answers."""
    import random
    from datetime import timedelta

    from releasewatch.consensus import _LaterNews

    rng = random.Random(20261202)
    for _ in range(40):
        claims = []
        for i in range(rng.randint(1, 25)):
            day = D("2025-01-01") + timedelta(days=rng.randint(0, 400))
            told = D("2024-10-01") + timedelta(days=rng.randint(0, 500))
            certainty = rng.choice(["official", "reported", "speculative", "negated"])
            end = None if certainty == "negated" else (day + timedelta(days=rng.choice([0, 0, 30, 300]))).isoformat()
            claims.append(claim("release", day.isoformat(), end, certainty, f"S{i % 3}", told.isoformat()))
        later = _LaterNews(claims)
        for c in claims:
            if c.range.latest is None or c.published is None:
                continue
            ends, told = c.range.latest, c.published
            plain_ahead = any(d.published is not None and d.published > ends and d.published >= told
                              and (d.certainty == "negated" or d.range.earliest > ends) for d in claims)
            plain_superseded = any(o.certainty == "official" and o.published is not None and o.published > told
                                   and not o.range.overlaps(c.range) for o in claims)
            assert later.still_ahead(ends, told) == plain_ahead
            assert later.superseded(c.range, told) == plain_superseded
