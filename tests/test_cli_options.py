"""One set of options across the commands: --format (and its --json shortcut), one --since/--until
syntax, one name per track, --config/--db, --title on digest and ics, --as-of/--event on history,
and a digest that is not sent when nothing is new."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from releasewatch.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "releasewatch" / "samples" / "ballerina-2022-11-06.txt"
DIGITAL = "Lionsgate says Ballerina, the John Wick spin-off, arrives on digital on July 22, 2025.\n"
CONFIG = """titles: [{name: Ballerina, context: [John Wick]}, {name: 'Dune: Part Three'}]
sources: [{name: Reel Ledger, url: 'https://reel-ledger.example/feed'}]
digest:
  deliver: [{type: file, path: digests/}]
database: rw.db
"""


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == code, (args, result.output)
    return result.output


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources.yaml").write_text(CONFIG)
    (tmp_path / "digital.txt").write_text(DIGITAL)
    run("ingest", str(SAMPLE), "--published", "2022-11-06", "--source", "Reel Ledger")
    run("ingest", "digital.txt", "--published", "2025-06-20", "--source", "Reel Ledger")
    return tmp_path


DATA_COMMANDS = [["consensus"], ["consensus", "Ballerina"], ["claims"], ["history", "Ballerina"], ["sources"],
                 ["timex", "--dct", "2022-11-06", str(SAMPLE)],
                 ["extract", str(SAMPLE), "--published", "2022-11-06", "--title", "Ballerina"],
                 ["reextract"], ["ingest", str(SAMPLE), "--published", "2022-11-06"]]


def _parsed(fmt: str, out: str) -> list:
    if fmt == "json":
        data = json.loads(out)
        return data if isinstance(data, list) else data.get("sources", [data])
    if fmt == "jsonl":
        return [json.loads(line) for line in out.splitlines()]
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(out)))
    lines = out.splitlines()
    assert lines[0].startswith("|") and lines[1].startswith("|---"), out
    return lines[2:]


@pytest.mark.parametrize("args", DATA_COMMANDS, ids=lambda a: " ".join(a[:2]))
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "markdown"])
def test_every_data_command_speaks_every_format(folder: Path, args: list[str], fmt: str) -> None:
    rows = _parsed(fmt, run(*args, "--format", fmt))
    assert rows, (args, fmt)


@pytest.mark.parametrize("args", DATA_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_json_is_a_shortcut_for_format_json(folder: Path, args: list[str]) -> None:
    if args[0] in ("reextract", "ingest"):  # they store: compare shapes, not contents
        assert type(json.loads(run(*args, "--json"))) is type(json.loads(run(*args, "--format", "json")))
    else:
        assert json.loads(run(*args, "--json")) == json.loads(run(*args, "--format", "json"))
    assert "contradict" in run(*args, "--json", "--format", "csv", code=2)


@pytest.mark.parametrize("args", [["claims", "--since"], ["claims", "--until"], ["digest", "--since"],
                                  ["reextract", "--since"]])
@pytest.mark.parametrize("value", ["7d", "24h", "2w", "2022-11-01", "2022-11-06T10:00:00"])
def test_one_since_until_syntax(folder: Path, args: list[str], value: str) -> None:
    run(*args, value)


@pytest.mark.parametrize("args", [["claims", "--since", "soon"], ["digest", "--since", "7 days"],
                                  ["claims", "--until", "2022-13-01"], ["reextract", "--since", "d7"]])
def test_a_bad_time_names_the_forms(folder: Path, args: list[str]) -> None:
    assert "24h, 7d or 2w" in run(*args, code=2)


def test_claims_since_a_span_filters_by_publication(folder: Path) -> None:
    assert [r["published"] for r in json.loads(run("claims", "--since", "2022-11-07", "--json"))] == ["2025-06-20"]
    assert len(json.loads(run("claims", "--until", "2022-11-06", "--json"))) == 3


@pytest.mark.parametrize("args", [["claims", "--event", "home_release", "--json"],
                                  ["consensus", "Ballerina", "--event", "home_release", "--json"],
                                  ["history", "Ballerina", "--event", "home_release", "--json"]])
def test_home_release_is_one_track_name_in_every_command(folder: Path, args: list[str]) -> None:
    rows = json.loads(run(*args))
    assert rows and all(r.get("track", r.get("event")) == "home_release" for r in rows), rows


def test_release_track_leaves_the_home_release_out(folder: Path) -> None:
    rows = json.loads(run("claims", "--event", "release", "--json"))
    assert {r["track"] for r in rows} == {"release"} and len(rows) == 2


def test_home_release_reads_the_same_in_claims_digest_and_consensus(folder: Path) -> None:
    assert "home release (digital)" in run("claims", "--event", "home_release")
    assert "home release (digital) Jul 22, 2025" in run("digest", "--since", "2000-01-01") or \
        "home release (digital)" in run("digest", "--since", "2000-01-01")
    assert "home release Jul 22, 2025" in run("consensus", "Ballerina", "--as-of", "2025-06-21")
    assert "release (digital)" not in run("digest", "--since", "2000-01-01").replace("home release (digital)", "")


def test_chart_takes_the_track_names(folder: Path) -> None:
    assert "Wrote" in run("chart", "Ballerina", "--event", "home_release", "-o", "home.png")
    assert "is not a track" in run("chart", "Ballerina", "--event", "home", "-o", "x.png", code=2)


def test_claims_table_fits_100_columns_with_wrapped_sentences(folder: Path) -> None:
    out = run("claims")
    assert max(len(line) for line in out.splitlines()) <= 100
    assert out.splitlines()[0].startswith("published   title")
    assert any(line.startswith("            \u201c") for line in out.splitlines())


def test_consensus_on_a_terminal_gives_each_event_a_line(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from releasewatch.commands import report_cmds

    monkeypatch.setattr(report_cmds, "stdout_is_terminal", lambda: True)
    lines = run("consensus", "Ballerina", "--as-of", "2022-11-07").splitlines()
    assert lines == ["Ballerina: filming from Nov 13, 2022 (reported, 1 source)",
                     "           release late 2023 / early 2024 (speculative, 1 source)"]


def test_history_as_of_and_event(folder: Path) -> None:
    everything = json.loads(run("history", "Ballerina", "--json"))
    assert {r["event"] for r in everything} >= {"production_start", "release", "home_release"}
    only = json.loads(run("history", "Ballerina", "--event", "production_start", "--json"))
    assert {r["event"] for r in only} == {"production_start"}
    assert json.loads(run("history", "Ballerina", "--as-of", "2000-01-01", "--json")) == []


def test_digest_and_ics_take_title(folder: Path) -> None:
    out = run("digest", "--title", "Dune: Part Three", "--since", "2000-01-01")
    assert "Dune: Part Three" in out and "Ballerina" not in out
    assert "(0 events)" in run("ics", "--title", "Dune: Part Three", "-o", "dune.ics")
    assert "(0 events)" not in run("ics", "--title", "ballerina", "-o", "b.ics")
    assert "is not a tracked title" in run("digest", "--title", "Nope", code=2)


def _delivered(folder: Path) -> int:
    import sqlite3

    with sqlite3.connect(folder / "rw.db") as conn:
        return int(conn.execute("SELECT COUNT(*) FROM digests WHERE status = 'delivered'").fetchone()[0])


def test_send_skips_an_empty_digest_and_dry_run_sends_nothing(folder: Path) -> None:
    dry = run("digest", "--send", "--dry-run", "--since", "2000-01-01")
    assert "would send to file:digests/ as text" in dry
    assert not (folder / "digests").exists() and _delivered(folder) == 0
    run("digest", "--send", "--since", "2000-01-01")
    assert len(list((folder / "digests").iterdir())) == 1 and _delivered(folder) == 1
    quiet = CliRunner().invoke(cli, ["digest", "--send"])  # since the last one: nothing new
    assert quiet.exit_code == 0 and "not sent" in quiet.output
    assert _delivered(folder) == 1
    assert "would skip" in run("digest", "--send", "--dry-run")
    (folder / "sources.yaml").write_text(CONFIG.replace("digest:\n", "digest:\n  send_empty: true\n"))
    time.sleep(1.1)  # a digest period ends on a whole second: the same second is the same digest
    run("digest", "--send")
    assert _delivered(folder) == 2
    assert "goes with --send" in run("digest", "--dry-run", code=2)


# Which commands read a config and a database: every one that can use them takes both options.
TAKES = {"init": "cd", "check": "c", "poll": "cd", "ingest": "cd", "sources": "cd", "reextract": "cd",
         "daemon": "cd", "timex": "", "extract": "c", "consensus": "cd", "claims": "cd", "history": "cd",
         "digest": "cd", "chart": "cd", "ics": "cd", "demo": "cd", "notify-test": "c"}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_config_and_db_where_they_apply(name: str) -> None:
    text = run(name, "--help")
    assert ("--config" in text) == ("c" in TAKES[name]), name
    assert ("--db" in text) == ("d" in TAKES[name]), name


def test_a_config_beside_the_db_is_found_from_any_folder(folder: Path, tmp_path_factory: pytest.TempPathFactory,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)
    out = run("digest", "--db", str(folder / "rw.db"), "--since", "2000-01-01")
    assert "Dune: Part Three" in out  # a title only that config tracks


def test_notify_test_checks_each_destination(folder: Path) -> None:
    (folder / "sources.yaml").write_text(CONFIG.replace(
        "  deliver: [{type: file, path: digests/}]",
        "  deliver:\n    - {type: file, path: digests/}\n"
        "    - {type: email, to: [fan@example.org], host: 127.0.0.2, port: 9, starttls: false}"))
    result = CliRunner().invoke(cli, ["notify-test"])
    assert result.exit_code == 1, result.output
    assert "ok: file:digests/" in result.output and "FAILED: email:fan@example.org" in result.output
    sent = list((folder / "digests").iterdir())
    assert len(sent) == 1 and "releasewatch test message" in sent[0].read_text()
    assert _delivered(folder) == 0  # nothing recorded: the next digest is not affected
    only = CliRunner().invoke(cli, ["notify-test", "--destination", "file:digests/"])
    assert only.exit_code == 0 and "email" not in only.output
    assert "no destination" in run("notify-test", "--destination", "nowhere", code=2)
