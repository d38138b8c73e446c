"""How a dated phrase reads, beyond its cue: a date in the possessive ("next year's Venom"), "until
X", the day of an announcement, a season's premiere, a show's first run. Pure, like the rest of
extraction: the publication date is the only "now".
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable
from datetime import date, timedelta

from ..models import Claim, DateRange, Timex
from .events import names
from .fastre import first_letter_groups
from .implied import names_season
from .timex import find_timexes
from .timex_ranges import dr, in_year
from .titles import Mention
from .years import HAS_YEAR


def earlier_run(claim: Claim, season: int) -> bool:
    """"The Bear premiered in June 2022", in news of its third season: the show's first run, not
    this season's date (which the sentence would give by its number)."""
    latest = claim.range.latest
    return (claim.event in ("release", "premiere") and latest is not None and claim.published is not None
            and latest < claim.published - timedelta(days=EARLIER_RUN_DAYS) and not names_season(claim.sentence, season))


EARLIER_RUN_DAYS = 180


# A season "premieres" on its platform: that is its release. A festival screening stays a premiere.
_FESTIVAL = re.compile(rf"festival|\bfest\b|world\s+premiere|red[- ]carpet|gala|screening|comic-con|{names('festivals')}",
                       re.I)


# A film's or game's "premiere in theaters", "premieres on July 25", "its scheduled fall premiere": its
# release. (A premiere in a city or at a theatre, without those words, stays a premiere.)
_RELEASE_PREMIERE = re.compile(r"premier(?:e|es|ed|ing)\s+(?:in\s+(?:theaters|theatres|cinemas)|on\s+(?:\w+\s+)?\d|nationwide|wide|"
                               r"theatrically|worldwide)|(?:theatrical|scheduled|planned)\s+(?:[\w-]+\s+)?premiere|"
                               r"premiere\s+date", re.I)


def premiere_as_release(claim: Claim, series: bool) -> Claim:
    """A season's premiere on its platform is its release; a film's premiere in theaters too."""
    if claim.event != "premiere" or _FESTIVAL.search(claim.sentence):
        return claim
    if series or _RELEASE_PREMIERE.search(claim.sentence):
        return dataclasses.replace(claim, event="release")
    return claim


# "X opened the Venice festival this year", "the festival starts by debuting X on Wednesday": a
# film that opens or debuts at a festival premieres there (its release is another date).
_OPENING_VERB = re.compile(r"open|debut|screen")
_FESTIVAL_NEAR = re.compile(rf"[^.;,]{{0,50}}?(?:\bfestival\b|\bfest\b|{names('festivals')})", re.I)
_FESTIVAL_BEFORE = re.compile(rf"(?:\bfestival\b|\bfest\b|{names('festivals')})(?:(?!\b(?:and|but|while|ahead|before|after)\b)[^.;]){{0,50}}$",
                              re.I)
_THEATRICAL = re.compile(r"\b(?:theat(?:er|re)s?|theatrical|cinemas|nationwide|wide|worldwide|domestic|box\s+office)\b", re.I)


def opens_a_festival(s: str, lowered: str, cue_start: int, cue_end: int) -> bool:
    """A release cue ("opened", "debuting") whose place is a film festival: a premiere."""
    if not _OPENING_VERB.match(lowered, cue_start) or "fest" not in lowered and not _FESTIVAL.search(s):
        return False
    near = _FESTIVAL_NEAR.match(s, cue_end) or _FESTIVAL_BEFORE.search(s, max(0, cue_start - 60), cue_start)
    return near is not None and not _THEATRICAL.search(s, max(0, cue_start - 60), min(len(s), cue_end + 60))


BARE_WEEKDAY = re.compile(r"(?:on\s+)?(?:last\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.I)
_ANNOUNCING = re.compile(r"\b(?:announced|revealed|confirmed|unveiled|shared|said|saying|reported|posted|stated|tweeted)\b")


def announcing_day(s: str, tx: Timex, published: date) -> bool:
    """"the studio gave out dates for four films on Friday": a past bare weekday in a sentence
    that reports an announcement is the day of the news."""
    return (tx.range.latest is not None and tx.range.latest <= published and BARE_WEEKDAY.fullmatch(tx.text) is not None
            and _ANNOUNCING.search(s) is not None)


def until_date(tx: Timex, reading: str, published: date) -> Timex | None:
    """"until 2025" read as the event's date: not before 2025 ("won't air until"), in 2025 ("waiting
    until"), or no date at all (a span from now)."""
    if reading == "span":
        return None
    rest = tx.text.split(None, 1)[1] if " " in tx.text else ""
    inner = find_timexes(rest, published)
    if len(inner) != 1:
        return None
    r = inner[0].range
    if reading == "not before" and (r.latest is None or r.latest >= published):  # past: "wasn't shown until 2023" is then
        r = DateRange(r.earliest, None, r.granularity, r.value, f"{r.label} or later")
    return Timex(tx.start, tx.end, tx.text, r)


_POSSESSIVE = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,4}?(?=[\"“‘'A-Z])")


# "this year's Venice Film Festival", "last year's Comic-Con": a gathering, not a work
_GATHERING = re.compile(r"(?:[\w&.'’-]+\s+){0,4}?(?:Film\s+Festival|Festival|Fest|Comic-Con|Con|Showcase|Direct|Awards|"
                        rf"Oscars|Expo|E3|Gamescom|CinemaCon|Summit|Conference|Games\b|Olympics|Cup|{names('festivals')})\b")


# "last year's strikes", "this year's festival": a possessive date that dates a thing, not an event
# (the noun after its modifiers: "2025's most anticipated games" speaks of games, not of "most")
_POSSESSIVE_THING = re.compile(r"['’]s\s+(?:(?:most|more|very|hotly|long|[a-z]+est|big|major|new|upcoming|anticipated|"
                               r"awaited|long-awaited|first|final|next|other)\s+){0,3}(?P<noun>[a-z][\w'’-]*)\b")
_EVENT_NOUNS = frozenset(("release", "releases", "premiere", "launch", "debut", "opening", "trailer", "teaser", "reveal",
                          "slate", "lineup", "line-up", "schedule", "calendar", "film", "movie", "game", "season",
                          "finale", "episode", "episodes", "return", "blockbuster", "sequel", "shoot", "filming",
                          "production", "showcase", "state", "direct", "edition", "festival", "presentation", "event",
                          "panel", "livestream", "stream", "show", "series", "title", "installment", "instalment",
                          "films", "movies", "games", "shows", "titles", "blockbusters", "sequels"))


def possessive_dates(s: str, timexes: list[Timex], mentions: list[Mention]) -> dict[int, Mention]:
    """Dates in the possessive before a work's name ("next year's 'Brave New World'", "2016's
    Zootopia"), by index, with that work's mention; "last year's strikes" dates no event at all."""
    out: dict[int, Mention] = {}
    for i, tx in enumerate(timexes):
        if tx.start and s[tx.start - 1] == "(" and (owner := _bracketed_owner(s, tx, mentions)) is not None:
            out[i] = owner
            continue
        if not s.startswith(("'s", "’s"), tx.end):
            continue  # speed only: every possessive starts so
        thing = _POSSESSIVE_THING.match(s, tx.end)
        if thing is not None and thing.group("noun").lower() not in _EVENT_NOUNS:
            out[i] = Mention(None, thing.end(), thing.end(), "")
            continue
        m = _POSSESSIVE.match(s, tx.end)
        if m is None:
            continue
        for mention in mentions:
            if m.end() <= mention.start <= m.end() + 1:
                out[i] = mention
                break
        else:  # "2022's The Way of Water": a name no list knows, but a year's or a month's work all the same;
            # "this year's Venice Film Festival" names the festival's edition: no event's date either
            gathering = _GATHERING.match(s, m.end()) is not None
            if (tx.range.granularity in ("year", "month", "season", "quarter", "half") and not gathering) or (
                    gathering and len(timexes) > 1):  # the festival's year is the premiere's only if nothing is nearer
                out[i] = Mention(None, m.end(), m.end(), "")
    return out


# "further details arrive next year", "an announcement of the date is due in the spring", "would only
# be confirmed in 2025": between the cue and the date stands the news about it, so the date is the news'.
_NEWS_BETWEEN = re.compile(r"\b(?:news|details|info|information|updates?|announcements?|confirmations?|word)\b|"
                           r"\b(?:be|been|being)\s+(?:confirmed|announced|revealed|shared|unveiled|detailed)\b", re.I)


# "we may hear a launch date sometime this autumn", "will share the release date before 2027 is out":
# the date named after a date that is to be learnt is when it will be told (not "of June 5",
# "date: June 5", "date for June 5", which give the date itself).
_LEARNT_BEFORE = re.compile(r"\b(?:learn|hear|know|find\s+out|get|receive|update\s+(?:[\w']+\s+)?on|news\s+(?:on|about|of)|"
                            r"word\s+(?:on|about|of)|reveal|announce|share)\b[^.;!?]{0,45}$", re.I)
_DATE_WORD_AFTER = re.compile(r"\s+dates?\b")
_DATE_ITSELF = re.compile(r"\s*(?:of\b|:|,|[–—-]|\(|is\b|was\b|as\b|for\b|set\b|will\b|would\b|has\b|remains\b|stays\b)", re.I)


def dates_the_news(s: str, cue_start: int, cue_end: int, tx: Timex) -> bool:
    lo, hi = (cue_end, tx.start) if cue_end <= tx.start else (tx.end, cue_start)
    if lo < hi and _NEWS_BETWEEN.search(s, lo, hi) is not None:
        return True
    word = _DATE_WORD_AFTER.match(s, cue_end)
    end = word.end() if word is not None else cue_end if s.endswith(("date", "dates"), cue_start, cue_end) else None
    return (end is not None and end <= tx.start <= end + 40 and not _DATE_ITSELF.match(s, end, tx.start)
            and _LEARNT_BEFORE.search(s, max(0, cue_start - 60), cue_start) is not None)


# "Earlier this year, the studio announced ...", "Last week, it was delayed to ...": a sentence that
# opens with the time of a report or a move dates that act, not the event it is about.
_OPENING_TIME = re.compile(r"[\W]*(?:(?:earlier|late|later|just|back)\s+)?$", re.I)
_NEWS_OR_MOVE = re.compile(r"\b(?:announc|report|confirm|reveal|said|says|delay|mov|push|postpon|shift|settl|dated|set\s+(?:a|the|its))",
                           re.I)


def opens_with_news_time(s: str, tx: Timex) -> bool:
    """The date is a sentence-opening adverbial ("Earlier this year, ...") of a report or move."""
    return (tx.start < 12 and s.startswith(",", tx.end) and _OPENING_TIME.match(s, 0, tx.start) is not None
            and _NEWS_OR_MOVE.search(s, tx.end) is not None)


# "as winter sets in, the crew ...", "to fall in love again": a season word that is the
# story's time or a verb, not a date of the title's.
_SEASON_WORD = re.compile(r"(?:the\s+)?(?:summer|winter|spring|fall|autumn)", re.I)
_SEASON_AS_SUBJECT = re.compile(r"\s+(?:fully\s+|finally\s+)?(?:arrives|comes|begins|starts|ends|approaches|sets\s+in|"
                                r"rolls\s+around)\b|\s+into\s+(?:action|life|gear)\b|\s+(?:in\s+love|apart|behind|short|victim|flat|silent|asleep|into\s+place|in\s+line)\b",
                                re.I)


def season_as_story(s: str, tx: Timex) -> bool:
    return _SEASON_WORD.fullmatch(tx.text) is not None and _SEASON_AS_SUBJECT.match(s, tx.end) is not None


# Plural nouns for several works: one list for the patterns below and their speed gate.
_PLURAL_WORKS = ("releases", "films", "movies", "games", "titles", "shows", "blockbusters", "tentpoles")
_PLURALS = "|".join(_PLURAL_WORKS)
# "all its 2022 releases", "several 2025 projects": a year over many works, not one title's date
_MANY_WORKS_AFTER = re.compile(rf"\s+(?:[\w-]+\s+)?(?:{_PLURALS}|projects|slate|line-?up|premieres|launches|release\s+dates|"
                               r"(?:release\s+|box[- ]office\s+)?calendar(?!\s+year))\b", re.I)
# "holiday season releases": right after any date, the plural itself
_PLURAL_NEXT = re.compile(rf"\s+(?:{_PLURALS}|premieres)\b", re.I)
# "three big films dated for May 1", "to open new features around Easter": the date of
# several works named by a plural, not of the title
_MANY_WORKS_BEFORE = re.compile(r"\b(?:(?:two|three|four|several|other|many|major|big|new|upcoming|rival|competing|biggest|"
                                rf"top|[\w]+-grossing)\s+)+(?:{_PLURALS})\s+(?:[\w'’-]+\s+){{0,3}}?$", re.I)


def dates_many_works(s: str, tx: Timex) -> bool:
    if _MANY_WORKS_AFTER.match(s, tx.end) is not None and (tx.range.granularity == "year" or _PLURAL_NEXT.match(s, tx.end)):
        return True
    window = s[max(0, tx.start - 70):tx.start].lower()
    if not any(noun in window for noun in _PLURAL_WORKS):
        return False  # speed only: every _MANY_WORKS_BEFORE match holds one of these
    return _MANY_WORKS_BEFORE.search(s, max(0, tx.start - 70), tx.start) is not None


# "a clip played at CinemaCon 2025", "first seen at Gamescom 2023": a show's year is a date
# (the finder leaves a bare year after a name alone, as it is usually part of the name).
_SHOW_BEFORE = re.compile(rf"\b(?:{names('shows')}|{names('festivals')})\s+$")
_YEAR_DIGITS = re.compile(r"[12][09]\d\d\b")  # starts with a character set: the engine skips to candidates


# "The Fall Guy (2024)", "Mercy Street (2026 film)": a year in brackets right after a name is that
# work's release year (possessive_dates gives it to the name)
_NAME_YEAR = re.compile(r"(?<=[\w”\"’'*])\s?\((?P<y>(?:19|20)\d\d)(?:\s+(?:film|movie|game|video\s+game|series))?\)")


def outside_names(timexes: list[Timex], tracked: list[Mention]) -> list[Timex]:
    """`timexes` without those inside a tracked title's name ("Wednesday", "The Fall Guy",
    "Halloween Ends"): a word of a name is no date."""
    spans = sorted((m.start, m.end) for m in tracked if m.title is not None)
    if not spans:
        return timexes
    starts = [a for a, _ in spans]
    out = []
    for t in timexes:
        i = bisect.bisect_right(starts, t.start) - 1
        if i >= 0 and spans[i][0] <= t.start and t.end <= spans[i][1]:
            continue
        out.append(t)
    return out


def name_years(s: str, timexes: list[Timex], tracked: list[Mention]) -> list[Timex]:
    """`timexes` with the bracketed years right after a tracked title's name added, in order of
    position (another work's bracketed year is that work's, and no date of the tracked title)."""
    if "(" not in s or not tracked:
        return timexes
    taken = {t.start for t in timexes}
    ends = {m.end for m in tracked if m.title is not None}
    extra = []
    for m in _NAME_YEAR.finditer(s):
        a, b = m.span("y")
        if a not in taken and (m.start() in ends or m.start() - 1 in ends):
            year = int(m.group("y"))
            extra.append(Timex(a, b, m.group("y"), dr(date(year, 1, 1), date(year, 12, 31), "year", str(year))))
    return sorted(timexes + extra, key=lambda t: t.start) if extra else timexes


def _bracketed_owner(s: str, tx: Timex, mentions: list[Mention]) -> Mention | None:
    """The name a bracketed year follows ("The Fall Guy (2024)"), an unnamed work if no known name
    ends there, or None if the year is not bracketed after a name."""
    m = _NAME_YEAR.search(s, max(0, tx.start - 2), tx.end + 1)
    if m is None or m.start("y") != tx.start:
        return None
    return next((x for x in mentions if m.start() <= x.end <= m.start() + 1),
                Mention(None, m.start(), m.start(), ""))


def show_years(s: str, timexes: list[Timex]) -> list[Timex]:
    """`timexes` with the years that follow a show's name added, in order of position."""
    extra = []
    starts = [t.start for t in timexes]
    for m in _YEAR_DIGITS.finditer(s):
        a, b = m.span()
        k = bisect.bisect_right(starts, a) - 1
        if (a == 0 or not s[a - 1].isalnum()) and _SHOW_BEFORE.search(s, max(0, a - 25), a) \
                and not (k >= 0 and timexes[k].end > a):
            year = int(m.group())
            extra.append(Timex(a, b, m.group(), dr(date(year, 1, 1), date(year, 12, 31), "year", str(year))))
    return sorted(timexes + extra, key=lambda t: t.start) if extra else timexes


# Dates the sentence itself tells as superseded, beyond the words right before them (notclaims):
# a chain of moves ("set for May 2, before being pushed to June 6", "pushed to December,
# then to July"), "was to debut in 2023, but will now ...", a sentence that opens "Originally, ...",
# "instead of arriving late in the summer".
_CHAIN_AFTER = re.compile(r"[^.;]{0,40}?\b(?:then|(?<=,\s)(?:and\s+)?now|before\s+(?:being\s+|it\s+was\s+|it\s+were\s+)?(?:moved|moving|pushed|"
                          r"pushing|delayed|delaying|shifted|shifting|bumped)(?:\s+it)?(?:\s+(?:back|up|forward|again))?)"
                          r"(?:\s+(?:to|into|until))?\s+(?:a\s+|an\s+|the\s+)?(?:(?:on|in)\s+)?$", re.I)
_WAS_TO_BEFORE = re.compile(r"\b(?:was|were|had\s+been)\s+(?:originally\s+|initially\s+|first\s+|already\s+|once\s+)?"
                            r"(?:to\s+(?:debut|release|open|launch|arrive|premiere|hit|land|come\s+out|be\s+released)\s+|"
                            r"(?:set|scheduled|slated|supposed|meant|planned|due|dated)\s+(?:to\s+)?(?:[^\s,.;]+\s+){0,6}?)"
                            r"(?:(?:on|in|for|by|at)\s+)?(?:back\s+in\s+)?(?:a\s+|an\s+|the\s+|its\s+)?(?:release\s+date\s+of\s+)?$",
                            re.I)
_ORIGINALLY = re.compile(r"^\W*(?:originally|initially|previously|at\s+first|at\s+one\s+point|(?:before|prior\s+to)\s+(?:the|its|this|"
                         r"that)\s+(?:latest\s+|recent\s+|last\s+)?(?:delay|move|postponement|change|shake-?up|switch|shift))\b", re.I)
_INSTEAD_OF_BEFORE = re.compile(r"\binstead\s+of\b[^.;]{0,60}$", re.I)
# "Originally set for October, Sony has pushed it back to August 2024": a move gives the new date
_NOW = re.compile(r"\b(?:now|instead|currently|(?:has|have)\s+(?:since\s+)?(?:pushed|moved|delayed|shifted|postponed|bumped|"
                  r"rescheduled))\b", re.I)


def told_as_old(s: str, lowered: str, timexes: list[Timex], moved: Callable[[], bool]) -> set[int]:
    """Indices of `timexes` the sentence tells as old dates (`moved()`: whether the article reports a
    move, asked only when needed; `lowered` is s.lower())."""
    if len(timexes) < 2 and not (timexes and _MAYBE_OLD.search(lowered)):
        return set()  # speed only: a lone date is old only by one of these words
    return {i for i, tx in enumerate(timexes) if _told_as_old(s, timexes, i, tx, moved)}


_MAYBE_OLD_WORDS = (r"originally|initially|previously|at first|at one point|instead|was to|were to|already set|before the|"
                    r"before its|prior to|pulled|scrapped|removed|cancell?ed|axed|vacated|abandoned|meant|supposed|"
                    r"would have|could have|might have")
_MAYBE_OLD = re.compile(first_letter_groups(_MAYBE_OLD_WORDS) or _MAYBE_OLD_WORDS)  # grouped by first letter: speed only
_GONE_AFTER = re.compile(r"(?:\s+(?:release|premiere|launch|debut)\s+(?:date|slot|window)|\s+(?:date|slot|window))\s+(?:(?:was|has\s+been|had\s+been|"
                         r"is|got)\s+)?(?:officially\s+)?(?:pulled|scrapped|removed|cancell?ed|axed|vacated|abandoned|dropped)\b|"
                         r",?\s+(?:was|were)\s+(?:originally\s+|officially\s+|initially\s+|once\s+)?(?:meant|supposed)\s+to\s+be\b", re.I)
# a counterfactual past: "would have seen it today" (not "could have a release date in 2024")
_WOULD_HAVE_BEFORE = re.compile(r"\b(?:would|could|might|should)\s+have\s+(?!been\s+(?:moved|pushed|delayed))(?:been\s+)?"
                                r"(?:\w+(?:ed|en|wn)|seen|had|come|gone|made|got|hit|met|kept)\b(?:\s+[\w'’-]+){0,8}?\s+$", re.I)


def _told_as_old(s: str, timexes: list[Timex], i: int, tx: Timex, moved: Callable[[], bool]) -> bool:
    before = max(0, tx.start - 70)
    window = s[before:tx.start].lower()  # the word tests below are gates for speed only
    if _GONE_AFTER.match(s, tx.end):
        return True  # "its November date pulled from the schedule", "May 8 was meant to be"
    if "have" in window and _WOULD_HAVE_BEFORE.search(s, before, tx.start):
        return True  # "fans would have seen it today": what did not happen
    if i + 1 < len(timexes) and _CHAIN_WORDS.search(s, tx.end, timexes[i + 1].start) and \
            _CHAIN_AFTER.match(s, tx.end, timexes[i + 1].start):
        return True  # a stop on the way: a later date of the same chain follows
    if "instead" in window and _INSTEAD_OF_BEFORE.search(s, before, tx.start):
        return True
    if ("was" in window or "were" in window or "had" in window) and _WAS_TO_BEFORE.search(s, before, tx.start) \
            and not _NOW.search(s, before, tx.start) and moved():
        return True
    return _ORIGINALLY.match(s) is not None and not _NOW.search(s, 0, tx.start)


_CHAIN_WORDS = re.compile(r"[Tt]hen|[Bb]efore|, (?:and )?now\b")


_PAST_VERB = re.compile(r"\b(?:opened|debuted|earned|grossed|topped|led|premiered|arrived|landed|launched|released|"
                        r"was|were|made|took|brought|pulled|scored|finished|collected)\b", re.I)


def just_gone(s: str, tx: Timex, published: date) -> Timex:
    """The recent past a year-less date means when the sentence tells it as done: "opened this
    weekend" in a Monday's article is the weekend just gone; "April 22" in an article of April 23
    that says it "will be available April 22" was written a day early, not about next year."""
    r = tx.range
    if r.latest is None:
        return tx
    if tx.text.lower() in ("this weekend", "the weekend") and r.earliest > published and \
            _PAST_VERB.search(s, max(0, tx.start - 80), tx.start):
        back = timedelta(days=7)
        return Timex(tx.start, tx.end, tx.text, dr(r.earliest - back, r.latest - back, r.granularity, r.value))
    if r.granularity == "day" and not HAS_YEAR.search(tx.text) and (r.earliest - published).days > 300:
        recent = in_year(r, published.year)
        if recent is not None and 0 <= (published - recent.earliest).days <= 7:
            return Timex(tx.start, tx.end, tx.text, recent)
    return tx


def drop_wider(claims: list[Claim]) -> list[Claim]:
    """"this holiday season with its release on December 25th": of one title's dates for one event in a
    sentence, a range that holds another, narrower one says less about the same thing. (Not for
    trailers: a sentence may tell of two.)"""
    def holds(a: Claim, b: Claim) -> bool:
        ra, rb = a.range, b.range
        return (a is not b and a.title == b.title and a.event == b.event and a.event != "trailer" and a.certainty != "negated"
                and b.certainty != "negated" and ra.latest is not None and rb.latest is not None
                and ra.earliest <= rb.earliest and rb.latest <= ra.latest and (ra.earliest, ra.latest) != (rb.earliest, rb.latest)
                and a.qualifier == b.qualifier)
    return [a for a in claims if not any(holds(a, b) for b in claims)]


TRAILER_STALE_DAYS = 4 * 365  # "the 1992 film was shown at the gala": no trailer of a tracked title


def stale_trailer(event: str, tx: Timex, published: date) -> bool:
    latest = tx.range.latest
    return event == "trailer" and latest is not None and (published - latest).days > TRAILER_STALE_DAYS


def moved_from_elsewhere(claims: list[Claim]) -> list[Claim]:
    """An article that reports a move ("delayed from May 3 to July 26", "pushed back to 2027") has
    told the dates before the new one as old: the same title's same event (and platform or region)
    on the old date, or wholly before the new date, elsewhere in the article, is not current.
    (One pass over the claims, by key: an article of many moves stays linear.)"""
    is_move = [c.previous is not None or _moved_to(c) for c in claims]
    if not any(is_move):
        return claims
    newest: dict[tuple[str, str, str | None], date] = {}  # the latest date moved to, by key
    further: dict[tuple[str, str, str | None], date] = {}  # the same, of moves told as further ones
    old: set[tuple[str, str, str | None, date, date | None]] = set()
    for c, move in zip(claims, is_move, strict=True):
        if not move:
            continue
        key = (c.title, c.event, c.qualifier)
        newest[key] = max(newest.get(key, c.range.earliest), c.range.earliest)
        # "delayed until October 6, 2023 ... decided to further delay it to August 30, 2024"
        if _FURTHER.search(c.sentence):
            further[key] = max(further.get(key, c.range.earliest), c.range.earliest)
        if c.previous is not None:
            old.add((*key, c.previous.earliest, c.previous.latest))
    return [c for c, move in zip(claims, is_move, strict=True) if c.certainty == "negated" or c.range.latest is None
            or not (_before(c, further) if move else _superseded(c, newest, old))]


def _before(c: Claim, dates: dict[tuple[str, str, str | None], date]) -> bool:
    moved_to = dates.get((c.title, c.event, c.qualifier))
    return moved_to is not None and c.range.latest is not None and c.range.latest < moved_to


def _superseded(c: Claim, newest: dict[tuple[str, str, str | None], date],
                old: set[tuple[str, str, str | None, date, date | None]]) -> bool:
    if (c.title, c.event, c.qualifier, c.range.earliest, c.range.latest) in old:
        return True  # on the move's old date
    # wholly before the date it moved to, unless its own sentence says it holds now ("now opens")
    at = c.time_start - c.sentence_start
    return _before(c, newest) and _HOLDS_NOW.search(c.sentence, max(0, at - 60), at) is None


_FURTHER = re.compile(r"\b(?:further|again|once\s+more|yet\s+another|another\s+delay|latest\s+delay)\b", re.I)


# "has been delayed to", "pushed back a year to", "moved into": the claim's date is a move's target
_MOVED_TO = re.compile(r"\b(?:delay|postpon|push|mov|shift|bump|slipp?|slid|reschedul)\w*\s+(?:[\w'’-]+\s+){0,4}?"
                       r"(?:to|until|into)\s+(?:a\s+|an\s+|the\s+)?(?:new\s+)?(?:(?:release\s+)?date\s+of\s+)?(?:on\s+|in\s+)?$", re.I)


def _moved_to(c: Claim) -> bool:
    at = c.time_start - c.sentence_start
    return c.event == "release" and _MOVED_TO.search(c.sentence, max(0, at - 60), at) is not None


# The claim's own sentence tells its date as the one that holds: a present or future verb before it
_HOLDS_NOW = re.compile(r"\b(?:now|still|will|opens|arrives|launches|hits|releases|premieres|debuts|lands|is\s+(?:set|slated|"
                        r"scheduled|dated|due|coming|out))\b", re.I)


# "won't be out this year", "will not launch in 2026": a period the event is said to miss, so it comes
# after it (open-ended), the way "not until 2027" reads
_NEGATED_VERB = re.compile(r"(?:\bnot|n['’]t|\bnever)\s+(?!only\b|just\b|merely\b)(?:be\s+)?(?:\w+ly\s+)?"
                           # "won't be coming to Netflix in 2027": the verb, then a platform cue
                           r"(?:(?:arriv|launch|releas|land|debut|premier|air|stream|hit|com|drop|open)\w*\s+)?$", re.I)
_PERIODS = ("year", "season", "month", "quarter", "half", "part-of-year")


def not_in_period(s: str, cue_start: int, tx: Timex) -> Timex:
    """The date a negated cue right before it points to: after the period, open-ended."""
    r = tx.range
    if r.latest is None or r.granularity not in _PERIODS or not _NEGATED_VERB.search(s, max(0, cue_start - 32), cue_start):
        return tx
    after = r.latest + timedelta(days=1)
    return Timex(tx.start, tx.end, tx.text, DateRange(after, None, "open", r.value, f"after {r.label}"))


# "was shot from October to March", "shoots from January through June": a span of
# shooting tells when it starts and when it wraps ("begins between March and May" does not).
_SHOOT_SPAN = re.compile(r"from\s+\S.*?\s(?:to|until|till|through|thru)\s+\S|from\s+\S[^–—-]*?\s*[–—-]\s*\S|"
                         r"between\s+\S.*?\sand\s+\S", re.I)
_START_VERB = re.compile(r"\b(?:begin|began|begins|start|started|starts|kick|kicked|kicks|commenc\w*|roll|resum\w*)", re.I)


def shooting_span(cue_text: str, tx: Timex, published: date) -> tuple[DateRange, DateRange] | None:
    """(start, wrap) of a filming cue's date that is a span from one date to another."""
    r = tx.range
    if r.latest is None or not _SHOOT_SPAN.match(tx.text) or _START_VERB.search(cue_text):
        return None
    parts = find_timexes(tx.text, published, combine=False)
    if len(parts) != 2:
        return None
    first, last = parts[0].range, parts[1].range
    if first.earliest.year != r.earliest.year:
        first = in_year(first, r.earliest.year) or first
    if last.latest is None or last.latest.year != r.latest.year:
        last = in_year(last, r.latest.year) or last
    if first.earliest != r.earliest or last.latest != r.latest:
        return None  # the parts do not make up the span as read: keep it whole
    return first, last


def not_yet_out(claims: list[Claim], published: date, films: frozenset[str] = frozenset()) -> list[Claim]:
    """An article that dates the title's release ahead ("opens June 6, 2025"), or says it has no date
    yet, tells it is not out: a release of the same title (and platform or region) that it dates
    more than a month before the article belongs to another work (the first film, an earlier
    season) or is an old line, and is not a claim. (Within a month it may be the opening the article reports, beside a later date
    such as a sequel's; an early-access launch is a release of its own; a film's streaming or home
    date ahead says nothing of its opening in theaters.)"""
    ahead = {(c.title, c.qualifier) for c in claims
             if c.event == "release" and (c.certainty == "negated" or c.range.earliest > published)
             and not (c.title in films and _LATER_WINDOW.search(c.sentence))}
    if not ahead:
        return claims
    return [c for c in claims if not (c.event == "release" and c.certainty != "negated" and c.range.latest is not None
                                      and (published - c.range.latest).days > 30 and (c.title, c.qualifier) in ahead
                                      and not _EARLY_ACCESS.search(c.sentence))]


_LATER_WINDOW = re.compile(r"\b(?:stream\w*|digital(?:ly)?|home\s+(?:video|release|entertainment)|comes?\s+home|"
                           r"blu-?ray|dvd|4k|vod|on\s+demand|re-?releas\w*)\b", re.I)
_EARLY_ACCESS = re.compile(r"\bearly[\s-]+access\b", re.I)  # a release of its own, before the full one


# "the teaser that went out on June 3", "The first trailer for X debuted on Monday", "the clip that
# Universal dropped on Friday": a release verb whose subject (or object) is a trailer
# speaks of the trailer's day, not of the title's release.
_TRAILER_SUBJECT = re.compile(
    r"\b(?:trailers?|teasers?|clips?|footage|first\s+look|sneak\s+peek|promo|video)\b"
    # (after "for X" a relative clause is X's: "a trailer for season 2, which arrives on ...")
    r"(?:\s+(?:for|of|from)\s+(?:(?!\b(?:when|while|as|after|before|until|since|where)\b)[^,.;:!?]){1,60}?"
    r"(?:,\s+[^,.;:!?]{1,80}?,)?|"
    r"\s*,?\s+(?:that|which)(?:\s+(?:[A-Z][\w.&'’+-]*|the\s+[a-z]+)){0,3})?"
    r"\s+(?:(?:was|were|is|are|has|have|had|will|would|got|gets|be|been|being)\s+){0,3}"
    r"(?:(?:officially|finally|first|just|also|now|quietly|recently)\s+)?$")


def trailer_is_subject(s: str, cue_start: int) -> bool:
    """The release verb at `cue_start` has a trailer for its subject or object ("the trailer ... debuted")."""
    return _TRAILER_SUBJECT.search(s, max(0, cue_start - 110), cue_start) is not None

