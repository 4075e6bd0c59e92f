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

from dataclasses import dataclass, fields

import streamlit as st

from lstm_core.lab import misconceptions as core
from lstm_core.lab.gradient_flow import LSTMFlow, RNNFlow
from lstm_core.lab.verdicts import forget_bias_verdict
from lstm_ui.url_state import Param
from lstm_viz import misconceptions as viz
from lstm_viz.notes import Note

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
    notes, its figure (a plotly dict), and what else it shows (`extra`: a table, numbers)."""

    equations: list[str]
    notes: list[Note]
    figure: dict
    extra: dict


@st.cache_data(max_entries=64, show_spinner=False)
def compute(s: Settings, lang: str) -> dict[str, Section]:
    """Every section's results for settings s in `lang`, by section key ("size", "keep",
    "sum", "read", "grad")."""
    run = cell_size_run(s.T, s.H)
    step = core.one_step(0.0, s.keep_f, 0.0, 0.5, s.keep_c)
    f_core, decay = float(step.f[0]), core.keep_decay(s.keep_f, s.keep_c, DECAY_STEPS)
    term = core.forget_term(s.sum_f, s.sum_c, s.sum_i, s.sum_g)
    read = core.read_out(s.read_c, s.read_g)
    chosen, large, rnn = gradient_flows(s.bf, s.K)
    v = forget_bias_verdict(chosen, large, rnn)
    big = LARGE_FORGET_BIAS
    grad_figure = viz.gradient_figure(v, chosen, large, rnn, s.bf, big, lang)
    return {
        "size": Section(
            viz.cell_size_equations(run),
            viz.cell_size_notes(run),
            viz.cell_size_figure(run, lang).to_dict(),
            {"table": viz.cell_size_table(run, lang)},
        ),
        "keep": Section(
            viz.keep_equations(f_core, s.keep_c, decay),
            viz.keep_notes(f_core, s.keep_c, decay),
            viz.keep_figure(f_core, decay, lang).to_dict(),
            {},
        ),
        "sum": Section(
            viz.forget_term_equations(term),
            viz.forget_term_notes(term),
            viz.forget_term_figure(term, lang).to_dict(),
            {},
        ),
        "read": Section(
            viz.read_out_equations(read),
            viz.read_out_notes(read),
            viz.read_out_figure(read, lang).to_dict(),
            {"i": viz.num(read.i), "f": viz.num(read.f), "o": viz.num(read.o)},
        ),
        "grad": Section(
            viz.gradient_equations(chosen, s.bf),
            viz.gradient_notes(v, chosen, large, s.bf, big),
            grad_figure.to_dict(),
            {},
        ),
    }


# Inner caches for the two computations that take time (a run of up to 500 steps, three
# backward passes of up to 500 steps), so that moving another section's slider does not redo
# them. The others are single steps (microseconds).


@st.cache_data(max_entries=16, show_spinner=False)
def cell_size_run(T: int, H: int) -> core.CellSizeRun:
    """Misconception 1: the run whose cell states the page shows."""
    return core.cell_size_run(T, H)


@st.cache_data(max_entries=16, show_spinner=False)
def gradient_flows(forget_bias: float, K: int) -> tuple[LSTMFlow, LSTMFlow, RNNFlow]:
    """Misconception 5: the LSTM's gradient with forget bias `forget_bias`, with the large one,
    and the RNN's, each K steps back from a loss at the last of K steps."""
    large = large_and_rnn(K)
    return core.gradient_flow_lstm(forget_bias, K), *large


@st.cache_data(max_entries=8, show_spinner=False)
def large_and_rnn(K: int) -> tuple[LSTMFlow, RNNFlow]:
    """The two reference gradients of misconception 5, which change only with K."""
    return core.gradient_flow_lstm(LARGE_FORGET_BIAS, K), core.gradient_flow_rnn(K)
