"""Every page in both languages, in a real headless Chromium: it loads, draws its charts, shows
no error, no traceback and no console error, wide and narrow. Screenshots of each go to
screenshots/ (1280x800 and 400 px wide) for a person to look at."""

import pytest
from playwright.sync_api import expect

from lstm_ui.navigation import PAGES

from conftest import APP_IDLE, ROOT, assert_page_clean

SHOTS = ROOT / "screenshots"
# (url path, heading in English, in Korean, pictures (plotly charts and SVG diagrams) at least)
CASES = [
    ("", "LSTM Gate Lab", "LSTM 게이트 실험실", 1),
    ("gate_anatomy", "Gate anatomy", "게이트 해부", 3),
    ("sequence_stepper", "Sequence stepper", "시퀀스 단계별 보기", 3),
    ("vanishing_gradients", "Vanishing gradients", "기울기 소실", 3),
    ("backprop", "Backprop through time", "시간 역전파", 5),
    ("training_lab", "Training lab", "학습 실험실", 1),
    ("exercises", "Exercises", "연습 문제", 1),
    ("misconceptions", "Common misconceptions", "흔한 오해", 5),
]


def test_every_page_is_covered():
    assert {path for path, *_ in CASES} == {"", *(spec.url_path for spec in PAGES[1:])}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("path", "english", "korean", "charts"), CASES)
def test_page_renders_cleanly_wide_and_narrow(app_url, page, path, english, korean, charts, lang):
    SHOTS.mkdir(exist_ok=True)
    name = path or "home"
    page.goto(f"{app_url}/{path}?lang={lang}")
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    heading = english if lang == "en" else korean
    # Generous waits: a busy CI machine can take several seconds for a page's first charts.
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=30_000)
    pictures = page.locator("[data-testid=stPlotlyChart], svg[role=img]")  # plotly, or SVG
    expect(pictures.nth(charts - 1)).to_be_attached(timeout=30_000)
    for width, height in ((1280, 800), (400, 800)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(500)
        page.screenshot(path=str(SHOTS / f"{name}-{lang}-{width}.png"))
    assert_page_clean(page)
