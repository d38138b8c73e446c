"""The demo leads somewhere: its hints run as printed, and Datasette opens its database with the
metadata.yml it leaves (views, descriptions, full-text search, foreign keys)."""

from __future__ import annotations

import asyncio
import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from releasewatch.cli import cli
from releasewatch.store import Store

ROOT = Path(__file__).resolve().parents[1]
METADATA = ROOT / "src" / "releasewatch" / "datasette" / "metadata.yml"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("demo-run")
    import os

    before = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(cli, ["demo"])
    finally:
        os.chdir(before)
    assert result.exit_code == 0, result.output[-2000:]
    return folder, result.output


def test_the_demo_leaves_a_config_pages_and_metadata(demo: tuple[Path, str]) -> None:
    folder, _ = demo
    out = folder / "demo-out"
    assert {p.name for p in out.iterdir()} >= {"demo.db", "sources.yaml", "metadata.yml", "site"}
    urls = [r[0] for r in Store(out / "demo.db").conn.execute("SELECT DISTINCT article_url FROM claims")]
    assert urls and all(u.startswith("file://") for u in urls)  # not a port that is gone
    for url in urls:
        assert Path(url.removeprefix("file://")).is_file(), url


def test_the_hints_run_as_printed(demo: tuple[Path, str]) -> None:
    folder, output = demo
    hints = output[output.index("Explore the demo"):].splitlines()
    commands = [line.strip() for line in hints if line.startswith("  ")]
    assert len(commands) == 5
    for command in commands[:-1]:
        result = subprocess.run(command, shell=True, cwd=folder, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, (command, result.stderr)
        assert result.stdout.strip() and "Traceback" not in result.stderr, command
    # The Datasette hint, as printed after its `pip install`, asked for one page instead of serving.
    datasette = commands[-1].split("&& ", 1)[1]
    argv = shlex.split(datasette)
    argv[0] = str(Path(sys.executable).parent / "datasette")
    result = subprocess.run([*argv, "--get", "/demo/current_consensus.json?_shape=array"], cwd=folder,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {r["event"] for r in rows} >= {"production_start", "release", "home_release", "trailer"}


def _schema(db: Path) -> dict[str, set[str]]:
    store = Store(db)
    names = [r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
    return {n: {r[1] for r in store.conn.execute(f"PRAGMA table_info([{n}])")} for n in names if "_fts" not in n}


def test_metadata_describes_every_table_view_and_only_real_columns(tmp_path: Path) -> None:
    meta = yaml.safe_load(METADATA.read_text())
    assert meta["databases"]["demo"] == meta["databases"]["releasewatch"]
    tables = meta["databases"]["releasewatch"]["tables"]
    schema = _schema(tmp_path / "releasewatch.db")
    assert set(schema) == set(tables), set(schema) ^ set(tables)
    for name, info in tables.items():
        assert info.get("description"), name
        unknown = set(info.get("columns", {})) - schema[name]
        assert not unknown, (name, unknown)
    for view in ("current_consensus", "claims_with_articles", "source_health"):
        assert set(tables[view]["columns"]) == schema[view], view


def test_datasette_serves_views_search_and_links(demo: tuple[Path, str]) -> None:
    from datasette.app import Datasette

    folder, _ = demo
    out = folder / "demo-out"
    ds = Datasette([str(out / "demo.db")], metadata=yaml.safe_load((out / "metadata.yml").read_text()))

    async def fetch() -> dict[str, object]:
        await ds.invoke_startup()
        pages = {
            "consensus": "/demo/current_consensus.json?_shape=array",
            "search": "/demo/claims.json?_search=trailer&_shape=array",
            "joined": "/demo/claims_with_articles.json?_shape=array&track=home_release",
            "health": "/demo/source_health.json?_shape=array",
            "labels": "/demo/claims.json?_shape=array&_labels=on&_size=1",
        }
        got = {key: (await ds.client.get(path)).json() for key, path in pages.items()}
        got["html"] = (await ds.client.get("/demo/claims")).text
        return got

    got = asyncio.run(fetch())
    release = [r for r in got["consensus"] if r["event"] == "release"][0]  # type: ignore[union-attr, index]
    assert release["label"].startswith("released Jun 6, 2025") and json.loads(release["sources"])
    assert got["search"] and all("trailer" in r["sentence"].lower() for r in got["search"])  # type: ignore[union-attr]
    assert [r["headline"] for r in got["joined"]]  # type: ignore[union-attr]
    assert {r["name"] for r in got["health"]} == {"Reel Ledger", "Screen Gossip Daily", "Frame Rate Weekly",
                                                   "Pointe & Plié"}  # type: ignore[union-attr]
    source = got["labels"][0]["source"]  # type: ignore[index]
    assert isinstance(source, dict) and source["value"] == source["label"]  # a link to sources
    assert "One row per claim, with provenance" in str(got["html"])
