"""One BLAS thread per computation: the server's cores go to the students, not to one matmul.

The core multiplies small matrices (H ≤ 64) once per time step. OpenBLAS's threads do not speed
those up, and with several sessions at once they fight over the cores: the training lab's adding
problem took 5.4 s of wall time and 2× the CPU with the default threads, 4.3 s with one
(benchmarks/training_speed.py, 2-core machine). The limit must be set at run time: Streamlit has
imported numpy before app.py runs, so OPENBLAS_NUM_THREADS would come too late.
"""

import functools

from threadpoolctl import threadpool_limits


@functools.cache
def limit_blas_threads() -> None:
    """Limit BLAS to one thread for the rest of the process (done once)."""
    threadpool_limits(limits=1, user_api="blas")
