"""Whole sequences: shapes, batches, the traces' tidy tables, and the import promise."""

import subprocess
import sys
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from lstm_core import (
    VARIANTS,
    LSTMParams,
    RNNParams,
    lstm_backward,
    rnn_backward,
    run_lstm,
    run_rnn,
)

small = st.integers(min_value=1, max_value=5)
CLOSE = {"rtol": 1e-12, "atol": 1e-14}


@settings(max_examples=30, deadline=None)
@given(
    T=small,
    B=small,
    D=small,
    H=small,
    seed=st.integers(0, 2**16),
    variant=st.sampled_from(VARIANTS),
)
def test_batched_lstm_equals_per_example_runs_forward_and_backward(T, B, D, H, seed, variant):
    rng = np.random.default_rng(seed)
    p = LSTMParams.init(D, H, seed=seed)
    xs, h0, c0 = rng.normal(size=(T, B, D)), rng.normal(size=(B, H)), rng.normal(size=(B, H))
    dh, dc = rng.normal(size=(T, B, H)), rng.normal(size=(T, B, H))
    tr = run_lstm(p, xs, h0, c0, variant=variant)
    g = lstm_backward(p, tr, dh, dc)
    dW = np.zeros_like(p.W)
    for k in range(B):
        one = run_lstm(p, xs[:, k], h0[k], c0[k], variant=variant)
        gk = lstm_backward(p, one, dh[:, k], dc[:, k])
        for name in ("i", "f", "g", "o", "c", "h"):
            assert np.allclose(getattr(tr, name)[:, k], getattr(one, name), **CLOSE), name
        for name in ("dh", "dc", "dx", "da"):
            assert np.allclose(getattr(g, name)[:, k], getattr(gk, name), **CLOSE), name
        assert np.allclose(g.dh0[k], gk.dh0, **CLOSE) and np.allclose(g.dc0[k], gk.dc0, **CLOSE)
        dW += gk.params.W
    assert np.allclose(g.params.W, dW, **CLOSE)  # the batch gradient sums the examples'


@settings(max_examples=30, deadline=None)
@given(T=small, B=small, D=small, H=small, seed=st.integers(0, 2**16))
def test_batched_rnn_equals_per_example_runs_forward_and_backward(T, B, D, H, seed):
    rng = np.random.default_rng(seed)
    q = RNNParams.init(D, H, seed=seed)
    xs, h0, dh = rng.normal(size=(T, B, D)), rng.normal(size=(B, H)), rng.normal(size=(T, B, H))
    tr = run_rnn(q, xs, h0)
    g = rnn_backward(q, tr, dh)
    dU = np.zeros_like(q.U)
    for k in range(B):
        one = run_rnn(q, xs[:, k], h0[k])
        gk = rnn_backward(q, one, dh[:, k])
        assert np.allclose(tr.h[:, k], one.h, **CLOSE)
        assert np.allclose(g.dh[:, k], gk.dh, **CLOSE) and np.allclose(g.dx[:, k], gk.dx, **CLOSE)
        dU += gk.params.U
    assert np.allclose(g.params.U, dU, **CLOSE)


@settings(max_examples=30, deadline=None)
@given(T=small, D=small, H=small, batch=st.one_of(st.none(), small))
def test_shapes_hold_for_every_size(T, D, H, batch):
    lead = (T,) if batch is None else (T, batch)
    state = (H,) if batch is None else (batch, H)
    p = LSTMParams.init(D, H, seed=0)
    tr = run_lstm(p, np.ones((*lead, D)))
    for name in ("i", "f", "g", "o", "c", "h", "tanh_c"):
        assert getattr(tr, name).shape == (*lead, H), name
    assert tr.h0.shape == tr.c0.shape == state and tr.xs.shape == (*lead, D)
    g = lstm_backward(p, tr, np.ones((*lead, H)))
    assert g.dh.shape == g.dc.shape == (*lead, H) and g.dx.shape == (*lead, D)
    assert g.da.shape == (*lead, 4 * H) and g.dh0.shape == g.dc0.shape == state
    q = RNNParams.init(D, H, seed=0)
    rt = run_rnn(q, np.ones((*lead, D)))
    rg = rnn_backward(q, rt, np.ones((*lead, H)))
    assert rt.h.shape == rg.dh.shape == (*lead, H) and rg.dx.shape == (*lead, D)
    assert rg.dh0.shape == state and rg.params.U.shape == (H, H)


def test_initial_state_defaults_to_zeros():
    p = LSTMParams.init(2, 3, seed=0)
    xs = np.random.default_rng(0).normal(size=(4, 2))
    a, b = run_lstm(p, xs), run_lstm(p, xs, np.zeros(3), np.zeros(3))
    assert np.array_equal(a.h, b.h) and np.array_equal(a.h0, np.zeros(3))


def test_trace_keeps_its_own_copy_of_the_inputs():
    p = LSTMParams.init(2, 3, seed=0)
    xs = np.ones((4, 2))
    tr = run_lstm(p, xs)
    xs[:] = 5.0
    assert np.array_equal(tr.xs, np.ones((4, 2)))


def test_trace_records_the_variant_for_backprop():
    p = LSTMParams.init(1, 2, seed=0)
    assert run_lstm(p, np.ones((3, 1)), variant="coupled").variant == "coupled"
    assert run_lstm(p, np.ones((3, 1))).variant == "standard"


def test_lstm_to_frame_is_tidy_with_one_row_per_number():
    p = LSTMParams.init(2, 3, seed=0)
    tr = run_lstm(p, np.random.default_rng(0).normal(size=(4, 2)))
    df = tr.to_frame()
    assert list(df.columns) == ["t", "unit", "quantity", "value"]
    assert len(df) == 6 * 4 * 3
    assert list(df["quantity"].cat.categories) == ["i", "f", "g", "o", "c", "h"]
    row = df[(df.t == 2) & (df.unit == 1) & (df.quantity == "f")]
    assert row.value.item() == tr.f[2, 1]
    c = df[df.quantity == "c"].pivot(index="t", columns="unit", values="value").to_numpy()
    assert np.array_equal(c, tr.c)


def test_batched_to_frame_has_an_example_column():
    p = LSTMParams.init(2, 3, seed=0)
    tr = run_lstm(p, np.random.default_rng(0).normal(size=(4, 2, 2)))
    df = tr.to_frame()
    assert list(df.columns) == ["t", "example", "unit", "quantity", "value"]
    row = df[(df.t == 3) & (df.example == 1) & (df.unit == 2) & (df.quantity == "h")]
    assert row.value.item() == tr.h[3, 1, 2]


def test_rnn_to_frame_has_only_h():
    q = RNNParams.init(1, 2, seed=0)
    tr = run_rnn(q, np.ones((5, 1)))
    df = tr.to_frame()
    assert set(df.quantity) == {"h"} and len(df) == 10
    assert df[(df.t == 4) & (df.unit == 1)].value.item() == tr.h[4, 1]


def test_importing_the_core_loads_no_pandas_plotly_or_streamlit():
    code = (
        "import sys, lstm_core; "
        "print(','.join(m for m in ('pandas', 'streamlit', 'plotly', 'torch') if m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.strip() == ""
