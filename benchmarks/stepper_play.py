"""How fast the sequence stepper's ▶ Play really steps, at each offered speed, in headless Chromium.

    python benchmarks/stepper_play.py [--seconds 6] [--speeds 1 2 5]

▶ Play reruns the page's step fragment on the server once per tick (st.fragment's run_every),
so a speed is worth offering only if the server and the browser keep up with it on the machine
the app runs on. For each setting and speed: open the stepper at that speed, press Play with the
keyboard (Tab to the button, Enter), count the steps the page's step slider shows over
`--seconds`, press Pause; reported: steps per second shown against the speed asked (1.0 = keeps
up). Also the ms per step of "next ▶" (a fragment rerun) at the same settings. Ends with one
line of JSON: {setting: {speed: steps shown per second}}.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from pages.sequence_stepper_controller import FPS_CHOICES  # noqa: E402

from conftest import APP_IDLE, CHROMIUM_ARGS, start_app, stop_app  # noqa: E402

SETTINGS = {
    "default (T=50, H=8)": "",
    "T=1000, H=64, all lines": "&sq_T=1000&sq_H=64&sq_units=1,2,3,4&sq_q=i,f,g,o,c,h",
}
STEP_JS = "() => Number(document.querySelector('.st-key-sq_t input[type=range]')?.value)"


def open_stepper(browser, url: str, query: str):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{url}/sequence_stepper?lang=en{query}", timeout=60_000)
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    page.wait_for_selector(".st-key-sq_diagram svg[role=img]", timeout=60_000)
    return context, page


def play_rate(page, seconds: float) -> float:
    """Steps shown per second while playing (from the first tick on), then Pause."""
    play = page.locator(".st-key-sq_play button").filter(visible=True).first
    play.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({STEP_JS})() >= 1", timeout=30_000)
    first, started = page.evaluate(STEP_JS), time.perf_counter()
    time.sleep(seconds)
    last, ended = page.evaluate(STEP_JS), time.perf_counter()
    play.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(APP_IDLE, timeout=30_000)
    return (last - first) / (ended - started)


def next_ms(page, clicks: int = 7) -> float:
    """Median ms from pressing next ▶ until the step is shown and the app is idle."""
    times = []
    for _ in range(clicks):
        before = page.evaluate(STEP_JS)
        started = time.perf_counter()
        page.locator(".st-key-sq_next button").filter(visible=True).first.click()
        page.wait_for_function(
            f"([b, idle]) => ({STEP_JS})() === b + 1 && document.querySelector(idle) !== null"
            " && document.querySelector('.st-key-sq_diagram svg[role=img]') !== null",
            arg=[before, APP_IDLE],
            polling="raf",
            timeout=30_000,
        )
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="playing time per speed")
    parser.add_argument("--speeds", type=int, nargs="*", default=list(FPS_CHOICES))
    args = parser.parse_args()
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        sys.exit("needs Debian's Chromium: apt-get install -y chromium fonts-noto-cjk")
    print(f"load average before: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} CPUs")
    figures: dict = {}
    process, url = start_app()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            try:
                for name, query in SETTINGS.items():
                    figures[name] = {}
                    context, page = open_stepper(browser, url, query)
                    ms = next_ms(page)
                    context.close()
                    print(f"{name}: next ▶ (a fragment rerun) {ms:.0f} ms")
                    figures[name]["next_ms"] = round(ms)
                    for fps in args.speeds:
                        context, page = open_stepper(browser, url, f"{query}&sq_fps={fps}")
                        rate = play_rate(page, args.seconds)
                        context.close()
                        print(f"  ▶ Play at {fps} steps/s: {rate:.2f} steps/s shown")
                        figures[name][str(fps)] = round(rate, 2)
            finally:
                browser.close()
    finally:
        stderr = stop_app(process)
    if "Traceback" in stderr:
        print(f"server stderr has a traceback:\n{stderr[-1500:]}")
    print(f"load average after: {os.getloadavg()[0]:.2f} (1 min)")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
