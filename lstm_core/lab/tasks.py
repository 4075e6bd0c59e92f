"""Data sets for the training lab: each one shows something about memory.

    sine    the classic Keras demo: y = sin(x) + noise·N(0, 1) on x = linspace(−2π, 2π, 50),
            cut into windows of 10 steps; the target at every step is the next value
            (40 windows). Needs a memory of a few steps only: both models learn it.
    adding  Hochreiter & Schmidhuber's adding problem: two channels, a value in U[0, 1] and a
            marker; exactly two markers, one in each half; the target at the last step is the
            sum of the two marked values. A constant guess (the mean, 1) scores the variance of
            the sum, 2/12 ≈ 0.167. The marked values lie up to T steps back: a plain RNN's
            gradient vanishes over that distance, an LSTM's cell state carries it.
    sign    remember the sign of the first input: x_0 = ±1, then small noise; the class at the
            last step is the sign of x_0 (cross-entropy, 2 classes; a guess scores ln 2).
            A tanh RNN can often solve it by saturating a unit at ±1 and holding it there.

Every data set is the same for the same seed (np.random.default_rng). Shapes follow the core:
xs (T, N, D) with N examples along the batch axis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TASKS: tuple[str, ...] = ("sine", "adding", "sign")
LOSSES: tuple[str, ...] = ("mse", "ce")
SINE_POINTS, SINE_WINDOW = 50, 10  # the Keras demo: 50 points, windows of 10 steps
SIGN_NOISE = 0.1  # the noise after the first input of the sign task (as the "first_value" preset)


@dataclass(frozen=True, eq=False)
class Dataset:
    """Inputs and targets of N examples.

    xs: (T, N, D). ys: for loss "mse" floats, (T, N, K) when every_step else (N, K) (the target
    of the last step); for loss "ce" integer class labels in 0..K-1, (T, N) or (N,).
    """

    xs: np.ndarray
    ys: np.ndarray
    loss: str
    every_step: bool
    n_outputs: int  # K: numbers the read-out produces per step (classes for "ce")

    @property
    def n(self) -> int:
        """N, the number of examples."""
        return self.xs.shape[1]

    def subset(self, index: np.ndarray) -> Dataset:
        """The examples `index` (an integer array), in that order."""
        ys = self.ys[:, index] if self.every_step else self.ys[index]
        return Dataset(self.xs[:, index], ys, self.loss, self.every_step, self.n_outputs)


@dataclass(frozen=True, eq=False)
class Task:
    """A training set, an optional validation set, and for the sine demo the whole noisy
    series `series` (50,) that the windows were cut from (None for the other tasks)."""

    name: str
    train: Dataset
    val: Dataset | None = None
    series: np.ndarray | None = None

    @property
    def input_size(self) -> int:
        """D."""
        return self.train.xs.shape[2]

    @property
    def n_outputs(self) -> int:
        """K."""
        return self.train.n_outputs

    @property
    def steps(self) -> int:
        """T, the length of every example."""
        return self.train.xs.shape[0]


def sine_series(noise: float = 0.1, seed: int = 0, points: int = SINE_POINTS) -> np.ndarray:
    """sin(x) + noise·N(0, 1) on x = linspace(−2π, 2π, points), shape (points,). With noise 0.1
    this is lstm_core.lab.inputs' "sine" preset for the same seed."""
    _check_number(noise, "noise", 0.0, 10.0)
    x = np.linspace(-2 * np.pi, 2 * np.pi, points)
    rng = np.random.default_rng(seed)
    return np.sin(x) + noise * rng.normal(size=points)


def sine_demo(noise: float = 0.1, seed: int = 0, window: int = SINE_WINDOW) -> Task:
    """The Keras sine demo: windows y[i : i+window] -> targets y[i+1 : i+window+1], one for
    every start i = 0 .. 50-window-1 (40 windows of 10). xs, ys: (window, 40, 1). No
    validation set: the demo trains on all windows and is judged by its closed-loop prediction.
    """
    if not 1 <= window < SINE_POINTS:
        raise ValueError(f"window must be between 1 and {SINE_POINTS - 1}, got {window}")
    y = sine_series(noise, seed)
    n = SINE_POINTS - window
    index = np.arange(window)[:, None] + np.arange(n)[None, :]  # (T, N): step t of window i
    data = Dataset(y[index][..., None], y[index + 1][..., None], "mse", True, 1)
    return Task("sine", data, None, y)


def adding_problem(T: int, n: int, seed: int | np.random.SeedSequence = 0) -> Dataset:
    """n examples of the adding problem of length T: xs (T, n, 2) = (value, marker),
    ys (n, 1) = the sum of the two marked values. One marker lies in steps 0 .. T//2 - 1, the
    other in T//2 .. T-1."""
    _check_count(T, "T", 2)
    _check_count(n, "n", 1)
    rng = np.random.default_rng(seed)
    values = rng.uniform(0.0, 1.0, (T, n))
    first = rng.integers(0, T // 2, n)
    second = rng.integers(T // 2, T, n)
    examples = np.arange(n)
    markers = np.zeros((T, n))
    markers[first, examples] = 1.0
    markers[second, examples] = 1.0
    xs = np.stack([values, markers], axis=-1)  # (T, n, 2)
    ys = (values[first, examples] + values[second, examples])[:, None]  # (n, 1)
    return Dataset(xs, ys, "mse", False, 1)


def sign_task(
    T: int, n: int, seed: int | np.random.SeedSequence = 0, noise: float = SIGN_NOISE
) -> Dataset:
    """n examples of "remember the sign of the first input": xs (T, n, 1) with x_0 = ±1 and
    noise·N(0, 1) afterwards; ys (n,) class labels, 1 where x_0 = +1, else 0."""
    _check_count(T, "T", 1)
    _check_count(n, "n", 1)
    _check_number(noise, "noise", 0.0, 10.0)
    rng = np.random.default_rng(seed)
    xs = noise * rng.normal(size=(T, n, 1))
    labels = rng.integers(0, 2, n)
    xs[0, :, 0] = 2.0 * labels - 1.0
    return Dataset(xs, labels, "ce", False, 2)


def make_task(
    name: str,
    T: int = 50,
    seed: int = 0,
    noise: float = 0.1,
    n_train: int = 2000,
    n_val: int = 256,
) -> Task:
    """The task `name` (see TASKS) for `seed`. For "adding" and "sign" the training and the
    validation examples come from two independent streams of the seed, so the validation set
    does not change with n_train. The sine demo ignores T, n_train and n_val."""
    if name not in TASKS:
        raise ValueError(f"unknown task {name!r}; expected one of {', '.join(TASKS)}")
    if name == "sine":
        return sine_demo(noise, seed)
    train_seed, val_seed = np.random.SeedSequence(seed).spawn(2)
    make = adding_problem if name == "adding" else sign_task
    return Task(name, make(T, n_train, train_seed), make(T, n_val, val_seed))


def constant_guess_loss(data: Dataset) -> float:
    """The loss of the best constant prediction on `data`: the targets' variance for "mse",
    the entropy of the class frequencies for "ce" (what a model that ignores its input gets)."""
    if data.loss == "mse":
        return float(np.mean(np.var(data.ys, axis=-2 if data.every_step else 0)))
    counts = np.bincount(data.ys.ravel(), minlength=data.n_outputs)
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log(p)).sum())


def _check_count(value: int, name: str, lo: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < lo:
        raise ValueError(f"{name} must be an integer ≥ {lo}, got {value!r}")


def _check_number(value: float, name: str, lo: float, hi: float) -> None:
    if not isinstance(value, int | float | np.floating | np.integer) or not lo <= value <= hi:
        raise ValueError(f"{name} must be a number in [{lo}, {hi}], got {value!r}")
