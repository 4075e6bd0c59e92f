"""An accessibility audit of every page with axe-core (Deque's engine), in both languages, at
1280x800 and 400 px wide, in the real headless Chromium.

axe-core comes from the pinned pip package axe-playwright-python (requirements-dev.txt), which
ships axe.min.js (axe-core 4.12, MPL-2.0) inside the wheel; the test injects that file into the
page with Playwright, so nothing is fetched at run time and the app never loads it.

A serious or critical violation fails the test, unless it is listed in STREAMLIT_OWN: a
violation inside Streamlit's own widgets that the app cannot change, named by rule id and by a
CSS selector of the element, each with the reason. Found and fixed in the app so far: the
primary colour as text on its own tint (the selected language, 4.3:1), captions at Streamlit's
60 % opacity (3.9:1), the shortcut keys Streamlit prints on a button with a `shortcut` (too
pale), and equations whose scrolling box could not be focused by keyboard
(see lstm_ui/layout.py and lstm_ui.charts.show_equation).
"""

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import expect
from test_browser_all_pages import CASES
from test_browser_legible import figure_text

from conftest import APP_IDLE, assert_page_clean

# (axe rule id, CSS selector that matches the element) -> why it is Streamlit's, not the app's.
# Empty with Streamlit 1.67: every serious or critical violation axe found was the app's and is
# fixed. Add an entry only for an element Streamlit draws and the app cannot reach (e.g. its
# file uploader's "Browse files" button), never a whole rule.
STREAMLIT_OWN: dict[tuple[str, str], str] = {}

MATCHES = """([target, own]) => {
    const element = document.querySelector(target);
    return element !== null && element.closest(own) !== null;
}"""
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
    .every(chart => chart.querySelector('.main-svg'))"""


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, minus STREAMLIT_OWN:
    one line per element, "rule (impact): selector | html"."""
    page.evaluate(AXE_SCRIPT)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in result["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        for node in violation["nodes"]:
            selector = node["target"][-1] if node["target"] else ""
            if any(
                rule == violation["id"] and page.evaluate(MATCHES, [selector, own])
                for rule, own in STREAMLIT_OWN
            ):
                continue
            found.append(f"{violation['id']} ({violation['impact']}): {selector} | {node['html']}")
    return found


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("path", "english", "korean", "charts"), CASES)
def test_page_has_no_serious_accessibility_violation(
    app_url, page, path, english, korean, charts, lang
):
    page.goto(f"{app_url}/{path}?lang={lang}")
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    heading = english if lang == "en" else korean
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=30_000)
    pictures = page.locator("[data-testid=stPlotlyChart], svg[role=img]")
    expect(pictures.nth(charts - 1)).to_be_attached(timeout=30_000)
    found, clipped = {}, {}
    for width in (1280, 400):
        page.set_viewport_size({"width": width, "height": 800})
        page.wait_for_selector(APP_IDLE, timeout=60_000)
        page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
        found[width] = serious_violations(page)
        clipped[width] = figure_text(page)["clipped"]  # titles and legends inside their chart
    assert found == {1280: [], 400: []}
    assert clipped == {1280: [], 400: []}
    assert_page_clean(page)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_stepper_while_playing_has_no_serious_accessibility_violation(app_url, page, lang):
    """While ▶ Play runs, the step row's buttons, the readout and every view of step t are the
    browser player's (lstm_ui.player): audited as they are drawn, mid-play."""
    page.goto(f"{app_url}/sequence_stepper?lang={lang}&sq_fps=1")
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    page.locator(".st-key-sq_play button").filter(visible=True).first.click()
    expect(page.locator(".lgl-play-button[data-action=pause]")).to_be_visible(timeout=30_000)
    readout = page.locator(".st-key-sq_readout [role=progressbar]")
    expect(readout).to_have_attribute("aria-valuenow", "1", timeout=30_000)  # a step played
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    headings = page.locator(".lgl-play-view[role=heading][aria-level='3']")
    expect(headings).to_have_count(2)
    assert serious_violations(page) == []
    assert_page_clean(page)


def test_the_audit_sees_a_violation(page):
    """The audit is not blind: text at 2.3:1 on white and an image without a text alternative
    are reported (so an empty result above means axe ran and found nothing)."""
    page.set_content(
        "<html lang='en'><head><title>t</title></head><body><main>"
        "<p style='color:#aaaaaa'>pale</p><img src='data:,'>"
        "</main></body></html>"
    )
    found = " ".join(serious_violations(page))
    assert "color-contrast (serious)" in found
    assert "image-alt (critical)" in found
