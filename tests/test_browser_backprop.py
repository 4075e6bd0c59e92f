"""The backprop through time page in a real headless Chromium: the cursor's back button moves
the step and the numbers of the equations and of the backward diagram change; the URL follows;
no errors."""

import re

import pytest
from playwright.sync_api import expect
from test_backprop_page import core_ledgers

from lstm_viz.numbers import sci, tex_sci

from conftest import APP_IDLE, CURSOR_GEOMETRY, assert_page_clean, steady


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


@pytest.mark.parametrize(
    ("viewport", "query"),
    [
        ({"width": 1280, "height": 800}, "?lang=en"),
        ({"width": 1280, "height": 720}, "?lang=en&present=1"),
        ({"width": 400, "height": 850}, "?lang=ko"),
    ],
    ids=["laptop", "projector", "phone-ko"],
)
def test_a_step_moves_the_cursor_over_the_charts_of_every_step_and_keeps_them(
    app_url, page, viewport, query
):
    """Back one step: the three charts of every step (∂L/∂U by row, its norms, ‖∂L/∂x_t‖) stay
    the charts they were (plotly does not draw them again) and the dotted cursor over each moves
    to t = 28, where plotly puts that step, through the whole plot area, at the same x in all
    three (one above the other, a step reads down the page); their fixed margins cut no text off
    (a laptop, a projector in presenter mode, a phone in Korean)."""
    page.set_viewport_size(viewport)
    page.goto(f"{app_url}/backprop{query}")
    wait_idle(page)
    expect(page.locator(".lgl-cursor")).to_have_count(3, timeout=30_000)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length === 5")
    page.evaluate("() => document.querySelectorAll('.js-plotly-plot').forEach((g) => g.__kept = 1)")
    page.locator(".st-key-bp_back button").filter(visible=True).first.click()
    page.wait_for_function(
        "[...document.querySelectorAll('.lgl-cursor')].every((c) => c.dataset.x === '28')"
    )
    wait_idle(page)
    on_page = []  # the step's x on the page, chart by chart
    for index in range(3):
        chart = steady(page, CURSOR_GEOMETRY, index)
        assert chart["kept"], "a chart of every step was drawn anew for a step"
        assert chart["t"] == 28 and chart["cut"] == []
        (line,) = chart["lines"]
        assert line == pytest.approx([chart["x"], *chart["plot"]], abs=1)
        on_page.append(chart["left"] + chart["x"])
    assert max(on_page) - min(on_page) <= 1, f"step 28 stands at x = {on_page} in the three charts"
    assert_page_clean(page)
