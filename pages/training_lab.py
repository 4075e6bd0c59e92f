"""Training lab: train a plain RNN and an LSTM side by side, live, on three small tasks."""

import streamlit as st

from lstm_core.lab.lab_runs import MODEL_ORDER, LabRun, Settings
from lstm_core.lab.tasks import TASKS
from lstm_ui import charts
from lstm_ui.frame import ensure_navigation_mode
from lstm_ui.lang import current, t
from lstm_ui.layout import controls_and_pictures
from lstm_ui.safety import render_safely, show_messages
from lstm_ui.url_state import read_query_params, write_query_params
from lstm_ui.widgets import choice
from lstm_viz import training as viz
from pages import training_lab_controller as state

ensure_navigation_mode()
if st.session_state.pop(state.GO_TO_STEPPER, False):  # set by "Open in the stepper"
    st.switch_page("pages/sequence_stepper.py")

st.title(t("page.training"))
st.markdown(t("training.intro"))
params = state.url_params(state.chosen_task())
messages = read_query_params(state.PAGE, params)

task = choice(
    t("training.task"), TASKS, key="tr_task", labels="training.task", on_change=state.on_task_change
)
params = state.url_params(task)  # the defaults the URL is written against
st.info(t(f"training.shows.{task}"), icon=":material/school:")

controls, views = controls_and_pictures("training")
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
    for kind, column in zip(MODEL_ORDER, st.columns(len(MODEL_ORDER)), strict=True):
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
    charts.show(loss, key="tr_loss")
    st.caption(t(f"training.loss_caption.{s.task}"))
    st.subheader(t(f"training.result_title.{s.task}"))
    charts.show(result, key="tr_result")
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


render_safely(render)
write_query_params(params)
