"""Word alternations that CPython's regex engine can scan quickly.

The engine skips ahead in C only when a pattern starts with a literal or a character set, and it
skips an alternative by its first letter only without IGNORECASE. A leading `\\b` or the flag
defeats that, and the matcher is then entered at every position, trying every alternative: for
a 6 KB article that is most of the cost of a word list. So patterns here run without the flag over
lower-cased text, and whole-text scans start with a character set. Each keeps the
case-insensitive original for the rare text whose `lower()` changes its length (and offsets).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence


class WordList:
    """Words (or word beginnings) from a list, found where a word starts in lower-cased text.

    `\\b(?:a|b|...)` would enter the matcher at every position of the text; `\\W(?:a|b|...)` enters
    it only after a non-word character (about one in six), and the word starts one further on.
    The alternatives are written in lower case, in ASCII, and must start with a letter or digit.
    The scan runs with ASCII word classes (cheaper than Unicode's); a match next to a non-ASCII
    character, where the two could disagree ("é" is a word character), sends the whole call to
    the Unicode pattern.
    """

    def __init__(self, alternatives: Sequence[str]) -> None:
        if any(not (a.isascii() and a[:1].isalnum()) or a != a.lower() for a in alternatives):
            raise ValueError("alternatives must be lower-case ASCII and start with a letter or digit")
        body = "|".join(alternatives)
        self._after_non_word = re.compile(rf"\W(?:{_trie(alternatives)})")
        self._after_non_word_ascii = re.compile(self._after_non_word.pattern, re.ASCII)
        self._at_start = re.compile(rf"(?:{body})")
        self._slow = re.compile(rf"\b(?:{body})", re.I)

    def scan(self, text: str, lowered: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int, str]]:
        """(start, end, matched lower-case text) of each word in text[pos:endpos], in order."""
        endpos = len(text) if endpos is None else endpos
        if len(lowered) != len(text):  # lower() changed the offsets: match the text itself
            return [(m.start(), m.end(), m.group().lower()) for m in self._slow.finditer(text, pos, endpos)]
        out: list[tuple[int, int, str]] = []
        if pos == 0:
            head = self._at_start.match(lowered, 0, endpos)
            if head is not None:
                out.append((0, head.end(), head.group()))
                pos = head.end() + 1
        start = max(pos - 1, 0)
        matches = list(self._after_non_word_ascii.finditer(lowered, start, endpos))
        if any(_near_non_ascii(lowered, m, endpos) for m in matches):
            matches = list(self._after_non_word.finditer(lowered, start, endpos))
        out += [(m.start() + 1, m.end(), m.group()[1:]) for m in matches]
        return out

    def occurs(self, text: str, lowered: str, pos: int = 0, endpos: int | None = None) -> bool:
        """Whether any of the words starts in text[pos:endpos]."""
        endpos = len(text) if endpos is None else endpos
        if len(lowered) != len(text):
            return self._slow.search(text, pos, endpos) is not None
        if pos == 0 and self._at_start.match(lowered, 0, endpos):
            return True
        m = self._after_non_word_ascii.search(lowered, max(pos - 1, 0), endpos)
        if m is not None and _near_non_ascii(lowered, m, endpos):
            m = self._after_non_word.search(lowered, max(pos - 1, 0), endpos)
        return m is not None


# Letters by how often English words start with them, then digits: the branch of a common first
# letter is found after fewer failed ones (branches with different first letters cannot compete).
_FIRST_LETTER_ORDER = "taoswicbphfmdrlengyuvjkqxz0123456789"


def _trie(alternatives: Sequence[str]) -> str:
    """`alternatives` as a trie of groups by their leading literal characters, level by level
    ("tue|thu|today" as "t(?:u(?:e)|h(?:u)|o(?:day))"): the engine checks each character once
    instead of each alternative. A level is grouped only if every alternative there starts with a
    literal; alternatives that share it keep their order, and those that do not cannot match at the
    same place, so the matches are the same as the plain alternation's."""
    keys = [_literal_head(alt) for alt in alternatives]
    if len(alternatives) < 2 or None in keys:
        return "|".join(alternatives)
    groups: dict[str, list[str]] = {}
    for alt, key in zip(alternatives, keys, strict=True):
        assert key is not None
        groups.setdefault(key[0], []).append(alt[key[1]:])
    order = sorted(groups, key=lambda c: _FIRST_LETTER_ORDER.find(c) % 100)
    return "|".join(f"{re.escape(c)}(?:{_trie(groups[c])})" for c in order)


def _literal_head(branch: str) -> tuple[str, int] | None:
    """The character a branch starts with and the length of its spelling ("\\ " is a space), or None
    when it starts with anything but a literal character (a class, a group, an assertion, nothing)."""
    if branch[:1] == "\\" and branch[1:2] and not branch[1].isalnum():
        head = (branch[1], 2)
    elif branch[:1] and branch[0] not in _METACHARACTERS:
        head = (branch[0], 1)
    else:
        return None
    if branch[head[1]:head[1] + 1] in ("?", "*", "+", "{"):
        return None  # "s?" is no literal "s": its quantifier cannot be split from it
    return head


def _near_non_ascii(subject: str, m: re.Match[str], endpos: int) -> bool:
    """Whether an ASCII-class match has a non-ASCII character before it (its \\W) or right after it."""
    end = m.end()
    return subject[m.start()] > "\x7f" or (end < endpos and subject[end] > "\x7f")


def _by_first_character(alternatives: Sequence[str]) -> str:
    """`a1|b1|a2` as `a(?:1|2)|b(?:1)`: the engine checks each first letter once, not each alternative.
    Order among alternatives with the same first character is kept; others cannot compete."""
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        first = _first_character(alt)
        groups.setdefault(first, []).append(alt[len(first):])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


def _first_character(branch: str) -> str:
    """The literal a branch starts with: one character, or an escaped punctuation mark ("\\-")."""
    return branch[:2] if branch[:1] == "\\" and branch[1:2] and not branch[1].isalnum() else branch[:1]


def _unescaped(pattern: str) -> Iterator[tuple[int, str]]:
    """(index, character) of the pattern's characters that are neither escaped nor in a [class]."""
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
        elif c == "[":
            i = _class_end(pattern, i)
        else:
            yield i, c
            i += 1


def _class_end(pattern: str, i: int) -> int:
    j = i + 1
    j += pattern[j] == "^"
    j += pattern[j] == "]"
    while pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _top_level_branches(pattern: str) -> list[str]:
    """`a|(?:b|c)d|e` -> ["a", "(?:b|c)d", "e"]: split at the bars outside groups and classes."""
    branches, depth, start = [], 0, 0
    for i, c in _unescaped(pattern):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
    return branches + [pattern[start:]]


def _group_end(pattern: str) -> int:
    """Index of the ")" closing the group that opens `pattern`."""
    depth = 0
    for i, c in _unescaped(pattern):
        depth += (c == "(") - (c == ")")
        if depth == 0:
            return i
    raise ValueError(f"unbalanced group in {pattern[:60]!r}")


def _distributed(branch: str) -> list[str]:
    """`(?:a|b)c` -> ["ac", "bc"] (same matches, same order of trial), until each branch starts
    with something other than a plain group."""
    if branch.startswith("(?:"):
        end = _group_end(branch)
        rest = branch[end + 1:]
        if rest[:1] not in ("?", "*", "+", "{"):
            return [out for option in _top_level_branches(branch[3:end]) for out in _distributed(option + rest)]
        if rest[:1] == "?" and rest[1:2] not in ("?", "+"):
            # `(?:a|b)?c` -> ["ac", "bc", "c"]: the greedy group is tried first, then its absence
            rest = rest[1:]
            return [out for option in _top_level_branches(branch[3:end]) for out in _distributed(option + rest)] + \
                _distributed(rest)
    return [branch]


def first_letter_groups(pattern: str) -> str | None:
    """The alternation `pattern` rewritten as `a(?:...)|b(?:...)|...`, one branch per first character,
    or None if some branch does not start with a literal character. Branches that share a first
    character keep their order, and branches with different ones cannot match at the same place,
    so the matches are the same; without IGNORECASE the engine then tries one branch per position."""
    if any(c == "(" and (pattern[i + 1:i + 2] != "?" or pattern.startswith("(?P<", i)) for i, c in _unescaped(pattern)):
        return None  # distributing would copy a capturing group into several branches ("[(,]" holds none)
    branches = [b for branch in _top_level_branches(pattern) for b in _distributed(branch)]
    if not all(b[:1] and (b[0] not in _METACHARACTERS or len(_first_character(b)) == 2) for b in branches):
        return None
    return _by_first_character(branches)


_METACHARACTERS = frozenset("\\[](){}.^$*+?|")


# The ASCII characters that Unicode's \\s matches and ASCII's does not (the information separators).
_SEPARATORS = ("\x1c", "\x1d", "\x1e", "\x1f")


def plain_ascii(subject: str) -> bool:
    """Whether a pattern's ascii_twin finds in `subject` what the pattern finds: in ASCII text the
    classes (\\w, \\d, \\b) and case agree, except the separators that only Unicode's \\s matches."""
    return subject.isascii() and _SEPARATORS[0] not in subject and _SEPARATORS[1] not in subject \
        and _SEPARATORS[2] not in subject and _SEPARATORS[3] not in subject


def ascii_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` with ASCII classes, for subjects that plain_ascii() accepts (speed only: the engine
    then tests \\w, \\b and \\d by a table instead of the character database). A case-insensitive
    pattern that names a character folding to an ASCII letter has no twin: it is returned as it is."""
    caseless = bool(pattern.flags & re.IGNORECASE) or re.search(r"\(\?[aiLmsux-]*i", pattern.pattern) is not None
    if caseless and _names_folding_character(pattern):
        return pattern
    return re.compile(pattern.pattern, (pattern.flags & ~re.UNICODE) | re.ASCII)


def _names_folding_character(pattern: re.Pattern[str]) -> bool:
    """Whether a literal or a range of the pattern holds a character that IGNORECASE lets match an
    ASCII letter besides its cases (_FOLDS_TO); True if unsure."""
    folding = [ord(c) for chars in _FOLDS_TO.values() for c in chars]
    try:
        import re._constants as sre
        import re._parser as parser
        tree = parser.parse(pattern.pattern, pattern.flags)
    except (ImportError, AttributeError, re.error):
        return True
    stack: list[object] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, parser.SubPattern):
            stack.extend(node.data)
        elif isinstance(node, tuple) and len(node) == 2 and isinstance(node[0], sre._NamedIntConstant):
            op, av = node
            if op in (sre.LITERAL, sre.NOT_LITERAL) and av in folding:
                return True
            if op is sre.RANGE and any(av[0] <= c <= av[1] for c in folding):
                return True
            stack.append(av)
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
    return False


class Folded:
    """A case-insensitive pattern run without the flag over lower-cased text, 3-4x faster.

    With IGNORECASE, CPython's engine tries every alternative at every position; without it, it
    skips an alternative on its first letter. So the pattern is written in lower case and run on
    `text.lower()`, computed once per text by the caller; offsets are the text's. The rare text
    whose lower() changes its length gets the same pattern with IGNORECASE on the text itself.
    """

    def __init__(self, pattern: str, *, fast: str | None = None) -> None:
        if re.search(r"[A-Z]", re.sub(r"\\.|\(\?P[<=]", "", pattern)):
            raise ValueError(f"write a folded pattern in lower case: {pattern[:60]!r}")
        self.fast = re.compile(fast or pattern)
        self.fast_ascii = ascii_twin(self.fast)  # for a lowered text that plain_ascii() accepts (speed only)
        self.slow = re.compile(pattern, re.I)
        self.pattern = pattern
        self._words: tuple[re.Pattern[str], re.Pattern[str]] | None = None  # see words() and word_spans()

    def pick(self, text: str, lowered: str) -> tuple[re.Pattern[str], str]:
        """The variant to run for `text` (`lowered` is text.lower()) and the subject to run it on."""
        if len(lowered) != len(text):
            return self.slow, text
        return (self.fast_ascii if plain_ascii(lowered) else self.fast), lowered

    @classmethod
    def words(cls, alternation: str, suffix: str = "") -> Folded:
        """`\\b(?:alternation)suffix`, its branches grouped by first letter where they all start with one."""
        grouped = first_letter_groups(alternation)
        fast = rf"\b(?:{grouped}){suffix}" if grouped else None
        folded = cls(rf"\b(?:{alternation}){suffix}", fast=fast)
        branches = [b for branch in _top_level_branches(alternation) for b in _distributed(branch)]
        if grouped and all(b[0].isalnum() for b in branches):  # each starts with a word character
            folded._words = (re.compile(rf"(?:{grouped}){suffix}", re.ASCII),
                             re.compile(rf"\W(?:{grouped}){suffix}", re.ASCII))
        return folded

    def word_spans(self, lowered: str) -> list[tuple[int, int]]:
        """The spans of `fast_ascii.finditer(lowered)` for a lowered text that plain_ascii() accepts
        (speed only). For a pattern made by words() whose branches all start with a word character,
        `\\b` before a word is a non-word character before it (or the start): `\\W(?:...)` lets the
        engine skip to those characters (about one in six) instead of trying every position. A match
        may end on a non-word character, so the next search starts one character back."""
        if self._words is None:
            return [m.span() for m in self.fast_ascii.finditer(lowered)]
        at_start, after_non_word = self._words
        spans: list[tuple[int, int]] = []
        m = at_start.match(lowered)
        if m is not None:
            spans.append(m.span())
        m = after_non_word.search(lowered, max(spans[0][1] - 1, 0) if spans else 0)
        while m is not None:
            spans.append((m.start() + 1, m.end()))
            m = after_non_word.search(lowered, m.end() - 1)
        return spans

    def finditer(self, text: str, lowered: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        pattern, subject = self.pick(text, lowered)
        return pattern.finditer(subject, pos, len(subject) if endpos is None else endpos)

    def search(self, text: str, lowered: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        pattern, subject = self.pick(text, lowered)
        return pattern.search(subject, pos, len(subject) if endpos is None else endpos)

    def match(self, text: str, lowered: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        pattern, subject = self.pick(text, lowered)
        return pattern.match(subject, pos, len(subject) if endpos is None else endpos)

    def fullmatch(self, text: str, lowered: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        pattern, subject = self.pick(text, lowered)
        return pattern.fullmatch(subject, pos, len(subject) if endpos is None else endpos)


class CaselessWords:
    """Whether one of some plain words occurs in text[lo:hi] in any case: what
    `re.compile("word|word|...", re.I).search(text, lo, hi)` says, faster.

    With IGNORECASE the engine tries every word at every position of the window. An ASCII window
    (most are) is lower-cased and searched with `in` instead; any other window goes to the
    pattern, since case folding and lower() can disagree there (the Kelvin sign folds to "k",
    a dotted capital I lowers to two characters).
    """

    def __init__(self, words: Sequence[str]) -> None:
        if any(not (w.isascii() and w.isalpha()) or w != w.lower() for w in words):
            raise ValueError("words must be lower-case ASCII letters")
        self.words = tuple(words)
        self.pattern = re.compile("|".join(self.words), re.I)

    def in_window(self, text: str, lo: int, hi: int) -> bool:
        window = text[lo:hi]
        if window.isascii():
            lowered = window.lower()
            return any(word in lowered for word in self.words)
        return self.pattern.search(text, lo, hi) is not None


def capitalised_or_not(words: Sequence[str]) -> str:
    """`[Tt]his|[Nn]ext|[Tt]o|...` for lower-case words (each first letter in either case, the rest as
    written), grouped by first letter in their order: "[Tt](?:his|o)|[Nn](?:ext)". The engine then
    tries one branch per position instead of every word."""
    if any(not (w.isascii() and w[:1].isalpha()) or w != w.lower() for w in words):
        raise ValueError("words must be lower-case ASCII and start with a letter")
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"[{first}{first.upper()}](?:{'|'.join(rests)})" for first, rests in groups.items())


# What IGNORECASE lets an ASCII letter match besides its two cases (tests/test_fastre.py checks the
# whole of Unicode): the dotted capital and the dotless small i, the Kelvin sign, the long s.
_FOLDS_TO = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def caseless_words(words: Sequence[str]) -> str:
    """`(?i:word|word|...)` for lower-case ASCII words, written without the flag:
    each letter as the class of what IGNORECASE matches ("[iI\u0130\u0131]"), the words grouped
    by first letter in their order. With the flag the engine folds the case of every character it
    compares and tries every word at every position; this way it checks each first letter once."""
    if any(not w or not w.isascii() or w != w.lower() or not w[0].isalpha() for w in words):
        raise ValueError("words must be lower-case ASCII and start with a letter")
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append("".join(_caseless_character(c) for c in word[1:]))
    return "|".join(f"{_caseless_character(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


def _caseless_character(c: str) -> str:
    if not c.isalpha():
        return re.escape(c)
    return f"[{c}{c.upper()}{_FOLDS_TO.get(c, '')}]"


def occurrences(haystack: str, needle: str) -> list[int]:
    """Every position where `needle` starts in `haystack`, overlapping ones included (str.find: fast)."""
    found: list[int] = []
    at = haystack.find(needle)
    while at >= 0:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def finditer_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying `pattern` only at `starts` (ascending; they must include
    every position where `pattern` can match). For patterns that cannot start with a literal."""
    resume = 0
    for at in starts:
        if at < resume:
            continue
        m = pattern.match(text, at)
        if m is not None:
            resume = max(m.end(), at + 1)
            yield m
