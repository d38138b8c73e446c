"""Resolvers of the calendar forms: a match of one of timex_rules' patterns to a DateRange.

Each takes the match, the text and the publication date `dct` (never the clock). Year-less forms
ask timex_tense which occurrence the sentence means.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..labels import month_range
from ..models import DateRange
from .timex_lexicon import (
    DECADE_WORDS,
    NUMBER_WORDS,
    ORD,
    ORDINAL_DAYS,
    SEASONS,
    month_number,
    weekday_number,
)
from .timex_ranges import (
    day_range,
    dr,
    month_or_year_from,
    part_range,
    safe_date,
    season_span,
    shift_month,
    week_of,
)
from .timex_tense import is_past, occurrence


def _year_of(token: str, dct: date) -> int:
    t = token.lower()
    if t.startswith(("next", "the following", "the next")):
        return dct.year + 1
    if t.startswith("last"):
        return dct.year - 1
    if t in ("this year", "the year"):
        return dct.year
    return full_year(token.lstrip("'’"), dct)


def full_year(token: str, dct: date) -> int:
    """A year as written; two digits by a window: up to ten years ahead of dct, else the century before."""
    year = int(token)
    if year >= 100:
        return year
    century = dct.year // 100 * 100
    return century + year if century + year <= dct.year + 10 else century - 100 + year


def day_number(token: str) -> int:
    word = token.lower()
    return ORDINAL_DAYS[word] if word in ORDINAL_DAYS else int(word.rstrip("stndrh"))


def r_iso(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    if not m["d"]:
        return r_iso_month(m, text, dct)
    d = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return dr(d, d, "day", d.isoformat()) if d else None


def r_us(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    if m["dd"]:  # 7-16-2010
        return day_range(safe_date(int(m["yy"]), int(m["m"]), int(m["dd"])))
    return day_range(safe_date(full_year(m["y"], dct), int(m["m"]), int(m["d"])))


def r_dotted(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """19.02.2010: day first, as everywhere the dots are used."""
    return day_range(safe_date(int(m["y"]), int(m["m"]), int(m["d"])))


def r_month_day(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    month = month_number(m["mon"])
    day = day_number(m["day"])
    if m["y"]:
        return day_range(safe_date(_year_of(m["y"], dct), month, day))
    if m.groupdict().get("ry"):  # "October 6th of this year"
        return day_range(safe_date(dct.year + {"this": 0, "next": 1, "last": -1}[m["ry"]], month, day))
    lead = (m["lead"] or "").lower()
    if lead in ("this", "next", "last"):
        past = lead == "last"
    else:
        past = is_past(text, m.start(), m.end())
    year = occurrence(month, day, dct, past)
    wd = m["wd"] or m["wd2"]
    if wd:  # "Sunday, Feb 10": the year whose Feb 10 is a Sunday, nearest the tense's choice
        year = _year_matching_weekday(year, month, day, weekday_number(wd)) or year
    return day_range(safe_date(year, month, day))


def _year_matching_weekday(year: int, month: int, day: int, weekday: int) -> int | None:
    for shift in (0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6):
        d = safe_date(year + shift, month, day)
        if d and d.weekday() == weekday:
            return year + shift
    return None


def r_month_year(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    month = month_number(m["mon"])
    year = _year_of(m["y"], dct)
    a, b = month_range(year, month)
    return dr(a, b, "month", f"{year}-{month:02d}")


def r_month_alone(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    month = month_number(m["mon"])
    lead = (m["lead"] or "").lower()
    if m["y"]:
        year = int(m["y"])
    elif lead.startswith("next"):
        year = dct.year + (1 if month <= dct.month else 0)
    elif lead.startswith("last"):
        year = dct.year - (1 if month >= dct.month else 0)
    elif lead.startswith("this"):
        year = dct.year
    else:
        year = occurrence(month, None, dct, is_past(text, m.start(), m.end()))
    a, b = month_range(year, month)
    part = _part_key(m["part"] or "")
    if part:
        third = {"early": (1, 10), "mid": (11, 20), "late": (21, b.day)}[part]
        return dr(date(year, month, third[0]), date(year, month, third[1]), "range", f"{year}-{month:02d}")
    return dr(a, b, "month", f"{year}-{month:02d}")


def _part_key(part: str) -> str:
    """early / mid / late for the words of a part: "the beginning of", "the tail end of", "mid-"."""
    words = part.lower().replace("-", " ").split()
    words = [w for w in words if w not in ("the", "of", "very", "tail")]
    if not words:
        return ""
    if words[-1] == "half":  # "the back half of 2024" is a half, not its last third
        return "h1" if words[0] == "front" else "h2"
    if words[0] in ("early", "beginning", "start", "first", "dawn", "opening"):
        return "early"
    if words[0] in ("mid", "middle"):
        return "mid"
    return "late"


def r_part_year(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    year = _year_of(m["y"], dct)
    key = _part_key(m["part"])
    a, b = part_range(year, key)
    if key in ("h1", "h2"):
        return dr(a, b, "half", f"{year}-{key.upper()}")
    return dr(a, b, "part-of-year", str(year))


def r_later_this_year(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """"later this year / month / week": from the reference date to the end of that unit."""
    unit = (m.groupdict().get("unit") or "year").lower()
    if unit == "month":
        last = (date(dct.year + dct.month // 12, dct.month % 12 + 1, 1) - timedelta(days=1))
        return dr(dct, last, "part-of-month", f"{dct.year}-{dct.month:02d}")
    if unit == "week":
        iso = dct.isocalendar()
        return dr(dct, dct + timedelta(days=6 - dct.weekday()), "part-of-week", f"{iso[0]}-W{iso[1]:02d}")
    return dr(dct, date(dct.year, 12, 31), "part-of-year", str(dct.year))


def r_earlier_this(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """"earlier this year / month / week": from the start of that unit to the reference date."""
    unit = m["unit"].lower()
    if unit == "month":
        return dr(date(dct.year, dct.month, 1), dct, "part-of-month", f"{dct.year}-{dct.month:02d}")
    if unit == "week":
        iso = dct.isocalendar()
        return dr(dct - timedelta(days=dct.weekday()), dct, "part-of-week", f"{iso[0]}-W{iso[1]:02d}")
    return dr(date(dct.year, 1, 1), dct, "part-of-year", str(dct.year))


def r_season(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    season = m["season"].lower()
    lead = (m["lead"] or "").lower()
    if m["y"] or m["yy"]:
        year = _year_of(m["y"] or m["yy"], dct)
    elif lead.startswith("next"):
        year = dct.year
        if season_span(year, season)[0] <= dct:
            year += 1
    elif lead.startswith("last"):
        year = dct.year - 1 if season_span(dct.year, season)[0] > dct else dct.year
        if season_span(year, season)[1] >= dct:
            year -= 1
    elif lead.startswith("this"):
        year = dct.year - 1 if season == "winter" and dct.month <= 2 else dct.year
        if season_span(year, season)[1] < dct and not is_past(text, m.start(), m.end()):
            year += 1  # "debuts this spring", written in December: the spring ahead
    else:
        past = is_past(text, m.start(), m.end())
        year = dct.year - 1 if season == "winter" and dct.month <= 2 else dct.year
        a, b = season_span(year, season)
        if past and a > dct:
            year -= 1
        elif not past and b < dct:
            year += 1
    a, b = season_span(year, season)
    return dr(a, b, "season", f"{year}-{SEASONS[season]}")


def r_quarter(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    q = int(m["q"] or m["q2"]) if (m["q"] or m["q2"]) else 4 if m["qo"].lower() in ("last", "final") \
        else ORD[m["qo"].lower()]
    if not 1 <= q <= 4:
        return None
    y = m["y"] or m["y2"] or m["y3"] or (m["ry"] and f"{m['ry']} year")
    year = _year_of(y, dct) if y else _next_period_year(dct, (q - 1) * 3 + 1, text, m)
    a = date(year, (q - 1) * 3 + 1, 1)
    b = month_range(year, q * 3)[1]
    return dr(a, b, "quarter", f"{year}-Q{q}")


def r_rel_quarter(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """this / next / last quarter: the calendar quarter of dct, shifted."""
    shift = {"this": 0, "current": 0, "next": 1, "coming": 1, "following": 1, "last": -1, "previous": -1,
             "past": -1}[m["which"].lower()]
    n = dct.year * 4 + (dct.month - 1) // 3 + shift
    year, q = n // 4, n % 4 + 1
    return dr(date(year, 3 * q - 2, 1), month_range(year, 3 * q)[1], "quarter", f"{year}-Q{q}")


def _next_period_year(dct: date, first_month: int, text: str, m: re.Match[str]) -> int:
    return occurrence(first_month, None, dct, is_past(text, m.start(), m.end()))


# "the first half of season two", "the second half of the match": a part of a thing, not of a year
_HALF_OF_A_THING = re.compile(r"\s+of\s+(?:(?:the|its|this|that|a|their)\s+)?(?:[\w'’-]+\s+){0,4}?(?:season|series|show|film|movie|"
                              r"game|book|story|episodes?|match|campaign|trilogy|saga|tour)\b", re.I)


def r_half(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    if not m["y"] and _HALF_OF_A_THING.match(text, m.end()):
        return None
    h = int(m["h"]) if m["h"] else (1 if m["ho"].lower() == "first" else 2)
    year = _year_of(m["y"], dct) if m["y"] else dct.year
    a = date(year, 1 if h == 1 else 7, 1)
    b = date(year, 6, 30) if h == 1 else date(year, 12, 31)
    return dr(a, b, "half", f"{year}-H{h}")


def r_fiscal_year(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """"FY2024-25", "fiscal 2025", "FY23": a fiscal year, read as April to March (the year it ends in
    names it: FY2025 is April 2024 to March 2025), as the game publishers that talk in fiscal years
    report (EA, Ubisoft, Sony, Nintendo, Square Enix, Capcom, Take-Two)."""
    first = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
    if m["y2"]:
        second = int(m["y2"]) if len(m["y2"]) == 4 else first // 100 * 100 + int(m["y2"])
        if second != first + 1:
            return None
    else:
        first, second = first - 1, first
    return dr(date(first, 4, 1), date(second, 3, 31), "range", f"FY{first}-{second % 100:02d}")


def r_fiscal_quarter(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """"its fiscal third quarter", "financial Q3": a quarter of an April-to-March fiscal year (Q3 is
    October to December); without a year, of the fiscal year the article is in, or the next one
    when that quarter is over and the sentence does not tell of the past."""
    q = int(m["q"]) if m["q"] else ORD[m["qo"].lower()]
    if not 1 <= q <= 4:
        return None
    if m["y"]:
        ends = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
    else:
        ends = dct.year + 1 if dct.month >= 4 else dct.year
    def span(fy: int) -> tuple[date, date]:
        start_month = (q * 3 + 1) % 12 or 12  # Q1 April, Q2 July, Q3 October, Q4 January
        year = fy if q == 4 else fy - 1
        return date(year, start_month, 1), month_range(year, start_month + 2)[1]
    a, b = span(ends)
    if not m["y"] and b < dct and not is_past(text, m.start(), m.end()):
        a, b = span(ends + 1)
    return dr(a, b, "quarter", f"{a.year}-{a.month:02d}")


def r_year(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    year = int(m["y"])
    return dr(date(year, 1, 1), date(year, 12, 31), "year", str(year))


def r_rel_year(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    year = _year_of(m[0].lower().replace("  ", " "), dct)
    return dr(date(year, 1, 1), date(year, 12, 31), "year", str(year))


def r_years_ago(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    n = count_of(m["n"])
    if not n:
        return None
    year = dct.year - n
    return dr(date(year, 1, 1), date(year, 12, 31), "year", str(year))


def r_century(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    n = ORDINAL_DAYS.get(m["c"].lower()) or int(m["c"])
    start = (n - 1) * 100
    return dr(date(max(start, 1), 1, 1), date(start + 99, 12, 31), "decade", f"{n - 1:02d}")


def r_decade(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    if m["d"]:
        start = int(m["d"])
    else:
        tens = DECADE_WORDS[m["w"].lower()] if m["w"] else int(m["d2"]) // 10
        start = 1900 + 10 * tens if 1900 + 10 * tens + 9 < dct.year else 2000 + 10 * tens
        start = start if start <= dct.year + 10 else start - 100
    part = _part_key(m["part"] or m["part2"] or "")
    first, last = {"": (0, 9), "early": (0, 3), "mid": (4, 6), "late": (7, 9)}[part]
    return dr(date(start + first, 1, 1), date(start + last, 12, 31), "decade", f"{start // 10}X")


def r_rel_unit(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    which = m["which"].lower()
    unit = m["unit"].lower()
    shift = {"this": 0, "next": 1, "last": -1, "past": -1, "upcoming": 1, "this upcoming": 1,
             "this coming": 1, "coming": 1, "previous": -1, "following": 1}.get(" ".join(which.split()), 0)
    if unit == "weekend" and which == "this" and dct.weekday() < 4 and is_past(text, m.start(), m.end()):
        shift = -1  # on a Monday, "this weekend, the sequel debuted to ...": the weekend just gone
    if unit == "week" or unit == "weekend":
        a, b = week_of(dct + timedelta(weeks=shift))
        if unit == "weekend":
            a = a + timedelta(days=5)
        iso = a.isocalendar()
        return dr(a, b, "week", f"{iso[0]}-W{iso[1]:02d}" + ("-WE" if unit == "weekend" else ""))
    return month_or_year_from(dct, shift, unit)


def r_coming(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    unit = m["unit"].lower()
    span = {"days": timedelta(days=14), "weeks": timedelta(weeks=6), "months": timedelta(days=183)}[unit]
    return dr(dct, dct + span, "range", "FUTURE_REF")


def r_day_word(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    word = m["w"].lower()
    shift = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[word]
    if m["around"]:  # the day after tomorrow, the day before yesterday
        shift += 1 if m["around"].lower() == "after" else -1
    d = dct + timedelta(days=shift)
    return dr(d, d, "day", d.isoformat())


def r_part_of_today(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """"this morning": the day of the reference date."""
    return dr(dct, dct, "day", dct.isoformat())


def r_last_night(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """"last night": the evening before the reference date."""
    d = dct - timedelta(days=1)
    return dr(d, d, "day", d.isoformat())


def r_now(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    return dr(dct, dct, "day", "PRESENT_REF")


def r_weekday(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    wd = weekday_number(m["wd"])
    lead = " ".join((m["lead"] or "").lower().split())
    if m["tail"]:  # "Saturday last week": that day of the week named
        shift = {"last": -1, "this": 0, "next": 1}[m["tail"].lower()]
        return day_range(week_of(dct)[0] + timedelta(weeks=shift, days=wd))
    lead = {"the following": "next", "following": "next", "this coming": "", "coming": "", "the coming": ""}.get(lead, lead)
    past = lead == "last" or (lead not in ("next", "this") and is_past(text, m.start(), m.end()))
    if past:
        delta = (dct.weekday() - wd) % 7 or (0 if lead != "last" else 7)
        d = dct - timedelta(days=delta)
    elif lead == "next":  # "next Friday": the Friday of next week
        d = dct - timedelta(days=dct.weekday()) + timedelta(days=7 + wd)
    else:
        d = dct + timedelta(days=(wd - dct.weekday()) % 7)
    return day_range(d)




def count_of(token: str) -> int | None:
    """2, "two", "a couple of": how many units a relative date counts."""
    word = " ".join(token.lower().split())
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def r_iso_month(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """2008-04; not "2008-09" or "2010-11", which are spans of years ("the 2008-09 season")."""
    year, month = int(m["y"]), int(m["m"])
    if month > year % 100:
        return None
    a, b = month_range(year, month)
    return dr(a, b, "month", f"{year}-{month:02d}")


_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def spelled_number(words: str) -> int | None:
    """ "ninety-one", "ten", "six" -> 91, 10, 6 (up to 99)."""
    parts = words.lower().replace("-", " ").split()
    if len(parts) == 1:
        w = parts[0]
        return _UNITS.get(w) or _TEENS.get(w) or _TENS.get(w)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS:
        return _TENS[parts[0]] + _UNITS[parts[1]]
    return None


def r_spelled_year(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """nineteen ninety-one, two thousand, two-thousand ten."""
    if m["hundreds"]:
        rest = spelled_number(m["rest"]) if m["rest"] else None
        if rest is None:
            return None
        year = 100 * _TEENS[m["hundreds"].lower()] + rest
    else:
        year = 2000 + (spelled_number(m["rest2"]) or 0 if m["rest2"] else 0)
    return dr(date(year, 1, 1), date(year, 12, 31), "year", str(year))


def r_spelled_decade(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """the nineteen seventies, the early nineteen eighties."""
    start = 100 * _TEENS[m["hundreds"].lower()] + DECADE_WORDS[m["w"].lower()] * 10
    first, last = {"": (0, 9), "early": (0, 3), "mid": (4, 6), "late": (7, 9)}[_part_key(m["part"] or "")]
    return dr(date(start + first, 1, 1), date(start + last, 12, 31), "decade", f"{start // 10}X")


def r_end_of_month(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """the end of the month: its last ten days or so (21st to the end), as "late March" reads."""
    shift = 1 if (m["which"] or "").lower() == "next" else 0
    year, month = shift_month(dct.year, dct.month, shift)
    end = month_range(year, month)[1]
    return dr(date(year, month, 21), end, "range", f"{year}-{month:02d}")
