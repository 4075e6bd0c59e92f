"""Lessons in the app (AppTest): every stop of every shipped lesson opens cleanly in both
languages and shows the numbers its prompt quotes; a stop opened within a session equals a fresh
visit to its link; bad links and bad uploads get a message; a lesson built from the pages'
states downloads as a file that opens again."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from lstm_ui.lessons import DRAFT, FOLDER, page_rules
from lstm_viz.lessons import Lesson, Text, lesson_id, lesson_toml, parse_lesson

from apptest_support import TIMEOUT_S, all_text, assert_no_errors, latex_lines, open_page
from conftest import ROOT

SHIPPED = {
    lesson_id(path.name): parse_lesson(path.read_bytes(), page_rules())
    for path in sorted(FOLDER.glob("*.toml"))
}
STOPS = [(name, k) for name, lesson in SHIPPED.items() for k in range(len(lesson.stops))]
BUILT_IN = "why_lstms_remember"


def open_link(**query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def page_text(at: AppTest) -> str:
    """Everything a student can read on the page: text, formulas, metrics, tables."""
    parts = [all_text(at), *latex_lines(at)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [df.value.round(4).to_string() for df in at.dataframe]
    parts += [str(el.value) for el in at.get("success")]
    return "\n".join(parts)


def bar_text(at: AppTest) -> str:
    return next(m.value for m in at.markdown if re.match(r"\*\*(Stop|장면) \d+", m.value))


def quoted_numbers(prompt: str) -> list[str]:
    """The decimal numbers a prompt quotes (0.954, 2.01, 0.00239), which the page must show."""
    return re.findall(r"(?<![\d^{])\d+\.\d+", prompt)


@pytest.mark.parametrize(("name", "k"), STOPS, ids=[f"{n}-{k + 1}" for n, k in STOPS])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_stop_opens_without_error_or_url_warning(name, k, lang):
    at = open_link(lesson=name, stop=str(k + 1), lang=lang)
    assert_no_errors(at)
    assert not at.warning, [w.value for w in at.warning]
    stop = SHIPPED[name].stops[k]
    assert at.query_params["lesson"] == name and at.query_params["stop"] == str(k + 1)
    # The page's own URL now holds the stop's state (defaults are left out of the URL).
    for key, value in stop.state:
        assert at.query_params.get(key, value) == value, key
    assert stop.prompt.get(lang) in bar_text(at)
    counter = f"Stop {k + 1} of" if lang == "en" else f"장면 {k + 1} /"
    assert counter in bar_text(at)
    shown = page_text(at)
    for number in quoted_numbers(stop.prompt.get(lang)):
        assert number in shown, f"stop {k + 1} quotes {number}, which the page does not show"


def test_the_prompts_quote_the_pages_numbers_in_both_languages_alike():
    for lesson in SHIPPED.values():
        for stop in lesson.stops:
            assert quoted_numbers(stop.prompt.en) == quoted_numbers(stop.prompt.ko), stop.prompt.en


def test_next_and_previous_move_between_stops_and_pages():
    at = open_link(lesson=BUILT_IN, stop="1")
    assert [t.value for t in at.title] == ["LSTM Gate Lab"]
    at.button(key="lesson_next").click().run()
    assert_no_errors(at)
    assert at.title[0].value == "Vanishing gradients"
    assert at.metric[0].value == "48"
    at.button(key="lesson_next").click().run()
    assert at.metric[0].value == "10" and at.query_params["gr_scale"] == "0.5"
    at.button(key="lesson_prev").click().run()
    assert at.metric[0].value == "48" and "gr_scale" not in at.query_params
    assert at.query_params["stop"] == "2"
    assert at.button(key="lesson_prev").disabled is False
    at.button(key="lesson_prev").click().run()
    assert at.button(key="lesson_prev").disabled is True


def test_a_stop_opened_within_a_session_shows_what_a_fresh_visit_shows():
    """The page's widgets and weights from an earlier visit are forgotten, not carried over."""
    stop = 8  # anatomy, keep_30
    fresh = page_text(open_link(lesson=BUILT_IN, stop=str(stop)))
    at = open_page("pages/gate_anatomy.py")
    at.slider(key="an_H").set_value(3).run()
    at.button(key="an_apply_write").click().run()
    assert "0.600" not in page_text(at)
    at.session_state["lesson_pending"] = (BUILT_IN, stop - 1)
    at.run()
    assert_no_errors(at)
    assert at.session_state["an_H"] == 1
    assert page_text(at).replace(bar_text(at), "") == fresh.replace(bar_text(at), "")


def test_a_stop_resets_only_its_own_page_and_keeps_a_students_answers():
    at = open_link(lesson=BUILT_IN, stop="2")
    at.slider(key="gr_scale").set_value(1.2).run()
    answers = {"1:2": {"response": 0.5, "correct": False}}  # exercise 2 of set 1, answered
    at.session_state["ex_answers"] = answers
    at.session_state["lesson_pending"] = (BUILT_IN, 18)  # the exercise (the last stop)
    at.run()
    assert_no_errors(at)
    assert at.title[0].value == "Exercises"
    assert at.session_state["gr_scale"] == 1.2  # another page's setting stays
    assert at.session_state["ex_answers"] == answers
    assert at.metric[0].value == "0 / 1"  # the score still counts it


def test_restart_puts_a_changed_page_back_to_its_stop():
    at = open_link(lesson=BUILT_IN, stop="2")
    at.slider(key="gr_scale").set_value(1.2).run()
    assert at.metric[0].value != "48"
    at.button(key="lesson_restart").click().run()
    assert at.metric[0].value == "48" and at.session_state["gr_scale"] == 0.9


def test_leaving_the_stop_keeps_the_lesson_open_and_in_the_url():
    at = open_link(lesson=BUILT_IN, stop="7")
    at.switch_page("pages/home.py").run()
    assert_no_errors(at)
    assert at.query_params["lesson"] == BUILT_IN and at.query_params["stop"] == "7"
    at.button(key="lesson_close").click().run()
    assert "lesson" not in at.query_params and "stop" not in at.query_params
    assert all(b.key != "lesson_next" for b in at.button)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"lesson": "nope"}, "There is no lesson `nope`"),
        ({"stop": "3"}, "names a stop but no lesson"),
        ({"lesson": BUILT_IN, "stop": "99"}, "`stop` = 99 is outside [1, 19]; using 19"),
        ({"lesson": BUILT_IN, "stop": "x"}, "`stop` = `x` is not a number"),
    ],
)
def test_bad_lesson_links_get_a_message_and_the_app_works(query, message):
    at = open_link(**query)
    assert_no_errors(at)
    assert any(message in w.value for w in at.warning), [w.value for w in at.warning]


def test_a_bad_uploaded_lesson_names_the_line_and_the_app_keeps_working():
    at = open_link()
    bad = b"title = 'x'\n\n[[stops]]\npage = 'gate_anatomy'\nstate = { an_H = 9 }\nprompt = 'p'\n"
    at.file_uploader(key="lesson_file").set_value(("mine.toml", bad, "application/toml")).run()
    assert_no_errors(at)
    (warning,) = at.warning
    assert "`mine.toml` is not a usable lesson" in warning.value
    assert "line 5, stop 1: `an_H` = 9 is outside [1, 4]" in warning.value
    assert [t.value for t in at.title] == ["LSTM Gate Lab"]


def test_an_uploaded_lesson_opens_and_presents():
    at = open_link(lang="ko")
    good = (
        "title = { en = 'Mine' }\n[[stops]]\npage = 'vanishing_gradients'\n"
        "state = { gr_scale = 0.5 }\nprompt = { ko = '보세요' }\n"
    ).encode()
    at.file_uploader(key="lesson_file").set_value(("mine.toml", good, "application/toml")).run()
    assert at.session_state["lesson_choice"] == "mine"
    at.button(key="lesson_start").click().run()
    assert_no_errors(at)
    assert at.metric[0].value == "10"
    assert "보세요" in bar_text(at) and "장면 1 / 1" in bar_text(at)


def test_save_this_state_as_a_stop_then_download_a_file_that_opens_again():
    at = open_page("pages/vanishing_gradients.py")
    at.slider(key="gr_scale").set_value(1.5).run()
    at.button(key="lesson_save").click().run()
    assert "Write a prompt first" in all_text(at)
    at.text_area(key="lesson_prompt").input("What grows?").run()
    at.button(key="lesson_save").click().run()
    at.switch_page("pages/gate_anatomy.py").run()
    at.button(key="an_apply_hide").click().run()
    at.text_area(key="lesson_prompt").input("o ≈ 0: the LSTM's memory is hidden").run()
    at.button(key="lesson_save").click().run()
    assert_no_errors(at)
    assert "Your lesson: 2 stops." in all_text(at)
    assert at.get("download_button")
    # The download holds lesson_toml of the draft (the builder checked that it reads back).
    draft = Lesson(Text(en="My lesson"), tuple(at.session_state[DRAFT]))
    lesson = parse_lesson(lesson_toml(draft), page_rules())
    first, second = lesson.stops
    assert (first.page, first.query(), first.prompt.en) == (
        "vanishing_gradients",
        {"gr_scale": "1.5"},
        "What grows?",
    )
    assert (second.page, second.query()) == ("gate_anatomy", {"an_scenario": "hide"})
    at.button(key="lesson_present").click().run()
    assert_no_errors(at)
    assert at.title[0].value == "Vanishing gradients" and at.session_state["gr_scale"] == 1.5


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("empty.toml", b"", "the lesson has no `title`"),
        ("noise.toml", bytes(range(256)) * 4, "the file is not UTF-8 text (byte 128)"),
        ("big.toml", b"# " + b"x" * 70_000, "a lesson may have at most 65536"),
        ("pickle.toml", b"\x80\x04\x95\x05\x00\x00\x00", "not UTF-8"),
        ("deep.toml", b"x = " + b"[" * 30_000, "this is not valid TOML"),
    ],
)
def test_hostile_lesson_uploads_get_a_message(name, data, words):
    at = open_link()
    at.file_uploader(key="lesson_file").set_value((name, data, "application/toml")).run()
    assert_no_errors(at)
    assert any(words in w.value for w in at.warning), [w.value for w in at.warning]
    assert at.session_state["lesson_choice"] == BUILT_IN


def test_the_readme_example_is_a_valid_lesson():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    lesson = parse_lesson(example, page_rules())
    assert lesson.stops[0].query() == {"gr_scale": "1.5", "gr_T": "500", "gr_input": "pulse"}
