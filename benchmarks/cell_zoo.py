"""Which cell solves it: every cell of lstm_core.lab.zoo (RNN, LSTM, GRU and the LSTM variants)
trained on every zoo task (the sine demo, the adding problem at T = 50 and 100, remember the sign
at T = 100) with the same settings, budget and seeds (0, 1, 2); writes the table the training lab
shows (lstm_core/lab/cell_zoo.json, with the date and the machine) and prints a summary.

    python benchmarks/cell_zoo.py [--cells lstm,gru] [--tasks adding_50] [--out PATH]

One BLAS thread, float32 trainer. About 5 minutes of CPU for the whole table on the 2-core
development machine. Ends with one line of JSON.
"""

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lstm_core.lab import zoo
from lstm_core.lab.machine import this_machine
from lstm_ui.threads import limit_blas_threads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", default=",".join(zoo.CELL_KEYS))
    parser.add_argument("--tasks", default=",".join(zoo.TASK_KEYS))
    parser.add_argument("--out", default=str(zoo.TABLE_PATH))
    args = parser.parse_args()
    limit_blas_threads()
    cells, tasks = args.cells.split(","), args.tasks.split(",")
    where = this_machine(with_load=True)  # the seconds are shared with whatever else ran
    created = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    cpu_start, wall_start = time.process_time(), time.perf_counter()
    results = []
    for task in tasks:
        zt = zoo.zoo_task(task)
        print(f"\n{task}: budget {zt.updates} updates, check every {zt.check_every}")
        for cell in cells:
            for seed in zoo.SEEDS:
                r = zoo.run_one(cell, task, seed)
                results.append(r)
                solve = (
                    f"{r.updates_to_solve:5d} upd {r.seconds_to_solve:6.2f} s"
                    if r.solved
                    else " " * 18
                )
                print(
                    f"  {cell:21} seed {seed}  {'solved' if r.solved else 'no    '} {solve}"
                    f"  final error {r.final_error:.4f}  ({r.seconds:.1f} s, {r.stopped})",
                    flush=True,
                )
    cpu = time.process_time() - cpu_start
    table = zoo.ZooTable(created, where, round(cpu, 1), tuple(results))
    Path(args.out).write_text(table.to_json(), encoding="utf-8")

    summaries = zoo.summarize(results)
    print(f"\nsolved (of {len(zoo.SEEDS)} seeds)")
    print(f"{'cell':21} " + " ".join(f"{t:>10}" for t in tasks))
    for cell in cells:
        print(f"{cell:21} " + " ".join(f"{summaries[(cell, t)].solved:>10}" for t in tasks))
    figures: dict[str, object] = {"cpu_seconds": round(cpu, 1)}
    figures["wall_seconds"] = round(time.perf_counter() - wall_start, 1)
    for claim in zoo.greff_claims(summaries):
        print(f"Greff: {claim.key}: {claim.verdict} (holds on {claim.holds}, not on {claim.fails})")
        figures[f"greff_{claim.key}"] = claim.verdict
    for (cell, task), s in summaries.items():
        figures[f"{cell}_{task}_solved"] = s.solved
    print(f"written to {args.out}; CPU {cpu:.0f} s")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
