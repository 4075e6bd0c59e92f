"""The sidebar's "about" box, shared by every page."""

import streamlit as st

from lstm_ui import charts
from lstm_ui.lang import t
from lstm_viz.equations import LSTM_EQUATIONS


def about(pages: list) -> None:
    """A short "about" with the LSTM equations and a link to each page."""
    with st.sidebar.expander(t("sidebar.about"), icon=":material/info:"):
        st.markdown(t("sidebar.about_text"))
        for line in LSTM_EQUATIONS:
            charts.show_equation(line)
        st.markdown("**" + t("sidebar.pages") + "**")
        for page in pages:
            st.page_link(page)
