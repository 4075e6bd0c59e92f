"""The gate anatomy page through AppTest: scenarios, sliders, sizes, variants, languages, URLs."""

import math

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_core import LSTMParams, lstm_step

from apptest_support import (
    all_text,
    assert_no_errors,
    latex_lines,
    open_page,
    plotly_figures,
    svg_diagrams,
)

PAGE = "pages/gate_anatomy.py"


def open_anatomy(**query: str) -> AppTest:
    """The app opened directly on the anatomy page with the URL query `query`."""
    return open_page(PAGE, **query)


def diagram_values(at: AppTest) -> dict[str, float]:
    return svg_diagrams(at)[0]["values"]


def test_opening_example_is_the_worked_example_from_the_equations():
    at = open_anatomy()
    assert_no_errors(at)
    values = diagram_values(at)
    # a = (−1, 1, 2, 0.5) with x = 1, h = 0: i = σ(−1), f = σ(1), g = tanh 2, o = σ(0.5)
    sig = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
    assert values["i"] == pytest.approx(sig(-1.0), abs=1e-12)
    assert values["f"] == pytest.approx(sig(1.0), abs=1e-12)
    assert values["g"] == pytest.approx(math.tanh(2.0), abs=1e-12)
    assert values["c"] == pytest.approx(sig(1.0) * 0.5 + sig(-1.0) * math.tanh(2.0), abs=1e-12)
    latex = latex_lines(at)
    assert any(
        "0.731 \\times 0.500 + 0.269 \\times 0.964" in line and "0.625" in line for line in latex
    )


@pytest.mark.parametrize(
    ("scenario", "check"),
    [
        (
            "remember",
            lambda v: v["f"] > 0.99 and v["i"] < 0.01 and abs(v["c"] - v["c_prev"]) < 0.01,
        ),
        ("forget", lambda v: v["f"] < 0.01 and abs(v["c"]) < 0.01),
        ("write", lambda v: v["i"] > 0.99 and v["g"] > 0.99 and v["c"] > 0.98),
        ("read_out", lambda v: v["o"] > 0.99 and abs(v["h"] - math.tanh(v["c"])) < 0.01),
        ("hide", lambda v: v["o"] < 0.01 and abs(v["h"]) < 0.01 and v["c"] > 0.79),
        (
            "keep_30",
            lambda v: abs(v["f"] - 0.3) < 1e-12 and abs(v["c"] - 0.3 * v["c_prev"]) < 1e-12,
        ),
    ],
)
def test_each_scenario_gives_the_gate_values_it_promises(scenario, check):
    at = open_anatomy()
    at.button(key=f"an_apply_{scenario}").click().run()
    assert_no_errors(at)
    assert check(diagram_values(at))
    assert at.query_params["an_scenario"] == scenario
    assert any(el.value.startswith("Scenario **") for el in at.info)


def test_forget_gate_of_0_3_is_shown_as_30_percent_not_rounded():
    at = open_anatomy(an_scenario="keep_30")
    assert_no_errors(at)
    text = all_text(at)
    assert "**f = 0.300 keeps 30.0% of the memory**" in text
    assert "0.300 \\times 2.000 = 0.600" in text


def test_moving_the_input_slider_changes_the_diagram_to_the_cores_numbers():
    at = open_anatomy()
    before = diagram_values(at)
    at.slider(key="an_x_0").set_value(-1.5).run()
    assert_no_errors(at)
    after = diagram_values(at)
    assert after["c"] != before["c"]
    p = LSTMParams(W=[[-1.0], [1.0], [2.0], [0.5]], U=np.zeros((4, 1)), b=np.zeros(4))
    step = lstm_step(p, [-1.5], [0.0], [0.5])
    for name in ("i", "f", "g", "o", "c", "h"):
        assert after[name] == pytest.approx(float(getattr(step, name)[0]), abs=1e-12)


def test_moving_a_weight_slider_changes_the_gate():
    at = open_anatomy()
    at.slider(key="an_params_b_f").set_value(-2.0).run()
    assert_no_errors(at)
    assert diagram_values(at)["f"] == pytest.approx(1 / (1 + math.exp(-(1.0 - 2.0))), abs=1e-12)
    assert "an_w" in at.query_params


def test_no_forget_variant_keeps_all_memory_and_says_so():
    at = open_anatomy(an_variant="no_forget")
    assert_no_errors(at)
    values = diagram_values(at)
    assert values["f"] == 1.0
    assert values["c"] == pytest.approx(0.5 + values["i"] * values["g"], abs=1e-12)
    assert "1997" in all_text(at)


def test_coupled_variant_sets_f_to_one_minus_i():
    at = open_anatomy(an_variant="coupled")
    values = diagram_values(at)
    assert values["f"] == pytest.approx(1 - values["i"], abs=1e-15)


def test_bigger_sizes_show_a_weight_table_and_keep_the_first_units_weights():
    at = open_anatomy()
    at.slider(key="an_params_b_f").set_value(-2.0).run()
    at.slider(key="an_H").set_value(3).run()
    assert_no_errors(at)
    assert len(at.dataframe) == 1  # the weight table replaces the sliders
    assert not [s for s in at.slider if s.key == "an_params_b_f"]
    p = at.session_state["an_params"]
    assert p.hidden_size == 3
    assert p.block("f").b[0] == -2.0
    assert len(plotly_figures(at)[0]["data"]) == 3  # one bar group per unit


def test_randomize_then_reset_restores_the_example():
    at = open_anatomy()
    at.number_input(key="an_seed").set_value(7).run()
    at.button(key="an_randomize").click().run()
    random_f = diagram_values(at)["f"]
    assert random_f != pytest.approx(1 / (1 + math.exp(-1.0)))
    at.button(key="an_reset").click().run()
    assert diagram_values(at)["f"] == pytest.approx(1 / (1 + math.exp(-1.0)), abs=1e-12)


def test_korean_page_shows_korean_callouts():
    at = open_anatomy(lang="ko", an_scenario="keep_30")
    assert_no_errors(at)
    assert at.title[0].value == "게이트 해부"
    assert "기억의 30.0%를 유지합니다" in all_text(at)


def test_link_with_weights_and_inputs_round_trips():
    at = open_anatomy()
    at.slider(key="an_params_W_g").set_value(1.25).run()
    at.slider(key="an_c_0").set_value(-0.75).run()
    query = dict(at.query_params)
    shared = open_anatomy(**query)
    assert_no_errors(shared)
    assert diagram_values(shared) == diagram_values(at)


@pytest.mark.parametrize(
    "query",
    [
        {"an_H": "99"},
        {"an_H": "-3"},
        {"an_D": "abc"},
        {"an_variant": "bogus"},
        {"an_w": "nan,1,2"},
        {"an_w": ",".join(["1e300"] * 12)},
        {"an_x": "inf"},
        {"an_c": "x" * 5000},
        {"an_scenario": "<script>"},
        {"zzz": "1"},
    ],
)
def test_tampered_url_gets_a_message_and_the_page_keeps_working(query):
    at = open_anatomy(**query)
    assert_no_errors(at)
    assert at.warning, "expected a message about the URL"
    assert len(plotly_figures(at)) == 1 and len(svg_diagrams(at)) == 2  # bars; LSTM and RNN
