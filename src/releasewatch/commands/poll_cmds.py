"""`poll`, `ingest`, `sources` and `reextract`: getting articles in."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .common import (
    DATE,
    EXIT_FAILED,
    EXIT_LOCKED,
    EXIT_USAGE,
    config_option,
    db_option,
    echo_json,
    emit,
    is_terminal,
    load_config_or_exit,
    open_store,
    output_options,
    resolve_db_path,
    setup_logging,
    since_option,
    verbosity_options,
)

if TYPE_CHECKING:
    from ..poll import RunSummary


def _progress_bar() -> Any:
    """A one-line progress display on a terminal; None (silent) otherwise."""
    if not is_terminal():
        return None

    def show(what: str, done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        click.echo(f"\r{what}: {done}/{total}", nl=False, err=True)
        if end:
            click.echo("", err=True)

    return show


def _print_summary(summary: RunSummary) -> None:
    header = f"{'source':<28} {'status':>6} {'new':>4} {'chg':>4} {'claims':>6}  note"
    click.echo(header)
    for s in summary.sources:
        status = "304" if s.not_modified else (str(s.status) if s.status else "-")
        note = s.error or ("not modified" if s.not_modified else f"{s.items} items")
        click.echo(f"{s.name[:28]:<28} {status:>6} {s.articles_new:>4} {s.articles_changed:>4} "
                   f"{s.claims_new:>6}  {note}")
    ok = sum(1 for s in summary.sources if s.ok)
    click.echo(f"{ok}/{len(summary.sources)} sources ok, {summary.total('articles_new')} new articles, "
               f"{summary.total('claims_new')} new claims" + (" (interrupted)" if summary.interrupted else ""))


def _show_summary(summary: RunSummary, fmt: str) -> None:
    """The run as a table for people, the whole summary as JSON, one row per source otherwise."""
    if fmt == "json":
        echo_json(summary.to_dict())
    elif fmt == "table":
        _print_summary(summary)
    else:
        emit(summary.to_dict()["sources"], fmt)


def _locked(db_path: str, wait: float, kind: str) -> Any:
    from ..errors import LockedError
    from ..lock import DbLock

    try:
        return DbLock(db_path, kind=kind, wait=wait).__enter__()
    except LockedError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)


@click.command()
@config_option
@db_option
@click.option("--source", "source_names", multiple=True, metavar="NAME", help="Only this source (repeatable).")
@click.option("--dry-run", is_flag=True, help="Fetch and extract, but store nothing.")
@click.option("--wait", type=float, default=0, show_default=True,
              help="Seconds to wait for a running poll or daemon to release the database.")
@output_options
@verbosity_options
def poll(config_path: str, db_path: str | None, source_names: tuple[str, ...], dry_run: bool, wait: float,
         fmt: str, verbose: int, quiet: bool) -> None:
    """Fetch every configured source once and store new claims.

    Exit codes: 0 the run completed (some sources may have failed, as the summary says);
    1 every source failed; 2 configuration error; 3 another poll or the daemon holds the database.
    """
    from ..errors import ConfigError
    from ..poll import run_poll

    setup_logging(verbose, quiet)
    config = load_config_or_exit(config_path, db_path=db_path)
    path = resolve_db_path(db_path, config)
    lock = _locked(path, wait, "poll")
    try:
        store = open_store(path, config)
        try:
            summary = run_poll(config, store, sources=list(source_names) or None, dry_run=dry_run,
                               progress=_progress_bar())
        except ConfigError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(EXIT_USAGE)
    finally:
        lock.__exit__(None, None, None)
    _show_summary(summary, fmt)
    if summary.all_failed:
        sys.exit(EXIT_FAILED)


@click.command()
@click.argument("targets", nargs=-1, required=True, metavar="FILE|URL...")
@config_option
@db_option
@click.option("--published", type=DATE, help="Publication date, when the page does not say.")
@click.option("--source", "source_name", help="Record the articles under this source name.")
@output_options
@verbosity_options
def ingest(targets: tuple[str, ...], config_path: str, db_path: str | None, published: date | None,
           source_name: str | None, fmt: str, verbose: int, quiet: bool) -> None:
    """Backfill from saved HTML or text files, or single URLs (same path as poll)."""
    from ..poll import ingest as run_ingest

    setup_logging(verbose, quiet)
    config = load_config_or_exit(config_path, db_path=db_path)
    for target in targets:  # a missing file is bad input: said before any run starts
        if not target.startswith(("http://", "https://")) and not Path(target).is_file():
            click.echo(f"Error: {target}: file not found", err=True)
            sys.exit(EXIT_USAGE)
    path = resolve_db_path(db_path, config)
    lock = _locked(path, 0, "ingest")
    try:
        summary = run_ingest(config, open_store(path, config), list(targets), published=published,
                             source=source_name)
    finally:
        lock.__exit__(None, None, None)
    _show_summary(summary, fmt)
    for problem in summary.problems:
        click.echo(f"Error: {problem}", err=True)
    if summary.all_failed or summary.total("articles_failed") == len(targets):
        sys.exit(EXIT_FAILED)


@click.command()
@config_option
@db_option
@output_options
def sources(config_path: str, db_path: str | None, fmt: str) -> None:
    """The health of every source: last success, last error, failures in a row, articles and claims."""
    config = load_config_or_exit(config_path, required=False, db_path=db_path)
    rows = open_store(db_path, config, read_only=True).source_health()
    configured = {s.name for s in config.sources}
    for row in rows:
        row["configured"] = row["name"] in configured
    emit(rows, fmt, lambda: _sources_table(rows))


def _sources_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "No sources polled yet: run `releasewatch poll`."
    lines = [f"{'source':<28} {'last success':<20} {'fails':>5} {'articles':>8} {'claims':>6}  last error"]
    for r in rows:
        last_ok = (r.get("last_success") or "never")[:19]
        err = r.get("last_error") or ""
        lines.append(f"{r['name'][:28]:<28} {last_ok:<20} {r.get('consecutive_failures') or 0:>5} "
                     f"{r.get('articles') or 0:>8} {r.get('claims') or 0:>6}  {err[:60]}")
    return "\n".join(lines)


@click.command()
@config_option
@db_option
@since_option("Only articles published on or after this time: 24h, 7d, 2w back from now, or a date YYYY-MM-DD.")
@output_options
@verbosity_options
def reextract(config_path: str, db_path: str | None, since: datetime | None, fmt: str, verbose: int,
              quiet: bool) -> None:
    """Re-run the current extractor over stored articles, recording claims under its version."""
    from ..reextract import reextract_articles

    setup_logging(verbose, quiet)
    config = load_config_or_exit(config_path, db_path=db_path)
    path = resolve_db_path(db_path, config)
    lock = _locked(path, 0, "reextract")
    try:
        counts = reextract_articles(config, open_store(path, config), since=since.date() if since else None)
    finally:
        lock.__exit__(None, None, None)
    if fmt == "json":
        echo_json(counts)
        return
    emit([counts], fmt, lambda: f"{counts['articles']} articles re-read, {counts['claims_new']} new claims "
                                f"(extractor {counts['extractor_version']}).")
