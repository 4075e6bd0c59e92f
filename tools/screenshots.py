"""Screenshots of every page: wide (1280x800), presenter mode (1280x720, ?present=1) and narrow
(400x850, a phone), in English and Korean.

    python tools/screenshots.py [--out screenshots] [--pages home gate_anatomy ...] [--lang en ko]
                                [--sizes wide present narrow]

Starts the app on a free loopback port, opens each page in headless Debian Chromium, waits until
the script has finished, and saves full-page PNGs named <page>-<lang>-<width>.png.
"""

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from lstm_ui.navigation import PAGES  # noqa: E402

from conftest import APP_IDLE, CHROMIUM_ARGS, start_app, stop_app  # noqa: E402

# name: (width, height, extra query)
SIZES = {
    "wide": (1280, 800, ""),
    "present": (1280, 720, "present=1"),
    "narrow": (400, 850, ""),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="screenshots")
    # The first page is the default one, served at "/".
    paths = ["", *(spec.url_path for spec in PAGES[1:])]
    parser.add_argument("--pages", nargs="*", default=paths)
    parser.add_argument("--lang", nargs="*", default=["en", "ko"])
    parser.add_argument("--query", default="", help="extra URL query, e.g. 'an_H=2'")
    parser.add_argument("--sizes", nargs="*", default=list(SIZES), choices=list(SIZES))
    args = parser.parse_args()
    out = ROOT / args.out
    out.mkdir(parents=True, exist_ok=True)
    process, url = start_app()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
            )
            for name in args.sizes:
                width, height, extra = SIZES[name]
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                for path in args.pages:
                    for lang in args.lang:
                        query = "&".join(q for q in (f"lang={lang}", extra, args.query) if q)
                        page.goto(f"{url}/{path}?{query}")
                        page.wait_for_selector(APP_IDLE, timeout=60_000)
                        page.wait_for_selector(
                            "[data-testid=stSidebar] [data-testid=stButtonGroup]", state="attached"
                        )
                        page.wait_for_selector(APP_IDLE, timeout=60_000)
                        page.wait_for_timeout(1500)  # let plotly and KaTeX finish drawing
                        target = out / f"{path or 'home'}-{lang}-{name}.png"
                        page.screenshot(path=str(target))
                        print(target)
                        # Streamlit scrolls inside its main area, so a full-page shot needs a
                        # viewport as tall as that area's content.
                        tall = page.evaluate(
                            "document.querySelector('[data-testid=stMain]').scrollHeight"
                        )
                        page.set_viewport_size({"width": width, "height": max(height, tall)})
                        page.wait_for_timeout(1000)
                        target = out / f"{path or 'home'}-{lang}-{name}-full.png"
                        page.screenshot(path=str(target))
                        print(target)
                        page.set_viewport_size({"width": width, "height": height})
                context.close()
            browser.close()
    finally:
        stderr = stop_app(process)
        if "Traceback" in stderr:
            print(stderr[-3000:], file=sys.stderr)


if __name__ == "__main__":
    main()
