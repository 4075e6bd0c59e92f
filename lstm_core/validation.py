"""Checks at the core's public boundary: every bad array gets a ValueError that says what is wrong.

The maths modules call these once per public call (never per time step), so a page can show the
message to a student instead of a traceback.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def as_float_array(value: Any, name: str) -> np.ndarray:
    """`value` as a float64 ndarray (no copy when it already is one); ValueError if not numeric.

    Anything np.asarray understands works: lists, numpy arrays, objects with `__array__`
    (a TensorFlow variable); torch tensors are detached and moved to the CPU first.
    """
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        return value
    if isinstance(value, str | bytes):
        raise ValueError(f"{name} must be a numeric array, not a string")
    if callable(getattr(value, "detach", None)):  # a torch tensor, maybe a parameter on a GPU
        value = value.detach().cpu()
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError, RuntimeError) as error:
        raise ValueError(f"{name} is not a numeric array: {error}") from None


def check_finite(a: np.ndarray, name: str) -> None:
    """ValueError if `a` holds NaN or ±inf, naming the first offending position."""
    finite = np.isfinite(a)
    if not finite.all():
        where = tuple(int(k) for k in np.argwhere(~finite)[0])
        bad = a[where]
        position = f" at index {where}" if where else ""
        raise ValueError(
            f"{name} contains {int(np.size(a) - np.count_nonzero(finite))} non-finite value(s) "
            f"(first: {bad}{position}); use finite numbers"
        )


def check_shape(a: np.ndarray, expected: tuple[int, ...], name: str, meaning: str) -> None:
    """ValueError unless a.shape == expected, e.g.

    "weight_hh_l0 has shape (8, 3); expected (8, 2) = (4H, H) for H=2".
    """
    if a.shape != expected:
        raise ValueError(f"{name} has shape {a.shape}; expected {expected} = {meaning}")


def checked_array(
    value: Any, name: str, expected: tuple[int, ...], meaning: str, *, copy: bool = False
) -> np.ndarray:
    """as_float_array + check_shape + check_finite in one call; `copy=True` detaches the caller."""
    a = as_float_array(value, name)
    check_shape(a, expected, name, meaning)
    check_finite(a, name)
    return a.copy() if copy else a
