"""The trainer's recurrent layers: forward run and backprop through time of a plain RNN and an
LSTM over a whole mini-batch, arranged for speed. The training lab runs thousands of these per
press of Train; the pages that show single steps use lstm_core (cells, sequence, backward).

The maths is lstm_core's, and tests check these layers against run_lstm / lstm_backward and
run_rnn / rnn_backward to 1e-10 at float64. What differs is the arrangement:

- Column vectors, as the equations are written: a state is (H, B), one column per example, so
  every gate's block of rows is one contiguous array (slicing columns would give strided views,
  on which numpy is several times slower).
- The weights sit side by side in one matrix Θ = [W U b], (kH, D + H + 1) (k = 1 RNN, 4 LSTM),
  and step t's input is the column stack z_t = [x_t; h_{t-1}; 1], (D + H + 1, B). Then

      a_t = W x_t + U h_{t-1} + b = Θ z_t                 one matmul per step
      dΘ = Σ_t da_t z_tᵀ = [dW dU db]                     one contraction after the loop

  and the step writes h_t straight into z_{t+1}.
- σ(a) = ½ + ½ tanh(a/2): the sigmoid gates' rows of Θ are halved once per update (Θ_s), so one
  tanh covers all four gates of a step, and two operations per sigmoid block finish the job.
- Every array is allocated once per batch shape and reused by every update; the per-step views
  are made once too. No checks per call: the trainer checks its data once per run. dL/dx and
  dL/dh_0 are not computed (nothing trains the inputs or the initial state).
- float32 or float64 (the dtype of the arrays given).

Shapes here: xs (T, D, B), hidden states (T, H, B), gradients dh (T, H, B) (a target at every
step) or (H, B) (a target at the last step only).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LSTM_VARIANTS: tuple[str, ...] = ("standard", "no_forget", "coupled")


class _Layer:
    """What the RNN and the LSTM layer share: Θ = [W U b] (kH, D + H + 1) and its gradient dΘ,
    both views into the network's flat vectors (see Network), and one workspace per batch shape.
    """

    k = 1  # blocks of H rows in Θ

    def __init__(self, D: int, H: int, theta: np.ndarray, grad: np.ndarray) -> None:
        self.D, self.H = D, H
        self.theta, self.grad = theta, grad  # (kH, D + H + 1)
        self._spaces: dict[tuple[int, int, bool], object] = {}

    @property
    def dtype(self) -> np.dtype:
        return self.theta.dtype

    def _inputs(self, T: int, B: int) -> np.ndarray:
        """z (T + 1, D + H + 1, B): rows [0:D] x_t, [D:D+H] h_{t-1} (zero at t = 0), row D+H
        ones; z[T] holds h_{T-1} (its other rows are unused)."""
        z = np.zeros((T + 1, self.D + self.H + 1, B), self.dtype)
        z[:, self.D + self.H] = 1.0
        return z

    def _space(self, T: int, B: int, keep: bool):
        key = (T, B, keep)
        space = self._spaces.get(key)
        if space is None:
            space = self._spaces[key] = self._new_space(T, B, keep)
        return space

    def _new_space(self, T: int, B: int, keep: bool):
        raise NotImplementedError

    def _weight_gradient(self, da: np.ndarray, z: np.ndarray) -> None:
        """dΘ = Σ_t da_t z_tᵀ for da (T, kH, B) and z (T + 1, D + H + 1, B), into self.grad."""
        T = da.shape[0]
        np.dot(
            da.transpose(1, 0, 2).reshape(da.shape[1], -1),  # (kH, T·B)
            z[:T].transpose(0, 2, 1).reshape(-1, z.shape[1]),  # (T·B, D + H + 1)
            out=self.grad,
        )


# --- the plain RNN ------------------------------------------------------------------------------


@dataclass(eq=False)
class _RNNSpace:
    z: np.ndarray  # (T + 1, D + H + 1, B)
    a: np.ndarray  # (T, H, B) pre-activations (keep) or (1, H, B)
    h: np.ndarray  # (T, H, B) view of z[1:, D:D+H]
    da: np.ndarray | None  # (T, H, B)
    dh_da: np.ndarray | None  # (T, H, B)
    dh: np.ndarray  # (H, B) dL/dh_t


class RNNLayer(_Layer):
    """h_t = tanh(W x_t + U h_{t-1} + b) = tanh(Θ z_t), from h_0 = 0 (as run_rnn); with
    relu=True h_t = relu(Θ z_t), the IRNN (as lstm_core.lab.irnn.run_irnn)."""

    k = 1

    def __init__(
        self, D: int, H: int, theta: np.ndarray, grad: np.ndarray, relu: bool = False
    ) -> None:
        super().__init__(D, H, theta, grad)
        self.relu = relu

    def _new_space(self, T: int, B: int, keep: bool) -> _RNNSpace:
        D, H, dt = self.D, self.H, self.dtype
        z = self._inputs(T, B)
        a = np.empty((T if keep else 1, H, B), dt)
        grads = (np.empty((T, H, B), dt), np.empty((T, H, B), dt)) if keep else (None, None)
        return _RNNSpace(z, a, z[1:, D : D + H], *grads, np.empty((H, B), dt))

    def forward(self, xs: np.ndarray, keep: bool = True) -> np.ndarray:
        """h_t for every step, (T, H, B), from xs (T, D, B). keep=False keeps only what the
        outputs need (no backward pass can follow)."""
        T, _, B = xs.shape
        s = self._space(T, B, keep)
        s.z[:T, : self.D] = xs
        theta, z, h = self.theta, s.z, s.h
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
        """dΘ into self.grad, from dL/dh_t injected at every step (T, H, B) or at the last
        (H, B), after forward(keep=True) on the same batch."""
        s = self._last
        T = s.h.shape[0]
        if self.relu:
            np.greater(s.h, 0.0, out=s.dh_da)  # ∂h_t/∂a_t = [h_t > 0]
        else:
            np.multiply(s.h, s.h, out=s.dh_da)
            np.subtract(1.0, s.dh_da, out=s.dh_da)  # ∂h_t/∂a_t = 1 − h_t², all steps at once
        U = np.ascontiguousarray(self.theta[:, self.D : self.D + self.H].T)  # Uᵀ (H, H)
        dh_t = s.dh
        if every_step:
            dh_t[...] = dh[T - 1]
        else:
            dh_t[...] = dh
        for t in reversed(range(T)):
            np.multiply(dh_t, s.dh_da[t], out=s.da[t])  # da_t = dh_t ⊙ (1 − h_t²)
            if t == 0:
                break
            np.dot(U, s.da[t], out=dh_t)  # dL/dh_{t-1} = Uᵀ da_t ...
            if every_step:
                dh_t += dh[t - 1]  # ... + what the loss injects at t-1
        self._weight_gradient(s.da, s.z)


# --- the LSTM -----------------------------------------------------------------------------------


@dataclass(eq=False)
class _LSTMSpace:
    z: np.ndarray  # (T + 1, D + H + 1, B)
    act: np.ndarray  # (T, 4H, B) the gates i, f, g, o (keep) or (1, 4H, B)
    c: np.ndarray  # (T + 1, H, B) c_{t} in row t+1, c_0 = 0 (keep) or (2, H, B), alternating
    tanh_c: np.ndarray  # (T, H, B) or (1, H, B)
    h: np.ndarray  # (T, H, B) view of z[1:, D:D+H]
    steps: list[tuple[np.ndarray, ...]]  # per step: the views the forward loop uses
    ig: np.ndarray  # (H, B) scratch for i ⊙ g
    # backward (keep only)
    da: np.ndarray | None = None  # (T, 4H, B) dL/da_t
    local: np.ndarray | None = None  # (T, 4H, B) ∂c_t/∂a_i, ∂c_t/∂a_f, ∂c_t/∂a_g, ∂h_t/∂a_o
    dh_dc: np.ndarray | None = None  # (T, H, B) ∂h_t/∂c_t = o_t ⊙ (1 − tanh²(c_t))
    dh: np.ndarray | None = None  # (H, B) dL/dh_t
    dc: np.ndarray | None = None  # (H, B) dL/dc_t
    dc_next: np.ndarray | None = None  # (H, B) what c_t sends back to c_{t-1}


class LSTMLayer(_Layer):
    """The LSTM of cells.py from h_0 = c_0 = 0 (as run_lstm), gate blocks i, f, g, o:

        [i; f; g; o] = [σ; σ; tanh; σ](Θ z_t),  c_t = f ⊙ c_{t-1} + i ⊙ g,  h_t = o ⊙ tanh(c_t)

    variant: "standard", "no_forget" (f = 1) or "coupled" (f = 1 − i), as cells.VARIANTS.
    """

    k = 4

    def __init__(
        self, D: int, H: int, theta: np.ndarray, grad: np.ndarray, variant: str = "standard"
    ) -> None:
        if variant not in LSTM_VARIANTS:
            raise ValueError(f"unknown variant {variant!r}; expected one of {LSTM_VARIANTS}")
        super().__init__(D, H, theta, grad)
        self.variant = variant
        # σ(a) = ½ + ½ tanh(a/2): halve the rows of the sigmoid gates i, f, o
        self._row_scale = np.ones((4 * H, 1), self.dtype)
        self._row_scale[: 2 * H] = self._row_scale[3 * H :] = 0.5
        self._theta_s = np.empty_like(theta)

    def _new_space(self, T: int, B: int, keep: bool) -> _LSTMSpace:
        D, H, dt = self.D, self.H, self.dtype
        z = self._inputs(T, B)
        act = np.empty((T if keep else 1, 4 * H, B), dt)
        c = np.zeros((T + 1 if keep else 2, H, B), dt)
        tanh_c = np.empty((T if keep else 1, H, B), dt)
        h = z[1:, D : D + H]
        steps = []
        for t in range(T):
            a = act[t if keep else 0]
            c_prev, c_t = (c[t], c[t + 1]) if keep else (c[t % 2], c[(t + 1) % 2])
            tc = tanh_c[t if keep else 0]
            # z_t, a_t, its σ blocks (i, f) and (o), i, f, g, o, c_{t-1}, c_t, tanh(c_t), h_t
            steps.append(
                (z[t], a, a[: 2 * H], a[3 * H :], a[:H], a[H : 2 * H], a[2 * H : 3 * H],
                 a[3 * H :], c_prev, c_t, tc, h[t])
            )  # fmt: skip
        space = _LSTMSpace(z, act, c, tanh_c, h, steps, np.empty((H, B), dt))
        if keep:
            space.da = np.empty((T, 4 * H, B), dt)
            space.local = np.empty((T, 4 * H, B), dt)
            space.dh_dc = np.empty((T, H, B), dt)
            space.dh, space.dc, space.dc_next = (np.empty((H, B), dt) for _ in range(3))
        return space

    def forward(self, xs: np.ndarray, keep: bool = True) -> np.ndarray:
        """h_t for every step, (T, H, B), from xs (T, D, B). keep=False keeps only what the
        outputs need (no backward pass can follow)."""
        T, _, B = xs.shape
        s = self._space(T, B, keep)
        s.z[:T, : self.D] = xs
        s.c[0].fill(0.0)  # c_0 = 0 (without keep, c[0] is reused by later steps)
        theta_s = np.multiply(self.theta, self._row_scale, out=self._theta_s)
        variant, ig = self.variant, s.ig
        for z_t, a, a_if, a_o, i, f, g, o, c_prev, c_t, tc, h_t in s.steps:
            np.dot(theta_s, z_t, out=a)  # Θ_s z_t: a_t with the σ gates' rows halved
            np.tanh(a, out=a)  # g_t = tanh(a_g); tanh(a/2) for i, f, o
            np.multiply(a_if, 0.5, out=a_if)
            np.add(a_if, 0.5, out=a_if)  # i_t, f_t = σ(a_i), σ(a_f) = ½ + ½ tanh(a/2)
            np.multiply(a_o, 0.5, out=a_o)
            np.add(a_o, 0.5, out=a_o)  # o_t = σ(a_o)
            if variant == "standard":
                np.multiply(f, c_prev, out=c_t)  # c_t = f_t ⊙ c_{t-1}
            elif variant == "coupled":
                np.subtract(1.0, i, out=f)  # f_t = 1 − i_t
                np.multiply(f, c_prev, out=c_t)
            else:  # no_forget
                f.fill(1.0)  # f_t = 1
                c_t[...] = c_prev
            np.multiply(i, g, out=ig)
            np.add(c_t, ig, out=c_t)  # c_t += i_t ⊙ g_t
            np.tanh(c_t, out=tc)
            np.multiply(o, tc, out=h_t)  # h_t = o_t ⊙ tanh(c_t), written into z_{t+1}
        self._last = s
        return s.h

    def backward(self, dh: np.ndarray, every_step: bool) -> None:
        """dΘ into self.grad, from dL/dh_t injected at every step (T, H, B) or at the last
        (H, B), after forward(keep=True) on the same batch. The loop is lstm_backward's:

            dc_t = (dL/dc_t from c_{t+1}) + dh_t ⊙ o_t(1 − tanh²c_t)
            da_i, da_f, da_g = dc_t ⊙ ∂c_t/∂a_i, ∂c_t/∂a_f, ∂c_t/∂a_g;  da_o = dh_t ⊙ ∂h_t/∂a_o
            dL/dh_{t-1} = Uᵀ da_t (+ what is injected at t-1);  dL/dc_{t-1} = dc_t ⊙ f_t
        """
        s, H = self._last, self.H
        T = s.h.shape[0]
        i, f, g, o = (s.act[:, k * H : (k + 1) * H] for k in range(4))  # (T, H, B)
        c_prev, tc = s.c[:-1], s.tanh_c
        local = s.local
        l_i, l_f, l_g, l_o = (local[:, k * H : (k + 1) * H] for k in range(4))
        # the local derivatives of every step at once (σ' = σ(1 − σ), tanh' = 1 − tanh²)
        np.subtract(1.0, s.act, out=local)
        np.multiply(local, s.act, out=local)  # σ'(a) for the blocks i, f, o (g: below)
        if self.variant == "coupled":  # c_t = (1 − i_t) ⊙ c_{t-1} + i_t ⊙ g_t
            l_i *= g - c_prev  # ∂c_t/∂a_i = (g_t − c_{t-1}) ⊙ i_t(1 − i_t)
        else:
            l_i *= g  # ∂c_t/∂a_i = g_t ⊙ i_t(1 − i_t)
        if self.variant == "standard":
            l_f *= c_prev  # ∂c_t/∂a_f = c_{t-1} ⊙ f_t(1 − f_t)
        else:
            l_f.fill(0.0)  # f_t does not depend on a_f
        np.multiply(g, g, out=l_g)
        np.subtract(1.0, l_g, out=l_g)
        l_g *= i  # ∂c_t/∂a_g = i_t ⊙ (1 − g_t²)
        l_o *= tc  # ∂h_t/∂a_o = tanh(c_t) ⊙ o_t(1 − o_t)
        dh_dc = np.multiply(tc, tc, out=s.dh_dc)
        np.subtract(1.0, dh_dc, out=dh_dc)
        dh_dc *= o  # ∂h_t/∂c_t = o_t ⊙ (1 − tanh²(c_t))

        UT = np.ascontiguousarray(self.theta[:, self.D : self.D + H].T)  # Uᵀ (H, 4H)
        da, dh_t, dc_t, dc_next = s.da, s.dh, s.dc, s.dc_next
        dc_t3 = dc_t[None]  # (1, H, B): one multiply for the three blocks i, f, g
        dh_t[...] = dh[T - 1] if every_step else dh
        dc_next.fill(0.0)
        B = dh_t.shape[1]
        local3, da3 = local[:, : 3 * H].reshape(T, 3, H, B), da[:, : 3 * H].reshape(T, 3, H, B)
        for t in reversed(range(T)):
            np.multiply(dh_t, dh_dc[t], out=dc_t)
            np.add(dc_t, dc_next, out=dc_t)  # dc_t = dc from c_{t+1} + dh_t ⊙ ∂h_t/∂c_t
            np.multiply(dc_t3, local3[t], out=da3[t])  # da_i, da_f, da_g = dc_t ⊙ ∂c_t/∂a_·
            np.multiply(dh_t, l_o[t], out=da[t, 3 * H :])  # da_o = dh_t ⊙ ∂h_t/∂a_o
            if t == 0:
                break
            np.dot(UT, da[t], out=dh_t)  # dL/dh_{t-1}: U_iᵀda_i + U_fᵀda_f + U_gᵀda_g + U_oᵀda_o
            if every_step:
                dh_t += dh[t - 1]
            np.multiply(dc_t, f[t], out=dc_next)  # dL/dc_{t-1}: the cell path, times f_t
        self._weight_gradient(da, s.z)


# --- a layer and a linear read-out, all parameters in one flat vector ---------------------------


class Network:
    """A recurrent layer (kind "rnn", "irnn" or "lstm") and a read-out y_t = V h_t + c. All
    parameters live in one flat vector `theta` and their gradients in `grad` (so the optimiser
    and the clipping are a few operations on one array); Θ (kH, D+H+1), V (K, H), c (K,) are views.

    loss_and_grads computes the loss of a batch and fills `grad`; outputs runs forward only.
    Layouts as above: xs (T, D, B); mse targets (T, K, B) or (K, B); ce labels (T, B) or (B,).
    """

    def __init__(
        self,
        kind: str,
        W: np.ndarray,
        U: np.ndarray,
        b: np.ndarray,
        V: np.ndarray,
        c: np.ndarray,
        dtype: str = "float32",
        variant: str = "standard",
    ) -> None:
        H, D, K = U.shape[1], W.shape[1], V.shape[0]
        rows = U.shape[0]
        sizes = (rows * (D + H + 1), K * H, K)
        self.theta = np.empty(sum(sizes), dtype)
        self.grad = np.zeros(sum(sizes), dtype)
        ends = np.cumsum(sizes)

        def views(flat: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            return (
                flat[: ends[0]].reshape(rows, D + H + 1),
                flat[ends[0] : ends[1]].reshape(K, H),
                flat[ends[1] :],
            )

        self.Theta, self.V, self.c = views(self.theta)
        self.dTheta, self.dV, self.dc = views(self.grad)
        self.Theta[:, :D], self.Theta[:, D : D + H], self.Theta[:, D + H] = W, U, b
        self.V[...], self.c[...] = V, c
        self.kind, self.D, self.H, self.K = kind, D, H, K
        if kind == "lstm":
            self.layer: _Layer = LSTMLayer(D, H, self.Theta, self.dTheta, variant)
        else:
            self.layer = RNNLayer(D, H, self.Theta, self.dTheta, relu=kind == "irnn")
        self._c_col = self.c[:, None]  # (K, 1) broadcasts over the batch

    def arrays(self) -> tuple[np.ndarray, ...]:
        """(W, U, b, V, c) as float64 copies, in lstm_core's layouts."""
        D, H = self.D, self.H
        Theta = self.Theta.astype(np.float64)
        return (
            Theta[:, :D].copy(),
            Theta[:, D : D + H].copy(),
            Theta[:, D + H].copy(),
            self.V.astype(np.float64),
            self.c.astype(np.float64),
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
            np.dot(
                dy.transpose(1, 0, 2).reshape(self.K, -1),  # (K, T·B)
                h_out.transpose(0, 2, 1).reshape(-1, self.H),  # (T·B, H)
                out=self.dV,
            )
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
    one_hot = labels[..., None, :] == np.arange(logits.shape[-2])[:, None]
    dlogits -= one_hot
    return float(-picked.mean()), dlogits / labels.size
