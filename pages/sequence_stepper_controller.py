"""State of the sequence stepper page: its URL keys, the cursor's buttons, and the cached core
results. Which sequence and which model it runs are chosen by the shared controls of
lstm_ui.sequence_source (SEQUENCE) and lstm_ui.model_source (MODEL), with the prefix `sq`;
the cell type `sq_cell` ("lstm" or "gru") is this page's (`cell_model`): a GRU runs random
weights from GRUParams.init with MODEL's initialisation, hidden size and seed.

Settings in the URL (key = widget key = URL name, all starting `sq_`): URL_PARAMS go through
lstm_ui.url_state (the sequence source, preset, length and seed, the model source, variant,
initialisation, hidden size, seed and forget bias, the hand-set size: SEQUENCE's and MODEL's;
then the cell type `sq_cell`, the cursor `sq_t`, the diagram's unit, the play speed); the typed
numbers `sq_text` and the hand-set weights `sq_w` are read and written by SEQUENCE and MODEL, and
this module reads and writes the line plot's units `sq_units` ("1,4") and quantities: `sq_q`
("f,c,h") for the LSTM, `sq_qg` ("z,h") for the GRU. Uploads stay in the session only.

Session keys (not widgets) besides SEQUENCE's and MODEL's (see their modules): "_sq_T" (T, for
the buttons), "_sq_url_asked" (the cursor and units a link asked for, checked once T and H are
known), and ▶ Play's "_sq_playing", "_sq_play", "_sq_play_sent", "_sq_cursor" (see "▶ Play"
below)."""

from __future__ import annotations

import hashlib
import html
import secrets
from dataclasses import dataclass

import numpy as np
import streamlit as st

from lstm_core import GRUParams, GRUTrace, LSTMParams, LSTMTrace, run_gru, run_lstm
from lstm_core.lab.weights_io import megabytes, npz_bytes
from lstm_ui import charts, navigation, player, uploads
from lstm_ui.model_source import Model, ModelSource
from lstm_ui.sequence_source import Sequence, SequenceSource
from lstm_ui.url_state import Param, write_query_params
from lstm_ui.widgets import NEXT_KEY, PREV_KEY
from lstm_viz import i18n
from lstm_viz.cell_svg import lstm_cell_svg
from lstm_viz.cursor import Cursor
from lstm_viz.frames import pack
from lstm_viz.gru_diagram import gru_cell_svg
from lstm_viz.heatmaps import heatmap_cursor, trace_heatmaps
from lstm_viz.stepper import (
    GRU_LINE_QUANTITIES,
    LINE_QUANTITIES,
    MAX_LINE_UNITS,
    gru_step_view,
    play_steps,
    play_stride,
    run_cursor,
    run_figure,
    step_readout,
    step_table,
    step_view,
)
from lstm_viz.summaries import stepper_summary

PAGE = "stepper"
# ▶ Play's speeds, in steps a second. Play runs in the browser (lstm_ui.player), so a speed
# costs the server nothing; 10 steps a second is as fast as a class can still read the readout.
# Links asking for another speed (3, 20) open at the nearest slower one offered.
FPS_CHOICES: tuple[int, ...] = (1, 2, 5, 10)
URL_FPS: tuple[str, ...] = ("1", "2", "3", "5", "10", "20")  # every speed a link may hold
MAX_H = uploads.MAX_HIDDEN
CELLS: tuple[str, ...] = ("lstm", "gru")
SEQUENCE = SequenceSource("sq")
MODEL = ModelSource("sq", max_H=MAX_H, default_H=8, max_hand_H=4, cells=CELLS)
URL_PARAMS = (
    *SEQUENCE.url_params(),
    *MODEL.url_params(),
    Param("sq_cell", "choice", "lstm", choices=CELLS),
    Param("sq_t", "int", 0, lo=0, hi=uploads.MAX_STEPS - 1),
    Param("sq_unit", "int", 1, lo=1, hi=MAX_H),  # units are numbered 1..H on screen
    Param("sq_fps", "choice", "1", choices=URL_FPS),  # steps a second
)
STEP_PARAMS = tuple(p for p in URL_PARAMS if p.key in ("sq_t", "sq_unit", "sq_fps"))
# Read and written by SEQUENCE (the text), MODEL (the hand-set weights) and this module.
OTHER_KEYS = SEQUENCE.other_keys | MODEL.other_keys | frozenset({"sq_units", "sq_q", "sq_qg"})
DEFAULT_UNITS, DEFAULT_QUANTITIES, DEFAULT_GRU_QUANTITIES = [1], ["f", "c", "h"], ["z", "n", "h"]
# The line plot's quantities: session (and URL) key, the quantities it offers, the default.
QUANTITY_KEYS = {
    "lstm": ("sq_q", LINE_QUANTITIES, DEFAULT_QUANTITIES),
    "gru": ("sq_qg", GRU_LINE_QUANTITIES, DEFAULT_GRU_QUANTITIES),
}


# --- the cell type ------------------------------------------------------------------------------


@st.cache_data(max_entries=32, show_spinner=False)
def random_gru(D: int, H: int, seed: int, scheme: str) -> GRUParams:
    """GRUParams.init with the page's initialisation, hidden size and seed."""
    return GRUParams.init(D, H, seed=seed, scheme=scheme)


def cell_model(
    cell: str, model: Model, source: str, variant: str, D: int, notes: list[str], lang: str
) -> tuple[Model, str, str]:
    """The model that runs for the chosen cell, the cell that runs and its variant, from what
    MODEL chose (model from `source`: "random", "hand" or "upload"). An uploaded file decides
    the cell itself (a Model with cell "gru" holds GRUParams); otherwise a GRU runs random
    weights with MODEL's initialisation, hidden size and seed. What is not used is said in
    `notes`."""
    file_cell = getattr(model, "cell", "lstm") if source == "upload" else None
    if file_cell is not None and model.key.startswith(("upload", "handed")):
        if file_cell != cell:
            notes.append(i18n.t("stepper.cell_from_file", lang, cell=file_cell.upper()))
        cell = file_cell
    elif cell == "gru":
        get = st.session_state.get
        H, seed = int(get("sq_H", MODEL.default_H)), int(get("sq_seed", 0))
        scheme = get("sq_scheme", "torch")
        model = Model(random_gru(D, H, seed, scheme), f"random-gru:{D}:{H}:{seed}:{scheme}")
        if source == "hand":
            notes.append(i18n.t("stepper.gru_hand", lang))
        elif get("sq_fb", "scheme") != "scheme":
            notes.append(i18n.t("stepper.gru_fb_unused", lang))
    if cell == "gru":
        if variant != "standard":
            notes.append(i18n.t("stepper.gru_variant_unused", lang))
        variant = "standard"
    return model, cell, variant


# --- cached core results ------------------------------------------------------------------------


@st.cache_data(max_entries=8, show_spinner=False)
def run(sequence_key: str, model_key: str, variant: str, _xs, _p) -> LSTMTrace | GRUTrace:
    """run_lstm(p, xs, variant=...), or run_gru(p, xs) for GRUParams, cached by the keys of the
    sequence and the model (the arrays themselves are not hashed: the keys identify them, and a
    GRU's key says so). At T = 5000, H = 64 an LSTM trace is about 18 MB, so few are kept."""
    if isinstance(_p, GRUParams):
        return run_gru(_p, _xs)
    return run_lstm(_p, _xs, variant=variant)


@st.cache_data(max_entries=64, show_spinner=False)
def diagram(
    sequence_key: str, model_key: str, variant: str, t: int, unit: int, lang: str, _p, _trace
) -> str:
    """The cell diagram of step t (draw_diagram), cached: a class steps back and forth over the
    same steps, so each is drawn once."""
    return draw_diagram(_p, _trace, t, unit, lang, variant)


def draw_diagram(p, trace, t: int, unit: int, lang: str, variant: str) -> str:
    """The cell diagram of step t as inline SVG (the GRU's for GRUParams). "" for Keras
    reset_after=False GRU weights: the diagram draws nn.GRU's cell, r ⊙ (U_n h + b_hn), not
    U_n (r ⊙ h)."""
    if isinstance(p, GRUParams) and not p.reset_after:
        return ""
    if isinstance(p, GRUParams):
        view = gru_step_view(p, trace, t)
        return gru_cell_svg(view.x, view.h_prev, view.step, unit=unit, lang=lang)
    view = step_view(p, trace, t)
    return lstm_cell_svg(
        view.x, view.h_prev, view.c_prev, view.step, unit=unit, lang=lang, variant=variant
    )


@st.cache_data(max_entries=32, show_spinner=False)
def lines(
    sequence_key: str,
    model_key: str,
    variant: str,
    units: tuple[int, ...],
    quantities: tuple[str, ...],
    lang: str,
    feature_names: tuple[str, ...] | None,
    _trace,
    _tokens,
) -> dict:
    """The line figure (lstm_viz.stepper.run_figure: no cursor, so one figure serves every
    step) as a figure dict; units are 0-based. The trace and tokens are identified by the
    sequence and model keys."""
    figure = run_figure(
        _trace,
        units=list(units),
        quantities=list(quantities),
        lang=lang,
        tokens=_tokens,
        feature_names=None if feature_names is None else list(feature_names),
    )
    return figure.to_dict()


@st.cache_data(max_entries=8, show_spinner=False)
def heatmaps(sequence_key: str, model_key: str, variant: str, lang: str, _trace, _tokens) -> dict:
    """The gate and state heatmaps (lstm_viz.heatmaps.trace_heatmaps: no cursor, so one figure
    serves every step) as a figure dict."""
    return trace_heatmaps(_trace, lang=lang, tokens=_tokens).to_dict()


def run_of(sequence: Sequence, model: Model, variant: str) -> LSTMTrace | GRUTrace:
    """The model's run over the sequence (cached by their keys: see run)."""
    return run(sequence.key, model.key, variant, sequence.xs, model.params)


@dataclass(frozen=True)
class StepperView:
    """What the page shows for one setting: the run at the cursor step `t`."""

    trace: LSTMTrace | GRUTrace  # i, f, g, o, c, h (or r, z, n, h): (T, H) each
    lines: dict  # figure dicts, sent as they are: the same for every step
    lines_cursor: Cursor  # laid over them at step t
    heatmaps: dict
    heatmaps_cursor: Cursor
    diagram: str  # SVG
    table: object  # pandas DataFrame: step t, one row per unit


def view(
    sequence: Sequence,
    model: Model,
    variant: str,
    t: int,
    units: list[int],
    quantities: list[str],
    unit: int,
    lang: str,
) -> StepperView:
    """Run the model over the sequence (once per sequence and model: cached) and draw step t.
    `units` and `unit` are numbered 1..H as on screen. Each figure is cached on its own and
    has no cursor, so moving the cursor changes only the cursors laid over the charts, the
    diagram and the table; it never reruns the model or redraws a chart."""
    keys = (sequence.key, model.key, variant)
    trace = run_of(sequence, model, variant)
    names = None if sequence.feature_names is None else tuple(sequence.feature_names)
    zero_based = tuple(k - 1 for k in units)
    T = trace.h.shape[0]
    return StepperView(
        trace=trace,
        lines=lines(*keys, zero_based, tuple(quantities), lang, names, trace, sequence.tokens),
        lines_cursor=run_cursor(
            trace, t, units=zero_based, quantities=quantities, tokens=sequence.tokens
        ),
        heatmaps=heatmaps(*keys, lang, trace, sequence.tokens),
        heatmaps_cursor=heatmap_cursor(T, t),
        diagram=diagram(*keys, t, unit - 1, lang, model.params, trace),
        table=step_table(trace, t, lang),
    )


@st.cache_data(max_entries=8, show_spinner=False)  # a play's first frames, and the others
def play_frames(
    sequence_key: str,
    model_key: str,
    variant: str,
    units: tuple[int, ...],
    quantities: tuple[str, ...],
    unit: int,
    lang: str,
    present: bool,
    steps: tuple[int, ...],
    _trace,
    _p,
    _tokens,
    _lines_layout: dict,
    _heatmaps_layout: dict,
    follows_first: bool = False,
    _parts: dict[str, list[str]] | None = None,
) -> dict[str, dict]:
    """What every view of step t shows, for each step a play visits, as frames for the
    browser's player (lstm_viz.frames.pack), by view: the readout, the word, the cursors over
    the line chart and the heatmaps and their sentences, the heatmaps' caption, the diagram and
    the table with their headings. Each frame is the HTML the page draws at that step when
    paused, so nothing changes when Play stops. `units` are 0-based, `unit` too; `present`:
    presenter mode (the cursors' sizes). `follows_first`: these are the rest of a play, whose
    first frames' template is `_parts` (by view); each view is packed against it. (Which first
    frames these follow is known from `steps` and T: the play's stride and its first step.)"""
    del present, follows_first  # keys: charts.cursor_over reads one, _parts comes of the other
    T = _trace.h.shape[0]
    drawn = unit if unit in units or not units else units[0]  # a unit the line chart shows
    views: dict[str, list[str]] = {name: [] for name in PLAY_VIEWS}
    for t in steps:
        views["readout"].append(step_readout(t, T, lang))
        if _tokens is not None:
            word = i18n.t("stepper.cursor_word", lang, t=t, word=_tokens[t])
            views["word"].append(html.escape(word))
        cursor = run_cursor(_trace, t, units=units, quantities=quantities, tokens=_tokens)
        views["lines_cursor"].append(charts.cursor_over(_lines_layout, cursor))
        lines_words = stepper_summary(_trace, t, drawn + 1, "lines", lang)
        views["lines_summary"].append(charts.summary_html(lines_words, lang))
        views["heatmaps_cursor"].append(charts.cursor_over(_heatmaps_layout, heatmap_cursor(T, t)))
        heat_words = stepper_summary(_trace, t, unit + 1, "heatmaps", lang)
        views["heatmaps_summary"].append(charts.summary_html(heat_words, lang))
        caption = heatmaps_caption(_heatmaps_layout["meta"], T, t, lang)
        views["heatmaps_caption"].append(html.escape(caption))
        views["diagram_title"].append(html.escape(i18n.t("stepper.diagram_title", lang, t=t)))
        # drawn here, not one by one through the diagram's cache (a cached call costs more)
        views["diagram"].append(draw_diagram(_p, _trace, t, unit, lang, variant))
        views["table_title"].append(html.escape(i18n.t("stepper.table_title", lang, t=t)))
        views["table"].append(table_html(step_table(_trace, t, lang)))
    parts = _parts or {}
    return {name: pack(frames, parts.get(name)) for name, frames in views.items() if frames}


PLAY_VIEWS = (
    "readout",
    "word",
    "lines_cursor",
    "lines_summary",
    "heatmaps_cursor",
    "heatmaps_summary",
    "heatmaps_caption",
    "diagram_title",
    "diagram",
    "table_title",
    "table",
)


PLAY_HEAD = 10  # a play's views are sent with this many frames first (lstm_ui.player.store)


def frames_id(play: str, options: tuple) -> str:
    """Names the frames of play `play` at `options`, all that its frames depend on but the steps
    (play_frames' arguments before `steps`): the id of the player's store sent with them."""
    return hashlib.blake2s(repr((play, options)).encode(), digest_size=8).hexdigest()


def table_html(table) -> str:
    """A step's table (step_table: H rows, index = unit) as the HTML table the player shows
    while playing: the unit as each row's header and each number to 4 decimals, as the page's
    st.dataframe shows them. Written here rather than by DataFrame.to_html, which took 2 ms a
    table (0.4 s of the first ▶ Play over 200 steps) and marks no header's scope."""
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in table.columns)
    rows = "".join(
        f'<tr><th scope="row">{unit}</th>' + "".join(f"<td>{v:.4f}</td>" for v in values) + "</tr>"
        for unit, values in zip(table.index, table.to_numpy(), strict=True)
    )
    unit = html.escape(str(table.index.name))
    return (
        f'<table class="lgl-play-table"><thead><tr><th scope="col">{unit}</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def lines_caption(meta: dict, T: int, lang: str) -> str:
    """What the line figure shows, how it was thinned at large T (its layout.meta), and which
    steps ▶ Play visits."""
    caption = [i18n.t("stepper.figure_help", lang)]
    if meta["stride"] > 1:
        caption.append(i18n.t("stepper.thinned_lines", lang, T=T, stride=meta["stride"]))
    visited = len(play_steps(T))
    if visited < T:
        caption.append(
            i18n.t("stepper.thinned_frames", lang, T=T, frames=visited, every=play_stride(T))
        )
    if len(caption) > 1:
        caption.append(i18n.t("stepper.every_step_kept", lang))
    return " ".join(caption)


def heatmaps_caption(meta: dict, T: int, t: int, lang: str) -> str:
    """What the heatmaps show at step t (an LSTM's or a GRU's rows: meta["rows"]), and how they
    were pooled at large T."""
    key = "stepper.heatmaps_help_gru" if "z" in meta.get("rows", ()) else "stepper.heatmaps_help"
    caption = [i18n.t(key, lang, t=t)]
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
        parsers = (
            ("sq_units", _parse_units),
            ("sq_q", lambda raw: _parse_quantities(raw, LINE_QUANTITIES)),
            ("sq_qg", lambda raw: _parse_quantities(raw, GRU_LINE_QUANTITIES)),
        )
        for key, parse in parsers:
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
    st.session_state.setdefault("sq_qg", list(DEFAULT_GRU_QUANTITIES))
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


def _parse_quantities(raw: str, offered: tuple[str, ...]) -> list[str] | None:
    """Quantities "f,c,h" as a list (repeats dropped), or None unless each is `offered`
    (LINE_QUANTITIES, or GRU_LINE_QUANTITIES for `sq_qg`)."""
    parts = list(dict.fromkeys(p.strip() for p in raw.split(",") if p.strip()))
    return parts if parts and all(p in offered for p in parts) else None


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
    write_step_url()
    MODEL.write_url(model)


def write_step_url() -> None:
    """The URL keys of the step fragment's controls (the cursor `sq_t`, the diagram's unit, the
    speed, the line plot's units and quantities), written on each of its reruns: a step reruns
    the fragment alone, and the link must still say the step shown."""
    write_query_params(STEP_PARAMS)
    get = st.session_state.get
    wanted = {
        "sq_units": ",".join(map(str, get("sq_units")))
        if get("sq_units") != DEFAULT_UNITS
        else None,
        "sq_q": ",".join(get("sq_q")) if get("sq_q") != DEFAULT_QUANTITIES else None,
        "sq_qg": ",".join(get("sq_qg")) if get("sq_qg") != DEFAULT_GRU_QUANTITIES else None,
    }
    for key, value in wanted.items():
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != value:
            st.query_params[key] = value


# --- callbacks and downloads --------------------------------------------------------------------


def move_cursor(delta: int) -> None:
    """◀ / ▶ (paused): one step back or forward from the step shown, within 0 … T − 1."""
    T = int(st.session_state.get("_sq_T", 1))
    show(min(max(shown_step() + delta, 0), T - 1))


# --- ▶ Play -------------------------------------------------------------------------------------
# Play runs in the browser (lstm_ui.player): pressing it reruns the step fragment once, which
# sends the frames of every view of the steps it will visit (play_frames) and, in place of ◀,
# Play and ▶, the player's own buttons; the browser then shows one frame every 1/fps seconds
# with no request to the server. A press of one of those buttons (or the end) tells the server
# which frame was shown; ‖ Pause and the end stop there, ◀ and ▶ step from there and play on.
#
# While playing the page draws no step slider, only a read-only readout of the step (a view of
# the player): the server's record (CURSOR) is the step the play started from, and "sq_t" (the
# URL's) says it too. When playing stops the step slider is drawn again with "sq_t" = CURSOR,
# the step every view shows.
PLAY_KEY = "Shift+P"  # like Shift+←/→: never fires while a field has the focus (Streamlit)
PLAYING = "_sq_playing"  # ▶ Play pressed and not yet paused or at the end
PLAY = "_sq_play"  # this play's own random part: each play has its own clock in the browser
SENT = "_sq_play_sent"  # the play id the page last sent the player (what a press must name)
CURSOR = "_sq_cursor"  # the step shown, as the server last set it (where playing started)
PLAY_FAILED = "_sq_play_failed"  # why the last ▶ Play could not start, said once over the row
# The player's buttons (lstm_ui.player.button): key, label, action, shortcut, and the key of the
# page's own button it stands in for while playing
PLAY_BUTTONS = (
    ("sq_prev_playing", "stepper.prev", "prev", PREV_KEY, "sq_prev"),
    ("sq_pause", "stepper.pause", "pause", PLAY_KEY, "sq_play"),
    ("sq_next_playing", "stepper.next", "next", NEXT_KEY, "sq_next"),
)


def playing() -> bool:
    return bool(st.session_state.get(PLAYING, False))


def shown_step() -> int:
    """The step the views show: while playing the step the play started from (CURSOR),
    otherwise the step slider's value "sq_t"."""
    t = st.session_state.get("sq_t", 0)
    return int(st.session_state.get(CURSOR, t) if playing() else t)


def show(t: int) -> None:
    """Make step t the one shown: the server's record and the slider's key (and so the URL's
    `sq_t`). Called before the slider is created in a run (callbacks, arrive)."""
    st.session_state[CURSOR] = st.session_state["sq_t"] = t


def start_playing() -> None:
    """▶ Play: a new play from the step shown (at the last step from t = 0). A press that
    arrives twice (its shortcut also reaches the copy Streamlit keeps while the fragment
    reruns) starts one play, not two."""
    if playing():
        return
    t = shown_step()
    last = int(st.session_state.get("_sq_T", 1)) - 1
    show(0 if t >= last else t)
    new_play()
    st.session_state[PLAYING] = True


def new_play() -> None:
    """A new play (Play, or ◀ ▶ while playing): a new id, so that the browser starts it at its
    first frame and a press from the play before is known as such. Random, not counted: a page
    state opened from a lesson forgets this page's keys, and a count would start again at an id
    the browser still remembers."""
    st.session_state[PLAY] = secrets.token_hex(4)


def play_failed(reason: str) -> None:
    """The frames of a play could not be made: the run stays paused at the step it started
    from, and the next run says so over the step row (failed_play_message)."""
    t = shown_step()
    show(t)
    st.session_state[PLAYING] = False
    st.session_state[PLAY_FAILED] = (t, reason)


def failed_play_message(lang: str) -> str | None:
    """Why the last ▶ Play stopped at once (play_failed), the first time it is asked for."""
    failed = st.session_state.pop(PLAY_FAILED, None)
    if failed is None:
        return None
    t, reason = failed
    return i18n.t("stepper.play_failed", lang, t=t, reason=reason)


def play_id(sequence_key: str, model_key: str) -> str:
    """The play the browser's clock belongs to (remembered as the one sent): a new one for each
    Play, for ◀ or ▶ while playing, and for another sequence or model (each starts at its first
    frame); the same while only the views' options or the speed change (the clock goes on where
    it is)."""
    play = f"{st.session_state.get(PLAY, '')}:{shown_step()}:{sequence_key}:{model_key}"
    st.session_state[SENT] = play
    return play


def playing_steps(T: int) -> np.ndarray:
    """The steps this play shows, one frame each: from the step it started at, every
    play_stride(T)-th, and the last."""
    return play_steps(T, start=shown_step())


def on_player_press(key: str) -> None:
    """A player button's press (lstm_ui.player.pressed: {"action", "frame", "play"}): ‖ Pause
    and the end show the frame's step, paused; ◀ and ▶ one step before or after it, playing on
    from there. A press from a play the page has since replaced (◀ twice before the new play
    arrived, the end of the play ◀ left, any press while new settings were on their way) says
    nothing about the play shown now: ‖ Pause pauses at the step this play started from, the
    others are ignored. A frame the play does not have counts as its nearest."""
    press = player.pressed(key)
    if press is None or not playing():
        return
    action = press.get("action")
    if press.get("play") != st.session_state.get(SENT):
        if action == "pause":
            show(shown_step())
            st.session_state[PLAYING] = False
        return
    T = int(st.session_state.get("_sq_T", 1))
    steps = playing_steps(T)
    try:
        frame = int(press.get("frame", 0))
    except (TypeError, ValueError, OverflowError):  # OverflowError: JSON's Infinity
        frame = 0
    t = int(steps[min(max(frame, 0), len(steps) - 1)])
    if action in ("pause", "end"):
        show(t)
        st.session_state[PLAYING] = False
    elif action in ("prev", "next"):
        show(min(max(t + (1 if action == "next" else -1), 0), T - 1))
        new_play()


def keep_speed() -> None:
    """A speed that is no longer offered (a link's 3 or 20 frames/s) becomes the nearest
    slower one offered."""
    value = st.session_state.get("sq_fps")
    if value is None or value in [str(f) for f in FPS_CHOICES]:
        return
    try:
        asked = float(value)
    except ValueError:
        asked = FPS_CHOICES[0]
    st.session_state["sq_fps"] = str(max([f for f in FPS_CHOICES if f <= asked] or FPS_CHOICES[:1]))


def play_fps() -> int:
    """The chosen speed in steps a second (one of FPS_CHOICES)."""
    fps = int(st.session_state.get("sq_fps", 1))
    return fps if fps in FPS_CHOICES else FPS_CHOICES[0]


def arrive() -> None:
    """On a full run: a student who comes back from another page finds the run paused at the
    step the play started from (the browser's clock stopped when they left)."""
    if playing() and navigation.arrived():
        show(shown_step())
        st.session_state[PLAYING] = False


def clamp_cursor(T: int) -> None:
    """Keep the cursor (and remember T for the buttons) when the sequence gets shorter."""
    st.session_state["_sq_T"] = T
    for key in ("sq_t", CURSOR):
        if st.session_state.get(key, 0) > T - 1:
            st.session_state[key] = T - 1


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


def trace_rows(T: int, H: int, cell: str = "lstm") -> int:
    """How many rows trace_csv has: a row per step, unit and quantity (6 for an LSTM's i, f, g,
    o, c, h; 4 for a GRU's r, z, n, h)."""
    return (4 if cell == "gru" else 6) * T * H


def trace_csv_size(T: int, H: int, cell: str = "lstm") -> str:
    """About how big trace_csv is for T steps and H units, e.g. "54 MB"."""
    return megabytes(trace_rows(T, H, cell) * CSV_BYTES_PER_ROW)


def trace_csv(trace: LSTMTrace | GRUTrace) -> bytes:
    """The whole run as CSV: columns t, unit, quantity, value; every step and unit. Units are
    numbered 1..H as on the page (the table, the heatmaps, the unit pickers); steps t from 0 as
    the cursor counts them."""
    frame = gru_frame(trace) if isinstance(trace, GRUTrace) else trace.to_frame()
    frame["unit"] += 1
    return frame.to_csv(index=False).encode("utf-8")


def gru_frame(trace: GRUTrace):
    """A GRU run as a tidy table like LSTMTrace.to_frame(): columns t, unit, quantity (r, z, n,
    h, in that order), value; unbatched traces (T, H)."""
    import pandas as pd

    T, H = trace.h.shape
    values = np.stack([trace.r, trace.z, trace.n, trace.h], axis=1)  # (T, 4, H)
    return pd.DataFrame(
        {
            "t": np.repeat(np.arange(T), 4 * H),
            "unit": np.tile(np.arange(H), 4 * T),
            "quantity": pd.Categorical(
                np.tile(np.repeat(list("rznh"), H), T), categories=list("rznh")
            ),
            "value": values.reshape(-1),
        }
    )


def weights_npz(p: LSTMParams | GRUParams) -> bytes:
    """The weights as .npz with nn.LSTM's or nn.GRU's names (p.to_torch()); a Keras
    reset_after=False GRU, which nn.GRU cannot hold, with Keras' names (kernel,
    recurrent_kernel, bias)."""
    if isinstance(p, GRUParams) and not p.reset_after:
        kernel, recurrent_kernel, bias = p.to_keras()
        return npz_bytes({"kernel": kernel, "recurrent_kernel": recurrent_kernel, "bias": bias})
    return npz_bytes(p.to_torch())


# --- a model handed over by another page ----------------------------------------------------------


def receive_model(params: LSTMParams, name: str, xs: np.ndarray, columns: tuple[str, ...]) -> None:
    """Make `params` the stepper's model and `xs` (T, D) its sequence, as if both had been
    uploaded as files named after `name` (the training lab's "Open in the stepper"). The
    cursor goes back to t = 0, paused."""
    MODEL.receive(params, name)
    SEQUENCE.receive(xs, columns, name)
    show(0)
    st.session_state[PLAYING] = False
