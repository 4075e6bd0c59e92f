"""Lesson files: read, checked against the pages' URL rules, written back; bad files of every
kind give LessonError naming the line and the stop, and nothing else."""

import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lstm_ui.lessons import FOLDER, page_rules
from lstm_ui.url_state import Param
from lstm_viz.lessons import (
    MAX_FILE_BYTES,
    Lesson,
    LessonError,
    PageRules,
    Stop,
    Text,
    lesson_id,
    lesson_toml,
    parse_lesson,
)

# A small stand-in for the app's pages, so these tests do not depend on the pages' limits.
RULES = {
    "home": PageRules(),
    "gradients": PageRules(
        (
            Param("gr_T", "choice", "100", choices=("10", "100", "500")),
            Param("gr_H", "int", 16, lo=1, hi=64),
            Param("gr_scale", "float", 0.9, lo=0.5, hi=2.0),
        )
    ),
    "anatomy": PageRules((Param("an_H", "int", 1, lo=1, hi=4),), frozenset({"an_scenario"})),
}

GOOD = """\
title = { en = 'Test', ko = '시험' }

[[stops]]
page = 'gradients'
state = { gr_T = '500', gr_H = 8, gr_scale = 1.5 }
prompt = { en = 'Look.', ko = '보세요.' }

[[stops]]
page = 'anatomy'
state = { an_scenario = 'remember' }
prompt = 'Both'
"""


def problems(text: str | bytes, rules=RULES) -> list:
    with pytest.raises(LessonError) as caught:
        parse_lesson(text, rules)
    return list(caught.value.problems)


def test_a_good_file_reads_into_stops_with_url_values():
    lesson = parse_lesson(GOOD, RULES)
    assert lesson.title == Text("Test", "시험")
    first, second = lesson.stops
    assert first.page == "gradients"
    assert first.query() == {"gr_T": "500", "gr_H": "8", "gr_scale": "1.5"}
    assert second.prompt.get("ko") == second.prompt.get("en") == "Both"


def test_a_prompt_in_one_language_serves_both():
    text = GOOD.replace("prompt = 'Both'", "prompt.ko = '한국어만'")
    stop = parse_lesson(text, RULES).stops[1]
    assert stop.prompt.get("en") == stop.prompt.get("ko") == "한국어만"


def test_unknown_page_names_its_line_and_stop():
    (problem,) = problems(GOOD.replace("page = 'anatomy'", "page = 'backprop'"))
    assert (problem.key, problem.line, problem.stop) == ("unknown_page", 9, 2)
    assert problem.text("en").startswith("line 9, stop 2: there is no page `backprop`")
    assert "9번째 줄, 장면 2" in problem.text("ko")


def test_a_key_the_page_does_not_have_is_named_with_the_pages_keys():
    (problem,) = problems(GOOD.replace("gr_H = 8", "an_H = 2"))
    assert (problem.key, problem.line, problem.stop) == ("unknown_key", 5, 1)
    assert "gr_T, gr_H, gr_scale" in problem.text("en")


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ("gr_scale = 2.5", "out_of_range"),
        ("gr_scale = 0.25", "out_of_range"),
        ("gr_scale = nan", "not_a_number"),
        ("gr_scale = inf", "not_a_number"),
        ("gr_scale = 'big'", "not_a_number"),
        ("gr_scale = true", "bad_type"),
        ("gr_scale = [1, 2]", "bad_type"),
        ("gr_scale = 1979-05-27", "bad_type"),
    ],
)
def test_bad_float_values_are_refused_not_clamped(change, key):
    (problem,) = problems(GOOD.replace("gr_scale = 1.5", change))
    assert (problem.key, problem.stop, problem.line) == (key, 1, 5)


def test_int_and_choice_values_are_checked_with_the_pages_params():
    assert problems(GOOD.replace("gr_H = 8", "gr_H = 8.5"))[0].key == "not_an_integer"
    assert problems(GOOD.replace("gr_H = 8", "gr_H = 65"))[0].key == "out_of_range"
    assert problems(GOOD.replace("gr_T = '500'", "gr_T = '50'"))[0].key == "not_a_choice"
    # A choice may be written as a number: its URL form is what is checked.
    assert parse_lesson(GOOD.replace("gr_T = '500'", "gr_T = 500"), RULES).stops[0].query()[
        "gr_T"
    ] == ("500")
    # A whole float is a whole number: the URL holds 8.0, which the page reads as 8.
    assert parse_lesson(GOOD.replace("gr_H = 8", "gr_H = 8.0"), RULES).stops[0].query() == {
        "gr_T": "500",
        "gr_H": "8.0",
        "gr_scale": "1.5",
    }


def test_missing_prompt_page_title_and_stops_are_each_named():
    (problem,) = problems(GOOD.replace("prompt = 'Both'\n", ""))
    assert (problem.key, problem.stop, problem.line) == ("missing_prompt", 2, 8)
    assert problems(GOOD.replace("page = 'gradients'\n", ""))[0].key == "missing_page"
    assert problems(GOOD.replace("title = { en = 'Test', ko = '시험' }", ""))[0].key == (
        "missing_title"
    )
    assert problems("title = 'x'\n")[0].key == "no_stops"


def test_app_keys_and_unknown_keys_are_refused():
    for app_key in ("lang = 'ko'", "type = '1'"):  # the language, the typed-numbers switch
        keys = {p.key for p in problems(GOOD.replace("gr_H = 8", app_key))}
        assert keys == {"app_key"}
    assert problems(GOOD.replace("prompt = 'Both'", "prompt = 'Both'\nslide = 3"))[0].key == (
        "unknown_stop_key"
    )
    assert problems("version = 2\n" + GOOD)[0].key == "unknown_top_key"
    (problem,) = problems(GOOD.replace("prompt = 'Both'", "prompt = { en = 'x', fr = 'y' }"))
    assert problem.key == "bad_language"


def test_every_problem_in_a_file_is_reported_at_once():
    text = GOOD.replace("gr_H = 8", "gr_H = 0").replace("page = 'anatomy'", "page = 'x'")
    assert [(p.key, p.stop) for p in problems(text)] == [("out_of_range", 1), ("unknown_page", 2)]


def test_not_toml_names_the_line_tomllib_names():
    (problem,) = problems(GOOD.replace("page = 'anatomy'", "page = anatomy"))
    assert (problem.key, problem.line) == ("not_toml", 9)
    assert problem.text("en").startswith("line 9: this is not valid TOML")


def test_size_and_encoding_limits():
    assert problems(b"#" * (MAX_FILE_BYTES + 1))[0].key == "too_big"
    assert problems(b"title = '\xff'")[0].key == "not_utf8"
    assert problems("[" * 100_000)[0].key == "too_big"
    # Deep nesting inside the size limit: tomllib recurses; still only our error.
    assert problems("x = " + "[" * 30_000)[0].key == "not_toml"
    many = "title = 'x'\n" + "[[stops]]\npage = 'home'\nprompt = 'p'\n" * 61
    assert problems(many)[0].key == "too_many_stops"


# --- writing and reading back --------------------------------------------------------------------

TEXTS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80
).filter(lambda s: s.strip())
VALUES = st.one_of(
    st.sampled_from(["10", "100", "500"]).map(lambda v: ("gr_T", v)),
    st.integers(1, 64).map(lambda v: ("gr_H", str(v))),
    st.floats(0.5, 2.0).map(lambda v: ("gr_scale", repr(v))),
)


@st.composite
def lessons(draw) -> Lesson:
    def text() -> Text:
        en, ko = draw(st.one_of(st.none(), TEXTS)), draw(st.one_of(st.none(), TEXTS))
        return Text(en, ko) if en or ko else Text(en="x")

    stops = []
    for _ in range(draw(st.integers(1, 5))):
        if draw(st.booleans()):
            state = tuple(dict(draw(st.lists(VALUES, max_size=3))).items())
            stops.append(Stop("gradients", state, text()))
        else:
            stops.append(Stop("home", (), text()))
    return Lesson(text(), tuple(stops))


@settings(max_examples=300, deadline=None)
@given(lesson=lessons())
def test_a_written_lesson_reads_back_the_same(lesson):
    assert parse_lesson(lesson_toml(lesson, comment="a\nb"), RULES) == lesson


def test_the_writer_uses_literal_strings_and_bare_numbers():
    lesson = parse_lesson(GOOD, RULES)
    text = lesson_toml(lesson)
    assert "title = { en = 'Test', ko = '시험' }" in text
    assert "state = { gr_T = 500, gr_H = 8, gr_scale = 1.5 }" in text
    tricky = Text(en="the LSTM's cell", ko="줄\n바꿈 '''")
    written = lesson_toml(Lesson(tricky, (Stop("home", (), tricky),)))
    assert "'''\nthe LSTM's cell'''" in written
    assert tomllib.loads(written)["title"] == {"en": "the LSTM's cell", "ko": "줄\n바꿈 '''"}


# --- fuzzing: bad files raise LessonError and nothing else ---------------------------------------

FRAGMENTS = st.sampled_from(
    [
        "title = 'x'\n",
        "[[stops]]\n",
        "page = 'gradients'\n",
        "page = 'home'\n",
        "page = 3\n",
        "state = { gr_H = 8 }\n",
        "state = { gr_H = 1e400 }\n",
        "state = 'x'\n",
        "state = { gr_T = [1, {a = 2}] }\n",
        "prompt = 'p'\n",
        "prompt = { en = '' }\n",
        "prompt = {}\n",
        "stops = 3\n",
        "stops = [1, 'a', {}]\n",
        "title = { en = 1 }\n",
        "[stops]\n",
        "[title]\nen = 'a'\n",
        "state.gr_scale = -0.0\n",
        "\x00",
        "'''",
        "= =\n",
    ]
)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(parts=st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=12))
def test_fuzzed_text_raises_only_lesson_errors(parts):
    try:
        lesson = parse_lesson("".join(parts), RULES)
    except LessonError as err:
        assert err.problems
        for lang in ("en", "ko"):
            assert err.text(lang)
    else:
        assert lesson.stops


@settings(max_examples=300, deadline=None, derandomize=True)
@given(data=st.binary(max_size=300))
def test_fuzzed_bytes_raise_only_lesson_errors(data):
    try:
        parse_lesson(data, RULES)
    except LessonError as err:
        assert err.problems


@settings(max_examples=200, deadline=None, derandomize=True)
@given(lesson=lessons(), cut=st.integers(0, 400), junk=st.text(max_size=5))
def test_damaged_good_files_raise_only_lesson_errors(lesson, cut, junk):
    text = lesson_toml(lesson)
    damaged = text[:cut] + junk + text[cut + len(junk) :]
    try:
        parse_lesson(damaged, RULES)
    except LessonError:
        pass


# --- the shipped lessons -------------------------------------------------------------------------


def test_every_shipped_lesson_reads_against_the_real_pages_and_round_trips():
    files = sorted(FOLDER.glob("*.toml"))
    assert [f.name for f in files][:1] and "why_lstms_remember.toml" in [f.name for f in files]
    for path in files:
        lesson = parse_lesson(path.read_bytes(), page_rules())
        assert parse_lesson(lesson_toml(lesson), page_rules()) == lesson
        for stop in lesson.stops:
            assert stop.prompt.en and stop.prompt.ko, (path.name, stop.page)


def test_the_built_in_lesson_has_12_to_20_stops_in_both_languages():
    lesson = parse_lesson((FOLDER / "why_lstms_remember.toml").read_bytes(), page_rules())
    assert 12 <= len(lesson.stops) <= 20
    assert lesson.title.en == "Why LSTMs remember" and lesson.title.ko


def test_lesson_ids_are_safe_url_names():
    assert lesson_id("Why LSTMs remember.toml") == "why_lstms_remember"
    assert lesson_id("../../etc/passwd") == "passwd"
    assert lesson_id("C:\\x\\수업.TOML") == "lesson"
