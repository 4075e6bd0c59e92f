"""Common misconceptions: five things students often believe about LSTMs, each stated, then
disproved by a live computation through lstm_core that the student can change."""

import streamlit as st

from lstm_ui import charts, presenter
from lstm_ui.frame import ensure_navigation_mode
from lstm_ui.lang import current, t
from lstm_ui.layout import controls_and_pictures
from lstm_ui.safety import render_safely, show_messages
from lstm_ui.url_state import read_query_params, write_query_params
from lstm_ui.widgets import KEEP, typed_slider
from pages import misconceptions_controller as controller

ensure_navigation_mode()

st.title(t("page.misconceptions"))
with presenter.secondary("misconceptions_intro"):  # the teacher says it; the class sees a myth
    st.markdown(t("misconceptions.blurb") + " " + t("misconceptions.intro"))
show_messages(read_query_params(controller.PAGE, controller.URL_PARAMS))
lang = current()
sections: dict = {}  # this run's controller.compute, called once (in the first section drawn)


def section_view(key: str) -> controller.Section:
    """One section of this run's computation (the widgets' values are in session state before
    the script runs, so every section reads the same settings)."""
    if not sections:
        sections.update(controller.compute(controller.Settings.from_state(), lang))
    return sections[key]


def myth(key: str) -> None:
    st.subheader(t(f"misconceptions.{key}.title"), anchor=f"mc-{key}")
    myth = t(f"misconceptions.{key}.myth")
    st.markdown(f":material/help: **{t('misconceptions.myth')}:** *{myth}*")


def slider(key: str, label_key: str, lo: float, hi: float, step: float, container=st) -> None:
    typed_slider(t(label_key), lo, hi, key=key, step=step, container=container)


def sliders_then_columns(key: str, count: int) -> tuple[list, object, object]:
    """(slider columns, left, right): a section's sliders in one row above its two columns, so
    a slider sits right above the figure it changes on every screen: beside the equations on a
    wide screen, and on a phone (columns stacked) with the figure right under the sliders."""
    row = st.columns(count)
    left, right = controls_and_pictures(f"mc_{key}", (1, 1))
    return row, left, right


def explained(key: str, left, right) -> None:
    """A section's equations and verdict in `left`, its figure in `right`."""
    section = section_view(key)
    with left:
        for line in section.equations:
            charts.show_equation(line)
        text = "\n\n".join(note.text(lang) for note in section.notes)
        st.success(text, icon=":material/check_circle:")
        if section.asides:
            asides = "\n\n".join(note.text(lang) for note in section.asides)
            st.info(
                f"**{t('misconceptions.course_notes')}** " + asides, icon=":material/menu_book:"
            )
    charts.show(section.figure, right, key=f"mc_{key}_fig", summary=section.summary)


# --- 1. the cell state keeps its size ------------------------------------------------------------
def size_section() -> None:
    myth("size")
    (a, b), left, right = sliders_then_columns("size", 2)
    T = a.slider(t("misconceptions.size.T"), 1, controller.MAX_T, key="mc_T", persist_state=KEEP)
    H = b.slider(t("misconceptions.size.H"), 1, controller.MAX_H, key="mc_H", persist_state=KEEP)
    left.caption(t("misconceptions.size.setup", T=T, H=H))
    explained("size", left, right)
    right.dataframe(section_view("size").extra["table"], height="content")
    right.caption(t("misconceptions.size.table_caption", H=H))


# --- 2. a forget gate of 0.3 keeps 30% -----------------------------------------------------------
def keep_section() -> None:
    myth("keep")
    (a, b), left, right = sliders_then_columns("keep", 2)
    slider("mc_keep_f", "misconceptions.keep.f", 0.0, 1.0, 0.01, a)
    slider("mc_keep_c", "misconceptions.keep.c", *controller.C_RANGE, 0.1, b)
    left.caption(t("misconceptions.keep.setup"))
    explained("keep", left, right)


# --- 3. the forget term is in c_t ----------------------------------------------------------------
def sum_section() -> None:
    myth("sum")
    (a, b, c, d), left, right = sliders_then_columns("sum", 4)
    slider("mc_sum_f", "misconceptions.sum.f", 0.0, 1.0, 0.05, a)
    slider("mc_sum_c", "misconceptions.sum.c", *controller.C_RANGE, 0.1, b)
    slider("mc_sum_i", "misconceptions.sum.i", 0.0, 1.0, 0.05, c)
    slider("mc_sum_g", "misconceptions.sum.g", -1.0, 1.0, 0.05, d)
    explained("sum", left, right)


# --- 4. h uses the new cell state ----------------------------------------------------------------
def read_section() -> None:
    myth("read")
    (a, b), left, right = sliders_then_columns("read", 2)
    slider("mc_read_c", "misconceptions.read.c", *controller.C_RANGE, 0.1, a)
    slider("mc_read_g", "misconceptions.read.g", -1.0, 1.0, 0.05, b)
    gates = section_view("read").extra
    left.caption(t("misconceptions.read.setup", **gates))
    explained("read", left, right)


# --- 5. LSTMs lose gradient too when f is small --------------------------------------------------
def gradient_section() -> None:
    myth("grad")
    (a, b), left, right = sliders_then_columns("grad", 2)
    slider("mc_bf", "misconceptions.grad.bf", *controller.FORGET_BIAS_RANGE, 0.25, a)
    options = controller.K_CHOICES
    b.select_slider(t("misconceptions.grad.K"), options=options, key="mc_K", persist_state=KEEP)
    left.caption(t("misconceptions.grad.setup"))
    explained("grad", left, right)
    left.page_link(
        "pages/vanishing_gradients.py",
        label=t("misconceptions.grad.more"),
        icon=":material/trending_down:",
    )


for section in (size_section, keep_section, sum_section, read_section, gradient_section):
    with st.container(border=True):
        render_safely(section)

write_query_params(controller.URL_PARAMS)
