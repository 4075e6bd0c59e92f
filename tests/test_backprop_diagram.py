"""The backward cell diagram of the backprop page: its wire values are the ledger's and
lstm_backward's (and, where a value is a derivative of the loss with respect to something the
forward pass takes in, finite differences of an independent run agree), for every variant;
the SVG writes those numbers, leaves out what a variant takes away, and is accessible."""

import html
import re

import numpy as np
import pytest

from lstm_core import VARIANTS, LSTMParams, gates_used, run_lstm
from lstm_core.lab.backward_step import lstm_step_values
from lstm_core.lab.ledger import EVERY_STEP, loss_value, lstm_ledger
from lstm_core.params import GATES
from lstm_viz.backward_svg import lstm_backward_svg
from lstm_viz.cell_svg import svg_meta
from lstm_viz.numbers import sci

T, D, H = 7, 3, 4


def model(variant: str, seed: int = 3) -> tuple[LSTMParams, np.ndarray]:
    p = LSTMParams.init(D, H, seed=seed, forget_bias=0.5, peepholes=variant == "peephole")
    xs = np.random.default_rng(seed).normal(size=(T, D))
    return p, xs


def loss_of(p, xs, loss_step, variant, h0=None, c0=None) -> float:
    tr = run_lstm(p, xs, h0=h0, c0=c0, variant=variant)
    return loss_value(tr.h, loss_step)


def numeric(f, x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Central differences of the scalar f at x (any shape)."""
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[idx] += eps
        down[idx] -= eps
        grad[idx] = (f(up) - f(down)) / (2 * eps)
    return grad


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("loss_step", [T - 1, 4, EVERY_STEP])
def test_wire_values_are_the_ledgers_terms_and_add_up(variant, loss_step):
    p, xs = model(variant)
    led = lstm_ledger(p, xs, loss_step, variant)
    gr = led.grads
    for t in range(T):
        for j in (0, H - 1):
            v = lstm_step_values(led, p, t, j)
            assert v["dh"] == led.dh[t, j] == pytest.approx(gr.dh[t, j], abs=1e-12)
            assert v["dh_loss"] + v["dh_future"] == pytest.approx(v["dh"], abs=1e-12)
            assert v["dc"] == led.dc[t, j] == pytest.approx(gr.dc[t, j], abs=1e-12)
            routes = v["dc_h"] + v["dc_cell"]
            routes += sum(v.get(k, 0.0) for k in ("dc_peep_i", "dc_peep_f", "dc_peep_o"))
            assert routes == pytest.approx(v["dc"], abs=1e-12)
            assert v["dc_h"] == pytest.approx(v["d_tanh"] * v.get("tanh_slope", 1.0), abs=1e-12)
            present = [g for g in GATES if f"da_{g}" in v]
            assert tuple(present) == gates_used(variant)
            for k, gate in enumerate(GATES):
                if gate in present:
                    assert v[f"da_{gate}"] == gr.da[t, k * H + j]
            assert sum(v[f"branch_{g}"] for g in present) == pytest.approx(v["dh_prev"], 1e-12)
            # what leaves is what the step before receives (or dh0, dc0 at t = 0)
            if t > 0:
                assert v["dh_prev"] == pytest.approx(led.dh[t - 1, j] - led.from_loss[t - 1, j])
                for k, gate in enumerate(GATES):
                    if gate in present:
                        assert v[f"branch_{gate}"] == pytest.approx(led.branches[t - 1, k, j])
                incoming = led.dc_cell_route[t - 1, j] + led.dc_peephole_routes[t - 1, :2, j].sum()
                assert v["dc_prev"] == pytest.approx(incoming, abs=1e-12)
            else:
                assert v["dh_prev"] == pytest.approx(gr.dh0[j], abs=1e-12)
                assert v["dc_prev"] == pytest.approx(gr.dc0[j], abs=1e-12)
            np.testing.assert_allclose(v["dx"], gr.dx[t], atol=1e-12)


@pytest.mark.parametrize("variant", VARIANTS)
def test_gate_deltas_times_their_slopes_are_the_cores_da(variant):
    p, xs = model(variant)
    led = lstm_ledger(p, xs, EVERY_STEP, variant)
    tr = led.trace
    for t in range(T):
        v = lstm_step_values(led, p, t, 1)
        i, f, g, o = (getattr(tr, q)[t, 1] for q in GATES)
        slopes = {"i": i * (1 - i), "f": f * (1 - f), "g": v.get("g_slope", 1.0), "o": o * (1 - o)}
        if "g_slope" in v:
            assert v["g_slope"] == pytest.approx(1 - g**2)
        for gate, slope in slopes.items():
            if f"d_{gate}" in v:
                assert v[f"d_{gate}"] * slope == pytest.approx(v[f"da_{gate}"], abs=1e-12)


@pytest.mark.parametrize("variant", VARIANTS)
def test_what_leaves_step_0_matches_finite_differences(variant):
    """δh_{−1}, δc_{−1} (into h0, c0) and δx_t from an independent forward run."""
    p, xs = model(variant, seed=5)
    loss_step = T - 1
    led = lstm_ledger(p, xs, loss_step, variant)
    values = [lstm_step_values(led, p, 0, j) for j in range(H)]
    zeros = np.zeros(H)
    dh0 = numeric(lambda h0: loss_of(p, xs, loss_step, variant, h0=h0, c0=zeros), zeros)
    dc0 = numeric(lambda c0: loss_of(p, xs, loss_step, variant, h0=zeros, c0=c0), zeros)
    np.testing.assert_allclose([v["dh_prev"] for v in values], dh0, atol=1e-8)
    np.testing.assert_allclose(values[0]["dh_prev_vec"], dh0, atol=1e-8)
    np.testing.assert_allclose([v["dc_prev"] for v in values], dc0, atol=1e-8)
    dxs = numeric(lambda x: loss_of(p, x, loss_step, variant), xs)
    for t in (0, 3, T - 1):
        np.testing.assert_allclose(lstm_step_values(led, p, t, 0)["dx"], dxs[t], atol=1e-8)


def svg_text(svg: str) -> str:
    """All the text the SVG draws (tspans and texts), unescaped, one run after another."""
    runs = re.findall(r">([^<>]+)</t(?:span|ext)>", svg)
    return " ".join(html.unescape(r) for r in runs)


SHOWN = [
    "dh_loss",
    "dh",
    "dh_future",
    "d_tanh",
    "dc_h",
    "dc_cell",
    "dc",
    "dc_prev",
    "dh_prev",
]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_svg_writes_the_values_and_carries_them_in_its_meta(variant, lang):
    p, xs = model(variant)
    led = lstm_ledger(p, xs, T - 1, variant)
    t = T - 3
    v = lstm_step_values(led, p, t, 2)
    svg = lstm_backward_svg(v, t, 2, H, lang, variant)
    meta = svg_meta(svg)
    assert meta["kind"] == "lstm_backward"
    assert (meta["t"], meta["unit"], meta["variant"]) == (t, 2, variant)
    assert meta["values"] == v
    text = svg_text(svg)
    for key in SHOWN:
        assert sci(v[key]) in text, key
    for gate in gates_used(variant):
        for key in (f"da_{gate}", f"branch_{gate}"):
            assert sci(v[key]) in text, key
    # what the variant takes away has no δa box (its box says what it is instead)
    for gate in GATES:
        box = part(svg, f"box_{gate}")
        assert ("δa" in box) == (gate in gates_used(variant)), gate
        assert (f'data-part="da_{gate}"' in svg) == (gate in gates_used(variant))
    assert ("tanh′" in part(svg, "box_tanh")) == (variant != "no_output_activation")
    assert ("tanh′" in part(svg, "box_g")) == (variant != "no_input_activation")
    assert ('data-part="peep_o"' in svg) == (variant == "peephole")


def part(svg: str, name: str) -> str:
    """The markup of the part named `name` (a box, node or chip)."""
    return re.search(rf'<g data-part="{name}">(.*?)</g>', svg, re.S).group(1)


def test_svg_is_an_accessible_image_in_its_language():
    p, xs = model("standard")
    led = lstm_ledger(p, xs, T - 1)
    v = lstm_step_values(led, p, 2, 0)
    for lang in ("en", "ko"):
        svg = lstm_backward_svg(v, 2, 0, H, lang)
        head = svg[: svg.index(">")]
        assert 'role="img"' in head and f'lang="{lang}"' in head
        label = html.unescape(re.search(r'aria-label="([^"]*)"', head).group(1))
        assert "t = 2" in label and sci(v["dh"]) in label and sci(v["dc_prev"]) in label
        if lang == "ko":
            assert re.search("[\uac00-\ud7a3]", label)
        assert "<title>" in svg  # hover explanations on the boxes and nodes


def test_a_step_outside_the_run_is_refused():
    p, xs = model("standard")
    led = lstm_ledger(p, xs, T - 1)
    with pytest.raises(ValueError, match="step"):
        lstm_step_values(led, p, T, 0)
    with pytest.raises(ValueError, match="unit"):
        lstm_step_values(led, p, 0, H)
