"""The drift chart: files written by suffix, valid images, the empty case, and the picture's content."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from releasewatch.models import Claim, DateRange
from releasewatch.report.chart import drift_chart, render_chart_bytes
from releasewatch.report.drift import consensus_steps

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def c(earliest: str, latest: str | None, certainty: str, published: str, source: str = "Reel Ledger",
      event: str = "release") -> Claim:
    return Claim(title="Ballerina", event=event,
                 range=DateRange(date.fromisoformat(earliest), date.fromisoformat(latest) if latest else None),
                 certainty=certainty, sentence="s", sentence_start=0, sentence_end=1, time_start=0, time_end=1,
                 time_text=earliest, published=date.fromisoformat(published), source=source)


# Ballerina's release, 2022-04 to 2025-06: guesses, a negation, the first date, the move, confirmations.
CLAIMS = [
    c("2023-01-01", "2023-12-31", "speculative", "2022-04-12", "Screen Gossip"),
    c("2022-05-03", None, "negated", "2022-05-03", "Frame Rate"),
    c("2023-09-01", "2024-04-30", "speculative", "2022-11-06"),
    c("2024-01-01", None, "speculative", "2022-12-15", "Screen Gossip"),
    c("2024-06-07", "2024-06-07", "official", "2023-02-28"),
    c("2024-06-07", "2024-06-07", "reported", "2023-03-02", "Frame Rate"),
    c("2025-06-06", "2025-06-06", "official", "2023-10-12"),
    c("2025-01-01", "2025-12-31", "speculative", "2024-02-20", "Screen Gossip"),
    c("2025-06-06", "2025-06-06", "official", "2025-06-06", "Frame Rate"),
]


@pytest.fixture(scope="module")
def steps():
    return consensus_steps(CLAIMS, "release")


def test_png_written_by_suffix(tmp_path: Path, steps) -> None:
    out = drift_chart(CLAIMS, steps, title="Ballerina", out=tmp_path / "charts" / "ballerina.png")
    assert out == tmp_path / "charts" / "ballerina.png"
    data = out.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 20_000
    assert [p.name for p in out.parent.iterdir()] == ["ballerina.png"]  # no temporary file left


def test_svg_written_by_suffix_with_the_annotations(tmp_path: Path, steps) -> None:
    out = drift_chart(CLAIMS, steps, title="Ballerina", out=tmp_path / "ballerina.SVG")
    svg = out.read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    for text in ("Ballerina — release date claims", "set for Jun 7, 2024", "moved to Jun 6, 2025",
                 "official", "speculative", "no date yet (negated)", "9 claims from 3 sources"):
        assert text in svg, text


def test_bytes_for_mail_and_deterministic(steps) -> None:
    first = render_chart_bytes(CLAIMS, steps, title="Ballerina")
    assert first.startswith(PNG_MAGIC)
    assert render_chart_bytes(CLAIMS, steps, title="Ballerina", fmt="svg") == \
        render_chart_bytes(CLAIMS, steps, title="Ballerina", fmt="svg")


def test_other_event_and_a_single_claim(tmp_path: Path) -> None:
    filming = [c("2022-11-13", "2022-11-13", "reported", "2022-10-20", event="production_start")]
    out = drift_chart(filming, consensus_steps(filming, "production_start"), title="Ballerina",
                      event="production_start", out=tmp_path / "f.svg")
    assert "production start date claims" in out.read_text()


def test_nothing_to_draw_is_a_clear_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no dated release claims about Ballerina"):
        drift_chart([], [], title="Ballerina", out=tmp_path / "x.png")
    only_negated = [c("2022-05-03", None, "negated", "2022-05-03")]
    with pytest.raises(ValueError, match="no dated"):
        render_chart_bytes(only_negated, [], title="Ballerina")
    assert not (tmp_path / "x.png").exists()


def test_unknown_suffix_is_refused(tmp_path: Path, steps) -> None:
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        drift_chart(CLAIMS, steps, title="Ballerina", out=tmp_path / "chart.jpg")


# The demo's filming track: guesses a year apart, then an official window and the day within weeks.
PRODUCTION = [c(e, last, cert, p, s, event="production_start") for p, e, last, cert, s in [
    ("2019-10-28", "2020-01-01", "2020-12-31", "speculative", "Reel Ledger"),
    ("2020-06-02", "2021-01-01", None, "speculative", "Screen Gossip"),
    ("2021-10-18", "2022-01-01", "2022-12-31", "speculative", "Reel Ledger"),
    ("2022-04-27", "2022-06-01", "2022-08-31", "official", "Reel Ledger"),
    ("2022-04-29", "2022-06-01", "2022-08-31", "reported", "Frame Rate"),
    ("2022-08-30", "2022-09-01", "2022-11-30", "speculative", "Screen Gossip"),
    ("2022-11-06", "2022-11-13", "2022-11-13", "reported", "Frame Rate"),
    ("2022-11-15", "2022-11-13", "2022-11-13", "official", "Reel Ledger"),
]]
TRAILERS = [c("2023-11-13", "2023-11-13", "official", "2023-11-13", event="trailer"),
            c("2024-12-05", "2024-12-05", "official", "2024-12-05", event="trailer")]


def _label_boxes(claims: list[Claim], event: str):  # type: ignore[no-untyped-def]
    import matplotlib.pyplot as plt

    from releasewatch.report.chart import _figure

    fig = _figure(claims, consensus_steps(claims, event), "Ballerina", event)
    try:
        from matplotlib.text import Text

        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        labels = [Text.get_window_extent(t, renderer) for t in ax.texts if t.get_text()]  # without leader lines
        return labels, ax.get_legend().get_window_extent(renderer), ax.get_window_extent(renderer)
    finally:
        plt.close(fig)


@pytest.mark.parametrize(("claims", "event"), [(PRODUCTION, "production_start"), (CLAIMS, "release")])
def test_change_labels_touch_neither_each_other_nor_the_legend(claims: list[Claim], event: str) -> None:
    labels, legend, axes = _label_boxes(claims, event)
    assert len(labels) >= 4
    for i, box in enumerate(labels):
        assert not box.overlaps(legend), (i, box, legend)
        assert axes.x0 <= box.x0 and box.x1 <= axes.x1 and axes.y0 <= box.y0 and box.y1 <= axes.y1, (i, box, axes)
        for j, other in enumerate(labels[:i]):
            assert not box.overlaps(other), (i, j, box, other)


def test_a_second_trailer_is_a_new_trailer_not_a_move() -> None:
    svg = render_chart_bytes(TRAILERS, consensus_steps(TRAILERS, "trailer"), title="Ballerina", event="trailer",
                             fmt="svg").decode()
    assert "new trailer Dec 5, 2024" in svg and "set for Nov 13, 2023" in svg
    assert "moved to" not in svg
