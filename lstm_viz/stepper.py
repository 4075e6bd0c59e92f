"""Figures and tables of the sequence stepper: a whole LSTM (or GRU) run, and one step of it.

`run_figure` shows the run as lines over a shared time axis (the input x_t, then chosen
quantities of chosen units); `run_cursor` is the cursor laid over it at the page's step t
(lstm_viz.cursor: outside the figure, so a step leaves the chart as it is). The page has one
step control (◀ ▶, a slider and ▶ Play, run by the server), which moves this cursor, the
heatmaps' cursor, the diagram and the table together; the chart has no animation controls of
its own.
`play_steps` says which steps ▶ Play visits (a long run in at most MAX_PLAY_TICKS ticks).
The heatmaps of all units are lstm_viz.heatmaps.trace_heatmaps.

`step_view` and `step_table` give the numbers of the step under the server-side cursor t: the
inputs of the cell diagram and a table with one row per unit, never thinned; `state_before`
gives the state (h_{t−1}, c_{t−1}) that step starts from.

Steps t are counted from 0, as in the core; units are numbered 1..H on screen, as on every page
(the functions take unit indices from 0, like lstm_viz.cell_diagram).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import plotly.graph_objects as go

from lstm_core import (
    GRUParams,
    GRUStep,
    GRUTrace,
    LSTMParams,
    LSTMStep,
    LSTMTrace,
    gru_step,
    lstm_step,
)
from lstm_viz.cursor import Cursor, Marker
from lstm_viz.downsample import envelope_steps, group_size
from lstm_viz.figures import dict_figure
from lstm_viz.heatmaps import (
    MAX_COLUMNS,
    ROW_TITLE_PX,
    STEPS_RIGHT_PX,
    SUBSCRIPT_T,
    Row,
    stacked_layout,
)
from lstm_viz.i18n import t as tr
from lstm_viz.theme import QUANTITY_COLORS

if TYPE_CHECKING:
    import pandas as pd

LINE_QUANTITIES: tuple[str, ...] = ("i", "f", "g", "o", "c", "h")
GRU_LINE_QUANTITIES: tuple[str, ...] = ("r", "z", "n", "h")
# A GRU quantity takes the colour of the LSTM's that does its job: z keeps the memory as f does,
# r lets in as i does, n is the candidate as g is; h is h.
LINE_COLORS = {
    **QUANTITY_COLORS,
    "r": QUANTITY_COLORS["i"],
    "z": QUANTITY_COLORS["f"],
    "n": QUANTITY_COLORS["g"],
}
MAX_PLAY_TICKS = 200  # ▶ Play visits at most this many steps (and the last) of a long run
MAX_LINE_UNITS = 4
# Okabe–Ito colours for up to 8 input features.
FEATURE_COLORS = (
    "#000000",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#D55E00",
    "#0072B2",
    "#CC79A7",
    "#999999",
)
UNIT_DASHES = ("solid", "dash", "dot", "dashdot")
CURSOR_COLOR = "#444444"
CURSOR_LABEL_PX = 36  # room above the chart for the label "t = …" (18 px in presenter mode)


# --- one step -----------------------------------------------------------------------------------


def state_before(trace: LSTMTrace | GRUTrace, t: int) -> tuple[np.ndarray, np.ndarray | None]:
    """(h_{t−1}, c_{t−1}), the state step t of a run starts from: row t − 1 of the trace, or the
    initial state (h0, c0) at t = 0. A GRU has no cell state: c_{t−1} is None."""
    if isinstance(trace, GRUTrace):
        return (trace.h[t - 1] if t > 0 else trace.h0), None
    if t == 0:
        return trace.h0, trace.c0
    return trace.h[t - 1], trace.c[t - 1]


@dataclass(frozen=True)
class StepView:
    """Step t of a run: its input x (D,), the state it starts from h_prev, c_prev (H,) (h0, c0
    at t = 0) and the step itself (an LSTMStep with i, f, g, o, c, h, tanh_c (H,) and the
    pre-activations a (4H,))."""

    t: int
    x: np.ndarray
    h_prev: np.ndarray
    c_prev: np.ndarray
    step: LSTMStep


def step_view(p: LSTMParams, trace: LSTMTrace, t: int) -> StepView:
    """Step t of `trace` (run with `p`), recomputed from the trace's state at t − 1 by
    lstm_step, so the diagram also has the pre-activations; the values equal the trace's."""
    if not 0 <= t < trace.h.shape[0]:
        raise ValueError(f"step {t} is outside 0 … {trace.h.shape[0] - 1}")
    h_prev, c_prev = state_before(trace, t)
    x = trace.xs[t]
    return StepView(t, x, h_prev, c_prev, lstm_step(p, x, h_prev, c_prev, trace.variant))


@dataclass(frozen=True)
class GRUStepView:
    """Step t of a GRU run: its input x (D,), the state it starts from h_prev (H,) (h0 at
    t = 0) and the step itself (a GRUStep with r, z, n, h, hn (H,) and the pre-activations a
    (3H,))."""

    t: int
    x: np.ndarray
    h_prev: np.ndarray
    step: GRUStep


def gru_step_view(g: GRUParams, trace: GRUTrace, t: int) -> GRUStepView:
    """Step t of `trace` (run with `g`), recomputed from the trace's state at t − 1 by gru_step,
    so the diagram also has U_n h + b_hn; the values equal the trace's."""
    if not 0 <= t < trace.h.shape[0]:
        raise ValueError(f"step {t} is outside 0 … {trace.h.shape[0] - 1}")
    h_prev, _ = state_before(trace, t)
    x = trace.xs[t]
    return GRUStepView(t, x, h_prev, gru_step(g, x, h_prev))


def line_quantities(trace: LSTMTrace | GRUTrace) -> tuple[str, ...]:
    """The quantities a run's line plot can show: an LSTM's i, f, g, o, c, h or a GRU's r, z, n,
    h."""
    return GRU_LINE_QUANTITIES if isinstance(trace, GRUTrace) else LINE_QUANTITIES


def step_table(trace: LSTMTrace | GRUTrace, t: int, lang: str = "en") -> pd.DataFrame:
    """The numbers of step t, one row per unit (H rows, index = unit numbered 1..H), from the
    trace, unrounded. An LSTM: c_{t−1}, the gates i, f, o, the candidate g, and the new state
    c, h. A GRU: h_{t−1}, the gates r, z, the candidate n and the new state h."""
    import pandas as pd

    h_prev, c_prev = state_before(trace, t)
    if isinstance(trace, GRUTrace):
        columns, shown = {"hₜ₋₁": h_prev}, ("r", "z", "n", "h")
    else:
        columns, shown = {"cₜ₋₁": c_prev}, ("i", "f", "g", "o", "c", "h")
    columns.update({SUBSCRIPT_T[q]: getattr(trace, q)[t] for q in shown})
    frame = pd.DataFrame(columns, index=pd.RangeIndex(1, len(h_prev) + 1))
    frame.index.name = tr("stepper.unit", lang)
    return frame


# --- the line figure -----------------------------------------------------------------------------


def play_steps(T: int, max_ticks: int = MAX_PLAY_TICKS, start: int = 0) -> np.ndarray:
    """The steps ▶ Play visits from t = start: every step, or every k-th with the last step
    added; from t = 0 at most max_ticks + 1 of them (a long run plays in the same time as a
    short one)."""
    steps = np.arange(min(max(start, 0), T - 1), T, group_size(T, max_ticks))
    if steps[-1] != T - 1:
        steps = np.append(steps, T - 1)
    return steps


def play_stride(T: int, max_ticks: int = MAX_PLAY_TICKS) -> int:
    """Steps ▶ Play moves the cursor on each tick (1 up to max_ticks steps)."""
    return group_size(T, max_ticks)


def _span(values) -> tuple[float, float]:
    """A y range around `values` with a 5% margin (±0.5 around a constant)."""
    lo, hi = float(np.min(values)), float(np.max(values))
    pad = 0.05 * (hi - lo) if hi > lo else 0.5
    return lo - pad, hi + pad


def _shown_lines(
    trace: LSTMTrace | GRUTrace, units, quantities
) -> tuple[list[int], list[tuple[str, int, np.ndarray]]]:
    """The units (indices from 0, repeats and units ≥ H dropped, at most MAX_LINE_UNITS) and
    the lines (quantity, unit, values (T,)) a run's line plot shows, in the order it draws
    them: per unit, the quantities in line_quantities' order."""
    H = trace.h.shape[1]
    units = [k for k in dict.fromkeys(units) if 0 <= k < H][:MAX_LINE_UNITS]
    quantities = [q for q in line_quantities(trace) if q in quantities]
    return units, [(q, k, getattr(trace, q)[:, k]) for k in units for q in quantities]


def run_figure(
    trace: LSTMTrace | GRUTrace,
    *,
    units: list[int] | tuple[int, ...] = (0,),
    quantities: list[str] | tuple[str, ...] = ("f", "c", "h"),
    lang: str = "en",
    tokens: tuple[str, ...] | None = None,
    feature_names: tuple[str, ...] | None = None,
    max_columns: int = MAX_COLUMNS,
) -> go.Figure:
    """The run of an unbatched trace (T, H) as lines over time: the input x_t (one line per
    feature), then `quantities` (of line_quantities(trace); others are left out) of `units`
    (indices from 0, shown as 1..H like on every page; up to MAX_LINE_UNITS; none: the input
    only). The figure has no cursor and no animation controls: the page lays run_cursor over it
    (lstm_viz.cursor), moved by its one step control, so a step does not change the figure, and
    room is left above the first row for the cursor's label. When T > max_columns each line
    keeps only its lowest and highest value in each bucket of `stride` steps (about max_columns
    points a line, and no peak is skipped). `tokens` (T words) label the time axis.

    layout.meta: stride (steps per bucket of the lines, 1: every step), T, H."""
    if trace.batched:
        raise ValueError("the stepper shows one sequence; this trace has a batch axis")
    T, H = trace.h.shape
    D = trace.xs.shape[1]
    units, lines = _shown_lines(trace, units, quantities)
    # Two points (lowest, highest) per bucket: buckets of twice the stride of one point each.
    stride = 1 if T <= max_columns else group_size(T, max(1, max_columns // 2))
    unit_word = tr("stepper.unit", lang)

    rows = [Row(90, tr("stepper.row.x", lang), _span(trace.xs))]
    if lines:
        rows.append(Row(200, tr("stepper.row.lines", lang), _span([v for _, _, v in lines])))
    # The legend wraps at the plot area's width: two entries a row at 400 px (a 234 px plot
    # area beside the colour bars' margin), where a third would lie over the t axis' ticks.
    legend_px = 22 * ((len(lines) + 1) // 2) + 6 if lines else 0
    top_px = CURSOR_LABEL_PX  # the label "t = …" over the cursor
    layout, _, _ = stacked_layout(
        rows,
        T,
        top_px=top_px,
        legend_px=legend_px,
        right_px=STEPS_RIGHT_PX,  # as the heatmaps': a step stands at the same x in both
        tokens=tokens,
        unit_word=unit_word,
    )

    data: list[dict] = []
    x_names = feature_names or tuple(f"x{j + 1}" if D > 1 else "xₜ" for j in range(D))
    for j in range(D):
        steps = envelope_steps(trace.xs[:, j], stride)
        data.append(
            dict(
                type="scatter",
                mode="lines",
                x=steps,
                y=trace.xs[steps, j].astype(np.float32),
                xaxis="x",
                yaxis="y",
                name=x_names[j],
                showlegend=False,
                line=dict(color=FEATURE_COLORS[j % len(FEATURE_COLORS)], width=1.5),
                hovertemplate=f"t = %{{x}}<br>{x_names[j]} = %{{y:.3f}}<extra></extra>",
            )
        )
    for q, k, values in lines:
        steps = envelope_steps(values, stride)
        data.append(
            dict(
                type="scatter",
                mode="lines",
                x=steps,
                y=values[steps].astype(np.float32),
                xaxis="x2",
                yaxis="y2",
                name=f"{SUBSCRIPT_T[q]} · {unit_word} {k + 1}",
                line=dict(
                    color=LINE_COLORS[q],
                    width=2,
                    dash=UNIT_DASHES[units.index(k) % len(UNIT_DASHES)],
                ),
                hovertemplate=f"t = %{{x}}<br>{SUBSCRIPT_T[q]} ({unit_word} {k + 1}) = %{{y:.3f}}"
                "<extra></extra>",
            )
        )
    layout["meta"] = {"stride": stride, "T": T, "H": H}
    return dict_figure(data, layout)


def run_cursor(
    trace: LSTMTrace | GRUTrace,
    cursor: int,
    *,
    units: list[int] | tuple[int, ...] = (0,),
    quantities: list[str] | tuple[str, ...] = ("f", "c", "h"),
    tokens: tuple[str, ...] | None = None,
) -> Cursor:
    """The cursor over run_figure's chart at step `cursor` (kept inside the run): a line through
    each row, a marker on every line at its exact value at that step (the input's features in
    row "y", the chosen quantities of the chosen units in row "y2"; exact also where a long
    run's lines are thinned) and the label "t = …" (and the word there)."""
    T = trace.h.shape[0]
    t = int(np.clip(cursor, 0, T - 1))
    D = trace.xs.shape[1]
    _, lines = _shown_lines(trace, units, quantities)
    markers = [
        Marker("y", float(trace.xs[t, j]), FEATURE_COLORS[j % len(FEATURE_COLORS)])
        for j in range(D)
    ]
    markers += [Marker("y2", float(values[t]), LINE_COLORS[q]) for q, _, values in lines]
    label = f"t = {t}" + (f" · {tokens[t]}" if tokens is not None else "")
    return Cursor(
        x=t,
        ink=CURSOR_COLOR,
        width=1.5,
        markers=tuple(markers),
        label=label,
        label_color=CURSOR_COLOR,
        label_px=13,
        label_gap=ROW_TITLE_PX + 2,  # above the first row's title line
    )


def figure_size(fig: Any) -> int:
    """The length of the figure's JSON in bytes (what the browser receives)."""
    return len(fig.to_json().encode("utf-8"))


# Where Streamlit 1.67 draws the slider in its 68 px box: the label's line at 1 px, the value
# above the thumb at 20 px in the theme's primary colour (.streamlit/config.toml), the 4 px track
# at 46 px, 6 px in from each side. The readout puts its words and bar in the same places.
READOUT_PX = 68
READOUT_STYLE = f"height: {READOUT_PX}px; display: flex; flex-direction: column"
READOUT_LABEL = "font-size: 0.875rem; line-height: 22px; margin-top: 1px"
READOUT_WORDS = "font-size: 0.875rem; line-height: 22px; color: #185f9b; white-space: nowrap"
READOUT_TRACK = "height: 4px; margin: 1px 6px 0; border-radius: 2px; background: #eeeee8"
READOUT_DONE = "height: 100%; border-radius: 2px; background: #185f9b"


def step_readout(t: int, T: int, lang: str) -> str:
    """What stands where the step slider stood while playing, as HTML for st.html: the slider's
    label, "t = 17 / 49 · playing" and a bar as far along as the step; an ARIA progressbar named
    like the slider. As tall as the slider (READOUT_PX; the field that replaces it when numbers
    are typed is too), so that nothing below it moves when Play starts or stops."""
    label = html.escape(tr("stepper.cursor", lang), quote=True)
    words = html.escape(tr("stepper.playing_at", lang, t=t, last=T - 1), quote=True)
    done = 100 * t / max(T - 1, 1)
    return (
        f'<div role="progressbar" aria-label="{label}" aria-valuemin="0" '
        f'aria-valuemax="{T - 1}" aria-valuenow="{t}" aria-valuetext="{words}" '
        f'style="{READOUT_STYLE}">'
        f'<div style="{READOUT_LABEL}">{label}</div>'
        f'<div style="{READOUT_WORDS}">{words}</div>'
        f'<div style="{READOUT_TRACK}"><div style="width: {done:.1f}%; {READOUT_DONE}"></div>'
        "</div></div>"
    )
