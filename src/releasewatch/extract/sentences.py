"""Sentence splitting with character offsets, in linear time."""

from __future__ import annotations

import re
from typing import NamedTuple

# Abbreviations whose period does not end a sentence.
_ABBREV = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "no", "vol", "inc", "co", "corp", "ltd", "prof",
    "gen", "sen", "rep", "gov", "ft", "mt", "approx", "est", "dept", "fig", "ca", "u.s", "u.k", "e.g", "i.e",
}
# A run of final punctuation before a space, or line breaks. Written to start with a character set,
# so the engine skips to those characters instead of trying the pattern at every position.
_BOUNDARY = re.compile(r"[.!?…\n](?:(?<=\n)(?:\s*\n)?|[.!?…]*[\"'”’)\]]*(?=\s))")
_SPACES = re.compile(r"\s*")


class Sentence(NamedTuple):
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences (and headings: lines without a final period) with their offsets in `text`."""
    out: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        at, end = m.span()
        mark = text[at]
        if mark != "\n" and ((mark == "." and _is_abbreviation(text, at)) or not _next_starts_sentence(text, end)):
            continue
        _emit(out, text, start, end)
        start = end
    _emit(out, text, start, len(text))
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    if dot >= 7 and text[dot - 7:dot].isalpha():
        return False  # a word of seven letters or more: no abbreviation is that long
    i = dot
    stop = max(0, dot - 7)
    while i > stop and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    if i == stop and i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        return False
    word = text[i:dot].lower()
    if word in _ABBREV:
        return True
    return len(word) == 1 and word.isalpha()  # initials: "J. Smith"


def _next_starts_sentence(text: str, pos: int) -> bool:
    if text[pos:pos + 1] == " " and not text[pos + 1:pos + 2].isspace():  # the usual single space
        nxt = pos + 1
    else:
        m = _SPACES.match(text, pos)
        nxt = m.end() if m else pos
    if nxt >= len(text):
        return True
    ch = text[nxt]
    return ch.isupper() or ch.isdigit() or ch in "\"'“‘([" or text[pos:nxt].count("\n") > 0


def _emit(out: list[Sentence], text: str, start: int, end: int) -> None:
    """Append text[start:end] without its surrounding whitespace, unless nothing is left."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        first = start + len(chunk) - len(chunk.lstrip())
        out.append(Sentence(first, first + len(stripped), stripped))
