"""Gradient flow back in time: how much of a loss gradient is left k steps before the loss, in a
plain RNN and in an LSTM, measured by backprop and set beside what the theory predicts.

A loss at step τ, L = (h_τ,1 + … + h_τ,H)/√H, injects the unit vector ∂L/∂h_τ = (1, …, 1)/√H.
Everything the page plots comes from lstm_backward / rnn_backward; this module only reads it
"k steps back" (row k is step τ − k) and adds the theory:

    RNN   ∂L/∂h_{t-1} = Uᵀ diag(1 − h_t²) ∂L/∂h_t, so
          ‖∂L/∂h_{τ-k}‖ ≤ Π_{j<k} ‖Uᵀ diag(1 − h²_{τ-j})‖₂ · ‖∂L/∂h_τ‖ ≤ σ_max(U)^k ‖∂L/∂h_τ‖
          (|1 − h²| ≤ 1). The spectral radius ρ(U) ≤ σ_max(U) sets the long-run rate of Uᵏ.
    LSTM  ∂L/∂c_{t-1} = f_t ⊙ ∂L/∂c_t + (what arrives through h_{t-1} = o_{t-1} ⊙ tanh c_{t-1}),
          so along the cell path alone ∂L/∂c_{τ-k} = (Π_{j<k} f_{τ-j}) ⊙ ∂L/∂c_τ, unit by unit.

Clipping (Pascanu et al. 2013, and torch.nn.utils.clip_grad_norm_) rescales the finished gradient
of all parameters: g ← g · θ/‖g‖ when ‖g‖ > θ. Every step's contribution is scaled by the same
factor, so the shape of ‖∂L/∂h_t‖ over t does not change. Some implementations instead clip the
backpropagated ∂L/∂h_t at every step (`rnn_backward_clipped_per_step`), which does change it.
Neither helps a vanishing gradient: clipping only ever makes a gradient smaller.

Overflow is not an error: an exploding RNN gradient beyond float64 becomes inf (or nan), and
`first_overflow` says where.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.backward import lstm_backward, rnn_backward
from lstm_core.params import LSTMParams, RNNParams
from lstm_core.sequence import RNNTrace, run_lstm, run_rnn

THRESHOLD = 1e-3  # the memory horizon: from where on a norm stays below 1e-3 of its value at τ
CLIP_MODES: tuple[str, ...] = ("global", "per_step")
DENSE_MAX_H = 16  # up to this H the per-step Jacobian norms come from eigvalsh directly
LANCZOS_STEPS = 32  # Krylov dimension for the per-step Jacobian norms of larger H
LANCZOS_CHECK = 8  # a Lanczos estimate that still moved in its last this-many steps is redone
ROW_BLOCK = 128  # steps per Lanczos (or eigvalsh) block


# --- reading a backward pass "k steps back" --------------------------------------------------


def unit_loss_gradient(T: int, H: int, t_loss: int) -> np.ndarray:
    """∂L/∂h_t for L = Σ_j h_τ,j / √H at τ = t_loss: zeros (T, H) except row τ = (1, …, 1)/√H,
    a vector of norm 1."""
    if not 0 <= t_loss < T:
        raise ValueError(f"the loss step {t_loss} is outside the sequence 0..{T - 1}")
    dh = np.zeros((T, H))
    dh[t_loss] = 1.0 / np.sqrt(H)
    return dh


def back_from(a: np.ndarray, t_loss: int) -> np.ndarray:
    """Rows τ, τ−1, …, 0 of a (T, …) array: row k is k steps back from the loss. (τ+1, …)."""
    return a[t_loss::-1]


def norms(g: np.ndarray) -> np.ndarray:
    """‖g_k‖ over the last axis: (K,) for g (K, H), a number for g (H,). Scaled by the largest
    |entry| first, so that huge but finite gradients (1e200) keep a finite norm; inf stays inf and
    nan stays nan, without warnings."""
    g = np.asarray(g, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        scale = np.max(np.abs(g), axis=-1)
        usable = np.isfinite(scale) & (scale > 0)
        safe = np.where(usable, scale, 1.0)
        unit = g / safe[..., None]
        out = safe * np.sqrt(np.einsum("...h,...h->...", unit, unit))
        return np.where(usable, out, scale)  # 0, inf or nan rows keep their scale


def relative(values: np.ndarray) -> np.ndarray:
    """values / values[0] (the value at the loss step); all nan if that is 0 or not finite."""
    first = values[0]
    if not np.isfinite(first) or first == 0.0:
        return np.full(values.shape, np.nan)
    with np.errstate(over="ignore", invalid="ignore"):
        return values / first


def memory_horizon(norms_back: np.ndarray, threshold: float = THRESHOLD) -> int | None:
    """The memory horizon: the smallest k ≥ 1 from which on, all the way back to the start of the
    sequence, the norm stays below threshold · norms_back[0]; that is, (the last k whose norm is
    not below it) + 1. None if the norm is not below it at the start of the sequence (so nothing
    says the gradient is gone), if there is no step before the loss, or if the value at the loss
    step is 0 or not finite. A nan (overflow) counts as not below.

    Not the first dip below the threshold: with inputs that change, a norm can dip below it and
    come back (noise input, seed 1, b_f = 3, T = 500: the LSTM's ‖∂L/∂c‖ first dips at k = 406
    but is at 3.3 · 10⁻³ again at k = 499). "The gradient is gone after k steps" must hold for
    every step beyond k, so the horizon is where it stays below.
    """
    first = norms_back[0]
    if len(norms_back) < 2 or not np.isfinite(first) or first <= 0.0:
        return None
    with np.errstate(invalid="ignore"):
        not_below = np.flatnonzero(~(norms_back[1:] < threshold * first))
    if not not_below.size:
        return 1
    last = int(not_below[-1]) + 1  # the last k ≥ 1 whose norm is not below the threshold
    return None if last == len(norms_back) - 1 else last + 1


def first_overflow(norms_back: np.ndarray) -> int | None:
    """The first k where the norm is inf or nan (beyond float64), or None."""
    bad = np.flatnonzero(~np.isfinite(norms_back))
    return int(bad[0]) if bad.size else None


# --- theory: the RNN's per-step Jacobians --------------------------------------------------------


def step_jacobian_norms(U: np.ndarray, h: np.ndarray) -> np.ndarray:
    """n_t = ‖Uᵀ diag(1 − h_t²)‖₂ for every step: the largest factor by which one backward step
    t → t−1 of a tanh RNN can multiply ‖∂L/∂h_t‖. U (H, H), h (T, H); returns (T,).

    n_t² is the largest eigenvalue of M_t = D_t G D_t with D_t = diag(1 − h_t²), G = U Uᵀ.
    The plotted bound multiplies up to 2000 of them, so each must be right to about 1e-10 (an
    error of 10⁻⁴ per step would put the "upper bound" 20% too low). Three ways, cheapest first:

    - U a multiple s·Q of an orthogonal matrix (the keras scheme): G = s²I, so M_t = s²D_t² is
      diagonal and n_t = s · max_i |d_t,i| exactly. (Lanczos is at its worst here: many
      eigenvalues crowd the top, and even H = 64 steps left it 10⁻⁴ too low.)
    - H ≤ DENSE_MAX_H: the eigenvalues of all T matrices M_t at once (np.linalg.eigvalsh).
    - Larger H: a batched SVD of T matrices is too slow for T = 2000, H = 64 on a page, so one
      Lanczos run (one (steps, H) @ (H, H) product per iteration) builds a tridiagonal matrix for
      every step, whose largest eigenvalue bisection finds. Where λ_max stands apart from the
      rest of M_t's spectrum (random U: torch, gaussian) it has converged long before
      LANCZOS_STEPS. A step whose estimate still moved in the last LANCZOS_CHECK iterations is
      recomputed exactly with eigvalsh, so every n_t matches the SVD to 1e-10
      (tests/test_gradient_flow.py checks it, also for U with a crowded top spectrum). A U
      that sends most steps there (nearly but not exactly orthogonal) costs about 0.5 s at
      T = 2000, H = 64; none of the page's initialisation schemes makes one.
    """
    U = np.asarray(U, dtype=float)
    d = 1.0 - np.asarray(h, dtype=float) ** 2  # (T, H), the tanh derivatives in [0, 1]
    H = U.shape[0]
    G = U @ U.T
    s2 = np.trace(G) / H
    if np.all(np.abs(G - s2 * np.eye(H)) <= 1e-12 * s2):  # U = s·Q, Q orthogonal (or U = 0)
        return np.sqrt(s2) * np.max(np.abs(d), axis=1)
    if H <= DENSE_MAX_H:
        return np.sqrt(_largest_eigenvalue_dense(G, d))
    m = min(H, LANCZOS_STEPS)
    # Blocks of rows keep each product small: a multi-threaded BLAS would otherwise spread one
    # (T, H) @ (H, H) product over threads, which costs more than it saves on a busy server.
    blocks = [_lanczos_tridiagonal(G, d[i : i + ROW_BLOCK], m) for i in range(0, len(d), ROW_BLOCK)]
    alpha = np.concatenate([a for a, _ in blocks])
    beta = np.concatenate([b for _, b in blocks])
    lam = _largest_eigenvalue(alpha, beta)
    # Ritz values only grow towards λ_max as the Krylov space grows: one that did not move in the
    # last LANCZOS_CHECK steps has converged; the others are computed exactly. "Did not move":
    # the earlier tridiagonal matrix already has an eigenvalue above (1 − 10⁻⁸)·λ, which one
    # Sturm count tells. (At 10⁻¹³ rounding noise alone counted as movement and sent most steps
    # of some runs to eigvalsh: 380–450 ms instead of ~100 ms at T = 2000, H = 64, with the same
    # result; a Ritz value that has settled to 10⁻⁸ is already exact to rounding.)
    k = m - LANCZOS_CHECK
    below = _eigenvalues_below(alpha[:, :k], beta[:, : k - 1], lam * (1.0 - 1e-8))
    moving = below == k
    if moving.any():
        lam[moving] = _largest_eigenvalue_dense(G, d[moving])
    return np.sqrt(lam)


def _largest_eigenvalue_dense(G: np.ndarray, d: np.ndarray) -> np.ndarray:
    """λ_max(diag(d_t) G diag(d_t)) for every row d_t of d (T, H), by LAPACK (eigvalsh), in
    blocks of rows so that the (rows, H, H) stack stays small. Returns (T,), at least 0."""
    out = np.empty(len(d))
    for i in range(0, len(d), ROW_BLOCK):
        block = d[i : i + ROW_BLOCK]
        M = block[:, :, None] * G * block[:, None, :]  # (rows, H, H): diag(d_t) G diag(d_t)
        out[i : i + ROW_BLOCK] = np.linalg.eigvalsh(M)[:, -1]
    return np.maximum(out, 0.0)


def _lanczos_tridiagonal(G: np.ndarray, d: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """m Lanczos steps for every M_t = diag(d_t) G diag(d_t) at once (rows of d are the t).
    Returns the tridiagonal matrices: alpha (T, m) on the diagonal, beta (T, m−1) beside it."""
    T, H = d.shape
    start = np.random.default_rng(20130216).standard_normal(H)  # fixed, so results repeat
    v = np.tile(start / np.linalg.norm(start), (T, 1))
    v_prev, dv, w = np.zeros((T, H)), np.empty((T, H)), np.empty((T, H))
    alpha, beta = np.zeros((T, m)), np.zeros((T, m))
    b_prev = np.zeros(T)
    scale = np.zeros(T)  # the largest α or β seen: how large M_t is, for "breakdown"
    for j in range(m):
        np.multiply(d, v, out=dv)
        np.matmul(dv, G, out=w)
        w *= d  # M_t v_t for all t: (T, H)
        a = np.einsum("th,th->t", w, v)
        w -= a[:, None] * v
        w -= b_prev[:, None] * v_prev  # the three-term recurrence
        b = np.sqrt(np.einsum("th,th->t", w, w))
        np.maximum(scale, np.maximum(a, b), out=scale)
        # An invariant subspace found (b ≈ 0): stop that row; its extra zeros on the diagonal
        # cannot exceed λ_max, because M_t is positive semidefinite.
        alive = b > 1e-13 * scale
        b = np.where(alive, b, 0.0)
        alpha[:, j], beta[:, j] = a, b
        inverse = np.divide(1.0, b, out=np.zeros(T), where=alive)
        v_prev, v = v, w * inverse[:, None]
        b_prev = b
    return alpha, beta[:, : m - 1]


def _eigenvalues_below(alpha: np.ndarray, beta: np.ndarray, x: np.ndarray) -> np.ndarray:
    """How many eigenvalues of each symmetric tridiagonal matrix (rows of alpha (T, m), beta
    (T, m−1)) lie below x (T,): the Sturm count, i.e. the number of negative pivots of the LDLᵀ
    factorisation of T − x·I. Returns (T,) ints."""
    tiny = np.finfo(float).tiny
    beta2 = beta**2
    q = alpha[:, 0] - x
    below = (q < 0).astype(int)
    for i in range(1, alpha.shape[1]):
        q = np.where(q == 0.0, tiny, q)
        q = alpha[:, i] - x - beta2[:, i - 1] / q
        below += q < 0
    return below


def _largest_eigenvalue(alpha: np.ndarray, beta: np.ndarray, iterations: int = 60) -> np.ndarray:
    """The largest eigenvalue of each symmetric tridiagonal matrix (rows of alpha (T, m), beta
    (T, m−1)), by bisection on Sturm counts; returns the upper end of the final interval (T,)."""
    T, m = alpha.shape
    pad = np.zeros((T, 1))
    radius = np.abs(np.hstack([pad, beta])) + np.abs(np.hstack([beta, pad]))
    lo = alpha.max(axis=1)  # a diagonal entry is a Rayleigh quotient: λ_max ≥ it
    hi = (alpha + radius).max(axis=1)  # Gershgorin: λ_max ≤ it
    tiny = np.finfo(float).tiny
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        all_below = _eigenvalues_below(alpha, beta, mid) == m
        hi = np.where(all_below, mid, hi)
        lo = np.where(all_below, lo, mid)
        if np.all(hi - lo <= 4e-16 * np.maximum(np.abs(hi), tiny)):
            break
    return np.maximum(hi, 0.0)


def running_product(factors: np.ndarray) -> np.ndarray:
    """[1, a_0, a_0 a_1, …]: products of the first k factors for k = 0..K−1, (K,) or (K, H)
    for factors (K−1, …). Underflow gives 0 and overflow inf, without warnings."""
    with np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore"):
        logs = np.cumsum(np.log(factors), axis=0)
        ones = np.zeros((1, *factors.shape[1:]))
        return np.exp(np.concatenate([ones, logs]))


def power_bound(base: float, K: int) -> np.ndarray:
    """base^k for k = 0..K−1 (K,); inf beyond float64, no warnings."""
    with np.errstate(over="ignore", under="ignore"):
        return np.power(float(base), np.arange(K, dtype=float))


# --- the two models on one sequence ---------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class RNNFlow:
    """A plain RNN's gradient k = 0..τ steps back from a loss at τ = t_loss (K = τ + 1 rows).

    dh (K, H): ∂L/∂h_{τ−k} from rnn_backward; dh_norm (K,): its norms (dh_norm[0] = 1).
    jacobian_norm (K,): ‖Uᵀ diag(1 − h²_{τ−k})‖₂, the factor of the step from τ−k to τ−k−1.
    jacobian_product (K,): Π_{j<k} jacobian_norm[j], an upper bound of dh_norm[k]/dh_norm[0].
    sigma_bound (K,): σ_max(U)^k, a looser bound. spectral_radius, sigma_max: ρ(U), σ_max(U).
    param_grad_norm: ‖(∂L/∂W, ∂L/∂U, ∂L/∂b)‖, the norm that global clipping compares with θ.
    tanh_slope_mean: the mean of 1 − h_t² over the steps 0..τ and all units.
    """

    t_loss: int
    dh: np.ndarray
    dh_norm: np.ndarray
    jacobian_norm: np.ndarray
    jacobian_product: np.ndarray
    sigma_bound: np.ndarray
    spectral_radius: float
    sigma_max: float
    param_grad_norm: float
    tanh_slope_mean: float


@dataclass(frozen=True, eq=False)
class LSTMFlow:
    """An LSTM's gradient k = 0..τ steps back from a loss at τ = t_loss (K = τ + 1 rows).

    dh, dc (K, H): ∂L/∂h_{τ−k}, ∂L/∂c_{τ−k} from lstm_backward; dh_norm, dc_norm (K,).
    f_product (K, H): Π_{j<k} f_{τ−j} per unit, what the cell path alone multiplies by;
    f_product_mean/min/max (K,): over the units. cell_path_only (K,): ‖∂L/∂c_τ ⊙ f_product[k]‖
    / ‖∂L/∂c_τ‖, the measured ratio dc_norm[k]/dc_norm[0] if nothing arrived through h; it
    lies between f_product_min and f_product_max.
    f_mean: the mean forget gate over the steps 0..τ and all units. variant: the cell's variant.
    param_grad_norm: ‖(∂L/∂W, ∂L/∂U, ∂L/∂b)‖.
    """

    t_loss: int
    variant: str
    dh: np.ndarray
    dc: np.ndarray
    dh_norm: np.ndarray
    dc_norm: np.ndarray
    f_product: np.ndarray
    f_product_mean: np.ndarray
    f_product_min: np.ndarray
    f_product_max: np.ndarray
    cell_path_only: np.ndarray
    f_mean: float
    param_grad_norm: float


def rnn_flow(q: RNNParams, xs: np.ndarray, t_loss: int) -> RNNFlow:
    """Run q over xs (T, D), backpropagate the unit loss at t_loss, read it k steps back."""
    tr = run_rnn(q, xs)
    T, H = tr.h.shape
    gr = rnn_backward(q, tr, unit_loss_gradient(T, H, t_loss))
    dh = back_from(gr.dh, t_loss)
    n = back_from(step_jacobian_norms(q.U, tr.h), t_loss)
    sigma_max = float(np.linalg.norm(q.U, 2))
    return RNNFlow(
        t_loss=t_loss,
        dh=dh,
        dh_norm=norms(dh),
        jacobian_norm=n,
        jacobian_product=running_product(n[:-1]),
        sigma_bound=power_bound(sigma_max, t_loss + 1),
        spectral_radius=float(np.max(np.abs(np.linalg.eigvals(q.U)))),
        sigma_max=sigma_max,
        param_grad_norm=_params_norm(gr.params),
        tanh_slope_mean=float(np.mean(1.0 - tr.h[: t_loss + 1] ** 2)),
    )


def lstm_flow(p: LSTMParams, xs: np.ndarray, t_loss: int, variant: str = "standard") -> LSTMFlow:
    """Run p over xs (T, D), backpropagate the unit loss at t_loss, read it k steps back."""
    tr = run_lstm(p, xs, variant=variant)
    T, H = tr.h.shape
    gr = lstm_backward(p, tr, unit_loss_gradient(T, H, t_loss))
    dh, dc = back_from(gr.dh, t_loss), back_from(gr.dc, t_loss)
    f_back = back_from(tr.f, t_loss)  # f_{τ−k}: the factor of the step from τ−k to τ−k−1
    f_product = running_product(f_back[:-1])  # (K, H)
    with np.errstate(under="ignore", invalid="ignore", over="ignore"):
        cell_path_only = relative(norms(dc[0] * f_product))
    return LSTMFlow(
        t_loss=t_loss,
        variant=variant,
        dh=dh,
        dc=dc,
        dh_norm=norms(dh),
        dc_norm=norms(dc),
        f_product=f_product,
        f_product_mean=f_product.mean(axis=1),
        f_product_min=f_product.min(axis=1),
        f_product_max=f_product.max(axis=1),
        cell_path_only=cell_path_only,
        f_mean=float(f_back.mean()),
        param_grad_norm=_params_norm(gr.params),
    )


def _params_norm(params: LSTMParams | RNNParams) -> float:
    """‖(W, U, b)‖ as one vector; inf if any part overflowed."""
    return float(norms(np.concatenate([params.W.ravel(), params.U.ravel(), params.b])))


# --- clipping the RNN's gradient ------------------------------------------------------------------


def global_clip_factor(norm: float, threshold: float) -> float:
    """Pascanu et al. 2013 (clip_grad_norm_): the factor s = min(1, θ/‖g‖) that the whole
    gradient g is multiplied by. nan if ‖g‖ is not finite (an overflowed gradient has no
    direction left to keep)."""
    if not threshold > 0:
        raise ValueError(f"the clipping threshold must be a positive number, got {threshold!r}")
    if not np.isfinite(norm):
        return float("nan")
    return 1.0 if norm <= threshold else float(threshold / norm)


def rnn_backward_clipped_per_step(
    q: RNNParams, tr: RNNTrace, dh: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """rnn_backward with the per-step variant of clipping: whenever the total ‖∂L/∂h_t‖ exceeds θ
    it is rescaled to θ before it travels on to step t−1. tr: the run of q (h (T, H)); dh: the
    injected ∂L/∂h_t (T, H). Returns the clipped total ∂L/∂h_t (T, H) and which steps were cut
    (T,) bool. With θ = inf the first equals rnn_backward(...).dh."""
    grads = rnn_backward(q, tr, dh, clip_per_step=threshold)
    return grads.dh, grads.cut


@dataclass(frozen=True, eq=False)
class Clipped:
    """The RNN's gradient after clipping with threshold θ, k = 0..τ steps back.

    mode "global": the whole parameter gradient g = (∂L/∂W, ∂L/∂U, ∂L/∂b) is multiplied by
    factor = min(1, θ/‖g‖) (nan if ‖g‖ overflowed), and so is every step's share: dh_norm is
    factor · ‖∂L/∂h_{τ−k}‖. mode "per_step": ∂L/∂h_t is cut back to norm θ during the backward
    pass; dh_norm is the resulting ‖∂L/∂h_{τ−k}‖, steps_cut how many steps were cut, factor nan.
    norm_before: ‖g‖ without clipping; norm_after: with it (global mode; nan for per_step).
    """

    mode: str
    threshold: float
    dh_norm: np.ndarray
    factor: float
    norm_before: float
    norm_after: float
    steps_cut: int = 0


def clip_rnn(q: RNNParams, xs: np.ndarray, flow: RNNFlow, threshold: float, mode: str) -> Clipped:
    """Clip the gradient of `flow` (q run over xs with the loss at flow.t_loss) at threshold θ,
    as `mode` ("global" or "per_step", see CLIP_MODES) says. Returns a Clipped."""
    if mode == "global":
        s = global_clip_factor(flow.param_grad_norm, threshold)
        with np.errstate(over="ignore", invalid="ignore"):
            dh_norm = s * flow.dh_norm
        after = s * flow.param_grad_norm if np.isfinite(s) else float("nan")
        return Clipped(mode, threshold, dh_norm, s, flow.param_grad_norm, after)
    if mode == "per_step":
        tr = run_rnn(q, xs)
        T, H = tr.h.shape
        dh, cut = rnn_backward_clipped_per_step(
            q, tr, unit_loss_gradient(T, H, flow.t_loss), threshold
        )
        dh_norm = norms(back_from(dh, flow.t_loss))
        steps = int(cut[: flow.t_loss + 1].sum())
        nan = float("nan")
        return Clipped(mode, threshold, dh_norm, nan, flow.param_grad_norm, nan, steps)
    raise ValueError(f"unknown clipping mode {mode!r}; expected one of {', '.join(CLIP_MODES)}")
