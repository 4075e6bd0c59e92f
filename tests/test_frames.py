"""The frames ▶ Play sends to the browser (lstm_viz.frames): packed as a template and the words
that change, and unpacked to exactly the frames."""

import json

import numpy as np

from lstm_core import LSTMParams, run_lstm
from lstm_viz.cell_svg import lstm_cell_svg, svg_meta
from lstm_viz.frames import pack, unpack
from lstm_viz.stepper import play_steps, step_view


def test_frames_of_one_shape_keep_only_the_words_that_change():
    frames = ['<p class="x">t = 1, c = 0.5</p>', '<p class="x">t = 2, c = -0.25</p>']
    packed = pack(frames)
    assert packed["frames"] == [["1,", "0.5"], ["2,", "-0.25"]]
    assert [packed["parts"][k] for k in packed["slots"]] == ["1,", "0.5"]
    assert [unpack(packed, i) for i in range(2)] == frames


def test_a_frame_of_another_shape_is_sent_whole_and_the_others_still_packed():
    frames = ["<b>t = 1</b>", "<b>t = 2</b> <i>the end</i>", "<b>t = 3</b>"]
    packed = pack(frames)
    assert packed["frames"][1] == frames[1]
    assert packed["frames"][0] == ["1"] and packed["frames"][2] == ["3"]
    assert [unpack(packed, i) for i in range(3)] == frames


def test_markup_that_differs_between_words_makes_a_frame_whole():
    frames = ['<div style="a">x</div>', '<div  style="a">x</div>']  # two spaces: other markup
    packed = pack(frames)
    assert packed["frames"][1] == frames[1]
    assert unpack(packed, 0) == frames[0] and unpack(packed, 1) == frames[1]


def test_no_frames_and_one_frame():
    assert pack([]) == {"parts": [], "slots": [], "frames": []}
    packed = pack(["<p>only</p>"])
    assert packed["slots"] == [] and unpack(packed, 0) == "<p>only</p>"


def test_a_play_of_cell_diagrams_unpacks_to_each_diagram_and_is_a_tenth_of_their_size():
    params = LSTMParams.init(1, 8, seed=0)
    xs = np.sin(np.linspace(0, 6, 50))[:, None]
    trace = run_lstm(params, xs)
    diagrams = []
    for t in play_steps(50):
        view = step_view(params, trace, int(t))
        diagrams.append(lstm_cell_svg(view.x, view.h_prev, view.c_prev, view.step, unit=0))
    packed = pack(diagrams)
    for t, diagram in enumerate(diagrams):
        assert unpack(packed, t) == diagram
        assert svg_meta(unpack(packed, t))["values"]["c"] == svg_meta(diagram)["values"]["c"]
    assert all(isinstance(frame, list) for frame in packed["frames"])
    sent = len(json.dumps(packed, ensure_ascii=False))
    assert sent < 0.15 * sum(len(d) for d in diagrams)


def test_frames_packed_against_an_earlier_template_leave_it_out_and_unpack_with_it():
    first = pack(['<p class="x">t = 1, c = 0.5</p>', '<p class="x">t = 2, c = 0.5</p>'])
    rest = ['<p class="x">t = 3, c = 0.75</p>', "<p>the end</p>"]
    packed = pack(rest, first["parts"])
    assert "parts" not in packed
    assert packed["frames"] == [["3,", "0.75"], "<p>the end</p>"]  # c changes only later
    assert [unpack(packed, i, first["parts"]) for i in range(2)] == rest
    assert pack([], first["parts"]) == {"slots": [], "frames": []}
