"""The year of a year-less date: from a date before it in the sentence ("began in June 2023 ... resumed
in November"), from an earlier dated mention of the same month in the article, or from "that same year"."""

from __future__ import annotations

import re
from datetime import date

from ..models import DateRange, Timex
from .timex_ranges import dr, in_year

HAS_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_RELATIVE = re.compile(r"\b(?:this|next|last|today|tomorrow|tonight|yesterday|week|weekend|ago|now|coming)\b", re.I)


def years_from_before(s: str, timexes: list[Timex], published: date) -> list[Timex]:
    """"began in June 2023 ... resumed in November later that year", "from June 3rd, 2022, to
    November 4th": a year-less day or month after a dated one in the same sentence is in that
    date's year (or the next, when it comes earlier in the calendar), when the sentence ties the
    two ("that year", a move from one to the other) or that reading is the nearer to the article's
    date. ("Season 1 premiered in May 2025; season 2 lands July 9", in 2026, keeps 2026.)"""
    out: list[Timex] = []
    anchor: Timex | None = None
    last_year: int | None = None  # of the last date written with its year, of any kind
    for tx in timexes:
        r = tx.range
        if HAS_YEAR.search(tx.text):
            anchor = tx if r.granularity in ("day", "month") else None
            last_year = r.earliest.year if r.latest is not None and r.latest.year == r.earliest.year else None
        elif last_year is not None and _SAME_YEAR_AFTER.match(s, tx.end):
            moved = _into_year(r, last_year)  # "shot from March 10, 2021 ... until mid-July of that same year"
            if moved is not None:
                tx = Timex(tx.start, tx.end, tx.text, moved)
        elif anchor is not None and r.granularity in ("day", "month") and not _RELATIVE.search(tx.text):
            a = anchor.range.earliest
            following = _FOLLOWING_YEAR.match(s, tx.end) is not None  # "Memorial Day the following year"
            moved = in_year(r, a.year + 1 if following else a.year)
            if moved is not None and moved.earliest < a:
                moved = in_year(r, a.year + 1)
            tied = following or _TIED.match(s, anchor.end, tx.start) is not None or _THAT_YEAR.search(s) is not None
            if moved is not None and moved.earliest != r.earliest and (
                    tied or abs((moved.earliest - published).days) < abs((r.earliest - published).days)):
                tx = Timex(tx.start, tx.end, tx.text, moved)
        out.append(tx)
    return out


# How far back an earlier dated mention of the same month can lend its year, and how far from the
# article's year that year may be ("the first film opened in December 2019" lends nothing in 2024).
_EARLIER_REACH = 1500
_EARLIER_YEARS = 1


def years_from_earlier(text: str, timexes: list[Timex], published: date) -> list[Timex]:
    """"moved to December 25, 2023. ... 'a December release suits it'": a year-less day or
    month takes the year of an earlier date in the article with the same month (and day, if it has
    one), written with its year and near the article's year."""
    out: list[Timex] = []
    dated: list[Timex] = []  # earlier dates written with a year, by position
    for tx in timexes:
        r = tx.range
        if HAS_YEAR.search(tx.text):
            if r.granularity in ("day", "month") and abs(r.earliest.year - published.year) <= _EARLIER_YEARS:
                dated.append(tx)
        elif r.granularity in ("day", "month") and not _RELATIVE.search(tx.text):
            for d in reversed(dated):
                if tx.start - d.end > _EARLIER_REACH:
                    break
                a = d.range.earliest
                same_day = r.granularity == "month" or (d.range.granularity == "day" and a.day == r.earliest.day)
                if a.month == r.earliest.month and same_day and a.year != r.earliest.year:
                    moved = in_year(r, a.year)
                    if moved is not None:
                        tx = Timex(tx.start, tx.end, tx.text, moved)
                    break
                if a.month == r.earliest.month:
                    break
        out.append(tx)
    return out


_TIED = re.compile(r",?\s+(?:to|until|into)\s+(?:a\s+|the\s+)?(?:[\w-]+\s+){0,4}?(?:on\s+|in\s+)?$|\s*(?:-|–|through|and)\s+$|"
                   # "on May 8, 2026, with a US release on May 10", "..., followed by part two on"
                   r",?\s+(?:with|followed\s+by|then)\s+(?:[\w.'’-]+\s+){0,5}?(?:on\s+|in\s+)?$", re.I)
_SAME_YEAR_AFTER = re.compile(r"\s+(?:of\s+)?(?:that|the\s+same|that\s+same)\s+year\b", re.I)


def _into_year(r: DateRange, year: int) -> DateRange | None:
    """A year-less span within one year ("mid-October", "the last week of May") moved into `year`."""
    if r.latest is None or r.earliest.year != r.latest.year or r.granularity in ("year", "season"):
        return None
    try:
        earliest, latest = r.earliest.replace(year=year), r.latest.replace(year=year)
    except ValueError:  # February 29
        return None
    return dr(earliest, latest, r.granularity, f"{year}{r.value[4:]}" if r.value[:4].isdigit() else r.value)


_THAT_YEAR = re.compile(r"\b(?:that|the\s+same)\s+year\b", re.I)
_FOLLOWING_YEAR = re.compile(r"\s+(?:of\s+)?the\s+(?:following|next)\s+year\b", re.I)


def years_lent(timexes: list[Timex]) -> set[tuple[int, int]]:
    """The year-less dates in the year of a date written with its year before them in the sentence
    ("postponed in July 2023 ..., resuming in November"): their year is the sentence's, not a guess."""
    years: set[int] = set()
    lent = set()
    for t in timexes:
        if HAS_YEAR.search(t.text):
            years.add(t.range.earliest.year)
        elif t.range.earliest.year in years:
            lent.add((t.start, t.end))
    return lent
