"""Exercises: predict, then reveal. A seeded set of short tasks answered by the model itself."""

import streamlit as st

from lstm_ui import charts, navigation, presenter
from lstm_ui.frame import ensure_navigation_mode
from lstm_ui.lang import current, t
from lstm_ui.layout import controls_and_pictures
from lstm_ui.safety import render_safely, show_messages
from lstm_ui.url_state import read_query_params, write_query_params
from lstm_ui.widgets import KEEP
from lstm_viz import exercises as viz
from lstm_viz.cell_diagram import lstm_cell_diagram
from lstm_viz.equations import LSTM_EQUATIONS
from lstm_viz.summaries import exercise_summary
from pages import exercises_controller as state

MORE = {  # where each kind can be tried freely
    "cell_update": "pages/gate_anatomy.py",
    "hidden_output": "pages/gate_anatomy.py",
    "keep_memory": "pages/gate_anatomy.py",
    "pulse_decay": "pages/sequence_stepper.py",
    "which_gradient": "pages/vanishing_gradients.py",
}

ensure_navigation_mode()

st.title(t("page.exercises"))
with presenter.secondary("exercise_intro"):  # the teacher says it; the class sees the exercise
    st.markdown(t("exercises.intro"))
show_messages(read_query_params(state.PAGE, state.URL_PARAMS))
lang = current()

with presenter.secondary("exercise_set"):
    set_col, number_col, score_col = st.columns(3)
    set_col.number_input(
        t("exercises.seed"),
        0,
        state.core.MAX_SEED,
        step=1,
        key="ex_seed",
        help=t("exercises.seed_help"),
        persist_state=KEEP,
    )
    number_col.number_input(
        t("exercises.number"),
        1,
        state.core.MAX_NUMBER,
        step=1,
        key="ex_n",
        persist_state=KEEP,
    )
seed, number = int(st.session_state["ex_seed"]), int(st.session_state["ex_n"])
right, answered_count = state.score(seed)
score_col.metric(
    t("exercises.score"), t("exercises.score_value", right=right, answered=answered_count)
)


def render() -> None:
    ex = state.exercise(seed, number)
    result = state.answered(seed, number)
    key = state.answer_key(seed, number)
    st.subheader(t("exercises.heading", number=number, kind=t(f"exercises.kind.{ex.kind}")))
    st.markdown(viz.question(ex, lang))
    # Answer beside the picture; on a phone the picture (the curves to choose from, then the
    # model's working) comes right under the question, above the answer buttons.
    ask, show = controls_and_pictures("exercises", (1, 1))
    with ask:
        if result is None:
            answer_form(ex, key)
        else:
            frozen_answer(ex, result["response"])
        if st.session_state.pop(state.MISSING, False):
            st.info(t("exercises.need_answer"), icon=":material/edit:")
        if result is not None:
            verdict = state.core.check(ex, result["response"])
            box = st.success if verdict.correct else st.warning
            box(viz.verdict_text(ex, verdict, result["response"], lang), icon=":material/school:")
            gap = viz.gap_explanation(ex, verdict, result["response"], lang)
            if gap:
                st.markdown(":material/lightbulb: " + gap)
        st.button(
            t("exercises.new"),
            on_click=state.next_exercise,
            icon=":material/arrow_forward:",
            key="ex_next",
            type="secondary" if result is None else "primary",
        )
    with show:
        if result is None:
            reference(ex)
        else:
            working(ex)


def answer_form(ex, key: str) -> None:
    """The response field and the Check button; Enter in the field checks too."""
    with st.form(f"ex_form_{seed}_{number}", border=False):
        if ex.choices:
            st.radio(
                t("exercises.your_choice"),
                ex.choices,
                index=None,
                key=key,
                format_func=lambda k: viz.choice_label(k, lang),
            )
        elif ex.kind == "pulse_decay":
            st.number_input(t("exercises.your_step"), 1, 999, value=None, step=1, key=key)
        else:
            st.number_input(
                t("exercises.your_number"),
                -10.0,
                10.0,
                value=None,
                step=0.01,
                format="%.2f",
                key=key,
                help=t("exercises.tolerance", tolerance=ex.tolerance),
            )
        st.form_submit_button(
            t("exercises.check"),
            on_click=state.submit,
            args=(seed, number),
            type="primary",
            icon=":material/check:",
        )


def frozen_answer(ex, response) -> None:
    """The checked answer, shown but no longer editable (one answer per exercise counts).
    Keyed per exercise: a keyed widget keeps its value, so a shared key would show the answer
    to another exercise after going back."""
    key = f"ex_frozen_{seed}_{number}"
    if ex.choices:
        st.radio(
            t("exercises.your_choice"),
            ex.choices,
            index=ex.choices.index(response),
            format_func=lambda k: viz.choice_label(k, lang),
            disabled=True,
            key=key,
        )
    else:
        label = "exercises.your_step" if ex.kind == "pulse_decay" else "exercises.your_number"
        shown = str(int(response)) if ex.kind == "pulse_decay" else f"{response:.2f}"
        st.text_input(t(label), shown, disabled=True, key=key)


def reference(ex) -> None:
    """Before the answer: the equations a student needs (and the curves to choose from)."""
    if ex.kind == "which_gradient":
        charts.show(viz.gradient_figure(ex, lang, revealed=False), key="ex_fig")
        return
    st.subheader(t("exercises.reference"))
    for line in LSTM_EQUATIONS:
        charts.show_equation(line)


def working(ex) -> None:
    """After the answer: the model's numbers, its diagram or chart, and where to try more."""
    with presenter.secondary("exercise_working_title"):  # on a projector the chart needs the height
        st.subheader(t("exercises.working"))
    if ex.kind in ("cell_update", "hidden_output"):
        for line in viz.working_equations(ex):
            charts.show_equation(line)
        st.caption(viz.gates_from_biases(ex, lang))
        x, h_prev, c_prev = [0.0], [0.0], [ex.given["c_prev"]]
        figure = lstm_cell_diagram(x, h_prev, c_prev, ex.step, unit=0, lang=lang)
    elif ex.kind == "keep_memory":
        figure = viz.memory_figure(ex, lang)
    elif ex.kind == "pulse_decay":
        for line in viz.working_equations(ex):
            charts.show_equation(line)
        figure = viz.pulse_figure(ex, lang)
    else:
        figure = viz.gradient_figure(ex, lang, revealed=True)
    charts.show(figure, key="ex_fig", summary=exercise_summary(ex, lang))
    text = viz.reveal_text(ex, lang)
    if text:
        st.markdown(text)
    spec = next(spec for spec in navigation.PAGES if spec.path == MORE[ex.kind])
    label = t("exercises.more_on_page", page=t(spec.title_key))
    st.page_link(spec.path, label=label, icon=":material/science:")


render_safely(render)
write_query_params(state.URL_PARAMS)
