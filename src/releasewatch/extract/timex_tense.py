"""Tense around a year-less date: the nearest tense cue in its sentence says which occurrence it is."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .fastre import CaselessWords, Folded

_FUTURE = Folded.words(
    r"will|'ll|’ll|won't|won’t|shall|is set|are set|set to|set for|slated|scheduled|expected|expects|going to|"
    r"gonna|upcoming|coming|plans?|planned|aims?|aiming|hopes?|due|is to|are to|next|later|starts|start|"
    r"begins|begin|opens|open|hits|arrives|arrive|launches|launch|releases|premieres|debuts|targets?|"
    r"targeting|could|may|might|should|would|likely|possibly|probably|tentatively|is eyeing|will be|wraps|"
    r"opens|lands|streams|drops|shoots|debuts|premieres|arrives|follows|follow|returns|return|can't wait|can’t wait|"
    r"cannot wait|look forward|looking forward|is out on|are out on|ahead of", r"\b",
)
# A release verb's participle before a date tells of one to come ("storming theaters on July 19"); after
# it, it says nothing ("got going on Thursday by debuting X")
_COMING_BEFORE = Folded.words(r"hitting|arriving|storming|premiering|launching|debuting|landing|dropping|releasing|streaming",
                              r"\b")
_PAST = Folded.words(
    r"was|were|had|did|began|started|wrapped|premiered|released|opened|debuted|dropped|arrived|came|"
    r"went|ended|finished|completed|announced|revealed|confirmed|reported|said|told|took place|last|ago|"
    r"earlier|previously|already|kicked off|rolled|shot|filmed|hit|launched|grossed|earned|turned|joined|"
    r"signed|cast|unveiled|showed|screened|celebrated|won|got|met|quit|visited|happened|spoke|appeared|paid|left|"
    r"resumed|played|aired|streamed|previewed|teased|landed|shipped|since|reached|sold|topped|finalized|finalised|"
    r"concluded|returned|posted|tweeted|wrote|noted|added|stated|explained|made|shared|hosted|held|presented|brought|gave",
    r"\b",
)


_PASSIVE_END = Folded(r"\b(?:be|been|being)\s+$")
_ARTICLE_END = Folded(r"\b(?:the|a|an|its|their|his|her)\s+$")
_TIME_LEAD = re.compile(r"\s+(?:in|on|that|during)\b", re.I)
# A possessive right before, or an article or possessive before one hyphenated word: the cue word is a
# noun ("its return", "the long-awaited launch"); "the launch is on Friday" keeps its tense
_NOUN_LEAD = Folded(r"\b(?:its|their|his|her)\s+(?:[\w'’]+-[\w'’-]+\s+)?$|\b(?:the|a|an)\s+[\w'’]+-[\w'’-]+\s+$")
_HABIT_AFTER = re.compile(r"\s+(?:weekly|daily|monthly|every\s|each\s)")
# "scheduled to hit theaters", "will set": a past form after "to" or a modal is an infinitive
_INFINITIVE_END = Folded(r"\b(?:to|will|would|could|should|might|can|['’]ll|won['’]t|didn['’]t|did|does|doesn['’]t)\s+$")
# Verbs of saying give their own time only to a date right after them ("announced on Tuesday");
# elsewhere they introduce what was said ("said the film opens in December").
_REPORTING = frozenset(("said", "told", "announced", "confirmed", "revealed", "reported", "unveiled", "teased", "stated",
                        "explained"))
# A year-less date naming an event's set date ("its June premiere date") tells of one still ahead.
_SET_DATE_AFTER = re.compile(r"\s+(?:(?:release|premiere|launch|debut)\s+)?(?:date|window)\b", re.I)
# "was delayed by two months to July 10": a move's target is a date still ahead
_MOVE_TARGET_BEFORE = re.compile(r"\b(?:delay|postpon|push|mov|shift|bump|reschedul|slid|slipp)\w*\b[^.;,]{0,40}?\b(?:to|until|into)\s+"
                                 r"(?:a\s+|an\s+|the\s+|its\s+)?(?:new\s+)?(?:release\s+)?(?:date\s+of\s+)?(?:on\s+)?$", re.I)
_SET_DATE_BEFORE = re.compile(r"\b(?:release|premiere|launch|debut|air|ship|street)\s+date\s*(?:(?:of|is|was|as|for|was\s+set|"
                              r"has\s+been\s+set|is\s+set|set\s+for|set\s+as)\s*)?[:—–-]?\s*$|\bdate\s+(?:was|has\s+been|is)\s+set"
                              r"\s*(?:for|as)?\s*[:—–-]?\s*$", re.I)
# A word of every match of the two patterns above, looked for first (speed only: case-insensitive
# patterns ending in "$" try every position of their window)
_MOVE_TARGET_GATE = CaselessWords(("delay", "postpon", "push", "mov", "shift", "bump", "reschedul", "slid", "slipp"))
_SET_DATE_BEFORE_GATE = CaselessWords(("date",))
# "six days earlier, on May 4", "a week later": a comparison of dates, not a tense
SPAN_BEFORE = r"\b(?:days?|weeks?|months?|years?)\s+$"  # also read by notclaims.named_as_old
_SPAN_END = Folded(SPAN_BEFORE)
_REPORTING_REACH = 20
_REPORTED_AFTER_REACH = 40
_QUOTE = re.compile(r"[\"“”]")
# Tense does not carry across these: "opens on June 30, but since the festival screened it ..."
_CLAUSE_BREAK = re.compile(r",\s+(?:but|while|whereas|although|though)\b|;|\s+but\s+|\s[–—]\s+(?:and|but)\b")
_ACROSS_CLAUSE = 200
_AFTER_A_COMMA = 30


# Sentence ends as the tense cues see them; both start with a character set, so the engine skips to it.
_BREAK_BEFORE = re.compile(r"[.!?\n](?:(?<=\n)|\s+(?=[A-Z\"'“‘(]))")
_BREAK_AFTER = re.compile(r"[.!?\n](?:(?<=\n)|(?=\s+[A-Z\"'“‘(]|\s*$))")


# _BREAK_BEFORE read backwards: a line break, or a capital (quote, bracket) after spaces after a
# final mark. Its first match in the reversed text before `pos` is the nearest sentence end.
_BREAK_BEFORE_REVERSED = re.compile(r"\n|[A-Z\"'“‘(]\s+[.!?]")


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(0, pos - 400)
    # The end of _BREAK_BEFORE's last match in text[start:pos], found from `pos` backwards (speed
    # only: it is the match nearest `pos`, and every other candidate ends before it).
    back = _BREAK_BEFORE_REVERSED.search(text[start:pos][::-1])
    if back is not None:
        start = pos - back.start() - (0 if back.group() == "\n" else 1)
    hi = min(len(text), pos + 400)
    m2 = _BREAK_AFTER.search(text, pos, hi)
    end = m2.end() if m2 else hi
    return start, end


def is_past(text: str, start: int, end: int) -> bool:
    """True when the nearest tense cue in the sentence is a past one ("since August" is past itself)."""
    if text.startswith(("since ", "Since "), start):
        return True
    if _SET_DATE_AFTER.match(text, end) or _set_date_before(text, start) or _move_target_before(text, start):
        return False  # "teasing the series' May debut date", "gave the launch date: May 4": set, ahead
    s_start, s_end = _sentence_bounds(text, start)
    rel = start - s_start
    sentence = text[s_start:s_end]
    rel_end = end - s_start
    best: tuple[int, bool] | None = None
    saying = False  # a verb of saying elsewhere: the tense when nothing else gives one, unless quoted
    for at, cue_end, past, reporting, before_only in _tense_cues(sentence):
        if s_start + at >= start and s_start + at < end:
            continue  # inside the expression itself ("last year")
        if cue_end <= rel <= cue_end + 8 and sentence[at:cue_end].lower() in ("later", "earlier") \
                and _TIME_LEAD.match(sentence, cue_end):
            continue  # "Later in May, the team resumed ...": part of the time, not a tense
        if before_only and cue_end > rel:
            continue
        after_the_date = reporting and 0 <= at - rel_end <= _REPORTED_AFTER_REACH  # "On Friday, X unveiled ...": its day
        if reporting and not after_the_date and not 0 <= rel - cue_end <= _REPORTING_REACH \
                and not _shown_object_then_date(sentence, at, cue_end, rel):
            saying = saying or not _QUOTE.search(sentence, min(cue_end, rel), max(cue_end, rel))
            continue
        distance = abs(at - rel)
        lo, hi = (cue_end, rel) if cue_end <= rel else (rel_end, at)
        if lo < hi and _CLAUSE_BREAK.search(sentence, lo, hi):
            distance += _ACROSS_CLAUSE
        elif at >= rel_end and "," in sentence[rel_end:at]:
            distance += _AFTER_A_COMMA  # "X, which was released on July 10, will stream ...": July 10 is the clause's
        if best is None or distance < best[0]:
            best = (distance, past)
    return bool(best[1]) if best else saying


# "unveiled an early look at the new season on Friday": a reveal verb and its object, then the day it
# happened (not what was said: "revealed the film will open ...", "revealed the release date of ...")
_SHOWN_VERBS = ("unveiled", "revealed", "teased")
_NOT_AN_OBJECT = re.compile(r"\b(?:that|will|would|is|are|was|were|has|have|had|could|should|may|might|can|date|window|"
                            r"launch|release|premiere|debut)\b", re.I)


def _shown_object_then_date(sentence: str, at: int, cue_end: int, rel: int) -> bool:
    return (cue_end < rel <= cue_end + 80 and sentence[at:cue_end].lower() in _SHOWN_VERBS
            and _NOT_AN_OBJECT.search(sentence, cue_end, rel) is None)


def _set_date_before(text: str, start: int) -> bool:
    lo = max(0, start - 45)
    return _SET_DATE_BEFORE_GATE.in_window(text, lo, start) and _SET_DATE_BEFORE.search(text, lo, start) is not None


def _move_target_before(text: str, start: int) -> bool:
    lo = max(0, start - 70)
    return _MOVE_TARGET_GATE.in_window(text, lo, start) and _MOVE_TARGET_BEFORE.search(text, lo, start) is not None


@lru_cache(maxsize=16)
def _tense_cues(sentence: str) -> tuple[tuple[int, int, bool, bool, bool], ...]:
    """(start, end, is past, is a verb of saying, counts only before a date) of the tense cues in a
    sentence, future ones first.
    Kept for the last few sentences: a sentence with several dates ("began on March 3 and wraps in
    the fall") is read once."""
    lowered = sentence.lower()
    cues = []
    for pattern, past in ((_FUTURE, False), (_COMING_BEFORE, False), (_PAST, True)):
        for m in pattern.finditer(sentence, lowered):
            if past and (_PASSIVE_END.search(sentence, lowered, max(0, m.start() - 12), m.start())
                         or _INFINITIVE_END.search(sentence, lowered, max(0, m.start() - 12), m.start())):
                continue  # "won't be released", "set to hit": not a past tense
            if not past and _NOUN_LEAD.search(sentence, lowered, max(0, m.start() - 30), m.start()):
                continue  # "made its much-delayed return on Sunday": a noun, no tense
            if past and _ARTICLE_END.search(sentence, lowered, max(0, m.start() - 8), m.start()):
                continue  # "the cast will begin": a noun
            if past and _HABIT_AFTER.match(lowered, m.end()):
                continue  # "episodes released weekly until ...": a schedule, no past tense
            if lowered.startswith(("earlier", "later"), m.start()) and _SPAN_END.search(
                    sentence, lowered, max(0, m.start() - 8), m.start()):
                continue
            cues.append((m.start(), m.end(), past, past and lowered[m.start():m.end()] in _REPORTING,
                         pattern is _COMING_BEFORE))
    return tuple(cues)


def occurrence(month: int, day: int | None, dct: date, past: bool) -> int:
    """The year of the next (or, in past tense, the last) occurrence of month/day around dct."""
    probe_day = day or 1
    if not past:
        if (month, probe_day) >= (dct.month, dct.day if day else 1):
            return dct.year
        return dct.year + 1
    if (month, probe_day) <= (dct.month, dct.day):
        return dct.year
    return dct.year - 1

