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

import streamlit as st

from lstm_ui import charts
from lstm_ui import gradients_cache as grad_cache
from lstm_viz import gradients as grad_viz
from lstm_viz.preview import gradient_preview_figure


def show(spec: dict, key: str, container=None) -> None:
    """st.plotly_chart of a figure dict (from a builder below) in `container` (default: here)."""
    charts.show(spec, container, key=key)


# --- home ---------------------------------------------------------------------------------------


@st.cache_data(max_entries=4, show_spinner=False)
def home_preview(lang: str) -> dict:
    """The home page's gradient preview figure in `lang`."""
    from lstm_ui.cache import gradient_preview

    return gradient_preview_figure(gradient_preview(), lang).to_dict()


# --- vanishing gradients ------------------------------------------------------------------------


@st.cache_data(max_entries=32, show_spinner=False)
def gradient_figures(
    preset: str, T: int, seed: int, sequence_lang: str, H: int, scheme: str, scale: float,
    forget_bias: float, variant: str, t_loss: int, clip: float, clip_mode: str, lang: str,
) -> dict[str, dict]:  # fmt: skip
    """The gradient page's four figures ("norms", "theory_rnn", "theory_lstm", "heatmap") for
    these settings (clip 0: no clipping); the core results come from lstm_ui.gradients_cache."""
    data = (preset, T, seed, sequence_lang)
    rnn = grad_cache.rnn(*data, H, scheme, scale, t_loss)
    lstm = grad_cache.lstm(*data, H, scheme, forget_bias, variant, t_loss)
    clipped = None
    if clip > 0:
        clipped = grad_cache.clipped(*data, H, scheme, scale, t_loss, clip, clip_mode)
    return {
        "norms": grad_viz.norm_figure(rnn, lstm, lang, clipped).to_dict(),
        "theory_rnn": grad_viz.rnn_theory_figure(rnn, lang).to_dict(),
        "theory_lstm": grad_viz.lstm_theory_figure(lstm, lang).to_dict(),
        "heatmap": grad_viz.heatmap_figure(rnn, lstm, lang).to_dict(),
    }
