"""Text beside every chart: a sentence or two from the chart's numbers (or the page's
verdicts), in the page's language, marked lang="ko" in Korean."""

import re

import pytest
from test_figures_valid import CASES

from lstm_ui.layout import SUMMARY_CLASS
from lstm_viz.summaries import figure_summary, plain

from apptest_support import assert_no_errors, open_page


def test_a_line_is_worded_from_its_first_last_lowest_and_highest_value():
    spec = {
        "data": [{"type": "scatter", "name": "f<sub>t</sub>", "y": [0.5, 0.9, 0.25, 0.4]}],
        "layout": {"title": {"text": "Forget gate"}},
    }
    assert figure_summary(spec, "en") == (
        "Forget gate. fₜ: from 0.500 to 0.400 (lowest 0.250, highest 0.900)."
    )
    assert "처음 값 0.500, 마지막 값 0.400 (최저 0.250, 최고 0.900)" in figure_summary(spec, "ko")


def test_bars_and_a_heatmap_are_worded_from_their_values():
    bars = {"data": [{"type": "bar", "name": "gates", "x": ["i", "f"], "y": [0.25, 0.75]}]}
    assert figure_summary(bars, "en") == "gates: i 0.250, f 0.750."
    grid = {"data": [{"type": "heatmap", "name": "c", "z": [[-1.0, 0.5, 0.0], [0.2, 0.9, -0.3]]}]}
    assert figure_summary(grid, "en") == "c: a grid of 2 × 3 values from −1.000 to 0.900."


def test_markup_becomes_plain_text():
    assert plain("<b>c<sub>t−1</sub></b><br>U<sub>f</sub>") == "cₜ₋₁ U_f"


def summaries(page: str, query: dict, lang: str) -> tuple[list[str], int]:
    at = open_page(page, **{"lang": lang, **query})
    assert_no_errors(at)
    found = [m.value for m in at.markdown if f'class="{SUMMARY_CLASS}"' in m.value]
    return found, len(at.get("plotly_chart"))


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("page", "query"), CASES)
def test_every_chart_has_a_summary_in_the_pages_language(page, query, lang):
    found, charts = summaries(page, query, lang)
    assert charts > 0 and len(found) == charts
    for html in found:
        assert f'lang="{lang}"' in html
        text = re.sub(r"<[^>]+>", "", html)
        assert len(text) > 10 and re.search(r"\d", text)  # written from the numbers
        if lang == "ko":
            assert re.search(r"[\uac00-\ud7a3]", text), text


def test_the_gradient_charts_summary_says_what_the_verdicts_say():
    from lstm_viz.gradients import reach_text
    from pages.vanishing_gradients_controller import DEFAULTS, Settings, compute

    view = compute(Settings.from_state(DEFAULTS), "en")  # the page's defaults
    found, _ = summaries("pages/vanishing_gradients.py", {}, "en")
    text = re.sub(r"<[^>]+>", "", found[0])
    assert f"RNN ‖∂L/∂hₜ‖: {reach_text(view.verdicts.rnn, 'en')}." in text
    assert f"LSTM ‖∂L/∂cₜ‖: {reach_text(view.verdicts.lstm.cell, 'en')}." in text


def plain_summaries(page: str, query: dict, lang: str) -> list[str]:
    import html as html_module

    found, _ = summaries(page, query, lang)
    return [html_module.unescape(re.sub(r"<[^>]+>", "", text)) for text in found]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(
    "query",
    [{}, {"mc_keep_f": "0", "mc_sum_f": "1", "mc_read_g": "-1", "mc_bf": "6", "mc_K": "500"}],
)
def test_misconceptions_figures_say_what_their_verdicts_say(query, lang):
    from pages.misconceptions_controller import DEFAULTS, Settings, compute

    sections = compute(Settings.from_state({**DEFAULTS, **query}), lang)
    shown = plain_summaries("pages/misconceptions.py", query, lang)
    assert shown == [sections[key].summary for key in ("size", "keep", "sum", "read", "grad")]
    if query and lang == "en":  # the flipped verdicts
        assert "wiped at the first step" in shown[1]
        assert "With f = 1 the two agree" in shown[2]


def test_the_anatomy_bars_summary_agrees_with_the_callouts_on_the_page():
    at = open_page("pages/gate_anatomy.py", lang="en")
    assert_no_errors(at)
    texts = [m.value for m in at.markdown]
    summary = next(re.sub(r"<[^>]+>", "", v) for v in texts if f'class="{SUMMARY_CLASS}"' in v)
    callouts = " ".join(v for v in texts if v.startswith(":material/lightbulb:"))
    assert summary.startswith("Bars of i, f, o, g, c and h")
    assert ("% of the memory" in callouts) == ("f × c_(t−1) =" in summary)
    assert ("outside [−1, 1]" in callouts) == ("outside [−1, 1]" in summary)


def test_the_home_and_backprop_charts_carry_their_verdict_summaries():
    from pages.home_controller import compute as home

    assert plain_summaries("pages/home.py", {}, "ko") == [home("ko").summary]
    shown = plain_summaries("pages/backprop.py", {}, "en")
    assert shown[0].startswith("Stacked bars of δh") and shown[1].startswith("Stacked bars of δc")
    assert "∂L/∂U" in shown[2] and "∂L/∂U" in shown[3]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_gradients_theory_and_heatmap_summaries_come_from_the_pages_verdicts(lang):
    from lstm_viz.gradients import HEATMAP_DECADES
    from lstm_viz.summaries import (
        gradient_heatmap_summary,
        lstm_theory_summary,
        rnn_theory_summary,
    )
    from pages.vanishing_gradients_controller import DEFAULTS, Settings, compute

    view = compute(Settings.from_state(DEFAULTS), lang)
    v = view.verdicts
    shown = plain_summaries("pages/vanishing_gradients.py", {}, lang)
    assert rnn_theory_summary(v, view.sigma_max, view.spectral_radius, lang) in shown
    assert lstm_theory_summary(v.lstm, view.f_mean, lang) in shown
    assert gradient_heatmap_summary(v, HEATMAP_DECADES, lang) in shown


def test_the_stepper_charts_summaries_word_the_step_and_unit_the_page_shows():
    at = open_page("pages/sequence_stepper.py", lang="en", sq_t="3", sq_unit="2", sq_units="2")
    assert_no_errors(at)
    table = at.dataframe[0].value  # the step table at the cursor, a row per unit
    f, c = (float(table.loc[2, name]) for name in ("fₜ", "cₜ"))  # unit 2
    shown = [
        re.sub(r"<[^>]+>", "", m.value)
        for m in at.markdown
        if f'class="{SUMMARY_CLASS}"' in m.value
    ]
    assert len(shown) == 2  # the line chart and the heatmaps
    for text in shown:
        assert "t = 3, unit 2:" in text
        assert f"f {f:.3f}" in text and f"c {c:.3f}" in text
        assert f"keeps {100 * f:.1f}% of the memory" in text  # step_verdict, as on the anatomy page


def test_the_stepper_line_summary_words_a_unit_the_line_chart_draws():
    at = open_page("pages/sequence_stepper.py", lang="en", sq_t="3", sq_unit="3", sq_units="1,4")
    assert_no_errors(at)
    lines, heatmaps = (
        re.sub(r"<[^>]+>", "", m.value)
        for m in at.markdown
        if f'class="{SUMMARY_CLASS}"' in m.value
    )
    assert "t = 3, unit 1:" in lines  # units 1 and 4 are drawn, not the diagram's unit 3
    assert "t = 3, unit 3:" in heatmaps  # every unit is a heatmap row: the diagram's unit
