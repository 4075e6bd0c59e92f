"""Home: what the app shows, the equations, a preview, and where to start."""

import streamlit as st

from lstm_ui import charts, navigation
from lstm_ui.frame import ensure_navigation_mode
from lstm_ui.lang import current, t
from lstm_viz.equations import LSTM_EQUATIONS
from pages import home_controller as controller

ensure_navigation_mode()

st.title(t("app.title"))
st.markdown(t("app.tagline"))

left, right = st.columns([1, 1], gap="large")
with left:
    st.subheader(t("home.what_title"))
    st.markdown(t("home.what_body"))
    st.markdown(t("home.gates_in_words"))
with right:
    st.subheader(t("home.equations_title"))
    for line in LSTM_EQUATIONS:
        charts.show_equation(line)
    st.caption(t("home.equations_legend"))

st.subheader(t("home.preview_title"))
view = controller.compute(current())
charts.show(view.figure, key="home_preview")
st.caption(t("home.preview_caption", **view.caption))

st.subheader(t("home.start_title"))
st.markdown(t("home.start_body"))
for spec in navigation.PAGES[1:]:
    st.page_link(spec.path, label=t(spec.title_key), icon=spec.icon)
    st.caption(t(spec.blurb_key))
