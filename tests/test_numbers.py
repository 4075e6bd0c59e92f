"""Numbers are written the same way on every page: checked against hand-written texts."""

import math

import pytest

from lstm_viz.numbers import format_number, format_vector, percent, power_of_ten, sci, tex, tex_sci


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.7311, "0.731"), (-0.25, "−0.250"), (0.3, "0.300"), (-0.0001, "0.000"), (1.0, "1.000")],
)
def test_format_number_keeps_three_decimals_and_a_real_minus(value, text):
    assert format_number(value) == text


def test_format_number_names_what_is_not_a_number():
    assert (format_number(math.nan), format_number(-math.inf)) == ("NaN", "−∞")


def test_a_long_vector_shows_its_first_values_and_its_norm():
    assert format_vector([0.5, -1.0]) == "[0.50, −1.00]"
    assert format_vector([3.0, 4.0, 0.0, 0.0, 0.0], "x") == "[3.00, 4.00, …]  ‖x‖ = 5.00"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.5, "0.5"),
        (-1234.4, "−1234"),  # not "−1.23e+03"
        (45.67, "45.7"),
        (3.2e-4, "3.2 × 10⁻⁴"),
        (1e-5, "10⁻⁵"),
        (9.96e-4, "10⁻³"),  # 9.96 rounds to 10.0: written as the next power
        (-2.5e7, "−2.5 × 10⁷"),
        (0.0, "0"),
        (math.inf, "∞"),
        (math.nan, "—"),
    ],
)
def test_sci_writes_three_digits_or_a_power_of_ten(value, text):
    assert sci(value) == text


def test_latex_forms():
    assert tex(-0.25) == "(-0.250)" and tex(0.5) == "0.500"
    assert tex_sci(3.2e-4) == r"3.2 \times 10^{-4}" and tex_sci(0.02) == "0.02"
    assert power_of_ten(-3) == "10⁻³" and percent(0.3) == "30.0"
