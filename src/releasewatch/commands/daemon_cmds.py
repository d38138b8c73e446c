"""`releasewatch daemon`: poll and send digests on the schedule in sources.yaml."""

from __future__ import annotations

import logging
import sys

import click

from .common import (
    EXIT_LOCKED,
    EXIT_USAGE,
    config_option,
    db_option,
    load_config_or_exit,
    resolve_db_path,
    setup_logging,
    verbosity_options,
)


@click.command()
@config_option
@db_option
@click.option("--log-file", type=click.Path(dir_okay=False), help="Log to this file (rotated) instead of stderr.")
@verbosity_options
def daemon(config_path: str, db_path: str | None, log_file: str | None, verbose: int, quiet: bool) -> None:
    """Run unattended: each source polled on its `every`, the digest at schedule.digest_at.

    One daemon per database (a second one, or a concurrent poll, exits with code 3).
    SIGTERM/SIGINT stop it cleanly (exit 0); SIGHUP reloads sources.yaml.
    """
    from ..daemon import Daemon
    from ..errors import ConfigError, LockedError

    setup_logging(verbose, quiet, log_file)
    if not quiet:  # the start line (sources, next poll, next digest) shows at the default level
        logging.getLogger("releasewatch.startup").setLevel(logging.INFO)
    config = load_config_or_exit(config_path, db_path=db_path)
    try:
        code = Daemon(config_path, resolve_db_path(db_path, config)).run()
    except LockedError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    except ConfigError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(code)
