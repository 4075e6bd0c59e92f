"""Every upload control on every page, fed hostile files: an empty file, random bytes, a file of
the wrong shape, a pickled .npy and a file just over the control's limit. Each gets a clear
message, the page keeps working, and what the student had set (the last good file, the cursor,
the figures) is kept.

The controls are found, not listed: every page of lstm_ui.navigation.PAGES is opened through
AppTest and every choice on it (segmented control, radio, select box) is tried, so a control
shown only for one choice (the stepper's CSV file under "source: CSV file") is found too. What
is found must be exactly CONTROLS, which says for each control what a good file is and which
limit applies; a new control fails test_every_upload_control_is_found_and_described until it
is described there, and then gets every hostile case below.
"""

from __future__ import annotations

import functools
import io
import json
import math
import pickle
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import expect
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.state.common import TESTING_KEY
from streamlit.testing.v1 import AppTest

from lstm_core import LSTMParams
from lstm_core.lab.weights_io import (
    MAX_FILE_BYTES,
    BadFileError,
    megabytes,
    npz_bytes,
    safetensors_bytes,
)
from lstm_ui import lang, uploads
from lstm_ui.navigation import PAGES
from lstm_viz import i18n
from lstm_viz.cursor import CURSOR_CLASS

from apptest_support import all_text, open_app, plotly_figures, upload
from conftest import APP_IDLE

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHOICE_WIDGETS = ("button_group", "radio", "selectbox")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
MB = 1024 * 1024  # Streamlit's file picker counts megabytes of 1024 × 1024 bytes


# --- finding the controls -----------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """An upload control as AppTest sees it: its page, the choices (widget key, shown label)
    that make it appear, the file types it accepts (without dots) and the picker's own limit."""

    page: str
    key: str
    reveal: tuple[tuple[str, str], ...]
    types: tuple[str, ...]
    picker_mb: int


def choice(at: AppTest, key: str):
    """The choice widget (segmented control, radio or select box) with this key, or None when
    there is none or a student could not use it (disabled)."""
    el = next((el for kind in CHOICE_WIDGETS for el in at.get(kind) if el.key == key), None)
    return None if el is None or el.proto.disabled else el


def choose(at: AppTest, key: str, label: str) -> AppTest:
    """Pick the option shown as `label` and rerun. The browser sends the label it shows and the
    server maps it back to the option; AppTest would instead format the option with the page's
    format_func in the test's thread, where the session (its language) is unknown. Sending the
    label keeps the page's real values out of this file and works in any language."""
    el = choice(at, key)
    assert el is not None, f"no choice widget {key!r} that can be used"
    at.session_state[TESTING_KEY][el.id] = str  # the label is sent as it is
    el.set_value(label)
    return at.run()


def shown_label(el) -> str | None:
    """The label of the option a choice widget shows now (None when nothing is picked yet,
    e.g. an exercise's answer)."""
    if el.type == "button_group":
        return el.formatted_values[0]
    return None if el.index is None else el.options[el.index]


# The sidebar's lesson uploader is on every page; its hostile files are in test_lessons_app.py.
FRAME_UPLOADERS = frozenset({"lesson_file"})


def uploaders(at: AppTest) -> dict[str, object]:
    """The page's file pickers by key; a picker emptied after a refused file has a new key with
    a version suffix (lstm_ui.upload_state.UploadSlot), listed under its first key."""
    return {
        re.sub(r"_v\d+$", "", el.key): el
        for el in at.get("file_uploader")
        if el.key not in FRAME_UPLOADERS
    }


def _record(found: dict[str, Found], page: str, at: AppTest, reveal) -> None:
    for key, el in uploaders(at).items():
        if key not in found:
            types = tuple(t.lstrip(".").lower() for t in el.proto.type)
            found[key] = Found(page, key, tuple(reveal), types, el.proto.max_upload_size_mb)


@functools.cache
def discover() -> dict[str, Found]:
    """Every upload control of every page, by key: each page opened at its defaults, then each
    of its choices tried one at a time (and put back). Controls behind two choices at once
    would not be found; none is so far."""
    found: dict[str, Found] = {}
    for spec in PAGES:
        at = open_app(spec.path)
        assert not at.exception, (spec.path, [e.value for e in at.exception])
        _record(found, spec.path, at, ())
        keys = [el.key for kind in CHOICE_WIDGETS for el in at.get(kind)]
        for key in keys:
            el = choice(at, key)
            if key in (None, lang.KEY) or el is None:  # the language is not a page's choice
                continue
            original, labels = shown_label(el), list(el.options)
            for label in labels:
                if choice(at, key) is not None:
                    choose(at, key, label)
                    _record(found, spec.path, at, [(key, label)])
            if choice(at, key) is not None and original is not None:
                choose(at, key, original)
    return found


# --- what each control takes --------------------------------------------------------------------


def stepper_cursor(at: AppTest) -> int:
    return int(at.session_state["sq_t"])


@dataclass(frozen=True)
class Control:
    """What a found upload control takes: its kind of file ("csv" or "weights"), the limit in
    bytes its parser accepts, a good file, and `kept(at)`: what the student set that must
    survive a bad file (besides the page's figures). `button` is a button that must still
    work afterwards and `moves(at)` what it changes."""

    kind: str
    limit: int
    good_name: str
    good: bytes
    kept: Callable[[AppTest], object]
    button: str
    moves: Callable[[AppTest], object]
    kept_message: Callable[[str], str]  # language -> the words naming what is kept


def backprop_cursor(at: AppTest) -> int:
    return int(at.session_state["bp_k"])


def csv_control(prefix: str, button: str, cursor: Callable[[AppTest], int]) -> Control:
    """The CSV picker `{prefix}_csv_file` of lstm_ui.sequence_source on a page whose step is
    `cursor(at)` and moved by the button `button`: the sequence it read and the step are kept."""

    def kept(at: AppTest):
        name, parsed = at.session_state[f"{prefix}_csv_last"]
        return name, parsed.xs.tobytes(), parsed.columns, cursor(at)

    return Control(
        "csv",
        uploads.MAX_CSV_BYTES,
        "waves.csv",
        (FIXTURES / "sequence_two_features.csv").read_bytes(),
        kept,
        button,
        cursor,
        lambda lang: i18n.t("source.csv_kept", lang, name="waves.csv", T=40, D=2),
    )


def weights_control(prefix: str, button: str, cursor: Callable[[AppTest], int]) -> Control:
    """The weights picker `{prefix}_weights_file` of lstm_ui.model_source, likewise: the model
    it read (name, layout, key) and the step are kept."""

    def kept(at: AppTest):
        name, layout, model, _ = at.session_state[f"{prefix}_weights_last"]
        return name, layout, model.key, cursor(at)

    def kept_message(lang: str) -> str:
        layout = i18n.t("source.layout.pytorch", lang)
        what = i18n.t("source.weights_what", lang, cell="LSTM", layout=layout, H=3, D=1)
        return i18n.t("source.weights_kept", lang, name="lstm.npz", what=what)

    return Control(
        "weights",
        MAX_FILE_BYTES,
        "lstm.npz",
        (FIXTURES / "lstm_torch_d1_h3.npz").read_bytes(),
        kept,
        button,
        cursor,
        kept_message,
    )


CONTROLS: dict[str, Control] = {
    "sq_csv_file": csv_control("sq", "sq_next", stepper_cursor),
    "sq_weights_file": weights_control("sq", "sq_next", stepper_cursor),
    # The backprop page offers the same controls (lstm_ui.sequence_source, model_source).
    "bp_csv_file": csv_control("bp", "bp_back", backprop_cursor),
    "bp_weights_file": weights_control("bp", "bp_back", backprop_cursor),
}
# The file types each kind of parser reads (a control may accept fewer).
KIND_TYPES = {"csv": {"csv", "txt", "tsv"}, "weights": {"npz", "safetensors", "npy"}}
CASES = ("empty", "binary", "wrong_shape", "pickled_npy", "oversized")


# --- hostile files ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    """A bad file: its name, its bytes, and the words the English message must hold."""

    name: str
    data: bytes
    words: tuple[str, ...]


class Boom:
    """Unpickling this writes `marker`: a pickle that was loaded leaves a trace."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "unpickled!"))


def pickled_npy(marker: Path) -> bytes:
    """A hostile .npy for the app to refuse, built by hand (the bytes NumPy writes for an object
    array when pickles are allowed): a header with dtype "|O", then a pickle of one Boom.
    Nothing here ever loads it; the marker file proves the app did not either."""
    buffer = io.BytesIO()
    header = {"descr": "|O", "fortran_order": False, "shape": (1,)}
    np.lib.format.write_array_header_1_0(buffer, header)
    buffer.write(pickle.dumps(np.array([Boom(marker)], dtype=object), protocol=3))
    return buffer.getvalue()


def err(code: str, **fields: object) -> str:
    """The English message of a rejected file, as the page writes it."""
    return i18n.t(f"stepper.err.{code}", "en", **fields)


def head(code: str) -> str:
    """The English message's words before its first blank (enough to tell which it is)."""
    return i18n.STRINGS[f"stepper.err.{code}"]["en"].split("{")[0].strip()


def wrong_shape_weights(ext: str) -> list[Hostile]:
    """Weights with arrays of the wrong shapes in the layout the type usually carries."""
    p = LSTMParams.init(1, 2, seed=0)
    if ext == "safetensors":  # Keras names: recurrent_kernel (H, 4H) given as (3, 8)
        kernel, _, bias = p.to_keras()
        data = safetensors_bytes(
            {"kernel": kernel, "recurrent_kernel": np.zeros((3, 8)), "bias": bias}
        )
        return [Hostile(f"wrong_shape.{ext}", data, (head("weights_shape"), "recurrent_kernel"))]
    sd = p.to_torch()
    sd["weight_hh_l0"] = np.zeros((8, 3))  # H = 2 needs (8, 2)
    H = uploads.MAX_HIDDEN + 1
    wide = LSTMParams.init(1, H, seed=0).to_torch()
    limits = dict(H=H, D=1, max_h=uploads.MAX_HIDDEN, max_d=uploads.MAX_FEATURES)
    return [
        Hostile(f"wrong_shape.{ext}", npz_bytes(sd), (head("weights_shape"), "weight_hh_l0")),
        Hostile(f"too_many_units.{ext}", npz_bytes(wide), (err("weights_too_large", **limits),)),
    ]


def wrong_shape_csv(ext: str) -> list[Hostile]:
    sep = "\t" if ext == "tsv" else ","
    ragged = sep.join("12") + "\n" + sep.join("345") + "\n" + sep.join("67") + "\n"
    columns = uploads.MAX_FEATURES + 1
    wide = "\n".join(sep.join(["1"] * columns) for _ in range(3)) + "\n"
    quote = '1,2\n"3,4\n5,6\n'.replace(",", sep)  # a quote opened on line 2, never closed
    return [
        Hostile(f"ragged.{ext}", ragged.encode(), (err("csv_ragged", line=2, saw=3, expected=2),)),
        Hostile(
            f"wide.{ext}",
            wide.encode(),
            (err("csv_too_wide", columns=columns, limit=uploads.MAX_FEATURES),),
        ),
        Hostile(f"open_quote.{ext}", quote.encode(), (err("csv_open_quote", line=2),)),
    ]


def binary_bytes() -> bytes:
    """4 kB of random bytes (seeded; not starting like a zip, .npy, pickle or safetensors)."""
    data = np.random.default_rng(7).bytes(4096)
    assert not data.startswith((b"PK", b"\x93NUMPY", b"\x80"))
    return data


def oversized(control: Control, ext: str) -> bytes:
    """A file of the control's kind one byte over its limit: rows of numbers for a CSV, a
    good weights file padded with zeros for weights."""
    n = control.limit + 1
    if control.kind == "csv":
        return (b"0.25\n" * (n // 5 + 1))[:n]
    return control.good.ljust(n, b"\0")


def hostile_files(control: Control, case: str, types, marker: Path) -> list[Hostile]:
    """The files of one hostile case for a control accepting `types`: one (or more) per type."""
    files = []
    csv = control.kind == "csv"
    for ext in types:
        if case == "empty":
            files.append(Hostile(f"empty.{ext}", b"", (err("csv_empty" if csv else "empty"),)))
        elif case == "binary":
            if csv:
                words = (err("csv_binary"),)
            elif ext == "safetensors":
                words = (head("bad_safetensors"),)
            else:
                words = (err("not_weights", name=f"noise.{ext}"),)
            files.append(Hostile(f"noise.{ext}", binary_bytes(), words))
        elif case == "wrong_shape":
            files.extend(wrong_shape_csv(ext) if csv else wrong_shape_weights(ext))
        elif case == "pickled_npy":
            # a pickled .npy as it is, or renamed to a type the control accepts
            words = (err("csv_binary"),) if csv else (err("pickled"),)
            files.append(Hostile(f"pickled_npy.{ext}", pickled_npy(marker), words))
        elif case == "oversized":
            code = "csv_too_big" if csv else "too_big"
            files.append(Hostile(f"oversized.{ext}", oversized(control, ext), (head(code),)))
    return files


# --- driving a page -----------------------------------------------------------------------------


def open_control(found: Found, **query: str) -> AppTest:
    """The control's page opened with `query`, with the choices made that show the control."""
    at = open_app(found.page, **query)
    for key, label in found.reveal:
        choose(at, key, label)
    assert found.key in uploaders(at), found
    return at


def set_up_the_student(at: AppTest, key: str) -> None:
    """What a student had done before the bad file: a good file uploaded, then a setting moved
    (the control's button pressed twice)."""
    control = CONTROLS[key]
    upload(at, key, control.good_name, control.good)
    assert not at.exception and not at.warning, [w.value for w in at.warning]
    for _ in range(2):
        at.button(key=control.button).click().run()
    assert not at.exception


def snapshot(at: AppTest, key: str) -> tuple:
    """What the page shows and keeps: every figure's JSON and cursor laid over one (the
    stepper's: lstm_viz.cursor), and the control's kept state."""
    cursors = [el.proto.body for el in at.get("html") if CURSOR_CLASS in el.proto.body]
    figures = [json.dumps(f, sort_keys=True) for f in plotly_figures(at)]
    return figures + cursors, CONTROLS[key].kept(at)


def messages(at: AppTest) -> list[str]:
    return [el.value for el in (*at.warning, *at.error)]


def assert_clear_message(
    at: AppTest, key: str, hostile: Hostile, lang_code: str = "en", kept: str | None = None
) -> None:
    """No exception, no traceback, one message naming the file and the problem in the page's
    language that also says exactly which file is kept (`kept`: the control's kept_message),
    and the picker no longer shows the refused file."""
    assert not at.exception, (hostile.name, [e.value for e in at.exception])
    shown = "\n".join(messages(at))
    assert "Traceback" not in shown + all_text(at), hostile.name
    for words in hostile.words:
        assert words in shown, (hostile.name, words, shown)
    kept = CONTROLS[key].kept_message(lang_code) if kept is None else kept
    assert len(messages(at)) == 1 and kept in shown, (hostile.name, shown)
    assert f"**{hostile.name}**" in shown, (hostile.name, shown)
    assert uploaders(at)[key].value is None, hostile.name  # the refused file left the picker
    for message in messages(at):
        # no Python internals: a dict of fields, an exception's class, an unfilled blank
        assert not re.search(r"\{'|Error\b|Exception|\{\w+\}", message), (hostile.name, message)
        if lang_code == "en":
            assert not HANGUL.search(message), (hostile.name, message)
    # a size just over the limit must not read "2 MB; at most 2 MB"
    sizes = re.search(r"\(([\d.]+ MB)[;,] (?:at most|최대) ([\d.]+ MB)\)", shown)
    assert sizes is None or sizes.group(1) != sizes.group(2), (hostile.name, shown)


# --- the tests ----------------------------------------------------------------------------------


def test_every_upload_control_is_found_and_described():
    found = discover()
    assert found, "no upload control found on any page: the discovery is broken"
    assert set(found) == set(CONTROLS), (
        "describe every upload control in CONTROLS (and only those): "
        f"found {sorted(found)}, described {sorted(CONTROLS)}"
    )
    for key, f in found.items():
        control = CONTROLS[key]
        assert f.types and set(f.types) <= KIND_TYPES[control.kind], (key, f.types)
        # The picker's own limit (whole MB) is the parser's, rounded up: the picker refuses
        # what is far over it, the parser the exact bytes (the AppTest cases reach it).
        assert f.picker_mb == math.ceil(control.limit / MB), (key, f.picker_mb, control.limit)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("key", sorted(CONTROLS))
def test_a_hostile_file_gets_a_message_and_keeps_what_the_student_set(key, case, tmp_path):
    found = discover()[key]
    control = CONTROLS[key]
    at = open_control(found)
    set_up_the_student(at, key)
    before = snapshot(at, key)
    marker = tmp_path / "unpickled"
    files = hostile_files(control, case, found.types, marker)
    assert files and {f.name.rsplit(".", 1)[1] for f in files} == set(found.types)
    for hostile in files:
        upload(at, key, hostile.name, hostile.data)
        assert_clear_message(at, key, hostile)
        assert snapshot(at, key) == before, f"{hostile.name}: what the student set was lost"
    assert not marker.exists(), "a pickle was loaded"
    # The page keeps working: its button still moves things, and the figures follow.
    moved = control.moves(at)
    at.button(key=control.button).click().run()
    assert not at.exception and not at.error
    assert control.moves(at) != moved
    assert snapshot(at, key)[0] != before[0]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("key", sorted(CONTROLS))
def test_every_hostile_file_has_a_korean_message(key, case, tmp_path):
    # The parsers on their own: the same error in Korean is a different, Korean sentence.
    found, control = discover()[key], CONTROLS[key]
    parse = {
        "csv": lambda f: uploads.parse_csv(f.data),
        "weights": lambda f: uploads.parse_weights(f.data, f.name),
    }[control.kind]
    for hostile in hostile_files(control, case, found.types, tmp_path / "unpickled"):
        with pytest.raises(ValueError) as caught:
            parse(hostile)
        en, ko = uploads.describe(caught.value, "en"), uploads.describe(caught.value, "ko")
        assert HANGUL.search(ko) and en != ko, hostile.name
        for words in hostile.words:
            assert words in en, (hostile.name, words, en)
    assert not (tmp_path / "unpickled").exists()


@pytest.fixture
def korean_outside_the_script(monkeypatch):
    """AppTest formats widget options with the page's format_func in the test's thread, where
    the session's language cannot be read (it falls back to English) and the Korean labels it
    sent no longer match: there the language is Korean too, as in the page."""
    current = lang.current
    monkeypatch.setattr(
        lang, "current", lambda: current() if get_script_run_ctx() is not None else "ko"
    )


@pytest.mark.usefixtures("korean_outside_the_script")
def test_a_korean_page_says_a_pickled_npy_is_refused_in_korean(tmp_path):
    found = discover()["sq_weights_file"]
    at = open_app(found.page, lang="ko", sq_model="upload")
    assert "sq_weights_file" in uploaders(at)
    set_up_the_student(at, "sq_weights_file")
    before = snapshot(at, "sq_weights_file")
    hostile = Hostile("pickled_npy.npz", pickled_npy(tmp_path / "unpickled"), ())
    upload(at, "sq_weights_file", hostile.name, hostile.data)
    assert_clear_message(at, "sq_weights_file", hostile, "ko")
    assert i18n.t("stepper.err.pickled", "ko") in messages(at)[0]
    assert snapshot(at, "sq_weights_file") == before
    assert not (tmp_path / "unpickled").exists()


def test_a_size_just_over_the_limit_is_written_so_it_differs_from_the_limit():
    for control in CONTROLS.values():
        with pytest.raises(BadFileError) as caught:
            if control.kind == "csv":
                uploads.parse_csv(oversized(control, "csv"))
            else:
                uploads.parse_weights(oversized(control, "npz"), "oversized.npz")
        size, limit = caught.value.fields["size"], caught.value.fields["limit"]
        assert size != limit and float(size.split()[0]) > float(limit.split()[0])


# --- in a real browser --------------------------------------------------------------------------


def rendered(markdown: str) -> str:
    """A message's text as the browser shows it: without markdown's ` and ** marks."""
    return markdown.replace("`", "").replace("**", "")


def browser_files(tmp_path: Path) -> list[tuple[str, bytes, str]]:
    """(name, bytes, the English message) for the weights picker in the browser: one file of
    each hostile kind the server reads, named .npz or .safetensors (the picker refuses other
    names itself)."""
    sd = LSTMParams.init(1, 2, seed=0).to_torch()
    sd["weight_hh_l0"] = np.zeros((8, 3))
    return [
        ("empty.npz", b"", err("empty")),
        ("noise.npz", binary_bytes(), err("not_weights", name="noise.npz")),
        ("wrong_shape.npz", npz_bytes(sd), "weight_hh_l0 has shape (8, 3)"),
        ("pickled_npy.safetensors", pickled_npy(tmp_path / "unpickled"), err("pickled")),
    ]


def send(picker, name: str, data: bytes) -> None:
    picker.set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}]
    )


def assert_page_still_works(page, heat: str, name: str) -> None:
    """No exception, no traceback, the two charts, and the uploaded model (H = 3) kept."""
    page.wait_for_selector(APP_IDLE, timeout=30_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    assert "Traceback" not in page.content(), name
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(2)  # + the SVG cell
    assert page.evaluate(f"() => {heat}._fullLayout.meta.H") == 3, name


def test_hostile_weight_files_in_chromium_get_a_message_and_the_chart_stays(
    app_url, page, tmp_path
):
    page.goto(f"{app_url}/sequence_stepper?sq_model=upload")
    page.wait_for_selector(APP_IDLE, timeout=30_000)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(2, timeout=30_000)  # + the SVG cell
    picker = page.get_by_test_id("stMain").get_by_test_id("stFileUploaderDropzoneInput").first
    control = CONTROLS["sq_weights_file"]
    send(picker, "good.npz", control.good)
    what = i18n.t("source.weights_what", "en", cell="LSTM", layout="PyTorch layout", H=3, D=1)
    loaded = i18n.t("source.weights_in_use", "en", name="good.npz", what=what)
    expect(page.get_by_text(rendered(loaded))).to_be_visible(timeout=30_000)
    heat = "document.querySelectorAll('[data-testid=stPlotlyChart] .js-plotly-plot')[1]"
    assert_page_still_works(page, heat, "good.npz")
    kept = rendered(i18n.t("source.weights_kept", "en", name="good.npz", what=what))
    for name, data, words in browser_files(tmp_path):
        send(picker, name, data)
        warning = page.get_by_test_id("stAlertContentWarning")
        expect(warning.filter(has_text=rendered(words))).to_be_visible(timeout=30_000)
        expect(warning.filter(has_text=kept)).to_be_visible()
        assert_page_still_works(page, heat, name)
    assert not (tmp_path / "unpickled").exists()

    # Over the limit, Streamlit's own picker refuses the file and never sends it: the file
    # shows as a red chip whose tooltip and screen-reader alert say why (in English only);
    # the caption beside the picker states the limit in the page's language.
    name = "oversized.npz"
    send(picker, name, oversized(control, "npz"))
    chip = page.locator(f"[data-testid=stFileChip][aria-invalid=true][aria-label^='{name}']")
    expect(chip).to_be_visible(timeout=30_000)
    reason = page.locator(f"[id='{chip.get_attribute('aria-describedby')}']")
    expect(reason).to_contain_text(f"File must be {math.ceil(control.limit / MB):.1f}MB")
    limit = f"H = {uploads.MAX_HIDDEN} units, {megabytes(control.limit)}."
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text=limit)).to_be_visible()
    assert_page_still_works(page, heat, name)
    assert page.console_errors == []
