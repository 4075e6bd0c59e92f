"""Reading and writing trained LSTM weights as bytes: `.npz` and `.safetensors`, never pickles.

Two layouts are understood (see params.py for what the arrays mean):

    PyTorch nn.LSTM   weight_ih_l0 (4H, D), weight_hh_l0 (4H, H), bias_ih_l0 (4H,), bias_hh_l0 (4H,)
                      (a module's state dict may put a prefix before them: "lstm.weight_ih_l0")
    Keras LSTM        kernel (D, 4H), recurrent_kernel (H, 4H), bias (4H,)
                      (names may carry a prefix and a ":0" suffix: "lstm/lstm_cell/kernel:0")

Files:
    .npz           a zip of .npy arrays (np.savez); read with np.load(..., allow_pickle=False)
                   after checking the zip's member count and unpacked size (a tiny zip can
                   unpack to gigabytes)
    .safetensors   8-byte little-endian header length N, N bytes of JSON
                   {name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}},
                   then the raw little-endian buffer; read here with numpy and json only

Every problem raises BadFileError (a ValueError) with a `code` naming the problem and `fields` for
the message; the pages translate the code into a sentence in the student's language.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from lstm_core.params import TORCH_KEYS, LSTMParams

MAX_FILE_BYTES = 2 * 1024 * 1024  # a 64-unit LSTM with 8 inputs is 150 kB in float64
MAX_ARRAYS = 64
MAX_UNPACKED_BYTES = 16 * 1024 * 1024
MAX_HEADER_BYTES = 100_000
KERAS_KEYS: tuple[str, ...] = ("kernel", "recurrent_kernel", "bias")
# safetensors dtype -> numpy dtype of its little-endian bytes (BF16 is widened by hand below).
SAFETENSORS_DTYPES: dict[str, str] = {"F64": "<f8", "F32": "<f4", "F16": "<f2", "BF16": "<u2"}
NPZ_MAGIC, NPY_MAGIC = b"PK\x03\x04", b"\x93NUMPY"
PICKLE_MAGIC = b"\x80"  # protocol 2+ pickles start with PROTO (0x80)


class BadFileError(ValueError):
    """A file that cannot be used. `code` names the problem (e.g. "pickled", "too_big"),
    `fields` fills the message's blanks; str(error) is an English sentence."""

    def __init__(self, code: str, message: str, **fields: object) -> None:
        super().__init__(message)
        self.code = code
        self.fields = fields


@dataclass(frozen=True)
class LoadedWeights:
    """Weights read from a file: the parameters, the layout found ("pytorch" or "keras") and
    the prefix that stood before the standard names ("" when there was none)."""

    params: LSTMParams
    layout: str
    prefix: str


def megabytes(n: int) -> str:
    """A byte count as Streamlit's file picker writes it: MB of 1024 × 1024 bytes."""
    return f"{n / 2**20:.1f}".removesuffix(".0") + " MB"


# --- reading ------------------------------------------------------------------------------------


def read_arrays(data: bytes, filename: str = "") -> dict[str, np.ndarray]:
    """The named arrays in an .npz or .safetensors file, as float64 arrays.

    The kind is told by the content (an .npz is a zip), not by the name; `filename` only
    improves the message when the content is neither."""
    if len(data) == 0:
        raise BadFileError("empty", "the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise BadFileError(
            "too_big",
            f"the file has {len(data):,} bytes; at most {MAX_FILE_BYTES:,} are accepted",
            size=megabytes(len(data)),
            limit=megabytes(MAX_FILE_BYTES),
        )
    if data.startswith(NPZ_MAGIC):
        return read_npz(data)
    if data.startswith(NPY_MAGIC):
        _refuse_pickled_npy(data)
        raise BadFileError(
            "single_npy",
            "this is a single .npy array; save the named arrays together with np.savez",
        )
    if data.startswith(PICKLE_MAGIC):
        raise BadFileError("pickled", "the file is a Python pickle, which is never loaded here")
    try:
        return read_safetensors(data)
    except BadFileError as error:
        if filename.lower().endswith(".safetensors"):
            raise
        raise BadFileError(
            "not_weights", f"not an .npz or .safetensors file ({error})", name=filename or "?"
        ) from None


def _refuse_pickled_npy(data: bytes) -> None:
    """BadFileError("pickled") if a .npy holds an object array (it would need unpickling)."""
    try:
        np.load(io.BytesIO(data), allow_pickle=False)
    except ValueError as error:
        if "allow_pickle" in str(error) or "pickled" in str(error):
            raise BadFileError("pickled", "the file holds pickled Python objects") from None
    except (OSError, EOFError):
        pass


def read_npz(data: bytes) -> dict[str, np.ndarray]:
    """The arrays of an .npz (np.savez / np.savez_compressed) as float64, by name."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise BadFileError("bad_npz", f"the .npz (zip) file is damaged: {error}") from None
    if len(members) > MAX_ARRAYS:
        raise BadFileError(
            "too_many_arrays", f"the file holds {len(members)} arrays", count=len(members),
            limit=MAX_ARRAYS,
        )  # fmt: skip
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise BadFileError(
            "too_big",
            f"the .npz unpacks to {unpacked:,} bytes; at most {MAX_UNPACKED_BYTES:,} are accepted",
            size=megabytes(unpacked),
            limit=megabytes(MAX_UNPACKED_BYTES),
        )
    not_npy = [m.filename for m in members if not m.filename.endswith(".npy")]
    if not_npy:
        raise BadFileError(
            "bad_npz", f"the zip holds files that are not .npy arrays: {', '.join(not_npy[:3])}"
        )
    arrays = {}
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            for name in npz.files:
                arrays[name] = _as_float(npz[name], name)
    except BadFileError:
        raise
    except ValueError as error:
        # numpy refuses object arrays (which would need unpickling) with a ValueError.
        if "allow_pickle" in str(error) or "pickled" in str(error):
            raise BadFileError("pickled", "the file holds pickled Python objects") from None
        raise BadFileError("bad_npz", f"an array in the .npz cannot be read: {error}") from None
    except (OSError, EOFError, zipfile.BadZipFile, KeyError) as error:
        raise BadFileError("bad_npz", f"an array in the .npz cannot be read: {error}") from None
    return arrays


def read_safetensors(data: bytes) -> dict[str, np.ndarray]:
    """The tensors of a .safetensors file as float64 arrays, by name (F64, F32, F16, BF16)."""
    if len(data) < 8:
        raise BadFileError("bad_safetensors", "shorter than the 8-byte header length")
    n = int.from_bytes(data[:8], "little")
    if n == 0 or n > MAX_HEADER_BYTES or 8 + n > len(data):
        raise BadFileError("bad_safetensors", f"the header length {n} does not fit the file")
    try:
        header = json.loads(data[8 : 8 + n].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadFileError("bad_safetensors", f"the header is not JSON: {error}") from None
    if not isinstance(header, dict):
        raise BadFileError("bad_safetensors", "the header is not a JSON object")
    header.pop("__metadata__", None)
    if len(header) > MAX_ARRAYS:
        raise BadFileError(
            "too_many_arrays", f"the file holds {len(header)} tensors", count=len(header),
            limit=MAX_ARRAYS,
        )  # fmt: skip
    buffer = memoryview(data)[8 + n :]
    arrays = {}
    for name, info in header.items():
        arrays[name] = _safetensor(buffer, str(name), info)
    return arrays


def _safetensor(buffer: memoryview, name: str, info: object) -> np.ndarray:
    if not isinstance(info, dict):
        raise BadFileError("bad_safetensors", f"the entry for {name!r} is not an object")
    dtype, shape, offsets = info.get("dtype"), info.get("shape"), info.get("data_offsets")
    if dtype not in SAFETENSORS_DTYPES:
        raise BadFileError(
            "bad_dtype",
            f"tensor {name!r} has dtype {dtype!r}; only F64, F32, F16 and BF16 are read",
            name=name,
            dtype=str(dtype)[:20],
        )
    if (
        not isinstance(shape, list)
        or len(shape) > 4
        or not all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in shape)
    ):
        raise BadFileError("bad_safetensors", f"tensor {name!r} has a malformed shape {shape!r}")
    if (
        not isinstance(offsets, list)
        or len(offsets) != 2
        or not all(isinstance(o, int) and not isinstance(o, bool) for o in offsets)
    ):
        raise BadFileError("bad_safetensors", f"tensor {name!r} has malformed data_offsets")
    begin, end = offsets
    np_dtype = np.dtype(SAFETENSORS_DTYPES[dtype])
    count = math.prod(shape)
    if not 0 <= begin <= end <= len(buffer) or end - begin != count * np_dtype.itemsize:
        raise BadFileError(
            "bad_safetensors",
            f"tensor {name!r}: bytes {begin}..{end} do not hold {count} {dtype} numbers "
            f"inside a buffer of {len(buffer)} bytes",
        )
    raw = np.frombuffer(buffer, dtype=np_dtype, count=count, offset=begin).reshape(shape)
    if dtype == "BF16":  # bfloat16 is the top half of a float32
        raw = (raw.astype(np.uint32) << 16).view(np.float32)
    return _as_float(raw, name)


def _as_float(a: np.ndarray, name: str) -> np.ndarray:
    if a.dtype.kind not in "fiu":
        raise BadFileError(
            "bad_dtype", f"array {name!r} has dtype {a.dtype}", name=name, dtype=str(a.dtype)
        )
    return np.asarray(a, dtype=np.float64)


# --- naming layouts -----------------------------------------------------------------------------


def _base_name(key: str) -> str:
    """A key without a TensorFlow ":0" suffix."""
    return key[:-2] if key.endswith(":0") else key


def params_from_arrays(arrays: Mapping[str, np.ndarray]) -> LoadedWeights:
    """LSTMParams from named arrays in PyTorch or Keras layout (see the module docstring).

    Shapes are checked by LSTMParams.from_torch / from_keras, whose ValueError says which array
    has which shape and what was expected."""
    torch_prefixes = sorted(
        _base_name(k)[: -len("weight_ih_l0")]
        for k in arrays
        if _base_name(k).endswith("weight_ih_l0")
    )
    keras_prefixes = sorted(
        _base_name(k)[: -len("recurrent_kernel")]
        for k in arrays
        if _base_name(k).endswith("recurrent_kernel")
    )
    if len(torch_prefixes) + len(keras_prefixes) > 1:
        found = [p + "weight_ih_l0" for p in torch_prefixes] + [
            p + "recurrent_kernel" for p in keras_prefixes
        ]
        raise BadFileError(
            "several_lstms",
            f"the file holds several LSTMs ({', '.join(found[:4])}); keep one",
            names=", ".join(found[:4]),
        )
    by_base = {_base_name(k): v for k, v in arrays.items()}
    if torch_prefixes:
        prefix = torch_prefixes[0]
        missing = [key for key in TORCH_KEYS if prefix + key not in by_base]
        if missing:
            raise BadFileError(
                "missing_keys",
                f"missing arrays: {', '.join(prefix + m for m in missing)}",
                names=", ".join(prefix + m for m in missing),
            )
        params = LSTMParams.from_torch({key: by_base[prefix + key] for key in TORCH_KEYS})
        return LoadedWeights(params, "pytorch", prefix)
    if keras_prefixes:
        prefix = keras_prefixes[0]
        if prefix + "kernel" not in by_base:
            raise BadFileError(
                "missing_keys", f"missing array: {prefix}kernel", names=prefix + "kernel"
            )
        bias = by_base.get(prefix + "bias")
        params = LSTMParams.from_keras(
            by_base[prefix + "kernel"], by_base[prefix + "recurrent_kernel"], bias
        )
        return LoadedWeights(params, "keras", prefix)
    shown = ", ".join(sorted(arrays)[:6]) or "—"
    raise BadFileError(
        "unknown_layout",
        f"found arrays {shown}; expected {', '.join(TORCH_KEYS)} (PyTorch) or "
        f"{', '.join(KERAS_KEYS)} (Keras)",
        names=shown,
    )


def load_weights(data: bytes, filename: str = "") -> LoadedWeights:
    """LSTM weights from the bytes of an .npz or .safetensors file (PyTorch or Keras names)."""
    return params_from_arrays(read_arrays(data, filename))


# --- writing ------------------------------------------------------------------------------------


def npz_bytes(arrays: Mapping[str, np.ndarray]) -> bytes:
    """An .npz file (np.savez) of `arrays`, e.g. p.to_torch(): loadable without pickles."""
    buffer = io.BytesIO()
    np.savez(buffer, **{name: np.asarray(a) for name, a in arrays.items()})
    return buffer.getvalue()


def safetensors_bytes(arrays: Mapping[str, np.ndarray], dtype: str = "F32") -> bytes:
    """A .safetensors file of `arrays` stored as `dtype` ("F64", "F32" or "F16"), the tensors
    one after another in name order, the header padded with spaces to a multiple of 8 bytes."""
    if dtype not in ("F64", "F32", "F16"):
        raise ValueError(f"cannot write dtype {dtype!r}; use F64, F32 or F16")
    header: dict[str, object] = {}
    chunks, offset = [], 0
    for name in sorted(arrays):
        raw = np.ascontiguousarray(arrays[name], dtype=SAFETENSORS_DTYPES[dtype]).tobytes()
        shape = list(np.shape(arrays[name]))
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    return len(text).to_bytes(8, "little") + text + b"".join(chunks)
