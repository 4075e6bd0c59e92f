"""Click-to-updated-chart latency of every page in headless Chromium, next to Streamlit's floor.

    python benchmarks/browser_latency.py [--clicks 10] [--warmup 2]

Two servers are started in the same run (loopback only): the app, and a trivial one-file
Streamlit app written to a temporary folder (one button whose click changes a plotly chart's
title: Streamlit's own floor for "click, rerun, redraw a chart"). In one headless Chromium each
case opens its page, clicks its controls in turn (warm-up clicks first, not counted), and times
every click: from the browser's click event to the moment the app is idle again
(data-test-script-state = notRunning) AND the page's first plotly chart shows a different text
(the heading, for the language switch). Both ends are read inside the page (performance.now(),
checked on every animation frame), so Playwright's own round trips are not counted; the
wall-clock time seen from Python is reported as well.

Reported per case: median and p95 in ms, and the ratio of the median to the floor's median.
Target (issue 9): within 1.3x of the floor; reported, not asserted.
Ends with one line of JSON holding every figure.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from conftest import APP_IDLE, CHROMIUM_ARGS, start_app, stop_app  # noqa: E402

TARGET_RATIO = 1.3
CHART = "[data-testid='stPlotlyChart']"
TIMEOUT_MS = 30_000  # one click, or one page load; slower is a failure, not a number

FLOOR_APP = '''"""The floor: one button, one plotly chart whose title counts the clicks."""

import plotly.graph_objects as go
import streamlit as st

count = st.session_state.get("count", 0)
if st.button("Click me"):
    count += 1
    st.session_state["count"] = count
st.plotly_chart(go.Figure(go.Bar(x=["clicks"], y=[count]), layout_title_text=f"clicks: {count}"))
'''

# Armed before each click: the first click event (capture phase) stamps the start.
ARM_JS = """() => {
    window.__latencyStart = null;
    window.__latencyEnd = null;
    document.addEventListener('click', () => {
        if (window.__latencyStart === null) window.__latencyStart = performance.now();
    }, {capture: true, once: true});
}"""
# Polled on every animation frame: idle again and the watched element's text changed.
DONE_JS = """([selector, before, idle]) => {
    const element = document.querySelector(selector);
    if (element === null || document.querySelector(idle) === null) return false;
    if (element.innerText === before) return false;
    window.__latencyEnd = performance.now();
    return true;
}"""
TEXT_JS = "selector => document.querySelector(selector)?.innerText ?? null"


@dataclass(frozen=True)
class Case:
    """A page, the controls clicked in turn (role, accessible name), and what must change."""

    name: str
    app: str  # "app" or "floor"
    path: str
    controls: tuple[tuple[str, str], ...]
    watch: str = CHART


CASES = (
    Case("floor (1 button + 1 chart)", "floor", "/", (("button", "Click me"),)),
    Case("home", "app", "/home?lang=en", (("radio", "한국어"), ("radio", "English")), watch="h1"),
    Case(
        "gate anatomy",
        "app",
        "/gate_anatomy?lang=en",
        (("button", "Keep 30%"), ("button", "Remember")),
    ),
    Case(
        "sequence stepper",
        "app",
        "/sequence_stepper?lang=en",
        (("button", "next ▶"), ("button", "◀ back")),
    ),
    Case(
        "vanishing gradients",
        "app",
        "/vanishing_gradients?lang=en",
        (("button", "LSTM forgets too"), ("button", "LSTM remembers")),
    ),
    Case(
        "training lab",
        "app",
        "/training_lab?lang=en",
        (("radio", "Adding problem"), ("radio", "Sine demo")),
    ),
)
JSON_NAMES = {
    "floor (1 button + 1 chart)": "floor",
    "home": "home",
    "gate anatomy": "anatomy",
    "sequence stepper": "stepper",
    "vanishing gradients": "gradients",
    "training lab": "training",
}


def click_and_wait(page, role: str, name: str, watch: str) -> tuple[float, float]:
    """Click one control; return (in-page ms, wall-clock ms) until the update is drawn."""
    before = page.evaluate(TEXT_JS, watch)
    page.evaluate(ARM_JS)
    started = time.perf_counter()
    page.get_by_role(role, name=name, exact=True).click(timeout=TIMEOUT_MS)
    page.wait_for_function(
        DONE_JS, arg=[watch, before, APP_IDLE], polling="raf", timeout=TIMEOUT_MS
    )
    wall_ms = (time.perf_counter() - started) * 1000
    in_page_ms = page.evaluate("window.__latencyEnd - window.__latencyStart")
    return in_page_ms, wall_ms


def measure(browser, url: str, case: Case, clicks: int, warmup: int) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url + case.path, timeout=TIMEOUT_MS)
        page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)
        page.wait_for_selector(case.watch, timeout=TIMEOUT_MS)
        in_page, wall = [], []
        for i in range(warmup + clicks):
            role, name = case.controls[i % len(case.controls)]
            page_ms, wall_ms = click_and_wait(page, role, name, case.watch)
            if i >= warmup:
                in_page.append(page_ms)
                wall.append(wall_ms)
        failures = page.get_by_test_id("stException").count()
        failures += page.get_by_test_id("stAlertContentError").count()
    finally:
        context.close()
    return {"in_page": in_page, "wall": wall, "errors": errors, "error_boxes": failures}


def pad(text: str, width: int) -> str:
    """Left-align `text` in `width` terminal columns (Hangul is two columns wide)."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - columns)


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clicks", type=int, default=10, help="measured clicks per case")
    parser.add_argument("--warmup", type=int, default=2, help="clicks before measuring")
    args = parser.parse_args()
    if not 1 <= args.clicks <= 200 or not 0 <= args.warmup <= 20:
        parser.error("--clicks in 1 … 200, --warmup in 0 … 20")
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        sys.exit("needs Debian's Chromium: apt-get install -y chromium fonts-noto-cjk")

    print(f"load average before: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} CPUs")
    results = {}
    servers = {}
    with tempfile.TemporaryDirectory(prefix="floor_app_") as folder:
        (Path(folder) / "floor_app.py").write_text(FLOOR_APP)
        try:
            servers["floor"] = start_app(script="floor_app.py", cwd=Path(folder))
            servers["app"] = start_app(script="app.py", cwd=ROOT)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
                try:
                    for case in CASES:
                        url = servers[case.app][1]
                        results[case.name] = measure(browser, url, case, args.clicks, args.warmup)
                        print(f"  measured {case.name}", flush=True)
                finally:
                    browser.close()
        finally:
            stderr = {name: stop_app(process) for name, (process, _) in servers.items()}

    floor = statistics.median(results[CASES[0].name]["in_page"])
    header = (
        f"{'page':<28} {'control':<34} {'median ms':>10} {'p95 ms':>8} {'x floor':>8} "
        f"{'wall med':>9}"
    )
    print()
    print(header)
    print("-" * len(header))
    figures = {"clicks_per_case": args.clicks}
    worst_ratio = 0.0
    for case in CASES:
        r = results[case.name]
        median, high = statistics.median(r["in_page"]), p95(r["in_page"])
        ratio = median / floor
        if case.app == "app":
            worst_ratio = max(worst_ratio, ratio)
        control = " / ".join(name for _, name in case.controls)
        print(
            f"{case.name:<28} {pad(control, 34)} {median:>10.0f} {high:>8.0f} {ratio:>7.2f}x "
            f"{statistics.median(r['wall']):>9.0f}"
        )
        key = JSON_NAMES[case.name]
        figures |= {
            f"{key}_click_median_ms": round(median, 1),
            f"{key}_click_p95_ms": round(high, 1),
            f"{key}_wall_median_ms": round(statistics.median(r["wall"]), 1),
        }
        if case.app == "app":
            figures[f"{key}_ratio_to_floor"] = round(ratio, 2)
    print()
    for case in CASES:
        r = results[case.name]
        if r["errors"] or r["error_boxes"]:
            print(f"  {case.name}: {r['error_boxes']} error boxes, page errors: {r['errors'][:3]}")
    for name, text in stderr.items():
        if "Traceback" in text:
            print(f"  {name} server stderr has a traceback:\n{text[-1500:]}")
    print(f"load average after: {os.getloadavg()[0]:.2f} (1 min)")
    verdict = "meets" if worst_ratio <= TARGET_RATIO else "misses"
    print(
        f"target: every page within {TARGET_RATIO}x of the floor ({floor:.0f} ms): {verdict} it "
        f"(worst {worst_ratio:.2f}x)"
    )
    figures["worst_ratio_to_floor"] = round(worst_ratio, 2)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
