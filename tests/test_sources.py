"""The shared sequence and model controls (lstm_ui.sequence_source, lstm_ui.model_source) on a
page of their own with another key prefix: every key is the page's, uploads and a model handed
over from another page arrive, and the URL round trip works as on the stepper."""

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_core import GRUParams, LSTMParams, run_gru, run_lstm
from lstm_core.lab.weights_io import npz_bytes, safetensors_bytes
from lstm_ui.model_source import ModelSource, hand_example
from lstm_ui.sequence_source import SequenceSource

from apptest_support import TIMEOUT_S, assert_no_errors, upload

HANDED_XS = np.arange(12.0).reshape(6, 2) / 10


def demo_page(fb_range=None):
    """A page with both controls under the prefix "zz" (no variant), showing what it runs."""
    import streamlit as st

    from lstm_core import run_lstm
    from lstm_ui import weight_editor
    from lstm_ui.model_source import ModelSource
    from lstm_ui.safety import show_messages
    from lstm_ui.sequence_source import SequenceSource
    from lstm_ui.url_state import read_query_params, write_query_params

    SEQUENCE = SequenceSource("zz", min_T=2, max_T=200, default_T=30, default_preset="noise")
    MODEL = ModelSource(
        "zz", max_H=16, default_H=3, with_variant=False, cells=("lstm", "gru"), fb_range=fb_range
    )
    params = (*SEQUENCE.url_params(), *MODEL.url_params())
    messages = read_query_params("zz_page", params, SEQUENCE.other_keys | MODEL.other_keys)
    messages += SEQUENCE.read_url("en")
    notes = []
    sequence, preset = SEQUENCE.controls(messages, notes, "en")
    model, source, variant = MODEL.controls(sequence.xs.shape[1], messages, notes, "en")
    if source == "hand":
        weight_editor.weight_editor(MODEL.hand_key)

    def hand_over():
        import numpy as np

        from lstm_core import LSTMParams

        MODEL.receive(LSTMParams.init(2, 5, seed=1), "sine_lstm")
        SEQUENCE.receive(np.arange(12.0).reshape(6, 2) / 10, ("a", "b"), "sine_lstm")

    st.button("receive", key="zz_receive", on_click=hand_over)
    show_messages(messages)
    for note in notes:
        st.info(note)
    from lstm_core import run_gru

    run = run_gru if model.cell == "gru" else run_lstm
    h = run(model.params, sequence.xs).h
    st.session_state["_zz_shown"] = (sequence.xs.copy(), h.copy(), variant, preset, model.key)
    st.session_state["_zz_cell"] = (model.cell, type(model.params).__name__)
    write_query_params(params)
    SEQUENCE.write_url()
    MODEL.write_url(source)


def open_demo(fb_range=None, **query: str) -> AppTest:
    at = AppTest.from_function(demo_page, default_timeout=TIMEOUT_S, args=(fb_range,))
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def shown(at: AppTest):
    return at.session_state["_zz_shown"]


def test_keys_start_with_the_pages_prefix():
    seq, model = SequenceSource("bp"), ModelSource("bp", with_variant=False)
    keys = [p.key for p in (*seq.url_params(), *model.url_params())]
    keys += [*seq.other_keys, *model.other_keys, model.hand_key]
    assert all(k.startswith("bp_") for k in keys), keys
    assert "bp_variant" not in keys
    assert "sq_variant" in [p.key for p in ModelSource("sq").url_params()]


def test_a_page_with_another_prefix_runs_its_defaults_and_reads_its_url():
    at = open_demo()
    assert_no_errors(at)
    xs, h, variant, preset, key = shown(at)
    assert (xs.shape, preset, variant) == ((30, 1), "noise", "standard")
    assert h.shape == (30, 3)
    assert key.startswith("random:1:3:")
    typed = open_demo(zz_source="typed", zz_text="1, 2, 3", zz_model="hand", zz_hand_H="2")
    assert_no_errors(typed)
    xs, h, *_ = shown(typed)
    np.testing.assert_array_equal(xs[:, 0], [1.0, 2.0, 3.0])
    expected = run_lstm(hand_example(1, 2), xs).h
    np.testing.assert_allclose(h, expected, atol=1e-15)
    assert typed.query_params["zz_text"] == "1, 2, 3"
    assert "sq_text" not in typed.query_params


def test_uploads_and_a_handed_over_model_arrive_under_the_prefix():
    at = open_demo(zz_source="csv", zz_model="upload")
    assert_no_errors(at)
    upload(at, "zz_csv_file", "two.csv", b"x\n0.5\n-1\n2\n", "text/csv")
    p = LSTMParams.init(1, 4, seed=3)
    upload(at, "zz_weights_file", "w.npz", npz_bytes(p.to_torch()))
    assert_no_errors(at)
    xs, h, *_ = shown(at)
    np.testing.assert_array_equal(xs[:, 0], [0.5, -1.0, 2.0])
    np.testing.assert_allclose(h, run_lstm(p, xs).h, atol=1e-12)
    assert "sq_weights_last" not in at.session_state and "zz_weights_last" in at.session_state


def test_receive_makes_the_handed_model_and_sequence_the_pages():
    at = open_demo()
    at.button(key="zz_receive").click().run()  # what the training lab's button does
    assert_no_errors(at)
    xs, h, *_ = shown(at)
    q = LSTMParams.init(2, 5, seed=1)
    np.testing.assert_array_equal(xs, HANDED_XS)
    np.testing.assert_allclose(h, run_lstm(q, HANDED_XS).h, atol=1e-12)
    assert at.session_state["zz_model"] == "upload" and at.session_state["zz_source"] == "csv"
    assert at.session_state["zz_weights_last"][0] == "sine_lstm.npz"


def test_a_handed_over_model_takes_the_old_file_out_of_the_picker():
    at = open_demo(zz_model="upload")
    p = LSTMParams.init(1, 4, seed=3)
    upload(at, "zz_weights_file", "w.npz", npz_bytes(p.to_torch()))
    assert "**w.npz**" in at.success[0].value
    at.button(key="zz_receive").click().run()
    assert_no_errors(at)
    keys = {el.key: el for el in at.get("file_uploader")}
    assert set(keys) == {"zz_csv_file_v1", "zz_weights_file_v1"}  # new, empty pickers
    assert keys["zz_weights_file_v1"].value is None
    assert at.success[-1].value.startswith("In use: **sine_lstm.npz**, LSTM, PyTorch layout")


def test_a_page_that_runs_grus_gets_a_gru_model_from_a_gru_file():
    at = open_demo(zz_model="upload")
    g = GRUParams.init(1, 5, seed=2)
    upload(at, "zz_weights_file", "gru.safetensors", safetensors_bytes(g.to_torch(), "F64"))
    assert_no_errors(at)
    assert at.session_state["_zz_cell"] == ("gru", "GRUParams")
    xs, h, *_ = shown(at)
    np.testing.assert_array_equal(h, run_gru(g, xs).h)
    assert [el.value for el in at.success] == [
        "In use: **gru.safetensors**, GRU, PyTorch layout, H = 5, D = 1."
    ]
    assert any("A one-layer LSTM or GRU" in c.value for c in at.caption)
    # An LSTM file after it is an LSTM again; the model key tells the two apart.
    gru_key = shown(at)[4]
    upload(at, "zz_weights_file", "lstm.npz", npz_bytes(LSTMParams.init(1, 5, seed=2).to_torch()))
    assert at.session_state["_zz_cell"] == ("lstm", "LSTMParams")
    assert shown(at)[4] != gru_key and gru_key.startswith("upload:gru:1:")


def test_receive_takes_gru_weights_only_where_grus_run():
    g = GRUParams.init(1, 2, seed=0)
    with pytest.raises(ValueError, match="runs lstm weights, not gru"):
        ModelSource("sq").receive(g, "trained_gru")


def test_a_forget_bias_in_a_range_is_a_number_in_the_url_and_the_model():
    at = open_demo(fb_range=(-5.0, 5.0), zz_fb="2.5", zz_seed="4")
    assert_no_errors(at)
    _, h, *_ = shown(at)
    xs = shown(at)[0]
    p = LSTMParams.init(1, 3, seed=4, scheme="torch", forget_bias=2.5)
    np.testing.assert_array_equal(h, run_lstm(p, xs).h)
    assert at.slider(key="zz_fb").value == 2.5
    at.slider(key="zz_fb").set_value(-1.0).run()
    assert at.query_params["zz_fb"] == "-1.0"
    p = LSTMParams.init(1, 3, seed=4, scheme="torch", forget_bias=-1.0)
    np.testing.assert_array_equal(shown(at)[1], run_lstm(p, xs).h)
    far = open_demo(fb_range=(-5.0, 5.0), zz_fb="9")  # clamped to 5, and said so
    assert "zz_fb" in far.warning[0].value and far.slider(key="zz_fb").value == 5.0
    assert ModelSource("bp", fb_range=(-5.0, 5.0)).fb_param().kind == "float"
