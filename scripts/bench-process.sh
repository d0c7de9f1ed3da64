#!/usr/bin/env bash
# Process-level benchmarks against the real dashboard in tmux (BENCHMARKS.md budgets 4 and 6):
#   startup_first_bytes: exec of `agentdeck` to the first bytes tmux sees on the pane
#   idle_cpu / idle_bytes / idle_wakeups: 100 agents polled every 2 s, nothing happening
# Prints one figure per line. BIN=directory holding agentdeck and agentdeck-fleet.
# FLEET=idle (default): `--scenario idle`, no task anywhere (the budget's case).
# FLEET=load1: the round-2 setup, where the load driver keeps ONE slow task going.
# SETTLE=seconds before the idle window (default 5: the first polls and ListTasks answers).
#   SETTLE=35 measures past the first 30 s health interval, after which the poll figures on
#   screen only move at interval boundaries (before it they show the running interval's polls).
# KEEP=dir: keep the bytes the pane received during the idle window in dir/idle-bytes.
set -euo pipefail
BIN=${BIN:-.build-perf-release/release}
BIN=$(cd "$BIN" && pwd)  # the pane's shell starts elsewhere
AGENTS=${AGENTS:-100}
IDLE_SECONDS=${IDLE_SECONDS:-30}
FLEET=${FLEET:-idle}
work=$(mktemp -d /tmp/agentdeck-bench.XXXXXX)
sock="agentdeck-bench-$$"
source "$(dirname "$0")/bench-lib.sh"

case "$FLEET" in
  idle) fleet_args=(--scenario idle) ;;
  # The load driver keeps ONE slow task (10 steps, 10 s apart) going.
  load1) fleet_args=(--scenario load --rate 0.1 --tasks 1) ;;
  *) echo "FLEET must be idle or load1" >&2; exit 2 ;;
esac
"$BIN/agentdeck-fleet" "${fleet_args[@]}" --agents "$AGENTS" --duration $((IDLE_SECONDS + ${SETTLE:-5} + 55)) >"$work/urls" 2>"$work/fleet.err" &
fleet_pid=$!
for _ in $(seq 100); do [[ $(wc -l <"$work/urls") -ge $AGENTS ]] && break; sleep 0.1; done
[[ $(wc -l <"$work/urls") -ge $AGENTS ]] || { echo "fleet did not start: $(cat "$work/fleet.err")" >&2; exit 1; }
urls=$(tr '\n' ' ' <"$work/urls")

# The pane runs a shell that waits for pipe-pane to be attached, stamps the time, then execs.
cat >"$work/run.sh" <<SH
#!/bin/sh
while [ ! -e "$work/go" ]; do sleep 0.01; done
date +%s.%N >"$work/t0"
exec env LANG=C.UTF-8 "$BIN/agentdeck" --poll-interval 2 $urls
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
sleep "${SETTLE:-5}"  # first card polls and the first ListTasks answers settle
# PERF=file: also profile the dashboard while it idles (perf record -g).
[[ -n "${PERF:-}" ]] && { perf record -F 999 -g -o "$PERF" -p "$pid" -- sleep "$IDLE_SECONDS" >/dev/null 2>&1 & }
c0=$(cpu_ns "$pid"); w0=$(wakeups "$pid"); b0=$(size_of "$work/out"); s0=$(date +%s.%N)
sleep "$IDLE_SECONDS"
c1=$(cpu_ns "$pid"); w1=$(wakeups "$pid"); b1=$(size_of "$work/out"); s1=$(date +%s.%N)
awk -v c="$((c1 - c0))" -v a="$s0" -v b="$s1" 'BEGIN { printf "idle_cpu_%d_agents: %.3f %% of one core\n", '"$AGENTS"', 100 * c / 1e9 / (b - a) }'
awk -v w="$((w1 - w0))" -v a="$s0" -v b="$s1" 'BEGIN { printf "idle_wakeups_per_s: %.1f\n", w / (b - a) }'
echo "idle_bytes_${IDLE_SECONDS}s: $((b1 - b0)) bytes"
if [[ -n "${KEEP:-}" ]]; then mkdir -p "$KEEP"; tail -c +"$((b0 + 1))" "$work/out" | head -c "$((b1 - b0))" >"$KEEP/idle-bytes"; fi
echo "idle_rss: $(awk '/VmRSS/ {printf "%.1f", $2/1024}' /proc/$pid/status) MB"
