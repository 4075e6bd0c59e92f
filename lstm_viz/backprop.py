"""Figures and wording of the "Backprop through time" page: the backward equations at one step
with the numbers put in, the four branches of δh and the two routes of δc as bars, every step's
share of ∂L/∂U as a heatmap and a line, ‖∂L/∂x_t‖, and the connectivity of a trained model.

Drawing and wording only: the numbers come from lstm_core.lab.ledger / connectivity, and every
sentence words a verdict computed there.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from lstm_core.lab.connectivity import FocusVerdict
from lstm_core.lab.ledger import (
    BranchVerdict,
    LSTMLedger,
    RNNLedger,
    RouteVerdict,
    ShareVerdict,
)
from lstm_viz.anatomy import aligned
from lstm_viz.cursor import Cursor
from lstm_viz.figures import dict_figure
from lstm_viz.gradients import GRADIENT_SCALE, log_range, plottable
from lstm_viz.i18n import t
from lstm_viz.numbers import percent, power_of_ten, tex, tex_sci
from lstm_viz.theme import MODEL_COLORS, QUANTITY_COLORS, base_layout, panel_title

GATE_NAMES = ("i", "f", "g", "o")
HEATMAP_DECADES = 10  # the colour scale of the log heatmaps spans this many powers of ten
LOSS_COLOR = "#999999"
PEEPHOLE_COLOR = "#8c6d31"


def g(v: float, paren: bool = True) -> str:
    """A gradient value for LaTeX: 3 significant digits (× 10^k when tiny or huge), negative
    numbers in parentheses (unless paren is False) so that they read well after "+" and "×"."""
    text = tex_sci(v)
    return f"({text})" if paren and float(v) < 0 else text


# --- the equations at the cursor ----------------------------------------------------------------


def lstm_equations(led: LSTMLedger, t_: int, unit: int) -> list[str]:
    """The LSTM's backward equations at step t_ for unit `unit` (0-based), numbers put in, as
    LaTeX blocks of short aligned rows (they fit a 400 px screen): δh (loss term + a branch per
    gate the variant has), δc (h-route + cell route, + the three peephole routes for
    "peephole"), then δa of each gate the variant has. Every term is the ledger's; a term the
    variant takes away is not written (e.g. no o_t without the output gate)."""
    k, tr, variant = unit, led.trace, led.variant
    gates = [q for q in GATE_NAMES if q in led.gates]
    last = t_ == led.steps - 1
    b = [g(led.branches[t_, GATE_NAMES.index(q), k]) for q in gates]
    branch = [rf"U_{q}^\top \delta a_{{{q},t+1}}" for q in gates]
    lines = [
        aligned(
            r"\delta h_t &= \partial L / \partial h_t",
            *_pairs(branch),
            rf"&= {g(led.from_loss[t_, k])}" + (" + " + " + ".join(b[:2]) if b else ""),
            *([rf"&\quad + {' + '.join(b[2:])}"] if len(b) > 2 else []),
            rf"&= {g(led.dh[t_, k], False)}",
        )
    ]
    o, tc = tr.o[t_, k], tr.tanh_c[t_, k]
    # the h-route: δh_t ⊙ ∂h_t/∂c_t, as the variant has it
    if variant == "no_output_activation":
        h_symbols, h_numbers = r"\delta h_t \odot o_t", rf"{g(led.dh[t_, k])} \times {tex(o)}"
    elif variant == "no_output_gate":
        h_symbols = r"\delta h_t \odot (1 - \tanh^2 c_t)"
        h_numbers = rf"{g(led.dh[t_, k])} \times (1 - {tex(tc)}^2)"
    else:
        h_symbols = r"\delta h_t \odot o_t \odot (1 - \tanh^2 c_t)"
        h_numbers = rf"{g(led.dh[t_, k])} \times {tex(o)} \times (1 - {tex(tc)}^2)"
    # the cell route: δc_{t+1} ⊙ f_{t+1} (f = 1 without a forget gate, 1 − i when coupled)
    if variant == "no_forget":
        cell_symbols = r"\delta c_{t+1}"
        cell = r"0 \quad (\text{no } t+1)" if last else g(led.dc[t_ + 1, k])
    else:
        f_symbol = r"(1 - i_{t+1})" if variant == "coupled" else r"f_{t+1}"
        cell_symbols = rf"\delta c_{{t+1}} \odot {f_symbol}"
        if last:
            cell = r"0 \quad (\text{no } t+1)"
        else:
            cell = rf"{g(led.dc[t_ + 1, k])} \times {tex(tr.f[t_ + 1, k])}"
    symbols = [rf"\delta c_t &= {h_symbols}", rf"&\quad + {cell_symbols}"]
    numbers = [rf"&= {h_numbers}", rf"&\quad + {cell}"]
    totals = [g(led.dc_h_route[t_, k]), g(led.dc_cell_route[t_, k])]
    if variant == "peephole":
        symbols += [
            r"&\quad + \delta a_{i,t+1} \odot p_i + \delta a_{f,t+1} \odot p_f",
            r"&\quad + \delta a_{o,t} \odot p_o",
        ]
        totals += [g(v) for v in led.dc_peephole_routes[t_, :, k]]
    lines.append(
        aligned(
            *symbols,
            *numbers,
            rf"&= {totals[0]} + {totals[1]}",
            *([rf"&\quad + {totals[2]} + {totals[3]} + {totals[4]}"] if len(totals) > 2 else []),
            rf"&= {g(led.dc[t_, k], False)}",
        )
    )
    i, f, gg = tr.i[t_, k], tr.f[t_, k], tr.g[t_, k]
    c_prev = tr.c[t_ - 1, k] if t_ > 0 else float(np.ravel(tr.c0)[k])
    dc, dh = g(led.dc[t_, k]), g(led.dh[t_, k])
    i_factor, i_numbers = r"g_t", tex(gg)
    if variant == "coupled":  # c_t = (1 − i_t) c_{t−1} + i_t g_t
        i_factor, i_numbers = r"(g_t - c_{t-1})", rf"({tex(gg)} - {tex(c_prev)})"
    g_slope, g_numbers = r"(1 - g_t^2)", rf"(1 - {tex(gg)}^2)"
    if variant == "no_input_activation":  # g_t = a_g: slope 1
        g_slope = g_numbers = ""
    g_symbols = r"\delta c_t" if variant == "no_input_gate" else r"\delta c_t \odot i_t"
    g_values = dc if variant == "no_input_gate" else rf"{dc} \times {tex(i)}"
    o_value = r"c_t" if variant == "no_output_activation" else r"\tanh c_t"
    forms = {
        "i": (
            rf"\delta c_t \odot {i_factor} \odot i_t(1 - i_t)",
            rf"{dc} \times {i_numbers} \times {tex(i)}(1 - {tex(i)})",
        ),
        "f": (
            r"\delta c_t \odot c_{t-1} \odot f_t(1 - f_t)",
            rf"{dc} \times {tex(c_prev)} \times {tex(f)}(1 - {tex(f)})",
        ),
        "g": (
            g_symbols + (rf" \odot {g_slope}" if g_slope else ""),
            g_values + (rf" \times {g_numbers}" if g_numbers else ""),
        ),
        "o": (
            rf"\delta h_t \odot {o_value} \odot o_t(1 - o_t)",
            rf"{dh} \times {tex(tc)} \times {tex(o)}(1 - {tex(o)})",
        ),
    }
    for q in gates:
        symbols_q, numbers_q = forms[q]
        value = led.da[t_, GATE_NAMES.index(q), k]
        lines.append(
            aligned(rf"\delta a_{q} &= {symbols_q}", rf"&= {numbers_q}", rf"&= {g(value, False)}")
        )
    return lines


def _pairs(terms: list[str]) -> list[str]:
    """Aligned rows "&\\quad + a + b" of the terms, two to a row."""
    return [rf"&\quad + {' + '.join(terms[n : n + 2])}" for n in range(0, len(terms), 2)]


def rnn_equations(led: RNNLedger, t_: int, unit: int) -> list[str]:
    """The RNN's backward step at t_ for unit `unit`, numbers put in: δh, then δa. LaTeX."""
    k = unit
    h = led.trace.h[t_, k]
    return [
        aligned(
            r"\delta h_t &= \partial L / \partial h_t",
            r"&\quad + \left[U^\top(\delta h_{t+1} \odot (1 - h_{t+1}^2))\right]",
            rf"&= {g(led.from_loss[t_, k])} + {g(led.from_future[t_, k])}",
            rf"&= {g(led.dh[t_, k], False)}",
        ),
        aligned(
            r"\delta a_t &= \delta h_t \odot (1 - h_t^2)",
            rf"&= {g(led.dh[t_, k])} \times (1 - {tex(h)}^2)",
            rf"&= {g(led.da[t_, k], False)}",
        ),
    ]


# --- verdicts, worded ---------------------------------------------------------------------------


def branch_sentence(v: BranchVerdict, t_: int, lang: str) -> str:
    if v.nothing_arrives:
        return t("backprop.verdict.nothing", lang, t=t_)
    return t("backprop.verdict.branch", lang, t=t_, gate=v.largest, share=percent(v.share))


def route_sentence(v: RouteVerdict, t_: int, lang: str, peephole: bool = False) -> str:
    if v.larger == "none":
        text = t("backprop.verdict.route_none", lang, t=t_)
    else:
        key = "backprop.verdict.route_cell" if v.larger == "cell" else "backprop.verdict.route_h"
        text = t(key, lang, t=t_, share=percent(v.cell_share))
    if peephole:
        text += " " + t("backprop.verdict.peephole_share", lang, share=percent(v.peephole_share))
    return text


def share_sentences(rnn: ShareVerdict, lstm: ShareVerdict, lang: str) -> list[str]:
    if rnn.early_steps == 0:
        return [t("backprop.verdict.no_early", lang, d=rnn.distance)]
    out = []
    for model, v in (("RNN", rnn), ("LSTM", lstm)):
        if v.no_gradient:
            out.append(t("backprop.verdict.no_gradient", lang, model=model))
    if rnn.no_gradient or lstm.no_gradient:
        return out
    out.append(
        t(
            "backprop.verdict.early",
            lang,
            d=rnn.distance,
            n=rnn.early_steps,
            rnn=percent(rnn.early),
            lstm=percent(lstm.early),
        )
    )
    for model, v in (("RNN", rnn), ("LSTM", lstm)):
        if v.almost_nothing:
            out.append(t("backprop.verdict.early_nothing", lang, model=model))
    return out


def focus_sentence(
    rnn: FocusVerdict, lstm: FocusVerdict, marked: list[int], T: int, lang: str
) -> str:
    for model, v in (("LSTM", lstm), ("RNN", rnn)):
        if v.no_gradient:
            return t("backprop.verdict.focus_none", lang, model=model)
    return t(
        "backprop.verdict.focus",
        lang,
        marked=", ".join(f"t = {m}" for m in marked),
        lstm=percent(lstm.share),
        rnn=percent(rnn.share),
        uniform=percent(len(marked) / T),
    )


# --- bars at the cursor -------------------------------------------------------------------------


def _bar_layout(lang: str, H: int, **extra) -> dict:
    return base_layout(
        height=320,
        barmode="relative",
        margin=dict(l=60, r=20, t=40, b=50),
        xaxis=dict(
            title=dict(text=t("backprop.axis.unit", lang)),
            tickmode="array",
            tickvals=list(range(1, H + 1)),
        ),
        yaxis=dict(zeroline=True, zerolinecolor="#444"),
        **extra,
    )


def _total_marker(total: np.ndarray, lang: str) -> dict:
    H = len(total)
    return dict(
        type="scatter",
        mode="markers",
        x=list(range(1, H + 1)),
        y=total.tolist(),
        name=t("backprop.trace.total", lang),
        marker=dict(symbol="diamond", size=11, color="black"),
        hovertemplate=t("backprop.hover.bar", lang),
    )


def _bar(values: np.ndarray, name: str, color: str, lang: str) -> dict:
    """One term of a sum as a bar trace over the units 1..H: values (H,)."""
    return dict(
        type="bar",
        x=list(range(1, len(values) + 1)),
        y=values.tolist(),
        name=name,
        marker=dict(color=color),
        hovertemplate=t("backprop.hover.bar", lang),
    )


def branch_bars(led: LSTMLedger, t_: int, lang: str) -> go.Figure:
    """δh_t of every unit as stacked bars: the loss term and the branches U_kᵀ δa_k,t+1 (one per
    gate the variant has); a diamond marks their sum δh_t."""
    H = led.dh.shape[1]
    data = [_bar(led.from_loss[t_], t("backprop.trace.loss", lang), LOSS_COLOR, lang)]
    for k, gate in enumerate(GATE_NAMES):
        if gate not in led.gates:
            continue
        name = t("backprop.trace.branch", lang, gate=gate)
        data.append(_bar(led.branches[t_, k], name, QUANTITY_COLORS[gate], lang))
    data.append(_total_marker(led.dh[t_], lang))
    return dict_figure(data, _bar_layout(lang, H))


def route_bars(led: LSTMLedger, t_: int, lang: str) -> go.Figure:
    """δc_t of every unit as stacked bars: the h-route and the cell route (and, for the peephole
    variant, the three peephole routes together); a diamond marks δc_t."""
    H = led.dh.shape[1]
    data = [
        _bar(led.dc_h_route[t_], t("backprop.trace.h_route", lang), QUANTITY_COLORS["h"], lang),
        _bar(
            led.dc_cell_route[t_], t("backprop.trace.cell_route", lang), QUANTITY_COLORS["c"], lang
        ),
    ]
    if led.variant == "peephole":
        peep = led.dc_peephole_routes[t_].sum(axis=0)
        data.append(_bar(peep, t("backprop.trace.peephole", lang), PEEPHOLE_COLOR, lang))
    data.append(_total_marker(led.dc[t_], lang))
    return dict_figure(data, _bar_layout(lang, H))


# --- over all steps ----------------------------------------------------------------------------


# Fixed margins (plotly would widen them for the log axis' ticks and the legend, and did to about
# these at 400 to 1280 px), so that the step's cursor laid over a chart (lstm_viz.cursor) knows
# where its plot area is. The three charts of every step share their left and right margins, so
# that step t stands at the same x in each; the heatmap's colour bar lies under its step axis,
# in its taller bottom margin, not in a right margin the line charts would have to leave empty.
STEPS_MARGIN_X = dict(l=90, r=20)
HEATMAP_MARGIN = dict(**STEPS_MARGIN_X, t=40, b=112, autoexpand=False)
LINES_MARGIN = dict(**STEPS_MARGIN_X, t=50, b=66, autoexpand=False)


def step_cursor(t_: int) -> Cursor:
    """The cursor at step t_ over the charts of every step (contribution_heatmap,
    contribution_norms, input_gradients): a dotted black line through the whole plot area."""
    return Cursor(x=t_, ink="black", width=1.5, dash=3, whole_plot=True)


def _steps_axis(T: int, lang: str, **extra) -> dict:
    """The x axis of the charts of every step: t = 0 … T − 1, each step's brick or point in the
    middle of its own width, as the cursor expects."""
    return dict(title=dict(text=t("backprop.axis.t", lang)), range=[-0.5, T - 0.5], **extra)


def _log_heatmap_z(values: np.ndarray, top: int) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        z = np.clip(np.log10(values), top - HEATMAP_DECADES, top)  # 0 → the bottom colour
    return z.astype(np.float32)


def _top(*arrays: np.ndarray) -> int:
    finite = np.concatenate([a[np.isfinite(a) & (a > 0)].ravel() for a in arrays])
    return math.ceil(math.log10(finite.max())) if finite.size else 0


def _coloraxis(top: int, title: str, under: bool = False) -> dict:
    """The log colour scale 10^(top − HEATMAP_DECADES) … 10^top; its bar, titled `title`, on the
    plot's right, or (`under`) across the plot's width at the figure's bottom."""
    zmin = top - HEATMAP_DECADES
    ticks = list(range(zmin, top + 1, 2))
    bar = dict(
        title=dict(text=title, side="top"),
        tickvals=ticks,
        ticktext=[power_of_ten(k) for k in ticks],
        thickness=14,
    )
    if under:
        bar.update(
            orientation="h",
            len=1.0,
            x=0.5,
            xanchor="center",
            yref="container",
            y=0.0,
            yanchor="bottom",
            ypad=4,
        )
    return dict(colorscale=GRADIENT_SCALE, cmin=zmin, cmax=top, colorbar=bar)


def contribution_heatmap(rnn: RNNLedger, lstm: LSTMLedger, lang: str) -> go.Figure:
    """Every step's contribution to ∂L/∂U, row by row: |δa_t[r]|·‖h_{t−1}‖ (log colour scale),
    the RNN's H rows above the LSTM's 4H rows (i₁…, f₁…, g₁…, o₁…); no cursor (step_cursor is
    laid over it)."""
    panels = [
        (rnn.dU_row_norms(), t("backprop.panel.rnn", lang), "y", None),
        (lstm.dU_row_norms(), t("backprop.panel.lstm", lang), "y2", "ifgo"),
    ]
    top = _top(panels[0][0], panels[1][0])
    hover = t("backprop.hover.value", lang)
    T = rnn.steps
    H = rnn.dh.shape[1]
    data = []
    for values, _, yaxis, gates in panels:
        rows = values.shape[1]
        if gates is None:
            labels = [f"h{j + 1}" for j in range(rows)]
        else:
            labels = [f"{gates[r // H]}{r % H + 1}" for r in range(rows)]
        data.append(
            dict(
                type="heatmap",
                x=list(range(T)),
                y=labels,
                z=_log_heatmap_z(values.T, top),
                customdata=values.T.astype(np.float32),
                coloraxis="coloraxis",
                xaxis="x",
                yaxis=yaxis,
                hovertemplate=hover,
            )
        )
    titles = [
        panel_title(title, y=y) for (_, title, _, _), y in zip(panels, (1.0, 0.63), strict=True)
    ]
    row_axis = dict(autorange="reversed", showticklabels=4 * H <= 32)
    layout = base_layout(
        height=499,  # a plot area 347 px tall, as before the colour bar moved under it
        margin=HEATMAP_MARGIN,
        annotations=titles,
        xaxis=_steps_axis(T, lang, anchor="y2"),
        yaxis=dict(**row_axis, domain=[0.74, 1.0], type="category"),
        yaxis2=dict(**row_axis, domain=[0.0, 0.62], type="category"),
        # No title over the bar under the plot: plotly sets it on the bar's edge at 400 px, and
        # the text above the chart and its caption say what the colour is.
        coloraxis=_coloraxis(top, "", under=True),
    )
    return dict_figure(data, layout)


def _lines(curves: list[tuple[str, np.ndarray, str]], y_title: str, lang: str) -> go.Figure:
    hover = t("backprop.hover.line", lang)
    data = [
        dict(
            type="scatter",
            mode="lines+markers",
            x=list(range(len(y))),
            y=plottable(y).tolist(),
            name=name,
            line=dict(color=color, width=2.5),
            marker=dict(size=4),
            hovertemplate=hover,
        )
        for name, y, color in curves
    ]
    y_range = log_range([y for _, y, _ in curves])
    layout = base_layout(
        height=320,
        margin=LINES_MARGIN,
        xaxis=_steps_axis(len(curves[0][1]), lang),
        yaxis=dict(type="log", range=y_range, title=dict(text=y_title), exponentformat="power"),
    )
    return dict_figure(data, layout)


def contribution_norms(rnn: RNNLedger, lstm: LSTMLedger, lang: str) -> go.Figure:
    """‖δa_t h_{t−1}ᵀ‖ over t for both models, log axis (step_cursor is laid over it)."""
    curves = [
        (t("backprop.panel.rnn", lang), rnn.dU_step_norms(), MODEL_COLORS["rnn"]),
        (t("backprop.panel.lstm", lang), lstm.dU_step_norms(), MODEL_COLORS["lstm"]),
    ]
    return _lines(curves, t("backprop.axis.norm_dU", lang), lang)


def input_gradients(rnn: RNNLedger, lstm: LSTMLedger, lang: str) -> go.Figure:
    """‖∂L/∂x_t‖ over t for both models, log axis (step_cursor is laid over it)."""
    curves = [
        (t("backprop.panel.rnn", lang), np.linalg.norm(rnn.dx, axis=1), MODEL_COLORS["rnn"]),
        (t("backprop.panel.lstm", lang), np.linalg.norm(lstm.dx, axis=1), MODEL_COLORS["lstm"]),
    ]
    return _lines(curves, t("backprop.axis.norm_dx", lang), lang)


# --- connectivity of a trained model ------------------------------------------------------------


def connectivity_heatmaps(rnn: np.ndarray, lstm: np.ndarray, lang: str) -> go.Figure:
    """‖∂ŷ_τ/∂x_t‖ (τ down, t across), RNN left and LSTM right, one log colour scale."""
    top = _top(rnn, lstm)
    T = rnn.shape[0]
    hover = t("backprop.hover.connectivity", lang)
    data = []
    for values, xaxis, yaxis in ((rnn, "x", "y"), (lstm, "x2", "y2")):
        data.append(
            dict(
                type="heatmap",
                x=list(range(T)),
                y=list(range(T)),
                z=_log_heatmap_z(values, top),
                customdata=values.astype(np.float32),
                coloraxis="coloraxis",
                xaxis=xaxis,
                yaxis=yaxis,
                hovertemplate=hover,
            )
        )
    titles = [
        panel_title(t("backprop.panel.rnn", lang), x=0.0),
        panel_title(t("backprop.panel.lstm", lang), x=0.53),
    ]
    t_axis = dict(title=dict(text=t("backprop.axis.t", lang)))
    tau_axis = dict(title=dict(text=t("backprop.axis.tau", lang)), autorange="reversed")
    layout = base_layout(
        height=380,
        margin=dict(l=60, r=20, t=40, b=50),
        annotations=titles,
        xaxis=dict(**t_axis, domain=[0.0, 0.44]),
        yaxis=dict(**tau_axis),
        xaxis2=dict(**t_axis, domain=[0.53, 0.97]),
        yaxis2=dict(autorange="reversed", anchor="x2", showticklabels=False),  # as the left one
        coloraxis=_coloraxis(top, "‖·‖"),
    )
    return dict_figure(data, layout)


def last_row_figure(rnn: np.ndarray, lstm: np.ndarray, marked: list[int], lang: str) -> go.Figure:
    """The last output's row ‖∂ŷ_T/∂x_t‖ for both models, log axis; the marked steps as lines."""
    curves = [
        (t("backprop.panel.rnn", lang), rnn[-1], MODEL_COLORS["rnn"]),
        (t("backprop.panel.lstm", lang), lstm[-1], MODEL_COLORS["lstm"]),
    ]
    fig = _lines(curves, t("backprop.axis.connectivity", lang), lang)
    layout = fig.to_dict()["layout"]
    layout["shapes"] = [
        dict(
            type="line",
            xref="x",
            yref="paper",
            x0=m,
            x1=m,
            y0=0,
            y1=1,
            line=dict(color="#444", width=1.5, dash="dash"),
        )
        for m in marked
    ]
    return dict_figure(fig.to_dict()["data"], layout)
