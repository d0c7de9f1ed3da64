#!/usr/bin/env bash
# `make demo`: start the demo fleet of real A2A agents on free loopback ports, open the
# dashboard on their card URLs, and stop the fleet when the dashboard exits, however it exits.
#
#   scripts/demo.sh [extra agentdeck-fleet options, e.g. --delegate-every 5]
#
# BUILD_DIR overrides where the binaries are (default .build/debug, `swift build`'s output).
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-.build/debug}"
FLEET="$BUILD_DIR/agentdeck-fleet"
DECK="$BUILD_DIR/agentdeck"
export LANG="${LANG:-C.UTF-8}"

for binary in "$FLEET" "$DECK"; do
    if [[ ! -x "$binary" ]]; then
        echo "demo: $binary is missing; run \`swift build\` (or \`make demo\`) first" >&2
        exit 1
    fi
done

urls_file="$(mktemp "${TMPDIR:-/tmp}/agentdeck-demo.XXXXXX")"
fleet_pid=""

stop_fleet() {
    trap - EXIT INT TERM HUP
    if [[ -n "$fleet_pid" ]] && kill -0 "$fleet_pid" 2>/dev/null; then
        kill -TERM "$fleet_pid" 2>/dev/null || true
        # Give it a few seconds to close its streams, then insist.
        for _ in $(seq 1 50); do
            kill -0 "$fleet_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$fleet_pid" 2>/dev/null || true
        wait "$fleet_pid" 2>/dev/null || true
    fi
    rm -f "$urls_file"
}
trap stop_fleet EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

"$FLEET" --scenario demo --host 127.0.0.1 --port 0 "$@" >"$urls_file" &
fleet_pid=$!

# The fleet prints every card URL in one write once all agents listen.
for _ in $(seq 1 300); do
    [[ -s "$urls_file" ]] && break
    if ! kill -0 "$fleet_pid" 2>/dev/null; then
        echo "demo: agentdeck-fleet exited before it was ready" >&2
        exit 1
    fi
    sleep 0.1
done
if [[ ! -s "$urls_file" ]]; then
    echo "demo: agentdeck-fleet printed no card URLs within 30 s" >&2
    exit 1
fi
mapfile -t urls <"$urls_file"

# Until the dashboard takes agent URLs, show them and what the CLI offers.
if "$DECK" --help 2>&1 | grep -qiE '<(agent-)?urls?|card url'; then
    "$DECK" "${urls[@]}"
else
    echo "Demo fleet: ${#urls[@]} agents"
    printf '  %s\n' "${urls[@]}"
    echo
    "$DECK" --help || true
    if [[ -t 0 ]]; then
        echo
        echo "The fleet keeps running for curl and friends; press Enter (or Ctrl-C) to stop it."
        read -r _ || true
    fi
fi
