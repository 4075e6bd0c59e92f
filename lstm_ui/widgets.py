"""The app's own kind of choice control: a required segmented control whose options are shown
in the current language and whose value survives page switches (kept in the session)."""

from collections.abc import Iterable
from typing import Any

import streamlit as st

from lstm_ui.lang import t

KEEP = "session"  # persist_state: values survive page switches and hidden widgets
# Keyboard shortcuts (st.button's `shortcut`) of the step buttons: with Shift, so that arrow
# keys alone still move a focused slider and typing in a field never steps.
PREV_KEY = "Shift+Left"
NEXT_KEY = "Shift+Right"


def choice(
    label: str, options: Iterable, *, key: str, labels: str | None = None, container=None, **kwargs
) -> Any:
    """st.segmented_control over `options` bound to session key `key`; each option is shown as
    the UI string f"{labels}.{option}" (as itself when labels is None). Returns the choice."""
    show = (lambda v: t(f"{labels}.{v}")) if labels else str
    return (container or st).segmented_control(
        label,
        list(options),
        format_func=show,
        required=True,
        key=key,
        persist_state=KEEP,
        **kwargs,
    )
