"""Options and helpers shared by every command, defined once."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from ..config import Config
    from ..store import Store

F = TypeVar("F", bound=Callable[..., Any])

# Exit codes cron can act on.
EXIT_OK = 0
EXIT_FAILED = 1  # the job ran and failed (e.g. every source failed)
EXIT_USAGE = 2  # bad options or a broken configuration
EXIT_LOCKED = 3  # another poll or daemon holds the database


class DateParam(click.ParamType):
    """A calendar date given as YYYY-MM-DD."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"{value!r} is not a date in the form YYYY-MM-DD", param, ctx)


DATE = DateParam()


def config_option(f: F) -> F:
    return click.option(
        "--config", "config_path", type=click.Path(dir_okay=False), envvar="RELEASEWATCH_CONFIG",
        default="sources.yaml", show_default=True, help="The sources.yaml to read.",
    )(f)


def db_option(f: F) -> F:
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False), envvar="RELEASEWATCH_DB", default=None,
        help="SQLite database [default: the config's `database`, else db/releasewatch.db].",
    )(f)


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")(f)


def format_option(*choices: str, default: str | None = None) -> Callable[[F], F]:
    def decorator(f: F) -> F:
        return click.option(
            "--format", "fmt", type=click.Choice(choices), default=default or choices[0], show_default=True,
            help="Output format.",
        )(f)

    return decorator


def verbosity_options(f: F) -> F:
    f = click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")(f)
    return click.option("-v", "--verbose", count=True, help="Progress on stderr (-vv for debug).")(f)


def setup_logging(verbose: int = 0, quiet: bool = False, log_file: str | None = None) -> None:
    """Logs go to stderr (or a rotating file), never to stdout."""
    # Quiet by default, as cron likes it: warnings (a failing source) always, progress with -v.
    level = logging.ERROR if quiet else {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    if log_file:
        from logging.handlers import RotatingFileHandler

        handler: logging.Handler = RotatingFileHandler(log_file, maxBytes=5_000_000, backupCount=5)
    else:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for noisy in ("urllib3", "apscheduler.executors", "matplotlib"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    for chatty in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):  # warn about their own internals
        logging.getLogger(chatty).setLevel(logging.ERROR)


def load_config_or_exit(config_path: str, *, required: bool = True) -> Config:
    """Load the config, turning a ConfigError into exit code 2 with the message."""
    from ..config import Config, load_config
    from ..errors import ConfigError

    if not required and not Path(config_path).exists():
        return Config()
    try:
        return load_config(config_path)
    except ConfigError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


def resolve_db_path(db_path: str | None, config: Config | None) -> str:
    if db_path:
        return db_path
    if config is not None and config.database:
        base = Path(config.path).parent if config.path else Path(".")
        db = Path(config.database)
        return str(db if db.is_absolute() else base / db)
    return "db/releasewatch.db"


def open_store(db_path: str | None, config: Config | None = None, *, read_only: bool = False) -> Store:
    """The database; a command that only reads never creates it: with no file it reads an empty one."""
    from ..errors import StoreError
    from ..store import Store

    path = resolve_db_path(db_path, config)
    if read_only and not Path(path).exists():
        click.echo(f"Note: no database at {path} yet (run `releasewatch poll` or `releasewatch ingest FILE`).",
                   err=True)
        path = ":memory:"
    try:
        return Store(path)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def resolve_title(config: Config, store: Store, title: str | None) -> str | None:
    """The tracked name for TITLE (a name or alias from the config, or a title with stored claims,
    in any case); an unknown title is exit code 2 with what is tracked, not an empty answer."""
    if title is None:
        return None
    from ..errors import ConfigError

    try:
        return config.title(title).name
    except ConfigError:
        pass
    stored = store.known_titles()
    for name in stored:
        if name.casefold() == title.casefold():
            return name
    known = sorted({t.name for t in config.titles} | set(stored))
    listing = f" Tracked: {', '.join(known[:20])}{', ...' if len(known) > 20 else ''}." if known else \
        " Nothing is tracked yet."
    click.echo(f"Error: {title!r} is not a tracked title (not in {config.path or 'the config'} and no stored "
               f"claims).{listing}", err=True)
    sys.exit(EXIT_USAGE)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def is_terminal() -> bool:
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"
