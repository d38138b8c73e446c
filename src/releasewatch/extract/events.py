"""Cue lexicons: which event a phrase speaks of, how sure it is, who it cites."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

import yaml

from .fastre import Folded, WordList, first_letter_groups, occurrences, plain_ascii

_LEXICON: dict[str, Any] = yaml.safe_load(
    resources.files(__package__).joinpath("lexicons", "events.yaml").read_text("utf-8"))


def _expand(branch: str) -> str:
    """A lexicon branch with its <NAME> fragments filled in."""
    for name, fragment in _LEXICON["fragments"].items():
        branch = branch.replace(f"<{name}>", fragment)
    return branch


def names(key: str) -> str:
    """A lexicon's list of names ("festivals", "shows") as an alternation, spaces as any run of them."""
    return "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in _LEXICON[key])


def _alternation(key: str) -> str:
    return "|".join(_expand(b) for b in _LEXICON[key])


# Each event's cues (lexicons/events.yaml); a sentence's cue nearest to a date decides the event of that date.
_EVENT_CUES: list[tuple[str, str]] = [(event, "|".join(_expand(b) for b in branches))
                                      for event, branches in _LEXICON["event_cues"].items()]
EVENT_CUES = [(event, Folded.words(pattern, r"\b")) for event, pattern in _EVENT_CUES]
# Every event cue contains one of these stems: sentences without any cannot hold a claim.
CUE_HINT = WordList([_expand(word) for word in dict.fromkeys(_LEXICON["cue_hint"])])
# A cheap test before each event's big pattern: most sentences mention no filming, trailer or premiere.
_EVENT_HINTS = {event: Folded(pattern, fast=first_letter_groups(pattern))
                for event, pattern in _LEXICON["event_hints"].items()}
_ANY_HINTS = "|".join(hint.pattern for hint in _EVENT_HINTS.values())
_ANY_EVENT_HINT = Folded(_ANY_HINTS, fast=first_letter_groups(_ANY_HINTS))  # grouped by first letter: speed only

NEGATION = Folded.words(_alternation("negation"))
# Every negation holds one of these words and lies within this many characters of it: it is looked
# for only there, not over the whole text.
_NEGATION_ENDS = tuple(_LEXICON["negation_ends"])
_NEGATION_REACH = 100
_NEGATION_AFTER = 90  # "release date ... will be announced later" ends after its anchor


# "when" anchors a negation only after one of the verbs that the negations with "when" use.
_WHEN_AFTER = re.compile("know|confirm|say|said|tell|share|reveal|answer|clear|mystery|word|indication|news|announc|sure|certain|"
                         "lipped|quiet|silent|coy|cagey|mum|"
                         "details|inform|away|"
                         "specif|disclos|dark|telling|knows")


def find_negations(text: str, lowered: str) -> list[re.Match[str]]:
    """NEGATION's matches in `text` (`lowered` is text.lower())."""
    if len(lowered) != len(text):
        return list(NEGATION.finditer(text, lowered))
    anchors = [at for word in _NEGATION_ENDS for at in occurrences(lowered, word)
               if word != "when" or _WHEN_AFTER.search(lowered, max(0, at - 30), at)]
    windows: list[tuple[int, int]] = []
    for a in sorted(anchors):
        lo, hi = max(0, a - _NEGATION_REACH), a + _NEGATION_AFTER
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return [m for lo, hi in windows for m in NEGATION.finditer(text, lowered, lo, min(hi, len(text)))]


_SPECULATIVE = Folded.words(_alternation("speculative"), r"\b")
_MAY = re.compile(r"\bmay\b")  # the verb only: "May" is the month
REPORTED = Folded.words(_alternation("reported"), r"\b")
_STUDIOS = _alternation("studios")
# Words that state a date as settled ("officially", "opened in", "was moved"); and a studio's own act.
_OFFICIAL = _alternation("official")
# A studio's own act: "Lionsgate has set ...", "Sony moved ..." (case-sensitive: names).
_BY_STUDIO = re.compile(
    rf"\b(?:{first_letter_groups(_STUDIOS)})(?:\s+has|\s+have|\s+had|\s+will)?"
    r"\s+(?:officially\s+)?(?:set|sets|dated|dates|announced|announces|confirmed|confirms|revealed|reveals|"
    r"moved|moves|pushed|pushes|delayed|delays|shifted|shifts|scheduled|schedules|slated|slates|"
    r"bumped|bumps|unveiled|unveils|released|releases|dropped|drops|debuted|debuts|will\s+release)\b")
# "Lionsgate said Monday that ...", "a Netflix spokesperson told Variety", "said Sony's CEO": the
# studio's own word, which makes a date official even though it is attributed.
_SAYS = r"(?:has\s+|have\s+)?(?:said|says|told|tells|confirmed|confirms|announced|announces|stated|states"
_SAYS_OR_SHARES = _SAYS + r"|revealed|reveals|shared|shares|noted|notes|explained|explains|added|adds|teased|teases)\b"
_SAYS += r")\b"
_EXECUTIVE = r"spokes(?:person|man|woman)|CEO|chief|president|head|boss"
_STUDIO_SPEAKER = re.compile(
    rf"\b(?:{first_letter_groups(_STUDIOS)})(?:['’]s)?(?:\s+(?:{_EXECUTIVE}|"
    r"chairman|chairwoman|executive|co-chairs?|rep(?:resentative)?)\b[\w\s,]{0,30}?)?"
    rf"\s+{_SAYS_OR_SHARES}|"
    rf"\b(?:said|says|confirmed|announced|[Aa]ccording\s+to)\s+(?:a\s+|an\s+)?(?:new\s+|official\s+)?(?:{first_letter_groups(_STUDIOS)})\b|"
    # "the studio behind X says", "X developer Ironlight said", "the publisher confirmed"
    r"\b(?:[Tt]he\s+)?(?:studio|publisher|developer|distributor|network|streamer)(?:\s+behind\s+[^,.;]{1,40}?|"
    rf"(?:\s+[A-Z][\w&.-]*){{1,3}})?\s+{_SAYS}|"
    # a company by its kind: "Ironlight Games says", "Nightjar Studios' CEO said"
    r"\b[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,2}\s+(?:Games|Studios?|Entertainment|Pictures|Interactive|Productions|"
    rf"Software|Films|Animation)(?:['’]s?\s+(?:{_EXECUTIVE})\b[\w\s,]{{0,30}}?)?\s+{_SAYS}|"
    r"\b[Aa]ccording\s+to\s+(?:a|an|the|its)\s+(?:official\s+)?(?:press\s+(?:release|statement)|statement|announcement)\b")


@lru_cache(maxsize=4)  # asked for each of a sentence's dates: read once (speed only)
def said_by_studio(sentence: str) -> bool:
    """Whether the sentence's attribution is to the studio, publisher or one of its executives."""
    return _STUDIO_SPEAKER.search(sentence) is not None


@lru_cache(maxsize=4)  # asked for each of a sentence's dates: read once (speed only)
def is_reported(sentence: str, lowered: str) -> bool:
    """Whether the sentence attributes what it says ("reportedly", "sources say"); `lowered` is sentence.lower()."""
    return REPORTED.search(sentence, lowered) is not None


_OFFICIAL_WORDS = re.compile(rf"\b(?:{first_letter_groups(_OFFICIAL) or _OFFICIAL})\b")


def is_official(clause: str) -> bool:
    """Whether the clause states the date as settled (a studio's act, "officially", "opened in", ...)."""
    return bool(_OFFICIAL_WORDS.search(clause) or _BY_STUDIO.search(clause))
_NAME = r"[A-Z][\w.&'’+-]*(?:\s+(?:[A-Z][\w.&'’+-]*|of|the|and|&))*?(?:\s+[A-Z][\w.&'’+-]*)?"
CITATION = [
    re.compile(rf"\bper\s+(?P<who>{_NAME})(?=[\s,.;:)\]!?]|$)"),
    re.compile(rf"\baccording\s+to\s+(?:a\s+(?:new\s+)?report\s+(?:from|by|in)\s+|sources\s+at\s+|)(?P<who>{_NAME})"
               rf"(?=[\s,.;:)\]!?]|$)"),
    re.compile(rf"\bas\s+(?:first\s+)?reported\s+by\s+(?P<who>{_NAME})(?=[\s,.;:)\]!?]|$)"),
    re.compile(rf"\b(?:told|tells)\s+(?P<who>{_NAME})(?=[\s,.;:)\]!?]|$)"),
    re.compile(rf"(?P<who>{_NAME})\s+(?:reports|reported|has\s+learned|first\s+reported|is\s+reporting|"
               rf"exclusively\s+reported|revealed\s+exclusively)\b"),
]
_NOT_OUTLETS = {"It", "He", "She", "They", "We", "I", "The", "This", "That", "Sources", "Insiders", "A", "An"}
_PLATFORMS = (r"Netflix|Prime\s+Video|Amazon\s+Prime\s+Video|Disney\+|Hulu|Max|HBO\s+Max|Peacock|Apple\s+TV\+|"
              r"Paramount\+|PVOD|digital|Digital|Blu-ray|DVD|4K|PS5|PlayStation\s+5|PS4|PlayStation\s+4|"
              r"Xbox\s+Series\s+X\|S|Xbox\s+Series\s+X|Xbox\s+One|Xbox|Nintendo\s+Switch\s+2|Nintendo\s+Switch|"
              r"Switch\s+2|Switch|PC|Steam|Epic\s+Games\s+Store|mobile|iOS|Android|VOD|streaming")
PLATFORM = re.compile(rf"\b(?:on|via|to|for)\s+(?P<q>{_PLATFORMS})(?![\w+])")
# A run of platforms and stores between a cue and its date ("out on Switch, PC (Steam),
# Xbox and the Epic store on May 4")
PLATFORM_RUN = re.compile(rf"(?:\s*(?:,|and|or|&|via|for|on|to|the|its|and\s+on|as\s+well\s+as|Microsoft\s+Store|{_PLATFORMS})(?![\w+]))+\s*")
_REGIONS = ("U.S.", "US", "United States", "UK", "U.K.", "United Kingdom", "Canada", "Australia", "Japan", "Europe",
            "North America", "China", "France", "Germany", "India", "Korea", "Mexico", "Brazil", "Italy", "Spain")
REGION_NAMES = frozenset(r.replace(".", "").lower() for r in _REGIONS)  # as qualifiers are stored
_REGION_ALTERNATIVES = "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in _REGIONS)
REGION = re.compile(r"\b(?:in\s+(?:the\s+)?|(?=\w+\s+(?:release|theaters|theatres|cinemas)))"
                    rf"(?P<q>{_REGION_ALTERNATIVES})(?!\w)")
MOVE = Folded.words(r"mov(?:e|es|ed|ing)|push(?:es|ed|ing)?|delay(?:s|ed|ing)?|shift(?:s|ed|ing)?|"
                  r"bump(?:s|ed|ing)?|slid|slides|slipp?(?:ed|s)?|postpon(?:e|es|ed|ing)|reschedul(?:e|es|ed|ing)|"
                  r"pull(?:s|ed)?\s+(?:up|forward)|brought\s+forward|advanc(?:e|es|ed)|chang(?:e|es|ed)|"
                  r"(?:new|updated)\s+(?:release\s+)?date", r"\b")


class Cue(NamedTuple):
    event: str
    start: int
    end: int


def event_cues(sentence: str, lowered: str | None = None) -> list[Cue]:
    """Every event cue in a sentence, earliest first; overlapping cues keep the first-listed event.
    `lowered` is sentence.lower(), if the caller has it."""
    lowered = sentence.lower() if lowered is None else lowered
    # pick each Folded pattern's variant once, not per call: 0 slow, 1 fast, 2 its ASCII twin
    variant = 0 if len(lowered) != len(sentence) else 2 if plain_ascii(lowered) else 1
    subject = sentence if variant == 0 else lowered
    found: list[Cue] = []
    taken: list[tuple[int, int]] = []
    any_hint = _variant(_ANY_EVENT_HINT, variant).search(subject) is not None
    for event, folded in EVENT_CUES:
        hint = _EVENT_HINTS.get(event)
        if hint is not None and not (any_hint and _variant(hint, variant).search(subject)):
            continue
        spans = folded.word_spans(subject) if variant == 2 else [m.span() for m in _variant(folded, variant).finditer(subject)]
        for start, end in spans:
            if any(start < e and s < end for s, e in taken):
                continue
            found.append(Cue(event.rstrip("+"), start, end))  # "release+": more release cues, behind a hint
            taken.append((start, end))
    found = [c for c in found if not _not_this_event(lowered, c) and not _broadcast_subject(lowered, c)]
    return _verbs_of_their_subject(sentence, lowered, sorted(found, key=lambda c: c.start))


def _variant(folded: Folded, variant: int) -> re.Pattern[str]:
    return folded.fast_ascii if variant == 2 else folded.fast if variant == 1 else folded.slow


# "pre-production began", "released a video explaining ...", "pre-orders going live": the cue's words,
# but not the title's filming or release.
_PRE_POST = re.compile(r"(?:pre|post)-$")
_HALTED = re.compile(r"\b(?:paused|halted|stopped|suspended|shut\s+down|pausing|halting|suspending)\s+$")
_HALTED_AFTER = re.compile(r"(?:\s+(?!(?:and|but|then|began|begins|started|starts|was|were|is|has|had|in|on|at)\b)[\w'’:&-]+){0,6}?"
                           r"\s+(?:was|were|has\s+been|had\s+been|is|got)\s+(?:[a-z]+ly\s+)?(?:postponed|halted|"
                           r"paused|suspended|shut\s+down|delayed|put\s+on\s+hold|stopped)\b")
_RELEASED_OBJECT = re.compile(r"\s+(?:a|an|the|its|their|new|some)\s+(?:new\s+|short\s+|brief\s+|official\s+)?(?:video|statement|"
                              r"update|image|images|photo|photos|poster|posters|still|stills|clip|details|information|list|report|"
                              r"letter|note|song|single|album|soundtrack|book|comic|podcast|survey|patch|demo|beta)\b")
_NOT_RELEASE_BEFORE = re.compile(r"\b(?:pre-?orders?|pre-?loads?|pre-?downloads?|beta|demo|playtest|alpha|tickets?|"
                                 r"soundtrack|album|single|book|novel|comic|reviews?|embargo|dlc|expansion|patch|"
                                 r"season\s+pass)\s+(?:(?!and\b|but\b|with\b|while\b)[\w'’-]+\s+){0,5}?$")


_MOVE_STEMS = ("postpon", "delay", "push", "halt", "paus", "suspend", "shut")
_SHOOT_SUBJECT = re.compile(r"\b(?:production|filming|shooting|the\s+shoot|principal\s+photography)\s+(?:(?:on|of|for)\s+[^,.;]{1,40}?\s+)?"
                            r"(?:(?:had|has|have|was|were|is|are|got|been|being)\s+){0,3}(?:[a-z]+ly\s+)?$")


def _not_this_event(lowered: str, cue: Cue) -> bool:
    if cue.event in ("production_start", "production_end") and _PRE_POST.search(lowered, max(0, cue.start - 5), cue.start):
        return True
    if cue.event == "production_start" and (_HALTED.search(lowered, max(0, cue.start - 25), cue.start)
                                            or _HALTED_AFTER.match(lowered, cue.end)):
        return True  # "the series halted filming in June", "filming on X was postponed": a halt, not a start
    if cue.event != "release":
        return False
    word = lowered[cue.start:cue.end]
    if word.startswith(_MOVE_STEMS) and _SHOOT_SUBJECT.search(lowered, max(0, cue.start - 70), cue.start):
        return True  # "filming was put off until June": the shoot moved, not the release
    if word.startswith("releas") and (_RELEASED_OBJECT.match(lowered, cue.end) or lowered.endswith("press ", 0, cue.start)):
        return True  # "released a statement", "a press release sent out today"
    window = lowered[max(0, cue.start - 40):cue.start]
    if not any(word in window for word in _NOT_RELEASE_WORDS):
        return False  # speed only: every match holds one of these
    return _NOT_RELEASE_BEFORE.search(lowered, max(0, cue.start - 40), cue.start) is not None


# "the developer livestream premieres on May 4", "the showcase airs on June 11": a release or
# premiere verb whose subject is a broadcast speaks of the broadcast ("the show" is often the series)
_BROADCASTS = ("showcase", "direct", "presentation", "livestream", "broadcast", "deep dive", "panel", "conference", "keynote",
               # other things that open or take place on a day: a ceremony, a fair, a park
               "awards", "ceremony", "expo", "convention", "park", "attraction", "exhibition")
_BROADCAST = re.compile(r"\b(?:" + "|".join(re.escape(b).replace(r"\ ", r"\s+") for b in _BROADCASTS) + r")\s+"
                        r"(?:(?:is|are|will|would|was|were|has|had|be|been|set|to|also)\s+){0,4}$")
_BROADCAST_WORDS = tuple(b.split()[-1] for b in _BROADCASTS)  # a word of every match, for the speed gate


def _broadcast_subject(lowered: str, cue: Cue) -> bool:
    if cue.event not in ("release", "premiere"):
        return False
    before = lowered[max(0, cue.start - 40):cue.start]
    if not any(word in before for word in _BROADCAST_WORDS):
        return False  # speed only: every match holds one of these
    return _BROADCAST.search(before) is not None



_NOT_RELEASE_WORDS = ("pre", "beta", "demo", "playtest", "alpha", "ticket", "soundtrack", "album", "single", "book", "novel",
                      "comic", "review", "embargo", "dlc", "expansion", "patch", "pass")


# "The trailer drops on June 3", "the world premiere is set for May 14": a release verb whose subject
# is a trailer or a premiere speaks of that event.
_SUBJECT_GAP = Folded(r",?(?:\s+(?:for|of|at)\s+(?:(?!\b(?:when|while|as|after|before|until|since|where|that|which|who)\b)"
                      r"[^,;.()]){1,60}?)?(?:\s+(?:is|was|will|would|could|should|has|have|had|be|been|being|now|"
                      r"officially|finally|just|also|set\s+to|expected\s+to|scheduled\s+to|due\s+to|going\s+to|to)"
                      r")*\s+")


# "Universal released the first Mercy Street teaser": the verb's object is the trailer.
_OBJECT_GAP = Folded(r"\s+(?:the|a|an|its|their)\s+(?:[\w'’:&-]+\s+){0,5}")
_SHOWING_VERB = Folded(r"(?:releas|drop|unveil|debut|launch|shar|reveal|post)")


def _verbs_of_their_subject(sentence: str, lowered: str, cues: list[Cue]) -> list[Cue]:
    out: list[Cue] = []
    for i, cue in enumerate(cues):
        prev = out[-1] if out else None
        nxt = cues[i + 1] if i + 1 < len(cues) else None
        if (cue.event in ("release", "premiere") and prev is not None and prev.event in ("trailer", "premiere")
                and _SUBJECT_GAP.fullmatch(sentence, lowered, prev.end, cue.start)):
            cue = Cue(prev.event, cue.start, cue.end)  # ("a new trailer for X will premiere next week": the trailer's)
        elif (cue.event == "release" and nxt is not None and nxt.event == "trailer"
              and _SHOWING_VERB.match(sentence, lowered, cue.start)
              and _OBJECT_GAP.fullmatch(sentence, lowered, cue.end, nxt.start)):
            cue = Cue("trailer", cue.start, cue.end)
        out.append(cue)
    return out


# "told us filming would begin": reported speech shifts "will" to "would"; that is no hedge.
_REPORTED_SPEECH_BEFORE = re.compile(r"\b(?:said|told|announced|confirmed|revealed|stated|insisted|promised)\b"
                                     r"[^.;!?]{0,50}$")


def is_speculative(clause: str, start: int = 0, end: int | None = None) -> bool:
    """Whether a hedge stands in clause[start:end] (the reported-speech test reads the whole clause)."""
    lowered = clause.lower()
    end = len(clause) if end is None else end
    for m in _SPECULATIVE.finditer(clause, lowered, start, end):
        if not (m.group().startswith("would") and _REPORTED_SPEECH_BEFORE.search(lowered, 0, m.start())):
            return True
    return "may" in clause[start:end] and _MAY.search(clause, start, end) is not None


# A word every CITATION pattern contains: most sentences have none, and skip the five patterns.
_CITATION_HINT = re.compile(r"per\s|according|reported|told|tells|reports|learned|reporting|exclusively")
_CITATION_WORDS = ("per", "according", "reported", "told", "tells", "reports", "learned", "reporting", "exclusively")


def cited_outlet(sentence: str) -> str | None:
    if not any(word in sentence for word in _CITATION_WORDS) or not _CITATION_HINT.search(sentence):
        return None  # the substring tests first: speed only
    for pattern in CITATION:
        m = pattern.search(sentence)
        if m:
            who = m.group("who").strip(" .,'’")
            who = re.sub(r"[’']s$", "", who)
            if who and who.split()[0] not in _NOT_OUTLETS:
                return who
    return None


# The names alone, which start with a literal (grouped by first letter): most clauses name none,
# and skip the longer patterns. Speed only.
_PLATFORM_NAME = re.compile(first_letter_groups(_PLATFORMS) or _PLATFORMS)
_REGION_NAME = re.compile(first_letter_groups(_REGION_ALTERNATIVES) or _REGION_ALTERNATIVES)


_PART_NUMBERS = {"2": 2, "3": 3, "4": 4, "two": 2, "three": 3, "four": 4, "ii": 2, "iii": 3, "iv": 4, "second": 2, "third": 3,
                 "fourth": 4}
_PART = re.compile(r"\b(?:part|volume|vol\.)\s+(?P<n>2|3|4|two|three|four|ii|iii|iv)\b|"
                   r"\b(?:the\s+)?(?P<o>second|third|fourth)\s+(?:part|volume|batch|half\s+of\s+the\s+season)\b", re.I)


def part_of(clause: str) -> str | None:
    """"Part 2 lands September 3", "the second volume arrives ...": a later part of a season, as its
    own release track ("part 2"); the first part is the season's release itself."""
    m = _PART.search(clause)
    return f"part {_PART_NUMBERS[(m['n'] or m['o']).lower()]}" if m else None


def qualifier_of(clause: str) -> str | None:
    m = PLATFORM.search(clause) if _PLATFORM_NAME.search(clause) else None
    if m:
        return " ".join(m.group("q").split())
    m = REGION.search(clause) if _REGION_NAME.search(clause) else None
    if m:
        return m.group("q").replace(".", "")
    return None


# "Disney released the first trailer on Wednesday", "Netflix released today a trailer", "premiered its
# first full trailer": a release verb whose object is a trailer is the trailer's day
_SHOWING_VERBS = ("released", "releases", "premiered", "premieres", "debuted", "debuts", "dropped", "drops", "launched",
                  "unveiled", "shared", "put out")
_TRAILER_OBJECT = re.compile(r"\s+(?:(?:today|yesterday|tonight|this\s+morning|on\s+[A-Z]\w+day|[A-Z]\w+day)\s+)?"
                             r"(?:a|an|the|its|their|his|her)\s+(?:[\w-]+\s+){0,3}?(?:trailers?|teasers?|clips?|footage|"
                             r"promo|first\s+look|sneak\s+peek)\b", re.I)


def trailer_is_object(sentence: str, cue: Cue) -> bool:
    """The release cue is a showing verb whose object is a trailer ("released the first trailer")."""
    return (sentence[cue.start:cue.end].lower().endswith(_SHOWING_VERBS)
            and _TRAILER_OBJECT.match(sentence, cue.end) is not None)


# "slated for a November 27 premiere", "moved to a June 5 premiere": a scheduled premiere with its
# date before it is the opening itself (a festival's is a "world premiere", "premiere at Venice")
_SCHEDULED_FOR = re.compile(r"\b(?:slated|set|scheduled|dated|moved|pushed|shifted|delayed|bumped|targeting|eyeing|aiming)\b"
                            r"[^.;]{0,60}?\b(?:for|to|at)\s+(?:a|an|its|the)\s+$", re.I)


def premiere_is_opening(sentence: str, cue: Cue, time_start: int, time_end: int) -> bool:
    """The premiere cue right after a scheduled date ("slated for a November 27 premiere") is the opening."""
    return (sentence[cue.start:cue.end].lower() == "premiere" and not sentence[time_end:cue.start].strip()
            and _SCHEDULED_FOR.search(sentence, max(0, time_start - 90), time_start) is not None
            and not sentence.startswith((" at", " in"), cue.end))

