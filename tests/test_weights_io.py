"""Parsing what students upload or type, on plain bytes: weights files (.npz, .safetensors),
CSV sequences and typed numbers. Good files load exactly; bad ones raise BadFileError with a
code that has a message in both languages; pickles are never loaded."""

import io
import json
import pickle
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest

from lstm_core import LSTMParams, run_lstm
from lstm_core.lab.weights_io import (
    MAX_ELEMENTS,
    MAX_FILE_BYTES,
    BadFileError,
    load_weights,
    npz_bytes,
    read_safetensors,
    safetensors_bytes,
)
from lstm_ui import uploads
from lstm_viz import i18n

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def assert_same_params(p: LSTMParams, q: LSTMParams, atol: float = 0.0) -> None:
    for name in ("W", "U", "b"):
        np.testing.assert_allclose(getattr(p, name), getattr(q, name), rtol=0, atol=atol)


def raises_code(code: str, func, *args):
    """Call func(*args), expect BadFileError `code`, and check its message exists in en and ko."""
    with pytest.raises(BadFileError) as info:
        func(*args)
    assert info.value.code == code, (info.value.code, str(info.value))
    for lang in ("en", "ko"):
        assert uploads.describe(info.value, lang).strip()
    return info.value


# --- weights: good files ------------------------------------------------------------------------


def test_npz_with_pytorch_names_round_trips_exactly():
    p = LSTMParams.init(3, 5, seed=1)
    loaded = load_weights(npz_bytes(p.to_torch()), "w.npz")
    assert loaded.layout == "pytorch" and loaded.prefix == ""
    assert_same_params(loaded.params, p)


def test_pytorch_bias_is_the_sum_of_the_two_biases():
    p = LSTMParams.init(2, 3, seed=2)
    sd = p.to_torch()
    sd["bias_ih_l0"], sd["bias_hh_l0"] = p.b - 0.25, np.full_like(p.b, 0.25)
    assert_same_params(load_weights(npz_bytes(sd)).params, p, atol=1e-15)


@pytest.mark.parametrize(("dtype", "atol"), [("F64", 0.0), ("F32", 1e-7), ("F16", 1e-3)])
def test_safetensors_with_keras_names_in_each_float_width(dtype, atol):
    p = LSTMParams.init(2, 4, seed=5, scheme="keras")
    kernel, recurrent, bias = p.to_keras()
    data = safetensors_bytes({"kernel": kernel, "recurrent_kernel": recurrent, "bias": bias}, dtype)
    loaded = load_weights(data, "w.safetensors")
    assert loaded.layout == "keras"
    assert_same_params(loaded.params, p, atol=atol)


def test_safetensors_written_by_hand_per_the_spec_with_metadata_and_bf16():
    # Header per the format: 8-byte little-endian length, JSON, then the buffer; the tensors
    # in the buffer in another order than in the header, and a __metadata__ entry.
    W = np.array([[1.0], [-2.0], [0.5], [3.0]], dtype=np.float32)  # exact in bfloat16
    U = np.array([[0.25], [0.0], [-1.0], [2.0]], dtype=np.float32)
    b = np.array([0.0, 1.0, 0.0, -0.5], dtype=np.float32)
    bf16 = lambda a: (a.view(np.uint32) >> 16).astype("<u2").tobytes()  # noqa: E731
    chunks = {
        "bias_hh_l0": bf16(np.zeros(4, np.float32)),
        "weight_hh_l0": bf16(U),
        "weight_ih_l0": bf16(W),
        "bias_ih_l0": bf16(b),
    }
    header, offset = {"__metadata__": {"format": "pt"}}, 0
    for name, raw in chunks.items():
        shape = [4] if name.startswith("bias") else [4, 1]
        header[name] = {
            "dtype": "BF16",
            "shape": shape,
            "data_offsets": [offset, offset + len(raw)],
        }
        offset += len(raw)
    text = json.dumps(header).encode()
    data = struct.pack("<Q", len(text)) + text + b"".join(chunks.values())
    p = load_weights(data, "model.safetensors").params
    np.testing.assert_array_equal(p.W, W)
    np.testing.assert_array_equal(p.U, U)
    np.testing.assert_array_equal(p.b, b)


def test_a_module_state_dict_prefix_and_other_layers_are_understood():
    p = LSTMParams.init(1, 2, seed=0)
    sd = {f"encoder.lstm.{k}": v for k, v in p.to_torch().items()}
    sd["encoder.fc.weight"] = np.ones((1, 2))
    loaded = load_weights(safetensors_bytes(sd, "F64"))
    assert loaded.prefix == "encoder.lstm."
    assert_same_params(loaded.params, p)


def test_keras_names_with_a_prefix_and_tensorflow_suffix():
    p = LSTMParams.init(1, 2, seed=0)
    kernel, recurrent, bias = p.to_keras()
    arrays = {
        "lstm/lstm_cell/kernel:0": kernel,
        "lstm/lstm_cell/recurrent_kernel:0": recurrent,
        "lstm/lstm_cell/bias:0": bias,
    }
    assert_same_params(load_weights(npz_bytes(arrays)).params, p)


def test_shipped_fixtures_hold_what_make_fixtures_writes():
    from fixtures.make_fixtures import TORCH_D1_H3, TORCH_D2_H4, fixture_bytes

    made = fixture_bytes()
    for name in ("lstm_keras_d1_h3.safetensors", "lstm_torch_d2_h4.safetensors"):
        assert (FIXTURES / name).read_bytes() == made[name], name
    assert (FIXTURES / "sequence_two_features.csv").read_bytes() == made[
        "sequence_two_features.csv"
    ]
    torch32 = load_weights((FIXTURES / "lstm_torch_d1_h3.npz").read_bytes())
    keras = load_weights((FIXTURES / "lstm_keras_d1_h3.safetensors").read_bytes())
    assert_same_params(torch32.params, TORCH_D1_H3, atol=1e-7)
    assert_same_params(keras.params, TORCH_D1_H3, atol=1e-7)
    d2 = load_weights((FIXTURES / "lstm_torch_d2_h4.safetensors").read_bytes())
    assert_same_params(d2.params, TORCH_D2_H4)


def safetensors_with_header_length(arrays, length: int) -> bytes:
    """safetensors_bytes(arrays, "F64") with its JSON header padded with spaces (as the format
    allows) to exactly `length` bytes."""
    data = safetensors_bytes(arrays, "F64")
    n = int.from_bytes(data[:8], "little")
    text = data[8 : 8 + n].rstrip(b" ")
    assert len(text) <= length
    return struct.pack("<Q", length) + text.ljust(length) + data[8 + n :]


@pytest.mark.parametrize("length", [384, 640, 896])
def test_safetensors_whose_header_length_starts_with_the_pickle_byte_loads(length):
    # 384 = 0x180: the file's first byte is 0x80, a pickle's PROTO opcode.
    p = LSTMParams.init(2, 3, seed=4)
    data = safetensors_with_header_length(p.to_torch(), length)
    assert data[0] == 0x80
    for name in ("w.safetensors", "w.npz", ""):
        assert_same_params(load_weights(data, name).params, p)


def test_a_pickle_is_still_refused_as_a_pickle_whatever_its_name():
    for name in ("w.safetensors", "w.npz", "w.pt"):
        raises_code("pickled", load_weights, pickle.dumps({"weight_ih_l0": [1.0]}), name)


def test_other_layers_and_the_backward_direction_are_named_as_unused():
    p = LSTMParams.init(1, 2, seed=0)
    sd = {f"rnn.{k}": v for k, v in p.to_torch().items()}
    for key in ("weight_ih_l0_reverse", "weight_ih_l1", "bias_hh_l1_reverse"):
        sd[f"rnn.{key}"] = np.zeros((8, 2))
    loaded = load_weights(npz_bytes(sd))
    assert_same_params(loaded.params, p)
    assert loaded.unused == (
        "rnn.bias_hh_l1_reverse",
        "rnn.weight_ih_l0_reverse",
        "rnn.weight_ih_l1",
    )
    assert load_weights(npz_bytes(p.to_torch())).unused == ()


# --- weights: bad files -------------------------------------------------------------------------


def patch_zip(data: bytes, local_offset: int, central_offset: int, value: int, op="set") -> bytes:
    """The zip `data` with one byte changed in every local and central header: at
    `local_offset` after b"PK\x03\x04" and `central_offset` after b"PK\x01\x02" (set to
    `value`, or or-ed with it)."""
    raw = bytearray(data)
    for magic, offset in ((b"PK\x03\x04", local_offset), (b"PK\x01\x02", central_offset)):
        at = raw.find(magic)
        while at >= 0:
            raw[at + offset] = value if op == "set" else raw[at + offset] | value
            at = raw.find(magic, at + 1)
    return bytes(raw)


def npy_header_bytes(shape, descr="<f8") -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        buffer, {"descr": descr, "fortran_order": False, "shape": shape}
    )
    return buffer.getvalue()


def zip_of(members: dict[str, bytes], method=zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, raw in members.items():
            archive.writestr(name, raw)
    return buffer.getvalue()


def good_npz() -> bytes:
    return npz_bytes(LSTMParams.init(1, 2, seed=0).to_torch())


def deeply_nested_safetensors() -> bytes:
    text = b"[" * 49_000  # json.loads recurses once per "[" (RecursionError)
    return struct.pack("<Q", len(text)) + text


def long_integer_safetensors() -> bytes:
    text = b'{"kernel": {"dtype": "F32", "shape": [' + b"7" * 5000 + b'], "data_offsets": [0, 4]}}'
    return struct.pack("<Q", len(text)) + text + bytes(4)


def corrupt_deflate_npz() -> bytes:
    data = bytearray(zip_of({"weight_ih_l0.npy": bytes(5000)}, zipfile.ZIP_DEFLATED))
    start = 30 + len("weight_ih_l0.npy")  # the compressed stream follows the local header
    data[start : start + 8] = b"\xff" * 8  # not a deflate stream (zlib.error)
    return bytes(data)


def huge_shape_npz() -> bytes:
    # a header claiming 10¹² numbers: np.load would allocate 8 TB before reading a byte
    return zip_of({"weight_ih_l0.npy": npy_header_bytes((10**12,)) + bytes(64)})


def huge_shape_npy() -> bytes:
    return npy_header_bytes((10**12,)) + bytes(64)


def short_member_npz() -> bytes:
    # a shape its member's bytes cannot hold
    return zip_of({"weight_ih_l0.npy": npy_header_bytes((1000,)) + bytes(64)})


def int8_npz() -> bytes:
    # int8 widened to float64 would take 8 times its bytes: the count is capped
    return npz_bytes({"weight_ih_l0": np.zeros(MAX_ELEMENTS + 1, np.int8)})


def many_arrays_npz() -> bytes:
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **{f"a{k}": np.zeros(MAX_ELEMENTS) for k in range(6)})
    return buffer.getvalue()


def wide_safetensors() -> bytes:
    return safetensors_bytes({"kernel": np.zeros((MAX_ELEMENTS + 1, 1))}, "F16")


def huge_product_safetensors() -> bytes:
    # each number has 4001 digits (json reads it); their product has more than int → str allows
    big = b"1" + b"0" * 4000
    text = (
        b'{"kernel": {"dtype": "F32", "shape": ['
        + big
        + b","
        + big
        + b'], "data_offsets": [0, 4]}}'
    )
    return struct.pack("<Q", len(text)) + text + bytes(4)


@pytest.mark.parametrize(
    ("make", "name", "code"),
    [
        (deeply_nested_safetensors, "w.safetensors", "bad_safetensors"),
        (long_integer_safetensors, "w.safetensors", "bad_safetensors"),
        # the "encrypted" flag (bit 0 of the flags): zipfile asks for a password (RuntimeError)
        (lambda: patch_zip(good_npz(), 6, 8, 0x1, op="or"), "w.npz", "npz_encrypted"),
        # compression method 9, deflate64: zipfile raises NotImplementedError
        (lambda: patch_zip(good_npz(), 8, 10, 9), "w.npz", "npz_compression"),
        (corrupt_deflate_npz, "w.npz", "bad_npz"),
        (huge_shape_npz, "w.npz", "array_too_big"),
        (huge_shape_npy, "w.npy", "single_npy"),
        (short_member_npz, "w.npz", "bad_npz"),
        (int8_npz, "w.npz", "array_too_big"),
        (many_arrays_npz, "w.npz", "too_many_numbers"),
        (wide_safetensors, "w.safetensors", "array_too_big"),
        (huge_product_safetensors, "w.safetensors", "array_too_big"),
    ],
)
def test_hostile_files_end_as_a_bad_file_error_never_another_exception(make, name, code):
    data = make()
    assert len(data) <= MAX_FILE_BYTES
    error = raises_code(code, load_weights, data, name)
    assert "Exceeds the limit" not in str(error)  # int's own message is no help to a student


def test_nested_or_long_number_headers_in_a_file_of_another_name_are_not_weights():
    for make in (deeply_nested_safetensors, long_integer_safetensors):
        raises_code("not_weights", load_weights, make(), "w.bin")


def test_pickled_object_array_in_an_npz_is_refused_and_never_unpickled(tmp_path):
    marker = tmp_path / "unpickled"

    class Boom:  # unpickling this would create the marker file
        def __reduce__(self):
            return (marker.write_text, ("loaded!",))

    buffer = io.BytesIO()
    np.savez(buffer, weight_ih_l0=np.array([Boom()], dtype=object))
    raises_code("pickled", load_weights, buffer.getvalue(), "evil.npz")
    assert not marker.exists()


def test_pickled_npy_and_raw_pickle_are_refused(tmp_path):
    marker = tmp_path / "unpickled"

    class Boom:
        def __reduce__(self):
            return (marker.write_text, ("loaded!",))

    # What np.save writes for an object array: an .npy header with dtype "|O", then a pickle.
    buffer = io.BytesIO()
    header = {"descr": "|O", "fortran_order": False, "shape": (1,)}
    np.lib.format.write_array_header_1_0(buffer, header)
    buffer.write(pickle.dumps(np.array([Boom()], dtype=object), protocol=3))
    raises_code("pickled", load_weights, buffer.getvalue(), "evil.npy")
    raises_code("pickled", load_weights, pickle.dumps(Boom()), "evil.npz")
    assert not marker.exists()


def test_a_single_plain_npy_is_refused_with_a_hint():
    buffer = io.BytesIO()
    np.save(buffer, np.zeros((4, 1)))
    raises_code("single_npy", load_weights, buffer.getvalue(), "w.npy")


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "w.npz", "empty"),
        (b"just some text, not weights", "w.npz", "not_weights"),
        (bytes(range(256)) * 4, "w.bin", "not_weights"),
        (b"PK\x03\x04 broken zip", "w.npz", "bad_npz"),
        (b"\x10\x00\x00\x00\x00\x00\x00\x00{not json at all}", "w.safetensors", "bad_safetensors"),
        (b"\xff" * 8 + b"{}", "w.safetensors", "bad_safetensors"),
    ],
)
def test_garbage_bytes_are_refused(data, name, code):
    raises_code(code, load_weights, data, name)


def test_too_big_files_are_refused_before_parsing():
    raises_code("too_big", load_weights, b"PK\x03\x04" + bytes(MAX_FILE_BYTES), "w.npz")
    raises_code("too_big", uploads.parse_weights, bytes(MAX_FILE_BYTES + 1), "w.npz")


def test_a_zip_bomb_is_refused_by_its_unpacked_size():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("weight_ih_l0.npy", bytes(64 * 1024 * 1024))  # 64 MB of zeros
    assert len(buffer.getvalue()) < MAX_FILE_BYTES
    raises_code("too_big", load_weights, buffer.getvalue(), "w.npz")


def test_integer_and_unknown_dtypes_are_refused_in_safetensors():
    header = {"kernel": {"dtype": "I32", "shape": [1, 4], "data_offsets": [0, 16]}}
    text = json.dumps(header).encode()
    data = struct.pack("<Q", len(text)) + text + bytes(16)
    error = raises_code("bad_dtype", read_safetensors, data)
    assert error.fields["dtype"] == "I32"


def test_safetensors_offsets_outside_the_buffer_are_refused():
    header = {"kernel": {"dtype": "F32", "shape": [1, 4], "data_offsets": [0, 160]}}
    text = json.dumps(header).encode()
    raises_code(
        "bad_safetensors", read_safetensors, struct.pack("<Q", len(text)) + text + bytes(16)
    )


def test_missing_arrays_are_named():
    sd = LSTMParams.init(1, 2, seed=0).to_torch()
    del sd["weight_hh_l0"]
    error = raises_code("missing_keys", load_weights, npz_bytes(sd))
    assert "weight_hh_l0" in error.fields["names"]


def test_unknown_names_list_what_was_found():
    error = raises_code(
        "unknown_layout", load_weights, npz_bytes({"w1": np.ones(3), "w2": np.ones(2)})
    )
    assert "w1" in error.fields["names"]


def test_wrong_shapes_give_the_cores_message_in_a_sentence():
    sd = LSTMParams.init(1, 2, seed=0).to_torch()
    sd["weight_hh_l0"] = np.zeros((8, 3))
    with pytest.raises(ValueError, match=r"weight_hh_l0 has shape \(8, 3\)") as info:
        load_weights(npz_bytes(sd))
    assert "weight_hh_l0 has shape (8, 3)" in uploads.describe(info.value, "ko")
    kernel = np.zeros((1, 6))  # 6 columns: not 4H
    with pytest.raises(ValueError, match="kernel has shape"):
        load_weights(npz_bytes({"kernel": kernel, "recurrent_kernel": np.zeros((2, 8))}))


def test_nan_weights_are_refused():
    sd = LSTMParams.init(1, 2, seed=0).to_torch()
    sd["bias_ih_l0"][3] = np.nan
    with pytest.raises(ValueError, match="non-finite"):
        load_weights(npz_bytes(sd))


@pytest.mark.parametrize("value", [1e308, -2e3, 1e4])
def test_huge_finite_weights_are_refused_at_upload(value):
    sd = LSTMParams.init(1, 2, seed=0).to_torch()
    sd["weight_hh_l0"][1, 1] = value
    error = raises_code("weights_too_extreme", uploads.parse_weights, npz_bytes(sd), "w.npz")
    assert error.fields["limit"] == f"{uploads.MAX_ABS_WEIGHT:g}"
    sd["weight_hh_l0"][1, 1] = 999.0  # within the limit: read
    assert uploads.parse_weights(npz_bytes(sd), "w.npz").params.U[1, 1] == 999.0


def test_weights_larger_than_the_page_shows_are_refused():
    sd = LSTMParams.init(1, uploads.MAX_HIDDEN + 1, seed=0).to_torch()
    error = raises_code("weights_too_large", uploads.parse_weights, npz_bytes(sd), "w.npz")
    assert error.fields["H"] == uploads.MAX_HIDDEN + 1


def test_loaded_weights_run_like_the_originals():
    p = LSTMParams.init(2, 3, seed=9)
    xs = np.random.default_rng(0).normal(size=(20, 2))
    q = load_weights(npz_bytes(p.to_torch())).params
    np.testing.assert_array_equal(run_lstm(p, xs).h, run_lstm(q, xs).h)


# --- CSV sequences ------------------------------------------------------------------------------


def test_csv_with_header_and_two_columns():
    seq = uploads.parse_csv((FIXTURES / "sequence_two_features.csv").read_bytes())
    assert seq.header and seq.columns == ("sine", "cosine")
    assert seq.xs.shape == (40, 2)
    assert seq.xs[1, 0] == pytest.approx(np.sin(0.25), abs=1e-6)


@pytest.mark.parametrize(
    ("text", "shape", "first"),
    [
        ("1\n2\n3\n", (3, 1), 1.0),
        ("1,2\n3,4\n", (2, 2), 1.0),
        ("x;y\n1,5;2,5\n3;4\n", (2, 2), 1.5),  # semicolons with decimal commas
        ("1\t2\n3\t4\n", (2, 2), 1.0),
        ("1 2\n3 4\n\n", (2, 2), 1.0),
        ("\ufeffvalue\n−0.5\n2\n", (2, 1), -0.5),  # a BOM, a header and a typeset minus
    ],
)
def test_csv_layouts_that_are_read(text, shape, first):
    seq = uploads.parse_csv(text.encode("utf-8"))
    assert seq.xs.shape == shape
    assert seq.xs[0, 0] == first


def test_csv_with_a_korean_header_in_cp949():
    seq = uploads.parse_csv("값,시간\n1,2\n3,4\n".encode("cp949"))
    assert seq.columns == ("값", "시간")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "csv_empty"),
        (b"\n\n  \n", "csv_empty"),
        (b"\x00\x01\x02\x03binary", "csv_binary"),
        (bytes(range(128, 256)) * 3, "csv_binary"),
        (b"a,b\n", "csv_no_rows"),
        (b"1\n", "csv_too_short"),
        (b"1|2\n3|4\n5|6\n", "csv_wrong_delimiter"),
        (b"x\n1\nfoo\n", "csv_not_numeric"),
        (b"1,2\n3\n", "csv_missing"),
        (b"1,2\n3,4,5\n", "csv_ragged"),
        (b"1\nnan\n", "csv_not_finite"),
        (b"1\ninf\n", "csv_not_finite"),
        (b"1\n1e300\n", "csv_too_large"),
        (("1,2,3,4,5,6,7,8,9\n" * 3).encode(), "csv_too_wide"),
        (("1\n" * (uploads.MAX_STEPS + 2)).encode(), "csv_too_long"),
        (b"1\n" * (uploads.MAX_CSV_BYTES // 2 + 1), "csv_too_big"),
    ],
)
def test_bad_csv_files_get_a_clear_reason(data, code):
    raises_code(code, uploads.parse_csv, data)


ONE_MB = 1024 * 1024  # the CSV limit the page and the README promise


def test_a_csv_file_may_be_one_megabyte_and_not_a_byte_more():
    row = b"0.12345678901234567890123456789," * 7 + b"0.1234567890123456789012345678\n"  # 248 B
    at_limit = row * (ONE_MB // len(row))
    at_limit += b"0" * (ONE_MB - len(at_limit) - 2) + b"\n"  # a last line that is too short
    assert len(at_limit) < ONE_MB
    raises_code("csv_missing", uploads.parse_csv, at_limit)  # read (not refused for its size)
    raises_code("csv_too_big", uploads.parse_csv, b"1\n" * (ONE_MB // 2) + b"1")


def test_csv_error_names_the_row_and_column():
    error = raises_code("csv_not_numeric", uploads.parse_csv, b"a,b\n1,2\n3,oops\n")
    assert (error.fields["row"], error.fields["column"], error.fields["value"]) == (3, 2, "oops")
    assert "3" in uploads.describe(error, "en") and "oops" in uploads.describe(error, "ko")


def test_a_megabyte_of_commas_is_refused_as_too_wide_before_pandas_reads_it():
    # pandas would build a DataFrame of a million columns first (70 s and 2.7 GB).
    error = raises_code("csv_too_wide", uploads.parse_csv, b"," * 1_000_000 + b"\n1\n")
    assert error.fields["columns"] == "1,000,001"


@pytest.mark.parametrize(
    ("data", "code", "line"),
    [
        (b"1,2\n3,4\n" + b"," * 900_000 + b"\n", "csv_ragged", 3),
        (b"1 2\n3 4\n" + b" 5" * 400_000 + b"\n", "csv_ragged", 3),
        (b"1\n" + b"7" * 900_000 + b"\n", "csv_line_too_long", 2),
    ],
)
def test_huge_lines_are_refused_by_their_text(data, code, line):
    error = raises_code(code, uploads.parse_csv, data)
    assert error.fields["line"] == line


@pytest.mark.parametrize(
    ("data", "code", "row", "column"),
    [
        (b"x\n\n1\n\nfoo\n", "csv_not_numeric", 5, 1),  # blank lines count
        (b"a,b\n\n1,2\n\n\n3,\n", "csv_missing", 6, 2),
        (b"1 2\n3\n", "csv_missing", 2, 2),  # a short row, not a `nan` the file never held
        (b"\n\n1\n2\ninf\n", "csv_not_finite", 5, 1),
    ],
)
def test_csv_messages_name_the_files_own_line_numbers(data, code, row, column):
    error = raises_code(code, uploads.parse_csv, data)
    assert (error.fields["row"], error.fields["column"]) == (row, column)


def test_ragged_line_is_the_files_line_number():
    error = raises_code("csv_ragged", uploads.parse_csv, b"1,2\n\n\n3,4,5\n")
    assert error.fields["line"] == 4


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("0,5\n1,25\n2,75\n", True),  # decimal commas read as two columns
        ("-3,5\n1,0\n", True),
        ("0.5,1.5\n2,3\n", False),  # a decimal point: really two columns
        ("a,b\n1,2\n3,4\n", False),  # a header names two columns
        ("1;5\n2;5\n", False),
        ("1,2,3\n4,5,6\n", False),
        ("1,-5\n2,5\n", False),  # a sign: not the decimals of 1
    ],
)
def test_a_note_when_decimal_commas_may_have_been_read_as_columns(text, note):
    seq = uploads.parse_csv(text.encode())
    assert seq.notes == (("csv_decimal_commas",) if note else ())
    for lang in ("en", "ko"):
        assert i18n.t("stepper.note.csv_decimal_commas", lang)


def test_typed_help_says_how_to_write_a_decimal():
    assert "0.5" in i18n.t("stepper.typed_help", "en", limit=5000)
    assert "0,5" in i18n.t("stepper.typed_help", "ko", limit=5000)


def test_csv_at_the_row_limit_is_read():
    seq = uploads.parse_csv(("v\n" + "0.5\n" * uploads.MAX_STEPS).encode())
    assert seq.xs.shape == (uploads.MAX_STEPS, 1)


# --- typed numbers ------------------------------------------------------------------------------


def test_typed_numbers_in_any_separator():
    xs = uploads.parse_typed("1, 2;3\n4  −5 1e-1")
    np.testing.assert_array_equal(xs[:, 0], [1, 2, 3, 4, -5, 0.1])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "typed_empty"),
        (" , ; ", "typed_empty"),
        ("1, two, 3", "typed_not_number"),
        ("1, nan", "typed_not_finite"),
        ("1, -inf", "typed_not_finite"),
        ("1, 1e300", "typed_too_large"),
        ("7", "typed_too_short"),
        (", ".join(["1"] * (uploads.MAX_STEPS + 1)), "typed_too_many"),
        ("1," * uploads.MAX_TEXT_CHARS, "typed_too_long"),
    ],
)
def test_bad_typed_numbers_get_a_clear_reason(text, code):
    raises_code(code, uploads.parse_typed, text)


def test_every_error_code_has_strings_with_matching_fields():
    codes = [
        key.removeprefix("stepper.err.") for key in i18n.STRINGS if key.startswith("stepper.err.")
    ]
    assert {"pickled", "bad_dtype", "csv_ragged", "typed_not_number", "weights_shape"} <= set(codes)
