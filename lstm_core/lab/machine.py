"""The machine a benchmark ran on, as the shipped records (lstm_core/lab/data/paper_tasks.json,
lstm_core/lab/cell_zoo.json) hold it: fields, not a sentence, so each page words it in its own
language (lstm_viz.training.machine_line).

    cpu           the CPU's model name as the machine reports it ("AMD EPYC")
    cores         logical cores
    os            the system and its release or architecture ("Linux 6.18.44-fc-v1252")
    python        Python's version
    numpy         NumPy's version (None when not recorded)
    blas_threads  BLAS threads the run used (the app uses one)
    load          the 1-minute load average when the run started (None when not recorded)
"""

from __future__ import annotations

import os
import platform
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Machine:
    """Where a benchmark's numbers come from (see the module docstring)."""

    cpu: str
    cores: int
    os: str
    python: str
    numpy: str | None = None
    blas_threads: int = 1
    load: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The record's fields; unrecorded ones (None) left out."""
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: Any) -> Machine:
        """The machine of a record. ValueError naming what is wrong for one that is not."""
        if not isinstance(data, dict):
            raise ValueError(f"machine: expected an object of fields, got {type(data).__name__}")
        try:
            numpy, load = data.get("numpy"), data.get("load")
            return cls(
                cpu=str(data["cpu"]),
                cores=int(data["cores"]),
                os=str(data["os"]),
                python=str(data["python"]),
                numpy=None if numpy is None else str(numpy),
                blas_threads=int(data.get("blas_threads", 1)),
                load=None if load is None else float(load),
            )
        except KeyError as err:
            raise ValueError(f"machine: missing field {err}") from None
        except (TypeError, ValueError) as err:
            raise ValueError(f"machine: {err}") from None


def cpu_model() -> str:
    """The CPU's model name (/proc/cpuinfo on Linux, else what platform says)."""
    model = platform.processor() or platform.machine() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return model


def this_machine(blas_threads: int = 1, with_load: bool = False) -> Machine:
    """This machine now: CPU, cores, OS (system, release, architecture), Python and NumPy, the
    BLAS threads the caller set, and the load average if asked for."""
    import numpy as np

    load = os.getloadavg()[0] if with_load and hasattr(os, "getloadavg") else None
    return Machine(
        cpu=cpu_model(),
        cores=os.cpu_count() or 1,
        os=f"{platform.system()} {platform.release()} {platform.machine()}",
        python=platform.python_version(),
        numpy=np.__version__,
        blas_threads=blas_threads,
        load=None if load is None else round(load, 1),
    )
