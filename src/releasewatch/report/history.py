"""The claim history as a table (pandas), in the formats scripts and people want."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..models import Claim
from ..tracks import claim_label, track_of

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = [
    "published", "title", "event", "track", "earliest", "latest", "label", "certainty", "cited", "source",
    "time_text", "sentence", "article_url", "previous", "qualifier", "extractor_version",
]
FORMATS = ("table", "json", "csv", "markdown", "jsonl")


def claim_row(claim: Claim) -> dict[str, Any]:
    """One claim as a flat row with its provenance."""
    previous = None
    if claim.previous is not None:
        previous = claim.previous.label or claim.previous.earliest.isoformat()
    return {
        "published": claim.published.isoformat() if claim.published else None,
        "title": claim.title,
        "event": claim.event,
        "track": track_of(claim),
        "earliest": claim.range.earliest.isoformat(),
        "latest": claim.range.latest.isoformat() if claim.range.latest else None,
        "label": claim.range.label or _fallback_label(claim),
        "certainty": claim.certainty,
        "cited": claim.cited,
        "source": claim.source or None,
        "time_text": claim.time_text,
        "sentence": claim.sentence,
        "article_url": claim.article_url or None,
        "previous": previous,
        "qualifier": claim.qualifier,
        "extractor_version": claim.extractor_version,
        "sentence_start": claim.sentence_start,
        "sentence_end": claim.sentence_end,
        "time_start": claim.time_start,
        "time_end": claim.time_end,
    }


def _fallback_label(claim: Claim) -> str:
    from ..labels import label_range

    return label_range(claim.range)


def claims_frame(claims: Sequence[Claim]) -> pd.DataFrame:
    """Claims as a DataFrame, newest published first."""
    import pandas as pd

    frame = pd.DataFrame([claim_row(c) for c in claims])
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS)
    return frame.sort_values(["published", "title", "event"], ascending=[False, True, True], kind="stable")


def render_claims(claims: Sequence[Claim], fmt: str = "table", *, width: int = 100) -> str:
    """Render the claim history as table (for people, `width` columns), json, jsonl, csv or markdown."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt in ("json", "jsonl"):
        rows = [claim_row(c) for c in claims]
        rows.sort(key=lambda r: r["published"] or "", reverse=True)
        if fmt == "jsonl":
            return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        return json.dumps(rows, indent=2, ensure_ascii=False)
    if fmt == "table":
        return wrapped_table(claims, width=width)
    frame = claims_frame(claims)
    if fmt == "csv":
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False)
        return buffer.getvalue()
    short = frame[["published", "title", "track", "label", "certainty", "cited", "source", "sentence"]].copy()
    short["sentence"] = short["sentence"].map(lambda s: _clip(s, 70))
    return _markdown_table(short)


def wrapped_table(claims: Sequence[Claim], *, width: int = 100) -> str:
    """One line per claim in `width` columns, left-aligned, its sentence wrapped beneath it."""
    import textwrap

    if not claims:
        return "No claims match."
    rows = sorted((claim_row(c) | {"what": claim_label(c)} for c in claims),
                  key=lambda r: r["published"] or "", reverse=True)
    for r in rows:
        r["who"] = (r["source"] or "") + (f", per {r['cited']}" if r["cited"] and r["cited"] != r["source"] else "")
    keys = ["published", "title", "what", "label", "certainty", "who"]
    heads = {"published": "published", "title": "title", "what": "track", "label": "date", "certainty": "certainty",
             "who": "source"}
    caps = {"published": 10, "title": 22, "what": 22, "label": 24, "certainty": 11}
    widths = {k: min(caps.get(k, width), max(len(heads[k]), *(len(str(r[k] or "")) for r in rows))) for k in keys}
    widths["who"] = max(len(heads["who"]), width - sum(widths[k] + 2 for k in keys[:-1]))
    indent = " " * (widths["published"] + 2)

    def line(values: dict[str, Any]) -> str:
        return "  ".join(_clip(str(values[k] or ""), widths[k]).ljust(widths[k]) for k in keys).rstrip()

    out = [line(heads)]
    for r in rows:
        out.append(line(r))
        sentence = " ".join(str(r["sentence"] or "").split())
        if sentence:
            out.append(textwrap.fill(f"\u201c{sentence}\u201d", width=width, initial_indent=indent,
                                     subsequent_indent=indent + " "))
    return "\n".join(out)


def _clip(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _markdown_table(frame: pd.DataFrame) -> str:
    # DataFrame.to_markdown needs tabulate; a pipe table is simple enough to write.
    headers = list(frame.columns)
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in frame.fillna("").itertuples(index=False):
        cells = [str(v).replace("|", "\\|").replace("\n", " ") for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
