"""Which model a page runs: random, hand-set or uploaded LSTM (or GRU) weights, or a model
handed over by the training lab, with the widgets that choose them, their URL form and the last
valid upload. Shared by the pages that run a model over a sequence (the sequence stepper, `sq_`;
the backprop page).

Every key starts with the page's prefix `p` (e.g. "sq"), so two pages never share a setting:

    URL and widget keys (ModelSource.url_params(), for lstm_ui.url_state):
        {p}_model    "random", "hand" or "upload"
        {p}_variant  the LSTM variant (lstm_core.CLASSIC_VARIANTS; only when with_variant)
        {p}_scheme   the random initialisation (lstm_core.SCHEMES)
        {p}_H        the random model's hidden size (1 … max_H)
        {p}_seed     its seed (0 … max_seed)
        {p}_fb       its forget bias: "scheme" (the scheme's own) or one of FB_CHOICES; or, with
                     fb_range=(lo, hi), a number in that range (a slider, default default_fb)
        {p}_hand_H   the hand-set model's hidden size (1 … max_hand_H)
    read and written by this module (ModelSource.other_keys):
        {p}_w        the hand-set weights, W, U, b flattened (weight_editor.flat_weights)
    session only:
        {p}_params        the hand-set LSTMParams (lstm_ui.weight_editor's state key)
        {p}_weights_last  (file name, layout, Model, unused array names) of the last good file
        {p}_weights_seen  (file id, error or None) of the last weights file looked at
        {p}_weights_failed  (file name, error) of a refused file, until a good one comes
        {p}_weights_file  the file picker (a widget; {p}_weights_file_v1, _v2, … once a refused
                          file was taken out of it: lstm_ui.upload_state.UploadSlot)

What an upload did is written right under its picker: the file in use (a green box: its name,
cell, layout, H and D), or why a file was refused and exactly which weights run instead, or
that the file's D does not fit the sequence, or that there is no file yet. A refused file
never stays in the picker.

A page uses it like this (pages/sequence_stepper.py does):

    MODEL = ModelSource("sq")                                          # in the controller
    URL_PARAMS = (*SEQUENCE.url_params(), *MODEL.url_params(), ...)
    OTHER_KEYS = SEQUENCE.other_keys | MODEL.other_keys | {...}
    model, source, variant = MODEL.controls(D, messages, notes, lang)  # D: the sequence's
    model.params                                                       # LSTMParams W (4H, D) ...
    model.key                                                          # identifies the weights
    if source == "hand":                                               # in the wide column
        weight_editor.weight_editor(MODEL.hand_key)
    MODEL.write_url(source)                                            # at the end

A page whose links already hold its own keys keeps them by choosing the limits; the backprop
page's bp_H (1 … 16, default 3), bp_seed (0 … 9999) and bp_fb (a number in −5 … 5, default 1)
would be kept by

    MODEL = ModelSource("bp", max_H=16, default_H=3, max_seed=9999, with_variant=False,
                        fb_range=(-5.0, 5.0), default_fb=1.0)

`MODEL.receive(params, name)` makes weights handed over by another page (the training lab's)
the page's model, as if uploaded in a file named f"{name}.npz"; it also empties the picker,
whose file is no longer the one in use. Call it from a button's callback, then switch pages.

GRU weights: a page that runs GRUs asks for them with `ModelSource(prefix, cells=("lstm",
"gru"))`; an uploaded PyTorch nn.GRU or Keras GRU file (or GRUParams handed to receive) then
gives a Model with `cell == "gru"` and `params` a GRUParams (W (3H, D), U (3H, H), b_ih, b_hh;
`reset_after` False for a Keras reset_after=False GRU, which nn.GRU cannot hold). Random and
hand-set models are LSTMs (cell "lstm"). With the default cells=("lstm",) a GRU file is refused
at upload, saying which cell, layout and sizes it holds and that the page runs LSTMs only; the
previous weights stay in use.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from lstm_core import CLASSIC_VARIANTS, SCHEMES, GRUParams, LSTMParams
from lstm_core.lab.weights_io import MAX_FILE_BYTES, megabytes, weight_arrays
from lstm_ui import uploads, weight_editor
from lstm_ui.lang import t
from lstm_ui.upload_state import UploadSlot, digest
from lstm_ui.url_state import Param, encode_floats
from lstm_ui.widgets import KEEP, choice, number_choice, number_slider
from lstm_viz import i18n

MODELS: tuple[str, ...] = ("random", "hand", "upload")
FB_CHOICES: tuple[str, ...] = ("scheme", "-2", "-1", "0", "1", "2", "3", "5")
# The file picker's own limit (whole MB); the parser checks the exact byte limit.
WEIGHTS_UPLOAD_MB = max(1, MAX_FILE_BYTES // (1024 * 1024))


@dataclass(frozen=True)
class Model:
    """The weights the page runs, a key that identifies them (for the caches), and the cell:
    "lstm" (params an LSTMParams) or "gru" (params a GRUParams; only on a page that asked for
    GRUs with ModelSource(..., cells=("lstm", "gru")))."""

    params: LSTMParams | GRUParams
    key: str
    cell: str = "lstm"


def weights_key(kind: str, params: LSTMParams | GRUParams) -> str:
    """A cache key for weights from `kind` ("upload", "handed", "hand"): kind, cell and digest."""
    if isinstance(params, GRUParams):
        return f"{kind}:gru:{int(params.reset_after)}:" + digest(*weight_arrays(params))
    return f"{kind}:" + digest(*weight_arrays(params))


@st.cache_data(max_entries=32, show_spinner=False)
def random_params(D: int, H: int, seed: int, scheme: str, forget_bias: str) -> LSTMParams:
    """LSTMParams.init with the page's choices; forget_bias is "scheme" or a number's text."""
    fb = None if forget_bias == "scheme" else float(forget_bias)
    return LSTMParams.init(D, H, seed=seed, scheme=scheme, forget_bias=fb)


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


@dataclass(frozen=True)
class ModelSource:
    """The model controls of one page, whose keys start with `prefix` + "_": the largest and
    default hidden size of the random model, the largest hand-set one, the seeds' limit, whether
    the page offers the LSTM variants, the cells it runs (uploads of others are refused), and
    the random model's forget bias as FB_CHOICES (fb_range None) or a number in fb_range."""

    prefix: str
    max_H: int = uploads.MAX_HIDDEN
    default_H: int = 8
    max_hand_H: int = 4
    max_seed: int = 10_000
    with_variant: bool = True
    cells: tuple[str, ...] = ("lstm",)  # the cells the page runs; a file of another is refused
    # None: the forget bias is one of FB_CHOICES ("scheme" first); (lo, hi): a number, a slider
    fb_range: tuple[float, float] | None = None
    default_fb: float = 1.0  # with fb_range
    fb_step: float = 0.5  # with fb_range

    def key(self, name: str) -> str:
        """The session (and URL) key of `name` on this page, e.g. "sq_model"."""
        return f"{self.prefix}_{name}"

    @property
    def hand_key(self) -> str:
        """The session key of the hand-set LSTMParams (for lstm_ui.weight_editor)."""
        return self.key("params")

    def url_params(self) -> tuple[Param, ...]:
        """The URL-bound settings, in the order the URL lists them."""
        k = self.key
        variant = (Param(k("variant"), "choice", "standard", choices=CLASSIC_VARIANTS),)
        return (
            Param(k("model"), "choice", "random", choices=MODELS),
            *(variant if self.with_variant else ()),
            Param(k("scheme"), "choice", "torch", choices=SCHEMES),
            Param(k("H"), "int", self.default_H, lo=1, hi=self.max_H),
            Param(k("seed"), "int", 0, lo=0, hi=self.max_seed),
            self.fb_param(),
            Param(k("hand_H"), "int", 1, lo=1, hi=self.max_hand_H),
        )

    def fb_param(self) -> Param:
        if self.fb_range is None:
            return Param(self.key("fb"), "choice", "scheme", choices=FB_CHOICES)
        lo, hi = self.fb_range
        return Param(self.key("fb"), "float", self.default_fb, lo=lo, hi=hi)

    def forget_bias(self) -> str:
        """The random model's forget bias as random_params takes it: "scheme" or a number."""
        value = st.session_state.get(self.key("fb"), self.fb_param().default)
        if self.fb_range is None:
            return value if value in FB_CHOICES else "scheme"
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = self.default_fb
        lo, hi = self.fb_range
        return repr(min(max(number, lo), hi) if number == number else self.default_fb)

    @property
    def other_keys(self) -> frozenset[str]:
        """URL keys this module reads and writes itself (for read_query_params)."""
        return frozenset({self.key("w")})

    # --- the widgets --------------------------------------------------------------------------

    def controls(
        self, D: int, messages: list[str], notes: list[str], lang: str
    ) -> tuple[Model, str, str]:
        """The model section's widgets: random, hand-set or uploaded weights for input size D,
        and the variant. Returns (model, where its weights come from, variant); problems go to
        `messages`, what is shown instead of what was asked for to `notes`."""
        k = self.key
        model_source = choice(
            t("stepper.model_source"), MODELS, key=k("model"), labels="stepper.model_source"
        )
        variant = "standard"
        if self.with_variant:
            variant = choice(
                t("stepper.variant"), CLASSIC_VARIANTS, key=k("variant"), labels="variant"
            )
        if model_source == "random":
            self.random_controls()
            model = self.random_model(D)
        elif model_source == "hand":
            self.hand_controls(D, messages)
            model = self.hand_model()
        else:
            model = self.upload_controls(D, lang)
        return model, model_source, variant

    def random_controls(self) -> None:
        k = self.key
        choice(
            t("stepper.scheme"),
            SCHEMES,
            key=k("scheme"),
            labels="stepper.scheme",
            help=t("stepper.scheme_help"),
        )
        number_slider(t("stepper.hidden"), 1, self.max_H, key=k("H"))
        seed_col, fb_col = st.columns([1, 2])
        seed_col.number_input(
            t("stepper.seed"), 0, self.max_seed, key=k("seed"), persist_state=KEEP
        )
        if self.fb_range is None:
            number_choice(
                t("stepper.forget_bias"),
                FB_CHOICES,
                format_func=lambda v: (
                    t("stepper.fb_scheme") if v == "scheme" else v.replace("-", "−")
                ),
                help=t("stepper.forget_bias_help"),
                key=k("fb"),
                container=fb_col,
            )
        else:
            number_slider(
                t("stepper.forget_bias"),
                *map(float, self.fb_range),
                step=self.fb_step,
                help=t("source.forget_bias_number_help"),
                key=k("fb"),
                container=fb_col,
            )

    def hand_controls(self, D: int, messages: list[str]) -> None:
        k = self.key
        hand_H = choice(t("stepper.hand_hidden"), range(1, self.max_hand_H + 1), key=k("hand_H"))
        self.ensure_hand(D, int(hand_H), messages)
        example_col, random_col = st.columns(2)
        example_col.button(
            t("stepper.hand_reset"), key=k("hand_example"), on_click=self.set_hand_example
        )
        random_col.button(
            t("stepper.hand_random"),
            key=k("copy_random"),
            on_click=self.copy_random_to_hand,
            help=t("stepper.hand_random_help"),
        )
        st.caption(t("stepper.hand_where"))
        # The table's edits arrive through its callback before this run, so the weights are
        # read here and the table itself is drawn by the page (weight_editor(self.hand_key)).
        messages += st.session_state.pop(weight_editor.messages_key(self.hand_key), [])

    def upload_controls(self, D: int, lang: str) -> Model:
        """The weights file picker with what it did right under it; returns the uploaded model,
        or the random one while there is none that fits D."""
        slot = self.weights_slot()
        slot.picker(t("stepper.upload"), ["npz", "safetensors"], WEIGHTS_UPLOAD_MB)
        model = self.weights_status(slot, D, lang)  # right under the picker, where one looks
        help_key = "source.upload_help_gru" if "gru" in self.cells else "stepper.upload_help"
        st.caption(t(help_key, H=uploads.MAX_HIDDEN, size=megabytes(MAX_FILE_BYTES)))
        return model

    def weights_status(self, slot: UploadSlot, D: int, lang: str) -> Model:
        """What the weights picker did: the file in use (a success box), or why a file was
        refused and exactly which weights run instead, or that the file's D does not fit the
        sequence, or that there is no file yet. Returns the model that runs."""
        last, failed = slot.last, slot.failed
        fits = last is not None and last[2].params.input_size == D
        if failed is not None:
            name, error = failed
            if fits:
                kept = i18n.t("source.weights_kept", lang, name=last[0], what=self.what(last, lang))
            else:
                kept = i18n.t("source.weights_kept_none", lang)
            reason = uploads.describe(error, lang)
            message = i18n.t("source.weights_refused", lang, name=name, reason=reason, kept=kept)
            st.warning(message, icon=":material/warning:")
        if last is None:
            if failed is None:
                st.info(i18n.t("source.weights_none", lang), icon=":material/upload_file:")
            return self.random_model(D)
        name, _, model, unused = last
        if not fits:
            waiting = i18n.t(
                "source.weights_waiting",
                lang,
                name=name,
                what=self.what(last, lang),
                D_w=model.params.input_size,
                D_x=D,
            )
            st.warning(waiting, icon=":material/warning:")
            return self.random_model(D)
        if failed is None:
            in_use = i18n.t("source.weights_in_use", lang, name=name, what=self.what(last, lang))
            st.success(in_use, icon=":material/check_circle:")
        if unused:
            shown = ", ".join(unused[:4]) + (", …" if len(unused) > 4 else "")
            st.warning(i18n.t("stepper.upload_unused", lang, names=shown), icon=":material/info:")
        return model

    @staticmethod
    def what(last: tuple, lang: str) -> str:
        """What a weights file holds, e.g. "LSTM, PyTorch layout, H = 3, D = 1"."""
        _, layout, model, _ = last
        return i18n.t(
            "source.weights_what",
            lang,
            cell=model.cell.upper(),
            layout=i18n.t(f"source.layout.{layout}", lang),
            H=model.params.hidden_size,
            D=model.params.input_size,
        )

    def weights_slot(self) -> UploadSlot:
        """The weights file picker and the last good file: (name, layout, Model, unused)."""
        return UploadSlot(self.key("weights"), self.read_weights_file, ValueError)

    def read_weights_file(self, file) -> tuple:
        """(name, layout, Model, unused array names) of an uploaded weights file; ValueError
        (BadFileError) when it cannot be used, also when it holds a cell the page does not run."""
        loaded = uploads.parse_weights(file.getvalue(), file.name, self.cells)
        model = Model(loaded.params, weights_key("upload", loaded.params), loaded.cell)
        return file.name, loaded.layout, model, loaded.unused

    # --- the three kinds of model ---------------------------------------------------------------

    def random_model(self, D: int) -> Model:
        """The random model of the settings under "random" (also the fallback of the others)."""
        get, k = st.session_state.get, self.key
        H = int(get(k("H"), self.default_H))
        seed, scheme, fb = int(get(k("seed"), 0)), get(k("scheme"), "torch"), self.forget_bias()
        if scheme not in SCHEMES:
            scheme = "torch"
        return Model(random_params(D, H, seed, scheme, fb), f"random:{D}:{H}:{seed}:{scheme}:{fb}")

    def ensure_hand(self, D: int, H: int, messages: list[str]) -> None:
        """Make the hand-set weights match D, H; on their first use read them from the URL."""
        if self.hand_key not in st.session_state:
            weight_editor.replace_params(self.hand_key, hand_example(D, H))
            message = weight_editor.read_url_weights(self.hand_key, self.key("w"), D, H)
            if message:
                messages.append(message)
        p: LSTMParams = st.session_state[self.hand_key]
        if (p.input_size, p.hidden_size) != (D, H):
            weight_editor.replace_params(
                self.hand_key, weight_editor.resized(p, hand_example(D, H))
            )

    def hand_model(self) -> Model:
        return Model(
            st.session_state[self.hand_key], weights_key("hand", st.session_state[self.hand_key])
        )

    def receive(self, params: LSTMParams | GRUParams, name: str) -> None:
        """Make `params` this page's model, as if uploaded in a file named f"{name}.npz" (weights
        handed over by another page, e.g. the training lab's "Open in the stepper"). GRUParams
        only on a page whose `cells` include "gru"."""
        cell = "gru" if isinstance(params, GRUParams) else "lstm"
        if cell not in self.cells:
            raise ValueError(f"this page runs {', '.join(self.cells)} weights, not {cell}")
        model = Model(params, weights_key("handed", params), cell)
        self.weights_slot().put((f"{name}.npz", "pytorch", model, ()))
        st.session_state[self.key("model")] = "upload"

    # --- callbacks ------------------------------------------------------------------------------

    def set_hand_example(self) -> None:
        """Button callback: the hand-set weights back to hand_example."""
        D = st.session_state[self.hand_key].input_size
        H = int(st.session_state.get(self.key("hand_H"), 1))
        weight_editor.replace_params(self.hand_key, hand_example(D, H))

    def copy_random_to_hand(self) -> None:
        """Button callback: the random model's weights (at the hand-set size) into the table."""
        D = st.session_state[self.hand_key].input_size
        get, k = st.session_state.get, self.key
        H = int(get(k("hand_H"), 1))
        p = random_params(
            D, H, int(get(k("seed"), 0)), get(k("scheme"), "torch"), self.forget_bias()
        )
        weight_editor.replace_params(self.hand_key, p.copy())

    # --- the URL key this module handles --------------------------------------------------------

    def write_url(self, model_source: str) -> None:
        """Put `{p}_w` in the URL while hand-set weights are in use and differ from the example;
        remove it otherwise."""
        key, p = self.key("w"), st.session_state.get(self.hand_key)
        value = None
        if model_source == "hand" and p is not None:
            example = hand_example(p.input_size, p.hidden_size)
            flat = weight_editor.flat_weights(p)
            if not np.array_equal(flat, weight_editor.flat_weights(example)):
                value = encode_floats(flat)
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != value:
            st.query_params[key] = value
