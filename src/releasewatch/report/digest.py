"""The daily digest: what the dates are now, what changed, the new evidence, and sources in trouble.

`build_digest` reads the store (the edge); the renderers are pure functions of a `Digest`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from ..models import Claim, Consensus
from ..tracks import claim_label as claim_event

if TYPE_CHECKING:
    from ..config import Config
    from ..store import Store

log = logging.getLogger(__name__)

FORMATS = ("text", "markdown", "html", "json")


@dataclass(frozen=True)
class TitleSection:
    title: str
    consensus: tuple[Consensus, ...]
    changes: tuple[str, ...]  # "release moved from June 7, 2024 to June 6, 2025 (official)"
    new_claims: tuple[Claim, ...]


@dataclass(frozen=True)
class SourceProblem:
    name: str
    problem: str  # "failing" or "silent"
    detail: str


@dataclass(frozen=True)
class Digest:
    generated_at: datetime
    since: datetime
    sections: tuple[TitleSection, ...]
    problems: tuple[SourceProblem, ...] = ()
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def subject(self) -> str:
        moved = sum(len(s.changes) for s in self.sections)
        new = sum(len(s.new_claims) for s in self.sections)
        parts = [f"{moved} change{'s' if moved != 1 else ''}", f"{new} new claim{'s' if new != 1 else ''}"]
        if self.problems:
            parts.append(f"{len(self.problems)} source problem{'s' if len(self.problems) != 1 else ''}")
        return f"releasewatch digest {self.generated_at:%Y-%m-%d}: " + ", ".join(parts)

    @property
    def is_quiet(self) -> bool:
        return not any(s.changes or s.new_claims for s in self.sections) and not self.problems


# --- building (reads the store) ---------------------------------------------------


def source_problems(health: Sequence[dict[str, Any]], *, now: datetime, silent_after_days: int) -> list[SourceProblem]:
    """Failing sources, and sources with no new item for longer than the configured gap.

    A dead feed must not look like a quiet news week.
    """
    problems: list[SourceProblem] = []
    for row in health:
        name = row["name"]
        failures = int(row.get("consecutive_failures") or 0)
        if failures:
            err = row.get("last_error") or "unknown error"
            problems.append(SourceProblem(name, "failing", f"{failures} failed poll{'s' if failures > 1 else ''} "
                                                           f"in a row; last error: {err}"))
            continue
        last_new = _parse_dt(row.get("last_new_item") or row.get("last_article_at"))
        first_seen = _parse_dt(row.get("first_poll") or row.get("created_at"))
        reference = last_new or first_seen
        if reference is not None and now - reference > timedelta(days=silent_after_days):
            days = (now - reference).days
            what = "no new item" if last_new else "no item at all"
            problems.append(SourceProblem(name, "silent", f"{what} for {days} days"))
    return problems


def _parse_dt(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        parsed = value
    else:
        try:
            parsed = datetime.fromisoformat(str(value))
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def build_digest(config: Config, store: Store, *, now: datetime, since: datetime | None = None,
                 titles: Sequence[str] | None = None) -> Digest:
    """Gather the digest from the store: consensus as of `now`, changes and claims since `since`;
    only `titles` when given."""
    from ..consensus import event_rank
    from .current import current_consensus

    if since is None:
        last = store.last_delivered_digest()
        since = _parse_dt(last["period_end"]) if last else None
        since = since or now - timedelta(days=1)
    # The consensus of titles whose claims did not change comes from the cache (report/current.py);
    # the new claims are few and shown whole.
    current, claims_total = current_consensus(store, now.date(), reliability=config.reliability(), titles=titles)
    wanted: Sequence[str | None] = titles or [None]
    new_claims = [c for t in wanted for c in store.claims(title=t, until=now.date(), extracted_after=since,
                                                          extracted_until=now)]
    by_title: dict[str, list[Any]] = {}
    items: list[Any] = [*current, *store.consensus_changes(since=since, until=now), *new_claims]
    for item in items:
        key = item["title"] if isinstance(item, dict) else item.title
        by_title.setdefault(key, []).append(item)
    tracked = list(titles or []) or [t.name for t in config.titles] or sorted(by_title)
    sections = []
    for name in tracked:
        items = by_title.get(name, [])
        cons = tuple(sorted((i for i in items if isinstance(i, Consensus)), key=lambda c: event_rank(c.event)))
        title_changes = tuple(i["summary"] for i in items if isinstance(i, dict))
        new = tuple(i for i in items if isinstance(i, Claim))
        sections.append(TitleSection(name, cons, title_changes, new))
    problems = source_problems(store.source_states(), now=now, silent_after_days=config.digest.silent_after_days)
    return Digest(generated_at=now, since=since, sections=tuple(sections), problems=tuple(problems),
                  stats={"claims_total": claims_total})


# --- rendering (pure) ------------------------------------------------------------------


def _consensus_line(c: Consensus) -> str:
    from ..consensus import summary_line

    # The line starts "<title>: "; cut that prefix, not at the first colon ("Dune: Part Three").
    line = summary_line(c.title, [c]).removeprefix(f"{c.title}: ")
    return f"{line[:-1]}, since {c.since:%b %-d, %Y})" if c.since and line.endswith(")") else line


def _claim_origin(c: Claim) -> str:
    who = c.source or "unknown source"
    if c.cited and c.cited != c.source:
        who += f", citing {c.cited}"
    when = f"{c.published:%b %-d, %Y}" if isinstance(c.published, date) else "undated"
    return f"{who}, {when}"


def render_text(d: Digest) -> str:
    out = [d.subject, f"Covering {d.since:%Y-%m-%d %H:%M} to {d.generated_at:%Y-%m-%d %H:%M} UTC", ""]
    for s in d.sections:
        out.append(s.title)
        out.append("=" * len(s.title))
        out.extend(f"  {_consensus_line(c)}" for c in s.consensus)
        if not s.consensus:
            out.append("  No dated claims yet.")
        if s.changes:
            out.append("  Changed:")
            out.extend(f"    * {ch}" for ch in s.changes)
        if s.new_claims:
            out.append(f"  New claims ({len(s.new_claims)}):")
            for c in s.new_claims:
                out.append(f"    - {claim_event(c)} {c.range.label or c.time_text} [{c.certainty}] ({_claim_origin(c)})")
                out.append(f"      \"{' '.join(c.sentence.split())}\"")
                if c.article_url:
                    out.append(f"      {c.article_url}")
        out.append("")
    out.extend(_problem_lines(d, bullet="  - "))
    return "\n".join(out).rstrip() + "\n"


def _problem_lines(d: Digest, *, bullet: str) -> list[str]:
    if not d.problems:
        return []
    lines = ["Sources needing attention:"]
    lines.extend(f"{bullet}{p.name}: {p.problem}: {p.detail}" for p in d.problems)
    return lines


def safe_href(url: str | None) -> str | None:
    """URL as a link target if it is http(s); anything else (javascript:, data:) is not linked.

    Characters that would end a Markdown link or an HTML attribute are percent-encoded."""
    from urllib.parse import quote, urlsplit

    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=":/?#[]@!$&'*+,;=%~")


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")


def render_markdown(d: Digest) -> str:
    out = [f"# {_md(d.subject)}", "", f"_Covering {d.since:%Y-%m-%d %H:%M} to {d.generated_at:%Y-%m-%d %H:%M} UTC_", ""]
    for s in d.sections:
        out.append(f"## {_md(s.title)}")
        out.extend(f"- **{_md(_consensus_line(c))}**" for c in s.consensus)
        if not s.consensus:
            out.append("- No dated claims yet.")
        if s.changes:
            out += ["", "**Changed**", ""] + [f"- {_md(ch)}" for ch in s.changes]
        if s.new_claims:
            out += ["", f"**New claims ({len(s.new_claims)})**", ""]
            for c in s.new_claims:
                href = safe_href(c.article_url)
                link = f" [link]({href})" if href else ""
                out.append(f"- {_md(claim_event(c))} {_md(c.range.label or c.time_text)} ({c.certainty}, "
                           f"{_md(_claim_origin(c))}){link}")
                out.append(f"  > {_md(' '.join(c.sentence.split()))}")
        out.append("")
    if d.problems:
        out += ["## Sources needing attention", ""]
        out += [f"- **{_md(p.name)}**: {p.problem}: {_md(p.detail)}" for p in d.problems]
    return "\n".join(out).rstrip() + "\n"


def render_json(d: Digest) -> str:
    from .current import consensus_dict

    return json.dumps({
        "generated_at": d.generated_at.isoformat(),
        "since": d.since.isoformat(),
        "subject": d.subject,
        "titles": [{
            "title": s.title,
            "consensus": [consensus_dict(c) for c in s.consensus],
            "changes": list(s.changes),
            "new_claims": [c.to_dict() for c in s.new_claims],
        } for s in d.sections],
        "source_problems": [{"name": p.name, "problem": p.problem, "detail": p.detail} for p in d.problems],
    }, indent=2, ensure_ascii=False)


_CERTAINTY_COLOURS = {"official": "#1b7837", "reported": "#2166ac", "speculative": "#b35806", "negated": "#777777"}


def render_html(d: Digest, *, chart_cids: dict[str, str] | None = None) -> str:
    """Mail-client HTML: inline styles only, every piece of text escaped."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("releasewatch", "templates"), autoescape=select_autoescape(["html"]))
    template = env.get_template("digest.html")
    return template.render(d=d, colours=_CERTAINTY_COLOURS, charts=chart_cids or {},
                           consensus_line=_consensus_line, claim_origin=_claim_origin, claim_event=claim_event,
                           safe_href=safe_href,
                           squash=lambda s: " ".join(str(s).split()))


def render(d: Digest, fmt: str, *, chart_cids: dict[str, str] | None = None) -> str:
    if fmt == "text":
        return render_text(d)
    if fmt == "markdown":
        return render_markdown(d)
    if fmt == "json":
        return render_json(d)
    if fmt == "html":
        return render_html(d, chart_cids=chart_cids)
    raise ValueError(f"unknown digest format {fmt!r}; choose from {', '.join(FORMATS)}")



# --- sending (the edge: store and notify) ---------------------------------------------------------------


def _chart_attachments(config: Config, store: Store, d: Digest) -> tuple[dict[str, str], list[tuple[str, bytes, str, str]]]:
    """The release drift chart of each title with claims, as inline images for the HTML mail."""
    from .chart import render_chart_bytes
    from .drift import consensus_steps, track_claims

    cids: dict[str, str] = {}
    files: list[tuple[str, bytes, str, str]] = []
    for section in d.sections:
        claims = track_claims(store, section.title, "release")
        if not claims:
            continue
        slug = "".join(ch if ch.isalnum() else "-" for ch in section.title.lower()).strip("-")
        try:
            data = render_chart_bytes(claims, consensus_steps(claims, "release", reliability=config.reliability()),
                                      title=section.title)
        except ValueError:
            continue
        cids[section.title] = f"chart-{slug}"
        files.append((f"{slug}-release.png", data, "image/png", f"chart-{slug}"))
    return cids, files


def plan_digest(config: Config, store: Store, *, now: datetime, since: datetime | None = None,
                titles: Sequence[str] | None = None) -> list[str]:
    """What `digest --send` would do now, as lines for people; nothing is sent or recorded."""
    from ..notify import delivery_format, destination_key

    d = build_digest(config, store, now=now, since=since, titles=titles)
    lines = [f"Dry run: the digest for {d.since:%Y-%m-%d %H:%M} to {d.generated_at:%Y-%m-%d %H:%M} UTC",
             f"  subject: {d.subject}"]
    if d.is_quiet and not config.digest.send_empty:
        lines.append("  nothing new: it would not be sent (digest.send_empty is false)")
    for target in config.digest.deliver:
        fmt = delivery_format(target)
        size = len(render(d, fmt).encode("utf-8"))
        verb = "would skip" if d.is_quiet and not config.digest.send_empty else "would send"
        lines.append(f"  {verb} to {destination_key(target)} as {fmt} ({size:,} bytes)")
    if not config.digest.deliver:
        lines.append("  no destinations in digest.deliver")
    pending = store.pending_digests()
    if pending:
        lines.append(f"  would retry {len(pending)} pending digest{'s' * (len(pending) != 1)}: "
                     + ", ".join(sorted({str(r['destination']) for r in pending})))
    return lines


def send_digest(config: Config, store: Store, *, now: datetime, since: datetime | None = None,
                env: Any = None, stdout: Any = None, titles: Sequence[str] | None = None) -> list[Any]:
    """Deliver the digest to every configured destination, retrying ones still pending.

    Each (period, destination) is recorded in the `digests` table before sending and marked
    delivered after, so nothing is lost and nothing is sent twice. A digest with nothing new is
    not sent (nor recorded) unless `digest.send_empty`: the next one then covers its period too.
    """
    from ..notify import DigestMessage, deliver, delivery_format, destination_key

    destinations = {destination_key(d): d for d in config.digest.deliver}
    results = []
    for row in store.pending_digests():
        target = destinations.get(row["destination"])
        if target is None:
            continue
        message = DigestMessage(subject=row["subject"], bodies={row["format"]: row["body"]},
                                attachments=store.digest_attachments(row["id"]), day=str(row["period_end"])[:10])
        results.append(_deliver_row(store, row["id"], message, target, env, stdout, deliver))
    digest = build_digest(config, store, now=now, since=since, titles=titles)
    if digest.is_quiet and not config.digest.send_empty:
        log.info("nothing new since %s: digest not sent (digest.send_empty is false)", digest.since.isoformat())
        return results
    formats = {delivery_format(d) for d in destinations.values()}
    cids, files = _chart_attachments(config, store, digest) if "html" in formats else ({}, [])
    bodies = {fmt: render(digest, fmt, chart_cids=cids) for fmt in formats}
    message = DigestMessage(subject=digest.subject, bodies=bodies, attachments=files, day=f"{now:%Y-%m-%d}")
    for key, target in destinations.items():
        fmt = delivery_format(target)
        digest_id = store.add_digest(period_start=digest.since, period_end=now, fmt=fmt, destination=key,
                                     subject=digest.subject, body=bodies[fmt])
        if fmt == "html" and files:
            store.save_digest_attachments(digest_id, files)
        if any(r["id"] == digest_id for r in store.pending_digests(key)):
            results.append(_deliver_row(store, digest_id, message, target, env, stdout, deliver))
    return [r for r in results if r is not None]


def _deliver_row(store: Store, digest_id: int, message: Any, target: Any, env: Any, stdout: Any, deliver: Any) -> Any:
    if not store.claim_digest(digest_id):
        return None  # another sender (the daemon, a cron line) has it, or it has gone out
    result = deliver(message, target, env=env, stdout=stdout)
    if result.ok:
        store.mark_delivered(digest_id)
    else:
        store.mark_failed(digest_id, result.error or "failed")
    return result
