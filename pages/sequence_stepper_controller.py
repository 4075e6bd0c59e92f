"""State of the sequence stepper page: its URL keys, the cursor's buttons, and the cached core
results. Which sequence and which model it runs are chosen by the shared controls of
lstm_ui.sequence_source (SEQUENCE) and lstm_ui.model_source (MODEL), with the prefix `sq`.

Settings in the URL (key = widget key = URL name, all starting `sq_`): URL_PARAMS go through
lstm_ui.url_state (the sequence source, preset, length and seed, the model source, variant,
initialisation, hidden size, seed and forget bias, the hand-set size: SEQUENCE's and MODEL's;
then the cursor `sq_t`, the diagram's unit, the play speed); the typed numbers `sq_text` and the
hand-set weights `sq_w` are read and written by SEQUENCE and MODEL, and this module reads and
writes the line plot's units `sq_units` ("1,4") and quantities `sq_q` ("f,c,h"). Uploads stay in
the session only.

Session keys (not widgets) besides SEQUENCE's and MODEL's (see their modules): "_sq_T" (T, for
the buttons), "_sq_url_asked" (the cursor and units a link asked for, checked once T and H are
known).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from lstm_core import LSTMParams, LSTMTrace, run_lstm
from lstm_core.lab.weights_io import megabytes, npz_bytes
from lstm_ui import uploads
from lstm_ui.model_source import Model, ModelSource
from lstm_ui.sequence_source import Sequence, SequenceSource
from lstm_ui.url_state import Param
from lstm_viz import i18n
from lstm_viz.cell_svg import lstm_cell_svg
from lstm_viz.heatmaps import trace_heatmaps
from lstm_viz.stepper import (
    FPS_CHOICES,
    LINE_QUANTITIES,
    MAX_LINE_UNITS,
    run_figure,
    step_table,
    step_view,
)

PAGE = "stepper"
MAX_H = uploads.MAX_HIDDEN
SEQUENCE = SequenceSource("sq")
MODEL = ModelSource("sq", max_H=MAX_H, default_H=8, max_hand_H=4)
URL_PARAMS = (
    *SEQUENCE.url_params(),
    *MODEL.url_params(),
    Param("sq_t", "int", 0, lo=0, hi=uploads.MAX_STEPS - 1),
    Param("sq_unit", "int", 1, lo=1, hi=MAX_H),  # units are numbered 1..H on screen
    Param("sq_fps", "choice", "5", choices=tuple(str(f) for f in FPS_CHOICES)),
)
# Read and written by SEQUENCE (the text), MODEL (the hand-set weights) and this module.
OTHER_KEYS = SEQUENCE.other_keys | MODEL.other_keys | frozenset({"sq_units", "sq_q"})
DEFAULT_UNITS, DEFAULT_QUANTITIES = [1], ["f", "c", "h"]


# --- cached core results ------------------------------------------------------------------------


@st.cache_data(max_entries=8, show_spinner=False)
def run(sequence_key: str, model_key: str, variant: str, _xs, _p) -> LSTMTrace:
    """run_lstm(p, xs, variant=...), cached by the keys of the sequence and the model (the
    arrays themselves are not hashed: the keys identify them). At T = 5000, H = 64 a trace is
    about 18 MB, so few are kept."""
    return run_lstm(_p, _xs, variant=variant)


@st.cache_data(max_entries=64, show_spinner=False)
def diagram(
    sequence_key: str, model_key: str, variant: str, t: int, unit: int, lang: str, _p, _trace
) -> str:
    """The cell diagram of step t as inline SVG: a class steps back and forth over the same
    steps, so each is drawn once."""
    view = step_view(_p, _trace, t)
    return lstm_cell_svg(
        view.x, view.h_prev, view.c_prev, view.step, unit=unit, lang=lang, variant=variant
    )


@st.cache_data(max_entries=32, show_spinner=False)
def lines(
    sequence_key: str,
    model_key: str,
    variant: str,
    cursor: int,
    units: tuple[int, ...],
    quantities: tuple[str, ...],
    fps: int,
    lang: str,
    feature_names: tuple[str, ...] | None,
    _trace,
    _tokens,
) -> dict:
    """The line figure animated in the browser (lstm_viz.stepper.run_figure) as a figure dict;
    units are 0-based. The trace and tokens are identified by the sequence and model keys."""
    figure = run_figure(
        _trace,
        cursor,
        units=list(units),
        quantities=list(quantities),
        fps=fps,
        lang=lang,
        tokens=_tokens,
        feature_names=None if feature_names is None else list(feature_names),
    )
    return figure.to_dict()


@st.cache_data(max_entries=32, show_spinner=False)
def heatmaps(
    sequence_key: str, model_key: str, variant: str, cursor: int, lang: str, _trace, _tokens
) -> dict:
    """The gate and state heatmaps (lstm_viz.heatmaps.trace_heatmaps) as a figure dict."""
    return trace_heatmaps(_trace, cursor, lang=lang, tokens=_tokens).to_dict()


@dataclass(frozen=True)
class StepperView:
    """What the page shows for one setting: the run at the cursor step `t`."""

    trace: LSTMTrace  # i, f, g, o, c, h: (T, H) each
    lines: dict  # figure dicts, sent as they are
    heatmaps: dict
    diagram: str  # SVG
    table: object  # pandas DataFrame: step t, one row per unit


def view(
    sequence: Sequence,
    model: Model,
    variant: str,
    t: int,
    units: list[int],
    quantities: list[str],
    fps: int,
    unit: int,
    lang: str,
) -> StepperView:
    """Run the model over the sequence (once per sequence and model: cached) and draw step t.
    `units` and `unit` are numbered 1..H as on screen. Each figure is cached on its own, so
    moving the cursor redraws the figures but never reruns the model."""
    keys = (sequence.key, model.key, variant)
    trace = run(*keys, sequence.xs, model.params)
    names = None if sequence.feature_names is None else tuple(sequence.feature_names)
    zero_based = tuple(k - 1 for k in units)
    return StepperView(
        trace=trace,
        lines=lines(
            *keys, t, zero_based, tuple(quantities), fps, lang, names, trace, sequence.tokens
        ),
        heatmaps=heatmaps(*keys, t, lang, trace, sequence.tokens),
        diagram=diagram(*keys, t, unit - 1, lang, model.params, trace),
        table=step_table(trace, t, lang),
    )


def lines_caption(meta: dict, T: int, lang: str) -> str:
    """What the line figure shows, and how it was thinned at large T (its layout.meta)."""
    caption = [i18n.t("stepper.figure_help", lang)]
    if meta["stride"] > 1:
        caption.append(i18n.t("stepper.thinned_lines", lang, T=T, stride=meta["stride"]))
    frames = len(meta["frame_steps"])
    if frames < T:
        caption.append(
            i18n.t("stepper.thinned_frames", lang, T=T, frames=frames, every=meta["frame_stride"])
        )
    if len(caption) > 1:
        caption.append(i18n.t("stepper.every_step_kept", lang))
    return " ".join(caption)


def heatmaps_caption(meta: dict, T: int, t: int, lang: str) -> str:
    """What the heatmaps show at step t, and how they were pooled at large T."""
    caption = [i18n.t("stepper.heatmaps_help", lang, t=t)]
    if meta["stride"] > 1:
        caption.append(i18n.t("stepper.heatmaps_pooled", lang, T=T, size=meta["stride"]))
    return " ".join(caption)


# --- the URL keys this module handles -----------------------------------------------------------


def read_url_extras(lang: str) -> list[str]:
    """On the page's first run in a session, take `sq_text` (through SEQUENCE), `sq_units` and
    `sq_q` from the URL (`sq_w` waits until the hand-set weights are first needed); fill in
    defaults where missing. Returns messages about values that could not be used."""
    messages = SEQUENCE.read_url(lang)
    if not st.session_state.get("_url_checked_stepper_extras"):
        st.session_state["_url_checked_stepper_extras"] = True
        asked = {}  # checked against T and H by url_limit_messages once they are known
        if "sq_t" in st.query_params:
            asked["sq_t"] = int(st.session_state.get("sq_t", 0))
        for key, parse in (("sq_units", _parse_units), ("sq_q", _parse_quantities)):
            raw = st.query_params.get(key)
            if raw is None:
                continue
            values = parse(raw)
            if values is None:
                messages.append(i18n.t("input.bad_list", lang, name=key, value=raw[:20]))
            else:
                st.session_state[key] = values
                asked[key] = values
        st.session_state["_sq_url_asked"] = asked
    st.session_state.setdefault("sq_units", list(DEFAULT_UNITS))
    st.session_state.setdefault("sq_q", list(DEFAULT_QUANTITIES))
    return messages


def _parse_units(raw: str) -> list[int] | None:
    """Units "1,4" as [1, 4] (repeats dropped), or None unless every part is a number 1..MAX_H
    in ASCII digits ("²".isdigit() is True, but int("²") fails) and there are 1..MAX_LINE_UNITS."""
    parts = list(dict.fromkeys(p.strip() for p in raw.split(",") if p.strip()))
    if not parts or len(parts) > MAX_LINE_UNITS:
        return None
    if not all(p.isascii() and p.isdecimal() and len(p) <= 3 for p in parts):
        return None
    units = [int(p) for p in parts]
    return units if all(1 <= u <= MAX_H for u in units) else None


def _parse_quantities(raw: str) -> list[str] | None:
    """Quantities "f,c,h" as a list (repeats dropped), or None unless each is in LINE_QUANTITIES."""
    parts = list(dict.fromkeys(p.strip() for p in raw.split(",") if p.strip()))
    return parts if parts and all(p in LINE_QUANTITIES for p in parts) else None


def url_limit_messages(T: int, H: int, lang: str) -> list[str]:
    """Once, after the first run has read the URL: messages when the link's cursor `sq_t` is
    beyond this sequence's last step or its units `sq_units` beyond this model's H (the page
    then shows the last step and leaves those units out, as clamp_cursor and keep_choices do)."""
    asked = st.session_state.pop("_sq_url_asked", None) or {}
    messages = []
    if asked.get("sq_t", 0) > T - 1:
        messages.append(i18n.t("stepper.url_t_beyond", lang, t=asked["sq_t"], last=T - 1))
    beyond = [u for u in asked.get("sq_units", []) if u > H]
    if beyond:
        units = ", ".join(map(str, beyond))
        messages.append(i18n.t("stepper.url_units_beyond", lang, units=units, H=H))
    return messages


def write_url_extras(model: str) -> None:
    """Put `sq_text` (SEQUENCE), `sq_units`, `sq_q` in the URL when they differ from their
    defaults, and `sq_w` (MODEL) while hand-set weights differ from the example; remove them
    otherwise. `model` is where the weights come from ("random", "hand" or "upload")."""
    SEQUENCE.write_url()
    get = st.session_state.get
    wanted = {
        "sq_units": ",".join(map(str, get("sq_units")))
        if get("sq_units") != DEFAULT_UNITS
        else None,
        "sq_q": ",".join(get("sq_q")) if get("sq_q") != DEFAULT_QUANTITIES else None,
    }
    for key, value in wanted.items():
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != value:
            st.query_params[key] = value
    MODEL.write_url(model)


# --- callbacks and downloads --------------------------------------------------------------------


def move_cursor(delta: int) -> None:
    """◀ / ▶: one step back or forward, within 0 … T − 1."""
    T = int(st.session_state.get("_sq_T", 1))
    t = int(st.session_state.get("sq_t", 0)) + delta
    st.session_state["sq_t"] = min(max(t, 0), T - 1)


def clamp_cursor(T: int) -> None:
    """Keep the cursor (and remember T for the buttons) when the sequence gets shorter."""
    st.session_state["_sq_T"] = T
    if st.session_state.get("sq_t", 0) > T - 1:
        st.session_state["sq_t"] = T - 1


def keep_choices(key: str, valid, default) -> None:
    """Drop values of a multiselect (or a select) that are no longer options, e.g. units ≥ H."""
    if key not in st.session_state:
        return
    value = st.session_state[key]
    if isinstance(value, list):
        kept = [v for v in value if v in valid]
        if kept != value:
            st.session_state[key] = kept
    elif value not in valid:
        st.session_state[key] = default


CSV_BYTES_PER_ROW = 30  # "t,unit,q,value": a float64's repr is about 20 characters


def trace_csv_size(T: int, H: int) -> str:
    """About how big trace_csv is for T steps and H units (6·T·H rows), e.g. "54 MB"."""
    return megabytes(6 * T * H * CSV_BYTES_PER_ROW)


def trace_csv(trace: LSTMTrace) -> bytes:
    """The whole run as CSV: columns t, unit, quantity, value; every step and unit. Units are
    numbered 1..H as on the page (the table, the heatmaps, the unit pickers); steps t from 0 as
    the cursor counts them."""
    frame = trace.to_frame()
    frame["unit"] += 1
    return frame.to_csv(index=False).encode("utf-8")


def weights_npz(p: LSTMParams) -> bytes:
    """The weights as .npz with nn.LSTM's names (p.to_torch())."""
    return npz_bytes(p.to_torch())


# --- a model handed over by another page ----------------------------------------------------------


def receive_model(params: LSTMParams, name: str, xs: np.ndarray, columns: tuple[str, ...]) -> None:
    """Make `params` the stepper's model and `xs` (T, D) its sequence, as if both had been
    uploaded as files named after `name` (the training lab's "Open in the stepper"). The
    cursor goes back to t = 0."""
    MODEL.receive(params, name)
    SEQUENCE.receive(xs, columns, name)
    st.session_state["sq_t"] = 0
