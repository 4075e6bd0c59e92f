"""The exercises page's text and figures: the question, the verdict with the gap explained, and
the model's working (equations with numbers, the cell diagram or a chart of the run)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from lstm_core.lab.exercises import GATE_SETTINGS, H_THRESHOLD, Exercise, Verdict
from lstm_viz.anatomy import substituted_equations
from lstm_viz.figures import dict_figure
from lstm_viz.i18n import t
from lstm_viz.numbers import num
from lstm_viz.theme import MODEL_COLORS, QUANTITY_COLORS, base_layout

# Before the reveal the two gradient curves must not give the answer away by their colour.
NEUTRAL = {"A": "#444444", "B": "#999999"}
SETTING_COLORS = {"f1_i0": "#0072B2", "f0_i1": "#D55E00", "f1_i1": "#CC79A7", "f0_i0": "#E69F00"}


def short(v: float) -> str:
    """A given number as the question shows it: as few decimals as it needs (0.3, 2, −1.5)."""
    text = f"{float(v):.2f}".rstrip("0").rstrip(".")
    return ("−" + text[1:]) if text.startswith("-") else text


def question(ex: Exercise, lang: str) -> str:
    """The question in markdown with inline LaTeX."""
    fields = {k: short(v) for k, v in ex.given.items()}
    if ex.kind == "keep_memory":
        fields["n"] = str(int(ex.given["n"]))
    if ex.kind == "which_gradient":
        fields = {
            "steps": str(int(ex.given["steps"])),
            "forget_bias": short(ex.given["forget_bias"]),
        }
    return t(f"exercises.q.{ex.kind}", lang, **fields)


def choice_label(key: str, lang: str) -> str:
    """The text of an option of a choice exercise."""
    return t(f"exercises.choice.{key}", lang)


def verdict_text(ex: Exercise, verdict: Verdict, response: float | str, lang: str) -> str:
    """One line: right or not, the model's answer, the response and the gap."""
    if ex.choices:
        key = "exercises.right_choice" if verdict.correct else "exercises.wrong_choice"
        return t(
            key, lang, answer=choice_label(ex.answer, lang), response=choice_label(response, lang)
        )
    if ex.kind == "pulse_decay":
        answer, shown = str(int(ex.answer)), str(int(response))
        gap = f"{int(verdict.gap):+d}"
    else:
        answer, shown, gap = num(ex.answer), num(response), f"{verdict.gap:+.3f}"
    key = "exercises.right_number" if verdict.correct else "exercises.wrong_number"
    return t(key, lang, answer=answer, response=shown, gap=gap.replace("-", "−"))


def gap_explanation(ex: Exercise, verdict: Verdict, response: float | str, lang: str) -> str | None:
    """Why a wrong number is wrong: the known mistake it matches, or where the line is crossed
    (pulse_decay), or a pointer to the working. None for right answers and choices."""
    if verdict.correct or ex.choices:
        return None
    if verdict.slip is not None:
        return t(f"exercises.slip.{ex.kind}.{verdict.slip}", lang, **_slip_fields(ex))
    if ex.kind == "pulse_decay":
        h, answer, step = ex.curves["h"], int(ex.answer), int(response)
        if 1 <= step < answer:  # too early: at the student's step h is still on or above 0.1
            return t("exercises.gap.early", lang, t=step, h=num(h[step - 1]))
        if step > answer:  # too late: h was below 0.1 already at the answer
            return t("exercises.gap.late", lang, t=answer, h=num(h[answer - 1]), response=step)
    return t("exercises.gap.compare", lang)


def _slip_fields(ex: Exercise) -> dict[str, str]:
    """The numbers the slip explanations quote."""
    if ex.kind == "pulse_decay":
        h, answer = ex.curves["h"], int(ex.answer)
        return {
            "early": str(answer - 1),
            "h_early": num(h[answer - 2]),
            "answer": str(answer),
            "h_answer": num(h[answer - 1]),
        }
    if ex.step is None:
        return {}
    s = ex.step
    f, i, g, o, c = (float(a[0]) for a in (s.f, s.i, s.g, s.o, s.c))
    c_prev = ex.given["c_prev"]
    return {
        "kept": num(f * c_prev),
        "written": num(i * g),
        "f": short(f),
        "c_prev": short(c_prev),
        "c": num(c),
        "tanh_c": num(np.tanh(c)),
        "o": short(o),
    }


# --- the model's working ------------------------------------------------------------------------


def working_equations(ex: Exercise) -> list[str]:
    """LaTeX blocks with the model's numbers: c_t (and h_t) for the one-step kinds, h_t at the
    crossing for pulse_decay; [] for the kinds whose working is a chart."""
    if ex.kind in ("cell_update", "hidden_output"):
        x, h_prev, c_prev = np.zeros(1), np.zeros(1), np.array([ex.given["c_prev"]])
        lines = substituted_equations(ex.p, x, h_prev, c_prev, ex.step, 0, "standard")
        return lines[-2:] if ex.kind == "hidden_output" else lines[-2:-1]
    if ex.kind == "pulse_decay":
        t_cross, h = int(ex.answer), ex.curves["h"]
        f, o = short(ex.given["f"]), short(ex.given["o"])
        c1 = f"{ex.curves['c'][0]:.3f}"  # the model's c_1, unrounded, so each line adds up
        rows = [
            rf"h_{{{k}}} &= {o} \cdot \tanh({f}^{{{k - 1}}} \cdot {c1}) = {h[k - 1]:.3f}"
            for k in (t_cross - 1, t_cross)
        ]
        rows[0] += r" \geq 0.1"
        rows[1] += r" < 0.1"
        return [r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"]
    return []


def gates_from_biases(ex: Exercise, lang: str) -> str:
    """How the one-step exercises' gates come out of their biases, with numbers."""
    b = ex.p.b
    s = ex.step
    return t(
        "exercises.gates_from_biases",
        lang,
        b_i=f"{b[0]:.3f}",
        b_f=f"{b[1]:.3f}",
        b_g=f"{b[2]:.3f}",
        b_o=f"{b[3]:.3f}",
        **{k: f"{float(getattr(s, k)[0]):.3f}" for k in "ifgo"},
    )


def reveal_text(ex: Exercise, lang: str) -> str | None:
    """The explanation under the chart for the sequence kinds; None for one-step kinds."""
    g = ex.given
    if ex.kind == "keep_memory":
        n = int(g["n"])
        kept, both = ex.curves["f1_i0"][-1], ex.curves["f1_i1"][-1]
        return t(f"exercises.reveal.{ex.kind}", lang, n=n, kept=num(kept), both_open=num(both))
    if ex.kind == "pulse_decay":
        fields = {k: short(g[k]) for k in ("f", "c1")}
        return t(f"exercises.reveal.{ex.kind}", lang, answer=int(ex.answer), **fields)
    if ex.kind == "which_gradient":
        return t(f"exercises.reveal.{ex.kind}", lang, **which_gradient_fields(ex, lang))
    return None


def which_gradient_fields(ex: Exercise, lang: str) -> dict:
    """The numbers of a "which curve is the RNN's" answer, as its reveal and its chart's summary
    word them: which curve is which, each one's reach, and the mean forget gate."""
    g = ex.given
    steps, lstm_reach = int(g["steps"]), int(g["lstm_reach"])
    # a loss at the last of T steps reaches at most T − 1 steps back
    reach = t("exercises.reach_all", lang, steps=steps - 1) if lstm_reach >= steps else lstm_reach
    return {
        "rnn": ex.answer,
        "lstm": "B" if ex.answer == "A" else "A",
        "rnn_reach": int(g["rnn_reach"]),
        "lstm_reach": reach,
        "f_mean": f"{g['f_mean']:.2f}",
    }


def memory_figure(ex: Exercise, lang: str) -> go.Figure:
    """keep_memory's reveal: c_t over the n steps under each of the four gate settings."""
    n = len(ex.curves["f1_i0"])
    data = [
        dict(
            type="scatter",
            x=list(range(n)),
            y=ex.curves[s].tolist(),
            name=choice_label(s, lang),
            mode="lines",
            line=dict(color=SETTING_COLORS[s], width=5 if s == ex.answer else 2),
            hovertemplate="t = %{x}: c = %{y:.3f}<extra></extra>",
        )
        for s in GATE_SETTINGS
    ]
    layout = base_layout(
        height=380,
        xaxis=dict(title=dict(text=t("exercises.axis.step", lang))),
        yaxis=dict(title=dict(text=t("exercises.axis.cell", lang)), zeroline=True),
        legend=dict(orientation="h", yanchor="top", y=-0.2, xanchor="left", x=0),
        margin=dict(l=60, r=20, t=20, b=40),
    )
    return dict_figure(data, layout)


def pulse_figure(ex: Exercise, lang: str) -> go.Figure:
    """pulse_decay's reveal: h_t and c_t after the pulse, the 0.1 line and the first step below."""
    h, c = ex.curves["h"], ex.curves["c"]
    steps = list(range(1, len(h) + 1))
    k = int(ex.answer)
    data = [
        dict(
            type="scatter",
            x=steps,
            y=c.tolist(),
            name="c_t",
            mode="lines+markers",
            line=dict(color=QUANTITY_COLORS["c"], width=2, dash="dot"),
            hovertemplate="t = %{x}: c = %{y:.3f}<extra></extra>",
        ),
        dict(
            type="scatter",
            x=steps,
            y=h.tolist(),
            name="h_t",
            mode="lines+markers",
            line=dict(color=QUANTITY_COLORS["h"], width=3),
            hovertemplate="t = %{x}: h = %{y:.3f}<extra></extra>",
        ),
        dict(
            type="scatter",
            x=[k],
            y=[float(h[k - 1])],
            mode="markers+text",
            showlegend=False,
            marker=dict(size=14, color=QUANTITY_COLORS["h"], line=dict(color="black", width=2)),
            text=[t("exercises.answer_marker", lang, t=k, h=num(h[k - 1]))],
            textposition="top right",
            hoverinfo="skip",
        ),
    ]
    layout = base_layout(
        height=360,
        xaxis=dict(title=dict(text=t("exercises.axis.step", lang)), dtick=max(1, len(h) // 10)),
        yaxis=dict(title=dict(text=t("exercises.axis.value", lang)), rangemode="tozero"),
        shapes=[
            dict(
                type="line",
                xref="paper",
                x0=0,
                x1=1,
                y0=H_THRESHOLD,
                y1=H_THRESHOLD,
                line=dict(color="black", width=1, dash="dash"),
            )
        ],
    )
    return dict_figure(data, layout)


def gradient_figure(ex: Exercise, lang: str, revealed: bool) -> go.Figure:
    """which_gradient: the two curves on a log axis, labelled A and B; once revealed, each in its
    model's colour and named."""
    rnn_label = ex.answer
    lstm_label = "B" if rnn_label == "A" else "A"
    curves = {rnn_label: ("rnn", ex.curves["rnn"]), lstm_label: ("lstm", ex.curves["lstm"])}
    data = []
    for label in ("A", "B"):
        model, y = curves[label]
        if revealed:
            name = t(f"exercises.curve_{model}", lang, label=label)
            color = MODEL_COLORS["rnn" if model == "rnn" else "lstm_cell"]
        else:
            name, color = t("exercises.curve", lang, label=label), NEUTRAL[label]
        y = np.where(y > 0, y, np.nan)  # log axis: an exact zero has no place on it
        data.append(
            dict(
                type="scatter",
                x=list(range(len(y))),
                y=y.tolist(),
                name=name,
                mode="lines",
                line=dict(color=color, width=3, dash="solid" if label == "A" else "dash"),
                hovertemplate="k = %{x}: %{y:.2e}<extra>" + name + "</extra>",
            )
        )
    layout = base_layout(
        height=360,
        xaxis=dict(title=dict(text=t("exercises.axis.steps_back", lang))),
        yaxis=dict(
            title=dict(text=t("exercises.axis.gradient", lang)), type="log", exponentformat="power"
        ),
    )
    return dict_figure(data, layout)
