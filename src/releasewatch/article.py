"""HTML (or plain text) -> Article: main text, headline, canonical URL, dates. Pure.

The main text comes from trafilatura, which drops navigation, sidebars, "trending" boxes and
comments (news sidebars are full of other films' dates). Dates are taken in order of trust:
JSON-LD, OpenGraph/meta tags, <time> elements, visible text, then the caller's fallback.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .errors import ExtractError
from .models import Article

log = logging.getLogger(__name__)

_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref|ref_src|source|cmpid|"
                       r"ncid|icid|spm|share|s_cid|_hsenc|_hsmi|yclid|outputType|amp)$", re.I)
_PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
                   "publish-date", "date", "dc.date", "dc.date.issued", "parsely-pub-date", "sailthru.date",
                   "article.published", "published_time", "cxenseparse:recs:publishtime")
_UPDATED_META = ("article:modified_time", "og:updated_time", "datemodified", "lastmod", "last-modified",
                 "dc.date.modified", "article.updated", "modified_time")
_VISIBLE_DATE = re.compile(
    r"(?:Published|Posted|Updated|Last updated|Date)(?:\s+on)?\s*:?\s*"
    r"(?P<d>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}|\d{4}-\d{2}-\d{2})",
    re.I)


def canonical_url(url: str) -> str:
    """Drop tracking parameters, AMP forms, fragments and default ports; lowercase the host."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if host.startswith("amp."):
        host = host[4:]
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    path = re.sub(r"(?:/amp/?|\.amp(?=\.html$)|/amp\.html)$", "", parts.path) or "/"
    if path.endswith(".amp.html"):
        path = path[: -len(".amp.html")] + ".html"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return urlunsplit((scheme, netloc, path, query, ""))


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def parse_datetime(value: Any) -> datetime | None:
    """ISO and the usual English date forms -> an aware datetime (naive means UTC)."""
    if not value:
        return None
    text = str(value).strip()
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = _parse_loose(text)
        if parsed is None:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _parse_loose(text: str) -> datetime | None:
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text).replace(".", "").replace(",", "")
    for fmt in ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S",
                "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(cleaned.strip()[:40], fmt)
        except ValueError:
            continue
    return None


def looks_like_html(data: str) -> bool:
    head = data[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head or "<p>" in head or "<div" in head


def decode(data: bytes, encoding: str | None = None) -> str:
    """Bytes -> text: the declared encoding, a <meta charset>, then detection."""
    if encoding:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    meta = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
    if meta:
        try:
            return data.decode(meta.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        return data.decode(best.encoding if best else "windows-1252", errors="replace")


def parse_article(html: str | bytes, url: str, *, encoding: str | None = None,
                  fallback_published: datetime | None = None, source: str = "") -> Article:
    """Turn a fetched page (or a plain-text file) into an Article."""
    text_in = decode(html, encoding) if isinstance(html, bytes) else html
    if "\x00" in text_in[:10_000]:
        raise ExtractError(f"{url}: binary content, not an article")
    if not looks_like_html(text_in):
        return _plain_text_article(text_in, url, fallback_published, source)
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(text_in)
    except Exception as exc:  # lxml raises several types for garbage
        raise ExtractError(f"{url}: cannot parse HTML: {exc}") from exc
    body = _main_text(text_in, tree)
    published, updated, origin = _dates(tree, text_in)
    if published is None and fallback_published is not None:
        published, origin = fallback_published, "feed"
    canon = _canonical(tree, url)
    return Article(
        url=canon, text=body, headline=_headline(tree), published=published, updated=updated, source=source,
        language=(tree.get("lang") or "").split("-")[0], content_hash=content_hash(body),
        fetched_url=url if url != canon else "", date_origin=origin,
    )


def _plain_text_article(text: str, url: str, fallback: datetime | None, source: str) -> Article:
    lines = text.strip().splitlines()
    headline = lines[0].strip() if lines and len(lines[0]) < 200 and len(lines) > 1 else ""
    return Article(url=canonical_url(url) if "://" in url else url, text=text, headline=headline,
                   published=fallback, source=source, content_hash=content_hash(text),
                   date_origin="given" if fallback else "")


def _main_text(raw: str, tree: Any) -> str:
    import trafilatura

    extracted = trafilatura.extract(raw, include_comments=False, include_tables=False, favor_precision=True,
                                    deduplicate=True)
    if extracted and len(extracted.strip()) > 80:
        return _paragraphs(extracted)
    for xpath in ("//article", "//main", "//body"):
        nodes = tree.xpath(xpath)
        if nodes:
            paras = [" ".join(p.text_content().split()) for p in nodes[0].xpath(".//p|.//h1|.//h2")]
            joined = "\n\n".join(p for p in paras if p)
            if joined:
                return joined
    return " ".join(tree.text_content().split())


def _paragraphs(text: str) -> str:
    return "\n\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _headline(tree: Any) -> str:
    for xpath in ("//meta[@property='og:title']/@content", "//meta[@name='twitter:title']/@content",
                  "//h1//text()", "//title/text()"):
        values = [v.strip() for v in tree.xpath(xpath) if v and v.strip()]
        if values:
            title = " ".join(values[0].split()) if "h1" not in xpath else " ".join(" ".join(values).split())
            return re.sub(r"\s+[|–—-]\s+[^|–—-]{2,40}$", "", title)
    return ""


def _canonical(tree: Any, url: str) -> str:
    for xpath in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        values = tree.xpath(xpath)
        if values and values[0].strip().startswith(("http://", "https://")):
            return canonical_url(values[0].strip())
    return canonical_url(url)


def _dates(tree: Any, raw: str) -> tuple[datetime | None, datetime | None, str]:
    published, updated = _jsonld_dates(tree)
    if published:
        return published, updated, "json-ld"
    meta = {(m.get("property") or m.get("name") or m.get("itemprop") or "").lower(): m.get("content")
            for m in tree.xpath("//meta[@content]")}
    published = next((parse_datetime(meta[k]) for k in _PUBLISHED_META if meta.get(k)), None)
    updated = updated or next((parse_datetime(meta[k]) for k in _UPDATED_META if meta.get(k)), None)
    if published:
        return published, updated, "meta"
    times = [parse_datetime(t) for t in tree.xpath("//time/@datetime")]
    times = [t for t in times if t]
    if times:
        return times[0], updated, "time"
    visible = _VISIBLE_DATE.search(" ".join(tree.xpath("//body//text()"))[:20_000])
    if visible:
        return parse_datetime(visible.group("d")), updated, "text"
    return None, updated, ""


def _jsonld_dates(tree: Any) -> tuple[datetime | None, datetime | None]:
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in _jsonld_items(data):
            if item.get("datePublished"):
                return parse_datetime(item.get("datePublished")), parse_datetime(item.get("dateModified"))
    return None, None


def _jsonld_items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [i for d in data for i in _jsonld_items(d)]
    if isinstance(data, dict):
        return [data, *_jsonld_items(data.get("@graph", []))]
    return []
