"""The GRU on the vanishing gradients page, through AppTest in both languages: shown only when
chosen (older links open as before), its numbers are the core's, its sentences follow its
verdicts (lstm_core.lab.gru_gradients), degenerate cases included."""

import json

import numpy as np
import plotly.graph_objects as go
import pytest
from test_gradients_page import figures, metric_values

from lstm_core import LSTMParams, RNNParams
from lstm_core.lab.gradient_flow import lstm_flow, relative, rnn_flow
from lstm_core.lab.gru_gradients import gru_flow, gru_params, gru_verdict
from lstm_core.lab.inputs import make_sequence
from lstm_core.lab.verdicts import gradient_verdicts, reach
from lstm_viz import gradients as viz
from lstm_viz.i18n import t
from pages import vanishing_gradients_controller as controller

from apptest_support import all_text, assert_no_errors, latex_lines, open_app

PAGE = "pages/vanishing_gradients.py"
METRIC = {"en": "GRU", "ko": "GRU"}  # under the heading "Memory horizon (steps)"


def core_gru(T=100, H=16, preset="first_value", update_bias=3.0, scheme="gaussian", seed=0):
    """The page's GRU, its flow and the RNN's Reach, straight from the core."""
    xs = make_sequence(preset, T, seed).xs
    g = gru_params(xs.shape[1], H, seed, scheme, update_bias)
    q = RNNParams.init(xs.shape[1], H, seed=seed, scheme=scheme, recurrent_scale=0.9)
    rnn = reach(rnn_flow(q, xs, len(xs) - 1).dh_norm)
    flow = gru_flow(g, xs, len(xs) - 1)
    return g, xs, flow, gru_verdict(flow, rnn)


def mean_update_gate_by_hand(g, xs):
    """z̄ over all steps and units by an explicit nn.GRU forward loop, without lstm_core's."""
    H = g.hidden_size
    h, zs = np.zeros(H), []
    for x in xs:
        ax, ah = g.W @ x + g.b_ih, g.U @ h + g.b_hh
        r = 1 / (1 + np.exp(-(ax[:H] + ah[:H])))
        z = 1 / (1 + np.exp(-(ax[H : 2 * H] + ah[H : 2 * H])))
        n = np.tanh(ax[2 * H :] + r * ah[2 * H :])
        h = (1 - z) * n + z * h
        zs.append(z)
    return float(np.mean(zs))


def test_the_gru_is_hidden_by_default_so_older_links_open_as_before():
    at = open_app(PAGE)
    assert_no_errors(at)
    assert at.button_group(key="gr_gru").value == "off"
    assert len(at.get("plotly_chart")) == 4
    assert METRIC["en"] not in metric_values(at)
    assert "GRU" not in json.dumps(figures(at)["norms"]["data"])
    assert "gr_gru" not in at.query_params and "gr_bz" not in at.query_params
    assert all(s.key != "gr_bz" for s in at.slider)  # its bias slider only comes with it


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_shown_gru_has_the_cores_numbers(lang):
    at = open_app(PAGE, gr_gru="on", lang=lang)
    assert_no_errors(at)
    g, xs, flow, v = core_gru()
    metrics = {m.label: m for m in at.metric}
    assert metrics[METRIC[lang]].value == viz.horizon_label(v.hidden, lang) == "> 99"
    z_by_hand = mean_update_gate_by_hand(g, xs)
    assert f"{z_by_hand:.3f}" == f"{flow.z_mean:.3f}" == "0.952"
    assert metrics[METRIC[lang]].delta == "z̄ = 0.952"  # the mean gate under its horizon
    assert metrics[{"en": "LSTM, cell c", "ko": "LSTM, 셀 c"}[lang]].delta == ("f̄ = 0.954")
    figs = figures(at)
    norms = figs["norms"]
    gru_trace = next(tr for tr in norms["data"] if tr.get("name") == "GRU ‖∂L/∂hₜ‖")
    np.testing.assert_allclose(gru_trace["y"], flow.dh_norm, rtol=1e-12)
    assert "frames" not in norms  # no animation: the curves and their horizons
    theory = figs["theory_gru"]
    by_name = {tr.get("name"): tr for tr in theory["data"]}
    z_path = by_name[t("gradients.trace.z_path_only", lang)]
    np.testing.assert_allclose(z_path["y"], flow.z_path_only, rtol=1e-12)
    measured = by_name[t("gradients.trace.gru_measured", lang)]
    np.testing.assert_allclose(measured["y"], relative(flow.dh_norm), rtol=1e-12)
    mean = by_name[t("gradients.trace.z_mean", lang)]
    np.testing.assert_allclose(mean["y"], flow.z_product_mean, rtol=1e-12)
    text = all_text(at)
    said = {
        "en": ["**GRU**: ‖∂L/∂h‖ never falls below 10⁻³", "z̄ = 0.952", "approximation"],
        "ko": ["**GRU**: 시작점까지 99단계 안에서", "z̄ = 0.952", "근사"],
    }
    for phrase in said[lang]:
        assert phrase in text, phrase
    assert r"\prod_{j=0}^{k-1} z_{\tau-j}" in "\n".join(latex_lines(at))
    assert at.query_params["gr_gru"] == "on"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_small_update_bias_makes_the_gru_forget_and_the_page_says_so(lang):
    at = open_app(PAGE, gr_gru="on", gr_bz="0", lang=lang)
    assert_no_errors(at)
    _, _, _, v = core_gru(update_bias=0.0)
    assert v.hidden.horizon == 20 and v.z_path.horizon == 10 and v.comparison == "no_better"
    assert metric_values(at)[METRIC[lang]] == "20"
    text = all_text(at)
    said = {
        "en": ["from **20 steps** back on", "after **10 steps**", "**the GRU forgets too**",
               "(20 against 48 steps)"],
        "ko": ["**20단계** 앞부터", "**10단계** 만에", "**GRU도 잊습니다**", "(20단계 대 48단계)"],
    }  # fmt: skip
    for phrase in said[lang]:
        assert phrase in text, phrase
    assert at.slider(key="gr_bz").value == 0.0


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_an_underflowing_gru_gradient_is_called_exactly_zero_and_drawn_as_a_gap(lang):
    at = open_app(PAGE, gr_gru="on", gr_bz="-3", gr_T="2000", lang=lang)
    assert_no_errors(at)
    _, _, flow, v = core_gru(T=2000, update_bias=-3.0)
    k0 = v.underflow
    assert k0 is not None and flow.dh_norm[k0] == 0.0
    text = all_text(at)
    exactly_zero = {"en": f"From {k0} steps back on, the GRU's gradient is exactly 0",
                    "ko": f"{k0}단계 앞부터 GRU의 기울기는 정확히 0입니다"}  # fmt: skip
    assert exactly_zero[lang] in text
    norms = figures(at)["norms"]
    gru_trace = next(tr for tr in norms["data"] if tr.get("name") == "GRU ‖∂L/∂hₜ‖")
    x, y = np.asarray(gru_trace["x"]), np.asarray(gru_trace["y"], dtype=float)
    assert np.isnan(y[x >= k0]).all() and np.isfinite(y[x < k0]).all()


def test_the_gru_is_worded_dead_when_nothing_enters_it():
    # The page's loss always injects a unit vector, so this is the verdict's degenerate case
    # worded as the page would word it.
    xs = make_sequence("noise", 50, 0).xs
    H = 4
    g = gru_params(1, H, 0, "torch", 3.0)
    dead = gru_flow(g, xs, 49, loss_gradient=np.zeros(H))
    q = RNNParams.init(1, H, seed=0, scheme="gaussian", recurrent_scale=0.9)
    rnn = rnn_flow(q, xs, 49)
    lstm = lstm_flow(LSTMParams.init(1, H, seed=0), xs, 49)
    gv = gru_verdict(dead, reach(rnn.dh_norm))
    v = gradient_verdicts(rnn, lstm, None)
    notes = viz.explanation(v, rnn, lstm, None, "en", viz.GRUResult(dead, gv))
    gru_keys = [n.key for n in notes if ".gru_" in n.key]
    assert gru_keys == ["gradients.explain.gru_dead"]
    assert "‖∂L/∂h_τ‖ = 0" in notes[-1].text("en") and notes[-1].text("ko")
    assert viz.horizon_label(gv.hidden, "en") == t("gradients.metric.dead", "en")


def test_scenarios_keep_the_gru_shown():
    at = open_app(PAGE, gr_gru="on", gr_bz="-1")
    at.button(key="gr_apply_lstm_forgets").click().run()
    assert_no_errors(at)
    assert at.session_state["gr_gru"] == "on" and at.session_state["gr_bz"] == 3.0
    assert any("Forget-gate bias −1" in c.value for c in at.caption)  # the scenario names itself
    assert METRIC["en"] in metric_values(at)


@pytest.mark.parametrize(
    ("query", "expected", "kept"),
    [
        ({"gr_gru": "yes"}, "`gr_gru` = `yes` is not one of off, on", ("gr_gru", "off")),
        ({"gr_gru": "on", "gr_bz": "nan"}, "`gr_bz` must be a finite number", ("gr_bz", 3.0)),
        ({"gr_gru": "on", "gr_bz": "99"}, "`gr_bz` = 99 is outside", ("gr_bz", 6.0)),
    ],
)
def test_a_tampered_gru_link_gets_a_message(query, expected, kept):
    at = open_app(PAGE, **query)
    assert_no_errors(at)
    assert any(expected in w.value for w in at.warning), [w.value for w in at.warning]
    key, value = kept
    assert at.session_state[key] == value


def test_the_update_bias_reruns_only_the_gru():
    base = controller.Settings(
        100, "first_value", 0, 16, "gaussian", 0, 0.9, 3.0, "standard", 0.0, "global", True, 3.0
    )
    bz = controller.Settings(
        100, "first_value", 0, 16, "gaussian", 0, 0.9, 3.0, "standard", 0.0, "global", True, -1.0
    )
    other = controller.Settings(
        100, "first_value", 0, 16, "gaussian", 0, 1.5, -1.0, "coupled", 2.0, "per_step", True, 3.0
    )
    for part in (controller.rnn_part, controller.lstm_part, controller.clip_part):
        assert part(bz) == part(base)
    assert controller.gru_part(bz) != controller.gru_part(base)
    assert controller.gru_part(other) == controller.gru_part(base)
    hidden = controller.Settings(
        100, "first_value", 0, 16, "gaussian", 0, 0.9, 3.0, "standard", 0.0, "global"
    )
    assert controller.rnn_part(hidden) == controller.rnn_part(base)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_gru_figures_are_valid_plotly(lang):
    _, xs, flow, v = core_gru(T=200, preset="pulse")
    go.Figure(viz.gru_theory_figure(flow, v, lang).to_dict())
    q = RNNParams.init(1, 16, seed=0, scheme="gaussian", recurrent_scale=1.5)
    rnn = rnn_flow(q, xs, 199)
    lstm = lstm_flow(LSTMParams.init(1, 16, seed=0), xs, 199)
    fig = viz.norm_figure(rnn, lstm, gradient_verdicts(rnn, lstm, None), lang, None,
                          viz.GRUResult(flow, v))  # fmt: skip
    go.Figure(fig.to_dict())


def test_the_longest_setting_with_the_gru_stays_within_one_megabyte():
    at = open_app(PAGE, **controller.LARGEST_QUERY)
    assert_no_errors(at)
    figs = figures(at)
    assert "theory_gru" in figs
    assert sum(f["_bytes"] for f in figs.values()) < 1_000_000
    assert all(len(trace["x"]) <= viz.MAX_POINTS for trace in figs["theory_gru"]["data"])
