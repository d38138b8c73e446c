"""SQLite storage: schema, migrations, one transaction per article, and the report queries.

Storage only appends: claims are never edited (a new article version marks the old version's
claims superseded), re-polls are idempotent through a stable claim hash, and consensus is
stored as snapshots only when it changes, so a change is reported once.
Filters are always SQL parameters, never pasted into SQL.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from .errors import StoreError
from .models import Article, Claim, Consensus, DateRange
from .schema import _OWN_TRANSACTION, MIGRATIONS, STEPS

log = logging.getLogger(__name__)

CLAIM_STALE_AFTER = timedelta(minutes=15)  # a sender that claimed a digest and died: someone else may retry

_CLAIM_COLUMNS = ("title, event, earliest, latest, granularity, value, label, certainty, sentence, sentence_start, "
                  "sentence_end, time_start, time_end, time_text, cited, previous_earliest, previous_latest, "
                  "previous_label, qualifier, published, extractor_version, in_headline, extracted_at, article_url, "
                  "source")

_CLAIM_COLUMNS_LIGHT = _CLAIM_COLUMNS.replace("sentence,", "NULL,").replace("time_text,", "NULL,").replace(
    "article_url,", "NULL,")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _iso(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):  # stored in UTC, so that stamps compare as strings
        value = value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class SaveResult:
    status: str  # "new", "changed", "unchanged"
    article_id: int
    claims_new: int


def claim_hash(claim: Claim, content_hash: str) -> str:
    """Stable identity of a claim: same article version, same statement, same extractor -> same hash."""
    parts = [content_hash, claim.title, claim.event, claim.range.earliest.isoformat(),
             claim.range.latest.isoformat() if claim.range.latest else "", claim.certainty, claim.sentence,
             str(claim.time_start), str(claim.in_headline), claim.extractor_version]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


class Store:
    """The releasewatch database. Opening it applies pending migrations."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=30000")
        self._migrate()

    # -- schema ------------------------------------------------------------------------------

    def _migrate(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
        done = {r[0] for r in self.conn.execute("SELECT name FROM _migrations")}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            step = STEPS.get(sql)
            try:
                if step is not None and sql in _OWN_TRANSACTION:
                    step(self.conn, self.db)
                self.conn.execute("BEGIN IMMEDIATE")
                if step is not None and sql not in _OWN_TRANSACTION:
                    step(self.conn, self.db)
                for statement in ([] if step is not None else sql.split(";")):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute("INSERT INTO _migrations VALUES (?, ?)", (name, _now()))
                self.conn.execute(f"PRAGMA user_version = {len(done) + 1}")
                self.conn.execute("COMMIT")
                done.add(name)
                log.info("applied migration %s to %s", name, self.path)
            except sqlite3.Error as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise StoreError(f"migration {name} failed on {self.path}: {exc}") from exc

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self.conn.close()

    def integrity_ok(self) -> bool:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    # -- runs and fetches -----------------------------------------------------------------------

    def start_run(self, kind: str) -> int:
        import os

        self.mark_stale_runs()
        cur = self.conn.execute("INSERT INTO runs (kind, started_at, pid) VALUES (?, ?, ?)", (kind, _now(), os.getpid()))
        return int(cur.lastrowid or 0)

    def mark_stale_runs(self) -> int:
        """Runs still 'running' whose process is gone (killed mid-run) become 'interrupted'."""
        rows = self.conn.execute("SELECT id, pid FROM runs WHERE status = 'running'").fetchall()
        stale = [run_id for run_id, pid in rows if not _process_alive(pid)]
        for run_id in stale:
            self.conn.execute("UPDATE runs SET status = 'interrupted', finished_at = COALESCE(finished_at, ?), "
                              "error = COALESCE(error, 'the process ended before the run finished') "
                              "WHERE id = ? AND status = 'running'", (_now(), run_id))
        if stale:
            log.info("marked %d stale runs interrupted", len(stale))
        return len(stale)

    def finish_run(self, run_id: int | None, status: str = "ok", **counts: Any) -> None:
        if run_id is None:
            return
        allowed = {"sources_ok", "sources_failed", "articles_new", "articles_changed", "claims_new", "error"}
        fields = {k: v for k, v in counts.items() if k in allowed}
        sets = ", ".join(f"{k} = ?" for k in fields)
        sql = f"UPDATE runs SET finished_at = ?, status = ?{', ' + sets if sets else ''} WHERE id = ?"
        self.conn.execute(sql, (_now(), status, *fields.values(), run_id))

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,))

    def record_fetch(self, run_id: int | None, source: str, record: Any) -> None:
        get = (lambda k: record.get(k)) if isinstance(record, dict) else (lambda k: getattr(record, k, None))
        self.conn.execute(
            "INSERT INTO fetches (run_id, source, url, status, bytes, etag, last_modified, error, duration, started_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (run_id, source, get("url"), get("status"), get("bytes"), get("etag"), get("last_modified"), get("error"),
             get("duration"), _iso(get("started_at")) or _now()),
        )

    # -- sources -------------------------------------------------------------------------------------

    def _ensure_source(self, name: str) -> None:
        self.conn.execute("INSERT OR IGNORE INTO sources (name) VALUES (?)", (name,))

    def sync_sources(self, sources: Sequence[Any]) -> None:
        """Record the configured sources' url, kind and reliability."""
        with self.conn:
            for s in sources:
                self._ensure_source(s.name)
                self.conn.execute("UPDATE sources SET url = ?, kind = ?, reliability = ? WHERE name = ?",
                                  (s.url, s.kind, s.reliability, s.name))

    def source_state(self, name: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT state_url AS url, etag, last_modified, consecutive_failures, last_error_at, "
                          "last_success, next_poll_after FROM sources WHERE name = ?", (name,))
        return rows[0] if rows else None

    def set_source_state(self, name: str, *, url: str, etag: str | None, last_modified: str | None) -> None:
        self._ensure_source(name)
        self.conn.execute("UPDATE sources SET state_url = ?, etag = ?, last_modified = ? WHERE name = ?",
                          (url, etag, last_modified, name))

    def update_source_health(self, name: str, *, ok: bool, error: str | None = None, when: Any = None,
                             new_items: int = 0) -> None:
        stamp = _iso(when) or _now()
        self._ensure_source(name)
        self.conn.execute("UPDATE sources SET first_poll = COALESCE(first_poll, ?), last_poll = ? WHERE name = ?",
                          (stamp, stamp, name))
        if ok:
            self.conn.execute("UPDATE sources SET last_success = ?, consecutive_failures = 0 WHERE name = ?",
                              (stamp, name))
        else:
            self.conn.execute("UPDATE sources SET last_error = ?, last_error_at = ?, "
                              "consecutive_failures = consecutive_failures + 1 WHERE name = ?", (error, stamp, name))
        if new_items:
            self.conn.execute("UPDATE sources SET last_new_item = ? WHERE name = ?", (stamp, name))

    def source_states(self) -> list[dict[str, Any]]:
        """Each source's polling health without the counts of its articles and claims (cheap)."""
        return self._rows("SELECT name, url, first_poll, last_poll, last_success, last_error, last_error_at, "
                          "consecutive_failures, last_new_item FROM sources ORDER BY name")

    def source_health(self) -> list[dict[str, Any]]:
        """Every source's health (the `source_health` view), by name."""
        return self._rows("SELECT * FROM source_health ORDER BY name")

    # -- articles and claims --------------------------------------------------------------------------

    def canonical_for(self, url: str) -> str:
        row = self.conn.execute("SELECT canonical_url FROM article_urls WHERE url = ?", (url,)).fetchone()
        return row[0] if row else url

    def known_article(self, url: str) -> dict[str, Any] | None:
        """The current version of the article reached by `url` (directly or as an alias), or None."""
        rows = self._rows("SELECT id, url, content_hash, published, updated FROM articles "
                          "WHERE url = ? AND superseded_by IS NULL", (self.canonical_for(url),))
        return rows[0] if rows else None

    def save_article(self, article: Article, claims: Sequence[Claim], *, run_id: int | None = None,
                     alias_urls: Sequence[str] = (), now: datetime | None = None) -> SaveResult:
        """Store one article version and its claims in one transaction."""
        content_hash = article.content_hash or hashlib.sha256(" ".join(article.text.split()).encode()).hexdigest()
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            for alias in {article.url, article.fetched_url, *alias_urls} - {""}:
                self.conn.execute("INSERT OR REPLACE INTO article_urls (url, canonical_url) VALUES (?, ?)",
                                  (alias, article.url))
            same = self.conn.execute("SELECT id FROM articles WHERE url = ? AND content_hash = ?",
                                     (article.url, content_hash)).fetchone()
            if same:
                return SaveResult("unchanged", int(same[0]), 0)
            current = self.conn.execute("SELECT id, version FROM articles WHERE url = ? AND superseded_by IS NULL",
                                        (article.url,)).fetchone()
            version = (current[1] + 1) if current else 1
            cur = self.conn.execute(
                "INSERT INTO articles (url, version, content_hash, headline, text, published, updated, source, "
                "fetched_url, language, date_origin, first_seen, run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (article.url, version, content_hash, article.headline, article.text, _iso(article.published),
                 _iso(article.updated), article.source, article.fetched_url or None, article.language or None,
                 article.date_origin or None, _now(), run_id),
            )
            article_id = int(cur.lastrowid or 0)
            if current:
                self.conn.execute("UPDATE articles SET superseded_by = ? WHERE id = ?", (article_id, current[0]))
                self.conn.execute("UPDATE claims SET superseded = 1 WHERE article_id = ?", (current[0],))
            added = self._insert_claims(article_id, article, content_hash, claims, now=now)
        return SaveResult("changed" if current else "new", article_id, added)

    def _insert_claims(self, article_id: int, article: Article, content_hash: str, claims: Sequence[Claim], *,
                       now: datetime | None = None, first_seen: Mapping[tuple[Any, ...], str] | None = None) -> int:
        from .consensus import consensus_event

        stamp = _iso(now) or _now()
        added = 0
        for source in {c.source or article.source for c in claims} - {""}:  # claims.source refers to sources
            self._ensure_source(source)
        for c in claims:
            prev = c.previous
            key = (c.title, c.event, c.range.earliest.isoformat(), _iso(c.range.latest), c.certainty, c.sentence_start)
            extracted_at = (first_seen or {}).get(key) or stamp
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO claims (claim_hash, article_id, title, event, earliest, latest, granularity, "
                "value, label, certainty, cited, time_text, sentence, sentence_start, sentence_end, time_start, "
                "time_end, in_headline, previous_earliest, previous_latest, previous_label, qualifier, published, "
                "source, article_url, extractor_version, extracted_at, track) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (claim_hash(c, content_hash), article_id, c.title, c.event, c.range.earliest.isoformat(),
                 _iso(c.range.latest), c.range.granularity, c.range.value, c.range.label, c.certainty, c.cited,
                 c.time_text, c.sentence, c.sentence_start, c.sentence_end, c.time_start, c.time_end,
                 int(c.in_headline), _iso(prev.earliest) if prev else None, _iso(prev.latest) if prev else None,
                 prev.label if prev else None, c.qualifier, _iso(c.published),
                 c.source or article.source or None, c.article_url or article.url, c.extractor_version, extracted_at,
                 consensus_event(c)),
            )
            added += cur.rowcount
        return added

    def add_claims(self, article_id: int, claims: Sequence[Claim], *, extractor_version: str | None = None) -> int:
        """Add claims (e.g. from a newer extractor) to a stored article version; duplicates are ignored.

        With `extractor_version`, the article's claims from other extractor versions are marked
        superseded in the same transaction: they stay in the history but no longer count.
        """
        row = self.conn.execute("SELECT content_hash, url, source FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise StoreError(f"no article with id {article_id}")
        article = Article(url=row[1], text="", source=row[2] or "")
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            seen: dict[tuple[Any, ...], str] = {}
            if extractor_version is not None:
                # A claim the new extractor finds again keeps the time it was first seen: it is not news.
                for r in self.conn.execute(
                        "SELECT title, event, earliest, latest, certainty, sentence_start, extracted_at FROM claims "
                        "WHERE article_id = ? AND superseded = 0 AND extractor_version IS NOT ?",
                        (article_id, extractor_version)):
                    seen.setdefault(tuple(r[:6]), r[6])
                self.conn.execute("UPDATE claims SET superseded = 1 WHERE article_id = ? AND superseded = 0 AND "
                                  "extractor_version IS NOT ?", (article_id, extractor_version))
            return self._insert_claims(article_id, article, row[0], claims, first_seen=seen)

    def iter_articles(self, *, since: date | None = None, current_only: bool = True) -> Iterator[tuple[int, Article]]:
        where, params = _where([("superseded_by IS NULL", True if current_only else None),
                                ("published >= ?", _iso(since))])
        sql = f"SELECT id FROM articles{where} ORDER BY id"
        for (article_id,) in self.conn.execute(sql, params).fetchall():
            row = self._rows("SELECT * FROM articles WHERE id = ?", (article_id,))[0]
            yield article_id, _article_from_row(row)

    def claims(self, title: str | None = None, event: str | None = None, certainty: str | None = None,
               source: str | None = None, since: date | None = None, until: date | None = None,
               track: str | None = None,
               current_only: bool = True, limit: int | None = None, with_text: bool = True,
               extracted_after: datetime | None = None, extracted_until: datetime | None = None,
               ordered: bool = True) -> list[Claim]:
        """Stored claims, newest published first (unless not `ordered`), with their provenance.

        `with_text=False` leaves out the sentence and link (a consensus over a million claims
        does not need them, and reading them is most of its cost).
        """
        # An "up to" date alone matches most rows: a table scan beats walking the date index.
        upto = "+published <= ?" if title is None and since is None and extracted_after is None else "published <= ?"
        where, params = _where([("superseded = 0", True if current_only else None),
                                ("title = ? COLLATE NOCASE", title), ("event = ? COLLATE NOCASE", event),
                                ("track = ?", track),
                                ("certainty = ? COLLATE NOCASE", certainty), ("source = ? COLLATE NOCASE", source),
                                ("published >= ?", _iso(since)), (upto, _iso(until)),
                                ("extracted_at > ?", _iso(extracted_after)),
                                ("extracted_at <= ?", _iso(extracted_until))])
        sql = f"SELECT {_CLAIM_COLUMNS if with_text else _CLAIM_COLUMNS_LIGHT} FROM claims{where}"
        if ordered:
            sql += " ORDER BY published DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        ranges: dict[tuple[Any, ...], DateRange] = {}  # a million claims share far fewer ranges
        return [_claim_from_tuple(r, ranges) for r in self.conn.execute(sql, params)]

    # -- the consensus cache (report/current.py) ---------------------------------------------------------

    def claim_fingerprints(self, until: date, titles: Sequence[str] | None = None) -> dict[str, tuple[int, int]]:
        """Per title, of its current claims published by `until`: (how many, the newest id). A new
        claim, a superseded one or a date that lets another in changes it (idx_claims_fingerprint)."""
        sql = "SELECT title, COUNT(*), MAX(id) FROM claims WHERE superseded = 0 AND published <= ?"
        if titles is None:
            rows = self.conn.execute(sql + " GROUP BY title", (_iso(until),)).fetchall()
        else:
            rows = [r for t in titles for r in self.conn.execute(sql + " AND title = ? GROUP BY title",
                                                                 (_iso(until), t))]
        return {r[0]: (int(r[1]), int(r[2])) for r in rows}

    def cached_consensus(self, titles: Sequence[str] | None = None) -> dict[str, list[dict[str, Any]]]:
        if titles is None:
            rows = self._rows("SELECT * FROM consensus_cache")
        else:
            rows = [r for t in titles for r in self._rows("SELECT * FROM consensus_cache WHERE title = ?", (t,))]
        out: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            out.setdefault(row["title"], []).append(row)
        return out

    def replace_cached_consensus(self, titles: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> None:
        """The cached decisions of `titles`, replaced by `rows` in one transaction."""
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.executemany("DELETE FROM consensus_cache WHERE title = ?", [(t,) for t in titles])
            if rows:
                cols = list(rows[0])
                self.conn.executemany(f"INSERT INTO consensus_cache ({', '.join(cols)}) VALUES "
                                      f"({', '.join('?' for _ in cols)})", [tuple(r[c] for c in cols) for r in rows])

    def known_titles(self) -> list[str]:
        """Every title with a stored claim."""
        return [r[0] for r in self.conn.execute("SELECT DISTINCT title FROM claims")]

    def titles_extracted_since(self, when: datetime) -> list[str]:
        """The titles of the claims stored at or after `when` (e.g. by the current run)."""
        rows = self.conn.execute("SELECT DISTINCT title FROM claims WHERE extracted_at >= ?", (_iso(when),))
        return [r[0] for r in rows]

    # -- key/value ----------------------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.conn:
            self.conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                              "value = excluded.value", (key, value))

    # -- consensus snapshots ------------------------------------------------------------------------------

    def latest_consensus(self) -> list[dict[str, Any]]:
        return self._rows("""SELECT c.* FROM consensus c JOIN (SELECT title, event, MAX(id) AS id FROM consensus
                             GROUP BY title, event) last ON c.id = last.id ORDER BY c.title, c.event""")

    def save_consensus(self, consensuses: Sequence[Consensus], run_id: int | None, *,
                       computed_at: datetime | None = None) -> list[dict[str, Any]]:
        """Store a snapshot of each consensus that changed; return those changes (each reported once)."""
        from .consensus import detect_changes, to_snapshot

        stamp = _iso(computed_at) or _now()
        changes = detect_changes(self.latest_consensus(), consensuses)
        by_key = {(c.title, c.event): c for c in consensuses}
        out = []
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            for change in changes:
                cons = by_key[(change.title, change.event)]
                snap = to_snapshot(cons)
                cause = change_cause(cons)
                self.conn.execute(
                    "INSERT INTO consensus (run_id, computed_at, as_of, title, event, earliest, latest, label, "
                    "range_label, certainty, sources, claims, since, previous_earliest, previous_latest, change_kind, "
                    "summary, cause_sentence, cause_source, cause_url) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (run_id, stamp, cons.as_of.isoformat(), cons.title, cons.event, snap["earliest"], snap["latest"],
                     snap["label"], snap["range_label"], snap["certainty"], json.dumps(snap["sources"]),
                     snap["claims"], snap["since"], snap["previous_earliest"], snap["previous_latest"], change.kind,
                     change.summary, cause.sentence if cause else None, cause.source if cause else None,
                     cause.article_url if cause else None),
                )
                out.append({"title": change.title, "event": change.event, "kind": change.kind,
                            "summary": change.summary, "computed_at": stamp, "as_of": cons.as_of.isoformat()})
        return out

    def consensus_changes(self, *, since: datetime | None = None, until: datetime | None = None) -> list[dict[str, Any]]:
        where, params = _where([("computed_at > ?", _iso(since)), ("computed_at <= ?", _iso(until))])
        return _json_columns(self._rows(f"SELECT * FROM consensus{where} ORDER BY id", params))

    def consensus_history(self, title: str, *, event: str | None = None, as_of: date | None = None
                          ) -> list[dict[str, Any]]:
        """The stored changes of TITLE's consensus, oldest first; only EVENT's track, only those made by AS_OF."""
        where, params = _where([("title = ? COLLATE NOCASE", title), ("event = ?", event), ("as_of <= ?", _iso(as_of))])
        return _json_columns(self._rows(
            "SELECT as_of, computed_at, event, label, certainty, change_kind, summary, sources, "
            f"cause_sentence AS sentence, cause_source AS source, cause_url AS url FROM consensus{where} ORDER BY id",
            params))

    # -- digests ------------------------------------------------------------------------------------------

    def add_digest(self, *, period_start: Any, period_end: Any, fmt: str, destination: str, subject: str,
                   body: str) -> int:
        """Record a digest as pending for one destination; the same period and destination only once."""
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute(
                "INSERT OR IGNORE INTO digests (created_at, period_start, period_end, format, destination, subject, "
                "body) VALUES (?,?,?,?,?,?,?)",
                (_now(), _iso(period_start), _iso(period_end), fmt, destination, subject, body))
            row = self.conn.execute("SELECT id FROM digests WHERE period_end = ? AND destination = ?",
                                    (_iso(period_end), destination)).fetchone()
        return int(row[0])

    def pending_digests(self, destination: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM digests WHERE status != 'delivered'"
        params: list[Any] = []
        if destination is not None:
            sql += " AND destination = ?"
            params.append(destination)
        return self._rows(sql + " ORDER BY id", params)

    def claim_digest(self, digest_id: int, *, now: datetime | None = None) -> bool:
        """Take a pending (or failed) digest for sending; False if another sender has it or it went out.

        One UPDATE that only matches an unclaimed row, so of two senders at once exactly one wins.
        A claim older than CLAIM_STALE_AFTER (its sender died) may be taken over.
        """
        import os

        clock = now or datetime.now(timezone.utc)
        cur = self.conn.execute(
            "UPDATE digests SET status = 'sending', claimed_at = ?, claimed_by = ? WHERE id = ? AND "
            "(status IN ('pending', 'failed') OR (status = 'sending' AND claimed_at < ?))",
            (_iso(clock), os.getpid(), digest_id, _iso(clock - CLAIM_STALE_AFTER)))
        return cur.rowcount == 1

    def save_digest_attachments(self, digest_id: int, files: Sequence[tuple[str, bytes, str, str]]) -> None:
        """Keep a digest's inline images, so that a retried e-mail still has its charts."""
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.executemany(
                "INSERT OR IGNORE INTO digest_attachments (digest_id, filename, data, mime, cid) VALUES (?,?,?,?,?)",
                [(digest_id, name, data, mime, cid) for name, data, mime, cid in files])

    def digest_attachments(self, digest_id: int) -> list[tuple[str, bytes, str, str]]:
        rows = self.conn.execute("SELECT filename, data, mime, cid FROM digest_attachments WHERE digest_id = ? "
                                 "ORDER BY rowid", (digest_id,)).fetchall()
        return [(str(name), bytes(data), str(mime), str(cid)) for name, data, mime, cid in rows]

    def mark_delivered(self, digest_id: int) -> None:
        self.conn.execute("UPDATE digests SET status = 'delivered', delivered_at = ?, attempts = attempts + 1, "
                          "last_error = NULL WHERE id = ?", (_now(), digest_id))

    def mark_failed(self, digest_id: int, error: str) -> None:
        self.conn.execute("UPDATE digests SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
                          (error, digest_id))

    def last_delivered_digest(self) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM digests WHERE status = 'delivered' ORDER BY period_end DESC LIMIT 1")
        return rows[0] if rows else None


def _process_alive(pid: int | None) -> bool:
    import os

    if not pid:
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def change_cause(cons: Consensus) -> Claim | None:
    """The claim behind a consensus: the newest of those with its dates and certainty.

    Dates, not DateRange equality: the consensus may carry an older claim's range object, whose
    label or value differ ("June 6, 2025" said in 2023 vs "out now" said on the day).
    """
    days = (cons.range.earliest, cons.range.latest) if cons.range else None
    return max(cons.supporting, key=lambda c: ((c.range.earliest, c.range.latest) == days,
                                               c.certainty == cons.certainty, c.published or date.min),
               default=None)


_JSON_COLUMNS = ("sources",)


def _json_columns(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Decode the JSON array columns, so callers (and `--json`) see lists, not JSON inside a string."""
    for row in rows:
        for key in _JSON_COLUMNS:
            if isinstance(row.get(key), str):
                row[key] = json.loads(row[key])
    return rows


def _where(conditions: Sequence[tuple[str, Any]]) -> tuple[str, list[Any]]:
    """" WHERE a AND b" from (sql, value) pairs whose value is not None; `True` marks a condition
    without a parameter. Values are always parameters, never pasted into SQL."""
    used = [(sql, value) for sql, value in conditions if value is not None]
    if not used:
        return "", []
    return " WHERE " + " AND ".join(sql for sql, _ in used), [v for sql, v in used if "?" in sql]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value if len(value) == 10 else value[:10]) if value else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _claim_from_tuple(r: tuple[Any, ...], ranges: dict[tuple[Any, ...], DateRange] | None = None) -> Claim:
    """A row of _CLAIM_COLUMNS -> Claim (tuples, not dicts: reports read a million of these).

    `ranges` interns the DateRanges of one query: equal ranges become one object.
    """
    (title, event, earliest, latest, granularity, value, label, certainty, sentence, s_start, s_end, t_start, t_end,
     time_text, cited, p_earliest, p_latest, p_label, qualifier, published, version, in_headline, extracted_at,
     url, source) = r
    previous = DateRange(date.fromisoformat(p_earliest), _date(p_latest), label=p_label or "") if p_earliest else None
    key = (earliest, latest, granularity, value, label)
    rng = ranges.get(key) if ranges is not None else None
    if rng is None:
        rng = DateRange(date.fromisoformat(earliest), _date(latest), granularity or "day", value or "", label or "")
        if ranges is not None:
            ranges[key] = rng
    return Claim(title, event, rng, certainty, sentence or "", s_start, s_end, t_start, t_end, time_text or "", cited,
                 previous, qualifier, _date(published), version or "", bool(in_headline), extracted_at or "", url or "",
                 source or "")


def _article_from_row(r: dict[str, Any]) -> Article:
    return Article(url=r["url"], text=r["text"], headline=r["headline"] or "", published=_dt(r["published"]),
                   updated=_dt(r["updated"]), source=r["source"] or "", language=r["language"] or "",
                   content_hash=r["content_hash"], fetched_url=r["fetched_url"] or "",
                   date_origin=r["date_origin"] or "")
