"""The LSTM cell as a picture with the live numbers of one hidden unit; the plain RNN cell too.

The layout is the familiar one (colah, "Understanding LSTM Networks"): the cell state runs along
the top, c_{t-1} -> ⊙ f -> + i⊙g -> c_t; below it the gates f, i, o (σ) and the candidate g (tanh)
are fed by h_{t-1} and x_t; on the right h_t = o ⊙ tanh(c_t) leaves to the right and upwards.

The picture is described once, as primitives (`Wire`, `Box`, `Chip`, `Node`, `Label`, `Note`,
`Hover`) in a `Picture` (lstm_cell_picture, rnn_cell_picture), and drawn by a back end: here as
plotly layout shapes and annotations on hidden axes fixed to [0, 100] x [0, 100]
(plotly_figure), in lstm_viz.cell_svg as one inline SVG. Positions are in those axis units, so
the picture stretches with the chart's width; what must not stretch (the round ⊙ and + nodes,
the value chips, all text) is sized in pixels, and labels sit in separate lanes chosen to stay
apart from about 360 px to 1280 px of chart width. Hover points carry the formula, its numbers,
and a sentence in the chosen language (invisible markers in plotly, <title>s in the SVG).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.colors import (
    colorscale_to_colors,
    colorscale_to_scale,
    find_intermediate_color,
    get_colorscale,
    hex_to_rgb,
    unlabel_rgb,
    validate_colors,
)

from lstm_core import VARIANTS  # each drawn without the part it removes
from lstm_viz.figures import dict_figure
from lstm_viz.i18n import t
from lstm_viz.numbers import MINUS, format_number, format_vector
from lstm_viz.theme import FONT, GATE_SCALE, SIGNED_SCALE, base_layout

WIRE = "#505050"
UNUSED_WIRE = "#b0b0b0"
NODE_LINE = "#333333"
MUTED = "#555555"
FIXED_FILL = "#d4d4d4"  # the greyed-out f box of the 1997 LSTM
PEEP_WIRE = "#7a5195"  # the peephole wires from the cell state to the gates
PEEP_X = {"f": -4.5, "i": -4.0, "o": 4.0}  # where a peephole enters its gate box, from its centre
PEEP_Y = 59  # the peephole from c_{t-1} to i runs along here
VALUE_FONT = 13
LABEL_FONT = 12
WORD_FONT = 11
NODE_FONT = 15  # the × and + in the nodes
SMALL_FONT = 11  # the activation's name above a gate's value
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
MARGIN = 6  # px around the [0, 100] area (below it: room for the colour bars and the note)
LSTM_BOTTOM = 50
NOTE_SHIFT = 14  # px from the area's bottom edge to the note's top
SCALE_LENGTH, SCALE_THICKNESS = 110, 9  # the colour bars, px


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


def _sampler(stops: list[list]):
    """plotly's sample_colorscale(stops, [p])[0] for one point p in [0, 1], with the stops
    parsed once: plotly parses and validates every colour of the scale on each call, which was
    a third of drawing a diagram (▶ Play draws one per step it visits)."""
    scale = colorscale_to_scale(stops)
    colors = validate_colors(colorscale_to_colors(stops), colortype="tuple")  # 0–1, as plotly

    def sample(point: float) -> str:
        high = bisect_left(scale, point)
        low = high - 1
        interpolant = (point - scale[low]) / (scale[high] - scale[low])
        mixed = find_intermediate_color(colors[low], colors[high], interpolant)
        return validate_colors([mixed], colortype="rgb")[0]

    return sample


_gate_sample = _sampler(_GATE_STOPS)
_signed_sample = _sampler(_SIGNED_STOPS)


def gate_color(v: float) -> str:
    """The colour of a gate value on GATE_SCALE, from 0 to 1."""
    return _gate_sample(float(np.clip(v, 0.0, 1.0)))


def signed_color(v: float) -> str:
    """The colour of a value on SIGNED_SCALE from −1 to 1, clipped at ±1 (c may go beyond)."""
    return _signed_sample(float((np.clip(v, -1.0, 1.0) + 1.0) / 2.0))


# --- the picture as a list of primitives, drawn by a back end (plotly here, SVG in cell_svg) ----


@dataclass(frozen=True)
class Wire:
    """A polyline through `points`; with `arrow`, an arrowhead at its last point that stops
    `standoff` px short of it (at the edge of a node)."""

    points: tuple[tuple[float, float], ...]
    width: float = 2.0
    name: str | None = None
    arrow: bool = False
    standoff: float = 0.0
    color: str = WIRE
    dash: str = "solid"


@dataclass(frozen=True)
class Box:
    """A rectangle in axis units filled with `fill`, `text` centred in it in a colour that
    contrasts with the fill."""

    name: str
    x: float
    y: float
    half_size: tuple[float, float]
    fill: str
    text: str
    dash: str = "solid"


@dataclass(frozen=True)
class Chip:
    """A value chip of CHIP_W x CHIP_H px whose `anchor` side ("left", "center") is at x."""

    name: str
    x: float
    y: float
    fill: str
    text: str
    anchor: str


@dataclass(frozen=True)
class Node:
    """A white circle of NODE_R px with an operator symbol in it."""

    name: str
    x: float
    y: float
    symbol: str


@dataclass(frozen=True)
class Label:
    """Text at (x, y) in axis units, shifted `xshift` px; with `bgcolor` it masks the wire
    behind it."""

    x: float
    y: float
    text: str
    size: int = VALUE_FONT
    color: str = "black"
    xanchor: str = "center"
    yanchor: str = "middle"
    name: str | None = None
    xshift: float = 0
    bgcolor: str | None = None


@dataclass(frozen=True)
class Note:
    """A small grey line centred below the plot area (between the colour bars)."""

    text: str


@dataclass(frozen=True)
class Hover:
    """Hover text at (x, y): the formula with its numbers, then `words`; `part` names the box,
    node or chip it explains (the SVG puts the text on that part)."""

    x: float
    y: float
    formula: str
    words: str
    part: str | None = None


@dataclass(frozen=True)
class Picture:
    """One cell diagram as primitives in drawing order, on a [0, 100] x [0, 100] area of
    `height` px less `bottom` px below it (colour bars and the note) and 6 px elsewhere.
    `scales` are the colour bars (stops, low, high, title); `meta` is what the figure carries;
    `hidden` is H."""

    items: tuple[Wire | Box | Chip | Node | Label | Note | Hover, ...]
    height: int
    bottom: int
    meta: dict
    hidden: int
    lang: str
    scales: tuple[tuple[list, float, float, str], ...] = ()


class _Canvas:
    """Collects the primitives of a picture in the order they are drawn."""

    def __init__(self) -> None:
        self.items: list = []

    def wire(self, points: list[tuple[float, float]], **style: Any) -> None:
        self.items.append(Wire(tuple(points), **style))

    def box(self, *args: Any, **kwargs: Any) -> None:
        self.items.append(Box(*args, **kwargs))

    def chip(self, *args: Any) -> None:
        self.items.append(Chip(*args))

    def node(self, *args: Any) -> None:
        self.items.append(Node(*args))

    def label(self, *args: Any, **kwargs: Any) -> None:
        self.items.append(Label(*args, **kwargs))

    def note(self, text: str) -> None:
        self.items.append(Note(text))

    def hover(self, *args: Any, **kwargs: Any) -> None:
        self.items.append(Hover(*args, **kwargs))

    def picture(self, **fields: Any) -> Picture:
        return Picture(items=tuple(self.items), **fields)


# --- the plotly back end: layout shapes, annotations and one trace of hover markers ------------


def _plotly_label(label: Label) -> dict:
    annotation = dict(
        x=label.x,
        y=label.y,
        xref="x",
        yref="y",
        text=label.text,
        showarrow=False,
        xanchor=label.xanchor,
        yanchor=label.yanchor,
        align="center" if label.xanchor == "center" else label.xanchor,
        font=dict(size=label.size, color=label.color),
        xshift=label.xshift,
    )
    if label.name:
        annotation["name"] = label.name
    if label.bgcolor:  # a label set on a wire masks the wire behind it
        annotation.update(bgcolor=label.bgcolor, borderpad=1)
    return annotation


def _plotly_wire(wire: Wire) -> tuple[dict, list[dict]]:
    """The wire's path shape, and its arrowhead annotation if it has one."""
    points = wire.points
    path = " ".join(f"{'M' if k == 0 else 'L'} {x},{y}" for k, (x, y) in enumerate(points))
    line = dict(color=wire.color, width=wire.width, dash=wire.dash)
    shape = dict(type="path", path=path, line=line, layer="below")
    if wire.name:
        shape["name"] = wire.name
    if not wire.arrow:
        return shape, []
    # Only the head and a stub of shaft: an annotation arrow is drawn above every shape,
    # so a full-length shaft would cross the chips and nodes it passes.
    (x0, y0), (x, y) = points[-2], points[-1]
    back = wire.standoff + ARROW_STUB
    head = dict(
        x=x,
        y=y,
        ax=-back * float(np.sign(x - x0)),
        ay=back * float(np.sign(y - y0)),  # pixel y grows downwards
        xref="x",
        yref="y",
        text="",
        showarrow=True,
        arrowhead=2,
        arrowsize=1.1,
        arrowcolor=wire.color,
        standoff=wire.standoff,
        arrowwidth=arrow_width(wire.width),
    )
    return shape, [head]


def arrow_width(width: float) -> float:
    """The arrowhead's line width for a wire `width` px wide."""
    return max(1.5, min(width, 3.0))


def _pixel_shape(
    kind: str, name: str, x: float, y: float, x0: float, x1: float, half_h: float, fill: str
) -> dict:
    """A rect or circle sized in px (x0 … x1, ±half_h) around the point (x, y)."""
    return dict(
        type=kind,
        name=name,
        xsizemode="pixel",
        ysizemode="pixel",
        xanchor=x,
        yanchor=y,
        x0=x0,
        x1=x1,
        y0=-half_h,
        y1=half_h,
        fillcolor=fill,
        line=dict(color=NODE_LINE, width=1.5),
        layer="above",
    )


def _plotly_parts(item: Any) -> tuple[list[dict], list[dict]]:
    """The layout shapes and annotations that draw one primitive."""
    if isinstance(item, Wire):
        shape, heads = _plotly_wire(item)
        return [shape], heads
    if isinstance(item, Box):
        w, h = item.half_size
        rect = dict(
            type="rect",
            name=item.name,
            x0=item.x - w,
            x1=item.x + w,
            y0=item.y - h,
            y1=item.y + h,
            fillcolor=item.fill,
            line=dict(color=NODE_LINE, width=1.5, dash=item.dash),
            layer="above",
        )
        text = Label(item.x, item.y, item.text, color=text_color_for(item.fill), name=item.name)
        return [rect], [_plotly_label(text)]
    if isinstance(item, Chip):
        x0 = chip_left(item.anchor)
        rect = _pixel_shape(
            "rect", item.name, item.x, item.y, x0, x0 + CHIP_W, CHIP_H / 2, item.fill
        )
        color = text_color_for(item.fill)
        shift = x0 + CHIP_W / 2
        text = Label(item.x, item.y, item.text, color=color, name=item.name, xshift=shift)
        return [rect], [_plotly_label(text)]
    if isinstance(item, Node):
        circle = _pixel_shape("circle", item.name, item.x, item.y, -NODE_R, NODE_R, NODE_R, "white")
        text = Label(item.x, item.y, f"<b>{item.symbol}</b>", size=NODE_FONT, name=item.name)
        return [circle], [_plotly_label(text)]
    if isinstance(item, Label):
        return [], [_plotly_label(item)]
    if isinstance(item, Note):
        note = dict(
            x=0.5,
            y=0,
            xref="paper",
            yref="paper",
            yanchor="top",
            yshift=-NOTE_SHIFT,
            text=item.text,
            showarrow=False,
            font=dict(size=WORD_FONT, color=MUTED),
        )
        return [], [note]
    return [], []


def chip_left(anchor: str) -> float:
    """The chip's left edge in px from its anchor point."""
    return 0.0 if anchor == "left" else -CHIP_W / 2


def hover_text(formula: str, words: str) -> str:
    """The formula with its numbers in bold, then `words`, wrapped (plotly markup)."""
    return f"<b>{formula}</b><br>{_wrap(words)}"


def plotly_figure(picture: Picture) -> go.Figure:
    """The picture as a figure: shapes and annotations on hidden [0, 100] axes, one trace of
    invisible hover markers, the colour bars, and `picture.meta` as layout.meta."""
    shapes: list[dict] = []
    annotations: list[dict] = []
    for item in picture.items:
        more_shapes, more_annotations = _plotly_parts(item)
        shapes += more_shapes
        annotations += more_annotations
    hovers = [item for item in picture.items if isinstance(item, Hover)]
    hover_trace = dict(
        type="scatter",
        x=[h.x for h in hovers],
        y=[h.y for h in hovers],
        mode="markers",
        marker=dict(size=HOVER_SIZE, color="rgba(0,0,0,0)"),
        hovertemplate=[hover_text(h.formula, h.words) + "<extra></extra>" for h in hovers],
        showlegend=False,
        name="",
    )
    axis = dict(range=[0, 100], visible=False, fixedrange=True)
    layout = base_layout(
        height=picture.height,
        autosize=True,
        margin=dict(l=MARGIN, r=MARGIN, t=MARGIN, b=picture.bottom),
        hovermode="closest",
        hoverlabel=dict(font=dict(FONT, size=13), bgcolor="white", align="left"),
        dragmode=False,
        showlegend=False,
        xaxis=axis,
        yaxis=axis,
        shapes=shapes,
        annotations=annotations,
        meta=picture.meta,
    )
    bars = [
        _colorbar(stops, low, high, title, side)
        for side, (stops, low, high, title) in zip(("left", "right"), picture.scales, strict=False)
    ]
    return dict_figure([hover_trace, *bars], layout)


def scale_ticks(low: float, high: float) -> list[tuple[float, str]]:
    """The colour bar's ticks: its ends and middle with their labels (0, 0.5, 1 or −1, 0, 1)."""
    return [(v, format_number(v, 1 if v % 1 else 0)) for v in (low, (low + high) / 2, high)]


def _colorbar(scale: list, low: float, high: float, title: str, side: str) -> dict:
    """A trace with no points whose only job is to draw a small horizontal colour bar below the
    plot area, at its `side` ("left" or "right")."""
    mid = (low + high) / 2
    ticks = scale_ticks(low, high)
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
                x=0.0 if side == "left" else 1.0,
                xanchor=side,
                y=0,
                yanchor="top",
                ypad=0,
                len=SCALE_LENGTH,
                lenmode="pixels",
                thickness=SCALE_THICKNESS,
                tickvals=[v for v, _ in ticks],
                ticktext=[text for _, text in ticks],
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


def lstm_cell_values(
    c_prev: Any, step: Any, unit: int = 0, peephole: Any = None
) -> dict[str, float]:
    """The numbers the diagram shows for hidden unit `unit`: c_prev, f, fc = f·c_prev, i, g,
    ig = i·g, c, tanh_c, o, h. `step` is anything with arrays i, f, g, o, c, h of shape (H,)
    (lstm_core's LSTMStep); its tanh_c is used when it has one (in lstm_core's
    "no_output_activation" variant it is c itself: what o multiplies). With `peephole`
    (3, H), rows p_i, p_f, p_o, also p_i, p_f, p_o and what they add to the gates'
    pre-activations: pc_i = p_i·c_prev, pc_f = p_f·c_prev, pc_o = p_o·c (the new c)."""
    s = {name: _unit_value(getattr(step, name), unit, f"step.{name}") for name in "ifgoch"}
    c_prev_u = _unit_value(c_prev, unit, "c_prev")
    tanh_c = getattr(step, "tanh_c", None)
    values = {
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
    if peephole is not None:
        P = np.asarray(peephole, dtype=float)
        if P.ndim != 2 or P.shape[0] != 3:
            raise ValueError(f"peephole has shape {P.shape}; expected (3, H), rows p_i, p_f, p_o")
        for row, gate in enumerate("ifo"):
            values[f"p_{gate}"] = _unit_value(P[row], unit, "peephole")
        values["pc_i"] = values["p_i"] * c_prev_u
        values["pc_f"] = values["p_f"] * c_prev_u
        values["pc_o"] = values["p_o"] * s["c"]
    return values


def _pre_activations(step: Any, unit: int, hidden: int) -> dict[str, float]:
    """The unit's pre-activations W x + U h + b per gate, if the step carries them as `a`
    (4H,) in the order i, f, g, o (lstm_core does); else {}."""
    a = getattr(step, "a", None)
    if a is None or np.shape(a) != (4 * hidden,):
        return {}
    return {gate: float(a[k * hidden + unit]) for k, gate in enumerate("ifgo")}


def lstm_cell_diagram(*args: Any, **kwargs: Any) -> go.Figure:
    """The LSTM cell at one step as a plotly figure; arguments as lstm_cell_picture(x, h_prev,
    c_prev, step, unit=0, lang="en", variant="standard"). The unrounded numbers shown are in
    fig.layout.meta["values"] (keys as lstm_cell_values)."""
    return plotly_figure(lstm_cell_picture(*args, **kwargs))


def lstm_cell_picture(
    x: Any,
    h_prev: Any,
    c_prev: Any,
    step: Any,
    unit: int = 0,
    lang: str = "en",
    variant: str = "standard",
    peephole: Any = None,
) -> Picture:
    """The LSTM cell at one step for hidden unit `unit`, every wire and node labelled with its
    value, as primitives; x (D,), h_prev (H,), c_prev (H,) are the step's inputs and `step` has
    i, f, g, o, c, h of shape (H,), e.g. lstm_core.lstm_step(p, x, h_prev, c_prev, variant).

    `variant` (one of VARIANTS) is drawn without the part it removes: "no_forget" and
    "coupled" grey the f box out; "no_input_gate" has no i box and no i ⊙ g node (g is added
    as it is), "no_output_gate" no o box and no ⊙ on the way out (h = tanh c),
    "no_input_activation" a g box without tanh, "no_output_activation" no tanh box (o
    multiplies c itself); "peephole" adds wires from the cell state to i, f (c_{t-1}) and o
    (the new c_t), with their values when `peephole` (3, H), rows p_i, p_f, p_o, is given.
    Its meta is {"values": lstm_cell_values(c_prev, step, unit, peephole), "unit": unit,
    "variant": variant} (peephole values only for the "peephole" variant)."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; expected one of {', '.join(VARIANTS)}")
    x = np.asarray(x, dtype=float).ravel()
    h_prev = np.asarray(h_prev, dtype=float).ravel()
    peep = variant == "peephole"
    v = lstm_cell_values(c_prev, step, unit, peephole if peep else None)
    hidden = int(np.shape(step.h)[0])
    pre = _pre_activations(step, unit, hidden)
    n = format_number
    canvas = _Canvas()
    has_i, has_o = variant != "no_input_gate", variant != "no_output_gate"
    has_tanh_g, has_tanh_c = variant != "no_input_activation", variant != "no_output_activation"
    columns = {"f": F_X, "i": I_X, "g": G_X, "o": O_X}
    drawn = [gate for gate in "figo" if (gate != "i" or has_i) and (gate != "o" or has_o)]

    # Wires first (shapes below), then boxes, nodes and chips over them.
    kept_width = KEPT_WIDTH[0] + KEPT_WIDTH[1] * float(np.clip(v["f"], 0.0, 1.0))
    canvas.wire([(0, CELL_Y), (F_X, CELL_Y)], width=sum(KEPT_WIDTH), name="cell_line_in")
    canvas.wire([(F_X, CELL_Y), (G_X, CELL_Y)], width=kept_width, name="cell_line_kept")
    canvas.wire([(G_X, CELL_Y), (100, CELL_Y)], width=4, name="cell_line_out", arrow=True)
    canvas.wire([(0, BUS_Y), (columns[drawn[-1]], BUS_Y)], name="bus")
    canvas.wire([(X_IN_X, 9.5), (X_IN_X, BUS_Y)], name="x_in")
    for gate in drawn:
        # Without a forget gate, or with f = 1 − i, f has no weights of its own: a pale feed.
        unused = gate == "f" and variant in ("no_forget", "coupled")
        canvas.wire(
            [(columns[gate], BUS_Y), (columns[gate], BOX_Y - BOX_HALF_H)],
            arrow=True,
            color=UNUSED_WIRE if unused else WIRE,
            dash="dot" if unused else "solid",
        )
    box_top = BOX_Y + BOX_HALF_H
    canvas.wire([(F_X, box_top), (F_X, CELL_Y)], arrow=True, standoff=NODE_R)
    if has_i:
        canvas.wire([(I_X, box_top), (I_X, IG_Y), (G_X, IG_Y)], arrow=True, standoff=NODE_R)
        canvas.wire([(G_X, box_top), (G_X, IG_Y)], arrow=True, standoff=NODE_R)
        canvas.wire([(G_X, IG_Y), (G_X, CELL_Y)], arrow=True, standoff=NODE_R)
    else:  # i = 1: g goes straight into the sum
        canvas.wire([(G_X, box_top), (G_X, CELL_Y)], arrow=True, standoff=NODE_R, name="g_in")
    below_c = TANH_Y + TANH_HALF_H if has_tanh_c else BOX_Y
    canvas.wire([(OUT_X, CELL_Y), (OUT_X, below_c)], arrow=True, standoff=NODE_R * (not has_tanh_c))
    if has_tanh_c and has_o:
        canvas.wire([(OUT_X, TANH_Y - TANH_HALF_H), (OUT_X, BOX_Y)], arrow=True, standoff=NODE_R)
    if has_o:
        canvas.wire([(O_X + BOX_HALF_W, BOX_Y), (OUT_X, BOX_Y)], arrow=True, standoff=NODE_R)
        canvas.wire([(OUT_X, BOX_Y), (100, BOX_Y)], arrow=True, name="h_out_right")
    else:  # o = 1: tanh(c_t) leaves as h_t
        out = [(OUT_X, TANH_Y - TANH_HALF_H), (OUT_X, BOX_Y), (100, BOX_Y)]
        canvas.wire(out, arrow=True, name="h_out_right")
    canvas.wire([(H_X, BOX_Y), (H_X, H_CHIP_Y)], arrow=True, standoff=CHIP_H / 2, name="h_out_up")
    if peep:  # c_{t-1} (before the forget node) to f and i; the new c_t to o
        left, right = F_X + PEEP_X["f"], O_X + PEEP_X["o"]
        style = dict(arrow=True, color=PEEP_WIRE, dash="dash", width=1.5)
        canvas.wire([(left, CELL_Y), (left, box_top)], name="peep_f", **style)
        i_x = I_X + PEEP_X["i"]
        canvas.wire([(left, PEEP_Y), (i_x, PEEP_Y), (i_x, box_top)], name="peep_i", **style)
        canvas.wire([(right, CELL_Y), (right, box_top)], name="peep_o", **style)

    # The gate boxes: σ gates on the sequential scale, the candidate g on the diverging one.
    words = {
        "f": "diagram.forget_gate",
        "i": "diagram.input_gate",
        "g": "diagram.candidate",
        "o": "diagram.output_gate",
    }
    for k, gate in enumerate("figo"):
        if gate not in drawn:
            continue
        gx, value = columns[gate], v[gate]
        act = "tanh" if gate == "g" else "σ"
        fill = signed_color(value) if gate == "g" else gate_color(value)
        name = f"<b>{_sub(gate, 't')}</b>"
        text = f"<span style='font-size:{SMALL_FONT}px'>{act}</span><br>{name}<br>{n(value)}"
        peep_term = ""
        if peep and gate in "ifo":
            c_name = _sub("c", "t" if gate == "o" else "t−1")
            peep_term = f" + {_sub('p', gate)} ⊙ {c_name}"
        formula = (
            f"{_sub(gate, 't')} = {act}({_sub('W', gate)} {_sub('x', 't')} + "
            f"{_sub('U', gate)} {_sub('h', 't−1')}{peep_term} + {_sub('b', gate)})"
        )
        if gate in pre:
            formula += f" = {act}({n(pre[gate])})"
        formula += f" = {n(value)}"
        words_text, dash = t(f"diagram.hover.{gate}", lang), "solid"
        if gate == "f" and variant == "no_forget":
            fill, dash = FIXED_FILL, "dot"
            text = f"{name} = 1<br>({t('diagram.fixed', lang)})"
            formula, words_text = f"{_sub('f', 't')} = 1", t("diagram.hover.f_no_forget", lang)
        elif gate == "f" and variant == "coupled":
            text = f"{name}<br>= 1 − {_sub('i', 't')}<br>{n(value)}"
            formula = f"{_sub('f', 't')} = 1 − {_sub('i', 't')} = 1 − {n(v['i'])} = {n(value)}"
            words_text = t("diagram.hover.f_coupled", lang)
        elif gate == "g" and not has_tanh_g:
            dash = "dot"
            no_tanh = t("diagram.no_tanh", lang)
            text = (
                f"<span style='font-size:{SMALL_FONT}px'>{no_tanh}</span><br>{name}<br>{n(value)}"
            )
            formula = (
                f"{_sub('g', 't')} = {_sub('W', 'g')} {_sub('x', 't')} + {_sub('U', 'g')} "
                f"{_sub('h', 't−1')} + {_sub('b', 'g')} = {n(value)}"
            )
            words_text = t("diagram.hover.g_no_tanh", lang)
        canvas.box(f"box_{gate}", gx, BOX_Y, (BOX_HALF_W, BOX_HALF_H), fill, text, dash=dash)
        canvas.hover(gx, BOX_Y, formula, words_text, part=f"box_{gate}")
        # Their names in two staggered lanes under the boxes, so neighbours never collide.
        lane_y = BUS_Y + (8.5 if k % 2 == 0 else 4.0)
        canvas.label(gx, lane_y, t(words[gate], lang), size=WORD_FONT, color=MUTED, bgcolor="white")

    # The products and the sum: one number per unit, so ⊙ is an ordinary ×.
    canvas.node("node_forget", F_X, CELL_Y, "×")
    if has_i:
        canvas.node("node_write", G_X, IG_Y, "×")
    canvas.node("node_add", G_X, CELL_Y, "+")
    if has_o:
        canvas.node("node_out", OUT_X, BOX_Y, "×")
    fc_name = f"{_sub('f', 't')}·{_sub('c', 't−1')}"
    ig_name = f"{_sub('i', 't')}·{_sub('g', 't')}" if has_i else _sub("g", "t")
    canvas.label((F_X + G_X) / 2, CELL_Y - 3.5, f"{fc_name} = {n(v['fc'])}", yanchor="top")
    # Two short lines, so that even at 360 px it ends before the tanh(c_t) box; over a
    # peephole wire it masks the wire.
    canvas.label(
        G_X,
        IG_Y,
        f"{ig_name}<br>= {n(v['ig'])}",
        xanchor="left",
        xshift=NODE_R + 5,
        bgcolor="white" if peep else None,
    )
    canvas.hover(
        F_X,
        CELL_Y,
        f"{_sub('f', 't')} ⊙ {_sub('c', 't−1')} = {n(v['f'])} × {_term(v['c_prev'])}"
        f" = {n(v['fc'])}",
        t("diagram.hover.fc", lang),
        part="node_forget",
    )
    if has_i:
        canvas.hover(
            G_X,
            IG_Y,
            f"{_sub('i', 't')} ⊙ {_sub('g', 't')} = {n(v['i'])} × {_term(v['g'])} = {n(v['ig'])}",
            t("diagram.hover.ig", lang),
            part="node_write",
        )
    written = f"{_sub('i', 't')} ⊙ {_sub('g', 't')}" if has_i else _sub("g", "t")
    c_formula = (
        f"{_sub('c', 't')} = {_sub('f', 't')} ⊙ {_sub('c', 't−1')} + {written}"
        f"<br>= {n(v['fc'])} + {_term(v['ig'])} = {n(v['c'])}"
    )
    canvas.hover(G_X, CELL_Y, c_formula, t("diagram.hover.c", lang), part="node_add")
    squashed = f"tanh({_sub('c', 't')})" if has_tanh_c else _sub("c", "t")
    if has_o:
        h_formula = (
            f"{_sub('h', 't')} = {_sub('o', 't')} ⊙ {squashed}"
            f"<br>= {n(v['o'])} × {_term(v['tanh_c'])} = {n(v['h'])}"
        )
        canvas.hover(OUT_X, BOX_Y, h_formula, t("diagram.hover.h", lang), part="node_out")
    else:
        h_formula = f"{_sub('h', 't')} = tanh({_sub('c', 't')}) = {n(v['h'])}"

    if has_tanh_c:  # tanh(c_t), coloured as a signed value
        canvas.box(
            "box_tanh_c",
            OUT_X,
            TANH_Y,
            (TANH_HALF_W, TANH_HALF_H),
            signed_color(v["tanh_c"]),
            f"<span style='font-size:{SMALL_FONT}px'>tanh</span><br>{n(v['tanh_c'])}",
        )
        canvas.hover(
            OUT_X,
            TANH_Y,
            f"tanh({_sub('c', 't')}) = tanh({n(v['c'])}) = {n(v['tanh_c'])}",
            t("diagram.hover.tanh_c", lang),
            part="box_tanh_c",
        )
    else:  # o multiplies c_t itself: its value on the wire
        canvas.label(OUT_X, TANH_Y, f"{_sub('c', 't')} = {n(v['c'])}", bgcolor="white")
        canvas.hover(
            OUT_X, TANH_Y, f"{_sub('c', 't')} = {n(v['c'])}", t("diagram.hover.c_raw", lang)
        )

    if peep and "pc_f" in v:  # what each peephole adds to its gate's pre-activation
        for gate, px, c_name in (
            ("f", F_X + PEEP_X["f"], "c_prev"),
            ("i", I_X + PEEP_X["i"], "c_prev"),
            ("o", O_X + PEEP_X["o"], "c"),
        ):
            label_y = box_top + 3.0
            canvas.label(px, label_y, n(v[f"pc_{gate}"]), size=WORD_FONT, bgcolor="white")
            c_sub = _sub("c", "t−1" if c_name == "c_prev" else "t")
            canvas.hover(
                px,
                label_y,
                f"{_sub('p', gate)} ⊙ {c_sub} = {n(v[f'p_{gate}'])} × {_term(v[c_name])}"
                f" = {n(v[f'pc_{gate}'])}",
                t(f"diagram.hover.peep_{gate}", lang),
            )

    # The states: c_{t-1} entering, c_t after the +, h_t leaving upwards and to the right.
    canvas.chip("chip_c_prev", 0, CELL_Y, signed_color(v["c_prev"]), n(v["c_prev"]), "left")
    c_prev_formula = f"{_sub('c', 't−1')} = {n(v['c_prev'])}"
    canvas.hover(2, CELL_Y, c_prev_formula, t("diagram.hover.c_prev", lang), part="chip_c_prev")
    canvas.chip("chip_c", C_CHIP_X, CELL_Y, signed_color(v["c"]), n(v["c"]), "center")
    canvas.hover(C_CHIP_X, CELL_Y, c_formula, t("diagram.hover.c", lang), part="chip_c")
    canvas.chip("chip_h", H_X, H_CHIP_Y, signed_color(v["h"]), n(v["h"]), "center")
    canvas.hover(H_X, H_CHIP_Y, h_formula, t("diagram.hover.h", lang), part="chip_h")
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
    _input_and_unit(canvas, x, unit, hidden, lang)

    scales = (
        (_GATE_STOPS, 0.0, 1.0, t("diagram.scale_gate", lang)),
        (_SIGNED_STOPS, -1.0, 1.0, t("diagram.scale_signed", lang)),
    )
    return canvas.picture(
        height=LSTM_HEIGHT,
        bottom=LSTM_BOTTOM,
        meta={"values": v, "unit": unit, "variant": variant},
        hidden=hidden,
        lang=lang,
        scales=scales,
    )


# --- the plain RNN cell --------------------------------------------------------------------------


def rnn_cell_diagram(*args: Any, **kwargs: Any) -> go.Figure:
    """The plain RNN step as a plotly figure; arguments as rnn_cell_picture(x, h_prev, h,
    unit=0, lang="en", pre_activation=None). fig.layout.meta["values"] is {"h": ...}, plus "a"
    (the pre-activation) when it is known (rnn_cell_values)."""
    return plotly_figure(rnn_cell_picture(*args, **kwargs))


def rnn_cell_values(h: Any, unit: int = 0, pre_activation: Any = None) -> dict[str, float]:
    """The numbers the RNN diagram shows for hidden unit `unit`: {"h": ...}, plus "a" (the
    pre-activation) when it is known; `h` (H,) or an RNNStep with .h and .a."""
    if hasattr(h, "h"):
        pre_activation = getattr(h, "a", None) if pre_activation is None else pre_activation
        h = h.h
    values = {"h": _unit_value(h, unit, "h")}
    if pre_activation is not None:
        values["a"] = _unit_value(pre_activation, unit, "pre_activation")
    return values


def rnn_cell_picture(
    x: Any,
    h_prev: Any,
    h: Any,
    unit: int = 0,
    lang: str = "en",
    pre_activation: Any = None,
) -> Picture:
    """The plain RNN step h_t = tanh(W x_t + U h_{t-1} + b) for hidden unit `unit`, drawn like
    the LSTM cell, as primitives: x (D,), h_prev (H,), h (H,) the new state (an RNNStep with .h
    and .a also works), pre_activation (H,) optional."""
    values = rnn_cell_values(h, unit, pre_activation)
    x = np.asarray(x, dtype=float).ravel()
    h_prev = np.asarray(h_prev, dtype=float).ravel()
    hidden = int(np.shape(getattr(h, "h", h))[0])
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
        f"<span style='font-size:{SMALL_FONT}px'>tanh</span><br>{name}<br>{n(values['h'])}",
    )
    formula = f"{_sub('h', 't')} = tanh(W {_sub('x', 't')} + U {_sub('h', 't−1')} + b)"
    if "a" in values:
        formula += f" = tanh({n(values['a'])})"
    formula += f" = {n(values['h'])}"
    canvas.hover(box_x, box_y, formula, t("diagram.hover.rnn_h", lang), part="box_h")
    canvas.chip("chip_h", up_x, chip_y, fill, n(values["h"]), "center")
    canvas.hover(up_x, chip_y, formula, t("diagram.hover.rnn_h", lang), part="chip_h")

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
    meta = {"values": values, "unit": unit}
    return canvas.picture(height=RNN_HEIGHT, bottom=MARGIN, meta=meta, hidden=hidden, lang=lang)


def _input_and_unit(canvas, x, unit: int, hidden: int, lang: str) -> None:
    """The input x_t at the bottom (its label and hover) and the note naming the unit shown;
    the same in the LSTM and the GRU diagram."""
    canvas.label(
        X_IN_X,
        9,
        f"<b>{_sub('x', 't')}</b>  {t('diagram.x', lang)}<br>{format_vector(x, 'x')}",
        size=LABEL_FONT,
        yanchor="top",
    )
    canvas.hover(X_IN_X, 10, f"{_sub('x', 't')} = {_vector_lines(x)}", t("diagram.hover.x", lang))
    canvas.note(t("diagram.unit", lang, unit=unit + 1, size=hidden))
