"""▶ Play in headless Chromium: how soon it starts and how steadily the browser shows its steps.

    python benchmarks/play_rate.py [--seconds 5] [--speeds 2 10]

For each setting (the default stepper at T = 200, and T = 1000, H = 64) and speed, one headless
Chromium opens the stepper, presses ▶ Play and times, inside the page: from the click to the
player's first frame drawn ("start": the rerun that sends the views with the play's first
frames, the rest following in the same run), then for `--seconds` every change of the step the
readout shows (a MutationObserver), and from the last frame to the server's page at that step
after ‖ Pause ("pause"). Reported: start and pause in ms, frames a second shown against the
speed asked for, the median and longest gap between two frames, and whether any step was
skipped.
Last line: JSON {setting: {speed: frames a second}}.
"""

import argparse
import json
import shutil
import statistics
import sys
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from conftest import APP_IDLE, CHROMIUM_ARGS, start_app, stop_app  # noqa: E402

# Long enough to be still playing after --seconds at 10 steps a second (then Pause is timed).
SETTINGS = {"T200_H8": "&sq_T=200", "T1000_H64": "&sq_T=1000&sq_H=64"}
READOUT = ".st-key-sq_readout [role=progressbar]"
PAUSE = ".lgl-play-button[data-action=pause]"
# In the page: press Play, wait for the first frame, then record each step the readout shows.
WATCH = f"""async (seconds) => {{
  const t0 = performance.now();
  document.querySelector('.st-key-sq_play button').click();
  while (!document.querySelector('{READOUT}')) {{
    if (performance.now() - t0 > 60000) throw new Error('Play drew no player in 60 s');
    await new Promise((r) => requestAnimationFrame(r));
  }}
  const start = performance.now() - t0;
  const step = () => Number(document.querySelector('{READOUT}').getAttribute('aria-valuenow'));
  const seen = [[performance.now(), step()]];
  const observer = new MutationObserver(() => seen.push([performance.now(), step()]));
  observer.observe(document.querySelector('.st-key-sq_readout'), {{
    subtree: true, childList: true, attributes: true }});
  await new Promise((r) => setTimeout(r, seconds * 1000));
  observer.disconnect();
  return {{ start, seen }};
}}"""
PAUSED = f"""async () => {{
  const t0 = performance.now();
  document.querySelector('{PAUSE}').click();
  while (!document.querySelector('.st-key-sq_t input[type=range]')
         || !document.querySelector({json.dumps(APP_IDLE)})) {{
    if (performance.now() - t0 > 60000) throw new Error('Pause drew no slider in 60 s');
    await new Promise((r) => requestAnimationFrame(r));
  }}
  return performance.now() - t0;
}}"""


def measure(browser, url: str, query: str, speed: int, seconds: float) -> dict:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{url}/sequence_stepper?lang=en&sq_fps={speed}{query}")
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    page.wait_for_selector("[data-testid=stPlotlyChart] .main-svg", timeout=60_000)
    page.wait_for_timeout(1000)
    watched = page.evaluate(WATCH, seconds)
    pause_ms = page.evaluate(PAUSED)
    page.close()
    steps = []  # one entry per frame shown: (time, step), repeats of a step dropped
    for when, step in watched["seen"]:
        if not steps or steps[-1][1] != step:
            steps.append((when, step))
    gaps = [b[0] - a[0] for a, b in pairwise(steps)]
    strides = {b[1] - a[1] for a, b in pairwise(steps)}
    span = (steps[-1][0] - steps[0][0]) / 1000 if len(steps) > 1 else float("nan")
    return {
        "start_ms": round(watched["start"]),
        "pause_ms": round(pause_ms),
        "frames": len(steps),
        "frames_per_s": round((len(steps) - 1) / span, 2) if len(steps) > 1 else 0.0,
        "gap_median_ms": round(statistics.median(gaps)) if gaps else None,
        "gap_max_ms": round(max(gaps)) if gaps else None,
        "strides": sorted(strides),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="how long each play is watched")
    parser.add_argument("--speeds", type=int, nargs="*", default=[2, 10], help="steps a second")
    args = parser.parse_args()
    process, url = start_app()
    summary: dict[str, dict[str, float]] = {}
    try:
        with sync_playwright() as p:
            executable = shutil.which("chromium") or "chromium"
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            for name, query in SETTINGS.items():
                for speed in args.speeds:
                    r = measure(browser, url, query, speed, args.seconds)
                    summary.setdefault(name, {})[str(speed)] = r["frames_per_s"]
                    print(
                        f"{name:10} {speed:>2} steps/s asked: Play → first frame "
                        f"{r['start_ms']} ms; {r['frames']} frames in {args.seconds:g} s, "
                        f"{r['frames_per_s']} a second; gap median {r['gap_median_ms']} ms, "
                        f"longest {r['gap_max_ms']} ms; steps between frames {r['strides']}; "
                        f"Pause → slider at that step {r['pause_ms']} ms"
                    )
            browser.close()
    finally:
        stop_app(process)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
