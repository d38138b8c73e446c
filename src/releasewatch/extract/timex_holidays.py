"""Named holidays resolved to their day in a given year, from lexicons/holidays.json.

Fixed days, floating ones (the nth weekday of a month, plus an offset: Black Friday is the day
after Thanksgiving), days counted from Easter, and holidays of lunisolar calendars (Diwali, the
Chinese New Year) from a per-year table: a year outside the table is not resolved, not guessed.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .timex_lexicon import load
from .timex_ranges import nth_weekday

_DATA = load("holidays.json")


def normal_name(name: str) -> str:
    """The lookup key of a holiday name as written: lower case, no apostrophes or dots, one space."""
    return " ".join(re.sub(r"['’.]", "", name.lower()).split())


_FIXED: dict[str, list[int]] = {normal_name(k): v for k, v in _DATA["fixed"].items()}
_FLOATING: dict[str, list[int]] = {normal_name(k): v for k, v in _DATA["floating"].items()}
_EASTER: dict[str, int] = {normal_name(k): v for k, v in _DATA["easter"].items()}
_TABLES: dict[str, dict[str, str]] = {normal_name(k): v for k, v in _DATA["tables"].items()}
_SPAN: dict[str, int] = {normal_name(k): v for k, v in _DATA["span"].items()}
_ALIASES = {normal_name(k): normal_name(v) for k, v in _DATA["aliases"].items()}
# UK bank holidays, for "the bank holiday" with no name: the nearest one in the sentence's direction.
_BANK_HOLIDAYS = ("new years day", "good friday", "easter monday", "early may bank holiday", "spring bank holiday",
                  "summer bank holiday", "christmas day", "boxing day")

# Every name the finder reads, as written in the lexicon (the pattern allows curly apostrophes).
NAMES: tuple[str, ...] = tuple(sorted({*_DATA["fixed"], *_DATA["floating"], *_DATA["easter"], *_DATA["tables"],
                                       *_DATA["aliases"], "bank holiday"}, key=len, reverse=True))


def easter(year: int) -> date:
    """Easter Sunday (Gregorian), by the anonymous Gregorian algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_day(name: str, year: int) -> date | None:
    """The (first) day of a holiday in `year`, or None where the lexicon cannot tell."""
    key = _ALIASES.get(normal_name(name), normal_name(name))
    if key in _FIXED:
        month, day = _FIXED[key]
        return date(year, month, day)
    if key in _FLOATING:
        month, weekday, nth, *offset = _FLOATING[key]
        base = nth_weekday(year, month, weekday, nth)
        return base + timedelta(days=offset[0] if offset else 0) if base else None
    if key in _EASTER:
        return easter(year) + timedelta(days=_EASTER[key])
    if key in _TABLES:
        md = _TABLES[key].get(str(year))
        return date(year, int(md[:2]), int(md[3:])) if md else None
    return None


def span_days(name: str) -> int:
    key = _ALIASES.get(normal_name(name), normal_name(name))
    return _SPAN.get(key, 1)


def is_monday_holiday(name: str) -> bool:
    key = _ALIASES.get(normal_name(name), normal_name(name))
    return key in _FLOATING and _FLOATING[key][1] == 0


def bank_holiday_near(dct: date, past: bool) -> date:
    """The next (or, in past tense, the last) UK bank holiday from dct."""
    days = sorted(d for y in (dct.year - 1, dct.year, dct.year + 1) for n in _BANK_HOLIDAYS
                  if (d := holiday_day(n, y)) is not None)
    if past:
        return max(d for d in days if d <= dct)
    return min(d for d in days if d >= dct)
