"""Downsampling long sequences for display only (tables and downloads are never thinned).

Every picked point is a real step's value, never an average, and the extremes survive: a curve
keeps the smallest and largest value of each bucket of consecutive steps (a one-step spike is
never skipped, as every k-th step would), and a heatmap column shows, per unit, one chosen step
of its bucket.
"""

from __future__ import annotations

import math

import numpy as np


def group_size(T: int, max_columns: int) -> int:
    """The smallest number of consecutive steps per bucket that leaves at most max_columns
    buckets out of T steps."""
    return max(1, math.ceil(T / max_columns))


def buckets(y: np.ndarray, size: int) -> np.ndarray:
    """y (T, ...) cut into ceil(T / size) buckets of `size` consecutive steps, the last one
    padded with nan: (C, size, ...)."""
    C = math.ceil(len(y) / size)
    padded = np.full((C * size, *y.shape[1:]), np.nan)
    padded[: len(y)] = y
    return padded.reshape(C, size, *y.shape[1:])


def envelope_steps(
    curves: np.ndarray | list[np.ndarray], size: int, keep: tuple | list = ()
) -> np.ndarray:
    """The steps to draw curves of equal length T at: for each curve the steps of its smallest
    and largest finite value in each bucket of `size` steps, the first and last step, and the
    steps in `keep` (None and out-of-range entries are skipped); sorted, unique, int32.
    `curves` is one curve (T,) or a list of them; size 1: every step."""
    curves = [curves] if isinstance(curves, np.ndarray) and curves.ndim == 1 else list(curves)
    T = len(curves[0])
    if size == 1:
        return np.arange(T, dtype=np.int32)
    chosen = [np.array([0, T - 1]), np.array([k for k in keep if k is not None and 0 <= k < T])]
    starts = np.arange(math.ceil(T / size)) * size
    for y in curves:
        blocks = buckets(np.asarray(y, dtype=float), size)  # (C, size)
        finite = np.isfinite(blocks)
        high = np.argmax(np.where(finite, blocks, -np.inf), axis=1)
        low = np.argmin(np.where(finite, blocks, np.inf), axis=1)
        chosen += [starts + high, starts + low]
    return np.unique(np.clip(np.concatenate(chosen), 0, T - 1)).astype(np.int32)


def display_indices(
    curves: list[np.ndarray], keep: list[int | None], max_points: int
) -> np.ndarray:
    """At most max_points steps to draw curves of equal length K at: all of them if K ≤
    max_points, else envelope_steps with buckets just large enough (2 points per curve and
    bucket, the first and last step and the steps in `keep`, e.g. horizons)."""
    K = len(curves[0])
    if K <= max_points:
        return np.arange(K)
    kept = [k for k in keep if k is not None and 0 <= k < K]
    count = max(1, (max_points - 2 - len(kept)) // (2 * len(curves)))
    return envelope_steps(curves, group_size(K, count), kept)


def pooled_steps(values: np.ndarray, size: int, pick: str = "farthest") -> np.ndarray:
    """For values (T, H) in buckets of `size` steps: the step each unit shows in each bucket,
    (H, C) with C = ceil(T / size). pick "farthest": the step farthest from the bucket's mean
    for that unit (the first on ties, so a constant bucket shows its first step); "largest":
    the step of the largest |value| (inf counts; a bucket of nan shows its first step).
    Size 1: every step."""
    T, H = values.shape
    if size == 1:
        return np.tile(np.arange(T), (H, 1))
    blocks = buckets(values, size)  # (C, size, H)
    with np.errstate(invalid="ignore"):  # padding, or inf - inf in an overflowed run
        if pick == "farthest":
            score = np.abs(blocks - np.nanmean(blocks, axis=1, keepdims=True))
        elif pick == "largest":
            score = np.abs(blocks)
        else:
            raise ValueError(f"unknown pick {pick!r}; expected 'farthest' or 'largest'")
    offset = np.argmax(np.where(np.isnan(score), -1.0, score), axis=1)  # (C, H)
    steps = np.arange(len(blocks))[:, None] * size + offset
    return np.minimum(steps, T - 1).T


def max_pooled(g: np.ndarray, max_columns: int) -> tuple[np.ndarray, np.ndarray, int]:
    """|g| (K, H) max-pooled over buckets of consecutive steps so that at most max_columns are
    left. Returns (start step of each bucket (C,), pooled |g| transposed to (H, C), size)."""
    K = len(g)
    size = group_size(K, max_columns)
    steps = pooled_steps(g, size, pick="largest")  # (H, C)
    pooled = np.take_along_axis(np.abs(g), steps.T, axis=0).T
    return np.arange(steps.shape[1]) * size, pooled, size
