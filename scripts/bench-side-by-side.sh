#!/usr/bin/env bash
# Side by side (BENCHMARKS.md budget 7): the same single-agent streaming workload through AgentDeck
# (`agentdeck send`) and through a2a-handler 0.4.0 (`handler message send --stream`), in one run,
# against the real a2a-sdk 0.3 peer (tests/peers/v03_agent.py). CPU seconds (user+sys) and peak
# RSS from /usr/bin/time for each, and the ratios. One figure per line.
# Needs .venv-a2a03 (scripts/ensure-deps.sh) and .venv-handler (python3 -m venv .venv-handler &&
# .venv-handler/bin/pip install a2a-handler==0.4.0). BIN=directory holding agentdeck.
set -euo pipefail
BIN=${BIN:-.build-perf-release/release}
TEXT=${TEXT:-steps=300 delay=0.01}
RUNS=${RUNS:-3}
work=$(mktemp -d /tmp/agentdeck-sbs.XXXXXX)
cleanup() {
  [[ -n "${peer_pid:-}" ]] && kill "$peer_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

.venv-a2a03/bin/python tests/peers/v03_agent.py --port 0 >"$work/peer.out" 2>"$work/peer.err" &
peer_pid=$!
for _ in $(seq 100); do grep -q READY "$work/peer.out" && break; sleep 0.1; done
url=$(awk '/READY/ {print $2}' "$work/peer.out")
[[ -n "$url" ]] || { echo "peer did not start: $(cat "$work/peer.err")" >&2; exit 1; }

# Runs "$@" RUNS times; prints the mean CPU seconds and the largest peak RSS (MB).
measure() {
  local name=$1; shift
  local cpu=0 rss=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%U %S %M" -o "$work/time" "$@" >"$work/$name.out" 2>"$work/$name.err" || {
      echo "$name failed: $(tail -3 "$work/$name.err")" >&2; exit 1; }
    read -r user sys kb <"$work/time"
    cpu=$(awk -v a="$cpu" -v u="$user" -v s="$sys" 'BEGIN { print a + u + s }')
    rss=$(awk -v a="$rss" -v k="$kb" 'BEGIN { m = k / 1024; print (m > a ? m : a) }')
  done
  cpu=$(awk -v a="$cpu" -v n="$RUNS" 'BEGIN { printf "%.3f", a / n }')
  echo "sbs_${name}_cpu_s: $cpu s"
  printf "sbs_%s_peak_rss: %.1f MB\n" "$name" "$rss"
  eval "${name}_cpu=$cpu ${name}_rss=$rss"
}

measure agentdeck "$BIN/agentdeck" send "$url" "$TEXT"
measure handler .venv-handler/bin/handler message send --url "$url" --text "$TEXT" --stream
# Both must have seen the whole task: the last step's text is in each output.
last=$(awk -v t="$TEXT" 'BEGIN { split(t, a, /[= ]/); print a[2] }')
grep -q "$last/$last" "$work/agentdeck.out" || echo "warning: agentdeck output lacks step $last/$last" >&2
grep -q "$last/$last" "$work/handler.out" || echo "warning: handler output lacks step $last/$last" >&2
awk -v a="$agentdeck_cpu" -v h="$handler_cpu" 'BEGIN { printf "sbs_cpu_ratio_handler_over_agentdeck: %.1f x\n", h / a }'
awk -v a="$agentdeck_rss" -v h="$handler_rss" 'BEGIN { printf "sbs_rss_ratio_handler_over_agentdeck: %.1f x\n", h / a }'
