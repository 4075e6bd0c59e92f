"""Speed of the backprop through time page: the ledger after a cursor move, and connectivity.

    python benchmarks/backprop_speed.py [--repeats 15]

Budgets (issue 17): the page's update after a cursor move at T = 100, H = 16 under 100 ms of
server time; connectivity ‖∂ŷ_τ/∂x_t‖ for T = 200, H = 32 under 500 ms (per model). Reported:

- core: both ledgers (LSTM + RNN backward passes and every term) at T = 100, H = 16; the
  connectivity of an LSTM and of an RNN with a read-out at T = 200, H = 32 (D = 2), best of the
  repeats, one BLAS thread (as the app runs: lstm_ui.threads);
- page: the script time of the page (AppTest, as benchmarks/page_speed.py measures it) when the
  cursor moves at T = 100, H = 16 (the ledgers come from their cache, the view is recomputed),
  and when the weight seed changes (everything recomputed); the cursor move again with the
  peephole variant (the most terms).

The last line is one JSON object of the figures.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_name] = "1"

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from page_speed import Case, measure  # noqa: E402

from lstm_core import LSTMParams, RNNParams  # noqa: E402
from lstm_core.lab.connectivity import connectivity  # noqa: E402
from lstm_core.lab.ledger import lstm_ledger, rnn_ledger  # noqa: E402
from lstm_core.lab.train import init_model  # noqa: E402


def best(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    figures = {}

    xs = rng.normal(size=(100, 1))
    p, q = LSTMParams.init(1, 16, seed=0), RNNParams.init(1, 16, seed=0)
    seconds = best(lambda: (lstm_ledger(p, xs, 99), rnn_ledger(q, xs, 99)), args.repeats)
    figures["ledgers_T100_H16_ms"] = round(1000 * seconds, 1)

    xs = rng.normal(size=(200, 2))
    for kind in ("lstm", "rnn"):
        model = init_model(kind, 2, 32, seed=0)
        seconds = best(lambda model=model: connectivity(model, xs), max(3, args.repeats // 3))
        figures[f"connectivity_{kind}_T200_H32_ms"] = round(1000 * seconds, 1)

    query = {"bp_T": "100", "bp_H": "16"}
    cases = [
        Case("cursor move", "pages/backprop.py", query, ("slider", "bp_k"), tuple(range(1, 40))),
        Case(
            "new seed", "pages/backprop.py", query, ("number_input", "bp_seed"), tuple(range(1, 40))
        ),
    ]
    peephole = {**query, "bp_variant": "peephole"}
    cases.append(
        Case(
            "cursor move peephole",
            "pages/backprop.py",
            peephole,
            ("slider", "bp_k"),
            tuple(range(1, 40)),
        )
    )
    for case in cases:
        r = measure(case, args.repeats)
        slug = case.name.replace(" ", "_")
        figures[f"page_{slug}_T100_H16_median_ms"] = round(r["median_ms"], 1)
        figures[f"page_{slug}_T100_H16_max_ms"] = round(r["max_ms"], 1)
        figures[f"page_{slug}_gc_median_ms"] = round(r["gc_median_ms"], 1)
        figures["page_figures_kb"] = round(r["figures_kb"], 1)

    print(f"{'figure':44} {'value':>10}")
    for name, value in figures.items():
        print(f"{name:44} {value:10.1f}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
