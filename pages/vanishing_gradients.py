"""Vanishing gradients: how far back a loss gradient reaches in a plain RNN and in an LSTM."""

import streamlit as st

from lstm_core import CLASSIC_VARIANTS, SCHEMES
from lstm_core.lab.gradient_flow import CLIP_MODES
from lstm_core.lab.inputs import PRESETS
from lstm_ui import charts, presenter, widgets
from lstm_ui.frame import ensure_navigation_mode
from lstm_ui.lang import current, t
from lstm_ui.layout import compact_row, controls_after_on_phone, controls_and_pictures
from lstm_ui.safety import render_safely, show_messages
from lstm_ui.url_state import read_query_params, write_query_params
from lstm_ui.widgets import KEEP, scenario_buttons
from lstm_viz import gradients as viz
from lstm_viz.numbers import sci
from lstm_viz.summaries import (
    gradient_heatmap_summary,
    gradient_summary,
    gru_theory_summary,
    lstm_theory_summary,
    rnn_theory_summary,
)
from pages import vanishing_gradients_controller as controller

ensure_navigation_mode()

st.title(t("page.gradients"))
# One line of question above the scenarios; the setup (the loss, what is measured) comes under
# the chart, so on a phone the chart a scenario changes is on the same screen as its button.
with presenter.secondary("gradients_intro"):  # the teacher says it; the class sees the chart
    st.markdown(t("gradients.blurb"))
    st.markdown("**" + t("gradients.scenarios") + "**")
messages = read_query_params(controller.PAGE, controller.URL_PARAMS)

scenario_buttons("gradients", "gr_apply_", controller.SCENARIOS, controller.apply_scenario)

controls, views = controls_and_pictures("gradients")
controls_after_on_phone("gradients", "gr_lead")  # on a phone: chart, numbers, then the controls
with controls:
    with st.expander(t("gradients.sequence"), expanded=True):
        widgets.number_choice(t("gradients.T"), controller.T_CHOICES, key="gr_T")
        st.selectbox(
            t("gradients.input"),
            PRESETS,
            format_func=lambda v: t(f"preset.{v}"),
            help=t("gradients.input_help"),
            key="gr_input",
            persist_state=KEEP,
        )
        sentence_note = st.empty()
        st.number_input(
            t("gradients.loss_gap"),
            0,
            controller.MAX_T - 1,
            step=1,
            help=t("gradients.loss_gap_help"),
            key="gr_loss_gap",
            persist_state=KEEP,
        )
        loss_note = st.empty()
    with st.expander(t("gradients.models"), expanded=True):
        widgets.number_slider(t("gradients.H"), 1, controller.MAX_H, key="gr_H")
        st.segmented_control(
            t("gradients.scheme"),
            SCHEMES,
            format_func=lambda scheme: t(f"scheme.{scheme}"),
            required=True,
            help=t("gradients.scheme_help"),
            key="gr_scheme",
            persist_state=KEEP,
        )
        st.number_input(
            t("gradients.seed"),
            0,
            controller.MAX_SEED,
            step=1,
            help=t("gradients.seed_help"),
            key="gr_seed",
            persist_state=KEEP,
        )
        widgets.number_slider(
            t("gradients.scale"),
            *controller.SCALE_RANGE,
            step=0.05,
            help=t("gradients.scale_help"),
            key="gr_scale",
        )
        scale_note = st.empty()
        variant = st.selectbox(
            t("gradients.variant"),
            CLASSIC_VARIANTS,
            format_func=lambda v: t(f"variant.{v}"),
            key="gr_variant",
            persist_state=KEEP,
        )
        widgets.number_slider(
            t("gradients.forget_bias"),
            *controller.FORGET_BIAS_RANGE,
            step=0.25,
            help=t("gradients.forget_bias_help"),
            disabled=(variant != "standard"),
            key="gr_bf",
        )
        if variant != "standard":
            st.caption(t("gradients.forget_bias_unused"))
        gru = widgets.choice(
            t("gradients.gru"),
            controller.GRU_CHOICES,
            key="gr_gru",
            labels="gradients.gru",
            help=t("gradients.gru_help"),
        )
        if gru == "on":
            widgets.number_slider(
                t("gradients.update_bias"),
                *controller.UPDATE_BIAS_RANGE,
                step=0.25,
                help=t("gradients.update_bias_help"),
                key="gr_bz",
            )
    with (
        presenter.secondary("gradients_clipping"),
        st.expander(t("gradients.clipping"), expanded=True),
    ):
        clip = st.number_input(
            t("gradients.clip"),
            0.0,
            controller.MAX_CLIP,
            step=0.5,
            format="%g",
            help=t("gradients.clip_help"),
            key="gr_clip",
            persist_state=KEEP,
        )
        st.segmented_control(
            t("gradients.clip_mode"),
            CLIP_MODES,
            required=True,
            format_func=lambda v: t(f"gradients.clip_mode.{v}"),
            help=t("gradients.clip_mode_help"),
            disabled=(clip <= 0),
            key="gr_clip_mode",
            persist_state=KEEP,
        )

show_messages(messages)
lang = current()


def headline(view, lang: str) -> None:
    """The scenario's note and the headline numbers: each model's memory horizon, with its
    mean gate under it."""
    v = view.verdicts
    scenario = controller.active_scenario()
    if scenario is not None:
        st.caption(":material/movie: " + t(f"gradients.scenario_help.{scenario}"))
    # Short labels under one heading, so each shows whole three to a line on a phone; the
    # mean gate sits under its model's horizon, the detail is in the help.
    st.markdown("**" + t("gradients.metric.title") + "**")
    horizon_help = t("gradients.metric.horizon_help")
    on_h, on_c = t("gradients.metric.on_h"), t("gradients.metric.on_c")
    quiet = dict(delta_color="off", delta_arrow="off")
    gv = view.gru_verdict
    m1, m2, m3 = compact_row("gradients_metrics", 3)
    rnn_label = viz.horizon_label(v.rnn, lang)
    m1.metric(t("gradients.metric.rnn"), rnn_label, help=f"{horizon_help} {on_h}")
    lstm_label, f_mean = viz.horizon_label(v.lstm.cell, lang), f"f̄ = {view.f_mean:.3f}"
    f_help = f"{horizon_help} {on_c} {t('gradients.metric.f_help')}"
    m2.metric(t("gradients.metric.lstm"), lstm_label, f_mean, help=f_help, **quiet)
    if gv is not None:
        gru_label, z_mean = viz.horizon_label(gv.hidden, lang), f"z̄ = {view.z_mean:.3f}"
        z_help = f"{horizon_help} {on_h} {t('gradients.metric.z_help')}"
        m3.metric(t("gradients.metric.gru"), gru_label, z_mean, help=z_help, **quiet)


def render() -> None:
    s = controller.Settings.from_state()
    view = controller.compute(s, lang)
    v = view.verdicts
    if s.preset == "sentence":
        sentence_note.caption(t("gradients.sentence_length", T=view.T_used))
    if view.shortened:
        gap_warning = t("gradients.loss_gap_clamped", gap=s.loss_gap, T=view.T_used)
        loss_note.warning(gap_warning, icon=":material/warning:")
    else:
        loss_note.caption(t("gradients.loss_at", t=view.t_loss, last=view.T_used - 1))
    rho, smax = f"{view.spectral_radius:.2f}", f"{view.sigma_max:.2f}"
    if s.scheme == "gaussian":
        scale_note.caption(t("gradients.scale_is_radius", rho=rho, smax=smax))
    else:
        scale_note.caption(
            t("gradients.scale_is_gain", scheme=t(f"scheme.{s.scheme}"), rho=rho, smax=smax)
        )

    with views:
        lead = st.container(key="gr_lead")  # the numbers and the chart: the controls follow
        # In presenter mode the class sees the chart first (on a 720 px projector the numbers
        # above it pushed it half off the screen); the numbers follow it there.
        numbers = None if presenter.active() else lead.container()
        figures = view.figures  # the chart right under the numbers it plots, then the words
        with lead, presenter.secondary("gradients_main_title"):
            st.subheader(t("gradients.main_title"))
        charts.show(figures["norms"], lead, key="gr_norms", summary=gradient_summary(v, lang))
        with numbers if numbers is not None else lead.container():
            headline(view, lang)
        gv = view.gru_verdict
        st.markdown(t("gradients.intro"))
        st.caption(t("gradients.main_caption", c0=sci(view.dc_at_loss)))
        st.markdown("\n".join("- " + note.text(lang) for note in view.notes))

        st.subheader(t("gradients.theory_title"))
        st.markdown(t("gradients.theory_intro"))
        charts.show_equation(viz.RNN_STEP_EQUATION)
        charts.show_equation(viz.RNN_BOUND_EQUATION)
        charts.show_equation(viz.LSTM_STEP_EQUATION)
        st.markdown(t("gradients.theory.cell_path_line"))
        charts.show_equation(viz.CELL_PATH_EQUATION)
        left, right = st.columns(2)
        rnn_words = rnn_theory_summary(v, view.sigma_max, view.spectral_radius, lang)
        charts.show(figures["theory_rnn"], left, key="gr_theory_rnn", summary=rnn_words)
        left.caption(t("gradients.theory.rnn_caption", smax=smax, rho=rho))
        if v.loose_bound:
            left.caption(t("gradients.theory.loose_bound"))
        lstm_words = lstm_theory_summary(v.lstm, view.f_mean, lang)
        charts.show(figures["theory_lstm"], right, key="gr_theory_lstm", summary=lstm_words)
        right.caption(t("gradients.theory.lstm_caption"))
        if gv is not None:  # the GRU's z path beside its measured gradient
            left, right = st.columns(2)
            gru_words = gru_theory_summary(gv, lang)
            charts.show(figures["theory_gru"], left, key="gr_theory_gru", summary=gru_words)
            left.caption(t("gradients.theory.gru_caption"))
            right.markdown(t("gradients.theory.gru_intro"))
            charts.show_equation(viz.GRU_STEP_EQUATION, right)
            right.markdown(t("gradients.theory.z_path_line"))
            charts.show_equation(viz.Z_PATH_EQUATION, right)

        st.subheader(t("gradients.heatmap_title"))
        heat_words = gradient_heatmap_summary(v, viz.HEATMAP_DECADES, lang)
        charts.show(figures["heatmap"], key="gr_heatmap", summary=heat_words)
        caption = t("gradients.heatmap_caption", decades=viz.HEATMAP_DECADES)
        if view.heatmap_group > 1:
            caption += " " + t("gradients.heatmap_pooled", size=view.heatmap_group)
        st.caption(caption)

        st.subheader(t("gradients.clip_title"))
        st.markdown(t("gradients.clip_text"))
        clipped = view.clipped
        if clipped is None:
            st.info(t("gradients.clip_off"), icon=":material/content_cut:")
        elif clipped.mode == "global":
            c1, c2, c3 = st.columns(3)
            norm_help = t("gradients.clip.norm_help")
            c1.metric(t("gradients.clip.before"), sci(clipped.norm_before), help=norm_help)
            c2.metric(t("gradients.clip.after"), sci(clipped.norm_after), help=norm_help)
            c3.metric(t("gradients.clip.factor"), sci(clipped.factor))
        else:
            st.metric(t("gradients.clip.steps_cut"), f"{clipped.steps_cut} / {view.t_loss + 1}")


render_safely(render)
write_query_params(controller.URL_PARAMS)
