"""The two squashing functions of the LSTM, computed so that no input can overflow.

σ(z) = 1 / (1 + e^{-z}) overflows e^{-z} for z < -709 and warns. The identity
σ(z) = ½(1 + tanh(z/2)) is exact, and tanh saturates at ±1 without overflow, so σ(±1e300) is
exactly 1 or 0 with no warning.
"""

from __future__ import annotations

import numpy as np


def sigmoid(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """σ(z) = ½(1 + tanh(z/2)), elementwise; same shape as z. `out` may be z itself."""
    if out is None:
        return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=np.float64)))
    np.multiply(z, 0.5, out=out)
    np.tanh(out, out=out)
    out += 1.0
    out *= 0.5
    return out


def tanh(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """tanh(z), elementwise; same shape as z (numpy's, which never overflows)."""
    return np.tanh(z, out=out)


def dsigmoid_from_output(s: np.ndarray) -> np.ndarray:
    """σ'(z) written with the output s = σ(z): σ' = s(1 - s)."""
    return s * (1.0 - s)


def dtanh_from_output(t: np.ndarray) -> np.ndarray:
    """tanh'(z) written with the output t = tanh(z): tanh' = 1 - t²."""
    return 1.0 - t * t
