"""Module-level functions for tests/test_jobs.py: a spawned worker process imports them."""

import os
import time


def count(n: int, delay: float, report) -> tuple[str, int]:
    """Report 0, 1, …, n − 1, `delay` seconds apart; ("stopped", k) when told to stop at k."""
    for k in range(n):
        if not report(k):
            return "stopped", k
        time.sleep(delay)
    return "done", n


def fail(report) -> None:
    report("about to fail")
    raise ValueError("the numbers were bad")


def pid(report) -> int:
    """The worker's process id, after reporting it."""
    report(os.getpid())
    time.sleep(30)
    return os.getpid()


def parent_with_a_worker() -> None:
    """Run as a process of its own: a board whose worker prints its pid, then wait."""
    import sys

    from lstm_ui.jobs import JobBoard

    board = JobBoard(workers=1)
    job = board.submit("pid", pid, watcher="parent")
    while not job.progress:
        time.sleep(0.02)
    print(job.progress[0][1], flush=True)
    sys.stdin.read()  # until the test kills this process
