"""Training speed of the NumPy core on the training lab's two experiments.

    python benchmarks/training_speed.py [--repeats 3] [--T 50] [--sweep 100,150,200]

1. The Keras sine demo (hidden 20, plain SGD lr 0.01, 500 epochs of 40 windows in batches of 8,
   MSE): seconds per model (best of --repeats runs) and the final MSE on the 40 windows.
   Target: both models together under 2 s.
2. The adding problem at T (reference settings: hidden 32, Adam lr 0.01, batch 32, clipping 1,
   forget bias 1; 2000 training and 256 validation examples, as on the page): seconds and
   updates until the LSTM's validation MSE falls below 0.01 (checked every 25 updates, at most
   --cap seconds), then the RNN's validation MSE after training for the same time.
   Target at T = 50: the LSTM under 0.01 within 30 s while the RNN stays above 0.1.
   --sweep repeats the LSTM part for more T (what T does it still solve within the cap?).

Times are wall-clock seconds on this machine, including the validation checks; on a shared
machine they vary with its load (printed at the start and the end). Ends with one line of JSON.
"""

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lstm_core.lab.tasks import make_task  # noqa: E402
from lstm_core.lab.train import TrainConfig, evaluate, train  # noqa: E402

TARGET_MSE = 0.01
CHECK_EVERY = 25  # updates between validation checks in the adding problem
N_TRAIN, N_VAL = 2000, 256  # as on the page (pages.training_lab_controller)


TORCH_SCRIPT = ROOT / "benchmarks" / "torch_training.py"
TORCH_PYTHONS = ("/work/torchvenv/bin/python",)  # where this project's machines keep torch


def sine_once(kind: str, dtype: str = "float32") -> tuple[float, float]:
    """(seconds, final MSE on the 40 windows) of one run of the Keras demo for `kind`."""
    task = make_task("sine")
    config = TrainConfig(
        model=kind,
        hidden_size=20,
        optimizer="sgd",
        learning_rate=0.01,
        batch_size=8,
        epochs=500,
        init="keras",
        dtype=dtype,
    )
    started = time.perf_counter()
    result = train(task.train, config)
    seconds = time.perf_counter() - started
    return seconds, evaluate(result.model, task.train)[0]


def sine(kind: str, repeats: int) -> tuple[float, float]:
    """(best seconds, final MSE on the 40 windows) of the Keras demo for `kind`."""
    best, mse = math.inf, math.nan
    for _ in range(repeats):
        seconds, mse = sine_once(kind)
        best = min(best, seconds)
    return best, mse


def adding_ms_per_update(kind: str, T: int = 50, updates: int = 256, repeats: int = 3) -> float:
    """Milliseconds per training update on the adding problem (hidden 32, batch 32, Adam,
    clipping 1): training updates only, no validation; the best of `repeats` runs after a
    warm-up. 32·64 training examples, so every batch holds 32."""
    task = make_task("adding", T=T, n_train=32 * 64, n_val=1)
    config = replace(adding_config(kind), epochs=-(-updates // 64), log_every=0)
    train(task.train, replace(config, epochs=1))  # warm-up
    best = math.inf
    for _ in range(repeats):
        result = train(task.train, config)
        best = min(best, result.seconds / result.updates)
    return 1e3 * best


def torch_python() -> str | None:
    """A Python that can import torch: this one, $TORCH_PYTHON, or TORCH_PYTHONS; None if
    there is none (the benchmarks then print our figures only)."""
    candidates = [sys.executable, os.environ.get("TORCH_PYTHON", ""), *TORCH_PYTHONS]
    for python in candidates:
        if python and (shutil.which(python) or Path(python).exists()):
            probe = subprocess.run(
                [python, "-c", "import torch"], capture_output=True, check=False, timeout=120
            )
            if probe.returncode == 0:
                return python
    return None


def torch_figures(python: str | None, *args: str) -> dict | None:
    """The JSON line of benchmarks/torch_training.py run with `args` in `python`, or None."""
    if python is None:
        return None
    done = subprocess.run(
        [python, str(TORCH_SCRIPT), *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        print(f"torch run failed: {done.stderr.strip()[-300:]}")
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def adding_config(kind: str) -> TrainConfig:
    return TrainConfig(
        model=kind,
        hidden_size=32,
        optimizer="adam",
        learning_rate=0.01,
        batch_size=32,
        epochs=10_000,
        clip_norm=1.0,
        init="keras",
        forget_bias=1.0 if kind == "lstm" else None,
        log_every=CHECK_EVERY,
    )


def lstm_time_to_target(T: int, cap: float) -> dict:
    """Train the LSTM until its validation MSE < TARGET_MSE or `cap` seconds have passed."""
    task = make_task("adding", T=T, n_train=N_TRAIN, n_val=N_VAL)
    reached: dict = {}

    def callback(p):
        if p.val_loss < TARGET_MSE:
            reached.update(seconds=p.seconds, updates=p.update, val_mse=p.val_loss)
            return False
        return p.seconds < cap

    result = train(task.train, adding_config("lstm"), task.val, callback)
    if not reached:
        reached = {"seconds": None, "updates": None, "val_mse": float(result.history.val_loss[-1])}
    reached["trained_seconds"] = result.seconds
    reached["trained_updates"] = result.updates
    return reached


def rnn_after(T: int, seconds: float) -> dict:
    """The RNN's validation MSE after training for `seconds`."""
    task = make_task("adding", T=T, n_train=N_TRAIN, n_val=N_VAL)
    result = train(task.train, adding_config("rnn"), task.val, lambda p: p.seconds < seconds)
    return {
        "val_mse": float(result.history.val_loss[-1]),
        "updates": result.updates,
        "seconds": result.seconds,
    }


def load() -> float:
    return os.getloadavg()[0]


def fmt(x, spec: str) -> str:
    return "—" if x is None else format(x, spec)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--T", type=int, default=50)
    parser.add_argument("--cap", type=float, default=60.0, help="seconds allowed to the LSTM")
    parser.add_argument("--sweep", default="", help="more T for the LSTM, e.g. 100,150,200")
    args = parser.parse_args()
    load_before = load()
    print(
        f"load average (1 min) before: {load_before:.2f} on {os.cpu_count()} CPUs; "
        f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}"
    )

    print("\nSine demo (Keras): H=20, SGD lr 0.01, 500 epochs × 5 updates, best of", args.repeats)
    print(f"{'model':6} {'seconds':>8} {'final MSE':>10}")
    out: dict = {}
    for kind in ("rnn", "lstm"):
        seconds, mse = sine(kind, args.repeats)
        print(f"{kind:6} {seconds:8.2f} {mse:10.4f}")
        out[f"sine_{kind}_seconds"] = round(seconds, 3)
        out[f"sine_{kind}_final_mse"] = round(mse, 5)
    out["sine_both_seconds"] = round(out["sine_rnn_seconds"] + out["sine_lstm_seconds"], 3)
    print(f"{'both':6} {out['sine_both_seconds']:8.2f}   (target < 2 s)")

    print(f"\nAdding problem, T={args.T}: hidden 32, Adam lr 0.01, batch 32, clip 1, forget bias 1")
    lstm = lstm_time_to_target(args.T, args.cap)
    rnn = rnn_after(args.T, lstm["seconds"] or lstm["trained_seconds"])
    print(f"{'model':6} {'seconds':>8} {'updates':>8} {'val MSE':>9}")
    print(
        f"{'lstm':6} {fmt(lstm['seconds'], '8.1f')} {fmt(lstm['updates'], '8d')} "
        f"{lstm['val_mse']:9.4f}   (first check below {TARGET_MSE})"
    )
    print(
        f"{'rnn':6} {rnn['seconds']:8.1f} {rnn['updates']:8d} {rnn['val_mse']:9.4f}   "
        "(trained for the same time)"
    )
    out.update(
        {
            "adding_T": args.T,
            "adding_lstm_seconds_to_mse_0_01": lstm["seconds"] and round(lstm["seconds"], 2),
            "adding_lstm_updates_to_mse_0_01": lstm["updates"],
            "adding_lstm_val_mse": round(lstm["val_mse"], 5),
            "adding_rnn_val_mse_same_seconds": round(rnn["val_mse"], 5),
            "adding_rnn_updates_same_seconds": rnn["updates"],
        }
    )

    if args.sweep:
        print(f"\nLSTM on the adding problem for longer T (cap {args.cap:.0f} s)")
        print(f"{'T':>4} {'seconds':>8} {'updates':>8} {'val MSE':>9}")
        for T in (int(v) for v in args.sweep.split(",")):
            r = lstm_time_to_target(T, args.cap)
            print(
                f"{T:4d} {fmt(r['seconds'], '8.1f')} {fmt(r['updates'], '8d')} {r['val_mse']:9.4f}"
            )
            out[f"adding_T{T}_lstm_seconds_to_mse_0_01"] = r["seconds"] and round(r["seconds"], 2)
            out[f"adding_T{T}_lstm_val_mse"] = round(r["val_mse"], 5)

    out["load_average_1min_before"] = round(load_before, 2)
    out["load_average_1min_after"] = round(load(), 2)
    print(f"\nload average (1 min) after: {out['load_average_1min_after']:.2f}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
