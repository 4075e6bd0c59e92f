"""Controller of the home page: its one computation, the gradient preview (the same for every
visitor, so one small cache entry per language), with the finished figure and caption fields.
The home page has no URL keys of its own (only `lang`, read by the app frame)."""

from dataclasses import dataclass

import streamlit as st

from lstm_core.lab.preview import gradient_preview
from lstm_viz.preview import caption_fields, gradient_preview_figure


@dataclass(frozen=True)
class View:
    """What the home page shows: the preview figure (a plotly dict) and its caption's fields."""

    figure: dict
    caption: dict


@st.cache_data(max_entries=4, show_spinner=False)
def compute(lang: str) -> View:
    """The home page's preview in `lang`."""
    preview = gradient_preview()
    return View(gradient_preview_figure(preview, lang).to_dict(), caption_fields(preview, lang))
