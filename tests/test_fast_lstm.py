"""The trainer's own layers (lstm_core.lab.fast_lstm) against the handout core: the same losses and
gradients as run_lstm / lstm_backward and run_rnn / rnn_backward (to 1e-10 at float64, to float32
precision at float32), and the forward-only runs the trainer validates with."""

import numpy as np
import pytest

from lstm_core import (
    GRUParams,
    LSTMParams,
    RNNParams,
    gru_backward,
    lstm_backward,
    rnn_backward,
    run_gru,
    run_lstm,
    run_rnn,
)
from lstm_core.lab.fast_lstm import LSTM_VARIANTS, Network
from lstm_core.lab.tasks import Dataset, make_task
from lstm_core.lab.train import TrainConfig, evaluate, init_model, network, train

from readout_support import readout_loss

T, B, D, H, K = 6, 3, 2, 4, 3
CASES = [("rnn", "standard"), ("gru", "standard")] + [("lstm", v) for v in LSTM_VARIANTS]
NAMES = {"rnn": ("W", "U", "b"), "lstm": ("W", "U", "b"), "gru": ("W", "U", "b_ih", "b_hh")}


def random_arrays(kind: str, variant: str = "standard", seed: int = 0) -> tuple[np.ndarray, ...]:
    """The cell's arrays (lstm_core's layout; with the peepholes for "peephole") and V, c, large
    enough that every gradient is far from zero."""
    rng = np.random.default_rng(seed)
    rows = {"rnn": H, "lstm": 4 * H, "gru": 3 * H}[kind]
    cell = [rng.normal(0, 0.8, (rows, D)), rng.normal(0, 0.8, (rows, H)), rng.normal(0, 0.5, rows)]
    if kind == "gru":
        cell.append(rng.normal(0, 0.5, rows))  # b_hh
    if variant == "peephole":
        cell.append(rng.normal(0, 0.8, (3, H)))
    return (*cell, rng.normal(0, 0.8, (K, H)), rng.normal(0, 0.5, K))


def reference(kind, variant, arrays, xs, ys, loss, every_step):
    """Loss and the gradients of every array (as arrays) from lstm_core's run_* / *_backward
    and the read-out and loss written out in readout_support, batch-first as the core has it:
    xs (T, B, D)."""
    *cell, V, c = arrays
    if kind == "lstm":
        p = LSTMParams(*cell)
        tr = run_lstm(p, xs, variant=variant)
    elif kind == "gru":
        p = GRUParams(*cell)
        tr = run_gru(p, xs)
    else:
        p = RNNParams(*cell)
        tr = run_rnn(p, xs)
    value, dh, dV, dc = readout_loss(tr.h, V, c, ys, loss, every_step)
    backward = {"lstm": lstm_backward, "gru": gru_backward, "rnn": rnn_backward}[kind]
    g = backward(p, tr, dh).params
    dcell = [getattr(g, name) for name in NAMES[kind]]
    if variant == "peephole":
        dcell.append(g.peephole)
    return value, (*dcell, dV, dc)


def ours(net: Network, xs, ys, loss, every_step):
    """Loss and gradients from the fast network, in lstm_core's layouts."""
    xs_cols = np.ascontiguousarray(xs.transpose(0, 2, 1), dtype=net.theta.dtype)
    if loss == "mse":
        ys = ys.transpose(0, 2, 1) if every_step else ys.T
        ys = np.ascontiguousarray(ys, dtype=net.theta.dtype)
    value = net.loss_and_grads(xs_cols, ys, loss, every_step)
    return value, net.grads()


def build(kind, variant, arrays, dtype):
    *cell, V, c = arrays
    return Network(kind, tuple(cell), V, c, dtype=dtype, variant=variant)


def batch(loss: str, every_step: bool, seed: int = 1):
    rng = np.random.default_rng(seed)
    xs = rng.normal(size=(T, B, D))
    shape = (T, B) if every_step else (B,)
    ys = rng.normal(size=(*shape, K)) if loss == "mse" else rng.integers(0, K, shape)
    return xs, ys


@pytest.mark.parametrize(("kind", "variant"), CASES)
@pytest.mark.parametrize(
    ("loss", "every_step"), [("mse", True), ("mse", False), ("ce", True), ("ce", False)]
)
def test_float64_gradients_match_the_core_to_1e_10(kind, variant, loss, every_step):
    arrays = random_arrays(kind, variant)
    xs, ys = batch(loss, every_step)
    expected_loss, expected = reference(kind, variant, arrays, xs, ys, loss, every_step)
    value, grads = ours(build(kind, variant, arrays, "float64"), xs, ys, loss, every_step)
    assert value == pytest.approx(expected_loss, abs=1e-12)
    for k, (a, e) in enumerate(zip(grads, expected, strict=True)):
        assert np.abs(e).max() > 1e-3, k  # the comparison means something
        np.testing.assert_allclose(a, e, rtol=0, atol=1e-10, err_msg=f"array {k}")


@pytest.mark.parametrize(("kind", "variant"), CASES)
def test_float32_gradients_match_the_core_to_float32_precision(kind, variant):
    arrays = random_arrays(kind, variant, seed=2)
    xs, ys = batch("mse", True, seed=3)
    _, expected = reference(kind, variant, arrays, xs, ys, "mse", True)
    net = build(kind, variant, arrays, "float32")
    _, grads = ours(net, xs, ys, "mse", True)
    assert net.theta.dtype == net.grad.dtype == np.float32
    for a, e in zip(grads, expected, strict=True):
        scale = max(np.abs(e).max(), 1e-3)
        np.testing.assert_allclose(a, e, rtol=0, atol=2e-5 * scale)


@pytest.mark.parametrize(("kind", "variant"), CASES)
def test_a_forward_only_run_equals_the_training_run_every_time_it_is_called(kind, variant):
    net = build(kind, variant, random_arrays(kind, variant), "float64")
    rng = np.random.default_rng(4)
    for _ in range(3):  # reused buffers must not carry a state from one call into the next
        xs = rng.normal(size=(T, D, B))
        kept = net.outputs(xs, every_step=True, keep=True).copy()
        np.testing.assert_allclose(net.outputs(xs, every_step=True), kept, atol=1e-14)
        np.testing.assert_allclose(net.outputs(xs, every_step=False), kept[-1], atol=1e-14)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_the_validation_loss_in_the_history_is_evaluate_of_the_model(dtype):
    task = make_task("adding", T=12, n_train=64, n_val=300)  # 300: more than one chunk
    config = TrainConfig(model="lstm", hidden_size=5, optimizer="adam", batch_size=16, epochs=2)
    result = train(task.train, replace_dtype(config, dtype), task.val)
    expected = evaluate(result.model, task.val)[0]
    tolerance = 1e-12 if dtype == "float64" else 1e-5
    assert result.history.val_loss[-1] == pytest.approx(expected, rel=tolerance)


def test_the_accuracy_in_the_history_is_evaluate_of_the_model():
    task = make_task("sign", T=8, n_train=64, n_val=200)
    config = TrainConfig(model="rnn", hidden_size=4, optimizer="adam", batch_size=16, epochs=3)
    result = train(task.train, replace_dtype(config, "float64"), task.val)
    loss, accuracy = evaluate(result.model, task.val)
    assert result.history.val_loss[-1] == pytest.approx(loss, rel=1e-12)
    assert result.history.val_accuracy[-1] == accuracy


def test_float32_and_float64_training_reach_nearly_the_same_model():
    task = make_task("sine")
    config = TrainConfig(model="lstm", hidden_size=8, learning_rate=0.05, batch_size=8, epochs=20)
    a = train(task.train, replace_dtype(config, "float32"))
    b = train(task.train, replace_dtype(config, "float64"))
    np.testing.assert_allclose(a.history.train_loss, b.history.train_loss, rtol=1e-3)


def test_the_network_round_trips_the_model_arrays():
    model = init_model("lstm", D, H, K, seed=5)
    net = network(model, "float64")
    for a, e in zip(net.arrays(), model.arrays, strict=True):
        np.testing.assert_array_equal(a, e)


def test_inputs_that_do_not_fit_float32_are_refused_before_training():
    task = make_task("sine")
    huge = Dataset(task.train.xs * 1e300, task.train.ys, "mse", True, 1)
    with pytest.raises(ValueError, match="float32"):
        train(huge, TrainConfig(hidden_size=4, epochs=1))


def replace_dtype(config: TrainConfig, dtype: str) -> TrainConfig:
    return TrainConfig(**{**config.__dict__, "dtype": dtype})
