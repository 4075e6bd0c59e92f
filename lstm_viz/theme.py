"""Colours and layout shared by every figure, so a quantity looks the same on every page.

Okabe–Ito colours for lines (colour-blind safe); one sequential scale for values in [0, 1]
(gates) and one diverging scale centred on 0 for values in [-1, 1] (g, c, h).
"""

import re

GATE_SCALE = "Cividis"  # sequential, for i, f, o in [0, 1]
SIGNED_SCALE = "RdBu_r"  # diverging, for g, c, h in [-1, 1]: blue < 0 < red, white at 0

MODEL_COLORS = {"rnn": "#D55E00", "lstm": "#0072B2", "lstm_cell": "#009E73"}
QUANTITY_COLORS = {
    "i": "#E69F00",
    "f": "#0072B2",
    "g": "#CC79A7",
    "o": "#009E73",
    "c": "#56B4E9",
    "h": "#D55E00",
    "x": "#000000",
}
FONT = dict(family="Noto Sans, Noto Sans CJK KR, Malgun Gothic, sans-serif", size=14)


def base_layout(**overrides: object) -> dict:
    """Layout settings every figure starts from: readable font, tight margins, white paper."""
    layout = dict(
        font=FONT,
        margin=dict(l=60, r=20, t=50, b=50),
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel=dict(font=FONT),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
    )
    layout.update(overrides)
    return layout


def panel_title(text: str, x: float = 0.0, y: float = 1.0) -> dict:
    """The title of one panel of a figure with several: an annotation whose bottom left corner
    sits at paper position (x, y)."""
    return dict(
        text=text,
        x=x,
        xref="paper",
        xanchor="left",
        y=y,
        yref="paper",
        yanchor="bottom",
        showarrow=False,
        font=dict(size=14),
    )


# Text drawn in figures. Streamlit's chart theme draws tick labels, axis titles and colour-bar
# ticks in a pale grey (its "gray 70") unless a figure names a colour; every text here is at
# least 4.5:1 on white (tests/test_a11y_figures.py computes it from the specs).
TEXT_COLOR = "#262730"  # 15:1 on white
MUTED_TEXT_COLOR = "#555555"  # 7.5:1 on white, for secondary notes
PRESENTER_MIN_PX = 18  # no figure text under this in presenter mode (the back row)
_AXES = ("xaxis", "yaxis")
_CARTESIAN = ("scatter", "scattergl", "bar", "heatmap", "contour", "histogram", "box")
_INLINE_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")


def finished(spec: dict, scale: float = 1.0, min_size: float = 0.0) -> dict:
    """A copy of a figure dict (go.Figure.to_dict()) in which every text it can draw has an
    explicit colour (TEXT_COLOR unless the figure chose one) and, when `scale` or `min_size`
    is given, an explicit size: the figure's own size (FONT's where it set none) times `scale`,
    and never under `min_size`. Text made invisible on purpose (a transparent colour) is left
    alone. The slots filled: the layout font, every axis's tick labels and title, the legend,
    the title, annotations, colour bars (of colour axes and of traces) and trace text; sizes
    are scaled wherever a "...font" dict sets one. The input is not changed (cached figures are
    shared)."""
    sizing = scale != 1.0 or min_size > 0
    base = max(FONT["size"] * scale, min_size)

    def fill(font: dict | None) -> dict:
        font = dict(font or {})
        if _transparent(font.get("color")):
            return font
        font.setdefault("color", TEXT_COLOR)
        if sizing:
            font.setdefault("size", base)
        return font

    def with_title(owner: dict) -> dict:
        owner = dict(owner)
        title = owner.get("title")
        if isinstance(title, str):
            title = {"text": title}
        if isinstance(title, dict) and title.get("text"):
            owner["title"] = {**title, "font": fill(title.get("font"))}
        return owner

    def colorbar(owner: dict) -> dict:
        bar = with_title(owner.get("colorbar") or {})
        bar["tickfont"] = fill(bar.get("tickfont"))
        return {**owner, "colorbar": bar}

    out = _scaled_fonts(spec, scale, min_size) if sizing else dict(spec)
    layout = dict(out.get("layout", {}))
    layout["font"] = fill(layout.get("font"))
    cartesian = any(trace.get("type", "scatter") in _CARTESIAN for trace in out.get("data", []))
    if cartesian:  # axes the figure left to plotly still get their fonts named
        layout.setdefault("xaxis", {})
        layout.setdefault("yaxis", {})
    for key, value in list(layout.items()):
        if key.startswith(_AXES) and isinstance(value, dict):
            axis = with_title(value)
            axis["tickfont"] = fill(axis.get("tickfont"))
            if sizing and axis.get("type") == "log":
                # plotly writes the 2s and 5s between decades at 3/4 of the tick size
                axis.setdefault("minorloglabels", "none")
            layout[key] = axis
        elif key.startswith("coloraxis") and isinstance(value, dict):
            layout[key] = colorbar(value)
    layout["legend"] = dict(layout.get("legend", {}))
    layout["legend"]["font"] = fill(layout["legend"].get("font"))
    layout["legend"] = with_title(layout["legend"])
    if layout.get("title"):
        layout = with_title(layout)
    if sizing and isinstance(layout.get("title"), dict) and layout["title"].get("text"):
        # a chart in half a column is ~550 px wide: at presenter sizes a long title would run
        # past its right edge, so it wraps, and the top margin grows to hold its lines
        text = wrapped(layout["title"]["text"], WRAP_CHARACTERS)
        layout["title"] = {**layout["title"], "text": text}
        lines = text.count("<br>") + 1
        if lines > 1:
            size = layout["title"].get("font", {}).get("size", base)
            margin = dict(layout.get("margin", {}))
            margin["t"] = max(margin.get("t", 100), round(lines * size * 1.35 + 24))
            layout["margin"] = margin
    layout["annotations"] = [
        {**note, "font": fill(note.get("font"))} for note in layout.get("annotations", [])
    ]
    out["layout"] = layout
    data = [_finished_trace(trace, fill, colorbar) for trace in out.get("data", [])]
    if sizing:  # long legend entries wrap, as titles do
        data = [
            {**trace, "name": wrapped(trace["name"], WRAP_CHARACTERS)}
            if isinstance(trace.get("name"), str) and trace.get("showlegend") is not False
            else trace
            for trace in data
        ]
    out["data"] = distinct_lines(data)
    return out


WRAP_CHARACTERS = 26  # Latin letters per line of a title or legend entry in presenter mode
_TAG = re.compile(r"<[^>]+>")


def text_width(text: str) -> float:
    """A line's width in Latin letters: a Hangul syllable or CJK character counts 1.8 (it is
    about a full em wide); plotly's markup does not count."""
    plain = _TAG.sub("", text)
    return sum(1.8 if ord(ch) >= 0x1100 and ch.isalpha() else 1.0 for ch in plain)


def wrapped(text: str, limit: float) -> str:
    """`text` with <br> between words so that no line is wider than `limit` (text_width);
    text that already has line breaks, or is short, as it is."""
    if "<br>" in text or text_width(text) <= limit:
        return text
    lines: list[str] = []
    for word in text.split(" "):
        if lines and text_width(lines[-1] + " " + word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")


def _series_look(trace: dict) -> tuple | None:
    """(axes, dash, marker symbol) of a named line series a reader tells apart from the others
    in its legend; None for anything else (bars, bands, cursors, unnamed helper lines)."""
    if trace.get("type", "scatter") not in ("scatter", "scattergl"):
        return None
    mode = trace.get("mode", "lines")
    if "lines" not in mode or trace.get("visible") is False or not trace.get("name"):
        return None
    if trace.get("showlegend") is False or trace.get("fill", "none") != "none":
        return None
    marker = trace.get("marker", {}).get("symbol", "circle") if "markers" in mode else None
    dash = trace.get("line", {}).get("dash", "solid")
    return (trace.get("xaxis", "x"), trace.get("yaxis", "y"), dash, marker)


def distinct_lines(data: list[dict]) -> list[dict]:
    """The traces, where two named line series on the same axes would differ by colour alone
    (same dash, same markers), with the later one given the next unused dash: colour is never
    the only cue (DESIGN.md, issue 21). The first series keeps its look."""
    seen: set[tuple] = set()
    out = []
    for trace in data:
        look = _series_look(trace)
        if look is not None and look in seen:
            axes, marker = look[:2], look[3]
            free = [d for d in DASHES if (*axes, d, marker) not in seen]
            if free:
                trace = {**trace, "line": {**trace.get("line", {}), "dash": free[0]}}
                look = (*axes, free[0], marker)
        if look is not None:
            seen.add(look)
        out.append(trace)
    return out


def _finished_trace(trace: dict, fill, colorbar) -> dict:
    trace = dict(trace)
    if any(key in trace for key in ("text", "texttemplate")):
        trace["textfont"] = fill(trace.get("textfont"))
    if trace.get("type") in ("heatmap", "contour") and "coloraxis" not in trace:
        if trace.get("showscale", True):
            trace = colorbar(trace)
    marker = trace.get("marker")
    if isinstance(marker, dict) and marker.get("showscale"):
        trace["marker"] = colorbar(marker)
    return trace


def _transparent(color: object) -> bool:
    """Whether a plotly colour string is fully transparent (rgba(..., 0))."""
    if not isinstance(color, str):
        return False
    text = color.replace(" ", "").lower()
    return text == "transparent" or (text.startswith("rgba(") and text.endswith(",0)"))


def _scaled_fonts(node, scale: float, min_size: float):
    """node with the "size" of every dict under a key ending in "font" multiplied by scale and
    raised to min_size (sizes of transparent text only scaled)."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key.endswith("font") and isinstance(value, dict):
                value = dict(value)
                size = value.get("size")
                floor = 0.0 if _transparent(value.get("color")) else min_size
                if isinstance(size, int | float):
                    value["size"] = max(size * scale, floor)
                elif isinstance(size, list):
                    value["size"] = [max(s * scale, floor) for s in size]
            out[key] = _scaled_fonts(value, scale, min_size)
        return out
    if isinstance(node, list) and node and isinstance(node[0], dict | list):
        return [_scaled_fonts(item, scale, min_size) for item in node]
    if isinstance(node, list) and node and isinstance(node[0], str):
        if any("font-size:" in item for item in node if isinstance(item, str)):
            return [_scaled_fonts(item, scale, min_size) for item in node]
        return node
    if isinstance(node, str) and "font-size:" in node:
        # plotly's markup in a label (<span style='font-size:11px'>tanh</span>)
        return _INLINE_SIZE.sub(
            lambda m: f"font-size:{max(float(m[1]) * scale, min_size):g}px", node
        )
    return node


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of "#rrggbb" (0 for black, 1 for white)."""

    def linear(channel: int) -> float:
        s = channel / 255.0
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(color.lstrip("#")[k : k + 2], 16) for k in (0, 2, 4))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two "#rrggbb" colours, 1 to 21."""
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_on_white(color: str, ratio: float = 4.5) -> str:
    """`color` ("#rrggbb"), darkened in steps of 5 % towards black (same hue) until text in it
    has `ratio` contrast on white: for numbers written in a line's colour."""
    r, g, b = (int(color.lstrip("#")[k : k + 2], 16) for k in (0, 2, 4))
    factor = 1.0
    while True:
        out = "#{:02X}{:02X}{:02X}".format(*(round(c * factor) for c in (r, g, b)))
        if contrast_ratio(out, "#FFFFFF") >= ratio:
            return out
        factor -= 0.05
