"""Which cell solves it: the plain RNN, the LSTM and its variants, and the GRU, each trained on the
training lab's tasks with the same settings, budget and seeds, and the verdicts read from them.

Greff et al. 2017 ("LSTM: A Search Space Odyssey") took one part of the LSTM away at a time and
found that the forget gate and the output activation matter most, while coupling the input and
forget gates (CIFG, our "coupled") or dropping the peepholes does not hurt significantly. This
module runs that experiment at the lab's small scale; benchmarks/cell_zoo.py precomputes the
whole table into cell_zoo.json (shipped beside this module) and the page can rerun one entry.

A task is "solved" when its criterion is met at a check (every `check_every` updates):
    sine       MSE on the 40 windows below the prediction "same as the last value" (the task
               gives the next value at every step: copying the input is the baseline to beat)
    adding     validation MSE below 0.01 (a constant guess scores ≈ 0.14–0.17)
    sign       validation error rate (1 − accuracy) at most 1% (a guess scores 50%)
"final error" is that same quantity after the whole budget.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from lstm_core.lab.machine import Machine
from lstm_core.lab.tasks import Task, make_task
from lstm_core.lab.train import Progress, TrainConfig, train

TABLE_PATH = Path(__file__).with_name("cell_zoo.json")
SEEDS: tuple[int, ...] = (0, 1, 2)
SLOWER = 1.5  # "worse" than the LSTM: needs this many times its updates (or error)


@dataclass(frozen=True)
class Cell:
    """A cell of the zoo: the trainer's model kind and the LSTM's variant."""

    key: str
    kind: str
    variant: str = "standard"


CELLS: tuple[Cell, ...] = (
    Cell("rnn", "rnn"),
    Cell("lstm", "lstm"),
    Cell("gru", "gru"),
    Cell("no_forget", "lstm", "no_forget"),
    Cell("coupled", "lstm", "coupled"),
    Cell("peephole", "lstm", "peephole"),
    Cell("no_input_gate", "lstm", "no_input_gate"),
    Cell("no_output_gate", "lstm", "no_output_gate"),
    Cell("no_input_activation", "lstm", "no_input_activation"),
    Cell("no_output_activation", "lstm", "no_output_activation"),
)
CELL_KEYS: tuple[str, ...] = tuple(c.key for c in CELLS)


@dataclass(frozen=True)
class ZooTask:
    """A task of the zoo with the lab's reference settings for it and the budget (epochs; the
    same for every cell). n_train examples per epoch (the sine demo has its 40 windows)."""

    key: str
    task: str
    T: int
    hidden_size: int
    optimizer: str
    learning_rate: float
    batch_size: int
    clip_norm: float | None
    epochs: int
    check_every: int
    n_train: int = 0

    def make(self, seed: int) -> Task:
        """The task's data for `seed`."""
        if self.task == "sine":
            return make_task("sine", seed=seed)
        return make_task(self.task, T=self.T, seed=seed, n_train=self.n_train, n_val=256)

    def config(self, cell: Cell, seed: int) -> TrainConfig:
        """The training settings of `cell` on this task (forget bias 1, Keras' initialisers)."""
        return TrainConfig(
            model=cell.kind,
            variant=cell.variant,
            hidden_size=self.hidden_size,
            optimizer=self.optimizer,
            learning_rate=self.learning_rate,
            batch_size=self.batch_size,
            epochs=self.epochs,
            clip_norm=self.clip_norm,
            seed=seed,
            init="keras",
            forget_bias=1.0 if cell.kind == "lstm" else None,
            log_every=self.check_every,
        )

    @property
    def updates(self) -> int:
        """The budget in parameter updates."""
        n = 40 if self.task == "sine" else self.n_train
        return self.epochs * -(-n // self.batch_size)


ZOO_TASKS: tuple[ZooTask, ...] = (
    ZooTask("sine", "sine", 10, 20, "sgd", 0.01, 8, None, 500, 25),
    ZooTask("adding_50", "adding", 50, 32, "adam", 0.01, 32, 1.0, 24, 25, n_train=2000),
    ZooTask("adding_100", "adding", 100, 32, "adam", 0.01, 32, 1.0, 32, 25, n_train=2000),
    ZooTask("sign_100", "sign", 100, 16, "adam", 0.01, 32, 1.0, 20, 16, n_train=1000),
)
TASK_KEYS: tuple[str, ...] = tuple(t.key for t in ZOO_TASKS)
ADDING_TARGET = 0.01
SIGN_TARGET = 0.01


def cell(key: str) -> Cell:
    """The cell named `key`; ValueError for an unknown one."""
    for c in CELLS:
        if c.key == key:
            return c
    raise ValueError(f"unknown cell {key!r}; expected one of {', '.join(CELL_KEYS)}")


def zoo_task(key: str) -> ZooTask:
    """The zoo task named `key`; ValueError for an unknown one."""
    for t in ZOO_TASKS:
        if t.key == key:
            return t
    raise ValueError(f"unknown task {key!r}; expected one of {', '.join(TASK_KEYS)}")


def threshold(zt: ZooTask, task: Task) -> float:
    """The error below which (sign: at or below which) the task counts as solved."""
    if zt.task == "sine":
        return copy_last_mse(task)
    return ADDING_TARGET if zt.task == "adding" else SIGN_TARGET


def copy_last_mse(task: Task) -> float:
    """MSE of predicting every next value as the current input, on the sine windows."""
    d = task.train
    return float(np.mean((d.xs - d.ys) ** 2))


def criterion(task_key: str) -> str:
    """How the error must compare with the threshold: "at_most" (sign) or "below"."""
    return "at_most" if zoo_task(task_key).task == "sign" else "below"


def is_solved(task_name: str, error: float, limit: float) -> bool:
    """The task's criterion: error < limit (sign: error ≤ limit); never for a non-finite error."""
    if not math.isfinite(error):
        return False
    return error <= limit if task_name == "sign" else error < limit


@dataclass(frozen=True)
class SeedResult:
    """One cell trained on one task with one seed. error: the task's error measure (see the
    module docstring) after the budget; updates_to_solve / seconds_to_solve at the first check
    that met the criterion (None if none did); stopped: "finished", "diverged", or "stopped"
    (a time cap cut it short)."""

    cell: str
    task: str
    seed: int
    solved: bool
    updates_to_solve: int | None
    seconds_to_solve: float | None
    final_error: float
    threshold: float
    updates: int
    seconds: float
    stopped: str


def run_one(
    cell_key: str,
    task_key: str,
    seed: int,
    time_cap: float | None = None,
    on_check: Callable[[Progress, float], bool | None] | None = None,
) -> SeedResult:
    """Train `cell_key` on `task_key` with `seed` for the task's whole budget (or until
    time_cap seconds), checking the criterion every check_every updates. on_check(progress,
    error) is called at every check (return False to stop)."""
    c, zt = cell(cell_key), zoo_task(task_key)
    task = zt.make(seed)
    limit = threshold(zt, task)
    val = task.train if zt.task == "sine" else task.val
    first: dict[str, float] = {}
    errors: list[float] = []

    def check(p: Progress) -> bool:
        error = _error(zt, p)
        errors.append(error)
        if not first and is_solved(zt.task, error, limit):
            first.update(updates=p.update, seconds=p.seconds)
        if on_check is not None and on_check(p, error) is False:
            return False
        return time_cap is None or p.seconds < time_cap

    result = train(task.train, zt.config(c, seed), val, check)
    final = _final_error(zt, result.history) if len(result.history.updates) else math.nan
    return SeedResult(
        cell=c.key,
        task=zt.key,
        seed=seed,
        solved=bool(first),
        updates_to_solve=int(first["updates"]) if first else None,
        seconds_to_solve=round(first["seconds"], 3) if first else None,
        final_error=_rounded(final),
        threshold=round(limit, 6),
        updates=result.updates,
        seconds=round(result.seconds, 3),
        stopped=result.stopped,
    )


def run_job(cell_key: str, task_key: str, seed: int, time_cap: float, report) -> SeedResult:
    """run_one for a worker of lstm_ui.jobs: report((update, error)) at every check; stops when
    report returns False (nobody waits any more) or after time_cap seconds."""
    return run_one(cell_key, task_key, seed, time_cap, lambda p, e: report((p.update, e)))


def _error(zt: ZooTask, p: Progress) -> float:
    if zt.task == "sign":
        return 1.0 - float(p.history.val_accuracy[-1])
    return float(p.val_loss) if p.val_loss is not None else math.nan


def _final_error(zt: ZooTask, history) -> float:
    if zt.task == "sign":
        return 1.0 - float(history.val_accuracy[-1])
    return float(history.val_loss[-1])


def _rounded(x: float) -> float:
    return round(x, 6) if math.isfinite(x) else x


# --- a cell on a task over the seeds, and how it compares with the LSTM ------------------------


@dataclass(frozen=True)
class Spread:
    """Mean, smallest and largest of some numbers (nan for none)."""

    mean: float
    low: float
    high: float
    n: int

    @classmethod
    def of(cls, values: Iterable[float | None]) -> Spread:
        v = [float(x) for x in values if x is not None and math.isfinite(x)]
        if not v:
            return cls(math.nan, math.nan, math.nan, 0)
        return cls(float(np.mean(v)), min(v), max(v), len(v))


@dataclass(frozen=True)
class Summary:
    """One cell on one task over its seeds: how many solved it (of how many), updates and
    seconds to solve (over the seeds that solved it), the final error (over all seeds), and
    the verdict: "all", "some" or "none" of the seeds solved it."""

    cell: str
    task: str
    seeds: int
    solved: int
    updates: Spread
    seconds: Spread
    error: Spread
    diverged: int

    @property
    def verdict(self) -> str:
        if self.solved == 0:
            return "none"
        return "all" if self.solved == self.seeds else "some"


def summarize(results: Iterable[SeedResult]) -> dict[tuple[str, str], Summary]:
    """A Summary per (cell, task) of the results."""
    groups: dict[tuple[str, str], list[SeedResult]] = {}
    for r in results:
        groups.setdefault((r.cell, r.task), []).append(r)
    return {
        key: Summary(
            cell=key[0],
            task=key[1],
            seeds=len(rs),
            solved=sum(r.solved for r in rs),
            updates=Spread.of(r.updates_to_solve for r in rs),
            seconds=Spread.of(r.seconds_to_solve for r in rs),
            error=Spread.of(r.final_error for r in rs),
            diverged=sum(r.stopped == "diverged" for r in rs),
        )
        for key, rs in groups.items()
    }


def compared(s: Summary, ref: Summary) -> str:
    """ "worse", "same" or "better" than the reference cell on the same task: fewer (more)
    seeds solved is worse (better); with the same number solved, SLOWER times the reference's
    mean updates to solve (or, when neither solved it on any seed, its mean final error) is
    worse, and 1/SLOWER better."""
    if s.solved != ref.solved:
        return "worse" if s.solved < ref.solved else "better"
    a, b = (s.updates.mean, ref.updates.mean) if s.solved else (s.error.mean, ref.error.mean)
    if not math.isfinite(a) or not math.isfinite(b):  # a diverged run has no error
        if math.isfinite(a) == math.isfinite(b):
            return "same"
        return "better" if math.isfinite(a) else "worse"
    if a > SLOWER * b:
        return "worse"
    if a * SLOWER < b:
        return "better"
    return "same"


@dataclass(frozen=True)
class Claim:
    """One of Greff et al.'s findings checked on our tasks. cell is compared with the reference
    (the standard LSTM; for the peepholes, the other way round: the standard LSTM is "no
    peepholes" against the peephole cell). expect: "worse" (it hurts) or "not worse".
    holds: the tasks where our table agrees; fails: where it does not."""

    key: str
    cell: str
    reference: str
    expect: str
    holds: tuple[str, ...] = field(default=())
    fails: tuple[str, ...] = field(default=())

    @property
    def verdict(self) -> str:
        """ "shows" (on every task with results), "partly", "not" (on none), or "no_data"."""
        if not self.holds and not self.fails:
            return "no_data"
        if not self.fails:
            return "shows"
        return "partly" if self.holds else "not"


GREFF_CLAIMS: tuple[tuple[str, str, str, str], ...] = (
    ("forget_gate_matters", "no_forget", "lstm", "worse"),
    ("output_activation_matters", "no_output_activation", "lstm", "worse"),
    ("coupling_does_not_hurt", "coupled", "lstm", "not worse"),
    ("no_peepholes_do_not_hurt", "lstm", "peephole", "not worse"),
)


def greff_claims(summaries: Mapping[tuple[str, str], Summary]) -> list[Claim]:
    """Each of GREFF_CLAIMS checked on every task where both cells have results."""
    claims = []
    for key, c, ref, expect in GREFF_CLAIMS:
        holds, fails = [], []
        for t in TASK_KEYS:
            if (c, t) not in summaries or (ref, t) not in summaries:
                continue
            outcome = compared(summaries[(c, t)], summaries[(ref, t)])
            agrees = outcome == "worse" if expect == "worse" else outcome != "worse"
            (holds if agrees else fails).append(t)
        claims.append(Claim(key, c, ref, expect, tuple(holds), tuple(fails)))
    return claims


# --- the shipped table ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ZooTable:
    """The precomputed table: when and where it ran, and every SeedResult."""

    created: str
    machine: Machine
    cpu_seconds: float
    results: tuple[SeedResult, ...]

    def to_json(self) -> str:
        data = {
            "created": self.created,
            "machine": self.machine.to_dict(),
            "cpu_seconds": self.cpu_seconds,
            "seeds": list(SEEDS),
            "tasks": {t.key: asdict(t) for t in ZOO_TASKS},
            "results": [asdict(r) for r in self.results],
        }
        return json.dumps(data, indent=1, allow_nan=True) + "\n"


def load_table(path: str | Path = TABLE_PATH) -> ZooTable | None:
    """The table in `path` (JSON, see ZooTable.to_json), or None when there is none. Entries
    for cells or tasks this version does not know are skipped; ValueError for a damaged file."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        results = tuple(
            _seed_result(r)
            for r in data["results"]
            if r["cell"] in CELL_KEYS and r["task"] in TASK_KEYS
        )
        return ZooTable(
            str(data["created"]),
            Machine.from_dict(data["machine"]),
            float(data["cpu_seconds"]),
            results,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{path.name} is not a cell-zoo table: {error}") from None


def _seed_result(r: Mapping[str, Any]) -> SeedResult:
    def optional(x: Any, cast: Callable) -> Any:
        return None if x is None else cast(x)

    return SeedResult(
        cell=str(r["cell"]),
        task=str(r["task"]),
        seed=int(r["seed"]),
        solved=bool(r["solved"]),
        updates_to_solve=optional(r["updates_to_solve"], int),
        seconds_to_solve=optional(r["seconds_to_solve"], float),
        final_error=float(r["final_error"]),
        threshold=float(r["threshold"]),
        updates=int(r["updates"]),
        seconds=float(r["seconds"]),
        stopped=str(r["stopped"]),
    )
