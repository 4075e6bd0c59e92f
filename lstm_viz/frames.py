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

WORD = re.compile(r'([^\s<>"=/]+)')


def pack(frames: list[str]) -> dict:
    """The frames as {"parts": [str], "slots": [int], "frames": [[str] or str]}: the template's
    pieces, the places that change, and per frame the words at those places (or the whole frame
    where its shape differs). unpack(packed, i) == frames[i]."""
    if not frames:
        return {"parts": [], "slots": [], "frames": []}
    pieces = [WORD.split(frame) for frame in frames]
    parts = pieces[0]
    same = [p for p in pieces if _same_shape(p, parts)]
    slots = [k for k in range(1, len(parts), 2) if any(p[k] != parts[k] for p in same)]
    return {
        "parts": parts,
        "slots": slots,
        "frames": [
            [p[k] for k in slots] if _same_shape(p, parts) else frame
            for p, frame in zip(pieces, frames, strict=True)
        ],
    }


def _same_shape(pieces: list[str], template: list[str]) -> bool:
    """True when a frame split into words has the template's words at the same places and the
    same markup between them (pieces at even places are what lies between the words)."""
    return len(pieces) == len(template) and all(
        pieces[k] == template[k] for k in range(0, len(template), 2)
    )


def unpack(packed: dict, i: int) -> str:
    """Frame i of a packed list (what the browser's player does: lstm_ui.player)."""
    frame = packed["frames"][i]
    if isinstance(frame, str):
        return frame
    parts = list(packed["parts"])
    for k, word in zip(packed["slots"], frame, strict=True):
        parts[k] = word
    return "".join(parts)
