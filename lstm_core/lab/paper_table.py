"""The "paper vs here" table: what benchmarks/paper_tasks.py measured (shipped as
lstm_core/lab/data/paper_tasks.json), read back and summarised row by row, with the verdict each
row's sentence is worded from.

A row is one experiment run over several seeds. Its verdict:

    "solved"          every seed met the paper's criterion within the budget
    "partly"          some seeds did
    "not_solved"      none did (the result did not reproduce at this budget)
    "beats_baseline"  copy task: every seed's test loss is clearly below the memoryless line
    "at_baseline"     copy task: no seed's is (at the line or above it)

A row's setting is the RunConfig it ran with (task, model, T, forget bias, H, batch, learning
rate, clip; Adam always), and what the paper reports is a claim key (paper_runs.PAPER_CLAIMS):
fields, not sentences, so the page words them in either language.

Sequences to solve are summarised over the seeds that solved (mean and spread = sample standard
deviation; a single seed has no spread); the copy task has no stopping rule, so none.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lstm_core.lab.machine import Machine
from lstm_core.lab.paper_runs import PAPER_CLAIMS, RunConfig
from lstm_core.lab.stocks import against_last_week

PAPER_JSON = Path(__file__).parent / "data" / "paper_tasks.json"
MAX_JSON_BYTES = 256 * 1024
VERDICTS: tuple[str, ...] = ("solved", "partly", "not_solved", "beats_baseline", "at_baseline")


@dataclass(frozen=True)
class Row:
    """One experiment: its key, task, model, the settings it ran with (config; its
    max_sequences is the budget, its seed the first), what the paper reports (a claim key of
    paper_runs.PAPER_CLAIMS) and where, the budget of training sequences, and per seed: solved,
    sequences seen, wrong test sequences, the test loss (copy) or mean error."""

    key: str
    task: str
    model: str
    config: RunConfig
    claim: str
    source: str
    budget: int
    test_total: int
    baseline: float | None
    solved: tuple[bool, ...]
    sequences: tuple[int, ...]
    test_wrong: tuple[int, ...]
    test_loss: tuple[float, ...]
    seconds: tuple[float, ...]


@dataclass(frozen=True)
class StocksSetting:
    """How both models were trained on the stocks task: windows of `window` weeks, weeks
    0 .. train_weeks - 1 train and train_weeks .. weeks - 1 validate; H, optimizer, learning
    rate, batch, clip norm, epochs."""

    window: int
    train_weeks: int
    weeks: int
    hidden_size: int
    optimizer: str
    learning_rate: float
    batch_size: int
    clip_norm: float
    epochs: int


@dataclass(frozen=True, eq=False)
class StocksResult:
    """Both models on the stocks task: the setting, the "same as last week" validation MSE,
    each model's validation MSE per seed, and for the figure the validation weeks (W,), the
    companies (C,), the real prices, last week's and the first seed's forecasts, all (W, C)."""

    setting: StocksSetting
    baseline_mse: float
    mse: dict[str, tuple[float, ...]]
    weeks: tuple[str, ...]
    companies: tuple[str, ...]
    actual: np.ndarray
    last_week: np.ndarray
    forecasts: dict[str, np.ndarray]

    def verdict(self, kind: str) -> tuple[float, str]:
        """(the model's mean validation MSE over the seeds, lstm_core.lab.stocks'
        against_last_week verdict: "beats", "ties" or "worse")."""
        values = self.mse[kind]
        mean = sum(values) / len(values)
        return mean, against_last_week(mean, self.baseline_mse)


@dataclass(frozen=True)
class PaperTable:
    """The run's date (ISO), machine, total seconds, rows and the stocks result."""

    date: str
    machine: Machine
    seconds: float
    rows: tuple[Row, ...]
    stocks: StocksResult | None = None


@dataclass(frozen=True)
class RowSummary:
    """A row's figures: seeds, seeds solved, mean and spread of the sequences the solving seeds
    needed (nan when none solved), mean wrong test sequences, mean test loss, the verdict."""

    seeds: int
    solved: int
    sequences_mean: float
    sequences_std: float
    wrong_mean: float
    loss_mean: float
    verdict: str


def summarise(row: Row) -> RowSummary:
    """The summary and verdict of one row (see the module docstring)."""
    n = len(row.solved)
    k = sum(row.solved)
    # copy has no stopping rule: every seed trains for the whole budget
    needed = (
        []
        if row.task == "copy"
        else [s for s, ok in zip(row.sequences, row.solved, strict=True) if ok]
    )
    mean = sum(needed) / len(needed) if needed else math.nan
    std = (
        math.sqrt(sum((s - mean) ** 2 for s in needed) / (len(needed) - 1))
        if len(needed) > 1
        else math.nan
    )
    if row.task == "copy":
        verdict = "beats_baseline" if k == n else ("at_baseline" if k == 0 else "partly")
    else:
        verdict = "solved" if k == n else ("not_solved" if k == 0 else "partly")
    wrong = sum(row.test_wrong) / n
    finite = [v for v in row.test_loss if math.isfinite(v)]
    loss = sum(finite) / len(finite) if finite else math.nan
    return RowSummary(n, k, mean, std, wrong, loss, verdict)


def load_paper_table(path: Path = PAPER_JSON) -> PaperTable:
    """The shipped results. ValueError saying what is wrong for a file that is not one."""
    if path.stat().st_size > MAX_JSON_BYTES:
        raise ValueError(f"{path.name} is larger than {MAX_JSON_BYTES} bytes")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        rows = tuple(_row(r) for r in raw["rows"])
        stocks = _stocks(raw["stocks"]) if "stocks" in raw else None
        return PaperTable(
            str(raw["date"]), Machine.from_dict(raw["machine"]), float(raw["seconds"]), rows, stocks
        )
    except (KeyError, TypeError, json.JSONDecodeError) as err:
        raise ValueError(f"{path.name} is not a paper-tasks result: {err}") from None


def _row(r: dict) -> Row:
    n = len(r["solved"])
    per_seed = ("sequences", "test_wrong", "test_loss", "seconds")
    if n == 0 or any(len(r[name]) != n for name in per_seed):
        raise ValueError(f"row {r.get('key')!r}: every per-seed list needs {n} entries")
    baseline = r.get("baseline")
    if r["claim"] not in PAPER_CLAIMS:
        raise ValueError(f"row {r.get('key')!r}: unknown claim {r['claim']!r}")
    config = RunConfig(
        task=str(r["task"]), model=str(r["model"]), max_sequences=int(r["budget"]), **r["config"]
    )
    return Row(
        str(r["key"]),
        config.task,
        config.model,
        config,
        str(r["claim"]),
        str(r["source"]),
        int(r["budget"]),
        int(r["test_total"]),
        None if baseline is None else float(baseline),
        tuple(bool(v) for v in r["solved"]),
        tuple(int(v) for v in r["sequences"]),
        tuple(int(v) for v in r["test_wrong"]),
        tuple(math.nan if v is None else float(v) for v in r["test_loss"]),
        tuple(float(v) for v in r["seconds"]),
    )


def _stocks_setting(c: dict) -> StocksSetting:
    ints = ("window", "train_weeks", "weeks", "hidden_size", "batch_size", "epochs")
    return StocksSetting(
        **{k: int(c[k]) for k in ints},
        optimizer=str(c["optimizer"]),
        learning_rate=float(c["learning_rate"]),
        clip_norm=float(c["clip_norm"]),
    )


def _stocks(r: dict) -> StocksResult:
    weeks, companies = tuple(map(str, r["weeks"])), tuple(map(str, r["companies"]))
    shape = (len(weeks), len(companies))

    def grid(name: str) -> np.ndarray:
        a = np.asarray(r[name], dtype=np.float64)
        if a.shape != shape:
            raise ValueError(f"stocks: {name} has shape {a.shape}, expected {shape}")
        return a

    kinds = ("rnn", "lstm")
    mse = {k: tuple(float(v) for v in r[f"{k}_mse"]) for k in kinds}
    if any(len(v) == 0 for v in mse.values()):
        raise ValueError("stocks: every model needs at least one seed")
    return StocksResult(
        _stocks_setting(r["config"]),
        float(r["baseline_mse"]),
        mse,
        weeks,
        companies,
        grid("actual"),
        grid("last_week"),
        {k: grid(f"{k}_forecast") for k in kinds},
    )
