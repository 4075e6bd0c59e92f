"""Reading and writing trained LSTM and GRU weights as bytes: `.npz` and `.safetensors`, never
pickles.

Two layouts of two cells are understood (see params.py and gru.py for what the arrays mean):

    PyTorch nn.LSTM   weight_ih_l0 (4H, D), weight_hh_l0 (4H, H), bias_ih_l0 (4H,), bias_hh_l0 (4H,)
    PyTorch nn.GRU    the same names: weight_ih_l0 (3H, D), weight_hh_l0 (3H, H), biases (3H,)
                      (a module's state dict may put a prefix before them: "lstm.weight_ih_l0")
    Keras LSTM        kernel (D, 4H), recurrent_kernel (H, 4H), bias (4H,)
    Keras GRU         kernel (D, 3H), recurrent_kernel (H, 3H), bias (2, 3H) (reset_after=True,
                      the default) or (3H,) (reset_after=False)
                      (names may carry a prefix and a ":0" suffix: "lstm/lstm_cell/kernel:0")

Which cell a file holds is read from its recurrent weights, (kH, H) in PyTorch's layout and
(H, kH) in Keras': k = 4 is an LSTM, k = 3 a GRU. When neither fits, the shape that is closer is
assumed, and its own check says which array has which shape and what was expected.

Files:
    .npz           a zip of .npy arrays (np.savez); the zip's member count and unpacked size
                   are checked first (a tiny zip can unpack to gigabytes), then each member's
                   .npy header (dtype, shape) before a byte of its data is read, so an object
                   array is never unpickled and a header claiming 10¹² numbers allocates nothing
    .safetensors   8-byte little-endian header length N, N bytes of JSON
                   {name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}},
                   then the raw little-endian buffer; read here with numpy and json only
    (a pickle)     refused; it is recognised only after the file failed to parse as
                   safetensors, since a header length such as 384 = 0x180 also starts with 0x80

Every problem raises BadFileError (a ValueError) with a `code` naming the problem and `fields` for
the message; the pages translate the code into a sentence in the student's language.
"""

from __future__ import annotations

import io
import json
import math
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from lstm_core.gru import GRUParams
from lstm_core.params import TORCH_KEYS, LSTMParams

MAX_FILE_BYTES = 2 * 1024 * 1024  # a 64-unit LSTM with 8 inputs is 150 kB in float64
MAX_ARRAYS = 64
MAX_UNPACKED_BYTES = 16 * 1024 * 1024
MAX_HEADER_BYTES = 100_000
# Numbers per array and in all arrays together, checked from the headers before reading (int8
# or float16 data widened to float64 would take 8 or 4 times its bytes). An LSTM with H = 64 and
# D = 8 has 4·64·(8 + 64 + 1) = 18,688 numbers in all, its largest array (U) 16,384.
MAX_ELEMENTS = 100_000
MAX_TOTAL_ELEMENTS = 500_000
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


CELLS: tuple[str, ...] = ("lstm", "gru")


@dataclass(frozen=True)
class LoadedWeights:
    """Weights read from a file: the parameters (LSTMParams or GRUParams), the layout found
    ("pytorch" or "keras"), the prefix that stood before the standard names ("" when there was
    none), the names of the same module's other layers and backward direction (weight_ih_l1,
    weight_ih_l0_reverse, ...), which are not used: only layer 0's forward direction is; and the
    cell ("lstm" or "gru")."""

    params: LSTMParams | GRUParams
    layout: str
    prefix: str
    unused: tuple[str, ...] = ()
    cell: str = "lstm"


def weight_arrays(p: LSTMParams | GRUParams) -> tuple[np.ndarray, ...]:
    """Every array of the parameters: W, U, b for an LSTM; W, U, b_ih, b_hh for a GRU."""
    return tuple(getattr(p, name) for name in type(p)._ARRAYS)


def _cell_from_recurrent(rows: int, cols: int, H: int, k_cols: bool, bias_2d: bool) -> str:
    """ "gru" or "lstm" from the recurrent weights' shape: (kH, H) (PyTorch) or (H, kH) (Keras,
    k_cols). k = 3 is a GRU, k = 4 an LSTM; otherwise a GRU when its bias is (2, 3H) or only 3
    divides the stacked axis, else an LSTM (whose own check then names the wrong shape)."""
    stacked = cols if k_cols else rows
    if H > 0 and stacked == 3 * H:
        return "gru"
    if H > 0 and stacked == 4 * H:
        return "lstm"
    if bias_2d or (stacked % 3 == 0 and stacked % 4 != 0):
        return "gru"
    return "lstm"


def _shape(a: np.ndarray) -> tuple[int, int]:
    return (a.shape[0], a.shape[1]) if a.ndim == 2 else (0, 0)


def megabytes(n: int) -> str:
    """A byte count as Streamlit's file picker writes it: MB of 1024 × 1024 bytes."""
    return f"{n / 2**20:.1f}".removesuffix(".0") + " MB"


def megabytes_over(n: int, limit: int) -> str:
    """A size `n` over `limit` bytes as megabytes() writes it, with as many decimals as it takes
    to differ from megabytes(limit): "2.000001 MB", not "2 MB" beside a limit of 2 MB."""
    shown, decimals = megabytes(n), 1
    while shown == megabytes(limit) and n != limit and decimals < 9:
        decimals += 1
        shown = f"{n / 2**20:.{decimals}f}".rstrip("0").removesuffix(".") + " MB"
    return shown


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
            size=megabytes_over(len(data), MAX_FILE_BYTES),
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
    try:
        header, n = safetensors_header(data)
    except BadFileError as error:
        # Only now: 0x80 is also the first byte of a safetensors header length of 384, 640, ...
        if data.startswith(PICKLE_MAGIC):
            raise BadFileError(
                "pickled", "the file is a Python pickle, which is never loaded here"
            ) from None
        if filename.lower().endswith(".safetensors"):
            raise
        raise BadFileError(
            "not_weights", f"not an .npz or .safetensors file ({error})", name=filename or "?"
        ) from None
    return _safetensors_arrays(data, header, n)


def _refuse_pickled_npy(data: bytes) -> None:
    """BadFileError("pickled") if a .npy's header says it holds an object array (it would need
    unpickling). Only the header is read: np.load would first allocate what the header claims."""
    try:
        _, dtype, _ = _npy_header(io.BytesIO(data))
    except Exception:  # a damaged header: the caller refuses the file anyway
        return
    if dtype.hasobject:
        raise BadFileError("pickled", "the file holds pickled Python objects")


def _npy_header(f) -> tuple[tuple[int, ...], np.dtype, bool]:
    """(shape, dtype, fortran_order) from the .npy header at the start of the open file `f`,
    which is left at the first byte of the data. numpy's own header reader: it parses a dict
    literal of at most 10,000 characters and never unpickles."""
    version = np.lib.format.read_magic(f)
    if version == (1, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
    elif version == (2, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
    else:
        raise ValueError(f".npy format version {version[0]}.{version[1]} is not read here")
    return shape, dtype, fortran


def _count_text(count: int) -> str:
    """A count with thousands separators; a product of header numbers can have more digits
    than int → str converts (4300), so very large ones are written as a power of ten."""
    return f"{count:,}" if count < 10**18 else "more than 10¹⁸"


def _check_count(name: str, count: int, total: int) -> int:
    """BadFileError when an array of `count` numbers (after `total` in the arrays before it) is
    more than is read; returns the new total."""
    if count > MAX_ELEMENTS:
        shown = _count_text(count)
        raise BadFileError(
            "array_too_big",
            f"array {name!r} holds {shown} numbers; at most {MAX_ELEMENTS:,} per array are read",
            name=name[:60],
            count=shown,
            limit=f"{MAX_ELEMENTS:,}",
        )
    if total + count > MAX_TOTAL_ELEMENTS:
        raise BadFileError(
            "too_many_numbers",
            f"the arrays hold more than {MAX_TOTAL_ELEMENTS:,} numbers together",
            limit=f"{MAX_TOTAL_ELEMENTS:,}",
        )
    return total + count


def read_npz(data: bytes) -> dict[str, np.ndarray]:
    """The arrays of an .npz (np.savez / np.savez_compressed) as float64, by name.

    Each member's .npy header is read first; an object dtype (a pickle), more numbers than
    MAX_ELEMENTS, or a shape the member's bytes cannot hold is refused before any data is read.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as error:  # BadZipFile, OSError, EOFError, ValueError, ...
        raise BadFileError("bad_npz", f"the .npz (zip) file is damaged: {error}") from None
    with archive:
        members = archive.infolist()
        _check_members(members)
        arrays, total = {}, 0
        for member in members:
            name = member.filename.removesuffix(".npy")
            try:
                with archive.open(member) as f:
                    shape, dtype, fortran = _npy_header(f)
                    if dtype.hasobject:
                        raise BadFileError("pickled", "the file holds pickled Python objects")
                    if dtype.kind not in "fiu":
                        raise BadFileError(
                            "bad_dtype",
                            f"array {name!r} has dtype {dtype}",
                            name=name[:60],
                            dtype=str(dtype)[:20],
                        )
                    if any(d < 0 for d in shape):
                        raise BadFileError("bad_npz", f"array {name!r} has the shape {shape}")
                    count = math.prod(shape)
                    total = _check_count(name, count, total)
                    nbytes = count * dtype.itemsize
                    raw = f.read(nbytes) if nbytes <= member.file_size else b""
                    if len(raw) != nbytes:
                        raise BadFileError(
                            "bad_npz",
                            f"array {name!r} claims shape {shape} but its member holds "
                            f"{member.file_size:,} bytes",
                        )
            except BadFileError:
                raise
            # zipfile and numpy's header parser raise many kinds for damaged input: BadZipFile
            # (CRC), zlib.error, EOFError, ValueError (header), RecursionError, MemoryError, ...
            except Exception as error:
                raise BadFileError(
                    "bad_npz", f"array {name!r} in the .npz cannot be read: {error}"
                ) from None
            a = np.frombuffer(raw, dtype=dtype).reshape(shape, order="F" if fortran else "C")
            arrays[name] = _as_float(a, name)
    return arrays


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    """BadFileError unless the zip holds at most MAX_ARRAYS unencrypted .npy files, stored or
    deflated (what np.savez and np.savez_compressed write), unpacking to MAX_UNPACKED_BYTES."""
    if len(members) > MAX_ARRAYS:
        raise BadFileError(
            "too_many_arrays",
            f"the file holds {len(members)} arrays",
            count=len(members),
            limit=MAX_ARRAYS,
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise BadFileError(
            "too_big",
            f"the .npz unpacks to {unpacked:,} bytes; at most {MAX_UNPACKED_BYTES:,} are accepted",
            size=megabytes_over(unpacked, MAX_UNPACKED_BYTES),
            limit=megabytes(MAX_UNPACKED_BYTES),
        )
    not_npy = [m.filename for m in members if not m.filename.endswith(".npy")]
    if not_npy:
        raise BadFileError(
            "bad_npz", f"the zip holds files that are not .npy arrays: {', '.join(not_npy[:3])}"
        )
    for member in members:
        if member.flag_bits & 0x1:  # zipfile would ask for a password (RuntimeError)
            raise BadFileError(
                "npz_encrypted", f"{member.filename} is encrypted", name=member.filename[:60]
            )
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BadFileError(
                "npz_compression",
                f"{member.filename} is packed with zip method {member.compress_type}",
                name=member.filename[:60],
                method=member.compress_type,
            )


def safetensors_header(data: bytes) -> tuple[dict, int]:
    """The JSON header of a .safetensors file without "__metadata__", and its length N in
    bytes (the tensors' buffer starts at byte 8 + N); BadFileError when there is none."""
    if len(data) < 8:
        raise BadFileError("bad_safetensors", "shorter than the 8-byte header length")
    n = int.from_bytes(data[:8], "little")
    if n == 0 or n > MAX_HEADER_BYTES or 8 + n > len(data):
        raise BadFileError("bad_safetensors", f"the header length {n} does not fit the file")
    try:
        header = json.loads(data[8 : 8 + n].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadFileError("bad_safetensors", f"the header is not JSON: {error}") from None
    except RecursionError:  # e.g. 50,000 nested "[": json recurses once per level
        raise BadFileError("bad_safetensors", "the header's JSON is nested too deeply") from None
    except ValueError:  # an integer of more than 4300 digits (int's conversion limit)
        raise BadFileError(
            "bad_safetensors", "the header holds a number too long to read"
        ) from None
    if not isinstance(header, dict):
        raise BadFileError("bad_safetensors", "the header is not a JSON object")
    header.pop("__metadata__", None)
    return header, n


def read_safetensors(data: bytes) -> dict[str, np.ndarray]:
    """The tensors of a .safetensors file as float64 arrays, by name (F64, F32, F16, BF16)."""
    header, n = safetensors_header(data)
    return _safetensors_arrays(data, header, n)


def _safetensors_arrays(data: bytes, header: dict, n: int) -> dict[str, np.ndarray]:
    if len(header) > MAX_ARRAYS:
        raise BadFileError(
            "too_many_arrays",
            f"the file holds {len(header)} tensors",
            count=len(header),
            limit=MAX_ARRAYS,
        )
    buffer = memoryview(data)[8 + n :]
    arrays, total = {}, 0
    for name, info in header.items():
        arrays[name], count = _safetensor(buffer, str(name), info, total)
        total += count
    return arrays


def _safetensor(buffer: memoryview, name: str, info: object, total: int) -> tuple[np.ndarray, int]:
    """One tensor (as float64) and its number of elements; `total` counts the ones before."""
    if not isinstance(info, dict):
        raise BadFileError("bad_safetensors", f"the entry for {name!r} is not an object")
    dtype, shape, offsets = info.get("dtype"), info.get("shape"), info.get("data_offsets")
    if dtype not in SAFETENSORS_DTYPES:
        raise BadFileError(
            "bad_dtype",
            f"tensor {name!r} has dtype {dtype!r}; only F64, F32, F16 and BF16 are read",
            name=name[:60],
            dtype=str(dtype)[:20],
        )
    if (
        not isinstance(shape, list)
        or len(shape) > 4
        or not all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in shape)
    ):
        raise BadFileError("bad_safetensors", f"tensor {name!r} has a malformed shape")
    if (
        not isinstance(offsets, list)
        or len(offsets) != 2
        or not all(isinstance(o, int) and not isinstance(o, bool) for o in offsets)
    ):
        raise BadFileError("bad_safetensors", f"tensor {name!r} has malformed data_offsets")
    count = math.prod(shape)
    _check_count(name, count, total)
    begin, end = offsets
    np_dtype = np.dtype(SAFETENSORS_DTYPES[dtype])
    if not 0 <= begin <= end <= len(buffer) or end - begin != count * np_dtype.itemsize:
        raise BadFileError(
            "bad_safetensors",
            f"tensor {name!r}: its bytes do not hold {count} {dtype} numbers "
            f"inside a buffer of {len(buffer)} bytes",
        )
    raw = np.frombuffer(buffer, dtype=np_dtype, count=count, offset=begin).reshape(shape)
    if dtype == "BF16":  # bfloat16 is the top half of a float32
        raw = (raw.astype(np.uint32) << 16).view(np.float32)
    return _as_float(raw, name), count


def _as_float(a: np.ndarray, name: str) -> np.ndarray:
    if a.dtype.kind not in "fiu":
        raise BadFileError(
            "bad_dtype", f"array {name!r} has dtype {a.dtype}", name=name[:60], dtype=str(a.dtype)
        )
    return np.asarray(a, dtype=np.float64)


# --- naming layouts -----------------------------------------------------------------------------


def _base_name(key: str) -> str:
    """A key without a TensorFlow ":0" suffix."""
    return key[:-2] if key.endswith(":0") else key


def params_from_arrays(arrays: Mapping[str, np.ndarray]) -> LoadedWeights:
    """LSTM or GRU parameters from named arrays in PyTorch or Keras layout (see the module
    docstring).

    Shapes are checked by LSTMParams / GRUParams.from_torch / from_keras, whose message says which
    array has which shape and what was expected; it is raised as BadFileError("weights_shape")
    with the cell the file was read as."""
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
            f"the file holds several recurrent layers ({', '.join(found[:4])}); keep one",
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
        sd = {key: by_base[prefix + key] for key in TORCH_KEYS}
        rows, H = _shape(np.asarray(sd["weight_hh_l0"]))
        cell = _cell_from_recurrent(rows, H, H, k_cols=False, bias_2d=False)
        params = _checked(cell, lambda: CELL_PARAMS[cell].from_torch(sd))
        other = re.compile(re.escape(prefix) + r"(weight|bias)_(ih|hh|hr)_l\d+(_reverse)?")
        unused = sorted(
            k for k in by_base if other.fullmatch(k) and k.removeprefix(prefix) not in TORCH_KEYS
        )
        return LoadedWeights(params, "pytorch", prefix, tuple(unused), cell)
    if keras_prefixes:
        prefix = keras_prefixes[0]
        if prefix + "kernel" not in by_base:
            raise BadFileError(
                "missing_keys", f"missing array: {prefix}kernel", names=prefix + "kernel"
            )
        kernel, recurrent = by_base[prefix + "kernel"], by_base[prefix + "recurrent_kernel"]
        bias = by_base.get(prefix + "bias")
        H, cols = _shape(np.asarray(recurrent))
        bias_2d = bias is not None and np.ndim(bias) == 2
        cell = _cell_from_recurrent(H, cols, H, k_cols=True, bias_2d=bias_2d)
        params = _checked(cell, lambda: CELL_PARAMS[cell].from_keras(kernel, recurrent, bias))
        return LoadedWeights(params, "keras", prefix, (), cell)
    shown = ", ".join(sorted(arrays)[:6]) or "—"
    raise BadFileError(
        "unknown_layout",
        f"found arrays {shown}; expected {', '.join(TORCH_KEYS)} (PyTorch) or "
        f"{', '.join(KERAS_KEYS)} (Keras)",
        names=shown,
    )


CELL_PARAMS = {"lstm": LSTMParams, "gru": GRUParams}


def _checked(cell: str, make) -> LSTMParams | GRUParams:
    """make(), with its ValueError (a shape, a non-finite number) as BadFileError("weights_shape")
    naming the cell the file was read as."""
    try:
        return make()
    except BadFileError:
        raise
    except ValueError as error:
        raise BadFileError(
            "weights_shape",
            f"not a one-layer {cell.upper()}: {error}",
            detail=str(error),
            cell=cell.upper(),
        ) from None


def load_weights(data: bytes, filename: str = "") -> LoadedWeights:
    """LSTM or GRU weights from the bytes of an .npz or .safetensors file (PyTorch or Keras
    names)."""
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
