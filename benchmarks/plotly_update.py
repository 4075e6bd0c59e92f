"""What redrawing changed plotly charts costs a click, as Streamlit draws them and as plotly's own
`Plotly.react` would (issue 15: the lever left for clicks that change a chart's data).

    python benchmarks/plotly_update.py [--clicks 11] [--warmup 2]

Streamlit 1.67's `st.plotly_chart` builds a new chart whenever its figure changes (the element's
id is derived from the figure), so plotly draws it from scratch. `Plotly.react` updates a chart
in place. This compares the two on the same figures, in four throwaway apps written to a
temporary folder and served at once (loopback only), each one button whose click changes its
charts' data and titles:

  native-1 / react-1   one bar chart (the floor of browser_latency.py)
  native-4 / react-4   three line charts (4 lines of 100 points each, log y) and a 16 x 100 heatmap

"native" draws with st.plotly_chart; "react" with a small `st.components.v2` component that calls
Plotly.react on a div it keeps, plotly.js read from the plotly package (copied into the temporary
app's static folder, served by Streamlit itself). Each click is timed in the page, from the click
to every chart showing its new title with the app idle; median and p95 of `--clicks` after
`--warmup`. The apps take turns click by click, so load on the machine falls on all of them.
Last line: JSON {app: median ms}.
"""

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import plotly

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from conftest import APP_IDLE, CHROMIUM_ARGS, start_app, stop_app  # noqa: E402

FIGURES = '''"""The figures each app draws after `count` clicks (every title says the count)."""

import numpy as np
import plotly.graph_objects as go


def figures(count: int, heavy: bool) -> list[go.Figure]:
    if not heavy:
        title = f"clicks: {count} of 1"
        return [go.Figure(go.Bar(x=["clicks"], y=[count]), layout_title_text=title)]
    rng = np.random.default_rng(count)
    out = []
    for j in range(3):
        figure = go.Figure(layout_title_text=f"clicks: {count} chart {j}", layout_height=380)
        for k in range(4):
            decay = np.exp(-np.arange(100) * rng.uniform(0.01, 0.1))
            figure.add_scatter(y=decay, name=f"line {k}")
        figure.update_yaxes(type="log")
        out.append(figure)
    heat = go.Heatmap(z=rng.normal(size=(16, 100)))
    out.append(go.Figure(heat, layout_height=380, layout_title_text=f"clicks: {count} heat"))
    return out
'''
APP = '''import streamlit as st

from figures import figures

HEAVY = {heavy}
REACT = {react}
JS = """
export default function (component) {{
  const {{ data, parentElement }} = component;
  const div = parentElement.querySelector('.plot');
  const draw = () => {{
    const figure = JSON.parse(data);
    window.Plotly.react(div, figure.data, figure.layout, {{ displayModeBar: false }});
  }};
  if (window.Plotly) return draw();
  let script = document.getElementById('plotly-js');
  if (!script) {{
    script = Object.assign(document.createElement('script'),
      {{ id: 'plotly-js', src: './app/static/plotly.min.js' }});
    document.head.appendChild(script);
  }}
  script.addEventListener('load', draw);
}}
"""
chart = st.components.v2.component(
    "react_chart", html="<div class='plot' style='min-height: 380px'></div>", js=JS,
    isolate_styles=False,
)
count = st.session_state.get("count", 0)
if st.button("Click me"):
    count += 1
    st.session_state["count"] = count
for i, figure in enumerate(figures(count, HEAVY)):
    if REACT:
        chart(key=f"chart{{i}}", data=figure.to_json())
    else:
        st.plotly_chart(figure, key=f"chart{{i}}")
'''
CONFIG = "[server]\nenableStaticServing = true\n[browser]\ngatherUsageStats = false\n"
APPS = {
    "native-1": (False, False),
    "react-1": (False, True),
    "native-4": (True, False),
    "react-4": (True, True),
}
# One click: press the button, then wait (every frame) until every chart's title says the new
# count and the app is idle; the time in ms.
CLICK = """async (n) => {
  const t0 = performance.now();
  document.querySelector('[data-testid=stButton] button').click();
  const done = () => {
    const titles = [...document.querySelectorAll('.gtitle')];
    return titles.length > 0 && titles.every((e) => e.textContent.startsWith(`clicks: ${n} `))
      && document.querySelector('[data-test-script-state=notRunning]');
  };
  while (!done()) {
    if (performance.now() - t0 > 30000) throw new Error(`click ${n} not drawn in 30 s`);
    await new Promise((r) => requestAnimationFrame(r));
  }
  return performance.now() - t0;
}"""


def write_apps(folder: Path) -> None:
    (folder / ".streamlit").mkdir()
    (folder / ".streamlit" / "config.toml").write_text(CONFIG)
    (folder / "static").mkdir()
    bundle = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    shutil.copy(bundle, folder / "static" / "plotly.min.js")  # a copy: symlinks are not served
    (folder / "figures.py").write_text(FIGURES)
    for name, (heavy, react) in APPS.items():
        (folder / f"{name}.py").write_text(APP.format(heavy=heavy, react=react))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clicks", type=int, default=11)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in APPS}
    with tempfile.TemporaryDirectory() as folder:
        write_apps(Path(folder))
        servers = {name: start_app(script=f"{name}.py", cwd=Path(folder)) for name in APPS}
        try:
            with sync_playwright() as p:
                chromium = shutil.which("chromium") or shutil.which("chromium-browser")
                browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                pages = {}
                for name, (_, url) in servers.items():
                    page = browser.new_page(viewport={"width": 1280, "height": 800})
                    page.goto(url)
                    page.wait_for_selector(APP_IDLE, timeout=60_000)
                    page.wait_for_selector(".gtitle", timeout=60_000)
                    pages[name] = page
                for n in range(1, args.warmup + args.clicks + 1):
                    for name, page in pages.items():
                        ms = page.evaluate(CLICK, n)
                        page.wait_for_timeout(300)
                        if n > args.warmup:
                            times[name].append(ms)
                browser.close()
        finally:
            for process, _ in servers.values():
                stop_app(process)
    medians = {}
    print(f"{'app':10} {'median':>8} {'p95':>8}   (ms, click -> every chart redrawn, idle)")
    for name, values in times.items():
        medians[name] = round(statistics.median(values), 1)
        p95 = sorted(values)[int(0.95 * (len(values) - 1))]
        print(f"{name:10} {medians[name]:8.0f} {p95:8.0f}")
    for charts in ("1", "4"):
        native, react = medians[f"native-{charts}"], medians[f"react-{charts}"]
        print(f"{charts} chart(s): Plotly.react takes {react / native:.2f}x st.plotly_chart's time")
    print(json.dumps(medians))


if __name__ == "__main__":
    main()
