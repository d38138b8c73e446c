"""Serve the sample news site on loopback, as it stood at a (simulated) moment.

Feeds and listings show only what was published by `clock()`; a page not yet published is 404;
a page whose text changed is served in its new version after its `updated` time. Each outlet
renders its pages the way a real site would: navigation, cookie banner, a sidebar of other
films' dates, comments, and its own way of giving the publication date.
"""

from __future__ import annotations

import hashlib
import html
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any

import yaml

SIDEBAR = [
    ("Dune: Part Two", "in theaters March 1, 2024"),
    ("Furiosa", "opens May 24, 2024"),
    ("Mission: Impossible 8", "dated for May 23, 2025"),
    ("Avatar 3", "set for December 19, 2025"),
]


@dataclass(frozen=True)
class DemoArticle:
    outlet: str
    slug: str
    published: datetime
    headline: str
    body: str
    updated: datetime | None = None
    body_v2: str | None = None

    def version_at(self, now: datetime) -> tuple[str, datetime | None]:
        if self.updated and self.body_v2 and now >= self.updated:
            return self.body_v2, self.updated
        return self.body, None


@lru_cache(maxsize=1)
def load_site() -> tuple[dict[str, dict[str, Any]], tuple[DemoArticle, ...]]:
    raw = yaml.safe_load(resources.files("releasewatch.demo").joinpath("site/articles.yaml").read_text("utf-8"))
    articles = tuple(sorted(
        (DemoArticle(outlet=a["outlet"], slug=a["slug"], published=_aware(a["published"]), headline=a["headline"],
                     body=a["body"].strip(), updated=_aware(a["updated"]) if a.get("updated") else None,
                     body_v2=(a.get("body_v2") or "").strip() or None) for a in raw["articles"]),
        key=lambda a: a.published))
    return raw["outlets"], articles


def _aware(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=datetime.now().astimezone().tzinfo)
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def outlet_urls(base_url: str) -> list[dict[str, Any]]:
    """The source entries for every outlet, for a config pointing at `base_url`."""
    outlets, _ = load_site()
    entries = []
    for key, info in outlets.items():
        entry = {"name": info["name"], "kind": info["kind"], "reliability": info["reliability"]}
        if info["kind"] == "listing":
            entry.update(url=f"{base_url}/{key}/news/", link_pattern=rf"/{key}/[a-z0-9-]+\.html$")
        else:
            entry["url"] = f"{base_url}/{key}/feed.xml"
        entries.append(entry)
    return entries


# --- rendering -------------------------------------------------------------------------------------


def _paragraphs(body: str) -> str:
    return "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in body.split("\n\n") if p.strip())


def render_page(article: DemoArticle, outlet: dict[str, Any], base: str, now: datetime) -> bytes:
    body, updated = article.version_at(now)
    url = f"{base}/{article.outlet}/{article.slug}.html"
    title = html.escape(article.headline)
    head_dates, byline = _date_markup(article, updated)
    sidebar = "".join(f"<li><a href=\"#\">{html.escape(f)}</a> {html.escape(d)}</li>" for f, d in SIDEBAR)
    charset = "windows-1252" if article.outlet == "screen-gossip" else "utf-8"
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>{title} | {html.escape(outlet['name'])}</title>
<meta property="og:title" content="{title}">
<meta property="og:url" content="{url}">
<link rel="canonical" href="{url}">
{head_dates}
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<header><nav><a href="/">Home</a> | <a href="/{article.outlet}/news/">News</a> | <a href="#">Reviews</a> |
<a href="#">Box Office</a> | <a href="#">Newsletter</a></nav></header>
<main><article>
<h1>{title}</h1>
{byline}
{_paragraphs(body)}
</article>
<aside class="sidebar"><h3>Trending: release calendar</h3><ul>{sidebar}</ul>
<h3>More from {html.escape(outlet['name'])}</h3><ul><li><a href="#">The best action scenes of the year</a></li>
<li><a href="#">Box office: what opens this weekend</a></li></ul></aside>
<section class="comments"><h3>Comments (2)</h3>
<div class="comment"><p>Can't wait, I'll be there opening night in March!</p></div>
<div class="comment"><p>They should just release it on streaming next week.</p></div></section>
</main>
<footer><p>&copy; {now.year} {html.escape(outlet['name'])}. All rights reserved.</p></footer>
</body></html>"""
    return page.encode(charset, errors="xmlcharrefreplace")


def _date_markup(article: DemoArticle, updated: datetime | None) -> tuple[str, str]:
    pub = article.published.isoformat()
    if article.outlet == "reel-ledger":
        modified = f', "dateModified": "{updated.isoformat()}"' if updated else ""
        ld = (f'<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle", '
              f'"headline": {json.dumps(article.headline)}, "datePublished": "{pub}"{modified}}}</script>')
        return ld, ""
    if article.outlet == "screen-gossip":
        modified = f'<meta property="article:modified_time" content="{updated.isoformat()}">' if updated else ""
        return f'<meta property="article:published_time" content="{pub}">{modified}', ""
    if article.outlet == "frame-rate":
        return "", f'<p class="byline">By the Frame Rate staff, <time datetime="{pub}">{article.published:%b %d, %Y}</time></p>'
    return "", f'<p class="byline">Posted on {article.published:%B %-d, %Y} by the editors</p>'


def render_rss(outlet_key: str, outlet: dict[str, Any], items: list[DemoArticle], base: str) -> bytes:
    entries = "".join(
        f"<item><title>{html.escape(a.headline)}</title><link>{base}/{outlet_key}/{a.slug}.html</link>"
        f"<guid>{base}/{outlet_key}/{a.slug}.html</guid><pubDate>{format_datetime(a.published)}</pubDate>"
        f"<description>{html.escape(a.body.split(chr(10) + chr(10))[0])}</description></item>"
        for a in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{html.escape(outlet["name"])}'
            f"</title><link>{base}/{outlet_key}/</link><description>News</description>{entries}</channel></rss>"
            ).encode()


def render_atom(outlet_key: str, outlet: dict[str, Any], items: list[DemoArticle], base: str,
                now: datetime | None = None) -> bytes:
    newest = items[0].published.isoformat() if items else "2019-01-01T00:00:00+00:00"
    entries = "".join(
        f'<entry><title>{html.escape(a.headline)}</title><link href="{base}/{outlet_key}/{a.slug}.html"/>'
        f"<id>{base}/{outlet_key}/{a.slug}.html</id><published>{a.published.isoformat()}</published>"
        f"<updated>{((a.version_at(now)[1] if now else None) or a.published).isoformat()}</updated>"
        f"<summary>{html.escape(a.body.split(chr(10) + chr(10))[0])}</summary></entry>"
        for a in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>{html.escape(outlet["name"])}</title><id>{base}/{outlet_key}/</id><updated>{newest}</updated>'
            f"{entries}</feed>").encode()


def render_listing(outlet_key: str, outlet: dict[str, Any], items: list[DemoArticle], base: str) -> bytes:
    links = "".join(f'<li><a href="/{outlet_key}/{a.slug}.html">{html.escape(a.headline)}</a></li>' for a in items)
    return (f"<!DOCTYPE html><html><head><title>{html.escape(outlet['name'])} news</title></head><body>"
            f'<nav><a href="/">Home</a> <a href="/{outlet_key}/about/">About</a></nav>'
            f"<h1>Latest news</h1><ul>{links}</ul></body></html>").encode()


def render_sitemap(outlet_key: str, items: list[DemoArticle], base: str) -> bytes:
    urls = "".join(
        f"<url><loc>{base}/{outlet_key}/{a.slug}.html</loc><news:news><news:publication_date>"
        f"{a.published.isoformat()}</news:publication_date><news:title>{html.escape(a.headline)}</news:title>"
        f"</news:news></url>" for a in items)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>').encode()


# --- the server ---------------------------------------------------------------------------------------


class DemoSite:
    """`with DemoSite(clock) as site:` serves the site at `site.base_url` on 127.0.0.1."""

    def __init__(self, clock: Callable[[], datetime], *, host: str = "127.0.0.1", port: int = 0):
        self.clock = clock
        self.outlets, self.articles = load_site()
        self._by_path = {f"/{a.outlet}/{a.slug}.html": a for a in self.articles}
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_HEAD(self) -> None:  # noqa: N802
                self._serve(head=True)

            def do_GET(self) -> None:  # noqa: N802
                self._serve(head=False)

            def _serve(self, head: bool) -> None:
                status, ctype, body, last_modified = site.respond(self.path.split("?")[0])
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if status == 200 and self.headers.get("If-None-Match") == etag or status == 200 and last_modified and self._not_modified_since(last_modified):
                    status, body = 304, b""
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                if status in (200, 304):
                    self.send_header("ETag", etag)
                    if last_modified:
                        self.send_header("Last-Modified", format_datetime(last_modified, usegmt=True))
                self.end_headers()
                if body and not head:
                    self.wfile.write(body)

            def _not_modified_since(self, last_modified: datetime) -> bool:
                since = self.headers.get("If-Modified-Since")
                try:
                    return since is not None and last_modified.replace(microsecond=0) <= parsedate_to_datetime(since)
                except (TypeError, ValueError):
                    return False

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://{host}:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="demo-site", daemon=True)

    def published(self, outlet: str) -> list[DemoArticle]:
        now = self.clock()
        return sorted((a for a in self.articles if a.outlet == outlet and a.published <= now),
                      key=lambda a: a.published, reverse=True)[:20]

    def respond(self, path: str) -> tuple[int, str, bytes, datetime | None]:
        now = self.clock()
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nDisallow: /private/\n", None
        parts = path.strip("/").split("/")
        outlet_key = parts[0] if parts else ""
        outlet = self.outlets.get(outlet_key)
        if outlet is None:
            return 404, "text/plain", b"not found", None
        items = self.published(outlet_key)
        newest = max((a.updated if a.updated and a.updated <= now else a.published for a in items), default=None)
        if path == f"/{outlet_key}/feed.xml" and outlet["kind"] == "feed":
            if outlet_key == "screen-gossip":
                return 200, "application/xml", render_atom(outlet_key, outlet, items, self.base_url, now), newest
            return 200, "application/xml", render_rss(outlet_key, outlet, items, self.base_url), newest
        if path == f"/{outlet_key}/news/":
            return 200, "text/html; charset=utf-8", render_listing(outlet_key, outlet, items, self.base_url), newest
        if path == f"/{outlet_key}/sitemap.xml":
            return 200, "application/xml", render_sitemap(outlet_key, items, self.base_url), newest
        article = self._by_path.get(path)
        if article is None or article.published > now:
            return 404, "text/html", b"<html><body><h1>Page not found</h1></body></html>", None
        charset = "windows-1252" if outlet_key == "screen-gossip" else "utf-8"
        changed = article.version_at(now)[1] or article.published
        return 200, f"text/html; charset={charset}", render_page(article, outlet, self.base_url, now), changed

    def start(self) -> str:
        if not self._thread.is_alive():
            self._thread.start()
        return self.base_url

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> DemoSite:
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()
