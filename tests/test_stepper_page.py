"""The sequence stepper page through AppTest: presets, the cursor, typed and uploaded sequences,
uploaded and hand-set weights, bad input, the URL, both languages, downloads and figure size."""

import io
import json
import logging
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from player_support import frames, player_elements, press, sent_frames
from streamlit.testing.v1 import AppTest

from lstm_core import GRUParams, LSTMParams, run_gru, run_lstm
from lstm_core.lab.inputs import PRESETS, SENTENCE_EN, SENTENCE_KO, make_sequence
from lstm_core.lab.weights_io import load_weights, npz_bytes
from lstm_ui import uploads, weight_editor
from lstm_viz.cursor import row_boxes
from lstm_viz.downsample import envelope_steps, pooled_steps
from lstm_viz.heatmaps import heatmap_cursor, trace_heatmaps
from pages import sequence_stepper_controller as stepper_state

from apptest_support import (
    TIMEOUT_S,
    all_text,
    array,
    assert_no_errors,
    cursor_steps,
    plotly_figures,
    svg_diagrams,
)
from conftest import ROOT

PAGE = "pages/sequence_stepper.py"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def open_stepper(**query: str) -> AppTest:
    """The app opened directly on the stepper page with the URL query `query`."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(PAGE)
    return at.run()


def figures(at: AppTest) -> tuple[dict, dict, dict]:
    """(the line figure of the run, the heatmaps, the cell diagram's meta: its SVG's numbers)."""
    run, heat = plotly_figures(at)
    (diagram,) = svg_diagrams(at)
    return run, heat, diagram


def picker(at: AppTest, key: str):
    """The file picker `key` as it is now: after a refused file it is a new, empty one whose
    key has a version suffix (lstm_ui.upload_state.UploadSlot)."""
    found = [el for el in at.get("file_uploader") if re.fullmatch(rf"{key}(_v\d+)?", el.key)]
    assert len(found) == 1, [el.key for el in at.get("file_uploader")]
    return found[0]


def upload(at: AppTest, key: str, name: str, data: bytes) -> AppTest:
    picker(at, key).set_value((name, data, "application/octet-stream"))
    return at.run()


def successes(at: AppTest) -> str:
    return "\n".join(s.value for s in at.success)


def button_group(at: AppTest, key: str):
    """The segmented control (a "button_group" element) with this key."""
    return next(el for el in at.get("button_group") if el.key == key)


def warnings(at: AppTest) -> str:
    return "\n".join(w.value for w in at.warning)


def default_trace():
    """What the page runs by default: the noisy sine (T = 50) through PyTorch's init, H = 8."""
    xs = make_sequence("sine", 50, 0).xs
    return run_lstm(LSTMParams.init(1, 8, seed=0, scheme="torch"), xs)


# --- opening ------------------------------------------------------------------------------------


def test_default_page_shows_the_sine_run_with_the_cores_numbers():
    at = open_stepper()
    assert_no_errors(at)
    assert at.title[0].value == "Sequence stepper"
    run, heat, diagram = figures(at)
    assert run["layout"]["meta"]["T"] == 50
    assert "frames" not in run and "sliders" not in run["layout"]  # one step control: the page's
    assert "updatemenus" not in run["layout"]
    assert [d["type"] for d in heat["data"]] == ["heatmap"] * 6
    tr = default_trace()
    values = diagram["values"]
    for name in ("i", "f", "g", "o", "c", "h"):
        assert values[name] == pytest.approx(getattr(tr, name)[0, 0], abs=1e-12)
    table = at.dataframe[0].value
    assert list(table.index) == list(range(1, 9))  # units numbered 1..H as on every page
    np.testing.assert_allclose(table["cₜ"].to_numpy(), tr.c[0], atol=1e-12)
    assert "Keras demo" in all_text(at)


@pytest.mark.parametrize("preset", PRESETS)
def test_every_preset_runs_with_its_what_to_watch_sentence(preset):
    at = open_stepper(sq_preset=preset)
    assert_no_errors(at)
    assert at.info, "every preset says what to watch"
    run, heat, _ = figures(at)
    T = len(make_sequence(preset, 50, 0).xs)
    assert run["layout"]["meta"]["T"] == T == heat["layout"]["meta"]["T"]


def test_sentence_puts_its_words_on_the_time_axis_in_the_ui_language():
    at = open_stepper(sq_preset="sentence")
    run, heat, _ = figures(at)
    assert run["layout"]["xaxis2"]["ticktext"] == list(SENTENCE_EN)
    assert heat["layout"]["xaxis6"]["ticktext"][0] == "The"
    at = open_stepper(sq_preset="sentence", lang="ko")
    assert_no_errors(at)
    run, _, _ = figures(at)
    assert run["layout"]["xaxis2"]["ticktext"] == list(SENTENCE_KO)
    assert "할머니께서는" in all_text(at)


def test_korean_page_has_korean_labels():
    at = open_stepper(lang="ko")
    assert_no_errors(at)
    assert at.title[0].value == "시퀀스 단계별 보기"
    _, heat, _ = figures(at)
    assert "망각 게이트" in heat["layout"]["annotations"][0]["text"]


# --- the cursor ---------------------------------------------------------------------------------


def sine_trace(T: int):
    """The default model (PyTorch's init, H = 8, seed 0) over the noisy sine of length T."""
    return run_lstm(LSTMParams.init(1, 8, seed=0, scheme="torch"), make_sequence("sine", T, 0).xs)


def step_sliders(at: AppTest) -> list:
    """The step slider `sq_t` as drawn in this run ([] while playing)."""
    return [el for el in at.slider if el.key == "sq_t"]


def readouts(at: AppTest) -> list[str]:
    """The HTML of the read-only step readout drawn instead of the slider while playing."""
    return [el.proto.body for el in at.get("html") if 'role="progressbar"' in el.proto.body]


def shown_step(at: AppTest) -> int:
    """The step every view shows, paused: the step slider's (and no player). Checked against the
    line chart's cursor, the heatmaps' cursor, the diagram's and table's titles and the URL."""
    assert not player_elements(at) and at.button(key="sq_play").label == "▶ Play"
    (slider,) = step_sliders(at)
    t = slider.value
    assert cursor_steps(at) == [t, t]  # the line chart's and the heatmaps'
    titles = [h.value for h in at.subheader]
    assert f"The cell at step t = {t}" in titles and f"Every unit at step t = {t}" in titles
    assert at.query_params.get("sq_t", "0") == str(t)
    return t


def played_steps(at: AppTest) -> list[int]:
    """While playing (the player's buttons instead of the page's, no step slider): the steps
    of the frames the browser will show, read from the readout's frames, which must agree with
    the headings' frames."""
    assert not step_sliders(at) and not [b for b in at.button if b.key == "sq_play"]
    buttons = player_elements(at)
    assert [buttons[k]["label"] for k in ("sq_prev_playing", "sq_pause", "sq_next_playing")] == [
        "◀ back",
        "‖ Pause",
        "next ▶",
    ]
    steps = [
        int(re.search(r'aria-valuenow="(\d+)"', f)[1]) for f in frames(at, "sq_readout_playing")
    ]
    assert frames(at, "sq_diagram_title_playing") == [f"The cell at step t = {t}" for t in steps]
    assert frames(at, "sq_table_title_playing") == [f"Every unit at step t = {t}" for t in steps]
    assert buttons["sq_diagram_title_playing"]["level"] == 3  # headings, as st.subheader's
    assert buttons["sq_pause"]["frames_count"] == len(steps)
    return steps


def paused_views(at: AppTest) -> dict[str, str]:
    """The HTML of the views of step t that the player's frames stand in for, as the paused
    page draws them."""
    cursors = [el.proto.body for el in at.get("html") if 'class="lgl-cursor"' in el.proto.body]
    summaries = [str(el.value) for el in at.get("markdown") if "lgl-summary" in str(el.value)]
    (svg,) = [str(el.value) for el in at.get("markdown") if "<svg" in str(el.value)]
    return {
        "sq_lines_cursor_playing": cursors[0],
        "sq_heatmaps_cursor_playing": cursors[1],
        "sq_lines_summary_playing": summaries[0],
        "sq_heatmaps_summary_playing": summaries[1],
        "sq_diagram_playing": svg.replace("&#10;", "\n"),
        "sq_readout_playing": None,
    }


def test_play_sends_every_step_once_and_each_frame_is_what_the_paused_page_draws():
    at = open_stepper(sq_preset="sentence")
    assert at.button(key="sq_play").label == "▶ Play"
    assert at.button(key="sq_play").proto.shortcut == stepper_state.PLAY_KEY.lower()
    at.button(key="sq_play").click().run()
    assert_no_errors(at)
    steps = played_steps(at)
    T = figures_while_playing(at)[0]["layout"]["meta"]["T"]
    assert steps == list(range(T))  # from t = 0, every step (short runs)
    sent = {key: frames(at, key) for key in paused_views(at_step(0))}
    for t in (0, 7, T - 1):  # the same views, paused at step t: the same HTML
        paused = at_step(t)
        assert shown_step(paused) == t
        for key, html in paused_views(paused).items():
            if html is not None:
                assert sent[key][t] == html, key
        (word,) = [c.value for c in paused.caption if c.value.startswith("step t = ")]
        assert frames(at, "sq_word_playing")[t] == word
        table = frames(at, "sq_table_playing")[t]
        numbers = [float(v) for v in re.findall(r"<td>(-?\d+\.\d{4})</td>", table)]
        shown = paused.dataframe[0].value
        np.testing.assert_allclose(numbers, shown.to_numpy().ravel(), atol=5e-5)
        units = [int(u) for u in re.findall(r'<th scope="row">(\d+)</th>', table)]
        assert units == list(range(1, len(shown) + 1))


def at_step(t: int) -> AppTest:
    """The stepper on the sentence preset, paused at step t."""
    return open_stepper(sq_preset="sentence", sq_t=str(t))


def figures_while_playing(at: AppTest) -> list[dict]:
    """The line figure and the heatmaps, drawn as when paused (only their cursors play)."""
    return plotly_figures(at)


def test_pause_shows_the_step_the_browser_showed_with_the_slider_back():
    at = open_stepper(sq_T="20")
    tr = sine_trace(20)
    at.button(key="sq_play").click().run()
    assert played_steps(at) == list(range(20))
    press(at, "sq_pause", "pause", 7)  # the browser was showing frame 7
    assert_no_errors(at)
    assert shown_step(at) == 7
    (diagram,) = svg_diagrams(at)
    assert diagram["values"]["c"] == pytest.approx(tr.c[7, 0], abs=1e-12)
    np.testing.assert_allclose(at.dataframe[0].value["hₜ"].to_numpy(), tr.h[7])
    at.run()
    assert shown_step(at) == 7  # paused: nothing moves on
    at.slider(key="sq_t").set_value(10).run()
    at.button(key="sq_play").click().run()
    assert played_steps(at) == list(range(10, 20))  # Play goes on from the step the slider chose


def test_the_end_stops_at_the_last_step_and_play_there_starts_again():
    at = open_stepper(sq_T="20")
    at.button(key="sq_play").click().run()
    press(at, "sq_pause", "end", 19)
    assert shown_step(at) == 19
    at.button(key="sq_play").click().run()  # Play at the end starts again from t = 0
    assert played_steps(at)[0] == 0


def test_a_step_while_playing_moves_one_step_from_the_step_shown_and_plays_on():
    at = open_stepper(sq_T="20")
    at.button(key="sq_play").click().run()
    first = player_elements(at)["sq_pause"]["play"]
    press(at, "sq_next_playing", "next", 4)  # shown: t = 4
    assert played_steps(at) == list(range(5, 20))
    second = player_elements(at)["sq_pause"]["play"]
    assert second != first  # a new play: the browser's clock starts at its first frame
    press(at, "sq_prev_playing", "prev", 2)  # shown: t = 7
    assert played_steps(at) == list(range(6, 20))
    press(at, "sq_pause", "pause", 0)
    assert shown_step(at) == 6
    assert_no_errors(at)


def test_a_press_from_an_old_page_or_with_a_broken_frame_cannot_break_the_page():
    at = open_stepper(sq_T="20")
    at.button(key="sq_play").click().run()
    press(at, "sq_pause", "pause", 500)  # a frame this play does not have: its last
    assert shown_step(at) == 19
    at.button(key="sq_play").click().run()
    press(at, "sq_pause", "pause", "x")  # not a number: its first
    assert shown_step(at) == 0
    at.button(key="sq_play").click().run()
    press(at, "sq_next_playing", "jump", 3)  # no such action: nothing happens
    assert played_steps(at) == list(range(20))
    assert_no_errors(at)


@pytest.mark.parametrize(
    "error, reason",
    [
        (
            RuntimeError("a bug in the frames"),
            "Something went wrong while computing this view (RuntimeError). Your settings are "
            "kept; try another value.",
        ),
        (ValueError("T = 20 is too long to play."), "T = 20 is too long to play."),
    ],
)
@pytest.mark.parametrize("failing", ["first frames", "the rest"])
def test_a_play_whose_frames_fail_stays_paused_with_its_step_row_and_says_why(
    monkeypatch, caplog, error, reason, failing
):
    at = open_stepper(sq_T="20", sq_t="5")  # 15 steps: the first 10 with the views, then 5
    made = stepper_state.play_frames
    calls = []

    def broken(*args):
        calls.append(args)
        if failing == "first frames" or len(calls) > 1:
            raise error
        return made(*args)

    monkeypatch.setattr(stepper_state, "play_frames", broken)
    with caplog.at_level(logging.ERROR, logger="lstm_gate_lab"):
        at.button(key="sq_play").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "▶ Play stopped: its steps could not be made, so the run is paused at step t = 5, "
        f"where this play started. {reason}"
    ]
    assert shown_step(at) == 5  # paused: ◀, ▶ Play, ▶ and the step slider, every view at t = 5
    assert [b.key for b in at.button if b.key in ("sq_prev", "sq_next")] == ["sq_prev", "sq_next"]
    assert ("a bug in the frames" in caplog.text) == isinstance(error, RuntimeError)
    assert len(calls) == (1 if failing == "first frames" else 2)
    at.button(key="sq_next").click().run()
    assert not at.error  # said once
    assert shown_step(at) == 6
    monkeypatch.undo()
    at.button(key="sq_play").click().run()
    assert played_steps(at) == list(range(6, 20))


def test_a_press_from_a_play_the_page_has_replaced_says_nothing_about_the_new_one():
    # Found in review: the browser's clock runs on until the new play arrives, so a second ◀
    # (or the old play's end) can come from the play before, whose frame 31 is no frame of the
    # new one (it was read as step 48 of the play from 29).
    at = open_stepper()  # T = 50
    at.button(key="sq_play").click().run()
    old = player_elements(at)["sq_pause"]["play"]
    press(at, "sq_prev_playing", "prev", 30)
    assert played_steps(at)[0] == 29
    new = player_elements(at)["sq_pause"]["play"]
    press(at, "sq_prev_playing", "prev", 31, play=old)  # the second ◀, from the old play
    press(at, "sq_pause", "end", 49, play=old)  # the old play's end
    assert played_steps(at)[0] == 29 and player_elements(at)["sq_pause"]["play"] == new
    press(at, "sq_pause", "pause", 12, play=old)  # ‖ Pause, from the old play: paused here
    assert shown_step(at) == 29
    at.button(key="sq_play").click().run()  # the same step again: a new play all the same
    assert player_elements(at)["sq_pause"]["play"] not in (old, new)
    assert_no_errors(at)


def test_a_frame_that_is_no_number_counts_as_the_first():
    at = open_stepper(sq_T="20", sq_t="4")
    at.button(key="sq_play").click().run()
    press(at, "sq_pause", "pause", float("inf"))  # JSON's Infinity
    assert shown_step(at) == 4
    assert_no_errors(at)


def test_other_controls_while_playing_keep_the_clock_and_send_the_new_views():
    # A view's option or the speed (in the step fragment) changed while playing: the same play
    # (the browser's clock goes on where it is) with the views drawn for the new option; a
    # setting of the page (another sequence or model) starts a new play from the same step.
    at = open_stepper(sq_T="20", sq_t="9")
    at.button(key="sq_play").click().run()
    play = player_elements(at)["sq_pause"]["play"]
    assert played_steps(at) == list(range(9, 20))
    cursor = frames(at, "sq_lines_cursor_playing")[0]
    at.multiselect(key="sq_q").set_value(["c", "h"]).run()
    assert player_elements(at)["sq_pause"]["play"] == play
    assert played_steps(at) == list(range(9, 20))
    dots = frames(at, "sq_lines_cursor_playing")[0].count("border-radius: 50%")
    assert dots == cursor.count("border-radius: 50%") - 1  # f, c, h → c, h
    at.select_slider(key="sq_fps").set_value("5").run()
    assert player_elements(at)["sq_pause"]["play"] == play
    assert player_elements(at)["sq_pause"]["fps"] == 5
    at.slider(key="sq_H").set_value(4).run()
    assert player_elements(at)["sq_pause"]["play"] != play
    assert played_steps(at) == list(range(9, 20))
    assert figures_while_playing(at)[1]["layout"]["meta"]["H"] == 4
    at.slider(key="sq_T").set_value(10).run()  # shorter than the step shown: its last
    assert played_steps(at) == [9]
    assert_no_errors(at)


def test_a_long_play_sends_its_first_frames_with_the_views_and_the_rest_after_the_last_view():
    at = open_stepper(sq_T="40", sq_t="5")
    at.button(key="sq_play").click().run()
    assert_no_errors(at)
    assert played_steps(at) == list(range(5, 40))  # first and rest together: every step once
    elements = player_elements(at)
    head = stepper_state.PLAY_HEAD
    views = {k: v for k, v in elements.items() if "frames" in v}
    (store,) = [v for v in elements.values() if "views" in v]
    assert {v["store"] for v in views.values()} == {store["store"]}
    assert sorted(store["views"]) == sorted(v["name"] for v in views.values())
    for key, view in views.items():
        assert len(sent_frames(at, key)["frames"]) == head, key
        assert len(store["views"][view["name"]]["frames"]) == 35 - head, key
        assert "parts" not in store["views"][view["name"]]  # packed against the first frames'
    # The store comes after every view, so the views play while it is made.
    order = [e.proto.id.rsplit("-", 1)[-1] for e in at.get("bidi_component")]
    assert order[-2:] == ["sq_table_playing", "sq_frames"]


def test_the_store_is_named_by_everything_its_frames_show_and_the_views_follow_it():
    """A store's id names its frames: what changes them (the cell's variant, the units, the
    quantities, the diagram's unit) gives another id, so a view never takes the rest of its
    frames from a store made for other views; the speed changes no frame, and keeps it."""

    def store_id(at: AppTest) -> str:
        ids = {v["store"] for v in player_elements(at).values() if "store" in v}
        assert len(ids) == 1
        return ids.pop()

    at = open_stepper(sq_T="40")
    at.button(key="sq_play").click().run()
    seen = [store_id(at)]
    button_group(at, "sq_variant").set_value("coupled").run()
    seen.append(store_id(at))
    at.multiselect(key="sq_units").set_value([2]).run()
    seen.append(store_id(at))
    at.multiselect(key="sq_q").set_value(["c"]).run()
    seen.append(store_id(at))
    at.selectbox(key="sq_unit").set_value(3).run()
    seen.append(store_id(at))
    assert len(set(seen)) == len(seen), seen
    at.select_slider(key="sq_fps").set_value("5").run()
    assert store_id(at) == seen[-1]
    assert_no_errors(at)
    assert played_steps(at) == list(range(40))


def test_a_play_of_a_few_steps_sends_them_all_with_the_views():
    at = open_stepper(sq_T="40", sq_t=str(40 - stepper_state.PLAY_HEAD))
    at.button(key="sq_play").click().run()
    assert played_steps(at) == list(range(40 - stepper_state.PLAY_HEAD, 40))
    assert not [v for v in player_elements(at).values() if "views" in v]  # no store
    assert all("store" not in v for v in player_elements(at).values())


def test_a_student_back_from_another_page_finds_the_run_paused_where_it_started():
    at = open_stepper(sq_T="20", sq_t="3")
    at.button(key="sq_play").click().run()
    assert played_steps(at)[0] == 3
    at.switch_page("pages/gate_anatomy.py").run()  # the browser's clock stops with the page
    assert_no_errors(at)
    at.switch_page("pages/sequence_stepper.py").run()
    assert_no_errors(at)
    assert shown_step(at) == 3


def test_play_visits_every_fifth_step_of_a_long_run_and_other_speeds_open_at_a_slower_one():
    at = open_stepper(sq_T="1000", sq_fps="20")  # a link with a speed no longer offered
    assert_no_errors(at)
    assert not at.warning
    assert at.select_slider(key="sq_fps").value == "10" == at.query_params.get("sq_fps")
    at.button(key="sq_play").click().run()
    steps = played_steps(at)
    assert steps == [*range(0, 1000, 5), 999]  # 1000 steps in 200 frames, and the last
    press(at, "sq_pause", "pause", 1)
    assert shown_step(at) == 5
    at.slider(key="sq_t").set_value(997).run()
    at.button(key="sq_play").click().run()
    assert played_steps(at) == [997, 999]
    assert open_stepper(sq_fps="3").select_slider(key="sq_fps").value == "2"


def test_the_frames_of_a_default_play_are_small():
    at = open_stepper()
    at.button(key="sq_play").click().run()
    sent = sum(len(el.proto.json) for el in at.get("bidi_component"))
    drawn = sum(
        len(f)
        for key in player_elements(at)
        if key != "sq_pause"
        for f in (frames(at, key) if "frames" in player_elements(at)[key] else [])
    )
    assert drawn > 1_000_000  # 50 steps of every view, as HTML
    assert sent < 250_000  # packed: the diagrams' and tables' numbers, not their markup


def test_next_and_back_move_the_cursor_and_every_view_follows():
    at = open_stepper()
    at.button(key="sq_next").click().run()
    at.button(key="sq_next").click().run()
    assert_no_errors(at)
    assert at.slider(key="sq_t").value == 2
    assert at.query_params["sq_t"] == "2"
    _, _, diagram = figures(at)
    assert cursor_steps(at) == [2, 2]
    (lines_cursor,) = [el.proto.body for el in at.get("html") if ">t = 2</div>" in el.proto.body]
    tr = default_trace()
    # The markers sit on x₂ and on f, c, h of unit 1 at step 2: the line chart's rows
    # (lstm_viz.cursor) centre each at its value's px.
    run_layout = figures(at)[0]["layout"]
    boxes = row_boxes(run_layout)
    values = [("y", tr.xs[2, 0]), ("y2", tr.f[2, 0]), ("y2", tr.c[2, 0]), ("y2", tr.h[2, 0])]
    for axis, value in values:
        assert f"top: {boxes[axis].y_px(value) - 5.25:.1f}px" in lines_cursor, (axis, value)
    assert diagram["values"]["c_prev"] == pytest.approx(tr.c[1, 0], abs=1e-12)
    assert diagram["values"]["c"] == pytest.approx(tr.c[2, 0], abs=1e-12)
    assert "t = 2" in all_text(at)
    table = at.dataframe[0].value  # the numbers of step 2, not of the step before
    np.testing.assert_allclose(table["cₜ₋₁"].to_numpy(), tr.c[1], atol=1e-12)
    np.testing.assert_allclose(table["fₜ"].to_numpy(), tr.f[2], atol=1e-12)
    np.testing.assert_allclose(table["hₜ"].to_numpy(), tr.h[2], atol=1e-12)
    for _ in range(3):
        at.button(key="sq_prev").click().run()
    assert at.slider(key="sq_t").value == 0  # stops at the first step


def test_cursor_stays_inside_a_shorter_sequence():
    at = open_stepper(sq_t="45")
    assert at.slider(key="sq_t").value == 45
    at.slider(key="sq_T").set_value(10).run()
    assert_no_errors(at)
    assert at.slider(key="sq_t").value == 9


def test_last_step_of_next_stays_at_the_end():
    at = open_stepper(sq_t="49")
    at.button(key="sq_next").click().run()
    assert at.slider(key="sq_t").value == 49


# --- typed numbers and CSV ----------------------------------------------------------------------


def test_typed_numbers_run_and_bad_ones_keep_the_last_good_list():
    at = open_stepper(sq_source="typed")
    at.text_area(key="sq_text").set_value("0, 1, 0.5").run()
    assert_no_errors(at)
    assert figures(at)[0]["layout"]["meta"]["T"] == 3
    at.text_area(key="sq_text").set_value("0, 1, banana").run()
    assert_no_errors(at)
    assert "`banana`" in warnings(at)
    assert figures(at)[0]["layout"]["meta"]["T"] == 3  # the last good list is kept
    at.text_area(key="sq_text").set_value("1, nan, 2").run()
    assert "not finite" in warnings(at)


def test_csv_upload_good_then_bad_keeps_the_good_sequence():
    at = open_stepper(sq_source="csv")
    assert_no_errors(at)
    assert any("No CSV file yet" in i.value for i in at.info)
    good = (FIXTURES / "sequence_two_features.csv").read_bytes()
    upload(at, "sq_csv_file", "waves.csv", good)
    assert_no_errors(at)
    run, _, _ = figures(at)
    assert run["layout"]["meta"]["T"] == 40
    assert [d["name"] for d in run["data"][:2]] == ["sine", "cosine"]
    upload(at, "sq_csv_file", "image.csv", b"\x89PNG\r\n\x1a\n\x00\x00binary")
    assert_no_errors(at)
    assert "not a text file" in warnings(at)
    assert figures(at)[0]["layout"]["meta"]["T"] == 40


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"a,b\n1,2\n3,x\n", "Row 3, column 2"),
        (("1\n" * 5002).encode(), "at most 5000"),
        (b"1|2\n3|4\n5|6\n", "commas, semicolons or tabs"),
    ],
)
def test_bad_csv_files_get_a_message_not_a_traceback(data, words):
    at = open_stepper(sq_source="csv")
    upload(at, "sq_csv_file", "bad.csv", data)
    assert_no_errors(at)
    assert words in warnings(at)


# --- weights ------------------------------------------------------------------------------------


def test_pytorch_npz_upload_runs_those_weights():
    at = open_stepper(sq_model="upload")
    assert any("No weights file yet" in i.value for i in at.info)
    upload(at, "sq_weights_file", "lstm.npz", (FIXTURES / "lstm_torch_d1_h3.npz").read_bytes())
    assert_no_errors(at)
    _, heat, diagram = figures(at)
    assert heat["layout"]["meta"]["H"] == 3
    p = load_weights((FIXTURES / "lstm_torch_d1_h3.npz").read_bytes()).params
    tr = run_lstm(p, make_sequence("sine", 50, 0).xs)
    assert diagram["values"]["h"] == pytest.approx(tr.h[0, 0], abs=1e-12)
    assert "In use: **lstm.npz**, LSTM, PyTorch layout, H = 3, D = 1." in successes(at)


def test_a_second_weights_file_of_the_same_shape_replaces_the_first():
    at = open_stepper(sq_model="upload")
    upload(at, "sq_weights_file", "lstm.npz", (FIXTURES / "lstm_torch_d1_h3.npz").read_bytes())
    other = LSTMParams.init(1, 3, seed=7, scheme="gaussian")
    upload(at, "sq_weights_file", "lstm.npz", npz_bytes(other.to_torch()))  # same name, too
    assert_no_errors(at)
    tr = run_lstm(other, make_sequence("sine", 50, 0).xs)
    assert figures(at)[2]["values"]["h"] == pytest.approx(tr.h[0, 0], abs=1e-12)
    np.testing.assert_allclose(at.dataframe[0].value["hₜ"].to_numpy(), tr.h[0], atol=1e-12)


def test_keras_safetensors_upload_and_bad_files_keep_the_last_good_weights():
    at = open_stepper(sq_model="upload")
    keras = (FIXTURES / "lstm_keras_d1_h3.safetensors").read_bytes()
    upload(at, "sq_weights_file", "lstm.safetensors", keras)
    assert_no_errors(at)
    assert figures(at)[1]["layout"]["meta"]["H"] == 3
    buffer = io.BytesIO()
    np.savez(buffer, kernel=np.array([{"evil": True}], dtype=object))
    upload(at, "sq_weights_file", "evil.npz", buffer.getvalue())
    assert_no_errors(at)
    assert "pickled" in warnings(at)
    assert figures(at)[1]["layout"]["meta"]["H"] == 3
    sd = LSTMParams.init(1, 2, seed=0).to_torch()
    sd["weight_hh_l0"] = np.zeros((8, 3))
    upload(at, "sq_weights_file", "wrong.npz", npz_bytes(sd))
    assert "weight_hh_l0 has shape (8, 3)" in warnings(at)
    upload(at, "sq_weights_file", "noise.safetensors", bytes(range(256)))
    assert_no_errors(at)
    assert "cannot be read" in warnings(at)
    assert figures(at)[1]["layout"]["meta"]["H"] == 3


def zip_with(local_offset: int, central_offset: int, value: int, data: bytes) -> bytes:
    """`data` (a zip) with one byte of every local and central header set or or-ed."""
    raw = bytearray(data)
    for magic, offset in ((b"PK\x03\x04", local_offset), (b"PK\x01\x02", central_offset)):
        at = raw.find(magic)
        while at >= 0:
            raw[at + offset] = value if value == 9 else raw[at + offset] | value
            at = raw.find(magic, at + 1)
    return bytes(raw)


def hostile_weights() -> list[tuple[str, bytes, str]]:
    """(name, bytes, words of the message) of files that used to raise past the page."""
    good = npz_bytes(LSTMParams.init(1, 2, seed=0).to_torch())
    deep = b"[" * 49_000
    digits = b'{"kernel": {"dtype": "F32", "shape": [' + b"7" * 5000 + b"]}}"
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "<f8", "fortran_order": False, "shape": (10**12,)}
    )
    huge = io.BytesIO()
    with zipfile.ZipFile(huge, "w") as archive:
        archive.writestr("weight_ih_l0.npy", header.getvalue() + bytes(64))
    sd = LSTMParams.init(1, 2, seed=0).to_torch()
    sd["weight_ih_l0"][0, 0] = 1e308
    return [
        ("deep.safetensors", len(deep).to_bytes(8, "little") + deep, "nested too deeply"),
        ("digits.safetensors", len(digits).to_bytes(8, "little") + digits, "number too long"),
        ("locked.npz", zip_with(6, 8, 0x1, good), "encrypted"),
        ("deflate64.npz", zip_with(8, 10, 9, good), "zip method 9"),
        ("huge.npz", huge.getvalue(), "1,000,000,000,000 numbers"),
        ("huge_npy.npz", header.getvalue() + bytes(64), "single .npy"),
        ("huge_values.npz", npz_bytes(sd), "beyond ±1000"),
    ]


def test_hostile_weight_files_give_a_message_and_keep_the_last_good_model():
    # Korean messages are checked beside each parser's test in test_weights_io.py, and a whole
    # Korean page in test_upload_robustness.py (its fixture korean_outside_the_script explains
    # why AppTest needs help to rerun a Korean page with select boxes).
    at = open_stepper(sq_model="upload")
    upload(at, "sq_weights_file", "lstm.npz", (FIXTURES / "lstm_torch_d1_h3.npz").read_bytes())
    assert figures(at)[1]["layout"]["meta"]["H"] == 3
    for name, data, words in hostile_weights():
        upload(at, "sq_weights_file", name, data)
        assert_no_errors(at)
        assert words in warnings(at), name
        # one message: the file, the reason, and exactly which weights are kept
        (warning,) = at.warning
        assert warning.value.startswith(f"**{name}** was not loaded."), name
        kept = "The weights in use are still those of **lstm.npz** (LSTM, PyTorch layout, H = 3"
        assert kept in warning.value and "sequence" not in warning.value, name
        assert picker(at, "sq_weights_file").value is None, name  # the refused file is gone
        assert figures(at)[1]["layout"]["meta"]["H"] == 3, name
        for lang in ("en", "ko"):
            error = at.session_state["sq_weights_seen"][1]
            assert uploads.describe(error, lang).strip(), name


def test_an_unforeseen_parser_failure_is_a_message_and_the_file_is_read_once(monkeypatch, caplog):
    calls = []

    def broken(data, filename, cells=("lstm",)):
        calls.append(filename)
        raise RuntimeError("a bug in a parser")

    at = open_stepper(sq_model="upload")
    upload(at, "sq_weights_file", "lstm.npz", (FIXTURES / "lstm_torch_d1_h3.npz").read_bytes())
    monkeypatch.setattr(uploads, "parse_weights", broken)
    with caplog.at_level(logging.ERROR, logger="lstm_gate_lab"):
        upload(at, "sq_weights_file", "odd.npz", b"PK\x03\x04whatever")
    assert_no_errors(at)
    assert "could not be read (RuntimeError)" in warnings(at)
    assert "a bug in a parser" in caplog.text  # logged for us, not shown
    assert figures(at)[1]["layout"]["meta"]["H"] == 3
    at.button(key="sq_next").click().run()
    assert calls == ["odd.npz"]  # not read again on every rerun
    assert "could not be read" in warnings(at)


def test_an_unforeseen_csv_failure_is_a_message_and_keeps_the_last_sequence(monkeypatch):
    at = open_stepper(sq_source="csv")
    upload(at, "sq_csv_file", "waves.csv", (FIXTURES / "sequence_two_features.csv").read_bytes())
    monkeypatch.setattr(uploads, "parse_csv", lambda data: 1 / 0)
    upload(at, "sq_csv_file", "odd.csv", b"1\n2\n")
    assert_no_errors(at)
    assert "ZeroDivisionError" in warnings(at)
    assert figures(at)[0]["layout"]["meta"]["T"] == 40


def test_a_megabyte_of_commas_is_a_message():
    at = open_stepper(sq_source="csv")
    upload(at, "sq_csv_file", "commas.csv", b"," * 1_000_000 + b"\n1\n")
    assert_no_errors(at)
    assert "1,000,001 columns" in warnings(at)


def test_decimal_commas_read_as_two_columns_get_a_note():
    at = open_stepper(sq_source="csv")
    upload(at, "sq_csv_file", "half.csv", b"0,5\n1,25\n2,75\n")
    assert_no_errors(at)
    assert "decimal commas" in warnings(at)
    assert figures(at)[0]["layout"]["meta"]["T"] == 3


def test_a_two_layer_bidirectional_state_dict_says_only_the_first_layer_is_used():
    p = LSTMParams.init(1, 3, seed=0)
    sd = {
        **p.to_torch(),
        "weight_ih_l0_reverse": np.zeros((12, 1)),
        "weight_ih_l1": np.zeros((12, 6)),
    }
    at = open_stepper(sq_model="upload")
    upload(at, "sq_weights_file", "bi.npz", npz_bytes(sd))
    assert_no_errors(at)
    assert "only the first layer's forward direction" in warnings(at)
    assert "weight_ih_l0_reverse, weight_ih_l1" in warnings(at)
    assert figures(at)[1]["layout"]["meta"]["H"] == 3


def test_weights_for_another_input_size_wait_for_a_matching_sequence():
    at = open_stepper(sq_model="upload")
    d2 = (FIXTURES / "lstm_torch_d2_h4.safetensors").read_bytes()
    upload(at, "sq_weights_file", "lstm_d2.safetensors", d2)
    assert_no_errors(at)
    assert "D = 2" in warnings(at) and "D = 1" in warnings(at)
    assert figures(at)[1]["layout"]["meta"]["H"] == 8  # the random model meanwhile
    button_group(at, "sq_source").set_value("csv").run()
    upload(at, "sq_csv_file", "waves.csv", (FIXTURES / "sequence_two_features.csv").read_bytes())
    assert_no_errors(at)
    assert not at.warning
    assert figures(at)[1]["layout"]["meta"]["H"] == 4


# --- what an upload did, said next to its picker (issue 21) ------------------------------------


def section_of(at: AppTest, key: str):
    """The expander (the controls' input or model section) that holds the picker `key`."""
    found = [ex for ex in at.expander if any(picker_key(el, key) for el in ex.get("file_uploader"))]
    assert len(found) == 1
    return found[0]


def picker_key(el, key: str) -> bool:
    return re.fullmatch(rf"{key}(_v\d+)?", el.key) is not None


def texts(block, kind: str) -> list[str]:
    return [el.value for el in block.get(kind)]


GOOD_NPZ = (FIXTURES / "lstm_torch_d1_h3.npz").read_bytes()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "In use: **lstm.npz**, LSTM, PyTorch layout, H = 3, D = 1."),
        (
            "ko",
            "사용 중인 파일: **lstm.npz**, LSTM, PyTorch 형식, 은닉 유닛 수 H = 3, 입력 수 D = 1.",
        ),
    ],
)
def test_a_good_weights_file_says_next_to_the_picker_what_was_loaded(lang, words, monkeypatch):
    if lang == "ko":
        # AppTest formats select box options with the page's format_func in the test's thread,
        # where the session's language is unknown: there it is Korean too, as in the page
        # (see korean_outside_the_script in test_upload_robustness.py).
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        from lstm_ui import lang as ui_lang

        current = ui_lang.current
        monkeypatch.setattr(
            ui_lang, "current", lambda: current() if get_script_run_ctx() is not None else "ko"
        )
    at = open_stepper(sq_model="upload", lang=lang)
    section = section_of(at, "sq_weights_file")
    (none,) = texts(section, "info")  # "no file yet", under the picker, and not elsewhere
    assert none.startswith("No weights file yet" if lang == "en" else "아직 가중치 파일이")
    assert [i.value for i in at.info].count(none) == 1
    upload(at, "sq_weights_file", "lstm.npz", GOOD_NPZ)
    assert_no_errors(at)
    section = section_of(at, "sq_weights_file")
    assert texts(section, "success") == [words]
    assert not at.warning and not texts(section, "info")
    assert picker(at, "sq_weights_file").value.name == "lstm.npz"  # the file in use


def test_a_bad_npz_after_a_good_one_leaves_the_picker_empty_and_says_the_weights_are_kept():
    at = open_stepper(sq_model="upload")
    upload(at, "sq_weights_file", "lstm.npz", GOOD_NPZ)
    sd = LSTMParams.init(1, 2, seed=0).to_torch()
    sd["weight_hh_l0"] = np.zeros((8, 3))
    upload(at, "sq_weights_file", "wrong.npz", npz_bytes(sd))
    assert_no_errors(at)
    section = section_of(at, "sq_weights_file")
    (warning,) = texts(section, "warning")  # next to the picker, and the only one on the page
    assert len(at.warning) == 1
    assert warning.startswith(
        "**wrong.npz** was not loaded. These weights do not fit a one-layer LSTM: "
        "weight_hh_l0 has shape (8, 3); expected (8, 2) = (4H, H) for H=2. The weights in use"
    )
    assert warning.endswith(
        "The weights in use are still those of **lstm.npz** (LSTM, PyTorch layout, H = 3, D = 1)."
    )
    assert "sequence" not in warning  # only the weights failed
    assert not texts(section, "success")  # no green box beside a refusal
    assert picker(at, "sq_weights_file").value is None  # the refused file is not shown
    assert figures(at)[1]["layout"]["meta"]["H"] == 3  # and the good weights still run
    # The message stays while the student looks elsewhere, and a good file clears it.
    at.button(key="sq_next").click().run()
    assert "**wrong.npz** was not loaded" in warnings(at)
    upload(at, "sq_weights_file", "again.npz", GOOD_NPZ)
    assert not at.warning and "**again.npz**" in successes(at)


def test_a_bad_first_weights_file_says_the_random_model_runs():
    at = open_stepper(sq_model="upload")
    upload(at, "sq_weights_file", "empty.npz", b"")
    (warning,) = texts(section_of(at, "sq_weights_file"), "warning")
    assert warning == (
        "**empty.npz** was not loaded. The file is empty. "
        "No weights file is in use: the random model runs."
    )
    assert picker(at, "sq_weights_file").value is None
    assert figures(at)[1]["layout"]["meta"]["H"] == 8


def test_a_bad_csv_is_refused_next_to_its_picker_and_names_the_sequence_kept():
    at = open_stepper(sq_source="csv")
    upload(at, "sq_csv_file", "bad.csv", b"a,b\n1,2\n3,x\n")
    assert_no_errors(at)
    section = section_of(at, "sq_csv_file")
    (warning,) = texts(section, "warning")
    assert warning.startswith("**bad.csv** was not loaded. Row 3, column 2")
    assert warning.endswith("No CSV file is in use: the preset sequence runs.")
    assert picker(at, "sq_csv_file").value is None
    assert len(at.warning) == 1
    assert not [i for i in at.info if "file" in i.value]  # no "no file yet" note elsewhere
    good = (FIXTURES / "sequence_two_features.csv").read_bytes()
    upload(at, "sq_csv_file", "waves.csv", good)
    section = section_of(at, "sq_csv_file")
    assert texts(section, "success") == [
        "In use: **waves.csv**, T = 40 steps, D = 2 (sine, cosine)."
    ]
    assert not at.warning
    upload(at, "sq_csv_file", "image.csv", b"\x89PNG\r\n\x1a\n\x00\x00binary")
    (warning,) = texts(section_of(at, "sq_csv_file"), "warning")
    assert warning.startswith("**image.csv** was not loaded.")
    assert warning.endswith("The sequence in use is still **waves.csv** (T = 40, D = 2).")
    assert "weights" not in warning and "model" not in warning
    assert picker(at, "sq_csv_file").value is None
    assert figures(at)[0]["layout"]["meta"]["T"] == 40


def test_a_gru_file_runs_the_gru_and_says_the_file_decides_the_cell():
    # The stepper runs GRUs too (sq_cell; tests/test_stepper_gru_page.py): a GRU file is used.
    at = open_stepper(sq_model="upload")
    upload(at, "sq_weights_file", "lstm.npz", GOOD_NPZ)
    gru = GRUParams.init(1, 8, seed=0)
    upload(at, "sq_weights_file", "gru.npz", npz_bytes(gru.to_torch()))
    assert_no_errors(at)
    assert not texts(section_of(at, "sq_weights_file"), "warning")
    assert "In use: **gru.npz**, GRU, PyTorch layout, H = 8, D = 1." in successes(at)
    assert "The weights file holds a GRU: the file decides which cell runs." in [
        i.value for i in at.info
    ]
    _, heat, diagram = figures(at)
    assert heat["layout"]["meta"]["rows"] == ["z", "r", "n", "h"] and diagram["cell"] == "gru"
    tr = run_gru(gru, make_sequence("sine", 50, 0).xs)
    np.testing.assert_allclose(at.dataframe[0].value["hₜ"].to_numpy(), tr.h[0], atol=1e-12)


def test_hand_set_weights_change_the_run_and_travel_in_the_url():
    at = open_stepper(sq_model="hand", sq_preset="pulse")
    assert_no_errors(at)
    assert "sq_w" not in at.query_params  # the example is not written out
    at.slider(key="sq_params_b_f").set_value(6.0).run()
    assert_no_errors(at)
    raw = at.query_params["sq_w"]
    p = weight_editor.unflatten_weights([float(v) for v in raw.split(",")], 1, 1)
    assert p.b[1] == 6.0
    again = open_stepper(sq_model="hand", sq_preset="pulse", sq_w=raw)
    assert_no_errors(again)
    assert again.slider(key="sq_params_b_f").value == 6.0
    # The pulse written at t = 0 (c = σ(2)·tanh(2) = 0.848) is kept ×σ(6) = 0.9975 a step,
    # so 49 steps later 0.75 is left; the example's b_f = 3 (f = 0.953) keeps only 0.09.
    c_end = lambda at: array(figures(at)[1]["data"][4]["z"]).reshape(-1)[-1]  # noqa: E731
    assert c_end(again) == pytest.approx(0.848 * 0.9975**49, abs=2e-3)
    assert c_end(open_stepper(sq_model="hand", sq_preset="pulse")) < 0.1


def test_copy_random_model_into_the_hand_table():
    at = open_stepper(sq_model="hand", sq_hand_H="2")
    at.button(key="sq_copy_random").click().run()
    assert_no_errors(at)
    p = at.session_state["sq_params"]
    q = LSTMParams.init(1, 2, seed=0, scheme="torch")
    np.testing.assert_array_equal(p.W, q.W)


# --- URL ----------------------------------------------------------------------------------------


def test_url_settings_are_read_and_written_back():
    query = dict(
        sq_preset="pulse",
        sq_T="200",
        sq_H="16",
        sq_seed="3",
        sq_fb="5",
        sq_scheme="keras",
        sq_variant="no_forget",
        sq_t="10",
        sq_units="2,5",
        sq_q="c,h",
        sq_unit="4",
        sq_fps="2",
    )
    at = open_stepper(**query)
    assert_no_errors(at)
    assert not at.warning
    assert at.slider(key="sq_T").value == 200
    assert at.slider(key="sq_H").value == 16
    assert at.multiselect(key="sq_units").value == [2, 5]
    assert at.selectbox(key="sq_unit").value == 4
    for key, value in query.items():
        assert at.query_params[key] == value, key
    _, heat, diagram = figures(at)
    rows = ["f", "i", "o", "g", "c", "h"]
    assert heat["layout"]["meta"] == {"stride": 1, "T": 200, "H": 16, "rows": rows}
    assert cursor_steps(at) == [10, 10]
    assert at.select_slider(key="sq_fps").value == "2"
    assert diagram["unit"] == 3  # unit 4 on screen is index 3
    # The model is LSTMParams.init(1, 16, seed=3, scheme="keras", forget_bias=5), no forget gate.
    p = LSTMParams.init(1, 16, seed=3, scheme="keras", forget_bias=5.0)
    tr = run_lstm(p, make_sequence("pulse", 200, 0).xs, variant="no_forget")
    assert diagram["values"]["c"] == pytest.approx(tr.c[10, 3], abs=1e-12)


def test_changed_settings_appear_in_the_url_and_defaults_leave_it():
    at = open_stepper()
    at.slider(key="sq_H").set_value(12).run()
    at.multiselect(key="sq_q").set_value(["o", "h"]).run()
    assert at.query_params["sq_H"] == "12"
    assert at.query_params["sq_q"] == "o,h"
    at.slider(key="sq_H").set_value(8).run()
    assert "sq_H" not in at.query_params


def test_bad_url_values_are_reported_and_the_page_still_runs():
    at = open_stepper(sq_T="99999", sq_preset="bogus", sq_units="0,99", sq_zz="1", sq_t="-4")
    assert_no_errors(at)
    text = warnings(at)
    assert "sq_T" in text and "sq_preset" in text and "sq_units" in text and "sq_zz" in text
    assert at.slider(key="sq_T").value == 1000
    assert at.slider(key="sq_t").value == 0


@pytest.mark.parametrize("units", ["²", "1,²", "٣", "1e1", " ", "1,2,3,4,5"])
def test_odd_unit_lists_in_the_url_are_reported_not_a_crash(units):
    at = open_stepper(sq_units=units)
    assert_no_errors(at)
    assert "sq_units" in warnings(at)
    assert at.multiselect(key="sq_units").value == [1]


def test_repeated_units_and_quantities_in_the_url_are_read_once():
    at = open_stepper(sq_units="2,2,2", sq_q="f,f,h")
    assert_no_errors(at)
    assert not at.warning
    assert at.multiselect(key="sq_units").value == [2]
    assert at.multiselect(key="sq_q").value == ["f", "h"]


def test_url_cursor_and_units_beyond_the_run_are_reported():
    at = open_stepper(sq_T="10", sq_t="45", sq_H="8", sq_units="3,12")
    assert_no_errors(at)
    text = warnings(at)
    assert "t = 45" in text and "ends at t = 9" in text
    assert "unit(s) 12" in text and "H = 8" in text
    assert at.slider(key="sq_t").value == 9
    assert at.multiselect(key="sq_units").value == [3]
    at.button(key="sq_prev").click().run()
    assert not at.warning  # said once, on opening the link
    at = open_stepper(sq_T="10", sq_t="45", sq_H="8", sq_units="3,12", lang="ko")
    assert "t = 9" in warnings(at) and "H = 8" in warnings(at)


# --- downloads and size -------------------------------------------------------------------------


def test_downloads_hold_the_whole_trace_and_loadable_weights():
    at = open_stepper()
    assert len(at.get("download_button")) == 2
    tr = default_trace()
    # Python's float() reads back the exact number (pandas' own parser does so only from 3.1)
    frame = pd.read_csv(io.BytesIO(stepper_state.trace_csv(tr)), converters={"value": float})
    assert len(frame) == 6 * 50 * 8
    h = frame[frame.quantity == "h"].sort_values(["t", "unit"])["value"].to_numpy()
    np.testing.assert_array_equal(h, tr.h.ravel())  # every digit survives the CSV
    # Units are numbered 1..H as on the page (its table, heatmaps and unit pickers).
    assert sorted(frame.unit.unique()) == list(range(1, 9))
    row = frame[(frame.t == 7) & (frame.unit == 3) & (frame.quantity == "c")]
    assert row["value"].item() == tr.c[7, 2]
    table = at.dataframe[0].value
    assert list(table.index) == list(range(1, 9))
    p = LSTMParams.init(1, 8, seed=0)
    q = load_weights(stepper_state.weights_npz(p)).params
    np.testing.assert_array_equal(q.W, p.W)


def test_figures_stay_small_at_defaults_and_thin_long_runs():
    at = open_stepper()
    sizes = [len(chart.proto.spec) for chart in at.get("plotly_chart")]
    assert sum(sizes) < 1_000_000
    at = open_stepper(sq_T="1000", sq_H="64", sq_units="1,2,3,4", sq_q="i,f,g,o,c,h")
    assert_no_errors(at)
    run, heat, _ = figures(at)
    assert heat["layout"]["meta"]["stride"] == 5
    assert "frames" not in run
    text = all_text(at)
    assert "visits 201 of the 1000 steps (1 in 5 steps" in text  # ▶ Play's steps
    assert "lowest and the highest value of every 8 steps" in text
    assert "each column covers 5 steps" in text and "every step" in text
    assert not re.search(r"\d+th step", text)  # no "every 2th step"
    at = open_stepper(sq_T="1000", lang="ko")
    assert "5단계마다 1개" in all_text(at)
    help_text = at.get("download_button")[0].proto.help
    assert "48,000" in help_text and "MB" in help_text  # 6 · 1000 · 8 rows, and its size


def test_downloads_help_says_how_big_the_whole_run_is():
    rows, size = 6 * 5000 * 64, stepper_state.trace_csv_size(5000, 64)
    assert size.endswith("MB") and 45 < float(size.split()[0]) < 65
    assert f"{rows:,}" in stepper_state.i18n.t(
        "stepper.download_trace_help", "en", rows=f"{rows:,}", size=size
    )


# --- long runs: pooled heatmap columns and line envelopes (lstm_viz) ----------------------------


def test_pooled_columns_show_a_one_step_dip_that_striding_would_skip():
    values = np.full((1000, 2), 0.95)
    values[5, 0] = 0.1  # a forget gate that lets go for one step (not a multiple of 4)
    values[:, 1] = np.linspace(-1, 1, 1000)
    steps = pooled_steps(values, 4)
    assert steps.shape == (2, 250)
    assert steps[0, 1] == 5  # the dip is the step its column shows
    assert steps[0, 0] == 0 and steps[0, 2] == 8  # constant columns: their first step
    assert set(steps[1, 1:-1] % 4) <= {0, 3}  # a ramp: an end of each column
    y = np.zeros(1000)
    y[6], y[7] = 3.0, -2.0
    kept = envelope_steps(y, 8)
    assert {0, 6, 7, 999} <= set(kept.tolist())


def run_with_pulses(T: int = 1000, H: int = 5):
    xs = np.zeros((T, 1))
    xs[[k for k in (5, 301, 777) if k < T], 0] = 4.0
    return run_lstm(LSTMParams.init(1, H, seed=2), xs)


def test_pooled_heatmap_bricks_hold_real_steps_and_the_cursor_sits_in_its_column():
    tr = run_with_pulses()
    fig = trace_heatmaps(tr)
    for cursor in (0, 6, 7, 8, 301, 998, 999):
        spec = json.loads(fig.to_json())
        go.Figure(spec)  # plotly accepts brick edges as x and 2-D customdata
        assert fig.layout.meta["stride"] == 5
        for r, q in enumerate(("f", "i", "o", "g", "c", "h")):
            trace = fig.data[r]
            edges, steps, z = np.asarray(trace.x), np.asarray(trace.customdata), trace.z
            assert len(edges) == 201 and edges[0] == -0.5 and edges[-1] == 999.5
            # every brick holds the value of the step it names, which lies inside its column
            values = getattr(tr, q)
            np.testing.assert_allclose(
                z, values[steps, np.arange(5)[:, None]].astype(np.float32), rtol=0, atol=0
            )
            column = np.searchsorted(edges, np.arange(1000)) - 1
            assert (column[steps] == np.arange(200)).all()
            # the cursor line crosses the column that holds the cursor step
            c = int(np.searchsorted(edges, cursor) - 1)
            assert edges[c] < cursor < edges[c + 1] and c == cursor // 5
        # and heatmap_cursor stands at the step itself, on the figure's axis of steps
        assert heatmap_cursor(1000, cursor).x == cursor


def test_a_short_run_has_one_brick_per_step():
    tr = run_with_pulses(T=50)
    fig = trace_heatmaps(tr)
    assert fig.layout.meta["stride"] == 1
    assert list(fig.data[0].x) == list(range(50)) and fig.data[0].customdata is None
