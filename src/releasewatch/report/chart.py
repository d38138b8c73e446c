"""The drift chart: when each claim was published (x) against the dates it claims (y)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from ..models import Claim, DateRange

COLOURS = {"official": "#1b7837", "reported": "#2166ac", "speculative": "#e08214", "negated": "#777777"}


def _figure(claims: Sequence[Claim], steps: Sequence[tuple[date, DateRange | None, str]], title: str,
            event: str):  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    dated = [c for c in claims if c.published and c.certainty != "negated"]
    if not dated:
        raise ValueError(f"no dated {event} claims to draw")
    fig, ax = plt.subplots(figsize=(10, 5.5), dpi=110)
    top = max((c.range.latest or c.range.earliest) for c in dated) + timedelta(days=90)
    for c in dated:
        end = c.range.latest or top
        if c.range.latest == c.range.earliest:  # a single day: a dot, a bar would be invisible
            ax.plot(c.published, c.range.earliest, marker="o", color=COLOURS[c.certainty], markersize=6, alpha=0.85)
            continue
        ax.vlines(c.published, c.range.earliest, end, colors=COLOURS[c.certainty], linewidth=4, alpha=0.75)
        if c.range.latest is None:
            ax.annotate("", xy=(c.published, top), xytext=(c.published, c.range.earliest),
                        arrowprops={"arrowstyle": "->", "color": COLOURS[c.certainty]})
    for c in claims:
        if c.certainty == "negated" and c.published:
            ax.plot(c.published, c.published, marker="x", color=COLOURS["negated"], markersize=8)
    _draw_steps(ax, steps, max(c.published for c in dated))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.yaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.set_xlabel("when the claim was published")
    ax.set_ylabel(f"claimed {event.replace('_', ' ')} date")
    ax.set_title(f"{title} — {event.replace('_', ' ')} date claims", loc="left", fontsize=13)
    ax.grid(True, color="#dddddd", linewidth=0.6)
    handles = [plt.Line2D([0], [0], color=COLOURS[k], linewidth=4, label=k) for k in ("official", "reported",
                                                                                     "speculative")]
    handles.append(plt.Line2D([0], [0], color="black", linewidth=1.5, label="consensus"))
    ax.legend(handles=handles, loc="upper left", frameon=False)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def _draw_steps(ax, steps: Sequence[tuple[date, DateRange | None, str]], last: date) -> None:  # type: ignore[no-untyped-def]
    from ..labels import label_range

    ranged = [(d, r, cert) for d, r, cert in steps if r is not None]
    for i, (day, rng, _cert) in enumerate(ranged):
        end_x = ranged[i + 1][0] if i + 1 < len(ranged) else last + timedelta(days=30)
        mid = rng.earliest + ((rng.latest or rng.earliest) - rng.earliest) / 2
        ax.hlines(mid, day, end_x, colors="black", linewidth=1.5)
        if i + 1 < len(ranged):
            nxt_mid = ranged[i + 1][1].earliest + ((ranged[i + 1][1].latest or ranged[i + 1][1].earliest)
                                                   - ranged[i + 1][1].earliest) / 2
            ax.vlines(end_x, mid, nxt_mid, colors="black", linewidth=1.5)
        if i > 0:
            ax.annotate(f"→ {label_range(rng)}", xy=(day, mid), xytext=(6, 6), textcoords="offset points",
                        fontsize=8, color="#333333")


def render_chart_bytes(claims: Sequence[Claim], steps: Sequence[tuple[date, DateRange | None, str]], *,
                       title: str, event: str = "release", fmt: str = "png") -> bytes:
    import matplotlib.pyplot as plt

    fig = _figure(claims, steps, title, event)
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt)
    plt.close(fig)
    return buffer.getvalue()


def drift_chart(claims: Sequence[Claim], steps: Sequence[tuple[date, DateRange | None, str]], *, title: str,
                event: str = "release", out: str | Path) -> Path:
    """Write the chart to OUT (.png or .svg, by suffix) and return its path."""
    path = Path(out)
    fmt = path.suffix.lower().lstrip(".") or "png"
    if fmt not in ("png", "svg"):
        raise ValueError(f"unsupported chart format {fmt!r}: use .png or .svg")
    data = render_chart_bytes(claims, steps, title=title, event=event, fmt=fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path
