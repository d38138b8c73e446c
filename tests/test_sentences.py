"""Sentence splitting: where a sentence ends, as a table of cases in our own words."""

from __future__ import annotations

import pytest

from releasewatch.extract.sentences import split_sentences


@pytest.mark.parametrize(("text", "sentences"), [
    ("The film opens in May. Filming wrapped.", ["The film opens in May.", "Filming wrapped."]),
    ("Dr. Vance directs it. It opens in May.", ["Dr. Vance directs it.", "It opens in May."]),
    ("J. Smith wrote it. It opens in May.", ["J. Smith wrote it.", "It opens in May."]),
    ("It opens Jan. 9 in the U.S. and later abroad.", ["It opens Jan. 9 in the U.S. and later abroad."]),
    # a clock time's period goes on when a time zone follows it, and ends a sentence otherwise
    ("It airs at 10 p.m. ET on Friday, Feb. 13. Episode two follows.",
     ["It airs at 10 p.m. ET on Friday, Feb. 13.", "Episode two follows."]),
    ("It airs at 8 a.m. PT/11 a.m. ET on Monday.", ["It airs at 8 a.m. PT/11 a.m. ET on Monday."]),
    ("It airs at 9 p.m. The next day it streams.", ["It airs at 9 p.m.", "The next day it streams."]),
    ("It airs at 9 p.m. ET. The next day it streams.", ["It airs at 9 p.m. ET.", "The next day it streams."]),
    ("Heading line\nFirst sentence here.", ["Heading line", "First sentence here."]),
])
def test_sentences_end_where_a_reader_ends_them(text: str, sentences: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == sentences


def test_offsets_point_into_the_text() -> None:
    text = "  One here.   Two at 9 p.m. ET today.  "
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text
