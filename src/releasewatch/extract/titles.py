"""Where tracked titles (and other titles) are mentioned, and which title a sentence is about."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

from ..models import Title
from .fastre import finditer_at, occurrences
from .implied import base_names, implied_names, season_after, season_of, subtitles
from .places import (
    PART_OF_SEASON,
    TITLE_NUMBER,
    names_a_part,
    ordinal_of,
    other_in_series,
    series_places,
    title_number,
)

# Words that refer back to the article's main title.
ANAPHORA = re.compile(
    r"\b(?:the|this|that)\s+(?:film|movie|spin-?off|sequel|prequel|project|picture|feature|game|title|series|"
    r"show|adaptation|reboot|remake|installment|instalment|follow-up|thriller|actioner|action\s+film|"
    r"action\s+movie|entry|release|blockbuster)\b|\b(?:it|its|it's|it’s)\b",
    re.I,
)
# The words of an aside that gives a name its own date: "Night Tide, due in December"
DATED_ASIDE = r"(?:due|arriving|coming|slated|dated|set)"
# Titles of other works: "Chapter 4", "Part Two", quoted names, "John Wick: Chapter 4".
OTHER_TITLE = re.compile(
    r"(?<!-)(?:"  # never inside a hyphenated word: "Ebon Moss-Bacharach premieres ..." names no work "Bacharach"
    r"\b(?:Chapter|Part|Volume|Vol\.|Episode|Book|Act)\s+(?:\d+|[IVX]+|One|Two|Three|Four|Five|Six)\b|"
    r"[\"“‘](?P<quoted>[A-Z0-9][^\"”’‘“]{1,60}?)[,.]?[\"”’](?!\w)|"
    # (a colon title's words may be hyphenated: "Spider-Man: Beyond the Spider-Verse")
    r"\b[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*(?:\s+[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*){0,4}+:\s+[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*"
    r"(?:\s+(?:[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*|\d+|of|the))*|"
    # "Starfield's September 6 release date", "Elemental's 2023 launch": a name whose possessive owns a dated event
    r"\b(?P<owned>[A-Z][\w’'-]*?(?:\s+(?:[A-Z][\w'’-]*|of|the|&|\d+)){0,4}?)(?=['’]s\s+(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|"
    r"Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?|\d{4})\s+(?:[\w-]+\s+)?"
    r"(?:release|launch|premiere|debut|opening|bow)\b)|"
    # "The Crow, which opens...", "Furiosa opens ...": a capitalised name right before a release verb
    # (possessive: a shorter name could never meet the verb, so the engine need not try one)
    r"\b(?P<named>(?:The\s+)?[A-Z][\w'’]+(?:\s+(?:[A-Z][\w'’]+|of|the|and|&|\d+|season\s+\d+)){0,6}+)"
    # "Elemental (2023)": a name with its year in brackets; "Lantern Coast, which has a launch date of ..."
    r"(?=\s+\((?:19|20)\d\d\)|,\s+which\s+(?:has|had|now\s+has)\s+(?:a|an|its)\s+(?:[\w-]+\s+)?(?:release|launch|premiere)\s+date\b|"
    r",\s+(?:(?:its|the|a|an|another|their|his|her|from|by|starring|with)\s+[^,.;]{1,45}|meanwhile|too|also|however|"
    r"though|in\s+turn),\s+"
    r"(?:now\s+|also\s+)?(?:opens|arrives|debuts|premieres|launches|lands|hits|releases|is\s+set|is\s+slated|is\s+dated|"
    r"(?:was|were)\s+(?:released|dated|delayed|moved)|opened|debuted|premiered|launched|arrived)\b|"
    r"(?:,|\s+[-–—])\s+which\s+(?:now\s+|also\s+)?(?:opens|hits|arrives|debuts|is\s+set|is\s+slated|is\s+dated|releases|launches|"
    r"premieres|streams|drops|comes|bows?|open|arrive|debut|release|launch|premiere)|"
    r",\s+(?:was|were)\s+(?:released|dated|delayed|moved|shot|filmed)|"
    r",\s+(?:now\s+)?out\s+(?:on\s+|in\s+)?(?:now\b|\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)|"
    # "Night Tide, due in December", "Night Tide, arriving July 17": a name and its own date in an aside
    rf",\s+{DATED_ASIDE}\s+(?:for\s+|in\s+|on\s+|to\s+\w+\s+(?:in|on)\s+)?"
    r"(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|(?:this|next|later|early|late)\b)|"
    r"\s+(?:opens|hits\s+theaters|arrives|debuts|premieres|launches|lands|"
    r"(?:is|are)\s+(?:still\s+|now\s+|also\s+|currently\s+)?(?:set|slated|dated)\s+for)\b|"
    r"\s+(?:is|was|has\s+been|have\s+been|has\s+also\s+been|has\s+now\s+been|are|were)\s+(?:now\s+|also\s+|"
    r"officially\s+)?(?:pushed|moved|delayed|"
    r"bumped|shifted|scheduled|slated|dated|due)\b|,\s+which\s+(?:[\w'’,]+\s+){1,10}?(?:will|is|was|has\s+been|"
    r"have\s+been)\s+(?:now\s+|also\s+)?(?:release|open|arrive|debut|launch|set|slated|scheduled|dated|due|delayed|"
    r"moved|pushed|bumped)|"
    r"\s+(?:was|were)\s+(?:released|launched|dated|delayed)\b|"
    r"\s+(?:is|are|was|were|will\s+be)\s+(?:still\s+|now\s+|also\s+)?(?:set|slated|scheduled|due|dated)\s+to\s+"
    r"(?:release|launch|open|arrive|debut|hit)|"
    r"\s+(?:will\s+)?(?:launch(?:es)?|releases)\s+(?:on|in|this|next|later|early|late)\b|"
    r"\s+(?:will\s+)?[a-z]+s?\s+(?:in)?to\s+(?:theaters|theatres|cinemas)\b|"
    r"\s+(?:is|are|will\s+be)\s+(?:now\s+)?(?:released|out|available|streaming)\s+(?:in|on)\b|"
    r"\s+(?:released|launched|premiered|debuted|opened)\s+(?:back\s+)?(?:in|on|last|earlier|this)\b|"
    r"\s+(?:will\s+(?:now\s+)?be|is\s+now|has\s+now\s+been)\s+released\b|"
    # "Night Tide, a Universal horror film that ...": a name and what kind of work it is
    # (indefinite: "According to Variety, the film ..." names an outlet)
    r",\s+(?:a|an)\s+(?:[\w'’-]+\s+){0,5}?(?:thriller|film|movie|drama|comedy|documentary|horror|sequel|prequel|"
    r"spin-?off|remake|adaptation|biopic|musical)\b)|"
    # a console's own launch: "once the Switch 2 launches in the fall"
    r"\b(?:Xbox\s+Series\s+[XS](?:\s*[|/]\s*S)?|Xbox\s+One|PlayStation\s+[45](?:\s+Pro)?|PS[45](?:\s+Pro)?|"
    r"Nintendo\s+Switch(?:\s+2)?|Switch\s+2|Steam\s+Deck)(?=\s+(?:launches|launched|arrives|arrived|releases|released|"
    r"hits|debuts|debuted|goes\s+on\s+sale|went\s+on\s+sale)\b)|"
    # A franchise as a whole: "the Jurassic World trilogy", "the Alien franchise", "the Toy Story films"
    r"\b[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+){0,3}\s+(?:trilogy|franchise|saga|duology|films|movies|games)\b|"
    # Numbered sequels: "Deadpool 3", "Fable III", "Cap 4" (not a month's day, a console or a phase)
    r"\b(?P<numbered>[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+){0,3}+\s+(?:[2-9]|1\d|II|III|IV|VI|VII|VIII|IX))"
    r"(?![\w'’]|[.,]\d|\s*(?:%|percent|million|billion|years?|days?|weeks?|months?|hours?|minutes?|episodes?|"
    r"seasons?|games?|films?|movies?|[-–]))"
    r")"
)
_NOT_NUMBERED = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Season|"
    r"Phase|Episode|Volume|Vol|Chapter|Part|Top|Day|Week|Act|Level|Stage|Round|Game|Q|PlayStation|PS|Switch|"
    r"Xbox|Windows|iPhone|Series|Class|Category|Section|Article|Title|Number|No|Issue|Book|Page|Route|"
    r"Studio|Studios|Mode|Version|Update|Patch|Wave|Year)\b", re.I)
# Where OTHER_TITLE can start: an opening quote, or a capitalised word (not inside "Moss-Bacharach")
# followed by what one of its branches needs next (speed only: most capitalised words are followed by
# none of these): a colon ("John Wick: Chapter 4"), a comma (", which opens"), or after spaces a
# capital, a digit, "&", a joining word of a name ("of", "the", "and", "season 2"), the first word of
# a release verb, or any verb into theaters ("storms into cinemas"); or "Vol.". Each branch's first
# word runs to the end of the word, so this is read right after it. A branch added to OTHER_TITLE
# needs its next word here too.
_OTHER_TITLE_STARTS = re.compile(
    r"[A-Z\"“‘](?:(?<=[\"“‘])|(?<![\w-].)(?=[\w'’]*(?:-[A-Za-z][\w'’]*)*(?::|,|\s+(?:[A-Z0-9&]|of|the|and|season|opens|hits|arrives|debuts|"
    r"premieres|launches|lands|is|was|has|have|are|were|will|launch|releases|released|launched|premiered|debuted|opened)|"
    r"\s+\((?:19|20)\d\d\)|"
    r"\s+[a-z]+s?\s+(?:in)?to\s+(?:theaters|theatres|cinemas))|ol\.))")
_NOT_TITLES = re.compile(r"^(?:The\s+)?(?:Lionsgate|Summit|Warner|Disney|Marvel|Pixar|Sony|Universal|Paramount|A24|"
                         r"Netflix|Amazon|MGM|Apple|Neon|Nintendo|Ubisoft|EA|Sega|Capcom|It|This|That|The\s+film|"
                         r"The\s+movie|The\s+game|The\s+studio|The\s+sequel|The\s+show|The\s+series|He|She|"
                         r"They|We|Which|Who|Also|Next|Now|Then|Here|There|Production|Filming|Shooting|RPG|JRPG|MMO|"
                         r"FPS|DLC|PC|TV|PS5|PS4|Game|Film|Movie|Series|Show|Season|Sequel|Trailer)\b")


_WORKING_TITLE_BEFORE = re.compile(r"\b(?:working\s+title|code\s*-?\s*name|code\s*-?\s*named|production\s+title)"
                                   r"(?:\s+of|\s+as)?[\s,:]+$", re.I)


_MAKER_PREFIX = re.compile(r"(?:[A-Z][\w]*\s+){0,2}[A-Z][\w]*['’]s\s+")


class Mention(NamedTuple):
    title: str | None  # the tracked title's name, or None for another work
    start: int
    end: int
    text: str


class _Spans:
    """Non-overlapping spans; `add` refuses (False) a span that overlaps one already taken."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, start)
        if i > 0 and self.ends[i - 1] > start:
            return False
        if i < len(self.starts) and self.starts[i] < end:
            return False
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        return True


@lru_cache(maxsize=256)
def _name_pattern(name: str, common_word: bool) -> re.Pattern[str]:
    escaped = _phrase(name)
    if common_word:
        # A common word counts only capitalised and singular: never "ballerinas" or "a ballerina".
        return re.compile(rf"(?<![\w-])(?:{escaped})(?:['’]s)?(?![\w-])")
    return re.compile(rf"(?<![\w-])(?:{escaped})(?:['’]s)?(?![\w-])", re.I)


def has_context(title: Title, text: str) -> bool:
    """A common-word title counts only when its context words, or a full alias, appear."""
    if not title.common_word:
        return True
    lowered = text.lower()
    if any(c.lower() in lowered for c in title.context):
        return True
    return any(_name_pattern(alias, False).search(text) for alias in title.aliases)


def find_mentions(text: str, titles: Sequence[Title], active: Sequence[Title] | None = None, *,
                  tracked: list[Mention] | None = None, lowered: str | None = None,
                  within: Sequence[tuple[int, int]] | None = None) -> list[Mention]:
    """Mentions of tracked titles (only those with context) and of other works, by position.

    `active` is the subset of titles whose context is satisfied; others are ignored entirely.
    `tracked` is tracked_mentions(text, active), when the caller has it already (and `lowered`,
    text.lower()). `within`: spans (sorted) outside which other works need not be found (speed only).
    """
    if tracked is None:
        tracked = tracked_mentions(text, titles if active is None else active, lowered=lowered)
    mentions = list(tracked)
    taken = _Spans()
    for mention in mentions:
        taken.add(mention.start, mention.end)
    tracked_names = {n.lower() for t in titles for n in t.names}
    series = {t.name for t in (titles if active is None else active) if t.kind == "series"}
    series_at = [(t.start, t.title) for t in tracked if t.title in series]
    in_window = _inside(within)
    for m in finditer_at(OTHER_TITLE, text, (s.start() for lo, hi in _merged(within, len(text))
                                             for s in _OTHER_TITLE_STARTS.finditer(text, lo, hi))):
        surface = m.group("quoted") or m.group()
        if series_at and PART_OF_SEASON.fullmatch(surface.strip(" ,.")):
            season = _season_before(series_at, m.start())
            if season is not None and taken.add(m.start(), m.end()):  # "Volume 1 debuts November 26"
                mentions.append(Mention(season, m.start(), m.end(), m.group()))
            if season is not None:
                continue
        if m.group("quoted") and not _looks_like_title(surface):
            continue  # a quotation, not a title
        named = m.group("named") or m.group("owned")
        start = m.start()
        if named and _NOT_TITLES.match(named) and (maker := _MAKER_PREFIX.match(named)) and maker.end() < len(named):
            start += maker.end()  # "Disney Pixar's Elemental (2023), which ...": the work, not its maker
            surface = named = named[maker.end():]
        if named and (_NOT_TITLES.match(named) or _STORE.search(named)):
            continue  # ("PC (Steam), the Epic Games Store and Xbox on May 4": where it is sold)
        numbered = m.group("numbered")
        if numbered and (_NOT_NUMBERED.match(numbered) or _NOT_TITLES.match(numbered) or numbered.split()[0] in _NOT_FIRST):
            continue
        if surface.strip().lower().rstrip(",.") in tracked_names or _DATED_OR_OPEN.search(surface):
            continue  # "“Fall 2026”", "Premiering February 16", "Untitled Pixar and": a date or a loose end
        if _is_tracked_alias_part(surface, tracked_names) or _is_word_of_tracked_name(surface, tracked_names):
            continue
        if _WORKING_TITLE_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "shot under the working title 'Kodiak'": the subject's other name, no other work
        if taken.add(start, m.end()):
            mentions.append(Mention(None, start, m.end(), text[start:m.end()]))
    for m in _dated_for(text, text.lower() if lowered is None else lowered):
        if not in_window(m.start()):
            continue
        surface = m.group()
        if (not _NOT_TITLES.match(surface) and surface.lower() not in tracked_names and not _DATED_OR_OPEN.search(surface)
                and not _NAMED_DATE.match(surface) and not _is_tracked_alias_part(surface, tracked_names)
                and not _is_word_of_tracked_name(surface, tracked_names) and taken.add(m.start(), m.end())):
            mentions.append(Mention(None, m.start(), m.end(), surface))
    pool = titles if active is None else active
    season_numbers = {title_number(t) for t in pool if season_of(t) is not None}
    film_numbers = {title_number(t) for t in pool if season_of(t) is None}
    unnumbered = {t.name for t in pool if season_of(t) is None and not any(TITLE_NUMBER.search(n) for n in t.names)}
    tracked_starts = [t.start for t in mentions[:len(tracked)]]  # tracked mentions come first, by position
    for m in series_places(text, text.lower() if lowered is None else lowered):
        place = ordinal_of(m.group())
        lo, hi = bisect.bisect_right(tracked_starts, m.start()), bisect.bisect_left(tracked_starts, m.end())
        inside = [i for i in range(lo, hi) if mentions[i].title is not None and mentions[i].end <= m.end()]
        if inside:  # 'the second "Wicked" movie': the named work's own place decides
            if place is None or all(place != title_number(t) for t in pool if t.name == mentions[inside[0]].title):
                for i in inside:
                    mentions[i] = mentions[i]._replace(title=None)
            continue
        season = _season_before(series_at, m.start()) if series_at and names_a_part(m.group()) else None
        if season is not None:
            owner = season  # "part two (the second part) lands September 3": a part of the tracked season before it
        elif place is not None and place > 1 and "season" not in m.group() and _unnumbered_before(
                tracked, tracked_starts, m.start(), unnumbered):
            continue  # "the second installment" after a title whose name gives no place: it may well be that title
        elif other_in_series(m.group(), season_numbers if "season" in m.group() else film_numbers):
            owner = None  # "season 2" is weighed against the tracked seasons, "the second film" against the rest
        else:  # "the fourth season" in an article tracking season 4 names it, if only one title has that place
            seasons = "season" in m.group()
            owners = [t.name for t in pool if title_number(t) == place and (season_of(t) is not None) == seasons]
            owner = owners[0] if len(owners) == 1 else None
            if owner is None:
                continue
        if taken.add(m.start(), m.end()):
            mentions.append(Mention(owner, m.start(), m.end(), text[m.start():m.end()]))
    mentions.sort(key=lambda x: x.start)
    return mentions


_NOT_FIRST = ("The", "A", "An", "In", "On", "At", "By")
def _unnumbered_before(tracked: Sequence[Mention], starts: list[int], at: int, unnumbered: set[str]) -> bool:
    """Whether the tracked title named last before `at` is one whose name gives no place in a series."""
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and tracked[i].title in unnumbered


def _season_before(series_at: Sequence[tuple[int, str | None]], at: int) -> str | None:
    """The tracked series named last before `at` (whose parts "Volume 1", "Part Two" are), or None."""
    i = bisect.bisect_right(series_at, (at, "\uffff")) - 1
    return series_at[i][1] if i >= 0 else None
# "shifted the date for Glass Harbor from ...": the name a date is given for (found from the few "date for"s)
_NAME_AT = re.compile(r"[A-Z][\w'’]+(?:\s+(?:[A-Z][\w'’]+|of|the|&|\d+)){0,4}+")
# "Universal also dated Lantern Coast for June 5", "Sony moved Kraven to December": a move's object
_MOVE_LEADS = ("dated ", "moved ", "pushed ", "delayed ", "shifted ", "bumped ", "postponed ", "rescheduled ",
               "moving ", "pushing ", "delaying ", "shifting ", "bumping ")
_DATE_FOR = ("date for ", "dates for ", "date of ",
             # "the upcoming Star Wars film, The Mandalorian & Grogu", "the viking epic The Northman",
             # "the new adaptation of Salem's Lot": a name after the kind of work it is
             "film, ", "movie, ", "game, ", "series, ", "show, ", "sequel, ", "epic ", "thriller ",
             "adaptation of ", "remake of ", "reboot of ", "sequel to ", "follow-up to ", "release of ",
             # "we released Ghost of Yotei in October": the object of a release verb
             "released ", "launched ", "releasing ", "launching ", "debuted ", "premiered ", *_MOVE_LEADS)
_NAMED_DATE = re.compile(r"(?:[A-Z][a-z]+ly\b|Again\b|Back\b|Up\b|Until\b|Into\b|From\b|By\b|Once\b|"  # "delayed Indefinitely"
                         r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Spring|Summer|Fall|"
                         r"Autumn|Winter|Christmas|Thanksgiving|Halloween|Easter|Memorial|Labor|Independence|New\s+Year|"
                         r"Q[1-4]|H[12]|Early|Late|Mid)")


def _inside(spans: Sequence[tuple[int, int]] | None) -> Callable[[int], bool]:
    """A test of whether a position lies in one of `spans` (sorted by start); everywhere without spans."""
    if spans is None:
        return lambda at: True
    starts = [a for a, _ in spans]
    ends = [b for _, b in spans]

    def inside(at: int) -> bool:
        i = bisect.bisect_right(starts, at) - 1
        return i >= 0 and at < ends[i]
    return inside


def _merged(spans: Sequence[tuple[int, int]] | None, length: int) -> list[tuple[int, int]]:
    """`spans` (sorted by start) with overlapping ones joined; the whole text without spans."""
    if spans is None:
        return [(0, length)]
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _dated_for(text: str, lowered: str) -> list[re.Match[str]]:
    if len(lowered) != len(text):
        return []
    return [m for lead in _DATE_FOR for at in occurrences(lowered, lead)
            if text[at].islower()  # "the viking epic The Northman", not "Epic Games Store"
            and (m := _NAME_AT.match(text, at + len(lead))) is not None
            and not (lead in _MOVE_LEADS and m.group().endswith(("'s", "’s")))]  # "delayed Cruise's return"

_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATED_OR_OPEN = re.compile(rf"\b{_MONTHS}\s+\d|\b(?:Spring|Summer|Fall|Autumn|Winter|Early|Late|Mid)\s+(?:19|20)\d\d\b|"
                            rf"^\W*(?:19|20)\d\d\W*$|^\W*{_MONTHS}\s+(?:19|20)\d\d|\s(?:and|&|of|the)$")


# "the Lantern Coast prequel series", "the Marvel spin-off show": a name that qualifies the kind of
# work named right after it, not a new subject. ("the X sequel" alone is often another work.)
_AS_QUALIFIER = re.compile(r"[\"”’']?\s+(?:prequel|sequel|spin-?off|follow-up|reboot|remake)\s+(?:series|show|film|movie|game)\b",
                           re.I)


def qualifies_a_kind(text: str, m: Mention) -> bool:
    """The mention is a name used as a qualifier ("the X prequel"), so the topic passes over it."""
    return _AS_QUALIFIER.match(text, m.end) is not None


_MINOR = {"a", "an", "the", "of", "to", "in", "on", "and", "or", "for", "at", "by", "with", "from"}


def _looks_like_title(surface: str) -> bool:
    words = surface.strip(" ,.").split()
    if not words or len(words) > 7:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _MINOR for w in words)


def _is_tracked_alias_part(surface: str, tracked_names: set[str]) -> bool:
    lowered = surface.lower()
    return any(lowered in name or name in lowered for name in tracked_names if len(name) > 3 and ":" in name)


def _is_word_of_tracked_name(surface: str, tracked_names: set[str]) -> bool:
    """"Street will open on ...": a short form of a tracked name is no other work."""
    words = f" {' '.join(surface.strip(' ,.').lower().split())} "
    return words != "  " and any(words in f" {name} " for name in tracked_names)


def main_title(text: str, headline: str, titles: Sequence[Title], *,
               tracked: list[Mention] | None = None) -> str | None:
    """The tracked title the article is mostly about (headline mentions count double)."""
    counts = Counter(m.title for m in (tracked if tracked is not None else tracked_mentions(text, titles)))
    for m in tracked_mentions(headline, titles):
        counts[m.title] += 2
    best: tuple[int, str] | None = None
    for title in titles:  # ties go to the first configured title
        count = counts[title.name]
        if count and (best is None or count > best[0]):
            best = (count, title.name)
    return best[1] if best else None


def tracked_mentions(text: str, titles: Sequence[Title], *, lowered: str | None = None) -> list[Mention]:
    """Mentions of the given tracked titles' names and aliases (`lowered` is text.lower(), if known)."""
    if not titles or not text:
        return []
    pattern, first_words, by_name = _names_matcher(tuple(titles))
    lowered = text.lower() if lowered is None else lowered
    if len(lowered) == len(text):  # try the pattern only where a name's first word starts: few places
        tags = "#" in lowered  # hashtag forms of the names are looked for only in texts that have a "#"
        starts = sorted({at for word in first_words if tags or word[0] != "#" for at in occurrences(lowered, word)})
        matches = finditer_at(pattern, text, starts)
    else:
        matches = pattern.finditer(text)
    bases = {b.lower(): season_of(t)[1] for t in titles for b in base_names(t)}  # type: ignore[index]
    out: list[Mention] = []
    for m in matches:
        surface = _name_key(m.group("name"))
        title = by_name.get(surface) or by_name.get(surface.lower())
        if title is None:
            continue
        if _SEQUEL_NUMBER.match(text, m.end()):
            title = None  # "Mercy Street 2" in an article tracking Mercy Street: the sequel, another work
        elif _EVENT_AFTER_NAME.match(text, m.end()):
            title = None  # "the Starfield Direct", "Stranger Things Day": a broadcast or a fan day, not the work
        elif surface.lower() in bases and season_after(text, m.end()) not in (None, bases[surface.lower()]):
            title = None  # "The Boys season 3" in an article tracking season 4: another season
        out.append(Mention(title, m.start(), m.end(), m.group()))
    described = _described_mentions(text, tuple(titles), lowered)
    if described:
        out = sorted(out + [d for d in described if not any(o.start < d.end and d.start < o.end for o in out)],
                     key=lambda m: m.start)
    return out


# "the new Jurassic World movie", "the next Death Stranding game", "the untitled Silo season": a
# title named by its franchise and its kind, as news does before (or instead of) its full name
_DESCRIBED_KIND = r"(?:movie|film|sequel|game|installment|instalment|entry|series|season|show)"
_DESCRIBED_LEAD = re.compile(r"\b(?:the|a|an)\s+(?:(?:new|next|upcoming|untitled|latest|forthcoming|live-action|"
                             r"fourth|fifth|sixth|seventh|anticipated|long-awaited)\s+)+$", re.I)


def _described_mentions(text: str, titles: tuple[Title, ...], lowered: str) -> list[Mention]:
    if len(lowered) != len(text):
        return []
    pattern, firsts, by_prefix = _described_matcher(titles)
    if pattern is None:
        return _maker_mentions(text, titles, lowered)
    out = []
    for m in finditer_at(pattern, text, sorted({at for w in firsts for at in occurrences(lowered, w)})):
        lead = _DESCRIBED_LEAD.search(text, max(0, m.start() - 50), m.start())
        if lead:
            out.append(Mention(by_prefix[m.group("name")], lead.start(), m.end(), text[lead.start():m.end()]))
    return out + _maker_mentions(text, titles, lowered)


# "Del Toro's film", "Nolan's new movie": the work of a person the title's entry names (in an
# alias such as "Guillermo del Toro's Frankenstein", or among its context words), by surname
_MAKER_KIND = re.compile(r"['’]s\s+(?:(?:new|next|upcoming|latest|long-awaited|anticipated|forthcoming)\s+)*"
                         r"(?:film|movie|sequel|game|series|show|adaptation|remake|epic|biopic|picture|feature)\b")


def _maker_mentions(text: str, titles: tuple[Title, ...], lowered: str) -> list[Mention]:
    out = []
    for surname, name in _surnames(titles).items():
        for at in occurrences(lowered, surname):
            end = at + len(surname)
            if text[at].isupper() and not (at and text[at - 1].isalnum()) and (kind := _MAKER_KIND.match(text, end)):
                out.append(Mention(name, at, kind.end(), text[at:kind.end()]))
    return out


@lru_cache(maxsize=64)
def _surnames(titles: tuple[Title, ...]) -> dict[str, str]:
    """Lower-cased surname -> title, from the person names (two words or more) in each title's
    aliases ("X's Name") and context words; a name that two titles share names neither."""
    found: dict[str, set[str]] = {}
    for title in titles:
        people = [a.split("'s ")[0].split("’s ")[0] for a in title.aliases if "'s " in a or "’s " in a]
        people += [c for c in title.context if " " in c.strip()]
        for person in people:
            words = person.split()
            if len(words) < 2 or not all(w[:1].isupper() or w in _PARTICLES for w in words):
                continue
            surname = " ".join(words[-2:]) if words[-2] in _PARTICLES else words[-1]
            found.setdefault(surname.lower(), set()).add(title.name)
    return {s: next(iter(names)) for s, names in found.items() if len(names) == 1}


_PARTICLES = frozenset({"del", "de", "van", "von", "da", "di", "le", "la"})


@lru_cache(maxsize=64)
def _described_matcher(titles: tuple[Title, ...]) -> tuple[re.Pattern[str] | None, tuple[str, ...], dict[str, str]]:
    """The franchise part of each title's names: a show's name, or a name without its last word
    ("Jurassic World" of "Jurassic World Rebirth"); capitalised, and at least two words or five letters."""
    by_prefix: dict[str, str] = {}
    for title in titles:
        candidates = list(base_names(title)) or [" ".join(n.split()[:-1]).rstrip(":") for n in title.names]
        for prefix in candidates:
            prefix = re.sub(r"['’]s$", "", prefix.strip())
            if prefix[:1].isupper() and (" " in prefix or len(prefix) >= 5):
                by_prefix.setdefault(prefix, title.name)
    if not by_prefix:
        return None, (), {}
    names = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(by_prefix, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?P<name>{names})\s+{_DESCRIBED_KIND}\b")
    return pattern, tuple(sorted({p.split()[0].lower() for p in by_prefix})), by_prefix


@lru_cache(maxsize=64)
def _names_matcher(titles: tuple[Title, ...]) -> tuple[re.Pattern[str], tuple[str, ...], dict[str, str]]:
    """One pattern for every name of every title (longest first); the names' first words in lower
    case (a match starts where one does); and surface -> title name.

    A common-word name matches as written (capitalised, singular: never "ballerinas"); other names
    in any case. Keys: the exact surface for common-word names, the lower-cased one for the rest.
    """
    exact: list[str] = []
    folded: list[str] = []
    by_name: dict[str, str] = {}
    for title in titles:
        bases = base_names(title)
        for sub in subtitles(title):  # "Brave New World" alone, capitalised as in the title
            exact.append(sub)
            by_name.setdefault(_name_key(sub), title.name)
        for name in (*title.names, *implied_names(title)):
            tag = "#" + re.sub(r"[\W_]+", "", name)  # "#TheFlash", "#Wicked": a hashtag names the title too
            if len(tag) > 4:
                folded.append(tag)
                by_name.setdefault(tag.lower(), title.name)
            key = _name_key(name)
            if title.common_word and (name == title.name or name in bases):
                exact.append(name)
                by_name.setdefault(key, title.name)
                if len(name) >= 4 and name.upper() != name:  # "SINNERS": a headline's or a poster's capitals
                    exact.append(name.upper())
                    by_name.setdefault(_name_key(name.upper()), title.name)
            else:
                folded.append(name)
                by_name.setdefault(key.lower(), title.name)
    alternatives = []
    if exact:
        alternatives.append(_alternation(exact))
    if folded:
        alternatives.append(f"(?i:{_alternation(folded)})")
    pattern = re.compile(rf"(?<![\w-])(?P<name>{'|'.join(alternatives)})(?:['’]s)?(?![\w-])")
    firsts = {first.rstrip(":") or first for n in exact + folded if n.strip() for first in [n.lower().split()[0]]}
    # an apostrophe in a name is written either way ("Assassin's", "Assassin’s"): look for both
    first_words = tuple(sorted(firsts | {w.replace("'", "’") for w in firsts} | {w.replace("’", "'") for w in firsts}))
    return pattern, first_words, by_name


_STORE = re.compile(r"\b(?:Store|Shop|eShop|Marketplace)$")
_EVENT_AFTER_NAME = re.compile(r"['’]?\s+(?:Direct|Showcase|Spotlight|Presentation|Livestream|Day|Experience|Tour|Fest)\b")
# A number right after a tracked name that is not part of it: a sequel ("Mercy Street 2"), not a date
# ("Mercy Street 26 March" is rare enough) or a measure.
_SEQUEL_NUMBER = re.compile(r"\s+(?:[2-9]|1\d|II|III|IV|VI|VII)\b(?![.,:/]\d|[-–]\w|\s*(?:%|million|billion|years?|days?|"
                            r"minutes?|hours?|episodes?|"
                            r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))")


def _name_key(name: str) -> str:
    """A name as looked up: words joined by one space, quotation marks around words and a subtitle's
    colon or dash dropped."""
    return " ".join(re.sub(r"[“”\"‘]|[’'](?=\s)|:(?=\s)|(?<=\s)[-–—](?=\s)", "", name).replace("’", "'").split())


def _alternation(names: list[str]) -> str:
    return "|".join(_phrase(n) for n in sorted(set(names), key=len, reverse=True))


def _phrase(name: str) -> str:
    """A name as a pattern: literal, but any run of spaces in the text may separate its words, and a
    quote may close or open next to a space."""
    # '“The White Lotus” Season 3' too (the quote classes are kept out of the names' IGNORECASE)
    escaped = re.sub(r"['’]", "['’]", re.escape(name))  # either apostrophe inside a name
    # a subtitle's colon is often left out or written as a dash: "Avengers Doomsday", "Jedi – Survivor"
    escaped = escaped.replace(r":\ ", r"(?::|\s+[-–—])?\ ")
    return escaped.replace(r"\ ", r"(?-i:[”\"’]?)\s+(?-i:[“\"‘]?)")
