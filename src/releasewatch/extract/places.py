"""Places in a series: "the first season", "its predecessor", "part two", "Deadpool 3". A reference
by place names another work unless the tracked title holds that place."""

from __future__ import annotations

import re
from functools import lru_cache

from ..models import Title
from .fastre import finditer_at, occurrences

# Other works by their place in a series: "the first season", "its predecessor", "part two". Run on
# lower-cased text, only where a match can start (series_places); "t(?<!\w.)he" is "\bthe".
SERIES_PLACE = re.compile(
    r"(?:t(?<!\w.)he|i(?<!\w.)ts|t(?<!\w.)heir)\s+(?:(?:[\w-]+-\w+\s+|hugely\s+popular\s+|acclaimed\s+)?"  # "its record-breaking second season"
    r"(?:first|second|third|fourth|fifth|original|previous|last|prior|"
    r"earlier)\s+(?:(?!(?:look|at|of|on|trailer|teaser|footage|preview|glimpse|episode|images?|poster|clip|details)\b)"
    r"[\w\"“”'’:&-]+\s+){0,2}?(?:season|film|movie|game|installment|instalment|entry|chapter|part|"
    r"volume|series|show)|predecessor|original)\b|"
    r"a(?<!\w.)\s+(?:second|third|fourth|fifth|sixth)\s+(?:and\s+(?:final|last)\s+)?(?:season|film|movie|game|installment)\b|p(?<!\w.)art\s+(?:one|two|three|[1-3]|i{1,3})\b|"
    r"s(?<!\w.)eason\s+(?:one|two|three|four|five|\d{1,2})\b|"
    r"(?:a(?<!\w.)nother|o(?<!\w.)ther)\s+(?:[\w-]+\s+){0,3}?(?:film|movie|game|show|series|project|title|sequel)s?\b|"
    r"(?:t(?<!\w.)he|i(?<!\w.)ts|t(?<!\w.)heir)\s+(?:freshman|sophomore|junior)\s+(?:season|outing|run|album|film|game)\b")
_SERIES_PLACE_ANY_CASE = re.compile(SERIES_PLACE.pattern, re.I)
_ORDINALS = {"one": 1, "first": 1, "i": 1, "1": 1, "original": 1, "freshman": 1, "two": 2, "second": 2, "ii": 2, "2": 2,
             "sophomore": 2, "junior": 3,
             "three": 3, "third": 3, "iii": 3, "3": 3, "four": 4, "fourth": 4, "4": 4, "five": 5, "fifth": 5,
             "5": 5, "six": 6, "sixth": 6, "seven": 7, "seventh": 7, "eight": 8, "eighth": 8, "nine": 9, "ninth": 9,
             "ten": 10, "tenth": 10}
TITLE_NUMBER = re.compile(r"(?:\s|^)(\d{1,2}|II|III|IV|V|VI|Two|Three|Four|Five)$|\b(?:season|part|chapter|volume)\s+"
                           r"(\d{1,2}|one|two|three|four|five)\b", re.I)
_ROMAN = {"ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}


@lru_cache(maxsize=1024)
def title_number(title: Title) -> int:
    """The place of a tracked title in its series: "Deadpool 3" 3, "... season 2" 2, otherwise 1."""
    for name in title.names:
        m = TITLE_NUMBER.search(name)
        if m:
            word = (m.group(1) or m.group(2)).lower()
            return _ROMAN.get(word) or _ORDINALS.get(word) or (int(word) if word.isdigit() else 1)
    return 1


def ordinal_of(surface: str) -> int | None:
    """The series place an ordinal reference names, or None for "previous"/"last"/"predecessor"."""
    for word in re.findall(r"[\w]+", surface.lower()):
        if word in _ORDINALS:
            return _ORDINALS[word]
        if word.isdigit() and len(word) <= 2:  # "season 6", "season 12"
            return int(word)
    return None


# Where a SERIES_PLACE match can start (speed: the pattern is tried only there): at "part" or
# "season", or at the "the"/"its"/"their" right before an ordinal, "predecessor" or "original".
_PLACE_HEADS = ("season", "part", "another", "other")
_PLACE_ORDINALS = ("predecessor", "original", "first", "second", "third", "fourth", "fifth", "sixth", "previous", "last",
                   "prior", "earlier", "freshman", "sophomore", "junior")
_DETERMINERS = ("the", "its", "their", "a")


def series_places(text: str, lowered: str) -> list[re.Match[str]]:
    if len(lowered) != len(text):
        return list(_SERIES_PLACE_ANY_CASE.finditer(text))
    starts = {at for word in _PLACE_HEADS for at in occurrences(lowered, word)}
    for word in _PLACE_ORDINALS:
        for at in occurrences(lowered, word):
            k = at
            while k > 0 and lowered[k - 1].isspace():
                k -= 1
            for det in _DETERMINERS:
                if k > at - 1 or not lowered.endswith(det, 0, k):
                    continue
                head = k - len(det)
                if head == 0 or not lowered[head - 1].isalnum():
                    starts.add(head)
    return list(finditer_at(SERIES_PLACE, lowered, sorted(starts)))


def is_series_place(surface: str) -> bool:
    """"the first film", "season 1": a reference by place in a series, not a title's name."""
    return SERIES_PLACE.fullmatch(surface.lower()) is not None


def other_in_series(surface: str, tracked_numbers: set[int]) -> bool:
    """"the first season" in a season-2 article is another work; "the second season" there is not."""
    n = ordinal_of(surface)
    return n is None or n not in tracked_numbers


# A season released in parts: "Volume 1", "Part Two", "Episode 1" are the tracked season's own.
PART_OF_SEASON = re.compile(r"(?:Part|Volume|Vol\.|Act)\s+(?:\d+|[IVX]+|One|Two|Three|Four|Five|Six)|Episode\s+(?:1|One)",
                            re.I)


def names_a_part(place: str) -> bool:
    """"part two", "the second part": a part of a season, not a film's place in a series."""
    return place.startswith("part") or place.endswith(" part")
