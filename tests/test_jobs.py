"""lstm_ui.jobs: jobs in worker processes, shared by key, cancelled when nobody waits."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from jobs_support import count, fail, pid

from lstm_ui.jobs import CANCELLED, FAILED, FINISHED, QUEUED, RUNNING, JobBoard

WAIT_S = 60.0  # a generous limit on waiting for a state: the machine may be busy


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.02)


@pytest.fixture(scope="module")
def board():
    board = JobBoard(workers=1)  # one worker: the queue's order is known
    yield board
    board.close()


def test_a_job_runs_in_another_process_and_reports_in_order(board):
    job = board.submit("count-5", count, 5, 0.0, watcher="a")
    wait_for(lambda: job.done, "the job finished")
    state, progress, result, error = board.snapshot(job)
    assert (state, result, error) == (FINISHED, ("done", 5), None)
    assert [payload for _, payload in progress] == [0, 1, 2, 3, 4]
    seconds = [s for s, _ in progress]
    assert seconds == sorted(seconds) and seconds[0] >= 0


def test_the_same_key_is_one_job_for_every_student(board):
    first = board.submit("shared", count, 20, 0.05, watcher="a")
    second = board.submit("shared", count, 20, 0.05, watcher="b")
    assert second is first
    board.leave(first, "a")  # b still waits: the job goes on
    assert board.watched(first)
    wait_for(lambda: first.done, "the shared job finished")
    assert first.state == FINISHED and first.result == ("done", 20)
    # Pressed again later: the finished run, not a new one.
    assert board.submit("shared", count, 20, 0.05, watcher="c") is first


def test_the_last_watcher_leaving_stops_a_running_job(board):
    job = board.submit("stop-me", count, 1000, 0.01, watcher="a")
    wait_for(lambda: len(job.progress) >= 3, "three reports")
    assert job.state == RUNNING
    board.leave(job, "a")
    wait_for(lambda: job.done, "the job stopped")
    # Cancelled, with what the function returned when told to stop (the training lab shows the
    # models so far); every report it made arrived before.
    assert job.state == CANCELLED and job.result == ("stopped", len(job.progress) - 1)
    assert len(job.progress) < 1000
    # Pressing Train again on these settings starts a new run.
    again = board.submit("stop-me", count, 3, 0.0, watcher="b")
    assert again is not job
    wait_for(lambda: again.done, "the new run finished")
    assert again.state == FINISHED
    # The board keeps the run that replaced it, not the stopped one.
    assert job.number not in board._by_number and again.number in board._by_number


def test_a_queued_job_has_a_place_and_is_dropped_when_its_student_leaves(board):
    long = board.submit("long", count, 1000, 0.01, watcher="a")
    wait_for(lambda: long.state == RUNNING, "the first job runs")
    waiting = board.submit("waiting", count, 3, 0.0, watcher="b")
    behind = board.submit("behind", count, 3, 0.0, watcher="c")
    # One worker, busy: the running job is ahead of both, and the first queued one ahead of the
    # second.
    assert (waiting.state, behind.state) == (QUEUED, QUEUED)
    assert (board.place(long), board.place(waiting), board.place(behind)) == (0, 1, 2)
    board.leave(waiting, "b")
    assert waiting.state == CANCELLED  # never started
    assert board.place(behind) == 1
    board.leave(long, "a")
    wait_for(lambda: behind.done, "the job behind ran once the first was stopped")
    assert (long.state, behind.state) == (CANCELLED, FINISHED)
    assert [p for _, p in waiting.progress] == []


def test_leaving_a_job_the_pool_has_not_handed_out_cancels_it_at_once(board):
    # Future.cancel() calls the board back in the same thread: it must not wait for itself.
    busy = board.submit("busy", count, 1000, 0.01, watcher="a")
    wait_for(lambda: busy.state == RUNNING, "the worker is busy")
    board.submit("second", count, 1, 0.0, watcher="b")  # handed to the pool's call queue
    third = board.submit("third", count, 1, 0.0, watcher="c")  # still pending in the pool
    board.leave(third, "c")
    assert third.state == CANCELLED
    board.leave(busy, "a")
    wait_for(lambda: busy.done, "the busy job stopped")


def test_a_failing_job_says_why_and_can_be_tried_again(board):
    job = board.submit("fails", fail, watcher="a")
    wait_for(lambda: job.done, "the job failed")
    assert job.state == FAILED
    assert job.error == "ValueError: the numbers were bad"
    assert [p for _, p in job.progress] == ["about to fail"]
    assert board.submit("fails", fail, watcher="a") is not job


def test_a_killed_worker_fails_its_job_and_the_board_goes_on():
    board = JobBoard(workers=1)
    try:
        job = board.submit("pid", pid, watcher="a")
        wait_for(lambda: job.progress, "the worker reported its pid")
        worker = job.progress[0][1]
        assert worker != os.getpid()
        os.kill(worker, signal.SIGKILL)
        wait_for(lambda: job.done, "the job ended with its worker")
        assert job.state == FAILED
        after = board.submit("after", count, 2, 0.0, watcher="b")
        wait_for(lambda: after.done, "a job on a new worker finished")
        assert after.state == FINISHED
    finally:
        board.close()


def test_a_worker_ends_when_its_server_is_killed():
    tests = Path(__file__).resolve().parent
    parent = subprocess.Popen(
        [sys.executable, "-c", "import jobs_support; jobs_support.parent_with_a_worker()"],
        cwd=tests,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(tests), str(tests.parent)])},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        worker = int(parent.stdout.readline())
        assert alive(worker)
        parent.kill()  # SIGKILL: nothing tells the pool
        parent.wait()
        wait_for(lambda: not alive(worker), "the orphaned worker exited")
    finally:
        parent.kill()


def alive(pid: int) -> bool:
    """Whether process `pid` exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
