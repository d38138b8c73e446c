"""Checks shared by the seed-article test and the sample-article test: the same situation, two texts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from releasewatch.models import Claim


def assert_no_march_2023_claim(claims: Sequence[Claim]) -> None:
    """The other John Wick film's March date is never a Ballerina date."""
    for c in claims:
        assert not (c.range.earliest <= date(2023, 3, 31) and (c.range.latest or date.max) >= date(2023, 3, 1)
                    and c.certainty != "negated"), c


def assert_provenance(claims: Sequence[Claim], text: str, published: date) -> None:
    """Every claim's offsets point at its sentence and its time expression in the text."""
    for c in claims:
        assert text[c.sentence_start:c.sentence_end] == c.sentence
        assert text[c.time_start:c.time_end] == c.time_text
        assert c.extractor_version and c.published == published
