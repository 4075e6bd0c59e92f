"""The GRU: steps worked out by hand, backprop against finite differences and against PyTorch's
own numbers (a fixture, so torch is not needed here), the PyTorch and Keras layouts, batches, and
clear errors for bad input."""

import math
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lstm_core import (
    GRU_GATES,
    GRU_SCHEMES,
    GRUParams,
    gru_backward,
    gru_step,
    run_gru,
)

from fd_support import numerical_gradient, relative_error

REFERENCE = Path(__file__).parent / "fixtures" / "gru_torch_reference.npz"
TORCH_KEYS = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
ARRAYS = ("W", "U", "b_ih", "b_hh")
RESET_AFTER = pytest.mark.parametrize("reset_after", [True, False], ids=["after", "before"])


def sig(a):
    """σ from its definition, for the hand calculations (independent of the code under test)."""
    return 1.0 / (1.0 + np.exp(-np.asarray(a, dtype=float)))


def zero_gru(D, H, reset_after=True):
    return GRUParams(
        np.zeros((3 * H, D)), np.zeros((3 * H, H)), np.zeros(3 * H), np.zeros(3 * H), reset_after
    )


# --- one step by hand -----------------------------------------------------------------------------


def test_all_zero_weights_give_half_open_gates_and_keep_half_the_state():
    g = zero_gru(D=2, H=3)
    h_prev = np.array([0.4, -1.0, 0.2])
    s = gru_step(g, [0.3, -7.0], h_prev)
    # every pre-activation is 0: r = z = σ(0) = 0.5, n = tanh(0) = 0, h' = 0.5·0 + 0.5·h
    assert np.array_equal(s.r, [0.5] * 3) and np.array_equal(s.z, [0.5] * 3)
    assert np.array_equal(s.n, [0.0] * 3)
    assert np.array_equal(s.h, 0.5 * h_prev)


def test_one_step_with_small_weights_matches_hand_arithmetic():
    # D = 2, H = 1; rows in the order r, z, n.
    W = [[1, 0], [0, 1], [2, -1]]
    U = [[1], [-1], [2]]
    b_ih, b_hh = [0.0, -0.5, -1.0], [0.5, 0.0, 1.0]
    x, h_prev = [1.0, 2.0], [0.5]
    # a_r = 1·1 + 0·2 + 0    + 1·0.5    + 0.5 = 2
    # a_z = 0·1 + 1·2 - 0.5  + (-1)·0.5 + 0   = 1
    # hn  = U_n h + b_hn = 2·0.5 + 1 = 2
    # a_n = 2·1 + (-1)·2 - 1 + r·hn = -1 + 2σ(2)
    r, z = sig(2.0), sig(1.0)
    n = math.tanh(-1.0 + r * 2.0)
    h = (1 - z) * n + z * 0.5  # h' = (1 − z) n + z h
    s = gru_step(GRUParams(W, U, b_ih, b_hh), x, h_prev)
    assert s.a == pytest.approx([2.0, 1.0, -1.0 + 2.0 * r], rel=1e-14)
    assert s.hn == pytest.approx([2.0], rel=1e-15)
    for name, expected in {"r": r, "z": z, "n": n, "h": h}.items():
        assert getattr(s, name) == pytest.approx([expected], rel=1e-14), name


def test_reset_before_applies_r_to_h_before_the_recurrent_product():
    # D = 1, H = 2 with a full U_n, so U_n (r ⊙ h) and r ⊙ (U_n h) differ.
    H = 2
    W = np.zeros((3 * H, 1))
    W[4:] = [[1.0], [-1.0]]  # W_n
    U = np.zeros((3 * H, H))
    U[4:] = [[1.0, 2.0], [3.0, 4.0]]  # U_n
    b_ih = np.array([0.0, 2.0, 0.0, 0.0, 0.0, 0.0])  # b_ir = (0, 2): r = (0.5, σ(2)); z = 0.5
    b_hh = np.array([0.0, 0.0, 0.0, 0.0, 0.1, -0.1])  # b_hn
    x, h = [1.0], np.array([1.0, -1.0])
    r = np.array([0.5, sig(2.0)])
    # reset_after=True: a_n = W_n x + r ⊙ (U_n h + b_hn), U_n h = (1 - 2, 3 - 4) = (-1, -1)
    n_after = np.tanh([1.0 + r[0] * (-1.0 + 0.1), -1.0 + r[1] * (-1.0 - 0.1)])
    # reset_after=False: a_n = W_n x + U_n (r ⊙ h) + b_hn, r ⊙ h = (0.5, -σ(2))
    q = r * h
    n_before = np.tanh([1.0 + q[0] + 2 * q[1] + 0.1, -1.0 + 3 * q[0] + 4 * q[1] - 0.1])
    after = gru_step(GRUParams(W, U, b_ih, b_hh), x, h)
    before = gru_step(GRUParams(W, U, b_ih, b_hh, reset_after=False), x, h)
    assert np.allclose(after.r, r, rtol=1e-14) and np.allclose(before.r, r, rtol=1e-14)
    assert np.allclose(after.n, n_after, rtol=1e-14, atol=0)
    assert np.allclose(before.n, n_before, rtol=1e-14, atol=0)
    assert np.allclose(before.h, 0.5 * n_before + 0.5 * h, rtol=1e-14, atol=0)
    assert not np.allclose(after.n, before.n)


def test_update_gate_near_one_keeps_the_state_exactly():
    g = GRUParams.init(2, 3, seed=0)
    g.block("z").b_ih[:] = 1000.0  # z = σ(1000) = 1
    h0 = np.array([0.3, -0.7, 0.1])
    tr = run_gru(g, np.random.default_rng(0).normal(size=(5, 2)), h0)
    assert np.array_equal(tr.z, np.ones((5, 3)))
    assert np.array_equal(tr.h, np.tile(h0, (5, 1)))  # (1 − 1)·n + 1·h = h, every step


def test_update_gate_near_zero_overwrites_with_the_candidate():
    g = GRUParams.init(2, 3, seed=0)
    g.block("z").b_hh[:] = -1000.0  # z = 0: h' = n
    tr = run_gru(g, np.random.default_rng(0).normal(size=(4, 2)), [5.0, -5.0, 5.0])
    assert np.array_equal(tr.h, tr.n)


@RESET_AFTER
def test_reset_gate_near_zero_makes_the_candidate_ignore_the_past(reset_after):
    g = GRUParams.init(2, 3, seed=1, reset_after=reset_after)
    g.block("r").b_ih[:] = -1000.0  # r = 0
    x = [0.4, -1.2]
    W_n, _, b_in, b_hn = g.block("n")
    expected = np.tanh(W_n @ x + b_in + (0.0 if reset_after else b_hn))  # r ⊙ (…) = 0
    for h in ([0.0, 0.0, 0.0], [0.9, -0.9, 0.5]):
        s = gru_step(g, x, h)
        assert np.array_equal(s.r, np.zeros(3))
        assert np.allclose(s.n, expected, rtol=1e-14, atol=1e-16)


@RESET_AFTER
@pytest.mark.parametrize("batch", [None, 3])
def test_run_equals_repeated_steps(reset_after, batch):
    rng = np.random.default_rng(0)
    g = GRUParams.init(2, 4, seed=3, reset_after=reset_after)
    state = (4,) if batch is None else (batch, 4)
    xs = rng.normal(size=(6, 2) if batch is None else (6, batch, 2))
    h = rng.normal(size=state)
    tr = run_gru(g, xs, h)
    for t in range(6):
        s = gru_step(g, xs[t], h)
        for name in ("r", "z", "n", "h", "hn"):
            assert np.allclose(getattr(tr, name)[t], getattr(s, name), rtol=1e-13, atol=1e-15)
        h = s.h
    assert tr.reset_after is reset_after


# --- backprop through time ------------------------------------------------------------------------


def gru_problem(reset_after, batch=None, seed=0, T=5, D=3, H=4):
    """Random parameters (both biases non-zero), inputs, initial state and loss weights; the loss
    is L = Σ_t w_t · h_t, so dL/dh_t = w_t is injected."""
    rng = np.random.default_rng(seed)
    g = GRUParams.init(
        D, H, seed=seed, scheme="gaussian", recurrent_scale=1.2, reset_after=reset_after
    )
    g.b_ih[:] = rng.normal(0, 0.5, size=3 * H)
    g.b_hh[:] = rng.normal(0, 0.5, size=3 * H)
    lead = (T,) if batch is None else (T, batch)
    state = (H,) if batch is None else (batch, H)
    xs, h0, w = rng.normal(size=(*lead, D)), rng.normal(size=state), rng.normal(size=(*lead, H))

    def loss():
        return float(np.sum(w * run_gru(g, xs, h0).h))

    grads = gru_backward(g, run_gru(g, xs, h0), w)
    pairs = {name: (getattr(g, name), getattr(grads.params, name)) for name in ARRAYS}
    pairs["xs"], pairs["h0"] = (xs, grads.dx), (h0, grads.dh0)
    return loss, pairs, grads


@RESET_AFTER
@pytest.mark.parametrize("batch", [None, 2], ids=["single", "batch"])
def test_gru_gradients_match_finite_differences(reset_after, batch):
    loss, pairs, _ = gru_problem(reset_after, batch=batch)
    for name, (a, analytic) in pairs.items():
        err = relative_error(numerical_gradient(loss, a), analytic)
        assert err < 1e-6, f"reset_after={reset_after} d{name}: relative error {err:.2e}"


@RESET_AFTER
def test_gradient_shapes_follow_the_trace(reset_after):
    *_, grads = gru_problem(reset_after, batch=3, T=4, D=2, H=5)
    assert grads.dh.shape == (4, 3, 5) and grads.dx.shape == (4, 3, 2)
    assert grads.da.shape == (4, 3, 15) and grads.dh0.shape == (3, 5)
    assert grads.params.W.shape == (15, 2) and grads.params.U.shape == (15, 5)
    assert grads.params.reset_after is reset_after


def test_gradient_params_come_out_in_torch_layout():
    *_, grads = gru_problem(True)
    sd = grads.params.to_torch()
    assert list(sd) == list(TORCH_KEYS)
    assert np.array_equal(sd["weight_hh_l0"], grads.params.U)
    assert np.array_equal(sd["bias_hh_l0"], grads.params.b_hh)


def test_reset_before_biases_get_equal_gradients():
    # With reset_after=False every bias only adds to a pre-activation: dL/db_ih = dL/db_hh.
    *_, grads = gru_problem(False)
    assert np.array_equal(grads.params.b_ih, grads.params.b_hh)


def test_total_dh_is_injected_plus_what_arrives_from_the_future():
    rng = np.random.default_rng(0)
    g = GRUParams.init(2, 3, seed=0)
    xs, dh = rng.normal(size=(6, 2)), rng.normal(size=(6, 3))
    tr = run_gru(g, xs)
    gr = gru_backward(g, tr, dh)
    assert np.array_equal(gr.dh[-1], dh[-1])  # nothing arrives after the last step
    # Written out: what reaches h_{t-1} from step t is z ⊙ dh plus the three U branches.
    for t in range(1, 6):
        da_r, da_z, da_n = gr.da[t, :3], gr.da[t, 3:6], gr.da[t, 6:]
        U_r, U_z, U_n = g.U[:3], g.U[3:6], g.U[6:]
        back = gr.dh[t] * tr.z[t] + U_r.T @ da_r + U_z.T @ da_z + U_n.T @ (tr.r[t] * da_n)
        assert np.allclose(gr.dh[t - 1], dh[t - 1] + back, rtol=1e-12, atol=1e-15)


def test_gradient_along_the_z_path_is_multiplied_by_z_at_every_step():
    # U = 0 leaves only the z path back to h_{t-1}: dL/dh_{t-1} = z ⊙ dL/dh_t; z = 0.3 here.
    T, H = 8, 2
    g = zero_gru(D=1, H=H)
    g.block("z").b_ih[:] = math.log(0.3 / 0.7)  # logit(0.3)
    g.block("n").W[:] = 1.0
    tr = run_gru(g, np.ones((T, 1)))
    dh = np.zeros((T, H))
    dh[-1] = [1.0, 2.0]
    gr = gru_backward(g, tr, dh)
    for t in range(T):
        assert np.allclose(gr.dh[t], 0.3 ** (T - 1 - t) * np.array([1.0, 2.0]), rtol=1e-12)
    assert np.allclose(gr.dh0, 0.3**T * np.array([1.0, 2.0]), rtol=1e-12)


# --- against PyTorch's numbers ----------------------------------------------------------------


@pytest.fixture(scope="module")
def ref():
    with np.load(REFERENCE, allow_pickle=False) as data:
        return {k: data[k] for k in data.files}


@pytest.mark.parametrize("prefix", ["gru_", "gru1_"], ids=["batch_with_h0", "single_from_zero"])
def test_gru_matches_pytorch_forward_and_backward(ref, prefix):
    g = GRUParams.from_torch({k: ref[prefix + k] for k in TORCH_KEYS})
    assert np.all(ref[prefix + "bias_hh_l0"] != 0)  # b_hn inside the reset product counts
    h0 = ref.get(prefix + "h0")
    tr = run_gru(g, ref[prefix + "xs"], h0)
    gr = gru_backward(g, tr, ref[prefix + "w"])
    close = {"rtol": 1e-10, "atol": 1e-13}
    np.testing.assert_allclose(tr.h, ref[prefix + "out"], rtol=1e-12, atol=1e-14)
    for name, key in zip(ARRAYS, TORCH_KEYS, strict=True):
        np.testing.assert_allclose(
            getattr(gr.params, name), ref[f"{prefix}grad_{key}"], **close, err_msg=key
        )
    np.testing.assert_allclose(gr.dx, ref[prefix + "dx"], **close)
    if h0 is not None:
        np.testing.assert_allclose(gr.dh0, ref[prefix + "dh0"], **close)


def test_torch_layout_of_the_reference_reproduces_its_outputs(ref):
    g = GRUParams.from_torch({k: ref["gru_" + k] for k in TORCH_KEYS})
    again = GRUParams.from_torch(g.to_torch())
    tr = run_gru(again, ref["gru_xs"], ref["gru_h0"])
    np.testing.assert_allclose(tr.h, ref["gru_out"], rtol=1e-12, atol=1e-14)


# --- PyTorch and Keras layouts ------------------------------------------------------------------


def random_torch_gru(D=3, H=2, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "weight_ih_l0": rng.normal(size=(3 * H, D)),
        "weight_hh_l0": rng.normal(size=(3 * H, H)),
        "bias_ih_l0": rng.normal(size=3 * H),
        "bias_hh_l0": rng.normal(size=3 * H),
    }


def test_torch_state_dict_round_trip_is_exact():
    sd = random_torch_gru()
    g = GRUParams.from_torch(sd)
    back = g.to_torch()
    assert list(back) == list(TORCH_KEYS)
    for key in TORCH_KEYS:
        assert np.array_equal(back[key], sd[key]), key
    # the blocks are PyTorch's r, z, n
    assert np.array_equal(g.block("z").W, sd["weight_ih_l0"][2:4])
    assert np.array_equal(g.block("n").b_hh, sd["bias_hh_l0"][4:6])


def test_from_torch_copies_so_later_edits_do_not_leak():
    sd = random_torch_gru()
    g = GRUParams.from_torch(sd)
    sd["weight_ih_l0"][0, 0] = 99.0
    g.to_torch()["weight_hh_l0"][0, 0] = 99.0
    assert g.W[0, 0] != 99.0 and g.U[0, 0] != 99.0


def test_torch_layout_refuses_reset_before_weights():
    g = GRUParams.init(2, 3, seed=0, reset_after=False)
    with pytest.raises(ValueError, match=r"nn\.GRU .*cannot hold them"):
        g.to_torch()


def keras_gru_reference(kernel, recurrent, bias, xs, reset_after):
    """Keras' GRUCell written from its own equations (blocks z, r, h; x @ kernel), h0 = 0."""
    H = recurrent.shape[0]
    input_bias, recurrent_bias = (bias[0], bias[1]) if reset_after else (bias, None)
    h, out = np.zeros(H), []
    for x in xs:
        matrix_x = x @ kernel + input_bias
        x_z, x_r, x_h = matrix_x[:H], matrix_x[H : 2 * H], matrix_x[2 * H :]
        if reset_after:
            matrix_inner = h @ recurrent + recurrent_bias
        else:
            matrix_inner = h @ recurrent[:, : 2 * H]
        z = sig(x_z + matrix_inner[:H])
        r = sig(x_r + matrix_inner[H : 2 * H])
        if reset_after:
            recurrent_h = r * matrix_inner[2 * H :]
        else:
            recurrent_h = (r * h) @ recurrent[:, 2 * H :]
        hh = np.tanh(x_h + recurrent_h)
        h = z * h + (1 - z) * hh
        out.append(h)
    return np.array(out)


def random_keras_gru(reset_after, D=3, H=2, seed=0):
    rng = np.random.default_rng(seed)
    bias_shape = (2, 3 * H) if reset_after else (3 * H,)
    return rng.normal(size=(D, 3 * H)), rng.normal(size=(H, 3 * H)), rng.normal(size=bias_shape)


@RESET_AFTER
def test_keras_round_trip_is_exact(reset_after):
    kernel, recurrent, bias = random_keras_gru(reset_after)
    g = GRUParams.from_keras(kernel, recurrent, bias)
    assert g.reset_after is reset_after
    back = g.to_keras()
    for a, b in zip(back, (kernel, recurrent, bias), strict=True):
        assert a.shape == b.shape and np.array_equal(a, b)


@RESET_AFTER
def test_params_to_keras_and_back_is_exact(reset_after):
    g = GRUParams.init(3, 2, seed=1, reset_after=reset_after)
    if not reset_after:
        g.b_hh[:] = 0.0  # Keras keeps one bias then: b_ih + b_hh comes back as b_ih
    q = GRUParams.from_keras(*g.to_keras())
    assert q.reset_after is reset_after
    assert all(np.array_equal(getattr(g, name), getattr(q, name)) for name in ARRAYS)


@RESET_AFTER
def test_keras_layout_matches_keras_equations(reset_after):
    kernel, recurrent, bias = random_keras_gru(reset_after, D=3, H=4)
    xs = np.random.default_rng(5).normal(size=(6, 3))
    ours = run_gru(GRUParams.from_keras(kernel, recurrent, bias), xs).h
    expected = keras_gru_reference(kernel, recurrent, bias, xs, reset_after)
    np.testing.assert_allclose(ours, expected, rtol=1e-13, atol=1e-15)


def test_keras_blocks_are_z_r_h_and_become_r_z_n():
    H = 2
    kernel = np.hstack([np.full((1, H), 1.0), np.full((1, H), 2.0), np.full((1, H), 3.0)])
    g = GRUParams.from_keras(kernel, np.zeros((H, 3 * H)), np.zeros((2, 3 * H)))
    assert np.all(g.block("z").W == 1.0)
    assert np.all(g.block("r").W == 2.0)
    assert np.all(g.block("n").W == 3.0)


def test_reset_before_weights_exported_to_keras_sum_the_two_biases():
    g = GRUParams.init(2, 3, seed=2, reset_after=False)
    _, _, bias = g.to_keras()
    H = 3
    assert bias.shape == (3 * H,)
    assert np.array_equal(bias[:H], (g.b_ih + g.b_hh)[H : 2 * H])  # Keras' z block first
    xs = np.random.default_rng(0).normal(size=(5, 2))
    again = run_gru(GRUParams.from_keras(*g.to_keras()), xs).h
    np.testing.assert_allclose(again, run_gru(g, xs).h, rtol=1e-13, atol=1e-15)


def test_torch_and_keras_layouts_of_the_same_weights_give_identical_outputs():
    g = GRUParams.from_torch(random_torch_gru(D=2, H=3))
    xs = np.random.default_rng(1).normal(size=(5, 2))
    keras_h = keras_gru_reference(*g.to_keras(), xs, reset_after=True)
    np.testing.assert_allclose(run_gru(g, xs).h, keras_h, rtol=1e-13, atol=1e-15)


def test_from_keras_without_bias_means_zero_bias():
    rng = np.random.default_rng(0)
    kernel, recurrent = rng.normal(size=(2, 6)), rng.normal(size=(2, 6))
    g = GRUParams.from_keras(kernel, recurrent)
    assert g.reset_after and not g.b_ih.any() and not g.b_hh.any()
    assert not GRUParams.from_keras(kernel, recurrent, reset_after=False).reset_after


# --- initialisation -----------------------------------------------------------------------------


@RESET_AFTER
@pytest.mark.parametrize("scheme", GRU_SCHEMES)
def test_init_shapes_follow_the_3h_layout_and_are_deterministic(scheme, reset_after):
    g = GRUParams.init(input_size=3, hidden_size=5, seed=1, scheme=scheme, reset_after=reset_after)
    assert g.W.shape == (15, 3) and g.U.shape == (15, 5)
    assert g.b_ih.shape == g.b_hh.shape == (15,)
    assert (g.input_size, g.hidden_size, g.reset_after) == (3, 5, reset_after)
    again, other = GRUParams.init(3, 5, seed=1, scheme=scheme), GRUParams.init(3, 5, seed=2)
    assert all(np.array_equal(getattr(g, n), getattr(again, n)) for n in ARRAYS)
    assert not np.array_equal(g.W, other.W)


def test_torch_scheme_draws_each_array_within_pytorch_bounds():
    H = 16
    g = GRUParams.init(3, H, seed=0, scheme="torch")
    k = 1 / math.sqrt(H)
    for name in ARRAYS:
        a = getattr(g, name)
        assert np.abs(a).max() <= k and np.abs(a).max() > 0.9 * k, name


def test_keras_scheme_is_glorot_orthogonal_and_zero_bias():
    D, H = 3, 5
    g = GRUParams.init(D, H, seed=0, scheme="keras")
    assert np.abs(g.W).max() <= math.sqrt(6 / (D + 3 * H))
    _, recurrent_kernel, bias = g.to_keras()
    assert np.allclose(recurrent_kernel @ recurrent_kernel.T, np.eye(H), atol=1e-12)
    assert np.array_equal(bias, np.zeros((2, 3 * H)))


@pytest.mark.parametrize("scale", [0.5, 1.7])
def test_gaussian_scheme_sets_spectral_radius_of_each_gate_block(scale):
    g = GRUParams.init(2, 6, seed=0, scheme="gaussian", recurrent_scale=scale)
    for gate in GRU_GATES:
        rho = np.max(np.abs(np.linalg.eigvals(g.block(gate).U)))
        assert rho == pytest.approx(scale, rel=1e-12)


def test_torch_scheme_recurrent_scale_is_a_gain_on_u():
    a = GRUParams.init(2, 3, seed=4)
    b = GRUParams.init(2, 3, seed=4, recurrent_scale=2.0)
    assert np.array_equal(b.U, 2.0 * a.U) and np.array_equal(b.W, a.W)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"input_size": 0, "hidden_size": 2}, "input_size must be a positive integer"),
        ({"input_size": 2, "hidden_size": 2.5}, "hidden_size must be a positive integer"),
        ({"input_size": 2, "hidden_size": 2, "scheme": "xavier"}, "unknown scheme 'xavier'"),
        ({"input_size": 2, "hidden_size": 2, "recurrent_scale": -1}, "recurrent_scale must"),
    ],
)
def test_init_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        GRUParams.init(**kwargs)


def test_block_views_write_through_and_copy_is_independent():
    g = GRUParams.init(2, 3, seed=0)
    g.block("n").b_hh[:] = 7.0
    assert np.array_equal(g.b_hh[6:], [7.0] * 3)
    c = g.copy()
    c.W[0, 0] = 42.0
    assert g.W[0, 0] != 42.0 and c.reset_after == g.reset_after
    with pytest.raises(ValueError, match="unknown gate 'f'; expected one of r, z, n"):
        g.block("f")
    assert repr(GRUParams.init(2, 3, reset_after=False)) == (
        "GRUParams(input_size=2, hidden_size=3, reset_after=False)"
    )


# --- batches --------------------------------------------------------------------------------------

small = st.integers(min_value=1, max_value=5)
CLOSE = {"rtol": 1e-12, "atol": 1e-14}


@settings(max_examples=30, deadline=None)
@given(
    T=small,
    B=small,
    D=small,
    H=small,
    seed=st.integers(0, 2**16),
    reset_after=st.booleans(),
)
def test_batched_gru_equals_per_example_runs_forward_and_backward(T, B, D, H, seed, reset_after):
    rng = np.random.default_rng(seed)
    g = GRUParams.init(D, H, seed=seed, reset_after=reset_after)
    xs, h0, dh = rng.normal(size=(T, B, D)), rng.normal(size=(B, H)), rng.normal(size=(T, B, H))
    tr = run_gru(g, xs, h0)
    gr = gru_backward(g, tr, dh)
    sums = {name: np.zeros_like(getattr(g, name)) for name in ARRAYS}
    for k in range(B):
        one = run_gru(g, xs[:, k], h0[k])
        gk = gru_backward(g, one, dh[:, k])
        for name in ("r", "z", "n", "h", "hn"):
            assert np.allclose(getattr(tr, name)[:, k], getattr(one, name), **CLOSE), name
        for name in ("dh", "dx", "da"):
            assert np.allclose(getattr(gr, name)[:, k], getattr(gk, name), **CLOSE), name
        assert np.allclose(gr.dh0[k], gk.dh0, **CLOSE)
        for name in ARRAYS:
            sums[name] += getattr(gk.params, name)
    for name in ARRAYS:  # the batch gradient sums the examples'
        assert np.allclose(getattr(gr.params, name), sums[name], **CLOSE), name


def test_trace_keeps_its_own_inputs_and_defaults_h0_to_zeros():
    g = GRUParams.init(2, 3, seed=0)
    xs = np.ones((4, 2))
    a = run_gru(g, xs)
    b = run_gru(g, xs, np.zeros(3))
    xs[:] = 5.0
    assert np.array_equal(a.xs, np.ones((4, 2))) and np.array_equal(a.h0, np.zeros(3))
    assert np.array_equal(a.h, b.h) and not a.batched


# --- numerical safety and bad input ----------------------------------------------------------


@RESET_AFTER
@pytest.mark.parametrize("where", ["inputs", "biases", "recurrent"])
def test_huge_values_give_finite_outputs_and_no_warnings(where, reset_after):
    rng = np.random.default_rng(0)
    g = GRUParams.init(2, 3, seed=0, reset_after=reset_after)
    xs = rng.normal(size=(5, 2))
    if where == "inputs":
        xs = np.where(xs > 0, 1e300, -1e300)
    elif where == "biases":
        g.b_ih[:] = np.where(rng.normal(size=9) > 0, 1e300, -1e300)
    else:
        g.U[:] = np.where(rng.normal(size=(9, 3)) > 0, 1e300, -1e300)
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        tr = run_gru(g, xs, h0=[0.9, -0.9, 0.5])
        gr = gru_backward(g, tr, np.ones((5, 3)))
        s = gru_step(g, xs[0], [0.9, -0.9, 0.5])
    for a in (tr.r, tr.z, tr.n, tr.h, s.h):
        assert np.isfinite(a).all()
    assert not np.isnan(gr.dh).any()
    if where != "recurrent":  # the gates saturate to exactly 0 or 1, not NaN
        assert np.all((tr.z == 0) | (tr.z == 1))


def test_inputs_times_weights_beyond_float64_give_a_clear_error():
    g = GRUParams(np.full((3, 2), 1e300), np.zeros((3, 1)), np.zeros(3), np.zeros(3))
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="overflowed float64"):
            run_gru(g, np.full((3, 2), 1e300))
        with pytest.raises(ValueError, match="overflowed float64"):
            gru_step(g, [1e300, 1e300])


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_inputs_states_and_weights_are_rejected(bad):
    g = GRUParams.init(2, 3, seed=0)
    xs = np.zeros((4, 2))
    xs[2, 1] = bad
    with pytest.raises(ValueError, match=r"xs contains 1 non-finite value\(s\).*\(2, 1\)"):
        run_gru(g, xs)
    with pytest.raises(ValueError, match="h0 contains"):
        run_gru(g, np.zeros((4, 2)), h0=[0.0, bad, 0.0])
    with pytest.raises(ValueError, match="x contains"):
        gru_step(g, [bad, 0.0])
    with pytest.raises(ValueError, match="h contains"):
        gru_step(g, [0.0, 0.0], [bad, 0.0, 0.0])
    g.b_hh[4] = bad
    with pytest.raises(ValueError, match=r"b_hh contains .*index \(4,\)"):
        run_gru(g, np.zeros((4, 2)))
    sd = random_torch_gru()
    sd["bias_hh_l0"][1] = bad
    with pytest.raises(ValueError, match="bias_hh_l0 contains"):
        GRUParams.from_torch(sd)


def test_wrong_sequence_and_state_shapes_name_expected_and_actual():
    g = GRUParams.init(2, 3, seed=0)
    with pytest.raises(
        ValueError, match=r"xs has shape \(4, 3\); expected \(T, D\) or \(T, B, D\) for D=2"
    ):
        run_gru(g, np.zeros((4, 3)))
    with pytest.raises(ValueError, match=r"xs\[:, None\]"):
        run_gru(GRUParams.init(1, 3), np.zeros(4))
    with pytest.raises(ValueError, match=r"h0 has shape \(3,\); expected \(5, 3\) = \(B, H\)"):
        run_gru(g, np.zeros((4, 5, 2)), h0=np.zeros(3))
    with pytest.raises(ValueError, match=r"x has shape \(3,\); expected \(D,\) or \(B, D\)"):
        gru_step(g, [0.0, 0.0, 0.0])
    with pytest.raises(ValueError, match=r"h has shape \(2,\); expected \(3,\) = \(H,\) for H=3"):
        gru_step(g, [0.0, 0.0], np.zeros(2))
    with pytest.raises(ValueError, match="xs has shape"):
        run_gru(g, np.zeros((0, 2)))


def test_wrong_weight_shapes_name_expected_and_actual():
    with pytest.raises(ValueError, match=r"W has shape \(7, 2\); expected \(3H, D\)"):
        GRUParams(np.zeros((7, 2)), np.zeros((6, 2)), np.zeros(6), np.zeros(6))
    with pytest.raises(ValueError, match=r"U has shape \(6, 3\); expected \(6, 2\) = \(3H, H\)"):
        GRUParams(np.zeros((6, 2)), np.zeros((6, 3)), np.zeros(6), np.zeros(6))
    with pytest.raises(ValueError, match=r"b_hh has shape \(4,\); expected \(6,\) = \(3H,\)"):
        GRUParams(np.zeros((6, 2)), np.zeros((6, 2)), np.zeros(6), np.zeros(4))
    with pytest.raises(ValueError, match="reset_after must be True or False"):
        GRUParams(np.zeros((6, 2)), np.zeros((6, 2)), np.zeros(6), np.zeros(6), "yes")


def test_from_torch_errors_name_the_key_expected_and_actual():
    sd = random_torch_gru(D=3, H=2)
    sd["weight_hh_l0"] = np.zeros((6, 3))
    with pytest.raises(
        ValueError, match=r"weight_hh_l0 has shape \(6, 3\); expected \(6, 2\) = \(3H, H\) for H=2"
    ):
        GRUParams.from_torch(sd)
    lstm_like = random_torch_gru(D=3, H=2)
    lstm_like["weight_ih_l0"] = np.zeros((8, 3))
    with pytest.raises(ValueError, match=r"weight_ih_l0 has shape \(8, 3\); expected \(3H, D\)"):
        GRUParams.from_torch(lstm_like)
    with pytest.raises(ValueError, match="missing keys: bias_ih_l0, bias_hh_l0"):
        GRUParams.from_torch({"weight_ih_l0": np.zeros((6, 1)), "weight_hh_l0": np.zeros((6, 2))})
    with pytest.raises(ValueError, match="expected a mapping"):
        GRUParams.from_torch([1, 2, 3])


def test_from_keras_errors_name_expected_and_actual():
    kernel, recurrent, bias = random_keras_gru(True, D=3, H=2)
    with pytest.raises(ValueError, match=r"kernel has shape \(3, 5\); expected \(D, 3H\)"):
        GRUParams.from_keras(np.zeros((3, 5)), recurrent, bias)
    with pytest.raises(
        ValueError, match=r"recurrent_kernel has shape \(2, 8\); expected \(2, 6\) = \(H, 3H\)"
    ):
        GRUParams.from_keras(kernel, np.zeros((2, 8)), bias)
    with pytest.raises(
        ValueError, match=r"bias has shape \(3, 6\); expected \(2, 6\) = \(2, 3H\) for H=2"
    ):
        GRUParams.from_keras(kernel, recurrent, np.zeros((3, 6)))
    with pytest.raises(ValueError, match=r"bias has shape \(4,\); expected \(6,\) = \(3H,\)"):
        GRUParams.from_keras(kernel, recurrent, np.zeros(4))
    with pytest.raises(
        ValueError, match=r"bias has shape \(2, 6\); expected \(6,\) = .*reset_after=False"
    ):
        GRUParams.from_keras(kernel, recurrent, bias, reset_after=False)


def test_backward_rejects_mismatched_gradient_trace_and_parameters():
    g = GRUParams.init(2, 3, seed=0)
    tr = run_gru(g, np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"dh has shape \(4, 2\); expected \(4, 3\)"):
        gru_backward(g, tr, np.zeros((4, 2)))
    with pytest.raises(ValueError, match="dh contains"):
        gru_backward(g, tr, np.full((4, 3), np.nan))
    with pytest.raises(ValueError, match="the trace has H=3, D=2 but the parameters have H=4"):
        gru_backward(GRUParams.init(2, 4), tr, np.zeros((4, 3)))
    before = GRUParams.init(2, 3, seed=0, reset_after=False)
    with pytest.raises(ValueError, match="the trace ran with reset_after=True"):
        gru_backward(before, tr, np.zeros((4, 3)))
