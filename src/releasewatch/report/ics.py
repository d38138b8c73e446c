"""An iCalendar file of the current consensus dates, stable enough to subscribe to.

One all-day VEVENT per title and event with a date:
- a single day: DTSTART;VALUE=DATE and DTEND the next day; STATUS:CONFIRMED when official,
  TENTATIVE otherwise ("reported" is still hearsay);
- a window of up to MAX_SPAN_DAYS (a week, a month): an all-day event spanning it, TENTATIVE;
- a longer window ("late 2023 / early 2024", "2025") or an open one ("2025 or later"): an all-day
  event on its first day, TENTATIVE, with the window in the summary. A banner across eight months
  of a calendar would hide everything else in it.
Summaries read "Ballerina — release (late 2023 / early 2024, speculative)". The UID depends only on
(title, event), so a subscriber's calendar updates the event in place when the date moves; SEQUENCE
grows with the date the consensus last changed. DTSTAMP is the `now` passed in: no clock reads here.
Consensuses without a range (nothing but "no official date") are left out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from ..labels import label_range
from ..models import EVENTS, Claim, Consensus

DEFAULT_PRODID = "-//releasewatch//release dates//EN"
MAX_SPAN_DAYS = 31
EVENT_NAMES = {"production_start": "filming starts", "production_end": "filming wraps", "release": "release",
               "premiere": "premiere", "trailer": "trailer", "home_release": "home release"}
_EPOCH = date(2000, 1, 1)


def event_uid(title: str, event: str) -> str:
    """Stable per (title, event): re-writing the file updates the same event for subscribers."""
    digest = hashlib.sha1(f"{title}\x1f{event}".encode()).hexdigest()[:20]
    return f"{digest}@releasewatch"


def event_summary(c: Consensus) -> str:
    """"Ballerina — release (Jun 6, 2025, official; moved from Jun 7, 2024)"."""
    assert c.range is not None
    when = label_range(c.range)
    if c.certainty == "negated":
        detail = f"{when}, speculation; no official date yet"
    else:
        detail = f"{when}, {c.certainty}"
        if c.certainty == "official" and c.previous is not None:
            detail += f"; moved from {label_range(c.previous)}"
    return f"{c.title} — {EVENT_NAMES.get(c.event, c.event.replace('_', ' '))} ({detail})"


def _span(c: Consensus) -> tuple[date, date]:
    """(DTSTART, DTEND exclusive) of the all-day event."""
    assert c.range is not None
    start, end = c.range.earliest, c.range.latest
    if end is None or (end - start).days + 1 > MAX_SPAN_DAYS:
        return start, start + timedelta(days=1)
    return start, end + timedelta(days=1)


def _latest(c: Consensus) -> Claim | None:
    """The newest supporting claim: its sentence and link go into the event."""
    return max(c.supporting, key=lambda cl: cl.published or date.min, default=None)


def _description(c: Consensus) -> str:
    lines = [c.label, f"Certainty: {c.certainty}"]
    if c.sources:
        lines.append("Sources: " + ", ".join(c.sources))
    if c.since:
        lines.append(f"Unchanged since {c.since.isoformat()}")
    latest = _latest(c)
    if latest is not None and latest.sentence:
        lines.append(f"\u201c{latest.sentence.strip()}\u201d")
        if latest.article_url:
            lines.append(latest.article_url)
    return "\n".join(lines)


def _event(c: Consensus, now: datetime) -> Any:
    from icalendar import Event

    assert c.range is not None
    start, end = _span(c)
    single = c.range.latest == c.range.earliest
    event = Event()
    event.add("uid", event_uid(c.title, c.event))
    event.add("dtstamp", now)
    event.add("summary", event_summary(c))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("status", "CONFIRMED" if c.certainty == "official" and single else "TENTATIVE")
    event.add("transp", "TRANSPARENT")  # a release date does not make anyone busy
    event.add("sequence", max(0, (c.since - _EPOCH).days) if c.since else 0)  # grows whenever it changes
    if c.since:
        event.add("last-modified", datetime(c.since.year, c.since.month, c.since.day, tzinfo=timezone.utc))
    event.add("categories", [EVENT_NAMES.get(c.event, c.event)])
    event.add("description", _description(c))
    latest = _latest(c)
    if latest is not None and latest.article_url:
        event.add("url", latest.article_url)
    return event


def consensus_calendar(consensuses: Sequence[Consensus], *, now: datetime, prodid: str = DEFAULT_PRODID,
                       name: str = "releasewatch: release dates") -> bytes:
    """The calendar as bytes. `now` (timezone-aware) becomes every event's DTSTAMP."""
    from icalendar import Calendar

    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    now = now.astimezone(timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    rank = {e: i for i, e in enumerate(EVENTS)}
    for c in sorted(consensuses, key=lambda c: (c.title.casefold(), rank.get(c.event, len(rank)), c.event)):
        if c.range is not None:
            cal.add_component(_event(c, now))
    return bytes(cal.to_ical())


def write_ics(consensuses: Sequence[Consensus], path: str | Path, *, now: datetime,
              prodid: str = DEFAULT_PRODID) -> Path:
    """Write the calendar atomically (temporary file, then rename): a subscriber never reads half a file."""
    target = Path(path)
    data = consensus_calendar(consensuses, now=now, prodid=prodid)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    return target
