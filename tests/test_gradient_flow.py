"""The gradient-flow analysis behind the vanishing gradients page: the plotted norms are the
backward passes' (checked against finite differences), the theory curves are what they claim,
clipping caps, and the longest setting works."""

import numpy as np
import pytest

from lstm_core import LSTMParams, RNNParams, lstm_backward, rnn_backward, run_lstm, run_rnn
from lstm_core.activations import sigmoid
from lstm_core.lab.gradient_flow import (
    THRESHOLD,
    clip_rnn,
    first_overflow,
    global_clip_factor,
    lstm_flow,
    memory_horizon,
    norms,
    rnn_backward_clipped_per_step,
    rnn_flow,
    running_product,
    step_jacobian_norms,
    unit_loss_gradient,
)
from lstm_core.lab.inputs import make_sequence

# --- an independent forward pass with a perturbation δ added to a state -------------------------


def rnn_loss(q, xs, t_loss, add_h=None):
    """L = Σ h_τ / √H for h_t = tanh(W x_t + U h_{t-1} + b), written out again; add_h = (t, δ)
    adds δ to h_t right after it is computed (so it reaches h_{t+1}, … and the loss)."""
    H = q.hidden_size
    h = np.zeros(H)
    for t, x in enumerate(xs):
        h = np.tanh(q.W @ x + q.U @ h + q.b)
        if add_h is not None and add_h[0] == t:
            h = h + add_h[1]
        if t == t_loss:
            return h.sum() / np.sqrt(H)
    raise AssertionError("t_loss beyond the sequence")


def lstm_loss(p, xs, t_loss, add_h=None, add_c=None):
    """The same for an LSTM; add_c = (t, δ) adds δ to c_t before h_t = o_t ⊙ tanh(c_t)."""
    H = p.hidden_size
    h, c = np.zeros(H), np.zeros(H)
    for t, x in enumerate(xs):
        a = p.W @ x + p.U @ h + p.b
        i, f = sigmoid(a[:H]), sigmoid(a[H : 2 * H])
        g, o = np.tanh(a[2 * H : 3 * H]), sigmoid(a[3 * H :])
        c = f * c + i * g
        if add_c is not None and add_c[0] == t:
            c = c + add_c[1]
        h = o * np.tanh(c)
        if add_h is not None and add_h[0] == t:
            h = h + add_h[1]
        if t == t_loss:
            return h.sum() / np.sqrt(H)
    raise AssertionError("t_loss beyond the sequence")


def finite_difference(loss, t, H, key, eps=1e-6):
    """(H,) central differences of loss w.r.t. a perturbation of state `key` at step t."""
    out = np.zeros(H)
    for j in range(H):
        e = np.zeros(H)
        e[j] = eps
        out[j] = (loss(**{key: (t, e)}) - loss(**{key: (t, -e)})) / (2 * eps)
    return out


@pytest.mark.parametrize("t_loss", [5, 3])
def test_rnn_gradient_norms_match_finite_differences(t_loss):
    T, H = 6, 3
    xs = np.random.default_rng(1).normal(size=(T, 2))
    q = RNNParams.init(2, H, seed=3, scheme="gaussian", recurrent_scale=1.2)
    flow = rnn_flow(q, xs, t_loss)
    for k in range(t_loss + 1):
        t = t_loss - k
        fd = finite_difference(lambda **kw: rnn_loss(q, xs, t_loss, **kw), t, H, "add_h")
        np.testing.assert_allclose(flow.dh[k], fd, rtol=1e-6, atol=1e-9)
        assert flow.dh_norm[k] == pytest.approx(np.linalg.norm(fd), rel=1e-6)


@pytest.mark.parametrize("t_loss", [5, 2])
def test_lstm_gradient_norms_of_h_and_c_match_finite_differences(t_loss):
    T, H = 6, 3
    xs = np.random.default_rng(2).normal(size=(T, 2))
    p = LSTMParams.init(2, H, seed=4, scheme="gaussian", forget_bias=1.0)
    flow = lstm_flow(p, xs, t_loss)
    for k in range(t_loss + 1):
        t = t_loss - k
        loss = lambda **kw: lstm_loss(p, xs, t_loss, **kw)  # noqa: E731
        fd_h = finite_difference(loss, t, H, "add_h")
        fd_c = finite_difference(loss, t, H, "add_c")
        np.testing.assert_allclose(flow.dh[k], fd_h, rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(flow.dc[k], fd_c, rtol=1e-6, atol=1e-9)
        assert flow.dc_norm[k] == pytest.approx(np.linalg.norm(fd_c), rel=1e-6)


def test_plotted_norms_come_straight_from_the_backward_passes():
    xs = make_sequence("noise", 40, seed=0).xs
    q = RNNParams.init(1, 5, seed=0, scheme="gaussian", recurrent_scale=0.9)
    p = LSTMParams.init(1, 5, seed=0, scheme="gaussian", forget_bias=2.0)
    dh = unit_loss_gradient(40, 5, 30)
    assert np.linalg.norm(dh[30]) == pytest.approx(1.0)
    rnn_gr = rnn_backward(q, run_rnn(q, xs), dh)
    lstm_gr = lstm_backward(p, run_lstm(p, xs), dh)
    r, m = rnn_flow(q, xs, 30), lstm_flow(p, xs, 30)
    np.testing.assert_array_equal(r.dh, rnn_gr.dh[30::-1])
    np.testing.assert_array_equal(m.dc, lstm_gr.dc[30::-1])
    np.testing.assert_allclose(m.dh_norm, np.linalg.norm(lstm_gr.dh[30::-1], axis=1), rtol=1e-14)
    assert r.dh_norm[0] == pytest.approx(1.0) and m.dh_norm[0] == pytest.approx(1.0)
    assert len(r.dh_norm) == len(m.dc_norm) == 31


def cell_path_only_lstm(T, H, seed=0):
    """An LSTM whose output gate is exactly 0 before the last step (and 1 there), so the
    gradient reaches c_{t-1} only through the cell path: ∂L/∂c_{t-1} = f_t ⊙ ∂L/∂c_t. Input 0
    drives i, f, g (so f varies over time); input 1 is 1 only at the last step and opens o."""
    rng = np.random.default_rng(seed)
    xs = np.zeros((T, 2))
    xs[:, 0] = rng.normal(size=T)
    xs[-1, 1] = 1.0
    p = LSTMParams.init(2, H, seed=seed, scheme="gaussian", forget_bias=2.0)
    p = p.with_block("o", W=np.column_stack([np.zeros(H), np.full(H, 2000.0)]), U=np.zeros((H, H)),
                     b=-1000.0)  # fmt: skip
    return p, xs


def test_cell_path_product_of_f_equals_the_measured_ratio_for_one_unit():
    p, xs = cell_path_only_lstm(T=80, H=1)
    tr = run_lstm(p, xs)
    assert tr.o[:-1].max() == 0.0 and tr.o[-1, 0] == 1.0
    flow = lstm_flow(p, xs, t_loss=79)
    measured = flow.dc_norm / flow.dc_norm[0]
    expected = np.concatenate([[1.0], np.cumprod(tr.f[:0:-1, 0])])  # f_79, f_79·f_78, …
    np.testing.assert_allclose(measured, expected, rtol=1e-12)
    np.testing.assert_allclose(flow.f_product_mean, expected, rtol=1e-12)
    assert np.ptp(tr.f) > 0.1 and 1e-8 < expected[-1] < 0.01  # f varies; the product decays


def test_cell_path_only_curve_equals_the_measured_ratio_for_several_units():
    p, xs = cell_path_only_lstm(T=60, H=4, seed=1)
    flow = lstm_flow(p, xs, t_loss=59)
    np.testing.assert_allclose(flow.dc_norm / flow.dc_norm[0], flow.cell_path_only, rtol=1e-12)
    # unit by unit: dc_{τ-k} = dc_τ ⊙ Π f
    np.testing.assert_allclose(flow.dc, flow.dc[0] * flow.f_product, rtol=1e-12, atol=1e-300)


def test_cell_path_only_lies_inside_the_band_of_forget_products():
    xs = make_sequence("noise", 200, seed=2).xs
    flow = lstm_flow(LSTMParams.init(1, 8, seed=2, scheme="gaussian", forget_bias=2.0), xs, 199)
    assert np.all(flow.cell_path_only >= flow.f_product_min * (1 - 1e-12))
    assert np.all(flow.cell_path_only <= flow.f_product_max * (1 + 1e-12))
    assert np.all(flow.f_product_min <= flow.f_product_mean)
    assert np.all(flow.f_product_mean <= flow.f_product_max)


def test_variants_multiply_the_cell_path_by_their_own_forget_gate():
    xs = make_sequence("noise", 50, seed=0).xs
    p = LSTMParams.init(1, 4, seed=0, scheme="gaussian", forget_bias=2.0)
    assert np.all(lstm_flow(p, xs, 49, "no_forget").f_product == 1.0)
    coupled = lstm_flow(p, xs, 49, "coupled")
    tr = run_lstm(p, xs, variant="coupled")
    np.testing.assert_allclose(coupled.f_product[1], 1.0 - tr.i[49], rtol=1e-15)


@pytest.mark.parametrize("H", [1, 2, 5, 31, 40, 64])
def test_step_jacobian_norms_match_the_svd(H):
    rng = np.random.default_rng(H)
    U = rng.normal(size=(H, H)) * rng.uniform(0.1, 2.0) / np.sqrt(H)
    h = np.tanh(rng.normal(size=(300, H)) * np.linspace(0.01, 4.0, 300)[:, None])
    h[0] = 0.0  # d = 1: ‖U‖₂ exactly
    h[1] = 1.0  # fully saturated: d = 0, the norm is 0
    h[2, : (H + 1) // 2] = 1.0  # half the units saturated
    exact = np.linalg.svd(U.T * (1.0 - h**2)[:, None, :], compute_uv=False)[:, 0]
    np.testing.assert_allclose(step_jacobian_norms(U, h), exact, rtol=1e-10, atol=1e-300)


def test_step_jacobian_norms_are_exact_for_an_orthogonal_recurrent_matrix():
    # The keras scheme: U = s·Q with Q orthogonal, so ‖Uᵀ diag(d)‖₂ = s · max d. Lanczos with 32
    # steps was 0.3% low here, which over 2000 steps put the "upper bound" 1.3× too low.
    q = RNNParams.init(1, 64, seed=0, scheme="keras", recurrent_scale=0.9)
    xs = make_sequence("noise", 2000, seed=0).xs
    flow = rnn_flow(q, xs, 1999)
    h = run_rnn(q, xs).h[::-1]  # k steps back
    exact = np.linalg.svd(q.U.T * (1.0 - h**2)[:, None, :], compute_uv=False)[:, 0]
    np.testing.assert_allclose(flow.jacobian_norm, exact, rtol=1e-10)
    np.testing.assert_allclose(flow.jacobian_product[-1], np.prod(exact[:-1]), rtol=1e-8)
    np.testing.assert_allclose(flow.jacobian_norm, 0.9 * np.max(1.0 - h**2, axis=1), rtol=1e-10)


@pytest.mark.parametrize("H", [20, 48, 64])
def test_step_jacobian_norms_are_exact_when_the_top_of_the_spectrum_is_crowded(H):
    # Nearly orthogonal U: many eigenvalues of D U Uᵀ D crowd the top, Lanczos alone stalls,
    # and those steps must be recomputed exactly.
    rng = np.random.default_rng(H)
    Q, _ = np.linalg.qr(rng.normal(size=(H, H)))
    U = Q * (1.0 + 1e-3 * rng.uniform(size=H))
    h = np.tanh(rng.normal(size=(200, H)) * np.linspace(0.01, 2.0, 200)[:, None])
    exact = np.linalg.svd(U.T * (1.0 - h**2)[:, None, :], compute_uv=False)[:, 0]
    np.testing.assert_allclose(step_jacobian_norms(U, h), exact, rtol=1e-10)


def test_measured_rnn_ratio_stays_below_the_jacobian_product_and_the_sigma_bound():
    xs = make_sequence("first_value", 300, seed=0).xs
    for scale in (0.7, 1.0, 1.4):
        for scheme, H in (("gaussian", 12), ("keras", 64), ("torch", 40)):
            q = RNNParams.init(1, H, seed=1, scheme=scheme, recurrent_scale=scale)
            flow = rnn_flow(q, xs, 299)
            ratio = flow.dh_norm / flow.dh_norm[0]
            assert np.all(ratio <= flow.jacobian_product * (1 + 1e-9))
            assert np.all(flow.jacobian_product <= flow.sigma_bound * (1 + 1e-9))


def test_jacobian_product_is_exact_for_a_single_unit():
    xs = make_sequence("sine", 120, seed=0).xs
    flow = rnn_flow(RNNParams.init(1, 1, seed=0, scheme="gaussian", recurrent_scale=0.95), xs, 119)
    np.testing.assert_allclose(flow.dh_norm, flow.jacobian_product, rtol=1e-12)


def test_rnn_gradient_explodes_above_scale_one_and_vanishes_below():
    xs = make_sequence("pulse", 400, seed=0).xs
    grow = rnn_flow(RNNParams.init(1, 16, seed=0, scheme="gaussian", recurrent_scale=1.5), xs, 399)
    fade = rnn_flow(RNNParams.init(1, 16, seed=0, scheme="gaussian", recurrent_scale=0.6), xs, 399)
    assert np.nanmax(grow.dh_norm) > 1e6 and memory_horizon(grow.dh_norm) is None
    assert memory_horizon(fade.dh_norm) < 40
    assert grow.param_grad_norm > 1e6 > fade.param_grad_norm


def test_lstm_gradient_vanishes_too_when_the_forget_gate_is_small():
    xs = make_sequence("first_value", 300, seed=0).xs
    low = lstm_flow(LSTMParams.init(1, 16, seed=0, scheme="gaussian", forget_bias=-2.0), xs, 299)
    high = lstm_flow(LSTMParams.init(1, 16, seed=0, scheme="gaussian", forget_bias=4.0), xs, 299)
    assert low.f_mean < 0.3 and memory_horizon(low.dc_norm) < 20
    # With f ≈ 0.98 the gradient is still above 10⁻³ near the start of the sequence: no horizon.
    assert high.f_mean > 0.95 and memory_horizon(high.dc_norm) is None


@pytest.mark.parametrize("scale", [0.9, 2.0])
def test_two_thousand_steps_at_hidden_size_64_work(scale):
    xs = make_sequence("pulse", 2000, seed=0).xs
    r = rnn_flow(RNNParams.init(1, 64, seed=0, scheme="gaussian", recurrent_scale=scale), xs, 1999)
    m = lstm_flow(LSTMParams.init(1, 64, seed=0, scheme="gaussian", forget_bias=3.0), xs, 1999)
    assert r.dh.shape == m.dc.shape == (2000, 64)
    for values in (r.dh_norm, r.jacobian_product, m.dh_norm, m.dc_norm, m.f_product_mean):
        assert values.shape == (2000,)
        overflow = first_overflow(values)
        assert overflow is None or np.all(np.isfinite(values[:overflow]))
    assert np.all(np.isfinite(m.dc_norm)) and np.all(np.isfinite(r.jacobian_norm))


def test_an_overflowing_gradient_is_reported_not_raised():
    # h stays 0, so every backward step multiplies by Uᵀ = 3·I: the entries 3^k/√2 pass the
    # largest float64, 1.8e308, at k = 647.
    q = RNNParams(np.zeros((2, 1)), 3.0 * np.eye(2), np.zeros(2))
    flow = rnn_flow(q, np.zeros((2000, 1)), 1999)
    k = first_overflow(flow.dh_norm)
    assert k == 647 and np.all(np.isfinite(flow.dh_norm[:k]))
    np.testing.assert_allclose(flow.jacobian_product[:k], 3.0 ** np.arange(k), rtol=1e-9)
    assert np.isnan(global_clip_factor(flow.param_grad_norm, 1.0))


def test_norms_of_huge_finite_gradients_stay_finite():
    g = np.array([[3e200, 4e200], [0.0, 0.0], [np.inf, 1.0], [np.nan, 1.0]])
    out = norms(g)
    assert out[0] == pytest.approx(5e200) and out[1] == 0.0
    assert out[2] == np.inf and np.isnan(out[3])


def test_memory_horizon_is_where_the_norm_stays_below_the_threshold():
    values = np.array([2.0, 1.0, 2.5e-3, 2.1e-3, 1.9e-3, 1e-9])
    assert memory_horizon(values) == 4  # 1.9e-3 < 1e-3 · 2.0, and so is everything after it
    assert memory_horizon(values, threshold=0.6) == 1
    assert memory_horizon(np.array([1.0, 0.5, 0.1])) is None
    assert memory_horizon(np.array([0.0, 0.0])) is None
    assert memory_horizon(np.array([1.0])) is None  # no step before the loss
    assert THRESHOLD == 1e-3
    # a dip below the threshold that comes back is not the horizon: the last time above is
    dip = np.array([1.0, 0.1, 5e-4, 2e-3, 5e-4, 1e-4])
    assert memory_horizon(dip) == 4
    assert memory_horizon(np.array([1.0, 5e-4, 5e-4, 2e-3])) is None  # above again at the start
    assert memory_horizon(np.array([1.0, 5e-4, np.nan, 1e-4])) == 3  # nan is not "below"


def test_a_gradient_that_dips_and_comes_back_has_no_horizon_yet():
    # The review's case: the LSTM's ‖∂L/∂c‖ first dips below 10⁻³ at k = 406 but is at
    # 3.3 · 10⁻³ again at k = 499, so "gone after 406 steps" would be false.
    xs = make_sequence("noise", 500, seed=1).xs
    flow = lstm_flow(LSTMParams.init(1, 16, seed=1, scheme="gaussian", forget_bias=3.0), xs, 499)
    ratio = flow.dc_norm / flow.dc_norm[0]
    assert np.flatnonzero(ratio < THRESHOLD)[0] == 406 and ratio[-1] > 3e-3
    assert memory_horizon(flow.dc_norm) is None
    # and where a horizon exists, nothing beyond it is above the threshold again
    fade = rnn_flow(RNNParams.init(1, 16, seed=0, scheme="gaussian", recurrent_scale=1.5), xs, 499)
    k = memory_horizon(fade.dh_norm)
    assert k is not None and np.all(fade.dh_norm[k:] < THRESHOLD * fade.dh_norm[0])
    assert fade.dh_norm[k - 1] >= THRESHOLD * fade.dh_norm[0]


def test_running_product_underflows_to_zero_without_warnings():
    out = running_product(np.full(2000, 0.5))
    assert out[0] == 1.0 and out[1] == 0.5 and out[-1] == 0.0
    np.testing.assert_allclose(running_product(np.array([[0.5, 2.0], [0.5, 2.0]]))[2], [0.25, 4.0])


def test_global_clipping_rescales_the_whole_gradient_to_the_threshold():
    assert global_clip_factor(0.5, 1.0) == 1.0
    assert global_clip_factor(8.0, 2.0) == 0.25
    with pytest.raises(ValueError):
        global_clip_factor(1.0, 0.0)
    xs = make_sequence("pulse", 300, seed=0).xs
    flow = rnn_flow(RNNParams.init(1, 16, seed=0, scheme="gaussian", recurrent_scale=1.5), xs, 299)
    s = global_clip_factor(flow.param_grad_norm, 1.0)
    assert s * flow.param_grad_norm == pytest.approx(1.0)
    clipped = clip_rnn(None, xs, flow, 1.0, "global")  # the global mode needs no second pass
    assert clipped.factor == s and clipped.norm_before == flow.param_grad_norm
    # the whole curve moves down by s: same shape on a log axis
    np.testing.assert_allclose(clipped.dh_norm / clipped.dh_norm[0], flow.dh_norm, rtol=1e-12)
    with pytest.raises(ValueError, match="clipping mode"):
        clip_rnn(None, xs, flow, 1.0, "sideways")


def test_per_step_clipping_caps_every_step_and_is_the_backward_pass_without_a_cap():
    xs = make_sequence("pulse", 300, seed=0).xs
    q = RNNParams.init(1, 16, seed=0, scheme="gaussian", recurrent_scale=1.5)
    tr = run_rnn(q, xs)
    dh = unit_loss_gradient(300, 16, 299)
    unclipped, cut = rnn_backward_clipped_per_step(q, tr, dh, np.inf)
    np.testing.assert_allclose(unclipped, rnn_backward(q, tr, dh).dh, rtol=1e-13)
    assert not cut.any()
    flow = rnn_flow(q, xs, 299)
    assert np.max(flow.dh_norm) > 1e3  # the unclipped one explodes
    clipped = clip_rnn(q, xs, flow, 2.0, "per_step")
    assert np.all(clipped.dh_norm <= 2.0 * (1 + 1e-12))
    assert 0 < clipped.steps_cut < 300 and np.isnan(clipped.factor)
    first_cut = np.argmax(flow.dh_norm > 2.0)  # up to there, nothing was clipped
    np.testing.assert_allclose(clipped.dh_norm[:first_cut], flow.dh_norm[:first_cut], rtol=1e-12)
    with pytest.raises(ValueError):
        rnn_backward_clipped_per_step(q, tr, dh, -1.0)


def test_the_loss_step_must_lie_in_the_sequence():
    with pytest.raises(ValueError, match="outside"):
        unit_loss_gradient(10, 3, 10)
