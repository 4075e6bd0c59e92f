"""requirements-min.txt pins exactly the lower bounds of requirements.txt (CI tests with it)."""

import re

from conftest import ROOT


def requirements(name: str, operator: str) -> dict[str, str]:
    """{package: version} of the lines `package<operator>version` of a requirements file."""
    found = {}
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            match = re.fullmatch(rf"([A-Za-z0-9_.-]+)\s*{re.escape(operator)}\s*([0-9.]+)", line)
            assert match, f"{name}: {line!r} is not `package{operator}version`"
            found[match[1].lower()] = match[2]
    return found


def padded(version: str) -> tuple[int, ...]:
    parts = tuple(int(p) for p in version.split("."))
    return parts + (0,) * (3 - len(parts))


def test_every_lower_bound_is_pinned_in_requirements_min():
    bounds = requirements("requirements.txt", ">=")
    pins = requirements("requirements-min.txt", "==")
    assert set(bounds) == set(pins) == {"streamlit", "numpy", "plotly", "pandas", "threadpoolctl"}
    assert {name: padded(v) for name, v in bounds.items()} == {
        name: padded(v) for name, v in pins.items()
    }
