"""The GRU (Cho et al. 2014) in PyTorch's nn.GRU form: parameters, one step, a sequence run and
backprop through time, side by side as for the LSTM (params.py, cells.py, sequence.py,
backward.py).

    r_t = σ(W_r x_t + b_ir + U_r h_{t-1} + b_hr)          reset gate: how much of U_n h to let in
    z_t = σ(W_z x_t + b_iz + U_z h_{t-1} + b_hz)          update gate: how much of h_{t-1} to keep
    n_t = tanh(W_n x_t + b_in + r_t ⊙ (U_n h_{t-1} + b_hn))   candidate state
    h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}                 no separate cell state: h is the memory

Layout (PyTorch's): the three gate blocks are stacked in the order r, z, n.

    W: (3H, D)    rows [0:H] = W_r, [H:2H] = W_z, [2H:3H] = W_n
    U: (3H, H)    the same blocks for the recurrent weights
    b_ih: (3H,)   b_ir, b_iz, b_in        (PyTorch's bias_ih_l0)
    b_hh: (3H,)   b_hr, b_hz, b_hn        (PyTorch's bias_hh_l0)

Both biases are kept: for r and z only their sum matters, but b_hn sits inside the reset product.

Keras GRU (`kernel` (D, 3H), `recurrent_kernel` (H, 3H), gate blocks in the order z, r, h; its h
block is our n, and its h_t = z ⊙ h_{t-1} + (1 − z) ⊙ hh is ours):
    reset_after=True (the default of tf.keras 2 and Keras 3): bias (2, 3H) = [input bias;
        recurrent bias] and hh = tanh(x K_h + b_h⁽ⁱ⁾ + r ⊙ (h R_h + b_h⁽ʳ⁾)): exactly nn.GRU's cell.
    reset_after=False: bias (3H,) and hh = tanh(x K_h + (r ⊙ h_{t-1}) R_h + b_h): the reset is
        applied *before* the recurrent product. U_n (r ⊙ h) equals r ⊙ (U_n h) only for a diagonal
        U_n, so nn.GRU cannot hold such weights. They are kept as they are, with
        `reset_after=False` on the parameters: every function here then computes
            n_t = tanh(W_n x_t + b_in + U_n (r_t ⊙ h_{t-1}) + b_hn)
        (b_hn simply adds to b_in), and to_torch refuses with a message.

x is (D,) or a batch (B, D); h is (H,) or (B, H). Sequences xs are (T, D) or (T, B, D) and give
traces (T, H) or (T, B, H).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple, Self

import numpy as np

from lstm_core.activations import sigmoid
from lstm_core.cells import input_projection
from lstm_core.params import (
    SCHEMES,
    TORCH_KEYS,
    Weights,
    glorot_uniform,
    hidden_from_columns,
    hidden_from_rows,
    init_arguments,
    orthogonal,
    torch_arrays,
    with_spectral_radius,
)
from lstm_core.validation import (
    as_float_array,
    check_finite,
    check_no_overflow,
    check_shape,
    checked_array,
    initial_state,
    injected_gradient,
    sequence_input,
    state_spec,
    step_input,
    trace_sizes,
)

GRU_GATES: tuple[str, ...] = ("r", "z", "n")
GRU_SCHEMES: tuple[str, ...] = SCHEMES  # torch, keras, gaussian: the LSTM's three


# --- parameters ---------------------------------------------------------------------------------


class GRUGateBlock(NamedTuple):
    """One gate's weights as views into the stacked arrays: W (H, D), U (H, H), b_ih (H,),
    b_hh (H,). Writing into them (`g.block("z").b_ih[:] = 3.0`) changes the parameters."""

    W: np.ndarray
    U: np.ndarray
    b_ih: np.ndarray
    b_hh: np.ndarray


@dataclass(frozen=True, eq=False, repr=False)
class GRUParams(Weights):
    """GRU weights W (3H, D), U (3H, H), b_ih (3H,), b_hh (3H,), gate blocks in the order r, z, n
    (nn.GRU's layout). reset_after: True for nn.GRU's cell (r ⊙ (U_n h + b_hn)); False for Keras'
    reset_after=False cell (U_n (r ⊙ h) + b_hn), see the module docstring.

    Construction converts to float64 and checks the shapes; `validate()` also rejects NaN/inf
    (run_gru and gru_step call it). The fields cannot be reassigned; the arrays can be edited in
    place.
    """

    W: np.ndarray
    U: np.ndarray
    b_ih: np.ndarray
    b_hh: np.ndarray
    reset_after: bool = True

    _ARRAYS: ClassVar[tuple[str, ...]] = ("W", "U", "b_ih", "b_hh")

    def __post_init__(self) -> None:
        W = as_float_array(self.W, "W")
        H = hidden_from_rows(W, "W", 3, "(3H, D)")
        U = as_float_array(self.U, "U")
        check_shape(U, (3 * H, H), "U", f"(3H, H) for H={H}")
        b_ih = as_float_array(self.b_ih, "b_ih")
        check_shape(b_ih, (3 * H,), "b_ih", f"(3H,) for H={H}")
        b_hh = as_float_array(self.b_hh, "b_hh")
        check_shape(b_hh, (3 * H,), "b_hh", f"(3H,) for H={H}")
        if not isinstance(self.reset_after, bool | np.bool_):
            raise ValueError(f"reset_after must be True or False, got {self.reset_after!r}")
        for name, value in (("W", W), ("U", U), ("b_ih", b_ih), ("b_hh", b_hh)):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "reset_after", bool(self.reset_after))

    def copy(self) -> Self:
        """An independent copy (new arrays), with the same reset_after."""
        arrays = (getattr(self, name).copy() for name in self._ARRAYS)
        return type(self)(*arrays, reset_after=self.reset_after)

    def __repr__(self) -> str:
        D, H = self.input_size, self.hidden_size
        extra = "" if self.reset_after else ", reset_after=False"
        return f"GRUParams(input_size={D}, hidden_size={H}{extra})"

    @classmethod
    def init(
        cls,
        input_size: int,
        hidden_size: int,
        seed: int | None = 0,
        scheme: str = "torch",
        recurrent_scale: float = 1.0,
        reset_after: bool = True,
    ) -> GRUParams:
        """Random parameters, the same for the same seed (np.random.default_rng(seed)).

        scheme:
          "torch"     nn.GRU's default: W, U, b_ih and b_hh each uniform in ±1/√H.
          "keras"     Keras' GRU default: kernel Wᵀ (D, 3H) Glorot-uniform, recurrent kernel
                      Uᵀ (H, 3H) orthogonal as one matrix (its rows are orthonormal), biases 0
                      (Keras has no unit_forget_bias for the GRU).
          "gaussian"  W ~ N(0, 1/D); each gate's U block a Gaussian matrix scaled to spectral
                      radius `recurrent_scale`; biases 0.
        recurrent_scale: for "gaussian" the spectral radius of every U block; for "torch" and
          "keras" a gain multiplying U (1.0 leaves the scheme as its library has it).
        reset_after: which cell the weights are for (see the module docstring).
        """
        D, H, rng, scale = init_arguments(input_size, hidden_size, seed, scheme, recurrent_scale)
        if scheme == "torch":
            k = 1.0 / np.sqrt(H)
            W = rng.uniform(-k, k, (3 * H, D))
            U = scale * rng.uniform(-k, k, (3 * H, H))
            b_ih, b_hh = rng.uniform(-k, k, 3 * H), rng.uniform(-k, k, 3 * H)
        elif scheme == "keras":
            W = glorot_uniform(rng, (D, 3 * H)).T.copy()
            U = scale * orthogonal(rng, (H, 3 * H)).T.copy()
            b_ih, b_hh = np.zeros(3 * H), np.zeros(3 * H)
        else:  # gaussian
            W = rng.normal(0.0, 1.0 / np.sqrt(D), (3 * H, D))
            U = np.vstack([with_spectral_radius(rng, H, scale) for _ in GRU_GATES])
            b_ih, b_hh = np.zeros(3 * H), np.zeros(3 * H)
        return cls(W, U, b_ih, b_hh, reset_after=reset_after)

    # --- gate blocks -------------------------------------------------------------------------

    def gate_slice(self, gate: str) -> slice:
        """Rows of W, U, b_ih, b_hh that belong to `gate` ("r", "z" or "n")."""
        if gate not in GRU_GATES:
            raise ValueError(f"unknown gate {gate!r}; expected one of {', '.join(GRU_GATES)}")
        H, k = self.hidden_size, GRU_GATES.index(gate)
        return slice(k * H, (k + 1) * H)

    def block(self, gate: str) -> GRUGateBlock:
        """Views (W_k (H, D), U_k (H, H), b_ik (H,), b_hk (H,)) of one gate; writing into them
        edits self."""
        s = self.gate_slice(gate)
        return GRUGateBlock(self.W[s], self.U[s], self.b_ih[s], self.b_hh[s])

    # --- PyTorch and Keras layouts ----------------------------------------------------------

    @classmethod
    def from_torch(cls, sd: Mapping[str, Any]) -> GRUParams:
        """From an nn.GRU state dict (one layer): weight_ih_l0 (3H, D), weight_hh_l0 (3H, H),
        bias_ih_l0 (3H,), bias_hh_l0 (3H,), blocks r, z, n. Other keys are ignored. Tensors,
        numpy arrays and nested lists all work."""
        arrays = torch_arrays(sd, 3, "3H", needs="a one-layer nn.GRU state dict")
        return cls(*(arrays[key].copy() for key in TORCH_KEYS))

    def to_torch(self) -> dict[str, np.ndarray]:
        """nn.GRU state-dict layout as numpy arrays (copies). Load with
        {k: torch.from_numpy(v) for k, v in ...}. ValueError for reset_after=False weights,
        which nn.GRU cannot represent."""
        if not self.reset_after:
            raise ValueError(
                "these GRU weights are for the reset_after=False cell, n = tanh(W_n x + "
                "U_n (r ⊙ h) + b_n); nn.GRU computes r ⊙ (U_n h + b_hn) and cannot hold them "
                "(use to_keras instead)"
            )
        arrays = (self.W, self.U, self.b_ih, self.b_hh)
        return {key: a.copy() for key, a in zip(TORCH_KEYS, arrays, strict=True)}

    @classmethod
    def from_keras(
        cls, kernel: Any, recurrent_kernel: Any, bias: Any = None, reset_after: bool | None = None
    ) -> GRUParams:
        """From a Keras GRU's weights (`layer.get_weights()`): kernel (D, 3H), recurrent_kernel
        (H, 3H) with blocks z, r, h, and bias (2, 3H) (reset_after=True) or (3H,)
        (reset_after=False). The bias's shape says which cell it is; `reset_after` may say it
        too (it must agree) and is needed only with bias None (use_bias=False; default True).
        The blocks are reordered to r, z, n. The cell computes σ for Keras'
        recurrent_activation, its default since tf.keras 2 (old Keras used hard_sigmoid)."""
        K = as_float_array(kernel, "kernel")
        H = hidden_from_columns(K, 3, "3H")
        check_finite(K, "kernel")
        R = checked_array(recurrent_kernel, "recurrent_kernel", (H, 3 * H), f"(H, 3H) for H={H}")
        if bias is None:
            after = True if reset_after is None else bool(reset_after)
            b_in = b_rec = np.zeros(3 * H)
        else:
            bias = as_float_array(bias, "bias")
            after = bias.ndim == 2 if reset_after is None else bool(reset_after)
            if after:
                wanted, meaning = (2, 3 * H), f"(2, 3H) for H={H}, reset_after=True"
            else:
                wanted, meaning = (3 * H,), f"(3H,) for H={H}, reset_after=False"
            bias = checked_array(bias, "bias", wanted, meaning)
            b_in, b_rec = (bias[0], bias[1]) if after else (bias, np.zeros(3 * H))
        order = _keras_to_ours(H)
        return cls(
            K.T[order].copy(), R.T[order].copy(), b_in[order], b_rec[order], reset_after=after
        )

    def to_keras(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(kernel (D, 3H), recurrent_kernel (H, 3H), bias), blocks z, r, h, ready for a Keras
        GRU's set_weights: bias (2, 3H) for reset_after=True, (3H,) = b_ih + b_hh for False."""
        order = _keras_to_ours(self.hidden_size)  # swapping r and z is its own inverse
        kernel = np.ascontiguousarray(self.W[order].T)
        recurrent_kernel = np.ascontiguousarray(self.U[order].T)
        if self.reset_after:
            bias = np.stack([self.b_ih[order], self.b_hh[order]])
        else:
            bias = (self.b_ih + self.b_hh)[order]
        return kernel, recurrent_kernel, bias


# --- one step -------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class GRUStep:
    """One GRU step: gates r, z, candidate n and the new state h, each (H,) or (B, H).
    a: the pre-activations a_r, a_z, a_n side by side, (3H,) or (B, 3H), where
    a_n = W_n x + b_in + r ⊙ (U_n h + b_hn). hn: what the reset gate scales, U_n h + b_hn
    (reset_after=False: U_n (r ⊙ h) + b_hn), (H,) or (B, H)."""

    r: np.ndarray
    z: np.ndarray
    n: np.ndarray
    h: np.ndarray
    a: np.ndarray
    hn: np.ndarray


def gru_step(g: GRUParams, x: Any, h: Any = None) -> GRUStep:
    """One step from state h (default zeros) with input x. Returns a GRUStep whose .h is the new
    state, shaped like the given h: (H,) or (B, H)."""
    g.validate()
    x, state_shape, meaning = step_input(g, x)
    h = initial_state(h, "h", state_shape, meaning)
    r_, z_, n_ = (g.gate_slice(gate) for gate in GRU_GATES)
    ax = input_projection(x, g.W, g.b_ih)  # W x + b_i, blocks r, z, n
    with np.errstate(over="ignore", invalid="ignore"):  # see validation.check_no_overflow
        ah = h @ g.U.T + g.b_hh  # U h + b_h, blocks r, z, n
        a_r, a_z = ax[..., r_] + ah[..., r_], ax[..., z_] + ah[..., z_]
        r = sigmoid(a_r)  # r = σ(W_r x + b_ir + U_r h + b_hr)
        z = sigmoid(a_z)  # z = σ(W_z x + b_iz + U_z h + b_hz)
        if g.reset_after:
            hn = ah[..., n_]  # U_n h + b_hn
            a_n = ax[..., n_] + r * hn  # a_n = W_n x + b_in + r ⊙ (U_n h + b_hn)
        else:
            hn = (r * h) @ g.U[n_].T + g.b_hh[n_]  # U_n (r ⊙ h) + b_hn
            a_n = ax[..., n_] + hn  # a_n = W_n x + b_in + U_n (r ⊙ h) + b_hn
        n = np.tanh(a_n)  # n = tanh(a_n)
        h_new = (1.0 - z) * n + z * h  # h' = (1 − z) ⊙ n + z ⊙ h
    check_no_overflow(h_new)
    a = np.concatenate([a_r, a_z, a_n], axis=-1)
    return GRUStep(r=r, z=z, n=n, h=h_new, a=a, hn=hn)


# --- a whole sequence -----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class GRUTrace:
    """Every step of a GRU run. r, z, n, h: (T, H) or (T, B, H), row t is step t (the first input
    is t = 0). hn: what the reset gate scaled at each step (see GRUStep), same shape. h0: the
    initial state, (H,) or (B, H). xs: the inputs, (T, D) or (T, B, D). reset_after: which cell
    ran (copied from the parameters)."""

    r: np.ndarray
    z: np.ndarray
    n: np.ndarray
    h: np.ndarray
    hn: np.ndarray
    h0: np.ndarray
    xs: np.ndarray
    reset_after: bool = True

    @property
    def batched(self) -> bool:
        """True if the run had a batch axis: arrays (T, B, H)."""
        return self.h.ndim == 3


def run_gru(g: GRUParams, xs: Any, h0: Any = None) -> GRUTrace:
    """Run the GRU over xs (T, D) or (T, B, D) from h0 (default zeros; (H,) or (B, H)).
    Returns a GRUTrace with r, z, n, h of shape (T, H) or (T, B, H).

    The loop computes gru_step's equations arranged for speed: the input projections of all
    steps come from one matmul before the loop, each step does one matmul U h_{t-1} for all
    three blocks (two with reset_after=False, where r must be known before U_n is applied) and
    one tanh for r and z together, writing in place into preallocated arrays."""
    g.validate()
    xs, batched = sequence_input(xs, g.input_size)
    T, B, _ = xs.shape  # internally always (T, B, ·); B = 1 when not batched
    H = g.hidden_size
    h0 = initial_state(h0, "h0", *state_spec(B, H, batched))

    # σ(a) = ½(1 + tanh(a/2)): halving the r and z rows of W, U and their biases once (exact in
    # floating point) lets one tanh serve both gates, then ×½ +½.
    pre = np.repeat([0.5, 0.5, 1.0], H)  # (3H,)
    b_x = g.b_ih.copy()
    b_x[: 2 * H] += g.b_hh[: 2 * H]  # for r and z both biases sit outside the reset product
    # (T, B, 3H): the input parts of ½a_r and ½a_z, and W_n x_t + b_in, for all steps at once
    gates = input_projection(xs, g.W * pre[:, None], b_x * pre)
    h, hn = np.empty((T, B, H)), np.empty((T, B, H))
    ah = np.empty((B, 3 * H if g.reset_after else 2 * H))  # pre ⊙ U h_{t-1}
    rh = np.empty((B, H))  # r ⊙ (U_n h + b_hn), or r ⊙ h for reset_after=False
    zh = np.empty((B, H))  # z ⊙ h_{t-1}
    b_hn = g.b_hh[2 * H :]
    U = g.U * pre[:, None]
    UT = np.ascontiguousarray(U.T if g.reset_after else U[: 2 * H].T)  # (H, 3H) or (H, 2H)
    UnT = np.ascontiguousarray(U[2 * H :].T)  # (H, H), for reset_after=False
    rz, r, z, n = gates[..., : 2 * H], gates[..., :H], gates[..., H : 2 * H], gates[..., 2 * H :]
    h_prev = h0.reshape(B, H)
    with np.errstate(over="ignore", invalid="ignore"):  # see validation.check_no_overflow
        for t in range(T):
            rz_t, r_t, z_t, n_t, hn_t, h_t = rz[t], r[t], z[t], n[t], hn[t], h[t]
            np.dot(h_prev, UT, out=ah)
            rz_t += ah[:, : 2 * H]  # ½a_r, ½a_z, with a = W x + b_i + U h_{t-1} + b_h
            np.tanh(rz_t, out=rz_t)
            rz_t *= 0.5
            rz_t += 0.5  # r_t = σ(a_r), z_t = σ(a_z)
            if g.reset_after:
                np.add(ah[:, 2 * H :], b_hn, out=hn_t)  # U_n h_{t-1} + b_hn
                np.multiply(r_t, hn_t, out=rh)
                n_t += rh  # a_n = W_n x_t + b_in + r_t ⊙ (U_n h_{t-1} + b_hn)
            else:
                np.multiply(r_t, h_prev, out=rh)  # r_t ⊙ h_{t-1}
                np.dot(rh, UnT, out=hn_t)
                hn_t += b_hn
                n_t += hn_t  # a_n = W_n x_t + b_in + U_n (r_t ⊙ h_{t-1}) + b_hn
            np.tanh(n_t, out=n_t)  # n_t = tanh(a_n)
            np.subtract(1.0, z_t, out=h_t)
            h_t *= n_t  # (1 − z_t) ⊙ n_t
            np.multiply(z_t, h_prev, out=zh)
            h_t += zh  # h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}
            h_prev = h_t
    check_no_overflow(h)

    shape = (T, B, H) if batched else (T, H)
    r, z, n, h, hn = (v.reshape(shape) for v in (r, z, n, h, hn))
    xs = xs if batched else xs[:, 0, :]
    return GRUTrace(r, z, n, h, hn, h0, xs, reset_after=g.reset_after)


# --- backprop through time ------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class GRUGrads:
    """Gradients of the loss. params: dL/dW (3H, D), dL/dU (3H, H), dL/db_ih, dL/db_hh (3H,) as a
    GRUParams (.to_torch() gives them in nn.GRU's layout). dh: total dL/dh_t, (T, H) or (T, B, H)
    (the injected gradient plus all that arrives from later steps). da: dL/da_t for the
    pre-activations a_r, a_z, a_n (as in GRUStep.a), (T, 3H) or (T, B, 3H). dx: dL/dx_t, shaped
    like xs. dh0: dL/dh_0, shaped like h0."""

    params: GRUParams
    dh: np.ndarray
    da: np.ndarray
    dx: np.ndarray
    dh0: np.ndarray


def gru_backward(g: GRUParams, tr: GRUTrace, dh: Any) -> GRUGrads:
    """Backprop through the run `tr` of g. dh: dL/dh_t injected at every step (shape of tr.h).
    Returns GRUGrads (see there for the shapes).

        forward                                       backward (dh: total dL/dh_t)
        h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}               dn = dh ⊙ (1 − z), dz = dh ⊙ (h_{t-1} − n),
                                                      dL/dh_{t-1} gets dh ⊙ z     (the z path)
        n = tanh(a_n)                                 da_n = dn ⊙ (1 − n²)
        a_n = W_n x + b_in + r ⊙ hn,                  dr = da_n ⊙ hn, dhn = da_n ⊙ r,
            hn = U_n h_{t-1} + b_hn                   dL/dh_{t-1} gets U_nᵀ dhn
        r, z = σ(a_r), σ(a_z)                         da_r = dr ⊙ r(1 − r), da_z = dz ⊙ z(1 − z),
                                                      dL/dh_{t-1} gets U_rᵀ da_r + U_zᵀ da_z

    The z path multiplies the gradient by z_t at every step, as the LSTM's cell path does by f_t.
    With reset_after=False, hn = U_n (r ⊙ h_{t-1}) + b_hn: then dr = (U_nᵀ da_n) ⊙ h_{t-1} and
    h_{t-1} gets (U_nᵀ da_n) ⊙ r. Overflow is not an error here (exploding gradients are shown).
    """
    g.validate()
    T, B, H, D = trace_sizes(g, tr.h, tr.xs)
    if tr.reset_after != g.reset_after:
        raise ValueError(
            f"the trace ran with reset_after={tr.reset_after} but the parameters have "
            f"reset_after={g.reset_after}; backprop needs the parameters that produced the trace"
        )
    dh_all = injected_gradient(dh, "dh", tr.h.shape, B, H).copy()  # becomes the total dL/dh_t
    r, z, n, h, hn, xs = (
        v if tr.batched else v[:, None, :] for v in (tr.r, tr.z, tr.n, tr.h, tr.hn, tr.xs)
    )
    h0 = tr.h0.reshape(B, H)
    reset_after = g.reset_after

    # What does not depend on the incoming gradient, for all steps at once:
    h_prev = np.concatenate([h0[None], h[:-1]])  # h_{t-1}, (T, B, H)
    dh_dan = (1.0 - z) * (1.0 - n**2)  # ∂h_t/∂a_n = (1 − z_t) ⊙ tanh'(a_n)
    dh_daz = (h_prev - n) * (z * (1.0 - z))  # ∂h_t/∂a_z = (h_{t-1} − n_t) ⊙ σ'(a_z)
    dr_dar = r * (1.0 - r)  # σ'(a_r)
    if reset_after:
        dan_dar = hn * dr_dar  # ∂a_n/∂a_r = hn_t ⊙ σ'(a_r)

    dah = np.empty((T, B, 3 * H))  # what U and b_h see: da_r, da_z, dL/dhn
    da_n = np.empty((T, B, H))  # dL/da_n
    dh_next = np.zeros((B, H))  # dL/dh_t arriving from step t+1
    dq = np.empty((B, H))  # reset_after=False: dL/dq = U_nᵀ da_n for q = r_t ⊙ h_{t-1}
    tmp = np.empty((B, H))
    U, U_rz, U_n = g.U, g.U[: 2 * H], g.U[2 * H :]
    with np.errstate(over="ignore", invalid="ignore"):
        for t in reversed(range(T)):
            dh, dah_t, da_n_t = dh_all[t], dah[t], da_n[t]
            da_r, da_z, dhn = dah_t[:, :H], dah_t[:, H : 2 * H], dah_t[:, 2 * H :]
            dh += dh_next  # dh = ∂L/∂h_t + what arrives from the future
            np.multiply(dh, dh_dan[t], out=da_n_t)  # da_n = dh ⊙ (1 − z_t) ⊙ (1 − n_t²)
            np.multiply(dh, dh_daz[t], out=da_z)  # da_z = dh ⊙ (h_{t-1} − n_t) ⊙ z_t(1 − z_t)
            if reset_after:
                np.multiply(da_n_t, dan_dar[t], out=da_r)  # da_r = da_n ⊙ hn_t ⊙ r_t(1 − r_t)
                np.multiply(da_n_t, r[t], out=dhn)  # dhn = da_n ⊙ r_t
                np.dot(dah_t, U, out=dh_next)  # U_rᵀ da_r + U_zᵀ da_z + U_nᵀ dhn
            else:
                np.dot(da_n_t, U_n, out=dq)  # dq = U_nᵀ da_n
                np.multiply(dq, h_prev[t], out=da_r)
                da_r *= dr_dar[t]  # da_r = dq ⊙ h_{t-1} ⊙ r_t(1 − r_t)
                np.dot(dah_t[:, : 2 * H], U_rz, out=dh_next)  # U_rᵀ da_r + U_zᵀ da_z
                np.multiply(dq, r[t], out=tmp)
                dh_next += tmp  #       + dq ⊙ r_t
            np.multiply(dh, z[t], out=tmp)
            dh_next += tmp  # the z path: dh ⊙ z_t

        da = dah.copy()  # the input side W x + b_i sees da_r, da_z and da_n
        da[..., 2 * H :] = da_n
        if not reset_after:
            dah = da  # hn = U_n q + b_hn: U and b_h see da_n as well

        # The weights are shared by all steps: sum their per-step gradients in single matmuls.
        da_flat, dah_flat = da.reshape(T * B, 3 * H), dah.reshape(T * B, 3 * H)
        h_prev_flat = h_prev.reshape(T * B, H)
        dW = da_flat.T @ xs.reshape(T * B, D)  # Σ_t da_tᵀ x_t
        db_ih = da_flat.sum(axis=0)  # Σ_t da_t
        db_hh = dah_flat.sum(axis=0)  # Σ_t [da_r, da_z, dhn]
        if reset_after:
            dU = dah_flat.T @ h_prev_flat  # Σ_t [da_r, da_z, dhn]ᵀ h_{t-1}
        else:
            q = (r * h_prev).reshape(T * B, H)  # r_t ⊙ h_{t-1}
            dU = np.vstack([dah_flat[:, : 2 * H].T @ h_prev_flat, dah_flat[:, 2 * H :].T @ q])
        dx = da @ g.W  # dL/dx_t = Wᵀ da_t, (T, B, D)

    unbatch = (lambda a: a) if tr.batched else (lambda a: a[:, 0, :])
    return GRUGrads(
        params=GRUParams(dW, dU, db_ih, db_hh, reset_after=reset_after),
        dh=unbatch(dh_all),
        da=unbatch(da),
        dx=unbatch(dx),
        dh0=dh_next.reshape(tr.h0.shape),
    )


# --- helpers --------------------------------------------------------------------------------------


def _keras_to_ours(H: int) -> np.ndarray:
    """Row indices that take Keras' blocks z, r, h to ours r, z, n (and back: a swap)."""
    return np.r_[H : 2 * H, 0:H, 2 * H : 3 * H]
