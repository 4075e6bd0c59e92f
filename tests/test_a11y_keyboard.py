"""Keyboard and typed numbers: the stepper's step and play buttons carry keyboard shortcuts, and a
slider that sets a number has a field where the number can be typed (AppTest)."""

import pytest
from player_support import player_elements

from lstm_ui.player import key_of
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


def test_while_playing_the_players_buttons_keep_the_same_shortcuts_and_hints():
    at = open_app("pages/sequence_stepper.py")
    at.button(key="sq_play").click().run()
    buttons = player_elements(at)
    keys = [(buttons[k]["key"], buttons[k]["kbd"]) for k in ("sq_prev_playing", "sq_pause")]
    assert keys == [("ArrowLeft", "Shift + ←"), ("P", "Shift + P")]
    assert buttons["sq_next_playing"]["kbd_label"] == "Shortcut Shift + →"  # as Streamlit says
    assert key_of(NEXT_KEY) == ("ArrowRight", "Shift + →")
    with pytest.raises(ValueError, match="not a Shift shortcut"):
        key_of("Ctrl+Left")


def test_typing_a_forget_gate_sets_the_same_value_the_slider_does():
    # the sidebar's "Type numbers" switch turns the slider into a field with the same key
    at = open_app("pages/misconceptions.py", type="1")
    assert not [s for s in at.slider if s.key == "mc_keep_f"]
    at.number_input(key="mc_keep_f").set_value(0.3).run()
    assert_no_errors(at)
    assert at.session_state["mc_keep_f"] == pytest.approx(0.3)
    # and back to sliders: the slider shows the typed value
    at.toggle(key="type").set_value(False).run()
    assert at.slider(key="mc_keep_f").value == pytest.approx(0.3)
    at.slider(key="mc_keep_f").set_value(0.8).run()
    at.toggle(key="type").set_value(True).run()
    assert at.number_input(key="mc_keep_f").value == pytest.approx(0.8)


def test_every_number_slider_of_the_misconceptions_page_becomes_a_field():
    sliders = open_app("pages/misconceptions.py")
    keys = {s.key for s in sliders.slider} | {s.key for s in sliders.select_slider}
    assert {"mc_T", "mc_H", "mc_keep_f", "mc_bf", "mc_K"} <= keys
    typed = open_app("pages/misconceptions.py", type="1")
    assert not typed.slider and not typed.select_slider
    fields = {n.key for n in typed.number_input} | {n.key for n in typed.selectbox}
    assert keys <= fields
