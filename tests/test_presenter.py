"""Presenter mode through AppTest: read from ?present=, kept in the URL, secondary controls
wrapped for hiding, and a link for students that carries the page's settings but not
presenter mode."""

import pytest

from lstm_ui.presenter import HIDDEN_PREFIX, STYLE

from apptest_support import assert_no_errors, open_app


def styles(at) -> list[str]:
    return [el.proto.body.strip() for el in at.get("html")]


def student_link(at) -> str:
    (code,) = [el.value for el in at.get("code")]
    return code


def test_present_1_turns_it_on_styles_the_page_and_stays_in_the_url():
    at = open_app("pages/gate_anatomy.py", present="1")
    assert_no_errors(at)
    assert at.session_state["present"] is True
    assert at.toggle(key="present").value is True
    assert STYLE.strip() in styles(at)
    assert at.query_params["present"] == "1"


def test_without_present_the_page_is_plain():
    at = open_app("pages/gate_anatomy.py")
    assert_no_errors(at)
    assert at.session_state["present"] is False
    assert STYLE.strip() not in styles(at)
    assert "present" not in at.query_params


def test_the_student_link_has_the_settings_but_not_presenter_mode():
    at = open_app("pages/gate_anatomy.py", present="1", an_scenario="keep_30", lang="ko")
    assert_no_errors(at)
    link = student_link(at)
    assert "an_scenario=keep_30" in link and "lang=ko" in link
    assert "present" not in link


def test_the_link_follows_a_change_made_on_this_run():
    at = open_app("pages/exercises.py", present="1")
    at.button(key="ex_next").click()
    at.run()
    assert_no_errors(at)
    assert "ex_n=2" in student_link(at)


def test_turning_it_off_removes_it_from_the_url():
    at = open_app("pages/home.py", present="1")
    at.toggle(key="present").set_value(False)
    at.run()
    assert_no_errors(at)
    assert "present" not in at.query_params
    assert STYLE.strip() not in styles(at)


def test_a_bad_present_value_says_so_and_leaves_it_off():
    at = open_app(present="yes please")  # the home page, on the session's first run
    assert_no_errors(at)
    assert at.session_state["present"] is False
    assert any("present=1" in w.value for w in at.warning)


def block_ids(node) -> list[str]:
    """The ids of every block under node (a container's id ends with its key)."""
    ids = [str(node.proto.id)] if hasattr(getattr(node, "proto", None), "id") else []
    for child in getattr(node, "children", {}).values():
        ids += block_ids(child)
    return ids


@pytest.mark.parametrize(
    ("page", "hidden"),
    [
        ("pages/home.py", ["home_tagline", "home_preview_title"]),
        ("pages/exercises.py", ["exercise_intro", "exercise_set"]),
        ("pages/misconceptions.py", ["misconceptions_intro"]),
        (
            "pages/gate_anatomy.py",
            ["anatomy_intro", "anatomy_diagram_title", "anatomy_download", "anatomy_weights"],
        ),
        ("pages/sequence_stepper.py", ["stepper_intro", "stepper_model", "stepper_downloads"]),
        (
            "pages/vanishing_gradients.py",
            ["gradients_intro", "gradients_main_title", "gradients_clipping"],
        ),
        ("pages/training_lab.py", ["training_intro", "training_more"]),
    ],
)
def test_each_page_wraps_its_secondary_controls_for_hiding(page, hidden):
    at = open_app(page, present="1")
    assert_no_errors(at)
    ids = [i for i in block_ids(at._tree) if HIDDEN_PREFIX in i]
    assert sorted(i.split("-")[-1] for i in ids) == sorted(HIDDEN_PREFIX + h for h in hidden)


def test_hidden_controls_keep_their_values():
    at = open_app("pages/exercises.py", present="1", ex_seed="7")
    assert at.number_input(key="ex_seed").value == 7  # still there, hidden by CSS only


def test_presenter_mode_draws_the_charts_larger():
    from lstm_ui.charts import FONT_SCALE
    from lstm_viz.theme import FONT

    from apptest_support import plotly_figures

    plain = plotly_figures(open_app("pages/exercises.py"))[0]["layout"]
    presenting = plotly_figures(open_app("pages/exercises.py", present="1"))[0]["layout"]
    assert plain["font"]["size"] == FONT["size"]
    assert presenting["font"]["size"] == FONT["size"] * FONT_SCALE
    assert presenting["height"] > plain["height"]


def test_a_cached_figure_is_enlarged_for_the_presenter_only():
    from lstm_ui.charts import FONT_SCALE
    from lstm_viz.theme import PRESENTER_MIN_PX

    from apptest_support import font_sizes, plotly_figures

    # the same scenario, so both sessions get the one bar chart cached for it
    presenting = plotly_figures(open_app("pages/gate_anatomy.py", present="1"))[0]["layout"]
    plain = plotly_figures(open_app("pages/gate_anatomy.py"))[0]["layout"]

    small, big = font_sizes(plain), font_sizes(presenting)
    assert small and all(
        big[where] == max(size * FONT_SCALE, PRESENTER_MIN_PX) for where, size in small.items()
    )
    assert plain["height"] < presenting["height"]


def test_a_localhost_link_is_recognised_as_this_machine_only():
    from lstm_ui.presenter import only_this_machine

    assert only_this_machine("http://localhost:8501/gate_anatomy?an_H=2")
    assert only_this_machine("http://127.0.0.1:8501/")
    assert not only_this_machine("http://192.168.0.10:8501/gate_anatomy")
    assert not only_this_machine("https://lstm.example.edu/")
    assert not only_this_machine("?an_H=2")  # no address known (AppTest): nothing to warn about
