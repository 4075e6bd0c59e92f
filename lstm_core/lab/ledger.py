"""The BPTT ledger: every term of backprop through time, step by step, as numbers a student can
check against the equations (the "Backprop through time" page shows them).

The loss is the simplest one whose gradient a student can write down by hand: a fixed read-out
w = (1, 1, …, 1) of the hidden state at the loss steps,

    L = Σ_{τ ∈ loss steps} w · h_τ = Σ_τ Σ_j h_{τ,j},     so  ∂L/∂h_τ = w = 1 (every unit).

The loss steps are one chosen step τ, or every step. Backward, for the LSTM (gates i, f, g, o;
δ means ∂L/∂):

    δh_t = [∂L/∂h_t, from the loss at t]
           + U_iᵀ δa_i,t+1 + U_fᵀ δa_f,t+1 + U_gᵀ δa_g,t+1 + U_oᵀ δa_o,t+1
    δc_t = δh_t ⊙ o_t ⊙ (1 − tanh² c_t)     (the h-route: through h_t = o_t ⊙ tanh c_t)
           + δc_{t+1} ⊙ f_{t+1}             (the cell route: through c_{t+1} = f_{t+1} ⊙ c_t + …)
    δa_i = δc_t ⊙ g_t ⊙ i_t(1 − i_t)     δa_f = δc_t ⊙ c_{t−1} ⊙ f_t(1 − f_t)
    δa_g = δc_t ⊙ i_t ⊙ (1 − g_t²)       δa_o = δh_t ⊙ tanh c_t ⊙ o_t(1 − o_t)
    ∂L/∂W = Σ_t δa_t x_tᵀ,   ∂L/∂U = Σ_t δa_t h_{t−1}ᵀ,   ∂L/∂b = Σ_t δa_t,   ∂L/∂x_t = Wᵀ δa_t

The variants (lstm_core.cells) change these terms as follows. A gate the variant takes away
(i = 1, o = 1, f = 1) or f = 1 − i in "coupled" has no weights of its own, so its δa is 0 and
its branch U_kᵀ δa_k is exactly 0: the ledger keeps the four rows, and `gates` names those
present (lstm_core.gates_used).

    no_forget      the cell route is δc_{t+1} (f = 1); δa_f = 0
    coupled        the cell route is δc_{t+1} ⊙ (1 − i_{t+1}); δa_i = δc_t ⊙ (g_t − c_{t−1}) ⊙
                   i_t(1 − i_t); δa_f = 0
    no_input_gate  δa_i = 0                no_output_gate   δa_o = 0, h-route δh_t ⊙ (1 − tanh² c_t)
    no_input_activation    δa_g = δc_t ⊙ i_t
    no_output_activation   h-route δh_t ⊙ o_t (h_t = o_t ⊙ c_t); δa_o = δh_t ⊙ c_t ⊙ o_t(1 − o_t)
    peephole       δc_t has three more routes, each its own term (dc_peephole_routes):
                     δa_i,t+1 ⊙ p_i   (i_{t+1} sees c_t)     δa_f,t+1 ⊙ p_f   (f_{t+1} sees c_t)
                     δa_o,t ⊙ p_o     (o_t sees c_t, in the same step)
                   and ∂L/∂p_i = Σ_t δa_i,t ⊙ c_{t−1}, ∂L/∂p_f = Σ_t δa_f,t ⊙ c_{t−1},
                   ∂L/∂p_o = Σ_t δa_o,t ⊙ c_t (dpeephole_steps)

and for the plain RNN (h_t = tanh(W x_t + U h_{t−1} + b)):

    δh_t = [from the loss at t] + Uᵀ(δh_{t+1} ⊙ (1 − h²_{t+1})),   δa_t = δh_t ⊙ (1 − h_t²).

The totals come from lstm_core's lstm_backward / rnn_backward; the ledger splits them into the
terms above (each term is recomputed from the trace and the δa that the backward pass returned,
so the terms add up to the totals to rounding). Shapes: T steps, H units, D inputs, batch 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.backward import LSTMGrads, RNNGrads, lstm_backward, rnn_backward
from lstm_core.cells import gates_used
from lstm_core.params import GATES, LSTMParams, RNNParams
from lstm_core.sequence import LSTMTrace, RNNTrace, run_lstm, run_rnn

EVERY_STEP = -1  # loss_step value meaning "a loss at every step"
# Below this share of the weight gradient, the early steps "contribute almost nothing".
EARLY_SHARE_SMALL = 0.01


def loss_gradient(T: int, H: int, loss_step: int) -> np.ndarray:
    """∂L/∂h_t injected by L = Σ_τ w·h_τ with w = 1: (T, H), ones at the loss step (or at every
    step for loss_step = EVERY_STEP), zeros elsewhere."""
    dh = np.zeros((T, H))
    if loss_step == EVERY_STEP:
        dh[:] = 1.0
    elif 0 <= loss_step < T:
        dh[loss_step] = 1.0
    else:
        raise ValueError(f"the loss step must be in 0..{T - 1} (or every step), got {loss_step}")
    return dh


def loss_value(h: np.ndarray, loss_step: int) -> float:
    """L = Σ_τ w·h_τ for h (T, H)."""
    return float(h.sum() if loss_step == EVERY_STEP else h[loss_step].sum())


class _StepNorms:
    """What both ledgers derive from their dh (T, H) and dU_steps (T, rows of U, H)."""

    dh: np.ndarray
    dU_steps: np.ndarray

    @property
    def steps(self) -> int:
        """T."""
        return self.dh.shape[0]

    def dU_step_norms(self) -> np.ndarray:
        """‖δa_t h_{t−1}ᵀ‖ (Frobenius) for every t: (T,)."""
        return np.linalg.norm(self.dU_steps.reshape(self.steps, -1), axis=1)

    def dU_row_norms(self) -> np.ndarray:
        """The norm of every row of every step's contribution to ∂L/∂U: |δa_t[r]| · ‖h_{t−1}‖,
        (T, rows of U): (T, 4H) for the LSTM (rows i₁…i_H, f₁…, g₁…, o₁…), (T, H) for the RNN."""
        return np.linalg.norm(self.dU_steps, axis=2)


@dataclass(frozen=True, eq=False)
class LSTMLedger(_StepNorms):
    """Every term of the LSTM's backward pass; row t is step t (0-based). Gates in order i, f, g, o.

    from_loss (T, H): ∂L/∂h_t injected by the loss at t.
    branches (T, 4, H): branches[t, k] = U_kᵀ δa_k,t+1 (zero at the last step, and for a gate
    the variant takes away: see `gates`).
    dh (T, H): δh_t = from_loss + Σ_k branches[:, k] (equals lstm_backward's gr.dh).
    dc_h_route (T, H): δh_t ⊙ ∂h_t/∂c_t = δh_t ⊙ o_t ⊙ (1 − tanh² c_t) (δh_t ⊙ o_t without the
    output activation). dc_cell_route (T, H): δc_{t+1} ⊙ f_{t+1} (zero at the last step).
    dc_peephole_routes (T, 3, H): rows δa_i,t+1 ⊙ p_i, δa_f,t+1 ⊙ p_f, δa_o,t ⊙ p_o for the
    "peephole" variant; zeros for the others.
    dc (T, H): the sum of all these routes (equals gr.dc).
    da (T, 4, H): δa per gate. dW_steps (T, 4H, D), dU_steps (T, 4H, H): δa_t x_tᵀ and
    δa_t h_{t−1}ᵀ, whose sums over t are ∂L/∂W and ∂L/∂U. dpeephole_steps (T, 3, H):
    δa_i,t ⊙ c_{t−1}, δa_f,t ⊙ c_{t−1}, δa_o,t ⊙ c_t, whose sum over t is ∂L/∂peephole (zeros
    unless "peephole"). dx (T, D): ∂L/∂x_t.
    gates: the gates with weights of their own in this variant (lstm_core.gates_used), e.g.
    ("i", "g", "o") for "no_forget"; the others' branches and δa are exactly 0.
    grads: what lstm_backward returned. trace: the forward run (trace.variant: which cell).
    loss: L.
    """

    from_loss: np.ndarray
    branches: np.ndarray
    dh: np.ndarray
    dc_h_route: np.ndarray
    dc_cell_route: np.ndarray
    dc_peephole_routes: np.ndarray
    dc: np.ndarray
    da: np.ndarray
    dW_steps: np.ndarray
    dU_steps: np.ndarray
    dpeephole_steps: np.ndarray
    dx: np.ndarray
    gates: tuple[str, ...]
    grads: LSTMGrads
    trace: LSTMTrace
    loss: float

    @property
    def variant(self) -> str:
        """Which cell ran (lstm_core.VARIANTS)."""
        return self.trace.variant


@dataclass(frozen=True, eq=False)
class RNNLedger(_StepNorms):
    """Every term of the plain RNN's backward pass; row t is step t.

    from_loss (T, H); from_future (T, H): Uᵀ(δh_{t+1} ⊙ (1 − h²_{t+1})) (zero at the last step);
    dh (T, H) = from_loss + from_future (equals rnn_backward's gr.dh);
    da (T, H) = δh_t ⊙ (1 − h_t²);
    dW_steps (T, H, D), dU_steps (T, H, H); dx (T, D). grads, trace, loss as for the LSTM.
    """

    from_loss: np.ndarray
    from_future: np.ndarray
    dh: np.ndarray
    da: np.ndarray
    dW_steps: np.ndarray
    dU_steps: np.ndarray
    dx: np.ndarray
    grads: RNNGrads
    trace: RNNTrace
    loss: float


def _one_sequence(xs: np.ndarray) -> np.ndarray:
    """xs as a float64 array (T, D); ValueError for a batch or a single vector."""
    xs = np.asarray(xs, dtype=np.float64)
    if xs.ndim != 2:
        raise ValueError(f"the ledger takes one sequence xs (T, D), got shape {xs.shape}")
    return xs


def _previous(h0: np.ndarray, h: np.ndarray) -> np.ndarray:
    """h_{t−1} for every t: (T, H), starting from h0."""
    return np.concatenate([np.reshape(h0, (1, -1)), h[:-1]])


def lstm_ledger(
    p: LSTMParams, xs: np.ndarray, loss_step: int, variant: str = "standard"
) -> LSTMLedger:
    """Run the LSTM p (the cell `variant`, one of lstm_core.VARIANTS) over xs (T, D) from a zero
    state, backprop L = Σ_τ w·h_τ and split every total into its terms (see the module
    docstring)."""
    xs = _one_sequence(xs)
    tr = run_lstm(p, xs, variant=variant)
    T, H = tr.h.shape
    from_loss = loss_gradient(T, H, loss_step)
    gr = lstm_backward(p, tr, from_loss)
    da = gr.da.reshape(T, 4, H)
    branches = np.zeros((T, 4, H))
    for k, gate in enumerate(GATES):
        U_k = p.U[p.gate_slice(gate)]  # (H, H)
        branches[:-1, k] = da[1:, k] @ U_k  # U_kᵀ δa_k,t+1, as row vectors
    dh = from_loss + branches.sum(axis=1)

    if variant == "no_output_activation":
        dh_dc = tr.o  # ∂h_t/∂c_t = o_t, as h_t = o_t ⊙ c_t
    else:
        dh_dc = tr.o * (1.0 - tr.tanh_c**2)  # ∂h_t/∂c_t = o_t ⊙ (1 − tanh² c_t)
    dc_h_route = dh * dh_dc
    dc_cell_route = np.zeros((T, H))
    dc_cell_route[:-1] = gr.dc[1:] * tr.f[1:]  # δc_{t+1} ⊙ f_{t+1}
    c_prev = _previous(tr.c0, tr.c)
    dc_peephole_routes = np.zeros((T, 3, H))  # rows: through p_i, p_f, p_o
    dpeephole_steps = np.zeros((T, 3, H))
    if variant == "peephole":
        p_i, p_f, p_o = p.peephole
        da_i, da_f, da_o = da[:, 0], da[:, 1], da[:, 3]
        dc_peephole_routes[:-1, 0] = da_i[1:] * p_i  # δa_i,t+1 ⊙ p_i: i_{t+1} sees c_t
        dc_peephole_routes[:-1, 1] = da_f[1:] * p_f  # δa_f,t+1 ⊙ p_f: f_{t+1} sees c_t
        dc_peephole_routes[:, 2] = da_o * p_o  # δa_o,t ⊙ p_o: o_t sees c_t
        dpeephole_steps[:, 0] = da_i * c_prev  # δa_i,t ⊙ c_{t−1}
        dpeephole_steps[:, 1] = da_f * c_prev  # δa_f,t ⊙ c_{t−1}
        dpeephole_steps[:, 2] = da_o * tr.c  # δa_o,t ⊙ c_t
    h_prev = _previous(tr.h0, tr.h)
    dW_steps = gr.da[:, :, None] * xs[:, None, :]  # δa_t x_tᵀ, (T, 4H, D)
    dU_steps = gr.da[:, :, None] * h_prev[:, None, :]  # δa_t h_{t−1}ᵀ, (T, 4H, H)
    return LSTMLedger(
        from_loss=from_loss,
        branches=branches,
        dh=dh,
        dc_h_route=dc_h_route,
        dc_cell_route=dc_cell_route,
        dc_peephole_routes=dc_peephole_routes,
        dc=dc_h_route + dc_cell_route + dc_peephole_routes.sum(axis=1),
        da=da,
        dW_steps=dW_steps,
        dU_steps=dU_steps,
        dpeephole_steps=dpeephole_steps,
        dx=gr.da @ p.W,
        gates=gates_used(variant),
        grads=gr,
        trace=tr,
        loss=loss_value(tr.h, loss_step),
    )


def rnn_ledger(q: RNNParams, xs: np.ndarray, loss_step: int) -> RNNLedger:
    """Run the RNN q over xs (T, D) from a zero state, backprop L = Σ_τ w·h_τ and split δh_t
    into the loss term and what comes back from step t+1."""
    xs = _one_sequence(xs)
    tr = run_rnn(q, xs)
    T, H = tr.h.shape
    from_loss = loss_gradient(T, H, loss_step)
    gr = rnn_backward(q, tr, from_loss)
    from_future = np.zeros((T, H))
    from_future[:-1] = (gr.dh[1:] * (1.0 - tr.h[1:] ** 2)) @ q.U  # Uᵀ(δh_{t+1} ⊙ (1 − h²_{t+1}))
    dh = from_loss + from_future
    da = dh * (1.0 - tr.h**2)
    h_prev = _previous(tr.h0, tr.h)
    return RNNLedger(
        from_loss=from_loss,
        from_future=from_future,
        dh=dh,
        da=da,
        dW_steps=da[:, :, None] * xs[:, None, :],
        dU_steps=da[:, :, None] * h_prev[:, None, :],
        dx=da @ q.W,
        grads=gr,
        trace=tr,
        loss=loss_value(tr.h, loss_step),
    )


# --- verdicts the page words ------------------------------------------------------------------


@dataclass(frozen=True)
class BranchVerdict:
    """Which of the four recurrent branches into δh_t is largest (by norm), its share of the
    four norms' sum, and whether nothing arrives from the future at all (t is the last step,
    or every branch is exactly 0)."""

    largest: str | None  # "i", "f", "g", "o", or None when nothing arrives
    share: float  # 0..1
    nothing_arrives: bool


def branch_verdict(ledger: LSTMLedger, t: int) -> BranchVerdict:
    """The verdict on the branches into δh_t."""
    norms = np.linalg.norm(ledger.branches[t], axis=1)  # (4,)
    total = float(norms.sum())
    if not np.isfinite(total) or total == 0.0:
        return BranchVerdict(None, 0.0, True)
    k = int(np.argmax(norms))
    return BranchVerdict(GATES[k], float(norms[k] / total), False)


@dataclass(frozen=True)
class RouteVerdict:
    """Which route carries more of δc_t (by norm): "cell" (δc_{t+1} ⊙ f_{t+1}) or "h"
    (δh_t ⊙ ∂h_t/∂c_t), with the cell route's share of the two norms' sum; "none" when both are
    exactly 0. peephole_share: the three peephole routes' norms' share of all five norms' sum
    (0 unless the variant is "peephole"; 0 when all five are 0)."""

    larger: str  # "cell", "h" or "none"
    cell_share: float
    peephole_share: float = 0.0


def route_verdict(ledger: LSTMLedger, t: int) -> RouteVerdict:
    """The verdict on the two routes into δc_t."""
    cell = float(np.linalg.norm(ledger.dc_cell_route[t]))
    h = float(np.linalg.norm(ledger.dc_h_route[t]))
    peep = float(np.linalg.norm(ledger.dc_peephole_routes[t], axis=1).sum())
    total = cell + h
    everything = total + peep
    peephole_share = peep / everything if np.isfinite(everything) and everything > 0 else 0.0
    if not np.isfinite(total) or total == 0.0:
        return RouteVerdict("none", 0.0, peephole_share)
    return RouteVerdict("cell" if cell >= h else "h", cell / total, peephole_share)


@dataclass(frozen=True)
class ShareVerdict:
    """How much of the weight gradient ∂L/∂U the steps far from the loss contribute: `early`
    is the share of Σ_t ‖δa_t h_{t−1}ᵀ‖ from steps more than `distance` steps before the
    (last) loss step; `almost_nothing` when that share is below EARLY_SHARE_SMALL; `no_gradient`
    when every contribution is exactly 0 (or not finite: then no share is given)."""

    early: float
    distance: int
    almost_nothing: bool
    no_gradient: bool
    early_steps: int = 0  # how many steps are more than `distance` before the loss


def early_share(step_norms: np.ndarray, loss_step: int, distance: int) -> ShareVerdict:
    """The verdict on the per-step contributions `step_norms` (T,) for a loss at loss_step
    (EVERY_STEP: the last step counts as the loss step)."""
    T = len(step_norms)
    last = T - 1 if loss_step == EVERY_STEP else loss_step
    total = float(np.sum(step_norms))
    if not np.isfinite(total) or total == 0.0:
        return ShareVerdict(0.0, distance, False, True, max(last - distance, 0))
    cut = max(last - distance, 0)  # steps 0..cut-1 are more than `distance` before the loss
    share = float(np.sum(step_norms[:cut]) / total)
    return ShareVerdict(share, distance, cut > 0 and share < EARLY_SHARE_SMALL, False, cut)
