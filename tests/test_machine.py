"""The machine a benchmark ran on: its record's fields round-trip, a damaged record gets a clear
error, and this machine's fields are filled in."""

import os

import pytest

from lstm_core.lab.machine import Machine, this_machine


def test_a_machine_round_trips_through_its_record_without_unrecorded_fields():
    m = Machine("AMD EPYC", 2, "Linux x86_64", "3.11.7", load=2.5)
    record = m.to_dict()
    assert record == {
        "cpu": "AMD EPYC", "cores": 2, "os": "Linux x86_64", "python": "3.11.7",
        "blas_threads": 1, "load": 2.5,
    }  # fmt: skip
    assert Machine.from_dict(record) == m


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ("AMD EPYC, 2 cores, Linux", "object of fields"),
        ({"cpu": "AMD EPYC", "cores": 2, "os": "Linux"}, "missing field 'python'"),
        ({"cpu": "x", "cores": "two", "os": "Linux", "python": "3"}, "machine"),
    ],
)
def test_a_damaged_machine_record_says_what_is_wrong(record, message):
    with pytest.raises(ValueError, match=message):
        Machine.from_dict(record)


def test_this_machine_names_its_cores_and_versions():
    import platform

    import numpy as np

    m = this_machine(with_load=hasattr(os, "getloadavg"))
    assert m.cores == os.cpu_count() and m.cpu
    assert m.python == platform.python_version() and m.numpy == np.__version__
    assert m.os.startswith(platform.system()) and m.blas_threads == 1
    assert (m.load is not None) == hasattr(os, "getloadavg")
