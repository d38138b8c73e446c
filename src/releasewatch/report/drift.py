"""Glue between the store and the drift chart: claims plus the consensus replayed over time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..models import Claim, DateRange

if TYPE_CHECKING:
    from ..store import Store


def consensus_steps(claims: Sequence[Claim], event: str, *, reliability: Mapping[str, float] | None = None
                    ) -> list[tuple[date, DateRange | None, str]]:
    """The consensus after each publication date: (date, range, certainty), one step per change."""
    from ..consensus import compute_consensus

    steps: list[tuple[date, DateRange | None, str]] = []
    for day in sorted({c.published for c in claims if c.published}):
        current = [c for c in compute_consensus(claims, day, reliability=reliability) if c.event == event]
        if not current:
            continue
        state = (day, current[0].range, current[0].certainty)
        if not steps or steps[-1][1:] != state[1:]:
            steps.append(state)
    return steps


def track_claims(store: Store, title: str, event: str, *, until: date | None = None) -> list[Claim]:
    """The dated claims of one consensus track: "release" leaves out digital and disc dates,
    which are the "home_release" track."""
    from ..consensus import consensus_event, stored_event

    return [c for c in store.claims(title=title, event=stored_event(event), until=until)
            if c.published and consensus_event(c) == event]


def chart_for_title(store: Store, title: str, event: str, out: Path, *, as_of: date,
                    reliability: Mapping[str, float] | None = None) -> Path | None:
    """Draw TITLE's drift chart for EVENT into OUT (.png/.svg); None when there is nothing to draw."""
    from .chart import drift_chart

    claims = track_claims(store, title, event, until=as_of)
    if not claims:
        return None
    steps = consensus_steps(claims, event, reliability=reliability)
    return drift_chart(claims, steps, title=title, event=event, out=out)
