"""Every figure a page sends passes plotly's own validation.

The figures are built without it for speed (lstm_viz/figures.py), so here each page's figure
JSON is rebuilt as a validated go.Figure: a misspelt or invalid property raises.
"""

import json

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from apptest_support import TIMEOUT_S, assert_no_errors
from conftest import ROOT

CASES = [
    ("pages/home.py", {}),
    ("pages/gate_anatomy.py", {}),
    ("pages/gate_anatomy.py", {"an_H": "3", "an_D": "2", "an_variant": "coupled"}),
    ("pages/sequence_stepper.py", {}),
    ("pages/sequence_stepper.py", {"sq_preset": "sentence", "sq_q": "i,f,g,o,c,h"}),
    ("pages/vanishing_gradients.py", {}),
    ("pages/vanishing_gradients.py", {"gr_scale": "1.5", "gr_clip": "1", "gr_T": "500"}),
    ("pages/training_lab.py", {}),
    ("pages/training_lab.py", {"tr_task": "adding"}),
]


@pytest.mark.parametrize(("page", "query"), CASES)
def test_page_figures_pass_plotly_validation(page, query):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    for key, value in {"lang": "ko", **query}.items():
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    assert_no_errors(at)
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    assert specs
    for spec in specs:
        go.Figure(spec)  # raises ValueError on anything plotly does not accept
