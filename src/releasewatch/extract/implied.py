"""Names a tracked title goes by that nobody configures: a season's show, a sequel's base name.

News about "The Boys season 4" mostly says "The Boys" (the show is back June 13) and "the fourth
season"; news about "Gladiator II" says "the Gladiator sequel". A user writes the title once in
sources.yaml; these are the forms derived from it. A base name followed by another season number
("The Boys season 3") stays another work: tracked_mentions checks that.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..models import Title

_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
                 9: "nine", 10: "ten"}
_ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh",
                  8: "eighth", 9: "ninth", 10: "tenth"}
_ROMAN = {2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX"}
_FROM_WORD = {w: n for n, w in _NUMBER_WORDS.items()} | {r.lower(): n for n, r in _ROMAN.items()} | {
    w: n for n, w in _ORDINAL_WORDS.items()}

_SEASON = re.compile(r"^(?P<base>.+?)[\s:,–-]+(?:season|series)\s+(?P<n>\d{1,2}|[a-z]+)$", re.I)
_SEQUEL = re.compile(r"^(?P<base>.+?)\s+(?P<n>[2-9]|II|III|IV|V|VI|VII|VIII|IX)$")
# Only a number at the end of a name gives a sequel's forms; "Iron Tide 2: The Reckoning", with a subtitle after
# its number, gets none (its configured aliases cover it).


def _number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return _FROM_WORD.get(word)


@lru_cache(maxsize=1024)
def season_of(title: Title) -> tuple[str, int] | None:
    """("The Boys", 4) for a title named "The Boys season 4"; None when no name gives a season."""
    for name in title.names:
        m = _SEASON.match(name.strip())
        if m:
            n = _number(m.group("n"))
            if n:
                return m.group("base").strip(), n
    return None


@lru_cache(maxsize=1024)
def base_names(title: Title) -> tuple[str, ...]:
    """Every show name a season title's names give ("The Rings of Power", "Rings of Power"), first
    the title's own."""
    season = season_of(title)
    if season is None:
        return ()
    out = [season[0]]
    for name in title.names:
        m = _SEASON.match(name.strip())
        if m and _number(m.group("n")) == season[1] and m.group("base").strip().lower() not in {b.lower() for b in out}:
            out.append(m.group("base").strip())
    return tuple(out)


def _possessives(name: str) -> tuple[str, str]:
    return ("'", "’") if name.endswith("s") else ("'s", "’s")


@lru_cache(maxsize=1024)
def implied_names(title: Title) -> tuple[str, ...]:
    """The extra names `title` is known by, beyond title.names (which they never repeat)."""
    out: list[str] = []
    season = season_of(title)
    if season:
        n = season[1]
        for base in base_names(title):
            out += [base, f"{base} season {n}", f"{base} season {_NUMBER_WORDS.get(n, n)}", f"season {n} of {base}",
                    *(f"{base}{mark} {_ORDINAL_WORDS.get(n, '')} season" for mark in _possessives(base))]
    else:
        for name in title.names:
            m = _SEQUEL.match(name.strip())
            if m:
                base, n = m.group("base"), _number(m.group("n")) or 0
                out += [f"{base} sequel", f"{base} {n}", f"{base} {_ROMAN.get(n, n)}"]
                break
    seen = {name.lower() for name in title.names}
    kept: list[str] = []
    for name in out:
        if "  " not in name and name.lower() not in seen:  # no ordinal word: no form
            seen.add(name.lower())
            kept.append(name)
    return tuple(kept)


def season_number(title: Title) -> int | None:
    """4 for "The Boys season 4"; None for a title that is no season."""
    season = season_of(title)
    return season[1] if season else None


def base_name(title: Title) -> str | None:
    """The show a season title belongs to ("The Boys"), or None."""
    season = season_of(title)
    return season[0] if season else None


_SEASON_AFTER = re.compile(r"(?:['’]s?)?[\s:,–-]+(?:season|series)\s+(?P<n>\d{1,2}|[a-z]+)\b|"
                           r"['’]s?\s+(?P<ord>[a-z]+)\s+season\b|"
                           # "Harbor Lights comes back for a fourth and last season"
                           r"\s+(?:will\s+|is\s+set\s+to\s+|to\s+)?(?:return|returns|returning|come\s+back|be\s+back)\s+for\s+"
                           r"(?:a|its|the)\s+(?P<ord2>[a-z]+)(?:\s+and\s+(?:final|last))?\s+season\b", re.I)


def season_after(text: str, end: int) -> int | None:
    """The season number written right after a show's name ending at `end` ("... Season 3"), if any."""
    m = _SEASON_AFTER.match(text, end, end + 70)
    if m is None:
        return None
    return _number(m.group("n") or m.group("ord") or m.group("ord2"))


def names_season(sentence: str, n: int) -> bool:
    """Whether a sentence speaks of season `n` by its number ("season 4", "Season Four", "the fourth season")."""
    words = "|".join(re.escape(w) for w in (str(n), _NUMBER_WORDS.get(n, ""), _ROMAN.get(n, "")) if w)
    ordinal = _ORDINAL_WORDS.get(n, str(n) + "th")
    return re.search(rf"\bseason\s+(?:{words})\b|\b{ordinal}\s+season\b|\bS0?{n}\b", sentence, re.I) is not None


_SUBTITLE = re.compile(r"^[^:]+:\s+(?P<sub>.+)$")


@lru_cache(maxsize=1024)
def subtitles(title: Title) -> tuple[str, ...]:
    """The part of a name after its colon, "Brave New World" for "Captain America: Brave New World",
    when it has two words or more (a one-word subtitle such as "Beyond" is too common a word).
    Matched as written, capitalised."""
    known = {n.lower() for n in title.names}
    out: list[str] = []
    for name in title.names:
        m = _SUBTITLE.match(name.strip())
        sub = m.group("sub").strip() if m else ""
        if len(sub.split()) >= 2 and sub.lower() not in known and sub not in out:
            out.append(sub)
    return tuple(out)
