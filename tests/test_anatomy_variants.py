"""The LSTM variants on the gate anatomy page: each diagram is drawn without the part the variant
removes and shows the core's numbers (peepholes with their values), the equations are the
variant's own with the numbers put in, and the page offers every variant in both languages."""

import math
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from test_anatomy_page import open_anatomy
from test_cell_svg import OVERFLOW_JS, SVG, title_of, visible_text

from lstm_core import VARIANTS, LSTMParams, lstm_step
from lstm_viz.anatomy import callouts, substituted_equations
from lstm_viz.cell_svg import lstm_cell_meta, lstm_cell_svg, svg_meta
from lstm_viz.numbers import format_number

from apptest_support import all_text, assert_no_errors, latex_lines, svg_diagrams

W = np.array([[-1.0], [1.0], [2.0], [0.5]])  # a = (−1, 1, 2, 0.5) at x = 1, h = 0
P = np.array([[0.5], [1.0], [0.8]])  # p_i, p_f, p_o
X, H0, C0 = np.array([1.0]), np.zeros(1), np.array([0.5])


def sig(a: float) -> float:
    return 1 / (1 + math.exp(-a))


def params() -> LSTMParams:
    return LSTMParams(W, np.zeros((4, 1)), np.zeros(4), P)


def by_hand(variant: str) -> dict[str, float]:
    """The unit's numbers from the variant's equations, written out here."""
    c_prev = 0.5
    a_i, a_f = -1.0, 1.0
    if variant == "peephole":
        a_i, a_f = a_i + 0.5 * c_prev, a_f + 1.0 * c_prev
    i = 1.0 if variant == "no_input_gate" else sig(a_i)
    f = {"no_forget": 1.0, "coupled": 1 - i}.get(variant, sig(a_f))
    g = 2.0 if variant == "no_input_activation" else math.tanh(2.0)
    c = f * c_prev + i * g
    a_o = 0.5 + (0.8 * c if variant == "peephole" else 0.0)
    o = 1.0 if variant == "no_output_gate" else sig(a_o)
    squashed = c if variant == "no_output_activation" else math.tanh(c)
    return {"i": i, "f": f, "g": g, "c": c, "o": o, "tanh_c": squashed, "h": o * squashed}


def svg_of(variant: str, lang: str = "en") -> str:
    step = lstm_step(params(), X, H0, C0, variant=variant)
    return lstm_cell_svg(X, H0, C0, step, lang=lang, variant=variant, peephole=P)


def parts(svg: str) -> set[str]:
    return {e.get("data-part") for e in ET.fromstring(svg).iter() if e.get("data-part")}


@pytest.mark.parametrize("variant", VARIANTS)
def test_each_variants_diagram_shows_its_own_equations_numbers(variant):
    values = svg_meta(svg_of(variant))["values"]
    for name, value in by_hand(variant).items():
        assert values[name] == pytest.approx(value, abs=1e-12), name
    step = lstm_step(params(), X, H0, C0, variant=variant)
    assert svg_meta(svg_of(variant)) == lstm_cell_meta(C0, step, 0, variant, P)


def test_removed_gates_and_activations_are_not_drawn():
    full = parts(svg_of("standard"))
    assert {"box_i", "node_write", "box_o", "node_out", "box_tanh_c"} <= full
    assert not {"peep_f", "peep_i", "peep_o"} & full
    assert not {"box_i", "node_write"} & parts(svg_of("no_input_gate"))
    assert "g_in" in parts(svg_of("no_input_gate"))  # g goes straight into the sum
    assert not {"box_o", "node_out"} & parts(svg_of("no_output_gate"))
    assert "box_tanh_c" not in parts(svg_of("no_output_activation"))
    assert {"box_o", "node_out", "box_i"} <= parts(svg_of("no_output_activation"))
    g_box = [e for e in ET.fromstring(svg_of("no_input_activation")).iter() if e.get("data-part")]
    (g_box,) = [e for e in g_box if e.get("data-part") == "box_g"]
    assert "no tanh" in visible_text(g_box) and "2.000" in visible_text(g_box)
    assert next(g_box.iter(SVG + "rect")).get("stroke-dasharray")


def test_peepholes_are_drawn_from_the_cell_state_with_their_values():
    svg = svg_of("peephole")
    assert {"peep_f", "peep_i", "peep_o"} <= parts(svg)
    values = svg_meta(svg)["values"]
    c = by_hand("peephole")["c"]
    assert values["pc_i"] == 0.25 and values["pc_f"] == 0.5
    assert values["pc_o"] == pytest.approx(0.8 * c, abs=1e-15)  # o sees the NEW c_t
    text = visible_text(ET.fromstring(svg))
    assert "0.250" in text and "0.500" in text and format_number(0.8 * c) in text
    box_f = next(e for e in ET.fromstring(svg).iter() if e.get("data-part") == "box_f")
    assert "p_f ⊙ c_{t−1}" in title_of(box_f) and f"σ({format_number(1.5)})" in title_of(box_f)


def test_the_screen_readers_sentence_follows_the_variant():
    label = ET.fromstring(svg_of("no_output_activation")).get("aria-label")
    h = by_hand("no_output_activation")["h"]
    assert f"h_t = o·c_t = {format_number(h)}" in label and "no tanh on the output" in label
    ko = ET.fromstring(svg_of("no_input_gate", "ko")).get("aria-label")
    assert "입력 게이트가 없습니다" in ko


def equations(variant: str) -> list[str]:
    step = lstm_step(params(), X, H0, C0, variant=variant)
    return substituted_equations(params(), X, H0, C0, step, 0, variant)


def test_equations_are_the_variants_own():
    i_line, f_line, _, o_line, _, _ = equations("peephole")
    assert r"p_i \odot c_{t-1}" in i_line and r"\sigma(-1.000 + 0.500 \times 0.500)" in i_line
    assert rf"\sigma(-0.750) = {sig(-0.75):.3f}" in i_line
    assert rf"\sigma(1.500) = {sig(1.5):.3f}" in f_line
    c = by_hand("peephole")["c"]
    assert r"p_o \odot c_t" in o_line and rf"\sigma(0.500 + 0.800 \times {c:.3f})" in o_line
    lines = equations("no_input_gate")
    assert lines[0] == "i_t = 1" and r"c_t &= f_t \odot c_{t-1} + g_t" in lines[4]
    assert f"= {by_hand('no_input_gate')['c']:.3f}" in lines[4]
    assert equations("no_output_gate")[3] == "o_t = 1"
    assert r"h_t &= \tanh(c_t)" in equations("no_output_gate")[5]
    g_line = equations("no_input_activation")[2]
    assert r"\tanh" not in g_line and "&= 2.000" in g_line
    h_line = equations("no_output_activation")[5]
    assert r"h_t &= o_t \odot c_t" in h_line and r"\tanh" not in h_line


def test_callouts_say_what_the_variant_removed_with_true_numbers():
    step = lstm_step(params(), X, H0, C0, variant="no_output_activation")
    notes = {n.key: n.fields for n in callouts(step, C0, 0, "no_output_activation")}
    o = sig(0.5)
    assert notes["anatomy.callout.new_c_linear"]["h_old"] == format_number(o * 0.5)
    assert "anatomy.callout.c_beyond_one_linear" not in notes  # c = 0.625
    big = lstm_step(params(), X, H0, [2.0], variant="no_output_activation")
    notes = {n.key: n.fields for n in callouts(big, [2.0], 0, "no_output_activation")}
    assert notes["anatomy.callout.c_beyond_one_linear"]["h"] == format_number(o * big.c[0])
    assert "anatomy.callout.c_beyond_one" not in notes  # it says only h is squashed
    step = lstm_step(params(), X, H0, C0, variant="peephole")
    (peep,) = [n for n in callouts(step, C0, 0, "peephole", P) if n.key.endswith("peephole")]
    assert peep.fields["pcf"] == "0.500" and peep.fields["pci"] == "0.250"


# --- the page ------------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_page_offers_and_draws_every_variant(variant, lang):
    at = open_anatomy(an_variant=variant, lang=lang)
    assert_no_errors(at)
    meta = svg_diagrams(at)[0]
    assert meta["variant"] == variant
    p = LSTMParams(W, np.zeros((4, 1)), np.zeros(4), P)  # the page's example peepholes
    step = lstm_step(p, X, H0, C0, variant=variant)
    for name in ("i", "f", "g", "o", "c", "h"):
        assert meta["values"][name] == pytest.approx(float(getattr(step, name)[0]), abs=1e-12)
    assert len([line for line in latex_lines(at) if "_t" in line]) >= 6


def test_the_variant_choice_lists_all_eight_in_the_language_shown():
    at = open_anatomy(lang="ko")
    box = at.selectbox(key="an_variant")
    assert len(box.options) == len(VARIANTS) and "핍홀(게이트가 c를 봄)" in box.options
    box.select_index(VARIANTS.index("no_output_gate")).run()
    assert_no_errors(at)
    assert at.query_params["an_variant"] == "no_output_gate"
    assert "출력 게이트 없음" in all_text(at)


def test_peephole_sliders_move_the_gate_and_go_in_the_link():
    at = open_anatomy(an_variant="peephole")
    at.slider(key="an_peep_f").set_value(-2.0).run()
    assert_no_errors(at)
    values = svg_diagrams(at)[0]["values"]
    assert values["p_f"] == -2.0 and values["pc_f"] == -1.0
    assert values["f"] == pytest.approx(sig(1.0 - 1.0), abs=1e-12)
    assert at.query_params["an_p"]
    again = open_anatomy(**dict(at.query_params))
    assert svg_diagrams(again)[0] == svg_diagrams(at)[0]
    bad = open_anatomy(an_variant="peephole", an_p="1,nan,2")
    assert not bad.exception and any("an_p" in w.value for w in bad.warning)


@pytest.mark.browser
@pytest.mark.parametrize("width", [400, 1280])
def test_no_text_leaves_a_variants_svg_on_a_phone_or_a_laptop(browser, width):
    svgs = [svg_of(variant, lang) for variant in VARIANTS[3:] for lang in ("en", "ko")]
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.set_content("<html><body style='margin:8px'>" + "".join(svgs) + "</body></html>")
        assert page.evaluate("document.querySelectorAll('svg[role=img]').length") == len(svgs)
        assert page.evaluate(OVERFLOW_JS) == []
    finally:
        context.close()
