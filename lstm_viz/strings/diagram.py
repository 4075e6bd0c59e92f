"""Strings of the LSTM and RNN cell diagrams (lstm_viz.cell_diagram): node words, hover text,
colour-scale titles. Formulas are notation and live in the code; only words are here."""

STRINGS: dict[str, dict[str, str]] = {
    # Words written on the diagram next to a node or wire.
    "diagram.c_prev": {"en": "previous cell state", "ko": "이전 셀 상태"},
    "diagram.c_new": {"en": "new cell state", "ko": "새 셀 상태"},
    "diagram.h_prev": {"en": "previous hidden state", "ko": "이전 은닉 상태"},
    "diagram.h_new": {"en": "hidden state", "ko": "은닉 상태"},
    "diagram.x": {"en": "input", "ko": "입력"},
    "diagram.forget_gate": {"en": "forget gate", "ko": "망각 게이트"},
    "diagram.input_gate": {"en": "input gate", "ko": "입력 게이트"},
    "diagram.candidate": {"en": "candidate", "ko": "후보 기억"},
    "diagram.output_gate": {"en": "output gate", "ko": "출력 게이트"},
    "diagram.fixed": {"en": "fixed", "ko": "고정"},
    "diagram.unit": {
        "en": "hidden unit {unit} (H = {size})",
        "ko": "은닉 유닛 {unit} (H = {size})",
    },
    "diagram.scale_gate": {"en": "gates i, f, o", "ko": "게이트 i, f, o"},
    "diagram.scale_signed": {"en": "g, c, h (signed)", "ko": "g, c, h (부호 있음)"},
    # Hover descriptions, one per node; the formula and the numbers come before them.
    "diagram.hover.c_prev": {
        "en": "previous cell state: the memory this unit carries in from step t−1",
        "ko": "이전 셀 상태: 이 유닛이 t−1 단계에서 가져온 기억",
    },
    "diagram.hover.f": {
        "en": "forget gate: the fraction of the old memory c<sub>t−1</sub> that is kept",
        "ko": "망각 게이트: 이전 기억 c<sub>t−1</sub> 중 남기는 비율",
    },
    "diagram.hover.f_no_forget": {
        "en": "The original 1997 LSTM has no forget gate: f = 1, the old memory is always kept "
        "in full and the cell only adds",
        "ko": "1997년의 원래 LSTM에는 망각 게이트가 없습니다: f = 1이므로 이전 기억을 항상 "
        "모두 유지하고 셀은 더하기만 합니다",
    },
    "diagram.hover.f_coupled": {
        "en": "coupled gates: the cell forgets exactly as much as it writes",
        "ko": "결합된 게이트: 셀은 쓰는 만큼 정확히 잊습니다",
    },
    "diagram.hover.fc": {
        "en": "the part of the old memory that survives this step",
        "ko": "이번 단계에서 살아남는 이전 기억",
    },
    "diagram.hover.i": {
        "en": "input gate: how much of the candidate g<sub>t</sub> is written",
        "ko": "입력 게이트: 후보 값 g<sub>t</sub>를 얼마나 기록할지",
    },
    "diagram.hover.g": {
        "en": "candidate values: what could be written into the memory (−1 to 1)",
        "ko": "후보 값: 기억에 기록될 수 있는 값(−1~1)",
    },
    "diagram.hover.ig": {
        "en": "what is written into the memory at this step",
        "ko": "이번 단계에서 기억에 기록되는 값",
    },
    "diagram.hover.c": {
        "en": "new cell state: kept memory plus what was written; still one number per unit",
        "ko": "새 셀 상태: 남은 기억과 새로 기록한 값의 합, 여전히 유닛마다 숫자 하나",
    },
    "diagram.hover.tanh_c": {
        "en": "the new memory squashed to −1 to 1",
        "ko": "새 기억을 −1~1로 압축한 값",
    },
    "diagram.hover.o": {
        "en": "output gate: how much of tanh(c<sub>t</sub>) is shown as h<sub>t</sub>",
        "ko": "출력 게이트: tanh(c<sub>t</sub>)를 h<sub>t</sub>로 얼마나 내보낼지",
    },
    "diagram.hover.h": {
        "en": "hidden state: the output of this step, and the h<sub>t−1</sub> of the next",
        "ko": "은닉 상태: 이번 단계의 출력이자 다음 단계의 h<sub>t−1</sub>",
    },
    "diagram.hover.h_prev": {
        "en": "previous hidden state: all H units feed every gate",
        "ko": "이전 은닉 상태: H개 유닛 모두가 모든 게이트에 들어갑니다",
    },
    "diagram.hover.x": {
        "en": "input at this step: feeds every gate",
        "ko": "이번 단계의 입력: 모든 게이트에 들어갑니다",
    },
    "diagram.hover.rnn_h": {
        "en": "plain RNN: one tanh layer, and the new state replaces the old one completely",
        "ko": "일반 RNN: tanh 층 하나뿐이며 새 상태가 이전 상태를 완전히 대체합니다",
    },
    "diagram.rnn_title": {"en": "plain RNN cell", "ko": "일반 RNN 셀"},
}
