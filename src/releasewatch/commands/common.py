"""Options and helpers shared by every command, defined once."""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

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


_SPAN = re.compile(r"^(\d+)\s*([hdw])$")
_SPAN_UNITS = {"h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1)}


class WhenParam(click.ParamType):
    """A point in time, one syntax for every --since/--until: a span back from now (`24h`, `7d`,
    `2w`), a date (`2025-06-01`) or an ISO date and time. Gives an aware UTC datetime; a bare
    date means its start for --since and its end for --until."""

    name = "24h|7d|2w|DATE"

    def __init__(self, *, end_of_day: bool = False):
        self.end_of_day = end_of_day

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        text = str(value).strip()
        match = _SPAN.match(text)
        if match:
            return now_utc() - int(match.group(1)) * _SPAN_UNITS[match.group(2)]
        try:
            if len(text) == 10:
                day = date.fromisoformat(text)
                return datetime.combine(day, time.max.replace(microsecond=0) if self.end_of_day else time.min,
                                        timezone.utc)
            stamp = datetime.fromisoformat(text)
        except ValueError:
            self.fail(f"{value!r} is neither a span like 24h, 7d or 2w nor a date YYYY-MM-DD", param, ctx)
        return stamp.replace(tzinfo=timezone.utc) if stamp.tzinfo is None else stamp.astimezone(timezone.utc)


SINCE = WhenParam()
UNTIL = WhenParam(end_of_day=True)


def now_utc() -> datetime:
    """The clock, read at the command line's edge only (the library takes "now" as a parameter)."""
    return datetime.now(timezone.utc)


def since_option(help_text: str = "From this time: 24h, 7d, 2w back from now, or a date YYYY-MM-DD.") -> Callable[[F], F]:
    return click.option("--since", type=SINCE, help=help_text)


def until_option(help_text: str = "Up to this time: 24h, 7d, 2w back from now, or a date YYYY-MM-DD "
                                  "(inclusive).") -> Callable[[F], F]:
    return click.option("--until", type=UNTIL, help=help_text)


# One output option for every command that prints data (sqlite-utils' habit); --json is its shortcut.
OUTPUT_FORMATS = ("table", "json", "csv", "markdown", "jsonl")


def output_options(f: F) -> F:
    """`--format table|json|csv|markdown|jsonl` and `--json`; the command receives `fmt` only."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        as_json = kwargs.pop("as_json", False)
        if as_json:
            ctx = click.get_current_context()
            explicit = ctx.get_parameter_source("fmt") == click.core.ParameterSource.COMMANDLINE
            if explicit and kwargs["fmt"] != "json":
                raise click.UsageError(f"--json and --format {kwargs['fmt']} contradict each other")
            kwargs["fmt"] = "json"
        return f(*args, **kwargs)

    with_json = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts (--format json).")(wrapper)
    return cast(F, click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table",
                                show_default=True, help="Output format: table for people, the others for scripts "
                                                        "and spreadsheets.")(with_json))


def emit(rows: Sequence[dict[str, Any]], fmt: str, table: Callable[[], str] | None = None,
         columns: Sequence[str] | None = None) -> None:
    """Print rows in one of OUTPUT_FORMATS; `table` renders the people's form (else a plain grid)."""
    if fmt == "json":
        echo_json(list(rows))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
    elif fmt in ("csv", "markdown"):
        cols = list(columns or (rows[0].keys() if rows else []))
        click.echo((_csv(rows, cols) if fmt == "csv" else _markdown(rows, cols)).rstrip("\n"))
    else:
        text = table() if table is not None else _markdown(rows, list(columns or (rows[0].keys() if rows else [])))
        if text:
            click.echo(text.rstrip("\n"))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return " ".join(str(value).split())


def _csv(rows: Sequence[dict[str, Any]], cols: Sequence[str]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(cols)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in cols])
    return buffer.getvalue()


def _markdown(rows: Sequence[dict[str, Any]], cols: Sequence[str]) -> str:
    if not cols:
        return ""
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in rows:
        lines.append("| " + " | ".join(_cell(row.get(c)).replace("|", "\\|") for c in cols) + " |")
    return "\n".join(lines)


class TrackParam(click.ParamType):
    """A consensus track: an event, `home_release`, or a regional release such as `release (UK)`."""

    name = "TRACK"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from ..tracks import TRACKS, is_track

        text = " ".join(str(value).split())
        if is_track(text):
            return text
        self.fail(f"{value!r} is not a track; choose from {', '.join(TRACKS)} or 'release (COUNTRY)'", param, ctx)


TRACK = TrackParam()


def event_option(*, default: str | None = None, help_text: str = "Only this track.") -> Callable[[F], F]:
    from ..tracks import TRACKS

    return click.option("--event", type=TRACK, default=default, show_default=default is not None,
                        help=f"{help_text} One of {', '.join(TRACKS)}, or 'release (COUNTRY)'.")


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


def load_config_or_exit(config_path: str, *, required: bool = True, db_path: str | None = None) -> Config:
    """Load the config, turning a ConfigError into exit code 2 with the message.

    Without --config (or $RELEASEWATCH_CONFIG) and without ./sources.yaml, a sources.yaml beside
    the --db file is read: `releasewatch digest --db demo-out/demo.db` works from any folder.
    """
    from ..config import Config, load_config
    from ..errors import ConfigError

    config_path = config_beside_db(config_path, db_path)
    if not required and not Path(config_path).exists():
        return Config()
    try:
        return load_config(config_path)
    except ConfigError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


def config_beside_db(config_path: str, db_path: str | None) -> str:
    ctx = click.get_current_context(silent=True)
    given = ctx is not None and ctx.get_parameter_source("config_path") in (
        click.core.ParameterSource.COMMANDLINE, click.core.ParameterSource.ENVIRONMENT)
    if given or db_path is None or Path(config_path).exists():
        return config_path
    beside = Path(db_path).parent / "sources.yaml"
    return str(beside) if beside.exists() else config_path


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


def stdout_is_terminal() -> bool:
    """Whether people read stdout (a terminal), rather than a pipe, a file or a test runner."""
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"
