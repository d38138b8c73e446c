"""Per source kind, a fetched response -> the article URLs (and feed text) it offers. Pure."""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin, urlsplit

from .errors import ExtractError
from .models import Source

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    summary: str = ""  # the item's own text, HTML stripped: used when its page cannot be fetched
    is_sitemap: bool = False  # a child sitemap of a sitemap index


def is_web_url(url: str) -> bool:
    """An http(s) URL with a host: the only kind stored as an article URL or shown as a link."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def discover(source: Source, result: Any) -> list[FeedItem]:
    """The items a source's response offers; raises ExtractError for a response of the wrong kind.

    Items whose link is not http(s) (javascript:, data:, mailto:, ...) are dropped: their text would
    otherwise be stored under a URL a digest could turn into a script link.
    """
    content = result.content or b""
    base = result.final_url or result.url
    if source.kind == "feed":
        items = _feed_items(content, base)
    elif source.kind == "listing":
        items = _listing_items(result.text, base, source.link_pattern or r".")
    elif source.kind == "sitemap":
        items = _sitemap_items(content, base)
    else:
        return [FeedItem(url=base)]
    kept = [item for item in items if is_web_url(item.url)]
    if len(kept) < len(items):
        log.warning("%s: %d items without an http(s) link dropped", source.name, len(items) - len(kept))
    return kept


def _strip_html(fragment: str) -> str:
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(fragment, "lxml")
    paragraphs = [" ".join(p.get_text(" ").split()) for p in soup.find_all(["p", "h1", "h2", "h3", "li"])]
    text = "\n\n".join(p for p in paragraphs if p)
    return text or " ".join(soup.get_text(" ").split())


def _struct_time(value: Any) -> datetime | None:
    if not value:
        return None
    year, month, day, hour, minute, second = value[:6]
    return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)


def _feed_items(content: bytes, base: str) -> list[FeedItem]:
    import feedparser

    head = content[:1000].lstrip().lower()
    if not head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf", b"\xef\xbb\xbf<")):
        raise ExtractError("not a feed: the response is not RSS or Atom XML")
    parsed = feedparser.parse(content)
    if parsed.bozo and not parsed.entries:
        raise ExtractError(f"not a feed: {type(parsed.bozo_exception).__name__}: {parsed.bozo_exception}")
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or next((link.get("href") for link in entry.get("links", []) if link.get("href")), "")
        if not link:
            continue
        body = ""
        if entry.get("content"):
            body = entry["content"][0].get("value", "")
        body = body or entry.get("summary", "")
        items.append(FeedItem(
            url=urljoin(base, link.strip()), title=html.unescape(entry.get("title", "")).strip(),
            published=_struct_time(entry.get("published_parsed")) or _struct_time(entry.get("updated_parsed")),
            updated=_struct_time(entry.get("updated_parsed")), summary=_strip_html(body),
        ))
    return items


def _listing_items(page: str, base: str, pattern: str) -> list[FeedItem]:
    wanted = re.compile(pattern)
    seen: dict[str, FeedItem] = {}
    for m in re.finditer(r"<a\s[^>]*href=[\"']([^\"'#]+)[\"'][^>]*>(.*?)</a>", page, re.I | re.S):
        url = urljoin(base, html.unescape(m.group(1)).strip())
        if wanted.search(url) and url not in seen:
            seen[url] = FeedItem(url=url, title=" ".join(re.sub(r"<[^>]+>", " ", m.group(2)).split()))
    return list(seen.values())


def _sitemap_items(content: bytes, base: str) -> list[FeedItem]:
    from lxml import etree

    from .article import parse_datetime

    try:
        root = etree.fromstring(content, parser=etree.XMLParser(resolve_entities=False, no_network=True,
                                                                 huge_tree=False))
    except etree.XMLSyntaxError as exc:
        raise ExtractError(f"not a sitemap: {exc}") from None
    tag = etree.QName(root).localname
    items = []
    for node in root:
        loc = _child_text(node, "loc")
        if not loc:
            continue
        if tag == "sitemapindex":
            items.append(FeedItem(url=urljoin(base, loc), is_sitemap=True,
                                  updated=parse_datetime(_child_text(node, "lastmod"))))
            continue
        published = _child_text(node, "publication_date") or _child_text(node, "lastmod")
        items.append(FeedItem(url=urljoin(base, loc), title=_child_text(node, "title") or "",
                              published=parse_datetime(published),
                              updated=parse_datetime(_child_text(node, "lastmod"))))
    return items


def _child_text(node: Any, name: str) -> str | None:
    for child in node.iter():
        if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == name and child.text:
            return child.text.strip()
    return None
