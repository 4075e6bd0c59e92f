"""Every page shows its plotly figures through `show` (a go.Figure, or a finished figure dict
from a page's cache), with one chart config, so presenter mode can enlarge them.

CSS zoom cannot do it: plotly lays a chart out for the width Streamlit measures, and inside a
zoomed page that width is the zoomed one, so a zoomed chart is cut off on the right (the
presenter style gives charts the inverse zoom). Instead, in presenter mode every font size in
the figure (layout, axes, legend, annotations, trace text, animation frames) is multiplied by
FONT_SCALE and its height by HEIGHT_SCALE, so the numbers on the diagram are readable from the
back of a lecture hall while the chart still fits its column.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import streamlit as st

from lstm_ui import presenter
from lstm_viz.figures import FramedFigure, SpecFigure
from lstm_viz.theme import FONT

FONT_SCALE = 1.35
HEIGHT_SCALE = 1.2
DEFAULT_HEIGHT = 450  # plotly's own default, for figures that leave height unset
# Every chart: no plotly toolbar (its buttons cover titles on narrow screens and a projector).
CHART_CONFIG = {"displayModeBar": False}


def show(figure: go.Figure | dict, container: Any = None, *, key: str, **kwargs: Any) -> None:
    """st.plotly_chart of a figure, or of a finished figure dict (from a cache: sent as it is,
    see lstm_viz.figures.SpecFigure), in `container` (default: here), with larger text in
    presenter mode. The figure itself is never changed (cached figures are shared)."""
    if presenter.active():
        figure = enlarged(figure)
    elif isinstance(figure, dict):
        figure = SpecFigure(figure)
    kwargs.setdefault("config", CHART_CONFIG)
    (container or st).plotly_chart(figure, key=key, **kwargs)


def enlarged(figure: go.Figure | dict, scale: float = FONT_SCALE) -> FramedFigure:
    """A copy of the figure, every font `scale` times larger and the chart taller."""
    spec = figure.to_dict() if isinstance(figure, go.Figure) else dict(figure)
    spec = _scaled_fonts(spec, scale)
    layout = dict(spec.get("layout", {}))
    font = dict(layout.get("font", {}))
    font.setdefault("size", FONT["size"] * scale)  # a size that was set is scaled above
    layout["font"] = font
    # Streamlit's chart theme sets its own (small) tick and legend fonts: name them here.
    for key, axis in list(layout.items()):
        if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            axis = dict(axis)
            axis["tickfont"] = {"size": FONT["size"] * scale, **axis.get("tickfont", {})}
            title = axis.get("title")
            if isinstance(title, dict):
                font = {"size": FONT["size"] * scale, **title.get("font", {})}
                axis["title"] = {**title, "font": font}
            layout[key] = axis
    layout["legend"] = dict(layout.get("legend", {}))
    layout["legend"]["font"] = {"size": FONT["size"] * scale, **layout["legend"].get("font", {})}
    layout["height"] = round(layout.get("height", DEFAULT_HEIGHT) * HEIGHT_SCALE)
    return FramedFigure(spec.get("data", []), layout, spec.get("frames", []))


def _scaled_fonts(node: Any, scale: float) -> Any:
    """node with the "size" of every dict under a key ending in "font" multiplied by scale."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key.endswith("font") and isinstance(value, dict):
                value = dict(value)
                size = value.get("size")
                if isinstance(size, int | float):
                    value["size"] = size * scale
                elif isinstance(size, list):
                    value["size"] = [s * scale for s in size]
            out[key] = _scaled_fonts(value, scale)
        return out
    if isinstance(node, list) and node and isinstance(node[0], dict | list):
        return [_scaled_fonts(item, scale) for item in node]
    return node
