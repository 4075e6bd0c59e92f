"""Training on the papers' task streams: one forward pass gives the criterion's errors and the
same gradients as the trainer's, runs are deterministic, and the stopping rule ends a run."""

import math

import numpy as np
import pytest

from lstm_core.lab.irnn import IRNNParams
from lstm_core.lab.paper_runs import (
    RunConfig,
    init_paper_model,
    outputs,
    run_paper_task,
    step_errors_and_grads,
)
from lstm_core.lab.paper_tasks import adding_1997, copy_baseline, copy_task, temporal_order
from lstm_core.lab.train import loss_and_grads


@pytest.mark.parametrize("model", ["lstm", "rnn"])
@pytest.mark.parametrize("task", ["adding", "temporal", "copy"])
def test_one_pass_gives_the_trainers_loss_and_gradients(model, task):
    rng = np.random.default_rng(0)
    data = {
        "adding": lambda: adding_1997(12, 5, rng),
        "temporal": lambda: temporal_order(3, rng),
        "copy": lambda: copy_task(4, 5, rng),
    }[task]()
    m = init_paper_model(RunConfig(model=model, hidden_size=6), data.xs.shape[2], data.n_outputs)
    errors, loss, grads = step_errors_and_grads(m, data)
    expected_loss, expected = loss_and_grads(m, data)
    assert loss == pytest.approx(expected_loss, rel=1e-12)
    for g, e in zip(grads, expected, strict=True):
        assert np.allclose(g, e, rtol=1e-10, atol=1e-12)
    y = outputs(m, data)
    if task == "adding":
        assert np.allclose(errors, np.abs(y - data.ys)[:, 0])
    elif task == "temporal":
        p = np.exp(y) / np.exp(y).sum(axis=1, keepdims=True)
        target = np.eye(4)[data.ys]
        assert np.allclose(errors, np.abs(p - target).max(axis=1))
    else:
        assert errors.size == 0


def test_irnn_pass_matches_finite_differences_of_its_loss():
    rng = np.random.default_rng(1)
    data = adding_1997(10, 4, rng)
    m = init_paper_model(RunConfig(model="irnn", hidden_size=3), 2, 1)
    assert isinstance(m.cell, IRNNParams)
    m.cell.W[:] = rng.normal(0, 0.5, m.cell.W.shape)  # large enough that units switch on and off
    _, _, grads = step_errors_and_grads(m, data)
    eps = 1e-6
    for array, grad in zip(m.arrays, grads, strict=True):
        for idx in list(np.ndindex(array.shape))[:6]:
            old = array[idx]
            array[idx] = old + eps
            up = step_errors_and_grads(m, data)[1]
            array[idx] = old - eps
            down = step_errors_and_grads(m, data)[1]
            array[idx] = old
            assert grad[idx] == pytest.approx((up - down) / (2 * eps), abs=1e-7)


def test_a_run_is_the_same_for_the_same_config_and_respects_its_budget():
    config = RunConfig(task="adding_1997", T=10, max_sequences=320, batch_size=16, seed=3)
    a, b = run_paper_task(config), run_paper_task(config)
    assert a.sequences == b.sequences == 320 and not a.solved  # 320 < the 2000 the rule needs
    assert a.test_wrong == b.test_wrong and a.test_loss == b.test_loss
    assert a.test_total == 2560 and a.curve == b.curve


def test_the_stopping_rule_ends_an_easy_run_early_and_its_test_agrees():
    config = RunConfig(
        task="adding_1997", T=20, hidden_size=32, batch_size=16, learning_rate=0.003,
        max_sequences=60_000,
    )  # fmt: skip
    result = run_paper_task(config)
    assert result.solved and 2000 <= result.sequences < 60_000
    assert result.test_wrong < 0.01 * 2560  # the test agrees with the training rule


def test_copy_run_reports_its_baseline_and_per_step_loss():
    result = run_paper_task(RunConfig(task="copy", T=5, max_sequences=64, batch_size=16))
    assert result.baseline == pytest.approx(copy_baseline(5)) == 10 * math.log(8) / 25
    assert result.test_total == 256 and 0 <= result.test_wrong <= 256
    assert result.solved == (result.test_loss < 0.95 * result.baseline)


def test_unknown_task_or_model_is_refused():
    with pytest.raises(ValueError):
        RunConfig(task="parity")
    with pytest.raises(ValueError):
        RunConfig(model="gru")


def test_report_sees_progress_and_returning_false_stops_the_run():
    seen = []

    def report(point):
        seen.append(point)
        return len(seen) < 3

    config = RunConfig(
        task="adding_1997", model="irnn", T=10, max_sequences=16 * 500, batch_size=16
    )
    result = run_paper_task(config, report)
    assert len(seen) == 3 and all(budget == 8000 for _, budget in seen)
    assert [s for s, _ in seen] == sorted(s for s, _ in seen)
    assert result.sequences == seen[-1][0] < 8000 and not result.solved


def test_every_table_experiment_has_a_config_and_the_live_ones_are_short():
    from lstm_core.lab.paper_runs import LIVE_EXPERIMENTS, PAPER_EXPERIMENTS, experiment_config

    keys = [e[0] for e in PAPER_EXPERIMENTS]
    assert len(set(keys)) == len(keys) and set(LIVE_EXPERIMENTS) <= set(keys)
    for key in LIVE_EXPERIMENTS:
        config = experiment_config(key, seed=5)
        assert config.seed == 5 and config.max_sequences <= 60_000 and config.T <= 20
    with pytest.raises(ValueError):
        experiment_config("nope")
