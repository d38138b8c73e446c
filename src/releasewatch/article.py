"""HTML (or plain text) -> Article: main text, headline, canonical URL, dates. Pure.

The main text comes from trafilatura, which drops navigation, sidebars, "trending" boxes and
comments (news sidebars are full of other films' dates). Dates are taken in order of trust:
see pubdate.py.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .errors import ExtractError
from .models import Article
from .pubdate import page_dates, parse_datetime

__all__ = ["canonical_url", "content_hash", "decode", "parse_article", "parse_datetime"]

log = logging.getLogger(__name__)

_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref|ref_src|source|cmpid|"
                       r"ncid|icid|spm|share|s_cid|_hsenc|_hsmi|yclid|outputType|amp)$", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding=[\"']([\w.:-]+)", re.I)


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
    declared = _XML_ENCODING.match(data[:200])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
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
                  fallback_published: datetime | None = None, source: str = "",
                  now: datetime | None = None) -> Article:
    """Turn a fetched page (or a plain-text file) into an Article.

    `now` (the fetch time) bounds the publication date from above; without it the bound is fixed.
    """
    text_in = decode(html, encoding) if isinstance(html, bytes) else html
    # lxml refuses a str that declares its encoding (XHTML's <?xml ... encoding=...?>): it is decoded already.
    text_in = _XML_DECLARATION.sub("", text_in, count=1)
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
    canon = _canonical(tree, url)
    language = tree.get("lang") or tree.get("xml:lang") or ""
    dates = page_dates(tree, canon, urls=(url,), language=language, fallback=fallback_published,
                       latest=now.date() if now else None)
    return Article(
        url=canon, text=body, headline=_headline(tree), published=dates.published, updated=dates.updated,
        source=source, language=language.split("-")[0], content_hash=content_hash(body),
        fetched_url=url if url != canon else "", date_origin=dates.origin,
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
