"""Running a cell over a whole sequence, keeping every step for the pages (and for backprop).

The loop computes the equations of cells.py, arranged for speed: the input projections W x_t + b
of all steps come from one matmul before the loop, each step does one matmul U h_{t-1} and one
tanh for all four gates (σ(z) = ½(1 + tanh(z/2)), see run_lstm), and every result is written in
place into preallocated (T, B, ·) arrays, so a step allocates no Python objects beyond a few
array views. Tests check the loop against lstm_step.

Shapes: xs (T, D) gives traces (T, H); a batch xs (T, B, D) gives (T, B, H).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from lstm_core.cells import check_no_overflow, check_variant, initial_state, input_projection
from lstm_core.params import LSTMParams, RNNParams
from lstm_core.validation import as_float_array, check_finite

if TYPE_CHECKING:
    import pandas as pd

LSTM_QUANTITIES: tuple[str, ...] = ("i", "f", "g", "o", "c", "h")


@dataclass(frozen=True, eq=False)
class LSTMTrace:
    """Every step of an LSTM run. i, f, g, o, c, h, tanh_c: (T, H) or (T, B, H), row t is step t
    (the first input is t = 0). h0, c0: the initial state, (H,) or (B, H). xs: the inputs,
    (T, D) or (T, B, D). variant: which cell ran (see cells.VARIANTS)."""

    i: np.ndarray
    f: np.ndarray
    g: np.ndarray
    o: np.ndarray
    c: np.ndarray
    h: np.ndarray
    h0: np.ndarray
    c0: np.ndarray
    xs: np.ndarray
    variant: str = "standard"
    tanh_c: np.ndarray = field(default=None, repr=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.tanh_c is None:  # a hand-made trace: derive it
            object.__setattr__(self, "tanh_c", np.tanh(self.c))

    @property
    def batched(self) -> bool:
        """True if the run had a batch axis: arrays (T, B, H)."""
        return self.h.ndim == 3

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: columns t, [example,] unit, quantity, value; one row per number.
        quantity is a categorical with the categories i, f, g, o, c, h (in that order)."""
        return _tidy_frame({name: getattr(self, name) for name in LSTM_QUANTITIES}, self.batched)


@dataclass(frozen=True, eq=False)
class RNNTrace:
    """Every step of an RNN run: h (T, H) or (T, B, H); h0 (H,) or (B, H); xs (T, D) or
    (T, B, D)."""

    h: np.ndarray
    h0: np.ndarray
    xs: np.ndarray

    @property
    def batched(self) -> bool:
        """True if the run had a batch axis: arrays (T, B, H)."""
        return self.h.ndim == 3

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: columns t, [example,] unit, quantity (always "h"), value."""
        return _tidy_frame({"h": self.h}, self.batched)


def run_lstm(
    p: LSTMParams, xs: Any, h0: Any = None, c0: Any = None, variant: str = "standard"
) -> LSTMTrace:
    """Run the LSTM over xs (T, D) or (T, B, D) from (h0, c0) (default zeros; (H,) or (B, H)).
    Returns an LSTMTrace with i, f, g, o, c, h of shape (T, H) or (T, B, H)."""
    p.validate()
    check_variant(variant)
    xs, batched = sequence_input(xs, p.input_size)
    T, B, _ = xs.shape  # internally always (T, B, ·); B = 1 when not batched
    H = p.hidden_size
    state_shape, meaning = state_spec(B, H, batched)
    h0 = initial_state(h0, "h0", state_shape, meaning)
    c0 = initial_state(c0, "c0", state_shape, meaning)

    # σ(z) = ½(1 + tanh(z/2)). Halving the rows of the σ gates (i, f, o) in W, U and b once
    # (exact in floating point) lets ONE tanh per step serve all four blocks: it gives
    # tanh(a_i/2), tanh(a_f/2), tanh(a_g), tanh(a_o/2); then ×½ +½ turns the σ blocks into σ(a)
    # and leaves g_t = tanh(a_g) as it is (×1 +0).
    pre = np.repeat([0.5, 0.5, 1.0, 0.5], H)  # (4H,)
    post_scale = pre.copy()
    post_shift = np.repeat([0.5, 0.5, 0.0, 0.5], H)
    if variant == "no_forget":
        post_scale[H : 2 * H], post_shift[H : 2 * H] = 0.0, 1.0  # f_t = 0·tanh + 1 = 1
    UT_pre = np.ascontiguousarray((p.U * pre[:, None]).T)  # (H, 4H)

    gates = np.empty((T, B, 4 * H))  # i, f, g, o side by side, like the rows of W
    s_i, s_f, s_g, s_o = (slice(k * H, (k + 1) * H) for k in range(4))
    c, tanh_c, h = (np.empty((T, B, H)) for _ in range(3))
    zh = np.empty((B, 4 * H))  # pre ⊙ U h_{t-1}
    ig = np.empty((B, H))  # i_t ⊙ g_t
    h_prev, c_prev = h0.reshape(B, H), c0.reshape(B, H)
    z = input_projection(xs, p.W * pre[:, None], p.b * pre)  # (T, B, 4H): pre ⊙ (W x_t + b)
    with np.errstate(over="ignore", invalid="ignore"):  # see check_no_overflow
        for t in range(T):
            z_t, gates_t, c_t, h_t = z[t], gates[t], c[t], h[t]
            np.dot(h_prev, UT_pre, out=zh)
            z_t += zh  # pre ⊙ a_t, with a_t = W x_t + U h_{t-1} + b, blocks i, f, g, o
            np.tanh(z_t, out=gates_t)
            gates_t *= post_scale
            gates_t += post_shift  # σ(a_i), σ(a_f), tanh(a_g), σ(a_o)
            i_t, f_t, g_t, o_t = gates_t[:, s_i], gates_t[:, s_f], gates_t[:, s_g], gates_t[:, s_o]
            if variant == "coupled":
                np.subtract(1.0, i_t, out=f_t)  # f_t = 1 - i_t
            np.multiply(f_t, c_prev, out=c_t)  # c_t = f_t ⊙ c_{t-1}
            np.multiply(i_t, g_t, out=ig)
            c_t += ig  #       + i_t ⊙ g_t
            np.tanh(c_t, out=tanh_c[t])
            np.multiply(o_t, tanh_c[t], out=h_t)  # h_t = o_t ⊙ tanh(c_t)
            h_prev, c_prev = h_t, c_t
    check_no_overflow(h)

    shape = (T, B, H) if batched else (T, H)
    gates = gates.reshape(*shape[:-1], 4 * H)
    i, f, g, o = gates[..., s_i], gates[..., s_f], gates[..., s_g], gates[..., s_o]
    c, tanh_c, h = (v.reshape(shape) for v in (c, tanh_c, h))
    xs = _user_shape(xs, batched)
    return LSTMTrace(i, f, g, o, c, h, h0, c0, xs, variant=variant, tanh_c=tanh_c)


def run_rnn(q: RNNParams, xs: Any, h0: Any = None) -> RNNTrace:
    """Run h_t = tanh(W x_t + U h_{t-1} + b) over xs (T, D) or (T, B, D) from h0 (default zeros).
    Returns an RNNTrace with h of shape (T, H) or (T, B, H)."""
    q.validate()
    xs, batched = sequence_input(xs, q.input_size)
    T, B, _ = xs.shape
    H = q.hidden_size
    h0 = initial_state(h0, "h0", *state_spec(B, H, batched))

    h = np.empty((T, B, H))
    ah = np.empty((B, H))
    UT = np.ascontiguousarray(q.U.T)
    h_prev = h0.reshape(B, H)
    a = input_projection(xs, q.W, q.b)  # (T, B, H): W x_t + b for all steps in one matmul
    with np.errstate(over="ignore", invalid="ignore"):  # see check_no_overflow
        for a_t, h_t in zip(a, h, strict=True):
            np.dot(h_prev, UT, out=ah)
            a_t += ah  # a_t = W x_t + U h_{t-1} + b
            np.tanh(a_t, out=h_t)  # h_t = tanh(a_t)
            h_prev = h_t
    check_no_overflow(h)
    return RNNTrace(h=h if batched else h.reshape(T, H), h0=h0, xs=_user_shape(xs, batched))


# --- input checks and tables --------------------------------------------------------------


def sequence_input(xs: Any, D: int) -> tuple[np.ndarray, bool]:
    """xs as a new finite float64 array (T, B, D) and whether it was batched ((T, B, D) given)."""
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


def _user_shape(xs: np.ndarray, batched: bool) -> np.ndarray:
    return xs if batched else xs[:, 0, :]


def _tidy_frame(quantities: dict[str, np.ndarray], batched: bool) -> pd.DataFrame:
    import pandas as pd  # only here, so importing the core stays fast

    names = list(quantities)
    first = quantities[names[0]]
    T, H = first.shape[0], first.shape[-1]
    B = first.shape[1] if batched else 1
    n = first.size  # T·B·H numbers per quantity, in (t, example, unit) order
    columns: dict[str, Any] = {"t": np.tile(np.repeat(np.arange(T), B * H), len(names))}
    if batched:
        columns["example"] = np.tile(np.repeat(np.arange(B), H), T * len(names))
    columns["unit"] = np.tile(np.arange(H), T * B * len(names))
    columns["quantity"] = pd.Categorical.from_codes(np.repeat(np.arange(len(names)), n), names)
    columns["value"] = np.concatenate([quantities[name].ravel() for name in names])
    return pd.DataFrame(columns)
