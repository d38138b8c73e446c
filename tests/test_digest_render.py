from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from releasewatch.models import Claim, Consensus, DateRange
from releasewatch.report.digest import Digest, SourceProblem, TitleSection, render, source_problems
from releasewatch.report.history import render_claims

NOW = datetime(2023, 10, 20, 8, 0, tzinfo=timezone.utc)


def claim(event: str, earliest: str, latest: str, certainty: str, sentence: str, *, source: str = "Reel Ledger",
          label: str = "", cited: str | None = None, published: str = "2023-10-19") -> Claim:
    return Claim(
        title="Ballerina", event=event,
        range=DateRange(date.fromisoformat(earliest), date.fromisoformat(latest), "day", label=label),
        certainty=certainty, sentence=sentence, sentence_start=0, sentence_end=len(sentence), time_start=0,
        time_end=4, time_text=label or earliest, cited=cited, published=date.fromisoformat(published),
        article_url="https://reel-ledger.example/ballerina-moves", source=source, extractor_version="t",
    )


MOVE = claim("release", "2025-06-06", "2025-06-06", "official",
             "Lionsgate has moved Ballerina from June 7, 2024 to June 6, 2025.", label="June 6, 2025")
HOSTILE = claim("release", "2025-06-06", "2025-06-06", "reported",
                "<script>alert('x')</script> Ballerina & friends | dated *June 6*", label="June 6, 2025",
                source="Screen <b>Gossip</b>", cited="Reel Ledger")
CONSENSUS = Consensus(
    title="Ballerina", event="release", range=MOVE.range, label="release June 6, 2025 (official; moved from June 7, 2024)",
    certainty="official", as_of=NOW.date(), since=date(2023, 10, 19), supporting=(MOVE,), sources=("Reel Ledger",),
)
DIGEST = Digest(
    generated_at=NOW, since=datetime(2023, 10, 19, 8, 0, tzinfo=timezone.utc),
    sections=(TitleSection("Ballerina", (CONSENSUS,), ("Ballerina release moved from June 7, 2024 to June 6, 2025",),
                           (MOVE, HOSTILE)),),
    problems=(SourceProblem("Frame Rate Weekly", "silent", "no new item for 21 days"),),
)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_every_format_carries_the_same_facts(fmt: str) -> None:
    out = render(DIGEST, fmt)
    for fact in ["June 6, 2025", "moved from June 7, 2024", "Frame Rate Weekly", "reel-ledger.example/ballerina-moves"]:
        assert fact in out, (fmt, fact)


def test_html_escapes_headlines_and_sentences() -> None:
    out = render(DIGEST, "html")
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert "<b>Gossip</b>" not in out
    assert 'style="' in out  # inline styles for mail clients
    assert "<style" not in out


def test_json_digest_is_machine_readable() -> None:
    data = json.loads(render(DIGEST, "json"))
    assert data["titles"][0]["consensus"][0]["earliest"] == "2025-06-06"
    assert data["titles"][0]["new_claims"][1]["sentence"].startswith("<script>")
    assert data["source_problems"][0]["problem"] == "silent"


def test_subject_counts_changes_claims_and_problems() -> None:
    assert DIGEST.subject == "releasewatch digest 2023-10-20: 1 change, 2 new claims, 1 source problem"


@pytest.mark.parametrize(("row", "expected"), [
    ({"name": "A", "consecutive_failures": 3, "last_error": "HTTP 500 after 3 attempts"}, "failing"),
    ({"name": "B", "consecutive_failures": 0, "last_new_item": "2023-09-01T00:00:00+00:00"}, "silent"),
    ({"name": "C", "consecutive_failures": 0, "last_new_item": "2023-10-18T00:00:00+00:00"}, None),
    ({"name": "D", "consecutive_failures": 0, "last_new_item": None, "first_poll": "2023-01-01T00:00:00"}, "silent"),
    ({"name": "E", "consecutive_failures": 0}, None),
])
def test_source_problems(row: dict, expected: str | None) -> None:
    found = source_problems([row], now=NOW, silent_after_days=14)
    assert [p.problem for p in found] == ([expected] if expected else [])


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "markdown"])
def test_claim_history_formats(fmt: str) -> None:
    out = render_claims([MOVE, HOSTILE], fmt)
    assert "Ballerina" in out and "2023-10-19" in out
    if fmt == "json":
        rows = json.loads(out)
        assert rows[0]["article_url"] == MOVE.article_url
        assert rows[0]["extractor_version"] == "t"
    if fmt == "markdown":
        assert out.splitlines()[1].startswith("|---")


def test_claim_history_empty() -> None:
    assert render_claims([], "table") == "No claims match."
    assert json.loads(render_claims([], "json")) == []


def _titled(title: str) -> Digest:
    cons = Consensus(title=title, event="release", range=MOVE.range, label="release June 6, 2025 (official)",
                     certainty="official", as_of=NOW.date(), since=date(2023, 10, 19),
                     supporting=(MOVE.replace(title=title),), sources=("Reel Ledger",),
                     extra={"phrase": "release Jun 6, 2025"})
    return Digest(generated_at=NOW, since=NOW, sections=(TitleSection(title, (cons,), (), ()),))


@pytest.mark.parametrize("title", ["Dune: Part Three", "Mission: Impossible – The Final Reckoning", "Ballerina"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_titles_with_colons_are_whole_and_the_line_starts_with_the_event(title: str, fmt: str) -> None:
    out = render(_titled(title), fmt)
    assert "release Jun 6, 2025 (official, 1 source, since Oct 19, 2023)" in out
    after_colon = title.split(": ", 1)[-1]
    if after_colon != title:  # the old cut: "Part Three: release ..."
        assert f"{after_colon}: release" not in out, out
