"""Typed numbers (issue 21): the sidebar's "Type numbers" switch turns every number slider into
a number field and every select_slider over numbers into a selectbox, with the same session key,
bounds and step, and the value survives switching both ways and page switches (AppTest)."""

import pytest
from streamlit.testing.v1 import AppTest

from lstm_ui import widgets

from apptest_support import TIMEOUT_S, assert_no_errors, open_app


def raw_swap_script():
    """A slider and a number field with the same key, as a toggle chooses; no carry-over."""
    import streamlit as st

    if st.toggle("type", key="typing"):
        x = st.number_input("x", 0.0, 1.0, step=0.05, key="x", persist_state="session")
    else:
        x = st.slider("x", 0.0, 1.0, step=0.05, key="x", persist_state="session")
    st.text(repr(x))


def test_streamlit_starts_a_key_that_changes_widget_type_from_its_default():
    # Why widgets._carry_over exists: Streamlit 1.67 gives the number field a new widget id and
    # it starts at its default (0.0), not at the slider's value. If this starts failing,
    # Streamlit carries the value itself and _carry_over may go.
    at = AppTest.from_function(raw_swap_script, default_timeout=TIMEOUT_S).run()
    at.slider(key="x").set_value(0.3).run()
    assert at.text[0].value == "0.3"
    at.toggle(key="typing").set_value(True).run()
    assert at.text[0].value == "0.0"


def swap_script():
    """number_slider / number_choice under the app's preference, and what they return."""
    import streamlit as st

    from lstm_ui import widgets

    st.sidebar.toggle("type", key=widgets.TYPING)
    f = widgets.number_slider("f", 0.0, 1.0, key="f", step=0.05, format="%.2f")
    n = widgets.number_slider("n", 1, 10, key="n")
    k = widgets.number_choice("k", [1, 2, 5, 10], key="k")
    st.text(f"{f!r} {n!r} {k!r}")


def shown(at: AppTest) -> str:
    """What the script's widgets returned (AppTest's widget .value can read session state by
    key, so the script's own return values are what these tests compare)."""
    return at.text[0].value


def test_number_widgets_keep_their_values_switching_both_ways():
    at = AppTest.from_function(swap_script, default_timeout=TIMEOUT_S).run()
    at.slider(key="f").set_value(0.3)
    at.slider(key="n").set_value(7)
    at.select_slider(key="k").set_value(5).run()
    assert shown(at) == "0.3 7 5"

    at.toggle(key=widgets.TYPING).set_value(True).run()
    assert not at.slider and not at.select_slider
    assert (at.number_input(key="f").value, at.number_input(key="n").value) == (0.3, 7)
    assert at.selectbox(key="k").value == 5
    assert shown(at) == "0.3 7 5"

    at.number_input(key="f").set_value(0.65)
    at.number_input(key="n").set_value(3)
    at.selectbox(key="k").set_value(10).run()
    assert shown(at) == "0.65 3 10"

    at.toggle(key=widgets.TYPING).set_value(False).run()
    assert not at.number_input and not at.selectbox
    assert (at.slider(key="f").value, at.slider(key="n").value) == (0.65, 3)
    assert at.select_slider(key="k").value == 10
    at.run()  # and it stays on the next run
    assert shown(at) == "0.65 3 10"


def test_the_field_has_the_slider_bounds_step_format_and_number_type():
    at = AppTest.from_function(swap_script, default_timeout=TIMEOUT_S).run()
    at.toggle(key=widgets.TYPING).set_value(True).run()
    f, n = at.number_input(key="f"), at.number_input(key="n")
    assert (f.proto.min, f.proto.max, f.step, f.proto.format) == (0.0, 1.0, 0.05, "%.2f")
    assert (n.proto.min, n.proto.max, n.step, n.proto.data_type) == (1, 10, 1, n.proto.INT)
    assert isinstance(n.value, int) and isinstance(f.value, float)
    assert at.selectbox(key="k").options == ["1", "2", "5", "10"]


def test_a_value_outside_the_bounds_gets_streamlits_reset_and_no_traceback():
    # The browser's field refuses it (tests/test_browser_typed_numbers.py); a forged value
    # falls back to the field's default, the lower bound, and the script keeps running.
    at = AppTest.from_function(swap_script, default_timeout=TIMEOUT_S).run()
    at.toggle(key=widgets.TYPING).set_value(True).run()
    at.number_input(key="n").set_value(99).run()
    assert not at.exception
    assert at.number_input(key="n").value == 1
    assert shown(at) == "0.0 1 1"


# --- the app's preference ----------------------------------------------------------------------


def test_the_switch_sits_under_the_language_switch_and_is_off_by_default():
    at = open_app()
    assert_no_errors(at)
    assert at.toggle(key=widgets.TYPING).value is False
    assert widgets.TYPING not in at.query_params
    sidebar = [getattr(el, "key", None) for el in at.sidebar]
    assert sidebar.index(widgets.TYPING) == sidebar.index("lang") + 1


def test_type_1_in_the_url_turns_it_on_and_the_switch_writes_it():
    at = open_app("pages/misconceptions.py", type="1")
    assert_no_errors(at)
    assert at.toggle(key=widgets.TYPING).value is True
    assert at.query_params[widgets.TYPING] == "1"
    assert not at.warning  # "type" is an app key on every page, not an unknown setting
    at.toggle(key=widgets.TYPING).set_value(False).run()
    assert widgets.TYPING not in at.query_params
    assert at.slider(key="mc_keep_f")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_bad_type_value_says_so_and_shows_sliders(lang):
    at = open_app(type="yes", lang=lang)
    assert_no_errors(at)
    assert at.session_state[widgets.TYPING] is False
    assert any("type=1" in w.value for w in at.warning)


def test_the_preference_and_the_values_survive_page_switches():
    at = open_app("pages/misconceptions.py")
    at.slider(key="mc_keep_f").set_value(0.3).run()
    at.switch_page("pages/home.py").run()
    at.toggle(key=widgets.TYPING).set_value(True).run()  # switched on another page
    at.switch_page("pages/misconceptions.py").run()
    assert_no_errors(at)
    assert at.number_input(key="mc_keep_f").value == pytest.approx(0.3)
    at.number_input(key="mc_keep_f").set_value(0.55).run()
    at.switch_page("pages/home.py").run()
    at.toggle(key=widgets.TYPING).set_value(False).run()
    at.switch_page("pages/misconceptions.py").run()
    assert at.slider(key="mc_keep_f").value == pytest.approx(0.55)
    assert at.toggle(key=widgets.TYPING).value is False


def test_the_student_link_leaves_out_the_teachers_preference():
    at = open_app("pages/misconceptions.py", present="1", type="1")
    at.number_input(key="mc_keep_f").set_value(0.45).run()  # the default is 0.3
    (link,) = [el.value for el in at.get("code")]
    assert "mc_keep_f=0.45" in link and "type" not in link and "present" not in link


def test_presenter_mode_still_works_with_typed_numbers():
    at = open_app("pages/misconceptions.py", present="1", type="1")
    assert_no_errors(at)
    assert not at.slider and at.number_input(key="mc_keep_f")
    at.number_input(key="mc_keep_f").set_value(0.4).run()
    assert_no_errors(at)
    assert at.session_state["mc_keep_f"] == pytest.approx(0.4)
