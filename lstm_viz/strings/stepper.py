"""Strings of the sequence stepper page (a whole sequence, step by step)."""

STRINGS: dict[str, dict[str, str]] = {
    "page.stepper": {"en": "Sequence stepper", "ko": "시퀀스 단계별 보기"},
    "stepper.blurb": {
        "en": "Run an LSTM over a sequence and watch its gates and memory, step by step.",
        "ko": "시퀀스 위에서 LSTM을 실행하고 게이트와 기억을 단계별로 살펴보세요.",
    },
    "stepper.intro": {
        "en": "An LSTM reads a sequence one step at a time. Every row below is one quantity over "
        "time (left to right) for every hidden unit (bottom to top). Step with ◀ ▶ or press "
        "▶ Play in the chart, and watch the memory $c_t$: it stays $H$ numbers at every step, "
        "kept by $f_t$ and rewritten by $i_t \\odot g_t$.",
        "ko": "LSTM은 시퀀스를 한 단계씩 읽습니다. 아래의 각 행은 한 가지 값을 시간(왼쪽에서 "
        "오른쪽)과 은닉 유닛(아래에서 위)에 따라 보여 줍니다. ◀ ▶로 한 단계씩 움직이거나 차트의 "
        "▶ 재생을 눌러 기억 $c_t$를 지켜보세요. $c_t$는 매 단계 $H$개의 숫자로 유지되며, $f_t$가 "
        "남기고 $i_t \\odot g_t$가 새로 씁니다.",
    },
    # --- the sequence
    "stepper.input": {"en": "Input sequence", "ko": "입력 시퀀스"},
    "stepper.source": {"en": "source", "ko": "입력 방식"},
    "stepper.source.preset": {"en": "preset", "ko": "예제"},
    "stepper.source.typed": {"en": "type numbers", "ko": "숫자 입력"},
    "stepper.source.csv": {"en": "CSV file", "ko": "CSV 파일"},
    "stepper.preset": {"en": "sequence", "ko": "시퀀스"},
    "stepper.watch.sine": {
        "en": "The classic Keras demo: sin(x) plus noise on 50 points of [−2π, 2π]. Watch $h_t$ "
        "follow the wave with a lag while $c_t$ smooths out the noise.",
        "ko": "Keras의 고전 예제: [−2π, 2π]의 50개 점에서 sin(x)에 잡음을 더했습니다. $h_t$가 "
        "조금 늦게 파동을 따라가고 $c_t$가 잡음을 매끄럽게 만드는 것을 보세요.",
    },
    "stepper.watch.pulse": {
        "en": "A single 1 at t = 0, then silence: how long does the cell remember it? After "
        "t = 0 every step keeps the fraction $f_t$ of $c$. Raise the forget bias and it lasts "
        "much longer.",
        "ko": "t = 0에 1이 한 번, 그다음은 침묵: 셀은 이것을 얼마나 오래 기억할까요? t = 0 이후 매 "
        "단계 $c$의 $f_t$ 비율만 남습니다. 망각 편향을 올리면 훨씬 오래 갑니다.",
    },
    "stepper.watch.step": {
        "en": "0, then 1 from a quarter of the way on. Watch the gates switch when the input "
        "steps up, and count how many steps $c_t$ needs to settle at its new level.",
        "ko": "처음 4분의 1은 0, 그다음부터 1입니다. 입력이 올라갈 때 게이트가 바뀌는 것을 보고, "
        "$c_t$가 새 수준에 자리 잡기까지 몇 단계가 걸리는지 세어 보세요.",
    },
    "stepper.watch.first_value": {
        "en": "Only the sign of the first value (±1) matters; the rest is small noise. Is a trace "
        "of it left in $c_t$ at the end? Change the sequence seed to flip the sign and compare "
        "the last column.",
        "ko": "첫 값의 부호(±1)만 중요하고 나머지는 작은 잡음입니다. 마지막에 $c_t$에 그 흔적이 "
        "남아 있을까요? 시퀀스 시드를 바꿔 부호를 뒤집고 마지막 열을 비교해 보세요.",
    },
    "stepper.watch.noise": {
        "en": "Nothing to remember: the gates flicker with every input. Compare how far $c_t$ "
        "wanders with a forget bias of 5 (f ≈ 1) and of 0 (f ≈ 0.5).",
        "ko": "기억할 것이 없습니다. 게이트는 입력마다 깜빡입니다. 망각 편향이 5일 때(f ≈ 1)와 "
        "0일 때(f ≈ 0.5) $c_t$가 얼마나 멀리 움직이는지 비교해 보세요.",
    },
    "stepper.watch.sentence": {
        "en": "The subject comes first (“keys”) and the verb that must agree with it last "
        "(“are”), {later} words later. To choose “are”, something of the first word has to "
        "survive in $c_t$ all the way: look along the c row. With random weights it mostly "
        "fades; a trained LSTM learns to keep it.",
        "ko": "주어(“할머니께서는”)는 맨 앞에, 그에 맞춰야 하는 높임 동사(“주무셨다”)는 {later}단어 "
        "뒤 맨 끝에 있습니다. “주무셨다”를 고르려면 첫 단어의 무언가가 끝까지 "
        "$c_t$에 살아남아야 합니다. c 행을 따라가 보세요. 무작위 가중치에서는 대부분 사라지고, "
        "학습된 LSTM은 이를 유지하는 법을 배웁니다.",
    },
    "stepper.steps": {"en": "length T", "ko": "길이 T"},
    "stepper.sentence_length": {
        "en": "The sentence has its own length: T = {T} words, each a fixed random vector of "
        "{D} numbers.",
        "ko": "문장의 길이는 정해져 있습니다: T = {T}개 단어, 각 단어는 숫자 {D}개짜리 고정된 "
        "무작위 벡터입니다.",
    },
    "stepper.xseed": {"en": "sequence seed", "ko": "시퀀스 시드"},
    "stepper.typed": {"en": "numbers, one per step", "ko": "숫자 (한 단계에 하나)"},
    "stepper.typed_help": {
        "en": "Separate the numbers with commas, spaces or new lines; at most {limit} numbers. "
        "Write decimals with a point: 0.5 (a comma separates, so 0,5 is the two numbers 0 and 5).",
        "ko": "숫자는 쉼표, 공백, 줄바꿈으로 구분하세요. 최대 {limit}개입니다. 소수는 점으로 "
        "쓰세요: 0.5 (쉼표는 구분 기호라서 0,5는 0과 5 두 숫자가 됩니다).",
    },
    "stepper.typed_kept": {
        "en": "Showing the last list that could be read ({T} numbers).",
        "ko": "마지막으로 읽을 수 있었던 목록({T}개 숫자)을 보여 줍니다.",
    },
    "stepper.typed_default": {
        "en": "Showing the example list ({T} numbers) until the numbers can be read.",
        "ko": "숫자를 읽을 수 있을 때까지 예제 목록({T}개 숫자)을 보여 줍니다.",
    },
    "stepper.csv": {"en": "CSV file", "ko": "CSV 파일"},
    "stepper.csv_help": {
        "en": "One row per time step, one column per input feature (at most {columns}), an "
        "optional header row; at most {rows} rows and {size}.",
        "ko": "한 행이 한 시간 단계, 한 열이 입력 특성 하나입니다(최대 {columns}열). 머리글 행은 "
        "있어도 되고 없어도 됩니다. 최대 {rows}행, {size}까지입니다.",
    },
    "stepper.csv_loaded": {
        "en": "Sequence from **{name}**: T = {T} steps, D = {D} ({columns}).",
        "ko": "**{name}**의 시퀀스: T = {T} 단계, D = {D} ({columns}).",
    },
    "stepper.csv_none": {
        "en": "No CSV file yet: upload one. Until then the preset sequence is shown.",
        "ko": "아직 CSV 파일이 없습니다. 파일을 올려 주세요. 그때까지는 예제 시퀀스를 보여 줍니다.",
    },
    "stepper.scale_note": {
        "en": "Some inputs are larger than {limit} in size: such inputs push every gate to 0 or "
        "1. Scaling the data (e.g. to mean 0, standard deviation 1) shows more.",
        "ko": "일부 입력의 크기가 {limit}보다 큽니다. 이런 입력은 모든 게이트를 0이나 1로 "
        "밀어붙입니다. 데이터를 조정하면(예: 평균 0, 표준편차 1) 더 많은 것이 보입니다.",
    },
    # --- the model
    "stepper.model": {"en": "Model", "ko": "모델"},
    "stepper.model_source": {"en": "weights", "ko": "가중치"},
    "stepper.model_source.random": {"en": "random", "ko": "무작위"},
    "stepper.model_source.hand": {"en": "set by hand", "ko": "직접 설정"},
    "stepper.model_source.upload": {"en": "trained (file)", "ko": "학습됨(파일)"},
    "stepper.variant": {"en": "LSTM variant", "ko": "LSTM 변형"},
    "stepper.scheme": {"en": "initialisation", "ko": "초기화 방식"},
    "stepper.scheme.torch": {"en": "PyTorch", "ko": "PyTorch"},
    "stepper.scheme.keras": {"en": "Keras", "ko": "Keras"},
    "stepper.scheme.gaussian": {"en": "Gaussian", "ko": "가우스"},
    "stepper.scheme_help": {
        "en": "PyTorch: uniform ±1/√H. Keras: Glorot-uniform W, orthogonal U, forget bias 1. "
        "Gaussian: W ~ N(0, 1/D), each U block with spectral radius 1, zero biases.",
        "ko": "PyTorch: ±1/√H 균등 분포. Keras: Glorot 균등 W, 직교 U, 망각 편향 1. "
        "가우스: W ~ N(0, 1/D), 각 U 블록의 스펙트럼 반지름 1, 편향 0.",
    },
    "stepper.hidden": {"en": "hidden units H", "ko": "은닉 유닛 수 H"},
    "stepper.seed": {"en": "weight seed", "ko": "가중치 시드"},
    "stepper.forget_bias": {"en": "forget bias b_f", "ko": "망각 편향 b_f"},
    "stepper.forget_bias_help": {
        "en": "Sets every forget-gate bias. σ(5) = 0.993 keeps almost all memory at each step, "
        "σ(0) = 0.5 halves it. “scheme” keeps the initialisation's own biases.",
        "ko": "모든 망각 게이트 편향을 정합니다. σ(5) = 0.993이면 매 단계 기억을 거의 다 남기고, "
        "σ(0) = 0.5이면 절반으로 줄입니다. “방식 기본값”은 초기화 방식의 편향을 그대로 씁니다.",
    },
    "stepper.fb_scheme": {"en": "scheme", "ko": "방식 기본값"},
    "stepper.hand_hidden": {"en": "hidden units H", "ko": "은닉 유닛 수 H"},
    "stepper.hand_reset": {"en": "Example", "ko": "예제"},
    "stepper.hand_random": {"en": "Copy random", "ko": "무작위 복사"},
    "stepper.hand_where": {
        "en": "Edit the weights in the table at the top of the page. The example is a leaky "
        "memory: each unit writes when its input is positive and keeps f = 0.95 per step.",
        "ko": "가중치는 페이지 위쪽의 표에서 고칩니다. 예제는 새는 기억입니다: 각 유닛은 입력이 "
        "양수일 때 쓰고, 매 단계 f = 0.95만큼 남깁니다.",
    },
    "stepper.hand_weights": {
        "en": "Hand-set weights (W, U, b of every gate and unit)",
        "ko": "직접 설정한 가중치(게이트와 유닛마다 W, U, b)",
    },
    "stepper.hand_random_help": {
        "en": "Fill the table with the random model's weights (initialisation, seed and forget "
        "bias as set under “random”) for this H.",
        "ko": "표를 무작위 모델의 가중치로 채웁니다(‘무작위’에서 정한 초기화 방식, 시드, 망각 "
        "편향, 이 H 기준).",
    },
    "stepper.upload": {
        "en": "weights file (.npz or .safetensors)",
        "ko": "가중치 파일(.npz, .safetensors)",
    },
    "stepper.upload_help": {
        "en": "A one-layer LSTM with PyTorch names (weight_ih_l0, weight_hh_l0, bias_ih_l0, "
        "bias_hh_l0) or Keras names (kernel, recurrent_kernel, bias); at most H = {H} units, "
        "{size}. Pickles are never loaded.",
        "ko": "PyTorch 이름(weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0)이나 Keras 이름"
        "(kernel, recurrent_kernel, bias)을 쓴 1층 LSTM, 최대 H = {H}, {size}까지입니다. "
        "피클은 절대 불러오지 않습니다.",
    },
    "stepper.upload_loaded": {
        "en": "Weights from **{name}** ({layout} layout): H = {H} units, D = {D} inputs.",
        "ko": "**{name}**의 가중치({layout} 형식): H = {H}, D = {D}.",
    },
    "stepper.upload_none": {
        "en": "No weights file yet: upload one. Until then the random model is used.",
        "ko": "아직 가중치 파일이 없습니다. 파일을 올려 주세요. 그때까지는 무작위 모델을 씁니다.",
    },
    "stepper.upload_mismatch": {
        "en": "The uploaded weights expect D = {D_w} numbers per step, but the sequence has "
        "D = {D_x} (one per column). Choose a sequence with {D_w} feature(s), e.g. a CSV file "
        "with {D_w} column(s). Until then the random model is used; the file is kept.",
        "ko": "올린 가중치는 단계마다 D = {D_w}개의 숫자를 기대하지만 시퀀스는 D = {D_x}입니다"
        "(열마다 하나). 특성이 {D_w}개인 시퀀스(예: 열이 {D_w}개인 CSV 파일)를 고르세요. "
        "그때까지는 무작위 모델을 쓰며, 파일은 그대로 보관됩니다.",
    },
    # --- the views
    "stepper.prev": {"en": "◀ back", "ko": "◀ 이전"},
    "stepper.next": {"en": "next ▶", "ko": "다음 ▶"},
    "stepper.cursor": {"en": "step t", "ko": "단계 t"},
    "stepper.cursor_word": {"en": "step t = {t}: “{word}”", "ko": "단계 t = {t}: “{word}”"},
    "stepper.speed": {"en": "play speed (frames/s)", "ko": "재생 속도(프레임/초)"},
    "stepper.units": {"en": "units in the line plot", "ko": "선 그래프의 유닛"},
    "stepper.quantities": {"en": "quantities in the line plot", "ko": "선 그래프의 값"},
    "stepper.figure_help": {
        "en": "▶ Play moves the markers in this chart, in your browser; the heatmaps, the cell "
        "and the table below follow step t (◀ ▶ and the slider above).",
        "ko": "▶ 재생은 브라우저에서 이 차트의 표시점만 움직입니다. 아래의 히트맵, 셀, 표는 위의 "
        "◀ ▶와 슬라이더로 정한 단계 t를 따릅니다.",
    },
    "stepper.thinned_lines": {
        "en": "T = {T} steps: each line keeps the lowest and the highest value of every "
        "{stride} steps.",
        "ko": "T = {T} 단계: 각 선은 {stride}단계마다 가장 낮은 값과 가장 높은 값을 그립니다.",
    },
    "stepper.thinned_frames": {
        "en": "▶ Play visits {frames} of the {T} steps (1 in {every} steps, and the last).",
        "ko": "▶ 재생은 {T}단계 중 {frames}단계를 보여 줍니다({every}단계마다 1개, 그리고 마지막 "
        "단계).",
    },
    "stepper.every_step_kept": {
        "en": "The table and the downloads have every step.",
        "ko": "표와 내려받기에는 모든 단계가 들어 있습니다.",
    },
    "stepper.heatmaps_pooled": {
        "en": "T = {T} steps: each column covers {size} steps and shows, for each unit, the step "
        "that stands out most from the others in it (farthest from their average; hover names "
        "it). The table and the downloads have every step.",
        "ko": "T = {T} 단계: 한 열은 {size}단계를 묶어, 유닛마다 그중 가장 두드러진 단계(평균에서 "
        "가장 먼 값)를 보여 줍니다. 마우스를 올리면 그 단계가 보입니다. 표와 내려받기에는 모든 "
        "단계가 들어 있습니다.",
    },
    "stepper.hover_pooled": {
        "en": "stands out most of the {size} steps here",
        "ko": "이 열의 {size}단계 중 가장 두드러짐",
    },
    "stepper.play": {"en": "▶ Play", "ko": "▶ 재생"},
    "stepper.pause": {"en": "‖ Pause", "ko": "‖ 멈춤"},
    "stepper.rewind": {"en": "|◀ Start", "ko": "|◀ 처음"},
    "stepper.row.x": {"en": "<b>xₜ</b> input", "ko": "<b>xₜ</b> 입력"},
    "stepper.row.f": {
        "en": "<b>fₜ</b> forget gate: the share of cₜ₋₁ kept",
        "ko": "<b>fₜ</b> 망각 게이트: cₜ₋₁ 중 남기는 비율",
    },
    "stepper.row.i": {
        "en": "<b>iₜ</b> input gate: how much of gₜ is written",
        "ko": "<b>iₜ</b> 입력 게이트: gₜ를 얼마나 쓸지",
    },
    "stepper.row.o": {
        "en": "<b>oₜ</b> output gate: how much of tanh(cₜ) is shown",
        "ko": "<b>oₜ</b> 출력 게이트: tanh(cₜ)를 얼마나 내보낼지",
    },
    "stepper.row.g": {"en": "<b>gₜ</b> candidate", "ko": "<b>gₜ</b> 후보 기억"},
    "stepper.row.c": {
        "en": "<b>cₜ</b> cell state, the memory",
        "ko": "<b>cₜ</b> 셀 상태, 기억",
    },
    "stepper.row.h": {
        "en": "<b>hₜ</b> hidden state = oₜ ⊙ tanh(cₜ)",
        "ko": "<b>hₜ</b> 은닉 상태 = oₜ ⊙ tanh(cₜ)",
    },
    "stepper.row.lines": {
        "en": "<b>chosen units</b> over time",
        "ko": "<b>선택한 유닛</b>의 변화",
    },
    "stepper.scale_gate": {"en": "i, f, o", "ko": "게이트 i, f, o"},
    "stepper.scale_signed": {"en": "g, c, h", "ko": "g, c, h (부호)"},
    "stepper.unit": {"en": "unit", "ko": "유닛"},
    "stepper.heatmaps_title": {"en": "Every unit over time", "ko": "시간에 따른 모든 유닛"},
    "stepper.heatmaps_help": {
        "en": "The black line marks step t = {t}. Hover over a brick for its number; the colours "
        "of c stop at ±1, but c itself can grow beyond.",
        "ko": "검은 세로선은 단계 t = {t}입니다. 칸에 마우스를 올리면 숫자가 보입니다. c의 색은 "
        "±1까지만 표시되지만 c 자체는 그보다 커질 수 있습니다.",
    },
    "stepper.diagram_title": {"en": "The cell at step t = {t}", "ko": "단계 t = {t}의 셀"},
    "stepper.diagram_unit": {"en": "unit shown in the diagram", "ko": "그림에 표시할 유닛"},
    "stepper.table_title": {
        "en": "Every unit at step t = {t}",
        "ko": "단계 t = {t}의 모든 유닛",
    },
    "stepper.downloads": {"en": "Downloads", "ko": "내려받기"},
    "stepper.download_trace": {"en": "Whole run (CSV)", "ko": "전체 실행 결과(CSV)"},
    "stepper.download_trace_help": {
        "en": "Every step, unit and quantity: columns t, unit, quantity, value ({rows} rows, "
        "about {size}; t and unit are counted from 0, as in Python).",
        "ko": "모든 단계, 유닛, 값: 열은 t, unit, quantity, value입니다({rows}행, 약 {size}. t와 "
        "unit은 파이썬처럼 0부터 셉니다).",
    },
    "stepper.download_weights": {
        "en": "Weights (.npz, PyTorch names)",
        "ko": "가중치(.npz, PyTorch 이름)",
    },
    "stepper.download_weights_help": {
        "en": "weight_ih_l0, weight_hh_l0, bias_ih_l0 (the whole bias) and bias_hh_l0 (zeros); "
        "loads back here and into nn.LSTM.",
        "ko": "weight_ih_l0, weight_hh_l0, bias_ih_l0(편향 전체), bias_hh_l0(0). 이 페이지와 "
        "nn.LSTM에 다시 불러올 수 있습니다.",
    },
    "stepper.upload_unused": {
        "en": "The file also holds other layers or the backward direction of this LSTM "
        "({names}); this page runs only the first layer's forward direction (the …_l0 weights).",
        "ko": "파일에 이 LSTM의 다른 층이나 역방향 가중치({names})도 있습니다. 이 페이지는 첫 번째 "
        "층의 정방향(…_l0 가중치)만 실행합니다.",
    },
    "stepper.note.csv_decimal_commas": {
        "en": "Read as 2 columns separated by commas. If these are decimal commas (0,5 meaning "
        "0.5), save the file with decimal points, or separate the columns with semicolons.",
        "ko": "쉼표로 구분된 2개의 열로 읽었습니다. 쉼표가 소수점이라면(0,5가 0.5라는 뜻) 소수점을 "
        "점으로 바꿔 저장하거나 열을 세미콜론으로 구분하세요.",
    },
    "stepper.url_t_beyond": {
        "en": "The link asks for step t = {t}, but this sequence ends at t = {last}; showing "
        "t = {last}.",
        "ko": "링크가 단계 t = {t}를 요청했지만 이 시퀀스는 t = {last}에서 끝납니다. t = {last}를 "
        "보여 줍니다.",
    },
    "stepper.url_units_beyond": {
        "en": "The link asks for unit(s) {units}, but this model has H = {H} units; they are left "
        "out of the line plot.",
        "ko": "링크가 유닛 {units}을(를) 요청했지만 이 모델의 유닛은 H = {H}개입니다. 선 그래프에서 "
        "뺐습니다.",
    },
    "stepper.kept_previous": {
        "en": "The previous sequence and model are kept.",
        "ko": "이전 시퀀스와 모델을 그대로 유지합니다.",
    },
    # --- rejected input (codes of lstm_core.lab.weights_io.BadFileError and lstm_ui.uploads)
    "stepper.err.empty": {"en": "The file is empty.", "ko": "파일이 비어 있습니다."},
    "stepper.err.too_big": {
        "en": "The file is too big ({size}; at most {limit}).",
        "ko": "파일이 너무 큽니다({size}, 최대 {limit}).",
    },
    "stepper.err.single_npy": {
        "en": "This is a single .npy array. Save the named arrays together in an .npz: "
        'np.savez("lstm.npz", **arrays).',
        "ko": "단일 .npy 배열입니다. 이름 붙은 배열들을 .npz 하나로 저장하세요: "
        'np.savez("lstm.npz", **arrays).',
    },
    "stepper.err.pickled": {
        "en": "The file holds pickled Python objects. They are never loaded here (a pickle can "
        "run code); save plain number arrays instead.",
        "ko": "파일에 피클된 파이썬 객체가 있습니다. 피클은 코드를 실행할 수 있어 여기서는 절대 "
        "불러오지 않습니다. 숫자 배열로 저장하세요.",
    },
    "stepper.err.not_weights": {
        "en": "`{name}` is neither an .npz nor a .safetensors file.",
        "ko": "`{name}`은(는) .npz 파일도 .safetensors 파일도 아닙니다.",
    },
    "stepper.err.bad_npz": {
        "en": "The .npz file cannot be read ({detail}).",
        "ko": ".npz 파일을 읽을 수 없습니다({detail}).",
    },
    "stepper.err.bad_safetensors": {
        "en": "The .safetensors file cannot be read ({detail}).",
        "ko": ".safetensors 파일을 읽을 수 없습니다({detail}).",
    },
    "stepper.err.too_many_arrays": {
        "en": "The file holds {count} arrays; at most {limit} are read.",
        "ko": "파일에 배열이 {count}개 있습니다. 최대 {limit}개까지 읽습니다.",
    },
    "stepper.err.bad_dtype": {
        "en": "`{name}` has the number type {dtype}; weights must be floating point "
        "(F64, F32, F16 or BF16).",
        "ko": "`{name}`의 숫자 형식은 {dtype}입니다. 가중치는 부동소수점(F64, F32, F16, BF16)"
        "이어야 합니다.",
    },
    "stepper.err.several_lstms": {
        "en": "The file holds more than one LSTM ({names}); save just one layer.",
        "ko": "파일에 LSTM이 둘 이상 있습니다({names}). 층 하나만 저장하세요.",
    },
    "stepper.err.missing_keys": {
        "en": "The file lacks {names}.",
        "ko": "파일에 {names}이(가) 없습니다.",
    },
    "stepper.err.unknown_layout": {
        "en": "Found the arrays {names}, but expected PyTorch names (weight_ih_l0, weight_hh_l0, "
        "bias_ih_l0, bias_hh_l0) or Keras names (kernel, recurrent_kernel, bias).",
        "ko": "배열 {names}이(가) 있지만, PyTorch 이름(weight_ih_l0, weight_hh_l0, bias_ih_l0, "
        "bias_hh_l0)이나 Keras 이름(kernel, recurrent_kernel, bias)이 필요합니다.",
    },
    "stepper.err.weights_shape": {
        "en": "These weights do not fit an LSTM: {detail}",
        "ko": "이 가중치는 LSTM에 맞지 않습니다: {detail}",
    },
    "stepper.err.weights_too_large": {
        "en": "These weights have H = {H} units and D = {D} inputs; this page shows at most "
        "H = {max_h} and D = {max_d}.",
        "ko": "이 가중치는 H = {H}, D = {D}입니다. 이 페이지는 최대 H = {max_h}, D = {max_d}까지 "
        "보여 줍니다.",
    },
    "stepper.err.array_too_big": {
        "en": "The array `{name}` holds {count} numbers; at most {limit} per array are read "
        "(an LSTM this page shows needs far fewer). Save only the LSTM's weights.",
        "ko": "배열 `{name}`에 숫자가 {count}개 있습니다. 배열마다 최대 {limit}개까지 읽습니다(이 "
        "페이지가 보여 주는 LSTM에는 훨씬 적게 필요합니다). LSTM의 가중치만 저장하세요.",
    },
    "stepper.err.too_many_numbers": {
        "en": "The arrays hold more than {limit} numbers together. Save only the LSTM's weights.",
        "ko": "배열의 숫자가 모두 합해 {limit}개를 넘습니다. LSTM의 가중치만 저장하세요.",
    },
    "stepper.err.npz_encrypted": {
        "en": "`{name}` in the .npz is encrypted (password-protected); save it with np.savez.",
        "ko": ".npz 안의 `{name}`이(가) 암호화되어 있습니다. np.savez로 저장하세요.",
    },
    "stepper.err.npz_compression": {
        "en": "`{name}` in the .npz is packed with zip method {method}, which is not read here; "
        "save the file with np.savez or np.savez_compressed.",
        "ko": ".npz 안의 `{name}`은(는) 여기서 읽지 않는 zip 방식 {method}(으)로 압축되어 "
        "있습니다. np.savez나 np.savez_compressed로 저장하세요.",
    },
    "stepper.err.weights_too_extreme": {
        "en": "A weight is {value}; weights beyond ±{limit} are not accepted (they would "
        "overflow and saturate every gate).",
        "ko": "가중치 중 {value}이(가) 있습니다. ±{limit}을(를) 넘는 가중치는 받지 않습니다(넘치거나 "
        "모든 게이트를 포화시킵니다).",
    },
    "stepper.err.upload_failed": {
        "en": "This file could not be read ({kind}).",
        "ko": "이 파일을 읽을 수 없습니다({kind}).",
    },
    "stepper.err.typed_empty": {
        "en": "Type at least two numbers.",
        "ko": "숫자를 두 개 이상 입력하세요.",
    },
    "stepper.err.typed_too_long": {
        "en": "The text is too long ({length} characters; at most {limit}).",
        "ko": "글이 너무 깁니다({length}자, 최대 {limit}자).",
    },
    "stepper.err.typed_too_many": {
        "en": "{count} numbers is too many; at most {limit} steps.",
        "ko": "숫자 {count}개는 너무 많습니다. 최대 {limit}단계입니다.",
    },
    "stepper.err.typed_not_number": {
        "en": "Number {position}, `{value}`, is not a number.",
        "ko": "{position}번째 값 `{value}`은(는) 숫자가 아닙니다.",
    },
    "stepper.err.typed_not_finite": {
        "en": "Number {position}, `{value}`, is not finite; use ordinary numbers.",
        "ko": "{position}번째 값 `{value}`은(는) 유한한 숫자가 아닙니다. 보통 숫자를 쓰세요.",
    },
    "stepper.err.typed_too_large": {
        "en": "Number {position}, `{value}`, is too large (at most {limit} in size).",
        "ko": "{position}번째 값 `{value}`이(가) 너무 큽니다(크기 최대 {limit}).",
    },
    "stepper.err.typed_too_short": {
        "en": "Type at least {limit} numbers (found {count}).",
        "ko": "숫자를 {limit}개 이상 입력하세요({count}개 있음).",
    },
    "stepper.err.csv_empty": {"en": "The CSV file is empty.", "ko": "CSV 파일이 비어 있습니다."},
    "stepper.err.csv_too_big": {
        "en": "The CSV file is too big ({size}; at most {limit}).",
        "ko": "CSV 파일이 너무 큽니다({size}, 최대 {limit}).",
    },
    "stepper.err.csv_binary": {
        "en": "This is not a text file; a CSV file holds lines of numbers separated by commas.",
        "ko": "텍스트 파일이 아닙니다. CSV 파일은 쉼표로 구분된 숫자 줄로 이루어집니다.",
    },
    "stepper.err.csv_too_long": {
        "en": "The CSV file has {rows} rows; at most {limit} steps.",
        "ko": "CSV 파일이 {rows}행입니다. 최대 {limit}단계입니다.",
    },
    "stepper.err.csv_too_wide": {
        "en": "The CSV file has {columns} columns; at most {limit} input features.",
        "ko": "CSV 파일이 {columns}열입니다. 입력 특성은 최대 {limit}개입니다.",
    },
    "stepper.err.csv_line_too_long": {
        "en": "Line {line} has {length} characters; a row of at most {limit} is read.",
        "ko": "{line}번째 줄이 {length}자입니다. 한 행은 최대 {limit}자까지 읽습니다.",
    },
    "stepper.err.csv_ragged": {
        "en": "Line {line} has {saw} values but the first line has {expected}.",
        "ko": "{line}번째 줄에 값이 {saw}개 있지만 첫 줄에는 {expected}개 있습니다.",
    },
    "stepper.err.csv_open_quote": {
        "en": 'Line {line} opens a quotation mark (") that is never closed, so the rest of the '
        "file cannot be read as rows; remove it or close it.",
        "ko": '{line}번째 줄에서 연 따옴표(")가 닫히지 않아 파일의 나머지를 행으로 읽을 수 '
        "없습니다. 따옴표를 지우거나 닫으세요.",
    },
    "stepper.err.csv_unreadable": {
        "en": "The CSV file cannot be read ({detail}).",
        "ko": "CSV 파일을 읽을 수 없습니다({detail}).",
    },
    "stepper.err.csv_no_rows": {
        "en": "The CSV file has a header but no rows of numbers.",
        "ko": "CSV 파일에 머리글만 있고 숫자 행이 없습니다.",
    },
    "stepper.err.csv_too_short": {
        "en": "The CSV file has {count} row(s) of numbers; at least {limit} are needed.",
        "ko": "CSV 파일의 숫자 행이 {count}개입니다. 최소 {limit}개가 필요합니다.",
    },
    "stepper.err.csv_missing": {
        "en": "Row {row}, column {column} is empty.",
        "ko": "{row}행 {column}열이 비어 있습니다.",
    },
    "stepper.err.csv_not_numeric": {
        "en": "Row {row}, column {column} holds `{value}`, which is not a number.",
        "ko": "{row}행 {column}열의 `{value}`은(는) 숫자가 아닙니다.",
    },
    "stepper.err.csv_wrong_delimiter": {
        "en": "`{value}` could not be split into numbers: separate the columns with commas, "
        "semicolons or tabs.",
        "ko": "`{value}`을(를) 숫자로 나눌 수 없습니다. 열은 쉼표, 세미콜론, 탭으로 구분하세요.",
    },
    "stepper.err.csv_not_finite": {
        "en": "Row {row}, column {column} holds `{value}`; use finite numbers.",
        "ko": "{row}행 {column}열에 `{value}`이(가) 있습니다. 유한한 숫자를 쓰세요.",
    },
    "stepper.err.csv_too_large": {
        "en": "Row {row}, column {column} holds `{value}`, larger than {limit} in size.",
        "ko": "{row}행 {column}열의 `{value}`은(는) 크기가 {limit}보다 큽니다.",
    },
}
