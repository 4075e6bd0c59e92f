"""Typed numbers by keyboard alone, in the real headless Chromium: Tab to the sidebar's
"⌨ Type numbers" switch, Space turns it on, Tab to the forget gate's field on the misconceptions
page, type a number and Enter: the page changes. A number outside the slider's bounds gets
Streamlit's own message and is not applied."""

from playwright.sync_api import expect

from conftest import APP_IDLE, assert_page_clean

MAX_TABS = 80  # the sidebar's links come first; the forget gate's field is on the page


def focused_widget_key(page) -> str | None:
    """The st-key-… class of the widget holding the keyboard focus."""
    return page.evaluate(
        """() => {
            const focused = document.activeElement;
            const box = focused && focused.closest('[class*="st-key-"]');
            return box ? [...box.classList].find(c => c.startsWith('st-key-')) : null;
        }"""
    )


def tab_to(page, key: str) -> None:
    """Press Tab until the widget with session key `key` has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused_widget_key(page) == f"st-key-{key}":
            return
    raise AssertionError(f"{MAX_TABS} Tabs did not reach {key}")


def test_a_keyboard_user_turns_typing_on_and_types_a_forget_gate(app_url, page):
    page.goto(f"{app_url}/misconceptions")
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    verdict = page.locator(".st-key-pictures_first_mc_keep")
    expect(verdict).to_contain_text("f = 0.30 keeps 30.0%", timeout=30_000)
    expect(page.locator(".st-key-mc_keep_f [data-testid=stSlider]")).to_have_count(1)

    tab_to(page, "type")
    page.keyboard.press("Space")
    field = page.locator(".st-key-mc_keep_f input")
    expect(field).to_have_value("0.30", timeout=15_000)  # the slider's value, its format
    expect(page.locator(".st-key-mc_keep_f [data-testid=stSlider]")).to_have_count(0)
    page.wait_for_selector(APP_IDLE, timeout=30_000)
    assert "type=1" in page.url

    tab_to(page, "mc_keep_f")
    page.keyboard.press("Control+A")
    page.keyboard.type("5")  # above the slider's 1.00: Streamlit refuses it and says why
    page.keyboard.press("Enter")
    expect(page.locator(".st-key-mc_keep_f")).to_contain_text("outside the allowed range")
    expect(verdict).to_contain_text("f = 0.30 keeps 30.0%")

    page.keyboard.press("Control+A")
    page.keyboard.type("0.45")
    page.keyboard.press("Enter")
    expect(verdict).to_contain_text("f = 0.45 keeps 45.0%", timeout=15_000)
    page.wait_for_selector(APP_IDLE, timeout=30_000)
    assert "mc_keep_f=0.45" in page.url
    assert_page_clean(page)
