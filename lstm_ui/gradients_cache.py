"""The vanishing gradients page's pure core results, shared by all sessions and bounded in size.

Each function takes plain values only (the cache key) and builds the models itself, so a change
of one control recomputes only what depends on it: the forget bias reruns the LSTM, the recurrent
scale the RNN, the clipping threshold only the clipping. An entry at T = 2000, H = 64 holds about
1 MB (RNN) or 3 MB (LSTM).
"""

import streamlit as st

from lstm_core import LSTMParams, RNNParams
from lstm_core.lab.gradient_flow import Clipped, LSTMFlow, RNNFlow, clip_rnn, lstm_flow, rnn_flow
from lstm_core.lab.inputs import InputSequence, make_sequence


@st.cache_data(max_entries=32, show_spinner=False)
def sequence(preset: str, T: int, seed: int, lang: str) -> InputSequence:
    """The input preset's xs (T, D) (the sentence has its own T)."""
    return make_sequence(preset, T, seed, lang)


def _rnn_params(D: int, H: int, seed: int, scheme: str, scale: float) -> RNNParams:
    return RNNParams.init(D, H, seed=seed, scheme=scheme, recurrent_scale=scale)


@st.cache_data(max_entries=12, show_spinner=False)
def rnn(preset: str, T: int, seed: int, lang: str, H: int, scheme: str, scale: float,
        t_loss: int) -> RNNFlow:  # fmt: skip
    """The RNN's gradient flow for a loss at t_loss (see lstm_core.lab.gradient_flow.rnn_flow)."""
    xs = sequence(preset, T, seed, lang).xs
    return rnn_flow(_rnn_params(xs.shape[1], H, seed, scheme, scale), xs, t_loss)


@st.cache_data(max_entries=12, show_spinner=False)
def lstm(preset: str, T: int, seed: int, lang: str, H: int, scheme: str, forget_bias: float,
         variant: str, t_loss: int) -> LSTMFlow:  # fmt: skip
    """The LSTM's gradient flow for a loss at t_loss (see lstm_core.lab.gradient_flow.lstm_flow)."""
    xs = sequence(preset, T, seed, lang).xs
    p = LSTMParams.init(xs.shape[1], H, seed=seed, scheme=scheme, forget_bias=forget_bias)
    return lstm_flow(p, xs, t_loss, variant)


@st.cache_data(max_entries=12, show_spinner=False)
def clipped(preset: str, T: int, seed: int, lang: str, H: int, scheme: str, scale: float,
            t_loss: int, threshold: float, mode: str) -> Clipped:  # fmt: skip
    """The RNN's gradient clipped at threshold θ in `mode` ("global" or "per_step")."""
    xs = sequence(preset, T, seed, lang).xs
    flow = rnn(preset, T, seed, lang, H, scheme, scale, t_loss)
    return clip_rnn(_rnn_params(xs.shape[1], H, seed, scheme, scale), xs, flow, threshold, mode)
