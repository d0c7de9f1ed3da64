#!/usr/bin/env bash
# The real dashboard's resident memory under load (BENCHMARKS.md budget 5, round 4): a load fleet
# (`--scenario load`) whose tasks the dashboard discovers and follows, in a 120x40 tmux pane, with
# `retainFinishedTasks: 10000`. Samples VmRSS every 2 s; prints the largest, the last, and VmHWM.
# BIN=directory holding agentdeck and agentdeck-fleet (FLEET_BIN overrides the fleet's).
# AGENTS, RATE, TASKS, SECONDS_RUN: the fleet's shape and how long to sample.
# EXTRA_ENV: more VAR=value words for the dashboard's environment (e.g. GLIBC_TUNABLES=glibc.malloc.arena_max=1).
set -euo pipefail
BIN=${BIN:-.build-memory-release/release}
FLEET_BIN=${FLEET_BIN:-$BIN}
AGENTS=${AGENTS:-200}
RATE=${RATE:-400}
TASKS=${TASKS:-200}
SECONDS_RUN=${SECONDS_RUN:-60}
work=$(mktemp -d)
sock="rss$$"
cleanup() {
  tmux -L "$sock" kill-server 2>/dev/null || true
  [[ -n "${fleet_pid:-}" ]] && kill "$fleet_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
"$FLEET_BIN/agentdeck-fleet" --scenario load --agents "$AGENTS" --rate "$RATE" --tasks "$TASKS" \
  --duration $((SECONDS_RUN + 30)) >"$work/urls" 2>"$work/fleet.err" &
fleet_pid=$!
for _ in $(seq 200); do [[ $(wc -l <"$work/urls") -ge $AGENTS ]] && break; sleep 0.1; done
[[ $(wc -l <"$work/urls") -ge $AGENTS ]] || { echo "fleet did not start: $(cat "$work/fleet.err")" >&2; exit 1; }
mkdir -p "$work/config/agentdeck" "$work/state"
echo "retainFinishedTasks: 10000" >"$work/config/agentdeck/config.yaml"
cat >"$work/run.sh" <<SH
#!/bin/sh
exec env LANG=C.UTF-8 ${EXTRA_ENV:-} XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" "$BIN/agentdeck" --poll-interval 2 $(tr '\n' ' ' <"$work/urls")
SH
chmod +x "$work/run.sh"
tmux -L "$sock" -f /dev/null new-session -d -s main -x 120 -y 40 "$work/run.sh"
sleep 1
pid=$(tmux -L "$sock" list-panes -t main -F '#{pane_pid}')
max=0
rss=0
for _ in $(seq $((SECONDS_RUN / 2))); do
  sleep 2
  rss=$(awk '/VmRSS/ {print $2}' /proc/"$pid"/status)
  ((rss > max)) && max=$rss
done
echo "dashboard_rss_max: $(awk -v k="$max" 'BEGIN { printf "%.1f", k / 1024 }') MB"
echo "dashboard_rss_last: $(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }') MB"
echo "dashboard_hwm: $(awk '/VmHWM/ {printf "%.1f", $2/1024}' /proc/"$pid"/status) MB"
echo "dashboard_tasks_seen: $(tmux -L "$sock" capture-pane -p -t main | head -3 | tr -s ' ' | cut -c1-110 | head -1)"
