"""The app's pages in teaching order: file, title, icon, URL path and a one-line blurb."""

from dataclasses import dataclass

import streamlit as st

from lstm_ui.lang import t


@dataclass(frozen=True)
class PageSpec:
    path: str
    title_key: str
    icon: str
    url_path: str
    blurb_key: str


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/home.py", "page.home", ":material/home:", "home", "home.blurb"),
    PageSpec(
        "pages/gate_anatomy.py",
        "page.anatomy",
        ":material/biotech:",
        "gate_anatomy",
        "anatomy.blurb",
    ),
    PageSpec(
        "pages/sequence_stepper.py",
        "page.stepper",
        ":material/slideshow:",
        "sequence_stepper",
        "stepper.blurb",
    ),
    PageSpec(
        "pages/vanishing_gradients.py",
        "page.gradients",
        ":material/trending_down:",
        "vanishing_gradients",
        "gradients.blurb",
    ),
    PageSpec(
        "pages/backprop.py",
        "page.backprop",
        ":material/undo:",
        "backprop",
        "backprop.blurb",
    ),
    PageSpec(
        "pages/training_lab.py",
        "page.training",
        ":material/model_training:",
        "training_lab",
        "training.blurb",
    ),
    PageSpec(
        "pages/exercises.py",
        "page.exercises",
        ":material/quiz:",
        "exercises",
        "exercises.blurb",
    ),
    PageSpec(
        "pages/misconceptions.py",
        "page.misconceptions",
        ":material/psychology_alt:",
        "misconceptions",
        "misconceptions.blurb",
    ),
)


def build_pages() -> list:
    """The `st.Page` objects for `st.navigation`, titled in the current language."""
    return [
        st.Page(
            spec.path,
            title=t(spec.title_key),
            icon=spec.icon,
            url_path=spec.url_path,
            default=(i == 0),
        )
        for i, spec in enumerate(PAGES)
    ]


_SHOWN = "_page_shown"  # session key: the url_path of the page the last full run showed
_BEFORE = "_page_before"  # ... and of the one the full run before it showed


def note_page(page) -> None:
    """Called by the frame on every full run with the page st.navigation chose: remember it, so
    that a page can tell whether the student just arrived from another page (arrived)."""
    st.session_state[_BEFORE] = st.session_state.get(_SHOWN)
    st.session_state[_SHOWN] = page.url_path


def arrived() -> bool:
    """Whether this full run opens the page the student was not on in the full run before (a
    page switch, or the session's first run)."""
    return st.session_state.get(_BEFORE) != st.session_state.get(_SHOWN)
