"""Figures built from plain dicts, without plotly's per-object validation.

Plotly checks every property of every trace, shape and annotation as a figure is built: for the
cell diagram's ~60 shapes or an animation's hundreds of frames that costs tens to hundreds of
milliseconds per rerun. The figures here are dicts of a fixed shape written by this package, so
they skip that step (plotly's `_validate=False`). tests/test_figures_valid.py rebuilds every
page's figures with validation on, so a misspelt property still fails a test.
"""

import plotly.graph_objects as go


class FramedFigure(go.Figure):
    """A go.Figure that keeps its animation frames as plain dicts and adds them in to_dict()
    (which st.plotly_chart and to_json serialise), so `fig.to_dict()["frames"]` has them but
    `fig.frames` is empty.

    Plotly builds a validated object for every trace of every frame, about 0.3 ms each: 200
    frames of four cursor traces would add a quarter of a second to every rerun. These frames
    are small dicts of a fixed shape written here, so they skip that step."""

    def __init__(self, data: list[dict], layout: dict, frames: list[dict]) -> None:
        super().__init__(data=data, layout=layout, _validate=False)
        self._raw_frames = frames

    def to_dict(self) -> dict:
        result = super().to_dict()
        if self._raw_frames:
            # Not deep-copied like the rest: the frames are built for this figure alone and
            # every caller (st.plotly_chart, to_json) only reads them.
            result["frames"] = list(self._raw_frames)
        return result


def dict_figure(data: list[dict], layout: dict) -> go.Figure:
    """A go.Figure of trace dicts and a layout dict, without validation (see above)."""
    return go.Figure(data=data, layout=layout, _validate=False)
