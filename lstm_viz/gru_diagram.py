"""The GRU cell as a picture with the live numbers of one hidden unit, in the LSTM diagram's
visual language (lstm_viz.cell_diagram's primitives, drawn as one inline SVG by
lstm_viz.cell_svg or as a plotly figure).

nn.GRU's cell (lstm_core.gru):

    r_t = σ(W_r x_t + b_ir + U_r h_{t-1} + b_hr)
    z_t = σ(W_z x_t + b_iz + U_z h_{t-1} + b_hz)
    n_t = tanh(W_n x_t + b_in + r_t ⊙ (U_n h_{t-1} + b_hn))
    h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}

Layout: the hidden state runs along the top, as the LSTM's cell state does, h_{t-1} -> ⊙ z ->
+ (1 − z) ⊙ n -> h_t, and h_{t-1} also drops to the bus that feeds the gates. Below, left to
right: the update gate z (σ) whose value goes up to the keep node and, through a "1 −" node, to
the candidate's product; the reset gate r (σ), whose product with U_n h_{t-1} + b_hn (fed from
the bus) enters the candidate n (tanh) from the side.

- `gru_cell_picture(x, h_prev, step, unit, lang)` -> Picture; `gru_cell_diagram(...)` (plotly)
  and `gru_cell_svg(..., width="100%")` (SVG string, GRU_HEIGHT px high) draw it.
- `gru_cell_values(h_prev, step, unit)` / `gru_cell_meta(...)`: the numbers drawn, which the
  figure carries as layout.meta and the SVG as data-meta (read back with cell_svg.svg_meta).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

# The LSTM diagram's toolkit (its private helpers too: this module is its sibling).
from lstm_viz.cell_diagram import (
    _GATE_STOPS,
    _SIGNED_STOPS,
    BOX_HALF_H,
    BOX_HALF_W,
    BOX_Y,
    BUS_Y,
    CELL_Y,
    KEPT_WIDTH,
    LABEL_FONT,
    LSTM_BOTTOM,
    MUTED,
    NODE_R,
    SMALL_FONT,
    TITLE_Y,
    WORD_FONT,
    Picture,
    _Canvas,
    _input_and_unit,
    _sub,
    _term,
    _unit_value,
    _vector_lines,
    gate_color,
    plotly_figure,
    signed_color,
)
from lstm_viz.cell_svg import picture_svg
from lstm_viz.i18n import t
from lstm_viz.numbers import format_number, format_vector, percent

GRU_HEIGHT = 450  # px, as the LSTM's picture
MEM_Y = CELL_Y  # the hidden state's line, where the LSTM's cell state runs
MIX_Y = 66  # the (1 − z) wire and the ⊙ of (1 − z) and n
Z_X, R_X, RESET_X, N_X = 22, 42, 55, 68  # gate columns and the reset ⊙ between r and n
DROP_X = 1.5  # where h_{t-1} drops from the top line to the bus (under its chip)
X_IN_X = 32  # x_t joins the bus between z and r
H_CHIP_X = 85
HN_LABEL_Y = 28  # the value of U_n h + b_hn on its wire, below the names of the gates


def gru_cell_values(h_prev: Any, step: Any, unit: int = 0) -> dict[str, float]:
    """The numbers the GRU diagram shows for hidden unit `unit`: h_prev, r, z, n, h, and
    hn = U_n h_{t-1} + b_hn, rhn = r·hn (what enters the candidate), one_minus_z = 1 − z,
    zh = z·h_{t-1} (the kept part), zn = (1 − z)·n (the written part). `step` has r, z, n, h,
    hn of shape (H,) (lstm_core's GRUStep); h_prev is (H,)."""
    s = {name: _unit_value(getattr(step, name), unit, f"step.{name}") for name in "rznh"}
    hn = _unit_value(step.hn, unit, "step.hn")
    h_prev_u = _unit_value(h_prev, unit, "h_prev")
    return {
        "h_prev": h_prev_u,
        "r": s["r"],
        "z": s["z"],
        "n": s["n"],
        "hn": hn,
        "rhn": s["r"] * hn,
        "one_minus_z": 1.0 - s["z"],
        "zh": s["z"] * h_prev_u,
        "zn": (1.0 - s["z"]) * s["n"],
        "h": s["h"],
    }


def gru_cell_meta(h_prev: Any, step: Any, unit: int = 0) -> dict:
    """What the GRU diagram carries as meta: {"values": gru_cell_values(...), "unit": unit,
    "cell": "gru"}."""
    return {"values": gru_cell_values(h_prev, step, unit), "unit": unit, "cell": "gru"}


def _pre_activations(step: Any, unit: int, hidden: int) -> dict[str, float]:
    """The unit's pre-activations per gate from step.a (3H,), blocks r, z, n; else {}."""
    a = getattr(step, "a", None)
    if a is None or np.shape(a) != (3 * hidden,):
        return {}
    return {gate: float(a[k * hidden + unit]) for k, gate in enumerate("rzn")}


def gru_cell_picture(x: Any, h_prev: Any, step: Any, unit: int = 0, lang: str = "en") -> Picture:
    """The GRU cell at one step for hidden unit `unit`, every wire and node labelled with its
    value, as primitives; x (D,), h_prev (H,) are the step's inputs and `step` has r, z, n, h,
    hn of shape (H,), e.g. lstm_core.gru_step(g, x, h_prev). Its meta is gru_cell_meta(...)."""
    x = np.asarray(x, dtype=float).ravel()
    h_prev_all = np.asarray(h_prev, dtype=float).ravel()
    v = gru_cell_values(h_prev_all, step, unit)
    hidden = int(np.shape(step.h)[0])
    pre = _pre_activations(step, unit, hidden)
    n = format_number
    canvas = _Canvas()
    box_top, box_bottom = BOX_Y + BOX_HALF_H, BOX_Y - BOX_HALF_H

    # Wires first. The top line is the memory: full width in, 1 + 11·z px after the keep node.
    kept_width = KEPT_WIDTH[0] + KEPT_WIDTH[1] * float(np.clip(v["z"], 0.0, 1.0))
    canvas.wire([(0, MEM_Y), (Z_X, MEM_Y)], width=sum(KEPT_WIDTH), name="h_line_in")
    canvas.wire([(Z_X, MEM_Y), (N_X, MEM_Y)], width=kept_width, name="h_line_kept")
    canvas.wire([(N_X, MEM_Y), (100, MEM_Y)], width=4, name="h_line_out", arrow=True)
    canvas.wire([(DROP_X, MEM_Y), (DROP_X, BUS_Y), (N_X, BUS_Y)], name="bus")
    canvas.wire([(X_IN_X, 9.5), (X_IN_X, BUS_Y)], name="x_in")
    for gx in (Z_X, R_X, N_X):
        canvas.wire([(gx, BUS_Y), (gx, box_bottom)], arrow=True)
    canvas.wire([(RESET_X, BUS_Y), (RESET_X, BOX_Y)], arrow=True, standoff=NODE_R, name="hn")
    canvas.wire([(R_X + BOX_HALF_W, BOX_Y), (RESET_X, BOX_Y)], arrow=True, standoff=NODE_R)
    canvas.wire([(RESET_X, BOX_Y), (N_X - BOX_HALF_W, BOX_Y)], arrow=True, name="rhn")
    canvas.wire([(Z_X, box_top), (Z_X, MEM_Y)], arrow=True, standoff=NODE_R)
    canvas.wire([(Z_X, MIX_Y), (R_X, MIX_Y)], arrow=True, standoff=NODE_R, name="z_branch")
    canvas.wire([(R_X, MIX_Y), (N_X, MIX_Y)], arrow=True, standoff=NODE_R, name="one_minus_z")
    canvas.wire([(N_X, box_top), (N_X, MIX_Y)], arrow=True, standoff=NODE_R)
    canvas.wire([(N_X, MIX_Y), (N_X, MEM_Y)], arrow=True, standoff=NODE_R)

    # The boxes: the gates on the sequential scale, the candidate n on the diverging one.
    gates = (
        ("z", Z_X, "gru.update_gate", "σ"),
        ("r", R_X, "gru.reset_gate", "σ"),
        ("n", N_X, "diagram.candidate", "tanh"),
    )
    inner = {
        "r": f"{_sub('U', 'r')} {_sub('h', 't−1')} + {_sub('b', 'hr')}",
        "z": f"{_sub('U', 'z')} {_sub('h', 't−1')} + {_sub('b', 'hz')}",
        "n": f"{_sub('r', 't')} ⊙ ({_sub('U', 'n')} {_sub('h', 't−1')} + {_sub('b', 'hn')})",
    }
    for gate, gx, word_key, act in gates:
        value = v[gate]
        fill = signed_color(value) if gate == "n" else gate_color(value)
        name = f"<b>{_sub(gate, 't')}</b>"
        text = f"<span style='font-size:{SMALL_FONT}px'>{act}</span><br>{name}<br>{n(value)}"
        formula = (
            f"{_sub(gate, 't')} = {act}({_sub('W', gate)} {_sub('x', 't')} + "
            f"{_sub('b', 'i' + gate)} + {inner[gate]})"
        )
        if gate in pre:
            formula += f" = {act}({n(pre[gate])})"
        formula += f" = {n(value)}"
        canvas.box(f"box_{gate}", gx, BOX_Y, (BOX_HALF_W, BOX_HALF_H), fill, text)
        canvas.hover(gx, BOX_Y, formula, t(f"gru.hover.{gate}", lang), part=f"box_{gate}")
        # Names in one lane under the boxes, above the value of U_n h + b_hn.
        canvas.label(
            gx, BUS_Y + 8.5, t(word_key, lang), size=WORD_FONT, color=MUTED, bgcolor="white"
        )

    # The nodes: keep z·h, 1 − z, write (1 − z)·n, add, and the reset product r·(U_n h + b_hn).
    canvas.node("node_keep", Z_X, MEM_Y, "×")
    canvas.node("node_one_minus", R_X, MIX_Y, "1−")
    canvas.node("node_write", N_X, MIX_Y, "×")
    canvas.node("node_add", N_X, MEM_Y, "+")
    canvas.node("node_reset", RESET_X, BOX_Y, "×")
    zh_name = f"{_sub('z', 't')}·{_sub('h', 't−1')}"
    canvas.label((Z_X + N_X) / 2, MEM_Y - 3.5, f"{zh_name} = {n(v['zh'])}", yanchor="top")
    canvas.label(
        R_X,
        MIX_Y + 1.2,
        f"1−{_sub('z', 't')} = {n(v['one_minus_z'])}",
        xanchor="left",
        yanchor="bottom",
        xshift=NODE_R + 4,
    )
    zn_name = f"(1−{_sub('z', 't')})·{_sub('n', 't')}"
    canvas.label(N_X, MIX_Y, f"{zn_name}<br>= {n(v['zn'])}", xanchor="left", xshift=NODE_R + 5)
    rhn_name = f"{_sub('r', 't')}·({_sub('U', 'n')}h+b)"
    canvas.label(
        RESET_X, BOX_Y + BOX_HALF_H + 1, f"{rhn_name}<br>= {n(v['rhn'])}", yanchor="bottom"
    )
    canvas.label(RESET_X, HN_LABEL_Y, n(v["hn"]), size=LABEL_FONT, bgcolor="white")

    z_, h_prev_ = _sub("z", "t"), _sub("h", "t−1")
    canvas.hover(
        Z_X,
        MEM_Y,
        f"{z_} ⊙ {h_prev_} = {n(v['z'])} × {_term(v['h_prev'])} = {n(v['zh'])}",
        t("gru.hover.zh", lang),
        part="node_keep",
    )
    canvas.hover(
        R_X,
        MIX_Y,
        f"1 − {z_} = 1 − {n(v['z'])} = {n(v['one_minus_z'])}",
        t("gru.hover.one_minus_z", lang),
        part="node_one_minus",
    )
    canvas.hover(
        N_X,
        MIX_Y,
        f"(1 − {z_}) ⊙ {_sub('n', 't')} = {n(v['one_minus_z'])} × {_term(v['n'])} = {n(v['zn'])}",
        t("gru.hover.zn", lang),
        part="node_write",
    )
    hn_formula = f"{_sub('U', 'n')} {h_prev_} + {_sub('b', 'hn')} = {n(v['hn'])}"
    canvas.hover(
        RESET_X,
        BOX_Y,
        f"{_sub('r', 't')} ⊙ ({_sub('U', 'n')} {h_prev_} + {_sub('b', 'hn')})"
        f" = {n(v['r'])} × {_term(v['hn'])} = {n(v['rhn'])}",
        t("gru.hover.rhn", lang),
        part="node_reset",
    )
    canvas.hover(RESET_X, HN_LABEL_Y, hn_formula, t("gru.hover.hn", lang))
    h_formula = (
        f"{_sub('h', 't')} = (1 − {z_}) ⊙ {_sub('n', 't')} + {z_} ⊙ {h_prev_}"
        f"<br>= {_term(v['zn'])} + {_term(v['zh'])} = {n(v['h'])}"
    )
    canvas.hover(N_X, MEM_Y, h_formula, t("gru.hover.h", lang), part="node_add")

    # The states: h_{t-1} entering on the top line, h_t leaving it.
    canvas.chip("chip_h_prev", 0, MEM_Y, signed_color(v["h_prev"]), n(v["h_prev"]), "left")
    canvas.hover(
        2, MEM_Y, f"{h_prev_} = {n(v['h_prev'])}", t("gru.hover.h_prev", lang), part="chip_h_prev"
    )
    canvas.chip("chip_h", H_CHIP_X, MEM_Y, signed_color(v["h"]), n(v["h"]), "center")
    canvas.hover(H_CHIP_X, MEM_Y, h_formula, t("gru.hover.h", lang), part="chip_h")
    h_prev_title = f"<b>{h_prev_}</b>  {t('diagram.h_prev', lang)}"
    canvas.label(0, TITLE_Y, h_prev_title, size=LABEL_FONT, xanchor="left")
    h_title = f"<b>{_sub('h', 't')}</b>  {t('gru.h_new', lang)}"
    canvas.label(H_CHIP_X, TITLE_Y, h_title, size=LABEL_FONT)

    # The inputs, whole vectors: every unit's gates see all of x_t and h_{t-1}.
    canvas.label(
        0,
        BUS_Y - 2,
        f"<b>{h_prev_}</b>  {t('diagram.h_prev', lang)}<br>{format_vector(h_prev_all, 'h')}",
        size=LABEL_FONT,
        xanchor="left",
        yanchor="top",
    )
    canvas.hover(
        DROP_X + 2,
        BUS_Y,
        f"{h_prev_} = {_vector_lines(h_prev_all)}",
        t("diagram.hover.h_prev", lang),
    )
    _input_and_unit(canvas, x, unit, hidden, lang)

    scales = (
        (_GATE_STOPS, 0.0, 1.0, t("gru.scale_gate", lang)),
        (_SIGNED_STOPS, -1.0, 1.0, t("gru.scale_signed", lang)),
    )
    return canvas.picture(
        height=GRU_HEIGHT,
        bottom=LSTM_BOTTOM,
        meta={"values": v, "unit": unit, "cell": "gru"},
        hidden=hidden,
        lang=lang,
        scales=scales,
    )


def gru_cell_diagram(*args: Any, **kwargs: Any) -> go.Figure:
    """The GRU cell at one step as a plotly figure; arguments as gru_cell_picture(x, h_prev,
    step, unit=0, lang="en"). The unrounded numbers are in fig.layout.meta["values"]."""
    return plotly_figure(gru_cell_picture(*args, **kwargs))


def gru_aria_label(picture: Picture) -> str:
    """The step in one sentence for a screen reader, in the picture's language."""
    v, lang = picture.meta["values"], picture.lang
    numbers = {k: format_number(val) for k, val in v.items()}
    return t(
        "gru.aria",
        lang,
        unit=picture.meta["unit"] + 1,
        size=picture.hidden,
        percent=percent(v["z"]),
        **numbers,
    )


def gru_cell_svg(*args: Any, width: str = "100%", **kwargs: Any) -> str:
    """The GRU cell at one step as an SVG string (GRU_HEIGHT px high, `width` wide as
    cell_svg.picture_svg); arguments as gru_cell_picture(x, h_prev, step, unit=0, lang="en").
    Its numbers are gru_cell_meta(h_prev, step, unit) (read back with cell_svg.svg_meta)."""
    picture = gru_cell_picture(*args, **kwargs)
    return picture_svg(picture, gru_aria_label(picture), width)


__all__ = [
    "GRU_HEIGHT",
    "gru_aria_label",
    "gru_cell_diagram",
    "gru_cell_meta",
    "gru_cell_picture",
    "gru_cell_svg",
    "gru_cell_values",
]
