"""The one table of UI strings (key -> {"en": ..., "ko": ...}) and a lookup helper.

The strings are data: one TOML file per page in `lstm_viz/strings/`, each key a table with its
English and Korean side by side, read with the standard library's `tomllib`. Every file is merged
here into `STRINGS`, and a key may appear in only one of them. No Streamlit here: the current
language is passed in (`lstm_ui.lang` supplies it on the pages).
"""

import re
import tomllib
from pathlib import Path

LANGUAGES: tuple[str, ...] = ("en", "ko")
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "ko": "한국어"}
DEFAULT_LANGUAGE = "en"
STRINGS_DIR = Path(__file__).parent / "strings"


def _merge(*tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for table in tables:
        clash = merged.keys() & table.keys()
        if clash:
            raise ValueError(f"UI string keys defined twice: {sorted(clash)}")
        merged.update(table)
    return merged


def read_table(path: Path) -> dict[str, dict[str, str]]:
    """One page's strings: {key: {"en": ..., "ko": ...}} from a TOML file."""
    with path.open("rb") as file:
        return tomllib.load(file)


STRINGS: dict[str, dict[str, str]] = _merge(
    *(read_table(path) for path in sorted(STRINGS_DIR.glob("*.toml")))
)


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """Return the UI string `key` in `lang`, with `{name}` fields filled from `values`.

    Every string is a `str.format` template, so literal braces are doubled (`h_{{t-1}}`).

    An unknown language falls back to English; an unknown key raises KeyError (a typo in the
    code should fail the tests, not show a blank label). English text gets `agree`: "1 steps"
    becomes "1 step". Punctuation right after inline maths goes inside it (`maths_punctuation`).
    """
    entry = STRINGS[key]
    text = maths_punctuation(entry.get(lang, entry[DEFAULT_LANGUAGE]).format(**values))
    return agree(text) if lang not in entry or lang == "en" else text


# Inline maths ($...$, not $$) and the full stop or comma right after it (not a colon: inside
# maths it is a relation, with space around it).
_MATHS_THEN_STOP = re.compile(r"(?<!\$)\$([^$\n]+)\$(?!\$)([.,])")


def maths_punctuation(text: str) -> str:
    """ "$x = 1$." as "$x = 1.$": the browser may break a line between typeset maths and the
    full stop after it, which then starts a line of its own on a phone; inside the maths the
    two stay together."""
    return _MATHS_THEN_STOP.sub(r"$\1\2$", text)


# English nouns that follow a count filled in at run time ("after {T} steps"): a count of 1 takes
# the singular. Not after an operator ("t − 1 steps" counts t − 1 of them).
_COUNTED = "steps|numbers|units|columns|rows|updates|words|characters|stops|inputs|bytes|values"
_ONE = re.compile(rf"(?<![\d.,])(?<![−+×/=-] )\b1 ({_COUNTED})\b")


def agree(text: str) -> str:
    """English text with "1 steps" (and the other counted nouns) made singular: "1 step"."""
    return _ONE.sub(lambda m: "1 " + m.group(1)[:-1], text)
