"""The LSTM variants (peephole, no input/output gate, no input/output activation, and the classic
no_forget/coupled): each removed part really is constant, the peephole weights are parameters
with their own gradient, and every variant's backprop matches finite differences."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lstm_core import (
    CLASSIC_VARIANTS,
    VARIANTS,
    LSTMParams,
    LSTMTrace,
    gates_used,
    lstm_backward,
    lstm_step,
    run_lstm,
)

from fd_support import numerical_gradient, relative_error

CLOSE = {"rtol": 1e-12, "atol": 1e-14}
NEW_VARIANTS = (
    "peephole",
    "no_input_gate",
    "no_output_gate",
    "no_input_activation",
    "no_output_activation",
)


def sig(z):
    """σ from its definition, independent of the code under test."""
    return 1.0 / (1.0 + math.exp(-z))


def random_params(D, H, seed):
    """Parameters with nonzero peepholes and biases that keep the gates away from 0.5."""
    rng = np.random.default_rng(seed + 100)
    p = LSTMParams.init(D, H, seed=seed, scheme="gaussian", recurrent_scale=1.2, peepholes=True)
    p.b[:] += rng.normal(0, 0.5, size=4 * H)
    p.peephole[:] *= 2.0  # ±1/√H is small: make the peephole terms matter in the test
    return p


# --- the catalogue --------------------------------------------------------------------------------


def test_variants_are_the_classic_three_then_the_new_five():
    assert CLASSIC_VARIANTS == ("standard", "no_forget", "coupled")
    assert VARIANTS == CLASSIC_VARIANTS + NEW_VARIANTS


@pytest.mark.parametrize("variant", VARIANTS)
def test_gates_used_are_the_blocks_that_get_a_gradient(variant):
    *_, grads = problem(variant)
    H = 4
    learning = tuple(
        gate for k, gate in enumerate("ifgo") if np.any(grads.params.W[k * H : (k + 1) * H])
    )
    assert gates_used(variant) == learning
    with pytest.raises(ValueError, match="unknown variant"):
        gates_used("vanilla")


# --- each removed part is constant ----------------------------------------------------------------


@pytest.fixture
def loud():
    """Weights large enough that a gate that were still computed would be far from 1."""
    rng = np.random.default_rng(7)
    D, H, B = 2, 3, 4
    p = LSTMParams(
        rng.normal(0, 3, (4 * H, D)),
        rng.normal(0, 3, (4 * H, H)),
        rng.normal(0, 3, 4 * H),
        rng.normal(0, 3, (3, H)),
    )
    xs = rng.normal(0, 2, (6, B, D))
    h0, c0 = rng.normal(size=(B, H)), rng.normal(size=(B, H))
    return p, xs, h0, c0


def test_no_input_gate_writes_all_of_g(loud):
    p, xs, h0, c0 = loud
    tr = run_lstm(p, xs, h0, c0, variant="no_input_gate")
    assert np.array_equal(tr.i, np.ones_like(tr.i))
    c_prev = np.concatenate([c0[None], tr.c[:-1]])
    assert np.allclose(tr.c, tr.f * c_prev + tr.g, **CLOSE)  # c_t = f ⊙ c_{t-1} + 1 ⊙ g


def test_no_output_gate_shows_all_of_tanh_c(loud):
    p, xs, h0, c0 = loud
    tr = run_lstm(p, xs, h0, c0, variant="no_output_gate")
    assert np.array_equal(tr.o, np.ones_like(tr.o))
    assert np.array_equal(tr.h, np.tanh(tr.c))  # h_t = tanh(c_t)


def test_no_forget_keeps_f_at_one(loud):
    p, xs, h0, c0 = loud
    tr = run_lstm(p, xs, h0, c0, variant="no_forget")
    assert np.array_equal(tr.f, np.ones_like(tr.f))


def test_no_input_activation_writes_the_raw_pre_activation(loud):
    p, xs, h0, c0 = loud
    tr = run_lstm(p, xs, h0, c0, variant="no_input_activation")
    H = p.hidden_size
    h_prev = np.concatenate([h0[None], tr.h[:-1]])
    a_g = xs @ p.block("g").W.T + h_prev @ p.block("g").U.T + p.block("g").b
    assert np.allclose(tr.g, a_g, **CLOSE)  # g_t = W_g x_t + U_g h_{t-1} + b_g, no tanh
    assert np.abs(tr.g).max() > 1.5  # so a tanh would have changed it
    assert tr.g.shape == tr.c.shape == (6, 4, H)


def test_no_output_activation_shows_the_cell_state_itself(loud):
    p, xs, h0, c0 = loud
    tr = run_lstm(p, xs, h0, c0, variant="no_output_activation")
    assert np.array_equal(tr.tanh_c, tr.c)  # the wire into o ⊙ · carries c_t
    assert np.array_equal(tr.h, tr.o * tr.c)  # h_t = o_t ⊙ c_t
    assert np.abs(tr.h - tr.o * np.tanh(tr.c)).max() > 1e-2  # a tanh would have changed it


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_trace_keeps_the_two_state_equations(loud, variant):
    # What the trace holds for a removed part is the value on its wire, so the cell-state and
    # output equations read the same for every variant (pages draw them from the trace).
    p, xs, h0, c0 = loud
    tr = run_lstm(p, xs, h0, c0, variant=variant)
    c_prev = np.concatenate([c0[None], tr.c[:-1]])
    assert np.allclose(tr.c, tr.f * c_prev + tr.i * tr.g, **CLOSE)
    assert np.allclose(tr.h, tr.o * tr.tanh_c, **CLOSE)


def test_a_hand_made_trace_derives_what_o_multiplies_for_its_variant():
    c = np.array([[2.0, -3.0]])
    ones = np.ones((1, 2))
    common = {"i": ones, "f": ones, "g": ones, "o": ones, "c": c, "h": c}
    extra = {"h0": np.zeros(2), "c0": np.zeros(2), "xs": np.zeros((1, 1))}
    plain = LSTMTrace(**common, **extra)
    raw = LSTMTrace(**common, **extra, variant="no_output_activation")
    assert np.array_equal(plain.tanh_c, np.tanh(c))
    assert np.array_equal(raw.tanh_c, c)


# --- the peephole cell ----------------------------------------------------------------------------


def test_peephole_step_matches_hand_arithmetic_and_o_sees_the_new_cell_state():
    # D = 1, H = 1; rows of W, U, b in the order i, f, g, o; peepholes p_i, p_f, p_o.
    W, U, b = [[1.0], [0.5], [-1.0], [2.0]], [[0.0], [1.0], [0.5], [-1.0]], [0.0, 1.0, 0.5, -0.5]
    P = [[0.5], [-1.0], [2.0]]
    x, h_prev, c_prev = [1.0], [0.4], [-0.8]
    # a_i = 1·1 + 0·0.4 + 0 + 0.5·(-0.8)     = 0.6
    # a_f = 0.5·1 + 1·0.4 + 1 + (-1)·(-0.8)  = 2.7
    # a_g = -1·1 + 0.5·0.4 + 0.5             = -0.3
    i, f, g = sig(0.6), sig(2.7), math.tanh(-0.3)
    c = f * -0.8 + i * g
    a_o = 2.0 * 1 + (-1.0) * 0.4 - 0.5 + 2.0 * c  # p_o multiplies the NEW c_t
    o = sig(a_o)
    s = lstm_step(LSTMParams(W, U, b, P), x, h_prev, c_prev, variant="peephole")
    assert np.allclose(s.a, [0.6, 2.7, -0.3, a_o], rtol=0, atol=1e-15)
    for name, expected in {"i": i, "f": f, "g": g, "o": o, "c": c}.items():
        assert np.allclose(getattr(s, name), [expected], rtol=0, atol=1e-15), name
    assert np.allclose(s.h, [o * math.tanh(c)], rtol=0, atol=1e-15)
    # the standard cell on the same weights ignores the peepholes
    plain = lstm_step(LSTMParams(W, U, b, P), x, h_prev, c_prev)
    assert np.allclose(plain.a, [1.0, 1.9, -0.3, 1.1], rtol=0, atol=1e-15)


@pytest.mark.parametrize("batch", [None, 3])
def test_peephole_with_zero_weights_is_the_standard_cell(batch):
    rng = np.random.default_rng(5)
    p = LSTMParams.init(2, 4, seed=5)  # peepholes are zeros by default
    assert np.array_equal(p.peephole, np.zeros((3, 4)))
    lead = (7,) if batch is None else (7, batch)
    state = (4,) if batch is None else (batch, 4)
    xs, h0, c0 = rng.normal(size=(*lead, 2)), rng.normal(size=state), rng.normal(size=state)
    dh, dc = rng.normal(size=(*lead, 4)), rng.normal(size=(*lead, 4))
    std = run_lstm(p, xs, h0, c0)
    peep = run_lstm(p, xs, h0, c0, variant="peephole")
    for name in ("i", "f", "g", "o", "c", "h", "tanh_c"):
        assert np.array_equal(getattr(std, name), getattr(peep, name)), name
    g_std, g_peep = lstm_backward(p, std, dh, dc), lstm_backward(p, peep, dh, dc)
    for name in ("dh", "dc", "da", "dx", "dh0", "dc0"):
        assert np.array_equal(getattr(g_std, name), getattr(g_peep, name)), name
    for name in ("W", "U", "b"):
        assert np.array_equal(getattr(g_std.params, name), getattr(g_peep.params, name)), name
    assert np.array_equal(g_std.params.peephole, np.zeros((3, 4)))
    assert np.abs(g_peep.params.peephole).max() > 0  # zero weights still have a gradient


def test_peephole_variant_changes_the_run_when_the_weights_are_not_zero():
    p = random_params(2, 3, seed=1)
    xs = np.random.default_rng(1).normal(size=(5, 2))
    assert np.abs(run_lstm(p, xs).h - run_lstm(p, xs, variant="peephole").h).max() > 1e-3


# --- gradients ------------------------------------------------------------------------------------


def problem(variant, batch=None, seed=0, T=5, D=3, H=4):
    """Random parameters (nonzero peepholes), inputs, state and the loss L = Σ w·h + Σ v·c."""
    rng = np.random.default_rng(seed)
    p = random_params(D, H, seed)
    lead = (T,) if batch is None else (T, batch)
    state = (H,) if batch is None else (batch, H)
    xs, h0, c0 = rng.normal(size=(*lead, D)), rng.normal(size=state), rng.normal(size=state)
    w, v = rng.normal(size=(*lead, H)), rng.normal(size=(*lead, H))

    def loss():
        tr = run_lstm(p, xs, h0, c0, variant=variant)
        return float(np.sum(w * tr.h) + np.sum(v * tr.c))

    grads = lstm_backward(p, run_lstm(p, xs, h0, c0, variant=variant), w, v)
    arrays = {
        "W": p.W,
        "U": p.U,
        "b": p.b,
        "peephole": p.peephole,
        "xs": xs,
        "h0": h0,
        "c0": c0,
    }
    analytic = {
        "W": grads.params.W,
        "U": grads.params.U,
        "b": grads.params.b,
        "peephole": grads.params.peephole,
        "xs": grads.dx,
        "h0": grads.dh0,
        "c0": grads.dc0,
    }
    return loss, arrays, analytic, grads


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("batch", [None, 2], ids=["single", "batched"])
def test_every_variant_matches_finite_differences(variant, batch):
    loss, arrays, analytic, _ = problem(variant, batch=batch)
    for name, a in arrays.items():
        err = relative_error(numerical_gradient(loss, a), analytic[name])
        assert err < 1e-6, f"{variant} d{name}: relative error {err:.2e}"


@pytest.mark.parametrize(
    ("variant", "unused"),
    [
        ("no_input_gate", "i"),
        ("no_output_gate", "o"),
        ("no_forget", "f"),
        ("coupled", "f"),
    ],
)
def test_a_removed_gate_gets_exactly_zero_gradient(variant, unused):
    *_, grads = problem(variant)
    H = 4
    k = "ifgo".index(unused)
    rows = slice(k * H, (k + 1) * H)
    for name in ("W", "U", "b"):
        assert np.all(getattr(grads.params, name)[rows] == 0.0), name
    assert np.all(grads.da[:, rows] == 0.0)
    others = [r for r in range(4 * H) if not rows.start <= r < rows.stop]
    assert np.abs(grads.params.W[others]).max() > 0  # the other blocks do learn


@pytest.mark.parametrize("variant", [v for v in VARIANTS if v != "peephole"])
def test_only_the_peephole_variant_has_a_peephole_gradient(variant):
    *_, grads = problem(variant)
    assert np.array_equal(grads.params.peephole, np.zeros((3, 4)))


def test_backward_of_each_variant_is_its_own():
    # The same weights and inputs: each variant's gradient differs from the standard one.
    base = problem("standard")[2]
    for variant in VARIANTS[1:]:
        other = problem(variant)[2]
        assert np.abs(other["W"] - base["W"]).max() > 1e-6, variant


# --- batches and the step loop --------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    T=st.integers(1, 5),
    B=st.integers(1, 4),
    D=st.integers(1, 4),
    H=st.integers(1, 4),
    seed=st.integers(0, 2**16),
    variant=st.sampled_from(VARIANTS),
)
def test_batched_run_equals_per_example_runs_forward_and_backward(T, B, D, H, seed, variant):
    rng = np.random.default_rng(seed)
    p = random_params(D, H, seed)
    xs, h0, c0 = rng.normal(size=(T, B, D)), rng.normal(size=(B, H)), rng.normal(size=(B, H))
    dh, dc = rng.normal(size=(T, B, H)), rng.normal(size=(T, B, H))
    tr = run_lstm(p, xs, h0, c0, variant=variant)
    g = lstm_backward(p, tr, dh, dc)
    sums = {name: np.zeros_like(getattr(g.params, name)) for name in ("W", "U", "b", "peephole")}
    for k in range(B):
        one = run_lstm(p, xs[:, k], h0[k], c0[k], variant=variant)
        gk = lstm_backward(p, one, dh[:, k], dc[:, k])
        for name in ("i", "f", "g", "o", "c", "h", "tanh_c"):
            assert np.allclose(getattr(tr, name)[:, k], getattr(one, name), **CLOSE), name
        for name in ("dh", "dc", "dx", "da"):
            assert np.allclose(getattr(g, name)[:, k], getattr(gk, name), **CLOSE), name
        assert np.allclose(g.dh0[k], gk.dh0, **CLOSE) and np.allclose(g.dc0[k], gk.dc0, **CLOSE)
        for name in sums:
            sums[name] += getattr(gk.params, name)
    for name, total in sums.items():  # the batch's weight gradient is the sum over examples
        assert np.allclose(getattr(g.params, name), total, rtol=1e-11, atol=1e-13), name


@settings(max_examples=40, deadline=None)
@given(
    T=st.integers(1, 6),
    batch=st.sampled_from([None, 1, 3]),
    seed=st.integers(0, 2**16),
    variant=st.sampled_from(VARIANTS),
)
def test_step_loop_equals_sequence_run(T, batch, seed, variant):
    rng = np.random.default_rng(seed)
    D, H = 2, 3
    p = random_params(D, H, seed)
    lead = (T,) if batch is None else (T, batch)
    state = (H,) if batch is None else (batch, H)
    xs, h, c = rng.normal(size=(*lead, D)), rng.normal(size=state), rng.normal(size=state)
    tr = run_lstm(p, xs, h, c, variant=variant)
    for t in range(T):
        s = lstm_step(p, xs[t], h, c, variant=variant)
        for name in ("i", "f", "g", "o", "c", "h", "tanh_c"):
            assert np.allclose(getattr(s, name), getattr(tr, name)[t], **CLOSE), (t, name)
        h, c = s.h, s.c


@pytest.mark.parametrize("variant", VARIANTS)
def test_step_pre_activations_give_the_gates(variant):
    # a holds what enters σ (peephole terms included), so i = σ(a_i) wherever i is a gate.
    p = random_params(2, 3, seed=4)
    rng = np.random.default_rng(4)
    s = lstm_step(p, rng.normal(size=2), rng.normal(size=3), rng.normal(size=3), variant=variant)
    a_i, a_f, a_g, a_o = np.split(s.a, 4)
    sigma = np.vectorize(sig)
    if variant != "no_input_gate":
        assert np.allclose(s.i, sigma(a_i), rtol=1e-13, atol=1e-15)
    if variant not in ("no_forget", "coupled"):
        assert np.allclose(s.f, sigma(a_f), rtol=1e-13, atol=1e-15)
    if variant != "no_output_gate":
        assert np.allclose(s.o, sigma(a_o), rtol=1e-13, atol=1e-15)
    expected_g = a_g if variant == "no_input_activation" else np.tanh(a_g)
    assert np.allclose(s.g, expected_g, rtol=1e-13, atol=1e-15)


# --- numerical safety -----------------------------------------------------------------------------


def test_a_cell_state_beyond_float64_is_a_clear_error():
    # Without the candidate's tanh, g_t = a_g ≈ 1e308 is written twice: c leaves float64.
    H = 1
    p = LSTMParams(np.zeros((4, 1)), np.zeros((4, 1)), np.zeros(4))
    p.block("g").b[:] = 1e308
    p.block("i").b[:] = 1000.0  # i = 1
    p.block("f").b[:] = 1000.0  # f = 1
    with pytest.raises(ValueError, match="the cell state overflowed float64"):
        run_lstm(p, np.zeros((3, 1)), variant="no_input_activation")
    with pytest.raises(ValueError, match="the cell state overflowed float64"):
        lstm_step(p, [0.0], [0.0] * H, [1e308], variant="no_input_activation")
    run_lstm(p, np.zeros((3, 1)))  # with the tanh, g = 1 and nothing overflows


# --- the peephole weights as parameters -----------------------------------------------------------


def test_peephole_weights_default_to_zeros_and_are_checked_like_the_others():
    p = LSTMParams(np.zeros((8, 1)), np.zeros((8, 2)), np.zeros(8))
    assert p.peephole.shape == (3, 2) and p.peephole.dtype == np.float64
    assert not p.peephole.any()
    with pytest.raises(
        ValueError, match=r"peephole has shape \(2, 2\); expected \(3, 2\) = \(3, H\)"
    ):
        LSTMParams(np.zeros((8, 1)), np.zeros((8, 2)), np.zeros(8), np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"peephole has shape \(6,\); expected \(3, 2\)"):
        LSTMParams(np.zeros((8, 1)), np.zeros((8, 2)), np.zeros(8), np.zeros(6))
    with pytest.raises(ValueError, match="peephole is not a numeric array"):
        LSTMParams(np.zeros((8, 1)), np.zeros((8, 2)), np.zeros(8), [["a"] * 2] * 3)
    bad = LSTMParams(np.zeros((8, 1)), np.zeros((8, 2)), np.zeros(8), [[0, 0], [np.nan, 0], [0, 0]])
    with pytest.raises(ValueError, match=r"peephole contains 1 non-finite value\(s\)"):
        run_lstm(bad, np.zeros((2, 1)), variant="peephole")


def test_init_draws_peepholes_only_when_asked_and_keeps_the_other_weights():
    plain = LSTMParams.init(3, 5, seed=9)
    peep = LSTMParams.init(3, 5, seed=9, peepholes=True)
    again = LSTMParams.init(3, 5, seed=9, peepholes=True)
    for name in ("W", "U", "b"):
        assert np.array_equal(getattr(plain, name), getattr(peep, name)), name
    assert not plain.peephole.any()
    assert np.array_equal(peep.peephole, again.peephole)  # seeded
    assert 0 < np.abs(peep.peephole).max() <= 1 / math.sqrt(5)  # uniform in ±1/√H
    assert not np.array_equal(
        peep.peephole, LSTMParams.init(3, 5, seed=10, peepholes=True).peephole
    )
    for scheme in ("keras", "gaussian"):
        k = LSTMParams.init(3, 5, seed=9, scheme=scheme, peepholes=True)
        assert 0 < np.abs(k.peephole).max() <= 1 / math.sqrt(5), scheme


def test_copy_and_with_block_keep_the_peepholes_in_new_arrays():
    p = LSTMParams.init(2, 3, seed=0, peepholes=True)
    q = p.copy()
    assert np.array_equal(q.peephole, p.peephole) and q.peephole is not p.peephole
    q.peephole[0, 0] = 5.0
    assert p.peephole[0, 0] != 5.0
    r = p.with_block("f", b=2.0)
    assert np.array_equal(r.peephole, p.peephole) and r.peephole is not p.peephole


def test_torch_and_keras_layouts_have_no_peepholes():
    p = LSTMParams.init(2, 3, seed=0)
    back = LSTMParams.from_torch(p.to_torch())
    assert np.array_equal(back.peephole, np.zeros((3, 3)))
    assert np.array_equal(LSTMParams.from_keras(*p.to_keras()).peephole, np.zeros((3, 3)))
    peep = LSTMParams.init(2, 3, seed=0, peepholes=True)
    with pytest.raises(ValueError, match=r"PyTorch's nn\.LSTM has no peephole weights"):
        peep.to_torch()
    with pytest.raises(ValueError, match="Keras' LSTM has no peephole weights"):
        peep.to_keras()
    peep.peephole[:] = 0.0  # zeros export: the peephole cell is then the standard one
    assert np.array_equal(peep.to_torch()["weight_ih_l0"], p.W)
