"""Publication dates: the pieces that read them (the fixture pages are in test_article.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from releasewatch.article import parse_article
from releasewatch.pubdate import local_day, parse_text_date, url_date


@pytest.mark.parametrize(("text", "month_first", "day"), [
    ("Von Jana Brückner | 25.01.2022, 14:05 Uhr", False, date(2022, 1, 25)),
    ("le 05/03/2022 à 10h12", False, date(2022, 3, 5)),
    ("03/05/2022", True, date(2022, 3, 5)),       # a US page: month first
    ("25/01/2022", True, date(2022, 1, 25)),      # the first part cannot be a month
    ("12. März 2021", False, date(2021, 3, 12)),
    ("3 février 2020", False, date(2020, 2, 3)),
    ("7 de octubre de 2019", False, date(2019, 10, 7)),
    ("14 luglio 2018", False, date(2018, 7, 14)),
    ("Jan. 25, 2022", False, date(2022, 1, 25)),
    ("March 3rd, 2022", False, date(2022, 3, 3)),
    ("2022-01-25", False, date(2022, 1, 25)),
    ("31.02.2022", False, None),                  # no such day
    ("build 12.05.20221", False, None),          # part of a longer number
    ("in 2022 and 2023", False, None),
])
def test_written_dates(text: str, month_first: bool, day: date | None) -> None:
    assert parse_text_date(text, month_first=month_first) == day


@pytest.mark.parametrize(("url", "day"), [
    ("https://news.example/2022/01/25/story/", date(2022, 1, 25)),
    ("https://news.example/culture/2022-01-25-story", date(2022, 1, 25)),
    ("https://news.example/20220125/story.html", date(2022, 1, 25)),
    ("https://news.example/2022/01/story/", None),      # a month is not a day
    ("https://news.example/story-2022/13/40/", None),
    ("https://news.example/story?id=20220125", None),   # not in the path
])
def test_url_dates(url: str, day: date | None) -> None:
    assert url_date(url) == day


UTC = timezone.utc
EASTERN = timezone(timedelta(hours=-5))


@pytest.mark.parametrize(("stamp", "shown", "day"), [
    (datetime(2023, 11, 9, 3, 30, tzinfo=UTC), [date(2023, 11, 8)], date(2023, 11, 8)),
    (datetime(2023, 11, 9, 3, 30, tzinfo=UTC), [datetime(2023, 11, 8, 22, 30, tzinfo=EASTERN)], date(2023, 11, 8)),
    (datetime(2023, 11, 9, 3, 30, tzinfo=UTC), [date(2023, 11, 9)], date(2023, 11, 9)),
    (datetime(2023, 11, 9, 3, 30, tzinfo=UTC), [date(2023, 10, 2)], date(2023, 11, 9)),   # another day: not ours
    (datetime(2023, 11, 9, 0, 0, tzinfo=UTC), [date(2023, 11, 8)], date(2023, 11, 9)),    # a bare day stays
    (datetime(2023, 11, 8, 22, 30, tzinfo=EASTERN), [date(2023, 11, 9)], date(2023, 11, 8)),  # has its offset
])
def test_local_day(stamp: datetime, shown: list, day: date) -> None:
    moved = local_day(stamp, shown)
    assert moved.date() == day and moved == stamp   # the same instant, told in the page's offset


PROSE_ONLY = ("<html><head><title>Silver Current dated</title></head><body><h1>Silver Current dated</h1>"
              "<p>The studio says Silver Current opens on June 6, 2025 in theaters, and the first trailer "
              "arrives on 2024-11-20.</p></body></html>")


@pytest.mark.parametrize(("now", "fallback", "expected", "origin"), [
    (None, None, None, ""),                                    # no guess from the prose without a "now"
    (datetime(2024, 10, 1, tzinfo=UTC), None, None, ""),       # the prose's dates are after "now"
    (None, datetime(2024, 10, 1, 8, tzinfo=UTC), date(2024, 10, 1), "feed"),
])
def test_dates_in_prose_are_not_the_publication_date(now: datetime | None, fallback: datetime | None,
                                                     expected: date | None, origin: str) -> None:
    parsed = parse_article(PROSE_ONLY, "https://news.example/silver-current", now=now, fallback_published=fallback)
    assert (parsed.published.date() if parsed.published else None, parsed.date_origin) == (expected, origin)
