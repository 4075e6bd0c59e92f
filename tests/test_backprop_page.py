"""The backprop through time page through AppTest: the numbers it writes are the core's, the
cursor walks back from the loss, the URL round-trips and bad URL values give a message."""

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_core import LSTMParams, RNNParams
from lstm_core.lab.connectivity import adding_models, connectivity, focus
from lstm_core.lab.inputs import make_sequence
from lstm_core.lab.ledger import EVERY_STEP, lstm_ledger, rnn_ledger
from lstm_viz.backprop import g
from lstm_viz.numbers import percent

from apptest_support import (
    all_text,
    assert_no_errors,
    cursor_steps,
    latex_lines,
    open_page,
    plotly_figures,
)

PAGE = "pages/backprop.py"


def open_backprop(**query: str) -> AppTest:
    return open_page(PAGE, **query)


def core_ledgers(preset="noise", T=30, xseed=0, H=3, seed=0, fb=1.0, loss_step=29, lang="en"):
    """The page's ledgers computed here from the core directly."""
    xs = make_sequence(preset, steps=T, seed=xseed, lang=lang).xs
    p = LSTMParams.init(xs.shape[1], H, seed=seed, scheme="torch", forget_bias=fb)
    q = RNNParams.init(xs.shape[1], H, seed=seed, scheme="torch")
    return lstm_ledger(p, xs, loss_step), rnn_ledger(q, xs, loss_step)


def button(at: AppTest, key: str):
    return next(b for b in at.button if b.key == key)


def assert_equations_show(at: AppTest, t: int, unit: int, **ledger_args) -> None:
    """The δh, δc, δa and RNN δh lines on the page hold the core's numbers at step t, unit."""
    lstm, rnn = core_ledgers(**ledger_args)
    lines = latex_lines(at)[:8]  # then the sidebar's forward equations
    dh_line, dc_line, da_i_line, rnn_dh_line = lines[0], lines[1], lines[2], lines[6]
    b = [g(v) for v in lstm.branches[t, :, unit]]
    assert (
        f"&= {g(lstm.from_loss[t, unit])} + {b[0]} + {b[1]} \\\\ &\\quad + {b[2]} + {b[3]}"
        in dh_line
    )
    assert dh_line.endswith(f"&= {g(lstm.dh[t, unit], False)}\\end{{aligned}}")
    assert dc_line.endswith(f"&= {g(lstm.dc[t, unit], False)}\\end{{aligned}}")
    assert f"{g(lstm.dc_h_route[t, unit])} + {g(lstm.dc_cell_route[t, unit])}" in dc_line
    assert da_i_line.endswith(f"&= {g(lstm.da[t, 0, unit], False)}\\end{{aligned}}")
    assert f"&= {g(rnn.dh[t, unit], False)}" in rnn_dh_line


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_opens_at_the_loss_with_the_cores_numbers(lang):
    at = open_backprop(lang=lang)
    assert_no_errors(at)
    assert at.title[0].value == ("Backprop through time" if lang == "en" else "시간 역전파")
    assert_equations_show(at, 29, 0, lang=lang)
    assert "&= 1 + 0 + 0 \\\\ &\\quad + 0 + 0" in latex_lines(at)[0]  # the loss term alone
    assert len(plotly_figures(at)) == 5


def test_back_button_walks_one_step_back_and_the_numbers_follow():
    at = open_backprop()
    before = latex_lines(at)[0]
    button(at, "bp_back").click().run()
    assert_no_errors(at)
    assert at.session_state["bp_k"] == 1
    assert latex_lines(at)[0] != before
    assert_equations_show(at, 28, 0)
    button(at, "bp_back").click().run()
    button(at, "bp_forward").click().run()
    assert at.session_state["bp_k"] == 1
    button(at, "bp_to_loss").click().run()
    assert at.session_state["bp_k"] == 0


def test_a_step_moves_the_cursor_over_charts_of_every_step_that_stay_the_same():
    """The charts of every step (the ∂L/∂U heatmap, its norms, ‖∂L/∂x_t‖) are sent byte for
    byte the same after a step (the browser keeps them); the cursor laid over each moves to the
    step, t = τ − k (lstm_viz.cursor)."""
    at = open_backprop()
    every_step = [c.proto.spec for c in at.get("plotly_chart")][2:]  # after δh's and δc's bars
    assert cursor_steps(at) == [29, 29, 29]
    button(at, "bp_back").click().run()
    assert [c.proto.spec for c in at.get("plotly_chart")][2:] == every_step
    assert cursor_steps(at) == [28, 28, 28]
    heatmap = plotly_figures(at)[2]
    assert heatmap["layout"]["xaxis"]["range"] == [-0.5, 29.5]  # steps, where the cursor expects


def test_bars_hold_the_four_branches_and_their_sum():
    at = open_backprop(bp_k="3", bp_H="4")
    lstm, _ = core_ledgers(H=4)
    bars = plotly_figures(at)[0]["data"]
    for k in range(4):
        np.testing.assert_allclose(bars[1 + k]["y"], lstm.branches[26, k], rtol=1e-12)
    np.testing.assert_allclose(bars[5]["y"], lstm.dh[26], rtol=1e-12)


def test_a_chosen_unit_and_a_loss_at_every_step():
    at = open_backprop(bp_H="4", bp_unit="3", bp_loss="every", bp_k="5")
    assert_no_errors(at)
    assert_equations_show(at, 24, 2, H=4, loss_step=EVERY_STEP)


def test_a_chosen_loss_step_limits_the_cursor():
    at = open_backprop(bp_loss="step", bp_tloss="6", bp_k="50")
    assert_no_errors(at)
    assert at.session_state["bp_k"] == 6  # clamped to τ: the cursor is at t = 0
    assert_equations_show(at, 0, 0, loss_step=6)
    text = all_text(at)
    assert "t = 0" in text and "τ = 6" in text


def test_url_round_trip():
    at = open_backprop()
    at.slider(key="bp_H").set_value(5).run()
    button(at, "bp_back").click().run()
    button(at, "bp_back").click().run()
    at.button_group(key="bp_loss").set_value("every").run()
    at.selectbox(key="bp_preset").set_value("step").run()
    query = {k: at.query_params[k] for k in at.query_params}
    assert query == {
        "lang": "en",
        "bp_H": "5",
        "bp_k": "2",
        "bp_loss": "every",
        "bp_preset": "step",
    }
    again = open_backprop(**query)
    assert_no_errors(again)
    assert not again.warning
    assert latex_lines(again) == latex_lines(at)
    assert_equations_show(again, 27, 0, preset="step", H=5, loss_step=EVERY_STEP)


@pytest.mark.parametrize(
    ("query", "state"),
    [
        ({"bp_H": "999"}, ("bp_H", 16)),
        ({"bp_T": "abc"}, ("bp_T", 30)),
        ({"bp_k": "-5"}, ("bp_k", 0)),
        ({"bp_loss": "sometimes"}, ("bp_loss", "last")),
        ({"bp_fb": "nan"}, ("bp_fb", 1.0)),
        ({"bp_nonsense": "1"}, None),
    ],
)
def test_bad_url_values_give_a_message_and_the_page_works(query, state):
    at = open_backprop(**query)
    assert_no_errors(at)
    assert at.warning, "a message should say what was done with the value"
    if state is not None:
        assert at.session_state[state[0]] == state[1]
    assert len(plotly_figures(at)) == 5


def test_trained_models_sentence_words_the_cores_verdict():
    at = open_backprop(bp_trained="adding", bp_ex="3")
    assert_no_errors(at)
    models, val = adding_models()
    xs = val.xs[:, 3]
    marked = np.flatnonzero(xs[:, 1])
    shares = {k: focus(connectivity(m, xs)[-1], marked).share for k, m in models.items()}
    text = all_text(at)
    assert f"{percent(shares['lstm'])}% of the LSTM's" in text
    assert f"{percent(shares['rnn'])}% of the RNN's" in text
    heatmaps = plotly_figures(at)[5]
    assert len(heatmaps["data"]) == 2
