"""The one table of UI strings (key -> {"en": ..., "ko": ...}) and a lookup helper.

Each page keeps its strings in a module of `lstm_viz.strings` (a dict named STRINGS); every
module there is merged here into `STRINGS`, and a key may appear in only one of them.
No Streamlit here: the current language is passed in (`lstm_ui.lang` supplies it on the pages).
"""

import importlib
import pkgutil

from lstm_viz import strings

LANGUAGES: tuple[str, ...] = ("en", "ko")
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "ko": "한국어"}
DEFAULT_LANGUAGE = "en"


def _merge(*tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for table in tables:
        clash = merged.keys() & table.keys()
        if clash:
            raise ValueError(f"UI string keys defined twice: {sorted(clash)}")
        merged.update(table)
    return merged


def _string_modules() -> list[dict[str, dict[str, str]]]:
    names = sorted(m.name for m in pkgutil.iter_modules(strings.__path__))
    return [importlib.import_module(f"{strings.__name__}.{name}").STRINGS for name in names]


STRINGS: dict[str, dict[str, str]] = _merge(*_string_modules())


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """Return the UI string `key` in `lang`, with `{name}` fields filled from `values`.

    Every string is a `str.format` template, so literal braces are doubled (`h_{{t-1}}`).

    An unknown language falls back to English; an unknown key raises KeyError (a typo in the
    code should fail the tests, not show a blank label).
    """
    entry = STRINGS[key]
    text = entry.get(lang, entry[DEFAULT_LANGUAGE])
    return text.format(**values)
