"""Where tracked titles (and other titles) are mentioned, and which title a sentence is about."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from ..models import Title
from .fastre import finditer_at, occurrences

# Words that refer back to the article's main title.
ANAPHORA = re.compile(
    r"\b(?:the|this|that)\s+(?:film|movie|spin-?off|sequel|prequel|project|picture|feature|game|title|series|"
    r"show|adaptation|reboot|remake|installment|instalment|follow-up|thriller|actioner|action\s+film|"
    r"action\s+movie|entry|release|blockbuster)\b|\b(?:it|its|it's|it’s)\b",
    re.I,
)
# Titles of other works: "Chapter 4", "Part Two", quoted names, "John Wick: Chapter 4".
OTHER_TITLE = re.compile(
    r"\b(?:Chapter|Part|Volume|Vol\.|Episode|Book)\s+(?:\d+|[IVX]+|One|Two|Three|Four|Five|Six)\b|"
    r"[\"“‘](?P<quoted>[A-Z0-9][^\"”’‘“]{1,60}?)[,.]?[\"”’](?!\w)|"
    r"\b[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+){0,4}:\s+[A-Z][\w'’]+(?:\s+(?:[A-Z][\w'’]+|\d+|of|the))*|"
    # "The Crow, which opens...", "Furiosa opens ...": a capitalised name right before a release verb
    r"\b(?P<named>(?:The\s+)?[A-Z][\w'’]+(?:\s+(?:[A-Z][\w'’]+|of|the|and|&|\d+)){0,4})"
    r"(?=,\s+which\s+(?:opens|hits|arrives|debuts|is\s+set|is\s+slated|is\s+dated|releases|launches|"
    r"premieres|streams|drops|comes)|,\s+(?:was|were)\s+(?:released|dated|delayed|moved|shot|filmed)|"
    r"\s+(?:opens|hits\s+theaters|arrives|debuts|is\s+set\s+for|is\s+slated\s+for|is\s+dated\s+for)\b)"
)
# Where OTHER_TITLE can start: a capitalised word or an opening quote (a small fraction of the text).
_OTHER_TITLE_STARTS = re.compile(r"[A-Z\"“‘](?:(?<=[\"“‘])|(?<!\w.))")
_NOT_TITLES = re.compile(r"^(?:The\s+)?(?:Lionsgate|Summit|Warner|Disney|Marvel|Pixar|Sony|Universal|Paramount|A24|"
                         r"Netflix|Amazon|MGM|Apple|Neon|Nintendo|Ubisoft|EA|Sega|Capcom|It|This|That|The\s+film|"
                         r"The\s+movie|The\s+game|The\s+studio|The\s+sequel|The\s+show|The\s+series|He|She|"
                         r"They|We|Which|Who|Also|Next|Now|Then|Here|There|Production|Filming|Shooting)\b")


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
                  tracked: list[Mention] | None = None, lowered: str | None = None) -> list[Mention]:
    """Mentions of tracked titles (only those with context) and of other works, by position.

    `active` is the subset of titles whose context is satisfied; others are ignored entirely.
    `tracked` is tracked_mentions(text, active), when the caller has it already (and `lowered`,
    text.lower()).
    """
    if tracked is None:
        tracked = tracked_mentions(text, titles if active is None else active, lowered=lowered)
    mentions = list(tracked)
    taken = _Spans()
    for mention in mentions:
        taken.add(mention.start, mention.end)
    tracked_names = {n.lower() for t in titles for n in t.names}
    for m in finditer_at(OTHER_TITLE, text, (s.start() for s in _OTHER_TITLE_STARTS.finditer(text))):
        surface = m.group("quoted") or m.group()
        if m.group("quoted") and not _looks_like_title(surface):
            continue  # a quotation, not a title
        if m.group("named") and _NOT_TITLES.match(m.group("named")):
            continue
        if surface.strip().lower().rstrip(",.") in tracked_names:
            continue
        if _is_tracked_alias_part(surface, tracked_names):
            continue
        if taken.add(m.start(), m.end()):
            mentions.append(Mention(None, m.start(), m.end(), m.group()))
    mentions.sort(key=lambda x: x.start)
    return mentions


_MINOR = {"a", "an", "the", "of", "to", "in", "on", "and", "or", "for", "at", "by", "with", "from"}


def _looks_like_title(surface: str) -> bool:
    words = surface.strip(" ,.").split()
    if not words or len(words) > 7:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _MINOR for w in words)


def _is_tracked_alias_part(surface: str, tracked_names: set[str]) -> bool:
    lowered = surface.lower()
    return any(lowered in name or name in lowered for name in tracked_names if len(name) > 3 and ":" in name)


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
        starts = sorted({at for word in first_words for at in occurrences(lowered, word)})
        matches = finditer_at(pattern, text, starts)
    else:
        matches = pattern.finditer(text)
    out: list[Mention] = []
    for m in matches:
        surface = " ".join(m.group("name").split())
        title = by_name.get(surface) or by_name.get(surface.lower())
        if title:
            out.append(Mention(title, m.start(), m.end(), m.group()))
    return out


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
        for name in title.names:
            key = " ".join(name.split())
            if title.common_word and name == title.name:
                exact.append(name)
                by_name.setdefault(key, title.name)
            else:
                folded.append(name)
                by_name.setdefault(key.lower(), title.name)
    alternatives = []
    if exact:
        alternatives.append(_alternation(exact))
    if folded:
        alternatives.append(f"(?i:{_alternation(folded)})")
    pattern = re.compile(rf"(?<![\w-])(?P<name>{'|'.join(alternatives)})(?:['’]s)?(?![\w-])")
    first_words = tuple(sorted({n.lower().split()[0] for n in exact + folded if n.strip()}))
    return pattern, first_words, by_name


def _alternation(names: list[str]) -> str:
    return "|".join(_phrase(n) for n in sorted(set(names), key=len, reverse=True))


def _phrase(name: str) -> str:
    """A name as a pattern: literal, but any run of spaces in the text may separate its words."""
    return re.escape(name).replace(r"\ ", r"\s+")
