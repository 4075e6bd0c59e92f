"""The cursor laid over a chart (lstm_viz.cursor): its lines, markers and label stand where the
chart's layout puts its step and values, worked out by hand for a small layout; in presenter
mode it follows the chart's larger margins. That plotly draws the same places is checked in
Chromium (test_browser_stepper)."""

import re

import pytest

from lstm_ui.charts import enlarged_layout
from lstm_viz.cursor import Cursor, Marker, cursor_html, row_boxes, x_fraction

# A 200 px chart: margins l 50, r 30, t 20, b 30, so the plot area is 150 px high; t from 0 to
# 9 on x ([-0.5, 9.5]); row "y" on the top 40 % with values 0 … 1, row "y2" on the bottom 40 %
# with values −2 … 2.
LAYOUT = {
    "height": 200,
    "margin": {"l": 50, "r": 30, "t": 20, "b": 30, "autoexpand": False},
    "xaxis": {"range": [-0.5, 9.5]},
    "yaxis": {"domain": [0.6, 1.0], "range": [0.0, 1.0]},
    "yaxis2": {"domain": [0.0, 0.4], "range": [-2.0, 2.0]},
}
BOX = re.compile(
    r"left: calc\(50px \+ \(100% - 80px\) \* ([\d.]+)\); top: ([-\d.]+)px; "
    r"width: ([\d.]+)px; height: ([\d.]+)px"
)


def boxes(html: str) -> list[tuple[float, ...]]:
    """(fraction across the plot area, top, width, height) of every box the cursor draws."""
    return [tuple(float(v) for v in m.groups()) for m in BOX.finditer(html)]


def test_rows_are_the_plot_areas_of_the_y_axes():
    rows = row_boxes(LAYOUT)
    # plot area from 20 to 170 px; the top row 0.6 … 1 of it: 20 … 80; the bottom 0 … 0.4: 110 … 170
    assert (rows["y"].top, rows["y"].height) == pytest.approx((20, 60))
    assert (rows["y2"].top, rows["y2"].height) == pytest.approx((110, 60))
    assert rows["y"].y_px(1.0) == pytest.approx(20) and rows["y"].y_px(0.25) == pytest.approx(65)
    assert rows["y2"].y_px(0.0) == pytest.approx(140) and rows["y2"].y_px(-2) == pytest.approx(170)
    assert x_fraction(LAYOUT, 2) == pytest.approx(0.25)  # (2 + 0.5) / 10


def test_a_cursor_draws_a_line_through_each_row_and_markers_on_their_values():
    cursor = Cursor(
        x=2,
        ink="#444444",
        width=2,
        halo="white",
        halo_width=6,
        markers=(Marker("y", 0.25, "#ff0000"), Marker("y2", 0.0, "#0000ff")),
        marker_px=9,
        marker_edge=1,
    )
    html = cursor_html(LAYOUT, cursor)
    assert boxes(html) == [
        (0.25, 20.0, 6.0, 60.0),  # row y: the halo, then the line
        (0.25, 20.0, 2.0, 60.0),
        (0.25, 110.0, 6.0, 60.0),  # row y2
        (0.25, 110.0, 2.0, 60.0),
        (0.25, 60.0, 10.0, 10.0),  # 0.25 in row y at 65 px: a 10 px dot from 60 px
        (0.25, 135.0, 10.0, 10.0),  # 0 in row y2 at 140 px
    ]
    assert "margin-left: -3px" in html and "margin-left: -5px" in html  # centred on x
    assert "background: #ff0000" in html and "background: #0000ff" in html
    assert html.startswith('<div class="lgl-cursor" data-x="2" aria-hidden="true"')
    assert "height: 200.0px; pointer-events: none" in html


@pytest.mark.parametrize(("x", "side"), [(0, "translate(0, -100%)"), (6, "translate(-100%")])
def test_the_label_stands_above_the_plot_area_away_from_the_nearer_edge(x, side):
    cursor = Cursor(x=x, ink="black", width=1, label="t = <b>", label_px=13, label_gap=8)
    html = cursor_html(LAYOUT, cursor)
    label = re.search(r'<div style="([^"]*)">t = &lt;b&gt;</div>', html)  # escaped: a word
    assert label is not None  # a student typed is text, never markup
    assert "top: 12.0px" in label[1] and f"transform: {side}" in label[1]  # 20 − 8 px
    assert "font-size: 13px" in label[1]
    assert "font-size: 20px" in cursor_html(LAYOUT, cursor, label_px=20)


def test_presenter_mode_widens_fixed_margins_only_and_makes_the_chart_taller():
    shown = enlarged_layout(LAYOUT)
    assert shown["height"] == 240  # 1.2 × 200
    assert shown["margin"] == {"l": 68, "r": 40, "t": 27, "b": 40, "autoexpand": False}  # × 1.35
    assert LAYOUT["margin"]["r"] == 30  # the figure itself is not changed
    free = {**LAYOUT, "margin": {"l": 50, "r": 30, "t": 20, "b": 30}}
    assert enlarged_layout(free)["margin"] == free["margin"]  # plotly widens those itself
