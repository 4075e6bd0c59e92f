"""Which sequence a page runs on: a preset, typed numbers or an uploaded CSV file, with the
widgets that choose it, their URL form and the last valid upload. Shared by the pages that run a
model over a sequence (the sequence stepper, `sq_`; the backprop page).

Every key starts with the page's prefix `p` (e.g. "sq"), so two pages never share a setting:

    URL and widget keys (SequenceSource.url_params(), for lstm_ui.url_state):
        {p}_source   "preset", "typed" or "csv"
        {p}_preset   one of lstm_core.lab.inputs.PRESETS
        {p}_T        the preset's length (min_T … max_T)
        {p}_xseed    the preset's seed (0 … max_seed)
    read and written by this module (SequenceSource.other_keys):
        {p}_text     the typed numbers
    session only:
        {p}_typed_last   the last typed list that parsed, xs (T, 1)
        {p}_csv_last     (file name, uploads.CsvSequence) of the last good CSV file
        {p}_csv_seen     (file id, error or None) of the last CSV file looked at
        {p}_csv_failed   (file name, error) of a refused file, until a good one comes
        {p}_csv_file     the file picker (a widget; {p}_csv_file_v1, _v2, … once a refused
                         file was taken out of it: lstm_ui.upload_state.UploadSlot)

What an upload did is written right under its picker: the file in use (a green box with its
name, T and D), or why a file was refused and which sequence runs instead, or that there is no
file yet. A refused file never stays in the picker.

A page uses it like this (pages/sequence_stepper.py does):

    SEQUENCE = SequenceSource("sq")                                    # in the controller
    URL_PARAMS = (*SEQUENCE.url_params(), ...)                         # the page's own after it
    OTHER_KEYS = SEQUENCE.other_keys | {...}
    messages = read_query_params(PAGE, URL_PARAMS, OTHER_KEYS)         # at the top of the page
    messages += SEQUENCE.read_url(lang)
    sequence, preset = SEQUENCE.controls(messages, notes, lang)        # in the input section
    ...                                                                # sequence.xs: (T, D)
    write_query_params(URL_PARAMS); SEQUENCE.write_url()               # at the end

A page whose links already hold its own keys keeps them by choosing the limits; the backprop
page's bp_preset (default "noise"), bp_T (2 … 200, default 30) and bp_xseed (0 … 9999) would be
kept by SequenceSource("bp", min_T=2, max_T=200, default_T=30, default_preset="noise",
max_seed=9999).

`SEQUENCE.receive(xs, columns, name)` makes a sequence handed over by another page (the training
lab's) the page's sequence, as if uploaded as a CSV file (and empties the picker).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from lstm_core.lab.inputs import PRESETS, SINE_POINTS, make_sequence
from lstm_core.lab.weights_io import BadFileError, megabytes
from lstm_ui import uploads
from lstm_ui.lang import t
from lstm_ui.upload_state import UploadSlot, digest
from lstm_ui.url_state import Param
from lstm_ui.widgets import KEEP, choice, number_slider
from lstm_viz import i18n

SOURCES: tuple[str, ...] = ("preset", "typed", "csv")
DEFAULT_TEXT = "0, 0.5, 1, 1, 1, 0.5, 0, -0.5, -1, -1, -1, -0.5, 0, 0, 0, 0, 0, 0, 0, 0"
# The file picker's own limit (whole MB); the parser checks the exact byte limit.
CSV_UPLOAD_MB = max(1, uploads.MAX_CSV_BYTES // (1024 * 1024))
# The sentence's subject and the verb that agrees with it (see lstm_core.lab.inputs).
SENTENCE_LINK = {"en": ("keys", "are"), "ko": ("할머니께서는", "주무셨다")}


@dataclass(frozen=True)
class Sequence:
    """The input the page runs on: xs (T, D), the words for the sentence (else None), names
    of the input features, and a key that identifies its numbers (for the caches)."""

    xs: np.ndarray
    tokens: tuple[str, ...] | None
    feature_names: tuple[str, ...] | None
    key: str


def _read_csv_file(file) -> tuple[str, uploads.CsvSequence]:
    """(name, the sequence) of an uploaded CSV file; BadFileError when it cannot be used."""
    return file.name, uploads.parse_csv(file.getvalue())


def sentence_distance(tokens: tuple[str, ...], lang: str) -> int:
    """How many words after the subject the verb that agrees with it comes."""
    subject, verb = SENTENCE_LINK.get(lang, SENTENCE_LINK["en"])
    if subject not in tokens or verb not in tokens:
        return len(tokens) - 1
    return tokens.index(verb) - tokens.index(subject)


def preset_sequence(name: str, T: int, seed: int, lang: str) -> Sequence:
    """The preset `name` with T steps for `seed` (the sentence has its own length)."""
    seq = make_sequence(name, T, seed, lang)
    # The sentence has its own length and a language; the others have a length and a seed.
    key = f"preset:sentence:{lang}" if name == "sentence" else f"preset:{name}:{T}:{seed}"
    return Sequence(seq.xs, seq.tokens, None, key)


@dataclass(frozen=True)
class SequenceSource:
    """The sequence controls of one page, whose keys start with `prefix` + "_"; limits of the
    preset's length and seed, and the preset shown first."""

    prefix: str
    min_T: int = 10
    max_T: int = 1000
    default_T: int = SINE_POINTS
    default_preset: str = "sine"
    max_seed: int = 10_000

    def key(self, name: str) -> str:
        """The session (and URL) key of `name` on this page, e.g. "sq_source"."""
        return f"{self.prefix}_{name}"

    def url_params(self) -> tuple[Param, ...]:
        """The URL-bound settings, in the order the URL lists them."""
        k = self.key
        return (
            Param(k("source"), "choice", "preset", choices=SOURCES),
            Param(k("preset"), "choice", self.default_preset, choices=PRESETS),
            Param(k("T"), "int", self.default_T, lo=self.min_T, hi=self.max_T),
            Param(k("xseed"), "int", 0, lo=0, hi=self.max_seed),
        )

    @property
    def other_keys(self) -> frozenset[str]:
        """URL keys this module reads and writes itself (for read_query_params)."""
        return frozenset({self.key("text")})

    # --- the widgets --------------------------------------------------------------------------

    def controls(
        self, messages: list[str], notes: list[str], lang: str
    ) -> tuple[Sequence, str | None]:
        """The input section's widgets: a preset, typed numbers or a CSV file. Returns the
        sequence and the preset's name (None for typed numbers or a file). What went wrong with
        typed numbers or a file is shown right under them; `notes` gets what the page should
        say about the sequence (inputs large enough to saturate the gates). `messages` is for
        pages that collect messages (nothing is added to it today)."""
        k = self.key
        source = choice(t("stepper.source"), SOURCES, key=k("source"), labels="stepper.source")
        sequence = None
        if source == "typed":
            text = st.text_area(
                t("stepper.typed"),
                max_chars=uploads.MAX_TEXT_CHARS,
                height=90,
                help=t("stepper.typed_help", limit=uploads.MAX_STEPS),
                key=k("text"),
                persist_state=KEEP,
            )
            problems: list[str] = []
            sequence = self.typed_sequence(text, problems, lang)
            for problem in problems:  # right under the text, where one looks
                st.warning(problem, icon=":material/warning:")
        elif source == "csv":
            slot = self.csv_slot()
            slot.picker(t("stepper.csv"), ["csv", "txt", "tsv"], CSV_UPLOAD_MB)
            self.csv_status(slot, lang)  # right under the picker, where one looks
            st.caption(
                t(
                    "stepper.csv_help",
                    columns=uploads.MAX_FEATURES,
                    rows=uploads.MAX_STEPS,
                    size=megabytes(uploads.MAX_CSV_BYTES),
                )
            )
            sequence = self.csv_sequence()
        preset = None
        if sequence is None:
            preset = st.selectbox(
                t("stepper.preset"),
                PRESETS,
                format_func=lambda p: t(f"preset.{p}"),
                help=t("preset.help"),
                key=k("preset"),
                persist_state=KEEP,
            )
            T, xseed = self.default_T, 0
            if preset != "sentence":
                T = number_slider(t("stepper.steps"), self.min_T, self.max_T, key=k("T"))
            if preset in ("sine", "first_value", "noise"):
                xseed = st.number_input(
                    t("stepper.xseed"), 0, self.max_seed, key=k("xseed"), persist_state=KEEP
                )
            sequence = preset_sequence(preset, T, int(xseed), lang)
            if preset == "sentence":
                st.caption(t("stepper.sentence_length", T=len(sequence.xs), D=sequence.xs.shape[1]))
        if uploads.needs_scaling(sequence.xs):
            notes.append(t("stepper.scale_note", limit=f"{uploads.SATURATING_INPUT:g}"))
        return sequence, preset

    # --- typed and uploaded sequences -----------------------------------------------------------

    def typed_sequence(self, text: str, messages: list[str], lang: str) -> Sequence:
        """The typed numbers; when they cannot be read, a message and the last list that could."""
        last_key = self.key("typed_last")
        try:
            xs = uploads.parse_typed(text)
            st.session_state[last_key] = xs
        except BadFileError as error:
            messages.append(uploads.describe(error, lang))
            xs = st.session_state.get(last_key)
            if xs is None:
                xs = uploads.parse_typed(DEFAULT_TEXT)
                messages.append(i18n.t("stepper.typed_default", lang, T=len(xs)))
            else:
                messages.append(i18n.t("stepper.typed_kept", lang, T=len(xs)))
        return Sequence(xs, None, None, "typed:" + digest(xs))

    def csv_slot(self) -> UploadSlot:
        """The CSV file picker and the last good file: (file name, uploads.CsvSequence)."""
        return UploadSlot(self.key("csv"), _read_csv_file, BadFileError)

    def csv_sequence(self) -> Sequence | None:
        """The sequence of the last good CSV file, None if there has never been one."""
        last = self.csv_slot().last
        if last is None:
            return None
        _, parsed = last
        return Sequence(parsed.xs, None, parsed.columns, "csv:" + digest(parsed.xs))

    def csv_status(self, slot: UploadSlot, lang: str) -> None:
        """What the CSV picker did, right under it: the file in use (a success box), or why a
        file was refused and which sequence runs instead, or that there is no file yet; and
        notes on how the file in use was read."""
        last, failed = slot.last, slot.failed
        if failed is not None:
            name, error = failed
            if last is None:
                kept = i18n.t("source.csv_kept_none", lang)
            else:
                xs = last[1].xs
                kept = i18n.t("source.csv_kept", lang, name=last[0], T=len(xs), D=xs.shape[1])
            reason = uploads.describe(error, lang)
            message = i18n.t("source.csv_refused", lang, name=name, reason=reason, kept=kept)
            st.warning(message, icon=":material/warning:")
        elif last is None:
            st.info(i18n.t("source.csv_none", lang), icon=":material/upload_file:")
        else:
            name, parsed = last
            T, D = parsed.xs.shape
            columns = ", ".join(parsed.columns)
            in_use = i18n.t("source.csv_in_use", lang, name=name, T=T, D=D, columns=columns)
            st.success(in_use, icon=":material/check_circle:")
        if last is not None:
            for code in last[1].notes:
                st.warning(i18n.t(f"stepper.note.{code}", lang), icon=":material/warning:")

    def receive(self, xs: np.ndarray, columns: tuple[str, ...], name: str) -> None:
        """Make xs (T, D) with column names `columns` this page's sequence, as if uploaded as a
        CSV file named f"{name}.csv" (a sequence handed over by another page)."""
        sequence = uploads.CsvSequence(np.asarray(xs, dtype=float), tuple(columns), True)
        self.csv_slot().put((f"{name}.csv", sequence))
        st.session_state[self.key("source")] = "csv"

    # --- the URL keys this module handles -------------------------------------------------------

    def read_url(self, lang: str) -> list[str]:
        """On the page's first run in a session, take `{p}_text` from the URL; fill in the
        default text where missing. Returns messages about a value that could not be used."""
        messages = []
        flag, text_key = f"_{self.prefix}_url_read_sequence", self.key("text")
        if not st.session_state.get(flag):
            st.session_state[flag] = True
            raw = st.query_params.get(text_key)
            if raw is not None:
                if len(raw) <= uploads.MAX_TEXT_CHARS:
                    st.session_state[text_key] = raw
                else:
                    messages.append(
                        i18n.t(
                            "input.too_long",
                            lang,
                            name=text_key,
                            length=len(raw),
                            limit=uploads.MAX_TEXT_CHARS,
                        )
                    )
        st.session_state.setdefault(text_key, DEFAULT_TEXT)
        return messages

    def write_url(self) -> None:
        """Put `{p}_text` in the URL when it differs from the default text; remove it otherwise."""
        key = self.key("text")
        text = st.session_state.get(key)
        if text is None or text == DEFAULT_TEXT:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != text:
            st.query_params[key] = text
