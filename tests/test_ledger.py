"""The BPTT ledger: its terms add up to the backward pass's totals, the per-step weight
contributions add up to the weight gradient, and the gradient itself matches finite
differences of L = Σ_τ w·h_τ."""

import numpy as np
import pytest

from lstm_core import (
    VARIANTS,
    LSTMParams,
    RNNParams,
    gates_used,
    lstm_backward,
    recurrent_branches,
    rnn_backward,
)
from lstm_core.lab.ledger import (
    EVERY_STEP,
    branch_verdict,
    early_share,
    loss_gradient,
    lstm_ledger,
    rnn_ledger,
    route_verdict,
)
from lstm_core.sequence import run_lstm, run_rnn

from fd_support import numerical_gradient

T, D, H = 7, 2, 3


def _xs(seed=1):
    return np.random.default_rng(seed).normal(size=(T, D))


def _lstm():
    return LSTMParams.init(D, H, seed=3, scheme="torch")


def _rnn():
    return RNNParams.init(D, H, seed=3, scheme="torch")


@pytest.mark.parametrize("loss_step", [T - 1, 3, 0, EVERY_STEP])
def test_lstm_terms_add_up_to_the_totals_of_lstm_backward(loss_step):
    p, xs = _lstm(), _xs()
    led = lstm_ledger(p, xs, loss_step)
    gr = lstm_backward(p, run_lstm(p, xs), loss_gradient(T, H, loss_step))
    np.testing.assert_allclose(led.from_loss + led.branches.sum(axis=1), gr.dh, rtol=0, atol=1e-12)
    np.testing.assert_allclose(led.dc_h_route + led.dc_cell_route, gr.dc, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(led.da.reshape(T, 4 * H), gr.da)
    np.testing.assert_allclose(led.dW_steps.sum(axis=0), gr.params.W, rtol=0, atol=1e-12)
    np.testing.assert_allclose(led.dU_steps.sum(axis=0), gr.params.U, rtol=0, atol=1e-12)
    np.testing.assert_allclose(led.dx, gr.dx, rtol=0, atol=1e-12)
    # The ledger's totals are the backward pass's, exactly.
    np.testing.assert_array_equal(led.grads.dh, gr.dh)
    np.testing.assert_array_equal(led.grads.params.U, gr.params.U)


def test_lstm_branches_are_recurrent_branches_of_the_next_step():
    p, xs = _lstm(), _xs()
    led = lstm_ledger(p, xs, EVERY_STEP)
    for t in range(T - 1):
        branches = recurrent_branches(p, led.grads, t + 1)
        for k, gate in enumerate("ifgo"):
            np.testing.assert_allclose(led.branches[t, k], branches[gate], rtol=0, atol=1e-15)
    np.testing.assert_array_equal(led.branches[T - 1], 0.0)


def test_lstm_steps_after_the_loss_carry_no_gradient():
    led = lstm_ledger(_lstm(), _xs(), 3)
    assert np.all(led.dh[4:] == 0.0) and np.all(led.dc[4:] == 0.0)
    np.testing.assert_array_equal(led.from_loss[3], np.ones(H))
    assert np.all(led.branches[3] == 0.0)  # nothing comes back from beyond the loss


def test_lstm_delta_a_follows_the_gate_equations_by_hand():
    p, xs = _lstm(), _xs()
    led = lstm_ledger(p, xs, T - 1)
    tr = led.trace
    t = 4
    c_prev = tr.c[t - 1]
    np.testing.assert_allclose(led.da[t, 0], led.dc[t] * tr.g[t] * tr.i[t] * (1 - tr.i[t]))
    np.testing.assert_allclose(led.da[t, 1], led.dc[t] * c_prev * tr.f[t] * (1 - tr.f[t]))
    np.testing.assert_allclose(led.da[t, 2], led.dc[t] * tr.i[t] * (1 - tr.g[t] ** 2))
    np.testing.assert_allclose(led.da[t, 3], led.dh[t] * np.tanh(tr.c[t]) * tr.o[t] * (1 - tr.o[t]))


@pytest.mark.parametrize("loss_step", [T - 1, 2, EVERY_STEP])
def test_rnn_terms_add_up_to_the_totals_of_rnn_backward(loss_step):
    q, xs = _rnn(), _xs()
    led = rnn_ledger(q, xs, loss_step)
    tr = run_rnn(q, xs)
    gr = rnn_backward(q, tr, loss_gradient(T, H, loss_step))
    np.testing.assert_allclose(led.dh, gr.dh, rtol=0, atol=1e-12)
    np.testing.assert_allclose(led.da, gr.da, rtol=0, atol=1e-12)
    # The recurrence as the page writes it: δh_t = Uᵀ(δh_{t+1} ⊙ (1 − h²_{t+1})) + loss term.
    t = 1
    by_hand = q.U.T @ (gr.dh[t + 1] * (1 - tr.h[t + 1] ** 2)) + led.from_loss[t]
    np.testing.assert_allclose(led.dh[t], by_hand, rtol=0, atol=1e-12)
    np.testing.assert_allclose(led.dW_steps.sum(axis=0), gr.params.W, rtol=0, atol=1e-12)
    np.testing.assert_allclose(led.dU_steps.sum(axis=0), gr.params.U, rtol=0, atol=1e-12)
    np.testing.assert_allclose(led.dx, gr.dx, rtol=0, atol=1e-12)


@pytest.mark.parametrize("loss_step", [T - 1, 2, EVERY_STEP])
def test_lstm_ledger_matches_finite_differences(loss_step):
    p, xs = _lstm(), _xs()
    led = lstm_ledger(p, xs, loss_step)

    def loss():
        return lstm_ledger(p, xs, loss_step).loss

    np.testing.assert_allclose(led.dU_steps.sum(axis=0), numerical_gradient(loss, p.U), atol=1e-8)
    np.testing.assert_allclose(led.dW_steps.sum(axis=0), numerical_gradient(loss, p.W), atol=1e-8)
    np.testing.assert_allclose(led.dx, numerical_gradient(loss, xs), atol=1e-8)


def test_rnn_ledger_matches_finite_differences():
    q, xs = _rnn(), _xs()
    led = rnn_ledger(q, xs, T - 1)

    def loss():
        return rnn_ledger(q, xs, T - 1).loss

    np.testing.assert_allclose(led.dU_steps.sum(axis=0), numerical_gradient(loss, q.U), atol=1e-8)
    np.testing.assert_allclose(led.dx, numerical_gradient(loss, xs), atol=1e-8)


def test_loss_value_is_the_sum_of_h_at_the_loss_step():
    p, xs = _lstm(), _xs()
    led = lstm_ledger(p, xs, 2)
    assert led.loss == pytest.approx(run_lstm(p, xs).h[2].sum(), abs=1e-15)


def test_a_loss_step_outside_the_sequence_is_refused():
    with pytest.raises(ValueError, match="loss step"):
        lstm_ledger(_lstm(), _xs(), T)


def test_branch_verdict_names_the_largest_branch_and_nothing_at_the_last_step():
    led = lstm_ledger(_lstm(), _xs(), EVERY_STEP)
    v = branch_verdict(led, 2)
    norms = np.linalg.norm(led.branches[2], axis=1)
    assert v.largest == "ifgo"[int(np.argmax(norms))]
    assert v.share == pytest.approx(norms.max() / norms.sum())
    assert branch_verdict(led, T - 1).nothing_arrives


def test_route_verdict_follows_the_norms_and_says_none_after_the_loss():
    led = lstm_ledger(_lstm(), _xs(), 4)
    assert route_verdict(led, 6).larger == "none"
    assert route_verdict(led, 4).larger == "h"  # at the loss step only the h-route carries
    v = route_verdict(led, 1)
    cell, h = np.linalg.norm(led.dc_cell_route[1]), np.linalg.norm(led.dc_h_route[1])
    assert v.larger == ("cell" if cell >= h else "h")
    assert v.cell_share == pytest.approx(cell / (cell + h))


def test_early_share_counts_steps_further_than_the_distance():
    norms = np.array([1.0, 1.0, 2.0, 6.0])
    v = early_share(norms, 3, 1)  # steps 0 and 1 are more than 1 step before t = 3
    assert v.early == pytest.approx(0.2) and not v.almost_nothing and v.early_steps == 2
    assert early_share(norms, 1, 3).early_steps == 0 and not early_share(norms, 1, 3).almost_nothing
    assert early_share(np.array([1e-5, 1.0, 1.0]), 2, 1).almost_nothing
    assert early_share(np.zeros(3), 2, 1).no_gradient


# --- every LSTM variant ---------------------------------------------------------------------------


def _peephole_lstm():
    p = LSTMParams.init(D, H, seed=3, scheme="gaussian", recurrent_scale=1.1, peepholes=True)
    p.peephole[:] *= 2.0  # make the peephole routes matter
    p.b[:] += np.random.default_rng(3).normal(0, 0.5, 4 * H)
    return p


@pytest.mark.parametrize("loss_step", [T - 1, 3, EVERY_STEP])
@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_terms_add_up_to_lstm_backward(variant, loss_step):
    p, xs = _peephole_lstm(), _xs()
    led = lstm_ledger(p, xs, loss_step, variant)
    gr = lstm_backward(p, run_lstm(p, xs, variant=variant), loss_gradient(T, H, loss_step))
    assert led.variant == variant and led.gates == gates_used(variant)
    close = {"rtol": 0, "atol": 1e-12}
    np.testing.assert_allclose(led.from_loss + led.branches.sum(axis=1), gr.dh, **close)
    routes = led.dc_h_route + led.dc_cell_route + led.dc_peephole_routes.sum(axis=1)
    np.testing.assert_allclose(routes, gr.dc, **close)
    np.testing.assert_allclose(led.dh, gr.dh, **close)
    np.testing.assert_allclose(led.dc, gr.dc, **close)
    np.testing.assert_array_equal(led.da.reshape(T, 4 * H), gr.da)
    np.testing.assert_allclose(led.dW_steps.sum(axis=0), gr.params.W, **close)
    np.testing.assert_allclose(led.dU_steps.sum(axis=0), gr.params.U, **close)
    np.testing.assert_allclose(led.dpeephole_steps.sum(axis=0), gr.params.peephole, **close)
    np.testing.assert_allclose(led.dx, gr.dx, **close)
    for k, gate in enumerate("ifgo"):  # a gate without weights of its own sends nothing back
        if gate not in led.gates:
            assert np.all(led.branches[:, k] == 0.0) and np.all(led.da[:, k] == 0.0), gate
        elif loss_step == EVERY_STEP:
            assert np.abs(led.branches[:-1, k]).max() > 0, gate
    if variant == "peephole":
        assert np.abs(led.dc_peephole_routes).max() > 1e-3
    else:
        assert np.all(led.dc_peephole_routes == 0.0) and np.all(led.dpeephole_steps == 0.0)


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_dh_and_dc_at_a_step_match_finite_differences(variant):
    # L as a function of the state (h_t, c_t) alone, recomputed without the ledger: the loss at t
    # reads h_t, which depends on c_t (through tanh, o_t and, with peepholes, a_o), and the steps
    # after t are a fresh run from (h_t, c_t).
    p, xs = _peephole_lstm(), _xs()
    led = lstm_ledger(p, xs, EVERY_STEP, variant)
    tr, t = led.trace, 3
    o_block = p.block("o")
    a_o = o_block.W @ xs[t] + o_block.U @ tr.h[t - 1] + o_block.b  # without the peephole

    def h_of(c_t):
        a = a_o + (p.peephole[2] * c_t if variant == "peephole" else 0.0)
        o = np.ones(H) if variant == "no_output_gate" else 1.0 / (1.0 + np.exp(-a))
        return o * (c_t if variant == "no_output_activation" else np.tanh(c_t))

    def loss(h_t, c_t):
        return h_t.sum() + run_lstm(p, xs[t + 1 :], h_t, c_t, variant=variant).h.sum()

    c_t = tr.c[t].copy()
    assert np.allclose(h_of(c_t), tr.h[t], rtol=0, atol=1e-15)
    dc_numeric = numerical_gradient(lambda: loss(h_of(c_t), c_t), c_t)
    h_t = tr.h[t].copy()
    dh_numeric = numerical_gradient(lambda: loss(h_t, tr.c[t]), h_t)
    np.testing.assert_allclose(led.dc[t], dc_numeric, rtol=0, atol=1e-8)
    np.testing.assert_allclose(led.dh[t], dh_numeric, rtol=0, atol=1e-8)


def test_peephole_routes_are_the_peephole_weights_times_the_gate_deltas():
    p, xs = _peephole_lstm(), _xs()
    led = lstm_ledger(p, xs, EVERY_STEP, "peephole")
    t = 2
    np.testing.assert_array_equal(led.dc_peephole_routes[t, 0], led.da[t + 1, 0] * p.peephole[0])
    np.testing.assert_array_equal(led.dc_peephole_routes[t, 1], led.da[t + 1, 1] * p.peephole[1])
    np.testing.assert_array_equal(led.dc_peephole_routes[t, 2], led.da[t, 3] * p.peephole[2])
    np.testing.assert_array_equal(led.dc_peephole_routes[T - 1, :2], 0.0)  # no step after
    v = route_verdict(led, t)
    norms = np.linalg.norm(led.dc_peephole_routes[t], axis=1).sum()
    others = np.linalg.norm(led.dc_cell_route[t]) + np.linalg.norm(led.dc_h_route[t])
    assert v.peephole_share == pytest.approx(norms / (norms + others))
    assert route_verdict(lstm_ledger(p, xs, EVERY_STEP), t).peephole_share == 0.0


def test_h_route_without_output_activation_is_dh_times_o():
    p, xs = _peephole_lstm(), _xs()
    led = lstm_ledger(p, xs, EVERY_STEP, "no_output_activation")
    np.testing.assert_array_equal(led.dc_h_route, led.dh * led.trace.o)
    np.testing.assert_array_equal(led.trace.tanh_c, led.trace.c)


def test_branch_verdict_never_names_a_removed_gate():
    p, xs = _peephole_lstm(), _xs()
    for variant in ("no_forget", "coupled", "no_input_gate", "no_output_gate"):
        led = lstm_ledger(p, xs, EVERY_STEP, variant)
        for t in range(T - 1):
            assert branch_verdict(led, t).largest in led.gates, (variant, t)
