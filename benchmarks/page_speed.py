"""Server-side script time of each page after a control changes, and the size of its figures.

    python benchmarks/page_speed.py [--repeats 15]

Each case opens a page through streamlit.testing's AppTest (the same script run the server does,
without the browser), then changes one control back and forth and times every rerun. Reported:
the median and the worst script time (app.py times itself); the median time of the full garbage
collection that `streamlit run` does after every script (`runner.postScriptGC`, on by default;
AppTest skips it, so it is done here after each run, the way the server does it, and timed); and
the JSON size of the page's plotly figures. Budgets (DESIGN.md): under 100 ms and 1 MB at
default settings, under 500 ms at the largest settings. Ends with one line of JSON holding every
figure.
"""

import argparse
import gc
import json
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit.logger  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

streamlit.logger.set_log_level("error")  # AppTest's "missing ScriptRunContext" notices


@dataclass
class Case:
    """A page at some settings (URL query), and a control to move between two values."""

    name: str
    page: str
    query: dict = field(default_factory=dict)
    widget: tuple[str, str] | None = None  # (element kind, key), e.g. ("slider", "an_x_0")
    values: tuple = ()


SEEDS = tuple(range(1, 40))  # a new seed every run: the model is recomputed, no cache hit


def new_seed(name: str, page: str, seed_key: str, **query: str) -> Case:
    """`page` at `query`, rerun with a new seed (the number input `seed_key`) every time."""
    return Case(f"{name}, new seed", page, query, ("number_input", seed_key), SEEDS)


STEPPER = "pages/sequence_stepper.py"
GRADIENTS = "pages/vanishing_gradients.py"
STEPPER_LARGE = {"sq_T": "1000", "sq_H": "64", "sq_units": "1,2,3,4"}
GRADIENTS_LARGE = {"gr_T": "2000", "gr_H": "64", "gr_clip": "1", "gr_clip_mode": "per_step"}
CASES = [
    Case("home", "pages/home.py", widget=("button_group", "lang"), values=("ko", "en")),
    Case(
        "anatomy (default)", "pages/gate_anatomy.py", widget=("slider", "an_x_0"), values=(0.5, 1)
    ),
    Case(
        "anatomy (largest: H=4, D=3)",
        "pages/gate_anatomy.py",
        query={"an_H": "4", "an_D": "3"},
        widget=("slider", "an_x_0"),
        values=(0.5, 1.0),
    ),
    new_seed("stepper (default)", STEPPER, "sq_seed"),
    Case("stepper (default), move cursor", STEPPER, widget=("slider", "sq_t"), values=(10, 11)),
    new_seed(
        "stepper (T=1000, H=64, all lines)", STEPPER, "sq_seed", **STEPPER_LARGE, sq_q="i,f,g,o,c,h"
    ),
    new_seed(
        "stepper (GRU, T=1000, H=64, all lines)",
        STEPPER,
        "sq_seed",
        **STEPPER_LARGE,
        sq_cell="gru",
        sq_qg="r,z,n,h",
    ),
    new_seed("gradients (default)", GRADIENTS, "gr_seed"),
    new_seed("gradients (T=2000, H=64, clipping)", GRADIENTS, "gr_seed", **GRADIENTS_LARGE),
    new_seed(
        "gradients (T=2000, H=64, clipping, GRU)",
        GRADIENTS,
        "gr_seed",
        **GRADIENTS_LARGE,
        gr_gru="on",
    ),
    # Training runs only when the button is pressed; these time the page around it.
    Case("training (default)", "pages/training_lab.py", widget=("slider", "tr_H"), values=(21, 20)),
    Case(
        "training (adding, T=200, H=64)",
        "pages/training_lab.py",
        query={"tr_task": "adding", "tr_T": "200", "tr_H": "64", "tr_epochs": "2000"},
        widget=("slider", "tr_T"),
        values=(199, 200),
    ),
    Case(
        "exercises, next exercise",
        "pages/exercises.py",
        widget=("number_input", "ex_n"),
        values=tuple(range(2, 41)),
    ),
    Case(
        "misconceptions (default)",
        "pages/misconceptions.py",
        widget=("slider", "mc_keep_f"),
        values=(0.31, 0.3),
    ),
    Case(
        "misconceptions (T=500, H=16, K=500), new b_f",
        "pages/misconceptions.py",
        query={"mc_T": "500", "mc_H": "16", "mc_K": "500"},
        widget=("slider", "mc_bf"),
        values=tuple(-3.0 + 0.25 * k for k in range(37)),
    ),
]


def figure_bytes(at: AppTest) -> int:
    return sum(len(chart.proto.spec) for chart in at.get("plotly_chart"))


def measure(case: Case, repeats: int) -> dict:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in case.query.items():
        at.query_params[key] = value
    at.switch_page(case.page)
    at.run()
    if at.exception:
        raise RuntimeError(f"{case.name}: {at.exception[0].value}")
    times, collections = [], []
    for k in range(repeats):
        if case.widget:
            kind, key = case.widget
            widget = next(w for w in at.get(kind) if w.key == key)
            widget.set_value(case.values[k % len(case.values)])
        at.run()
        times.append(at.session_state["_script_seconds"])
        started = time.perf_counter()
        gc.collect(2)  # what ScriptRunner._on_script_finished does after every run
        collections.append(time.perf_counter() - started)
    return {
        "median_ms": 1000 * statistics.median(times),
        "max_ms": 1000 * max(times),
        "gc_median_ms": 1000 * statistics.median(collections),
        "figures_kb": figure_bytes(at) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    results = {}
    print(
        f"{'page (settings)':44} {'script ms':>10} {'worst ms':>9} {'+ GC ms':>9} "
        f"{'figures kB':>11}"
    )
    print(f"{'':44} {'(median)':>10} {'':>9} {'(median)':>9}")
    for case in CASES:
        r = measure(case, args.repeats)
        results[case.name] = r
        print(
            f"{case.name:44} {r['median_ms']:10.1f} {r['max_ms']:9.1f} "
            f"{r['gc_median_ms']:9.1f} {r['figures_kb']:11.1f}"
        )
    flat = {}
    for name, r in results.items():
        slug = "".join(ch if ch.isalnum() else "_" for ch in name).strip("_")
        while "__" in slug:
            slug = slug.replace("__", "_")
        flat[f"{slug}_median_ms"] = round(r["median_ms"], 1)
        flat[f"{slug}_gc_median_ms"] = round(r["gc_median_ms"], 1)
        flat[f"{slug}_figures_kb"] = round(r["figures_kb"], 1)
    print(json.dumps(flat))


if __name__ == "__main__":
    main()
