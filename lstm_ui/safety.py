"""Show problems as messages on the page, never as a traceback."""

import logging
from collections.abc import Callable, Iterable

import streamlit as st

from lstm_ui.lang import t

log = logging.getLogger("lstm_gate_lab")


def show_messages(messages: Iterable[str]) -> None:
    """One warning box per message (URL fixes, clamped inputs, rejected uploads)."""
    for message in messages:
        st.warning(message, icon=":material/warning:")


def render_safely(render: Callable[[], None]) -> None:
    """Run a page's view code; a failure is shown as failure_message says."""
    try:
        render()
    except Exception as err:  # the last line of defence: a student never sees a traceback
        st.error(failure_message(err), icon=":material/error:")


def failure_message(err: Exception) -> str:
    """What a student reads of a failure while the page was drawn: a ValueError's own message
    (bad input caught at the core's boundary); anything else a short generic message, and the
    traceback logged for us. Call it inside the `except` that caught `err`."""
    if isinstance(err, ValueError):
        return str(err)
    log.exception("unexpected error while rendering a page")
    return t("error.unexpected", kind=type(err).__name__)
