"""The common misconceptions page in a real headless Chromium: both languages load without an
error, and a control updates the verdict."""

import pytest
from playwright.sync_api import expect

from conftest import APP_IDLE, assert_page_clean


def wait_idle(page):
    page.wait_for_selector(APP_IDLE, timeout=30_000)


@pytest.mark.parametrize(
    ("lang", "title", "verdict"),
    [("en", "Common misconceptions", "keeps 30.0% of the memory"), ("ko", "흔한 오해", "30.0%")],
)
def test_page_loads_with_five_figures(app_url, page, lang, title, verdict):
    page.goto(app_url + f"/misconceptions?lang={lang}")
    wait_idle(page)
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(5)
    expect(page.get_by_test_id("stAlertContentSuccess").nth(1)).to_contain_text(verdict)
    assert_page_clean(page)


def test_forget_gate_slider_updates_the_verdict(app_url, page):
    page.goto(app_url + "/misconceptions")
    wait_idle(page)
    verdict = page.get_by_test_id("stAlertContentSuccess").nth(1)
    expect(verdict).to_contain_text("keeps 30.0%")
    handle = page.get_by_test_id("stSlider").filter(has_text="forget gate").first
    handle = handle.get_by_role("slider")
    # One step of 0.01 with the keyboard. On a busy machine a key press that arrives while the
    # page is still settling can be dropped (seen once in CI): press again only if the handle
    # did not move, so it never moves twice.
    for _ in range(3):
        handle.focus()
        handle.press("ArrowRight")
        page.wait_for_timeout(1000)
        if handle.input_value() != "0.3":
            break
    expect(handle).to_have_value("0.31")
    expect(verdict).to_contain_text("keeps 31.0%", timeout=15_000)
    wait_idle(page)
    assert "mc_keep_f=0.31" in page.url
    assert_page_clean(page)


def test_tampered_link_shows_a_message_and_the_page_still_works(app_url, page):
    page.goto(app_url + "/misconceptions?mc_keep_f=abc&mc_T=9999&bogus=1")
    wait_idle(page)
    expect(page.get_by_test_id("stAlertContentWarning").first).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(5)
    assert "mc_T=500" in page.url and "bogus" not in page.url
    assert_page_clean(page)
