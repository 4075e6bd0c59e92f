"""The papers' tasks at small scale: what each paper reports against what the lab measures.

    flock /tmp/lstm-heavy.lock python benchmarks/paper_tasks.py [--seeds 3] [--quick]

Runs lstm_core.lab.paper_runs over several seeds per experiment (the adding problem and temporal
order 6a with the 1997 stopping rule and test, the copy task against its memoryless baseline,
IRNN and the tanh RNN on the adding problem, forget bias 0 against 1), prints the table and
writes it, with the date and the machine, to lstm_core/lab/data/paper_tasks.json (the training
lab shows it). --quick runs one seed at a tiny budget and writes nothing (a smoke test).
One BLAS thread, as in the app. Ends with one line of JSON.
"""

import argparse
import json
import sys
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lstm_core.lab.machine import this_machine
from lstm_core.lab.paper_runs import (
    PAPER_COMMON,
    PAPER_EXPERIMENTS,
    experiment_config,
    run_paper_task,
)
from lstm_core.lab.paper_table import PAPER_JSON, load_paper_table, summarise
from lstm_core.lab.stocks import (
    STOCK_TRAIN_WEEKS,
    STOCK_WEEKS,
    STOCK_WINDOW,
    last_week_loss,
    load_stocks,
    stock_task,
)
from lstm_core.lab.train import TrainConfig, evaluate, predict, train
from lstm_ui.threads import limit_blas_threads

STOCK_CONFIG = dict(
    hidden_size=16, optimizer="adam", learning_rate=0.01, batch_size=32, epochs=100, clip_norm=1.0
)


def stocks_experiment(seeds: range, epochs: int) -> dict:
    """Both models on the stocks task (lstm_core.lab.stocks) for every seed: validation MSE at
    every step, and the last step's forecasts of the first seed for the figure (the validation
    weeks, one column per company)."""
    task = stock_task()
    out = {
        "config": {
            "window": STOCK_WINDOW,
            "train_weeks": STOCK_TRAIN_WEEKS,
            "weeks": STOCK_WEEKS,
            **STOCK_CONFIG,
            "epochs": epochs,
        },
        "baseline_mse": last_week_loss(task.val),
        "weeks": list(load_stocks().dates[STOCK_TRAIN_WEEKS:]),
        "companies": list(load_stocks().companies),
        "actual": task.val.ys[-1, :, 0].reshape(-1, 6).round(6).tolist(),
        "last_week": task.val.xs[-1, :, 0].reshape(-1, 6).round(6).tolist(),
    }
    for kind in ("rnn", "lstm"):
        mse = []
        for seed in seeds:
            config = TrainConfig(model=kind, seed=seed, **{**STOCK_CONFIG, "epochs": epochs})
            result = train(task.train, config)
            mse.append(evaluate(result.model, task.val)[0])
            if seed == seeds[0]:
                last = predict(result.model, task.val.xs, every_step=True)[-1, :, 0]
                out[f"{kind}_forecast"] = last.reshape(-1, 6).round(6).tolist()
        out[f"{kind}_mse"] = mse
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one seed, tiny budget, no file")
    parser.add_argument("--out", type=Path, help="write the JSON here (also with --quick)")
    args = parser.parse_args()
    limit_blas_threads()
    seeds = range(1 if args.quick else args.seeds)
    started = time.perf_counter()
    rows = []
    for key, settings, budget, claim, source in PAPER_EXPERIMENTS:
        budget = 200 if args.quick else budget
        results = [
            run_paper_task(experiment_config(key, seed, max_sequences=budget)) for seed in seeds
        ]
        row = {
            "key": key,
            "task": settings["task"],
            "model": settings["model"],
            "config": {
                k: v for k, v in {**PAPER_COMMON, **settings}.items() if k not in ("task", "model")
            },
            "claim": claim,
            "source": source,
            "budget": budget,
            "test_total": results[0].test_total,
            "baseline": results[0].baseline,
            "solved": [r.solved for r in results],
            "sequences": [r.sequences for r in results],
            "test_wrong": [r.test_wrong for r in results],
            "test_loss": [r.test_loss if r.test_loss == r.test_loss else None for r in results],
            "seconds": [round(r.seconds, 2) for r in results],
        }
        rows.append(row)
        print(
            f"{key:16} solved {sum(row['solved'])}/{len(results)}  sequences {row['sequences']}  "
            f"wrong {row['test_wrong']}/{row['test_total']}  loss {row['test_loss']}  "
            f"{sum(row['seconds']):.0f} s",
            flush=True,
        )
    stocks = stocks_experiment(seeds, 2 if args.quick else STOCK_CONFIG["epochs"])
    print(
        f"stocks           last week {stocks['baseline_mse']:.6f}  rnn {stocks['rnn_mse']}  "
        f"lstm {stocks['lstm_mse']}",
        flush=True,
    )
    seconds = time.perf_counter() - started
    result = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": this_machine().to_dict(),
        "seconds": round(seconds, 1),
        "rows": rows,
        "stocks": stocks,
    }
    out = args.out or (None if args.quick else PAPER_JSON)
    if out is not None:
        out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
        table = load_paper_table(out)  # what the page will read
        print(f"wrote {out}")
        for row in table.rows:
            print(f"{row.key:16} {asdict(summarise(row))}")
    figures = {"total_seconds": round(seconds, 1)}
    for row in rows:
        figures[f"{row['key']}_solved_seeds"] = sum(row["solved"])
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
