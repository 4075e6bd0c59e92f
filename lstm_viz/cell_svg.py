"""The LSTM and plain RNN cell diagrams as one inline SVG string: the same picture as
lstm_viz.cell_diagram draws with plotly (the same `Picture` of primitives, drawn by a second
back end), for a page that redraws it on every slider step.

- `lstm_cell_svg(x, h_prev, c_prev, step, unit, lang, variant)`, `rnn_cell_svg(x, h_prev, h,
  unit, lang, pre_activation)`: arguments as lstm_cell_diagram / rnn_cell_diagram; each returns
  an `<svg>` element 100% wide and of fixed height (450 px and 260 px).
- `lstm_cell_meta(...)`, `rnn_cell_meta(...)`: the dict the plotly figure carries as
  layout.meta ({"values": {...}, "unit": ...}); the SVG holds it too, as JSON in `data-meta`,
  which `svg_meta(svg)` reads back.

Layout: x in percent of the width, y in px, so the picture stretches sideways like the plotly
chart while text keeps its size (readable at 400 px, and scaled by presenter mode's CSS zoom
like the rest of the page). Whatever is sized in px (nodes, chips, arrowheads, text) sits in a
nested `<svg x="..%" y=".." overflow="visible">` placed at its anchor point. Each box, node and
chip has a `<title>` (the formula with its numbers and a sentence; a browser shows it on hover);
the whole picture is role="img" with an aria-label that says the step in words. Text is plain
SVG (tspans for bold and subscripts), no script, no external resource: the string is also a
file a teacher can download and open or paste into slides.
"""

from __future__ import annotations

import html
import json
import re
from html import escape
from typing import Any

import numpy as np

from lstm_viz.cell_diagram import (
    ARROW_STUB,
    CHIP_H,
    CHIP_W,
    HOVER_SIZE,
    LABEL_FONT,
    MARGIN,
    MUTED,
    NODE_FONT,
    NODE_LINE,
    NODE_R,
    NOTE_SHIFT,
    SCALE_LENGTH,
    SCALE_THICKNESS,
    WORD_FONT,
    Box,
    Chip,
    Hover,
    Label,
    Node,
    Note,
    Picture,
    Wire,
    arrow_width,
    chip_left,
    lstm_cell_picture,
    lstm_cell_values,
    rnn_cell_picture,
    rnn_cell_values,
    scale_ticks,
    text_color_for,
)
from lstm_viz.i18n import t
from lstm_viz.numbers import format_number, percent
from lstm_viz.theme import FONT

SIDE = 1.0  # % of the width left free on each side (plotly's 6 px margin at 600 px)
LINE_HEIGHT = 1.3  # of the font size, as plotly spaces the lines of an annotation
SUB_SCALE = 0.7  # a subscript's size
HALO = 4  # px of white around a label set on a wire
ARROW_HEAD = "M-3.7,-2.5V2.5L1.3,0Z"  # plotly's arrowhead 2, pointing along +x, tip near 0


# --- numbers to places ---------------------------------------------------------------------------


def _px(v: float) -> str:
    """A length in px, short: 12, 3.5, 401.25."""
    return f"{round(float(v), 2):g}"


def _pct(u: float) -> str:
    """Axis unit u in [0, 100] as a percentage of the width, margins left free."""
    return f"{round(SIDE + _span(u), 3):g}%"


def _span(d: float) -> float:
    """A length of d axis units in percent of the width."""
    return d * (100 - 2 * SIDE) / 100


class _Frame:
    """Where the [0, 100] x [0, 100] area lies: y in px from the top of the SVG."""

    def __init__(self, picture: Picture) -> None:
        self.top = MARGIN
        self.bottom = picture.height - picture.bottom  # the area's lower edge, px

    def y(self, v: float) -> float:
        return self.top + (self.bottom - self.top) * (1 - v / 100)


# --- plotly's little markup (<b>, <br>, <sub>, <span style='font-size:..px'>) to tspans -----------

_TAG = re.compile(r"(<[^>]+>)")
_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")


def _lines(markup: str) -> list[list[tuple[str, bool, bool, float | None]]]:
    """Lines of runs (text, bold, subscript, font size or None) of a label's markup."""
    lines: list[list[tuple[str, bool, bool, float | None]]] = [[]]
    bold, sub, sizes = False, False, [None]
    for token in _TAG.split(markup):
        tag = token.lower()
        if tag.startswith("<br"):
            lines.append([])
        elif tag in ("<b>", "</b>"):
            bold = tag == "<b>"
        elif tag in ("<sub>", "</sub>"):
            sub = tag == "<sub>"
        elif tag.startswith("<span"):
            found = _SIZE.search(token)
            sizes.append(float(found.group(1)) if found else sizes[-1])
        elif tag == "</span>":
            sizes.pop() if len(sizes) > 1 else None
        elif token and not tag.startswith("<"):
            lines[-1].append((token, bold, sub, sizes[-1]))
    return lines


def plain_text(markup: str) -> str:
    """The markup as plain text for a <title> or aria-label: c<sub>t−1</sub> → c_{t−1},
    <br> → a new line."""
    rows = []
    for runs in _lines(markup):
        parts = []
        for text, _, sub, _ in runs:
            parts.append(("_" + text if len(text) == 1 else "_{" + text + "}") if sub else text)
        rows.append("".join(parts))
    return "\n".join(rows)


def _text(label: Label, frame: _Frame, fill: str | None = None) -> str:
    """A label as a nested <svg> at its anchor holding one <text> of tspans per line."""
    lines = _lines(label.text)
    step = LINE_HEIGHT * label.size
    block = step * len(lines)
    first = {"top": step / 2, "bottom": step / 2 - block}.get(label.yanchor, step / 2 - block / 2)
    anchor = {"left": "start", "right": "end"}.get(label.xanchor, "middle")
    spans = []
    for k, runs in enumerate(lines):
        for j, (text, bold, sub, size) in enumerate(runs):
            attrs = f' x="{_px(label.xshift)}" y="{_px(first + k * step)}"' if j == 0 else ""
            size = (size or label.size) * (SUB_SCALE if sub else 1)
            if size != label.size:
                attrs += f' font-size="{_px(size)}"'
            if bold:
                attrs += ' font-weight="bold"'
            if sub:
                attrs += ' baseline-shift="sub"'
            spans.append(f"<tspan{attrs}>{escape(text)}</tspan>")
    halo = ""
    if label.bgcolor:  # a label set on a wire masks the wire behind it
        halo = (
            f' stroke="{label.bgcolor}" stroke-width="{HALO}" stroke-linejoin="round"'
            ' paint-order="stroke"'
        )
    return (
        f'<svg x="{_pct(label.x)}" y="{_px(frame.y(label.y))}" overflow="visible">'
        f'<text text-anchor="{anchor}" dominant-baseline="central" font-size="{label.size}"'
        f' fill="{fill or label.color}"{halo}>{"".join(spans)}</text></svg>'
    )


# --- the primitives ------------------------------------------------------------------------------


def _dash(dash: str, width: float) -> str:
    if dash == "solid":
        return ""
    d = max(width, 3)  # as plotly.js: a dot is max(width, 3) px long, with as much gap
    if dash == "dash":  # plotly.js: dashes three dots long
        return f' stroke-dasharray="{_px(3 * d)},{_px(d)}"'
    return f' stroke-dasharray="{_px(d)},{_px(d)}"'


def _wire(wire: Wire, frame: _Frame) -> list[str]:
    """Axis-parallel segments as <line>s (percent x cannot go in a path), then the arrowhead."""
    out = []
    cap = "square" if len(wire.points) > 2 else "butt"  # square ends close the corners
    for (xa, ya), (xb, yb) in zip(wire.points, wire.points[1:], strict=False):
        out.append(
            f'<line x1="{_pct(xa)}" y1="{_px(frame.y(ya))}" x2="{_pct(xb)}" y2="{_px(frame.y(yb))}"'
            f' stroke="{wire.color}" stroke-width="{_px(wire.width)}" stroke-linecap="{cap}"'
            f"{_dash(wire.dash, wire.width)}"
            + (f' data-part="{wire.name}"' if wire.name else "")
            + "/>"
        )
    return out


def _arrowhead(wire: Wire, frame: _Frame) -> str:
    """The head at the wire's end, `standoff` px short of it, with a stub of shaft."""
    (x0, y0), (x, y) = wire.points[-2], wire.points[-1]
    angle = {(1, 0): 0, (-1, 0): 180, (0, 1): -90, (0, -1): 90}[
        (int(np.sign(x - x0)), int(np.sign(y - y0)))
    ]
    width = arrow_width(wire.width)
    scale = 1.1 * width  # plotly: arrowsize × arrowwidth
    tip = -wire.standoff
    return (
        f'<svg x="{_pct(x)}" y="{_px(frame.y(y))}" overflow="visible">'
        f'<g transform="rotate({angle})" fill="{wire.color}" stroke="{wire.color}">'
        f'<line x1="{_px(tip - ARROW_STUB)}" y1="0" x2="{_px(tip - 1.3 * scale)}" y2="0"'
        f' stroke-width="{_px(width)}"/>'
        f'<path d="{ARROW_HEAD}" stroke="none"'
        f' transform="translate({_px(tip - 1.3 * scale)} 0) scale({_px(scale)})"/>'
        "</g></svg>"
    )


def _titled(part: str, body: str, titles: dict[str, str]) -> str:
    title = f"<title>{escape(titles[part])}</title>" if part in titles else ""
    return f'<g data-part="{part}">{title}{body}</g>'


def _box(box: Box, frame: _Frame, titles: dict[str, str]) -> str:
    w, h = box.half_size
    top, bottom = frame.y(box.y + h), frame.y(box.y - h)
    rect = (
        f'<rect x="{_pct(box.x - w)}" y="{_px(top)}" width="{round(_span(2 * w), 3):g}%"'
        f' height="{_px(bottom - top)}" fill="{box.fill}" stroke="{NODE_LINE}"'
        f' stroke-width="1.5"{_dash(box.dash, 1.5)}/>'
    )
    text = _text(Label(box.x, box.y, box.text), frame, fill=text_color_for(box.fill))
    return _titled(box.name, rect + text, titles)


def _chip(chip: Chip, frame: _Frame, titles: dict[str, str]) -> str:
    x0 = chip_left(chip.anchor)
    rect = (
        f'<svg x="{_pct(chip.x)}" y="{_px(frame.y(chip.y))}" overflow="visible">'
        f'<rect x="{_px(x0)}" y="{_px(-CHIP_H / 2)}" width="{CHIP_W}" height="{CHIP_H}"'
        f' fill="{chip.fill}" stroke="{NODE_LINE}" stroke-width="1.5"/></svg>'
    )
    label = Label(chip.x, chip.y, chip.text, xshift=x0 + CHIP_W / 2)
    return _titled(chip.name, rect + _text(label, frame, fill=text_color_for(chip.fill)), titles)


def _node(node: Node, frame: _Frame, titles: dict[str, str]) -> str:
    circle = (
        f'<svg x="{_pct(node.x)}" y="{_px(frame.y(node.y))}" overflow="visible">'
        f'<circle r="{NODE_R}" fill="white" stroke="{NODE_LINE}" stroke-width="1.5"/></svg>'
    )
    label = Label(node.x, node.y, f"<b>{node.symbol}</b>", size=NODE_FONT)
    return _titled(node.name, circle + _text(label, frame), titles)


def _note(note: Note, frame: _Frame) -> str:
    y = frame.bottom + NOTE_SHIFT + LINE_HEIGHT * WORD_FONT / 2
    return (
        f'<text x="50%" y="{_px(y)}" text-anchor="middle" dominant-baseline="central"'
        f' font-size="{WORD_FONT}" fill="{MUTED}">{escape(plain_text(note.text))}</text>'
    )


def _hover(hover: Hover, frame: _Frame) -> str:
    """A hover point that belongs to no part: an invisible circle with the <title>."""
    return (
        f'<svg x="{_pct(hover.x)}" y="{_px(frame.y(hover.y))}" overflow="visible">'
        f'<circle r="{HOVER_SIZE / 2}" fill="white" fill-opacity="0">'
        f"<title>{escape(_title(hover))}</title></circle></svg>"
    )


def _title(hover: Hover) -> str:
    return plain_text(hover.formula) + "\n" + plain_text(hover.words)


def _scales(picture: Picture, frame: _Frame) -> tuple[str, str]:
    """The colour bars below the area: gradients for <defs>, and the bars with their titles and
    ticks (the gate scale at the left edge, the signed scale at the right)."""
    defs, bars = [], []
    for side, (stops, low, high, title) in zip(("left", "right"), picture.scales, strict=False):
        gradient = f"lstm-viz-scale-{side}"  # the same stops wherever the id is repeated
        defs.append(
            f'<linearGradient id="{gradient}">'
            + "".join(f'<stop offset="{_px(p)}" stop-color="{color}"/>' for p, color in stops)
            + "</linearGradient>"
        )
        x0 = MARGIN if side == "left" else -MARGIN - SCALE_LENGTH
        top = frame.bottom + 4 + WORD_FONT
        ticks = "".join(
            f'<text x="{_px(x0 + SCALE_LENGTH * (v - low) / (high - low))}"'
            f' y="{_px(top + SCALE_THICKNESS + 3 + WORD_FONT / 2)}" text-anchor="middle"'
            f' dominant-baseline="central">{escape(text)}</text>'
            for v, text in scale_ticks(low, high)
        )
        bars.append(
            f'<svg x="{"0" if side == "left" else "100%"}" y="0" overflow="visible"'
            f' font-size="{WORD_FONT}">'
            f'<text x="{_px(x0)}" y="{_px(frame.bottom + 2 + WORD_FONT / 2)}"'
            f' dominant-baseline="central">{escape(plain_text(title))}</text>'
            f'<rect x="{_px(x0)}" y="{_px(top)}" width="{SCALE_LENGTH}"'
            f' height="{SCALE_THICKNESS}" fill="url(#{gradient})" stroke="{NODE_LINE}"'
            f' stroke-width="1"/>{ticks}</svg>'
        )
    return "".join(defs), "".join(bars)


# --- the document ---------------------------------------------------------------------------------


def picture_svg(picture: Picture, aria_label: str, width: str = "100%") -> str:
    """The picture as one <svg> element `width` wide (a CSS length; "100%" in a page, e.g.
    "960" for a file) and picture.height px high."""
    frame = _Frame(picture)
    titles = {h.part: _title(h) for h in picture.items if isinstance(h, Hover) and h.part}
    below, above, heads = [], [], []  # plotly draws wires below, annotation arrows on top
    for item in picture.items:
        if isinstance(item, Wire):
            below += _wire(item, frame)
            heads += [_arrowhead(item, frame)] if item.arrow else []
        elif isinstance(item, Hover):
            above += [] if item.part else [_hover(item, frame)]
        else:
            above.append(_DRAW[type(item)](item, frame, titles))
    defs, bars = _scales(picture, frame)
    lang = picture.lang if picture.lang in ("en", "ko") else "en"
    meta = escape(json.dumps(picture.meta, ensure_ascii=False, separators=(",", ":")))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{escape(width)}"'
        f' height="{picture.height}" role="img" aria-label="{escape(aria_label)}"'
        f' lang="{lang}" xml:lang="{lang}" font-family="{escape(FONT["family"])}"'
        f' font-size="{LABEL_FONT}" data-meta="{meta}" style="display:block;overflow:hidden">'
        + (f"<defs>{defs}</defs>" if defs else "")
        + '<rect width="100%" height="100%" fill="white"/>'
        + "".join(below + above + heads)
        + bars
        + "</svg>"
    )


_DRAW = {
    Box: _box,
    Chip: _chip,
    Node: _node,
    Label: lambda label, frame, titles: _text(label, frame),
    Note: lambda note, frame, titles: _note(note, frame),
}


def svg_meta(svg: str) -> dict:
    """The meta dict an SVG of this module carries in data-meta (as lstm_cell_meta)."""
    found = re.search(r'data-meta="([^"]*)"', svg)
    if found is None:
        raise ValueError("not a cell diagram of lstm_viz.cell_svg: no data-meta")
    return json.loads(html.unescape(found.group(1)))


# --- the two cells -------------------------------------------------------------------------------


def lstm_cell_meta(
    c_prev: Any, step: Any, unit: int = 0, variant: str = "standard", peephole: Any = None
) -> dict:
    """What lstm_cell_diagram's figure carries as layout.meta: {"values": lstm_cell_values(...),
    "unit": unit, "variant": variant}; the peephole values only in the "peephole" variant."""
    values = lstm_cell_values(c_prev, step, unit, peephole if variant == "peephole" else None)
    return {"values": values, "unit": unit, "variant": variant}


def rnn_cell_meta(h: Any, unit: int = 0, pre_activation: Any = None) -> dict:
    """What rnn_cell_diagram's figure carries as layout.meta: {"values": ..., "unit": unit}."""
    return {"values": rnn_cell_values(h, unit, pre_activation), "unit": unit}


def lstm_aria_label(picture: Picture) -> str:
    """The step in one sentence for a screen reader, in the picture's language."""
    v, lang = picture.meta["values"], picture.lang
    n = format_number
    numbers = dict(f=n(v["f"]), c_prev=n(v["c_prev"]), fc=n(v["fc"]), percent=percent(v["f"]))
    forget_key = {"no_forget": "diagram.aria.keep_all", "coupled": "diagram.aria.keep_coupled"}
    variant = picture.meta["variant"]
    forget = t(forget_key.get(variant, "diagram.aria.keep"), lang, **numbers)
    text = t(
        "diagram.aria.lstm",
        lang,
        unit=picture.meta["unit"] + 1,
        size=picture.hidden,
        forget=forget,
        squashed="c_t" if variant == "no_output_activation" else "tanh(c_t)",
        **{k: n(v[k]) for k in ("i", "g", "ig", "c", "o", "h")},
    )
    if variant in VARIANT_NOTES:  # what this variant took away (its numbers are 1 or c_t)
        text += " " + t(f"diagram.aria.variant.{variant}", lang)
    return text


VARIANT_NOTES = (
    "peephole",
    "no_input_gate",
    "no_output_gate",
    "no_input_activation",
    "no_output_activation",
)


def lstm_cell_svg(*args: Any, width: str = "100%", **kwargs: Any) -> str:
    """The LSTM cell at one step as an SVG string; arguments as lstm_cell_picture(x, h_prev,
    c_prev, step, unit=0, lang="en", variant="standard", peephole=None) (and
    lstm_cell_diagram), `width` as picture_svg. Its numbers are lstm_cell_meta(c_prev, step,
    unit, variant, peephole)."""
    picture = lstm_cell_picture(*args, **kwargs)
    return picture_svg(picture, lstm_aria_label(picture), width)


def rnn_cell_svg(*args: Any, width: str = "100%", **kwargs: Any) -> str:
    """The plain RNN step as an SVG string; arguments as rnn_cell_picture(x, h_prev, h, unit=0,
    lang="en", pre_activation=None) (and rnn_cell_diagram), `width` as picture_svg. Its numbers
    are rnn_cell_meta(h, unit, pre_activation)."""
    picture = rnn_cell_picture(*args, **kwargs)
    v, unit, lang = picture.meta["values"], picture.meta["unit"], picture.lang
    formula = "h_t = tanh(W x_t + U h_{t−1} + b)"
    formula += f" = tanh({format_number(v['a'])})" if "a" in v else ""
    formula += f" = {format_number(v['h'])}"
    label = t("diagram.aria.rnn", lang, unit=unit + 1, size=picture.hidden, formula=formula)
    return picture_svg(picture, label, width)
