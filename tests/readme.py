"""Reading the README's code blocks, for the tests that run or check what it tells users."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

README_PATH = Path(__file__).resolve().parents[1] / "README.md"
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)


def readme() -> str:
    return README_PATH.read_text(encoding="utf-8")


def section(heading: str, text: str | None = None) -> str:
    """The text under a `## heading`, up to the next heading of that level."""
    text = readme() if text is None else text
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    if match is None:
        raise LookupError(f"README has no section '## {heading}'")
    return match.group(1)


def code_blocks(text: str) -> list[tuple[str, str]]:
    """(language, body) of every fenced block."""
    return [(m.group(1), m.group(2)) for m in _FENCE.finditer(text)]


@dataclass(frozen=True)
class Step:
    command: str
    output: str  # what the README shows after the command ("" when it shows nothing)


def console_steps(body: str) -> list[Step]:
    """`$ command` lines of a console block, each with the lines shown after it."""
    steps: list[Step] = []
    command, output = None, []
    for line in body.splitlines():
        if line.startswith("$ "):
            if command is not None:
                steps.append(Step(command, "\n".join(output)))
            command, output = line[2:], []
        elif command is not None:
            output.append(line)
    if command is not None:
        steps.append(Step(command, "\n".join(output)))
    return steps


def shell_commands(body: str) -> list[str]:
    """The commands of a bash block, without their trailing `# comments`."""
    out = []
    for line in body.splitlines():
        line = re.sub(r"\s+#.*$", "", line).strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out
