"""Backpropagation through time: one explicit reverse loop per model, in the spirit of
karpathy's min-char-rnn. The loop carries what arrives from the future (dh_next, dc_next) and
keeps, for every step, the total gradients dL/dh_t and dL/dc_t that the gradient pages plot.

Read it next to the forward equations (cells.py). Step t, going back (dh_t, dc_t: the total
dL/dh_t and dL/dc_t; σ'(a) = σ(1 - σ) and tanh'(a) = 1 - tanh², written with the gates' values):

    forward                      backward
    h_t = o ⊙ tanh(c_t)          da_o = dh_t ⊙ tanh(c_t) ⊙ o(1 - o)
                                 dc_t gets dh_t ⊙ o ⊙ (1 - tanh²c_t)
    c_t = f ⊙ c_{t-1} + i ⊙ g    da_i = dc_t ⊙ g ⊙ i(1 - i),  da_f = dc_t ⊙ c_{t-1} ⊙ f(1 - f),
                                 da_g = dc_t ⊙ i ⊙ (1 - g²)
                                 dL/dc_{t-1} gets dc_t ⊙ f   (the cell path)
    a_t = W x_t + U h_{t-1} + b  dL/dh_{t-1} gets Uᵀda_t = U_iᵀda_i + U_fᵀda_f + U_gᵀda_g + U_oᵀda_o
                                 dW += da_tᵀ x_t, dU += da_tᵀ h_{t-1}, db += da_t, dx_t = Wᵀ da_t

The variants (cells.py) change only these local factors, plus three terms for the peepholes:

    no_forget, coupled     da_f = 0 (f_t does not depend on a_f); coupled: c_t = (1 - i) ⊙ c_{t-1}
                           + i ⊙ g, so da_i = dc_t ⊙ (g - c_{t-1}) ⊙ i(1 - i)
    no_input_gate          da_i = 0 (i_t = 1)         no_output_gate        da_o = 0 (o_t = 1)
    no_input_activation    da_g = dc_t ⊙ i            (g_t = a_g: its slope is 1)
    no_output_activation   dc_t gets dh_t ⊙ o, and da_o = dh_t ⊙ c_t ⊙ o(1 - o)   (h_t = o ⊙ c_t)
    peephole               dc_t also gets da_o ⊙ p_o  (o_t looks at c_t), and dL/dc_{t-1} also
                           gets da_i ⊙ p_i + da_f ⊙ p_f (i_t and f_t look at c_{t-1});
                           dp_i += da_i ⊙ c_{t-1}, dp_f += da_f ⊙ c_{t-1}, dp_o += da_o ⊙ c_t

The factors that do not depend on the gradient (g ⊙ i(1 - i) = ∂c_t/∂a_i and the like) are
computed for all steps before the loop; the loop multiplies and adds H numbers at a time, each
result written into its row of a preallocated array: `np.add(x, y, out)` puts x + y into its
third argument (given positionally: numpy parses out= for ~0.1 µs more per call, which is a tenth
of the plain RNN's step).

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
from lstm_core.validation import injected_gradient, trace_sizes


@dataclass(frozen=True, eq=False)
class LSTMGrads:
    """Gradients of the loss. params: dL/dW (4H, D), dL/dU (4H, H), dL/db (4H,) and
    dL/dpeephole (3, H; rows p_i, p_f, p_o; zeros unless the variant is "peephole") as an
    LSTMParams; the blocks of a gate the variant takes away are exactly 0.
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
    dx: shaped like xs. dh0: shaped like h0. cut: with clip_per_step, which steps' dL/dh_t were
    rescaled, (T,) or (T, B) bool; None without."""

    params: RNNParams
    dh: np.ndarray
    da: np.ndarray
    dx: np.ndarray
    dh0: np.ndarray
    cut: np.ndarray | None = None


def lstm_backward(p: LSTMParams, tr: LSTMTrace, dh: Any, dc: Any = None) -> LSTMGrads:
    """Backprop through the run `tr` of p. dh: dL/dh_t injected at every step (shape of tr.h);
    dc: optional dL/dc_t injected likewise. Uses the variant stored on the trace.
    Returns LSTMGrads (see there for the shapes)."""
    p.validate()
    T, B, H, D = trace_sizes(p, tr.h, tr.xs)
    dh_injected = injected_gradient(dh, "dh", tr.h.shape, B, H)  # (T, B, H), only read
    dc_injected = (
        np.zeros((T, B, H)) if dc is None else injected_gradient(dc, "dc", tr.h.shape, B, H)
    )
    i, f, g, o, c, tanh_c, h, xs = (
        _3d(v, tr.batched) for v in (tr.i, tr.f, tr.g, tr.o, tr.c, tr.tanh_c, tr.h, tr.xs)
    )
    h0, c0 = tr.h0.reshape(B, H), tr.c0.reshape(B, H)
    c_prev = np.concatenate([c0[None], c[:-1]])  # c_{t-1}, (T, B, H)
    h_prev = np.concatenate([h0[None], h[:-1]])  # h_{t-1}, (T, B, H)
    variant = tr.variant
    peephole = variant == "peephole"

    # The local derivatives of every step, for all steps at once (they do not depend on the
    # gradient): σ'(a) = σ(1 - σ) and tanh'(a) = 1 - tanh², written with the gates' values.
    # A gate the variant takes away is the constant 1: its derivative is 0.
    zeros = np.zeros((T, B, H))
    if variant == "no_input_gate":
        dc_dai = zeros  # i_t = 1
    elif variant == "coupled":  # c_t = (1 - i_t) ⊙ c_{t-1} + i_t ⊙ g_t
        dc_dai = (g - c_prev) * i * (1.0 - i)  # ∂c_t/∂a_i = (g_t - c_{t-1}) ⊙ i_t(1 - i_t)
    else:
        dc_dai = g * i * (1.0 - i)  # ∂c_t/∂a_i = g_t ⊙ i_t(1 - i_t)
    if variant in ("no_forget", "coupled"):
        dc_daf = zeros  # f_t does not depend on a_f
    else:
        dc_daf = c_prev * f * (1.0 - f)  # ∂c_t/∂a_f = c_{t-1} ⊙ f_t(1 - f_t)
    if variant == "no_input_activation":
        dc_dag = i  # ∂c_t/∂a_g = i_t, as g_t = a_g
    else:
        dc_dag = i * (1.0 - g * g)  # ∂c_t/∂a_g = i_t ⊙ (1 - g_t²)
    if variant == "no_output_gate":
        dh_dao = zeros  # o_t = 1
    else:
        dh_dao = tanh_c * o * (1.0 - o)  # ∂h_t/∂a_o = tanh(c_t) ⊙ o_t(1 - o_t) (c_t: no tanh)
    if variant == "no_output_activation":
        dh_dc = o  # ∂h_t/∂c_t = o_t, as h_t = o_t ⊙ c_t
    else:
        dh_dc = o * (1.0 - tanh_c * tanh_c)  # ∂h_t/∂c_t = o_t ⊙ (1 - tanh²(c_t))

    dh_total, dc_total = np.empty((T, B, H)), np.empty((T, B, H))  # filled row by row
    da = np.empty((T, B, 4 * H))  # dL/da_t, blocks i, f, g, o like the rows of W
    da_i, da_f, da_g, da_o = (da[..., k * H : (k + 1) * H] for k in range(4))
    dc_via = np.empty((B, H))
    U = p.U
    p_i, p_f, p_o = p.peephole  # (H,) each; only the peephole variant reads them
    dh_next = np.zeros((B, H))  # dL/dh_t sent back by step t+1 (nothing after the last step)
    dc_next = np.zeros((B, H))  # dL/dc_t sent back by step t+1
    with np.errstate(over="ignore", invalid="ignore"):
        for t in reversed(range(T)):
            dh_t = np.add(dh_injected[t], dh_next, dh_total[t])  # dL/dh_t
            np.multiply(dh_t, dh_dao[t], da_o[t])  # da_o = dh_t ⊙ ∂h_t/∂a_o
            dc_t = np.add(dc_injected[t], dc_next, dc_total[t])  # dL/dc_t, so far
            dc_t += np.multiply(dh_t, dh_dc[t], dc_via)  # + through h_t = o_t ⊙ tanh(c_t)
            if peephole:
                dc_t += np.multiply(da_o[t], p_o, dc_via)  # + through a_o ∋ p_o ⊙ c_t
            np.multiply(dc_t, dc_dai[t], da_i[t])  # da_i = dc_t ⊙ ∂c_t/∂a_i
            np.multiply(dc_t, dc_daf[t], da_f[t])  # da_f = dc_t ⊙ ∂c_t/∂a_f
            np.multiply(dc_t, dc_dag[t], da_g[t])  # da_g = dc_t ⊙ ∂c_t/∂a_g
            np.dot(da[t], U, dh_next)  # dL/dh_{t-1}: U_iᵀda_i + U_fᵀda_f + U_gᵀda_g + U_oᵀda_o
            np.multiply(dc_t, f[t], dc_next)  # dL/dc_{t-1}: the cell path, times f_t
            if peephole:
                dc_next += np.multiply(da_i[t], p_i, dc_via)  # + through a_i ∋ p_i ⊙ c_{t-1}
                dc_next += np.multiply(da_f[t], p_f, dc_via)  # + through a_f ∋ p_f ⊙ c_{t-1}

        # The weights are shared by all steps: sum their per-step gradients in single matmuls.
        da_flat = da.reshape(T * B, 4 * H)
        dW = da_flat.T @ xs.reshape(T * B, D)  # Σ_t da_tᵀ x_t
        dU = da_flat.T @ h_prev.reshape(T * B, H)  # Σ_t da_tᵀ h_{t-1}
        db = da_flat.sum(axis=0)  # Σ_t da_t
        dx = (da_flat @ p.W).reshape(T, B, D)  # dL/dx_t = Wᵀ da_t
        dP = np.zeros((3, H))  # dL/dp_i, dL/dp_f, dL/dp_o
        if peephole:
            dP[0] = np.einsum("tbh,tbh->h", da_i, c_prev)  # Σ_t da_i ⊙ c_{t-1}
            dP[1] = np.einsum("tbh,tbh->h", da_f, c_prev)  # Σ_t da_f ⊙ c_{t-1}
            dP[2] = np.einsum("tbh,tbh->h", da_o, c)  # Σ_t da_o ⊙ c_t

    return LSTMGrads(
        params=LSTMParams(dW, dU, db, dP),
        dh=_unbatch(dh_total, tr.batched),
        dc=_unbatch(dc_total, tr.batched),
        da=_unbatch(da, tr.batched),
        dx=_unbatch(dx, tr.batched),
        dh0=dh_next.reshape(tr.h0.shape),
        dc0=dc_next.reshape(tr.c0.shape),
    )


def rnn_backward(
    q: RNNParams, tr: RNNTrace, dh: Any, clip_per_step: float | None = None
) -> RNNGrads:
    """Backprop through the run `tr` of q. dh: dL/dh_t injected at every step (shape of tr.h).
    clip_per_step: θ > 0 rescales the total dL/dh_t of an example to norm θ whenever it is larger,
    before it travels on to step t-1 (the per-step clipping that lstm_core.lab.gradient_flow
    compares with clipping the finished gradient); None (default) does not clip.
    Returns RNNGrads (see there for the shapes)."""
    q.validate()
    T, B, H, D = trace_sizes(q, tr.h, tr.xs)
    if clip_per_step is not None and not clip_per_step > 0:
        raise ValueError(f"the clipping threshold must be a positive number, got {clip_per_step!r}")
    dh_injected = injected_gradient(dh, "dh", tr.h.shape, B, H)  # (T, B, H), only read
    h, xs = _3d(tr.h, tr.batched), _3d(tr.xs, tr.batched)
    h_prev = np.concatenate([tr.h0.reshape(1, B, H), h[:-1]])  # h_{t-1}, (T, B, H)
    dh_da = 1.0 - h * h  # ∂h_t/∂a_t = tanh'(a_t) = 1 - h_t², for all steps at once

    dh_total = np.empty((T, B, H))  # filled row by row
    da = np.empty((T, B, H))
    cut = np.zeros((T, B), dtype=bool)
    U = q.U
    dh_next = np.zeros((B, H))  # dL/dh_t sent back by step t+1 (nothing after the last step)
    with np.errstate(over="ignore", invalid="ignore"):
        for t in reversed(range(T)):
            dh_t = np.add(dh_injected[t], dh_next, dh_total[t])  # dL/dh_t
            if clip_per_step is not None:
                _clip_rows(dh_t, clip_per_step, cut[t])
            np.multiply(dh_t, dh_da[t], da[t])  # da_t = dh_t ⊙ (1 - h_t²)
            np.dot(da[t], U, dh_next)  # dL/dh_{t-1} = Uᵀ da_t

        da_flat = da.reshape(T * B, H)
        dW = da_flat.T @ xs.reshape(T * B, D)  # Σ_t da_tᵀ x_t
        dU = da_flat.T @ h_prev.reshape(T * B, H)  # Σ_t da_tᵀ h_{t-1}
        db = da_flat.sum(axis=0)  # Σ_t da_t
        dx = (da_flat @ q.W).reshape(T, B, D)  # dL/dx_t = Wᵀ da_t

    return RNNGrads(
        params=RNNParams(dW, dU, db),
        dh=_unbatch(dh_total, tr.batched),
        da=_unbatch(da, tr.batched),
        dx=_unbatch(dx, tr.batched),
        dh0=dh_next.reshape(tr.h0.shape),
        cut=None if clip_per_step is None else (cut if tr.batched else cut[:, 0]),
    )


def recurrent_branches(p: LSTMParams, grads: LSTMGrads, t: int) -> dict[str, np.ndarray]:
    """The four branches through which step t sends gradient back to h_{t-1}:
    {"i": U_iᵀ da_i, "f": U_fᵀ da_f, "g": U_gᵀ da_g, "o": U_oᵀ da_o}, each (H,) or (B, H).
    Their sum is dL/dh_{t-1} minus what was injected at t-1 (for t = 0: dL/dh_0). The branch of
    a gate the variant takes away (or of f in "coupled") is exactly 0."""
    T = grads.da.shape[0]
    if not -T <= t < T:
        raise ValueError(f"step t={t} is outside the sequence 0..{T - 1}")
    branches = {}
    for gate in GATES:
        s = p.gate_slice(gate)
        branches[gate] = grads.da[t][..., s] @ p.U[s]  # U_kᵀ da_k, as row vectors
    return branches


# --- helpers --------------------------------------------------------------------------------------


def _clip_rows(dh_t: np.ndarray, threshold: float, cut: np.ndarray) -> None:
    """Rescale each row of dh_t (B, H) whose norm exceeds θ to norm θ, in place (same direction);
    mark those rows in cut (B,)."""
    size = np.sqrt(np.einsum("bh,bh->b", dh_t, dh_t))
    np.greater(size, threshold, out=cut)
    if cut.any():
        dh_t[cut] *= (threshold / size[cut])[:, None]


def _3d(a: np.ndarray, batched: bool) -> np.ndarray:
    return a if batched else a[:, None, :]


def _unbatch(a: np.ndarray, batched: bool) -> np.ndarray:
    """(T, B, ·) back to the caller's layout: unchanged if batched, else (T, ·)."""
    return a if batched else a[:, 0, :]
