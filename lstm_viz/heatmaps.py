"""Time × unit heatmaps of an LSTM run (f, i, o, g, c, h) or a GRU run (z, r, n, h), and the
stacked rows with one shared time axis that the stepper's figures are built from.

A heatmap row shows one quantity of a trace, (T, H), as H rows of bricks over time: gates on
GATE_SCALE from 0 to 1, g, c, h on SIGNED_SCALE from −1 to 1 with white at 0; hover gives the
number (the GRU's gates r, z on the first scale, its candidate n and state h on the second).
Long sequences are pooled into at most MAX_HEAT_COLUMNS columns of `size` steps: a
brick shows, of its unit's steps in that column, the one farthest from their average (so a
one-step dip of a forget gate or a spike of c is never skipped, as every k-th step would), and
hover names that step; every brick is a real step's value, never an average. Tables and
downloads are never thinned. Line plots keep the lowest and highest value of each bucket
(`lstm_viz.downsample.envelope_steps`), for the same reason.

Figures are built from plain dicts and wrapped without plotly's validation (`_validate=False`):
validating a dozen axes and traces costs tens of ms on every rerun, and these dicts are ours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from lstm_core import GRUTrace, LSTMTrace
from lstm_viz.cursor import Cursor
from lstm_viz.downsample import group_size, pooled_steps
from lstm_viz.figures import dict_figure
from lstm_viz.i18n import t as tr
from lstm_viz.theme import FONT, GATE_SCALE, SIGNED_SCALE, base_layout

HEATMAP_ROWS: tuple[str, ...] = ("f", "i", "o", "g", "c", "h")  # gates first, then signed
GRU_HEATMAP_ROWS: tuple[str, ...] = ("z", "r", "n", "h")  # z keeps the memory, as f does
GATES = "ifozr"  # quantities in [0, 1]; the others are signed
# Which colour axis each quantity uses: "coloraxis" (gates, 0..1) or "coloraxis2" (signed).
COLOR_AXIS: dict[str, str] = {q: "coloraxis" if q in GATES else "coloraxis2" for q in "ifgochrzn"}
SUBSCRIPT_T = {q: f"{q}ₜ" for q in "ifgochrzn"}
MAX_COLUMNS = 250  # points per line in a line plot of a long run
# Time columns per heatmap: 6 × 64 units × 200 × (a float32 value + the int16 step it shows)
# ≈ 0.6 MB of JSON at most.
MAX_HEAT_COLUMNS = 200
ROW_TITLE_PX = 20  # room above each row for its title
GAP_PX = 8
# Right of the plot area: the heatmaps' colour bars and their titles. The stepper's line chart
# leaves the same, so that a step stands at the same x in both (and under the one cursor).
STEPS_RIGHT_PX = 78
WORD_FONT_PX = 10  # the words on the t axis (a sentence), slanted by WORD_ANGLE
WORD_ANGLE = 60
WORD_SPACING = 1.2  # font sizes between two words' slanted lines, so that they never touch
NARROWEST_BOX_PX = 160  # no chart box is narrower (a 320 px phone)
CURSOR_HALO, CURSOR_INK = "white", "black"  # a white line under a black one shows on any brick


# --- stacked rows on one time axis --------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One row of a stacked figure: its height in px, title (HTML), y range and whether its
    y axis counts units (a heatmap) rather than values."""

    height: float
    title: str
    y_range: tuple[float, float]
    units: int = 0  # H for a heatmap row, 0 for a row of lines


def stack_domains(heights: list[float], gap: float) -> list[tuple[float, float]]:
    """Paper-unit domains (bottom, top) of rows stacked top to bottom with the given heights
    and gaps (any unit, e.g. pixels); the first row is at the top."""
    total = sum(heights) + gap * (len(heights) - 1)
    domains, top = [], total
    for height in heights:
        domains.append((max(0.0, (top - height) / total), min(1.0, top / total)))
        top -= height + gap
    return domains


def stacked_layout(
    rows: list[Row],
    T: int,
    *,
    top_px: float,
    legend_px: float = 0,
    right_px: float = 20,
    tokens: tuple[str, ...] | None = None,
    unit_word: str = "unit",
) -> tuple[dict, list[tuple[float, float]], float]:
    """Layout for rows stacked top to bottom over t = 0 … T − 1 (axes x, x2, … matched, tick
    labels on the bottom row only: the words of `tokens`, else t), with fixed margins. Returns
    (layout, the rows' domains, the height of the plot area in px)."""
    domains = stack_domains([r.height for r in rows], GAP_PX + ROW_TITLE_PX)
    plot_px = sum(r.height for r in rows) + (GAP_PX + ROW_TITLE_PX) * (len(rows) - 1)
    axis_px = 95 if tokens is not None else 45  # tick labels (words are rotated) and title
    bottom_px = axis_px + legend_px
    layout = base_layout(
        height=int(plot_px + top_px + ROW_TITLE_PX + bottom_px),
        # Exactly these margins (plotly would widen them for a colour bar's or the legend's
        # text): a cursor laid over the chart (lstm_viz.cursor) computes the plot area from them.
        margin=dict(l=56, r=right_px, t=top_px + ROW_TITLE_PX, b=bottom_px, autoexpand=False),
        hovermode="closest",
        showlegend=legend_px > 0,
        legend=dict(
            orientation="h",
            x=0,
            xanchor="left",
            yref="container",
            y=0,
            yanchor="bottom",
            font=dict(size=11),
            tracegroupgap=0,
        ),
    )
    layout["font"] = FONT
    annotations = []
    for r, (row, domain) in enumerate(zip(rows, domains, strict=True)):
        suffix = "" if r == 0 else str(r + 1)
        bottom = r == len(rows) - 1
        xaxis = dict(
            domain=[0, 1],
            anchor=f"y{suffix}",
            range=[-0.5, T - 0.5],
            showgrid=False,
            zeroline=False,
            showticklabels=bottom,
            ticks="outside" if bottom else "",
            ticklen=4,
        )
        if r > 0:
            xaxis["matches"] = "x"
        if bottom and tokens is not None:
            xaxis.update(
                tickmode="array",
                tickvals=list(range(T)),
                ticktext=list(tokens),
                tickangle=-WORD_ANGLE,
                tickfont=dict(size=WORD_FONT_PX),
            )
        elif bottom:
            xaxis["title"] = dict(text="t", standoff=4)
        layout[f"xaxis{suffix}"] = xaxis
        yaxis = dict(
            domain=list(domain),
            anchor=f"x{suffix}",
            range=list(row.y_range),
            zeroline=False,
            fixedrange=True,
            tickfont=dict(size=10),
        )
        if row.units:
            yaxis.update(
                showgrid=False,
                tickvals=[1, row.units] if row.units > 1 else [1],
                title=dict(text=unit_word, font=dict(size=10), standoff=2),
            )
        else:
            yaxis.update(showgrid=True, gridcolor="#e5e5e5", nticks=4)
        layout[f"yaxis{suffix}"] = yaxis
        annotations.append(
            dict(
                text=row.title,
                x=0,
                xref="paper",
                xanchor="left",
                y=domain[1],
                yref="paper",
                yanchor="bottom",
                yshift=1,
                showarrow=False,
                align="left",
                font=dict(size=12, color="#333333"),
            )
        )
    layout["annotations"] = annotations
    return layout, domains, plot_px


def word_axis_css(box: str, layout: dict) -> str:
    """CSS that labels every k-th word on the slanted word axis of a chart of this layout (as
    the browser draws it: presenter mode's margins and fonts) when its box (the CSS selector
    `box`, made a size container) is too narrow for every word; "" if the chart has no words.
    k is the smallest step whose labels stand WORD_SPACING font sizes apart across their slant
    on the plot area (the box's width less the margins). One container query per step, each for
    the box widths it alone is for, down to a box of NARROWEST_BOX_PX; the word at every step
    stays in its hover and in the cursor's label."""
    axis = next(
        (a for k, a in layout.items() if k.startswith("xaxis") and a.get("tickangle")), None
    )
    if axis is None:
        return ""
    T, sides = len(axis["ticktext"]), layout["margin"]["l"] + layout["margin"]["r"]
    slant = math.sin(math.radians(abs(axis["tickangle"])))
    across = WORD_SPACING * axis["tickfont"]["size"] / slant  # px along the axis per word
    rules = [f"{box} {{ container-type: inline-size; }}"]
    k = 1
    while k < T and sides + across * T / k > NARROWEST_BOX_PX:
        k += 1  # step k is for boxes from where k − 1 no longer fits down to where k does
        widest, narrowest = sides + across * T / (k - 1), sides + across * T / k
        last = k == T or narrowest <= NARROWEST_BOX_PX
        low = "" if last else f"({narrowest:.1f}px <= width) and "
        hidden = f"{box} .xaxislayer-above > g:not(:nth-of-type({k}n+1)) > text"
        query = f"@container {low}(width < {widest:.1f}px)"
        rules.append(f"{query} {{ {hidden} {{ display: none; }} }}")
    return "\n".join(rules)


# --- the heatmaps -------------------------------------------------------------------------------


def color_axes(
    gate_domain: tuple[float, float], signed_domain: tuple[float, float], titles: tuple[str, str]
) -> dict:
    """Layout entries for the two shared colour axes, each colour bar beside its rows
    (domains in paper units, bottom to top)."""

    def bar(domain: tuple[float, float], title: str, ticks: list[float]) -> dict:
        return dict(
            x=1.0,
            xanchor="left",
            xpad=8,
            thickness=12,
            len=domain[1] - domain[0],
            lenmode="fraction",
            y=(domain[0] + domain[1]) / 2,
            yanchor="middle",
            tickvals=ticks,
            ticktext=[f"{v:g}".replace("-", "−") for v in ticks],
            title=dict(text=title, side="right", font=dict(size=11)),
            tickfont=dict(size=11),
            outlinewidth=0,
        )

    return {
        "coloraxis": dict(
            colorscale=GATE_SCALE,
            cmin=0.0,
            cmax=1.0,
            colorbar=bar(gate_domain, titles[0], [0.0, 0.5, 1.0]),
        ),
        "coloraxis2": dict(
            colorscale=SIGNED_SCALE,
            cmin=-1.0,
            cmax=1.0,
            cmid=0.0,
            colorbar=bar(signed_domain, titles[1], [-1.0, 0.0, 1.0]),
        ),
    }


def unit_heatmap(
    values: np.ndarray, size: int, quantity: str, axis: int, unit_word: str, pooled_hover: str = ""
) -> dict:
    """A heatmap trace of values (T, H) in columns of `size` steps (pooled_steps): z (H, C)
    float32, y the units numbered 1..H as on every page, on subplot axes number `axis`, hover
    "t, unit, qₜ = value". Size 1: x the steps. Larger: x the C + 1 brick edges (column c spans
    steps c·size … c·size + size − 1 on the time axis) and customdata (H, C) the step each brick
    shows, named on hover with `pooled_hover`."""
    T, H = values.shape
    suffix = "" if axis == 1 else str(axis)
    value = f"{SUBSCRIPT_T[quantity]} = %{{z:.3f}}<extra></extra>"
    trace = dict(
        type="heatmap",
        y=np.arange(1, H + 1, dtype=np.int32),
        coloraxis=COLOR_AXIS[quantity],
        xaxis=f"x{suffix}",
        yaxis=f"y{suffix}",
        name=quantity,
    )
    if size == 1:
        trace.update(
            z=np.ascontiguousarray(values.T, dtype=np.float32),
            x=np.arange(T, dtype=np.int32),
            hovertemplate=f"t = %{{x}}<br>{unit_word} %{{y}}<br>" + value,
        )
        return trace
    steps = pooled_steps(values, size)  # (H, C)
    z = np.take_along_axis(values, steps.T, axis=0).T  # z[k, c] = values[steps[k, c], k]
    edges = np.append(np.arange(0, T, size), T) - 0.5
    trace.update(
        z=np.ascontiguousarray(z, dtype=np.float32),
        x=edges.astype(np.float32),
        customdata=steps.astype(np.int16 if T <= 2**15 else np.int32),  # half the JSON
        hovertemplate=f"t = %{{customdata}} ({pooled_hover})<br>{unit_word} %{{y}}<br>" + value,
    )
    return trace


def heatmap_rows(trace: LSTMTrace | GRUTrace) -> tuple[tuple[str, ...], str, str]:
    """The quantities a trace's heatmaps show, gates first; the prefix of their row titles
    ("stepper.row." for an LSTM, "stepper.row.gru_" for a GRU); and the suffix of the colour
    bars' titles ("" or "_gru")."""
    if isinstance(trace, GRUTrace):
        return GRU_HEATMAP_ROWS, "stepper.row.gru_", "_gru"
    return HEATMAP_ROWS, "stepper.row.", ""


def trace_heatmaps(
    trace: LSTMTrace | GRUTrace,
    *,
    lang: str = "en",
    tokens: tuple[str, ...] | None = None,
    max_columns: int = MAX_HEAT_COLUMNS,
) -> go.Figure:
    """Heatmaps (time × unit) of an unbatched trace (T, H): an LSTM's f, i, o (0..1) and g, c, h
    (−1..1), or a GRU's z, r (0..1) and n, h (−1..1); one row each on a shared time axis (units
    numbered 1..H on the y axis), without a cursor: the page lays heatmap_cursor over it
    (lstm_viz.cursor), so a step does not change the figure. T > max_columns pools columns of
    `stride` steps (see unit_heatmap). layout.meta: stride (steps per column), T, H, rows."""
    if trace.batched:
        raise ValueError("the heatmaps show one sequence; this trace has a batch axis")
    T, H = trace.h.shape
    quantities, titles, cell = heatmap_rows(trace)
    stride = group_size(T, max_columns)
    unit_word = tr("stepper.unit", lang)
    pooled_hover = tr("stepper.hover_pooled", lang, size=stride)
    heat_px = float(np.clip(6 * H + 24, 48, 110))
    rows = [Row(heat_px, tr(titles + q, lang), (0.5, H + 0.5), units=H) for q in quantities]
    layout, domains, _ = stacked_layout(
        rows, T, top_px=10, right_px=STEPS_RIGHT_PX, tokens=tokens, unit_word=unit_word
    )
    gates = sum(q in GATES for q in quantities)  # the gate rows come first
    layout.update(
        color_axes(
            (domains[gates - 1][0], domains[0][1]),  # rows f, i, o (z, r)
            (domains[-1][0], domains[gates][1]),  # rows g, c, h (n, h)
            (tr(f"stepper.scale_gate{cell}", lang), tr(f"stepper.scale_signed{cell}", lang)),
        )
    )
    data = [
        unit_heatmap(getattr(trace, q), stride, q, r + 1, unit_word, pooled_hover)
        for r, q in enumerate(quantities)
    ]
    layout["meta"] = {"stride": stride, "T": T, "H": H, "rows": list(quantities)}
    return dict_figure(data, layout)


def heatmap_cursor(T: int, cursor: int) -> Cursor:
    """The cursor over trace_heatmaps' chart of a T-step run at step `cursor` (kept inside the
    run): a black line over a white one through every row, so it shows on any brick; in a pooled
    chart it crosses the column that holds that step (x is in steps, whatever the pooling)."""
    return Cursor(
        x=int(np.clip(cursor, 0, T - 1)),
        ink=CURSOR_INK,
        width=2,
        halo=CURSOR_HALO,
        halo_width=5,
    )
