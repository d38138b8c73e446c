"""`history` cites, for each change, the claim that made it: the newest claim that says exactly the
new consensus, not an older one with the same dates."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from releasewatch.consensus import compute_consensus
from releasewatch.models import Claim, DateRange
from releasewatch.store import Store

JUNE_6 = DateRange(date(2025, 6, 6), date(2025, 6, 6), "day", "2025-06-06", "June 6, 2025")


def claim(sentence: str, published: date, rng: DateRange, certainty: str = "official") -> Claim:
    return Claim("Ballerina", "release", rng, certainty, sentence, 0, len(sentence), 0, 4, "June 6", published=published,
                 source="Reel Ledger", article_url=f"https://reel-ledger.example/{published}", extractor_version="t")


MOVE = claim("Lionsgate has moved Ballerina from June 7, 2024 to June 6, 2025.", date(2023, 10, 12), JUNE_6)
OUT_NOW = claim("Ballerina is out now in cinemas.", date(2025, 6, 6),
                DateRange(date(2025, 6, 6), date(2025, 6, 6), "day", "PRESENT_REF", "now"))
@pytest.mark.parametrize(("claims", "as_of", "expected_sentence"), [
    ([MOVE], date(2023, 10, 13), MOVE.sentence),
    ([MOVE, OUT_NOW], date(2025, 6, 7), OUT_NOW.sentence),  # "released Jun 6, 2025" is the June 2025 news
])
def test_history_cites_the_newest_claim_behind_the_change(tmp_path: Path, claims: list[Claim], as_of: date,
                                                          expected_sentence: str) -> None:
    store = Store(tmp_path / "rw.db")
    if len(claims) > 1:  # the earlier state first, as polls would have stored it
        store.save_consensus(compute_consensus(claims[:1], date(2023, 10, 13)), None,
                             computed_at=datetime(2023, 10, 13, tzinfo=timezone.utc))
    store.save_consensus(compute_consensus(claims, as_of), None,
                         computed_at=datetime.combine(as_of, datetime.min.time(), timezone.utc))
    last = store.consensus_history("Ballerina")[-1]
    assert last["sentence"] == expected_sentence, last
