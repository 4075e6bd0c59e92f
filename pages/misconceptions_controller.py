"""Controller of the common misconceptions page: its controls (widgets whose session-state keys
are their URL names, prefixed `mc_`; lstm_ui.url_state reads and writes the URL), their limits,
its settings, and the one cached computation returning every section's core results, the
verdicts worded as notes, the equations and the finished figures.

URL keys, by misconception:
    1  mc_T, mc_H               sequence length and hidden size of the run
    2  mc_keep_f, mc_keep_c     the forget gate and c_{t−1}
    3  mc_sum_f, mc_sum_c, mc_sum_i, mc_sum_g
    4  mc_read_c, mc_read_g     c_{t−1} and the candidate g
    5  mc_bf, mc_K              the forget bias and how many steps back
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import streamlit as st

from lstm_core.lab import misconceptions as core
from lstm_core.lab.gradient_flow import LSTMFlow, RNNFlow
from lstm_core.lab.verdicts import (
    cell_size_verdict,
    forget_bias_verdict,
    forget_term_verdict,
    keep_verdict,
    read_out_verdict,
)
from lstm_ui.url_state import Param
from lstm_viz import misconceptions as viz
from lstm_viz import summaries
from lstm_viz.notes import Note
from lstm_viz.numbers import num

PAGE = "misconceptions"
MAX_T, MAX_H = 500, 16
C_RANGE = (-5.0, 5.0)
FORGET_BIAS_RANGE = (-3.0, 6.0)
K_CHOICES: tuple[str, ...] = ("50", "100", "200", "500")  # as in the URL
DECAY_STEPS = 10  # steps of f^k shown for misconception 2
LARGE_FORGET_BIAS = core.LARGE_FORGET_BIAS

URL_PARAMS = (
    Param("mc_T", "int", 20, lo=1, hi=MAX_T),
    Param("mc_H", "int", 4, lo=1, hi=MAX_H),
    Param("mc_keep_f", "float", 0.3, lo=0.0, hi=1.0),
    Param("mc_keep_c", "float", 2.0, lo=C_RANGE[0], hi=C_RANGE[1]),
    Param("mc_sum_f", "float", 0.7, lo=0.0, hi=1.0),
    Param("mc_sum_c", "float", 1.5, lo=C_RANGE[0], hi=C_RANGE[1]),
    Param("mc_sum_i", "float", 0.6, lo=0.0, hi=1.0),
    Param("mc_sum_g", "float", 0.5, lo=-1.0, hi=1.0),
    Param("mc_read_c", "float", -1.0, lo=C_RANGE[0], hi=C_RANGE[1]),
    Param("mc_read_g", "float", 0.9, lo=-1.0, hi=1.0),
    Param("mc_bf", "float", 0.0, lo=FORGET_BIAS_RANGE[0], hi=FORGET_BIAS_RANGE[1]),
    Param("mc_K", "choice", "100", choices=K_CHOICES),
)
DEFAULTS = {p.key: p.default for p in URL_PARAMS}


@dataclass(frozen=True)
class Settings:
    """Every control of the page as a plain value (hashable, the cache key); the field names
    are the URL keys without `mc_`."""

    T: int
    H: int
    keep_f: float
    keep_c: float
    sum_f: float
    sum_c: float
    sum_i: float
    sum_g: float
    read_c: float
    read_g: float
    bf: float
    K: int

    @classmethod
    def from_state(cls, state=None) -> Settings:
        """The settings the widgets hold (session state, keyed by the URL names)."""
        s = st.session_state if state is None else state
        cast = {"T": int, "H": int, "K": int}
        return cls(**{f.name: cast.get(f.name, float)(s[f"mc_{f.name}"]) for f in fields(cls)})


@dataclass(frozen=True)
class Section:
    """One misconception as the page shows it: its equations (LaTeX lines), the verdict's
    notes, its figure (a plotly dict), what else it shows (`extra`: a table, numbers), and
    `asides`: what course notes commonly say on the subject, answered with these numbers."""

    equations: list[str]
    notes: list[Note]
    figure: dict
    extra: dict
    asides: list[Note] = field(default_factory=list)
    summary: str | None = None  # the figure's text beside it, worded from the same verdict


@st.cache_data(max_entries=64, show_spinner=False)
def compute(s: Settings, lang: str) -> dict[str, Section]:
    """Every section's results for settings s in `lang`, by section key ("size", "keep",
    "sum", "read", "grad")."""
    return {
        "size": size_section(s.T, s.H, lang),
        "keep": keep_section(s.keep_f, s.keep_c, lang),
        "sum": sum_section(s.sum_f, s.sum_c, s.sum_i, s.sum_g, lang),
        "read": read_section(s.read_c, s.read_g, lang),
        "grad": gradient_section(s.bf, s.K, lang),
    }


# Inner caches, one per section, keep a partial change cheap: a slider of one section rebuilds
# only that section's figure, and the forget bias reruns only the chosen LSTM (the reference
# LSTM and the RNN change only with K).


@st.cache_data(max_entries=16, show_spinner=False)
def size_section(T: int, H: int, lang: str) -> Section:
    """Misconception 1: a run of T steps, H units; its cell states as a table too."""
    run = core.cell_size_run(T, H)
    v = cell_size_verdict(run.max_abs, run.f_max)
    return Section(
        viz.cell_size_equations(run, v),
        viz.cell_size_notes(run, v),
        viz.cell_size_figure(run, lang).to_dict(),
        {"table": viz.cell_size_table(run, lang)},
        viz.cell_size_asides(run),
        summaries.size_summary(run, v, lang),
    )


@st.cache_data(max_entries=64, show_spinner=False)
def keep_section(f: float, c_prev: float, lang: str) -> Section:
    """Misconception 2: the memory c_prev kept by forget gate f, over DECAY_STEPS steps."""
    step = core.one_step(0.0, f, 0.0, 0.5, c_prev)
    f_core, decay = float(step.f[0]), core.keep_decay(f, c_prev, DECAY_STEPS)
    v = keep_verdict(f_core, c_prev, decay)
    return Section(
        viz.keep_equations(f_core, c_prev, decay, v),
        viz.keep_notes(v, f_core, c_prev, decay),
        viz.keep_figure(f_core, decay, lang).to_dict(),
        {},
        summary=summaries.keep_summary(v, f_core, c_prev, decay, lang),
    )


@st.cache_data(max_entries=64, show_spinner=False)
def sum_section(f: float, c_prev: float, i: float, g: float, lang: str) -> Section:
    """Misconception 3: c_t, and the myth c_{t−1} + i g that takes f as 1."""
    term = core.forget_term(f, c_prev, i, g)
    v = forget_term_verdict(term.f, term.c_prev, term.c, term.carried, term.i)
    return Section(
        viz.forget_term_equations(term, v),
        viz.forget_term_notes(term, v),
        viz.forget_term_figure(term, lang).to_dict(),
        {},
        [viz.average_note(term, v)],
        summaries.sum_summary(term, v, lang),
    )


@st.cache_data(max_entries=64, show_spinner=False)
def read_section(c_prev: float, g: float, lang: str) -> Section:
    """Misconception 4: h_t from the new cell state, and the misreading from the old one."""
    read = core.read_out(c_prev, g)
    v = read_out_verdict(read.h, read.h_old)
    return Section(
        viz.read_out_equations(read, v),
        viz.read_out_notes(read, v),
        viz.read_out_figure(read, lang).to_dict(),
        {"i": num(read.i), "f": num(read.f), "o": num(read.o)},
        [viz.ranges_note(read)],
        summaries.read_summary(read, v, lang),
    )


@st.cache_data(max_entries=32, show_spinner=False)
def gradient_section(forget_bias: float, K: int, lang: str) -> Section:
    """Misconception 5: the LSTM's gradient with this forget bias beside the large-bias LSTM's
    and the RNN's, K steps back from a loss at the last of K steps, and their verdicts."""
    chosen = core.gradient_flow_lstm(forget_bias, K)
    large, rnn = large_and_rnn(K)
    v = forget_bias_verdict(chosen, large, rnn)
    big = LARGE_FORGET_BIAS
    return Section(
        viz.gradient_equations(chosen, forget_bias),
        viz.gradient_notes(v, chosen, large, forget_bias, big),
        viz.gradient_figure(v, chosen, large, rnn, forget_bias, big, lang).to_dict(),
        {},
        viz.rnn_notes(v, rnn),
        summaries.forget_bias_summary(v, chosen, large, forget_bias, big, lang),
    )


@st.cache_data(max_entries=8, show_spinner=False)
def large_and_rnn(K: int) -> tuple[LSTMFlow, RNNFlow]:
    """The two reference gradients of misconception 5, which change only with K."""
    return core.gradient_flow_lstm(LARGE_FORGET_BIAS, K), core.gradient_flow_rnn(K)
