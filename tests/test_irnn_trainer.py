"""The IRNN as a model of the trainer: its fast float64 layer gives the same loss and gradients
as lstm_core.lab.irnn (run_irnn / irnn_backward with the read-out of readout_support), and train()
trains one."""

import numpy as np
import pytest

from lstm_core.lab.fast_lstm import Network
from lstm_core.lab.irnn import IRNNParams, irnn_backward, run_irnn
from lstm_core.lab.paper_tasks import adding_1997
from lstm_core.lab.train import TrainConfig, init_model, network, predict, train

from readout_support import readout_loss

T, B, D, H, K = 7, 3, 2, 5, 3


def reference(arrays, xs, ys, loss, every_step):
    W, U, b, V, c = arrays
    q = IRNNParams(W, U, b)
    tr = run_irnn(q, xs)
    value, dh, dV, dc = readout_loss(tr.h, V, c, ys, loss, every_step)
    g = irnn_backward(q, tr, dh).params
    return value, (g.W, g.U, g.b, dV, dc)


@pytest.mark.parametrize(
    ("loss", "every_step"), [("mse", True), ("mse", False), ("ce", True), ("ce", False)]
)
def test_fast_irnn_layer_matches_the_core_irnn_to_1e_10(loss, every_step):
    rng = np.random.default_rng(0)
    arrays = (
        rng.normal(0, 0.8, (H, D)),
        np.eye(H) + rng.normal(0, 0.3, (H, H)),
        rng.normal(0, 0.3, H),
        rng.normal(0, 0.8, (K, H)),
        rng.normal(0, 0.5, K),
    )
    xs = rng.normal(size=(T, B, D))
    shape = (T, B) if every_step else (B,)
    ys = rng.normal(size=(*shape, K)) if loss == "mse" else rng.integers(0, K, shape)
    expected_loss, expected = reference(arrays, xs, ys, loss, every_step)
    net = Network("irnn", arrays[:3], *arrays[3:], dtype="float64")
    xs_cols = np.ascontiguousarray(xs.transpose(0, 2, 1))
    ys_net = (ys.transpose(0, 2, 1) if every_step else ys.T) if loss == "mse" else ys
    value = net.loss_and_grads(xs_cols, np.ascontiguousarray(ys_net), loss, every_step)
    ours = net.grads()  # (dW, dU, db, dV, dc)
    assert value == pytest.approx(expected_loss, abs=1e-12)
    active = run_irnn(IRNNParams(*arrays[:3]), xs).h > 0
    assert active.any() and not active.all()  # relu is on for some units and off for others
    for name, a, e in zip("WUbVc", ours, expected, strict=True):
        assert np.abs(e).max() > 1e-3, name
        np.testing.assert_allclose(a, e, rtol=0, atol=1e-10, err_msg=name)


def test_train_offers_the_irnn_with_its_own_init_and_trains_it():
    model = init_model("irnn", 2, 8, seed=1)
    assert model.kind == "irnn" and np.array_equal(model.cell.U, np.eye(8))
    assert network(model).kind == "irnn"
    data = adding_1997(20, 256, np.random.default_rng(2), length=20)
    config = TrainConfig(
        model="irnn", hidden_size=8, optimizer="adam", learning_rate=0.003, batch_size=16,
        epochs=3, clip_norm=1.0,
    )  # fmt: skip
    result = train(data, config)
    assert result.model.kind == "irnn" and result.stopped == "finished"
    y = predict(result.model, data.xs, every_step=False)
    mse = float(np.mean((y - data.ys) ** 2))
    assert mse == pytest.approx(result.history.train_loss[-1], rel=0.5)  # the same model
    assert mse < float(np.var(data.ys))  # it learnt something beyond the mean
