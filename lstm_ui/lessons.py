"""Lessons in the app: the lesson bar above every page, `?lesson=ID&stop=K` in the URL, and the
sidebar's lesson box (open a lesson, upload one, build one from the pages' states, download it).

A stop is opened the way a student opening its link would see it: the page's session state is
forgotten and the page is switched to with the stop's URL (lstm_ui.url_state.open_page_in_state).
Buttons only ask for a stop (their callbacks set PENDING); the frame opens it at the start of the
next run, because st.switch_page cannot run inside a callback.

Lessons come from the lessons/ folder (read once per server process) and from files uploaded in
this session. Only the folder's lessons can be opened from a link: an upload lives in one session.

This is the one place in lstm_ui that looks up at pages/: a lesson addresses every page's state,
and it must be checked against each page's own URL rules, not against a copy that drifts.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from lstm_ui import navigation, presenter
from lstm_ui.lang import current, t
from lstm_ui.url_state import APP_KEYS, Param, open_page_in_state
from lstm_viz.lessons import (
    MAX_FILE_BYTES,
    Lesson,
    LessonError,
    PageRules,
    Stop,
    Text,
    lesson_id,
    lesson_toml,
    parse_lesson,
)

FOLDER = Path(__file__).resolve().parent.parent / "lessons"
BUILT_IN = "why_lstms_remember"
OPEN = "lesson_open"  # (lesson id, stop index from 0) of the lesson on screen
PENDING = "lesson_pending"  # (lesson id, stop index) to open at the start of the next run
UPLOADED = "lesson_uploaded"  # {id: Lesson} opened from files in this session
DRAFT = "lesson_draft"  # the stops saved so far (a list of Stop)
DRAFT_ID = "my_lesson"
CURRENT_PAGE = "lesson_page"  # url_path of the page the last run showed
CARRIED = "lesson_messages"  # URL messages of the run that switched to a stop
URL_READ = "_lesson_url_read"
# One compact row, so the page's picture keeps its place on a 1280 x 720 projector.
BAR_STYLE = """
<style>
.st-key-lesson_bar [data-testid="stMarkdownContainer"] p { margin-bottom: 0; line-height: 1.4; }
</style>
"""
# A student's work, kept when a stop resets its page: exercise answers, finished training runs
# (shown only for the settings they were trained with), uploaded sequences and weights.
KEPT_WORK = frozenset(
    {"ex_answers", "tr_runs", "sq_csv_last", "sq_csv_seen", "sq_weights_last", "sq_weights_seen"}
)


@dataclass(frozen=True)
class Target:
    """A page a stop can open: its file, its name for url_state, its key prefix, its rules."""

    path: str
    name: str
    prefix: str
    rules: PageRules


def _controller(stem: str):
    """The page's controller module (pages/<stem>_controller.py), or None for a page without
    one (home)."""
    name = f"pages.{stem}_controller"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as err:
        if err.name != name:
            raise
    return None


def _params(module) -> tuple[Param, ...]:
    if module is None:
        return ()
    if hasattr(module, "URL_PARAMS"):
        return tuple(module.URL_PARAMS)
    if hasattr(module, "url_params"):  # the training lab: defaults per task, the same keys
        return tuple(module.url_params("sine"))
    return ()


def targets() -> dict[str, Target]:
    """url_path -> Target for every page in the navigation."""
    found = {}
    for spec in navigation.PAGES:
        stem = Path(spec.path).stem
        module = _controller(stem)
        params = _params(module)
        other = frozenset(getattr(module, "OTHER_KEYS", ()))
        keys = [p.key for p in params] + sorted(other)
        prefix = keys[0].split("_", 1)[0] + "_" if keys else ""
        name = getattr(module, "PAGE", stem)
        found[spec.url_path] = Target(spec.path, name, prefix, PageRules(params, other))
    return found


def page_rules() -> dict[str, PageRules]:
    """url_path -> the page's URL rules, for lstm_viz.lessons.parse_lesson."""
    return {path: target.rules for path, target in targets().items()}


@st.cache_resource(show_spinner=False)
def folder_lessons() -> tuple[dict[str, Lesson], tuple[tuple[str, LessonError], ...]]:
    """The lessons in lessons/ by id (the file stem), and the files that could not be used."""
    rules = page_rules()
    lessons, problems = {}, []
    for path in sorted(FOLDER.glob("*.toml")):
        try:
            lessons[lesson_id(path.name)] = parse_lesson(
                path.read_bytes()[: MAX_FILE_BYTES + 1], rules
            )
        except LessonError as err:
            problems.append((path.name, err))
    return lessons, tuple(problems)


def available() -> dict[str, Lesson]:
    """Every lesson this session can open: the built-in one, the folder's others, then this
    session's uploads."""
    folder = folder_lessons()[0]
    first = {BUILT_IN: folder[BUILT_IN]} if BUILT_IN in folder else {}
    return {**first, **folder, **st.session_state.get(UPLOADED, {})}


# --- the URL and opening stops ------------------------------------------------------------------


def read_url() -> list[str]:
    """On a session's first run take `?lesson=ID&stop=K` (K from 1) from the URL: the stop is
    opened once the pages are known (open_pending_stop). Returns messages about bad values."""
    if st.session_state.get(URL_READ):
        return []
    st.session_state[URL_READ] = True
    raw_id, raw_stop = st.query_params.get("lesson"), st.query_params.get("stop")
    if raw_id is None:
        if raw_stop is None:
            return []
        del st.query_params["stop"]
        return [t("lessons.url.stop_without_lesson")]
    lesson = available().get(raw_id)
    if lesson is None:
        for key in ("lesson", "stop"):
            if key in st.query_params:
                del st.query_params[key]
        return [t("lessons.url.unknown", id=raw_id[:40])]
    messages = []
    k = 1
    if raw_stop is not None:
        value, message = Param("stop", "int", 1, lo=1, hi=len(lesson.stops)).parse(raw_stop)
        k = int(value) if value is not None else 1
        messages += [message] if message else []
    st.session_state[PENDING] = (raw_id, k - 1)
    return messages


def ask_for_stop(lesson: str, index: int) -> None:
    """A button's callback: open stop `index` (from 0) of `lesson` at the start of the next run."""
    st.session_state[PENDING] = (lesson, index)


def close() -> None:
    """The bar's close button."""
    st.session_state.pop(OPEN, None)


def open_pending_stop(page, messages: list[str]) -> None:
    """Call after st.navigation: if a stop was asked for, switch to it (the run ends here, and
    `messages` are shown by the next run); else remember which page is on screen."""
    st.session_state[CURRENT_PAGE] = page.url_path or navigation.PAGES[0].url_path
    pending = st.session_state.pop(PENDING, None)
    if pending is None:
        return
    lesson_name, index = pending
    lesson = available().get(lesson_name)
    if lesson is None or not 0 <= index < len(lesson.stops):
        return
    st.session_state[OPEN] = (lesson_name, index)
    st.session_state[CARRIED] = list(messages)
    stop = lesson.stops[index]
    target = targets()[stop.page]
    query = {**stop.query(), "lesson": lesson_name, "stop": str(index + 1)}
    open_page_in_state(target.path, target.name, target.prefix, query, KEPT_WORK)


def carried_messages() -> list[str]:
    """The URL messages of the run that switched to a stop, once."""
    return st.session_state.pop(CARRIED, [])


def open_lesson() -> tuple[str, Lesson, int] | None:
    """(id, lesson, stop index) of the lesson on screen, if any."""
    opened = st.session_state.get(OPEN)
    if not opened:
        return None
    lesson = available().get(opened[0])
    if lesson is None or not 0 <= opened[1] < len(lesson.stops):
        st.session_state.pop(OPEN, None)
        return None
    return opened[0], lesson, opened[1]


# --- the lesson bar -----------------------------------------------------------------------------


def bar() -> None:
    """The lesson bar: stop k of n, its prompt, previous and next (← and → in presenter mode).
    Also keeps `lesson` and `stop` in the URL, so the link for students carries them."""
    shown = open_lesson()
    if shown is None:
        for key in ("lesson", "stop"):
            if key in st.query_params:
                del st.query_params[key]
        return
    name, lesson, k = shown
    n, lang = len(lesson.stops), current()
    if st.query_params.get("lesson") != name:
        st.query_params["lesson"] = name
    if st.query_params.get("stop") != str(k + 1):
        st.query_params["stop"] = str(k + 1)
    keys = presenter.active()
    st.html(BAR_STYLE)
    with st.container(border=True, key="lesson_bar"):
        prev_col, text_col, tools_col, next_col = st.columns(
            [0.7, 12, 0.7, 0.7], vertical_alignment="center", gap="small"
        )
        prev_col.button(
            "",
            key="lesson_prev",
            icon=":material/arrow_back:",
            help=t("lessons.prev"),
            on_click=ask_for_stop,
            args=(name, k - 1),
            disabled=k == 0,
            shortcut="Left" if keys else None,
        )
        counter = t("lessons.stop_counter", k=k + 1, n=n)
        text_col.markdown(f"**{counter}** · {lesson.stops[k].prompt.get(lang)}")
        with tools_col.popover("", icon=":material/more_vert:"):
            st.markdown(f"**{lesson.title.get(lang)}**")
            st.caption(t("lessons.keys_help"))
            st.button(
                t("lessons.restart"),
                key="lesson_restart",
                icon=":material/restart_alt:",
                help=t("lessons.restart_help"),
                on_click=ask_for_stop,
                args=(name, k),
            )
            st.button(
                t("lessons.close"), key="lesson_close", icon=":material/close:", on_click=close
            )
        next_col.button(
            "",
            key="lesson_next",
            icon=":material/arrow_forward:",
            help=t("lessons.next"),
            on_click=ask_for_stop,
            args=(name, k + 1),
            disabled=k == n - 1,
            shortcut="Right" if keys else None,
        )


# --- the sidebar's lesson box -------------------------------------------------------------------


def sidebar() -> None:
    """Open a lesson, upload one, or build one from the states of the pages."""
    lang = current()
    with st.sidebar.expander(t("lessons.sidebar"), icon=":material/school:"):
        _upload()
        lessons = available()
        chosen = st.selectbox(
            t("lessons.choose"),
            list(lessons),
            format_func=lambda key: lessons[key].title.get(lang),
            key="lesson_choice",
        )
        if chosen is not None:
            st.caption(t("lessons.stops_count", n=len(lessons[chosen].stops)))
            st.button(
                t("lessons.open"),
                key="lesson_start",
                icon=":material/play_arrow:",
                on_click=ask_for_stop,
                args=(chosen, 0),
            )
        for file_name, err in folder_lessons()[1]:
            st.warning(t("lessons.folder_problem", name=file_name) + "\n" + err.text(lang))
        st.divider()
        _builder(lang)


def _upload() -> None:
    file = st.file_uploader(
        t("lessons.upload"),
        type=["toml"],
        key="lesson_file",
        help=t("lessons.upload_help"),
        max_upload_size=1,
    )
    if file is None:
        return
    name = lesson_id(file.name)
    if name in folder_lessons()[0] or name == DRAFT_ID:
        name += "_upload"
    try:
        lesson = parse_lesson(file.getvalue()[: MAX_FILE_BYTES + 1], page_rules())
    except LessonError as err:
        st.warning(t("lessons.bad_file", name=file.name[:60]) + "\n" + err.text(current()))
        return
    uploaded = dict(st.session_state.get(UPLOADED, {}))
    uploaded[name] = lesson
    st.session_state[UPLOADED] = uploaded
    if st.session_state.get("lesson_file_seen") != file.file_id:  # a new file: select it
        st.session_state["lesson_file_seen"] = file.file_id
        st.session_state["lesson_choice"] = name
    n = len(lesson.stops)
    st.caption(t("lessons.uploaded", title=lesson.title.get(current()), n=n))


def _draft_lesson() -> Lesson:
    title = (st.session_state.get("lesson_draft_title") or "").strip()
    title = title or t("lessons.draft_title_default")
    return Lesson(_in_language(title), tuple(st.session_state.get(DRAFT, [])))


def _in_language(text: str) -> Text:
    return Text(ko=text) if current() == "ko" else Text(en=text)


def save_stop() -> None:
    """ "Save this state as a stop": the page on screen with its URL state and the prompt."""
    prompt = (st.session_state.get("lesson_prompt") or "").replace("\r\n", "\n").strip()
    if not prompt:
        st.session_state["lesson_note"] = t("lessons.need_prompt")
        return
    page = st.session_state.get(CURRENT_PAGE, navigation.PAGES[0].url_path)
    state = tuple((k, v) for k, v in st.query_params.to_dict().items() if k not in APP_KEYS)
    stops = [*st.session_state.get(DRAFT, []), Stop(page, state, _in_language(prompt))]
    draft = Lesson(_draft_lesson().title, tuple(stops))
    try:  # what is downloaded must open again: check the file, not just the stop
        parse_lesson(lesson_toml(draft), page_rules())
    except LessonError as err:
        st.session_state["lesson_note"] = err.text(current())
        return
    st.session_state[DRAFT] = stops
    st.session_state["lesson_prompt"] = ""
    st.session_state["lesson_note"] = t("lessons.saved", n=len(stops))


def present_draft() -> None:
    uploaded = dict(st.session_state.get(UPLOADED, {}))
    uploaded[DRAFT_ID] = _draft_lesson()
    st.session_state[UPLOADED] = uploaded
    ask_for_stop(DRAFT_ID, 0)


def clear_draft() -> None:
    st.session_state[DRAFT] = []


def _builder(lang: str) -> None:
    st.markdown("**" + t("lessons.build") + "**")
    st.caption(t("lessons.build_help"))
    st.text_input(t("lessons.draft_title"), key="lesson_draft_title", max_chars=200)
    st.text_area(t("lessons.prompt"), key="lesson_prompt", max_chars=1000, height=90)
    st.button(
        t("lessons.save_stop"),
        key="lesson_save",
        icon=":material/add_location:",
        on_click=save_stop,
    )
    note = st.session_state.pop("lesson_note", None)
    if note:
        st.caption(note)
    draft = st.session_state.get(DRAFT, [])
    if not draft:
        return
    lesson = _draft_lesson()
    st.caption(t("lessons.draft_count", n=len(draft)))
    st.download_button(
        t("lessons.download"),
        data=lesson_toml(lesson, comment=t("lessons.file_comment")).encode("utf-8"),
        file_name=lesson_id(lesson.title.get(lang)) + ".toml",
        mime="application/toml",
        on_click="ignore",
        icon=":material/download:",
        key="lesson_download",
    )
    left, right = st.columns(2)
    left.button(t("lessons.try_draft"), key="lesson_present", on_click=present_draft)
    right.button(t("lessons.clear_draft"), key="lesson_clear", on_click=clear_draft)
