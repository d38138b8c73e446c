"""Which title a date speaks of: the nearest mention, the topic a sentence without one continues, the
names that do not take a sentence's dates (asides, episodes' names, predicates), and release lists.
Pure: offsets in, titles out."""

from __future__ import annotations

import bisect
import re

from ..models import Timex
from . import events as ev
from .places import is_series_place
from .sentences import Sentence
from .titles import ANAPHORA, DATED_ASIDE, Mention, qualifies_a_kind

# Written to start with a literal in every branch ("w(?<!\w.)hile" is "\bwhile"), so the engine skips ahead.
CLAUSE_BREAK = re.compile(r";|, which|, while|, whereas|, but|w(?<!\w.)(?:hile|hereas)\b|—|–\s|\)\s*,")


_KIND_WORDS = frozenset(("season", "part", "volume", "act", "episode", "film", "movie", "game", "series", "show", "sequel"))


def cue_in_name(m: Mention, cue_start: int) -> bool:
    """Whether a cue starts on the last word of a name ("Marlow's Keep on ..."), a word of the name and
    no cue, unless that word is the kind the name refers by ("the second season of X begins")."""
    last = m.start + m.text.rfind(" ") + 1
    return m.start < cue_start < m.end and cue_start >= last and m.text[last - m.start:].lower() not in _KIND_WORDS


def gap_penalty(s: str, lo: int, hi: int) -> int:
    """How much farther a date is from a cue or name for each clause break between them."""
    between = s[lo:hi]
    return 50 * len(CLAUSE_BREAK.findall(between))


# "the Harbor Nights trilogy", "the Alien franchise": the whole series, which the title
# belongs to, and no new subject
_FRANCHISE = re.compile(r"\s(?:trilogy|franchise|saga|duology|films|movies|games)$")


def topic(text: str, start: int, mentions: list[Mention], first: int, tracked_at: list[int], main: str | None,
          ) -> str | None:
    """The title a sentence without a mention speaks of (mentions[:first] come before it): the last
    one named. Another work holds the topic only from close by (the sentence before, in the same
    paragraph); after that the last tracked title, or the article's own, comes back. "the first
    film" or "season 1" is a passing reference, not a new subject."""
    i = first - 1
    while i >= 0 and mentions[i].title is None and (is_series_place(mentions[i].text)
                                                    or qualifies_a_kind(text, mentions[i])
                                                    or _FRANCHISE.search(mentions[i].text)
                                                    or _PREPOSITION_BEFORE.search(text, max(0, mentions[i].start - 25),
                                                                                  mentions[i].start)):
        i -= 1  # ("the first return since Harbor Nights", "a sequel to Old Town": no new subject)
    if i < 0:
        return main
    m = mentions[i]
    if m.title is not None:
        return m.title
    if start - m.end < 250 and "\n\n" not in text[m.end:start]:
        return None
    k = bisect.bisect_left(tracked_at, i) - 1  # the last tracked mention before this one
    return mentions[tracked_at[k]].title if k >= 0 else main


# "when the third season lands ...", "... when the next season might come": a season named by
# the kind of work it is speaks of the tracked series, even just after another work was named
_SEASON_ANAPHOR = re.compile(r"\b(?:the|that|this|its|their)\s+(?:next|new|upcoming|coming|forthcoming|latest|final|"
                             r"second|third|fourth|fifth|sixth|seventh|eighth|2nd|3rd|[4-8]th)\s+season\b", re.I)


def season_topic(text: str, start: int, end: int, topic: str | None, main: str | None, series: frozenset[str]) -> str | None:
    """The topic, or the tracked series where another work held it but the sentence speaks of "the next season"."""
    if topic is not None or main not in series or _SEASON_ANAPHOR.search(text, start, end) is None:
        return topic
    return main


# "competition from Night Tide, out July 17": a name after a preposition with its own date in an aside
# (a bracketed year may stand between the name and its clause: "Elemental (2023), which opens ...")
_OWN_ASIDE = re.compile(rf"(?:\s?\(\d{{4}}\))?,\s+(?:now\s+)?(?:out|{DATED_ASIDE})\b")
# "The Crow, which opens ...", "Gen V, the college spin-off that premiered in ...": the name's own clause
_WHICH = re.compile(r"(?:\s?\(\d{4}\))?,\s+(?:which\b|the\s+[^,.;()]{0,60}?\b(?:that|which)\b)")


_EVENT_OF = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,3}$")
_EVENT_NOUN_END = re.compile(r"\b(?:release|premiere|debut|launch|opening)$", re.I)
_EPISODE_BEFORE = re.compile(r"\b(?:episodes?|finale|titled|entitled|called)\b[^.;:!?]{0,35}$", re.I)
_COPULA_BEFORE = re.compile(r"\b(?:is|was|will\s+be|becomes|became|remains)\s+(?:also\s+)?(?:(?:the|a|an)\s+(?:\w+\s+){0,2})?$", re.I)
# "The follow-up to Night Tide opens ...": the work named after "sequel to" is what the subject
# follows, not the subject
_RELATIVE_OF = re.compile(r"\b(?:sequel|prequel|follow-up|followup|spin-?off|successor|remake|reboot|reimagining|"
                          r"origin\s+story)\s+(?:to|of)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:(?:19|20)\d\d\s+)?"
                          r"(?:[\w'’-]+\s+){0,2}?[\"“‘]?$", re.I)
# "launched on Friday as the studio's first console exclusive": a role of the subject, or a new clause
_AS_BEFORE = re.compile(r"\bas\s+$")
_PREPOSITION_BEFORE = re.compile(r"\b(?:with|to|of|from|after|like|than|since|about|unlike|following|before|"
                                 r"behind|beside|besides|including|alongside|against|versus|vs\.?)\s+(?:the\s+)?$", re.I)


# A sentence whose subject is the title by a noun ("The movie,", "Ubisoft's upcoming game,") and
# an aside after it: the aside's names do not take the subject's dates.
_SUBJECT_THEN_ASIDE = re.compile(
    r"[\"“]?(?:(?:the|this)\s+|[A-Z][\w.&-]*['’]s\s+)(?:(?:new|upcoming|latest|next|forthcoming|long-awaited|anticipated)\s+)*"
    r"(?:film|movie|sequel|game|title|series|show|season|installment|project|picture|feature)\s*,", re.I)


def title_for(s: str, lo: int, hi: int, mentions: list[Mention], main: str | None) -> str | None:
    """The title a span of a sentence is about: the nearest mention, else the main title by anaphora."""
    best: tuple[float, Mention] | None = None
    aside = _SUBJECT_THEN_ASIDE.match(s) if main else None
    for m in mentions:
        if aside and m.title is None and aside.end() <= m.start and m.end <= lo and "," in s[m.end:lo]:
            continue  # "The movie, directed by the It director, will now open ...": a name inside the aside
        if m.title is None and main and m.text[:1] in "\"“‘'" and _EPISODE_BEFORE.search(s, max(0, m.start - 45), m.start) \
                and not any(m.start - 45 <= o.end <= m.start for o in mentions if o is not m):
            continue  # "the season's first episode, “The Lake”, airs ...": an episode's name, part of the show
        if m.title is None and main and m.start >= hi and _COPULA_BEFORE.search(s, max(0, m.start - 25), m.start):
            continue  # "The new film, which opens June 30, is the first “Indiana” film": what the subject is
        if (m.title is None and m.end <= lo and (m.end <= lo - 25 or "," in s[m.end:lo])
                and not _WHICH.match(s, m.end) and not _OWN_ASIDE.match(s, m.end)
                and _PREPOSITION_BEFORE.search(s, max(0, m.start - 25), m.start)):
            continue  # "judging by the gap after season 4, a release ...": not the subject
        if m.title is None and main and m.end <= lo and not _WHICH.match(s, m.end) \
                and _RELATIVE_OF.search(s, max(0, m.start - 45), m.start):
            continue  # "the sequel to the 2019 hit Night Tide has wrapped": the sequel is the subject
        if m.end <= lo:
            own_clause = _WHICH.match(s, m.end, lo)  # "The Crow, which opens ...": its own clause
            distance = (lo - m.end) + (0 if own_clause else gap_penalty(s, m.end, lo))
        elif m.start >= hi:
            if _EVENT_OF.match(s, hi, m.start) and _EVENT_NOUN_END.search(s, max(0, hi - 12), hi):
                return m.title  # "after the 2021 release of the war drama Salt Flats": that work's release
            if m.title is None and main and (m.start - hi > 30
                                             or _PREPOSITION_BEFORE.search(s, max(0, m.start - 25), m.start)
                                             or _AS_BEFORE.search(s, max(0, m.start - 5), m.start)):
                continue  # "... opens in May, with the sequel to follow", "launched Friday as the studio's first ...": not its owner
            distance = 3 * (m.start - hi) + gap_penalty(s, hi, m.start) + 30
        else:
            distance = 0 if m.title is not None else 1  # inside the span, the tracked title first
        if best is None or distance < best[0]:
            best = (distance, m)
    if best is not None:
        if best[1].title is None and best[0] > 120 and main and ANAPHORA.search(s[lo - 60 if lo > 60 else 0:hi]):
            return main
        if best[1].title is None and best[1].end <= lo:
            joined = _joined_before(s, best[1], mentions)
            if joined is not None:
                return joined  # "Avengers: Doomsday and Brand New Day are slated for 2026": both are
        return best[1].title
    return main


_AND_JOIN = re.compile(r",?\s+(?:and|&)\s+(?:[A-Z][\w.&'’-]*['’]s\s+)?$")


def _joined_before(s: str, other: Mention, mentions: list[Mention]) -> str | None:
    """The tracked title joined by "and" to the other work right before it, as one subject."""
    for m in mentions:
        if m.title is not None and m.end <= other.start and _AND_JOIN.fullmatch(s, m.end, other.start):
            return m.title
    return None


# "Mercy Street – March 6", "Episode 1: Feb. 16", "March 6 — Mercy Street": a line of a release list,
# a name and a date and nothing else, is that title's release.
_ITEM_SEPARATOR = re.compile(r"\s[–—-]\s|:\s")
_ITEM_MAX = 80


def may_be_dated_item(sent: Sentence) -> bool:
    return len(sent.text) <= _ITEM_MAX and _ITEM_SEPARATOR.search(sent.text) is not None


def dated_item_cue(s: str, local: list[Timex], mentions: list[Mention]) -> ev.Cue | None:
    """A release cue for a line that is only a tracked name and one date, joined by a dash or colon."""
    if len(s) > _ITEM_MAX or len(local) != 1 or len(mentions) != 1 or mentions[0].title is None:
        return None
    m, tx = mentions[0], local[0]
    first, second = (m, tx) if m.end <= tx.start else (tx, m)
    rest = _TRAILING_NOTE.sub("", s[second.end:])  # "(PS5, PC)"
    if s[:first.start].strip(" •*-–—") or rest.strip(" .") or s[first.end:second.start].strip() not in _JOINS:
        return None
    return ev.Cue("release", first.end, second.start)


_TRAILING_NOTE = re.compile(r"\s*\([^()]{1,40}\)\s*\.?\s*$")
_JOINS = ("–", "—", "-", ":")


def list_item_title(s: str, tx: Timex, mentions: list[Mention]) -> str | None:
    """"Mercy Street (March 6)": a date in parentheses belongs to the title right before it."""
    for m in mentions:
        if 0 <= tx.start - m.end <= 3 and s[m.end:tx.start].strip() == "(":
            return m.title
    return None


# "A and B, dated 2027 and 2028 respectively": the dates go to the names in order
_RESPECTIVELY = re.compile(r",?\s+respectively\b")
_DATES_JOINED = re.compile(r",?\s+and\s+(?:in\s+|on\s+)?$")


def respective_owner(s: str, tx: Timex, local: list[Timex], mentions: list[Mention]) -> tuple[bool, str | None]:
    """(True, title) when `tx` is one of two dates told "respectively" of two joined names; the title
    is None when that name is another work's. (False, None) when the sentence is not of that shape."""
    if "respectively" not in s:
        return False, None
    for i in range(len(local) - 1):
        t1, t2 = local[i], local[i + 1]
        if tx not in (t1, t2) or not _DATES_JOINED.fullmatch(s, t1.end, t2.start) or not _RESPECTIVELY.match(s, t2.end):
            continue
        names = [m for m in mentions if m.end <= t1.start]
        for a, b in zip(names, names[1:], strict=False):
            if _AND_JOIN.fullmatch(s, a.end, b.start):
                return True, (a if tx == t1 else b).title
    return False, None

