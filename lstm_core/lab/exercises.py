"""Predict-then-reveal exercises, generated from a seed and answered by the model itself.

A set is an endless sequence of exercises numbered 1, 2, 3, …; `exercise(seed, n)` is the n-th
exercise of set `seed`, the same on every machine, so a teacher who hands out a seed gives the
whole class the same tasks. Every five exercises cover the five kinds once, in an order drawn
from the seed:

    cell_update     f, c_{t-1}, i, g given: what is c_t = f·c_{t-1} + i·g?
    hidden_output   f, c_{t-1}, i, g, o given: what is h_t = o·tanh(c_t)?
    keep_memory     which gate setting keeps c over the next n noisy steps?
    pulse_decay     a pulse writes c_1; f and o stay fixed: at which step is h_t < 0.1 first?
    which_gradient  two gradient curves back in time: which one is the RNN's?

The numbers a question shows are round (f = 0.3). The weights are set so that the model has
exactly those values (b_f = logit 0.3 gives σ(b_f) = 0.3 to float precision) and the answer is
what `lstm_step`, `run_lstm` or the gradient flow compute, never a formula of this module.
Single-step exercises use one unit with W = U = 0, x = 0 and h_{t-1} = 0, so each gate is σ of
its bias alone (lstm_core.lab.scenarios.gate_params).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from lstm_core.cells import LSTMStep, lstm_step
from lstm_core.lab.gradient_flow import lstm_flow, rnn_flow
from lstm_core.lab.scenarios import OPEN, SHUT, gate_params, logit
from lstm_core.lab.verdicts import reach
from lstm_core.params import LSTMParams, RNNParams
from lstm_core.sequence import run_lstm

KINDS: tuple[str, ...] = (
    "cell_update",
    "hidden_output",
    "keep_memory",
    "pulse_decay",
    "which_gradient",
)
MAX_SEED = 9_999
MAX_NUMBER = 999
NUMBER_TOLERANCE = 0.01  # typed answers to two decimals count within ±0.01
H_THRESHOLD = 0.1  # pulse_decay: the step at which h_t first falls below this
GATE_SETTINGS: tuple[str, ...] = ("f1_i0", "f0_i1", "f1_i1", "f0_i0")  # keep_memory's choices
# A draw that would not teach its lesson is drawn again. With the model right, about one in two
# draws is kept at worst (seven draws at most over 4,000 exercises), so 100 rejected draws in a row
# mean the model is wrong (say, the forget term dropped from the cell): an error, not a hang.
MAX_DRAWS = 100
# Slips named after the sets were first handed out, by kind. They are diagnosed, but whether a
# draw is kept is decided on the others only, so that a seed gives the same exercises as before.
LATER_SLIPS = {"hidden_output": frozenset({"forget_as_one"})}


@dataclass(frozen=True, eq=False)
class Exercise:
    """One exercise of a seeded set.

    kind: one of KINDS; seed, number: which set and which exercise in it (from 1).
    given: the numbers the question and its reveal show, by name (e.g. {"f": 0.3, "c_prev": 2.0}).
    answer: the model's number (float; a step number for pulse_decay) or the right choice's key.
    choices: the options of a choice exercise in the order shown; () for a typed number.
    tolerance: how far a typed number may lie from answer and still count.
    p, step: the single step behind a one-step exercise (one unit; x = h_{t-1} = 0): its
      weights and lstm_step's result. None for the other kinds.
    curves: what the reveal plots, name -> (T,) array: c_t per gate setting (keep_memory),
      h_t and c_t (pulse_decay), the RNN's ‖∂L/∂h‖ and the LSTM's ‖∂L/∂c‖ (which_gradient).
    """

    kind: str
    seed: int
    number: int
    given: dict[str, float]
    answer: float | str
    choices: tuple[str, ...] = ()
    tolerance: float = NUMBER_TOLERANCE
    p: LSTMParams | None = None
    step: LSTMStep | None = None
    curves: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    """How a response compares with the answer.

    correct: within the tolerance (numbers) or the right key (choices). gap: response − answer
    for numbers, None for choices. slip: the key of the known mistake the response matches
    (see `slips`), or None.
    """

    correct: bool
    gap: float | None
    slip: str | None


def kind_of(seed: int, number: int) -> str:
    """The kind of exercise `number` (from 1) of set `seed`: each run of five covers all kinds."""
    _check_position(seed, number)
    block, place = divmod(number - 1, len(KINDS))
    order = np.random.default_rng([seed, block]).permutation(len(KINDS))
    return KINDS[order[place]]


def exercise(seed: int, number: int) -> Exercise:
    """Exercise `number` (1 … MAX_NUMBER) of the set `seed` (0 … MAX_SEED)."""
    kind = kind_of(seed, number)
    rng = np.random.default_rng([seed, number, 1])
    return _MAKERS[kind](rng, seed, number)


def check(ex: Exercise, response: float | str) -> Verdict:
    """Compare a student's response with the exercise's answer."""
    if ex.choices:
        return Verdict(correct=response == ex.answer, gap=None, slip=None)
    gap = float(response) - float(ex.answer)
    if abs(gap) <= ex.tolerance + 1e-9:
        return Verdict(correct=True, gap=gap, slip=None)
    near = [key for key, v in slips(ex).items() if abs(float(response) - v) <= ex.tolerance]
    return Verdict(correct=False, gap=gap, slip=near[0] if near else None)


def slips(ex: Exercise) -> dict[str, float]:
    """What a typical mistake gives, by name, for the number exercises ({} for choices).

    cell_update: "dropped_forget" i·g, "dropped_write" f·c_{t-1}, "forget_as_one"
    c_{t-1} + i·g (rounding f to 0 or 1 gives the first or the last of these).
    hidden_output: "old_cell" o·tanh(c_{t-1}), "no_tanh" o·c_t, "no_output_gate" tanh(c_t),
    "dropped_forget" o·tanh(i·g), "forget_as_one" o·tanh(c_{t-1} + i·g) (the cell update
    with f taken as 1, carried into h_t).
    pulse_decay (step numbers): "early_power", the first step t with o·tanh(f^t·c_1) < 0.1
    (the memory multiplied by f once too often: f^t instead of f^{t−1}); "old_cell", the first
    with o·tanh(c_{t−1}) < 0.1 (h_t read from the cell state before the step). (Leaving out
    tanh is no slip here: near h = 0.1, tanh(c) ≈ c, so o·c crosses 0.1 at the same step.)
    """
    if ex.kind in ("cell_update", "hidden_output"):
        s = ex.step
        f, i, g, o = (float(a[0]) for a in (s.f, s.i, s.g, s.o))
        c_prev, c = ex.given["c_prev"], float(s.c[0])
        if ex.kind == "cell_update":
            candidates = {
                "dropped_forget": i * g,
                "dropped_write": f * c_prev,
                "forget_as_one": c_prev + i * g,
            }
        else:
            candidates = {
                "old_cell": o * math.tanh(c_prev),
                "no_tanh": o * c,
                "no_output_gate": math.tanh(c),
                "dropped_forget": o * math.tanh(i * g),
                "forget_as_one": o * math.tanh(c_prev + i * g),
            }
        distinct: dict[str, float] = {}
        for key, value in candidates.items():  # the first name wins where two mistakes agree
            if all(abs(value - v) > ex.tolerance for v in (float(ex.answer), *distinct.values())):
                distinct[key] = value
        return distinct
    if ex.kind == "pulse_decay":
        c, f, o = ex.curves["c"], ex.given["f"], ex.given["o"]
        steps = {
            "early_power": (o * np.tanh(f * c), 1),  # row j: step j + 1 with f^(j+1) c_1
            "old_cell": (o * np.tanh(c[:-1]), 2),  # row j: step j + 2 read from c_{j+1}
        }
        found = {}
        for key, (h_wrong, first_step) in steps.items():
            below = np.flatnonzero(h_wrong < H_THRESHOLD)
            if below.size and below[0] + first_step != ex.answer:
                found[key] = float(below[0] + first_step)
        return found
    return {}


# --- the five kinds ---------------------------------------------------------------------------


def _one_step(kind: str, rng: np.random.Generator, seed: int, number: int) -> Exercise:
    """cell_update or hidden_output: round gate values, one lstm_step, its c_t or h_t."""
    for _ in range(MAX_DRAWS):
        given = {
            "f": float(rng.choice([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])),
            "c_prev": float(rng.choice([-2.0, -1.5, -1.0, -0.5, 0.5, 1.0, 1.5, 2.0])),
            "i": float(rng.choice([0.0, 0.2, 0.4, 0.5, 0.6, 0.8, 1.0])),
            "g": float(rng.choice([-0.8, -0.6, -0.4, -0.2, 0.2, 0.4, 0.6, 0.8])),
            "o": float(rng.choice([0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0])),
        }
        if kind == "cell_update":
            del given["o"]
        p = gate_params(given["i"], given["f"], given["g"], given.get("o", 0.5))
        step = lstm_step(p, [0.0], [0.0], [given["c_prev"]])
        answer = float(step.c[0] if kind == "cell_update" else step.h[0])
        ex = Exercise(kind, seed, number, given, answer, p=p, step=step)
        # Keep only tasks where every typical mistake gives a visibly different number from the
        # answer, so a wrong answer cannot count as right by accident.
        later = LATER_SLIPS.get(kind, frozenset())
        mistakes = [v for key, v in slips(ex).items() if key not in later]
        apart = all(abs(v - answer) > 3 * NUMBER_TOLERANCE for v in mistakes)
        if len(mistakes) >= 3 and apart:
            return ex
    raise _no_draw_kept(kind, seed, number)


def _cell_update(rng: np.random.Generator, seed: int, number: int) -> Exercise:
    return _one_step("cell_update", rng, seed, number)


def _hidden_output(rng: np.random.Generator, seed: int, number: int) -> Exercise:
    return _one_step("hidden_output", rng, seed, number)


def memory_params(setting: str) -> LSTMParams:
    """keep_memory's cell for a gate setting "f1_i0" etc. (D = H = 1: W (4, 1), U (4, 1) = 0,
    b (4,)): f and i fixed by ±6 biases (0.9975 or 0.0025), o = 0.5, g = tanh(3x) follows x."""
    f_open, i_open = setting[1] == "1", setting[4] == "1"
    W = np.array([[0.0], [0.0], [3.0], [0.0]])
    b = np.array([OPEN if i_open else SHUT, OPEN if f_open else SHUT, 0.0, 0.0])
    return LSTMParams(W, np.zeros((4, 1)), b)


def _keep_memory(rng: np.random.Generator, seed: int, number: int) -> Exercise:
    """Run the same noisy inputs through the four settings; the answer keeps c_n closest to c_0."""
    for _ in range(MAX_DRAWS):
        n = int(rng.choice([10, 20, 30, 50]))
        c0 = float(rng.choice([-1.5, -1.0, -0.8, 0.8, 1.0, 1.5]))
        xs = rng.uniform(-1.0, 1.0, (n, 1))
        curves = {}
        for setting in GATE_SETTINGS:
            trace = run_lstm(memory_params(setting), xs, h0=[0.0], c0=[c0])
            curves[setting] = np.concatenate([[c0], trace.c[:, 0]])  # (n + 1,): c_0 … c_n
        drift = {s: abs(curves[s][-1] - c0) for s in GATE_SETTINGS}
        answer = min(drift, key=drift.get)
        # The lesson is "forget open, input shut"; a draw where noise happens to favour another
        # setting would teach the wrong thing, so it is drawn again.
        if answer == "f1_i0" and sorted(drift.values())[1] > 3 * drift[answer]:
            choices = tuple(GATE_SETTINGS[k] for k in rng.permutation(len(GATE_SETTINGS)))
            given = {"c0": c0, "n": float(n)}
            return Exercise("keep_memory", seed, number, given, answer, choices, curves=curves)
    raise _no_draw_kept("keep_memory", seed, number)


def pulse_params(f: float, o: float, w_g: float) -> LSTMParams:
    """pulse_decay's cell (D = H = 1: W (4, 1), U (4, 1) = 0, b (4,)): x = 1 opens the input
    gate (12x − 6) and writes g = tanh(w_g x);
    x = 0 shuts it and g = 0, so afterwards c_t = f·c_{t-1} with f and o fixed by their biases."""
    W = np.array([[12.0], [0.0], [w_g], [0.0]])
    b = np.array([-6.0, logit(f), 0.0, logit(o)])
    return LSTMParams(W, np.zeros((4, 1)), b)


def _pulse_decay(rng: np.random.Generator, seed: int, number: int) -> Exercise:
    """A pulse at step 1, then zeros; the answer is the first step t with h_t < 0.1."""
    T = 80
    xs = np.zeros((T, 1))
    xs[0] = 1.0
    for _ in range(MAX_DRAWS):
        f = float(rng.choice([0.5, 0.6, 0.7, 0.8, 0.9]))
        o = float(rng.choice([0.6, 0.8, 1.0]))
        w_g = float(rng.choice([1.5, 2.0, 3.0]))
        trace = run_lstm(pulse_params(f, o, w_g), xs)
        h, c = trace.h[:, 0], trace.c[:, 0]
        below = np.flatnonzero(h < H_THRESHOLD)
        t = int(below[0]) if below.size else 0  # index 0 is step 1
        # Not too close to the line on either side, so the two-decimal c_1 shown cannot move it.
        if t >= 2 and h[t] < 0.985 * H_THRESHOLD and h[t - 1] > 1.015 * H_THRESHOLD:
            given = {"c1": round(float(c[0]), 2), "f": f, "o": o}
            curves = {"h": h[: t + 6], "c": c[: t + 6]}
            return Exercise(
                "pulse_decay", seed, number, given, float(t + 1), tolerance=0.0, curves=curves
            )
    raise _no_draw_kept("pulse_decay", seed, number)


def _which_gradient(rng: np.random.Generator, seed: int, number: int) -> Exercise:
    """An RNN and an LSTM (forget bias 1 … 3) on the same noise; which curve is the RNN's?"""
    T, H, D = 60, 8, 1
    for _ in range(MAX_DRAWS):
        model_seed = int(rng.integers(0, 10_000))
        forget_bias = float(rng.choice([1.0, 2.0, 3.0]))
        xs = rng.normal(0.0, 1.0, (T, D))
        rnn = rnn_flow(RNNParams.init(D, H, seed=model_seed), xs, T - 1)
        lstm = lstm_flow(LSTMParams.init(D, H, seed=model_seed, forget_bias=forget_bias), xs, T - 1)
        rnn_verdict = reach(rnn.dh_norm)
        lstm_verdict = reach(lstm.dc_norm, reference=float(lstm.dh_norm[0]))
        rnn_reach = rnn_verdict.horizon or T
        lstm_reach = lstm_verdict.horizon or T
        # The draw shows the lesson (and its reveal is true: the RNN's gradient vanishes, the
        # LSTM's memory path carries something from the loss and lasts longer); else draw again.
        if (
            rnn_verdict.kind == "vanishes"
            and lstm_verdict.kind != "dead"
            and rnn_reach < lstm_reach
        ):
            break
    else:
        raise _no_draw_kept("which_gradient", seed, number)
    rnn_label = "A" if rng.random() < 0.5 else "B"
    curves = {"rnn": rnn.dh_norm, "lstm": lstm.dc_norm}
    given = {"forget_bias": forget_bias, "steps": float(T), "f_mean": lstm.f_mean}
    given |= {"rnn_reach": float(rnn_reach), "lstm_reach": float(lstm_reach)}
    return Exercise("which_gradient", seed, number, given, rnn_label, ("A", "B"), curves=curves)


_MAKERS = {
    "cell_update": _cell_update,
    "hidden_output": _hidden_output,
    "keep_memory": _keep_memory,
    "pulse_decay": _pulse_decay,
    "which_gradient": _which_gradient,
}


def _no_draw_kept(kind: str, seed: int, number: int) -> RuntimeError:
    return RuntimeError(
        f"no {kind} exercise for seed {seed}, number {number}: all {MAX_DRAWS} draws failed the "
        "check that the exercise shows its lesson, which a correct model passes within a few "
        "draws; is the cell (lstm_step, run_lstm) or the gradient flow wrong?"
    )


def _check_position(seed: int, number: int) -> None:
    if not (isinstance(seed, int | np.integer) and 0 <= seed <= MAX_SEED):
        raise ValueError(f"the exercise seed must be an integer 0 … {MAX_SEED}, got {seed!r}")
    if not (isinstance(number, int | np.integer) and 1 <= number <= MAX_NUMBER):
        raise ValueError(f"the exercise number must be an integer 1 … {MAX_NUMBER}, got {number!r}")
