"""The real app in a real headless Chromium: home page, language switch, no errors."""

from playwright.sync_api import expect

from conftest import APP_IDLE, assert_page_clean


def wait_idle(page):
    page.wait_for_selector(APP_IDLE, timeout=30_000)


def test_home_page_loads_without_errors_and_switches_to_korean(app_url, page):
    page.goto(app_url)
    wait_idle(page)
    expect(page.get_by_role("heading", name="LSTM Gate Lab")).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(1)
    assert_page_clean(page)

    page.get_by_role("radio", name="한국어").click()
    expect(page.get_by_role("heading", name="LSTM 게이트 실험실")).to_be_visible()
    wait_idle(page)
    assert "lang=ko" in page.url
    assert_page_clean(page)


def test_lang_ko_link_opens_in_korean(app_url, page):
    page.goto(app_url + "/?lang=ko")
    wait_idle(page)
    expect(page.get_by_role("heading", name="LSTM 게이트 실험실")).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(1)
    # the preview's caption says the LSTM's ratio above 1 means its gradient grew, and so does
    # the text beside the chart (worded from the same verdict)
    grew = "LSTM의 셀 상태 기울기는 오히려 커져서"
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text=grew)).to_be_visible()
    expect(page.locator('p.lgl-summary[lang="ko"]').filter(has_text=grew)).to_have_count(1)
    assert_page_clean(page)
