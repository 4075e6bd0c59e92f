"""Parameters of an LSTM and of a plain RNN: the weights, how to initialise them, and the layouts of
PyTorch and Keras.

LSTM layout (PyTorch's): the four gate blocks are stacked in the order i, f, g, o.

    W: (4H, D)   rows [0:H] = W_i, [H:2H] = W_f, [2H:3H] = W_g, [3H:4H] = W_o
    U: (4H, H)   the same blocks for the recurrent weights
    b: (4H,)     the same blocks for the biases

    PyTorch nn.LSTM     weight_ih_l0 = W, weight_hh_l0 = U, bias_ih_l0 + bias_hh_l0 = b
    Keras LSTM          kernel = Wᵀ (D, 4H), recurrent_kernel = Uᵀ (H, 4H), bias = b;
                        Keras calls the blocks i, f, c, o: the same order, its c is our g.
    (deep-learning-from-scratch-2 uses f, g, i, o: a different order, so it is not accepted here.)

    peephole: (3, H)   rows [0] = p_i, [1] = p_f, [2] = p_o: the diagonal weights from the cell
                       state to the gates (Gers & Schmidhuber 2000), read only by the "peephole"
                       variant (cells.py); zeros unless given. PyTorch's nn.LSTM and Keras' LSTM
                       have no peepholes: from_torch/from_keras give zeros, and to_torch/to_keras
                       refuse parameters whose peepholes are not all zero.

RNN layout: h_t = tanh(W x_t + U h_{t-1} + b) with W (H, D), U (H, H), b (H,);
    PyTorch nn.RNN       weight_ih_l0 = W, weight_hh_l0 = U, bias_ih_l0 + bias_hh_l0 = b
    Keras SimpleRNN      kernel = Wᵀ (D, H), recurrent_kernel = Uᵀ (H, H), bias = b
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple, Self

import numpy as np

from lstm_core.validation import as_float_array, check_finite, check_shape, checked_array

GATES: tuple[str, ...] = ("i", "f", "g", "o")
SCHEMES: tuple[str, ...] = ("torch", "keras", "gaussian")
TORCH_KEYS: tuple[str, ...] = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")


class GateBlock(NamedTuple):
    """One gate's weights as views into the stacked arrays: W (H, D), U (H, H), b (H,).

    Writing into them (`p.block("f").b[:] = 3.0`) changes the parameters in place.
    """

    W: np.ndarray
    U: np.ndarray
    b: np.ndarray


class Weights:
    """What every parameter class here and in gru.py shares: W (kH, D), U (kH, H) and the arrays
    named in _ARRAYS (the biases), all float64."""

    W: np.ndarray
    U: np.ndarray

    _ARRAYS: ClassVar[tuple[str, ...]] = ("W", "U", "b")

    @property
    def input_size(self) -> int:
        """D, the length of one input vector x_t."""
        return self.W.shape[1]

    @property
    def hidden_size(self) -> int:
        """H, the number of hidden units (for an LSTM also of cell-state numbers; for a GRU its
        whole memory)."""
        return self.U.shape[1]

    def validate(self) -> Self:
        """Return self if all weights are finite; ValueError naming the array otherwise."""
        for name in self._ARRAYS:
            check_finite(getattr(self, name), name)
        return self


@dataclass(frozen=True, eq=False, repr=False)
class _Params(Weights):
    """W (kH, D), U (kH, H), b (kH,) with k = 1 (RNN) or 4 (LSTM); stored as float64 arrays.

    Construction converts to float64 and checks the shapes; `validate()` also rejects NaN/inf
    (run_* and *_step call it). The fields cannot be reassigned, but the arrays can be edited in
    place, so shapes stay consistent.
    """

    W: np.ndarray
    U: np.ndarray
    b: np.ndarray

    _k: ClassVar[int] = 1  # blocks stacked along the rows of W, U, b
    _rows: ClassVar[str] = "H"  # how the row count is written in messages

    def __post_init__(self) -> None:
        W = as_float_array(self.W, "W")
        U = as_float_array(self.U, "U")
        b = as_float_array(self.b, "b")
        H = hidden_from_rows(W, "W", self._k, f"({self._rows}, D)")
        check_shape(U, (self._k * H, H), "U", f"({self._rows}, H) for H={H}")
        check_shape(b, (self._k * H,), "b", f"({self._rows},) for H={H}")
        object.__setattr__(self, "W", W)
        object.__setattr__(self, "U", U)
        object.__setattr__(self, "b", b)

    def copy(self) -> Self:
        """An independent copy (new arrays)."""
        return type(self)(self.W.copy(), self.U.copy(), self.b.copy())

    def __repr__(self) -> str:
        D, H = self.input_size, self.hidden_size
        return f"{type(self).__name__}(input_size={D}, hidden_size={H})"


@dataclass(frozen=True, eq=False, repr=False)
class LSTMParams(_Params):
    """LSTM weights W (4H, D), U (4H, H), b (4H,), gate blocks in the order i, f, g, o, and the
    peephole weights (3, H), rows p_i, p_f, p_o (zeros when not given; only the "peephole"
    variant reads them)."""

    peephole: np.ndarray = None  # type: ignore[assignment]  # None: zeros (3, H)

    _k: ClassVar[int] = 4
    _rows: ClassVar[str] = "4H"
    _ARRAYS: ClassVar[tuple[str, ...]] = ("W", "U", "b", "peephole")

    def __post_init__(self) -> None:
        super().__post_init__()
        H = self.hidden_size
        if self.peephole is None:
            P = np.zeros((3, H))
        else:
            P = as_float_array(self.peephole, "peephole")
            check_shape(P, (3, H), "peephole", f"(3, H) for H={H}, rows p_i, p_f, p_o")
        object.__setattr__(self, "peephole", P)

    def copy(self) -> Self:
        """An independent copy (new arrays)."""
        return type(self)(self.W.copy(), self.U.copy(), self.b.copy(), self.peephole.copy())

    @classmethod
    def init(
        cls,
        input_size: int,
        hidden_size: int,
        seed: int | None = 0,
        scheme: str = "torch",
        forget_bias: float | np.ndarray | None = None,
        recurrent_scale: float = 1.0,
        peepholes: bool = False,
    ) -> LSTMParams:
        """Random parameters, the same for the same seed (np.random.default_rng(seed)).

        scheme:
          "torch"     PyTorch's nn.LSTM default: W, U uniform in ±1/√H. PyTorch has two biases
                      (bias_ih, bias_hh), each uniform in ±1/√H; b is their sum, so b has the same
                      (triangular, ±2/√H) distribution as PyTorch's effective bias.
          "keras"     Keras' LSTM default: kernel Wᵀ (D, 4H) Glorot-uniform, recurrent kernel
                      Uᵀ (H, 4H) orthogonal as one matrix (its rows are orthonormal, so Uᵀ U = I;
                      a single gate's block is not orthogonal on its own), b = 0 except the
                      forget block = 1 (unit_forget_bias).
          "gaussian"  W ~ N(0, 1/D); each gate's U block is a Gaussian matrix scaled so that its
                      spectral radius (largest |eigenvalue|) is `recurrent_scale`; b = 0.
        recurrent_scale: for "gaussian" the spectral radius of every U block; for "torch" and
          "keras" a gain multiplying U (1.0 leaves the scheme as its library has it).
        forget_bias: when given (a number or H numbers), replaces the forget block b[H:2H].
        peepholes: False (default) leaves the peephole weights at zero (so the "peephole" variant
          starts as the standard cell, and the weights export to PyTorch and Keras); True draws
          them uniform in ±1/√H for every scheme (small, like PyTorch's other weights), after W,
          U and b, so those are the same with and without peepholes for the same seed.
        """
        D, H, rng, scale = init_arguments(input_size, hidden_size, seed, scheme, recurrent_scale)
        if scheme == "torch":
            k = 1.0 / np.sqrt(H)
            W = rng.uniform(-k, k, (4 * H, D))
            U = scale * rng.uniform(-k, k, (4 * H, H))
            b = rng.uniform(-k, k, 4 * H) + rng.uniform(-k, k, 4 * H)  # bias_ih + bias_hh
        elif scheme == "keras":
            W = glorot_uniform(rng, (D, 4 * H)).T.copy()
            U = scale * orthogonal(rng, (H, 4 * H)).T.copy()
            b = np.zeros(4 * H)
            b[H : 2 * H] = 1.0
        else:  # gaussian
            W = rng.normal(0.0, 1.0 / np.sqrt(D), (4 * H, D))
            U = np.vstack([with_spectral_radius(rng, H, scale) for _ in GATES])
            b = np.zeros(4 * H)
        if forget_bias is not None:
            bf = as_float_array(forget_bias, "forget_bias")
            if bf.ndim == 0:
                bf = np.full(H, float(bf))
            b[H : 2 * H] = checked_array(bf, "forget_bias", (H,), f"(H,) for H={H}, or one number")
        P = rng.uniform(-1.0 / np.sqrt(H), 1.0 / np.sqrt(H), (3, H)) if peepholes else None
        return cls(W, U, b, P)

    # --- gate blocks -------------------------------------------------------------------------

    def gate_slice(self, gate: str) -> slice:
        """Rows of W, U, b that belong to `gate` ("i", "f", "g" or "o")."""
        H = self.hidden_size
        k = gate_index(gate)
        return slice(k * H, (k + 1) * H)

    def block(self, gate: str) -> GateBlock:
        """Views (W_k (H, D), U_k (H, H), b_k (H,)) of one gate; writing into them edits self."""
        s = self.gate_slice(gate)
        return GateBlock(self.W[s], self.U[s], self.b[s])

    def with_block(self, gate: str, *, W: Any = None, U: Any = None, b: Any = None) -> LSTMParams:
        """A copy with some of one gate's weights replaced: W (H, D), U (H, H), b (H,) or a number
        for b. Omitted parts are kept."""
        new = self.copy()
        H, D = self.hidden_size, self.input_size
        target = new.block(gate)
        for name, value, shape, meaning in (
            ("W", W, (H, D), f"(H, D) for H={H}, D={D}"),
            ("U", U, (H, H), f"(H, H) for H={H}"),
            ("b", b, (H,), f"(H,) for H={H}"),
        ):
            if value is None:
                continue
            label = f"{name}_{gate}"
            a = as_float_array(value, label)
            if name == "b" and a.ndim == 0:
                a = np.full(H, float(a))
            getattr(target, name)[...] = checked_array(a, label, shape, meaning)
        return new

    # --- PyTorch and Keras layouts --------------------------------------------------------------

    @classmethod
    def from_torch(cls, sd: Mapping[str, Any]) -> LSTMParams:
        """From an nn.LSTM state dict (one layer): weight_ih_l0 (4H, D), weight_hh_l0 (4H, H),
        bias_ih_l0 (4H,), bias_hh_l0 (4H,). b = bias_ih_l0 + bias_hh_l0. Other keys are ignored.
        Tensors, numpy arrays and nested lists all work. nn.LSTM has no peepholes: they are
        zeros."""
        arrays = torch_arrays(sd, cls._k, cls._rows)
        W, U, b_ih, b_hh = (arrays[key] for key in TORCH_KEYS)
        return cls(W.copy(), U.copy(), b_ih + b_hh)  # nn.LSTM has no peepholes: zeros

    def to_torch(self) -> dict[str, np.ndarray]:
        """nn.LSTM state-dict layout as numpy arrays; the whole bias goes in bias_ih_l0 and
        bias_hh_l0 is zeros. Load with {k: torch.from_numpy(v) for k, v in ...}.
        ValueError if the peephole weights are not all zero (nn.LSTM has none)."""
        self._check_no_peepholes("PyTorch's nn.LSTM")
        return _to_torch(self)

    @classmethod
    def from_keras(cls, kernel: Any, recurrent_kernel: Any, bias: Any = None) -> LSTMParams:
        """From a Keras LSTM's weights (`layer.get_weights()`): kernel (D, 4H), recurrent_kernel
        (H, 4H), bias (4H,) (None: zeros, as with use_bias=False). Keras' gate order i, f, c, o is
        ours, so this is a transpose. Keras' LSTM has no peepholes: they are zeros."""
        return cls(*_keras_arrays(kernel, recurrent_kernel, bias, cls._k, cls._rows))

    def to_keras(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(kernel (D, 4H), recurrent_kernel (H, 4H), bias (4H,)), ready for layer.set_weights.
        ValueError if the peephole weights are not all zero (Keras' LSTM has none)."""
        self._check_no_peepholes("Keras' LSTM")
        return _to_keras(self)

    def _check_no_peepholes(self, layout: str) -> None:
        if np.any(self.peephole != 0.0):
            largest = float(np.max(np.abs(self.peephole)))
            raise ValueError(
                f"{layout} has no peephole weights, but these parameters have nonzero peepholes "
                f"(largest |p| = {largest:.3g}); set peephole to zeros to export them"
            )


@dataclass(frozen=True, eq=False, repr=False)
class RNNParams(_Params):
    """Plain (Elman) RNN weights: h_t = tanh(W x_t + U h_{t-1} + b); W (H, D), U (H, H), b (H,)."""

    @classmethod
    def init(
        cls,
        input_size: int,
        hidden_size: int,
        seed: int | None = 0,
        scheme: str = "torch",
        recurrent_scale: float = 1.0,
    ) -> RNNParams:
        """Random parameters, the same for the same seed (np.random.default_rng(seed)).

        scheme:
          "torch"     nn.RNN's default: W, U uniform in ±1/√H, b = bias_ih + bias_hh, each
                      uniform in ±1/√H.
          "keras"     SimpleRNN's default: kernel Wᵀ Glorot-uniform, U orthogonal, b = 0.
          "gaussian"  W ~ N(0, 1/D); U Gaussian scaled to spectral radius `recurrent_scale`; b = 0.
        recurrent_scale: for "gaussian" the spectral radius of U (below 1 the gradient vanishes,
          above 1 it can explode); for "torch" and "keras" a gain multiplying U. An orthogonal U
          times a gain has every |eigenvalue| equal to that gain.
        """
        D, H, rng, scale = init_arguments(input_size, hidden_size, seed, scheme, recurrent_scale)
        if scheme == "torch":
            k = 1.0 / np.sqrt(H)
            W = rng.uniform(-k, k, (H, D))
            U = scale * rng.uniform(-k, k, (H, H))
            b = rng.uniform(-k, k, H) + rng.uniform(-k, k, H)  # bias_ih + bias_hh
        elif scheme == "keras":
            W = glorot_uniform(rng, (D, H)).T.copy()
            U = scale * orthogonal(rng, (H, H)).T.copy()
            b = np.zeros(H)
        else:  # gaussian
            W = rng.normal(0.0, 1.0 / np.sqrt(D), (H, D))
            U = with_spectral_radius(rng, H, scale)
            b = np.zeros(H)
        return cls(W, U, b)

    @classmethod
    def from_torch(cls, sd: Mapping[str, Any]) -> RNNParams:
        """From an nn.RNN(nonlinearity="tanh") state dict: weight_ih_l0 (H, D), weight_hh_l0
        (H, H), bias_ih_l0 (H,), bias_hh_l0 (H,); b = bias_ih_l0 + bias_hh_l0."""
        arrays = torch_arrays(sd, cls._k, cls._rows)
        W, U, b_ih, b_hh = (arrays[key] for key in TORCH_KEYS)
        return cls(W.copy(), U.copy(), b_ih + b_hh)

    def to_torch(self) -> dict[str, np.ndarray]:
        """nn.RNN state-dict layout as numpy arrays (bias_hh_l0 zeros)."""
        return _to_torch(self)

    @classmethod
    def from_keras(cls, kernel: Any, recurrent_kernel: Any, bias: Any = None) -> RNNParams:
        """From a Keras SimpleRNN: kernel (D, H), recurrent_kernel (H, H), bias (H,) or None."""
        return cls(*_keras_arrays(kernel, recurrent_kernel, bias, cls._k, cls._rows))

    def to_keras(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(kernel (D, H), recurrent_kernel (H, H), bias (H,))."""
        return _to_keras(self)


def gate_index(gate: str) -> int:
    """0, 1, 2, 3 for "i", "f", "g", "o"; ValueError for anything else."""
    if gate not in GATES:
        raise ValueError(f"unknown gate {gate!r}; expected one of {', '.join(GATES)}")
    return GATES.index(gate)


# --- helpers --------------------------------------------------------------------------------------


def hidden_from_rows(W: np.ndarray, name: str, k: int, meaning: str) -> int:
    """H from a weight whose rows are k·H (k = 4 for an LSTM); ValueError if that is impossible."""
    if W.ndim != 2 or W.shape[0] == 0 or W.shape[0] % k or W.shape[1] == 0:
        rule = f"a positive multiple of {k}" if k > 1 else "positive"
        raise ValueError(
            f"{name} has shape {W.shape}; expected {meaning} with a row count {rule} and D ≥ 1"
        )
    return W.shape[0] // k


def hidden_from_columns(K: np.ndarray, k: int, rows: str) -> int:
    """H from a Keras kernel (D, k·H); ValueError if that is impossible."""
    if K.ndim != 2 or K.shape[0] == 0 or K.shape[1] == 0 or K.shape[1] % k:
        rule = f"a positive multiple of {k}" if k > 1 else "positive"
        raise ValueError(
            f"kernel has shape {K.shape}; expected (D, {rows}) with a column count {rule} and D ≥ 1"
        )
    return K.shape[1] // k


def torch_arrays(
    sd: Mapping[str, Any], k: int, rows: str, needs: str = "a one-layer state dict"
) -> dict[str, np.ndarray]:
    """The four arrays of a one-layer state dict with k·H weight rows, shape-checked and finite
    (not copied). `needs` names the module in the message about missing keys."""
    if not isinstance(sd, Mapping):
        raise ValueError(f"expected a mapping of arrays (a state dict), got {type(sd).__name__}")
    missing = [key for key in TORCH_KEYS if key not in sd]
    if missing:
        raise ValueError(
            f"missing keys: {', '.join(missing)} ({needs} needs {', '.join(TORCH_KEYS)})"
        )
    W = as_float_array(sd["weight_ih_l0"], "weight_ih_l0")
    H = hidden_from_rows(W, "weight_ih_l0", k, f"({rows}, D)")
    D = W.shape[1]
    expected = {
        "weight_ih_l0": ((k * H, D), f"({rows}, D) for H={H}, D={D}"),
        "weight_hh_l0": ((k * H, H), f"({rows}, H) for H={H}"),
        "bias_ih_l0": ((k * H,), f"({rows},) for H={H}"),
        "bias_hh_l0": ((k * H,), f"({rows},) for H={H}"),
    }
    return {key: checked_array(sd[key], key, *expected[key]) for key in TORCH_KEYS}


def _to_torch(p: _Params) -> dict[str, np.ndarray]:
    return {
        "weight_ih_l0": p.W.copy(),
        "weight_hh_l0": p.U.copy(),
        "bias_ih_l0": p.b.copy(),
        "bias_hh_l0": np.zeros_like(p.b),
    }


def _keras_arrays(
    kernel: Any, recurrent_kernel: Any, bias: Any, k: int, rows: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    K = as_float_array(kernel, "kernel")
    D, H = K.shape[0], hidden_from_columns(K, k, rows)
    K = checked_array(K, "kernel", (D, k * H), f"(D, {rows}) for H={H}, D={D}")
    R = checked_array(recurrent_kernel, "recurrent_kernel", (H, k * H), f"(H, {rows}) for H={H}")
    b = (
        np.zeros(k * H)
        if bias is None
        else checked_array(bias, "bias", (k * H,), f"({rows},) for H={H}", copy=True)
    )
    return K.T.copy(), R.T.copy(), b


def _to_keras(p: _Params) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return np.ascontiguousarray(p.W.T), np.ascontiguousarray(p.U.T), p.b.copy()


def init_arguments(
    input_size: int, hidden_size: int, seed: int | None, scheme: str, recurrent_scale: float
) -> tuple[int, int, np.random.Generator, float]:
    """The checked arguments of an init: (D, H, np.random.default_rng(seed), recurrent_scale)."""
    for name, value in (("input_size", input_size), ("hidden_size", hidden_size)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; expected one of {', '.join(SCHEMES)}")
    scale = float(recurrent_scale)
    if not np.isfinite(scale) or scale < 0:
        raise ValueError(f"recurrent_scale must be a finite number ≥ 0, got {recurrent_scale!r}")
    return int(input_size), int(hidden_size), np.random.default_rng(seed), scale


def glorot_uniform(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    """Keras GlorotUniform for a (fan_in, fan_out) kernel: uniform in ±√(6 / (fan_in + fan_out))."""
    limit = np.sqrt(6.0 / (shape[0] + shape[1]))
    return rng.uniform(-limit, limit, shape)


def orthogonal(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    """Keras Orthogonal for a 2-D shape: the Q of a Gaussian matrix's QR, signs fixed by diag(R);
    a wide shape (rows < cols) gets orthonormal rows, a tall or square one orthonormal columns."""
    rows, cols = shape
    a = rng.standard_normal((max(rows, cols), min(rows, cols)))
    q, r = np.linalg.qr(a)
    q *= np.sign(np.diag(r))
    return q.T if rows < cols else q


def with_spectral_radius(rng: np.random.Generator, H: int, radius: float) -> np.ndarray:
    """A Gaussian (H, H) matrix G rescaled to radius · G / max|eig(G)|."""
    G = rng.standard_normal((H, H))
    rho = np.max(np.abs(np.linalg.eigvals(G)))
    while rho == 0.0:  # probability zero, but a zero matrix cannot be rescaled
        G = rng.standard_normal((H, H))
        rho = np.max(np.abs(np.linalg.eigvals(G)))
    return radius * G / rho
