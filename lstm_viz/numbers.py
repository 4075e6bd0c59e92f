"""Numbers as the pages write them: in text, on the diagram and in LaTeX. One place, so a
student sees the same number written the same way on every page.

- `num(v)` / `format_number(v, decimals)`: 0.731, −0.250 (a real minus sign; a gate is never
  rounded to 0 or 1; a value that rounds to zero is 0.000, without a sign).
- `format_vector(v, name)`: [0.50, −1.00], or its first values and its norm when long.
- `tex(v)`: for LaTeX, negative numbers in parentheses: (−0.250) reads well after "×".
- `sci(x)` / `tex_sci(x)`: 3 significant digits, or 3.2 × 10⁻⁴ for very small and large.
- `power_of_ten(e)`: 10⁻³.   `percent(p)`: 0.3 → "30.0".
"""

import math
from typing import Any

import numpy as np

MINUS = "−"  # U+2212, the minus sign of typeset maths; "-" is a hyphen
SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def format_number(v: float, decimals: int = 3) -> str:
    """`v` with `decimals` decimals and a real minus sign: 0.731, −0.250, 0.300 (a gate is never
    rounded to 0 or 1). A value that rounds to zero shows as 0.000, without a sign."""
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "∞" if v > 0 else MINUS + "∞"
    text = f"{v:.{decimals}f}"
    if text.startswith("-"):
        digits = text[1:]
        return digits if float(digits) == 0.0 else MINUS + digits
    return text


def num(v: float) -> str:
    """A number as the text beside the diagram shows it: three decimals (format_number)."""
    return format_number(v, 3)


def format_vector(v: Any, name: str = "v", shown: int = 4) -> str:
    """A vector as "[0.50, −1.00]" (two decimals); longer than `shown`, its first two values,
    "…" and its norm: "[0.50, −1.00, …]  ‖x‖ = 2.15" (short enough for a 360 px chart)."""
    v = np.asarray(v, dtype=float).ravel()
    if v.size <= shown:
        return "[" + ", ".join(format_number(x, 2) for x in v) + "]"
    head = ", ".join(format_number(x, 2) for x in v[:2])
    return f"[{head}, …]  ‖{name}‖ = {format_number(np.linalg.norm(v), 2)}"


def tex(v: float) -> str:
    """A number for LaTeX: 3 decimals, negative numbers in parentheses."""
    text = f"{float(v):.3f}"
    return f"({text})" if text.startswith("-") else text


def _mantissa_exponent(x: float) -> tuple[float, int]:
    """x = mantissa × 10^exponent with 1 ≤ |mantissa| < 10 after rounding to one decimal."""
    exponent = math.floor(math.log10(abs(x)))
    mantissa = x / 10.0**exponent
    if round(abs(mantissa), 1) >= 10.0:
        mantissa, exponent = mantissa / 10.0, exponent + 1
    return mantissa, exponent


def power_of_ten(exponent: int) -> str:
    """The text 10⁻³ for the exponent -3."""
    return "10" + str(int(exponent)).translate(SUPERSCRIPTS)


def _plain(x: float) -> str:
    """3 significant digits for 10⁻³ ≤ |x| < 10³ (0.00123, 45.6), whole numbers up to 10⁴."""
    return f"{x:.3g}" if abs(x) < 1e3 else f"{x:.0f}"


def sci(x: float) -> str:
    """A number for the text: 3 significant digits between 10⁻³ and 10³, a whole number up to
    10⁴, else "3.2 × 10⁻⁴"; "∞" for overflow, "—" for nan."""
    x = float(x)
    if math.isnan(x):
        return "—"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x == 0 or 1e-3 <= abs(x) < 1e4:
        return _plain(x).replace("-", "−")
    mantissa, exponent = _mantissa_exponent(x)
    if round(abs(mantissa), 1) == 1.0:
        return ("−" if x < 0 else "") + power_of_ten(exponent)
    return f"{mantissa:.1f}".replace("-", "−") + " × " + power_of_ten(exponent)


def tex_sci(x: float) -> str:
    """A number for LaTeX in scientific form: 3.2 \\times 10^{-4}."""
    x = float(x)
    if not math.isfinite(x):
        return r"\infty" if x > 0 else r"\text{—}"
    if x == 0 or 1e-3 <= abs(x) < 1e4:
        return _plain(x)
    mantissa, exponent = _mantissa_exponent(x)
    return rf"{mantissa:.1f} \times 10^{{{exponent}}}"


def percent(p: float) -> str:
    """A fraction as a percentage with one decimal: 0.3 → "30.0"."""
    return f"{100 * float(p):.1f}"
