"""Finished figure dicts from the pages' caches look exactly like the figures they replace, and
the shared cache never hands one student's figure to a different setting."""

import gc
import json
import sys
import types

import plotly.io as pio

from lstm_core import LSTMParams, RNNParams, lstm_step
from lstm_core.lab.gradient_flow import lstm_flow, rnn_flow
from lstm_core.lab.inputs import make_sequence
from lstm_core.lab.preview import gradient_preview
from lstm_core.lab.verdicts import gradient_verdicts
from lstm_ui import heap
from lstm_viz import gradients as grad_viz
from lstm_viz.cell_diagram import lstm_cell_diagram
from lstm_viz.figures import SpecFigure
from lstm_viz.preview import gradient_preview_figure
from lstm_viz.theme import finished

from apptest_support import assert_no_errors, cursor_steps, open_page, plotly_figures, svg_diagrams


def test_spec_figure_serialises_exactly_like_the_figure_it_came_from():
    p = LSTMParams.init(2, 3, seed=1)
    x, h, c = [0.5, -1.0], [0.1, 0.2, -0.3], [0.0, 0.4, -0.8]
    figure = lstm_cell_diagram(x, h, c, lstm_step(p, x, h, c), unit=1, lang="ko")
    assert pio.to_json(SpecFigure(figure.to_dict()), validate=False) == pio.to_json(
        figure, validate=False
    )


def test_home_preview_is_the_figure_the_viz_module_draws_in_each_language():
    for lang in ("en", "ko"):
        at = open_page("pages/home.py", lang=lang)
        assert_no_errors(at)
        # What charts.show sends: the builder's figure with its text colours filled in.
        figure = finished(gradient_preview_figure(gradient_preview(), lang).to_dict())
        drawn = json.loads(pio.to_json(SpecFigure(figure), validate=False))
        assert plotly_figures(at)[0] == drawn


def test_two_students_on_the_same_scenario_get_the_same_figures_and_others_differ():
    first, second = open_page("pages/gate_anatomy.py"), open_page("pages/gate_anatomy.py")

    def shown(at):  # the bars' figure and the two diagrams' SVG text
        return plotly_figures(at), [str(m.value) for m in at.get("markdown") if "<svg" in m.value]

    default = shown(first)
    for at in (first, second):
        at.button(key="an_apply_keep_30").click().run()
        assert_no_errors(at)
    keep_30 = shown(first)
    assert shown(second) == keep_30
    assert keep_30 != default
    assert abs(svg_diagrams(first)[0]["values"]["f"] - 0.3) < 1e-12  # not a stale diagram
    second.button(key="an_apply_remember").click().run()
    assert svg_diagrams(second)[0]["values"]["f"] > 0.99
    assert shown(first) == keep_30


def test_stepper_charts_stay_the_same_when_the_cursor_moves_and_follow_the_language():
    """A step sends the same two charts, byte for byte (Streamlit 1.67 then keeps them in the
    browser instead of drawing them anew); only the cursors laid over them move."""
    at = open_page("pages/sequence_stepper.py")
    before = plotly_figures(at)
    specs = [chart.proto.spec for chart in at.get("plotly_chart")]
    at.button(key="sq_next").click().run()
    assert [chart.proto.spec for chart in at.get("plotly_chart")] == specs
    assert cursor_steps(at) == [1, 1]
    korean = open_page("pages/sequence_stepper.py", lang="ko")
    assert plotly_figures(korean)[0]["layout"] != before[0]["layout"]


def test_gradient_figures_follow_the_scenario():
    at = open_page("pages/vanishing_gradients.py")
    default = plotly_figures(at)
    at.button(key="gr_apply_lstm_forgets").click().run()
    assert_no_errors(at)
    assert plotly_figures(at)[0]["data"] != default[0]["data"]


def test_gradient_page_figures_are_the_figures_the_viz_module_draws_from_the_core():
    at = open_page("pages/vanishing_gradients.py", lang="ko", gr_T="200", gr_bf="-1")
    assert_no_errors(at)
    xs = make_sequence("first_value", 200, 0).xs
    q = RNNParams.init(1, 16, seed=0, scheme="gaussian", recurrent_scale=0.9)
    p = LSTMParams.init(1, 16, seed=0, scheme="gaussian", forget_bias=-1.0)
    rnn, lstm = rnn_flow(q, xs, 199), lstm_flow(p, xs, 199)
    v = gradient_verdicts(rnn, lstm, None)
    drawn = [
        grad_viz.norm_figure(rnn, lstm, v, "ko"),
        grad_viz.rnn_theory_figure(rnn, v.rnn, "ko"),
        grad_viz.lstm_theory_figure(lstm, v.lstm, "ko"),
        grad_viz.heatmap_figure(rnn, lstm, "ko"),
    ]
    sent = [SpecFigure(finished(f.to_dict())) for f in drawn]  # as charts.show sends them
    assert plotly_figures(at) == [json.loads(pio.to_json(f, validate=False)) for f in sent]


def test_freezing_happens_only_after_a_large_group_of_new_imports(monkeypatch):
    heap.freeze_imported_modules()
    assert gc.get_freeze_count() > 0
    # every module of the app was imported before the first freeze
    assert {
        "lstm_core.lab.exercises",
        "lstm_ui.uploads",
        "lstm_viz.training",
        "pages.training_lab_controller",
        "pandas",  # whole before any page builds a figure (see heap.HEAVY_MODULES)
    } <= set(sys.modules)
    assert hasattr(sys.modules["pandas"], "Series")
    assert "pages.training_lab" not in sys.modules  # a page script is never imported
    # From here heap counts a copy of sys.modules that only this test adds to. The real one
    # also grows from other threads (the training lab's job board and queue threads are still
    # running from the tests before), and once, in CI at the minimum versions, "nothing new"
    # below froze: something had imported modules between two calls.
    modules = dict(sys.modules)
    monkeypatch.setattr(heap, "sys", types.SimpleNamespace(modules=modules))
    monkeypatch.setattr(heap, "_modules_at_last_freeze", len(modules))
    assert not heap.freeze_imported_modules()  # nothing new: nothing to do
    few = [f"_lstm_gate_lab_test_{n}" for n in range(3)]
    many = [f"_lstm_gate_lab_test_{n}" for n in range(3, 3 + heap.MIN_NEW_MODULES)]
    for name in few:
        modules[name] = types.ModuleType(name)
    assert not heap.freeze_imported_modules()  # a few small modules: not worth a freeze
    for name in many:
        modules[name] = types.ModuleType(name)
    assert heap.freeze_imported_modules()
