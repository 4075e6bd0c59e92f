"""Connectivity ‖∂ŷ_τ/∂x_t‖ of a model with a read-out: against finite differences, causal,
and on the adding problem a trained LSTM's last output depends on the two marked steps."""

import numpy as np
import pytest

from lstm_core.lab.connectivity import adding_models, connectivity, focus
from lstm_core.lab.train import Model, evaluate, init_model, predict


def _numeric_connectivity(model: Model, xs: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """‖∂ŷ_τ/∂x_t‖ by central differences of predict() (independent of the backward pass)."""
    T, D = xs.shape
    K = model.n_outputs
    J = np.zeros((T, K, T, D))  # ∂ŷ_τ,k / ∂x_t,d
    for t in range(T):
        for d in range(D):
            up, down = xs.copy(), xs.copy()
            up[t, d] += eps
            down[t, d] -= eps
            y_up = predict(model, up[:, None, :])[:, 0]  # (T, K)
            y_down = predict(model, down[:, None, :])[:, 0]
            J[:, :, t, d] = (y_up - y_down) / (2 * eps)
    return np.sqrt((J**2).sum(axis=(1, 3)))


@pytest.mark.parametrize("kind", ["lstm", "rnn"])
def test_connectivity_matches_finite_differences(kind):
    model = init_model(kind, input_size=2, hidden_size=3, n_outputs=2, seed=4, init="torch")
    model.c[:] = [0.3, -0.2]
    xs = np.random.default_rng(0).normal(size=(6, 2))
    C = connectivity(model, xs)
    assert C.shape == (6, 6)
    np.testing.assert_allclose(C, _numeric_connectivity(model, xs), rtol=1e-6, atol=1e-9)


def test_connectivity_is_zero_above_the_diagonal_and_positive_on_it():
    model = init_model("lstm", input_size=1, hidden_size=4, seed=1, init="torch")
    C = connectivity(model, np.random.default_rng(2).normal(size=(40, 1)))  # > one chunk
    assert np.all(np.triu(C, 1) == 0.0)
    assert np.all(np.diag(C) > 0.0)


def test_connectivity_refuses_a_sequence_of_the_wrong_width():
    model = init_model("rnn", input_size=2, hidden_size=3)
    with pytest.raises(ValueError, match="D=2"):
        connectivity(model, np.zeros((5, 3)))


def test_focus_share_and_ratio():
    v = focus(np.array([1.0, 3.0, 1.0, 3.0]), [1, 3])
    assert v.share == pytest.approx(0.75) and v.ratio == pytest.approx(3.0)
    assert focus(np.zeros(4), [1]).no_gradient
    assert focus(np.array([0.0, 2.0]), [1]).ratio == float("inf")


def test_trained_lstm_concentrates_on_the_marked_steps_more_than_a_trained_rnn():
    """Adding problem, T = 20: both models trained the same way (Adam, 20 epochs of 400
    examples, under a second together). The LSTM solves it (val MSE far below the constant
    guess 0.167); its last output's dependence on the inputs falls on the two marked steps
    (share well above the 2/20 of a uniform spread), the RNN's does not."""
    models, val = adding_models()
    shares = {}
    for kind, model in models.items():
        if kind == "lstm":
            assert evaluate(model, val)[0] < 0.05
        values = []
        for n in range(10):
            xs = val.xs[:, n]
            marked = np.flatnonzero(xs[:, 1])
            values.append(focus(connectivity(model, xs)[-1], marked).share)
        shares[kind] = float(np.mean(values))
    assert shares["lstm"] > 0.25
    assert shares["lstm"] > 2 * shares["rnn"]
