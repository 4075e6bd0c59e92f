"""Every page shows its plotly figures through `show` (a go.Figure, or a finished figure dict
from a page's cache), with one chart config, so presenter mode can enlarge them.

CSS zoom cannot do it: plotly lays a chart out for the width Streamlit measures, and inside a
zoomed page that width is the zoomed one, so a zoomed chart is cut off on the right (the
presenter style gives charts the inverse zoom). Instead, in presenter mode every font size in
the figure (layout, axes, legend, annotations, trace text) is multiplied by FONT_SCALE and its
height by HEIGHT_SCALE, so the numbers on the diagram are readable from the back of a lecture
hall while the chart still fits its column.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from lstm_ui import presenter
from lstm_ui.lang import current, t
from lstm_ui.layout import CURSOR_BOX, EQUATION_CLASS, SUMMARY_CLASS
from lstm_viz.cursor import Cursor, cursor_html
from lstm_viz.figures import SpecFigure, dict_figure
from lstm_viz.heatmaps import word_axis_css
from lstm_viz.summaries import figure_summary
from lstm_viz.theme import PRESENTER_MIN_PX, finished

FONT_SCALE = 1.35
HEIGHT_SCALE = 1.2
DEFAULT_HEIGHT = 450  # plotly's own default, for figures that leave height unset
# Every chart: no plotly toolbar (its buttons cover titles on narrow screens and a projector).
CHART_CONFIG = {"displayModeBar": False}


def show(
    figure: go.Figure | dict,
    container: Any = None,
    *,
    key: str,
    summary: str | Callable[[Any], None] | None = None,
    cursor: Cursor | Callable[[Any], None] | None = None,
    **kwargs: Any,
) -> None:
    """st.plotly_chart of a figure, or of a finished figure dict (from a cache: sent as it is,
    see lstm_viz.figures.SpecFigure), in `container` (default: here), with larger text in
    presenter mode, and a sentence or two beside it saying what it shows: `summary` (a page
    words it from its verdicts) or, by default, lstm_viz.summaries.figure_summary of its
    numbers. The figure itself is never changed (cached figures are shared).

    A `cursor` is laid over the chart as HTML (lstm_viz.cursor; the chart and it share a box
    keyed `<key>_cursorbox`): moving it leaves the figure, and so the chart in the browser, as
    it is. Where such a chart has words on its t axis (a sentence), only as many as stand apart
    at the box's width are labelled (lstm_viz.heatmaps.word_axis_css). While ▶ Play runs, the
    page passes functions instead of the cursor and the sentence: each draws the player's view
    of them (lstm_ui.player.view) into the chart's box."""
    spec = figure.to_dict() if isinstance(figure, go.Figure) else figure
    if presenter.active():
        large = enlarged_spec(spec)
        shown, layout = dict_figure(large["data"], large["layout"]), large["layout"]
    else:  # every text in a dark colour, not Streamlit theme's pale grey
        shown = SpecFigure(finished(spec))
        layout = shown.spec["layout"]
    kwargs.setdefault("config", CHART_CONFIG)
    place = container or st
    if cursor is not None:
        box = f"{key}{CURSOR_BOX}"
        words = word_axis_css(f".st-key-{box}", layout)  # a sentence on the t axis: what fits
        if words:  # outside the box, where the chart and its cursor start at the same top
            place.html(f"<style>\n{words}\n</style>")
        place = place.container(key=box)
    place.plotly_chart(shown, key=key, **kwargs)
    if callable(cursor):
        cursor(place)
    elif cursor is not None:
        place.html(cursor_over(spec["layout"], cursor))
    if callable(summary):
        summary(place)
        return
    text = summary if summary is not None else figure_summary(spec, current())
    if text:
        place.markdown(summary_html(text, current()), unsafe_allow_html=True)


def summary_html(text: str, lang: str) -> str:
    """The sentence beside a chart, as show draws it."""
    return f'<p class="{SUMMARY_CLASS}" lang="{lang}">{html.escape(text)}</p>'


def cursor_over(layout: dict, cursor: Cursor) -> str:
    """The HTML of `cursor` over a chart of this layout as show draws it: in presenter mode
    with the chart's larger margins (enlarged_layout) and a label as large as the chart's text.

    There the chart is also taller than its layout says: Streamlit sizes the chart's box to the
    figure's height inside the page's zoom, and plotly, zoomed back (lstm_ui.presenter), fills
    that box, presenter.ZOOM times the figure's height in its own pixels. The cursor is zoomed
    back the same way, so it is drawn in the chart's pixels."""
    if not presenter.active():
        return cursor_html(layout, cursor)
    shown = enlarged_layout(layout)
    shown["height"] = shown["height"] * presenter.ZOOM
    label_px = max(cursor.label_px * FONT_SCALE, PRESENTER_MIN_PX)
    return cursor_html(shown, cursor, label_px)


def enlarged_layout(layout: dict, scale: float = FONT_SCALE) -> dict:
    """A copy of a layout with presenter mode's size: HEIGHT_SCALE times taller; where it fixes
    its margins (margin.autoexpand False: plotly would not widen them for the larger text they
    hold: tick labels, axis titles, colour bars, legends), margins `scale` times wider."""
    layout = dict(layout)
    layout["height"] = round(layout.get("height", DEFAULT_HEIGHT) * HEIGHT_SCALE)
    margin = layout.get("margin", {})
    if margin.get("autoexpand") is False:
        layout["margin"] = {**margin, **{side: round(margin[side] * scale) for side in "lrtb"}}
    return layout


def enlarged(figure: go.Figure | dict, scale: float = FONT_SCALE) -> go.Figure:
    """A copy of the figure for presenter mode: every text `scale` times larger and at least
    PRESENTER_MIN_PX (also where Streamlit's chart theme would have set a small size), every
    text an explicit dark colour, and the chart taller."""
    spec = figure.to_dict() if isinstance(figure, go.Figure) else dict(figure)
    large = enlarged_spec(spec, scale)
    return dict_figure(large["data"], large["layout"])


def enlarged_spec(spec: dict, scale: float = FONT_SCALE) -> dict:
    """enlarged's figure as a dict {"data", "layout"} (the layout as the browser draws it)."""
    spec = finished(spec, scale, PRESENTER_MIN_PX)
    return {"data": spec.get("data", []), "layout": enlarged_layout(spec["layout"], scale)}


def show_svg(svg: str, key: str, container: Any = None) -> None:
    """An inline SVG picture (lstm_viz.cell_svg) in `container` (default: here), inside a
    container keyed `key` (CSS class st-key-<key>). In presenter mode the page's CSS zoom
    enlarges it like the text around it.

    Not st.html: Streamlit 1.67 runs st.html's body through DOMPurify with its HTML profile
    only, which removes <svg> and everything in it (the page shows an empty block). st.markdown
    with unsafe_allow_html passes raw HTML through rehype-raw without that sanitiser, so the
    SVG arrives whole; the string must be ours, never user text. A blank line would end
    Markdown's HTML block, so line breaks (in <title>s) are sent as character references."""
    body = svg.replace("\r", "").replace("\n", "&#10;")
    (container or st).container(key=key).markdown(body, unsafe_allow_html=True)


def show_equation(latex: str, container: Any = None) -> None:
    """A displayed LaTeX equation (what st.latex shows) in a box that keyboard users can focus
    and scroll sideways when the equation is wider than the screen (a phone), with a shadow at
    the edge that has more (lstm_ui.layout's style).

    st.latex's own box scrolls but cannot be focused (axe: scrollable-region-focusable).
    Markdown inside an HTML block starts after a blank line, so the $$ block between the two
    HTML lines is still rendered by KaTeX, inside our <div>. `latex` is ours, never user text."""
    label = html.escape(t("a11y.equation"), quote=True)
    opening = (
        f'<div class="{EQUATION_CLASS}" tabindex="0" role="group" '
        f'aria-label="{label}" lang="{current()}">'
    )
    body = latex.strip().replace("\n", " ")
    (container or st).markdown(f"{opening}\n\n$$\n{body}\n$$\n\n</div>", unsafe_allow_html=True)
