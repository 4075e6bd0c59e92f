"""Strings of the home page."""

STRINGS: dict[str, dict[str, str]] = {
    "home.blurb": {
        "en": "What the app shows and where to start.",
        "ko": "앱이 보여 주는 것과 시작할 곳.",
    },
    "home.what_title": {"en": "What you will see", "ko": "여기서 볼 수 있는 것"},
    "home.what_body": {
        "en": "An LSTM is a recurrent network with a separate memory, the **cell state** "
        "$c_t$, and three **gates** that decide, number by number, what to forget, what to "
        "write and what to show. Each gate is a value between 0 and 1 that multiplies "
        "something: a forget gate of 0.3 keeps exactly 30% of the memory. "
        "On these pages every gate value, every memory value and every gradient is computed "
        "live from the equations below, so you can predict a number and then check it.",
        "ko": "LSTM은 별도의 기억인 **셀 상태** $c_t$와, 무엇을 잊고 무엇을 쓰고 무엇을 "
        "내보낼지 숫자 하나하나 결정하는 세 개의 **게이트**를 가진 순환 신경망입니다. "
        "각 게이트는 0과 1 사이의 값으로 무언가에 곱해집니다. 망각 게이트가 0.3이면 기억의 "
        "정확히 30%가 남습니다. 이 페이지들의 모든 게이트 값, 기억 값, 기울기는 아래 수식으로 "
        "실시간 계산되므로, 숫자를 먼저 예측하고 확인해 볼 수 있습니다.",
    },
    "home.equations_title": {"en": "The equations", "ko": "수식"},
    "home.equations_legend": {
        "en": "σ is the logistic sigmoid (0 to 1), tanh squashes to −1 to 1, ⊙ multiplies "
        "element by element. $i$ is the input gate, $f$ the forget gate, $g$ the candidate "
        "memory, $o$ the output gate (PyTorch's order i, f, g, o).",
        "ko": "σ는 로지스틱 시그모이드(0에서 1 사이), tanh는 −1에서 1 사이로 압축하는 함수, ⊙는 원소별 곱입니다. "
        "$i$는 입력 게이트, $f$는 망각 게이트, $g$는 후보 기억, $o$는 출력 게이트입니다"
        "(PyTorch 순서 i, f, g, o).",
    },
    "home.gates_in_words": {
        "en": "- **forget gate $f_t$**: how much of the old memory $c_{{t-1}}$ to keep\n"
        "- **input gate $i_t$**: how much of the candidate $g_t$ to write\n"
        "- **output gate $o_t$**: how much of $\\tanh(c_t)$ to show as $h_t$",
        "ko": "- **망각 게이트 $f_t$**: 이전 기억 $c_{{t-1}}$을 얼마나 유지할지\n"
        "- **입력 게이트 $i_t$**: 후보 $g_t$를 얼마나 기록할지\n"
        "- **출력 게이트 $o_t$**: $\\tanh(c_t)$를 얼마나 $h_t$로 내보낼지",
    },
    "home.preview_title": {"en": "Why LSTM, in one picture", "ko": "왜 LSTM인가, 그림 한 장으로"},
    "home.preview_caption": {
        "en": "How much of a loss's gradient at the last step is left at each earlier step "
        "(norm relative to the loss step, log scale), for a plain tanh RNN (recurrent scale 0.9) "
        "and an LSTM with forget-gate bias 3 (mean forget gate {f_mean:.2f}), 8 units each, on "
        "the same noise. {k} steps back the RNN keeps {rnn_k:.0e} of it, the LSTM's cell state "
        "{lstm_k:.2f}. Along the cell path alone the gradient is multiplied by f at every step; "
        "what comes back through the gates' recurrent weights adds to it. With a small forget gate the LSTM's gradient vanishes too: try it on the Vanishing "
        "gradients page.",
        "ko": "마지막 단계 손실의 기울기가 이전 각 단계에 얼마나 남는지(손실 단계 대비 노름, "
        "로그 척도)를 일반 tanh RNN(순환 스케일 0.9)과 망각 게이트 편향 3인 LSTM(평균 망각 "
        "게이트 {f_mean:.2f})에서 비교합니다. 둘 다 유닛 8개이고 같은 잡음을 입력으로 받습니다. "
        "{k}단계 전에 RNN에는 {rnn_k:.0e}만 남고, LSTM의 셀 상태에는 {lstm_k:.2f}가 남습니다. "
        "셀 경로만 따라가면 기울기는 매 단계 f가 곱해지고, 게이트의 순환 가중치를 거쳐 돌아오는 "
        "기울기가 여기에 더해집니다. 망각 게이트가 작으면 "
        "LSTM의 기울기도 사라집니다. 기울기 소실 페이지에서 확인해 보세요.",
    },
    "home.start_title": {"en": "Where to start", "ko": "어디서 시작할까요"},
    "home.start_body": {
        "en": "Work through the pages in order; each one builds on the one before.",
        "ko": "페이지를 순서대로 살펴보세요. 각 페이지는 앞 페이지를 바탕으로 합니다.",
    },
    "preview.x_title": {"en": "steps back from the loss", "ko": "손실로부터 거슬러 간 단계 수"},
    "preview.y_title": {"en": "relative gradient norm", "ko": "상대 기울기 노름"},
    "preview.rnn": {"en": "RNN ‖∂L/∂hₜ‖", "ko": "RNN ‖∂L/∂hₜ‖"},
    "preview.lstm_c": {"en": "LSTM ‖∂L/∂cₜ‖", "ko": "LSTM ‖∂L/∂cₜ‖"},
}
