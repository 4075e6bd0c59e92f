"""Figures and generated text of the vanishing gradients page: gradient norms k steps back from
the loss, the theory beside them, per-unit heatmaps, and notes written
from the measured numbers.

Long sequences are downsampled for display only: a curve keeps at most MAX_POINTS points (the
smallest and largest value of each bucket, and the memory horizons), a heatmap at most
MAX_COLUMNS columns (the largest |gradient| of each group of steps).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from lstm_core.lab.gradient_flow import THRESHOLD, Clipped, LSTMFlow, RNNFlow, relative
from lstm_core.lab.gru_gradients import GRUFlow, GRUVerdict
from lstm_core.lab.verdicts import GradientVerdicts, LSTMVerdict, Reach
from lstm_viz.downsample import display_indices, group_size, max_pooled
from lstm_viz.figures import dict_figure
from lstm_viz.i18n import t
from lstm_viz.notes import Note
from lstm_viz.numbers import power_of_ten, sci
from lstm_viz.theme import MODEL_COLORS, base_layout, panel_title

MAX_POINTS = 500  # per curve
MAX_COLUMNS = 400  # per heatmap
NORM_HEIGHT = 450  # px: the main chart (×1.2 in presenter mode) with its plot as tall as before
FLOOR_DECADES = 16  # the y axes show at most this many powers of ten below the loss step
HEATMAP_DECADES = 12  # the colour scale spans this many powers of ten
BOUND_HEADROOM = 3.0  # decades shown above the RNN's measured curve, for its bounds
GRADIENT_SCALE = "Viridis"  # sequential, for log10 |gradient|: not a gate value, so not Cividis
THEORY_COLOR = "#444444"
BAND_COLOR = "rgba(0, 158, 115, 0.18)"  # MODEL_COLORS["lstm_cell"], light
GRU_COLOR = "#CC79A7"  # Okabe–Ito reddish purple: apart from the RNN's, LSTM's and cell's
GRU_BAND_COLOR = "rgba(204, 121, 167, 0.2)"  # GRU_COLOR, light


# --- for display ---------------------------------------------------------------------------------


def heatmap_group_size(K: int, max_columns: int = MAX_COLUMNS) -> int:
    """How many consecutive steps one heatmap column pools, for K steps."""
    return group_size(K, max_columns)


def plottable(y: np.ndarray) -> np.ndarray:
    """Positive finite values for a log axis; 0, inf and nan become gaps (nan)."""
    y = np.asarray(y, dtype=float)
    return np.where(np.isfinite(y) & (y > 0), y, np.nan)


def _decade_step(y_range: list[float]) -> int:
    """Tick spacing in powers of ten: every decade, or every few when the range is long
    (no 2 and 5 ticks between decades)."""
    return max(1, math.ceil((y_range[1] - y_range[0]) / 8))


def log_range(curves: list[np.ndarray]) -> list[float]:
    """[low, high] in log10 units for a log axis: from the smallest positive value (but at most
    FLOOR_DECADES below 1) to the largest (at least 1), with a little room."""
    values = np.concatenate([plottable(c) for c in curves])
    values = values[np.isfinite(values)]
    if values.size == 0:
        return [-FLOOR_DECADES, 1.0]
    low = max(math.log10(values.min()), -FLOOR_DECADES)
    high = max(math.log10(values.max()), 0.0)
    return [low - 0.4, high + 0.4]


# --- the main figure: norms k steps back, with each curve's horizon -------------------------------


@dataclass(frozen=True)
class Curve:
    """One line of the main figure: its name, values relative to the loss step (K,), the
    absolute values (K,), colour, dash and width, and its memory horizon."""

    name: str
    ratio: np.ndarray
    absolute: np.ndarray
    color: str
    dash: str = "solid"
    width: float = 3.0
    horizon: int | None = None


@dataclass(frozen=True)
class GRUResult:
    """The GRU on the gradient page: its flow and its verdict (lstm_core.lab.gru_gradients)."""

    flow: GRUFlow
    verdict: GRUVerdict


def main_curves(
    rnn: RNNFlow,
    lstm: LSTMFlow,
    v: GradientVerdicts,
    lang: str,
    clipped: Clipped | None = None,
    gru: GRUResult | None = None,
) -> list[Curve]:
    """The measured curves of the main figure, in drawing order (the GRU's after the LSTM's
    when shown, the clipped RNN last), with the horizons of the verdicts."""
    curves = [
        Curve(
            t("gradients.trace.rnn_h", lang),
            relative(rnn.dh_norm),
            rnn.dh_norm,
            MODEL_COLORS["rnn"],
            horizon=v.rnn.horizon,
        ),
        Curve(
            t("gradients.trace.lstm_h", lang),
            relative(lstm.dh_norm),
            lstm.dh_norm,
            MODEL_COLORS["lstm"],
            dash="dot",
            width=2.5,
            horizon=v.lstm.hidden.horizon,
        ),
        Curve(
            t("gradients.trace.lstm_c", lang),
            relative(lstm.dc_norm),
            lstm.dc_norm,
            MODEL_COLORS["lstm_cell"],
            horizon=v.lstm.cell.horizon,
        ),
    ]
    if gru is not None:
        curves.append(
            Curve(
                t("gradients.trace.gru_h", lang),
                relative(gru.flow.dh_norm),
                gru.flow.dh_norm,
                GRU_COLOR,
                dash="dashdot",
                horizon=gru.verdict.hidden.horizon,
            )
        )
    if clipped is not None and np.isfinite(clipped.dh_norm).any():
        name = t(f"gradients.trace.clipped_{clipped.mode}", lang, theta=sci(clipped.threshold))
        with np.errstate(over="ignore", invalid="ignore"):
            ratio = clipped.dh_norm / rnn.dh_norm[0]
        curves.append(
            Curve(name, ratio, clipped.dh_norm, MODEL_COLORS["rnn"], dash="dash", width=2.0)
        )
    return curves


def norm_figure(
    rnn: RNNFlow,
    lstm: LSTMFlow,
    v: GradientVerdicts,
    lang: str,
    clipped: Clipped | None = None,
    gru: GRUResult | None = None,
) -> go.Figure:
    """‖∂L/∂h‖ (RNN, LSTM, and the GRU if given) and ‖∂L/∂c‖ (LSTM) against steps back k, each
    divided by its value at the loss step, on a log axis; the threshold 10⁻³, each curve's
    memory horizon (diamond and dotted line). No animation: the markers that travelled back
    along the curves showed the curves' own values, where each curve falls below 10⁻³ is marked
    (diamonds, dotted lines, the horizons above the chart), and pointing at a curve gives its
    numbers at any k; their plotly Play and slider could not be reached by keyboard."""
    curves = main_curves(rnn, lstm, v, lang, clipped, gru)
    measured = curves[: 3 if gru is None else 4]  # not the clipped RNN
    K = len(rnn.dh_norm)
    t_loss = rnn.t_loss
    idx = display_indices([c.ratio for c in curves], [c.horizon for c in curves], MAX_POINTS)
    y_range = log_range([c.ratio[idx] for c in curves] + [np.array([THRESHOLD])])
    hover = t("gradients.hover.curve", lang)
    data: list[dict] = []
    for c in curves:
        data.append(
            dict(
                type="scatter",
                x=idx,
                y=plottable(c.ratio[idx]),
                name=c.name,
                mode="lines",
                customdata=np.column_stack([t_loss - idx, c.absolute[idx]]),  # t counts from 0
                line=dict(color=c.color, width=c.width, dash=c.dash),
                hovertemplate=hover + "<extra>" + c.name + "</extra>",
            )
        )
    shapes = [threshold_shape()]
    for c in measured:  # the memory horizons: from where on each curve stays below 10⁻³
        if c.horizon is None:
            continue
        data.append(
            dict(
                type="scatter",
                x=[c.horizon],
                y=plottable(c.ratio[[c.horizon]]),
                mode="markers",
                marker=dict(
                    color=c.color, size=13, symbol="diamond", line=dict(color="white", width=1.5)
                ),
                showlegend=False,
                hovertemplate=t("gradients.hover.horizon", lang, k=c.horizon)
                + "<extra>"
                + c.name
                + "</extra>",
            )
        )
        vline = dict(color=c.color, width=1.5, dash="dot")
        shapes.append(
            dict(
                type="line",
                xref="x",
                yref="paper",
                x0=c.horizon,
                x1=c.horizon,
                y0=0,
                y1=1,
                line=vline,
            )
        )

    layout = base_layout(
        height=NORM_HEIGHT,
        margin=dict(l=70, r=20, t=40, b=60),  # the k axis and its title; no controls below
        shapes=shapes,
        annotations=[threshold_label(t("gradients.threshold_label", lang))],
        xaxis=dict(
            title=dict(text=t("gradients.axis.steps_back", lang)),
            range=[-0.5, K - 0.5],
            zeroline=False,
        ),
        yaxis=log_axis(t("gradients.axis.relative_norm", lang), y_range),
    )
    return dict_figure(data, layout)


def log_axis(title: str, y_range: list[float]) -> dict:
    return dict(
        title=dict(text=title),
        type="log",
        range=y_range,
        exponentformat="power",
        dtick=_decade_step(y_range),
    )


def threshold_shape() -> dict:
    """The dashed line at THRESHOLD across the plot."""
    return dict(
        type="line",
        xref="paper",
        yref="y",
        x0=0,
        x1=1,
        y0=THRESHOLD,
        y1=THRESHOLD,
        line=dict(color="#666666", width=1.5, dash="dash"),
    )


def threshold_label(text: str) -> dict:
    # Annotations on a log axis take log10 of the value (shapes take the value itself).
    return dict(
        x=0.01,
        xref="paper",
        xanchor="left",
        y=math.log10(THRESHOLD),
        yref="y",
        yanchor="bottom",
        text=text,
        showarrow=False,
        font=dict(size=12, color="#444444"),
    )


# --- theory beside measurement -----------------------------------------------------------------


def rnn_theory_figure(rnn: RNNFlow, verdict: Reach, lang: str) -> go.Figure:
    """The RNN's measured ‖∂L/∂h_{τ−k}‖ / ‖∂L/∂h_τ‖ under its two bounds: the product of the
    per-step norms ‖Uᵀ diag(1 − h²)‖₂ and σ_max(U)^k (verdict: the RNN's, for its horizon)."""
    ratio = relative(rnn.dh_norm)
    idx = display_indices([ratio, rnn.jacobian_product], [verdict.horizon], MAX_POINTS)
    # The range follows the measurement; a bound far above it leaves the plot at the top.
    y_range = log_range([ratio[idx], np.array([THRESHOLD])])
    y_range[1] += BOUND_HEADROOM
    sigma = t("gradients.trace.sigma_bound", lang, sigma=f"{rnn.sigma_max:.2f}")
    data = [
        _line(
            idx,
            ratio,
            t("gradients.trace.rnn_measured", lang),
            MODEL_COLORS["rnn"],
            "solid",
            3.0,
            lang,
        ),
        _line(
            idx,
            rnn.jacobian_product,
            t("gradients.trace.jacobian_product", lang),
            THEORY_COLOR,
            "dash",
            2.0,
            lang,
        ),
        _line(idx, rnn.sigma_bound, sigma, "#999999", "dot", 2.0, lang),
    ]
    return _theory_figure(data, lang, y_range, len(ratio), t("gradients.theory.rnn_title", lang))


def lstm_theory_figure(lstm: LSTMFlow, verdict: LSTMVerdict, lang: str) -> go.Figure:
    """The LSTM's measured ‖∂L/∂c_{τ−k}‖ / ‖∂L/∂c_τ‖ beside the running product of the forget
    gates: its range over the units (band), its mean, and the cell path alone (verdict: the
    LSTM's, for the horizon kept when downsampling)."""
    return _gate_product_figure(
        relative(lstm.dc_norm),
        (lstm.f_product_mean, lstm.f_product_min, lstm.f_product_max, lstm.cell_path_only),
        verdict.cell.horizon,
        lang,
        names=(
            t("gradients.trace.f_band", lang),
            "Π f",
            t("gradients.trace.f_mean", lang),
            t("gradients.trace.cell_path_only", lang),
            t("gradients.trace.lstm_measured", lang),
        ),
        colors=(BAND_COLOR, MODEL_COLORS["lstm_cell"]),
        title=t("gradients.theory.lstm_title", lang),
    )


def gru_theory_figure(gru: GRUFlow, verdict: GRUVerdict, lang: str) -> go.Figure:
    """The GRU's measured ‖∂L/∂h_{τ−k}‖ / ‖∂L/∂h_τ‖ beside the running product of the update
    gates: its range over the units (band), its mean, and the z path alone (verdict: the GRU's,
    for the horizon kept when downsampling)."""
    return _gate_product_figure(
        relative(gru.dh_norm),
        (gru.z_product_mean, gru.z_product_min, gru.z_product_max, gru.z_path_only),
        verdict.hidden.horizon,
        lang,
        names=(
            t("gradients.trace.z_band", lang),
            "Π z",
            t("gradients.trace.z_mean", lang),
            t("gradients.trace.z_path_only", lang),
            t("gradients.trace.gru_measured", lang),
        ),
        colors=(GRU_BAND_COLOR, GRU_COLOR),
        title=t("gradients.theory.gru_title", lang),
    )


def _gate_product_figure(ratio, products, horizon, lang, names, colors, title) -> go.Figure:
    """A measured ratio (K,) beside the running product of a gate along its path: products =
    (mean, min, max over the units, the path alone), each (K,); names = (band, the product's
    symbol, mean, path alone, measured); colors = (band, measured)."""
    mean, low, high, path_only = products
    band, symbol, mean_name, path_name, measured_name = names
    band_color, measured_color = colors
    curves = [ratio, mean, low, high, path_only]
    idx = display_indices(curves, [horizon], MAX_POINTS)
    y_range = log_range([c[idx] for c in curves] + [np.array([THRESHOLD])])
    hover = t("gradients.hover.theory", lang)
    data = [
        dict(
            type="scatter",
            x=idx,
            y=plottable(high[idx]),
            mode="lines",
            line=dict(width=0, color=band_color),
            showlegend=False,
            legendgroup="band",
            name=band,
            hovertemplate=hover + f"<extra>max {symbol}</extra>",
        ),
        dict(
            type="scatter",
            x=idx,
            y=plottable(low[idx]),
            mode="lines",
            line=dict(width=0, color=band_color),
            fill="tonexty",
            fillcolor=band_color,
            name=band,
            legendgroup="band",
            hovertemplate=hover + f"<extra>min {symbol}</extra>",
        ),
        _line(idx, mean, mean_name, THEORY_COLOR, "dash", 2.0, lang),
        _line(idx, path_only, path_name, "#999999", "dot", 2.5, lang),
        _line(idx, ratio, measured_name, measured_color, "solid", 3.0, lang),
    ]
    return _theory_figure(data, lang, y_range, len(ratio), title)


def _line(idx, y, name, color, dash, width, lang) -> dict:
    """A theory curve drawn at the display indices idx."""
    return dict(
        type="scatter",
        x=idx,
        y=plottable(y[idx]),
        name=name,
        mode="lines",
        line=dict(color=color, dash=dash, width=width),
        hovertemplate=t("gradients.hover.theory", lang) + "<extra>" + name + "</extra>",
    )


def _theory_figure(data: list[dict], lang: str, y_range, K: int, title: str) -> go.Figure:
    layout = base_layout(
        height=480,
        margin=dict(l=70, r=15, t=40, b=170),
        shapes=[threshold_shape()],
        legend=dict(orientation="h", yanchor="top", y=-0.3, xanchor="left", x=0),
        title=dict(text=title, x=0, xanchor="left", font=dict(size=15)),
        xaxis=dict(title=dict(text=t("gradients.axis.steps_back", lang)), range=[-0.5, K - 0.5]),
        yaxis=log_axis(t("gradients.axis.ratio", lang), y_range),
    )
    return dict_figure(data, layout)


# --- per-unit heatmaps -------------------------------------------------------------------------


def heatmap_figure(rnn: RNNFlow, lstm: LSTMFlow, lang: str) -> go.Figure:
    """|∂L/∂h_{τ−k}| of every RNN unit and |∂L/∂c_{τ−k}| of every LSTM unit (time × unit), on
    one logarithmic colour scale (log10 |g|, labelled in powers of ten); hover shows the value.
    Columns are max-pooled over groups of steps when there are more than MAX_COLUMNS: then each
    column is one category of the x axis named by its steps ("10…14"), so that it spans exactly
    those steps and the hover names them; the ticks still read k."""
    panels = [
        (rnn.dh, t("gradients.heatmap.rnn", lang), "y"),
        (lstm.dc, t("gradients.heatmap.lstm", lang), "y2"),
    ]
    pooled = [max_pooled(g, MAX_COLUMNS) for g, _, _ in panels]
    starts, size = pooled[0][0], pooled[0][2]
    K = len(rnn.dh)
    finite = np.concatenate([v[np.isfinite(v) & (v > 0)] for _, v, _ in pooled])
    top = math.ceil(math.log10(finite.max())) if finite.size else 0
    zmin, zmax = top - HEATMAP_DECADES, top
    H = rnn.dh.shape[1]
    key = "gradients.hover.heatmap" if size == 1 else "gradients.hover.heatmap_pooled"
    hover = t(key, lang) + "<extra></extra>"
    x_axis = dict(title=dict(text=t("gradients.axis.steps_back", lang)), anchor="y2")
    x = starts
    if size > 1:
        x = group_labels(starts, size, K)
        ticks = _nice_step(K)
        ks = list(range(0, K, ticks))
        x_axis.update(
            type="category",
            tickmode="array",
            tickvals=[x[k // size] for k in ks],
            ticktext=[str(k) for k in ks],
        )
    data = []
    for (_, values, _), (_, _, yaxis) in zip(pooled, panels, strict=True):
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            z = np.clip(np.log10(values), zmin, zmax)  # 0 → the bottom colour, inf → the top
            true = values.astype(np.float32)  # beyond float32 shows as inf, as it is huge
        data.append(
            dict(
                type="heatmap",
                x=x,
                y=np.arange(1, H + 1),
                z=z.astype(np.float32),
                customdata=true,
                coloraxis="coloraxis",
                xaxis="x",
                yaxis=yaxis,
                hovertemplate=hover,
            )
        )
    ticks = list(range(zmin, zmax + 1, 2))
    unit_axis = dict(
        title=dict(text=t("gradients.axis.unit", lang)), autorange="reversed" if H > 1 else True
    )
    titles = [panel_title(title, y=y) for (_, title, _), y in zip(panels, (1.0, 0.44), strict=True)]
    layout = base_layout(
        height=460 if H > 4 else 340,
        margin=dict(l=70, r=20, t=40, b=50),
        annotations=titles,
        xaxis=x_axis,
        yaxis=dict(**unit_axis, domain=[0.56, 1.0]),
        yaxis2=dict(**unit_axis, domain=[0.0, 0.44]),
        coloraxis=dict(
            colorscale=GRADIENT_SCALE,
            cmin=zmin,
            cmax=zmax,
            colorbar=dict(
                title=dict(text="|g|", side="top"),
                tickvals=ticks,
                ticktext=[power_of_ten(k) for k in ticks],
                thickness=14,
            ),
        ),
    )
    return dict_figure(data, layout)


def group_labels(starts: np.ndarray, size: int, K: int) -> list[str]:
    """The steps each pooled heatmap column holds, as "first…last" ("9" for a single one)."""
    labels = []
    for a in starts:
        b = min(int(a) + size, K) - 1
        labels.append(f"{a}…{b}" if b > a else f"{a}")
    return labels


def _nice_step(K: int, ticks: int = 8) -> int:
    """A tick spacing of 1, 2 or 5 times a power of ten that gives at most about `ticks` ticks
    over K steps."""
    rough = max(1.0, K / ticks)
    power = 10 ** math.floor(math.log10(rough))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= rough))


# --- notes worded from the verdicts (lstm_core.lab.verdicts) ----------------------------------


def reach_text(r: Reach, lang: str) -> str:
    """How far back a gradient reaches, as a short phrase for after a colon: "below 10⁻³ from 23
    steps back on", "never below 10⁻³ within the 99 steps", "back above 10⁻³ at the start, 99
    steps back" (it dipped below and came back), where it overflowed, or that it is ≈ 0 at the
    loss."""
    if r.kind == "overflow":
        return t("gradients.reach.overflow", lang, k=r.overflow)
    if r.kind == "vanishes":
        return t("gradients.reach.gone", lang, k=r.horizon)
    if r.kind == "dead":
        return t("gradients.reach.dead", lang, value=sci(r.at_loss))
    if r.dips:
        return t("gradients.reach.back_above", lang, steps=r.steps)
    return t("gradients.reach.never", lang, steps=r.steps)


def horizon_label(r: Reach, lang: str) -> str:
    """A memory horizon as a short headline number of steps: "23", "> 99" (not below the
    threshold for good within the sequence), "explodes", "overflow", "≈ 0 at τ" (nothing enters
    this path at the loss), or "—" when there is no step before the loss."""
    if r.kind == "no_steps":
        return "—"
    if r.kind == "overflow":
        return t("gradients.metric.overflow", lang)
    if r.kind == "vanishes":
        return str(r.horizon)
    if r.kind == "grows":
        return t("gradients.metric.explodes", lang)
    if r.kind == "dead":
        return t("gradients.metric.dead", lang)
    return f"> {r.steps}"


def explanation(
    v: GradientVerdicts,
    rnn: RNNFlow,
    lstm: LSTMFlow,
    clipped: Clipped | None,
    lang: str,
    gru: GRUResult | None = None,
) -> list[Note]:
    """The page's explanation, worded from the verdicts v (with the numbers of rnn, lstm and
    clipped they were computed from) and the GRU's (if shown): what each model's gradient does,
    why, how they compare, and what clipping did."""
    if v.rnn.kind == "no_steps":  # the loss is at the first step: no way back to describe
        notes = [Note("gradients.explain.no_steps_back")]
    else:
        notes = rnn_notes(v, rnn) + lstm_notes(v.lstm, lstm, lang) + compare_notes(v, lstm)
        if gru is not None:
            notes += gru_notes(gru.verdict, gru.flow, v.rnn, lang)
    if clipped is not None and v.clip is not None:
        notes.append(clipping_note(v.clip, clipped))
    return notes


def compare_notes(v: GradientVerdicts, lstm: LSTMFlow) -> list[Note]:
    """The sentence comparing the two memories, if the verdict has one."""
    r, c = v.rnn, v.lstm.cell
    keys = {
        "lstm_grows": ("compare_lstm_grows", {"k": r.horizon, "steps": v.steps}),
        "outlasts": ("compare_outlasts", {"k": r.horizon, "steps": v.steps}),
        "ratio": ("compare_ratio", {"ratio": f"{(c.horizon or 0) / (r.horizon or 1):.1f}"}),
        "no_better": ("compare_no_better", {"k_rnn": r.horizon, "k_lstm": c.horizon}),
        "cell_dead": ("compare_cell_dead", {"k": r.horizon, "k_h": v.lstm.hidden.horizon}),
    }
    if v.comparison is None:
        return []
    key, fields = keys[v.comparison]
    return [Note(f"gradients.explain.{key}", fields)]


def rnn_notes(v: GradientVerdicts, rnn: RNNFlow) -> list[Note]:
    """What the RNN's gradient does (K ≥ 2 steps): overflows, explodes, stays, dips and comes
    back, or vanishes (and why, if ρ(U) > 1)."""
    r = v.rnn
    slope = f"{rnn.tanh_slope_mean:.2f}"
    rho = f"{rnn.spectral_radius:.2f}"
    if r.kind == "overflow":
        return [Note("gradients.explain.rnn_overflow", {"k": r.overflow})]
    if r.kind == "grows":
        fields = {"peak": sci(r.peak), "k": r.peak_k, "rho": rho}
        return [Note("gradients.explain.rnn_explodes", fields)]
    if r.kind == "back_above":
        fields = {"low": sci(r.low), "k_low": r.low_k, "steps": r.steps}
        return [Note("gradients.explain.rnn_back_above", fields)]
    if r.kind == "survives":
        return [Note("gradients.explain.rnn_survives", {"steps": r.steps, "low": sci(r.low)})]
    notes = [Note("gradients.explain.rnn_vanishes", {"k": r.horizon, "rho": rho, "slope": slope})]
    if v.rnn_saturated:
        notes.append(Note("gradients.explain.rnn_saturated", {"rho": rho, "slope": slope}))
    return notes


def lstm_notes(v: LSTMVerdict, lstm: LSTMFlow, lang: str) -> list[Note]:
    """What the LSTM's memory path does (K ≥ 2 steps): nothing enters it at the loss, it grows,
    stays, dips and comes back, or vanishes; what the cell path alone (×f at every step)
    predicts; whether gradient also arrives through h; and, with small forget gates, what to
    change (per variant)."""
    c = v.cell
    fields = {"f": f"{lstm.f_mean:.3f}", "k_h": reach_text(v.hidden, lang)}
    if c.kind == "dead":
        return [Note("gradients.explain.lstm_dead", {**fields, "value": sci(c.at_loss)})]
    if lstm.variant == "no_forget":
        if c.grows:
            grown = {**fields, "k": c.peak_k, "peak": sci(c.peak)}
            return [Note("gradients.explain.lstm_no_forget_grows", grown)]
        return [Note("gradients.explain.lstm_no_forget", {**fields, "k": reach_text(c, lang)})]
    if c.grows:
        notes = [
            Note("gradients.explain.lstm_grows", {**fields, "k": c.peak_k, "peak": sci(c.peak)})
        ]
    elif c.kind == "vanishes":
        notes = [Note("gradients.explain.lstm_vanishes", {**fields, "k": c.horizon})]
    elif c.kind == "back_above":
        dipped = {**fields, "low": sci(c.low), "k_low": c.low_k, "steps": c.steps}
        notes = [Note("gradients.explain.lstm_back_above", dipped)]
    else:
        notes = [
            Note("gradients.explain.lstm_survives", {**fields, "steps": c.steps, "low": sci(c.low)})
        ]

    cell_path = v.cell_path
    if cell_path is not None and cell_path.kind == "vanishes":
        notes.append(Note("gradients.explain.lstm_cell_path", {"k_cell": cell_path.horizon}))
    elif cell_path is not None:
        held = {"steps": c.steps, "low": sci(cell_path.low)}
        notes.append(Note("gradients.explain.lstm_cell_path_holds", held))
    if v.mean_gate == "early":
        notes.append(
            Note("gradients.explain.lstm_mean_early", {"k_pred": f"{v.mean_gate_horizon:.0f}"})
        )
    elif v.mean_gate == "late":
        k_pred = "∞" if math.isinf(v.mean_gate_horizon) else f"{v.mean_gate_horizon:.0f}"
        notes.append(Note("gradients.explain.lstm_mean_late", {"k_pred": k_pred}))
    if v.h_path:
        notes.append(Note("gradients.explain.lstm_h_path"))
    if v.small_f:
        notes.append(Note(f"gradients.explain.lstm_small_f_{lstm.variant}", {"f": fields["f"]}))
    return notes


def gru_notes(v: GRUVerdict, gru: GRUFlow, rnn: Reach, lang: str) -> list[Note]:
    """What the GRU's gradient does (K ≥ 2 steps): nothing at the loss, overflows, grows, stays,
    dips and comes back, or vanishes; where it underflows to exactly 0; what the z path alone
    (×z at every step) gives; whether the gates' paths carry more; with small update gates,
    what to change; and how it compares with the RNN's (rnn: the RNN's Reach)."""
    h = v.hidden
    z = f"{gru.z_mean:.3f}"
    if h.kind == "dead":
        return [Note("gradients.explain.gru_dead", {"value": sci(h.at_loss)})]
    if h.kind == "overflow":
        notes = [Note("gradients.explain.gru_overflow", {"k": h.overflow, "z": z})]
    elif h.kind == "grows":
        notes = [Note("gradients.explain.gru_grows", {"k": h.peak_k, "peak": sci(h.peak), "z": z})]
    elif h.kind == "vanishes":
        notes = [Note("gradients.explain.gru_vanishes", {"k": h.horizon, "z": z})]
    elif h.kind == "back_above":
        dipped = {"low": sci(h.low), "k_low": h.low_k, "steps": h.steps, "z": z}
        notes = [Note("gradients.explain.gru_back_above", dipped)]
    else:
        notes = [
            Note("gradients.explain.gru_survives", {"steps": h.steps, "low": sci(h.low), "z": z})
        ]
    if v.underflow is not None:
        notes.append(Note("gradients.explain.gru_underflow", {"k": v.underflow}))

    zp = v.z_path
    if zp is not None and zp.kind == "vanishes":
        notes.append(Note("gradients.explain.gru_z_path", {"k_z": zp.horizon}))
        if v.z_underflow is not None:
            notes.append(Note("gradients.explain.gru_z_path_zero", {"k": v.z_underflow}))
    elif zp is not None:
        notes.append(
            Note("gradients.explain.gru_z_path_holds", {"steps": h.steps, "low": sci(zp.low)})
        )
    if v.further:
        notes.append(Note("gradients.explain.gru_further"))
    if v.small_z:
        notes.append(Note("gradients.explain.gru_small_z", {"z": z}))

    compared = {
        "grows": {"k": rnn.horizon, "steps": h.steps},
        "outlasts": {"k": rnn.horizon, "steps": h.steps},
        "ratio": {"ratio": f"{(h.horizon or 0) / (rnn.horizon or 1):.1f}"},
        "no_better": {"k_rnn": rnn.horizon, "k_gru": h.horizon},
    }
    if v.comparison in compared:
        notes.append(Note(f"gradients.explain.gru_compare_{v.comparison}", compared[v.comparison]))
    return notes


def direction_note(verdict) -> Note:
    """Whether per-step clipping kept the gradient's direction (verdict: a ClipVerdict)."""
    if verdict.direction is None:
        return Note("gradients.explain.clip_direction_unknown")
    if verdict.direction == "kept":
        return Note("gradients.explain.clip_direction_kept")
    cosine = f"{verdict.cosine:.3f}"  # "barely": 1.000 (the verdict's BARELY is half a 0.001)
    return Note(f"gradients.explain.clip_direction_{verdict.direction}", {"cos": cosine})


def clipping_note(verdict, clipped: Clipped) -> Note:
    """What clipping did to the RNN's gradient (verdict: a ClipVerdict), for the text under
    the figure."""
    theta = sci(clipped.threshold)
    kind = verdict.kind
    if kind == "per_step_none":
        return Note(
            "gradients.explain.clip_per_step_none", {"theta": theta, "peak": sci(verdict.peak)}
        )
    if kind in ("per_step", "per_step_small"):
        steps = len(clipped.dh_norm)
        fields = {
            "theta": theta,
            "cut": clipped.steps_cut,
            "steps": steps,
            "peak": sci(verdict.peak),
            "direction": direction_note(verdict),
        }
        return Note(f"gradients.explain.clip_{kind}", fields)
    if kind == "overflow":
        return Note("gradients.explain.clip_overflow", {"theta": theta})
    if kind == "inactive":
        return Note(
            "gradients.explain.clip_inactive", {"theta": theta, "before": sci(clipped.norm_before)}
        )
    fields = {"theta": theta, "before": sci(clipped.norm_before), "s": sci(clipped.factor)}
    return Note("gradients.explain.clip_global", fields)


# One backward step, exactly; then the cell path alone over k steps (LaTeX, language-neutral).
RNN_STEP_EQUATION = (
    r"\frac{\partial L}{\partial h_{t-1}} = U^\top \mathrm{diag}(1 - h_t^2)\,"
    r"\frac{\partial L}{\partial h_t}"
)
RNN_BOUND_EQUATION = (
    r"\begin{aligned}"
    r"\frac{\|\partial L/\partial h_{\tau-k}\|}{\|\partial L/\partial h_\tau\|} &\le "
    r"\prod_{j=0}^{k-1} \big\|U^\top \mathrm{diag}(1 - h_{\tau-j}^2)\big\|_2 \\ "
    r"&\le \sigma_{\max}(U)^k"
    r"\end{aligned}"
)
LSTM_STEP_EQUATION = (
    r"\begin{aligned}"
    r"\frac{\partial L}{\partial c_{t-1}} &= f_t \odot \frac{\partial L}{\partial c_t} \\ "
    r"&+ \frac{\partial L}{\partial h_{t-1}} \odot o_{t-1} \odot (1 - \tanh^2 c_{t-1})"
    r"\end{aligned}"
)
GRU_STEP_EQUATION = (
    r"\begin{aligned}"
    r"\frac{\partial L}{\partial h_{t-1}} &= z_t \odot \frac{\partial L}{\partial h_t} \\ "
    r"&+ U_r^\top \frac{\partial L}{\partial a_{r,t}} "
    r"+ U_z^\top \frac{\partial L}{\partial a_{z,t}} \\ "
    r"&+ U_n^\top \Big(r_t \odot \frac{\partial L}{\partial a_{n,t}}\Big)"
    r"\end{aligned}"
)
Z_PATH_EQUATION = (
    r"\frac{\partial L}{\partial h_{\tau-k}} \approx \Big(\prod_{j=0}^{k-1} z_{\tau-j}\Big)"
    r" \odot \frac{\partial L}{\partial h_\tau}"
)
CELL_PATH_EQUATION = (
    r"\frac{\partial L}{\partial c_{\tau-k}} = \Big(\prod_{j=0}^{k-1} f_{\tau-j}\Big) \odot "
    r"\frac{\partial L}{\partial c_\tau}"
)
