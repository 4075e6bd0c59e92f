"""Input sequences for the lecture: each preset shows one thing about memory.

    sine         the classic Keras demo: sin(x) + 0.1·N(0, 1) on x = linspace(−2π, 2π, 50)
    pulse        a single 1 at t = 0, then silence: how long does the state remember it?
    step         0, then 1 from t = T/4 on
    first_value  ±1 at t = 0, then small noise: can the model still tell the sign at the end?
    noise        N(0, 1) at every step
    sentence     a long-dependency sentence (English or Korean) as word embeddings (D = 4):
                 the subject comes first, the word that agrees with it last
    stocks       a real series: Google's weekly closing price, 2018–2019, divided by its price
                 in the first week (plotly's stocks data set, lstm_core.lab.stocks); at most
                 105 steps

Every preset is deterministic for a seed. xs has shape (T, D).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

PRESETS: tuple[str, ...] = (
    "sine",
    "pulse",
    "step",
    "first_value",
    "noise",
    "sentence",
    "stocks",
)
STOCKS_COMPANY = "GOOG"
EMBEDDING_SIZE = 4
SINE_POINTS = 50  # the Keras demo's 50 points on [−2π, 2π]

# "keys ... are": the verb agrees with the subject 34 words earlier.
SENTENCE_EN: tuple[str, ...] = tuple(
    "The keys that the teacher from the small village near the old mountains gave to the "
    "students of the new class early yesterday morning before the long exam in the big hall "
    "downtown after lunch are missing".split()
)
# "할머니께서는 ... 주무셨다": the honorific subject asks for the honorific verb at the very end
# (a plain subject such as 아이는 would end in 잤다).
SENTENCE_KO: tuple[str, ...] = tuple(
    "할머니께서는 어제 아침 일찍 산 아래 작은 마을에서 버스를 타고 오신 손님들과 함께 시장에 "
    "들러 싱싱한 과일과 채소를 넉넉히 사서 무거운 가방을 들고 좁은 골목길을 천천히 걸어 집으로 "
    "돌아오신 뒤 너무 피곤하셔서 저녁도 드시지 않고 일찍 주무셨다".split()
)


@dataclass(frozen=True)
class InputSequence:
    """xs (T, D) and, for the sentence, the word at each step (else None)."""

    name: str
    xs: np.ndarray
    tokens: tuple[str, ...] | None = None


def word_embedding(word: str, size: int = EMBEDDING_SIZE) -> np.ndarray:
    """A fixed random vector (size,) for a word, the same on every run and machine."""
    rng = np.random.default_rng(zlib.crc32(word.encode("utf-8")))
    return rng.normal(0.0, 0.5, size)


def make_sequence(
    name: str, steps: int = SINE_POINTS, seed: int = 0, lang: str = "en"
) -> InputSequence:
    """The preset `name` with `steps` steps (the sentence has its own length, the stocks at most
    105 weeks; neither depends on the seed) for `seed`."""
    if name not in PRESETS:
        raise ValueError(f"unknown input preset {name!r}; expected one of {', '.join(PRESETS)}")
    if name == "sentence":
        tokens = SENTENCE_KO if lang == "ko" else SENTENCE_EN
        return InputSequence(name, np.stack([word_embedding(w) for w in tokens]), tokens)
    if not isinstance(steps, int | np.integer) or steps < 1:
        raise ValueError(f"steps must be a positive integer, got {steps!r}")
    rng = np.random.default_rng(seed)
    T = int(steps)
    if name == "stocks":
        from lstm_core.lab.stocks import stock_series  # reads a CSV: only when asked for

        return InputSequence(name, stock_series(STOCKS_COMPANY)[:T, None])
    if name == "sine":
        # The demo's spacing, continued past 50 points for longer sequences.
        x = -2 * np.pi + np.arange(T) * (4 * np.pi / (SINE_POINTS - 1))
        xs = np.sin(x) + 0.1 * rng.normal(size=T)
    elif name == "pulse":
        xs = np.zeros(T)
        xs[0] = 1.0
    elif name == "step":
        xs = np.zeros(T)
        xs[T // 4 :] = 1.0
    elif name == "first_value":
        xs = 0.1 * rng.normal(size=T)
        xs[0] = rng.choice([-1.0, 1.0])
    else:  # noise
        xs = rng.normal(size=T)
    return InputSequence(name, xs[:, None])
