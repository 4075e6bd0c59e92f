"""The claims issue 16 found untrue for the numbers, each pinned to what the numbers say (items 2
to 6, 11 and 12; item 1 and the degenerate gradients are in test_verdicts.py)."""

import math

import numpy as np
import pytest

from lstm_core import LSTMParams, RNNParams, rnn_backward, run_lstm, run_rnn
from lstm_core.lab import misconceptions as mc
from lstm_core.lab.exercises import KINDS, check, exercise, kind_of, slips
from lstm_core.lab.gradient_flow import clip_rnn, rnn_flow, unit_loss_gradient
from lstm_core.lab.inputs import make_sequence
from lstm_core.lab.tasks import make_task
from lstm_core.lab.train import TrainConfig, train
from lstm_core.lab.verdicts import (
    cell_size_verdict,
    clip_verdict,
    forget_bias_verdict,
    forget_term_verdict,
    reach,
)
from lstm_viz import exercises as ex_viz
from lstm_viz import i18n
from lstm_viz import misconceptions as mc_viz
from lstm_viz.gradients import clipping_note


def both(key: str, **fields) -> tuple[str, str]:
    return i18n.t(key, "en", **fields), i18n.t(key, "ko", **fields)


def exercises_of(kind: str, seeds=range(40)):
    return [
        exercise(s, n) for s in seeds for n in range(1, len(KINDS) + 1) if kind_of(s, n) == kind
    ]


# --- 2. what bounds the cell state ------------------------------------------------------------


def test_each_step_adding_less_than_one_bounds_c_only_linearly_the_forget_gate_bounds_it():
    run = mc.cell_size_run(500, 16)
    v = cell_size_verdict(run.max_abs, run.f_max)
    assert v.beyond_one and v.bounded
    # The sentence's bound is 1/(1 − f_max) with the run's own f_max, and the run respects it.
    xs = make_sequence("noise", 500, 0).xs
    p = LSTMParams.init(1, 16, seed=0, scheme="torch", forget_bias=mc.CELL_FORGET_BIAS)
    assert v.f_max == float(run_lstm(p, xs).f.max())
    assert v.limit == pytest.approx(1.0 / (1.0 - run.f_max), rel=1e-12)
    assert np.all(run.max_abs < v.limit) and v.c_max < v.bound <= v.t_max
    notes = mc_viz.cell_size_notes(run, v)
    assert [n.key for n in notes] == [
        "misconceptions.size.verdict",
        "misconceptions.size.beyond_one",
    ]
    assert notes[1].fields["limit"] == mc_viz.num(1.0 / (1.0 - run.f_max))
    en, ko = notes[1].text("en"), notes[1].text("ko")
    assert "cannot run away" not in en and "each step adds less than 1." not in en
    assert "1/(1 - f_{\\max})" in en and "1/(1 - f_{\\max})" in ko
    assert "끝없이 커지지도 않습니다" not in ko


def test_with_f_reaching_one_only_the_linear_bound_is_claimed():
    v = cell_size_verdict(np.array([0.9, 1.8, 2.7]), f_max=1.0)
    assert not v.bounded and v.bound == 3
    run = mc.CellSizeRun(
        np.zeros((3, 1)), np.array([[0.9], [1.8], [2.7]]), np.array([0.9, 1.8, 2.7]), 1.0
    )
    notes = mc_viz.cell_size_notes(run, v)
    assert notes[-1].key == "misconceptions.size.beyond_one_linear"


# --- 3. the myth students meet is c_t = c_{t−1} + i g ----------------------------------------


def test_the_forget_term_myth_is_f_taken_as_one_and_its_error_is_one_minus_f_times_c_prev():
    en, ko = both("misconceptions.sum.myth")
    assert r"c_t = c_{t-1} + i_t \odot g_t" in en and r"c_t = c_{t-1} + i_t \odot g_t" in ko
    r = mc.forget_term(0.7, 1.5, 0.6, 0.5)
    v = forget_term_verdict(r.f, r.c_prev, r.c, r.carried)
    notes = mc_viz.forget_term_notes(r, v)
    fields = notes[0].fields
    assert fields["carried"] == mc_viz.num(1.5 + 0.3) and fields["c"] == mc_viz.num(1.35)
    assert fields["error"] == mc_viz.num((1 - 0.7) * 1.5)
    assert "(1 - f_t)" in notes[0].text("en") and "(1 - f_t)" in notes[0].text("ko")
    assert r"c_{t-1} + i_t \, g_t = 1.500 + 0.300 = 1.800" in mc_viz.forget_term_equations(r, v)[1]


# --- 11. the exercises diagnose the slips that happen ------------------------------------------


def test_every_pulse_slip_can_fire_and_the_off_by_one_steps_are_named():
    cases = exercises_of("pulse_decay")
    assert cases
    for ex in cases:
        named = slips(ex)
        assert named == {"early_power": ex.answer - 1, "old_cell": ex.answer + 1}
        assert check(ex, ex.answer - 1).slip == "early_power"
        assert check(ex, ex.answer + 1).slip == "old_cell"
        h = ex.curves["h"]
        text = ex_viz.gap_explanation(ex, check(ex, ex.answer - 1), ex.answer - 1, "en")
        assert (
            f"At step {int(ex.answer) - 1} $h_t$ is still {ex_viz.num(h[int(ex.answer) - 2])}"
            in text
        )
        # The model's own numbers: f^t c_1 (one multiplication too many) crosses a step early.
        o, f, c = ex.given["o"], ex.given["f"], ex.curves["c"]
        k = int(ex.answer) - 2  # row of step answer − 1
        assert o * math.tanh(f * c[k]) < 0.1 <= o * math.tanh(c[k])


def test_the_hidden_output_names_the_cell_update_with_f_taken_as_one():
    found = 0
    for ex in exercises_of("hidden_output"):
        s = ex.step
        i, g, o = (float(a[0]) for a in (s.i, s.g, s.o))
        wrong = o * math.tanh(ex.given["c_prev"] + i * g)
        if "forget_as_one" in slips(ex):
            found += 1
            assert slips(ex)["forget_as_one"] == pytest.approx(wrong, abs=1e-12)
            others = [v for k, v in slips(ex).items() if k != "forget_as_one"]
            if all(abs(v - round(wrong, 2)) > ex.tolerance for v in others):
                assert check(ex, round(wrong, 2)).slip == "forget_as_one"
    assert found > 10


# --- 4. per-step clipping changes the direction only when it cuts before the loss step -------


def rnn_case(preset, T, scale, scheme="gaussian"):
    xs = make_sequence(preset, T, 0).xs
    q = RNNParams.init(1, 16, seed=0, scheme=scheme, recurrent_scale=scale)
    return q, xs, rnn_flow(q, xs, T - 1)


def stacked_cosine(q, xs, T, theta):
    """The cosine between all steps' ∂L/∂h_t with and without per-step clipping, and between
    the parameter gradients, computed from rnn_backward's arrays directly."""
    tr = run_rnn(q, xs)
    dh = unit_loss_gradient(T, 16, T - 1)
    plain, cut = rnn_backward(q, tr, dh), rnn_backward(q, tr, dh, clip_per_step=theta)

    def cos(a, b):
        a, b = a.ravel(), b.ravel()
        return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))

    flat = lambda g: np.concatenate([g.params.W.ravel(), g.params.U.ravel(), g.params.b])  # noqa: E731
    return cos(plain.dh, cut.dh), cos(flat(plain), flat(cut))


def test_per_step_clipping_that_cuts_only_the_loss_step_keeps_the_direction():
    q, xs, flow = rnn_case("first_value", 100, 0.9)
    clipped = clip_rnn(q, xs, flow, 0.5, "per_step")
    assert clipped.steps_cut == 1  # ‖∂L/∂h_τ‖ = 1 > θ; every earlier step is below θ after it
    v = clip_verdict(clipped, flow)
    assert v.direction == "kept"
    by_hand, params = stacked_cosine(q, xs, 100, 0.5)
    assert by_hand == pytest.approx(1.0, abs=1e-12) and params == pytest.approx(1.0, abs=1e-12)
    text = clipping_note(v, clipped).text("en")
    assert "changed its direction" not in text and "changes the direction" not in text
    assert "the direction is kept" in text
    assert "방향은 그대로" in clipping_note(v, clipped).text("ko")


def test_per_step_clipping_of_an_exploding_gradient_changes_it_by_the_measured_cosine():
    q, xs, flow = rnn_case("pulse", 500, 1.5)
    clipped = clip_rnn(q, xs, flow, 1.0, "per_step")
    v = clip_verdict(clipped, flow)
    assert v.kind == "per_step" and v.direction == "changed"
    by_hand, params = stacked_cosine(q, xs, 500, 1.0)
    assert v.cosine == pytest.approx(by_hand, rel=1e-9) and params < 0.999
    assert f"{by_hand:.3f}" in clipping_note(v, clipped).text("en")


def test_the_overflow_note_says_what_clip_grad_norm_does_not_that_training_skips_the_step():
    en, ko = both("gradients.explain.clip_overflow", theta="1")
    assert (
        "training code skips such a step" not in en
        and "학습 코드는 이런 단계를 건너뜁니다" not in ko
    )
    assert "clip_grad_norm_" in en and "NaN" in en and "error_if_nonfinite" in en


# --- 5. a recurrent scale above 1 is not ρ(U) above 1 ------------------------------------------


def test_a_torch_gain_of_1_5_leaves_rho_below_1_and_the_gradient_vanishes():
    _, _, flow = rnn_case("first_value", 100, 1.5, scheme="torch")
    assert flow.spectral_radius < 1 < flow.sigma_max
    assert reach(flow.dh_norm).kind == "vanishes"
    for key in ("gradients.clip_text", "gradients.input_help", "gradients.scale_help"):
        en, ko = both(key)
        assert "scale above 1" not in en and "스케일이 1보다 크면" not in ko, key
    en, ko = both("gradients.clip_text")
    assert "σ_max(U) < 1" in en and "ρ(U) > 1" in en and "σ_max(U) < 1" in ko
    assert "a gain above 1 can still leave ρ(U) below 1" in en


def test_sigma_max_below_one_guarantees_a_vanishing_gradient():
    # Each step multiplies by Uᵀ diag(1 − h²), whose norm is at most σ_max(U) (slopes ≤ 1).
    checked = 0
    for seed in range(5):
        xs = make_sequence("pulse", 200, seed).xs
        q = RNNParams.init(1, 8, seed=seed, scheme="torch", recurrent_scale=0.95)
        flow = rnn_flow(q, xs, 199)
        if flow.sigma_max < 1:
            checked += 1
            ratio = flow.dh_norm / flow.dh_norm[0]
            assert np.all(ratio <= flow.sigma_max ** np.arange(200) * (1 + 1e-9))
            assert reach(flow.dh_norm).kind == "vanishes"
    assert checked >= 2


# --- 6. what grew in the 1997 LSTM ---------------------------------------------------------------


def test_the_1997_lstm_history_says_its_cell_state_grew_and_its_gradient_was_truncated():
    en, ko = both("gradients.explain.lstm_no_forget_grows", k=5, peak="40", k_h="x")
    assert "its cell state and its gradient can grow without bound" not in en
    assert "cell state" in en and "truncated" in en and "Gers et al. (2000)" in en
    assert "셀 상태였고" in ko and "잘라 내서" in ko


# --- 12. plural agreement ---------------------------------------------------------------------


def test_a_count_of_one_takes_the_singular_in_english():
    text = i18n.t("misconceptions.size.verdict", "en", T=1, H=1, TH=1, cmax="0.5")
    assert "**After 1 step $c_t$ still holds 1 number**" in text
    assert i18n.t("gradients.reach.never", "en", steps=1) == "never below 10⁻³ within the 1 step"
    assert i18n.agree("t − 1 steps, 11 steps, 0.1 steps, 1 steps") == (
        "t − 1 steps, 11 steps, 0.1 steps, 1 step"
    )


# --- what course notes commonly say, answered where it belongs ------------------------------


def test_the_concatenation_is_of_fixed_size_and_the_two_notations_agree_on_the_run():
    run = mc.cell_size_run(50, 4)
    (note,) = mc_viz.cell_size_asides(run)
    assert (note.fields["HD"], note.fields["H"], note.fields["D"]) == (5, 4, 1)
    # W·[h_{t−1}, x_t] with W = [U | W_x], computed here without the core's helper.
    xs = make_sequence("noise", 50, 0).xs
    p = LSTMParams.init(1, 4, seed=0, scheme="torch", forget_bias=mc.CELL_FORGET_BIAS)
    h = run_lstm(p, xs).h
    h_prev = np.vstack([np.zeros(4), h[:-1]])
    one = np.array([np.hstack([p.U, p.W]) @ np.r_[hp, x] for hp, x in zip(h_prev, xs, strict=True)])
    assert np.max(np.abs(one - (xs @ p.W.T + h_prev @ p.U.T))) < 1e-12
    assert run.notation_gap < 1e-12
    assert note.fields["gap"] == (mc_viz.sci(run.notation_gap) if run.notation_gap else "0")
    assert "concatenation" in note.text("en") and "이어 붙인 벡터" in note.text("ko")


@pytest.mark.parametrize(("f", "i", "average"), [(0.7, 0.6, False), (0.4, 0.6, True)])
def test_c_t_is_a_weighted_average_only_when_f_plus_i_is_one(f, i, average):
    r = mc.forget_term(f, 1.5, i, 0.5)
    v = forget_term_verdict(r.f, r.c_prev, r.c, r.carried, r.i)
    assert v.average is average
    note = mc_viz.average_note(r, v)
    assert note.key.endswith("yes" if average else "no")
    assert note.fields["sum"] == mc_viz.num(f + i)


def test_the_coupled_variant_makes_every_step_a_weighted_average():
    p = LSTMParams.init(1, 4, seed=3)
    tr = run_lstm(p, make_sequence("noise", 30, 3).xs, variant="coupled")
    assert np.allclose(tr.f + tr.i, 1.0, atol=1e-15)
    standard = run_lstm(p, make_sequence("noise", 30, 3).xs)
    assert np.ptp(standard.f + standard.i) > 0.1  # independent gates: not an average


def test_o_scales_and_tanh_c_gives_h_its_sign():
    for c_prev, g in ((-1.0, 0.9), (3.0, -1.0), (-4.0, 0.2)):
        r = mc.read_out(c_prev, g)
        note = mc_viz.ranges_note(r)
        assert 0 < r.o < 1 and -1 < math.tanh(r.c) < 1
        assert np.sign(r.h) == np.sign(math.tanh(r.c)) and abs(r.h) < 1
        assert note.fields == {"o": mc_viz.num(r.o), "tanh_c": mc_viz.num(math.tanh(r.c))}


def test_weight_sharing_and_tanh_notes_quote_the_rnns_own_numbers():
    chosen, large = mc.gradient_flow_lstm(0.0, 100), mc.gradient_flow_lstm(6.0, 100)
    rnn = mc.gradient_flow_rnn(100)
    v = forget_bias_verdict(chosen, large, rnn)
    shared, tanh = mc_viz.rnn_notes(v, rnn)
    ratio = rnn.dh_norm[20] / rnn.dh_norm[0]
    assert shared.fields["rate"] == f"{ratio ** (1 / 20):.3f}" and shared.fields["k"] == 20
    assert shared.fields["rho"] == f"{rnn.spectral_radius:.3f}"
    xs = make_sequence("first_value", 100, 0).xs
    q = RNNParams.init(1, 16, seed=0, scheme="gaussian", recurrent_scale=0.9)
    slopes = 1 - run_rnn(q, xs).h ** 2
    assert tanh.fields["slope"] == f"{slopes.mean():.3f}" and slopes.max() <= 1
    assert v.rnn.kind == "vanishes"  # the sentence's "its gradient: below 10⁻³ after k steps"
    assert tanh.fields["k_rnn"].fields == {"k": v.rnn.horizon}


def test_the_sine_demo_note_quotes_the_parameter_counts_and_the_rnn_learns_it_faster():
    en, ko = both("training.shows.sine")
    lstm, rnn = LSTMParams.init(1, 20, seed=0), RNNParams.init(1, 20, seed=0)
    count = lambda p: p.W.size + p.U.size + p.b.size  # noqa: E731
    assert (count(lstm), count(rnn)) == (1760, 440)
    assert "1,760 against 440" in en and "1,760개 대 440개" in ko and "4×" in en
    task = make_task("sine", seed=0)
    runs = {
        m: train(task.train, TrainConfig(model=m, forget_bias=1.0 if m == "lstm" else None))
        for m in ("rnn", "lstm")
    }
    loss = {m: r.history.train_loss for m, r in runs.items()}
    assert loss["rnn"][-1] < loss["lstm"][-1] and loss["rnn"][9] < loss["lstm"][9]


# --- misconception 5: a gradient that dips and comes back is not "above 10⁻³ all the way" ------


def test_a_cell_gradient_that_dips_and_comes_back_is_not_said_to_stay_above():
    chosen = mc.gradient_flow_lstm(2.25, 500)
    r = chosen.dc_norm / chosen.dc_norm[0]
    assert r[1:].min() < 1e-3 <= r[-1]  # dips below, back above at the start
    large, rnn = mc.gradient_flow_lstm(6.0, 500), mc.gradient_flow_rnn(500)
    v = forget_bias_verdict(chosen, large, rnn)
    notes = mc_viz.gradient_notes(v, chosen, large, 2.25, 6.0)
    assert notes[0].key == "misconceptions.grad.verdict_back_above"
    assert notes[0].fields["low"] == mc_viz.sci(r[1:].min())
    assert "stays above" not in notes[0].text("en") and "내내" not in notes[0].text("ko")
