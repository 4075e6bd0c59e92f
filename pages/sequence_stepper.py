"""Sequence stepper: run an LSTM over a whole sequence, step through it, and watch its gates
and memory (heatmaps over time, lines of chosen units, the cell at the cursor step)."""

import streamlit as st

from lstm_core import SCHEMES, VARIANTS
from lstm_core.lab.inputs import PRESETS
from lstm_core.lab.weights_io import megabytes
from lstm_ui import figure_cache, presenter, uploads, weight_editor
from lstm_ui.frame import ensure_navigation_mode
from lstm_ui.lang import current, t
from lstm_ui.safety import render_safely, show_messages
from lstm_ui.url_state import read_query_params, write_query_params
from lstm_viz.stepper import FPS_CHOICES, LINE_QUANTITIES, MAX_LINE_UNITS, step_table
from pages import sequence_stepper_controller as state

ensure_navigation_mode()

st.title(t("page.stepper"))
st.markdown(t("stepper.intro"))
lang = current()
messages = read_query_params(state.PAGE, state.URL_PARAMS, state.OTHER_KEYS)
messages += state.read_url_extras(lang)
notes: list[str] = []  # what is shown instead of what was asked for, and why
keep = "session"  # persist_state: values survive page switches and hidden widgets

controls, views = st.columns([1, 2.4], gap="large")

# --- the input sequence -------------------------------------------------------------------------
with controls, st.expander(t("stepper.input"), expanded=True):
    source = st.segmented_control(
        t("stepper.source"), state.SOURCES, format_func=lambda s: t(f"stepper.source.{s}"),
        required=True, key="sq_source", persist_state=keep,
    )  # fmt: skip
    sequence = None
    if source == "typed":
        text = st.text_area(
            t("stepper.typed"), max_chars=uploads.MAX_TEXT_CHARS, height=90,
            help=t("stepper.typed_help", limit=uploads.MAX_STEPS), key="sq_text",
            persist_state=keep,
        )  # fmt: skip
        sequence = state.typed_sequence(text, messages, lang)
    elif source == "csv":
        csv_file = st.file_uploader(
            t("stepper.csv"), type=["csv", "txt", "tsv"], key="sq_csv_file",
            max_upload_size=state.CSV_UPLOAD_MB,
        )  # fmt: skip
        st.caption(
            t("stepper.csv_help", columns=uploads.MAX_FEATURES, rows=uploads.MAX_STEPS,
              size=megabytes(uploads.MAX_CSV_BYTES))
        )  # fmt: skip
        sequence = state.csv_sequence(csv_file, messages, lang)
        if sequence is None:
            notes.append(t("stepper.csv_none"))
        else:
            name = st.session_state["sq_csv_last"][0]
            st.caption(
                t("stepper.csv_loaded", name=name, T=len(sequence.xs), D=sequence.xs.shape[1],
                  columns=", ".join(sequence.feature_names))
            )  # fmt: skip
    preset = None
    if sequence is None:
        preset = st.selectbox(
            t("stepper.preset"), PRESETS, format_func=lambda p: t(f"preset.{p}"),
            key="sq_preset", persist_state=keep,
        )  # fmt: skip
        T, xseed = state.DEFAULT_T, 0
        if preset != "sentence":
            T = st.slider(
                t("stepper.steps"), state.MIN_T, state.MAX_T, key="sq_T", persist_state=keep,
            )  # fmt: skip
        if preset in ("sine", "first_value", "noise"):
            xseed = st.number_input(
                t("stepper.xseed"), 0, state.MAX_SEED, key="sq_xseed", persist_state=keep,
            )  # fmt: skip
        sequence = state.preset_sequence(preset, T, int(xseed), lang)
        if preset == "sentence":
            st.caption(t("stepper.sentence_length", T=len(sequence.xs), D=sequence.xs.shape[1]))
    if uploads.needs_scaling(sequence.xs):
        notes.append(t("stepper.scale_note", limit=f"{uploads.SATURATING_INPUT:g}"))

T, D = sequence.xs.shape

# --- the model ----------------------------------------------------------------------------------
with controls, presenter.secondary("stepper_model"), st.expander(t("stepper.model"), expanded=True):
    model_source = st.segmented_control(
        t("stepper.model_source"), state.MODELS,
        format_func=lambda m: t(f"stepper.model_source.{m}"), required=True, key="sq_model",
        persist_state=keep,
    )  # fmt: skip
    variant = st.segmented_control(
        t("stepper.variant"), VARIANTS, format_func=lambda v: t(f"variant.{v}"),
        required=True, key="sq_variant", persist_state=keep,
    )  # fmt: skip
    if model_source == "random":
        st.segmented_control(
            t("stepper.scheme"), SCHEMES, format_func=lambda s: t(f"stepper.scheme.{s}"),
            required=True, help=t("stepper.scheme_help"), key="sq_scheme", persist_state=keep,
        )  # fmt: skip
        st.slider(t("stepper.hidden"), 1, state.MAX_H, key="sq_H", persist_state=keep)
        seed_col, fb_col = st.columns([1, 2])
        seed_col.number_input(
            t("stepper.seed"), 0, state.MAX_SEED, key="sq_seed", persist_state=keep,
        )  # fmt: skip
        fb_col.select_slider(
            t("stepper.forget_bias"), state.FB_CHOICES,
            format_func=lambda v: t("stepper.fb_scheme") if v == "scheme" else v.replace("-", "−"),
            help=t("stepper.forget_bias_help"), key="sq_fb", persist_state=keep,
        )  # fmt: skip
        model = state.random_model(D)
    elif model_source == "hand":
        hand_H = st.segmented_control(
            t("stepper.hand_hidden"), range(1, state.MAX_HAND_H + 1), required=True,
            key="sq_hand_H", persist_state=keep,
        )  # fmt: skip
        state.ensure_hand(D, int(hand_H), messages)
        example_col, random_col = st.columns(2)
        example_col.button(
            t("stepper.hand_reset"), key="sq_hand_example", on_click=state.set_hand_example
        )
        random_col.button(
            t("stepper.hand_random"), key="sq_copy_random", on_click=state.copy_random_to_hand,
            help=t("stepper.hand_random_help"),
        )  # fmt: skip
        st.caption(t("stepper.hand_where"))
        # The table's edits arrive through its callback before this run, so the weights are
        # read here and the table itself is drawn in the wider views column below.
        messages += st.session_state.pop(weight_editor.messages_key("sq_params"), [])
        model = state.hand_model()
    else:
        weights_file = st.file_uploader(
            t("stepper.upload"), type=["npz", "safetensors"], key="sq_weights_file",
            max_upload_size=state.WEIGHTS_UPLOAD_MB,
        )  # fmt: skip
        st.caption(
            t("stepper.upload_help", H=uploads.MAX_HIDDEN,
              size=megabytes(state.MAX_FILE_BYTES))
        )  # fmt: skip
        uploaded, label = state.uploaded_model(weights_file, messages, lang)
        model = state.random_model(D)
        if uploaded is None:
            notes.append(t("stepper.upload_none"))
        elif uploaded.params.input_size != D:
            messages.append(t("stepper.upload_mismatch", D_w=uploaded.params.input_size, D_x=D))
        else:
            model = uploaded
            name, layout = label.rsplit("|", 1)
            st.caption(
                t("stepper.upload_loaded", name=name, layout=layout, H=model.params.hidden_size,
                  D=D)
            )  # fmt: skip
H = model.params.hidden_size
messages += state.url_limit_messages(T, H, lang)

# --- the views ----------------------------------------------------------------------------------
with views:
    show_messages(messages)
    for note in notes:
        st.info(note, icon=":material/info:")
    if model_source == "hand":
        with st.expander(t("stepper.hand_weights"), expanded=True):
            weight_editor.weight_editor("sq_params")
    if preset is not None:
        later = state.sentence_distance(sequence.tokens, lang) if sequence.tokens else 0
        watch = t(f"stepper.watch.{preset}", later=later)
        st.info(watch, icon=":material/visibility:")
    state.clamp_cursor(T)
    prev_col, slider_col, next_col = st.columns([1.3, 5, 1.3], vertical_alignment="bottom")
    prev_col.button(
        t("stepper.prev"), key="sq_prev", on_click=state.move_cursor, args=(-1,), width="stretch"
    )
    cursor = slider_col.slider(t("stepper.cursor"), 0, T - 1, key="sq_t", persist_state=keep)
    next_col.button(
        t("stepper.next"), key="sq_next", on_click=state.move_cursor, args=(1,), width="stretch"
    )
    if sequence.tokens is not None:
        st.caption(t("stepper.cursor_word", t=cursor, word=sequence.tokens[cursor]))

    speed_col, units_col, q_col = st.columns([1.3, 2, 2])
    fps = speed_col.select_slider(
        t("stepper.speed"), [str(f) for f in FPS_CHOICES], key="sq_fps", persist_state=keep,
    )  # fmt: skip
    state.keep_choices("sq_units", range(1, H + 1), state.DEFAULT_UNITS)
    units = units_col.multiselect(
        t("stepper.units"), list(range(1, H + 1)),
        max_selections=MAX_LINE_UNITS, key="sq_units", persist_state=keep,
    )  # fmt: skip
    quantities = q_col.multiselect(
        t("stepper.quantities"), list(LINE_QUANTITIES),
        key="sq_q", persist_state=keep,
    )  # fmt: skip


def render() -> None:
    trace = state.run(sequence.key, model.key, variant, sequence.xs, model.params)
    with views:
        names = sequence.feature_names
        figure = figure_cache.stepper_run_figure(
            sequence.key, model.key, variant, cursor, tuple(k - 1 for k in units),
            tuple(quantities), int(fps), lang, None if names is None else tuple(names),
            trace, sequence.tokens,
        )  # fmt: skip
        figure_cache.show(figure, key="sq_run")
        meta = figure["layout"]["meta"]
        caption = [t("stepper.figure_help")]
        if meta["stride"] > 1:
            caption.append(t("stepper.thinned_lines", T=T, stride=meta["stride"]))
        frames = len(meta["frame_steps"])
        if frames < T:
            caption.append(t("stepper.thinned_frames", T=T, frames=frames,
                             every=meta["frame_stride"]))  # fmt: skip
        if len(caption) > 1:
            caption.append(t("stepper.every_step_kept"))
        st.caption(" ".join(caption))
        st.subheader(t("stepper.heatmaps_title"))
        heatmaps = figure_cache.stepper_heatmaps(
            sequence.key, model.key, variant, cursor, lang, trace, sequence.tokens
        )
        figure_cache.show(heatmaps, key="sq_heatmaps")
        stride = heatmaps["layout"]["meta"]["stride"]
        caption = [t("stepper.heatmaps_help", t=cursor)]
        if stride > 1:
            caption.append(t("stepper.heatmaps_pooled", T=T, size=stride))
        st.caption(" ".join(caption))
        st.subheader(t("stepper.diagram_title", t=cursor))
        state.keep_choices("sq_unit", range(1, H + 1), 1)
        unit = 1
        if H > 1:
            unit = st.selectbox(
                t("stepper.diagram_unit"), list(range(1, H + 1)), key="sq_unit", persist_state=keep,
            )  # fmt: skip
        diagram = state.diagram(
            sequence.key, model.key, variant, cursor, unit - 1, lang, model.params, trace
        )
        figure_cache.show(diagram, key="sq_diagram")
        st.subheader(t("stepper.table_title", t=cursor))
        table = step_table(trace, cursor, lang)
        st.dataframe(
            table,
            column_config={
                name: st.column_config.NumberColumn(format="%.4f") for name in table.columns
            },
        )
    with controls, presenter.secondary("stepper_downloads"):
        st.markdown("**" + t("stepper.downloads") + "**")
        st.download_button(
            t("stepper.download_trace"), data=lambda: state.trace_csv(trace),
            file_name="lstm_trace.csv", mime="text/csv", on_click="ignore", icon=":material/table:",
            help=t("stepper.download_trace_help", rows=f"{6 * T * H:,}",
                   size=state.trace_csv_size(T, H)),
            key="sq_dl_trace",
        )  # fmt: skip
        st.download_button(
            t("stepper.download_weights"), data=lambda: state.weights_npz(model.params),
            file_name="lstm_weights.npz", mime="application/octet-stream", on_click="ignore",
            icon=":material/download:", help=t("stepper.download_weights_help"),
            key="sq_dl_weights",
        )  # fmt: skip


render_safely(render)
write_query_params(state.URL_PARAMS)
state.write_url_extras(model_source)
