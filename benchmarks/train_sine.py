"""The classic Keras sine demo, trained headless by the NumPy core, RNN and LSTM.

    python benchmarks/train_sine.py [--repeats 3]

x = linspace(−2π, 2π, 50), sin(x) + 0.1·N(0, 1); windows of 10 steps predicting the next value
at every step (40 samples); hidden 20, linear read-out, MSE, plain SGD lr 0.01, 500 epochs,
batch 8 — as in the original, which took about 22 s (RNN) and 23 s (LSTM) in Keras. One BLAS
thread, as in the app. Ends with one line of JSON.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from training_speed import sine

from lstm_ui.threads import limit_blas_threads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    limit_blas_threads()
    figures = {}
    print(f"{'model':6} {'seconds':>8} {'final MSE':>10}")
    for kind in ("rnn", "lstm"):
        seconds, mse = sine(kind, args.repeats)
        figures[f"{kind}_seconds"] = round(seconds, 3)
        figures[f"{kind}_final_mse"] = round(float(mse), 5)
        print(f"{kind:6} {seconds:8.2f} {mse:10.4f}")
    print(f"{'both':6} {figures['rnn_seconds'] + figures['lstm_seconds']:8.2f}   (target < 2 s)")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
