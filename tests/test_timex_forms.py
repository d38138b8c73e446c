"""The date forms of issue 12, in our own sentences: lower case, quarters, parts of years, weekdays that
pick the year, two-digit years, counted and named days, spans of days, holidays, paragraph breaks."""

from __future__ import annotations

from datetime import date

import pytest

from releasewatch.extract.timex import find_timexes

SUNDAY = date(2022, 11, 6)

# (text, dct, surface, earliest, latest)
FORMS = [
    # lower case, deliberately
    ("the beta opens february 15", SUNDAY, "february 15", "2023-02-15", "2023-02-15"),
    ("patch notes drop on sept 4", SUNDAY, "sept 4", "2023-09-04", "2023-09-04"),
    ("servers go down on monday", SUNDAY, "monday", "2022-11-07", "2022-11-07"),
    ("the dev team said monday it is done", SUNDAY, "monday", "2022-10-31", "2022-10-31"),
    ("it opens may 12th", SUNDAY, "may 12th", "2023-05-12", "2023-05-12"),
    ("delayed until october 2024", SUNDAY, "until october 2024", "2022-11-06", "2024-10-31"),
    ("it was quiet since october", SUNDAY, "october", "2022-10-01", "2022-10-31"),
    ("25th march 2015 is the day", SUNDAY, "25th march 2015", "2015-03-25", "2015-03-25"),
    # quarters
    ("the update ships this quarter", SUNDAY, "this quarter", "2022-10-01", "2022-12-31"),
    ("the port ships next quarter", SUNDAY, "next quarter", "2023-01-01", "2023-03-31"),
    ("planned for Q4 2018", SUNDAY, "Q4 2018", "2018-10-01", "2018-12-31"),
    ("planned for 2018Q4", SUNDAY, "2018Q4", "2018-10-01", "2018-12-31"),
    ("it will launch in the third quarter", SUNDAY, "the third quarter", "2023-07-01", "2023-09-30"),
    # parts of a year
    ("at the beginning of 2017 it shipped", SUNDAY, "the beginning of 2017", "2017-01-01", "2017-04-30"),
    ("due at the start of next year", SUNDAY, "the start of next year", "2023-01-01", "2023-04-30"),
    ("due at the tail end of 2025", SUNDAY, "the tail end of 2025", "2025-09-01", "2025-12-31"),
    # a weekday that contradicts the occurrence picks the year
    ("The show airs Sunday, Feb 10", date(2013, 1, 15), "Sunday, Feb 10", "2013-02-10", "2013-02-10"),
    ("The show airs Sunday, Feb 10", date(2013, 3, 1), "Sunday, Feb 10", "2013-02-10", "2013-02-10"),
    ("It airs Monday, Feb 10", date(2013, 3, 1), "Monday, Feb 10", "2014-02-10", "2014-02-10"),
    # two-digit years by a window
    ("born 10/31/74", SUNDAY, "10/31/74", "1974-10-31", "1974-10-31"),
    ("filed 03/02/21", SUNDAY, "03/02/21", "2021-03-02", "2021-03-02"),
    # counted and named days
    ("The vote is Tuesday the 19th", date(2023, 9, 1), "Tuesday the 19th", "2023-09-19", "2023-09-19"),
    ("tickets go on sale the 20th of next month", SUNDAY, "the 20th of next month", "2022-12-20", "2022-12-20"),
    ("it opens the first Tuesday of October", SUNDAY, "the first Tuesday of October", "2023-10-03", "2023-10-03"),
    ("the festival takes the last weekend of June", SUNDAY, "the last weekend of June", "2023-06-24", "2023-06-25"),
    ("the trailer came out three weeks ago", SUNDAY, "three weeks ago", "2022-10-16", "2022-10-16"),
    ("the demo arrives in two weeks", SUNDAY, "in two weeks", "2022-11-20", "2022-11-20"),
    ("the demo arrives the day after tomorrow", SUNDAY, "the day after tomorrow", "2022-11-08", "2022-11-08"),
    ("we fly two weeks from next Tuesday", SUNDAY, "two weeks from next Tuesday", "2022-11-22", "2022-11-22"),
    # spans of days
    ("the fair runs from 13 to 15 July", SUNDAY, "from 13 to 15 July", "2023-07-13", "2023-07-15"),
    ("the fair runs July 13-15", SUNDAY, "July 13-15", "2023-07-13", "2023-07-15"),
    ("the sale runs between the 3rd and the 7th", date(2022, 11, 1), "between the 3rd and the 7th",
     "2022-11-03", "2022-11-07"),
    # holidays, with the year resolved
    ("out by Christmas Eve", SUNDAY, "by Christmas Eve", "2022-11-06", "2022-12-24"),
    ("it opens on Christmas", SUNDAY, "Christmas", "2022-12-25", "2022-12-25"),
    ("it opens on New Year's Day", SUNDAY, "New Year's Day", "2023-01-01", "2023-01-01"),
    ("a party on New Year’s Eve", SUNDAY, "New Year’s Eve", "2022-12-31", "2022-12-31"),
    ("it opens on Thanksgiving", SUNDAY, "Thanksgiving", "2022-11-24", "2022-11-24"),
    ("deals start on Black Friday", SUNDAY, "Black Friday", "2022-11-25", "2022-11-25"),
    ("it opens Memorial Day weekend", SUNDAY, "Memorial Day weekend", "2023-05-26", "2023-05-29"),
    ("it opens on Independence Day", SUNDAY, "Independence Day", "2023-07-04", "2023-07-04"),
    ("it opens on July 4th", SUNDAY, "July 4th", "2023-07-04", "2023-07-04"),
    ("it opens on Labor Day", SUNDAY, "Labor Day", "2023-09-04", "2023-09-04"),
    ("it opens on Halloween", SUNDAY, "Halloween", "2023-10-31", "2023-10-31"),
    ("it opens on Valentine's Day", SUNDAY, "Valentine's Day", "2023-02-14", "2023-02-14"),
    ("it opens at Easter", SUNDAY, "Easter", "2023-04-09", "2023-04-09"),
    ("it opens on Presidents' Day", SUNDAY, "Presidents' Day", "2023-02-20", "2023-02-20"),
    ("it opens on Martin Luther King Jr. Day", SUNDAY, "Martin Luther King Jr. Day", "2023-01-16", "2023-01-16"),
    ("it opens on Boxing Day", SUNDAY, "Boxing Day", "2022-12-26", "2022-12-26"),
    ("it opens on the August bank holiday", SUNDAY, "the August bank holiday", "2023-08-28", "2023-08-28"),
    ("it opens in Golden Week", SUNDAY, "Golden Week", "2023-04-29", "2023-05-05"),
    ("it opens for Diwali 2024", SUNDAY, "Diwali 2024", "2024-11-01", "2024-11-01"),
    ("it opens for Diwali", SUNDAY, "Diwali", "2023-11-12", "2023-11-12"),
    # "later in November" is part of the time, not a tense; "the cast" is a noun, not a past verb
    ("Later in November, the team resumed its shoot", date(2024, 2, 10), "November", "2023-11-01", "2023-11-30"),
    ("In November, the cast will begin filming", date(2024, 2, 10), "November", "2024-11-01", "2024-11-30"),
    # a reveal verb, its object, then the day: the day it happened, not what was said
    ("The studio unveiled an early look at the new season on Friday while its stars sat on the panel and hinted at "
     "what is coming", date(2024, 7, 28), "Friday", "2024-07-26", "2024-07-26"),
    ("The studio revealed the film will open on Friday", date(2024, 7, 28), "Friday", "2024-08-02", "2024-08-02"),
    # "posted a teaser for the season Monday": a past day after the object; "shared" is a past verb
    ("Netflix posted a teaser for the season Monday with the whole cast", date(2024, 11, 20), "Monday",
     "2024-11-18", "2024-11-18"),
    ("Netflix shared the first teaser on Monday", date(2024, 11, 20), "Monday", "2024-11-18", "2024-11-18"),
    # gatherings with a year: the span their editions fall in (lexicons/gatherings.json)
    ("it was shown at Gamescom 2024", SUNDAY, "Gamescom 2024", "2024-08-17", "2024-08-31"),
    ("first seen at the 2023 Game Awards", SUNDAY, "2023 Game Awards", "2023-12-05", "2023-12-15"),
    ("it screens at the Venice Film Festival 2024", SUNDAY, "Venice Film Festival 2024", "2024-08-25", "2024-09-10"),
    ("revealed at E3 in 2018", SUNDAY, "E3 in 2018", "2018-06-08", "2018-06-20"),
    ("it played Cannes 2021", SUNDAY, "Cannes 2021", "2021-07-06", "2021-07-17"),
    ("it opens for Chinese New Year", SUNDAY, "Chinese New Year", "2023-01-22", "2023-01-22"),
    ("it opened on Easter Sunday", date(2023, 5, 1), "Easter Sunday", "2023-04-09", "2023-04-09"),
    # parts of the reference day; the tense of a year-less date
    ("the teaser dropped this morning", SUNDAY, "this morning", "2022-11-06", "2022-11-06"),
    ("the cast meets fans this evening", SUNDAY, "this evening", "2022-11-06", "2022-11-06"),
    ("it was unveiled with a nod to its August premiere date", SUNDAY, "August", "2023-08-01", "2023-08-31"),
    ("it was moved and arrives two weeks earlier, on June 2", SUNDAY, "June 2", "2023-06-02", "2023-06-02"),
    ("the studio said it can't wait to show it on March 3", SUNDAY, "March 3", "2023-03-03", "2023-03-03"),
    ("filming starts later this month", SUNDAY, "later this month", "2022-11-06", "2022-11-30"),
    ("due in cinemas on April 9th of this year", SUNDAY, "April 9th of this year", "2022-04-09", "2022-04-09"),
    ("2023's Mercy Street stars newcomers", SUNDAY, "2023", "2023-01-01", "2023-12-31"),
    ("the finale is only a few days away", SUNDAY, "only a few days away", "2022-11-07", "2022-11-12"),
    ("the follow-up may be 3-4 years away", SUNDAY, "3-4 years away", "2025-01-01", "2026-12-31"),
    ("the game is at least five years out", SUNDAY, "at least five years out", "2027-01-01", None),
    # a date named as the date set for an event is ahead, whatever verb announced it
    ("the studio revealed the release date: March 3", SUNDAY, "March 3", "2023-03-03", "2023-03-03"),
    ("the game was given a release date of March 3", SUNDAY, "March 3", "2023-03-03", "2023-03-03"),
    ("the film got a March 3 date", SUNDAY, "March 3", "2023-03-03", "2023-03-03"),
    ("the trailer revealed that the game is out on March 3", SUNDAY, "March 3", "2023-03-03", "2023-03-03"),
    ("the film opened on March 3 to good reviews", SUNDAY, "March 3", "2022-03-03", "2022-03-03"),
    ("the studio is eyeing a May release", SUNDAY, "May", "2023-05-01", "2023-05-31"),
    ("it was delayed by two months to March 10", SUNDAY, "March 10", "2023-03-10", "2023-03-10"),
    ("filming took place between January and April", date(2023, 3, 1), "between January and April", "2022-01-01", "2022-04-30"),
    ("it could open as early as May", SUNDAY, "May", "2023-05-01", "2023-05-31"),
    ("it opens later this week", date(2022, 11, 2), "later this week", "2022-11-02", "2022-11-06"),
    ("it opens abroad on Nov.13", SUNDAY, "Nov.13", "2022-11-13", "2022-11-13"),
    ("it won't land until at least 2026", SUNDAY, "until at least 2026", "2026-01-01", None),
    ("it ships in the last quarter of 2025", SUNDAY, "the last quarter of 2025", "2025-10-01", "2025-12-31"),
    ("in the final quarter of this year", SUNDAY, "the final quarter of this year", "2022-10-01", "2022-12-31"),
    ("revenue fell in the last quarter", SUNDAY, "the last quarter", "2022-07-01", "2022-09-30"),
    ("ahead of its March premiere", date(2022, 11, 6), "March", "2023-03-01", "2023-03-31"),
    ("it began earlier this month", date(2022, 11, 16), "earlier this month", "2022-11-01", "2022-11-16"),
    ("it began earlier this year", SUNDAY, "earlier this year", "2022-01-01", "2022-11-06"),
    ("it ships before the end of the year", SUNDAY, "before the end of the year", "2022-11-06", "2022-12-31"),
    # a curly apostrophe is the same future tense
    ("the studio won’t screen it in June", SUNDAY, "June", "2023-06-01", "2023-06-30"),
    ("it’ll screen in June", SUNDAY, "June", "2023-06-01", "2023-06-30"),
    # parts of a year told in other words; a "back" or "latter" half is a half
    ("we may see it in the first few months of 2025", date(2023, 7, 10), "the first few months of 2025",
     "2025-01-01", "2025-04-30"),
    ("it lands in the early part of next year", date(2023, 7, 10), "the early part of next year", "2024-01-01", "2024-04-30"),
    ("it slipped to the back half of 2024", date(2023, 7, 10), "the back half of 2024", "2024-07-01", "2024-12-31"),
    ("in the latter half of 2025", date(2023, 7, 10), "the latter half of 2025", "2025-07-01", "2025-12-31"),
    # the year after an event noun is the month's, season's or day's: "a June release in 2025"
    ("they plan a June release in 2025", date(2023, 7, 10), "June", "2025-06-01", "2025-06-30"),
    ("its summer debut in 2026 is set", date(2023, 7, 10), "summer", "2026-06-01", "2026-08-31"),
    ("it is the big Christmas release of 2024", date(2023, 7, 10), "Christmas", "2024-12-25", "2024-12-25"),
    # an alternative's year told relatively is shared by both parts
    ("it could open in July or August of next year", date(2023, 7, 10), "July or August of next year",
     "2024-07-01", "2024-08-31"),
    # a headline in Title Case is read again in lower case ("Early Next Year", "This Holiday Season")
    ("Harbor Nights Starts Filming Early Next Year", SUNDAY, "Early Next Year", "2023-01-01", "2023-04-30"),
    ("Mercy Street Trailer Drops Next Week", SUNDAY, "Next Week", "2022-11-07", "2022-11-13"),
    ("Marlow's Keep Arrives This Holiday Season", SUNDAY, "This Holiday Season", "2022-11-15", "2022-12-31"),
    ("The Sequel Is Set For Late 2024 Or Early 2025", SUNDAY, "Late 2024 Or Early 2025", "2024-09-01", "2025-04-30"),
    # a fiscal year over two calendar years runs April to March
    ("the studio will ship it in FY2023-24", SUNDAY, "FY2023-24", "2023-04-01", "2024-03-31"),
    ("planned for fiscal year 2024-2025", SUNDAY, "fiscal year 2024-2025", "2024-04-01", "2025-03-31"),
    # one fiscal year is named by the year it ends in; its quarters run from April ("fiscal Q3" is October to December)
    ("slated for its FY2024 line-up", SUNDAY, "FY2024", "2023-04-01", "2024-03-31"),
    ("part of the FY25 plan", SUNDAY, "FY25", "2024-04-01", "2025-03-31"),
    ("due in their financial third quarter", date(2024, 7, 31), "financial third quarter", "2024-10-01", "2024-12-31"),
    ("it ships in fiscal Q1", date(2024, 7, 31), "fiscal Q1", "2025-04-01", "2025-06-30"),
    ("the FY2024 results are in", SUNDAY, None, None, None),
    # "this spring" with the spring gone and no past tense is the one ahead
    ("the new season will debut this spring", date(2022, 12, 3), "this spring", "2023-03-01", "2023-05-31"),
    ("the first season debuted this spring", date(2022, 12, 3), "this spring", "2022-03-01", "2022-05-31"),
    # "released weekly" is a schedule, not a past tense
    ("episodes released weekly until 9 December", date(2022, 11, 6), "until 9 December", "2022-11-06", "2022-12-09"),
    ("it was released on 9 October", SUNDAY, "9 October", "2022-10-09", "2022-10-09"),
    # a month before a named event dates the event ("the June Nintendo Direct"), a weekday after "starting"
    ("the trailer aired during the September State of Play", SUNDAY, "September", "2022-09-01", "2022-09-30"),
    ("the June Carter story", SUNDAY, None, None, None),
    # a date right before a verb of showing or saying is that act's day ("On Friday, X unveiled ..."), unless a
    # nearer tense says otherwise ("opens Friday, the studio said")
    ("On Friday, the studio unveiled the game", date(2026, 6, 15), "Friday", "2026-06-12", "2026-06-12"),
    ("The film opens Friday, the studio said", date(2026, 6, 15), "Friday", "2026-06-19", "2026-06-19"),
    # "Next spring," and "Last fall," opening a sentence lead their season as in lower case
    ("Next spring, the show returns", date(2026, 5, 10), "Next spring", "2027-03-01", "2027-05-31"),
    ("Last fall, the shoot wrapped", date(2026, 5, 10), "Last fall", "2025-09-01", "2025-11-30"),
    # a season before the thing it is the season of ("a summer camp") is no date
    ("she is sent off to a summer camp", SUNDAY, None, None, None),
    ("a winter storm shut the set", SUNDAY, None, None, None),
    # a holiday with "this/next/last year" after it is one date
    ("it opens before Christmas next year", SUNDAY, "before Christmas next year", "2022-11-06", "2023-12-24"),
    ("the shoot began on Halloween last year", SUNDAY, "Halloween last year", "2021-10-31", "2021-10-31"),
    # a number, then the verb "may" or "march": no date without a year or a preposition ("on 2 may")
    ("the date for season 2 may seem late", SUNDAY, None, None, None),
    ("the servers close on 2 may", SUNDAY, "2 may", "2023-05-02", "2023-05-02"),
    ("Season 2 Starting Friday", SUNDAY, "Friday", "2022-11-11", "2022-11-11"),
]


@pytest.mark.parametrize(("text", "dct", "surface", "earliest", "latest"), FORMS, ids=[f[0] for f in FORMS])
def test_form(text: str, dct: date, surface: str | None, earliest: str | None, latest: str | None) -> None:
    found = find_timexes(text, dct)
    if surface is None:
        assert found == []
        return
    assert [t.text for t in found] == [surface], found
    assert (found[0].range.earliest.isoformat(), found[0].range.latest and found[0].range.latest.isoformat()) == \
        (earliest, latest)


@pytest.mark.parametrize("text", [
    "They may slip the date.", "you may 2024 be kind", "Fans march on the studio.", "fans march 3 miles",
    "April Ryan reported the story.", "April said the date holds.", "June Carter sang.", "the Sunday Times",
    "we are in march formation", "Mon Dieu", "The Sun reports", "in their 30s", "a Sat score",
    "sold out in two weeks, it did", "an easter egg in the trailer", "the 2008-09 season", "September 14 and 18 are the two dates",
    "This Morning aired the interview", "You may release it later", "she lived two weeks away from home",
    "the director of The Fall Guy", "shown at Summer Game Fest", "back from his summer travels",
])
def test_not_dates(text: str) -> None:
    found = find_timexes(text, SUNDAY)
    assert [t.text for t in found if t.text != "September 14"] == [], found


def test_two_dates_stay_two() -> None:
    found = find_timexes("It screens September 14 and 18, 2023.", SUNDAY)
    assert found[0].text == "September 14"


def test_no_date_spans_a_blank_line() -> None:
    text = "Release 2.8\n\nMarch was busy for the team, with two launches."
    found = find_timexes(text, SUNDAY)
    assert all("\n" not in t.text for t in found), found
    assert not any(t.range.earliest.day == 8 and t.range.granularity == "day" for t in found), found


def test_no_span_joins_across_a_blank_line() -> None:
    found = find_timexes("It opens June 7, 2024 -\n\nJune 9, 2024 is the other date.", SUNDAY)
    assert [t.text for t in found] == ["June 7, 2024", "June 9, 2024"]


def test_a_month_heading_on_its_own_line() -> None:
    found = find_timexes("Coming soon\nMay\nThe sequel, on the 12th.", SUNDAY)
    assert [(t.text, t.range.earliest.isoformat()) for t in found] == [("May", "2023-05-01")]


def test_a_holiday_outside_its_table_is_not_guessed() -> None:
    found = find_timexes("it opens for Diwali 2045", SUNDAY)
    assert all("Diwali" not in t.text for t in found)


@pytest.mark.parametrize(("text", "label"), [
    ("they plan a June release in 2025", "June 2025"),
    ("its summer debut in 2026 is set", "summer 2026"),
    ("a winter launch in 2027", "winter 2027/28"),
])
def test_a_year_after_the_event_noun_is_in_the_label(text: str, label: str) -> None:
    (found,) = find_timexes(text, date(2023, 7, 10))
    assert found.range.label == label


@pytest.mark.parametrize("text", ["it was shown at Gamescom", "a reveal at the Game Awards", "see you in Venice"])
def test_a_gathering_without_a_year_is_no_date(text: str) -> None:
    assert find_timexes(text, SUNDAY) == []


def test_a_weekday_after_the_kind_of_work_is_a_name() -> None:
    # "season Monday" is a day; "the series Wednesday" names the show
    assert find_timexes("the streamer's big series Wednesday, with its young lead", SUNDAY) == []
