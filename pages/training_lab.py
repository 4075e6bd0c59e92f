"""Training lab: train a plain RNN and an LSTM side by side, live, on three small tasks."""

import pandas as pd
import streamlit as st

from lstm_core.lab.lab_runs import MODEL_ORDER, LabRun, Settings
from lstm_core.lab.tasks import TASKS
from lstm_ui import charts, presenter
from lstm_ui.frame import ensure_navigation_mode
from lstm_ui.lang import current, t
from lstm_ui.layout import compact_row, controls_and_pictures, last_on_phone, lead_on_phone
from lstm_ui.safety import render_safely, show_messages
from lstm_ui.url_state import read_query_params, write_query_params
from lstm_ui.widgets import choice
from lstm_viz import training as viz
from lstm_viz.summaries import stocks_summary, training_loss_summary, training_result_summary
from pages import training_lab_controller as state

ensure_navigation_mode()
if st.session_state.pop(state.GO_TO_STEPPER, False):  # set by "Open in the stepper"
    st.switch_page("pages/sequence_stepper.py")
if st.session_state.pop(state.GO_TO_BACKPROP, False):  # set by "Open in backprop"
    st.switch_page("pages/backprop.py")

st.title(t("page.training"))
with presenter.secondary("training_intro"):  # the teacher says it; the class sees the curves
    st.markdown(t("training.intro"))
params = state.url_params(state.chosen_task())
messages = read_query_params(state.PAGE, params)

task = choice(
    t("training.task"), TASKS, key="tr_task", labels="training.task", on_change=state.on_task_change
)
params = state.url_params(task)  # the defaults the URL is written against
# What the task shows: above the pictures; on a phone at the end of the page, and on the
# projector right under the pictures (300 px tall there, it left 18 px of the example on the
# 720 px screen), so the example and the curves come first.
shows = st.container(key="training_shows") if not presenter.active() else None
last_on_phone("training_shows")

controls, views = controls_and_pictures("training")
if shows is None:
    shows = st.container(key="training_shows")
shows.info(t(f"training.shows.{task}"), icon=":material/school:")
lead_on_phone("training", "tr_train")  # Train right above the curves it draws
with controls:
    state.settings_controls(task)

show_messages(messages)


def render_example(settings: Settings, lang: str) -> None:
    """What the task looks like, before anything is trained."""
    charts.show(state.example_figure(settings.normalized(), lang), key="tr_example")


def render_results(run: LabRun, stale: bool, lang: str) -> None:
    s = run.settings
    if stale:
        st.warning(t("training.stale"), icon=":material/history:")
    st.caption(t("training.result_for", settings=state.settings_summary(s)))
    for kind, model_run in run.runs.items():
        if model_run.stopped != "finished":
            st.warning(
                t(
                    f"training.stopped.{model_run.stopped}",
                    model=viz.MODEL_NAMES[kind],
                    updates=model_run.updates,
                    seconds=f"{model_run.seconds:.1f}",
                ),
                icon=":material/pause_circle:",
            )
    metric_columns = compact_row("training_metrics", len(MODEL_ORDER))  # one row on a phone too
    for kind, column in zip(MODEL_ORDER, metric_columns, strict=True):
        model_run = run.runs.get(kind)
        if model_run is None:
            column.metric(viz.MODEL_NAMES[kind], "—")
            continue
        value = f"{model_run.accuracy:.1%}" if s.task == "sign" else f"{model_run.final_loss:.4f}"
        column.metric(
            t(f"training.metric.{s.task}", model=viz.MODEL_NAMES[kind]),
            value,
            help=t(f"training.metric_help.{s.task}"),
        )
        column.caption(
            t(
                "training.metric.detail",
                updates=model_run.updates,
                seconds=f"{model_run.seconds:.1f}",
                loss=f"{model_run.final_loss:.4f}",
            )
        )
    loss, result = state.result_figures(run, lang)
    st.subheader(t("training.loss_title"))
    charts.show(loss, key="tr_loss", summary=training_loss_summary(run, lang))
    st.caption(t(f"training.loss_caption.{s.task}"))
    st.subheader(t(f"training.result_title.{s.task}"))
    charts.show(result, key="tr_result", summary=training_result_summary(run, lang))
    st.caption(t(f"training.result_caption.{s.task}"))
    st.markdown("**" + t("training.download_title") + "**")
    for (kind, file_name, data), column in zip(state.downloads(run), st.columns(2), strict=False):
        column.download_button(
            t("training.download", model=viz.MODEL_NAMES[kind]),
            data=data,
            file_name=file_name,
            mime="application/octet-stream",
            on_click="ignore",
            icon=":material/download:",
            key=f"tr_download_{kind}",
            width="stretch",
        )
    st.caption(t("training.download_help"))
    if "lstm" in run.runs:
        st.button(
            t("training.open_stepper"),
            on_click=state.open_in_stepper,
            args=(s, run),
            icon=":material/slideshow:",
            key="tr_open_stepper",
            help=t("training.open_stepper_help"),
        )
        st.button(
            t("backprop.open_from_training"),
            on_click=state.open_in_backprop,
            args=(s, run),
            icon=":material/undo:",
            key="tr_open_backprop",
            help=t("backprop.open_from_training_help"),
        )


def render() -> None:
    lang = current()
    settings = state.settings_from_state()
    with views:
        interrupted = state.finish_interrupted()
        if interrupted is not None:
            state.remember(interrupted)
        if state.training_requested():
            stop = st.empty()
            stop.button(t("training.stop"), key="tr_stop", icon=":material/stop:")
            run = state.train_on_page(settings, float(st.session_state["tr_budget"]))
            stop.empty()
            if run is not None:
                state.remember(run)
        run, stale = state.shown_run(settings)
        if run is None:
            st.subheader(t("training.example_title"))
            render_example(settings, lang)
            st.caption(t("training.press_train"))
        else:
            render_results(run, stale, lang)


def render_zoo() -> None:
    """Which cell solves it: the precomputed table, Greff's claims, one entry rerun live."""
    lang = current()
    st.divider()
    st.header(t("training.zoo.title"))
    st.markdown(t("training.zoo.intro"))
    view = state.zoo_view(lang)
    if view is None:
        st.warning(t("training.zoo.missing"))
    else:
        st.dataframe(view.overview)
        st.caption(t("training.zoo.criteria"))
        st.caption(
            t(
                "training.zoo.caption",
                created=view.created,
                machine=view.machine,
                cpu=f"{view.cpu_seconds:.0f}",
            )
        )
        with st.expander(t("training.zoo.details")):
            st.dataframe(view.details, hide_index=True)
        st.subheader(t("training.zoo.greff_title"))
        for sentence in view.greff:
            st.markdown("- " + sentence)
        st.caption(t("training.zoo.greff_rule") + " " + t("training.zoo.greff_note"))
    st.subheader(t("training.zoo.rerun_title"))
    st.caption(t("training.zoo.rerun_intro", cap=f"{state.ZOO_TIME_CAP:.0f}"))
    state.zoo_controls()
    result = state.zoo_run_on_page()
    if result is not None:
        budget = state.zoo_budget(result.task)
        st.info(viz.zoo_run_sentence(result, budget, lang), icon=":material/science:")
        shipped = view.results.get((result.cell, result.task, result.seed)) if view else None
        if shipped is not None:
            sentence = viz.zoo_run_sentence(shipped, budget, lang)
            st.caption(t("training.zoo.table_says", sentence=sentence))


def render_live_row(view: state.PapersView) -> None:
    """Run one seed of a quick row here, in the job board's workers."""
    st.markdown("**" + t("training.papers.live_title") + "**")
    row_col, seed_col = st.columns([3, 1])
    key = row_col.selectbox(
        t("training.papers.live_row"), list(view.live), format_func=view.live.get, key="tr_prow"
    )
    seed = seed_col.number_input(t("training.papers.live_seed"), 0, 999, 0, key="tr_pseed")
    st.button(
        t("training.papers.live_run"),
        key="tr_prun",
        icon=":material/play_arrow:",
        on_click=state.request_row_run,
        args=(key, int(seed)),
    )
    request = st.session_state.pop(state.ROW_REQUEST, None)
    if request is not None:
        result = state.run_row_here(*request)
        if result is not None:
            st.session_state[state.ROW_RESULT] = result
    result = st.session_state.get(state.ROW_RESULT)
    if result is not None:
        st.info(state.live_result_sentence(result), icon=":material/science:")


def render_papers() -> None:
    """The papers' tasks (precomputed) and the real series, each in its own expander."""
    lang = current()
    view = state.papers_view(lang)
    with st.expander(t("training.papers.title"), icon=":material/menu_book:"):
        if view.error is not None:
            st.warning(t("training.papers.missing", error=view.error))
            return
        st.markdown(t("training.papers.intro"))
        st.dataframe(pd.DataFrame(view.records), hide_index=True, width="stretch")
        st.caption(view.measured + " " + t("training.papers.note"))
        render_live_row(view)
    with st.expander(t("training.stocks.title"), icon=":material/show_chart:"):
        st.markdown(t("training.stocks.intro"))
        for sentence in view.stock_verdicts:
            st.markdown(":material/lightbulb: " + sentence)
        # The chart is drawn on request: it stays out of the page's payload until wanted.
        if st.toggle(t("training.stocks.show"), key="tr_stocks_chart"):
            company = st.selectbox(t("training.stocks.company"), view.companies, key="tr_stock")
            for (label, value), column in zip(
                view.stock_metrics, st.columns(len(view.stock_metrics)), strict=True
            ):
                column.metric(label, value)
            charts.show(
                state.stocks_figure(company, lang),
                key="tr_stocks",
                summary=stocks_summary(company, view.stock_verdicts, lang),
            )
            st.caption(t("training.stocks.caption", setting=view.stocks_setting))


render_safely(render)
render_safely(render_papers)
render_safely(render_zoo)
write_query_params(params)
