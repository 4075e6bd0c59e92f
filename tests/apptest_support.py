"""Helpers for driving the app through `streamlit.testing.v1.AppTest`."""

import base64
import json
import re

import numpy as np
from streamlit.testing.v1 import AppTest

from lstm_ui.layout import EQUATION_CLASS

from conftest import ROOT

TIMEOUT_S = 30


def open_app(page: str | None = None, **query: str) -> AppTest:
    """Run app.py with the URL query `query`, optionally switched to `page` (e.g.
    "pages/home.py"); return the AppTest after its run."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    return at


def open_page(page: str, /, **query: str) -> AppTest:
    """Run app.py once, straight on `page` (e.g. "pages/home.py") with the URL query `query`,
    as a link to that page opens it; return the AppTest after its run."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(page)
    return at.run()


def assert_no_errors(at: AppTest) -> None:
    """No exception and no error box on the page."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def picker(at: AppTest, key: str):
    """The file picker `key` as it is now: after a refused file it is a new, empty one whose
    key has a version suffix (lstm_ui.upload_state.UploadSlot)."""
    found = [el for el in at.get("file_uploader") if re.fullmatch(rf"{key}(_v\d+)?", el.key)]
    assert len(found) == 1, [el.key for el in at.get("file_uploader")]
    return found[0]


def upload(
    at: AppTest, key: str, name: str, data: bytes, mime: str = "application/octet-stream"
) -> AppTest:
    """`data` uploaded as the file `name` through the file picker `key`; the page run again."""
    picker(at, key).set_value((name, data, mime))
    return at.run()


def plotly_figures(at: AppTest) -> list[dict]:
    """The figure JSON of every plotly chart on the page."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def cursor_steps(at: AppTest) -> list[int]:
    """The steps of the cursors laid over the charts (lstm_viz.cursor), in the page's order."""
    bodies = [el.proto.body for el in at.get("html")]
    return [int(m[1]) for b in bodies if (m := re.search(r'class="lgl-cursor" data-x="(\d+)"', b))]


def font_sizes(node, path: str = "") -> dict[str, float]:
    """{path: size} of every font size set in a figure dict (or a part of one), e.g.
    {"/layout/xaxis/tickfont": 14}."""
    found = {}
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("font") and isinstance(value, dict) and "size" in value:
                found[f"{path}/{key}"] = value["size"]
            found |= font_sizes(value, f"{path}/{key}")
    elif isinstance(node, list):
        for n, item in enumerate(node):
            found |= font_sizes(item, f"{path}/{n}")
    return found


def svg_diagrams(at: AppTest) -> list[dict]:
    """The meta ({"values": …, "unit": …}) of every inline SVG cell diagram on the page."""
    from lstm_viz.cell_svg import svg_meta

    return [svg_meta(str(el.value)) for el in at.get("markdown") if "<svg" in str(el.value)]


def all_text(at: AppTest) -> str:
    """The text of titles, headers, markdown, captions and messages, joined (not the SVG
    markup of the diagrams)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "warning", "info"):
        parts.extend(str(el.value) for el in at.get(kind) if "<svg" not in str(el.value))
    return "\n".join(parts)


def array(value) -> np.ndarray:
    """A plotly JSON array as numpy: a plain list, or a typed array {dtype, bdata[, shape]}."""
    if isinstance(value, dict) and "bdata" in value:
        data = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        if isinstance(shape, str):
            shape = tuple(int(n) for n in shape.split(","))
        return data.reshape(shape) if shape else data
    return np.asarray(value)


def latex_lines(at: AppTest) -> list[str]:
    """The LaTeX source of every displayed equation (lstm_ui.charts.show_equation: Markdown
    holding a $$ block in a focusable box), without the $$ fences, in page order."""
    return [
        el.value.split("$$")[1].strip()
        for el in at.markdown
        if EQUATION_CLASS in el.value and el.value.count("$$") == 2
    ]
