"""Backprop through time: the backward pass with the numbers in it, walked back from the loss."""

import streamlit as st

from lstm_core import VARIANTS
from lstm_ui import charts, presenter, weight_editor
from lstm_ui.frame import ensure_navigation_mode
from lstm_ui.lang import current, t
from lstm_ui.layout import compact_row, controls_and_pictures
from lstm_ui.safety import render_safely, show_messages
from lstm_ui.url_state import read_query_params, write_query_params
from lstm_ui.widgets import KEEP, choice, number_slider
from lstm_viz.numbers import sci
from pages import backprop_controller as state

ensure_navigation_mode()

st.title(t("page.backprop"))
with presenter.secondary("backprop_intro"):  # a lecture says it; students read it
    st.markdown(t("backprop.intro"))
lang = current()
messages = read_query_params(state.PAGE, state.URL_PARAMS, state.OTHER_KEYS)
messages += state.SEQUENCE.read_url(lang)
notes: list[str] = []  # what is shown instead of what was asked for, and why

with presenter.secondary("backprop_model"), st.expander(t("backprop.sequence")):
    left, right = st.columns(2, gap="medium")
    with left:
        sequence, _ = state.SEQUENCE.controls(messages, notes, lang)
    D = sequence.xs.shape[1]
    with right:
        # Labels fixed at this run (not looked up later), so the options keep this run's language.
        variant_labels = {name: t(f"backprop.variant.{name}") for name in VARIANTS}
        st.selectbox(
            t("backprop.variant"),
            VARIANTS,
            format_func=variant_labels.__getitem__,
            key="bp_variant",
            persist_state=KEEP,
        )
        model, model_source, _ = state.MODEL.controls(D, messages, notes, lang)
    if model_source == "hand":
        weight_editor.weight_editor(state.MODEL.hand_key)

loss_choice, loss_slider, unit_col = st.columns([2, 2, 1], vertical_alignment="bottom")
choice(
    t("backprop.loss"), state.LOSSES, key="bp_loss", labels="backprop.loss", container=loss_choice
)
xs, sequence_key = state.within_limits(sequence.xs, sequence.key, notes)
p = model.params
state.model_notes(p, notes)
keys = (sequence_key, len(xs), model.key, p.hidden_size)
settings = state.settings_from_state(*keys)
if settings.loss == "step":
    last = st.session_state["_bp_steps"] - 1
    number_slider(t("backprop.loss_step"), 0, last, key="bp_tloss", container=loss_slider)
    settings = state.settings_from_state(*keys)

back_col, slider_col, forward_col, loss_col = compact_row(
    "backprop_cursor", [1, 4, 1, 1], vertical_alignment="bottom"
)
back_col.button(
    t("backprop.back"),
    key="bp_back",
    on_click=state.move_cursor,
    args=(1,),
    icon=":material/arrow_back:",
    width="stretch",
)
if settings.tau > 0:
    number_slider(t("backprop.cursor"), 0, settings.tau, key="bp_k", container=slider_col)
forward_col.button(
    t("backprop.forward"),
    key="bp_forward",
    on_click=state.move_cursor,
    args=(-1,),
    icon=":material/arrow_forward:",
    width="stretch",
)
loss_col.button(
    t("backprop.to_loss"), key="bp_to_loss", on_click=state.cursor_to_loss, width="stretch"
)
if settings.H > 1:
    unit_col.selectbox(
        t("backprop.unit"),
        range(1, settings.H + 1),
        key="bp_unit",
        persist_state=KEEP,
    )
settings = state.settings_from_state(*keys)
show_messages(messages)
for note in notes:
    st.info(note, icon=":material/info:")


def render() -> None:
    s = settings
    view = state.compute(s, lang, xs, p)
    st.caption(  # one line, so the bars below stay on a phone's first screen
        ":material/undo: "
        + t(
            "backprop.at_step",
            t=s.t,
            k=s.tau - s.t,
            tau=s.tau,
            unit=s.unit + 1,
            loss=sci(view.loss),
        )
    )
    # The cell backwards beside δh's bars: both on the first screen with the cursor (on a
    # phone the diagram comes first).
    cell, bars = st.columns([3, 2], gap="medium")
    charts.show_svg(view.diagram, key="bp_diagram", container=cell)
    bars.markdown("**" + t("backprop.dh_bars_title") + "**")
    charts.show(view.branch_bars, bars, key="bp_branch_bars", summary=view.summaries["branch_bars"])
    bars.markdown(":material/lightbulb: " + view.branch_sentence)
    st.subheader(t("backprop.dh_title"))
    charts.show_equation(view.lstm_equations[0])
    st.subheader(t("backprop.dc_title"))
    equation, bars = controls_and_pictures("backprop_dc", (1, 1))
    charts.show_equation(view.lstm_equations[1], equation)
    equation.markdown(":material/lightbulb: " + view.route_sentence)
    charts.show(view.route_bars, bars, key="bp_route_bars", summary=view.summaries["route_bars"])
    st.subheader(t("backprop.da_title"))
    columns = st.columns(2)  # side by side when wide, one under the other on a phone
    for k, line in enumerate(view.lstm_equations[2:6]):
        with columns[k % 2]:
            charts.show_equation(line)
    st.subheader(t("backprop.rnn_title"))
    st.markdown(t("backprop.rnn_text"))
    for line in view.rnn_equations:
        charts.show_equation(line)
    st.subheader(t("backprop.weights_title"))
    st.markdown(t("backprop.weights_text"))
    cursor = view.cursor  # the step, over the charts of every step (which stay as they are)
    charts.show(view.heatmap, key="bp_heatmap", summary=view.summaries["heatmap"], cursor=cursor)
    charts.show(view.norms, key="bp_norms", summary=view.summaries["norms"], cursor=cursor)
    for sentence in view.share_sentences:
        st.markdown(":material/lightbulb: " + sentence)
    st.subheader(t("backprop.dx_title"))
    charts.show(view.inputs, key="bp_inputs", cursor=cursor)

    st.subheader(t("backprop.trained_title"))
    shown = choice(
        t("backprop.trained_show"), state.TRAINED, key="bp_trained", labels="backprop.trained"
    )
    if shown == "adding":
        number_slider(t("backprop.example"), 0, state.N_EXAMPLES - 1, key="bp_ex")
        trained = state.trained_view(int(st.session_state["bp_ex"]), lang)
        st.markdown(t("backprop.trained_text", T=trained.T))
        st.caption(t("backprop.trained_loss", **trained.loss_sentence_fields))
        charts.show(trained.heatmaps, key="bp_connectivity", summary=trained.summaries["heatmaps"])
        st.markdown("**" + t("backprop.last_row_title") + "**")
        charts.show(trained.last_row, key="bp_last_row", summary=trained.summaries["last_row"])
        st.markdown(":material/lightbulb: " + trained.focus_sentence)


render_safely(render)
write_query_params(state.URL_PARAMS)
state.SEQUENCE.write_url()
state.MODEL.write_url(model_source)
