"""The GRU cell diagram (lstm_viz.gru_diagram): the numbers of nn.GRU's equations for the unit
shown, on every wire, as valid script-free SVG in both languages that stays inside its box."""

import json
import math
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from test_cell_svg import OVERFLOW_JS, SVG, fill_of, part, title_of, visible_text

from lstm_core import GRUParams, gru_step
from lstm_viz.cell_diagram import gate_color, signed_color
from lstm_viz.cell_svg import svg_meta
from lstm_viz.gru_diagram import (
    GRU_HEIGHT,
    gru_cell_diagram,
    gru_cell_meta,
    gru_cell_svg,
    gru_cell_values,
)
from lstm_viz.numbers import format_number

D, H = 2, 3
X = np.array([0.5, -1.0])
H_PREV = np.array([0.1, 0.7, -0.3])


def params(seed=1) -> GRUParams:
    return GRUParams.init(input_size=D, hidden_size=H, seed=seed)


def by_hand(g: GRUParams, x, h, k):
    """Unit k's r, z, n, h' from nn.GRU's equations, one row at a time in plain Python."""
    sig = lambda a: 1 / (1 + math.exp(-a))  # noqa: E731
    row = lambda M, j, v: sum(M[j, m] * v[m] for m in range(len(v)))  # noqa: E731
    r = sig(row(g.W, k, x) + g.b_ih[k] + row(g.U, k, h) + g.b_hh[k])
    z = sig(row(g.W, H + k, x) + g.b_ih[H + k] + row(g.U, H + k, h) + g.b_hh[H + k])
    hn = row(g.U, 2 * H + k, h) + g.b_hh[2 * H + k]
    n = math.tanh(row(g.W, 2 * H + k, x) + g.b_ih[2 * H + k] + r * hn)
    return {"r": r, "z": z, "n": n, "hn": hn, "h": (1 - z) * n + z * h[k]}


@pytest.mark.parametrize("unit", range(H))
def test_the_diagrams_numbers_are_the_gru_equations_for_the_unit_shown(unit):
    g = params()
    step = gru_step(g, X, H_PREV)
    svg = gru_cell_svg(X, H_PREV, step, unit=unit)
    values = svg_meta(svg)["values"]
    expected = by_hand(g, X, H_PREV, unit)
    for name, value in expected.items():
        assert values[name] == pytest.approx(value, abs=1e-12), name
    z, n, h_prev = expected["z"], expected["n"], H_PREV[unit]
    assert values["zh"] == pytest.approx(z * h_prev, abs=1e-12)
    assert values["zn"] == pytest.approx((1 - z) * n, abs=1e-12)
    assert values["one_minus_z"] == pytest.approx(1 - z, abs=1e-12)
    assert values["rhn"] == pytest.approx(expected["r"] * expected["hn"], abs=1e-12)
    # h_t is the sum of what is kept and what is written, as the + node says
    assert values["h"] == pytest.approx(values["zh"] + values["zn"], abs=1e-12)
    assert svg_meta(svg) == gru_cell_meta(H_PREV, step, unit)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_number_is_written_on_the_picture(lang):
    step = gru_step(params(), X, H_PREV)
    svg = gru_cell_svg(X, H_PREV, step, unit=1, lang=lang)
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg" and root.get("height") == str(GRU_HEIGHT)
    text = visible_text(root)
    for name, value in gru_cell_values(H_PREV, step, 1).items():
        assert format_number(value) in text, name
    assert "[0.50, −1.00]" in text and "[0.10, 0.70, −0.30]" in text


def test_boxes_and_chips_are_coloured_by_their_value_and_explain_themselves():
    step = gru_step(params(), X, H_PREV)
    root = ET.fromstring(gru_cell_svg(X, H_PREV, step, unit=0))
    v = gru_cell_values(H_PREV, step, 0)
    assert fill_of(part(root, "box_r")) == gate_color(v["r"])
    assert fill_of(part(root, "box_z")) == gate_color(v["z"])
    assert fill_of(part(root, "box_n")) == signed_color(v["n"])
    assert fill_of(part(root, "chip_h")) == signed_color(v["h"])
    n = format_number
    assert f"= {n(v['z'])} × {n(v['h_prev'])} = {n(v['zh'])}" in title_of(part(root, "node_keep"))
    assert f"1 − {n(v['z'])} = {n(v['one_minus_z'])}" in title_of(part(root, "node_one_minus"))
    assert f"= {n(v['rhn'])}" in title_of(part(root, "node_reset"))
    assert f"tanh({n(step.a[2 * H])})" in title_of(part(root, "box_n"))


def test_the_line_after_the_keep_node_is_as_wide_as_z():
    step = gru_step(params(), X, H_PREV)
    root = ET.fromstring(gru_cell_svg(X, H_PREV, step, unit=0))
    (line,) = [e for e in root.iter(SVG + "line") if e.get("data-part") == "h_line_kept"]
    assert float(line.get("stroke-width")) == pytest.approx(1 + 11 * step.z[0], abs=0.01)


def test_the_plotly_figure_carries_the_same_numbers():
    step = gru_step(params(), X, H_PREV)
    fig = gru_cell_diagram(X, H_PREV, step, unit=2, lang="ko")
    meta = json.loads(json.dumps(fig.layout.meta))
    assert meta == svg_meta(gru_cell_svg(X, H_PREV, step, unit=2, lang="ko"))


def test_aria_label_and_korean():
    step = gru_step(params(), X, H_PREV)
    v = gru_cell_values(H_PREV, step, 1)
    root = ET.fromstring(gru_cell_svg(X, H_PREV, step, unit=1))
    label = root.get("aria-label")
    assert label.startswith("GRU cell, hidden unit 2 (H = 3)")
    assert f"z = {format_number(v['z'])}" in label and f"h_t = {format_number(v['h'])}" in label
    ko = ET.fromstring(gru_cell_svg(X, H_PREV, step, unit=1, lang="ko"))
    assert ko.get("lang") == "ko"
    assert "업데이트 게이트" in visible_text(ko) and "리셋 게이트" in visible_text(ko)
    assert "업데이트 게이트" in ko.get("aria-label")


def test_no_script_and_a_bad_unit_is_refused():
    step = gru_step(params(), X, H_PREV)
    svg = gru_cell_svg(X, H_PREV, step)
    assert "<script" not in svg and "onload" not in svg and "href" not in svg
    with pytest.raises(ValueError, match="out of range"):
        gru_cell_svg(X, H_PREV, step, unit=H)


@pytest.mark.browser
@pytest.mark.parametrize("width", [400, 1280])
def test_no_text_leaves_the_gru_svg_on_a_phone_or_a_laptop(browser, width):
    svgs = []
    for lang in ("en", "ko"):
        svgs.append(gru_cell_svg(X, H_PREV, gru_step(params(), X, H_PREV), 1, lang))
        rng = np.random.default_rng(3)
        x, h = rng.normal(size=3), np.tanh(rng.normal(size=4))
        svgs.append(gru_cell_svg(x, h, gru_step(GRUParams.init(3, 4, seed=2), x, h), 3, lang))
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.set_content("<html><body style='margin:8px'>" + "".join(svgs) + "</body></html>")
        assert page.evaluate("document.querySelectorAll('svg[role=img]').length") == 4
        assert page.evaluate(OVERFLOW_JS) == []
    finally:
        context.close()
