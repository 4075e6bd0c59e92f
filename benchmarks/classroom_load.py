"""A class of N students against one server or several replicas: latency, memory, recovery.

    python benchmarks/classroom_load.py [--sessions 10,20,40] [--seconds 30] [--interval 3]
    python benchmarks/classroom_load.py --replicas 1,2 --sessions 40,80    # through HAProxy
    python benchmarks/classroom_load.py --replicas 2 --sessions 40 --kill-after 10
    python benchmarks/classroom_load.py --sessions 40 --players 20    # half the class plays
    python benchmarks/classroom_load.py --url http://host:8500 --sessions 40   # a running server

For each N a fresh `streamlit run app.py` (loopback only) is started and warmed up (every page
loaded once); with --replicas K, `bash deploy/run.sh --replicas K` instead (K replicas behind
HAProxy, every replica warmed up through the balancer by its cookie); with --url, the server at
that address is used as it is (no memory or CPU figures then). Then N protocol-level clients
connect to its websocket at the same time, the way the browser does: each opens
/_stcore/stream, asks for one page (the pages are dealt out in turn), then every few seconds
(the interval, ±50 % at random) makes a change on that page, e.g.
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

A class pressing Train (--trainers K): each level N runs twice in one invocation, first
N − K students clicking as above with nobody training, then the same N − K students (same
seeds) while K more open the training lab, each with its own seed, and press "Train both
models" within the first 5 s. Reported: the students' p95 both times and its ratio (issue 19's
target: at most 1.5×), and for the trainers the seconds from pressing Train to their results,
how many progress updates each one saw while waiting, and whether every run finished.

A class pressing Play (--players K): the same pairing, with K students who open the stepper and
press ▶ Play instead. Play runs in the browser (lstm_ui.player): pressing it is one run of the
step fragment, which sends every frame of the play; the browser then shows them alone and tells
the server only at the end (one more run), after which the player presses Play again. Reported:
the others' p95 with and without the players, each of the players' runs (sent → finished: the
Play presses and the ends), how many such runs a second each player caused, and the server's
CPU.

A lost replica (--kill-after S, with --replicas): S seconds into the run the replica holding the
most sessions (each client keeps the balancer's cookie, as a browser does) is killed with
SIGKILL. A client whose connection drops reconnects through the balancer with its cookie, the
way Streamlit's frontend does, and asks for its page with the query string the server last
wrote (the URL is the app's state). Reported: sessions on the killed replica, sessions
recovered, seconds from the drop to the page drawn again (p50, max), errors.
Ends with one line of JSON holding every figure.
"""

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
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
from streamlit.runtime.state.session_state import STREAMLIT_INTERNAL_KEY_PREFIX  # noqa: E402
from test_deploy import COOKIE, Deployment  # noqa: E402

from conftest import start_app, stop_app  # noqa: E402

FINISHED_EARLY_FOR_RERUN = 2  # ForwardMsg.script_finished: another run follows at once
TARGET_P95_S = 1.0
CLIENT_TIMEOUT_S = 30.0  # one page load or one interaction; a slower one counts as an error
RECOVERY_TIMEOUT_S = 60.0  # a dropped session that is not back within this counts as lost
TRAIN_TIMEOUT_S = 600.0  # one press of Train: the class's runs share the server's workers
TRAIN_LABEL = "Train both models"
TRAIN_WITHIN_S = 5.0  # the trainers press Train within this many seconds of the start
TARGET_TRAINING_RATIO = 1.5  # issue 19: the others' p95 with 10 of 40 training / without


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
    replica: str | None = None  # the balancer's cookie: which replica serves the session now
    dropped_from: list[str | None] = field(default_factory=list)  # replicas it was lost from
    recovery_s: list[float] = field(default_factory=list)  # drop -> page drawn again
    trained_s: float | None = None  # a trainer: Train pressed -> its results drawn
    progress_updates: int = 0  # a trainer: progress bar updates seen while it waited
    tick_s: list[float] = field(default_factory=list)  # a player: each run it caused, sent → done
    played_s: float = 0.0  # a player: seconds from pressing Play to the end of the level


class Client:
    """One browser tab, as the server sees it: a websocket speaking BackMsg / ForwardMsg."""

    def __init__(self, url: str, scenario: Scenario, cookies: dict[str, str] | None = None):
        self.url = url
        self.scenario = scenario
        self.query = "lang=en"
        self.page_hash = ""
        self.buttons: dict[str, str] = {}  # label -> widget id
        self.segmented: dict[str, str] = {}  # option label -> widget id
        self.cookies = dict(cookies or {})  # kept and sent back, as a browser does
        self.ws = None
        self.progress_updates = 0
        self.auto_rerun: tuple[float, str] | None = None  # (seconds, fragment id) of a timer
        self.player: dict[str, tuple[str, dict]] = {}  # the browser player's: key -> (id, data)

    async def connect(self) -> None:
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.ws = await websockets.connect(
            self.url.replace("http://", "ws://") + "/_stcore/stream",
            subprotocols=["streamlit"],
            origin=self.url,
            additional_headers=headers,
            max_size=None,
            open_timeout=CLIENT_TIMEOUT_S,
        )
        for value in self.ws.response.headers.get_all("Set-Cookie"):
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0].strip()

    @property
    def replica(self) -> str | None:
        return self.cookies.get(COOKIE)

    async def idle(self, seconds: float) -> None:
        """Wait, reading what the server sends, so that a closed connection shows at once."""
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            try:
                await asyncio.wait_for(self.ws.recv(), left)
            except TimeoutError:
                return

    async def reconnect(self, give_up_at: float) -> list[str]:
        """Connect again (with the cookie: the balancer picks a live replica) and ask for the
        page with the last query string, as the frontend does; retry with backoff."""
        delay = 0.25
        while True:
            try:
                await self.close()
                await self.connect()
                _, errors = await self.rerun()
                return errors
            except (OSError, TimeoutError, websockets.WebSocketException):
                if time.perf_counter() + delay > give_up_at:
                    raise
                await asyncio.sleep(delay)
                delay = min(2 * delay, 2.0)

    async def rerun(
        self,
        widget: tuple[str, str] | None = None,
        timeout: float = CLIENT_TIMEOUT_S,
        fragment: str = "",
    ) -> tuple[float, list[str]]:
        """Send one rerun_script (with a widget change, or the timer's rerun of `fragment`);
        wait for the run to finish (at most `timeout` seconds between two messages). Counts the
        progress bars drawn meanwhile."""
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = self.query
        rerun.page_name = self.scenario.url_path
        rerun.page_script_hash = self.page_hash
        if fragment:
            rerun.fragment_id = fragment
            rerun.is_auto_rerun = True
        if widget is not None:
            kind, label = widget
            state = rerun.widget_states.widgets.add()
            if kind == "button":
                state.id = self.buttons[label]
                state.trigger_value = True
            elif kind == "player":  # the player's button `label` reports its last frame
                element_id, data = self.player[label]
                state.id = f"{STREAMLIT_INTERNAL_KEY_PREFIX}_{element_id}__events"  # its trigger
                press = {"action": "end", "frame": data["frames_count"] - 1}
                state.json_trigger_value = json.dumps([{"event": "press", "value": press}])
            else:
                state.id = self.segmented[label]
                state.string_array_value.data.append(label)
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        errors = []
        while True:
            data = await asyncio.wait_for(self.ws.recv(), timeout)
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                errors.extend(self._read_element(forward.delta.new_element))
            elif kind == "page_info_changed":
                self.query = forward.page_info_changed.query_string
            elif kind == "navigation":
                self.page_hash = forward.navigation.page_script_hash
            elif kind == "auto_rerun":  # the browser would start a timer for this fragment
                self.auto_rerun = (forward.auto_rerun.interval, forward.auto_rerun.fragment_id)
            elif kind == "stop_auto_rerun":
                self.auto_rerun = None
            elif kind == "script_finished":
                if forward.script_finished != FINISHED_EARLY_FOR_RERUN:
                    return time.perf_counter() - started, errors

    def _read_element(self, element) -> list[str]:
        kind = element.WhichOneof("type")
        if kind == "progress":
            self.progress_updates += 1
        elif kind == "button":
            self.buttons[element.button.label] = element.button.id
        elif kind == "bidi_component" and element.bidi_component.component_name == "lgl_player":
            key = element.bidi_component.id.rsplit("-", 1)[-1]
            self.player[key] = (element.bidi_component.id, json.loads(element.bidi_component.json))
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


@contextlib.asynccontextmanager
async def opened(client: Client, result: SessionResult, silence: str):
    """The client connected and its page loaded (replica, load time and errors in `result`);
    what the session then does runs inside. A timeout is recorded as `silence`, a lost or
    refused connection as its error; the connection is closed either way."""
    try:
        await client.connect()
        result.replica = client.replica
        result.load_s, errors = await client.rerun()
        result.errors += errors
        yield
    except TimeoutError:
        result.errors.append(silence)
    except (websockets.WebSocketException, OSError, KeyError) as error:
        result.errors.append(f"{type(error).__name__}: {error}")
    finally:
        await client.close()


async def student(
    url: str,
    scenario: Scenario,
    deadline: float,
    interval: float,
    rng: random.Random,
    result: SessionResult,
) -> SessionResult:
    client = Client(url, scenario)
    async with opened(client, result, f"no script_finished within {CLIENT_TIMEOUT_S:.0f} s"):
        step = 0
        while True:
            pause = interval * rng.uniform(0.5, 1.5)
            if time.perf_counter() + pause >= deadline:
                break
            try:
                await client.idle(pause)
                change = scenario.changes[step % len(scenario.changes)]
                step += 1
                seconds, errors = await client.rerun(change)
                result.latencies.append(seconds)
                result.errors += errors
            except websockets.ConnectionClosed:
                dropped = time.perf_counter()
                result.dropped_from.append(client.replica)
                result.errors += await client.reconnect(dropped + RECOVERY_TIMEOUT_S)
                result.recovery_s.append(time.perf_counter() - dropped)
                result.replica = client.replica
    return result


TRAINING = Scenario("training_lab", ())


async def trainer(url: str, seed: int, delay: float, result: SessionResult) -> SessionResult:
    """A student who opens the training lab with their own seed and presses Train once, `delay`
    seconds into the level, then waits for the results (the page shows progress meanwhile)."""
    client = Client(url, TRAINING)
    client.query = f"lang=en&tr_seed={seed}"
    await asyncio.sleep(delay)
    async with opened(client, result, f"a training run sent nothing for {TRAIN_TIMEOUT_S:.0f} s"):
        client.progress_updates = 0
        result.trained_s, errors = await client.rerun(("button", TRAIN_LABEL), TRAIN_TIMEOUT_S)
        result.errors += errors
        result.progress_updates = client.progress_updates
    return result


STEPPER = Scenario("sequence_stepper", ())
PLAY_LABEL = "▶ Play"
PAUSE_KEY = "sq_pause"  # the player's ‖ Pause, whose instance runs the browser's clock


async def player(
    url: str, delay: float, deadline: float, result: SessionResult, speed: int = 0
) -> SessionResult:
    """A student who opens the stepper, presses ▶ Play `delay` seconds into the level and
    watches (at `speed` steps a second, 0: the page's default), as the browser does: Play is one
    run (timed), the frames play for as long as they last with nothing sent, then the end is
    one more run (timed); then Play again, until the level ends."""
    client = Client(url, STEPPER)
    if speed:
        client.query += f"&sq_fps={speed}"
    await asyncio.sleep(delay)
    async with opened(client, result, f"a run sent nothing for {CLIENT_TIMEOUT_S:.0f} s"):
        started = time.perf_counter()
        while time.perf_counter() < deadline:
            client.player.clear()
            seconds, errors = await client.rerun(("button", PLAY_LABEL))
            result.tick_s.append(seconds)
            result.errors += errors
            if PAUSE_KEY not in client.player:
                result.errors.append("Play sent no player")
                break
            data = client.player[PAUSE_KEY][1]
            playing = (data["frames_count"] - 1) / data["fps"]
            await client.idle(max(0.0, min(playing, deadline - time.perf_counter())))
            if time.perf_counter() >= deadline:
                break
            seconds, errors = await client.rerun(("player", PAUSE_KEY))
            result.tick_s.append(seconds)
            result.errors += errors
        result.played_s = time.perf_counter() - started
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


class Servers:
    """The server processes being measured: resident memory (summed) and CPU seconds. A
    replica that is killed keeps the CPU it used until its last sample; one started in its
    place is counted from its first."""

    def __init__(self, pids):
        self.pids = pids  # a callable returning the current pids
        self.cpu: dict[int, tuple[float, float]] = {}  # pid -> (first, last) CPU seconds
        self.rss_mb = self.peak_mb = 0.0
        self.sample()
        self.start_mb = self.rss_mb

    def sample(self) -> None:
        rss = 0.0
        for pid in self.pids():
            try:
                cpu, mb = cpu_seconds(pid), read_rss_mb(pid)
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
            self.cpu[pid] = (self.cpu.get(pid, (cpu, cpu))[0], cpu)
            rss += mb
        self.rss_mb = rss
        self.peak_mb = max(self.peak_mb, rss)

    def reset_cpu(self) -> None:
        self.cpu = {pid: (last, last) for pid, (_, last) in self.cpu.items()}

    def cpu_seconds(self) -> float:
        return sum(last - first for first, last in self.cpu.values())

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.sample()
            try:
                await asyncio.wait_for(stop.wait(), 0.2)
            except TimeoutError:
                pass


async def warm_up(url: str, replicas: list[str | None]) -> None:
    """Load every page and make each change once on every replica (sent to it by its cookie),
    so imports and caches are not measured."""
    for replica in replicas:
        for scenario in SCENARIOS:
            client = Client(url, scenario, {COOKIE: replica} if replica else None)
            try:
                await client.connect()
                await client.rerun()
                for change in scenario.changes:
                    await client.rerun(change)
            finally:
                await client.close()


async def kill_busiest(
    after: float, results: list[SessionResult], deployment: Deployment, kills: list[dict]
) -> None:
    """After `after` seconds, SIGKILL the replica that serves the most sessions."""
    await asyncio.sleep(after)
    serving = [r.replica for r in results if r.replica is not None]
    victim = max(sorted(set(serving)), key=serving.count)
    os.kill(deployment.replica_pids()[victim], signal.SIGKILL)
    kills.append({"replica": victim, "sessions": serving.count(victim), "of": len(serving)})


async def run_level(
    n: int,
    seconds: float,
    interval: float,
    seed: int,
    target: str | int | Deployment,
    kill_after: float,
    trainers: int = 0,
    players: int = 0,
    play_speed: int = 0,
) -> dict:
    """One level: N sessions for `seconds` against `target`: a URL, a number of replicas
    (0: one plain `streamlit run`; K >= 1: deploy/run.sh with K replicas, stopped afterwards),
    or a running Deployment (tests/test_deploy.py), left running."""
    process = deployment = servers = None
    own = True
    if isinstance(target, Deployment):
        deployment, own = target, False
        target = len(deployment.replica_pids())
    if isinstance(target, str):
        url, names = target, [None]
    elif target == 0:
        process, url = start_app()
        names = [None]
        servers = Servers(lambda: [process.pid])
    else:
        if own:
            deployment = Deployment(target)
            deployment.wait_for_line("ready:")
        url, names = deployment.url, sorted(deployment.replica_pids())
        servers = Servers(lambda: list(deployment.replica_pids().values()))
    kills: list[dict] = []
    try:
        await warm_up(url, names)
        stop = asyncio.Event()
        if servers is not None:
            servers.sample()
            servers.start_mb = servers.peak_mb = servers.rss_mb
            servers.reset_cpu()
            sampler = asyncio.create_task(servers.run(stop))
        wall_before = time.perf_counter()
        client_before = time.process_time()
        deadline = time.perf_counter() + seconds
        rngs = [random.Random(seed * 1000 + i) for i in range(n)]
        results = [SessionResult(SCENARIOS[i % len(SCENARIOS)].url_path) for i in range(n)]

        async def delayed(i: int) -> SessionResult:
            await asyncio.sleep(rngs[i].uniform(0, 1.0))  # the class opens the app within ~1 s
            scenario = SCENARIOS[i % len(SCENARIOS)]
            return await student(url, scenario, deadline, interval, rngs[i], results[i])

        tasks = [delayed(i) for i in range(n)]
        trained = [SessionResult(TRAINING.url_path) for _ in range(trainers)]
        rng = random.Random(seed)
        for k, result in enumerate(trained):
            tasks.append(trainer(url, 100 + k, rng.uniform(0, TRAIN_WITHIN_S), result))
        played = [SessionResult(STEPPER.url_path) for _ in range(players)]
        for result in played:
            delay = rng.uniform(0, TRAIN_WITHIN_S)
            tasks.append(player(url, delay, deadline, result, play_speed))
        if kill_after and deployment is not None:
            tasks.append(kill_busiest(kill_after, results, deployment, kills))
        limit = seconds + 4 * CLIENT_TIMEOUT_S + (TRAIN_TIMEOUT_S if trainers else 0)
        await asyncio.wait_for(asyncio.gather(*tasks), limit)
        wall = time.perf_counter() - wall_before
        client_cpu = (time.process_time() - client_before) / wall
        stop.set()
        if servers is not None:
            await sampler
            servers.sample()
    finally:
        stderr = ""
        if process is not None:
            stderr = stop_app(process)
        if deployment is not None and own:
            deployment.stop()
            stderr = "\n".join(deployment.errors)
    latencies = sorted(s for r in results for s in r.latencies)
    loads = sorted(r.load_s for r in results if r.load_s is not None)
    errors = [e for r in results + trained + played for e in r.errors]
    ticks = sorted(s for r in played for s in r.tick_s)  # each run a player caused
    rates = sorted(len(r.tick_s) / r.played_s for r in played if r.played_s)
    train_s = sorted(r.trained_s for r in trained if r.trained_s is not None)
    if "Traceback" in stderr:
        errors.append("server stderr has a traceback: " + stderr[-500:])
    dropped = [r for r in results if r.dropped_from]
    recovery = sorted(s for r in results for s in r.recovery_s)
    nan = float("nan")
    return {
        "n": n,
        "target": target,
        "trainers": trainers,
        "players": players,
        "player_runs": len(ticks),
        "player_run_p50_s": percentile(ticks, 50),
        "player_run_p95_s": percentile(ticks, 95),
        "player_runs_per_s_max": rates[-1] if rates else nan,
        "player_runs_per_s_p50": percentile(rates, 50),
        "trainings_finished": len(train_s),
        "train_p50_s": percentile(train_s, 50),
        "train_max_s": train_s[-1] if train_s else nan,
        "progress_updates_min": min((r.progress_updates for r in trained), default=0),
        "kill": kills[0] if kills else None,
        "dropped": len(dropped),
        "recovered": sum(len(r.recovery_s) == len(r.dropped_from) for r in dropped),
        "recovery_p50_s": percentile(recovery, 50),
        "recovery_max_s": recovery[-1] if recovery else nan,
        "interactions": len(latencies),
        "p50_s": percentile(latencies, 50),
        "p95_s": percentile(latencies, 95),
        "max_s": latencies[-1] if latencies else float("nan"),
        "load_p50_s": percentile(loads, 50),
        "load_p95_s": percentile(loads, 95),
        "errors": errors,
        "rss_start_mb": servers.start_mb if servers else nan,
        "rss_peak_mb": servers.peak_mb if servers else nan,
        "rss_end_mb": servers.rss_mb if servers else nan,
        "server_cpu_cores": servers.cpu_seconds() / wall if servers else nan,
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


def label(r: dict) -> str:
    """How a row was served: "1 server", "2 replicas", or the URL."""
    target = r["target"]
    if isinstance(target, str):
        return target
    return "1 server" if target == 0 else f"{target} replica{'s' * (target > 1)}"


def key(r: dict) -> str:
    """The JSON prefix of a row: n40 (one server), r2_n40 (2 replicas), url_n40."""
    target = r["target"]
    prefix = "url_" if isinstance(target, str) else "" if target == 0 else f"r{target}_"
    trainers = f"_t{r['trainers']}" if r.get("trainers") else ""
    players = f"_p{r['players']}" if r.get("players") else ""
    return f"{prefix}n{r['n']}{trainers}{players}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", default="10,20,40", help="comma-separated N values")
    parser.add_argument("--seconds", type=float, default=30.0, help="duration of each level")
    parser.add_argument("--interval", type=float, default=3.0, help="mean pause between changes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--replicas", default="", help="comma-separated replica counts: run each level through "
        "deploy/run.sh (HAProxy) with that many replicas (needs haproxy)",
    )  # fmt: skip
    parser.add_argument("--url", default="", help="drive this running server (e.g. a balancer)")
    parser.add_argument(
        "--kill-after", type=float, default=0.0,
        help="seconds into each level to SIGKILL the busiest replica (with --replicas)",
    )  # fmt: skip
    parser.add_argument(
        "--trainers", type=int, default=0,
        help="K of each level's N sessions press Train in the training lab; the other N - K "
        "are measured with and without them",
    )  # fmt: skip
    parser.add_argument(
        "--players", type=int, default=0,
        help="K of each level's N sessions open the stepper and press Play (one run sends the "
        "frames, the browser plays them); the other N - K are measured with and without",
    )  # fmt: skip
    parser.add_argument(
        "--play-speed", type=int, default=0, choices=(0, 1, 2, 5, 10),
        help="the players' speed in steps a second (0: the page's default)",
    )  # fmt: skip
    args = parser.parse_args()
    levels = [int(n) for n in args.sessions.split(",") if n.strip()]
    if not levels or min(levels) < 1 or max(levels) > 200:
        parser.error("--sessions: between 1 and 200 sessions per level")
    if not 1 <= args.seconds <= 600 or not 0.2 <= args.interval <= 60:
        parser.error("--seconds in 1 … 600, --interval in 0.2 … 60")
    targets: list[str | int] = [0]
    if args.url:
        if not args.url.startswith(("http://", "https://")) or args.replicas:
            parser.error("--url: an http(s):// address, and not together with --replicas")
        targets = [args.url.rstrip("/")]
    elif args.replicas:
        targets = [int(k) for k in args.replicas.split(",") if k.strip()]
        if min(targets) < 1 or max(targets) > 16:
            parser.error("--replicas: 1 to 16")
    if not 0 <= args.trainers < min(levels) or not 0 <= args.players < min(levels):
        parser.error("--trainers, --players: from 0 to fewer than the smallest level's sessions")
    if args.trainers and args.players:
        parser.error("--trainers or --players, one at a time")
    if args.kill_after and not (args.replicas and 0 < args.kill_after < args.seconds):
        parser.error("--kill-after needs --replicas and a time within --seconds")

    print(f"load average before: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} CPUs")
    print(
        f"each level: {args.seconds:.0f} s, one change every {args.interval:.1f} s (±50 %) per "
        f"session; pages dealt in turn: {', '.join(s.url_path for s in SCENARIOS)}"
    )
    rows = []
    pairs = []  # (the students alone, the same students with K trainers)
    for target in targets:
        for n in levels:
            others = args.trainers or args.players  # K sessions training or playing
            doing = "playing" if args.players else "training"
            for k in [0, others] if others else [0]:
                students = n - others
                trainers, players = (k, 0) if args.trainers else (0, k)
                row = asyncio.run(
                    run_level(
                        students, args.seconds, args.interval, args.seed, target,
                        args.kill_after, trainers, players, args.play_speed,
                    )
                )  # fmt: skip
                rows.append(row)
                print(
                    f"  {label(row)}, N={students}+{k} {doing}: "
                    f"{row['interactions']} interactions, p95 {row['p95_s'] * 1000:.0f} ms, "
                    f"{len(row['errors'])} errors",
                    flush=True,
                )
            if others:
                pairs.append((rows[-2], rows[-1]))

    print()
    header = (
        f"{'served by':>10} {'N':>4} {'changes':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
        f"{'load p50':>9} {'load p95':>9} {'errors':>7} {'RSS start':>10} {'RSS peak':>9} "
        f"{'srv CPU':>8} {'load CPU':>9}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{label(r):>10} {r['n']:>4} {r['interactions']:>8} {r['p50_s'] * 1000:>8.0f} "
            f"{r['p95_s'] * 1000:>8.0f} {r['max_s'] * 1000:>8.0f} {r['load_p50_s'] * 1000:>9.0f} "
            f"{r['load_p95_s'] * 1000:>9.0f} {len(r['errors']):>7} {r['rss_start_mb']:>8.0f}MB "
            f"{r['rss_peak_mb']:>7.0f}MB {r['server_cpu_cores'] * 100:>7.0f}% "
            f"{r['client_cpu_cores'] * 100:>8.0f}%"
        )
    for r in rows:
        if r["kill"] is None and not r["dropped"]:
            continue
        kill = r["kill"] or {"replica": "none", "sessions": 0, "of": r["n"]}
        print(
            f"\n{label(r)}, N={r['n']}: killed {kill['replica']} at {args.kill_after:.0f} s, "
            f"serving {kill['sessions']} of {kill['of']} sessions; {r['dropped']} sessions "
            f"dropped, {r['recovered']} recovered (page drawn again from its URL) in "
            f"{r['recovery_p50_s']:.2f} s (median), {r['recovery_max_s']:.2f} s (max)"
        )
    print("\np95 per page (ms): ")
    for r in rows:
        parts = ", ".join(f"{page} {p95 * 1000:.0f}" for page, p95 in r["by_page"].items())
        print(f"  {label(r)}, N={r['n']}: {parts}")
    for r in rows:
        for error in sorted(set(r["errors"]))[:5]:
            print(f"  {label(r)}, N={r['n']} error: {error}")
    print(f"load average after: {os.getloadavg()[0]:.2f} (1 min)")
    for r in rows:
        if r["n"] == 40:
            verdict = "meets" if r["p95_s"] < TARGET_P95_S else "misses"
            print(
                f"target: p95 < {TARGET_P95_S * 1000:.0f} ms at N = 40 ({label(r)}): "
                f"{verdict} it ({r['p95_s'] * 1000:.0f} ms)"
            )

    for alone, busy in pairs:
        ratio = busy["p95_s"] / alone["p95_s"]
        if busy["players"]:
            print(
                f"\n{label(busy)}: {busy['n']} students clicking while {busy['players']} others "
                f"play the stepper: p95 {busy['p95_s'] * 1000:.0f} ms against "
                f"{alone['p95_s'] * 1000:.0f} ms with nobody playing ({ratio:.2f}×). The "
                f"players' runs (Play pressed, the end reached): {busy['player_runs']}, each "
                f"{busy['player_run_p50_s'] * 1000:.0f} ms (median), "
                f"{busy['player_run_p95_s'] * 1000:.0f} ms (p95) from sent to finished; runs a "
                f"second per player {busy['player_runs_per_s_p50']:.3f} (median), "
                f"{busy['player_runs_per_s_max']:.3f} (most); server CPU "
                f"{busy['server_cpu_cores'] * 100:.0f}% against "
                f"{alone['server_cpu_cores'] * 100:.0f}%."
            )
            continue
        verdict = "meets" if ratio <= TARGET_TRAINING_RATIO else "misses"
        print(
            f"\n{label(busy)}: {busy['n']} students clicking while {busy['trainers']} others "
            f"train: p95 {busy['p95_s'] * 1000:.0f} ms against {alone['p95_s'] * 1000:.0f} ms "
            f"with nobody training ({ratio:.2f}×; target ≤ {TARGET_TRAINING_RATIO}×: {verdict} "
            f"it). Trainings finished: {busy['trainings_finished']} of {busy['trainers']}, "
            f"Train → results {busy['train_p50_s']:.1f} s (median), {busy['train_max_s']:.1f} s "
            f"(max); every trainer saw at least {busy['progress_updates_min']} progress updates."
        )

    figures: dict = {"seconds_per_level": args.seconds, "interval_s": args.interval}
    for r in rows:
        k = key(r)
        figures |= {
            f"{k}_interactions": r["interactions"],
            f"{k}_p50_ms": round(r["p50_s"] * 1000, 1),
            f"{k}_p95_ms": round(r["p95_s"] * 1000, 1),
            f"{k}_max_ms": round(r["max_s"] * 1000, 1),
            f"{k}_load_p95_ms": round(r["load_p95_s"] * 1000, 1),
            f"{k}_errors": len(r["errors"]),
            f"{k}_rss_peak_mb": round(r["rss_peak_mb"], 1),
            f"{k}_server_cpu_percent": round(r["server_cpu_cores"] * 100, 1),
            f"{k}_load_generator_cpu_percent": round(r["client_cpu_cores"] * 100, 1),
        }
        if r["players"]:
            figures |= {
                f"{k}_player_runs": r["player_runs"],
                f"{k}_player_run_p95_ms": round(r["player_run_p95_s"] * 1000, 1),
                f"{k}_player_runs_per_s_p50": round(r["player_runs_per_s_p50"], 3),
            }
        if r["trainers"]:
            figures |= {
                f"{k}_trainings_finished": r["trainings_finished"],
                f"{k}_train_p50_s": round(r["train_p50_s"], 2),
                f"{k}_train_max_s": round(r["train_max_s"], 2),
                f"{k}_progress_updates_min": r["progress_updates_min"],
            }
        if r["kill"] is not None or r["dropped"]:
            figures |= {
                f"{k}_killed_replica_sessions": (r["kill"] or {}).get("sessions", 0),
                f"{k}_sessions_dropped": r["dropped"],
                f"{k}_sessions_recovered": r["recovered"],
                f"{k}_recovery_p50_s": round(r["recovery_p50_s"], 2),
                f"{k}_recovery_max_s": round(r["recovery_max_s"], 2),
            }
    for alone, busy in pairs:
        figures[f"{key(busy)}_p95_ratio"] = round(busy["p95_s"] / alone["p95_s"], 2)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
