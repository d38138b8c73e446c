"""Dates that are in a claim's sentence but are not the claim: each test a kind of sentence.

Pure functions over a sentence `s` and a date's span in it, run on the few dates of sentences that
hold a cue. Where a pattern would scan a window for nothing, a cheap search for a word every match
needs comes first (marked "speed only"); the pattern alone decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from ..models import DateRange, Timex
from .fastre import CaselessWords, Folded
from .timex import in_year
from .timex_gatherings import is_gathering
from .timex_tense import SPAN_BEFORE

# "date 2024-09-09", "Published: 2024-09-09", "Updated 2024-09-09T10:00": the page's own date line.
_DATELINE = re.compile(r"(?:^|\n)[ \t]*(?:(?:date|published|updated|posted|last\s+updated)\b[ \t]*:?[ \t]*(?:on[ \t]+)?)?$",
                       re.I)


# "Leeds [UK], March 2 (PTI):", "BOSTON, June 3 —": a wire story's place and day.
_WIRE_PLACE = re.compile(r"(?:^|\n)[ \t]*(?:date\s+\S+\s+)?[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,3}(?:[ \t]*\[[A-Z]{2,4}\])?,[ \t]*$")
_WIRE_AFTER = re.compile(r"[ \t]*(?:\([A-Z]{2,8}\)[ \t]*[:—–-]?|[ \t]*[—–-]{1,2}[ \t])")


def is_dateline(text: str, tx: Timex) -> bool:
    """An ISO date standing at the start of a line, alone or after "date"/"published", or a wire
    story's dateline: the page's date, not a claim."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?", tx.text) and \
            _DATELINE.search(text, max(0, tx.start - 40), tx.start):
        return True
    return bool(_WIRE_AFTER.match(text, tx.end) and _WIRE_PLACE.search(text, max(0, tx.start - 60), tx.start))


# "out now", "now streaming", "in theaters now": the only places a bare "now" dates a release.
_OUT_BEFORE = re.compile(r"\b(?:out|available|streaming|playing|showing|in\s+(?:theaters|theatres|cinemas)|here)\s*$", re.I)
_OUT_AFTER = re.compile(r"\s*(?:out|available|streaming|playing|showing|in\s+(?:theaters|theatres|cinemas)|on\s+sale)\b|"
                        # "and now, we have a trailer": the trailer is out as the article appears
                        r",?\s*(?:we\s+have|there['’]s|here['’]s|we\s+get|we['’]ve\s+got)\s+(?:a|an|the|our|its)\s+"
                        r"(?:[\w-]+\s+){0,2}?(?:trailer|teaser|look|footage)\b", re.I)


def now_is_a_date(s: str, tx: Timex) -> bool:
    """"will now reach cinemas on May 8": "now" is a discourse word, not today's date."""
    if tx.range.value != "PRESENT_REF":
        return True
    if tx.text.lower() != "now":
        return False  # "currently", "at the moment": never a release date of their own
    return bool(_OUT_BEFORE.search(s, 0, tx.start) or _OUT_AFTER.match(s, tx.end) or _DONE_AFTER.match(s, tx.end))


_DONE_AFTER = re.compile(r"\s+(?:been\s+)?(?:completed|finished|wrapped|concluded)\b", re.I)  # "filming has now been completed"


# "On Monday, the studio announced ...", "at Friday's livestream": the day something was said or shown.
_ANNOUNCED_AFTER = re.compile(
    r"\s*,?\s*(?:(?:the\s+)?[A-Z][\w.&'’-]*\s+){1,4}(?:(?:has|had|officially|finally)\s+)?"
    r"(?:announced|(?P<show>revealed|unveiled|shared|posted|teased|dropped|released)|confirmed|said|told|took\s+to)\b"
    # ("began in September, Peacock said.": an attribution that ends the sentence leaves the date the event's)
    r"(?!(?:\s+(?:on\s+)?(?:\w+day|today|yesterday|this\s+week|last\s+week))?\s*[.!?\"”]*\s*$)")
# "the studio today confirmed a further delay", "went on social media this morning to confirm": the verb right
# after the date (no subject between)
_REPORTED_AFTER = re.compile(r",?\s+(?:officially\s+|finally\s+|also\s+|quietly\s+)?(?:(?P<show>revealed|unveiled|shared|"
                             r"released|dropped|teased|debuted|showed)|announced|confirmed|said|says|told|posted|tweeted|"
                             r"reported|stated|wrote|to\s+announce|to\s+confirm|to\s+share|to\s+reveal)\b")
_NEWS_ITEM_BEFORE = re.compile(r"\b(?:press\s+release|statement|announcement(?!\s+(?:trailer|teaser|video))|tweet|blog\s+post|social\s+media\s+post)"
                               r"\s+(?:(?!and\b|but\b)[\w'’-]+\s+){0,5}?(?:on\s+)?$", re.I)
_NEWS_ITEM_WORDS = CaselessWords(("release", "statement", "announcement", "tweet", "post"))  # speed only
_GATHERING_BEFORE = re.compile(
    r"\b(?:showcase|presentation|livestream|stream|direct|event|conference|keynote|panel|earnings\s+call|"
    r"investor\s+call|state\s+of\s+play|nintendo\s+direct|interview|podcast)\s+(?:on|this|last|next)\s+$", re.I)


# A word of every _GATHERING_BEFORE match: a cheap test first (speed only).
_GATHERING_WORDS = CaselessWords(("showcase", "presentation", "stream", "direct", "event", "conference", "keynote",
                                  "panel", "call", "play", "interview", "podcast"))


def is_reporting_day(s: str, tx: Timex, published: date, *, shown: bool = False) -> bool:
    """A past (or today's) day followed by who announced what, or by the verb that reports it, or the
    day of a showcase or call (unless the sentence `shown` a trailer or a premiere there: then that
    day is the event's)."""
    if tx.range.latest is None or tx.range.latest > published:
        return False
    # "On June 3, the studio unveiled a first teaser", "today revealed the trailer": a reveal verb in a
    # sentence about a trailer makes the day the trailer's
    if (m := _ANNOUNCED_AFTER.match(s, tx.end) or _REPORTED_AFTER.match(s, tx.end)) is not None:
        return not (shown and m["show"])
    if _NEWS_ITEM_WORDS.in_window(s, max(0, tx.start - 60), tx.start) and \
            _NEWS_ITEM_BEFORE.search(s, max(0, tx.start - 60), tx.start):
        return True  # "in a statement the studio issued today"
    if shown:
        return False
    lo = max(0, tx.start - 40)
    return _GATHERING_WORDS.in_window(s, lo, tx.start) and _GATHERING_BEFORE.search(s, lo, tx.start) is not None


_GATHERING_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:[A-Z][\w'’]*\s+){0,4}?(?:State\s+of\s+Play|(?:Nintendo\s+)?Direct|Developer_Direct|[Ss]howcase|"
    r"[Pp]resentation|[Ll]ivestream|[Cc]onference|Opening\s+Night\s+Live|Tudum|Upfront|"
    r"[Ee]xpo|[Kk]eynote|[Ee]arnings|[Ii]nvestor|[Ff]estival|[Cc]onvention|[Pp]anel|[Ee]vent)\b")


def names_a_gathering(s: str, tx: Timex) -> bool:
    """"during the publisher's June Showcase", "this week's State of Play": the date names the
    showcase, not the release."""
    return is_gathering(tx.range) or _GATHERING_AFTER.match(s, tx.end) is not None


# what a showcase does with a title: shows it ("revealed", "a look at", "gameplay")
_SHOWN_THERE = re.compile(r"\b(?:reveal\w*|unveil\w*|trailers?|teasers?|footage|gameplay|look\s+at|showed|shown|showcased)\b",
                          re.I)


def shown_at_gathering(s: str, tx: Timex) -> bool:
    """The date names a showcase at which the sentence says the title was shown: its trailer's day."""
    return names_a_gathering(s, tx) and _SHOWN_THERE.search(s) is not None


# "the Hollywood strikes in 2023", "the 2023 writers' strike": the date is the strike's.
_STRIKE_BEFORE = re.compile(r"\bstrikes?\s+(?:in|of|during|since|from)\s+(?:the\s+)?(?:summer\s+of\s+)?$", re.I)
_STRIKE_AFTER = re.compile(r"(?:['’]s)?\s+(?:(?:writers|actors|writer|actor|wga|sag-aftra|hollywood|double|industry)['’]?s?\s+){0,3}"
                           r"strikes?\b", re.I)


def dates_a_strike(s: str, tx: Timex) -> bool:
    """The date is a strike's ("the strikes in 2023"), not an event of the title."""
    return "strike" in s.lower() and (_STRIKE_AFTER.match(s, tx.end) is not None
                                      or _STRIKE_BEFORE.search(s, max(0, tx.start - 40), tx.start) is not None)


# "its initial slot of May 8", "was earlier dated for June 5", "instead of Oct. 9", "its
# original Thanksgiving release": an old date named as old.
_OLD_MARK = re.compile(
    r"(?:\b(?:original|originally|initial|initially|previous|previously|old|former|formerly|earlier|prior)\b"
    r"(?:\s+[\w'’.-]+){0,4}?\s+(?:(?:on|for|of|in|at|from)\s+(?:a\s+|an\s+|the\s+)?)?|\binstead\s+of\s+(?:the\s+)?|"
    # "after a delay from its planned 2026 launch": the date it moved away from
    r"\b(?:delay|delayed|move|moved|push|pushed|shift|shifted|slip|slipped)\s+from\s+(?:its|the|their)\s+"
    r"(?:planned|scheduled|intended|announced|targeted)\s+|"
    # "moved out of its July slot", "bumped out of 2026": the date it left
    r"\b(?:moved|moving|pushed|pushing|bumped|shifted|delayed|pulled|slipped|taken)\s+out\s+of\s+(?:its\s+|the\s+|their\s+)?)$",
    re.I)
# (A verb in the present after "original" makes it a noun, the earlier work: "the original opens on".)
_NEW_BETWEEN = re.compile(r"\b(?:now|instead|moved|moving|pushed|delayed|shifted|until|into|opens|arrives|hits|launches|"
                          r"debuts|premieres|lands|will|(?:date|slot|window|release)\s+to)\b", re.I)


_FIRST_SHOWN = re.compile(r"(?:originally|initially|first)\s+(?:announced|revealed|unveiled|teased|shown|"
                          # "the shoot initially began in May 2021": when the shoot did begin, not a plan
                          r"began|started|kicked\s+off|got\s+underway|commenced)\s+(?:back\s+)?"
                          r"(?:in|on|at|during)\s+(?:the\s+)?$", re.I)
_SPAN_BEFORE = re.compile(SPAN_BEFORE, re.I)
_OLD_WORDS = CaselessWords(("origin", "initial", "previous", "old", "former", "earlier", "prior", "instead", "from", "out"))


def named_as_old(s: str, tx: Timex) -> bool:
    """The words right before the date call it the old one, with no "now"/"moved" in between."""
    if not _OLD_WORDS.in_window(s, max(0, tx.start - 50), tx.start):
        return False  # a word of every _OLD_MARK match is missing: skip the pattern (speed only)
    m = _OLD_MARK.search(s, max(0, tx.start - 50), tx.start)
    if m is None or m.group().strip().lower() == "earlier":
        return False  # "earlier this month" is a time, not an old date
    if _FIRST_SHOWN.match(m.group()):
        return False  # "first revealed in May 2025 with a teaser": when it was first shown, not an old date
    if m.group()[:1].isupper() and s[:m.start()].strip() and s[:m.start()].rstrip()[-1] not in ".!?:;\"“(—-":
        return False  # a capital inside a sentence is a name's word: "Harbor: The Old Light arrives in 2027"
    if m.group().lower().startswith("earlier") and _SPAN_BEFORE.search(s, max(0, m.start() - 10), m.start()):
        return False  # "five days earlier on March 1": the new date, told by how far it moved
    return m.group().lower().startswith("instead") or _NEW_BETWEEN.search(s, m.start() + len(m.group().split()[0]), tx.start) is None


# "will not keep its May 3 release date", "missed its fall window": a date the title will not keep.
_MISSED = re.compile(
    r"(?:(?:\bnot|n['’]t|\bnever)\b[^.;]{0,60}?\b(?:make|making|hit|hitting|meet|meeting|keep|keeping)|"
    r"\bmiss(?:es|ed|ing)?)\s+(?:its|the|their|his|her|a|an)\s+(?:[\w'’.,-]+\s+){0,5}?(?:\w+-)*$", re.I)
# "a launch before June looks unlikely", "..., but that seems increasingly unlikely"
_DOUBTED_AFTER = re.compile(r"[^.;]{0,80}?\b(?:is|seems|looks|appears|remains|now\s+looks)\s+(?:now\s+)?(?:increasingly\s+|very\s+|"
                            r"highly\s+|pretty\s+|more\s+and\s+more\s+)?unlikely\b|"
                            # "The May 8 release of X is off"
                            r"[^.;,]{0,40}?\b(?:is|are|has\s+been|was)\s+(?:now\s+)?(?:off|cancell?ed|scrapped|called\s+off|"
                            r"off\s+the\s+table)\b", re.I)


# "..., but the date has since shifted", "..., though it would turn out to be a miss", "..., where it
# sat until this week": the sentence itself says the date did not hold
_UNDONE_AFTER = re.compile(r"[^.;]{0,90}?(?:,|\s[—–-])\s+(?:but|though|although)\s+"
                           r"(?:(?:that|this|the)\s+(?:release\s+|launch\s+|premiere\s+)?(?:date|plan|window)|that|this|it)\s+"
                           r"(?:is\s+no\s+longer\s+the\s+case|(?:has|had)\s+(?:since\s+|now\s+|already\s+)?(?:changed|shifted|"
                           r"moved|slipped)|(?:was|has\s+been|had\s+been)\s+(?:later\s+|since\s+|quickly\s+|subsequently\s+|"
                           r"soon\s+)?(?:delayed|pushed\s+back|moved|removed|changed|scrapped|walked\s+back|dropped)|would\s+"
                           r"(?:also\s+)?turn\s+out\s+to\s+be\s+(?:another\s+|a\s+)?miss)|[^.;]{0,40}?,\s+where\s+it\s+"
                           r"(?:remained|stayed|sat)\s+until\b", re.I)
_UNDONE_WORDS = ("longer", "changed", "shifted", "moved", "slipped", "delayed", "pushed", "removed", "scrapped", "walked",
                 "dropped", "miss", "until")


def missed_or_doubted(s: str, tx: Timex) -> bool:
    """The sentence says the title will miss this date, or doubts it will come then, or that it did not hold."""
    if ("unlikely" in s or "off" in s or "cancel" in s or "scrapped" in s) and _DOUBTED_AFTER.match(s, tx.end):
        return True
    if any(word in s for word in _UNDONE_WORDS) and _UNDONE_AFTER.match(s, tx.end):
        return True
    window = s[max(0, tx.start - 80):tx.start].lower()
    if "mak" not in window and "miss" not in window and "hit" not in window and "meet" not in window \
            and "keep" not in window:
        return False  # speed only: every _MISSED match holds one of these
    return _MISSED.search(s, max(0, tx.start - 80), tx.start) is not None


# "was set to open on October 9", "had been scheduled for 2026": in an article about a move, the
# date it had. (A stop on a chain of moves, "before being pushed to May 2027, then to 2028", is
# readings.told_as_old's.)
_WAS_SCHEDULED = re.compile(
    r"\b(?:was|were|had\s+been|had\s+(?:originally|initially|previously|first|once)\s+been)\s+"
    r"(?:originally\s+|initially\s+|previously\s+|first\s+|once\s+|at\s+one\s+point\s+)?"
    r"(?:set|scheduled|slated|due|planned|supposed|meant|targeting|aiming|dated|penciled|pencilled|expected)\s+"
    r"(?:to\s+(?:[\w-]+\s+){0,3}?|for\s+)?(?:(?:on|in|for|by|at)\s+)?(?:a\s+|an\s+|the\s+|its\s+)?$", re.I)


_SCHEDULED_WORDS = CaselessWords(("was", "were", "had", "before"))


# "was supposed to open in May", "had been scheduled for May 8", "was at one point due in October",
# "..., which was set for May, now opens in July": told as the old date by the sentence itself,
# whatever the article says elsewhere
_ALWAYS_OLD = re.compile(r"\bhad\s+(?:(?:originally|initially|previously)\s+)?been\s+(?:originally\s+|initially\s+)?"
                         r"(?:set|scheduled|slated|due|planned|dated|penciled|pencilled|expected)\b|"
                         # a plan the sentence itself tells as failed or past
                         r"\b(?:supposed|meant)\s+to\b|\bat\s+one\s+point\b", re.I)
_NOW_LATER = re.compile(r"\b(?:now|instead)\b", re.I)


def was_scheduled(s: str, tx: Timex, moved: Callable[[], bool] | None) -> bool:
    """The date is told as the one it had before a move: the sentence says so ("had been set for",
    "..., now ..."), or `moved()` says the article reports a move."""
    if not _SCHEDULED_WORDS.in_window(s, max(0, tx.start - 60), tx.start):
        return False  # speed only: every match holds one of these
    m = _WAS_SCHEDULED.search(s, max(0, tx.start - 60), tx.start)
    if m is None:
        return False
    return (_ALWAYS_OLD.search(m.group()) is not None or _NOW_LATER.search(s, tx.end) is not None
            or (moved is not None and moved()))


# A release or premiere more than two years before the article is an earlier work's ("since the first
# game came out in 2012", "Released in 1999, the original ..."): news about a title not yet out.
STALE_DAYS = 730


# Filming can start years before a release, but not decades: "directed the first film in 1979".
STALE_PRODUCTION_DAYS = 3650


def is_stale(event: str, r: DateRange, published: date) -> bool:
    if r.latest is None:
        return False
    if event in ("release", "premiere"):
        return r.latest < published - timedelta(days=STALE_DAYS)
    return event in ("production_start", "production_end") and r.latest < published - timedelta(days=STALE_PRODUCTION_DAYS)


# Verbs that report the event as done: a year-less date then really is in the past.
_HAPPENED = re.compile(
    r"\b(?:was|were|began|begun|started|wrapped|premiered|released|opened|debuted|arrived|launched|dropped|"
    r"hit\s+(?:theaters|theatres|cinemas|screens|shelves|stores|the)|"
    r"finished|completed|ended|aired|shot|filmed|unveiled|revealed|shared|showed|shown|came|went|grossed|earned|"
    r"took|made|sold|topped|led|played|screened|resumed|since|finalized|finalised|concluded|got|kicked|rolled|"
    r"returned|landed|shipped|streamed|happened|gave|offered)\b", re.I)
_HAS_YEAR = re.compile(r"\b(?:19|20)\d\d\b|['’]\d\d\b")
_RELATIVE_PAST = re.compile(r"\b(?:last|ago|yesterday|previous|earlier|past)\b", re.I)  # "last month's showcase"


def scheduled_ahead(clause: str, tx: Timex, published: date) -> Timex:
    """"has been moved up to November 13": a date a schedule points to is ahead. A year-less
    day or month that the tense put in the past moves to its next occurrence unless the clause
    reports the event as done."""
    r = tx.range
    if r.latest is None or r.latest >= published or _HAS_YEAR.search(tx.text) or _HAPPENED.search(clause) \
            or _RELATIVE_PAST.search(tx.text):
        return tx
    ahead = in_year(r, r.earliest.year + 1)
    if ahead is None or ahead.latest is None or ahead.latest < published or ahead.earliest > published + timedelta(days=366):
        return tx
    return Timex(tx.start, tx.end, tx.text, ahead)


# "$70 million debut", "the biggest July opening ever": a box-office figure, not a date of release.
_BOX_OFFICE_BEFORE = re.compile(r"(?:(?:\$|usd\s*|£|€)\s*[\d.,]+\s*(?:million|billion|m|bn)?|\d+(?:\.\d+)?\s+(?:million|billion)|"
                                r"biggest|best|largest|record|highest|lowest|worst|strongest|weakest)\s+(?:[\w'’-]+\s+){0,3}?$",
                                re.I)
_BOX_OFFICE_NOUNS = ("opening", "debut", "launch", "bow", "opening weekend", "opening day")


_OPENED = re.compile(r"(?:opened|opens|debuted|debuts)\b", re.I)
_MONEY = re.compile(r"(?:\$|usd\s*|£|€)\s*\d|\d(?:[\d.,]*)\s*(?:million|billion)\b", re.I)


def is_box_office_figure(s: str, cue_start: int, cue_end: int, tx: Timex | None = None) -> bool:
    """The cue is a noun under a figure or a superlative ("a $96 million opening"), or the date is a
    weekend the sentence gives grosses for ("is tracking $40 million over the weekend"): a box-office
    report, not a date of the release."""
    if tx is not None and "weekend" in tx.text.lower() and _MONEY.search(s) is not None \
            and not _OPENED.match(s, cue_start):  # "opened this weekend with $22 million" is the opening
        return True
    return (s[cue_start:cue_end].lower() in _BOX_OFFICE_NOUNS
            and _BOX_OFFICE_BEFORE.search(s, max(0, cue_start - 60), cue_start) is not None)


_FINALE_BEFORE = re.compile(r"\bfinale\s*,?\s+(?:(?:streaming|airing|dropping|arriving|landing|premiering|set\s+for|due)\s+)?"
                            r"(?:on\s+)?$|\b(?:weekly|each\s+week|every\s+week|every\s+(?:mon|tues|wednes|"
                            r"thurs|fri|satur|sun)day)\s+(?:[\w'’-]+\s+){0,3}?$|\b(?:weekly|each\s+week|every\s+week)\s+[^.;]{0,40}?"
                            r"\b(?:ending|ends|concluding|concludes|wrapping\s+up)\s+(?:on\s+)?$", re.I)


# "the release of its seventh episode this Friday": one episode of a run, not the season's release
_EPISODE_BETWEEN = re.compile(r"\b(?:episode|ep\.)\b", re.I)
_FIRST_EPISODE = re.compile(r"\b(?:first|opening|premiere|debut|pilot)\b[^.;]{0,20}\bepisode|"
                            r"\b(?:two|three|four|\d)-episode\b|\bepisodes\s+(?:1|one)\b", re.I)


def dates_an_episode(s: str, cue_end: int, tx: Timex) -> bool:
    """An episode other than the first stands between the release cue and its date."""
    if tx.start <= cue_end or "episode" not in s[cue_end:tx.start].lower():
        return False
    between = s[cue_end:tx.start]
    return _EPISODE_BETWEEN.search(between) is not None and _FIRST_EPISODE.search(s, max(0, cue_end - 20), tx.start) is None


def ends_a_run(s: str, tx: Timex) -> bool:
    """"until the season finale on July 18", "weekly until July 18th": the last episode, not the release."""
    window = s[max(0, tx.start - 60):tx.start].lower()
    if "finale" not in window and "week" not in window and "every" not in window:
        return False  # speed only: every match holds one of these
    return _FINALE_BEFORE.search(s, max(0, tx.start - 40), tx.start) is not None or (
        tx.text.lower().startswith(("until", "till")) and _FINALE_BEFORE.search(s, max(0, tx.start - 60), tx.start)
        is not None)


_UNTIL = re.compile(r"(?:until|till|til)\s+", re.I)
_NOT_UNTIL = re.compile(r"(?:\bnot|n['’]t|\bnever|\bno)\b[^.;]{0,60}$", re.I)
# "was postponed until March 6th, 2026", "pushed back a year until 2027": the new date
_MOVED_UNTIL = re.compile(r"\b(?:delay|postpon|push|mov|bump|shift|slipp?|slid)\w*\s+(?:[\w'’-]+\s+){0,4}?$", re.I)
_AT_THE_EARLIEST = re.compile(r",?\s+at\s+the\s+(?:very\s+)?earliest\b", re.I)
_WAIT_UNTIL = re.compile(r"\bwait(?:s|ed|ing)?\s+(?:[\w'’-]+\s+){0,3}?$", re.I)
# "filming on X is set to last until June": it wraps then
_LASTS_UNTIL = re.compile(r"\b(?:filming|shooting|production)\b[^.;]{0,60}?\b(?:last|continue|run)\s+$|"
                          r"\b(?:filming|shooting|(?:will|to|would|could|may|might)\s+(?:film|shoot)|films|shoots)\s+(?:in\s+(?:\S+\s+){1,3}?)?$", re.I)


# "shooting in Spain for the next month", "for the coming weeks": how long, not when
_FOR_THE_BEFORE = re.compile(r"\bfor\s+(?:the\s+)?$", re.I)
_SPAN_AHEAD = re.compile(r"(?:the\s+)?(?:next|coming|following|past|last)\b", re.I)


# "sold two million copies in 5 days", "passed 100 million views in 24 hours": how fast, not when
_COUNT_BEFORE = re.compile(r"\b(?:units|copies|players|sales|viewers|views|streams|downloads|pre-?orders|"
                           r"million|billion|worldwide|globally)\s+$", re.I)
_IN_SPAN = re.compile(r"in\s+(?:just\s+|only\s+|under\s+)?(?:\d+|a|one|two|three|four|five|six|seven|ten)\s+"
                      r"(?:days?|weeks?|months?|hours?)$", re.I)


def is_duration(s: str, tx: Timex) -> bool:
    if _IN_SPAN.match(tx.text) and _COUNT_BEFORE.search(s, max(0, tx.start - 12), tx.start):
        return True
    lead = _FOR_THE_BEFORE.search(s, max(0, tx.start - 9), tx.start)
    return lead is not None and _SPAN_AHEAD.match(tx.text) is not None and (
        "the" in lead.group().lower() or tx.text.lower().startswith("the"))  # "for next spring" is a target


def until_reading(s: str, tx: Timex) -> str | None:
    """How a date read as "until X" dates an event: "won't air until at least 2025" -> "not before";
    "won't air until 2025" (news idiom: it airs in 2025) and "waiting until early 2024" -> "at";
    otherwise "span" (from now until X: no event date)."""
    m = _UNTIL.match(tx.text)
    if m is None:
        return None
    if tx.text[m.end():].lower().startswith("at least") or _AT_THE_EARLIEST.match(s, tx.end):
        return "not before"
    if _NOT_UNTIL.search(s, max(0, tx.start - 80), tx.start) or _WAIT_UNTIL.search(s, max(0, tx.start - 40), tx.start) \
            or _MOVED_UNTIL.search(s, max(0, tx.start - 50), tx.start) or _LASTS_UNTIL.search(s, max(0, tx.start - 90), tx.start):
        return "at"
    return "span"


# "This DLC, called ..., comes out in May", "The expansion's reveal
# follows ...": a sentence whose subject is an add-on or a spin-off product dates that, not the title
_THING_SUBJECT = re.compile(r"^\W*(?:(?:the|this|that|its|a|an|their)\s+)(?:(?:new|first|second|next|upcoming|paid|free|"
                            r"big|major|latest|story)\s+)*(?:dlc|expansion|add-on|update|patch|season\s+pass|demo|beta|"
                            r"soundtrack|novel|comic|podcast|documentary|companion\s+book|board\s+game)\b", re.I)


def dates_a_thing(s: str) -> bool:
    return _THING_SUBJECT.match(s) is not None


# "the first poster has been released", "a set photo gave fans a first look": a picture is shown, not the
# work released nor a trailer (unless a video is named too; "(Image via Xbox)" is a caption)
_IMAGE = re.compile(r"(?<!\()\b(?:posters?|(?:set\s+)?photos?|photographs?|images?|key\s+art|artwork|logo|"
                    r"set\s+(?:video|pictures?|pics?)|first[-\s]look\s+(?:image|photo|picture)s?)\b", re.I)
_VIDEO = re.compile(r"\b(?:trailers?|teasers?|footage|clips?|gameplay|tv\s+spots?|sizzle)\b", re.I)
_IMAGE_REACH = 45
_DATE_NOUN = re.compile(r"\b(?:date|window|day)\b", re.I)  # "a poster that comes with the date": the date's own cue


def shows_an_image(s: str, cue_start: int, cue_end: int) -> bool:
    if _DATE_NOUN.search(s, cue_start, min(len(s), cue_end + 6)):
        return False
    lo, hi = max(0, cue_start - _IMAGE_REACH), min(len(s), cue_end + 25)
    return _IMAGE.search(s, lo, hi) is not None and _VIDEO.search(s, lo, hi) is None


# "..., Kojima Productions said Thursday": the day of the report, not of the event
REPORTING_WORDS = ("said", "says", "stated", "announced", "confirmed", "revealed", "reported", "explained", "wrote",
                   "tweeted", "told")
_REPORTING_BEFORE = Folded.words("|".join(REPORTING_WORDS[:-1]) + r"|told\s+[\w ]{1,30}?", r"\s+(?:on\s+|in\s+)?$")


def told_on(s: str, lowered: str, t: Timex, shown: bool) -> bool:
    """"..., the studio said Thursday": the day of the report. (In a sentence about a trailer, "was
    revealed on May 15" or "announced in August via a teaser" is the trailer's day.)"""
    m = _REPORTING_BEFORE.search(s, lowered, max(0, t.start - 45), t.start)
    return m is not None and not (shown and lowered.startswith(("revealed", "announced"), m.start()))
