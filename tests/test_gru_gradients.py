"""The GRU's gradient flow on the vanishing gradients page: the plotted norms are gru_backward's
(checked against finite differences of an independent forward pass), the z path alone is what
it claims, and the verdicts hold for the numbers, degenerate cases included (a gradient exactly
0 at the loss, underflow to exactly 0)."""

import numpy as np
import pytest

from lstm_core import GRUParams, RNNParams
from lstm_core.activations import sigmoid
from lstm_core.lab.gradient_flow import THRESHOLD, memory_horizon, rnn_flow
from lstm_core.lab.gru_gradients import (
    COMPARISONS,
    SMALL_Z,
    first_zero,
    gru_flow,
    gru_params,
    gru_verdict,
)
from lstm_core.lab.inputs import make_sequence
from lstm_core.lab.verdicts import reach


def gru_loss(g, xs, t_loss, add_h=None):
    """L = Σ h_τ / √H for nn.GRU's cell, written out again from its equations (r, z, n blocks of
    W, U, b_ih, b_hh); add_h = (t, δ) adds δ to h_t right after it is computed."""
    H = g.hidden_size
    W_r, W_z, W_n = g.W[:H], g.W[H : 2 * H], g.W[2 * H :]
    U_r, U_z, U_n = g.U[:H], g.U[H : 2 * H], g.U[2 * H :]
    bi_r, bi_z, bi_n = g.b_ih[:H], g.b_ih[H : 2 * H], g.b_ih[2 * H :]
    bh_r, bh_z, bh_n = g.b_hh[:H], g.b_hh[H : 2 * H], g.b_hh[2 * H :]
    h = np.zeros(H)
    for t, x in enumerate(xs):
        r = 1 / (1 + np.exp(-(W_r @ x + bi_r + U_r @ h + bh_r)))
        z = 1 / (1 + np.exp(-(W_z @ x + bi_z + U_z @ h + bh_z)))
        n = np.tanh(W_n @ x + bi_n + r * (U_n @ h + bh_n))
        h = (1 - z) * n + z * h
        if add_h is not None and add_h[0] == t:
            h = h + add_h[1]
        if t == t_loss:
            return h.sum() / np.sqrt(H)
    raise AssertionError("t_loss beyond the sequence")


def central_difference(g, xs, t_loss, t, H, eps=1e-6):
    out = np.zeros(H)
    for j in range(H):
        e = np.zeros(H)
        e[j] = eps
        out[j] = (gru_loss(g, xs, t_loss, (t, e)) - gru_loss(g, xs, t_loss, (t, -e))) / (2 * eps)
    return out


@pytest.mark.parametrize(("t_loss", "scheme"), [(6, "torch"), (4, "gaussian"), (6, "keras")])
def test_gru_gradients_match_finite_differences(t_loss, scheme):
    T, H, D = 7, 3, 2
    xs = np.random.default_rng(2).normal(size=(T, D))
    g = GRUParams.init(D, H, seed=5, scheme=scheme, recurrent_scale=1.3)
    flow = gru_flow(g, xs, t_loss)
    assert flow.dh.shape == (t_loss + 1, H)
    for k in range(t_loss + 1):
        fd = central_difference(g, xs, t_loss, t_loss - k, H)
        np.testing.assert_allclose(flow.dh[k], fd, rtol=1e-6, atol=1e-9)
        assert flow.dh_norm[k] == pytest.approx(np.linalg.norm(fd), rel=1e-6)
    assert flow.dh_norm[0] == pytest.approx(1.0)


def test_the_update_bias_sets_the_update_gate_and_nothing_else():
    g = gru_params(2, 4, seed=3, scheme="torch", update_bias=2.5)
    plain = GRUParams.init(2, 4, seed=3, scheme="torch")
    z = g.gate_slice("z")
    assert np.all(g.b_ih[z] == 2.5) and np.all(g.b_hh[z] == 0.0)
    for other in ("r", "n"):
        s = g.gate_slice(other)
        assert np.array_equal(g.b_ih[s], plain.b_ih[s]) and np.array_equal(g.b_hh[s], plain.b_hh[s])
    assert np.array_equal(g.W, plain.W) and np.array_equal(g.U, plain.U)
    # with U = 0 and W = 0 the gate is σ(2.5) at every step
    still = GRUParams(np.zeros_like(g.W), np.zeros_like(g.U), g.b_ih, g.b_hh)
    flow = gru_flow(still, np.ones((5, 2)), 4)
    assert flow.z_mean == pytest.approx(float(sigmoid(2.5)))


def test_without_recurrent_weights_the_z_path_is_the_only_path_and_is_exact():
    # U = 0: the gates and the candidate do not see h_{t-1}, so ∂L/∂h_{t-1} = z_t ⊙ ∂L/∂h_t.
    g = gru_params(1, 5, seed=4, scheme="gaussian", update_bias=1.0)
    g.U[:] = 0.0
    xs = make_sequence("noise", 60, 0).xs
    flow = gru_flow(g, xs, 59)
    np.testing.assert_allclose(flow.z_path_only, flow.dh_norm, rtol=1e-12)
    # and unit by unit, the measured gradient is the running product of z times ∂L/∂h_τ
    np.testing.assert_allclose(flow.dh, flow.dh[0] * flow.z_product, rtol=1e-12)


def test_z_path_products_by_hand_and_inside_their_band():
    g = gru_params(1, 3, seed=0, scheme="gaussian", update_bias=2.0)
    xs = make_sequence("sine", 20, 0).xs
    flow = gru_flow(g, xs, 15)
    z = []
    h = np.zeros(3)
    for x in xs[:16]:  # the update gates by an explicit loop
        ax, ah = g.W @ x + g.b_ih, g.U @ h + g.b_hh
        r, zt = sigmoid(ax[:3] + ah[:3]), sigmoid(ax[3:6] + ah[3:6])
        n = np.tanh(ax[6:] + r * ah[6:])
        h = (1 - zt) * n + zt * h
        z.append(zt)
    z = np.array(z)
    k = 7  # Π_{j<7} z_{15−j} = z_15 z_14 … z_9
    np.testing.assert_allclose(flow.z_product[k], np.prod(z[9:16], axis=0), rtol=1e-12)
    inside = (flow.z_product_min <= flow.z_path_only * (1 + 1e-12)) & (
        flow.z_path_only <= flow.z_product_max * (1 + 1e-12)
    )
    assert inside.all()
    assert flow.z_mean == pytest.approx(z.mean())


def test_a_large_update_bias_remembers_and_a_small_one_forgets():
    xs = make_sequence("first_value", 300, 0).xs
    keeps = gru_flow(gru_params(1, 16, 0, "gaussian", 3.0), xs, 299)
    forgets = gru_flow(gru_params(1, 16, 0, "gaussian", -1.0), xs, 299)
    assert keeps.z_mean > 0.9 and forgets.z_mean < SMALL_Z
    k_keep, k_forget = memory_horizon(keeps.dh_norm), memory_horizon(forgets.dh_norm)
    assert k_forget is not None and (k_keep is None or k_keep > 5 * k_forget)


# --- verdicts -----------------------------------------------------------------------------------


def rnn_reach(T=100, scale=0.9, preset="first_value"):
    xs = make_sequence(preset, T, 0).xs
    q = RNNParams.init(1, 16, seed=0, scheme="gaussian", recurrent_scale=scale)
    return reach(rnn_flow(q, xs, T - 1).dh_norm)


def test_the_default_gru_outlasts_the_rnn():
    xs = make_sequence("first_value", 100, 0).xs
    flow = gru_flow(gru_params(1, 16, 0, "gaussian", 3.0), xs, 99)
    v = gru_verdict(flow, rnn_reach())
    assert v.hidden.kind == "survives" and v.hidden.low >= THRESHOLD
    assert v.comparison == "outlasts" and v.comparison in COMPARISONS
    assert v.underflow is None and v.z_underflow is None and not v.small_z


def test_a_small_update_gate_vanishes_says_so_and_the_gates_carry_more_than_the_z_path():
    xs = make_sequence("first_value", 100, 0).xs
    flow = gru_flow(gru_params(1, 16, 0, "gaussian", 0.0), xs, 99)
    v = gru_verdict(flow, rnn_reach())
    assert v.hidden.kind == "vanishes"
    assert v.hidden.horizon == memory_horizon(flow.dh_norm) == 20
    assert v.z_path.horizon == memory_horizon(flow.z_path_only) == 10
    assert v.further  # 20 > 1.5 × 10
    assert v.small_z and flow.z_mean < SMALL_Z
    assert v.comparison == "no_better"  # 20 against the RNN's 48


def test_underflow_to_exactly_zero_is_found_and_still_vanishes():
    xs = make_sequence("first_value", 2000, 0).xs
    flow = gru_flow(gru_params(1, 16, 0, "gaussian", -3.0), xs, 1999)
    v = gru_verdict(flow, rnn_reach())
    k0 = v.underflow
    assert k0 is not None and np.all(flow.dh_norm[k0:] == 0.0) and flow.dh_norm[k0 - 1] > 0.0
    kz = v.z_underflow
    assert kz is not None and np.all(flow.z_path_only[kz:] == 0.0) and flow.z_path_only[kz - 1] > 0
    assert v.hidden.kind == "vanishes" and v.hidden.horizon < k0
    assert v.z_path.kind == "vanishes"


def test_a_gradient_exactly_zero_at_the_loss_is_dead_and_claims_nothing():
    xs = make_sequence("noise", 50, 0).xs
    flow = gru_flow(gru_params(1, 4, 0, "torch", 3.0), xs, 49, loss_gradient=np.zeros(4))
    assert np.all(flow.dh_norm == 0.0) and np.isnan(flow.z_path_only).all()
    v = gru_verdict(flow, rnn_reach(T=50))
    assert v.hidden.kind == "dead" and v.hidden.horizon is None
    assert v.z_path is None and v.underflow is None and not v.further and not v.small_z
    assert v.comparison in (None, "dead")


def test_a_loss_at_the_first_step_has_no_way_back():
    xs = make_sequence("noise", 10, 0).xs
    flow = gru_flow(gru_params(1, 4, 0, "torch", 3.0), xs, 0)
    v = gru_verdict(flow, reach(np.array([1.0])))
    assert v.hidden.kind == "no_steps" and v.z_path is None and v.comparison is None


def test_first_zero_at_the_ends():
    assert first_zero(np.array([1.0, 0.5, 0.0, 0.0])) == 2
    assert first_zero(np.array([1.0, 0.0, 1e-300, 0.0])) == 3  # not the first dip to 0
    assert first_zero(np.array([1.0, 0.5])) is None
    assert first_zero(np.array([0.0, 0.0])) is None  # nothing to underflow from
    assert first_zero(np.array([1.0])) is None
