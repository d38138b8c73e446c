"""Who a date belongs to when one title is tracked (as a user with one title in sources.yaml has it):
tables of cases in our own words. The own corpus (tests/corpus) tracks many titles at once, which
changes which names count as other works, so these cases live here."""

from __future__ import annotations

from datetime import date

import pytest

from releasewatch.extract.claims import extract_claims
from releasewatch.models import Title

SEQUEL = Title("Starfall Run 2", ("Starfall Run II",), "game")
SHOW = Title("Harbor Lights season 2", (), "series")
FILM = Title("Mercy Street", (), "film")
SIXTH = Title("Harbor Lights season 6", (), "series")


def _found(title: Title, text: str, published: date) -> set[str]:
    return {f"{c.event}|{c.range.earliest}|{c.range.latest}" for c in extract_claims(text, [title], published)}


@pytest.mark.parametrize(("title", "text", "published", "expected"), [
    # a name after "as" describes the subject (or opens a new clause): it does not own the date before it
    (SEQUEL, "Starfall Run 2 reviews are in. The sequel launched last Friday as the first console-exclusive game "
             "of the franchise.", date(2026, 6, 10), {"release|2026-06-05|2026-06-05"}),
    # "the second part" of a tracked season is that season's, not a title numbered 2
    (SHOW, "Harbor Lights season 2 arrives in two halves. The first lands on July 1, and the second part is going "
           "to be coming on August 5.", date(2026, 6, 10),
     {"release|2026-07-01|2026-07-01", "release|2026-08-05|2026-08-05"}),
    # a working title in quotes is the subject's other name, not another work
    (FILM, "Principal photography on Mercy Street got underway in March 2026 under the working title ‘Lantern Bay’ "
           "and went on for three months, before it wrapped in late June.", date(2026, 10, 10),
     {"production_start|2026-03-01|2026-03-31", "production_end|2026-06-21|2026-06-30"}),
    # "season 6" of a tracked sixth season is that season (places past five are numbers too)
    (SIXTH, "Harbor Lights is back. We expect filming for season 6 to get going sometime this fall.", date(2026, 6, 10),
     {"production_start|2026-09-01|2026-11-30"}),
    (SIXTH, "Harbor Lights fans can relax: Season 6 starts filming early next year.", date(2026, 6, 10),
     {"production_start|2027-01-01|2027-04-30"}),
])
def test_owner_of_a_date(title: Title, text: str, published: date, expected: set[str]) -> None:
    assert _found(title, text, published) == expected
