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

Training runs only when the Train button is pressed, and not in this process: the run goes to
the job board's worker processes (lstm_ui.jobs), so a class training at once does not stall the
pages of everyone else. Students who press Train on the same settings (and budget) share one
run; each sees its progress; a finished run is kept for the class and replayed to the next
student who presses Train on it (nobody sees a classmate's result without pressing Train).
Streamlit stops a waiting script when any widget changes (the Stop button is one) or the tab
closes: the session then leaves the job, which is cancelled when nobody else waits for it, and
the next run shows what the models had learnt, marked "interrupted".
"""

from __future__ import annotations

import copy
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from lstm_core import LSTMParams
from lstm_core.lab import zoo
from lstm_core.lab.lab_runs import (
    MODEL_ORDER,
    LabRun,
    Report,
    Settings,
    train_job,
)
from lstm_core.lab.paper_runs import LIVE_EXPERIMENTS, RunResult, experiment_config, paper_job
from lstm_core.lab.paper_table import PaperTable, load_paper_table, summarise
from lstm_core.lab.tasks import SINE_WINDOW, TASKS, adding_problem, sign_task
from lstm_core.lab.train import OPTIMIZERS, History
from lstm_ui import charts, presenter
from lstm_ui.jobs import CANCELLED, FAILED, FINISHED, QUEUED, RUNNING, Job, JobBoard
from lstm_ui.lang import current, t
from lstm_ui.url_state import Param
from lstm_ui.widgets import KEEP, choice, number_slider
from lstm_viz import i18n
from lstm_viz import training as viz
from pages import backprop_controller as backprop_state
from pages import sequence_stepper_controller as stepper_state

PAGE = "training"
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
POLL_S = 0.25  # a waiting page looks at its job this often (a sleeping thread costs nothing)
CHART_EVERY_S = 1.0  # the live loss chart at most this often
REPLAY_S = 8.0  # a finished run's progress is replayed in at most this many seconds
INTERRUPT_WAIT_S = 3.0  # after Stop, how long the page waits for the worker's models so far
# Session keys: the last result per task, the job this session waits for, a press of Train not
# yet served, the session's name on the job board.
RUNS, PARTIAL, REQUEST, WATCHER = "tr_runs", "tr_partial", "tr_requested", "_tr_watcher"

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
            number_slider(t("training.T"), *T_RANGE, key="tr_T", help=t(f"training.T_help.{task}"))
        if "tr_noise" in USES[task]:
            number_slider(
                t("training.noise"),
                *NOISE_RANGE,
                step=0.01,
                key="tr_noise",
                help=t(f"training.noise_help.{task}"),
            )
        number_slider(t("training.hidden"), 1, MAX_H, key="tr_H")
        choice(
            t("training.optimizer"),
            OPTIMIZERS,
            key="tr_opt",
            labels="training.optimizer",
            help=t("training.optimizer_help"),
        )
        # Side by side they fit a laptop's column, but the projector's zoom cut their numbers
        # to "0." and "5(": there, one under the other.
        lr_col, epochs_col = (
            (st.container(), st.container()) if presenter.active() else st.columns(2)
        )
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
        number_slider(
            t("training.forget_bias"),
            *FB_RANGE,
            step=0.5,
            key="tr_fb",
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


# --- training runs, in worker processes shared by all sessions ----------------------------------


@st.cache_resource(show_spinner=False)
def job_board() -> JobBoard:
    """The one board of this server process: its workers train for every session."""
    return JobBoard()


def watcher_id() -> str:
    """This session's name on the job board."""
    return st.session_state.setdefault(WATCHER, uuid.uuid4().hex)


def job_key(settings: Settings, budget: float) -> tuple:
    """Runs with the same key are one run: every setting (as Settings.key()) and the budget."""
    return (*settings.key(), float(budget))


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


def train_on_page(settings: Settings, budget: float) -> LabRun | None:
    """Press of Train: the run for these settings (new, or one a classmate started: the same
    job) goes to the board's workers, and this script waits for it, drawing its place in the
    queue, then its progress and live loss chart. A run that had already finished is replayed
    (its recorded progress, at most REPLAY_S seconds long) before its result. Returns the run,
    or None when it failed (an error box says why). If this script is stopped meanwhile (Stop,
    another click, a closed tab), this session leaves the job; with nobody left it is cancelled."""
    board, me = job_board(), watcher_id()
    job = board.submit(job_key(settings, budget), train_job, settings, budget, watcher=me)
    st.session_state[PARTIAL] = {"settings": settings, "job": job}
    bar = st.progress(0.0, text=t("training.progress_start"))
    live = st.empty()
    try:
        if job.done:
            st.toast(t("training.from_cache"), icon=":material/replay:")
            replay(board.snapshot(job)[1], settings, bar, live)
        else:
            lang, drawn = current(), {"count": 0, "chart": time.monotonic()}
            follow(
                board,
                job,
                bar,
                lambda progress: draw_progress(progress, settings, bar, live, drawn, lang),
            )
    finally:
        board.leave(job, me)
    state, _, run, error = board.snapshot(job)
    st.session_state.pop(PARTIAL, None)
    bar.empty()
    live.empty()
    if state == FAILED:
        st.error(t("training.failed", error=error), icon=":material/error:")
        return None
    return copy.deepcopy(run)  # the session's own copy: nothing it does reaches the shared run


def follow(board: JobBoard, job: Job, bar, draw: Callable[[list], None]) -> None:
    """Wait for `job`: its place in the queue on `bar` while it is queued, then draw(progress)
    at each new report, until it is done."""
    seen = 0
    while True:
        state, progress, _, _ = board.snapshot(job)
        if state == QUEUED:
            bar.progress(0.0, text=t("training.queued", place=board.place(job) + 1))
        elif len(progress) > seen:
            seen = len(progress)
            draw(progress)
        if state not in (QUEUED, RUNNING):
            return
        time.sleep(POLL_S)


def run_in_workers(key: tuple, fn: Callable, *args, draw: Callable) -> Any:
    """Submit (or join) the job for `key`, fn(*args) in the board's workers, and wait for it
    under a progress bar, calling draw(bar, progress) at each new report. This session leaves
    the job when it is done or when this script is stopped (Stop, a click, a closed tab).
    Returns the job's result, or None after an error box when it failed."""
    board, me = job_board(), watcher_id()
    job = board.submit(key, fn, *args, watcher=me)
    bar = st.progress(0.0, text=t("training.progress_start"))
    try:
        follow(board, job, bar, lambda progress: draw(bar, progress))
    finally:
        board.leave(job, me)
    state, _, result, error = board.snapshot(job)
    bar.empty()
    if state == FAILED:
        st.error(t("training.failed", error=error), icon=":material/error:")
        return None
    return result


def replay(progress: list, settings: Settings, bar, live) -> None:
    """Draw a finished run's recorded progress again, in its own time but at most REPLAY_S
    seconds long: the student who presses Train sees the models learn, as the first did."""
    if not progress:
        return
    lang = current()
    speed = max(1.0, progress[-1][0] / REPLAY_S)
    started = time.monotonic()
    drawn = {"count": 0, "chart": started}
    for k, (seconds, _) in enumerate(progress, start=1):
        wait = started + seconds / speed - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        drawn["count"] = k
        draw_progress(progress[:k], settings, bar, live, drawn, lang)


def draw_progress(progress: list, settings: Settings, bar, live, drawn: dict, lang: str) -> None:
    """The bar for the newest report, and the live loss chart at most every CHART_EVERY_S."""
    point: Report = progress[-1][1]
    bar.progress(
        min(1.0, point.fraction),
        text=t(
            "training.progress",
            model=viz.MODEL_NAMES[point.kind],
            epoch=f"{point.epoch:.1f}".removesuffix(".0"),
            epochs=settings.epochs,
            update=point.update,
            loss=f"{point.loss:.4g}",
            seconds=f"{point.seconds:.1f}",
        ),
    )
    now = time.monotonic()
    if now - drawn["chart"] >= CHART_EVERY_S:
        histories = {p.kind: p.history for _, p in progress}  # each model's newest
        charts.show(live_figure(settings, histories, lang), live, key=f"tr_live_{now}")
        drawn["chart"] = now


def live_figure(settings: Settings, histories: dict[str, History], lang: str):
    """The loss chart drawn while training."""
    return viz.task_loss_figure(settings.task, histories, lang, height=300)


def finish_interrupted() -> LabRun | None:
    """If this session's previous run stopped while it waited for a training run (Stop or
    another click), what that run had learnt: the job was cancelled if nobody else waits for
    it, and its worker hands back the models so far (the one in training marked
    "interrupted") within INTERRUPT_WAIT_S. None if there is nothing to show."""
    partial = st.session_state.pop(PARTIAL, None)
    if not partial:
        return None
    board, job = job_board(), partial["job"]
    if board.watched(job):
        return None  # classmates still wait for it: it goes on, and this student left it
    deadline = time.monotonic() + INTERRUPT_WAIT_S
    while not job.done and time.monotonic() < deadline:
        time.sleep(POLL_S)
    state, _, run, _ = board.snapshot(job)
    if state not in (FINISHED, CANCELLED) or run is None or not run.runs:
        return None
    return copy.deepcopy(run)


def remember(run: LabRun) -> None:
    """Keep `run` as this session's result for its task."""
    st.session_state.setdefault(RUNS, {})[run.settings.task] = run


def shown_run(settings: Settings) -> tuple[LabRun | None, bool]:
    """(the run to show for the current task, whether it was trained with other settings): the
    session's own last run. A classmate's run is shown only once this student presses Train."""
    mine: LabRun | None = st.session_state.get(RUNS, {}).get(settings.task)
    return mine, mine is not None and mine.settings != settings


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


GO_TO_BACKPROP = "_tr_go_to_backprop"


def open_in_backprop(settings: Settings, run: LabRun) -> None:
    """Button callback: hand the trained LSTM and the stepper's sequence of its task to the
    backprop page, then (on the rerun that follows) switch to it."""
    params = LSTMParams.from_torch(run.runs["lstm"].arrays)
    name, xs = f"{settings.task}_lstm", stepper_sequence(settings)
    backprop_state.receive_model(params, name, xs, TASK_COLUMNS[settings.task])
    st.session_state[GO_TO_BACKPROP] = True


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
        viz.machine_line(table.machine, lang),
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
    """If the zoo's button was pressed: the chosen entry trains in the board's workers (at most
    ZOO_TIME_CAP seconds; students asking for the same entry share the run) while this script
    waits, drawing its place in the queue, then its progress; the result is kept in the session.
    Returns the session's last result."""
    if st.session_state.pop(ZOO_REQUEST, False):
        cell, task = st.session_state[ZOO_CELL], st.session_state[ZOO_TASK]
        seed = int(st.session_state[ZOO_SEED])
        budget = zoo.zoo_task(task).updates
        lang = current()

        def draw(bar, progress: list) -> None:
            update, error = progress[-1][1]
            bar.progress(
                min(1.0, update / budget),
                text=t(
                    "training.zoo.progress",
                    cell=viz.zoo_cell_name(cell, lang),
                    task=viz.zoo_task_name(task, lang),
                    seed=seed,
                    update=update,
                    budget=budget,
                    error=f"{error:.4f}",
                ),
            )

        result = run_in_workers(
            ("zoo", cell, task, seed), zoo.run_job, cell, task, seed, ZOO_TIME_CAP, draw=draw
        )
        if result is not None:
            st.session_state[ZOO_RESULT] = result
    return st.session_state.get(ZOO_RESULT)


# --- the papers' tasks and the real series, precomputed by benchmarks/paper_tasks.py ---------


@dataclass(frozen=True, eq=False)
class PapersView:
    """What the two expanders show: an error (the shipped results unreadable) or the table's
    records, the date/machine line, the companies, the stocks metrics (label, value) and the
    verdict sentences of both models against "same as last week"."""

    error: str | None
    records: list[dict[str, str]]
    measured: str
    companies: tuple[str, ...]
    stock_metrics: list[tuple[str, str]]
    stock_verdicts: list[str]
    stocks_setting: str
    live: dict[str, str]  # the quick experiments one can run here: key -> their short setting


@st.cache_resource(show_spinner=False)
def paper_table() -> PaperTable | str:
    """The shipped results, read once per process; the error message if they are unreadable."""
    try:
        return load_paper_table()
    except (OSError, ValueError) as err:
        return str(err)


@st.cache_data(max_entries=4, show_spinner=False)
def papers_view(lang: str) -> PapersView:
    """The "paper vs here" table and the stocks verdicts in `lang`."""
    table = paper_table()
    if isinstance(table, str) or table.stocks is None:
        error = table if isinstance(table, str) else "no stocks result"
        return PapersView(error, [], "", (), [], [], "", {})
    summaries = [summarise(row) for row in table.rows]
    records = viz.paper_table_records(list(table.rows), summaries, lang)
    measured = i18n.t(
        "training.papers.measured",
        lang,
        date=table.date,
        machine=viz.machine_line(table.machine, lang),
        seconds=f"{table.seconds:.0f}",
    )
    stocks = table.stocks
    base = f"{stocks.baseline_mse:.5f}"
    metrics = [(i18n.t("training.stocks.metric_base", lang), base)]
    verdicts = []
    for kind in MODEL_ORDER:
        mean, verdict = stocks.verdict(kind)
        name = viz.MODEL_NAMES[kind]
        metrics.append((i18n.t("training.stocks.metric", lang, model=name), f"{mean:.5f}"))
        verdicts.append(
            i18n.t(
                f"training.stocks.verdict.{verdict}",
                lang,
                model=name,
                model_mse=f"{mean:.5f}",
                base=base,
                seeds=len(stocks.mse[kind]),
            )
        )
    live = {
        row.key: viz.paper_setting(row.config, lang, short=True)
        for row in table.rows
        if row.key in LIVE_EXPERIMENTS
    }
    setting = viz.stocks_setting(stocks.setting, lang)
    return PapersView(None, records, measured, stocks.companies, metrics, verdicts, setting, live)


@st.cache_data(max_entries=16, show_spinner=False)
def stocks_figure(company: str, lang: str) -> dict:
    """One company's validation weeks: real, same as last week, RNN and LSTM (a figure dict)."""
    stocks = paper_table().stocks
    k = stocks.companies.index(company)
    forecasts = {kind: stocks.forecasts[kind][:, k] for kind in MODEL_ORDER}
    figure = viz.stocks_figure(
        list(stocks.weeks), stocks.actual[:, k], stocks.last_week[:, k], forecasts, company, lang
    )
    return figure.to_dict()


ROW_REQUEST, ROW_RESULT = "tr_prequest", "tr_presult"  # a press of "Run it"; its result


def request_row_run(key: str, seed: int) -> None:
    """The "Run it" button's callback: a request that survives the reruns before it is served."""
    st.session_state[ROW_REQUEST] = (key, seed)


def run_row_here(key: str, seed: int) -> RunResult | None:
    """One seed of a quick experiment (LIVE_EXPERIMENTS), trained in the board's workers while
    this script waits with a progress bar; the same row and seed pressed by several students is
    one job. Returns the result, or None when it failed (an error box says why)."""

    def draw(bar, progress: list) -> None:
        seen, budget = progress[-1][1]
        bar.progress(min(seen / budget, 1.0), text=t("training.papers.live_seen", seen=seen))

    return run_in_workers(("paper", key, seed), paper_job, experiment_config(key, seed), draw=draw)


def live_result_sentence(result: RunResult) -> str:
    """The sentence for a live run, worded from its own verdict (solved / beats the baseline)."""
    c = result.config
    if c.task == "copy":
        verdict = "beats_baseline" if result.solved else "at_baseline"
        measured = t(
            "training.papers.copy_loss",
            loss=f"{result.test_loss:.3f}",
            base=f"{result.baseline:.3f}",
        )
    else:
        verdict = "solved" if result.solved else "not_solved"
        measured = t("training.papers.wrong", wrong=result.test_wrong, total=result.test_total)
    return t(
        "training.papers.live_result",
        seed=c.seed,
        seen=f"{result.sequences:,}",
        verdict=t(f"training.papers.live_verdict.{verdict}"),
        measured=measured,
        seconds=f"{result.seconds:.1f}",
    )
