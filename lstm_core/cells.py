"""One time step of an LSTM cell and of a plain RNN cell, written the way the equations read.

    i_t = σ(W_i x_t + U_i h_{t-1} + b_i)       input gate: how much of g_t to write
    f_t = σ(W_f x_t + U_f h_{t-1} + b_f)       forget gate: how much of c_{t-1} to keep
    g_t = tanh(W_g x_t + U_g h_{t-1} + b_g)    candidate values
    o_t = σ(W_o x_t + U_o h_{t-1} + b_o)       output gate: how much of tanh(c_t) to show
    c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t            the cell state: still H numbers, it never grows
    h_t = o_t ⊙ tanh(c_t)                      uses the *new* cell state c_t

Variants (the `variant` keyword of lstm_step, run_lstm; lstm_backward reads it from the trace).
Each changes one thing; a gate that is taken away is the constant 1, and its weight block is
computed but ignored (its gradient is exactly 0):
    "standard"              the equations above (PyTorch's nn.LSTM)
    "no_forget"             the original 1997 LSTM: f_t = 1, the cell only adds
    "coupled"               f_t = 1 - i_t: the cell forgets exactly as much as it writes (CIFG)
    "peephole"              the gates also see the cell state (Gers & Schmidhuber 2000; Greff et
                            al.'s "vanilla"), through diagonal weights p.peephole = (p_i, p_f, p_o):
                              i_t = σ(W_i x_t + U_i h_{t-1} + p_i ⊙ c_{t-1} + b_i)
                              f_t = σ(W_f x_t + U_f h_{t-1} + p_f ⊙ c_{t-1} + b_f)
                              o_t = σ(W_o x_t + U_o h_{t-1} + p_o ⊙ c_t + b_o)    the NEW c_t
                            with zero peepholes it is the standard cell
    "no_input_gate"         i_t = 1: all of g_t is written
    "no_output_gate"        o_t = 1: h_t = tanh(c_t)
    "no_input_activation"   g_t = W_g x_t + U_g h_{t-1} + b_g, without tanh
    "no_output_activation"  h_t = o_t ⊙ c_t, without tanh
(Greff et al. 2017, "LSTM: A Search Space Odyssey", removed one part at a time like this.)

What a step (and a trace) holds for a part that is taken away is the value on that wire, so
c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t and h_t = o_t ⊙ tanh_c hold in every variant: i = 1 (no input
gate), f = 1 (no forget gate), o = 1 (no output gate), g = the pre-activation a_g (no input
activation), tanh_c = c_t itself (no output activation: what o_t multiplies).

x is (D,) or a batch (B, D); h and c are (H,) or (B, H) to match. The sequence loop in
sequence.py computes the same numbers, arranged for speed; tests check they agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from lstm_core.activations import sigmoid, tanh
from lstm_core.params import GATES, LSTMParams, RNNParams
from lstm_core.validation import (
    check_cell_finite,
    check_no_overflow,
    check_one_of,
    check_projection,
    step_inputs,
)

VARIANTS: tuple[str, ...] = (
    "standard",
    "no_forget",
    "coupled",
    "peephole",
    "no_input_gate",
    "no_output_gate",
    "no_input_activation",
    "no_output_activation",
)
# The three variants the pages offered before the peephole and "no_..." ones existed.
CLASSIC_VARIANTS: tuple[str, ...] = ("standard", "no_forget", "coupled")
# Variants without one of the two tanh: g_t (so c_t) or h_t is no longer bounded by 1, so their
# runs also check c for overflow (elsewhere |g_t| ≤ 1 gives |c_t| ≤ |c_0| + t).
UNBOUNDED_VARIANTS: tuple[str, ...] = ("no_input_activation", "no_output_activation")


@dataclass(frozen=True, eq=False)
class LSTMStep:
    """One LSTM step: gates i, f, g, o, new state c, h, and tanh_c (what o multiplies: tanh(c),
    or c itself in "no_output_activation"), each (H,) or (B, H); a holds the pre-activations
    (4H,) or (B, 4H), blocks i, f, g, o: W x + U h + b, plus p_i ⊙ c_prev, p_f ⊙ c_prev and
    p_o ⊙ c in the "peephole" variant (so i = σ(a_i) wherever i is a gate)."""

    i: np.ndarray
    f: np.ndarray
    g: np.ndarray
    o: np.ndarray
    c: np.ndarray
    h: np.ndarray
    tanh_c: np.ndarray
    a: np.ndarray


@dataclass(frozen=True, eq=False)
class RNNStep:
    """One RNN step: new state h = tanh(a), and a = W x + U h_prev + b; each (H,) or (B, H)."""

    h: np.ndarray
    a: np.ndarray


def lstm_step(
    p: LSTMParams, x: Any, h: Any = None, c: Any = None, variant: str = "standard"
) -> LSTMStep:
    """One step from state (h, c) with input x; h, c default to zeros. Returns an LSTMStep whose
    .h and .c are the new state, shaped like the given h (H,) or (B, H). `variant`: one of
    VARIANTS (see the module docstring)."""
    p.validate()
    check_variant(variant)
    x, h_prev, c_prev = step_inputs(p, x, h, c)
    H = p.hidden_size
    with np.errstate(over="ignore", invalid="ignore"):  # see check_no_overflow
        a = input_projection(x, p.W, p.b) + h_prev @ p.U.T  # W x_t + U h_{t-1} + b, (…, 4H)
        a_i, a_f, a_g, a_o = a[..., :H], a[..., H : 2 * H], a[..., 2 * H : 3 * H], a[..., 3 * H :]
        p_i, p_f, p_o = p.peephole  # (H,) each; read only by the peephole variant
        if variant == "peephole":  # the gates look at the cell state (views: a changes too)
            a_i += p_i * c_prev  # a_i = W_i x_t + U_i h_{t-1} + b_i + p_i ⊙ c_{t-1}
            a_f += p_f * c_prev  # a_f = W_f x_t + U_f h_{t-1} + b_f + p_f ⊙ c_{t-1}

        if variant == "no_input_gate":
            i = np.ones_like(c_prev)  # i_t = 1: all of g_t is written
        else:
            i = sigmoid(a_i)  # i_t = σ(a_i)
        if variant == "no_forget":
            f = np.ones_like(c_prev)  # f_t = 1: the 1997 LSTM keeps everything
        elif variant == "coupled":
            f = 1.0 - i  # f_t = 1 - i_t
        else:
            f = sigmoid(a_f)  # f_t = σ(a_f)
        if variant == "no_input_activation":
            g = a_g.copy()  # g_t = a_g, no tanh
        else:
            g = tanh(a_g)  # g_t = tanh(a_g)
        c_new = f * c_prev + i * g  # c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t

        if variant == "peephole":
            a_o += p_o * c_new  # a_o = W_o x_t + U_o h_{t-1} + b_o + p_o ⊙ c_t (the NEW c_t)
        if variant == "no_output_gate":
            o = np.ones_like(c_prev)  # o_t = 1: all of tanh(c_t) is shown
        else:
            o = sigmoid(a_o)  # o_t = σ(a_o)
        if variant == "no_output_activation":
            tanh_c = c_new.copy()  # no tanh: o_t multiplies c_t itself
        else:
            tanh_c = tanh(c_new)
        h_new = o * tanh_c  # h_t = o_t ⊙ tanh(c_t)   (h_t = o_t ⊙ c_t without the activation)
    if variant in UNBOUNDED_VARIANTS:
        check_cell_finite(c_new)
    check_no_overflow(h_new)
    return LSTMStep(i=i, f=f, g=g, o=o, c=c_new, h=h_new, tanh_c=tanh_c, a=a)


def rnn_step(q: RNNParams, x: Any, h: Any = None) -> RNNStep:
    """One step h_t = tanh(W x_t + U h_{t-1} + b) from h (default zeros); h_t shaped like h."""
    q.validate()
    x, h_prev, _ = step_inputs(q, x, h, None)
    with np.errstate(over="ignore", invalid="ignore"):  # see check_no_overflow
        a = input_projection(x, q.W, q.b) + h_prev @ q.U.T  # W x_t + U h_{t-1} + b, (…, H)
    h_new = tanh(a)  # h_t = tanh(a_t)
    check_no_overflow(h_new)
    return RNNStep(h=h_new, a=a)


def input_projection(x: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """W x + b for every x in x (…, D), as an array (…, rows of W). The part that does not
    depend on the state, so run_lstm and run_rnn compute it for all steps in one matmul.
    ValueError if a value leaves float64 (see validation.check_projection)."""
    with np.errstate(over="ignore", invalid="ignore"):
        return check_projection(x @ W.T + b)


def gates_used(variant: str) -> tuple[str, ...]:
    """The gates (of "i", "f", "g", "o", in that order) whose weight blocks the variant reads.
    A gate missing here is constant (i, f or o = 1) or, for "coupled", f = 1 - i has no weights
    of its own: its rows of W, U, b get exactly zero gradient, and its branch U_kᵀ δa_k is 0."""
    removed = {"no_forget": "f", "coupled": "f", "no_input_gate": "i", "no_output_gate": "o"}
    return tuple(gate for gate in GATES if gate != removed.get(check_variant(variant)))


def check_variant(variant: str) -> str:
    """Return `variant` if it is one of VARIANTS; ValueError otherwise."""
    return check_one_of(variant, VARIANTS, "variant")
