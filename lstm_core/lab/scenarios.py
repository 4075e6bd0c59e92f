"""Hand-set single-step scenarios for the lecture: each makes one gate do one clear thing, for
the LSTM (SCENARIOS) and the GRU (GRU_SCENARIOS, with read_gru_step: what a GRU step did, for
the page's sentences).

A scenario fixes the weights of every unit the same way (W, U zero unless noted, the behaviour
set by the biases) and gives the step's inputs. With b = ±6 a gate is σ(±6) = 0.9975 or 0.0025:
close to 1 or 0, but not rounded; "keep_30" sets b_f = logit(0.3), so f = 0.3 to float precision.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from lstm_core.cells import LSTMStep, lstm_step
from lstm_core.gru import GRUParams, GRUStep
from lstm_core.params import LSTMParams

OPEN, SHUT = 6.0, -6.0  # σ(6) = 0.9975, σ(-6) = 0.0025


@dataclass(frozen=True)
class Scenario:
    """Biases per gate (b_i, b_f, b_g, b_o), input weight of g (W_g), and the step's inputs."""

    b_i: float
    b_f: float
    b_g: float
    b_o: float
    W_g: float
    x: float
    h_prev: float
    c_prev: float


SCENARIOS: dict[str, Scenario] = {
    # f ≈ 1, i ≈ 0: the memory passes unchanged, the new input is kept out
    "remember": Scenario(
        b_i=SHUT, b_f=OPEN, b_g=0.0, b_o=0.0, W_g=1.0, x=1.0, h_prev=0.0, c_prev=0.8
    ),
    # f ≈ 0 (and i ≈ 0): the memory is wiped
    "forget": Scenario(
        b_i=SHUT, b_f=SHUT, b_g=0.0, b_o=0.0, W_g=1.0, x=1.0, h_prev=0.0, c_prev=0.8
    ),
    # i ≈ 1, g ≈ tanh(3) ≈ 0.995, f ≈ 0: the old memory is replaced by the new value
    "write": Scenario(
        b_i=OPEN, b_f=SHUT, b_g=0.0, b_o=0.0, W_g=3.0, x=1.0, h_prev=0.0, c_prev=-0.5
    ),
    # memory kept and shown: o ≈ 1, so h = tanh(c)
    "read_out": Scenario(
        b_i=SHUT, b_f=OPEN, b_g=0.0, b_o=OPEN, W_g=1.0, x=1.0, h_prev=0.0, c_prev=0.8
    ),
    # memory kept but hidden: o ≈ 0, so h ≈ 0 while c is unchanged
    "hide": Scenario(b_i=SHUT, b_f=OPEN, b_g=0.0, b_o=SHUT, W_g=1.0, x=1.0, h_prev=0.0, c_prev=0.8),
    # f = 0.3 exactly and g = 0: c_t = 0.3 · c_{t-1}
    "keep_30": Scenario(
        b_i=SHUT, b_f=math.log(0.3 / 0.7), b_g=0.0, b_o=0.0, W_g=0.0, x=1.0, h_prev=0.0, c_prev=2.0
    ),
}


def scenario_params(name: str, input_size: int = 1, hidden_size: int = 1) -> LSTMParams:
    """The scenario's weights for D inputs and H units: W (4H, D), U (4H, H) = 0, b (4H,).

    W_g puts the scenario's weight on the first input only, so every unit sees the same g.
    """
    s = SCENARIOS[name]
    D, H = input_size, hidden_size
    W, U = np.zeros((4 * H, D)), np.zeros((4 * H, H))
    W[2 * H : 3 * H, 0] = s.W_g
    b = np.repeat([s.b_i, s.b_f, s.b_g, s.b_o], H)
    return LSTMParams(W, U, b)


def scenario_inputs(
    name: str, input_size: int = 1, hidden_size: int = 1
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x (D,), h_prev (H,), c_prev (H,)) for the scenario; every unit starts alike."""
    s = SCENARIOS[name]
    return (
        np.full(input_size, s.x),
        np.full(hidden_size, s.h_prev),
        np.full(hidden_size, s.c_prev),
    )


# --- the GRU's scenarios, and what a GRU step did in words -------------------------------------
# nn.GRU's cell (lstm_core.gru): h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}, n = tanh(W_n x + b_in +
# r ⊙ (U_n h_{t−1} + b_hn)). As for the LSTM the behaviour is set by biases of ±6.


@dataclass(frozen=True)
class GRUScenario:
    """Biases of r and z (b_ir, b_iz; the recurrent biases stay 0), the candidate's input
    weight W_n and the diagonal of U_n (each unit sees its own h), and the step's inputs."""

    b_r: float
    b_z: float
    W_n: float
    U_n: float
    x: float
    h_prev: float


GRU_SCENARIOS: dict[str, GRUScenario] = {
    # z ≈ 1: h_t ≈ h_{t−1}, the candidate is kept out (the LSTM's f ≈ 1, i ≈ 0)
    "gru_keep": GRUScenario(b_r=0.0, b_z=OPEN, W_n=1.0, U_n=0.0, x=1.0, h_prev=0.8),
    # z ≈ 0: h_t ≈ n_t = tanh(3) = 0.995, the old state −0.5 is replaced
    "gru_overwrite": GRUScenario(b_r=0.0, b_z=SHUT, W_n=3.0, U_n=0.0, x=1.0, h_prev=-0.5),
    # r ≈ 0 (and z ≈ 0): the candidate ignores h_{t−1}: n = tanh(0.5 + 0.0025·1.6) instead of
    # tanh(0.5 + 1.6)
    "gru_reset": GRUScenario(b_r=SHUT, b_z=SHUT, W_n=0.5, U_n=2.0, x=1.0, h_prev=0.8),
}


def gru_scenario_params(name: str, input_size: int = 1, hidden_size: int = 1) -> GRUParams:
    """The GRU scenario's weights for D inputs and H units: W (3H, D) with W_n on the first
    input only, U (3H, H) with U_n on the diagonal, b_ih (3H,) = (b_r, b_z, 0), b_hh = 0."""
    s = GRU_SCENARIOS[name]
    D, H = input_size, hidden_size
    W, U = np.zeros((3 * H, D)), np.zeros((3 * H, H))
    W[2 * H :, 0] = s.W_n
    U[2 * H :] = s.U_n * np.eye(H)
    b_ih = np.repeat([s.b_r, s.b_z, 0.0], H)
    return GRUParams(W, U, b_ih, np.zeros(3 * H))


def gru_scenario_inputs(
    name: str, input_size: int = 1, hidden_size: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """(x (D,), h_prev (H,)) for the GRU scenario; every unit starts alike."""
    s = GRU_SCENARIOS[name]
    return np.full(input_size, s.x), np.full(hidden_size, s.h_prev)


NEAR = 0.02  # a gate within 0.02 of 0 or 1 is worded as (almost) shut or open, as the LSTM's f
NOTHING = 5e-4  # |U_n h + b_hn| below this shows as 0.000: the reset gate has nothing to scale


@dataclass(frozen=True)
class GRUReading:
    """What one GRU step did to one unit, decided from its numbers for the page to word.

    update: "keeps" (z ≥ 1 − NEAR: h_t is almost h_{t−1}), "overwrites" (z ≤ NEAR: h_t is
    almost the candidate n_t), or "mixes".
    reset: "nothing" (|U_n h_{t−1} + b_hn| < NOTHING: r has nothing to scale), "blocks"
    (r ≤ NEAR), "passes" (r ≥ 1 − NEAR), or "scales".
    The numbers: z, r, n, h (new state), h_prev, hn = U_n h_{t−1} + b_hn, rhn = r·hn,
    zh = z·h_{t−1} (kept), zn = (1 − z)·n (written); h = zh + zn.
    """

    update: str
    reset: str
    z: float
    r: float
    n: float
    h: float
    h_prev: float
    hn: float
    rhn: float
    zh: float
    zn: float


def read_gru_step(step: GRUStep, h_prev: np.ndarray, unit: int) -> GRUReading:
    """The reading of unit `unit` (0-based) of a GRU step (gru_step's result, arrays (H,))
    taken from h_prev (H,)."""
    z, r, n, h = (float(getattr(step, name)[unit]) for name in ("z", "r", "n", "h"))
    hp, hn = float(np.asarray(h_prev, dtype=float)[unit]), float(step.hn[unit])
    if z >= 1 - NEAR:
        update = "keeps"
    elif z <= NEAR:
        update = "overwrites"
    else:
        update = "mixes"
    if abs(hn) < NOTHING:
        reset = "nothing"
    elif r <= NEAR:
        reset = "blocks"
    elif r >= 1 - NEAR:
        reset = "passes"
    else:
        reset = "scales"
    return GRUReading(update, reset, z, r, n, h, hp, hn, r * hn, z * hp, (1 - z) * n)


# --- cells whose gates take chosen values (used by the exercises and the misconceptions) ------
# With W = U = 0 every gate is its bias squashed, so the biases are the gates' inverse functions:
# b_i = logit(i), b_f = logit(f), b_g = artanh(g), b_o = logit(o), logit(p) = ln(p / (1 − p)).
# σ(logit(p)) gives p back to about 1e-16. The ends 0 and 1 have no finite logit: there the bias
# is ±SATURATED, where σ and tanh round to exactly 0 or ±1 in float64 (tanh(20) = 1.0), so a gate
# of 0 is an exact 0, not "almost closed".

SATURATED = 40.0  # σ(±40) = ½(1 ± tanh 20) is exactly 1 or 0 in float64


def logit(p: float) -> float:
    """The bias b with σ(b) = p, for a gate value p in [0, 1]; ±SATURATED at the ends."""
    p = float(p)
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"a gate value must lie in [0, 1], got {p!r}")
    if p <= 0.0:
        return -SATURATED
    if p >= 1.0:
        return SATURATED
    return min(max(math.log(p / (1.0 - p)), -SATURATED), SATURATED)


def artanh(g: float) -> float:
    """The bias b with tanh(b) = g, for a candidate value g in [−1, 1]; ±SATURATED/2 at ±1."""
    g = float(g)
    if not -1.0 <= g <= 1.0:
        raise ValueError(f"a candidate value g must lie in [−1, 1], got {g!r}")
    if abs(g) >= 1.0:
        return math.copysign(SATURATED / 2, g)
    return math.atanh(g)


def gate_params(i: float, f: float, g: float, o: float, hidden_size: int = 1) -> LSTMParams:
    """A cell with D = 1 input whose gates are exactly i, f, g, o on every unit and every step,
    whatever x and h are: W (4H, 1) = 0, U (4H, H) = 0, b (4H,) the inverse functions above."""
    H = hidden_size
    b = np.repeat([logit(i), logit(f), artanh(g), logit(o)], H)
    return LSTMParams(np.zeros((4 * H, 1)), np.zeros((4 * H, H)), b)


def one_step(i: float, f: float, g: float, o: float, c_prev: float) -> LSTMStep:
    """lstm_step of gate_params(i, f, g, o) from c_{t−1} = c_prev, h_{t−1} = 0, x = 0; every
    array of the result is (1,)."""
    return lstm_step(gate_params(i, f, g, o), [0.0], [0.0], [c_prev])
