"""Tampered links on every page: whatever the URL holds, the page shows a message or ignores
it, keeps working, and never shows an exception. Hypothesis writes the URLs."""

import json

import plotly.graph_objects as go
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from pages import backprop_controller as backprop_state
from pages import exercises_controller as exercises_state
from pages import gate_anatomy_controller as anatomy_state
from pages import misconceptions_controller as misconceptions_state
from pages import sequence_stepper_controller as stepper_state
from pages import training_lab_controller as training_state
from pages import vanishing_gradients_controller as gradients_state

from apptest_support import assert_no_errors, open_page

PAGES = {
    "pages/gate_anatomy.py": anatomy_state,
    "pages/sequence_stepper.py": stepper_state,
    "pages/vanishing_gradients.py": gradients_state,
    "pages/backprop.py": backprop_state,
    "pages/training_lab.py": training_state,
    "pages/exercises.py": exercises_state,
    "pages/misconceptions.py": misconceptions_state,
}
# Exercises draw a chart only for some kinds of exercise, or once answered.
CHARTS_OPTIONAL = {"pages/exercises.py"}

NASTY_VALUES = st.one_of(
    st.sampled_from(
        [
            "nan",
            "NaN",
            "inf",
            "-inf",
            "1e309",
            "-1e300",
            "1e300",
            "0",
            "-1",
            "-999999999",
            "99999999999999999999",
            "",
            " ",
            "abc",
            "1,2,3",
            ",,,",
            "1e-320",
            "0x10",
            "½",
            "한국어",
            "<script>alert(1)</script>",
            "x" * 5000,
            "1" * 400,
            "None",
            "[]",
            "{}",
        ]
    ),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=60),
)


def page_keys(module) -> list[str]:
    # The training page's defaults depend on its task; its keys do not.
    params = module.URL_PARAMS if hasattr(module, "URL_PARAMS") else module.url_params("sine")
    keys = [p.key for p in params]
    keys += sorted(getattr(module, "OTHER_KEYS", ()))
    return keys


@st.composite
def tampered_query(draw, keys: list[str]) -> dict[str, str]:
    query = {}
    for key in draw(st.lists(st.sampled_from(keys), max_size=4, unique=True)):
        query[key] = draw(NASTY_VALUES)
    if draw(st.booleans()):
        query[draw(st.text(min_size=1, max_size=30))] = draw(NASTY_VALUES)
    if draw(st.booleans()):
        query["lang"] = draw(st.sampled_from(["ko", "en", "fr", "", "x" * 300]))
    if draw(st.booleans()):
        query["present"] = draw(st.one_of(st.just("1"), NASTY_VALUES))
    return query


def check_page_works(at: AppTest, charts_needed: bool = True) -> None:
    assert_no_errors(at)
    charts = at.get("plotly_chart")
    assert charts or not charts_needed, "the page should still draw its charts"
    for chart in charts:
        go.Figure(json.loads(chart.proto.spec))  # valid figures, finite JSON


def make_test(page: str):
    keys = page_keys(PAGES[page])

    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        derandomize=True,
    )
    @given(query=tampered_query(keys))
    def test(query):
        at = open_page(page, **query)
        check_page_works(at, charts_needed=page not in CHARTS_OPTIONAL)
        assert at.session_state["present"] == (query.get("present") == "1")
        # Every key we set is either used, reported, or dropped from the URL: never an error.
        unknown = [k for k in query if k not in keys and k not in ("lang", "present")]
        for key in unknown:
            assert key not in at.query_params or not key.strip()

    return test


test_gate_anatomy_survives_tampered_urls = make_test("pages/gate_anatomy.py")
test_sequence_stepper_survives_tampered_urls = make_test("pages/sequence_stepper.py")
test_vanishing_gradients_survives_tampered_urls = make_test("pages/vanishing_gradients.py")
test_backprop_survives_tampered_urls = make_test("pages/backprop.py")
test_training_lab_survives_tampered_urls = make_test("pages/training_lab.py")
test_exercises_survives_tampered_urls = make_test("pages/exercises.py")
test_misconceptions_survives_tampered_urls = make_test("pages/misconceptions.py")
