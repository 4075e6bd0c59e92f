"""Training a recurrent layer with a linear read-out: losses, SGD and Adam, gradient clipping,
mini-batches, a progress callback, and saving the trained model.

The model, with the names save_model gives its arrays (PyTorch's, so nn.RNN / nn.LSTM plus an
nn.Linear named "readout" can load them):

    h_t = RNN or LSTM layer over x_1..x_T        weight_ih_l0 W, weight_hh_l0 U, bias_ih_l0 b,
                                                 bias_hh_l0 (zeros; b holds the whole bias)
    y_t = V h_t + c                              readout.weight V (K, H), readout.bias c (K,)

Backward, next to it (dy_t = ∂L/∂y_t, zero at steps without a target):

    dV = Σ_t dy_tᵀ h_t,   dc = Σ_t dy_t,   ∂L/∂h_t = Vᵀ dy_t, injected at every step into
    lstm_backward / rnn_backward, which carry it back through time.

Losses: "mse" = mean of (y − target)² over every predicted number; "ce" = mean over predictions
of −log softmax(y)[label]. Optimisers: plain SGD (θ ← θ − lr·g) and Adam (Kingma & Ba 2015,
with bias correction). Clipping rescales all gradients together when their global norm
‖g‖ = √(Σ g²) over every parameter exceeds the threshold (Pascanu et al. 2013).

Everything random (initial weights, the order of the mini-batches) comes from the config's seed,
so the same data and config give the same losses, bit for bit, on the same machine.
"""

from __future__ import annotations

import io
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np

from lstm_core.lab.fast_lstm import Network, cross_entropy, mse
from lstm_core.lab.irnn import IRNNParams, run_irnn
from lstm_core.lab.tasks import Dataset
from lstm_core.params import SCHEMES, LSTMParams, RNNParams
from lstm_core.sequence import LSTMTrace, RNNTrace, run_lstm, run_rnn

MODELS: tuple[str, ...] = ("rnn", "lstm", "irnn")  # irnn: Le et al. 2015 (lstm_core.lab.irnn)
OPTIMIZERS: tuple[str, ...] = ("sgd", "adam")
STOP_REASONS: tuple[str, ...] = ("finished", "stopped", "diverged")
READOUT_KEYS: tuple[str, ...] = ("readout.weight", "readout.bias")
MAX_MODEL_BYTES = 2 * 1024 * 1024
PREDICT_CHUNK = 64  # examples per run in predict / evaluate
VAL_CHUNK = 128  # examples per forward run when train() validates
DTYPES: tuple[str, ...] = ("float32", "float64")


# --- the model: a recurrent layer and a linear read-out -----------------------------------------


@dataclass(frozen=True, eq=False)
class Model:
    """A recurrent layer `cell` (LSTMParams or RNNParams, hidden size H) and a read-out
    y_t = V h_t + c with V (K, H), c (K,). The arrays can be edited in place (training does)."""

    cell: LSTMParams | RNNParams
    V: np.ndarray
    c: np.ndarray

    def __post_init__(self) -> None:
        V = np.asarray(self.V, dtype=np.float64)
        c = np.asarray(self.c, dtype=np.float64)
        H = self.cell.hidden_size
        if V.ndim != 2 or V.shape[1] != H or V.shape[0] < 1 or c.shape != (V.shape[0],):
            raise ValueError(
                f"the read-out has V {V.shape}, c {c.shape}; expected (K, H) and (K,) for H={H}"
            )
        object.__setattr__(self, "V", V)
        object.__setattr__(self, "c", c)

    @property
    def kind(self) -> str:
        """ "lstm", "rnn" or "irnn" (an IRNNParams cell: relu, U starting as the identity)."""
        if isinstance(self.cell, IRNNParams):
            return "irnn"
        return "lstm" if isinstance(self.cell, LSTMParams) else "rnn"

    @property
    def arrays(self) -> tuple[np.ndarray, ...]:
        """(W, U, b, V, c): every trained array, in the order of the gradients."""
        return (self.cell.W, self.cell.U, self.cell.b, self.V, self.c)

    @property
    def n_outputs(self) -> int:
        """K."""
        return self.V.shape[0]

    def copy(self) -> Model:
        """An independent copy (new arrays)."""
        return Model(self.cell.copy(), self.V.copy(), self.c.copy())


def init_model(
    kind: str,
    input_size: int,
    hidden_size: int,
    n_outputs: int = 1,
    seed: int = 0,
    init: str = "keras",
    forget_bias: float | None = None,
) -> Model:
    """A new model: the recurrent layer from LSTMParams.init / RNNParams.init (scheme `init`;
    "keras" is what the Keras demo used), the read-out as Keras' Dense layer: V uniform in
    ±√(6 / (H + K)) (Glorot), c = 0. forget_bias (LSTM only) replaces the forget gate's bias."""
    if kind not in MODELS:
        raise ValueError(f"unknown model {kind!r}; expected one of {', '.join(MODELS)}")
    if kind == "lstm":
        cell = LSTMParams.init(input_size, hidden_size, seed, init, forget_bias=forget_bias)
    elif kind == "irnn":
        cell = IRNNParams.init(input_size, hidden_size, seed)  # its own init: U = I, b = 0
    else:
        cell = RNNParams.init(input_size, hidden_size, seed, init)
    rng = np.random.default_rng((seed, 1))  # a stream of its own: the layer's draws stay put
    limit = math.sqrt(6.0 / (hidden_size + n_outputs))
    return Model(cell, rng.uniform(-limit, limit, (n_outputs, hidden_size)), np.zeros(n_outputs))


def run(model: Model, xs: np.ndarray) -> LSTMTrace | RNNTrace:
    """The recurrent layer over xs (T, B, D) from a zero state; the trace has h (T, B, H)."""
    if model.kind == "lstm":
        return run_lstm(model.cell, xs)
    if model.kind == "irnn":
        return run_irnn(model.cell, xs)
    return run_rnn(model.cell, xs)


def predict(model: Model, xs: np.ndarray, every_step: bool = True) -> np.ndarray:
    """The read-out y = V h + c for xs (T, B, D): (T, B, K) at every step, else (B, K) at the
    last step. Runs PREDICT_CHUNK examples at a time: a run keeps every step of every gate,
    T·B·4H numbers, which for a whole validation set would be tens of MB."""
    parts = []
    for start in range(0, xs.shape[1], PREDICT_CHUNK):
        h = run(model, xs[:, start : start + PREDICT_CHUNK]).h
        parts.append((h if every_step else h[-1]) @ model.V.T + model.c)
    return np.concatenate(parts, axis=1 if every_step else 0)


def closed_loop(model: Model, start: np.ndarray, steps: int) -> np.ndarray:
    """Free-running prediction of a one-channel series, as in the Keras demo: the window
    `start` (T0,) goes in, the last step's prediction is appended and the window slides by
    one, `steps` times; the model sees its own outputs from then on. Returns (steps,)."""
    window = np.asarray(start, dtype=np.float64).copy()
    out = np.empty(steps)
    for k in range(steps):
        out[k] = predict(model, window[:, None, None], every_step=False)[0, 0]
        window[:-1] = window[1:]
        window[-1] = out[k]
    return out


# --- losses: each returns the loss and its gradient with respect to the prediction --------------


def mse_loss(y: np.ndarray, target: np.ndarray) -> tuple[float, np.ndarray]:
    """(mean of (y − target)², ∂L/∂y); y and target of the same shape."""
    diff = y - target
    return float(np.mean(diff * diff)), (2.0 / diff.size) * diff


def cross_entropy_loss(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """(mean of −log softmax(logits)[label], ∂L/∂logits) for logits (…, K), labels (…) ints."""
    z = logits - logits.max(axis=-1, keepdims=True)  # softmax is shift-invariant; no overflow
    log_p = z - np.log(np.exp(z).sum(axis=-1, keepdims=True))
    picked = np.take_along_axis(log_p, labels[..., None], axis=-1)
    dlogits = np.exp(log_p) - _one_hot(labels, logits.shape[-1])  # softmax − one-hot
    return float(-picked.mean()), dlogits / labels.size


def _one_hot(labels: np.ndarray, K: int) -> np.ndarray:
    return (labels[..., None] == np.arange(K)).astype(np.float64)


def loss_and_grads(model: Model, data: Dataset) -> tuple[float, tuple[np.ndarray, ...]]:
    """The loss on `data` and its gradients (dW, dU, db, dV, dc), shaped like model.arrays,
    computed at float64 by the trainer's own layers (fast_lstm.Network). A diverging model may
    overflow to inf or nan: that is returned, without warnings, and train() stops on it."""
    net = network(model, "float64")
    batch = _Batches(data, "float64")
    with np.errstate(over="ignore", invalid="ignore"):
        loss = net.loss_and_grads(*batch.take(np.arange(data.n)), data.loss, data.every_step)
    if not math.isfinite(loss):  # diverged (then dh is not finite either): no gradient
        return loss, tuple(np.full_like(a, np.nan) for a in model.arrays)
    D, H = net.D, net.H
    dTheta = net.dTheta
    return loss, (
        dTheta[:, :D].copy(),
        dTheta[:, D : D + H].copy(),
        dTheta[:, D + H].copy(),
        net.dV.copy(),
        net.dc.copy(),
    )


def network(model: Model, dtype: str = "float32") -> Network:
    """The trainer's copy of `model`: its parameters in one flat vector of `dtype`."""
    W, U, b, V, c = model.arrays
    return Network(model.kind, W, U, b, V, c, dtype)


def write_back(net: Network, model: Model) -> None:
    """Copy the network's parameters into `model`'s float64 arrays (in place)."""
    D, H = net.D, net.H
    model.cell.W[...] = net.Theta[:, :D]
    model.cell.U[...] = net.Theta[:, D : D + H]
    model.cell.b[...] = net.Theta[:, D + H]
    model.V[...] = net.V
    model.c[...] = net.c


class _Batches:
    """A data set in the trainer's layout and dtype (checked once per run): xs (T, D, N);
    mse targets (T, K, N) or (K, N); ce labels (T, N) or (N,)."""

    def __init__(self, data: Dataset, dtype: str) -> None:
        with np.errstate(over="ignore", invalid="ignore"):
            self.xs = np.ascontiguousarray(data.xs.transpose(0, 2, 1), dtype=dtype)
            if data.loss == "mse":
                ys = data.ys.transpose(0, 2, 1) if data.every_step else data.ys.T
                self.ys = np.ascontiguousarray(ys, dtype=dtype)
            else:
                self.ys = np.asarray(data.ys, dtype=np.int64)
        if not np.isfinite(self.xs).all():
            raise ValueError(f"the inputs hold values that are not finite numbers in {dtype}")

    def take(self, index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(xs, ys) of the examples `index`, in that order."""
        return self.xs[:, :, index], self.ys[..., index]


def _evaluate_net(net: Network, data: Dataset, batches: _Batches) -> tuple[float, float | None]:
    """(loss, accuracy) of the network on a whole data set, forward only, VAL_CHUNK examples at
    a time (mean over every prediction, as evaluate())."""
    total, correct, count = 0.0, 0, 0
    for start in range(0, data.n, VAL_CHUNK):
        index = np.arange(start, min(start + VAL_CHUNK, data.n))
        xs, ys = batches.take(index)
        y = net.outputs(xs, data.every_step)
        if data.loss == "mse":
            value = mse(y, ys)[0]
        else:
            value = cross_entropy(y, ys)[0]
            correct += int(np.count_nonzero(y.argmax(axis=-2) == ys))
        total += value * ys.size  # mse: a mean over numbers; ce: over labels
        count += ys.size
    accuracy = correct / count if data.loss == "ce" else None
    return total / count, accuracy


def evaluate(model: Model, data: Dataset) -> tuple[float, float | None]:
    """(loss, accuracy) on `data`; accuracy (fraction of correct classes) only for "ce"."""
    y = predict(model, data.xs, data.every_step)
    if data.loss == "mse":
        return mse_loss(y, data.ys)[0], None
    loss = cross_entropy_loss(y, data.ys)[0]
    return loss, float(np.mean(y.argmax(axis=-1) == data.ys))


# --- optimisers and clipping ---------------------------------------------------------------------


class SGD:
    """Plain stochastic gradient descent: θ ← θ − lr·g."""

    def __init__(self, learning_rate: float) -> None:
        self.learning_rate = learning_rate

    def step(self, params: tuple[np.ndarray, ...], grads: tuple[np.ndarray, ...]) -> None:
        """Update every array of `params` in place."""
        for p, g in zip(params, grads, strict=True):
            p -= self.learning_rate * g


class Adam:
    """Adam (Kingma & Ba 2015): running means of g and g², bias-corrected:
    m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − lr·m̂ / (√v̂ + ε),
    with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ) after t steps."""

    def __init__(
        self,
        learning_rate: float,
        params: tuple[np.ndarray, ...],
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
    ) -> None:
        self.learning_rate, self.beta1, self.beta2, self.eps = learning_rate, beta1, beta2, eps
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.t = 0

    def step(self, params: tuple[np.ndarray, ...], grads: tuple[np.ndarray, ...]) -> None:
        """Update every array of `params` in place."""
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        # lr·m̂/(√v̂ + ε) = lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
        step = self.learning_rate / (1.0 - b1**self.t)
        root = 1.0 / math.sqrt(1.0 - b2**self.t)
        for p, g, m, v in zip(params, grads, self.m, self.v, strict=True):
            m *= b1
            m += (1.0 - b1) * g
            v *= b2
            v += (1.0 - b2) * (g * g)
            p -= step * m / (np.sqrt(v) * root + self.eps)


def make_optimizer(name: str, learning_rate: float, params: tuple[np.ndarray, ...]) -> SGD | Adam:
    """SGD or Adam for `params`."""
    if name == "sgd":
        return SGD(learning_rate)
    if name == "adam":
        return Adam(learning_rate, params)
    raise ValueError(f"unknown optimizer {name!r}; expected one of {', '.join(OPTIMIZERS)}")


def global_norm(grads: tuple[np.ndarray, ...]) -> float:
    """‖g‖ = √(Σ over every array and entry of g²); inf or nan if a gradient exploded."""
    with np.errstate(over="ignore", invalid="ignore"):
        return math.sqrt(sum(float(np.vdot(g, g)) for g in grads))


def clip_global_norm(grads: tuple[np.ndarray, ...], max_norm: float) -> float:
    """Rescale all gradients in place by max_norm/‖g‖ when ‖g‖ > max_norm, so that their
    directions stay and the global norm becomes max_norm. Returns ‖g‖ before clipping."""
    norm = global_norm(grads)
    if norm > max_norm:
        scale = max_norm / norm
        for g in grads:
            g *= scale
    return norm


# --- the training loop ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides a training run (with the data, it fixes the result).

    clip_norm: None or 0 = no clipping. log_every: updates between history points and
    callbacks; 0 = once per epoch. forget_bias: LSTM only, None keeps the init scheme's.
    dtype: the trainer's arithmetic, "float32" (fast; the default) or "float64"; the model it
    returns holds float64 arrays either way.
    """

    model: str = "lstm"
    hidden_size: int = 20
    optimizer: str = "sgd"
    learning_rate: float = 0.01
    batch_size: int = 8
    epochs: int = 500
    clip_norm: float | None = None
    seed: int = 0
    init: str = "keras"
    forget_bias: float | None = None
    log_every: int = 0
    shuffle: bool = True
    dtype: str = "float32"

    def __post_init__(self) -> None:
        _choice(self.model, "model", MODELS)
        _choice(self.dtype, "dtype", DTYPES)
        _choice(self.optimizer, "optimizer", OPTIMIZERS)
        _choice(self.init, "init", SCHEMES)
        for name, lo in (("hidden_size", 1), ("batch_size", 1), ("epochs", 1), ("log_every", 0)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < lo:
                raise ValueError(f"{name} must be an integer ≥ {lo}, got {value!r}")
        _number(self.learning_rate, "learning_rate", 0.0, 10.0, open_low=True)
        if self.clip_norm is not None:
            _number(self.clip_norm, "clip_norm", 0.0, 1e6)
        if self.forget_bias is not None:
            _number(self.forget_bias, "forget_bias", -100.0, 100.0)


@dataclass(frozen=True, eq=False)
class History:
    """One entry per log point: updates done, epochs done (fractional), the mean training loss
    and the mean global gradient norm (before clipping) over the updates since the previous
    point, the validation loss and accuracy (nan when not measured) and the seconds since
    training began. All arrays (n,)."""

    updates: np.ndarray
    epochs: np.ndarray
    train_loss: np.ndarray
    grad_norm: np.ndarray
    val_loss: np.ndarray
    val_accuracy: np.ndarray
    seconds: np.ndarray


@dataclass
class _Log:
    """The history while it grows (lists), with the running sums since the last point."""

    rows: list[tuple[float, ...]] = field(default_factory=list)
    loss_sum: float = 0.0
    norm_sum: float = 0.0
    count: int = 0

    def add(self, loss: float, norm: float) -> None:
        self.loss_sum += loss
        self.norm_sum += norm
        self.count += 1

    def point(self, update: int, epoch: float, val: tuple[float, float], seconds: float) -> None:
        n = max(self.count, 1)
        self.rows.append(
            (update, epoch, self.loss_sum / n, self.norm_sum / n, val[0], val[1], seconds)
        )
        self.loss_sum = self.norm_sum = 0.0
        self.count = 0

    def history(self) -> History:
        a = np.array(self.rows, dtype=np.float64).reshape(-1, 7)
        return History(a[:, 0].astype(np.int64), *(a[:, k].copy() for k in range(1, 7)))


@dataclass(frozen=True, eq=False)
class Progress:
    """What a callback sees at a log point. model is the live model (copy it to keep it)."""

    model_kind: str
    update: int
    total_updates: int
    epoch: float
    train_loss: float
    val_loss: float | None
    seconds: float
    model: Model
    _log: _Log = field(repr=False)

    @property
    def fraction(self) -> float:
        """Share of the planned updates done, 0..1."""
        return self.update / self.total_updates

    @property
    def history(self) -> History:
        """The history so far (built when asked for: most callbacks only need the numbers)."""
        return self._log.history()


@dataclass(frozen=True, eq=False)
class TrainResult:
    """The trained model, its history, why training ended ("finished", "stopped" by the
    callback, or "diverged": a loss or gradient became inf/nan, the step was not taken) and
    the seconds it took."""

    model: Model
    config: TrainConfig
    history: History
    stopped: str
    seconds: float

    @property
    def updates(self) -> int:
        """Parameter updates done."""
        return int(self.history.updates[-1]) if len(self.history.updates) else 0


Callback = Callable[[Progress], bool | None]


def train(
    data: Dataset,
    config: TrainConfig,
    val: Dataset | None = None,
    callback: Callback | None = None,
) -> TrainResult:
    """Train a new model (config.model) on `data` with mini-batches of config.batch_size
    examples, drawn in a new random order every epoch (the last batch of an epoch may be
    smaller). Every config.log_every updates (or once per epoch) a history point is kept, the
    model is evaluated on `val` (if given) and `callback(progress)` is called; returning False
    stops training there. Returns a TrainResult."""
    model = init_model(
        config.model,
        data.xs.shape[2],
        config.hidden_size,
        data.n_outputs,
        config.seed,
        config.init,
        config.forget_bias if config.model == "lstm" else None,
    )
    net = network(model, config.dtype)
    batches = _Batches(data, config.dtype)  # checked here, once: no checks per update
    val_batches = _Batches(val, config.dtype) if val is not None else None
    params, grads = (net.theta,), (net.grad,)
    optimizer = make_optimizer(config.optimizer, config.learning_rate, params)
    rng = np.random.default_rng((config.seed, 2))  # the batches' order
    N = data.n
    B = min(config.batch_size, N)
    per_epoch = -(-N // B)
    total = per_epoch * config.epochs
    log_every = config.log_every or per_epoch
    clip = config.clip_norm or None
    log = _Log()
    stopped = "finished"
    update = 0

    def validate() -> tuple[float, float]:
        if val is None:
            return math.nan, math.nan
        return _nan(_evaluate_net(net, val, val_batches))

    started = time.perf_counter()
    with np.errstate(over="ignore", invalid="ignore"):  # divergence is a result, not a warning
        for _epoch in range(config.epochs):
            order = rng.permutation(N) if config.shuffle else np.arange(N)
            for k in range(per_epoch):
                xs, ys = batches.take(order[k * B : (k + 1) * B])
                loss = net.loss_and_grads(xs, ys, data.loss, data.every_step)
                norm = clip_global_norm(grads, clip) if clip else global_norm(grads)
                if not (math.isfinite(loss) and math.isfinite(norm)):
                    stopped = "diverged"  # the step is not taken: the weights stay finite
                    break
                optimizer.step(params, grads)
                update += 1
                log.add(loss, norm)
                if update % log_every and update != total:
                    continue
                write_back(net, model)
                val_point = validate()
                seconds = time.perf_counter() - started
                log.point(update, update / per_epoch, val_point, seconds)
                if callback is not None:
                    progress = Progress(
                        config.model,
                        update,
                        total,
                        update / per_epoch,
                        log.rows[-1][2],
                        val_point[0] if val is not None else None,
                        seconds,
                        model,
                        log,
                    )
                    if callback(progress) is False:
                        stopped = "stopped"
                        break
            if stopped != "finished":
                break
        if log.count:  # updates after the last point (training stopped early): one more point
            write_back(net, model)
            log.point(update, update / per_epoch, validate(), time.perf_counter() - started)
    seconds = time.perf_counter() - started
    return TrainResult(model, config, log.history(), stopped, seconds)


def _nan(point: tuple[float, float | None]) -> tuple[float, float]:
    loss, accuracy = point
    return loss, math.nan if accuracy is None else accuracy


# --- saving and loading ----------------------------------------------------------------------


def model_arrays(model: Model) -> dict[str, np.ndarray]:
    """The model as named float64 arrays (the .npz layout):

        weight_ih_l0   W   (4H, D) LSTM, gate blocks i, f, g, o / (H, D) RNN
        weight_hh_l0   U   (4H, H) / (H, H)
        bias_ih_l0     b   (4H,) / (H,)      the whole bias
        bias_hh_l0     0   (4H,) / (H,)      zeros (PyTorch adds the two biases)
        readout.weight V   (K, H)
        readout.bias   c   (K,)

    The model kind follows from the shapes: weight_ih_l0 has 4H rows for an LSTM, H for an RNN.
    """
    arrays = model.cell.to_torch()
    arrays["readout.weight"] = model.V.copy()
    arrays["readout.bias"] = model.c.copy()
    return arrays


def model_bytes(model: Model) -> bytes:
    """The .npz file of model_arrays(model), as bytes (np.savez, no pickles)."""
    buffer = io.BytesIO()
    np.savez(buffer, **model_arrays(model))
    return buffer.getvalue()


def save_model(model: Model, file: str | Path | BinaryIO) -> None:
    """Write the model to `file` (a path or a binary file) as an .npz (see model_arrays)."""
    data = model_bytes(model)
    if isinstance(file, str | Path):
        Path(file).write_bytes(data)
    else:
        file.write(data)


def load_model(source: str | Path | bytes | BinaryIO) -> Model:
    """A model from an .npz written by save_model (a path, the bytes, or a binary file).
    Read with np.load(allow_pickle=False) after checking the zip's size (lstm_core.lab.weights_io);
    ValueError saying what is wrong when it is not such a file."""
    from lstm_core.lab.weights_io import BadFileError, read_npz

    if isinstance(source, str | Path):
        path = Path(source)
        if path.stat().st_size > MAX_MODEL_BYTES:
            raise ValueError(f"{path.name} is larger than {MAX_MODEL_BYTES} bytes")
        data = path.read_bytes()
    elif isinstance(source, bytes | bytearray):
        data = bytes(source)
    else:
        data = source.read(MAX_MODEL_BYTES + 1)
    if len(data) > MAX_MODEL_BYTES:
        raise ValueError(f"the model file is larger than {MAX_MODEL_BYTES} bytes")
    arrays = read_npz(data)  # BadFileError (a ValueError) for damaged or pickled files
    needed = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", *READOUT_KEYS)
    missing = [key for key in needed if key not in arrays]
    if missing:
        raise BadFileError("missing_keys", f"missing arrays: {', '.join(missing)}")
    arrays.setdefault("bias_hh_l0", np.zeros_like(arrays["bias_ih_l0"]))
    rows, H = arrays["weight_ih_l0"].shape[0], arrays["weight_hh_l0"].shape[-1]
    cls = LSTMParams if rows == 4 * H else RNNParams
    cell = cls.from_torch(arrays)  # checks every shape and that all values are finite
    V, c = arrays["readout.weight"], arrays["readout.bias"]
    if not (np.isfinite(V).all() and np.isfinite(c).all()):
        raise ValueError("the read-out holds non-finite values")
    return Model(cell, V.copy(), c.copy())


# --- argument checks ---------------------------------------------------------------------------


def _choice(value: str, name: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ValueError(f"unknown {name} {value!r}; expected one of {', '.join(choices)}")


def _number(value: float, name: str, lo: float, hi: float, open_low: bool = False) -> None:
    ok = isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)
    ok = ok and (lo < value <= hi if open_low else lo <= value <= hi)
    if not ok:
        low = f"({lo}" if open_low else f"[{lo}"
        raise ValueError(f"{name} must be a number in {low}, {hi}], got {value!r}")
