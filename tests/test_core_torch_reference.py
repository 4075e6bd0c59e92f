"""lstm_core against PyTorch's nn.LSTM and nn.RNN: outputs and every gradient.

The reference numbers were computed by PyTorch (tests/fixtures/make_torch_reference.py) and are
stored in tests/fixtures/torch_reference.npz, so the comparison runs without torch installed.
"""

from pathlib import Path

import numpy as np
import pytest

from lstm_core import LSTMParams, RNNParams, lstm_backward, rnn_backward, run_lstm, run_rnn

REFERENCE = Path(__file__).parent / "fixtures" / "torch_reference.npz"
KEYS = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")


@pytest.fixture(scope="module")
def ref():
    with np.load(REFERENCE, allow_pickle=False) as data:
        return {k: data[k] for k in data.files}


def test_lstm_matches_pytorch_forward_and_backward(ref):
    p = LSTMParams.from_torch({k: ref[f"lstm_{k}"] for k in KEYS})
    assert not np.array_equal(ref["lstm_bias_hh_l0"], 0)  # both biases count
    tr = run_lstm(p, ref["lstm_xs"], ref["lstm_h0"], ref["lstm_c0"])
    g = lstm_backward(p, tr, ref["lstm_w"])
    np.testing.assert_allclose(tr.h, ref["lstm_out"], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(g.params.W, ref["lstm_grad_weight_ih_l0"], rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(g.params.U, ref["lstm_grad_weight_hh_l0"], rtol=1e-10, atol=1e-13)
    # b = bias_ih + bias_hh, so dL/db equals PyTorch's gradient of either bias.
    np.testing.assert_allclose(g.params.b, ref["lstm_grad_bias_ih_l0"], rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(g.params.b, ref["lstm_grad_bias_hh_l0"], rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(g.dx, ref["lstm_dx"], rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(g.dh0, ref["lstm_dh0"], rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(g.dc0, ref["lstm_dc0"], rtol=1e-10, atol=1e-13)


def test_rnn_matches_pytorch_forward_and_backward(ref):
    q = RNNParams.from_torch({k: ref[f"rnn_{k}"] for k in KEYS})
    tr = run_rnn(q, ref["rnn_xs"])
    g = rnn_backward(q, tr, ref["rnn_w"])
    np.testing.assert_allclose(tr.h, ref["rnn_out"], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(g.params.W, ref["rnn_grad_weight_ih_l0"], rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(g.params.U, ref["rnn_grad_weight_hh_l0"], rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(g.params.b, ref["rnn_grad_bias_ih_l0"], rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(g.dx, ref["rnn_dx"], rtol=1e-10, atol=1e-13)


def test_to_torch_layout_reproduces_the_reference_state_dict_outputs(ref):
    p = LSTMParams.from_torch({k: ref[f"lstm_{k}"] for k in KEYS})
    again = LSTMParams.from_torch(p.to_torch())
    tr = run_lstm(again, ref["lstm_xs"], ref["lstm_h0"], ref["lstm_c0"])
    np.testing.assert_allclose(tr.h, ref["lstm_out"], rtol=1e-12, atol=1e-14)
