"""The LSTM weight editor shared by the pages: sliders for one unit and one input, an editable
table (`st.data_editor`) for more.

The weights live in session state as an LSTMParams under `state_key` (not a widget key, so they
survive page switches and cannot be lost by a widget's clean-up). Widgets are drawn from it on
every run and write back through their callbacks; anything the user types that cannot be used
leaves the previous value in place and puts a message in `messages_key(state_key)`.
"""

import numpy as np
import pandas as pd
import streamlit as st

from lstm_core import GATES, LSTMParams
from lstm_ui.lang import t
from lstm_ui.url_state import decode_floats
from lstm_ui.widgets import number_slider

LIMIT = 10.0  # weights are edited within ±LIMIT; a bigger one saturates every gate anyway


def messages_key(state_key: str) -> str:
    return state_key + "_messages"


def _version_key(state_key: str) -> str:
    return state_key + "_version"


def replace_params(state_key: str, p: LSTMParams) -> None:
    """Set new weights from outside the editor (a scenario, randomize, reset, a URL)."""
    st.session_state[state_key] = p
    # A new table key drops the table widget's pending edits, which would otherwise be applied
    # on top of the new weights.
    st.session_state[_version_key(state_key)] = st.session_state.get(_version_key(state_key), 0) + 1


# --- sizes and the URL form ----------------------------------------------------------------------


def resized(p: LSTMParams, new: LSTMParams) -> LSTMParams:
    """`new` with every weight of `p` that still has a place in it (after H or D changed): the
    overlapping rows and columns of each gate block are copied, the rest stays `new`'s."""
    new = new.copy()
    d, h = min(new.input_size, p.input_size), min(new.hidden_size, p.hidden_size)
    for gate in GATES:
        old_block, new_block = p.block(gate), new.block(gate)
        new_block.W[:h, :d] = old_block.W[:h, :d]
        new_block.U[:h, :h] = old_block.U[:h, :h]
        new_block.b[:h] = old_block.b[:h]
    return new


def flat_weights(p: LSTMParams) -> np.ndarray:
    """W, U and b in one row, (4H·(D + H + 1),): the URL form of the weights."""
    return np.concatenate([p.W.ravel(), p.U.ravel(), p.b])


def unflatten_weights(values, D: int, H: int) -> LSTMParams:
    """The inverse of flat_weights for sizes D and H."""
    v = np.asarray(values, dtype=float)
    nW, nU = 4 * H * D, 4 * H * H
    return LSTMParams(v[:nW].reshape(4 * H, D), v[nW : nW + nU].reshape(4 * H, H), v[nW + nU :])


def read_url_weights(state_key: str, url_key: str, D: int, H: int) -> str | None:
    """Take the weights for sizes D, H from `?url_key=` (flat_weights' form) into session
    state, if the URL has usable ones; return the message about the value, if any."""
    raw = st.query_params.get(url_key)
    if raw is None:
        return None
    values, message = decode_floats(raw, 4 * H * (D + H + 1), -LIMIT, LIMIT, url_key)
    if values is not None:
        replace_params(state_key, unflatten_weights(values, D, H))
    return message or None


# --- the table form ----------------------------------------------------------------------------


def row_labels(H: int) -> list[str]:
    return [f"{gate}{k + 1}" if H > 1 else gate for gate in GATES for k in range(H)]


def column_labels(D: int, H: int) -> list[str]:
    xs = [f"W·x{j + 1}" if D > 1 else "W·x" for j in range(D)]
    hs = [f"U·h{j + 1}" if H > 1 else "U·h" for j in range(H)]
    return [*xs, *hs, "b"]


def params_to_frame(p: LSTMParams) -> pd.DataFrame:
    """One row per gate and unit (i1, i2, …, o_H), columns W·x_j, U·h_j and b: (4H, D + H + 1)."""
    values = np.hstack([p.W, p.U, p.b[:, None]])
    return pd.DataFrame(
        values,
        index=row_labels(p.hidden_size),
        columns=column_labels(p.input_size, p.hidden_size),
    )


def frame_to_params(frame: pd.DataFrame, previous: LSTMParams) -> tuple[LSTMParams, list[str]]:
    """Weights from an edited table; blank or non-numeric cells keep `previous`'s value and
    values beyond ±LIMIT are clamped, each with a message."""
    D, H = previous.input_size, previous.hidden_size
    old = params_to_frame(previous).to_numpy()
    new = np.array(frame.apply(pd.to_numeric, errors="coerce"), dtype=float)  # a writable copy
    messages = []
    if new.shape != old.shape:
        return previous, [t("anatomy.table_blank", where="shape")]
    bad = ~np.isfinite(new)
    if bad.any():
        where = _cells(frame, bad)
        messages.append(t("anatomy.table_blank", where=where))
        new[bad] = old[bad]
    big = np.abs(new) > LIMIT
    if big.any():
        messages.append(t("anatomy.table_clamped", limit=f"{LIMIT:g}", where=_cells(frame, big)))
        new = np.clip(new, -LIMIT, LIMIT)
    return LSTMParams(new[:, :D], new[:, D : D + H], new[:, -1]), messages


def _cells(frame: pd.DataFrame, mask: np.ndarray) -> str:
    rows, cols = np.nonzero(mask)
    names = [f"{frame.index[r]}/{frame.columns[c]}" for r, c in zip(rows, cols, strict=True)]
    return ", ".join(names[:4]) + (" …" if len(names) > 4 else "")


def apply_table_edits(previous: LSTMParams, edited_rows: dict) -> tuple[LSTMParams, list[str]]:
    """Weights after the table's edits, given as st.data_editor reports them:
    {row number: {column label: new value or None}}. Bad cells keep `previous`'s values."""
    frame = params_to_frame(previous).astype(object)
    for row, changes in edited_rows.items():
        for column, value in changes.items():
            if column in frame.columns:
                frame.iloc[int(row), frame.columns.get_loc(column)] = value
    return frame_to_params(frame, previous)


def _on_table_edit(state_key: str, table_key: str) -> None:
    edits = st.session_state[table_key].get("edited_rows", {})
    p, messages = apply_table_edits(st.session_state[state_key], edits)
    st.session_state[state_key] = p
    st.session_state[messages_key(state_key)] = messages


# --- the slider form ---------------------------------------------------------------------------


def _slider_key(state_key: str, gate: str, part: str) -> str:
    return f"{state_key}_{part}_{gate}"


def _on_slider(state_key: str, gate: str, part: str) -> None:
    value = st.session_state[_slider_key(state_key, gate, part)]
    st.session_state[state_key] = st.session_state[state_key].with_block(
        gate, **{part: [[value]] if part != "b" else value}
    )


def weight_editor(state_key: str) -> LSTMParams:
    """Draw the editor for the weights held in session state under `state_key`; return them.

    One input and one unit: a slider for every W, U and b (one column per gate). Otherwise a
    table with one row per gate and unit.
    """
    p: LSTMParams = st.session_state[state_key]
    if p.input_size == 1 and p.hidden_size == 1:
        columns = st.columns(4)
        for gate, column in zip(GATES, columns, strict=True):
            block = p.block(gate)
            with column:
                for part, value in (("W", block.W[0, 0]), ("U", block.U[0, 0]), ("b", block.b[0])):
                    key = _slider_key(state_key, gate, part)
                    st.session_state[key] = float(value)
                    number_slider(
                        f"${part}_{gate}$",
                        -LIMIT,
                        LIMIT,
                        step=0.05,
                        format="%.3f",
                        key=key,
                        on_change=_on_slider,
                        args=(state_key, gate, part),
                        persist_state=None,  # the value lives in the params, written each run
                    )
    else:
        table_key = f"{state_key}_table_{st.session_state.get(_version_key(state_key), 0)}"
        st.data_editor(
            params_to_frame(p),
            key=table_key,
            on_change=_on_table_edit,
            args=(state_key, table_key),
            column_config={
                name: st.column_config.NumberColumn(
                    name, min_value=-LIMIT, max_value=LIMIT, step=0.01, format="%.3f"
                )
                for name in column_labels(p.input_size, p.hidden_size)
            },
            width="stretch",
        )
        st.caption(t("anatomy.table_help", limit=f"{LIMIT:g}"))
    return st.session_state[state_key]
