"""Strings of the common misconceptions page."""

STRINGS: dict[str, dict[str, str]] = {
    "page.misconceptions": {"en": "Common misconceptions", "ko": "흔한 오해"},
    "misconceptions.blurb": {
        "en": "Five things students often believe about LSTMs, each disproved by a live "
        "computation you can change.",
        "ko": "학생들이 LSTM에 대해 자주 오해하는 다섯 가지를, 직접 바꿔 볼 수 있는 "
        "실시간 계산으로 반박합니다.",
    },
}
