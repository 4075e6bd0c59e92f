"""Uploaded files in session state: each file read once, the last good result kept, a file
picker that never shows a file that was refused, and a short digest of arrays for cache keys.
Shared by lstm_ui.sequence_source and lstm_ui.model_source.

For a kind of upload named `name` (e.g. "sq_csv"), session state holds
    f"{name}_last"     the last good result of reading a file of that kind (absent before the first)
    f"{name}_seen"     (file_id, error or None) of the last file looked at, so that a bad file is
                       read once and its error reported on every rerun without reading it again
    f"{name}_failed"   (file name, error) of the last refused file, until a good one arrives
    f"{name}_version"  how many times the picker was emptied: its widget key is f"{name}_file"
                       at first, then f"{name}_file_v{version}" (a new, empty picker: Streamlit
                       cannot take a file out of a picker, but a picker with a new key is empty)
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import streamlit as st

from lstm_core.lab.weights_io import BadFileError

log = logging.getLogger("lstm_gate_lab")


def digest(*arrays: np.ndarray) -> str:
    """A short fingerprint of arrays' shapes and bytes, for cache keys."""
    h = hashlib.sha1()
    for a in arrays:
        a = np.ascontiguousarray(a)
        h.update(str(a.shape).encode())
        h.update(a.tobytes())
    return h.hexdigest()[:16]


def unexpected_upload_error(error: Exception) -> BadFileError:
    """A parser's unforeseen exception as a BadFileError whose message says only that the file
    could not be read (the details go to the log, not to the student)."""
    log.error("an upload could not be read", exc_info=error)
    kind = type(error).__name__
    return BadFileError("upload_failed", f"the file could not be read ({kind})", kind=kind)


@dataclass(frozen=True)
class UploadSlot:
    """One kind of upload on one page, e.g. UploadSlot("sq_weights", read, ValueError): its
    picker, and the last good result of `read(file)` (which raises an `expected` error for a
    file that cannot be used). A refused file is taken out of the picker at once (the picker's
    key changes, see the module docstring), so the picker shows only a file in use or none."""

    name: str
    read: Callable
    expected: type[Exception] | tuple[type[Exception], ...] = ValueError

    @property
    def widget_key(self) -> str:
        """The picker's key now."""
        version = st.session_state.get(f"{self.name}_version", 0)
        return f"{self.name}_file" if version == 0 else f"{self.name}_file_v{version}"

    @property
    def last(self):
        """The last good result, or None before the first."""
        return st.session_state.get(f"{self.name}_last")

    @property
    def failed(self) -> tuple[str, ValueError] | None:
        """(file name, error) of the last refused file while no good file came after it."""
        return st.session_state.get(f"{self.name}_failed")

    def picker(self, label: str, types: list[str], max_mb: int, **kwargs):
        """Draw the file picker; a new file is read in its on_change callback, before the page
        runs, so a refused one is gone from the picker in the same run. Returns the file."""
        key = self.widget_key
        file = st.file_uploader(
            label,
            type=types,
            key=key,
            max_upload_size=max_mb,
            on_change=self._on_change,
            args=(key,),
            **kwargs,
        )
        if file is not None and self.take(file):
            st.rerun()  # not read by the callback (e.g. a restored session): show the new picker
        return file

    def _on_change(self, key: str) -> None:
        self.take(st.session_state.get(key))

    def take(self, file) -> bool:
        """Read `file` unless it was read before: a good one becomes `last`, a refused one
        `failed` (and the picker is emptied). True when the picker was emptied."""
        if file is None:
            return False
        seen = st.session_state.get(f"{self.name}_seen")
        if seen is not None and seen[0] == file.file_id:
            return False
        error = None
        try:
            value = self.read(file)
        except self.expected as refused:
            error = refused
        except Exception as unforeseen:  # the last line of defence: a message, not a traceback
            error = unexpected_upload_error(unforeseen)
        st.session_state[f"{self.name}_seen"] = (file.file_id, error)
        if error is None:
            st.session_state[f"{self.name}_last"] = value
            st.session_state.pop(f"{self.name}_failed", None)
            return False
        st.session_state[f"{self.name}_failed"] = (file.name, error)
        self.empty_picker()
        return True

    def put(self, value) -> None:
        """Make `value` the last good result, as if read from a file (handed over by another
        page); the picker is emptied, since the file it may show is no longer in use."""
        st.session_state[f"{self.name}_last"] = value
        st.session_state.pop(f"{self.name}_failed", None)
        st.session_state.pop(f"{self.name}_seen", None)
        self.empty_picker()

    def empty_picker(self) -> None:
        version_key = f"{self.name}_version"
        st.session_state[version_key] = st.session_state.get(version_key, 0) + 1
