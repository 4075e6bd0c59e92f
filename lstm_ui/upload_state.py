"""Uploaded files in session state: each file read once, the last good result kept, and a short
digest of arrays for cache keys. Shared by lstm_ui.sequence_source and lstm_ui.model_source.

For a kind of upload named `name` (e.g. "sq_csv"), session state holds
    f"{name}_last"   the last good result of reading a file of that kind (absent before the first)
    f"{name}_seen"   (file_id, error or None) of the last file looked at, so that a bad file is
                     read once and its error reported on every rerun without reading it again
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

import numpy as np
import streamlit as st

from lstm_core.lab.weights_io import BadFileError
from lstm_ui import uploads
from lstm_viz import i18n

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


def read_upload_once(
    file,
    name: str,
    read: Callable,
    expected: type[Exception] | tuple[type[Exception], ...],
    messages: list[str],
    lang: str,
) -> None:
    """Read an uploaded file once per upload: `read(file)` goes into session state as
    f"{name}_last"; an `expected` error (or any other, as a generic one) is remembered in
    f"{name}_seen" with the file's id, so it is reported on every run without reading again,
    and the last good value stays."""
    if file is None:
        return
    seen_key, last_key = f"{name}_seen", f"{name}_last"
    seen = st.session_state.get(seen_key)
    if seen is None or seen[0] != file.file_id:
        try:
            st.session_state[last_key] = read(file)
            seen = (file.file_id, None)
        except expected as error:
            seen = (file.file_id, error)
        except Exception as error:  # the last line of defence: a message, never a traceback
            seen = (file.file_id, unexpected_upload_error(error))
        st.session_state[seen_key] = seen
    if seen[1] is not None:
        messages.append(uploads.describe(seen[1], lang))
        if last_key in st.session_state:
            messages.append(i18n.t("stepper.kept_previous", lang))
