"""Make sure every run goes through app.py's frame (st.navigation), even a server's first ones.

Streamlit still supports its legacy multipage mode, chosen when a folder named `pages/` sits
beside the entry script: until some script calls st.navigation, a server process runs the
files in pages/ directly (the script runner calls `_mpa_v1` while
`PagesManager.uses_pages_directory` is true), without app.py's sidebar and language switch. Our
pages live in `pages/` but are st.Page objects of app.py's st.navigation, so the first runs of a
fresh server (the first students to open a link) would see a broken frame.

app.py and every page call `ensure_navigation_mode()` first. A run is in the legacy mode when the
switch is still on, or when `_mpa_v1` is on the call stack: the switch is one flag for the whole
process, so when many sessions start at once (a class reconnecting to a restarted replica), the
first to get here turns it off while the others are already running a page directly. Each such
run switches the flag off (again) and restarts through app.py, on the page that was asked for.

This is the one place the app reads and writes Streamlit's private API; tests/test_private_api.py
fails if an upgrade moves what it relies on. (Pages in subfolders of pages/ do not avoid it: the
legacy mode then shows "Page not found" on a fresh server's first deep link, checked in Chromium.)
"""

import sys

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import script_runner

LEGACY_RUNNER = script_runner._mpa_v1.__code__


def started_in_legacy_mode() -> bool:
    """Whether this run was started by Streamlit's legacy `pages/` runner (it is on the stack)."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code is LEGACY_RUNNER:
            return True
        frame = frame.f_back
    return False


def ensure_navigation_mode() -> None:
    """Leave Streamlit's legacy `pages/` mode and rerun, if this run was started in it."""
    if PagesManager.uses_pages_directory or started_in_legacy_mode():
        PagesManager.uses_pages_directory = False
        st.rerun()
