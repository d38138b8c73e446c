"""`timex` and `extract`: look at one text without storing anything."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, NoReturn

import click

from .common import DATE, EXIT_USAGE, config_option, emit, load_config_or_exit, output_options

if TYPE_CHECKING:
    from ..models import Claim

MAX_INPUT = 20_000_000  # bytes read from a file or stdin


def _read_input(path: str) -> str:
    """The text of FILE (or stdin); a file that is missing or not text is a one-line message and exit 2."""
    from ..article import decode, looks_like_html, parse_article
    from ..errors import ExtractError

    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_INPUT)
        else:
            with open(path, "rb") as stream:
                data = stream.read(MAX_INPUT)
    except FileNotFoundError:
        _input_error(path, "file not found")
    except OSError as exc:
        _input_error(path, f"cannot read: {exc.strerror or exc}")
    try:
        text = decode(data)
        if looks_like_html(text):
            return parse_article(text, "file:///" + path).text
    except ExtractError as exc:
        _input_error(path, str(exc).removeprefix(f"file:///{path}: "))
    return text


def _input_error(path: str, message: str) -> NoReturn:
    click.echo(f"Error: {'stdin' if path == '-' else path}: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.command()
@click.argument("file", default="-", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--dct", required=True, type=DATE, help="Document creation (publication) date: the 'now' of the text.")
@output_options
def timex(file: str, dct: date, fmt: str) -> None:
    """Every date expression in FILE (or stdin) and the range it means.

    Reads no configuration and no database: it only looks at the text.
    """
    from ..extract.timex import find_timexes

    found = find_timexes(_read_input(file), dct)

    def table() -> str:
        lines = []
        for t in found:
            latest = t.range.latest.isoformat() if t.range.latest else "open"
            lines.append(f"{t.start:>6}-{t.end:<6} {t.range.earliest}..{latest:<10} {t.range.granularity:<12} "
                         f"{t.range.value:<14} {t.text!r}")
        return "\n".join(lines)

    emit([t.to_dict() for t in found], fmt, table)


@click.command()
@click.argument("file", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--published", required=True, type=DATE, help="The article's publication date.")
@click.option("--title", "title_names", multiple=True, metavar="NAME",
              help="Only this tracked title (repeatable); without a config, track NAME as given.")
@click.option("--headline", default="", help="The article's headline, if it is not the first line.")
@config_option
@output_options
def extract(file: str, published: date, title_names: tuple[str, ...], headline: str, config_path: str,
            fmt: str) -> None:
    """The dated claims in one article (a dry run: nothing is stored, so it needs no database)."""
    from ..extract.claims import extract_claims
    from ..models import Title

    config = load_config_or_exit(config_path, required=False)
    titles = list(config.titles)
    if title_names:
        known = {n.casefold(): t for t in titles for n in t.names}
        titles = [known.get(n.casefold()) or Title(name=n) for n in title_names]
    if not titles:
        raise click.UsageError("no titles: pass --title NAME or a --config with titles")
    claims = extract_claims(_read_input(file), titles, published, headline=headline)
    emit([c.to_dict() for c in claims], fmt, lambda: _claims_table(claims))


def _claims_table(claims: list[Claim]) -> str:
    if not claims:
        return "No claims found."
    lines = []
    for c in claims:
        latest = c.range.latest.isoformat() if c.range.latest else "open"
        cited = f", per {c.cited}" if c.cited else ""
        moved = f", moved from {c.previous.earliest}" if c.previous else ""
        lines.append(f"{c.title} | {c.event} | {c.range.earliest}..{latest} | {c.certainty}{cited}{moved}")
        lines.append(f"    {c.time_text!r} in: {' '.join(c.sentence.split())}")
    return "\n".join(lines)
