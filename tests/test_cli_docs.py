"""Every command has help text and is documented in the README (sqlite-utils' test_docs habit)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from releasewatch.cli import COMMANDS, cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_command_has_help_and_is_in_readme(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert re.search(rf"releasewatch {name}\b", README), f"`releasewatch {name}` is not in README.md"


def test_top_level_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


def test_readme_first_screen_has_both_commands() -> None:
    first_screen = "\n".join(README.splitlines()[:25])
    assert "make demo" in first_screen and "make test" in first_screen


# --- every option the README names exists -----------------------------------------------------------

_OPTION = re.compile(r"(?<![\w/.-])(--?[a-z][a-z-]*)")
_COMMAND = re.compile(r"releasewatch (\w[\w-]*)")


def _spans(text: str) -> list[str]:
    """Inline code spans and the lines of fenced blocks: where the README writes commands."""
    blocks = re.findall(r"^```\w*\n(.*?)^```", text, re.M | re.S)
    prose = re.sub(r"^```\w*\n.*?^```", "", text, flags=re.M | re.S)
    return [line for b in blocks for line in b.splitlines()] + re.findall(r"`([^`\n]+)`", prose)


def _options(name: str) -> set[str]:
    command = cli.get_command(None, name)  # type: ignore[arg-type]
    assert command is not None, name
    return {opt for p in command.params for opt in (*p.opts, *p.secondary_opts)} | {"--help", "-h"}


def _named_options() -> list[tuple[str | None, str]]:
    """(command, option) for each option in a span that names `releasewatch COMMAND`; (None, option)
    for a long option named elsewhere."""
    found: list[tuple[str | None, str]] = []
    for span in _spans(README):
        parts = _COMMAND.split(span)
        found += [(None, o) for o in _OPTION.findall(parts[0]) if o.startswith("--")]
        for name, tail in zip(parts[1::2], parts[2::2], strict=True):
            found += [(name if name in COMMANDS else None, o) for o in _OPTION.findall(tail.split("&&")[0])
                      if name in COMMANDS or o.startswith("--")]
    return sorted(set(found), key=str)


def test_the_readme_names_options() -> None:
    named = _named_options()
    assert ("claims", "--since") in named and ("digest", "--dry-run") in named and (None, "--format") in named


@pytest.mark.parametrize(("command", "option"), _named_options())
def test_every_option_in_the_readme_exists(command: str | None, option: str) -> None:
    if command is not None:
        assert option in _options(command), f"README names `releasewatch {command} {option}`, which does not exist"
    else:
        everywhere = set().union(*(_options(n) for n in COMMANDS)) | {"--version"}
        assert option in everywhere, f"README names {option}, which no command has"
