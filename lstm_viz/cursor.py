"""A step's cursor, drawn over a plotly chart as HTML instead of inside the figure.

Streamlit 1.67 identifies a chart by its figure, so a cursor drawn in the figure made every step
a new chart that plotly drew from scratch (README, "Why a cursor is drawn over the charts").
The stepper's line chart and heatmaps, and the backprop page's charts of every step, are drawn
without a cursor, once per run and setting, and the cursor is laid over them: a vertical line
through each row at step t (or once through the whole plot area), markers on the lines at their
values at t, and the label "t = …" above the first row.

Every position comes from the chart's own layout, which sets them in full (fixed margins,
`margin.autoexpand` False; the height; each axis' domain and range: see
lstm_viz.heatmaps.stacked_layout and lstm_viz.backprop), so the cursor stands where plotly would
have drawn it. The chart is as wide as its column and its height is fixed: x is a CSS `calc()`
of the column's width, y is in pixels,

    left = margin.l + (100% − margin.l − margin.r) · (x − x₀) / (x₁ − x₀)
    top  = margin.t + (1 − domain₁) · plot_h + (y₁ − v) / (y₁ − y₀) · (domain₁ − domain₀) · plot_h

with plot_h = height − margin.t − margin.b, [x₀, x₁] the x axis' range, [y₀, y₁] a row's range.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

CURSOR_CLASS = "lgl-cursor"  # the overlay's root: presenter mode zooms it as it zooms charts
AXIS = re.compile(r"yaxis(\d*)$")


@dataclass(frozen=True)
class Marker:
    """A dot on a line at the cursor: the row's y axis ("y", "y2", …), the value, its colour."""

    axis: str
    value: float
    color: str


@dataclass(frozen=True)
class Cursor:
    """A cursor at x (in the x axis' units: the step t) through every row of a chart (or, with
    `whole_plot`, once through its whole plot area), in `ink` `width` px wide (dashed: `dash`)
    over a `halo` line `halo_width` px wide (None: no halo), with `markers`
    and a `label` above the first row (None: no label) in `label_color`, `label_px` high,
    `label_gap` px above the plot area, on the side of x away from the chart's nearer edge."""

    x: float
    ink: str
    width: float
    dash: float = 0.0  # px of ink, then as many of gap, down the line (0: solid)
    whole_plot: bool = False  # one line through the whole plot area instead of one per row
    halo: str | None = None
    halo_width: float = 0.0
    markers: tuple[Marker, ...] = ()
    label: str | None = None
    label_color: str = "#444444"
    label_px: float = 13.0
    label_gap: float = 22.0
    marker_px: float = 9.0  # plotly's marker size: the dot's diameter
    marker_edge: float = 1.5  # its white edge


@dataclass(frozen=True)
class RowBox:
    """A row's plot area in the chart, in px from its top: [top, top + height] for values
    y_range[1] … y_range[0]."""

    top: float
    height: float
    y_range: tuple[float, float]

    def y_px(self, value: float) -> float:
        """The px from the chart's top where `value` is drawn."""
        lo, hi = self.y_range
        return self.top + (hi - value) / (hi - lo) * self.height


def row_boxes(layout: dict) -> dict[str, RowBox]:
    """Each row's plot area, by its y axis' name ("y", "y2", …), from a layout with an explicit
    height, margin and y axes with a domain and range (lstm_viz.heatmaps.stacked_layout)."""
    margin = layout["margin"]
    plot_h = layout["height"] - margin["t"] - margin["b"]
    boxes = {}
    for name, axis in layout.items():
        match = AXIS.match(name)
        if match is None or not isinstance(axis, dict) or "range" not in axis:
            continue
        bottom, top = axis.get("domain", (0.0, 1.0))
        boxes["y" + match.group(1)] = RowBox(
            top=margin["t"] + (1 - top) * plot_h,
            height=(top - bottom) * plot_h,
            y_range=(float(axis["range"][0]), float(axis["range"][1])),
        )
    return boxes


def plot_box(layout: dict) -> RowBox:
    """The whole plot area (paper y from 0 to 1), as one row of values 0 … 1."""
    margin = layout["margin"]
    return RowBox(margin["t"], layout["height"] - margin["t"] - margin["b"], (0.0, 1.0))


def x_fraction(layout: dict, x: float) -> float:
    """Where x lies across the plot area's width, 0 … 1 (the x axis' range)."""
    x0, x1 = layout["xaxis"]["range"]
    return (x - x0) / (x1 - x0)


def _left(layout: dict, x: float) -> str:
    margin = layout["margin"]
    fraction = x_fraction(layout, x)
    sides = margin["l"] + margin["r"]
    return f"calc({margin['l']}px + (100% - {sides}px) * {fraction:.6f})"


def _box(left: str, top: float, width: float, height: float, style: str) -> str:
    return (
        f'<div style="position: absolute; left: {left}; top: {top:.1f}px; '
        f"width: {width:g}px; height: {height:.1f}px; margin-left: {-width / 2:g}px; "
        f'{style}"></div>'
    )


def cursor_html(layout: dict, cursor: Cursor, label_px: float | None = None) -> str:
    """The cursor over a chart with this (finished, as shown) layout, as HTML for st.html: a
    box as tall as the chart, hidden from screen readers (the chart's summary says the step),
    that lets the pointer through to the chart's hover; its `data-x` is the cursor's x.
    `label_px` overrides the label's size (presenter mode enlarges the chart's text)."""
    left = _left(layout, cursor.x)
    boxes = row_boxes(layout)
    spans = [plot_box(layout)] if cursor.whole_plot else list(boxes.values())
    ink = f"background: {cursor.ink}"
    if cursor.dash:  # down the line: `dash` px of ink, `dash` px of gap, again
        stops = f"{cursor.ink} 0 {cursor.dash:g}px, transparent 0 {2 * cursor.dash:g}px"
        ink = f"background: repeating-linear-gradient({stops})"
    parts = []
    for box in spans:
        if cursor.halo is not None:
            parts.append(
                _box(left, box.top, cursor.halo_width, box.height, f"background: {cursor.halo}")
            )
        parts.append(_box(left, box.top, cursor.width, box.height, ink))
    size = cursor.marker_px + cursor.marker_edge
    for marker in cursor.markers:
        centre = boxes[marker.axis].y_px(marker.value)
        dot = (
            f"background: {marker.color}; border: {cursor.marker_edge:g}px solid white; "
            "border-radius: 50%; box-sizing: border-box"
        )
        parts.append(_box(left, centre - size / 2, size, size, dot))
    if cursor.label is not None:
        right = x_fraction(layout, cursor.x) > 0.5  # away from the nearer edge
        shift = "translate(-100%, -100%)" if right else "translate(0, -100%)"
        font = label_px or cursor.label_px
        bottom = layout["margin"]["t"] - cursor.label_gap
        parts.append(
            f'<div style="position: absolute; left: {left}; top: {bottom:.1f}px; '
            f"transform: {shift}; white-space: nowrap; padding: 0 3px; "
            f'font-size: {font:g}px; color: {cursor.label_color}">'
            f"{html.escape(cursor.label)}</div>"
        )
    return (
        f'<div class="{CURSOR_CLASS}" data-x="{cursor.x:g}" aria-hidden="true" '
        'style="position: relative; '
        f'height: {layout["height"]:.1f}px; pointer-events: none">' + "".join(parts) + "</div>"
    )
