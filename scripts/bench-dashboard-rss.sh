#!/usr/bin/env bash
# The real dashboard's resident memory under load (BENCHMARKS.md budget 5). Default (round 5):
# `agentdeck-fleet --scenario churn`: 200 agents, all 1.0, finishing short tasks (4 steps 3 s
# apart, 12 s each, longer than the console's 10 s ListTasks interval, so each is discovered
# running and its stream followed) whose reports carry 4 KB of seeded prose each. The dashboard
# runs in a 120x40 tmux pane with `retainFinishedTasks: 10000` until its header counts TARGET
# completed tasks (or MAX_SECONDS pass), then HOLD_SECONDS more (the churn goes on: retention at
# work). VmRSS is sampled every 2 s.
# Prints the largest and last VmRSS, VmHWM, RssAnon/RssFile, the header's task counts, the seconds
# taken, and how many artifact bytes the journal recorded (what the dashboard was sent).
# BIN=directory holding agentdeck and agentdeck-fleet (FLEET_BIN overrides the fleet's).
# SCENARIO, AGENTS, RATE, TASKS, STEPS, ARTIFACT_BYTES: the fleet's shape (round 4: SCENARIO=load
# RATE=400 TASKS=200, MAX_SECONDS=60 TARGET=999999).
# EXTRA_ENV: more VAR=value words for the dashboard's environment.
# EXTRA_CONFIG: more lines for the dashboard's config.yaml (e.g. "journal: { enabled: false }").
# WRAP: a command to run the dashboard under (e.g. "heaptrack -o /tmp/ht"; RSS figures are then
# the wrapper's, not the dashboard's: for profiles only).
# KEEP=1 leaves the dashboard running at the end (prints its pid and tmux socket) for profiling.
# SETTLE=1: the budget's exact setup (round 6). The fleet starts TOTAL tasks in all (default
# TARGET: `agentdeck-fleet --total-tasks`) and then idles, still serving; the run waits until the
# fleet has seen all its tasks finish, the header shows no task working and its completed count
# has not moved for 6 s (or MAX_SECONDS pass), then HOLD_SECONDS more (default 20: the console
# settles, its trim policy runs), and reports: 200 agents, the finished tasks, nothing running.
# Without it (default) the churn goes on for the whole run (the realistic long session: ~800
# tasks running at the end). Both modes also print the dashboard's CPU (all threads) over the
# hold: settled, what 10,000 retained tasks cost while the agents are idle (polls, list rounds).
set -euo pipefail
BIN=${BIN:-.build-memory-release/release}
FLEET_BIN=${FLEET_BIN:-$BIN}
SCENARIO=${SCENARIO:-churn}
AGENTS=${AGENTS:-200}
TASKS=${TASKS:-900}
RATE=${RATE:-300}
STEPS=${STEPS:-4}
ARTIFACT_BYTES=${ARTIFACT_BYTES:-4096}
TARGET=${TARGET:-10000}
MAX_SECONDS=${MAX_SECONDS:-300}
SETTLE=${SETTLE:-0}
TOTAL=${TOTAL:-$TARGET}
if [[ "$SETTLE" == 1 ]]; then HOLD_SECONDS=${HOLD_SECONDS:-20}; else HOLD_SECONDS=${HOLD_SECONDS:-10}; fi
fleet_total=()
[[ "$SETTLE" == 1 ]] && fleet_total=(--total-tasks "$TOTAL")
work=$(mktemp -d)
sock="rss$$"
source "$(dirname "$0")/bench-lib.sh"
: >"$work/urls"  # exists before the fleet writes it: the wait below reads it at once
"$FLEET_BIN/agentdeck-fleet" --scenario "$SCENARIO" --agents "$AGENTS" --rate "$RATE" --tasks "$TASKS" \
  --steps "$STEPS" --artifact-bytes "$ARTIFACT_BYTES" --max-duration 600 \
 "${fleet_total[@]}" \
  --duration $((MAX_SECONDS + HOLD_SECONDS + 60)) >"$work/urls" 2>"$work/fleet.err" &
fleet_pid=$!
for _ in $(seq 200); do [[ $(wc -l <"$work/urls") -ge $AGENTS ]] && break; sleep 0.1; done
[[ $(wc -l <"$work/urls") -ge $AGENTS ]] || { echo "fleet did not start: $(cat "$work/fleet.err")" >&2; exit 1; }
mkdir -p "$work/config/agentdeck" "$work/state"
# The agents in the config, not on the command line (heaptrack cannot take 200 URLs of argv).
{ echo "retainFinishedTasks: 10000"; [[ -n "${EXTRA_CONFIG:-}" ]] && echo "$EXTRA_CONFIG"; echo "agents:"; sed 's/^/  - /' "$work/urls"; } >"$work/config/agentdeck/config.yaml"
# Under a WRAP tool the tunable is set here: the dashboard would otherwise run itself again to set
# it (docs/DECISIONS.md, "no thread cache"), out from under the tool.
wrap_env=""
[[ -n "${WRAP:-}" ]] && wrap_env="GLIBC_TUNABLES=glibc.malloc.tcache_count=0"
cat >"$work/run.sh" <<SH
#!/bin/sh
exec env LANG=C.UTF-8 ${EXTRA_ENV:-} $wrap_env XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache" ${WRAP:-} "$BIN/agentdeck" --poll-interval 2
SH
chmod +x "$work/run.sh"
tmux -L "$sock" -f /dev/null new-session -d -s main -x 120 -y 40 "$work/run.sh"
sleep 1
pid=$(tmux -L "$sock" list-panes -t main -F '#{pane_pid}')
header() { tmux -L "$sock" capture-pane -p -t main | head -1; }
# The completed count on the header line ("✓10000").
completed() { header | grep -o '✓[0-9]*' | head -1 | tr -d '✓' || true; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
max=0
rss=0
start=$(date +%s)
held=-1
last_count=-1
still=0
hold_samples=()
# Settled: the fleet has started its TOTAL tasks and seen them finish (it says so on stderr), no
# task is working (no ▶ on the header) and the completed count has not moved for 3 samples.
settled() {
  grep -q '^load: started' "$work/fleet.err" || return 1
  if [[ "${done_count:-}" == "$last_count" ]] && ! header | grep -q '▶'; then still=$((still + 1)); else still=0; fi
  last_count=${done_count:-}
  ((still >= 3))
}
while :; do
  sleep 2
  rss=$(awk '/VmRSS/ {print $2}' /proc/"$pid"/status)
  ((rss > max)) && max=$rss
  now=$(date +%s)
  done_count=$(completed)
  if (((now - start) % 30 < 2)); then
    echo "progress: $((now - start)) s, completed ${done_count:-0}, VmRSS $(mb "$rss") MB" >&2
  fi
  if [[ "$SETTLE" == 1 ]]; then
    settled && reached_now=1 || reached_now=0
  else
    [[ -n "$done_count" ]] && ((done_count >= TARGET)) && reached_now=1 || reached_now=0
  fi
  if ((held < 0)) && { ((reached_now)) || ((now - start >= MAX_SECONDS)); }; then
    held=$now
    reached=$((now - start))
    ticks_at_hold=$(cpu_ticks "$pid")
  fi
  ((held >= 0)) && hold_samples+=("$rss")
  ((held >= 0 && now - held >= HOLD_SECONDS)) && break
done
field() { awk -v f="$1:" '$1 == f {print $2}' /proc/"$pid"/status; }
echo "dashboard_rss_max: $(mb "$max") MB"
echo "dashboard_rss_last: $(mb "$rss") MB"
# Every sample of the hold (one each 2 s): the settled figure is not one lucky moment.
printf '%s\n' "${hold_samples[@]}" | sort -n | awk -v n=${#hold_samples[@]} '
  {v[NR] = $1} END {printf "dashboard_rss_hold: min %.1f median %.1f max %.1f MB (%d samples, every 2 s)\n", v[1]/1024, v[int((n+1)/2)]/1024, v[n]/1024, n}'
echo "dashboard_hwm: $(mb "$(field VmHWM)") MB"
echo "dashboard_rss_anon: $(mb "$(field RssAnon)") MB"
echo "dashboard_rss_file: $(mb "$(field RssFile)") MB"
echo "dashboard_cpu_during_hold: $(awk -v t=$(( $(cpu_ticks "$pid") - ticks_at_hold )) -v hz="$hz" -v s="$HOLD_SECONDS" 'BEGIN { printf "%.1f", 100 * t / hz / s }') % of a core (all threads, the last $HOLD_SECONDS s)"
if [[ "$SETTLE" == 1 ]]; then
  echo "dashboard_seconds_to_settled: $reached s (fleet total $TOTAL tasks, settled = nothing working, then $HOLD_SECONDS s more)"
else
  echo "dashboard_seconds_to_target: $reached s (target $TARGET completed, then $HOLD_SECONDS s more)"
fi
echo "dashboard_header: $(header | tr -s ' ')"
echo "dashboard_journal_bytes: $(du -sb "$work/state" | cut -f1)"
if [[ "${KEEP:-0}" == 1 ]]; then
  echo "kept: pid $pid, tmux -L $sock, work $work, fleet pid $fleet_pid (kill them yourself)"
fi
