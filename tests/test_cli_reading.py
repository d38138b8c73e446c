"""Commands that only read: they never create the database, and an unknown title is an error
that says what is tracked (exit 2), not an empty answer (exit 0)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from releasewatch.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "releasewatch" / "samples" / "ballerina-2022-11-06.txt"
CONFIG = "titles: [{name: Ballerina, context: [John Wick]}, {name: 'Dune: Part Three'}]\n" \
         "sources: [{name: Reel Ledger, url: 'https://reel-ledger.example/feed'}]\n"


@pytest.fixture
def empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources.yaml").write_text(CONFIG)
    return tmp_path


@pytest.mark.parametrize("args", [
    ["consensus"], ["consensus", "Ballerina"], ["consensus", "--json"], ["claims"], ["history", "Ballerina"],
    ["sources"], ["digest"], ["digest", "--format", "json"], ["ics", "-o", "out.ics"],
    ["chart", "Ballerina", "-o", "c.png"],
])
def test_reading_an_empty_folder_creates_no_database(empty_folder: Path, args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert not (empty_folder / "db").exists(), sorted(p.name for p in empty_folder.iterdir())


@pytest.fixture
def ingested(empty_folder: Path) -> Path:
    result = CliRunner().invoke(cli, ["ingest", str(SAMPLE), "--published", "2022-11-06", "--source", "Reel Ledger"])
    assert result.exit_code == 0, result.output
    return empty_folder


@pytest.mark.parametrize("args", [
    ["consensus", "Balerina"], ["history", "Dune"], ["chart", "Mission: Impossible", "-o", "c.png"],
    ["claims", "--title", "Nope"],
])
def test_an_unknown_title_says_so_and_exits_2(ingested: Path, args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "is not a tracked title" in result.output and "Ballerina" in result.output


@pytest.mark.parametrize(("args", "expected"), [
    (["consensus", "ballerina"], "Ballerina: filming from Nov 13, 2022"),
    (["consensus", "Dune: Part Three"], "No claims about Dune: Part Three"),  # tracked, nothing yet: not an error
    (["history", "BALLERINA"], "filming from Nov 13, 2022"),
])
def test_a_tracked_title_in_any_case_is_found(ingested: Path, args: list[str], expected: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert expected in result.output
