"""Presenter mode's larger figures: every font is scaled, nothing else changes."""

import json
import re

import numpy as np
import plotly.graph_objects as go
import pytest

from lstm_core import lstm_step
from lstm_core.lab.scenarios import gate_params
from lstm_ui.charts import FONT_SCALE, HEIGHT_SCALE, enlarged
from lstm_viz.cell_diagram import lstm_cell_diagram
from lstm_viz.theme import FONT, PRESENTER_MIN_PX

from apptest_support import font_sizes


def test_every_font_of_the_cell_diagram_grows_and_the_numbers_stay():
    step = lstm_step(gate_params(0.2, 0.3, 0.4, 0.5), [0.0], [0.0], [2.0])
    figure = lstm_cell_diagram([0.0], [0.0], [2.0], step)
    before, after = figure.to_dict(), enlarged(figure).to_dict()
    old, new = font_sizes(before), font_sizes(after)
    assert old, "the diagram sets font sizes"
    for path, size in old.items():
        assert new[path] == pytest.approx(max(size * FONT_SCALE, PRESENTER_MIN_PX)), path

    # texts (but for plotly markup's own sizes, which grow too), shapes and data are untouched
    def words(notes):
        return [re.sub(r"font-size:\d+(\.\d+)?px", "", a["text"]) for a in notes]

    assert words(after["layout"]["annotations"]) == words(before["layout"]["annotations"])
    inline = re.findall(r"font-size:(\d+(?:\.\d+)?)px", json.dumps(after["layout"]))
    assert inline and all(float(size) >= PRESENTER_MIN_PX for size in inline)
    assert after["layout"]["shapes"] == before["layout"]["shapes"]
    assert after["layout"]["meta"] == before["layout"]["meta"]
    assert after["layout"]["height"] == round(before["layout"]["height"] * HEIGHT_SCALE)
    go.Figure(json.loads(json.dumps(after)))  # still a valid figure


def test_axes_and_legend_get_a_size_even_when_the_figure_left_them_to_the_theme():
    figure = go.Figure(
        go.Scatter(x=[1, 2], y=[3, 4]), layout=dict(xaxis=dict(title=dict(text="t")))
    )
    layout = enlarged(figure).to_dict()["layout"]
    big = FONT["size"] * FONT_SCALE
    assert layout["xaxis"]["tickfont"]["size"] == pytest.approx(big)
    assert layout["xaxis"]["title"]["font"]["size"] == pytest.approx(big)
    assert layout["legend"]["font"]["size"] == pytest.approx(big)
    assert layout["font"]["size"] == pytest.approx(big)


def test_a_cached_dicts_trace_text_is_scaled_and_the_dict_is_not_changed():
    trace = {"type": "scatter", "x": [1], "y": [1], "text": ["a"], "textfont": {"size": 20}}
    spec = {"data": [trace], "layout": {"height": 300}}
    out = enlarged(spec).to_dict()
    assert out["data"][0]["textfont"]["size"] == pytest.approx(20 * FONT_SCALE)
    assert np.array_equal(out["data"][0]["x"], [1])
    assert out["layout"]["height"] == round(300 * HEIGHT_SCALE)
    assert trace["textfont"]["size"] == 20 and spec["layout"]["height"] == 300  # shared: unchanged
