"""Strings of the gate anatomy page (one LSTM step)."""

STRINGS: dict[str, dict[str, str]] = {
    "page.anatomy": {"en": "Gate anatomy", "ko": "게이트 해부"},
    "anatomy.blurb": {
        "en": "One LSTM step with every number visible: set weights and inputs, predict, check.",
        "ko": "모든 숫자가 보이는 LSTM 한 단계: 가중치와 입력을 정하고, 예측하고, 확인하세요.",
    },
    "anatomy.intro": {
        "en": "One step of an LSTM: from the input $x_t$ and the previous state "
        "($h_{{t-1}}$, $c_{{t-1}}$) to the new state ($h_t$, $c_t$). Pick a scenario or set the "
        "numbers yourself, predict the gates, then look.",
        "ko": "LSTM의 한 단계: 입력 $x_t$와 이전 상태($h_{{t-1}}$, $c_{{t-1}}$)에서 새 상태"
        "($h_t$, $c_t$)로. 시나리오를 고르거나 숫자를 직접 정하고, 게이트 값을 예측한 뒤 "
        "확인해 보세요.",
    },
    "anatomy.scenarios": {"en": "Scenarios", "ko": "시나리오"},
    "anatomy.scenario.remember": {"en": "Remember", "ko": "기억하기"},
    "anatomy.scenario.forget": {"en": "Forget", "ko": "잊기"},
    "anatomy.scenario.write": {"en": "Write", "ko": "쓰기"},
    "anatomy.scenario.read_out": {"en": "Read out", "ko": "내보내기"},
    "anatomy.scenario.hide": {"en": "Hide", "ko": "숨기기"},
    "anatomy.scenario.keep_30": {"en": "Keep 30%", "ko": "30% 유지"},
    "anatomy.scenario_help.remember": {
        "en": "f ≈ 1 and i ≈ 0: the memory c passes through unchanged and the input is kept out.",
        "ko": "f ≈ 1, i ≈ 0: 기억 c가 그대로 통과하고 입력은 들어오지 못합니다.",
    },
    "anatomy.scenario_help.forget": {
        "en": "f ≈ 0: the old memory is wiped; with i ≈ 0 nothing new is written either.",
        "ko": "f ≈ 0: 이전 기억이 지워집니다. i ≈ 0이므로 새로 쓰이는 것도 없습니다.",
    },
    "anatomy.scenario_help.write": {
        "en": "i ≈ 1 and g ≈ 1 (with f ≈ 0): the old memory is replaced by the new value.",
        "ko": "i ≈ 1, g ≈ 1 (f ≈ 0): 이전 기억이 새 값으로 바뀝니다.",
    },
    "anatomy.scenario_help.read_out": {
        "en": "o ≈ 1: the kept memory is shown, h = tanh(c).",
        "ko": "o ≈ 1: 유지된 기억이 그대로 드러납니다. h = tanh(c).",
    },
    "anatomy.scenario_help.hide": {
        "en": "o ≈ 0: the memory is kept in c but not shown, h ≈ 0. Compare with Read out.",
        "ko": "o ≈ 0: 기억은 c에 남아 있지만 드러나지 않습니다. h ≈ 0. 내보내기와 비교해 보세요.",
    },
    "anatomy.scenario_help.keep_30": {
        "en": "f = 0.3 exactly and g = 0: cₜ = 0.3 × cₜ₋₁. A gate of 0.3 keeps 30%; "
        "it is not rounded to 0 or 1.",
        "ko": "f = 0.3 정확히, g = 0: cₜ = 0.3 × cₜ₋₁. 0.3인 게이트는 30%를 유지합니다. "
        "0이나 1로 반올림되지 않습니다.",
    },
    "anatomy.scenario_applied": {
        "en": "Scenario **{name}**: {help}",
        "ko": "시나리오 **{name}**: {help}",
    },
    "anatomy.model": {"en": "Model", "ko": "모델"},
    "anatomy.variant": {"en": "LSTM variant", "ko": "LSTM 변형"},
    "anatomy.hidden_size": {"en": "hidden units H", "ko": "은닉 유닛 수 H"},
    "anatomy.input_size": {"en": "inputs D", "ko": "입력 수 D"},
    "anatomy.unit": {"en": "unit shown in the diagram", "ko": "그림에 표시할 유닛"},
    "anatomy.inputs": {"en": "Inputs and previous state", "ko": "입력과 이전 상태"},
    "anatomy.weights": {"en": "Weights and biases", "ko": "가중치와 편향"},
    "anatomy.randomize": {"en": "Randomize", "ko": "무작위"},
    "anatomy.reset": {"en": "Reset", "ko": "초기화"},
    "anatomy.seed": {"en": "seed", "ko": "시드"},
    "anatomy.randomize_help": {
        "en": "PyTorch's default initialisation (uniform ±1/√H) with this seed.",
        "ko": "이 시드로 PyTorch 기본 초기화(±1/√H 균등 분포)를 사용합니다.",
    },
    "anatomy.diagram_title": {"en": "The cell", "ko": "셀"},
    "anatomy.equations_title": {
        "en": "The equations with the numbers (unit {unit})",
        "ko": "숫자를 넣은 수식 (유닛 {unit})",
    },
    "anatomy.bars_title": {"en": "All units at a glance", "ko": "모든 유닛 한눈에 보기"},
    "anatomy.rnn_title": {"en": "A plain RNN, for contrast", "ko": "비교: 일반 RNN"},
    "anatomy.rnn_text": {
        "en": "A plain RNN with the candidate's weights: $h_t = \\tanh(W_g x_t + U_g h_{{t-1}} "
        "+ b_g)$ = {h}. It has no cell state and no gates: its whole memory is $h_t$, "
        "rewritten at every step.",
        "ko": "후보 값과 같은 가중치를 쓰는 일반 RNN: $h_t = \\tanh(W_g x_t + U_g h_{{t-1}} "
        "+ b_g)$ = {h}. 셀 상태도 게이트도 없습니다. 기억 전체가 $h_t$이고, 매 단계 새로 "
        "쓰입니다.",
    },
    "anatomy.callout.keeps_fraction": {
        "en": "**f = {f} keeps {percent}% of the memory**: "
        "$f_t \\odot c_{{t-1}} = {f} \\times {c_prev} = {fc}$. "
        "A gate is a fraction, not a switch; it is not rounded to 0 or 1.",
        "ko": "**f = {f}는 기억의 {percent}%를 유지합니다**: "
        "$f_t \\odot c_{{t-1}} = {f} \\times {c_prev} = {fc}$. "
        "게이트는 스위치가 아니라 비율이며, 0이나 1로 반올림되지 않습니다.",
    },
    "anatomy.callout.size": {
        "en": "The cell state holds **{H} number(s)** before and after this step: $c_t$ replaces "
        "$c_{{t-1}}$; it does not grow or concatenate over time.",
        "ko": "셀 상태는 이 단계 전후 모두 **숫자 {H}개**입니다. $c_t$는 $c_{{t-1}}$를 대체하며, "
        "시간이 지나도 커지거나 이어 붙여지지 않습니다.",
    },
    "anatomy.callout.new_c": {
        "en": "$h_t$ uses the **new** cell state: "
        "$o_t \\odot \\tanh(c_t) = {o} \\times \\tanh({c}) = {h}$. "
        "With the old one it would be ${o} \\times \\tanh({c_prev}) = {h_old}$.",
        "ko": "$h_t$는 **새** 셀 상태를 사용합니다: "
        "$o_t \\odot \\tanh(c_t) = {o} \\times \\tanh({c}) = {h}$. "
        "이전 셀 상태를 쓰면 ${o} \\times \\tanh({c_prev}) = {h_old}$이 됩니다.",
    },
    "anatomy.callout.forget_term": {
        "en": "The forget term is part of the sum: "
        "$c_t = f_t \\odot c_{{t-1}} + i_t \\odot g_t = {fc} + {ig} = {c}$. "
        "Dropping $f_t \\odot c_{{t-1}}$ would give {ig}.",
        "ko": "망각 항도 합에 들어갑니다: "
        "$c_t = f_t \\odot c_{{t-1}} + i_t \\odot g_t = {fc} + {ig} = {c}$. "
        "$f_t \\odot c_{{t-1}}$를 빼면 {ig}이 됩니다.",
    },
    "anatomy.callout.no_forget": {
        "en": "Without a forget gate (the 1997 LSTM) $f_t = 1$: $c_t = c_{{t-1}} + i_t \\odot g_t$ "
        "only adds, so the memory changes only by writing against it.",
        "ko": "망각 게이트가 없는 1997년 LSTM에서는 $f_t = 1$입니다: "
        "$c_t = c_{{t-1}} + i_t \\odot g_t$는 더하기만 하므로, 기억은 반대 값을 써야만 바뀝니다.",
    },
    "anatomy.callout.coupled": {
        "en": "Coupled gates: $f_t = 1 - i_t = {f}$. The cell forgets exactly as much as it writes.",
        "ko": "결합형 게이트: $f_t = 1 - i_t = {f}$. 셀은 쓰는 만큼 정확히 잊습니다.",
    },
    "anatomy.callout.c_beyond_one": {
        "en": "$c_t = {c}$ is outside [−1, 1]: the cell state is not squashed, only $h_t$ is "
        "(through tanh).",
        "ko": "$c_t = {c}$는 [−1, 1] 밖에 있습니다. 셀 상태는 압축되지 않으며, $h_t$만 tanh로 "
        "압축됩니다.",
    },
    "anatomy.table.gate_unit": {"en": "gate · unit", "ko": "게이트 · 유닛"},
    "anatomy.table_help": {
        "en": "One row per gate and unit; W multiplies x_t, U multiplies h_{{t−1}}. Blank cells "
        "and values outside ±{limit} are not accepted.",
        "ko": "게이트와 유닛마다 한 행입니다. W는 x_t에, U는 h_{{t−1}}에 곱해집니다. 빈 칸과 "
        "±{limit} 밖의 값은 받지 않습니다.",
    },
    "anatomy.table_blank": {
        "en": "The weight table had a blank or non-numeric cell ({where}); kept the previous value.",
        "ko": "가중치 표에 비어 있거나 숫자가 아닌 칸이 있습니다({where}). 이전 값을 유지했습니다.",
    },
    "anatomy.table_clamped": {
        "en": "Weights must lie in [−{limit}, {limit}]; clamped {where}.",
        "ko": "가중치는 [−{limit}, {limit}] 범위여야 합니다. {where}을(를) 조정했습니다.",
    },
    "anatomy.bars.value": {"en": "value", "ko": "값"},
    "anatomy.bars.unit": {"en": "unit {k}", "ko": "유닛 {k}"},
}
