"""Small computations that disprove the usual misconceptions about LSTMs, each run through the
core's own lstm_step / run_lstm, so that the page's numbers are the model's numbers.

Most of them need a one-unit cell whose gates take chosen values. With W = U = 0 every gate is
its bias squashed, so the biases are the gates' inverse functions:

    b_i = logit(i), b_f = logit(f), b_g = artanh(g), b_o = logit(o),   logit(p) = ln(p / (1 − p)).

σ(logit(p)) gives p back to about 1e-16 (lstm_core.lab.scenarios.gate_params, shared with the
exercises).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from lstm_core.lab.gradient_flow import LSTMFlow, RNNFlow, lstm_flow, rnn_flow
from lstm_core.lab.inputs import make_sequence
from lstm_core.lab.scenarios import SATURATED, artanh, gate_params, logit, one_step
from lstm_core.params import LSTMParams, RNNParams
from lstm_core.sequence import LSTMTrace, run_lstm

__all__ = [
    "SATURATED",
    "CellSizeRun",
    "ForgetTerm",
    "ReadOut",
    "artanh",
    "cell_size_run",
    "forget_term",
    "gate_params",
    "gradient_flow_lstm",
    "gradient_flow_rnn",
    "keep_decay",
    "logit",
    "one_step",
    "read_out",
]

# --- 1. the cell state keeps its size ------------------------------------------------------------

CELL_FORGET_BIAS = 2.0  # f ≈ 0.88: the memory builds up past 1, so the bound has work to do


@dataclass(frozen=True, eq=False)
class CellSizeRun:
    """An LSTM run of T steps: xs (T, D), the cell states c (T, H) (row t−1 is c_t), max_abs
    (T,): the largest |c_t| over the units at each step, f_max: the largest forget gate of the
    run (over all steps and units), and notation_gap: the largest difference over the run
    between the gates' pre-activations written W·[h_{t−1}, x_t] + b (course notes) and
    W_x x_t + U h_{t−1} + b (PyTorch, this app)."""

    xs: np.ndarray
    c: np.ndarray
    max_abs: np.ndarray
    f_max: float
    notation_gap: float = 0.0

    @property
    def bound(self) -> np.ndarray:
        """B_t = 1 + f_max + … + f_max^{t−1} = (1 − f_maxᵗ)/(1 − f_max) for t = 1..T (T,), and
        t where f_max = 1. From c_0 = 0, |c_t| ≤ f_t |c_{t−1}| + |i_t g_t| < f_max |c_{t−1}| + 1
        (σ < 1 and |tanh| < 1), so |c_t| < B_t: below t, and below 1/(1 − f_max) for good."""
        return geometric_bound(self.f_max, len(self.c))


def geometric_bound(f_max: float, T: int) -> np.ndarray:
    """(1 − f_maxᵗ)/(1 − f_max) for t = 1..T (T,); t where f_max ≥ 1."""
    t = np.arange(1, T + 1, dtype=float)
    if f_max >= 1.0:
        return t
    return -np.expm1(t * np.log(f_max)) / (1.0 - f_max) if f_max > 0 else np.ones(T)


def cell_size_run(T: int, H: int, seed: int = 0) -> CellSizeRun:
    """Run a PyTorch-initialised LSTM (forget bias CELL_FORGET_BIAS) over T steps of N(0, 1)
    noise from c_0 = 0. Returns a CellSizeRun."""
    xs = make_sequence("noise", T, seed).xs
    p = LSTMParams.init(xs.shape[1], H, seed=seed, scheme="torch", forget_bias=CELL_FORGET_BIAS)
    tr: LSTMTrace = run_lstm(p, xs)
    max_abs = np.abs(tr.c).max(axis=1)
    return CellSizeRun(xs, tr.c, max_abs, float(tr.f.max()), notation_gap(p, xs, tr.h))


def notation_gap(p: LSTMParams, xs: np.ndarray, h: np.ndarray) -> float:
    """max |W_cat·[h_{t−1}, x_t] + b − (W x_t + U h_{t−1} + b)| over the run, where W_cat =
    [U | W] (4H, H + D) is the one matrix course notes write, acting on the concatenation
    [h_{t−1}, x_t] (H + D,). xs (T, D), h (T, H) from the run (h_0 = 0)."""
    h_prev = np.vstack([np.zeros((1, h.shape[1])), h[:-1]])  # (T, H)
    joined = np.hstack([h_prev, xs])  # (T, H + D): [h_{t−1}, x_t]
    W_cat = np.hstack([p.U, p.W])  # (4H, H + D)
    one_matrix = joined @ W_cat.T + p.b
    two_matrices = xs @ p.W.T + h_prev @ p.U.T + p.b
    return float(np.max(np.abs(one_matrix - two_matrices)))


# --- 2. a forget gate of 0.3 keeps 30% -----------------------------------------------------------


def keep_decay(f: float, c_prev: float, steps: int) -> np.ndarray:
    """c_k for k = 0..steps (steps + 1,): the memory c_0 = c_prev after k steps of a cell with
    forget gate f and nothing written (i = 0, g = 0), run by run_lstm; equals f^k · c_prev."""
    p = gate_params(0.0, f, 0.0, 0.5)
    tr = run_lstm(p, np.zeros((steps, 1)), c0=[c_prev])
    return np.concatenate([[float(c_prev)], tr.c[:, 0]])


# --- 3. the forget gate multiplies the old memory -----------------------------------------------


@dataclass(frozen=True)
class ForgetTerm:
    """One step's c_t from the core and what the myth c_t = c_{t−1} + i g (f taken as 1, as
    course notes sometimes write the update) would make of it.

    c: the core's c_t = f c_{t−1} + i g; kept: f c_{t−1}; written: i g; carried: c_{t−1} + i g,
    the myth's c_t; error: carried − c, which is (1 − f) c_{t−1}, the part of the memory the
    forget gate removed.
    """

    f: float
    c_prev: float
    i: float
    g: float
    c: float
    kept: float
    written: float

    @property
    def carried(self) -> float:
        return self.c_prev + self.written

    @property
    def error(self) -> float:
        return self.carried - self.c


def forget_term(f: float, c_prev: float, i: float, g: float) -> ForgetTerm:
    """Step a cell with gates i, f, g (o = 0.5) from c_prev; see ForgetTerm."""
    s = one_step(i, f, g, 0.5, c_prev)
    gi, gf, gg = float(s.i[0]), float(s.f[0]), float(s.g[0])
    return ForgetTerm(gf, float(c_prev), gi, gg, float(s.c[0]), gf * c_prev, gi * gg)


# --- 4. h uses the new cell state ----------------------------------------------------------------

READ_GATES = {"i": 0.9, "f": 0.5, "o": 0.8}  # fixed for this one; c_{t−1} and g are the controls


@dataclass(frozen=True)
class ReadOut:
    """One step's h_t = o tanh(c_t) from the core, and o tanh(c_{t−1}), the misreading."""

    i: float
    f: float
    g: float
    o: float
    c_prev: float
    c: float
    h: float
    h_old: float

    @property
    def difference(self) -> float:
        return self.h - self.h_old


def read_out(c_prev: float, g: float) -> ReadOut:
    """Step a cell with the gates of READ_GATES and candidate g from c_prev; see ReadOut."""
    s = one_step(READ_GATES["i"], READ_GATES["f"], g, READ_GATES["o"], c_prev)
    o = float(s.o[0])
    return ReadOut(
        float(s.i[0]),
        float(s.f[0]),
        float(s.g[0]),
        o,
        float(c_prev),
        float(s.c[0]),
        float(s.h[0]),
        o * math.tanh(c_prev),
    )


# --- 5. LSTMs lose gradient too when f is small ----------------------------------------------

# The vanishing gradients page's default models: its input and sizes, the loss on the last of K
# steps. Only the forget bias changes; LARGE_FORGET_BIAS gives the reference LSTM whose f stays
# near 1.
GRADIENT_SETUP = {"preset": "first_value", "seed": 0, "H": 16, "scheme": "gaussian"}
RNN_SCALE = 0.9
LARGE_FORGET_BIAS = 6.0


def gradient_flow_lstm(forget_bias: float, K: int) -> LSTMFlow:
    """The default LSTM (GRADIENT_SETUP) with this forget bias, K steps back from a loss at the
    last of K steps."""
    s = GRADIENT_SETUP
    xs = make_sequence(s["preset"], K, s["seed"]).xs
    p = LSTMParams.init(
        xs.shape[1], s["H"], seed=s["seed"], scheme=s["scheme"], forget_bias=forget_bias
    )
    return lstm_flow(p, xs, K - 1)


def gradient_flow_rnn(K: int) -> RNNFlow:
    """The default RNN (GRADIENT_SETUP, recurrent scale RNN_SCALE), K steps back from a loss at
    the last of K steps."""
    s = GRADIENT_SETUP
    xs = make_sequence(s["preset"], K, s["seed"]).xs
    q = RNNParams.init(
        xs.shape[1], s["H"], seed=s["seed"], scheme=s["scheme"], recurrent_scale=RNN_SCALE
    )
    return rnn_flow(q, xs, K - 1)


def mean_step_factor(norms_back: np.ndarray, k: int) -> float:
    """The geometric mean of the per-step factors over the first k steps back from the loss,
    (‖g_{τ−k}‖ / ‖g_τ‖)^(1/k): what one step multiplied the gradient by, on average. norms_back
    (K,), 1 ≤ k < K; nan if the norm at the loss is 0 or anything is not finite."""
    first, last = float(norms_back[0]), float(norms_back[k])
    if not (first > 0 and np.isfinite(first) and np.isfinite(last)):
        return math.nan
    return (last / first) ** (1.0 / k)
