"""The anatomy page's pure parts: scenarios, equations, callouts, bars, the weight table."""

import math

import numpy as np
import pandas as pd
import pytest

from lstm_core import LSTMParams, lstm_step
from lstm_core.lab.scenarios import SCENARIOS, scenario_inputs, scenario_params
from lstm_ui.weight_editor import LIMIT, apply_table_edits, frame_to_params, params_to_frame
from lstm_viz.anatomy import callouts, gate_bars_figure, substituted_equations
from lstm_viz.numbers import num


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def test_keep_30_scenario_keeps_exactly_30_percent_for_every_unit():
    p = scenario_params("keep_30", input_size=2, hidden_size=3)
    x, h, c = scenario_inputs("keep_30", 2, 3)
    step = lstm_step(p, x, h, c)
    np.testing.assert_allclose(step.f, 0.3, rtol=0, atol=1e-15)
    np.testing.assert_allclose(step.c, 0.3 * c, rtol=0, atol=1e-15)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_scenario_gates_are_near_but_not_rounded_to_0_or_1(name):
    p = scenario_params(name)
    step = lstm_step(p, *scenario_inputs(name))
    for gate in (step.i, step.f, step.o):
        assert 0.0 < gate[0] < 1.0  # σ(±6) = 0.9975 / 0.0025, never exactly 0 or 1


def test_equations_substitute_the_numbers_of_the_chosen_unit():
    p = LSTMParams(
        W=[[-1.0], [0.0], [1.0], [0.0], [2.0], [0.0], [0.5], [0.0]],  # H = 2: unit 1 only
        U=np.zeros((8, 2)),
        b=np.zeros(8),
    )
    x, h, c = np.array([1.0]), np.zeros(2), np.array([0.5, -0.25])
    step = lstm_step(p, x, h, c)
    eq = substituted_equations(p, x, h, c, step, unit=0, variant="standard")
    # Unit 1: a = (−1, 1, 2, 0.5); worked by hand with σ(1) = 0.731, tanh 2 = 0.964.
    assert r"\sigma(-1.000) = 0.269" in eq[0]
    assert "0.731 \\times 0.500 + 0.269 \\times 0.964" in eq[4]
    assert "0.366 + 0.259 = 0.625" in eq[4]
    unit2 = substituted_equations(p, x, h, c, step, unit=1, variant="standard")
    assert r"\sigma(0.000) = 0.500" in unit2[1]  # unit 2 has zero weights: f = σ(0)
    assert "0.500 \\times (-0.250)" in unit2[4]


def test_equations_write_negative_terms_with_one_sign():
    p = LSTMParams(W=[[-1.0], [0.0], [0.0], [0.0]], U=[[-0.5], [0], [0], [0]], b=[-0.25, 0, 0, 0])
    step = lstm_step(p, [2.0], [1.0], [0.0])
    (i_line, *_) = substituted_equations(p, [2.0], [1.0], [0.0], step, 0, "standard")
    # two terms to a row, so that it fits a phone
    assert r"\sigma(-1.000 \cdot 2.000 - 0.500 \cdot 1.000 \\ &\qquad - 0.250)" in i_line
    assert f"= {sigmoid(-2.75):.3f}" in i_line


def test_variant_equations_for_f():
    p = scenario_params("remember")
    x, h, c = scenario_inputs("remember")
    no_forget_step = lstm_step(p, x, h, c, "no_forget")
    no_forget = substituted_equations(p, x, h, c, no_forget_step, 0, "no_forget")
    assert no_forget[1].startswith("f_t = 1")
    coupled_step = lstm_step(p, x, h, c, "coupled")
    coupled = substituted_equations(p, x, h, c, coupled_step, 0, "coupled")
    assert coupled[1] == f"f_t = 1 - i_t = 1 - {coupled_step.i[0]:.3f} = {coupled_step.f[0]:.3f}"


def test_callouts_explain_a_fractional_forget_gate_and_the_new_cell_state():
    p = scenario_params("keep_30")
    x, h, c = scenario_inputs("keep_30")
    notes = {n.key: n.fields for n in callouts(lstm_step(p, x, h, c), c, 0, "standard")}
    assert notes["anatomy.callout.keeps_fraction"] == {
        "f": "0.300",
        "percent": "30.0",
        "c_prev": "2.000",
        "fc": "0.600",
    }
    new_c = notes["anatomy.callout.new_c"]
    assert new_c["c"] == "0.600" and new_c["c_prev"] == "2.000"
    assert new_c["h"] == num(0.5 * math.tanh(0.6)) and new_c["h_old"] == num(0.5 * math.tanh(2.0))
    assert notes["anatomy.callout.size"] == {"H": 1}


def test_no_fraction_callout_when_the_gate_is_saturated_and_c_beyond_one_is_flagged():
    p = scenario_params("remember")
    x, h, c = scenario_inputs("remember")
    keys = {n.key for n in callouts(lstm_step(p, x, h, c), c, 0, "standard")}
    assert "anatomy.callout.keeps_fraction" not in keys
    big = np.array([3.0])
    keys = {n.key for n in callouts(lstm_step(p, x, h, big), big, 0, "standard")}
    assert "anatomy.callout.c_beyond_one" in keys


def test_number_format_uses_a_real_minus_sign():
    assert num(-0.25) == "−0.250" and num(0.3) == "0.300"


def test_bars_show_every_quantity_of_every_unit_with_its_value():
    p = LSTMParams.init(2, 3, seed=1)
    step = lstm_step(p, [0.5, -1.0], np.zeros(3), np.array([0.1, -0.2, 2.5]))
    fig = gate_bars_figure(step, "en")
    assert len(fig.data) == 3
    for k, bar in enumerate(fig.data):
        expected = [step.i[k], step.f[k], step.o[k], step.g[k], step.c[k], step.h[k]]
        np.testing.assert_allclose(bar.y, expected)
        assert list(bar.text) == [num(v) for v in expected]
    assert fig.layout.yaxis.range[1] > step.c.max() > 1  # a cell state above 1 still fits


def test_weight_table_round_trips_and_rejects_blanks_and_huge_values():
    p = LSTMParams.init(2, 2, seed=3)
    frame = params_to_frame(p)
    assert frame.shape == (8, 2 + 2 + 1)
    assert list(frame.index) == ["i1", "i2", "f1", "f2", "g1", "g2", "o1", "o2"]
    same, messages = frame_to_params(frame, p)
    assert messages == [] and np.array_equal(same.W, p.W) and np.array_equal(same.b, p.b)

    edited = frame.astype(object)
    edited.loc["f1", "b"] = None
    edited.loc["g2", "U·h1"] = "abc"
    edited.loc["o1", "W·x2"] = 1e6
    new, messages = frame_to_params(pd.DataFrame(edited), p)
    assert len(messages) == 2
    assert new.block("f").b[0] == p.block("f").b[0]  # blank: kept
    assert new.block("g").U[1, 0] == p.block("g").U[1, 0]  # text: kept
    assert new.block("o").W[0, 1] == LIMIT  # clamped


def test_table_edits_as_the_data_editor_reports_them():
    p = LSTMParams.init(1, 2, seed=0)
    # st.data_editor's edited_rows: {row: {column: value}}; None is a cleared cell.
    new, messages = apply_table_edits(p, {2: {"b": 1.5}, 3: {"U·h2": None}, 5: {"W·x": 99.0}})
    assert new.block("f").b[0] == 1.5
    assert new.block("f").U[1, 1] == p.block("f").U[1, 1]
    assert new.block("g").W[1, 0] == LIMIT
    assert len(messages) == 2 and "f2/U·h2" in messages[0]
    assert np.array_equal(p.block("f").b, LSTMParams.init(1, 2, seed=0).block("f").b)  # untouched
