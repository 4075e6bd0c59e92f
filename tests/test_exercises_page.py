"""The exercises page through AppTest: the question shows the model's exercise, a right and a
wrong answer get the right verdict and the reveal, the score counts once per exercise, and the
set travels in the URL."""

import pytest

from lstm_core.lab.exercises import check, exercise, kind_of, slips

from apptest_support import all_text, assert_no_errors, latex_lines, open_app, plotly_figures

PAGE = "pages/exercises.py"


def find(kind: str, seed: int = 1) -> int:
    """The number of the first exercise of this kind in the set."""
    return next(n for n in range(1, 6) if kind_of(seed, n) == kind)


def open_exercise(kind: str, seed: int = 1, **query: str):
    n = find(kind, seed)
    at = open_app(PAGE, ex_seed=str(seed), ex_n=str(n), **query)
    assert_no_errors(at)
    return at, exercise(seed, n)


def answer(at, value):
    """Type or pick `value` and press Check."""
    if at.radio:
        at.radio[0].set_value(value)
    else:
        field = next(w for w in at.number_input if w.key.startswith("ex_answer"))
        field.set_value(value)
    next(b for b in at.button if b.label == "Check my answer").click()
    at.run()
    assert_no_errors(at)
    return at


def score(at) -> str:
    return next(m.value for m in at.metric if m.label == "Score in this set")


def test_the_page_opens_on_exercise_one_of_set_one_with_its_question():
    at = open_app(PAGE)
    assert_no_errors(at)
    ex = exercise(1, 1)
    text = all_text(at)
    assert "Exercise 1:" in text
    assert at.session_state["ex_seed"] == 1 and at.session_state["ex_n"] == 1
    assert score(at) == "0 / 0"
    if ex.kind == "which_gradient":
        assert len(plotly_figures(at)) == 1  # the two unnamed curves to choose from


def test_a_right_number_is_right_and_the_working_shows_the_models_equation():
    at, ex = open_exercise("cell_update")
    answer(at, round(ex.answer, 2))
    assert at.success and "Right." in at.success[0].value
    assert f"{ex.answer:.3f}" in at.success[0].value
    assert score(at) == "1 / 1"
    # the working: c_t with the shown numbers, and the cell diagram of that very step
    (c_line,) = [line for line in latex_lines(at) if r"\times" in line]
    assert r"c_t &= f_t \odot c_{t-1}" in c_line and f"{ex.answer:.3f}" in c_line
    diagram = plotly_figures(at)[0]
    assert diagram["layout"]["meta"]["values"]["c"] == pytest.approx(ex.answer, abs=1e-12)


def test_dropping_the_forget_term_is_wrong_and_the_gap_is_explained():
    at, ex = open_exercise("cell_update")
    g = ex.given
    slip = slips(ex)["dropped_forget"]
    answer(at, round(slip, 2))
    assert not at.success and at.warning
    warning = at.warning[0].value
    assert "Not quite." in warning and f"{ex.answer:.3f}" in warning
    gap = check(ex, round(slip, 2)).gap
    assert f"{gap:+.3f}".replace("-", "−") in warning
    assert "the forget term" in all_text(at)
    assert f"{g['f'] * g['c_prev']:.3f}".replace("-", "−") in all_text(at)
    assert score(at) == "0 / 1"


def test_reading_the_old_cell_state_is_named_in_the_hidden_state_exercise():
    at, ex = open_exercise("hidden_output")
    answer(at, round(slips(ex)["old_cell"], 2))
    assert "not the old one" in all_text(at)
    working = [line for line in latex_lines(at) if r"\times" in line]
    assert len(working) == 2  # c_t, then h_t = o_t tanh(c_t), with numbers
    assert working[1].startswith(r"\begin{aligned}h_t &= o_t \odot \tanh(c_t)")
    assert f"{ex.answer:.3f}" in working[1]


def test_a_choice_is_checked_and_the_curves_get_their_names():
    at, ex = open_exercise("which_gradient")
    before = plotly_figures(at)[0]
    assert [trace["name"] for trace in before["data"]] == ["curve A", "curve B"]
    answer(at, ex.answer)
    assert at.success and "Right:" in at.success[0].value
    after = plotly_figures(at)[0]
    names = [trace["name"] for trace in after["data"]]
    assert any("RNN" in name and f"curve {ex.answer}" in name for name in names)
    assert f"Curve {ex.answer} is the RNN's" in all_text(at)


def test_the_wrong_gate_setting_is_wrong_and_the_chart_shows_all_four():
    at, ex = open_exercise("keep_memory")
    wrong = next(c for c in ex.choices if c != ex.answer)
    answer(at, wrong)
    assert at.warning and "Not this one." in at.warning[0].value
    figure = plotly_figures(at)[0]
    assert len(figure["data"]) == 4
    final = {trace["name"]: trace["y"][-1] for trace in figure["data"]}
    kept = final["forget gate open, input gate shut (f ≈ 1, i ≈ 0)"]
    assert kept == pytest.approx(ex.curves["f1_i0"][-1])


def test_a_pulse_answer_one_step_early_says_h_is_still_above_the_line():
    at, ex = open_exercise("pulse_decay")
    answer(at, int(ex.answer) - 1)
    assert "Not quite." in at.warning[0].value
    h_before = ex.curves["h"][int(ex.answer) - 2]
    assert f"is still {h_before:.3f}" in all_text(at)


def test_check_without_an_answer_asks_for_one_and_counts_nothing():
    at, _ = open_exercise("cell_update")
    next(b for b in at.button if b.label == "Check my answer").click()
    at.run()
    assert_no_errors(at)
    assert at.info and "Give an answer first" in at.info[0].value
    assert score(at) == "0 / 0"


def test_new_exercise_moves_on_and_an_answer_counts_once():
    at, ex = open_exercise("cell_update")
    answer(at, round(ex.answer, 2))
    n = at.session_state["ex_n"]
    at.button(key="ex_next").click()
    at.run()
    assert_no_errors(at)
    assert at.session_state["ex_n"] == n + 1
    assert f"Exercise {n + 1}:" in all_text(at)
    assert at.query_params["ex_n"] == str(n + 1)
    assert score(at) == "1 / 1"  # the score of the set stays
    assert not at.success and not at.warning  # the new exercise is unanswered


def test_the_same_link_gives_the_same_question():
    first = all_text(open_app(PAGE, ex_seed="42", ex_n="3"))
    second = all_text(open_app(PAGE, ex_seed="42", ex_n="3"))
    assert first == second
    assert "Exercise 3:" in first


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"ex_seed": "abc"}, "is not a number"),
        ({"ex_seed": "99999"}, "is outside"),
        ({"ex_n": "0"}, "is outside"),
        ({"ex_n": "nan"}, "finite"),
        ({"ex_n": "2.5"}, "not a whole number"),
    ],
)
def test_bad_links_get_a_message_and_a_working_page(query, expected):
    at = open_app(PAGE, **query)
    assert_no_errors(at)
    assert any(expected in w.value for w in at.warning)
    assert "Exercise" in all_text(at)


def test_the_korean_page_asks_in_korean():
    at = open_app(PAGE, lang="ko")
    assert_no_errors(at)
    assert "문제 1:" in all_text(at)


def test_going_back_shows_each_exercises_own_answer():
    first, second = find("cell_update"), find("hidden_output")
    at = open_app(PAGE, ex_n=str(first))
    answer(at, 0.11)
    at.number_input(key="ex_n").set_value(second).run()
    answer(at, 0.77)
    at.number_input(key="ex_n").set_value(first).run()
    assert_no_errors(at)
    (shown,) = [w.value for w in at.text_input if w.key.startswith("ex_frozen")]
    assert shown == "0.11"
    assert "your answer 0.110" in at.warning[0].value


def test_a_pulse_answer_too_late_names_the_first_step_below_the_line():
    at, ex = open_exercise("pulse_decay")
    late = int(ex.answer) + 2
    answer(at, late)
    h_first = ex.curves["h"][int(ex.answer) - 1]
    text = all_text(at)
    assert f"already below 0.1 at step {int(ex.answer)} ({h_first:.3f})" in text
    assert f"so step {late} is not the first one" in text
