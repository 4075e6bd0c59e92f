"""The training lab's "paper vs here" and stocks sections through AppTest: the table holds every
shipped experiment with its core verdict, the stocks verdicts are the core's, and the chart
draws the real price, "same as last week" and both models."""

import numpy as np
import pytest

from lstm_core.lab.paper_runs import experiment_config, run_paper_task
from lstm_core.lab.paper_table import load_paper_table, summarise
from lstm_viz import training as viz
from lstm_viz.i18n import t

from apptest_support import all_text, array, assert_no_errors, open_app, plotly_figures

PAGE = "pages/training_lab.py"


def paper_frame(at):
    frames = at.dataframe
    assert len(frames) == 3  # the papers' table first, then the cell zoo's overview and details
    return frames[0].value


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_paper_table_lists_every_experiment_with_its_verdict(lang):
    at = open_app(PAGE, lang=lang)
    assert_no_errors(at)
    table = load_paper_table()
    frame = paper_frame(at)
    assert len(frame) == len(table.rows)
    verdicts = list(frame[t("training.papers.col.verdict", lang)])
    expected = [t(f"training.papers.verdict.{summarise(r).verdict}", lang) for r in table.rows]
    assert verdicts == expected
    text = all_text(at)
    assert table.date in text and viz.machine_line(table.machine, lang) in text
    assert t("training.papers.title", lang) in [e.label for e in at.expander]


def test_stocks_verdicts_are_the_cores_and_the_chart_waits_for_the_toggle():
    at = open_app(PAGE)
    assert_no_errors(at)
    stocks = load_paper_table().stocks
    text = all_text(at)
    for kind, name in (("rnn", "RNN"), ("lstm", "LSTM")):
        mean, verdict = stocks.verdict(kind)
        fields = dict(model=name, model_mse=f"{mean:.5f}", base=f"{stocks.baseline_mse:.5f}")
        sentence = t(
            f"training.stocks.verdict.{verdict}", "en", **fields, seeds=len(stocks.mse[kind])
        )
        assert sentence in text
    assert len(plotly_figures(at)) == 1  # only the task's example until the toggle is on
    at.toggle(key="tr_stocks_chart").set_value(True).run()
    at.selectbox(key="tr_stock").set_value("AAPL").run()
    assert_no_errors(at)
    figure = plotly_figures(at)[-1]
    lines = {trace["name"]: array(trace["y"]) for trace in figure["data"]}
    k = stocks.companies.index("AAPL")
    assert set(lines) == {"AAPL (real)", "same as last week", "RNN", "LSTM"}
    np.testing.assert_allclose(lines["AAPL (real)"], stocks.actual[:, k])
    np.testing.assert_allclose(lines["same as last week"], stocks.last_week[:, k])
    np.testing.assert_allclose(lines["LSTM"], stocks.forecasts["lstm"][:, k])
    # "same as last week" is last week's real price
    np.testing.assert_allclose(lines["same as last week"][1:], lines["AAPL (real)"][:-1])
    assert len(at.metric) == 3


def test_a_quick_row_runs_here_in_a_worker_and_says_what_the_core_decided():
    at = open_app(PAGE)
    at.selectbox(key="tr_prow").set_value("adding20_irnn").run()
    at.number_input(key="tr_pseed").set_value(2).run()
    at.button(key="tr_prun").click().run(timeout=120)
    assert_no_errors(at)
    expected = run_paper_task(experiment_config("adding20_irnn", 2))
    verdict = "solved" if expected.solved else "not_solved"
    text = all_text(at)
    assert f"Seed 2: {t(f'training.papers.live_verdict.{verdict}', 'en')}" in text
    assert f"after {expected.sequences:,} training sequences" in text
    assert f"{expected.test_wrong} of 2560 wrong" in text
