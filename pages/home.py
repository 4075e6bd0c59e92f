"""Home: what the app shows, a preview, the equations, and where to start."""

import streamlit as st

from lstm_ui import charts, navigation, presenter
from lstm_ui.frame import ensure_navigation_mode
from lstm_ui.lang import current, t
from lstm_ui.layout import controls_and_pictures
from lstm_viz.equations import LSTM_EQUATIONS
from pages import home_controller as controller

ensure_navigation_mode()

st.title(t("app.title"))
with presenter.secondary("home_tagline"):  # on a projector the chart needs the height
    st.markdown(t("app.tagline"))

# The preview beside the words (on a phone: right under the title), so it is on the first screen.
words, picture = controls_and_pictures("home", (1, 1))
with words:
    st.subheader(t("home.what_title"))
    st.markdown(t("home.what_body"))
    st.markdown(t("home.gates_in_words"))
with picture:
    with presenter.secondary("home_preview_title"):
        st.subheader(t("home.preview_title"))
    view = controller.compute(current())
    charts.show(view.figure, key="home_preview", summary=view.summary)
    st.caption(t("home.preview_caption", **view.caption))

left, right = st.columns([1, 1], gap="large")
with left:
    st.subheader(t("home.equations_title"))
    for line in LSTM_EQUATIONS:
        charts.show_equation(line)
    st.caption(t("home.equations_legend"))
with right:
    st.subheader(t("home.start_title"))
    st.markdown(t("home.start_body"))
    for spec in navigation.PAGES[1:]:
        st.page_link(spec.path, label=t(spec.title_key), icon=spec.icon)
        st.caption(t(spec.blurb_key))
