"""Text beside every chart: one or two sentences a screen reader reads (Streamlit charts have no
text alternative) and a student skims, in the page's language.

`figure_summary` words any figure from its own numbers (each named line: first, last, lowest,
highest value; bars: each bar's value; a heatmap: its size and range). A page with verdicts
passes a summary worded from them instead (`gradient_summary`), so the text beside a chart
says what the page's explanation says.
"""

from __future__ import annotations

import base64
import re

import numpy as np

from lstm_core.lab.verdicts import GradientVerdicts
from lstm_viz.gradients import reach_text
from lstm_viz.i18n import t
from lstm_viz.numbers import format_number

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
                sentences.append(
                    t(
                        "a11y.summary.line",
                        lang,
                        name=name,
                        first=format_number(y[0]),
                        last=format_number(y[-1]),
                        low=format_number(y.min()),
                        high=format_number(y.max()),
                    )
                )
    if not sentences:  # no named series: the first trace with numbers, named by the title
        for trace in spec.get("data", []):
            y = values(trace.get("y"))
            y = y[np.isfinite(y)] if y.ndim == 1 else np.asarray([])
            if y.size >= 2:
                name = plain(trace.get("name") or title or t("a11y.summary.chart", lang))
                sentences.append(
                    t(
                        "a11y.summary.line",
                        lang,
                        name=name,
                        first=format_number(y[0]),
                        last=format_number(y[-1]),
                        low=format_number(y.min()),
                        high=format_number(y.max()),
                    )
                )
                break
    if lines > MAX_SERIES:
        sentences.append(t("a11y.summary.more", lang, count=lines - MAX_SERIES))
    if title and sentences and not sentences[0].startswith(title):
        sentences.insert(0, title + ".")
    return " ".join(sentences)


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
