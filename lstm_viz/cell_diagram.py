"""The LSTM cell as a picture with the live numbers of one hidden unit; the plain RNN cell too.

The layout is the familiar one (colah, "Understanding LSTM Networks"): the cell state runs along
the top, c_{t-1} -> ⊙ f -> + i⊙g -> c_t; below it the gates f, i, o (σ) and the candidate g (tanh)
are fed by h_{t-1} and x_t; on the right h_t = o ⊙ tanh(c_t) leaves to the right and upwards.

Everything is drawn with layout shapes and annotations on hidden axes fixed to [0, 100] x [0, 100].
Positions are in those axis units, so the picture stretches with the chart's width; what must not
stretch (the round ⊙ and + nodes, the value chips, all text) is sized in pixels, and labels sit in
separate lanes chosen to stay apart from about 360 px to 1280 px of chart width. Invisible markers
carry the hover text: the formula, its numbers, and a sentence in the chosen language.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.colors import get_colorscale, hex_to_rgb, sample_colorscale, unlabel_rgb

from lstm_viz.figures import dict_figure
from lstm_viz.i18n import t
from lstm_viz.numbers import MINUS, format_number, format_vector
from lstm_viz.theme import FONT, GATE_SCALE, SIGNED_SCALE, base_layout

VARIANTS: tuple[str, ...] = ("standard", "no_forget", "coupled")

WIRE = "#505050"
UNUSED_WIRE = "#b0b0b0"
NODE_LINE = "#333333"
MUTED = "#555555"
FIXED_FILL = "#d4d4d4"  # the greyed-out f box of the 1997 LSTM
VALUE_FONT = 13
LABEL_FONT = 12
WORD_FONT = 11
HOVER_SIZE = 26  # invisible hover markers, px
HOVER_WIDTH = 44  # characters per hover line, so a tooltip fits a 360 px chart

# Geometry of the LSTM picture, in axis units of the [0, 100] x [0, 100] canvas.
CELL_Y = 84  # the cell-state line
TITLE_Y = 91  # names of c_{t-1} and c_t above it
IG_Y = 66  # the ⊙ of i and g
BOX_Y, BOX_HALF_H, BOX_HALF_W = 45, 8, 6.5  # centre and half sizes of the gate boxes
BUS_Y = 24  # h_{t-1} (joined by x_t) runs along here
F_X, I_X, G_X, O_X = 24, 39, 54, 69  # gate columns; the + and the i⊙g node sit above g
OUT_X = 85  # tanh(c_t) and the ⊙ with o
H_X = 92  # where h_t turns upwards (its chip, centred here, must fit a 360 px chart)
H_CHIP_Y = 96.5
X_IN_X = 50  # x_t comes up to the bus here, clear of the h_{t-1} label
TANH_Y, TANH_HALF_H, TANH_HALF_W = 66, 5, 6
C_CHIP_X = (G_X + OUT_X) / 2 + 4
ARROW_STUB = 10  # px of shaft drawn with an arrowhead
NODE_R = 11  # radius of the ⊙ and + circles, px
CHIP_W, CHIP_H = 56, 22  # value chips of c_{t-1}, c_t, h_t, px
KEPT_WIDTH = (1.0, 11.0)  # line width after the forget ⊙: 1 + 11·f px
LSTM_HEIGHT, RNN_HEIGHT = 450, 260


# --- numbers, colours and text -------------------------------------------------------------------


def _vector_lines(v: np.ndarray, per_line: int = 4, limit: int = 8) -> str:
    """Up to `limit` values with three decimals, `per_line` to a line, for hover text."""
    values = [format_number(x) for x in v[:limit]]
    rows = [", ".join(values[k : k + per_line]) for k in range(0, len(values), per_line)]
    text = "[" + ",<br>".join(rows)
    if v.size > limit:
        return text + f", …]<br>(n = {v.size}, ‖·‖ = {format_number(np.linalg.norm(v))})"
    return text + "]"


def _term(v: float) -> str:
    """A number as a term of a sum: negative ones in parentheses, 0.2 + (−0.1)."""
    text = format_number(v)
    return f"({text})" if text.startswith(MINUS) else text


def _sub(name: str, index: str) -> str:
    return f"{name}<sub>{index}</sub>"


def _wrap(text: str, width: int = HOVER_WIDTH) -> str:
    """Break `text` with <br> at spaces so no line is much wider than `width` Latin characters
    (a Hangul syllable counts as two); tags such as <sub> take no width."""

    def visible_width(word: str) -> int:
        plain = re.sub(r"<[^>]+>", "", word)
        return sum(2 if "\uac00" <= ch <= "\ud7a3" else 1 for ch in plain)

    lines: list[str] = []
    line, used = "", 0
    for word in text.split(" "):
        w = visible_width(word)
        if line and used + 1 + w > width:
            lines.append(line)
            line, used = word, w
        else:
            line, used = (f"{line} {word}", used + 1 + w) if line else (word, w)
    lines.append(line)
    return "<br>".join(lines)


def _rgb(color: str | tuple[float, float, float]) -> tuple[float, ...]:
    if isinstance(color, tuple):
        return tuple(float(c) for c in color)
    if color.startswith("#"):
        return tuple(float(c) for c in hex_to_rgb(color))
    return tuple(float(c) for c in unlabel_rgb(color))


def text_color_for(fill_rgb: str | tuple[float, float, float]) -> str:
    """Return "white" or "black", whichever contrasts more with the fill ("rgb(r, g, b)",
    "#rrggbb" or an (r, g, b) tuple of 0–255), by WCAG relative luminance."""

    def linear(channel: float) -> float:
        s = channel / 255.0
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(fill_rgb)[:3])
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    # contrast with white, 1.05 / (L + 0.05), beats contrast with black, (L + 0.05) / 0.05
    return "white" if luminance < 0.179 else "black"


# Resolved once to [[position, colour], ...]: sampling by name is slower, and plotly.js does not
# know reversed names such as "RdBu_r" (only the Python validator, skipped here, resolves them).
_GATE_STOPS = [list(stop) for stop in get_colorscale(GATE_SCALE)]
_SIGNED_STOPS = [list(stop) for stop in get_colorscale(SIGNED_SCALE)]


def gate_color(v: float) -> str:
    """The colour of a gate value on GATE_SCALE, from 0 to 1."""
    return sample_colorscale(_GATE_STOPS, [float(np.clip(v, 0.0, 1.0))])[0]


def signed_color(v: float) -> str:
    """The colour of a value on SIGNED_SCALE from −1 to 1, clipped at ±1 (c may go beyond)."""
    return sample_colorscale(_SIGNED_STOPS, [float((np.clip(v, -1.0, 1.0) + 1.0) / 2.0)])[0]


# --- a small canvas of shapes, labels and hover points -------------------------------------------


class _Canvas:
    """Collects shapes, annotations and hover points, then turns them into one figure."""

    def __init__(self) -> None:
        self.shapes: list[dict] = []
        self.annotations: list[dict] = []
        self.hover_points: list[tuple[float, float, str]] = []

    def wire(
        self,
        points: list[tuple[float, float]],
        width: float = 2.0,
        name: str | None = None,
        arrow: bool = False,
        standoff: float = 0.0,
        color: str = WIRE,
        dash: str = "solid",
    ) -> None:
        """A polyline through `points`; with `arrow`, an arrowhead at its last point that stops
        `standoff` px short of it (at the edge of a node)."""
        path = " ".join(f"{'M' if k == 0 else 'L'} {x},{y}" for k, (x, y) in enumerate(points))
        line = dict(color=color, width=width, dash=dash)
        shape = dict(type="path", path=path, line=line, layer="below")
        if name:
            shape["name"] = name
        self.shapes.append(shape)
        if arrow:
            # Only the head and a stub of shaft: an annotation arrow is drawn above every shape,
            # so a full-length shaft would cross the chips and nodes it passes.
            (x0, y0), (x, y) = points[-2], points[-1]
            back = standoff + ARROW_STUB
            ax = -back * float(np.sign(x - x0))
            ay = back * float(np.sign(y - y0))  # pixel y grows downwards
            self.annotations.append(
                dict(
                    x=x,
                    y=y,
                    ax=ax,
                    ay=ay,
                    xref="x",
                    yref="y",
                    text="",
                    showarrow=True,
                    arrowhead=2,
                    arrowsize=1.1,
                    arrowcolor=color,
                    standoff=standoff,
                    arrowwidth=max(1.5, min(width, 3.0)),
                )
            )

    def box(
        self,
        name: str,
        x: float,
        y: float,
        half_size: tuple[float, float],
        fill: str,
        text: str,
        dash: str = "solid",
    ) -> None:
        """A rectangle in axis units filled with `fill`, `text` centred in it in a colour that
        contrasts with the fill."""
        w, h = half_size
        self.shapes.append(
            dict(
                type="rect",
                name=name,
                x0=x - w,
                x1=x + w,
                y0=y - h,
                y1=y + h,
                fillcolor=fill,
                line=dict(color=NODE_LINE, width=1.5, dash=dash),
                layer="above",
            )
        )
        self.label(x, y, text, color=text_color_for(fill), name=name)

    def chip(self, name: str, x: float, y: float, fill: str, text: str, anchor: str) -> None:
        """A value chip of CHIP_W x CHIP_H px whose `anchor` side ("left", "center") is at x."""
        x0 = 0.0 if anchor == "left" else -CHIP_W / 2
        self.shapes.append(
            dict(
                type="rect",
                name=name,
                xsizemode="pixel",
                ysizemode="pixel",
                xanchor=x,
                yanchor=y,
                x0=x0,
                x1=x0 + CHIP_W,
                y0=-CHIP_H / 2,
                y1=CHIP_H / 2,
                fillcolor=fill,
                line=dict(color=NODE_LINE, width=1.5),
                layer="above",
            )
        )
        shift = x0 + CHIP_W / 2
        self.label(x, y, text, color=text_color_for(fill), name=name, xshift=shift)

    def node(self, name: str, x: float, y: float, symbol: str) -> None:
        """A white circle of NODE_R px with an operator symbol in it."""
        self.shapes.append(
            dict(
                type="circle",
                name=name,
                xsizemode="pixel",
                ysizemode="pixel",
                xanchor=x,
                yanchor=y,
                x0=-NODE_R,
                x1=NODE_R,
                y0=-NODE_R,
                y1=NODE_R,
                fillcolor="white",
                line=dict(color=NODE_LINE, width=1.5),
                layer="above",
            )
        )
        self.label(x, y, f"<b>{symbol}</b>", size=15, name=name)

    def label(
        self,
        x: float,
        y: float,
        text: str,
        size: int = VALUE_FONT,
        color: str = "black",
        xanchor: str = "center",
        yanchor: str = "middle",
        name: str | None = None,
        xshift: float = 0,
        bgcolor: str | None = None,
    ) -> None:
        annotation = dict(
            x=x,
            y=y,
            xref="x",
            yref="y",
            text=text,
            showarrow=False,
            xanchor=xanchor,
            yanchor=yanchor,
            align="center" if xanchor == "center" else xanchor,
            font=dict(size=size, color=color),
            xshift=xshift,
        )
        if name:
            annotation["name"] = name
        if bgcolor:  # a label set on a wire masks the wire behind it
            annotation.update(bgcolor=bgcolor, borderpad=1)
        self.annotations.append(annotation)

    def note(self, text: str) -> None:
        """A small grey line centred below the plot area (between the colour bars)."""
        self.annotations.append(
            dict(
                x=0.5,
                y=0,
                xref="paper",
                yref="paper",
                yanchor="top",
                yshift=-14,
                text=text,
                showarrow=False,
                font=dict(size=WORD_FONT, color=MUTED),
            )
        )

    def hover(self, x: float, y: float, formula: str, words: str) -> None:
        """Hover text at (x, y): the formula with its numbers in bold, then `words`, wrapped."""
        text = f"<b>{formula}</b><br>{_wrap(words)}<extra></extra>"
        self.hover_points.append((x, y, text))

    def figure(
        self, height: int, meta: dict, extra: tuple[dict, ...] = (), bottom: int = 6
    ) -> go.Figure:
        """The figure: one trace of invisible hover markers, `extra` traces, and the layout."""
        xs, ys, texts = zip(*self.hover_points, strict=True)
        hover_trace = dict(
            type="scatter",
            x=list(xs),
            y=list(ys),
            mode="markers",
            marker=dict(size=HOVER_SIZE, color="rgba(0,0,0,0)"),
            hovertemplate=list(texts),
            showlegend=False,
            name="",
        )
        axis = dict(range=[0, 100], visible=False, fixedrange=True)
        layout = base_layout(
            height=height,
            autosize=True,
            margin=dict(l=6, r=6, t=6, b=bottom),
            hovermode="closest",
            hoverlabel=dict(font=dict(FONT, size=13), bgcolor="white", align="left"),
            dragmode=False,
            showlegend=False,
            xaxis=axis,
            yaxis=axis,
            shapes=self.shapes,
            annotations=self.annotations,
            meta=meta,
        )
        return dict_figure([hover_trace, *extra], layout)


def _colorbar(scale: list, low: float, high: float, title: str, x: float, xanchor: str) -> dict:
    """A trace with no points whose only job is to draw a small horizontal colour bar below the
    plot area, at paper position x."""
    mid = (low + high) / 2
    return dict(
        type="scatter",
        x=[None],
        y=[None],
        mode="markers",
        hoverinfo="skip",
        showlegend=False,
        marker=dict(
            color=[mid],
            colorscale=scale,
            cmin=low,
            cmax=high,
            showscale=True,
            colorbar=dict(
                orientation="h",
                x=x,
                xanchor=xanchor,
                y=0,
                yanchor="top",
                ypad=0,
                len=110,
                lenmode="pixels",
                thickness=9,
                tickvals=[low, mid, high],
                ticktext=[format_number(v, 1 if v % 1 else 0) for v in (low, mid, high)],
                tickfont=dict(size=WORD_FONT),
                title=dict(text=title, side="top", font=dict(size=WORD_FONT)),
                outlinewidth=1,
            ),
        ),
    )


def _unit_value(a: Any, unit: int, name: str) -> float:
    a = np.asarray(a, dtype=float)
    if a.ndim != 1:
        raise ValueError(f"{name} has shape {a.shape}; the diagram shows one example, shape (H,)")
    if not 0 <= unit < a.size:
        raise ValueError(f"unit {unit} is out of range for H = {a.size} (0 … {a.size - 1})")
    return float(a[unit])


# --- the LSTM cell -------------------------------------------------------------------------------


def lstm_cell_values(c_prev: Any, step: Any, unit: int = 0) -> dict[str, float]:
    """The numbers the diagram shows for hidden unit `unit`: c_prev, f, fc = f·c_prev, i, g,
    ig = i·g, c, tanh_c, o, h. `step` is anything with arrays i, f, g, o, c, h of shape (H,)
    (lstm_core's LSTMStep); its tanh_c is used when it has one."""
    s = {name: _unit_value(getattr(step, name), unit, f"step.{name}") for name in "ifgoch"}
    c_prev_u = _unit_value(c_prev, unit, "c_prev")
    tanh_c = getattr(step, "tanh_c", None)
    return {
        "c_prev": c_prev_u,
        "f": s["f"],
        "fc": s["f"] * c_prev_u,
        "i": s["i"],
        "g": s["g"],
        "ig": s["i"] * s["g"],
        "c": s["c"],
        "tanh_c": math.tanh(s["c"]) if tanh_c is None else _unit_value(tanh_c, unit, "tanh_c"),
        "o": s["o"],
        "h": s["h"],
    }


def _pre_activations(step: Any, unit: int, hidden: int) -> dict[str, float]:
    """The unit's pre-activations W x + U h + b per gate, if the step carries them as `a`
    (4H,) in the order i, f, g, o (lstm_core does); else {}."""
    a = getattr(step, "a", None)
    if a is None or np.shape(a) != (4 * hidden,):
        return {}
    return {gate: float(a[k * hidden + unit]) for k, gate in enumerate("ifgo")}


def lstm_cell_diagram(
    x: Any,
    h_prev: Any,
    c_prev: Any,
    step: Any,
    unit: int = 0,
    lang: str = "en",
    variant: str = "standard",
) -> go.Figure:
    """The LSTM cell at one step for hidden unit `unit`, every wire and node labelled with its
    value; x (D,), h_prev (H,), c_prev (H,) are the step's inputs and `step` has i, f, g, o, c, h
    of shape (H,), e.g. lstm_core.lstm_step(p, x, h_prev, c_prev, variant). `variant`
    ("standard", "no_forget", "coupled") changes how the f box is drawn and explained.
    The unrounded numbers shown are in fig.layout.meta["values"] (keys as lstm_cell_values)."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; expected one of {', '.join(VARIANTS)}")
    x = np.asarray(x, dtype=float).ravel()
    h_prev = np.asarray(h_prev, dtype=float).ravel()
    v = lstm_cell_values(c_prev, step, unit)
    hidden = int(np.shape(step.h)[0])
    pre = _pre_activations(step, unit, hidden)
    n = format_number
    canvas = _Canvas()

    # Wires first (shapes below), then boxes, nodes and chips over them.
    kept_width = KEPT_WIDTH[0] + KEPT_WIDTH[1] * float(np.clip(v["f"], 0.0, 1.0))
    canvas.wire([(0, CELL_Y), (F_X, CELL_Y)], width=sum(KEPT_WIDTH), name="cell_line_in")
    canvas.wire([(F_X, CELL_Y), (G_X, CELL_Y)], width=kept_width, name="cell_line_kept")
    canvas.wire([(G_X, CELL_Y), (100, CELL_Y)], width=4, name="cell_line_out", arrow=True)
    canvas.wire([(0, BUS_Y), (O_X, BUS_Y)], name="bus")
    canvas.wire([(X_IN_X, 9.5), (X_IN_X, BUS_Y)], name="x_in")
    for gx in (F_X, I_X, G_X, O_X):
        # Without a forget gate, or with f = 1 − i, f has no weights of its own: a pale feed.
        unused = gx == F_X and variant != "standard"
        canvas.wire(
            [(gx, BUS_Y), (gx, BOX_Y - BOX_HALF_H)],
            arrow=True,
            color=UNUSED_WIRE if unused else WIRE,
            dash="dot" if unused else "solid",
        )
    box_top = BOX_Y + BOX_HALF_H
    canvas.wire([(F_X, box_top), (F_X, CELL_Y)], arrow=True, standoff=NODE_R)
    canvas.wire([(I_X, box_top), (I_X, IG_Y), (G_X, IG_Y)], arrow=True, standoff=NODE_R)
    canvas.wire([(G_X, box_top), (G_X, IG_Y)], arrow=True, standoff=NODE_R)
    canvas.wire([(G_X, IG_Y), (G_X, CELL_Y)], arrow=True, standoff=NODE_R)
    canvas.wire([(OUT_X, CELL_Y), (OUT_X, TANH_Y + TANH_HALF_H)], arrow=True)
    canvas.wire([(OUT_X, TANH_Y - TANH_HALF_H), (OUT_X, BOX_Y)], arrow=True, standoff=NODE_R)
    canvas.wire([(O_X + BOX_HALF_W, BOX_Y), (OUT_X, BOX_Y)], arrow=True, standoff=NODE_R)
    canvas.wire([(OUT_X, BOX_Y), (100, BOX_Y)], arrow=True, name="h_out_right")
    canvas.wire([(H_X, BOX_Y), (H_X, H_CHIP_Y)], arrow=True, standoff=CHIP_H / 2, name="h_out_up")

    # The gate boxes: σ gates on the sequential scale, the candidate g on the diverging one.
    gates = (
        ("f", F_X, "diagram.forget_gate"),
        ("i", I_X, "diagram.input_gate"),
        ("g", G_X, "diagram.candidate"),
        ("o", O_X, "diagram.output_gate"),
    )
    for k, (gate, gx, word_key) in enumerate(gates):
        value = v[gate]
        act = "tanh" if gate == "g" else "σ"
        fill = signed_color(value) if gate == "g" else gate_color(value)
        name = f"<b>{_sub(gate, 't')}</b>"
        text = f"<span style='font-size:11px'>{act}</span><br>{name}<br>{n(value)}"
        formula = (
            f"{_sub(gate, 't')} = {act}({_sub('W', gate)} {_sub('x', 't')} + "
            f"{_sub('U', gate)} {_sub('h', 't−1')} + {_sub('b', gate)})"
        )
        if gate in pre:
            formula += f" = {act}({n(pre[gate])})"
        formula += f" = {n(value)}"
        words, dash = t(f"diagram.hover.{gate}", lang), "solid"
        if gate == "f" and variant == "no_forget":
            fill, dash = FIXED_FILL, "dot"
            text = f"{name} = 1<br>({t('diagram.fixed', lang)})"
            formula, words = f"{_sub('f', 't')} = 1", t("diagram.hover.f_no_forget", lang)
        elif gate == "f" and variant == "coupled":
            text = f"{name}<br>= 1 − {_sub('i', 't')}<br>{n(value)}"
            formula = f"{_sub('f', 't')} = 1 − {_sub('i', 't')} = 1 − {n(v['i'])} = {n(value)}"
            words = t("diagram.hover.f_coupled", lang)
        canvas.box(f"box_{gate}", gx, BOX_Y, (BOX_HALF_W, BOX_HALF_H), fill, text, dash=dash)
        canvas.hover(gx, BOX_Y, formula, words)
        # Their names in two staggered lanes under the boxes, so neighbours never collide.
        lane_y = BUS_Y + (8.5 if k % 2 == 0 else 4.0)
        canvas.label(gx, lane_y, t(word_key, lang), size=WORD_FONT, color=MUTED, bgcolor="white")

    # The products and the sum: one number per unit, so ⊙ is an ordinary ×.
    canvas.node("node_forget", F_X, CELL_Y, "×")
    canvas.node("node_write", G_X, IG_Y, "×")
    canvas.node("node_add", G_X, CELL_Y, "+")
    canvas.node("node_out", OUT_X, BOX_Y, "×")
    fc_name = f"{_sub('f', 't')}·{_sub('c', 't−1')}"
    ig_name = f"{_sub('i', 't')}·{_sub('g', 't')}"
    canvas.label((F_X + G_X) / 2, CELL_Y - 3.5, f"{fc_name} = {n(v['fc'])}", yanchor="top")
    # Two short lines, so that even at 360 px it ends before the tanh(c_t) box.
    canvas.label(G_X, IG_Y, f"{ig_name}<br>= {n(v['ig'])}", xanchor="left", xshift=NODE_R + 5)
    canvas.hover(
        F_X,
        CELL_Y,
        f"{_sub('f', 't')} ⊙ {_sub('c', 't−1')} = {n(v['f'])} × {_term(v['c_prev'])}"
        f" = {n(v['fc'])}",
        t("diagram.hover.fc", lang),
    )
    canvas.hover(
        G_X,
        IG_Y,
        f"{_sub('i', 't')} ⊙ {_sub('g', 't')} = {n(v['i'])} × {_term(v['g'])} = {n(v['ig'])}",
        t("diagram.hover.ig", lang),
    )
    c_formula = (
        f"{_sub('c', 't')} = {_sub('f', 't')} ⊙ {_sub('c', 't−1')} + {_sub('i', 't')} ⊙ "
        f"{_sub('g', 't')}<br>= {n(v['fc'])} + {_term(v['ig'])} = {n(v['c'])}"
    )
    canvas.hover(G_X, CELL_Y, c_formula, t("diagram.hover.c", lang))
    h_formula = (
        f"{_sub('h', 't')} = {_sub('o', 't')} ⊙ tanh({_sub('c', 't')})"
        f"<br>= {n(v['o'])} × {_term(v['tanh_c'])} = {n(v['h'])}"
    )
    canvas.hover(OUT_X, BOX_Y, h_formula, t("diagram.hover.h", lang))

    # tanh(c_t), coloured as a signed value.
    canvas.box(
        "box_tanh_c",
        OUT_X,
        TANH_Y,
        (TANH_HALF_W, TANH_HALF_H),
        signed_color(v["tanh_c"]),
        f"<span style='font-size:11px'>tanh</span><br>{n(v['tanh_c'])}",
    )
    canvas.hover(
        OUT_X,
        TANH_Y,
        f"tanh({_sub('c', 't')}) = tanh({n(v['c'])}) = {n(v['tanh_c'])}",
        t("diagram.hover.tanh_c", lang),
    )

    # The states: c_{t-1} entering, c_t after the +, h_t leaving upwards and to the right.
    canvas.chip("chip_c_prev", 0, CELL_Y, signed_color(v["c_prev"]), n(v["c_prev"]), "left")
    canvas.hover(
        2, CELL_Y, f"{_sub('c', 't−1')} = {n(v['c_prev'])}", t("diagram.hover.c_prev", lang)
    )
    canvas.chip("chip_c", C_CHIP_X, CELL_Y, signed_color(v["c"]), n(v["c"]), "center")
    canvas.hover(C_CHIP_X, CELL_Y, c_formula, t("diagram.hover.c", lang))
    canvas.chip("chip_h", H_X, H_CHIP_Y, signed_color(v["h"]), n(v["h"]), "center")
    canvas.hover(H_X, H_CHIP_Y, h_formula, t("diagram.hover.h", lang))
    c_prev_title = f"<b>{_sub('c', 't−1')}</b>  {t('diagram.c_prev', lang)}"
    canvas.label(0, TITLE_Y, c_prev_title, size=LABEL_FONT, xanchor="left")
    c_title = f"<b>{_sub('c', 't')}</b>  {t('diagram.c_new', lang)}"
    canvas.label(C_CHIP_X, TITLE_Y, c_title, size=LABEL_FONT)
    canvas.label(H_X, 75, f"<b>{_sub('h', 't')}</b>", size=LABEL_FONT, xanchor="left", xshift=4)
    canvas.label(
        100,
        BOX_Y - 4,
        f"<b>{_sub('h', 't')}</b><br>{t('diagram.h_new', lang)}",
        size=LABEL_FONT,
        xanchor="right",
        yanchor="top",
    )

    # The inputs, whole vectors: every unit's gates see all of x_t and h_{t-1}.
    canvas.label(
        0,
        BUS_Y - 2,
        f"<b>{_sub('h', 't−1')}</b>  {t('diagram.h_prev', lang)}<br>{format_vector(h_prev, 'h')}",
        size=LABEL_FONT,
        xanchor="left",
        yanchor="top",
    )
    canvas.hover(
        2,
        BUS_Y,
        f"{_sub('h', 't−1')} = {_vector_lines(h_prev)}",
        t("diagram.hover.h_prev", lang),
    )
    canvas.label(
        X_IN_X,
        9,
        f"<b>{_sub('x', 't')}</b>  {t('diagram.x', lang)}<br>{format_vector(x, 'x')}",
        size=LABEL_FONT,
        yanchor="top",
    )
    canvas.hover(X_IN_X, 10, f"{_sub('x', 't')} = {_vector_lines(x)}", t("diagram.hover.x", lang))
    canvas.note(t("diagram.unit", lang, unit=unit + 1, size=hidden))

    legend = (
        _colorbar(_GATE_STOPS, 0.0, 1.0, t("diagram.scale_gate", lang), 0.0, "left"),
        _colorbar(_SIGNED_STOPS, -1.0, 1.0, t("diagram.scale_signed", lang), 1.0, "right"),
    )
    meta = {"values": v, "unit": unit, "variant": variant}
    return canvas.figure(height=LSTM_HEIGHT, meta=meta, extra=legend, bottom=50)


# --- the plain RNN cell --------------------------------------------------------------------------


def rnn_cell_diagram(
    x: Any,
    h_prev: Any,
    h: Any,
    unit: int = 0,
    lang: str = "en",
    pre_activation: Any = None,
) -> go.Figure:
    """The plain RNN step h_t = tanh(W x_t + U h_{t-1} + b) for hidden unit `unit`, drawn like
    the LSTM cell: x (D,), h_prev (H,), h (H,) the new state (an RNNStep with .h and .a also
    works), pre_activation (H,) optional. fig.layout.meta["values"] is {"h": ...}, plus "a"
    (the pre-activation) when it is known."""
    if hasattr(h, "h"):
        pre_activation = getattr(h, "a", None) if pre_activation is None else pre_activation
        h = h.h
    x = np.asarray(x, dtype=float).ravel()
    h_prev = np.asarray(h_prev, dtype=float).ravel()
    values = {"h": _unit_value(h, unit, "h")}
    if pre_activation is not None:
        values["a"] = _unit_value(pre_activation, unit, "pre_activation")
    hidden = int(np.shape(h)[0])
    n = format_number
    canvas = _Canvas()

    box_x, box_y, half_w, half_h = 50, 52, 10, 14
    up_x, chip_y = 88, 84
    canvas.wire([(0, 30), (box_x, 30), (box_x, box_y - half_h)], arrow=True, name="bus")
    canvas.wire([(35, 14), (35, 30)], name="x_in")
    canvas.wire([(box_x + half_w, box_y), (100, box_y)], arrow=True, name="h_out_right")
    canvas.wire([(up_x, box_y), (up_x, chip_y)], arrow=True, standoff=CHIP_H / 2, name="h_out_up")

    fill = signed_color(values["h"])
    name = f"<b>{_sub('h', 't')}</b>"
    canvas.box(
        "box_h",
        box_x,
        box_y,
        (half_w, half_h),
        fill,
        f"<span style='font-size:11px'>tanh</span><br>{name}<br>{n(values['h'])}",
    )
    formula = f"{_sub('h', 't')} = tanh(W {_sub('x', 't')} + U {_sub('h', 't−1')} + b)"
    if "a" in values:
        formula += f" = tanh({n(values['a'])})"
    formula += f" = {n(values['h'])}"
    canvas.hover(box_x, box_y, formula, t("diagram.hover.rnn_h", lang))
    canvas.chip("chip_h", up_x, chip_y, fill, n(values["h"]), "center")
    canvas.hover(up_x, chip_y, formula, t("diagram.hover.rnn_h", lang))

    title = f"<b>{t('diagram.rnn_title', lang)}</b>"
    canvas.label(0, 97, title, size=LABEL_FONT, xanchor="left", yanchor="top")
    canvas.label(
        100, box_y - 4, f"<b>{_sub('h', 't')}</b>", size=LABEL_FONT, xanchor="right", yanchor="top"
    )
    canvas.label(
        0,
        36,
        f"<b>{_sub('h', 't−1')}</b>  {t('diagram.h_prev', lang)}<br>{format_vector(h_prev, 'h')}",
        size=LABEL_FONT,
        xanchor="left",
        yanchor="bottom",
    )
    canvas.hover(
        2, 30, f"{_sub('h', 't−1')} = {_vector_lines(h_prev)}", t("diagram.hover.h_prev", lang)
    )
    canvas.label(
        35,
        12,
        f"<b>{_sub('x', 't')}</b>  {t('diagram.x', lang)}<br>{format_vector(x, 'x')}",
        size=LABEL_FONT,
        yanchor="top",
    )
    canvas.hover(35, 14, f"{_sub('x', 't')} = {_vector_lines(x)}", t("diagram.hover.x", lang))
    canvas.label(
        100,
        2,
        t("diagram.unit", lang, unit=unit + 1, size=hidden),
        size=WORD_FONT,
        color=MUTED,
        xanchor="right",
        yanchor="bottom",
    )
    return canvas.figure(height=RNN_HEIGHT, meta={"values": values, "unit": unit})
