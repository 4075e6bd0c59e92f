#!/usr/bin/env bash
# Serve LSTM Gate Lab from several replicas behind HAProxy, in the foreground:
#
#     bash deploy/run.sh [--replicas N] [--port P] [--address A] [--first-replica-port Q]
#
# N Streamlit replicas (default: one per core) listen on 127.0.0.1:Q, Q+1, ... (default Q = P+1);
# HAProxy listens on A:P (default 0.0.0.0:8500) and sends each browser to one replica by cookie
# (deploy/haproxy.cfg). A replica that exits is started again after a few seconds; its students
# reconnect through the balancer to a live replica meanwhile. SIGTERM or Ctrl-C stops everything.
#
# Installs nothing: it needs `haproxy` (Debian: apt-get install haproxy) and a Python with the
# app's requirements (the one on PATH as python3, or $PYTHON).
set -euo pipefail
cd "$(dirname "$0")/.."

replicas=$(nproc 2>/dev/null || echo 2)
port=8500
address=0.0.0.0
first_replica_port=""
python=${PYTHON:-python3}
restart_delay=3

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --replicas) replicas=$2; shift 2 ;;
        --port) port=$2; shift 2 ;;
        --address) address=$2; shift 2 ;;
        --first-replica-port) first_replica_port=$2; shift 2 ;;
        -h | --help) usage ;;
        *) echo "run.sh: unknown option $1" >&2; usage 2 >&2 ;;
    esac
done
first_replica_port=${first_replica_port:-$((port + 1))}
if ! [[ $replicas =~ ^[0-9]+$ && $replicas -ge 1 && $replicas -le 64 ]]; then
    echo "run.sh: --replicas must be 1 to 64" >&2; exit 2
fi
for p in "$port" "$first_replica_port"; do
    if ! [[ $p =~ ^[0-9]+$ && $p -ge 1 && $((p + replicas)) -le 65535 ]]; then
        echo "run.sh: ports must be numbers in 1..65535" >&2; exit 2
    fi
done
if ! command -v haproxy >/dev/null 2>&1; then
    echo "run.sh: haproxy is not installed (Debian: apt-get install haproxy)" >&2; exit 1
fi
if ! "$python" -c "import streamlit" 2>/dev/null; then
    echo "run.sh: $python cannot import streamlit (pip install -r requirements.txt)" >&2; exit 1
fi

# Only st.login's signed cookies use this secret; replicas share one so that they would agree.
export STREAMLIT_SERVER_COOKIE_SECRET=${STREAMLIT_SERVER_COOKIE_SECRET:-$("$python" -c \
    'import secrets; print(secrets.token_hex(32))')}

workdir=$(mktemp -d "${TMPDIR:-/tmp}/lstm-lab-deploy.XXXXXX")
declare -a pids=() ports=()
haproxy_pid=""

stop_all() {
    trap - INT TERM EXIT
    local all=("${pids[@]}")
    [[ -n $haproxy_pid ]] && all+=("$haproxy_pid")
    for pid in "${all[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for _ in $(seq 50); do  # up to 10 s for a clean stop, then kill what is left
        local alive=0
        for pid in "${all[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [[ $alive == 0 ]] && break
        sleep 0.2
    done
    for pid in "${all[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$workdir"
    echo "stopped"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

start_replica() {  # $1: index into ports/pids
    local i=$1
    "$python" -m streamlit run app.py \
        --server.headless true \
        --server.address 127.0.0.1 \
        --server.port "${ports[$i]}" \
        --server.fileWatcherType none \
        --browser.gatherUsageStats false >/dev/null &
    pids[i]=$!
    echo "replica app$((i + 1)) pid ${pids[$i]} on 127.0.0.1:${ports[$i]}"
}

for ((i = 0; i < replicas; i++)); do
    ports[i]=$((first_replica_port + i))
    start_replica "$i"
done

wait_healthy() {  # URL...: wait until each answers "ok" on /_stcore/health (at most 90 s)
    "$python" - "$@" <<'EOF'
import sys, time, urllib.request
deadline = time.monotonic() + 90
for url in sys.argv[1:]:
    while True:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            sys.exit(f"run.sh: {url} did not answer its health check within 90 s")
        time.sleep(0.25)
EOF
}

# A port that is taken or an app that does not start stops the launch here, with a message.
urls=()
for p in "${ports[@]}"; do urls+=("http://127.0.0.1:$p"); done
wait_healthy "${urls[@]}"

servers=()
for p in "${ports[@]}"; do servers+=("127.0.0.1:$p"); done
sh deploy/haproxy-config.sh "${servers[@]}" >"$workdir/haproxy.cfg"
LAB_BIND="$address:$port" haproxy -db -f "$workdir/haproxy.cfg" &
haproxy_pid=$!
echo "balancer pid $haproxy_pid on $address:$port -> ${servers[*]}"
wait_healthy "http://$([[ $address == 0.0.0.0 ]] && echo 127.0.0.1 || echo "$address"):$port"
echo "ready: http://$address:$port/ ($replicas replicas)"

# Supervise: the balancer must live; a replica that exits is started again.
declare -a died_at=()
while true; do
    sleep 1 &
    wait $! || true
    if ! kill -0 "$haproxy_pid" 2>/dev/null; then
        echo "run.sh: the balancer exited; stopping the replicas" >&2
        exit 1
    fi
    for ((i = 0; i < replicas; i++)); do
        if ! kill -0 "${pids[$i]}" 2>/dev/null; then
            now=$(date +%s)
            if [[ -z ${died_at[$i]:-} ]]; then
                died_at[i]=$now
                echo "replica app$((i + 1)) (pid ${pids[$i]}) exited; restarting in ${restart_delay} s"
            elif ((now - died_at[i] >= restart_delay)); then
                died_at[i]=""
                start_replica "$i"
            fi
        fi
    done
done
