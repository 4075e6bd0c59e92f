"""Verdicts: what a measured gradient did, decided once from the numbers, so that every sentence
the pages write about it (vanishes, never falls below, grows, overflows, outlasts, horizon,
clipped) has one tested source. The drawing layer (lstm_viz) only words these verdicts.

A gradient is read "k steps back" from a loss at τ (see gradient_flow): norms_back[k] =
‖∂L/∂·_{τ−k}‖, and its ratios are norms_back[k] / norms_back[0]. The loss injects ∂L/∂h_τ of norm
1, so the value at the loss step of ∂L/∂c_τ = ∂L/∂h_τ ⊙ o_τ ⊙ (1 − tanh² c_τ) can be tiny or
exactly 0 (tanh saturated, or the output gate shut): then nothing worth following enters that
path, its ratios compare noise with noise, and no horizon, growth or comparison is claimed
("dead" below).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from lstm_core.lab.gradient_flow import (
    THRESHOLD,
    Clipped,
    LSTMFlow,
    RNNFlow,
    first_overflow,
    memory_horizon,
    relative,
)

GROWTH = 10.0  # a norm more than this many times its value at the loss (and not gone) grows
ROUGH = 1.25  # f̄ᵏ's horizon is called rough when it is off by more than this factor
FURTHER = 1.5  # the measured horizon beyond this times the cell path's: the h path carries more
SMALL_F = 0.6  # a mean forget gate below this is "small" (advice to change it)
RISE_WORTH_SAYING = 1.5  # a gradient that grows going back by more than this gets a sentence
# ρ(U) and σ_max(U) are shown with two decimals: one that shows as 1.00 is neither above nor
# below 1 (the Gaussian scheme at scale 1 gives ρ = 1 ± 1e-15, on either side by seed).
ONE_SHOWN = 0.005
# A gradient at the loss step below this fraction of the injected ‖∂L/∂h_τ‖ is "dead": the
# same 10⁻³ that defines the memory horizon, counted from the loss's own gradient.
NEGLIGIBLE = THRESHOLD

KINDS: tuple[str, ...] = (
    "no_steps",  # the loss is at the first step: no way back
    "dead",  # 0, underflowed or below NEGLIGIBLE × reference at the loss step
    "overflow",  # beyond float64 somewhere (inf or nan)
    "vanishes",  # below THRESHOLD × its value at the loss from `horizon` steps back on, for good
    "grows",  # not gone and more than GROWTH × its value at the loss somewhere
    "back_above",  # dips below THRESHOLD but is above it again at the start
    "survives",  # never below THRESHOLD within the sequence
)


@dataclass(frozen=True)
class Reach:
    """What one gradient did going back from the loss (see KINDS for `kind`).

    steps: K − 1, how many steps there are before the loss; at_loss: the norm at the loss step;
    horizon: the memory horizon (only for "vanishes"); overflow: the first k beyond float64
    (only for "overflow"); peak_k, peak: the largest finite ratio and where; low_k, low: the
    smallest finite ratio after the loss step and where (nan where there is none, or "dead");
    dips: whether it fell below THRESHOLD somewhere without staying there.
    """

    kind: str
    steps: int
    at_loss: float
    horizon: int | None = None
    overflow: int | None = None
    peak_k: int = 0
    peak: float = math.nan
    low_k: int = 0
    low: float = math.nan
    dips: bool = False

    @property
    def grows(self) -> bool:
        """It explodes: grows past GROWTH or overflows."""
        return self.kind in ("grows", "overflow")

    @property
    def never_below(self) -> bool:
        """ "Never below 10⁻³ within the sequence" is true: a live gradient whose every ratio
        is at least THRESHOLD."""
        return self.kind in ("grows", "survives") and not self.dips


def peak(ratio: np.ndarray) -> tuple[int, float]:
    """(k, value) of the largest finite ratio (the first on ties); (0, nan) if there is none."""
    finite = np.where(np.isfinite(ratio), ratio, -np.inf)
    k = int(np.argmax(finite))
    return (k, float(ratio[k])) if np.isfinite(finite[k]) else (0, math.nan)


def lowest(ratio: np.ndarray) -> tuple[int, float]:
    """(k, value) of the smallest finite ratio after the loss step (k ≥ 1, the first on ties);
    (0, nan) if there is none."""
    finite = np.where(np.isfinite(ratio[1:]), ratio[1:], np.inf)
    if not finite.size or not np.isfinite(finite.min()):
        return 0, math.nan
    k = int(np.argmin(finite)) + 1
    return k, float(ratio[k])


def reach(norms_back: np.ndarray, reference: float = 1.0) -> Reach:
    """The verdict on one gradient's norms k = 0..K−1 steps back from the loss (K,).
    reference: the norm of the gradient the loss injected (‖∂L/∂h_τ‖ = 1), against which a
    value at the loss step is "dead" (below NEGLIGIBLE · reference, or 0)."""
    norms_back = np.asarray(norms_back, dtype=float)
    steps = len(norms_back) - 1
    at_loss = float(norms_back[0])
    if steps < 1:
        return Reach("no_steps", steps, at_loss)
    overflow = first_overflow(norms_back)
    if overflow is not None:
        k, top = peak(relative(norms_back))
        return Reach("overflow", steps, at_loss, overflow=overflow, peak_k=k, peak=top)
    if not at_loss > NEGLIGIBLE * reference:
        return Reach("dead", steps, at_loss)
    ratio = relative(norms_back)
    peak_k, top = peak(ratio)
    low_k, low = lowest(ratio)
    horizon = memory_horizon(norms_back)
    fields = dict(peak_k=peak_k, peak=top, low_k=low_k, low=low)
    if horizon is not None:
        return Reach("vanishes", steps, at_loss, horizon=horizon, **fields)
    dips = low < THRESHOLD
    kind = "grows" if top > GROWTH else "back_above" if dips else "survives"
    return Reach(kind, steps, at_loss, dips=dips, **fields)


def horizon_for_rate(rate: float, threshold: float = THRESHOLD) -> float:
    """k at which rate^k reaches the threshold (inf if rate ≥ 1, 0 if rate ≤ 0)."""
    if rate >= 1.0:
        return math.inf
    if rate <= 0.0:
        return 0.0
    return math.log(threshold) / math.log(rate)


# --- the vanishing gradients page ---------------------------------------------------------------


@dataclass(frozen=True)
class LSTMVerdict:
    """What the LSTM's gradient did. cell, hidden: the Reach of ‖∂L/∂c‖ and ‖∂L/∂h‖;
    cell_path: the Reach of the cell path alone (Π f, unit by unit; None when `cell` is dead);
    mean_gate: whether f̄ᵏ predicts the horizon noticeably "early" or "late" (else None), with
    its horizon mean_gate_horizon; h_path: the measured gradient reaches clearly further than
    the cell path alone (it also arrives through h); small_f: the gradient vanishes with a
    small mean forget gate."""

    cell: Reach
    hidden: Reach
    cell_path: Reach | None
    mean_gate: str | None
    mean_gate_horizon: float
    h_path: bool
    small_f: bool


def lstm_verdict(lstm: LSTMFlow) -> LSTMVerdict:
    """The verdict on an LSTM's gradient flow."""
    cell = reach(lstm.dc_norm, reference=float(lstm.dh_norm[0]))
    hidden = reach(lstm.dh_norm)
    predicted = horizon_for_rate(lstm.f_mean)
    if cell.kind in ("dead", "no_steps"):
        return LSTMVerdict(cell, hidden, None, None, predicted, False, False)
    # The theory's prediction is the cell path alone, Π f unit by unit: the norm follows the
    # units whose f stays closest to 1, which the mean f̄ (f̄ᵏ) does not see. Π f only falls,
    # so its first dip is for good.
    cell_path = reach(lstm.cell_path_only)
    k_cell = cell_path.horizon
    far = k_cell if k_cell is not None else math.inf  # the cell path reaches beyond K − 1
    mean_gate = None
    if predicted * ROUGH < far and predicted < cell.steps:
        mean_gate = "early"
    elif k_cell is not None and predicted > ROUGH * k_cell:
        mean_gate = "late"
    further = k_cell is not None and (cell.horizon is None or cell.horizon > FURTHER * k_cell)
    h_path = further and not cell.grows
    small_f = lstm.f_mean < SMALL_F and cell.horizon is not None
    return LSTMVerdict(cell, hidden, cell_path, mean_gate, predicted, h_path, small_f)


COMPARISONS: tuple[str, ...] = ("lstm_grows", "outlasts", "ratio", "no_better", "cell_dead")


def compare(rnn: Reach, cell: Reach) -> str | None:
    """How the LSTM's memory path compares with a vanishing RNN gradient (see COMPARISONS):
    it grows, outlasts the RNN (not gone within the sequence), lasts longer ("ratio"), does not
    last longer (ties included), or carries nothing from the loss ("cell_dead"). None when the
    RNN's gradient does not vanish (no horizon to compare with)."""
    if rnn.kind != "vanishes":
        return None
    if cell.kind == "dead":
        return "cell_dead"
    if cell.grows:
        return "lstm_grows"
    if cell.horizon is None:
        return "outlasts"
    return "ratio" if cell.horizon > rnn.horizon else "no_better"


@dataclass(frozen=True)
class ClipVerdict:
    """What clipping did to the RNN's gradient. kind: "per_step_none" (nothing cut),
    "per_step" (cut, and the unclipped gradient exploded), "per_step_small" (cut, it did not),
    "overflow" (global: ‖g‖ beyond float64), "inactive" (global: ‖g‖ ≤ θ) or "global" (scaled
    by the factor s < 1). peak: the largest unclipped ‖∂L/∂h‖ (= its ratio, the loss's is 1).

    direction (per-step clipping that cut something): "kept" when every step was scaled by the
    same factor (only the loss step was cut: the gradient was just made smaller), "changed"
    when the steps were scaled differently, "barely" when they were but the cosine is within
    BARELY of 1 (the steps scaled less carry almost none of the gradient), None when the
    unclipped gradient overflowed (it has no direction to compare with). cosine: between the
    clipped and the unclipped gradient, all steps' ∂L/∂h_t taken as one vector (nan where
    direction is None).
    """

    kind: str
    peak: float
    direction: str | None = None
    cosine: float = math.nan


SAME_SCALE = 1e-9  # per-step factors that agree to this (relative) scale the gradient as a whole
BARELY = 5e-4  # a cosine within this of 1 shows as 1.000: the direction hardly changed


def per_step_direction(unclipped: np.ndarray, clipped: np.ndarray) -> tuple[str | None, float]:
    """("kept", "barely" or "changed", cosine) for per-step clipping, from the norms of
    ∂L/∂h_{τ−k} without and with it (K,). The loss injects its gradient at τ only and each
    backward step is linear, so clipping at a step scales that step and every earlier one by the
    same factor: the clipped ∂L/∂h_{τ−k} is a_k · the unclipped one, a_k = clipped[k] /
    unclipped[k]. The direction of
    all steps together is kept exactly when every a_k is the same. (None, nan) when the
    unclipped norms are not all finite."""
    unclipped = np.asarray(unclipped, dtype=float)
    clipped = np.asarray(clipped, dtype=float)
    if not np.all(np.isfinite(unclipped)) or not np.all(np.isfinite(clipped)):
        return None, math.nan
    live = unclipped > 0
    if not live.any():
        return None, math.nan
    n = unclipped[live] / unclipped[live].max()  # scaled, so that n² cannot overflow
    a = clipped[live] / unclipped[live]
    cosine = float(np.sum(a * n * n) / (np.sqrt(np.sum((a * n) ** 2)) * np.sqrt(np.sum(n * n))))
    cosine = min(cosine, 1.0)
    if np.ptp(a) <= SAME_SCALE * a.max():
        return "kept", cosine
    return ("barely" if cosine >= 1.0 - BARELY else "changed"), cosine


def clip_verdict(clipped: Clipped, rnn: RNNFlow) -> ClipVerdict:
    """The verdict on clipping the gradient of `rnn` (the unclipped one)."""
    top = peak(rnn.dh_norm)[1]
    if clipped.mode == "per_step":
        if clipped.steps_cut == 0:
            return ClipVerdict("per_step_none", top)
        exploded = first_overflow(rnn.dh_norm) is not None or top > GROWTH
        direction, cosine = per_step_direction(rnn.dh_norm, clipped.dh_norm)
        kind = "per_step" if exploded else "per_step_small"
        return ClipVerdict(kind, top, direction, cosine)
    if math.isnan(clipped.factor):
        return ClipVerdict("overflow", top)
    return ClipVerdict("inactive" if clipped.factor >= 1.0 else "global", top)


@dataclass(frozen=True)
class GradientVerdicts:
    """Everything the vanishing gradients page says about its numbers. steps: K − 1;
    rnn: the RNN's Reach; rnn_saturated: it vanishes although ρ(U) > 1 (tanh saturates);
    loose_bound: σ_max(U) > 1 > ρ(U) (the σ_max bound grows while the gradient need not);
    lstm: the LSTMVerdict; comparison: see compare(); clip: the ClipVerdict or None."""

    steps: int
    rnn: Reach
    rnn_saturated: bool
    loose_bound: bool
    lstm: LSTMVerdict
    comparison: str | None
    clip: ClipVerdict | None


def gradient_verdicts(rnn: RNNFlow, lstm: LSTMFlow, clipped: Clipped | None) -> GradientVerdicts:
    """The page's verdicts for one RNN and one LSTM flow (same loss step), and clipping."""
    r = reach(rnn.dh_norm)
    lv = lstm_verdict(lstm)
    return GradientVerdicts(
        steps=r.steps,
        rnn=r,
        rnn_saturated=r.kind == "vanishes" and rnn.spectral_radius > 1.0 + ONE_SHOWN,
        loose_bound=rnn.sigma_max > 1.0 + ONE_SHOWN and rnn.spectral_radius < 1.0 - ONE_SHOWN,
        lstm=lv,
        comparison=compare(r, lv.cell),
        clip=None if clipped is None else clip_verdict(clipped, rnn),
    )


# --- misconception 5 and the home page ----------------------------------------------------------


@dataclass(frozen=True)
class ForgetBiasVerdict:
    """Misconception 5: the Reach of the chosen LSTM's ‖∂L/∂c‖, of the large-bias LSTM's and
    of the RNN's ‖∂L/∂h‖, and whether the large-bias LSTM's gradient rises going back (by more
    than RISE_WORTH_SAYING, from a live value at the loss)."""

    chosen: Reach
    large: Reach
    rnn: Reach
    large_rises: bool


def forget_bias_verdict(chosen: LSTMFlow, large: LSTMFlow, rnn: RNNFlow) -> ForgetBiasVerdict:
    """The verdict of misconception 5 for these three flows."""
    c = reach(chosen.dc_norm, reference=float(chosen.dh_norm[0]))
    big = reach(large.dc_norm, reference=float(large.dh_norm[0]))
    rises = big.kind not in ("dead", "no_steps") and big.peak > RISE_WORTH_SAYING
    return ForgetBiasVerdict(c, big, reach(rnn.dh_norm), rises)


def grew(ratio: float) -> bool:
    """Whether a ratio to the value at the loss step means the gradient grew (above 1)."""
    return ratio > 1.0


# --- misconceptions 1–4 ---------------------------------------------------------------------------

SHOWN_ZERO = 0.0005  # below this a number shows as 0.000 on the page: "no difference"
MOST_IS_LEFT = 0.5  # f^K at or above this is "most of it is still there", not "small"


@dataclass(frozen=True)
class SizeVerdict:
    """Misconception 1: the step t_max (1-based) where max |c_t| is largest, that value c_max,
    and whether it went beyond 1 (c is not squashed into (−1, 1)). f_max: the largest forget
    gate of the run; bound: B_{t_max} = (1 − f_max^t_max)/(1 − f_max), which |c_t| stays below
    at t_max (t_max itself where f_max = 1); limit: 1/(1 − f_max), below which |c_t| stays at
    every t (inf where f_max = 1: then only |c_t| < t holds, and c can grow without end)."""

    t_max: int
    c_max: float
    beyond_one: bool
    f_max: float = math.nan
    bound: float = math.nan
    limit: float = math.inf

    @property
    def bounded(self) -> bool:
        """Whether the forget gates bound c for good (f_max < 1)."""
        return math.isfinite(self.limit)


def cell_size_verdict(max_abs: np.ndarray, f_max: float = 1.0) -> SizeVerdict:
    """The verdict for max_abs (T,): max over the units of |c_t| at each step, and f_max: the
    largest forget gate of the run. From c_0 = 0, |c_t| ≤ f_t|c_{t−1}| + |i_t g_t| and
    |i_t g_t| < 1, so |c_t| < 1 + f_max + … + f_max^{t−1}."""
    t_max = int(np.argmax(max_abs)) + 1
    c_max = float(max_abs[t_max - 1])
    if f_max >= 1.0:
        bound, limit = float(t_max), math.inf
    else:
        bound = float(-math.expm1(t_max * math.log(f_max)) / (1.0 - f_max)) if f_max > 0 else 1.0
        limit = 1.0 / (1.0 - f_max)
    return SizeVerdict(t_max, c_max, c_max > 1.0, float(f_max), bound, limit)


@dataclass(frozen=True)
class KeepVerdict:
    """Misconception 2. kind: "empty" (no memory to keep), "zero" (f = 0 erases it), "one"
    (f = 1 keeps all of it) or "keeps" (a share f of it); most_left: after the K steps f^K is
    at least MOST_IS_LEFT; rounded: what "a gate is a switch" would make of f (0 or 1);
    rounding_differs: that gives a c_t visibly different from the core's."""

    kind: str
    most_left: bool
    rounded: int
    rounding_differs: bool


def keep_verdict(f: float, c_prev: float, decay: np.ndarray) -> KeepVerdict:
    """The verdict for forget gate f, memory c_prev and the core's c_k (K + 1,), k = 0..K."""
    K = len(decay) - 1
    rounded = 1 if f >= 0.5 else 0
    differs = abs(rounded * c_prev - float(decay[1])) >= SHOWN_ZERO
    if abs(c_prev) < SHOWN_ZERO:
        kind = "empty"
    elif f <= 0.0:
        kind = "zero"
    elif f >= 1.0:
        kind = "one"
    else:
        kind = "keeps"
    return KeepVerdict(kind, f**K >= MOST_IS_LEFT, rounded, differs)


@dataclass(frozen=True)
class TermVerdict:
    """Misconception 3, the myth c_t = c_{t−1} + i_t g_t (f taken as 1), whose error is
    (c_{t−1} + i g) − c_t = (1 − f) c_{t−1}. kind: "one" (f = 1: the myth is the 1997 cell,
    exact), "empty" (c_{t−1} ≈ 0: nothing to keep or lose), "small" (the error shows as 0.000)
    or "differs"; sign_flip: the myth even gives c_t the other sign (both visibly non-zero);
    average: f + i = 1 (to what the page shows), so that c_t is a weighted average of c_{t−1}
    and g, as in the coupled variant (f = 1 − i); otherwise two independent weights."""

    kind: str
    sign_flip: bool
    average: bool = False

    @property
    def differs(self) -> bool:
        return self.kind == "differs"


def forget_term_verdict(
    f: float, c_prev: float, c: float, carried: float, i: float = math.nan
) -> TermVerdict:
    """The verdict for the core's c_t = c and the myth's carried = c_{t−1} + i g, with forget
    gate f, input gate i and memory c_prev."""
    if f >= 1.0:
        kind = "one"
    elif abs(c_prev) < SHOWN_ZERO:
        kind = "empty"
    elif abs(carried - c) < SHOWN_ZERO:
        kind = "small"
    else:
        kind = "differs"
    flip = c * carried < 0 and abs(c) >= SHOWN_ZERO and abs(carried) >= SHOWN_ZERO
    return TermVerdict(kind, kind == "differs" and flip, abs(f + i - 1.0) < SHOWN_ZERO)


@dataclass(frozen=True)
class ReadVerdict:
    """Misconception 4: whether o·tanh(c_{t−1}) differs visibly from h_t, and whether it even
    has the other sign (both visibly non-zero)."""

    differs: bool
    sign_flip: bool


def read_out_verdict(h: float, h_old: float) -> ReadVerdict:
    """The verdict for h_t = h and the misreading h_old = o·tanh(c_{t−1})."""
    differs = abs(h - h_old) >= SHOWN_ZERO
    flip = h * h_old < 0 and abs(h) >= SHOWN_ZERO and abs(h_old) >= SHOWN_ZERO
    return ReadVerdict(differs, differs and flip)


# --- gate anatomy: which corrections one LSTM step's numbers support ------------------------------

FRACTION_EDGE = 0.02  # a forget gate within this of 0 or 1 is not worth "a fraction, not a switch"


@dataclass(frozen=True)
class StepVerdict:
    """What one LSTM step's numbers (one unit) show. fraction: f is visibly between 0 and 1
    (and the variant has a forget gate), so "f keeps f·100% of the memory" teaches something;
    forget_term: f·c_{t−1} shows as non-zero, so dropping it would change c_t; beyond_one:
    |c_t| > 1 (the cell state is not squashed)."""

    fraction: bool
    forget_term: bool
    beyond_one: bool


def step_verdict(f: float, c_prev: float, c: float, variant: str = "standard") -> StepVerdict:
    """The verdict for forget gate f, memory c_prev and new cell state c of one unit."""
    fraction = variant != "no_forget" and FRACTION_EDGE < f < 1.0 - FRACTION_EDGE
    return StepVerdict(fraction, abs(f * c_prev) >= SHOWN_ZERO, abs(c) > 1.0)


# --- the training lab: did a model learn more than the baseline, which fits closer --------------

BASELINE_MARGIN = 0.05  # within 5% of the baseline's loss counts as "at the baseline" (a tie)

AGAINST_BASELINE: tuple[str, ...] = ("below", "at", "above")


def against_baseline(loss: float, baseline: float) -> str:
    """Where a trained model's final validation loss sits against the baseline's (the best
    constant guess, drawn dashed on the loss chart): "below" (it learned what the baseline
    cannot: loss < (1 − BASELINE_MARGIN)·baseline), "at" (within BASELINE_MARGIN of it: nothing
    learned beyond the constant) or "above" (worse, or the loss is not finite)."""
    loss, baseline = float(loss), float(baseline)
    if not math.isfinite(loss) or loss > (1.0 + BASELINE_MARGIN) * baseline:
        return "above"
    if loss < (1.0 - BASELINE_MARGIN) * baseline:
        return "below"
    return "at"


def closer_fit(rnn_loss: float, lstm_loss: float) -> str:
    """Which model ends with the lower loss: "rnn" or "lstm" when it is lower by more than
    BASELINE_MARGIN of the other's, else "tie" (also when neither loss is finite); a model
    whose loss is not finite never wins."""
    a, b = float(rnn_loss), float(lstm_loss)
    if not math.isfinite(a) and not math.isfinite(b):
        return "tie"
    if not math.isfinite(b) or a < (1.0 - BASELINE_MARGIN) * b:
        return "rnn"
    if not math.isfinite(a) or b < (1.0 - BASELINE_MARGIN) * a:
        return "lstm"
    return "tie"
