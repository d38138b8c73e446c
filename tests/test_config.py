from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from releasewatch.cli import cli
from releasewatch.config import load_config, parse_config, parse_interval
from releasewatch.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]

GOOD = """\
titles:
  - name: Ballerina
    aliases: ["John Wick: Ballerina"]
    context: ["John Wick", "Ana de Armas"]
  - name: Death Stranding 2
    kind: game
sources:
  - name: Local
    url: http://127.0.0.1:8000/feed.xml
    every: 15m
    reliability: 0.8
  - name: Listing
    url: https://example.org/news/
    kind: listing
    link_pattern: "/news/\\\\d+"
    every: "0 */2 * * *"
fetch:
  allow_addresses: ["127.0.0.1", "10.0.0.0/8"]
  per_host_delay: 0.5
digest:
  deliver:
    - stdout
    - type: email
      to: a@example.org
      host: 127.0.0.1
      password_env: SMTP_PASSWORD
"""


def test_good_config_parses() -> None:
    config = parse_config(GOOD, "good.yaml")
    ballerina, game = config.titles
    assert ballerina.common_word is True  # a single dictionary word needs context by default
    assert game.kind == "game" and game.common_word is False
    assert config.sources[0].every == "15m"
    assert config.fetch.allow_addresses == ("127.0.0.1", "10.0.0.0/8")
    assert config.fetch.per_host_delay == 0.5
    assert [d.type for d in config.digest.deliver] == ["stdout", "email"]
    assert config.digest.deliver[1].options["to"] == ["a@example.org"]
    assert config.title("john wick: ballerina") is ballerina
    assert config.reliability() == {"Local": 0.8, "Listing": 0.6}


def test_shipped_sources_yaml_is_valid() -> None:
    config = load_config(ROOT / "sources.yaml")
    assert config.title("Ballerina").context
    assert len(config.sources) >= 5
    assert all(s.url.startswith("https://") for s in config.sources)


BAD = [
    # (yaml, expected line, expected key path, words in the message)
    ("titles:\n  - name: X\n    colour: red\n", 3, "titles[0].colour", "unknown key"),
    ("titles:\n  - name: X\n    kind: flim\n", 3, "titles[0].kind", "must be one of"),
    ("titles:\n  - aliases: [a]\n", 2, "titles[0]", "needs a name"),
    ("titles:\n  - name: Ballerina\n", 2, "titles[0].context", "common word"),
    ("sources:\n  - name: A\n    url: ftp://x/\n", 3, "sources[0].url", "http(s)"),
    ("sources:\n  - name: A\n    url: http://x/\n    every: often\n", 4, "sources[0].every", "interval"),
    ("sources:\n  - name: A\n    url: http://x/\n    every: '99 * * * *'\n", 4, "sources[0].every", ""),
    ("sources:\n  - name: A\n    url: http://x/\n    reliability: 3\n", 4, "sources[0].reliability", "between 0 and 1"),
    ("sources:\n  - name: A\n    url: http://x/\n    kind: listing\n", 2, "sources[0]", "link_pattern"),
    ("sources:\n  - name: A\n    url: http://x/\n    link_pattern: '('\n", 4, "sources[0].link_pattern", "regular"),
    ("sources:\n  - {name: A, url: 'http://x/'}\n  - {name: A, url: 'http://y/'}\n", 3, "sources[1].name", "duplicate"),
    ("fetch:\n  read_timeout: soon\n", 2, "fetch.read_timeout", "a number"),
    ("fetch:\n  retries: -1\n", 2, "fetch.retries", "negative"),
    ("fetch:\n  allow_addresses: [localhost]\n", 2, "fetch.allow_addresses[0]", "IP address"),
    ("schedule:\n  timezone: Mars/Olympus\n", 2, "schedule.timezone", "unknown time zone"),
    ("schedule:\n  digest_at: '25:00'\n", 2, "schedule.digest_at", "08:00"),
    ("digest:\n  deliver:\n    - type: email\n      to: a@b\n      host: h\n      password: hunter2\n", 6,
     "digest.deliver[0].password", "environment"),
    ("digest:\n  deliver:\n    - type: pigeon\n", 3, "digest.deliver[0].type", "must be one of"),
    ("digest:\n  deliver:\n    - type: file\n", 3, "digest.deliver[0]", "needs path"),
    ("databse: x.db\n", 1, "databse", "unknown key"),
    ("titles: [\n", 2, "", "not valid YAML"),
    ("titles:\n  - name: Alpha One\n  - name: alpha one\n", 3, "titles[1].name", "duplicate"),
    ("sources:\n  - name: A\n    url: http://x/\n    titles: [Nope]\n", 4, "sources[0].titles[0]", "not a tracked"),
    ("sources:\n  - name: A\n    url: http://x/\n    name: B\n", 4, "sources[0].name", "duplicate key"),
]


@pytest.mark.parametrize(("text", "line", "key", "words"), BAD)
def test_broken_config_names_file_key_and_line(text: str, line: int, key: str, words: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(text, "broken.yaml")
    err = info.value
    assert err.path == "broken.yaml"
    assert err.line == line
    assert err.key == key
    assert words in str(err)
    assert str(err).startswith(f"broken.yaml:{line}: ")
    assert isinstance(err, ValueError)


@pytest.mark.parametrize(("text", "expected"), [
    ("30s", timedelta(seconds=30)), ("15m", timedelta(minutes=15)), ("2h", timedelta(hours=2)),
    ("1d", timedelta(days=1)), ("1w", timedelta(weeks=1)), ("0 8 * * *", None), ("*/5 * * * *", None),
])
def test_parse_interval(text: str, expected: timedelta | None) -> None:
    assert parse_interval(text) == expected


@pytest.mark.parametrize("text", ["", "soon", "0s", "5 parsecs", "1 2 3"])
def test_parse_interval_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_interval(text)


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.yaml")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"titles:\n  - name: Am\xe9lie\n")
    with pytest.raises(ConfigError, match=r"latin1.yaml:2: not UTF-8"):
        load_config(bad)


def test_check_command(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["check", "--config", str(ROOT / "sources.yaml")])
    assert ok.exit_code == 0, ok.output
    assert "Ballerina" in ok.output and "Deadline" in ok.output
    as_json = runner.invoke(cli, ["check", "--config", str(ROOT / "sources.yaml"), "--json"])
    assert '"name": "Ballerina"' in as_json.output
    broken = tmp_path / "sources.yaml"
    broken.write_text("titles:\n  - name: X\n    colour: red\n")
    result = runner.invoke(cli, ["check", "--config", str(broken)])
    assert result.exit_code == 2
    assert f"{broken}:3: titles[0].colour: unknown key" in result.output


# -- tags, aliases and several problems at once (issue 9 item 4, issue 10 `check`) ------------------------

@pytest.mark.parametrize(("text", "line", "key"), [
    ("database: !foo bar\n", 1, "database"),
    ("database: !!python/name:os.system x\n", 1, "database"),
    ("titles:\n  - name: !!python/object/apply:os.getcwd []\n", 2, "titles[0].name"),
    ("fetch: !!python/object:releasewatch.config.FetchSettings {}\n", 1, "fetch"),
    ("titles: !custom\n  - name: X\n", 1, "titles"),
    ("schedule:\n  timezone: !!binary aGVsbG8=\n", 2, "schedule.timezone"),
])
def test_every_yaml_tag_is_a_config_error(text: str, line: int, key: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(text, "tagged.yaml")
    assert info.value.line == line and info.value.key == key
    assert "tags" in str(info.value) and str(info.value).startswith(f"tagged.yaml:{line}: {key}: ")


@pytest.mark.parametrize(("text", "words"), [
    ("a: &x [*x]\n", "refers to itself"),
    ("? [a, b]\n: c\n", "plain word"),
    ("<<: {database: x.db}\n", "merge keys"),
])
def test_aliases_and_odd_keys_are_config_errors(text: str, words: str) -> None:
    with pytest.raises(ConfigError, match=words):
        parse_config(text, "odd.yaml")


def test_several_problems_are_all_reported() -> None:
    text = ("titles:\n  - name: X\n    colour: red\n  - name: Y\n    kind: flim\n"
            "sources:\n  - name: A\n    url: ftp://x/\n"
            "fetch:\n  retries: -1\n  speed: 3\n")
    with pytest.raises(ConfigError) as info:
        parse_config(text, "many.yaml")
    lines = str(info.value).splitlines()
    assert [line.split(": ")[1] for line in lines] == [
        "titles[0].colour", "titles[1].kind", "sources[0].url", "fetch.speed"]
    assert lines[0].startswith("many.yaml:3: ")
    # fetch.retries is checked once the unknown key is fixed: one section's first problem, every section
    assert info.value.line == 3


@pytest.mark.parametrize(("text", "line", "words"), [
    ("titles:\n  - name: X\n   aliases: [a]\n", 3, "indentation"),
    ("titles:\n  - name: X\n\tkind: film\n", 3, "tab"),
    ("titles: [a, b\n", 2, "not closed"),
])
def test_yaml_slips_in_plain_words(text: str, line: int, words: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(text, "slip.yaml")
    assert info.value.line == line
    assert words in str(info.value) and "<block" not in str(info.value)


def _check(tmp_path: Path, text: str, *args: str):
    path = tmp_path / "sources.yaml"
    path.write_text(text)
    return CliRunner().invoke(cli, ["check", "--config", str(path), *args]), path


def test_check_tagged_yaml_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    result, path = _check(tmp_path, "database: !foo bar\n")
    assert result.exit_code == 2
    assert f"Error: {path}:1: database: YAML tags such as !foo are not allowed" in result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)


def test_check_an_empty_file_is_not_ok(tmp_path: Path) -> None:
    result, _ = _check(tmp_path, "")
    assert result.exit_code == 2
    assert "OK" not in result.output
    assert "no titles configured" in result.output and "no sources configured" in result.output


def test_check_json_reports_errors_as_json(tmp_path: Path) -> None:
    import json

    result, path = _check(tmp_path, "titles:\n  - name: X\n    colour: red\n  - name: Y\n    kind: flim\n", "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["valid"] is False and data["path"] == str(path)
    assert [(e["line"], e["key"]) for e in data["errors"]] == [(3, "titles[0].colour"), (5, "titles[1].kind")]
    assert data["errors"][0]["message"].startswith("unknown key")


def test_check_says_poll_will_refuse_a_loopback_source(tmp_path: Path) -> None:
    text = ("titles:\n  - {name: Dune Part Three}\n"
            "sources:\n  - name: Local\n    url: http://127.0.0.1:8000/feed.xml\n")
    result, path = _check(tmp_path, text)
    assert result.exit_code == 2
    assert f"{path}:5: sources[0].url: poll will refuse this URL: refused: 127.0.0.1 is not an allowed address" \
        in result.output
    allowed, _ = _check(tmp_path, text + "fetch: {allow_addresses: ['127.0.0.1']}\n")
    assert allowed.exit_code == 0 and "OK" in allowed.output


@pytest.mark.parametrize(("fmt", "first_line"), [
    ("csv", "type,name,kind,url,every"),
    ("markdown", "| type | name | kind | url | every |"),
    ("jsonl", '{"type": "title", "name": "Ballerina"'),
])
def test_check_speaks_every_output_format(fmt: str, first_line: str) -> None:
    result = CliRunner().invoke(cli, ["check", "--config", str(ROOT / "sources.yaml"), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith(first_line), result.output


def test_check_lists_problems_in_the_chosen_format(tmp_path: Path) -> None:
    broken = tmp_path / "sources.yaml"
    broken.write_text("titles: [{name: X}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--config", str(broken), "--format", "jsonl"])
    assert result.exit_code == 2
    row = json.loads(result.output.splitlines()[0])
    assert row["line"] == 2 and "not closed" in row["message"]
