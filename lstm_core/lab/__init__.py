"""What the pages compute *with* the model, kept apart from the handout in lstm_core.

- `inputs`: the input sequences the pages offer (presets, typed numbers);
- `scenarios`: weights set so one step shows a chosen gate setting exactly;
- `gradient_flow`: how a loss gradient travels back through an RNN and an LSTM, and the theory;
- `verdicts`: what a measured gradient did (vanishes, grows, outlasts, ...), the one source of
  the pages' claims about it; `preview`: the home page's small RNN-vs-LSTM comparison;
- `tasks`, `train`: small training tasks and a NumPy trainer (Adam, SGD, clipping);
- `exercises`, `misconceptions`: the predict-then-reveal set and the five myths, computed;
- `weights_io`: reading and writing weight files with limits (no pickles).

Like the rest of lstm_core it imports numpy only (pandas lazily, for table exports).
"""
