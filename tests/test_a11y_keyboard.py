"""Keyboard and typed numbers: the stepper's step and play buttons carry keyboard shortcuts, and a
slider that sets a number has a field where the number can be typed (AppTest)."""

import pytest

from lstm_ui.widgets import NEXT_KEY, PREV_KEY

from apptest_support import assert_no_errors, open_app


def test_the_stepper_buttons_have_keyboard_shortcuts_and_still_step():
    at = open_app("pages/sequence_stepper.py")
    assert at.button(key="sq_prev").proto.shortcut == PREV_KEY.lower()
    assert at.button(key="sq_next").proto.shortcut == NEXT_KEY.lower()
    assert at.button(key="sq_play").proto.shortcut == "shift+p"  # ▶ Play / ‖ Pause
    at.button(key="sq_next").click().run()
    at.button(key="sq_next").click().run()
    assert at.slider(key="sq_t").value == 2


def test_typing_a_forget_gate_moves_its_slider_and_back():
    at = open_app("pages/misconceptions.py")
    at.number_input(key="mc_keep_f__typed").set_value(0.3).run()
    assert_no_errors(at)
    assert at.slider(key="mc_keep_f").value == pytest.approx(0.3)
    # and the other way: the slider's value shows in the field
    at.slider(key="mc_keep_f").set_value(0.8).run()
    assert at.number_input(key="mc_keep_f__typed").value == pytest.approx(0.8)


def test_every_number_slider_of_the_misconceptions_page_has_a_typed_field():
    at = open_app("pages/misconceptions.py")
    typed = {n.key for n in at.number_input if n.key and n.key.endswith("__typed")}
    floats = {s.key for s in at.slider if isinstance(s.value, float)}
    assert floats and {key + "__typed" for key in floats} <= typed
