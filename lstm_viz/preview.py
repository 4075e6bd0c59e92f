"""The home page's small preview: how far back a loss gradient reaches, RNN versus LSTM."""

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from lstm_core import LSTMParams, RNNParams, lstm_backward, rnn_backward, run_lstm, run_rnn
from lstm_viz.i18n import t
from lstm_viz.theme import MODEL_COLORS, base_layout


@dataclass(frozen=True)
class GradientPreview:
    """Gradient norms at 0..T-1 steps back from a loss on the last step, each divided by its
    value at the loss step; arrays of shape (T,)."""

    steps_back: np.ndarray
    rnn_dh_norm: np.ndarray
    lstm_dc_norm: np.ndarray
    lstm_f_mean: float


def gradient_preview(steps: int = 60, hidden: int = 8, seed: int = 0) -> GradientPreview:
    """Run a small RNN and LSTM on the same noise, backpropagate a loss at the last step."""
    rng = np.random.default_rng(seed)
    xs = rng.normal(0.0, 0.5, size=(steps, 1))
    rnn = RNNParams.init(1, hidden, seed=seed, scheme="gaussian", recurrent_scale=0.9)
    lstm = LSTMParams.init(1, hidden, seed=seed, scheme="gaussian", forget_bias=3.0)
    rnn_trace, lstm_trace = run_rnn(rnn, xs), run_lstm(lstm, xs)
    dh = np.zeros((steps, hidden))
    dh[-1] = 1.0 / np.sqrt(hidden)  # a loss whose gradient at h_T has norm 1
    rnn_grads = rnn_backward(rnn, rnn_trace, dh)
    lstm_grads = lstm_backward(lstm, lstm_trace, dh)
    rnn = np.linalg.norm(rnn_grads.dh, axis=-1)[::-1]
    lstm = np.linalg.norm(lstm_grads.dc, axis=-1)[::-1]
    return GradientPreview(
        steps_back=np.arange(steps),
        rnn_dh_norm=rnn / rnn[0],
        lstm_dc_norm=lstm / lstm[0],
        lstm_f_mean=float(lstm_trace.f.mean()),
    )


def gradient_preview_figure(preview: GradientPreview, lang: str) -> go.Figure:
    """Both norms against steps back, on a log axis."""
    lines = [
        go.Scatter(
            x=preview.steps_back,
            y=values,
            name=name,
            mode="lines",
            line=dict(color=color, width=3),
            hovertemplate="%{x}: %{y:.2e}<extra>" + name + "</extra>",
        )
        for name, values, color in (
            (t("preview.rnn", lang), preview.rnn_dh_norm, MODEL_COLORS["rnn"]),
            (t("preview.lstm_c", lang), preview.lstm_dc_norm, MODEL_COLORS["lstm"]),
        )
    ]
    layout = base_layout(height=320, margin=dict(l=70, r=20, t=40, b=50))
    layout.update(
        xaxis=dict(title=t("preview.x_title", lang)),
        yaxis=dict(title=t("preview.y_title", lang), type="log", exponentformat="power"),
        hovermode="x unified",
    )
    return go.Figure(data=lines, layout=layout)
