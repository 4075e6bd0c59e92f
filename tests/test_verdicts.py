"""The verdicts behind every qualitative sentence about a gradient (lstm_core.lab.verdicts):
each kind on hand-made norms, the degenerate cases (a gradient exactly 0 or underflowing at the
loss, a saturated tanh, ties, overflow), and the pages' texts built from them."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lstm_core import LSTMParams, RNNParams
from lstm_core.lab.gradient_flow import lstm_flow, rnn_flow
from lstm_core.lab.inputs import make_sequence
from lstm_core.lab.verdicts import (
    GROWTH,
    NEGLIGIBLE,
    compare,
    forget_bias_verdict,
    gradient_verdicts,
    reach,
)
from lstm_viz import gradients as viz
from lstm_viz import misconceptions as mc_viz

from apptest_support import all_text, assert_no_errors, open_app

THRESHOLD = 1e-3


def flows(T, H, forget_bias, variant="standard", scale=0.9):
    xs = make_sequence("first_value", T, 0).xs
    q = RNNParams.init(xs.shape[1], H, seed=0, scheme="gaussian", recurrent_scale=scale)
    p = LSTMParams.init(xs.shape[1], H, seed=0, scheme="gaussian", forget_bias=forget_bias)
    return rnn_flow(q, xs, T - 1), lstm_flow(p, xs, T - 1, variant)


# --- each kind, on norms whose answer is clear by eye --------------------------------------------


def test_a_norm_that_falls_for_good_vanishes_at_its_first_step_below():
    r = reach(np.array([1.0, 0.5, 1e-2, 5e-4, 1e-5, 1e-6]))
    assert r.kind == "vanishes" and r.horizon == 3 and not r.never_below


def test_a_norm_that_dips_and_comes_back_has_no_horizon_and_is_not_never_below():
    r = reach(np.array([1.0, 1e-4, 0.5, 0.2]))
    assert r.kind == "back_above" and r.horizon is None and r.dips
    assert (r.low_k, r.low) == (1, 1e-4) and not r.never_below


def test_a_norm_that_stays_above_the_threshold_never_falls_below_it():
    r = reach(np.array([1.0, 0.5, 0.1, 0.01]))
    assert r.kind == "survives" and r.never_below and (r.low_k, r.low) == (3, 0.01)


def test_a_norm_that_grows_past_growth_times_its_start_grows():
    r = reach(np.array([1.0, 2.0, 50.0, 20.0]))
    assert r.kind == "grows" and r.grows and (r.peak_k, r.peak) == (2, 50.0)
    assert reach(np.array([1.0, GROWTH])).kind == "survives"  # not more than GROWTH


def test_a_norm_that_dips_then_grows_grows_but_is_not_never_below():
    r = reach(np.array([1.0, 1e-4, 50.0]))
    assert r.kind == "grows" and r.dips and not r.never_below


def test_overflow_is_named_where_it_starts():
    r = reach(np.array([1.0, 1e200, np.inf, np.nan]))
    assert r.kind == "overflow" and r.overflow == 2 and r.grows and r.peak == 1e200


def test_a_loss_at_the_first_step_has_no_steps():
    assert reach(np.array([1.0])).kind == "no_steps"


def test_ties_pick_the_first_step():
    r = reach(np.array([1.0, 0.5, 0.5, 0.7, 0.7]))
    assert (r.low_k, r.peak_k) == (1, 0)
    assert reach(np.array([1.0, 20.0, 20.0])).peak_k == 1


# --- degenerate: nothing at the loss step ---------------------------------------------------------


@pytest.mark.parametrize("at_loss", [0.0, 5e-324, 1e-8, 0.99 * NEGLIGIBLE])
def test_a_gradient_zero_or_negligible_at_the_loss_is_dead_and_claims_nothing(at_loss):
    r = reach(np.array([at_loss, at_loss * 40, at_loss * 0.5]))
    assert r.kind == "dead" and r.horizon is None and not r.never_below and not r.grows
    assert r.at_loss == at_loss


def test_a_dead_memory_path_does_not_outlast_a_vanishing_rnn():
    rnn = reach(np.r_[1.0, np.full(9, 1e-6)])
    assert compare(rnn, reach(np.zeros(10))) == "cell_dead"
    assert compare(rnn, reach(np.ones(10))) == "outlasts"


def test_ties_between_horizons_are_no_better():
    falls = np.r_[1.0, 0.5, np.full(8, 1e-6)]
    assert compare(reach(falls), reach(falls)) == "no_better"


def test_saturated_lstm_h1_bf6_t2000_claims_no_horizon_and_no_outlasting():
    rnn, lstm = flows(2000, 1, 6.0)
    assert lstm.dc_norm[0] == 0.0  # tanh(c_τ) saturated: ∂L/∂c_τ is exactly 0
    v = gradient_verdicts(rnn, lstm, None)
    assert v.rnn.kind == "vanishes"
    assert v.lstm.cell.kind == "dead" and v.comparison == "cell_dead"
    keys = [n.key for n in viz.explanation(v, rnn, lstm, None, "en")]
    assert "gradients.explain.lstm_dead" in keys
    for wrong in ("lstm_survives", "compare_outlasts", "lstm_cell_path_holds", "lstm_h_path"):
        assert f"gradients.explain.{wrong}" not in keys
    assert viz.horizon_label(v.lstm.cell, "en") != "> 1999"


def test_an_underflowing_cell_gradient_at_h16_is_dead_too():
    rnn, lstm = flows(2000, 16, 6.0)
    assert 0 < lstm.dc_norm[0] < NEGLIGIBLE
    v = gradient_verdicts(rnn, lstm, None)
    assert v.lstm.cell.kind == "dead" and v.comparison != "outlasts"


def test_the_page_at_h1_bf6_t2000_says_the_memory_path_carries_nothing():
    at = open_app("pages/vanishing_gradients.py", gr_H="1", gr_bf="6", gr_T="2000")
    assert_no_errors(at)
    text = all_text(at)
    assert "almost nothing enters the memory path" in text
    assert "never falls below 10⁻³" not in text and "> 1999" not in text
    assert "still carries more than 10⁻³" not in text  # compare_outlasts
    assert {m.label: m.value for m in at.metric}["LSTM, cell c"] == "≈ 0 at τ"


def test_misconception_5_at_k500_bf6_does_not_say_the_gradient_grows():
    rnn, large = flows(500, 16, 6.0)
    assert large.dc_norm[0] < NEGLIGIBLE  # 5.5e-5: tanh(c) saturated
    v = forget_bias_verdict(large, large, rnn)
    assert v.chosen.kind == "dead" and not v.large_rises
    keys = [n.key for n in mc_viz.gradient_notes(v, large, large, 6.0, 6.0)]
    assert keys == ["misconceptions.grad.verdict_dead"]


# --- every verdict holds for its data -------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(
    T=st.sampled_from([2, 10, 50, 200]),
    H=st.sampled_from([1, 4, 16]),
    forget_bias=st.sampled_from([-3.0, 0.0, 3.0, 6.0]),
    scale=st.sampled_from([0.5, 0.9, 1.5, 2.0]),
    variant=st.sampled_from(["standard", "coupled", "no_forget"]),
)
def test_every_verdict_holds_for_the_numbers(T, H, forget_bias, scale, variant):
    rnn, lstm = flows(T, H, forget_bias, variant, scale)
    v = gradient_verdicts(rnn, lstm, None)
    for r, norms in ((v.rnn, rnn.dh_norm), (v.lstm.cell, lstm.dc_norm)):
        with np.errstate(invalid="ignore", over="ignore"):
            ratio = norms / norms[0] if norms[0] > 0 else np.full(len(norms), np.nan)
        if r.never_below:
            assert norms[0] > 0 and np.nanmin(ratio[1:]) >= THRESHOLD
        if r.kind == "vanishes":
            assert np.all(ratio[r.horizon :] < THRESHOLD) and ratio[r.horizon - 1] >= THRESHOLD
        if r.kind == "grows":
            assert np.nanmax(ratio) > GROWTH
        if r.kind == "dead":
            assert not norms[0] > NEGLIGIBLE * 1.0
    if v.comparison == "outlasts":
        assert v.lstm.cell.kind in ("survives", "back_above") and v.rnn.kind == "vanishes"
        assert lstm.dc_norm[-1] >= THRESHOLD * lstm.dc_norm[0] > 0
    if v.comparison == "ratio":
        assert v.lstm.cell.horizon > v.rnn.horizon
    notes = viz.explanation(v, rnn, lstm, None, "en")
    for note in notes:
        assert note.text("en") and note.text("ko")
        assert not (isinstance(note.fields.get("low"), str) and note.fields["low"] == "—")
    assert math.isfinite(v.lstm.mean_gate_horizon) or v.lstm.mean_gate_horizon == math.inf


# --- misconceptions 1–4 ---------------------------------------------------------------------------


def test_keep_verdicts_at_the_ends_and_in_between():
    from lstm_core.lab.verdicts import keep_verdict

    def decay(f, c, K=10):
        return c * f ** np.arange(K + 1)

    assert keep_verdict(0.3, 0.0, decay(0.3, 0.0)).kind == "empty"
    assert keep_verdict(0.0, 2.0, decay(0.0, 2.0)).kind == "zero"
    assert keep_verdict(1.0, 2.0, decay(1.0, 2.0)).kind == "one"
    v = keep_verdict(0.3, 2.0, decay(0.3, 2.0))
    assert v.kind == "keeps" and not v.most_left  # 0.3¹⁰ ≈ 6e-6
    assert v.rounded == 0 and v.rounding_differs  # 0 × 2 = 0 ≠ 0.6
    assert keep_verdict(0.99, 2.0, decay(0.99, 2.0)).most_left  # 0.99¹⁰ ≈ 0.904


def test_forget_term_and_read_out_verdicts():
    from lstm_core.lab.verdicts import forget_term_verdict, read_out_verdict

    # c_t = f c_{t−1} + i g against the myth c_{t−1} + i g: (f, c_{t−1}, c_t, myth)
    assert forget_term_verdict(0.2, -1.5, 0.1, -1.1).sign_flip  # the myth flips the sign
    plain = forget_term_verdict(0.7, 1.5, 1.35, 1.8)
    assert plain.differs and not plain.sign_flip
    assert forget_term_verdict(1.0, 1.5, 1.8, 1.8).kind == "one"  # the 1997 cell: exact
    assert forget_term_verdict(0.5, 0.0, 0.3, 0.3).kind == "empty"
    assert forget_term_verdict(0.9999, 1.5, 1.79985, 1.8).kind == "small"
    assert read_out_verdict(0.5, -0.3).sign_flip
    assert not read_out_verdict(0.5, 0.5).differs
    assert not read_out_verdict(0.5, -0.0001).sign_flip  # −0.0001 shows as 0.000


def test_cell_size_verdict_names_the_largest_step_and_whether_it_passed_one():
    from lstm_core.lab.verdicts import cell_size_verdict

    v = cell_size_verdict(np.array([0.2, 1.7, 0.9]), f_max=0.8)
    assert (v.t_max, v.c_max, v.beyond_one) == (2, 1.7, True)
    assert v.bound == pytest.approx(1 + 0.8) and v.limit == pytest.approx(5.0) and v.bounded
    assert not cell_size_verdict(np.array([0.2, 0.9]), f_max=0.8).beyond_one
    linear = cell_size_verdict(np.array([0.5, 1.5, 2.5]), f_max=1.0)  # f = 1: only |c_t| < t
    assert linear.bound == 3 and not linear.bounded


def test_step_verdict_names_a_fraction_a_visible_forget_term_and_a_cell_beyond_one():
    from lstm_core.lab.verdicts import step_verdict

    v = step_verdict(0.3, 2.0, 1.4)
    assert v.fraction and v.forget_term and v.beyond_one
    assert not step_verdict(0.99, 2.0, 1.0).fraction  # within 0.02 of 1: not worth saying
    assert not step_verdict(0.5, 2.0, 1.0, "no_forget").fraction  # f = 1 there, no gate
    assert not step_verdict(0.5, 0.0009, 0.3).forget_term  # 0.00045 shows as 0.000
    assert not step_verdict(0.5, 1.0, -1.0).beyond_one and step_verdict(0.5, 1.0, -1.01).beyond_one
