"""Training lab: train a plain RNN and an LSTM side by side, live, on three small tasks."""

import streamlit as st

from lstm_core.lab.tasks import SINE_WINDOW, TASKS
from lstm_core.lab.train import OPTIMIZERS
from lstm_ui import charts, figure_cache, presenter
from lstm_ui.frame import ensure_navigation_mode
from lstm_ui.lang import current, t
from lstm_ui.safety import render_safely, show_messages
from lstm_ui.url_state import read_query_params, write_query_params
from lstm_viz import training as viz
from pages import training_lab_controller as state

KEEP = "session"  # widget values survive page switches

ensure_navigation_mode()
if st.session_state.pop(state.GO_TO_STEPPER, False):  # set by "Open in the stepper"
    st.switch_page("pages/sequence_stepper.py")

st.title(t("page.training"))
st.markdown(t("training.intro"))
params = state.url_params(state.chosen_task())
messages = read_query_params(state.PAGE, params)

task = st.segmented_control(
    t("training.task"), TASKS, format_func=lambda v: t(f"training.task.{v}"), required=True,
    key="tr_task", on_change=state.on_task_change, persist_state=KEEP,
)  # fmt: skip
params = state.url_params(task)  # the defaults the URL is written against
st.info(t(f"training.shows.{task}"), icon=":material/school:")

controls, views = st.columns([1, 2], gap="large")
with controls:
    with st.expander(t("training.settings"), expanded=True):
        if "tr_T" in state.USES[task]:
            st.slider(t("training.T"), *state.T_RANGE, key="tr_T", persist_state=KEEP,
                      help=t(f"training.T_help.{task}"))  # fmt: skip
        if "tr_noise" in state.USES[task]:
            st.slider(t("training.noise"), *state.NOISE_RANGE, step=0.01, key="tr_noise",
                      persist_state=KEEP, help=t(f"training.noise_help.{task}"))  # fmt: skip
        st.slider(t("training.hidden"), 1, state.MAX_H, key="tr_H", persist_state=KEEP)
        st.segmented_control(
            t("training.optimizer"), OPTIMIZERS, format_func=lambda v: t(f"training.optimizer.{v}"),
            required=True, key="tr_opt", persist_state=KEEP, help=t("training.optimizer_help"),
        )  # fmt: skip
        lr_col, epochs_col = st.columns(2)
        lr_col.number_input(
            t("training.lr"), *state.LR_RANGE, step=0.001, format="%.4f", key="tr_lr",
            persist_state=KEEP,
        )  # fmt: skip
        epochs_col.number_input(
            t("training.epochs"), 1, state.MAX_EPOCHS, step=1, key="tr_epochs",
            persist_state=KEEP, help=t(f"training.epochs_help.{task}"),
        )  # fmt: skip
    with presenter.secondary("training_more"), st.expander(t("training.more")):
        batch_col, clip_col = st.columns(2)
        batch_col.number_input(
            t("training.batch"), 1, state.MAX_BATCH, step=1, key="tr_batch", persist_state=KEEP
        )
        clip_col.number_input(
            t("training.clip"), 0.0, state.MAX_CLIP, step=0.5, format="%.2f", key="tr_clip",
            persist_state=KEEP, help=t("training.clip_help"),
        )  # fmt: skip
        st.slider(t("training.forget_bias"), *state.FB_RANGE, step=0.5, key="tr_fb",
                  persist_state=KEEP, help=t("training.forget_bias_help"))  # fmt: skip
        seed_col, budget_col = st.columns(2)
        seed_col.number_input(
            t("training.seed"), 0, state.MAX_SEED, step=1, key="tr_seed", persist_state=KEEP
        )
        budget_col.number_input(
            t("training.budget"), *state.BUDGET_RANGE, step=5, key="tr_budget",
            persist_state=KEEP, help=t("training.budget_help"),
        )  # fmt: skip
        st.button(
            t("training.reset"), key="tr_reset", on_click=state.reset_settings,
            icon=":material/restart_alt:", help=t("training.reset_help"),
        )  # fmt: skip
    st.button(
        t("training.train"), key="tr_train", type="primary", icon=":material/play_arrow:",
        help=t("training.train_help"), width="stretch", on_click=state.request_training,
    )  # fmt: skip

show_messages(messages)


def render_example(settings: state.Settings, lang: str) -> None:
    """What the task looks like, before anything is trained."""
    s = settings
    figure = figure_cache.training_example(s.task, s.T, s.seed, s.noise, lang, s)
    figure_cache.show(figure, key="tr_example")


def render_results(run: state.LabRun, stale: bool, lang: str) -> None:
    s = run.settings
    if stale:
        st.warning(t("training.stale"), icon=":material/history:")
    st.caption(t("training.result_for", settings=state.settings_summary(s)))
    for kind, model_run in run.runs.items():
        if model_run.stopped != "finished":
            st.warning(
                t(
                    f"training.stopped.{model_run.stopped}", model=viz.MODEL_NAMES[kind],
                    updates=model_run.updates, seconds=f"{model_run.seconds:.1f}",
                ),
                icon=":material/pause_circle:",
            )  # fmt: skip
    for kind, column in zip(state.MODEL_ORDER, st.columns(len(state.MODEL_ORDER)), strict=True):
        model_run = run.runs.get(kind)
        if model_run is None:
            column.metric(viz.MODEL_NAMES[kind], "—")
            continue
        value = f"{model_run.accuracy:.1%}" if s.task == "sign" else f"{model_run.final_loss:.4f}"
        column.metric(
            t(f"training.metric.{s.task}", model=viz.MODEL_NAMES[kind]), value,
            help=t(f"training.metric_help.{s.task}"),
        )  # fmt: skip
        column.caption(
            t(
                "training.metric.detail", updates=model_run.updates,
                seconds=f"{model_run.seconds:.1f}", loss=f"{model_run.final_loss:.4f}",
            )
        )  # fmt: skip
    histories = {kind: r.history for kind, r in run.runs.items()}
    predictions = {kind: r.prediction for kind, r in run.runs.items()}
    st.subheader(t("training.loss_title"))
    charts.show(
        viz.task_loss_figure(s.task, histories, lang, run.baseline),
        key="tr_loss",
    )  # fmt: skip
    st.caption(t(f"training.loss_caption.{s.task}"))
    st.subheader(t(f"training.result_title.{s.task}"))
    figure = viz.task_result_figure(
        s.task, histories, predictions, lang, run.series, run.targets, SINE_WINDOW
    )
    charts.show(figure, key="tr_result")
    st.caption(t(f"training.result_caption.{s.task}"))
    st.markdown("**" + t("training.download_title") + "**")
    for (kind, model_run), column in zip(run.runs.items(), st.columns(2), strict=False):
        column.download_button(
            t("training.download", model=viz.MODEL_NAMES[kind]), data=model_run.npz,
            file_name=f"{s.task}_{kind}.npz", mime="application/octet-stream",
            on_click="ignore", icon=":material/download:", key=f"tr_download_{kind}",
            width="stretch",
        )  # fmt: skip
    st.caption(t("training.download_help"))
    if "lstm" in run.runs:
        st.button(
            t("training.open_stepper"), on_click=state.open_in_stepper, args=(s, run),
            icon=":material/slideshow:", key="tr_open_stepper",
            help=t("training.open_stepper_help"),
        )  # fmt: skip


def render() -> None:
    lang = current()
    settings = state.settings_from_state()
    with views:
        interrupted = state.finish_interrupted()
        if interrupted is not None:
            state.remember(interrupted)
        if state.training_requested():
            run = state.cached_run(settings)
            if run is None:
                stop = st.empty()
                stop.button(t("training.stop"), key="tr_stop", icon=":material/stop:")
                run = state.train_on_page(settings, float(st.session_state["tr_budget"]))
                stop.empty()
                state.share(run)
            else:
                st.toast(t("training.from_cache"), icon=":material/bolt:")
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
