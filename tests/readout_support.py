"""The read-out and loss on top of a cell, written out from the equations: the reference the
trainer's fast layers (lstm_core.lab.fast_lstm) are held against, with lstm_core's run_* and
*_backward for the cell.

    y = h Vᵀ + c
    mse:  L = mean (y − ŷ)²               ∂L/∂y = 2 (y − ŷ) / N
    ce:   L = −mean log softmax(y)[k]     ∂L/∂y = (softmax(y) − onehot(k)) / N
"""

import numpy as np


def readout_loss(h: np.ndarray, V: np.ndarray, c: np.ndarray, ys, loss: str, every_step: bool):
    """(L, dh, dV, dc) of the read-out of a run's h (T, B, H): at every step, or at the last
    step only. ys: targets (T, B, K) or (B, K) for "mse", class indices (T, B) or (B,) for "ce".
    dh (T, B, H) is ∂L/∂h_t at every step (zero where nothing is read out), to hand to the
    cell's backward pass; dV = Σ ∂L/∂y h_outᵀ (K, H) and dc = Σ ∂L/∂y (K,)."""
    K, H = V.shape
    h_out = h if every_step else h[-1]
    y = h_out @ V.T + c
    if loss == "mse":
        diff = y - ys
        value, dy = np.mean(diff**2), 2 * diff / diff.size
    else:
        e = np.exp(y - y.max(axis=-1, keepdims=True))
        prob = e / e.sum(axis=-1, keepdims=True)
        value = -np.mean(np.log(np.take_along_axis(prob, ys[..., None], axis=-1)))
        dy = (prob - np.eye(K)[ys]) / ys.size
    dh = np.zeros_like(h)
    if every_step:
        dh[...] = dy @ V
    else:
        dh[-1] = dy @ V
    dV = dy.reshape(-1, K).T @ h_out.reshape(-1, H)
    dc = dy.reshape(-1, K).sum(axis=0)
    return value, dh, dV, dc
