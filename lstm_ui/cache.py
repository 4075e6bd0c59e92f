"""Pure core results shared by all sessions, cached with bounded size."""

import streamlit as st

from lstm_viz import preview


@st.cache_data(max_entries=4, show_spinner=False)
def gradient_preview() -> preview.GradientPreview:
    """The home page's RNN-vs-LSTM gradient preview (the same for everyone)."""
    return preview.gradient_preview()
