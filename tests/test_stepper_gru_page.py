"""The GRU on the sequence stepper through AppTest, in both languages: chosen as the cell type
(links without it open the LSTM as before), its heatmaps (z, r, n, h), line plot, step table
and cell diagram hold the core's numbers (run_gru, gru_step), the cursor moves them all, and
what does not apply to a GRU is said."""

import io

import numpy as np
import pandas as pd
import pytest
from test_stepper_page import button_group, figures, open_stepper, upload

from lstm_core import GRUParams, gru_step, run_gru
from lstm_core.lab.inputs import make_sequence
from lstm_core.lab.weights_io import npz_bytes
from lstm_viz.heatmaps import trace_heatmaps
from lstm_viz.i18n import t
from pages import sequence_stepper_controller as stepper_state

from apptest_support import all_text, array, assert_no_errors, cursor_steps, svg_diagrams

ROWS = ["z", "r", "n", "h"]


def gru_trace(T=50, H=8, seed=0, scheme="torch", preset="sine"):
    """What the page runs for sq_cell=gru: GRUParams.init with the model's settings."""
    xs = make_sequence(preset, T, 0).xs
    g = GRUParams.init(xs.shape[1], H, seed=seed, scheme=scheme)
    return g, run_gru(g, xs)


def test_without_the_cell_key_the_stepper_runs_the_lstm_as_before():
    at = open_stepper()
    assert_no_errors(at)
    assert button_group(at, "sq_cell").value == "lstm"
    _, heat, diagram = figures(at)
    assert heat["layout"]["meta"]["rows"] == ["f", "i", "o", "g", "c", "h"]
    assert diagram.get("cell", "lstm") == "lstm" and "c" in diagram["values"]
    assert "sq_cell" not in at.query_params


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_gru_shows_the_cores_numbers_everywhere(lang):
    at = open_stepper(sq_cell="gru", lang=lang)
    assert_no_errors(at)
    g, tr = gru_trace()
    run, heat, diagram = figures(at)
    # heatmaps: one row per quantity, gates first, each brick the trace's value at its step
    assert heat["layout"]["meta"]["rows"] == ROWS
    for row, q in zip(heat["data"], ROWS, strict=True):
        assert row["name"] == q
        np.testing.assert_allclose(array(row["z"]), getattr(tr, q).T, rtol=1e-6, atol=1e-7)
    assert heat["data"][0]["coloraxis"] == heat["data"][1]["coloraxis"] == "coloraxis"  # 0..1
    assert heat["data"][2]["coloraxis"] == heat["data"][3]["coloraxis"] == "coloraxis2"  # ±1
    titles = [a["text"] for a in heat["layout"]["annotations"]]
    words = {"en": "update gate", "ko": "업데이트 게이트"}[lang]
    assert words in titles[0] and "(1 − zₜ) ⊙ nₜ + zₜ ⊙ hₜ₋₁" in titles[3]
    # the line plot: z, n, h of unit 1 by default, the trace's numbers (float32)
    unit = t("stepper.unit", lang)
    lines = {d["name"]: d for d in run["data"] if d.get("name", "").endswith(f"{unit} 1")}
    assert sorted(lines) == sorted(f"{q}ₜ · {unit} 1" for q in ("z", "n", "h"))
    np.testing.assert_allclose(array(lines[f"zₜ · {unit} 1"]["y"]), tr.z[:, 0], rtol=1e-6)
    # the cell diagram at t = 0 and the table: gru_step from h0 = 0, as the core computes it
    step = gru_step(g, tr.xs[0], np.zeros(8))
    assert diagram["cell"] == "gru"
    for name in ("r", "z", "n", "h"):
        assert diagram["values"][name] == pytest.approx(getattr(step, name)[0], abs=1e-12)
    assert diagram["values"]["hn"] == pytest.approx(step.hn[0], abs=1e-12)
    table = at.dataframe[0].value
    assert list(table.columns) == ["hₜ₋₁", "rₜ", "zₜ", "nₜ", "hₜ"]
    np.testing.assert_allclose(table["zₜ"].to_numpy(), tr.z[0], atol=1e-12)
    np.testing.assert_allclose(table["hₜ"].to_numpy(), tr.h[0], atol=1e-12)
    bars = [
        heat["layout"][axis]["colorbar"]["title"]["text"] for axis in ("coloraxis", "coloraxis2")
    ]
    assert bars == [t("stepper.scale_gate_gru", lang), t("stepper.scale_signed_gru", lang)]
    text = all_text(at)
    watch = {"en": "A GRU keeps its memory", "ko": "GRU는 기억을"}[lang]
    intro = {"en": "A GRU reads a sequence", "ko": "GRU는 시퀀스를 한 단계씩"}[lang]
    assert watch in text and intro in text and "An LSTM reads" not in text
    assert at.query_params["sq_cell"] == "gru"


def test_the_cursor_moves_every_gru_view():
    at = open_stepper(sq_cell="gru", sq_t="6")
    at.button(key="sq_next").click().run()
    assert_no_errors(at)
    g, tr = gru_trace()
    _, _, diagram = figures(at)
    assert cursor_steps(at) == [7, 7]
    assert diagram["values"]["h_prev"] == pytest.approx(tr.h[6, 0], abs=1e-12)
    assert diagram["values"]["h"] == pytest.approx(tr.h[7, 0], abs=1e-12)
    step = gru_step(g, tr.xs[7], tr.h[6])
    np.testing.assert_allclose(step.h, tr.h[7], atol=1e-12)
    table = at.dataframe[0].value
    np.testing.assert_allclose(table["hₜ₋₁"].to_numpy(), tr.h[6], atol=1e-12)
    np.testing.assert_allclose(table["rₜ"].to_numpy(), tr.r[7], atol=1e-12)


def test_the_gru_follows_the_models_initialisation_hidden_size_and_seed():
    at = open_stepper(sq_cell="gru", sq_H="3", sq_seed="5", sq_scheme="keras")
    assert_no_errors(at)
    _, tr = gru_trace(H=3, seed=5, scheme="keras")
    table = at.dataframe[0].value
    assert len(table) == 3
    np.testing.assert_allclose(table["nₜ"].to_numpy(), tr.n[0], atol=1e-12)


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ({"sq_fb": "3"}, "stepper.gru_fb_unused"),
        ({"sq_variant": "coupled"}, "stepper.gru_variant_unused"),
        ({"sq_model": "hand"}, "stepper.gru_hand"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_what_does_not_apply_to_a_gru_is_said(query, key, lang):
    at = open_stepper(sq_cell="gru", lang=lang, **query)
    assert_no_errors(at)
    assert t(key, lang) in [i.value for i in at.info]
    _, heat, diagram = figures(at)
    assert heat["layout"]["meta"]["rows"] == ROWS and diagram["cell"] == "gru"
    if "sq_model" in query:  # the LSTM's weight table is not offered for the GRU
        assert t("stepper.hand_weights", lang) not in [e.label for e in at.expander]
        _, tr = gru_trace()
        np.testing.assert_allclose(at.dataframe[0].value["hₜ"].to_numpy(), tr.h[0], atol=1e-12)


def test_gru_quantities_travel_in_their_own_url_key():
    at = open_stepper(sq_cell="gru", sq_qg="r,h", sq_units="2")
    assert_no_errors(at)
    assert at.multiselect(key="sq_qg").value == ["r", "h"]
    run, _, _ = figures(at)
    names = [d.get("name", "") for d in run["data"]]
    assert "rₜ · unit 2" in names and "hₜ · unit 2" in names and "zₜ · unit 2" not in names
    assert at.query_params["sq_qg"] == "r,h"
    at.multiselect(key="sq_qg").set_value(["z", "n", "h"]).run()  # the default leaves the URL
    assert "sq_qg" not in at.query_params
    at = open_stepper(sq_cell="gru", sq_qg="f,c")  # an LSTM's quantities are not a GRU's
    assert_no_errors(at)
    assert any("sq_qg" in w.value for w in at.warning)
    assert at.multiselect(key="sq_qg").value == ["z", "n", "h"]


def test_switching_the_cell_keeps_each_cells_quantities():
    at = open_stepper(sq_q="i,o")
    button_group(at, "sq_cell").set_value("gru").run()
    assert_no_errors(at)
    assert at.multiselect(key="sq_qg").value == ["z", "n", "h"]
    button_group(at, "sq_cell").set_value("lstm").run()
    assert at.multiselect(key="sq_q").value == ["i", "o"]
    _, heat, _ = figures(at)
    assert heat["layout"]["meta"]["rows"][0] == "f"


def test_gru_downloads_hold_the_whole_run_and_loadable_weights():
    at = open_stepper(sq_cell="gru")
    assert_no_errors(at)
    g, tr = gru_trace()
    buttons = at.get("download_button")
    assert "1,600 rows" in buttons[0].proto.help  # 4 quantities · 50 steps · 8 units
    frame = pd.read_csv(io.BytesIO(stepper_state.trace_csv(tr)), converters={"value": float})
    assert len(frame) == stepper_state.trace_rows(50, 8, "gru") == 4 * 50 * 8
    assert list(frame.quantity.unique()) == ["r", "z", "n", "h"]
    z = frame[frame.quantity == "z"].sort_values(["t", "unit"])["value"].to_numpy()
    np.testing.assert_array_equal(z, tr.z.ravel())  # every digit survives the CSV
    loaded = GRUParams.from_torch(np.load(io.BytesIO(stepper_state.weights_npz(g))))
    np.testing.assert_array_equal(loaded.U, g.U)
    np.testing.assert_array_equal(loaded.b_hh, g.b_hh)
    keras_cell = GRUParams.init(1, 3, seed=1, reset_after=False)  # nn.GRU cannot hold it
    arrays = np.load(io.BytesIO(stepper_state.weights_npz(keras_cell)))
    assert sorted(arrays.files) == ["bias", "kernel", "recurrent_kernel"]
    np.testing.assert_array_equal(arrays["kernel"], keras_cell.to_keras()[0])


def test_gru_heatmaps_pool_long_runs_and_stay_small():
    _, tr = gru_trace(T=1000, H=64)
    fig = trace_heatmaps(tr).to_dict()
    assert fig["layout"]["meta"]["stride"] == 5 and fig["layout"]["meta"]["rows"] == ROWS
    at = open_stepper(sq_cell="gru", sq_T="1000", sq_H="64", sq_units="1,2,3,4", sq_qg="r,z,n,h")
    assert_no_errors(at)
    assert sum(len(c.proto.spec) for c in at.get("plotly_chart")) < 1_000_000


def test_keras_reset_before_gru_weights_run_with_the_table_and_no_diagram():
    keras_cell = GRUParams.init(1, 3, seed=2, scheme="keras", reset_after=False)
    kernel, recurrent_kernel, bias = keras_cell.to_keras()
    data = npz_bytes({"kernel": kernel, "recurrent_kernel": recurrent_kernel, "bias": bias})
    at = open_stepper(sq_model="upload", sq_cell="gru")
    upload(at, "sq_weights_file", "keras_gru.npz", data)
    assert_no_errors(at)
    assert not svg_diagrams(at)  # nn.GRU's picture would show the wrong reset product
    assert t("stepper.no_diagram_reset_before", "en") in [i.value for i in at.info]
    tr = run_gru(keras_cell, make_sequence("sine", 50, 0).xs)
    np.testing.assert_allclose(at.dataframe[0].value["nₜ"].to_numpy(), tr.n[0], atol=1e-12)
    buttons = at.get("download_button")
    assert buttons[1].proto.label == "Weights (.npz, Keras names)"
