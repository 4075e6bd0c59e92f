"""Make sure every run goes through app.py's frame (st.navigation), even a server's first one.

Streamlit still supports its legacy multipage mode, chosen when a folder named `pages/` sits
beside the entry script: until some script calls st.navigation, a server process runs the
files in pages/ directly (`PagesManager.uses_pages_directory`), without app.py's sidebar and
language switch. Our pages live in `pages/` but are st.Page objects of app.py's st.navigation,
so the first run of a fresh server (the first student to open a link) would see a broken frame.
app.py and every page call `ensure_navigation_mode()` first: if the legacy mode is still on, it
is switched off and the run restarts through app.py, on the page that was asked for.

This is the one place the app writes Streamlit's private API; tests/test_private_api.py fails if
an upgrade moves what it relies on. (Pages in subfolders of pages/ do not avoid it: the legacy
mode then shows "Page not found" on a fresh server's first deep link, checked in Chromium.)
"""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_navigation_mode() -> None:
    """Leave Streamlit's legacy `pages/` mode and rerun, if this run was started in it."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
