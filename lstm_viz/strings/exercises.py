"""Strings of the exercises page (predict, then reveal) and of presenter mode."""

STRINGS: dict[str, dict[str, str]] = {
    "page.exercises": {"en": "Exercises", "ko": "연습 문제"},
    "exercises.blurb": {
        "en": "Predict first, then check: short tasks on the gates, the cell state and "
        "the gradients, with the answer worked out by the model.",
        "ko": "먼저 예측하고 확인하세요: 게이트, 셀 상태, 기울기에 대한 짧은 문제와 "
        "모델이 계산한 풀이.",
    },
    "exercises.intro": {
        "en": "Commit to an answer first, then press **Check my answer**: the page shows what "
        "the model computes, with the diagram and the equation, and where your answer went "
        "another way. Everyone who opens the same link gets the same exercises in the same order.",
        "ko": "먼저 답을 정한 뒤 **답 확인**을 누르세요. 모델이 계산한 값을 다이어그램, 수식과 "
        "함께 보여 주고, 내 답이 어디서 달라졌는지 알려 줍니다. 같은 링크를 연 사람은 모두 "
        "같은 문제를 같은 순서로 받습니다.",
    },
    "exercises.seed": {"en": "Exercise set", "ko": "문제 세트"},
    "exercises.seed_help": {
        "en": "The set's number. Share the page's link and the whole class gets the same set.",
        "ko": "세트 번호입니다. 페이지 링크를 공유하면 반 전체가 같은 세트를 받습니다.",
    },
    "exercises.number": {"en": "Exercise", "ko": "문제 번호"},
    "exercises.new": {"en": "New exercise", "ko": "새 문제"},
    "exercises.score": {"en": "Score in this set", "ko": "이 세트 점수"},
    "exercises.score_value": {"en": "{right} / {answered}", "ko": "{right} / {answered}"},
    "exercises.heading": {
        "en": "Exercise {number}: {kind}",
        "ko": "문제 {number}: {kind}",
    },
    "exercises.kind.cell_update": {"en": "the new cell state", "ko": "새 셀 상태"},
    "exercises.kind.hidden_output": {"en": "the new hidden state", "ko": "새 은닉 상태"},
    "exercises.kind.keep_memory": {"en": "keeping a memory", "ko": "기억 지키기"},
    "exercises.kind.pulse_decay": {"en": "a fading memory", "ko": "사라지는 기억"},
    "exercises.kind.which_gradient": {"en": "vanishing gradients", "ko": "기울기 소실"},
    # --- questions ------------------------------------------------------------------------
    "exercises.q.cell_update": {
        "en": "One LSTM step, one unit. The forget gate is $f_t = {f}$, the old cell state "
        "$c_{{t-1}} = {c_prev}$, the input gate $i_t = {i}$ and the candidate $g_t = {g}$.\n\n"
        "**What is the new cell state $c_t$?**",
        "ko": "LSTM 한 단계, 유닛 하나입니다. 망각 게이트 $f_t = {f}$, 이전 셀 상태 "
        "$c_{{t-1}} = {c_prev}$, 입력 게이트 $i_t = {i}$, 후보 값 $g_t = {g}$입니다.\n\n"
        "**새 셀 상태 $c_t$는 얼마일까요?**",
    },
    "exercises.q.hidden_output": {
        "en": "One LSTM step, one unit. The forget gate is $f_t = {f}$, the old cell state "
        "$c_{{t-1}} = {c_prev}$, the input gate $i_t = {i}$, the candidate $g_t = {g}$ and the "
        "output gate $o_t = {o}$.\n\n**What is the new hidden state $h_t$?**",
        "ko": "LSTM 한 단계, 유닛 하나입니다. 망각 게이트 $f_t = {f}$, 이전 셀 상태 "
        "$c_{{t-1}} = {c_prev}$, 입력 게이트 $i_t = {i}$, 후보 값 $g_t = {g}$, 출력 게이트 "
        "$o_t = {o}$입니다.\n\n**새 은닉 상태 $h_t$는 얼마일까요?**",
    },
    "exercises.q.keep_memory": {
        "en": "The cell holds $c_0 = {c0}$. For the next {n} steps noisy inputs arrive: each "
        "step's candidate $g_t = \\tanh(3 x_t)$ swings between −1 and 1. The forget and input "
        "gates stay as set the whole time.\n\n**Which setting keeps $c_{{{n}}}$ closest to "
        "$c_0$?**",
        "ko": "셀에 $c_0 = {c0}$이(가) 들어 있습니다. 다음 {n}단계 동안 잡음 섞인 입력이 "
        "들어옵니다. 매 단계 후보 값 $g_t = \\tanh(3 x_t)$는 −1과 1 사이를 오갑니다. 망각 "
        "게이트와 입력 게이트는 그동안 정한 값 그대로입니다.\n\n**어느 설정이 $c_{{{n}}}$을(를) "
        "$c_0$에 가장 가깝게 지킬까요?**",
    },
    "exercises.q.pulse_decay": {
        "en": "At step 1 a pulse writes $c_1 = {c1}$ into the cell. From then on the input gate "
        "is shut, the forget gate stays at $f = {f}$ and the output gate at $o = {o}$, so "
        "$c_t = f \\cdot c_{{t-1}}$ and $h_t = o \\cdot \\tanh(c_t)$.\n\n**At which step $t$ is "
        "$h_t$ below 0.1 for the first time?**",
        "ko": "1단계에서 펄스가 셀에 $c_1 = {c1}$을(를) 씁니다. 그 뒤로 입력 게이트는 닫혀 "
        "있고 망각 게이트는 $f = {f}$, 출력 게이트는 $o = {o}$로 유지되므로 "
        "$c_t = f \\cdot c_{{t-1}}$, $h_t = o \\cdot \\tanh(c_t)$입니다.\n\n**$h_t$가 처음으로 "
        "0.1보다 작아지는 것은 몇 번째 단계 $t$일까요?**",
    },
    "exercises.q.which_gradient": {
        "en": "A loss on the last of {steps} steps sends its gradient back in time. One curve "
        "is a plain RNN's $\\lVert \\partial L / \\partial h \\rVert$, the other an LSTM's "
        "$\\lVert \\partial L / \\partial c \\rVert$ (forget-gate bias {forget_bias}); both have "
        "8 units and read the same inputs.\n\n**Which curve is the RNN's?**",
        "ko": "{steps}단계 중 마지막 단계의 손실이 기울기를 시간을 거슬러 보냅니다. 한 곡선은 "
        "일반 RNN의 $\\lVert \\partial L / \\partial h \\rVert$, 다른 하나는 LSTM의 "
        "$\\lVert \\partial L / \\partial c \\rVert$(망각 게이트 편향 {forget_bias})입니다. "
        "둘 다 유닛 8개이고 같은 입력을 읽습니다.\n\n**어느 곡선이 RNN의 것일까요?**",
    },
    "exercises.choice.f1_i0": {
        "en": "forget gate open, input gate shut (f ≈ 1, i ≈ 0)",
        "ko": "망각 게이트 열림, 입력 게이트 닫힘 (f ≈ 1, i ≈ 0)",
    },
    "exercises.choice.f0_i1": {
        "en": "forget gate shut, input gate open (f ≈ 0, i ≈ 1)",
        "ko": "망각 게이트 닫힘, 입력 게이트 열림 (f ≈ 0, i ≈ 1)",
    },
    "exercises.choice.f1_i1": {
        "en": "both open (f ≈ 1, i ≈ 1)",
        "ko": "둘 다 열림 (f ≈ 1, i ≈ 1)",
    },
    "exercises.choice.f0_i0": {
        "en": "both shut (f ≈ 0, i ≈ 0)",
        "ko": "둘 다 닫힘 (f ≈ 0, i ≈ 0)",
    },
    "exercises.choice.A": {"en": "curve A", "ko": "곡선 A"},
    "exercises.choice.B": {"en": "curve B", "ko": "곡선 B"},
    # --- answering --------------------------------------------------------------------------
    "exercises.your_number": {
        "en": "Your answer (two decimals)",
        "ko": "내 답 (소수 둘째 자리까지)",
    },
    "exercises.your_step": {"en": "Your answer (a step number)", "ko": "내 답 (단계 번호)"},
    "exercises.your_choice": {"en": "Your answer", "ko": "내 답"},
    "exercises.check": {"en": "Check my answer", "ko": "답 확인"},
    "exercises.need_answer": {
        "en": "Give an answer first, then press **Check my answer**.",
        "ko": "먼저 답을 입력한 뒤 **답 확인**을 누르세요.",
    },
    "exercises.tolerance": {
        "en": "Answers within ±{tolerance} of the model's number count as right.",
        "ko": "모델의 값과 ±{tolerance} 이내면 정답으로 칩니다.",
    },
    "exercises.right_number": {
        "en": "**Right.** The model computes {answer}; your answer was {response}.",
        "ko": "**정답입니다.** 모델은 {answer}을(를) 계산했고, 내 답은 {response}였습니다.",
    },
    "exercises.wrong_number": {
        "en": "**Not quite.** The model computes {answer}; your answer {response} is off by {gap}.",
        "ko": "**아쉽습니다.** 모델은 {answer}을(를) 계산했고, 내 답 {response}은(는) {gap}만큼 "
        "벗어났습니다.",
    },
    "exercises.right_choice": {
        "en": "**Right:** {answer}.",
        "ko": "**정답입니다:** {answer}.",
    },
    "exercises.wrong_choice": {
        "en": "**Not this one.** You chose {response}; the answer is {answer}.",
        "ko": "**이것이 아닙니다.** {response}을(를) 골랐지만 정답은 {answer}입니다.",
    },
    # --- the gap, when a wrong number matches a known mistake -----------------------------
    "exercises.slip.cell_update.dropped_forget": {
        "en": "Your number is $i_t \\cdot g_t$ alone: the forget term "
        "$f_t \\cdot c_{{t-1}} = {kept}$ is missing. The old memory only vanishes when "
        "$f_t = 0$.",
        "ko": "내 답은 $i_t \\cdot g_t$뿐입니다. 망각 항 $f_t \\cdot c_{{t-1}} = {kept}$이(가) "
        "빠졌습니다. 이전 기억은 $f_t = 0$일 때만 사라집니다.",
    },
    "exercises.slip.cell_update.dropped_write": {
        "en": "Your number is $f_t \\cdot c_{{t-1}}$ alone: the new information "
        "$i_t \\cdot g_t = {written}$ is missing.",
        "ko": "내 답은 $f_t \\cdot c_{{t-1}}$뿐입니다. 새 정보 $i_t \\cdot g_t = {written}$이(가) "
        "빠졌습니다.",
    },
    "exercises.slip.cell_update.forget_as_one": {
        "en": "Your number is $c_{{t-1}} + i_t \\cdot g_t$: the forget gate multiplies the old "
        "memory, so only {f} of it stays, {kept} instead of {c_prev}.",
        "ko": "내 답은 $c_{{t-1}} + i_t \\cdot g_t$입니다. 망각 게이트가 이전 기억에 곱해지므로 "
        "{f}만 남아 {c_prev}이(가) 아니라 {kept}이(가) 됩니다.",
    },
    "exercises.slip.hidden_output.old_cell": {
        "en": "Your number is $o_t \\cdot \\tanh(c_{{t-1}})$: $h_t$ reads the new cell state "
        "$c_t = {c}$, not the old one.",
        "ko": "내 답은 $o_t \\cdot \\tanh(c_{{t-1}})$입니다. $h_t$는 이전 셀 상태가 아니라 새 셀 "
        "상태 $c_t = {c}$을(를) 읽습니다.",
    },
    "exercises.slip.hidden_output.no_tanh": {
        "en": "Your number is $o_t \\cdot c_t$: the cell state goes through tanh first, "
        "$\\tanh({c}) = {tanh_c}$.",
        "ko": "내 답은 $o_t \\cdot c_t$입니다. 셀 상태는 먼저 tanh를 거칩니다: "
        "$\\tanh({c}) = {tanh_c}$.",
    },
    "exercises.slip.hidden_output.no_output_gate": {
        "en": "Your number is $\\tanh(c_t)$: the output gate $o_t = {o}$ still scales it.",
        "ko": "내 답은 $\\tanh(c_t)$입니다. 출력 게이트 $o_t = {o}$이(가) 여기에 곱해집니다.",
    },
    "exercises.slip.hidden_output.dropped_forget": {
        "en": "Your number uses $c_t = i_t \\cdot g_t$: the forget term "
        "$f_t \\cdot c_{{t-1}} = {kept}$ is part of $c_t$ too.",
        "ko": "내 답은 $c_t = i_t \\cdot g_t$로 계산한 값입니다. 망각 항 "
        "$f_t \\cdot c_{{t-1}} = {kept}$도 $c_t$에 들어갑니다.",
    },
    "exercises.slip.pulse_decay.no_tanh": {
        "en": "Your step is where $o \\cdot c_t$ falls below 0.1: $h_t = o \\cdot \\tanh(c_t)$, "
        "and tanh makes $h_t$ a little smaller than $o \\cdot c_t$.",
        "ko": "내 답은 $o \\cdot c_t$가 0.1보다 작아지는 단계입니다. "
        "$h_t = o \\cdot \\tanh(c_t)$이고, tanh 때문에 $h_t$는 $o \\cdot c_t$보다 조금 "
        "작습니다.",
    },
    "exercises.gap.early": {
        "en": "At step {t} $h_t$ is still {h}, at or above 0.1.",
        "ko": "{t}단계에서 $h_t$는 아직 {h}로 0.1 이상입니다.",
    },
    "exercises.gap.late": {
        "en": "$h_t$ is already below 0.1 at step {t} ({h}), so step {response} is not the "
        "first one.",
        "ko": "$h_t$는 {t}단계에서 이미 0.1보다 작으므로({h}) {response}단계는 처음이 아닙니다.",
    },
    "exercises.gap.compare": {
        "en": "Compare your working with the model's, term by term.",
        "ko": "모델의 풀이와 내 풀이를 항 하나씩 비교해 보세요.",
    },
    # --- the reveal -----------------------------------------------------------------------
    "exercises.working": {"en": "The model's working", "ko": "모델의 풀이"},
    "exercises.reference": {
        "en": "The equations you need",
        "ko": "필요한 수식",
    },
    "exercises.gates_from_biases": {
        "en": "Here the weights are zero and each gate is its bias squashed: "
        "$f_t = \\sigma({b_f}) = {f}$, $i_t = \\sigma({b_i}) = {i}$, $g_t = \\tanh({b_g}) = {g}$, "
        "$o_t = \\sigma({b_o}) = {o}$.",
        "ko": "여기서는 가중치가 0이라 각 게이트는 편향을 함수에 넣은 값입니다: "
        "$f_t = \\sigma({b_f}) = {f}$, $i_t = \\sigma({b_i}) = {i}$, $g_t = \\tanh({b_g}) = {g}$, "
        "$o_t = \\sigma({b_o}) = {o}$.",
    },
    "exercises.reveal.keep_memory": {
        "en": "With the forget gate open and the input gate shut the memory passes almost "
        "untouched: $c_{{{n}}} = {kept}$ (each step keeps $f = 0.998$ of it). With the forget "
        "gate shut it is gone after one step; with the input gate open the noisy inputs are "
        "written over it (both open: $c_{{{n}}} = {both_open}$).",
        "ko": "망각 게이트가 열리고 입력 게이트가 닫히면 기억이 거의 그대로 지나갑니다: "
        "$c_{{{n}}} = {kept}$(매 단계 $f = 0.998$만큼 유지). 망각 게이트가 닫히면 한 단계 만에 "
        "사라지고, 입력 게이트가 열리면 잡음 섞인 입력이 그 위에 덮어써집니다(둘 다 열림: "
        "$c_{{{n}}} = {both_open}$).",
    },
    "exercises.reveal.pulse_decay": {
        "en": "Each step multiplies the memory by $f = {f}$: $c_t = {f}^{{t-1}} \\cdot {c1}$. "
        "$h_t$ first drops below 0.1 at step {answer}.",
        "ko": "매 단계 기억에 $f = {f}$이(가) 곱해집니다: $c_t = {f}^{{t-1}} \\cdot {c1}$. "
        "$h_t$는 {answer}단계에서 처음으로 0.1보다 작아집니다.",
    },
    "exercises.reveal.which_gradient": {
        "en": "Curve {rnn} is the RNN's: after {rnn_reach} steps back less than a thousandth "
        "of its gradient is left, because every step multiplies it by "
        "$U^\\top \\operatorname{{diag}}(1 - h^2)$. The LSTM's cell-state gradient (curve "
        "{lstm}) is multiplied by the forget gate instead, on average $f = {f_mean}$, and "
        "reaches {lstm_reach} steps back.",
        "ko": "곡선 {rnn}이(가) RNN입니다. 매 단계 $U^\\top \\operatorname{{diag}}(1 - h^2)$이(가) "
        "곱해지므로 {rnn_reach}단계 뒤에는 기울기가 천분의 일도 남지 않습니다. LSTM의 셀 상태 "
        "기울기(곡선 {lstm})에는 대신 망각 게이트(평균 $f = {f_mean}$)가 곱해져 {lstm_reach}단계 "
        "뒤까지 닿습니다.",
    },
    "exercises.reach_all": {"en": "all {steps}", "ko": "전체 {steps}"},
    "exercises.more_on_page": {
        "en": "Try it yourself on the {page} page.",
        "ko": "{page} 페이지에서 직접 해 보세요.",
    },
    # --- figures ----------------------------------------------------------------------------
    "exercises.axis.step": {"en": "step t", "ko": "단계 t"},
    "exercises.axis.steps_back": {
        "en": "steps back from the loss",
        "ko": "손실에서 거슬러 간 단계",
    },
    "exercises.axis.gradient": {"en": "gradient norm (log)", "ko": "기울기 크기 (로그)"},
    "exercises.axis.cell": {"en": "cell state c_t", "ko": "셀 상태 c_t"},
    "exercises.axis.value": {"en": "value", "ko": "값"},
    "exercises.curve": {"en": "curve {label}", "ko": "곡선 {label}"},
    "exercises.curve_rnn": {
        "en": "curve {label}: RNN ‖∂L/∂h‖",
        "ko": "곡선 {label}: RNN ‖∂L/∂h‖",
    },
    "exercises.curve_lstm": {
        "en": "curve {label}: LSTM ‖∂L/∂c‖",
        "ko": "곡선 {label}: LSTM ‖∂L/∂c‖",
    },
    "exercises.answer_marker": {"en": "step {t}: h = {h}", "ko": "{t}단계: h = {h}"},
    # --- presenter mode (every page) ------------------------------------------------------------
    "presenter.toggle": {"en": "Presenter mode", "ko": "발표 모드"},
    "presenter.toggle_help": {
        "en": "For a projector: everything larger, the sidebar closed, fewer controls. "
        "The settings and numbers stay as they are.",
        "ko": "프로젝터용: 모든 것을 크게, 사이드바는 닫고, 조작 요소는 줄입니다. "
        "설정과 숫자는 그대로입니다.",
    },
    "presenter.bad_value": {
        "en": "The URL asked for presenter mode `{value}`; use `present=1` (on) or "
        "`present=0` (off). Presenter mode is off.",
        "ko": "URL의 발표 모드 값 `{value}`은(는) 쓸 수 없습니다. `present=1`(켜기) 또는 "
        "`present=0`(끄기)을 쓰세요. 발표 모드를 껐습니다.",
    },
    "presenter.share": {"en": "Link for students", "ko": "학생용 링크"},
    "presenter.share_help": {
        "en": "This page with its current settings. The copy button at the right of the box "
        "puts the link on the clipboard.",
        "ko": "현재 설정 그대로의 이 페이지입니다. 상자 오른쪽의 복사 버튼을 누르면 링크가 "
        "클립보드에 복사됩니다.",
    },
    "presenter.localhost": {
        "en": "This link points at this computer itself (localhost): only this computer can "
        "open it. Open the app through the computer's network address (e.g. "
        "`http://192.168.0.10:8501`) and copy the link again.",
        "ko": "이 링크는 이 컴퓨터 자신(localhost)을 가리키므로 이 컴퓨터에서만 열립니다. "
        "컴퓨터의 네트워크 주소(예: `http://192.168.0.10:8501`)로 앱을 연 뒤 링크를 다시 "
        "복사하세요.",
    },
}
