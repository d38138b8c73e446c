"""The `releasewatch` command: a thin layer over the library.

Commands live in `releasewatch.commands.*` and are imported only when used, so
`releasewatch --help` stays fast (no pandas, matplotlib or trafilatura at start-up).
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from . import __version__

# name -> "module:attribute", in the order --help lists them
COMMANDS: dict[str, str] = {
    "init": "releasewatch.commands.config_cmds:init",
    "check": "releasewatch.commands.config_cmds:check",
    "poll": "releasewatch.commands.poll_cmds:poll",
    "ingest": "releasewatch.commands.poll_cmds:ingest",
    "sources": "releasewatch.commands.poll_cmds:sources",
    "reextract": "releasewatch.commands.poll_cmds:reextract",
    "daemon": "releasewatch.commands.daemon_cmds:daemon",
    "timex": "releasewatch.commands.extract_cmds:timex",
    "extract": "releasewatch.commands.extract_cmds:extract",
    "consensus": "releasewatch.commands.report_cmds:consensus",
    "claims": "releasewatch.commands.report_cmds:claims",
    "history": "releasewatch.commands.report_cmds:history",
    "digest": "releasewatch.commands.report_cmds:digest",
    "chart": "releasewatch.commands.report_cmds:chart",
    "ics": "releasewatch.commands.report_cmds:ics",
    "notify-test": "releasewatch.commands.notify_cmds:notify_test",
    "demo": "releasewatch.commands.demo_cmds:demo",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._load(name) is not None]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:  # not built yet
                return None
            raise
        command = getattr(module, attr, None)
        return command if isinstance(command, click.Command) else None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="releasewatch")
def cli(**_: Any) -> None:
    """Track release-date speculation: pull dated claims out of the news, keep the
    evidence, and say what the dates most likely are now.

    \b
    Quick start:
      releasewatch demo              offline demo on a bundled news site
      releasewatch check             validate sources.yaml
      releasewatch poll              fetch every source once (for cron)
      releasewatch consensus         what the dates most likely are now
      releasewatch digest --send     the daily digest
    """


if __name__ == "__main__":
    cli()
