"""The trainer's recurrent layers: forward run and backprop through time of a plain RNN, an LSTM
(every variant of cells.VARIANTS) and a GRU over a whole mini-batch, arranged for speed. The
training lab runs thousands of these per press of Train; the pages that show single steps use
lstm_core (cells, sequence, backward, gru).

The maths is lstm_core's, and tests check these layers against run_lstm / lstm_backward,
run_rnn / rnn_backward and run_gru / gru_backward to 1e-10 at float64. What differs is the
arrangement:

- Column vectors, as the equations are written: a state is (H, B), one column per example, so
  every gate's block of rows is one contiguous array (slicing columns would give strided views,
  on which numpy is several times slower).
- The weights sit side by side in one matrix Θ = [W U b], (kH, D + H + 1) (k = 1 RNN, 4 LSTM),
  and step t's input is the column stack z_t = [x_t; h_{t-1}; 1], (D + H + 1, B). Then

      a_t = W x_t + U h_{t-1} + b = Θ z_t                 one matmul per step
      dΘ = Σ_t da_t z_tᵀ = [dW dU db]                     one contraction after the loop

  and the step writes h_t straight into z_{t+1}. (The GRU keeps Θ_x = [W b_ih] and
  Θ_h = [U b_hh] apart: b_hn sits inside its reset product.)
- σ(a) = ½ + ½ tanh(a/2): the sigmoid gates' rows of Θ are halved once per update (Θ_s), so one
  tanh covers all the gates of a step, and two operations per sigmoid block finish the job.
- Every array is allocated once per batch shape and reused by every update; the per-step views
  are made once too. No checks per call: the trainer checks its data once per run. dL/dx and
  dL/dh_0 are not computed (nothing trains the inputs or the initial state).
- float32 or float64 (the dtype of the network).

Shapes here: xs (T, D, B), hidden states (T, H, B), gradients dh (T, H, B) (a target at every
step) or (H, B) (a target at the last step only).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from lstm_core.cells import VARIANTS as LSTM_VARIANTS

KINDS: tuple[str, ...] = ("rnn", "irnn", "lstm", "gru")


class _Layer:
    """What the layers share: their parameter blocks (views into the network's flat vector, see
    Network), the gradients beside them, and one workspace per batch shape."""

    def __init__(
        self, D: int, H: int, params: dict, grads: dict, variant: str = "standard"
    ) -> None:
        self.D, self.H = D, H
        self.params, self.grads = params, grads
        self.dtype = next(iter(params.values())).dtype
        self._spaces: dict[tuple[int, int, bool], object] = {}

    @staticmethod
    def blocks(D: int, H: int, variant: str) -> list[tuple[str, tuple[int, ...]]]:
        """The parameter blocks (name, shape) of a layer, in the flat vector's order."""
        raise NotImplementedError

    def set_arrays(self, arrays: tuple[np.ndarray, ...]) -> None:
        """Set the parameters from lstm_core's arrays (the cell's, in its order)."""
        raise NotImplementedError

    def arrays(self, grads: bool = False) -> tuple[np.ndarray, ...]:
        """The parameters (or their gradients) as lstm_core's arrays, float64 copies."""
        raise NotImplementedError

    def _space(self, T: int, B: int, keep: bool):
        key = (T, B, keep)
        space = self._spaces.get(key)
        if space is None:
            space = self._spaces[key] = self._new_space(T, B, keep)
        return space

    def _new_space(self, T: int, B: int, keep: bool):
        raise NotImplementedError

    def _stack(self, T: int, rows: int, B: int) -> np.ndarray:
        """(T + 1, rows + 1, B) zeros with the last row ones: the column stacks [… ; 1]."""
        z = np.zeros((T + 1, rows + 1, B), self.dtype)
        z[:, rows] = 1.0
        return z


def _contract(da: np.ndarray, z: np.ndarray, out: np.ndarray) -> None:
    """out = Σ_t da_t z_tᵀ for da (T, m, B) and z (≥T, n, B): the weights' gradient summed over
    the steps and the examples, as one matmul (m, T·B) @ (T·B, n)."""
    T = da.shape[0]
    np.dot(
        da.transpose(1, 0, 2).reshape(da.shape[1], -1),
        z[:T].transpose(0, 2, 1).reshape(-1, z.shape[1]),
        out=out,
    )


def _sigmoid_from_tanh(t: np.ndarray) -> None:
    """t = tanh(a/2) becomes σ(a) = ½ + ½ tanh(a/2), in place."""
    np.multiply(t, 0.5, out=t)
    np.add(t, 0.5, out=t)


# --- the plain RNN ------------------------------------------------------------------------------


@dataclass(eq=False)
class _RNNSpace:
    z: np.ndarray  # (T + 1, D + H + 1, B): [x_t; h_{t-1}; 1]
    a: np.ndarray  # (T, H, B) pre-activations (keep) or (1, H, B)
    h: np.ndarray  # (T, H, B) view of z[1:, D:D+H]
    da: np.ndarray | None  # (T, H, B)
    dh_da: np.ndarray | None  # (T, H, B)
    dh: np.ndarray  # (H, B) dL/dh_t


class RNNLayer(_Layer):
    """h_t = tanh(W x_t + U h_{t-1} + b) = tanh(Θ z_t), from h_0 = 0 (as run_rnn); IRNNLayer
    has h_t = relu(Θ z_t) (as lstm_core.lab.irnn.run_irnn)."""

    relu = False

    @staticmethod
    def blocks(D: int, H: int, variant: str = "standard") -> list[tuple[str, tuple[int, ...]]]:
        return [("Theta", (H, D + H + 1))]

    def set_arrays(self, arrays: tuple[np.ndarray, ...]) -> None:
        W, U, b = arrays
        _set_stacked(self.params["Theta"], W, U, b)

    def arrays(self, grads: bool = False) -> tuple[np.ndarray, ...]:
        return _split_stacked((self.grads if grads else self.params)["Theta"], self.D, self.H)

    def _new_space(self, T: int, B: int, keep: bool) -> _RNNSpace:
        D, H, dt = self.D, self.H, self.dtype
        z = self._stack(T, D + H, B)
        a = np.empty((T if keep else 1, H, B), dt)
        grads = (np.empty((T, H, B), dt), np.empty((T, H, B), dt)) if keep else (None, None)
        return _RNNSpace(z, a, z[1:, D : D + H], *grads, np.empty((H, B), dt))

    def forward(self, xs: np.ndarray, keep: bool = True) -> np.ndarray:
        """h_t for every step, (T, H, B), from xs (T, D, B). keep=False keeps only what the
        outputs need (no backward pass can follow)."""
        T, _, B = xs.shape
        s = self._space(T, B, keep)
        s.z[:T, : self.D] = xs
        theta, z, h = self.params["Theta"], s.z, s.h
        for t in range(T):
            a_t = s.a[t if keep else 0]
            np.dot(theta, z[t], out=a_t)  # a_t = W x_t + U h_{t-1} + b
            if self.relu:
                np.maximum(a_t, 0.0, out=h[t])  # h_t = relu(a_t)
            else:
                np.tanh(a_t, out=h[t])  # h_t = tanh(a_t), written into z_{t+1}
        self._last = s
        return h

    def backward(self, dh: np.ndarray, every_step: bool) -> None:
        """dΘ into the gradients, from dL/dh_t injected at every step (T, H, B) or at the last
        (H, B), after forward(keep=True) on the same batch."""
        s = self._last
        T = s.h.shape[0]
        if self.relu:
            np.greater(s.h, 0.0, out=s.dh_da)  # ∂h_t/∂a_t = [h_t > 0]
        else:
            np.multiply(s.h, s.h, out=s.dh_da)
            np.subtract(1.0, s.dh_da, out=s.dh_da)  # ∂h_t/∂a_t = 1 − h_t², all steps at once
        UT = np.ascontiguousarray(self.params["Theta"][:, self.D : self.D + self.H].T)  # Uᵀ
        dh_t = s.dh
        dh_t[...] = dh[T - 1] if every_step else dh
        for t in reversed(range(T)):
            np.multiply(dh_t, s.dh_da[t], out=s.da[t])  # da_t = dh_t ⊙ (1 − h_t²)
            if t == 0:
                break
            np.dot(UT, s.da[t], out=dh_t)  # dL/dh_{t-1} = Uᵀ da_t ...
            if every_step:
                dh_t += dh[t - 1]  # ... + what the loss injects at t-1
        _contract(s.da, s.z, self.grads["Theta"])


class IRNNLayer(RNNLayer):
    """The IRNN (Le et al. 2015): h_t = relu(W x_t + U h_{t-1} + b)."""

    relu = True


# --- the LSTM -----------------------------------------------------------------------------------


@dataclass(eq=False)
class _LSTMSpace:
    z: np.ndarray  # (T + 1, D + H + 1, B): [x_t; h_{t-1}; 1]
    act: np.ndarray  # (T, 4H, B) i, f, g, o (keep) or (1, 4H, B)
    c: np.ndarray  # (T + 1, H, B): c_t in row t+1, c_0 = 0 (keep) or (2, H, B), alternating
    tanh_c: np.ndarray  # (T, H, B) what o multiplies: tanh(c_t) (or c_t) (keep) or (1, H, B)
    h: np.ndarray  # (T, H, B) view of z[1:, D:D+H]
    steps: list[tuple[np.ndarray, ...]]  # per step: the views the forward loop uses
    ig: np.ndarray  # (H, B) scratch
    pc: np.ndarray  # (2, H, B) scratch for the peepholes
    # for the backward pass (keep only)
    da: np.ndarray | None = None  # (T, 4H, B) dL/da_t
    local: np.ndarray | None = None  # (T, 4H, B) ∂c_t/∂a_i, ∂c_t/∂a_f, ∂c_t/∂a_g, ∂h_t/∂a_o
    dh_dc: np.ndarray | None = None  # (T, H, B) ∂h_t/∂c_t
    state: list[np.ndarray] = field(default_factory=list)  # dh, dc, dc_next, scratch (H, B)


class LSTMLayer(_Layer):
    """The LSTM of cells.py from h_0 = c_0 = 0 (as run_lstm), gate blocks i, f, g, o:

        [i; f; g; o] = [σ; σ; tanh; σ](Θ z_t),  c_t = f ⊙ c_{t-1} + i ⊙ g,  h_t = o ⊙ tanh(c_t)

    with any variant of cells.VARIANTS (a removed gate is the constant 1, its rows get zero
    gradient; "peephole" adds p_i ⊙ c_{t-1}, p_f ⊙ c_{t-1} and p_o ⊙ c_t to a_i, a_f, a_o).
    """

    def __init__(self, D: int, H: int, params: dict, grads: dict, variant: str) -> None:
        if variant not in LSTM_VARIANTS:
            raise ValueError(f"unknown variant {variant!r}; expected one of {LSTM_VARIANTS}")
        super().__init__(D, H, params, grads)
        self.variant = variant
        # σ(a) = ½ + ½ tanh(a/2): halve the rows of the sigmoid gates i, f, o
        self._row_scale = np.ones((4 * H, 1), self.dtype)
        self._row_scale[: 2 * H] = self._row_scale[3 * H :] = 0.5
        self._theta_s = np.empty_like(params["Theta"])

    @staticmethod
    def blocks(D: int, H: int, variant: str = "standard") -> list[tuple[str, tuple[int, ...]]]:
        blocks = [("Theta", (4 * H, D + H + 1))]
        return [*blocks, ("P", (3, H))] if variant == "peephole" else blocks

    def set_arrays(self, arrays: tuple[np.ndarray, ...]) -> None:
        _set_stacked(self.params["Theta"], *arrays[:3])
        if self.variant == "peephole":
            self.params["P"][...] = arrays[3]

    def arrays(self, grads: bool = False) -> tuple[np.ndarray, ...]:
        source = self.grads if grads else self.params
        stacked = _split_stacked(source["Theta"], self.D, self.H)
        if self.variant == "peephole":
            return (*stacked, source["P"].astype(np.float64))
        return stacked

    def _new_space(self, T: int, B: int, keep: bool) -> _LSTMSpace:
        D, H, dt = self.D, self.H, self.dtype
        z = self._stack(T, D + H, B)
        act = np.empty((T if keep else 1, 4 * H, B), dt)
        c = np.zeros((T + 1 if keep else 2, H, B), dt)
        tanh_c = np.empty((T if keep else 1, H, B), dt)
        h = z[1:, D : D + H]
        steps = []
        for t in range(T):
            a = act[t if keep else 0]
            c_prev, c_t = (c[t], c[t + 1]) if keep else (c[t % 2], c[(t + 1) % 2])
            # z_t, a_t, i, f, g, o, (i, f) as one block, (i, f) as (2, H, B), c_{t-1}, c_t,
            # tanh(c_t), h_t
            steps.append(
                (z[t], a, a[:H], a[H : 2 * H], a[2 * H : 3 * H], a[3 * H :], a[: 2 * H],
                 a[: 2 * H].reshape(2, H, B), c_prev, c_t, tanh_c[t if keep else 0], h[t])
            )  # fmt: skip
        space = _LSTMSpace(
            z, act, c, tanh_c, h, steps, np.empty((H, B), dt), np.empty((2, H, B), dt)
        )
        if keep:
            space.da = np.empty((T, 4 * H, B), dt)
            space.local = np.empty((T, 4 * H, B), dt)
            space.dh_dc = np.empty((T, H, B), dt)
            space.state = [np.empty((H, B), dt) for _ in range(4)]
        return space

    def forward(self, xs: np.ndarray, keep: bool = True) -> np.ndarray:
        """h_t for every step, (T, H, B), from xs (T, D, B). keep=False keeps only what the
        outputs need (no backward pass can follow)."""
        if self.variant == "standard":
            return self._forward_standard(xs, keep)
        return self._forward_variant(xs, keep)

    def _begin(self, xs: np.ndarray, keep: bool) -> tuple[_LSTMSpace, np.ndarray]:
        T, _, B = xs.shape
        s = self._space(T, B, keep)
        s.z[:T, : self.D] = xs
        s.c[0].fill(0.0)  # c_0 = 0 (without keep, c[0] is reused by later steps)
        self._last = s
        return s, np.multiply(self.params["Theta"], self._row_scale, out=self._theta_s)

    def _forward_standard(self, xs: np.ndarray, keep: bool) -> np.ndarray:
        s, theta_s = self._begin(xs, keep)
        ig = s.ig
        for z_t, a, i, f, g, o, a_if, _, c_prev, c_t, tc, h_t in s.steps:
            np.dot(theta_s, z_t, out=a)  # Θ_s z_t: a_t with the σ gates' rows halved
            np.tanh(a, out=a)  # g_t = tanh(a_g); tanh(a/2) for i, f, o
            _sigmoid_from_tanh(a_if)  # i_t = σ(a_i), f_t = σ(a_f)
            _sigmoid_from_tanh(o)  # o_t = σ(a_o)
            np.multiply(f, c_prev, out=c_t)
            np.multiply(i, g, out=ig)
            np.add(c_t, ig, out=c_t)  # c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
            np.tanh(c_t, out=tc)
            np.multiply(o, tc, out=h_t)  # h_t = o_t ⊙ tanh(c_t), written into z_{t+1}
        return s.h

    def _forward_variant(self, xs: np.ndarray, keep: bool) -> np.ndarray:
        """The same step with one part changed (cells.py's variants); kept apart from the
        standard loop so that one reads as the equations."""
        s, theta_s = self._begin(xs, keep)
        v, H, ig, pc = self.variant, self.H, s.ig, s.pc
        if v == "peephole":
            P_s = self.params["P"][:, :, None] * 0.5  # (3, H, 1), halved: the gates are σ
            p_if, p_o = P_s[:2], P_s[2]
        for z_t, a, i, f, g, o, a_if, a_if2, c_prev, c_t, tc, h_t in s.steps:
            np.dot(theta_s, z_t, out=a)
            if v == "peephole":
                np.multiply(p_if, c_prev, out=pc)
                np.add(a_if2, pc, out=a_if2)  # a_i, a_f += p_i ⊙ c_{t-1}, p_f ⊙ c_{t-1}
                np.tanh(a[: 3 * H], out=a[: 3 * H])  # o waits for c_t
            elif v == "no_input_activation":
                np.tanh(a_if, out=a_if)  # g_t = a_g: no tanh
                np.tanh(o, out=o)
            else:
                np.tanh(a, out=a)
            _sigmoid_from_tanh(a_if)
            if v == "no_input_gate":
                i.fill(1.0)  # i_t = 1
            elif v == "no_forget":
                f.fill(1.0)  # f_t = 1
            elif v == "coupled":
                np.subtract(1.0, i, out=f)  # f_t = 1 − i_t
            np.multiply(f, c_prev, out=c_t)
            np.multiply(i, g, out=ig)
            np.add(c_t, ig, out=c_t)  # c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
            if v == "peephole":
                np.multiply(p_o, c_t, out=ig)
                np.add(o, ig, out=o)  # a_o += p_o ⊙ c_t (the new c_t)
                np.tanh(o, out=o)
            if v == "no_output_gate":
                o.fill(1.0)  # o_t = 1
            else:
                _sigmoid_from_tanh(o)
            if v == "no_output_activation":
                tc[...] = c_t  # h_t = o_t ⊙ c_t: no tanh
            else:
                np.tanh(c_t, out=tc)
            np.multiply(o, tc, out=h_t)  # h_t = o_t ⊙ tanh(c_t), written into z_{t+1}
        return s.h

    def backward(self, dh: np.ndarray, every_step: bool) -> None:
        """dΘ (and dP) into the gradients, from dL/dh_t injected at every step (T, H, B) or at
        the last (H, B), after forward(keep=True) on the same batch. The loop is
        lstm_backward's:

            dc_t = (dL/dc_t from c_{t+1}) + dh_t ⊙ ∂h_t/∂c_t
            da_i, da_f, da_g = dc_t ⊙ ∂c_t/∂a_i, ∂c_t/∂a_f, ∂c_t/∂a_g;  da_o = dh_t ⊙ ∂h_t/∂a_o
            dL/dh_{t-1} = Uᵀ da_t (+ what is injected at t-1);  dL/dc_{t-1} = dc_t ⊙ f_t
        """
        s, H, v = self._last, self.H, self.variant
        T, _, B = s.h.shape
        self._local_derivatives(s)
        local, dh_dc, da = s.local, s.dh_dc, s.da
        f = s.act[:, H : 2 * H]
        l_o = local[:, 3 * H :]
        local3, da3 = local[:, : 3 * H].reshape(T, 3, H, B), da[:, : 3 * H].reshape(T, 3, H, B)
        UT = np.ascontiguousarray(self.params["Theta"][:, self.D : self.D + H].T)  # Uᵀ (H, 4H)
        dh_t, dc_t, dc_next, scratch = s.state
        dc_t3 = dc_t[None]  # (1, H, B): one multiply for the three blocks i, f, g
        dh_t[...] = dh[T - 1] if every_step else dh
        dc_next.fill(0.0)
        peephole = v == "peephole"
        if peephole:
            P = self.params["P"][:, :, None]  # (3, H, 1)
            p_if, p_o, pc = P[:2], P[2], s.pc
        for t in reversed(range(T)):
            np.multiply(dh_t, l_o[t], out=da[t, 3 * H :])  # da_o = dh_t ⊙ ∂h_t/∂a_o
            np.multiply(dh_t, dh_dc[t], out=dc_t)
            np.add(dc_t, dc_next, out=dc_t)  # dc_t = dc from c_{t+1} + dh_t ⊙ ∂h_t/∂c_t
            if peephole:
                np.multiply(da[t, 3 * H :], p_o, out=scratch)
                dc_t += scratch  # + through a_o ∋ p_o ⊙ c_t
            np.multiply(dc_t3, local3[t], out=da3[t])  # da_i, da_f, da_g = dc_t ⊙ ∂c_t/∂a_·
            if t == 0:
                break
            np.dot(UT, da[t], out=dh_t)  # dL/dh_{t-1}: U_iᵀda_i + U_fᵀda_f + U_gᵀda_g + U_oᵀda_o
            if every_step:
                dh_t += dh[t - 1]
            np.multiply(dc_t, f[t], out=dc_next)  # dL/dc_{t-1}: the cell path, times f_t
            if peephole:
                np.multiply(da3[t, :2], p_if, out=pc)  # through a_i, a_f ∋ p ⊙ c_{t-1}
                dc_next += pc[0]
                dc_next += pc[1]
        _contract(da, s.z, self.grads["Theta"])
        if peephole:
            c_prev, c = s.c[:-1], s.c[1:]
            dP = self.grads["P"]
            dP[0] = np.einsum("thb,thb->h", da[:, :H], c_prev)  # Σ_t da_i ⊙ c_{t-1}
            dP[1] = np.einsum("thb,thb->h", da[:, H : 2 * H], c_prev)  # Σ_t da_f ⊙ c_{t-1}
            dP[2] = np.einsum("thb,thb->h", da[:, 3 * H :], c)  # Σ_t da_o ⊙ c_t

    def _local_derivatives(self, s: _LSTMSpace) -> None:
        """∂c_t/∂a_i, ∂c_t/∂a_f, ∂c_t/∂a_g, ∂h_t/∂a_o into s.local and ∂h_t/∂c_t into s.dh_dc,
        for all steps at once (σ' = σ(1 − σ), tanh' = 1 − tanh²; a removed gate: 0)."""
        H, v, local = self.H, self.variant, s.local
        i, g, o = s.act[:, :H], s.act[:, 2 * H : 3 * H], s.act[:, 3 * H :]
        l_i, l_f, l_g, l_o = (local[:, k * H : (k + 1) * H] for k in range(4))
        c_prev, tc = s.c[:-1], s.tanh_c
        np.subtract(1.0, s.act, out=local)
        np.multiply(local, s.act, out=local)  # σ'(a) for the blocks i, f, o (g: below)
        if v == "no_input_gate":
            l_i.fill(0.0)  # i_t = 1
        elif v == "coupled":  # c_t = (1 − i_t) ⊙ c_{t-1} + i_t ⊙ g_t
            l_i *= g - c_prev  # ∂c_t/∂a_i = (g_t − c_{t-1}) ⊙ i_t(1 − i_t)
        else:
            l_i *= g  # ∂c_t/∂a_i = g_t ⊙ i_t(1 − i_t)
        if v in ("no_forget", "coupled"):
            l_f.fill(0.0)  # f_t does not depend on a_f
        else:
            l_f *= c_prev  # ∂c_t/∂a_f = c_{t-1} ⊙ f_t(1 − f_t)
        if v == "no_input_activation":
            l_g[...] = i  # ∂c_t/∂a_g = i_t, as g_t = a_g
        else:
            np.multiply(g, g, out=l_g)
            np.subtract(1.0, l_g, out=l_g)
            l_g *= i  # ∂c_t/∂a_g = i_t ⊙ (1 − g_t²)
        if v == "no_output_gate":
            l_o.fill(0.0)  # o_t = 1
        else:
            l_o *= tc  # ∂h_t/∂a_o = tanh(c_t) ⊙ o_t(1 − o_t)
        if v == "no_output_activation":
            s.dh_dc[...] = o  # ∂h_t/∂c_t = o_t, as h_t = o_t ⊙ c_t
        else:
            np.multiply(tc, tc, out=s.dh_dc)
            np.subtract(1.0, s.dh_dc, out=s.dh_dc)
            s.dh_dc *= o  # ∂h_t/∂c_t = o_t ⊙ (1 − tanh²(c_t))


# --- the GRU ------------------------------------------------------------------------------------


@dataclass(eq=False)
class _GRUSpace:
    zx: np.ndarray  # (T + 1, D + 1, B): [x_t; 1]
    zh: np.ndarray  # (T + 1, H + 1, B): [h_{t-1}; 1]
    ax: np.ndarray  # (T, 3H, B): W x_t + b_ih (σ rows halved), then r, z, n in place
    ah: np.ndarray  # (T, 3H, B) or (1, 3H, B): U h_{t-1} + b_hh (σ rows halved)
    h: np.ndarray  # (T, H, B) view of zh[1:, :H]
    steps: list[tuple[np.ndarray, ...]]
    tmp: np.ndarray  # (H, B)
    # for the backward pass (keep only)
    local: np.ndarray | None = None  # (T, 3H, B): ∂h_t/∂a_r, ∂h_t/∂a_z, ∂h_t/∂a_n
    dax: np.ndarray | None = None  # (T, 3H, B): dL/da for the input side
    dah: np.ndarray | None = None  # (T, 3H, B): dL/d(U h + b_hh)
    state: list[np.ndarray] = field(default_factory=list)


class GRULayer(_Layer):
    """The GRU of gru.py (nn.GRU's cell), from h_0 = 0, gate blocks r, z, n:

        r, z = σ(W_rz x_t + b_ih,rz + U_rz h_{t-1} + b_hh,rz)
        n = tanh(W_n x_t + b_in + r ⊙ (U_n h_{t-1} + b_hn)),   h_t = n + z ⊙ (h_{t-1} − n)

    (h_t = (1 − z) ⊙ n + z ⊙ h_{t-1} rearranged). Θ_x = [W b_ih] (3H, D + 1) acts on [x_t; 1]
    for all steps in one matmul; Θ_h = [U b_hh] (3H, H + 1) on [h_{t-1}; 1], one matmul a step.
    """

    def __init__(
        self, D: int, H: int, params: dict, grads: dict, variant: str = "standard"
    ) -> None:
        super().__init__(D, H, params, grads)
        self._row_scale = np.ones((3 * H, 1), self.dtype)
        self._row_scale[: 2 * H] = 0.5  # r and z are σ gates
        self._x_s = np.empty_like(params["Theta_x"])
        self._h_s = np.empty_like(params["Theta_h"])

    @staticmethod
    def blocks(D: int, H: int, variant: str = "standard") -> list[tuple[str, tuple[int, ...]]]:
        return [("Theta_x", (3 * H, D + 1)), ("Theta_h", (3 * H, H + 1))]

    def set_arrays(self, arrays: tuple[np.ndarray, ...]) -> None:
        W, U, b_ih, b_hh = arrays
        self.params["Theta_x"][:, :-1], self.params["Theta_x"][:, -1] = W, b_ih
        self.params["Theta_h"][:, :-1], self.params["Theta_h"][:, -1] = U, b_hh

    def arrays(self, grads: bool = False) -> tuple[np.ndarray, ...]:
        source = self.grads if grads else self.params
        X, Hh = source["Theta_x"].astype(np.float64), source["Theta_h"].astype(np.float64)
        return X[:, :-1].copy(), Hh[:, :-1].copy(), X[:, -1].copy(), Hh[:, -1].copy()

    def _new_space(self, T: int, B: int, keep: bool) -> _GRUSpace:
        D, H, dt = self.D, self.H, self.dtype
        zx, zh = self._stack(T, D, B), self._stack(T, H, B)
        ax = np.empty((T, 3 * H, B), dt)
        ah = np.empty((T if keep else 1, 3 * H, B), dt)
        h = zh[1:, :H]
        steps = []
        for t in range(T):
            x, a = ax[t], ah[t if keep else 0]
            # [h_{t-1}; 1], U h + b_hh, its r, z rows, input side r z rows, r, z, n, U_n h + b_hn,
            # h_{t-1}, h_t
            steps.append(
                (zh[t], a, a[: 2 * H], x[: 2 * H], x[:H], x[H : 2 * H], x[2 * H :], a[2 * H :],
                 zh[t, :H], h[t])
            )  # fmt: skip
        space = _GRUSpace(zx, zh, ax, ah, h, steps, np.empty((H, B), dt))
        if keep:
            space.local, space.dax, space.dah = (np.empty((T, 3 * H, B), dt) for _ in range(3))
            space.state = [np.empty((H, B), dt) for _ in range(2)]
        return space

    def forward(self, xs: np.ndarray, keep: bool = True) -> np.ndarray:
        """h_t for every step, (T, H, B), from xs (T, D, B). keep=False keeps only what the
        outputs need (no backward pass can follow)."""
        T, _, B = xs.shape
        s = self._space(T, B, keep)
        s.zx[:T, : self.D] = xs
        x_s = np.multiply(self.params["Theta_x"], self._row_scale, out=self._x_s)
        h_s = np.multiply(self.params["Theta_h"], self._row_scale, out=self._h_s)
        np.matmul(x_s, s.zx[:T], out=s.ax)  # W x_t + b_ih for all steps, (T, 3H, B)
        tmp = s.tmp
        for zh_t, ah, ah_rz, a_rz, r, z, n, hn, h_prev, h_t in s.steps:
            np.dot(h_s, zh_t, out=ah)  # U h_{t-1} + b_hh (r, z rows halved)
            np.add(a_rz, ah_rz, out=a_rz)
            np.tanh(a_rz, out=a_rz)
            _sigmoid_from_tanh(a_rz)  # r_t, z_t = σ(a_r), σ(a_z)
            np.multiply(r, hn, out=tmp)
            np.add(n, tmp, out=n)
            np.tanh(n, out=n)  # n_t = tanh(W_n x_t + b_in + r_t ⊙ (U_n h_{t-1} + b_hn))
            np.subtract(h_prev, n, out=tmp)
            np.multiply(z, tmp, out=tmp)
            np.add(n, tmp, out=h_t)  # h_t = n_t + z_t ⊙ (h_{t-1} − n_t), into [h_t; 1]
        self._last = s
        return s.h

    def backward(self, dh: np.ndarray, every_step: bool) -> None:
        """dΘ_x, dΘ_h into the gradients, from dL/dh_t injected at every step (T, H, B) or at the
        last (H, B), after forward(keep=True) on the same batch. Step t, going back:

            da_n = dh_t ⊙ (1 − z) ⊙ (1 − n²),  da_z = dh_t ⊙ (h_{t-1} − n) ⊙ z(1 − z),
            da_r = da_n ⊙ (U_n h_{t-1} + b_hn) ⊙ r(1 − r)
            d(U h + b_hh) = [da_r; da_z; da_n ⊙ r],  dL/dh_{t-1} = Uᵀ d(U h + b_hh) + dh_t ⊙ z
        """
        s, H = self._last, self.H
        T, _, B = s.h.shape
        r, z, n = s.ax[:, :H], s.ax[:, H : 2 * H], s.ax[:, 2 * H :]
        hn, h_prev = s.ah[:, 2 * H :], s.zh[:T, :H]
        l_r, l_z, l_n = s.local[:, :H], s.local[:, H : 2 * H], s.local[:, 2 * H :]
        # the local derivatives ∂h_t/∂a of every step at once
        np.multiply(n, n, out=l_n)
        np.subtract(1.0, l_n, out=l_n)
        l_n *= 1.0 - z  # ∂h_t/∂a_n = (1 − z_t) ⊙ (1 − n_t²)
        np.subtract(1.0, z, out=l_z)
        l_z *= z
        l_z *= h_prev - n  # ∂h_t/∂a_z = (h_{t-1} − n_t) ⊙ z_t(1 − z_t)
        np.subtract(1.0, r, out=l_r)
        l_r *= r
        l_r *= hn
        l_r *= l_n  # ∂h_t/∂a_r = ∂h_t/∂a_n ⊙ (U_n h_{t-1} + b_hn) ⊙ r_t(1 − r_t)
        local3, dax3 = s.local.reshape(T, 3, H, B), s.dax.reshape(T, 3, H, B)
        dah = s.dah
        UT = np.ascontiguousarray(self.params["Theta_h"][:, :H].T)  # Uᵀ (H, 3H)
        dh_t, tmp = s.state
        dh3 = dh_t[None]
        dh_t[...] = dh[T - 1] if every_step else dh
        for t in reversed(range(T)):
            np.multiply(dh3, local3[t], out=dax3[t])  # da_r, da_z, da_n = dh_t ⊙ ∂h_t/∂a
            dah[t, : 2 * H] = s.dax[t, : 2 * H]
            np.multiply(s.dax[t, 2 * H :], r[t], out=dah[t, 2 * H :])  # da_n ⊙ r_t
            if t == 0:
                break
            np.multiply(dh_t, z[t], out=tmp)  # the direct path h_{t-1} → h_t, times z_t
            np.dot(UT, dah[t], out=dh_t)
            dh_t += tmp  # dL/dh_{t-1} = Uᵀ d(U h + b_hh) + dh_t ⊙ z_t
            if every_step:
                dh_t += dh[t - 1]
        _contract(s.dax, s.zx, self.grads["Theta_x"])  # [dW db_ih] = Σ_t da_t [x_t; 1]ᵀ
        _contract(dah, s.zh, self.grads["Theta_h"])  # [dU db_hh] = Σ_t d(Uh+b)_t [h_{t-1}; 1]ᵀ


def _set_stacked(theta: np.ndarray, W: np.ndarray, U: np.ndarray, b: np.ndarray) -> None:
    D, H = W.shape[1], U.shape[1]
    theta[:, :D], theta[:, D : D + H], theta[:, D + H] = W, U, b


def _split_stacked(theta: np.ndarray, D: int, H: int) -> tuple[np.ndarray, ...]:
    """(W, U, b) of Θ = [W U b], float64 copies."""
    theta = theta.astype(np.float64)
    return theta[:, :D].copy(), theta[:, D : D + H].copy(), theta[:, D + H].copy()


LAYERS = {"rnn": RNNLayer, "irnn": IRNNLayer, "lstm": LSTMLayer, "gru": GRULayer}


# --- a layer and a linear read-out, all parameters in one flat vector ---------------------------


class Network:
    """A recurrent layer (kind "rnn", "irnn", "lstm" with a variant, or "gru") and a read-out
    y_t = V h_t + c. All parameters live in one flat vector `theta` and their gradients in
    `grad` (so the optimiser and the clipping are a few operations on one array); the layer's
    blocks, V (K, H) and c (K,) are views.

    cell_arrays: the cell's arrays in lstm_core's layout (W, U, b; with the peepholes (3, H) for
    "peephole"; W, U, b_ih, b_hh for the GRU). loss_and_grads computes the loss of a batch and
    fills `grad`; outputs runs forward only. Layouts as above: xs (T, D, B); mse targets
    (T, K, B) or (K, B); ce labels (T, B) or (B,).
    """

    def __init__(
        self,
        kind: str,
        cell_arrays: tuple[np.ndarray, ...],
        V: np.ndarray,
        c: np.ndarray,
        dtype: str = "float32",
        variant: str = "standard",
    ) -> None:
        layer_class = LAYERS[kind]
        D, H, K = cell_arrays[0].shape[1], cell_arrays[1].shape[1], V.shape[0]
        blocks = [*layer_class.blocks(D, H, variant), ("V", (K, H)), ("c", (K,))]
        sizes = [int(np.prod(shape)) for _, shape in blocks]
        self.theta = np.empty(sum(sizes), dtype)
        self.grad = np.zeros(sum(sizes), dtype)
        params, grads, start = {}, {}, 0
        for (name, shape), size in zip(blocks, sizes, strict=True):
            params[name] = self.theta[start : start + size].reshape(shape)
            grads[name] = self.grad[start : start + size].reshape(shape)
            start += size
        self.V, self.c = params.pop("V"), params.pop("c")
        self.dV, self.dc = grads.pop("V"), grads.pop("c")
        self.layer = layer_class(D, H, params, grads, variant)
        self.layer.set_arrays(cell_arrays)
        self.V[...], self.c[...] = V, c
        self.kind, self.variant, self.D, self.H, self.K = kind, variant, D, H, K
        self._c_col = self.c[:, None]  # (K, 1) broadcasts over the batch

    def arrays(self) -> tuple[np.ndarray, ...]:
        """The cell's arrays and V, c as float64 copies, in lstm_core's layouts."""
        return (*self.layer.arrays(), self.V.astype(np.float64), self.c.astype(np.float64))

    def grads(self) -> tuple[np.ndarray, ...]:
        """The gradients, shaped like arrays() (float64 copies)."""
        return (
            *self.layer.arrays(grads=True),
            self.dV.astype(np.float64),
            self.dc.astype(np.float64),
        )

    def outputs(self, xs: np.ndarray, every_step: bool, keep: bool = False) -> np.ndarray:
        """y = V h + c: (T, K, B) at every step, else (K, B) at the last."""
        h = self.layer.forward(xs, keep)
        h_out = h if every_step else h[-1]
        return np.add(np.matmul(self.V, h_out), self._c_col)

    def loss_and_grads(self, xs: np.ndarray, ys: np.ndarray, loss: str, every_step: bool) -> float:
        """The loss on the batch; its gradient with respect to every parameter into `grad`.
        Beside it, the read-out's backward: dV = Σ_t dy_t h_tᵀ, dc = Σ_t dy_t, and
        dL/dh_t = Vᵀ dy_t, which the layer carries back through time."""
        h = self.layer.forward(xs, keep=True)
        h_out = h if every_step else h[-1]  # (T, H, B) or (H, B)
        y = np.add(np.matmul(self.V, h_out), self._c_col)  # (T, K, B) or (K, B)
        value, dy = (mse if loss == "mse" else cross_entropy)(y, ys)
        if every_step:
            _contract(dy, h, self.dV)  # Σ_t dy_t h_tᵀ
            self.dc[...] = dy.sum(axis=(0, 2))
        else:
            np.dot(dy, h_out.T, out=self.dV)  # Σ_b dy_b h_bᵀ
            self.dc[...] = dy.sum(axis=1)
        self.layer.backward(np.matmul(self.V.T, dy), every_step)  # dL/dh = Vᵀ dy
        return value


def mse(y: np.ndarray, target: np.ndarray) -> tuple[float, np.ndarray]:
    """(mean of (y − target)², ∂L/∂y); y and target of the same shape."""
    diff = y - target
    return float(np.vdot(diff, diff)) / diff.size, diff * (2.0 / diff.size)


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """(mean of −log softmax(logits)[label], ∂L/∂logits) for logits (…, K, B) and integer
    labels (…, B): the classes run along axis −2 here."""
    z = logits - logits.max(axis=-2, keepdims=True)  # softmax is shift-invariant; no overflow
    log_p = z - np.log(np.exp(z).sum(axis=-2, keepdims=True))
    picked = np.take_along_axis(log_p, labels[..., None, :], axis=-2)
    dlogits = np.exp(log_p)
    dlogits -= labels[..., None, :] == np.arange(logits.shape[-2])[:, None]  # softmax − one-hot
    return float(-picked.mean()), dlogits / labels.size
