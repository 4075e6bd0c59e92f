"""The claims issue 16 found untrue for the numbers, each pinned to what the numbers say (items 2
to 6, 11 and 12; item 1 and the degenerate gradients are in test_verdicts.py)."""

import math

import numpy as np
import pytest

from lstm_core import LSTMParams, run_lstm
from lstm_core.lab import misconceptions as mc
from lstm_core.lab.exercises import KINDS, check, exercise, kind_of, slips
from lstm_core.lab.inputs import make_sequence
from lstm_core.lab.verdicts import cell_size_verdict, forget_term_verdict
from lstm_viz import exercises as ex_viz
from lstm_viz import i18n
from lstm_viz import misconceptions as mc_viz


def both(key: str, **fields) -> tuple[str, str]:
    return i18n.t(key, "en", **fields), i18n.t(key, "ko", **fields)


def exercises_of(kind: str, seeds=range(40)):
    return [
        exercise(s, n) for s in seeds for n in range(1, len(KINDS) + 1) if kind_of(s, n) == kind
    ]


# --- 2. what bounds the cell state ------------------------------------------------------------


def test_each_step_adding_less_than_one_bounds_c_only_linearly_the_forget_gate_bounds_it():
    run = mc.cell_size_run(500, 16)
    v = cell_size_verdict(run.max_abs, run.f_max)
    assert v.beyond_one and v.bounded
    # The sentence's bound is 1/(1 − f_max) with the run's own f_max, and the run respects it.
    xs = make_sequence("noise", 500, 0).xs
    p = LSTMParams.init(1, 16, seed=0, scheme="torch", forget_bias=mc.CELL_FORGET_BIAS)
    assert v.f_max == float(run_lstm(p, xs).f.max())
    assert v.limit == pytest.approx(1.0 / (1.0 - run.f_max), rel=1e-12)
    assert np.all(run.max_abs < v.limit) and v.c_max < v.bound <= v.t_max
    notes = mc_viz.cell_size_notes(run, v)
    assert [n.key for n in notes] == [
        "misconceptions.size.verdict",
        "misconceptions.size.beyond_one",
    ]
    assert notes[1].fields["limit"] == mc_viz.num(1.0 / (1.0 - run.f_max))
    en, ko = notes[1].text("en"), notes[1].text("ko")
    assert "cannot run away" not in en and "each step adds less than 1." not in en
    assert "1/(1 - f_{\\max})" in en and "1/(1 - f_{\\max})" in ko
    assert "끝없이 커지지도 않습니다" not in ko


def test_with_f_reaching_one_only_the_linear_bound_is_claimed():
    v = cell_size_verdict(np.array([0.9, 1.8, 2.7]), f_max=1.0)
    assert not v.bounded and v.bound == 3
    run = mc.CellSizeRun(
        np.zeros((3, 1)), np.array([[0.9], [1.8], [2.7]]), np.array([0.9, 1.8, 2.7]), 1.0
    )
    notes = mc_viz.cell_size_notes(run, v)
    assert notes[-1].key == "misconceptions.size.beyond_one_linear"


# --- 3. the myth students meet is c_t = c_{t−1} + i g ----------------------------------------


def test_the_forget_term_myth_is_f_taken_as_one_and_its_error_is_one_minus_f_times_c_prev():
    en, ko = both("misconceptions.sum.myth")
    assert r"c_t = c_{t-1} + i_t \odot g_t" in en and r"c_t = c_{t-1} + i_t \odot g_t" in ko
    r = mc.forget_term(0.7, 1.5, 0.6, 0.5)
    v = forget_term_verdict(r.f, r.c_prev, r.c, r.carried)
    notes = mc_viz.forget_term_notes(r, v)
    fields = notes[0].fields
    assert fields["carried"] == mc_viz.num(1.5 + 0.3) and fields["c"] == mc_viz.num(1.35)
    assert fields["error"] == mc_viz.num((1 - 0.7) * 1.5)
    assert "(1 - f_t)" in notes[0].text("en") and "(1 - f_t)" in notes[0].text("ko")
    assert r"c_{t-1} + i_t \, g_t = 1.500 + 0.300 = 1.800" in mc_viz.forget_term_equations(r, v)[1]


# --- 11. the exercises diagnose the slips that happen ------------------------------------------


def test_every_pulse_slip_can_fire_and_the_off_by_one_steps_are_named():
    cases = exercises_of("pulse_decay")
    assert cases
    for ex in cases:
        named = slips(ex)
        assert named == {"early_power": ex.answer - 1, "old_cell": ex.answer + 1}
        assert check(ex, ex.answer - 1).slip == "early_power"
        assert check(ex, ex.answer + 1).slip == "old_cell"
        h = ex.curves["h"]
        text = ex_viz.gap_explanation(ex, check(ex, ex.answer - 1), ex.answer - 1, "en")
        assert (
            f"At step {int(ex.answer) - 1} $h_t$ is still {ex_viz.num(h[int(ex.answer) - 2])}"
            in text
        )
        # The model's own numbers: f^t c_1 (one multiplication too many) crosses a step early.
        o, f, c = ex.given["o"], ex.given["f"], ex.curves["c"]
        k = int(ex.answer) - 2  # row of step answer − 1
        assert o * math.tanh(f * c[k]) < 0.1 <= o * math.tanh(c[k])


def test_the_hidden_output_names_the_cell_update_with_f_taken_as_one():
    found = 0
    for ex in exercises_of("hidden_output"):
        s = ex.step
        i, g, o = (float(a[0]) for a in (s.i, s.g, s.o))
        wrong = o * math.tanh(ex.given["c_prev"] + i * g)
        if "forget_as_one" in slips(ex):
            found += 1
            assert slips(ex)["forget_as_one"] == pytest.approx(wrong, abs=1e-12)
            others = [v for k, v in slips(ex).items() if k != "forget_as_one"]
            if all(abs(v - round(wrong, 2)) > ex.tolerance for v in others):
                assert check(ex, round(wrong, 2)).slip == "forget_as_one"
    assert found > 10
