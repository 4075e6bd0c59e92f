"""Placeholder: the misconceptions page is being built."""

import streamlit as st

from lstm_ui.frame import ensure_navigation_mode
from lstm_ui.lang import t

ensure_navigation_mode()

st.title(t("page.misconceptions"))
st.markdown(t("misconceptions.blurb"))
