"""The adding problem (Hochreiter & Schmidhuber), trained headless: an LSTM against an RNN, and the
cost of one training update against PyTorch float32 (one thread, same run).

    python benchmarks/train_adding.py [--T 50] [--cap 60]

Reference settings: hidden 32, Adam lr 0.01, batch 32, gradient-norm clipping 1, forget bias 1.
1. Milliseconds per training update at T = 50 (training updates only, no validation; best of 3
   runs of 256 updates), ours and PyTorch's (benchmarks/torch_training.py, in a Python that has
   torch: $TORCH_PYTHON or /work/torchvenv). Budget (issue 19): at most 1.0× PyTorch's.
2. The LSTM trains until its validation MSE falls below 0.01 (checked every 25 updates, at most
   --cap seconds); the RNN then trains for the same time. A constant guess scores MSE ≈ 0.167.
One BLAS thread, as in the app. Without torch only our figures are printed. Ends with one line
of JSON.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from training_speed import (
    adding_ms_per_update,
    lstm_time_to_target,
    rnn_after,
    torch_figures,
    torch_python,
)

from lstm_ui.threads import limit_blas_threads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--T", type=int, default=50)
    parser.add_argument("--cap", type=float, default=60.0, help="seconds allowed to the LSTM")
    args = parser.parse_args()
    limit_blas_threads()
    figures: dict[str, object] = {"T": args.T}

    ms = {kind: adding_ms_per_update(kind) for kind in ("rnn", "lstm")}
    other = torch_figures(torch_python(), "adding", "--updates", "256")
    print("one training update, T = 50, H = 32, batch 32, Adam, clipping 1 (best of 3 × 256)")
    print(f"{'model':6} {'ms/update':>10} {'torch ms':>9} {'ratio':>6}")
    for kind in ("rnn", "lstm"):
        figures[f"{kind}_ms_per_update"] = round(ms[kind], 3)
        row = f"{kind:6} {ms[kind]:10.3f}"
        if other:
            theirs = other[f"{kind}_ms_per_update"]
            figures[f"torch_{kind}_ms_per_update"] = theirs
            figures[f"{kind}_ratio_per_update"] = round(ms[kind] / theirs, 3)
            row += f" {theirs:9.3f} {ms[kind] / theirs:6.2f}   (budget ≤ 1.0)"
        print(row)
    if not other:
        print("torch not found: no comparison")

    lstm = lstm_time_to_target(args.T, args.cap)
    rnn = rnn_after(args.T, lstm["trained_seconds"])
    print(f"\nadding problem, T = {args.T}")
    print(f"{'model':6} {'seconds':>8} {'updates':>8} {'val MSE':>8}")
    print(
        f"{'lstm':6} {lstm['trained_seconds']:8.2f} {lstm['trained_updates']:8d} "
        f"{lstm['val_mse']:8.4f}"
    )
    print(f"{'rnn':6} {rnn['seconds']:8.2f} {rnn['updates']:8d} {rnn['val_mse']:8.4f}")
    figures.update(
        {
            "lstm_seconds": round(lstm["trained_seconds"], 2),
            "lstm_val_mse": round(lstm["val_mse"], 5),
            "lstm_reached_0_01": lstm["seconds"] is not None,
            "rnn_seconds": round(rnn["seconds"], 2),
            "rnn_val_mse": round(rnn["val_mse"], 5),
        }
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
