"""The vanishing gradients page in a real headless Chromium: it loads, T changes (its chart has
no animation controls to miss with the keyboard), a tampered link gets a message; no errors
anywhere."""

from playwright.sync_api import expect

from lstm_ui.navigation import PAGES

from conftest import APP_IDLE, assert_page_clean

URL_PATH = next(spec.url_path for spec in PAGES if spec.path == "pages/vanishing_gradients.py")


def wait_idle(page):
    page.wait_for_selector(APP_IDLE, timeout=30_000)


def test_page_loads_and_changes_T_with_the_keyboard(app_url, page):
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

    # No plotly Play, Pause or slider (SVG that no keyboard reaches): the curves go back to
    # k = 99 and the diamonds mark the horizons.
    norms = charts.first
    assert norms.locator(".updatemenu-button, .slider").count() == 0
    gd = "document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot')"
    assert page.evaluate(f"{gd}._fullData[0].x.length") > 0
    assert page.evaluate(f"Math.max(...{gd}._fullData[0].x)") == 99
    assert page.evaluate(f"{gd}.data.some(t => t.marker && t.marker.symbol === 'diamond')")
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
    gru_horizon = page.get_by_test_id("stMetric").filter(
        has=page.get_by_test_id("stMetricLabel").get_by_text("GRU", exact=True)
    )
    expect(gru_horizon).to_be_visible()  # its memory horizon, under "Memory horizon (steps)"
    expect(gru_horizon.get_by_test_id("stMetricValue")).to_have_text("> 99")
    # exact: the chart's summary sentence beside it starts with the same words
    expect(page.get_by_text("GRU: measured and the update gates", exact=True)).to_be_visible()
    assert "gr_gru=on" in page.url
    norms = charts.first
    expect(norms.get_by_text("GRU ‖∂L/∂hₜ‖")).to_be_visible()
    assert_page_clean(page)
