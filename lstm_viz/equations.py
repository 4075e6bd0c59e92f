"""The LSTM and RNN equations as LaTeX, in PyTorch's gate order i, f, g, o."""

LSTM_EQUATIONS: tuple[str, ...] = (
    r"i_t = \sigma(W_i x_t + U_i h_{t-1} + b_i)",
    r"f_t = \sigma(W_f x_t + U_f h_{t-1} + b_f)",
    r"g_t = \tanh(W_g x_t + U_g h_{t-1} + b_g)",
    r"o_t = \sigma(W_o x_t + U_o h_{t-1} + b_o)",
    r"c_t = f_t \odot c_{t-1} + i_t \odot g_t",
    r"h_t = o_t \odot \tanh(c_t)",
)

RNN_EQUATION = r"h_t = \tanh(W x_t + U h_{t-1} + b)"
