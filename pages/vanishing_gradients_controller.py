"""Controller of the vanishing gradients page: its controls (widgets whose session-state keys
are their URL names, prefixed `gr_`; lstm_ui.url_state reads and writes the URL), defaults,
limits and scenario buttons, its settings, and the one cached computation that returns the
core results the page words, the verdicts (lstm_core.lab.verdicts) and the finished figures.

URL keys (values as the URL holds them):
    gr_T          sequence length, one of T_CHOICES            gr_input      input preset
    gr_loss_gap   steps between the loss and the end (0 = last) gr_H          hidden size
    gr_scheme     initialisation scheme                         gr_seed       seed
    gr_scale      the RNN's recurrent scale                     gr_bf         LSTM forget bias
    gr_variant    LSTM variant                                  gr_clip       θ (0 = off)
    gr_clip_mode  "global" (whole gradient) or "per_step"
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st

from lstm_core import CLASSIC_VARIANTS, SCHEMES, LSTMParams, RNNParams
from lstm_core.lab.gradient_flow import (
    CLIP_MODES,
    Clipped,
    LSTMFlow,
    RNNFlow,
    clip_rnn,
    lstm_flow,
    rnn_flow,
)
from lstm_core.lab.inputs import PRESETS, make_sequence
from lstm_core.lab.verdicts import GradientVerdicts, gradient_verdicts
from lstm_ui.url_state import Param
from lstm_viz import gradients as viz
from lstm_viz.notes import Note

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
    Param("gr_variant", "choice", DEFAULTS["gr_variant"], choices=CLASSIC_VARIANTS),
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
    "gr_T": "2000",
    "gr_H": "64",
    "gr_clip": "1",
    "gr_clip_mode": "per_step",
}


@dataclass(frozen=True)
class Settings:
    """Everything the page computes from, as plain values (hashable, the cache key)."""

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

    @classmethod
    def from_state(cls, state=None) -> Settings:
        """The settings the widgets hold (session state, keyed by the URL names)."""
        s = st.session_state if state is None else state
        return cls(
            T=int(s["gr_T"]),
            preset=str(s["gr_input"]),
            loss_gap=int(s["gr_loss_gap"]),
            H=int(s["gr_H"]),
            scheme=str(s["gr_scheme"]),
            seed=int(s["gr_seed"]),
            scale=float(s["gr_scale"]),
            forget_bias=float(s["gr_bf"]),
            variant=str(s["gr_variant"]),
            clip=float(s["gr_clip"]),
            clip_mode=str(s["gr_clip_mode"]),
        )

    def sequence_lang(self, lang: str) -> str:
        """The language the input depends on: the sentence's, else always "en" (one cache
        entry for both languages)."""
        return lang if self.preset == "sentence" else "en"

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


# --- the computation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """What the page shows for one Settings and language: the sequence length T_used (the
    sentence has its own), the loss step t_loss and whether the gap was shortened; the numbers
    the text quotes (ρ(U), σ_max(U), f̄, ‖∂L/∂c_τ‖, the clipping's); the verdicts; the notes
    worded from them; and the four figure dicts ("norms", "theory_rnn", "theory_lstm",
    "heatmap"). It holds no (T, H) arrays (the flows stay in the inner caches), so a cache hit
    copies little."""

    T_used: int
    t_loss: int
    shortened: bool
    spectral_radius: float
    sigma_max: float
    f_mean: float
    dc_at_loss: float
    clipped: Clipped | None
    verdicts: GradientVerdicts
    notes: list[Note]
    heatmap_group: int
    figures: dict[str, dict]


@st.cache_data(max_entries=32, show_spinner=False)
def compute(s: Settings, lang: str) -> View:
    """The page's results, verdicts and figures for settings s in `lang`."""
    source = s.sequence_lang(lang)
    T_used = sequence_length(s.preset, s.T, s.seed, source)
    t_loss, shortened = loss_step(T_used, s.loss_gap)
    rnn = rnn_result(rnn_part(s), source, t_loss)
    lstm = lstm_result(lstm_part(s), source, t_loss)
    clipped = clipped_result(clip_part(s), source, t_loss) if s.clipping else None
    v = gradient_verdicts(rnn, lstm, clipped)
    figures = {
        "norms": viz.norm_figure(rnn, lstm, v, lang, clipped).to_dict(),
        "theory_rnn": viz.rnn_theory_figure(rnn, v.rnn, lang).to_dict(),
        "theory_lstm": viz.lstm_theory_figure(lstm, v.lstm, lang).to_dict(),
        "heatmap": viz.heatmap_figure(rnn, lstm, lang).to_dict(),
    }
    return View(
        T_used=T_used,
        t_loss=t_loss,
        shortened=shortened,
        spectral_radius=rnn.spectral_radius,
        sigma_max=rnn.sigma_max,
        f_mean=lstm.f_mean,
        dc_at_loss=float(lstm.dc_norm[0]),
        clipped=clipped,
        verdicts=v,
        notes=viz.explanation(v, rnn, lstm, clipped, lang),
        heatmap_group=viz.heatmap_group_size(len(rnn.dh_norm)),
        figures=figures,
    )


# Inner caches keep a partial change cheap: the forget bias reruns only the LSTM, the recurrent
# scale only the RNN, the clipping threshold only the clipping; both languages share entries
# (except for the sentence). Each is keyed by the settings with only the fields its model reads
# (the others set to a fixed value), the input's language and the loss step. An entry at
# T = 2000, H = 64 holds about 1 MB (RNN) or 3 MB (LSTM).


def rnn_part(s: Settings) -> Settings:
    """s with only what the RNN reads: the input (preset, T, seed), H, scheme and scale."""
    return replace(s, loss_gap=0, forget_bias=0.0, variant="standard", clip=0.0, clip_mode="")


def lstm_part(s: Settings) -> Settings:
    """s with only what the LSTM reads: the input, H, scheme, forget bias and variant."""
    return replace(s, loss_gap=0, scale=0.0, clip=0.0, clip_mode="")


def clip_part(s: Settings) -> Settings:
    """s with only what clipping reads: the RNN's fields, the threshold and the mode."""
    return replace(s, loss_gap=0, forget_bias=0.0, variant="standard")


@st.cache_data(max_entries=32, show_spinner=False)
def sequence_length(preset: str, T: int, seed: int, lang: str) -> int:
    """The input preset's length (the sentence has its own T)."""
    return len(make_sequence(preset, T, seed, lang).xs)


def _inputs(s: Settings, lang: str):
    return make_sequence(s.preset, s.T, s.seed, lang).xs  # (T, D)


def _rnn_params(D: int, s: Settings) -> RNNParams:
    return RNNParams.init(D, s.H, seed=s.seed, scheme=s.scheme, recurrent_scale=s.scale)


@st.cache_data(max_entries=12, show_spinner=False)
def rnn_result(s: Settings, lang: str, t_loss: int) -> RNNFlow:
    """The RNN's gradient flow for a loss at t_loss (lstm_core.lab.gradient_flow.rnn_flow);
    s: rnn_part of the settings, lang: the input's language."""
    xs = _inputs(s, lang)
    return rnn_flow(_rnn_params(xs.shape[1], s), xs, t_loss)


@st.cache_data(max_entries=12, show_spinner=False)
def lstm_result(s: Settings, lang: str, t_loss: int) -> LSTMFlow:
    """The LSTM's gradient flow for a loss at t_loss (lstm_core.lab.gradient_flow.lstm_flow);
    s: lstm_part of the settings, lang: the input's language."""
    xs = _inputs(s, lang)
    p = LSTMParams.init(xs.shape[1], s.H, seed=s.seed, scheme=s.scheme, forget_bias=s.forget_bias)
    return lstm_flow(p, xs, t_loss, s.variant)


@st.cache_data(max_entries=12, show_spinner=False)
def clipped_result(s: Settings, lang: str, t_loss: int) -> Clipped:
    """The RNN's gradient clipped at threshold θ = s.clip in mode s.clip_mode ("global" or
    "per_step"); s: clip_part of the settings, lang: the input's language."""
    xs = _inputs(s, lang)
    flow = rnn_result(rnn_part(s), lang, t_loss)
    return clip_rnn(_rnn_params(xs.shape[1], s), xs, flow, s.clip, s.clip_mode)
