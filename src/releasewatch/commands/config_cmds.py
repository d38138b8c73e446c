"""`releasewatch init` and `releasewatch check`."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .common import (
    EXIT_USAGE,
    config_option,
    db_option,
    echo_json,
    emit,
    load_config_or_exit,
    open_store,
    output_options,
    resolve_db_path,
)

if TYPE_CHECKING:
    from ..config import Config
    from ..errors import ConfigError


@click.command()
@config_option
@db_option
@click.option("--force", is_flag=True, help="Overwrite an existing config file.")
def init(config_path: str, db_path: str | None, force: bool) -> None:
    """Create a starter sources.yaml (if missing) and the database."""
    target = Path(config_path)
    if target.exists() and not force:
        click.echo(f"{target} exists; leaving it alone (use --force to overwrite).", err=True)
    else:
        starter = resources.files("releasewatch").joinpath("templates/sources.example.yaml").read_text("utf-8")
        target.write_text(starter, encoding="utf-8")
        click.echo(f"Wrote {target}: edit its titles and sources, then run `releasewatch check`.")
    config = load_config_or_exit(config_path)
    store = open_store(db_path, config)
    click.echo(f"Database ready: {resolve_db_path(db_path, config)} (schema version {store.schema_version})")


@click.command()
@config_option
@output_options
def check(config_path: str, fmt: str) -> None:
    """Validate sources.yaml and print what is configured.

    Exit code 0 when the file is valid, 2 (with the file, key and line of every problem) when not,
    including sources that poll would refuse (a loopback address not in fetch.allow_addresses).
    """
    from ..config import error_list, load_config
    from ..errors import ConfigError

    try:
        config = load_config(config_path)
    except ConfigError as exc:
        _report_problems(config_path, error_list(exc), fmt)
        sys.exit(EXIT_USAGE)
    problems = _readiness_problems(config)
    if problems:
        _report_problems(config.path, problems, fmt)
        sys.exit(EXIT_USAGE)
    if fmt in ("csv", "markdown", "jsonl"):  # one row per configured title and source
        emit([{"type": "title", "name": t.name, "kind": t.kind, "url": "", "every": ""} for t in config.titles]
             + [{"type": "source", "name": s.name, "kind": s.kind, "url": s.url, "every": s.every}
                for s in config.sources], fmt)
        return
    if fmt == "json":
        echo_json({
            "path": config.path, "valid": True, "errors": [],
            "database": config.database,
            "titles": [{"name": t.name, "aliases": list(t.aliases), "kind": t.kind,
                        "context": list(t.context), "common_word": t.common_word} for t in config.titles],
            "sources": [{"name": s.name, "url": s.url, "kind": s.kind, "reliability": s.reliability,
                         "every": s.every, "enabled": s.enabled} for s in config.sources],
            "digest": {"deliver": [d.type for d in config.digest.deliver],
                       "silent_after_days": config.digest.silent_after_days},
            "schedule": {"timezone": config.schedule.timezone, "digest_at": config.schedule.digest_at},
        })
        return
    click.echo(f"{config.path}: OK")
    click.echo(f"\nTitles ({len(config.titles)}):")
    for t in config.titles:
        extra = f"  needs context: {', '.join(t.context)}" if t.common_word else ""
        aliases = f" (aka {'; '.join(t.aliases)})" if t.aliases else ""
        click.echo(f"  {t.name} [{t.kind}]{aliases}{extra}")
    click.echo(f"\nSources ({len(config.sources)}):")
    for s in config.sources:
        state = "" if s.enabled else "  (disabled)"
        click.echo(f"  {s.name:<28} {s.kind:<8} every {s.every:<6} reliability {s.reliability:.1f}  {s.url}{state}")
    deliver = ", ".join(d.type for d in config.digest.deliver) or "nothing"
    click.echo(f"\nDigest: daily at {config.schedule.digest_at} {config.schedule.timezone}, delivered to {deliver}")
    click.echo(f"Database: {config.database}")


def _readiness_problems(config: Config) -> list[ConfigError]:
    """What makes a valid file useless or a source certain to be refused by poll."""
    from ..errors import ConfigError
    from ..fetch import refusal_without_lookup

    problems = []
    if not config.titles:
        problems.append(ConfigError("no titles configured: nothing to track (see `releasewatch init`)",
                                    path=config.path, key="titles", line=config.lines.get(("titles",))))
    if not config.sources:
        problems.append(ConfigError("no sources configured: nothing to poll (see `releasewatch init`)",
                                    path=config.path, key="sources", line=config.lines.get(("sources",))))
    for i, source in enumerate(config.sources):
        why = refusal_without_lookup(source.url, config.fetch.allow_addresses) if source.enabled else None
        if why:
            problems.append(ConfigError(f"poll will refuse this URL: {why}", path=config.path,
                                        key=f"sources[{i}].url", line=config.lines.get(("sources", i, "url"))))
    return problems


def _report_problems(path: str, problems: list[ConfigError], fmt: str) -> None:
    from ..config import error_fields

    if fmt == "json":
        echo_json({"path": path, "valid": False, "errors": [error_fields(p) for p in problems]})
        return
    if fmt in ("csv", "markdown", "jsonl"):
        emit([{"path": path, **error_fields(p)} for p in problems], fmt)
        return
    for problem in problems:
        click.echo(f"Error: {problem}", err=True)
    if len(problems) > 1:
        click.echo(f"{len(problems)} problems in {path}", err=True)
