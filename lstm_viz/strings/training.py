"""Strings of the training lab page."""

STRINGS: dict[str, dict[str, str]] = {
    "page.training": {"en": "Training lab", "ko": "학습 실험실"},
    "training.blurb": {
        "en": "Watch an RNN and an LSTM learn, side by side: the sine demo, and a task only the LSTM solves.",
        "ko": "RNN과 LSTM이 학습하는 모습을 나란히 봅니다: 사인파 예제, 그리고 LSTM만 푸는 과제.",
    },
    "training.intro": {
        "en": "Pick a task and press **Train both models**: a plain tanh RNN and an LSTM of the same size, each with a linear read-out $y_t = V h_t + c$, are trained here and now by the app's NumPy code (backpropagation through time, then SGD or Adam). The same settings always give the same curves.",
        "ko": "과제를 고르고 **두 모델 학습**을 누르세요. 같은 크기의 일반 tanh RNN과 LSTM(각각 선형 출력층 $y_t = V h_t + c$ 포함)을 앱의 NumPy 코드가 지금 이 자리에서 학습합니다(시간 역전파 후 SGD 또는 Adam). 같은 설정은 언제나 같은 곡선을 냅니다.",
    },
    # --- tasks ------------------------------------------------------------------------------
    "training.task": {"en": "Task", "ko": "과제"},
    "training.task.sine": {"en": "Sine demo", "ko": "사인파 예제"},
    "training.task.adding": {"en": "Adding problem", "ko": "덧셈 문제"},
    "training.task.sign": {"en": "Remember the sign", "ko": "부호 기억하기"},
    "training.shows.sine": {
        "en": "**The classic Keras demo.** 50 noisy points of $\\sin x$ on $[-2\\pi, 2\\pi]$ are cut into 40 windows of 10 steps; at every step the model predicts the next point. Hidden size 20, MSE, plain SGD with learning rate 0.01, 500 epochs, batches of 8. **What it shows:** a short memory is enough here, so both models learn it. The test is the closed loop: given only the first window, each model continues the curve from its own predictions.",
        "ko": "**고전적인 Keras 예제.** $[-2\\pi, 2\\pi]$ 구간의 잡음 섞인 $\\sin x$ 50개 점을 10단계짜리 창 40개로 자르고, 모델은 매 단계 다음 점을 예측합니다. 은닉 크기 20, MSE, 학습률 0.01의 기본 SGD, 500 에포크, 배치 크기 8. **보여 주는 것:** 짧은 기억만 있으면 되므로 두 모델 모두 배웁니다. 시험은 폐루프 예측입니다. 첫 창만 주고 나면 각 모델이 자기 예측을 입력 삼아 곡선을 이어 갑니다.",
    },
    "training.shows.adding": {
        "en": "**Hochreiter & Schmidhuber's adding problem.** Each step brings a value in [0, 1] and a marker; exactly two values are marked, one in each half of the sequence, and at the last step the model must output their sum. Always guessing the mean scores MSE ≈ 0.167. **What it shows:** the first marked value lies up to T steps back, and an exact number must survive all the inputs in between. A plain RNN's state is rewritten a little at every step and its gradient shrinks on the way back, so it never finds out which inputs mattered and stays at the guess; the LSTM's cell state carries the value (and the gradient, while f ≈ 1) across the gap. Reference: hidden 32, Adam 0.01, batch 32, clipping 1, forget bias 1 gave at T = 50 an LSTM validation MSE of 0.002 after 750 updates, while the RNN stayed near 0.16 after 3000.",
        "ko": "**Hochreiter와 Schmidhuber의 덧셈 문제.** 매 단계 [0, 1] 사이의 값과 표시가 들어옵니다. 시퀀스의 앞쪽 절반과 뒤쪽 절반에서 값이 하나씩, 모두 두 개가 표시되고, 모델은 마지막 단계에서 그 둘의 합을 내야 합니다. 늘 평균을 답하면 MSE ≈ 0.167입니다. **보여 주는 것:** 첫 번째 표시된 값은 최대 T 단계 앞에 있고, 정확한 숫자 하나가 그사이의 모든 입력을 견뎌야 합니다. 일반 RNN의 상태는 매 단계 조금씩 덮어써지고 기울기는 거꾸로 거슬러 가며 줄어들어, 어떤 입력이 중요했는지 끝내 알아내지 못하고 평균 추측에 머뭅니다. LSTM의 셀 상태는 그 값을 (그리고 f ≈ 1인 동안 기울기도) 간격 너머로 실어 나릅니다. 참고 실행: 은닉 32, Adam 0.01, 배치 32, 클리핑 1, 망각 편향 1로 T = 50에서 LSTM은 750번 갱신 후 검증 MSE 0.002, RNN은 3000번 갱신 후에도 0.16 근처였습니다.",
    },
    "training.shows.sign": {
        "en": "**Remember the sign of the first input.** $x_0 = \\pm 1$, then only small noise; at the last step the model must say which sign $x_0$ had (two classes, cross-entropy; guessing scores ln 2 ≈ 0.693). **What it shows — a surprise:** a plain tanh RNN can often solve this even for T = 200, by driving a unit into saturation ($h \\approx \\pm 1$) at the first step and holding it there; a saturated unit keeps one bit safely, so long memory as such is not what an RNN lacks (an exact number, as in the adding problem, is another matter). The LSTM here starts with forget bias 1, so $f \\approx 0.73$ and only $0.73^{{T}}$ of the first input's trace survives: at T = 100 it stays at chance. Set the forget bias to 5 ($f \\approx 0.99$) and it learns too.",
        "ko": "**첫 입력의 부호 기억하기.** $x_0 = \\pm 1$ 다음에는 작은 잡음뿐이고, 모델은 마지막 단계에서 $x_0$의 부호를 맞혀야 합니다(두 클래스, 교차 엔트로피. 찍으면 ln 2 ≈ 0.693). **보여 주는 것 — 뜻밖의 결과:** 일반 tanh RNN도 T = 200에서조차 이 과제를 자주 풉니다. 첫 단계에서 한 유닛을 포화시키고($h \\approx \\pm 1$) 그대로 붙잡아 두는 방식입니다. 포화된 유닛은 1비트를 안전하게 지키므로, RNN에 없는 것은 긴 기억 자체가 아닙니다(덧셈 문제처럼 정확한 숫자를 지키는 것은 다른 문제입니다). 여기의 LSTM은 망각 편향 1에서 출발하므로 $f \\approx 0.73$이고, 첫 입력의 흔적은 $0.73^{{T}}$만 남습니다. 그래서 T = 100에서는 찍는 수준에 머뭅니다. 망각 편향을 5로($f \\approx 0.99$) 올리면 LSTM도 배웁니다.",
    },
    # --- settings ---------------------------------------------------------------------------
    "training.settings": {"en": "Settings", "ko": "설정"},
    "training.more": {"en": "More settings", "ko": "추가 설정"},
    "training.T": {"en": "Sequence length T", "ko": "시퀀스 길이 T"},
    "training.T_help.adding": {
        "en": "Steps per example (10 to 200). The first marked value can be up to T steps before the answer.",
        "ko": "예제 하나의 단계 수(10~200). 첫 번째 표시된 값은 답보다 최대 T 단계 앞에 있을 수 있습니다.",
    },
    "training.T_help.sign": {
        "en": "Steps per example (10 to 200): the sign arrives at step 0, the question at step T − 1.",
        "ko": "예제 하나의 단계 수(10~200). 부호는 0단계에 들어오고, 질문은 T − 1단계에 나옵니다.",
    },
    "training.noise": {"en": "Noise", "ko": "잡음"},
    "training.noise_help.sine": {
        "en": "Standard deviation of the noise added to sin(x) (the demo uses 0.1).",
        "ko": "sin(x)에 더하는 잡음의 표준편차(예제는 0.1).",
    },
    "training.noise_help.sign": {
        "en": "Standard deviation of the inputs after the first one.",
        "ko": "첫 입력 뒤에 오는 입력들의 표준편차.",
    },
    "training.hidden": {"en": "Hidden size H (both models)", "ko": "은닉 크기 H (두 모델 공통)"},
    "training.optimizer": {"en": "Optimizer", "ko": "최적화 방법"},
    "training.optimizer.sgd": {"en": "SGD", "ko": "SGD"},
    "training.optimizer.adam": {"en": "Adam", "ko": "Adam"},
    "training.optimizer_help": {
        "en": "SGD: θ ← θ − lr·g. Adam (Kingma & Ba): steps scaled by running averages of g and g², with bias correction.",
        "ko": "SGD: θ ← θ − lr·g. Adam(Kingma와 Ba): g와 g²의 이동 평균으로 보폭을 조절하며, 편향을 보정합니다.",
    },
    "training.lr": {"en": "Learning rate", "ko": "학습률"},
    "training.epochs": {"en": "Epochs", "ko": "에포크"},
    "training.epochs_help.sine": {
        "en": "Passes over the 40 windows; with batches of 8 that is 5 updates per epoch.",
        "ko": "창 40개를 한 번 훑는 횟수입니다. 배치 크기 8이면 에포크마다 5번 갱신합니다.",
    },
    "training.epochs_help.adding": {
        "en": "Passes over 2000 training examples (63 updates per epoch with batches of 32).",
        "ko": "학습 예제 2000개를 훑는 횟수입니다(배치 크기 32이면 에포크마다 63번 갱신).",
    },
    "training.epochs_help.sign": {
        "en": "Passes over 1000 training examples (32 updates per epoch with batches of 32).",
        "ko": "학습 예제 1000개를 훑는 횟수입니다(배치 크기 32이면 에포크마다 32번 갱신).",
    },
    "training.batch": {"en": "Batch size", "ko": "배치 크기"},
    "training.clip": {"en": "Clip gradient norm at", "ko": "기울기 노름 클리핑 기준"},
    "training.clip_help": {
        "en": "When the norm of all gradients together exceeds this, they are scaled down to it (0 = off).",
        "ko": "모든 기울기를 합친 노름이 이 값을 넘으면 이 값으로 줄입니다(0 = 끔).",
    },
    "training.forget_bias": {"en": "LSTM forget-gate bias", "ko": "LSTM 망각 게이트 편향"},
    "training.forget_bias_help": {
        "en": "The forget gate's starting bias: 1 (Keras' default) gives f ≈ 0.73, 3 gives f ≈ 0.95, 5 gives f ≈ 0.99.",
        "ko": "망각 게이트의 초기 편향: 1(Keras 기본값)이면 f ≈ 0.73, 3이면 f ≈ 0.95, 5이면 f ≈ 0.99입니다.",
    },
    "training.seed": {"en": "Seed", "ko": "시드"},
    "training.budget": {"en": "Time budget per model (s)", "ko": "모델당 시간 한도(초)"},
    "training.budget_help": {
        "en": "Training of a model stops after this many seconds; the curves so far are kept.",
        "ko": "모델 하나의 학습은 이 시간이 지나면 멈추고, 그때까지의 곡선은 남습니다.",
    },
    "training.reset": {"en": "Reference settings", "ko": "기준 설정으로"},
    "training.reset_help": {
        "en": "Back to this task's reference settings.",
        "ko": "이 과제의 기준 설정으로 되돌립니다.",
    },
    "training.train": {"en": "Train both models", "ko": "두 모델 학습"},
    "training.train_help": {
        "en": "Trains the RNN, then the LSTM. Changing any setting while training stops it.",
        "ko": "RNN을 먼저, 그다음 LSTM을 학습합니다. 학습 중에 설정을 바꾸면 학습이 멈춥니다.",
    },
    "training.stop": {"en": "Stop", "ko": "중지"},
    "training.summary.epochs": {"en": "epochs {epochs}", "ko": "에포크 {epochs}"},
    "training.summary.batch": {"en": "batch {batch}", "ko": "배치 {batch}"},
    "training.summary.clip": {"en": "clip {clip}", "ko": "클리핑 {clip}"},
    "training.summary.noise": {"en": "noise {noise}", "ko": "잡음 {noise}"},
    "training.summary.seed": {"en": "seed {seed}", "ko": "시드 {seed}"},
    # --- progress and status -----------------------------------------------------------------
    "training.progress_start": {"en": "Starting…", "ko": "시작하는 중…"},
    "training.progress": {
        "en": "{model}: epoch {epoch} of {epochs} · update {update} · loss {loss} · {seconds} s",
        "ko": "{model}: 에포크 {epoch}/{epochs} · 갱신 {update}번 · 손실 {loss} · {seconds}초",
    },
    "training.from_cache": {
        "en": "Trained before with exactly these settings: shown at once.",
        "ko": "똑같은 설정으로 이미 학습한 결과라 바로 보여 줍니다.",
    },
    "training.stale": {
        "en": "These results are for earlier settings (below). Press **Train both models** to train with the current ones.",
        "ko": "아래 결과는 이전 설정의 결과입니다. 지금 설정으로 학습하려면 **두 모델 학습**을 누르세요.",
    },
    "training.result_for": {"en": "Results for: {settings}", "ko": "결과의 설정: {settings}"},
    "training.stopped.stopped": {
        "en": "{model} used up its time budget after {updates} updates ({seconds} s); its curve ends there.",
        "ko": "{model}은(는) {updates}번 갱신한 뒤 시간 한도를 다 써서({seconds}초) 곡선이 거기서 끝납니다.",
    },
    "training.stopped.diverged": {
        "en": "{model} diverged after {updates} updates: the loss or the gradient became infinite. Try a smaller learning rate or gradient clipping.",
        "ko": "{model}은(는) {updates}번 갱신한 뒤 발산했습니다. 손실이나 기울기가 무한대가 되었습니다. 학습률을 낮추거나 기울기 클리핑을 켜 보세요.",
    },
    "training.stopped.interrupted": {
        "en": "{model} was stopped after {updates} updates ({seconds} s).",
        "ko": "{model}의 학습을 {updates}번 갱신한 뒤 멈췄습니다({seconds}초).",
    },
    "training.example_title": {"en": "What the task looks like", "ko": "과제의 모습"},
    "training.press_train": {
        "en": "Nothing trained yet for these settings: press **Train both models**.",
        "ko": "이 설정으로는 아직 학습하지 않았습니다. **두 모델 학습**을 누르세요.",
    },
    # --- results ----------------------------------------------------------------------------
    "training.metric.sine": {
        "en": "{model}: MSE on the 40 windows",
        "ko": "{model}: 창 40개의 MSE",
    },
    "training.metric.adding": {"en": "{model}: validation MSE", "ko": "{model}: 검증 MSE"},
    "training.metric.sign": {"en": "{model}: validation accuracy", "ko": "{model}: 검증 정확도"},
    "training.metric_help.sine": {
        "en": "Mean squared error of the one-step predictions on all windows after training.",
        "ko": "학습을 마친 뒤 모든 창에서 한 단계 예측의 평균 제곱 오차.",
    },
    "training.metric_help.adding": {
        "en": "Mean squared error on 256 examples the model never trained on. Guessing the mean scores about 0.167.",
        "ko": "학습에 쓰지 않은 예제 256개에서의 평균 제곱 오차. 평균으로 찍으면 약 0.167입니다.",
    },
    "training.metric_help.sign": {
        "en": "Share of 256 unseen examples whose sign the model gets right (chance: 50%).",
        "ko": "처음 보는 예제 256개 중 부호를 맞힌 비율(찍으면 50%).",
    },
    "training.metric.detail": {
        "en": "{updates} updates · {seconds} s · loss {loss}",
        "ko": "갱신 {updates}번 · {seconds}초 · 손실 {loss}",
    },
    "training.loss_title": {"en": "Loss during training", "ko": "학습 중 손실"},
    "training.loss_caption.sine": {
        "en": "Training MSE per epoch (the mean over the epoch's batches, as Keras reports it), log scale.",
        "ko": "에포크별 학습 MSE(Keras처럼 에포크 안 배치들의 평균), 로그 눈금.",
    },
    "training.loss_caption.adding": {
        "en": "Solid: validation MSE; dotted: training MSE; dashed: always guessing the mean. Log scale.",
        "ko": "실선: 검증 MSE, 점선: 학습 MSE, 파선: 늘 평균으로 찍을 때. 로그 눈금.",
    },
    "training.loss_caption.sign": {
        "en": "Solid: validation cross-entropy; dotted: training cross-entropy; dashed: guessing (ln 2). Log scale.",
        "ko": "실선: 검증 교차 엔트로피, 점선: 학습 교차 엔트로피, 파선: 찍을 때(ln 2). 로그 눈금.",
    },
    "training.result_title.sine": {
        "en": "Closed-loop prediction next to the data",
        "ko": "데이터와 나란히 본 폐루프 예측",
    },
    "training.result_title.adding": {
        "en": "Predicted sum against the true sum",
        "ko": "예측한 합과 실제 합",
    },
    "training.result_title.sign": {"en": "Validation accuracy", "ko": "검증 정확도"},
    "training.result_caption.sine": {
        "en": "Black: the first window, the only data the models see; from there each model feeds its own predictions back in.",
        "ko": "검은 점: 모델이 보는 유일한 데이터인 첫 창. 그 뒤로는 각 모델이 자기 예측을 다시 입력으로 씁니다.",
    },
    "training.result_caption.adding": {
        "en": "200 validation examples. On the diagonal a prediction is right; a model that ignores its input sits on the dotted line at the mean.",
        "ko": "검증 예제 200개. 대각선 위의 예측이 정답이고, 입력을 무시하는 모델은 평균을 나타내는 점선 위에 놓입니다.",
    },
    "training.result_caption.sign": {
        "en": "Share of validation examples whose sign each model gets right, during training.",
        "ko": "학습하는 동안 각 모델이 부호를 맞힌 검증 예제의 비율.",
    },
    "training.download_title": {"en": "Trained weights", "ko": "학습된 가중치"},
    "training.download": {"en": "{model} (.npz)", "ko": "{model} (.npz)"},
    "training.open_stepper": {
        "en": "Open the trained LSTM in the sequence stepper",
        "ko": "학습된 LSTM을 시퀀스 단계별 보기에서 열기",
    },
    "training.open_stepper_help": {
        "en": "Step through this task's sequence with the trained weights and watch its gates: the sine demo's 50 points, or the first validation example.",
        "ko": "학습된 가중치로 이 과제의 시퀀스를 단계별로 보며 게이트를 살펴봅니다: 사인파 예제의 점 50개, 또는 첫 번째 검증 예제.",
    },
    "training.download_help": {
        "en": "PyTorch names: weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0 (gate order i, f, g, o) and readout.weight, readout.bias. An LSTM trained on one input channel (sine, sign) opens in the Sequence stepper as an uploaded model.",
        "ko": "PyTorch 이름: weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0(게이트 순서 i, f, g, o)와 readout.weight, readout.bias. 입력 채널이 하나인 과제(사인파, 부호)로 학습한 LSTM은 '시퀀스 단계별 보기' 페이지에서 업로드 모델로 열 수 있습니다.",
    },
    # --- figures ----------------------------------------------------------------------------
    "training.loss.mse": {"en": "MSE", "ko": "MSE"},
    "training.loss.ce": {"en": "Cross-entropy", "ko": "교차 엔트로피"},
    "training.axis.updates": {"en": "Updates", "ko": "갱신 횟수"},
    "training.axis.epochs": {"en": "Epoch", "ko": "에포크"},
    "training.axis.accuracy": {"en": "Accuracy", "ko": "정확도"},
    "training.axis.step": {"en": "Step t", "ko": "단계 t"},
    "training.curve.model": {"en": "{model}", "ko": "{model}"},
    "training.curve.train": {"en": "{model} (training)", "ko": "{model} (학습)"},
    "training.curve.val": {"en": "{model} (validation)", "ko": "{model} (검증)"},
    "training.curve.train_short": {"en": "training loss", "ko": "학습 손실"},
    "training.curve.val_short": {"en": "validation loss", "ko": "검증 손실"},
    "training.curve.guess": {"en": "constant guess {value}", "ko": "상수 추측 {value}"},
    "training.curve.chance": {"en": "chance", "ko": "우연 수준"},
    "training.sine.data": {"en": "data: sin(x) + noise", "ko": "데이터: sin(x) + 잡음"},
    "training.sine.data_short": {"en": "data", "ko": "데이터"},
    "training.sine.window": {"en": "first window ({steps} steps)", "ko": "첫 창({steps}단계)"},
    "training.sine.prediction": {"en": "{model} closed loop", "ko": "{model} 폐루프"},
    "training.sine.prediction_short": {"en": "prediction", "ko": "예측"},
    "training.adding.perfect": {"en": "perfect", "ko": "정답"},
    "training.adding.guess": {"en": "mean {value}", "ko": "평균 {value}"},
    "training.adding.true": {"en": "True sum", "ko": "실제 합"},
    "training.adding.predicted": {"en": "Predicted sum", "ko": "예측한 합"},
    "training.adding.value": {"en": "Value", "ko": "값"},
    "training.adding.marker": {"en": "marker", "ko": "표시"},
    "training.adding.example_title": {
        "en": "One example: the marked values (green) add up to {target}",
        "ko": "예제 하나: 표시된 값(초록)의 합은 {target}",
    },
    "training.sign.example_title": {
        "en": "One example: x₀ is {sign}, then {steps} steps of noise",
        "ko": "예제 하나: x₀의 부호는 {sign}, 그 뒤 {steps}단계의 잡음",
    },
}
