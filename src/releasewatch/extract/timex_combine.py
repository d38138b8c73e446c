"""Combining the finder's hits: alternatives and spans take the hull ("late 2023 or early 2024",
"between March and May 2024"), open bounds widen a range ("by the end of 2024", "2025 at the earliest").
Nothing joins across a blank line.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..models import DateRange
from .timex_lexicon import EVENT_NOUN, REL_YEAR, YEAR
from .timex_ranges import Hit, dr, in_year, label

_JOIN = re.compile(r"^\s*(?:,?\s*or\s+(?:in\s+|possibly\s+|even\s+|maybe\s+)?|and\s+|-\s*|–\s*|—\s*|to\s+|through\s+|/\s*)$", re.I)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BETWEEN = re.compile(r"(?:between|from)\s+$", re.I)


def combine(text: str, hits: list[Hit], dct: date) -> list[Hit]:
    out: list[Hit] = []
    i = 0
    while i < len(hits):
        cur = hits[i]
        while i + 1 < len(hits):
            nxt = hits[i + 1]
            gap = text[cur.end:nxt.start]
            if len(gap) > 20 or not _JOIN.match(gap) or _BLANK_LINE.search(gap):
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
    return [_open_bounds(text, h, dct) for h in _years_after_event(text, out)]


# "a June release in 2025", "its summer debut in 2026", "the November launch of 2024": the year after
# the event noun is the month's (or season's) year, and no date of its own
_EVENT_THEN_YEAR = re.compile(rf"\s+(?:[\w-]+\s+)?{EVENT_NOUN}s?\s+(?:in|of)\s+$", re.I)
_YEAR_ONLY = re.compile(rf"{YEAR}$")


def _years_after_event(text: str, hits: list[Hit]) -> list[Hit]:
    out: list[Hit] = []
    i = 0
    while i < len(hits):
        cur = hits[i]
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        if (nxt is not None and cur.range.latest is not None and cur.range.granularity in ("day", "month", "season")
                and not _HAS_YEAR.search(text, cur.start, cur.end) and _YEAR_ONLY.match(text[nxt.start:nxt.end])
                and _EVENT_THEN_YEAR.fullmatch(text, cur.end, nxt.start)):
            shifted = in_year(cur.range, nxt.range.earliest.year, seasons=True)
            if shifted is not None:
                out.append(Hit(cur.start, cur.end, shifted, cur.rank))
                i += 2
                continue
        out.append(cur)
        i += 1
    return out


def _same_kind(a: Hit, b: Hit) -> bool:
    return a.range.granularity == b.range.granularity


_MOVE_CUE = re.compile(r"\b(?:mov|push|delay|shift|bump|slid|slip|chang|reschedul|postpon|pull|brought|advanc|"
                       r"switch|relocat|swap)\w*", re.I)


def _is_move(text: str, pos: int) -> bool:
    return bool(_MOVE_CUE.search(text[max(0, pos - 80):pos]))


# a year written out or told relatively ("July or August of next year")
_HAS_YEAR = re.compile(rf"{YEAR}|\b{REL_YEAR}\b", re.I)


def _hull(text: str, a: Hit, b: Hit, dct: date, between: bool) -> Hit:
    first, second = a.range, b.range
    # "between March and May 2024", "March or April 2024": the first part borrows the second's year.
    if first.granularity in ("month", "range", "season", "quarter", "half", "part-of-year") and second.latest and second.earliest.year != first.earliest.year \
            and not _HAS_YEAR.search(text, a.start, a.end) and _HAS_YEAR.search(text, b.start, b.end):
        shift = second.earliest.year - first.earliest.year
        first = DateRange(first.earliest.replace(year=first.earliest.year + shift),
                          first.latest.replace(year=first.latest.year + shift) if first.latest else None,
                          first.granularity, first.value)
    if (first.earliest > second.earliest and not re.search(YEAR, text[a.start:a.end]) and first.latest
            and first.earliest.year > second.earliest.year):
        # "between January and April", both without a year: the first comes before the second, so
        # a tense that put January in the later year moves it back
        first = DateRange(first.earliest.replace(year=first.earliest.year - 1), first.latest.replace(year=first.latest.year - 1),
                          first.granularity, first.value)
    earliest = min(first.earliest, second.earliest)
    latest = None if first.latest is None or second.latest is None else max(first.latest, second.latest)
    start = a.start
    lead = text[max(0, a.start - 8):a.start]
    bm = _BETWEEN.search(lead) if between else None
    if bm:
        start = max(0, a.start - 8) + bm.start()
    rng = DateRange(earliest, latest, "range", f"{first.value}/{second.value}", label(earliest, latest))
    return Hit(start, b.end, rng, max(a.rank, b.rank))


_OPEN_BEFORE = re.compile(
    r"(?P<cue>(?:until\s+|till\s+)?at least|no earlier than|not before|not until|no sooner than|at the earliest|after|"
    r"no later than|by|before|until|ahead of|in time for|sometime before)\s+(?:the\s+end\s+of\s+)?$", re.I)
_OPEN_AFTER = re.compile(r"^\s*(?:at the earliest|or later|or beyond|and beyond|at the latest)", re.I)


# The last words of _OPEN_BEFORE's cues: most dates follow none of them, and skip the search.
_EVENT_NOUN_AFTER = re.compile(rf"\s+{EVENT_NOUN}\b", re.I)
_OPEN_BEFORE_ENDS = ("than", "before", "until", "earliest", "after", "by", "of", "for", "least")


def _open_bounds(text: str, hit: Hit, dct: date) -> Hit:
    lead = text[max(0, hit.start - 30):hit.start]
    words = lead.split() if lead[-1:].isspace() else None
    m = _OPEN_BEFORE.search(lead) if words and words[-1].lower().endswith(_OPEN_BEFORE_ENDS) else None
    tail = _OPEN_AFTER.match(text[hit.end:hit.end + 20])
    r = hit.range
    if tail:
        phrase = tail.group().strip().lower()
        end = hit.end + tail.end()
        if phrase in ("at the latest",):
            return Hit(hit.start, end, dr(dct, r.latest, "open", r.value), hit.rank)
        return Hit(hit.start, end, dr(r.earliest, None, "open", r.value), hit.rank)
    if not m:
        return hit
    cue = m.group("cue").lower()
    if cue.endswith("at least"):
        cue = "not before"  # "until at least 2026": that year or later
    start = max(0, hit.start - 30) + m.start()
    whole_end = "end of" in m.group().lower()
    if cue == "until" and re.search(r"\b(?:not|never)\b|n['’]t\b", text[max(0, start - 40):start]):
        cue = "not until"  # "won't open until December 2025"
    if cue == "before" and re.search(r"\b(?:not|never)\b|n['’]t\b", text[max(0, start - 40):start]):
        cue = "not before"  # "will not start shooting before 2021"
    if cue in ("no earlier than", "not before", "not until", "no sooner than", "after"):
        first = r.earliest if cue != "after" else (r.latest + timedelta(days=1) if r.latest else r.earliest)
        return Hit(start, hit.end, dr(first, None, "open", r.value), hit.rank)
    if cue in ("before", "ahead of", "sometime before"):
        if _EVENT_NOUN_AFTER.match(text, hit.end):
            return hit  # "ahead of its summer 2024 release": the date of the release, which is ahead
        last = r.earliest - timedelta(days=1)
        if (whole_end or text.startswith(("the end of", "end of", "The end of"), hit.start)) and r.latest:
            last = r.latest  # "before the year is out" reads the same: by December 31
        if last < dct:
            return hit
        return Hit(start, hit.end, dr(dct, last, "open", r.value), hit.rank)
    # by / until / no later than / in time for: from publication up to the end of the range
    last = r.latest if r.latest else r.earliest
    if whole_end and r.latest:
        last = r.latest
    if last < dct:
        return hit
    return Hit(start, hit.end, dr(dct, last, "open", r.value), hit.rank)

