"""LSTM Gate Lab's model core: LSTM and RNN cells, sequences and backprop through time in NumPy.

Shapes: D input size, H hidden size, T sequence length, optional batch B after T
(xs (T, B, D), states (B, H)). Gate blocks are stacked in PyTorch's order i, f, g, o.
The LSTM's variants (VARIANTS: standard, no_forget, coupled, peephole, no_input_gate,
no_output_gate, no_input_activation, no_output_activation) are described in cells.py;
CLASSIC_VARIANTS are the first three.
Imports numpy only (pandas lazily, for the traces' to_frame).
"""

from lstm_core.activations import sigmoid, tanh
from lstm_core.backward import LSTMGrads, RNNGrads, lstm_backward, recurrent_branches, rnn_backward
from lstm_core.cells import (
    CLASSIC_VARIANTS,
    VARIANTS,
    LSTMStep,
    RNNStep,
    gates_used,
    lstm_step,
    rnn_step,
)
from lstm_core.gru import (
    GRU_GATES,
    GRU_SCHEMES,
    GRUGateBlock,
    GRUGrads,
    GRUParams,
    GRUStep,
    GRUTrace,
    gru_backward,
    gru_step,
    run_gru,
)
from lstm_core.params import GATES, SCHEMES, GateBlock, LSTMParams, RNNParams
from lstm_core.sequence import LSTMTrace, RNNTrace, run_lstm, run_rnn

__all__ = [
    "CLASSIC_VARIANTS",
    "GATES",
    "GRU_GATES",
    "GRU_SCHEMES",
    "SCHEMES",
    "VARIANTS",
    "GRUGateBlock",
    "GRUGrads",
    "GRUParams",
    "GRUStep",
    "GRUTrace",
    "GateBlock",
    "LSTMGrads",
    "LSTMParams",
    "LSTMStep",
    "LSTMTrace",
    "RNNGrads",
    "RNNParams",
    "RNNStep",
    "RNNTrace",
    "gates_used",
    "gru_backward",
    "gru_step",
    "lstm_backward",
    "lstm_step",
    "recurrent_branches",
    "rnn_backward",
    "rnn_step",
    "run_gru",
    "run_lstm",
    "run_rnn",
    "sigmoid",
    "tanh",
]
