"""The drift chart: when each claim was published (x) against the dates it claims (y).

Each claim is a vertical bar from its earliest to its latest date (a dot for a single day, an arrow
to the top for an open end), coloured by certainty; a claim that there is no date yet ("negated")
is a cross on the x axis. The consensus is a step line through the middle of its range, over a light
band while it is a window, solid while official and dashed otherwise; each change is annotated
("moved to Jun 6, 2025"). A dotted diagonal marks "claimed date = publication date": a bar below it
claims a date already past when it was written.

Empty input: with no dated (non-negated) claims there is nothing to plot, and both functions raise
ValueError with a message naming the title and event; callers (`chart_for_title`, the digest) check.
matplotlib is imported inside the functions (Agg backend), so importing this module is cheap.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..models import Claim, DateRange

COLOURS = {"official": "#1b7837", "reported": "#2166ac", "speculative": "#e08214", "negated": "#555555"}
# Drawn in this order, so an official claim is never hidden under a rumour published the same week.
ORDER = {"speculative": 2, "reported": 3, "official": 4}
CONSENSUS = "#222222"
Step = tuple[date, DateRange | None, str]


def _mid(r: DateRange, top: date) -> date:
    return r.earliest + ((r.latest or top) - r.earliest) / 2


def _figure(claims: Sequence[Claim], steps: Sequence[Step], title: str, event: str) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    dated = [c for c in claims if c.published and c.certainty != "negated"]
    if not dated:
        raise ValueError(f"no dated {event.replace('_', ' ')} claims about {title} to draw")
    fig, ax = plt.subplots(figsize=(10, 5.2), dpi=132)  # 1320 px wide, legible at 640 in a mail
    top = max(c.range.latest or c.range.earliest for c in dated) + timedelta(days=120)
    first = min(c.published for c in dated if c.published)
    last = max(c.published for c in claims if c.published)
    right = last + timedelta(days=45)
    for claim in dated:
        _draw_claim(ax, claim, top)
    _draw_negated(ax, claims)
    notes = _draw_steps(ax, steps, right, top, event)
    _decorate(ax, dated, claims, steps, title, event, (first - timedelta(days=45), right), top)
    fig.tight_layout()
    place_annotations(fig, ax, notes)
    return fig


def _draw_claim(ax: Any, c: Claim, top: date) -> None:
    colour, z = COLOURS[c.certainty], ORDER.get(c.certainty, 2)
    assert c.published is not None
    if c.range.latest == c.range.earliest:  # a single day: a dot, a bar would be invisible
        if c.certainty == "reported":  # a ring, so it still shows around an official dot of that day
            ax.plot(c.published, c.range.earliest, marker="o", markersize=11, markerfacecolor="none",
                    markeredgecolor=colour, markeredgewidth=1.8, zorder=z + 7)
        else:
            ax.plot(c.published, c.range.earliest, marker="o", color=colour, markersize=8 if z == 4 else 6,
                    markeredgecolor="white", markeredgewidth=0.8, zorder=z + 7)
        return
    ax.vlines(c.published, c.range.earliest, c.range.latest or top, colors=colour, linewidth=5, alpha=0.7,
              zorder=z)
    if c.range.latest is None:  # open end: an arrow head at the top
        ax.annotate("", xy=(c.published, top), xytext=(c.published, top - timedelta(days=60)),
                    arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2, "mutation_scale": 14}, zorder=z)


def _draw_negated(ax: Any, claims: Sequence[Claim]) -> None:
    days = [c.published for c in claims if c.certainty == "negated" and c.published]
    if days:  # on the x axis: y in axes coordinates
        ax.plot(days, [0.02] * len(days), linestyle="none", marker="X", markersize=9, color=COLOURS["negated"],
                transform=ax.get_xaxis_transform(), clip_on=False, zorder=6)


def _draw_steps(ax: Any, steps: Sequence[Step], right: date, top: date, event: str) -> list[Any]:
    """The consensus line; returns its change annotations (placed later, once the layout is known)."""
    notes: list[Any] = []
    ranged = [(d, r, cert) for d, r, cert in steps if r is not None]
    for i, (day, rng, cert) in enumerate(ranged):
        end_x = ranged[i + 1][0] if i + 1 < len(ranged) else right
        mid = _mid(rng, top)
        style = "-" if cert == "official" else (0, (5, 3))
        if rng.latest != rng.earliest:  # a window: a light band under the midpoint
            ax.fill_between([day, end_x], rng.earliest, rng.latest or top, color="#999999", alpha=0.13,
                            linewidth=0, zorder=1)
        ax.hlines(mid, day, end_x, colors=CONSENSUS, linewidth=2, linestyles=style, zorder=8)
        if i + 1 < len(ranged):
            ax.vlines(end_x, mid, _mid(ranged[i + 1][1], top), colors=CONSENSUS, linewidth=1.2,
                      linestyles=":", zorder=8)
        prev = ranged[i - 1] if i else None
        confirmed = prev is not None and prev[1] == rng and cert == "official" != prev[2]
        if prev is None or prev[1] != rng or confirmed:
            notes.append(ax.annotate(_change_text(prev, rng, cert, event), xy=(day, mid), xytext=(8, 8),
                                     textcoords="offset points", fontsize=8.5, color=CONSENSUS, zorder=9,
                                     bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": "#cccccc",
                                           "alpha": 0.9},
                                     # a thin leader, so a label moved away from a crowd still points home
                                     arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.7,
                                                 "shrinkA": 0, "shrinkB": 2}))
    return notes


def _change_text(prev: Step | None, rng: DateRange, cert: str, event: str = "release") -> str:
    from ..labels import label_range

    label = label_range(rng)
    if cert == "official":
        if prev is not None and prev[1] == rng:
            return f"confirmed: {label}"
        if prev is not None and prev[2] == "official":
            # A second trailer is another trailer, as `history` says, not the first one moving.
            return f"new trailer {label}" if event == "trailer" else f"moved to {label}"
        return f"set for {label}"
    return f"{label} ({cert})" if cert != "negated" else f"{label} (no official date)"


# Where a change label may go, in points from its point: right-above first, then the other corners,
# then further up or down. The first spot inside the plot that touches no other label wins.
_SPOTS = [(8, 8), (8, -20), (-8, 8), (-8, -20)] + [(dx, dy) for k in range(1, 7)
                                                    for dy in (8 + 16 * k, -20 - 16 * k) for dx in (8, -8)]


def place_annotations(fig: Any, ax: Any, notes: Sequence[Any]) -> None:
    """Move each change label to a spot inside the axes that overlaps neither the legend nor an
    earlier label (the legend sits right of the axes, so inside them is clear of it)."""
    renderer = fig.canvas.get_renderer()
    inside = ax.get_window_extent(renderer)
    legend = ax.get_legend()
    taken = [legend.get_window_extent(renderer)] if legend is not None else []
    for note in notes:
        best: tuple[float, tuple[int, int]] | None = None
        for spot in _SPOTS:
            box = _try_spot(note, spot, renderer)
            clash = sum(_overlap(box, other) for other in taken) + _outside(box, inside)
            if best is None or clash < best[0]:
                best = (clash, spot)
            if clash == 0:
                break
        assert best is not None
        taken.append(_try_spot(note, best[1], renderer))


def _try_spot(note: Any, spot: tuple[int, int], renderer: Any) -> Any:
    note.xyann = spot
    note.set_horizontalalignment("left" if spot[0] > 0 else "right")
    from matplotlib.text import Text

    # The text's own box (an Annotation's extent would include its leader line), plus the rounded frame.
    note.update_positions(renderer)
    return Text.get_window_extent(note, renderer).padded(3)


def _overlap(a: Any, b: Any) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return width * height if width > 0 and height > 0 else 0.0


def _outside(box: Any, frame: Any) -> float:
    """How much of the box lies outside the frame (its area outside)."""
    return box.width * box.height - _overlap(box, frame)


def _at_least(lo: date, hi: date, days: int = 240) -> tuple[date, date]:
    """Widen a date axis to a few months, so its ticks are months, not repeated month names."""
    missing = days - (hi - lo).days
    if missing <= 0:
        return lo, hi
    return lo - timedelta(days=missing // 2), hi + timedelta(days=missing - missing // 2)


def _decorate(ax: Any, dated: Sequence[Claim], claims: Sequence[Claim], steps: Sequence[Step], title: str,
              event: str, xlim: tuple[date, date], top: date) -> None:
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    bottom = min(c.range.earliest for c in dated) - timedelta(days=60)
    xlim = _at_least(*xlim)
    ylim = _at_least(bottom, top + timedelta(days=20))
    bottom = ylim[0]
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    lo, hi = max(xlim[0], bottom), min(xlim[1], top)
    if lo < hi:  # where a claimed date equals its publication date
        ax.plot([lo, hi], [lo, hi], color="#aaaaaa", linestyle=":", linewidth=1, zorder=1,
                label="claimed date = publication date")
    for axis in (ax.xaxis, ax.yaxis):
        locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
        axis.set_major_locator(locator)
        axis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.set_xlabel("when the claim was published")
    noun = event.replace("_", " ")
    ax.set_ylabel(f"claimed {noun} date")
    ax.set_title(f"{title} — {noun} date claims", loc="left", fontsize=14, fontweight="bold")
    sources = {c.source for c in claims if c.source}
    counted = f"{len(claims)} claim{'s' * (len(claims) != 1)}"
    if sources:
        counted += f" from {len(sources)} source{'s' * (len(sources) != 1)}"
    ax.set_title(counted, loc="right", fontsize=9, color="#666666")
    ax.grid(True, color="#e6e6e6", linewidth=0.7, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    # Outside the plot, so it never hides a claim.
    diagonal = [line for line in ax.get_lines() if line.get_label() == "claimed date = publication date"]
    ax.legend(handles=_legend_handles(plt, claims, steps) + diagonal, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              fontsize=9, frameon=False, borderaxespad=0)
    for label in ax.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")


def _legend_handles(plt: Any, claims: Sequence[Claim], steps: Sequence[Step]) -> list[Any]:
    from matplotlib.patches import Patch

    Line2D = plt.Line2D
    present = {c.certainty for c in claims}
    handles: list[Any] = [Line2D([0], [0], color=COLOURS[k], linewidth=5, label=k)
                          for k in ("official", "reported", "speculative") if k in present]
    if "negated" in present:
        handles.append(Line2D([0], [0], color=COLOURS["negated"], marker="X", linestyle="none", markersize=8,
                              label="no date yet (negated)"))
    ranged = [(r, cert) for _, r, cert in steps if r is not None]
    if any(cert == "official" for _, cert in ranged):
        handles.append(Line2D([0], [0], color=CONSENSUS, linewidth=2, label="consensus (official)"))
    if any(cert != "official" for _, cert in ranged):
        handles.append(Line2D([0], [0], color=CONSENSUS, linewidth=2, linestyle=(0, (5, 3)),
                              label="consensus (unofficial)"))
    if any(r.latest != r.earliest for r, _ in ranged):
        handles.append(Patch(facecolor="#999999", alpha=0.25, label="consensus window"))
    return handles


def render_chart_bytes(claims: Sequence[Claim], steps: Sequence[Step], *, title: str, event: str = "release",
                       fmt: str = "png") -> bytes:
    """The chart as PNG or SVG bytes (for embedding in an e-mail). ValueError when nothing is dated."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "releasewatch"}):  # stable SVG ids: same claims, same bytes
        fig = _figure(claims, steps, title, event)
        try:
            fig.savefig(buffer, format=fmt, metadata=_metadata(fmt, title, event))
        finally:
            plt.close(fig)
    return buffer.getvalue()


def _metadata(fmt: str, title: str, event: str) -> dict[str, Any]:
    # No creation date: the same claims give the same bytes.
    meta: dict[str, Any] = {"Title": f"{title} — {event.replace('_', ' ')} date claims"}
    if fmt == "svg":
        meta["Date"] = None
    return meta


def drift_chart(claims: Sequence[Claim], steps: Sequence[Step], *, title: str, event: str = "release",
                out: str | Path) -> Path:
    """Write the chart to OUT (.png or .svg, by suffix) atomically and return its path.

    `steps` are the consensus changes, oldest first: (date it changed, range or None, certainty),
    as `report.drift.consensus_steps` computes them. ValueError when no claim is dated.
    """
    path = Path(out)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise ValueError(f"unsupported chart format {path.suffix or '(none)'!r}: use .png or .svg")
    data = render_chart_bytes(claims, steps, title=title, event=event, fmt=fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path
