"""The backprop page through AppTest with the stepper's sequence and model controls (typed,
CSV, presets; random, hand-set, uploaded weights, a model handed over by the training lab) and
every LSTM variant: every number it shows (equations, bars, the backward diagram) is the
ledger's for the sequence, weights and variant chosen; old links keep their meaning."""

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_core import VARIANTS, LSTMParams, RNNParams, gates_used
from lstm_core.lab.backward_step import lstm_step_values
from lstm_core.lab.inputs import make_sequence
from lstm_core.lab.ledger import EVERY_STEP, lstm_ledger, rnn_ledger
from lstm_core.lab.weights_io import npz_bytes
from lstm_ui import uploads
from lstm_ui.model_source import hand_example
from lstm_ui.sequence_source import DEFAULT_TEXT
from lstm_viz.backprop import GATE_NAMES, g
from lstm_viz.gradients import plottable

from apptest_support import (
    all_text,
    array,
    assert_no_errors,
    latex_lines,
    open_page,
    plotly_figures,
    svg_diagrams,
    upload,
)

PAGE = "pages/backprop.py"


def open_backprop(**query: str) -> AppTest:
    return open_page(PAGE, **query)


def noise(T=30, xseed=0) -> np.ndarray:
    return make_sequence("noise", steps=T, seed=xseed, lang="en").xs


def random_lstm(D, H=3, seed=0, fb=1.0, variant="standard") -> LSTMParams:
    return LSTMParams.init(
        D, H, seed=seed, scheme="torch", forget_bias=fb, peepholes=variant == "peephole"
    )


def assert_page_shows(at, p, xs, t, unit=0, loss_step=None, variant="standard", seed=0):
    """Every number of the cursor's view is the ledger's for p (the variant) over xs."""
    loss_step = len(xs) - 1 if loss_step is None else loss_step
    led = lstm_ledger(p, xs, loss_step, variant)
    rnn = rnn_ledger(RNNParams.init(xs.shape[1], p.hidden_size, seed=seed), xs, loss_step)
    lines = latex_lines(at)
    gates = gates_used(variant)
    dh_line, dc_line, da_lines = lines[0], lines[1], lines[2 : 2 + len(gates)]
    assert dh_line.endswith(f"&= {g(led.dh[t, unit], False)}\\end{{aligned}}")
    for gate in gates:
        assert g(led.branches[t, GATE_NAMES.index(gate), unit]) in dh_line
    for gate in set(GATE_NAMES) - set(gates):
        assert f"U_{gate}^\\top" not in dh_line
    assert dc_line.endswith(f"&= {g(led.dc[t, unit], False)}\\end{{aligned}}")
    assert f"{g(led.dc_h_route[t, unit])} + {g(led.dc_cell_route[t, unit])}" in dc_line
    if variant == "peephole":
        for v in led.dc_peephole_routes[t, :, unit]:
            assert g(v) in dc_line
        assert r"\odot p_o" in dc_line
    else:
        assert "p_o" not in dc_line
    # (in two columns: AppTest lists the first column's lines first)
    da_by_gate = {line[len(r"\begin{aligned}\delta a_")]: line for line in da_lines}
    assert sorted(da_by_gate) == sorted(gates)
    for gate, line in da_by_gate.items():
        value = led.da[t, GATE_NAMES.index(gate), unit]
        assert line.endswith(f"&= {g(value, False)}\\end{{aligned}}")
    rnn_line = lines[2 + len(gates)]
    assert f"&= {g(rnn.dh[t, unit], False)}" in rnn_line
    # the bars: the loss term, a branch per gate the variant has, their sum
    bars = plotly_figures(at)[0]["data"]
    assert len(bars) == 2 + len(gates)
    for trace, gate in zip(bars[1:-1], gates, strict=True):
        k = GATE_NAMES.index(gate)
        np.testing.assert_allclose(trace["y"], led.branches[t, k], rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(bars[-1]["y"], led.dh[t], rtol=1e-12)
    routes = plotly_figures(at)[1]["data"]
    np.testing.assert_allclose(routes[-1]["y"], led.dc[t], rtol=1e-12)
    assert len(routes) == (4 if variant == "peephole" else 3)
    # every step's share of ∂L/∂U and ∂L/∂x_t, over all steps
    heatmap, norms, inputs = plotly_figures(at)[2:5]
    lstm_rows = array(heatmap["data"][1]["customdata"])
    np.testing.assert_allclose(lstm_rows, led.dU_row_norms().T, rtol=1e-6)
    # (a log axis: a zero is a gap)
    shown = np.array(norms["data"][1]["y"], dtype=float)
    np.testing.assert_allclose(shown, plottable(led.dU_step_norms()), rtol=1e-12)
    shown = np.array(inputs["data"][1]["y"], dtype=float)
    np.testing.assert_allclose(shown, plottable(np.linalg.norm(led.dx, axis=1)), rtol=1e-12)
    # the backward diagram
    (meta,) = svg_diagrams(at)
    assert (meta["t"], meta["unit"], meta["variant"]) == (t, unit, variant)
    assert meta["values"] == lstm_step_values(led, p, t, unit)


def test_the_page_opens_with_the_diagram_at_the_loss_and_follows_the_cursor():
    at = open_backprop()
    assert_no_errors(at)
    xs = noise()
    assert_page_shows(at, random_lstm(1), xs, 29)
    at.button(key="bp_back").click().run()
    at.button(key="bp_back").click().run()
    assert_page_shows(at, random_lstm(1), xs, 27)


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_shows_the_ledgers_numbers_and_only_its_terms(variant):
    at = open_backprop(bp_variant=variant, bp_k="3", bp_H="4", bp_unit="2", bp_loss="every")
    assert_no_errors(at)
    p = random_lstm(1, 4, variant=variant)
    assert_page_shows(at, p, noise(), 26, unit=1, loss_step=EVERY_STEP, variant=variant)


def test_the_variant_is_a_widget_and_in_the_url():
    at = open_backprop()
    at.selectbox(key="bp_variant").set_value("no_output_gate").run()
    assert_no_errors(at)
    assert at.query_params["bp_variant"] == "no_output_gate"
    assert_page_shows(at, random_lstm(1), noise(), 29, variant="no_output_gate")
    assert "δa_o" not in " ".join(latex_lines(at)[:6]).replace("\\delta a_", "δa_")


def test_korean_page_with_a_variant():
    at = open_backprop(lang="ko", bp_variant="peephole", bp_k="1")
    assert_no_errors(at)
    assert at.title[0].value == "시간 역전파"
    assert_page_shows(at, random_lstm(1, variant="peephole"), noise(), 28, variant="peephole")
    assert "핍홀" in all_text(at)


def test_old_links_keep_their_meaning():
    query = dict(bp_preset="step", bp_T="40", bp_H="5", bp_seed="7", bp_fb="2.5", bp_k="4")
    at = open_backprop(**query)
    assert_no_errors(at)
    assert not at.warning
    xs = make_sequence("step", steps=40, seed=0, lang="en").xs
    assert_page_shows(at, random_lstm(xs.shape[1], 5, seed=7, fb=2.5), xs, 35, seed=7)
    assert {k: at.query_params[k] for k in query} == query


def test_typed_numbers_and_hand_set_weights():
    at = open_backprop(bp_source="typed", bp_text="1, -0.5, 2, 0, 0.25", bp_model="hand")
    assert_no_errors(at)
    xs = np.array([[1.0], [-0.5], [2.0], [0.0], [0.25]])
    assert_page_shows(at, hand_example(1, 1), xs, 4)
    assert at.query_params["bp_text"] == "1, -0.5, 2, 0, 0.25"


def test_hand_set_weights_with_the_peephole_variant_say_they_have_none():
    at = open_backprop(bp_model="hand", bp_variant="peephole")
    assert_no_errors(at)
    assert any("no peepholes" in str(i.value) for i in at.info)
    assert_page_shows(at, hand_example(1, 1), noise(), 29, variant="peephole")
    random = open_backprop(bp_variant="peephole")
    assert not any("no peepholes" in str(i.value) for i in random.info)


def test_bad_typed_numbers_give_a_message_and_keep_the_page():
    at = open_backprop(bp_source="typed", bp_text="1, two, 3")
    assert_no_errors(at)
    assert at.warning  # says what could not be read and that the default list is shown
    xs = uploads.parse_typed(DEFAULT_TEXT)
    assert_page_shows(at, random_lstm(1), xs, len(xs) - 1)


def test_csv_and_uploaded_weights():
    at = open_backprop(bp_source="csv", bp_model="upload")
    assert_no_errors(at)
    upload(at, "bp_csv_file", "x.csv", b"x\n0.5\n-1\n2\n1\n", "text/csv")
    p = LSTMParams.init(1, 4, seed=3)
    upload(at, "bp_weights_file", "w.npz", npz_bytes(p.to_torch()))
    assert_no_errors(at)
    xs = np.array([[0.5], [-1.0], [2.0], [1.0]])
    assert_page_shows(at, p, xs, 3)


def test_a_long_sequence_is_cut_to_the_pages_limit_with_a_note():
    text = ", ".join(str(v) for v in np.round(np.sin(np.arange(250) / 7), 3))
    at = open_backprop(bp_source="typed", bp_text=text)
    assert_no_errors(at)
    assert "250" in all_text(at) + " ".join(str(i.value) for i in at.info)
    xs = np.round(np.sin(np.arange(250) / 7), 3)[:200, None]
    assert_page_shows(at, random_lstm(1), xs, 199)


def test_a_model_from_the_training_lab_arrives_here():
    at = open_page("pages/training_lab.py", tr_epochs="1", tr_H="3")
    at.button(key="tr_train").click().run()
    at.button(key="tr_open_backprop").click().run()
    assert_no_errors(at)
    assert at.title[0].value == "Backprop through time"
    _, _, model, _ = at.session_state["bp_weights_last"]
    _, sequence = at.session_state["bp_csv_last"]
    assert sequence.xs.shape == (50, 1) and model.params.hidden_size == 3
    assert_page_shows(at, model.params, sequence.xs, 49)


def test_a_bad_variant_in_the_url_gives_a_message():
    at = open_backprop(bp_variant="sideways")
    assert_no_errors(at)
    assert at.warning
    assert at.session_state["bp_variant"] == "standard"
