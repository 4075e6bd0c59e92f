"""A class of N students against one server: interaction latency and server memory.

    python benchmarks/classroom_load.py [--sessions 10,20,40] [--seconds 30] [--interval 3]

For each N a fresh `streamlit run app.py` (loopback only) is started and warmed up (every page
loaded once). Then N protocol-level clients connect to its websocket at the same time, the way
the browser does: each opens /_stcore/stream, asks for one page (the pages are dealt out in
turn), then every few seconds (the interval, ±50 % at random) makes a change on that page, e.g.
presses a scenario button or switches the task, until the time is up. The clients speak
Streamlit's own protobuf protocol (BackMsg / ForwardMsg) instead of driving N Chromium tabs:
on a 2-core machine 40 browsers would measure Chromium, not the server. What they skip is the
browser's own work (parsing and drawing the page, the same for every student on their laptop).

Interaction latency: from sending the change (BackMsg rerun_script with the widget's new value)
to the session's ForwardMsg script_finished, i.e. the whole rerun has reached the client.
Reported per N: p50 / p95 / max latency, the page load time, errors (exception elements,
timeouts, dropped connections), the server's peak resident memory (VmRSS in /proc) and its CPU
use (100 % = one core; the script runs of one server share one interpreter), and the CPU of
this load generator itself, which shares the machine.
Target (issue 9): p95 under 1 s at N = 40; reported, not asserted.
Ends with one line of JSON holding every figure.
"""

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from conftest import start_app, stop_app  # noqa: E402

FINISHED_EARLY_FOR_RERUN = 2  # ForwardMsg.script_finished: another run follows at once
TARGET_P95_S = 1.0
CLIENT_TIMEOUT_S = 30.0  # one page load or one interaction; a slower one counts as an error


@dataclass(frozen=True)
class Scenario:
    """A page and the changes a student makes on it, in turn: (widget kind, label)."""

    url_path: str
    changes: tuple[tuple[str, str], ...]


# English labels (the sessions ask for ?lang=en). "button" presses the button with that label;
# "segmented:LABEL" picks that option of the segmented control whose options include it.
SCENARIOS = (
    Scenario("gate_anatomy", (("button", "Keep 30%"), ("button", "Remember"))),
    Scenario("sequence_stepper", (("button", "next ▶"), ("button", "◀ back"))),
    Scenario("vanishing_gradients", (("button", "LSTM forgets too"), ("button", "LSTM remembers"))),
    Scenario("training_lab", (("segmented", "Adding problem"), ("segmented", "Sine demo"))),
    Scenario("home", (("segmented", "한국어"), ("segmented", "English"))),
    Scenario("exercises", (("button", "New exercise"), ("button", "New exercise"))),
)


@dataclass
class SessionResult:
    page: str
    load_s: float | None = None
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class Client:
    """One browser tab, as the server sees it: a websocket speaking BackMsg / ForwardMsg."""

    def __init__(self, url: str, scenario: Scenario):
        self.url = url
        self.scenario = scenario
        self.query = "lang=en"
        self.page_hash = ""
        self.buttons: dict[str, str] = {}  # label -> widget id
        self.segmented: dict[str, str] = {}  # option label -> widget id
        self.ws = None

    async def connect(self) -> None:
        self.ws = await websockets.connect(
            self.url.replace("http://", "ws://") + "/_stcore/stream",
            subprotocols=["streamlit"],
            origin=self.url,
            max_size=None,
            open_timeout=CLIENT_TIMEOUT_S,
        )

    async def rerun(self, widget: tuple[str, str] | None = None) -> tuple[float, list[str]]:
        """Send one rerun_script (with a widget change); wait for the run to finish."""
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = self.query
        rerun.page_name = self.scenario.url_path
        rerun.page_script_hash = self.page_hash
        if widget is not None:
            kind, label = widget
            state = rerun.widget_states.widgets.add()
            if kind == "button":
                state.id = self.buttons[label]
                state.trigger_value = True
            else:
                state.id = self.segmented[label]
                state.string_array_value.data.append(label)
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        errors = []
        while True:
            data = await asyncio.wait_for(self.ws.recv(), CLIENT_TIMEOUT_S)
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                errors.extend(self._read_element(forward.delta.new_element))
            elif kind == "page_info_changed":
                self.query = forward.page_info_changed.query_string
            elif kind == "navigation":
                self.page_hash = forward.navigation.page_script_hash
            elif kind == "script_finished":
                if forward.script_finished != FINISHED_EARLY_FOR_RERUN:
                    return time.perf_counter() - started, errors

    def _read_element(self, element) -> list[str]:
        kind = element.WhichOneof("type")
        if kind == "button":
            self.buttons[element.button.label] = element.button.id
        elif kind == "button_group":
            for option in element.button_group.options:
                self.segmented[option.content] = element.button_group.id
        elif kind == "exception":
            return [f"exception: {element.exception.message[:200]}"]
        elif kind == "alert" and element.alert.format == 1:  # Alert.ERROR
            return [f"error box: {element.alert.body[:200]}"]
        return []

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


async def student(
    url: str, scenario: Scenario, deadline: float, interval: float, rng: random.Random
) -> SessionResult:
    result = SessionResult(scenario.url_path)
    client = Client(url, scenario)
    try:
        await client.connect()
        result.load_s, errors = await client.rerun()
        result.errors += errors
        step = 0
        while True:
            pause = interval * rng.uniform(0.5, 1.5)
            if time.perf_counter() + pause >= deadline:
                break
            await asyncio.sleep(pause)
            change = scenario.changes[step % len(scenario.changes)]
            step += 1
            seconds, errors = await client.rerun(change)
            result.latencies.append(seconds)
            result.errors += errors
    except TimeoutError:
        result.errors.append(f"no script_finished within {CLIENT_TIMEOUT_S:.0f} s")
    except (websockets.WebSocketException, OSError, KeyError) as error:
        result.errors.append(f"{type(error).__name__}: {error}")
    finally:
        await client.close()
    return result


def read_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


async def sample_rss(pid: int, stop: asyncio.Event, peak: list[float]) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], read_rss_mb(pid))
        try:
            await asyncio.wait_for(stop.wait(), 0.2)
        except TimeoutError:
            pass


async def warm_up(url: str) -> None:
    """Load every page and make each change once, so imports and caches are not measured."""
    for scenario in SCENARIOS:
        client = Client(url, scenario)
        try:
            await client.connect()
            await client.rerun()
            for change in scenario.changes:
                await client.rerun(change)
        finally:
            await client.close()


async def run_level(n: int, seconds: float, interval: float, seed: int) -> dict:
    process, url = start_app()
    try:
        await warm_up(url)
        rss_before = read_rss_mb(process.pid)
        peak = [rss_before]
        stop = asyncio.Event()
        sampler = asyncio.create_task(sample_rss(process.pid, stop, peak))
        cpu_before, wall_before = cpu_seconds(process.pid), time.perf_counter()
        client_before = time.process_time()
        deadline = time.perf_counter() + seconds
        rngs = [random.Random(seed * 1000 + i) for i in range(n)]

        async def delayed(i: int) -> SessionResult:
            await asyncio.sleep(rngs[i].uniform(0, 1.0))  # the class opens the app within ~1 s
            return await student(url, SCENARIOS[i % len(SCENARIOS)], deadline, interval, rngs[i])

        results = await asyncio.wait_for(
            asyncio.gather(*(delayed(i) for i in range(n))), seconds + 4 * CLIENT_TIMEOUT_S
        )
        wall = time.perf_counter() - wall_before
        cpu = (cpu_seconds(process.pid) - cpu_before) / wall
        client_cpu = (time.process_time() - client_before) / wall
        stop.set()
        await sampler
        rss_after = read_rss_mb(process.pid)
    finally:
        stderr = stop_app(process)
    latencies = sorted(s for r in results for s in r.latencies)
    loads = sorted(r.load_s for r in results if r.load_s is not None)
    errors = [e for r in results for e in r.errors]
    if "Traceback" in stderr:
        errors.append("server stderr has a traceback: " + stderr[-500:])
    return {
        "n": n,
        "interactions": len(latencies),
        "p50_s": percentile(latencies, 50),
        "p95_s": percentile(latencies, 95),
        "max_s": latencies[-1] if latencies else float("nan"),
        "load_p50_s": percentile(loads, 50),
        "load_p95_s": percentile(loads, 95),
        "errors": errors,
        "rss_start_mb": rss_before,
        "rss_peak_mb": peak[0],
        "rss_end_mb": rss_after,
        "server_cpu_cores": cpu,
        "client_cpu_cores": client_cpu,
        "by_page": {
            s.url_path: percentile(
                sorted(x for r in results if r.page == s.url_path for x in r.latencies), 95
            )
            for s in SCENARIOS
        },
    }


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if q < 100 else values[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", default="10,20,40", help="comma-separated N values")
    parser.add_argument("--seconds", type=float, default=30.0, help="duration of each level")
    parser.add_argument("--interval", type=float, default=3.0, help="mean pause between changes")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    levels = [int(n) for n in args.sessions.split(",") if n.strip()]
    if not levels or min(levels) < 1 or max(levels) > 200:
        parser.error("--sessions: between 1 and 200 sessions per level")
    if not 1 <= args.seconds <= 600 or not 0.2 <= args.interval <= 60:
        parser.error("--seconds in 1 … 600, --interval in 0.2 … 60")

    print(f"load average before: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} CPUs")
    print(
        f"each level: {args.seconds:.0f} s, one change every {args.interval:.1f} s (±50 %) per "
        f"session; pages dealt in turn: {', '.join(s.url_path for s in SCENARIOS)}"
    )
    rows = []
    for n in levels:
        row = asyncio.run(run_level(n, args.seconds, args.interval, args.seed))
        rows.append(row)
        print(
            f"  N={n}: {row['interactions']} interactions, p95 {row['p95_s'] * 1000:.0f} ms, "
            f"{len(row['errors'])} errors",
            flush=True,
        )

    print()
    header = (
        f"{'N':>4} {'changes':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'load p50':>9} "
        f"{'load p95':>9} {'errors':>7} {'RSS start':>10} {'RSS peak':>9} {'srv CPU':>8} "
        f"{'load CPU':>9}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['n']:>4} {r['interactions']:>8} {r['p50_s'] * 1000:>8.0f} "
            f"{r['p95_s'] * 1000:>8.0f} {r['max_s'] * 1000:>8.0f} {r['load_p50_s'] * 1000:>9.0f} "
            f"{r['load_p95_s'] * 1000:>9.0f} {len(r['errors']):>7} {r['rss_start_mb']:>8.0f}MB "
            f"{r['rss_peak_mb']:>7.0f}MB {r['server_cpu_cores'] * 100:>7.0f}% "
            f"{r['client_cpu_cores'] * 100:>8.0f}%"
        )
    print("\np95 per page (ms): ")
    for r in rows:
        parts = ", ".join(f"{page} {p95 * 1000:.0f}" for page, p95 in r["by_page"].items())
        print(f"  N={r['n']}: {parts}")
    for r in rows:
        for error in sorted(set(r["errors"]))[:5]:
            print(f"  N={r['n']} error: {error}")
    print(f"load average after: {os.getloadavg()[0]:.2f} (1 min)")
    last = rows[-1]
    verdict = "meets" if last["p95_s"] < TARGET_P95_S else "misses"
    print(
        f"target: p95 < {TARGET_P95_S * 1000:.0f} ms at N = {last['n']}: {verdict} it "
        f"({last['p95_s'] * 1000:.0f} ms)"
    )

    figures = {"seconds_per_level": args.seconds, "interval_s": args.interval}
    for r in rows:
        n = r["n"]
        figures |= {
            f"n{n}_interactions": r["interactions"],
            f"n{n}_p50_ms": round(r["p50_s"] * 1000, 1),
            f"n{n}_p95_ms": round(r["p95_s"] * 1000, 1),
            f"n{n}_max_ms": round(r["max_s"] * 1000, 1),
            f"n{n}_load_p95_ms": round(r["load_p95_s"] * 1000, 1),
            f"n{n}_errors": len(r["errors"]),
            f"n{n}_rss_peak_mb": round(r["rss_peak_mb"], 1),
            f"n{n}_server_cpu_percent": round(r["server_cpu_cores"] * 100, 1),
            f"n{n}_load_generator_cpu_percent": round(r["client_cpu_cores"] * 100, 1),
        }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
