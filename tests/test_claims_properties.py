"""Every generated sentence is true at every setting (issue 16): hypothesis draws each page's
settings, including the extremes (T, H, seed, scale, forget bias, variant, scheme, clipping),
and for every sentence the page would write checks that each number in it equals the one
computed here from the model's arrays, and that each claim holds for the data ("never below
10⁻³" ⇒ the smallest ratio is at least 10⁻³ and the norm at the loss step is > 0; a horizon k
⇒ every ratio from k on is below 10⁻³ and the one before is not; …).

The horizons, ratios and shares are recomputed here from the arrays, not taken from the
verdict functions whose sentences are checked. Example counts stay small so the suite is fast.
"""

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lstm_core import (
    CLASSIC_VARIANTS,
    SCHEMES,
    LSTMParams,
    RNNParams,
    lstm_step,
    run_lstm,
    run_rnn,
)
from lstm_core.backward import rnn_backward
from lstm_core.lab import misconceptions as mc
from lstm_core.lab.exercises import H_THRESHOLD, MAX_SEED, exercise, slips
from lstm_core.lab.gradient_flow import clip_rnn, lstm_flow, rnn_flow, unit_loss_gradient
from lstm_core.lab.inputs import PRESETS, SENTENCE_EN, SENTENCE_KO, make_sequence
from lstm_core.lab.ledger import branch_verdict, lstm_ledger, route_verdict
from lstm_core.lab.preview import gradient_preview
from lstm_core.lab.scenarios import gate_params, one_step
from lstm_core.lab.tasks import constant_guess_loss, make_task
from lstm_core.lab.verdicts import GROWTH, gradient_verdicts
from lstm_viz import anatomy as anatomy_viz
from lstm_viz import backprop as backprop_viz
from lstm_viz import exercises as ex_viz
from lstm_viz import gradients as gr_viz
from lstm_viz import training as training_viz
from lstm_viz.i18n import t
from lstm_viz.numbers import num, percent, sci
from lstm_viz.preview import caption_fields
from pages import misconceptions_controller as mc_page

THRESHOLD = 1e-3
FEW = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def ratios(norms: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        return norms / norms[0]


def assert_horizon(norms: np.ndarray, k: int) -> None:
    """k is where the norm falls below 10⁻³ of its value at the loss for good."""
    r = ratios(norms)
    assert norms[0] > 0 and 1 <= k < len(norms)
    assert np.all(r[k:] < THRESHOLD), k
    assert k == 1 or not r[k - 1] < THRESHOLD


def assert_never_below(norms: np.ndarray, low: str) -> None:
    r = ratios(norms)
    assert norms[0] > THRESHOLD * 0 and norms[0] > 0
    assert np.nanmin(r[1:]) >= THRESHOLD and low == sci(np.min(r[1:]))


def assert_reach_text(text: str, norms: np.ndarray, lang: str = "en") -> None:
    """A reach phrase ("below 10⁻³ from 23 steps back on", "never below …") says what the
    norms do."""
    r = ratios(norms)
    K = len(norms) - 1
    if text.startswith("below 10⁻³ from"):
        assert_horizon(norms, int(text.split()[3]))
    elif text.startswith("never below"):
        assert norms[0] > 0 and np.min(r[1:]) >= THRESHOLD and f"{K} step" in text
    elif text.startswith("dips below"):
        assert np.min(r[1:]) < THRESHOLD <= r[-1]
    elif text.startswith("already ≈ 0"):
        assert not norms[0] > THRESHOLD
    else:
        assert text.startswith("beyond float64") and not np.all(np.isfinite(norms))


# --- the vanishing gradients page -------------------------------------------------------------

GRADIENT_SETTINGS = dict(
    T=st.sampled_from([2, 10, 50, 100, 500, 2000]),
    preset=st.sampled_from(PRESETS),
    H=st.sampled_from([1, 2, 16, 64]),
    seed=st.sampled_from([0, 1, 7, 10_000]),
    scheme=st.sampled_from(SCHEMES),
    scale=st.sampled_from([0.5, 0.9, 1.0, 1.5, 2.0]),
    forget_bias=st.sampled_from([-3.0, -1.0, 0.0, 3.0, 6.0]),
    variant=st.sampled_from(CLASSIC_VARIANTS),
    clip=st.sampled_from([None, 0.5, 1.0, 100.0]),
    mode=st.sampled_from(["global", "per_step"]),
    loss_gap=st.sampled_from([0, 0, 1, 30, 2000]),
)


def check_gradient_note(note, rnn, lstm, clipped, v, tr_rnn, tr_lstm) -> None:
    """The claims and numbers of one note of the gradients page's explanation."""
    key, f = note.key.removeprefix("gradients.explain."), note.fields
    r_h, r_c = ratios(rnn.dh_norm), ratios(lstm.dc_norm)
    tau = rnn.t_loss
    if key == "no_steps_back":
        assert tau == 0 and len(rnn.dh_norm) == 1
    if key.startswith("rnn_"):
        assert f.get("rho", f"{rnn.spectral_radius:.2f}") == f"{rnn.spectral_radius:.2f}"
        slope = float(np.mean(1 - tr_rnn.h[: tau + 1] ** 2))
        assert f.get("slope", f"{slope:.2f}") == f"{slope:.2f}"
    if key == "rnn_vanishes":
        assert_horizon(rnn.dh_norm, f["k"])
    elif key == "rnn_saturated":
        assert rnn.spectral_radius > 1 and v.rnn.kind == "vanishes"
    elif key == "rnn_explodes":
        assert np.max(r_h) > GROWTH and f["peak"] == sci(np.max(r_h)) and r_h[f["k"]] == np.max(r_h)
    elif key == "rnn_overflow":
        assert not np.isfinite(rnn.dh_norm[f["k"]]) and np.all(np.isfinite(rnn.dh_norm[: f["k"]]))
    elif key == "rnn_survives":
        assert_never_below(rnn.dh_norm, f["low"])
    elif key in ("rnn_back_above", "lstm_back_above"):
        r = r_h if key.startswith("rnn") else r_c
        assert np.min(r[1:]) < THRESHOLD <= r[-1] and f["low"] == sci(np.min(r[1:]))
        assert r[f["k_low"]] == np.min(r[1:])
    if key.startswith("lstm_"):
        f_mean = float(np.mean(tr_lstm.f[: tau + 1]))
        assert f.get("f", f"{f_mean:.3f}") == f"{f_mean:.3f}"
        if "k_h" in f:
            assert_reach_text(f["k_h"], lstm.dh_norm)
    if key == "lstm_dead":
        assert not lstm.dc_norm[0] > THRESHOLD * lstm.dh_norm[0]
        assert f["value"] == sci(lstm.dc_norm[0])
    elif key == "lstm_vanishes":
        assert_horizon(lstm.dc_norm, f["k"])
    elif key == "lstm_survives":
        assert lstm.dc_norm[0] > THRESHOLD and np.max(r_c) <= GROWTH
        assert_never_below(lstm.dc_norm, f["low"])
    elif key in ("lstm_grows", "lstm_no_forget_grows"):
        assert np.max(r_c) > GROWTH and f["peak"] == sci(np.max(r_c)) and r_c[f["k"]] == np.max(r_c)
    elif key == "lstm_no_forget":
        assert np.all(tr_lstm.f == 1.0)
        assert_reach_text(f["k"], lstm.dc_norm)
    elif key in ("lstm_cell_path", "lstm_cell_path_holds"):
        # The cell path alone: ∂L/∂c_τ multiplied by Π f unit by unit, recomputed here.
        f_back = tr_lstm.f[tau::-1]
        with np.errstate(under="ignore"):
            prod = np.vstack([np.ones(f_back.shape[1]), np.cumprod(f_back[:-1], axis=0)])
            path = np.linalg.norm(lstm.dc[0] * prod, axis=1)
        if key == "lstm_cell_path":
            assert_horizon(path, f["k_cell"])
        else:
            assert np.min(ratios(path)[1:]) >= THRESHOLD
    elif key.startswith("lstm_mean_"):
        f_mean = float(np.mean(tr_lstm.f[: tau + 1]))
        predicted = math.log(THRESHOLD) / math.log(f_mean) if f_mean < 1 else math.inf
        assert f["k_pred"] == ("∞" if math.isinf(predicted) else f"{predicted:.0f}")
    elif key.startswith("lstm_small_f_"):
        assert float(np.mean(tr_lstm.f[: tau + 1])) < 0.6 and v.lstm.cell.kind == "vanishes"
    elif key == "compare_outlasts":
        assert v.rnn.kind == "vanishes" and lstm.dc_norm[0] > THRESHOLD
        assert r_c[-1] >= THRESHOLD and f["k"] == v.rnn.horizon
        assert_horizon(rnn.dh_norm, f["k"])
    elif key == "compare_ratio":
        k_c, k_r = v.lstm.cell.horizon, v.rnn.horizon
        assert_horizon(lstm.dc_norm, k_c)
        assert_horizon(rnn.dh_norm, k_r)
        assert k_c > k_r and f["ratio"] == f"{k_c / k_r:.1f}"
    elif key == "compare_no_better":
        assert_horizon(lstm.dc_norm, f["k_lstm"])
        assert_horizon(rnn.dh_norm, f["k_rnn"])
        assert f["k_lstm"] <= f["k_rnn"]
    elif key == "compare_cell_dead":
        assert not lstm.dc_norm[0] > THRESHOLD
    elif key.startswith("clip_"):
        check_clip_note(key, f, rnn, clipped, tr_rnn)


def check_clip_note(key, f, rnn, clipped, tr_rnn) -> None:
    theta = clipped.threshold
    assert f["theta"] == sci(theta)
    if key == "clip_global":
        assert rnn.param_grad_norm > theta and f["before"] == sci(rnn.param_grad_norm)
        assert f["s"] == sci(theta / rnn.param_grad_norm)
    elif key == "clip_inactive":
        assert rnn.param_grad_norm <= theta
    elif key == "clip_overflow":
        assert not np.isfinite(rnn.param_grad_norm)
    elif key.startswith("clip_per_step"):
        T, H = tr_rnn.h.shape
        dh = unit_loss_gradient(T, H, rnn.t_loss)
        q_cut = rnn_backward(clipped.params, tr_rnn, dh, clip_per_step=theta)
        cut = int(q_cut.cut[: rnn.t_loss + 1].sum())
        assert f.get("cut", 0) == cut and (cut == 0) == (key == "clip_per_step_none")
        peak = np.max(np.where(np.isfinite(rnn.dh_norm), rnn.dh_norm, -np.inf))
        assert f["peak"] == sci(peak)
        if key != "clip_per_step_none":
            direction = f["direction"]
            plain = rnn_backward(clipped.params, tr_rnn, dh).dh
            if not np.all(np.isfinite(plain)):
                assert direction.key.endswith("unknown")
            else:
                a, b = plain.ravel(), q_cut.dh.ravel()
                scale = np.max(np.abs(a))
                a, b = a / scale, b / np.max(np.abs(b))
                cos = float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
                if direction.key.endswith("kept"):
                    assert (cos > 1 - 1e-9 and cut == 1) or cos > 1 - 1e-9
                else:
                    barely = direction.key.endswith("barely")
                    assert direction.key.endswith("changed") or barely
                    assert (cos >= 1 - 5e-4) == barely and cut >= 1
                    shown = direction.fields["cos"]
                    assert shown == f"{min(cos, 1.0):.3f}"


@FEW
@given(**GRADIENT_SETTINGS)
def test_every_gradient_page_sentence_holds_for_its_numbers(
    T, preset, H, seed, scheme, scale, forget_bias, variant, clip, mode, loss_gap
):
    xs = make_sequence(preset, T, seed).xs
    tau = max(len(xs) - 1 - loss_gap, 0)  # as the page clamps a gap too long for the sequence
    q = RNNParams.init(xs.shape[1], H, seed=seed, scheme=scheme, recurrent_scale=scale)
    p = LSTMParams.init(xs.shape[1], H, seed=seed, scheme=scheme, forget_bias=forget_bias)
    rnn, lstm = rnn_flow(q, xs, tau), lstm_flow(p, xs, tau, variant)
    clipped = None if clip is None else clip_rnn(q, xs, rnn, clip, mode)
    if clipped is not None:
        object.__setattr__(clipped, "params", q)  # for the by-hand check above
    v = gradient_verdicts(rnn, lstm, clipped)
    tr_rnn, tr_lstm = run_rnn(q, xs), run_lstm(p, xs, variant=variant)
    notes = gr_viz.explanation(v, rnn, lstm, clipped, "en")
    assert notes
    for note in notes:
        check_gradient_note(note, rnn, lstm, clipped, v, tr_rnn, tr_lstm)
        assert note.text("en") and note.text("ko")
    keys = [n.key for n in notes]
    if "gradients.explain.lstm_survives" in keys:  # "never below": alive at the loss, too
        assert lstm.dc_norm[0] > 0


# --- the misconceptions page --------------------------------------------------------------------

MISCONCEPTION_SETTINGS = dict(
    T=st.sampled_from([1, 2, 20, 500]),
    H=st.sampled_from([1, 4, 16]),
    keep_f=st.sampled_from([0.0, 0.01, 0.3, 0.5, 0.99, 1.0]),
    keep_c=st.sampled_from([-5.0, 0.0, 0.0004, 2.0, 5.0]),
    sum_f=st.sampled_from([0.0, 0.25, 0.4, 0.9999, 1.0]),
    sum_c=st.sampled_from([-5.0, -1.5, 0.0, 1.5, 5.0]),
    sum_i=st.sampled_from([0.0, 0.6, 1.0]),
    sum_g=st.sampled_from([-1.0, 0.0, 0.5, 1.0]),
    read_c=st.sampled_from([-5.0, -1.0, 0.0, 5.0]),
    read_g=st.sampled_from([-1.0, 0.0, 0.9]),
    bf=st.sampled_from([-3.0, 0.0, 2.25, 3.5, 6.0]),
    K=st.sampled_from([50, 100, 500]),
)


@FEW
@given(**MISCONCEPTION_SETTINGS)
def test_every_misconceptions_sentence_holds_for_its_numbers(**s):
    sections = mc_page.compute(mc_page.Settings(**s), "en")
    # 1: the size of c and its bound
    run = mc.cell_size_run(s["T"], s["H"])
    c_max = float(np.max(np.abs(run.c)))
    size = {n.key.rsplit(".", 1)[1]: n.fields for n in sections["size"].notes}
    assert size["verdict"] == {"T": s["T"], "H": s["H"], "TH": s["T"] * s["H"], "cmax": num(c_max)}
    assert ("beyond_one" in size) == (c_max > 1)
    if "beyond_one" in size:
        f_max = float(run_lstm_f(s["T"], s["H"]).max())
        limit = 1 / (1 - f_max)
        assert size["beyond_one"]["limit"] == num(limit) and c_max < limit
        assert np.all(np.abs(run.c) < limit)
    # 2: the share kept
    f, c_prev = s["keep_f"], s["keep_c"]
    (keep, *decay) = sections["keep"].notes
    if keep.key.endswith("verdict"):
        assert keep.fields["percent"] == percent(f) and keep.fields["c"] == num(f * c_prev)
        assert 0 < f < 1 and abs(c_prev) >= 0.0005
        K = mc_page.DECAY_STEPS
        assert decay[0].fields == {"K": K, "fraction": sci(f**K)}
        assert decay[0].key.endswith("most") == (f**K >= 0.5)
    elif keep.key.endswith("zero"):
        assert f == 0 and keep.fields["c"] == num(0.0)
    elif keep.key.endswith("one"):
        assert f == 1 and keep.fields["c"] == num(c_prev)
    else:
        assert abs(c_prev) < 0.0005
    # 3: the myth c_{t−1} + i g
    f, c_prev, i, g = s["sum_f"], s["sum_c"], s["sum_i"], s["sum_g"]
    c = f * c_prev + i * g  # the gates take exactly these values (W = U = 0, chosen biases)
    gate_c = float(one_step(i, f, g, 0.5, c_prev).c[0])
    assert abs(gate_c - c) < 1e-9
    first = sections["sum"].notes[0]
    error = (1 - f) * c_prev
    if first.key.endswith("verdict"):
        assert first.fields["carried"] == num(c_prev + i * g) and first.fields["c"] == num(gate_c)
        assert first.fields["error"] == num(error) and abs(error) >= 0.0005
    elif first.key.endswith("small"):
        assert abs(error) < 0.0005 and f < 1
    elif first.key.endswith("one"):
        assert f == 1
    (average,) = sections["sum"].asides
    assert average.key.endswith("yes") == (abs(f + i - 1) < 0.0005)
    assert average.fields["sum"] == num(f + i)
    # 4: h reads the new c
    read = mc.read_out(s["read_c"], s["read_g"])
    first = sections["read"].notes[0]
    if first.key.endswith("verdict"):
        assert (
            first.fields["d"] == num(abs(read.h - read.h_old))
            and abs(read.h - read.h_old) >= 0.0005
        )
    # 5: the gradient
    chosen = mc.gradient_flow_lstm(s["bf"], s["K"])
    large, rnn = mc.gradient_flow_lstm(mc.LARGE_FORGET_BIAS, s["K"]), mc.gradient_flow_rnn(s["K"])
    grad = sections["grad"].notes
    head = grad[0]
    if head.key.endswith("vanishes"):
        assert_horizon(chosen.dc_norm, head.fields["k"])
    elif head.key.endswith("back_above"):
        r = ratios(chosen.dc_norm)
        assert r[1:].min() < THRESHOLD <= r[-1] and head.fields["low"] == sci(r[1:].min())
    elif head.key.endswith("survives"):
        assert chosen.dc_norm[0] > THRESHOLD * chosen.dh_norm[0]
        assert (
            np.all(ratios(chosen.dc_norm)[1:] >= THRESHOLD)
            or ratios(chosen.dc_norm)[-1] >= THRESHOLD
        )
    else:
        assert head.key.endswith("dead") and not chosen.dc_norm[0] > THRESHOLD
    for note in grad[1:]:
        assert note.key.endswith("rises")
        r = ratios(large.dc_norm)
        assert (
            large.dc_norm[0] > THRESHOLD
            and note.fields["peak"] == sci(np.max(r))
            and np.max(r) > 1.5
        )
    shared, tanh = sections["grad"].asides
    k = min(20, s["K"] - 1)
    assert shared.fields["rate"] == f"{(rnn.dh_norm[k] / rnn.dh_norm[0]) ** (1 / k):.3f}"
    assert tanh.fields["k_rnn"].key.endswith("after")  # the default RNN vanishes at every K
    assert_horizon(rnn.dh_norm, tanh.fields["k_rnn"].fields["k"])
    for section in sections.values():
        for note in section.notes + section.asides:
            assert note.text("en") and note.text("ko")


def run_lstm_f(T, H):
    xs = make_sequence("noise", T, 0).xs
    p = LSTMParams.init(1, H, seed=0, scheme="torch", forget_bias=mc.CELL_FORGET_BIAS)
    return run_lstm(p, xs).f


# --- exercises ----------------------------------------------------------------------------------


@FEW
@given(seed=st.integers(0, MAX_SEED), number=st.integers(1, 25))
def test_every_exercise_reveal_and_diagnosis_holds_for_its_numbers(seed, number):
    ex = exercise(seed, number)
    if ex.kind == "pulse_decay":
        xs = np.zeros((80, 1))
        xs[0] = 1.0
        h = ex.curves["h"]
        first = int(np.flatnonzero(h < H_THRESHOLD)[0]) + 1
        assert ex.answer == first and h[first - 2] >= H_THRESHOLD
        text = ex_viz.reveal_text(ex, "en")
        assert f"at step {first}" in text
        assert slips(ex) == {"early_power": first - 1, "old_cell": first + 1}
    elif ex.kind == "which_gradient":
        rnn, lstm = ex.curves["rnn"], ex.curves["lstm"]
        text = ex_viz.reveal_text(ex, "en")
        k_rnn = int(ex.given["rnn_reach"])
        assert_horizon(rnn, k_rnn)
        assert f"after {k_rnn} steps back" in text
        if ex.given["lstm_reach"] < ex.given["steps"]:
            assert_horizon(lstm, int(ex.given["lstm_reach"]))
        else:
            assert np.any(ratios(lstm)[-1:] >= THRESHOLD) and "all 59" in text
    elif ex.kind == "keep_memory":
        drift = {s: abs(c[-1] - c[0]) for s, c in ex.curves.items()}
        assert ex.answer == min(drift, key=drift.get) == "f1_i0"
    else:
        s = ex.step
        f, i, g, o = (float(a[0]) for a in (s.f, s.i, s.g, s.o))
        c = f * ex.given["c_prev"] + i * g
        assert abs(float(s.c[0]) - c) < 1e-12
        expected = c if ex.kind == "cell_update" else o * math.tanh(c)
        assert abs(ex.answer - expected) < 1e-12
        for key, value in slips(ex).items():
            assert abs(value - ex.answer) > ex.tolerance, key


# --- gate anatomy's callouts ----------------------------------------------------------------------


@FEW
@given(
    i=st.sampled_from([0.0, 0.3, 1.0]),
    f=st.sampled_from([0.0, 0.01, 0.3, 0.97, 0.99, 1.0]),
    g=st.sampled_from([-1.0, -0.4, 0.0, 0.8]),
    o=st.sampled_from([0.0, 0.5, 1.0]),
    c_prev=st.sampled_from([-5.0, -0.0004, 0.0, 2.0]),
    variant=st.sampled_from(CLASSIC_VARIANTS),
)
def test_every_anatomy_callout_holds_for_its_numbers(i, f, g, o, c_prev, variant):
    step = lstm_step(gate_params(i, f, g, o), [0.0], [0.0], [c_prev], variant=variant)
    gf, gi, gg, go_, gc, gh = (float(getattr(step, n)[0]) for n in "figoch")
    for note in anatomy_viz.callouts(step, np.array([c_prev]), 0, variant):
        key, fields = note.key.removeprefix("anatomy.callout."), note.fields
        if key == "keeps_fraction":
            assert 0 < gf < 1 and fields["percent"] == f"{100 * gf:.1f}"
            assert fields["fc"] == num(gf * c_prev)
        elif key == "forget_term":
            assert fields == {"fc": num(gf * c_prev), "ig": num(gi * gg), "c": num(gc)}
            assert abs(gc - (gf * c_prev + gi * gg)) < 1e-12
        elif key == "new_c":
            assert fields["h"] == num(gh) and fields["h_old"] == num(go_ * math.tanh(c_prev))
            assert abs(gh - go_ * math.tanh(gc)) < 1e-12
        elif key == "c_beyond_one":
            assert abs(gc) > 1 and fields["c"] == num(gc)
        elif key == "no_forget":
            assert gf == 1.0
        t(note.key if note.key.startswith("anatomy.") else f"anatomy.callout.{key}", "ko", **fields)


# --- backprop through time --------------------------------------------------------------------


@FEW
@given(
    T=st.sampled_from([2, 5, 20]),
    H=st.sampled_from([1, 3, 8]),
    seed=st.integers(0, 50),
    cursor=st.integers(0, 19),
    forget_bias=st.sampled_from([-3.0, 1.0, 6.0]),
)
def test_every_backprop_branch_and_route_sentence_holds_for_its_numbers(
    T, H, seed, cursor, forget_bias
):
    xs = make_sequence("noise", T, seed).xs
    p = LSTMParams.init(1, H, seed=seed, forget_bias=forget_bias)
    led = lstm_ledger(p, xs, T - 1)
    t_ = min(cursor, T - 1)
    b = branch_verdict(led, t_)
    text = backprop_viz.branch_sentence(b, t_, "en")
    assert text and backprop_viz.branch_sentence(b, t_, "ko")
    norms = np.linalg.norm(led.branches[t_], axis=1)  # (4,): one per gate, by hand
    if not b.nothing_arrives:
        assert percent(b.share) in text and b.share == norms.max() / norms.sum()
        assert "ifgo"[int(np.argmax(norms))] == b.largest
    else:
        assert norms.sum() == 0 or t_ == T - 1
    r = route_verdict(led, t_)
    cell, h = (float(np.linalg.norm(a[t_])) for a in (led.dc_cell_route, led.dc_h_route))
    text = backprop_viz.route_sentence(r, t_, "en")
    if r.larger == "none":
        assert cell == h == 0
    else:
        assert r.larger == ("cell" if cell >= h else "h") and percent(cell / (cell + h)) in text


# --- the home caption ---------------------------------------------------------------------------


def test_the_home_caption_numbers_are_the_previews_and_its_verdict_holds():
    preview = gradient_preview()
    fields = caption_fields(preview, "en")
    k = fields["k"]
    xs = np.random.default_rng(0).normal(0.0, 0.5, size=(60, 1))
    q = RNNParams.init(1, 8, seed=0, scheme="gaussian", recurrent_scale=0.9)
    p = LSTMParams.init(1, 8, seed=0, scheme="gaussian", forget_bias=3.0)
    rnn, lstm = rnn_flow(q, xs, 59), lstm_flow(p, xs, 59)
    assert fields["rnn_k"] == rnn.dh_norm[k] / rnn.dh_norm[0]
    lstm_k = lstm.dc_norm[k] / lstm.dc_norm[0]
    grew = "grown" in fields["lstm_part"]
    assert grew == (lstm_k > 1)
    text = t("home.preview_caption", "en", **fields)
    assert text and t("home.preview_caption", "ko", **fields)


# --- training lab captions --------------------------------------------------------------------


@FEW
@given(
    task=st.sampled_from(["adding", "sign"]),
    T=st.sampled_from([2, 10, 50, 200]),
    seed=st.integers(0, 10_000),
    example=st.integers(0, 7),
)
def test_every_training_caption_number_is_the_tasks(task, T, seed, example):
    data = make_task(task, T=T, seed=seed, n_train=16, n_val=8).val
    guess = constant_guess_loss(data)
    if task == "adding":
        by_hand = float(np.mean((data.ys - data.ys.mean()) ** 2))
    else:
        p = np.bincount(data.ys.ravel(), minlength=2) / data.ys.size
        by_hand = float(-sum(q * math.log(q) for q in p if q > 0))
    assert abs(guess - by_hand) < 1e-12
    fig = str(training_viz.loss_figure({}, "en", baseline=guess).to_dict())
    caption = t("training.curve.guess", "en", value=f"{guess:.3g}")
    assert (caption in fig) == (guess > 0)  # no line for a guess that is already perfect
    xs = data.xs[:, example]  # (T, D)
    if task == "adding":
        marked = xs[:, 1] > 0.5
        target = float(data.ys[example, 0])
        assert marked.sum() == 2 and abs(float(xs[marked, 0].sum()) - target) < 1e-12
        title = training_viz.adding_example_figure(xs, target, "en").layout.title.text
        assert f"{target:.2f}" in title
    else:
        title = training_viz.sign_example_figure(xs[:, 0], "en").layout.title.text
        assert int(data.ys[example]) == (1 if xs[0, 0] > 0 else 0)
        assert ("+" if xs[0, 0] > 0 else "−") in title and str(T - 1) in title


# --- the stepper's sentence preset ------------------------------------------------------------


def test_the_stepper_sentence_note_counts_the_words_between_subject_and_verb():
    for lang, tokens, subject, verb in (
        ("en", SENTENCE_EN, "keys", "are"),
        ("ko", SENTENCE_KO, "할머니께서는", "주무셨다"),
    ):
        later = tokens.index(verb) - tokens.index(subject)
        text = t("stepper.watch.sentence", lang, later=later)
        assert f"{later} words later" in text if lang == "en" else f"{later}단어 뒤" in text
        if lang == "ko":
            assert tokens[-1] == verb and "맨 끝" in text  # the Korean verb is the last word
        else:
            assert tokens[-1] != verb and "near the end" in text
