"""Backpropagation through time: one explicit reverse loop per model, in the spirit of
karpathy's min-char-rnn. The loop carries what arrives from the future (dh_next, dc_next) and
keeps, for every step, the total gradients dL/dh_t and dL/dc_t that the gradient pages plot.

Read it next to the forward equations (cells.py):

    forward                                   backward (dh, dc: total dL/dh_t, dL/dc_t)
    a_t = W x_t + U h_{t-1} + b               dW += da_tᵀ x_t, dU += da_tᵀ h_{t-1}, db += da_t
    i, f, o = σ(a_i), σ(a_f), σ(a_o)          da_i = di ⊙ i(1 - i), likewise f and o
    g = tanh(a_g)                             da_g = dg ⊙ (1 - g²)
    c_t = f ⊙ c_{t-1} + i ⊙ g                 di = dc ⊙ g, df = dc ⊙ c_{t-1}, dg = dc ⊙ i,
                                              dL/dc_{t-1} gets dc ⊙ f   (the cell path)
    h_t = o ⊙ tanh(c_t)                       do = dh ⊙ tanh(c_t), dc gets dh ⊙ o ⊙ (1 - tanh²c_t)
                                              dL/dh_{t-1} gets Uᵀ da_t = Σ over the four gates

The cell path multiplies the gradient by f_t at every step: it survives while f ≈ 1 and vanishes
when f is small. A plain RNN multiplies by Uᵀ diag(1 - h_t²) instead.

Overflow is not an error here: exploding gradients are something the app shows. Values beyond
float64 become inf (or nan where inf meets 0), without warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from lstm_core.params import GATES, LSTMParams, RNNParams
from lstm_core.sequence import LSTMTrace, RNNTrace
from lstm_core.validation import checked_array


@dataclass(frozen=True, eq=False)
class LSTMGrads:
    """Gradients of the loss. params: dL/dW (4H, D), dL/dU (4H, H), dL/db (4H,) as an LSTMParams.
    dh, dc: total dL/dh_t and dL/dc_t, (T, H) or (T, B, H) (the injected gradient plus all that
    arrives from later steps). da: dL/da_t for the pre-activations, (T, 4H) or (T, B, 4H), blocks
    i, f, g, o. dx: dL/dx_t, shaped like xs. dh0, dc0: dL/dh_0, dL/dc_0, shaped like h0."""

    params: LSTMParams
    dh: np.ndarray
    dc: np.ndarray
    da: np.ndarray
    dx: np.ndarray
    dh0: np.ndarray
    dc0: np.ndarray


@dataclass(frozen=True, eq=False)
class RNNGrads:
    """Gradients of the loss. params: dL/dW (H, D), dL/dU (H, H), dL/db (H,) as an RNNParams.
    dh: total dL/dh_t, (T, H) or (T, B, H). da: dL/da_t for a_t = W x_t + U h_{t-1} + b.
    dx: shaped like xs. dh0: shaped like h0."""

    params: RNNParams
    dh: np.ndarray
    da: np.ndarray
    dx: np.ndarray
    dh0: np.ndarray


def lstm_backward(p: LSTMParams, tr: LSTMTrace, dh: Any, dc: Any = None) -> LSTMGrads:
    """Backprop through the run `tr` of p. dh: dL/dh_t injected at every step (shape of tr.h);
    dc: optional dL/dc_t injected likewise. Uses the variant stored on the trace.
    Returns LSTMGrads (see there for the shapes)."""
    p.validate()
    T, B, H, D = _check_trace(p, tr.h, tr.xs)
    dh_all = _injected(dh, "dh", tr.h.shape, B, H).copy()  # becomes the total dL/dh_t
    dc_all = np.zeros((T, B, H)) if dc is None else _injected(dc, "dc", tr.h.shape, B, H).copy()
    i, f, g, o, c, tanh_c, h, xs = (
        _3d(v, tr.batched) for v in (tr.i, tr.f, tr.g, tr.o, tr.c, tr.tanh_c, tr.h, tr.xs)
    )
    h0, c0 = tr.h0.reshape(B, H), tr.c0.reshape(B, H)

    # What does not depend on the incoming gradient, for all steps at once:
    c_prev = np.concatenate([c0[None], c[:-1]])  # c_{t-1}, (T, B, H)
    # ∂c_t/∂i_t = g_t; coupled: c_t = (1 - i_t) c_{t-1} + i_t g_t, so ∂c_t/∂i_t = g_t - c_{t-1}
    dc_di = g - c_prev if tr.variant == "coupled" else g
    dh_dc = o * (1.0 - tanh_c**2)  # ∂h_t/∂c_t = o_t ⊙ (1 - tanh²c_t)
    dgate = np.empty((T, B, 4 * H))  # the gates' own derivatives w.r.t. their pre-activations
    dgate[..., :H] = i * (1.0 - i)  # σ'(a_i) = i(1 - i)
    dgate[..., H : 2 * H] = f * (1.0 - f) if tr.variant == "standard" else 0.0  # else unused
    dgate[..., 2 * H : 3 * H] = 1.0 - g**2  # tanh'(a_g) = 1 - g²
    dgate[..., 3 * H :] = o * (1.0 - o)  # σ'(a_o) = o(1 - o)

    da = np.empty((T, B, 4 * H))
    dh_next = np.zeros((B, H))  # dL/dh_t arriving from step t+1
    dc_next = np.zeros((B, H))  # dL/dc_t arriving from step t+1
    tmp = np.empty((B, H))
    U = p.U
    with np.errstate(over="ignore", invalid="ignore"):
        for t in reversed(range(T)):
            dh, dc, da_t = dh_all[t], dc_all[t], da[t]
            dh += dh_next  # dh = ∂L/∂h_t + what arrives from the future
            np.multiply(dh, dh_dc[t], out=tmp)
            dc += tmp  # through h_t = o_t ⊙ tanh(c_t)
            dc += dc_next  # dc = ∂L/∂c_t + dh ⊙ o ⊙ (1 - tanh²c_t) + dc_{t+1} ⊙ f_{t+1}
            np.multiply(dc, dc_di[t], out=da_t[:, :H])  # di = dc ⊙ g_t
            np.multiply(dc, c_prev[t], out=da_t[:, H : 2 * H])  # df = dc ⊙ c_{t-1}
            np.multiply(dc, i[t], out=da_t[:, 2 * H : 3 * H])  # dg = dc ⊙ i_t
            np.multiply(dh, tanh_c[t], out=da_t[:, 3 * H :])  # do = dh ⊙ tanh(c_t)
            da_t *= dgate[t]  # through σ and tanh: da = d(gate) ⊙ gate'(a)
            np.dot(da_t, U, out=dh_next)  # Σ over the four gates: U_iᵀda_i + U_fᵀda_f + …
            np.multiply(dc, f[t], out=dc_next)  # the cell path: multiplied by f_t

        # The weights are shared by all steps: sum their per-step gradients in single matmuls.
        da_flat = da.reshape(T * B, 4 * H)
        dW = da_flat.T @ xs.reshape(T * B, D)  # Σ_t da_tᵀ x_t
        dU = da[0].T @ h0 + da_flat[B:].T @ h[:-1].reshape((T - 1) * B, H)  # Σ_t da_tᵀ h_{t-1}
        db = da_flat.sum(axis=0)  # Σ_t da_t
        dx = da @ p.W  # dL/dx_t = Wᵀ da_t, (T, B, D)

    return LSTMGrads(
        params=LSTMParams(dW, dU, db),
        dh=_unbatch(dh_all, tr.batched),
        dc=_unbatch(dc_all, tr.batched),
        da=_unbatch(da, tr.batched),
        dx=_unbatch(dx, tr.batched),
        dh0=dh_next.reshape(tr.h0.shape),
        dc0=dc_next.reshape(tr.c0.shape),
    )


def rnn_backward(q: RNNParams, tr: RNNTrace, dh: Any) -> RNNGrads:
    """Backprop through the run `tr` of q. dh: dL/dh_t injected at every step (shape of tr.h).
    Returns RNNGrads (see there for the shapes)."""
    q.validate()
    T, B, H, D = _check_trace(q, tr.h, tr.xs)
    dh_all = _injected(dh, "dh", tr.h.shape, B, H).copy()  # becomes the total dL/dh_t
    h, xs = _3d(tr.h, tr.batched), _3d(tr.xs, tr.batched)
    h0 = tr.h0.reshape(B, H)

    dtanh = 1.0 - h**2  # tanh'(a_t) = 1 - h_t², for all steps at once
    da = np.empty((T, B, H))
    dh_next = np.zeros((B, H))  # dL/dh_t arriving from step t+1
    U = q.U
    with np.errstate(over="ignore", invalid="ignore"):
        for t in reversed(range(T)):
            dh = dh_all[t]
            dh += dh_next  # dh = ∂L/∂h_t + what arrives from the future
            np.multiply(dh, dtanh[t], out=da[t])  # through h_t = tanh(a_t): da = dh ⊙ (1 - h_t²)
            np.dot(da[t], U, out=dh_next)  # dL/dh_{t-1} gets Uᵀ da_t

        da_flat = da.reshape(T * B, H)
        dW = da_flat.T @ xs.reshape(T * B, D)  # Σ_t da_tᵀ x_t
        dU = da[0].T @ h0 + da_flat[B:].T @ h[:-1].reshape((T - 1) * B, H)  # Σ_t da_tᵀ h_{t-1}
        db = da_flat.sum(axis=0)
        dx = da @ q.W

    return RNNGrads(
        params=RNNParams(dW, dU, db),
        dh=_unbatch(dh_all, tr.batched),
        da=_unbatch(da, tr.batched),
        dx=_unbatch(dx, tr.batched),
        dh0=dh_next.reshape(tr.h0.shape),
    )


def recurrent_branches(p: LSTMParams, grads: LSTMGrads, t: int) -> dict[str, np.ndarray]:
    """The four branches through which step t sends gradient back to h_{t-1}:
    {"i": U_iᵀ da_i, "f": U_fᵀ da_f, "g": U_gᵀ da_g, "o": U_oᵀ da_o}, each (H,) or (B, H).
    Their sum is dL/dh_{t-1} minus what was injected at t-1 (for t = 0: dL/dh_0)."""
    T = grads.da.shape[0]
    if not -T <= t < T:
        raise ValueError(f"step t={t} is outside the sequence 0..{T - 1}")
    branches = {}
    for gate in GATES:
        s = p.gate_slice(gate)
        branches[gate] = grads.da[t][..., s] @ p.U[s]  # U_kᵀ da_k, as row vectors
    return branches


# --- helpers --------------------------------------------------------------------------------------


def _check_trace(p: LSTMParams | RNNParams, h: np.ndarray, xs: np.ndarray) -> tuple[int, ...]:
    """(T, B, H, D) of a trace, after checking it fits the parameters."""
    H, D = p.hidden_size, p.input_size
    if h.shape[-1] != H or xs.shape[-1] != D:
        raise ValueError(
            f"the trace has H={h.shape[-1]}, D={xs.shape[-1]} but the parameters have "
            f"H={H}, D={D}; backprop needs the parameters that produced the trace"
        )
    T = h.shape[0]
    B = h.shape[1] if h.ndim == 3 else 1
    return T, B, H, D


def _injected(value: Any, name: str, shape: tuple[int, ...], B: int, H: int) -> np.ndarray:
    """An injected gradient of the trace's shape, as a finite float64 (T, B, H) array."""
    batch = f"B={B}, " if len(shape) == 3 else ""
    meaning = f"the shape of tr.h for {batch}H={H}"
    a = checked_array(value, name, shape, meaning)
    return a.reshape(shape[0], B, H)


def _3d(a: np.ndarray, batched: bool) -> np.ndarray:
    return a if batched else a[:, None, :]


def _unbatch(a: np.ndarray, batched: bool) -> np.ndarray:
    """(T, B, ·) back to the caller's layout: unchanged if batched, else (T, ·)."""
    return a if batched else a[:, 0, :]
