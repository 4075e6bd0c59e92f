"""Vanishing gradients: how far back a loss gradient reaches in a plain RNN and in an LSTM."""

import streamlit as st

from lstm_core import SCHEMES, VARIANTS
from lstm_core.lab.gradient_flow import CLIP_MODES
from lstm_core.lab.inputs import PRESETS
from lstm_ui import figure_cache, presenter
from lstm_ui import gradients_cache as cache
from lstm_ui import gradients_state as state
from lstm_ui.frame import ensure_navigation_mode
from lstm_ui.lang import current, t
from lstm_ui.safety import render_safely, show_messages
from lstm_ui.url_state import read_query_params, write_query_params
from lstm_viz import gradients as viz

KEEP = "session"  # widget values survive page switches

ensure_navigation_mode()

st.title(t("page.gradients"))
st.markdown(t("gradients.intro"))
messages = read_query_params(state.PAGE, state.URL_PARAMS)

st.markdown("**" + t("gradients.scenarios") + "**")
for name, column in zip(state.SCENARIOS, st.columns(len(state.SCENARIOS)), strict=True):
    column.button(
        t(f"gradients.scenario.{name}"), key=f"gr_apply_{name}",
        help=t(f"gradients.scenario_help.{name}"),
        on_click=state.apply_scenario, args=(name,), width="stretch",
    )  # fmt: skip

controls, views = st.columns([1, 2], gap="large")
with controls:
    with st.expander(t("gradients.sequence"), expanded=True):
        T = st.select_slider(
            t("gradients.T"), options=state.T_CHOICES, key="gr_T", persist_state=KEEP
        )
        preset = st.selectbox(
            t("gradients.input"), PRESETS, format_func=lambda v: t(f"preset.{v}"),
            help=t("gradients.input_help"), key="gr_input", persist_state=KEEP,
        )  # fmt: skip
        sentence_note = st.empty()
        loss_gap = st.number_input(
            t("gradients.loss_gap"), 0, state.MAX_T - 1, step=1,
            help=t("gradients.loss_gap_help"), key="gr_loss_gap", persist_state=KEEP,
        )  # fmt: skip
        loss_note = st.empty()
    with st.expander(t("gradients.models"), expanded=True):
        H = st.slider(t("gradients.H"), 1, state.MAX_H, key="gr_H", persist_state=KEEP)
        scheme = st.segmented_control(
            t("gradients.scheme"), SCHEMES, required=True, help=t("gradients.scheme_help"),
            key="gr_scheme", persist_state=KEEP,
        )  # fmt: skip
        seed = st.number_input(
            t("gradients.seed"), 0, state.MAX_SEED, step=1, help=t("gradients.seed_help"),
            key="gr_seed", persist_state=KEEP,
        )  # fmt: skip
        scale = st.slider(
            t("gradients.scale"), *state.SCALE_RANGE, step=0.05, help=t("gradients.scale_help"),
            key="gr_scale", persist_state=KEEP,
        )  # fmt: skip
        scale_note = st.empty()
        variant = st.selectbox(
            t("gradients.variant"), VARIANTS, format_func=lambda v: t(f"variant.{v}"),
            key="gr_variant", persist_state=KEEP,
        )  # fmt: skip
        forget_bias = st.slider(
            t("gradients.forget_bias"), *state.FORGET_BIAS_RANGE, step=0.25,
            help=t("gradients.forget_bias_help"), disabled=(variant != "standard"),
            key="gr_bf", persist_state=KEEP,
        )  # fmt: skip
        if variant != "standard":
            st.caption(t("gradients.forget_bias_unused"))
    with (
        presenter.secondary("gradients_clipping"),
        st.expander(t("gradients.clipping"), expanded=True),
    ):
        clip = st.number_input(
            t("gradients.clip"), 0.0, state.MAX_CLIP, step=0.5, format="%g",
            help=t("gradients.clip_help"), key="gr_clip", persist_state=KEEP,
        )  # fmt: skip
        clip_mode = st.segmented_control(
            t("gradients.clip_mode"), CLIP_MODES, required=True,
            format_func=lambda v: t(f"gradients.clip_mode.{v}"), help=t("gradients.clip_mode_help"),
            disabled=(clip <= 0), key="gr_clip_mode", persist_state=KEEP,
        )  # fmt: skip

show_messages(messages)
lang = current()
settings = state.Settings(
    T=int(T), preset=preset, loss_gap=int(loss_gap), H=int(H), scheme=scheme, seed=int(seed),
    scale=float(scale), forget_bias=float(forget_bias), variant=variant, clip=float(clip),
    clip_mode=clip_mode, lang=lang,
)  # fmt: skip


def render() -> None:
    s = settings
    data = (s.preset, s.T, s.seed, s.sequence_lang)
    T_used = len(cache.sequence(*data).xs)
    t_loss, shortened = state.loss_step(T_used, s.loss_gap)
    rnn = cache.rnn(*data, s.H, s.scheme, s.scale, t_loss)
    lstm = cache.lstm(*data, s.H, s.scheme, s.forget_bias, s.variant, t_loss)
    clipped = None
    if s.clipping:
        clipped = cache.clipped(*data, s.H, s.scheme, s.scale, t_loss, s.clip, s.clip_mode)

    if s.preset == "sentence":
        sentence_note.caption(t("gradients.sentence_length", T=T_used))
    if shortened:
        loss_note.warning(
            t("gradients.loss_gap_clamped", gap=s.loss_gap, T=T_used), icon=":material/warning:"
        )
    else:
        loss_note.caption(t("gradients.loss_at", t=t_loss, last=T_used - 1))
    rho, smax = f"{rnn.spectral_radius:.2f}", f"{rnn.sigma_max:.2f}"
    if s.scheme == "gaussian":
        scale_note.caption(t("gradients.scale_is_radius", rho=rho, smax=smax))
    else:
        scale_note.caption(t("gradients.scale_is_gain", scheme=s.scheme, rho=rho, smax=smax))

    with views:
        scenario = state.active_scenario()
        if scenario is not None:
            st.info(t(f"gradients.scenario_help.{scenario}"), icon=":material/movie:")
        horizon_help = t("gradients.metric.horizon_help")
        m1, m2, m3 = st.columns(3)
        m1.metric(
            t("gradients.metric.rnn"), viz.horizon_label(rnn.dh_norm, lang), help=horizon_help
        )
        m2.metric(
            t("gradients.metric.lstm"), viz.horizon_label(lstm.dc_norm, lang), help=horizon_help
        )
        m3.metric(
            t("gradients.metric.f_mean"), f"{lstm.f_mean:.3f}", help=t("gradients.metric.f_help")
        )
        notes = viz.explanation(rnn, lstm, clipped, lang)
        st.markdown("\n".join("- " + t(note.key, **note.fields) for note in notes))

        st.subheader(t("gradients.main_title"))
        figures = figure_cache.gradient_figures(
            *data, s.H, s.scheme, s.scale, s.forget_bias, s.variant, t_loss,
            s.clip if s.clipping else 0.0, s.clip_mode, lang,
        )  # fmt: skip
        figure_cache.show(figures["norms"], key="gr_norms")
        st.caption(t("gradients.main_caption", c0=viz.sci(lstm.dc_norm[0])))

        st.subheader(t("gradients.theory_title"))
        st.markdown(t("gradients.theory_intro"))
        st.latex(viz.RNN_STEP_EQUATION)
        st.latex(viz.RNN_BOUND_EQUATION)
        st.latex(viz.LSTM_STEP_EQUATION)
        st.markdown(t("gradients.theory.cell_path_line"))
        st.latex(viz.CELL_PATH_EQUATION)
        left, right = st.columns(2)
        figure_cache.show(figures["theory_rnn"], key="gr_theory_rnn", container=left)
        left.caption(t("gradients.theory.rnn_caption", smax=smax, rho=rho))
        if rnn.sigma_max > 1.0 > rnn.spectral_radius:
            left.caption(t("gradients.theory.loose_bound"))
        figure_cache.show(figures["theory_lstm"], key="gr_theory_lstm", container=right)
        right.caption(t("gradients.theory.lstm_caption"))

        st.subheader(t("gradients.heatmap_title"))
        figure_cache.show(figures["heatmap"], key="gr_heatmap")
        caption = t("gradients.heatmap_caption", decades=viz.HEATMAP_DECADES)
        group = viz.heatmap_group_size(len(rnn.dh_norm))
        if group > 1:
            caption += " " + t("gradients.heatmap_pooled", size=group)
        st.caption(caption)

        st.subheader(t("gradients.clip_title"))
        st.markdown(t("gradients.clip_text"))
        if clipped is None:
            st.info(t("gradients.clip_off"), icon=":material/content_cut:")
        elif clipped.mode == "global":
            c1, c2, c3 = st.columns(3)
            norm_help = t("gradients.clip.norm_help")
            c1.metric(t("gradients.clip.before"), viz.sci(clipped.norm_before), help=norm_help)
            c2.metric(t("gradients.clip.after"), viz.sci(clipped.norm_after), help=norm_help)
            c3.metric(t("gradients.clip.factor"), viz.sci(clipped.factor))
        else:
            st.metric(t("gradients.clip.steps_cut"), f"{clipped.steps_cut} / {t_loss + 1}")


render_safely(render)
write_query_params(state.URL_PARAMS)
