"""Colours and layout shared by every figure, so a quantity looks the same on every page.

Okabe–Ito colours for lines (colour-blind safe); one sequential scale for values in [0, 1]
(gates) and one diverging scale centred on 0 for values in [-1, 1] (g, c, h).
"""

GATE_SCALE = "Cividis"  # sequential, for i, f, o in [0, 1]
SIGNED_SCALE = "RdBu_r"  # diverging, for g, c, h in [-1, 1]: blue < 0 < red, white at 0

MODEL_COLORS = {"rnn": "#D55E00", "lstm": "#0072B2", "lstm_cell": "#009E73"}
QUANTITY_COLORS = {
    "i": "#E69F00",
    "f": "#0072B2",
    "g": "#CC79A7",
    "o": "#009E73",
    "c": "#56B4E9",
    "h": "#D55E00",
    "x": "#000000",
}
FONT = dict(family="Noto Sans, Noto Sans CJK KR, Malgun Gothic, sans-serif", size=14)


def base_layout(**overrides: object) -> dict:
    """Layout settings every figure starts from: readable font, tight margins, white paper."""
    layout = dict(
        font=FONT,
        margin=dict(l=60, r=20, t=50, b=50),
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel=dict(font=FONT),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
    )
    layout.update(overrides)
    return layout


def panel_title(text: str, x: float = 0.0, y: float = 1.0) -> dict:
    """The title of one panel of a figure with several: an annotation whose bottom left corner
    sits at paper position (x, y)."""
    return dict(
        text=text,
        x=x,
        xref="paper",
        xanchor="left",
        y=y,
        yref="paper",
        yanchor="bottom",
        showarrow=False,
        font=dict(size=14),
    )
