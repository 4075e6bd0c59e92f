"""The app's own controls: a required segmented control whose options are shown in the current
language, and number controls that are sliders or, for a student who prefers the keyboard,
fields where the number is typed. Their values survive page switches (kept in the session).

Typed numbers: the sidebar's "Type numbers" switch (`typing_switch`, `?type=1` in the URL) turns
every `number_slider` into an st.number_input and every `number_choice` (a select_slider over a
few numbers) into an st.selectbox, which takes typed text to filter its options. One session
key holds the value for both forms, so pages read `st.session_state[key]` as before.
"""

from collections.abc import Iterable
from typing import Any

import streamlit as st

from lstm_ui.lang import t
from lstm_ui.layout import compact_row

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


TYPING = "type"  # session key of the preference and its URL name (?type=1)
_KINDS = "_number_widget_kinds"  # session key: {widget key: "slider" | "field"} last drawn


def read_typing() -> list[str]:
    """On a session's first run take the typed-numbers preference from `?type=` (1 on, 0 off);
    return messages about a value that is neither."""
    if TYPING in st.session_state:
        return []
    raw = st.query_params.get(TYPING)
    st.session_state[TYPING] = raw == "1"
    if raw is None or raw in ("0", "1"):
        return []
    return [t("typing.bad_value", value=raw[:40])]


def typing_on() -> bool:
    """Whether this session's student types numbers instead of sliding them."""
    return bool(st.session_state.get(TYPING, False))


def typing_switch() -> None:
    """The sidebar's "Type numbers" toggle; `?type=1` in the URL follows it."""
    st.sidebar.toggle(t("typing.toggle"), key=TYPING, help=t("typing.help"), persist_state=KEEP)
    if typing_on():
        if st.query_params.get(TYPING) != "1":
            st.query_params[TYPING] = "1"
    elif TYPING in st.query_params:
        del st.query_params[TYPING]


def _carry_over(key: str, kind: str) -> None:
    """Keep the value of session key `key` when its widget changes kind.

    Streamlit gives a keyed widget of another type a new widget id, and that widget starts
    from its default, not from the value the old one held (checked in
    tests/test_typed_numbers.py). Writing the value back under the key before the new widget
    is created makes the new widget start from it."""
    kinds = st.session_state.setdefault(_KINDS, {})
    if kinds.get(key, kind) != kind and key in st.session_state:
        st.session_state[key] = st.session_state[key]
    kinds[key] = kind


def number_slider(
    label: str,
    lo: float,
    hi: float,
    *,
    key: str,
    step: float | None = None,
    format: str | None = None,
    container: Any = None,
    help: str | None = None,
    **kwargs,
) -> Any:
    """A number in [lo, hi] bound to session key `key`: an st.slider, or an st.number_input
    with the same bounds, step and format while the student types numbers (typing_on). Integer
    bounds give integers in both. Returns the value."""
    place = container or st
    kind = "field" if typing_on() else "slider"
    _carry_over(key, kind)
    options = {"step": step, "format": format, "help": help, "key": key, "persist_state": KEEP}
    options = {name: value for name, value in options.items() if value is not None} | kwargs
    if kind == "field":
        return place.number_input(label, min_value=lo, max_value=hi, **options)
    return place.slider(label, lo, hi, **options)


def number_choice(
    label: str,
    options: Iterable,
    *,
    key: str,
    format_func=str,
    container: Any = None,
    help: str | None = None,
    **kwargs,
) -> Any:
    """One of a few numbers `options`, bound to session key `key`: an st.select_slider, or an
    st.selectbox (typing filters its options) while the student types numbers. Returns it."""
    place = container or st
    kind = "field" if typing_on() else "slider"
    _carry_over(key, kind)
    widget = place.selectbox if kind == "field" else place.select_slider
    return widget(
        label,
        list(options),
        format_func=format_func,
        key=key,
        help=help,
        persist_state=KEEP,
        **kwargs,
    )


def scenario_buttons(page: str, key_prefix: str, names, on_click) -> None:
    """One button per scenario in a compact row (lstm_ui.layout.compact_row, named `page`): the
    label "{page}.scenario.{name}", its help "{page}.scenario_help.{name}", the widget key
    "{key_prefix}{name}"; pressing it calls on_click(name)."""
    for name, column in zip(names, compact_row(page, len(names)), strict=True):
        column.button(
            t(f"{page}.scenario.{name}"),
            key=f"{key_prefix}{name}",
            help=t(f"{page}.scenario_help.{name}"),
            on_click=on_click,
            args=(name,),
            width="stretch",
        )
