"""A dropdown or segmented control shows its chosen value whole (issue 21: "noisy sine (Keras
dem…" was cut in the stepper's narrow column): on every page, in both languages, on a laptop
(1280x800), a projector in presenter mode (1280x720) and a phone (400x850), no selectbox's
selected value and no segmented-control option is wider than the box that shows it (the element's
scrollWidth against its clientWidth). Closed expanders are opened first, so the controls inside
them are measured too; what is off screen (the phone's closed sidebar) is not. On the same
pages no two texts of a plotly chart lie over each other."""

import pytest

from conftest import APP_IDLE, assert_page_clean, sized_page, steady

pytestmark = pytest.mark.browser

PAGES = [
    "", "gate_anatomy", "gate_anatomy?an_cell=gru", "sequence_stepper",
    "sequence_stepper?sq_cell=gru", "sequence_stepper?sq_preset=sentence", "vanishing_gradients",
    "vanishing_gradients?gr_gru=on", "backprop", "training_lab", "misconceptions", "exercises",
]  # fmt: skip
VIEWPORTS = {
    "laptop": ({"width": 1280, "height": 800}, ""),
    "projector": ({"width": 1280, "height": 720}, "&present=1"),
    "phone": ({"width": 400, "height": 850}, ""),
}
OPEN_EXPANDERS = """() => document.querySelectorAll(
  '[data-testid=stExpander] details:not([open]) > summary').forEach((s) => s.click())"""
# Every visible selectbox value and segmented-control option whose text is wider than its box.
CUT = """() => {
  const shown = (el) => el.clientWidth > 0 && el.getBoundingClientRect().right > 0;
  const cut = [];
  // A box of fractional width (presenter mode's zoom) reads one px wider by scrollWidth
  // (rounded up) than by clientWidth (rounded down) with nothing cut: 1 px is not a cut.
  for (const input of document.querySelectorAll('[data-testid=stSelectbox] input[role=combobox]')) {
    if (shown(input) && input.scrollWidth > input.clientWidth + 1)
      cut.push(`selectbox "${input.getAttribute('aria-label')}": "${input.value}" `
               + `(${input.scrollWidth} px in ${input.clientWidth} px)`);
  }
  for (const button of document.querySelectorAll('[data-testid=stButtonGroup] button')) {
    const text = button.querySelector('[data-testid=stMarkdownContainer]') || button;
    if (shown(button) && text.scrollWidth > text.clientWidth + 1)
      cut.push(`option "${button.innerText}" (${text.scrollWidth} px in ${text.clientWidth} px)`);
  }
  return cut;
}"""

# Every pair of texts in one plotly chart (tick labels, titles, legend entries, number labels,
# annotations) whose boxes overlap by more than 4 px both ways: a glyph's box has room above and
# below it, so boxes that touch are not yet letters over letters. Rotated texts (words on a time
# axis, slanted) are measured across their slant instead: their boxes are wider than their
# letters.
CHART_TEXTS_OVERLAP = r"""() => {
  const found = [];
  for (const gd of document.querySelectorAll('[data-testid=stPlotlyChart] .js-plotly-plot')) {
    const texts = [...gd.querySelectorAll('text')]
      .filter((e) => e.textContent.trim() && !e.closest('[transform*=rotate]')
        && e.checkVisibility({opacityProperty: true, visibilityProperty: true}))
      .map((e) => [e.textContent, e.getBoundingClientRect()]);
    texts.forEach(([a, ra], i) => texts.slice(i + 1).forEach(([b, rb]) => {
      const across = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      const down = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (across > 4 && down > 4) found.push(`"${a}" over "${b}"`);
    }));
    // Slanted words along an axis: the distance across their slant from one shown word's line
    // to the next is at least the font size.
    for (const layer of gd.querySelectorAll('.xaxislayer-above')) {
      const words = [...layer.querySelectorAll('text[transform*=rotate]')]
        .filter((e) => e.checkVisibility())
        .map((e) => {
          const [, x, angle] = e.getAttribute('transform')
            .match(/translate\(([-\d.]+)[^)]*\) rotate\(([-\d.]+)/);
          const apart = Math.abs(Math.sin(Number(angle) * Math.PI / 180));
          return [e.textContent, Number(x), apart, parseFloat(getComputedStyle(e).fontSize)];
        }).sort((a, b) => a[1] - b[1]);
      words.slice(1).forEach(([b, x, apart, size], i) => {
        const [a, before] = words[i];
        if ((x - before) * apart < size) found.push(`"${a}" over "${b}" (slanted)`);
      });
    }
  }
  return found;
}"""
# Every chart drawn: no element still a grey placeholder (Streamlit's skeleton, which a chart is
# until plotly's bundle has loaded) and every plotly chart with its SVG.
CHARTS_DRAWN = """() => !document.querySelector('[data-testid=stMain] [data-testid=stSkeleton]')
  && [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
    .every((chart) => chart.querySelector('.main-svg'))"""


def check_on(browser, html: str, check: str):
    """What the JS `check` finds on a small page of this HTML."""
    context = browser.new_context(viewport={"width": 400, "height": 300})
    try:
        page = context.new_page()
        page.set_content(html)
        return page.evaluate(check)
    finally:
        context.close()


def test_the_check_sees_a_cut_value(browser):
    cut = check_on(
        browser,
        '<div data-testid="stSelectbox" style="width: 80px">'
        '<input role="combobox" aria-label="sequence" style="width: 60px" '
        'value="noisy sine (Keras demo)"></div>'
        '<div data-testid="stSelectbox" style="width: 300px">'
        '<input role="combobox" aria-label="fits" style="width: 280px" value="step"></div>'
        '<div data-testid="stSelectbox" style="zoom: 1.3">'  # presenter mode: fractional px
        '<input role="combobox" aria-label="zoomed" style="width: 143.5px; padding: 0" '
        'value="fits"></div>',
        CUT,
    )
    assert len(cut) == 1 and '"noisy sine (Keras demo)"' in cut[0]


def slanted(word: str, x: float) -> str:
    """A tick label as plotly draws a word on a t axis: anchored at x, slanted by 60°."""
    return (
        f'<g><text text-anchor="end" y="150" transform="translate({x},0) rotate(-60,0,145)">'
        f"{word}</text></g>"
    )


def test_the_overlap_check_sees_texts_over_each_other(browser):
    # Boxes: 0.180 and 0.054 overlap, 0.600 and 2.000 stand apart. Slanted words 10 px apart
    # stand 10 · sin 60° = 8.7 px apart across their slant, under their 12 px font; 20 px apart
    # (17.3 px) is enough; a word not drawn (display: none) is not counted.
    found = check_on(
        browser,
        '<div data-testid="stPlotlyChart"><div class="js-plotly-plot"><svg width="300" '
        'height="200" style="font: 12px sans-serif"><text x="10" y="20">0.180</text>'
        '<text x="25" y="26">0.054</text><text x="10" y="60">0.600</text>'
        '<text x="60" y="60">2.000</text><g class="xaxislayer-above">'
        + slanted("morning", 100)
        + slanted("yesterday", 110)
        + slanted("before", 130)
        + slanted("the", 150).replace("<text", '<text style="display: none"')
        + slanted("exam", 150)
        + "</g></svg></div></div>",
        CHART_TEXTS_OVERLAP,
    )
    assert found == ['"0.180" over "0.054"', '"morning" over "yesterday" (slanted)']


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_value_is_cut_and_no_chart_texts_overlap(app_url, browser, viewport, lang):
    """Besides the dropdowns and segmented controls, every plotly chart on the page once drawn:
    none of its texts lies over another (CHART_TEXTS_OVERLAP)."""
    size, extra = VIEWPORTS[viewport]
    found = {}
    with sized_page(browser, size) as page:
        for path in PAGES:
            page.goto(f"{app_url}/{path}{'&' if '?' in path else '?'}lang={lang}{extra}")
            page.wait_for_selector(APP_IDLE, timeout=60_000)
            page.evaluate(OPEN_EXPANDERS)
            page.wait_for_selector(APP_IDLE, timeout=60_000)
            page.evaluate("document.fonts.ready.then(() => true)")
            cut = steady(page, CUT)  # once every dropdown is drawn (expanders just opened)
            page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
            cut += steady(page, CHART_TEXTS_OVERLAP)
            if cut:
                found[path or "home"] = cut
            assert_page_clean(page)
    assert found == {}


# Every visible button label, headline-number label and headline number in the main area whose
# text is wider than the box that shows it (Streamlit cuts it with "…"): the box or anything in it.
LABELS_CUT = """() => {
  const shown = (el) => el.clientWidth > 0 && el.getBoundingClientRect().right > 0;
  const boxes = '[data-testid=stMain] :is([data-testid=stButton] button '
    + '[data-testid=stMarkdownContainer], [data-testid=stMetricLabel], '
    + '[data-testid=stMetricValue])';
  const cut = [];
  for (const box of document.querySelectorAll(boxes)) {
    if (!shown(box)) continue;
    const over = [box, ...box.querySelectorAll('*')].find(
      (el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth);
    if (over) cut.push(`"${box.innerText}" (${over.scrollWidth} px in ${over.clientWidth} px)`);
  }
  return cut;
}"""
# The gradients page on a phone (issue 15): its scenario buttons and its headline numbers with
# their labels, with and without the GRU, and in the exploding scenario (the word "explodes" as
# a number, the widest value it shows).
GRADIENTS_ON_A_PHONE = [
    "vanishing_gradients",
    "vanishing_gradients?gr_gru=on",
    "vanishing_gradients?gr_gru=on&gr_input=pulse&gr_T=500&gr_scale=1.5&gr_clip=1",
]


def test_the_label_check_sees_a_cut_button_label_and_number(browser):
    cut_style = "overflow: hidden; text-overflow: ellipsis; white-space: nowrap"
    cut = check_on(
        browser,
        '<div data-testid="stMain">'
        '<div data-testid="stButton"><button style="width: 60px">'
        f'<div data-testid="stMarkdownContainer" style="{cut_style}">'
        "<p>LSTM remembers</p></div></button></div>"
        '<div data-testid="stButton"><button style="width: 200px">'
        f'<div data-testid="stMarkdownContainer" style="{cut_style}">'
        "<p>1997 LSTM</p></div></button></div>"
        f'<div data-testid="stMetricLabel" style="width: 40px; {cut_style}">'
        "RNN horizon (steps)</div>"
        f'<div data-testid="stMetricValue" style="width: 300px; {cut_style}">48</div>'
        "</div>",
        LABELS_CUT,
    )
    assert len(cut) == 2
    assert cut[0].startswith('"LSTM remembers"') and cut[1].startswith('"RNN horizon')


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_gradients_pages_buttons_and_numbers_show_whole_on_a_phone(app_url, browser, lang):
    found = {}
    with sized_page(browser, VIEWPORTS["phone"][0]) as page:
        for path in GRADIENTS_ON_A_PHONE:
            page.goto(f"{app_url}/{path}{'&' if '?' in path else '?'}lang={lang}")
            page.wait_for_selector(APP_IDLE, timeout=60_000)
            page.get_by_test_id("stMetricValue").first.wait_for(timeout=60_000)
            page.evaluate("document.fonts.ready.then(() => true)")
            assert page.get_by_test_id("stMetricLabel").count() >= 2  # something was measured
            cut = page.evaluate(LABELS_CUT)
            if cut:
                found[path] = cut
            assert_page_clean(page)
    assert found == {}
