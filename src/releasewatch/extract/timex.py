"""Temporal expressions in news text, resolved to inclusive date ranges.

The rule table (timex_rules) holds one pattern per form. A pattern reads only the windows of text
around trigger words of the kinds it needs (a month name, a year, "week", ...), found in one pass
over the lower-cased text; matches are resolved against the publication date (never the clock) by
timex_resolve / timex_resolve_rel, overlaps keep the longest, and timex_combine joins alternatives,
spans and open bounds. Year-less dates take the occurrence the sentence's tense points to.

Case: month, weekday and holiday names count in Title case or ALL CAPS; in lower case a month needs
a day number, a year or a preposition next to it ("february 15", "since october"; never "may" or
"march" the verbs), a weekday the same leads as a capitalised one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from ..models import DateRange, Timex
from .fastre import ascii_twin, plain_ascii
from .timex_combine import combine as _combine
from .timex_lexicon import EVENT_NOUN, MONTHS, WEAK_MONTHS, WEEKDAYS, YEAR
from .timex_ranges import Hit, Resolver, in_year
from .timex_resolve import (
    r_month_alone,
    r_month_day,
    r_month_year,
    r_season,
    r_weekday,
    r_year,
)
from .timex_resolve_rel import r_day_span, r_nth_in_month, r_the_weekend, r_weekday_day
from .timex_rules import AFTER, BEFORE, COMPILED, KIND_OF, TRIGGER, WORD_SCANNERS, Gate

__all__ = ["DateRange", "Timex", "date_triggers", "find_timexes", "in_year"]

_Spans = list[tuple[int, int]]
_PROPER_KINDS = frozenset("A")  # weekday abbreviations: capitalised only ("sat", "sun" are words)


# Each month stem's words, longest first: a lower-case month must be one of them, as a whole word.
_MONTH_WORDS_BY_STEM: dict[str, tuple[str, ...]] = {}
for _word in sorted(MONTHS, key=len, reverse=True):
    _MONTH_WORDS_BY_STEM.setdefault(_word[:3], ())
    _MONTH_WORDS_BY_STEM[_word[:3]] += (_word,)


def _lower_month_word(lowered: str, start: int, stem: str) -> bool:
    for word in _MONTH_WORDS_BY_STEM.get(stem, ()):
        end = start + len(word)
        if lowered.startswith(word, start) and not (end < len(lowered) and lowered[end].isalpha()):
            return True
    return False


def _trigger_kind(text: str, lowered: str, start: int, token: str) -> str | None:
    if token[0].isdigit():
        if token[-1] in "hdt" and token[-2:] in ("st", "nd", "rd", "th"):
            return "O"
        # a year alone on its line (a heading) is read by its own rule, and by no other
        if len(token) == 4 and _alone_on_line(text, start, start + 4):
            return "y"
        return "D"
    kind = KIND_OF[token]
    if kind == "M" and not text[start].isupper():
        # a lower-case month counts only as a whole word ("dec" and "dec." yes, "decide" no)
        return "m" if lowered and _lower_month_word(lowered, start, token) else None
    if kind in _PROPER_KINDS and not text[start].isupper():
        return None
    return kind


def date_triggers(text: str, lowered: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the words that can start a date window ("June", "2024", "summer", ...)."""
    found = []
    same = len(lowered) == len(text)
    for start, end, token in TRIGGER.scan(text, lowered, pos, endpos):
        kind = _trigger_kind(text, lowered if same else "", start, token)
        if kind is not None:
            found.append((start, end, kind))
    return found


def _windows(text: str, lowered: str, within: Sequence[tuple[int, int]] | None = None,
             triggers: list[tuple[int, int, str]] | None = None, numbers: list[int] | None = None,
             ) -> dict[str, _Spans]:
    """Merged spans of text around triggers, by trigger kind, each inside its `within` span. The
    starts of the number triggers among them go to `numbers`, if given."""
    by_kind: dict[str, _Spans] = {}
    starts = [t[0] for t in triggers] if triggers is not None else []
    for lo, hi in within if within is not None else [(0, len(text))]:
        if triggers is None:
            found = date_triggers(text, lowered, lo, hi)
        else:
            found = triggers[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
        for start, end, kind in found:
            _add_span(by_kind.setdefault(kind, []), max(lo, start - BEFORE), min(hi, end + AFTER))
            if numbers is not None and kind in _NUMBER_KINDS:
                numbers.append(start)
    return by_kind


_NUMBER_KINDS = frozenset("DyO")


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


_BLANK_LINE = re.compile(r"\n[ \t]*\n")



def _scan(text: str, dct: date, within: Sequence[tuple[int, int]] | None = None,
          triggers: list[tuple[int, int, str]] | None = None, lowered: str | None = None) -> list[Hit]:
    lowered = text.lower() if lowered is None else lowered
    if len(lowered) != len(text):  # offsets differ: no shortcut by words
        lowered = ""
    numbers: list[int] = []
    by_kind = _windows(text, lowered, within, triggers, numbers)
    plain = bool(lowered) and plain_ascii(text)  # then the rules' ASCII twins find the same (speed only)
    found: list[list[Hit]] = [[] for _ in COMPILED]  # by rule, so that hits keep the rule table's order
    unions: dict[str, _Spans] = {}
    words: dict[str, list[frozenset[str]]] = {}  # the gate words in each window, found in one scan
    for kinds, gates, rules in _GROUPS:
        gate = gates[plain]
        windows = unions.get(kinds)
        if windows is None:
            windows = unions[kinds] = _union(by_kind, kinds)
        if gate is not None and lowered and windows:
            if isinstance(gate, frozenset):
                present = words.get(kinds)
                if present is None:
                    present = words[kinds] = _gate_words(windows, kinds, lowered, plain)
                windows = [w for w, here in zip(windows, present, strict=True) if not gate.isdisjoint(here)]
            else:
                windows = [(lo, hi) for lo, hi in windows if gate.search(lowered, lo, hi)]
        if windows:
            for index, patterns, resolve, rank, tense, checked in rules:
                pattern = patterns[plain]
                matches = _at_years(text, pattern, windows, numbers) if index in _AT_YEAR else \
                    (m for lo, hi in windows for m in pattern.finditer(text, lo, hi))
                _match_rule(text, dct, matches, resolve, rank, tense, checked, found[index])
    hits = [hit for rule_hits in found for hit in rule_hits]
    kept = _resolve_overlaps(hits)
    for hit in kept:
        if hit.pending is not None:
            m, resolve = hit.pending
            resolved = resolve(m, text, dct)
            hit.range, hit.pending = resolved if resolved is not None else _UNRESOLVED, None
    return [h for h in kept if h.range is not _UNRESOLVED]


def _gate_words(windows: _Spans, kinds: str, lowered: str, plain: bool) -> list[frozenset[str]]:
    scanner, contains = WORD_SCANNERS[kinds]
    scanner = _SCANNER_TWINS[kinds] if plain else scanner
    found = []
    for lo, hi in windows:
        here: frozenset[str] = frozenset()
        for word in scanner.findall(lowered, lo, hi):
            here |= contains[word]
        found.append(here)
    return found


_TENSE_RESOLVERS = (r_month_alone, r_season, r_weekday, r_weekday_day, r_the_weekend)
_UNRESOLVED = DateRange(date.min, date.min, "day", "")
_MONTH_PATTERNS = frozenset((r_month_day, r_month_year, r_month_alone, r_day_span, r_nth_in_month))
_CHECKED = _MONTH_PATTERNS | {r_weekday, r_season}


def _acceptable(text: str, m: re.Match[str], resolve: object) -> bool:
    """The checks a match passes before it is a date: case, leads, no blank line inside."""
    start, end = m.span()
    if text.find("\n", start, end) >= 0 and _BLANK_LINE.search(text, start, end):
        return False  # a date never spans a paragraph break
    if resolve not in _CHECKED:
        return True
    if resolve in _MONTH_PATTERNS and m["mon"] and m["mon"][0].islower() and not _lower_month_ok(m, resolve):
        return False
    if resolve is r_month_alone:
        return _month_alone_ok(text, m)
    if resolve is r_season:
        return _season_ok(text, m)
    if resolve is r_weekday:
        if m["wd"].rstrip(".").lower() not in WEEKDAYS:  # an abbreviation: "on Tue", "Wed.", never "the Sun"
            return _weekday_abbreviation_ok(text, m)
        # a bare weekday only after a preposition or a reporting verb
        return bool(m["lead"] or m["tail"] or _weekday_ok(text, m))
    return True


def _match_rule(text: str, dct: date, matches: Iterable[re.Match[str]], resolve: Resolver, rank: int,
                tense: bool, checked: bool, out: list[Hit]) -> None:
    for m in matches:
        if (checked or text.find("\n", m.start(), m.end()) >= 0) and not _acceptable(text, m, resolve):
            continue
        # The tense work waits until the hit outlives its overlaps ("June" of "June 7, 2024" does not).
        rng = _UNRESOLVED if tense else resolve(m, text, dct)
        if rng is not None:
            start, end = m.span()
            if resolve is r_month_alone and m["lead"] and (m["lead"].lower() not in ("this", "next", "last")):
                start = m.start("mon") if not m["part"] else m.start("part")
            elif resolve is r_year:
                start = m.start("y")
            out.append(Hit(start, end, rng, rank, (m, resolve) if tense else None))


# Rules whose every match starts at a year: a number trigger (a year before "'s", after "the", ...).
# They are tried only at the number triggers of their windows, not at every position (speed only:
# the same matches, since two years cannot overlap). A window with other than ASCII is scanned
# as usual: a year in other digits ("\\d") is no trigger.
_AT_YEAR = frozenset(i for i, (p, *_) in enumerate(COMPILED)
                     if p.pattern.startswith((rf"(?<![\w$])(?P<y>{YEAR})", rf"(?<![\w])(?P<y>{YEAR})", rf"(?={YEAR})(?:(?<=")))


def _at_years(text: str, pattern: re.Pattern[str], windows: _Spans, numbers: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer` over the windows, for a rule of _AT_YEAR (`numbers`: the number triggers' starts)."""
    for lo, hi in windows:
        if not text[lo:hi].isascii():
            yield from pattern.finditer(text, lo, hi)
            continue
        for i in range(bisect.bisect_left(numbers, lo), bisect.bisect_left(numbers, hi)):
            m = pattern.match(text, numbers[i], hi)
            if m is not None:
                yield m


_Patterns = tuple[re.Pattern[str], re.Pattern[str]]  # a pattern and its ASCII twin, indexed by plain_ascii()


def _groups() -> list[tuple[str, tuple[Gate, Gate], list[tuple[int, _Patterns, Resolver, int, bool, bool]]]]:
    """The rules by (trigger kinds, gate), in the table's order of first use: a group's windows are
    found and gated once for all its rules."""
    groups: dict[tuple[str, Gate], list[tuple[int, _Patterns, Resolver, int, bool, bool]]] = {}
    for index, (pattern, resolve, rank, kinds, gate) in enumerate(COMPILED):
        groups.setdefault((kinds, gate), []).append(
            (index, (pattern, ascii_twin(pattern)), resolve, rank, resolve in _TENSE_RESOLVERS, resolve in _CHECKED))
    return [(kinds, (gate, ascii_twin(gate) if isinstance(gate, re.Pattern) else gate), rules)
            for (kinds, gate), rules in groups.items()]


_GROUPS = _groups()
_SCANNER_TWINS = {kinds: ascii_twin(scanner) for kinds, (scanner, _) in WORD_SCANNERS.items()}


_DAY_LEAD = re.compile(r"\b(?:on|by|from|until|till|since|before|after)\s+$", re.I)


def _lower_month_ok(m: re.Match[str], resolve: object) -> bool:
    """A month in lower case: with a day number ("february 15", "may 5"), a year ("october 2024", never
    "may 2024"), or a preposition before it ("since october"; never "march" or "may" alone)."""
    word = m["mon"].rstrip(".").lower()
    if resolve in (r_month_day, r_day_span):
        day = m["day"] if resolve is r_month_day else m["d1"]
        if word in ("may", "march") and not m["y"] and m.start("mon") > m.start(1 if resolve is r_month_day else "d1"):
            # "season 2 may initially seem ...": a number, then the verb; "on 2 may" is a date
            return day[0].isdigit() and (bool(m["lead"]) or _DAY_LEAD.search(m.string, max(0, m.start() - 8), m.start()) is not None)
        return day[0].isdigit()
    if resolve is r_month_year:
        return word != "may" and m["y"][0].isdigit()
    if resolve is r_month_alone:
        if word in ("may", "march"):
            return False
        return bool(m["y"] or _alone_on_line(m.string, m.start(), m.end())) or (
            bool(m["lead"] or m["part"]) and word not in WEAK_MONTHS)
    return word not in WEAK_MONTHS


def _alone_on_line(text: str, start: int, end: int) -> bool:
    if start >= 2 and text[start - 1] != "\n" and text[start - 2] not in "\n \t":
        return False  # a word just before (the usual case, checked first)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return not text[line_start:start].strip() and not text[end:len(text) if line_end < 0 else line_end].strip(" \t\r:,.")


_EVENT_NOUN_AFTER = re.compile(rf"\s+(?:{EVENT_NOUN}|date|window|slot)\b", re.I)  # "Gets October Release Date"
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_NAMED_EVENT_AFTER = re.compile(r"(?:\s+[A-Z][\w'’-]*)*?\s+(?:Direct|State\s+of\s+Play|Showcase|showcase|"
                                r"Presentation|presentation|Expo|Event|event|Stream|stream|livestream|broadcast|Live|Forward)\b")
_NAME_AFTER = re.compile(r"['’]s\b|\s+(?:[A-Z][a-z]|said|says|told|tells|wrote|added|asked|who\b)")


def _month_alone_ok(text: str, m: re.Match[str]) -> bool:
    word = m["mon"].rstrip(".").lower()
    if m["lead"] or m["part"] or m["y"]:
        return True
    if _alone_on_line(text, m.start(), m.end()):
        return True  # a heading or a list's label: "May", "Sept." on a line of its own
    if _EVENT_NOUN_AFTER.match(text, m.end()):
        return True  # "eyeing a May release", "its March premiere": the month of an event
    if word in WEAK_MONTHS or "." in m["mon"]:
        return False
    if _THE_BEFORE.search(text, max(0, m.start() - 4), m.start()) and _NAMED_EVENT_AFTER.match(text, m.end()):
        return True  # "during the September State of Play": the month of a named event, not a person
    # "April Ryan", "June said": a person's name, not a month
    return not _NAME_AFTER.match(text, m.end())


_WEEKDAY_LEAD = re.compile(r"(?:\bon|\bby|\btil|\buntil|\bsince|\bthis|\blast|\bnext|\bsaid|\bsays|\bannounced|"
                           r"\breported|\bconfirmed|\bearly|\bearlier|\blate|\blater|\bfrom|\bfor|\bbefore|\bafter|"
                           r"\balmost|\bthrough|,|^|\n|\.|\btheaters|\btheatres|\bcinemas|\beverywhere|\bnationwide|\bworldwide|\bonline|"
                           # news style: "debuted Tuesday", "opens Friday", "returns Sunday", "starting Friday"
                           r"\b(?:debut|releas|premier|drop|arriv|launch|open|reveal|unveil|air|start|wrap|return|stream|land|"
                           r"bow)(?:ed|es|s|d|ing)?|\b(?:dropp|wrapp|shipp)(?:ed|ing)|\bbegan|\bbegins|"
                           r"\b(?:trailer|teaser|footage|clip|video|announcement|reveal)s?|"  # "a new trailer Thursday"
                           # "posted a teaser for the season Monday": the object, then the day ("the series Wednesday" is a name)
                           r"\bshar(?:ed|es)|\b(?:season|episode|finale))\s*$", re.I)
_WEEKDAY_ABBR_LEAD = re.compile(r"(?:\bon|\bby|\buntil|\bthis|\blast|\bnext|^|\n)\s*$", re.I)


# "The Fall Guy", "Summer Game Fest", "Winter Soldier": a capitalised season word that starts a name
_NAME_GOES_ON = re.compile(r"\s+(?!(?:To|In|On|At|For|And|Or|Of|From|With|The|A|An|Is|Will|Was|Next|This|Last|Early|Late|"
                           r"Release|Releases|Premiere|Launch|Debut|Window|Slate|Season|Movies?|Films?|Shows?|Series|"
                           r"Lineup|Schedule|Preview|Box|Break|Blockbusters?|Sale)\b)[A-Z][a-z]")
_SEASON_THING_AFTER = re.compile(r"\s+(?:camps?|jobs?|school|vacations?|holidays?|break|heat|sun|romance|fling|house|"
                                 r"home|olympics|games|solstice|storm|wedding|internship|league|tour|collection|menu|sale)\b",
                                 re.I)
_OWNER_BEFORE = re.compile(r"\b(?:his|her|their|my|your|our)\s+$", re.I)  # "his summer travels"


def _season_ok(text: str, m: re.Match[str]) -> bool:
    if (not m["lead"] or m["lead"].lower() == "the") and not m["y"] and _SEASON_THING_AFTER.match(text, m.end()):
        return False  # "sent away to a summer camp": a thing of the season, not a date
    if m["season"][0].isupper() and not (m["y"] or m["yy"]) and _NAME_GOES_ON.match(text, m.end()):
        return False  # "The Fall Guy", "This Summer Game Fest": a name
    if m["lead"] or m["y"] or m["yy"]:
        return True
    return not _OWNER_BEFORE.search(text, max(0, m.start() - 7), m.start())


def _weekday_ok(text: str, m: re.Match[str]) -> bool:
    """News style: "said Friday", "on Friday", "Friday's vote"; not the "Sunday Times"."""
    if re.match(r"\s+(?:Times|Telegraph|Post|Mirror|Express|Night|Morning|School|Service|Best|Edition|Mail|nights|mornings|"
                r"evenings|afternoons)\b", text[m.end():m.end() + 12]):  # "on Sunday nights": every week, no date
        return False
    return bool(_WEEKDAY_LEAD.search(text[max(0, m.start() - 12): m.start()]))


def _weekday_abbreviation_ok(text: str, m: re.Match[str]) -> bool:
    """ "on Tue", "by Fri.", a "Wed." or "Thu" that opens a line; "Sun", "Sat" and "Mon" also words."""
    word = m["wd"].rstrip(".")
    if not m["wd"].endswith(".") and word in ("Sun", "Sat", "Mon") and not m["lead"]:
        return bool(re.search(r"\bon\s+$", text[max(0, m.start() - 4):m.start()], re.I))
    return bool(m["lead"] or _WEEKDAY_ABBR_LEAD.search(text[max(0, m.start() - 8): m.start()]))


def _resolve_overlaps(hits: list[Hit]) -> list[Hit]:
    """Keep the longest (then most specific) of overlapping matches."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), -h.rank))
    kept: list[Hit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            prev = kept[-1]
            if (hit.end - hit.start, hit.rank) > (prev.end - prev.start, prev.rank) and hit.end > prev.end:
                kept[-1] = hit
            continue
        kept.append(hit)
    return kept


_MAX_TEXT = 20_000_000

# Headlines in Title Case ("Sequel Starts Filming Early Next Year", "Season 2 Arrives This Fall"): the
# relative words of the rules are lower case, so such a line is read a second time in lower case,
# where the lower-case rules hold months and weekdays to their stricter leads. The original reading
# wins wherever the two overlap and it is as long.
_HEADLINE_MAX = 200
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]{3,}")


def _title_case_lines(text: str, within: Sequence[tuple[int, int]] | None) -> Iterator[tuple[int, int]]:
    """(start, end) of the short lines (inside `within`) that end without a full stop and whose longer
    words all but start with a capital."""
    for lo, hi in within if within is not None else [(0, len(text))]:
        start = lo
        while start < hi:
            nl = text.find("\n", start, hi)
            end = hi if nl < 0 else nl
            # a headline ends its line, with no full stop (checked first: most sentences fail here)
            ends_line = (end == len(text) or text[end] == "\n") and end > start and text[end - 1] != "."
            if ends_line and end - start <= _HEADLINE_MAX and _is_title_case(text[start:end]):
                yield start, end
            start = end + 1


def _is_title_case(line: str) -> bool:
    words = _WORD.findall(line)
    return len(words) >= 2 and sum(1 for w in words if w[0].isupper()) >= 0.8 * len(words)


def _folded_hits(text: str, lo: int, hi: int, dct: date) -> list[Hit]:
    folded = text[lo:hi].lower()
    if len(folded) != hi - lo:
        return []
    return [Hit(h.start + lo, h.end + lo, h.range, h.rank - 1) for h in _scan(folded, dct, lowered=folded)]


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
    folded = [hit for lo, hi in _title_case_lines(text, within) for hit in _folded_hits(text, lo, hi, dct)]
    if folded:
        hits = _resolve_overlaps(hits + folded)
    if combine:
        hits = _combine(text, hits, dct)
    return [Timex(h.start, h.end, text[h.start:h.end], h.range) for h in hits]
