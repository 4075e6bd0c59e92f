"""Sequence stepper: run an LSTM over a whole sequence, step through it, and watch its gates
and memory (heatmaps over time, lines of chosen units, the cell at the cursor step)."""

import streamlit as st

from lstm_ui import charts, player, presenter, weight_editor, widgets
from lstm_ui.frame import ensure_navigation_mode
from lstm_ui.lang import current, t
from lstm_ui.layout import compact_row, controls_and_pictures
from lstm_ui.safety import failure_message, render_safely, show_messages
from lstm_ui.sequence_source import sentence_distance
from lstm_ui.url_state import read_query_params, write_query_params
from lstm_ui.widgets import KEEP, NEXT_KEY, PREV_KEY
from lstm_viz.stepper import MAX_LINE_UNITS
from lstm_viz.summaries import stepper_summary
from pages import sequence_stepper_controller as state

ensure_navigation_mode()

st.title(t("page.stepper"))
with presenter.secondary("stepper_intro"):
    intro = st.empty()  # worded once the cell type is known
lang = current()
messages = read_query_params(state.PAGE, state.URL_PARAMS, state.OTHER_KEYS)
messages += state.read_url_extras(lang)
notes: list[str] = []  # what is shown instead of what was asked for, and why

controls, views = controls_and_pictures("stepper", (1, 2.4))

with controls, st.expander(t("stepper.input"), expanded=True):
    sequence, preset = state.SEQUENCE.controls(messages, notes, lang)
T, D = sequence.xs.shape

with controls, presenter.secondary("stepper_model"), st.expander(t("stepper.model"), expanded=True):
    cell = widgets.choice(
        t("stepper.cell"),
        state.CELLS,
        key="sq_cell",
        labels="stepper.cell",
        help=t("stepper.cell_help"),
    )
    model, model_source, variant = state.MODEL.controls(D, messages, notes, lang)
    model, cell, variant = state.cell_model(cell, model, model_source, variant, D, notes, lang)
H = model.params.hidden_size
intro.markdown(t("stepper.intro_gru" if cell == "gru" else "stepper.intro"))
messages += state.url_limit_messages(T, H, lang)

# --- the views ----------------------------------------------------------------------------------
with views:
    show_messages(messages)
    for note in notes:
        st.info(note, icon=":material/info:")
    if model_source == "hand" and cell == "lstm":
        with st.expander(t("stepper.hand_weights"), expanded=True):
            weight_editor.weight_editor(state.MODEL.hand_key)
    state.clamp_cursor(T)
    state.keep_speed()


def steps() -> None:
    """The step row (◀, Play/Pause, ▶, the step slider, or its readout while playing, and the
    speed) and every view of step t: a fragment, so that a step or a view's option reruns only
    this part. While ▶ Play runs, the browser shows the steps (lstm_ui.player) and the row's
    buttons and every view of step t are the player's."""
    play = state.play_id(sequence.key, model.key) if state.playing() else None
    failed = state.failed_play_message(lang)
    if failed is not None:
        st.error(failed, icon=":material/error:")
    # ◀, Play/Pause and ▶ in one row (one line on a phone too), wide enough for each label and
    # its shortcut; the step slider and the speed under them.
    prev_col, play_col, next_col = compact_row("stepper_step", [1, 1.1, 1])
    if play is None:
        step_buttons(prev_col, play_col, next_col)
    slider_col, fps_col = st.columns([4, 1.3], vertical_alignment="bottom")
    widgets.number_choice(
        t("stepper.speed"), [str(f) for f in state.FPS_CHOICES], key="sq_fps", container=fps_col
    )
    if play is None:  # "sq_t" holds the step shown, so the slider comes back at it
        cursor = widgets.number_slider(
            t("stepper.cursor"), 0, T - 1, key="sq_t", container=slider_col
        )
    else:
        cursor = state.shown_step()
    lines_slot = st.container()  # the line chart, right under the step it shows
    word_slot = lines_slot.container()  # the word at step t, for a sentence

    units_col, q_col = st.columns(2)
    state.keep_choices("sq_units", range(1, H + 1), state.DEFAULT_UNITS)
    units = units_col.multiselect(
        t("stepper.units"),
        list(range(1, H + 1)),
        max_selections=MAX_LINE_UNITS,
        key="sq_units",
        persist_state=KEEP,
    )
    q_key, offered, _ = state.QUANTITY_KEYS[cell]  # the LSTM's or the GRU's quantities
    quantities = q_col.multiselect(
        t("stepper.quantities"), list(offered), key=q_key, persist_state=KEEP
    )
    if cell == "gru":
        st.info(t("stepper.watch_gru"), icon=":material/visibility:")
    elif preset is not None:
        later = sentence_distance(sequence.tokens, lang) if sequence.tokens else 0
        watch = t(f"stepper.watch.{preset}", later=later)
        st.info(watch, icon=":material/visibility:")
    columns = (prev_col, play_col, next_col, slider_col, word_slot, lines_slot)
    render_safely(lambda: views_of_step(play, cursor, units, quantities, columns))
    state.write_step_url()


def step_buttons(prev_col, play_col, next_col) -> None:
    """◀, ▶ Play and ▶ while paused (keyboard: Shift+←, Shift+P, Shift+→, as the buttons)."""
    prev_col.button(
        t("stepper.prev"),
        key="sq_prev",
        on_click=state.move_cursor,
        args=(-1,),
        width="stretch",
        shortcut=PREV_KEY,
    )
    play_col.button(
        t("stepper.play"),
        key="sq_play",
        on_click=state.start_playing,
        width="stretch",
        shortcut=state.PLAY_KEY,
        help=t("stepper.play_help"),
    )
    next_col.button(
        t("stepper.next"),
        key="sq_next",
        on_click=state.move_cursor,
        args=(1,),
        width="stretch",
        shortcut=NEXT_KEY,
    )


def player_buttons(play: str, count: int, *columns) -> None:
    """◀, ‖ Pause and ▶ while playing: the player's, which tell the server the step shown; the
    Pause button's instance runs the clock (`count` frames at the chosen speed)."""
    for column, button in zip(columns, state.PLAY_BUTTONS, strict=True):
        key, label, action, shortcut, paused_key = button
        clock = action == "pause"
        player.button(
            t(label),
            action,
            key=key,
            play=play,
            on_press=lambda key=key: state.on_player_press(key),
            shortcut=shortcut,
            help=t("stepper.play_help") if clock else None,
            fps=state.play_fps() if clock else None,
            frames_count=count,
            focus_after=f".st-key-{paused_key} button",
            container=column,
        )


def frames_options(units: list[int], quantities: list[str], unit: int) -> tuple:
    """All that the frames of a play depend on but its steps (state.play_frames' first
    arguments, which also name the player's store: state.frames_id)."""
    zero_based = tuple(k - 1 for k in units)  # units and unit are numbered 1..H on screen
    return (
        sequence.key,
        model.key,
        variant,
        zero_based,
        tuple(quantities),
        unit - 1,
        lang,
        presenter.active(),
    )


def play_frames(shown, options: tuple, steps, first: dict | None = None) -> dict:
    """Every view of each of these steps of the play (state.play_frames); `first`: the frames
    of the play's first steps, which these follow (each view is packed against their template)."""
    return state.play_frames(
        *options,
        tuple(int(s) for s in steps),
        shown.trace,
        model.params,
        sequence.tokens,
        shown.lines["layout"],
        shown.heatmaps["layout"],
        first is not None,
        None if first is None else {name: packed["parts"] for name, packed in first.items()},
    )


def views_of_step(play: str | None, cursor: int, units: list[int], quantities: list[str], slots):
    """Every view of step t (`play` None), or, while playing, the player's buttons and views."""
    word_slot, lines_slot = slots[-2:]
    state.keep_choices("sq_unit", range(1, H + 1), 1)
    unit = int(st.session_state.get("sq_unit", 1))
    shown = state.view(sequence, model, variant, cursor, units, quantities, unit, lang)
    if play is not None:
        try:
            played(play, shown, units, quantities, unit, slots)
        except Exception as err:  # paused instead, with the step row's buttons and slider
            state.play_failed(failure_message(err))
            st.rerun()
        return
    if sequence.tokens is not None:
        word_slot.caption(t("stepper.cursor_word", t=cursor, word=sequence.tokens[cursor]))
    with lines_slot:
        drawn = unit if unit in units or not units else units[0]  # a unit the chart shows
        lines_words = stepper_summary(shown.trace, cursor, drawn, "lines", lang)
        charts.show(shown.lines, key="sq_run", summary=lines_words, cursor=shown.lines_cursor)
        st.caption(state.lines_caption(shown.lines["layout"]["meta"], T, lang))
    st.subheader(t("stepper.heatmaps_title"))
    heat_words = stepper_summary(shown.trace, cursor, unit, "heatmaps", lang)
    charts.show(shown.heatmaps, key="sq_heatmaps", summary=heat_words, cursor=shown.heatmaps_cursor)
    st.caption(state.heatmaps_caption(shown.heatmaps["layout"]["meta"], T, cursor, lang))
    st.subheader(t("stepper.diagram_title", t=cursor))
    unit_choice()
    if shown.diagram:
        charts.show_svg(shown.diagram, key="sq_diagram")
    else:  # Keras reset_after=False GRU weights: the table alone
        st.info(t("stepper.no_diagram_reset_before"), icon=":material/info:")
    st.subheader(t("stepper.table_title", t=cursor))
    st.dataframe(
        shown.table,
        column_config={
            name: st.column_config.NumberColumn(format="%.4f") for name in shown.table.columns
        },
    )


def played(play: str, shown, units: list[int], quantities: list[str], unit: int, slots) -> None:
    """views_of_step while playing: the player's buttons, and each view as a player's view of
    its frames. A long play's views are sent with the frames of its first steps (they play at
    once); the others follow in the player's store, made after the page's last view."""
    prev_col, play_col, next_col, slider_col, word_slot, lines_slot = slots
    steps = state.playing_steps(T)
    head = steps[: state.PLAY_HEAD]
    options = frames_options(units, quantities, unit)
    frames = play_frames(shown, options, head)
    store_id = None if len(head) == len(steps) else state.frames_id(play, options)
    player_buttons(play, len(steps), prev_col, play_col, next_col)

    def view(name: str, css_class: str = "", container=None) -> None:
        heading = css_class == HEADING
        player.view(
            frames[name],
            key=f"sq_{name}_playing",
            play=play,
            css_class=css_class,
            level=3 if heading else None,  # st.subheader's
            container=container,
            stored=None if store_id is None else (store_id, name),
        )

    view("readout", container=slider_col.container(key="sq_readout"))
    if "word" in frames:
        view("word", "lgl-play-caption", container=word_slot)
    with lines_slot:
        charts.show(
            shown.lines,
            key="sq_run",
            summary=lambda box: view("lines_summary", container=box),
            cursor=lambda box: view("lines_cursor", container=box),
        )
        st.caption(state.lines_caption(shown.lines["layout"]["meta"], T, lang))
    st.subheader(t("stepper.heatmaps_title"))
    charts.show(
        shown.heatmaps,
        key="sq_heatmaps",
        summary=lambda box: view("heatmaps_summary", container=box),
        cursor=lambda box: view("heatmaps_cursor", container=box),
    )
    view("heatmaps_caption", "lgl-play-caption")
    view("diagram_title", HEADING)
    unit_choice()
    if shown.diagram:
        view("diagram", container=st.container(key="sq_diagram"))
    else:
        st.info(t("stepper.no_diagram_reset_before"), icon=":material/info:")
    view("table_title", HEADING)
    view("table", "lgl-play-scroll")
    if store_id is not None:
        rest = play_frames(shown, options, steps[len(head) :], frames)
        player.store(rest, key="sq_frames", play=play, store_id=store_id)


HEADING = "lgl-play-heading"  # the player's heading, styled as st.subheader's


def unit_choice() -> None:
    """Which unit the diagram shows (H > 1)."""
    if H > 1:
        st.selectbox(
            t("stepper.diagram_unit"),
            list(range(1, H + 1)),
            key="sq_unit",
            persist_state=KEEP,
        )


def downloads() -> None:
    trace = state.run_of(sequence, model, variant)
    with controls, presenter.secondary("stepper_downloads"):
        st.markdown("**" + t("stepper.downloads") + "**")
        st.download_button(
            t("stepper.download_trace"),
            data=lambda: state.trace_csv(trace),
            file_name=f"{cell}_trace.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/table:",
            help=t(
                "stepper.download_trace_help",
                rows=f"{state.trace_rows(T, H, cell):,}",
                size=state.trace_csv_size(T, H, cell),
            ),
            key="sq_dl_trace",
        )
        keras = getattr(model.params, "reset_after", True) is False  # nn.GRU cannot hold it
        st.download_button(
            t("stepper.download_weights_keras" if keras else "stepper.download_weights"),
            data=lambda: state.weights_npz(model.params),
            file_name=f"{cell}_weights.npz",
            mime="application/octet-stream",
            on_click="ignore",
            icon=":material/download:",
            help=t("stepper.download_weights_help"),
            key="sq_dl_weights",
        )


with views:
    state.arrive()
    st.fragment(steps)()
render_safely(downloads)
write_query_params(state.URL_PARAMS)
state.write_url_extras(model_source)
