"""LSTM Gate Lab: the entry point. Run with `streamlit run app.py`.

With `st.navigation` this file is the frame around every page: it runs on every rerun, then
hands over to the selected page. Widgets created here (the language switch) keep their state
on all pages.
"""

import time
from pathlib import Path

import streamlit as st

from lstm_ui import heap, lang, layout, lessons, navigation, presenter, sidebar, widgets
from lstm_ui.frame import ensure_navigation_mode
from lstm_ui.safety import show_messages
from lstm_ui.threads import limit_blas_threads

started = time.perf_counter()
limit_blas_threads()
ensure_navigation_mode()
heap.freeze_imported_modules()  # imports the app once and keeps the GC cheap

url_messages = (
    lang.read_language() + presenter.read_presenter() + widgets.read_typing() + lessons.read_url()
)
st.set_page_config(
    page_title="LSTM Gate Lab",
    page_icon=str(Path(__file__).parent / "assets" / "icon.png"),
    layout="wide",
    initial_sidebar_state=presenter.sidebar_state(),
)
layout.frame_style()
lang.language_switch()
widgets.typing_switch()  # typed numbers instead of sliders, for the keyboard
presenter.switch()

pages = navigation.build_pages()
page = st.navigation(pages)
navigation.note_page(page)  # so a page can tell the student just arrived
lessons.open_pending_stop(page, url_messages)  # a lesson's stop was asked for: switch to it
sidebar.about(pages)
lessons.sidebar()
top = st.container()  # above the page: presenter mode's link for students
show_messages(url_messages + lessons.carried_messages())
lessons.bar()
page.run()
# After the page ran, so that the link carries the settings the page just wrote to the URL.
presenter.share_link(top if presenter.active() else st.sidebar)
# Read by benchmarks/page_speed.py: the script's own time, without the test harness around it.
st.session_state["_script_seconds"] = time.perf_counter() - started
