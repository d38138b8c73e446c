"""The iCalendar export, parsed back with icalendar: events, stable UIDs, tentative windows, atomic writes."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from releasewatch.models import Claim, Consensus, DateRange
from releasewatch.report.ics import consensus_calendar, event_uid, write_ics

NOW = datetime(2025, 6, 9, 8, 30, tzinfo=timezone.utc)


def claim(url: str, published: str, sentence: str = "Lionsgate dated Ballerina for June 6, 2025.") -> Claim:
    return Claim(title="Ballerina", event="release", range=DateRange(date(2025, 6, 6), date(2025, 6, 6)),
                 certainty="official", sentence=sentence, sentence_start=0, sentence_end=10, time_start=0,
                 time_end=4, time_text="June 6", published=date.fromisoformat(published), article_url=url,
                 source="Reel Ledger")


def cons(event: str, earliest: str, latest: str | None, certainty: str, label: str, since: str, *,
         title: str = "Ballerina", previous: DateRange | None = None, supporting: tuple[Claim, ...] = ()) -> Consensus:
    rng = DateRange(date.fromisoformat(earliest), date.fromisoformat(latest) if latest else None)
    return Consensus(title=title, event=event, range=rng, label=label, certainty=certainty, as_of=NOW.date(),
                     since=date.fromisoformat(since), supporting=supporting, sources=("Reel Ledger", "Frame Rate"),
                     previous=previous)


OFFICIAL = cons("release", "2025-06-06", "2025-06-06", "official",
                "release June 6, 2025 (official; moved from Jun 7, 2024)", "2023-10-12",
                previous=DateRange(date(2024, 6, 7), date(2024, 6, 7)),
                supporting=(claim("https://example.org/old", "2023-10-12"),
                            claim("https://example.org/new", "2025-05-20", "It opens June 6.")))
WINDOW = cons("release", "2023-09-01", "2024-04-30", "speculative", "release late 2023 / early 2024 (speculative)",
              "2022-11-06", title="Mercy Street")
MONTH = cons("production_end", "2023-01-01", "2023-01-31", "reported", "filming wraps in January 2023", "2022-12-01")
OPEN = cons("premiere", "2025-01-01", None, "speculative", "premiere 2025 or later (speculative)", "2024-02-20")
NOTHING = Consensus(title="Ballerina", event="trailer", range=None, label="no official trailer date yet",
                    certainty="negated", as_of=NOW.date(), since=date(2024, 1, 1))


def events(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_calendar_header() -> None:
    cal = Calendar.from_ical(consensus_calendar([OFFICIAL], now=NOW, prodid="-//test//x//EN"))
    assert str(cal["PRODID"]) == "-//test//x//EN" and str(cal["VERSION"]) == "2.0"


def test_official_day_is_a_confirmed_all_day_event() -> None:
    data = consensus_calendar([OFFICIAL], now=NOW)
    assert b"DTSTART;VALUE=DATE:20250606" in data and b"DTEND;VALUE=DATE:20250607" in data
    event = events(data)[event_uid("Ballerina", "release")]
    assert event.decoded("DTSTART") == date(2025, 6, 6) and event.decoded("DTEND") == date(2025, 6, 7)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == "Ballerina — release (Jun 6, 2025, official; moved from Jun 7, 2024)"
    assert event.decoded("DTSTAMP") == NOW
    assert str(event["URL"]) == "https://example.org/new"  # the newest supporting article
    description = str(event["DESCRIPTION"])
    assert "It opens June 6." in description and "Reel Ledger, Frame Rate" in description


def test_windows_are_tentative() -> None:
    found = events(consensus_calendar([WINDOW, MONTH, OPEN], now=NOW))
    window = found[event_uid("Mercy Street", "release")]
    assert str(window["SUMMARY"]) == "Mercy Street — release (late 2023 / early 2024, speculative)"
    assert str(window["STATUS"]) == "TENTATIVE"
    # Eight months would be a banner over everything: the event sits on the window's first day.
    assert window.decoded("DTSTART") == date(2023, 9, 1) and window.decoded("DTEND") == date(2023, 9, 2)
    month = found[event_uid("Ballerina", "production_end")]
    assert str(month["STATUS"]) == "TENTATIVE"
    assert month.decoded("DTSTART") == date(2023, 1, 1) and month.decoded("DTEND") == date(2023, 2, 1)
    assert str(month["SUMMARY"]) == "Ballerina — filming wraps (January 2023, reported)"
    opened = found[event_uid("Ballerina", "premiere")]
    assert str(opened["SUMMARY"]) == "Ballerina — premiere (2025 or later, speculative)"
    assert opened.decoded("DTSTART") == date(2025, 1, 1)


def test_consensus_without_a_date_is_left_out() -> None:
    assert list(events(consensus_calendar([NOTHING], now=NOW))) == []


def test_uids_stable_across_writes_and_sequence_grows_when_the_date_moves(tmp_path: Path) -> None:
    path = tmp_path / "cal" / "releases.ics"
    before = cons("release", "2024-06-07", "2024-06-07", "official", "release June 7, 2024 (official)", "2023-02-28")
    write_ics([before, WINDOW], path, now=NOW - timedelta(days=400))
    first = events(path.read_bytes())
    write_ics([OFFICIAL, WINDOW], path, now=NOW)
    second = events(path.read_bytes())
    assert set(first) == set(second) == {event_uid("Ballerina", "release"), event_uid("Mercy Street", "release")}
    uid = event_uid("Ballerina", "release")
    assert second[uid].decoded("DTSTART") == date(2025, 6, 6)
    assert int(second[uid]["SEQUENCE"]) > int(first[uid]["SEQUENCE"])
    same = event_uid("Mercy Street", "release")
    assert int(second[same]["SEQUENCE"]) == int(first[same]["SEQUENCE"])
    assert [p.name for p in path.parent.iterdir()] == ["releases.ics"]  # written via a temporary file


def test_same_input_same_bytes_and_now_must_be_aware() -> None:
    assert consensus_calendar([OFFICIAL, WINDOW], now=NOW) == consensus_calendar([WINDOW, OFFICIAL], now=NOW)
    with pytest.raises(ValueError, match="timezone"):
        consensus_calendar([OFFICIAL], now=datetime(2025, 6, 9))
