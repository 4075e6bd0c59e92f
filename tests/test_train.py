"""The trainer: gradients of the whole model against finite differences, the optimisers,
clipping, reproducibility, the progress callback, and saving / loading trained models."""

import io
import math

import numpy as np
import pytest

from lstm_core import LSTMParams, RNNParams, run_lstm
from lstm_core.lab.tasks import Dataset, make_task, sine_demo
from lstm_core.lab.train import (
    SGD,
    Adam,
    Model,
    TrainConfig,
    clip_global_norm,
    closed_loop,
    cross_entropy_loss,
    global_norm,
    init_model,
    load_model,
    loss_and_grads,
    model_arrays,
    model_bytes,
    predict,
    save_model,
    train,
)

from fd_support import numerical_gradient

T, B, D, H, K = 5, 3, 2, 3, 2


def random_model(kind: str, seed: int = 0) -> Model:
    """Weights large enough that every gradient is far from zero (a fair finite-difference test)."""
    rng = np.random.default_rng(seed)
    rows = 4 * H if kind == "lstm" else H
    cls = LSTMParams if kind == "lstm" else RNNParams
    cell = cls(
        rng.normal(0, 0.8, (rows, D)), rng.normal(0, 0.8, (rows, H)), rng.normal(0, 0.5, rows)
    )
    return Model(cell, rng.normal(0, 0.8, (K, H)), rng.normal(0, 0.5, K))


def random_data(loss: str, every_step: bool, seed: int = 1) -> Dataset:
    rng = np.random.default_rng(seed)
    xs = rng.normal(size=(T, B, D))
    shape = (T, B) if every_step else (B,)
    ys = rng.normal(size=(*shape, K)) if loss == "mse" else rng.integers(0, K, shape)
    return Dataset(xs, ys, loss, every_step, K)


def numerical_grads(model: Model, data: Dataset) -> list[np.ndarray]:
    """Central differences (L(θ + ε) − L(θ − ε)) / 2ε for every entry of every array."""
    return [numerical_gradient(lambda: loss_and_grads(model, data)[0], a) for a in model.arrays]


@pytest.mark.parametrize("kind", ["rnn", "lstm"])
@pytest.mark.parametrize(
    ("loss", "every_step"), [("mse", True), ("mse", False), ("ce", True), ("ce", False)]
)
def test_gradients_of_the_whole_model_match_central_differences(kind, loss, every_step):
    model, data = random_model(kind), random_data(loss, every_step)
    _, analytic = loss_and_grads(model, data)
    numeric = numerical_grads(model, data)
    for name, a, n in zip(("W", "U", "b", "V", "c"), analytic, numeric, strict=True):
        assert np.abs(n).max() > 1e-4, name  # the check means something
        rel = np.linalg.norm(a - n) / max(np.linalg.norm(a), np.linalg.norm(n))
        assert rel < 1e-6, (name, rel)


def test_cross_entropy_is_minus_log_softmax_of_the_label():
    logits = np.array([[2.0, -1.0, 0.5], [0.0, 0.0, 0.0]])
    labels = np.array([0, 2])
    loss, dlogits = cross_entropy_loss(logits, labels)
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    assert loss == pytest.approx(-np.mean(np.log(p[[0, 1], labels])), rel=1e-12)
    np.testing.assert_allclose(dlogits, (p - np.eye(3)[labels]) / 2, atol=1e-15)
    # no overflow for huge logits
    assert cross_entropy_loss(np.array([[1e300, 0.0]]), np.array([0]))[0] == 0.0


def test_sgd_step_is_theta_minus_lr_times_g():
    theta = np.array([1.0, -2.0])
    SGD(0.1).step((theta,), (np.array([0.5, 1.0]),))
    np.testing.assert_array_equal(theta, [1.0 - 0.05, -2.0 - 0.1])


def test_adam_follows_kingma_and_ba_with_bias_correction():
    theta = np.array([1.0, -2.0, 0.5])
    lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
    adam = Adam(lr, (theta,), b1, b2, eps)
    m = v = np.zeros(3)
    expected = theta.copy()
    rng = np.random.default_rng(0)
    for t in range(1, 4):
        g = rng.normal(size=3)
        adam.step((theta,), (g,))
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
        expected = expected - lr * m_hat / (np.sqrt(v_hat) + eps)
        np.testing.assert_allclose(theta, expected, rtol=1e-12, atol=1e-15)
    # the first step moves every weight by lr in the direction of −g, whatever |g|
    theta = np.zeros(2)
    Adam(0.01, (theta,)).step((theta,), (np.array([1e-3, -50.0]),))
    np.testing.assert_allclose(theta, [-0.01, 0.01], rtol=1e-4)


def test_clipping_rescales_all_gradients_to_the_threshold_and_keeps_their_direction():
    grads = (np.array([3.0, 0.0]), np.array([[0.0, 4.0]]))  # global norm 5
    before = [g.copy() for g in grads]
    assert clip_global_norm(grads, 1.0) == pytest.approx(5.0)
    assert global_norm(grads) == pytest.approx(1.0)
    for g, old in zip(grads, before, strict=True):
        np.testing.assert_allclose(g, old / 5.0)
    small = (np.array([0.3, 0.4]),)
    assert clip_global_norm(small, 1.0) == pytest.approx(0.5)
    np.testing.assert_array_equal(small[0], [0.3, 0.4])  # under the threshold: unchanged


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
@pytest.mark.parametrize("kind", ["rnn", "lstm"])
def test_training_reduces_the_loss_on_a_tiny_problem(optimizer, kind):
    task = sine_demo()
    lr = 0.1 if optimizer == "sgd" else 0.01
    config = TrainConfig(
        model=kind, hidden_size=8, optimizer=optimizer, learning_rate=lr, batch_size=8, epochs=30
    )
    result = train(task.train, config)
    losses = result.history.train_loss
    assert result.stopped == "finished" and result.updates == 30 * 5
    assert len(losses) == 30  # one point per epoch
    assert losses[-1] < 0.3 * losses[0]


def test_the_adding_problem_history_has_validation_points_every_log_every_updates():
    task = make_task("adding", T=10, n_train=64, n_val=32)
    config = TrainConfig(
        model="lstm",
        hidden_size=4,
        optimizer="adam",
        batch_size=16,
        epochs=3,
        log_every=5,
        clip_norm=1.0,
    )
    h = train(task.train, config, task.val).history
    assert list(h.updates) == [5, 10, 12]  # 4 updates per epoch; the last one always logged
    assert np.isfinite(h.val_loss).all() and np.isnan(h.val_accuracy).all()
    assert np.all(np.diff(h.seconds) >= 0) and np.all(h.grad_norm > 0)


def test_the_same_seed_gives_identical_losses_and_another_seed_does_not():
    task = make_task("sign", T=8, n_train=64, n_val=32)
    config = TrainConfig(model="rnn", hidden_size=4, optimizer="adam", batch_size=16, epochs=4)
    a, b = train(task.train, config, task.val), train(task.train, config, task.val)
    np.testing.assert_array_equal(a.history.train_loss, b.history.train_loss)
    np.testing.assert_array_equal(a.history.val_loss, b.history.val_loss)
    for x, y in zip(a.model.arrays, b.model.arrays, strict=True):
        np.testing.assert_array_equal(x, y)
    c = train(task.train, TrainConfig(**{**config.__dict__, "seed": 1}), task.val)
    assert not np.array_equal(a.history.train_loss, c.history.train_loss)


def test_a_callback_returning_false_stops_training_there():
    task = sine_demo()
    seen = []

    def callback(progress):
        seen.append(progress.update)
        assert 0 < progress.fraction <= 1 and progress.total_updates == 50 * 5
        return len(seen) < 3

    result = train(task.train, TrainConfig(hidden_size=4, epochs=50), callback=callback)
    assert seen == [5, 10, 15]
    assert result.stopped == "stopped" and result.updates == 15
    assert len(result.history.updates) == 3


def test_a_loss_that_overflows_stops_training_as_diverged_without_touching_the_weights():
    task = sine_demo()
    huge = Dataset(task.train.xs, task.train.ys * 1e300, "mse", True, 1)
    result = train(huge, TrainConfig(hidden_size=4, epochs=2))
    fresh = init_model("lstm", 1, 4, 1, seed=0)
    assert result.stopped == "diverged" and result.updates == 0
    for a, b in zip(result.model.arrays, fresh.arrays, strict=True):
        np.testing.assert_array_equal(a, b)


def test_closed_loop_feeds_the_models_own_outputs_back_in():
    model = init_model("lstm", 1, 3, 1, seed=4)
    start = np.array([0.1, -0.2, 0.3])
    out = closed_loop(model, start, 3)
    window = list(start)
    for k in range(3):
        y = predict(model, np.array(window)[:, None, None], every_step=False)[0, 0]
        assert out[k] == y
        window = [*window[1:], y]


def test_predict_runs_large_batches_in_chunks_with_the_same_result():
    model = random_model("lstm")
    xs = np.random.default_rng(1).normal(size=(T, 150, D))  # 150 > PREDICT_CHUNK
    h = run_lstm(model.cell, xs).h
    np.testing.assert_allclose(predict(model, xs), h @ model.V.T + model.c, atol=1e-14)
    np.testing.assert_allclose(
        predict(model, xs, every_step=False), h[-1] @ model.V.T + model.c, atol=1e-14
    )


def test_predict_gives_a_value_per_step_or_only_the_last():
    model = random_model("rnn")
    xs = np.random.default_rng(0).normal(size=(T, B, D))
    every = predict(model, xs)
    assert every.shape == (T, B, K)
    np.testing.assert_array_equal(predict(model, xs, every_step=False), every[-1])


@pytest.mark.parametrize("kind", ["rnn", "lstm"])
def test_save_and_load_round_trip_is_exact_through_a_path_bytes_and_a_file(kind, tmp_path):
    model = random_model(kind, seed=3)
    path = tmp_path / "model.npz"
    save_model(model, path)
    buffer = io.BytesIO()
    save_model(model, buffer)
    for loaded in (
        load_model(path),
        load_model(model_bytes(model)),
        load_model(io.BytesIO(buffer.getvalue())),
    ):
        assert loaded.kind == kind
        for a, b in zip(loaded.arrays, model.arrays, strict=True):
            np.testing.assert_array_equal(a, b)


def test_the_npz_layout_uses_pytorch_names():
    model = random_model("lstm")
    with np.load(io.BytesIO(model_bytes(model)), allow_pickle=False) as npz:
        assert sorted(npz.files) == sorted(
            [
                "weight_ih_l0",
                "weight_hh_l0",
                "bias_ih_l0",
                "bias_hh_l0",
                "readout.weight",
                "readout.bias",
            ]
        )
        assert npz["weight_ih_l0"].shape == (4 * H, D) and npz["readout.weight"].shape == (K, H)
        np.testing.assert_array_equal(npz["bias_hh_l0"], np.zeros(4 * H))
    assert set(model_arrays(model)) == set(npz.files)


def test_loading_refuses_pickles_missing_arrays_and_wrong_shapes():
    pickled = io.BytesIO()
    np.savez(pickled, weight_ih_l0=np.array([{"evil": 1}], dtype=object))
    with pytest.raises(ValueError, match="pickle"):
        load_model(pickled.getvalue())
    arrays = model_arrays(random_model("lstm"))
    del arrays["readout.bias"]
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    with pytest.raises(ValueError, match=r"readout\.bias"):
        load_model(buffer.getvalue())
    arrays = model_arrays(random_model("lstm"))
    arrays["readout.weight"] = np.zeros((K, H + 1))
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    with pytest.raises(ValueError, match="read-out"):
        load_model(buffer.getvalue())
    with pytest.raises(ValueError):
        load_model(b"not a zip file")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"model": "transformer"}, "unknown model"),
        ({"model": "rnn", "variant": "peephole"}, "unknown variant"),
        ({"optimizer": "rmsprop"}, "unknown optimizer"),
        ({"learning_rate": 0.0}, "learning_rate"),
        ({"learning_rate": math.nan}, "learning_rate"),
        ({"batch_size": 0}, "batch_size"),
        ({"clip_norm": -1.0}, "clip_norm"),
    ],
)
def test_a_bad_config_raises_a_value_error_naming_the_setting(changes, message):
    with pytest.raises(ValueError, match=message):
        TrainConfig(**changes)
