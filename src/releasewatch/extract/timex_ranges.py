"""Date ranges as the finder builds them: the hit type, labels, and the spans of named periods."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..labels import label_range, month_range, season_range
from ..models import DateRange
from .timex_lexicon import SEASONS

Resolver = Callable[[re.Match[str], str, date], "DateRange | None"]


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    range: DateRange
    rank: int  # specificity: higher wins an overlap of the same length
    pending: tuple[re.Match[str], Resolver] | None = None  # a tense-resolved range, made once the hit survives


def season_span(year: int, season: str) -> tuple[date, date]:
    return season_range(year, SEASONS[season.lower()])


def part_range(year: int, part: str) -> tuple[date, date]:
    if part in ("h1", "h2"):
        return (date(year, 1, 1), date(year, 6, 30)) if part == "h1" else (date(year, 7, 1), date(year, 12, 31))
    if part == "early":
        return date(year, 1, 1), date(year, 4, 30)
    if part == "mid":
        return date(year, 5, 1), date(year, 8, 31)
    return date(year, 9, 1), date(year, 12, 31)


def dr(earliest: date, latest: date | None, gran: str, value: str) -> DateRange:
    return DateRange(earliest=earliest, latest=latest, granularity=gran, value=value,
                     label=label(earliest, latest, gran, value))


def day_range(d: date | None) -> DateRange | None:
    return dr(d, d, "day", d.isoformat()) if d else None


def in_year(r: DateRange, year: int, *, seasons: bool = False) -> DateRange | None:
    """A year-less day or month moved into `year` ("March 6" under a "Coming in 2026:" header); with
    `seasons`, a season too (a winter keeps its run into the next year)."""
    if r.latest is None or r.granularity not in (("day", "month", "season") if seasons else ("day", "month")):
        return None
    if r.granularity != "season" and r.earliest.year != r.latest.year:
        return None
    if r.granularity == "season":  # "2024-WI": the season's own span in that year (a winter ends in February)
        code = r.value[5:]
        earliest, latest = season_range(year, code)
        return dr(earliest, latest, "season", f"{year}-{code}")
    try:
        earliest, latest = r.earliest.replace(year=year), r.latest.replace(year=year)
    except ValueError:  # February 29
        return None
    value = earliest.isoformat() if r.granularity == "day" else earliest.isoformat()[:7]
    return dr(earliest, latest, r.granularity, value)


@lru_cache(maxsize=4096)
def label(earliest: date, latest: date | None, gran: str = "day", value: str = "") -> str:
    return label_range(DateRange(earliest, latest, gran, value))


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date | None:
    """The nth (1-5, or -1 for the last) given weekday of a month; None past the month's end."""
    if nth > 0:
        first = date(year, month, 1)
        d = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
        return d if d.month == month else None
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    n = year * 12 + month - 1 + by
    return n // 12, n % 12 + 1


def month_or_year_from(dct: date, by: int, unit: str) -> DateRange:
    """The whole month (`unit` "month") or year (anything else) `by` of them from dct's."""
    if unit == "month":
        year, month = shift_month(dct.year, dct.month, by)
        a, b = month_range(year, month)
        return dr(a, b, "month", f"{year}-{month:02d}")
    year = dct.year + by
    return dr(date(year, 1, 1), date(year, 12, 31), "year", str(year))
