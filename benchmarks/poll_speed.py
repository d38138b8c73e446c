"""Poll speed: 1,000 feeds of 20 items on many loopback hosts; a first poll, then an all-304 re-poll.

    python benchmarks/poll_speed.py [--feeds 1000] [--hosts 20] [--articles 2000]

Hosts are distinct loopback addresses (127.0.0.1 ... 127.0.0.N), one real HTTP server each, so
per-host politeness applies per address (per_host_delay 0.05 s, 2 requests per host at once).
Feed items point into a pool of shared articles (news feeds overlap), so the first poll fetches
each article once. The peer, in the same run: a plain sequential requests.get loop over the same
feed URLs with the same conditional headers (no politeness, no parsing, no storage).
Peak memory is the process's maximum resident set size; the CPU time is the whole process's (servers,
both polls and the peer), for comparing two versions when other work shares the machine.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from releasewatch.config import parse_config  # noqa: E402
from releasewatch.fetch import Fetcher  # noqa: E402
from releasewatch.poll import run_poll  # noqa: E402
from releasewatch.store import Store  # noqa: E402

ARTICLE = """<html><head><title>{title}</title><meta property="article:published_time" content="2024-0{m}-1{d}T10:00:00Z">
</head><body><nav>Home | News</nav><article><h1>{title}</h1>
<p>Mercy Street is set for March {d}, 2026, Universal said, and filming wraps in {month}.</p>
<p>The cast includes several newcomers and the production moved to Atlanta for the winter.</p>
</article><aside>Trending: Avatar 3 opens December 19, 2025</aside></body></html>"""


def make_handler(n_articles: int, items: int):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # noqa: ANN002
            pass

        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/robots.txt":
                return self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
            if self.path.startswith("/feed/"):
                n = int(self.path.split("/")[2].split(".")[0])
                links = "".join(
                    f"<item><title>Story {(n * 7 + i) % n_articles}</title><link>http://{self.server.server_address[0]}:"
                    f"{self.server.server_address[1]}/a/{(n * 7 + i) % n_articles}.html</link>"
                    f"<pubDate>Mon, 10 Jun 2024 10:00:00 GMT</pubDate></item>" for i in range(items))
                return self._send(200, f"<?xml version='1.0'?><rss version='2.0'><channel><title>Feed {n}</title>"
                                       f"{links}</channel></rss>".encode(), "application/rss+xml")
            if self.path.startswith("/a/"):
                k = int(self.path.split("/")[2].split(".")[0])
                body = ARTICLE.format(title=f"Story {k}", m=1 + k % 9, d=k % 10, month=["May", "June"][k % 2])
                return self._send(200, body.encode(), "text/html; charset=utf-8")
            return self._send(404, b"no", "text/plain")

        def _send(self, status: int, body: bytes, ctype: str) -> None:
            etag = '"' + hashlib.md5(body).hexdigest() + '"'  # noqa: S324 - a validator, not security
            if self.headers.get("If-None-Match") == etag:
                status, body = 304, b""
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    servers = []
    for h in range(args.hosts):
        httpd = ThreadingHTTPServer((f"127.0.0.{h + 1}", 0), make_handler(args.articles // args.hosts, 20))
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
    feeds = [(f"http://{s.server_address[0]}:{s.server_address[1]}/feed/{i}.xml")
             for i in range(args.feeds) for s in [servers[i % args.hosts]]]
    sources = "\n".join(f"  - {{name: 'feed {i}', url: '{url}', every: 1h}}" for i, url in enumerate(feeds))
    config = parse_config(f"""titles: [{{name: Mercy Street}}]
sources:
{sources}
fetch: {{allow_addresses: ["127.0.0.0/8"], per_host_delay: 0.05, per_host_concurrency: 2, concurrency: 32, retries: 1}}
""", "bench.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        fetcher = Fetcher(config.fetch)
        t0 = time.perf_counter()
        first = run_poll(config, store, fetcher=fetcher)
        t_first = time.perf_counter() - t0
        requests_first = first.total("requests")
        t0 = time.perf_counter()
        second = run_poll(config, store, fetcher=fetcher)
        t_second = time.perf_counter() - t0
        not_modified = sum(1 for s in second.sources if s.not_modified)
        import requests

        session = requests.Session()
        etags = {s.name: (store.source_state(s.name) or {}).get("etag") for s in config.sources}
        t0 = time.perf_counter()
        for s in config.sources:
            session.get(s.url, headers={"If-None-Match": etags[s.name] or ""}, timeout=10)
        t_peer = time.perf_counter() - t0
    ok = sum(1 for s in first.sources if s.ok)
    print(f"{args.feeds} feeds x 20 items on {args.hosts} loopback hosts, {args.articles} distinct articles")
    print(f"first poll:  {t_first:6.1f} s, {requests_first} requests ({requests_first / t_first:.0f}/s), "
          f"{ok} feeds ok, {first.total('articles_new')} articles, {first.total('claims_new')} claims")
    print(f"second poll: {t_second:6.1f} s, {not_modified} of {args.feeds} feeds answered 304 "
          f"({second.total('requests') / t_second:.0f} requests/s), {second.total('articles_new')} new articles")
    print(f"peer (sequential requests.get of the same {args.feeds} feeds, conditional): {t_peer:.1f} s; "
          f"releasewatch re-poll / peer = {t_second / t_peer:.2f}")
    print(f"peak memory (max RSS): {peak_mb():.0f} MB")
    usage = resource.getrusage(resource.RUSAGE_SELF)  # CPU time: steadier than wall time on a shared machine
    print(f"cpu time (whole run, user + sys): {usage.ru_utime + usage.ru_stime:.1f} s")


if __name__ == "__main__":
    main()
