"""Strings of the common misconceptions page."""

STRINGS: dict[str, dict[str, str]] = {
    "page.misconceptions": {"en": "Common misconceptions", "ko": "흔한 오해"},
    "misconceptions.blurb": {
        "en": "Five things students often believe about LSTMs, each disproved by a live "
        "computation you can change.",
        "ko": "학생들이 LSTM에 대해 자주 오해하는 다섯 가지를, 직접 바꿔 볼 수 있는 "
        "실시간 계산으로 반박합니다.",
    },
    "misconceptions.intro": {
        "en": "Each myth below is followed by the model's own numbers: change the controls and "
        "the equation, the verdict and the figure follow.",
        "ko": "아래 각 오해 다음에는 모델이 직접 계산한 숫자가 나옵니다. 값을 바꾸면 수식, "
        "판정, 그림이 함께 바뀝니다.",
    },
    "misconceptions.myth": {"en": "Myth", "ko": "오해"},
    "misconceptions.axis_value": {"en": "value", "ko": "값"},
    # --- 1. size ---------------------------------------------------------------------------------
    "misconceptions.size.title": {
        "en": "1. The cell state does not grow over time",
        "ko": "1. 셀 상태는 시간이 지나도 커지지 않습니다",
    },
    "misconceptions.size.myth": {
        "en": "“The cell state collects every step: after T steps it holds all T inputs, "
        "concatenated.”",
        "ko": "“셀 상태는 모든 단계를 모아 둔다: T 단계 뒤에는 T개의 입력이 모두 이어 붙여져 "
        "있다.”",
    },
    "misconceptions.size.T": {"en": "sequence length T", "ko": "시퀀스 길이 T"},
    "misconceptions.size.H": {"en": "hidden units H", "ko": "은닉 유닛 수 H"},
    "misconceptions.size.setup": {
        "en": "A PyTorch-initialised LSTM (seed 0, forget bias 2) reads T steps of noise from "
        "$c_0 = 0$. Shapes: $x$ is ({T}, 1), the trace of all $c_t$ is ({T}, {H}), each $c_t$ "
        "is ({H},).",
        "ko": "PyTorch 방식으로 초기화한 LSTM(시드 0, 망각 편향 2)이 $c_0 = 0$에서 시작해 "
        "T 단계의 잡음을 읽습니다. 크기: $x$는 ({T}, 1), 모든 $c_t$의 기록은 ({T}, {H}), "
        "각 $c_t$는 ({H},)입니다.",
    },
    "misconceptions.size.verdict": {
        "en": "**After {T} steps $c_t$ still holds {H} numbers**, one per unit: each step "
        "overwrites the memory in place and never appends to it (appended, it would hold {TH}). "
        "Its largest value so far, {cmax}, stays below the bound $|c_t| < t$.",
        "ko": "**{T} 단계가 지나도 $c_t$는 여전히 숫자 {H}개**(유닛당 하나)입니다. 매 단계 "
        "기억을 제자리에서 덮어쓸 뿐 이어 붙이지 않습니다(이어 붙였다면 {TH}개). 지금까지 "
        "가장 큰 값 {cmax}도 한계 $|c_t| < t$ 아래에 있습니다.",
    },
    "misconceptions.size.beyond_one": {
        "en": "$c$ is not squashed into [−1, 1]: it reached {cmax} at t = {t}. It cannot run "
        "away either: $|i_t g_t| \\le 1$ and $f_t < 1$, so each step adds less than 1.",
        "ko": "$c$는 [−1, 1]로 압축되지 않습니다: t = {t}에서 {cmax}에 이르렀습니다. 그렇다고 "
        "끝없이 커지지도 않습니다: $|i_t g_t| \\le 1$이고 $f_t < 1$이므로 한 단계에 1보다 "
        "적게 늘어납니다.",
    },
    "misconceptions.size.trace_lstm": {
        "en": "numbers in c<sub>t</sub> (LSTM)",
        "ko": "c<sub>t</sub>의 숫자 개수(LSTM)",
    },
    "misconceptions.size.trace_concat": {
        "en": "if c were concatenated: t·H",
        "ko": "이어 붙인다면: t·H",
    },
    "misconceptions.size.trace_max": {
        "en": "max |c<sub>t</sub>| over the units",
        "ko": "유닛 중 최대 |c<sub>t</sub>|",
    },
    "misconceptions.size.trace_bound": {
        "en": "bound |c<sub>t</sub>| < t",
        "ko": "한계 |c<sub>t</sub>| < t",
    },
    "misconceptions.size.axis_count": {"en": "numbers", "ko": "숫자 개수"},
    "misconceptions.size.hover_count": {
        "en": "t = %{{x}}: %{{y}} numbers",
        "ko": "t = %{{x}}: 숫자 %{{y}}개",
    },
    "misconceptions.size.hover_value": {
        "en": "t = %{{x}}: %{{y:.4f}}",
        "ko": "t = %{{x}}: 값 %{{y:.4f}}",
    },
    "misconceptions.size.table_caption": {
        "en": "$c_t$ at the first and last steps: one column per unit, {H} columns at every t.",
        "ko": "처음과 마지막 단계의 $c_t$: 유닛마다 한 열, 모든 t에서 {H}개의 열입니다.",
    },
    # --- 2. keep ---------------------------------------------------------------------------------
    "misconceptions.keep.title": {
        "en": "2. A forget gate of 0.3 keeps 30%",
        "ko": "2. 0.3인 망각 게이트는 30%를 유지합니다",
    },
    "misconceptions.keep.myth": {
        "en": "“A gate is a switch: f = 0.3 is closer to 0, so the memory is forgotten.”",
        "ko": "“게이트는 스위치다: f = 0.3은 0에 가까우므로 기억은 잊힌다.”",
    },
    "misconceptions.keep.f": {"en": "forget gate $f_t$", "ko": "망각 게이트 $f_t$"},
    "misconceptions.keep.c": {"en": "memory $c_{{t-1}}$", "ko": "기억 $c_{{t-1}}$"},
    "misconceptions.keep.setup": {
        "en": "One step of a cell with $f_t$ as set and nothing written ($i_t = 0$, $g_t = 0$).",
        "ko": "$f_t$는 정한 값, 쓰기는 없는($i_t = 0$, $g_t = 0$) 셀의 한 단계입니다.",
    },
    "misconceptions.keep.verdict": {
        "en": "**f = {f} keeps {percent}% of the memory**: $c_t$ = {c}, that is {percent}% of "
        "{c_prev}. Not 0 (f rounded down) and not {c_prev} (f rounded up): a gate is a "
        "fraction, not a switch.",
        "ko": "**f = {f}는 기억의 {percent}%를 유지합니다**: $c_t$ = {c}, 즉 {c_prev}의 "
        "{percent}%입니다. 0(내림)도 {c_prev}(올림)도 아닙니다. 게이트는 스위치가 아니라 "
        "비율입니다.",
    },
    "misconceptions.keep.decay": {
        "en": "Kept for {K} steps with the same gate, $f^{{{K}}}$ = {fraction} of it is left: "
        "small, but still not 0.",
        "ko": "같은 게이트로 {K} 단계 동안 유지하면 $f^{{{K}}}$ = {fraction}만큼 남습니다. "
        "작지만 여전히 0은 아닙니다.",
    },
    "misconceptions.keep.decay_most": {
        "en": "Kept for {K} steps with the same gate, $f^{{{K}}}$ = {fraction} of it is left: "
        "with f this close to 1 most of the memory is still there.",
        "ko": "같은 게이트로 {K} 단계 동안 유지하면 $f^{{{K}}}$ = {fraction}만큼 남습니다. "
        "f가 1에 이렇게 가까우면 기억 대부분이 그대로 있습니다.",
    },
    "misconceptions.keep.verdict_zero": {
        "en": "**f = 0 exactly wipes the memory**: $c_t$ = {c}. Only a gate of exactly 0 does "
        "that; move f to 0.01 and 1% stays.",
        "ko": "**f = 0 정확히일 때만 기억이 지워집니다**: $c_t$ = {c}. f를 0.01로 옮기면 "
        "1%가 남습니다.",
    },
    "misconceptions.keep.verdict_one": {
        "en": "**f = 1 keeps all of the memory**: $c_t$ = {c}. Move f below 1 to see a fraction "
        "kept.",
        "ko": "**f = 1은 기억을 모두 유지합니다**: $c_t$ = {c}. f를 1보다 작게 하면 일부만 "
        "유지됩니다.",
    },
    "misconceptions.keep.verdict_empty": {
        "en": "With $c_{{t-1}}$ = {c_prev} there is nothing to keep: move $c_{{t-1}}$ away from "
        "0 to see what f does.",
        "ko": "$c_{{t-1}}$ = {c_prev}이면 유지할 것이 없습니다. f의 효과를 보려면 "
        "$c_{{t-1}}$를 0에서 떨어뜨려 보세요.",
    },
    "misconceptions.keep.trace_core": {
        "en": "c after k steps, f = {f} (the model)",
        "ko": "k 단계 뒤의 c, f = {f}(모델)",
    },
    "misconceptions.keep.trace_zero": {
        "en": "if f were rounded to 0",
        "ko": "f를 0으로 반올림한다면",
    },
    "misconceptions.keep.trace_one": {
        "en": "if f were rounded to 1",
        "ko": "f를 1로 반올림한다면",
    },
    "misconceptions.keep.axis_steps": {"en": "steps k", "ko": "단계 k"},
    "misconceptions.keep.hover": {
        "en": "k = %{{x}}: c = %{{y:.4f}}",
        "ko": "k = %{{x}}: c = %{{y:.4f}}",
    },
    # --- 3. sum ----------------------------------------------------------------------------------
    "misconceptions.sum.title": {
        "en": "3. The forget term is part of $c_t$",
        "ko": "3. 망각 항도 $c_t$의 일부입니다",
    },
    "misconceptions.sum.myth": {
        "en": "“The new cell state is what the input gate writes: $c_t = i_t \\odot g_t$.”",
        "ko": "“새 셀 상태는 입력 게이트가 쓰는 값이다: $c_t = i_t \\odot g_t$.”",
    },
    "misconceptions.sum.f": {"en": "forget gate $f_t$", "ko": "망각 게이트 $f_t$"},
    "misconceptions.sum.c": {"en": "memory $c_{{t-1}}$", "ko": "기억 $c_{{t-1}}$"},
    "misconceptions.sum.i": {"en": "input gate $i_t$", "ko": "입력 게이트 $i_t$"},
    "misconceptions.sum.g": {"en": "candidate $g_t$", "ko": "후보 값 $g_t$"},
    "misconceptions.sum.verdict": {
        "en": "**Dropping the forget term gives {without} instead of {c}**: the difference "
        "$c_t - i_t g_t$ = {d} is exactly $f_t c_{{t-1}}$ = {f} × {c_prev}.",
        "ko": "**망각 항을 빼면 {c} 대신 {without}이 됩니다**: 차이 $c_t - i_t g_t$ = {d}는 "
        "정확히 $f_t c_{{t-1}}$ = {f} × {c_prev}입니다.",
    },
    "misconceptions.sum.share": {
        "en": "That is {percent}% of $c_t$.",
        "ko": "$c_t$의 {percent}%에 해당합니다.",
    },
    "misconceptions.sum.opposite": {
        "en": "Here the two terms pull opposite ways ($f_t c_{{t-1}}$ = {kept}, "
        "$i_t g_t$ = {written}): without the forget term even the sign of $c_t$ can be wrong.",
        "ko": "여기서는 두 항이 서로 반대 방향입니다($f_t c_{{t-1}}$ = {kept}, "
        "$i_t g_t$ = {written}). 망각 항이 없으면 $c_t$의 부호까지 틀릴 수 있습니다.",
    },
    "misconceptions.sum.verdict_small": {
        "en": "Here $f_t c_{{t-1}}$ = {f} × {c_prev} ≈ 0, so dropping it changes $c_t$ by only "
        "{d}: these numbers hide the term. Move f or $c_{{t-1}}$ away from 0.",
        "ko": "여기서는 $f_t c_{{t-1}}$ = {f} × {c_prev} ≈ 0이라 빼도 $c_t$가 {d}만큼만 "
        "바뀝니다. 이 숫자들이 항을 가리고 있을 뿐이니 f나 $c_{{t-1}}$를 0에서 떨어뜨려 보세요.",
    },
    "misconceptions.sum.bar_core": {
        "en": "c<sub>t</sub><br>(model)",
        "ko": "c<sub>t</sub><br>(모델)",
    },
    "misconceptions.sum.bar_without": {
        "en": "c<sub>t</sub> without<br>f<sub>t</sub> c<sub>t−1</sub>",
        "ko": "f<sub>t</sub> c<sub>t−1</sub>를<br>뺀 c<sub>t</sub>",
    },
    # --- 4. read ---------------------------------------------------------------------------------
    "misconceptions.read.title": {
        "en": "4. $h_t$ reads the new cell state",
        "ko": "4. $h_t$는 새 셀 상태를 읽습니다",
    },
    "misconceptions.read.myth": {
        "en": "“The output shows the memory the step started with: $h_t = o_t \\tanh(c_{{t-1}})$.”",
        "ko": "“출력은 단계가 시작할 때의 기억을 보여준다: $h_t = o_t \\tanh(c_{{t-1}})$.”",
    },
    "misconceptions.read.c": {"en": "memory $c_{{t-1}}$", "ko": "기억 $c_{{t-1}}$"},
    "misconceptions.read.g": {"en": "candidate $g_t$", "ko": "후보 값 $g_t$"},
    "misconceptions.read.setup": {
        "en": "Gates fixed at $i_t$ = {i}, $f_t$ = {f}, $o_t$ = {o}.",
        "ko": "게이트는 $i_t$ = {i}, $f_t$ = {f}, $o_t$ = {o}로 고정했습니다.",
    },
    "misconceptions.read.verdict": {
        "en": "**$h_t$ = {h} comes from the new $c_t$ = {c}.** Reading the old $c_{{t-1}}$ = "
        "{c_prev} would give {h_old}: off by {d}.",
        "ko": "**$h_t$ = {h}는 새 $c_t$ = {c}에서 나옵니다.** 이전 $c_{{t-1}}$ = {c_prev}를 "
        "읽으면 {h_old}이 되어 {d}만큼 틀립니다.",
    },
    "misconceptions.read.sign_flip": {
        "en": "Even the sign would be wrong.",
        "ko": "부호까지 틀리게 됩니다.",
    },
    "misconceptions.read.verdict_same": {
        "en": "Here $c_t$ = {c} is about $c_{{t-1}}$ = {c_prev}, so both give $h_t$ ≈ {h}: move "
        "g to make the step change the memory.",
        "ko": "여기서는 $c_t$ = {c}가 $c_{{t-1}}$ = {c_prev}와 거의 같아 둘 다 $h_t$ ≈ {h}입니다. "
        "g를 움직여 이 단계가 기억을 바꾸게 해 보세요.",
    },
    "misconceptions.read.trace_curve": {"en": "{o} · tanh(c)", "ko": "{o} · tanh(c) 곡선"},
    "misconceptions.read.trace_new": {
        "en": "h<sub>t</sub> from the new c<sub>t</sub> (model)",
        "ko": "새 c<sub>t</sub>로 구한 h<sub>t</sub>(모델)",
    },
    "misconceptions.read.trace_old": {
        "en": "from the old c<sub>t−1</sub> (wrong)",
        "ko": "이전 c<sub>t−1</sub>로 구한 값(틀림)",
    },
    "misconceptions.read.hover": {
        "en": "c = %{{x:.3f}}: h = %{{y:.4f}}",
        "ko": "c = %{{x:.3f}}: h = %{{y:.4f}}",
    },
    # --- 5. gradient -----------------------------------------------------------------------------
    "misconceptions.grad.title": {
        "en": "5. LSTMs lose gradient too when f is small",
        "ko": "5. f가 작으면 LSTM도 기울기를 잃습니다",
    },
    "misconceptions.grad.myth": {
        "en": "“LSTMs solved the vanishing gradient: their gradient never vanishes.”",
        "ko": "“LSTM은 기울기 소실을 해결했다: LSTM의 기울기는 절대 사라지지 않는다.”",
    },
    "misconceptions.grad.bf": {"en": "forget bias $b_f$", "ko": "망각 편향 $b_f$"},
    "misconceptions.grad.K": {"en": "steps back K", "ko": "거슬러 올라갈 단계 K"},
    "misconceptions.grad.setup": {
        "en": "The vanishing gradients page's default models (H = 16, Gaussian weights, input "
        "“first value”), a loss on the last step, gradients from backprop.",
        "ko": "기울기 소실 페이지의 기본 모델(H = 16, 가우스 가중치, 입력 “첫 값”), 마지막 "
        "단계의 손실, 역전파로 구한 기울기입니다.",
    },
    "misconceptions.grad.verdict_vanishes": {
        "en": "**With $b_f$ = {bf} (mean f = {f}) the LSTM's $\\|\\partial L/\\partial c\\|$ "
        "falls below 10⁻³ after {k} steps.** The RNN's gradient: {k_rnn}; the LSTM's with "
        "$b_f$ = {bf_large} (mean f = {f_large}): {k_large}. The cell path multiplies the "
        "gradient by f at every step, so it carries far only while f ≈ 1.",
        "ko": "**$b_f$ = {bf}(평균 f = {f})이면 LSTM의 $\\|\\partial L/\\partial c\\|$도 "
        "{k} 단계 뒤에 10⁻³ 아래로 떨어집니다.** RNN의 기울기: {k_rnn}. $b_f$ = {bf_large}"
        "(평균 f = {f_large})인 LSTM: {k_large}. 셀 경로는 매 단계 기울기에 f를 곱하므로 "
        "f ≈ 1일 때만 기울기를 멀리 전합니다.",
    },
    "misconceptions.grad.verdict_survives": {
        "en": "**With $b_f$ = {bf} (mean f = {f}) the LSTM's $\\|\\partial L/\\partial c\\|$ "
        "stays above 10⁻³ for all {K} steps back.** The RNN's gradient: {k_rnn}. Lower $b_f$: "
        "with f well below 1 the LSTM's gradient vanishes as well.",
        "ko": "**$b_f$ = {bf}(평균 f = {f})이면 LSTM의 $\\|\\partial L/\\partial c\\|$는 "
        "{K} 단계 내내 10⁻³ 위에 머뭅니다.** RNN의 기울기: {k_rnn}. $b_f$를 낮춰 보세요: "
        "f가 1보다 한참 작으면 LSTM의 기울기도 사라집니다.",
    },
    "misconceptions.grad.rises": {
        "en": "Going back, the LSTM's gradient with $b_f$ = {bf_large} even grows, up to "
        "{peak} times its value at the loss: with f ≈ 1 the cell path loses almost nothing, and "
        "what flows back through $h_{{t-1}}$ into earlier cell states adds to it.",
        "ko": "$b_f$ = {bf_large}인 LSTM의 기울기는 거슬러 갈수록 오히려 커져, 손실 지점 값의 "
        "최대 {peak}배가 됩니다. f ≈ 1이면 셀 경로에서 거의 잃지 않고, $h_{{t-1}}$을 거쳐 "
        "이전 셀 상태로 흘러 들어가는 기울기가 더해지기 때문입니다.",
    },
    "misconceptions.grad.horizon_after": {
        "en": "below 10⁻³ after {k} steps",
        "ko": "{k} 단계 뒤에 10⁻³ 아래",
    },
    "misconceptions.grad.horizon_none": {
        "en": "above 10⁻³ for all {K} steps",
        "ko": "{K} 단계 내내 10⁻³ 위",
    },
    "misconceptions.grad.trace_chosen": {
        "en": "LSTM ‖∂L/∂c‖, b<sub>f</sub> = {bf} (f̄ = {f})",
        "ko": "LSTM ‖∂L/∂c‖, b<sub>f</sub> = {bf} (f̄ = {f})",
    },
    "misconceptions.grad.trace_large": {
        "en": "LSTM ‖∂L/∂c‖, b<sub>f</sub> = {bf} (f̄ = {f})",
        "ko": "LSTM ‖∂L/∂c‖, b<sub>f</sub> = {bf} (f̄ = {f})",
    },
    "misconceptions.grad.trace_rnn": {"en": "RNN ‖∂L/∂h‖", "ko": "RNN ‖∂L/∂h‖"},
    "misconceptions.grad.hover": {
        "en": "%{{x}} steps back: %{{y:.2e}} of its value at the loss",
        "ko": "%{{x}} 단계 전: 손실 지점 값의 %{{y:.2e}}",
    },
    "misconceptions.grad.threshold": {"en": "10⁻³ of the start", "ko": "시작 값의 10⁻³"},
    "misconceptions.grad.axis_steps": {
        "en": "steps back from the loss k",
        "ko": "손실에서 거슬러 올라간 단계 k",
    },
    "misconceptions.grad.axis_ratio": {
        "en": "norm / norm at the loss",
        "ko": "노름 / 손실 지점의 노름",
    },
    "misconceptions.grad.more": {
        "en": "More on the vanishing gradients page.",
        "ko": "자세한 내용은 기울기 소실 페이지에서 볼 수 있습니다.",
    },
}
