"""Parameters: initialisation schemes, the PyTorch and Keras layouts, and bad-input messages."""

import math

import numpy as np
import pytest

from lstm_core import GATES, SCHEMES, LSTMParams, RNNParams, lstm_step, run_lstm, run_rnn
from lstm_core.activations import sigmoid


def random_torch_lstm(D=3, H=2, seed=0, split_bias=False):
    rng = np.random.default_rng(seed)
    return {
        "weight_ih_l0": rng.normal(size=(4 * H, D)),
        "weight_hh_l0": rng.normal(size=(4 * H, H)),
        "bias_ih_l0": rng.normal(size=4 * H),
        "bias_hh_l0": rng.normal(size=4 * H) if split_bias else np.zeros(4 * H),
    }


def spectral_radius(M):
    return np.max(np.abs(np.linalg.eigvals(M)))


# --- init -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
def test_lstm_init_shapes_follow_4h_by_d_layout(scheme):
    p = LSTMParams.init(input_size=3, hidden_size=5, seed=1, scheme=scheme)
    assert p.W.shape == (20, 3) and p.U.shape == (20, 5) and p.b.shape == (20,)
    assert p.W.dtype == p.U.dtype == p.b.dtype == np.float64
    assert (p.input_size, p.hidden_size) == (3, 5)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_rnn_init_shapes(scheme):
    q = RNNParams.init(input_size=3, hidden_size=5, seed=1, scheme=scheme)
    assert q.W.shape == (5, 3) and q.U.shape == (5, 5) and q.b.shape == (5,)
    assert (q.input_size, q.hidden_size) == (3, 5)


@pytest.mark.parametrize("cls", [LSTMParams, RNNParams])
@pytest.mark.parametrize("scheme", SCHEMES)
def test_init_is_deterministic_per_seed(cls, scheme):
    a, b = cls.init(2, 4, seed=7, scheme=scheme), cls.init(2, 4, seed=7, scheme=scheme)
    c = cls.init(2, 4, seed=8, scheme=scheme)
    for name in ("W", "U", "b"):
        assert np.array_equal(getattr(a, name), getattr(b, name))
    assert not np.array_equal(a.W, c.W)


def test_torch_scheme_draws_within_pytorch_bounds():
    H = 16
    p = LSTMParams.init(3, H, seed=0, scheme="torch")
    k = 1 / math.sqrt(H)
    assert np.abs(p.W).max() <= k and np.abs(p.U).max() <= k
    # b = bias_ih + bias_hh, each uniform in ±k: the sum reaches beyond ±k but not beyond ±2k
    assert np.abs(p.b).max() <= 2 * k
    assert np.abs(p.b).max() > k


def test_torch_scheme_recurrent_scale_is_a_gain_on_u():
    a = LSTMParams.init(2, 3, seed=4, scheme="torch")
    b = LSTMParams.init(2, 3, seed=4, scheme="torch", recurrent_scale=2.0)
    assert np.array_equal(b.U, 2.0 * a.U) and np.array_equal(b.W, a.W)


def test_keras_scheme_has_unit_forget_bias_and_zero_other_biases():
    H = 4
    p = LSTMParams.init(3, H, seed=0, scheme="keras")
    assert np.array_equal(p.block("f").b, np.ones(H))
    for gate in ("i", "g", "o"):
        assert np.array_equal(p.block(gate).b, np.zeros(H))


def test_keras_scheme_recurrent_kernel_is_orthogonal_as_one_matrix():
    # Keras initialises the (H, 4H) recurrent kernel with Orthogonal: its H rows are orthonormal.
    H = 5
    p = LSTMParams.init(3, H, seed=0, scheme="keras")
    _, recurrent_kernel, _ = p.to_keras()
    assert np.allclose(recurrent_kernel @ recurrent_kernel.T, np.eye(H), atol=1e-12)
    assert np.allclose(p.U.T @ p.U, np.eye(H), atol=1e-12)


def test_keras_scheme_kernel_within_glorot_limit():
    D, H = 3, 5
    p = LSTMParams.init(D, H, seed=0, scheme="keras")
    assert np.abs(p.W).max() <= math.sqrt(6 / (D + 4 * H))


def test_keras_simple_rnn_u_is_orthogonal_and_bias_zero():
    q = RNNParams.init(2, 6, seed=3, scheme="keras")
    assert np.allclose(q.U.T @ q.U, np.eye(6), atol=1e-12)
    assert np.allclose(q.U @ q.U.T, np.eye(6), atol=1e-12)
    assert np.array_equal(q.b, np.zeros(6))


@pytest.mark.parametrize("scale", [0.5, 1.0, 1.7])
def test_gaussian_scheme_sets_spectral_radius_of_each_gate_block(scale):
    p = LSTMParams.init(2, 6, seed=0, scheme="gaussian", recurrent_scale=scale)
    for gate in GATES:
        assert spectral_radius(p.block(gate).U) == pytest.approx(scale, rel=1e-12)
    assert np.array_equal(p.b, np.zeros(24))


@pytest.mark.parametrize("scale", [0.5, 1.0, 1.7])
def test_gaussian_rnn_u_has_spectral_radius_recurrent_scale(scale):
    q = RNNParams.init(2, 8, seed=0, scheme="gaussian", recurrent_scale=scale)
    assert spectral_radius(q.U) == pytest.approx(scale, rel=1e-12)


def test_gaussian_w_has_variance_one_over_d():
    p = LSTMParams.init(50, 100, seed=0, scheme="gaussian")
    assert p.W.var() == pytest.approx(1 / 50, rel=0.05)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_forget_bias_overrides_only_the_forget_block(scheme):
    base = LSTMParams.init(2, 3, seed=0, scheme=scheme)
    p = LSTMParams.init(2, 3, seed=0, scheme=scheme, forget_bias=2.5)
    assert np.array_equal(p.block("f").b, [2.5, 2.5, 2.5])
    keep = np.r_[0:3, 6:12]
    assert np.array_equal(p.b[keep], base.b[keep]) and np.array_equal(p.W, base.W)
    q = LSTMParams.init(2, 3, seed=0, scheme=scheme, forget_bias=[1.0, 2.0, 3.0])
    assert np.array_equal(q.b[3:6], [1.0, 2.0, 3.0])


def test_forget_bias_of_wrong_length_is_rejected():
    with pytest.raises(ValueError, match=r"forget_bias has shape \(2,\); expected \(3,\)"):
        LSTMParams.init(2, 3, forget_bias=[1.0, 2.0])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"scheme": "xavier"}, "unknown scheme 'xavier'"),
        ({"hidden_size": 0}, "hidden_size must be a positive integer"),
        ({"input_size": 2.5}, "input_size must be a positive integer"),
        ({"recurrent_scale": float("nan")}, "recurrent_scale must be a finite number"),
        ({"recurrent_scale": -1.0}, "recurrent_scale must be a finite number"),
    ],
)
def test_init_rejects_bad_arguments(kwargs, message):
    args = {"input_size": 2, "hidden_size": 3} | kwargs
    with pytest.raises(ValueError, match=message):
        LSTMParams.init(**args)


# --- gate blocks ----------------------------------------------------------------------------------


def test_block_views_follow_order_i_f_g_o_and_write_through():
    p = LSTMParams.init(2, 3, seed=0)
    for k, gate in enumerate(GATES):
        W_k, U_k, b_k = p.block(gate)
        assert np.array_equal(W_k, p.W[3 * k : 3 * k + 3])
        assert np.array_equal(U_k, p.U[3 * k : 3 * k + 3])
        assert np.array_equal(b_k, p.b[3 * k : 3 * k + 3])
    p.block("f").b[:] = 7.0
    assert np.array_equal(p.b[3:6], [7.0, 7.0, 7.0])


def test_with_block_replaces_one_gate_in_a_copy():
    p = LSTMParams.init(2, 3, seed=0)
    q = p.with_block("o", W=np.ones((3, 2)), b=-2.0)
    assert np.array_equal(q.block("o").W, np.ones((3, 2)))
    assert np.array_equal(q.block("o").b, [-2.0, -2.0, -2.0])
    assert np.array_equal(q.block("o").U, p.block("o").U)
    assert np.array_equal(q.W[:9], p.W[:9])
    assert not np.array_equal(p.block("o").b, q.block("o").b)  # p untouched


def test_with_block_rejects_wrong_shape_and_unknown_gate():
    p = LSTMParams.init(2, 3, seed=0)
    with pytest.raises(ValueError, match=r"U_g has shape \(2, 2\); expected \(3, 3\)"):
        p.with_block("g", U=np.zeros((2, 2)))
    with pytest.raises(ValueError, match="unknown gate 'c'"):
        p.block("c")


def test_copy_is_independent():
    p = LSTMParams.init(2, 3, seed=0)
    q = p.copy()
    q.W[0, 0] += 1.0
    assert p.W[0, 0] != q.W[0, 0]


def test_params_fields_cannot_be_reassigned():
    p = LSTMParams.init(2, 3, seed=0)
    with pytest.raises(AttributeError):
        p.W = np.zeros((12, 2))


# --- construction and validation ------------------------------------------------------------------


def test_constructor_converts_lists_to_float64():
    p = RNNParams([[1]], [[2]], [3])
    assert p.W.dtype == np.float64 and p.W.shape == (1, 1)


def test_constructor_names_the_array_with_the_wrong_shape():
    with pytest.raises(ValueError, match=r"U has shape \(8, 3\); expected \(8, 2\) = \(4H, H\)"):
        LSTMParams(np.zeros((8, 1)), np.zeros((8, 3)), np.zeros(8))
    with pytest.raises(ValueError, match=r"W has shape \(7, 1\); expected \(4H, D\)"):
        LSTMParams(np.zeros((7, 1)), np.zeros((7, 2)), np.zeros(7))
    with pytest.raises(ValueError, match=r"b has shape \(2,\); expected \(3,\) = \(H,\)"):
        RNNParams(np.zeros((3, 1)), np.zeros((3, 3)), np.zeros(2))


def test_non_finite_weights_are_rejected_when_used():
    p = LSTMParams.init(1, 2, seed=0)
    p.U[3, 1] = np.nan
    with pytest.raises(ValueError, match=r"U contains 1 non-finite value\(s\).*index \(3, 1\)"):
        run_lstm(p, np.zeros((4, 1)))
    with pytest.raises(ValueError, match="U contains"):
        lstm_step(p, np.zeros(1))
    q = RNNParams.init(1, 2, seed=0)
    q.b[0] = np.inf
    with pytest.raises(ValueError, match="b contains"):
        run_rnn(q, np.zeros((4, 1)))


# --- PyTorch layout -------------------------------------------------------------------------------


def test_torch_state_dict_round_trip_is_exact():
    sd = random_torch_lstm()
    back = LSTMParams.from_torch(sd).to_torch()
    assert set(back) == set(sd)
    for key in sd:
        assert np.array_equal(back[key], sd[key]), key


def test_params_to_torch_and_back_is_exact():
    p = LSTMParams.init(3, 4, seed=2)
    q = LSTMParams.from_torch(p.to_torch())
    for name in ("W", "U", "b"):
        assert np.array_equal(getattr(p, name), getattr(q, name))


def test_from_torch_sums_the_two_biases():
    sd = random_torch_lstm(split_bias=True)
    p = LSTMParams.from_torch(sd)
    assert np.array_equal(p.b, sd["bias_ih_l0"] + sd["bias_hh_l0"])
    merged = dict(sd, bias_ih_l0=sd["bias_ih_l0"] + sd["bias_hh_l0"], bias_hh_l0=np.zeros(8))
    xs = np.random.default_rng(1).normal(size=(6, 3))
    assert np.array_equal(run_lstm(p, xs).h, run_lstm(LSTMParams.from_torch(merged), xs).h)


def test_from_torch_copies_so_later_edits_do_not_leak():
    sd = random_torch_lstm()
    p = LSTMParams.from_torch(sd)
    sd["weight_ih_l0"][0, 0] += 1.0
    assert p.W[0, 0] != sd["weight_ih_l0"][0, 0]


def test_from_torch_accepts_nested_lists_and_array_likes():
    sd = {key: value.tolist() for key, value in random_torch_lstm().items()}

    class Tensorish:  # anything with __array__, like a CPU tensor
        def __init__(self, a):
            self.a = np.asarray(a)

        def __array__(self, dtype=None, copy=None):
            return self.a if dtype is None else self.a.astype(dtype)

    sd["weight_hh_l0"] = Tensorish(sd["weight_hh_l0"])
    p = LSTMParams.from_torch(sd)
    assert p.U.shape == (8, 2)


def test_from_torch_wrong_shape_names_key_expected_and_actual():
    sd = random_torch_lstm(D=3, H=2)
    sd["weight_hh_l0"] = np.zeros((8, 3))
    expected = r"weight_hh_l0 has shape \(8, 3\); expected \(8, 2\) = \(4H, H\) for H=2"
    with pytest.raises(ValueError, match=expected):
        LSTMParams.from_torch(sd)
    sd = random_torch_lstm(D=3, H=2)
    sd["bias_ih_l0"] = np.zeros(6)
    with pytest.raises(ValueError, match=r"bias_ih_l0 has shape \(6,\); expected \(8,\)"):
        LSTMParams.from_torch(sd)


def test_from_torch_rejects_rows_that_are_not_four_gates():
    sd = random_torch_lstm()
    sd["weight_ih_l0"] = np.zeros((6, 3))
    with pytest.raises(ValueError, match=r"weight_ih_l0 has shape .*multiple of 4"):
        LSTMParams.from_torch(sd)


def test_from_torch_lists_all_missing_keys():
    sd = random_torch_lstm()
    del sd["bias_ih_l0"], sd["bias_hh_l0"]
    with pytest.raises(ValueError, match="missing keys: bias_ih_l0, bias_hh_l0"):
        LSTMParams.from_torch(sd)


def test_from_torch_rejects_nan_naming_the_key():
    sd = random_torch_lstm()
    sd["bias_hh_l0"][2] = np.nan
    with pytest.raises(ValueError, match="bias_hh_l0 contains 1 non-finite"):
        LSTMParams.from_torch(sd)


def test_from_torch_rejects_non_numeric_and_non_mapping():
    sd = random_torch_lstm()
    sd["weight_ih_l0"] = "weights"
    with pytest.raises(ValueError, match="weight_ih_l0 must be a numeric array"):
        LSTMParams.from_torch(sd)
    sd["weight_ih_l0"] = [[1, 2], [3]]
    with pytest.raises(ValueError, match="weight_ih_l0 is not a numeric array"):
        LSTMParams.from_torch(sd)
    with pytest.raises(ValueError, match="expected a mapping"):
        LSTMParams.from_torch([1, 2, 3])


def test_rnn_torch_round_trip_and_bias_sum():
    rng = np.random.default_rng(0)
    sd = {
        "weight_ih_l0": rng.normal(size=(4, 2)),
        "weight_hh_l0": rng.normal(size=(4, 4)),
        "bias_ih_l0": rng.normal(size=4),
        "bias_hh_l0": np.zeros(4),
    }
    back = RNNParams.from_torch(sd).to_torch()
    for key in sd:
        assert np.array_equal(back[key], sd[key]), key
    sd["bias_hh_l0"] = rng.normal(size=4)
    assert np.array_equal(RNNParams.from_torch(sd).b, sd["bias_ih_l0"] + sd["bias_hh_l0"])
    sd["weight_hh_l0"] = np.zeros((4, 3))
    with pytest.raises(ValueError, match=r"weight_hh_l0 has shape \(4, 3\); expected \(4, 4\)"):
        RNNParams.from_torch(sd)


# --- Keras layout ---------------------------------------------------------------------------------


def keras_lstm_reference(kernel, recurrent_kernel, bias, xs):
    """Keras' LSTMCell written from its documentation: z = x K + h R + b, split into i, f, c, o."""
    H = recurrent_kernel.shape[0]
    h, c, hs = np.zeros(H), np.zeros(H), []
    for x in xs:
        z = x @ kernel + h @ recurrent_kernel + bias
        z_i, z_f, z_c, z_o = z[:H], z[H : 2 * H], z[2 * H : 3 * H], z[3 * H :]
        c = sigmoid(z_f) * c + sigmoid(z_i) * np.tanh(z_c)
        h = sigmoid(z_o) * np.tanh(c)
        hs.append(h)
    return np.array(hs)


def test_keras_round_trip_is_exact():
    rng = np.random.default_rng(0)
    kernel, recurrent, bias = rng.normal(size=(3, 8)), rng.normal(size=(2, 8)), rng.normal(size=8)
    back = LSTMParams.from_keras(kernel, recurrent, bias).to_keras()
    for a, b in zip(back, (kernel, recurrent, bias), strict=True):
        assert np.array_equal(a, b)
    p = LSTMParams.init(3, 2, seed=1)
    q = LSTMParams.from_keras(*p.to_keras())
    assert all(np.array_equal(getattr(p, n), getattr(q, n)) for n in ("W", "U", "b"))


def test_keras_layout_matches_a_keras_style_cell():
    rng = np.random.default_rng(0)
    kernel, recurrent, bias = rng.normal(size=(3, 8)), rng.normal(size=(2, 8)), rng.normal(size=8)
    xs = rng.normal(size=(5, 3))
    ours = run_lstm(LSTMParams.from_keras(kernel, recurrent, bias), xs).h
    assert np.allclose(ours, keras_lstm_reference(kernel, recurrent, bias, xs), atol=1e-14)


def test_torch_and_keras_layouts_of_the_same_weights_give_identical_outputs():
    sd = random_torch_lstm(D=3, H=4)
    keras = (sd["weight_ih_l0"].T, sd["weight_hh_l0"].T, sd["bias_ih_l0"])
    xs = np.random.default_rng(1).normal(size=(7, 3))
    a = run_lstm(LSTMParams.from_torch(sd), xs)
    b = run_lstm(LSTMParams.from_keras(*keras), xs)
    assert np.array_equal(a.h, b.h) and np.array_equal(a.c, b.c)


def test_from_keras_without_bias_means_zero_bias():
    rng = np.random.default_rng(0)
    p = LSTMParams.from_keras(rng.normal(size=(3, 8)), rng.normal(size=(2, 8)))
    assert np.array_equal(p.b, np.zeros(8))


def test_from_keras_wrong_shapes_are_named():
    rng = np.random.default_rng(0)
    kernel = rng.normal(size=(3, 8))
    expected = r"recurrent_kernel has shape \(8, 2\); expected \(2, 8\) = \(H, 4H\) for H=2"
    with pytest.raises(ValueError, match=expected):
        LSTMParams.from_keras(kernel, rng.normal(size=(8, 2)), np.zeros(8))
    with pytest.raises(ValueError, match=r"bias has shape \(4,\); expected \(8,\)"):
        LSTMParams.from_keras(kernel, rng.normal(size=(2, 8)), np.zeros(4))
    with pytest.raises(ValueError, match=r"kernel has shape \(3, 6\); expected \(D, 4H\)"):
        LSTMParams.from_keras(rng.normal(size=(3, 6)), rng.normal(size=(2, 6)))
    bad = kernel.copy()
    bad[0, 0] = np.inf
    with pytest.raises(ValueError, match="kernel contains 1 non-finite"):
        LSTMParams.from_keras(bad, rng.normal(size=(2, 8)))


def test_simple_rnn_keras_round_trip_and_layout():
    rng = np.random.default_rng(0)
    kernel, recurrent, bias = rng.normal(size=(2, 3)), rng.normal(size=(3, 3)), rng.normal(size=3)
    q = RNNParams.from_keras(kernel, recurrent, bias)
    for a, b in zip(q.to_keras(), (kernel, recurrent, bias), strict=True):
        assert np.array_equal(a, b)
    xs = rng.normal(size=(4, 2))
    h, expected = np.zeros(3), []
    for x in xs:  # SimpleRNN: h = tanh(x K + h R + b)
        h = np.tanh(x @ kernel + h @ recurrent + bias)
        expected.append(h)
    assert np.allclose(run_rnn(q, xs).h, expected, atol=1e-14)
