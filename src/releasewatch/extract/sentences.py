"""Sentence splitting with character offsets, in linear time."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Abbreviations whose period does not end a sentence.
_ABBREV = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "no", "vol", "inc", "co", "corp", "ltd", "prof",
    "gen", "sen", "rep", "gov", "ft", "mt", "approx", "est", "dept", "fig", "ca", "u.s", "u.k", "e.g", "i.e",
}
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n\s*\n|\n")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences (and headings: lines without a final period) with their offsets in `text`."""
    return list(_iter_sentences(text))


def _iter_sentences(text: str) -> Iterator[Sentence]:
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if text[m.start()] == "." and _is_abbreviation(text, m.start()):
            continue
        if text[m.start()] in ".!?…" and not _next_starts_sentence(text, end):
            continue
        yield from _emit(text, start, end)
        start = end
    yield from _emit(text, start, len(text))


def _is_abbreviation(text: str, dot: int) -> bool:
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    word = text[i:dot].lower()
    if word in _ABBREV:
        return True
    return len(word) == 1 and word.isalpha()  # initials: "J. Smith"


def _next_starts_sentence(text: str, pos: int) -> bool:
    m = re.compile(r"\s*").match(text, pos)
    nxt = m.end() if m else pos
    if nxt >= len(text):
        return True
    ch = text[nxt]
    return ch.isupper() or ch.isdigit() or ch in "\"'“‘([" or text[pos:nxt].count("\n") > 0


def _emit(text: str, start: int, end: int) -> Iterator[Sentence]:
    while start < end and text[start].isspace():
        start += 1
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop > start:
        yield Sentence(start, stop, text[start:stop])
