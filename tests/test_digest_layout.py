"""The HTML digest in a real browser: headless Chromium (Debian's `chromium`, which `make test`
installs when missing) renders it at a phone's 400 px and a desktop's 1200 px, and a script in the
page reports anything that sticks out of the page or of the digest's card.

Headless windows are at least 500 px wide, so the digest is laid out in an iframe of exactly the
width under test (a srcdoc iframe shares its parent's origin: the probe can report to it)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date, datetime, timezone
from html import escape
from pathlib import Path

import pytest

from releasewatch.models import Claim, Consensus, DateRange
from releasewatch.report.digest import Digest, SourceProblem, TitleSection, render

NOW = datetime(2025, 6, 9, 8, tzinfo=timezone.utc)
LONG_URL = ("https://www.an-entertainment-news-site-with-a-long-name.example/movies/news/2025/06/06/"
            "from-the-world-of-john-wick-ballerina-opening-weekend-box-office-results-and-what-comes-next.html")

# Measures after layout, then writes its findings into the page for --dump-dom to carry out.
PROBE = """<script>
(function () {
  var width = document.documentElement.clientWidth, bad = [];
  var card = document.querySelector("body > table").getBoundingClientRect();
  if (card.width > 722) { bad.push("the card is " + Math.round(card.width) + " px wide, more than its 720"); }
  if (document.documentElement.scrollWidth > width) {
    bad.push("the page scrolls sideways: " + document.documentElement.scrollWidth + " > " + width);
  }
  document.querySelectorAll("body *").forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (!r.width) { return; }
    var what = el.tagName + " " + (el.textContent || el.getAttribute("alt") || "").trim().slice(0, 50);
    if (r.right > width + 0.5 || r.left < -0.5) { bad.push(what + ": outside the page"); }
    if (el.closest("body > table") && el !== document.querySelector("body > table")
        && (r.right > card.right + 0.5 || r.left < card.left - 0.5)) { bad.push(what + ": outside the card"); }
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible") {
      bad.push(what + ": clipped");
    }
  });
  var out = parent.document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({width: width, bad: bad});
  parent.document.body.appendChild(out);
})();
</script>"""


def _claim(title: str, sentence: str, source: str, **extra: object) -> Claim:
    rng = DateRange(date(2025, 6, 6), date(2025, 6, 6), "day", "2025-06-06", "June 6, 2025")
    fields = {"published": date(2025, 6, 6), "source": source, "article_url": LONG_URL, "extractor_version": "t"}
    fields.update(extra)
    return Claim(title, "release", rng, "official", sentence, 0, len(sentence), 0, 6, "June 6", **fields)  # type: ignore[arg-type]


def _digest() -> Digest:
    title = "Mission: Impossible – The Final Reckoning: The Extended Director's Cut Edition"
    sentence = ("Paramount confirmed that " + title + " opens in cinemas everywhere on June 6, 2025, "
                "after a long run of delays that moved it across three different release years.")
    claims = (_claim(title, sentence, "The Very Long Name Of An Entertainment Trade Paper Weekly Edition",
                     cited="Supercalifragilisticexpialidocious-Insider-Newsletter"),
              _claim(title, "Unbreakable" + "x" * 120, "Reel Ledger", qualifier="digital"))
    cons = Consensus(title=title, event="release", range=claims[0].range, label="release June 6, 2025 (official)",
                     certainty="official", as_of=NOW.date(), since=date(2025, 6, 6), supporting=claims,
                     sources=("Reel Ledger",), extra={"phrase": "released Jun 6, 2025"})
    section = TitleSection(title, (cons,), (f"{title} release moved from May 23, 2025 to Jun 6, 2025 (official)",),
                           claims)
    return Digest(generated_at=NOW, since=datetime(2025, 6, 8, 8, tzinfo=timezone.utc), sections=(section,),
                  problems=(SourceProblem("A-source-name-without-any-spaces-" + "y" * 60, "failing",
                                          "3 failed polls in a row; last error: " + LONG_URL),))


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "headless Chromium is needed: `make test` installs Debian's chromium package when it is missing"
    return found


@pytest.mark.parametrize("width", [400, 1200])
def test_nothing_overflows_the_html_digest(tmp_path: Path, width: int) -> None:
    html = render(_digest(), "html", chart_cids={
        "Mission: Impossible – The Final Reckoning: The Extended Director's Cut Edition": "chart-mi"})
    framed = escape(html.replace("</body>", PROBE + "</body>"), quote=True)
    page = tmp_path / "frame.html"
    page.write_text(f'<!DOCTYPE html><html><body style="margin:0"><iframe width="{width}" height="900" '
                    f'style="border:0;display:block" srcdoc="{framed}"></iframe></body></html>', encoding="utf-8")
    result = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--hide-scrollbars", f"--window-size={width + 100},1000", "--virtual-time-budget=3000",
         f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120)
    found = re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, re.S)
    assert found, (result.returncode, result.stderr[-2000:])
    report = json.loads(found.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                        .replace("&quot;", '"'))
    assert report["width"] == width, report
    assert report["bad"] == [], "\n".join(report["bad"])
