"""Only http(s) URLs are stored as article URLs or rendered as links (issue 9, item 2)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone
from pathlib import Path

import pytest

from releasewatch.config import parse_config
from releasewatch.poll import run_poll
from releasewatch.report.digest import Digest, TitleSection, render, safe_href
from releasewatch.store import Store

from .httpfixtures import LoopbackServer, Route
from .test_digest_render import MOVE, NOW

SCRIPT_LINKS = ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
                "vbscript:msgbox(1)", "file:///etc/passwd", "//evil.example/x", "mailto:a@example.org"]


@pytest.mark.parametrize("url", SCRIPT_LINKS)
def test_script_and_other_links_are_not_rendered(url: str) -> None:
    hostile = dataclasses.replace(MOVE, article_url=url)
    digest = Digest(generated_at=NOW, since=NOW, sections=(TitleSection("Ballerina", (), (), (hostile,)),))
    html = render(digest, "html")
    markdown = render(digest, "markdown")
    assert "href=" not in html
    assert "](" not in markdown
    assert safe_href(url) is None


@pytest.mark.parametrize(("url", "href"), [
    ("https://news.example.org/a", "https://news.example.org/a"),
    ("HTTP://news.example.org/a?b=1&c=2", "HTTP://news.example.org/a?b=1&c=2"),
    ("https://news.example.org/a (b)\"<x>", "https://news.example.org/a%20%28b%29%22%3Cx%3E"),
])
def test_web_links_are_rendered_with_breaking_characters_encoded(url: str, href: str) -> None:
    assert safe_href(url) == href
    digest = Digest(generated_at=NOW, since=NOW,
                    sections=(TitleSection("Ballerina", (), (), (dataclasses.replace(MOVE, article_url=url),)),))
    assert f"[link]({href})" in render(digest, "markdown")


def test_a_feed_item_with_a_script_link_is_not_stored(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>Dated</title><link>{link}</link><description>Dune Part Three opens on "
        f"December 18, 2026.</description></item>" for link in ("javascript:alert(1)", "data:text/html,hi"))
    with LoopbackServer() as server:
        server.routes["/feed.xml"] = Route(
            body=f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>{items}</channel></rss>".encode(),
            headers={"Content-Type": "application/rss+xml"})
        config = parse_config(
            "titles: [{name: Dune Part Three}]\n"
            f"sources:\n  - {{name: Feed, url: '{server.url('/feed.xml')}'}}\n"
            "fetch: {allow_addresses: ['127.0.0.1'], per_host_delay: 0, retries: 0, respect_robots: false}\n")
        store = Store(tmp_path / "rw.db")
        run_poll(config, store, now=datetime(2026, 6, 1, tzinfo=timezone.utc))
    urls = [r[0] for r in store.conn.execute("SELECT url FROM articles UNION SELECT article_url FROM claims")]
    assert urls == []
