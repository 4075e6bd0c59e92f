"""The UI string table: both languages complete and consistent."""

import re
import string

import pytest

from lstm_viz import i18n


def test_every_key_has_exactly_english_and_korean():
    for key, entry in i18n.STRINGS.items():
        assert set(entry) == set(i18n.LANGUAGES), key


def test_no_string_is_empty_or_blank():
    for key, entry in i18n.STRINGS.items():
        for lang, text in entry.items():
            assert text.strip(), f"{key} [{lang}] is empty"


def test_both_languages_use_the_same_format_fields():
    fields = lambda s: {name for _, name, _, _ in string.Formatter().parse(s) if name}  # noqa: E731
    for key, entry in i18n.STRINGS.items():
        assert fields(entry["en"]) == fields(entry["ko"]), key


def test_korean_strings_are_korean():
    hangul = re.compile(r"[\uac00-\ud7a3]")
    # Labels that are pure notation (e.g. "RNN ‖∂L/∂hₜ‖") may be the same in both languages.
    for key, entry in i18n.STRINGS.items():
        if entry["ko"] != entry["en"]:
            assert hangul.search(entry["ko"]), f"{key} [ko] has no Hangul: {entry['ko']!r}"


def test_t_fills_fields_and_falls_back_to_english_for_unknown_language():
    assert (
        i18n.t("url.unknown_param", "ko", name="zz")
        == "알 수 없는 URL 매개변수 `zz`은(는) 무시했습니다."
    )
    assert i18n.t("app.title", "fr") == i18n.t("app.title", "en") == "LSTM Gate Lab"


def test_unknown_key_raises():
    with pytest.raises(KeyError):
        i18n.t("no.such.key", "en")


def test_every_string_is_a_valid_format_template_with_identifier_fields():
    for key, entry in i18n.STRINGS.items():
        for lang, text in entry.items():
            for _, name, _, _ in string.Formatter().parse(text):
                assert name is None or name.isidentifier(), f"{key} [{lang}]: field {name!r}"


def test_no_string_pairs_tildes_that_markdown_would_strike_through():
    # "0~1, −1~1" renders as struck-through text in Streamlit's markdown.
    for key, entry in i18n.STRINGS.items():
        for lang, text in entry.items():
            assert text.count("~") < 2, f"{key} [{lang}] has paired tildes: {text!r}"
