#!/usr/bin/env bash
# Where the freshly started dashboard's resident pages are, per mapped file (BENCHMARKS.md budget 5,
# round 7 "linking"): 100 idle agents (`agentdeck-fleet --scenario idle`), the dashboard in a
# 120x40 tmux pane, SETTLE seconds (default 10) of polling, then /proc/PID/smaps summed by mapping:
# the RssAnon / RssFile split, and Rss (kB) of each file, largest first (TOP lines, default 25).
# BIN=directory holding agentdeck and agentdeck-fleet (FLEET_BIN overrides the fleet's).
# EVICT=1 first drops agentdeck's clean pages from the page cache (dd iflag=nocache), so the
# process faults them in from disk through readahead, as after a reboot. Without it, a binary
# just written by `cp` sits in the page cache in large folios, and each fault maps more of it
# (measured: the same static binary 17.2 MB resident when cp'd, 15.2 MB when linked in place).
set -euo pipefail
BIN=${BIN:-.build-perf-release/release}
BIN=$(cd "$BIN" && pwd)  # the pane's shell starts elsewhere
FLEET_BIN=${FLEET_BIN:-$BIN}
AGENTS=${AGENTS:-100}
SETTLE=${SETTLE:-10}
TOP=${TOP:-25}
work=$(mktemp -d /tmp/agentdeck-smaps.XXXXXX)
sock="agentdeck-smaps-$$"
source "$(dirname "$0")/bench-lib.sh"

[[ "${EVICT:-0}" == 1 ]] && dd if="$BIN/agentdeck" iflag=nocache count=0 status=none
"$FLEET_BIN/agentdeck-fleet" --scenario idle --agents "$AGENTS" --duration $((SETTLE + 60)) >"$work/urls" 2>"$work/fleet.err" &
fleet_pid=$!
for _ in $(seq 100); do [[ $(wc -l <"$work/urls") -ge $AGENTS ]] && break; sleep 0.1; done
[[ $(wc -l <"$work/urls") -ge $AGENTS ]] || { echo "fleet did not start: $(cat "$work/fleet.err")" >&2; exit 1; }
urls=$(tr '\n' ' ' <"$work/urls")
cat >"$work/run.sh" <<SH
#!/bin/sh
exec env LANG=C.UTF-8 XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache" "$BIN/agentdeck" --poll-interval 2 $urls
SH
chmod +x "$work/run.sh"
tmux -L "$sock" -f /dev/null new-session -d -s main -x 120 -y 40 "$work/run.sh"
sleep 0.5
pid=$(tmux -L "$sock" list-panes -t main -F '#{pane_pid}')
sleep "$SETTLE"
field() { awk -v f="$1:" '$1 == f {printf "%.1f", $2 / 1024}' /proc/"$pid"/status; }
echo "smaps_rss: $(field VmRSS) MB (anon $(field RssAnon), file $(field RssFile))"
echo "smaps_binary_bytes: $(stat -c %s "$BIN/agentdeck")"
# Per mapping: the pathname is field 6 of a mapping's header line (anonymous mappings have none).
awk '/^[0-9a-f]+-[0-9a-f]+ / {n = ($6 == "" ? "[anon]" : $6)} /^Rss:/ {r[n] += $2} /^Private_Dirty:/ {d[n] += $2}
     END {for (k in r) if (r[k] > 0) printf "%8d kB rss %8d kB private-dirty  %s\n", r[k], d[k], k}' /proc/"$pid"/smaps |
  sort -rn | head -n "$TOP"
