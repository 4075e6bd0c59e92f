"""Views of the common misconceptions page: for each misconception the equation with the
student's numbers (LaTeX), a verdict written from those numbers, and a small figure.

A verdict is a `Note` (string key and fields), so the page shows it in the session's language
and tests can read the numbers it was written from.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lstm_core.lab.gradient_flow import LSTMFlow, RNNFlow, relative
from lstm_core.lab.misconceptions import CellSizeRun, ForgetTerm, ReadOut, mean_step_factor
from lstm_core.lab.verdicts import (
    ForgetBiasVerdict,
    KeepVerdict,
    Reach,
    ReadVerdict,
    SizeVerdict,
    TermVerdict,
)
from lstm_viz.anatomy import aligned
from lstm_viz.downsample import display_indices
from lstm_viz.figures import dict_figure
from lstm_viz.gradients import (
    log_axis,
    log_range,
    plottable,
    threshold_label,
    threshold_shape,
)
from lstm_viz.i18n import t
from lstm_viz.notes import Note
from lstm_viz.numbers import num, percent, sci, tex, tex_sci
from lstm_viz.theme import MODEL_COLORS, QUANTITY_COLORS, base_layout

SHOWN_STEPS = 6  # rows of the cell-state table
# The keep figure's number labels, laid out for its narrowest plot area (a phone: about 240 x 200
# px; wider screens only spread the points apart) and a label's box ("−1.458" at 12 px).
KEEP_PLOT_PX = (240.0, 200.0)
KEEP_LABEL_PX = (48.0, 20.0)
KEEP_LABELLED = 4  # at most the first four points: c_0, f c_0, f² c_0, f³ c_0
WRONG_COLOR = "#888888"  # what the misconception would give
MAX_POINTS = 500
ZERO_LINE = dict(zeroline=True, zerolinecolor="#888")
LEGEND_BELOW = dict(orientation="h", yanchor="top", y=-0.2, xanchor="left", x=0)


def line_trace(x, y, name: str, line: dict, hover: str, **settings) -> dict:
    """A scatter trace of y over x drawn as a line, `name` in the legend, `hover` its hover
    text; `settings` add to these or replace them (e.g. mode="lines+markers", yaxis="y2")."""
    trace = dict(
        type="scatter",
        x=x,
        y=y,
        mode="lines",
        name=name,
        line=line,
        hovertemplate=hover + "<extra></extra>",
    )
    return {**trace, **settings}


def one_panel_layout(xaxis: dict, y_title: str, y_range: list[float], **settings) -> dict:
    """The layout of the 330 px one-panel figures (misconceptions 2 to 4): the legend under the
    plot, and the y axis titled `y_title` over `y_range` with its zero line drawn; `settings`
    add to these or replace them (e.g. a larger margin)."""
    layout = dict(
        height=330,
        margin=dict(l=60, r=15, t=10, b=50),
        legend=LEGEND_BELOW,
        xaxis=xaxis,
        yaxis=dict(title=dict(text=y_title), range=y_range, **ZERO_LINE),
    )
    return base_layout(**{**layout, **settings})


# --- 1. the cell state keeps its size ------------------------------------------------------------


def shown_steps(T: int, rows: int = SHOWN_STEPS) -> list[int]:
    """The steps t (1-based) whose c_t the table lists: all if T ≤ rows, else the first half
    and the last half of `rows`."""
    if T <= rows:
        return list(range(1, T + 1))
    head = rows // 2
    return list(range(1, head + 1)) + list(range(T - (rows - head) + 1, T + 1))


def cell_size_table(run: CellSizeRun, lang: str) -> pd.DataFrame:
    """c_t of a few steps (rows "t = …") with one column per unit (H columns), and its size."""
    T, H = run.c.shape
    steps = shown_steps(T)
    frame = pd.DataFrame(
        run.c[[s - 1 for s in steps]],
        index=[f"t = {s}" for s in steps],
        columns=[f"c[{k + 1}]" for k in range(H)],
    )
    return frame.round(4)


def cell_size_equations(run: CellSizeRun, v: SizeVerdict) -> list[str]:
    """The shape of c_t at every t, and max |c_t| (at v.t_max) below its bound B_t."""
    T, H = run.c.shape
    t_max = v.t_max
    if T == 1:
        states = "c_1"
    elif T <= 3:
        states = ", ".join(f"c_{{{s}}}" for s in range(1, T + 1))
    else:
        states = rf"c_1, c_2, \dots, c_{{{T}}}"
    peak = rf"\max_{{t \le {T},\, k}} |c_{{t,k}}| = \max_k |c_{{{t_max},k}}| = {v.c_max:.3f}"
    if not v.bounded:  # f reached 1: only the linear bound |c_t| < t holds
        return [rf"{states} \in \mathbb{{R}}^{{{H}}}", rf"{peak} < {t_max}"]
    bound = rf"\frac{{1 - f_{{\max}}^{{{t_max}}}}}{{1 - f_{{\max}}}} = {v.bound:.3f}"
    limit = rf"\frac{{1}}{{1 - f_{{\max}}}} = {v.limit:.3f}"
    return [
        rf"{states} \in \mathbb{{R}}^{{{H}}}",
        aligned(peak.replace(" = ", " &= ", 1), rf"&< {bound} < {limit}"),
        rf"f_{{\max}} = \max_{{t,k}} f_{{t,k}} = {v.f_max:.4f}",
    ]


def cell_size_notes(run: CellSizeRun, v: SizeVerdict) -> list[Note]:
    """The verdict v worded, and a note when the memory went beyond 1 (it is not squashed, and
    the forget gates, not the size of each step's write, keep it bounded)."""
    T, H = run.c.shape
    cmax = num(v.c_max)
    notes = [Note("misconceptions.size.verdict", {"T": T, "H": H, "TH": T * H, "cmax": cmax})]
    if v.beyond_one:
        fields = {"cmax": cmax, "t": v.t_max, "f_max": f"{v.f_max:.4f}"}
        if v.bounded:
            notes.append(Note("misconceptions.size.beyond_one", {**fields, "limit": num(v.limit)}))
        else:
            notes.append(Note("misconceptions.size.beyond_one_linear", fields))
    return notes


def cell_size_asides(run: CellSizeRun) -> list[Note]:
    """What course notes say that may start the myth: the concatenation [h_{t−1}, x_t] (of
    fixed size H + D), and its two notations, W·[h, x] = W_x x + U h, checked on this run."""
    H, D = run.c.shape[1], run.xs.shape[1]
    gap = sci(run.notation_gap) if run.notation_gap > 0 else "0"
    return [Note("misconceptions.size.concat", {"HD": H + D, "H": H, "D": D, "gap": gap})]


def cell_size_figure(run: CellSizeRun, lang: str) -> go.Figure:
    """Two panels over t: how many numbers c_t holds (H) beside how many a concatenated memory
    would hold (t·H); and max |c_t| beside its bound B_t = (1 − f_maxᵗ)/(1 − f_max), on a log
    axis."""
    T, H = run.c.shape
    steps = np.arange(1, T + 1)
    bound = run.bound
    idx = display_indices([run.max_abs], [int(np.argmax(run.max_abs))], MAX_POINTS)
    hover_count = t("misconceptions.size.hover_count", lang)
    hover_value = t("misconceptions.size.hover_value", lang)
    top_panel = dict(mode="lines+markers", xaxis="x", yaxis="y")
    bottom_panel = dict(xaxis="x", yaxis="y2")
    data = [  # how many numbers: c_t's H beside a concatenated memory's t·H
        line_trace(
            [1, T],
            [H, H],
            t("misconceptions.size.trace_lstm", lang),
            dict(color=QUANTITY_COLORS["c"], width=3),
            hover_count,
            **top_panel,
        ),
        line_trace(
            [1, T],
            [H, T * H],
            t("misconceptions.size.trace_concat", lang),
            dict(color=WRONG_COLOR, width=2, dash="dash"),
            hover_count,
            **top_panel,
        ),
        # how large: max |c_t| beside its bound B_t
        line_trace(
            steps[idx],
            run.max_abs[idx],
            t("misconceptions.size.trace_max", lang),
            dict(color=MODEL_COLORS["lstm"], width=3),
            hover_value,
            **bottom_panel,
        ),
        line_trace(
            steps[idx],
            bound[idx],
            t("misconceptions.size.trace_bound", lang, f_max=f"{run.f_max:.3f}"),
            dict(color=WRONG_COLOR, width=2, dash="dot"),
            hover_value,
            **bottom_panel,
        ),
    ]
    low = math.log10(max(float(run.max_abs.min()), 1e-3))
    layout = base_layout(
        height=440,
        margin=dict(l=60, r=15, t=10, b=50),
        legend=dict(orientation="h", yanchor="top", y=-0.16, xanchor="left", x=0),
        xaxis=dict(title=dict(text="t"), anchor="y2", range=[0.5, T + 0.5] if T > 1 else [0, 2]),
        yaxis=dict(
            title=dict(text=t("misconceptions.size.axis_count", lang)),
            domain=[0.58, 1.0],
            rangemode="tozero",
        ),
        yaxis2=dict(
            title=dict(text="max |c<sub>t</sub>|"),
            domain=[0.0, 0.44],
            type="log",
            range=[low - 0.2, math.log10(max(float(bound[-1]), 2.0)) + 0.2],
            dtick=1,
            exponentformat="power",
        ),
    )
    return dict_figure(data, layout)


# --- 2. a forget gate of 0.3 keeps 30% -----------------------------------------------------------


def keep_equations(f: float, c_prev: float, decay: np.ndarray, v: KeepVerdict) -> list[str]:
    """c_t with the numbers (i = g = 0), what f rounded would give (v.rounded), and f^k after
    the steps."""
    c = decay[1]
    K = len(decay) - 1
    rounded = v.rounded
    return [
        aligned(
            r"c_t &= f_t \, c_{t-1} + i_t \, g_t",
            rf"&= {tex(f)} \times {tex(c_prev)} + 0.000 \times 0.000",
            rf"&= {c:.3f}",
        ),
        rf"f_t \to {rounded}: \quad {rounded} \times {tex(c_prev)} = {rounded * c_prev:.3f}"
        + (rf" \;\ne\; {c:.3f}" if v.rounding_differs else ""),
        aligned(
            rf"c_{{t+{K - 1}}} &= f^{{{K}}} c_{{t-1}} = {tex(f)}^{{{K}}} \times {tex(c_prev)}",
            rf"&= {tex_sci(decay[-1])}",
        ),
    ]


def keep_notes(v: KeepVerdict, f: float, c_prev: float, decay: np.ndarray) -> list[Note]:
    """The verdict v for forget gate f and memory c_prev worded, with the core's c_t."""
    c = float(decay[1])
    K = len(decay) - 1
    if v.kind == "empty":
        return [Note("misconceptions.keep.verdict_empty", {"c_prev": num(c_prev)})]
    if v.kind == "zero":
        return [Note("misconceptions.keep.verdict_zero", {"c": num(c)})]
    if v.kind == "one":
        return [Note("misconceptions.keep.verdict_one", {"c": num(c)})]
    fields = {"f": f"{f:.2f}", "percent": percent(f), "c": num(c), "c_prev": num(c_prev)}
    notes = [Note("misconceptions.keep.verdict", fields)]
    key = "decay_most" if v.most_left else "decay"
    notes.append(Note(f"misconceptions.keep.{key}", {"K": K, "fraction": sci(f**K)}))
    return notes


def labelled_steps(
    values: np.ndarray,
    y_range: tuple[float, float],
    plot_px: tuple[float, float] = KEEP_PLOT_PX,
    label_px: tuple[float, float] = KEEP_LABEL_PX,
    first: int = KEEP_LABELLED,
) -> list[int]:
    """The points k (of values[0..K] at x = k, over y_range) whose number label, a box of
    label_px beside the point on one side of the line, does not overlap the label before it:
    of the first `first` points, from k = 0 on, each far enough from the last one labelled in
    x or in y, on a plot area of plot_px (w, h)."""
    K = len(values) - 1
    width, height = plot_px
    label_w, label_h = label_px
    dx = width / max(K, 1)  # px per step
    dy = height / (y_range[1] - y_range[0])  # px per unit of c
    shown = [0]
    for k in range(1, min(first, K + 1)):
        last = shown[-1]
        apart_x = (k - last) * dx >= label_w
        apart_y = abs(values[k] - values[last]) * dy >= label_h
        if apart_x or apart_y:
            shown.append(k)
    return shown


def keep_figure(f: float, decay: np.ndarray, lang: str) -> go.Figure:
    """c after k = 0..K steps with forget gate f (the core's run), beside what f rounded to 0
    or to 1 would give."""
    K = len(decay) - 1
    ks = np.arange(K + 1)
    c0 = float(decay[0])
    top, bottom = max(c0, 0.0), min(c0, 0.0)
    pad = 0.15 * max(abs(c0), 0.5)
    y_range = (bottom - pad, top + pad)
    labelled = labelled_steps(decay, y_range)
    hover = t("misconceptions.keep.hover", lang)
    zero = np.where(ks == 0, c0, 0.0)
    data = [  # f rounded to 1 keeps c, rounded to 0 forgets it; the core's c_k = f^k c_0
        line_trace(
            ks,
            np.full(K + 1, c0),
            t("misconceptions.keep.trace_one", lang),
            dict(color=WRONG_COLOR, width=2, dash="dot"),
            hover,
        ),
        line_trace(
            ks,
            zero,
            t("misconceptions.keep.trace_zero", lang),
            dict(color=WRONG_COLOR, width=2, dash="dash"),
            hover,
        ),
        line_trace(
            ks,
            decay,
            t("misconceptions.keep.trace_core", lang, f=f"{f:.2f}"),
            dict(color=QUANTITY_COLORS["f"], width=3),
            hover,
            mode="lines+markers+text",
            text=[num(v) if k in labelled else "" for k, v in enumerate(decay)],
            # Outside the curve: above it as it falls to 0 from c_0 > 0, under it as it rises.
            textposition="top right" if c0 >= 0 else "bottom right",
            marker=dict(size=8),
        ),
    ]
    steps_axis = dict(title=dict(text=t("misconceptions.keep.axis_steps", lang)), dtick=1)
    return dict_figure(data, one_panel_layout(steps_axis, "c", list(y_range)))


# --- 3. the forget gate multiplies the old memory -----------------------------------------------


def forget_term_equations(r: ForgetTerm, v: TermVerdict) -> list[str]:
    """c_t with the numbers, the myth c_{t−1} + i g, and their difference (1 − f) c_{t−1}."""
    return [
        aligned(
            r"c_t &= f_t \, c_{t-1} + i_t \, g_t",
            rf"&= {tex(r.f)} \times {tex(r.c_prev)} + {tex(r.i)} \times {tex(r.g)}",
            rf"&= {tex(r.kept)} + {tex(r.written)} = {r.c:.3f}",
        ),
        rf"c_{{t-1}} + i_t \, g_t = {tex(r.c_prev)} + {tex(r.written)} = {r.carried:.3f}"
        + (r" \;\ne\; c_t" if v.differs else ""),
        rf"(c_{{t-1}} + i_t \, g_t) - c_t = (1 - f_t)\, c_{{t-1}} = {r.error:.3f}",
    ]


def forget_term_notes(r: ForgetTerm, v: TermVerdict) -> list[Note]:
    """What taking f as 1 gets wrong: the verdict v worded with r's numbers."""
    fields = {
        "f": num(r.f),
        "c_prev": num(r.c_prev),
        "c": num(r.c),
        "carried": num(r.carried),
        "error": num(r.error),
    }
    if v.kind != "differs":
        return [Note(f"misconceptions.sum.verdict_{v.kind}", fields)]
    notes = [Note("misconceptions.sum.verdict", fields)]
    notes.append(Note("misconceptions.sum.share", {"percent": percent(1.0 - r.f)}))
    if v.sign_flip:
        notes.append(Note("misconceptions.sum.sign_flip"))
    return notes


def average_note(r: ForgetTerm, v: TermVerdict) -> Note:
    """Whether this step is the "weighted average of past and present" course notes speak of
    (only when f + i = 1, as in the coupled variant)."""
    weights = {"f": num(r.f), "i": num(r.i), "sum": num(r.f + r.i)}
    return Note(f"misconceptions.sum.average_{'yes' if v.average else 'no'}", weights)


def forget_term_figure(r: ForgetTerm, lang: str) -> go.Figure:
    """Bars: the two terms, the core's c_t (their sum), and the myth's c_{t−1} + i_t g_t."""
    labels = [
        "f<sub>t</sub> c<sub>t−1</sub>",
        "i<sub>t</sub> g<sub>t</sub>",
        t("misconceptions.sum.bar_core", lang),
        t("misconceptions.sum.bar_myth", lang),
    ]
    values = [r.kept, r.written, r.c, r.carried]
    colors = [QUANTITY_COLORS["f"], QUANTITY_COLORS["i"], QUANTITY_COLORS["c"], WRONG_COLOR]
    data = [
        dict(
            type="bar",
            x=labels,
            y=values,
            text=[num(v) for v in values],
            textposition="outside",
            cliponaxis=False,
            marker=dict(color=colors, pattern_shape=["", "", "", "/"], line_width=0),
            hovertemplate="%{x} = %{y:.4f}<extra></extra>",
            showlegend=False,
        ),
    ]
    top, bottom = max(*values, 0.0), min(*values, 0.0)
    span = max(top - bottom, 0.5)
    layout = one_panel_layout(
        dict(tickangle=0),
        t("misconceptions.axis_value", lang),
        [bottom - 0.2 * span, top + 0.2 * span],
        margin=dict(l=60, r=15, t=20, b=60),  # room for the bars' labels
    )
    return dict_figure(data, layout)


# --- 4. h uses the new cell state ----------------------------------------------------------------


def read_out_equations(r: ReadOut, v: ReadVerdict) -> list[str]:
    """c_t from the gates, h_t from the new c_t, and the misreading from c_{t−1}."""
    return [
        aligned(
            r"c_t &= f_t \, c_{t-1} + i_t \, g_t",
            rf"&= {tex(r.f)} \times {tex(r.c_prev)} + {tex(r.i)} \times {tex(r.g)}",
            rf"&= {r.c:.3f}",
        ),
        aligned(
            r"h_t &= o_t \tanh(c_t)",
            rf"&= {tex(r.o)} \times \tanh({r.c:.3f}) = {r.h:.3f}",
        ),
        aligned(
            r"o_t \tanh(c_{t-1}) &= " + rf"{tex(r.o)} \times \tanh({r.c_prev:.3f})",
            rf"&= {r.h_old:.3f}" + (r" \;\ne\; h_t" if v.differs else ""),
        ),
    ]


def read_out_notes(r: ReadOut, v: ReadVerdict) -> list[Note]:
    """What reading the old cell state would get wrong: the verdict v worded with r's numbers."""
    fields = {
        "h": num(r.h),
        "c": num(r.c),
        "c_prev": num(r.c_prev),
        "h_old": num(r.h_old),
        "d": num(abs(r.difference)),
    }
    if not v.differs:
        return [Note("misconceptions.read.verdict_same", fields)]
    notes = [Note("misconceptions.read.verdict", fields)]
    if v.sign_flip:
        notes.append(Note("misconceptions.read.sign_flip"))
    return notes


def ranges_note(r: ReadOut) -> Note:
    """o ∈ (0, 1) scales, tanh(c) ∈ (−1, 1) gives h its sign: with this step's numbers."""
    return Note("misconceptions.read.ranges", {"o": num(r.o), "tanh_c": num(math.tanh(r.c))})


def read_out_figure(r: ReadOut, lang: str) -> go.Figure:
    """The curve o·tanh(c) over c, with the new c_t (h_t, right) and c_{t−1} (the misreading)
    marked on it."""
    cs = np.linspace(-5.0, 5.0, 201)
    hover = t("misconceptions.read.hover", lang)
    data = [
        dict(
            type="scatter",
            x=cs,
            y=r.o * np.tanh(cs),
            mode="lines",
            name=t("misconceptions.read.trace_curve", lang, o=num(r.o)),
            line=dict(color="#bbbbbb", width=2),
            hoverinfo="skip",
        ),
        dict(
            type="scatter",
            x=[r.c_prev],
            y=[r.h_old],
            mode="markers+text",
            name=t("misconceptions.read.trace_old", lang),
            text=[num(r.h_old)],
            textposition="bottom right",
            marker=dict(color=WRONG_COLOR, size=13, symbol="x"),
            hovertemplate=hover + "<extra></extra>",
        ),
        dict(
            type="scatter",
            x=[r.c],
            y=[r.h],
            mode="markers+text",
            name=t("misconceptions.read.trace_new", lang),
            text=[num(r.h)],
            textposition="top left",
            marker=dict(color=QUANTITY_COLORS["h"], size=14, line=dict(color="white", width=1.5)),
            hovertemplate=hover + "<extra></extra>",
        ),
    ]
    arrow = dict(
        x=r.c,
        y=0,
        ax=r.c_prev,
        ay=0,
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        showarrow=abs(r.c - r.c_prev) >= 0.05,
        arrowhead=3,
        arrowwidth=2,
        arrowcolor=QUANTITY_COLORS["c"],
        text="",
    )
    c_axis = dict(title=dict(text="c"), range=[-5.2, 5.2], **ZERO_LINE)
    layout = one_panel_layout(c_axis, "h = o · tanh(c)", [-1.1, 1.1], annotations=[arrow])
    return dict_figure(data, layout)


# --- 5. LSTMs lose gradient too when f is small --------------------------------------------------

PRODUCT_STEPS = 20  # k in the f̄^k line


def horizon_note(r: Reach) -> Note:
    """Where a gradient norm falls (and stays) below 10⁻³ of its value at the loss, worded from
    its verdict."""
    if r.kind == "vanishes":
        return Note("misconceptions.grad.horizon_after", {"k": r.horizon})
    if r.kind == "dead":
        return Note("misconceptions.grad.horizon_dead", {"value": sci(r.at_loss)})
    if r.kind == "overflow":
        return Note("misconceptions.grad.horizon_overflow", {"k": r.overflow})
    if r.dips:
        return Note("misconceptions.grad.horizon_back_above", {"K": r.steps})
    return Note("misconceptions.grad.horizon_none", {"K": r.steps})


def gradient_equations(chosen: LSTMFlow, forget_bias: float) -> list[str]:
    """The cell path's factor per step, with the mean f: f̄^k beside the measured ratio."""
    K = len(chosen.dc_norm)
    k = min(PRODUCT_STEPS, K - 1)
    f = chosen.f_mean
    measured = relative(chosen.dc_norm)[k]
    return [
        aligned(
            r"\frac{\partial L}{\partial c_{t-1}} &= f_t \odot \frac{\partial L}{\partial c_t}",
            r"&\quad + \frac{\partial L}{\partial h_{t-1}} \odot o_{t-1}",
            r"&\qquad \odot (1 - \tanh^2 c_{t-1})",
        ),
        aligned(
            rf"\bar f &= \overline{{\sigma({tex(forget_bias)} + W_f x + U_f h)}} = {f:.3f}",
            rf"\bar f^{{\,{k}}} &= {f:.3f}^{{{k}}} = {tex_sci(f**k)}",
        ),
        rf"\frac{{\|\partial L / \partial c_{{\tau-{k}}}\|}}{{\|\partial L / \partial c_\tau\|}}"
        rf" = {tex_sci(measured)}",
    ]


def gradient_notes(
    v: ForgetBiasVerdict, chosen: LSTMFlow, large: LSTMFlow, forget_bias: float, large_bias: float
) -> list[Note]:
    """Where each gradient falls below 10⁻³ of its value at the loss, and the verdict, worded
    from the verdicts v (of the flows chosen and large)."""
    fields = {
        "bf": f"{forget_bias:g}",
        "f": num(chosen.f_mean),
        "K": v.chosen.steps,
        "bf_large": f"{large_bias:g}",
        "f_large": num(large.f_mean),
        "k": v.chosen.horizon,
        "k_large": horizon_note(v.large),
        "k_rnn": horizon_note(v.rnn),
    }
    if v.chosen.kind == "dead":
        notes = [
            Note("misconceptions.grad.verdict_dead", {**fields, "value": sci(v.chosen.at_loss)})
        ]
    elif v.chosen.kind == "vanishes":
        notes = [Note("misconceptions.grad.verdict_vanishes", fields)]
    elif v.chosen.dips:  # below 10⁻³ somewhere, above it again at the start
        low = {"low": sci(v.chosen.low), "k_low": v.chosen.low_k}
        notes = [Note("misconceptions.grad.verdict_back_above", {**fields, **low})]
    else:
        notes = [Note("misconceptions.grad.verdict_survives", fields)]
    if v.large_rises:
        rises = {"bf_large": f"{large_bias:g}", "peak": sci(v.large.peak)}
        notes.append(Note("misconceptions.grad.rises", rises))
    return notes


def rnn_notes(v: ForgetBiasVerdict, rnn: RNNFlow) -> list[Note]:
    """What course notes say about the RNN's gradient, answered with this RNN's numbers: the
    same U at every step (why it shrinks geometrically), and that tanh's slope cannot help."""
    k = min(PRODUCT_STEPS, len(rnn.dh_norm) - 1)
    rate = mean_step_factor(rnn.dh_norm, k)
    shared = {"k": k, "rate": "—" if math.isnan(rate) else f"{rate:.3f}"}
    shared["rho"] = f"{rnn.spectral_radius:.3f}"
    slope = {"slope": f"{rnn.tanh_slope_mean:.3f}", "k_rnn": horizon_note(v.rnn)}
    return [Note("misconceptions.grad.shared", shared), Note("misconceptions.grad.tanh", slope)]


def gradient_figure(
    v: ForgetBiasVerdict,
    chosen: LSTMFlow,
    large: LSTMFlow,
    rnn: RNNFlow,
    forget_bias: float,
    large_bias: float,
    lang: str,
) -> go.Figure:
    """‖∂L/∂c_{τ−k}‖ / ‖∂L/∂c_τ‖ of the LSTM with the chosen forget bias and with the large
    one, and the RNN's ‖∂L/∂h‖ ratio, against steps back k, on a log axis, with the 10⁻³
    line and each curve's memory horizon."""
    curves = [
        (
            t(
                "misconceptions.grad.trace_chosen",
                lang,
                bf=f"{forget_bias:g}",
                f=num(chosen.f_mean),
            ),
            chosen.dc_norm,
            MODEL_COLORS["lstm_cell"],
            "solid",
            3.5,
        ),
        (
            t("misconceptions.grad.trace_large", lang, bf=f"{large_bias:g}", f=num(large.f_mean)),
            large.dc_norm,
            MODEL_COLORS["lstm"],
            "dash",
            2.5,
        ),
        (t("misconceptions.grad.trace_rnn", lang), rnn.dh_norm, MODEL_COLORS["rnn"], "dot", 2.5),
    ]
    ratios = [relative(n) for _, n, _, _, _ in curves]
    horizons = [v.chosen.horizon, v.large.horizon, v.rnn.horizon]
    idx = display_indices(ratios, horizons, MAX_POINTS)
    y_range = log_range([r[idx] for r in ratios] + [np.array([1e-3])])
    hover = t("misconceptions.grad.hover", lang)
    data, shapes = [], [threshold_shape()]
    for (name, _, color, dash, width), ratio, k in zip(curves, ratios, horizons, strict=True):
        data.append(
            dict(
                type="scatter",
                x=idx,
                y=plottable(ratio[idx]),
                name=name,
                mode="lines",
                line=dict(color=color, dash=dash, width=width),
                hovertemplate=hover + "<extra>" + name + "</extra>",
            )
        )
        if k is not None:
            data.append(
                dict(
                    type="scatter",
                    x=[k],
                    y=plottable(ratio[[k]]),
                    mode="markers",
                    marker=dict(
                        color=color, size=12, symbol="diamond", line=dict(color="white", width=1.5)
                    ),
                    showlegend=False,
                    hovertemplate=hover + "<extra>" + name + "</extra>",
                )
            )
    K = len(ratios[0])
    layout = base_layout(
        height=420,
        margin=dict(l=70, r=15, t=10, b=60),
        shapes=shapes,
        annotations=[threshold_label(t("misconceptions.grad.threshold", lang))],
        legend=dict(orientation="h", yanchor="top", y=-0.16, xanchor="left", x=0),
        xaxis=dict(
            title=dict(text=t("misconceptions.grad.axis_steps", lang)),
            range=[-0.5, K - 0.5],
            zeroline=False,
        ),
        yaxis=log_axis(t("misconceptions.grad.axis_ratio", lang), y_range),
    )
    return dict_figure(data, layout)
