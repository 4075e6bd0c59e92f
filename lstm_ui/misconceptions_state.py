"""State of the common misconceptions page: its controls (widgets whose session-state keys are
their URL names, prefixed `mc_`; lstm_ui.url_state reads and writes the URL), their limits, and
the page's core results, cached and shared by all sessions.

URL keys, by misconception:
    1  mc_T, mc_H               sequence length and hidden size of the run
    2  mc_keep_f, mc_keep_c     the forget gate and c_{t−1}
    3  mc_sum_f, mc_sum_c, mc_sum_i, mc_sum_g
    4  mc_read_c, mc_read_g     c_{t−1} and the candidate g
    5  mc_bf, mc_K              the forget bias and how many steps back
"""

import numpy as np
import streamlit as st

from lstm_core.lab import misconceptions as core
from lstm_core.lab.gradient_flow import LSTMFlow, RNNFlow
from lstm_ui import gradients_cache
from lstm_ui.url_state import Param

PAGE = "misconceptions"
MAX_T, MAX_H = 500, 16
C_RANGE = (-5.0, 5.0)
FORGET_BIAS_RANGE = (-3.0, 6.0)
K_CHOICES: tuple[str, ...] = ("50", "100", "200", "500")  # as in the URL
DECAY_STEPS = 10  # steps of f^k shown for misconception 2

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

# Misconception 5 runs the vanishing gradients page's default models (gradients_cache, so the two
# pages share cache entries): its input and sizes, the loss on the last step. Only the forget
# bias changes; LARGE_FORGET_BIAS gives the reference LSTM whose f stays near 1.
GRADIENT_SETUP = dict(preset="first_value", seed=0, lang="en", H=16, scheme="gaussian")
RNN_SCALE = 0.9
LARGE_FORGET_BIAS = 6.0


@st.cache_data(max_entries=16, show_spinner=False)
def cell_size_run(T: int, H: int) -> core.CellSizeRun:
    """Misconception 1: the run whose cell states the page shows."""
    return core.cell_size_run(T, H)


@st.cache_data(max_entries=64, show_spinner=False)
def keep_decay(f: float, c_prev: float) -> tuple[float, np.ndarray]:
    """Misconception 2: (f as the core computed it, c_k for k = 0..DECAY_STEPS)."""
    step = core.one_step(0.0, f, 0.0, 0.5, c_prev)
    return float(step.f[0]), core.keep_decay(f, c_prev, DECAY_STEPS)


@st.cache_data(max_entries=64, show_spinner=False)
def forget_term(f: float, c_prev: float, i: float, g: float) -> core.ForgetTerm:
    """Misconception 3."""
    return core.forget_term(f, c_prev, i, g)


@st.cache_data(max_entries=64, show_spinner=False)
def read_out(c_prev: float, g: float) -> core.ReadOut:
    """Misconception 4."""
    return core.read_out(c_prev, g)


def gradient_flows(forget_bias: float, K: int) -> tuple[LSTMFlow, LSTMFlow, RNNFlow]:
    """Misconception 5: the LSTM's gradient with forget bias `forget_bias`, with the large one,
    and the RNN's, each K steps back from a loss at the last of K steps (cached)."""
    s = GRADIENT_SETUP
    data = (s["preset"], K, s["seed"], s["lang"])
    t_loss = K - 1
    chosen = gradients_cache.lstm(*data, s["H"], s["scheme"], forget_bias, "standard", t_loss)
    large = gradients_cache.lstm(*data, s["H"], s["scheme"], LARGE_FORGET_BIAS, "standard", t_loss)
    rnn = gradients_cache.rnn(*data, s["H"], s["scheme"], RNN_SCALE, t_loss)
    return chosen, large, rnn
