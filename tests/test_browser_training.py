"""The training lab in a real headless Chromium: a short training run draws the loss curves and
the prediction; no errors anywhere."""

from playwright.sync_api import expect

from lstm_ui.navigation import PAGES

from conftest import APP_IDLE, assert_page_clean

URL_PATH = next(spec.url_path for spec in PAGES if spec.path == "pages/training_lab.py")


def wait_idle(page):
    page.wait_for_selector(APP_IDLE, timeout=30_000)


def test_pressing_train_with_tiny_settings_draws_the_curves(app_url, page):
    page.goto(f"{app_url}/{URL_PATH}?tr_epochs=3&tr_H=4&tr_seed=11")
    wait_idle(page)
    expect(page.get_by_role("heading", name="Training lab")).to_be_visible()
    charts = page.get_by_test_id("stPlotlyChart")
    expect(charts).to_have_count(1, timeout=30_000)  # the task's example

    page.get_by_role("button", name="Train both models").click()
    expect(charts).to_have_count(2, timeout=60_000)  # loss curves and closed-loop prediction
    wait_idle(page)
    expect(charts.first).to_contain_text("LSTM")
    expect(charts.nth(1)).to_contain_text("closed loop")
    expect(page.get_by_test_id("stMetric")).to_have_count(2)
    expect(page.get_by_test_id("stDownloadButton")).to_have_count(2)
    assert "tr_epochs=3" in page.url and "tr_H=4" in page.url

    assert_page_clean(page)
