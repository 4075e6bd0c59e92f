"""Views of one LSTM or GRU step: the equations with numbers, a bar chart of every unit, and the
callouts that apply to the numbers on screen."""

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from lstm_core.lab.verdicts import step_verdict
from lstm_viz.i18n import t
from lstm_viz.numbers import num, percent, tex
from lstm_viz.theme import QUANTITY_COLORS, base_layout

UNIT_PATTERNS = ("", "/", ".", "x")


def _sum_of_products(weights, values, bias: float) -> str:
    """The sum w₁·v₁ + w₂·v₂ + b in LaTeX, each sign written once (no "+ (−1.000)")."""
    terms = [(w, rf" \cdot {tex(v)}") for w, v in zip(weights, values, strict=True)]
    terms.append((bias, ""))
    text = ""
    for n, (coefficient, rest) in enumerate(terms):
        sign = "-" if coefficient < 0 else ("+" if n else "")
        text += (f" {sign} " if n else sign) + f"{abs(coefficient):.3f}" + rest
    return text


def aligned(*rows: str) -> str:
    """LaTeX rows aligned at their "&" (one block, so it fits a narrow screen)."""
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


def substituted_equations(p, x, h_prev, c_prev, step, unit: int, variant: str) -> list[str]:
    """The six equations for hidden unit `unit` with every number put in, one LaTeX block each
    (aligned rows, so that they fit a narrow screen).

    p: LSTMParams; x (D,), h_prev (H,), c_prev (H,); step: lstm_step's result for them.
    The weighted sum is written out term by term while it has at most four terms.
    """
    k, H = unit, p.hidden_size
    lines = []
    for gate, squash in (("i", r"\sigma"), ("f", r"\sigma"), ("g", r"\tanh"), ("o", r"\sigma")):
        value = getattr(step, gate)[k]
        if gate == "f" and variant == "no_forget":
            lines.append(r"f_t = 1 \quad \text{(1997 LSTM)}")
            continue
        if gate == "f" and variant == "coupled":
            lines.append(rf"f_t = 1 - i_t = 1 - {step.i[k]:.3f} = {value:.3f}")
            continue
        W, U, b = p.block(gate)
        a = step.a[list("ifgo").index(gate) * H + k]
        rows = [rf"{gate}_t &= {squash}(W_{gate} x_t + U_{gate} h_{{t-1}} + b_{gate})"]
        if len(x) + len(h_prev) <= 3:
            terms = _sum_of_products([*W[k], *U[k]], [*x, *h_prev], b[k])
            rows.append(rf"&= {squash}({terms})")
        rows.append(rf"&= {squash}({a:.3f}) = {value:.3f}")
        lines.append(aligned(*rows))
    f, i, g, o, c, h = (getattr(step, n)[k] for n in ("f", "i", "g", "o", "c", "h"))
    lines.append(
        aligned(
            r"c_t &= f_t \odot c_{t-1} + i_t \odot g_t",
            rf"&= {tex(f)} \times {tex(c_prev[k])} + {tex(i)} \times {tex(g)}",
            rf"&= {tex(f * c_prev[k])} + {tex(i * g)} = {c:.3f}",
        )
    )
    lines.append(
        aligned(
            r"h_t &= o_t \odot \tanh(c_t)",
            rf"&= {tex(o)} \times \tanh({tex(c)})",
            rf"&= {tex(o)} \times {tex(np.tanh(c))} = {h:.3f}",
        )
    )
    return lines


def gru_equations(g, x, h_prev, step, unit: int) -> list[str]:
    """nn.GRU's four equations for hidden unit `unit` with every number put in, one LaTeX block
    each. g: GRUParams (reset_after=True); x (D,), h_prev (H,); step: gru_step's result."""
    k, H = unit, g.hidden_size
    short = len(x) + len(h_prev) <= 3  # write the weighted sums out term by term
    lines = []
    for gate in ("r", "z"):
        W, U, b_i, b_h = g.block(gate)
        a, value = step.a[("rz".index(gate)) * H + k], getattr(step, gate)[k]
        rows = [
            rf"{gate}_t &= \sigma(W_{gate} x_t + b_{{i{gate}}}"
            rf" + U_{gate} h_{{t-1}} + b_{{h{gate}}})"
        ]
        if short:
            terms = _sum_of_products([*W[k], *U[k]], [*x, *h_prev], b_i[k] + b_h[k])
            rows.append(rf"&= \sigma({terms})")
        rows.append(rf"&= \sigma({a:.3f}) = {value:.3f}")
        lines.append(aligned(*rows))
    W, U, b_i, b_h = g.block("n")
    r, hn, n = step.r[k], step.hn[k], step.n[k]
    rows = [r"n_t &= \tanh(W_n x_t + b_{in} + r_t \odot (U_n h_{t-1} + b_{hn}))"]
    if short:
        outer = _sum_of_products(list(W[k]), list(x), b_i[k])
        inner = _sum_of_products(list(U[k]), list(h_prev), b_h[k])
        rows.append(rf"&= \tanh({outer} + {tex(r)} \times ({inner}))")
    rows.append(rf"&= \tanh({tex(step.a[2 * H + k] - r * hn)} + {tex(r)} \times {tex(hn)})")
    rows.append(rf"&= \tanh({step.a[2 * H + k]:.3f}) = {n:.3f}")
    lines.append(aligned(*rows))
    z, hp, h = step.z[k], h_prev[k], step.h[k]
    lines.append(
        aligned(
            r"h_t &= (1 - z_t) \odot n_t + z_t \odot h_{t-1}",
            rf"&= {tex(1 - z)} \times {tex(n)} + {tex(z)} \times {tex(hp)}",
            rf"&= {tex((1 - z) * n)} + {tex(z * hp)} = {h:.3f}",
        )
    )
    return lines


@dataclass(frozen=True)
class Callout:
    """A misconception note that applies to the numbers shown: a string key and its fields."""

    key: str
    fields: dict


def callouts(step, c_prev, unit: int, variant: str) -> list[Callout]:
    """The notes that correct the usual misconceptions, chosen for these numbers (unit `unit`)
    by lstm_core.lab.verdicts.step_verdict."""
    k = unit
    f, i, g, o, c, h = (float(getattr(step, n)[k]) for n in ("f", "i", "g", "o", "c", "h"))
    cp = float(c_prev[k])
    v = step_verdict(f, cp, c, variant)
    notes = []
    if variant == "no_forget":
        notes.append(Callout("anatomy.callout.no_forget", {}))
    elif variant == "coupled":
        notes.append(Callout("anatomy.callout.coupled", {"f": num(f)}))
    if v.fraction:
        notes.append(
            Callout(
                "anatomy.callout.keeps_fraction",
                {"f": num(f), "percent": f"{100 * f:.1f}", "c_prev": num(cp), "fc": num(f * cp)},
            )
        )
    if v.forget_term:
        notes.append(
            Callout(
                "anatomy.callout.forget_term",
                {"fc": num(f * cp), "ig": num(i * g), "c": num(c)},
            )
        )
    notes.append(
        Callout(
            "anatomy.callout.new_c",
            {
                "o": num(o),
                "c": num(c),
                "h": num(h),
                "c_prev": num(cp),
                "h_old": num(o * np.tanh(cp)),
            },
        )
    )
    notes.append(Callout("anatomy.callout.size", {"H": len(step.c)}))
    if v.beyond_one:
        notes.append(Callout("anatomy.callout.c_beyond_one", {"c": num(c)}))
    return notes


def gru_callouts(reading, hidden: int) -> list[Callout]:
    """The sentences about a GRU step, worded from read_gru_step's reading (lstm_core.lab)."""
    r = reading
    n = num
    update = Callout(
        f"anatomy.gru.update.{r.update}",
        {
            "z": n(r.z),
            "percent": percent(r.z),
            "rest": percent(1 - r.z),
            "h_prev": n(r.h_prev),
            "n": n(r.n),
            "h": n(r.h),
            "zh": n(r.zh),
            "zn": n(r.zn),
        },
    )
    reset = Callout(
        f"anatomy.gru.reset.{r.reset}",
        {"r": n(r.r), "percent": percent(r.r), "hn": n(r.hn), "rhn": n(r.rhn), "n": n(r.n)},
    )
    return [update, reset, Callout("anatomy.gru.no_cell", {"H": hidden})]


BAR_QUANTITIES = ("i", "f", "o", "g", "c", "h")
GRU_BAR_QUANTITIES = ("r", "z", "n", "h")
# The GRU's gates in the colours of the LSTM quantities that do the same job: z keeps like f,
# n is the candidate like g.
GRU_COLORS = {"r": QUANTITY_COLORS["i"], "z": QUANTITY_COLORS["f"], "n": QUANTITY_COLORS["g"]}


def gate_bars_figure(step, lang: str, quantities: tuple[str, ...] = BAR_QUANTITIES) -> go.Figure:
    """Grouped bars of the gates (in [0, 1]) and the signed values for every unit, each labelled
    with its value: i, f, o, g, c, h of an LSTM step, or (quantities=GRU_BAR_QUANTITIES)
    r, z, n, h of a GRU step."""
    H = len(step.h)
    labels = [f"{q}<sub>t</sub>" for q in quantities]
    colors = [GRU_COLORS.get(q, QUANTITY_COLORS.get(q)) for q in quantities]
    bars = []
    for k in range(H):
        values = [float(getattr(step, q)[k]) for q in quantities]
        name = t("anatomy.bars.unit", lang, k=k + 1)
        bars.append(
            go.Bar(
                x=labels,
                y=values,
                name=name,
                marker=dict(color=colors, pattern_shape=UNIT_PATTERNS[k % 4], line_width=0),
                text=[num(v) for v in values],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{x} = %{y:.4f}<extra>" + name + "</extra>",
                showlegend=H > 1,
            )
        )
    values = np.stack([getattr(step, q) for q in quantities])
    top, bottom = max(1.0, float(values.max())), min(0.0, float(values.min()))
    # The band where gates live, [0, 1], drawn behind the bars.
    band = dict(
        type="rect",
        xref="paper",
        x0=0,
        x1=1,
        y0=0,
        y1=1,
        fillcolor="#f0f0f0",
        line_width=0,
        layer="below",
    )
    layout = base_layout(height=320, margin=dict(l=50, r=10, t=30, b=40))
    layout.update(
        barmode="group",
        shapes=[band],
        yaxis=dict(
            title=t("anatomy.bars.value", lang),
            range=[bottom * 1.2 - 0.05, top * 1.2],
            zeroline=True,
            zerolinecolor="#888",
        ),
        uniformtext=dict(minsize=10, mode="hide"),
    )
    return go.Figure(data=bars, layout=layout)
