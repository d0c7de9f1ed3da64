#!/usr/bin/env bash
# End to end over loopback (BENCHMARKS.md budget 3): agentdeck-fleet --scenario load with 200 agents
# and 1,000 concurrent tasks (RATE status updates per second, plus about as many artifact chunks),
# the real dashboard in a 120x40 tmux pane watching all of them. Prints one figure per line:
#   e2e_cpu: the dashboard's CPU (utime+stime from /proc) over the measuring window
#   e2e_rss_*: its RSS at the start and end of the window (a growing backlog shows here)
#   e2e_key_ms_*: `?` sent with tmux send-keys until the help overlay's text reaches the pane
#   e2e_watch_events_per_s: what `agentdeck watch` (same Deck, no terminal) receives on the same load
# BIN=directory holding agentdeck and agentdeck-fleet. Bounded: the fleet stops itself.
set -euo pipefail
BIN=${BIN:-.build-perf-release/release}
AGENTS=${AGENTS:-200}
TASKS=${TASKS:-1000}
RATE=${RATE:-5000}
SECONDS_MEASURED=${SECONDS_MEASURED:-20}
KEY_SAMPLES=${KEY_SAMPLES:-5}
work=$(mktemp -d /tmp/agentdeck-e2e.XXXXXX)
sock="agentdeck-e2e-$$"
source "$(dirname "$0")/bench-lib.sh"
now_ms() { date +%s%3N; }

start_fleet() {
  "$BIN/agentdeck-fleet" --scenario load --agents "$AGENTS" --tasks "$TASKS" --rate "$RATE" --duration "$1" \
    >"$work/urls" 2>"$work/fleet.err" &
  fleet_pid=$!
  for _ in $(seq 200); do [[ $(wc -l <"$work/urls") -ge $AGENTS ]] && break; sleep 0.1; done
  [[ $(wc -l <"$work/urls") -ge $AGENTS ]] || { echo "fleet did not start: $(cat "$work/fleet.err")" >&2; exit 1; }
}

# 1. The dashboard in tmux.
start_fleet $((SECONDS_MEASURED + 40))
urls=$(tr '\n' ' ' <"$work/urls")
tmux -L "$sock" -f /dev/null new-session -d -s main -x 120 -y 40 \
  "exec env LANG=C.UTF-8 '$PWD/$BIN/agentdeck' --poll-interval 2 $urls"
tmux -L "$sock" pipe-pane -t main -o "cat >> '$work/out'"
pid=$(tmux -L "$sock" list-panes -t main -F '#{pane_pid}')
sleep 15  # cards, the first ListTasks pages and their subscriptions
# PERF=file: also profile the dashboard during the window (perf record -g).
[[ -n "${PERF:-}" ]] && { perf record -F 499 -g -o "$PERF" -p "$pid" -- sleep "$SECONDS_MEASURED" >/dev/null 2>&1 & }
c0=$(cpu_ticks "$pid"); s0=$(date +%s.%N); r0=$(rss_mb "$pid")
echo "e2e_rss_start: $r0 MB"
# Key latency samples spread over the window: `?` opens the help, `?` closes it. One Python
# process sends each key and watches the pane's output (spawning a grep per poll would add more
# latency than it measures).
python3 - "$sock" "$work/out" "$SECONDS_MEASURED" "$KEY_SAMPLES" <<'PY'
import os, subprocess, sys, time
sock, out, seconds, samples = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
pause = seconds / (samples + 1) / 2
for i in range(1, samples + 1):
    time.sleep(pause)
    offset = os.path.getsize(out)
    t0 = time.monotonic()
    subprocess.run(["tmux", "-L", sock, "send-keys", "-t", "main", "?"], check=True)
    latency = None
    with open(out, "rb") as f:
        f.seek(offset)
        seen = b""
        while time.monotonic() - t0 < 5:
            chunk = f.read()
            if chunk:
                seen += chunk
                if b"toggle this help" in seen:
                    latency = (time.monotonic() - t0) * 1000
                    break
            else:
                time.sleep(0.0005)
    print(f"e2e_key_ms_{i}: {latency:.0f} ms" if latency is not None else f"e2e_key_ms_{i}: timeout", flush=True)
    time.sleep(pause)
    subprocess.run(["tmux", "-L", sock, "send-keys", "-t", "main", "?"], check=True)
PY
sleep 0.5
c1=$(cpu_ticks "$pid"); s1=$(date +%s.%N)
awk -v c="$((c1 - c0))" -v hz="$hz" -v a="$s0" -v b="$s1" 'BEGIN { printf "e2e_cpu: %.1f %% of one core\n", 100 * c / hz / (b - a) }'
echo "e2e_rss_end: $(rss_mb "$pid") MB"
awk -v b="$(size_of "$work/out")" -v a="$s0" -v e="$s1" 'BEGIN { printf "e2e_terminal_bytes_per_s: %.0f\n", b / (e - a) }'
tmux -L "$sock" kill-server 2>/dev/null || true
kill "$fleet_pid" 2>/dev/null || true
wait "$fleet_pid" 2>/dev/null || true

# 2. The same load through `agentdeck watch`: how many task events reach the Deck per second.
start_fleet $((SECONDS_MEASURED + 30))
"$BIN/agentdeck" watch $(cat "$work/urls") >"$work/watch.jsonl" 2>/dev/null &
watch_pid=$!
sleep 15
l0=$(wc -l <"$work/watch.jsonl"); s0=$(date +%s.%N); w0=$(cpu_ticks "$watch_pid")
sleep "$SECONDS_MEASURED"
l1=$(wc -l <"$work/watch.jsonl"); s1=$(date +%s.%N); w1=$(cpu_ticks "$watch_pid")
awk -v l="$((l1 - l0))" -v a="$s0" -v b="$s1" 'BEGIN { printf "e2e_watch_lines_per_s: %.0f\n", l / (b - a) }'
awk -v c="$((w1 - w0))" -v hz="$hz" -v a="$s0" -v b="$s1" 'BEGIN { printf "e2e_watch_cpu: %.1f %% of one core\n", 100 * c / hz / (b - a) }'
echo "e2e_watch_rss: $(rss_mb "$watch_pid") MB"
