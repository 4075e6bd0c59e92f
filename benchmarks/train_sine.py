"""The classic Keras sine demo, trained headless by the NumPy trainer, RNN and LSTM, against the
same experiment in PyTorch float32 (one thread, same run).

    python benchmarks/train_sine.py [--repeats 3] [--dtype float32]

x = linspace(−2π, 2π, 50), sin(x) + 0.1·N(0, 1); windows of 10 steps predicting the next value
at every step (40 samples); hidden 20, linear read-out, MSE, plain SGD lr 0.01, 500 epochs,
batch 8 — as in the original, which took about 22 s (RNN) and 23 s (LSTM) in Keras. One BLAS
thread, as in the app. Our runs and PyTorch's (benchmarks/torch_training.py, in a Python that has
torch: $TORCH_PYTHON or /work/torchvenv) take turns; each figure is the best of --repeats.
Budget (issue 19): both models together at most 0.3× PyTorch's time. Without torch only our
figures are printed. Ends with one line of JSON.
"""

import argparse
import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from training_speed import sine_once, torch_figures, torch_python

from lstm_ui.threads import limit_blas_threads

KINDS = ("rnn", "lstm")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs")
    parser.add_argument("--dtype", default="float32", choices=("float32", "float64"))
    args = parser.parse_args()
    limit_blas_threads()
    python = torch_python()
    ours = {kind: math.inf for kind in KINDS}
    theirs = {kind: math.inf for kind in KINDS}
    mse: dict[str, float] = {}
    torch_mse: dict[str, float] = {}
    for _ in range(args.repeats):
        for kind in KINDS:
            seconds, mse[kind] = sine_once(kind, args.dtype)
            ours[kind] = min(ours[kind], seconds)
        other = torch_figures(python, "sine")
        for kind in KINDS if other else ():
            theirs[kind] = min(theirs[kind], other[f"{kind}_seconds"])
            torch_mse[kind] = other[f"{kind}_final_mse"]
    has_torch = bool(torch_mse)

    figures: dict[str, object] = {}
    print(f"Keras sine demo, NumPy trainer in {args.dtype}; best of {args.repeats}")
    header = ("model", "seconds", "final MSE", "torch s", "torch MSE", "ratio")
    print("{:6} {:>8} {:>10} {:>8} {:>10} {:>6}".format(*header))
    for kind in KINDS:
        figures[f"{kind}_seconds"] = round(ours[kind], 3)
        figures[f"{kind}_final_mse"] = round(float(mse[kind]), 5)
        row = f"{kind:6} {ours[kind]:8.2f} {mse[kind]:10.4f}"
        if has_torch:
            figures[f"torch_{kind}_seconds"] = round(theirs[kind], 3)
            figures[f"torch_{kind}_final_mse"] = torch_mse[kind]
            row += f" {theirs[kind]:8.2f} {torch_mse[kind]:10.4f} {ours[kind] / theirs[kind]:6.2f}"
        print(row)
    both = ours["rnn"] + ours["lstm"]
    figures["both_seconds"] = round(both, 3)
    line = f"{'both':6} {both:8.2f}"
    if has_torch:
        torch_both = theirs["rnn"] + theirs["lstm"]
        figures["torch_both_seconds"] = round(torch_both, 3)
        figures["ratio_both"] = round(both / torch_both, 3)
        line += f" {'':10} {torch_both:8.2f} {'':10} {both / torch_both:6.2f}   (budget ≤ 0.3)"
    else:
        line += "   (torch not found: no comparison)"
    print(line)
    figures["dtype"] = args.dtype
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
