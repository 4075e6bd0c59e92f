"""Strings of the vanishing gradients page."""

STRINGS: dict[str, dict[str, str]] = {
    "page.gradients": {"en": "Vanishing gradients", "ko": "기울기 소실"},
    "gradients.blurb": {
        "en": "RNN versus LSTM: how far back does a loss gradient reach?",
        "ko": "RNN 대 LSTM: 손실의 기울기는 얼마나 먼 과거까지 전달될까요?",
    },
    "gradients.intro": {
        "en": "The same input sequence goes through a plain tanh RNN and an LSTM of the same "
        "hidden size. A loss at one step τ, "
        "$L = (h_{{\\tau,1}} + \\dots + h_{{\\tau,H}})/\\sqrt{{H}}$, puts the unit vector "
        "$\\partial L/\\partial h_\\tau = (1, \\dots, 1)/\\sqrt{{H}}$ into both models; "
        "backpropagation through time then shows how much of it is left $k$ steps earlier. "
        "Every curve below is computed live by backprop on these settings.",
        "ko": "같은 입력 시퀀스를 일반 tanh RNN과 은닉 크기가 같은 LSTM에 넣습니다. 한 단계 τ의 "
        "손실 $L = (h_{{\\tau,1}} + \\dots + h_{{\\tau,H}})/\\sqrt{{H}}$은 두 모델 모두에 "
        "단위 벡터 $\\partial L/\\partial h_\\tau = (1, \\dots, 1)/\\sqrt{{H}}$를 넣고, "
        "시간 역전파(BPTT)는 $k$ 단계 앞에서 그 기울기가 얼마나 남는지 보여 줍니다. 아래의 모든 "
        "곡선은 이 설정으로 역전파를 실시간 계산한 결과입니다.",
    },
    # --- scenarios ---------------------------------------------------------------------------
    "gradients.scenarios": {"en": "Scenarios", "ko": "시나리오"},
    "gradients.scenario.remembers": {"en": "LSTM remembers", "ko": "LSTM은 기억한다"},
    "gradients.scenario.lstm_forgets": {"en": "LSTM forgets too", "ko": "LSTM도 잊는다"},
    "gradients.scenario.explodes": {"en": "RNN explodes", "ko": "RNN 기울기 폭발"},
    "gradients.scenario.no_forget": {"en": "1997 LSTM", "ko": "1997년 LSTM"},
    "gradients.scenario_help.remembers": {
        "en": "The default: RNN with spectral radius 0.9, LSTM with forget-gate bias 3 (f ≈ 0.95).",
        "ko": "기본 설정: 스펙트럼 반경 0.9인 RNN, 망각 게이트 편향 3(f ≈ 0.95)인 LSTM.",
    },
    "gradients.scenario_help.lstm_forgets": {
        "en": "Forget-gate bias −1 (f ≈ 0.27): the LSTM's gradient vanishes as fast as the RNN's, "
        "or faster.",
        "ko": "망각 게이트 편향 −1(f ≈ 0.27): LSTM의 기울기도 RNN만큼, 또는 더 빨리 사라집니다.",
    },
    "gradients.scenario_help.explodes": {
        "en": "Spectral radius 1.5 on a single pulse, 500 steps, with clipping at θ = 1.",
        "ko": "펄스 하나를 입력으로 스펙트럼 반경 1.5, 500단계, θ = 1로 클리핑.",
    },
    "gradients.scenario_help.no_forget": {
        "en": "The original LSTM without a forget gate: f = 1, the cell path never shrinks.",
        "ko": "망각 게이트가 없는 원래 LSTM: f = 1이므로 셀 경로는 줄어들지 않습니다.",
    },
    # --- controls ----------------------------------------------------------------------------
    "gradients.sequence": {"en": "Sequence and loss", "ko": "시퀀스와 손실"},
    "gradients.T": {"en": "sequence length T", "ko": "시퀀스 길이 T"},
    "gradients.input": {"en": "input", "ko": "입력"},
    "gradients.input_help": {
        "en": "Strong inputs push tanh into saturation, where its slope 1 − h² is small: "
        "the RNN's gradient then vanishes even with a recurrent scale above 1. The pulse "
        "and first-value inputs are quiet after the first step.",
        "ko": "강한 입력은 tanh를 포화시켜 기울기 1 − h²를 작게 만듭니다. 그러면 순환 스케일이 "
        "1보다 커도 RNN의 기울기가 사라집니다. 펄스와 첫 값 입력은 첫 단계 뒤에는 조용합니다.",
    },
    "gradients.sentence_length": {
        "en": "The sentence has its own length: T = {T} words, so the T slider is ignored.",
        "ko": "문장은 길이가 정해져 있습니다: T = {T}단어이므로 T 슬라이더는 무시됩니다.",
    },
    "gradients.loss_gap": {
        "en": "loss: steps before the end",
        "ko": "손실 위치: 끝에서 몇 단계 앞",
    },
    "gradients.loss_gap_help": {
        "en": "0 puts the loss at the last step, τ = T − 1 (steps are numbered from 0, as on the "
        "other pages). Steps after the loss get no gradient.",
        "ko": "0이면 손실이 마지막 단계 τ = T − 1에 있습니다(다른 페이지처럼 단계는 0부터 셉니다). 손실 뒤의 단계에는 기울기가 없습니다.",
    },
    "gradients.loss_at": {
        "en": "The loss is at step τ = {t} of t = 0 … {last}.",
        "ko": "손실은 t = 0 … {last} 중 τ = {t}단계에 있습니다.",
    },
    "gradients.loss_gap_clamped": {
        "en": "The loss cannot be {gap} steps before the end of a {T}-step sequence; it is at the "
        "first step, τ = 0.",
        "ko": "{T}단계 시퀀스에서 손실을 끝에서 {gap}단계 앞에 둘 수 없어 첫 단계(τ = 0)에 두었습니다.",
    },
    "gradients.models": {"en": "The two models", "ko": "두 모델"},
    "gradients.H": {"en": "hidden size H (both)", "ko": "은닉 크기 H(두 모델 공통)"},
    "gradients.scheme": {"en": "initialisation", "ko": "초기화 방식"},
    "gradients.scheme_help": {
        "en": "torch: uniform ±1/√H (PyTorch's default). keras: Glorot input weights, "
        "orthogonal recurrent weights, forget bias 1. gaussian: Gaussian U scaled to a chosen "
        "spectral radius. The forget-gate bias below replaces the scheme's.",
        "ko": "torch: ±1/√H 균등 분포(PyTorch 기본값). keras: 입력 가중치 Glorot, 순환 가중치 "
        "직교 행렬, 망각 편향 1. gaussian: 가우스 U를 정한 스펙트럼 반경으로 조정. 아래의 "
        "망각 게이트 편향이 방식의 값을 대신합니다.",
    },
    "gradients.seed": {"en": "seed", "ko": "시드"},
    "gradients.seed_help": {
        "en": "One seed for both models' weights and for the noise in the input.",
        "ko": "두 모델의 가중치와 입력 잡음에 같은 시드를 씁니다.",
    },
    "gradients.scale": {"en": "RNN recurrent scale", "ko": "RNN 순환 스케일"},
    "gradients.scale_help": {
        "en": "For the gaussian scheme: the spectral radius ρ(U), the largest |eigenvalue| of "
        "U (below 1 the gradient vanishes, above 1 it can explode). For torch and keras: a gain "
        "that multiplies U. The LSTM keeps its scheme's recurrent weights.",
        "ko": "gaussian 방식에서는 스펙트럼 반경 ρ(U), 즉 U의 고윳값 절댓값 중 최댓값입니다"
        "(1보다 작으면 기울기가 사라지고, 크면 폭발할 수 있습니다). torch와 keras에서는 U에 "
        "곱하는 배율입니다. LSTM은 방식 그대로의 순환 가중치를 씁니다.",
    },
    "gradients.scale_is_radius": {
        "en": "Spectral radius ρ(U) = {rho}; largest singular value σ_max(U) = {smax}.",
        "ko": "스펙트럼 반경 ρ(U) = {rho}, 최대 특잇값 σ_max(U) = {smax}.",
    },
    "gradients.scale_is_gain": {
        "en": "With {scheme} the scale is a gain on U: ρ(U) = {rho}, σ_max(U) = {smax}.",
        "ko": "{scheme} 방식에서 스케일은 U에 곱하는 배율입니다: ρ(U) = {rho}, σ_max(U) = {smax}.",
    },
    "gradients.forget_bias": {"en": "LSTM forget-gate bias b_f", "ko": "LSTM 망각 게이트 편향 b_f"},
    "gradients.forget_bias_help": {
        "en": "f = σ(W_f x + U_f h + b_f). Keras starts at 1 (unit_forget_bias), PyTorch near 0; "
        "a large b_f keeps f close to 1.",
        "ko": "f = σ(W_f x + U_f h + b_f). Keras는 1(unit_forget_bias), PyTorch는 0 근처에서 "
        "시작합니다. b_f가 크면 f가 1에 가깝게 유지됩니다.",
    },
    "gradients.forget_bias_unused": {
        "en": "This variant has no forget gate of its own; b_f is not used.",
        "ko": "이 변형에는 자체 망각 게이트가 없으므로 b_f를 쓰지 않습니다.",
    },
    "gradients.variant": {"en": "LSTM variant", "ko": "LSTM 변형"},
    "gradients.clipping": {"en": "Gradient clipping (RNN)", "ko": "기울기 클리핑(RNN)"},
    "gradients.clip": {"en": "threshold θ (0 = off)", "ko": "임계값 θ(0 = 끔)"},
    "gradients.clip_help": {
        "en": "Applied to the RNN, the model whose gradient explodes. The loss puts a gradient of "
        "norm 1 into h_τ, so θ = 1 is a natural first try.",
        "ko": "기울기가 폭발하는 모델인 RNN에 적용합니다. 손실이 h_τ에 노름 1인 기울기를 넣으므로 "
        "θ = 1부터 시도해 보세요.",
    },
    "gradients.clip_mode": {"en": "clipping", "ko": "클리핑 방식"},
    "gradients.clip_mode.global": {"en": "whole gradient", "ko": "전체 기울기"},
    "gradients.clip_mode.per_step": {"en": "every step", "ko": "단계마다"},
    "gradients.clip_mode_help": {
        "en": "whole gradient: Pascanu et al. 2013, torch.nn.utils.clip_grad_norm_: after "
        "backprop, rescale all parameter gradients together when their norm exceeds θ. "
        "every step: cut ‖∂L/∂hₜ‖ back to θ during backprop, as some implementations do.",
        "ko": "전체 기울기: Pascanu 외(2013), torch.nn.utils.clip_grad_norm_. 역전파가 끝난 뒤 "
        "모든 매개변수 기울기의 노름이 θ를 넘으면 함께 줄입니다. 단계마다: 일부 구현처럼 역전파 "
        "도중 ‖∂L/∂hₜ‖를 θ로 잘라냅니다.",
    },
    # --- headline numbers --------------------------------------------------------------------
    "gradients.metric.rnn": {"en": "RNN horizon (steps)", "ko": "RNN 기억 범위(단계)"},
    "gradients.metric.lstm": {"en": "LSTM horizon, c (steps)", "ko": "LSTM 기억 범위, c(단계)"},
    "gradients.metric.f_mean": {"en": "mean forget gate f̄", "ko": "평균 망각 게이트 f̄"},
    "gradients.metric.horizon_help": {
        "en": "The memory horizon: from how many steps back on the gradient norm stays below 10⁻³ "
        "of its value at the loss step, all the way to the start of the sequence. “> N”: "
        "within the N steps it is not below for good.",
        "ko": "기억 범위: 몇 단계 앞부터 기울기 노름이 시퀀스 시작점까지 계속 손실 단계 값의 10⁻³ 아래에 머무는지입니다. “> N”은 N단계 안에서 그렇게 "
        "되지 않았다는 뜻입니다.",
    },
    "gradients.metric.f_help": {
        "en": "Mean of f over the steps up to the loss and all units.",
        "ko": "손실 단계까지의 모든 단계와 유닛에 대한 f의 평균입니다.",
    },
    "gradients.metric.overflow": {"en": "overflow", "ko": "오버플로"},
    "gradients.metric.explodes": {"en": "explodes", "ko": "폭발"},
    "gradients.reach.gone": {
        "en": "below 10⁻³ from {k} steps back on",
        "ko": "{k}단계 앞부터 10⁻³ 아래",
    },
    "gradients.reach.never": {
        "en": "never below 10⁻³ within the {steps} steps",
        "ko": "{steps}단계 안에서 10⁻³ 아래로 떨어지지 않음",
    },
    "gradients.reach.back_above": {
        "en": "dips below 10⁻³ but is above it again at the start, {steps} steps back",
        "ko": "10⁻³ 아래로 내려갔다가 {steps}단계 앞 시작점에서 다시 그 위",
    },
    "gradients.reach.overflow": {
        "en": "beyond float64 from {k} steps back",
        "ko": "{k}단계 앞에서 float64 범위를 넘음",
    },
    # --- the generated explanation -----------------------------------------------------------
    "gradients.explain.no_steps_back": {
        "en": "The loss is at the first step, τ = 0: there are no earlier steps for its gradient to "
        "reach. Put the loss later (fewer steps before the end) or make the sequence longer.",
        "ko": "손실이 첫 단계 τ = 0에 있어서 기울기가 거슬러 갈 앞 단계가 없습니다. 손실을 더 뒤에 두거나(끝에서 앞으로 세는 단계 수를 줄이거나) 시퀀스를 "
        "더 길게 하세요.",
    },
    "gradients.explain.rnn_vanishes": {
        "en": "**RNN**: from **{k} steps** back on, the gradient stays below 10⁻³ of its value at "
        "the loss. Each step back multiplies it by $U^\\top \\mathrm{{diag}}(1 - h_t^2)$; here "
        "ρ(U) = {rho} and the tanh slopes 1 − h² average {slope}.",
        "ko": "**RNN**: **{k}단계** 앞부터는 기울기가 손실 지점 값의 10⁻³ 아래에 머뭅니다. 한 단계 거슬러 갈 때마다 $U^\\top "
        "\\mathrm{{diag}}(1 - h_t^2)$가 곱해지며, 여기서 ρ(U) = {rho}, tanh 기울기 1 − h²의 평균은 "
        "{slope}입니다.",
    },
    "gradients.explain.rnn_saturated": {
        "en": "ρ(U) = {rho} is above 1, yet the gradient vanishes: the inputs keep tanh "
        "saturated (mean slope {slope}), and the small slopes win. Try the single pulse input "
        "to see it explode.",
        "ko": "ρ(U) = {rho}로 1보다 큰데도 기울기가 사라집니다. 입력이 tanh를 포화 상태로 유지해"
        "(평균 기울기 {slope}) 작은 기울기가 이깁니다. 폭발을 보려면 펄스 하나 입력을 써 보세요.",
    },
    "gradients.explain.rnn_explodes": {
        "en": "**RNN**: the gradient grows instead of fading: {k} steps back it is **{peak} "
        "times** its value at the loss (ρ(U) = {rho}). A weight update from it would be huge.",
        "ko": "**RNN**: 기울기가 줄어들지 않고 커집니다. {k}단계 앞에서는 손실 지점 값의 "
        "**{peak}배**입니다(ρ(U) = {rho}). 이 기울기로 가중치를 갱신하면 엄청나게 큰 걸음이 "
        "됩니다.",
    },
    "gradients.explain.rnn_overflow": {
        "en": "**RNN**: the gradient explodes past the largest float64 number (about "
        "1.8 × 10³⁰⁸) **{k} steps** back; from there on it is infinite or undefined.",
        "ko": "**RNN**: 기울기가 **{k}단계** 앞에서 float64의 최댓값(약 1.8 × 10³⁰⁸)을 넘어 "
        "폭발합니다. 그 앞으로는 무한대이거나 정의되지 않습니다.",
    },
    "gradients.explain.rnn_survives": {
        "en": "**RNN**: the gradient never falls below 10⁻³ of its value at the loss within the "
        "{steps} steps back to the start (lowest: {low}).",
        "ko": "**RNN**: 시작점까지 {steps}단계 안에서 기울기가 손실 지점 값의 10⁻³ 아래로 한 번도 떨어지지 않습니다(최저: {low}).",
    },
    "gradients.explain.rnn_back_above": {
        "en": "**RNN**: the gradient dips below 10⁻³ of its value at the loss (lowest: {low}, "
        "{k_low} steps back) but is above it again at the start of the sequence, {steps} "
        "steps back: steps where tanh saturates shrink it, other steps let it grow again.",
        "ko": "**RNN**: 기울기가 손실 지점 값의 10⁻³ 아래로 내려가지만(최저: {k_low}단계 앞에서 {low}), {steps}단계 앞 시퀀스 "
        "시작점에서는 다시 그 위에 있습니다. tanh가 포화된 단계에서는 줄어들고, 다른 단계에서는 다시 커집니다.",
    },
    "gradients.explain.lstm_vanishes": {
        "en": "**LSTM**: from **{k} steps** back on, the memory path ‖∂L/∂c‖ stays below 10⁻³ of "
        "its value at the loss (‖∂L/∂h‖: {k_h}). Its forget gates average f̄ = {f}.",
        "ko": "**LSTM**: **{k}단계** 앞부터는 기억 경로의 ‖∂L/∂c‖가 손실 지점 값의 10⁻³ 아래에 머뭅니다(‖∂L/∂h‖: {k_h}). 망각 "
        "게이트의 평균은 f̄ = {f}입니다.",
    },
    "gradients.explain.lstm_survives": {
        "en": "**LSTM**: the memory path ‖∂L/∂c‖ never falls below 10⁻³ within the {steps} steps "
        "back to the start (lowest: {low}; ‖∂L/∂h‖: {k_h}). Its forget gates average f̄ = "
        "{f}.",
        "ko": "**LSTM**: 기억 경로의 ‖∂L/∂c‖는 시작점까지 {steps}단계 안에서 10⁻³ 아래로 한 번도 떨어지지 않습니다(최저: {low}, "
        "‖∂L/∂h‖: {k_h}). 망각 게이트의 평균은 f̄ = {f}입니다.",
    },
    "gradients.explain.lstm_back_above": {
        "en": "**LSTM**: the memory path ‖∂L/∂c‖ dips below 10⁻³ (lowest: {low}, {k_low} steps "
        "back) but is above it again at the start of the sequence, {steps} steps back "
        "(‖∂L/∂h‖: {k_h}). Its forget gates average f̄ = {f}.",
        "ko": "**LSTM**: 기억 경로의 ‖∂L/∂c‖가 10⁻³ 아래로 내려가지만(최저: {k_low}단계 앞에서 {low}), {steps}단계 앞 시퀀스 "
        "시작점에서는 다시 그 위에 있습니다(‖∂L/∂h‖: {k_h}). 망각 게이트의 평균은 f̄ = {f}입니다.",
    },
    "gradients.explain.lstm_grows": {
        "en": "**LSTM**: the memory path ‖∂L/∂c‖ grows instead of fading: {k} steps back it is "
        "**{peak} times** its value at the loss (‖∂L/∂h‖: {k_h}). Along the cell path it is "
        "multiplied by f at every step (f̄ = {f}), which barely shrinks it while f is close "
        "to 1; what arrives through $h_{{t-1}}$ and the four gates' recurrent weights adds to "
        "it at every step, and here the additions win.",
        "ko": "**LSTM**: 기억 경로의 ‖∂L/∂c‖가 줄어들지 않고 커집니다. {k}단계 앞에서는 손실 지점 값의 **{peak}배**입니다(‖∂L/∂h‖: "
        "{k_h}). 셀 경로에서는 매 단계 f가 곱해지는데(f̄ = {f}), f가 1에 가까우면 거의 줄어들지 않습니다. 여기에 $h_{{t-1}}$와 네 "
        "게이트의 순환 가중치를 거쳐 오는 기울기가 매 단계 더해지고, 여기서는 더해지는 쪽이 이깁니다.",
    },
    "gradients.explain.lstm_no_forget": {
        "en": "**LSTM without a forget gate**: f = 1, so the cell path passes ∂L/∂c back unchanged "
        "(‖∂L/∂c‖: {k}; ‖∂L/∂h‖: {k_h}).",
        "ko": "**망각 게이트 없는 LSTM**: f = 1이므로 셀 경로는 ∂L/∂c를 그대로 전달합니다(‖∂L/∂c‖: {k}, ‖∂L/∂h‖: {k_h}).",
    },
    "gradients.explain.lstm_no_forget_grows": {
        "en": "**LSTM without a forget gate**: f = 1, so nothing shrinks the cell path, and what "
        "arrives through $h_{{t-1}}$ and the four gates' recurrent weights adds to ∂L/∂c at "
        "every step: {k} steps back ‖∂L/∂c‖ is **{peak} times** its value at the loss "
        "(‖∂L/∂h‖: {k_h}). The 1997 LSTM is known for this: without a forget gate its cell "
        "state and its gradient can grow without bound, which is why Gers et al. (2000) added "
        "the forget gate.",
        "ko": "**망각 게이트 없는 LSTM**: f = 1이므로 셀 경로에서는 아무것도 줄어들지 않고, $h_{{t-1}}$와 네 게이트의 순환 가중치를 거쳐 오는 "
        "기울기가 매 단계 ∂L/∂c에 더해집니다. {k}단계 앞에서 ‖∂L/∂c‖는 손실 지점 값의 **{peak}배**입니다(‖∂L/∂h‖: {k_h}). "
        "1997년 LSTM의 알려진 성질입니다. 망각 게이트가 없으면 셀 상태와 그 기울기가 끝없이 커질 수 있어서 Gers 외(2000)가 망각 게이트를 "
        "더했습니다.",
    },
    "gradients.explain.lstm_cell_path": {
        "en": "Along the cell path alone, ∂L/∂c is multiplied by f at every step, unit by unit: "
        "that path would fall below 10⁻³ after **{k_cell} steps** (the dotted line in the "
        "LSTM figure below). That is the theory's prediction for the measured curve.",
        "ko": "셀 경로만 보면 ∂L/∂c에는 유닛마다 매 단계 f가 곱해지고, 이 경로만으로는 **{k_cell}단계** 만에 10⁻³ 아래로 떨어집니다(아래 "
        "LSTM 그림의 점선). 이것이 측정한 곡선에 대한 이론의 예측입니다.",
    },
    "gradients.explain.lstm_cell_path_holds": {
        "en": "Along the cell path alone, ∂L/∂c is multiplied by f at every step, unit by unit: "
        "that path would never fall below 10⁻³ within the {steps} steps (lowest: {low}; the "
        "dotted line in the LSTM figure below).",
        "ko": "셀 경로만 보면 ∂L/∂c에는 유닛마다 매 단계 f가 곱해지고, 이 경로만으로는 {steps}단계 안에서 10⁻³ 아래로 떨어지지 않습니다(최저: "
        "{low}, 아래 LSTM 그림의 점선).",
    },
    "gradients.explain.lstm_mean_early": {
        "en": "The mean gate alone would predict much less: f̄ᵏ reaches 10⁻³ at k ≈ {k_pred}. That "
        "is only a rough estimate, because the norm follows the units whose f stays closest "
        "to 1, and an average does not see them.",
        "ko": "평균 게이트만으로는 훨씬 짧게 예측합니다. f̄ᵏ는 k ≈ {k_pred}에서 10⁻³에 이릅니다. 이것은 대략적인 값일 뿐입니다. 노름은 f가 1에 "
        "가장 가까운 유닛들을 따라가는데, 평균은 그 유닛들을 보지 못하기 때문입니다.",
    },
    "gradients.explain.lstm_mean_late": {
        "en": "The mean gate alone would predict more: f̄ᵏ reaches 10⁻³ only at k ≈ {k_pred}. That "
        "is only a rough estimate: f changes from step to step, and a product of changing "
        "factors falls faster than their mean to the k-th power.",
        "ko": "평균 게이트만으로는 더 길게 예측합니다. f̄ᵏ는 k ≈ {k_pred}에 가서야 10⁻³에 이릅니다. 이것은 대략적인 값일 뿐입니다. f는 단계마다 "
        "바뀌고, 바뀌는 인수들의 곱은 그 평균의 k제곱보다 빨리 줄어듭니다.",
    },
    "gradients.explain.lstm_small_f_standard": {
        "en": "The forget gates are small here (f̄ = {f}), so **the LSTM forgets too**: it keeps a "
        "gradient only while f stays close to 1. Raise the forget-gate bias b_f to see it "
        "remember.",
        "ko": "여기서는 망각 게이트가 작아서(f̄ = {f}) **LSTM도 잊습니다**. LSTM은 f가 1에 가까울 때만 기울기를 유지합니다. 망각 게이트 편향 "
        "b_f를 올려 기억하는 모습을 보세요.",
    },
    "gradients.explain.lstm_small_f_coupled": {
        "en": "The forget gates are small here (f̄ = {f}), so **the LSTM forgets too**: it keeps a "
        "gradient only while f stays close to 1. In the coupled variant f = 1 − i, so memory "
        "is kept only where the input gate stays shut, which the input gate's own weights and "
        "bias decide; the b_f slider does nothing here. Choose the standard variant and raise "
        "b_f to see an LSTM remember.",
        "ko": "여기서는 망각 게이트가 작아서(f̄ = {f}) **LSTM도 잊습니다**. LSTM은 f가 1에 가까울 때만 기울기를 유지합니다. 결합형에서는 f = "
        "1 − i이므로 입력 게이트가 닫혀 있는 동안에만 기억이 남고, 그것은 입력 게이트의 가중치와 편향이 정합니다. 여기서는 b_f 슬라이더가 아무 일도 "
        "하지 않습니다. 표준 변형을 고르고 b_f를 올리면 기억하는 LSTM을 볼 수 있습니다.",
    },
    "gradients.explain.lstm_h_path": {
        "en": "The measured ‖∂L/∂c‖ reaches further back than the cell path alone: the rest arrives "
        "through $h_{{t-1}}$ and the four gates' recurrent weights, a second road back that "
        "adds to the first.",
        "ko": "측정한 ‖∂L/∂c‖는 셀 경로만 있을 때보다 더 먼 과거까지 닿습니다. 나머지는 $h_{{t-1}}$와 네 게이트의 순환 가중치를 거쳐 오며, 첫 "
        "번째 길에 더해지는 두 번째 길입니다.",
    },
    "gradients.explain.compare_outlasts": {
        "en": "The RNN's gradient is gone after {k} steps; the LSTM's memory path still carries "
        "more than 10⁻³ of its value at the loss back to the start, all {steps} steps.",
        "ko": "RNN의 기울기는 {k}단계 뒤 사라지지만, LSTM의 기억 경로는 {steps}단계 앞 시작점까지 손실 지점 값의 10⁻³ 넘게 전달합니다.",
    },
    "gradients.explain.compare_lstm_grows": {
        "en": "The RNN's gradient is gone after {k} steps; the LSTM's memory path reaches all "
        "{steps} steps back, but it grows on the way: not a better memory but the opposite "
        "problem, weight updates dominated by the distant past.",
        "ko": "RNN의 기울기는 {k}단계 뒤 사라지고, LSTM의 기억 경로는 {steps}단계 전체에 닿지만 가는 동안 커집니다. 더 좋은 기억이 아니라 반대 "
        "방향의 문제로, 먼 과거가 가중치 갱신을 좌우하게 됩니다.",
    },
    "gradients.explain.compare_ratio": {
        "en": "The LSTM's memory path reaches **{ratio}×** as far back as the RNN's gradient.",
        "ko": "LSTM의 기억 경로는 RNN의 기울기보다 **{ratio}배** 더 먼 과거까지 닿습니다.",
    },
    "gradients.explain.compare_no_better": {
        "en": "Here the LSTM does not remember longer than the RNN ({k_lstm} against {k_rnn} "
        "steps): an LSTM is not immune to vanishing gradients.",
        "ko": "여기서는 LSTM이 RNN보다 오래 기억하지 못합니다({k_lstm}단계 대 {k_rnn}단계). "
        "LSTM도 기울기 소실에서 자유롭지 않습니다.",
    },
    "gradients.explain.clip_global": {
        "en": "**Clipping** (θ = {theta}): the RNN's whole parameter gradient has norm {before}, "
        "so all of it is multiplied by s = {s}. Every step's share shrinks by the same s: the "
        "dashed curve is the solid one moved down, with the same shape.",
        "ko": "**클리핑**(θ = {theta}): RNN의 전체 매개변수 기울기 노름이 {before}이므로 전체에 "
        "s = {s}를 곱합니다. 모든 단계의 몫이 같은 s만큼 줄어듭니다. 점선은 실선을 아래로 옮긴 "
        "것이며 모양은 같습니다.",
    },
    "gradients.explain.clip_inactive": {
        "en": "**Clipping** (θ = {theta}): the RNN's parameter gradient has norm {before} ≤ θ, so "
        "clipping changes nothing. Clipping only ever shrinks a gradient: it cannot bring back "
        "a vanished one.",
        "ko": "**클리핑**(θ = {theta}): RNN의 매개변수 기울기 노름이 {before} ≤ θ이므로 클리핑은 "
        "아무것도 바꾸지 않습니다. 클리핑은 기울기를 줄이기만 하므로 사라진 기울기를 되살릴 수 "
        "없습니다.",
    },
    "gradients.explain.clip_overflow": {
        "en": "**Clipping** (θ = {theta}): the RNN's gradient overflowed to infinity, and "
        "rescaling cannot recover a direction from it; training code skips such a step.",
        "ko": "**클리핑**(θ = {theta}): RNN의 기울기가 무한대로 넘쳐서, 크기를 조정해도 방향을 "
        "되찾을 수 없습니다. 학습 코드는 이런 단계를 건너뜁니다.",
    },
    "gradients.explain.clip_per_step": {
        "en": "**Per-step clipping** (θ = {theta}): without clipping ‖∂L/∂hₜ‖ explodes (largest: "
        "{peak}); it was cut back to θ at {cut} of {steps} steps on its way back, so the "
        "dashed curve stays at or just below θ where the solid one explodes. This changes the "
        "gradient's direction, not only its size.",
        "ko": "**단계별 클리핑**(θ = {theta}): 클리핑하지 않으면 ‖∂L/∂hₜ‖가 폭발합니다(최대: {peak}). 역전파 도중 {steps}단계 중 "
        "{cut}단계에서 θ로 잘랐기 때문에, 실선이 폭발하는 곳에서 점선은 θ 또는 그 바로 아래에 머뭅니다. 이 방식은 기울기의 크기뿐 아니라 방향도 "
        "바꿉니다.",
    },
    "gradients.explain.clip_per_step_small": {
        "en": "**Per-step clipping** (θ = {theta}): ‖∂L/∂hₜ‖ was above θ at {cut} of {steps} steps "
        "(largest: {peak}) and was cut back to θ there, so the dashed curve never rises above "
        "θ. The gradient was not exploding here: clipping only made it smaller and changed "
        "its direction.",
        "ko": "**단계별 클리핑**(θ = {theta}): {steps}단계 중 {cut}단계에서 ‖∂L/∂hₜ‖가 θ를 넘어(최대: {peak}) 그 단계에서 "
        "θ로 잘렸습니다. 그래서 점선은 θ 위로 올라가지 않습니다. 여기서 기울기는 폭발하지 않았으므로 클리핑은 기울기를 더 작게 만들고 방향을 바꿨을 "
        "뿐입니다.",
    },
    "gradients.explain.clip_per_step_none": {
        "en": "**Per-step clipping** (θ = {theta}): ‖∂L/∂hₜ‖ never exceeded θ on its way back "
        "(largest: {peak}), so nothing was cut and the dashed curve is the solid one. "
        "Clipping only ever shrinks a gradient: it cannot bring back a vanishing one.",
        "ko": "**단계별 클리핑**(θ = {theta}): 역전파 도중 ‖∂L/∂hₜ‖가 한 번도 θ를 넘지 않아(최대: {peak}) 잘린 단계가 없고, 점선은 "
        "실선과 같습니다. 클리핑은 기울기를 줄이기만 하므로 사라지는 기울기를 되살릴 수 없습니다.",
    },
    # --- the main figure ---------------------------------------------------------------------
    "gradients.main_title": {
        "en": "How much gradient is left, k steps before the loss",
        "ko": "손실보다 k단계 앞에 남은 기울기",
    },
    "gradients.main_caption": {
        "en": "Each curve is divided by its value at the loss step (k = 0): ‖∂L/∂h_τ‖ = 1 for both "
        "models, ‖∂L/∂c_τ‖ = {c0} for the LSTM. Diamonds mark each memory horizon: from there "
        "on back, the curve stays below the dashed line at 10⁻³. Press ▶ to watch the "
        "gradient travel back; hover for the numbers.",
        "ko": "각 곡선은 손실 단계(k = 0)의 값으로 나눈 것입니다: 두 모델 모두 ‖∂L/∂h_τ‖ = 1, LSTM의 ‖∂L/∂c_τ‖ = {c0}. 마름모는 "
        "기억 범위를 표시합니다. 거기서부터 더 앞으로는 곡선이 10⁻³ 점선 아래에 머뭅니다. ▶를 눌러 기울기가 거슬러 가는 모습을 보고, 마우스를 올려 "
        "숫자를 확인하세요.",
    },
    "gradients.trace.rnn_h": {"en": "RNN ‖∂L/∂hₜ‖", "ko": "RNN ‖∂L/∂hₜ‖"},
    "gradients.trace.lstm_h": {"en": "LSTM ‖∂L/∂hₜ‖", "ko": "LSTM ‖∂L/∂hₜ‖"},
    "gradients.trace.lstm_c": {"en": "LSTM ‖∂L/∂cₜ‖", "ko": "LSTM ‖∂L/∂cₜ‖"},
    "gradients.trace.clipped_global": {
        "en": "RNN, whole gradient clipped at θ = {theta}",
        "ko": "RNN, 전체 기울기를 θ = {theta}로 클리핑",
    },
    "gradients.trace.clipped_per_step": {
        "en": "RNN, clipped at θ = {theta} every step",
        "ko": "RNN, 단계마다 θ = {theta}로 클리핑",
    },
    "gradients.threshold_label": {"en": "threshold 10⁻³", "ko": "임계값 10⁻³"},
    "gradients.axis.steps_back": {
        "en": "steps back from the loss, k",
        "ko": "손실에서 거슬러 간 단계 수 k",
    },
    "gradients.axis.relative_norm": {"en": "relative norm", "ko": "상대 노름"},
    "gradients.axis.ratio": {"en": "ratio to the loss step", "ko": "손실 단계 대비 비율"},
    "gradients.axis.unit": {"en": "unit", "ko": "유닛"},
    "gradients.play": {"en": "▶ Play", "ko": "▶ 재생"},
    "gradients.pause": {"en": "■ Pause", "ko": "■ 정지"},
    "gradients.slider_prefix": {"en": "steps back: ", "ko": "거슬러 간 단계: "},
    "gradients.hover.curve": {
        "en": "k = %{{x}} (t = %{{customdata[0]}})<br>ratio %{{y:.3e}}<br>norm "
        "%{{customdata[1]:.3e}}",
        "ko": "k = %{{x}} (t = %{{customdata[0]}})<br>비율 %{{y:.3e}}<br>노름 %{{customdata[1]:.3e}}",
    },
    "gradients.hover.horizon": {
        "en": "memory horizon: {k} steps<br>ratio %{{y:.3e}}",
        "ko": "기억 범위: {k}단계<br>비율 %{{y:.3e}}",
    },
    "gradients.hover.marker": {
        "en": "%{{text}}<br>k = %{{x}}<br>ratio %{{y:.3e}}",
        "ko": "%{{text}}<br>k = %{{x}}<br>비율 %{{y:.3e}}",
    },
    # --- theory ------------------------------------------------------------------------------
    "gradients.theory_title": {"en": "Theory beside measurement", "ko": "이론과 측정 비교"},
    "gradients.theory_intro": {
        "en": "One step back, exactly (the RNN's Jacobian $\\partial h_t/\\partial h_{{t-1}} = "
        "\\mathrm{{diag}}(1 - h_t^2)\\,U$; the LSTM's cell path):",
        "ko": "한 단계 거슬러 갈 때의 정확한 식(RNN의 야코비안 "
        "$\\partial h_t/\\partial h_{{t-1}} = "
        "\\mathrm{{diag}}(1 - h_t^2)\\,U$, LSTM의 셀 경로):",
    },
    "gradients.theory.cell_path_line": {
        "en": "If nothing arrives through $h_{{t-1}}$ (for example when $o_t = 0$ before the "
        "loss), the cell path alone gives, unit by unit:",
        "ko": "$h_{{t-1}}$를 거쳐 오는 것이 없다면(예: 손실 전에 $o_t = 0$일 때) 셀 경로만으로 "
        "유닛별로 다음이 성립합니다:",
    },
    "gradients.theory.rnn_title": {"en": "RNN: measured and bounds", "ko": "RNN: 측정값과 상한"},
    "gradients.theory.lstm_title": {
        "en": "LSTM: measured and the forget gates",
        "ko": "LSTM: 측정값과 망각 게이트",
    },
    "gradients.trace.rnn_measured": {
        "en": "measured ‖∂L/∂hₜ‖ ratio",
        "ko": "측정한 ‖∂L/∂hₜ‖ 비율",
    },
    "gradients.trace.jacobian_product": {
        "en": "Π ‖Uᵀ diag(1 − h²)‖₂ (upper bound)",
        "ko": "Π ‖Uᵀ diag(1 − h²)‖₂ (상한)",
    },
    "gradients.trace.sigma_bound": {
        "en": "σ_max(U)ᵏ = {sigma}ᵏ (looser bound)",
        "ko": "σ_max(U)ᵏ = {sigma}ᵏ (더 느슨한 상한)",
    },
    "gradients.trace.f_band": {"en": "Π f: range over units", "ko": "Π f: 유닛별 범위"},
    "gradients.trace.f_mean": {"en": "Π f: mean over units", "ko": "Π f: 유닛 평균"},
    "gradients.trace.cell_path_only": {"en": "cell path alone", "ko": "셀 경로만"},
    "gradients.trace.lstm_measured": {
        "en": "measured ‖∂L/∂cₜ‖ ratio",
        "ko": "측정한 ‖∂L/∂cₜ‖ 비율",
    },
    "gradients.hover.theory": {
        "en": "k = %{{x}}<br>%{{y:.3e}}",
        "ko": "k = %{{x}}<br>%{{y:.3e}}",
    },
    "gradients.theory.rnn_caption": {
        "en": "The measured ratio never exceeds the product of the per-step norms, which never "
        "exceeds σ_max(U)ᵏ (because |1 − h²| ≤ 1). Here σ_max(U) = {smax} and ρ(U) = {rho}.",
        "ko": "측정한 비율은 단계별 노름의 곱을 넘지 않고, 그 곱은 σ_max(U)ᵏ를 넘지 않습니다"
        "(|1 − h²| ≤ 1이므로). 여기서 σ_max(U) = {smax}, ρ(U) = {rho}입니다.",
    },
    "gradients.theory.loose_bound": {
        "en": "σ_max(U) > 1 > ρ(U): a single step can make the gradient larger, but long "
        "products Uᵏ shrink like ρ(U)ᵏ, so the bound σ_max(U)ᵏ grows while the gradient "
        "vanishes.",
        "ko": "σ_max(U) > 1 > ρ(U): 한 단계에서는 기울기가 커질 수 있지만, 긴 곱 Uᵏ는 ρ(U)ᵏ처럼 "
        "줄어듭니다. 그래서 상한 σ_max(U)ᵏ는 커지는데 기울기는 사라집니다.",
    },
    "gradients.theory.lstm_caption": {
        "en": "Along the cell path alone, each unit's gradient is multiplied by its own f at "
        "every step, so the cell-path ratio lies inside the band of Π f over the units. Where "
        "the measured ratio leaves the dotted line, gradient also arrives through $h_{{t-1}}$.",
        "ko": "셀 경로만 보면 각 유닛의 기울기에 매 단계 그 유닛의 f가 곱해지므로, 셀 경로 비율은 "
        "유닛별 Π f 범위 안에 있습니다. 측정한 비율이 점선에서 벗어나는 곳에서는 $h_{{t-1}}$를 "
        "거쳐서도 기울기가 들어옵니다.",
    },
    # --- heatmaps ----------------------------------------------------------------------------
    "gradients.heatmap_title": {"en": "Every unit, every step", "ko": "모든 유닛, 모든 단계"},
    "gradients.heatmap.rnn": {"en": "RNN |∂L/∂hₜ|", "ko": "RNN |∂L/∂hₜ|"},
    "gradients.heatmap.lstm": {"en": "LSTM |∂L/∂cₜ|", "ko": "LSTM |∂L/∂cₜ|"},
    "gradients.heatmap_caption": {
        "en": "Colour is log₁₀ of each unit's gradient size, over {decades} powers of ten; "
        "smaller values take the darkest colour. Hover for the value.",
        "ko": "색은 유닛별 기울기 크기의 log₁₀이며 10의 거듭제곱 {decades}단계에 걸쳐 있습니다. "
        "더 작은 값은 가장 어두운 색이 됩니다. 마우스를 올리면 값이 보입니다.",
    },
    "gradients.heatmap_pooled": {
        "en": "Each column shows the largest value of {size} consecutive steps.",
        "ko": "각 열은 연속된 {size}단계 중 가장 큰 값을 보여 줍니다.",
    },
    "gradients.hover.heatmap": {
        "en": "k = %{{x}}, unit %{{y}}<br>|g| = %{{customdata:.3e}}",
        "ko": "k = %{{x}}, 유닛 %{{y}}<br>|g| = %{{customdata:.3e}}",
    },
    "gradients.hover.heatmap_pooled": {
        "en": "k = %{{x}}, unit %{{y}}<br>largest |g| over these steps: %{{customdata:.3e}}",
        "ko": "k = %{{x}}, 유닛 %{{y}}<br>이 단계들 중 최대 |g|: %{{customdata:.3e}}",
    },
    # --- clipping ----------------------------------------------------------------------------
    "gradients.clip_title": {
        "en": "Exploding gradients and clipping",
        "ko": "기울기 폭발과 클리핑",
    },
    "gradients.clip_text": {
        "en": "With a recurrent scale above 1 (and quiet inputs) the RNN's gradient grows "
        "geometrically instead. **Clipping** (Pascanu et al. 2013) caps it. The standard form, "
        "PyTorch's `clip_grad_norm_`, works on the finished gradient of all parameters: if its "
        "norm exceeds θ, all of it is multiplied by θ/‖g‖. The direction is kept, and every "
        "step's share shrinks by the same factor, so the shape of the curve does not change. "
        "Clipping ‖∂L/∂hₜ‖ at every step instead flattens the curve at θ, but changes the "
        "direction. Neither helps a vanishing gradient: clipping only ever makes a gradient "
        "smaller.",
        "ko": "순환 스케일이 1보다 크면(입력이 조용할 때) RNN의 기울기는 반대로 기하급수적으로 "
        "커집니다. **클리핑**(Pascanu 외 2013)은 이를 제한합니다. 표준 방식인 PyTorch의 "
        "`clip_grad_norm_`은 모든 매개변수의 완성된 기울기에 작용합니다. 노름이 θ를 넘으면 전체에 "
        "θ/‖g‖를 곱합니다. 방향은 유지되고 모든 단계의 몫이 같은 비율로 줄어서 곡선의 모양은 "
        "변하지 않습니다. 대신 단계마다 ‖∂L/∂hₜ‖를 자르면 곡선이 θ에서 평평해지지만 방향이 "
        "바뀝니다. 어느 쪽도 기울기 소실에는 도움이 되지 않습니다. 클리핑은 기울기를 줄이기만 "
        "합니다.",
    },
    "gradients.clip_off": {
        "en": "Clipping is off. Set a threshold θ in the controls (try the “RNN explodes” "
        "scenario).",
        "ko": "클리핑이 꺼져 있습니다. 설정에서 임계값 θ를 정하세요(“RNN 기울기 폭발” 시나리오를 "
        "눌러 보세요).",
    },
    "gradients.clip.before": {"en": "‖∇L‖ before", "ko": "클리핑 전 ‖∇L‖"},
    "gradients.clip.after": {"en": "‖∇L‖ after", "ko": "클리핑 후 ‖∇L‖"},
    "gradients.clip.factor": {"en": "factor s", "ko": "배율 s"},
    "gradients.clip.steps_cut": {"en": "steps cut", "ko": "잘린 단계"},
    "gradients.clip.norm_help": {
        "en": "The norm of the RNN's gradient for all its parameters W, U, b together.",
        "ko": "RNN의 모든 매개변수 W, U, b를 합친 기울기의 노름입니다.",
    },
}
