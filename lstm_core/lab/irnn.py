"""The IRNN of Le, Jaitly & Hinton 2015: a plain RNN with rectified linear units whose recurrent
matrix starts as the identity.

    h_t = relu(W x_t + U h_{t-1} + b),   U₀ = I,  b₀ = 0,  W₀ ~ N(0, 0.001²)

With U = I and b = 0 the state adds up its inputs and keeps what it has: nothing is forgotten
and, while the units stay positive, the gradient passes back through time unchanged
(∂h_t/∂h_{t-1} = diag(h_t > 0) U = I). Training then has to learn what to forget.

Backward, step t going back (as rnn_backward, with relu' in place of tanh' = 1 − h²):

    da_t = dh_t ⊙ [h_t > 0],   dL/dh_{t-1} = Uᵀ da_t,
    dW = Σ_t da_tᵀ x_t,   dU = Σ_t da_tᵀ h_{t-1},   db = Σ_t da_t.

The weights keep PyTorch's names (nn.RNN(nonlinearity="relu") loads to_torch()).
Shapes: xs (T, D) or (T, B, D); traces (T, H) or (T, B, H).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lstm_core.backward import RNNGrads
from lstm_core.cells import input_projection
from lstm_core.params import RNNParams
from lstm_core.sequence import RNNTrace
from lstm_core.validation import (
    initial_state,
    injected_gradient,
    sequence_input,
    state_spec,
    trace_sizes,
)

INPUT_STD = 0.001  # Le et al.: the other weights from N(0, 0.001²)
OVERFLOW = (
    "the IRNN's state overflowed float64 (values beyond 1.8e308): nothing bounds a relu unit; "
    "use smaller inputs or weights"
)


class IRNNParams(RNNParams):
    """A ReLU RNN's weights: W (H, D), U (H, H), b (H,) (an RNNParams whose run is relu)."""

    @classmethod
    def init(  # type: ignore[override]
        cls, input_size: int, hidden_size: int, seed: int | None = 0, input_std: float = INPUT_STD
    ) -> IRNNParams:
        """U = I, b = 0, W ~ N(0, input_std²) from np.random.default_rng(seed)."""
        for name, value in (("input_size", input_size), ("hidden_size", hidden_size)):
            if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        rng = np.random.default_rng(seed)
        W = rng.normal(0.0, input_std, (hidden_size, input_size))
        return cls(W, np.eye(hidden_size), np.zeros(hidden_size))


def run_irnn(q: RNNParams, xs: Any, h0: Any = None) -> RNNTrace:
    """Run h_t = relu(W x_t + U h_{t-1} + b) over xs (T, D) or (T, B, D) from h0 (default 0).
    Returns an RNNTrace with h (T, H) or (T, B, H)."""
    q.validate()
    xs, batched = sequence_input(xs, q.input_size)
    T, B, _ = xs.shape
    H = q.hidden_size
    h0 = initial_state(h0, "h0", *state_spec(B, H, batched))
    h = np.empty((T, B, H))
    a = input_projection(xs, q.W, q.b)  # (T, B, H): W x_t + b for all steps
    UT = np.ascontiguousarray(q.U.T)
    Uh = np.empty((B, H))
    h_prev = h0.reshape(B, H)
    with np.errstate(over="ignore", invalid="ignore"):  # a relu net can overflow: checked below
        for t, a_t in enumerate(a):
            a_t += np.dot(h_prev, UT, out=Uh)  # a_t = W x_t + U h_{t-1} + b
            h_prev = np.maximum(a_t, 0.0, out=h[t])  # h_t = relu(a_t)
    if not np.isfinite(h).all():  # nothing bounds a relu: its state can leave float64
        raise ValueError(OVERFLOW)
    xs_out = xs if batched else xs[:, 0, :]
    return RNNTrace(h=h if batched else h.reshape(T, H), h0=h0, xs=xs_out)


def irnn_backward(q: RNNParams, tr: RNNTrace, dh: Any) -> RNNGrads:
    """Backprop through the run `tr` of q. dh: dL/dh_t injected at every step (shape of tr.h).
    Returns RNNGrads whose params hold dL/dW, dL/dU, dL/db."""
    q.validate()
    T, B, H, D = trace_sizes(q, tr.h, tr.xs)
    dh_injected = injected_gradient(dh, "dh", tr.h.shape, B, H)
    h, xs = tr.h.reshape(T, B, H), tr.xs.reshape(T, B, D)
    h_prev = np.concatenate([tr.h0.reshape(1, B, H), h[:-1]])  # h_{t-1}, (T, B, H)
    active = h > 0.0  # relu'(a_t) = [a_t > 0] = [h_t > 0]

    dh_total = np.empty((T, B, H))
    da = np.empty((T, B, H))
    dh_next = np.zeros((B, H))
    with np.errstate(over="ignore", invalid="ignore"):
        for t in reversed(range(T)):
            dh_t = np.add(dh_injected[t], dh_next, dh_total[t])  # dL/dh_t
            np.multiply(dh_t, active[t], da[t])  # da_t = dh_t ⊙ [h_t > 0]
            np.dot(da[t], q.U, dh_next)  # dL/dh_{t-1} = Uᵀ da_t
        da_flat = da.reshape(T * B, H)
        dW = da_flat.T @ xs.reshape(T * B, D)
        dU = da_flat.T @ h_prev.reshape(T * B, H)
        db = da_flat.sum(axis=0)
        dx = (da_flat @ q.W).reshape(tr.xs.shape)
    return RNNGrads(
        params=IRNNParams(dW, dU, db),
        dh=dh_total.reshape(tr.h.shape),
        da=da.reshape(tr.h.shape),
        dx=dx,
        dh0=dh_next.reshape(tr.h0.shape),
        cut=None,
    )
