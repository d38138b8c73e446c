"""The fast forms of the patterns find exactly what the plain forms find.

Every rewrite in `fastre` (lower-cased text instead of IGNORECASE, branches grouped by first
letter, ASCII word classes, scans that try a pattern only at some positions) is checked here
against the straightforward pattern, on the corpus sentences and on texts built to hit the
edges: accented letters and curly punctuation next to words, a `lower()` that changes length.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from releasewatch.extract import events as ev
from releasewatch.extract import fastre
from releasewatch.extract import notclaims as nc
from releasewatch.extract import sentences as se
from releasewatch.extract import timex_lexicon as lexicon
from releasewatch.extract import timex_rules as rules
from releasewatch.extract import timex_tense as tense
from releasewatch.extract import titles as ti
from releasewatch.extract.fastre import (
    CaselessWords,
    Folded,
    WordList,
    capitalised_or_not,
    caseless_words,
    finditer_at,
    first_letter_groups,
    occurrences,
)

CORPUS = [case["text"] for case in yaml.safe_load(
    (Path(__file__).parent / "corpus" / "claims.yaml").read_text(encoding="utf-8"))["cases"]]
EDGES = [
    "Filming starts Nov. 13th; the release is set for June 7, 2024.",
    "café release, naïve launch, Pokémon opens, résumé dated",  # letters glued to cue words
    "—release “launch” ‘debut’ «opens» release’s (release) [release]",  # curly punctuation
    "İstanbul premiere set for March 2025",  # lower() makes this text longer
    "releaseé set\u00e9 outé re-release pre-release q1 Q1é h2é 2024é é2024 6/7/2024 19/7",
    "RELEASE Release release\nrelease\trelease",
    "",
    "release",
    "x",
]
TEXTS = CORPUS + EDGES


def _plain(alternation: str, suffix: str = "") -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation}){suffix}", re.I)


FOLDED = [(f"{event} cue", folded) for event, folded in ev.EVENT_CUES] + [
    ("negation", ev.NEGATION), ("speculative", ev._SPECULATIVE), ("reported", ev.REPORTED), ("move", ev.MOVE),
    ("future tense", tense._FUTURE), ("past tense", tense._PAST),
]


@pytest.mark.parametrize(("name", "folded"), FOLDED, ids=[name for name, _ in FOLDED])
def test_folded_pattern_finds_what_the_case_insensitive_one_finds(name: str, folded: Folded) -> None:
    for text in TEXTS:
        lowered = text.lower()
        fast = [m.span() for m in folded.finditer(text, lowered)]
        plain = [m.span() for m in folded.slow.finditer(text)]
        assert fast == plain, (name, text)


@pytest.mark.parametrize(("pattern", "grouped"), [
    ("release|launch|arrive", "r(?:elease)|l(?:aunch)|a(?:rrive)"),
    ("(?:open|opens)\\s+on|out", "o(?:pen\\s+on|pens\\s+on|ut)"),  # a leading group is distributed
    ("(?:a|b)?c", "a(?:c)|b(?:c)|c(?:)"),  # so is an optional one: its options first, then its absence
    ("(?:a|b)??c", None),  # a lazy one is not
    ("(?P<q>x)|y", None),  # nor a named group copied into branches
    ("\\bx|y", None),  # a branch that starts with an assertion
    ("'ll|will", "'(?:ll)|w(?:ill)"),  # a literal non-letter is fine
    ("or|\\-|–|end", "o(?:r)|\\-(?:)|–(?:)|e(?:nd)"),  # so is an escaped punctuation mark
    ("\\d+|x", None),  # a class escape is not a literal
    ("(?:a(b)|c)d", None),  # a capturing group would be copied into branches
    ("o(?<=[,(]\\so)ut|on", "o(?:(?<=[,(]\\so)ut|n)"),  # a parenthesis in a class or escaped is no group
    ("a\\(b|c", "a(?:\\(b)|c(?:)"),
])
def test_first_letter_groups(pattern: str, grouped: str | None) -> None:
    assert first_letter_groups(pattern) == grouped


def test_folded_refuses_upper_case() -> None:
    with pytest.raises(ValueError):
        Folded(r"\bRelease\b")


@pytest.mark.parametrize(("name", "words"), [
    ("cue hints", ev.CUE_HINT), ("date triggers", rules.TRIGGER),
], ids=["cue hints", "date triggers"])
def test_word_list_scan_finds_what_a_word_boundary_pattern_finds(name: str, words: WordList) -> None:
    reference = words._slow
    for text in TEXTS:
        lowered = text.lower()
        expected = [(m.start(), m.end(), m.group().lower()) for m in reference.finditer(text)]
        assert words.scan(text, lowered) == expected, (name, text)
        for lo, hi in ((0, len(text) // 2), (len(text) // 3, len(text))):
            inside = [(m.start(), m.end(), m.group().lower()) for m in reference.finditer(text, lo, hi)]
            assert words.scan(text, lowered, lo, hi) == inside, (name, text, lo, hi)
            assert words.occurs(text, lowered, lo, hi) == bool(inside), (name, text, lo, hi)


@pytest.mark.parametrize("alternatives", [
    ["bows?\\b", "bowl"],  # a quantified last letter: "s?" cannot be split into a trie level
    ["keeps?(?=\\s+the)", "keeps?\\s+on", "kept"],
    ["due\\s+(?:out|in)\\b", "dues", "due"],
], ids=["quantified-last-letter", "quantified-then-group", "shared-prefix"])
def test_word_list_trie_matches_the_plain_alternation(alternatives: list[str]) -> None:
    words = WordList(alternatives)
    for text in ("the film bows friday", "a bowl of soup", "it bow tie", "it keeps the date", "it keeps on",
                 "kept quiet", "due out soon", "dues paid", "due in june", "overdue"):
        expected = [(m.start(), m.end(), m.group().lower()) for m in words._slow.finditer(text)]
        assert words.scan(text, text) == expected, text


def test_word_list_wants_lower_case_ascii() -> None:
    with pytest.raises(ValueError):
        WordList(["Release"])
    with pytest.raises(ValueError):
        WordList(["café"])


# Titles of other works in each of OTHER_TITLE's forms, and capitalised words that start none.
TITLE_EDGES = [
    "Vol. 3 of The Long Saga arrives soon; Volume Two too.", "The Crow, which opens Friday, and Furiosa opens next.",
    "Fable III and Deadpool 3 and Cap 4 lead the list; PS5 owners and Q3 results do not.",
    "John Wick: Chapter 4, which opened in March, and Part Two of Dune.", "The Lost Season 2 is delayed to May.",
    "Sony's Spider-Man was released; Mercy Street will launch on Steam.", "Mercy & Co arrives; Ana de Armas trained.",
    "“The Quiet Place” Part II, ‘Big Fish’, and \"Old Town\" were dated.", "A film; I said. The studio, which "
    "later will release it, has been quiet.", "Tom’s Game Is Set for June; O’Neil’s Film has been moved.",
    "Headline\nThe Batman Part II lands in 2027.", "Élan Vital 2 hits theaters, Édith Piaf was shot.",
]


def test_finditer_at_matches_finditer_given_every_possible_start() -> None:
    for text in TEXTS + TITLE_EDGES:
        starts = (m.start() for m in ti._OTHER_TITLE_STARTS.finditer(text))
        assert [m.span() for m in finditer_at(ti.OTHER_TITLE, text, starts)] == \
            [m.span() for m in ti.OTHER_TITLE.finditer(text)], text


def test_tracked_names_are_found_as_one_pattern_finds_them() -> None:
    titles = tuple(ti.Title(n, a, "film", c, w) for n, a, c, w in [
        ("Ballerina", ("From the World of John Wick: Ballerina",), ("John Wick",), True),
        ("Mercy Street", (), (), False), ("(500) Days", ("'71",), (), False)])
    pattern, _, by_name = ti._names_matcher(titles)

    def reference(text: str) -> list[tuple[int, int]]:
        found = []
        for m in pattern.finditer(text):  # the whole text, every position
            surface = ti._name_key(m.group("name"))
            if by_name.get(surface) or by_name.get(surface.lower()):
                found.append(m.span())
        return found

    for text in TEXTS + ["From the World of John Wick: Ballerina, (500) Days and '71 and mercy  street's",
                         "BALLERINA ballerina Ballerina's ballerinas Mercy Streets"]:
        assert [(m.start, m.end) for m in ti.tracked_mentions(text, titles)] == reference(text), text


@pytest.mark.parametrize(("haystack", "needle", "found"), [
    ("aaaa", "aa", [0, 1, 2]), ("release date", "dat", [8]), ("", "x", []), ("abc", "d", []),
])
def test_occurrences_overlap(haystack: str, needle: str, found: list[int]) -> None:
    assert occurrences(haystack, needle) == found


# Where IGNORECASE and lower() disagree: the Kelvin sign matches "k", the long s matches "s", the
# dotted capital I matches "i" but lowers to two characters, the dotless i matches "i".
FOLDING_EDGES = ["\u212aeynote on Friday", "wa\u017f set for June", "Or\u0130gin date June 7", "pr\u0131or to May 5",
                 "WAS Set For", "The ORIGINAL date, then the Previous one", "café presentation ‘Direct’ — stream"]
CASELESS = [("old words", nc._OLD_WORDS), ("scheduled words", nc._SCHEDULED_WORDS),
            ("gathering words", nc._GATHERING_WORDS)]


@pytest.mark.parametrize(("name", "words"), CASELESS, ids=[name for name, _ in CASELESS])
def test_caseless_words_agree_with_the_case_insensitive_pattern(name: str, words: CaselessWords) -> None:
    reference = re.compile("|".join(words.words), re.I)
    for text in TEXTS + FOLDING_EDGES:
        for lo in range(0, len(text) + 1, max(1, len(text) // 7)):
            for hi in (lo, lo + 10, lo + 50, len(text)):
                expected = reference.search(text, lo, hi) is not None
                assert words.in_window(text, lo, hi) == expected, (name, text, lo, hi)


def test_caseless_words_want_lower_case_ascii_letters() -> None:
    with pytest.raises(ValueError):
        CaselessWords(["Was"])
    with pytest.raises(ValueError):
        CaselessWords(["pré"])


def _plain_sentences(text: str) -> list[se.Sentence]:
    """split_sentences as it reads without the pattern's decisions: every boundary asked the tests."""
    out: list[se.Sentence] = []
    start = 0
    for m in se._BOUNDARY.finditer(text):
        at, end = m.span()
        mark = text[at]
        if mark != "\n" and ((mark == "." and se._is_abbreviation(text, at)) or not se._next_starts_sentence(text, end)):
            continue
        se._emit(out, text, start, end)
        start = end
    se._emit(out, text, start, len(text))
    return out


def _random_texts(count: int, seed: int) -> list[str]:
    """Texts of sentence marks, abbreviations, initials and the characters whose case or class
    differs between ASCII and Unicode (accented and capital letters, the Kelvin sign, curly quotes,
    a non-breaking space, superscript two)."""
    import random
    rng = random.Random(seed)
    pieces = ["Mr", "mr", "Dr", "U.S", "e.g", "J", "x", "Jan", "SEPT", "approx", "no", "st", "lead", "word", "longword",
              ".", ".", "..", "!", "?", "…", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\"", "'", "”", "’", ")", "]",
              "(", "“", "‘", "A", "É", "é", "\u212a", "\u0130", "2", "\u00b2", "ß", "x.y"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(count)]


def test_sentence_boundaries_decided_by_the_pattern_are_what_the_tests_decide() -> None:
    starts = ["J. Smith said so.", "x. Y", "Mr. Smith", "U.S. Open", "e.g. That", "No. 5 is out.", "St. Louis",
              "\u212a. Next", "é. Next", "approx. 5", "A.B. Next", "Co. Next"]
    texts = TEXTS + FOLDING_EDGES + starts + [f"The {t}" for t in starts] + _random_texts(3000, 12)
    for text in texts:
        assert [m.span() for m in se._DECIDED.finditer(text)] == [m.span() for m in se._BOUNDARY.finditer(text)], text
        for m in se._DECIDED.finditer(text):
            if m.lastindex is not None:
                at, end = m.span()
                assert text[at] == "\n" or not ((text[at] == "." and se._is_abbreviation(text, at))
                                                 or not se._next_starts_sentence(text, end)), (text, at)
        assert se.split_sentences(text) == _plain_sentences(text), text


@pytest.mark.parametrize("kinds", sorted(rules.WORD_SCANNERS))
def test_gate_word_scanners_find_what_the_plain_alternation_finds(kinds: str) -> None:
    scanner, contains = rules.WORD_SCANNERS[kinds]
    plain = re.compile("|".join(map(re.escape, sorted(contains, key=len, reverse=True))))
    for text in TEXTS + ["the back half of 2024 or 2025 - the first months – the weekend before last, early-2025"]:
        lowered = text.lower()
        assert scanner.findall(lowered) == plain.findall(lowered), (kinds, text)


def test_ignorecase_folds_no_other_characters_onto_ascii_letters() -> None:
    every = "".join(map(chr, range(0x80, 0x110000)))
    folds = {}
    for letter in "abcdefghijklmnopqrstuvwxyz":
        found = "".join(m.group() for m in re.finditer(f"(?i:{letter})", every))
        if found:
            folds[letter] = found
    assert folds == fastre._FOLDS_TO


def test_caseless_words_match_what_the_flag_matches() -> None:
    words = lexicon.YEAR_CUE_WORDS
    fast = re.compile(f"(?:{caseless_words(words)})")
    plain = re.compile(f"(?i:{lexicon.YEAR_CUE})")
    texts = TEXTS + FOLDING_EDGES + ["\u0130N 2024, S\u0131NCE 1999, \u017fince 2001, As Of 2020, as  of 2020, AS\tOF"]
    for text in texts:
        for at in range(len(text)):
            a, b = fast.match(text, at), plain.match(text, at)
            assert (a and a.span()) == (b and b.span()), (text, at)
    with pytest.raises(ValueError):
        caseless_words(["In"])


def test_capitalised_or_not_matches_the_plain_alternation() -> None:
    words = ("this", "next", "to", "til", "till", "through", "in", "into")
    fast = re.compile(f"(?:{capitalised_or_not(words)})")
    plain = re.compile("|".join(f"[{w[0]}{w[0].upper()}]{w[1:]}" for w in words))
    for text in TEXTS + ["This June, next May, Till June, TIL, Through and To", "tHis Into"]:
        for at in range(len(text)):
            a, b = fast.match(text, at), plain.match(text, at)
            assert (a and a.span()) == (b and b.span()), (text, at)
    with pytest.raises(ValueError):
        capitalised_or_not(["This"])


HINTS = [(f"{event} hint", hint) for event, hint in ev._EVENT_HINTS.items()] + [("any event hint", ev._ANY_EVENT_HINT)]


@pytest.mark.parametrize(("name", "hint"), HINTS, ids=[name for name, _ in HINTS])
def test_grouped_event_hints_find_what_the_plain_hints_find(name: str, hint: Folded) -> None:
    words = [w for pattern in ev._LEXICON["event_hints"].values() for w in re.split(r"\|", pattern)]
    for text in TEXTS + [f"the {w.replace(chr(92) + 's+', ' ').replace(chr(92) + 'b', '')} of it" for w in words]:
        lowered = text.lower()
        fast = [m.span() for m in hint.finditer(text, lowered)]
        plain = [m.span() for m in re.compile(hint.pattern).finditer(lowered)] if len(lowered) == len(text) else fast
        assert fast == plain, (name, text)


# Every platform and region name, in a clause that names it as a qualifier: the name gates before
# PLATFORM and REGION (speed only) must let each through.
def _spelled(name: str) -> str:
    return name.replace(r"\s+", " ").replace("\\", "")


QUALIFIED = [(f"It streams on {_spelled(n)} in June", _spelled(n)) for n in fastre._top_level_branches(ev._PLATFORMS)] + [
    (f"It opens in the {r} in June", r.replace(".", "")) for r in ev._REGIONS]


@pytest.mark.parametrize(("clause", "qualifier"), QUALIFIED)
def test_qualifier_name_gates_let_every_name_through(clause: str, qualifier: str) -> None:
    assert ev._PLATFORM_NAME.search(clause) or ev._REGION_NAME.search(clause)
    assert ev.qualifier_of(clause) == qualifier


def _sentence_start_forward(text: str, pos: int) -> int:
    """timex_tense's sentence start as the plain pattern gives it: the end of its last match before `pos`."""
    start = max(0, pos - 400)
    for m in tense._BREAK_BEFORE.finditer(text, start, pos):
        start = m.end()
    return start


def test_sentence_start_read_backwards_is_where_the_forward_scan_ends() -> None:
    rng = random.Random(5)
    alphabet = ["a", "b", "A", "Z", ".", "!", "?", " ", "  ", "\n", "\n\n", "\t", "\u00a0", '"', "“", "‘", "'", "(", "é", "É"]
    texts = TEXTS + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(3000)]
    texts.append("x. " * 300 + "Then it opens. June 5")  # the 400-character reach
    for text in texts:
        for pos in range(len(text) + 1) if len(text) < 80 else range(0, len(text) + 1, 7):
            assert tense._sentence_bounds(text, pos)[0] == _sentence_start_forward(text, pos), (text, pos)


def test_ascii_classes_differ_from_unicode_ones_only_at_the_separators() -> None:
    differ = {chr(c) for c in range(128) for cls in (r"\s", r"\S", r"\w", r"\W", r"\d", r"\D")
              if bool(re.match(cls, chr(c))) != bool(re.match(cls, chr(c), re.ASCII))}
    assert differ == set(fastre._SEPARATORS)


@pytest.mark.parametrize(("subject", "plain"), [
    ("Mercy Street opens June 6, 2025.", True),
    ("", True),
    ("line\nbreaks\tand tabs", True),
    ("curly ’quote", False),
    ("a separator \x1e inside", False),
    ("\x1f", False),
])
def test_plain_ascii(subject: str, plain: bool) -> None:
    assert fastre.plain_ascii(subject) is plain


@pytest.mark.parametrize(("pattern", "twinned"), [
    (re.compile(r"\bopens\b"), True),
    (re.compile(r"\bopens\b", re.I), True),
    (re.compile(r"[“\"]\w+[”\"]"), True),  # curly quotes fold to no ASCII letter
    (re.compile("(?i:[a-z]+)x"), True),
    (re.compile("[\u0100-\u0200]"), True),  # a range with "\u017f", but case-sensitive
    (re.compile("(?i:\u212a)"), False),  # the Kelvin sign matches "k"
    (re.compile("(?i:[\u0100-\u0200])"), False),  # the range holds "\u017f", which matches "s"
    (re.compile("[^\u0130]", re.I), False),
])
def test_ascii_twin_refuses_caseless_patterns_that_name_a_character_folding_to_ascii(
        pattern: re.Pattern[str], twinned: bool) -> None:
    twin = fastre.ascii_twin(pattern)
    assert (twin is not pattern) is twinned
    assert (twin.flags & re.ASCII != 0) is twinned


def _twinned_patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    from releasewatch.extract import timex
    out = [(f"{name} (ascii)", folded.fast, folded.fast_ascii) for name, folded in FOLDED]
    out += [(f"{name} hint (ascii)", hint.fast, hint.fast_ascii) for name, hint in ev._EVENT_HINTS.items()]
    out += [("any hint (ascii)", ev._ANY_EVENT_HINT.fast, ev._ANY_EVENT_HINT.fast_ascii)]
    out += [(f"gate words {kinds}", scanner, timex._SCANNER_TWINS[kinds]) for kinds, (scanner, _) in rules.WORD_SCANNERS.items()]
    out += [(f"timex rule {i}", pair[0], pair[1]) for _, _, group in timex._GROUPS for i, pair, *_ in group]
    return out


TWINNED = _twinned_patterns()


@pytest.mark.parametrize(("name", "pattern", "twin"), TWINNED, ids=[name for name, _, _ in TWINNED])
def test_ascii_twins_find_what_the_patterns_find_in_plain_ascii_text(
        name: str, pattern: re.Pattern[str], twin: re.Pattern[str]) -> None:
    assert twin is not pattern and twin.flags & re.ASCII
    for text in TEXTS + ["Filming wraps in June; the first trailer is out, with a release on 6/7/2024 or in the fall."]:
        for subject in (text, text.lower()):
            if fastre.plain_ascii(subject):
                assert [m.span() for m in twin.finditer(subject)] == [m.span() for m in pattern.finditer(subject)], \
                    (name, subject)


WORD_EDGES = [
    "release date set", "release", "x release", "return for the season release", "return for the release", "releases-release",
    "out on ps5 june 3, out on pc; (out june 4)", "wrapped filming, filming wrapped, wrap",
    "the trailer and the teaser trailer dropped", "debut.debut,debut", "pre-release re-release",
]


@pytest.mark.parametrize(("name", "folded"), FOLDED, ids=[name for name, _ in FOLDED])
def test_word_spans_are_the_ascii_twins_matches(name: str, folded: Folded) -> None:
    for text in TEXTS + WORD_EDGES:
        lowered = text.lower()
        if fastre.plain_ascii(lowered):
            assert folded.word_spans(lowered) == [m.span() for m in folded.fast_ascii.finditer(lowered)], (name, text)


def test_event_cue_patterns_all_have_the_non_word_scan() -> None:
    assert all(folded._words is not None for _, folded in ev.EVENT_CUES)
