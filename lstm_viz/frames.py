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


def pack(frames: list[str]) -> dict:
    """The frames as {"parts": [str], "slots": [int], "frames": [[str] or str]}: the template's
    pieces, the places that change, and per frame the words at those places (or the whole frame
    where its shape differs). unpack(packed, i) == frames[i]."""
    if not frames:
        return {"parts": [], "slots": [], "frames": []}
    pieces = [WORD.split(frame) for frame in frames]
    parts = pieces[0]
    markup = parts[0::2]  # what lies between the words: the same in every frame of its shape
    same = [len(p) == len(parts) and p[0::2] == markup for p in pieces]
    words = np.array([p[1::2] for p, fits in zip(pieces, same, strict=True) if fits], dtype=object)
    changing = np.flatnonzero((words != words[0]).any(axis=0)).tolist()  # (frames, words)
    return {
        "parts": parts,
        "slots": [2 * j + 1 for j in changing],
        "frames": [
            [p[2 * j + 1] for j in changing] if fits else frame
            for p, fits, frame in zip(pieces, same, frames, strict=True)
        ],
    }


def unpack(packed: dict, i: int) -> str:
    """Frame i of a packed list (what the browser's player does: lstm_ui.player)."""
    frame = packed["frames"][i]
    if isinstance(frame, str):
        return frame
    parts = list(packed["parts"])
    for k, word in zip(packed["slots"], frame, strict=True):
        parts[k] = word
    return "".join(parts)
