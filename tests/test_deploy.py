"""Two replicas behind HAProxy, started by `bash deploy/run.sh`, driven from a real Chromium.

Uploads and downloads are plain HTTP requests that only the replica holding the session can
answer: they must reach it through the balancer (cookie affinity). A replica killed while
students are on it costs them a reconnect: their pages come back, through the balancer, in the
state their URLs hold; the students on the other replica do not notice.
"""

import asyncio
import concurrent.futures
import csv
import importlib.util
import io
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import APP_IDLE, ROOT, free_port

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WEIGHTS = FIXTURES / "lstm_torch_d1_h3.npz"  # nn.LSTM(1, 3)
COOKIE = "LAB_REPLICA"  # deploy/haproxy.cfg

pytestmark = pytest.mark.browser


def consecutive_free_ports(count: int) -> int:
    """The first of `count` consecutive loopback ports that are free right now."""
    for _ in range(50):
        first = free_port()
        if first + count > 65535:
            continue
        sockets = []
        try:
            for port in range(first, first + count):
                s = socket.socket()
                sockets.append(s)
                s.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    raise RuntimeError("no run of free ports found")


class Deployment:
    """`bash deploy/run.sh` on loopback in its own process group; its output lines are
    collected (benchmarks/classroom_load.py uses it too)."""

    def __init__(self, replicas: int):
        if shutil.which("haproxy") is None:
            raise RuntimeError("deploy/run.sh needs HAProxy: `apt-get install -y haproxy`")
        self.port = free_port()
        first = consecutive_free_ports(replicas)
        while self.port in range(first, first + replicas):
            self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [
            "bash", "deploy/run.sh", "--replicas", str(replicas), "--port", str(self.port),
            "--address", "127.0.0.1", "--first-replica-port", str(first),
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=os.environ | {"PYTHON": sys.executable},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self.errors: list[str] = []
        threading.Thread(target=self._read, args=(self.process.stdout, self.lines)).start()
        threading.Thread(target=self._read, args=(self.process.stderr, self.errors)).start()

    @staticmethod
    def _read(stream, into: list[str]) -> None:
        for line in stream:
            into.append(line.rstrip("\n"))

    def wait_for_line(self, start: str, timeout: float = 90.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if line.startswith(start):
                    return line
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(
            f"run.sh did not print {start!r}: " + "\n".join(self.lines + self.errors)[-3000:]
        )

    def replica_pids(self) -> dict[str, int]:
        """The latest pid of each replica, from run.sh's lines `replica app1 pid 123 on ...`."""
        pids = {}
        for line in list(self.lines):
            words = line.split()
            if words[:1] == ["replica"] and words[2:3] == ["pid"]:
                pids[words[1]] = int(words[3])
        return pids

    def all_pids(self) -> set[int]:
        pids = set()
        for line in list(self.lines):
            words = line.split()
            if words[:1] in (["replica"], ["balancer"]) and "pid" in words:
                pids.add(int(words[words.index("pid") + 1]))
        return pids

    def stop(self) -> int:
        """SIGTERM to run.sh alone (not its group): it must stop everything it started."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            return -1


def alive(pid: int) -> bool:
    """True if the process exists and is not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture(scope="module")  # the kill test leaves a restarted replica to the next test
def deployment():
    if shutil.which("haproxy") is None:
        pytest.fail("The deploy tests need HAProxy: `apt-get install -y haproxy`")
    deployment = Deployment(replicas=2)
    try:
        deployment.wait_for_line("ready:")
        yield deployment
    finally:
        started = deployment.all_pids()
        code = deployment.stop()
        time.sleep(0.5)
        left = [pid for pid in started if alive(pid)]
        for pid in left:
            os.kill(pid, signal.SIGKILL)
    assert code == 128 + signal.SIGTERM, "\n".join(deployment.lines + deployment.errors)
    assert deployment.lines[-1] == "stopped"
    assert left == [], f"run.sh left {left} running after SIGTERM"
    stderr = "\n".join(deployment.errors)
    assert "Traceback" not in stderr, stderr[-4000:]


def replica_of(context) -> str:
    values = [c["value"] for c in context.cookies() if c["name"] == COOKIE]
    assert len(values) == 1, context.cookies()
    return values[0]


def open_stepper(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(APP_IDLE, timeout=30_000)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(2, timeout=30_000)  # + the SVG cell


def read_trace(data: bytes) -> dict[tuple[str, int], list[float]]:
    """The trace CSV (t, unit, quantity, value) as {(quantity, unit): values over t}."""
    series: dict[tuple[str, int], dict[int, float]] = {}
    for row in csv.DictReader(io.StringIO(data.decode())):
        key = (row["quantity"], int(row["unit"]))
        series.setdefault(key, {})[int(row["t"])] = float(row["value"])
    return {key: [steps[t] for t in sorted(steps)] for key, steps in series.items()}


def test_upload_and_download_go_through_the_balancer_to_the_session(deployment, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    page = context.new_page()
    try:
        open_stepper(page, f"{deployment.url}/sequence_stepper?sq_model=upload")
        replica = replica_of(context)
        assert replica in deployment.replica_pids()

        # The upload is a PUT to /_stcore/upload_file/<session>/...: only this session's
        # replica accepts it (another answers 400), and it needs Streamlit's XSRF cookie.
        page.get_by_test_id("stMain").get_by_test_id(
            "stFileUploaderDropzoneInput"
        ).first.set_input_files(str(WEIGHTS))
        loaded = "In use: lstm_torch_d1_h3.npz, LSTM, PyTorch layout, H = 3, D = 1."
        expect(page.get_by_text(loaded)).to_be_visible(timeout=30_000)
        page.wait_for_selector(APP_IDLE, timeout=30_000)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)

        # The download is a GET of /media/...; the file lives in this replica's memory.
        with page.expect_download(timeout=30_000) as download:
            page.get_by_role("button", name="Whole run (CSV)").click()
        path = download.value.path()
        trace = read_trace(Path(path).read_bytes())
        assert replica_of(context) == replica
    finally:
        context.close()

    # The uploaded model ran: H = 3 units (the random default has 8), T = 50 steps, and the
    # numbers obey the cell's equations: c_t = f c_{t-1} + i g and h_t = o tanh(c_t).
    assert sorted({unit for _, unit in trace}) == [1, 2, 3]  # numbered 1..H, as on the page
    assert {len(values) for values in trace.values()} == {50}
    for unit in (1, 2, 3):
        i, f, g, o, c, h = (trace[(q, unit)] for q in "ifgoch")
        c_prev = 0.0
        for t in range(50):
            assert math.isclose(c[t], f[t] * c_prev + i[t] * g[t], rel_tol=1e-12, abs_tol=1e-15)
            assert math.isclose(h[t], o[t] * math.tanh(c[t]), rel_tol=1e-12, abs_tol=1e-15)
            c_prev = c[t]


# Each student's page, what its URL holds, and what the page shows for it.
STUDENTS = [
    ("/sequence_stepper?sq_T=20&sq_t=7", "The cell at step t = {t}"),
    ("/sequence_stepper?sq_T=30&sq_t=3", "The cell at step t = {t}"),
    ("/sequence_stepper?sq_T=40&sq_t=11", "The cell at step t = {t}"),
    ("/sequence_stepper?sq_T=25&sq_t=5", "The cell at step t = {t}"),
]


def test_a_killed_replica_costs_its_students_a_reconnect_not_their_page(deployment, browser):
    contexts, pages, sockets, frames = [], [], [], []
    try:
        for path, _ in STUDENTS:  # one browser each: each has its own cookie jar
            context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en")
            page = context.new_page()
            opened: list = []  # the page's websockets
            received: list = []  # one item per message the server sent on any of them

            def on_websocket(ws, opened=opened, received=received):
                opened.append(ws)
                ws.on("framereceived", lambda _, received=received: received.append(1))

            page.on("websocket", on_websocket)
            open_stepper(page, deployment.url + path)
            contexts.append(context)
            pages.append(page)
            sockets.append(opened)
            frames.append(received)
        steps = [int(path.rsplit("=", 1)[1]) for path, _ in STUDENTS]
        # Each student moves one step on: the page writes the new step into its URL.
        for page, step in zip(pages, steps, strict=True):
            page.get_by_role("button", name="next ▶").click()
            expect(page.get_by_text(f"The cell at step t = {step + 1}")).to_be_visible(
                timeout=30_000
            )
            page.wait_for_function(f"() => location.search.includes('sq_t={step + 1}')")
        steps = [step + 1 for step in steps]
        replicas = [replica_of(context) for context in contexts]
        assert set(replicas) == {"app1", "app2"}, replicas  # leastconn spread them

        victim = max(set(replicas), key=replicas.count)
        pid = deployment.replica_pids()[victim]
        on_victim = [k for k, r in enumerate(replicas) if r == victim]
        os.kill(pid, signal.SIGKILL)

        for k, (page, step) in enumerate(zip(pages, steps, strict=True)):
            text = STUDENTS[k][1].format(t=step)
            if k in on_victim:
                # A new websocket through the balancer, a new session on a live replica, and
                # the page drawn again from its URL.
                deadline = time.monotonic() + 30
                while len(sockets[k]) < 2 and time.monotonic() < deadline:
                    page.wait_for_timeout(200)
                assert len(sockets[k]) >= 2, f"student {k} did not reconnect"
                page.wait_for_selector(APP_IDLE, timeout=30_000)
            expect(page.get_by_text(text)).to_be_visible(timeout=30_000)
            expect(page.get_by_test_id("stPlotlyChart")).to_have_count(
                2, timeout=30_000
            )  # + the SVG cell
            expect(page.get_by_test_id("stException")).to_have_count(0)
            assert f"sq_t={step}" in page.url
            if k not in on_victim:
                assert len(sockets[k]) == 1  # the other replica's students noticed nothing
        # The reconnected students work on, now on a new session that knows only the URL. The
        # frontend does not rerun on reconnecting (Streamlit #9083), so the first press reaches
        # a session that has not run the page yet and drives its first run; that run draws the
        # page from the URL (the step is kept, not reset to 0). The press itself may be lost:
        # the new session has no on_click callback registered yet; the next one always counts.
        for k in on_victim:
            page, step = pages[k], steps[k]
            received = len(frames[k])
            page.get_by_role("button", name="next ▶").click()
            deadline = time.monotonic() + 30
            while len(frames[k]) == received and time.monotonic() < deadline:
                page.wait_for_timeout(100)
            assert len(frames[k]) > received  # the new session ran the page
            page.wait_for_selector(APP_IDLE, timeout=30_000)
            heading = page.get_by_role("heading", name="The cell at step t = ")
            expect(heading).to_have_text(
                re.compile(rf"The cell at step t = ({step}|{step + 1})$"), timeout=30_000
            )
            if heading.inner_text().endswith(f"= {step}"):
                page.get_by_role("button", name="next ▶").click()
            expect(heading).to_have_text(f"The cell at step t = {step + 1}", timeout=30_000)
            assert f"sq_t={step + 1}" in page.url
            assert replica_of(contexts[k]) in ("app1", "app2")
    finally:
        for context in contexts:
            context.close()


def load_benchmark():
    """benchmarks/classroom_load.py as a module (its protocol-level students)."""
    spec = importlib.util.spec_from_file_location(
        "classroom_load", ROOT / "benchmarks" / "classroom_load.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_forty_sessions_come_back_when_a_replica_is_killed_mid_run(deployment):
    """40 protocol-level students (benchmarks/classroom_load.py) through the balancer; 5 s in,
    the replica serving most of them is killed: each of its sessions reconnects through the
    balancer and gets its page again (from its query string), with no error on any session."""
    load = load_benchmark()
    level = load.run_level(40, seconds=12, interval=2, seed=1, target=deployment, kill_after=5)
    # In a thread of its own: Playwright's sync API keeps an event loop on this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        row = pool.submit(asyncio.run, level).result()
    assert row["errors"] == []
    kill = row["kill"]
    assert kill is not None and kill["of"] == 40 and kill["sessions"] >= 20
    assert row["dropped"] == kill["sessions"]  # the other replica's sessions stayed connected
    assert row["recovered"] == row["dropped"]
    assert row["interactions"] > 40
