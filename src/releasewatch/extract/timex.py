"""Temporal expressions in news text, resolved to inclusive date ranges.

A handful of compiled patterns scan the text once each; matches are resolved against the
publication date (never the clock) and then combined: alternatives and spans take the hull
("late 2023 or early 2024"), open bounds widen a range ("by the end of 2024").
Year-less dates take the occurrence the sentence's tense points to.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..labels import label_range, month_range, season_range
from ..models import DateRange, Timex
from .fastre import Folded, WordList

# --- vocabulary -------------------------------------------------------------------

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# Months are proper nouns: Title case or ALL CAPS only, so "may" and "march" the verbs never match.
_FULL = [m for m in _MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_ABBR = [m for m in _MONTHS if m not in _FULL]
_MONTH_FULL = "|".join(sorted({f"{m.capitalize()}|{m.upper()}" for m in _FULL}, key=len, reverse=True))
_MONTH_ABBR = "|".join(sorted({f"{m.capitalize()}|{m.upper()}" for m in _ABBR}, key=len, reverse=True))
MONTH = rf"(?:(?:{_MONTH_FULL})|(?:{_MONTH_ABBR})\.?)"
# "May" and "March" are also ordinary words: alone they need a preposition or modifier before them.
_WEAK_MONTHS = {"may", "march", "mar", "jan", "jun", "aug", "sept", "sep", "oct", "dec", "nov", "apr", "jul", "feb"}
YEAR = r"(?:19[5-9]\d|20\d\d|21[0-4]\d)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON = r"(?:[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter|SPRING|SUMMER|FALL|AUTUMN|WINTER)"
ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

# A year standing alone is a date only after one of these (or as part of a larger expression).
_YEAR_CUE = (r"(?:in|by|until|till|til|since|from|of|for|during|before|after|around|circa|through|"
             r"throughout|into|to|as of|than|early|mid|late|and|or|between|across|that|this|summer|fall|spring|"
             r"winter|autumn)")

# Relative year phrases usable after early/late/summer/...: "early next year".
REL_YEAR = r"(?:this year|next year|last year|the following year|the next year|the year)"
YEARISH = rf"(?:{YEAR}|{REL_YEAR})"

_FLAGS = re.UNICODE


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    range: DateRange
    rank: int  # specificity: higher wins an overlap of the same length
    pending: tuple[re.Match[str], Resolver] | None = None  # a tense-resolved range, made once the hit survives


# --- helpers for ranges -------------------------------------------------------------


def _season_range(year: int, season: str) -> tuple[date, date]:
    return season_range(year, SEASONS[season.lower()])


def _part_range(year: int, part: str) -> tuple[date, date]:
    if part == "early":
        return date(year, 1, 1), date(year, 4, 30)
    if part == "mid":
        return date(year, 5, 1), date(year, 8, 31)
    return date(year, 9, 1), date(year, 12, 31)


def _dr(earliest: date, latest: date | None, gran: str, value: str) -> DateRange:
    return DateRange(earliest=earliest, latest=latest, granularity=gran, value=value,
                     label=_label(earliest, latest, gran, value))


def in_year(r: DateRange, year: int) -> DateRange | None:
    """A year-less day or month moved into `year` ("March 6" under a "Coming in 2026:" header)."""
    if r.latest is None or r.earliest.year != r.latest.year or r.granularity not in ("day", "month"):
        return None
    try:
        earliest, latest = r.earliest.replace(year=year), r.latest.replace(year=year)
    except ValueError:  # February 29
        return None
    value = earliest.isoformat() if r.granularity == "day" else earliest.isoformat()[:7]
    return _dr(earliest, latest, r.granularity, value)


@lru_cache(maxsize=4096)
def _label(earliest: date, latest: date | None, gran: str = "day", value: str = "") -> str:
    return label_range(DateRange(earliest, latest, gran, value))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- tense ------------------------------------------------------------------------------

_FUTURE = Folded.words(
    r"will|'ll|won't|shall|is set|are set|set to|set for|slated|scheduled|expected|expects|going to|"
    r"gonna|upcoming|coming|plans?|planned|aims?|aiming|hopes?|due|is to|are to|next|later|starts|start|"
    r"begins|begin|opens|open|hits|arrives|arrive|launches|launch|releases|premieres|debuts|targets?|"
    r"targeting|could|may|might|should|would|likely|possibly|probably|tentatively|is eyeing|will be|wraps|"
    r"opens|lands|streams|drops|shoots|films|debuts|premieres|arrives", r"\b",
)
_PAST = Folded.words(
    r"was|were|had|did|began|started|wrapped|premiered|released|opened|debuted|dropped|arrived|came|"
    r"went|ended|finished|completed|announced|revealed|confirmed|reported|said|told|took place|last|ago|"
    r"earlier|previously|already|kicked off|rolled|shot|filmed|hit|launched|grossed|earned|turned|joined|"
    r"signed|cast|unveiled|showed|screened|celebrated|won", r"\b",
)


_PASSIVE_END = Folded(r"\b(?:be|been|being)\s+$")


# Sentence ends as the tense cues see them; both start with a character set, so the engine skips to it.
_BREAK_BEFORE = re.compile(r"[.!?\n](?:(?<=\n)|\s+(?=[A-Z\"'“‘(]))")
_BREAK_AFTER = re.compile(r"[.!?\n](?:(?<=\n)|(?=\s+[A-Z\"'“‘(]|\s*$))")


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(0, pos - 400)
    for m in _BREAK_BEFORE.finditer(text, start, pos):
        start = m.end()
    hi = min(len(text), pos + 400)
    m2 = _BREAK_AFTER.search(text, pos, hi)
    end = m2.end() if m2 else hi
    return start, end


def _is_past(text: str, start: int, end: int) -> bool:
    """True when the nearest tense cue in the sentence is a past one."""
    s_start, s_end = _sentence_bounds(text, start)
    sentence = text[s_start:s_end]
    lowered = sentence.lower()
    rel = start - s_start
    best: tuple[int, bool] | None = None
    for pattern, past in ((_FUTURE, False), (_PAST, True)):
        for m in pattern.finditer(sentence, lowered):
            if past and _PASSIVE_END.search(sentence, lowered, max(0, m.start() - 12), m.start()):
                continue  # "won't be released": a passive participle is not a past tense
            if s_start + m.start() >= start and s_start + m.start() < end:
                continue  # inside the expression itself ("last year")
            distance = abs(m.start() - rel)
            if best is None or distance < best[0]:
                best = (distance, past)
    return bool(best and best[1])


def _occurrence(month: int, day: int | None, dct: date, past: bool) -> int:
    """The year of the next (or, in past tense, the last) occurrence of month/day around dct."""
    probe_day = day or 1
    if not past:
        if (month, probe_day) >= (dct.month, dct.day if day else 1):
            return dct.year
        return dct.year + 1
    if (month, probe_day) <= (dct.month, dct.day):
        return dct.year
    return dct.year - 1


# --- resolvers: one per pattern ------------------------------------------------------------

Resolver = Callable[[re.Match[str], str, date], "DateRange | None"]


def _year_of(token: str, dct: date) -> int:
    t = token.lower()
    if t.startswith(("next", "the following", "the next")):
        return dct.year + 1
    if t.startswith("last"):
        return dct.year - 1
    if t in ("this year", "the year"):
        return dct.year
    return int(token)


def r_iso(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _dr(d, d, "day", d.isoformat()) if d else None


def r_us(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    year = int(m["y"])
    if year < 100:
        year += 2000
    d = _safe_date(year, int(m["m"]), int(m["d"]))
    return _dr(d, d, "day", d.isoformat()) if d else None


def _month_num(token: str) -> int:
    return _MONTHS[token.rstrip(".").lower()]


def r_month_day(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    month = _month_num(m["mon"])
    day = int(m["day"].rstrip("stndrh"))
    if m["y"]:
        year = int(m["y"])
    else:
        year = _occurrence(month, day, dct, _is_past(text, m.start(), m.end()))
    d = _safe_date(year, month, day)
    return _dr(d, d, "day", d.isoformat()) if d else None


def r_month_year(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    month = _month_num(m["mon"])
    year = _year_of(m["y"], dct)
    a, b = month_range(year, month)
    return _dr(a, b, "month", f"{year}-{month:02d}")


def r_month_alone(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    month = _month_num(m["mon"])
    lead = (m["lead"] or "").lower()
    if lead.startswith("next"):
        year = dct.year + (1 if month <= dct.month else 0)
    elif lead.startswith("last"):
        year = dct.year - (1 if month >= dct.month else 0)
    elif lead.startswith("this"):
        year = dct.year
    else:
        year = _occurrence(month, None, dct, _is_past(text, m.start(), m.end()))
    a, b = month_range(year, month)
    part = (m["part"] or "").lower().rstrip("-").strip()
    if part:
        third = {"early": (1, 10), "mid": (11, 20), "late": (21, b.day)}[part.split()[0]]
        return _dr(date(year, month, third[0]), date(year, month, third[1]), "range", f"{year}-{month:02d}")
    return _dr(a, b, "month", f"{year}-{month:02d}")


def r_part_year(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    part = m["part"].lower()
    year = _year_of(m["y"], dct)
    if part.startswith(("early", "beginning", "start", "first months")):
        key = "early"
    elif part.startswith(("mid", "middle")):
        key = "mid"
    else:
        key = "late"
    a, b = _part_range(year, key)
    return _dr(a, b, "part-of-year", str(year))


def r_later_this_year(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    return _dr(dct, date(dct.year, 12, 31), "part-of-year", str(dct.year))


def r_season(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    season = m["season"].lower()
    lead = (m["lead"] or "").lower()
    if m["y"]:
        year = _year_of(m["y"], dct)
    elif lead.startswith("next"):
        year = dct.year
        if _season_range(year, season)[0] <= dct:
            year += 1
    elif lead.startswith("last"):
        year = dct.year - 1 if _season_range(dct.year, season)[0] > dct else dct.year
        if _season_range(year, season)[1] >= dct:
            year -= 1
    elif lead.startswith("this"):
        year = dct.year - 1 if season == "winter" and dct.month <= 2 else dct.year
    else:
        past = _is_past(text, m.start(), m.end())
        year = dct.year - 1 if season == "winter" and dct.month <= 2 else dct.year
        a, b = _season_range(year, season)
        if past and a > dct:
            year -= 1
        elif not past and b < dct:
            year += 1
    a, b = _season_range(year, season)
    return _dr(a, b, "season", f"{year}-{SEASONS[season]}")


def r_quarter(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    q = int(m["q"]) if m["q"] else ORD[m["qo"].lower()]
    if not 1 <= q <= 4:
        return None
    year = _year_of(m["y"], dct) if m["y"] else _next_period_year(dct, (q - 1) * 3 + 1, text, m)
    a = date(year, (q - 1) * 3 + 1, 1)
    b = month_range(year, q * 3)[1]
    return _dr(a, b, "quarter", f"{year}-Q{q}")


def _next_period_year(dct: date, first_month: int, text: str, m: re.Match[str]) -> int:
    return _occurrence(first_month, None, dct, _is_past(text, m.start(), m.end()))


def r_half(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    h = int(m["h"]) if m["h"] else (1 if m["ho"].lower() == "first" else 2)
    year = _year_of(m["y"], dct) if m["y"] else dct.year
    a = date(year, 1 if h == 1 else 7, 1)
    b = date(year, 6, 30) if h == 1 else date(year, 12, 31)
    return _dr(a, b, "half", f"{year}-H{h}")


def r_year(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    year = int(m["y"])
    return _dr(date(year, 1, 1), date(year, 12, 31), "year", str(year))


def r_rel_year(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    year = _year_of(m[0].lower().replace("  ", " "), dct)
    return _dr(date(year, 1, 1), date(year, 12, 31), "year", str(year))


def r_years_ago(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    n = NUMBER_WORDS.get(m["n"].lower()) or int(m["n"]) if m["n"].isdigit() or m["n"].lower() in NUMBER_WORDS else None
    if not n:
        return None
    year = dct.year - n
    return _dr(date(year, 1, 1), date(year, 12, 31), "year", str(year))


def r_century(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    n = int(m["c"])
    start = (n - 1) * 100
    return _dr(date(max(start, 1), 1, 1), date(start + 99, 12, 31), "decade", f"{n - 1:02d}")


def r_decade(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    start = int(m["d"])
    return _dr(date(start, 1, 1), date(start + 9, 12, 31), "decade", f"{start // 10}X")


def _week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def r_rel_unit(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    which = m["which"].lower()
    unit = m["unit"].lower()
    shift = {"this": 0, "next": 1, "last": -1, "past": -1, "upcoming": 1, "this upcoming": 1,
             "this coming": 1, "coming": 1, "previous": -1, "following": 1}.get(which, 0)
    if unit == "week" or unit == "weekend":
        a, b = _week_of(dct + timedelta(weeks=shift))
        if unit == "weekend":
            a = a + timedelta(days=5)
        iso = a.isocalendar()
        return _dr(a, b, "week", f"{iso[0]}-W{iso[1]:02d}" + ("-WE" if unit == "weekend" else ""))
    if unit == "month":
        month = dct.month + shift
        year = dct.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        a, b = month_range(year, month)
        return _dr(a, b, "month", f"{year}-{month:02d}")
    year = dct.year + shift
    return _dr(date(year, 1, 1), date(year, 12, 31), "year", str(year))


def r_coming(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    unit = m["unit"].lower()
    span = {"days": timedelta(days=14), "weeks": timedelta(weeks=6), "months": timedelta(days=183)}[unit]
    return _dr(dct, dct + span, "range", "FUTURE_REF")


def r_day_word(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    word = m[0].lower()
    shift = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[word]
    d = dct + timedelta(days=shift)
    return _dr(d, d, "day", d.isoformat())


def r_now(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    return _dr(dct, dct, "day", "PRESENT_REF")


def r_weekday(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    wd = WEEKDAYS[m["wd"].lower()]
    lead = (m["lead"] or "").lower()
    past = lead == "last" or (lead != "next" and _is_past(text, m.start(), m.end()))
    if past:
        delta = (dct.weekday() - wd) % 7 or (0 if lead != "last" else 7)
        d = dct - timedelta(days=delta)
    elif lead == "next":  # "next Friday": the Friday of next week
        d = dct - timedelta(days=dct.weekday()) + timedelta(days=7 + wd)
    else:
        d = dct + timedelta(days=(wd - dct.weekday()) % 7)
    return _dr(d, d, "day", d.isoformat())


def r_holidays(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    year = _year_of(m["y"], dct) if m["y"] else (dct.year + 1 if (m["lead"] or "").lower().startswith("next") else dct.year)
    return _dr(date(year, 11, 15), date(year, 12, 31), "season", f"{year}-HOLIDAYS")


# Release-calendar holidays (US trade press): fixed days, and the floating ones as (month, weekday, nth),
# nth -1 for the last. "Weekend" takes Friday to Monday (or to Sunday for fixed days).
_FIXED_HOLIDAYS = {"christmas day": (12, 25), "christmas": (12, 25), "christmas eve": (12, 24),
                   "new year's day": (1, 1), "new year’s day": (1, 1), "new year's eve": (12, 31),
                   "new year’s eve": (12, 31), "halloween": (10, 31), "valentine's day": (2, 14),
                   "valentine’s day": (2, 14), "independence day": (7, 4), "the fourth of july": (7, 4)}
_FLOATING_HOLIDAYS = {"thanksgiving": (11, 3, 4), "memorial day": (5, 0, -1), "labor day": (9, 0, 1),
                      "martin luther king jr. day": (1, 0, 3), "presidents day": (2, 0, 3),
                      "presidents' day": (2, 0, 3)}


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _holiday_day(name: str, year: int) -> date:
    if name in _FIXED_HOLIDAYS:
        month, day = _FIXED_HOLIDAYS[name]
        return date(year, month, day)
    return _nth_weekday(year, *_FLOATING_HOLIDAYS[name])


def r_named_holiday(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    name = " ".join(m["name"].lower().split())
    if m["y"]:
        year = int(m["y"])
    else:
        past = _is_past(text, m.start(), m.end())
        year = dct.year
        day = _holiday_day(name, year)
        if not past and day < dct:
            year += 1
        elif past and day > dct:
            year -= 1
    day = _holiday_day(name, year)
    if m["weekend"]:
        if name == "thanksgiving":  # Thursday to Sunday
            start, end = day, day + timedelta(days=3)
        else:  # the Friday on or before, to Sunday (Monday for a Monday holiday)
            start = day - timedelta(days=(day.weekday() - 4) % 7)
            end = max(start + timedelta(days=2), day)
        return _dr(start, end, "range", day.isoformat())
    return _dr(day, day, "day", day.isoformat())


def r_end_of_year(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    year = dct.year + (1 if (m["which"] or "").lower() == "next" else 0)
    return _dr(date(year, 9, 1), date(year, 12, 31), "part-of-year", str(year))


# --- patterns (order = priority on equal spans) ------------------------------------------------

_B = r"(?<![\w$£€/.-])"  # not glued to a word, a currency sign, a path or a version
_E = r"(?![\w/]|-year|\.\d|\s*(?:million|billion|bn|m\b|%|percent|people|copies|units|fans|screens))"

# Each pattern: regex, resolver, rank, trigger kinds, and words one of which every match holds
# (lower-cased): a window without any is not read.
_PATTERNS: list[tuple[str, Resolver, int, str, tuple[str, ...]]] = [
    (rf"{_B}(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\w:])", r_iso, 9, "D", ("-",)),
    (rf"{_B}(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>{YEAR}|\d\d)(?![\w/])", r_us, 9, "D", ("/",)),
    (rf"(?<![\w])(?:(?:{'|'.join(w.capitalize() for w in WEEKDAYS)}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAY})"
     rf"(?:,?\s+(?P<y>{YEAR}))?(?![\w:]|\s*(?:%|million|billion|p\.?m\.?|a\.?m\.?))", r_month_day, 8, "M", ()),
    (rf"(?<![\w])(?P<day>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?(?![\w])", r_month_day, 8, "M", ()),
    (rf"(?<![\w])(?P<mon>{MONTH})(?:\s+of|,)?\s+(?P<y>{YEARISH})(?![\w])", r_month_year, 7, "M",
     ("19", "20", "21", "year")),
    (rf"(?<![\w])(?:(?P<lead>[Tt]his|[Nn]ext|[Ll]ast|[Ii]n|[Bb]y|[Uu]ntil|[Ss]ince|[Ff]rom|[Bb]efore|[Aa]fter|"
     rf"[Tt]hrough|[Dd]uring|[Bb]etween|[Aa]nd|[Oo]r|[Tt]o|[Ee]arly|[Ll]ate|[Mm]id)\s+)?"
     rf"(?P<part>(?:early|late|mid)(?:-|\s+))?(?P<mon>{MONTH})(?![\w])", r_month_alone, 5, "M", ()),
    (rf"(?<![\w])(?P<part>early|late|mid|middle|the middle of|the beginning of|the start of|"
     rf"the end of|end of|the tail end of|the first months of|the back half of|the latter part of|the latter half of)"
     rf"(?:-|\s+|-\s*)(?:of\s+)?(?P<y>{YEARISH})(?![\w])", r_part_year, 7, "DU",
     ("early", "late", "mid", "beginning", "start", "end", "first months", "back half", "latter")),
    (r"(?<![\w])later\s+this\s+year(?![\w])", r_later_this_year, 7, "U", ("later",)),
    (rf"(?<![\w])(?:(?P<lead>this|next|last|this coming|the coming|the)\s+)?(?P<season>{SEASON})"
     rf"(?:\s+(?:of\s+)?(?P<y>{YEARISH}))?(?![\w])", r_season, 6, "S", ()),
    (rf"(?<![\w])(?<!fiscal )(?<!FY)(?:Q(?P<q>[1-4])|the\s+(?P<qo>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)"
     rf"(?:\s+(?:of\s+)?(?P<y>{YEARISH}))?(?![\w])(?!\s+(?:earnings|results|report|call|profit|revenue))",
     r_quarter, 7, "Q", ()),
    (rf"(?<![\w])(?:H(?P<h>[12])|the\s+(?P<ho>first|second)\s+half)(?:\s+(?:of\s+)?(?P<y>{YEARISH}))?(?![\w])",
     r_half, 7, "H", ()),
    (r"(?<![\w])(?:the\s+)?(?P<d>(?:19|20)\d0)s(?![\w])", r_decade, 3, "D", ("0s",)),
    (r"(?<![\w])(?P<which>(?i:this upcoming|this coming|this|next|last|past|upcoming|coming|previous|following))\s+"
     r"(?P<unit>week|weekend|month|year)(?![\w])", r_rel_unit, 6, "U",
     ("this", "next", "last", "past", "coming", "previous", "following")),
    (r"(?<![\w])(?:in\s+)?the\s+(?:coming|next few|next couple of|next several|upcoming)\s+(?P<unit>days|weeks|months)"
     r"(?![\w])", r_coming, 6, "U", ("coming", "next")),
    (rf"(?<![\w])(?:(?P<lead>this|next|last)\s+)?(?:the\s+)?(?:holidays|holiday\s+season)(?:\s+(?:of\s+)?"
     rf"(?P<y>{YEAR}))?(?![\w])", r_holidays, 6, "L", ()),
    (r"(?<![\w])(?:the\s+)?end\s+of\s+(?:the|(?P<which>this|next))\s+year(?![\w])", r_end_of_year, 6, "U", ("end",)),
    (rf"(?<![\w])(?P<name>Christmas\s+Day|Christmas\s+Eve|Christmas|New\s+Year['’]s\s+(?:Day|Eve)|Halloween|"
     rf"Valentine['’]s\s+Day|Independence\s+Day|the\s+Fourth\s+of\s+July|Thanksgiving|Memorial\s+Day|"
     rf"Labor\s+Day|Martin\s+Luther\s+King\s+Jr\.\s+Day|Presidents['’]?\s+Day)(?P<weekend>\s+weekend)?"
     rf"(?:,?\s+(?P<y>{YEAR}))?(?![\w'’])", r_named_holiday, 6, "F", ()),
    (rf"(?<![\w])(?P<y>{YEAR})(?=\s*(?:or|-|–)\s*{YEAR}(?![\w]))", r_year, 2, "D", ("or", "-", "–")),
    (r"(?<![\w])(?:[Tt]oday|[Tt]onight|[Tt]omorrow|[Yy]esterday)(?![\w])", r_day_word, 4, "W", ()),
    (r"(?<![\w])(?:right now|[Nn]ow|[Cc]urrently|at the moment|at present)(?![\w])", r_now, 1, "N", ()),
    (r"(?<![\w])(?:the\s+)?(?P<c>1\d|2[01])(?:st|nd|rd|th)\s+[Cc]entury(?![\w])", r_century, 3, "C", ()),
    (rf"(?={YEAR})(?:(?<=\b[Tt]he\s)|(?<=\b[Aa]\s)|(?<=\b[Aa]n\s)|(?<=\bhis\s)|(?<=\bher\s)|(?<=\bits\s)|(?<=\btheir\s)|"
     rf"(?<='s\s)|(?<=’s\s))(?P<y>{YEAR})(?=\s+[a-z])", r_year, 2, "D", ()),
    (rf"(?<![\w])(?:(?P<lead>next|last|this)\s+)?(?P<wd>{'|'.join(w.capitalize() for w in WEEKDAYS)})(?![\w])",
     r_weekday, 3, "K", ()),
    (r"(?<![\w])(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+years?\s+ago(?![\w])",
     r_years_ago, 4, "U", ("ago",)),
    (r"(?<![\w])(?:this|next|last)\s+year(?![\w])", r_rel_year, 4, "U", ("year",)),
    (rf"(?<![\w])(?i:{_YEAR_CUE})\s+(?P<y>{YEAR}){_E}", r_year, 2, "D", ()),
    (rf"(?<![\w$])(?P<y>{YEAR})(?=\s+(?:release|launch|debut|premiere|slate|date|"
     rf"window|rollout|arrival|bow|opening)\b)", r_year, 2, "D",
     ("release", "launch", "debut", "premiere", "slate", "date", "window", "rollout", "arrival", "bow", "opening")),
]

_COMPILED = [(re.compile(p, _FLAGS), fn, rank, kinds, re.compile("|".join(map(re.escape, needs))) if needs else None)
             for p, fn, rank, kinds, needs in _PATTERNS]


# Every date expression contains a trigger word of its kind; a pattern only runs around triggers of
# the kinds it needs (a season pattern never reads a window that holds only a number). The trigger
# pattern matches these stems (lower-cased), so a match's text is its own key in _KIND_OF.
_TRIGGER_STEMS = {
    "M": ("jan", "feb", "mar", "may", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    "S": ("spring", "summer", "fall", "autumn", "winter"), "W": ("today", "tonight", "tomorrow", "yesterday"),
    "N": ("now", "currently", "present", "moment"), "U": ("week", "month", "year", "days"), "L": ("holiday",),
    "K": tuple(WEEKDAYS), "Q": ("quarter", "q1", "q2", "q3", "q4"), "H": ("half", "h1", "h2"), "C": ("centur",),
    "F": ("christmas", "new year", "halloween", "valentine", "independence", "fourth of july", "thanksgiving",
          "memorial", "labor day", "martin luther", "presidents"),
}
_KIND_OF = {stem: kind for kind, stems in _TRIGGER_STEMS.items() for stem in stems}
# Numbers: a date pattern needs a year (19xx to 21xx: ISO dates, decades, years) or a number before
# a slash (6/7/2024); days and other numbers are read only inside a month's window.
_NUMBER_TRIGGERS = [rf"{c}[0-9][0-9](?![0-9])" for c in ("19", "20", "21")] + [f"{d}[0-9]*(?=/)" for d in "0123456789"]
# Longest first, so "monday" is not read as "mon...", and "q1"/"h1" only as whole words.
_TRIGGER = WordList(_NUMBER_TRIGGERS + [
    re.escape(stem) + (r"\b" if stem[0] in "qh" and stem[1:].isdigit() else "")
    for stem in sorted(_KIND_OF, key=len, reverse=True)])
_BEFORE, _AFTER = 36, 40  # the longest lead ("in the next couple of ") and tail a pattern needs
_Spans = list[tuple[int, int]]


_PROPER_KINDS = frozenset("MKF")  # months, weekdays and holidays are matched capitalised only


def _trigger_kind(text: str, start: int, token: str) -> str | None:
    if token[0].isdigit():
        return "D"
    kind = _KIND_OF[token]
    return None if kind in _PROPER_KINDS and not text[start].isupper() else kind


def date_triggers(text: str, lowered: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the words that can start a date window ("June", "2024", "summer", ...)."""
    found = []
    for start, end, token in _TRIGGER.scan(text, lowered, pos, endpos):
        kind = _trigger_kind(text, start, token)
        if kind is not None:
            found.append((start, end, kind))
    return found


def _windows(text: str, lowered: str, within: Sequence[tuple[int, int]] | None = None,
             triggers: list[tuple[int, int, str]] | None = None) -> dict[str, _Spans]:
    """Merged spans of text around triggers, by trigger kind, each inside its `within` span."""
    by_kind: dict[str, _Spans] = {}
    starts = [t[0] for t in triggers] if triggers is not None else []
    for lo, hi in within if within is not None else [(0, len(text))]:
        if triggers is None:
            found = date_triggers(text, lowered, lo, hi)
        else:
            found = triggers[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
        for start, end, kind in found:
            _add_span(by_kind.setdefault(kind, []), max(lo, start - _BEFORE), min(hi, end + _AFTER))
    return by_kind


def _add_span(spans: _Spans, start: int, end: int) -> None:
    if spans and start <= spans[-1][1]:
        spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
    else:
        spans.append((start, end))


def _union(by_kind: dict[str, _Spans], kinds: str) -> _Spans:
    if len(kinds) == 1:
        return by_kind.get(kinds, [])
    merged: _Spans = []
    for start, end in sorted(span for k in kinds for span in by_kind.get(k, ())):
        _add_span(merged, start, end)
    return merged


def _scan(text: str, dct: date, within: Sequence[tuple[int, int]] | None = None,
          triggers: list[tuple[int, int, str]] | None = None, lowered: str | None = None) -> list[_Hit]:
    hits: list[_Hit] = []
    lowered = text.lower() if lowered is None else lowered
    if len(lowered) != len(text):  # offsets differ: no shortcut by words
        lowered = ""
    by_kind = _windows(text, lowered, within, triggers)
    for pattern, resolve, rank, kinds, needs in _COMPILED:
        tense = resolve in _TENSE_RESOLVERS
        windows = _union(by_kind, kinds)
        if needs is not None and lowered:
            windows = [(lo, hi) for lo, hi in windows if needs.search(lowered, lo, hi)]
        for m in (m for lo, hi in windows for m in pattern.finditer(text, lo, hi)):
            if resolve is r_month_alone and not _month_alone_ok(m):
                continue
            if resolve is r_weekday and not (m["lead"] or _weekday_ok(text, m)):
                continue  # a bare weekday only after a preposition or a reporting verb
            # The tense work waits until the hit outlives its overlaps ("June" of "June 7, 2024" does not).
            rng = _UNRESOLVED if tense else resolve(m, text, dct)
            if rng is not None:
                start, end = m.span()
                if resolve is r_month_alone and m["lead"] and (m["lead"].lower() not in ("this", "next", "last")):
                    start = m.start("mon") if not m["part"] else m.start("part")
                elif resolve is r_year:
                    start = m.start("y")
                hits.append(_Hit(start, end, rng, rank, (m, resolve) if tense else None))
    kept = _resolve_overlaps(hits)
    for hit in kept:
        if hit.pending is not None:
            m, resolve = hit.pending
            resolved = resolve(m, text, dct)
            assert resolved is not None, "tense resolvers always give a range"
            hit.range, hit.pending = resolved, None
    return kept


_TENSE_RESOLVERS = (r_month_alone, r_season, r_weekday)
_UNRESOLVED = DateRange(date.min, date.min, "day", "")


def _month_alone_ok(m: re.Match[str]) -> bool:
    word = m["mon"].rstrip(".").lower()
    if m["lead"] or m["part"]:
        return True
    return word not in _WEAK_MONTHS and "." not in m["mon"]


_WEEKDAY_LEAD = re.compile(r"(?:\bon|\bby|\btil|\buntil|\bsince|\bthis|\blast|\bnext|\bsaid|\bsays|\bannounced|"
                           r"\breported|\bconfirmed|\bearly|\blate|\bfrom|,|^|\n|\.)\s*$", re.I)


def _weekday_ok(text: str, m: re.Match[str]) -> bool:
    """News style: "said Friday", "on Friday", "Friday's vote"; not the "Sunday Times"."""
    if re.match(r"\s+(?:Times|Telegraph|Post|Mirror|Express|Night|Morning)\b", text[m.end():m.end() + 12]):
        return False
    return bool(_WEEKDAY_LEAD.search(text[max(0, m.start() - 12): m.start()]))


def _resolve_overlaps(hits: list[_Hit]) -> list[_Hit]:
    """Keep the longest (then most specific) of overlapping matches."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), -h.rank))
    kept: list[_Hit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            prev = kept[-1]
            if (hit.end - hit.start, hit.rank) > (prev.end - prev.start, prev.rank) and hit.end > prev.end:
                kept[-1] = hit
            continue
        kept.append(hit)
    return kept


# --- combining: alternatives, spans, open bounds -----------------------------------------------

_JOIN = re.compile(r"^\s*(?:,?\s*or\s+(?:in\s+|possibly\s+|even\s+|maybe\s+)?|and\s+|-|–|—|to\s+|through\s+|/\s*)$", re.I)
_BETWEEN = re.compile(r"(?:between|from)\s+$", re.I)


def _combine(text: str, hits: list[_Hit], dct: date) -> list[_Hit]:
    out: list[_Hit] = []
    i = 0
    while i < len(hits):
        cur = hits[i]
        while i + 1 < len(hits):
            nxt = hits[i + 1]
            gap = text[cur.end:nxt.start]
            if len(gap) > 20 or not _JOIN.match(gap):
                break
            joiner = gap.strip().lower()
            lead = text[max(0, cur.start - 10):cur.start]
            is_between = bool(_BETWEEN.search(lead))
            if joiner.startswith("and") and not is_between:
                break
            if joiner.startswith(("to", "through")) and not is_between and not _same_kind(cur, nxt):
                break
            if joiner.startswith(("to", "through")) and lead.lower().rstrip().endswith("from") and _is_move(text, cur.start):
                break  # "moved from June 7, 2024 to June 6, 2025": two dates, not a span
            cur = _hull(text, cur, nxt, dct, is_between)
            i += 1
        out.append(cur)
        i += 1
    return [_open_bounds(text, h, dct) for h in out]


def _same_kind(a: _Hit, b: _Hit) -> bool:
    return a.range.granularity == b.range.granularity


_MOVE_CUE = re.compile(r"\b(?:mov|push|delay|shift|bump|slid|slip|chang|reschedul|postpon|pull|brought|advanc|"
                       r"switch|relocat|swap)\w*", re.I)


def _is_move(text: str, pos: int) -> bool:
    return bool(_MOVE_CUE.search(text[max(0, pos - 80):pos]))


def _hull(text: str, a: _Hit, b: _Hit, dct: date, between: bool) -> _Hit:
    first, second = a.range, b.range
    # "between March and May 2024", "March or April 2024": the first part borrows the second's year.
    if first.granularity in ("month", "range", "season", "quarter", "half", "part-of-year") and second.latest and second.earliest.year != first.earliest.year \
            and not re.search(YEAR, text[a.start:a.end]) and re.search(YEAR, text[b.start:b.end]):
        shift = second.earliest.year - first.earliest.year
        first = DateRange(first.earliest.replace(year=first.earliest.year + shift),
                          first.latest.replace(year=first.latest.year + shift) if first.latest else None,
                          first.granularity, first.value)
    earliest = min(first.earliest, second.earliest)
    latest = None if first.latest is None or second.latest is None else max(first.latest, second.latest)
    start = a.start
    lead = text[max(0, a.start - 8):a.start]
    bm = _BETWEEN.search(lead) if between else None
    if bm:
        start = max(0, a.start - 8) + bm.start()
    rng = DateRange(earliest, latest, "range", f"{first.value}/{second.value}", _label(earliest, latest))
    return _Hit(start, b.end, rng, max(a.rank, b.rank))


_OPEN_BEFORE = re.compile(
    r"(?P<cue>no earlier than|not before|not until|no sooner than|at the earliest|after|"
    r"no later than|by|before|until|ahead of|in time for|sometime before)\s+(?:the\s+end\s+of\s+)?$", re.I)
_OPEN_AFTER = re.compile(r"^\s*(?:at the earliest|or later|or beyond|and beyond|at the latest)", re.I)


# The last words of _OPEN_BEFORE's cues: most dates follow none of them, and skip the search.
_OPEN_BEFORE_ENDS = ("than", "before", "until", "earliest", "after", "by", "of", "for")


def _open_bounds(text: str, hit: _Hit, dct: date) -> _Hit:
    lead = text[max(0, hit.start - 30):hit.start]
    words = lead.split() if lead[-1:].isspace() else None
    m = _OPEN_BEFORE.search(lead) if words and words[-1].lower().endswith(_OPEN_BEFORE_ENDS) else None
    tail = _OPEN_AFTER.match(text[hit.end:hit.end + 20])
    r = hit.range
    if tail:
        phrase = tail.group().strip().lower()
        end = hit.end + tail.end()
        if phrase in ("at the latest",):
            return _Hit(hit.start, end, _dr(dct, r.latest, "open", r.value), hit.rank)
        return _Hit(hit.start, end, _dr(r.earliest, None, "open", r.value), hit.rank)
    if not m:
        return hit
    cue = m.group("cue").lower()
    start = max(0, hit.start - 30) + m.start()
    whole_end = "end of" in m.group().lower()
    if cue == "until" and re.search(r"\b(?:not|never)\b|n't\b", text[max(0, start - 40):start]):
        cue = "not until"  # "won't open until December 2025"
    if cue == "before" and re.search(r"\b(?:not|never)\b|n't\b", text[max(0, start - 40):start]):
        cue = "not before"  # "will not start shooting before 2021"
    if cue in ("no earlier than", "not before", "not until", "no sooner than", "after"):
        first = r.earliest if cue != "after" else (r.latest + timedelta(days=1) if r.latest else r.earliest)
        return _Hit(start, hit.end, _dr(first, None, "open", r.value), hit.rank)
    if cue in ("before", "ahead of", "sometime before"):
        last = r.earliest - timedelta(days=1)
        if last < dct:
            return hit
        return _Hit(start, hit.end, _dr(dct, last, "open", r.value), hit.rank)
    # by / until / no later than / in time for: from publication up to the end of the range
    last = r.latest if r.latest else r.earliest
    if whole_end and r.latest:
        last = r.latest
    if last < dct:
        return hit
    return _Hit(start, hit.end, _dr(dct, last, "open", r.value), hit.rank)


# --- public --------------------------------------------------------------------------------------

_MAX_TEXT = 20_000_000


def find_timexes(text: str, dct: date, *, combine: bool = True, within: Sequence[tuple[int, int]] | None = None,
                 triggers: list[tuple[int, int, str]] | None = None, lowered: str | None = None) -> list[Timex]:
    """Every date expression in `text`, resolved against the publication date `dct`.

    With `combine` (the default) alternatives and spans become one expression with the hull
    of their ranges, and open bounds ("by", "no earlier than") widen the range; without it the
    parts are returned as they stand (as TimeML annotates them). `within` limits the search to
    those (start, end) spans of the text, e.g. the sentences a caller cares about; `triggers`
    is date_triggers(text, text.lower()) and `lowered` is text.lower(), when the caller has them.
    """
    if not text:
        return []
    if len(text) > _MAX_TEXT:
        text, lowered = text[:_MAX_TEXT], None
    hits = _scan(text, dct, within, triggers, lowered)
    if combine:
        hits = _combine(text, hits, dct)
    return [Timex(h.start, h.end, text[h.start:h.end], h.range) for h in hits]
