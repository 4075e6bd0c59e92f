"""The vanishing gradients page in a real headless Chromium: it loads, T changes, the gradient
animation plays in the browser, a tampered link gets a message; no errors anywhere."""

import re

from playwright.sync_api import expect

from lstm_ui.navigation import PAGES

from conftest import APP_IDLE, assert_page_clean

URL_PATH = next(spec.url_path for spec in PAGES if spec.path == "pages/vanishing_gradients.py")


def wait_idle(page):
    page.wait_for_selector(APP_IDLE, timeout=30_000)


def test_page_loads_changes_T_and_plays_the_animation(app_url, page):
    page.goto(f"{app_url}/{URL_PATH}?gr_T=50")
    wait_idle(page)
    expect(page.get_by_role("heading", name="Vanishing gradients")).to_be_visible()
    charts = page.get_by_test_id("stPlotlyChart")
    expect(charts).to_have_count(4, timeout=30_000)  # a fresh server imports and computes first
    expect(page.get_by_text("The loss is at step τ = 49 of t = 0 … 49.")).to_be_visible()

    # One step right on the T select slider (50 → 100) with the keyboard.
    slider = page.get_by_test_id("stSlider").filter(has_text="sequence length T")
    thumb = slider.get_by_role("slider")
    thumb.focus()
    thumb.press("ArrowRight")
    expect(page.get_by_text("The loss is at step τ = 99 of t = 0 … 99.")).to_be_visible(
        timeout=20_000
    )
    wait_idle(page)
    expect(charts).to_have_count(4)
    assert "gr_T" not in page.url  # 100 is the default: the URL stays clean

    # Play runs in the browser: the slider under the chart moves on without a rerun.
    norms = charts.first
    expect(norms.get_by_text("steps back: 0")).to_be_visible()
    norms.get_by_text("▶ Play").click()
    expect(norms.get_by_text(re.compile(r"steps back: [1-9]\d*"))).to_be_visible(timeout=10_000)
    expect(page.locator(APP_IDLE)).to_have_count(1)  # no script run was started
    assert_page_clean(page)


def test_tampered_link_shows_a_message_and_the_page_still_works(app_url, page):
    page.goto(f"{app_url}/{URL_PATH}?gr_H=1e300&gr_scale=nan&gr_bogus=1&lang=ko")
    wait_idle(page)
    expect(page.get_by_role("heading", name="기울기 소실")).to_be_visible()
    warnings = page.get_by_test_id("stAlertContentWarning")
    expect(warnings).to_have_count(3)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(4, timeout=30_000)
    assert "gr_H=64" in page.url and "gr_bogus" not in page.url and "gr_scale" not in page.url
    assert_page_clean(page)


def test_showing_the_gru_adds_its_curve_horizon_and_theory(app_url, page):
    page.goto(f"{app_url}/{URL_PATH}")
    wait_idle(page)
    charts = page.get_by_test_id("stPlotlyChart")
    expect(charts).to_have_count(4, timeout=30_000)
    page.get_by_test_id("stButtonGroup").get_by_text("shown", exact=True).click()
    expect(charts).to_have_count(5, timeout=30_000)
    wait_idle(page)
    expect(page.get_by_text("GRU horizon, h (steps)")).to_be_visible()
    # exact: the chart's summary sentence beside it starts with the same words
    expect(page.get_by_text("GRU: measured and the update gates", exact=True)).to_be_visible()
    assert "gr_gru=on" in page.url
    norms = charts.first
    expect(norms.get_by_text("GRU ‖∂L/∂hₜ‖")).to_be_visible()
    assert_page_clean(page)
