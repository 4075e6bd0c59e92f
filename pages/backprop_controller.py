"""The backprop through time page's controller: its URL keys, the settings, the cursor's
callbacks, and `compute`, the one cached call that returns the ledger at the cursor and every
figure and sentence the page shows.

The sequence and the model come from the controls the stepper has too (lstm_ui.sequence_source
and lstm_ui.model_source, prefix `bp`): a preset, typed numbers or a CSV file; random, hand-set
or uploaded weights, or a model the training lab hands over (receive_model).

URL keys (all `bp_`): source, preset, T, xseed, text (the input: SEQUENCE's); model, scheme, H,
seed, fb (the random LSTM's forget bias, a number as before), hand_H, w (the model: MODEL's);
variant (the LSTM variant, lstm_core.VARIANTS); loss ("last", "step" or "every"), tloss (the
loss step when loss = "step"), k (the cursor: steps back from the loss, 0 = at the loss), unit
(1..H), trained ("off" or "adding"), ex (the validation example of the trained models).
The plain RNN beside the LSTM always has random weights: H units, the seed `bp_seed`.
"""

from dataclasses import dataclass, field

import numpy as np
import streamlit as st

from lstm_core import SCHEMES, VARIANTS, LSTMParams, RNNParams
from lstm_core.lab.backward_step import lstm_step_values
from lstm_core.lab.connectivity import ADDING_T, adding_models, connectivity, focus
from lstm_core.lab.ledger import (
    EVERY_STEP,
    LSTMLedger,
    RNNLedger,
    branch_verdict,
    early_share,
    lstm_ledger,
    rnn_ledger,
    route_verdict,
)
from lstm_core.lab.tasks import constant_guess_loss
from lstm_core.lab.train import evaluate
from lstm_ui.lang import t
from lstm_ui.model_source import Model, ModelSource
from lstm_ui.sequence_source import SequenceSource
from lstm_ui.url_state import Param
from lstm_viz import backprop as bv
from lstm_viz import summaries
from lstm_viz.backward_svg import lstm_backward_svg
from lstm_viz.cursor import Cursor
from lstm_viz.numbers import sci

PAGE = "backprop"
MAX_T, MAX_H, MAX_SEED = 200, 16, 9999
DEFAULT_T, DEFAULT_H = 30, 3
FB_RANGE = (-5.0, 5.0)
LOSSES = ("last", "step", "every")
TRAINED = ("off", "adding")
N_EXAMPLES = 200  # the trained models' validation set
EARLY_DISTANCE = 10  # "early" steps: more than this many steps before the loss
DEFAULT_FB = 1.0


@st.cache_data(max_entries=32, show_spinner=False)
def random_lstm(D: int, H: int, seed: int, scheme: str, fb: str, peepholes: bool) -> LSTMParams:
    """LSTMParams.init with the page's choices (fb: "scheme" or a number's text), with random
    peepholes for the peephole variant."""
    forget_bias = None if fb == "scheme" else float(fb)
    return LSTMParams.init(
        D, H, seed=seed, scheme=scheme, forget_bias=forget_bias, peepholes=peepholes
    )


class BackpropModel(ModelSource):
    """The stepper's model controls; the random LSTM gets random peepholes when the variant is
    "peephole" (so that it differs from the standard cell)."""

    def random_model(self, D: int) -> Model:
        if st.session_state.get("bp_variant") != "peephole":
            return super().random_model(D)
        get, k = st.session_state.get, self.key
        H, seed = int(get(k("H"), self.default_H)), int(get(k("seed"), 0))
        scheme, fb = get(k("scheme"), "torch"), self.forget_bias()
        scheme = scheme if scheme in SCHEMES else "torch"
        p = random_lstm(D, H, seed, scheme, fb, True)
        return Model(p, f"random:{D}:{H}:{seed}:{scheme}:{fb}:peepholes")


SEQUENCE = SequenceSource(
    "bp", min_T=2, max_T=MAX_T, default_T=DEFAULT_T, default_preset="noise", max_seed=MAX_SEED
)
# bp_H, bp_seed and bp_fb (a number, default 1) keep the limits the page's links have always had.
MODEL = BackpropModel(
    "bp",
    max_H=MAX_H,
    default_H=DEFAULT_H,
    max_hand_H=4,
    max_seed=MAX_SEED,
    with_variant=False,
    fb_range=FB_RANGE,
    default_fb=DEFAULT_FB,
)
URL_PARAMS = (
    *SEQUENCE.url_params(),
    *MODEL.url_params(),
    Param("bp_variant", "choice", "standard", choices=VARIANTS),
    Param("bp_loss", "choice", "last", choices=LOSSES),
    Param("bp_tloss", "int", MAX_T - 1, lo=0, hi=MAX_T - 1),
    Param("bp_k", "int", 0, lo=0, hi=MAX_T - 1),
    Param("bp_unit", "int", 1, lo=1, hi=MAX_H),
    Param("bp_trained", "choice", "off", choices=TRAINED),
    Param("bp_ex", "int", 0, lo=0, hi=N_EXAMPLES - 1),
)
OTHER_KEYS = SEQUENCE.other_keys | MODEL.other_keys


@dataclass(frozen=True)
class Settings:
    """What the page computes from; the cursor `t` and the loss step `tau` are 0-based steps
    (tau = the last step for a loss at every step), `unit` is 0-based. `sequence` and `model`
    are the keys that identify the input's and the weights' numbers (for the caches)."""

    sequence: str
    model: str
    variant: str
    H: int
    seed: int
    loss: str
    tau: int
    t: int
    unit: int

    @property
    def loss_step(self) -> int:
        """The ledger's loss step (EVERY_STEP for a loss at every step)."""
        return EVERY_STEP if self.loss == "every" else self.tau


def within_limits(xs: np.ndarray, key: str, notes: list[str]) -> tuple[np.ndarray, str]:
    """The first MAX_T steps of xs (T, D) and their key; a note when a typed, uploaded or
    handed-over sequence was longer (the ledger keeps every step's (4H, H) contribution)."""
    if len(xs) <= MAX_T:
        return xs, key
    notes.append(t("backprop.first_steps", T=len(xs), limit=MAX_T))
    return xs[:MAX_T], f"{key}:first{MAX_T}"


def model_notes(p: LSTMParams, notes: list[str]) -> None:
    """A note when the peephole variant runs weights without peepholes (hand-set or uploaded
    weights have none): its numbers are then the standard cell's."""
    if st.session_state.get("bp_variant") == "peephole" and not np.any(p.peephole):
        notes.append(t("backprop.no_peepholes"))


def settings_from_state(sequence: str, steps: int, model: str, H: int) -> Settings:
    """The settings from session state for the sequence of `steps` steps and the model of H
    units (identified by their keys), with the loss step, the cursor and the unit clamped to
    them (the clamped values are written back, so the widgets show them)."""
    s = st.session_state
    s["_bp_steps"] = steps
    loss = s["bp_loss"]
    if loss == "step" and s["bp_tloss"] > steps - 1:
        s["bp_tloss"] = steps - 1  # only then: an unused loss step stays out of the URL
    tau = int(s["bp_tloss"]) if loss == "step" else steps - 1
    if s["bp_k"] > tau:
        s["bp_k"] = tau
    if s["bp_unit"] > H:
        s["bp_unit"] = H
    k = int(s["bp_k"])
    return Settings(
        sequence,
        model,
        s["bp_variant"],
        H,
        int(s["bp_seed"]),
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


def receive_model(params: LSTMParams, name: str, xs: np.ndarray, columns: tuple[str, ...]) -> None:
    """Make `params` this page's model and `xs` (T, D) its sequence, as if both had been uploaded
    as files named after `name` (the training lab's "Open in backprop"); the standard cell, the
    loss at the last step, the cursor at the loss."""
    MODEL.receive(params, name)
    SEQUENCE.receive(xs, columns, name)
    st.session_state["bp_variant"] = "standard"
    st.session_state["bp_loss"] = "last"
    st.session_state["bp_k"] = 0


# --- the computation ----------------------------------------------------------------------------


# Up to (T, 4H, H) floats per entry: 26 MB for a handed-over H = 64 model at T = 200.
@st.cache_data(max_entries=8, show_spinner=False)
def ledgers(
    sequence: str, model: str, variant: str, seed: int, loss_step: int, _xs, _p: LSTMParams
):
    """(LSTM ledger, RNN ledger) of the LSTM _p (the cell `variant`) and a random RNN of as many
    units (seed `seed`) over _xs (T, D); `sequence` and `model` identify _xs and _p (the cache
    key: arguments with a leading underscore are not hashed). Its own cache, so that moving the
    cursor (or the unit) never reruns the backward passes."""
    q = RNNParams.init(_xs.shape[1], _p.hidden_size, seed=seed, scheme="torch")
    return lstm_ledger(_p, _xs, loss_step, variant), rnn_ledger(q, _xs, loss_step)


@st.cache_data(max_entries=8, show_spinner=False)
def every_step(
    sequence: str,
    model: str,
    variant: str,
    seed: int,
    loss_step: int,
    lang: str,
    _lstm: LSTMLedger,
    _rnn: RNNLedger,
) -> tuple[dict, dict, dict]:
    """The charts of every step as figure dicts: ∂L/∂U by row, its norms, ‖∂L/∂x_t‖. They do
    not depend on the cursor or the unit (the cursor is laid over them), so they are built once
    per run, not at every step; the ledgers _lstm, _rnn are the ones `ledgers` returns for the
    same first five arguments (they key the cache)."""
    return (
        bv.contribution_heatmap(_rnn, _lstm, lang).to_dict(),
        bv.contribution_norms(_rnn, _lstm, lang).to_dict(),
        bv.input_gradients(_rnn, _lstm, lang).to_dict(),
    )


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
    heatmap: dict  # the charts of every step: the same at every cursor step,
    norms: dict
    inputs: dict
    cursor: Cursor  # laid over them at the cursor step
    numbers: dict
    diagram: str
    summaries: dict = field(default_factory=dict)  # chart -> its text, from the same verdicts


@st.cache_data(max_entries=64, show_spinner=False)
def compute(settings: Settings, lang: str, _xs: np.ndarray, _p: LSTMParams) -> View:
    """The ledgers (from their own cache) and the view at the cursor, for the input _xs (T, D)
    and the LSTM _p that settings.sequence and settings.model identify."""
    s = settings
    lstm, rnn = ledgers(s.sequence, s.model, s.variant, s.seed, s.loss_step, _xs, _p)
    heatmap, norms, inputs = every_step(
        s.sequence, s.model, s.variant, s.seed, s.loss_step, lang, lstm, rnn
    )
    t_, j = s.t, s.unit
    rnn_share = early_share(rnn.dU_step_norms(), s.loss_step, EARLY_DISTANCE)
    lstm_share = early_share(lstm.dU_step_norms(), s.loss_step, EARLY_DISTANCE)
    branches, routes = branch_verdict(lstm, t_), route_verdict(lstm, t_)
    peephole = s.variant == "peephole"
    return View(
        steps=lstm.steps,
        loss=lstm.loss,
        lstm_equations=tuple(bv.lstm_equations(lstm, t_, j)),
        rnn_equations=tuple(bv.rnn_equations(rnn, t_, j)),
        branch_sentence=bv.branch_sentence(branches, t_, lang),
        route_sentence=bv.route_sentence(routes, t_, lang, peephole=peephole),
        share_sentences=tuple(bv.share_sentences(rnn_share, lstm_share, lang)),
        branch_bars=bv.branch_bars(lstm, t_, lang).to_dict(),
        route_bars=bv.route_bars(lstm, t_, lang).to_dict(),
        heatmap=heatmap,
        norms=norms,
        inputs=inputs,
        cursor=bv.step_cursor(t_),
        numbers={
            "dh": float(lstm.dh[t_, j]),
            "dc": float(lstm.dc[t_, j]),
            "branches": lstm.branches[t_, :, j].tolist(),
            "rnn_dh": float(rnn.dh[t_, j]),
        },
        diagram=lstm_backward_svg(lstm_step_values(lstm, _p, t_, j), t_, j, s.H, lang, s.variant),
        summaries={
            "branch_bars": summaries.branch_bars_summary(branches, t_, lang),
            "route_bars": summaries.route_bars_summary(routes, t_, peephole, lang),
            "heatmap": summaries.share_summary(rnn_share, lstm_share, "heatmap", lang),
            "norms": summaries.share_summary(rnn_share, lstm_share, "norms", lang),
        },
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
    summaries: dict = field(default_factory=dict)  # chart -> its text, from the same verdicts


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
        summaries={
            chart: summaries.focus_summary(
                verdicts["rnn"], verdicts["lstm"], marked, len(xs), chart, lang
            )
            for chart in ("heatmaps", "last_row")
        },
    )
