"""Keyboard alone: the stepper steps with Shift+→ and Shift+← and plays with Shift+P (st.button
shortcuts, and the browser player's own while playing), and an anatomy scenario is chosen with
Tab and Enter, in the real headless Chromium."""

from playwright.sync_api import expect

from conftest import APP_IDLE, assert_page_clean


def cursor_slider(page):
    """The stepper's "step t" slider (an <input type=range>: its value is the step)."""
    return page.get_by_test_id("stSlider").filter(has_text="step t").get_by_role("slider").first


def test_the_stepper_steps_with_shift_and_the_arrow_keys(app_url, page):
    page.goto(f"{app_url}/sequence_stepper")
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    expect(cursor_slider(page)).to_be_visible(timeout=30_000)
    expect(cursor_slider(page)).to_have_value("0")
    page.evaluate("document.activeElement && document.activeElement.blur()")  # no field focused
    for expected in ("1", "2"):
        page.keyboard.press("Shift+ArrowRight")
        expect(cursor_slider(page)).to_have_value(expected, timeout=15_000)
    page.keyboard.press("Shift+ArrowLeft")
    expect(cursor_slider(page)).to_have_value("1", timeout=15_000)
    assert_page_clean(page)


def test_the_stepper_plays_and_pauses_with_shift_p(app_url, page):
    page.goto(f"{app_url}/sequence_stepper?sq_fps=5")
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    expect(cursor_slider(page)).to_have_value("0", timeout=30_000)
    page.evaluate("document.activeElement && document.activeElement.blur()")  # no field focused
    page.keyboard.press("Shift+P")
    expect(page.locator(".lgl-play-button[data-action=pause]")).to_be_visible(timeout=30_000)
    readout = page.locator(".st-key-sq_readout [role=progressbar]")  # no slider while playing
    page.wait_for_function(
        "() => Number(document.querySelector('.st-key-sq_readout [role=progressbar]')"
        "?.getAttribute('aria-valuenow')) >= 2",
        timeout=60_000,
    )
    expect(cursor_slider(page)).to_have_count(0)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Shift+P")
    play = page.locator(".st-key-sq_play button").filter(visible=True).first
    expect(play).to_contain_text("Play", timeout=30_000)
    page.wait_for_selector(APP_IDLE, timeout=30_000)
    expect(readout).to_have_count(0)
    expect(cursor_slider(page)).to_be_visible(timeout=30_000)  # back, at the step shown
    stopped = cursor_slider(page).input_value()
    expect(page.get_by_text(f"The cell at step t = {stopped}")).to_be_visible()
    page.wait_for_timeout(1200)
    expect(cursor_slider(page)).to_have_value(stopped)
    assert_page_clean(page)


def test_an_anatomy_scenario_is_chosen_with_the_keyboard(app_url, page):
    page.goto(f"{app_url}/gate_anatomy")
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    diagram = page.locator(".st-key-an_diagram svg[role=img]")
    expect(diagram).to_contain_text("0.731", timeout=30_000)
    button = page.get_by_role("button", name="Keep 30%").filter(visible=True)
    button.focus()  # as Tab would reach it
    page.keyboard.press("Enter")
    expect(diagram).to_contain_text("0.300", timeout=15_000)  # f = 0.3 keeps 30 %
    page.wait_for_selector(APP_IDLE, timeout=30_000)
    assert "an_scenario=keep_30" in page.url
    assert_page_clean(page)
