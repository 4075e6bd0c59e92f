"""The GRU on the gate anatomy page: its scenarios keep, overwrite and reset what they promise,
the sentences come from read_gru_step and stay true wherever a student moves the sliders, and
the page shows the core's numbers in both languages and keeps them in the URL."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_anatomy_page import open_anatomy

from lstm_core import GRUParams, gru_step
from lstm_core.lab.scenarios import (
    GRU_SCENARIOS,
    NEAR,
    NOTHING,
    gru_scenario_inputs,
    gru_scenario_params,
    read_gru_step,
)
from lstm_viz.anatomy import gru_callouts, gru_equations
from pages.gate_anatomy_controller import (
    X_RANGE,
    apply_gru_edits,
    example_gru,
    flat_gru,
    gru_frame,
    unflatten_gru,
)

from apptest_support import all_text, assert_no_errors, latex_lines, plotly_figures, svg_diagrams


def sig(a: float) -> float:
    return 1 / (1 + math.exp(-a))


# --- the scenarios and the readings ---------------------------------------------------------------


def scenario_step(name, D=1, H=1):
    g = gru_scenario_params(name, D, H)
    x, h = gru_scenario_inputs(name, D, H)
    return g, x, h, gru_step(g, x, h)


def test_keep_scenario_keeps_the_old_state():
    _, _, h, step = scenario_step("gru_keep", 2, 3)
    np.testing.assert_allclose(step.z, sig(6.0), rtol=0, atol=1e-15)
    assert np.all(np.abs(step.h - h) < 0.01) and np.all(step.h != h)  # near, not rounded
    assert read_gru_step(step, h, 2).update == "keeps"


def test_overwrite_scenario_replaces_the_state_by_the_candidate():
    _, _, h, step = scenario_step("gru_overwrite", 2, 3)
    assert np.all(step.z < 0.003)
    np.testing.assert_allclose(step.n, math.tanh(3.0), rtol=0, atol=1e-15)
    assert np.all(np.abs(step.h - step.n) < 0.01) and np.all(h == -0.5)
    assert read_gru_step(step, h, 0).update == "overwrites"


def test_reset_scenario_makes_the_candidate_ignore_the_old_state():
    _, _, h, step = scenario_step("gru_reset", 1, 2)
    # n = tanh(0.5 + r · 2 · 0.8) with r = σ(−6), against tanh(0.5 + 1.6) were r = 1
    r = sig(-6.0)
    np.testing.assert_allclose(step.n, math.tanh(0.5 + r * 1.6), rtol=0, atol=1e-15)
    assert abs(step.n[0] - math.tanh(0.5)) < 0.01 and math.tanh(2.1) - step.n[0] > 0.4
    reading = read_gru_step(step, h, 1)
    assert (reading.reset, reading.update) == ("blocks", "overwrites")
    assert reading.hn == pytest.approx(1.6) and reading.rhn == pytest.approx(r * 1.6)


def test_reading_names_the_edges_of_each_word():
    def reading(b_r, b_z, h_prev=0.8, u_n=1.0):
        g = GRUParams([[0.0], [0.0], [1.0]], [[0.0], [0.0], [u_n]], [b_r, b_z, 0.0], [0.0] * 3)
        return read_gru_step(gru_step(g, [1.0], [h_prev]), [h_prev], 0)

    logit = lambda p: math.log(p / (1 - p))  # noqa: E731
    assert reading(0.0, logit(1 - NEAR) + 1e-9).update == "keeps"
    assert reading(0.0, logit(1 - NEAR) - 1e-3).update == "mixes"
    assert reading(0.0, logit(NEAR) - 1e-9).update == "overwrites"
    assert reading(logit(NEAR) - 1e-3, 0.0).reset == "blocks"
    assert reading(logit(1 - NEAR) + 1e-3, 0.0).reset == "passes"
    assert reading(0.0, 0.0).reset == "scales"
    # nothing to scale: U_n h + b_hn = 0, whatever r is
    assert reading(-6.0, 0.0, h_prev=0.0).reset == "nothing"
    assert reading(-6.0, 0.0, u_n=0.0).reset == "nothing"


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    name=st.sampled_from(sorted(GRU_SCENARIOS)),
    x=st.floats(*X_RANGE),
    h_prev=st.floats(-1.0, 1.0),
    H=st.integers(1, 4),
)
def test_the_words_stay_true_wherever_the_sliders_go_from_a_scenario(name, x, h_prev, H):
    g = gru_scenario_params(name, 1, H)
    hs = np.full(H, h_prev)
    step = gru_step(g, [x], hs)
    r = read_gru_step(step, hs, H - 1)
    assert r.h == pytest.approx(r.zh + r.zn, abs=1e-12)  # the sum the sentence writes
    if r.update == "keeps":  # |h − h_prev| = (1 − z) |n − h_prev| ≤ 2 · NEAR
        assert abs(r.h - r.h_prev) <= 2 * NEAR and r.z >= 1 - NEAR
    elif r.update == "overwrites":
        assert abs(r.h - r.n) <= 2 * NEAR and r.z <= NEAR
    else:
        assert NEAR < r.z < 1 - NEAR
    if r.reset == "nothing":
        assert abs(r.hn) < NOTHING
    elif r.reset == "blocks":
        assert abs(r.rhn) <= NEAR * abs(r.hn)
    elif r.reset == "passes":
        assert abs(r.rhn - r.hn) <= NEAR * abs(r.hn)
    keys = [c.key for c in gru_callouts(r, H)]
    assert keys[:2] == [f"anatomy.gru.update.{r.update}", f"anatomy.gru.reset.{r.reset}"]


def test_equations_put_the_numbers_of_the_unit_in():
    g, x, h, step = scenario_step("gru_reset")
    r_line, z_line, n_line, h_line = gru_equations(g, x, h, step, 0)
    assert r"\sigma(-6.000) = 0.002" in r_line and r"\sigma(-6.000) = 0.002" in z_line
    assert r"\tanh(0.500 + 0.002 \times 1.600)" in n_line
    assert f"= {math.tanh(0.5 + sig(-6) * 1.6):.3f}" in n_line
    z, n = sig(-6.0), step.n[0]
    assert rf"{1 - z:.3f} \times {n:.3f} + {z:.3f} \times 0.800" in h_line
    assert h_line.endswith(rf"= {step.h[0]:.3f}\end{{aligned}}")


def test_weights_round_trip_through_the_url_form_and_the_table():
    g = GRUParams.init(2, 3, seed=4)
    back = unflatten_gru(flat_gru(g), 2, 3)
    for name in ("W", "U", "b_ih", "b_hh"):
        np.testing.assert_array_equal(getattr(back, name), getattr(g, name))
    frame = gru_frame(g)
    assert frame.shape == (9, 2 + 3 + 2) and list(frame.index[:2]) == ["r1", "r2"]
    edited, messages = apply_gru_edits(g, {3: {"b_h": 2.5}, 6: {"W·x1": "abc"}, 0: {"b_i": 99}})
    assert edited.b_hh[3] == 2.5 and edited.W[6, 0] == g.W[6, 0] and edited.b_ih[0] == 10.0
    assert len(messages) == 2


# --- the page ------------------------------------------------------------------------------------


def test_an_old_link_opens_the_lstm_and_an_cell_gru_opens_the_gru_example():
    assert "i" in svg_diagrams(open_anatomy())[0]["values"]
    at = open_anatomy(an_cell="gru")
    assert_no_errors(at)
    values = svg_diagrams(at)[0]["values"]
    # the example: a = (1, −0.5, 2) at x = 1, h = 0
    assert values["r"] == pytest.approx(sig(1.0), abs=1e-12)
    assert values["z"] == pytest.approx(sig(-0.5), abs=1e-12)
    assert values["h"] == pytest.approx((1 - sig(-0.5)) * math.tanh(2.0), abs=1e-12)
    assert [b.key for b in at.button if b.key.startswith("an_apply_")] == [
        f"an_apply_{name}" for name in GRU_SCENARIOS
    ]
    assert not [s for s in at.slider if s.key.startswith("an_c_")]  # a GRU has no c
    assert "0.378" in all_text(at) and "37.8%" in all_text(at)


@pytest.mark.parametrize("name", sorted(GRU_SCENARIOS))
def test_a_scenario_button_shows_the_cores_step_and_its_words(name):
    at = open_anatomy(an_cell="gru")
    at.button(key=f"an_apply_{name}").click().run()
    assert_no_errors(at)
    _, _, h, step = scenario_step(name)
    values = svg_diagrams(at)[0]["values"]
    for q in ("r", "z", "n", "h"):
        assert values[q] == pytest.approx(float(getattr(step, q)[0]), abs=1e-15)
    assert at.query_params["an_scenario"] == name
    assert any(el.value.startswith("Scenario **") for el in at.info)
    reading = read_gru_step(step, h, 0)
    text = all_text(at)
    assert {"keeps": "keeps", "overwrites": "replaces"}[reading.update] in text
    bars = plotly_figures(at)[0]["data"][0]
    assert bars["text"] == [f"{float(getattr(step, q)[0]):.3f}" for q in "rznh"]
    blocks = [line for line in latex_lines(at) if line.startswith(r"\begin{aligned}")]
    assert [block[15:18] for block in blocks] == ["r_t", "z_t", "n_t", "h_t"]


def test_moving_a_slider_after_a_scenario_drops_its_sentence_and_rewords_the_rest():
    at = open_anatomy(an_scenario="gru_reset")
    assert at.session_state["an_cell"] == "gru"
    at.slider(key="an_h_0").set_value(0.0).run()
    assert_no_errors(at)
    assert not any(el.value.startswith("Scenario **") for el in at.info)
    assert "has nothing to scale" in all_text(at)
    assert "an_scenario" not in at.query_params and "an_gw" in at.query_params
    # the link opens the same numbers
    again = open_anatomy(**dict(at.query_params))
    assert svg_diagrams(again)[0] == svg_diagrams(at)[0]


def test_an_lstm_scenario_sentence_goes_when_the_variant_changes_it():
    at = open_anatomy()
    at.button(key="an_apply_forget").click().run()
    assert any("f ≈ 0" in el.value for el in at.info)
    at.segmented_control(key="an_variant").set_value("coupled").run()
    assert_no_errors(at)
    assert svg_diagrams(at)[0]["values"]["f"] > 0.99  # f = 1 − i: no longer wiped
    assert not any(el.value.startswith("Scenario **") for el in at.info)


def test_switching_cells_keeps_each_cells_weights():
    at = open_anatomy()
    at.slider(key="an_params_b_f").set_value(-2.0).run()
    at.segmented_control(key="an_cell").set_value("gru").run()
    at.button(key="an_apply_gru_keep").click().run()
    at.segmented_control(key="an_cell").set_value("lstm").run()
    assert_no_errors(at)
    assert at.session_state["an_params"].block("f").b[0] == -2.0
    assert at.query_params["an_w"]


def test_randomize_and_reset_act_on_the_gru():
    at = open_anatomy(an_cell="gru", an_H="2")
    at.number_input(key="an_seed").set_value(5).run()
    at.button(key="an_randomize").click().run()
    g = GRUParams.init(1, 2, seed=5, scheme="torch")
    np.testing.assert_array_equal(at.session_state["an_gru"].U, g.U)
    at.button(key="an_reset").click().run()
    np.testing.assert_array_equal(at.session_state["an_gru"].W, example_gru(1, 2).W)
    assert len(plotly_figures(at)[0]["data"]) == 2


def test_a_bad_gru_weight_list_in_the_url_is_reported_and_the_example_kept():
    at = open_anatomy(an_cell="gru", an_gw="1,2,nan")
    assert not at.exception
    assert any("an_gw" in el.value for el in at.warning)
    np.testing.assert_array_equal(at.session_state["an_gru"].W, example_gru(1, 1).W)


def test_korean_gru_page():
    at = open_anatomy(lang="ko", an_scenario="gru_keep")
    assert_no_errors(at)
    text = all_text(at)
    assert "이전 상태의 99.8%를 유지합니다" in text
    assert "GRU에는 셀 상태가 없습니다" in text
    assert at.session_state["an_cell"] == "gru"
