"""The stepper's line figure and the gradients page's main chart carry no animation of their own
(one step control: the page's), the stepper's cursor (laid over its chart) sits at the step it
is given with its markers on the run's values, and the step under the cursor starts from the
state the run was in."""

import re

import numpy as np
import pytest

from lstm_core import GRUParams, LSTMParams, RNNParams, run_gru, run_lstm
from lstm_core.lab.gradient_flow import lstm_flow, rnn_flow
from lstm_core.lab.inputs import make_sequence
from lstm_core.lab.verdicts import gradient_verdicts
from lstm_viz import gradients as grad_viz
from lstm_viz.heatmaps import word_axis_css
from lstm_viz.stepper import (
    MAX_PLAY_TICKS,
    gru_step_view,
    play_steps,
    play_stride,
    run_cursor,
    run_figure,
    state_before,
    step_table,
    step_view,
)

ANIMATION = {"sliders", "updatemenus"}


def lstm_trace(T: int = 30, H: int = 4, D: int = 2):
    xs = np.random.default_rng(7).normal(size=(T, D))
    return run_lstm(LSTMParams.init(D, H, seed=3), xs)


@pytest.mark.parametrize("t", [0, 7, 29])
def test_the_line_figure_is_the_same_at_every_step_and_its_cursor_sits_at_step_t(t):
    trace = lstm_trace()
    spec = run_figure(trace, units=[0, 2], quantities=["f", "c", "h"]).to_dict()
    assert "frames" not in spec and not ANIMATION & set(spec["layout"])
    assert all(d.get("hoverinfo") != "skip" for d in spec["data"])  # no cursor in the figure
    cursor = run_cursor(trace, t, units=[0, 2], quantities=["f", "c", "h"])
    assert cursor.x == t and cursor.label == f"t = {t}"
    # the markers sit on the run's exact values at step t: x (2 features) in the input's row,
    # then f, c, h of unit 1 and of unit 3 (units from 0: 0 and 2) in the lines' row, in the
    # colours of their lines
    assert [m.axis for m in cursor.markers] == ["y"] * 2 + ["y2"] * 6
    np.testing.assert_array_equal([m.value for m in cursor.markers[:2]], trace.xs[t])
    expected = [getattr(trace, q)[t, k] for k in (0, 2) for q in ("f", "c", "h")]
    np.testing.assert_array_equal([m.value for m in cursor.markers[2:]], expected)
    colors = {d["name"]: d["line"]["color"] for d in spec["data"] if d["yaxis"] == "y2"}
    assert [m.color for m in cursor.markers[2:5]] == [
        colors["fₜ · unit 1"],
        colors["cₜ · unit 1"],
        colors["hₜ · unit 1"],
    ]


def test_the_cursor_is_kept_inside_the_run_and_names_the_word_under_it():
    trace = lstm_trace(T=5, D=1)
    words = ("a", "b", "c", "d", "e")
    cursor = run_cursor(trace, 99, tokens=words)
    assert cursor.x == 4 and cursor.label == "t = 4 · e"
    assert run_cursor(trace, -3).x == 0


def test_a_gru_run_has_its_cursor_markers_on_its_own_quantities():
    xs = make_sequence("sine", 12, 0).xs
    g = GRUParams.init(1, 3, seed=1)
    trace = run_gru(g, xs)
    spec = run_figure(trace, units=[1], quantities=["z", "h", "f"]).to_dict()
    assert not ANIMATION & set(spec["layout"])
    markers = [m for m in run_cursor(trace, 5, units=[1], quantities=["z", "h", "f"]).markers]
    assert [m.axis for m in markers] == ["y", "y2", "y2"]
    np.testing.assert_array_equal([m.value for m in markers[1:]], [trace.z[5, 1], trace.h[5, 1]])


@pytest.mark.parametrize(
    ("T", "stride", "count"), [(1, 1, 1), (50, 1, 50), (200, 1, 200), (201, 2, 101), (1000, 5, 201)]
)
def test_play_visits_every_step_or_one_in_stride_and_the_last(T, stride, count):
    steps = play_steps(T)
    assert play_stride(T) == stride and len(steps) == count <= MAX_PLAY_TICKS + 1
    assert steps[0] == 0 and steps[-1] == T - 1
    assert set(np.diff(steps[:-1]).tolist()) <= {stride}


def test_the_gradient_chart_has_no_animation_and_room_only_for_its_axis():
    xs = make_sequence("first_value", 60, 0).xs
    q = RNNParams.init(1, 8, seed=0, scheme="gaussian", recurrent_scale=0.9)
    p = LSTMParams.init(1, 8, seed=0, scheme="gaussian")
    rnn, lstm = rnn_flow(q, xs, 59), lstm_flow(p, xs, 59)
    figure = grad_viz.norm_figure(rnn, lstm, gradient_verdicts(rnn, lstm, None), "en")
    spec = figure.to_dict()
    assert "frames" not in spec and not ANIMATION & set(spec["layout"])
    assert spec["layout"]["margin"]["b"] == 60 and spec["layout"]["height"] == 450
    # what the travelling markers showed is still there: the curves over every k shown, and
    # a diamond at each horizon on its curve
    assert figure.data[0].x[-1] == 59
    diamonds = [d for d in figure.data if d.mode == "markers" and d.marker.symbol == "diamond"]
    assert diamonds
    for diamond in diamonds:
        k = diamond.x[0]
        curve = next(
            d for d in figure.data if d.mode == "lines" and d.line.color == diamond.marker.color
        )
        i = list(curve.x).index(k)
        assert diamond.y[0] == pytest.approx(curve.y[i])


@pytest.mark.parametrize("t", [0, 1, 29])
def test_a_step_starts_from_the_runs_state_one_step_earlier_or_the_initial_state(t):
    p = LSTMParams.init(2, 4, seed=3)
    xs = np.random.default_rng(7).normal(size=(30, 2))
    h0, c0 = np.full(4, 0.25), np.full(4, -0.5)
    trace = run_lstm(p, xs, h0=h0, c0=c0)
    h_prev, c_prev = state_before(trace, t)
    np.testing.assert_array_equal(h_prev, h0 if t == 0 else trace.h[t - 1])
    np.testing.assert_array_equal(c_prev, c0 if t == 0 else trace.c[t - 1])
    view = step_view(p, trace, t)  # the step recomputed from that state is the run's step t
    np.testing.assert_allclose(view.step.c, trace.c[t], rtol=0, atol=1e-15)
    np.testing.assert_allclose(view.step.h, trace.h[t], rtol=0, atol=1e-15)
    np.testing.assert_array_equal(step_table(trace, t)["cₜ₋₁"], c_prev)

    g = GRUParams.init(2, 4, seed=3)
    gru = run_gru(g, xs, h0=h0)
    h_prev, c_prev = state_before(gru, t)
    np.testing.assert_array_equal(h_prev, h0 if t == 0 else gru.h[t - 1])
    assert c_prev is None  # a GRU has no cell state
    np.testing.assert_allclose(gru_step_view(g, gru, t).step.h, gru.h[t], rtol=0, atol=1e-15)
    np.testing.assert_array_equal(step_table(gru, t)["hₜ₋₁"], h_prev)


def word_step(css: str, width: float) -> int:
    """The k of "every k-th word" that word_axis_css's container queries give a box this wide
    (1: no query holds, every word is shown)."""
    steps = []
    for low, high, k in re.findall(
        r"@container (?:\(([\d.]+)px <= width\) and )?\(width < ([\d.]+)px\).*?nth-of-type\((\d+)n",
        css,
    ):
        if (not low or float(low) <= width) and width < float(high):
            steps.append(int(k))
    assert len(steps) <= 1, f"{len(steps)} queries hold at {width} px"
    return steps[0] if steps else 1


@pytest.mark.parametrize(
    ("width", "step"),
    [
        # 37 words, 134 px of margins, 10 px words slanted by 60°: 1.2 · 10 / sin 60° = 13.86 px
        # along the axis each. Every word fits a box of 134 + 37 · 13.86 = 646.7 px or more.
        (700, 1),
        (646.7, 1),
        (646.6, 2),
        (547, 2),  # a laptop: every other word
        (390.3, 2),  # 134 + 37 · 13.86 / 2
        (390.2, 3),
        (368, 3),  # a phone, 400 px wide: every third word
        (305.0, 3),  # 134 + 37 · 13.86 / 3 = 304.9
        (304.8, 4),
        (150, 20),  # the narrowest box there is gets the last query
    ],
)
def test_a_narrow_chart_labels_every_kth_word_of_a_sentence(width, step):
    css = word_axis_css(".box", words_layout(37))
    assert css.startswith(".box { container-type: inline-size; }")
    assert word_step(css, width) == step


def words_layout(T: int, font_px: float = 10, left: int = 56, right: int = 78) -> dict:
    """The parts of a stepper chart's layout word_axis_css reads: margins, the word axis."""
    words = dict(ticktext=["word"] * T, tickangle=-60, tickfont=dict(size=font_px))
    return dict(margin=dict(l=left, r=right), xaxis=dict(tickfont=dict(size=10)), xaxis2=words)


def test_a_short_sentence_in_a_wide_box_shows_every_word():
    assert word_step(word_axis_css(".box", words_layout(3)), 300) == 1


def test_presenter_sizes_need_a_wider_box_for_every_word():
    # 18 px words, margins 76 + 105: 1.2 · 18 / sin 60° = 24.94 px a word; every word from
    # 181 + 37 · 24.94 = 1103.9 px, every other from 642.4 px.
    css = word_axis_css(".box", words_layout(37, font_px=18, left=76, right=105))
    assert [word_step(css, w) for w in (1104, 1103, 643, 642)] == [1, 2, 2, 3]


def test_a_chart_without_words_gets_no_css():
    assert word_axis_css(".box", dict(margin=dict(l=56, r=78), xaxis=dict(title="t"))) == ""
