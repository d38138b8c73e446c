"""The schema Datasette and scripts see: a database made by the first releasewatch schema is
upgraded in place (tracks, a foreign key from claims to sources, JSON arrays, views, full-text
search), and new writes keep it that way."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from releasewatch import store as store_module
from releasewatch.models import Article, Claim, DateRange
from releasewatch.store import Store

OLD = [(1, "Ballerina", "release", "2025-06-06", "official", "digital", "Ballerina lands on digital in July.", ""),
       (2, "Ballerina", "release", "2025-06-06", "official", "UK", "UK cinemas get it a day early.", "Reel Ledger"),
       (3, "Ballerina", "release", "2025-06-06", "official", "Netflix", "It streams later on Netflix.", "Reel Ledger"),
       (4, "Ballerina", "trailer", "2024-12-05", "official", None, "A second trailer dropped.", "Frame Rate")]


@pytest.fixture
def upgraded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    path = tmp_path / "old.db"
    with monkeypatch.context() as m:  # the schema as the first releases made it
        m.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:3])
        old = Store(path)
        old.conn.execute("INSERT INTO articles (id, url, version, content_hash, headline, text, first_seen) "
                         "VALUES (1, 'https://reel-ledger.example/a', 1, 'h', 'Ballerina gets a digital date', 't', 'x')")
        for cid, title, event, earliest, cert, qualifier, sentence, source in OLD:
            old.conn.execute("INSERT INTO claims (id, claim_hash, article_id, title, event, earliest, latest, certainty, "
                             "qualifier, sentence, source, published) VALUES (?,?,1,?,?,?,?,?,?,?,?,'2025-06-01')",
                             (cid, f"h{cid}", title, event, earliest, earliest, cert, qualifier, sentence, source))
        old.conn.execute("INSERT INTO consensus (computed_at, title, event, sources) VALUES "
                         "('2025-06-01', 'Ballerina', 'release', ?)", (json.dumps(json.dumps(["Reel Ledger"])),))
        old.close()
    return Store(path)


def test_tracks_are_filled_from_event_and_qualifier(upgraded: Store) -> None:
    rows = dict(upgraded.conn.execute("SELECT id, track FROM claims").fetchall())
    assert rows == {1: "home_release", 2: "release (UK)", 3: "release", 4: "trailer"}
    assert [c.sentence for c in upgraded.claims(track="home_release")] == ["Ballerina lands on digital in July."]


def test_claims_refer_to_sources(upgraded: Store) -> None:
    keys = {(r[2], r[3], r[4]) for r in upgraded.conn.execute("PRAGMA foreign_key_list(claims)")}
    assert ("sources", "source", "name") in keys and ("articles", "article_id", "id") in keys
    assert upgraded.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert upgraded.conn.execute("SELECT source FROM claims WHERE id = 1").fetchone() == (None,)  # '' was no source
    with pytest.raises(sqlite3.IntegrityError):
        upgraded.conn.execute("INSERT INTO claims (claim_hash, title, event, earliest, certainty, source) "
                              "VALUES ('x', 'T', 'release', '2025-01-01', 'official', 'Nowhere')")


def test_json_columns_hold_arrays(upgraded: Store) -> None:
    raw = upgraded.conn.execute("SELECT sources, json_type(sources) FROM consensus").fetchone()
    assert raw == ('["Reel Ledger"]', "array")
    assert upgraded.consensus_history("Ballerina")[0]["sources"] == ["Reel Ledger"]


def test_views_and_full_text_search(upgraded: Store) -> None:
    names = {r[0] for r in upgraded.conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert {"current_consensus", "claims_with_articles", "source_health"} <= names
    joined = upgraded._rows("SELECT claim_id, headline, track FROM claims_with_articles WHERE claim_id = 1")
    assert joined == [{"claim_id": 1, "headline": "Ballerina gets a digital date", "track": "home_release"}]
    assert [r["name"] for r in upgraded.source_health()] == ["Frame Rate", "Reel Ledger"]
    found = upgraded.conn.execute("SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'trailer'").fetchall()
    assert found == [(4,)]
    assert upgraded.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'digital'").fetchall() == [(1,)]


def test_new_claims_get_a_track_a_known_source_and_a_search_entry(tmp_path: Path) -> None:
    store = Store(tmp_path / "new.db")
    rng = DateRange(date(2025, 7, 22), date(2025, 7, 22))
    claim = Claim("Ballerina", "release", rng, "official", "Ballerina arrives on digital July 22.", 0, 36, 27, 34,
                  "July 22", qualifier="digital", published=date(2025, 6, 20), extractor_version="t")
    store.save_article(Article(url="https://frame-rate.example/digital", text=claim.sentence, source="Frame Rate"),
                       [claim])
    assert store.conn.execute("SELECT track, source FROM claims").fetchall() == [("home_release", "Frame Rate")]
    assert store.conn.execute("SELECT name FROM sources").fetchall() == [("Frame Rate",)]
    assert store.conn.execute("SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'digital'").fetchall() == [(1,)]
