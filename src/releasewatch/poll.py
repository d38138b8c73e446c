"""One poll run: fetch every configured source, find new or changed articles, store their claims.

Fetching happens in parallel (politely per host); parsing, extraction and writing happen on the
calling thread, one transaction per article, so a kill at any moment leaves the database
consistent and the next run picks up what was not stored.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ExtractError, ReleasewatchError
from .models import Article, Source

if TYPE_CHECKING:
    from .config import Config
    from .fetch import Fetcher, FetchResult
    from .sources import FeedItem
    from .store import Store

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (what, done, total)


@dataclass
class SourceResult:
    """What one source gave in one run."""

    name: str
    status: int | None = None
    not_modified: bool = False
    items: int = 0
    articles_new: int = 0
    articles_changed: int = 0
    articles_unchanged: int = 0
    articles_failed: int = 0
    claims_new: int = 0
    requests: int = 0
    error: str | None = None
    validators: dict[str, Any] | None = field(default=None, repr=False)  # ETag etc. to keep for next time

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class RunSummary:
    run_id: int | None
    kind: str
    started_at: datetime
    finished_at: datetime | None = None
    sources: list[SourceResult] = field(default_factory=list)
    interrupted: bool = False
    changes: list[dict[str, Any]] = field(default_factory=list)  # consensus changes this run caused
    problems: list[str] = field(default_factory=list)  # one line per input that failed (ingest: naming the file)

    @property
    def all_failed(self) -> bool:
        return bool(self.sources) and all(not s.ok for s in self.sources)

    def total(self, attr: str) -> int:
        return sum(int(getattr(s, attr)) for s in self.sources)

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id, "kind": self.kind, "interrupted": self.interrupted,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "sources": [{k: v for k, v in vars(s).items() if k != "validators"} | {"ok": s.ok} for s in self.sources],
        }


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def select_sources(config: Config, names: Sequence[str] | None = None) -> list[Source]:
    """The enabled sources, or exactly the named ones (an unknown name is a ConfigError)."""
    if names:
        return [config.source(n) for n in names]
    return [s for s in config.sources if s.enabled]


def run_poll(
    config: Config,
    store: Store,
    *,
    sources: Sequence[str] | None = None,
    dry_run: bool = False,
    now: datetime | None = None,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
) -> RunSummary:
    """Poll the configured sources once. Never raises for a source's failure: it is in the summary."""
    from .fetch import Fetcher, FetchRequest

    selected = select_sources(config, sources)
    clock = now or _utcnow()
    summary = RunSummary(run_id=None if dry_run else store.start_run("poll"), kind="poll", started_at=clock)
    fetcher = fetcher or Fetcher(config.fetch)
    results = {s.name: SourceResult(s.name) for s in selected}
    requests = [FetchRequest(url=s.url, key=s.name, **_conditional(store, s)) for s in selected]
    pending: list[tuple[Source, FeedItem]] = []
    with fetcher.stopped_by(stop):  # a stop (SIGTERM) ends the fetches in flight at once
        for done, fetched in enumerate(fetcher.fetch_many(requests), 1):
            source = next(s for s in selected if s.name == fetched.key)
            if progress:
                progress("sources", done, len(selected))
            pending.extend(_handle_source_response(config, store, source, fetched, results[source.name],
                                                   summary.run_id, dry_run, clock, fetcher))
        pending = _unique_items(pending)
        summary.interrupted = _store_items(config, store, fetcher, pending, results, summary.run_id,
                                           dry_run=dry_run, progress=progress, stop=stop,
                                           clock=now)
    if stop is not None and stop.is_set():
        summary.interrupted = True
    if not dry_run and not summary.interrupted:
        for result in results.values():
            if result.validators and not result.articles_failed:
                store.set_source_state(result.name, **result.validators)
    summary.sources = [results[s.name] for s in selected]
    summary.finished_at = _utcnow() if now is None else clock
    if not dry_run:
        for result in summary.sources:
            if result.error == "stopped":
                continue  # cut short by a stop: not the source's failure
            store.update_source_health(result.name, ok=result.ok, error=result.error,
                                       when=summary.finished_at, new_items=result.articles_new)
        _finish(store, summary)
        _snapshot_consensus(config, store, summary, clock)
    log.info("poll of %d sources: %d new articles, %d new claims, %d failed sources",
             len(summary.sources), summary.total("articles_new"), summary.total("claims_new"),
             sum(1 for s in summary.sources if not s.ok))
    return summary


def _conditional(store: Store, source: Source) -> dict[str, str | None]:
    state = store.source_state(source.name) or {}
    if state.get("url") not in (None, source.url):
        return {"etag": None, "last_modified": None}  # the URL changed: start afresh
    return {"etag": state.get("etag"), "last_modified": state.get("last_modified")}


def _record_attempts(store: Store, run_id: int | None, source: str, fetched: FetchResult, dry_run: bool) -> None:
    if dry_run or run_id is None:
        return
    for record in fetched.attempts:
        store.record_fetch(run_id, source, record)


def _handle_source_response(config: Config, store: Store, source: Source, fetched: FetchResult,
                            result: SourceResult, run_id: int | None, dry_run: bool,
                            clock: datetime, fetcher: Fetcher) -> list[tuple[Source, FeedItem]]:
    """Record the source fetch; return the feed items that need their article fetched."""
    from .sources import discover

    _record_attempts(store, run_id, source.name, fetched, dry_run)
    result.status = fetched.status
    result.requests += len(fetched.attempts)
    if fetched.error:
        result.error = fetched.error
        log.warning("%s: %s", source.name, fetched.error)
        return []
    if fetched.not_modified:
        result.not_modified = True
        return []
    try:
        items = discover(source, fetched)
    except ExtractError as exc:
        result.error = str(exc)
        log.warning("%s: %s", source.name, exc)
        return []
    # The feed's validators are saved only once its items are stored (see run_poll): a run killed
    # before that must not turn the next run's fetch into a 304 that hides the unstored items.
    result.validators = {"url": source.url, "etag": fetched.etag, "last_modified": fetched.last_modified}
    if any(item.is_sitemap for item in items):
        items = _follow_sitemap_index(store, source, items, fetcher, result, run_id, dry_run)
    result.items = len(items)
    if source.kind == "page":
        # The watched page is itself the article: parse what we already have. If it cannot be read,
        # the source failed (its health must say so, not only a log line).
        failure = _store_article(config, store, source, items[0] if items else None, fetched, result, run_id,
                                 dry_run, clock)
        if failure:
            result.error = failure
        return []
    return [(source, item) for item in items if _needs_fetch(store, item)]


MAX_CHILD_SITEMAPS = 3  # the newest children of a sitemap index; older ones hold older articles


def _follow_sitemap_index(store: Store, source: Source, items: list[FeedItem], fetcher: Fetcher,
                          result: SourceResult, run_id: int | None, dry_run: bool) -> list[FeedItem]:
    """A sitemap index: the articles of its newest child sitemaps (one level deep)."""
    from .fetch import FetchRequest
    from .sources import discover

    oldest = datetime.min.replace(tzinfo=timezone.utc)
    children = sorted((i for i in items if i.is_sitemap), key=lambda i: i.updated or i.published or oldest,
                      reverse=True)[:MAX_CHILD_SITEMAPS]
    found = [i for i in items if not i.is_sitemap]
    for fetched in fetcher.fetch_many([FetchRequest(url=child.url, key=source.name) for child in children]):
        _record_attempts(store, run_id, source.name, fetched, dry_run)
        result.requests += len(fetched.attempts)
        try:
            if fetched.error:
                raise ExtractError(fetched.error)
            found += [i for i in discover(source, fetched) if not i.is_sitemap]
        except ExtractError as exc:
            log.warning("%s: child sitemap %s: %s", source.name, fetched.url, exc)
    log.info("%s: sitemap index, %d of %d child sitemaps read, %d articles", source.name, len(children),
             sum(i.is_sitemap for i in items), len(found))
    return found


def _unique_items(pending: list[tuple[Source, FeedItem]]) -> list[tuple[Source, FeedItem]]:
    """One fetch per article, however many feeds list it (under whatever tracking parameters)."""
    from .article import canonical_url

    seen: set[str] = set()
    unique = []
    for source, item in pending:
        key = canonical_url(item.url)
        if key not in seen:
            seen.add(key)
            unique.append((source, item))
    return unique


def _needs_fetch(store: Store, item: FeedItem) -> bool:
    known = store.known_article(item.url)
    if known is None:
        return True
    # The feed says the item changed after the version we hold: fetch it again.
    stored = known.get("updated") or known.get("published")
    return bool(item.updated and stored and item.updated > datetime.fromisoformat(str(stored)))


def _store_items(config: Config, store: Store, fetcher: Fetcher, pending: list[tuple[Source, FeedItem]],
                 results: dict[str, SourceResult], run_id: int | None, *, dry_run: bool,
                 progress: Progress | None, stop: threading.Event | None, clock: datetime | None = None) -> bool:
    """Fetch the new items' pages in parallel and store each as it arrives. True if stopped early."""
    from .fetch import FetchRequest

    by_key = {f"{i}": pair for i, pair in enumerate(pending)}
    requests = [FetchRequest(url=item.url, key=key) for key, (_, item) in by_key.items()]
    for done, fetched in enumerate(fetcher.fetch_many(requests), 1):
        source, item = by_key[fetched.key]
        result = results[source.name]
        _record_attempts(store, run_id, source.name, fetched, dry_run)
        result.requests += len(fetched.attempts)
        _store_article(config, store, source, item, fetched, result, run_id, dry_run, clock)
        if progress:
            progress("articles", done, len(requests))
        if stop is not None and stop.is_set():
            log.info("stop requested: %d of %d articles stored, the rest waits for the next run",
                     done, len(requests))
            fetcher.close()
            return True
    return False


def _store_article(config: Config, store: Store, source: Source, item: FeedItem | None,
                   fetched: FetchResult | None, result: SourceResult, run_id: int | None, dry_run: bool,
                   clock: datetime | None = None) -> str | None:
    """Parse and store one article; the reason it failed, if it did."""
    try:
        article = article_from(fetched, item, source.name)
    except ReleasewatchError as exc:
        result.articles_failed += 1
        log.warning("%s: %s: %s", source.name, item.url if item else source.url, exc)
        return str(exc)
    if article is None:
        result.articles_failed += 1
        return "no readable text"
    claims = claims_for(config, source, article)
    if dry_run:
        result.articles_new += 1
        result.claims_new += len(claims)
        return None
    aliases = [u for u in {item.url if item else None, fetched.final_url if fetched else None} if u]
    saved = store.save_article(article, claims, run_id=run_id, alias_urls=aliases, now=clock)
    _count(result, saved)
    return None


def _count(result: SourceResult, saved: Any) -> None:
    if saved.status == "new":
        result.articles_new += 1
    elif saved.status == "changed":
        result.articles_changed += 1
    else:
        result.articles_unchanged += 1
    result.claims_new += saved.claims_new


def article_from(fetched: FetchResult | None, item: FeedItem | None, source: str) -> Article | None:
    """The article from its page; the feed item's own text when the page could not be fetched."""
    from .article import content_hash, parse_article

    fallback = item.published if item else None
    if fetched is not None and not fetched.error and fetched.content:
        article = parse_article(fetched.content, fetched.final_url or fetched.url, encoding=fetched.encoding,
                                fallback_published=fallback, source=source)
        if article.text.strip():
            return article
    if item is None or not (item.summary or "").strip():
        if fetched is not None and fetched.error:
            raise ExtractError(f"page failed ({fetched.error}) and the feed item has no text")
        return None
    text = item.summary.strip()
    return Article(url=item.url, text=text, headline=item.title or "", published=item.published,
                   updated=item.updated, source=source, content_hash=content_hash(text), date_origin="feed")


def claims_for(config: Config, source: Source, article: Article) -> list:
    """Extract the article's claims about the titles this source is configured for."""
    from .extract.claims import extract_claims

    titles = [t for t in config.titles if not source.titles or t.name in source.titles]
    published = (article.published or article.updated)
    day = published.date() if published else date.today()  # edge: an undated page is read as of today
    claims = extract_claims(article.text, titles, day, headline=article.headline)
    return [c.replace(article_url=article.url, source=source.name) for c in claims]


def _finish(store: Store, summary: RunSummary) -> None:
    status = "interrupted" if summary.interrupted else ("failed" if summary.all_failed else "ok")
    store.finish_run(
        summary.run_id, status,
        sources_ok=sum(1 for s in summary.sources if s.ok),
        sources_failed=sum(1 for s in summary.sources if not s.ok),
        articles_new=summary.total("articles_new"),
        articles_changed=summary.total("articles_changed"),
        claims_new=summary.total("claims_new"),
        error="; ".join(f"{s.name}: {s.error}" for s in summary.sources if s.error) or None,
    )


def _snapshot_consensus(config: Config, store: Store, summary: RunSummary, clock: datetime) -> None:
    """Store the consensus after the run so that a change is detected once and reported once.

    The first run of a day recomputes every title (a date passing turns "release June 6" into
    "released June 6"); later runs that day only the titles that got new claims.
    """
    from .consensus import compute_consensus

    today = clock.date()
    full = store.get_meta("consensus_full_pass") != today.isoformat()
    if full:
        claims = store.claims(until=today)
    else:
        titles = store.titles_extracted_since(summary.started_at)
        claims = [c for title in titles for c in store.claims(title=title, until=today)]
    current = compute_consensus(claims, today, reliability=config.reliability())
    summary.changes = store.save_consensus(current, summary.run_id, computed_at=clock)
    if full:
        store.set_meta("consensus_full_pass", today.isoformat())
    for change in summary.changes:
        log.info("consensus changed: %s", change.get("summary", change))


def ingest(config: Config, store: Store, targets: Iterable[str], *, published: date | None = None,
           source: str | None = None, fetcher: Fetcher | None = None, now: datetime | None = None) -> RunSummary:
    """Backfill from saved HTML/text files or single URLs, through the same path as a poll.

    A target that cannot be read is counted as failed and named in `problems`; the run row is
    always finished, whatever happens.
    """
    clock = now or _utcnow()
    summary = RunSummary(run_id=store.start_run("ingest"), kind="ingest", started_at=clock)
    src = config.source(source) if source else Source(name=source or "ingest", url="file:///", kind="page")
    result = SourceResult(src.name)
    summary.sources = [result]
    fallback = datetime.combine(published, datetime.min.time(), timezone.utc) if published else None
    try:
        for target in targets:
            try:
                article = _ingest_one(config, store, target, src, summary.run_id, fetcher)
            except (ReleasewatchError, OSError) as exc:
                message = f"{target}: {_without_url(str(exc))}"
                result.error = message if result.error is None else f"{result.error}; {message}"
                summary.problems.append(message)
                result.articles_failed += 1
                continue
            if fallback is not None:
                article = _with_published(article, fallback)
            claims = claims_for(config, src, article)
            _count(result, store.save_article(article, claims, run_id=summary.run_id, now=now))
    finally:
        summary.finished_at = clock
        store.update_source_health(result.name, ok=result.error is None, error=result.error, when=clock,
                                   new_items=result.articles_new)
        _finish(store, summary)
    _snapshot_consensus(config, store, summary, clock)
    return summary


def _ingest_one(config: Config, store: Store, target: str, src: Source, run_id: int | None,
                fetcher: Fetcher | None) -> Article:
    """One ingest target as an article; raises ReleasewatchError or OSError saying why not."""
    if target.startswith(("http://", "https://")):
        from .fetch import Fetcher, FetchRequest

        fetcher = fetcher or Fetcher(config.fetch)
        fetched = next(iter(fetcher.fetch_many([FetchRequest(url=target, key=target)])))
        _record_attempts(store, run_id, src.name, fetched, False)
        if fetched.error:
            raise ExtractError(fetched.error)
        article = article_from(fetched, None, src.name)
    else:
        article = _article_from_file(Path(target), src.name)
    if article is None:
        raise ExtractError("no readable text")
    return article


def _without_url(message: str) -> str:
    """parse_article's messages start with the URL; the caller names the target itself."""
    head, sep, rest = message.partition(": ")
    return rest if sep and head.startswith(("file:", "http:", "https:")) else message


def _article_from_file(path: Path, source: str) -> Article | None:
    from .article import parse_article

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExtractError("file not found") from None
    except OSError as exc:
        raise ExtractError(f"cannot read: {exc.strerror or exc}") from None
    return parse_article(data, path.resolve().as_uri(), source=source)


def _with_published(article: Article, when: datetime) -> Article:
    import dataclasses

    return dataclasses.replace(article, published=when, date_origin="given")
