"""Hand-set single-step scenarios for the lecture: each makes one gate do one clear thing.

A scenario fixes the weights of every unit the same way (W, U zero unless noted, the behaviour
set by the biases) and gives the step's inputs. With b = ±6 a gate is σ(±6) = 0.9975 or 0.0025:
close to 1 or 0, but not rounded; "keep_30" sets b_f = logit(0.3), so f = 0.3 to float precision.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from lstm_core.cells import LSTMStep, lstm_step
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
