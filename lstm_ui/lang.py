"""The current UI language: chosen in the sidebar, kept in the URL as `?lang=en|ko`."""

import streamlit as st

from lstm_viz import i18n

KEY = "lang"


def read_language() -> list[str]:
    """On a session's first run take the language from `?lang=`; return messages to show.

    An unknown value is reported and English is used.
    """
    if KEY in st.session_state:
        return []
    raw = st.query_params.get(KEY)
    if raw is None or raw in i18n.LANGUAGES:
        st.session_state[KEY] = raw or i18n.DEFAULT_LANGUAGE
        return []
    st.session_state[KEY] = i18n.DEFAULT_LANGUAGE
    return [i18n.t("url.bad_language", i18n.DEFAULT_LANGUAGE, value=raw[:40])]


def current() -> str:
    """The language code of this session ("en" or "ko")."""
    lang = st.session_state.get(KEY)
    return lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def t(key: str, /, **values: object) -> str:
    """The UI string `key` in the session's language."""
    return i18n.t(key, current(), **values)


def language_switch() -> None:
    """The sidebar's English / 한국어 switch; `?lang=` in the URL follows it."""
    st.sidebar.segmented_control(
        ":material/translate: Language · 언어",
        options=i18n.LANGUAGES,
        format_func=i18n.LANGUAGE_NAMES.__getitem__,
        required=True,
        key=KEY,
    )
    # Written on every run: Streamlit clears the URL's query when the page changes.
    if st.query_params.get(KEY) != current():
        st.query_params[KEY] = current()
