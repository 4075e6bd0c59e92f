"""Typed numbers on every page (issue 21, AppTest): with `?type=1` no number slider is left,
each slider's key is a number field or a selectbox, and typing a value changes the page exactly
as sliding to it does."""

import json

import pytest

from lstm_ui.widgets import TYPING

from apptest_support import all_text, assert_no_errors, open_app, plotly_figures, svg_diagrams

PAGES = [
    "pages/home.py",
    "pages/gate_anatomy.py",
    "pages/sequence_stepper.py",
    "pages/backprop.py",
    "pages/vanishing_gradients.py",
    "pages/training_lab.py",
    "pages/exercises.py",
    "pages/misconceptions.py",
]
# States that show more sliders than a page's first view (the peephole sliders, the training
# task with a length T).
MORE_STATES = [
    ("pages/gate_anatomy.py", {"an_variant": "peephole"}),
    ("pages/gate_anatomy.py", {"an_H": "2", "an_D": "2"}),
    ("pages/training_lab.py", {"tr_task": "adding"}),
]


def slider_keys(at) -> set[str]:
    return {s.key for s in at.slider} | {s.key for s in at.select_slider}


def field_keys(at) -> set[str]:
    return {n.key for n in at.number_input} | {s.key for s in at.selectbox}


def open_with(page: str, query: dict, typing: bool):
    at = open_app(**({"type": "1"} if typing else {}), **query)
    at.switch_page(page).run()  # the query is read on the page's first run
    return at


@pytest.mark.parametrize(
    ("page", "query"), [(p, {}) for p in PAGES] + MORE_STATES, ids=lambda v: str(v)
)
def test_no_number_slider_is_left_and_every_one_is_a_field(page, query):
    sliding = open_with(page, query, typing=False)
    typing = open_with(page, query, typing=True)
    assert_no_errors(typing)
    assert not slider_keys(typing)
    assert slider_keys(sliding) <= field_keys(typing)


def test_the_extra_states_do_show_more_sliders():
    # so the cases above test the peephole, 2 x 2 and task-length sliders, not a first view
    assert {"an_peep_i", "an_peep_f", "an_peep_o"} <= slider_keys(
        open_with("pages/gate_anatomy.py", {"an_variant": "peephole"}, typing=False)
    )
    assert {"an_x_1", "an_h_1"} <= slider_keys(
        open_with("pages/gate_anatomy.py", {"an_H": "2", "an_D": "2"}, typing=False)
    )
    assert "tr_T" in slider_keys(open_with("pages/training_lab.py", {"tr_task": "adding"}, False))


def result(at) -> str:
    """What the page shows from its settings: figures, diagrams, texts, metrics, tables and
    the settings in the URL (the training lab shows its settings there until it trains)."""
    tables = [el.value.to_json() for el in at.dataframe]
    metrics = [(m.label, m.value) for m in at.metric]
    shown = [plotly_figures(at), svg_diagrams(at), all_text(at), metrics, tables]
    query = {k: v for k, v in at.query_params.items() if k != TYPING}
    return json.dumps([shown, query], sort_keys=True, default=str)


# (page, query, key, value): a setting and a value whose change shows in the page's results.
CHANGES = [
    ("pages/gate_anatomy.py", {}, "an_c_0", 1.5),
    ("pages/gate_anatomy.py", {}, "an_params_W_f", -2.0),  # the 1 x 1 weight editor
    ("pages/gate_anatomy.py", {}, "an_H", 3),
    ("pages/gate_anatomy.py", {"an_variant": "peephole"}, "an_peep_f", 1.25),
    ("pages/sequence_stepper.py", {}, "sq_H", 4),
    ("pages/sequence_stepper.py", {}, "sq_T", 20),
    ("pages/sequence_stepper.py", {}, "sq_fb", "-1"),
    ("pages/sequence_stepper.py", {}, "sq_t", 7),  # the step row's slider
    ("pages/vanishing_gradients.py", {}, "gr_scale", 1.25),
    ("pages/vanishing_gradients.py", {}, "gr_T", "50"),
    ("pages/backprop.py", {}, "bp_k", 4),
    ("pages/backprop.py", {}, "bp_fb", -1.0),
    ("pages/training_lab.py", {}, "tr_H", 5),
    ("pages/training_lab.py", {}, "tr_noise", 0.35),
    ("pages/misconceptions.py", {}, "mc_keep_f", 0.45),
    ("pages/misconceptions.py", {}, "mc_T", 37),
    ("pages/misconceptions.py", {}, "mc_K", "200"),
]


def set_by_slider(at, key, value):
    widget = at.slider(key=key) if isinstance(value, (int, float)) else at.select_slider(key=key)
    widget.set_value(value).run()


def set_by_typing(at, key, value):
    widget = at.number_input(key=key) if isinstance(value, (int, float)) else at.selectbox(key=key)
    widget.set_value(value).run()


@pytest.mark.parametrize(("page", "query", "key", "value"), CHANGES, ids=lambda v: str(v))
def test_typing_a_value_changes_the_page_as_sliding_to_it_does(page, query, key, value):
    sliding = open_with(page, query, typing=False)
    before = result(sliding)
    set_by_slider(sliding, key, value)
    typing = open_with(page, query, typing=True)
    set_by_typing(typing, key, value)
    assert_no_errors(typing)
    assert typing.session_state[key] == value
    assert result(typing) == result(sliding) != before


@pytest.mark.parametrize(
    ("page", "key", "value"),
    [
        ("pages/gate_anatomy.py", "an_H", 3),
        ("pages/gate_anatomy.py", "an_c_0", 1.5),
        ("pages/sequence_stepper.py", "sq_fb", "-1"),
        ("pages/backprop.py", "bp_k", 4),
        ("pages/training_lab.py", "tr_H", 5),
    ],
)
def test_switching_the_preference_off_and_on_keeps_the_values(page, key, value):
    at = open_with(page, {}, typing=True)
    set_by_typing(at, key, value)
    typed = result(at)
    at.toggle(key=TYPING).set_value(False).run()
    assert_no_errors(at)
    assert at.session_state[key] == value
    assert result(at) == typed
    at.toggle(key=TYPING).set_value(True).run()
    assert at.session_state[key] == value
    assert result(at) == typed


@pytest.mark.parametrize("page", ["pages/gate_anatomy.py", "pages/backprop.py"])
def test_presenter_mode_with_typed_numbers(page):
    at = open_app(present="1", type="1")
    at.switch_page(page).run()
    assert_no_errors(at)
    assert not at.slider and at.number_input
