#!/usr/bin/env bash
# Regenerates scripts/link-order.txt, the symbol ordering file the release link gives lld
# (Package.swift, `releaseLinking`): the functions the dashboard runs, so lld places them together
# at the start of .text. A page of code is resident once anything on it (or, through the kernel's
# fault-around, near it) runs; packed together, the code that runs fills ~2 MB instead of being
# spread over the 17 MB of the static executable (BENCHMARKS.md, round 7 "linking").
#
# How: the static release dashboard runs under callgrind (every function that executes is listed,
# however briefly) against a small churn fleet for RUN_SECONDS (tasks start, stream, finish, are
# listed, retained), a few keys are pressed, then `q`. Callgrind demangles C++ names; the binary's
# own symbol table maps them back to the linker's names. Only symbols the binary defines are kept.
# A stale file is harmless: names that no longer exist are skipped (--no-warn-symbol-ordering),
# and new functions are placed after the listed ones, as without the file.
#
# BIN=directory of a static release build (`make release`): agentdeck and agentdeck-fleet.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release}
BIN=$(cd "$BIN" && pwd)
RUN_SECONDS=${RUN_SECONDS:-90}
OUT=${OUT:-scripts/link-order.txt}
work=$(mktemp -d /tmp/agentdeck-order.XXXXXX)
sock="agentdeck-order-$$"
source scripts/bench-lib.sh

# valgrind 3.19 cannot read the DWARF 5 the toolchain writes: profile a copy without it.
objcopy --strip-debug "$BIN/agentdeck" "$work/agentdeck"
"$BIN/agentdeck-fleet" --scenario churn --agents 20 --rate 5 --tasks 20 --steps 4 --artifact-bytes 4096 \
  --duration $((RUN_SECONDS + 120)) >"$work/urls" 2>"$work/fleet.err" &
fleet_pid=$!
for _ in $(seq 100); do [[ $(wc -l <"$work/urls") -ge 20 ]] && break; sleep 0.1; done
[[ $(wc -l <"$work/urls") -ge 20 ]] || { echo "fleet did not start: $(cat "$work/fleet.err")" >&2; exit 1; }
cat >"$work/run.sh" <<SH
#!/bin/sh
# The tunable set here: the dashboard would otherwise run itself again (docs/DECISIONS.md, "no
# thread cache"), and that exec would leave valgrind behind.
exec env LANG=C.UTF-8 XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache" \
  GLIBC_TUNABLES=glibc.malloc.tcache_count=0 valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "$work/agentdeck" --poll-interval 2 $(tr '\n' ' ' <"$work/urls")
SH
chmod +x "$work/run.sh"
tmux -L "$sock" -f /dev/null new-session -d -s main -x 120 -y 40 "$work/run.sh"
sleep "$RUN_SECONDS"
# Selection, detail pane, focus change, help overlay: what an operator does in the first minutes.
for key in j j Tab j Enter Escape '?' Escape Tab k; do tmux -L "$sock" send-keys -t main "$key"; sleep 2; done
tmux -L "$sock" send-keys -t main q
# The pane closes when valgrind has exited, its output written.
for _ in $(seq 120); do tmux -L "$sock" has-session -t main 2>/dev/null || break; sleep 1; done
[[ -s "$work/callgrind.out" ]] || { echo "callgrind wrote nothing" >&2; exit 1; }

nm --defined-only "$work/agentdeck" | awk '$2 ~ /^[tTwW]$/ {print $3}' >"$work/raw"
nm -C --defined-only "$work/agentdeck" | awk '$2 ~ /^[tTwW]$/ {$1 = ""; $2 = ""; sub(/^  /, ""); print}' >"$work/demangled"
python3 - "$work" "$OUT" <<'PY'
import re, sys
work, out = sys.argv[1], sys.argv[2]
raw = open(f"{work}/raw").read().split("\n")
demangled = open(f"{work}/demangled").read().split("\n")
by_demangled = {}
for r, d in zip(raw, demangled):
    by_demangled.setdefault(d, []).append(r)
defined = set(raw)
names = []
for line in open(f"{work}/callgrind.out", errors="replace"):
    m = re.match(r"c?fn=\(\d+\) (.*)$", line)
    if m:
        names.append(re.sub(r"'\d+$", "", m.group(1)))  # callgrind's recursion suffix
order, seen = [], set()
for n in names:
    for symbol in ([n] if n in defined else by_demangled.get(n, [])):
        if symbol not in seen:
            seen.add(symbol)
            order.append(symbol)
with open(out, "w") as f:
    f.write("\n".join(order) + "\n")
print(f"gen-link-order: {len(order)} symbols -> {out}")
PY
