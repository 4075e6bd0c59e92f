"""Sentences whose claims were wrong for the numbers (issue 16), held to what is true."""

import numpy as np

from lstm_core import LSTMParams, lstm_step
from lstm_core.lab.inputs import SENTENCE_EN
from lstm_viz import i18n


def both(key: str, **fields) -> tuple[str, str]:
    return i18n.t(key, "en", **fields), i18n.t(key, "ko", **fields)


def test_without_a_forget_gate_any_write_changes_c_not_only_one_against_it():
    # c_t = c_{t-1} + i ⊙ g: a write of the same sign as c changes c as well.
    p = LSTMParams(np.zeros((4, 1)), np.zeros((4, 1)), np.array([0.0, 0.0, 1.0, 0.0]))
    step = lstm_step(p, np.zeros(1), np.zeros(1), np.array([0.5]), variant="no_forget")
    assert step.c[0] > 0.5  # i = 0.5, g = tanh(1) > 0: c grew, with no write against it
    en, ko = both("anatomy.callout.no_forget")
    assert "only by writing against it" not in en and "반대 값을 써야만 바뀝니다" not in ko
    assert "every nonzero" in en and "0이 아닌" in ko


def test_the_training_lab_says_at_which_settings_only_the_lstm_solves_it():
    for key in ("training.blurb", "training.shows.adding", "training.shows.sign"):
        en, ko = both(key)
        assert "reference" in en and "기준" in ko, key
    en, _ = both("training.shows.adding")
    assert "never finds out" not in en
    en, ko = both("training.shows.sign")
    assert "leaves out the path through $h$" in en and "어림값" in ko


def test_the_sentence_presets_verb_is_near_the_end_not_the_last_word():
    assert SENTENCE_EN[-2] == "are" and SENTENCE_EN[-1] != "are"
    en, _ = both("stepper.watch.sentence", later=34)
    assert "near the end (“are”)" in en and "last (“are”)" not in en
