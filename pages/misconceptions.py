"""Common misconceptions: five things students often believe about LSTMs, each stated, then
disproved by a live computation through lstm_core that the student can change."""

import streamlit as st

from lstm_ui import charts
from lstm_ui import misconceptions_state as state
from lstm_ui.frame import ensure_navigation_mode
from lstm_ui.lang import current, t
from lstm_ui.safety import render_safely, show_messages
from lstm_ui.url_state import read_query_params, write_query_params
from lstm_viz import misconceptions as viz

CHART = {"displayModeBar": False}
KEEP = "session"  # widget values survive page switches

ensure_navigation_mode()

st.title(t("page.misconceptions"))
st.markdown(t("misconceptions.blurb") + " " + t("misconceptions.intro"))
show_messages(read_query_params(state.PAGE, state.URL_PARAMS))
lang = current()


def myth(key: str) -> None:
    st.subheader(t(f"misconceptions.{key}.title"), anchor=f"mc-{key}")
    st.markdown(
        f":material/help: **{t('misconceptions.myth')}:** *{t(f'misconceptions.{key}.myth')}*"
    )


def verdict(notes: list) -> None:
    st.success("\n\n".join(note.text(lang) for note in notes), icon=":material/check_circle:")


def slider(key: str, label_key: str, lo: float, hi: float, step: float, container=st) -> None:
    container.slider(t(label_key), lo, hi, step=step, format="%.2f", key=key, persist_state=KEEP)


# --- 1. the cell state keeps its size ------------------------------------------------------------
def size_section() -> None:
    myth("size")
    left, right = st.columns(2, gap="large")
    with left:
        a, b = st.columns(2)
        T = a.slider(t("misconceptions.size.T"), 1, state.MAX_T, key="mc_T", persist_state=KEEP)
        H = b.slider(t("misconceptions.size.H"), 1, state.MAX_H, key="mc_H", persist_state=KEEP)
        run = state.cell_size_run(int(T), int(H))
        st.caption(t("misconceptions.size.setup", T=T, H=H))
        for line in viz.cell_size_equations(run):
            st.latex(line)
        verdict(viz.cell_size_notes(run))
    with right:
        charts.show(viz.cell_size_figure(run, lang), config=CHART, key="mc_size_fig")
        st.dataframe(viz.cell_size_table(run, lang), height="content")
        st.caption(t("misconceptions.size.table_caption", H=H))


# --- 2. a forget gate of 0.3 keeps 30% -----------------------------------------------------------
def keep_section() -> None:
    myth("keep")
    left, right = st.columns(2, gap="large")
    with left:
        a, b = st.columns(2)
        slider("mc_keep_f", "misconceptions.keep.f", 0.0, 1.0, 0.01, a)
        slider("mc_keep_c", "misconceptions.keep.c", *state.C_RANGE, 0.1, b)
        f, c_prev = float(st.session_state["mc_keep_f"]), float(st.session_state["mc_keep_c"])
        f_core, decay = state.keep_decay(f, c_prev)
        st.caption(t("misconceptions.keep.setup"))
        for line in viz.keep_equations(f_core, c_prev, decay):
            st.latex(line)
        verdict(viz.keep_notes(f_core, c_prev, decay))
    with right:
        charts.show(viz.keep_figure(f_core, decay, lang), config=CHART, key="mc_keep_fig")


# --- 3. the forget term is in c_t ----------------------------------------------------------------
def sum_section() -> None:
    myth("sum")
    left, right = st.columns(2, gap="large")
    with left:
        a, b = st.columns(2)
        slider("mc_sum_f", "misconceptions.sum.f", 0.0, 1.0, 0.05, a)
        slider("mc_sum_c", "misconceptions.sum.c", *state.C_RANGE, 0.1, b)
        slider("mc_sum_i", "misconceptions.sum.i", 0.0, 1.0, 0.05, a)
        slider("mc_sum_g", "misconceptions.sum.g", -1.0, 1.0, 0.05, b)
        values = (st.session_state[k] for k in ("mc_sum_f", "mc_sum_c", "mc_sum_i", "mc_sum_g"))
        r = state.forget_term(*(float(v) for v in values))
        for line in viz.forget_term_equations(r):
            st.latex(line)
        verdict(viz.forget_term_notes(r))
    with right:
        charts.show(viz.forget_term_figure(r, lang), config=CHART, key="mc_sum_fig")


# --- 4. h uses the new cell state ----------------------------------------------------------------
def read_section() -> None:
    myth("read")
    left, right = st.columns(2, gap="large")
    with left:
        a, b = st.columns(2)
        slider("mc_read_c", "misconceptions.read.c", *state.C_RANGE, 0.1, a)
        slider("mc_read_g", "misconceptions.read.g", -1.0, 1.0, 0.05, b)
        r = state.read_out(
            float(st.session_state["mc_read_c"]), float(st.session_state["mc_read_g"])
        )
        st.caption(t("misconceptions.read.setup", i=viz.num(r.i), f=viz.num(r.f), o=viz.num(r.o)))
        for line in viz.read_out_equations(r):
            st.latex(line)
        verdict(viz.read_out_notes(r))
    with right:
        charts.show(viz.read_out_figure(r, lang), config=CHART, key="mc_read_fig")


# --- 5. LSTMs lose gradient too when f is small --------------------------------------------------
def gradient_section() -> None:
    myth("grad")
    left, right = st.columns(2, gap="large")
    with left:
        a, b = st.columns(2)
        slider("mc_bf", "misconceptions.grad.bf", *state.FORGET_BIAS_RANGE, 0.25, a)
        b.select_slider(
            t("misconceptions.grad.K"), options=state.K_CHOICES, key="mc_K", persist_state=KEEP
        )
        bf, K = float(st.session_state["mc_bf"]), int(st.session_state["mc_K"])
        chosen, large, rnn = state.gradient_flows(bf, K)
        st.caption(t("misconceptions.grad.setup"))
        for line in viz.gradient_equations(chosen, bf):
            st.latex(line)
        verdict(viz.gradient_notes(chosen, large, rnn, bf, state.LARGE_FORGET_BIAS))
        st.page_link("pages/vanishing_gradients.py", label=t("misconceptions.grad.more"),
                     icon=":material/trending_down:")  # fmt: skip
    with right:
        figure = viz.gradient_figure(chosen, large, rnn, bf, state.LARGE_FORGET_BIAS, lang)
        charts.show(figure, config=CHART, key="mc_grad_fig")


for section in (size_section, keep_section, sum_section, read_section, gradient_section):
    with st.container(border=True):
        render_safely(section)

write_query_params(state.URL_PARAMS)
