"""Article text + tracked titles + publication date -> dated claims.

Pure: the publication date is the only "now". The text is scanned once for dates, once for
title mentions and once for sentences; each sentence then pairs its event cues with its
dates by distance, and gives each pair the title mentioned nearest to it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import NamedTuple

from ..models import Claim, DateRange, Timex, Title
from . import attribution as at
from . import events as ev
from . import notclaims as nc
from . import readings as rd
from .fastre import Folded
from .implied import season_number
from .sentences import Sentence, split_sentences
from .timex import date_triggers, find_timexes, in_year
from .timex_lexicon import EVENT_NOUN_LEAD, EVENT_NOUN_WORD
from .titles import (
    Mention,
    find_mentions,
    has_context,
    main_title,
    tracked_mentions,
)
from .years import years_from_before, years_from_earlier, years_lent

EXTRACTOR_VERSION = "2026.12.48"  # bump when extraction output changes: `reextract` keys on it

MAX_TEXT = 2_000_000  # characters; beyond this a "text" is not an article
MAX_DISTANCE = 90  # characters between an event cue and its date
_BEFORE_PREV = re.compile(r"\b(?:from|back|up)\s+(?:its\s+(?:(?:previous|original|earlier|old|former|scheduled|planned|current)\s+)?"
                          r"(?:release\s+)?(?:date\s+(?:of\s+)?|slot\s+(?:of\s+)?)?)?$")  # run on lower-cased text
_BETWEEN_MOVE = re.compile(r"^,?\s*(?:to|until|till|into)\s+(?:[\w'’-]+\s+){0,5}?(?:(?:release|slot|date)\s+)?"
                           r"(?:that\s+year,?\s+)?(?:on\s+|in\s+|for\s+)?$", re.I)
_AFTER_NEW = re.compile(r"^\s*,?\s*(?:from|after|instead\s+of|replacing)\s+(?:its\s+(?:previous|original|earlier|old|"
                        r"former)\s+(?:date\s+(?:of\s+)?|slot\s+(?:of\s+)?)?)?$", re.I)


# "no longer launches in 2023", "was previously dated for ...": a date that is not (or no longer) the claim
_NOT_A_CLAIM = Folded.words(r"no\s+longer|(?:previously|originally|formerly|initially|once)\s+"
                            r"(?:dated|set|slated|scheduled|planned|expected|due|reported|rumou?red|intended|supposed)", r"\b")
_NOT_A_CLAIM_WORDS = ("longer", "previously", "originally", "formerly", "initially", "once")


class _Pair(NamedTuple):
    cue: ev.Cue
    timex: Timex
    previous: Timex | None = None


def extract_claims(text: str, titles: Sequence[Title], published: date, *, headline: str = "") -> list[Claim]:
    """Every dated claim about the tracked `titles` in an article published on `published`."""
    text = (text or "")[:MAX_TEXT]
    headline = (headline or "")[:1000]
    if not titles or not (text.strip() or headline.strip()):
        return []
    whole = f"{headline}\n{text}"
    active = [t for t in titles if has_context(t, whole)]
    if not active:
        return []
    lowered = text.lower()  # once: the scans below all read it
    tracked = tracked_mentions(text, active, lowered=lowered)
    main = main_title(text, headline, active, tracked=tracked)
    claims: list[Claim] = []
    if headline.strip() and headline.strip() not in text[: len(headline) + 200] and not _LIST_HEADLINE.search(headline):
        claims += _claims_in(headline, titles, active, main, published, in_headline=True)
    claims += _claims_in(text, titles, active, main, published, in_headline=False, tracked=tracked, lowered=lowered)
    series = {t.name for t in active if t.kind == "series"}
    claims = [rd.premiere_as_release(c, c.title in series) for c in claims]
    seasons = {t.name: n for t in active if (n := season_number(t))}
    if seasons:
        claims = [c for c in claims if c.title not in seasons or not rd.earlier_run(c, seasons[c.title])]
    films = frozenset(t.name for t in active if t.kind == "film")
    return _dedupe(rd.not_yet_out(rd.moved_from_elsewhere(claims), published, films))


# "The Action Movies Coming in 2024", "Every Game Releasing This Fall", "Best New Shows of 2025": a
# headline over a list dates the list, not one title that the article names. (A plural noun alone
# is not enough: "The Witcher series returns June 5" is about one title.)
_LIST_NOUNS = r"(?:movies|films|games|shows|releases|sequels|blockbusters|premieres|trailers)"
_LIST_HEADLINE = re.compile(rf"\b(?:every|all|best|biggest|top|new|upcoming|most|\d+)\s+(?:[\w'’-]+\s+){{0,2}}?"
                            rf"{_LIST_NOUNS}\b|\b{_LIST_NOUNS}\s+(?:coming|arriving|releasing|out|to\s+(?:watch|"
                            r"play|see|expect|look))\b", re.I)


def _claims_in(text: str, titles: Sequence[Title], active: Sequence[Title], main: str | None, published: date,
               *, in_headline: bool, tracked: list[Mention] | None = None, lowered: str | None = None,
               ) -> list[Claim]:
    sentences = split_sentences(text)
    # Dates matter only where an event could be named: skip the rest of the text (most of it).
    lowered = text.lower() if lowered is None else lowered
    triggers = date_triggers(text, lowered)  # one pass over the text, then only its sentences with a date word
    starts = [start for start, _, _ in triggers]
    # "next month's Venom" holds no cue word: a date word in the possessive stands for one
    possessive = [start for start, end, _ in triggers if text.startswith(("'s ", "’s "), end)]
    candidates = [(s.start, s.end) for s in sentences
                  if bisect.bisect_left(starts, s.start) < bisect.bisect_left(starts, s.end)
                  and (ev.CUE_HINT.occurs(text, lowered, s.start, s.end)
                       or bisect.bisect_left(possessive, s.start) < bisect.bisect_left(possessive, s.end)
                       or at.may_be_dated_item(s))]
    timexes = [t for t in find_timexes(text, published, within=candidates, triggers=triggers, lowered=lowered)
               if not nc.is_dateline(text, t)]
    timexes = rd.name_years(text, rd.show_years(text, rd.outside_names(timexes, tracked or [])), tracked or [])
    timexes = years_from_earlier(text, timexes, published)
    negations = ev.find_negations(text, lowered)
    if not timexes and not negations:
        return []
    dated = list(_dated_sentences(sentences, timexes, negations))
    # Other works matter only in a dated sentence and just before it (the topic reaches 250
    # characters back): they are looked for there only (speed only; tracked names everywhere).
    windows = [(max(0, sent.start - _OTHER_WORK_REACH), sent.end) for sent, _, _ in dated]
    mentions = find_mentions(text, titles, active, tracked=tracked, lowered=lowered, within=windows)
    m_starts = [m.start for m in mentions]
    tracked_at = [i for i, m in enumerate(mentions) if m.title is not None]  # for at.topic, by bisection
    moved = _Once(lambda: ev.MOVE.search(text, lowered) is not None)  # asked of few sentences
    series = frozenset(t.name for t in active if t.kind == "series")
    out: list[Claim] = []
    for sent, s_timex, s_negs in dated:
        first, last = bisect.bisect_left(m_starts, sent.start), bisect.bisect_left(m_starts, sent.end)
        # The title the discourse is about: the last one named before ("The film opened..." follows it);
        # "the first film" or "season 1" is a passing reference, not a new subject.
        topic = at.season_topic(text, sent.start, sent.end, at.topic(text, sent.start, mentions, first, tracked_at, main),
                                main, series)
        out += _sentence_claims(sent, s_timex, mentions[first:last], s_negs, topic, published, in_headline,
                                moved=moved)
    return out


_OTHER_WORK_REACH = 400  # > the topic's 250 characters plus the longest other-work name


class _Once:
    """A value computed on first call, then kept: an article-wide test that few sentences need."""

    __slots__ = ("_compute", "_value")

    def __init__(self, compute: Callable[[], bool]) -> None:
        self._compute = compute
        self._value: bool | None = None

    def __call__(self) -> bool:
        if self._value is None:
            self._value = self._compute()
        return self._value


def _dated_sentences(sentences: list[Sentence], timexes: list[Timex], negations: list[re.Match[str]],
                     ) -> Iterator[tuple[Sentence, list[Timex], list[re.Match[str]]]]:
    """The sentences that hold a date or a negation, each with those it holds."""
    starts = [s.start for s in sentences]
    by_sentence: dict[int, tuple[list[Timex], list[re.Match[str]]]] = {}
    for tx in timexes:
        i = bisect.bisect_right(starts, tx.start) - 1
        if i >= 0 and tx.start < sentences[i].end:
            by_sentence.setdefault(i, ([], []))[0].append(tx)
    for neg in negations:
        i = bisect.bisect_right(starts, neg.start()) - 1
        if i >= 0 and neg.start() < sentences[i].end:
            by_sentence.setdefault(i, ([], []))[1].append(neg)
    for i in sorted(by_sentence):
        yield sentences[i], *by_sentence[i]


def _sentence_claims(sent: Sentence, timexes: list[Timex], mentions: list[Mention], negations: list[re.Match[str]],
                     main: str | None, published: date, in_headline: bool, *, moved: _Once | None = None,
                     ) -> list[Claim]:
    """`moved()`: whether the article reports a move, so that "was set for June 7" is the old date."""
    s = sent.text
    local = [Timex(t.start - sent.start, t.end - sent.start, t.text, t.range) for t in timexes]
    local = _drop_refined(s, local)
    local = _list_under_header(s, local)
    local = years_from_before(s, local, published)
    lent = years_lent(local)
    lowered = s.lower()
    reporting = any(word in lowered for word in nc.REPORTING_WORDS)  # cheap tests before the patterns
    not_a_claim = any(word in lowered for word in _NOT_A_CLAIM_WORDS)
    neg_spans = [(n.start() - sent.start, n.end() - sent.start) for n in negations]
    cues = [c for c in ev.event_cues(s, lowered) if not any(a <= c.start < b for a, b in neg_spans)]
    shown = any(c.event in ("trailer", "premiere") for c in cues)
    mentions = [Mention(m.title, m.start - sent.start, m.end - sent.start, m.text) for m in mentions]
    # a cue that starts on a name's last word is the name's ("Marlow's Keep on Wednesday" holds no
    # "keep on"), unless that word is the kind the name refers by ("the second season of X begins")
    cues = [c for c in cues if not any(at.cue_in_name(m, c.start) for m in mentions)]
    if not cues and (item := at.dated_item_cue(s, local, mentions)):
        cues = [item]
    local = [t for t in local
             if not (reporting and t.range.latest is not None and t.range.latest <= published
                     and nc.told_on(s, lowered, t, shown))
             and nc.now_is_a_date(s, t)
             and not nc.is_reporting_day(s, t, published, shown=shown)]
    owned = rd.possessive_dates(s, local, mentions)  # "this month's Venom": that work's release, by the possessive
    if not cues and not neg_spans and len(local) < 2 and not owned:
        return []  # nothing to pair: no cue, no negation, no second date for a move
    cited = ev.cited_outlet(s)
    thing = nc.dates_a_thing(s)  # "This DLC ... comes out in May": the add-on's dates, all of them
    out: list[Claim] = []
    for a, b in neg_spans:
        title = at.title_for(s, a, b, mentions, main)
        if title:
            out.append(_negated_claim(sent, title, a, b, published, cited, in_headline))
    old = {i for i, t in enumerate(local) if nc.named_as_old(s, t) or nc.missed_or_doubted(s, t) or nc.was_scheduled(s, t, moved)}
    old |= rd.told_as_old(s, lowered, local, moved or (lambda: False))
    pairs = _pair(s, lowered, cues, local, old=old | set(owned))
    pairs += [_Pair(ev.Cue("release", local[i].end, local[i].end + 2), local[i]) for i in owned if i not in old]
    for pair in pairs:
        if pair.cue.event == "release" and (nc.shown_at_gathering(s, pair.timex) or rd.trailer_is_subject(s, pair.cue.start)
                                            or ev.trailer_is_object(s, pair.cue)):
            pair = pair._replace(cue=pair.cue._replace(event="trailer"))  # "revealed the release date during this week's State of Play"
        elif pair.cue.event == "premiere" and ev.premiere_is_opening(s, pair.cue, pair.timex.start, pair.timex.end):
            pair = pair._replace(cue=pair.cue._replace(event="release"))
        finale = nc.ends_a_run(s, pair.timex)  # "weekly until the finale on July 18": the finale's day
        if nc.is_stale(pair.cue.event, pair.timex.range, published) or rd.stale_trailer(pair.cue.event, pair.timex, published) or \
                (pair.cue.event not in ("trailer", "premiere") and nc.names_a_gathering(s, pair.timex)) or \
                nc.is_box_office_figure(s, pair.cue.start, pair.cue.end, pair.timex) or \
                nc.is_duration(s, pair.timex) or \
                (pair.cue.event not in ("trailer", "production_end") and rd.announcing_day(s, pair.timex, published)) or \
                rd.dates_the_news(s, pair.cue.start, pair.cue.end, pair.timex) or rd.season_as_story(s, pair.timex) or \
                rd.dates_many_works(s, pair.timex) or nc.dates_a_strike(s, pair.timex) or \
                (pair.cue.event != "trailer" and rd.opens_with_news_time(s, pair.timex)) or \
                (pair.cue.event == "release" and not finale and nc.dates_an_episode(s, pair.cue.end, pair.timex)) or \
                (thing and pair.cue.event in ("release", "trailer", "premiere")) or \
                (pair.cue.event in ("release", "trailer") and nc.shows_an_image(s, pair.cue.start, pair.cue.end)):
            continue
        if finale and pair.cue.event != "release":
            continue
        reading = nc.until_reading(s, pair.timex)
        if finale and reading is not None:
            reading = "at"  # "weekly until Wednesday, October 2": that day, not a span from now
        if reading is not None:
            until = rd.until_date(pair.timex, reading, published)
            if until is None:
                continue  # "off the tour until March 3": a span from now, no event's date
            pair = pair._replace(timex=until)
        elif pair.cue.start < pair.timex.start:
            pair = pair._replace(timex=rd.not_in_period(s, pair.cue.start, pair.timex))
        lo = min(pair.cue.start, pair.timex.start)
        hi = max(pair.cue.end, pair.timex.end)
        owner = next((m for i, m in owned.items() if local[i] is pair.timex), None)
        if owner is not None:
            if owner.title is None:
                continue  # "2016's Zootopia": the date of another work
            title = owner.title
        else:
            told, title = at.respective_owner(s, pair.timex, local, mentions)
            if not told:
                title = at.list_item_title(s, pair.timex, mentions) or at.title_for(s, lo, hi, mentions, main)
        if title is None:
            continue
        c_start, c_end = _clause_bounds(s, lo, hi)
        clause = s[c_start:c_end]
        q_lo, q_hi = _qualifier_bounds(s, pair, pairs, max(c_start, lo - 25), min(c_end, hi + 25))
        if not_a_claim and _no_longer_the_date(s, c_start, clause, pair.timex):
            continue
        if not rd.BARE_WEEKDAY.fullmatch(pair.timex.text) and (pair.timex.start, pair.timex.end) not in lent:
            pair = pair._replace(timex=nc.scheduled_ahead(clause, pair.timex, published))  # a week's day: this week's
        pair = pair._replace(timex=rd.just_gone(s, pair.timex, published))
        if pair.cue.event == "release" and rd.opens_a_festival(s, lowered, pair.cue.start, pair.cue.end):
            pair = pair._replace(cue=pair.cue._replace(event="premiere"))
        others = [(c.start, c.end) for c in cues if c.event != pair.cue.event]
        # a possessive date ("next month's Venom") states its date as fact, whatever the sentence asks
        said = _blank(clause, c_start, others) if owner is None else pair.timex.text
        # a hedge governs the words near it: "it feels likely that X ..., and Y is slated for 2025" states Y's date
        near = (max(0, lo - c_start - _HEDGE_REACH), hi - c_start + 30) if owner is None else (0, len(said))
        certainty = _certainty(said, s, lowered, cited, near, (lo, hi))
        qualifier = "finale" if finale else ev.qualifier_of(s[q_lo:q_hi])
        if qualifier is None and pair.cue.event == "release":  # "Part 2 lands ...": near the date, or anywhere in a one-date clause
            qualifier = ev.part_of(s[q_lo:q_hi] if len(local) > 1 else clause)
        span = rd.shooting_span(s[pair.cue.start:pair.cue.end], pair.timex, published) \
            if pair.cue.event == "production_start" else None
        if span is not None:  # "filmed from November to April": the start, and the wrap
            tx = pair.timex
            out.append(_claim(sent, title, pair._replace(timex=Timex(tx.start, tx.end, tx.text, span[0])), certainty, cited,
                              qualifier, published, in_headline))
            pair = _Pair(pair.cue._replace(event="production_end"), Timex(tx.start, tx.end, tx.text, span[1]))
        out.append(_claim(sent, title, pair, certainty, cited, qualifier, published, in_headline))
    return rd.drop_wider(out) if len(out) > 1 else out


def _qualifier_bounds(s: str, pair: _Pair, pairs: list[_Pair], lo: int, hi: int) -> tuple[int, int]:
    """Where "on Netflix" or "in the UK" may stand for this date: near it, and not past an "and"
    that leads to another date ("June 6 in the US and June 12 in the UK")."""
    tx = pair.timex
    for other in pairs:
        o = other.timex
        if o.end <= tx.start:
            for before in _AND.finditer(s, o.end, tx.start):
                lo = max(lo, before.end())
        elif o.start >= tx.end:
            after = _AND.search(s, tx.end, o.start)
            if after:
                hi = min(hi, after.start())
    return lo, hi


def _no_longer_the_date(s: str, c_start: int, clause: str, tx: Timex) -> bool:
    """"was originally set for June 7": not the claim, unless the sentence moves on ("..., now opens
    January 17") between that phrase and the date."""
    m = _NOT_A_CLAIM.search(clause, clause.lower())
    if m is None or c_start + m.start() > tx.start:
        return False  # "... on May 8 instead of the previously announced ...": the phrase is another date's
    return not _NOW_GAP.search(s, c_start + m.end(), max(c_start + m.end(), tx.start))


_AND_THEN = re.compile(r"\band\s+(?:was|is|were|are|will|has|had|have|then)\b")
_DATE_OF_NOUN = re.compile(rf"\s+{EVENT_NOUN_LEAD}(?={EVENT_NOUN_WORD})", re.I)
_AT_GATHERING = re.compile(r"(?:a(?<!\w.)t|d(?<!\w.)uring)\s+(?:the\s+)?[A-Z][\w'’&-]*(?:\s+[A-Z0-9][\w'’&-]*){0,4}"
                           r"\s+(?:(?:in|on|this|next)\s+)?$")

_REFINING_GAP = re.compile(r"\s*[(,—–-]\s*(?:on\s+)?|(?:\s+release)?(?:\s+that\s+year)?,?\s+on\s+")
_PAREN_GAP = re.compile(r"\s*\(\s*")


def _drop_refined(s: str, timexes: list[Timex]) -> list[Timex]:
    """"this upcoming week (Nov. 13th)", "Thanksgiving, November 26, 2026": a date right after
    another that tells the same day more precisely, or with its year, replaces it."""
    drop: set[int] = set()
    for i in range(len(timexes) - 1):
        a, b = timexes[i], timexes[i + 1]
        same = (a.range.earliest, a.range.latest) == (b.range.earliest, b.range.latest)  # "tomorrow, January 23"
        if _REFINING_GAP.fullmatch(s, a.end, b.start) and (same or _within(b.range, a.range) or _year_given(a, b)):
            drop.add(i)
        elif _PAREN_GAP.fullmatch(s, a.end, b.start) and b.range.granularity == "day" and a.range.granularity in ("day", "open"):
            drop.add(i)  # "tonight (February 11)": the day in parentheses says which day
    return [t for i, t in enumerate(timexes) if i not in drop]


def _year_given(a: Timex, b: Timex) -> bool:
    """`b` is `a` with its year: "Thanksgiving" then "November 26, 2026"."""
    if _HAS_YEAR.search(a.text) or not _HAS_YEAR.search(b.text):
        return False
    dated = in_year(a.range, b.range.earliest.year)
    return dated is not None and (dated == b.range or _within(b.range, dated))


def _parenthesised(s: str, tx: Timex) -> bool:
    """"Mercy Street (March 6)": the date stands alone in parentheses."""
    return s[max(0, tx.start - 2):tx.start].rstrip().endswith("(") and s[tx.end:tx.end + 1] == ")"


_HEADER_END = re.compile(r"\s*:")
_HAS_YEAR = re.compile(r"\b\d{4}\b|'\d\d\b")


def _list_under_header(s: str, timexes: list[Timex]) -> list[Timex]:
    """"Coming in 2026: Mercy Street (March 6), Avatar 3 (December 18)": the header's year is the
    items' year, and the header itself is no one title's date."""
    if len(timexes) < 2 or not _HEADER_END.match(s, timexes[0].end):
        return timexes
    header, items = timexes[0], timexes[1:]
    listed = [t for t in items if _parenthesised(s, t)]
    if not listed:
        return timexes
    year = header.range.earliest.year
    same_year = header.range.latest is not None and header.range.latest.year == year
    out = []
    for t in items:
        moved = in_year(t.range, year) if same_year and t in listed and not _HAS_YEAR.search(t.text) else None
        out.append(Timex(t.start, t.end, t.text, moved) if moved else t)
    return out


def _within(inner: DateRange, outer: DateRange) -> bool:
    if inner == outer:
        return False
    outer_end = outer.latest or date.max
    inner_end = inner.latest or date.max
    return outer.earliest <= inner.earliest and inner_end <= outer_end


def _pair(s: str, lowered: str, cues: list[ev.Cue], timexes: list[Timex], *, old: set[int] | None = None,
          ) -> list[_Pair]:
    """Pair each event cue with its nearest date (moves take two), greedily by distance. The dates
    in `old` are named as superseded: they can be a move's previous date, never a claim's."""
    pairs: list[_Pair] = []
    old = old or set()
    used_t: set[int] = set()
    used_c: set[int] = set()
    for prev_i, new_i in _moves(s, lowered, timexes):
        cue_i = _nearest_cue(s, cues, timexes[new_i], prefer="release")
        if cue_i is None:  # "Lionsgate has moved Ballerina from X to Y": the move itself is the cue
            move = ev.MOVE.search(s, lowered)
            cue = ev.Cue("release", move.start(), move.end()) if move else ev.Cue("release", 0, 0)
        else:
            cue = cues[cue_i]
            used_c.add(cue_i)
        pairs.append(_Pair(cue, timexes[new_i], timexes[prev_i]))
        used_t |= {prev_i, new_i}
    used_t |= old
    options = []
    for ci, cue in enumerate(cues):
        for ti, tx in enumerate(timexes):
            lo, hi = (cue.end, tx.start) if cue.end <= tx.start else (tx.end, cue.start)
            distance = max(0, hi - lo) + at.gap_penalty(s, min(lo, hi), max(lo, hi))
            if distance > MAX_DISTANCE and cue.end <= tx.start and hi - lo < 3 * MAX_DISTANCE and \
                    (run := ev.PLATFORM_RUN.match(s, lo)) and run.end() == hi:
                distance = 10  # only platforms stand between: "out on Switch, PC (Steam) and consoles on May 4"
            if tx.start < cue.start and (noun := _DATE_OF_NOUN.match(s, tx.end)) and noun.end() == cue.start:
                distance -= 10  # "its May 2022 release", "a June 6 premiere": the noun's own date
            elif tx.start < cue.start:
                distance += 5  # dates usually follow their cue
                if "," in s[tx.end:cue.start] or _AND_THEN.search(s, tx.end, cue.start):
                    distance += 25  # "in June, we released X in October", "in June and was set for": June's clause ends
            if cue.start <= tx.start and tx.end <= cue.end and not (cue.event == "production_end" and tx.range.value == "PRESENT_REF"):
                continue  # "filming is now expected": a date inside the cue phrase is part of it ("has now wrapped" dates it)
            if cue.event not in ("premiere", "trailer") and _AT_GATHERING.search(s, max(0, tx.start - 60), tx.start):
                continue  # "news of its release date at CinemaCon in April": April is CinemaCon's
            if tx.range.value == "PRESENT_REF" and (cue.event == "premiere"
                                                    or distance > (20 if cue.event == "trailer" else 12)):
                continue  # "now" dates only an event said to be out, shown or done now ("filming has now been completed")
            if distance <= MAX_DISTANCE:
                options.append((distance, ci, ti))
    options = _narrower_first(options, timexes, used_t)
    for _, ci, ti in sorted(options):
        if ci in used_c or ti in used_t:
            continue
        used_c.add(ci)
        used_t.add(ti)
        pairs.append(_Pair(cues[ci], timexes[ti]))
    # Lists: "Coming in 2026: Mercy Street (March 6), Avatar 3 (December 18)": each item shares the cue.
    for ti, tx in enumerate(timexes):
        if ti not in used_t and cues and _parenthesised(s, tx):
            cue = min(cues, key=lambda c: abs(c.start - tx.start))
            pairs.append(_Pair(cue, tx))
            used_t.add(ti)
    # Conjoined: "on digital on April 2 and on Blu-ray on May 7", "June 6 in the US and June 12 in the
    # UK": a date joined by "and" to a paired one, with no cue of its own between, shares that cue.
    for ti, tx in enumerate(timexes):
        if ti in used_t:
            continue
        before = sorted((p for p in pairs if p.timex.end <= tx.start and p.previous is None), key=lambda p: p.timex.start)
        if not before:
            continue
        lead = before[-1]
        gap = s[lead.timex.end:tx.start]
        if _CONJOINED.fullmatch(gap) and not any(lead.timex.end <= c.start < tx.start for c in cues):
            pairs.append(_Pair(lead.cue, tx))
            used_t.add(ti)
    return sorted(pairs, key=lambda p: p.timex.start)


def _narrower_first(options: list[tuple[int, int, int]], timexes: list[Timex], used: set[int]) -> list[tuple[int, int, int]]:
    """"X arrives this holiday season, on December 18": when a cue could take either of
    two dates and one lies within the other, the narrower one is its date."""
    by_cue: dict[int, list[int]] = {}
    for _, ci, ti in options:
        by_cue.setdefault(ci, []).append(ti)
    out = []
    for distance, ci, ti in options:
        r = timexes[ti].range
        if r.latest is not None and any(
                tj != ti and tj not in used and _within(timexes[tj].range, r) and timexes[tj].range != r
                for tj in by_cue[ci]):
            distance += MAX_DISTANCE
        out.append((distance, ci, ti))
    return out


# The gap between two such dates: at most a place or platform on either side of the "and".
_WHERE = r"(?:in|on)\s+(?:the\s+)?[\w.+-]+(?:\s+[\w.+-]+)?"
# ... or the next part of a season between them: "on May 7, then part two on June 3",
# "Volume 2 on April 16, and Volume 3 on April 23"
_NEXT_PART = r"(?:the\s+)?[\"“]?(?:part|volume|vol\.|act)\s+(?:\d+|one|two|three|four|i{1,3}|iv)[\"”]?"
_CONJOINED = re.compile(rf"(?:,?\s+{_WHERE})?,?\s+and\s+(?:{_WHERE}\s+)?(?:on\s+|in\s+)?|"
                        rf",?\s+(?:and\s+|then\s+|followed\s+by\s+|with\s+)?{_NEXT_PART}\s+(?:on\s+|in\s+)?", re.I)
_AND = re.compile(r"[aA](?<!\w.)[nN][dD]\b")  # "\band\b", any case


def _moves(s: str, lowered: str, timexes: list[Timex]) -> list[tuple[int, int]]:
    """(previous, new) index pairs: "from June 7, 2024 to June 6, 2025", "to June 6, 2025 from June 7, 2024"."""
    if len(timexes) < 2:
        return []
    if not ev.MOVE.search(s, lowered) and not _NOT_A_CLAIM.search(s, lowered):
        return []
    found = []
    for i in range(len(timexes) - 1):
        a, b = timexes[i], timexes[i + 1]
        gap = s[a.end:b.start]
        if _BETWEEN_MOVE.match(gap) and _BEFORE_PREV.search(s[max(0, a.start - 40):a.start].lower()):
            found.append((i, i + 1))
        elif _AFTER_NEW.match(gap):
            found.append((i + 1, i))
        elif _WAS_SET.search(s[max(0, a.start - 45):a.start].lower()):
            # "originally set for Christmas Day, now opens January 17" ("now" is itself a timex)
            j = i + 2 if b.range.value == "PRESENT_REF" and i + 2 < len(timexes) else i + 1
            if _NOW_GAP.search(s[a.end:timexes[j].start]):
                found.append((i, j))
    return found


# "originally set for Christmas Day, now ...", "no longer coming in 2025; Take-Two now says ..."
_WAS_SET = re.compile(r"\b(?:(?:originally|previously|initially|formerly)\s+(?:dated|set|slated|scheduled|planned|due)"
                      r"\s+(?:for|to|on)\s+(?:a|an|the|its)?|no\s+longer\s+(?:[\w-]+\s+){0,2}?(?:in|on|for|by)\s+"
                      r"(?:the\s+)?)\s*$")  # run on lower-cased text
# "..., now opens January 17", "..., Sony has pushed it back to August": the sentence moves on to the new date
_NOW_GAP = re.compile(r"[,;]\s+(?:and\s+)?(?:[\w'’-]+\s+){0,2}?(?:(?:it\s+|is\s+|will\s+)?now|instead)\b|"
                      r"[,;]\s+[^.;]{0,40}?\b(?:has|have)\s+(?:now\s+|since\s+)?(?:pushed|moved|delayed|shifted|postponed|bumped|"
                      r"rescheduled)\b", re.I)


def _nearest_cue(s: str, cues: list[ev.Cue], tx: Timex, *, prefer: str) -> int | None:
    best: tuple[int, int] | None = None
    for i, cue in enumerate(cues):
        distance = abs(cue.start - tx.start) - (40 if cue.event == prefer else 0)
        lo, hi = (cue.end, tx.start) if cue.end <= tx.start else (tx.end, cue.start)
        if at.CLAUSE_BREAK.search(s, lo, hi):
            distance += 60  # "moved X from May 8 to June 12, while Y stays on March 6": not across the break
        if best is None or distance < best[0]:
            best = (distance, i)
    return best[1] if best else None


def _clause_bounds(s: str, lo: int, hi: int) -> tuple[int, int]:
    start = 0
    for m in at.CLAUSE_BREAK.finditer(s, 0, lo):
        start = m.end()
    m2 = at.CLAUSE_BREAK.search(s, hi)
    return start, (m2.start() if m2 else len(s))


def _blank(clause: str, start: int, spans: list[tuple[int, int]]) -> str:
    """The clause (starting at `start` in its sentence) with other events' cue phrases blanked out: in
    "wrapped Ballerina in January, and ... ahead of its summer 2025 release", "wrapped" makes the wrap
    official, not the release."""
    for a, b in spans:
        a, b = max(a, start) - start, min(b, start + len(clause)) - start
        if a < b:
            clause = clause[:a] + " " * (b - a) + clause[b:]
    return clause


_HEDGE_REACH = 55  # characters before the cue or date within which a hedge makes the claim speculative


def _around(sentence: str, lowered: str, span: tuple[int, int]) -> tuple[str, str]:
    """The stretch of a sentence whose attribution ("X reports", "sources say") a claim takes."""
    lo, hi = max(0, span[0] - _ATTRIBUTION_BEFORE), span[1] + _ATTRIBUTION_AFTER
    return sentence[lo:hi], lowered[lo:hi]


_ATTRIBUTION_BEFORE, _ATTRIBUTION_AFTER = 150, 60


def _certainty(clause: str, sentence: str, lowered: str, cited: str | None, near: tuple[int, int],
               near_sentence: tuple[int, int]) -> str:
    """`near`: the stretch of the clause a hedge must stand in; `near_sentence`: the claim's span in the sentence."""
    if ev.is_speculative(clause, *near):
        return "speculative"
    if cited and not ev.said_by_studio(sentence):
        return "reported"  # "According to Variety, Universal has moved it to May": the outlet's word for it
    if ev.is_official(clause) and not re.search(r"\b(?:it|that)\s+was\s+announced\b", clause, re.I):
        return "official"
    if ev.is_reported(*_around(sentence, lowered, near_sentence)) and not ev.said_by_studio(sentence):
        return "reported"
    # A plain, unhedged statement of the date as fact: news relays the announced date.
    return "official"


def _claim(sent: Sentence, title: str, pair: _Pair, certainty: str, cited: str | None, qualifier: str | None,
           published: date, in_headline: bool) -> Claim:
    tx = pair.timex
    return Claim(
        title=title, event=pair.cue.event, range=tx.range, certainty=certainty, sentence=sent.text,
        sentence_start=sent.start, sentence_end=sent.end,
        time_start=sent.start + tx.start, time_end=sent.start + tx.end, time_text=tx.text,
        cited=cited, previous=pair.previous.range if pair.previous else None, qualifier=qualifier,
        published=published, extractor_version=EXTRACTOR_VERSION, in_headline=in_headline,
    )


def _negated_claim(sent: Sentence, title: str, a: int, b: int, published: date, cited: str | None,
                   in_headline: bool) -> Claim:
    phrase = sent.text[a:b]
    # "not known when filming will begin": the event may follow the phrase, within its clause
    after = re.split(r"[,;.:]", sent.text[b:b + 40], maxsplit=1)[0]
    event = ("trailer" if re.search(r"trailer|teaser|footage", phrase, re.I) else
             "release" if re.search(r"releas|premier|launch|debut|\bout\b|arriv", phrase, re.I) else
             "production_start" if re.search(r"film|shoot|production|photography", phrase, re.I)
             or re.search(r"\b(?:filming|shooting|production|photography)\b", after, re.I) else "release")
    return Claim(
        title=title, event=event, range=DateRange(published, None, "open", "", "no date"), certainty="negated",
        sentence=sent.text, sentence_start=sent.start, sentence_end=sent.end,
        time_start=sent.start + a, time_end=sent.start + b, time_text=phrase, cited=cited,
        published=published, extractor_version=EXTRACTOR_VERSION, in_headline=in_headline,
    )


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for c in claims:
        key = (c.title, c.event, c.range.earliest, c.range.latest, c.certainty, c.sentence)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
