"""Single steps of the LSTM and RNN cells, checked against numbers worked out by hand, plus the
variants and numerical safety (no overflow, no warnings, clear errors)."""

import math
import warnings

import numpy as np
import pytest

from lstm_core import (
    VARIANTS,
    LSTMParams,
    RNNParams,
    lstm_backward,
    lstm_step,
    rnn_backward,
    rnn_step,
    run_lstm,
    run_rnn,
    sigmoid,
)
from lstm_core.validation import check_no_overflow


def sig(z):
    """σ from its definition, for the hand calculations (independent of the code under test)."""
    return 1.0 / (1.0 + math.exp(-z))


def zero_lstm(D, H):
    return LSTMParams(np.zeros((4 * H, D)), np.zeros((4 * H, H)), np.zeros(4 * H))


def test_all_zero_weights_give_half_open_gates_and_half_the_memory():
    p = zero_lstm(D=2, H=3)
    c_prev = np.array([1.0, -2.0, 0.5])
    s = lstm_step(p, x=[0.3, -7.0], h=[0.2, 0.1, -0.4], c=c_prev)
    # every pre-activation is 0: σ(0) = 0.5, tanh(0) = 0
    assert np.array_equal(s.i, [0.5] * 3) and np.array_equal(s.f, [0.5] * 3)
    assert np.array_equal(s.o, [0.5] * 3) and np.array_equal(s.g, [0.0] * 3)
    assert np.array_equal(s.c, 0.5 * c_prev)  # c = 0.5·c_prev + 0.5·0
    assert np.allclose(s.h, 0.5 * np.tanh(0.5 * c_prev), rtol=0, atol=1e-15)


def test_one_step_with_small_integer_weights_matches_hand_arithmetic():
    # D = 2, H = 1; rows of W, U, b in the order i, f, g, o.
    W = [[1, 0], [2, 1], [-1, 1], [0, -2]]
    U = [[0], [1], [2], [-1]]
    b = [0, -1, 2, 2]
    x, h_prev, c_prev = [1.0, -1.0], [0.5], [-1.0]
    # a_i = 1·1 + 0·(-1)  + 0·0.5    + 0  = 1
    # a_f = 2·1 + 1·(-1)  + 1·0.5    - 1  = 0.5
    # a_g = -1·1 + 1·(-1) + 2·0.5    + 2  = 1
    # a_o = 0·1 + (-2)(-1) + (-1)·0.5 + 2 = 3.5
    i, f, g, o = sig(1.0), sig(0.5), math.tanh(1.0), sig(3.5)
    c = f * -1.0 + i * g  # c = f·c_prev + i·g
    h = o * math.tanh(c)  # h uses tanh of the NEW cell state
    s = lstm_step(LSTMParams(W, U, b), x, h_prev, c_prev)
    assert np.allclose(s.a, [1.0, 0.5, 1.0, 3.5], rtol=0, atol=1e-15)
    for name, expected in {"i": i, "f": f, "g": g, "o": o, "c": c, "h": h}.items():
        assert getattr(s, name) == pytest.approx([expected], rel=1e-14), name
    assert s.tanh_c == pytest.approx([math.tanh(c)], rel=1e-14)


def test_forget_gate_of_0_3_keeps_30_percent():
    H = 3
    p = zero_lstm(D=1, H=H)
    p.block("f").b[:] = math.log(0.3 / 0.7)  # logit(0.3): f = 0.3
    p.block("i").b[:] = -1000.0  # i = σ(-1000) = 0: nothing new is written
    c_prev = np.array([2.0, -1.0, 0.5])
    s = lstm_step(p, [4.0], np.zeros(H), c_prev)
    assert s.f == pytest.approx([0.3] * 3, abs=1e-15)  # not rounded to 0 or 1
    assert np.array_equal(s.i, np.zeros(H))
    assert np.allclose(s.c, 0.3 * c_prev, rtol=0, atol=1e-12)


def test_cell_state_stays_h_numbers_at_every_step():
    p = LSTMParams.init(2, 5, seed=0)
    tr = run_lstm(p, np.ones((9, 2)))
    assert tr.c.shape == (9, 5) and tr.h.shape == (9, 5)


def test_rnn_step_matches_hand_arithmetic():
    # a = W x + U h + b = 2·1 + (-1)·0.5 + 0.5 = 2
    s = rnn_step(RNNParams([[2.0]], [[-1.0]], [0.5]), [1.0], [0.5])
    assert s.a == pytest.approx([2.0], abs=1e-15)
    assert s.h == pytest.approx([math.tanh(2.0)], rel=1e-15)


def test_step_defaults_to_zero_state():
    p = LSTMParams.init(2, 3, seed=0)
    a, b = lstm_step(p, [1.0, 2.0]), lstm_step(p, [1.0, 2.0], np.zeros(3), np.zeros(3))
    assert np.array_equal(a.h, b.h) and np.array_equal(a.c, b.c)


# --- variants -------------------------------------------------------------------------------------


def test_no_forget_variant_keeps_all_memory_and_ignores_forget_weights():
    p = LSTMParams.init(2, 3, seed=0)
    c_prev = np.array([1.0, -2.0, 3.0])
    s = lstm_step(p, [0.5, -0.5], [0.1, 0.2, 0.3], c_prev, variant="no_forget")
    assert np.array_equal(s.f, np.ones(3))
    assert np.allclose(s.c, c_prev + s.i * s.g, rtol=0, atol=1e-15)  # c = c_prev + i·g
    q = p.with_block("f", W=np.full((3, 2), 9.0), U=np.full((3, 3), -9.0), b=5.0)
    t = lstm_step(q, [0.5, -0.5], [0.1, 0.2, 0.3], c_prev, variant="no_forget")
    assert np.array_equal(s.c, t.c) and np.array_equal(s.h, t.h)


def test_coupled_variant_forgets_what_it_writes():
    p = LSTMParams.init(2, 3, seed=1)
    c_prev = np.array([1.0, -2.0, 3.0])
    s = lstm_step(p, [0.5, -0.5], [0.1, 0.2, 0.3], c_prev, variant="coupled")
    assert np.allclose(s.f, 1.0 - s.i, rtol=0, atol=1e-15)
    assert np.allclose(s.c, (1 - s.i) * c_prev + s.i * s.g, rtol=0, atol=1e-15)
    q = p.with_block("f", b=50.0)
    t = lstm_step(q, [0.5, -0.5], [0.1, 0.2, 0.3], c_prev, variant="coupled")
    assert np.array_equal(s.c, t.c)


def test_unknown_variant_is_rejected():
    p = LSTMParams.init(1, 2, seed=0)
    with pytest.raises(ValueError, match="unknown variant 'vanilla'; expected one of standard"):
        lstm_step(p, [0.0], variant="vanilla")
    with pytest.raises(ValueError, match="unknown variant"):
        run_lstm(p, np.zeros((3, 1)), variant="gru")


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("batch", [None, 3])
def test_run_equals_repeated_steps(variant, batch):
    rng = np.random.default_rng(0)
    p = LSTMParams.init(2, 4, seed=3, forget_bias=0.5)
    state = (4,) if batch is None else (batch, 4)
    xs = rng.normal(size=(6, 2) if batch is None else (6, batch, 2))
    h, c = rng.normal(size=state), rng.normal(size=state)
    tr = run_lstm(p, xs, h, c, variant=variant)
    for t in range(6):
        s = lstm_step(p, xs[t], h, c, variant=variant)
        for name in ("i", "f", "g", "o", "c", "h", "tanh_c"):
            assert np.allclose(getattr(tr, name)[t], getattr(s, name), rtol=1e-13, atol=1e-15)
        h, c = s.h, s.c


def test_rnn_run_equals_repeated_steps():
    rng = np.random.default_rng(0)
    q = RNNParams.init(2, 4, seed=3)
    xs, h = rng.normal(size=(5, 3, 2)), rng.normal(size=(3, 4))
    tr = run_rnn(q, xs, h)
    for t in range(5):
        h = rnn_step(q, xs[t], h).h
        assert np.allclose(tr.h[t], h, rtol=1e-13, atol=1e-15)


# --- numerical safety -----------------------------------------------------------------------------


def test_sigmoid_of_huge_values_is_exact_without_warnings():
    z = np.array([-1e300, -800.0, 0.0, 800.0, 1e300])
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        s = sigmoid(z)
        out = np.empty(5)
        sigmoid(z, out=out)
    assert np.array_equal(s, [0.0, 0.0, 0.5, 1.0, 1.0]) and np.array_equal(out, s)
    assert sigmoid(np.array([-30.0]))[0] == pytest.approx(1 / (1 + math.exp(30)), rel=1e-12)


@pytest.mark.parametrize("where", ["inputs", "biases", "recurrent"])
def test_huge_pre_activations_give_finite_outputs_and_no_warnings(where):
    rng = np.random.default_rng(0)
    p = LSTMParams.init(2, 3, seed=0)
    xs = rng.normal(size=(5, 2))
    if where == "inputs":
        xs = np.where(xs > 0, 1e300, -1e300)
    elif where == "biases":
        p.b[:] = np.where(rng.normal(size=12) > 0, 1e300, -1e300)
    else:
        p.U[:] = np.where(rng.normal(size=(12, 3)) > 0, 1e300, -1e300)
    q = RNNParams(p.W[:3], p.U[:3], p.b[:3])
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        tr = run_lstm(p, xs, h0=[0.9, -0.9, 0.5], c0=[1e300, -1e300, 0.0])
        gr = lstm_backward(p, tr, np.ones((5, 3)))
        s = lstm_step(p, xs[0], [0.9, -0.9, 0.5], [1.0, 2.0, 3.0])
        rtr = run_rnn(q, xs, h0=[0.9, -0.9, 0.5])
        rgr = rnn_backward(q, rtr, np.ones((5, 3)))
    for a in (tr.i, tr.f, tr.g, tr.o, tr.h, s.h, s.c, rtr.h, gr.dh, gr.params.U, rgr.params.U):
        assert np.isfinite(a).all()
    if where != "recurrent":  # every gate saturated to exactly 0 or 1 (not NaN)
        assert np.all((tr.i == 0) | (tr.i == 1)) and np.all((tr.o == 0) | (tr.o == 1))


@pytest.mark.parametrize("signs", [[1, 1], [1, -1]])
def test_inputs_times_weights_beyond_float64_give_a_clear_error(signs):
    # 1e300·1e300 = 1e600 does not fit in float64 (and 1e600 - 1e600 could come out as nan)
    p = LSTMParams(np.full((4, 2), 1e300) * signs, np.zeros((4, 1)), np.zeros(4))
    q = RNNParams(p.W[:1], p.U[:1], p.b[:1])
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        for run in (
            lambda: run_lstm(p, np.full((3, 2), 1e300)),
            lambda: lstm_step(p, [1e300, 1e300]),
            lambda: run_rnn(q, np.full((3, 2), 1e300)),
            lambda: rnn_step(q, [1e300, 1e300]),
        ):
            with pytest.raises(ValueError, match="overflowed float64"):
                run()


def test_a_nan_state_is_reported_as_overflow():
    with pytest.raises(ValueError, match="overflowed float64"):
        check_no_overflow(np.array([[0.5, np.nan]]))
    check_no_overflow(np.array([[1.0, -1.0]]))  # saturated values are fine


@pytest.mark.parametrize("H", [4, 8])
def test_recurrent_products_beyond_float64_never_give_a_silent_nan(H):
    # U h sums +1e600 and -1e600 terms: inf - inf = nan, or ±inf where the BLAS kernel fuses
    # multiply and add (then σ and tanh saturate). Either way no nan reaches the caller.
    U = np.tile(np.where(np.arange(H) < H // 2, 1e300, -1e300), (4 * H, 1))
    p = LSTMParams(np.zeros((4 * H, 1)), U, np.zeros(4 * H))
    q = RNNParams(np.zeros((H, 1)), U[:H], np.zeros(H))
    h0 = np.full(H, 1e300)
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        for run in (
            lambda: run_lstm(p, np.zeros((3, 1)), h0=h0).h,
            lambda: lstm_step(p, [0.0], h0).h,
            lambda: run_rnn(q, np.zeros((3, 1)), h0=h0).h,
            lambda: rnn_step(q, [0.0], h0).h,
        ):
            try:
                h = run()
            except ValueError as error:
                assert "overflowed float64" in str(error)
            else:
                assert np.isfinite(h).all()


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_inputs_and_states_are_rejected(bad):
    p = LSTMParams.init(2, 3, seed=0)
    xs = np.zeros((4, 2))
    xs[2, 1] = bad
    with pytest.raises(ValueError, match=r"xs contains 1 non-finite value\(s\).*\(2, 1\)"):
        run_lstm(p, xs)
    with pytest.raises(ValueError, match="h0 contains"):
        run_lstm(p, np.zeros((4, 2)), h0=[0.0, bad, 0.0])
    with pytest.raises(ValueError, match="c0 contains"):
        run_lstm(p, np.zeros((4, 2)), c0=[0.0, bad, 0.0])
    with pytest.raises(ValueError, match="x contains"):
        lstm_step(p, [bad, 0.0])
    with pytest.raises(ValueError, match="c contains"):
        lstm_step(p, [0.0, 0.0], c=[bad, 0.0, 0.0])
    with pytest.raises(ValueError, match="h contains"):
        rnn_step(RNNParams.init(2, 3), [0.0, 0.0], [bad, 0.0, 0.0])


def test_wrong_input_shapes_name_expected_and_actual():
    p = LSTMParams.init(2, 3, seed=0)
    with pytest.raises(
        ValueError, match=r"xs has shape \(4, 3\); expected \(T, D\) or \(T, B, D\) for D=2"
    ):
        run_lstm(p, np.zeros((4, 3)))
    with pytest.raises(ValueError, match=r"xs\[:, None\]"):
        run_lstm(LSTMParams.init(1, 3), np.zeros(4))
    with pytest.raises(ValueError, match=r"h0 has shape \(3,\); expected \(5, 3\) = \(B, H\)"):
        run_lstm(p, np.zeros((4, 5, 2)), h0=np.zeros(3))
    with pytest.raises(ValueError, match=r"c has shape \(2,\); expected \(3,\) = \(H,\) for H=3"):
        lstm_step(p, [0.0, 0.0], np.zeros(3), np.zeros(2))
    with pytest.raises(ValueError, match=r"x has shape \(3,\); expected \(D,\) or \(B, D\)"):
        lstm_step(p, [0.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="xs has shape"):
        run_rnn(RNNParams.init(2, 3), np.zeros((0, 2)))
