"""The picture a control changes is on the same screen as the control (issue 15): on a laptop
(1280x800), a projector in presenter mode (1280x720) and a phone (400x850, Korean). Each case
presses the page's main control as a person would (the browser scrolls it into view) and checks
that the picture it changes then intersects the viewport, and that it did change."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from conftest import APP_IDLE, ROOT, SHOWN, assert_page_clean, sized_page, steady

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
    # a step moves the cursor laid over the line chart (lstm_viz.cursor), not the chart itself
    "sequence_stepper": ("sq_next", ".st-key-sq_run_cursorbox"),
    "sequence_stepper?sq_cell=gru": ("sq_next", ".st-key-sq_run_cursorbox"),
    "vanishing_gradients": ("gr_apply_lstm_forgets", "[data-testid=stPlotlyChart]"),
    "vanishing_gradients?gr_gru=on": ("gr_apply_lstm_forgets", "[data-testid=stPlotlyChart]"),
    "backprop": ("bp_back", ".st-key-bp_diagram svg[role=img]"),
}
# More pictures the same control changes that must be on screen too: page: (selector, viewports).
# On a phone the backprop page's δh bars come after its diagram, a screen further down.
ALSO = {
    "backprop": (".st-key-bp_branch_bars [data-testid=stPlotlyChart]", ("laptop", "projector")),
}


@contextmanager
def opened(browser, size: dict, url: str) -> Iterator:
    """A fresh page of `size` at `url`, the app idle, its page errors collected; closed after."""
    with sized_page(browser, size) as page:
        page.goto(url)
        page.wait_for_selector(APP_IDLE, timeout=30_000)
        yield page


def settled(page, control) -> None:
    """Wait until the app is idle and `control` stays where it is for 300 ms. On a loaded
    machine a phone's layout styles can arrive after the first idle: the Train button, still
    at its place deep in the controls, was scrolled to and pressed there, then moved up, and
    the screen was left 1,400 px under the chart. A person presses what they see once it holds
    still."""
    last = None
    for _ in range(60):
        page.wait_for_selector(APP_IDLE, timeout=30_000)
        box = control.bounding_box()
        if box is not None and box == last:
            return
        last = box
        page.wait_for_timeout(300)


def press(page, key: str, selector: str) -> None:
    """Click the button with widget key `key` (Playwright scrolls it into view) and wait until
    the app is idle and the picture at `selector` shows something else."""
    button = page.locator(f".st-key-{key} button").filter(visible=True).first
    settled(page, button)
    before = steady(page, SHOWN, selector)  # the first paint settled, before pressing
    button.click()
    changed(page, selector, before)


def changed(page, selector: str, before: str | None, timeout: int = 30_000) -> None:
    """Wait until the picture at `selector` shows something other than `before` (conftest.SHOWN)
    and the app is idle, then check that it still does once it holds still: a chart being
    replaced is briefly absent, which is not a change."""
    page.wait_for_function(
        f"([sel, before]) => ({SHOWN})(sel) !== before", arg=[selector, before], timeout=timeout
    )
    page.wait_for_selector(APP_IDLE, timeout=timeout)
    after = steady(page, SHOWN, selector)
    assert after is not None and after != before, f"{selector} shows what it showed before"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("path", list(PAGES))
def test_the_picture_a_control_changes_is_on_screen_after_pressing_it(
    app_url, browser, path, viewport
):
    size, query = VIEWPORTS[viewport]
    key, selector = PAGES[path]
    with opened(browser, size, f"{app_url}/{path}{'&' if '?' in path else '?'}{query}") as page:
        picture = page.locator(selector).first
        expect(picture).to_be_visible(timeout=30_000)
        press(page, key, selector)
        pictures = [picture]
        if path in ALSO and viewport in ALSO[path][1]:
            pictures.append(page.locator(ALSO[path][0]).first)
        for shown in pictures:
            assert_on_screen(shown, f"{path} at {viewport}", size["height"])
        (ROOT / "screenshots").mkdir(exist_ok=True)
        name = path.replace("?", "-").replace("=", "_")
        page.screenshot(path=str(ROOT / "screenshots" / f"in_view-{name}-{viewport}.png"))
        assert_page_clean(page)


# Pages whose main control is not one button: page and query: (what a person does, the picture it
# changes). A step is ("click", key): the button with that key; ("choose", key): the second option
# of that segmented control; ("slide", n): ArrowRight on the page's n-th slider; ("answer", n):
# the n-th option of the exercise's choices, then Check.
STEPS = {
    "home": ((), "[data-testid=stPlotlyChart]"),  # no control: the preview is on the first screen
    "exercises?ex_seed=1&ex_n=6": (  # New exercise -> no. 7, "which curve is the RNN's?"
        (("click", "ex_next"),),
        ".st-key-pictures_first_exercises [data-testid=stPlotlyChart]",
    ),
    "exercises?ex_seed=1&ex_n=7": (
        (("answer", 0),),
        ".st-key-pictures_first_exercises [data-testid=stPlotlyChart]",
    ),
    "misconceptions": (  # the first slider: T, the sequence length of section 1
        (("slide", 0),),
        ".st-key-pictures_first_mc_size [data-testid=stPlotlyChart]",
    ),
    # x_t (the third slider, after H and D); on a phone the controls come right after the cell
    "gate_anatomy": ((("slide", 2),), ".st-key-an_diagram svg[role=img]"),
    # T, the first slider; on a phone the controls come right after the chart and its numbers
    "vanishing_gradients": ((("slide", 0),), "[data-testid=stPlotlyChart]"),
    "vanishing_gradients?gr_gru=on": ((("slide", 0),), "[data-testid=stPlotlyChart]"),
    "training_lab?tr_epochs=2&tr_H=3": (
        (("choose", "tr_task"),),
        ".st-key-pictures_first_training [data-testid=stPlotlyChart]",
    ),
    "training_lab?tr_epochs=2&tr_H=3&tr_seed=5": (
        (("click", "tr_train"),),
        ".st-key-pictures_first_training [data-testid=stPlotlyChart]",
    ),
}


# A sliver at the screen's edge is not seeing the picture: at least this many pixels of its
# height on the screen (the training lab's example once showed 18 px on the projector).
MIN_SHOWN = 100


def shown_px(picture, height: int) -> int:
    """How many pixels of the picture's height are on a screen `height` px tall (0: none, or
    not drawn)."""
    box = picture.bounding_box()
    if box is None:
        return 0
    return max(0, round(min(box["y"] + box["height"], height) - max(box["y"], 0)))


def assert_on_screen(picture, what: str, height: int, at_least: int = MIN_SHOWN) -> None:
    """At least `at_least` px of the picture are on the screen: Playwright's to_be_in_viewport
    first, then the box, both retried while the page redraws it (a chart being replaced has no
    box for a moment, which a single bounding_box() read took for "not on screen")."""
    try:
        expect(picture).to_be_in_viewport(timeout=30_000)
        for _ in range(10):
            if shown_px(picture, height) >= at_least:
                return
            picture.page.wait_for_timeout(300)
    except AssertionError:
        pass
    box = picture.bounding_box()
    where = (
        "not drawn" if box is None else f"at y = {box['y']:.0f} … {box['y'] + box['height']:.0f}"
    )
    raise AssertionError(
        f"{what}: the picture is {where}, the screen shows 0 … {height}; "
        f"at least {at_least} px of it must be on it"
    )


def do(page, action: str, which: str | int) -> None:
    """One step of STEPS, as a person does it (Playwright scrolls the control into view)."""
    if action == "click":
        button = page.locator(f".st-key-{which} button").filter(visible=True).first
        settled(page, button)
        button.click()
        if which == "tr_train":  # the run is finished when its downloads (drawn last) are there
            expect(page.get_by_test_id("stDownloadButton").first).to_be_attached(timeout=90_000)
    elif action == "choose":
        option = page.locator(f".st-key-{which} button").nth(1)
        settled(page, option)
        option.click()
    elif action == "answer":
        form = page.get_by_test_id("stForm")
        settled(page, form)
        form.locator("label:has(input[type=radio])").nth(which).click()
        form.get_by_test_id("stFormSubmitButton").locator("button").click()
    else:  # slide: a key press that arrives while the page settles can be dropped: press again
        handle = page.get_by_test_id("stSlider").nth(which).get_by_role("slider")
        settled(page, handle)
        before = handle.get_attribute("aria-valuenow")
        # As a student scrolls down from the picture until the slider shows (focus() alone
        # would centre it, a scroll no thumb makes)
        handle.evaluate("e => e.scrollIntoView({block: 'nearest'})")
        for _ in range(3):
            handle.focus()
            handle.press("ArrowRight")
            page.wait_for_timeout(1500)
            if handle.get_attribute("aria-valuenow") != before:
                break
        # Said here, not as a timeout waiting for the picture to change
        message = f"slider {which} did not move from {before} with ArrowRight"
        expect(handle, message).not_to_have_attribute("aria-valuenow", before, timeout=30_000)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("path", list(STEPS))
def test_the_picture_is_on_screen_after_each_step(app_url, browser, path, viewport):
    size, query = VIEWPORTS[viewport]
    steps, selector = STEPS[path]
    url = "" if path == "home" else path  # home is the app's root
    with opened(browser, size, f"{app_url}/{url}{'&' if '?' in url else '?'}{query}") as page:
        expect(page.get_by_test_id("stMain").first).to_be_visible(timeout=30_000)
        picture = page.locator(selector).first
        for action, which in steps:
            before = steady(page, SHOWN, selector)  # the first paint settled, before pressing
            do(page, action, which)
            changed(page, selector, before, timeout=60_000)
        assert_on_screen(picture, f"{path} at {viewport}", size["height"])
        (ROOT / "screenshots").mkdir(exist_ok=True)
        name = path.split("?")[0] + "".join(f"-{action}" for action, _ in steps)
        page.screenshot(path=str(ROOT / "screenshots" / f"in_view-{name}-{viewport}.png"))
        assert_page_clean(page)


# The gradients page on a phone, after each scenario button: not only a sliver of its chart (the
# GRU's chart once started at y = 830 of 850) but this many pixels of it on the screen.
PHONE_CHART_SHOWN = 150
SCENARIO_KEYS = ("gr_apply_lstm_forgets", "gr_apply_explodes", "gr_apply_no_forget")


@pytest.mark.parametrize("gru", ["off", "on"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_gradients_chart_is_well_on_a_phones_screen_after_each_scenario(
    app_url, browser, lang, gru
):
    url = f"{app_url}/vanishing_gradients?lang={lang}&gr_gru={gru}"
    with opened(browser, VIEWPORTS["phone"][0], url) as page:
        selector = "[data-testid=stPlotlyChart]"
        chart = page.locator(selector).first
        expect(chart).to_be_visible(timeout=30_000)
        for key in SCENARIO_KEYS:
            press(page, key, selector)
            what = f"gradients at phone, {lang}, GRU {gru}, after {key}"
            assert_on_screen(chart, what, 850, at_least=PHONE_CHART_SHOWN)
        assert_page_clean(page)
