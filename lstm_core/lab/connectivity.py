"""Connectivity of a model with a linear read-out (the Distill 2019 "memorization in RNNs" view):
how strongly each output ŷ_τ = V h_τ + c depends on each input x_t,

    C[τ, t] = ‖∂ŷ_τ / ∂x_t‖   (Frobenius norm of the (K, D) Jacobian),   C: (T, T),

zero above the diagonal (an output never depends on later inputs).

Row τ is one backward pass with ∂L/∂h_τ = V[k] injected at step τ alone (one pass per output
number k): the pass's ∂L/∂x_t is row k of ∂ŷ_τ/∂x_t. All T·K passes run at once, as the examples
of one batch (the same sequence copied along the batch axis), CHUNK outputs at a time so that
the batch's arrays stay a few MB.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.backward import lstm_backward, rnn_backward
from lstm_core.lab.tasks import Dataset, make_task
from lstm_core.lab.train import Model, TrainConfig, run, train

ADDING_T = 20  # long enough that a plain RNN fails the adding problem, short enough to train fast
CHUNK = 32  # backward passes per batch: (T, CHUNK, 4H) floats per array, 1.6 MB at T=200, H=32


def connectivity(model: Model, xs: np.ndarray) -> np.ndarray:
    """C[τ, t] = ‖∂ŷ_τ/∂x_t‖ for one sequence xs (T, D), from a zero state: (T, T)."""
    xs = np.asarray(xs, dtype=np.float64)
    if xs.ndim != 2 or xs.shape[1] != model.cell.input_size:
        raise ValueError(
            f"connectivity takes one sequence xs (T, D) with D={model.cell.input_size}, "
            f"got shape {xs.shape}"
        )
    T = xs.shape[0]
    K, H = model.V.shape
    outputs = [(tau, k) for tau in range(T) for k in range(K)]  # one backward pass each
    squares = np.zeros((T, T))  # Σ over k and D of (∂ŷ_τ,k/∂x_t,d)², row τ
    backward = lstm_backward if model.kind == "lstm" else rnn_backward
    for start in range(0, len(outputs), CHUNK):
        chunk = outputs[start : start + CHUNK]
        B = len(chunk)
        tr = run(model, np.broadcast_to(xs[:, None, :], (T, B, xs.shape[1])).copy())
        dh = np.zeros((T, B, H))
        for b, (tau, k) in enumerate(chunk):
            dh[tau, b] = model.V[k]  # ∂ŷ_τ,k/∂h_τ
        dx = backward(model.cell, tr, dh).dx  # (T, B, D): row k of ∂ŷ_τ/∂x_t
        per_pass = np.sum(dx * dx, axis=2)  # (T, B)
        for b, (tau, _k) in enumerate(chunk):
            squares[tau] += per_pass[:, b]
    return np.sqrt(squares)


@dataclass(frozen=True)
class FocusVerdict:
    """How much of one output's dependence on the inputs falls on chosen steps (e.g. the two
    marked steps of the adding problem): `share` = Σ_{t ∈ steps} C[τ, t] / Σ_t C[τ, t], and
    `ratio`, the mean over the chosen steps divided by the mean over the others (inf when the
    others are exactly 0). `no_gradient` when the whole row is 0 or not finite."""

    share: float
    ratio: float
    no_gradient: bool


def focus(row: np.ndarray, steps: np.ndarray | list[int]) -> FocusVerdict:
    """The verdict for one row C[τ] (T,) and the chosen steps."""
    row = np.asarray(row, dtype=np.float64)
    chosen = np.zeros(len(row), dtype=bool)
    chosen[np.asarray(steps, dtype=int)] = True
    total = float(row.sum())
    if not np.isfinite(total) or total == 0.0:
        return FocusVerdict(0.0, 0.0, True)
    inside = float(row[chosen].mean())
    outside = float(row[~chosen].mean()) if (~chosen).any() else 0.0
    ratio = inside / outside if outside > 0 else float("inf")
    return FocusVerdict(float(row[chosen].sum()) / total, ratio, False)


def adding_models(T: int = ADDING_T, seed: int = 0) -> tuple[dict[str, Model], Dataset]:
    """An LSTM and an RNN (H = 8, linear read-out) trained the same way on the adding problem of
    length T (400 examples, Adam lr 0.01, batches of 20, 20 epochs: under a second together at
    T = 20), and the validation set (200 examples). Deterministic for the seed."""
    task = make_task("adding", T=T, seed=seed, n_train=400, n_val=200)
    models = {}
    for kind in ("lstm", "rnn"):
        config = TrainConfig(
            model=kind,
            hidden_size=8,
            optimizer="adam",
            learning_rate=0.01,
            batch_size=20,
            epochs=20,
            seed=seed,
        )
        models[kind] = train(task.train, config).model
    assert task.val is not None
    return models, task.val
