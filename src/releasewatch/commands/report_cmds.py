"""`consensus`, `claims`, `history`, `digest`, `chart`, `ics`: what users read."""

from __future__ import annotations

import re
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import click

from ..models import CERTAINTIES, EVENTS
from .common import (
    DATE,
    EXIT_FAILED,
    config_option,
    db_option,
    echo_json,
    format_option,
    json_option,
    load_config_or_exit,
    open_store,
    resolve_title,
    setup_logging,
    verbosity_options,
)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), timezone.utc)


@click.command()
@click.argument("title", required=False)
@config_option
@db_option
@click.option("--as-of", type=DATE, help="The consensus as it stood on this date [default: today].")
@json_option
def consensus(title: str | None, config_path: str, db_path: str | None, as_of: date | None, as_json: bool) -> None:
    """What the dates most likely are now, per title and event.

    One line per title, e.g.
    `Ballerina: filming from Nov 13, 2022 (reported, 1 source) · release late 2023 / early 2024 (speculative, 1 source)`
    """
    from ..consensus import compute_consensus, summary_line

    config = load_config_or_exit(config_path, required=False)
    store = open_store(db_path, config, read_only=True)
    name = resolve_title(config, store, title)
    day = as_of or _now().date()
    result = compute_consensus(store.claims(title=name, until=day, with_text=False, ordered=False), day,
                               reliability=config.reliability())
    if as_json:
        echo_json([c.to_dict() for c in result])
        return
    titles = [name] if name else sorted({c.title for c in result})
    if not titles or not result:
        click.echo(f"No claims{f' about {name}' if name else ''} published by {day}.")
        return
    for t in titles:
        click.echo(summary_line(t, [c for c in result if c.title == t]))


@click.command()
@config_option
@db_option
@click.option("--title", help="Only this title.")
@click.option("--event", type=click.Choice(EVENTS), help="Only this event.")
@click.option("--certainty", type=click.Choice(CERTAINTIES), help="Only this certainty.")
@click.option("--source", help="Only claims from this source.")
@click.option("--since", type=DATE, help="Published on or after this date.")
@click.option("--until", type=DATE, help="Published on or before this date.")
@click.option("--all-versions", is_flag=True, help="Include claims from superseded article versions.")
@click.option("--limit", type=int, help="At most this many claims.")
@format_option("table", "csv", "json", "markdown")
def claims(config_path: str, db_path: str | None, title: str | None, event: str | None, certainty: str | None,
           source: str | None, since: date | None, until: date | None, all_versions: bool, limit: int | None,
           fmt: str) -> None:
    """The claim history, newest first, with provenance."""
    from ..report.history import render_claims

    config = load_config_or_exit(config_path, required=False)
    store = open_store(db_path, config, read_only=True)
    rows = store.claims(title=resolve_title(config, store, title), event=event, certainty=certainty, source=source,
                        since=since, until=until, current_only=not all_versions, limit=limit)
    click.echo(render_claims(rows, fmt).rstrip("\n"))


@click.command()
@click.argument("title")
@config_option
@db_option
@json_option
def history(title: str, config_path: str, db_path: str | None, as_json: bool) -> None:
    """The timeline of consensus changes for TITLE, with the claim that caused each."""
    config = load_config_or_exit(config_path, required=False)
    store = open_store(db_path, config, read_only=True)
    rows = store.consensus_history(resolve_title(config, store, title) or title)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo(f"No consensus recorded for {title} yet.")
        return
    for row in rows:
        when = str(row.get("as_of") or row.get("computed_at", ""))[:10]
        click.echo(f"{when}  {row.get('summary') or row.get('label')}")
        if row.get("sentence"):
            click.echo(f"            \"{' '.join(str(row['sentence']).split())}\" ({row.get('source') or ''})")


_SINCE = re.compile(r"^(\d+)\s*([hd])$")


def parse_since(text: str | None, now: datetime) -> datetime | None:
    """"24h", "7d" or a YYYY-MM-DD date; None means since the last delivered digest."""
    if not text:
        return None
    match = _SINCE.match(text.strip())
    if match:
        amount = int(match.group(1))
        return now - (timedelta(hours=amount) if match.group(2) == "h" else timedelta(days=amount))
    try:
        return datetime.combine(date.fromisoformat(text.strip()), time.min, timezone.utc)
    except ValueError:
        raise click.BadParameter(f"{text!r} is neither a span like 24h / 7d nor a date YYYY-MM-DD",
                                 param_hint="--since") from None


@click.command()
@config_option
@db_option
@click.option("--since", "since_text", metavar="24h|7d|DATE",
              help="Period start [default: the end of the last delivered digest, else 24h].")
@format_option("text", "markdown", "html", "json")
@click.option("--out", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.option("--send", is_flag=True, help="Deliver to the destinations in sources.yaml (digest.deliver); "
                                           "undelivered digests are retried.")
@verbosity_options
def digest(config_path: str, db_path: str | None, since_text: str | None, fmt: str, out: str | None, send: bool,
           verbose: int, quiet: bool) -> None:
    """The digest: current dates per title, what changed, new claims, and failing or silent sources.

    Exit code 1 when --send could not deliver to some destination (it stays pending and goes out
    with the next attempt).
    """
    from ..report.digest import build_digest, render, send_digest

    setup_logging(verbose, quiet)
    config = load_config_or_exit(config_path)
    store = open_store(db_path, config, read_only=not send)
    now = _now()
    since = parse_since(since_text, now)
    if send:
        results = send_digest(config, store, now=now, since=since)
        for r in results:
            click.echo(f"{'delivered' if r.ok else 'FAILED'}: {r.destination}" + (f" ({r.error})" if r.error else ""),
                       err=True)
        if any(not r.ok for r in results):
            sys.exit(EXIT_FAILED)
        return
    text = render(build_digest(config, store, now=now, since=since), fmt)
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"Wrote {out}", err=True)
    else:
        click.echo(text, nl=False)


@click.command()
@click.argument("title")
@config_option
@db_option
@click.option("--event", type=click.Choice((*EVENTS, "home_release")), default="release", show_default=True)
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False), help="FILE.png or FILE.svg")
@click.option("--as-of", type=DATE, help="Draw the claims published by this date [default: today].")
def chart(title: str, config_path: str, db_path: str | None, event: str, out: str, as_of: date | None) -> None:
    """The drift chart: every claim's date against when it was published, with the consensus."""
    from ..report.drift import chart_for_title

    if not out.lower().endswith((".png", ".svg")):
        raise click.BadParameter("the file must end in .png or .svg", param_hint="--out")
    config = load_config_or_exit(config_path, required=False)
    store = open_store(db_path, config, read_only=True)
    name = resolve_title(config, store, title) or title
    path = chart_for_title(store, name, event, Path(out), as_of=as_of or _now().date(),
                           reliability=config.reliability())
    if path is None:
        click.echo(f"No {event} claims about {name} yet: nothing to draw.", err=True)
        sys.exit(EXIT_FAILED)
    click.echo(f"Wrote {path}")


@click.command()
@config_option
@db_option
@click.option("-o", "--out", default="releases.ics", show_default=True, type=click.Path(dir_okay=False))
def ics(config_path: str, db_path: str | None, out: str) -> None:
    """Write an iCalendar file of the current consensus dates (updated in place; subscribe to it)."""
    from ..consensus import compute_consensus
    from ..report.ics import write_ics

    config = load_config_or_exit(config_path, required=False)
    store = open_store(db_path, config, read_only=True)
    now = _now()
    current = compute_consensus(store.claims(), now.date(), reliability=config.reliability())
    write_ics(current, Path(out), now=now)
    click.echo(f"Wrote {out} ({len(current)} events)")
