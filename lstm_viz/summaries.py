"""Text beside every chart: one or two sentences a screen reader reads (Streamlit charts have no
text alternative) and a student skims, in the page's language.

A chart whose meaning the page states passes a summary worded from the SAME verdict objects as
the page's explanation (lstm_core.lab.verdicts and the lab modules decide; this module only
words): the gradients (`gradient_summary`, the theory charts), the anatomy bars
(`anatomy_summary`, `gru_anatomy_summary`), the stepper's cursor step (`stepper_summary`), the
home preview, each misconception, the training lab's loss and result charts, backprop's bars,
∂L/∂U and connectivity charts, and the exercises' revealed chart. Numbers use the formatters the
page uses for the same numbers (lstm_viz.numbers).

`figure_summary` is the fallback for charts that carry no claim: it words any figure from its
own numbers (each named line: first, last, lowest, highest value; bars: each bar's value; a
heatmap: its size and range).
"""

from __future__ import annotations

import base64
import math
import re
from types import SimpleNamespace

import numpy as np

from lstm_core.gru import GRUTrace
from lstm_core.lab.scenarios import read_gru_step
from lstm_core.lab.verdicts import (
    ForgetBiasVerdict,
    GradientVerdicts,
    KeepVerdict,
    LSTMVerdict,
    ReadVerdict,
    SizeVerdict,
    TermVerdict,
    against_baseline,
    closer_fit,
    step_verdict,
)
from lstm_viz.exercises import short, which_gradient_fields
from lstm_viz.gradients import reach_text
from lstm_viz.i18n import t
from lstm_viz.misconceptions import horizon_note
from lstm_viz.numbers import format_number, num, percent, sci
from lstm_viz.preview import caption_fields
from lstm_viz.stepper import state_before

MAX_SERIES = 4  # named lines worded; the rest counted
MAX_BARS = 8
_TAG = re.compile(r"<[^>]+>")


_SUB = re.compile(r"<sub>(.*?)</sub>")
_SUBSCRIPTS = str.maketrans(
    "0123456789+-−=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"
)


def _subscript(match: re.Match) -> str:
    low = match[1].translate(_SUBSCRIPTS)
    return (
        low
        if low != match[1] and all(ch not in low for ch in match[1] if ch.isalpha())
        else ("_" + match[1])
    )


def plain(text: object) -> str:
    """Plotly markup as plain text: subscripts as Unicode subscripts (i<sub>t</sub> → iₜ),
    <br> a space, other tags dropped."""
    text = _SUB.sub(_subscript, str(text).replace("<br>", " "))
    return _TAG.sub("", text).strip()


def values(array: object) -> np.ndarray:
    """A trace's array as float64, from a list, a numpy array or plotly's typed array dict."""
    if isinstance(array, dict) and "bdata" in array:
        data = np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
        shape = array.get("shape")
        if isinstance(shape, str):
            data = data.reshape(tuple(int(n) for n in shape.split(",")))
        return data.astype(float)
    try:
        return np.asarray(array if array is not None else [], dtype=float)
    except (TypeError, ValueError):
        return np.asarray([], dtype=float)


def figure_summary(spec: dict, lang: str) -> str:
    """One or two sentences on what a figure dict (go.Figure.to_dict()) shows, from its
    numbers: its title, then each named line, bar series or heatmap."""
    layout = spec.get("layout", {})
    title = layout.get("title")
    title = plain(title.get("text", "") if isinstance(title, dict) else title or "")
    sentences, lines = [], 0
    for trace in spec.get("data", []):
        kind = trace.get("type", "scatter")
        name = plain(trace.get("name") or title or t("a11y.summary.chart", lang))
        if kind in ("heatmap", "contour"):
            z = values(trace.get("z"))
            z = z[np.isfinite(z)] if z.size else z
            if z.size and values(trace.get("z")).ndim == 2:
                rows, columns = values(trace.get("z")).shape
                sentences.append(
                    t(
                        "a11y.summary.grid",
                        lang,
                        name=name,
                        rows=rows,
                        columns=columns,
                        low=format_number(z.min()),
                        high=format_number(z.max()),
                    )
                )
        elif kind == "bar":
            y = values(trace.get("y"))
            labels = [plain(x) for x in (trace.get("x") or [])]
            if y.size and len(labels) == y.size and y.size <= MAX_BARS:
                pairs = ", ".join(f"{x} {format_number(v)}" for x, v in zip(labels, y, strict=True))
                sentences.append(t("a11y.summary.bars", lang, name=name, values=pairs))
        elif kind in ("scatter", "scattergl") and trace.get("name"):
            if trace.get("showlegend") is False:
                continue
            y = values(trace.get("y"))
            y = y[np.isfinite(y)] if y.ndim == 1 else np.asarray([])
            if y.size < 2:
                continue
            lines += 1
            if lines <= MAX_SERIES:
                sentences.append(_line_sentence(name, y, lang))
    if not sentences:  # no named series: the first trace with numbers, named by the title
        for trace in spec.get("data", []):
            y = values(trace.get("y"))
            y = y[np.isfinite(y)] if y.ndim == 1 else np.asarray([])
            if y.size >= 2:
                name = plain(trace.get("name") or title or t("a11y.summary.chart", lang))
                sentences.append(_line_sentence(name, y, lang))
                break
    if lines > MAX_SERIES:
        sentences.append(t("a11y.summary.more", lang, count=lines - MAX_SERIES))
    if title and sentences and not sentences[0].startswith(title):
        sentences.insert(0, title + ".")
    return " ".join(sentences)


def _line_sentence(name: str, y: np.ndarray, lang: str) -> str:
    """One line worded: its name, first and last value, lowest and highest (y: finite, (n,))."""
    fields = {"first": y[0], "last": y[-1], "low": y.min(), "high": y.max()}
    return t(
        "a11y.summary.line", lang, name=name, **{k: format_number(v) for k, v in fields.items()}
    )


def gradient_summary(v: GradientVerdicts, lang: str) -> str:
    """The vanishing-gradient chart in a sentence, from the page's verdicts: how far back each
    gradient reaches (the same phrases as the page's explanation). With the loss at the first
    step there is no way back, and it says so."""
    if v.rnn.kind == "no_steps":
        return t("gradients.explain.no_steps_back", lang)
    return t(
        "a11y.summary.gradients",
        lang,
        rnn=reach_text(v.rnn, lang),
        cell=reach_text(v.lstm.cell, lang),
        hidden=reach_text(v.lstm.hidden, lang),
    )


# --- gate anatomy: the bars, worded from step_verdict / read_gru_step (as the callouts are) ------


def anatomy_summary(step, c_prev, unit: int, variant: str, lang: str) -> str:
    """The anatomy page's bar chart of one LSTM step in a sentence or two: unit `unit`'s values
    (as the bars label them), then what lstm_core.lab.verdicts.step_verdict says of them, the
    verdict the page's callouts are chosen by (see step_sentences). step: lstm_step's result
    (arrays (H,)); c_prev (H,)."""
    head = t(
        "a11y.summary.anatomy.values", lang, unit=unit + 1, H=len(step.c), **_values(step, unit)
    )
    return " ".join([head, *step_sentences(step, c_prev, unit, variant, lang)])


def _values(step, k: int, names: str = "ifogch") -> dict[str, str]:
    return {n: num(float(getattr(step, n)[k])) for n in names}


def step_sentences(step, c_prev, unit: int, variant: str, lang: str) -> list[str]:
    """What step_verdict says of unit `unit` of an LSTM step: the forget gate keeps a fraction
    of the memory (at the top or the bottom of its range, how much without the product; or there
    is no forget gate), and c_t outside [−1, 1] (not squashed) or within it.
    step: anything with arrays i, f, g, o, c, h (H,); c_prev (H,)."""
    k = unit
    f, c, h = (float(getattr(step, n)[k]) for n in ("f", "c", "h"))
    cp = float(np.asarray(c_prev, dtype=float)[k])
    v = step_verdict(f, cp, c, variant)
    sentences = []
    if variant == "no_forget":
        sentences.append(t("a11y.summary.anatomy.no_forget", lang))
    elif v.fraction:
        fields = {"f": num(f), "percent": f"{100 * f:.1f}", "c_prev": num(cp), "fc": num(f * cp)}
        sentences.append(t("a11y.summary.anatomy.fraction", lang, **fields))
    else:
        end = "edge_high" if f >= 0.5 else "edge_low"  # within FRACTION_EDGE of 1 or of 0
        sentences.append(t(f"a11y.summary.anatomy.{end}", lang, f=num(f), percent=f"{100 * f:.1f}"))
    linear = variant == "no_output_activation"
    if v.beyond_one:
        key = "beyond_one_linear" if linear else "beyond_one"
        sentences.append(t(f"a11y.summary.anatomy.{key}", lang, c=num(c), h=num(h)))
    else:
        sentences.append(t("a11y.summary.anatomy.within_one", lang, c=num(c)))
    return sentences


def gru_anatomy_summary(reading, hidden: int, lang: str) -> str:
    """The anatomy page's bar chart of one GRU step: unit values, and what read_gru_step's
    reading (the verdict the GRU callouts are worded from) says the update and reset gates do."""
    r = reading
    values = {"r": num(r.r), "z": num(r.z), "n": num(r.n), "h": num(r.h)}
    head = t("a11y.summary.anatomy.gru_values", lang, H=hidden, **values)
    return " ".join([head, *gru_sentences(reading, lang)])


def gru_sentences(reading, lang: str) -> list[str]:
    """What read_gru_step's reading says the update gate (keeps, overwrites, mixes) and the
    reset gate (blocks, passes, scales, nothing to scale) do, with the reading's numbers."""
    r = reading
    update = t(
        f"a11y.summary.anatomy.gru_update.{r.update}",
        lang,
        z=num(r.z),
        percent=percent(r.z),
        rest=percent(1 - r.z),
        h_prev=num(r.h_prev),
        n=num(r.n),
    )
    reset = t(
        f"a11y.summary.anatomy.gru_reset.{r.reset}",
        lang,
        r=num(r.r),
        percent=percent(r.r),
        hn=num(r.hn),
        rhn=num(r.rhn),
    )
    return [update, reset]


# --- the sequence stepper: the step at the cursor, worded from the same verdicts ----------------


def stepper_summary(trace, t_: int, unit: int, chart: str, lang: str) -> str:
    """The stepper's line chart (chart="lines") or heatmaps (chart="heatmaps") at the cursor t_
    (0-based step, the row of the step table), for unit `unit` (1-based, the diagram's): its
    values there and what step_verdict (LSTM) or read_gru_step (GRU) says of that step, the
    verdicts of the anatomy page's callouts. trace: lstm_core's LSTMTrace or GRUTrace
    (arrays (T, H))."""
    k, (T, H) = unit - 1, trace.h.shape
    head = t(f"a11y.summary.stepper.{chart}", lang, T=T, H=H)
    h_prev, c_prev = state_before(trace, t_)
    if isinstance(trace, GRUTrace):
        step = SimpleNamespace(**{n: getattr(trace, n)[t_] for n in ("r", "z", "n", "h", "hn")})
        at = t("a11y.summary.stepper.gru", lang, t=t_, unit=unit, **_values(step, k, "rznh"))
        return " ".join([head, at, *gru_sentences(read_gru_step(step, h_prev, k), lang)])
    step = SimpleNamespace(**{n: getattr(trace, n)[t_] for n in ("i", "f", "g", "o", "c", "h")})
    at = t("a11y.summary.stepper.lstm", lang, t=t_, unit=unit, **_values(step, k))
    return " ".join([head, at, *step_sentences(step, c_prev, k, trace.variant, lang)])


# --- the home page's preview, worded from the same verdict as its caption ------------------------


def preview_summary(preview, lang: str) -> str:
    """The home page's preview chart: both ratios k steps back, the LSTM's worded from the
    verdict the caption uses (grew, or kept a share: lstm_core.lab.preview's lstm_grew), with
    the caption's own fields (lstm_viz.preview.caption_fields, the same number formats)."""
    fields = caption_fields(preview, lang)
    return t("a11y.summary.home", lang, steps=len(preview.steps_back) - 1, **fields)


# --- the misconceptions page: each figure worded from its section's verdict ---------------------


def size_summary(run, v: SizeVerdict, lang: str) -> str:
    """Misconception 1's figure: c_t's fixed count beside the concatenated one, and max |c_t|
    worded from cell_size_verdict (beyond 1 or not; bounded by 1/(1 − f_max) or only by t)."""
    T, H = run.c.shape
    fields = {"T": T, "H": H, "TH": T * H, "cmax": num(v.c_max), "t": v.t_max}
    fields["f_max"] = f"{v.f_max:.4f}"
    head = t("a11y.summary.size.count", lang, **fields)
    if not v.beyond_one:
        key = "within_one"
    else:
        key = "bounded" if v.bounded else "linear"
    limit = num(v.limit) if v.bounded else ""
    return head + " " + t(f"a11y.summary.size.{key}", lang, limit=limit, **fields)


def keep_summary(v: KeepVerdict, f: float, c_prev: float, decay, lang: str) -> str:
    """Misconception 2's figure (c over K steps beside f rounded to 0 or 1), worded from
    keep_verdict, with the numbers the page's note shows."""
    c = float(decay[1])
    K = len(decay) - 1
    fields = {"f": f"{f:.2f}", "percent": percent(f), "c": num(c), "c_prev": num(c_prev), "K": K}
    fields["fraction"] = sci(f**K)
    fields["last"] = num(float(decay[-1]))
    key = v.kind
    if v.kind == "keeps":
        key = "keeps_most" if v.most_left else "keeps_small"
    return t(f"a11y.summary.keep.{key}", lang, **fields)


def sum_summary(r, v: TermVerdict, lang: str) -> str:
    """Misconception 3's bars (f c_{t−1}, i g, the model's c_t, the myth's c_{t−1} + i g),
    worded from forget_term_verdict."""
    fields = {
        "kept": num(r.kept),
        "written": num(r.written),
        "c": num(r.c),
        "carried": num(r.carried),
        "error": num(r.error),
        "c_prev": num(r.c_prev),
        "f": num(r.f),
    }
    head = t("a11y.summary.sum.bars", lang, **fields)
    text = head + " " + t(f"a11y.summary.sum.{v.kind}", lang, **fields)
    if v.sign_flip:
        text += " " + t("a11y.summary.sum.sign_flip", lang)
    return text


def read_summary(r, v: ReadVerdict, lang: str) -> str:
    """Misconception 4's curve o·tanh(c) with h_t and the misreading marked, worded from
    read_out_verdict."""
    fields = {
        "o": num(r.o),
        "h": num(r.h),
        "c": num(r.c),
        "c_prev": num(r.c_prev),
        "h_old": num(r.h_old),
        "d": num(abs(r.difference)),
    }
    key = "differs" if v.differs else "same"
    text = t(f"a11y.summary.read.{key}", lang, **fields)
    if v.sign_flip:
        text += " " + t("a11y.summary.read.sign_flip", lang)
    return text


def forget_bias_summary(
    v: ForgetBiasVerdict, chosen, large, forget_bias: float, large_bias: float, lang: str
) -> str:
    """Misconception 5's figure: each gradient's reach worded from forget_bias_verdict (the
    same phrases as the page's notes: lstm_viz.misconceptions.horizon_note)."""
    fields = {
        "K": v.chosen.steps,
        "bf": f"{forget_bias:g}",
        "f": num(chosen.f_mean),
        "bf_large": f"{large_bias:g}",
        "f_large": num(large.f_mean),
        "chosen": horizon_note(v.chosen).text(lang),
        "large": horizon_note(v.large).text(lang),
        "rnn": horizon_note(v.rnn).text(lang),
    }
    text = t("a11y.summary.grad.reach", lang, **fields)
    if v.large_rises:
        text += " " + t(
            "a11y.summary.grad.rises", lang, bf_large=f"{large_bias:g}", peak=sci(v.large.peak)
        )
    return text


# --- the vanishing gradients page's theory charts (wired by the page's owner) -------------------


def rnn_theory_summary(v: GradientVerdicts, sigma_max: float, rho: float, lang: str) -> str:
    """The RNN theory chart: the measured ratio's reach (v.rnn, as the explanation words it)
    under the per-step product and σ_max(U)ᵏ, with σ_max(U) and ρ(U) as the caption writes them
    (two decimals), and the verdicts loose_bound and rnn_saturated."""
    if v.rnn.kind == "no_steps":
        return t("gradients.explain.no_steps_back", lang)
    smax, rho_text = f"{sigma_max:.2f}", f"{rho:.2f}"
    text = t(
        "a11y.summary.theory.rnn", lang, reach=reach_text(v.rnn, lang), smax=smax, rho=rho_text
    )
    if v.loose_bound:
        text += " " + t("a11y.summary.theory.loose_bound", lang, smax=smax, rho=rho_text)
    if v.rnn_saturated:
        text += " " + t("a11y.summary.theory.saturated", lang, rho=rho_text)
    return text


def lstm_theory_summary(v: LSTMVerdict, f_mean: float, lang: str) -> str:
    """The LSTM theory chart: the measured ‖∂L/∂c‖ ratio's reach beside the cell path alone
    (Π f), and the verdicts h_path (the measured one reaches clearly further) and mean_gate
    (f̄ᵏ predicts early or late, with k as the explanation writes it)."""
    if v.cell.kind == "no_steps":
        return t("gradients.explain.no_steps_back", lang)
    measured = reach_text(v.cell, lang)
    if v.cell_path is None:  # nothing enters the memory path at the loss
        return t("a11y.summary.theory.lstm_dead", lang, reach=measured)
    text = t("a11y.summary.theory.lstm", lang, reach=measured, path=reach_text(v.cell_path, lang))
    if v.h_path:
        text += " " + t("a11y.summary.theory.h_path", lang)
    if v.mean_gate is not None:
        never = math.isinf(v.mean_gate_horizon)  # f̄ = 1: f̄ᵏ stays at 1
        key = "mean_never" if never else f"mean_{v.mean_gate}"
        k_pred = "" if never else f"{v.mean_gate_horizon:.0f}"
        text += " " + t(f"a11y.summary.theory.{key}", lang, f=f"{f_mean:.3f}", k_pred=k_pred)
    return text


def gru_theory_summary(v, lang: str) -> str:
    """The GRU theory chart: the measured ‖∂L/∂h‖ ratio's reach beside the z path alone (Π z),
    and the verdict `further` (v: lstm_core.lab.gru_gradients.GRUVerdict)."""
    if v.hidden.kind == "no_steps":
        return t("gradients.explain.no_steps_back", lang)
    measured = reach_text(v.hidden, lang)
    if v.z_path is None:
        return t("a11y.summary.theory.gru_dead", lang, reach=measured)
    text = t("a11y.summary.theory.gru", lang, reach=measured, path=reach_text(v.z_path, lang))
    if v.further:
        text += " " + t("a11y.summary.theory.gru_further", lang)
    return text


# --- the training lab: its loss and result charts, worded from against_baseline / closer_fit ----

MODEL_NAMES = {"rnn": "RNN", "lstm": "LSTM"}


def _baseline_sentences(run, lang: str) -> list[str]:
    """Each trained model's final validation loss against the best constant guess (the dashed
    line), worded from verdicts.against_baseline, with the loss as the page's metrics write it
    (four decimals)."""
    base = f"{run.baseline:.4f}"
    sentences = []
    for kind, model_run in run.runs.items():
        where = against_baseline(model_run.final_loss, run.baseline)
        if not math.isfinite(model_run.final_loss):  # "above", but it has no number to say
            where = "diverged"
        fields = {"model": MODEL_NAMES[kind], "loss": f"{model_run.final_loss:.4f}", "base": base}
        sentences.append(t(f"a11y.summary.training.{where}", lang, **fields))
    return sentences


def training_loss_summary(run, lang: str) -> str:
    """The training lab's loss chart (run: lstm_core.lab.lab_runs.LabRun). The sine demo: final
    training MSE of each model and which ends lower (verdicts.closer_fit); the other tasks:
    each model against the best constant guess (verdicts.against_baseline)."""
    task = run.settings.task
    if task == "sine":
        finals = {kind: f"{r.final_loss:.4f}" for kind, r in run.runs.items()}
        shown = ", ".join(f"{MODEL_NAMES[k]} {v}" for k, v in finals.items())
        text = t("a11y.summary.training.loss_sine", lang, finals=shown)
        if set(run.runs) == set(MODEL_NAMES):
            losses = (run.runs["rnn"].final_loss, run.runs["lstm"].final_loss)
            winner = closer_fit(*losses)
            if not any(math.isfinite(loss) for loss in losses):  # closer_fit calls it a tie
                winner = "diverged"
            text += " " + t(f"a11y.summary.training.closer.{winner}", lang)
        return text
    head = t(f"a11y.summary.training.loss_{task}", lang)
    return " ".join([head, *_baseline_sentences(run, lang)])


def training_result_summary(run, lang: str) -> str | None:
    """The training lab's result chart: predicted against true sums (adding) or validation
    accuracy (sign), worded from the same verdicts as the loss chart. None for the sine demo's
    closed loop, which no verdict decides (figure_summary words it from its numbers)."""
    task = run.settings.task
    if task == "sine":
        return None
    if task == "adding":
        head = t("a11y.summary.training.result_adding", lang, n=len(run.targets))
    else:
        shown = {k: r.accuracy for k, r in run.runs.items() if r.accuracy is not None}
        accuracies = ", ".join(f"{MODEL_NAMES[k]} {a:.1%}" for k, a in shown.items())
        head = t("a11y.summary.training.result_sign", lang, accuracies=accuracies)
    return " ".join([head, *_baseline_sentences(run, lang)])


# --- backprop: each chart worded from the ledger's verdicts (the page's sentences use the same) -


def branch_bars_summary(v, t_: int, lang: str) -> str:
    """δh_t's stacked bars at step t_, worded from ledger.branch_verdict v: nothing arrives from
    later steps, or which gate's branch is largest and its share (as the page writes it)."""
    head = t("a11y.summary.backprop.branch_bars", lang, t=t_)
    if v.nothing_arrives:
        return head + " " + t("a11y.summary.backprop.nothing", lang)
    body = t("a11y.summary.backprop.largest", lang, gate=v.largest, share=percent(v.share))
    return head + " " + body


def route_bars_summary(v, t_: int, peephole: bool, lang: str) -> str:
    """δc_t's stacked bars at step t_, worded from ledger.route_verdict v (which route carries
    more, the cell route's share; the peephole routes' share in that variant)."""
    head = t("a11y.summary.backprop.route_bars", lang, t=t_)
    text = (
        head + " " + t(f"a11y.summary.backprop.route_{v.larger}", lang, share=percent(v.cell_share))
    )
    if peephole:
        text += " " + t("a11y.summary.backprop.peephole", lang, share=percent(v.peephole_share))
    return text


def share_summary(rnn, lstm, chart: str, lang: str) -> str:
    """The ∂L/∂U heatmap (chart="heatmap") or its per-step norms (chart="norms"), worded from
    ledger.early_share's verdicts for both models (as the page's sentences: no early steps,
    a zero gradient, or the early steps' shares and "almost nothing")."""
    head = t(f"a11y.summary.backprop.{chart}", lang)
    if rnn.early_steps == 0:
        return head + " " + t("a11y.summary.backprop.no_early", lang, d=rnn.distance)
    dead = [m for m, v in (("RNN", rnn), ("LSTM", lstm)) if v.no_gradient]
    if dead:
        words = [t("a11y.summary.backprop.no_gradient", lang, model=m) for m in dead]
        return " ".join([head, *words])
    fields = {"d": rnn.distance, "n": rnn.early_steps}
    fields.update(rnn=percent(rnn.early), lstm=percent(lstm.early))
    words = [t("a11y.summary.backprop.early", lang, **fields)]
    for model, v in (("RNN", rnn), ("LSTM", lstm)):
        if v.almost_nothing:
            words.append(t("a11y.summary.backprop.early_nothing", lang, model=model))
    return " ".join([head, *words])


def focus_summary(rnn, lstm, marked, T: int, chart: str, lang: str) -> str:
    """The trained models' connectivity heatmaps (chart="heatmaps") or the last output's row
    (chart="last_row"), worded from connectivity.focus's verdicts (the marked steps' share of
    each model's dependence, against a uniform spread)."""
    head = t(f"a11y.summary.backprop.{chart}", lang)
    for model, v in (("LSTM", lstm), ("RNN", rnn)):
        if v.no_gradient:
            return head + " " + t("a11y.summary.backprop.focus_none", lang, model=model)
    fields = {"marked": ", ".join(f"t = {m}" for m in marked), "lstm": percent(lstm.share)}
    fields.update(rnn=percent(rnn.share), uniform=percent(len(marked) / T))
    return head + " " + t("a11y.summary.backprop.focus", lang, **fields)


# --- exercises: the chart after the answer, worded from the exercise's own answer ---------------


def exercise_summary(ex, lang: str) -> str | None:
    """The exercises page's chart once the answer is shown, worded from what
    lstm_core.lab.exercises decided (the answer: the step where h first drops below 0.1, the
    gate setting that keeps the memory, which curve is the RNN's) with the reveal text's
    numbers; the one-step kinds: the step's numbers (x = h_{t−1} = 0). None before the answer
    (the question's chart carries no claim: figure_summary words its numbers)."""
    g = ex.given
    if ex.kind == "keep_memory":
        n = int(g["n"])
        kept, both = ex.curves["f1_i0"][-1], ex.curves["f1_i1"][-1]
        fields = {"n": n, "kept": num(kept), "both_open": num(both)}
        label = t(f"exercises.choice.{ex.answer}", lang)
        return t("a11y.summary.exercises.keep_memory", lang, answer=label, **fields)
    if ex.kind == "pulse_decay":
        k = int(ex.answer)
        h = float(ex.curves["h"][k - 1])
        fields = {"f": short(g["f"]), "c1": short(g["c1"]), "answer": k, "h": num(h)}
        return t("a11y.summary.exercises.pulse_decay", lang, **fields)
    if ex.kind == "which_gradient":
        fields = which_gradient_fields(ex, lang)
        return t("a11y.summary.exercises.which_gradient", lang, **fields)
    if ex.step is None:
        return None
    f, i, gg, o, c, h = (float(getattr(ex.step, n)[0]) for n in ("f", "i", "g", "o", "c", "h"))
    fields = {"f": num(f), "i": num(i), "g": num(gg), "o": num(o), "c": num(c), "h": num(h)}
    return t("a11y.summary.exercises.step", lang, c_prev=num(g["c_prev"]), **fields)


def stocks_summary(company: str, verdicts: list[str], lang: str) -> str:
    """The stocks chart of one company, followed by the page's verdict sentences on both models
    against "same as last week" (worded from stocks.against_last_week, over all companies)."""
    head = t("a11y.summary.training.stocks", lang, company=company)
    return " ".join([head, *verdicts])


def gradient_heatmap_summary(v: GradientVerdicts, decades: int, lang: str) -> str:
    """The gradients page's per-unit heatmaps: what they show, and the reach of the norms they
    break down (v.rnn, v.lstm.cell: the verdicts of the page's explanation)."""
    if v.rnn.kind == "no_steps":
        return t("gradients.explain.no_steps_back", lang)
    return t(
        "a11y.summary.gradients_heatmap",
        lang,
        decades=decades,
        rnn=reach_text(v.rnn, lang),
        cell=reach_text(v.lstm.cell, lang),
    )
