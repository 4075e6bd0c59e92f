"""The gate anatomy page's controller: the weights and the step's inputs, their URL form, the
callbacks of its buttons (scenario, randomize, reset), and `view`, the one cached computation
that returns the step and everything the page draws from it.

Session keys: "an_params" (LSTMParams), "an_gru" (GRUParams), "an_peep" (3, H) the peephole
weights p_i, p_f, p_o (read by the peephole variant), "an_x" (D,), "an_h" (H,), "an_c" (H,) as
arrays; the URL holds them as `an_w` (W, U, b flattened), `an_gw` (the GRU's W, U, b_ih, b_hh
flattened), `an_p` (the peepholes flattened), `an_x`, `an_h`, `an_c`. The cell type, sizes,
variant (any of lstm_core.VARIANTS) and unit are widgets bound to the URL (`an_cell`, `an_H`,
`an_D`, `an_variant`, `an_unit`); a link without `an_cell` shows the LSTM, as links did before
the GRU came. `an_scenario` names an LSTM scenario (SCENARIOS) or a GRU one (GRU_SCENARIOS) and
chooses the cell to match.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from lstm_core import (
    VARIANTS,
    GRUParams,
    GRUStep,
    LSTMParams,
    LSTMStep,
    RNNParams,
    gru_step,
    lstm_step,
    rnn_step,
)
from lstm_core.lab.scenarios import (
    GRU_SCENARIOS,
    SCENARIOS,
    gru_scenario_inputs,
    gru_scenario_params,
    read_gru_step,
    scenario_inputs,
    scenario_params,
)
from lstm_ui import weight_editor
from lstm_ui.lang import t
from lstm_ui.url_state import Param, decode_floats, encode_floats
from lstm_viz.anatomy import (
    GRU_BAR_QUANTITIES,
    Callout,
    callouts,
    gate_bars_figure,
    gru_callouts,
    gru_equations,
    substituted_equations,
)
from lstm_viz.cell_svg import lstm_cell_svg, rnn_cell_svg
from lstm_viz.gru_diagram import gru_cell_svg
from lstm_viz.summaries import anatomy_summary, gru_anatomy_summary

PAGE = "anatomy"
MAX_H, MAX_D = 4, 3
X_RANGE, H_RANGE, C_RANGE = (-3.0, 3.0), (-1.0, 1.0), (-5.0, 5.0)
CELLS = ("lstm", "gru")
URL_PARAMS = (
    Param("an_H", "int", 1, lo=1, hi=MAX_H),
    Param("an_D", "int", 1, lo=1, hi=MAX_D),
    Param("an_unit", "int", 1, lo=1, hi=MAX_H),
    Param("an_variant", "choice", "standard", choices=VARIANTS),
    Param("an_cell", "choice", "lstm", choices=CELLS),
)
# Read by this module itself: lists of numbers, and a scenario name.
OTHER_KEYS = frozenset({"an_w", "an_gw", "an_p", "an_x", "an_h", "an_c", "an_scenario"})
ALL_SCENARIOS = (*SCENARIOS, *GRU_SCENARIOS)
VECTORS = {"an_x": X_RANGE, "an_h": H_RANGE, "an_c": C_RANGE}


def example_params(D: int, H: int) -> LSTMParams:
    """The page's opening example: with x = 1, h = 0 the first unit has a = (−1, 1, 2, 0.5), so
    i = 0.269, f = 0.731, g = 0.964, o = 0.622 and, with c_{t−1} = 0.5,
    c_t = 0.731 × 0.500 + 0.269 × 0.964 = 0.625. Further units use smaller weights."""
    W, U, b = np.zeros((4 * H, D)), np.zeros((4 * H, H)), np.zeros(4 * H)
    for k in range(H):
        W[[k, H + k, 2 * H + k, 3 * H + k], 0] = np.array([-1.0, 1.0, 2.0, 0.5]) / (1 + k)
    return LSTMParams(W, U, b)


def example_gru(D: int, H: int) -> GRUParams:
    """The GRU's opening example: with x = 1, h = 0 the first unit has a = (1, −0.5, 2), so
    r = 0.731, z = 0.378, n = 0.964 and h_t = 0.622 × 0.964 = 0.600; U_n = 1 on the diagonal,
    so moving h_{t−1} shows the reset gate at work. Further units use smaller weights."""
    W, U = np.zeros((3 * H, D)), np.zeros((3 * H, H))
    for k in range(H):
        W[[k, H + k, 2 * H + k], 0] = np.array([1.0, -0.5, 2.0]) / (1 + k)
        U[2 * H + k, k] = 1.0 / (1 + k)
    return GRUParams(W, U, np.zeros(3 * H), np.zeros(3 * H))


def example_peepholes(H: int) -> np.ndarray:
    """The peephole weights (3, H), rows p_i, p_f, p_o, that the peephole variant opens with:
    (0.5, 1, 0.8) for the first unit, smaller for the others (zeros would make it the standard
    cell and its wires carry nothing)."""
    return np.outer([0.5, 1.0, 0.8], 1.0 / (1.0 + np.arange(H)))


def example_inputs(D: int, H: int) -> dict[str, np.ndarray]:
    return {"an_x": np.eye(1, D).ravel(), "an_h": np.zeros(H), "an_c": np.full(H, 0.5)}


def _resized_vector(v: np.ndarray, n: int, fill: np.ndarray) -> np.ndarray:
    out = fill.copy()
    out[: min(n, len(v))] = v[: min(n, len(v))]
    return out


def ensure_state(D: int, H: int) -> list[str]:
    """Make the session's weights and inputs match sizes D, H; on the first run read them from
    the URL. Returns messages about URL values that could not be used."""
    messages = []
    if "an_params" not in st.session_state or "an_gru" not in st.session_state:
        weight_editor.replace_params("an_params", example_params(D, H))
        weight_editor.replace_params("an_gru", example_gru(D, H))
        st.session_state["an_peep"] = example_peepholes(H)
        st.session_state.update(example_inputs(D, H))
        messages += _read_url_lists(D, H)
    p: LSTMParams = st.session_state["an_params"]
    if (p.input_size, p.hidden_size) != (D, H):
        weight_editor.replace_params("an_params", weight_editor.resized(p, example_params(D, H)))
    g: GRUParams = st.session_state["an_gru"]
    if (g.input_size, g.hidden_size) != (D, H):
        weight_editor.replace_params("an_gru", resized_gru(g, example_gru(D, H)))
    peep = st.session_state["an_peep"]
    if peep.shape != (3, H):
        fill, h = example_peepholes(H), min(H, peep.shape[1])
        fill[:, :h] = peep[:, :h]
        st.session_state["an_peep"] = fill
    if any(len(st.session_state[key]) != (D if key == "an_x" else H) for key in VECTORS):
        fill = example_inputs(D, H)
        for key in VECTORS:
            size = D if key == "an_x" else H
            st.session_state[key] = _resized_vector(st.session_state[key], size, fill[key])
    return messages


def _read_url_lists(D: int, H: int) -> list[str]:
    messages = []
    scenario = st.query_params.get("an_scenario")
    if scenario in ALL_SCENARIOS:
        _set_scenario(scenario, D, H)
    elif scenario is not None:
        messages.append(
            t(
                "input.not_a_choice",
                name="an_scenario",
                value=scenario[:40],
                choices=", ".join(ALL_SCENARIOS),
                kept="—",
            )
        )
    message = weight_editor.read_url_weights("an_params", "an_w", D, H)
    if message:
        messages.append(message)
    raw = st.query_params.get("an_gw")
    if raw is not None:
        limit = weight_editor.LIMIT
        values, message = decode_floats(raw, 3 * H * (D + H + 2), -limit, limit, "an_gw")
        if values is not None:
            weight_editor.replace_params("an_gru", unflatten_gru(values, D, H))
        if message:
            messages.append(message)
    raw = st.query_params.get("an_p")
    if raw is not None:
        limit = weight_editor.LIMIT
        values, message = decode_floats(raw, 3 * H, -limit, limit, "an_p")
        if values is not None:
            st.session_state["an_peep"] = np.reshape(values, (3, H))
        if message:
            messages.append(message)
    for key, (lo, hi) in VECTORS.items():
        raw = st.query_params.get(key)
        if raw is None:
            continue
        values, message = decode_floats(raw, D if key == "an_x" else H, lo, hi, key)
        if values is not None:
            st.session_state[key] = np.array(values)
        if message:
            messages.append(message)
    return messages


def flat_gru(g: GRUParams) -> np.ndarray:
    """W, U, b_ih and b_hh in one row, (3H·(D + H + 2),): the URL form of the GRU's weights."""
    return np.concatenate([g.W.ravel(), g.U.ravel(), g.b_ih, g.b_hh])


def unflatten_gru(values, D: int, H: int) -> GRUParams:
    """The inverse of flat_gru for sizes D and H."""
    v = np.asarray(values, dtype=float)
    nW, nU = 3 * H * D, 3 * H * H
    W, U = v[:nW].reshape(3 * H, D), v[nW : nW + nU].reshape(3 * H, H)
    return GRUParams(W, U, v[nW + nU : nW + nU + 3 * H], v[nW + nU + 3 * H :])


def resized_gru(g: GRUParams, new: GRUParams) -> GRUParams:
    """`new` with every weight of `g` that still has a place in it (after H or D changed)."""
    new = new.copy()
    d, h = min(new.input_size, g.input_size), min(new.hidden_size, g.hidden_size)
    for gate in ("r", "z", "n"):
        old_block, new_block = g.block(gate), new.block(gate)
        new_block.W[:h, :d] = old_block.W[:h, :d]
        new_block.U[:h, :h] = old_block.U[:h, :h]
        new_block.b_ih[:h] = old_block.b_ih[:h]
        new_block.b_hh[:h] = old_block.b_hh[:h]
    return new


def _state_of(
    p: LSTMParams, g: GRUParams, peep: np.ndarray, inputs: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    flat = {"an_w": weight_editor.flat_weights(p), "an_gw": flat_gru(g), "an_p": peep.ravel()}
    return {**flat, **inputs}


def current_state() -> dict[str, np.ndarray]:
    return _state_of(
        st.session_state["an_params"],
        st.session_state["an_gru"],
        st.session_state["an_peep"],
        {k: st.session_state[k] for k in VECTORS},
    )


def active_scenario(D: int, H: int) -> str | None:
    """The scenario whose weights and inputs are on screen unchanged, for the cell it was made
    for (an LSTM scenario only with the standard variant), if any: its fixed sentence is true
    there and nowhere else for sure."""
    now = current_state()
    cell = st.session_state.get("an_cell", "lstm")
    if cell == "lstm" and st.session_state.get("an_variant", "standard") == "standard":
        for name in SCENARIOS:
            x, h, c = scenario_inputs(name, D, H)
            wanted = {
                "an_w": weight_editor.flat_weights(scenario_params(name, D, H)),
                **{"an_x": x, "an_h": h, "an_c": c},
            }
            if all(np.array_equal(now[k], wanted[k]) for k in wanted):
                return name
    if cell == "gru":
        for name in GRU_SCENARIOS:
            x, h = gru_scenario_inputs(name, D, H)
            wanted = {"an_gw": flat_gru(gru_scenario_params(name, D, H)), "an_x": x, "an_h": h}
            if all(np.array_equal(now[k], wanted[k]) for k in wanted):
                return name
    return None


def write_url(D: int, H: int) -> None:
    """Keep the URL in step: nothing while the opening example is shown, `an_scenario=NAME`
    while a scenario is unchanged, otherwise the numbers that differ from the example."""
    now = current_state()
    example = _state_of(
        example_params(D, H), example_gru(D, H), example_peepholes(H), example_inputs(D, H)
    )
    scenario = active_scenario(D, H)
    wanted = {}
    if scenario is not None:
        wanted["an_scenario"] = scenario
    else:
        for key, value in now.items():
            if not np.array_equal(value, example[key]):
                wanted[key] = encode_floats(value)
    for key in OTHER_KEYS:
        if key in wanted:
            if st.query_params.get(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


# --- button callbacks --------------------------------------------------------------------------


def _set_scenario(name: str, D: int, H: int) -> None:
    """The scenario's weights and inputs, and the cell it is for (LSTM scenarios: standard)."""
    if name in GRU_SCENARIOS:
        weight_editor.replace_params("an_gru", gru_scenario_params(name, D, H))
        x, h = gru_scenario_inputs(name, D, H)
        st.session_state.update({"an_x": x, "an_h": h, "an_cell": "gru"})
        return
    weight_editor.replace_params("an_params", scenario_params(name, D, H))
    x, h, c = scenario_inputs(name, D, H)
    st.session_state.update({"an_x": x, "an_h": h, "an_c": c, "an_cell": "lstm"})
    st.session_state["an_variant"] = "standard"


def apply_scenario(name: str) -> None:
    """Scenario button: its weights and inputs for the current sizes and its cell."""
    _set_scenario(name, st.session_state["an_D"], st.session_state["an_H"])


def randomize() -> None:
    """PyTorch's default initialisation of the cell shown, with the chosen seed; the inputs
    stay."""
    D, H = st.session_state["an_D"], st.session_state["an_H"]
    seed = int(st.session_state.get("an_seed", 0))
    if st.session_state.get("an_cell") == "gru":
        weight_editor.replace_params("an_gru", GRUParams.init(D, H, seed=seed, scheme="torch"))
    else:
        peepholes = st.session_state.get("an_variant") == "peephole"
        p = LSTMParams.init(D, H, seed=seed, scheme="torch", peepholes=peepholes)
        weight_editor.replace_params("an_params", LSTMParams(p.W, p.U, p.b))
        if peepholes:
            st.session_state["an_peep"] = p.peephole


def reset() -> None:
    """Back to the opening example of the cell shown, for the current sizes."""
    D, H = st.session_state["an_D"], st.session_state["an_H"]
    if st.session_state.get("an_cell") == "gru":
        weight_editor.replace_params("an_gru", example_gru(D, H))
    else:
        weight_editor.replace_params("an_params", example_params(D, H))
        st.session_state["an_peep"] = example_peepholes(H)
        st.session_state["an_variant"] = "standard"
    st.session_state.update(example_inputs(D, H))


# --- the GRU's weight table (the LSTM's editor is lstm_ui.weight_editor) ------------------------

GRU_COLUMNS_EXTRA = ("b_i", "b_h")


def gru_frame(g: GRUParams) -> pd.DataFrame:
    """One row per gate and unit (r1, …, n_H), columns W·x_j, U·h_j, b_i, b_h:
    (3H, D + H + 2)."""
    H = g.hidden_size
    values = np.hstack([g.W, g.U, g.b_ih[:, None], g.b_hh[:, None]])
    rows = [f"{gate}{k + 1}" if H > 1 else gate for gate in "rzn" for k in range(H)]
    columns = [*weight_editor.column_labels(g.input_size, H)[:-1], *GRU_COLUMNS_EXTRA]
    return pd.DataFrame(values, index=rows, columns=columns)


def apply_gru_edits(previous: GRUParams, edited_rows: dict) -> tuple[GRUParams, list[str]]:
    """The GRU's weights after the table's edits ({row: {column: value or None}}, as
    st.data_editor reports them): blank or non-numeric cells keep `previous`'s value and values
    beyond ±LIMIT are clamped, each with a message."""
    frame = gru_frame(previous).astype(object)
    for row, changes in edited_rows.items():
        for column, value in changes.items():
            if column in frame.columns:
                frame.iloc[int(row), frame.columns.get_loc(column)] = value
    old = gru_frame(previous).to_numpy()
    new = np.array(frame.apply(pd.to_numeric, errors="coerce"), dtype=float)
    messages, limit = [], weight_editor.LIMIT
    bad = ~np.isfinite(new)
    if bad.any():
        messages.append(t("anatomy.table_blank", where=_cells(frame, bad)))
        new[bad] = old[bad]
    big = np.abs(new) > limit
    if big.any():
        messages.append(t("anatomy.table_clamped", limit=f"{limit:g}", where=_cells(frame, big)))
        new = np.clip(new, -limit, limit)
    D, H = previous.input_size, previous.hidden_size
    return GRUParams(new[:, :D], new[:, D : D + H], new[:, -2], new[:, -1]), messages


def _cells(frame: pd.DataFrame, mask: np.ndarray) -> str:
    rows, cols = np.nonzero(mask)
    names = [f"{frame.index[r]}/{frame.columns[c]}" for r, c in zip(rows, cols, strict=True)]
    return ", ".join(names[:4]) + (" …" if len(names) > 4 else "")


def _on_gru_table_edit(table_key: str) -> None:
    edits = st.session_state[table_key].get("edited_rows", {})
    g, messages = apply_gru_edits(st.session_state["an_gru"], edits)
    st.session_state["an_gru"] = g
    st.session_state[weight_editor.messages_key("an_gru")] = messages


def gru_weight_table() -> GRUParams:
    """The GRU's weights as an editable table; returns them."""
    g: GRUParams = st.session_state["an_gru"]
    version = st.session_state.get("an_gru_version", 0)  # weight_editor.replace_params bumps it
    table_key = f"an_gru_table_{version}"
    frame = gru_frame(g)
    limit = weight_editor.LIMIT
    st.data_editor(
        frame,
        key=table_key,
        on_change=_on_gru_table_edit,
        args=(table_key,),
        column_config={
            name: st.column_config.NumberColumn(
                name, min_value=-limit, max_value=limit, step=0.01, format="%.3f"
            )
            for name in frame.columns
        },
        width="stretch",
    )
    st.caption(t("anatomy.gru_weights_help", limit=f"{limit:g}"))
    return st.session_state["an_gru"]


# --- the inputs' sliders ------------------------------------------------------------------------


def _on_vector_slider(key: str, index: int) -> None:
    v = st.session_state[key].copy()
    v[index] = st.session_state[f"{key}_{index}"]
    st.session_state[key] = v


def _on_peephole_slider(row: int, unit: int) -> None:
    peep = st.session_state["an_peep"].copy()
    peep[row, unit] = st.session_state[f"an_peep_{'ifo'[row]}"]
    st.session_state["an_peep"] = peep


def peephole_sliders(unit: int) -> np.ndarray:
    """Sliders for p_i, p_f, p_o of hidden unit `unit` (0-based); returns all of them (3, H)."""
    peep = st.session_state["an_peep"]
    limit = weight_editor.LIMIT
    for row, column in enumerate(st.columns(3)):
        key = f"an_peep_{'ifo'[row]}"
        st.session_state[key] = float(peep[row, unit])
        column.slider(
            f"$p_{'ifo'[row]}$",
            -limit,
            limit,
            step=0.05,
            format="%.2f",
            key=key,
            on_change=_on_peephole_slider,
            args=(row, unit),
        )
    return st.session_state["an_peep"]


def vector_sliders(key: str, symbol: str) -> np.ndarray:
    """One slider per component of the vector held under `key`; returns the vector."""
    lo, hi = VECTORS[key]
    v = st.session_state[key]
    for index, value in enumerate(v):
        widget = f"{key}_{index}"
        st.session_state[widget] = float(value)
        label = f"${symbol}$" if len(v) == 1 else f"${symbol}[{index + 1}]$"
        st.slider(
            label,
            lo,
            hi,
            step=0.05,
            format="%.3f",
            key=widget,
            on_change=_on_vector_slider,
            args=(key, index),
        )
    return st.session_state[key]


def candidate_as_rnn(p: LSTMParams) -> RNNParams:
    """The plain RNN that the LSTM's candidate is: W_g, U_g, b_g, so h_t = g_t of a cell with
    no gates and no cell state."""
    W, U, b = p.block("g")
    return RNNParams(W.copy(), U.copy(), b.copy())


def gru_candidate_as_rnn(g: GRUParams) -> RNNParams:
    """The plain RNN that the GRU is with r = 1 and z = 0: W_n, U_n, b_in + b_hn."""
    W, U, b_i, b_h = g.block("n")
    return RNNParams(W.copy(), U.copy(), b_i + b_h)


# --- the computation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AnatomyView:
    """One step and everything the page shows of it, for hidden unit `unit` (0-based).

    The diagrams are inline SVG (drawn in about half the time plotly takes for the same
    picture: benchmarks/diagram_render.py); the bars a finished figure dict.
    """

    step: LSTMStep | GRUStep  # i, f, g, o, c, h or r, z, n, h: (H,) each
    rnn_h: np.ndarray  # (H,) the plain RNN's new state, h = tanh(W_g x + U_g h + b_g)
    callouts: tuple[Callout, ...]
    equations: tuple[str, ...]  # LaTeX, one block per equation
    diagram: str  # SVG
    bars: dict
    rnn_diagram: str  # SVG
    cell: str = "lstm"  # or "gru"
    summary: str | None = None  # the bars' text beside them, worded from the callouts' verdict


@st.cache_data(max_entries=64, show_spinner=False)
def view(
    x: np.ndarray,
    h_prev: np.ndarray,
    c_prev: np.ndarray,
    W: np.ndarray,
    U: np.ndarray,
    b: np.ndarray,
    variant: str,
    unit: int,
    lang: str,
    peephole: np.ndarray | None = None,
) -> AnatomyView:
    """The step for x (D,), h_prev (H,), c_prev (H,) with weights W (4H, D), U (4H, H),
    b (4H,), peephole (3, H) or None (zeros; only the peephole variant reads them), and its
    views. Keyed by the numbers themselves (a few kB), so a class that presses the same
    scenarios shares them."""
    p = LSTMParams(W, U, b, peephole)
    step = lstm_step(p, x, h_prev, c_prev, variant=variant)
    rnn_h = rnn_step(candidate_as_rnn(p), x, h_prev)
    return AnatomyView(
        step=step,
        rnn_h=rnn_h.h,
        callouts=tuple(callouts(step, c_prev, unit, variant, p.peephole)),
        equations=tuple(substituted_equations(p, x, h_prev, c_prev, step, unit, variant)),
        diagram=lstm_cell_svg(
            x, h_prev, c_prev, step, unit=unit, lang=lang, variant=variant, peephole=p.peephole
        ),
        bars=gate_bars_figure(step, lang).to_dict(),
        rnn_diagram=rnn_cell_svg(x, h_prev, rnn_h, unit=unit, lang=lang),
        summary=anatomy_summary(step, c_prev, unit, variant, lang),
    )


@st.cache_data(max_entries=64, show_spinner=False)
def gru_view(
    x: np.ndarray,
    h_prev: np.ndarray,
    W: np.ndarray,
    U: np.ndarray,
    b_ih: np.ndarray,
    b_hh: np.ndarray,
    unit: int,
    lang: str,
) -> AnatomyView:
    """The GRU step for x (D,), h_prev (H,) with weights W (3H, D), U (3H, H), b_ih, b_hh (3H,),
    and its views (as view for the LSTM)."""
    g = GRUParams(W, U, b_ih, b_hh)
    step = gru_step(g, x, h_prev)
    rnn_h = rnn_step(gru_candidate_as_rnn(g), x, h_prev)
    reading = read_gru_step(step, h_prev, unit)
    return AnatomyView(
        step=step,
        rnn_h=rnn_h.h,
        callouts=tuple(gru_callouts(reading, g.hidden_size)),
        equations=tuple(gru_equations(g, x, h_prev, step, unit)),
        diagram=gru_cell_svg(x, h_prev, step, unit=unit, lang=lang),
        bars=gate_bars_figure(step, lang, GRU_BAR_QUANTITIES).to_dict(),
        rnn_diagram=rnn_cell_svg(x, h_prev, rnn_h, unit=unit, lang=lang),
        cell="gru",
        summary=gru_anatomy_summary(reading, g.hidden_size, lang),
    )
