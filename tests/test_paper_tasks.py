"""The papers' tasks follow the papers' definitions, checked sequence by sequence and by their
statistics; the criteria say "right", "solved" and "beats the baseline" exactly where the papers
draw the line."""

import math

import numpy as np
import pytest

from lstm_core.lab.paper_tasks import (
    ADDING_RIGHT,
    STOP_WINDOW,
    TEMPORAL_CLASSES,
    TEMPORAL_SYMBOLS,
    TEST_SEQUENCES,
    adding_1997,
    adding_1997_test,
    adding_errors,
    adding_right,
    beats_copy_baseline,
    class_errors,
    copy_baseline,
    copy_task,
    stop_rule_met,
    temporal_order,
    temporal_order_test,
    temporal_right,
)

# --- adding problem, 1997 ---------------------------------------------------------------------


def test_adding_1997_follows_the_papers_marking_rules_sequence_by_sequence():
    T = 100
    data = adding_1997(T, 3000, np.random.default_rng(1))
    L = data.xs.shape[0]
    assert T <= L <= T + 10 and data.xs.shape == (L, 3000, 2) and data.ys.shape == (3000, 1)
    for k in range(3000):
        values, markers = data.xs[:, k, 0], data.xs[:, k, 1]
        marked = np.flatnonzero(markers == 1.0)
        assert len(marked) == 2
        assert marked[0] < 10  # one of the first ten pairs
        assert marked[1] <= T // 2 - 1  # the other among the first T/2 − 1 unmarked pairs
        others = np.setdiff1d(np.arange(L), marked)
        expected = np.zeros(L)
        expected[[0, L - 1]] = -1.0
        assert np.array_equal(markers[others], expected[others])  # −1 at both ends, else 0
        assert np.all(np.abs(values) <= 1.0)
        if 0 in marked:
            assert values[0] == 0.0
        x1, x2 = values[marked]
        assert data.ys[k, 0] == pytest.approx(0.5 + (x1 + x2) / 4.0)


def test_adding_1997_statistics_match_the_definition():
    T = 100
    rng = np.random.default_rng(2)
    lengths = [adding_1997(T, 1, rng).xs.shape[0] for _ in range(2200)]
    assert min(lengths) == 100 and max(lengths) == 110  # T .. T + T/10, both ends reached
    assert abs(np.mean(lengths) - 105) < 0.3
    data = adding_1997(T, 20000, rng, length=105)
    values, markers = data.xs[..., 0], data.xs[..., 1]
    # values uniform in [−1, 1]: mean 0, variance 1/3 (unmarked interior pairs)
    inner = values[1:-1][markers[1:-1] == 0]
    assert abs(inner.mean()) < 0.01 and abs(inner.var() - 1 / 3) < 0.01
    # P(step k is marked): 1/10 (first mark) + 9/10 · 1/49 (second) for k < 10; 1/49 for
    # 10 ≤ k < T/2 (the second mark picks one of the first T/2 − 1 = 49 unmarked pairs); else 0
    share = (markers == 1).mean(axis=1)
    assert np.allclose(share[:10], 0.1 + 0.9 / 49, atol=0.008)
    assert np.allclose(share[10:50], 1 / 49, atol=0.004)
    assert np.all(share[50:] == 0)
    # target 0.5 + (X₁ + X₂)/4 lies in [0, 1] with mean 0.5, variance 2·(1/3)/16 = 1/24
    assert data.ys.min() >= 0.0 and data.ys.max() <= 1.0
    assert abs(data.ys.mean() - 0.5) < 0.005 and abs(data.ys.var() - 1 / 24) < 0.002


def test_adding_1997_test_set_has_2560_sequences_grouped_by_length():
    test = adding_1997_test(100, seed=3)
    assert sum(d.n for d in test) == TEST_SEQUENCES == 2560
    lengths = [d.xs.shape[0] for d in test]
    assert lengths == sorted(set(lengths)) and lengths[0] >= 100 and lengths[-1] <= 110
    again = adding_1997_test(100, seed=3)
    assert all(np.array_equal(a.xs, b.xs) for a, b in zip(test, again, strict=True))


def test_adding_right_is_strictly_below_0_04():
    errors = adding_errors(np.array([[0.5], [0.25], [0.75]]), np.array([[0.53], [0.3], [0.7]]))
    assert np.allclose(errors, [0.03, 0.05, 0.05])
    assert list(adding_right(np.array([0.03, 0.0399, 0.04, 0.05]))) == [True, True, False, False]
    assert ADDING_RIGHT == 0.04


def test_adding_rejects_lengths_outside_the_range_and_short_T():
    with pytest.raises(ValueError):
        adding_1997(100, 5, np.random.default_rng(0), length=111)
    with pytest.raises(ValueError):
        adding_1997(8, 5, np.random.default_rng(0))


# --- the stopping rule -------------------------------------------------------------------------


def test_stop_rule_needs_2000_right_sequences_and_a_small_mean():
    right = np.full(STOP_WINDOW, 0.005)
    assert stop_rule_met(right, 0.04, 0.01)
    assert not stop_rule_met(right[:-1], 0.04, 0.01)  # 1999 sequences are not enough
    one_wrong = right.copy()
    one_wrong[0] = 0.04
    assert not stop_rule_met(one_wrong, 0.04, 0.01)
    # a wrong sequence older than the last 2000 no longer counts
    assert stop_rule_met(np.concatenate([[0.9], right]), 0.04, 0.01)
    assert not stop_rule_met(np.full(STOP_WINDOW, 0.011), 0.04, 0.01)  # all right, mean too big


# --- temporal order 6a ---------------------------------------------------------------------------


def test_temporal_order_places_E_B_and_two_relevant_symbols_as_task_6a_says():
    data = temporal_order(2000, np.random.default_rng(4))
    L = data.xs.shape[0]
    assert 100 <= L <= 110 and data.xs.shape == (L, 2000, 8)
    assert np.all(data.xs.sum(axis=-1) == 1.0)  # one-hot
    symbols = data.xs.argmax(axis=-1)  # (L, n)
    name = np.array(TEMPORAL_SYMBOLS)
    for k in range(2000):
        s = name[symbols[:, k]]
        assert s[0] == "E" and s[-1] == "B"
        relevant = np.flatnonzero((s == "X") | (s == "Y"))
        assert len(relevant) == 2
        t1, t2 = relevant
        assert 10 <= t1 <= 20 and 50 <= t2 <= 60
        assert set(s[1:-1]) - {"X", "Y"} <= {"a", "b", "c", "d"}
        assert TEMPORAL_CLASSES[data.ys[k]] == s[t1] + s[t2]


def test_temporal_order_classes_are_balanced_so_chance_is_25_percent():
    data = temporal_order(20000, np.random.default_rng(5))
    share = np.bincount(data.ys, minlength=4) / 20000
    assert np.allclose(share, 0.25, atol=0.01)
    rng = np.random.default_rng(6)
    lengths = [temporal_order(1, rng).xs.shape[0] for _ in range(1500)]
    assert min(lengths) == 100 and max(lengths) == 110
    test = temporal_order_test(seed=1)
    assert sum(d.n for d in test) == 2560


def test_temporal_right_means_every_output_within_0_3_of_its_target():
    # softmax outputs (0.75, 0.25, 0, 0) for class 0: errors 0.25 and 0.25 -> right
    logits = np.log(np.array([[0.75, 0.25, 1e-12, 1e-12], [0.7, 0.3, 1e-12, 1e-12]]))
    errors = class_errors(logits, np.array([0, 0]))
    assert np.allclose(errors, [0.25, 0.3], atol=1e-9)
    assert list(temporal_right(errors)) == [True, False]
    assert class_errors(logits, np.array([1, 1]))[0] == pytest.approx(0.75)


# --- copy task -----------------------------------------------------------------------------------


def test_copy_task_is_arjovskys_layout():
    T = 30
    data = copy_task(T, 500, np.random.default_rng(7))
    assert data.xs.shape == (T + 20, 500, 10) and data.ys.shape == (T + 20, 500)
    inputs = data.xs.argmax(axis=-1)
    assert np.all((inputs[:10] >= 1) & (inputs[:10] <= 8))
    assert np.all(inputs[10 : 10 + T - 1] == 0)  # T − 1 blanks
    assert np.all(inputs[10 + T - 1] == 9)  # the delimiter
    assert np.all(inputs[10 + T :] == 0)  # 10 blanks
    assert np.all(data.ys[: T + 10] == 0)
    assert np.array_equal(data.ys[T + 10 :], inputs[:10])  # the symbols, in order
    share = np.bincount(inputs[:10].ravel(), minlength=9)[1:] / 5000
    assert np.allclose(share, 1 / 8, atol=0.02)


def test_copy_baseline_is_the_memoryless_strategys_cross_entropy():
    T = 30
    data = copy_task(T, 200, np.random.default_rng(8))
    # memoryless: certain of the blank for T + 10 steps, uniform over 1..8 for the last 10
    logits = np.full((T + 20, 200, 10), -50.0)
    logits[: T + 10, :, 0] = 50.0
    logits[T + 10 :, :, 1:9] = 0.0
    log_p = logits - np.log(np.exp(logits).sum(axis=-1, keepdims=True))
    ce = -np.take_along_axis(log_p, data.ys[..., None], axis=-1).mean()
    assert ce == pytest.approx(copy_baseline(T), rel=1e-9)
    assert copy_baseline(T) == pytest.approx(10 * math.log(8) / 50)
    assert not beats_copy_baseline(ce, T)
    assert beats_copy_baseline(0.5 * ce, T) and not beats_copy_baseline(math.nan, T)
