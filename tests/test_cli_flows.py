"""The commands a user runs, end to end through the CLI, on the package's sample article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from releasewatch.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "src" / "releasewatch" / "samples" / "ballerina-2022-11-06.txt"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "rw.db")
    result = CliRunner().invoke(cli, ["ingest", str(SEED), "--published", "2022-11-06", "--db", path,
                                      "--config", str(ROOT / "sources.yaml"), "--source", "Collider"])
    assert result.exit_code == 0, result.output
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--config", str(ROOT / "sources.yaml")])
    assert result.exit_code == 0, result.output
    return result.output


def test_consensus_from_the_sample(db: str) -> None:
    out = run("consensus", "Ballerina", "--db", db, "--as-of", "2022-11-07")
    assert out.strip() == ("Ballerina: filming from Nov 13, 2022 (reported, 1 source) · "
                           "release late 2023 / early 2024 (speculative, 1 source)")
    data = json.loads(run("consensus", "--db", db, "--as-of", "2022-11-07", "--json"))
    assert {(d["event"], d["earliest"], d["latest"], d["certainty"]) for d in data} == {
        ("production_start", "2022-11-13", "2022-11-13", "reported"),
        ("release", "2023-09-01", "2024-04-30", "speculative")}


def test_claims_history_formats(db: str) -> None:
    assert "TV Line" in run("claims", "--db", db, "--title", "ballerina")
    csv_out = run("claims", "--db", db, "--format", "csv", "--event", "release")
    assert csv_out.splitlines()[0].startswith("published,title,event")
    rows = json.loads(run("claims", "--db", db, "--format", "json", "--certainty", "speculative"))
    assert [r["label"] for r in rows] == ["late 2023 / early 2024"]
    assert rows[0]["source"] == "Collider" and rows[0]["extractor_version"]
    assert run("claims", "--db", db, "--since", "2023-01-01").strip() == "No claims match."


def test_history_sources_reextract(db: str) -> None:
    assert "filming from Nov 13, 2022" in run("history", "Ballerina", "--db", db)
    assert "Collider" in run("sources", "--db", db)
    out = run("reextract", "--db", db)
    assert "1 articles re-read, 0 new claims" in out


def test_digest_chart_ics(db: str, tmp_path: Path) -> None:
    md = run("digest", "--db", db, "--since", "2000-01-01", "--format", "markdown")
    assert md.startswith("# releasewatch digest") and "TV Line" in md
    assert "**New claims (3)**" in md and "filming" in md  # the sample's claims, read by when they were stored
    html = run("digest", "--db", db, "--since", "24h", "--format", "html")
    assert "<table" in html
    chart = tmp_path / "drift.png"
    run("chart", "Ballerina", "--db", db, "-o", str(chart))
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    ics = tmp_path / "r.ics"
    run("ics", "--db", db, "-o", str(ics))
    assert "BEGIN:VEVENT" in ics.read_text()


@pytest.mark.parametrize("args", [
    ["extract", str(SEED), "--published", "2022-02-30"],
    ["timex", "--dct", "yesterday", "-"],
    ["consensus", "--as-of", "soon"],
])
def test_bad_dates_exit_2(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_extract_json_and_odd_input(tmp_path: Path) -> None:
    data = json.loads(run("extract", str(SEED), "--published", "2022-11-06", "--json"))
    assert {"title", "event", "earliest", "latest", "granularity", "certainty", "cited", "time_text", "sentence",
            "start", "end"} <= set(data[0])
    for name, payload in [("empty.txt", b""), ("binary.bin", bytes(range(256)) * 4000),
                          ("latin1.txt", "Caf\xe9 Ballerina d\xe9but".encode("latin-1")),
                          ("big.txt", b"Ballerina opens June 6, 2025. " * 170_000)]:
        path = tmp_path / name
        path.write_bytes(payload)
        result = CliRunner().invoke(cli, ["extract", str(path), "--published", "2022-11-06", "--title", "Ballerina"])
        assert result.exit_code == 0, (name, result.output[-500:])


def test_poll_refuses_while_the_database_is_locked(tmp_path: Path) -> None:
    from releasewatch.lock import DbLock

    db = tmp_path / "rw.db"
    config = tmp_path / "sources.yaml"
    config.write_text("titles: [{name: Mercy Street}]\nsources: [{name: A, url: 'http://127.0.0.1:9/feed'}]\n")
    with DbLock(db, kind="daemon"):
        result = CliRunner().invoke(cli, ["poll", "--config", str(config), "--db", str(db)])
    assert result.exit_code == 3
    assert "in use by daemon" in result.output
