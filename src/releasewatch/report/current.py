"""The current consensus of many titles without reading every claim, through a cache of decisions.

A title's consensus decision depends only on the claims published by the as-of date: weights
decay alike, so the date itself changes only the wording ("release June 6" becoming "released June
6"). The cache (table `consensus_cache`) keeps each title's decisions with a fingerprint of those
claims (how many, the newest id) and of the settings (reliabilities, half-life). A report recomputes only the titles whose fingerprint moved and words the rest for its
own date: a one-day digest over a million claims reads the few claims that are new, not all.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from ..models import Consensus, DateRange

if TYPE_CHECKING:
    from ..store import Store

log = logging.getLogger(__name__)
HALF_LIFE_DAYS = 90.0
# Past this share of titles to recompute, one pass over every claim beats a query per title.
_BULK_SHARE = 0.3


def settings_key(reliability: Mapping[str, float], half_life: float = HALF_LIFE_DAYS) -> str:
    blob = json.dumps([sorted(reliability.items()), half_life])
    return hashlib.sha1(blob.encode()).hexdigest()[:12]


def current_consensus(store: Store, as_of: date, *, reliability: Mapping[str, float] | None = None,
                      titles: Sequence[str] | None = None) -> tuple[list[Consensus], int]:
    """Every (or each of `titles`') consensus as of `as_of`, and how many claims count towards them."""
    from ..consensus import compute_consensus, event_rank

    reliability = reliability or {}
    key = settings_key(reliability)
    prints = store.claim_fingerprints(as_of, titles)
    cached = store.cached_consensus(titles)
    fresh: list[Consensus] = []
    stale: list[str] = []
    for title, (count, newest_id) in prints.items():
        rows = cached.get(title)
        if rows and all(r["fingerprint"] == f"{count}:{newest_id}:{key}" for r in rows):
            fresh.extend(_from_row(r, as_of) for r in rows)
        else:
            stale.append(title)
    computed: list[Consensus] = []
    if stale:
        if len(stale) > _BULK_SHARE * max(len(prints), 1) and titles is None:
            wanted = set(stale)
            claims = [c for c in store.claims(until=as_of, with_text=False, ordered=False) if c.title in wanted]
        else:
            claims = [c for t in stale for c in store.claims(title=t, until=as_of, with_text=False, ordered=False)]
        computed = compute_consensus(claims, as_of, reliability=reliability)
        _remember(store, computed, {t: prints[t] for t in stale}, key)
    result = fresh + computed
    result.sort(key=lambda c: (c.title, event_rank(c.event)))
    return result, sum(count for count, _ in prints.values())


def _remember(store: Store, computed: list[Consensus], prints: Mapping[str, tuple[int, int]], key: str) -> None:
    """Keep the decisions just made, under the fingerprints they were made from."""
    rows = [_to_row(c, f"{prints[c.title][0]}:{prints[c.title][1]}:{key}") for c in computed]
    try:
        store.replace_cached_consensus(sorted(prints), rows)
    except sqlite3.Error as exc:  # a read-only file: the report still stands, only slower next time
        log.info("consensus cache not written: %s", exc)


def _to_row(c: Consensus, fingerprint: str) -> dict[str, Any]:
    r, p = c.range, c.previous
    return {
        "title": c.title, "event": c.event, "fingerprint": fingerprint,
        "earliest": r.earliest.isoformat() if r else None,
        "latest": r.latest.isoformat() if r and r.latest else None,
        "granularity": r.granularity if r else None, "value": r.value if r else None,
        "range_label": r.label if r else None, "certainty": c.certainty,
        "since": c.since.isoformat() if c.since else None, "sources": json.dumps(list(c.sources)),
        "claims": len(c.supporting), "dissent": len(c.dissent),
        "previous_earliest": p.earliest.isoformat() if p else None,
        "previous_latest": p.latest.isoformat() if p and p.latest else None,
        "previous_granularity": p.granularity if p else None, "previous_value": p.value if p else None,
        "previous_label": p.label if p else None,
        "label": c.label, "phrase": c.extra.get("phrase"), "worded_as_of": c.as_of.isoformat(),
    }


def _range(row: Mapping[str, Any], prefix: str, label_key: str) -> DateRange | None:
    earliest = row[f"{prefix}earliest"]
    if not earliest:
        return None
    latest = row[f"{prefix}latest"]
    return DateRange(date.fromisoformat(earliest), date.fromisoformat(latest) if latest else None,
                     row[f"{prefix}granularity"] or "day", row[f"{prefix}value"] or "", row[label_key] or "")


def _from_row(row: Mapping[str, Any], as_of: date) -> Consensus:
    rng = _range(row, "", "range_label")
    previous = _range(row, "previous_", "previous_label")
    certainty = row["certainty"]
    label, phrase = _wording(row, rng, previous, as_of)
    return Consensus(
        title=row["title"], event=row["event"], range=rng, label=label, certainty=certainty, as_of=as_of,
        since=date.fromisoformat(row["since"]) if row["since"] else None, sources=tuple(json.loads(row["sources"])),
        previous=previous, extra={"phrase": phrase, "claims": row["claims"], "dissent": row["dissent"]},
    )


def _wording(row: Mapping[str, Any], rng: DateRange | None, previous: DateRange | None, as_of: date
             ) -> tuple[str, str]:
    """The label and phrase for `as_of`: the stored ones unless the date has passed since they were
    worded (only an official single day turns to the past tense: "released Jun 6, 2025")."""
    from ..consensus import _phrase, consensus_label

    worded = date.fromisoformat(row["worded_as_of"]) if row.get("worded_as_of") else None
    day = rng.earliest if rng is not None and rng.latest == rng.earliest else None
    same_tense = worded is not None and (day is None or (day < worded) == (day < as_of))
    if same_tense and row.get("label") and row.get("phrase"):
        return row["label"], row["phrase"]
    event, certainty = row["event"], row["certainty"]
    return consensus_label(event, rng, certainty, previous, as_of), _phrase(event, rng, certainty, as_of)


def consensus_dict(c: Consensus) -> dict[str, Any]:
    """`Consensus.to_dict`, with the counts a cached consensus carries instead of its claims."""
    d = c.to_dict()
    for key in ("claims", "dissent"):
        if key in c.extra:
            d[key] = c.extra[key]
    return d
