"""The common misconceptions page: its core helpers against hand-derived numbers, and the page
through AppTest (controls, URL, languages, figures)."""

import json
import math

import numpy as np
import plotly.graph_objects as go
import pytest

from lstm_core import LSTMParams, lstm_step
from lstm_core.lab import misconceptions as core
from lstm_core.lab.gradient_flow import lstm_flow, memory_horizon
from lstm_core.lab.inputs import make_sequence
from lstm_core.lab.verdicts import forget_term_verdict, keep_verdict, read_out_verdict
from lstm_viz import misconceptions as viz

from apptest_support import all_text, assert_no_errors, latex_lines, open_app, plotly_figures

PAGE = "pages/misconceptions.py"


def sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


# --- the core helpers -------------------------------------------------------------------------


def test_forget_gate_of_0_3_keeps_30_percent():
    step = core.one_step(0.0, 0.3, 0.0, 0.5, 2.0)
    assert step.f[0] == pytest.approx(0.3, abs=1e-12)
    assert step.c[0] == pytest.approx(0.6, abs=1e-12)


def test_gates_at_the_ends_are_exactly_0_and_1():
    step = core.one_step(0.0, 1.0, -1.0, 1.0, 0.7)
    assert (step.i[0], step.f[0], step.g[0], step.o[0]) == (0.0, 1.0, -1.0, 1.0)
    assert step.c[0] == 0.7
    with pytest.raises(ValueError):
        core.gate_params(0.0, 1.5, 0.0, 0.5)


def test_keep_decay_is_f_to_the_k_times_the_memory():
    decay = core.keep_decay(0.3, 2.0, 10)
    assert decay == pytest.approx([2.0 * 0.3**k for k in range(11)], rel=1e-12)


@pytest.mark.parametrize(
    ("f", "c0", "labelled"),
    [
        # y over [−0.3, 2.3]: 200 / 2.6 = 76.9 px per unit, 240 / 10 = 24 px per step. c falls
        # 1.4, then 0.42 (32 px: apart), then 0.126 (9.7 px, and 24 px < 48 px across: no).
        (0.3, 2.0, [0, 1, 2]),
        # Steps of 0.2 (15.4 px < 20): only every other point, two steps (48 px) across.
        (0.9, 2.0, [0, 2]),
        (0.9, -2.0, [0, 2]),
        (1.0, 2.0, [0, 2]),  # a flat line: the same
        (0.0, 2.0, [0, 1, 3]),  # 0.000 at k = 1, then not again until 48 px along
        (0.7, 5.0, [0, 1, 2, 3]),  # 5, 3.5, 2.45, 1.715: 46, 32, 23 px apart (30.8 px a unit)
    ],
)
def test_the_keep_figure_labels_only_points_whose_labels_stay_apart(f, c0, labelled):
    decay = core.keep_decay(f, c0, 10)
    pad = 0.15 * max(abs(c0), 0.5)
    assert viz.labelled_steps(decay, (min(c0, 0.0) - pad, max(c0, 0.0) + pad)) == labelled
    (*_, model) = viz.keep_figure(f, decay, "en").to_dict()["data"]
    numbers = [f"{v:.3f}".replace("-", "−") for v in decay]  # as the page writes them
    assert model["text"] == [n if k in labelled else "" for k, n in enumerate(numbers)]
    assert model["textposition"] == ("top right" if c0 > 0 else "bottom right")


def test_taking_f_as_one_errs_by_one_minus_f_times_c_prev():
    r = core.forget_term(0.7, 1.5, 0.6, 0.5)
    assert r.c == pytest.approx(0.7 * 1.5 + 0.6 * 0.5, abs=1e-12)
    assert r.written == pytest.approx(0.3, abs=1e-12)
    assert r.carried == pytest.approx(1.5 + 0.3, abs=1e-12)
    assert r.error == pytest.approx((1 - 0.7) * 1.5, abs=1e-12)


def test_h_reads_the_new_cell_state():
    r = core.read_out(-1.0, 0.9)
    c = 0.5 * -1.0 + 0.9 * 0.9  # f c_prev + i g with the fixed gates
    assert r.c == pytest.approx(c, abs=1e-12)
    assert r.h == pytest.approx(0.8 * math.tanh(c), abs=1e-12)
    assert r.h_old == pytest.approx(0.8 * math.tanh(-1.0), abs=1e-12)
    assert r.h > 0 > r.h_old


@pytest.mark.parametrize(("T", "H"), [(1, 1), (20, 4), (200, 16)])
def test_cell_state_keeps_h_numbers_and_stays_below_its_geometric_bound(T, H):
    run = core.cell_size_run(T, H)
    assert run.c.shape == (T, H)
    t = np.arange(1, T + 1)
    by_hand = np.array([sum(run.f_max**j for j in range(k)) for k in t])
    assert run.bound == pytest.approx(by_hand, rel=1e-12)
    assert np.all(run.max_abs < run.bound) and np.all(run.bound <= t)
    assert run.max_abs == pytest.approx(np.abs(run.c).max(axis=1))


def keep_notes(f, c_prev, decay):
    return viz.keep_notes(keep_verdict(f, c_prev, decay), f, c_prev, decay)


def term_notes(r):
    return viz.forget_term_notes(r, forget_term_verdict(r.f, r.c_prev, r.c, r.carried))


def read_notes(r):
    return viz.read_out_notes(r, read_out_verdict(r.h, r.h_old))


def test_verdict_notes_follow_the_edge_cases():
    assert keep_notes(0.3, 0.0, np.zeros(11))[0].key.endswith("verdict_empty")
    assert keep_notes(0.0, 2.0, core.keep_decay(0.0, 2.0, 10))[0].key.endswith("zero")
    assert keep_notes(1.0, 2.0, core.keep_decay(1.0, 2.0, 10))[0].key.endswith("one")
    assert term_notes(core.forget_term(0.9999, 1.5, 0.6, 0.5))[0].key.endswith("verdict_small")
    assert term_notes(core.forget_term(0.5, 0.0, 0.6, 0.5))[0].key.endswith("verdict_empty")
    assert term_notes(core.forget_term(1.0, 1.5, 0.6, 0.5))[0].key.endswith("verdict_one")
    same = read_notes(core.read_out(0.0, 0.0))
    assert same[0].key.endswith("verdict_same")


def expected_horizon(forget_bias: float, K: int = 100) -> int | None:
    """The LSTM's memory horizon on the page's setup, computed here without the page."""
    xs = make_sequence("first_value", K, 0).xs
    p = LSTMParams.init(1, 16, seed=0, scheme="gaussian", forget_bias=forget_bias)
    return memory_horizon(lstm_flow(p, xs, K - 1).dc_norm)


def test_small_forget_gate_vanishes_large_one_does_not():
    assert expected_horizon(0.0) is not None
    assert expected_horizon(6.0) is None


# --- the page ---------------------------------------------------------------------------------


def success_text(at) -> str:
    return "\n".join(el.value for el in at.success)


def test_page_opens_with_the_worked_numbers():
    at = open_app(PAGE)
    assert_no_errors(at)
    assert not at.warning
    latex = "\n".join(latex_lines(at))
    assert r"0.300 \times 2.000 + 0.000 \times 0.000" in latex and "= 0.600" in latex
    assert r"0.700 \times 1.500 + 0.600 \times 0.500" in latex and "1.050 + 0.300 = 1.350" in latex
    assert r"0.800 \times \tanh(0.310) = 0.240" in latex
    assert r"c_1, c_2, \dots, c_{20} \in \mathbb{R}^{4}" in latex
    text = success_text(at)
    assert "**f = 0.30 keeps 30.0% of the memory**" in text
    assert "gives 1.800 instead of 1.350" in text and "(1 − 0.700) × 1.500 = 0.450" in text
    assert "Even the sign would be wrong." in text
    assert f"falls below 10⁻³ after {expected_horizon(0.0)} steps" in text
    assert len(plotly_figures(at)) == 5


def test_moving_the_forget_gate_changes_c_t_to_the_cores_number():
    at = open_app(PAGE)
    at.slider(key="mc_keep_f").set_value(0.55).run()
    assert_no_errors(at)
    c = float(lstm_step(core.gate_params(0.0, 0.55, 0.0, 0.5), [0.0], [0.0], [2.0]).c[0])
    assert c == pytest.approx(1.1, abs=1e-12)
    assert "keeps 55.0% of the memory" in success_text(at)
    assert any(f"= {c:.3f}" in line for line in latex_lines(at))
    assert at.query_params["mc_keep_f"] == "0.55"


def test_moving_the_sum_sliders_changes_the_difference_to_f_times_c_prev():
    at = open_app(PAGE)
    at.slider(key="mc_sum_f").set_value(0.25).run()
    at.slider(key="mc_sum_c").set_value(-2.0).run()
    assert_no_errors(at)
    c = 0.25 * -2.0 + 0.6 * 0.5
    assert f"instead of {viz.num(c)}" in success_text(at)
    assert any("(1 - f_t)\\, c_{t-1} = -1.500" in line for line in latex_lines(at))


def test_moving_the_forget_bias_changes_the_horizon():
    at = open_app(PAGE)
    at.slider(key="mc_bf").set_value(-1.0).run()
    assert_no_errors(at)
    assert f"after {expected_horizon(-1.0)} steps" in success_text(at)
    at.slider(key="mc_bf").set_value(6.0).run()
    assert "stays above 10⁻³ for all 99 steps back" in success_text(at)


def test_changing_t_and_h_keeps_the_cell_state_at_h_numbers():
    at = open_app(PAGE)
    at.slider(key="mc_T").set_value(300).run()
    at.slider(key="mc_H").set_value(7).run()
    assert_no_errors(at)
    assert r"c_1, c_2, \dots, c_{300} \in \mathbb{R}^{7}" in "\n".join(latex_lines(at))
    assert "**After 300 steps $c_t$ still holds 7 numbers**" in success_text(at)
    table = at.dataframe[0].value
    assert table.shape == (6, 7)
    run = core.cell_size_run(300, 7)
    assert table.iloc[-1].to_numpy() == pytest.approx(run.c[-1], abs=1e-4)


def test_bad_url_values_give_a_warning_and_keep_defaults():
    at = open_app(PAGE, mc_keep_f="abc", mc_T="9999", mc_K="7", mc_sum_g="nan", bogus="1")
    assert_no_errors(at)
    warnings = "\n".join(w.value for w in at.warning)
    for name in ("mc_keep_f", "mc_T", "mc_K", "mc_sum_g", "bogus"):
        assert name in warnings
    assert at.session_state["mc_keep_f"] == 0.3
    assert at.session_state["mc_T"] == 500  # clamped
    assert at.session_state["mc_K"] == "100"
    assert "keeps 30.0% of the memory" in success_text(at)


def test_url_values_are_used():
    at = open_app(PAGE, mc_keep_f="0.8", mc_keep_c="-1.5", mc_K="200")
    assert_no_errors(at)
    assert "keeps 80.0% of the memory" in success_text(at)
    assert any(r"0.800 \times (-1.500)" in line for line in latex_lines(at))


def test_korean_page_renders():
    at = open_app(PAGE, lang="ko")
    assert_no_errors(at)
    assert at.title[0].value == "흔한 오해"
    assert "기억의 30.0%를 유지합니다" in success_text(at)
    assert "오해" in all_text(at)


def test_figures_are_valid_and_small():
    at = open_app(PAGE, lang="ko", mc_T="500", mc_K="500")
    assert_no_errors(at)
    specs = plotly_figures(at)
    for spec in specs:
        go.Figure(spec)  # plotly's validation: raises on an invalid property
    assert sum(len(json.dumps(spec)) for spec in specs) < 1_000_000


def test_a_gradient_that_grows_going_back_gets_its_sentence_with_the_measured_peak():
    from lstm_core.lab.verdicts import RISE_WORTH_SAYING
    from lstm_viz.gradients import sci

    s = core.GRADIENT_SETUP
    xs = make_sequence(s["preset"], 100, s["seed"]).xs
    p = LSTMParams.init(
        xs.shape[1], s["H"], seed=s["seed"], scheme=s["scheme"], forget_bias=core.LARGE_FORGET_BIAS
    )
    dc = lstm_flow(p, xs, 99).dc_norm
    peak = max(dc) / dc[0]
    assert peak > RISE_WORTH_SAYING  # the default large-f model does grow going back
    at = open_app(PAGE)
    assert_no_errors(at)
    assert f"even grows, up to {sci(peak)} times" in all_text(at) + "".join(
        el.value for el in at.success
    )


def test_taking_f_as_one_can_flip_the_sign_of_c_t():
    from lstm_core.lab.misconceptions import forget_term

    r = forget_term(0.2, -1.5, 0.8, 0.5)  # c_t = −0.3 + 0.4 = 0.1; myth: −1.5 + 0.4 = −1.1
    assert r.c == pytest.approx(0.1, abs=1e-12) and r.carried == pytest.approx(-1.1, abs=1e-12)
    keys = [note.key for note in term_notes(r)]
    assert keys == [
        "misconceptions.sum.verdict",
        "misconceptions.sum.share",
        "misconceptions.sum.sign_flip",
    ]
    assert term_notes(r)[0].fields["error"] == "−1.200"  # (1 − 0.2) × (−1.5)


def test_a_forget_gate_near_one_keeps_most_not_a_small_part():
    assert keep_notes(0.99, 2.0, core.keep_decay(0.99, 2.0, 10))[1].key.endswith("most")
    assert keep_notes(0.3, 2.0, core.keep_decay(0.3, 2.0, 10))[1].key.endswith("decay")
