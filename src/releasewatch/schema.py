"""The database schema as migrations, applied in order when a store opens (store.Store._migrate).

A migration is SQL (statements separated by ";") or the name of a function below that gets the
connection and the sqlite-utils Database. Never edit one that has shipped: add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date

import sqlite_utils

from .models import Claim, DateRange

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_initial", """
    CREATE TABLE sources (
        name TEXT PRIMARY KEY, url TEXT, kind TEXT, reliability REAL,
        state_url TEXT, etag TEXT, last_modified TEXT,
        first_poll TEXT, last_poll TEXT, last_success TEXT, last_error TEXT, last_error_at TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0, last_new_item TEXT, next_poll_after TEXT
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY, kind TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
        status TEXT NOT NULL DEFAULT 'running', sources_ok INTEGER, sources_failed INTEGER,
        articles_new INTEGER, articles_changed INTEGER, claims_new INTEGER, error TEXT, pid INTEGER
    );
    CREATE TABLE fetches (
        id INTEGER PRIMARY KEY, run_id INTEGER REFERENCES runs(id), source TEXT, url TEXT NOT NULL,
        status INTEGER, bytes INTEGER, etag TEXT, last_modified TEXT, error TEXT, duration REAL, started_at TEXT
    );
    CREATE INDEX idx_fetches_source ON fetches(source, started_at);
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY, url TEXT NOT NULL, version INTEGER NOT NULL, content_hash TEXT NOT NULL,
        headline TEXT, text TEXT NOT NULL, published TEXT, updated TEXT, source TEXT, fetched_url TEXT,
        language TEXT, date_origin TEXT, first_seen TEXT NOT NULL, run_id INTEGER REFERENCES runs(id),
        superseded_by INTEGER REFERENCES articles(id),
        UNIQUE (url, content_hash)
    );
    CREATE INDEX idx_articles_url ON articles(url, superseded_by);
    CREATE INDEX idx_articles_published ON articles(published);
    CREATE TABLE article_urls (url TEXT PRIMARY KEY, canonical_url TEXT NOT NULL);
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY, claim_hash TEXT NOT NULL UNIQUE,
        article_id INTEGER REFERENCES articles(id), title TEXT NOT NULL, event TEXT NOT NULL,
        earliest TEXT NOT NULL, latest TEXT, granularity TEXT, value TEXT, label TEXT, certainty TEXT NOT NULL,
        cited TEXT, time_text TEXT, sentence TEXT, sentence_start INTEGER, sentence_end INTEGER,
        time_start INTEGER, time_end INTEGER, in_headline INTEGER NOT NULL DEFAULT 0,
        previous_earliest TEXT, previous_latest TEXT, previous_label TEXT, qualifier TEXT,
        published TEXT, source TEXT, article_url TEXT, extractor_version TEXT, extracted_at TEXT,
        superseded INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX idx_claims_title ON claims(title, event, published);
    CREATE INDEX idx_claims_published ON claims(published);
    CREATE INDEX idx_claims_article ON claims(article_id);
    CREATE TABLE consensus (
        id INTEGER PRIMARY KEY, run_id INTEGER REFERENCES runs(id), computed_at TEXT NOT NULL, as_of TEXT,
        title TEXT NOT NULL, event TEXT NOT NULL, earliest TEXT, latest TEXT, label TEXT, range_label TEXT,
        certainty TEXT, sources TEXT, claims INTEGER, since TEXT, previous_earliest TEXT, previous_latest TEXT,
        change_kind TEXT, summary TEXT, cause_sentence TEXT, cause_source TEXT, cause_url TEXT
    );
    CREATE INDEX idx_consensus_key ON consensus(title, event, id);
    CREATE INDEX idx_consensus_time ON consensus(computed_at);
    CREATE TABLE digests (
        id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, period_start TEXT, period_end TEXT NOT NULL,
        format TEXT, destination TEXT NOT NULL, subject TEXT, body TEXT, status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, delivered_at TEXT,
        UNIQUE (period_end, destination)
    );
    """),
    ("0002_claims_title_nocase", """
    CREATE INDEX idx_claims_title_nocase ON claims(title COLLATE NOCASE, event, published);
    CREATE INDEX idx_claims_source ON claims(source COLLATE NOCASE)
    """),
    ("0003_claims_extracted_and_meta", """
    CREATE INDEX idx_claims_extracted ON claims(extracted_at);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)
    """),
    ("0004_claims_track_and_source_key", "_migrate_claims_track_and_source_key"),
    ("0005_json_arrays", """
    UPDATE consensus SET sources = json_extract(sources, '$')
        WHERE json_valid(sources) AND json_type(sources) = 'text' AND json_valid(json_extract(sources, '$'));
    UPDATE consensus SET sources = '[]' WHERE sources IS NULL OR sources = '';
    UPDATE consensus SET sources = json_array(sources) WHERE NOT json_valid(sources)
    """),
    ("0006_views", """
    CREATE VIEW current_consensus AS
        SELECT c.title, c.event, c.label, c.certainty, c.earliest, c.latest, c.since, c.claims,
               json(c.sources) AS sources, c.change_kind, c.summary, c.as_of, c.computed_at,
               c.cause_sentence, c.cause_source, c.cause_url
        FROM consensus c JOIN (SELECT title, event, MAX(id) AS id FROM consensus GROUP BY title, event) last
             ON c.id = last.id;
    CREATE VIEW claims_with_articles AS
        SELECT cl.id AS claim_id, cl.title, cl.track, cl.event, cl.qualifier, cl.label, cl.earliest, cl.latest,
               cl.certainty, cl.cited, cl.time_text, cl.sentence, cl.published, cl.source, a.headline,
               COALESCE(a.url, cl.article_url) AS article_url, a.version AS article_version,
               a.first_seen AS article_first_seen, cl.previous_label, cl.extractor_version, cl.extracted_at,
               cl.superseded
        FROM claims cl LEFT JOIN articles a ON a.id = cl.article_id;
    CREATE INDEX idx_articles_source ON articles(source, superseded_by);
    CREATE VIEW source_health AS
        SELECT s.name, s.url, s.kind, s.reliability, s.first_poll, s.last_poll, s.last_success, s.last_error,
               s.last_error_at, s.consecutive_failures, s.last_new_item,
               (SELECT COUNT(*) FROM articles a WHERE a.source = s.name AND a.superseded_by IS NULL) AS articles,
               (SELECT COUNT(*) FROM claims c WHERE c.source = s.name AND c.superseded = 0) AS claims,
               (SELECT f.status FROM fetches f WHERE f.source = s.name ORDER BY f.started_at DESC LIMIT 1)
                   AS last_status
        FROM sources s
    """),
    ("0007_full_text_search", "_migrate_full_text_search"),
    ("0008_consensus_cache", """
    CREATE TABLE consensus_cache (
        title TEXT NOT NULL, event TEXT NOT NULL, fingerprint TEXT NOT NULL,
        earliest TEXT, latest TEXT, granularity TEXT, value TEXT, range_label TEXT, certainty TEXT NOT NULL,
        since TEXT, sources TEXT NOT NULL, claims INTEGER, dissent INTEGER,
        previous_earliest TEXT, previous_latest TEXT, previous_granularity TEXT, previous_value TEXT,
        previous_label TEXT, label TEXT, phrase TEXT, worded_as_of TEXT,
        PRIMARY KEY (title, event)
    );
    CREATE INDEX idx_claims_fingerprint ON claims(title, superseded, published)
    """),
    ("0009_digest_claims_and_attachments", """
    ALTER TABLE digests ADD COLUMN claimed_at TEXT;
    ALTER TABLE digests ADD COLUMN claimed_by INTEGER;
    CREATE TABLE digest_attachments (
        digest_id INTEGER NOT NULL REFERENCES digests(id), filename TEXT NOT NULL, mime TEXT NOT NULL,
        cid TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (digest_id, cid)
    )
    """),
]

# claims as rebuilt by 0004: `source` refers to sources(name), `track` is the consensus line it counts towards.
_CLAIMS_TABLE = """
CREATE TABLE {name} (
    id INTEGER PRIMARY KEY, claim_hash TEXT NOT NULL UNIQUE,
    article_id INTEGER REFERENCES articles(id), title TEXT NOT NULL, event TEXT NOT NULL,
    earliest TEXT NOT NULL, latest TEXT, granularity TEXT, value TEXT, label TEXT, certainty TEXT NOT NULL,
    cited TEXT, time_text TEXT, sentence TEXT, sentence_start INTEGER, sentence_end INTEGER,
    time_start INTEGER, time_end INTEGER, in_headline INTEGER NOT NULL DEFAULT 0,
    previous_earliest TEXT, previous_latest TEXT, previous_label TEXT, qualifier TEXT,
    published TEXT, source TEXT REFERENCES sources(name), article_url TEXT, extractor_version TEXT,
    extracted_at TEXT, superseded INTEGER NOT NULL DEFAULT 0, track TEXT
)"""
_CLAIMS_OLD_COLUMNS = ("id, claim_hash, article_id, title, event, earliest, latest, granularity, value, label, certainty, "
                       "cited, time_text, sentence, sentence_start, sentence_end, time_start, time_end, in_headline, "
                       "previous_earliest, previous_latest, previous_label, qualifier, published, source, "
                       "article_url, extractor_version, extracted_at, superseded")
_CLAIMS_INDEXES = """
CREATE INDEX idx_claims_title ON claims(title, event, published);
CREATE INDEX idx_claims_published ON claims(published);
CREATE INDEX idx_claims_article ON claims(article_id);
CREATE INDEX idx_claims_title_nocase ON claims(title COLLATE NOCASE, event, published);
CREATE INDEX idx_claims_source ON claims(source, superseded);
CREATE INDEX idx_claims_extracted ON claims(extracted_at);
CREATE INDEX idx_claims_track ON claims(title COLLATE NOCASE, track, published)
"""


def _migrate_claims_track_and_source_key(conn: sqlite3.Connection, db: sqlite_utils.Database) -> None:
    """Rebuild claims (SQLite cannot add a foreign key in place) with `source` -> sources(name) and a
    `track` column filled from event and qualifier, so "home_release" is one name everywhere."""
    from .consensus import consensus_event

    conn.execute("UPDATE claims SET source = NULL WHERE source = ''")
    conn.execute("INSERT OR IGNORE INTO sources (name) SELECT DISTINCT source FROM claims WHERE source IS NOT NULL")
    conn.execute(_CLAIMS_TABLE.format(name="claims_rebuilt"))
    conn.execute(f"INSERT INTO claims_rebuilt ({_CLAIMS_OLD_COLUMNS}, track) SELECT {_CLAIMS_OLD_COLUMNS}, event "
                 "FROM claims")
    conn.execute("DROP TABLE claims")
    conn.execute("ALTER TABLE claims_rebuilt RENAME TO claims")
    for statement in _CLAIMS_INDEXES.split(";"):
        conn.execute(statement)
    qualifiers = conn.execute("SELECT DISTINCT qualifier FROM claims WHERE event = 'release' AND qualifier IS NOT NULL")
    for (qualifier,) in qualifiers.fetchall():
        probe = Claim("", "release", DateRange(date.min, None), "", "", 0, 0, 0, 0, "", qualifier=qualifier)
        conn.execute("UPDATE claims SET track = ? WHERE event = 'release' AND qualifier = ?",
                     (consensus_event(probe), qualifier))


def _migrate_full_text_search(conn: sqlite3.Connection, db: sqlite_utils.Database) -> None:
    """Full-text search on claims' sentences and articles' headlines (sqlite-utils' FTS5 tables, kept
    current by triggers), so Datasette shows a search box on both tables."""
    db["claims"].enable_fts(["sentence"], create_triggers=True, replace=True)  # type: ignore[union-attr]
    db["articles"].enable_fts(["headline"], create_triggers=True, replace=True)  # type: ignore[union-attr]


# Migrations that sqlite-utils' own statements run: they commit as they go (executescript), so they
# run outside the migration's transaction and are written to be safe to run again.
_OWN_TRANSACTION = {"_migrate_full_text_search"}


STEPS: dict[str, Callable[[sqlite3.Connection, sqlite_utils.Database], None]] = {
    "_migrate_claims_track_and_source_key": _migrate_claims_track_and_source_key,
    "_migrate_full_text_search": _migrate_full_text_search,
}
