"""The sequence stepper in a real headless Chromium: load, step, play (in the browser, by
mouse, keyboard and shortcut), upload."""

import json
import re
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import expect

from lstm_core import LSTMParams
from lstm_core.lab.weights_io import npz_bytes
from pages.sequence_stepper_controller import PLAY_HEAD

from conftest import APP_IDLE, CURSOR_GEOMETRY, steady

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RUN, HEATMAPS = 0, 1  # the page's plotly charts, in order (the cell diagram is an inline SVG)


def open_page(page, app_url: str, query: str = "") -> list[str]:
    """Open the stepper and wait for its charts; return the page's console errors (the
    fixture's list: every error but the 404s of Streamlit's own probes, see conftest)."""
    page.goto(f"{app_url}/sequence_stepper{query}")
    wait_idle(page)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(2, timeout=30_000)
    expect(page.locator(".st-key-sq_diagram svg[role=img]")).to_be_visible(timeout=30_000)
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=stPlotlyChart] .js-plotly-plot').length === 2",
        timeout=30_000,
    )
    assert page.locator(".js-plotly-plot .updatemenu-button, .js-plotly-plot .slider").count() == 0
    return page.console_errors


def step_shown(page) -> int:
    """The step t the page's step slider (an <input type=range>) shows: paused, it is there."""
    return int(page.locator(".st-key-sq_t input[type=range]").first.input_value())


# While playing no step slider is drawn: a read-only readout (an ARIA progressbar) stands there.
READOUT = ".st-key-sq_readout [role=progressbar]"
PLAYING_STEP = f"Number(document.querySelector('{READOUT}')?.getAttribute('aria-valuenow') ?? -1)"


def wait_playing_past(page, step: int) -> None:
    """Wait until the readout shows a step at or beyond `step`."""
    page.wait_for_function(f"() => {PLAYING_STEP} >= {step}", timeout=60_000)


def play_button(page):
    """▶ Play (paused): the page's own button."""
    return page.locator(".st-key-sq_play button").filter(visible=True).first


def pause_button(page):
    """‖ Pause (playing): the browser's player's button (lstm_ui.player), in its place."""
    return page.locator(".lgl-play-button[data-action=pause]")


def wait_slider_back(page) -> None:
    """Wait until playing has stopped: the step slider is back and the readout gone."""
    expect(page.locator(".st-key-sq_t input[type=range]")).to_have_count(1, timeout=30_000)
    expect(page.locator(READOUT)).to_have_count(0)


CURSOR_X = "Number(document.querySelectorAll('.lgl-cursor')[{index}]?.dataset.x ?? NaN)"


def cursor_x(page, index: int = RUN) -> float:
    """Where the cursor laid over chart `index` stands (lstm_viz.cursor; its x, in steps)."""
    return page.evaluate(f"() => {CURSOR_X.format(index=index)}")


def wait_cursor(page, condition: str, index: int = HEATMAPS, timeout: float = 30_000) -> None:
    """Wait until `condition` on the x of chart `index`'s cursor holds (e.g. "x === 1")."""
    page.wait_for_function(
        f"() => {{ const x = {CURSOR_X.format(index=index)}; return {condition}; }}",
        timeout=timeout,
    )


def wait_idle(page) -> None:
    page.wait_for_selector(APP_IDLE, timeout=30_000)


def plot(page, index: int, expression: str):
    """Evaluate `expression` on the graph div `gd` of the page's chart number `index`."""
    return page.evaluate(
        f"() => {{ const gd = document.querySelectorAll("
        f"'[data-testid=stPlotlyChart] .js-plotly-plot')[{index}]; return {expression}; }}"
    )


# Pixels from the bottom of the line chart's t tick labels down to its legend's top (negative:
# the legend, wrapped onto more rows than its margin holds, covers them).
LEGEND_GAP = """(() => {
  const ticks = [...gd.querySelectorAll('.xaxislayer-above text')]
    .map((e) => e.getBoundingClientRect().bottom);
  const legend = gd.querySelector('.legend .bg').getBoundingClientRect().top;
  return ticks.length ? legend - Math.max(...ticks) : null;
})()"""


def wait_for(page, index: int, condition: str, timeout: float = 30_000) -> None:
    """Wait until `condition` on the graph div `gd` of chart `index` holds (while the page
    reruns the chart may be missing for a moment: that counts as not yet)."""
    page.wait_for_function(
        f"() => {{ try {{ const gd = document.querySelectorAll("
        f"'[data-testid=stPlotlyChart] .js-plotly-plot')[{index}]; return Boolean({condition}); }}"
        f" catch (e) {{ return false; }} }}",
        timeout=timeout,
    )


def assert_no_error_box(page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    assert "Traceback" not in page.content()


def test_next_and_the_slider_move_one_cursor_that_every_view_follows(app_url, page):
    errors = open_page(page, app_url)
    assert_no_error_box(page)
    assert cursor_x(page, HEATMAPS) == 0 == cursor_x(page)

    page.locator(".st-key-sq_next button").filter(visible=True).first.click()
    wait_cursor(page, "x === 1")
    wait_cursor(page, "x === 1", RUN)
    wait_idle(page)
    expect(page.get_by_text("The cell at step t = 1")).to_be_visible()
    expect(page.get_by_text("Every unit at step t = 1")).to_be_visible()
    assert "sq_t=1" in page.url
    assert plot(page, HEATMAPS, "gd.querySelectorAll('.hm image').length") == 6
    assert_no_error_box(page)
    assert errors == []


@pytest.mark.parametrize(
    ("viewport", "query"),
    [
        ({"width": 1280, "height": 800}, ""),
        ({"width": 1280, "height": 720}, "?present=1"),
        ({"width": 400, "height": 850}, "?lang=ko"),
        ({"width": 400, "height": 850}, "?lang=ko&sq_preset=sentence"),  # words on the t axis
        ({"width": 1280, "height": 720}, "?sq_preset=sentence&present=1"),
    ],
    ids=["laptop", "projector", "phone-ko", "phone-ko-words", "projector-words"],
)
def test_a_step_moves_the_cursors_over_charts_that_stay_drawn(app_url, page, viewport, query):
    """ "next ▶" leaves both charts as they are in the browser (the same nodes: plotly does not
    draw them again) and moves the cursors laid over them, which stand where plotly puts the
    step: each line through a whole row within 1 px, each marker on a line's value at that
    step, at the same x in both charts (one step reads down the page); the pointer still
    reaches the heatmap's bricks under the cursor; no text is cut off (a laptop, a projector in
    presenter mode, a phone in Korean; words on the t axis)."""
    page.set_viewport_size(viewport)
    errors = open_page(page, app_url, query)
    page.evaluate("() => document.querySelectorAll('.js-plotly-plot').forEach((g) => g.__kept = 1)")
    page.locator(".st-key-sq_next button").filter(visible=True).first.click()
    wait_cursor(page, "x === 1")
    wait_cursor(page, "x === 1", RUN)
    wait_idle(page)
    on_page = []  # step 1's x on the page, chart by chart
    for index in (RUN, HEATMAPS):
        shown = steady(page, CURSOR_GEOMETRY, index)
        on_page.append(shown["left"] + shown["x"])
        assert shown["kept"], "a chart was drawn anew for a step"
        assert shown["t"] == 1 and shown["cut"] == []  # the fixed margins hold every text
        drawn = sorted(shown["rows"])
        assert len(shown["lines"]) == len(drawn) * (1 if index == RUN else 2)  # (and halos)
        for x, top, bottom in shown["lines"]:
            assert x == pytest.approx(shown["x"], abs=1)
            assert any(abs(top - a) <= 1 and abs(bottom - b) <= 1 for a, b in drawn)
        assert len(shown["markers"]) == shown["traces"]  # one on every line (the heatmaps: none)
        for x, y, values in shown["markers"]:
            assert x == pytest.approx(shown["x"], abs=1)
            assert any(abs(y - v) <= 1 for v in values), (y, values)
    assert abs(on_page[0] - on_page[1]) <= 1, f"step 1 stands at x = {on_page} in the two charts"
    gap = plot(page, RUN, LEGEND_GAP)
    assert gap is not None and gap >= 0, f"the legend starts {gap} px below the tick labels"
    # The pointer goes through the cursor to the brick under it: hover still names the number.
    line = page.locator(".st-key-sq_heatmaps_cursorbox .lgl-cursor > div").nth(1)
    line.scroll_into_view_if_needed()
    box = line.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hover = page.locator(".st-key-sq_heatmaps_cursorbox .hoverlayer .hovertext")
    expect(hover.first).to_contain_text("t = 1", timeout=10_000)
    assert_no_error_box(page)
    assert errors == []


def test_play_and_pause_by_keyboard_alone(app_url, page):
    """Tab to ▶ Play, Enter: the step, the chart's cursor and the diagram move on by themselves
    (in the browser); Enter on ‖ Pause stops them at the step shown then, which the slider and
    the URL take, and gives the focus back to ▶ Play."""
    errors = open_page(page, app_url, "?sq_fps=5")
    page.locator(".st-key-sq_prev button").filter(
        visible=True
    ).first.focus()  # the button before Play ...
    page.keyboard.press("Tab")  # ... then Tab, as a keyboard user goes
    focused = page.evaluate("document.activeElement.closest('[class*=st-key-sq_play]') !== null")
    assert focused, "Tab from ◀ back reaches ▶ Play"
    page.keyboard.press("Enter")
    wait_playing_past(page, 3)  # no slider while playing: the readout says the step
    expect(page.locator(".st-key-sq_t")).to_have_count(0)
    expect(page.locator(READOUT)).to_have_attribute("aria-label", "step t")
    expect(page.locator(READOUT)).to_contain_text(re.compile(r"t = \d+ / 49 · playing"))
    wait_cursor(page, "x >= 2", RUN, timeout=30_000)
    expect(page.get_by_text(re.compile(r"The cell at step t = [2-9]"))).to_be_visible()
    # ‖ Pause with the keyboard: the player's button has the focus Play had
    expect(pause_button(page)).to_be_focused()
    page.keyboard.press("Enter")
    shown = page.evaluate(PLAYING_STEP)  # the press stopped the clock: the step it saw
    expect(play_button(page)).to_contain_text("Play", timeout=30_000)
    wait_idle(page)
    wait_slider_back(page)
    stopped = step_shown(page)
    assert stopped == shown, "the page paused at another step than the one shown"
    expect(play_button(page)).to_be_focused()
    page.wait_for_timeout(1500)  # seven steps at 5 steps/s, had it not stopped
    assert step_shown(page) == stopped < 49
    wait_cursor(page, f"x === {stopped}", RUN)
    assert f"sq_t={stopped}" in page.url
    expect(page.get_by_text(f"The cell at step t = {stopped}")).to_be_visible()
    assert_no_error_box(page)
    assert errors == []


# In one instant while playing: the readout's step and the steps the views' headings name.
VIEWS_STEPS = f"""() => {{
  const named = (words) => [...document.querySelectorAll('.lgl-play-view')]
    .map((v) => v.innerText.trim().match(new RegExp(`^${{words}} ([0-9]+)$`))).filter(Boolean)
    .map((m) => Number(m[1]));
  return [{PLAYING_STEP}, ...named('The cell at step t ='), ...named('Every unit at step t =')];
}}"""


def test_a_long_play_starts_with_its_first_frames_and_plays_on_past_them(app_url, page):
    """A long play's views come with its first frames; the rest follow (the player's store),
    and the play goes on past the first ones with every view at the step shown."""
    errors = open_page(page, app_url, "?sq_T=200&sq_fps=10")
    play_button(page).click()
    for step in (3, PLAY_HEAD + 5, PLAY_HEAD + 25):
        wait_playing_past(page, step)
        steps = page.evaluate(VIEWS_STEPS)
        assert len(steps) == 3 and len(set(steps)) == 1, steps  # readout, diagram, table
    assert steps[0] >= PLAY_HEAD + 25
    assert page.locator("[class*=st-key-lgl_store_]").evaluate_all(
        "boxes => boxes.length === 1 && boxes[0].getBoundingClientRect().height === 0"
    )
    pause_button(page).click()
    wait_slider_back(page)
    assert_no_error_box(page)
    assert errors == []


# Holds the player's store (the rest of a long play's frames) back in the page until
# lglRelease(): the page's player state, made before the player's own code makes it.
HOLD_STORE = """() => {
  let store = null;
  window.lglHold = true;
  window.lglPlayer = {
    play: null, index: 0, timer: null, views: new Map(), focused: null,
    get store() { return store; },
    set store(value) { if (window.lglHold) window.lglHeld = value; else store = value; },
  };
  window.lglRelease = () => { window.lglHold = false; store = window.lglHeld; };
}"""


def test_the_play_waits_for_the_rest_of_its_frames_and_views_keep_their_frame(app_url, page):
    """With the rest of the frames held back, the play waits at the last frame its views have,
    every view at that step, and goes on once they arrive. Views sent again mid-play (another
    language: new frames, a new store) keep the frame they show until their store is there."""
    errors = open_page(page, app_url, "?sq_T=200&sq_fps=10")
    page.evaluate(HOLD_STORE)
    play_button(page).click()
    wait_playing_past(page, PLAY_HEAD - 1)
    page.wait_for_function("() => window.lglHeld !== undefined", timeout=30_000)
    page.wait_for_timeout(1000)  # ten steps' time at 10 steps a second
    assert page.evaluate(VIEWS_STEPS) == [PLAY_HEAD - 1] * 3
    page.evaluate("window.lglRelease()")
    wait_playing_past(page, PLAY_HEAD + 10)

    page.evaluate("window.lglHold = true; window.lglHeld = undefined;")
    page.get_by_role("radio", name="한국어").click()
    page.wait_for_function("() => window.lglHeld !== undefined", timeout=30_000)
    held = page.evaluate(VIEWS_STEPS)  # the English frames, at the step shown
    page.wait_for_timeout(1000)
    assert page.evaluate(VIEWS_STEPS) == held and len(set(held)) == 1, held
    assert held[0] >= PLAY_HEAD + 10  # not back at the new views' first frames
    page.evaluate("window.lglRelease()")
    wait_playing_past(page, held[0] + 3)
    expect(page.get_by_text(re.compile(r"^단계 t = \d+의 셀$"))).to_be_visible()
    assert_no_error_box(page)
    assert errors == []


def test_a_play_started_by_keyboard_gives_the_focus_back_to_play_at_its_end(app_url, page):
    """Enter on ▶ Play: ‖ Pause takes the focus; at the end the page's ▶ Play has it again."""
    errors = open_page(page, app_url, "?sq_T=20&sq_t=14&sq_fps=10")
    play_button(page).focus()
    page.keyboard.press("Enter")
    expect(pause_button(page)).to_be_focused()
    expect(play_button(page)).to_be_visible(timeout=30_000)  # the end: paused at t = 19
    wait_slider_back(page)
    assert step_shown(page) == 19
    expect(play_button(page)).to_be_focused()
    assert errors == []


def test_play_stops_at_the_last_step(app_url, page):
    errors = open_page(page, app_url, "?sq_T=20&sq_t=16&sq_fps=5")
    play_button(page).click()
    wait_playing_past(page, 17)
    page.wait_for_function(  # the run that reaches the last step draws it with the slider
        "() => Number(document.querySelector('.st-key-sq_t input[type=range]')?.value) === 19",
        timeout=60_000,
    )
    expect(play_button(page)).to_contain_text("Play", timeout=30_000)
    wait_idle(page)
    wait_slider_back(page)
    wait_cursor(page, "x === 19", RUN)
    page.wait_for_timeout(1000)
    wait_idle(page)
    assert step_shown(page) == 19 and cursor_x(page) == 19
    expect(page.get_by_text("The cell at step t = 19")).to_be_visible()
    assert_no_error_box(page)
    assert errors == []


BOX = """(sel) => { const el = document.querySelector(sel); if (!el) return null;
  const r = el.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; }"""
FITS = f"""() => [...document.querySelectorAll('{READOUT} *')].every(
  (el) => el.scrollWidth <= el.clientWidth + 1
    && el.getBoundingClientRect().right <= document.documentElement.clientWidth)"""


@pytest.mark.parametrize(
    ("viewport", "query", "words"),
    [
        ({"width": 1280, "height": 800}, "", "· playing"),
        ({"width": 1280, "height": 720}, "&present=1", "· playing"),
        ({"width": 400, "height": 850}, "&lang=ko", "· 재생 중"),
    ],
    ids=["laptop", "projector", "phone-ko"],
)
def test_the_readout_takes_the_sliders_place_and_nothing_moves(
    app_url, page, viewport, query, words
):
    """While playing the step row shows a readout where the step slider was: as tall, in the
    same place, its words whole, so that the charts below do not move when Play starts or
    stops (a laptop, a projector in presenter mode, a phone in Korean)."""
    page.set_viewport_size(viewport)
    errors = open_page(page, app_url, f"?sq_fps=1{query}")
    wait_slider_back(page)
    slider = page.evaluate(BOX, ".st-key-sq_t")
    chart = page.evaluate(BOX, "[data-testid=stPlotlyChart]")
    play_button(page).click()
    wait_playing_past(page, 1)
    readout = page.evaluate(BOX, ".st-key-sq_readout")
    assert abs(readout["h"] - slider["h"]) <= 1 and abs(readout["y"] - slider["y"]) <= 1
    assert abs(readout["w"] - slider["w"]) <= 1
    assert abs(page.evaluate(BOX, "[data-testid=stPlotlyChart]")["y"] - chart["y"]) <= 1
    expect(page.locator(READOUT)).to_contain_text(words)
    assert page.evaluate(FITS), "the readout's words are cut"
    pause_button(page).click()
    wait_slider_back(page)
    wait_idle(page)
    assert abs(page.evaluate(BOX, ".st-key-sq_t")["h"] - slider["h"]) <= 1
    assert abs(page.evaluate(BOX, "[data-testid=stPlotlyChart]")["y"] - chart["y"]) <= 1
    wait_cursor(page, f"x === {step_shown(page)}")
    assert_no_error_box(page)
    assert errors == []


# The views column's elements that are drawn, (top, height) each, in page pixels, and last the
# column's own (the player's store is not drawn, and must take no place).
VIEWS_LAYOUT = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const box = (e) => { const r = e.getBoundingClientRect();
    return [Math.round(r.top + main.scrollTop), Math.round(r.height)]; };
  const column = [...document.querySelectorAll('[data-testid=stVerticalBlock]')].filter(
    (b) => b.contains(document.querySelector('.st-key-sq_run_cursorbox'))
      && b.contains(document.querySelector('.st-key-sq_fps'))).pop();
  const drawn = [...column.children].filter((e) => getComputedStyle(e).display !== 'none');
  return [...drawn, column].map(box);
}"""
PAUSE_NOW = f"""() => {{
  const layout = ({VIEWS_LAYOUT})();
  document.querySelector('.lgl-play-button[data-action=pause]').click();
  return layout;
}}"""


@pytest.mark.parametrize(
    ("viewport", "query"),
    [({"width": 1280, "height": 800}, ""), ({"width": 400, "height": 850}, "&lang=ko")],
    ids=["laptop", "phone-ko"],
)
def test_pause_redraws_the_step_shown_without_moving_anything(app_url, page, viewport, query):
    """The player's views stand where the page's own do and are as tall (headings, captions,
    sentences, the diagram, the table): the layout read in the same instant as ‖ Pause is
    pressed is the layout of the page the server then draws at that step."""
    page.set_viewport_size(viewport)
    errors = open_page(page, app_url, f"?sq_fps=1&sq_preset=sentence{query}")
    play_button(page).click()
    wait_playing_past(page, 2)
    playing = page.evaluate(PAUSE_NOW)
    wait_slider_back(page)
    wait_idle(page)
    paused = steady(page, VIEWS_LAYOUT, None, tries=20, every_ms=250)
    assert len(paused) == len(playing)
    moved = [
        (a, b)
        for a, b in zip(playing, paused, strict=True)
        if max(abs(a[0] - b[0]), abs(a[1] - b[1])) > 1
    ]
    assert moved == [], "elements moved or changed height on Pause: (playing, paused)"
    assert_no_error_box(page)
    assert errors == []


def test_long_sequence_plays_and_csv_upload_works(app_url, page):
    errors = open_page(page, app_url, "?sq_T=1000&sq_H=64&sq_fps=5")
    assert plot(page, HEATMAPS, "gd.querySelectorAll('.hm image').length") == 6
    play_button(page).click()
    wait_playing_past(page, 10)
    pause_button(page).click()
    expect(play_button(page)).to_contain_text("Play", timeout=30_000)
    wait_idle(page)
    wait_slider_back(page)
    assert step_shown(page) % 5 == 0  # 1 step in 5 of 1000 (and the last)
    wait_cursor(page, f"x === {step_shown(page)}")
    expect(page.get_by_text("▶ Play visits 201 of the 1000 steps")).to_be_visible()

    page.get_by_test_id("stButtonGroup").get_by_text("CSV file", exact=True).click()
    wait_idle(page)
    page.get_by_test_id("stMain").get_by_test_id(
        "stFileUploaderDropzoneInput"
    ).first.set_input_files(str(FIXTURES / "sequence_two_features.csv"))
    expect(page.get_by_text("sequence_two_features.csv, T = 40 steps")).to_be_visible(
        timeout=30_000
    )
    wait_idle(page)
    assert plot(page, HEATMAPS, "gd._fullLayout.meta.T") == 40
    assert_no_error_box(page)
    assert errors == []


def test_korean_page_loads_without_errors(app_url, page):
    errors = open_page(page, app_url, "?lang=ko&sq_preset=sentence")
    expect(page.get_by_role("heading", name="시퀀스 단계별 보기")).to_be_visible()
    ticks = plot(page, RUN, "gd._fullLayout.xaxis2.ticktext")
    assert ticks[0] == "할머니께서는"
    assert_no_error_box(page)
    assert errors == []


def test_choosing_the_gru_redraws_every_view_and_play_still_steps(app_url, page):
    errors = open_page(page, app_url)
    page.get_by_test_id("stButtonGroup").get_by_text("GRU", exact=True).click()
    wait_for(page, HEATMAPS, "gd.data.length === 4 && gd.data[0].name === 'z'")
    wait_idle(page)
    assert plot(page, HEATMAPS, "gd.querySelectorAll('.hm image').length") == 4
    expect(page.get_by_text("A GRU reads a sequence one step at a time")).to_be_visible()
    diagram = page.locator(".st-key-sq_diagram svg[role=img]")
    expect(diagram).to_be_visible()
    assert json.loads(diagram.get_attribute("data-meta") or "{}").get("cell") == "gru"
    assert "sq_cell=gru" in page.url
    page.locator(".st-key-sq_next button").filter(visible=True).first.click()
    wait_cursor(page, "x === 1")
    wait_idle(page)
    play_button(page).click()
    wait_cursor(page, "x >= 3", timeout=60_000)
    pause_button(page).click()
    expect(play_button(page)).to_contain_text("Play", timeout=30_000)
    wait_idle(page)
    wait_slider_back(page)
    expect(page.get_by_text(f"The cell at step t = {step_shown(page)}")).to_be_visible()
    wait_cursor(page, f"x === {step_shown(page)}")
    assert_no_error_box(page)
    assert errors == []


def gap_below(page, above, below) -> float:
    """Pixels from the bottom of `above` to the top of `below` (negative when it is higher), both
    read in one frame, once the layout has settled (the same gap in two reads 200 ms apart). On
    a phone the pictures come first: while they are still being drawn the controls move down,
    and two separate reads once found the message 3260 px under the picker."""
    handles = [above.element_handle(), below.element_handle()]
    measure = "([a, b]) => b.getBoundingClientRect().top - a.getBoundingClientRect().bottom"
    return steady(page, measure, handles, tries=49, every_ms=200)


def send(picker, name: str, data: bytes) -> None:
    picker.set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}]
    )


def test_on_a_phone_what_an_upload_did_is_right_under_the_picker(app_url, page):
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto(f"{app_url}/sequence_stepper?sq_model=upload")
    wait_idle(page)
    main = page.get_by_test_id("stMain")
    uploader = main.get_by_test_id("stFileUploader").first
    expect(uploader).to_be_visible(timeout=30_000)
    none = main.get_by_test_id("stAlert").filter(has_text="No weights file yet")
    expect(none).to_be_visible()
    assert 0 <= gap_below(page, uploader, none) < 40

    send(
        main.get_by_test_id("stFileUploaderDropzoneInput").first,
        "good.npz",
        (FIXTURES / "lstm_torch_d1_h3.npz").read_bytes(),
    )
    loaded = main.get_by_test_id("stAlertContentSuccess").filter(
        has_text="In use: good.npz, LSTM, PyTorch layout, H = 3, D = 1."
    )
    expect(loaded).to_be_visible(timeout=30_000)
    wait_idle(page)
    assert 0 <= gap_below(page, uploader, loaded) < 40
    expect(main.get_by_test_id("stFileChip").filter(has_text="good.npz")).to_be_visible()

    sd = LSTMParams.init(1, 2, seed=0).to_torch()
    sd["weight_hh_l0"] = np.zeros((8, 3))
    send(main.get_by_test_id("stFileUploaderDropzoneInput").first, "wrong.npz", npz_bytes(sd))
    refused = main.get_by_test_id("stAlertContentWarning").filter(
        has_text="wrong.npz was not loaded."
    )
    expect(refused).to_be_visible(timeout=30_000)
    wait_idle(page)
    expect(refused).to_contain_text("The weights in use are still those of good.npz")
    uploader = main.get_by_test_id("stFileUploader").first
    assert 0 <= gap_below(page, uploader, refused) < 40  # next to the picker, not 1000 px away
    # The picker shows no file: neither the refused one nor the one it replaced.
    expect(main.get_by_test_id("stFileChip")).to_have_count(0)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 400
    assert_no_error_box(page)
    assert page.console_errors == []
