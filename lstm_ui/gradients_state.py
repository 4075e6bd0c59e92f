"""State of the vanishing gradients page: its controls (widgets whose session-state keys are
their URL names, prefixed `gr_`; lstm_ui.url_state reads and writes the URL), their defaults and
limits, the scenario buttons, and the settings that the computation reads.

URL keys (values as the URL holds them):
    gr_T          sequence length, one of T_CHOICES            gr_input      input preset
    gr_loss_gap   steps between the loss and the end (0 = last) gr_H          hidden size
    gr_scheme     initialisation scheme                         gr_seed       seed
    gr_scale      the RNN's recurrent scale                     gr_bf         LSTM forget bias
    gr_variant    LSTM variant                                  gr_clip       θ (0 = off)
    gr_clip_mode  "global" (whole gradient) or "per_step"
"""

from dataclasses import dataclass

import streamlit as st

from lstm_core import SCHEMES, VARIANTS
from lstm_core.lab.gradient_flow import CLIP_MODES
from lstm_core.lab.inputs import PRESETS
from lstm_ui.url_state import Param

PAGE = "gradients"
T_CHOICES: tuple[str, ...] = ("10", "50", "100", "200", "500", "1000", "2000")  # as in the URL
MAX_T = 2000
MAX_H = 64
MAX_SEED = 10_000
SCALE_RANGE = (0.5, 2.0)
FORGET_BIAS_RANGE = (-3.0, 6.0)
MAX_CLIP = 1e6

DEFAULTS: dict[str, object] = {
    "gr_T": "100",
    "gr_input": "first_value",
    "gr_loss_gap": 0,
    "gr_H": 16,
    "gr_scheme": "gaussian",
    "gr_seed": 0,
    "gr_scale": 0.9,
    "gr_bf": 3.0,
    "gr_variant": "standard",
    "gr_clip": 0.0,
    "gr_clip_mode": "global",
}
URL_PARAMS = (
    Param("gr_T", "choice", DEFAULTS["gr_T"], choices=T_CHOICES),
    Param("gr_input", "choice", DEFAULTS["gr_input"], choices=PRESETS),
    Param("gr_loss_gap", "int", DEFAULTS["gr_loss_gap"], lo=0, hi=MAX_T - 1),
    Param("gr_H", "int", DEFAULTS["gr_H"], lo=1, hi=MAX_H),
    Param("gr_scheme", "choice", DEFAULTS["gr_scheme"], choices=SCHEMES),
    Param("gr_seed", "int", DEFAULTS["gr_seed"], lo=0, hi=MAX_SEED),
    Param("gr_scale", "float", DEFAULTS["gr_scale"], lo=SCALE_RANGE[0], hi=SCALE_RANGE[1]),
    Param("gr_bf", "float", DEFAULTS["gr_bf"], lo=FORGET_BIAS_RANGE[0], hi=FORGET_BIAS_RANGE[1]),
    Param("gr_variant", "choice", DEFAULTS["gr_variant"], choices=VARIANTS),
    Param("gr_clip", "float", DEFAULTS["gr_clip"], lo=0.0, hi=MAX_CLIP),
    Param("gr_clip_mode", "choice", DEFAULTS["gr_clip_mode"], choices=CLIP_MODES),
)
# What each scenario button changes, starting from DEFAULTS.
SCENARIOS: dict[str, dict[str, object]] = {
    "remembers": {},
    "lstm_forgets": {"gr_bf": -1.0},
    "explodes": {"gr_input": "pulse", "gr_T": "500", "gr_scale": 1.5, "gr_clip": 1.0},
    "no_forget": {"gr_variant": "no_forget"},
}
# The most work the page does, for the page-speed benchmark: both models at T = 2000, H = 64,
# and the RNN's backward pass a second time, clipped at every step.
LARGEST_QUERY: dict[str, str] = {
    "gr_T": "2000", "gr_H": "64", "gr_clip": "1", "gr_clip_mode": "per_step",
}  # fmt: skip


@dataclass(frozen=True)
class Settings:
    """Everything the page computes from, as plain values (hashable, cache keys)."""

    T: int
    preset: str
    loss_gap: int
    H: int
    scheme: str
    seed: int
    scale: float
    forget_bias: float
    variant: str
    clip: float
    clip_mode: str
    lang: str

    @property
    def sequence_lang(self) -> str:
        """The language the input depends on: the sentence's, else always "en" (one cache
        entry for both languages)."""
        return self.lang if self.preset == "sentence" else "en"

    @property
    def clipping(self) -> bool:
        return self.clip > 0.0


def apply_scenario(name: str) -> None:
    """Scenario button: the defaults with the scenario's changes."""
    st.session_state.update({**DEFAULTS, **SCENARIOS[name]})


def active_scenario() -> str | None:
    """The scenario whose settings are on screen unchanged, if any."""
    for name, changes in SCENARIOS.items():
        wanted = {**DEFAULTS, **changes}
        if all(st.session_state.get(key) == value for key, value in wanted.items()):
            return name
    return None


def loss_step(T: int, loss_gap: int) -> tuple[int, bool]:
    """(τ, whether the gap had to be shortened): the loss sits loss_gap steps before the end of
    a T-step sequence, or at the first step if the sequence is too short."""
    t_loss = T - 1 - loss_gap
    return (t_loss, False) if t_loss >= 0 else (0, True)
