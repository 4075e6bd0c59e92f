"""The LSTM cell diagram drawn as plotly shapes or as one inline SVG: slider step to drawn.

    python benchmarks/diagram_render.py [--steps 9] [--warmup 2]

Three one-page Streamlit apps are written to a temporary folder and served on loopback, each
with one slider s (−2 … 2) that sets the step's inputs x_t = [s, −s/2], h_{t−1} and c_{t−1}
(so every number on the diagram changes):

- floor: the slider and a one-line plotly chart whose title shows s (Streamlit's own floor);
- plotly: the slider and lstm_cell_diagram(...) through st.plotly_chart (as the pages do today);
- svg: the slider and lstm_cell_svg(...) through lstm_ui.charts.show_svg.

In one headless Chromium each app's slider thumb gets ArrowRight `warmup + steps` times; every
step is timed inside the page from the keydown event to the first animation frame at which the
app is idle again and the diagram's text (or the floor chart's title) has changed — the helpers
and the idea of benchmarks/browser_latency.py. Reported: the median (and p95) per app and its
ratio to the floor; the server-side time to build each figure (and to serialise the plotly one
as st.plotly_chart does) and its payload; and a check that st.html would not draw the SVG at all
(Streamlit 1.67 sanitises it away), and that the SVG string saved as a file opens in Chromium.
Ends with one line of JSON.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

import numpy as np  # noqa: E402
import plotly.io as pio  # noqa: E402
from browser_latency import ARM_JS, DONE_JS, TEXT_JS, TIMEOUT_MS, p95  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from lstm_core import LSTMParams, lstm_step  # noqa: E402
from lstm_viz.cell_diagram import lstm_cell_diagram  # noqa: E402
from lstm_viz.cell_svg import lstm_cell_svg  # noqa: E402

from conftest import APP_IDLE, CHROMIUM_ARGS, start_app, stop_app  # noqa: E402

# The step every app draws for slider value s: D = 2, H = 3, unit 0.
STEP_CODE = """
import sys
import numpy as np
sys.path.insert(0, {root!r})
from lstm_core import LSTMParams, lstm_step

P = LSTMParams.init(input_size=2, hidden_size=3, seed=0)


def inputs(s):
    x = np.array([s, -s / 2])
    h_prev = 0.5 * np.tanh(np.array([s, 1.0 - s, 0.5]))
    c_prev = np.array([np.tanh(s) + 0.5, -0.4, 0.9])
    return x, h_prev, c_prev, lstm_step(P, x, h_prev, c_prev)
"""
SLIDER = 's = st.slider("s", -2.0, 2.0, -1.0, 0.1)\n'
APPS = {
    "floor": """import plotly.graph_objects as go
import streamlit as st

{slider}st.plotly_chart(go.Figure(go.Scatter(y=[0, s]), layout_title_text=f"s = {{s:.1f}}"))
""",
    "plotly": """import streamlit as st
{step}
from lstm_ui.charts import CHART_CONFIG
from lstm_viz.cell_diagram import lstm_cell_diagram

{slider}st.plotly_chart(lstm_cell_diagram(*inputs(s)), config=CHART_CONFIG, key="diagram")
""",
    "svg": """import streamlit as st
{step}
from lstm_ui.charts import show_svg
from lstm_viz.cell_svg import lstm_cell_svg

{slider}show_svg(lstm_cell_svg(*inputs(s)), key="diagram")
""",
    "html": """import streamlit as st
{step}
from lstm_viz.cell_svg import lstm_cell_svg

{slider}st.html(lstm_cell_svg(*inputs(s)))
""",
}
WATCH = {
    "floor": "[data-testid='stPlotlyChart']",
    "plotly": "[data-testid='stPlotlyChart']",
    "svg": ".st-key-diagram svg",
}
# browser_latency's in-page timers, started by the keydown instead of the click, and reading
# textContent, not innerText: it includes the text of SVG elements (plotly's annotations too).
ARM_KEY_JS = ARM_JS.replace("'click'", "'keydown'")
DONE_JS = DONE_JS.replace("innerText", "textContent")
TEXT_JS = TEXT_JS.replace("innerText", "textContent")
assert "keydown" in ARM_KEY_JS and "textContent" in DONE_JS and "textContent" in TEXT_JS


def step_and_wait(page, thumb, watch: str) -> float:
    """Press ArrowRight on the slider; return in-page ms until the watched text changed."""
    before = page.evaluate(TEXT_JS, watch)
    page.evaluate(ARM_KEY_JS)
    thumb.press("ArrowRight")
    page.wait_for_function(
        DONE_JS, arg=[watch, before, APP_IDLE], polling="raf", timeout=TIMEOUT_MS
    )
    return page.evaluate("window.__latencyEnd - window.__latencyStart")


def measure(browser, url: str, watch: str, steps: int, warmup: int) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url, timeout=TIMEOUT_MS)
        page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)
        page.wait_for_selector(watch, timeout=TIMEOUT_MS)
        thumb = page.get_by_role("slider")
        thumb.focus()
        times = [step_and_wait(page, thumb, watch) for _ in range(warmup + steps)][warmup:]
    finally:
        context.close()
    return {"ms": times, "errors": errors}


def html_draws(browser, url: str) -> dict:
    """What st.html(svg) leaves in the page once the slider is drawn: its blocks (an element
    whose sanitised body is empty is not rendered at all) and the SVG text elements."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(url, timeout=TIMEOUT_MS)
        page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)
        page.get_by_role("slider").wait_for(timeout=TIMEOUT_MS)
        page.wait_for_timeout(1000)  # time to draw anything that is coming
        return page.evaluate(
            """() => ({html_blocks: document.querySelectorAll("[data-testid='stHtml']").length,
                       svg_elements: document.querySelectorAll(
                           "[data-testid='stMain'] svg text, [data-testid='stMain'] svg rect"
                       ).length})"""
        )
    finally:
        context.close()


def file_opens(browser, svg: str, folder: Path) -> dict:
    """The SVG string saved as lstm_cell.svg (what a "Download SVG" button sends) and opened in
    Chromium: the document's root element, its text elements and any XML parse error."""
    path = folder / "lstm_cell.svg"
    path.write_text(svg, encoding="utf-8")
    context = browser.new_context(viewport={"width": 960, "height": 600})
    try:
        page = context.new_page()
        page.goto(path.as_uri(), timeout=TIMEOUT_MS)
        return page.evaluate(
            """() => ({root: document.documentElement.tagName,
                       texts: document.querySelectorAll('text').length,
                       parse_error: document.querySelector('parsererror') !== null,
                       width: document.documentElement.getBoundingClientRect().width})"""
        )
    finally:
        context.close()


def server_side(repeats: int = 30) -> dict:
    """Median ms to build each figure (plotly: also to serialise it as st.plotly_chart does)
    and its payload in bytes, at one step."""
    p = LSTMParams.init(input_size=2, hidden_size=3, seed=0)
    x, h, c = np.array([0.3, -0.15]), np.array([0.1, 0.2, 0.3]), np.array([0.8, -0.4, 0.9])
    step = lstm_step(p, x, h, c)

    def median_ms(make) -> tuple[float, object]:
        times, result = [], None
        for _ in range(repeats):
            started = time.perf_counter()
            result = make()
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times), result

    build_plotly, figure = median_ms(lambda: lstm_cell_diagram(x, h, c, step))
    send_plotly, text = median_ms(lambda: pio.to_json(figure, validate=False))
    build_svg, svg = median_ms(lambda: lstm_cell_svg(x, h, c, step))
    return {
        "plotly_build_ms": round(build_plotly, 2),
        "plotly_serialise_ms": round(send_plotly, 2),
        "plotly_payload_bytes": len(text.encode()),
        "svg_build_ms": round(build_svg, 2),
        "svg_payload_bytes": len(svg.encode()),
        "svg": svg,
    }


def options() -> argparse.Namespace:
    """--steps (measured, 1 … 15: the slider has room for 20 from its start) and --warmup."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=9, help="measured slider steps per app")
    parser.add_argument("--warmup", type=int, default=2, help="slider steps before measuring")
    args = parser.parse_args()
    if args.steps not in range(1, 16) or args.warmup not in range(6):
        parser.error("--steps in 1 … 15, --warmup in 0 … 5")
    return args


def main() -> None:
    args = options()
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        sys.exit("needs Debian's Chromium: apt-get install -y chromium fonts-noto-cjk")
    print(f"load average before: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} CPUs")
    server = server_side()
    results, servers = {}, {}
    with tempfile.TemporaryDirectory(prefix="diagram_render_") as name:
        folder = Path(name)
        step = STEP_CODE.format(root=str(ROOT))
        for app, code in APPS.items():
            (folder / f"{app}_app.py").write_text(code.format(step=step, slider=SLIDER))
        try:
            for app in APPS:
                servers[app] = start_app(script=f"{app}_app.py", cwd=folder)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
                try:
                    for app, watch in WATCH.items():
                        url = servers[app][1]
                        results[app] = measure(browser, url, watch, args.steps, args.warmup)
                        print(f"  measured {app}", flush=True)
                    sanitised = html_draws(browser, servers["html"][1])
                    opened = file_opens(browser, server["svg"], folder)
                finally:
                    browser.close()
        finally:
            stderr = {app: stop_app(process) for app, (process, _) in servers.items()}

    floor = statistics.median(results["floor"]["ms"])
    header = f"{'app':<34} {'median ms':>10} {'p95 ms':>8} {'x floor':>8}"
    print()
    print(header)
    print("-" * len(header))
    figures: dict[str, float | int | bool] = {"steps": args.steps}
    labels = {
        "floor": "floor (slider + 1 plotly line)",
        "plotly": "diagram as plotly (st.plotly_chart)",
        "svg": "diagram as SVG (show_svg)",
    }
    for app, label in labels.items():
        ms = results[app]["ms"]
        median = statistics.median(ms)
        print(f"{label:<34} {median:>10.0f} {p95(ms):>8.0f} {median / floor:>7.2f}x")
        figures[f"{app}_step_median_ms"] = round(median, 1)
        figures[f"{app}_step_p95_ms"] = round(p95(ms), 1)
        if app != "floor":
            figures[f"{app}_ratio_to_floor"] = round(median / floor, 2)
    print()
    print(f"{'server side, one step':<34} {'build ms':>10} {'send ms':>8} {'payload':>10}")
    print(
        f"{'plotly figure':<34} {server['plotly_build_ms']:>10.2f} "
        f"{server['plotly_serialise_ms']:>8.2f} {server['plotly_payload_bytes']:>8} B"
    )
    svg_bytes = server["svg_payload_bytes"]
    print(f"{'SVG string':<34} {server['svg_build_ms']:>10.2f} {'—':>8} {svg_bytes:>8} B")
    print()
    print(
        f"st.html(svg) leaves {sanitised['html_blocks']} st.html blocks and "
        f"{sanitised['svg_elements']} SVG text/rect elements in the page (sanitised away)"
    )
    print(
        f"the SVG saved as a file opens in Chromium: root <{opened['root']}>, "
        f"{opened['texts']} text elements, parse error: {opened['parse_error']}, "
        f"{opened['width']:.0f} px wide"
    )
    for app, r in results.items():
        if r["errors"]:
            print(f"  {app}: page errors: {r['errors'][:3]}")
    for app, text in stderr.items():
        if "Traceback" in text:
            print(f"  {app} server stderr has a traceback:\n{text[-1500:]}")
    print(f"load average after: {os.getloadavg()[0]:.2f} (1 min)")
    figures |= {k: v for k, v in server.items() if k != "svg"}
    figures |= {
        "html_svg_elements_drawn": sanitised["svg_elements"],
        "svg_file_opens": opened["root"].lower() == "svg" and not opened["parse_error"],
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
