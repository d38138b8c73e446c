"""`releasewatch demo`: the whole pipeline on a bundled news site, offline."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from .common import EXIT_FAILED, setup_logging, verbosity_options


@click.command()
@click.option("--out", "out_dir", default="demo-out", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the demo database, digest and chart.")
@click.option("--step-days", default=7, show_default=True, help="Days between simulated polls.")
@verbosity_options
def demo(out_dir: str, step_days: int, verbose: int, quiet: bool) -> None:
    """Replay Ballerina's news history (2021 to mid-2025) from a sample site served on 127.0.0.1.

    The site ships with releasewatch; a simulated clock makes its feeds show only what was
    published by then. Prints one line per consensus change, then the final digest, and writes
    the drift chart. Needs no network.
    """
    from ..replay import run_demo

    setup_logging(verbose, quiet=not verbose)
    started = time.monotonic()
    click.echo("Replaying weekly polls of the sample news site (2021 to mid-2025)...\n")
    click.echo("How the consensus moved:")
    result = run_demo(Path(out_dir), step_days=step_days, echo=click.echo)
    click.echo("\nFinal digest:\n")
    click.echo(result.digest_text)
    took = time.monotonic() - started
    click.echo(f"{result.polls} polls in {took:.1f} s; database {result.db_path}")
    if result.chart_path:
        click.echo(f"Drift chart: {result.chart_path}")
    click.echo("Explore: releasewatch claims --db " + str(result.db_path) + " --title Ballerina")
    if not result.changes:
        sys.exit(EXIT_FAILED)
