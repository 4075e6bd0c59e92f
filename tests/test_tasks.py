"""The training lab's data sets: shapes, determinism per seed, and what each task promises."""

import numpy as np
import pytest

from lstm_core.lab.inputs import make_sequence
from lstm_core.lab.tasks import (
    SINE_POINTS,
    SINE_WINDOW,
    TASKS,
    adding_problem,
    constant_guess_loss,
    make_task,
    sign_task,
    sine_demo,
    sine_series,
)


@pytest.mark.parametrize("name", TASKS)
def test_every_task_is_the_same_for_the_same_seed_and_differs_for_another(name):
    a, b, c = (make_task(name, T=20, seed=s, n_train=50, n_val=20) for s in (3, 3, 4))
    assert np.array_equal(a.train.xs, b.train.xs) and np.array_equal(a.train.ys, b.train.ys)
    assert not np.array_equal(a.train.xs, c.train.xs)
    if a.val is not None:
        assert np.array_equal(a.val.xs, b.val.xs)
        assert not np.array_equal(a.train.xs[:, :20], a.val.xs)  # two independent streams


def test_sine_demo_has_40_windows_of_10_steps_whose_targets_are_the_next_values():
    task = sine_demo(noise=0.1, seed=0)
    y = task.series
    assert y.shape == (SINE_POINTS,)
    assert task.train.xs.shape == task.train.ys.shape == (SINE_WINDOW, 40, 1)
    assert task.train.every_step and task.train.loss == "mse" and task.val is None
    for i in (0, 17, 39):
        assert np.array_equal(task.train.xs[:, i, 0], y[i : i + SINE_WINDOW])
        assert np.array_equal(task.train.ys[:, i, 0], y[i + 1 : i + SINE_WINDOW + 1])


def test_sine_series_is_sin_on_the_demo_grid_plus_the_stepper_presets_noise():
    x = np.linspace(-2 * np.pi, 2 * np.pi, SINE_POINTS)
    assert np.array_equal(sine_series(noise=0.0), np.sin(x))
    preset = make_sequence("sine", SINE_POINTS, seed=5).xs[:, 0]
    np.testing.assert_allclose(sine_series(noise=0.1, seed=5), preset, atol=1e-12)


def test_adding_problem_marks_exactly_two_values_one_in_each_half_and_sums_them():
    T, n = 30, 200
    data = adding_problem(T, n, seed=1)
    assert data.xs.shape == (T, n, 2) and data.ys.shape == (n, 1)
    assert not data.every_step and data.loss == "mse"
    values, markers = data.xs[..., 0], data.xs[..., 1]
    assert ((values >= 0) & (values <= 1)).all()
    assert set(np.unique(markers)) == {0.0, 1.0}
    assert (markers[: T // 2].sum(axis=0) == 1).all() and (markers[T // 2 :].sum(axis=0) == 1).all()
    np.testing.assert_allclose(data.ys[:, 0], (values * markers).sum(axis=0), rtol=0, atol=1e-15)


def test_adding_problem_constant_guess_scores_about_0_167():
    # The sum of two independent U[0, 1] values has variance 2/12 = 0.1667.
    data = adding_problem(20, 20_000, seed=0)
    guess = constant_guess_loss(data)
    assert guess == pytest.approx(np.mean((data.ys - data.ys.mean()) ** 2))
    assert guess == pytest.approx(1 / 6, abs=0.005)


def test_sign_task_labels_the_sign_of_the_first_input_and_guessing_scores_ln_2():
    data = sign_task(25, 2000, seed=2, noise=0.1)
    assert data.xs.shape == (25, 2000, 1) and data.ys.shape == (2000,)
    assert data.loss == "ce" and data.n_outputs == 2 and not data.every_step
    assert np.array_equal(data.ys, (data.xs[0, :, 0] > 0).astype(int))
    assert set(np.abs(data.xs[0, :, 0])) == {1.0}
    assert np.abs(data.xs[1:]).max() < 1.0  # only small noise after the first step
    assert constant_guess_loss(data) == pytest.approx(np.log(2), abs=0.002)


def test_subset_picks_examples_from_the_batch_axis():
    task = make_task("adding", T=12, n_train=10, n_val=5)
    part = task.train.subset(np.array([4, 1]))
    assert np.array_equal(part.xs, task.train.xs[:, [4, 1]])
    assert np.array_equal(part.ys, task.train.ys[[4, 1]])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: make_task("copy"), "unknown task"),
        (lambda: adding_problem(1, 10), "T must be"),
        (lambda: sign_task(10, 0), "n must be"),
        (lambda: sine_series(noise=float("nan")), "noise"),
        (lambda: sine_demo(window=50), "window"),
    ],
)
def test_bad_arguments_raise_a_value_error_that_says_what_is_wrong(call, message):
    with pytest.raises(ValueError, match=message):
        call()
