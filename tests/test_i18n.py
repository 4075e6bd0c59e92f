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


# Texts that are the same in both languages on purpose: notation, names and format-only labels.
# Any other key whose Korean equals its English is an untranslated string and fails below.
SAME_IN_BOTH_LANGUAGES = frozenset(
    {
        "exercises.score_value",  # "{right} / {answered}"
        "gradients.heatmap.lstm",  # LSTM |∂L/∂cₜ|
        "gradients.heatmap.rnn",
        "gradients.hover.theory",  # plotly hover template, numbers only
        "gradients.metric.gru",  # model names as the horizons' labels
        "gradients.metric.rnn",
        "gradients.trace.gru_h",  # GRU ‖∂L/∂hₜ‖
        "gradients.trace.lstm_c",
        "gradients.trace.lstm_h",
        "gradients.trace.rnn_h",
        "misconceptions.grad.trace_chosen",  # LSTM ‖∂L/∂c‖, b_f = …
        "misconceptions.grad.trace_large",
        "misconceptions.grad.trace_rnn",
        "misconceptions.keep.hover",
        "misconceptions.read.hover",
        "preview.lstm_c",
        "preview.rnn",
        "stepper.cell.gru",  # cell names
        "stepper.cell.lstm",
        "stepper.scheme.keras",  # product names
        "stepper.scheme.torch",
        "scheme.keras",  # product names (the gradients page)
        "scheme.torch",
        "training.curve.model",  # "{model}"
        "training.download",  # "{model} (.npz)"
        "training.loss.mse",  # MSE, SGD, Adam: the names Korean courses use
        "training.optimizer.adam",
        "training.optimizer.sgd",
    }
)


def test_korean_strings_are_korean_unless_listed_as_the_same_on_purpose():
    hangul = re.compile(r"[\uac00-\ud7a3]")
    for key, entry in i18n.STRINGS.items():
        if key in SAME_IN_BOTH_LANGUAGES:
            assert entry["ko"] == entry["en"], f"{key} is listed as the same in both languages"
        else:
            assert hangul.search(entry["ko"]), f"{key} [ko] has no Hangul: {entry['ko']!r}"


def test_every_strings_file_is_valid_toml_with_only_en_and_ko():
    for path in sorted(i18n.STRINGS_DIR.glob("*.toml")):
        table = i18n.read_table(path)
        assert table, path.name
        for key, entry in table.items():
            assert set(entry) == {"en", "ko"}, f"{path.name}: {key}"
            assert all(isinstance(text, str) for text in entry.values()), f"{path.name}: {key}"


def test_a_key_defined_in_two_files_is_refused():
    with pytest.raises(ValueError, match="defined twice"):
        i18n._merge({"a.b": {"en": "x", "ko": "가"}}, {"a.b": {"en": "y", "ko": "나"}})


def test_t_fills_fields_and_falls_back_to_english_for_unknown_language():
    assert (
        i18n.t("url.unknown_param", "ko", name="zz")
        == "알 수 없는 URL 매개변수를 무시했습니다: `zz`."
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


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("is $h = 0.288$.", "is $h = 0.288.$"),  # the full stop goes with its number
        ("$f_t$, then $g_t$.", "$f_t,$ then $g_t.$"),
        ("as $x$: so", "as $x$: so"),  # a colon in maths is a relation, with space around it
        ("$$c_t = f_t c_{t-1}$$.", "$$c_t = f_t c_{t-1}$$."),  # displayed maths stands alone
        ("no maths. at all,", "no maths. at all,"),
    ],
)
def test_punctuation_after_inline_maths_goes_inside_it(written, shown):
    assert i18n.maths_punctuation(written) == shown


def test_every_string_keeps_its_full_stops_with_its_maths():
    """No UI string shows "$...$." any more: a phone broke the line before such a full stop."""
    for key, entry in i18n.STRINGS.items():
        for lang in entry:
            names = {name for _, name, _, _ in string.Formatter().parse(entry[lang]) if name}
            text = i18n.t(key, lang, **dict.fromkeys(names, 1))
            assert not re.search(r"(?<!\$)\$[^$\n]+\$(?!\$)\.", text), (key, lang, text)
