"""Controller of the home page: its one computation, the gradient preview (the same for every
visitor, so one small cache entry per language), with the finished figure and caption fields.
The home page has no URL keys of its own (only `lang`, read by the app frame)."""

from dataclasses import dataclass

import streamlit as st

from lstm_core.lab.preview import gradient_preview
from lstm_viz.preview import caption_fields, gradient_preview_figure
from lstm_viz.summaries import preview_summary


@dataclass(frozen=True)
class View:
    """What the home page shows: the preview figure (a plotly dict) and its caption's fields."""

    figure: dict
    caption: dict
    summary: str  # the chart's text beside it, worded from the caption's verdict


@st.cache_data(max_entries=4, show_spinner=False)
def compute(lang: str) -> View:
    """The home page's preview in `lang`."""
    preview = gradient_preview()
    figure = gradient_preview_figure(preview, lang).to_dict()
    return View(figure, caption_fields(preview, lang), preview_summary(preview, lang))
