"""`releasewatch demo`: the whole pipeline on a bundled news site, offline."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import time
from pathlib import Path

import click

from .common import EXIT_FAILED, setup_logging, verbosity_options


@click.command()
@click.option("--out", "out_dir", default="demo-out", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the demo database, its sources.yaml, the saved pages, the chart and metadata.yml.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Where to write the demo's sources.yaml [default: OUT/sources.yaml].")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="The demo database [default: OUT/demo.db].")
@click.option("--step-days", default=7, show_default=True, type=click.IntRange(min=1),
              help="Days between simulated polls.")
@verbosity_options
def demo(out_dir: str, config_path: str | None, db_path: str | None, step_days: int, verbose: int,
         quiet: bool) -> None:
    """Replay Ballerina's news history (2021 to mid-2025) from a sample site served on 127.0.0.1.

    The site ships with releasewatch; a simulated clock makes its feeds show only what was
    published by then. Prints one line per consensus change, then the final digest, and writes
    the drift chart. Needs no network. Afterwards the other commands read the demo with
    `--config OUT/sources.yaml`, and Datasette opens OUT/demo.db with OUT/metadata.yml.
    """
    from ..replay import run_demo

    setup_logging(verbose, quiet=not verbose)
    started = time.monotonic()
    out = Path(out_dir)
    config = Path(config_path) if config_path else out / "sources.yaml"
    click.echo("Replaying weekly polls of the sample news site (2021 to mid-2025)...\n")
    click.echo("How the consensus moved:")
    result = run_demo(out, step_days=step_days, echo=click.echo, db_path=Path(db_path) if db_path else None,
                      config_path=config)
    click.echo("\nFinal digest:\n")
    click.echo(result.digest_text)
    took = time.monotonic() - started
    click.echo(f"{result.polls} polls in {took:.1f} s; database {result.db_path}")
    if result.chart_path:
        click.echo(f"Drift chart: {result.chart_path}")
    for line in next_steps(config, result.db_path, out):
        click.echo(line)
    if not result.changes:
        sys.exit(EXIT_FAILED)


def command_name() -> str:
    """How to call releasewatch from here, as this run was called: `releasewatch` when that is on
    PATH and is this program, else its path (`.venv/bin/releasewatch`)."""
    argv0 = sys.argv[0] if sys.argv else ""
    if Path(argv0).name in ("releasewatch", "releasewatch.exe"):  # the console script
        on_path = shutil.which("releasewatch")
        if on_path and Path(on_path).resolve() == Path(argv0).resolve():
            return "releasewatch"
        return shlex.quote(_relative(Path(argv0)))
    return f"{shlex.quote(_relative(Path(sys.executable)))} -m releasewatch"  # python -m releasewatch, or a test


def _relative(path: Path) -> str:
    """Relative to the current folder when inside it, else absolute. Symlinks stay: a virtual
    environment's python is a link whose target knows nothing of the environment."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, Path.cwd())
    except ValueError:  # another drive
        return absolute
    return absolute if relative.startswith("..") else relative


def next_steps(config: Path, db: Path, out: Path) -> list[str]:
    """Commands to explore the demo, each one runnable exactly as printed from the current folder."""
    rw = command_name()
    cfg = shlex.quote(_relative(config))
    db_arg = shlex.quote(_relative(db))
    meta = shlex.quote(_relative(out / "metadata.yml"))
    return [
        "",
        "Explore the demo (these run as printed, from this folder):",
        f"  {rw} consensus --config {cfg}",
        f"  {rw} history Ballerina --config {cfg}",
        f"  {rw} claims --config {cfg} --title Ballerina --event release",
        f"  {rw} digest --config {cfg} --since 2025-06-01",
        "Open it in Datasette (views current_consensus, claims_with_articles, source_health; full-text search):",
        f"  pip install datasette && datasette {db_arg} -m {meta}",
    ]
