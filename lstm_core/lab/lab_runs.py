"""Both models of the training lab trained on one task with one set of settings: the settings,
the results the page draws, and `train_job`, which a worker process runs (lstm_ui.jobs) so that
training never holds the server's GIL. No Streamlit here: tests, benchmarks and workers use it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import astuple, dataclass, replace
from typing import Any

import numpy as np

from lstm_core.lab.tasks import SINE_WINDOW, Task, constant_guess_loss, make_task
from lstm_core.lab.train import (
    History,
    Model,
    Progress,
    TrainConfig,
    closed_loop,
    evaluate,
    model_arrays,
    predict,
    train,
)
from lstm_core.lab.weights_io import npz_bytes

MODEL_ORDER: tuple[str, ...] = ("rnn", "lstm")
N_TRAIN = {"adding": 2000, "sign": 1000}  # examples per epoch
N_VAL = 256  # validation examples (adding, sign)
LOG_POINTS = 60  # history points per model for the tasks with a validation set
SHOWN_EXAMPLES = 200  # validation examples in the adding problem's scatter
REPORT_EVERY_S = 0.25  # a worker reports its progress at most this often


@dataclass(frozen=True)
class Settings:
    """Everything that decides a result (the time budget only cuts it short)."""

    task: str
    epochs: int
    learning_rate: float
    optimizer: str
    hidden_size: int
    batch_size: int
    clip: float
    noise: float
    T: int
    forget_bias: float
    seed: int

    def normalized(self) -> Settings:
        """Settings a task does not use set to fixed values, so they do not split the cache."""
        if self.task == "sine":
            return replace(self, T=SINE_WINDOW)
        if self.task == "adding":
            return replace(self, noise=0.0)
        return self

    def key(self) -> tuple:
        """A plain hashable key for the shared cache."""
        return astuple(self.normalized())

    def make_task(self) -> Task:
        """The data set (the same for the same settings)."""
        if self.task == "sine":
            return make_task("sine", seed=self.seed, noise=self.noise)
        return make_task(self.task, self.T, self.seed, self.noise, N_TRAIN[self.task], N_VAL)

    def config(self, kind: str, task: Task) -> TrainConfig:
        """The TrainConfig of model `kind` ("rnn" or "lstm")."""
        per_epoch = -(-task.train.n // min(self.batch_size, task.train.n))
        total = per_epoch * self.epochs
        # sine: one point per epoch, as Keras reports; else about LOG_POINTS validation points
        log_every = 0 if task.val is None else max(1, total // LOG_POINTS)
        return TrainConfig(
            model=kind,
            hidden_size=self.hidden_size,
            optimizer=self.optimizer,
            learning_rate=self.learning_rate,
            batch_size=self.batch_size,
            epochs=self.epochs,
            clip_norm=self.clip or None,
            seed=self.seed,
            init="keras",
            forget_bias=self.forget_bias if kind == "lstm" else None,
            log_every=log_every,
        )


@dataclass(frozen=True, eq=False)
class ModelRun:
    """One trained model, small: its history, why it ended ("finished", "stopped" by the time
    budget, "diverged", "interrupted" by the user), seconds, the final loss (validation loss, or
    for the sine demo the MSE on all 40 windows) and accuracy (sign task), its predictions
    (sine: the closed-loop points (40,); adding: the first SHOWN_EXAMPLES validation examples)
    and its weights as the .npz layout's arrays."""

    kind: str
    history: History
    stopped: str
    seconds: float
    final_loss: float
    accuracy: float | None
    prediction: np.ndarray
    arrays: dict[str, np.ndarray]

    @property
    def updates(self) -> int:
        return int(self.history.updates[-1]) if len(self.history.updates) else 0

    def npz(self) -> bytes:
        """The trained model as an .npz file (lstm_core.lab.train.model_arrays' layout)."""
        return npz_bytes(self.arrays)


@dataclass(frozen=True, eq=False)
class LabRun:
    """Both models' runs for one set of settings; what the page draws. series: the sine
    demo's 50 points; targets: the adding problem's shown validation targets; baseline: the
    loss of the best constant guess on the validation set."""

    settings: Settings
    runs: dict[str, ModelRun]
    series: np.ndarray | None = None
    targets: np.ndarray | None = None
    baseline: float | None = None

    @property
    def complete(self) -> bool:
        """Both models trained to the end (a result worth sharing through the cache)."""
        return set(self.runs) == set(MODEL_ORDER) and all(
            run.stopped == "finished" for run in self.runs.values()
        )


def summarize(
    task: Task, kind: str, model: Model, history: History, stopped: str, seconds: float
) -> ModelRun:
    """A ModelRun: the final numbers and predictions of `model` on `task`."""
    if task.name == "sine":
        loss, accuracy = evaluate(model, task.train)
        prediction = closed_loop(model, task.series[:SINE_WINDOW], len(task.series) - SINE_WINDOW)
    else:
        loss, accuracy = evaluate(model, task.val)
        shown = task.val.subset(np.arange(min(SHOWN_EXAMPLES, task.val.n)))
        y = predict(model, shown.xs, every_step=False)  # (n, K)
        prediction = y[:, 0] if task.name == "adding" else np.empty(0)
    return ModelRun(
        kind, history, stopped, seconds, loss, accuracy, prediction, model_arrays(model)
    )


ProgressHook = Callable[[int, Progress], bool | None]
DoneHook = Callable[[str, ModelRun], None]


def train_both(
    settings: Settings, on_progress: ProgressHook | None = None, on_done: DoneHook | None = None
) -> LabRun:
    """Train the RNN, then the LSTM, on the settings' task. on_progress(model index, progress)
    is called at every history point (False stops that model); on_done(kind, run) after each
    model. No Streamlit here, so tests and benchmarks can call it."""
    task = settings.make_task()
    runs: dict[str, ModelRun] = {}
    for index, kind in enumerate(MODEL_ORDER):
        hook = None if on_progress is None else (lambda p, i=index: on_progress(i, p))
        result = train(task.train, settings.config(kind, task), task.val, hook)
        runs[kind] = summarize(
            task, kind, result.model, result.history, result.stopped, result.seconds
        )
        if on_done is not None:
            on_done(kind, runs[kind])
    return lab_run(settings, task, runs)


def lab_run(settings: Settings, task: Task, runs: dict[str, ModelRun]) -> LabRun:
    """A LabRun with what the figures need besides the runs."""
    if task.name == "sine":
        return LabRun(settings, runs, series=task.series)
    n = min(SHOWN_EXAMPLES, task.val.n)
    targets = task.val.ys[:n, 0] if task.name == "adding" else None
    return LabRun(settings, runs, targets=targets, baseline=constant_guess_loss(task.val))


# --- in a worker process -----------------------------------------------------------------------


class Cancelled(Exception):
    """Nobody waits for this run any more (lstm_ui.jobs said so at a report)."""


@dataclass(frozen=True)
class Report:
    """What a worker sends at a progress point: which model (index in MODEL_ORDER, kind), the
    share of both models' updates done, the epoch, update, current loss (validation loss where
    there is a validation set) and seconds of this model, and its history so far."""

    index: int
    kind: str
    fraction: float
    epoch: float
    update: int
    loss: float
    seconds: float
    history: History


def train_job(settings: Settings, budget: float, report: Callable[[Any], bool]) -> LabRun:
    """Train both models as train_both does, each for at most `budget` seconds, calling
    report(Report) at most every REPORT_EVERY_S seconds and at each model's end. When report
    returns False nobody waits any more: the run ends there and returns what it has, the model
    in training marked "interrupted"."""
    task = settings.make_task()
    runs: dict[str, ModelRun] = {}
    last = {"sent": float("-inf"), "progress": None}

    def on_progress(index: int, p: Progress) -> bool:
        over = p.seconds > budget
        end = p.update == p.total_updates or over
        last["progress"] = p
        if not end and p.seconds - last["sent"] < REPORT_EVERY_S:
            return True
        last["sent"] = p.seconds
        loss = p.val_loss if p.val_loss is not None else p.train_loss
        fraction = (index + p.fraction) / len(MODEL_ORDER)
        point = Report(index, p.model_kind, fraction, p.epoch, p.update, loss, p.seconds, p.history)
        if not report(point):
            raise Cancelled
        return not over

    def on_done(kind: str, run: ModelRun) -> None:
        runs[kind] = run
        last["progress"] = None

    try:
        return train_both(settings, on_progress, on_done)
    except Cancelled:
        p = last["progress"]
        if p is not None:
            runs[p.model_kind] = summarize(
                task, p.model_kind, p.model, p.history, "interrupted", p.seconds
            )
        return lab_run(settings, task, runs)
