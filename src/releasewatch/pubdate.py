"""A page's publication and update dates, from its markup, its byline, its URL, then htmldate. Pure.

Order of trust: JSON-LD, meta tags, the article's own <time>, a dated byline, a date in the URL path,
the caller's fallback (the feed's date), htmldate's fast search, then (only below a caller's "now")
htmldate's extensive search; htmldate's answers are checked against the dates the prose talks about.
The structured readings are ours because they keep what htmldate drops: the time of day and the
page's UTC offset. Every relative date in the text is resolved against the day this gives, so the day is the
page's local day: a UTC timestamp is moved to the offset the page gives elsewhere (the same instant
written with its offset, or the day the page shows beside it).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources
from typing import Any

log = logging.getLogger(__name__)

MIN_DATE = date(1995, 1, 1)
# Without a caller's "now" the latest acceptable date is fixed (the code reads no clock).
FAR_FUTURE = date(2099, 12, 31)
PROSE_CHARS = 80  # a paragraph longer than this is running text; a byline or dateline is shorter

PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
                  "publish-date", "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.date",
                  "dcterms.created", "parsely-pub-date", "sailthru.date", "article.published", "published_time",
                  "cxenseparse:recs:publishtime", "date.available", "citation_publication_date",
                  "citation_date", "bepress_citation_date", "dc:date", "dcterms.issued", "pub_date",
                  "og:article:published_time")
UPDATED_META = ("article:modified_time", "og:updated_time", "datemodified", "lastmod", "last-modified",
                "dc.date.modified", "dcterms.modified", "article.updated", "modified_time")
_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
                  "techarticle", "report", "scholarlyarticle", "socialmediaposting", "posting"}
_URL_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<s>[/_-])(?P<m>0?[1-9]|1[0-2])(?P=s)"
                       r"(?P<d>0?[1-9]|[12]\d|3[01])(?!\d)|/(?P<y2>(?:19|20)\d{2})(?P<m2>0[1-9]|1[0-2])"
                       r"(?P<d2>0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")


@dataclass(frozen=True)
class PageDates:
    published: datetime | None = None
    updated: datetime | None = None
    origin: str = ""  # json-ld, meta, time, text, url, htmldate, feed


@dataclass(frozen=True)
class _Words:
    months: dict[str, int]
    published_labels: tuple[str, ...]
    updated_labels: tuple[str, ...]
    byline: frozenset[str]
    elsewhere: frozenset[str]
    byline_lead: re.Pattern[str]
    any_label: re.Pattern[str]
    text_date: re.Pattern[str]
    labelled: re.Pattern[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    import yaml

    raw = yaml.safe_load(resources.files("releasewatch").joinpath("data/pubdate.yaml").read_text("utf-8"))
    months = {name: int(number) for number, names in raw["months"].items() for name in names}
    month = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    day = r"(?:0?[1-9]|[12]\d|3[01])"
    year = r"(?:19|20)\d{2}"
    # Named months in the usual orders, numeric dates with a four-digit year (d.m.y, d/m/y, y-m-d).
    text_date = re.compile(
        rf"(?<![\w.])(?:(?P<d1>{day})(?:st|nd|rd|th|er|º|\.)?\s*(?:de\s+)?(?P<m1>{month})\.?,?\s*(?:de\s+)?(?P<y1>{year})"
        rf"|(?P<m2>{month})\.?\s+(?P<d2>{day})(?:st|nd|rd|th)?,?\s+(?P<y2>{year})"
        rf"|(?P<a3>{day})(?P<s3>[./])(?P<b3>{day})(?P=s3)(?P<y3>{year})"
        rf"|(?P<y4>{year})(?P<s4>[-/.])(?P<m4>0?[1-9]|1[0-2])(?P=s4)(?P<d4>{day}))(?!\d)",
        re.I)
    labels = sorted({*raw["published_labels"], *raw["updated_labels"]}, key=len, reverse=True)
    labelled = re.compile(rf"(?<!\w)(?P<label>{'|'.join(re.escape(w) for w in labels)})"
                          rf"(?:\s+(?:on|am|le|el|il|op|at|:))?\s*:?\s*(?:\w+,?\s+)?$", re.I)
    return _Words(months, tuple(raw["published_labels"]), tuple(raw["updated_labels"]),
                  frozenset(raw["byline_words"]), frozenset(raw["elsewhere_words"]),
                  re.compile(rf"^(?i:{'|'.join(raw['byline_leads'])})\s+[A-Z]"),
                  re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in labels)})(?!\w)", re.I), text_date, labelled)


# --- parsing one date -----------------------------------------------------------------------------


def parse_datetime(value: Any) -> datetime | None:
    """ISO 8601, RFC 2822 and the usual written forms -> an aware datetime (naive means UTC)."""
    if not value:
        return None
    text = str(value).strip()
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(re.sub(r"Z$", "+00:00", text))
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
    iso = re.match(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$", text)
    if iso:
        offset = (iso.group(3) or "").replace("Z", "+00:00")
        if offset and ":" not in offset:
            offset = offset[:3] + ":" + offset[3:]
        try:
            return datetime.fromisoformat(f"{iso.group(1)}T{iso.group(2)}{offset}")
        except ValueError:
            return None
    day = parse_text_date(text, month_first=True)
    return datetime(day.year, day.month, day.day) if day else None


def parse_text_date(text: str, *, month_first: bool = False) -> date | None:
    """The first written date in `text`: '25.01.2022', '25. Januar 2022', 'Jan. 25, 2022', '2022-01-25'.

    A numeric date with both parts under 13 is day-first unless `month_first` (US English pages).
    """
    for match in _words().text_date.finditer(text):
        found = _date_of(match, month_first)
        if found:
            return found
    return None


def _date_of(match: re.Match[str], month_first: bool) -> date | None:
    g = match.groupdict()
    months = _words().months
    if g["y1"]:
        parts = (int(g["y1"]), months[g["m1"].lower()], int(g["d1"]))
    elif g["y2"]:
        parts = (int(g["y2"]), months[g["m2"].lower()], int(g["d2"]))
    elif g["y3"]:
        first, second = int(g["a3"]), int(g["b3"])
        us = g["s3"] == "/" and month_first and first <= 12
        if first > 12 or (second <= 12 and not us):
            parts = (int(g["y3"]), second, first)
        else:
            parts = (int(g["y3"]), first, second)
    else:
        parts = (int(g["y4"]), int(g["m4"]), int(g["d4"]))
    try:
        return date(*parts)
    except ValueError:
        return None


# --- where on the page ----------------------------------------------------------------------------


def _tokens(element: Any) -> set[str]:
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    names = re.sub(r"([a-z])([A-Z])", r"\1 \2", names).lower()
    return set(re.split(r"[^a-z0-9]+", names)) - {""}


def is_elsewhere(element: Any) -> bool:
    """Whether the element sits in a sidebar, a "related" box, navigation, a footer or comments."""
    elsewhere = _words().elsewhere
    node = element
    while node is not None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag.lower().rsplit("}", 1)[-1] in ("aside", "nav", "footer") or _tokens(node) & elsewhere:
            return True
        node = node.getparent()
    return False


def _in_article(element: Any) -> bool:
    """Inside the article, its main column, or the header that holds its headline (not the site's header)."""
    node = element
    while node is not None:
        tag = node.tag.lower().rsplit("}", 1)[-1] if isinstance(node.tag, str) else ""
        if tag in ("article", "main") or node.get("role") == "main" or \
                _tokens(node) & {"article", "post", "entry", "story"}:
            return True
        if tag == "header" and node.xpath(".//h1"):
            return True
        node = node.getparent()
    return False


# --- our readings ---------------------------------------------------------------------------------


def jsonld_dates(tree: Any) -> tuple[datetime | None, datetime | None]:
    """datePublished/dateModified of the page's article (an Article type first, any item after)."""
    best: tuple[datetime | None, datetime | None] = (None, None)
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        for item in _jsonld_items(_load_json(script)):
            published = parse_datetime(item.get("datePublished"))
            if not published:
                continue
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            pair = (published, parse_datetime(item.get("dateModified")))
            if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
                return pair
            best = best if best[0] else pair
    return best


def _load_json(text: str) -> Any:
    try:
        return json.loads(text, strict=False)
    except ValueError:
        # Broken JSON (trailing commas, stray HTML) still shows its dates.
        found = re.search(r'"datePublished"\s*:\s*"([^"]+)"', text)
        modified = re.search(r'"dateModified"\s*:\s*"([^"]+)"', text)
        if not found:
            return None
        return {"datePublished": found.group(1), "dateModified": modified.group(1) if modified else None}


def _jsonld_items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [i for d in data for i in _jsonld_items(d)]
    if isinstance(data, dict):
        graph = data.get("@graph", [])
        return [data, *_jsonld_items(graph if isinstance(graph, list) else [graph])]
    return []


def meta_dates(tree: Any) -> tuple[datetime | None, datetime | None]:
    """The head's date meta tags (and microdata in the body, unless in a sidebar or a related box)."""
    meta: dict[str, str] = {}
    for m in tree.xpath("//meta[@content]"):
        if m.getparent() is not None and m.getparent().tag != "head" and is_elsewhere(m):
            continue
        key = (m.get("property") or m.get("name") or m.get("itemprop") or m.get("http-equiv") or "").lower()
        meta.setdefault(key, m.get("content"))
    published = next((p for p in (parse_datetime(meta[k]) for k in PUBLISHED_META if meta.get(k)) if p), None)
    updated = next((p for p in (parse_datetime(meta[k]) for k in UPDATED_META if meta.get(k)) if p), None)
    return published, updated


def time_date(tree: Any) -> tuple[datetime | None, Any]:
    """The article's own <time> (or itemprop=datePublished): its header's, never a sidebar's.

    A <time> inside running text ("opens <time>June 6, 2025</time> in theaters") is a date the article
    talks about, not the day it was published, unless it is marked as the publication date.
    """
    ranked = []
    nodes = tree.xpath("//time|//*[@itemprop='datePublished'][not(self::meta)]"
                       "|//abbr[@title][contains(concat(' ', @class, ' '), ' published ')]")
    for order, node in enumerate(nodes):
        marked = node.get("itemprop") == "datePublished" or node.get("pubdate") is not None or \
            bool({"published", "publish", "pubdate", "posted"} & _tokens(node))
        if is_elsewhere(node) or (not marked and _in_running_text(node)):
            continue
        value = parse_datetime(node.get("datetime") or node.get("content") or
                               (node.get("title") if node.tag == "abbr" else None))
        if value is None:
            day = parse_text_date(node.text_content())
            value = datetime(day.year, day.month, day.day, tzinfo=timezone.utc) if day else None
        if value is None:
            continue
        ranked.append((not marked, not _in_article(node), order, value, node))
    if not ranked:
        return None, None
    best = min(ranked, key=lambda r: r[:3])
    return best[3], best[4]


def _in_running_text(node: Any) -> bool:
    """Inside a paragraph, list item or table cell that reads as prose (a byline is short)."""
    for ancestor in node.iterancestors("p", "li", "td", "blockquote", "dd"):
        return len(" ".join(ancestor.text_content().split())) > PROSE_CHARS
    return False


def _own_elements(body: Any) -> list[tuple[Any, bool]]:
    """The page's own elements in document order, with whether each is in the article: one walk that
    leaves out sidebars, "related" boxes, navigation, footers, comments, scripts and styles whole."""
    elsewhere = _words().elsewhere
    found: list[tuple[Any, bool]] = []
    stack: list[tuple[Any, bool]] = [(body, False)]
    while stack:
        node, in_article = stack.pop()
        tag = node.tag.lower().rsplit("}", 1)[-1] if isinstance(node.tag, str) else ""
        if not tag or tag in ("aside", "nav", "footer", "script", "style", "noscript", "svg"):
            continue
        tokens = _tokens(node) if node.get("class") or node.get("id") else set()
        if tokens & elsewhere:
            continue
        in_article = in_article or tag in ("article", "main") or node.get("role") == "main" or \
            bool(tokens & {"article", "post", "entry", "story"}) or (tag == "header" and bool(node.xpath(".//h1")))
        found.append((node, in_article))
        stack.extend((child, in_article) for child in reversed(node))
    return found


def byline_date(tree: Any, *, month_first: bool) -> tuple[date | None, date | None]:
    """(published, updated) days written in the page's byline or a labelled line of its text."""
    words = _words()
    updated: date | None = None
    body = tree.find(".//body")
    if body is None:
        return None, None
    own = _own_elements(body)
    candidates = [el for el, in_article in sorted(own, key=lambda pair: not pair[1])  # stable: document order
                  if (el.get("class") or el.get("id")) and _tokens(el) & words.byline]
    for el in candidates:
        text = " ".join(el.text_content().split())[:300]
        for match in words.text_date.finditer(text):
            day = _date_of(match, month_first)
            if day is None:
                continue
            kind = _label_kind(text[: match.start()][-40:])
            if kind == "updated":
                updated = updated or day
            else:
                return day, updated
    return _labelled_in_text(own, month_first, updated)


_DIGIT = re.compile(r"\d")


def _labelled_in_text(own: list[tuple[Any, bool]], month_first: bool,
                      updated: date | None) -> tuple[date | None, date | None]:
    """A date after a label ("Published on", "Veröffentlicht am") anywhere in the page's own text."""
    words = _words()
    for node, _ in own:
        # Cheap tests first: the date pattern is slow, and most of a page's text has no label.
        if not node.text or not _DIGIT.search(node.text):
            continue
        text = " ".join(node.text.split())[:300]
        if not words.any_label.search(text) and not words.byline_lead.match(text):
            continue
        for match in _words().text_date.finditer(text):
            kind = _label_kind(text[: match.start()][-40:]) or \
                ("published" if match.start() < 120 and _words().byline_lead.match(text) else "")
            day = _date_of(match, month_first) if kind else None
            if day and kind == "published":
                return day, updated
            updated = updated or day
    return None, updated


def _label_kind(before: str) -> str:
    match = _words().labelled.search(before)
    if not match:
        return ""
    label = match.group("label").lower()
    return "updated" if label in _words().updated_labels else "published"


def url_date(*urls: str) -> date | None:
    """A full date in a URL's path: /2022/01/25/, /2022-01-25-, /20220125/."""
    for url in urls:
        path = re.sub(r"^[a-z]+://[^/]+", "", url or "", flags=re.I).split("?")[0]
        for match in _URL_DATE.finditer(path):
            y, m, d = (match.group("y"), match.group("m"), match.group("d")) if match.group("y") else \
                (match.group("y2"), match.group("m2"), match.group("d2"))
            try:
                return date(int(y), int(m), int(d))
            except ValueError:
                continue
    return None


def htmldate_day(tree: Any, url: str, *, extensive: bool, latest: date) -> date | None:
    """htmldate's reading of the original publication day, bounded so that it reads no clock."""
    from htmldate import find_date

    try:
        found = find_date(tree, extensive_search=extensive, original_date=True, url=url or None,
                          min_date=MIN_DATE.isoformat(), max_date=latest.isoformat())
    except Exception as exc:  # htmldate's parsers raise a variety of types on odd pages
        log.debug("htmldate failed on %s: %s", url, exc)
        return None
    return date.fromisoformat(found) if found else None


# --- the local day --------------------------------------------------------------------------------


def local_day(value: datetime, shown: Iterable[datetime | date | None]) -> datetime:
    """A UTC timestamp in the page's own offset, when the page gives it.

    `shown` yields what else the page says: the same instant written with an offset (taken as it is),
    or the day it displays (the instant is moved to the nearest whole-hour offset that gives that day).
    A bare day (midnight) is the page's day already.
    """
    if value.utcoffset() != timedelta(0) or value.timetz().replace(tzinfo=None) == datetime.min.time():
        return value
    for other in shown:
        if isinstance(other, datetime):
            if other.utcoffset() and abs(other - value) < timedelta(minutes=1):
                return value.astimezone(other.tzinfo)
            continue
        step = (other - value.date()).days if other else 0
        for hours in range(1, 15) if step in (-1, 1) else ():
            offset = timezone(timedelta(hours=hours * step))
            if value.astimezone(offset).date() == other:
                return value.astimezone(offset)
    return value


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


# --- all together ---------------------------------------------------------------------------------


def page_dates(tree: Any, url: str, *, urls: tuple[str, ...] = (), language: str = "",
               fallback: datetime | None = None, latest: date | None = None) -> PageDates:
    """The page's publication and update dates and where the publication date came from."""
    month_first = language.lower() in ("en", "en-us")
    limit = latest or FAR_FUTURE
    published, updated = jsonld_dates(tree)
    meta_published, meta_updated = meta_dates(tree)
    updated = updated or meta_updated
    origin = "json-ld" if published else ""
    if not published and meta_published:
        published, origin = meta_published, "meta"
    stamp, time_node = time_date(tree)
    if not published and stamp:
        published, origin = stamp, "time"
    if published:
        return PageDates(local_day(published, _shown(tree, meta_published, stamp, time_node, month_first)),
                         updated, origin)
    return _unstructured(tree, url, (url, *urls), month_first, updated, fallback, limit)


def _shown(tree: Any, meta_published: datetime | None, stamp: datetime | None, time_node: Any,
           month_first: bool) -> Iterator[datetime | date | None]:
    """What else the page says of its date, cheapest first (read only while a UTC stamp needs it)."""
    yield meta_published
    yield stamp
    if time_node is not None and (time_node.get("datetime") or time_node.get("title")):
        yield parse_text_date(time_node.text_content(), month_first=month_first)
    yield byline_date(tree, month_first=month_first)[0]


def _unstructured(tree: Any, url: str, urls: tuple[str, ...], month_first: bool, updated: datetime | None,
                  fallback: datetime | None, limit: date) -> PageDates:
    written, written_update = byline_date(tree, month_first=month_first)
    updated = updated or (_midnight(written_update) if written_update else None)
    if written and MIN_DATE <= written <= limit:
        return PageDates(_midnight(written), updated, "text")
    in_url = url_date(*urls)
    if in_url and MIN_DATE <= in_url <= limit:
        return PageDates(_midnight(in_url), updated, "url")
    if fallback is not None:  # the publisher's own feed says when: better than a guess from the page
        return PageDates(fallback, updated, "feed")
    guessed = _htmldate_checked(tree, url, month_first, limit)
    if guessed:
        return PageDates(_midnight(guessed), updated, "htmldate")
    if written_update:  # only an "Updated ..." line: the closest the page comes to saying
        return PageDates(_midnight(written_update), updated, "text")
    return PageDates(None, updated, "")


def _htmldate_checked(tree: Any, url: str, month_first: bool, limit: date) -> date | None:
    """htmldate's fast search, then (below a real "now" only) its extensive one, minus the days the prose
    talks about: a news article's text is full of other dates (release dates, events), and htmldate's
    text search takes them for the page's own ("opens June 6, 2025"); a bare 1 January is a year it guessed."""
    prose: set[date] | None = None
    for extensive in (False, True):
        if extensive and limit >= FAR_FUTURE:
            break
        day = htmldate_day(tree, url, extensive=extensive, latest=limit)
        if day is None:
            continue
        prose = _prose_days(tree, month_first) if prose is None else prose
        if day in prose or (day.month == day.day == 1 and day not in _page_days(tree, urls=(url,))):
            continue
        return day
    return None


def _prose_days(tree: Any, month_first: bool) -> set[date]:
    days: set[date] = set()
    for node in tree.iter("p", "li", "td", "blockquote", "dd"):
        text = " ".join(node.text_content().split())
        if len(text) > PROSE_CHARS:
            days.update(d for m in _words().text_date.finditer(text) if (d := _date_of(m, month_first)))
    return days


def _page_days(tree: Any, urls: tuple[str, ...]) -> set[date]:
    text = " ".join(tree.xpath("//text()|//@content|//@datetime|//@title"))
    days = {d for m in _words().text_date.finditer(text) for d in (_date_of(m, False), _date_of(m, True)) if d}
    found = url_date(*urls)
    return days | ({found} if found else set())
