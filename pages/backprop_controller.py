"""The backprop through time page's controller: its URL keys, the settings, the cursor's
callbacks, and `compute`, the one cached call that returns the ledger at the cursor and every
figure and sentence the page shows.

URL keys (all `bp_`): preset, T, xseed (the input), H, seed, fb (the LSTM's forget bias), loss
("last", "step" or "every"), tloss (the loss step when loss = "step"), k (the cursor: steps back
from the loss, 0 = at the loss), unit (1..H), trained ("off" or "adding"), ex (the validation
example of the trained models).
"""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from lstm_core import LSTMParams, RNNParams
from lstm_core.lab.backward_step import lstm_step_values
from lstm_core.lab.connectivity import ADDING_T, adding_models, connectivity, focus
from lstm_core.lab.inputs import PRESETS, make_sequence
from lstm_core.lab.ledger import (
    EVERY_STEP,
    branch_verdict,
    early_share,
    lstm_ledger,
    rnn_ledger,
    route_verdict,
)
from lstm_core.lab.tasks import constant_guess_loss
from lstm_core.lab.train import evaluate
from lstm_ui.url_state import Param
from lstm_viz import backprop as bv
from lstm_viz.backward_svg import lstm_backward_svg
from lstm_viz.numbers import sci

PAGE = "backprop"
MAX_T, MAX_H, MAX_SEED = 200, 16, 9999
DEFAULT_T, DEFAULT_H = 30, 3
FB_RANGE = (-5.0, 5.0)
LOSSES = ("last", "step", "every")
TRAINED = ("off", "adding")
N_EXAMPLES = 200  # the trained models' validation set
EARLY_DISTANCE = 10  # "early" steps: more than this many steps before the loss
URL_PARAMS = (
    Param("bp_preset", "choice", "noise", choices=PRESETS),
    Param("bp_T", "int", DEFAULT_T, lo=2, hi=MAX_T),
    Param("bp_xseed", "int", 0, lo=0, hi=MAX_SEED),
    Param("bp_H", "int", DEFAULT_H, lo=1, hi=MAX_H),
    Param("bp_seed", "int", 0, lo=0, hi=MAX_SEED),
    Param("bp_fb", "float", 1.0, lo=FB_RANGE[0], hi=FB_RANGE[1]),
    Param("bp_loss", "choice", "last", choices=LOSSES),
    Param("bp_tloss", "int", MAX_T - 1, lo=0, hi=MAX_T - 1),
    Param("bp_k", "int", 0, lo=0, hi=MAX_T - 1),
    Param("bp_unit", "int", 1, lo=1, hi=MAX_H),
    Param("bp_trained", "choice", "off", choices=TRAINED),
    Param("bp_ex", "int", 0, lo=0, hi=N_EXAMPLES - 1),
)


@dataclass(frozen=True)
class Settings:
    """What the page computes from; the cursor `t` and the loss step `tau` are 0-based steps
    (tau = the last step for a loss at every step), `unit` is 0-based."""

    preset: str
    T: int
    xseed: int
    H: int
    seed: int
    fb: float
    loss: str
    tau: int
    t: int
    unit: int

    @property
    def loss_step(self) -> int:
        """The ledger's loss step (EVERY_STEP for a loss at every step)."""
        return EVERY_STEP if self.loss == "every" else self.tau


def sequence(preset: str, T: int, xseed: int, lang: str) -> np.ndarray:
    """The input xs (T, D) (the sentence has its own length and D = 4)."""
    return make_sequence(preset, steps=T, seed=xseed, lang=lang).xs


def settings_from_state(lang: str) -> Settings:
    """The settings from session state, with the loss step, the cursor and the unit clamped to
    the sequence (the clamped values are written back, so the widgets show them)."""
    s = st.session_state
    preset, T, xseed = s["bp_preset"], int(s["bp_T"]), int(s["bp_xseed"])
    steps = len(sequence(preset, T, xseed, lang))
    s["_bp_steps"] = steps
    loss = s["bp_loss"]
    if loss == "step" and s["bp_tloss"] > steps - 1:
        s["bp_tloss"] = steps - 1  # only then: an unused loss step stays out of the URL
    tau = int(s["bp_tloss"]) if loss == "step" else steps - 1
    if s["bp_k"] > tau:
        s["bp_k"] = tau
    H = int(s["bp_H"])
    if s["bp_unit"] > H:
        s["bp_unit"] = H
    k = int(s["bp_k"])
    return Settings(
        preset,
        T,
        xseed,
        H,
        int(s["bp_seed"]),
        float(s["bp_fb"]),
        loss,
        tau,
        tau - k,
        int(s["bp_unit"]) - 1,
    )


def loss_step_now() -> int:
    """The loss step τ as the state stands (for the cursor's buttons)."""
    s = st.session_state
    steps = int(s.get("_bp_steps", 1))
    return min(int(s["bp_tloss"]), steps - 1) if s["bp_loss"] == "step" else steps - 1


# --- callbacks ----------------------------------------------------------------------------------


def move_cursor(delta: int) -> None:
    """One step back from the loss (+1) or towards it (−1), within 0 … τ steps back."""
    k = int(st.session_state.get("bp_k", 0)) + delta
    st.session_state["bp_k"] = min(max(k, 0), loss_step_now())


def cursor_to_loss() -> None:
    st.session_state["bp_k"] = 0


# --- the computation ----------------------------------------------------------------------------


@st.cache_data(max_entries=16, show_spinner=False)
def ledgers(
    preset: str, T: int, xseed: int, H: int, seed: int, fb: float, loss_step: int, lang: str
):
    """(LSTM ledger, RNN ledger, the LSTM's U (4H, H)) for the sequence and the random weights
    of `seed`. Its own cache, so that moving the cursor (or the unit) never reruns the backward
    passes."""
    xs = sequence(preset, T, xseed, lang)
    D = xs.shape[1]
    p = LSTMParams.init(D, H, seed=seed, scheme="torch", forget_bias=fb)
    q = RNNParams.init(D, H, seed=seed, scheme="torch")
    return lstm_ledger(p, xs, loss_step), rnn_ledger(q, xs, loss_step), p.U


@dataclass(frozen=True)
class View:
    """Everything the page shows for one setting. Figures are finished figure dicts.
    numbers: the cursor's values as the core computed them (δh, δc, the four branches, the RNN's
    δh, for the chosen unit), so tests can compare the page with the core.
    diagram: the backward step in the cell at the cursor, an SVG string (its numbers are in its
    data-meta: lstm_core.lab.backward_step.lstm_step_values)."""

    steps: int
    loss: float
    lstm_equations: tuple[str, ...]
    rnn_equations: tuple[str, ...]
    branch_sentence: str
    route_sentence: str
    share_sentences: tuple[str, ...]
    branch_bars: dict
    route_bars: dict
    heatmap: dict
    norms: dict
    inputs: dict
    numbers: dict
    diagram: str


@st.cache_data(max_entries=64, show_spinner=False)
def compute(settings: Settings, lang: str) -> View:
    """The ledgers (from their own cache) and the view at the cursor."""
    s = settings
    lstm, rnn, U = ledgers(s.preset, s.T, s.xseed, s.H, s.seed, s.fb, s.loss_step, lang)
    t_, j = s.t, s.unit
    rnn_share = early_share(rnn.dU_step_norms(), s.loss_step, EARLY_DISTANCE)
    lstm_share = early_share(lstm.dU_step_norms(), s.loss_step, EARLY_DISTANCE)
    return View(
        steps=lstm.steps,
        loss=lstm.loss,
        lstm_equations=tuple(bv.lstm_equations(lstm, t_, j)),
        rnn_equations=tuple(bv.rnn_equations(rnn, t_, j)),
        branch_sentence=bv.branch_sentence(branch_verdict(lstm, t_), t_, lang),
        route_sentence=bv.route_sentence(route_verdict(lstm, t_), t_, lang),
        share_sentences=tuple(bv.share_sentences(rnn_share, lstm_share, lang)),
        branch_bars=bv.branch_bars(lstm, t_, lang).to_dict(),
        route_bars=bv.route_bars(lstm, t_, lang).to_dict(),
        heatmap=bv.contribution_heatmap(rnn, lstm, t_, lang).to_dict(),
        norms=bv.contribution_norms(rnn, lstm, t_, lang).to_dict(),
        inputs=bv.input_gradients(rnn, lstm, t_, lang).to_dict(),
        numbers={
            "dh": float(lstm.dh[t_, j]),
            "dc": float(lstm.dc[t_, j]),
            "branches": lstm.branches[t_, :, j].tolist(),
            "rnn_dh": float(rnn.dh[t_, j]),
        },
        diagram=lstm_backward_svg(lstm_step_values(lstm, U, t_, j), t_, j, s.H, lang),
    )


# --- the trained models --------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def trained_models():
    """The adding problem's LSTM and RNN (trained once per process, about a second; read only)
    and their validation set."""
    return adding_models()


@dataclass(frozen=True)
class TrainedView:
    T: int
    loss_sentence_fields: dict
    focus_sentence: str
    heatmaps: dict
    last_row: dict
    marked: tuple[int, ...]


@st.cache_data(max_entries=32, show_spinner=False)
def trained_view(example: int, lang: str) -> TrainedView:
    """Connectivity of both trained models on validation example `example`."""
    models, val = trained_models()
    xs = val.xs[:, example]
    marked = [int(m) for m in np.flatnonzero(xs[:, 1])]
    C = {kind: connectivity(model, xs) for kind, model in models.items()}
    verdicts = {kind: focus(C[kind][-1], marked) for kind in C}
    fields = {
        "lstm": sci(evaluate(models["lstm"], val)[0]),
        "rnn": sci(evaluate(models["rnn"], val)[0]),
        "guess": sci(constant_guess_loss(val)),
    }
    return TrainedView(
        T=ADDING_T,
        loss_sentence_fields=fields,
        focus_sentence=bv.focus_sentence(verdicts["rnn"], verdicts["lstm"], marked, len(xs), lang),
        heatmaps=bv.connectivity_heatmaps(C["rnn"], C["lstm"], lang).to_dict(),
        last_row=bv.last_row_figure(C["rnn"], C["lstm"], marked, lang).to_dict(),
        marked=tuple(marked),
    )
