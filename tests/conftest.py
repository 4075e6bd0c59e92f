"""Shared fixtures: the app served by `streamlit run` and a headless Debian Chromium.

Browser tests never skip: if Chromium is missing the test fails and says how to install it.
"""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# What the picture at a CSS selector shows (argument: the selector), to tell whether a control
# changed it: its text and, for each plotly chart in it, the data and axis ranges it was drawn
# from. Text alone is not enough: the misconceptions chart at T = 20 and T = 21 draws the same
# tick labels and legend, and a wait on its text passed only if it caught the old chart removed.
SHOWN = """(sel) => { const el = document.querySelector(sel); if (!el) return null;
  const charts = [...el.querySelectorAll('.js-plotly-plot')];
  if (el.matches('.js-plotly-plot')) charts.push(el);
  const ranges = (gd) => Object.keys(gd.layout || {}).filter((k) => /^[xy]axis/.test(k))
    .map((k) => gd.layout[k].range);
  return el.textContent + JSON.stringify(charts.map((gd) => [gd.data, ranges(gd)])); }"""
# The texts a plotly chart (its graph div, argument gd) drew beyond its own box: cut off by
# margins too narrow for them (a figure with fixed margins must make room itself). Texts not
# drawn at all (a sentence's words left out where they would not fit) are not cut off.
TEXTS_CUT_OFF = """(gd) => { const g = gd.getBoundingClientRect();
  return [...gd.querySelectorAll('text')]
    .filter((e) => e.textContent.trim() && e.checkVisibility()).filter((e) => {
    const r = e.getBoundingClientRect();
    return r.left < g.left - 1 || r.right > g.right + 1 || r.top < g.top - 1
      || r.bottom > g.bottom + 1; }).map((e) => e.textContent); }"""

# Chart `index` of the page's charts with a cursor laid over it (lstm_viz.cursor), in the chart's
# own pixels (from its top left), read in one frame: where plotly puts the cursor's step on the x
# axis and each row (y axis), the cursor's lines (their centre x, top, bottom), and each of its
# markers (centre x, y) with the values plotly draws at that step on the marker's row, at their
# pixels; the plot area (top, bottom); the chart's left edge on the page; the texts it cut off;
# and whether the chart is the one marked `__kept` before a step (the same node: not drawn anew).
CURSOR_GEOMETRY = """(index) => {
  const box = document.querySelectorAll('[class*=_cursorbox]')[index];
  const gd = box.querySelector('.js-plotly-plot'), cursor = box.querySelector('.lgl-cursor');
  const fl = gd._fullLayout, g = gd.getBoundingClientRect(), t = Number(cursor.dataset.x);
  const axes = Object.keys(fl).filter((k) => /^yaxis\\d*$/.test(k));
  const rows = axes.map((k) => [fl[k]._offset, fl[k]._offset + fl[k]._length]);
  const parts = [...cursor.children].map((d) => [d, d.getBoundingClientRect()]);
  const lines = parts.filter(([d, r]) => r.height > 20 && !d.innerText)
    .map(([d, r]) => [r.left + r.width / 2 - g.left, r.top - g.top, r.bottom - g.top]);
  const markers = parts.filter(([d]) => d.style.borderRadius === '50%').map(([d, r]) => {
    const y = r.top + r.height / 2 - g.top;
    const row = axes.find((k) => fl[k]._offset <= y && y <= fl[k]._offset + fl[k]._length);
    const drawn = gd._fullData.filter((d) => 'y' + (d.yaxis || 'y').slice(1) === 'y' + row.slice(5))
      .map((d) => { const i = Array.from(d.x).indexOf(t);
        return i < 0 ? null : fl[row]._offset + fl[row].l2p(Number(d.y[i])); })
      .filter((p) => p !== null);
    return [r.left + r.width / 2 - g.left, y, drawn];
  });
  const traces = gd._fullData.filter((d) => d.type === 'scatter').length;
  return {t, x: fl.xaxis._offset + fl.xaxis.l2p(t), rows, lines, markers, traces,
    plot: [fl._size.t, fl._size.t + fl._size.h], left: g.left, cut: (CUT_OFF)(gd),
    kept: gd.__kept === 1};
}""".replace("CUT_OFF", TEXTS_CUT_OFF)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"streamlit did not answer {url}/_stcore/health within {timeout} s")


def start_app(script: str = "app.py", cwd: Path = ROOT) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run script` headless on a free loopback port; return (process, url)."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
    except RuntimeError:
        stop_app(process)
        raise
    return process, url


def stop_app(process: subprocess.Popen) -> str:
    """Stop the server; return what it wrote to stderr (tracebacks end up there)."""
    process.terminate()
    try:
        _, err = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
    return err or ""


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    process, url = start_app()
    yield url
    stderr = stop_app(process)
    assert "Traceback" not in stderr, stderr[-4000:]


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail(
            "Browser tests need Debian's Chromium: `apt-get install -y chromium fonts-noto-cjk`"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _expected_probe(message) -> bool:
    """Streamlit's client, opened on a page URL such as /gate_anatomy, first asks for
    /gate_anatomy/_stcore/health and /host-config (in case the app is served under that path),
    gets a 404 and falls back to the root: a console error that is not ours."""
    url = message.location.get("url", "")
    return url.endswith(("/_stcore/health", "/_stcore/host-config")) and "404" in message.text


@pytest.fixture
def page(browser):
    """A fresh 1280x800 browser page that records console errors in `page.console_errors`."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    page = context.new_page()
    page.console_errors = []

    def on_console(message):
        if message.type == "error" and not _expected_probe(message):
            page.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


def assert_page_clean(page) -> None:
    """No exception box, no error box, no traceback text and no browser console error."""
    from playwright.sync_api import expect

    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    assert "Traceback" not in page.content()
    assert page.console_errors == []


def pytest_collection_modifyitems(items):
    """Marks every test that opens Chromium (through `page`, `browser` or a fixture built on
    them) as a browser test. Not by the argument name `page`: AppTests parametrized over page
    scripts use it too and must run in the minimum-versions run (`-m "not browser"`)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def steady(page, expression: str, arg=None, tries: int = 40, every_ms: int = 250):
    """The value of `expression` (JS, evaluated with `arg`) once two reads `every_ms` apart
    agree: a chart re-laid out to a new width (a scroll bar appearing, the phone styles
    arriving) is read when it has settled, not halfway. After `tries` more reads, the last."""
    last = page.evaluate(expression, arg)
    for _ in range(tries):
        page.wait_for_timeout(every_ms)
        now = page.evaluate(expression, arg)
        if now == last:
            return now
        last = now
    return last


@contextmanager
def sized_page(browser, size: dict) -> Iterator:
    """A fresh page of viewport `size` in its own context, its page errors collected in
    `page.console_errors` (for assert_page_clean); the context is closed after."""
    context = browser.new_context(viewport=size)
    try:
        page = context.new_page()
        page.console_errors = []
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        yield page
    finally:
        context.close()
