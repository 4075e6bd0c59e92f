"""Lessons: an ordered list of page states, each with a prompt, read from and written to TOML.

A lesson file (UTF-8 TOML, at most MAX_FILE_BYTES)::

    title = { en = 'Why LSTMs remember', ko = 'LSTM은 왜 기억하는가' }

    [[stops]]
    page = 'vanishing_gradients'            # a page's url_path
    state = { gr_scale = 1.5, gr_T = '500' }  # the page's URL keys; the rest keep defaults
    prompt = { en = 'Predict ...', ko = '...' }

Titles and prompts are a table with `en` and/or `ko` (a plain string serves both languages).
`parse_lesson` checks every stop against the pages' own URL rules (passed in as `PageRules`, so
this module stays free of Streamlit) and raises `LessonError` naming the line and the stop of
each problem; nothing else ever escapes it. `lesson_toml` writes a lesson back (literal strings
wherever TOML allows them), and reading what it wrote gives the same lesson.

It lives in lstm_viz beside the UI strings because a lesson is words and page addresses: it never
runs a model, and its error messages are worded from lstm_viz/strings/lessons.toml.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from lstm_viz import i18n

MAX_FILE_BYTES = 64 * 1024
MAX_STOPS = 60
MAX_TEXT_CHARS = 2000  # a title or a prompt, per language
MAX_STATE_KEYS = 40
MAX_VALUE_CHARS = 4000  # the anatomy's weights (an_w) are ~2.5 kB at its largest sizes
MAX_PROBLEMS = 12  # reported per file; more would bury the first ones
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
# Keys the app frame owns, valid on every page (lstm_ui.lessons binds "lesson" and "stop",
# lstm_ui.widgets "type"): a stop cannot set them.
APP_KEYS = frozenset({"lang", "present", "type", "lesson", "stop"})


class ParamLike(Protocol):
    """What validation needs of a page's URL setting (lstm_ui.url_state.Param has it)."""

    key: str
    kind: str  # "int", "float" or "choice"
    lo: float | None
    hi: float | None
    choices: tuple[str, ...]


@dataclass(frozen=True)
class PageRules:
    """A page's URL keys: those checked here (params) and those the page checks itself."""

    params: tuple[ParamLike, ...] = ()
    other_keys: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Text:
    """A text in English and/or Korean (None where missing)."""

    en: str | None = None
    ko: str | None = None

    def get(self, lang: str) -> str:
        """The text in `lang`, else in the other language."""
        first, second = (self.ko, self.en) if lang == "ko" else (self.en, self.ko)
        return first if first is not None else (second or "")


@dataclass(frozen=True)
class Stop:
    """One stop: a page (its url_path), its URL state as (key, URL value) pairs, a prompt."""

    page: str
    state: tuple[tuple[str, str], ...]
    prompt: Text

    def query(self) -> dict[str, str]:
        """The stop's state as URL query parameters."""
        return dict(self.state)


@dataclass(frozen=True)
class Lesson:
    title: Text
    stops: tuple[Stop, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a lesson file: a UI string key and its fields, where it is."""

    key: str
    line: int | None = None
    stop: int | None = None  # 1-based
    fields: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str) -> str:
        fields = dict(self.fields)
        if "what" in fields:  # "title" or "prompt", worded in the language
            fields["what"] = i18n.t(f"lessons.what.{fields['what']}", lang)
        message = i18n.t(f"lessons.problem.{self.key}", lang, **fields)
        if self.line is not None and self.stop is not None:
            where = i18n.t("lessons.where.line_stop", lang, line=self.line, stop=self.stop)
        elif self.line is not None:
            where = i18n.t("lessons.where.line", lang, line=self.line)
        elif self.stop is not None:
            where = i18n.t("lessons.where.stop", lang, stop=self.stop)
        else:
            return message
        return f"{where}: {message}"


class LessonError(ValueError):
    """A lesson file that cannot be used; `problems` says why and where."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__(problems)
        self.problems = problems

    def text(self, lang: str) -> str:
        return "\n".join("- " + p.text(lang) for p in self.problems)

    def __str__(self) -> str:
        return self.text(i18n.DEFAULT_LANGUAGE)


def _fields(**values: object) -> tuple[tuple[str, str], ...]:
    return tuple((k, _short(str(v))) for k, v in values.items())


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"


# --- reading ------------------------------------------------------------------------------------


def parse_lesson(data: bytes | str, pages: Mapping[str, PageRules]) -> Lesson:
    """The lesson in `data` (a TOML file's bytes or text), checked against `pages` (url_path ->
    its rules). Raises LessonError, and only LessonError, when the file cannot be used."""
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise LessonError(
                (Problem("too_big", fields=_fields(size=len(data), limit=MAX_FILE_BYTES)),)
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise LessonError((Problem("not_utf8", fields=_fields(at=err.start)),)) from None
    else:
        text = data
        if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
            raise LessonError(
                (Problem("too_big", fields=_fields(size=len(text), limit=MAX_FILE_BYTES)),)
            )
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"line (\d+)", str(err))
        reason = re.sub(r"\s*\(at .*\)$", "", str(err))
        line = int(found.group(1)) if found else None
        raise LessonError(
            (Problem("not_toml", line=line, fields=_fields(reason=reason)),)
        ) from None
    except (RecursionError, ValueError, TypeError) as err:  # nesting deeper than tomllib's stack
        raise LessonError(
            (Problem("not_toml", fields=_fields(reason=type(err).__name__)),)
        ) from None
    return _check(table, _Lines(text), pages)


class _Lines:
    """Finds the line of a stop's header and of a key within a stop, for messages (best effort:
    stops written as an inline array have no header, and then only the stop is named)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers = [
            n for n, line in enumerate(self.lines, 1) if re.match(r"\s*\[\[\s*stops\s*\]\]", line)
        ]

    def stop(self, index: int) -> int | None:
        return self.headers[index] if index < len(self.headers) else None

    def key(self, index: int, key: str) -> int | None:
        start = self.stop(index)
        if start is None:
            return None
        end = self.headers[index + 1] if index + 1 < len(self.headers) else len(self.lines) + 1
        pattern = re.compile(r"(^|[\s{,.])" + re.escape(key) + r"\s*=")
        for n in range(start, end):
            if pattern.search(self.lines[n - 1]):
                return n
        return start

    def top(self, key: str) -> int | None:
        pattern = re.compile(r"^\s*" + re.escape(key) + r"\s*[=.]|^\s*\[\s*" + re.escape(key))
        for n, line in enumerate(self.lines, 1):
            if pattern.search(line):
                return n
        return None


def _check(table: dict, lines: _Lines, pages: Mapping[str, PageRules]) -> Lesson:
    problems: list[Problem] = []
    for key in table:
        if key not in ("title", "stops"):
            problems.append(Problem("unknown_top_key", lines.top(key), fields=_fields(key=key)))
    title = _text(table.get("title"), "title", lines.top("title"), None, problems)
    stops_raw = table.get("stops")
    stops: list[Stop] = []
    if not isinstance(stops_raw, list) or not stops_raw:
        problems.append(Problem("no_stops", lines.top("stops")))
    elif len(stops_raw) > MAX_STOPS:
        problems.append(
            Problem("too_many_stops", fields=_fields(count=len(stops_raw), limit=MAX_STOPS))
        )
    else:
        for index, raw in enumerate(stops_raw):
            stop = _stop(raw, index, lines, pages, problems)
            if stop is not None:
                stops.append(stop)
    if problems:
        raise LessonError(tuple(problems[:MAX_PROBLEMS]))
    assert title is not None
    return Lesson(title, tuple(stops))


def _text(
    raw: object, what: str, line: int | None, stop: int | None, problems: list
) -> Text | None:
    if raw is None:
        problems.append(Problem(f"missing_{what}", line, stop))
        return None
    if isinstance(raw, str):
        raw = {"en": raw, "ko": raw}
    if not isinstance(raw, dict):
        problems.append(Problem("bad_text", line, stop, _fields(what=what)))
        return None
    texts = {}
    for lang, value in raw.items():
        if lang not in i18n.LANGUAGES:
            problems.append(Problem("bad_language", line, stop, _fields(what=what, lang=lang)))
        elif not isinstance(value, str) or not value.strip():
            problems.append(Problem("bad_text", line, stop, _fields(what=what)))
        elif len(value) > MAX_TEXT_CHARS:
            problems.append(
                Problem("text_too_long", line, stop, _fields(what=what, limit=MAX_TEXT_CHARS))
            )
        else:
            texts[lang] = value
    if not raw:
        problems.append(Problem(f"missing_{what}", line, stop))
    return Text(**texts) if texts and len(texts) == len(raw) else None


def _stop(
    raw: object, index: int, lines: _Lines, pages: Mapping[str, PageRules], problems: list
) -> Stop | None:
    number = index + 1
    where = lines.stop(index)
    if not isinstance(raw, dict):
        problems.append(Problem("stop_not_table", where, number))
        return None
    before = len(problems)
    for key in raw:
        if key not in ("page", "state", "prompt"):
            problems.append(
                Problem("unknown_stop_key", lines.key(index, key), number, _fields(key=key))
            )
    page = raw.get("page")
    rules = None
    if not isinstance(page, str):
        problems.append(Problem("missing_page", lines.key(index, "page"), number))
    elif page not in pages:
        problems.append(
            Problem(
                "unknown_page",
                lines.key(index, "page"),
                number,
                _fields(page=page, pages=", ".join(pages)),
            )
        )
    else:
        rules = pages[page]
    prompt = _text(raw.get("prompt"), "prompt", lines.key(index, "prompt"), number, problems)
    state_raw = raw.get("state", {})
    state: list[tuple[str, str]] = []
    if not isinstance(state_raw, dict):
        problems.append(Problem("state_not_table", lines.key(index, "state"), number))
    elif len(state_raw) > MAX_STATE_KEYS:
        problems.append(
            Problem(
                "too_many_keys", lines.key(index, "state"), number, _fields(limit=MAX_STATE_KEYS)
            )
        )
    elif rules is not None:
        for key, value in state_raw.items():
            problem = _check_value(key, value, page, rules)
            if problem is None:
                state.append((key, _url_value(value)))
            else:
                name, values = problem
                problems.append(
                    Problem(name, lines.key(index, key), number, _fields(key=key, **values))
                )
    if len(problems) > before or rules is None or prompt is None:
        return None
    return Stop(page, tuple(state), prompt)


def _url_value(value: object) -> str:
    """The URL form of a TOML value (as lstm_ui.url_state.Param.format writes numbers)."""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _check_value(key: str, value: object, page: str, rules: PageRules) -> tuple[str, dict] | None:
    """None if `value` is usable for `key` on the page, else (problem key, its fields)."""
    if key in APP_KEYS:
        return "app_key", {}
    by_key = {p.key: p for p in rules.params}
    if key not in by_key and key not in rules.other_keys:
        known = [p.key for p in rules.params] + sorted(rules.other_keys)
        return "unknown_key", {"page": page, "known": ", ".join(known) or "—"}
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return "bad_type", {"kind": type(value).__name__}
    raw = _url_value(value)
    if len(raw) > MAX_VALUE_CHARS:
        return "value_too_long", {"limit": MAX_VALUE_CHARS}
    param = by_key.get(key)
    if param is None:
        return None  # the page checks its own lists and texts when it opens
    if param.kind == "choice":
        if raw in param.choices:
            return None
        return "not_a_choice", {"value": raw, "choices": ", ".join(param.choices)}
    try:
        number = float(raw)
    except ValueError:
        return "not_a_number", {"value": raw}
    if not math.isfinite(number):
        return "not_a_number", {"value": raw}
    if param.kind == "int" and not number.is_integer():
        return "not_an_integer", {"value": raw}
    if not param.lo <= number <= param.hi:
        return "out_of_range", {"value": raw, "lo": _num(param.lo), "hi": _num(param.hi)}
    return None


def _num(x: float | None) -> str:
    return (
        "—" if x is None else (str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else repr(x))
    )


# --- writing ------------------------------------------------------------------------------------


def lesson_toml(lesson: Lesson, comment: str = "") -> str:
    """The lesson as a TOML file that parse_lesson reads back to the same lesson."""
    out = []
    if comment:
        out += ["# " + line for line in comment.splitlines()] + [""]
    out.append("title = " + _text_toml(lesson.title))
    for stop in lesson.stops:
        out += ["", "[[stops]]", "page = " + _string(stop.page)]
        pairs = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in stop.state)
        out.append("state = { " + pairs + " }" if pairs else "state = {}")
        out.append("prompt = " + _text_toml(stop.prompt))
    return "\n".join(out) + "\n"


def _text_toml(text: Text) -> str:
    parts = [
        f"{lang} = {_string(value)}"
        for lang, value in (("en", text.en), ("ko", text.ko))
        if value is not None
    ]
    return "{ " + ", ".join(parts) + " }"


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _basic(key)


def _value(raw: str) -> str:
    """A URL value: a bare TOML number when it reads back to the same text, else a string."""
    if re.fullmatch(r"-?[0-9][0-9eE.+-]*", raw):
        try:
            parsed = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            parsed = None
        if parsed is not None and not isinstance(parsed, bool) and _url_value(parsed) == raw:
            return raw
    return _string(raw)


_NEEDS_BASIC = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_NEEDS_BASIC_MULTILINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _string(value: str) -> str:
    """A TOML string for `value`: literal ('…', or '''…''' across lines) wherever TOML allows
    it, else a basic string with escapes."""
    if "'" not in value and not _NEEDS_BASIC.search(value):
        return f"'{value}'"
    if "'''" not in value and not value.endswith("'") and not _NEEDS_BASIC_MULTILINE.search(value):
        # A newline right after the opening quotes is dropped by TOML, so one is always written.
        return f"'''\n{value}'''"
    return _basic(value)


def _basic(value: str) -> str:
    escaped = []
    for ch in value:
        if ch in '"\\':
            escaped.append("\\" + ch)
        elif ch == "\n":
            escaped.append("\\n")
        elif ch == "\t":
            escaped.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            escaped.append(f"\\u{ord(ch):04x}")
        else:
            escaped.append(ch)
    return '"' + "".join(escaped) + '"'


def lesson_id(name: str) -> str:
    """A lesson's id (its name in `?lesson=`) from a file name: the stem, lower case, with
    anything but letters, digits, - and _ replaced by _."""
    stem = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = stem[: -len(".toml")] if stem.lower().endswith(".toml") else stem
    cleaned = re.sub(r"[^a-z0-9_-]+", "_", stem.lower()).strip("_-")[:60]
    return cleaned or "lesson"
