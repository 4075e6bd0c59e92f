"""Strings of the exercises page (predict, then reveal) and of presenter mode."""

STRINGS: dict[str, dict[str, str]] = {
    "page.exercises": {"en": "Exercises", "ko": "연습 문제"},
    "exercises.blurb": {
        "en": "Predict first, then check: short tasks on the gates, the cell state and "
        "the gradients, with the answer worked out by the model.",
        "ko": "먼저 예측하고 확인하세요: 게이트, 셀 상태, 기울기에 대한 짧은 문제와 "
        "모델이 계산한 풀이.",
    },
}
