"""Training on the papers' tasks the papers' way: a fresh stream of sequences, never an epoch
over a fixed set, until the paper's stopping rule holds or the budget of sequences runs out;
then the paper's test.

    adding_1997 / temporal_order   train until the last 2000 training sequences were all right
                                   and their mean error is small (paper_tasks.stop_rule_met),
                                   judged on each batch before the update it feeds; then count
                                   the wrong ones among 2560 fresh test sequences.
    copy                           a fixed number of sequences (Arjovsky et al. plot the loss
                                   over training); then the per-step cross-entropy on fresh
                                   sequences against the memoryless baseline.

Models: "lstm" (forget bias as given: 1 is Jozefowicz et al.'s advice, 0 the plain init),
"rnn" (tanh) and "irnn" (Le et al.: relu, U = I). The read-out is y = V h_T + c at the last step
(at every step for the copy task), trained with Adam and global-norm clipping.
Every draw comes from the run's seed: the same RunConfig gives the same result.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from lstm_core.backward import lstm_backward, rnn_backward
from lstm_core.lab.irnn import IRNNParams, irnn_backward, run_irnn
from lstm_core.lab.paper_tasks import (
    ADDING_RIGHT,
    ADDING_STOP_MEAN,
    STOP_WINDOW,
    TEMPORAL_RIGHT,
    TEMPORAL_STOP_MEAN,
    adding_1997,
    adding_1997_test,
    adding_errors,
    beats_copy_baseline,
    class_errors,
    copy_baseline,
    copy_task,
    stop_rule_met,
    temporal_order,
    temporal_order_test,
)
from lstm_core.lab.tasks import Dataset
from lstm_core.lab.train import (
    Adam,
    Model,
    clip_global_norm,
    cross_entropy_loss,
    mse_loss,
    network,
    write_back,
)
from lstm_core.params import LSTMParams, RNNParams
from lstm_core.sequence import run_lstm, run_rnn

PAPER_TASKS: tuple[str, ...] = ("adding_1997", "temporal_order", "copy")
PAPER_MODELS: tuple[str, ...] = ("lstm", "rnn", "irnn")
COPY_TEST_SEQUENCES = 256
LIVE_EXPERIMENTS = ("adding20_irnn", "adding20_rnn", "adding20_lstm", "copy20_rnn")  # seconds


@dataclass(frozen=True)
class RunConfig:
    """One run: task, model and sizes; max_sequences is the budget of training sequences."""

    task: str = "adding_1997"
    model: str = "lstm"
    T: int = 100  # adding: the minimal length; copy: the blanks; temporal order: ignored
    hidden_size: int = 16
    batch_size: int = 32
    learning_rate: float = 0.01
    clip_norm: float = 1.0
    forget_bias: float = 1.0
    max_sequences: int = 50_000
    seed: int = 0

    def __post_init__(self) -> None:
        if self.task not in PAPER_TASKS:
            raise ValueError(f"unknown task {self.task!r}; expected one of {PAPER_TASKS}")
        if self.model not in PAPER_MODELS:
            raise ValueError(f"unknown model {self.model!r}; expected one of {PAPER_MODELS}")
        for name in ("T", "hidden_size", "batch_size", "max_sequences"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")


@dataclass(frozen=True)
class RunResult:
    """What a run measured. sequences: training sequences seen; solved: the paper's stopping
    rule held within the budget (copy: the test loss beats the baseline); test_wrong: wrong
    test sequences (of test_total); test_loss: copy's per-step cross-entropy (else the test's
    mean error); baseline: copy's memoryless loss (else None); curve: (sequences, mean error
    of the batch) every ~2% of the run."""

    config: RunConfig
    sequences: int
    solved: bool
    test_wrong: int
    test_total: int
    test_loss: float
    baseline: float | None
    seconds: float
    curve: tuple[tuple[int, float], ...]


def init_paper_model(config: RunConfig, input_size: int, n_outputs: int) -> Model:
    """The model of `config`: LSTM (Keras' init: Glorot W, orthogonal U, forget bias replaced),
    tanh RNN (Keras' init) or IRNN; the read-out V uniform in ±√(6/(H + K)), c = 0."""
    H, seed = config.hidden_size, config.seed
    if config.model == "lstm":
        cell = LSTMParams.init(input_size, H, seed, "keras", forget_bias=config.forget_bias)
    elif config.model == "rnn":
        cell = RNNParams.init(input_size, H, seed, "keras")
    else:
        cell = IRNNParams.init(input_size, H, seed)
    rng = np.random.default_rng((seed, 1))
    limit = math.sqrt(6.0 / (H + n_outputs))
    return Model(cell, rng.uniform(-limit, limit, (n_outputs, H)), np.zeros(n_outputs))


def _run(model: Model, xs: np.ndarray):
    if isinstance(model.cell, IRNNParams):
        return run_irnn(model.cell, xs)
    if isinstance(model.cell, LSTMParams):
        return run_lstm(model.cell, xs)
    return run_rnn(model.cell, xs)


def _backward(model: Model, trace, dh: np.ndarray):
    if isinstance(model.cell, IRNNParams):
        return irnn_backward(model.cell, trace, dh).params
    if isinstance(model.cell, LSTMParams):
        return lstm_backward(model.cell, trace, dh).params
    return rnn_backward(model.cell, trace, dh).params


def outputs(model: Model, data: Dataset) -> np.ndarray:
    """The read-out for `data`: (T, N, K) at every step, else (N, K) at the last step."""
    h = _run(model, data.xs).h
    return (h if data.every_step else h[-1]) @ model.V.T + model.c


def step_errors_and_grads(
    model: Model, data: Dataset
) -> tuple[np.ndarray, float, tuple[np.ndarray, ...]]:
    """One forward and backward pass: the per-sequence errors the task's criterion uses
    (adding: |y − target|; classes: the largest |softmax − one-hot|; copy: none, empty), the
    loss, and the gradients (dW, dU, db, dV, dc)."""
    trace = _run(model, data.xs)
    h = trace.h  # (T, B, H)
    h_out = h if data.every_step else h[-1]
    with np.errstate(over="ignore", invalid="ignore"):
        y = h_out @ model.V.T + model.c
        if data.loss == "mse":
            loss, dy = mse_loss(y, data.ys)
            errors = adding_errors(y, data.ys)
        else:
            loss, dy = cross_entropy_loss(y, data.ys)
            errors = np.empty(0) if data.every_step else class_errors(y, data.ys)
        K, H = model.n_outputs, h.shape[-1]
        dV = dy.reshape(-1, K).T @ h_out.reshape(-1, H)
        dc = dy.reshape(-1, K).sum(axis=0)
        if data.every_step:
            dh = dy @ model.V
        else:
            dh = np.zeros_like(h)
            dh[-1] = dy @ model.V
    if not math.isfinite(loss):
        return errors, loss, ()
    g = _backward(model, trace, dh)
    return errors, loss, (g.W, g.U, g.b, dV, dc)


def _batch(config: RunConfig, rng: np.random.Generator) -> Dataset:
    if config.task == "adding_1997":
        return adding_1997(config.T, config.batch_size, rng)
    if config.task == "temporal_order":
        return temporal_order(config.batch_size, rng)
    return copy_task(config.T, config.batch_size, rng)


def _columns(data: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """A batch in the trainer's float32 layout: xs (T, D, B); mse targets (K, B) or (T, K, B);
    class labels as they are."""
    xs = np.ascontiguousarray(data.xs.transpose(0, 2, 1), dtype=np.float32)
    if data.loss == "mse":
        ys = data.ys.transpose(0, 2, 1) if data.every_step else data.ys.T
        return xs, np.ascontiguousarray(ys, dtype=np.float32)
    return xs, np.asarray(data.ys, dtype=np.int64)


def _errors(y: np.ndarray, data: Dataset) -> np.ndarray:
    """The criterion's per-sequence errors from the network's outputs y (K, B) (copy: none)."""
    if data.every_step:
        return np.empty(0)
    y = y.T.astype(np.float64)  # (B, K)
    return adding_errors(y, data.ys) if data.loss == "mse" else class_errors(y, data.ys)


def run_paper_task(
    config: RunConfig, report: Callable[[tuple[int, int]], bool | None] | None = None
) -> RunResult:
    """Train on a fresh stream of sequences until the paper's stopping rule holds or
    config.max_sequences were seen, then test (see the module docstring). Training runs in
    the trainer's float32 layers (lstm_core.lab.fast_lstm, checked against the core); the test
    runs the core at float64 on the trained weights. report((seen, budget)), if given, is
    called at every curve point (~50 per run); returning False ends training there (the
    model is tested as it is: a job board's worker stops this way)."""
    train_rng = np.random.default_rng((config.seed, 3))
    probe = _batch(config, np.random.default_rng(0))
    model = init_paper_model(config, probe.xs.shape[2], probe.n_outputs)
    net = network(model, "float32")
    params, grads = (net.theta,), (net.grad,)
    optimizer = Adam(config.learning_rate, params)
    right, mean = (
        (ADDING_RIGHT, ADDING_STOP_MEAN)
        if config.task == "adding_1997"
        else (TEMPORAL_RIGHT, TEMPORAL_STOP_MEAN)
    )
    recent: deque[float] = deque(maxlen=STOP_WINDOW)
    curve: list[tuple[int, float]] = []
    every = max(1, config.max_sequences // config.batch_size // 50)
    seen, solved, updates = 0, False, 0
    started = time.perf_counter()
    with np.errstate(over="ignore", invalid="ignore"):  # divergence ends the run, no warning
        while seen < config.max_sequences:
            batch = _batch(config, train_rng)
            xs, ys = _columns(batch)
            errors = _errors(net.outputs(xs, batch.every_step), batch)
            if config.task != "copy":
                recent.extend(errors.tolist())  # judged before the update they feed
                if stop_rule_met(np.fromiter(recent, float), right, mean):
                    solved = True
                    break
            loss = net.loss_and_grads(xs, ys, batch.loss, batch.every_step)
            if updates % every == 0:
                curve.append((seen, float(errors.mean()) if errors.size else loss))
                if report is not None and report((seen, config.max_sequences)) is False:
                    break
            norm = clip_global_norm(grads, config.clip_norm)
            if not (math.isfinite(loss) and math.isfinite(norm)):
                break  # diverged: the step is not taken
            optimizer.step(params, grads)
            seen += batch.n
            updates += 1
    write_back(net, model)
    seconds = time.perf_counter() - started
    return _test(config, model, seen, solved, seconds, tuple(curve))


def _test(config, model, seen, solved, seconds, curve) -> RunResult:
    test_seed = (config.seed, 4)
    if config.task == "copy":
        data = copy_task(config.T, COPY_TEST_SEQUENCES, np.random.default_rng(test_seed))
        try:
            loss = cross_entropy_loss(outputs(model, data), data.ys)[0]
        except ValueError:
            loss = math.nan
        baseline = copy_baseline(config.T)
        # copy's "wrong": test sequences with any of the 10 recalled symbols wrong
        wrong = COPY_TEST_SEQUENCES
        if math.isfinite(loss):
            recalled = outputs(model, data)[config.T + 10 :].argmax(axis=-1)
            wrong = int(np.any(recalled != data.ys[config.T + 10 :], axis=0).sum())
        solved = beats_copy_baseline(loss, config.T)
        return RunResult(
            config, seen, solved, wrong, COPY_TEST_SEQUENCES, loss, baseline, seconds, curve
        )
    test_seed_int = int(np.random.SeedSequence(test_seed).generate_state(1)[0])
    sets = (
        adding_1997_test(config.T, test_seed_int)
        if config.task == "adding_1997"
        else temporal_order_test(test_seed_int)
    )
    right_below = ADDING_RIGHT if config.task == "adding_1997" else TEMPORAL_RIGHT
    errors = []
    for data in sets:
        try:
            y = outputs(model, data)
        except ValueError:
            y = np.full((data.n, data.n_outputs), np.nan)
        errors.append(adding_errors(y, data.ys) if data.loss == "mse" else class_errors(y, data.ys))
    e = np.concatenate(errors)
    wrong = int(np.sum(~(e < right_below)))  # nan counts as wrong
    return RunResult(config, seen, solved, wrong, e.size, float(np.mean(e)), None, seconds, curve)


# --- the experiments of the table -------------------------------------------------------------

HS97 = "Hochreiter & Schmidhuber 1997"
LE15 = "Le et al. 2015"
ARJ16 = "Arjovsky et al. 2016"
# What each paper reports, as keys the training lab words (training.papers.claim.<key>):
#   h100         T = 100: solved after 74,000 sequences, 1 of 2560 wrong
#   forget_bias  forget bias 1 instead of 0 closes most of the LSTM's gap
#   irnn         IRNN solves the adding problem where a tanh RNN fails
#   rnn_fails    a tanh RNN fails (its gradient vanishes over the lag)
#   temporal     solved after 31,390 sequences (chance 25%)
#   copy_lstm    an LSTM gets below the baseline 10·ln 8/(T + 20) for short T, stays on it
#                for long T
#   copy_rnn     a tanh RNN stays at the baseline
PAPER_CLAIMS: tuple[str, ...] = (
    "h100", "forget_bias", "irnn", "rnn_fails", "temporal", "copy_lstm", "copy_rnn",
)  # fmt: skip

# The experiments of the "paper vs here" table (benchmarks/paper_tasks.py runs them over seeds):
# key, run settings, budget (training sequences), what the paper reports (a claim key), where
PAPER_EXPERIMENTS = (
    ("adding20_lstm", dict(task="adding_1997", model="lstm", T=20, forget_bias=1.0), 60_000,
     "h100", HS97),
    ("adding20_lstm_fb0", dict(task="adding_1997", model="lstm", T=20, forget_bias=0.0), 60_000,
     "forget_bias", "Jozefowicz et al. 2015"),
    ("adding20_irnn", dict(task="adding_1997", model="irnn", T=20), 60_000, "irnn", LE15),
    ("adding20_rnn", dict(task="adding_1997", model="rnn", T=20), 60_000, "rnn_fails", HS97),
    ("adding50_lstm", dict(task="adding_1997", model="lstm", T=50, forget_bias=1.0), 200_000,
     "h100", HS97),
    ("adding50_irnn", dict(task="adding_1997", model="irnn", T=50), 200_000, "irnn", LE15),
    ("adding50_rnn", dict(task="adding_1997", model="rnn", T=50), 200_000, "rnn_fails", HS97),
    ("temporal_lstm", dict(task="temporal_order", model="lstm", forget_bias=1.0), 100_000,
     "temporal", HS97),
    ("copy20_lstm", dict(task="copy", model="lstm", T=20, forget_bias=1.0), 50_000,
     "copy_lstm", ARJ16),
    ("copy20_rnn", dict(task="copy", model="rnn", T=20), 50_000, "copy_rnn", ARJ16),
)  # fmt: skip
PAPER_COMMON: dict = dict(hidden_size=32, batch_size=16, learning_rate=0.003, clip_norm=1.0)


def experiment_config(key: str, seed: int = 0, max_sequences: int | None = None) -> RunConfig:
    """The RunConfig of experiment `key` (PAPER_EXPERIMENTS) for `seed`, at its own budget
    unless max_sequences is given. ValueError for an unknown key."""
    for name, settings, budget, *_ in PAPER_EXPERIMENTS:
        if name == key:
            return RunConfig(
                **PAPER_COMMON, **settings, max_sequences=max_sequences or budget, seed=seed
            )
    raise ValueError(f"unknown experiment {key!r}")


def paper_job(config: RunConfig, report: Callable | None = None) -> RunResult:
    """run_paper_task for a job board's worker (a module-level function it can pickle)."""
    return run_paper_task(config, report)
