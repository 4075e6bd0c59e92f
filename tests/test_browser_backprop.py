"""The backprop through time page in a real headless Chromium: the cursor's back button moves
the step and the numbers of the equations and of the backward diagram change; the URL follows;
no errors."""

import re

from playwright.sync_api import expect
from test_backprop_page import core_ledgers

from lstm_viz.numbers import sci, tex_sci

from conftest import APP_IDLE, assert_page_clean


def wait_idle(page):
    page.wait_for_selector(APP_IDLE, timeout=30_000)


def test_back_button_moves_the_cursor_and_the_numbers_change(app_url, page):
    page.goto(app_url + "/backprop")
    wait_idle(page)
    expect(page.get_by_role("heading", name="Backprop through time", exact=True)).to_be_visible()
    info = page.get_by_test_id("stMain").get_by_text("Step t =", exact=False).first
    expect(info).to_contain_text("Step t = 29, that is τ − 0")
    equation = page.get_by_test_id("stMainBlockContainer").locator(".katex-display").first
    before = equation.text_content()
    expect(page.get_by_test_id("stPlotlyChart").nth(4)).to_be_attached(timeout=30_000)

    page.get_by_role("button", name="Back", exact=True).click()
    expect(info).to_contain_text("Step t = 28, that is τ − 1")
    wait_idle(page)
    after = equation.text_content()
    assert after != before
    lstm, _ = core_ledgers()
    # KaTeX writes a minus as "−"; the total δh at t = 28 of unit 1 as the core computed it.
    assert tex_sci(lstm.dh[28, 0]).replace("-", "−") in after.replace("\n", "")
    assert "bp_k=1" in page.url
    # The cell drawn backwards, at the cursor: an image with a label, the core's δh_t on it.
    diagram = page.locator(".st-key-bp_diagram svg[role=img]")
    expect(diagram).to_have_attribute("lang", "en")
    expect(diagram).to_have_attribute("aria-label", re.compile(r"t = 28"))
    expect(diagram).to_contain_text(sci(lstm.dh[28, 0]))
    expect(diagram).to_contain_text(sci(lstm.dc[28, 0]))
    assert_page_clean(page)
