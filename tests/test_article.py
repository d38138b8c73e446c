"""HTML -> Article on the demo site's pages (each outlet dates its pages its own way) and canonical URLs."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import yaml

from releasewatch.article import canonical_url, parse_article
from releasewatch.demo.server import load_site, render_page

NOW = datetime(2025, 7, 1, tzinfo=timezone.utc)
OUTLETS, ARTICLES = load_site()
PAGES = Path(__file__).parent / "pages"   # our own fixture pages, one per date form (pages.yaml)
TABLE = yaml.safe_load((PAGES / "pages.yaml").read_text("utf-8"))


def page(slug: str) -> tuple[bytes, object]:
    article = next(a for a in ARTICLES if a.slug == slug)
    return render_page(article, OUTLETS[article.outlet], "https://site.example", NOW), article


@pytest.mark.parametrize(("slug", "origin"), [
    ("lionsgate-dates-ballerina-june-2024", "json-ld"),   # Reel Ledger
    ("ballerina-release-date-official", "meta"),          # Screen Gossip: OpenGraph
    ("ballerina-trailer-breakdown", "time"),             # Frame Rate: <time datetime>
    ("spring-season-opens", "text"),                     # Pointe & Plié: "Posted on March 20, 2023"
])
def test_dates_in_order_of_trust(slug: str, origin: str) -> None:
    html, article = page(slug)
    parsed = parse_article(html, f"https://site.example/x/{slug}.html?utm_source=feed")
    assert parsed.date_origin == origin
    assert parsed.published is not None and parsed.published.date() == article.published.date()
    assert parsed.published.tzinfo is not None


def test_updated_date_and_windows_1252() -> None:
    html, _ = page("ballerina-release-date-official")
    assert b"\x92" in html or b"charset=\"windows-1252\"" in html
    parsed = parse_article(html, "https://site.example/screen-gossip/ballerina-release-date-official.html")
    assert parsed.updated is not None and parsed.updated.date().isoformat() == "2023-03-03"
    assert "It's Official" in parsed.headline or "It’s Official" in parsed.headline


def test_main_text_drops_sidebars_banners_and_comments() -> None:
    html, article = page("lionsgate-dates-ballerina-june-2024")
    parsed = parse_article(html, "https://site.example/reel-ledger/lionsgate-dates-ballerina-june-2024.html")
    assert "June 7, 2024" in parsed.text
    for furniture in ("Dune: Part Two", "March 1, 2024", "We use cookies", "opening night in March", "All rights"):
        assert furniture not in parsed.text
    assert parsed.url == "https://site.example/reel-ledger/lionsgate-dates-ballerina-june-2024.html"
    assert parsed.headline.startswith("Lionsgate Dates John Wick Spin-Off")


@pytest.mark.parametrize(("url", "canonical"), [
    ("https://Deadline.com/2023/10/ballerina/?utm_source=rss&utm_medium=feed", "https://deadline.com/2023/10/ballerina/"),
    ("https://deadline.com/2023/10/ballerina/amp/", "https://deadline.com/2023/10/ballerina"),
    ("https://amp.example.com/story.amp.html", "https://example.com/story.html"),
    ("https://example.com/story?id=5&fbclid=abc#comments", "https://example.com/story?id=5"),
    ("http://example.com:80/a", "http://example.com/a"),
    ("https://example.com/news?amp=1", "https://example.com/news"),
])
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_plain_text_file_is_an_article() -> None:
    parsed = parse_article("Ballerina dated\n\nLionsgate has set Ballerina for June 7, 2024.", "file:///tmp/x.txt")
    assert parsed.headline == "Ballerina dated" and "June 7, 2024" in parsed.text


@pytest.mark.parametrize("row", TABLE, ids=[r["file"].removesuffix(".html") for r in TABLE])
def test_fixture_page_publication_day(row: dict) -> None:
    parsed = parse_article((PAGES / row["file"]).read_bytes(), row["url"])
    assert parsed.published is not None, row["form"]
    assert (parsed.published.date(), parsed.date_origin) == (row["published"], row["origin"]), row["form"]
    assert parsed.published.tzinfo is not None


def test_xhtml_page_keeps_its_text_and_language() -> None:
    parsed = parse_article((PAGES / "xhtml-latin1-declaration.html").read_bytes(), "https://kinoblatt.example/x")
    assert "Spätsommer" in parsed.text and parsed.headline.startswith("Drehstart für")
    assert parsed.language == "de"


def test_xhtml_declaration_in_a_decoded_string() -> None:
    raw = (PAGES / "xhtml-latin1-declaration.html").read_bytes().decode("iso-8859-1")
    parsed = parse_article(raw, "https://kinoblatt.example/x")
    assert parsed.published is not None and parsed.published.date() == date(2021, 3, 4)
