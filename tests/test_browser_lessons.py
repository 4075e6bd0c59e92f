"""The built-in lesson in Chromium, as a teacher presents it at 1280x720 (`?present=1`): next,
next, previous (one by a click, one by the → key, one by the ← key), checking the page and one
number at each stop, with a screenshot of each under screenshots/."""

from playwright.sync_api import expect

from conftest import APP_IDLE, ROOT, assert_page_clean

SHOTS = ROOT / "screenshots"


def wait_idle(page) -> None:
    page.wait_for_timeout(300)  # let a rerun start before waiting for it to finish
    page.wait_for_selector(APP_IDLE, timeout=60_000)


def check_stop(page, k: int, title: str, number: str, name: str) -> None:
    bar = page.locator(".st-key-lesson_bar").first
    expect(bar).to_contain_text(f"Stop {k} of 19", timeout=30_000)
    expect(page.get_by_test_id("stHeading").filter(has_text=title).first).to_be_visible()
    expect(page.get_by_test_id("stMain")).to_contain_text(number)
    assert f"stop={k}" in page.url and "lesson=why_lstms_remember" in page.url
    assert_page_clean(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"lesson_{name}.png"))


def test_walk_through_the_built_in_lesson_in_presenter_mode(app_url, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/?lesson=why_lstms_remember&stop=6&present=1")
    wait_idle(page)
    # Stop 6: clipping the vanishing RNN scales ‖∇L‖ = 2.01 down to 1; the horizon stays 48.
    check_stop(page, 6, "Vanishing gradients", "2.01", "stop6_clip")
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("48")

    page.locator(".st-key-lesson_next button").first.click()
    wait_idle(page)
    # Stop 7: gate anatomy, f ≈ 1 keeps c = 0.800.
    check_stop(page, 7, "Gate anatomy", "0.800", "stop7_remember")
    assert "an_scenario=remember" in page.url

    page.keyboard.press("ArrowRight")
    wait_idle(page)
    # Stop 8: f = 0.3 keeps 30% of c = 2: 0.600.
    check_stop(page, 8, "Gate anatomy", "0.600", "stop8_keep30")
    assert "an_scenario=keep_30" in page.url

    page.keyboard.press("ArrowLeft")
    wait_idle(page)
    check_stop(page, 7, "Gate anatomy", "0.800", "stop7_again")
    assert "an_scenario=remember" in page.url

    page.locator(".st-key-lesson_prev button").first.click()
    wait_idle(page)
    check_stop(page, 6, "Vanishing gradients", "2.01", "stop6_again")
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("48")
