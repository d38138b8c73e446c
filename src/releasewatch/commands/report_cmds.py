"""`consensus`, `claims`, `history`, `digest`, `chart`, `ics`: what users read."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..models import CERTAINTIES
from .common import (
    DATE,
    EXIT_FAILED,
    config_option,
    db_option,
    emit,
    event_option,
    json_option,
    load_config_or_exit,
    now_utc,
    open_store,
    output_options,
    resolve_title,
    setup_logging,
    since_option,
    stdout_is_terminal,
    until_option,
    verbosity_options,
)

if TYPE_CHECKING:
    from ..config import Config
    from ..models import Consensus
    from ..store import Store

CONSENSUS_COLUMNS = ("title", "event", "label", "certainty", "earliest", "latest", "claims", "sources", "since", "as_of")
HISTORY_COLUMNS = ("as_of", "computed_at", "event", "change_kind", "summary", "label", "certainty", "sources",
                   "sentence", "source", "url")


def _titles(config: Config, store: Store, names: tuple[str, ...]) -> list[str]:
    return [n for n in (resolve_title(config, store, t) for t in names) if n]


@click.command()
@click.argument("title", required=False)
@config_option
@db_option
@click.option("--as-of", type=DATE, help="The consensus as it stood on this date [default: today].")
@event_option()
@output_options
def consensus(title: str | None, config_path: str, db_path: str | None, as_of: date | None, event: str | None,
              fmt: str) -> None:
    """What the dates most likely are now, per title and event.

    One line per title, e.g.
    `Ballerina: filming from Nov 13, 2022 (reported, 1 source) · release late 2023 / early 2024 (speculative, 1 source)`;
    on a terminal each event gets a line of its own.
    """
    from ..report.current import consensus_dict, current_consensus

    config = load_config_or_exit(config_path, required=False, db_path=db_path)
    store = open_store(db_path, config, read_only=True)
    name = resolve_title(config, store, title)
    day = as_of or now_utc().date()
    # Through the cache of decisions: only titles whose claims changed since the last report are computed.
    result, _ = current_consensus(store, day, reliability=config.reliability(), titles=[name] if name else None)
    if event:
        result = [c for c in result if c.event == event]
    emit([consensus_dict(c) for c in result], fmt, lambda: _consensus_table(result, name, day), CONSENSUS_COLUMNS)


def _consensus_table(result: list[Consensus], name: str | None, day: date) -> str:
    from ..consensus import summary_line

    if not result:
        return f"No claims{f' about {name}' if name else ''} published by {day}."
    titles = sorted({c.title for c in result})
    lines = []
    for t in titles:
        line = summary_line(t, [c for c in result if c.title == t])
        if stdout_is_terminal():  # people: one event a line, under the title
            events = line.removeprefix(f"{t}: ").split(" · ")
            lines.append(f"{t}: {events[0]}")
            lines.extend(" " * (len(t) + 2) + e for e in events[1:])
        else:
            lines.append(line)
    return "\n".join(lines)


@click.command()
@config_option
@db_option
@click.option("--title", help="Only this title.")
@event_option(help_text="Only this track (a home release is `home_release`, not `release`).")
@click.option("--certainty", type=click.Choice(CERTAINTIES), help="Only this certainty.")
@click.option("--source", help="Only claims from this source.")
@since_option("Published on or after this time: 24h, 7d, 2w back from now, or a date YYYY-MM-DD.")
@until_option("Published on or before this time: 24h, 7d, 2w back from now, or a date YYYY-MM-DD.")
@click.option("--all-versions", is_flag=True, help="Include claims from superseded article versions.")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many claims.")
@output_options
def claims(config_path: str, db_path: str | None, title: str | None, event: str | None, certainty: str | None,
           source: str | None, since: datetime | None, until: datetime | None, all_versions: bool, limit: int | None,
           fmt: str) -> None:
    """The claim history, newest first, with provenance (100 columns wide, sentences wrapped)."""
    from ..report.history import render_claims

    config = load_config_or_exit(config_path, required=False, db_path=db_path)
    store = open_store(db_path, config, read_only=True)
    rows = store.claims(title=resolve_title(config, store, title), track=event, certainty=certainty, source=source,
                        since=since.date() if since else None, until=until.date() if until else None,
                        current_only=not all_versions, limit=limit)
    text = render_claims(rows, fmt).rstrip("\n")
    if text:
        click.echo(text)


@click.command()
@click.argument("title")
@config_option
@db_option
@click.option("--as-of", type=DATE, help="Only the changes made by this date.")
@event_option()
@output_options
def history(title: str, config_path: str, db_path: str | None, as_of: date | None, event: str | None,
            fmt: str) -> None:
    """The timeline of consensus changes for TITLE, with the claim that caused each."""
    config = load_config_or_exit(config_path, required=False, db_path=db_path)
    store = open_store(db_path, config, read_only=True)
    rows = store.consensus_history(resolve_title(config, store, title) or title, event=event, as_of=as_of)
    emit(rows, fmt, lambda: _history_table(rows, title), HISTORY_COLUMNS)


def _history_table(rows: list[dict[str, Any]], title: str) -> str:
    if not rows:
        return f"No consensus recorded for {title} yet."
    lines = []
    for row in rows:
        when = str(row.get("as_of") or row.get("computed_at", ""))[:10]
        lines.append(f"{when}  {row.get('summary') or row.get('label')}")
        if row.get("sentence"):
            lines.append(f"            \"{' '.join(str(row['sentence']).split())}\" ({row.get('source') or ''})")
    return "\n".join(lines)


@click.command()
@config_option
@db_option
@since_option("Period start: 24h, 7d, 2w back from now, or a date YYYY-MM-DD [default: the end of the last "
              "delivered digest, else 24h].")
@click.option("--title", "title_names", multiple=True, metavar="NAME", help="Only this title (repeatable).")
@click.option("--format", "fmt", type=click.Choice(("text", "markdown", "html", "json")), default="text",
              show_default=True, help="Output format.")
@json_option
@click.option("--out", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.option("--send", is_flag=True, help="Deliver to the destinations in sources.yaml (digest.deliver); "
                                           "undelivered digests are retried.")
@click.option("--dry-run", is_flag=True, help="With --send: show what would go where, send and record nothing.")
@verbosity_options
def digest(config_path: str, db_path: str | None, since: datetime | None, title_names: tuple[str, ...], fmt: str,
           as_json: bool, out: str | None, send: bool, dry_run: bool, verbose: int, quiet: bool) -> None:
    """The digest: current dates per title, what changed, new claims, and failing or silent sources.

    With --send, a digest with nothing new is not sent unless digest.send_empty is true. Exit code 1
    when --send could not deliver to some destination (it stays pending and goes out with the next
    attempt).
    """
    from ..report.digest import build_digest, plan_digest, render, send_digest

    setup_logging(verbose, quiet)
    if dry_run and not send:
        raise click.UsageError("--dry-run goes with --send (without --send nothing is sent anyway)")
    config = load_config_or_exit(config_path, db_path=db_path)
    store = open_store(db_path, config, read_only=not send or dry_run)
    titles = _titles(config, store, title_names) or None
    now = now_utc()
    if send and dry_run:
        for line in plan_digest(config, store, now=now, since=since, titles=titles):
            click.echo(line)
        return
    if send:
        results = send_digest(config, store, now=now, since=since, titles=titles)
        if not results:
            click.echo("Nothing new since the last digest: not sent (digest.send_empty is false).", err=True)
        for r in results:
            click.echo(f"{'delivered' if r.ok else 'FAILED'}: {r.destination}" + (f" ({r.error})" if r.error else ""),
                       err=True)
        if any(not r.ok for r in results):
            sys.exit(EXIT_FAILED)
        return
    text = render(build_digest(config, store, now=now, since=since, titles=titles), "json" if as_json else fmt)
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"Wrote {out}", err=True)
    else:
        click.echo(text, nl=False)


@click.command()
@click.argument("title")
@config_option
@db_option
@event_option(default="release", help_text="The track to draw.")
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False), help="FILE.png or FILE.svg")
@click.option("--as-of", type=DATE, help="Draw the claims published by this date [default: today].")
def chart(title: str, config_path: str, db_path: str | None, event: str, out: str, as_of: date | None) -> None:
    """The drift chart: every claim's date against when it was published, with the consensus."""
    from ..report.drift import chart_for_title
    from ..tracks import track_noun

    if not out.lower().endswith((".png", ".svg")):
        raise click.BadParameter("the file must end in .png or .svg", param_hint="--out")
    config = load_config_or_exit(config_path, required=False, db_path=db_path)
    store = open_store(db_path, config, read_only=True)
    name = resolve_title(config, store, title) or title
    path = chart_for_title(store, name, event, Path(out), as_of=as_of or now_utc().date(),
                           reliability=config.reliability())
    if path is None:
        click.echo(f"No {track_noun(event)} claims about {name} yet: nothing to draw.", err=True)
        sys.exit(EXIT_FAILED)
    click.echo(f"Wrote {path}")


@click.command()
@config_option
@db_option
@click.option("--title", "title_names", multiple=True, metavar="NAME", help="Only this title (repeatable).")
@click.option("-o", "--out", default="releases.ics", show_default=True, type=click.Path(dir_okay=False))
def ics(config_path: str, db_path: str | None, title_names: tuple[str, ...], out: str) -> None:
    """Write an iCalendar file of the current consensus dates (updated in place; subscribe to it)."""
    from ..consensus import compute_consensus
    from ..report.ics import write_ics

    config = load_config_or_exit(config_path, required=False, db_path=db_path)
    store = open_store(db_path, config, read_only=True)
    titles = _titles(config, store, title_names)
    now = now_utc()
    found = [store.claims(title=t, with_text=True) for t in titles] if titles else [store.claims()]
    current = compute_consensus([c for group in found for c in group], now.date(), reliability=config.reliability())
    write_ics(current, Path(out), now=now)
    click.echo(f"Wrote {out} ({len(current)} events)")
