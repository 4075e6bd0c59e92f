"""What the app takes from plotly's and Streamlit's private API still works after an upgrade.

Two modules use it, each saying why: lstm_viz/figures.py (figures built without plotly's
validation, finished figure dicts handed to st.plotly_chart as they are) and lstm_ui/frame.py
(leaving Streamlit's legacy `pages/` mode on a server's first run). If an upgrade changes what
they rely on, these tests fail instead of the pages.
"""

import json

import plotly.graph_objects as go
import plotly.io as pio
import plotly.tools
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import script_runner

from lstm_viz.figures import SpecFigure, dict_figure

TRACE = {"type": "scatter", "x": [0, 1], "y": [1.0, 0.5], "name": "h"}
LAYOUT = {"title": {"text": "t"}, "height": 300}


def test_an_unvalidated_dict_figure_serialises_like_a_validated_one():
    fast = dict_figure([TRACE], LAYOUT)
    checked = go.Figure(data=[TRACE], layout=LAYOUT)
    assert json.loads(pio.to_json(fast, validate=False)) == json.loads(
        pio.to_json(checked, validate=False)
    )


def test_streamlit_takes_a_spec_figure_as_it_is():
    # st.plotly_chart turns its argument into the spec it sends with this plotly function:
    # a figure object counts as validated and gives its to_dict(), a plain dict is rebuilt.
    spec = go.Figure(data=[TRACE], layout=LAYOUT).to_dict()
    sent = plotly.tools.return_figure_from_figure_or_data(SpecFigure(spec), validate_figure=True)
    assert sent is spec


def test_the_legacy_pages_switch_is_where_frame_py_expects_it():
    # lstm_ui.frame turns Streamlit's legacy `pages/` mode off through this class attribute,
    # which the script runner reads before every run.
    assert hasattr(PagesManager, "uses_pages_directory")
    assert "PagesManager.uses_pages_directory" in open(script_runner.__file__).read()


def test_the_legacy_runner_is_the_function_frame_py_looks_for_on_the_stack():
    # lstm_ui.frame recognises a run the legacy mode started by this function's code object on
    # the stack; the runner calls it with the main script's path when the switch is on.
    from lstm_ui import frame

    assert frame.LEGACY_RUNNER is script_runner._mpa_v1.__code__
    assert "_mpa_v1(self._main_script_path)" in open(script_runner.__file__).read()
