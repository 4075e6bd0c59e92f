"""The app limits BLAS to one thread."""

from threadpoolctl import threadpool_info

from lstm_ui.threads import limit_blas_threads


def test_blas_runs_on_one_thread_after_the_limit():
    limit_blas_threads()
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas, "numpy's BLAS should be visible to threadpoolctl"
    assert all(pool["num_threads"] == 1 for pool in blas)
