"""The IRNN (Le et al. 2015): identity start, relu steps, and a backward pass that matches
finite differences."""

import numpy as np
import pytest

from lstm_core.lab.irnn import IRNNParams, irnn_backward, run_irnn

from fd_support import numerical_gradient


def test_irnn_starts_with_identity_recurrence_zero_bias_and_tiny_input_weights():
    q = IRNNParams.init(3, 50, seed=0)
    assert np.array_equal(q.U, np.eye(50)) and np.array_equal(q.b, np.zeros(50))
    assert q.W.shape == (50, 3) and abs(q.W.std() - 0.001) < 0.0002
    assert set(q.to_torch()) == {"weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"}


def test_with_identity_and_positive_inputs_the_state_adds_its_inputs_up():
    q = IRNNParams(np.eye(2), np.eye(2), np.zeros(2))
    xs = np.array([[1.0, 0.5], [2.0, -3.0], [0.5, 1.0]])
    h = run_irnn(q, xs).h
    # h_1 = (1, 0.5); h_2 = relu(1 + 2, 0.5 − 3) = (3, 0); h_3 = (3.5, 1)
    assert np.array_equal(h, [[1.0, 0.5], [3.0, 0.0], [3.5, 1.0]])


def test_batched_run_equals_each_example_run_alone():
    q = IRNNParams.init(2, 4, seed=1, input_std=0.5)
    xs = np.random.default_rng(2).normal(size=(6, 3, 2))
    h = run_irnn(q, xs).h
    for k in range(3):
        assert np.allclose(h[:, k], run_irnn(q, xs[:, k]).h)


def test_irnn_backward_matches_finite_differences():
    rng = np.random.default_rng(3)
    q = IRNNParams(rng.normal(size=(5, 2)), 0.6 * rng.normal(size=(5, 5)), rng.normal(size=5))
    xs = rng.normal(size=(7, 3, 2))
    weights = rng.normal(size=(7, 3, 5))  # L = Σ weights ⊙ h

    def loss(p):
        return float((weights * run_irnn(p, xs).h).sum())

    g = irnn_backward(q, run_irnn(q, xs), weights).params
    for name in ("W", "U", "b"):
        numeric = numerical_gradient(lambda: loss(q), getattr(q, name))
        assert np.allclose(getattr(g, name), numeric, atol=1e-6), name


def test_irnn_gradient_passes_back_unchanged_through_identity_while_units_are_on():
    q = IRNNParams(np.ones((1, 1)), np.eye(1), np.zeros(1))
    xs = np.ones((50, 1))
    dh = np.zeros((50, 1))
    dh[-1] = 1.0
    grads = irnn_backward(q, run_irnn(q, xs), dh)
    assert np.array_equal(grads.dh[:, 0], np.ones(50))  # tanh would shrink it step by step


def test_an_exploding_irnn_raises_a_clear_error():
    q = IRNNParams(np.ones((1, 1)), np.full((1, 1), 1e200), np.zeros(1))
    with pytest.raises(ValueError, match="overflow"):
        run_irnn(q, np.ones((5, 1)))
