"""Strings shared by every page: app frame, sidebar, URL and input messages."""

STRINGS: dict[str, dict[str, str]] = {
    "app.title": {"en": "LSTM Gate Lab", "ko": "LSTM 게이트 실험실"},
    "app.tagline": {
        "en": "See why LSTMs remember and plain RNNs forget, one number at a time.",
        "ko": "LSTM은 왜 기억하고 일반 RNN은 왜 잊는지, 숫자 하나하나로 확인해 보세요.",
    },
    "sidebar.about": {"en": "About", "ko": "소개"},
    "sidebar.about_text": {
        "en": "Every number on these pages is computed live by a small NumPy LSTM, "
        "with the gate order and equations of PyTorch's `nn.LSTM`:",
        "ko": "이 페이지의 모든 숫자는 작은 NumPy LSTM이 실시간으로 계산합니다. "
        "게이트 순서와 수식은 PyTorch `nn.LSTM`과 같습니다:",
    },
    "sidebar.pages": {"en": "Pages", "ko": "페이지"},
    "page.home": {"en": "Home", "ko": "홈"},
    "url.unknown_param": {
        "en": "Ignored the unknown URL parameter `{name}`.",
        "ko": "알 수 없는 URL 매개변수 `{name}`은(는) 무시했습니다.",
    },
    "url.bad_language": {
        "en": "The URL asked for language `{value}`; this app speaks `en` and `ko`. "
        "Showing English.",
        "ko": "URL에 언어 `{value}`이(가) 지정되었지만 이 앱은 `en`과 `ko`만 지원합니다. "
        "영어로 표시합니다.",
    },
    "input.not_a_number": {
        "en": "`{name}` = `{value}` is not a number; kept {kept}.",
        "ko": "`{name}` = `{value}`은(는) 숫자가 아닙니다. {kept}을(를) 유지했습니다.",
    },
    "input.not_finite": {
        "en": "`{name}` must be a finite number (not NaN or infinity); kept {kept}.",
        "ko": "`{name}`은(는) 유한한 숫자여야 합니다(NaN, 무한대 불가). {kept}을(를) 유지했습니다.",
    },
    "input.clamped": {
        "en": "`{name}` = {value} is outside [{lo}, {hi}]; using {used}.",
        "ko": "`{name}` = {value}은(는) [{lo}, {hi}] 범위를 벗어납니다. {used}을(를) 사용합니다.",
    },
    "input.not_a_choice": {
        "en": "`{name}` = `{value}` is not one of {choices}; kept `{kept}`.",
        "ko": "`{name}` = `{value}`은(는) {choices} 중 하나가 아닙니다. `{kept}`을(를) 유지했습니다.",
    },
    "input.not_an_integer": {
        "en": "`{name}` = `{value}` is not a whole number; kept {kept}.",
        "ko": "`{name}` = `{value}`은(는) 정수가 아닙니다. {kept}을(를) 유지했습니다.",
    },
    "input.too_long": {
        "en": "`{name}` is too long ({length} characters, at most {limit}); ignored it.",
        "ko": "`{name}`이(가) 너무 깁니다({length}자, 최대 {limit}자). 무시했습니다.",
    },
    "input.wrong_count": {
        "en": "`{name}` has {count} numbers; expected {expected}. Kept the previous values.",
        "ko": "`{name}`에 숫자가 {count}개 있습니다. {expected}개가 필요합니다. 이전 값을 유지했습니다.",
    },
    "input.bad_list": {
        "en": "`{name}` holds `{value}`, which is not a finite number; kept the previous values.",
        "ko": "`{name}`에 유한한 숫자가 아닌 `{value}`이(가) 있습니다. 이전 값을 유지했습니다.",
    },
    "input.clamped_list": {
        "en": "Some numbers in `{name}` were outside [{lo}, {hi}] and were clamped.",
        "ko": "`{name}`의 일부 숫자가 [{lo}, {hi}] 범위를 벗어나 범위 안으로 조정했습니다.",
    },
    "error.unexpected": {
        "en": "Something went wrong while computing this view ({kind}). "
        "Your settings are kept; try another value.",
        "ko": "이 화면을 계산하는 중 문제가 생겼습니다({kind}). "
        "설정은 그대로 유지됩니다. 다른 값을 시도해 보세요.",
    },
    # --- names shared by every page that offers these choices --------------------------------
    "variant.standard": {"en": "standard", "ko": "표준"},
    "variant.no_forget": {"en": "no forget gate (1997)", "ko": "망각 게이트 없음(1997)"},
    "variant.coupled": {"en": "coupled f = 1 − i", "ko": "결합형 f = 1 − i"},
    "preset.sine": {"en": "noisy sine (Keras demo)", "ko": "잡음 섞인 사인파(Keras 예제)"},
    "preset.pulse": {"en": "one pulse, then silence", "ko": "펄스 한 번, 그다음 침묵"},
    "preset.step": {"en": "step", "ko": "계단"},
    "preset.first_value": {"en": "remember the first value (±1)", "ko": "첫 값 기억하기(±1)"},
    "preset.noise": {"en": "random noise N(0, 1)", "ko": "무작위 잡음 N(0, 1)"},
    "preset.sentence": {"en": "long-dependency sentence", "ko": "장거리 의존 문장"},
}
