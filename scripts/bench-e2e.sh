#!/usr/bin/env bash
# End to end over loopback (BENCHMARKS.md budget 3): `agentdeck-fleet --scenario stream`: 200 agents
# (all A2A 1.0, so ListTasks finds every task) and 1,000 concurrent tasks that each stream for
# minutes (1,000 steps; RATE status updates per second across the fleet plus as many artifact
# chunks: 10,000 events/s at the default RATE). The real dashboard runs in a 120x40 tmux pane and
# follows them: it discovers the tasks by ListTasks and subscribes to each. Prints one figure a line:
#   e2e_connections: TCP connections the dashboard holds to the fleet (ss): its streams plus ~1 per agent
#   e2e_events_per_s: SSE events the fleet's servers handed to the dashboard's connections per
#       second (the load driver reads its own tasks in-process, so every one went to the dashboard);
#       a dashboard that falls behind stops reading, the connections push back, and this falls
#   e2e_fleet_cpu: the fleet's CPU (on a 2-core machine it competes with the dashboard)
#   e2e_us_per_event: CPU time per delivered event, dashboard and fleet (scales to other rates)
#   e2e_cpu: the dashboard's CPU (all threads, /proc/<pid>/task/*/schedstat) over the window
#   e2e_rss_series: its RSS every 5 s over the window (a growing backlog shows here)
#   e2e_unread_kb_series: bytes waiting unread in its sockets every 5 s (ss Recv-Q): flat and
#       small when it keeps up, growing when it falls behind
#   e2e_key_ms_{median,p95,max}: `?` sent with tmux send-keys until the help overlay's text
#       reaches the pane (KEY_SAMPLES samples spread over the window), then `?` again to close it
#   e2e_key_floor_ms_{median,p95,max}: the same measurement, in the same window, against a pane
#       whose program answers each key with the awaited text at once (a few lines of Python):
#       what tmux send-keys, tmux and the poll cost on this machine under this load
#   e2e_key_split_*: with LOOP_TRACE=1, where each key's time went, from the dashboard's own
#       timestamps (AGENTDECK_LOOP_TRACE): send→read (tmux, scheduling, a wake-up batch in
#       progress), read→frame start (other work, the frame throttle), the frame, frame→seen
#       (tmux, pipe-pane, the poll); median and p95 of each
# BIN=directory holding agentdeck and agentdeck-fleet. Bounded: the fleet stops itself.
# SCENARIO=load: the round-2 load instead (tasks of 10 steps, found by ListTasks every 10 s).
set -euo pipefail
BIN=${BIN:-.build-perf-release/release}
BIN=$(cd "$BIN" && pwd)
AGENTS=${AGENTS:-200}
TASKS=${TASKS:-1000}
RATE=${RATE:-5000}
SCENARIO=${SCENARIO:-stream}
SECONDS_MEASURED=${SECONDS_MEASURED:-30}
KEY_SAMPLES=${KEY_SAMPLES:-20}
WARMUP=${WARMUP:-20}
work=$(mktemp -d /tmp/agentdeck-e2e.XXXXXX)
sock="agentdeck-e2e-$$"
source "$(dirname "$0")/bench-lib.sh"

: >"$work/urls"  # exists before the background fleet opens it (the wait loop reads it)
"$BIN/agentdeck-fleet" --scenario "$SCENARIO" --agents "$AGENTS" --tasks "$TASKS" --rate "$RATE" --stats \
  --duration $((WARMUP + SECONDS_MEASURED + 30)) >"$work/urls" 2>"$work/fleet.err" &
fleet_pid=$!
for _ in $(seq 200); do [[ $(wc -l <"$work/urls") -ge $AGENTS ]] && break; sleep 0.1; done
[[ $(wc -l <"$work/urls") -ge $AGENTS ]] || { echo "fleet did not start: $(cat "$work/fleet.err")" >&2; exit 1; }
urls=$(tr '\n' ' ' <"$work/urls")
events_written() { grep '^sse_events_written ' "$work/fleet.err" | tail -1 | awk '{print $2}'; }
# Established connections from the dashboard: every stream holds one (card polls reuse theirs).
connections() { ss -tnp state established 2>/dev/null | grep -c "pid=$1," || true; }
# Bytes waiting unread in the dashboard's sockets: a console that falls behind leaves them there.
backlog_kb() { ss -tnp state established 2>/dev/null | awk -v p="pid=$1," 'index($0, p) { s += $1 } END { printf "%.0f", s / 1024 }'; }

tmux -L "$sock" -f /dev/null new-session -d -s main -x 120 -y 40 \
  "exec env LANG=C.UTF-8 AGENTDECK_LOOP_TRACE='${LOOP_TRACE:+$work/trace}' '$BIN/agentdeck' --poll-interval 2 $urls"
tmux -L "$sock" pipe-pane -t main -o "cat >> '$work/out'"
pid=$(tmux -L "$sock" list-panes -t main -F '#{pane_pid}')
# The floor: a program that answers a key with the awaited text and does nothing else.
tmux -L "$sock" new-session -d -s floor -x 120 -y 40 "exec python3 -c '
import os, tty
tty.setraw(0)
while os.read(0, 1):
    os.write(1, b\"toggle this help\\r\\n\")
'"
tmux -L "$sock" pipe-pane -t floor -o "cat >> '$work/floor-out'"
sleep "$WARMUP"  # cards, the first ListTasks pages and their subscriptions
# PERF=file: also profile the dashboard during the window (perf record -g).
[[ -n "${PERF:-}" ]] && { perf record -F 499 -g -o "$PERF" -p "$pid" -- sleep "$SECONDS_MEASURED" >/dev/null 2>&1 & }
# FLEET_PERF=file: the same for the fleet (what the load itself costs per event).
[[ -n "${FLEET_PERF:-}" ]] && { perf record -F 499 -g -o "$FLEET_PERF" -p "$fleet_pid" -- sleep "$SECONDS_MEASURED" >/dev/null 2>&1 & }
echo "e2e_connections: $(connections "$pid") (one per followed stream, plus about one kept alive per agent for polls)"
c0=$(cpu_ns "$pid"); f0=$(cpu_ns "$fleet_pid"); e0=$(events_written); s0=$(date +%s.%N)
rss="$(rss_mb "$pid")"
backlog="$(backlog_kb "$pid")"
( for _ in $(seq $((SECONDS_MEASURED / 5))); do sleep 5; rss_mb "$pid"; echo; backlog_kb "$pid" >>"$work/backlog"; echo >>"$work/backlog"; done >"$work/rss" ) &
rss_pid=$!
# Key latency samples spread over the window. One Python process sends each key and watches the
# pane's output (spawning a grep per poll would add more latency than it measures).
python3 - "$sock" "$work/out" "$SECONDS_MEASURED" "$KEY_SAMPLES" "$work/sends" "$work/floor-out" "$work/floor-keys" >"$work/keys" <<'PY'
import os, subprocess, sys, time
sock, out, seconds, samples = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
sends = open(sys.argv[5], "w")
floor_out, floor_keys = sys.argv[6], open(sys.argv[7], "w")
pause = seconds / (samples + 1) / 3

def measure(target, out):
    """Sends `?` to the pane and returns (sent, milliseconds until its answer shows), or None."""
    offset = os.path.getsize(out) if os.path.exists(out) else 0
    t0 = time.monotonic()
    subprocess.run(["tmux", "-L", sock, "send-keys", "-t", target, "?"], check=True)
    with open(out, "ab+") as f:
        f.seek(offset)
        seen = b""
        while time.monotonic() - t0 < 5:
            chunk = f.read()
            if chunk:
                seen += chunk
                if b"toggle this help" in seen:
                    return t0, (time.monotonic() - t0) * 1000
            else:
                time.sleep(0.0005)
    return None

for i in range(samples):
    time.sleep(pause)
    result = measure("main", out)
    print(f"{result[1]:.1f}" if result else "timeout", flush=True)
    if result:
        print(int(result[0] * 1e9), int((result[0] + result[1] / 1000) * 1e9), file=sends, flush=True)
    time.sleep(pause)
    subprocess.run(["tmux", "-L", sock, "send-keys", "-t", "main", "?"], check=True)
    time.sleep(pause)
    result = measure("floor", floor_out)
    print(f"{result[1]:.1f}" if result else "timeout", file=floor_keys, flush=True)
PY
wait "$rss_pid" 2>/dev/null || true
c1=$(cpu_ns "$pid"); f1=$(cpu_ns "$fleet_pid"); e1=$(events_written); s1=$(date +%s.%N)
awk -v e="$((e1 - e0))" -v a="$s0" -v b="$s1" 'BEGIN { printf "e2e_events_per_s: %.0f\n", e / (b - a) }'
awk -v c="$((c1 - c0))" -v a="$s0" -v b="$s1" 'BEGIN { printf "e2e_cpu: %.1f %% of one core\n", 100 * c / 1e9 / (b - a) }'
awk -v c="$((f1 - f0))" -v a="$s0" -v b="$s1" 'BEGIN { printf "e2e_fleet_cpu: %.1f %% of one core (the fleet producing the load, same machine)\n", 100 * c / 1e9 / (b - a) }'
# CPU per delivered event: the figure that scales to the budget's 10,000 events/s.
awk -v c="$((c1 - c0))" -v f="$((f1 - f0))" -v e="$((e1 - e0))" 'BEGIN { if (e > 0) printf "e2e_us_per_event: dashboard %.0f, fleet %.0f (CPU microseconds per delivered event)\n", c / 1e3 / e, f / 1e3 / e }'
echo "e2e_rss_series: $rss $(tr '\n' ' ' <"$work/rss")MB"
echo "e2e_unread_kb_series: $backlog $(tr '\n' ' ' <"$work/backlog")KB"
sort -n "$work/keys" | awk '
  /timeout/ { timeouts++; next }
  { v[n++] = $1 }
  END {
    if (n == 0) { print "e2e_key_ms: no sample"; exit }
    printf "e2e_key_ms_median: %.0f ms\n", v[int((n - 1) / 2)]
    printf "e2e_key_ms_p95: %.0f ms\n", v[int(0.95 * (n - 1) + 0.5)]
    printf "e2e_key_ms_max: %.0f ms\n", v[n - 1]
    printf "e2e_key_samples: %d (%d timed out)\n", n, timeouts
  }'
echo "e2e_key_ms_all: $(tr '\n' ' ' <"$work/keys")"
sort -n "$work/floor-keys" | awk '
  /timeout/ { next }
  { v[n++] = $1 }
  END { if (n > 0) printf "e2e_key_floor_ms_median: %.0f ms, p95 %.0f ms, max %.0f ms (a pane that answers at once, same window)\n", v[int((n - 1) / 2)], v[int(0.95 * (n - 1) + 0.5)], v[n - 1] }'

if [[ -n "${LOOP_TRACE:-}" ]]; then
  tmux -L "$sock" kill-server 2>/dev/null || true  # the dashboard flushes its trace as it ends
  sleep 1
  python3 "$(dirname "$0")/loop-trace-split.py" "$work/sends" "$work/trace"
fi
