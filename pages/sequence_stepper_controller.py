"""State of the sequence stepper page: which sequence and which model, their URL form, the last
valid upload of each kind, the cursor's buttons, and the cached core results.

Settings in the URL (key = widget key = URL name, all starting `sq_`): URL_PARAMS go through
lstm_ui.url_state (the sequence source, preset, length and seed, the model source, variant,
initialisation, hidden size, seed and forget bias, the hand-set size, the cursor `sq_t`, the
diagram's unit, the play speed); this module reads and writes the others itself: the typed
numbers `sq_text`, the line plot's units `sq_units` ("1,4") and quantities `sq_q` ("f,c,h"),
and hand-set weights `sq_w` (W, U, b flattened). Uploads stay in the session only.

Session keys (not widgets): "sq_params" (hand-set LSTMParams, edited by the weight editor),
"sq_typed_last" (the last typed list that parsed), "sq_csv_last" and "sq_weights_last" (the last
valid CSV sequence and weights file, with names and digests), "sq_csv_seen" and
"sq_weights_seen" (the last file looked at and its error, so a bad file is read once, not on
every rerun), "_sq_T" (T, for the buttons), "_sq_url_asked" (the cursor and units a link asked
for, checked once T and H are known).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

import numpy as np
import streamlit as st

from lstm_core import CLASSIC_VARIANTS, SCHEMES, LSTMParams, LSTMTrace, run_lstm
from lstm_core.lab.inputs import PRESETS, SINE_POINTS, make_sequence
from lstm_core.lab.weights_io import MAX_FILE_BYTES, BadFileError, megabytes, npz_bytes
from lstm_ui import uploads, weight_editor
from lstm_ui.lang import t
from lstm_ui.url_state import Param, encode_floats
from lstm_ui.widgets import KEEP, choice
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

log = logging.getLogger("lstm_gate_lab")

PAGE = "stepper"
SOURCES: tuple[str, ...] = ("preset", "typed", "csv")
MODELS: tuple[str, ...] = ("random", "hand", "upload")
FB_CHOICES: tuple[str, ...] = ("scheme", "-2", "-1", "0", "1", "2", "3", "5")
MIN_T, MAX_T, DEFAULT_T = 10, 1000, SINE_POINTS
MAX_H, DEFAULT_H = uploads.MAX_HIDDEN, 8
MAX_HAND_H = 4
MAX_SEED = 10_000
# The file pickers' own limits (whole MB); the parsers check the exact byte limits.
CSV_UPLOAD_MB = max(1, uploads.MAX_CSV_BYTES // (1024 * 1024))
WEIGHTS_UPLOAD_MB = max(1, MAX_FILE_BYTES // (1024 * 1024))
DEFAULT_TEXT = "0, 0.5, 1, 1, 1, 0.5, 0, -0.5, -1, -1, -1, -0.5, 0, 0, 0, 0, 0, 0, 0, 0"
URL_PARAMS = (
    Param("sq_source", "choice", "preset", choices=SOURCES),
    Param("sq_preset", "choice", "sine", choices=PRESETS),
    Param("sq_T", "int", DEFAULT_T, lo=MIN_T, hi=MAX_T),
    Param("sq_xseed", "int", 0, lo=0, hi=MAX_SEED),
    Param("sq_model", "choice", "random", choices=MODELS),
    Param("sq_variant", "choice", "standard", choices=CLASSIC_VARIANTS),
    Param("sq_scheme", "choice", "torch", choices=SCHEMES),
    Param("sq_H", "int", DEFAULT_H, lo=1, hi=MAX_H),
    Param("sq_seed", "int", 0, lo=0, hi=MAX_SEED),
    Param("sq_fb", "choice", "scheme", choices=FB_CHOICES),
    Param("sq_hand_H", "int", 1, lo=1, hi=MAX_HAND_H),
    Param("sq_t", "int", 0, lo=0, hi=uploads.MAX_STEPS - 1),
    Param("sq_unit", "int", 1, lo=1, hi=MAX_H),  # units are numbered 1..H on screen
    Param("sq_fps", "choice", "5", choices=tuple(str(f) for f in FPS_CHOICES)),
)
# Read and written by this module: a text, two lists and the hand-set weights.
OTHER_KEYS = frozenset({"sq_text", "sq_units", "sq_q", "sq_w"})
DEFAULT_UNITS, DEFAULT_QUANTITIES = [1], ["f", "c", "h"]


@dataclass(frozen=True)
class Sequence:
    """The input the page runs on: xs (T, D), the words for the sentence (else None), names
    of the input features, and a key that identifies its numbers (for the caches)."""

    xs: np.ndarray
    tokens: tuple[str, ...] | None
    feature_names: tuple[str, ...] | None
    key: str


@dataclass(frozen=True)
class Model:
    """The weights the page runs and a key that identifies them (for the caches)."""

    params: LSTMParams
    key: str


def digest(*arrays: np.ndarray) -> str:
    """A short fingerprint of arrays' shapes and bytes, for cache keys."""
    h = hashlib.sha1()
    for a in arrays:
        a = np.ascontiguousarray(a)
        h.update(str(a.shape).encode())
        h.update(a.tobytes())
    return h.hexdigest()[:16]


# --- cached core results ------------------------------------------------------------------------


@st.cache_data(max_entries=32, show_spinner=False)
def random_params(D: int, H: int, seed: int, scheme: str, forget_bias: str) -> LSTMParams:
    """LSTMParams.init with the page's choices; forget_bias is a FB_CHOICES string."""
    fb = None if forget_bias == "scheme" else float(forget_bias)
    return LSTMParams.init(D, H, seed=seed, scheme=scheme, forget_bias=fb)


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


# --- the input and model sections' widgets -------------------------------------------------------


def sequence_controls(
    messages: list[str], notes: list[str], lang: str
) -> tuple[Sequence, str | None]:
    """The input section's widgets: a preset, typed numbers or a CSV file. Returns the sequence
    and the preset's name (None for typed numbers or a file); problems go to `messages`, what
    is shown instead of what was asked for to `notes`."""
    source = choice(t("stepper.source"), SOURCES, key="sq_source", labels="stepper.source")
    sequence = None
    if source == "typed":
        text = st.text_area(
            t("stepper.typed"),
            max_chars=uploads.MAX_TEXT_CHARS,
            height=90,
            help=t("stepper.typed_help", limit=uploads.MAX_STEPS),
            key="sq_text",
            persist_state=KEEP,
        )
        sequence = typed_sequence(text, messages, lang)
    elif source == "csv":
        csv_file = st.file_uploader(
            t("stepper.csv"),
            type=["csv", "txt", "tsv"],
            key="sq_csv_file",
            max_upload_size=CSV_UPLOAD_MB,
        )
        st.caption(
            t(
                "stepper.csv_help",
                columns=uploads.MAX_FEATURES,
                rows=uploads.MAX_STEPS,
                size=megabytes(uploads.MAX_CSV_BYTES),
            )
        )
        sequence = csv_sequence(csv_file, messages, lang)
        if sequence is None:
            notes.append(t("stepper.csv_none"))
        else:
            name = st.session_state["sq_csv_last"][0]
            st.caption(
                t(
                    "stepper.csv_loaded",
                    name=name,
                    T=len(sequence.xs),
                    D=sequence.xs.shape[1],
                    columns=", ".join(sequence.feature_names),
                )
            )
    preset = None
    if sequence is None:
        preset = st.selectbox(
            t("stepper.preset"),
            PRESETS,
            format_func=lambda p: t(f"preset.{p}"),
            key="sq_preset",
            persist_state=KEEP,
        )
        T, xseed = DEFAULT_T, 0
        if preset != "sentence":
            T = st.slider(
                t("stepper.steps"),
                MIN_T,
                MAX_T,
                key="sq_T",
                persist_state=KEEP,
            )
        if preset in ("sine", "first_value", "noise"):
            xseed = st.number_input(
                t("stepper.xseed"),
                0,
                MAX_SEED,
                key="sq_xseed",
                persist_state=KEEP,
            )
        sequence = preset_sequence(preset, T, int(xseed), lang)
        if preset == "sentence":
            st.caption(t("stepper.sentence_length", T=len(sequence.xs), D=sequence.xs.shape[1]))
    if uploads.needs_scaling(sequence.xs):
        notes.append(t("stepper.scale_note", limit=f"{uploads.SATURATING_INPUT:g}"))
    return sequence, preset


def model_controls(
    D: int, messages: list[str], notes: list[str], lang: str
) -> tuple[Model, str, str]:
    """The model section's widgets: random, hand-set or uploaded weights for input size D, and
    the variant. Returns (model, where its weights come from, variant)."""
    model_source = choice(
        t("stepper.model_source"), MODELS, key="sq_model", labels="stepper.model_source"
    )
    variant = choice(t("stepper.variant"), CLASSIC_VARIANTS, key="sq_variant", labels="variant")
    if model_source == "random":
        choice(
            t("stepper.scheme"),
            SCHEMES,
            key="sq_scheme",
            labels="stepper.scheme",
            help=t("stepper.scheme_help"),
        )
        st.slider(t("stepper.hidden"), 1, MAX_H, key="sq_H", persist_state=KEEP)
        seed_col, fb_col = st.columns([1, 2])
        seed_col.number_input(
            t("stepper.seed"),
            0,
            MAX_SEED,
            key="sq_seed",
            persist_state=KEEP,
        )
        fb_col.select_slider(
            t("stepper.forget_bias"),
            FB_CHOICES,
            format_func=lambda v: t("stepper.fb_scheme") if v == "scheme" else v.replace("-", "−"),
            help=t("stepper.forget_bias_help"),
            key="sq_fb",
            persist_state=KEEP,
        )
        model = random_model(D)
    elif model_source == "hand":
        hand_H = choice(t("stepper.hand_hidden"), range(1, MAX_HAND_H + 1), key="sq_hand_H")
        ensure_hand(D, int(hand_H), messages)
        example_col, random_col = st.columns(2)
        example_col.button(
            t("stepper.hand_reset"), key="sq_hand_example", on_click=set_hand_example
        )
        random_col.button(
            t("stepper.hand_random"),
            key="sq_copy_random",
            on_click=copy_random_to_hand,
            help=t("stepper.hand_random_help"),
        )
        st.caption(t("stepper.hand_where"))
        # The table's edits arrive through its callback before this run, so the weights are
        # read here and the table itself is drawn in the wider views column below.
        messages += st.session_state.pop(weight_editor.messages_key("sq_params"), [])
        model = hand_model()
    else:
        weights_file = st.file_uploader(
            t("stepper.upload"),
            type=["npz", "safetensors"],
            key="sq_weights_file",
            max_upload_size=WEIGHTS_UPLOAD_MB,
        )
        st.caption(t("stepper.upload_help", H=uploads.MAX_HIDDEN, size=megabytes(MAX_FILE_BYTES)))
        uploaded, label = uploaded_model(weights_file, messages, lang)
        model = random_model(D)
        if uploaded is None:
            notes.append(t("stepper.upload_none"))
        elif uploaded.params.input_size != D:
            messages.append(t("stepper.upload_mismatch", D_w=uploaded.params.input_size, D_x=D))
        else:
            model = uploaded
            name, layout = label.rsplit("|", 1)
            st.caption(
                t(
                    "stepper.upload_loaded",
                    name=name,
                    layout=layout,
                    H=model.params.hidden_size,
                    D=D,
                )
            )
    return model, model_source, variant


# --- the sequence -------------------------------------------------------------------------------


# The sentence's subject and the verb that agrees with it (see lstm_core.lab.inputs).
SENTENCE_LINK = {"en": ("keys", "are"), "ko": ("할머니께서는", "주무셨다")}


def sentence_distance(tokens: tuple[str, ...], lang: str) -> int:
    """How many words after the subject the verb that agrees with it comes."""
    subject, verb = SENTENCE_LINK.get(lang, SENTENCE_LINK["en"])
    if subject not in tokens or verb not in tokens:
        return len(tokens) - 1
    return tokens.index(verb) - tokens.index(subject)


def preset_sequence(name: str, T: int, seed: int, lang: str) -> Sequence:
    seq = make_sequence(name, T, seed, lang)
    # The sentence has its own length and a language; the others have a length and a seed.
    key = f"preset:sentence:{lang}" if name == "sentence" else f"preset:{name}:{T}:{seed}"
    return Sequence(seq.xs, seq.tokens, None, key)


def typed_sequence(text: str, messages: list[str], lang: str) -> Sequence:
    """The typed numbers; when they cannot be read, a message and the last list that could."""
    try:
        xs = uploads.parse_typed(text)
        st.session_state["sq_typed_last"] = xs
    except BadFileError as error:
        messages.append(uploads.describe(error, lang))
        xs = st.session_state.get("sq_typed_last")
        if xs is None:
            xs = uploads.parse_typed(DEFAULT_TEXT)
            messages.append(i18n.t("stepper.typed_default", lang, T=len(xs)))
        else:
            messages.append(i18n.t("stepper.typed_kept", lang, T=len(xs)))
    return Sequence(xs, None, None, "typed:" + digest(xs))


def unexpected_upload_error(error: Exception) -> BadFileError:
    """A parser's unforeseen exception as a BadFileError whose message says only that the file
    could not be read (the details go to the log, not to the student)."""
    log.error("an upload could not be read", exc_info=error)
    kind = type(error).__name__
    return BadFileError("upload_failed", f"the file could not be read ({kind})", kind=kind)


def _read_upload_once(file, name: str, read, expected, messages: list[str], lang: str) -> None:
    """Read an uploaded file once per upload: `read(file)` goes into session state as
    f"{name}_last"; an `expected` error (or any other, as a generic one) is remembered in
    f"{name}_seen" with the file's id, so it is reported on every run without reading again,
    and the last good value stays."""
    if file is None:
        return
    seen_key, last_key = f"{name}_seen", f"{name}_last"
    seen = st.session_state.get(seen_key)
    if seen is None or seen[0] != file.file_id:
        try:
            st.session_state[last_key] = read(file)
            seen = (file.file_id, None)
        except expected as error:
            seen = (file.file_id, error)
        except Exception as error:  # the last line of defence: a message, never a traceback
            seen = (file.file_id, unexpected_upload_error(error))
        st.session_state[seen_key] = seen
    if seen[1] is not None:
        messages.append(uploads.describe(seen[1], lang))
        if last_key in st.session_state:
            messages.append(i18n.t("stepper.kept_previous", lang))


def _read_weights_file(file) -> tuple:
    """(name, layout, Model, unused array names) of an uploaded weights file."""
    loaded = uploads.parse_weights(file.getvalue(), file.name)
    p = loaded.params
    model = Model(p, "upload:" + digest(p.W, p.U, p.b))
    return file.name, loaded.layout, model, loaded.unused


def csv_sequence(file, messages: list[str], lang: str) -> Sequence | None:
    """The sequence of the uploaded CSV file (`file`: a Streamlit UploadedFile or None); a bad
    file gives a message and the last good one is kept. None if there has never been one."""
    _read_upload_once(
        file,
        "sq_csv",
        lambda f: (f.name, uploads.parse_csv(f.getvalue())),
        BadFileError,
        messages,
        lang,
    )
    last = st.session_state.get("sq_csv_last")
    if last is None:
        return None
    _, parsed = last
    messages.extend(i18n.t(f"stepper.note.{code}", lang) for code in parsed.notes)
    return Sequence(parsed.xs, None, parsed.columns, "csv:" + digest(parsed.xs))


# --- the model ----------------------------------------------------------------------------------


def hand_example(D: int, H: int) -> LSTMParams:
    """The hand-set starting point, a leaky memory: unit k reads input k mod D; it writes
    g = tanh(2x) when x > 1/3 (i = σ(3x − 1)), keeps f = σ(3) = 0.95 of its memory per step and
    shows o = σ(2) = 0.88 of it. U = 0, so the units do not talk to each other."""
    W, U, b = np.zeros((4 * H, D)), np.zeros((4 * H, H)), np.zeros(4 * H)
    for k in range(H):
        j = k % D
        W[k, j], b[k] = 3.0, -1.0  # i
        b[H + k] = 3.0  # f
        W[2 * H + k, j] = 2.0  # g
        b[3 * H + k] = 2.0  # o
    return LSTMParams(W, U, b)


def ensure_hand(D: int, H: int, messages: list[str]) -> None:
    """Make the hand-set weights match D, H; on their first use read them from the URL."""
    if "sq_params" not in st.session_state:
        weight_editor.replace_params("sq_params", hand_example(D, H))
        message = weight_editor.read_url_weights("sq_params", "sq_w", D, H)
        if message:
            messages.append(message)
    p: LSTMParams = st.session_state["sq_params"]
    if (p.input_size, p.hidden_size) != (D, H):
        weight_editor.replace_params("sq_params", weight_editor.resized(p, hand_example(D, H)))


def hand_model() -> Model:
    p = st.session_state["sq_params"]
    return Model(p, "hand:" + digest(p.W, p.U, p.b))


def random_model(D: int) -> Model:
    """The random model of the settings under "random" (also the fallback of the others)."""
    get = st.session_state.get
    H = int(get("sq_H", DEFAULT_H))
    seed, scheme, fb = int(get("sq_seed", 0)), get("sq_scheme", "torch"), get("sq_fb", "scheme")
    if scheme not in SCHEMES:
        scheme = "torch"
    if fb not in FB_CHOICES:
        fb = "scheme"
    return Model(random_params(D, H, seed, scheme, fb), f"random:{D}:{H}:{seed}:{scheme}:{fb}")


def uploaded_model(file, messages: list[str], lang: str) -> tuple[Model | None, str | None]:
    """The weights of the uploaded file (or the last good one), with the file's name; a bad
    file gives a message. (None, None) if there has never been a good one."""
    # ValueError: a BadFileError, or a shape refused by from_torch/from_keras.
    _read_upload_once(file, "sq_weights", _read_weights_file, ValueError, messages, lang)
    last = st.session_state.get("sq_weights_last")
    if last is None:
        return None, None
    name, layout, model, unused = last
    if unused:
        shown = ", ".join(unused[:4]) + (", …" if len(unused) > 4 else "")
        messages.append(i18n.t("stepper.upload_unused", lang, names=shown))
    return model, f"{name}|{layout}"


# --- the URL keys this module handles -----------------------------------------------------------


def read_url_extras(lang: str) -> list[str]:
    """On the page's first run in a session, take `sq_text`, `sq_units` and `sq_q` from the URL
    (`sq_w` waits until the hand-set weights are first needed); fill in defaults where missing.
    Returns messages about values that could not be used."""
    messages = []
    if not st.session_state.get("_url_checked_stepper_extras"):
        st.session_state["_url_checked_stepper_extras"] = True
        asked = {}  # checked against T and H by url_limit_messages once they are known
        if "sq_t" in st.query_params:
            asked["sq_t"] = int(st.session_state.get("sq_t", 0))
        raw = st.query_params.get("sq_text")
        if raw is not None:
            if len(raw) <= uploads.MAX_TEXT_CHARS:
                st.session_state["sq_text"] = raw
            else:
                messages.append(
                    i18n.t(
                        "input.too_long",
                        lang,
                        name="sq_text",
                        length=len(raw),
                        limit=uploads.MAX_TEXT_CHARS,
                    )
                )
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
    st.session_state.setdefault("sq_text", DEFAULT_TEXT)
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
    """Put `sq_text`, `sq_units`, `sq_q` in the URL when they differ from their defaults, and
    `sq_w` while hand-set weights differ from the example; remove them otherwise."""
    get = st.session_state.get
    wanted = {
        "sq_text": get("sq_text") if get("sq_text") != DEFAULT_TEXT else None,
        "sq_units": ",".join(map(str, get("sq_units")))
        if get("sq_units") != DEFAULT_UNITS
        else None,
        "sq_q": ",".join(get("sq_q")) if get("sq_q") != DEFAULT_QUANTITIES else None,
        "sq_w": None,
    }
    p = get("sq_params")
    if model == "hand" and p is not None:
        example = hand_example(p.input_size, p.hidden_size)
        if not np.array_equal(weight_editor.flat_weights(p), weight_editor.flat_weights(example)):
            wanted["sq_w"] = encode_floats(weight_editor.flat_weights(p))
    for key, value in wanted.items():
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != value:
            st.query_params[key] = value


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


def set_hand_example() -> None:
    D = st.session_state["sq_params"].input_size
    H = int(st.session_state.get("sq_hand_H", 1))
    weight_editor.replace_params("sq_params", hand_example(D, H))


def copy_random_to_hand() -> None:
    D = st.session_state["sq_params"].input_size
    H = int(st.session_state.get("sq_hand_H", 1))
    get = st.session_state.get
    p = random_params(
        D, H, int(get("sq_seed", 0)), get("sq_scheme", "torch"), get("sq_fb", "scheme")
    )
    weight_editor.replace_params("sq_params", p.copy())


CSV_BYTES_PER_ROW = 30  # "t,unit,q,value": a float64's repr is about 20 characters


def trace_csv_size(T: int, H: int) -> str:
    """About how big trace_csv is for T steps and H units (6·T·H rows), e.g. "54 MB"."""
    return megabytes(6 * T * H * CSV_BYTES_PER_ROW)


def trace_csv(trace: LSTMTrace) -> bytes:
    """The whole run as CSV: columns t, unit, quantity, value; every step and unit."""
    return trace.to_frame().to_csv(index=False).encode("utf-8")


def weights_npz(p: LSTMParams) -> bytes:
    """The weights as .npz with nn.LSTM's names (p.to_torch())."""
    return npz_bytes(p.to_torch())


# --- a model handed over by another page ----------------------------------------------------------


def receive_model(params: LSTMParams, name: str, xs: np.ndarray, columns: tuple[str, ...]) -> None:
    """Make `params` the stepper's model and `xs` (T, D) its sequence, as if both had been
    uploaded as files named after `name` (the training lab's "Open in the stepper"). The
    cursor goes back to t = 0."""
    model = Model(params, "handed:" + digest(params.W, params.U, params.b))
    st.session_state["sq_weights_last"] = (f"{name}.npz", "PyTorch", model, ())
    st.session_state["sq_csv_last"] = (f"{name}.csv", uploads.CsvSequence(xs, columns, True))
    st.session_state["sq_model"] = "upload"
    st.session_state["sq_source"] = "csv"
    st.session_state["sq_t"] = 0
