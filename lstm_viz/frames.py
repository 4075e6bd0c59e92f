"""Frames of a view sent to the browser at once, so that ▶ Play can show them one after another
without asking the server (lstm_ui.player).

A step's diagram is ~19 kB of SVG and the next step's differs only in its numbers and colours,
so the frames are sent as one template and, per frame, the words that differ from it: the
frames are split into words (runs of characters that are not markup: `<`, `>`, `"`, `=`, `/`,
white space) and what lies between them; every frame split into the same shape as the first
keeps only its words at the places where some frame differs (`slots`), any other frame is sent
whole. The default stepper's 50 diagrams: 963 kB as strings, 86 kB packed.

    frame i = parts with parts[slots[j]] = frames[i][j] for every j, joined
"""

from __future__ import annotations

import re

import numpy as np

WORD = re.compile(r'([^\s<>"=/]+)')


def pack(frames: list[str], parts: list[str] | None = None) -> dict:
    """The frames as {"parts": [str], "slots": [int], "frames": [[str] or str]}: the template's
    pieces, the places that change, and per frame the words at those places (or the whole frame
    where its shape differs). unpack(packed, i) == frames[i]. With `parts` (the "parts" of an
    earlier pack of frames of the same view), the frames are packed against that template and
    "parts" is left out: whoever unpacks them has it (unpack(packed, i, parts))."""
    pieces = [WORD.split(frame) for frame in frames]
    template = parts if parts is not None else pieces[0] if pieces else []
    markup = template[0::2]  # what lies between the words: the same in every frame of its shape
    same = [len(p) == len(template) and p[0::2] == markup for p in pieces]
    rows = [template[1::2]] + [p[1::2] for p, fits in zip(pieces, same, strict=True) if fits]
    words = np.array(rows, dtype=object)  # (1 + frames that fit, words)
    changing = np.flatnonzero((words != words[0]).any(axis=0)).tolist()
    packed = {} if parts is not None else {"parts": template}
    packed["slots"] = [2 * j + 1 for j in changing]
    packed["frames"] = [
        [p[2 * j + 1] for j in changing] if fits else frame
        for p, fits, frame in zip(pieces, same, frames, strict=True)
    ]
    return packed


def unpack(packed: dict, i: int, parts: list[str] | None = None) -> str:
    """Frame i of a packed list (what the browser's player does: lstm_ui.player); `parts`: the
    template it was packed against, if it was (pack's `parts`)."""
    frame = packed["frames"][i]
    if isinstance(frame, str):
        return frame
    parts = list(packed.get("parts", parts))
    for k, word in zip(packed["slots"], frame, strict=True):
        parts[k] = word
    return "".join(parts)
