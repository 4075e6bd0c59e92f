"""One step of the LSTM's backward pass for one hidden unit, wire by wire: what the backward
cell diagram (lstm_viz.backward_svg) writes on its wires. Every value is read from, or is a
product of, the terms of a BPTT ledger (lstm_core.lab.ledger), so the picture and the equations
on the page show the same numbers.

At step t, unit j (δ means ∂L/∂; the gates' values are the forward run's; standard cell):

    arriving   δh_t = ∂L/∂h_t (loss) + Σ_k U_kᵀ δa_k,t+1 (from step t+1)
               δc_{t+1} ⊙ f_{t+1}                              (on the cell line, from t+1)
    inside     δo_t = δh_t ⊙ tanh c_t          δ(tanh c_t) = δh_t ⊙ o_t
               δc_t = δ(tanh c_t) ⊙ (1 − tanh² c_t) + δc_{t+1} ⊙ f_{t+1}
               δf_t = δc_t ⊙ c_{t−1}   δi_t = δc_t ⊙ g_t   δg_t = δc_t ⊙ i_t
               δa_k = δk_t ⊙ σ'(a_k) (tanh' for g)
    leaving    δc_{t−1} gets δc_t ⊙ f_t       δh_{t−1} = Σ_k U_kᵀ δa_k,t (four branches)
               δx_t = Wᵀ δa_t

The variants (see lstm_core.lab.ledger) drop the values of what they take away (a gate that is
the constant 1 has no δ and no δa; without an activation its slope is 1 and no "…_slope" is
given); "coupled" has δi_t = δc_t ⊙ (g_t − c_{t−1}) (f = 1 − i); "peephole" adds the routes
through p_i, p_f (δc_{t+1} gets δa_i,t+1 ⊙ p_i and δa_f,t+1 ⊙ p_f; δc_{t−1} gets
δa_i,t ⊙ p_i and δa_f,t ⊙ p_f) and p_o (δc_t gets δa_o,t ⊙ p_o).

δh_{t−1}[j] gathers δa_k of every unit (column j of U_k), so it is not a product of this unit's
numbers alone; δx_t is a vector (D,) for the same reason.
"""

from __future__ import annotations

import numpy as np

from lstm_core.lab.ledger import LSTMLedger
from lstm_core.params import GATES, LSTMParams


def lstm_step_values(led: LSTMLedger, p: LSTMParams, t: int, unit: int) -> dict:
    """The wire values of step t (0-based) for hidden unit `unit` (0-based) of the ledger's run
    of p: a dict of floats plus the vectors "dh_prev_vec" (H,) and "dx" (D,) as lists.

    Keys: dh_loss, dh_future, dh (δh_t and its two parts); d_tanh (δh_t·o_t); tanh_slope
    (1 − tanh² c_t, not without the output activation); dc_h, dc_cell, dc (δc_t and its
    routes); f; dc_prev_cell (δc_t·f_t), dc_prev (all that leaves for c_{t−1}); dh_prev (δh_{t−1}
    for this unit); for each gate k the variant has: d_k (the δ of its value), da_k,
    branch_k (U_kᵀ δa_k,t for this unit); g_slope (1 − g², not without the input activation);
    "peephole" only: dc_peep_i, dc_peep_f (δa_{i,f},t+1 ⊙ p from step t+1), dc_peep_o
    (δa_o,t ⊙ p_o), dc_prev_peep_i, dc_prev_peep_f (δa_{i,f},t ⊙ p, leaving for c_{t−1})."""
    tr, j, variant = led.trace, unit, led.variant
    T, H = led.dh.shape
    if not 0 <= t < T:
        raise ValueError(f"the step must be in 0..{T - 1}, got {t}")
    if not 0 <= j < H:
        raise ValueError(f"the unit must be in 0..{H - 1}, got {unit}")
    c_prev = tr.c[t - 1, j] if t > 0 else float(np.ravel(tr.c0)[j])
    dh, dc = led.dh[t, j], led.dc[t, j]
    i, f, g, o = tr.i[t, j], tr.f[t, j], tr.g[t, j], tr.o[t, j]
    da = led.da[t]  # (4, H)
    # δh_{t−1} = Σ_k U_kᵀ δa_k,t: the ledger's branches of step t−1 (and δh_0's at t = 0)
    branches = np.stack([da[k] @ p.U[k * H : (k + 1) * H] for k in range(len(GATES))])  # (4, H)
    values = {
        "dh_loss": led.from_loss[t, j],
        "dh_future": led.branches[t, :, j].sum(),
        "dh": dh,
        "d_tanh": dh * o,
        "dc_h": led.dc_h_route[t, j],
        "dc_cell": led.dc_cell_route[t, j],
        "dc": dc,
        "f": f,
        "dc_prev_cell": dc * f,
        "dh_prev": branches[:, j].sum(),
    }
    if variant != "no_output_activation":
        values["tanh_slope"] = 1.0 - tr.tanh_c[t, j] ** 2
    if variant != "no_input_activation":
        values["g_slope"] = 1.0 - g**2
    d_gate = {
        "i": dc * ((g - c_prev) if variant == "coupled" else g),
        "f": dc * c_prev,
        "g": dc * i,
        "o": dh * tr.tanh_c[t, j],
    }
    for k, gate in enumerate(GATES):
        if gate in led.gates:
            values[f"d_{gate}"] = d_gate[gate]
            values[f"da_{gate}"] = da[k, j]
            values[f"branch_{gate}"] = branches[k, j]
    dc_prev = dc * f
    if variant == "peephole":
        p_i, p_f, p_o = p.peephole[:, j]
        values["dc_peep_i"], values["dc_peep_f"] = led.dc_peephole_routes[t, :2, j]
        values["dc_peep_o"] = da[3, j] * p_o
        values["dc_prev_peep_i"] = da[0, j] * p_i
        values["dc_prev_peep_f"] = da[1, j] * p_f
        dc_prev = dc_prev + values["dc_prev_peep_i"] + values["dc_prev_peep_f"]
    values["dc_prev"] = dc_prev
    out: dict = {key: float(v) for key, v in values.items()}
    out["dh_prev_vec"] = branches.sum(axis=0).tolist()
    out["dx"] = led.dx[t].tolist()
    return out
