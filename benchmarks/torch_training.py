"""The training lab's two speed experiments in PyTorch float32, one thread, for comparison.

    /work/torchvenv/bin/python benchmarks/torch_training.py sine
    /work/torchvenv/bin/python benchmarks/torch_training.py adding [--updates 200]

Run by benchmarks/train_sine.py and benchmarks/train_adding.py in a Python that has torch (this
project never depends on torch). Uses only torch, numpy and lstm_core.lab.tasks (numpy only), so
the data are the ones our trainer sees.

sine: the Keras demo as benchmarks/train_sine.py runs it: nn.RNN / nn.LSTM(1, 20) and
    nn.Linear(20, 1), MSE at every step, plain SGD lr 0.01, 500 epochs of the 40 windows in
    shuffled batches of 8. Prints {"rnn_seconds": …, "lstm_seconds": …, "rnn_final_mse": …, …}.
adding: one training update at T = 50 (hidden 32, batch 32, MSE on the last step, Adam lr 0.01,
    gradient-norm clipping 1), the best of 3 runs of --updates updates after a warm-up.
    Prints {"rnn_ms_per_update": …, "lstm_ms_per_update": …}.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import numpy as np  # noqa: E402
import torch  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lstm_core.lab.tasks import make_task  # noqa: E402

torch.set_num_threads(1)


def layer(kind: str, D: int, H: int) -> torch.nn.Module:
    return torch.nn.LSTM(D, H) if kind == "lstm" else torch.nn.RNN(D, H)


def sine(kind: str) -> tuple[float, float]:
    """(seconds, final MSE on the 40 windows) of the Keras demo in PyTorch."""
    task = make_task("sine")
    xs = torch.tensor(task.train.xs, dtype=torch.float32)  # (10, 40, 1)
    ys = torch.tensor(task.train.ys, dtype=torch.float32)
    torch.manual_seed(0)
    rnn, readout = layer(kind, 1, 20), torch.nn.Linear(20, 1)
    params = [*rnn.parameters(), *readout.parameters()]
    optimizer = torch.optim.SGD(params, lr=0.01)
    order_rng = torch.Generator().manual_seed(0)
    N = xs.shape[1]
    started = time.perf_counter()
    for _epoch in range(500):
        order = torch.randperm(N, generator=order_rng)
        for k in range(0, N, 8):
            index = order[k : k + 8]
            out, _ = rnn(xs[:, index])
            loss = torch.nn.functional.mse_loss(readout(out), ys[:, index])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    seconds = time.perf_counter() - started
    with torch.no_grad():
        out, _ = rnn(xs)
        final = float(torch.nn.functional.mse_loss(readout(out), ys))
    return seconds, final


def adding(kind: str, updates: int) -> float:
    """Milliseconds per training update on the adding problem, T = 50 (best of 3 runs)."""
    task = make_task("adding", T=50, n_train=2000, n_val=256)
    xs = torch.tensor(task.train.xs, dtype=torch.float32)  # (50, 2000, 2)
    ys = torch.tensor(task.train.ys, dtype=torch.float32)  # (2000, 1)
    torch.manual_seed(0)
    rnn, readout = layer(kind, 2, 32), torch.nn.Linear(32, 1)
    params = [*rnn.parameters(), *readout.parameters()]
    optimizer = torch.optim.Adam(params, lr=0.01)
    batches = np.random.default_rng(0).integers(0, xs.shape[1], (updates, 32))

    def run(n: int) -> None:
        for index in batches[:n]:
            out, _ = rnn(xs[:, index])
            loss = torch.nn.functional.mse_loss(readout(out[-1]), ys[index])
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()

    run(10)  # warm-up
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        run(updates)
        best = min(best, (time.perf_counter() - started) / updates)
    return 1e3 * best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("experiment", choices=("sine", "adding"))
    parser.add_argument("--updates", type=int, default=200)
    args = parser.parse_args()
    figures: dict[str, float] = {}
    for kind in ("rnn", "lstm"):
        if args.experiment == "sine":
            seconds, final = sine(kind)
            figures[f"{kind}_seconds"] = round(seconds, 3)
            figures[f"{kind}_final_mse"] = round(final, 5)
        else:
            figures[f"{kind}_ms_per_update"] = round(adding(kind, args.updates), 3)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
