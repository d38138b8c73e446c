"""The sample article shipped in the package (our own words, written after the situation of a
November 2022 news piece): what releasewatch must say from it, and what it must not.

The README's first worked example runs `releasewatch extract` on this file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from releasewatch.config import load_config
from releasewatch.extract.claims import extract_claims

from .ballerina_checks import assert_no_march_2023_claim, assert_provenance

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "releasewatch" / "samples" / "ballerina-2022-11-06.txt"


@pytest.fixture(scope="module")
def claims():
    titles = load_config(ROOT / "sources.yaml").titles
    return extract_claims(SAMPLE.read_text(encoding="utf-8"), titles, date(2022, 11, 6))


def as_rows(claims):
    return {(c.title, c.event, c.range.earliest, c.range.latest, c.certainty, c.cited) for c in claims}


def test_sample_gives_exactly_the_expected_claims(claims) -> None:
    assert as_rows(claims) == {
        ("Ballerina", "production_start", date(2022, 11, 13), date(2022, 11, 13), "reported", "TV Line"),
        ("Ballerina", "release", date(2022, 11, 6), None, "negated", None),
        ("Ballerina", "release", date(2023, 9, 1), date(2024, 4, 30), "speculative", None),
    }


def test_the_other_john_wick_film_in_march_is_not_a_ballerina_date(claims) -> None:
    assert "Chapter 4 is set to open in March" in SAMPLE.read_text(encoding="utf-8")
    assert_no_march_2023_claim(claims)


def test_provenance_offsets_point_into_the_text(claims) -> None:
    assert_provenance(claims, SAMPLE.read_text(encoding="utf-8"), date(2022, 11, 6))


def test_the_sample_ships_in_the_package() -> None:
    from importlib import resources

    shipped = resources.files("releasewatch").joinpath("samples/ballerina-2022-11-06.txt")
    assert shipped.read_text(encoding="utf-8") == SAMPLE.read_text(encoding="utf-8")
