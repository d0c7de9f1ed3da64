# Shared by the process-level benchmark scripts (sourced, not run): /proc readings and cleanup.
# Callers set `sock` (their tmux socket) and `work` (a scratch folder) before sourcing, and may set
# `fleet_pid` / `watch_pid`; everything they name is stopped and removed on exit, unless KEEP=1
# (left running for profiling: the caller says what it kept).
hz=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# CPU nanoseconds of every thread of a process (schedstat: ns on CPU), far finer than ticks.
cpu_ns() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{s += $1} END {printf "%.0f", s}'; }
# Context switches of every thread: each wake-up of an idle thread is one (voluntary) switch.
wakeups() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt_switches/ {s += $2} END {printf "%.0f", s}'; }
rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
size_of() { stat -c %s "$1" 2>/dev/null || echo 0; }
cleanup() {
  [[ "${KEEP:-0}" == 1 ]] && return
  tmux -L "$sock" kill-server 2>/dev/null || true
  [[ -n "${watch_pid:-}" ]] && kill "$watch_pid" 2>/dev/null || true
  [[ -n "${fleet_pid:-}" ]] && kill "$fleet_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
