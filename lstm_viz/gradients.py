"""Figures and generated text of the vanishing gradients page: gradient norms k steps back from
the loss (animated in the browser), the theory beside them, per-unit heatmaps, and notes written
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
from lstm_core.lab.verdicts import GradientVerdicts, LSTMVerdict, Reach
from lstm_viz.downsample import display_indices, group_size, max_pooled
from lstm_viz.figures import FramedFigure, dict_figure
from lstm_viz.i18n import t
from lstm_viz.notes import Note
from lstm_viz.numbers import power_of_ten, sci
from lstm_viz.theme import MODEL_COLORS, base_layout, panel_title

MAX_POINTS = 500  # per curve
MAX_COLUMNS = 400  # per heatmap
MAX_FRAMES = 50  # animation frames
FLOOR_DECADES = 16  # the y axes show at most this many powers of ten below the loss step
HEATMAP_DECADES = 12  # the colour scale spans this many powers of ten
BOUND_HEADROOM = 3.0  # decades shown above the RNN's measured curve, for its bounds
GRADIENT_SCALE = "Viridis"  # sequential, for log10 |gradient|: not a gate value, so not Cividis
THEORY_COLOR = "#444444"
BAND_COLOR = "rgba(0, 158, 115, 0.18)"  # MODEL_COLORS["lstm_cell"], light


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


# --- the main figure: norms k steps back, with the animation -----------------------------------


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


def main_curves(
    rnn: RNNFlow, lstm: LSTMFlow, v: GradientVerdicts, lang: str, clipped: Clipped | None = None
) -> list[Curve]:
    """The measured curves of the main figure, in drawing order (the clipped RNN last), with
    the horizons of the verdicts v."""
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
    if clipped is not None and np.isfinite(clipped.dh_norm).any():
        name = t(f"gradients.trace.clipped_{clipped.mode}", lang, theta=sci(clipped.threshold))
        with np.errstate(over="ignore", invalid="ignore"):
            ratio = clipped.dh_norm / rnn.dh_norm[0]
        curves.append(
            Curve(name, ratio, clipped.dh_norm, MODEL_COLORS["rnn"], dash="dash", width=2.0)
        )
    return curves


def norm_figure(
    rnn: RNNFlow, lstm: LSTMFlow, v: GradientVerdicts, lang: str, clipped: Clipped | None = None
) -> go.Figure:
    """‖∂L/∂h‖ (RNN, LSTM) and ‖∂L/∂c‖ (LSTM) against steps back k, each divided by its value at
    the loss step, on a log axis; the threshold 10⁻³, each curve's memory horizon (diamond and
    dotted line), and an animation (play button and slider, run in the browser) of markers
    travelling back from the loss step."""
    curves = main_curves(rnn, lstm, v, lang, clipped)
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
    for c in curves[:3]:  # the memory horizons: where each curve first falls below 10⁻³
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

    # The animation: one marker per measured curve at k = each frame's. A frame holds only the
    # markers' x and y, so that many frames stay cheap to build and to send.
    ks = np.unique(np.round(np.linspace(0, K - 1, min(MAX_FRAMES, K))).astype(int))

    def travelling(k: int) -> dict:
        return dict(
            type="scatter", x=[int(k)] * 3, y=[_finite_or_none(c.ratio[k]) for c in curves[:3]]
        )

    first = len(data)
    data.append(
        {
            **travelling(0),
            "mode": "markers",
            "showlegend": False,
            "text": [c.name for c in curves[:3]],
            "marker": dict(
                color=[c.color for c in curves[:3]], size=15, line=dict(color="black", width=2)
            ),
            "hovertemplate": t("gradients.hover.marker", lang) + "<extra></extra>",
        }
    )
    frames = [dict(name=str(k), traces=[first], data=[travelling(k)]) for k in ks]
    still = dict(duration=0, redraw=False)
    play = dict(
        frame=dict(duration=90, redraw=False),
        fromcurrent=True,
        transition=dict(duration=0),
        mode="immediate",
    )
    pause = dict(frame=still, mode="immediate", transition=dict(duration=0))
    layout = base_layout(
        height=560,
        margin=dict(l=70, r=20, t=40, b=170),
        shapes=shapes,
        annotations=[threshold_label(t("gradients.threshold_label", lang))],
        xaxis=dict(
            title=dict(text=t("gradients.axis.steps_back", lang)),
            range=[-0.5, K - 0.5],
            zeroline=False,
        ),
        yaxis=log_axis(t("gradients.axis.relative_norm", lang), y_range),
        updatemenus=[
            dict(
                type="buttons",
                direction="left",
                x=0,
                xanchor="left",
                y=-0.17,
                yanchor="top",
                pad=dict(t=0, r=10),
                showactive=False,
                buttons=[
                    dict(label=t("gradients.play", lang), method="animate", args=[None, play]),
                    dict(label=t("gradients.pause", lang), method="animate", args=[[None], pause]),
                ],
            )
        ],
        sliders=[
            dict(
                active=0,
                x=0,
                len=1.0,
                y=-0.3,
                yanchor="top",
                pad=dict(t=0, b=0),
                currentvalue=dict(
                    prefix=t("gradients.slider_prefix", lang), font=dict(size=13), xanchor="right"
                ),
                steps=[
                    dict(
                        label=str(k),
                        method="animate",
                        args=[
                            [str(k)],
                            dict(frame=still, mode="immediate", transition=dict(duration=0)),
                        ],
                    )
                    for k in ks
                ],
            )
        ],
    )
    return FramedFigure(data, layout, frames)


def _finite_or_none(value: float) -> float | None:
    """A positive finite value for a log axis, else None (a gap)."""
    value = float(value)
    return value if math.isfinite(value) and value > 0 else None


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
    ratio = relative(lstm.dc_norm)
    curves = [
        ratio,
        lstm.f_product_mean,
        lstm.f_product_min,
        lstm.f_product_max,
        lstm.cell_path_only,
    ]
    idx = display_indices(curves, [verdict.cell.horizon], MAX_POINTS)
    y_range = log_range([c[idx] for c in curves] + [np.array([THRESHOLD])])
    band = t("gradients.trace.f_band", lang)
    hover = t("gradients.hover.theory", lang)
    data = [
        dict(
            type="scatter",
            x=idx,
            y=plottable(lstm.f_product_max[idx]),
            mode="lines",
            line=dict(width=0, color=BAND_COLOR),
            showlegend=False,
            legendgroup="band",
            name=band,
            hovertemplate=hover + "<extra>max Π f</extra>",
        ),
        dict(
            type="scatter",
            x=idx,
            y=plottable(lstm.f_product_min[idx]),
            mode="lines",
            line=dict(width=0, color=BAND_COLOR),
            fill="tonexty",
            fillcolor=BAND_COLOR,
            name=band,
            legendgroup="band",
            hovertemplate=hover + "<extra>min Π f</extra>",
        ),
        _line(
            idx,
            lstm.f_product_mean,
            t("gradients.trace.f_mean", lang),
            THEORY_COLOR,
            "dash",
            2.0,
            lang,
        ),
        _line(
            idx,
            lstm.cell_path_only,
            t("gradients.trace.cell_path_only", lang),
            "#999999",
            "dot",
            2.5,
            lang,
        ),
        _line(
            idx,
            ratio,
            t("gradients.trace.lstm_measured", lang),
            MODEL_COLORS["lstm_cell"],
            "solid",
            3.0,
            lang,
        ),
    ]
    return _theory_figure(data, lang, y_range, len(ratio), t("gradients.theory.lstm_title", lang))


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
    v: GradientVerdicts, rnn: RNNFlow, lstm: LSTMFlow, clipped: Clipped | None, lang: str
) -> list[Note]:
    """The page's explanation, worded from the verdicts v (with the numbers of rnn, lstm and
    clipped they were computed from): what the RNN's and the LSTM's gradients do, why, how they
    compare, and what clipping did."""
    if v.rnn.kind == "no_steps":  # the loss is at the first step: no way back to describe
        notes = [Note("gradients.explain.no_steps_back")]
    else:
        notes = rnn_notes(v, rnn) + lstm_notes(v.lstm, lstm, lang) + compare_notes(v, lstm)
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
CELL_PATH_EQUATION = (
    r"\frac{\partial L}{\partial c_{\tau-k}} = \Big(\prod_{j=0}^{k-1} f_{\tau-j}\Big) \odot "
    r"\frac{\partial L}{\partial c_\tau}"
)
