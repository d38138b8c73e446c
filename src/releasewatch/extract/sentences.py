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
# "8 p.m. PT on Friday": a clock time's period ends a sentence unless a time zone follows it.
_CLOCK = {"a.m", "p.m"}
_ZONE = re.compile(r"\s*(?:ET|PT|CT|MT|EST|EDT|PST|PDT|CST|CDT|GMT|BST|CET|CEST|UTC|JST|KST|AEST|AEDT)\b")
# A run of final punctuation before a space, or line breaks. Written to start with a character set,
# so the engine skips to those characters instead of trying the pattern at every position.
_MARK, _LINES, _FINAL = r"[.!?…\n]", r"(?<=\n)(?:\s*\n)?", r"[.!?…]*[\"'”’)\]]*(?=\s)"
_BOUNDARY = re.compile(rf"{_MARK}(?:{_LINES}|{_FINAL})")
_SPACES = re.compile(r"\s*")


def _decided(abbreviations: set[str]) -> re.Pattern[str]:
    """Speed only: _BOUNDARY's matches, with a group set where the tests of split_sentences surely
    say "a sentence ends here": always after a line break; after a final mark when no abbreviation
    or initial can stand before it ("Dr.", "J.", told by ASCII letters alone: anything else is left
    to the tests) and an ASCII capital, digit, quote, bracket, a line break or the end comes after
    the marks and spaces. A match without the group is asked the tests."""
    by_length: dict[int, list[str]] = {}
    for word in sorted(abbreviations):
        by_length.setdefault(len(word), []).append(re.escape(word))
    not_abbreviated = "".join(rf"(?<![^A-Za-z.]{w}\.)(?<!^{w}\.)" for w in
                              ["[A-Za-z]"] + [f"(?i:{'|'.join(words)})" for _, words in sorted(by_length.items())])
    ends = rf"(?<=[!?…])|(?<=\.)(?<![^\x00-\x7f]\.){not_abbreviated}"
    starts = r"(?=[.!?…]*+[\"'”’)\]]*+(?:\s*+(?:[A-Z0-9\"'“‘(\[]|\Z)|[^\S\n]*+\n))"
    return re.compile(rf"{_MARK}(?:{_LINES}(?P<line>)|(?:(?:{ends}){starts}(?P<sure>)|){_FINAL})")


class Sentence(NamedTuple):
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences (and headings: lines without a final period) with their offsets in `text`."""
    out: list[Sentence] = []
    start = 0
    for m in _DECIDED.finditer(text):  # _BOUNDARY's matches; most already decided (speed only)
        at, end = m.span()
        if m.lastindex is None and ((text[at] == "." and _is_abbreviation(text, at))
                                    or not _next_starts_sentence(text, end)):
            continue
        _emit(out, text, start, end)
        start = end
    _emit(out, text, start, len(text))
    return out


_DECIDED = _decided(_ABBREV | _CLOCK)


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
    if word in _CLOCK:
        return _ZONE.match(text, dot + 1) is not None
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
        # tuple.__new__: the NamedTuple without its Python-level __new__ (speed only: one per sentence)
        out.append(tuple.__new__(Sentence, (first, first + len(stripped), stripped)))
