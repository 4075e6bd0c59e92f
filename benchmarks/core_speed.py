"""Speed of the NumPy core: LSTM and GRU forward + full backprop through time, against
torch.nn.LSTM and torch.nn.GRU.

Batch 1, float64, one thread, input size D = 4; each figure is the best of several repeats, with
ours and torch's runs taking turns. The budget (DESIGN.md, issue 18): ratio at T=1000, H=64 at
most 0.3, for the LSTM and for the GRU. torch is optional: without it only our times are printed.
Run from the project root:

    python benchmarks/core_speed.py

The last line of the output is a JSON object of the figures (seconds and ratios).
"""

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

# One thread for every BLAS numpy or torch might load; this must happen before importing numpy.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_name] = "1"

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the project root

from lstm_core import (  # noqa: E402
    GRUParams,
    LSTMParams,
    gru_backward,
    lstm_backward,
    run_gru,
    run_lstm,
)

D = 4
CASES = ((1000, 8), (1000, 64), (1000, 128), (10000, 32))  # (T, H)
GRU_CASES = ((1000, 64),)
WIDTHS = (6, 4, 12, 16, 10, 6)  # columns of the printed table


def best_of(runs: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """The fastest of `repeats` timed runs of each closure, in seconds, after one warm-up run.
    The closures take turns within each repeat, so a busy machine slows them alike."""
    for run in runs.values():
        run()
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeats):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def numpy_lstm(T: int, H: int) -> tuple[Callable[[], object], Callable[[], object]]:
    """(forward only, forward + backward) closures for our core."""
    p = LSTMParams.init(D, H, seed=0)
    xs = np.random.default_rng(1).normal(size=(T, D))
    dh = np.ones((T, H))  # the gradient of L = Σ_t Σ_j h_t,j

    def forward() -> object:
        return run_lstm(p, xs)

    def forward_backward() -> object:
        return lstm_backward(p, run_lstm(p, xs), dh)

    return forward, forward_backward


def numpy_gru(T: int, H: int) -> tuple[Callable[[], object], Callable[[], object]]:
    """(forward only, forward + backward) closures for our GRU (nn.GRU's cell)."""
    g = GRUParams.init(D, H, seed=0)
    xs = np.random.default_rng(1).normal(size=(T, D))
    dh = np.ones((T, H))

    def forward() -> object:
        return run_gru(g, xs)

    def forward_backward() -> object:
        return gru_backward(g, run_gru(g, xs), dh)

    return forward, forward_backward


def torch_model(T: int, H: int, cell: str) -> Callable[[], object] | None:
    """A forward + backward closure for torch.nn.LSTM or torch.nn.GRU (cell "LSTM" or "GRU") on
    the same work, or None without torch."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    torch.manual_seed(0)
    model = getattr(torch.nn, cell)(D, H).double()
    xs = torch.randn(T, 1, D, dtype=torch.float64, requires_grad=True)

    def forward_backward() -> object:
        model.zero_grad()
        xs.grad = None
        out, _ = model(xs)
        out.sum().backward()
        return out

    return forward_backward


def measure(
    cases: tuple[tuple[int, int], ...], ours: Callable, cell: str, names: tuple[str, str, str]
) -> tuple[dict[str, float], list[tuple]]:
    """Time ours and torch's `cell` for each (T, H): the JSON figures and the table rows.
    names: how the figures of ours, torch's and the ratio start, e.g. ("gru", "torch_gru",
    "gru_ratio") gives gru_T1000_H64_seconds, torch_gru_T1000_H64_seconds, gru_ratio_T1000_H64."""
    ours_name, torch_name, ratio_name = names
    figures: dict[str, float] = {}
    rows = []
    for T, H in cases:
        forward, forward_backward = ours(T, H)
        runs = {"forward": forward, "forward_backward": forward_backward}
        torch_run = torch_model(T, H, cell)
        if torch_run is not None:
            runs["torch"] = torch_run
        best = best_of(runs, repeats=3 if T > 1000 else 10)
        ours_forward, ours_total = best["forward"], best["forward_backward"]
        theirs = best.get("torch")
        key = f"T{T}_H{H}"
        figures[f"{ours_name}_forward_{key}_seconds"] = round(ours_forward, 5)
        figures[f"{ours_name}_{key}_seconds"] = round(ours_total, 5)
        if theirs is not None:
            figures[f"{torch_name}_{key}_seconds"] = round(theirs, 5)
            figures[f"{ratio_name}_{key}"] = round(ours_total / theirs, 3)
        rows.append((T, H, ours_forward, ours_total, theirs))
    return figures, rows


def print_table(title: str, rows: list[tuple]) -> None:
    print(title)
    header = ("T", "H", "ours fwd ms", "ours fwd+bwd ms", "torch ms", "ratio")
    print(" ".join(f"{name:>{width}}" for name, width in zip(header, WIDTHS, strict=True)))
    for T, H, ours_forward, ours, theirs in rows:
        torch_ms = f"{1e3 * theirs:10.2f}" if theirs is not None else f"{'n/a':>10}"
        ratio = f"{ours / theirs:6.3f}" if theirs is not None else f"{'n/a':>6}"
        print(f"{T:>6} {H:>4} {1e3 * ours_forward:12.2f} {1e3 * ours:16.2f} {torch_ms} {ratio}")


def main() -> None:
    # The LSTM's figure names predate the GRU: lstm_…, torch_…, ratio_…
    figures, rows = measure(CASES, numpy_lstm, "LSTM", ("lstm", "torch", "ratio"))
    gru_figures, gru_rows = measure(GRU_CASES, numpy_gru, "GRU", ("gru", "torch_gru", "gru_ratio"))
    figures.update(gru_figures)

    setting = f"batch 1, D={D}, float64, one thread, best of repeats"
    print_table(f"LSTM forward + backward (BPTT), {setting}", rows)
    print()
    print_table(f"GRU forward + backward (BPTT) against torch.nn.GRU, {setting}", gru_rows)
    if not any(theirs is not None for *_, theirs in rows):
        print("torch is not installed: no comparison (budget: ratio at T=1000, H=64 at most 0.3)")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
