"""The cell zoo: its criteria, the summaries over seeds, the comparisons with the LSTM that
Greff et al.'s claims are checked with, one live run, and the shipped table."""

import math

import numpy as np
import pytest

from lstm_core.lab import zoo
from lstm_core.lab.machine import Machine
from lstm_core.lab.tasks import make_task
from lstm_core.lab.zoo import SeedResult, Spread, Summary


def result(cell="lstm", task="adding_50", seed=0, solved=True, updates=100, error=0.005, **kw):
    fields = dict(
        cell=cell,
        task=task,
        seed=seed,
        solved=solved,
        updates_to_solve=updates if solved else None,
        seconds_to_solve=updates / 100 if solved else None,
        final_error=error,
        threshold=0.01,
        updates=1512,
        seconds=15.0,
        stopped="finished",
    )
    fields.update(kw)
    return SeedResult(**fields)


def summary(solved: int, updates: float = math.nan, error: float = 0.1, seeds: int = 3):
    return Summary("x", "t", seeds, solved, Spread(updates, updates, updates, solved),
                   Spread.of([]), Spread(error, error, error, seeds), 0)  # fmt: skip


def test_each_task_has_its_own_criterion():
    assert zoo.is_solved("adding", 0.0099, 0.01) and not zoo.is_solved("adding", 0.01, 0.01)
    assert zoo.is_solved("sign", 0.01, 0.01) and not zoo.is_solved("sign", 0.0101, 0.01)
    assert zoo.is_solved("sine", 0.03, 0.043) and not zoo.is_solved("sine", 0.043, 0.043)
    assert not zoo.is_solved("adding", math.nan, 0.01)
    assert not zoo.is_solved("sign", math.inf, 0.01)


def test_the_sine_threshold_is_the_mse_of_copying_the_last_value():
    task = make_task("sine", seed=1)
    y = task.series
    windows = [(y[i : i + 10], y[i + 1 : i + 11]) for i in range(40)]
    expected = np.mean([np.mean((x - t) ** 2) for x, t in windows])
    assert zoo.threshold(zoo.zoo_task("sine"), task) == pytest.approx(expected, rel=1e-12)


def test_a_summary_counts_the_seeds_and_spreads_only_over_those_that_solved():
    results = [
        result(seed=0, updates=100, error=0.004),
        result(seed=1, updates=300, error=0.008),
        result(seed=2, solved=False, error=0.09),
    ]
    s = zoo.summarize(results)[("lstm", "adding_50")]
    assert (s.seeds, s.solved, s.verdict) == (3, 2, "some")
    assert (s.updates.mean, s.updates.low, s.updates.high, s.updates.n) == (200, 100, 300, 2)
    assert s.error.mean == pytest.approx(0.034) and s.error.high == 0.09 and s.error.n == 3
    none = zoo.summarize([result(solved=False, seed=k) for k in range(3)])[("lstm", "adding_50")]
    assert none.verdict == "none" and none.updates.n == 0 and math.isnan(none.updates.mean)


def test_a_cell_is_worse_with_fewer_seeds_solved_or_slower_than_one_and_a_half_times():
    lstm = summary(3, updates=400)
    assert zoo.compared(summary(2, updates=100), lstm) == "worse"
    assert zoo.compared(summary(3, updates=601), lstm) == "worse"
    assert zoo.compared(summary(3, updates=590), lstm) == "same"
    assert zoo.compared(summary(3, updates=260), lstm) == "better"
    # nobody solved it: the final errors decide
    assert zoo.compared(summary(0, error=0.16), summary(0, error=0.10)) == "worse"
    assert zoo.compared(summary(0, error=0.12), summary(0, error=0.10)) == "same"
    assert zoo.compared(summary(0, error=math.nan), summary(0, error=0.10)) == "worse"


def test_greffs_claims_are_read_task_by_task():
    def table(no_forget_solved: dict[str, int]) -> dict:
        out = {}
        for t in zoo.TASK_KEYS:
            out[("lstm", t)] = summary(3, updates=400)
            out[("no_forget", t)] = summary(no_forget_solved[t], updates=400)
        return out

    all_worse = table(dict.fromkeys(zoo.TASK_KEYS, 0))
    claims = {c.key: c for c in zoo.greff_claims(all_worse)}
    forget = claims["forget_gate_matters"]
    assert forget.verdict == "shows" and forget.holds == zoo.TASK_KEYS
    assert claims["coupling_does_not_hurt"].verdict == "no_data"  # no "coupled" results
    some = table({**dict.fromkeys(zoo.TASK_KEYS, 3), "adding_100": 1})
    forget = {c.key: c for c in zoo.greff_claims(some)}["forget_gate_matters"]
    assert forget.verdict == "partly" and forget.holds == ("adding_100",)
    none = table(dict.fromkeys(zoo.TASK_KEYS, 3))
    assert {c.key: c for c in zoo.greff_claims(none)}["forget_gate_matters"].verdict == "not"


def test_a_live_run_records_when_it_first_met_the_criterion():
    r = zoo.run_one("rnn", "sign_100", seed=0)
    zt = zoo.zoo_task("sign_100")
    assert r.updates == zt.updates and r.stopped == "finished"
    assert r.threshold == zoo.SIGN_TARGET
    if r.solved:
        assert r.updates_to_solve % zt.check_every == 0 and r.updates_to_solve <= r.updates
    checks = []
    capped = zoo.run_one("rnn", "sign_100", seed=0, on_check=lambda p, e: checks.append(e) or False)
    assert capped.stopped == "stopped" and capped.updates == zt.check_every and len(checks) == 1
    assert capped.final_error == pytest.approx(checks[0], abs=1e-6)
    assert capped.solved == zoo.is_solved("sign", checks[0], zoo.SIGN_TARGET)


def test_the_table_round_trips_through_json_and_skips_unknown_cells(tmp_path):
    rows = (result(), result(cell="gru", solved=False, error=math.inf, stopped="diverged"))
    machine = Machine("test CPU", 2, "Linux x86_64", "3.11.7", load=0.5)
    table = zoo.ZooTable("2026-12-05 08:00 UTC", machine, 1.5, rows)
    path = tmp_path / "zoo.json"
    path.write_text(table.to_json())
    assert zoo.load_table(path) == table
    path.write_text(table.to_json().replace('"cell": "gru"', '"cell": "mystery"'))
    assert zoo.load_table(path).results == rows[:1]
    path.write_text("{not json")
    with pytest.raises(ValueError, match="cell-zoo table"):
        zoo.load_table(path)
    assert zoo.load_table(tmp_path / "missing.json") is None


def test_the_shipped_table_covers_every_cell_task_and_seed_and_is_consistent():
    table = zoo.load_table()
    assert table is not None and table.created and table.machine
    keys = {(r.cell, r.task, r.seed) for r in table.results}
    assert keys == {(c, t, s) for c in zoo.CELL_KEYS for t in zoo.TASK_KEYS for s in zoo.SEEDS}
    for r in table.results:
        zt = zoo.zoo_task(r.task)
        assert r.updates <= zt.updates
        assert r.solved == (r.updates_to_solve is not None)
        if r.solved:
            assert r.updates_to_solve % zt.check_every == 0 or r.updates_to_solve == r.updates
