"""State of the training lab: its settings (widgets whose session-state keys are their URL names,
prefixed `tr_`), each task's reference settings, training both models with a progress bar, and
the results: the session's last run per task and a small cache shared by all sessions.

URL keys:
    tr_task    sine | adding | sign             tr_epochs  epochs
    tr_lr      learning rate                    tr_opt     sgd | adam
    tr_H       hidden size (both models)        tr_batch   batch size
    tr_clip    gradient-norm threshold, 0 = off tr_noise   noise (sine, sign)
    tr_T       sequence length (adding, sign)   tr_fb      LSTM forget-gate bias
    tr_seed    seed                             tr_budget  seconds allowed per model

Each task has its own defaults (the Keras sine demo's settings, the adding-problem reference):
choosing a task resets the settings to them, and the URL holds what differs from them.

Training runs only when the Train button is pressed. Streamlit stops a running script when
any widget changes (the Stop button is one), so a training run keeps its progress in session
state ("tr_partial") as it goes; the next run turns that into a result marked "interrupted".
Finished runs go into a store shared by all sessions (the newest SHARED_RUNS), keyed by every
setting but the time budget, so pressing Train again with the same settings is instant.
"""

from __future__ import annotations

import copy
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import astuple, dataclass, replace

import numpy as np
import pandas as pd
import streamlit as st

from lstm_core import LSTMParams
from lstm_core.lab import zoo
from lstm_core.lab.tasks import (
    SINE_WINDOW,
    TASKS,
    Task,
    adding_problem,
    constant_guess_loss,
    make_task,
    sign_task,
)
from lstm_core.lab.train import (
    OPTIMIZERS,
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
from lstm_ui import charts, presenter
from lstm_ui.lang import current, t
from lstm_ui.url_state import Param
from lstm_ui.widgets import KEEP, choice
from lstm_viz import training as viz
from pages import sequence_stepper_controller as stepper_state

PAGE = "training"
MODEL_ORDER: tuple[str, ...] = ("rnn", "lstm")
MAX_EPOCHS = 2000
MAX_H = 64
MAX_BATCH = 256
T_RANGE = (10, 200)
LR_RANGE = (0.0001, 1.0)
MAX_CLIP = 100.0
NOISE_RANGE = (0.0, 1.0)
FB_RANGE = (-5.0, 5.0)
MAX_SEED = 10_000
BUDGET_RANGE = (5, 120)
DEFAULT_BUDGET = 30
N_TRAIN = {"adding": 2000, "sign": 1000}  # examples per epoch
N_VAL = 256  # validation examples (adding, sign)
LOG_POINTS = 60  # history points per model for the tasks with a validation set
SHOWN_EXAMPLES = 200  # validation examples in the adding problem's scatter
DRAW_EVERY_S = 0.25  # progress bar updates at most this often
CHART_EVERY_S = 1.0  # the live loss chart at most this often
SHARED_RUNS = 8  # finished runs kept for the whole class (a few hundred kB each)
# Session keys: the last result per task, a run in progress, a press of Train not yet served.
RUNS, PARTIAL, REQUEST = "tr_runs", "tr_partial", "tr_requested"

# The reference settings of each task. sine: the Keras demo (SimpleRNN / LSTM(20), Dense(1),
# MSE, SGD lr 0.01, 500 epochs, batch 8; Keras initialisers, whose LSTM forget bias is 1).
# adding: hidden 32, Adam lr 0.01, batch 32, clipping at 1, forget bias 1; 12 epochs of 2000
# examples = 756 updates (the reference LSTM reached MSE 0.002 after 750).
DEFAULTS: dict[str, dict[str, object]] = {
    "sine": {
        "tr_epochs": 500, "tr_lr": 0.01, "tr_opt": "sgd", "tr_H": 20, "tr_batch": 8,
        "tr_clip": 0.0, "tr_noise": 0.1, "tr_T": 50, "tr_fb": 1.0, "tr_seed": 0,
    },
    "adding": {
        "tr_epochs": 12, "tr_lr": 0.01, "tr_opt": "adam", "tr_H": 32, "tr_batch": 32,
        "tr_clip": 1.0, "tr_noise": 0.1, "tr_T": 50, "tr_fb": 1.0, "tr_seed": 0,
    },
    "sign": {
        "tr_epochs": 10, "tr_lr": 0.01, "tr_opt": "adam", "tr_H": 16, "tr_batch": 32,
        "tr_clip": 1.0, "tr_noise": 0.1, "tr_T": 100, "tr_fb": 1.0, "tr_seed": 0,
    },
}  # fmt: skip
# The controls each task uses (the others keep their defaults and are hidden).
USES: dict[str, frozenset[str]] = {
    "sine": frozenset({"tr_noise"}),
    "adding": frozenset({"tr_T"}),
    "sign": frozenset({"tr_T", "tr_noise"}),
}


def url_params(task: str) -> tuple[Param, ...]:
    """The page's URL-bound controls, with `task`'s defaults."""
    d = DEFAULTS[task]
    return (
        Param("tr_task", "choice", "sine", choices=TASKS),
        Param("tr_epochs", "int", d["tr_epochs"], lo=1, hi=MAX_EPOCHS),
        Param("tr_lr", "float", d["tr_lr"], lo=LR_RANGE[0], hi=LR_RANGE[1]),
        Param("tr_opt", "choice", d["tr_opt"], choices=OPTIMIZERS),
        Param("tr_H", "int", d["tr_H"], lo=1, hi=MAX_H),
        Param("tr_batch", "int", d["tr_batch"], lo=1, hi=MAX_BATCH),
        Param("tr_clip", "float", d["tr_clip"], lo=0.0, hi=MAX_CLIP),
        Param("tr_noise", "float", d["tr_noise"], lo=NOISE_RANGE[0], hi=NOISE_RANGE[1]),
        Param("tr_T", "int", d["tr_T"], lo=T_RANGE[0], hi=T_RANGE[1]),
        Param("tr_fb", "float", d["tr_fb"], lo=FB_RANGE[0], hi=FB_RANGE[1]),
        Param("tr_seed", "int", d["tr_seed"], lo=0, hi=MAX_SEED),
        Param("tr_budget", "int", DEFAULT_BUDGET, lo=BUDGET_RANGE[0], hi=BUDGET_RANGE[1]),
    )


def chosen_task() -> str:
    """The task of this run: the session's, or on the first run the URL's (if valid)."""
    task = st.session_state.get("tr_task")
    if task not in TASKS:
        raw = st.query_params.get("tr_task")
        task = raw if raw in TASKS else "sine"
    return task


def on_task_change() -> None:
    """The task selector's callback: the new task's reference settings."""
    st.session_state.update(DEFAULTS[st.session_state["tr_task"]])


def request_training() -> None:
    """The Train button's callback. A flag rather than the button's return value: a run can
    restart before it reaches the page (lstm_ui.frame), and callbacks survive that."""
    st.session_state[REQUEST] = True


def training_requested() -> bool:
    """True once after the Train button was pressed."""
    return bool(st.session_state.pop(REQUEST, False))


def reset_settings() -> None:
    """The reset button's callback: the current task's reference settings."""
    st.session_state.update(DEFAULTS[st.session_state["tr_task"]])
    st.session_state["tr_budget"] = DEFAULT_BUDGET


# --- the settings' widgets -----------------------------------------------------------------------


def settings_controls(task: str) -> None:
    """The settings' widgets for `task` (each bound to its tr_ key) and the Train button."""
    with st.expander(t("training.settings"), expanded=True):
        if "tr_T" in USES[task]:
            st.slider(
                t("training.T"),
                *T_RANGE,
                key="tr_T",
                persist_state=KEEP,
                help=t(f"training.T_help.{task}"),
            )
        if "tr_noise" in USES[task]:
            st.slider(
                t("training.noise"),
                *NOISE_RANGE,
                step=0.01,
                key="tr_noise",
                persist_state=KEEP,
                help=t(f"training.noise_help.{task}"),
            )
        st.slider(t("training.hidden"), 1, MAX_H, key="tr_H", persist_state=KEEP)
        choice(
            t("training.optimizer"),
            OPTIMIZERS,
            key="tr_opt",
            labels="training.optimizer",
            help=t("training.optimizer_help"),
        )
        lr_col, epochs_col = st.columns(2)
        lr_col.number_input(
            t("training.lr"),
            *LR_RANGE,
            step=0.001,
            format="%.4f",
            key="tr_lr",
            persist_state=KEEP,
        )
        epochs_col.number_input(
            t("training.epochs"),
            1,
            MAX_EPOCHS,
            step=1,
            key="tr_epochs",
            persist_state=KEEP,
            help=t(f"training.epochs_help.{task}"),
        )
    with presenter.secondary("training_more"), st.expander(t("training.more")):
        batch_col, clip_col = st.columns(2)
        batch_col.number_input(
            t("training.batch"), 1, MAX_BATCH, step=1, key="tr_batch", persist_state=KEEP
        )
        clip_col.number_input(
            t("training.clip"),
            0.0,
            MAX_CLIP,
            step=0.5,
            format="%.2f",
            key="tr_clip",
            persist_state=KEEP,
            help=t("training.clip_help"),
        )
        st.slider(
            t("training.forget_bias"),
            *FB_RANGE,
            step=0.5,
            key="tr_fb",
            persist_state=KEEP,
            help=t("training.forget_bias_help"),
        )
        seed_col, budget_col = st.columns(2)
        seed_col.number_input(
            t("training.seed"), 0, MAX_SEED, step=1, key="tr_seed", persist_state=KEEP
        )
        budget_col.number_input(
            t("training.budget"),
            *BUDGET_RANGE,
            step=5,
            key="tr_budget",
            persist_state=KEEP,
            help=t("training.budget_help"),
        )
        st.button(
            t("training.reset"),
            key="tr_reset",
            on_click=reset_settings,
            icon=":material/restart_alt:",
            help=t("training.reset_help"),
        )
    st.button(
        t("training.train"),
        key="tr_train",
        type="primary",
        icon=":material/play_arrow:",
        help=t("training.train_help"),
        width="stretch",
        on_click=request_training,
    )


# --- settings -> training ------------------------------------------------------------------------


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


def settings_from_state() -> Settings:
    """The settings the widgets show now."""
    s = st.session_state
    return Settings(
        task=s["tr_task"],
        epochs=int(s["tr_epochs"]),
        learning_rate=float(s["tr_lr"]),
        optimizer=s["tr_opt"],
        hidden_size=int(s["tr_H"]),
        batch_size=int(s["tr_batch"]),
        clip=float(s["tr_clip"]),
        noise=float(s["tr_noise"]),
        T=int(s["tr_T"]),
        forget_bias=float(s["tr_fb"]),
        seed=int(s["tr_seed"]),
    ).normalized()


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


# --- finished runs shared by all sessions ------------------------------------------------------


class SharedRuns:
    """A small store of finished runs that every session sees, keyed by Settings.key(): the
    newest `size` are kept. Runs are copied in and out, so no session changes another's."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._runs: OrderedDict[tuple, LabRun] = OrderedDict()
        self._lock = threading.Lock()  # sessions run in threads of one process

    def get(self, key: tuple) -> LabRun | None:
        with self._lock:
            run = self._runs.get(key)
            if run is not None:
                self._runs.move_to_end(key)
        return copy.deepcopy(run)

    def put(self, key: tuple, run: LabRun) -> None:
        with self._lock:
            self._runs[key] = copy.deepcopy(run)
            self._runs.move_to_end(key)
            while len(self._runs) > self.size:
                self._runs.popitem(last=False)


@st.cache_resource(show_spinner=False)
def shared_runs() -> SharedRuns:
    """The one store of this server process."""
    return SharedRuns(SHARED_RUNS)


def cached_run(settings: Settings) -> LabRun | None:
    """The finished run for these settings if any session has trained them (else None)."""
    return shared_runs().get(settings.key())


def share(run: LabRun) -> None:
    """Put a finished run in the shared store (runs cut short are not shared)."""
    if run.complete:
        shared_runs().put(run.settings.key(), run)


# --- the page's figures ------------------------------------------------------------------------


@st.cache_data(max_entries=32, show_spinner=False)
def example_figure(settings: Settings, lang: str) -> dict:
    """What the task looks like before training, as a figure dict: one example (adding, sign)
    or the sine series. Shared by every session with the same task settings."""
    s = settings
    if s.task == "sine":
        figure = viz.sine_figure(s.make_task().series, SINE_WINDOW, {}, lang)
    elif s.task == "adding":
        example = adding_problem(s.T, 1, s.seed)
        figure = viz.adding_example_figure(example.xs[:, 0], float(example.ys[0, 0]), lang)
    else:
        example = sign_task(s.T, 1, s.seed, s.noise)
        figure = viz.sign_example_figure(example.xs[:, 0, 0], lang)
    return figure.to_dict()


def result_figures(run: LabRun, lang: str) -> tuple[dict, dict]:
    """(the loss curves, the task's result figure) of a finished or interrupted run."""
    s = run.settings
    histories = {kind: r.history for kind, r in run.runs.items()}
    predictions = {kind: r.prediction for kind, r in run.runs.items()}
    loss = viz.task_loss_figure(s.task, histories, lang, run.baseline)
    result = viz.task_result_figure(
        s.task, histories, predictions, lang, run.series, run.targets, SINE_WINDOW
    )
    return loss.to_dict(), result.to_dict()


def downloads(run: LabRun) -> list[tuple[str, str, Callable[[], bytes]]]:
    """(model kind, file name, the .npz bytes when asked) of each trained model, RNN first."""
    task = run.settings.task
    return [(kind, f"{task}_{kind}.npz", r.npz) for kind, r in run.runs.items()]


# --- training on the page ------------------------------------------------------------------------


def train_on_page(settings: Settings, budget: float) -> LabRun:
    """Train both models, with a progress bar and a live loss chart, at most `budget` seconds
    each. Progress is kept in session state as it goes, in case a click interrupts the run."""
    lang = current()
    bar = st.progress(0.0, text=t("training.progress_start"))
    live = st.empty()
    partial: dict = {"settings": settings, "done": {}, "current": None}
    st.session_state[PARTIAL] = partial
    drawn = {"bar": 0.0, "chart": time.perf_counter()}

    def on_progress(index: int, p: Progress) -> bool:
        over = p.seconds > budget
        now = time.perf_counter()
        last = p.update == p.total_updates
        if not (over or last or now - drawn["bar"] >= DRAW_EVERY_S):
            return True
        partial["current"] = (p.model_kind, p.model.copy(), p.history, p.seconds)
        loss = p.val_loss if p.val_loss is not None else p.train_loss
        bar.progress(
            min(1.0, (index + p.fraction) / len(MODEL_ORDER)),
            text=t(
                "training.progress",
                model=viz.MODEL_NAMES[p.model_kind],
                epoch=f"{p.epoch:.1f}".removesuffix(".0"),
                epochs=settings.epochs,
                update=p.update,
                loss=f"{loss:.4g}",
                seconds=f"{p.seconds:.1f}",
            ),
        )
        drawn["bar"] = now
        if now - drawn["chart"] >= CHART_EVERY_S:
            histories = {kind: run.history for kind, run in partial["done"].items()}
            histories[p.model_kind] = p.history
            charts.show(
                live_figure(settings, histories, lang),
                live,
                key=f"tr_live_{now}",
            )
            drawn["chart"] = now
        return not over

    def on_done(kind: str, run: ModelRun) -> None:
        partial["done"][kind] = run
        partial["current"] = None

    run = train_both(settings, on_progress, on_done)
    st.session_state.pop(PARTIAL, None)
    bar.empty()
    live.empty()
    return run


def live_figure(settings: Settings, histories: dict[str, History], lang: str):
    """The loss chart drawn while training."""
    return viz.task_loss_figure(settings.task, histories, lang, height=300)


def finish_interrupted() -> LabRun | None:
    """If the previous run was interrupted while training, its result so far (the model in
    training summarised as "interrupted"); None otherwise."""
    partial = st.session_state.pop(PARTIAL, None)
    if not partial:
        return None
    settings: Settings = partial["settings"]
    task = settings.make_task()
    runs = dict(partial["done"])
    if partial["current"] is not None:
        kind, model, history, seconds = partial["current"]
        runs[kind] = summarize(task, kind, model, history, "interrupted", seconds)
    if not runs:
        return None
    return lab_run(settings, task, runs)


def remember(run: LabRun) -> None:
    """Keep `run` as this session's result for its task."""
    st.session_state.setdefault(RUNS, {})[run.settings.task] = run


def shown_run(settings: Settings) -> tuple[LabRun | None, bool]:
    """(the run to show for the current task, whether it was trained with other settings):
    a shared result for exactly these settings if there is one, else the session's last."""
    mine: LabRun | None = st.session_state.get(RUNS, {}).get(settings.task)
    if mine is not None and mine.settings == settings:
        return mine, False
    shared = cached_run(settings)
    if shared is not None:
        remember(shared)
        return shared, False
    return mine, mine is not None


def settings_summary(settings: Settings) -> str:
    """The settings of a run as one line for its caption."""
    parts = [
        t(f"training.task.{settings.task}"),
        f"H = {settings.hidden_size}",
        t(f"training.optimizer.{settings.optimizer}"),
        f"lr = {settings.learning_rate:g}",
        t("training.summary.epochs", epochs=settings.epochs),
        t("training.summary.batch", batch=settings.batch_size),
    ]
    if settings.clip:
        parts.append(t("training.summary.clip", clip=f"{settings.clip:g}"))
    if settings.task != "sine":
        parts.append(f"T = {settings.T}")
    if settings.task != "adding":
        parts.append(t("training.summary.noise", noise=f"{settings.noise:g}"))
    parts.append(t("training.summary.seed", seed=settings.seed))
    return " · ".join(parts)


# --- "Open in the stepper" ----------------------------------------------------------------------

GO_TO_STEPPER = "_tr_go_to_stepper"
TASK_COLUMNS = {"sine": ("sin(x) + noise",), "adding": ("value", "marker"), "sign": ("x",)}


def stepper_sequence(settings: Settings) -> np.ndarray:
    """What the stepper runs the trained LSTM on: the sine demo's 50 noisy points, or the
    first validation example of the adding and sign tasks; (T, D)."""
    task = settings.make_task()
    if task.series is not None:
        return np.asarray(task.series, dtype=float).reshape(-1, 1)
    return np.asarray(task.val.xs[:, 0, :], dtype=float)


def open_in_stepper(settings: Settings, run: LabRun) -> None:
    """Button callback: hand the trained LSTM and a sequence of its task to the stepper, then
    (on the rerun that follows) switch to it."""
    params = LSTMParams.from_torch(run.runs["lstm"].arrays)
    stepper_state.receive_model(
        params,
        f"{settings.task}_lstm",
        stepper_sequence(settings),
        TASK_COLUMNS[settings.task],
    )
    st.session_state[GO_TO_STEPPER] = True


# --- which cell solves it: the cell zoo (issue 18) ---------------------------------------------
# Kept apart from the training above: the table is precomputed (lstm_core/lab/cell_zoo.json, by
# benchmarks/cell_zoo.py) and one entry can be rerun live here.

ZOO_CELL, ZOO_TASK, ZOO_SEED = "tr_zoo_cell", "tr_zoo_task", "tr_zoo_seed"
ZOO_RESULT, ZOO_REQUEST = "tr_zoo_result", "tr_zoo_requested"
ZOO_TIME_CAP = 30.0  # seconds a live rerun may take


@dataclass(frozen=True, eq=False)
class ZooView:
    """The shipped table as the page shows it: the overview (cell × task) and the details as
    DataFrames, Greff's claims in words, and when and where the table was computed."""

    overview: pd.DataFrame
    details: pd.DataFrame
    greff: list[str]
    created: str
    machine: str
    cpu_seconds: float
    results: dict[tuple[str, str, int], zoo.SeedResult]


@st.cache_data(max_entries=4, show_spinner=False)
def zoo_view(lang: str) -> ZooView | None:
    """The precomputed table for `lang` (None if the file is missing); shared by all sessions."""
    table = zoo.load_table()
    if table is None:
        return None
    summaries = zoo.summarize(table.results)
    return ZooView(
        viz.zoo_overview(summaries, lang),
        viz.zoo_details(summaries, lang),
        viz.greff_sentences(zoo.greff_claims(summaries), lang),
        table.created,
        table.machine,
        table.cpu_seconds,
        {(r.cell, r.task, r.seed): r for r in table.results},
    )


def zoo_budget(task: str) -> int:
    """The zoo task's budget in updates."""
    return zoo.zoo_task(task).updates


def request_zoo_run() -> None:
    """The zoo's Train button's callback (a flag, as request_training)."""
    st.session_state[ZOO_REQUEST] = True


def zoo_controls() -> None:
    """The live rerun's widgets: cell, task, seed and the button."""
    lang = current()
    cell_col, task_col, seed_col = st.columns([3, 2, 1])
    cell_col.selectbox(
        t("training.zoo.rerun_cell"),
        zoo.CELL_KEYS,
        format_func=lambda k: viz.zoo_cell_name(k, lang),
        key=ZOO_CELL,
    )
    task_col.selectbox(
        t("training.zoo.rerun_task"),
        zoo.TASK_KEYS,
        format_func=lambda k: viz.zoo_task_name(k, lang),
        key=ZOO_TASK,
    )
    seed_col.number_input(t("training.zoo.rerun_seed"), 0, MAX_SEED, 0, step=1, key=ZOO_SEED)
    st.button(
        t("training.zoo.rerun_button"),
        key="tr_zoo_train",
        icon=":material/play_arrow:",
        on_click=request_zoo_run,
    )


def zoo_run_on_page() -> zoo.SeedResult | None:
    """If the zoo's button was pressed: train the chosen entry with a progress bar (at most
    ZOO_TIME_CAP seconds) and keep the result in the session; return the session's last one."""
    if st.session_state.pop(ZOO_REQUEST, False):
        cell, task = st.session_state[ZOO_CELL], st.session_state[ZOO_TASK]
        seed = int(st.session_state[ZOO_SEED])
        budget = zoo.zoo_task(task).updates
        lang = current()
        bar = st.progress(0.0)

        def on_check(p: Progress, error: float) -> None:
            bar.progress(
                min(1.0, p.update / budget),
                text=t(
                    "training.zoo.progress",
                    cell=viz.zoo_cell_name(cell, lang),
                    task=viz.zoo_task_name(task, lang),
                    seed=seed,
                    update=p.update,
                    budget=budget,
                    error=f"{error:.4f}",
                ),
            )

        st.session_state[ZOO_RESULT] = zoo.run_one(cell, task, seed, ZOO_TIME_CAP, on_check)
        bar.empty()
    return st.session_state.get(ZOO_RESULT)
