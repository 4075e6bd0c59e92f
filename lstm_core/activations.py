"""The two squashing functions of the LSTM, computed so that no input can overflow.

σ(z) = 1 / (1 + e^{-z}) overflows e^{-z} for z < -709 and warns. The identity
σ(z) = ½(1 + tanh(z/2)) is exact, and tanh saturates at ±1 without overflow, so σ(±1e300) is
exactly 1 or 0 with no warning.
"""

from __future__ import annotations

import numpy as np

# ½ and 1 as 0-d arrays: numpy converts a Python float operand on every call (~0.2 µs), which in
# the sequence loop, on H numbers per step, costs more than the arithmetic itself.
_HALF, _ONE = np.array(0.5), np.array(1.0)


def sigmoid(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """σ(z) = ½(1 + tanh(z/2)), elementwise; same shape as z. `out` may be z itself."""
    if out is None:
        return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=np.float64)))
    np.multiply(z, _HALF, out=out)
    np.tanh(out, out=out)
    out += _ONE
    out *= _HALF
    return out


def tanh(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """tanh(z), elementwise; same shape as z (numpy's, which never overflows)."""
    return np.tanh(z, out=out)
