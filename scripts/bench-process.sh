#!/usr/bin/env bash
# Process-level benchmarks against the real dashboard in tmux (BENCHMARKS.md budgets 4 and 6):
#   startup_first_bytes: exec of `agentdeck` to the first bytes tmux sees on the pane
#   idle_cpu / idle_bytes: 100 agents polled every 2 s, 20 s of (nearly) nothing happening
# Prints one figure per line. BIN=directory holding agentdeck and agentdeck-fleet.
set -euo pipefail
BIN=${BIN:-.build-perf-release/release}
AGENTS=${AGENTS:-100}
IDLE_SECONDS=${IDLE_SECONDS:-20}
work=$(mktemp -d /tmp/agentdeck-bench.XXXXXX)
sock="agentdeck-bench-$$"
source "$(dirname "$0")/bench-lib.sh"

# A fleet of idle agents: the load driver keeps ONE slow task (10 steps, 10 s apart) going.
"$BIN/agentdeck-fleet" --scenario load --agents "$AGENTS" --rate 0.1 --tasks 1 --duration 120 >"$work/urls" 2>"$work/fleet.err" &
fleet_pid=$!
for _ in $(seq 100); do [[ $(wc -l <"$work/urls") -ge $AGENTS ]] && break; sleep 0.1; done
[[ $(wc -l <"$work/urls") -ge $AGENTS ]] || { echo "fleet did not start: $(cat "$work/fleet.err")" >&2; exit 1; }
urls=$(tr '\n' ' ' <"$work/urls")

# The pane runs a shell that waits for pipe-pane to be attached, stamps the time, then execs.
cat >"$work/run.sh" <<SH
#!/bin/sh
while [ ! -e "$work/go" ]; do sleep 0.01; done
date +%s.%N >"$work/t0"
exec env LANG=C.UTF-8 "$PWD/$BIN/agentdeck" --poll-interval 2 $urls
SH
chmod +x "$work/run.sh"
tmux -L "$sock" -f /dev/null new-session -d -s main -x 120 -y 40 "$work/run.sh"
tmux -L "$sock" pipe-pane -t main -o "cat >> '$work/out'"
touch "$work/out"
sleep 0.3
touch "$work/go"
for _ in $(seq 2000); do [[ $(size_of "$work/out") -gt 0 ]] && break; sleep 0.001; done
t1=$(date +%s.%N)
t0=$(cat "$work/t0")
awk -v a="$t0" -v b="$t1" 'BEGIN { printf "startup_first_bytes: %.0f ms\n", (b - a) * 1000 }'

pid=$(tmux -L "$sock" list-panes -t main -F '#{pane_pid}')
sleep 5  # first card polls and the first ListTasks answers settle
# PERF=file: also profile the dashboard while it idles (perf record -g).
[[ -n "${PERF:-}" ]] && { perf record -F 999 -g -o "$PERF" -p "$pid" -- sleep "$IDLE_SECONDS" >/dev/null 2>&1 & }
c0=$(cpu_ticks "$pid"); b0=$(size_of "$work/out"); s0=$(date +%s.%N)
sleep "$IDLE_SECONDS"
c1=$(cpu_ticks "$pid"); b1=$(size_of "$work/out"); s1=$(date +%s.%N)
awk -v c="$((c1 - c0))" -v hz="$hz" -v a="$s0" -v b="$s1" 'BEGIN { printf "idle_cpu_%d_agents: %.2f %% of one core\n", '"$AGENTS"', 100 * c / hz / (b - a) }'
echo "idle_bytes_${IDLE_SECONDS}s: $((b1 - b0)) bytes"
echo "idle_rss: $(awk '/VmRSS/ {printf "%.1f", $2/1024}' /proc/$pid/status) MB"
