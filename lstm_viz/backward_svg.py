"""The LSTM cell's backward step as an inline SVG: the forward diagram's layout
(lstm_viz.cell_diagram) with every arrow reversed and the gradient δ = ∂L/∂ on every wire, for
one hidden unit at one step. Drawn from the same `Picture` primitives by lstm_viz.cell_svg.

What the picture shows, right to left and top to bottom (the values come from
lstm_core.lab.backward_step.lstm_step_values; nothing is computed here):

- arriving: ∂L/∂h_t from the loss (down from the chip at the top right) and Σ_k U_kᵀ δa_k,t+1
  from step t+1 (from the right); they add in a + node to δh_t. δc_{t+1} ⊙ f_{t+1} arrives on
  the cell line from the right.
- inside: δh_t splits at the × node into δo_t = δh_t·tanh c_t (to the o box) and
  δh_t·o_t (up through tanh, times 1 − tanh² c_t: the h-route); the h-route and the cell route
  add to δc_t in a + node on the cell line. δc_t passes the + (a sum copies its gradient to both
  inputs) to the forget × (δf_t = δc_t·c_{t−1}; δc_t·f_t leaves to the left) and to the i⊙g ×
  (δi_t = δc_t·g_t, δg_t = δc_t·i_t). Each gate box turns its δ into δa (times σ' or tanh').
- leaving: δc_{t−1} (left, on the cell line), δh_{t−1} (left, along the bus: the four branches
  U_kᵀ δa_k, one under each gate) and δx_t (down).

`lstm_backward_svg(values, t, unit, hidden, lang, variant)` returns the <svg> element (100% wide,
BACKWARD_HEIGHT px high) with role="img", an aria-label and `lang`; its data-meta (read with
cell_svg.svg_meta) holds {"kind": "lstm_backward", "values": ..., "t", "unit", "variant"}.
A part a variant does not have is left out when its values are missing.
"""

from __future__ import annotations

from typing import Any

from lstm_viz.cell_diagram import (
    BOX_HALF_H,
    BOX_HALF_W,
    BOX_Y,
    BUS_Y,
    CELL_Y,
    CHIP_H,
    CHIP_W,
    H_CHIP_Y,
    IG_Y,
    KEPT_WIDTH,
    LABEL_FONT,
    MUTED,
    NODE_R,
    SMALL_FONT,
    TANH_HALF_H,
    TANH_HALF_W,
    TANH_Y,
    TITLE_Y,
    UNUSED_WIRE,
    WORD_FONT,
    Box,
    Chip,
    Hover,
    Label,
    Node,
    Note,
    Picture,
    Wire,
)
from lstm_viz.cell_svg import picture_svg
from lstm_viz.i18n import t
from lstm_viz.numbers import format_number, sci

# The forward diagram's columns, a little closer, so that on a phone the × of h_t = o·tanh c_t
# and the + where δh_t adds up keep apart.
F_X, I_X, G_X, O_X = 22, 36, 50, 64
OUT_X, H_X = 80, 92
C_CHIP_X = (G_X + OUT_X) / 2
X_IN_X = (I_X + G_X) / 2
BACKWARD_HEIGHT = 450
BACKWARD_BOTTOM = 30  # px below the area: the note
GRADIENT_WIRE = "#8a2b0e"  # the backward flow, apart from the forward diagram's grey
BOX_FILL = "#f3f3f3"
CHIP_FILL = "#ffffff"
HALO = "white"
GATE_WORDS = {"i": "input_gate", "f": "forget_gate", "g": "candidate", "o": "output_gate"}
GATE_X = {"f": F_X, "i": I_X, "g": G_X, "o": O_X}
LANE_Y = {"f": BUS_Y + 8.5, "g": BUS_Y + 8.5, "i": BUS_Y + 4.0, "o": BUS_Y + 4.0}
GATES = ("i", "f", "g", "o")
PEEPHOLE_IN = ("dc_peep_i", "dc_peep_f", "dc_peep_o")  # the peephole routes into δc_t


def _sub(name: str, index: str) -> str:
    return f"{name}<sub>{index}</sub>"


def _d(name: str, index: str) -> str:
    """δname_index in the diagram's markup."""
    return "δ" + _sub(name, index)


class _Items:
    """The primitives of the picture in drawing order (wires first, then what sits on them)."""

    def __init__(self) -> None:
        self.items: list = []

    def wire(self, points: list[tuple[float, float]], **style: Any) -> None:
        style.setdefault("color", GRADIENT_WIRE)
        self.items.append(Wire(tuple(points), arrow=True, **style))

    def value(self, x: float, y: float, text: str, formula: str, words: str, **kw: Any) -> None:
        """A value set on a wire (a white halo masks the wire), with its formula on hover."""
        kw.setdefault("size", LABEL_FONT)
        self.items.append(Label(x, y, text, bgcolor=HALO, **kw))
        self.items.append(Hover(x, y, formula, words))

    def add(self, *items: Any) -> None:
        self.items.extend(items)


def lstm_backward_picture(
    values: dict, t_: int, unit: int, hidden: int, lang: str = "en", variant: str = "standard"
) -> Picture:
    """The backward step at step t_ for hidden unit `unit` (both 0-based) of H = `hidden`, as
    primitives. `values`: lstm_core.lab.backward_step.lstm_step_values(...) (a gate whose
    "da_<gate>" is missing is drawn as absent)."""
    v, n = values, sci
    w = lambda key: t(f"backprop.diagram.hover.{key}", lang)  # noqa: E731
    gates = [gate for gate in GATES if f"da_{gate}" in v]
    p = _Items()
    box_top, box_bottom = BOX_Y + BOX_HALF_H, BOX_Y - BOX_HALF_H

    # Arriving: the loss from above and step t+1 from the right add up to δh_t.
    p.wire([(H_X, H_CHIP_Y), (H_X, BOX_Y)], standoff=NODE_R, name="dh_loss")
    p.wire([(100, BOX_Y), (H_X, BOX_Y)], standoff=NODE_R, name="dh_future")
    p.wire([(H_X, BOX_Y), (OUT_X, BOX_Y)], standoff=NODE_R, name="dh")
    # The cell line, right to left: δc_{t+1}·f_{t+1} arrives; δc_t; δc_t·f_t leaves.
    p.wire([(100, CELL_Y), (OUT_X, CELL_Y)], width=4, standoff=NODE_R, name="dc_cell")
    p.wire([(OUT_X, CELL_Y), (G_X, CELL_Y)], width=4, standoff=NODE_R, name="dc")
    p.wire([(G_X, CELL_Y), (F_X, CELL_Y)], width=4, standoff=NODE_R, name="dc_to_forget")
    kept = KEPT_WIDTH[0] + KEPT_WIDTH[1] * min(max(v["f"], 0.0), 1.0)
    p.wire([(F_X, CELL_Y), (0, CELL_Y)], width=kept, standoff=CHIP_W, name="dc_prev")
    # The h-route: from the × of h_t = o·tanh c_t up through tanh to the cell line.
    p.wire([(OUT_X, BOX_Y), (OUT_X, TANH_Y - TANH_HALF_H)], standoff=NODE_R * 0, name="d_tanh")
    p.wire([(OUT_X, TANH_Y + TANH_HALF_H), (OUT_X, CELL_Y)], standoff=NODE_R, name="dc_h")
    if "o" in gates:
        p.wire([(OUT_X, BOX_Y), (O_X + BOX_HALF_W, BOX_Y)], name="d_o")
    # Down from the cell line to the gates.
    if "f" in gates:
        p.wire([(F_X, CELL_Y), (F_X, box_top)], name="d_f")
    p.wire([(G_X, CELL_Y), (G_X, IG_Y)], standoff=NODE_R, name="dc_to_write")
    if "i" in gates:
        p.wire([(G_X, IG_Y), (I_X, IG_Y), (I_X, box_top)], name="d_i")
    if "g" in gates:
        p.wire([(G_X, IG_Y), (G_X, box_top)], name="d_g")
    if "dc_peep_o" in v:  # o_t looked at c_t through p_o: δa_o·p_o joins δc_t
        p.wire([(O_X, box_top), (O_X, CELL_Y)], dash="dash", standoff=CHIP_H / 2, name="peep_o")
    # Leaving: each gate's δa down to the bus, the bus to the left (δh_{t−1}), x down (δx_t).
    for gate in gates:
        p.wire([(GATE_X[gate], box_bottom), (GATE_X[gate], BUS_Y)], name=f"da_{gate}")
    p.wire([(max(GATE_X[g] for g in gates), BUS_Y), (0, BUS_Y)], name="dh_prev")
    p.wire([(X_IN_X, BUS_Y), (X_IN_X, 9.5)], name="dx")
    for gate in GATES:
        if gate not in gates:  # a gate the variant does not have: a pale, dotted column
            gx = GATE_X[gate]
            p.add(Wire(((gx, BUS_Y), (gx, box_top)), color=UNUSED_WIRE, dash="dot"))

    # The gate boxes: each turns the δ of its value into δa (× σ' or tanh').
    for gate in GATES:
        gx = GATE_X[gate]
        name = f"box_{gate}"
        if gate not in gates:  # the constant 1, or f = 1 − i: no weights, no δa
            fixed = "1 − i<sub>t</sub>" if variant == "coupled" else "1"
            text = f"<b>{_sub(gate, 't')}</b><br>= {fixed}"
            p.add(Box(name, gx, BOX_Y, (BOX_HALF_W, BOX_HALF_H), CHIP_FILL, text, dash="dot"))
            continue
        act = ("tanh′" if "g_slope" in v else "1") if gate == "g" else "σ′"
        text = (
            f"<span style='font-size:{SMALL_FONT}px'>× {act}</span><br>"
            f"<b>δa<sub>{gate}</sub></b><br>{n(v[f'da_{gate}'])}"
        )
        p.add(Box(name, gx, BOX_Y, (BOX_HALF_W, BOX_HALF_H), BOX_FILL, text))
        value = _sub(gate, "t")
        slope = f"(1 − {value}²)" if gate == "g" else f"{value}(1 − {value})"
        if gate == "g" and "g_slope" not in v:
            slope = "1"
        formula = f"δa<sub>{gate}</sub> = {_d(gate, 't')} ⊙ {slope} = {n(v[f'da_{gate}'])}"
        words = t("backprop.diagram.hover.da", lang, gate=t(f"diagram.{GATE_WORDS[gate]}", lang))
        p.add(Hover(gx, BOX_Y, formula, words, part=name))

    # tanh(c_t): its slope turns δh_t·o_t into the h-route (without it, the slope is 1).
    tanh_size = (TANH_HALF_W, TANH_HALF_H)
    if "tanh_slope" in v:
        slope_text = f"<span style='font-size:{SMALL_FONT}px'>× tanh′</span>"
        slope_text += f"<br>{format_number(v['tanh_slope'])}"
        p.add(Box("box_tanh", OUT_X, TANH_Y, tanh_size, BOX_FILL, slope_text))
        route = f"(1 − tanh²c<sub>t</sub>) = {n(v['d_tanh'])} × {format_number(v['tanh_slope'])}"
    else:
        absent = f"tanh<br>{t('backprop.diagram.absent', lang)}"
        p.add(Box("box_tanh", OUT_X, TANH_Y, tanh_size, CHIP_FILL, absent, dash="dot"))
        route = "1"
    p.add(
        Hover(
            OUT_X,
            TANH_Y,
            f"{_d('c', 't')} (h) = δh<sub>t</sub>·o<sub>t</sub> ⊙ {route} = {n(v['dc_h'])}",
            w("tanh"),
            part="box_tanh",
        ),
    )

    # The nodes: forks of the forward pass add gradients (+); products swap factors (×).
    sum_dh = f"{_d('h', 't')} = {n(v['dh_loss'])} + {_term(v['dh_future'])} = {n(v['dh'])}"
    routes = [v["dc_h"], v["dc_cell"]] + [v[k] for k in PEEPHOLE_IN if k in v]
    sum_dc = f"{_d('c', 't')} = {' + '.join(map(_term, routes))} = {n(v['dc'])}"
    p.add(
        Node("node_forget", F_X, CELL_Y, "×"),
        Hover(
            F_X,
            CELL_Y,
            f"{_d('c', 't')}·{_sub('f', 't')} = {n(v['dc'])} × "
            f"{format_number(v['f'])} = {n(v['dc_prev_cell'])}",
            w("forget"),
            part="node_forget",
        ),
        Node("node_add", G_X, CELL_Y, "+"),
        Hover(G_X, CELL_Y, f"{_d('c', 't')} = {n(v['dc'])}", w("copy"), part="node_add"),
        Node("node_write", G_X, IG_Y, "×"),
        Hover(G_X, IG_Y, f"{_d('c', 't')} = {n(v['dc'])}", w("write"), part="node_write"),
        Node("node_out", OUT_X, BOX_Y, "×"),
        Hover(OUT_X, BOX_Y, f"{_d('h', 't')} = {n(v['dh'])}", w("out"), part="node_out"),
        Node("node_dc_sum", OUT_X, CELL_Y, "+"),
        Hover(OUT_X, CELL_Y, sum_dc, w("dc"), part="node_dc_sum"),
        Node("node_dh_sum", H_X, BOX_Y, "+"),
        Hover(H_X, BOX_Y, sum_dh, w("dh"), part="node_dh_sum"),
    )

    # The values on the wires.
    f_factor = f"× {_sub('f', 't')} = {format_number(v['f'])}"
    if "dc_prev_peep_i" in v:  # the peepholes of i_t and f_t looked at c_{t−1}
        peep = v["dc_prev_peep_i"] + v["dc_prev_peep_f"]
        f_factor += f"<br>+ δa·p<sub>i,f</sub> = {n(peep)}"
    p.add(Label((F_X + G_X) / 2, CELL_Y - 3.5, f_factor, yanchor="top"))
    p.value(
        OUT_X,
        (TANH_Y + TANH_HALF_H + CELL_Y) / 2,
        n(v["dc_h"]),
        f"{_d('c', 't')} (h) = {n(v['dc_h'])}",
        w("tanh"),
        xanchor="right",
        xshift=-4,
    )
    p.value(
        OUT_X,
        (BOX_Y + TANH_Y - TANH_HALF_H) / 2,
        n(v["d_tanh"]),
        f"δ(tanh c<sub>t</sub>) = {_d('h', 't')}·{_sub('o', 't')} = {n(v['d_tanh'])}",
        w("d_tanh"),
    )
    cell_text = f"{_d('c', 't+1')}·{_sub('f', 't+1')}<br>{n(v['dc_cell'])}"
    if "dc_peep_i" in v:  # the peepholes of i_{t+1} and f_{t+1} looked at c_t
        peep = v["dc_peep_i"] + v["dc_peep_f"]
        p.value(
            99,
            CELL_Y + 1.5,
            f"+ p<sub>i,f</sub>: {n(peep)}",
            f"δa<sub>i,t+1</sub> ⊙ p<sub>i</sub> + δa<sub>f,t+1</sub> ⊙ p<sub>f</sub> = {n(peep)}",
            w("peep_if"),
            xanchor="right",
            yanchor="bottom",
            size=WORD_FONT,
        )
    p.value(
        99,
        CELL_Y - 3,
        cell_text,
        f"{_d('c', 't+1')} ⊙ {_sub('f', 't+1')} = {n(v['dc_cell'])}",
        w("cell"),
        xanchor="right",
        yanchor="top",
    )
    future_text = f"<b>{_d('h', 't')}</b> = {n(v['dh'])}<br>t+1: {n(v['dh_future'])}"
    p.value(
        100,
        BOX_Y - 4,
        future_text,
        f"Σ<sub>k</sub> U<sub>k</sub>ᵀ δa<sub>k,t+1</sub> = {n(v['dh_future'])}",
        w("future"),
        xanchor="right",
        yanchor="top",
    )
    if "o" in gates:
        p.value(
            (O_X + BOX_HALF_W + OUT_X) / 2,
            BOX_Y + 1.5,
            n(v["d_o"]),
            f"{_d('o', 't')} = {_d('h', 't')}·tanh c<sub>t</sub> = {n(v['d_o'])}",
            w("d_o"),
            yanchor="bottom",
            size=WORD_FONT,
        )
    d_i_factor = "(g<sub>t</sub> − c<sub>t−1</sub>)" if variant == "coupled" else _sub("g", "t")
    gate_values = {
        "f": (f"{_d('f', 't')} = {_d('c', 't')}·{_sub('c', 't−1')}", "d_f", (F_X, 70)),
        "i": (f"{_d('i', 't')} = {_d('c', 't')}·{d_i_factor}", "d_i", ((I_X + G_X) / 2, IG_Y)),
        "g": (f"{_d('g', 't')} = {_d('c', 't')}·{_sub('i', 't')}", "d_g", (G_X, 59.5)),
    }
    for gate, (formula, key, (x, y)) in gate_values.items():
        if gate in gates:
            p.value(x, y, n(v[key]), f"{formula} = {n(v[key])}", w(key), size=WORD_FONT)
    if "dc_peep_o" in v:
        p.value(
            O_X,
            (box_top + IG_Y) / 2,
            n(v["dc_peep_o"]),
            f"δa<sub>o,t</sub> ⊙ p<sub>o</sub> = {n(v['dc_peep_o'])}",
            w("peep_o"),
            size=WORD_FONT,
        )
    for gate in gates:  # the four branches of δh_{t−1}, one under each gate
        branch = v[f"branch_{gate}"]
        p.value(
            GATE_X[gate],
            LANE_Y[gate],
            f"U<sub>{gate}</sub>ᵀδa<sub>{gate}</sub> {n(branch)}",
            f"U<sub>{gate}</sub>ᵀ δa<sub>{gate},t</sub> (→ {_d('h', 't−1')}) = {n(branch)}",
            w("branch"),
            size=WORD_FONT,
            color=MUTED,
        )

    # The chips and the names of what arrives and leaves.
    p.add(
        Chip("chip_dh_loss", H_X, H_CHIP_Y, CHIP_FILL, n(v["dh_loss"]), "center"),
        Hover(
            H_X,
            H_CHIP_Y,
            f"∂L/∂{_sub('h', 't')} = {n(v['dh_loss'])}",
            w("loss"),
            part="chip_dh_loss",
        ),
        Chip("chip_dc", C_CHIP_X, CELL_Y, CHIP_FILL, n(v["dc"]), "center"),
        Hover(C_CHIP_X, CELL_Y, sum_dc, w("dc"), part="chip_dc"),
        Chip("chip_dc_prev", 0, CELL_Y, CHIP_FILL, n(v["dc_prev"]), "left"),
        Hover(2, CELL_Y, f"{_d('c', 't−1')} ← {n(v['dc_prev'])}", w("forget"), part="chip_dc_prev"),
        Label(
            0,
            TITLE_Y,
            f"<b>{_d('c', 't−1')}</b> {t('backprop.diagram.to_prev', lang)}",
            size=LABEL_FONT,
            xanchor="left",
        ),
        Label(C_CHIP_X, TITLE_Y, f"<b>{_d('c', 't')}</b>", size=LABEL_FONT),
        Label(
            H_X,
            H_CHIP_Y,
            f"∂L/∂{_sub('h', 't')} {t('backprop.diagram.from_loss', lang)}",
            size=WORD_FONT,
            xanchor="right",
            xshift=-CHIP_W / 2 - 4,
        ),
        Label(
            0,
            BUS_Y - 2,
            f"<b>{_d('h', 't−1')}</b> {t('backprop.diagram.to_prev', lang)}"
            f"<br>Σ<sub>k</sub> U<sub>k</sub>ᵀδa<sub>k</sub> = {n(v['dh_prev'])}",
            size=LABEL_FONT,
            xanchor="left",
            yanchor="top",
        ),
        Hover(
            2,
            BUS_Y,
            f"{_d('h', 't−1')} = {' + '.join(_term(v[f'branch_{g}']) for g in gates)}"
            f" = {n(v['dh_prev'])}<br>{_d('h', 't−1')} = {_vector(v['dh_prev_vec'])}",
            w("dh_prev"),
        ),
        Label(
            X_IN_X,
            9,
            f"<b>{_d('x', 't')}</b> {t('backprop.diagram.to_input', lang)}"
            f"<br>‖{_d('x', 't')}‖ = {n(_norm(v['dx']))}",
            size=LABEL_FONT,
            yanchor="top",
        ),
        Hover(X_IN_X, 12, f"{_d('x', 't')} = Wᵀ δa<sub>t</sub> = {_vector(v['dx'])}", w("dx")),
        Note(t("backprop.diagram.note", lang, t=t_, unit=unit + 1, size=hidden)),
    )
    meta = {"kind": "lstm_backward", "values": v, "t": t_, "unit": unit, "variant": variant}
    return Picture(
        items=tuple(p.items),
        height=BACKWARD_HEIGHT,
        bottom=BACKWARD_BOTTOM,
        meta=meta,
        hidden=hidden,
        lang=lang,
    )


def _term(x: float) -> str:
    """A value as a term of a sum: negative ones in parentheses."""
    text = sci(x)
    return f"({text})" if text.startswith("−") else text


def _norm(vector: list[float]) -> float:
    return sum(x * x for x in vector) ** 0.5


def _vector(vector: list[float], limit: int = 6) -> str:
    shown = ", ".join(sci(x) for x in vector[:limit])
    return f"[{shown}{', …' if len(vector) > limit else ''}]"


def backward_aria_label(picture: Picture) -> str:
    """The backward step in one sentence for a screen reader, in the picture's language."""
    v, n = picture.meta["values"], sci
    return t(
        "backprop.diagram.aria",
        picture.lang,
        t=picture.meta["t"],
        unit=picture.meta["unit"] + 1,
        size=picture.hidden,
        dh=n(v["dh"]),
        loss=n(v["dh_loss"]),
        future=n(v["dh_future"]),
        dc=n(v["dc"]),
        dc_h=n(v["dc_h"]),
        dc_cell=n(v["dc_cell"]),
        dc_prev=n(v["dc_prev"]),
        dh_prev=n(v["dh_prev"]),
        dx=n(_norm(v["dx"])),
    )


def lstm_backward_svg(*args: Any, width: str = "100%", **kwargs: Any) -> str:
    """The backward step as an SVG string; arguments as lstm_backward_picture, `width` as
    cell_svg.picture_svg."""
    picture = lstm_backward_picture(*args, **kwargs)
    return picture_svg(picture, backward_aria_label(picture), width)
