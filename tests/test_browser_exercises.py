"""The exercises page and presenter mode in a real headless Chromium."""

from playwright.sync_api import expect

from lstm_core.lab.exercises import exercise, kind_of
from lstm_ui.presenter import ZOOM

from conftest import APP_IDLE, ROOT, assert_page_clean

SHOTS = ROOT / "screenshots"


def wait_idle(page):
    page.wait_for_selector(APP_IDLE, timeout=60_000)


def first(kind: str, seed: int = 1) -> int:
    return next(n for n in range(1, 6) if kind_of(seed, n) == kind)


def test_a_typed_answer_is_checked_and_the_working_appears(app_url, page):
    n = first("cell_update")
    ex = exercise(1, n)
    page.goto(f"{app_url}/exercises?ex_n={n}")
    wait_idle(page)
    field = page.get_by_test_id("stNumberInputField").and_(
        page.get_by_label("Your answer (two decimals)")
    )
    field.fill(f"{ex.answer:.2f}")
    page.get_by_role("button", name="Check my answer").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(f"{ex.answer:.3f}")
    expect(page.get_by_role("heading", name="The model's working")).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart")).to_contain_text(f"{ex.answer:.3f}")
    wait_idle(page)
    expect(page.get_by_test_id("stMetricValue")).to_have_text("1 / 1")
    page.get_by_role("button", name="New exercise").click()
    expect(page.get_by_role("heading", name=f"Exercise {n + 1}:", exact=False)).to_be_visible()
    wait_idle(page)
    assert f"ex_n={n + 1}" in page.url
    assert_page_clean(page)


def test_a_korean_choice_is_checked(app_url, page):
    n = first("which_gradient")
    ex = exercise(1, n)
    wrong = "B" if ex.answer == "A" else "A"
    page.goto(f"{app_url}/exercises?ex_n={n}&lang=ko")
    wait_idle(page)
    page.get_by_test_id("stRadioGroup").get_by_text(f"곡선 {wrong}", exact=True).click()
    page.get_by_role("button", name="답 확인").click()
    expect(page.get_by_test_id("stAlertContentWarning")).to_contain_text("정답은")
    expect(page.get_by_test_id("stPlotlyChart")).to_contain_text("RNN")
    assert_page_clean(page)


def test_presenter_mode_at_projector_size(app_url, page):
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 720})
    n = first("cell_update")
    page.goto(f"{app_url}/exercises?present=1&ex_n={n}")
    wait_idle(page)
    expect(page.get_by_role("heading", name="Exercises", exact=True)).to_be_visible()
    # the sidebar starts closed, the set controls are hidden, the page is zoomed
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    main = page.get_by_test_id("stMainBlockContainer")
    expect(main).to_have_css("zoom", str(ZOOM), timeout=30_000)
    set_field = page.get_by_test_id("stNumberInputField").and_(page.get_by_label("Exercise set"))
    expect(set_field).to_be_attached()  # still on the page (its value is kept) ...
    expect(set_field).to_be_hidden()  # ... but not shown
    # a student's answer still works at this size
    page.get_by_test_id("stNumberInputField").and_(
        page.get_by_label("Your answer (two decimals)")
    ).fill("9")
    page.get_by_role("button", name="Check my answer").click()
    expect(page.get_by_test_id("stAlertContentWarning")).to_be_visible()
    wait_idle(page)
    page.screenshot(path=str(SHOTS / "presenter-exercises-1280x720.png"))
    assert_page_clean(page)


def test_link_for_students_is_the_current_page_without_presenter_mode(app_url, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{app_url}/gate_anatomy?present=1&an_scenario=keep_30")
    wait_idle(page)
    expect(page.get_by_test_id("stPlotlyChart").first).to_contain_text("0.300")
    page.screenshot(path=str(SHOTS / "presenter-gate_anatomy-1280x720.png"))
    page.get_by_role("button", name="Link for students").click()
    code = page.get_by_test_id("stCode")
    expect(code).to_contain_text("/gate_anatomy?")
    link = code.inner_text().strip()
    assert "an_scenario=keep_30" in link and "present" not in link
    # the test server listens on 127.0.0.1: the teacher is told students cannot open that
    expect(page.get_by_test_id("stAlertContentWarning")).to_contain_text("localhost")
    # the link opens the same state for a student, without presenter mode
    page.goto(link)
    wait_idle(page)
    expect(page.get_by_test_id("stPlotlyChart").first).to_contain_text("0.300")
    expect(page.get_by_test_id("stMainBlockContainer")).to_have_css("zoom", "1")
    assert_page_clean(page)
