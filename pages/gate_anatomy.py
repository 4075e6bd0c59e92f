"""Gate anatomy: one LSTM or GRU step with every number visible and editable."""

import streamlit as st

from lstm_core import VARIANTS
from lstm_core.lab.scenarios import GRU_SCENARIOS, SCENARIOS
from lstm_ui import charts, presenter, weight_editor
from lstm_ui.frame import ensure_navigation_mode
from lstm_ui.lang import current, t
from lstm_ui.layout import controls_after_on_phone, controls_and_pictures
from lstm_ui.safety import render_safely, show_messages
from lstm_ui.url_state import read_query_params, write_query_params
from lstm_ui.widgets import KEEP, choice, number_slider, scenario_buttons
from pages import gate_anatomy_controller as state

ensure_navigation_mode()

st.title(t("page.anatomy"))
messages = read_query_params(state.PAGE, state.URL_PARAMS, state.OTHER_KEYS)
# Before the widgets: a scenario in the URL chooses the cell and the variant.
messages += state.ensure_state(st.session_state["an_D"], st.session_state["an_H"])
cell = st.session_state["an_cell"]
with presenter.secondary("anatomy_intro"):  # the teacher says it; the class sees the cell
    st.markdown(t("anatomy.intro_gru" if cell == "gru" else "anatomy.intro"))
    st.markdown("**" + t("anatomy.scenarios") + "**")

scenarios = GRU_SCENARIOS if cell == "gru" else SCENARIOS
scenario_buttons("anatomy", "an_apply_", scenarios, state.apply_scenario)

controls, views = controls_and_pictures("anatomy")
controls_after_on_phone("anatomy", "an_lead")  # on a phone: the cell, the controls, its notes
with controls:
    with st.expander(t("anatomy.model"), expanded=True):
        choice(t("anatomy.cell"), state.CELLS, key="an_cell", labels="anatomy.cell")
        variant = st.session_state["an_variant"]
        if cell == "lstm":  # eight of them: a drop-down, not a row of buttons
            variant = st.selectbox(
                t("anatomy.variant"),
                VARIANTS,
                format_func=lambda v: t(f"anatomy.variant_name.{v}"),
                key="an_variant",
                persist_state=KEEP,
            )
        size_h, size_d = st.columns(2)
        H = number_slider(t("anatomy.hidden_size"), 1, state.MAX_H, key="an_H", container=size_h)
        D = number_slider(t("anatomy.input_size"), 1, state.MAX_D, key="an_D", container=size_d)
    unit = 1
    if H > 1:
        st.session_state["an_unit"] = min(st.session_state["an_unit"], H)
        unit = st.segmented_control(
            t("anatomy.unit"),
            range(1, H + 1),
            required=True,
            key="an_unit",
            persist_state=KEEP,
        )
    peephole = None
    if cell == "lstm" and variant == "peephole":
        st.markdown("**" + t("anatomy.peepholes", unit=unit) + "**")
        st.caption(t("anatomy.peepholes_help"))
        peephole = state.peephole_sliders(unit - 1)
    st.markdown("**" + t("anatomy.inputs") + "**")
    x = state.vector_sliders("an_x", "x_t")
    h_prev = state.vector_sliders("an_h", "h_{t-1}")
    c_prev = state.vector_sliders("an_c", "c_{t-1}") if cell == "lstm" else None
    with presenter.secondary("anatomy_weights"), st.expander(t("anatomy.weights")):
        st.number_input(t("anatomy.seed"), 0, 10_000, 0, key="an_seed")
        random_col, reset_col = st.columns(2)
        random_col.button(
            t("anatomy.randomize"),
            key="an_randomize",
            on_click=state.randomize,
            help=t("anatomy.randomize_help"),
            icon=":material/casino:",
            width="stretch",
        )
        reset_col.button(
            t("anatomy.reset"),
            key="an_reset",
            on_click=state.reset,
            icon=":material/restart_alt:",
            width="stretch",
        )
        if cell == "gru":
            p = state.gru_weight_table()
        else:
            p = weight_editor.weight_editor("an_params")

for editor in ("an_params", "an_gru"):
    messages += st.session_state.pop(weight_editor.messages_key(editor), [])
show_messages(messages)


def render() -> None:
    k = unit - 1
    lang = current()
    if cell == "gru":
        shown = state.gru_view(x, h_prev, p.W, p.U, p.b_ih, p.b_hh, k, lang)
    else:
        shown = state.view(x, h_prev, c_prev, p.W, p.U, p.b, variant, k, lang, peephole)
    with views, st.container(key="an_lead"):  # the cell (and its download)
        with presenter.secondary("anatomy_diagram_title"):
            st.subheader(t("anatomy.diagram_title"))
        charts.show_svg(shown.diagram, key="an_diagram")
        with presenter.secondary("anatomy_download"):
            st.download_button(
                t("anatomy.download_svg"),
                data=shown.diagram.replace('width="100%"', 'width="960"', 1),
                file_name=f"{cell}_cell.svg",
                mime="image/svg+xml",
                on_click="ignore",
                icon=":material/download:",
                help=t("anatomy.download_svg_help"),
                key="an_download_svg",
            )
    with views:  # what the cell shows now, in words and equations
        scenario = state.active_scenario(D, H)
        if scenario is not None:
            st.info(
                t(
                    "anatomy.scenario_applied",
                    name=t(f"anatomy.scenario.{scenario}"),
                    help=t(f"anatomy.scenario_help.{scenario}"),
                ),
                icon=":material/school:",
            )
        for note in shown.callouts:
            st.markdown(":material/lightbulb: " + t(note.key, **note.fields))
        st.subheader(t("anatomy.equations_title", unit=unit))
        for line in shown.equations:
            charts.show_equation(line)
        st.subheader(t("anatomy.bars_title"))
        charts.show(shown.bars, key="an_bars", summary=shown.summary)
        st.subheader(t("anatomy.rnn_title"))
        rnn_text = "anatomy.rnn_text_gru" if cell == "gru" else "anatomy.rnn_text"
        st.markdown(t(rnn_text, h=f"{shown.rnn_h[k]:.3f}"))
        charts.show_svg(shown.rnn_diagram, key="an_rnn")


render_safely(render)
write_query_params(state.URL_PARAMS)
state.write_url(D, H)
