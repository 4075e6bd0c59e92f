"""GRU weights files (issue 18): PyTorch nn.GRU (.npz, .safetensors) and Keras GRU (.npz, both
reset_after settings) are recognised as GRUs, load exactly, run like PyTorch, and get the LSTM's
limits and messages; a GRU file in a slot that runs LSTMs only is refused with a message that
says what the file holds."""

from pathlib import Path

import numpy as np
import pytest

from lstm_core import GRUParams, LSTMParams, run_gru
from lstm_core.lab.weights_io import BadFileError, load_weights, npz_bytes, safetensors_bytes
from lstm_ui import uploads

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TORCH_KEYS = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
HANGUL = "\uac00-\ud7a3"


def torch_gru_case(prefix: str) -> dict[str, np.ndarray]:
    """The state dict of one nn.GRU that PyTorch itself ran (tests/fixtures/
    make_gru_torch_reference.py), with its inputs and outputs."""
    ref = np.load(FIXTURES / "gru_torch_reference.npz")
    return {k.removeprefix(prefix): ref[k] for k in ref.files if k.startswith(prefix)}


def assert_same_gru(p: GRUParams, q: GRUParams, atol: float = 0.0) -> None:
    assert p.reset_after == q.reset_after
    for name in ("W", "U", "b_ih", "b_hh"):
        np.testing.assert_allclose(getattr(p, name), getattr(q, name), rtol=0, atol=atol)


def refused(code: str, data: bytes, name: str = "w.npz", cells=("lstm", "gru")) -> BadFileError:
    with pytest.raises(BadFileError) as info:
        uploads.parse_weights(data, name, cells)
    assert info.value.code == code, (info.value.code, str(info.value))
    return info.value


# --- good files ---------------------------------------------------------------------------------


def test_a_pytorch_gru_file_runs_like_pytorch_did():
    # The state dict of a real nn.GRU (D = 2, H = 5), saved as a module would: with a prefix.
    case = torch_gru_case("gru1_")
    data = npz_bytes({f"encoder.gru.{k}": case[k] for k in TORCH_KEYS})
    loaded = uploads.parse_weights(data, "gru.npz")
    assert (loaded.cell, loaded.layout, loaded.prefix) == ("gru", "pytorch", "encoder.gru.")
    p = loaded.params
    assert isinstance(p, GRUParams) and (p.input_size, p.hidden_size) == (2, 5)
    np.testing.assert_allclose(run_gru(p, case["xs"]).h, case["out"], rtol=0, atol=1e-12)


def test_twelve_rows_are_a_gru_of_four_units_when_the_recurrent_weights_say_so():
    # weight_ih_l0 (12, 3) fits an LSTM with H = 3 as well; weight_hh_l0 (12, 4) decides.
    case = torch_gru_case("gru_")
    loaded = load_weights(safetensors_bytes({k: case[k] for k in TORCH_KEYS}, "F64"))
    assert loaded.cell == "gru" and loaded.params.hidden_size == 4
    lstm = LSTMParams.init(3, 3, seed=0).to_torch()  # weight_ih_l0 (12, 3), weight_hh_l0 (12, 3)
    assert load_weights(npz_bytes(lstm)).cell == "lstm"


@pytest.mark.parametrize(("dtype", "atol"), [("F64", 0.0), ("F32", 1e-7), ("F16", 2e-3)])
def test_pytorch_gru_round_trips_through_npz_and_safetensors(dtype, atol):
    g = GRUParams.init(3, 6, seed=4)
    assert_same_gru(load_weights(npz_bytes(g.to_torch())).params, g)
    loaded = load_weights(safetensors_bytes(g.to_torch(), dtype), "g.safetensors")
    assert loaded.cell == "gru" and loaded.layout == "pytorch"
    assert_same_gru(loaded.params, g, atol=atol)


@pytest.mark.parametrize("reset_after", [True, False])
def test_keras_gru_round_trips_with_either_reset_after(reset_after):
    g = GRUParams.init(2, 4, seed=1, scheme="keras", reset_after=reset_after)
    g.b_ih[:] = np.linspace(-0.5, 0.5, 12)  # Keras initialises biases to 0: make them count
    if reset_after:
        g.b_hh[:] = np.linspace(0.3, -0.2, 12)
    kernel, recurrent, bias = g.to_keras()
    assert bias.shape == ((2, 12) if reset_after else (12,))
    names = {"gru/gru_cell/kernel:0": kernel, "gru/gru_cell/recurrent_kernel:0": recurrent}
    loaded = load_weights(npz_bytes({**names, "gru/gru_cell/bias:0": bias}))
    assert (loaded.cell, loaded.layout, loaded.prefix) == ("gru", "keras", "gru/gru_cell/")
    assert loaded.params.reset_after is reset_after
    xs = np.random.default_rng(0).normal(size=(15, 2))
    np.testing.assert_allclose(run_gru(loaded.params, xs).h, run_gru(g, xs).h, atol=1e-14)


def test_a_keras_gru_of_three_units_is_not_read_as_an_lstm():
    # recurrent_kernel (4, 12) with H = 4 is a GRU (3H); an LSTM of 4 units would be (4, 16).
    g = GRUParams.init(1, 4, seed=2, scheme="keras")
    kernel, recurrent, bias = g.to_keras()
    loaded = load_weights(
        npz_bytes({"kernel": kernel, "recurrent_kernel": recurrent, "bias": bias})
    )
    assert loaded.cell == "gru" and loaded.params.hidden_size == 4


def test_other_gru_layers_are_named_as_unused():
    g = GRUParams.init(1, 3, seed=0)
    sd = {
        **g.to_torch(),
        "weight_ih_l1": np.zeros((9, 3)),
        "weight_hh_l0_reverse": np.zeros((9, 3)),
    }
    loaded = load_weights(npz_bytes(sd))
    assert loaded.cell == "gru" and loaded.unused == ("weight_hh_l0_reverse", "weight_ih_l1")


# --- the LSTM's limits and messages -------------------------------------------------------------


def test_a_gru_with_a_wrong_recurrent_shape_is_named_as_a_gru():
    sd = GRUParams.init(1, 3, seed=0).to_torch()
    sd["weight_hh_l0"] = np.zeros((9, 2))  # H = 3 needs (9, 3)
    error = refused("weights_shape", npz_bytes(sd))
    en, ko = uploads.describe(error, "en"), uploads.describe(error, "ko")
    assert en.startswith("These weights do not fit a one-layer GRU: weight_hh_l0 has shape (9, 2)")
    assert "1층 GRU에 맞지 않습니다" in ko and "weight_hh_l0 has shape (9, 2)" in ko
    assert "(3H, H) for H=3" in en


def test_a_keras_gru_bias_of_the_wrong_shape_says_which_it_needs():
    g = GRUParams.init(1, 3, seed=0, scheme="keras")
    kernel, recurrent, _ = g.to_keras()
    arrays = {"kernel": kernel, "recurrent_kernel": recurrent, "bias": np.zeros((2, 8))}
    error = refused("weights_shape", npz_bytes(arrays))
    assert error.fields["cell"] == "GRU"
    assert "bias has shape (2, 8)" in uploads.describe(error, "en")
    assert "(2, 3H) for H=3, reset_after=True" in uploads.describe(error, "en")


def test_an_lstm_with_a_wrong_shape_still_says_lstm():
    sd = LSTMParams.init(1, 2, seed=0).to_torch()
    sd["weight_hh_l0"] = np.zeros((8, 3))
    error = refused("weights_shape", npz_bytes(sd))
    assert uploads.describe(error, "en").startswith(
        "These weights do not fit a one-layer LSTM: weight_hh_l0 has shape (8, 3)"
    )


def test_gru_weights_get_the_lstms_limits():
    wide = GRUParams.init(1, uploads.MAX_HIDDEN + 1, seed=0).to_torch()
    error = refused("weights_too_large", npz_bytes(wide))
    assert error.fields["H"] == uploads.MAX_HIDDEN + 1
    sd = GRUParams.init(1, 2, seed=0).to_torch()
    sd["bias_hh_l0"][4] = -5e3  # b_hz: a bias counts as a weight too
    error = refused("weights_too_extreme", npz_bytes(sd))
    assert error.fields["value"] == "5e+03"
    sd["bias_hh_l0"][4] = np.nan
    refused("weights_shape", npz_bytes(sd))  # the core refuses non-finite numbers


# --- a GRU file where only LSTMs run ------------------------------------------------------------


def test_a_gru_file_in_an_lstm_slot_says_what_it_holds_and_what_the_page_runs():
    g = GRUParams.init(1, 8, seed=0)
    error = refused("cell_not_run", npz_bytes(g.to_torch()), cells=("lstm",))
    assert uploads.describe(error, "en") == (
        "GRU weights were read (GRU, PyTorch layout, H = 8, D = 1), "
        "but this page runs LSTM weights only."
    )
    ko = uploads.describe(error, "ko")
    assert "GRU, PyTorch 형식, 은닉 유닛 수 H = 8, 입력 수 D = 1" in ko
    assert "LSTM 가중치만 실행합니다" in ko
    kernel, recurrent, bias = g.to_keras()
    keras = npz_bytes({"kernel": kernel, "recurrent_kernel": recurrent, "bias": bias})
    error = refused("cell_not_run", keras, cells=("lstm",))
    assert "GRU, Keras layout, H = 8, D = 1" in uploads.describe(error, "en")
    # An LSTM file in a slot that runs both is read as before.
    lstm = LSTMParams.init(1, 8, seed=0)
    assert uploads.parse_weights(npz_bytes(lstm.to_torch()), "w.npz", ("lstm", "gru")).cell == (
        "lstm"
    )
