"""The SVG cell diagram (lstm_viz.cell_svg) is the plotly diagram's picture: the same numbers,
colours, variants and words, as valid script-free SVG that stays inside its box from a phone to
a laptop, and that Streamlit draws through lstm_ui.charts.show_svg."""

import json
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from playwright.sync_api import expect
from test_cell_diagram import annotation, plain, shape

from lstm_core import LSTMParams, RNNParams, lstm_step, rnn_step
from lstm_viz.cell_diagram import FIXED_FILL, gate_color, lstm_cell_diagram, rnn_cell_diagram
from lstm_viz.cell_svg import (
    lstm_cell_meta,
    lstm_cell_svg,
    plain_text,
    rnn_cell_meta,
    rnn_cell_svg,
    svg_meta,
)
from lstm_viz.numbers import format_number, format_vector

from conftest import APP_IDLE, ROOT, start_app, stop_app

SVG = "{http://www.w3.org/2000/svg}"
D, H = 2, 3
X = np.array([0.5, -1.0])
H_PREV = np.array([0.1, 0.2, -0.3])
C_PREV = np.array([0.8, -1.6, 0.4])
VARIANTS = ("standard", "no_forget", "coupled")


def lstm(variant="standard", seed=1):
    p = LSTMParams.init(input_size=D, hidden_size=H, seed=seed)
    return lstm_step(p, X, H_PREV, C_PREV, variant=variant)


def forget_of(f, unit=0):
    """A step whose forget gate of `unit` is exactly f (the other values from lstm_core)."""
    step = lstm()
    step.f[unit] = f
    step.c[unit] = f * C_PREV[unit] + step.i[unit] * step.g[unit]
    step.h[unit] = step.o[unit] * np.tanh(step.c[unit])
    return step


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    return root


def visible_text(element: ET.Element) -> str:
    """The text of every <text> under element (not the <title>s), one line each."""
    return "\n".join("".join(t.itertext()) for t in element.iter(SVG + "text"))


def part(root: ET.Element, name: str) -> ET.Element:
    (found,) = [e for e in root.iter() if e.get("data-part") == name]
    return found


def fill_of(group: ET.Element) -> str:
    return next(e for e in group.iter() if e.tag in (SVG + "rect", SVG + "circle")).get("fill")


def title_of(group: ET.Element) -> str:
    return group.find(SVG + "title").text


def text_fill(group: ET.Element) -> str:
    return next(group.iter(SVG + "text")).get("fill")


PARTS = ("box_f", "box_i", "box_g", "box_o", "box_tanh_c", "chip_c_prev", "chip_c", "chip_h")


# --- the same picture as the plotly figure -------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_svg_parses_and_writes_every_number_of_the_plotly_figures_meta(variant, lang):
    step = lstm(variant)
    for unit in range(H):
        svg = lstm_cell_svg(X, H_PREV, C_PREV, step, unit=unit, lang=lang, variant=variant)
        root = parse(svg)
        text = visible_text(root)
        meta = lstm_cell_diagram(X, H_PREV, C_PREV, step, unit, lang, variant).layout.meta
        assert svg_meta(svg) == json.loads(json.dumps(meta))
        assert svg_meta(svg) == lstm_cell_meta(C_PREV, step, unit, variant)
        for key, value in meta["values"].items():
            if variant == "no_forget" and key == "f":
                assert "= 1" in text  # the fixed gate is written as f_t = 1
                continue
            assert format_number(value) in text, key
        assert format_vector(X, "x") in text and format_vector(H_PREV, "h") in text
        assert f"(H = {H})" in text


@pytest.mark.parametrize("variant", VARIANTS)
def test_each_part_has_the_plotly_figures_text_fill_and_text_colour(variant):
    step = lstm(variant)
    fig = lstm_cell_diagram(X, H_PREV, C_PREV, step, unit=1, variant=variant)
    root = parse(lstm_cell_svg(X, H_PREV, C_PREV, step, unit=1, variant=variant))
    for name in PARTS:
        group = part(root, name)
        assert fill_of(group) == shape(fig, name).fillcolor, name
        assert text_fill(group) == annotation(fig, name).font.color, name
        assert visible_text(group).replace("\n", "") == plain(annotation(fig, name).text), name
    for name in ("node_forget", "node_write", "node_add", "node_out"):
        assert visible_text(part(root, name)) == plain(annotation(fig, name).text)


def test_hover_titles_hold_the_plotly_hover_formula_and_words():
    step = lstm()
    fig = lstm_cell_diagram(X, H_PREV, C_PREV, step)
    root = parse(lstm_cell_svg(X, H_PREV, C_PREV, step))
    titles = [t.text for t in root.iter(SVG + "title")]
    hovers = [plain(h.replace("<br>", " ")) for h in fig.data[0].hovertemplate]
    assert len(titles) == len(hovers)  # every hover point of the figure has its title
    f = format_number(step.f[0])
    title = title_of(part(root, "box_f"))
    a_f = format_number(step.a[H])
    assert title.startswith(f"f_t = σ(W_f x_t + U_f h_{{t−1}} + b_f) = σ({a_f}) = {f}\n")
    assert "the fraction of the old memory c_{t−1} that is kept" in title
    c_title = title_of(part(root, "chip_c"))
    assert c_title.startswith("c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t\n= ")
    assert c_title.split("\n")[1].endswith(f"= {format_number(step.c[0])}")
    # the same numbers and words as plotly's hover, subscripts written with "_"
    for svg_title, hover in zip(titles, hovers, strict=True):
        flat = re.sub(r"_\{([^}]*)\}|_(\S)", r"\1\2", svg_title.replace("\n", " "))
        assert " ".join(flat.split()) == " ".join(hover.split())


def test_cell_line_after_the_forget_node_is_as_wide_as_f():
    for f in (0.1, 0.3, 0.9):
        root = parse(lstm_cell_svg(X, H_PREV, C_PREV, forget_of(f)))
        assert float(part(root, "cell_line_kept").get("stroke-width")) == pytest.approx(1 + 11 * f)
        assert part(root, "cell_line_in").get("stroke-width") == "12"


def test_gate_fill_follows_the_gate_scale_and_text_stays_readable():
    low = parse(lstm_cell_svg(X, H_PREV, C_PREV, forget_of(0.1)))
    high = parse(lstm_cell_svg(X, H_PREV, C_PREV, forget_of(0.9)))
    # Cividis: dark blue at 0.1 (white text), yellow at 0.9 (black text)
    assert fill_of(part(low, "box_f")) == gate_color(0.1)
    assert fill_of(part(high, "box_f")) == gate_color(0.9)
    assert gate_color(0.1) != gate_color(0.9)
    assert text_fill(part(low, "box_f")) == "white"
    assert text_fill(part(high, "box_f")) == "black"


def test_no_forget_greys_the_f_box_and_keeps_all_of_the_old_memory():
    step = lstm("no_forget")
    root = parse(lstm_cell_svg(X, H_PREV, C_PREV, step, variant="no_forget"))
    box = part(root, "box_f")
    assert fill_of(box) == FIXED_FILL
    assert box.find(SVG + "rect").get("stroke-dasharray")  # drawn dotted
    assert "(fixed)" in visible_text(box) and "1997" in title_of(box)
    assert part(root, "cell_line_kept").get("stroke-width") == "12"
    assert "no forget gate: f = 1 keeps all of c_{t−1} = 0.800" in root.get("aria-label")
    ko = parse(lstm_cell_svg(X, H_PREV, C_PREV, step, lang="ko", variant="no_forget"))
    assert "(고정)" in visible_text(part(ko, "box_f"))


def test_coupled_labels_f_as_one_minus_i_with_its_value():
    step = lstm("coupled")
    root = parse(lstm_cell_svg(X, H_PREV, C_PREV, step, variant="coupled"))
    box = visible_text(part(root, "box_f")).replace("\n", "")
    assert "= 1 − it" in box and format_number(1 - step.i[0]) in box
    assert f"f = 1 − i = {format_number(step.f[0])}" in root.get("aria-label")


def test_legend_shows_both_scales_with_their_ends():
    root = parse(lstm_cell_svg(X, H_PREV, C_PREV, lstm()))
    text = visible_text(root)
    assert "gates i, f, o" in text and "g, c, h (signed)" in text
    gradients = list(root.iter(SVG + "linearGradient"))
    assert len(gradients) == 2
    assert next(s.get("stop-color") for s in gradients[1].iter(SVG + "stop")) == "rgb(5,48,97)"
    ticks = [t.text for t in root.iter(SVG + "text")]
    for tick in ("0", "0.5", "1", "−1"):
        assert tick in ticks


# --- words, languages, safety --------------------------------------------------------------------


def test_aria_label_says_the_step_with_its_numbers():
    root = parse(lstm_cell_svg(X, H_PREV, C_PREV, forget_of(0.3)))
    label = root.get("aria-label")
    assert root.get("role") == "img"
    assert "f = 0.300 keeps 30.0% of c_{t−1} = 0.800, that is 0.240" in label
    step = forget_of(0.3)
    assert f"c_t = {format_number(step.c[0])}" in label
    assert f"h_t = o·tanh(c_t) = {format_number(step.h[0])}" in label


def test_korean_svg_uses_korean_words_and_is_marked_korean():
    root = parse(lstm_cell_svg(X, H_PREV, C_PREV, lstm(), lang="ko"))
    assert root.get("lang") == "ko" and root.get("{http://www.w3.org/XML/1998/namespace}lang")
    text = visible_text(root)
    for word in ("망각 게이트", "입력 게이트", "출력 게이트", "후보 값", "셀 상태", "은닉 상태"):
        assert word in text, word
    assert "forget gate" not in text
    assert "망각 게이트" in title_of(part(root, "box_f"))
    assert re.search("[가-힣]", root.get("aria-label"))
    assert parse(lstm_cell_svg(X, H_PREV, C_PREV, lstm())).get("lang") == "en"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_svg_has_no_script_handler_or_link(lang):
    svgs = [lstm_cell_svg(X, H_PREV, C_PREV, lstm(v), lang=lang, variant=v) for v in VARIANTS] + [
        rnn_cell_svg(X, H_PREV, np.tanh(H_PREV), lang=lang)
    ]
    for svg in svgs:
        root = parse(svg)
        assert not [e for e in root.iter() if e.tag in (SVG + "script", SVG + "a", SVG + "image")]
        assert not [a for e in root.iter() for a in e.attrib if a.startswith("on") or "href" in a]
        assert "<script" not in svg.lower()


def test_width_and_height_are_fixed_for_the_page_and_settable_for_a_file():
    root = parse(lstm_cell_svg(X, H_PREV, C_PREV, lstm()))
    assert (root.get("width"), root.get("height")) == ("100%", "450")
    rnn = parse(rnn_cell_svg(X, H_PREV, np.tanh(H_PREV), width="800"))
    assert (rnn.get("width"), rnn.get("height")) == ("800", "260")


def test_markup_becomes_plain_text_with_underscored_subscripts():
    assert plain_text("<b>c<sub>t−1</sub></b> = 0.5<br>kept") == "c_{t−1} = 0.5\nkept"
    assert plain_text("<span style='font-size:11px'>σ</span> i<sub>t</sub>") == "σ i_t"


def test_unknown_variant_and_bad_unit_are_refused_like_the_plotly_diagram():
    with pytest.raises(ValueError, match="variant"):
        lstm_cell_svg(X, H_PREV, C_PREV, lstm(), variant="bidirectional")
    with pytest.raises(ValueError, match="out of range"):
        lstm_cell_svg(X, H_PREV, C_PREV, lstm(), unit=3)


# --- the RNN cell --------------------------------------------------------------------------------


def test_rnn_svg_matches_the_plotly_rnn_diagram():
    q = RNNParams.init(input_size=D, hidden_size=H, seed=0)
    step = rnn_step(q, X, H_PREV)
    for lang in ("en", "ko"):
        fig = rnn_cell_diagram(X, H_PREV, step, unit=2, lang=lang)
        svg = rnn_cell_svg(X, H_PREV, step, unit=2, lang=lang)
        root = parse(svg)
        assert svg_meta(svg) == json.loads(json.dumps(fig.layout.meta))
        assert svg_meta(svg) == rnn_cell_meta(step, unit=2)
        for name in ("box_h", "chip_h"):
            assert fill_of(part(root, name)) == shape(fig, name).fillcolor
            assert visible_text(part(root, name)).replace("\n", "") == plain(
                annotation(fig, name).text
            )
        assert format_number(step.a[2]) in title_of(part(root, "box_h"))
        label = root.get("aria-label")
        assert f"= tanh({format_number(step.a[2])}) = {format_number(step.h[2])}" in label
    assert "일반 RNN 셀" in visible_text(root)


# --- in Chromium ---------------------------------------------------------------------------------

OVERFLOW_JS = """() => [...document.querySelectorAll('svg[role=img]')].flatMap(svg => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')].flatMap(text => {
        const r = text.getBoundingClientRect();
        const inside = r.left >= box.left - 0.5 && r.right <= box.right + 0.5
            && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
        return inside && r.width > 0 ? [] : [text.textContent + ' ' + JSON.stringify(r)];
    });
})"""


def diagrams_page() -> str:
    """Every diagram this module draws, in both languages, on one HTML page."""
    svgs = []
    for lang in ("en", "ko"):
        for variant in VARIANTS:
            step = lstm(variant)
            svgs.append(lstm_cell_svg(X, H_PREV, C_PREV, step, 1, lang, variant))
        rng = np.random.default_rng(3)
        x, h, c = rng.normal(size=8), rng.normal(size=6), rng.normal(size=6)
        big = lstm_step(LSTMParams.init(input_size=8, hidden_size=6, seed=2), x, h, c)
        svgs.append(lstm_cell_svg(x, h, c, big, unit=5, lang=lang))
        svgs.append(rnn_cell_svg(x, h, np.tanh(h), unit=5, lang=lang, pre_activation=h))
    return "<html><body style='margin:8px'>" + "".join(svgs) + "</body></html>"


@pytest.mark.browser
@pytest.mark.parametrize("width", [400, 1280])
def test_no_text_leaves_the_svg_box_on_a_phone_or_a_laptop(browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        html = diagrams_page()
        page.set_content(html)
        assert page.evaluate("document.querySelectorAll('svg[role=img]').length") == 10
        drawn = page.evaluate("document.querySelectorAll('svg[role=img] text').length")
        assert drawn == html.count("<text ") > 200
        assert page.evaluate(OVERFLOW_JS) == []
    finally:
        context.close()


@pytest.mark.browser
def test_the_svg_saved_as_a_file_opens_in_chromium(browser, tmp_path):
    path = tmp_path / "lstm_cell.svg"
    path.write_text(lstm_cell_svg(X, H_PREV, C_PREV, lstm(), lang="ko"), encoding="utf-8")
    context = browser.new_context(viewport={"width": 900, "height": 600})
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        assert page.evaluate("document.documentElement.tagName") == "svg"
        assert page.evaluate("document.querySelector('parsererror')") is None
        assert "망각 게이트" in page.evaluate("document.documentElement.textContent")
        width = page.evaluate("document.documentElement.getBoundingClientRect().width")
        assert width == pytest.approx(900, abs=1)
    finally:
        context.close()


SHOW_APP = """import sys
sys.path.insert(0, {root!r})
import numpy as np
import streamlit as st
from lstm_core import LSTMParams, lstm_step
from lstm_ui.charts import show_svg
from lstm_viz.cell_svg import lstm_cell_svg

x, h, c = np.array([0.5, -1.0]), np.array([0.1, 0.2, -0.3]), np.array([0.8, -1.6, 0.4])
step = lstm_step(LSTMParams.init(input_size=2, hidden_size=3, seed=1), x, h, c)
svg = lstm_cell_svg(x, h, c, step, lang="ko")
show_svg(svg, key="cell")
st.html(svg)
st.caption(f"titles: {{svg.count('<title>')}}")
"""


@pytest.mark.browser
def test_show_svg_draws_the_whole_svg_in_streamlit_where_st_html_draws_nothing(browser, tmp_path):
    (tmp_path / "show_app.py").write_text(SHOW_APP.format(root=str(ROOT)))
    process, url = start_app(script="show_app.py", cwd=tmp_path)
    try:
        context = browser.new_context(viewport={"width": 400, "height": 850})
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        page.wait_for_selector(APP_IDLE)
        svg = page.locator(".st-key-cell svg[role=img]")
        expect(svg).to_have_count(1)
        expect(svg).to_have_attribute("lang", "ko")
        assert svg.locator("text").count() > 30
        expect(page.get_by_text("titles: 14")).to_be_visible()  # 14 hover points
        assert svg.locator("title").count() == 14
        assert "\n" in svg.locator("[data-part=chip_c] title").text_content()
        assert svg.bounding_box()["height"] == pytest.approx(450, abs=1)
        # Streamlit 1.67 sanitises st.html with DOMPurify's HTML profile: no SVG is left
        assert page.locator("[data-testid='stHtml'] svg").count() == 0
        assert errors == []
        context.close()
    finally:
        stderr = stop_app(process)
    assert "Traceback" not in stderr
