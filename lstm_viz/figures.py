"""The one place that uses plotly's private API, and why: figures as plain dicts, fast.

Plotly checks every property of every trace, shape and annotation as a figure is built: for the
cell diagram's ~70 shapes and annotations that costs tens of milliseconds per rerun (on a 2-core
machine ~25-35 ms validated, ~1-2 ms not). The figures of this package are dicts of a fixed
shape written here, so they skip that step with plotly's private `_validate=False`;
tests/test_figures_valid.py rebuilds every page's figures with validation on, so a misspelt
property still fails a test, and tests/test_private_api.py fails if a plotly or Streamlit upgrade
changes what this module relies on.

- `dict_figure(data, layout)`: a go.Figure of trace and layout dicts, not validated.
- `SpecFigure`: an already finished figure dict (e.g. from a shared cache) handed to
  st.plotly_chart as it is. Streamlit validates a plain dict (it rebuilds a go.Figure from it),
  but takes `to_dict()` of a figure object as valid, so this object returns the dict itself.
"""

import plotly.graph_objects as go


def dict_figure(data: list[dict], layout: dict) -> go.Figure:
    """A go.Figure of trace dicts and a layout dict, without validation (see above)."""
    return go.Figure(data=data, layout=layout, _validate=False)


class SpecFigure(go.Figure):
    """A figure that is already plotly's JSON-ready dict (the result of `go.Figure.to_dict()`).

    st.plotly_chart calls `to_dict()` on the figure it gets and serialises the result; returning
    the finished dict skips rebuilding and deep-copying it. The plotly object is never built
    (no `super().__init__`), so use it only to hand a dict to st.plotly_chart; `spec` is the
    dict, e.g. `spec["layout"]["meta"]`.
    """

    def __init__(self, spec: dict) -> None:
        self._spec = spec  # plotly figures accept only underscore names as new attributes

    @property
    def spec(self) -> dict:
        return self._spec

    def to_dict(self) -> dict:
        return self._spec
