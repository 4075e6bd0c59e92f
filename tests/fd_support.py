"""Finite differences, the independent check every backward pass in the tests is held against.

∂L/∂a_i ≈ (L(a + ε e_i) − L(a − ε e_i)) / 2ε     (central differences, error O(ε²))
"""

import numpy as np

EPS = 1e-6


def numerical_gradient(loss, a: np.ndarray, eps: float = EPS) -> np.ndarray:
    """Central differences of loss() (a float, reading `a`) with respect to every entry of `a`,
    same shape as `a`. Each entry is moved in place and put back exactly, so `a` must be the
    array loss() reads, and no other argument of it may be the same array."""
    grad = np.zeros_like(a)
    for idx in np.ndindex(a.shape):
        old = a[idx]
        a[idx] = old + eps
        up = loss()
        a[idx] = old - eps
        down = loss()
        a[idx] = old
        grad[idx] = (up - down) / (2 * eps)
    return grad


def relative_error(numeric: np.ndarray, analytic: np.ndarray) -> float:
    """max |numeric − analytic| over the larger of the two arrays' max |·| (1e-12 at least)."""
    scale = max(np.abs(numeric).max(), np.abs(analytic).max(), 1e-12)
    return np.abs(numeric - analytic).max() / scale
