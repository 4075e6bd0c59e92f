"""One step of the LSTM's backward pass for one hidden unit, wire by wire: what the backward
cell diagram (lstm_viz.backward_svg) writes on its wires. Every value is read from, or is a
product of, the terms of a BPTT ledger (lstm_core.lab.ledger), so the picture and the equations
on the page show the same numbers.

At step t, unit j (δ means ∂L/∂; the gates' values are the forward run's):

    arriving   δh_t = ∂L/∂h_t (loss) + Σ_k U_kᵀ δa_k,t+1 (from step t+1)
               δc_{t+1} ⊙ f_{t+1}                              (on the cell line, from t+1)
    inside     δo_t = δh_t ⊙ tanh c_t          δ(tanh c_t) = δh_t ⊙ o_t
               δc_t = δ(tanh c_t) ⊙ (1 − tanh² c_t) + δc_{t+1} ⊙ f_{t+1}
               δf_t = δc_t ⊙ c_{t−1}   δi_t = δc_t ⊙ g_t   δg_t = δc_t ⊙ i_t
               δa_k = δk_t ⊙ σ'(a_k) (tanh' for g)
    leaving    δc_{t−1} gets δc_t ⊙ f_t       δh_{t−1} = Σ_k U_kᵀ δa_k,t (four branches)
               δx_t = Wᵀ δa_t

δh_{t−1}[j] gathers δa_k of every unit (column j of U_k), so it is not a product of this unit's
numbers alone; δx_t is a vector (D,) for the same reason.
"""

from __future__ import annotations

import numpy as np

from lstm_core.lab.ledger import LSTMLedger
from lstm_core.params import GATES


def lstm_step_values(led: LSTMLedger, U: np.ndarray, t: int, unit: int) -> dict:
    """The wire values of step t (0-based) for hidden unit `unit` (0-based): a dict of floats
    (keys: dh_loss, dh_future, dh, d_o, d_tanh, tanh_slope, dc_h, dc_cell, dc, f, dc_prev, d_f,
    d_i, d_g, da_i, da_f, da_g, da_o, branch_i … branch_o, dh_prev) plus the vectors
    "dh_prev_vec" (H,) and "dx" (D,) as lists. U: the LSTM's recurrent weights (4H, H), gate
    blocks i, f, g, o."""
    tr, j = led.trace, unit
    T, H = led.dh.shape
    if not 0 <= t < T:
        raise ValueError(f"the step must be in 0..{T - 1}, got {t}")
    if not 0 <= j < H:
        raise ValueError(f"the unit must be in 0..{H - 1}, got {unit}")
    c_prev = tr.c[t - 1, j] if t > 0 else float(np.ravel(tr.c0)[j])
    dh, dc = led.dh[t, j], led.dc[t, j]
    da = led.da[t]  # (4, H)
    # δh_{t−1} = Σ_k U_kᵀ δa_k,t: the ledger's branches of step t−1 (and δh_0's at t = 0)
    branches = np.stack([da[k] @ U[k * H : (k + 1) * H] for k in range(len(GATES))])  # (4, H)
    values = {
        "dh_loss": led.from_loss[t, j],
        "dh_future": led.branches[t, :, j].sum(),
        "dh": dh,
        "d_o": dh * tr.tanh_c[t, j],
        "d_tanh": dh * tr.o[t, j],
        "tanh_slope": 1.0 - tr.tanh_c[t, j] ** 2,
        "dc_h": led.dc_h_route[t, j],
        "dc_cell": led.dc_cell_route[t, j],
        "dc": dc,
        "f": tr.f[t, j],
        "dc_prev": dc * tr.f[t, j],
        "d_f": dc * c_prev,
        "d_i": dc * tr.g[t, j],
        "d_g": dc * tr.i[t, j],
        **{f"da_{gate}": led.da[t, k, j] for k, gate in enumerate(GATES)},
        **{f"branch_{gate}": branches[k, j] for k, gate in enumerate(GATES)},
        "dh_prev": branches[:, j].sum(),
    }
    out: dict = {key: float(v) for key, v in values.items()}
    out["dh_prev_vec"] = branches.sum(axis=0).tolist()
    out["dx"] = led.dx[t].tolist()
    return out
