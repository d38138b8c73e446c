"""Names a tracked title is known by beyond the configured ones, and places in a series: tables of
cases in our own words."""

from __future__ import annotations

import pytest

from releasewatch.extract.implied import base_names, implied_names
from releasewatch.extract.titles import find_mentions
from releasewatch.models import Title

GUILD = Title(name="The Lantern Guild season 3", aliases=("Lantern Guild season 3", "Tales of the Guild season 3"),
              kind="series")


def test_every_alias_of_a_season_gives_its_show_name() -> None:
    assert base_names(GUILD) == ("The Lantern Guild", "Lantern Guild", "Tales of the Guild")
    assert {"Lantern Guild", "Lantern Guild season three", "Tales of the Guild season 3"} <= set(implied_names(GUILD)) | set(
        GUILD.names)


@pytest.mark.parametrize(("text", "found"), [
    # the show's name from an alias, and "Season 3" after it, are the tracked season
    ("Tales of the Guild: Lantern Guild showed the first look at Season 3 on Friday.",
     [("Tales of the Guild", GUILD.name), ("Lantern Guild", GUILD.name), ("Season 3", GUILD.name)]),
    # "the first look at ..." is no "first season"
    ("Viewers had a first peek at the new season of The Lantern Guild.", [("The Lantern Guild", GUILD.name)]),
    # "the first season" is another season's place
    ("The first season premiered in 2022.", [("The first season", None)]),
])
def test_mentions_of_a_season(text: str, found: list[tuple[str, str | None]]) -> None:
    mentions = find_mentions(text, [GUILD], [GUILD])
    assert [(m.text, m.title) for m in mentions] == found


def test_other_works_looked_for_within_spans_are_those_found_everywhere() -> None:
    """find_mentions(within=...) is a speed trick: inside the spans it finds what a full scan finds,
    and every tracked mention everywhere."""
    mercy = Title(name="Mercy Street", kind="film")
    text = ("Lantern Coast opened in 2024. Universal moved Ember Road to May. \"Salt Flats\" is next. "
            "Mercy Street opens July 10, after Harbor Nine 2 opens. The studio released Tin Crown in May. ") * 3
    full = find_mentions(text, [mercy], [mercy])
    for lo, hi in [(0, 60), (40, 200), (150, len(text)), (300, 320)]:
        windowed = find_mentions(text, [mercy], [mercy], within=[(lo, hi)])
        assert [m for m in windowed if m.title is None] == [m for m in full if m.title is None and lo <= m.start < hi]
        assert [m for m in windowed if m.title] == [m for m in full if m.title]
