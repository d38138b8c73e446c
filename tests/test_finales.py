"""A season's run: its premiere is the release; the day its finale airs, and a later part, are releases qualified
"finale" and "part 2" (release tracks of their own in the consensus)."""

from __future__ import annotations

from datetime import date

import pytest

from releasewatch.extract.claims import extract_claims
from releasewatch.models import Title

HARBOR = [Title("Harbor Lights season 2", (), "series")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Harbor Lights season 2 premieres on April 8 and will release one episode a week until its finale on "
     "Wednesday, May 27.", [("2026-04-08", None), ("2026-05-27", "finale")]),
    ("Harbor Lights season 2 arrives April 8, and new episodes arrive every week through May 27.",
     [("2026-04-08", None), ("2026-05-27", "finale")]),
    ("Harbor Lights season 2 arrives April 8 on Netflix.", [("2026-04-08", "Netflix")]),
    # a later part of the season is a release track of its own
    ("Harbor Lights season 2 arrives in two parts: Part 1 on April 8 and Part 2 on May 20.",
     [("2026-04-08", None), ("2026-05-20", "part 2")]),
    ("The second volume of Harbor Lights season 2 lands on June 3.", [("2026-06-03", "part 2")]),
])
def test_a_finale_is_a_qualified_release(text: str, expected: list[tuple[str, str | None]]) -> None:
    claims = [c for c in extract_claims(text, HARBOR, date(2026, 3, 1)) if c.event == "release"]
    assert [(c.range.earliest.isoformat(), c.qualifier) for c in claims] == expected
