"""A list headline ("The Action Movies Coming in 2024") dates the films on the list, not a tracked
title that the article names without putting it on the list.

Cases written for this test (our own words).
"""

from __future__ import annotations

from datetime import date

import pytest

from releasewatch.extract.claims import extract_claims
from releasewatch.models import Title

BALLERINA = Title("Ballerina", ("From the World of John Wick: Ballerina",), "film", ("John Wick", "Ana de Armas"), True)
LIST_HEADLINE = "The Action Movies Coming in 2024"


@pytest.mark.parametrize("text", [
    pytest.param("Here is what action fans can look forward to this year. Furiosa storms into cinemas in May. "
                 "The Fall Guy follows a stuntman on the run. Fans of John Wick will have to wait longer for "
                 "Ballerina.", id="named-as-waiting"),
    pytest.param("From sequels to reboots, here is the year in action. Furiosa storms into cinemas in May. One "
                 "film that will not make the list is Ballerina, the John Wick spin-off with Ana de Armas, which "
                 "Lionsgate has pushed to 2025.", id="named-as-left-out"),
])
def test_list_headline_is_no_claim_for_a_title_left_off_the_list(text: str) -> None:
    claims = extract_claims(text, [BALLERINA], date(2024, 1, 3), headline=LIST_HEADLINE)
    in_2024 = [c for c in claims if c.event == "release" and c.range.earliest.year == 2024]
    assert in_2024 == [], in_2024


def test_a_title_on_the_list_keeps_its_own_sentence_date() -> None:
    text = ("Here is what action fans can look forward to this year. Ballerina, the John Wick spin-off with Ana de "
            "Armas, opens June 7, 2024.")
    claims = extract_claims(text, [BALLERINA], date(2024, 1, 3), headline=LIST_HEADLINE)
    assert any(c.range.earliest == date(2024, 6, 7) and not c.in_headline for c in claims), claims


@pytest.mark.parametrize("headline", ["Mercy Street Series Returns June 5", "Both Mercy Street Shows Return on June 5"])
def test_a_plural_word_alone_does_not_make_a_list_headline(headline: str) -> None:
    mercy = Title("Mercy Street", (), "series")
    claims = extract_claims("The cast is back for another run.", [mercy], date(2026, 1, 2), headline=headline)
    assert [c for c in claims if c.in_headline], claims
