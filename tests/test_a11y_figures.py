"""Every figure a page sends, read from the JSON the browser gets (AppTest), is readable:

- every text drawn in it has at least 4.5:1 contrast with what is behind it (WCAG 2 AA),
  computed here from the colours in the spec;
- lines are told apart by more than colour (dash or marker), and categorical colours are
  Okabe–Ito's colour-blind-safe set, or greys;
- in presenter mode no text is under 18 px (tick labels, colour-bar ticks, axis titles,
  annotations, legends, plotly markup inside labels), and no axis title is pale grey.
"""

import json
import re
from functools import cache

import pytest
from test_figures_valid import CASES

from apptest_support import assert_no_errors, open_page

OKABE_ITO = {
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#000000",
}
NAMED = {"white": "#FFFFFF", "black": "#000000"}
MIN_PRESENTER_PX = 18
INLINE_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")


def luminance(color: str) -> float:
    """WCAG 2 relative luminance, written out here (not lstm_viz's) so the test is independent."""
    channels = []
    for k in (1, 3, 5):
        s = int(color[k : k + 2], 16) / 255
        channels.append(s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def hex_color(color: str) -> str | None:
    """ "#rrggbb" for "#rgb", "#rrggbb", "rgb(r, g, b)" or a name used here; None for a colour
    with transparency (not text anyone is meant to read) or one not given."""
    if not isinstance(color, str):
        return None
    color = NAMED.get(color.lower(), color)
    if re.fullmatch(r"#[0-9a-fA-F]{3}", color):
        return "#" + "".join(c * 2 for c in color[1:]).upper()
    if re.fullmatch(r"#[0-9a-fA-F]{6}", color):
        return color.upper()
    match = re.fullmatch(r"rgb\((\d+),\s*(\d+),\s*(\d+)\)", color)
    if match:
        return "#" + "".join(f"{int(c):02X}" for c in match.groups())
    return None


def test_the_contrast_formula_matches_known_values():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # WebAIM's example
    assert contrast("#595959", "#FFFFFF") == pytest.approx(7.0, abs=0.01)


@cache
def page_specs(page: str, query: tuple, lang: str, present: bool) -> list[dict]:
    """The plotly figure dicts a page sends."""
    at = open_page(page, **{"lang": lang, "present": "1" if present else "0", **dict(query)})
    assert_no_errors(at)
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    assert specs
    for spec in specs:
        spec["layout"].pop("template", None)  # Streamlit's theme: for trace types not used here
    return specs


def texts(spec: dict):
    """(where, font dict, background colour) for every text slot the figure fills."""
    layout = spec["layout"]
    paper = hex_color(layout.get("paper_bgcolor", "white")) or "#FFFFFF"
    plot = hex_color(layout.get("plot_bgcolor", "white")) or paper
    yield "layout.font", layout.get("font", {}), paper
    yield "legend", layout.get("legend", {}).get("font", {}), paper
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")) and axis.get("showticklabels", True):
            yield f"{key}.tickfont", axis.get("tickfont", {}), paper
            if isinstance(axis.get("title"), dict) and axis["title"].get("text"):
                yield f"{key}.title", axis["title"].get("font", {}), paper
        if key.startswith("coloraxis") and axis.get("showscale", True):
            yield f"{key}.colorbar", axis.get("colorbar", {}).get("tickfont", {}), paper
    if isinstance(layout.get("title"), dict) and layout["title"].get("text"):
        yield "title", layout["title"].get("font", {}), paper
    for n, note in enumerate(layout.get("annotations", [])):
        behind = hex_color(note.get("bgcolor")) or plot
        yield f"annotation {n} {note.get('text', '')[:30]!r}", note.get("font", {}), behind
    for control in layout.get("sliders", []) + layout.get("updatemenus", []):
        yield "animation control", control.get("font", {}), paper
    for n, trace in enumerate(spec["data"]):
        if trace.get("text") is not None or trace.get("texttemplate"):
            yield f"trace {n} ({trace.get('type')}) text", trace.get("textfont", {}), plot
        if trace.get("type") in ("heatmap", "contour") and "coloraxis" not in trace:
            if trace.get("showscale", True):
                yield f"trace {n} colorbar", trace.get("colorbar", {}).get("tickfont", {}), paper


def all_specs(present: bool):
    for page, query in CASES:
        for lang in ("en", "ko"):
            for spec in page_specs(page, tuple(query.items()), lang, present):
                yield f"{page} {query} {lang}", spec


@pytest.mark.parametrize("present", [False, True], ids=["plain", "presenter"])
def test_every_text_in_every_figure_has_4_5_to_1_contrast(present):
    checked, low = 0, []
    for where, spec in all_specs(present):
        for slot, font, behind in texts(spec):
            if str(font.get("color", "")).startswith("rgba"):
                continue  # a transparent placeholder (the stepper slider's hidden ticks)
            color = hex_color(font.get("color"))
            assert color is not None, f"{where} {slot}: no colour of its own {font}"
            checked += 1
            if contrast(color, behind) < 4.5:
                low.append(f"{where} {slot}: {color} on {behind} {contrast(color, behind):.2f}")
    assert checked > 100
    assert low == []


def test_presenter_mode_draws_no_figure_text_under_18_px():
    checked, small = 0, []
    for where, spec in all_specs(present=True):
        for slot, font, _ in texts(spec):
            if str(font.get("color", "")).startswith("rgba"):
                continue
            size = font.get("size")
            assert isinstance(size, int | float), f"{where} {slot}: size left to the theme"
            checked += 1
            if size < MIN_PRESENTER_PX:
                small.append(f"{where} {slot}: {size}")
        for size in INLINE_SIZE.findall(json.dumps(spec)):  # <span style='font-size:..px'>
            checked += 1
            if float(size) < MIN_PRESENTER_PX:
                small.append(f"{where} markup font-size {size}")
    assert checked > 100
    assert small == []


def test_axis_titles_and_tick_labels_are_dark_not_pale_grey():
    for where, spec in all_specs(present=False):
        for slot, font, behind in texts(spec):
            if slot.endswith((".title", ".tickfont", ".colorbar")):
                assert contrast(hex_color(font["color"]), behind) >= 7.0, f"{where} {slot}"


def line_traces(spec: dict) -> dict[tuple, list[dict]]:
    """The visible line traces of a figure, grouped by the axes they share."""
    groups: dict[tuple, list[dict]] = {}
    for trace in spec["data"]:
        if trace.get("type", "scatter") not in ("scatter", "scattergl"):
            continue
        if "lines" not in trace.get("mode", "lines") or trace.get("visible") is False:
            continue
        if trace.get("showlegend") is False or not trace.get("name"):
            continue  # cursors, helper lines: not a series a reader tells apart
        if trace.get("fill", "none") != "none":
            continue  # a shaded band, told apart by being an area
        groups.setdefault((trace.get("xaxis", "x"), trace.get("yaxis", "y")), []).append(trace)
    return groups


def look(trace: dict) -> tuple:
    """What distinguishes a line besides its colour: its dash and its markers."""
    line = trace.get("line", {})
    marker = trace.get("marker", {})
    markers = "markers" in trace.get("mode", "lines")
    return (line.get("dash", "solid"), marker.get("symbol", "circle") if markers else None)


def test_lines_sharing_a_chart_differ_by_more_than_colour():
    same = []
    for where, spec in all_specs(present=False):
        for axes, traces in line_traces(spec).items():
            looks = [look(trace) for trace in traces]
            if len(set(looks)) < len(looks):
                names = [(trace["name"], look(trace)) for trace in traces]
                same.append(f"{where} {axes}: {names}")
    assert same == []


def test_categorical_line_colours_are_okabe_ito_or_grey():
    other = []
    for where, spec in all_specs(present=False):
        for traces in line_traces(spec).values():
            for trace in traces:
                color = hex_color(trace.get("line", {}).get("color"))
                grey = color is not None and color[1:3] == color[3:5] == color[5:7]
                if color is not None and color not in OKABE_ITO and not grey:
                    other.append(f"{where} {trace['name']}: {color}")
    assert other == []


def test_text_on_a_coloured_box_of_the_diagram_has_4_5_to_1_contrast():
    from plotly.colors import sample_colorscale

    from lstm_viz.cell_diagram import text_color_for
    from lstm_viz.theme import GATE_SCALE, SIGNED_SCALE

    for scale in (GATE_SCALE, SIGNED_SCALE):
        for fill in sample_colorscale(scale, [k / 100 for k in range(101)]):
            text = NAMED[text_color_for(fill)]
            assert contrast(text, hex_color(fill)) >= 4.5, (scale, fill)


def test_every_other_text_of_the_svg_diagrams_has_4_5_to_1_contrast_on_white():
    at = open_page("pages/gate_anatomy.py")
    svgs = [m.value for m in at.markdown if "<svg" in m.value]
    fills = {f for svg in svgs for f in re.findall(r'<text[^>]*?\bfill="([^"]+)"', svg)}
    assert svgs and fills
    for fill in fills - {"white"}:  # white only on a box filled by text_color_for (above)
        assert contrast(hex_color(fill), "#FFFFFF") >= 4.5, fill


def test_a_long_presenter_title_wraps_between_words_and_hangul_counts_wider():
    from lstm_viz.theme import text_width, wrapped

    assert wrapped("RNN: measured and bounds", 26) == "RNN: measured and bounds"
    lines = wrapped("LSTM: measured and the forget gates of every unit", 26).split("<br>")
    assert lines == ["LSTM: measured and the", "forget gates of every unit"]
    assert text_width("측정값") == pytest.approx(5.4)  # three syllables, 1.8 letters each
    assert text_width("<b>ab</b>") == 2
