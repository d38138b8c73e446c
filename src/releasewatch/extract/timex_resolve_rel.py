"""Resolvers of the counted and named forms: offsets from dct ("three weeks ago", "in two weeks"),
the nth weekday of a month, spans of days ("July 13-15"), weekday-and-day ("Tuesday the 19th") and
holidays. Like timex_resolve, each maps a match to a DateRange against the publication date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..labels import month_range
from ..models import DateRange
from .timex_holidays import bank_holiday_near, holiday_day, is_monday_holiday, normal_name, span_days
from .timex_lexicon import ORD, month_number, weekday_number
from .timex_ranges import day_range, dr, month_or_year_from, nth_weekday, safe_date, shift_month, week_of
from .timex_resolve import _year_of, count_of, day_number, full_year
from .timex_tense import is_past, occurrence


def _shifted(dct: date, n: int, unit: str) -> DateRange:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return day_range(dct + timedelta(days=n))  # type: ignore[return-value]
    if unit == "week":
        return day_range(dct + timedelta(weeks=n))  # type: ignore[return-value]
    return month_or_year_from(dct, n, unit)


def r_offset(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """three weeks ago, in two weeks, 2 months from now: dct moved by the count (days and weeks to the
    day, months and years to the month and year)."""
    n = count_of(m["n"])
    if n is None:
        return None
    if not m["dir"] and is_past(text, m.start(), m.end()):
        return None  # "sold out in two weeks": a duration, not a date
    sign = -1 if (m["dir"] or "").lower() == "ago" else 1
    return _shifted(dct, sign * n, m["unit"])


def r_offset_anchor(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """two weeks from next Tuesday, 2 days before yesterday."""
    n = count_of(m["n"])
    if n is None:
        return None
    anchor = " ".join(m["anchor"].lower().split())
    if anchor in ("today", "now"):
        base = dct
    elif anchor in ("tomorrow", "yesterday"):
        base = dct + timedelta(days=1 if anchor == "tomorrow" else -1)
    else:
        wd = weekday_number(anchor.split()[-1])
        if anchor.startswith("next"):
            base = week_of(dct)[0] + timedelta(days=7 + wd)
        else:
            base = dct + timedelta(days=(wd - dct.weekday()) % 7)
    days = n * (7 if m["unit"].lower().startswith("week") else 1)
    return day_range(base + timedelta(days=days if m["dir"].lower() in ("from", "after") else -days))


def _month_and_year(m: re.Match[str], text: str, dct: date, day: int | None = None) -> tuple[int, int]:
    """The month a pattern names (a month word or this/next/last month) and its year."""
    if m["rel"]:
        shift = {"this": 0, "next": 1, "last": -1, "the following": 1, "the next": 1}[" ".join(m["rel"].lower().split())]
        return shift_month(dct.year, dct.month, shift)
    month = month_number(m["mon"])
    if m["y"]:
        return _year_of(m["y"], dct), month
    return occurrence(month, day, dct, is_past(text, m.start(), m.end())), month


def r_nth_in_month(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """the first Tuesday of October, the last weekend of June, the second week of March."""
    nth = ORD[m["nth"].lower()]
    year, month = _month_and_year(m, text, dct)
    what = m["what"].lower()
    if what == "week":
        last = month_range(year, month)[1].day
        first = last - 6 if nth == -1 else 7 * (nth - 1) + 1
        if first > last:
            return None
        return dr(date(year, month, first), date(year, month, min(first + 6, last)), "week", f"{year}-{month:02d}")
    if what == "weekend":
        saturday = nth_weekday(year, month, 5, nth)
        if saturday is None:
            return None
        if nth == -1 and (saturday + timedelta(days=1)).month != month:
            saturday -= timedelta(days=7)  # the last whole weekend of the month
        return dr(saturday, saturday + timedelta(days=1), "week", saturday.isoformat())
    return day_range(nth_weekday(year, month, weekday_number(what), nth))


def r_day_of_month(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """the 20th of next month."""
    year, month = _month_and_year(m, text, dct)
    return day_range(safe_date(year, month, day_number(m["day"])))


def r_weekday_day(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """Tuesday the 19th: the nearest month (ahead, or back in past tense) whose 19th is a Tuesday."""
    wd, day = weekday_number(m["wd"]), day_number(m["day"] or m["dayn"])
    step = -1 if is_past(text, m.start(), m.end()) else 1
    year, month = dct.year, dct.month
    for _ in range(24):
        d = safe_date(year, month, day)
        if d and d.weekday() == wd and (d >= dct if step > 0 else d <= dct):
            return day_range(d)
        year, month = shift_month(year, month, step)
    return None


def r_day_span(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """from 13 to 15 July, July 13-15, 3 to 6 May 2004: one month, two days."""
    if m["join"].lower() == "and" and (m["lead"] or "").lower() != "between":
        return None  # "September 14 and 18": two days, not the days between
    month = month_number(m["mon"])
    d1, d2 = day_number(m["d1"]), day_number(m["d2"])
    if d2 <= d1:
        return None
    year = _year_of(m["y"], dct) if m["y"] else occurrence(month, d1, dct, is_past(text, m.start(), m.end()))
    a, b = safe_date(year, month, d1), safe_date(year, month, d2)
    if a is None or b is None:
        return None
    return dr(a, b, "range", f"{a.isoformat()}/{b.isoformat()}")


def r_between_days(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """between the 3rd and the 7th: days of this month, or of the next one once they are past."""
    d1, d2 = day_number(m["d1"]), day_number(m["d2"])
    if d2 <= d1:
        return None
    year, month = dct.year, dct.month
    past = is_past(text, m.start(), m.end())
    if not past and d2 < dct.day:
        year, month = shift_month(year, month, 1)
    elif past and d1 > dct.day:
        year, month = shift_month(year, month, -1)
    a, b = safe_date(year, month, d1), safe_date(year, month, d2)
    if a is None or b is None:
        return None
    return dr(a, b, "range", f"{a.isoformat()}/{b.isoformat()}")


def r_the_weekend(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """the weekend: the coming Saturday-Sunday, or in past tense the last one."""
    if is_past(text, m.start(), m.end()):
        saturday = dct - timedelta(days=(dct.weekday() - 5) % 7)
    else:
        saturday = dct + timedelta(days=(5 - dct.weekday()) % 7) if dct.weekday() != 6 else dct - timedelta(days=1)
    iso = saturday.isocalendar()
    return dr(saturday, saturday + timedelta(days=1), "week", f"{iso[0]}-W{iso[1]:02d}-WE")


def r_holidays(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    year = _year_of(m["y"], dct) if m["y"] else (dct.year + 1 if (m["lead"] or "").lower().startswith("next") else dct.year)
    return dr(date(year, 11, 15), date(year, 12, 31), "season", f"{year}-HOLIDAYS")


def r_end_of_year(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    year = dct.year + (1 if (m["which"] or "").lower() == "next" else 0)
    return dr(date(year, 9, 1), date(year, 12, 31), "part-of-year", str(year))


def r_named_holiday(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """Christmas, Black Friday, Easter Sunday '87, Diwali 2024, the bank holiday weekend."""
    name = normal_name(m["name"])
    if name.startswith("the ") and holiday_day(name, dct.year) is None and name != "the bank holiday":
        name = name[4:]
    lead = (m["lead"] or "").lower()
    past = lead == "last" or (lead not in ("next", "this") and is_past(text, m.start(), m.end()))
    if name.endswith("bank holiday") and holiday_day(name, dct.year) is None:
        if m["y"]:
            return None
        day: date | None = bank_holiday_near(dct, past)
    elif m["y"]:
        day = holiday_day(name, full_year(m["y"].lstrip("'’"), dct))
    elif m["ry"]:  # "Christmas next year"
        day = holiday_day(name, dct.year + {"this": 0, "next": 1, "last": -1}[m["ry"]])
    else:
        day = _holiday_near(name, dct, past, lead == "next")
    if day is None:
        return None
    span = span_days(name)
    if m["weekend"]:
        if name.startswith("thanksgiving"):  # Thursday to Sunday
            start, end = day, day + timedelta(days=3)
        else:  # the Friday on or before, to Sunday (Monday for a Monday holiday)
            start = day - timedelta(days=(day.weekday() - 4) % 7)
            end = max(start + timedelta(days=2), day) if not is_monday_holiday(name) else day
        return dr(start, end, "range", day.isoformat())
    if span > 1:
        return dr(day, day + timedelta(days=span - 1), "range", day.isoformat())
    return day_range(day)


def _holiday_near(name: str, dct: date, past: bool, strictly_next: bool) -> date | None:
    this_year = holiday_day(name, dct.year)
    if this_year is None:
        return None
    if past and this_year > dct:
        return holiday_day(name, dct.year - 1)
    if not past and (this_year < dct or (strictly_next and this_year == dct)):
        return holiday_day(name, dct.year + 1)
    return this_year


_FEW = {"day": (1, 6), "week": (2, 5), "month": (2, 5), "year": (2, 5)}


def r_away(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """"just a few days away", "3-4 years away", "at least five years out": from the reference date
    moved by the count (a span for "a few" or "3-4"), open-ended after "at least"."""
    unit = m["unit"].lower().rstrip("s")
    token = " ".join(m["n"].lower().split())
    if token.startswith("a few"):
        lo, hi = _FEW[unit]
    elif token in ("a", "an"):
        lo = hi = 1
    else:
        found = [count_of(t) for t in re.split(r"\s*(?:-|–|\bor\b|\bto\b)\s*", token)]
        counts = [c for c in found if c is not None]
        if not counts or len(counts) != len(found):
            return None
        lo, hi = min(counts), max(counts)
    first, last = _shifted(dct, lo, unit), _shifted(dct, hi, unit)
    if first is None or last is None:
        return None
    return dr(first.earliest, None if m["least"] else last.latest, "open" if m["least"] else first.granularity, first.value)

