"""The app's own kind of choice control: a required segmented control whose options are shown
in the current language and whose value survives page switches (kept in the session)."""

from collections.abc import Iterable
from typing import Any

import streamlit as st

from lstm_ui import presenter
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


def typed_slider(
    label: str,
    lo: float,
    hi: float,
    *,
    key: str,
    step: float,
    format: str = "%.2f",
    container: Any = None,
) -> float:
    """A slider over [lo, hi] bound to session key `key`, with a number field under it where the
    value can be typed (a slider alone is set with a mouse or arrow keys only, one step at a
    time). Both show the same value: typing moves the slider. The field is a control a lecture
    can do without, so presenter mode hides it. Returns the slider's value."""
    place = container or st
    typed = f"{key}__typed"
    if key in st.session_state:
        st.session_state[typed] = st.session_state[key]
    value = place.slider(label, lo, hi, step=step, format=format, key=key, persist_state=KEEP)
    with place:
        with presenter.secondary(typed):
            st.number_input(
                t("a11y.type_value", label=label),
                min_value=lo,
                max_value=hi,
                step=step,
                format=format,
                key=typed,
                on_change=_typed_to_slider,
                args=(key, typed),
                label_visibility="collapsed",
            )
    return value


def _typed_to_slider(key: str, typed: str) -> None:
    st.session_state[key] = st.session_state[typed]
