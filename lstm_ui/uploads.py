"""What students type and upload, parsed with limits: a list of numbers, a CSV sequence, a
weights file. No Streamlit here, so every rule is testable on plain bytes and strings.

Each parser returns its result or raises lstm_core.lab.weights_io.BadFileError, whose `code` picks
the message in the string table (`stepper.err.<code>`); `describe(error, lang)` writes it.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass

import numpy as np

from lstm_core.lab.weights_io import (
    CELLS,
    MAX_FILE_BYTES,
    BadFileError,
    LoadedWeights,
    load_weights,
    megabytes,
    megabytes_over,
    weight_arrays,
)
from lstm_viz.i18n import t

MAX_STEPS = 5000  # T
MAX_FEATURES = 8  # D
MAX_HIDDEN = 64  # H of uploaded weights
MIN_STEPS = 2
MAX_CSV_BYTES = 1024 * 1024
MAX_LINE_CHARS = 2000  # 8 numbers of 25 characters, or a header of long names, fit easily
MAX_TEXT_CHARS = 20_000
MAX_ABS_INPUT = 1e6  # larger inputs saturate every gate; 1e300 would overflow W x
MAX_ABS_WEIGHT = 1e3  # trained weights are far smaller; 1e308 would overflow W x at run time
SATURATING_INPUT = 10.0  # beyond this a note suggests scaling the data
CSV_DELIMITERS = (";", ",", "\t")  # ";" first: it is only used with decimal commas
MINUS = "−"  # U+2212, as the pages print it; students paste it back


@dataclass(frozen=True)
class CsvSequence:
    """A sequence read from a CSV file: xs (T, D), the column names, whether row 1 was a
    header (else the names are "x1", "x2", ...), and notes on how it was read."""

    xs: np.ndarray
    columns: tuple[str, ...]
    header: bool
    notes: tuple[str, ...] = ()  # codes of notes about how it was read: stepper.note.<code>


def describe(error: ValueError, lang: str) -> str:
    """The message for a rejected input in `lang`; a core ValueError (e.g. a weight's shape)
    is quoted inside a sentence of that language."""
    if isinstance(error, BadFileError):
        # A code's own `detail` (e.g. pandas' reason) wins over the English sentence.
        fields = {"detail": str(error), **error.fields}
        if "layout" in fields:  # a layout's code ("pytorch") is named in the page's language
            fields["layout"] = t(f"source.layout.{fields['layout']}", lang)
        return t(f"stepper.err.{error.code}", lang, **fields)
    return t("stepper.err.weights_shape", lang, detail=str(error), cell="LSTM")


def _fail(code: str, **fields: object) -> BadFileError:
    return BadFileError(code, code.replace("_", " ") + f" {fields}", **fields)


# --- typed numbers ------------------------------------------------------------------------------


def parse_typed(text: str) -> np.ndarray:
    """A typed list of numbers (separated by commas, semicolons, spaces or new lines) as
    xs (T, 1)."""
    if len(text) > MAX_TEXT_CHARS:
        raise _fail("typed_too_long", length=len(text), limit=MAX_TEXT_CHARS)
    tokens = [s for s in re.split(r"[,;\s]+", text.replace(MINUS, "-")) if s]
    if not tokens:
        raise _fail("typed_empty")
    if len(tokens) > MAX_STEPS:
        raise _fail("typed_too_many", count=len(tokens), limit=MAX_STEPS)
    values = np.empty(len(tokens))
    for k, token in enumerate(tokens):
        shown = token if len(token) <= 20 else token[:20] + "…"
        try:
            v = float(token)
        except ValueError:
            raise _fail("typed_not_number", position=k + 1, value=shown) from None
        if not math.isfinite(v):
            raise _fail("typed_not_finite", position=k + 1, value=shown)
        if abs(v) > MAX_ABS_INPUT:
            raise _fail("typed_too_large", position=k + 1, value=shown, limit=f"{MAX_ABS_INPUT:g}")
        values[k] = v
    if len(values) < MIN_STEPS:
        raise _fail("typed_too_short", count=len(values), limit=MIN_STEPS)
    return values[:, None]


# --- CSV ----------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), else CP949 (Korean Excel's CSV)."""
    if b"\x00" in data:
        raise _fail("csv_binary")
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text):
            raise _fail("csv_binary")
        return text
    raise _fail("csv_binary")


def _delimiter(first_line: str) -> str | None:
    """The column separator of the file, from its first line: ";", "," or tab (the most
    frequent; ";" wins ties as it implies decimal commas), whitespace, or None (one column)."""
    counts = {d: first_line.count(d) for d in CSV_DELIMITERS}
    best = max(CSV_DELIMITERS, key=lambda d: counts[d])
    if counts[best] > 0:
        return best
    return r"\s+" if len(first_line.split()) > 1 else None


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _field_count(line: str, sep: str | None) -> int:
    """How many fields pandas will find in `line` (quotes aside): counted on the raw text, so
    a line of a million commas is measured in microseconds, not parsed into a DataFrame."""
    if sep == r"\s+":
        return len(line.split())
    return line.count(sep or ",") + 1  # one column is read with sep=","


def _check_widths(lines: list[tuple[int, str]], sep: str | None) -> None:
    """Before pandas: BadFileError when a line is longer than MAX_LINE_CHARS or has more than
    MAX_FEATURES fields (csv_too_wide for the first line, csv_ragged for a later one)."""
    expected = _field_count(lines[0][1], sep)
    for number, line in lines:
        fields = _field_count(line, sep)
        if fields > MAX_FEATURES:
            if number == lines[0][0]:
                raise _fail("csv_too_wide", columns=f"{fields:,}", limit=MAX_FEATURES)
            raise _fail("csv_ragged", line=number, expected=expected, saw=f"{fields:,}")
        if len(line) > MAX_LINE_CHARS:
            raise _fail(
                "csv_line_too_long", line=number, length=f"{len(line):,}", limit=MAX_LINE_CHARS
            )


def parse_csv(data: bytes) -> CsvSequence:
    """A sequence from CSV bytes: one row per time step, one column per input feature, an
    optional header row. At most MAX_CSV_BYTES, MAX_STEPS rows, MAX_FEATURES columns and
    MAX_LINE_CHARS characters a line (checked on the text before pandas builds a table).
    Messages name rows and columns as the file's line numbers, blank lines included."""
    import pandas as pd  # the parsing is pandas'; imported here so the module loads fast

    if len(data) > MAX_CSV_BYTES:
        raise _fail(
            "csv_too_big",
            size=megabytes_over(len(data), MAX_CSV_BYTES),
            limit=megabytes(MAX_CSV_BYTES),
        )
    if not data.strip():
        raise _fail("csv_empty")
    text = _decode(data).replace(MINUS, "-")
    # (the file's line number from 1, the line) of every line that is not blank
    lines = [(k + 1, line) for k, line in enumerate(text.splitlines()) if line.strip()]
    if not lines:
        raise _fail("csv_empty")
    if len(lines) > MAX_STEPS + 1:  # + 1: a header row
        raise _fail("csv_too_long", rows=len(lines), limit=MAX_STEPS)
    sep = _delimiter(lines[0][1][:MAX_LINE_CHARS])
    _check_widths(lines, sep)
    line_number = [number for number, _ in lines]  # of pandas' k-th line (from 0)
    decimal = "," if sep == ";" and re.search(r"\d,\d", text) else "."
    try:
        frame = pd.read_csv(
            io.StringIO("\n".join(line for _, line in lines)),
            sep=sep if sep is not None else ",",
            header=None,
            dtype=str,
            nrows=MAX_STEPS + 2,
            skip_blank_lines=True,
            skipinitialspace=True,
            keep_default_na=False,
            engine="c" if sep != r"\s+" else "python",
        )
    except pd.errors.ParserError as error:
        opened = re.search(r"EOF inside string starting at row (\d+)", str(error))
        if opened:  # a quotation mark that is never closed swallows the rest of the file
            row = int(opened.group(1))
            line = line_number[row] if 0 <= row < len(line_number) else row + 1
            raise _fail("csv_open_quote", line=line) from None
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(error))
        if found:
            expected, line, saw = (int(g) for g in found.groups())
            line = line_number[line - 1] if 1 <= line <= len(line_number) else line
            raise _fail("csv_ragged", line=line, expected=expected, saw=saw) from None
        raise _fail("csv_unreadable", detail=str(error)[:200]) from None
    except (ValueError, UnicodeError) as error:
        raise _fail("csv_unreadable", detail=str(error)[:200]) from None
    if frame.shape[1] > MAX_FEATURES:
        raise _fail("csv_too_wide", columns=frame.shape[1], limit=MAX_FEATURES)
    cells = frame.to_numpy(dtype=object)
    first = [str(c).strip() if isinstance(c, str) else "" for c in cells[0]]
    header = any(c and not _is_number(c.replace(",", ".") if decimal == "," else c) for c in first)
    body = cells[1:] if header else cells
    rows = line_number[1:] if header else line_number  # the file's line of each body row
    if len(body) == 0:
        raise _fail("csv_no_rows")
    if len(body) > MAX_STEPS:
        raise _fail("csv_too_long", rows=len(body), limit=MAX_STEPS)
    xs = np.empty(body.shape)
    integers = np.ones(body.shape, dtype=bool)  # which cells are plain integers (for a note)
    for (r, c), cell in np.ndenumerate(body):
        where = dict(row=rows[r], column=c + 1)
        if not isinstance(cell, str):  # pandas fills a short row with NaN: the cell is missing
            raise _fail("csv_missing", **where)
        text_cell = cell.strip()
        shown = text_cell if len(text_cell) <= 20 else text_cell[:20] + "…"
        # "0,5" as columns: an integer, then digits without a sign (the decimals)
        integers[r, c] = re.fullmatch(r"[-+]?\d+" if c == 0 else r"\d+", text_cell) is not None
        if decimal == ",":
            text_cell = text_cell.replace(",", ".")
        if not text_cell:
            raise _fail("csv_missing", **where)
        try:
            v = float(text_cell)
        except ValueError:
            if frame.shape[1] == 1 and re.search(r"[|:;,\t ]", text_cell):
                raise _fail("csv_wrong_delimiter", value=shown) from None
            raise _fail("csv_not_numeric", value=shown, **where) from None
        if not math.isfinite(v):
            raise _fail("csv_not_finite", value=shown, **where)
        if abs(v) > MAX_ABS_INPUT:
            raise _fail("csv_too_large", value=shown, limit=f"{MAX_ABS_INPUT:g}", **where)
        xs[r, c] = v
    if len(body) < MIN_STEPS:
        raise _fail("csv_too_short", count=len(body), limit=MIN_STEPS)
    names = (
        tuple(str(c).strip() or f"x{k + 1}" for k, c in enumerate(first))
        if header
        else tuple(f"x{k + 1}" for k in range(xs.shape[1]))
    )
    notes = ()
    # "0,5" on every line (decimal commas in a one-column file) reads as two integer columns.
    if sep == "," and not header and xs.shape[1] == 2 and integers.all():
        notes = ("csv_decimal_commas",)
    return CsvSequence(xs, names, header, notes)


def needs_scaling(xs: np.ndarray) -> bool:
    """True when inputs are large enough to saturate the gates (|x| > SATURATING_INPUT)."""
    return bool(np.max(np.abs(xs)) > SATURATING_INPUT)


# --- weights ------------------------------------------------------------------------------------


def parse_weights(data: bytes, filename: str, cells: tuple[str, ...] = CELLS) -> LoadedWeights:
    """LSTM or GRU weights from an uploaded .npz or .safetensors file, with PyTorch or Keras
    names, at most MAX_HIDDEN units and MAX_FEATURES inputs, every weight within ±MAX_ABS_WEIGHT.
    A cell not in `cells` (the ones the page runs) is refused with code "cell_not_run", whose
    message says which cell, layout and sizes the file holds."""
    if len(data) > MAX_FILE_BYTES:
        raise _fail(
            "too_big",
            size=megabytes_over(len(data), MAX_FILE_BYTES),
            limit=megabytes(MAX_FILE_BYTES),
        )
    loaded = load_weights(data, filename)
    p = loaded.params
    if p.hidden_size > MAX_HIDDEN or p.input_size > MAX_FEATURES:
        raise _fail(
            "weights_too_large",
            H=p.hidden_size,
            D=p.input_size,
            max_h=MAX_HIDDEN,
            max_d=MAX_FEATURES,
        )
    largest = max(float(np.max(np.abs(a), initial=0.0)) for a in weight_arrays(p))
    if largest > MAX_ABS_WEIGHT:
        raise _fail("weights_too_extreme", value=f"{largest:.3g}", limit=f"{MAX_ABS_WEIGHT:g}")
    if loaded.cell not in cells:
        raise _fail(
            "cell_not_run",
            cell=loaded.cell.upper(),
            layout=loaded.layout,
            H=p.hidden_size,
            D=p.input_size,
            runs=" / ".join(c.upper() for c in cells),
        )
    return loaded
