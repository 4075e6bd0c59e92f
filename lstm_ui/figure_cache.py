"""Finished figures shared by every session: built once per distinct setting, then only sent.

A class clicks the same scenario buttons and steps over the same time steps, so most reruns ask
for a figure some session has already drawn. Building a figure (plotly objects, hover texts) and
turning it into plotly's JSON-ready dict (`to_dict()` deep-copies it and packs arrays as base64)
took 5–20 ms per chart on this machine, for every rerun of every student. The functions here
keep that dict in st.cache_data, keyed by plain values, and `show()` hands it to st.plotly_chart
as it is: on a cache hit the only per-chart work left is the JSON text. Entries are the size of
the figure's JSON (5–40 kB at default settings, up to ~1 MB for the stepper at T = 1000), and
every cache is bounded (max_entries).

Every cached builder returns `figure.to_dict()` of the same lstm_viz figure the page drew
before, so what a student sees is unchanged (tests/test_figure_cache.py compares the JSON).
"""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from lstm_core import lstm_step, rnn_step
from lstm_core.lab.tasks import SINE_WINDOW, adding_problem, sign_task
from lstm_ui import anatomy_state, charts
from lstm_viz import training as train_viz
from lstm_viz.anatomy import gate_bars_figure
from lstm_viz.cell_diagram import lstm_cell_diagram, rnn_cell_diagram
from lstm_viz.heatmaps import trace_heatmaps
from lstm_viz.stepper import run_figure

CHART_CONFIG = {"displayModeBar": False}


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


def show(spec: dict, key: str, container=None) -> None:
    """st.plotly_chart of a figure dict (from a builder below) in `container` (default: here)."""
    charts.show(SpecFigure(spec), container, config=CHART_CONFIG, key=key)


# --- gate anatomy -------------------------------------------------------------------------------


@st.cache_data(max_entries=64, show_spinner=False)
def anatomy_figures(
    x: np.ndarray,
    h_prev: np.ndarray,
    c_prev: np.ndarray,
    W: np.ndarray,
    U: np.ndarray,
    b: np.ndarray,
    variant: str,
    unit: int,
    lang: str,
    _p,
) -> tuple[dict, dict, dict]:
    """(cell diagram, gate bars, RNN diagram) of one step, for unit index `unit` (0-based).

    Keyed by the numbers themselves (x, h, c (D,)/(H,), and the weights W (4H, D), U (4H, H),
    b (4H,) of `_p`, which is not hashed twice): a few kB each, and a class shares the scenarios.
    """
    step = lstm_step(_p, x, h_prev, c_prev, variant=variant)
    rnn_h = rnn_step(anatomy_state.candidate_as_rnn(_p), x, h_prev)
    return (
        lstm_cell_diagram(x, h_prev, c_prev, step, unit=unit, lang=lang, variant=variant).to_dict(),
        gate_bars_figure(step, lang).to_dict(),
        rnn_cell_diagram(x, h_prev, rnn_h, unit=unit, lang=lang).to_dict(),
    )


# --- sequence stepper ---------------------------------------------------------------------------


@st.cache_data(max_entries=32, show_spinner=False)
def stepper_run_figure(
    sequence_key: str, model_key: str, variant: str, cursor: int, units: tuple[int, ...],
    quantities: tuple[str, ...], fps: int, lang: str,
    feature_names: tuple[str, ...] | None, _trace, _tokens,
) -> dict:  # fmt: skip
    """The stepper's line figure (see lstm_viz.stepper.run_figure); units are 0-based. The trace
    and tokens are identified by the sequence and model keys (as in stepper_state.run)."""
    figure = run_figure(
        _trace, cursor, units=list(units), quantities=list(quantities), fps=fps, lang=lang,
        tokens=_tokens, feature_names=None if feature_names is None else list(feature_names),
    )  # fmt: skip
    return figure.to_dict()


@st.cache_data(max_entries=32, show_spinner=False)
def stepper_heatmaps(
    sequence_key: str, model_key: str, variant: str, cursor: int, lang: str, _trace, _tokens
) -> dict:
    """The stepper's gate and state heatmaps (see lstm_viz.heatmaps.trace_heatmaps)."""
    return trace_heatmaps(_trace, cursor, lang=lang, tokens=_tokens).to_dict()


# --- training lab -------------------------------------------------------------------------------


@st.cache_data(max_entries=32, show_spinner=False)
def training_example(task: str, T: int, seed: int, noise: float, lang: str, _settings) -> dict:
    """What the task looks like before training: one example (adding, sign) or the sine series.

    `_settings` (a training_state.Settings with these task, T, seed and noise) builds the sine
    series; the other fields do not change the figure, so they are not part of the key.
    """
    if task == "sine":
        figure = train_viz.sine_figure(_settings.make_task().series, SINE_WINDOW, {}, lang)
    elif task == "adding":
        example = adding_problem(T, 1, seed)
        figure = train_viz.adding_example_figure(example.xs[:, 0], float(example.ys[0, 0]), lang)
    else:
        example = sign_task(T, 1, seed, noise)
        figure = train_viz.sign_example_figure(example.xs[:, 0, 0], lang)
    return figure.to_dict()
