"""Date expressions resolved against the publication date: a table of real forms and non-dates."""

from __future__ import annotations

from datetime import date

import pytest

from releasewatch.extract.timex import find_timexes

DCT = date(2022, 11, 6)  # a Sunday

CASES = [
    # (text, surface, earliest, latest or None, granularity)
    ("set for June 7, 2024", "June 7, 2024", "2024-06-07", "2024-06-07", "day"),
    ("opens 7 June 2024", "7 June 2024", "2024-06-07", "2024-06-07", "day"),
    ("starts Nov. 13th", "Nov. 13th", "2022-11-13", "2022-11-13", "day"),
    ("dated 2024-06-07", "2024-06-07", "2024-06-07", "2024-06-07", "day"),
    ("dated 6/7/2024", "6/7/2024", "2024-06-07", "2024-06-07", "day"),
    ("on Sept. 5", "Sept. 5", "2023-09-05", "2023-09-05", "day"),
    ("It will open on March 3.", "March 3", "2023-03-03", "2023-03-03", "day"),
    ("It opened on March 3.", "March 3", "2022-03-03", "2022-03-03", "day"),
    ("It will start in March.", "March", "2023-03-01", "2023-03-31", "month"),
    ("It started in March.", "March", "2022-03-01", "2022-03-31", "month"),
    ("in March 2024", "March 2024", "2024-03-01", "2024-03-31", "month"),
    ("in March of 2024", "March of 2024", "2024-03-01", "2024-03-31", "month"),
    ("It may arrive in May", "May", "2023-05-01", "2023-05-31", "month"),
    ("in early March", "early March", "2023-03-01", "2023-03-10", "range"),
    ("summer 2025", "summer 2025", "2025-06-01", "2025-08-31", "season"),
    ("this fall", "this fall", "2022-09-01", "2022-11-30", "season"),
    ("next spring", "next spring", "2023-03-01", "2023-05-31", "season"),
    ("winter 2025", "winter 2025", "2025-12-01", "2026-02-28", "season"),
    ("Q3 2024", "Q3 2024", "2024-07-01", "2024-09-30", "quarter"),
    ("the third quarter of 2024", "the third quarter of 2024", "2024-07-01", "2024-09-30", "quarter"),
    ("H2 2024", "H2 2024", "2024-07-01", "2024-12-31", "half"),
    ("the first half of 2025", "the first half of 2025", "2025-01-01", "2025-06-30", "half"),
    ("in early 2024", "early 2024", "2024-01-01", "2024-04-30", "part-of-year"),
    ("by mid-2024", "by mid-2024", "2022-11-06", "2024-08-31", "open"),
    ("in late 2023", "late 2023", "2023-09-01", "2023-12-31", "part-of-year"),
    ("early next year", "early next year", "2023-01-01", "2023-04-30", "part-of-year"),
    ("later this year", "later this year", "2022-11-06", "2022-12-31", "part-of-year"),
    ("in 2024", "2024", "2024-01-01", "2024-12-31", "year"),
    ("a 2025 launch", "2025", "2025-01-01", "2025-12-31", "year"),
    ("in the 2020s", "the 2020s", "2020-01-01", "2029-12-31", "decade"),
    ("this month", "this month", "2022-11-01", "2022-11-30", "month"),
    ("next month", "next month", "2022-12-01", "2022-12-31", "month"),
    ("this week", "this week", "2022-10-31", "2022-11-06", "week"),
    ("next week", "next week", "2022-11-07", "2022-11-13", "week"),
    ("this upcoming week", "this upcoming week", "2022-11-07", "2022-11-13", "week"),
    ("next year", "next year", "2023-01-01", "2023-12-31", "year"),
    ("last year", "last year", "2021-01-01", "2021-12-31", "year"),
    ("two years ago", "two years ago", "2020-01-01", "2020-12-31", "year"),
    ("in the coming weeks", "in the coming weeks", "2022-11-06", "2022-12-18", "range"),
    ("during the holidays", "the holidays", "2022-11-15", "2022-12-31", "season"),
    ("holiday season 2024", "holiday season 2024", "2024-11-15", "2024-12-31", "season"),
    ("today", "today", "2022-11-06", "2022-11-06", "day"),
    ("tomorrow", "tomorrow", "2022-11-07", "2022-11-07", "day"),
    ("on Friday", "Friday", "2022-11-11", "2022-11-11", "day"),
    ("late 2023 or early 2024", "late 2023 or early 2024", "2023-09-01", "2024-04-30", "range"),
    ("between March and May 2024", "between March and May 2024", "2024-03-01", "2024-05-31", "range"),
    ("in 2024 or 2025", "2024 or 2025", "2024-01-01", "2025-12-31", "range"),
    ("spring or summer 2025", "spring or summer 2025", "2025-03-01", "2025-08-31", "range"),
    ("by the end of 2024", "by the end of 2024", "2022-11-06", "2024-12-31", "open"),
    ("by the end of the year", "by the end of the year", "2022-11-06", "2022-12-31", "open"),
    ("no earlier than 2025", "no earlier than 2025", "2025-01-01", None, "open"),
    ("won't open before summer", "before summer", "2023-06-01", None, "open"),
    ("out before summer", "before summer", "2022-11-06", "2023-05-31", "open"),
    ("won't open until December 2025", "until December 2025", "2025-12-01", None, "open"),
    ("in 2025 at the earliest", "2025 at the earliest", "2025-01-01", None, "open"),
]


@pytest.mark.parametrize(("text", "surface", "earliest", "latest", "granularity"), CASES, ids=[c[0] for c in CASES])
def test_resolves(text: str, surface: str, earliest: str, latest: str | None, granularity: str) -> None:
    found = find_timexes(text, DCT)
    assert len(found) == 1, found
    t = found[0]
    assert t.text == surface
    assert text[t.start:t.end] == surface
    assert t.range.earliest.isoformat() == earliest
    assert (t.range.latest.isoformat() if t.range.latest else None) == latest
    assert t.range.granularity == granularity


def test_moves_stay_two_dates() -> None:
    found = find_timexes("moved from June 7, 2024 to June 6, 2025", DCT)
    assert [t.text for t in found] == ["June 7, 2024", "June 6, 2025"]


@pytest.mark.parametrize("text", [
    "They march on the capital.", "the march on Washington", "It may arrive soon.", "at 7 p.m. sharp", "open 24/7",
    "grossed $587 million", "Chapter 4 is great", "No Time to Die", "Blade Runner 2049", "the 34-year-old star",
    "Season 2 and Episode 3", "Part 2 of the story", "fiscal Q3 results", "Q4 earnings call", "version 2.0",
    "call 555-2024", "it sold 2,025 copies", "2001: A Space Odyssey", "one in four fans", "",
])
def test_not_dates(text: str) -> None:
    assert find_timexes(text, DCT) == []


@pytest.mark.parametrize(("dct", "value"), [
    (date(2022, 11, 6), "2022-W45"), (date(2023, 1, 1), "2023-W01"),
])
def test_week_values(dct: date, value: str) -> None:
    assert find_timexes("next week", dct)[0].range.value == value


def test_bad_input_does_not_crash_or_hang() -> None:
    junk = "\x00\xff" * 1000 + "Ballerina " * 10_000 + "Nov. " * 10_000 + "2024 " * 10_000
    find_timexes(junk, DCT)
    find_timexes("Le film sortira le 7 juin 2024. 映画は2024年6月7日公開。", DCT)


# Open ranges are labelled as the sentence put them, not as raw spans of days.
@pytest.mark.parametrize(("text", "label"), [
    ("It won't open until December 2025.", "December 2025 or later"),
    ("It opens no earlier than summer 2025.", "summer 2025 or later"),
    ("It opens not before Q2 2026.", "Q2 2026 or later"),
    ("It opens no earlier than June 7, 2025.", "Jun 7, 2025 or later"),
    ("It opens by the end of 2024.", "by the end of 2024"),
    ("It opens before summer 2025.", "before summer 2025"),
    ("It opens by June 7, 2025.", "by Jun 7, 2025"),
    ("It opens ahead of Q3 2025.", "before Q3 2025"),
])
def test_open_range_labels(text: str, label: str) -> None:
    (found,) = find_timexes(text, date(2023, 6, 13))
    assert found.range.label == label
