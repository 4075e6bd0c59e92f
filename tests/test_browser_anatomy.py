"""The gate anatomy page in a real headless Chromium: controls update the diagram, no errors."""

from playwright.sync_api import expect

from conftest import APP_IDLE, assert_page_clean


def wait_idle(page):
    page.wait_for_selector(APP_IDLE, timeout=30_000)


def diagram_text(page) -> str:
    return page.get_by_test_id("stPlotlyChart").first.inner_text()


def test_scenario_button_and_slider_update_the_diagram(app_url, page):
    page.goto(app_url + "/gate_anatomy")
    wait_idle(page)
    expect(page.get_by_role("heading", name="Gate anatomy")).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart").first).to_contain_text("0.731")

    page.get_by_role("button", name="Keep 30%").click()
    expect(page.get_by_test_id("stPlotlyChart").first).to_contain_text("0.300")
    wait_idle(page)
    assert "an_scenario=keep_30" in page.url

    # Move the input slider x_t one step with the keyboard: the diagram shows the new x.
    before = diagram_text(page)
    slider = page.get_by_test_id("stSlider").filter(has_text="x").first.get_by_role("slider")
    slider.focus()
    slider.press("ArrowLeft")
    wait_idle(page)
    page.wait_for_function(
        "before => document.querySelector('[data-testid=stPlotlyChart]').innerText !== before",
        arg=before,
        timeout=15_000,
    )
    assert_page_clean(page)


def test_tampered_link_shows_a_message_and_the_page_still_works(app_url, page):
    page.goto(app_url + "/gate_anatomy?an_H=99&an_w=nan&bogus=1")
    wait_idle(page)
    expect(page.get_by_test_id("stAlertContentWarning").first).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert "an_H=4" in page.url and "bogus" not in page.url
    assert_page_clean(page)
