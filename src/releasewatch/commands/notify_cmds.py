"""`releasewatch notify-test`: send a short test message to each delivery target, to check it."""

from __future__ import annotations

import json
import sys

import click

from .common import (
    EXIT_FAILED,
    EXIT_USAGE,
    config_option,
    load_config_or_exit,
    now_utc,
    setup_logging,
    verbosity_options,
)


def test_message(when: str) -> dict[str, str]:
    """The test message's bodies, one per digest format."""
    text = (f"releasewatch test message, sent {when}.\n\nIf you read this, digests reach this destination. "
            "Nothing else was sent and nothing was recorded.\n")
    return {
        "text": text,
        "markdown": f"# releasewatch test message\n\n{text}",
        "html": f"<!DOCTYPE html><html><body><p>{text.replace(chr(10), '<br>')}</p></body></html>",
        "json": json.dumps({"subject": "releasewatch test message", "sent": when, "test": True}),
    }


@click.command(name="notify-test")
@config_option
@click.option("--destination", "destinations", multiple=True, metavar="KEY",
              help="Only this destination (repeatable), as `digest --send --dry-run` names it (file:digests/).")
@verbosity_options
def notify_test(config_path: str, destinations: tuple[str, ...], verbose: int, quiet: bool) -> None:
    """Send a short test message to every destination in digest.deliver (or only --destination).

    Exit code 1 when a destination could not be reached, with the reason; nothing is recorded in
    the database, so the next digest is not affected.
    """
    from ..notify import DigestMessage, deliver, destination_key

    setup_logging(verbose, quiet)
    config = load_config_or_exit(config_path)
    targets = {destination_key(d): d for d in config.digest.deliver}
    unknown = [d for d in destinations if d not in targets]
    if unknown:
        click.echo(f"Error: no destination {', '.join(map(repr, unknown))} in digest.deliver; there are: "
                   f"{', '.join(targets) or 'none'}", err=True)
        sys.exit(EXIT_USAGE)
    now = now_utc()
    message = DigestMessage(subject="releasewatch test message", bodies=test_message(f"{now:%Y-%m-%d %H:%M} UTC"),
                            day=f"{now:%Y-%m-%d}-test")
    failed = False
    for key, target in targets.items():
        if destinations and key not in destinations:
            continue
        result = deliver(message, target)
        failed = failed or not result.ok
        click.echo(f"{'ok' if result.ok else 'FAILED'}: {key}" + (f" ({result.error})" if result.error else ""),
                   err=True)
    if failed:
        sys.exit(EXIT_FAILED)
