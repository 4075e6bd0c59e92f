"""Checks at the core's public boundary: every bad array gets a ValueError that says what is wrong.

The maths modules (cells, sequence, backward, params) call these once per public call (never per
time step), so a page can show the message to a student instead of a traceback, and the maths
modules read as the equations.
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


def check_one_of(value: Any, options: tuple[str, ...], what: str) -> str:
    """Return `value` if it is one of `options`, e.g.

    "unknown variant 'gru'; expected one of standard, no_forget, coupled, …".
    """
    if value not in options:
        raise ValueError(f"unknown {what} {value!r}; expected one of {', '.join(options)}")
    return value


# --- the inputs of a cell step and of a sequence run ----------------------------------------------


def step_input(p: Any, x: Any) -> tuple[np.ndarray, tuple[int, ...], str]:
    """x for one step of the parameters p (anything with input_size D and hidden_size H) as a
    finite float64 array (D,) or (B, D), with the state shape (H,) or (B, H) that goes with it
    and how to describe that shape (see state_spec). ValueError naming the expected shape."""
    D, H = p.input_size, p.hidden_size
    x = as_float_array(x, "x")
    if x.shape == (D,):
        state_shape, meaning = state_spec(1, H, batched=False)
    elif x.ndim == 2 and x.shape[1] == D and x.shape[0] >= 1:
        state_shape, meaning = state_spec(x.shape[0], H, batched=True)
    else:
        raise ValueError(f"x has shape {x.shape}; expected (D,) or (B, D) for D={D}")
    check_finite(x, "x")
    return x, state_shape, meaning


def step_inputs(p: Any, x: Any, h: Any, c: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x, h, c for one step of the parameters p, as finite float64 arrays of shapes (D,), (H,),
    (H,) or (B, D), (B, H), (B, H); a missing h or c becomes zeros. ValueError naming the
    expected shape otherwise."""
    x, state_shape, meaning = step_input(p, x)
    h = initial_state(h, "h", state_shape, meaning)
    c = initial_state(c, "c", state_shape, meaning)
    return x, h, c


def sequence_input(xs: Any, D: int) -> tuple[np.ndarray, bool]:
    """xs as a new finite float64 array (T, B, D) and whether it was batched ((T, B, D) given;
    otherwise B = 1 was inserted)."""
    xs = as_float_array(xs, "xs")
    if xs.ndim == 2 and xs.shape[1] == D and xs.shape[0] >= 1:
        batched = False
    elif xs.ndim == 3 and xs.shape[2] == D and xs.shape[0] >= 1 and xs.shape[1] >= 1:
        batched = True
    else:
        hint = " (a sequence of T numbers is xs[:, None])" if xs.ndim == 1 and D == 1 else ""
        raise ValueError(
            f"xs has shape {xs.shape}; expected (T, D) or (T, B, D) for D={D}, with T ≥ 1{hint}"
        )
    check_finite(xs, "xs")
    xs = xs.copy()  # the trace keeps xs for backprop; the caller may reuse theirs
    return (xs if batched else xs[:, None, :]), batched


def state_spec(B: int, H: int, batched: bool) -> tuple[tuple[int, ...], str]:
    """The shape of an initial state and how to describe it in an error message."""
    return ((B, H), f"(B, H) for B={B}, H={H}") if batched else ((H,), f"(H,) for H={H}")


def initial_state(value: Any, name: str, shape: tuple[int, ...], meaning: str) -> np.ndarray:
    """A state array of `shape` (zeros for None) as a new finite float64 array."""
    if value is None:
        return np.zeros(shape)
    return checked_array(value, name, shape, meaning, copy=True)


# --- the inputs of backprop ----------------------------------------------------------------------


def trace_sizes(p: Any, h: np.ndarray, xs: np.ndarray) -> tuple[int, int, int, int]:
    """(T, B, H, D) of a trace with states h (T, H) or (T, B, H) and inputs xs, after checking
    that it fits the parameters p (B = 1 without a batch axis)."""
    H, D = p.hidden_size, p.input_size
    if h.shape[-1] != H or xs.shape[-1] != D:
        raise ValueError(
            f"the trace has H={h.shape[-1]}, D={xs.shape[-1]} but the parameters have "
            f"H={H}, D={D}; backprop needs the parameters that produced the trace"
        )
    T = h.shape[0]
    B = h.shape[1] if h.ndim == 3 else 1
    return T, B, H, D


def injected_gradient(value: Any, name: str, shape: tuple[int, ...], B: int, H: int) -> np.ndarray:
    """A gradient injected at every step, of the trace's shape (T, H) or (T, B, H), as a finite
    float64 array (T, B, H) (a view when it already is one: backprop only reads it)."""
    batch = f"B={B}, " if len(shape) == 3 else ""
    meaning = f"the shape of tr.h for {batch}H={H}"
    a = checked_array(value, name, shape, meaning)
    return a.reshape(shape[0], B, H)


# --- overflow of the pre-activations --------------------------------------------------------------

OVERFLOW = (
    "the pre-activations W x + U h + b overflowed float64 (values beyond ±1.8e308); "
    "use smaller inputs or weights"
)


def check_projection(z: np.ndarray) -> np.ndarray:
    """Return z = W x + b if every value is finite; ValueError otherwise (a value that left
    float64 is unknown, and inf - inf later would turn into nan)."""
    if not np.isfinite(z).all():
        raise ValueError(OVERFLOW)
    return z


def check_no_overflow(h: np.ndarray) -> None:
    """ValueError if h holds nan. Inputs and weights are finite and W x + b is checked, and
    |h_{t-1}| ≤ 1 after the first step, so only an extreme U (or h0) can get here: U h beyond
    float64 gives ±inf, which σ and tanh saturate, or inf - inf = nan, which is reported."""
    if np.isnan(h).any():
        raise ValueError(OVERFLOW)


CELL_OVERFLOW = (
    "the cell state overflowed float64 (values beyond ±1.8e308); without a tanh on the candidate "
    "or on the output nothing bounds it: use smaller inputs or weights"
)


def check_cell_finite(c: np.ndarray) -> None:
    """ValueError if the cell state c holds ±inf or nan. Only the variants without a tanh
    (cells.UNBOUNDED_VARIANTS) need this: elsewhere |g| ≤ 1, so |c_t| ≤ |c_0| + t."""
    if not np.isfinite(c).all():
        raise ValueError(CELL_OVERFLOW)
