"""A page's settings in the URL, so a teacher can share a link: read once, checked, written back.

Each setting is a `Param` whose key is both the widget's session-state key and the URL name.
`read_query_params` runs at the top of a page, before its widgets: on the page's first run in
a session it puts every usable URL value into session state (numbers out of range are clamped,
malformed values and unknown keys are reported and ignored) and fills in defaults.
`write_query_params` runs at the end and puts every setting that differs from its default back
in the URL (Streamlit clears the URL on a page switch, so each run writes it again).

Streamlit 1.67's own `bind="query-params"` is not used: for options shown through a
`format_func` it puts the translated label in the URL (`?lang=한국어`, not `?lang=ko`), so links
would change with the language, and it drops bad values without a word.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NoReturn

import streamlit as st

from lstm_ui.lang import t

MAX_RAW_LENGTH = 200
# Keys that the app frame itself binds, valid on every page (lstm_ui.lessons binds "lesson" and
# "stop", lstm_ui.widgets "type").
APP_KEYS = frozenset({"lang", "present", "type", "lesson", "stop"})


@dataclass(frozen=True)
class Param:
    """One URL-bound control: its key (widget key and URL name), kind and allowed values.

    kind is "float", "int" or "choice"; lo/hi bound numbers, choices lists the options.
    """

    key: str
    kind: str
    default: object
    lo: float | None = None
    hi: float | None = None
    choices: tuple[str, ...] = ()

    def format(self, value: object) -> str:
        """The URL form of a value."""
        return repr(float(value)) if self.kind == "float" else str(value)

    def parse(self, raw: str) -> tuple[object | None, str | None]:
        """(value to put in session state or None to leave it, message or None)."""
        if len(raw) > MAX_RAW_LENGTH:
            return None, t("input.too_long", name=self.key, length=len(raw), limit=MAX_RAW_LENGTH)
        if self.kind == "choice":
            if raw in self.choices:
                return raw, None
            return None, t(
                "input.not_a_choice",
                name=self.key,
                value=raw,
                choices=", ".join(self.choices),
                kept=self.default,
            )
        try:
            number = float(raw)
        except ValueError:
            return None, t("input.not_a_number", name=self.key, value=raw, kept=self.default)
        if not math.isfinite(number):
            return None, t("input.not_finite", name=self.key, kept=self.default)
        if self.kind == "int" and not number.is_integer():
            return None, t("input.not_an_integer", name=self.key, value=raw, kept=self.default)
        value = int(number) if self.kind == "int" else number
        clamped = min(max(value, self.lo), self.hi)
        if clamped != value:
            message = t(
                "input.clamped", name=self.key, value=raw, lo=self.lo, hi=self.hi, used=clamped
            )
            return clamped, message
        return value, None


def read_query_params(
    page: str, params: Sequence[Param], other_keys: frozenset[str] = frozenset()
) -> list[str]:
    """Put the page's settings in session state: from the URL on the page's first run in this
    session, else defaults where missing. Returns the messages to show about the URL.

    Call it at the top of the page, before the widgets whose keys are `params`' keys.
    `other_keys` are URL keys the page reads itself (e.g. lists of numbers); they are left alone.
    """
    messages = _read_once(page, params, other_keys)
    for param in params:
        if param.key not in st.session_state:
            st.session_state[param.key] = param.default
    return messages


def write_query_params(params: Sequence[Param]) -> None:
    """Put every setting that differs from its default in the URL; remove the others."""
    for param in params:
        value = st.session_state.get(param.key, param.default)
        if value == param.default:
            if param.key in st.query_params:
                del st.query_params[param.key]
        elif st.query_params.get(param.key) != param.format(value):
            st.query_params[param.key] = param.format(value)


def url_checked_flag(page: str) -> str:
    """The session key that says the page's URL was read in this session."""
    return f"_url_checked_{page}"


def forget_page(page: str, prefix: str, keep: frozenset[str] = frozenset()) -> None:
    """Forget what this session holds for a page: every session key that starts with its key
    prefix (e.g. "an_": settings, widgets, weights) or with "_" + prefix, and the flags that
    its URL was read, except the keys in `keep` (a student's work: answers, trained models,
    uploaded files). Its next run is then a first visit, reading its settings from the URL."""
    starts = (url_checked_flag(page), *((prefix, "_" + prefix) if prefix else ()))
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and key.startswith(starts) and key not in keep:
            del st.session_state[key]


def open_page_in_state(
    path: str, page: str, prefix: str, query: dict[str, str], keep: frozenset[str] = frozenset()
) -> NoReturn:
    """Switch to the page at `path` (named `page` in read_query_params, keys starting `prefix`)
    showing what a fresh visit to its link with `query` shows, even if this session had the
    page open before: its session state is forgotten first (but for `keep`, see forget_page).
    The app's own URL keys (language, presenter mode) are kept unless `query` sets them."""
    forget_page(page, prefix, keep)
    kept = {k: v for k, v in st.query_params.to_dict().items() if k in APP_KEYS}
    st.switch_page(path, query_params={**kept, **query})


def _read_once(page: str, params: Sequence[Param], other_keys: frozenset[str]) -> list[str]:
    flag = url_checked_flag(page)
    if st.session_state.get(flag):
        return []
    st.session_state[flag] = True
    by_key = {p.key: p for p in params}
    messages = []
    for key in list(st.query_params.keys()):
        if key in APP_KEYS or key in other_keys:
            continue
        param = by_key.get(key)
        if param is None:
            shown = key if len(key) <= 40 else key[:40] + "…"
            messages.append(t("url.unknown_param", name=shown))
            del st.query_params[key]
            continue
        value, message = param.parse(st.query_params[key])
        if value is not None:
            st.session_state[key] = value
        if message:
            messages.append(message)
    return messages


def encode_floats(values) -> str:
    """A compact, exact URL form of an array: comma-separated shortest round-trip floats."""
    return ",".join(repr(float(v)) for v in values)


def decode_floats(raw: str, count: int, lo: float, hi: float, name: str) -> tuple[list | None, str]:
    """Parse `count` comma-separated finite numbers, clamped to [lo, hi].

    Returns (values, "") when usable, (values, message) when some were clamped, and
    (None, message) when the text cannot be used at all.
    """
    if len(raw) > 40 * count + 40:
        return None, t("input.too_long", name=name, length=len(raw), limit=40 * count + 40)
    parts = raw.split(",")
    if len(parts) != count:
        return None, t("input.wrong_count", name=name, count=len(parts), expected=count)
    values = []
    for part in parts:
        try:
            number = float(part)
        except ValueError:
            return None, t("input.bad_list", name=name, value=part[:20])
        if not math.isfinite(number):
            return None, t("input.bad_list", name=name, value=part[:20])
        values.append(number)
    clamped = [min(max(v, lo), hi) for v in values]
    if clamped != values:
        return clamped, t("input.clamped_list", name=name, lo=lo, hi=hi)
    return values, ""


# The earlier name, kept for pages written against it.
check_query_params = read_query_params
