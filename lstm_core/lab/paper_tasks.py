"""The papers' own tasks with their own rules and success criteria.

    adding_1997     Hochreiter & Schmidhuber 1997, experiment 4 (the adding problem). Each step is
                    a pair (value, marker): value uniform in [−1, 1]; the length L is uniform in
                    T .. T + T/10. One pair among the first 10 is marked (marker 1), then one of
                    the first T/2 − 1 pairs still unmarked. All other markers are 0 except the
                    first and the final pair, whose markers are −1. When the first pair is
                    marked, its value is set to 0. The target at the last step is
                    0.5 + (X₁ + X₂)/4. A sequence is right when |error| < 0.04; training stops
                    when the mean error is below 0.01 and the last 2000 training sequences were
                    all right; the test set has 2560 sequences.
    temporal_order  the same paper, task 6a: length 100 .. 110, the first symbol E, the last B
                    (the trigger), the others drawn from {a, b, c, d} except at t₁ ∈ [10, 20]
                    and t₂ ∈ [50, 60], which hold X or Y. The class is the order: XX, XY, YX, YY
                    (the paper's Q, R, S, U); chance is 25%. A sequence is right when every output
                    is within 0.3 of its target; stop when the mean error is below 0.1 and the
                    last 2000 training sequences were all right.
    copy_task       Arjovsky, Shah & Bengio 2016: 10 symbols drawn from 8 (categories 1..8),
                    then T − 1 blanks (0), the delimiter (9), 10 blanks; the target is T + 10
                    blanks, then the 10 symbols. A model without memory predicts the blank where
                    it is certain and guesses among 8 for the last 10 steps: cross-entropy
                    10·ln 8 / (T + 20) averaged over the T + 20 steps.

Our read-out is a softmax (the paper's outputs were sigmoid units): "every output within 0.3 of
its one-hot target" then means the right class has probability above 0.7.

Lengths vary within the adding and temporal-order tasks. A mini-batch holds sequences of one
length (drawn for the batch), so no padding changes what the model sees; a test set is a list of
batches grouped by length. Steps are 0-based: t₁ ∈ [10, 20] is the index of the step.
Everything random comes from np.random.default_rng(seed).
"""

from __future__ import annotations

import math

import numpy as np

from lstm_core.lab.tasks import Dataset

# --- the papers' rules, as numbers --------------------------------------------------------------

ADDING_RIGHT = 0.04  # |error| below this: the sequence is processed correctly
ADDING_STOP_MEAN = 0.01  # stop when the mean |error| is below this ...
TEMPORAL_RIGHT = 0.3  # every output within 0.3 of its target
TEMPORAL_STOP_MEAN = 0.1
STOP_WINDOW = 2000  # ... and the last 2000 training sequences were all right
TEST_SEQUENCES = 2560
FIRST_MARK_WITHIN = 10

TEMPORAL_LENGTH = (100, 110)
TEMPORAL_T1 = (10, 20)
TEMPORAL_T2 = (50, 60)
TEMPORAL_SYMBOLS: tuple[str, ...] = ("E", "B", "a", "b", "c", "d", "X", "Y")  # one-hot order
TEMPORAL_CLASSES: tuple[str, ...] = ("XX", "XY", "YX", "YY")  # the paper's Q, R, S, U

COPY_SYMBOLS = 8  # data symbols 1..8; 0 is the blank, 9 the delimiter
COPY_LENGTH = 10  # symbols to remember
COPY_CATEGORIES = 10


# --- the adding problem, 1997 rules -------------------------------------------------------------


def adding_length_range(T: int) -> tuple[int, int]:
    """(T, T + T/10): the shortest and longest length, both included."""
    return T, T + T // 10


def adding_1997(T: int, n: int, rng: np.random.Generator, length: int | None = None) -> Dataset:
    """n adding-problem sequences of one length (drawn from T .. T + T/10 unless given):
    xs (L, n, 2) = (value, marker), ys (n, 1) = 0.5 + (X₁ + X₂)/4."""
    _check_int(T, "T", FIRST_MARK_WITHIN)  # the first mark needs 10 steps
    _check_int(n, "n", 1)
    lo, hi = adding_length_range(T)
    L = int(rng.integers(lo, hi + 1)) if length is None else length
    if not lo <= L <= hi:
        raise ValueError(f"length must be in [{lo}, {hi}], got {L}")
    values = rng.uniform(-1.0, 1.0, (L, n))
    markers = np.zeros((L, n))
    markers[0] = markers[-1] = -1.0
    first = rng.integers(0, FIRST_MARK_WITHIN, n)
    # the first T/2 − 1 pairs still unmarked: positions 0 .. T/2 − 1 without `first`
    pick = rng.integers(0, T // 2 - 1, n)
    second = pick + (pick >= first)
    examples = np.arange(n)
    markers[first, examples] = 1.0
    markers[second, examples] = 1.0
    values[0, markers[0] == 1.0] = 0.0  # the paper sets X to 0 when the first pair is marked
    x1, x2 = values[first, examples], values[second, examples]
    ys = (0.5 + (x1 + x2) / 4.0)[:, None]
    return Dataset(np.stack([values, markers], axis=-1), ys, "mse", False, 1)


def adding_1997_test(T: int, seed: int = 0, n: int = TEST_SEQUENCES) -> list[Dataset]:
    """The test set: n sequences, each with its own length, grouped into one Dataset per length."""
    rng = np.random.default_rng(seed)
    lo, hi = adding_length_range(T)
    counts = np.bincount(rng.integers(lo, hi + 1, n), minlength=hi + 1)[lo:]
    return [adding_1997(T, int(k), rng, length=lo + j) for j, k in enumerate(counts) if k > 0]


def adding_errors(prediction: np.ndarray, target: np.ndarray) -> np.ndarray:
    """|prediction − target| per sequence, (n,), from (n, 1) arrays."""
    return np.abs(np.asarray(prediction, dtype=np.float64) - target).reshape(-1)


def adding_right(errors: np.ndarray) -> np.ndarray:
    """True where a sequence was processed correctly: |error| < 0.04."""
    return np.asarray(errors) < ADDING_RIGHT


# --- temporal order, task 6a --------------------------------------------------------------------


def temporal_order(n: int, rng: np.random.Generator, length: int | None = None) -> Dataset:
    """n task-6a sequences of one length (drawn from 100 .. 110 unless given): xs (L, n, 8)
    one-hot over E, B, a, b, c, d, X, Y; ys (n,) the class 0..3 = XX, XY, YX, YY."""
    _check_int(n, "n", 1)
    lo, hi = TEMPORAL_LENGTH
    L = int(rng.integers(lo, hi + 1)) if length is None else length
    if not lo <= L <= hi:
        raise ValueError(f"length must be in [{lo}, {hi}], got {L}")
    symbols = rng.integers(2, 6, (L, n))  # a, b, c, d
    symbols[0], symbols[-1] = 0, 1  # E ... B
    t1 = rng.integers(TEMPORAL_T1[0], TEMPORAL_T1[1] + 1, n)
    t2 = rng.integers(TEMPORAL_T2[0], TEMPORAL_T2[1] + 1, n)
    is_y1, is_y2 = rng.integers(0, 2, n), rng.integers(0, 2, n)
    examples = np.arange(n)
    symbols[t1, examples] = 6 + is_y1  # X = 6, Y = 7
    symbols[t2, examples] = 6 + is_y2
    xs = np.eye(len(TEMPORAL_SYMBOLS))[symbols]  # (L, n, 8)
    return Dataset(xs, 2 * is_y1 + is_y2, "ce", False, len(TEMPORAL_CLASSES))


def temporal_order_test(seed: int = 0, n: int = TEST_SEQUENCES) -> list[Dataset]:
    """n task-6a sequences with their own lengths, one Dataset per length."""
    rng = np.random.default_rng(seed)
    lo, hi = TEMPORAL_LENGTH
    counts = np.bincount(rng.integers(lo, hi + 1, n), minlength=hi + 1)[lo:]
    return [temporal_order(int(k), rng, length=lo + j) for j, k in enumerate(counts) if k > 0]


def softmax(logits: np.ndarray) -> np.ndarray:
    """Probabilities over the last axis, without overflow."""
    z = logits - logits.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def class_errors(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Per sequence, the largest |output − target| over the K outputs (softmax outputs,
    one-hot targets): (n,) from logits (n, K) and labels (n,)."""
    p = softmax(np.asarray(logits, dtype=np.float64))
    target = labels[:, None] == np.arange(p.shape[-1])
    return np.abs(p - target).max(axis=-1)


def temporal_right(errors: np.ndarray) -> np.ndarray:
    """True where every output was within 0.3 of its target."""
    return np.asarray(errors) < TEMPORAL_RIGHT


# --- the stopping rule both experiments share -----------------------------------------------------


def stop_rule_met(recent_errors: np.ndarray, right_below: float, mean_below: float) -> bool:
    """The 1997 stopping rule on the errors of the most recent training sequences (oldest
    first): at least 2000 of them seen, the last 2000 all right (error < right_below) and
    their mean error below mean_below."""
    e = np.asarray(recent_errors, dtype=np.float64)[-STOP_WINDOW:]
    if e.size < STOP_WINDOW:
        return False
    return bool(np.all(e < right_below) and e.mean() < mean_below)


# --- the copy task --------------------------------------------------------------------------------


def copy_task(T: int, n: int, rng: np.random.Generator) -> Dataset:
    """n copy-task sequences: xs (T + 20, n, 10) one-hot categories, ys (T + 20, n) the target
    category at every step (blank 0 for T + 10 steps, then the 10 symbols)."""
    _check_int(T, "T", 1)
    _check_int(n, "n", 1)
    S = COPY_LENGTH
    data = rng.integers(1, COPY_SYMBOLS + 1, (S, n))
    inputs = np.zeros((T + 2 * S, n), dtype=np.int64)
    inputs[:S] = data
    inputs[S + T - 1] = COPY_CATEGORIES - 1  # the delimiter after T − 1 blanks
    targets = np.zeros((T + 2 * S, n), dtype=np.int64)
    targets[T + S :] = data
    return Dataset(np.eye(COPY_CATEGORIES)[inputs], targets, "ce", True, COPY_CATEGORIES)


def copy_baseline(T: int) -> float:
    """The memoryless strategy's cross-entropy per step: 10·ln 8 / (T + 20)."""
    return COPY_LENGTH * math.log(COPY_SYMBOLS) / (T + 2 * COPY_LENGTH)


def beats_copy_baseline(loss: float, T: int, margin: float = 0.95) -> bool:
    """True when a model's per-step cross-entropy is below `margin` times the memoryless
    baseline (by more than 5% at the default): it must have remembered some of the symbols,
    since a model that only learned when to predict blanks sits at the baseline, give or take
    sampling noise. A non-finite loss never beats it."""
    return math.isfinite(loss) and loss < margin * copy_baseline(T)


def _check_int(value: int, name: str, lo: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < lo:
        raise ValueError(f"{name} must be an integer ≥ {lo}, got {value!r}")
