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
    """Run a page's view code; a ValueError (bad input caught at the core's boundary) is
    shown as its message, anything else as a short generic message and logged for us.
    """
    try:
        render()
    except ValueError as err:
        st.error(str(err), icon=":material/error:")
    except Exception as err:  # the last line of defence: a student never sees a traceback
        log.exception("unexpected error while rendering a page")
        st.error(t("error.unexpected", kind=type(err).__name__), icon=":material/error:")
