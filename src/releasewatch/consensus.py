"""Claims -> the date the evidence supports, per title and event, as of any date. Pure.

Rules (docs/data-model.md, "The consensus"):
1. The most recently published official claim wins; older official dates are superseded.
   (a) A newer report no older than it that tells the official window more precisely narrows it.
   (b) One source's new official date that states no move does not replace a date two sources
       gave: it is dissent until a second source gives it or a move is stated.
2. Otherwise reported claims outweigh speculative ones; weights grow with the source's
   reliability and halve every `half_life_days`. The heaviest claim's range is narrowed by every
   claim that overlaps it; claims that do not overlap are dissent.
3. A negated claim newer than every claim behind a non-official winner turns the state into
   "no official date yet", still showing the best unofficial window. (An official date is only
   replaced by a newer official date: a later "no official date" line is far more often a stale
   sentence than a withdrawn date, so it is dissent.)
4. Plausibility between events: a release date that ends before the filming start that an
   equally new or newer claim gives does not count.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any

from .extract.events import REGION_NAMES
from .labels import event_phrase, label_range
from .models import Claim, Consensus, DateRange

BASE_WEIGHT = {"official": 3.0, "reported": 1.0, "speculative": 0.4}
DEFAULT_RELIABILITY = 0.6
_BY_PUBLICATION = attrgetter("published", "time_start")
EVENT_ORDER = ("production_start", "production_end", "trailer", "premiere", "release", "home_release")
# A release on these comes after the theatrical one: its own track, so "on digital July 22" never
# looks like the release date moving.
HOME_WINDOWS = frozenset({"digital", "blu-ray", "dvd", "4k", "vod", "pvod"})
# A release in one country is its own track too ("release (UK)"), except the domestic one of the
# trade press most sources are: a UK date must not read as the release moving.
DOMESTIC = frozenset({"us", "united states", "north america"})
_REGION_NAMES = {"united kingdom": "UK"}


@dataclass(frozen=True)
class _Decision:
    range: DateRange | None
    certainty: str
    supporting: tuple[Claim, ...]
    dissent: tuple[Claim, ...]
    previous: DateRange | None

    @property
    def key(self) -> tuple[Any, ...]:
        r = self.range
        return (r.earliest, r.latest, self.certainty) if r else (None, None, self.certainty)


def source_of(claim: Claim) -> str:
    return claim.source or claim.cited or "unknown"


def compute_consensus(claims: Iterable[Claim], as_of: date, *, reliability: Mapping[str, float] | None = None,
                      half_life_days: float = 90.0) -> list[Consensus]:
    """One Consensus per (title, event) among the claims published on or before `as_of`."""
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.published is not None and c.published <= as_of:
            groups[(c.title, consensus_event(c))].append(c)
    out = []
    for (title, event), group in groups.items():
        if stored_event(event) == "release":
            group = _plausible_releases(group, groups.get((title, "production_start"), []))
        group.sort(key=_BY_PUBLICATION)
        result = _consensus_for(title, event, group, as_of, reliability or {}, half_life_days)
        if result is not None:
            out.append(result)
    out.sort(key=lambda c: (c.title, event_rank(c.event)))
    return out


def _plausible_releases(releases: list[Claim], filming: list[Claim]) -> list[Claim]:
    """Rule 4: a release cannot come before filming starts. A release date that ends before the
    filming start a claim as new (or newer) gives is a misread (another work's date, an old
    line), and does not count. Rule 5: see _LaterNews."""
    starts = [c for c in filming if c.certainty in ("official", "reported") and c.published is not None]
    later = _LaterNews(releases)
    kept = []
    for c in releases:
        ends, told = c.range.latest, c.published
        if ends is not None and told is not None and any(
                ends < f.range.earliest for f in starts if f.published is not None and f.published >= told):
            continue
        if ends is not None and told is not None and c.certainty != "negated" and later.still_ahead(ends, told) \
                and not later.superseded(c.range, told):
            continue
        kept.append(c)
    return kept


class _LaterNews:
    """Rule 5: a release on a date that a later article, written after that date had passed, still
    speaks of as ahead ("no release date yet", "arrives next spring") did not happen: the claim read
    another work's date or a plan that fell through. Unless a newer official date had replaced it
    already: then it stays, as the date the release moved from.
    Both tests read suffix tables over the claims by publication date, so a title's track of n
    claims costs n log n, not n squared."""

    def __init__(self, releases: Sequence[Claim]) -> None:
        told = sorted((c for c in releases if c.published is not None), key=_BY_PUBLICATION)
        self._told: list[date] = [c.published or date.min for c in told]
        n = len(told)
        self._any_negated = [False] * (n + 1)
        self._max_earliest = [date.min] * (n + 1)
        for i in range(n - 1, -1, -1):
            c = told[i]
            self._any_negated[i] = self._any_negated[i + 1] or c.certainty == "negated"
            self._max_earliest[i] = max(self._max_earliest[i + 1], c.range.earliest)
        official = [c for c in told if c.certainty == "official"]
        self._official_told: list[date] = [c.published or date.min for c in official]
        m = len(official)
        self._off_max_earliest = [date.min] * (m + 1)
        self._off_min_latest = [date.max] * (m + 1)
        for i in range(m - 1, -1, -1):
            r = official[i].range
            self._off_max_earliest[i] = max(self._off_max_earliest[i + 1], r.earliest)
            self._off_min_latest[i] = min(self._off_min_latest[i + 1], r.latest or date.max)

    def still_ahead(self, ends: date, told: date) -> bool:
        """Whether an article published after `ends` (and not before `told`) has no date yet, or a later one."""
        i = max(bisect.bisect_right(self._told, ends), bisect.bisect_left(self._told, told))
        return self._any_negated[i] or self._max_earliest[i] > ends

    def superseded(self, r: DateRange, told: date) -> bool:
        """Whether an official claim published after `told` gives a date that does not meet `r`."""
        i = bisect.bisect_right(self._official_told, told)
        return self._off_max_earliest[i] > (r.latest or date.max) or self._off_min_latest[i] < r.earliest


def consensus_event(c: Claim) -> str:
    """The track a claim counts towards: its event, except that home-video releases and releases in
    another country are their own ("home_release", "release (UK)")."""
    return _release_track(c.qualifier) if c.event == "release" and c.qualifier else c.event


def stored_event(track: str) -> str:
    """The event stored on the claims of a track (the inverse of consensus_event)."""
    return "release" if track == "home_release" or track.startswith("release (") else track


def _release_track(qualifier: str) -> str:
    key = qualifier.lower()
    if key in HOME_WINDOWS:
        return "home_release"
    if key in REGION_NAMES and key not in DOMESTIC:
        return f"release ({_REGION_NAMES.get(key, qualifier)})"
    return "release"  # a platform: "on Netflix", "on PS5" is the release itself


def event_rank(event: str) -> int:
    """Where an event's line goes in a title's summary: filming first, releases last."""
    return EVENT_ORDER.index(event) if event in EVENT_ORDER else len(EVENT_ORDER)


def _consensus_for(title: str, event: str, group: list[Claim], as_of: date, reliability: Mapping[str, float],
                   half_life: float) -> Consensus | None:
    decision = _decide(group, reliability, half_life)
    if decision is None:
        return None
    since = _since(group, decision, reliability, half_life)
    label = consensus_label(event, decision.range, decision.certainty, decision.previous, as_of)
    sources = tuple(dict.fromkeys(source_of(c) for c in decision.supporting))
    phrase = _phrase(event, decision.range, decision.certainty, as_of)
    return Consensus(
        title=title, event=event, range=decision.range, label=label, certainty=decision.certainty, as_of=as_of,
        since=since, supporting=decision.supporting, dissent=decision.dissent, sources=sources,
        previous=decision.previous, extra={"phrase": phrase},
    )


def _since(group: list[Claim], final: _Decision, reliability: Mapping[str, float], half_life: float) -> date | None:
    """The publication date from which the decision has stood unchanged.

    Relative weights do not change with the as-of date (every weight decays alike), so the
    decision only changes when claims arrive: walk back over publication dates until it differs.
    """
    published = [c.published or date.min for c in group]  # the group is sorted by publication date
    dates = sorted(set(published))
    since = dates[0] if dates else None
    for day in reversed(dates):
        prior = group[:bisect.bisect_left(published, day)]
        if not prior or _decision_key(prior, reliability, half_life) != final.key:
            return day
        since = day
    return since


def _decision_key(group: Sequence[Claim], reliability: Mapping[str, float], half_life: float) -> tuple[Any, ...]:
    """What _decide(group).key would be, without building supporters and dissent."""
    officials = [c for c in group if c.certainty == "official"]
    if officials:
        winner = _official_winner(officials)
        window, certainty, _ = _narrowed(winner, group)
        return (window.earliest, window.latest, certainty)
    unofficial = _unofficial(group, reliability, half_life)
    if unofficial is None:
        return (None, None, "negated") if any(c.certainty == "negated" for c in group) else (None, None, None)
    window, _support, _dissent, certainty = unofficial
    return (window.earliest, window.latest, certainty)


def _decide(group: Sequence[Claim], reliability: Mapping[str, float], half_life: float) -> _Decision | None:
    officials = [c for c in group if c.certainty == "official"]
    if officials:
        return _official(group, officials)
    unofficial = _unofficial(group, reliability, half_life)
    if unofficial is None:
        negations = [c for c in group if c.certainty == "negated"]
        return _Decision(None, "negated", (negations[-1],), (), None) if negations else None
    window, support, dissent, certainty = unofficial
    return _Decision(_tidy(window, support), certainty, tuple(support), tuple(_newest_first(dissent)), None)


def _unofficial(group: Sequence[Claim], reliability: Mapping[str, float], half_life: float
                ) -> tuple[DateRange, list[Claim], list[Claim], str] | None:
    """Rule 2 and 3: the heaviest claim narrowed by those that overlap it; a newer negation wins."""
    dated = [c for c in group if c.certainty in ("reported", "speculative")]
    if not dated:
        return None
    negations = [c for c in group if c.certainty == "negated"]
    newest = max(c.published for c in dated if c.published)
    weights = {id(c): _weight(c, newest, reliability, half_life) for c in dated}
    ranked = sorted(dated, key=lambda c: (weights[id(c)], c.published), reverse=True)
    window = ranked[0].range
    support = [ranked[0]]
    dissent = []
    for c in ranked[1:]:
        narrowed = window.intersection(c.range)
        if narrowed is not None:
            window = narrowed
            support.append(c)
        else:
            dissent.append(c)
    if len(support) == 1:
        window = ranked[0].range
    certainty = "reported" if any(c.certainty == "reported" for c in support) else "speculative"
    latest_support = max(c.published for c in support if c.published)
    if negations and negations[-1].published and negations[-1].published > latest_support:
        certainty = "negated"
        support.append(negations[-1])
    return window, support, dissent, certainty


def _official_winner(officials: Sequence[Claim]) -> Claim:
    """The newest official claim, unless it stands alone against a date two sources gave (rule 1b)."""
    # Of one day's articles the last one stored speaks last. Within one article a move's new date
    # wins, then the most precise; then, on a home-video track the first window (digital before
    # Blu-ray), elsewhere the latest date (a history of delays ends at the current one).
    home = consensus_event(officials[0]) == "home_release"

    def newest(claims: Sequence[Claim]) -> Claim:
        return max(claims, key=lambda c: (c.published, c.extracted_at, c.previous is not None, -(c.range.days or 10**6),
                                          -c.range.earliest.toordinal() if home else c.range.earliest.toordinal()))

    winner = newest(officials)
    if winner.previous is not None:
        return winner  # a stated move ("from June 7, 2024 to June 6, 2025") replaces the old date at once
    rivals = [c for c in officials if not c.range.overlaps(winner.range)]
    if not rivals or len({source_of(c) for c in officials if c.range.overlaps(winner.range)}) >= 2:
        return winner
    standing = newest(rivals)
    backers = {source_of(c) for c in rivals if c.range.overlaps(standing.range)}
    # One source's new date, with no move stated, against a date two sources gave: more often a
    # misread sentence (another film's date, a stale line) than news. It waits for a second source.
    return standing if len(backers) >= 2 else winner


def _official(group: Sequence[Claim], officials: list[Claim]) -> _Decision:
    winner = _official_winner(officials)
    superseded = [c for c in officials if c.published and winner.published and c.published < winner.published
                  and not c.range.overlaps(winner.range)]
    cutoff = max((c.published for c in superseded if c.published), default=date.min)
    # Every claim since the last superseded official date that agrees with the winner backs it.
    support = [c for c in group if c.certainty != "negated" and c.published and c.published >= cutoff
               and c.range.overlaps(winner.range) and (c.range.days or 10**6) <= (winner.range.days or 10**6) * 400]
    window, certainty, detail = _narrowed(winner, group)
    if detail is not None and detail not in support:
        support.append(detail)
    previous = winner.previous
    if previous is None and superseded and winner.event != "trailer":  # a second trailer is not a move
        last = max(superseded, key=lambda c: c.published or date.min)
        # the old date as precisely as it was told: "2024" restated after "June 7, 2024" is the same date
        previous = min((c for c in superseded if _within_range(c.range, last.range)),
                       key=lambda c: (c.range.days or 10**6, -(c.published or date.min).toordinal())).range
    backing = {id(c) for c in support}
    dissent = [c for c in group if id(c) not in backing and c.certainty != "negated"
               and not c.range.overlaps(window)]
    return _Decision(_tidy(window, support), certainty, tuple(support), tuple(_newest_first(dissent)), previous)


def _narrowed(winner: Claim, group: Sequence[Claim]) -> tuple[DateRange, str, Claim | None]:
    """An official window told more precisely by a report no older than it ("filming starts this
    month", and per TV Line on Nov 13): the narrower range, as sure as the report that gives it."""
    best: Claim | None = None
    for c in group:
        if (c.certainty == "reported" and c.published and winner.published and c.published >= winner.published
                and c.range.latest is not None and c.range.days is not None
                and winner.range.earliest <= c.range.earliest
                and (winner.range.latest is None or c.range.latest <= winner.range.latest)
                and c.range.days < (winner.range.days or 10**6)
                and (best is None or (c.published, -c.range.days) > (best.published, -(best.range.days or 0)))):
            best = c
    return (best.range, "reported", best) if best is not None else (winner.range, "official", None)


def _within_range(inner: DateRange, outer: DateRange) -> bool:
    return outer.earliest <= inner.earliest and (outer.latest is None or
                                                 (inner.latest is not None and inner.latest <= outer.latest))


def _tidy(window: DateRange, support: Sequence[Claim]) -> DateRange:
    """Give an intersected window the label and granularity of a claim that has exactly that range."""
    for c in support:
        if c.range.earliest == window.earliest and c.range.latest == window.latest:
            return c.range
    return DateRange(window.earliest, window.latest, window.granularity, window.value, label_range(window))


def _weight(c: Claim, newest: date, reliability: Mapping[str, float], half_life: float) -> float:
    rel = reliability.get(c.source, DEFAULT_RELIABILITY) if c.source else DEFAULT_RELIABILITY
    age = (newest - c.published).days if c.published else 0
    return BASE_WEIGHT.get(c.certainty, 0.1) * rel * 0.5 ** (age / half_life)


def _newest_first(claims: Iterable[Claim]) -> list[Claim]:
    return sorted(claims, key=lambda c: (c.published or date.min), reverse=True)


def _phrase(event: str, r: DateRange | None, certainty: str, as_of: date) -> str:
    # Past tense only for an official single day: "filming in summer 2022" may never have happened.
    past = certainty == "official" and r is not None and r.latest == r.earliest and r.earliest < as_of
    return event_phrase(event, r, past=past)


def consensus_label(event: str, r: DateRange | None, certainty: str, previous: DateRange | None, as_of: date) -> str:
    """"release June 6, 2025 (official; moved from June 7, 2024)", "no official release date yet; ..."."""
    if certainty == "negated":
        noun = "release date" if event == "release" else f"{event_phrase(event, None)} date"
        base = f"no official {noun} yet"
        return f"{base}; speculation: {label_range(r)}" if r else base
    phrase = _phrase(event, r, certainty, as_of)
    if certainty == "official":
        moved = f"; moved from {label_range(previous)}" if previous else ""
        return f"{phrase} (official{moved})"
    if certainty == "speculative":
        return f"{phrase} (speculative)"
    return phrase


def summary_line(title: str, consensuses: Sequence[Consensus]) -> str:
    """`Ballerina: filming from Nov 13, 2022 (reported, 1 source) · release late 2023 / early 2024 (speculative, 1 source)`"""
    parts = []
    for c in sorted(consensuses, key=lambda c: event_rank(c.event)):
        n = len(c.sources)
        count = f"{n} source{'s' if n != 1 else ''}"
        if c.certainty == "negated":
            parts.append(f"{c.label} ({count})")
            continue
        phrase = c.extra.get("phrase") or c.label
        moved = f"; moved from {label_range(c.previous)}" if c.previous else ""
        parts.append(f"{phrase} ({c.certainty}{moved}, {count})")
    return f"{title}: " + " · ".join(parts) if parts else f"{title}: no dated claims yet"


# --- change detection ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    title: str
    event: str
    kind: str  # "new", "moved", "narrowed", "certainty", "label"
    old: dict[str, Any] | None
    new: dict[str, Any]
    summary: str


def to_snapshot(c: Consensus) -> dict[str, Any]:
    return {
        "title": c.title, "event": c.event,
        "earliest": c.range.earliest.isoformat() if c.range else None,
        "latest": c.range.latest.isoformat() if c.range and c.range.latest else None,
        "label": c.label, "certainty": c.certainty,
        "range_label": label_range(c.range) if c.range else "",
        "since": c.since.isoformat() if c.since else None,
        "sources": list(c.sources), "claims": len(c.supporting),
        "previous_earliest": c.previous.earliest.isoformat() if c.previous else None,
        "previous_latest": c.previous.latest.isoformat() if c.previous and c.previous.latest else None,
    }


def snapshot_key(s: Mapping[str, Any]) -> tuple[Any, ...]:
    # The label is part of the key so that "release June 6" becoming "released June 6" is news too.
    return (s.get("earliest"), s.get("latest"), s.get("certainty"), s.get("label"))


def describe_change(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> Change:
    title, event = new["title"], new["event"]
    noun = _CHANGE_NOUNS.get(event) or event_phrase(event, None)
    if old is None:
        return Change(title, event, "new", None, dict(new), f"{title}: {new['label']}")
    same_range = (old.get("earliest"), old.get("latest")) == (new.get("earliest"), new.get("latest"))
    if same_range and old.get("certainty") == new.get("certainty"):
        return Change(title, event, "label", dict(old), dict(new), f"{title}: {new['label']}")
    if event == "trailer" and not same_range:
        return Change(title, event, "new", dict(old), dict(new), f"{title}: new {new['label']}")
    if not same_range and old.get("earliest") and new.get("earliest"):
        was = old.get("range_label") or old.get("label")
        now = new.get("range_label") or new.get("label")
        # "2022" becoming "summer 2022" is the same date told more precisely, not a move
        kind = "narrowed" if _within_snapshot(new, old) else "moved"
        return Change(title, event, kind, dict(old), dict(new),
                      f"{title} {noun} {kind} from {was} to {now} ({new['certainty']})")
    return Change(title, event, "certainty", dict(old), dict(new),
                  f"{title} {noun}: now {new['label']} (was {old.get('label')})")


_CHANGE_NOUNS = {"production_end": "filming wrap"}  # "filming wrap moved from ...", not "filming wraps moved"


def _within_snapshot(inner: Mapping[str, Any], outer: Mapping[str, Any]) -> bool:
    """Whether a snapshot's range lies inside another's (an open end reaches to any date)."""
    return bool(outer["earliest"] <= inner["earliest"] and
                (outer.get("latest") is None or (inner.get("latest") is not None and inner["latest"] <= outer["latest"])))


def detect_changes(previous: Sequence[Mapping[str, Any]], current: Sequence[Consensus]) -> list[Change]:
    """Changes between stored snapshots and the current consensus; an unchanged one gives nothing."""
    before = {(p["title"], p["event"]): p for p in previous}
    changes = []
    for c in current:
        snap = to_snapshot(c)
        old = before.get((c.title, c.event))
        if old is None or snapshot_key(old) != snapshot_key(snap):
            changes.append(describe_change(old, snap))
    return changes
