"""Layouts that keep the picture a control changes on the same screen as the control.

Pages put their controls in a narrow left column and their pictures in a wide right one. On a
phone Streamlit stacks columns in order, so every control came before the first picture (the
diagram sat 1,500 px down the page). `controls_and_pictures` keeps the same two columns but, on a
screen narrower than Streamlit's stacking width (640 px), shows the pictures' column first: a
student presses a scenario or "next" above it and sees the answer right below. The widgets are
the same elements in the same order, so their state and the URL do not change (a page with a
long column of pictures can have its controls come right after the first of them:
`controls_after_on_phone`). `compact_row`
keeps a row of buttons or numbers three to a line on a phone rather than one per line.

`frame_style` trims the empty band Streamlit leaves above every page, so a page's first
picture starts higher on a 720 or 800 px tall screen. It also holds the app-wide accessibility
fixes axe found (tests/test_browser_axe.py): captions darker than Streamlit's 60 % opacity
(3.9:1 on white, below WCAG's 4.5:1), the shortcut keys Streamlit writes on a button
(st.button's `shortcut`, too pale), and equations (lstm_ui.charts.show_equation) that scroll
sideways in a focusable box with a visible edge shadow when they are wider than a phone, and
page links that wrap instead of being cut mid-word in a narrow column; and it lays a chart's
cursor (lstm_viz.cursor) over the chart, out of the page's flow.
"""

import streamlit as st

from lstm_viz.cursor import CURSOR_CLASS

PICTURES_FIRST = "pictures_first"
COMPACT_ROW = "compact_row"
STACKED_WIDTH = 640  # px: below this Streamlit stacks columns
EQUATION_CLASS = "lgl-equation"
SUMMARY_CLASS = "lgl-summary"  # the sentence beside a chart (lstm_ui.charts.show)
CURSOR_BOX = "_cursorbox"  # the key's end of a chart's box with a cursor laid over it (charts.show)
STYLE = f"""<style>
[data-testid="stMainBlockContainer"] {{ padding-top: 3rem; }}
[data-testid="stCaptionContainer"] {{ opacity: 0.8; }}
[data-testid="stButton"] kbd {{ color: #3d3d3d !important; opacity: 1 !important; }}
.{SUMMARY_CLASS} {{ font-size: 0.85rem; color: #4a4a4a; margin: -0.5rem 0 0.25rem 0; }}
[class*="{CURSOR_BOX}"] {{ position: relative; }}
[class*="{CURSOR_BOX}"] > [data-testid="stElementContainer"]:has(.{CURSOR_CLASS}) {{
  position: absolute; top: 0; left: 0; right: 0; z-index: 1; pointer-events: none;
}}
[data-testid="stPageLink-NavLink"] * {{
  white-space: normal !important; text-overflow: clip !important; overflow: visible !important;
}}
.{EQUATION_CLASS} {{
  overflow-x: auto; overflow-y: hidden; scrollbar-width: thin;
  background:
    linear-gradient(to right, white 30%, rgba(255, 255, 255, 0)) left / 24px 100% no-repeat local,
    linear-gradient(to left, white 30%, rgba(255, 255, 255, 0)) right / 24px 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(0, 0, 0, 0.3), transparent)
      left / 12px 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, 0.3), transparent)
      right / 12px 100% no-repeat scroll;
}}
.{EQUATION_CLASS} .katex-display {{ overflow: visible; }}
.{EQUATION_CLASS}:focus-visible {{ outline: 2px solid #185f9b; outline-offset: 2px; }}
@media (max-width: {STACKED_WIDTH}px) {{
  [class*="st-key-{PICTURES_FIRST}"] > [data-testid="stLayoutWrapper"]
    > [data-testid="stHorizontalBlock"] > [data-testid="stColumn"]:last-child {{ order: -1; }}
  [class*="st-key-{COMPACT_ROW}"] [data-testid="stColumn"] {{
    min-width: calc(33% - 0.7rem) !important; flex: 1 1 calc(33% - 0.7rem) !important;
  }}
  /* the gradients page's four scenario buttons: two to a line, so each label shows whole */
  .st-key-{COMPACT_ROW}_gradients [data-testid="stColumn"] {{
    min-width: calc(50% - 0.5rem) !important; flex: 1 1 calc(50% - 0.5rem) !important;
  }}
  /* its horizons three to a line: a word ("explodes", "overflow") fits its third of a phone */
  .st-key-{COMPACT_ROW}_gradients_metrics [data-testid="stMetricValue"] {{ font-size: 1.75rem; }}
  /* a phone has no keyboard: a button's shortcut hint would leave its label "◀…" */
  [data-testid="stButton"] button kbd {{ display: none; }}
}}
</style>"""


def frame_style() -> None:
    """The app-wide layout style; app.py calls it once per run."""
    st.html(STYLE)


def compact_row(name: str, spec: int | list[float], **kwargs) -> list:
    """Columns (as st.columns(spec, **kwargs)) for a row of small things (scenario buttons, step
    buttons, headline numbers): one row on a wide screen, three to a line on a phone instead of
    one under the other."""
    with st.container(key=f"{COMPACT_ROW}_{name}"):
        return st.columns(spec, **kwargs)


def controls_and_pictures(name: str, widths: tuple[float, float] = (1, 2)):
    """(controls column, pictures column), side by side on a wide screen; on a phone the
    pictures come first. `name` makes the container's key (one per page)."""
    with st.container(key=f"{PICTURES_FIRST}_{name}"):
        return st.columns(list(widths), gap="large")


def columns_selector(name: str) -> str:
    """CSS selector of the row of columns made by controls_and_pictures(name)."""
    return (
        f'.st-key-{PICTURES_FIRST}_{name} > [data-testid="stLayoutWrapper"]'
        ' > [data-testid="stHorizontalBlock"]'
    )


def lead_on_phone(name: str, key: str) -> None:
    """On a phone, lift the widget with key `key` out of the controls column of
    controls_and_pictures(name) to just above the pictures (e.g. Train above the curves it
    draws; the other controls stay below the pictures). CSS only: the widget, its state and the
    wide layout are unchanged. The controls column and the blocks holding the widget become
    `display: contents`, so the widget and its neighbours are laid out as rows of the columns'
    flex box, where `order` can place them."""
    block = columns_selector(name)
    column = f'{block} > [data-testid="stColumn"]:first-child'
    st.html(f"""<style>
@media (max-width: {STACKED_WIDTH}px) {{
  {block} {{ flex-wrap: wrap; }}
  {column}, {column} :has(.st-key-{key}) {{ display: contents; }}
  {column} > :not(:has(.st-key-{key})), {column} :has(.st-key-{key}) > :not(:has(.st-key-{key}))
    {{ order: 1; flex: 1 1 100%; width: 100%; min-width: 0; }}
  {column} .st-key-{key} {{ order: -2 !important; }}
}}
</style>""")


def controls_after_on_phone(name: str, key: str) -> None:
    """On a phone, put the controls column of controls_and_pictures(name) right after the
    pictures' container with key `key` (the main chart and its numbers) instead of after every
    picture: a student who scrolls past the chart finds the controls that change it there,
    not a few screens further down under the explanations. CSS only: the widgets, their state
    and the wide layout are unchanged. The pictures column and its block become `display:
    contents`, so its rows and the controls column are laid out as rows of the columns' flex
    box, where `order` can place them."""
    block = columns_selector(name)
    pictures = f'{block} > [data-testid="stColumn"]:last-child'
    rows = f'{pictures} > [data-testid="stVerticalBlock"] > *'
    st.html(f"""<style>
@media (max-width: {STACKED_WIDTH}px) {{
  {block} {{ flex-wrap: wrap; row-gap: 1rem; }}
  {pictures}, {pictures} > [data-testid="stVerticalBlock"] {{ display: contents; }}
  {rows} {{ order: 1; flex: 1 1 100%; width: 100%; min-width: 0; }}
  {rows}:is(.st-key-{key}, :has(.st-key-{key})) {{ order: -1; }}
}}
</style>""")


def last_on_phone(key: str) -> None:
    """On a phone, move the page-level container with key `key` to the end of the page (e.g. a
    long explanation that would push the first picture below the screen); on a wide screen it
    stays where it is. CSS only: the main column is a flex box, `order` places the block."""
    main = '[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"]'
    st.html(f"""<style>
@media (max-width: {STACKED_WIDTH}px) {{
  {main} > :is(.st-key-{key}, :has(.st-key-{key})) {{ order: 1; }}
}}
</style>""")
