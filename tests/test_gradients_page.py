"""The vanishing gradients page through AppTest (presets, vanishing and exploding, clipping, the
URL, bad URLs, both languages), and its figures and generated text without a server."""

import base64
import dataclasses
import json

import numpy as np
import plotly.graph_objects as go
import pytest

from lstm_core import LSTMParams, RNNParams
from lstm_core.lab.gradient_flow import clip_rnn, lstm_flow, memory_horizon, rnn_flow
from lstm_core.lab.inputs import PRESETS, SENTENCE_KO, make_sequence
from lstm_core.lab.verdicts import gradient_verdicts, horizon_for_rate, lstm_verdict, reach
from lstm_viz import downsample
from lstm_viz import gradients as viz
from lstm_viz.i18n import t
from pages import vanishing_gradients_controller as state

from apptest_support import all_text, assert_no_errors, open_app

PAGE = "pages/vanishing_gradients.py"


def decoded(value):
    """A figure JSON value with plotly's base64 typed arrays ({"dtype", "bdata"}) as lists."""
    if isinstance(value, list):
        return [decoded(v) for v in value]
    if isinstance(value, dict):
        if set(value) <= {"dtype", "bdata", "shape"} and "bdata" in value:
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
            if "shape" in value:
                shape = value["shape"]
                dims = shape if isinstance(shape, list) else str(shape).split(",")
                array = array.reshape([int(s) for s in dims])
            return array.tolist()
        return {k: decoded(v) for k, v in value.items()}
    return value


def figures(at) -> dict[str, dict]:
    """The page's plotly figures by their key's role: norms, theory_rnn, theory_lstm,
    theory_gru (when the GRU is shown), heatmap."""
    charts = at.get("plotly_chart")
    names = ["norms", "theory_rnn", "theory_lstm", "heatmap"]
    if len(charts) == 5:
        names.insert(3, "theory_gru")
    out = {}
    for chart, name in zip(charts, names, strict=True):
        out[name] = decoded(json.loads(chart.proto.spec))
        out[name]["_bytes"] = len(chart.proto.spec)
    return out


def metric_values(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def metric_deltas(at) -> dict[str, str]:
    """The small line under each headline number (the mean gate under its model's horizon)."""
    return {m.label: m.delta for m in at.metric}


def default_flows(T=100, H=16, preset="first_value", scale=0.9, forget_bias=3.0):
    """The page's default models, computed here straight from the core."""
    xs = make_sequence(preset, T, 0).xs
    q = RNNParams.init(xs.shape[1], H, seed=0, scheme="gaussian", recurrent_scale=scale)
    p = LSTMParams.init(xs.shape[1], H, seed=0, scheme="gaussian", forget_bias=forget_bias)
    return q, xs, rnn_flow(q, xs, len(xs) - 1), lstm_flow(p, xs, len(xs) - 1)


def explain(rnn, lstm, clipped, lang):
    """The page's notes for these flows: the verdicts, worded."""
    return viz.explanation(gradient_verdicts(rnn, lstm, clipped), rnn, lstm, clipped, lang)


def label(norms_back, lang, reference=1.0):
    """The headline horizon of one gradient, from its verdict."""
    return viz.horizon_label(reach(norms_back, reference), lang)


def horizon_by_definition(norms_back, threshold=1e-3):
    """The memory horizon straight from its definition: the smallest k ≥ 1 such that every norm
    from k back to the start is below threshold × the norm at the loss; None if there is none."""
    K = len(norms_back)
    for k in range(1, K):
        if all(norms_back[j] < threshold * norms_back[0] for j in range(k, K)):
            return k
    return None


def rnn_norms_by_hand(q, xs, t_loss):
    """‖∂L/∂h_{τ−k}‖ of a tanh RNN, by an explicit forward and backward loop (min-char-rnn
    style), independent of lstm_core's backward: L = Σ_j h_τ,j / √H."""
    T, H = len(xs), q.U.shape[0]
    h, hs = np.zeros(H), []
    for x in xs[:T]:
        h = np.tanh(q.W @ x + q.U @ h + q.b)
        hs.append(h)
    dh = np.full(H, 1 / np.sqrt(H))
    out = []
    for step in range(t_loss, -1, -1):
        out.append(np.linalg.norm(dh))
        dh = q.U.T @ ((1 - hs[step] ** 2) * dh)  # back through tanh, then through U
    return np.array(out)


def lstm_mean_forget_gate_by_hand(p, xs):
    """The mean forget gate over all steps and units, by an explicit forward loop (gates i, f,
    g, o stacked in that order), independent of lstm_core's run_lstm."""
    H = p.U.shape[1]
    h, c, fs = np.zeros(H), np.zeros(H), []
    for x in xs:
        a = p.W @ x + p.U @ h + p.b
        i, f = 1 / (1 + np.exp(-a[:H])), 1 / (1 + np.exp(-a[H : 2 * H]))
        g, o = np.tanh(a[2 * H : 3 * H]), 1 / (1 + np.exp(-a[3 * H :]))
        c = f * c + i * g
        h = o * np.tanh(c)
        fs.append(f)
    return float(np.mean(fs))


# --- the page ----------------------------------------------------------------------------------


def test_default_page_shows_the_measured_horizons_and_four_small_figures():
    at = open_app(PAGE)
    assert_no_errors(at)
    assert at.title[0].value == "Vanishing gradients"
    q, xs, rnn, lstm = default_flows()
    # 48 and 0.954 derived here without lstm_core's backward pass or forward run
    by_hand = rnn_norms_by_hand(q, xs, len(xs) - 1)
    np.testing.assert_allclose(by_hand, rnn.dh_norm, rtol=1e-10)
    assert horizon_by_definition(by_hand) == 48
    p = LSTMParams.init(xs.shape[1], 16, seed=0, scheme="gaussian", forget_bias=3.0)
    f_mean = lstm_mean_forget_gate_by_hand(p, xs)
    assert f"{f_mean:.3f}" == "0.954"
    metrics = metric_values(at)
    assert metrics["RNN"] == "48"
    assert metrics["LSTM, cell c"] == "> 99"  # beyond the sequence
    assert horizon_by_definition(lstm.dc_norm) is None
    assert metric_deltas(at)["LSTM, cell c"] == "f̄ = 0.954"  # the mean gate under its horizon
    assert "GRU" not in metrics  # the third place is the GRU's, shown on demand
    helps = {m.label: m.help for m in at.metric}  # the detail the short labels leave out
    assert "‖∂L/∂hₜ‖" in helps["RNN"] and "10⁻³" in helps["RNN"]
    assert "‖∂L/∂cₜ‖" in helps["LSTM, cell c"] and "mean forget gate" in helps["LSTM, cell c"]
    text = all_text(at)
    assert "**Memory horizon (steps)**" in text  # the one heading that names the numbers
    assert "from **48 steps** back on" in text and "f̄ = 0.954" in text
    figs = figures(at)
    assert sum(f["_bytes"] for f in figs.values()) < 1_000_000
    norms = figs["norms"]
    assert norms["layout"]["yaxis"]["type"] == "log"
    names = [trace.get("name") for trace in norms["data"]]
    assert names[:3] == ["RNN ‖∂L/∂hₜ‖", "LSTM ‖∂L/∂hₜ‖", "LSTM ‖∂L/∂cₜ‖"]
    # the plotted RNN curve is the backward pass's norm, divided by its value 1 at the loss
    np.testing.assert_allclose(norms["data"][0]["y"], rnn.dh_norm, rtol=1e-12)
    # No animation and no plotly controls under the chart: only the k axis below the plot.
    assert "frames" not in norms and not {"sliders", "updatemenus"} & set(norms["layout"])
    assert norms["layout"]["margin"]["b"] <= 60
    assert figs["heatmap"]["layout"]["coloraxis"]["colorscale"]  # one shared log colour scale
    assert "Clipping is off" in text


def test_korean_page_is_korean():
    at = open_app(PAGE, lang="ko")
    assert_no_errors(at)
    assert at.title[0].value == "기울기 소실"
    text = all_text(at)
    assert "**48단계** 앞부터" in text and "기억 경로" in text
    assert metric_values(at)["RNN"] == "48" and "**기억 범위(단계)**" in text
    assert metric_deltas(at)["LSTM, 셀 c"] == "f̄ = 0.954"
    assert "updatemenus" not in figures(at)["norms"]["layout"]
    assert "곡선을 가리키거나 누르면 각 단계의 숫자를" in text


@pytest.mark.parametrize("preset", PRESETS)
def test_every_input_preset_renders(preset):
    at = open_app(PAGE, gr_input=preset, gr_T="50")
    assert_no_errors(at)
    assert len(at.get("plotly_chart")) == 4
    text = all_text(at)
    if preset == "sentence":  # its own length; the T control is ignored, and the page says so
        assert f"T = {len(make_sequence('sentence').xs)} words" in text
    else:
        assert "The loss is at step τ = 49 of t = 0 … 49." in text


def test_korean_sentence_has_its_own_length():
    at = open_app(PAGE, gr_input="sentence", lang="ko")
    assert_no_errors(at)
    assert f"T = {len(SENTENCE_KO)}단어" in all_text(at)


def test_explode_scenario_grows_the_rnn_gradient_and_clipping_caps_the_update():
    at = open_app(PAGE)
    at.button(key="gr_apply_explodes").click().run()
    assert_no_errors(at)
    assert at.session_state["gr_scale"] == 1.5 and at.session_state["gr_clip"] == 1.0
    q, xs, rnn, _ = default_flows(T=500, preset="pulse", scale=1.5)
    clipped = clip_rnn(q, xs, rnn, 1.0, "global")
    metrics = metric_values(at)
    assert metrics["RNN"] == "explodes"
    assert metrics["‖∇L‖ before"] == viz.sci(rnn.param_grad_norm)
    assert metrics["‖∇L‖ after"] == "1"
    assert metrics["factor s"] == viz.sci(clipped.factor)
    norms = figures(at)["norms"]
    clipped_trace = norms["data"][3]
    assert clipped_trace["name"] == "RNN, whole gradient clipped at θ = 1"
    assert max(norms["data"][0]["y"]) > 1e6  # unclipped: explodes
    # global clipping moves the whole curve down by s: the same shape on the log axis
    np.testing.assert_allclose(clipped_trace["y"], clipped.factor * np.array(norms["data"][0]["y"]))
    assert "**Clipping** (θ = 1)" in all_text(at)


def test_per_step_clipping_flattens_the_curve_at_the_threshold():
    at = open_app(
        PAGE, gr_input="pulse", gr_T="500", gr_scale="1.5", gr_clip="2", gr_clip_mode="per_step"
    )
    assert_no_errors(at)
    trace = figures(at)["norms"]["data"][3]
    assert trace["name"] == "RNN, clipped at θ = 2 every step"
    assert max(trace["y"]) <= 2.0 * (1 + 1e-9) and max(trace["y"]) > 1.9
    assert "**Per-step clipping**" in all_text(at)
    assert metric_values(at)["steps cut"].endswith("/ 500")


def test_clipping_cannot_help_a_vanishing_gradient():
    at = open_app(PAGE, gr_clip="5")  # the default RNN's whole gradient has norm 2.01
    assert_no_errors(at)
    assert "clipping changes nothing" in all_text(at)
    assert metric_values(at)["factor s"] == "1"


def test_the_lstm_vanishes_too_when_its_forget_gate_is_small():
    at = open_app(PAGE)
    at.button(key="gr_apply_lstm_forgets").click().run()
    assert_no_errors(at)
    text = all_text(at)
    assert "**the LSTM forgets too**" in text
    assert "does not remember longer than the RNN" in text
    steps = int(metric_values(at)["LSTM, cell c"])
    assert steps < 48


def test_no_forget_variant_disables_the_forget_bias_and_says_why():
    at = open_app(PAGE, gr_variant="no_forget")
    assert_no_errors(at)
    assert at.slider(key="gr_bf").disabled
    text = all_text(at)
    assert "**LSTM without a forget gate**" in text
    assert metric_deltas(at)["LSTM, cell c"] == "f̄ = 1.000"


def test_url_values_reach_the_widgets_and_changes_reach_the_url():
    query = {
        "gr_T": "200",
        "gr_input": "noise",
        "gr_loss_gap": "10",
        "gr_H": "8",
        "gr_scheme": "torch",
        "gr_seed": "7",
        "gr_scale": "1.25",
        "gr_bf": "-0.5",
        "gr_variant": "coupled",
        "gr_clip": "5.0",
        "gr_clip_mode": "per_step",
    }
    at = open_app(PAGE, **query)
    assert_no_errors(at)
    assert not at.warning
    assert at.select_slider(key="gr_T").value == "200"
    assert at.selectbox(key="gr_input").value == "noise"
    assert at.number_input(key="gr_loss_gap").value == 10
    assert at.slider(key="gr_H").value == 8
    assert at.button_group(key="gr_scheme").value == "torch"
    assert at.number_input(key="gr_seed").value == 7
    assert at.slider(key="gr_scale").value == 1.25
    assert at.slider(key="gr_bf").value == -0.5
    assert at.selectbox(key="gr_variant").value == "coupled"
    assert at.number_input(key="gr_clip").value == 5.0
    assert at.button_group(key="gr_clip_mode").value == "per_step"
    assert "The loss is at step τ = 189 of t = 0 … 199." in all_text(at)
    assert {k: at.query_params[k] for k in query} == query
    # a change goes to the URL; a value back at its default leaves it
    at.slider(key="gr_H").set_value(32).run()
    assert at.query_params["gr_H"] == "32"
    at.number_input(key="gr_seed").set_value(0).run()
    assert "gr_seed" not in at.query_params


@pytest.mark.parametrize(
    ("query", "expected", "kept"),
    [
        ({"gr_H": "1e300"}, "`gr_H` = 1e300 is outside [1, 64]; using 64.", ("gr_H", 64)),
        ({"gr_scale": "nan"}, "`gr_scale` must be a finite number", ("gr_scale", 0.9)),
        ({"gr_seed": "abc"}, "`gr_seed` = `abc` is not a number", ("gr_seed", 0)),
        ({"gr_T": "300"}, "`gr_T` = `300` is not one of 10, 50", ("gr_T", "100")),
        ({"gr_clip": "-5"}, "`gr_clip` = -5 is outside", ("gr_clip", 0.0)),
        ({"gr_loss_gap": "2.5"}, "`gr_loss_gap` = `2.5` is not a whole number", ("gr_loss_gap", 0)),
        (
            {"gr_variant": "<script>"},
            "`gr_variant` = `<script>` is not one of",
            ("gr_variant", "standard"),
        ),
        ({"gr_bogus": "1"}, "Ignored the unknown URL parameter `gr_bogus`.", ("gr_H", 16)),
        ({"gr_bf": "inf"}, "`gr_bf` must be a finite number", ("gr_bf", 3.0)),
    ],
)
def test_a_tampered_url_gets_a_message_and_the_page_keeps_working(query, expected, kept):
    at = open_app(PAGE, **query)
    assert_no_errors(at)
    assert any(expected in w.value for w in at.warning), [w.value for w in at.warning]
    key, value = kept
    assert at.session_state[key] == value
    assert len(at.get("plotly_chart")) == 4
    at.slider(key="gr_bf").set_value(2.0).run()  # still usable afterwards
    assert_no_errors(at)


def test_tampered_url_message_is_korean_in_korean():
    at = open_app(PAGE, gr_H="500", lang="ko")
    assert_no_errors(at)
    assert any("범위를 벗어납니다" in w.value for w in at.warning)


def test_a_loss_further_back_than_the_sequence_moves_to_the_first_step():
    at = open_app(PAGE, gr_T="10", gr_loss_gap="1999")
    assert_no_errors(at)
    assert any("it is at the first step" in w.value for w in at.warning)
    norms = figures(at)["norms"]
    assert len(norms["data"][0]["x"]) == 1  # only the loss step itself


def test_an_earlier_loss_step_shortens_the_way_back():
    at = open_app(PAGE, gr_loss_gap="30")
    assert_no_errors(at)
    assert "The loss is at step τ = 69 of t = 0 … 99." in all_text(at)
    assert figures(at)["norms"]["data"][0]["x"][-1] == 69


def test_the_longest_setting_renders_within_one_megabyte():
    at = open_app(PAGE, **state.LARGEST_QUERY)
    assert_no_errors(at)
    figs = figures(at)
    assert sum(f["_bytes"] for f in figs.values()) < 1_000_000
    assert all(len(trace["x"]) <= viz.MAX_POINTS for trace in figs["norms"]["data"])
    heat = figs["heatmap"]["data"][0]
    assert len(heat["x"]) <= viz.MAX_COLUMNS and len(heat["y"]) == 64
    assert "Each column shows the largest value of 5 consecutive steps." in all_text(at)


def test_scenario_buttons_set_their_settings_and_name_themselves():
    at = open_app(PAGE)
    assert any("The default" in c.value for c in at.caption)
    at.button(key="gr_apply_no_forget").click().run()
    assert at.session_state["gr_variant"] == "no_forget"
    assert any("without a forget gate" in c.value for c in at.caption)
    at.button(key="gr_apply_remembers").click().run()
    assert at.session_state["gr_variant"] == "standard"


# --- figures and text without a server ----------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_figure_is_valid_plotly(lang):
    q, xs, rnn, lstm = default_flows(T=200, preset="pulse", scale=1.5)
    clipped = clip_rnn(q, xs, rnn, 1.0, "global")
    v = gradient_verdicts(rnn, lstm, clipped)
    figs = [
        viz.norm_figure(rnn, lstm, v, lang, clipped),
        viz.rnn_theory_figure(rnn, v.rnn, lang),
        viz.lstm_theory_figure(lstm, v.lstm, lang),
        viz.heatmap_figure(rnn, lstm, lang),
    ]
    for fig in figs:
        go.Figure(fig.to_dict())  # validates every property: a typo raises here


def test_overflowing_gradients_draw_gaps_not_errors():
    q = RNNParams(np.zeros((2, 1)), 3.0 * np.eye(2), np.zeros(2))
    xs = np.zeros((1000, 1))
    rnn = rnn_flow(q, xs, 999)
    lstm = lstm_flow(LSTMParams.init(1, 2, seed=0), xs, 999)
    assert label(rnn.dh_norm, "en") == "overflow"
    notes = explain(rnn, lstm, clip_rnn(q, xs, rnn, 1.0, "global"), "en")
    keys = [n.key for n in notes]
    assert "gradients.explain.rnn_overflow" in keys and "gradients.explain.clip_overflow" in keys
    v = gradient_verdicts(rnn, lstm, None)
    fig = decoded(json.loads(viz.norm_figure(rnn, lstm, v, "en").to_json()))
    assert np.isnan(np.asarray(fig["data"][0]["y"], dtype=float)).any()
    viz.heatmap_figure(rnn, lstm, "en").to_json()


def test_long_curves_keep_their_extremes_and_horizons_when_downsampled():
    y = np.exp(-np.arange(5000) / 300.0)
    y[1234] = 50.0  # a spike must survive
    idx = downsample.display_indices([y], [4321], 500)
    assert len(idx) <= 500 and 1234 in idx and 4321 in idx and idx[0] == 0 and idx[-1] == 4999


def test_heatmap_columns_are_max_pooled():
    g = np.zeros((10, 2))
    g[3, 0], g[9, 1] = -5.0, np.inf
    x, pooled, size = downsample.max_pooled(g, max_columns=4)
    assert size == 3 and list(x) == [0, 3, 6, 9]
    assert pooled.shape == (2, 4) and pooled[0, 1] == 5.0 and pooled[1, 3] == np.inf


def test_numbers_in_the_text_are_readable():
    assert viz.sci(0.98312) == "0.983"
    assert viz.sci(3.2e-4) == "3.2 × 10⁻⁴"
    assert viz.sci(1e-12) == "10⁻¹²"
    assert viz.sci(6.6e10) == "6.6 × 10¹⁰"
    assert viz.sci(float("inf")) == "∞" and viz.sci(float("nan")) == "—"


def test_the_explanation_follows_the_numbers_not_a_script():
    _, _, rnn, good = default_flows(forget_bias=3.0)
    _, _, _, bad = default_flows(forget_bias=-2.0)
    good_keys = [n.key for n in explain(rnn, good, None, "en")]
    bad_keys = [n.key for n in explain(rnn, bad, None, "en")]
    assert "gradients.explain.compare_outlasts" in good_keys
    assert "gradients.explain.lstm_small_f_standard" not in good_keys
    assert "gradients.explain.lstm_small_f_standard" in bad_keys
    assert "gradients.explain.compare_no_better" in bad_keys
    for note in explain(rnn, bad, None, "ko"):
        assert t(note.key, "ko", **note.fields)


def test_horizon_predicted_from_a_rate():
    assert horizon_for_rate(0.5) == pytest.approx(np.log(1e-3) / np.log(0.5))
    assert horizon_for_rate(1.0) == float("inf")


def test_strong_inputs_make_the_rnn_forget_even_above_spectral_radius_one():
    _, _, rnn, lstm = default_flows(T=300, preset="noise", scale=1.5)
    keys = [n.key for n in explain(rnn, lstm, None, "en")]
    assert "gradients.explain.rnn_vanishes" in keys and "gradients.explain.rnn_saturated" in keys


def test_a_short_sequence_is_remembered_by_both():
    _, _, rnn, lstm = default_flows(T=10)
    keys = [n.key for n in explain(rnn, lstm, None, "en")]
    assert keys[:2] == ["gradients.explain.rnn_survives", "gradients.explain.lstm_survives"]
    assert label(rnn.dh_norm, "en") == "> 9"


def test_settings_survive_a_visit_to_another_page():
    at = open_app(PAGE)
    at.slider(key="gr_H").set_value(24).run()
    at.switch_page("pages/home.py").run()
    at.switch_page(PAGE).run()
    assert_no_errors(at)
    assert at.slider(key="gr_H").value == 24 and at.query_params["gr_H"] == "24"


# --- the text follows the numbers (review findings) --------------------------------------------


def flows(
    T=100,
    H=16,
    preset="first_value",
    scale=0.9,
    forget_bias=3.0,
    scheme="gaussian",
    seed=0,
    variant="standard",
    loss_gap=0,
):
    """Any page setting's models and flows, straight from the core, as the page computes them."""
    xs = make_sequence(preset, T, seed).xs
    q = RNNParams.init(xs.shape[1], H, seed=seed, scheme=scheme, recurrent_scale=scale)
    p = LSTMParams.init(xs.shape[1], H, seed=seed, scheme=scheme, forget_bias=forget_bias)
    t_loss, _ = state.loss_step(len(xs), loss_gap)
    return q, xs, rnn_flow(q, xs, t_loss), lstm_flow(p, xs, t_loss, variant)


def written(notes, lang) -> str:
    return "\n".join(t(n.key, lang, **n.fields) for n in notes)


EXPLODES = {"en": "explodes", "ko": "폭발"}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_per_step_clipping_that_cuts_nothing_says_so_and_does_not_mention_explosion(lang):
    q, xs, rnn, lstm = flows()  # the default RNN vanishes (horizon 48)
    clipped = clip_rnn(q, xs, rnn, 1.0, "per_step")
    assert clipped.steps_cut == 0
    note = explain(rnn, lstm, clipped, lang)[-1]
    assert note.key == "gradients.explain.clip_per_step_none"
    text = written([note], lang)
    assert EXPLODES[lang] not in text
    assert {"en": "nothing was cut", "ko": "잘린 단계가 없고"}[lang] in text


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_per_step_clipping_mentions_explosion_only_when_the_gradient_grew(lang):
    q, xs, rnn, lstm = flows()
    small = clip_rnn(q, xs, rnn, 0.5, "per_step")  # cuts the first steps; nothing explodes
    note = explain(rnn, lstm, small, lang)[-1]
    assert small.steps_cut > 0 and note.key == "gradients.explain.clip_per_step_small"
    assert EXPLODES[lang] not in written([note], lang).replace("폭발하지 않았", "")
    q, xs, rnn, lstm = flows(T=500, preset="pulse", scale=1.5)
    big = clip_rnn(q, xs, rnn, 2.0, "per_step")
    note = explain(rnn, lstm, big, lang)[-1]
    assert note.key == "gradients.explain.clip_per_step" and EXPLODES[lang] in written([note], lang)
    assert note.fields["cut"] == big.steps_cut > 0


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_growing_lstm_gradient_is_explained_as_growing(lang):
    _, _, rnn, lstm = flows(T=500, scheme="keras", seed=1)
    assert viz.horizon_label(lstm_verdict(lstm).cell, lang) == t("gradients.metric.explodes", lang)
    notes = explain(rnn, lstm, None, lang)
    keys = [n.key for n in notes]
    assert "gradients.explain.lstm_grows" in keys
    assert "gradients.explain.compare_lstm_grows" in keys
    for wrong in ("lstm_survives", "lstm_back_above", "compare_outlasts"):
        assert f"gradients.explain.{wrong}" not in keys
    peak = np.nanmax(lstm.dc_norm / lstm.dc_norm[0])
    assert 100 < peak < 200
    text = written(notes, lang)
    assert {"en": f"**{viz.sci(peak)} times**", "ko": f"**{viz.sci(peak)}배**"}[lang] in text
    assert "$h_{t-1}$" in text


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_1997_lstm_says_its_gradient_grows_and_why(lang):
    _, _, rnn, lstm = flows(variant="no_forget")
    assert viz.horizon_label(lstm_verdict(lstm).cell, lang) == t("gradients.metric.explodes", lang)
    notes = explain(rnn, lstm, None, lang)
    assert notes[1].key == "gradients.explain.lstm_no_forget_grows"
    text = written(notes, lang)
    assert "Gers" in text and "more than 99" not in text and "99단계 넘게" not in text
    # a horizon that does not exist is said as such, not as "below … after more than 99 steps"
    never = {"en": "never below 10⁻³ within the 99 steps", "ko": "99단계 안에서 10⁻³ 아래로"}
    assert never[lang] in text


def test_the_page_calls_a_growing_lstm_gradient_growing():
    at = open_app(PAGE, gr_scheme="keras", gr_seed="1", gr_T="500")
    assert_no_errors(at)
    assert metric_values(at)["LSTM, cell c"] == "explodes"
    text = all_text(at)
    assert "grows instead of fading" in text and "outlasts" not in text
    assert "stays above 10⁻³" not in text and "never falls below 10⁻³" not in text


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_lstm_prediction_is_the_cell_path_alone_not_the_mean_gate(lang):
    _, _, rnn, lstm = flows(T=500, preset="noise", scale=1.5)
    # the horizons by their definition, and f̄ᵏ's from f̄ = the mean forget gate
    assert memory_horizon(lstm.dc_norm) == horizon_by_definition(lstm.dc_norm) == 154
    assert memory_horizon(lstm.cell_path_only) == horizon_by_definition(lstm.cell_path_only) == 166
    assert f"{np.log(1e-3) / np.log(lstm.f_mean):.0f}" == "92"
    notes = {n.key: n for n in explain(rnn, lstm, None, lang)}
    assert notes["gradients.explain.lstm_cell_path"].fields["k_cell"] == 166
    assert "k_pred" not in notes["gradients.explain.lstm_vanishes"].fields
    assert notes["gradients.explain.lstm_mean_early"].fields["k_pred"] == "92"  # only "rough"
    text = written(notes.values(), lang)
    assert {"en": "after **166 steps**", "ko": "**166단계** 만에"}[lang] in text
    assert {"en": "only a rough estimate", "ko": "대략적인 값"}[lang] in text


def test_the_mean_gate_is_not_mentioned_when_it_agrees_with_the_cell_path():
    _, _, rnn, lstm = flows(variant="coupled")  # f̄ᵏ and the cell path both say 10
    keys = [n.key for n in explain(rnn, lstm, None, "en")]
    assert "gradients.explain.lstm_cell_path" in keys
    assert not any(k.startswith("gradients.explain.lstm_mean") for k in keys)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_small_forget_gate_advice_fits_the_variant(lang):
    _, _, rnn, coupled = flows(variant="coupled")
    assert coupled.f_mean < 0.6
    notes = explain(rnn, coupled, None, lang)
    keys = [n.key for n in notes]
    assert "gradients.explain.lstm_small_f_coupled" in keys
    assert "gradients.explain.lstm_small_f_standard" not in keys
    text = written(notes, lang)
    assert "f = 1 − i" in text
    standard_advice = t("gradients.explain.lstm_small_f_standard", lang, f="")
    assert standard_advice.split(". ")[-1] not in text  # no "raise the forget-gate bias" alone
    _, _, rnn, standard = flows(forget_bias=-1.0)
    keys = [n.key for n in explain(rnn, standard, None, lang)]
    assert "gradients.explain.lstm_small_f_standard" in keys


def test_the_coupled_page_does_not_point_at_the_disabled_slider():
    at = open_app(PAGE, gr_variant="coupled")
    assert_no_errors(at)
    assert at.slider(key="gr_bf").disabled
    text = all_text(at)
    assert "In the coupled variant f = 1 − i" in text
    assert "Raise the forget-gate bias b_f to see it remember" not in text


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_pooled_heatmap_columns_span_their_steps_and_hover_names_them(lang):
    _, _, rnn, lstm = flows(T=1000)  # 1000 steps in groups of 3: the last group holds one step
    fig = decoded(json.loads(viz.heatmap_figure(rnn, lstm, lang).to_json()))
    heat, xaxis = fig["data"][0], fig["layout"]["xaxis"]
    assert xaxis["type"] == "category"  # each column sits on its own group, not at its start
    assert heat["x"][:2] == ["0…2", "3…5"] and heat["x"][-1] == "999"
    assert len(heat["x"]) == len(heat["z"][0]) == 334
    assert "k = %{x}," in heat["hovertemplate"] and "+" not in heat["hovertemplate"]
    ticks = dict(zip(xaxis["ticktext"], xaxis["tickvals"], strict=True))
    assert ticks["0"] == "0…2" and ticks["200"] == "198…200"  # the column that holds k = 200
    _, _, rnn, lstm = flows()  # 100 steps: one column per step, numeric
    fig = decoded(json.loads(viz.heatmap_figure(rnn, lstm, lang).to_json()))
    assert fig["data"][0]["x"] == list(range(100)) and "type" not in fig["layout"]["xaxis"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_loss_at_the_first_step_has_no_way_back_to_describe(lang):
    q, xs, rnn, lstm = flows(T=10, loss_gap=9)
    assert len(rnn.dh_norm) == 1
    notes = explain(rnn, lstm, clip_rnn(q, xs, rnn, 1.0, "per_step"), lang)
    assert notes[0].key == "gradients.explain.no_steps_back"
    text = written(notes, lang)
    assert "0 steps" not in text and "0단계" not in text and "—" not in text
    assert label(rnn.dh_norm, lang) == viz.horizon_label(lstm_verdict(lstm).cell, lang) == "—"


def test_the_page_with_the_loss_at_the_first_step_says_there_is_no_way_back():
    at = open_app(PAGE, gr_T="10", gr_loss_gap="1999")
    assert_no_errors(at)
    text = all_text(at)
    assert "there are no earlier steps" in text
    assert "0 steps" not in text and "more than 0" not in text
    assert metric_values(at)["RNN"] == "—"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_steps_are_counted_from_zero_as_on_the_other_pages(lang):
    at = open_app(PAGE, lang=lang)
    assert_no_errors(at)
    loss_at = {
        "en": "The loss is at step τ = 99 of t = 0 … 99.",
        "ko": "손실은 t = 0 … 99 중 τ = 99단계에 있습니다.",
    }
    assert loss_at[lang] in all_text(at)
    curve = figures(at)["norms"]["data"][0]
    assert curve["customdata"][0][0] == 99 and curve["customdata"][-1][0] == 0  # t of k = 0, 99
    assert "(t = %{customdata[0]})" in curve["hovertemplate"]


def test_each_inner_cache_is_keyed_only_by_what_its_model_reads():
    base = state.Settings(
        100, "first_value", 0, 16, "gaussian", 0, 0.9, 3.0, "standard", 0.0, "global"
    )
    bias = dataclasses.replace(base, forget_bias=-1.0, variant="coupled", loss_gap=5)
    scale = dataclasses.replace(base, scale=1.5, clip=2.0, clip_mode="per_step")
    assert state.rnn_part(bias) == state.rnn_part(base) != state.rnn_part(scale)
    assert state.lstm_part(scale) == state.lstm_part(base) != state.lstm_part(bias)
    assert state.clip_part(bias) == state.clip_part(base) != state.clip_part(scale)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_cell_path_alone_is_called_an_approximation_not_the_prediction(lang):
    _, _, rnn, lstm = flows(T=2000)  # the cell path alone says 208 steps; measured: 646
    k_cell = memory_horizon(lstm.cell_path_only)
    assert memory_horizon(lstm.dc_norm) > 3 * k_cell
    note = next(n for n in explain(rnn, lstm, None, lang) if n.key.endswith("lstm_cell_path"))
    text = note.text(lang)
    assert {"en": "approximates", "ko": "근사"}[lang] in text
    assert "theory's prediction" not in text and "이론의 예측" not in text
