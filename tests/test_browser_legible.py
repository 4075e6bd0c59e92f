"""Legible from the back row: every page in presenter mode at 1280x720 (a projector), both
languages, in the real headless Chromium. No text in a chart or in the SVG diagram is drawn
under 18 px (its font size times the CSS zoom it is under; a subscript excepted), and no chart
title, legend, annotation, axis title or colour bar, and no diagram label, reaches past the box
of its picture (where it would be cut off). tests/test_browser_axe.py checks the same boxes at
1280x800 and 400 px outside presenter mode."""

import pytest
from playwright.sync_api import expect
from test_browser_all_pages import CASES

from conftest import APP_IDLE, assert_page_clean

MIN_PX = 18
FIGURE_TEXT_JS = r"""(MIN) => {
  // Texts under MIN px as drawn (font size times the CSS zoom over it) and titles, legends,
  // labels that reach past their picture's box, in the charts and diagrams of the main area.
  const out = {clipped: [], small: [], texts: 0};
  const outside = (r, box) => r.width > 0 && (r.left < box.left - 1
    || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1);
  const visible = (t) => {
    const s = getComputedStyle(t);
    return s.visibility !== 'hidden' && parseFloat(s.fillOpacity) > 0
      && parseFloat(s.opacity) > 0 && !/rgba\(.*,\s*0\)$/.test(s.fill);
  };
  const words = (el) => (el.textContent || '').trim().slice(0, 40);
  const measure = (where, t) => {
    if (!words(t) || !visible(t)) return;
    out.texts += 1;
    const px = parseFloat(getComputedStyle(t).fontSize) * t.currentCSSZoom;
    if (px < MIN - 0.01) out.small.push([where, words(t), Math.round(px * 10) / 10]);
  };
  const main = document.querySelector('[data-testid=stMain]');
  const parts = '.gtitle, .legend, .annotation, .g-xtitle, .g-ytitle, .colorbar';
  for (const chart of main.querySelectorAll('[data-testid=stPlotlyChart]')) {
    const svg = chart.querySelector('.main-svg');
    if (!svg) continue;
    const box = svg.getBoundingClientRect();
    for (const el of chart.querySelectorAll(parts)) {
      if (outside(el.getBoundingClientRect(), box)) out.clipped.push(['chart', words(el)]);
    }
    for (const t of chart.querySelectorAll('text')) measure('chart', t);
  }
  for (const svg of main.querySelectorAll('svg[role=img]')) {
    const box = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) {
      if (outside(t.getBoundingClientRect(), box)) out.clipped.push(['diagram', words(t)]);
      const spans = t.querySelectorAll('tspan:not([baseline-shift])');  // subscripts aside
      if (spans.length) spans.forEach((s) => measure('diagram', s));
      else measure('diagram', t);
    }
  }
  return out;
}"""
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
    .every(chart => chart.querySelector('.main-svg'))"""


def open_page(page, url: str, heading: str, pictures: int) -> None:
    """Go to `url` and wait until the page ran and drew its pictures."""
    page.goto(url)
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=30_000)
    drawn = page.locator("[data-testid=stPlotlyChart], svg[role=img]")
    expect(drawn.nth(pictures - 1)).to_be_attached(timeout=30_000)
    page.wait_for_function(CHARTS_DRAWN, timeout=30_000)


def figure_text(page, min_px: float = MIN_PX) -> dict:
    """{"clipped": [...], "small": [...], "texts": n} for the pictures of the main area."""
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    return page.evaluate(FIGURE_TEXT_JS, min_px)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("path", "english", "korean", "pictures"), CASES)
def test_presenter_mode_text_is_18_px_or_more_and_nothing_is_cut_off(
    app_url, page, path, english, korean, pictures, lang
):
    page.set_viewport_size({"width": 1280, "height": 720})
    heading = english if lang == "en" else korean
    open_page(page, f"{app_url}/{path}?lang={lang}&present=1", heading, pictures)
    found = figure_text(page)
    assert found["texts"] >= 10  # it measured the pictures' texts
    assert found["small"] == []
    assert found["clipped"] == []
    assert_page_clean(page)
