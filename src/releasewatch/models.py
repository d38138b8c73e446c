"""The dataclasses that flow between stages.

Small, frozen and free of I/O: every stage takes and returns these, so a stage
never needs to import a later one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

EVENTS: tuple[str, ...] = ("production_start", "production_end", "release", "premiere", "trailer")
CERTAINTIES: tuple[str, ...] = ("official", "reported", "speculative", "negated")
GRANULARITIES: tuple[str, ...] = (
    "day", "week", "month", "season", "quarter", "half", "part-of-year",
    "year", "decade", "range", "open",
)
TITLE_KINDS: tuple[str, ...] = ("film", "series", "game", "other")
SOURCE_KINDS: tuple[str, ...] = ("feed", "page", "listing", "sitemap")


@dataclass(frozen=True, slots=True)
class DateRange:
    """An inclusive range of calendar days.

    ``latest`` is None for an open end ("no earlier than 2025"). An open start
    ("by the end of 2024") is resolved to the publication date by the finder,
    so ``earliest`` is always set.
    """

    earliest: date
    latest: date | None
    granularity: str = "day"
    value: str = ""  # TIMEX3-style value: 2022-11-13, 2022-11, 2023-SU, 2023-Q3, ...
    label: str = ""

    def overlaps(self, other: DateRange) -> bool:
        a_end = self.latest or date.max
        b_end = other.latest or date.max
        return self.earliest <= b_end and other.earliest <= a_end

    def intersection(self, other: DateRange) -> DateRange | None:
        if not self.overlaps(other):
            return None
        ends = [d for d in (self.latest, other.latest) if d is not None]
        return DateRange(
            earliest=max(self.earliest, other.earliest),
            latest=min(ends) if ends else None,
            granularity="range",
        )

    def contains(self, day: date) -> bool:
        return self.earliest <= day and (self.latest is None or day <= self.latest)

    @property
    def days(self) -> int | None:
        """Width in days, None when open-ended."""
        if self.latest is None:
            return None
        return (self.latest - self.earliest).days + 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "earliest": self.earliest.isoformat(),
            "latest": self.latest.isoformat() if self.latest else None,
            "granularity": self.granularity,
            "value": self.value,
            "label": self.label,
        }


@dataclass(frozen=True)
class Timex:
    """A temporal expression found in a text, with its character span."""

    start: int
    end: int
    text: str
    range: DateRange

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "earliest": self.range.earliest.isoformat(),
            "latest": self.range.latest.isoformat() if self.range.latest else None,
            "granularity": self.range.granularity,
            "value": self.range.value,
        }


@dataclass(frozen=True)
class Title:
    """A tracked title, from sources.yaml."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "film"
    # Words that must appear in an article before a common-word title counts.
    context: tuple[str, ...] = ()
    # True when the name is an ordinary word ("Ballerina") and needs context.
    common_word: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Source:
    """A configured news source, from sources.yaml."""

    name: str
    url: str
    kind: str = "feed"
    reliability: float = 0.6
    every: str = "2h"  # an interval ("30m", "2h", "1d") or a cron expression
    link_pattern: str | None = None  # listing pages: regex that article links match
    titles: tuple[str, ...] = ()  # empty: all tracked titles
    enabled: bool = True


@dataclass(frozen=True)
class Article:
    """One version of a news article, as text."""

    url: str  # canonical URL
    text: str
    headline: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    source: str = ""
    language: str = ""
    content_hash: str = ""
    fetched_url: str = ""  # the URL we actually fetched, if different
    date_origin: str = ""  # where `published` came from: json-ld, meta, time, text, feed, given


# Not frozen: reports build a million of these, and a frozen dataclass's __init__ is ~9x slower.
# Treat claims as values all the same (they hash by value); use dataclasses.replace to change one.
@dataclass(slots=True, unsafe_hash=True)
class Claim:
    """One statement that an event of a title happens within a date range."""

    title: str
    event: str
    range: DateRange
    certainty: str
    sentence: str
    sentence_start: int  # character offsets of the sentence in the article text
    sentence_end: int
    time_start: int  # character offsets of the time expression in the article text
    time_end: int
    time_text: str
    cited: str | None = None
    previous: DateRange | None = None  # for moves: the date it moved from
    qualifier: str | None = None  # region or platform ("US", "Netflix", "PS5")
    published: date | None = None
    extractor_version: str = ""
    in_headline: bool = False  # offsets then refer to the headline, not the text
    extracted_at: str = ""  # ISO timestamp, set when the claim is stored
    # provenance filled in when a claim is stored
    article_url: str = ""
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The `extract --json` shape of docs/data-model.md, plus the extra provenance."""
        return {
            "title": self.title,
            "event": self.event,
            "earliest": self.range.earliest.isoformat(),
            "latest": self.range.latest.isoformat() if self.range.latest else None,
            "granularity": self.range.granularity,
            "certainty": self.certainty,
            "cited": self.cited,
            "time_text": self.time_text,
            "sentence": self.sentence,
            "start": self.time_start,
            "end": self.time_end,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "previous": self.previous.to_dict() if self.previous else None,
            "qualifier": self.qualifier,
            "published": self.published.isoformat() if self.published else None,
            "extractor_version": self.extractor_version,
            "article_url": self.article_url or None,
            "source": self.source or None,
            "in_headline": self.in_headline,
        }

    def replace(self, **changes: Any) -> Claim:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class Consensus:
    """What the evidence says about one event of one title, as of a date."""

    title: str
    event: str
    range: DateRange | None  # None when there is nothing but negation
    label: str
    certainty: str  # official, reported, speculative, or negated (no official date)
    as_of: date
    since: date | None  # the date this consensus last changed
    supporting: tuple[Claim, ...] = ()
    dissent: tuple[Claim, ...] = ()
    sources: tuple[str, ...] = ()
    previous: DateRange | None = None  # the official date it moved from, if any
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """The `consensus --json` shape of docs/data-model.md."""
        return {
            "title": self.title,
            "event": self.event,
            "earliest": self.range.earliest.isoformat() if self.range else None,
            "latest": self.range.latest.isoformat() if self.range and self.range.latest else None,
            "label": self.label,
            "certainty": self.certainty,
            "claims": len(self.supporting),
            "sources": list(self.sources),
            "since": self.since.isoformat() if self.since else None,
            "as_of": self.as_of.isoformat(),
            "dissent": len(self.dissent),
            "previous": self.previous.to_dict() if self.previous else None,
        }
