"""The gate anatomy page's controller: the weights and the step's inputs, their URL form, the
callbacks of its buttons (scenario, randomize, reset), and `view`, the one cached computation
that returns the step and everything the page draws from it.

Session keys: "an_params" (LSTMParams), "an_x" (D,), "an_h" (H,), "an_c" (H,) as arrays; the
URL holds them as `an_w` (W, U, b flattened), `an_x`, `an_h`, `an_c`. The sizes, variant and
unit are widgets bound to the URL (`an_H`, `an_D`, `an_variant`, `an_unit`).
"""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from lstm_core import CLASSIC_VARIANTS, LSTMParams, LSTMStep, RNNParams, lstm_step, rnn_step
from lstm_core.lab.scenarios import SCENARIOS, scenario_inputs, scenario_params
from lstm_ui import weight_editor
from lstm_ui.lang import t
from lstm_ui.url_state import Param, decode_floats, encode_floats
from lstm_viz.anatomy import Callout, callouts, gate_bars_figure, substituted_equations
from lstm_viz.cell_svg import lstm_cell_svg, rnn_cell_svg

PAGE = "anatomy"
MAX_H, MAX_D = 4, 3
X_RANGE, H_RANGE, C_RANGE = (-3.0, 3.0), (-1.0, 1.0), (-5.0, 5.0)
URL_PARAMS = (
    Param("an_H", "int", 1, lo=1, hi=MAX_H),
    Param("an_D", "int", 1, lo=1, hi=MAX_D),
    Param("an_unit", "int", 1, lo=1, hi=MAX_H),
    Param("an_variant", "choice", "standard", choices=CLASSIC_VARIANTS),
)
# Read by this module itself: lists of numbers, and a scenario name.
OTHER_KEYS = frozenset({"an_w", "an_x", "an_h", "an_c", "an_scenario"})
VECTORS = {"an_x": X_RANGE, "an_h": H_RANGE, "an_c": C_RANGE}


def example_params(D: int, H: int) -> LSTMParams:
    """The page's opening example: with x = 1, h = 0 the first unit has a = (−1, 1, 2, 0.5), so
    i = 0.269, f = 0.731, g = 0.964, o = 0.622 and, with c_{t−1} = 0.5,
    c_t = 0.731 × 0.500 + 0.269 × 0.964 = 0.625. Further units use smaller weights."""
    W, U, b = np.zeros((4 * H, D)), np.zeros((4 * H, H)), np.zeros(4 * H)
    for k in range(H):
        W[[k, H + k, 2 * H + k, 3 * H + k], 0] = np.array([-1.0, 1.0, 2.0, 0.5]) / (1 + k)
    return LSTMParams(W, U, b)


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
    if "an_params" not in st.session_state:
        weight_editor.replace_params("an_params", example_params(D, H))
        st.session_state.update(example_inputs(D, H))
        messages += _read_url_lists(D, H)
    p: LSTMParams = st.session_state["an_params"]
    if (p.input_size, p.hidden_size) != (D, H):
        weight_editor.replace_params("an_params", weight_editor.resized(p, example_params(D, H)))
        fill = example_inputs(D, H)
        for key in VECTORS:
            size = D if key == "an_x" else H
            st.session_state[key] = _resized_vector(st.session_state[key], size, fill[key])
    return messages


def _read_url_lists(D: int, H: int) -> list[str]:
    messages = []
    scenario = st.query_params.get("an_scenario")
    if scenario in SCENARIOS:
        _set_scenario(scenario, D, H)
    elif scenario is not None:
        messages.append(
            t(
                "input.not_a_choice",
                name="an_scenario",
                value=scenario[:40],
                choices=", ".join(SCENARIOS),
                kept="—",
            )
        )
    message = weight_editor.read_url_weights("an_params", "an_w", D, H)
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


def _state_of(p: LSTMParams, inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {"an_w": weight_editor.flat_weights(p), **inputs}


def current_state() -> dict[str, np.ndarray]:
    return _state_of(st.session_state["an_params"], {k: st.session_state[k] for k in VECTORS})


def active_scenario(D: int, H: int) -> str | None:
    """The scenario whose weights and inputs are on screen unchanged, if any."""
    now = current_state()
    for name in SCENARIOS:
        x, h, c = scenario_inputs(name, D, H)
        state = _state_of(scenario_params(name, D, H), {"an_x": x, "an_h": h, "an_c": c})
        if all(np.array_equal(now[k], state[k]) for k in now):
            return name
    return None


def write_url(D: int, H: int) -> None:
    """Keep the URL in step: nothing while the opening example is shown, `an_scenario=NAME`
    while a scenario is unchanged, otherwise the numbers that differ from the example."""
    now = current_state()
    example = _state_of(example_params(D, H), example_inputs(D, H))
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
    weight_editor.replace_params("an_params", scenario_params(name, D, H))
    x, h, c = scenario_inputs(name, D, H)
    st.session_state.update({"an_x": x, "an_h": h, "an_c": c})


def apply_scenario(name: str) -> None:
    """Scenario button: its weights and inputs for the current sizes, standard variant."""
    _set_scenario(name, st.session_state["an_D"], st.session_state["an_H"])
    st.session_state["an_variant"] = "standard"


def randomize() -> None:
    """PyTorch's default initialisation with the chosen seed; the inputs stay."""
    D, H = st.session_state["an_D"], st.session_state["an_H"]
    seed = int(st.session_state.get("an_seed", 0))
    weight_editor.replace_params("an_params", LSTMParams.init(D, H, seed=seed, scheme="torch"))


def reset() -> None:
    """Back to the opening example for the current sizes."""
    D, H = st.session_state["an_D"], st.session_state["an_H"]
    weight_editor.replace_params("an_params", example_params(D, H))
    st.session_state.update(example_inputs(D, H))
    st.session_state["an_variant"] = "standard"


# --- the inputs' sliders ------------------------------------------------------------------------


def _on_vector_slider(key: str, index: int) -> None:
    v = st.session_state[key].copy()
    v[index] = st.session_state[f"{key}_{index}"]
    st.session_state[key] = v


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


# --- the computation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AnatomyView:
    """One step and everything the page shows of it, for hidden unit `unit` (0-based).

    The diagrams are inline SVG (drawn in about half the time plotly takes for the same
    picture: benchmarks/diagram_render.py); the bars a finished figure dict.
    """

    step: LSTMStep  # i, f, g, o, c, h: (H,) each
    rnn_h: np.ndarray  # (H,) the plain RNN's new state, h = tanh(W_g x + U_g h + b_g)
    callouts: tuple[Callout, ...]
    equations: tuple[str, ...]  # LaTeX, one block per equation
    diagram: str  # SVG
    bars: dict
    rnn_diagram: str  # SVG


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
) -> AnatomyView:
    """The step for x (D,), h_prev (H,), c_prev (H,) with weights W (4H, D), U (4H, H),
    b (4H,), and its views. Keyed by the numbers themselves (a few kB), so a class that presses
    the same scenarios shares them."""
    p = LSTMParams(W, U, b)
    step = lstm_step(p, x, h_prev, c_prev, variant=variant)
    rnn_h = rnn_step(candidate_as_rnn(p), x, h_prev)
    return AnatomyView(
        step=step,
        rnn_h=rnn_h.h,
        callouts=tuple(callouts(step, c_prev, unit, variant)),
        equations=tuple(substituted_equations(p, x, h_prev, c_prev, step, unit, variant)),
        diagram=lstm_cell_svg(x, h_prev, c_prev, step, unit=unit, lang=lang, variant=variant),
        bars=gate_bars_figure(step, lang).to_dict(),
        rnn_diagram=rnn_cell_svg(x, h_prev, rnn_h, unit=unit, lang=lang),
    )
