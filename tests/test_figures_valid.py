"""Every figure a page sends passes plotly's own validation.

The figures are built without it for speed (lstm_viz/figures.py), so here each page's figure
JSON is rebuilt as a validated go.Figure: a misspelt or invalid property raises.
"""

import json

import plotly.graph_objects as go
import pytest

from apptest_support import assert_no_errors, open_page

CASES = [
    ("pages/home.py", {}),
    ("pages/gate_anatomy.py", {}),
    ("pages/gate_anatomy.py", {"an_H": "3", "an_D": "2", "an_variant": "coupled"}),
    ("pages/sequence_stepper.py", {}),
    ("pages/sequence_stepper.py", {"sq_preset": "sentence", "sq_q": "i,f,g,o,c,h"}),
    ("pages/vanishing_gradients.py", {}),
    ("pages/vanishing_gradients.py", {"gr_scale": "1.5", "gr_clip": "1", "gr_T": "500"}),
    ("pages/backprop.py", {}),
    (
        "pages/backprop.py",
        {"bp_preset": "sentence", "bp_H": "5", "bp_k": "4", "bp_trained": "adding"},
    ),
    ("pages/training_lab.py", {}),
    ("pages/training_lab.py", {"tr_task": "adding"}),
    ("pages/misconceptions.py", {}),
    ("pages/misconceptions.py", {"mc_T": "500", "mc_H": "16", "mc_K": "500", "mc_bf": "-3"}),
    ("pages/exercises.py", {}),
]


@pytest.mark.parametrize(("page", "query"), CASES)
def test_page_figures_pass_plotly_validation(page, query):
    at = open_page(page, **{"lang": "ko", **query})
    assert_no_errors(at)
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    assert specs
    for spec in specs:
        go.Figure(spec)  # raises ValueError on anything plotly does not accept


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_exercise_figure_passes_plotly_validation(lang):
    from lstm_core.lab.exercises import exercise
    from lstm_viz import exercises as viz
    from lstm_viz.cell_diagram import lstm_cell_diagram

    for number in range(1, 6):  # one of each kind
        ex = exercise(3, number)
        if ex.kind in ("cell_update", "hidden_output"):
            figures = [lstm_cell_diagram([0.0], [0.0], [ex.given["c_prev"]], ex.step, lang=lang)]
        elif ex.kind == "keep_memory":
            figures = [viz.memory_figure(ex, lang)]
        elif ex.kind == "pulse_decay":
            figures = [viz.pulse_figure(ex, lang)]
        else:
            figures = [viz.gradient_figure(ex, lang, revealed) for revealed in (False, True)]
        for figure in figures:
            go.Figure(json.loads(figure.to_json()))
