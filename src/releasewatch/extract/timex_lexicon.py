"""The date finder's vocabulary: word tables from lexicons/*.json and the regex pieces built on them.

Case is decided here: a month, weekday or holiday name written in Title case or ALL CAPS is a
proper noun; written in lower case it is a date only where timex.py's checks say so (a day number
or a year next to it, or a preposition before it), so "may" and "march" the verbs stay words.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from .fastre import first_letter_groups


@cache
def load(name: str) -> dict[str, Any]:
    """A lexicon from extract/lexicons/ (read once)."""
    data: dict[str, Any] = json.loads(resources.files(__package__).joinpath("lexicons", name).read_text("utf-8"))
    return data


_WORDS = load("timex_words.json")

MONTHS: dict[str, int] = _WORDS["months"]
# "May" and "March" are also ordinary words: alone they need a preposition or modifier before them.
WEAK_MONTHS = frozenset(_WORDS["weak_months"])
WEEKDAYS: dict[str, int] = _WORDS["weekdays"]
WEEKDAY_ABBR: dict[str, int] = _WORDS["weekday_abbreviations"]
SEASONS: dict[str, str] = _WORDS["seasons"]
ORD: dict[str, int] = _WORDS["ordinals"]
ORDINAL_DAYS: dict[str, int] = _WORDS["ordinal_days"]
NUMBER_WORDS: dict[str, int] = _WORDS["number_words"]
DECADE_WORDS: dict[str, int] = _WORDS["decade_words"]


def grouped(alternatives: list[str] | set[str]) -> str:
    """Longest first, then grouped by first letter (fastre): the engine tries one branch per position."""
    body = "|".join(sorted(alternatives, key=len, reverse=True))
    return first_letter_groups(body) or body


def _cased(words: list[str], lower: bool = True) -> str:
    return grouped({f for w in words for f in ((w.capitalize(), w.upper(), w) if lower else (w.capitalize(), w.upper()))})


_FULL = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_ABBR = [m for m in MONTHS if m not in _FULL]
# Every case: a lower-case month is checked by the caller (timex.py) before it counts.
MONTH = rf"(?:(?:{_cased(_FULL)})|(?:{_cased(_ABBR)})\.?)"
_WEEKDAY_FULL = _cased(list(WEEKDAYS))
_WEEKDAY_SHORT = _cased(list(WEEKDAY_ABBR), lower=False)
WEEKDAY = rf"(?:{_WEEKDAY_FULL})"
# In front of a date ("Sun, Feb 10", "Tue. March 3") the abbreviations are safe too.
WEEKDAY_LEAD = rf"(?:{_WEEKDAY_FULL}|(?:{_WEEKDAY_SHORT})\.?)"

YEAR = r"(?:19[5-9]\d|20\d\d|21[0-4]\d)"
# The nouns of an event a date can be written into ("a May release", "its summer 2024 theatrical debut")
EVENT_NOUN_LEAD = r"(?:(?:theatrical|global|worldwide|wide|digital|streaming|console)\s+)?"
EVENT_NOUN_WORD = r"(?:release|premiere|launch|debut|opening|bow|arrival)"
EVENT_NOUN = EVENT_NOUN_LEAD + EVENT_NOUN_WORD
# Next to a month a year can be older ("November 1943", "17 August 1656").
YEAR_WIDE = r"(?:1[5-9]\d\d|20\d\d|21[0-4]\d)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
ORDINAL_DAY = grouped(list(ORDINAL_DAYS))
SEASON = r"(?:[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter|SPRING|SUMMER|FALL|AUTUMN|WINTER)"
NUMBER = grouped([re.escape(w) for w in NUMBER_WORDS])

# A year standing alone is a date only after one of these (or as part of a larger expression).
YEAR_CUE_WORDS = ("in", "by", "until", "till", "til", "since", "from", "of", "for", "during", "before", "after", "around",
                  "circa", "through", "throughout", "into", "to", "as of", "than", "early", "mid", "late", "and", "or",
                  "between", "across", "that", "this", "summer", "fall", "spring", "winter", "autumn", "at least",
                  # a verb right before a year, as announcements put it: "Coming 2026", "out 2025", "slated 2027"
                  "coming", "arriving", "launching", "releasing", "landing", "out", "due", "slated", "dated")
YEAR_CUE = f"(?:{'|'.join(YEAR_CUE_WORDS)})"

# Relative year phrases usable after early/late/summer/...: "early next year".
REL_YEAR = r"(?:this year|next year|last year|the following year|the next year|the year)"
YEARISH = rf"(?:{YEAR}|{REL_YEAR})"


def month_number(token: str) -> int:
    return MONTHS[token.rstrip(".").lower()]


def weekday_number(token: str) -> int:
    word = token.rstrip(".").lower()
    return WEEKDAYS[word] if word in WEEKDAYS else WEEKDAY_ABBR[word]
