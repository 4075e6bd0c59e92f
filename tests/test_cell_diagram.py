"""The LSTM and RNN cell diagrams show exactly the numbers of the equations, in the right places,
colours and languages."""

import re
import types

import numpy as np
import plotly.graph_objects as go
import pytest
from plotly.colors import get_colorscale, sample_colorscale

from lstm_core import LSTMParams, RNNParams, lstm_step, rnn_step
from lstm_viz import i18n
from lstm_viz.cell_diagram import FIXED_FILL, lstm_cell_diagram, rnn_cell_diagram, text_color_for
from lstm_viz.numbers import format_number, format_vector
from lstm_viz.theme import GATE_SCALE, SIGNED_SCALE

D, H = 2, 3
X = np.array([0.5, -1.0])
H_PREV = np.array([0.1, 0.2, -0.3])
C_PREV = np.array([0.8, -1.6, 0.4])


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def reference_step(W, U, b, x, h, c, variant="standard"):
    """The LSTM equations written out independently of lstm_core and of the diagram."""
    a = W @ x + U @ h + b
    n = h.size
    i = sigmoid(a[:n])
    f = sigmoid(a[n : 2 * n])
    g = np.tanh(a[2 * n : 3 * n])
    o = sigmoid(a[3 * n :])
    if variant == "no_forget":
        f = np.ones(n)
    elif variant == "coupled":
        f = 1.0 - i
    c_new = f * c + i * g
    return types.SimpleNamespace(i=i, f=f, g=g, o=o, c=c_new, h=o * np.tanh(c_new))


def weights(seed=1, forget=None, unit=0):
    """Small random weights; with `forget`, b_f is set so that f[unit] equals it exactly (up to
    rounding) for the inputs X, H_PREV."""
    rng = np.random.default_rng(seed)
    W = rng.normal(0, 0.8, (4 * H, D))
    U = rng.normal(0, 0.5, (4 * H, H))
    b = rng.normal(0, 0.3, 4 * H)
    if forget is not None:
        row = H + unit
        b[row] = np.log(forget / (1 - forget)) - (W[row] @ X + U[row] @ H_PREV)
    return W, U, b


def step_for(forget=None, unit=0, variant="standard", seed=1):
    return reference_step(*weights(seed, forget, unit), X, H_PREV, C_PREV, variant)


def texts(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations if a.text]


def joined(fig) -> str:
    return "\n".join(texts(fig))


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def shape(fig, name):
    (found,) = [s for s in fig.layout.shapes if s.name == name]
    return found


def annotation(fig, name):
    return next(a for a in fig.layout.annotations if a.name == name)


def hovers(fig) -> list[str]:
    return [plain(h) for h in fig.data[0].hovertemplate]


# --- numbers -------------------------------------------------------------------------------------


def test_numbers_have_three_decimals_and_a_real_minus_sign():
    assert format_number(0.3) == "0.300"
    assert format_number(0.7310585) == "0.731"
    assert format_number(-0.25) == "−0.250"
    assert format_number(-0.0001) == "0.000"  # no "−0.000"
    assert format_number(float("-inf")) == "−∞"


def test_vectors_show_up_to_four_values_then_an_ellipsis_and_the_norm():
    assert format_vector([0.5, -1.0]) == "[0.50, −1.00]"
    assert format_vector([0.1, 0.2, 0.3, 0.4]) == "[0.10, 0.20, 0.30, 0.40]"
    long = format_vector(np.full(9, 1.0), "x")
    assert long.startswith("[1.00, 1.00, …]") and "‖x‖ = 3.00" in long


# --- the LSTM diagram shows the step's numbers ---------------------------------------------------


def test_forget_gate_of_0_3_shows_as_0_300_and_keeps_30_percent():
    step = step_for(forget=0.3)
    fig = lstm_cell_diagram(X, H_PREV, C_PREV, step)
    values = fig.layout.meta["values"]
    assert values["f"] == pytest.approx(0.3, abs=1e-12)
    assert values["fc"] == pytest.approx(0.3 * C_PREV[0])
    assert "0.300" in plain(annotation(fig, "box_f").text)
    assert format_number(0.3 * C_PREV[0]) == "0.240"
    assert "0.240" in joined(fig)


def test_meta_values_equal_the_equations_and_every_number_is_written_on_the_diagram():
    step = step_for()
    fig = lstm_cell_diagram(X, H_PREV, C_PREV, step, unit=0)
    values = fig.layout.meta["values"]
    expected = {
        "c_prev": C_PREV[0],
        "f": step.f[0],
        "fc": step.f[0] * C_PREV[0],
        "i": step.i[0],
        "g": step.g[0],
        "ig": step.i[0] * step.g[0],
        "c": step.c[0],
        "tanh_c": np.tanh(step.c[0]),
        "o": step.o[0],
        "h": step.h[0],
    }
    assert set(values) == set(expected)
    for key, value in expected.items():
        assert values[key] == pytest.approx(value, abs=1e-15), key
        assert format_number(value) in joined(fig), key
    # c_t = f ⊙ c_{t-1} + i ⊙ g and h_t = o ⊙ tanh(c_t), from the numbers the diagram holds
    assert values["c"] == pytest.approx(values["fc"] + values["ig"])
    assert values["h"] == pytest.approx(values["o"] * values["tanh_c"])
    # the inputs are shown as vectors
    assert "[0.50, −1.00]" in joined(fig)
    assert "[0.10, 0.20, −0.30]" in joined(fig)


def test_each_gate_box_holds_its_own_value():
    step = step_for()
    fig = lstm_cell_diagram(X, H_PREV, C_PREV, step)
    for gate in "figo":
        assert format_number(getattr(step, gate)[0]) in plain(annotation(fig, f"box_{gate}").text)
    assert format_number(np.tanh(step.c[0])) in plain(annotation(fig, "box_tanh_c").text)
    assert format_number(step.c[0]) == plain(annotation(fig, "chip_c").text)
    assert format_number(step.h[0]) == plain(annotation(fig, "chip_h").text)
    assert format_number(C_PREV[0]) == plain(annotation(fig, "chip_c_prev").text)


def test_unit_selects_the_numbers_of_that_hidden_unit():
    step = step_for()
    for unit in range(H):
        fig = lstm_cell_diagram(X, H_PREV, C_PREV, step, unit=unit)
        values = fig.layout.meta["values"]
        assert fig.layout.meta["unit"] == unit
        assert values["c_prev"] == C_PREV[unit]
        for gate in ("i", "f", "g", "o", "c", "h"):
            assert values[gate] == getattr(step, gate)[unit]
        assert format_number(step.h[unit]) == plain(annotation(fig, "chip_h").text)
        assert f"hidden unit {unit + 1} (H = 3)" in joined(fig)  # shown counting from 1
    with pytest.raises(ValueError, match="out of range"):
        lstm_cell_diagram(X, H_PREV, C_PREV, step, unit=3)


def test_negative_numbers_use_the_minus_sign_and_c_beyond_one_shows_its_true_value():
    step = step_for()
    fig = lstm_cell_diagram(X, H_PREV, C_PREV, step, unit=1)  # c_{t-1} = −1.6
    assert plain(annotation(fig, "chip_c_prev").text) == "−1.600"
    assert all(not re.search(r"-\d", plain(text)) for text in texts(fig) + hovers(fig))
    # the colour is clipped at −1, the number is not
    assert shape(fig, "chip_c_prev").fillcolor == sample_colorscale(SIGNED_SCALE, [0.0])[0]


# --- colours and widths --------------------------------------------------------------------------


def test_cell_line_after_the_forget_node_is_as_wide_as_f():
    narrow = lstm_cell_diagram(X, H_PREV, C_PREV, step_for(forget=0.1))
    wide = lstm_cell_diagram(X, H_PREV, C_PREV, step_for(forget=0.9))
    assert shape(narrow, "cell_line_kept").line.width == pytest.approx(1 + 11 * 0.1)
    assert shape(wide, "cell_line_kept").line.width == pytest.approx(1 + 11 * 0.9)
    # before the ⊙ all of c_{t-1} is still there
    assert shape(narrow, "cell_line_in").line.width == shape(wide, "cell_line_in").line.width == 12


def test_gate_fill_follows_the_gate_scale_and_text_stays_readable():
    low = lstm_cell_diagram(X, H_PREV, C_PREV, step_for(forget=0.1))
    high = lstm_cell_diagram(X, H_PREV, C_PREV, step_for(forget=0.9))
    low_fill, high_fill = shape(low, "box_f").fillcolor, shape(high, "box_f").fillcolor
    assert low_fill != high_fill
    assert low_fill == sample_colorscale(GATE_SCALE, [0.1])[0]
    assert high_fill == sample_colorscale(GATE_SCALE, [0.9])[0]
    # Cividis is dark blue at 0.1 and yellow at 0.9
    assert annotation(low, "box_f").font.color == "white"
    assert annotation(high, "box_f").font.color == "black"


def test_candidate_and_states_use_the_signed_scale():
    step = step_for()
    fig = lstm_cell_diagram(X, H_PREV, C_PREV, step)
    signed = lambda v: sample_colorscale(SIGNED_SCALE, [(np.clip(v, -1, 1) + 1) / 2])[0]  # noqa: E731
    assert shape(fig, "box_g").fillcolor == signed(step.g[0])
    assert shape(fig, "chip_c").fillcolor == signed(step.c[0])
    assert shape(fig, "chip_h").fillcolor == signed(step.h[0])
    assert shape(fig, "box_tanh_c").fillcolor == signed(np.tanh(step.c[0]))


def test_text_colour_contrasts_with_the_fill():
    assert text_color_for("rgb(0, 0, 0)") == "white"
    assert text_color_for("#ffffff") == "black"
    assert text_color_for("rgb(5, 48, 97)") == "white"  # dark blue end of RdBu_r
    assert text_color_for((247, 247, 247)) == "black"  # its white middle


# --- variants ------------------------------------------------------------------------------------


def test_no_forget_variant_greys_out_f_and_explains_the_1997_lstm():
    step = step_for(variant="no_forget")
    fig = lstm_cell_diagram(X, H_PREV, C_PREV, step, variant="no_forget")
    box = plain(annotation(fig, "box_f").text)
    assert "ft = 1" in box and "(fixed)" in box
    assert shape(fig, "box_f").fillcolor == FIXED_FILL
    assert any("1997" in h and "no forget gate" in h for h in hovers(fig))
    assert fig.layout.meta["values"]["fc"] == C_PREV[0]  # all of c_{t-1} is kept
    assert shape(fig, "cell_line_kept").line.width == 12
    ko = lstm_cell_diagram(X, H_PREV, C_PREV, step, lang="ko", variant="no_forget")
    assert "(고정)" in plain(annotation(ko, "box_f").text)


def test_coupled_variant_labels_f_as_one_minus_i_with_its_value():
    step = step_for(variant="coupled")
    fig = lstm_cell_diagram(X, H_PREV, C_PREV, step, variant="coupled")
    box = plain(annotation(fig, "box_f").text)
    assert "= 1 − it" in box
    assert format_number(1 - step.i[0]) in box
    assert any(f"ft = 1 − it = 1 − {format_number(step.i[0])}" in h for h in hovers(fig))


def test_unknown_variant_and_batched_step_are_refused_with_a_message():
    with pytest.raises(ValueError, match="variant"):
        lstm_cell_diagram(X, H_PREV, C_PREV, step_for(), variant="bidirectional")
    batched = types.SimpleNamespace(**{k: np.ones((2, H)) * 0.5 for k in "ifgoch"})
    with pytest.raises(ValueError, match="one example"):
        lstm_cell_diagram(X, H_PREV, C_PREV, batched)


# --- hover, languages, figure settings -----------------------------------------------------------


def test_hover_gives_formula_value_and_words():
    step = step_for(forget=0.3)
    fig = lstm_cell_diagram(X, H_PREV, C_PREV, step)
    templates = fig.data[0].hovertemplate
    assert all(h.endswith("<extra></extra>") for h in templates)
    hover = hovers(fig)
    assert any(
        h.startswith("ft = σ(Wf xt + Uf ht−1 + bf) = 0.300") and "forget gate" in h for h in hover
    )
    assert any("ct = ft ⊙ ct−1 + it ⊙ gt" in h for h in hover)
    assert any("ht = ot ⊙ tanh(ct)" in h for h in hover)


def test_korean_diagram_uses_korean_words():
    fig = lstm_cell_diagram(X, H_PREV, C_PREV, step_for(), lang="ko")
    text = joined(fig)
    for word in (
        "망각 게이트",
        "입력 게이트",
        "출력 게이트",
        "후보 값",
        "셀 상태",
        "은닉 상태",
        "입력",
    ):
        assert word in text, word
    assert "forget gate" not in text
    assert any("망각 게이트" in h for h in hovers(fig))


def test_figure_is_static_responsive_and_small():
    fig = lstm_cell_diagram(X, H_PREV, C_PREV, step_for())
    layout = fig.layout
    assert 420 <= layout.height <= 460
    assert layout.width is None and layout.autosize
    assert layout.xaxis.fixedrange and layout.yaxis.fixedrange
    assert not layout.xaxis.visible and not layout.yaxis.visible
    assert layout.dragmode is False
    assert layout.paper_bgcolor == "white"
    assert len(fig.to_json()) < 100_000


@pytest.mark.parametrize("variant", ["standard", "no_forget", "coupled"])
def test_figures_pass_plotlys_property_validation(variant):
    # the module skips validation for speed; every property it sets must still be a real one
    for lang in ("en", "ko"):
        step = step_for(variant=variant)
        fig = lstm_cell_diagram(X, H_PREV, C_PREV, step, lang=lang, variant=variant)
        sent = fig.to_plotly_json()
        # validation raises on unknown properties and must not have to coerce any value
        # (e.g. a colour-scale name that only the Python side understands)
        assert go.Figure(sent).to_plotly_json() == sent
    rnn = rnn_cell_diagram(X, H_PREV, np.tanh(X.sum() + H_PREV), pre_activation=H_PREV)
    assert go.Figure(rnn.to_plotly_json()).to_plotly_json() == rnn.to_plotly_json()


def test_colour_legend_uses_the_theme_scales_resolved_for_the_browser():
    fig = lstm_cell_diagram(X, H_PREV, C_PREV, step_for())
    bars = [tr.marker for tr in fig.data if tr.marker and tr.marker.showscale]
    assert len(bars) == 2
    resolved = [[list(stop) for stop in get_colorscale(s)] for s in (GATE_SCALE, SIGNED_SCALE)]
    assert [[list(stop) for stop in bar.colorscale] for bar in bars] == resolved
    assert (bars[0].cmin, bars[0].cmax, bars[1].cmin, bars[1].cmax) == (0, 1, -1, 1)


def test_long_vectors_are_abbreviated():
    rng = np.random.default_rng(3)
    d, n = 8, 6
    x, h, c = rng.normal(size=d), rng.normal(size=n), rng.normal(size=n)
    W, U, b = rng.normal(size=(4 * n, d)), rng.normal(size=(4 * n, n)), rng.normal(size=4 * n)
    fig = lstm_cell_diagram(x, h, c, reference_step(W, U, b, x, h, c), unit=5)
    assert f"‖x‖ = {format_number(np.linalg.norm(x), 2)}" in joined(fig)
    assert f"‖h‖ = {format_number(np.linalg.norm(h), 2)}" in joined(fig)


# --- with the real core --------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["standard", "no_forget", "coupled"])
def test_diagram_shows_exactly_what_lstm_core_computes(variant):
    p = LSTMParams.init(input_size=D, hidden_size=H, seed=0)
    step = lstm_step(p, X, H_PREV, C_PREV, variant=variant)
    for unit in range(H):
        fig = lstm_cell_diagram(X, H_PREV, C_PREV, step, unit=unit, variant=variant)
        values = fig.layout.meta["values"]
        for gate in ("i", "f", "g", "o", "c", "h"):
            assert values[gate] == getattr(step, gate)[unit], gate
        assert values["c"] == pytest.approx(values["fc"] + values["ig"], abs=1e-15)
        assert plain(annotation(fig, "chip_h").text) == format_number(step.h[unit])
        assert plain(annotation(fig, "chip_c").text) == format_number(step.c[unit])
    # the core's pre-activations appear in the hover: f_t = σ(…) = σ(a_f) = f_t
    if variant == "standard":
        a_f = step.a[H + 0]
        assert any(
            f"= σ({format_number(a_f)}) = {format_number(step.f[0])}" in h
            for h in hovers(lstm_cell_diagram(X, H_PREV, C_PREV, step))
        )


# --- the RNN diagram -----------------------------------------------------------------------------


def test_rnn_diagram_shows_h_of_the_chosen_unit_with_its_formula():
    rng = np.random.default_rng(0)
    W, U, b = rng.normal(size=(H, D)), rng.normal(size=(H, H)), rng.normal(size=H)
    a = W @ X + U @ H_PREV + b
    h = np.tanh(a)
    fig = rnn_cell_diagram(X, H_PREV, h, unit=2, lang="en", pre_activation=a)
    assert fig.layout.meta["values"] == {"h": h[2], "a": a[2]}
    assert plain(annotation(fig, "chip_h").text) == format_number(h[2])
    assert shape(fig, "box_h").fillcolor == sample_colorscale(SIGNED_SCALE, [(h[2] + 1) / 2])[0]
    assert any(
        x.startswith(f"ht = tanh(W xt + U ht−1 + b) = tanh({format_number(a[2])})")
        for x in hovers(fig)
    )
    assert "[0.50, −1.00]" in joined(fig)
    assert fig.layout.height == 260 and len(fig.to_json()) < 100_000
    ko = rnn_cell_diagram(X, H_PREV, h, unit=2, lang="ko")
    assert "일반 RNN 셀" in joined(ko) and ko.layout.meta["values"] == {"h": h[2]}


def test_rnn_diagram_takes_lstm_cores_rnn_step():
    q = RNNParams.init(input_size=D, hidden_size=H, seed=0)
    step = rnn_step(q, X, H_PREV)
    fig = rnn_cell_diagram(X, H_PREV, step, unit=1)
    assert fig.layout.meta["values"] == {"h": step.h[1], "a": step.a[1]}


# --- strings -------------------------------------------------------------------------------------


def test_diagram_strings_are_complete_and_registered():
    table = i18n.read_table(i18n.STRINGS_DIR / "diagram.toml")
    assert all(key.startswith("diagram.") for key in table)
    for key, entry in table.items():
        assert set(entry) == {"en", "ko"}, key
        assert entry["en"].strip() and entry["ko"].strip(), key
        assert i18n.STRINGS[key] == entry  # merged into the one table
