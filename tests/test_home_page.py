"""The home page and the app frame, through AppTest, in both languages."""

from apptest_support import all_text, array, assert_no_errors, latex_lines, open_app, plotly_figures


def test_home_page_renders_in_english_with_equations_and_preview():
    at = open_app()
    assert_no_errors(at)
    assert at.title[0].value == "LSTM Gate Lab"
    latex = latex_lines(at)
    assert r"c_t = f_t \odot c_{t-1} + i_t \odot g_t" in latex
    assert r"h_t = o_t \odot \tanh(c_t)" in latex
    (figure,) = plotly_figures(at)
    assert figure["layout"]["yaxis"]["type"] == "log"
    assert len(figure["data"]) == 2


def test_lang_ko_in_the_url_shows_korean():
    at = open_app(lang="ko")
    assert_no_errors(at)
    assert at.title[0].value == "LSTM 게이트 실험실"
    assert "셀 상태" in all_text(at)
    assert at.session_state["lang"] == "ko"


def test_switching_language_in_the_sidebar_changes_the_page():
    at = open_app()
    at.get("button_group")[0].set_value("ko").run()
    assert_no_errors(at)
    assert at.title[0].value == "LSTM 게이트 실험실"


def test_unknown_language_in_the_url_is_reported_and_english_used():
    at = open_app(lang="fr")
    assert_no_errors(at)
    assert at.title[0].value == "LSTM Gate Lab"
    assert any("`fr`" in w.value for w in at.warning)


def test_preview_gradient_of_the_rnn_vanishes_faster_than_the_lstm_cell_path():
    at = open_app()
    rnn, lstm = (array(trace["y"]) for trace in plotly_figures(at)[0]["data"])
    # 50 steps back, the RNN (recurrent scale 0.9) has lost far more than the LSTM (f ≈ 0.95).
    assert rnn[50] < 1e-3 * rnn[0]
    assert lstm[50] > 1e-2 * lstm[0]


def test_preview_caption_says_the_lstm_gradient_grew_when_its_ratio_is_above_one():
    from lstm_core.lab.preview import gradient_preview

    preview = gradient_preview()
    # computed here: the LSTM's ‖∂L/∂c‖ 50 steps back over its value at the loss
    ratio = float(preview.lstm_dc_norm[50])
    assert ratio > 1.0 and preview.lstm_grew
    at = open_app()
    text = all_text(at)
    assert f"has even grown, to {ratio:.2f} times its value at the loss" in text
    assert "keeps 1.66" not in text
