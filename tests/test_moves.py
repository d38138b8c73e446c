"""A move gives the new date, with the old one as `previous`."""

from __future__ import annotations

from datetime import date

import pytest

from releasewatch.extract.claims import extract_claims
from releasewatch.models import Title

TITLES = [Title("Mercy Street", (), "film"), Title("GTA 6", ("Grand Theft Auto VI",), "game")]


@pytest.mark.parametrize(("text", "published", "new", "previous"), [
    ("Mercy Street was pushed from June 7, 2024 to June 6, 2025.", "2023-10-12", "Jun 6, 2025", "Jun 7, 2024"),
    ("Mercy Street moved to June 6, 2025 from June 7, 2024.", "2023-10-12", "Jun 6, 2025", "Jun 7, 2024"),
    ("Mercy Street, originally set for Christmas Day, now opens January 17, 2026.", "2025-03-01",
     "Jan 17, 2026", "Dec 25, 2025"),
    ("GTA 6 is no longer coming in 2025; Take-Two now says May 26, 2026.", "2025-05-02", "May 26, 2026", "2025"),
    ("GTA 6 will no longer launch in fall 2025; it now arrives on May 26, 2026.", "2025-05-02",
     "May 26, 2026", "fall 2025"),
])
def test_move_keeps_the_old_date(text: str, published: str, new: str, previous: str) -> None:
    claims = [c for c in extract_claims(text, TITLES, date.fromisoformat(published)) if c.event == "release"]
    assert [(c.range.label, c.previous.label if c.previous else None) for c in claims] == [(new, previous)]

