"""The picture a control changes is on the same screen as the control (issue 15): on a laptop
(1280x800), a projector in presenter mode (1280x720) and a phone (400x850, Korean). Each case
presses the page's main control as a person would (the browser scrolls it into view) and checks
that the picture it changes then intersects the viewport, and that it did change."""

import pytest
from playwright.sync_api import expect

from conftest import APP_IDLE, ROOT, assert_page_clean

pytestmark = pytest.mark.browser

VIEWPORTS = {
    "laptop": ({"width": 1280, "height": 800}, "lang=en"),
    "projector": ({"width": 1280, "height": 720}, "lang=en&present=1"),
    "phone": ({"width": 400, "height": 850}, "lang=ko"),
}
# page (with its own query, if any): (the main control's key, the picture it changes: a CSS
# selector)
PAGES = {
    "gate_anatomy": ("an_apply_keep_30", ".st-key-an_diagram svg[role=img]"),
    "gate_anatomy?an_cell=gru": ("an_apply_gru_overwrite", ".st-key-an_diagram svg[role=img]"),
    "sequence_stepper": ("sq_next", "[data-testid=stPlotlyChart]"),
    "sequence_stepper?sq_cell=gru": ("sq_next", "[data-testid=stPlotlyChart]"),
    "vanishing_gradients": ("gr_apply_lstm_forgets", "[data-testid=stPlotlyChart]"),
    "vanishing_gradients?gr_gru=on": ("gr_apply_lstm_forgets", "[data-testid=stPlotlyChart]"),
    "backprop": ("bp_back", ".st-key-bp_diagram svg[role=img]"),
}
# More pictures the same control changes that must be on screen too: page: (selector, viewports).
# On a phone the backprop page's δh bars come after its diagram, a screen further down.
ALSO = {
    "backprop": (".st-key-bp_branch_bars [data-testid=stPlotlyChart]", ("laptop", "projector")),
}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("path", list(PAGES))
def test_the_picture_a_control_changes_is_on_screen_after_pressing_it(
    app_url, browser, path, viewport
):
    size, query = VIEWPORTS[viewport]
    key, selector = PAGES[path]
    context = browser.new_context(viewport=size)
    try:
        page = context.new_page()
        page.console_errors = []
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        page.goto(f"{app_url}/{path}{'&' if '?' in path else '?'}{query}")
        page.wait_for_selector(APP_IDLE, timeout=30_000)
        picture = page.locator(selector).first
        expect(picture).to_be_visible(timeout=30_000)
        before = picture.text_content()
        page.locator(f".st-key-{key} button").filter(visible=True).first.click()
        page.wait_for_selector(APP_IDLE, timeout=30_000)
        page.wait_for_function(
            "([sel, before]) => document.querySelector(sel)?.textContent !== before",
            arg=[selector, before],
            timeout=30_000,
        )
        pictures = [picture]
        if path in ALSO and viewport in ALSO[path][1]:
            pictures.append(page.locator(ALSO[path][0]).first)
        for shown in pictures:
            box = shown.bounding_box()
            assert box is not None
            assert box["y"] < size["height"] and box["y"] + box["height"] > 0, (
                f"{path} at {viewport}: the picture is at y = {box['y']:.0f} … "
                f"{box['y'] + box['height']:.0f}, the screen shows 0 … {size['height']}"
            )
        (ROOT / "screenshots").mkdir(exist_ok=True)
        name = path.replace("?", "-").replace("=", "_")
        page.screenshot(path=str(ROOT / "screenshots" / f"in_view-{name}-{viewport}.png"))
        assert_page_clean(page)
    finally:
        context.close()
