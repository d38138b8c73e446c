"""Human labels for date ranges and events: "Nov 13, 2022", "late 2023 / early 2024", "summer 2025"."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from .models import Claim, DateRange

_SEASONS = {(3, 1, 5, 31): "spring", (6, 1, 8, 31): "summer", (9, 1, 11, 30): "fall"}
_PARTS = {(1, 1, 4, 30): "early", (5, 1, 8, 31): "mid-", (9, 1, 12, 31): "late"}
_HALVES = {(1, 1, 6, 30): "first half of", (7, 1, 12, 31): "second half of"}


def _day(d: date) -> str:
    return f"{calendar.month_abbr[d.month]} {d.day}, {d.year}"


def _month_end(d: date) -> int:
    return calendar.monthrange(d.year, d.month)[1]


def _whole_months(a: date, b: date) -> bool:
    return a.day == 1 and b.day == _month_end(b)


def _named_part(a: date, b: date) -> str | None:
    """A label for a recognisable single period, or None."""
    if a == b:
        return _day(a)
    if a.year == b.year:
        key = (a.month, a.day, b.month, b.day)
        if a.month == b.month and _whole_months(a, b):
            return f"{calendar.month_name[a.month]} {a.year}"
        if key == (1, 1, 12, 31):
            return str(a.year)
        if key in _SEASONS:
            return f"{_SEASONS[key]} {a.year}"
        if key in _PARTS:
            part = _PARTS[key]
            return f"{part}{a.year}" if part.endswith("-") else f"{part} {a.year}"
        if key in _HALVES:
            return f"{_HALVES[key]} {a.year}"
        if key == (11, 15, 12, 31):
            return f"the holidays {a.year}"
        if a.day == 1 and b.day == _month_end(b) and (b.month - a.month) == 2 and a.month in (1, 4, 7, 10):
            return f"Q{(a.month - 1) // 3 + 1} {a.year}"
        if b - a == timedelta(days=6) and a.weekday() == 0:
            return f"week of {_day(a)}"
    if a.month == 12 and a.day == 1 and b.year == a.year + 1 and b.month == 2 and b.day == _month_end(b):
        return f"winter {a.year}/{str(b.year)[2:]}"
    if a.month == 1 and a.day == 1 and b.month == 12 and b.day == 31 and b.year - a.year == 9 and a.year % 10 == 0:
        return f"the {a.year}s"
    return None


_SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "fall", "WI": "winter"}


def month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def season_range(year: int, code: str) -> tuple[date, date]:
    """The meteorological season SP/SU/FA/WI of `year` (winter runs into the next year)."""
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    end = month_range(year + (code == "WI"), (start_month + 2 - 1) % 12 + 1)[1]
    return date(year, start_month, 1), end


def _open_start(a: date, value: str) -> str:
    """Where an open range starts, as its expression said it: "December 2025", "summer 2025", "Q2 2025"."""
    unit = _unit(value) if value else None
    if unit is not None and unit[0] == a:
        return unit[2]
    return str(a.year) if (a.month, a.day) == (1, 1) else _day(a)


def _unit(value: str) -> tuple[date, date, str] | None:
    """The period a TIMEX3-style value names, with its label: "2024", "2025-12", "2025-SU", "2026-Q2"."""
    try:
        year = int(value[:4])
        if len(value) == 4:
            return date(year, 1, 1), date(year, 12, 31), value
        tail = value[5:]
        if len(value) == 7 and tail.isdigit():
            month = int(tail)
            return (*month_range(year, month), f"{calendar.month_name[month]} {year}")
        if tail in _SEASON_NAMES:
            return (*season_range(year, tail), f"{_SEASON_NAMES[tail]} {year}")
        if len(tail) == 2 and tail[0] == "Q" and tail[1] in "1234":
            q = int(tail[1])
            return month_range(year, 3 * q - 2)[0], month_range(year, 3 * q)[1], f"{tail} {year}"
        d = date.fromisoformat(value)
        return d, d, _day(d)
    except ValueError:
        return None


def _open_end(b: date, value: str) -> str | None:
    unit = _unit(value) if value else None
    if unit is None:
        return None
    start, end, label = unit
    if b == end:
        return f"by {label}" if start == end else f"by the end of {label}"
    if b == start - timedelta(days=1):
        return f"before {label}"
    return None


def label_range(r: DateRange) -> str:
    """The most natural label for an inclusive range, judged by its shape, not its granularity."""
    a, b = r.earliest, r.latest
    if b is None:
        return f"{_open_start(a, r.value)} or later"
    if r.granularity == "open":  # from publication up to a bound: "by the end of 2024", "before summer 2025"
        bound = _open_end(b, r.value)
        if bound:
            return bound
    if b < a:
        a, b = b, a
    named = _named_part(a, b)
    if named:
        return named
    return _span_label(a, b)


def _span_label(a: date, b: date) -> str:
    # Two recognisable parts: "late 2023 / early 2024", "March–May 2024", "2024–2025".
    if a.month == 1 and a.day == 1 and b.month == 12 and b.day == 31:
        return f"{a.year}–{b.year}"
    if _whole_months(a, b) and a.year == b.year:
        return f"{calendar.month_name[a.month]}–{calendar.month_name[b.month]} {a.year}"
    for split_end in _candidate_splits(a, b):
        left = _named_part(a, split_end)
        right = _named_part(split_end + timedelta(days=1), b)
        if left and right:
            return f"{left} / {right}"
    if _whole_months(a, b):
        return f"{calendar.month_name[a.month]} {a.year}–{calendar.month_name[b.month]} {b.year}"
    if a.year == b.year:
        if a.month == b.month:
            return f"{calendar.month_abbr[a.month]} {a.day}–{b.day}, {a.year}"
        return f"{calendar.month_abbr[a.month]} {a.day} – {calendar.month_abbr[b.month]} {b.day}, {a.year}"
    return f"{_day(a)} – {_day(b)}"


def _candidate_splits(a: date, b: date) -> list[date]:
    """Month ends between a and b where a hull of two named parts could join."""
    out = []
    if a.year == b.year - 1:
        out.append(date(a.year, 12, 31))
    if a.year == b.year:
        out += [date(a.year, m, calendar.monthrange(a.year, m)[1]) for m in range(a.month, b.month)]
    return out


EVENT_NOUNS = {
    "production_start": "filming",
    "production_end": "filming wraps",
    "release": "release",
    "home_release": "home release",
    "premiere": "premiere",
    "trailer": "trailer",
}


def event_phrase(event: str, r: DateRange | None, *, past: bool = False) -> str:
    """"filming from Nov 13, 2022", "filming in November 2022", "release June 6, 2025", "released June 6, 2025"."""
    if r is None:
        return EVENT_NOUNS.get(event, event)
    label = label_range(r)
    single_day = r.latest == r.earliest
    if event == "production_start":
        if past:
            return f"filming began {label}" if single_day else f"filming began in {label}"
        return f"filming from {label}" if single_day else f"filming in {label}"
    if event == "production_end":
        return f"filming wrapped {label}" if past else f"filming wraps {label}"
    if event == "release" and past and single_day:
        return f"released {label}"
    if event == "trailer" and past and single_day:
        return f"trailer out {label}"
    if event == "premiere" and past and single_day:
        return f"premiered {label}"
    return f"{EVENT_NOUNS.get(event, event)} {label}"


def claim_event(c: Claim) -> str:
    """A claim's event as a reader says it, with its platform or region: "filming", "release (digital)"."""
    noun = EVENT_NOUNS.get(c.event, c.event.replace("_", " "))
    return f"{noun} ({c.qualifier})" if c.qualifier else noun
