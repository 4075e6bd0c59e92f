"""The home page's small preview: how far back a loss gradient reaches, RNN versus LSTM, on
the same noise (computed with gradient_flow, as on the vanishing gradients page)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.lab.gradient_flow import lstm_flow, relative, rnn_flow
from lstm_core.lab.verdicts import grew
from lstm_core.params import LSTMParams, RNNParams

CAPTION_STEP = 50  # the caption reads the two curves this many steps back


@dataclass(frozen=True, eq=False)
class GradientPreview:
    """Gradient norms at k = 0..T−1 steps back from a loss on the last step, each divided by
    its value at the loss step, arrays (T,): the RNN's ‖∂L/∂h‖ and the LSTM's ‖∂L/∂c‖; the
    LSTM's mean forget gate; and the caption's step k with the verdict whether the LSTM's ratio
    there is above 1 (it grew rather than kept a share)."""

    steps_back: np.ndarray
    rnn_dh_norm: np.ndarray
    lstm_dc_norm: np.ndarray
    lstm_f_mean: float
    k: int
    lstm_grew: bool


def gradient_preview(steps: int = 60, hidden: int = 8, seed: int = 0) -> GradientPreview:
    """Run a small RNN (recurrent scale 0.9) and LSTM (forget bias 3) on the same N(0, 0.5²)
    noise, backpropagate a unit loss at the last step."""
    xs = np.random.default_rng(seed).normal(0.0, 0.5, size=(steps, 1))
    q = RNNParams.init(1, hidden, seed=seed, scheme="gaussian", recurrent_scale=0.9)
    p = LSTMParams.init(1, hidden, seed=seed, scheme="gaussian", forget_bias=3.0)
    rnn, lstm = rnn_flow(q, xs, steps - 1), lstm_flow(p, xs, steps - 1)
    cell = relative(lstm.dc_norm)
    k = min(CAPTION_STEP, steps - 1)
    return GradientPreview(
        steps_back=np.arange(steps),
        rnn_dh_norm=relative(rnn.dh_norm),
        lstm_dc_norm=cell,
        lstm_f_mean=lstm.f_mean,
        k=k,
        lstm_grew=grew(float(cell[k])),
    )
