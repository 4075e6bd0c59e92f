"""The GRU's gradient back in time, beside the RNN's and the LSTM's (gradient_flow), and the
verdicts the vanishing gradients page words about it (as verdicts.py does for the other two).

The GRU has no separate cell state: h is its memory, h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}.
One backward step (gru_backward) therefore sends ∂L/∂h_t to h_{t-1} along four paths:

    ∂L/∂h_{t-1} = z_t ⊙ ∂L/∂h_t  +  U_rᵀ da_r + U_zᵀ da_z + U_nᵀ (r_t ⊙ da_n)
                  └ the z path ┘   └ through the gates' pre-activations ┘

Along the z path alone the gradient is multiplied by z_t at every step, unit by unit, as the
LSTM's cell path is by f_t:

    ∂L/∂h_{τ-k} ≈ (Π_{j<k} z_{τ-j}) ⊙ ∂L/∂h_τ

an approximation that ignores the other three paths (they can add to it or cancel it).

The loss is the page's: L = Σ_j h_τ,j / √H, so ∂L/∂h_τ is a unit vector and every ratio is
read against 1. A product of many z < 1 can underflow to exactly 0 (below float64's smallest
number, about 5 · 10⁻³²⁴), and so can the measured gradient: `first_zero` says where.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.gru import GRUParams, gru_backward, run_gru
from lstm_core.lab.gradient_flow import (
    back_from,
    norms,
    relative,
    running_product,
    unit_loss_gradient,
)
from lstm_core.lab.verdicts import FURTHER, SMALL_F, Reach, compare, reach

SMALL_Z = SMALL_F  # a mean update gate below this is "small": the same line as for f
# How the GRU's memory compares with a vanishing RNN gradient: it grows, outlasts the RNN (not
# gone within the sequence), lasts longer ("ratio"), does not (ties included), or carries
# nothing from the loss ("dead"). verdicts.compare decides; these are its answers, renamed.
COMPARISONS: tuple[str, ...] = ("grows", "outlasts", "ratio", "no_better", "dead")
_RENAMED = {"lstm_grows": "grows", "cell_dead": "dead"}


def gru_params(
    input_size: int, hidden_size: int, seed: int, scheme: str, update_bias: float
) -> GRUParams:
    """GRUParams.init(input_size, hidden_size, seed, scheme) with the update gate's bias set to
    update_bias: b_iz = update_bias, b_hz = 0, so z = σ(W_z x + U_z h + update_bias). Like the
    LSTM's forget bias, a large update_bias keeps z close to 1 (the GRU keeps its state)."""
    g = GRUParams.init(input_size, hidden_size, seed=seed, scheme=scheme)
    block = g.block("z")
    block.b_ih[:] = update_bias
    block.b_hh[:] = 0.0
    return g


@dataclass(frozen=True, eq=False)
class GRUFlow:
    """A GRU's gradient k = 0..τ steps back from a loss at τ = t_loss (K = τ + 1 rows).

    dh (K, H): ∂L/∂h_{τ−k} from gru_backward; dh_norm (K,): its norms (dh_norm[0] = 1 for the
    page's loss). z_product (K, H): Π_{j<k} z_{τ−j} per unit, what the z path alone multiplies
    by; z_product_mean/min/max (K,): over the units. z_path_only (K,): ‖∂L/∂h_τ ⊙ z_product[k]‖
    / ‖∂L/∂h_τ‖, the ratio dh_norm[k]/dh_norm[0] if the gradient travelled along the z path
    alone; it lies between z_product_min and z_product_max (all nan if ∂L/∂h_τ = 0).
    z_mean: the mean update gate over the steps 0..τ and all units.
    param_grad_norm: ‖(∂L/∂W, ∂L/∂U, ∂L/∂b_ih, ∂L/∂b_hh)‖.
    """

    t_loss: int
    dh: np.ndarray
    dh_norm: np.ndarray
    z_product: np.ndarray
    z_product_mean: np.ndarray
    z_product_min: np.ndarray
    z_product_max: np.ndarray
    z_path_only: np.ndarray
    z_mean: float
    param_grad_norm: float


def gru_flow(
    g: GRUParams, xs: np.ndarray, t_loss: int, loss_gradient: np.ndarray | None = None
) -> GRUFlow:
    """Run g over xs (T, D), backpropagate a loss at t_loss, read it k steps back.
    loss_gradient: the ∂L/∂h_τ the loss injects, (H,); default the page's unit vector
    (1, …, 1)/√H."""
    tr = run_gru(g, xs)
    T, H = tr.h.shape
    dh_loss = unit_loss_gradient(T, H, t_loss)
    if loss_gradient is not None:
        dh_loss[t_loss] = loss_gradient
    gr = gru_backward(g, tr, dh_loss)
    dh = back_from(gr.dh, t_loss)
    z_back = back_from(tr.z, t_loss)  # z_{τ−k}: the factor of the step from τ−k to τ−k−1
    z_product = running_product(z_back[:-1])  # (K, H)
    with np.errstate(under="ignore", invalid="ignore", over="ignore"):
        z_path_only = relative(norms(dh[0] * z_product))
    p = gr.params
    grads = np.concatenate([a.ravel() for a in (p.W, p.U, p.b_ih, p.b_hh)])
    return GRUFlow(
        t_loss=t_loss,
        dh=dh,
        dh_norm=norms(dh),
        z_product=z_product,
        z_product_mean=z_product.mean(axis=1),
        z_product_min=z_product.min(axis=1),
        z_product_max=z_product.max(axis=1),
        z_path_only=z_path_only,
        z_mean=float(z_back.mean()),
        param_grad_norm=float(norms(grads)),
    )


def first_zero(norms_back: np.ndarray) -> int | None:
    """The first k ≥ 1 from which on the norm is exactly 0 (underflow: every later factor
    multiplies a 0), when it is not 0 at the loss step; else None."""
    norms_back = np.asarray(norms_back, dtype=float)
    if len(norms_back) < 2 or not norms_back[0] > 0:
        return None
    nonzero = np.flatnonzero(norms_back != 0.0)
    last = int(nonzero[-1])  # norms_back[0] > 0, so there is one
    return None if last == len(norms_back) - 1 else last + 1


# --- verdicts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GRUVerdict:
    """What the GRU's gradient did. hidden: the Reach of ‖∂L/∂h‖ (its memory); z_path: the
    Reach of the z path alone (None when `hidden` is dead or there is no step before the loss);
    underflow, z_underflow: the first k from which the measured norm, or the z path alone, is
    exactly 0 (None if it never is); further: the measured gradient reaches clearly further
    back than the z path alone (it also arrives through the gates); small_z: it vanishes with a
    small mean update gate; comparison: how it compares with a vanishing RNN gradient
    (verdicts.compare: "lstm_grows" means the GRU's grows, "cell_dead" that it is dead)."""

    hidden: Reach
    z_path: Reach | None
    underflow: int | None
    z_underflow: int | None
    further: bool
    small_z: bool
    comparison: str | None


def gru_verdict(gru: GRUFlow, rnn: Reach) -> GRUVerdict:
    """The verdict on a GRU's gradient flow, and how it compares with the RNN's (rnn: its
    Reach from the same loss step)."""
    hidden = reach(gru.dh_norm)
    comparison = compare(rnn, hidden)
    comparison = _RENAMED.get(comparison, comparison) if comparison is not None else None
    if hidden.kind in ("dead", "no_steps"):
        return GRUVerdict(hidden, None, None, None, False, False, comparison)
    z_path = reach(gru.z_path_only)
    k_z = z_path.horizon
    further = (
        k_z is not None
        and (hidden.horizon is None or hidden.horizon > FURTHER * k_z)
        and not hidden.grows
    )
    small_z = gru.z_mean < SMALL_Z and hidden.horizon is not None
    return GRUVerdict(
        hidden=hidden,
        z_path=z_path,
        underflow=first_zero(gru.dh_norm),
        z_underflow=first_zero(gru.z_path_only),
        further=further,
        small_z=small_z,
        comparison=comparison,
    )
