"""Presenter mode (`?present=1`): the app as a teacher projects it in a lecture hall.

Everything is drawn larger: CSS zoom on the main area for the text and widgets; plotly charts
(and the cursors laid over them) get the inverse zoom (plotly lays a chart out for the width
Streamlit measures, which inside a zoomed page is the zoomed one, so a zoomed chart is cut off)
and larger fonts from lstm_ui.charts instead. The sidebar starts collapsed, and controls a
lecture does not need are hidden: pages wrap them in `secondary()`, a container that presenter
mode hides with CSS. The widgets stay on the page, so their values, the URL and every number
are exactly what they were; the student who opens the shared link sees the same state with all
controls.

The "link for students" is the current page's address with its settings, without `present`.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from lstm_ui.lang import t
from lstm_ui.widgets import TYPING
from lstm_viz.cursor import CURSOR_CLASS

KEY = "present"
HIDDEN_PREFIX = "presenter_hide_"
ZOOM = 1.3  # 1280 px of projector width then lays out like a 985 px window
# The SVG cell diagram's labels are 11-15 px: zoomed once more they reach 18 px and more on
# the projector (tests/test_browser_legible.py). Its width stays 100 % of the column (CSS zoom
# does not scale percentages), so it lays out as on a ~380 px phone, which it is drawn for.
SVG_ZOOM = 1.4
STYLE = f"""
<style>
[data-testid="stMainBlockContainer"] {{ zoom: {ZOOM}; padding-top: 2.5rem; }}
[data-testid="stMainBlockContainer"] h1 {{ font-size: 2.2rem; padding: 0.25rem 0; }}
[data-testid="stMainBlockContainer"] [data-testid="stPlotlyChart"] {{ zoom: {1 / ZOOM:.4f}; }}
[data-testid="stMainBlockContainer"] .{CURSOR_CLASS} {{ zoom: {1 / ZOOM:.4f}; }}
[data-testid="stMainBlockContainer"] svg[role="img"] {{ zoom: {SVG_ZOOM}; }}
[class*="st-key-{HIDDEN_PREFIX}"] {{ display: none !important; }}
.lgl-summary {{ display: none; }}
</style>
"""


def read_presenter() -> list[str]:
    """On a session's first run take presenter mode from `?present=` (1 on, 0 off); return
    messages about a value that is neither."""
    if KEY in st.session_state:
        return []
    raw = st.query_params.get(KEY)
    st.session_state[KEY] = raw == "1"
    if raw is None or raw in ("0", "1"):
        return []
    return [t("presenter.bad_value", value=raw[:40])]


def active() -> bool:
    """Whether this session is in presenter mode."""
    return bool(st.session_state.get(KEY, False))


def sidebar_state() -> str:
    """st.set_page_config's initial_sidebar_state: collapsed in presenter mode."""
    return "collapsed" if active() else "auto"


def switch() -> None:
    """The sidebar's presenter-mode toggle; `?present=1` in the URL follows it."""
    st.sidebar.toggle(
        t("presenter.toggle"), key=KEY, help=t("presenter.toggle_help"), persist_state="session"
    )
    if active():
        st.html(STYLE)
        st.query_params[KEY] = "1"
    elif KEY in st.query_params:
        del st.query_params[KEY]


def secondary(name: str):
    """A container for controls a lecture can do without; hidden (but kept) in presenter mode."""
    return st.container(key=HIDDEN_PREFIX + name)


def student_link() -> str:
    """The current page with its settings, as a link for students (presenter mode and the
    teacher's own typed-numbers preference left out)."""
    base = st.context.url or ""
    query = {k: v for k, v in st.query_params.to_dict().items() if k not in (KEY, TYPING)}
    return base + ("?" + urlencode(query) if query else "")


def only_this_machine(link: str) -> bool:
    """Whether a link names this machine itself (localhost), so no student's laptop can open it."""
    return urlsplit(link).hostname in ("localhost", "127.0.0.1", "::1", "0.0.0.0")


def share_link(container) -> None:
    """A "copy link for students" popover in `container`: the link in a code box, whose copy
    button puts it on the clipboard. Call it after the page ran, so the link has its settings."""
    link = student_link()
    with container.popover(t("presenter.share"), icon=":material/link:"):
        st.caption(t("presenter.share_help"))
        st.code(link, language=None, wrap_lines=True)
        if only_this_machine(link):
            st.warning(t("presenter.localhost"), icon=":material/warning:")
