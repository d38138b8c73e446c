"""Gatherings named with a year ("Gamescom 2024", "the 2024 Game Awards", "Cannes 2022") resolved to the
span their editions fall in, from lexicons/gatherings.json. Without a year a gathering is not a date
here: which edition is meant is a guess.
"""

from __future__ import annotations

import re
from datetime import date

from ..models import DateRange
from .timex_lexicon import load
from .timex_ranges import dr

_DATA = load("gatherings.json")


def _key(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


_WINDOWS: dict[str, list[int]] = {_key(k): v for k, v in _DATA["windows"].items()}
_EXCEPTIONS: dict[str, dict[str, list[int]]] = {_key(k): v for k, v in _DATA["exceptions"].items()}
_ALIASES = {_key(k): _key(v) for k, v in _DATA["aliases"].items()}

# Every name the finder reads, longest first, so that "Venice Film Festival" wins over "Venice".
NAMES: tuple[str, ...] = tuple(sorted({*_DATA["windows"], *_DATA["aliases"]}, key=len, reverse=True))


def gathering_range(name: str, year: int) -> DateRange | None:
    """The span of the gathering's edition of `year`, or None for a name the lexicon does not hold."""
    key = _ALIASES.get(_key(name), _key(name))
    if key.startswith("the ") and key not in _WINDOWS:
        key = _ALIASES.get(key[4:], key[4:])
    window = _EXCEPTIONS.get(key, {}).get(str(year)) or _WINDOWS.get(key)
    if window is None:
        return None
    m1, d1, m2, d2 = window
    return dr(date(year, m1, d1), date(year, m2, d2), "range", f"{year}-{key.upper().replace(' ', '_')}")


def r_gathering(m: re.Match[str], text: str, dct: date) -> DateRange | None:
    """ "Gamescom 2024", "the 2024 Game Awards": the edition's span."""
    return gathering_range(m["name"] or m["name2"], int(m["y"] or m["y2"]))


_VALUE_KEYS = frozenset(k.upper().replace(" ", "_") for k in _WINDOWS)


def is_gathering(r: DateRange) -> bool:
    """Whether the range is a gathering's edition (so it dates a showing, not a release)."""
    return r.value[5:] in _VALUE_KEYS
