"""Backprop through time against central finite differences, and the gradient facts the pages
teach (the cell path is multiplied by f at every step; dL/dh_{t-1} is a sum of four branches)."""

import math

import numpy as np
import pytest

from lstm_core import (
    VARIANTS,
    LSTMParams,
    RNNParams,
    lstm_backward,
    recurrent_branches,
    rnn_backward,
    run_lstm,
    run_rnn,
)

from fd_support import numerical_gradient, relative_error


def lstm_problem(variant, batch=None, inject_dc=False, seed=0, T=5, D=3, H=4):
    """Random parameters, inputs, initial state and loss weights; the loss is
    L = Σ_t w_t · h_t (+ Σ_t v_t · c_t), so dL/dh_t = w_t and dL/dc_t = v_t are injected."""
    rng = np.random.default_rng(seed)
    p = LSTMParams.init(D, H, seed=seed, scheme="gaussian", recurrent_scale=1.2, forget_bias=0.5)
    p.b[:] += rng.normal(0, 0.5, size=4 * H)
    lead = (T,) if batch is None else (T, batch)
    state = (H,) if batch is None else (batch, H)
    xs, h0, c0 = rng.normal(size=(*lead, D)), rng.normal(size=state), rng.normal(size=state)
    w = rng.normal(size=(*lead, H))
    v = rng.normal(size=(*lead, H)) if inject_dc else None

    def loss():
        tr = run_lstm(p, xs, h0, c0, variant=variant)
        return float(np.sum(w * tr.h) + (np.sum(v * tr.c) if inject_dc else 0.0))

    tr = run_lstm(p, xs, h0, c0, variant=variant)
    grads = lstm_backward(p, tr, w, v)
    arrays = {"W": p.W, "U": p.U, "b": p.b, "xs": xs, "h0": h0, "c0": c0}
    analytic = {
        "W": grads.params.W,
        "U": grads.params.U,
        "b": grads.params.b,
        "xs": grads.dx,
        "h0": grads.dh0,
        "c0": grads.dc0,
    }
    return loss, arrays, analytic, grads


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("inject_dc", [False, True], ids=["dh", "dh+dc"])
def test_lstm_gradients_match_finite_differences(variant, inject_dc):
    loss, arrays, analytic, _ = lstm_problem(variant, inject_dc=inject_dc)
    for name, a in arrays.items():
        err = relative_error(numerical_gradient(loss, a), analytic[name])
        assert err < 1e-6, f"{variant} d{name}: relative error {err:.2e}"


@pytest.mark.parametrize("variant", VARIANTS)
def test_batched_lstm_gradients_match_finite_differences(variant):
    loss, arrays, analytic, _ = lstm_problem(variant, batch=2, inject_dc=True, T=4, D=2, H=3)
    for name, a in arrays.items():
        err = relative_error(numerical_gradient(loss, a), analytic[name])
        assert err < 1e-6, f"{variant} d{name}: relative error {err:.2e}"


@pytest.mark.parametrize("variant", ["no_forget", "coupled"])
def test_ignored_forget_block_gets_exactly_zero_gradient(variant):
    _, _, analytic, grads = lstm_problem(variant)
    H = 4
    for name in ("W", "U", "b"):
        assert np.all(analytic[name][H : 2 * H] == 0.0), name
    assert np.all(grads.da[:, H : 2 * H] == 0.0)
    assert np.abs(analytic["W"][:H]).max() > 0  # the other blocks do learn


@pytest.mark.parametrize("batch", [None, 2])
def test_rnn_gradients_match_finite_differences(batch):
    rng = np.random.default_rng(1)
    T, D, H = 6, 2, 4
    q = RNNParams.init(D, H, seed=1, scheme="gaussian", recurrent_scale=1.1)
    q.b[:] = rng.normal(0, 0.3, size=H)
    lead = (T,) if batch is None else (T, batch)
    xs = rng.normal(size=(*lead, D))
    h0 = rng.normal(size=(H,) if batch is None else (batch, H))
    w = rng.normal(size=(*lead, H))

    def loss():
        return float(np.sum(w * run_rnn(q, xs, h0).h))

    grads = rnn_backward(q, run_rnn(q, xs, h0), w)
    pairs = {
        "W": (q.W, grads.params.W),
        "U": (q.U, grads.params.U),
        "b": (q.b, grads.params.b),
        "xs": (xs, grads.dx),
        "h0": (h0, grads.dh0),
    }
    for name, (a, analytic) in pairs.items():
        err = relative_error(numerical_gradient(loss, a), analytic)
        assert err < 1e-6, f"RNN d{name}: relative error {err:.2e}"


def test_gradient_shapes_follow_the_trace():
    *_, grads = lstm_problem("standard", batch=3, T=4, D=2, H=5)
    assert grads.dh.shape == grads.dc.shape == (4, 3, 5)
    assert grads.da.shape == (4, 3, 20) and grads.dx.shape == (4, 3, 2)
    assert grads.dh0.shape == grads.dc0.shape == (3, 5)
    assert grads.params.W.shape == (20, 2) and grads.params.U.shape == (20, 5)


def test_total_dh_is_injected_plus_what_arrives_from_the_future():
    rng = np.random.default_rng(0)
    p = LSTMParams.init(2, 3, seed=0)
    xs = rng.normal(size=(6, 2))
    dh = rng.normal(size=(6, 3))
    tr = run_lstm(p, xs)
    g = lstm_backward(p, tr, dh)
    assert np.array_equal(g.dh[-1], dh[-1])  # nothing arrives after the last step
    for t in range(1, 6):
        assert np.allclose(g.dh[t - 1], dh[t - 1] + g.da[t] @ p.U, rtol=1e-13, atol=1e-15)
    assert np.allclose(g.dh0, g.da[0] @ p.U, rtol=1e-13, atol=1e-15)


def test_recurrent_gradient_is_the_sum_of_four_gate_branches():
    rng = np.random.default_rng(2)
    p = LSTMParams.init(2, 3, seed=2)
    tr = run_lstm(p, rng.normal(size=(6, 2)))
    dh = rng.normal(size=(6, 3))
    g = lstm_backward(p, tr, dh)
    for t in range(1, 6):
        branches = recurrent_branches(p, g, t)
        assert list(branches) == ["i", "f", "g", "o"]
        H = 3
        for k, gate in enumerate("ifgo"):  # U_kᵀ da_k written out by hand
            U_k, da_k = p.U[k * H : (k + 1) * H], g.da[t, k * H : (k + 1) * H]
            assert np.allclose(branches[gate], U_k.T @ da_k, rtol=1e-13, atol=1e-15)
        total = sum(branches.values())
        assert np.allclose(total, g.dh[t - 1] - dh[t - 1], rtol=1e-12, atol=1e-14)
    assert np.allclose(sum(recurrent_branches(p, g, 0).values()), g.dh0, rtol=1e-12, atol=1e-14)
    with pytest.raises(ValueError, match="outside the sequence"):
        recurrent_branches(p, g, 6)


def test_cell_gradient_is_multiplied_by_f_at_every_step():
    # W = U = 0, f = 0.3 everywhere, o = 0 (so no path through h): dL/dc_t = 0.3^(T-1-t)·dL/dc_T
    T, H = 8, 2
    p = LSTMParams(np.zeros((4 * H, 1)), np.zeros((4 * H, H)), np.zeros(4 * H))
    p.block("f").b[:] = math.log(0.3 / 0.7)
    p.block("o").b[:] = -1000.0
    tr = run_lstm(p, np.ones((T, 1)), c0=[1.0, -1.0])
    dc = np.zeros((T, H))
    dc[-1] = [1.0, 2.0]
    g = lstm_backward(p, tr, np.zeros((T, H)), dc)
    for t in range(T):
        assert np.allclose(g.dc[t], 0.3 ** (T - 1 - t) * np.array([1.0, 2.0]), rtol=1e-12)
    assert np.allclose(g.dc0, 0.3**T * np.array([1.0, 2.0]), rtol=1e-12)


def test_without_forget_gate_the_cell_gradient_does_not_vanish():
    T, H = 50, 2
    p = LSTMParams(np.zeros((4 * H, 1)), np.zeros((4 * H, H)), np.zeros(4 * H))
    p.block("o").b[:] = -1000.0
    tr = run_lstm(p, np.ones((T, 1)), variant="no_forget")
    dc = np.zeros((T, H))
    dc[-1] = 1.0
    g = lstm_backward(p, tr, np.zeros((T, H)), dc)
    assert np.array_equal(g.dc0, [1.0, 1.0])  # multiplied by f = 1 fifty times


def test_rnn_gradient_vanishes_with_small_spectral_radius_and_grows_with_large():
    T, H = 40, 8
    xs = np.zeros((T, 1))
    norms = {}
    for radius in (0.5, 1.5):
        q = RNNParams.init(1, H, seed=0, scheme="gaussian", recurrent_scale=radius)
        tr = run_rnn(q, xs)  # h stays 0, where tanh' = 1: each step multiplies by Uᵀ alone
        dh = np.zeros((T, H))
        dh[-1] = 1.0
        norms[radius] = np.linalg.norm(rnn_backward(q, tr, dh).dh0)
    assert norms[0.5] < 1e-6 < 1e3 < norms[1.5]


def test_backward_rejects_mismatched_gradient_and_parameters():
    p = LSTMParams.init(2, 3, seed=0)
    tr = run_lstm(p, np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"dh has shape \(4, 2\); expected \(4, 3\)"):
        lstm_backward(p, tr, np.zeros((4, 2)))
    with pytest.raises(ValueError, match="dc contains"):
        lstm_backward(p, tr, np.zeros((4, 3)), np.full((4, 3), np.nan))
    with pytest.raises(ValueError, match="the trace has H=3, D=2 but the parameters have H=4"):
        lstm_backward(LSTMParams.init(2, 4), tr, np.zeros((4, 3)))
    q = RNNParams.init(2, 3)
    with pytest.raises(ValueError, match=r"dh has shape \(5, 3\); expected \(4, 3\)"):
        rnn_backward(q, run_rnn(q, np.zeros((4, 2))), np.zeros((5, 3)))


def test_per_step_clipping_rescales_the_total_gradient_before_it_travels_back():
    # h stays 0 (x = 0, b = 0), so tanh' = 1 and each step back multiplies by Uᵀ = 2·I:
    # the totals from the last step back are 1, 2, 4 in norm; θ = 3 cuts only the first step.
    q = RNNParams(np.zeros((2, 1)), 2.0 * np.eye(2), np.zeros(2))
    tr = run_rnn(q, np.zeros((3, 1)))
    dh = np.zeros((3, 2))
    dh[-1] = [0.6, -0.8]
    plain = rnn_backward(q, tr, dh)
    assert np.allclose(plain.dh, [[2.4, -3.2], [1.2, -1.6], [0.6, -0.8]], rtol=0, atol=1e-15)
    assert plain.cut is None
    clipped = rnn_backward(q, tr, dh, clip_per_step=3.0)
    assert np.allclose(clipped.dh, [[1.8, -2.4], [1.2, -1.6], [0.6, -0.8]], rtol=0, atol=1e-15)
    assert clipped.cut.tolist() == [True, False, False]
    assert np.allclose(clipped.dh0, [3.6, -4.8], rtol=0, atol=1e-15)  # Uᵀ times the cut one
    assert np.allclose(clipped.params.U, 0.0) and np.allclose(clipped.da, clipped.dh)
    for bad in (0.0, -1.0, np.nan):
        with pytest.raises(ValueError, match="clipping threshold must be a positive number"):
            rnn_backward(q, tr, dh, clip_per_step=bad)


def test_per_step_clipping_of_a_batch_clips_each_example_on_its_own():
    rng = np.random.default_rng(3)
    q = RNNParams.init(2, 4, seed=3, scheme="gaussian", recurrent_scale=1.6)
    xs, dh = rng.normal(size=(30, 3, 2)), rng.normal(size=(30, 3, 4))
    dh[:, 1] *= 0.01  # the second example stays below θ: nothing cut there
    tr = run_rnn(q, xs)
    g = rnn_backward(q, tr, dh, clip_per_step=2.0)
    assert g.cut.shape == (30, 3) and g.cut[:, 0].any() and not g.cut[:, 1].any()
    for k in range(3):
        one = rnn_backward(q, run_rnn(q, xs[:, k]), dh[:, k], clip_per_step=2.0)
        assert np.allclose(g.dh[:, k], one.dh, rtol=1e-13, atol=1e-15)
        assert np.array_equal(g.cut[:, k], one.cut)
    assert np.all(np.linalg.norm(g.dh, axis=2) <= 2.0 * (1 + 1e-12))
