"""Running a cell over a whole sequence, keeping every step for the pages (and for backprop).

The loop computes the equations of cells.py, arranged for speed without hiding them: the input
projections W x_t + b of all steps come from one matmul before the loop, each step adds U h_{t-1}
with one matmul and slices the result into the four gates' pre-activations, and every result is
written into preallocated (T, B, H) arrays, so a step allocates no new arrays. Tests check the
loop against lstm_step.

Shapes: xs (T, D) gives traces (T, H); a batch xs (T, B, D) gives (T, B, H).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from lstm_core.activations import sigmoid, tanh
from lstm_core.cells import UNBOUNDED_VARIANTS, check_variant, input_projection
from lstm_core.params import LSTMParams, RNNParams
from lstm_core.validation import (
    check_cell_finite,
    check_no_overflow,
    initial_state,
    sequence_input,
    state_spec,
)

if TYPE_CHECKING:
    import pandas as pd

LSTM_QUANTITIES: tuple[str, ...] = ("i", "f", "g", "o", "c", "h")


@dataclass(frozen=True, eq=False)
class LSTMTrace:
    """Every step of an LSTM run. i, f, g, o, c, h, tanh_c: (T, H) or (T, B, H), row t is step t
    (the first input is t = 0). h0, c0: the initial state, (H,) or (B, H). xs: the inputs,
    (T, D) or (T, B, D). variant: which cell ran (see cells.VARIANTS).

    A part the variant takes away holds the value on its wire (cells.py): i, f or o all ones,
    g = the pre-activation a_g ("no_input_activation"), tanh_c = c ("no_output_activation"),
    so c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t and h_t = o_t ⊙ tanh_c[t] hold for every variant."""

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
            squashed = self.c.copy() if self.variant == "no_output_activation" else np.tanh(self.c)
            object.__setattr__(self, "tanh_c", squashed)

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
    `variant`: one of cells.VARIANTS. Returns an LSTMTrace with i, f, g, o, c, h of shape
    (T, H) or (T, B, H)."""
    p.validate()
    check_variant(variant)
    xs, batched = sequence_input(xs, p.input_size)
    T, B, _ = xs.shape  # internally always (T, B, ·); B = 1 when not batched
    H = p.hidden_size
    state_shape, meaning = state_spec(B, H, batched)
    h0 = initial_state(h0, "h0", state_shape, meaning)
    c0 = initial_state(c0, "c0", state_shape, meaning)

    # What the variant changes, decided once (a bool test per step costs next to nothing).
    peephole = variant == "peephole"
    input_gate, output_gate = variant != "no_input_gate", variant != "no_output_gate"
    input_tanh, output_tanh = variant != "no_input_activation", variant != "no_output_activation"
    forget_gate = variant not in ("no_forget", "coupled")

    i, f, g, o, c, tanh_c, h = (np.empty((T, B, H)) for _ in range(7))
    # A gate that is taken away is 1 at every step: filled once, the loop leaves it alone.
    if not input_gate:
        i[:] = 1.0  # i_t = 1
    if variant == "no_forget":
        f[:] = 1.0  # f_t = 1: the 1997 LSTM keeps everything
    if not output_gate:
        o[:] = 1.0  # o_t = 1
    a = input_projection(xs, p.W, p.b)  # (T, B, 4H): W x_t + b for all steps in one matmul
    a_i, a_f, a_g, a_o = (a[..., k * H : (k + 1) * H] for k in range(4))  # (T, B, H) views
    UT = np.ascontiguousarray(p.U.T)  # (4H, H) -> (H, 4H), so that h_{t-1} @ Uᵀ = U h_{t-1}
    p_i, p_f, p_o = p.peephole  # (H,) each
    Uh = np.empty((B, 4 * H))
    ig = np.empty((B, H))
    pc = np.empty((B, H))
    h_prev, c_prev = h0.reshape(B, H), c0.reshape(B, H)
    with np.errstate(over="ignore", invalid="ignore"):  # see check_no_overflow
        for t, a_t in enumerate(a):
            a_t += np.dot(h_prev, UT, out=Uh)  # a_t = W x_t + U h_{t-1} + b, all four gates
            if peephole:
                a_i[t] += np.multiply(p_i, c_prev, out=pc)  # a_i += p_i ⊙ c_{t-1}
                a_f[t] += np.multiply(p_f, c_prev, out=pc)  # a_f += p_f ⊙ c_{t-1}
            i_t = sigmoid(a_i[t], out=i[t]) if input_gate else i[t]  # i_t = σ(a_i), or 1
            if forget_gate:
                f_t = sigmoid(a_f[t], out=f[t])  # f_t = σ(a_f)
            elif variant == "coupled":
                f_t = np.subtract(1.0, i_t, out=f[t])  # f_t = 1 - i_t
            else:
                f_t = f[t]  # no_forget: f_t = 1
            if input_tanh:
                g_t = tanh(a_g[t], out=g[t])  # g_t = tanh(a_g)
            else:
                g_t = g[t]
                g_t[...] = a_g[t]  # g_t = a_g, no tanh
            c_t = np.multiply(f_t, c_prev, out=c[t])  # c_t = f_t ⊙ c_{t-1}
            c_t += np.multiply(i_t, g_t, out=ig)  #       + i_t ⊙ g_t
            if peephole:
                a_o[t] += np.multiply(p_o, c_t, out=pc)  # a_o += p_o ⊙ c_t, the NEW c_t
            o_t = sigmoid(a_o[t], out=o[t]) if output_gate else o[t]  # o_t = σ(a_o), or 1
            if output_tanh:
                tanh_c_t = tanh(c_t, out=tanh_c[t])  # tanh(c_t)
            else:
                tanh_c_t = tanh_c[t]
                tanh_c_t[...] = c_t  # no tanh: o_t multiplies c_t itself
            h_t = np.multiply(o_t, tanh_c_t, out=h[t])  # h_t = o_t ⊙ tanh(c_t)
            h_prev, c_prev = h_t, c_t
    if variant in UNBOUNDED_VARIANTS:
        check_cell_finite(c)
    check_no_overflow(h)

    shape = (T, B, H) if batched else (T, H)
    i, f, g, o, c, tanh_c, h = (v.reshape(shape) for v in (i, f, g, o, c, tanh_c, h))
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
    a = input_projection(xs, q.W, q.b)  # (T, B, H): W x_t + b for all steps in one matmul
    UT = np.ascontiguousarray(q.U.T)  # (H, H), so that h_{t-1} @ Uᵀ = U h_{t-1}
    Uh = np.empty((B, H))
    h_prev = h0.reshape(B, H)
    with np.errstate(over="ignore", invalid="ignore"):  # see check_no_overflow
        for t, a_t in enumerate(a):
            a_t += np.dot(h_prev, UT, out=Uh)  # a_t = W x_t + U h_{t-1} + b
            h_prev = tanh(a_t, out=h[t])  # h_t = tanh(a_t)
    check_no_overflow(h)
    return RNNTrace(h=h if batched else h.reshape(T, H), h0=h0, xs=_user_shape(xs, batched))


# --- tables ---------------------------------------------------------------------------------------


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
