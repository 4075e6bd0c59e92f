"""Long computations (a training run) in worker processes, shared by every student who asks.

A training run is seconds of NumPy work driven by Python loops: run in the server's own process
it holds the GIL, and every other student's click waits for it. So the runs go to a pool of
worker processes (the standard library's `concurrent.futures.ProcessPoolExecutor`: it is all
this needs, a queue in front of a fixed set of processes, and it adds no dependency or
service to deploy). The pool has one process per core but one, at least one, so a core stays
with the server that draws the pages. Workers start by "spawn": the server has many threads,
and a forked child would inherit locks other threads held at that moment.

The board in front of the pool:
- `submit(key, fn, *args)`: a job for that key, new or the one already queued, running or
  finished; so students who press Train on the same settings share one run.
- A job's progress is what its function reported, in order, with the seconds since it started:
  every watcher draws the same numbers, and a late watcher (or a replay) sees all of them.
- A job lives while somebody watches it. `watch`/`leave` name the sessions waiting for it; when
  the last one leaves (pressed Stop, or closed the tab), a queued job is cancelled before it
  starts, and a running one is told to stop at its next report.
- `place(job)`: how many jobs are ahead of it in the queue.

The worker side: `fn(*args, report=report)` runs in a worker; `report(payload)` sends a small
picklable payload to the board and returns False once the job should stop. The messages between
the server and its own workers travel as pickles (that is how multiprocessing talks); nothing
from a file or the network is ever unpickled.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

QUEUED, RUNNING, FINISHED = "queued", "running", "finished"
FAILED, CANCELLED = "failed", "cancelled"
CANCEL_SLOTS = 4096  # jobs in flight at once never come near this: the slots are reused in turn
PARENT_CHECK_S = 1.0  # a worker looks this often whether its server is still there
KEEP_DONE = 16  # finished jobs kept for sharing and replays (the newest)
_STARTED = "__started__"  # a worker's first message about a job
_ENDED = "__ended__"  # its last: every progress message of the job came before it


def worker_count() -> int:
    """Worker processes for this machine: one per core but one, at least one."""
    return max(1, (os.cpu_count() or 2) - 1)


@dataclass
class Job:
    """One computation and who waits for it. progress: [(seconds since it started, payload)];
    result: fn's return value once finished; error: a message when it failed."""

    number: int
    key: Hashable
    state: str = QUEUED
    submitted: float = field(default_factory=time.monotonic)
    started: float | None = None
    progress: list[tuple[float, Any]] = field(default_factory=list)
    result: Any = None
    error: str | None = None
    watchers: set[str] = field(default_factory=set)
    # The worker's result travels on another channel than its progress: the job is done only
    # once both have arrived, so a watcher never sees it done with progress still on the way.
    _outcome: tuple[str, Any, str | None] | None = field(default=None, repr=False)
    _ended: bool = field(default=False, repr=False)

    @property
    def done(self) -> bool:
        return self.state in (FINISHED, FAILED, CANCELLED)


# --- the worker side ------------------------------------------------------------------------------

_messages: Any = None  # the board's message queue, set in each worker by _start_worker
_cancel: Any = None  # shared cancel flags, one byte per slot


def _start_worker(messages, cancel) -> None:
    global _messages, _cancel
    _messages, _cancel = messages, cancel
    from lstm_ui.threads import limit_blas_threads  # one BLAS thread per worker process

    limit_blas_threads()
    parent = os.getppid()
    threading.Thread(
        target=_exit_with, args=(parent,), name="exit-with-server", daemon=True
    ).start()


def _exit_with(parent: int) -> None:
    """End this worker when the server that started it is gone (killed, say, by SIGKILL: then
    nothing tells the pool's workers, and they would wait for work for ever)."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(0)


def _run_job(number: int, slot: int, fn: Callable, args: tuple) -> Any:
    _messages.put((number, _STARTED))

    def report(payload: Any) -> bool:
        _messages.put((number, payload))
        return not _cancel[slot]

    try:
        return None if _cancel[slot] else fn(*args, report=report)
    finally:
        _messages.put((number, _ENDED))


# --- the board -----------------------------------------------------------------------------------


class JobBoard:
    """Jobs by key in front of a process pool; see the module docstring. Thread-safe: every
    session's script thread calls it."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or worker_count()
        context = multiprocessing.get_context("spawn")
        self._context = context
        self._messages = context.Queue()
        self._cancel = context.RawArray("b", CANCEL_SLOTS)
        # Re-entrant: Future.cancel() runs the done callback (_finish) at once, in the caller.
        self._lock = threading.RLock()
        self._jobs: OrderedDict[Hashable, Job] = OrderedDict()  # by key, oldest first
        self._by_number: dict[int, Job] = {}
        self._futures: dict[int, Future] = {}
        self._count = 0
        self._pool = self._new_pool()
        self._listener = threading.Thread(target=self._listen, name="job-board", daemon=True)
        self._listener.start()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers,
            mp_context=self._context,
            initializer=_start_worker,
            initargs=(self._messages, self._cancel),
        )

    # --- what pages call ---

    def submit(self, key: Hashable, fn: Callable, *args: Any, watcher: str | None = None) -> Job:
        """The job for `key`: the one queued, running or finished if there is one (a failed or
        cancelled one is replaced), else a new one running fn(*args, report=...) in a worker.
        fn must be a module-level function and args picklable. `watcher` joins its watchers."""
        with self._lock:
            job = self._jobs.get(key)
            if job is None or job.state in (FAILED, CANCELLED) or self._stopping(job):
                job = self._start(key, fn, args)
            if watcher is not None and not job.done:
                job.watchers.add(watcher)
            self._jobs.move_to_end(key)
            return job

    def watch(self, job: Job, watcher: str) -> None:
        """`watcher` waits for `job` too."""
        with self._lock:
            if not job.done:
                job.watchers.add(watcher)

    def leave(self, job: Job, watcher: str) -> None:
        """`watcher` no longer waits for `job`; with nobody left, the job is cancelled."""
        with self._lock:
            job.watchers.discard(watcher)
            if not job.watchers and not job.done:
                self._cancel_job(job)

    def watched(self, job: Job) -> bool:
        """Whether anybody still waits for `job`."""
        with self._lock:
            return bool(job.watchers)

    def place(self, job: Job) -> int:
        """Jobs ahead of `job` in the queue: queued ones submitted before it, plus the running
        ones beyond the pool's free workers; 0 once it runs or is done."""
        with self._lock:
            if job.state != QUEUED:
                return 0
            running = sum(j.state == RUNNING for j in self._by_number.values())
            queued_before = sum(
                j.state == QUEUED and j.number < job.number for j in self._by_number.values()
            )
            return queued_before + max(0, running - self.workers + 1)

    def snapshot(self, job: Job) -> tuple[str, list[tuple[float, Any]], Any, str | None]:
        """(state, progress so far, result, error) of `job`, read consistently."""
        with self._lock:
            return job.state, list(job.progress), job.result, job.error

    def close(self) -> None:
        """Stop every job and the workers (tests; a server just exits)."""
        with self._lock:
            for job in self._by_number.values():
                if not job.done:
                    self._cancel_job(job)
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._messages.put(None)
        self._listener.join(timeout=5)

    # --- inside the lock ---

    def _start(self, key: Hashable, fn: Callable, args: tuple) -> Job:
        self._count += 1
        job = Job(self._count, key)
        slot = job.number % CANCEL_SLOTS
        self._cancel[slot] = 0
        try:
            future = self._pool.submit(_run_job, job.number, slot, fn, args)
        except (BrokenProcessPool, RuntimeError):  # a worker died (killed, out of memory)
            self._pool = self._new_pool()
            future = self._pool.submit(_run_job, job.number, slot, fn, args)
        replaced = self._jobs.pop(key, None)
        if replaced is not None and replaced.done:  # a failed or cancelled run: not kept
            self._by_number.pop(replaced.number, None)
        self._jobs[key] = job
        self._by_number[job.number] = job
        self._futures[job.number] = future
        future.add_done_callback(lambda f, number=job.number: self._finish(number, f))
        return job

    def _stopping(self, job: Job) -> bool:
        """Told to stop, not stopped yet: not a job to join."""
        return not job.done and bool(self._cancel[job.number % CANCEL_SLOTS])

    def _cancel_job(self, job: Job) -> None:
        self._cancel[job.number % CANCEL_SLOTS] = 1
        future = self._futures.get(job.number)
        if future is not None:
            future.cancel()  # works while the pool has not handed it to a worker yet
        if job.state == QUEUED:  # a worker that picks it up sees the flag and returns at once
            job.state = CANCELLED

    def _forget_old(self) -> None:
        done = [key for key, job in self._jobs.items() if job.done]
        for key in done[: max(0, len(done) - KEEP_DONE)]:
            job = self._jobs.pop(key)
            self._by_number.pop(job.number, None)

    # --- the board's own threads ---

    def _finish(self, number: int, future: Future) -> None:
        with self._lock:
            job = self._by_number.get(number)
            self._futures.pop(number, None)
            if job is None or job.done:
                return
            no_end_message = False
            if future.cancelled():
                outcome, no_end_message = (CANCELLED, None, None), True  # never ran
            else:
                try:
                    result = future.result()
                    stopped = self._cancel[number % CANCEL_SLOTS]
                    # Stopped at a report: cancelled, with what it had (not shared: see submit).
                    outcome = (CANCELLED if stopped else FINISHED, result, None)
                except (CancelledError, BrokenProcessPool) as error:  # its worker died
                    outcome, no_end_message = (FAILED, None, type(error).__name__), True
                except Exception as error:  # the job's own error, reported to its watchers
                    outcome = (FAILED, None, f"{type(error).__name__}: {error}")
            job._outcome = outcome
            if job._ended or no_end_message:
                self._settle(job)

    def _settle(self, job: Job) -> None:
        """Make the job's outcome visible (inside the lock)."""
        job.state, job.result, job.error = job._outcome
        job.watchers.clear()
        if self._jobs.get(job.key) is not job:  # replaced while it was stopping: not kept
            self._by_number.pop(job.number, None)
        self._forget_old()

    def _listen(self) -> None:
        while True:
            message = self._messages.get()
            if message is None:
                return
            number, payload = message
            with self._lock:
                job = self._by_number.get(number)
                if job is None or job.done:
                    continue
                now = time.monotonic()
                if payload == _STARTED:
                    job.state, job.started = RUNNING, now
                    if not job.watchers:  # everybody left while it was queued
                        self._cancel_job(job)
                elif payload == _ENDED:
                    job._ended = True
                    if job._outcome is not None:
                        self._settle(job)
                else:
                    job.progress.append((now - (job.started or now), payload))
