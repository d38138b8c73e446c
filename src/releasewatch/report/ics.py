"""An iCalendar file of the current consensus dates, stable enough to subscribe to."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from ..models import Consensus


def _uid(c: Consensus) -> str:
    digest = hashlib.sha1(f"{c.title}\x1f{c.event}".encode()).hexdigest()[:16]
    return f"{digest}@releasewatch"


def consensus_calendar(consensuses: Sequence[Consensus], *, now: datetime,
                       prodid: str = "-//releasewatch//release dates//EN") -> bytes:
    """All-day events: a confirmed day for an official date, a tentative span for a window."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "releasewatch: release dates")
    for c in consensuses:
        if c.range is None or c.range.latest is None:
            continue  # an open window has no end to put in a calendar
        event = Event()
        event.add("uid", _uid(c))
        event.add("dtstamp", now)
        event.add("summary", f"{c.title} — {c.event.replace('_', ' ')} ({c.label})")
        event.add("dtstart", c.range.earliest)
        event.add("dtend", c.range.latest + timedelta(days=1))
        single = c.range.earliest == c.range.latest
        event.add("status", "CONFIRMED" if c.certainty == "official" and single else "TENTATIVE")
        event.add("transp", "TRANSPARENT")
        if c.since:
            event.add("sequence", (c.since.toordinal() - 730000) % 100000)  # grows when the date moves
        sources = ", ".join(c.sources)
        event.add("description", f"{c.label}\nCertainty: {c.certainty}\nSources: {sources}")
        cal.add_component(event)
    return cal.to_ical()


def write_ics(consensuses: Sequence[Consensus], path: Path, *, now: datetime) -> Path:
    """Write the calendar atomically, so a subscriber never reads half a file."""
    data = consensus_calendar(consensuses, now=now)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path
