"""The home page's small preview drawn and worded (lstm_core.lab.preview computes it)."""

import plotly.graph_objects as go

from lstm_core.lab.preview import GradientPreview
from lstm_viz.i18n import t
from lstm_viz.theme import MODEL_COLORS, base_layout


def caption_fields(preview: GradientPreview, lang: str) -> dict:
    """The fields of the caption under the preview, its LSTM part worded from the verdict
    (kept a share of the gradient, or grew)."""
    k = preview.k
    lstm_k = float(preview.lstm_dc_norm[k])
    key = "home.preview_lstm_grew" if preview.lstm_grew else "home.preview_lstm_kept"
    return {
        "f_mean": preview.lstm_f_mean,
        "k": k,
        "rnn_k": float(preview.rnn_dh_norm[k]),
        "lstm_part": t(key, lang, lstm_k=lstm_k),
    }


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
