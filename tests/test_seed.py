"""The seed article (a real news piece, kept in the workplace's shared folder beside the repository,
never in it): what releasewatch must say from it, and what it must not. The package's own sample
article (tests/test_sample_article.py) covers the same situation in our words for a bare clone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from releasewatch.config import load_config
from releasewatch.extract.claims import extract_claims

from .ballerina_checks import assert_no_march_2023_claim, assert_provenance

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "ballerina-2022-11-06.txt"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="shared seed article not found: it lives in the workplace's "
                                "../shared/seeds folder beside the repository, not in it")


@pytest.fixture(scope="module")
def claims():
    titles = load_config(ROOT / "sources.yaml").titles
    text = SEED.read_text(encoding="utf-8")
    return extract_claims(text, titles, date(2022, 11, 6))


def as_rows(claims):
    return {(c.title, c.event, c.range.earliest, c.range.latest, c.certainty, c.cited) for c in claims}


def test_seed_gives_exactly_the_expected_claims(claims) -> None:
    assert as_rows(claims) == {
        ("Ballerina", "production_start", date(2022, 11, 13), date(2022, 11, 13), "reported", "TV Line"),
        ("Ballerina", "production_start", date(2022, 11, 1), date(2022, 11, 30), "official", None),
        ("Ballerina", "release", date(2022, 11, 6), None, "negated", None),
        ("Ballerina", "release", date(2023, 9, 1), date(2024, 4, 30), "speculative", None),
    }


def test_chapter_4_march_is_not_a_ballerina_date(claims) -> None:
    assert_no_march_2023_claim(claims)


def test_provenance_offsets_point_into_the_text(claims) -> None:
    assert_provenance(claims, SEED.read_text(encoding="utf-8"), date(2022, 11, 6))
