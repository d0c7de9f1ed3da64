#!/usr/bin/env bash
# Installs what AgentDeck needs on a fresh Debian machine, and nothing that is already there.
# System packages: the C libraries we link and the terminal we test in.
# Python venvs: the real A2A peers the integration tests talk to (official a2a-sdk from PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."

want=()
# libssl-dev, libnghttp2-dev, dpkg-dev: scripts/build-libcurl.sh builds our minimal libcurl with them.
for pkg in libncurses-dev libcurl4-openssl-dev libssl-dev libnghttp2-dev dpkg-dev zlib1g-dev pkg-config tmux; do
    dpkg -s "$pkg" >/dev/null 2>&1 || want+=("$pkg")
done
if [ ${#want[@]} -gt 0 ]; then
    echo "ensure-deps: installing ${want[*]}"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${want[@]}"
fi

scripts/build-libcurl.sh

[ "${1:-}" = "--system-only" ] && exit 0

PY=${PYTHON:-python3}
make_venv() { # dir, stamp-text, pip args...
    local dir=$1 stamp=$2; shift 2
    if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$stamp" ]; then return; fi
    echo "ensure-deps: creating $dir ($stamp)"
    rm -rf "$dir"
    "$PY" -m venv "$dir"
    "$dir/bin/pip" install -q --disable-pip-version-check "$@"
    echo "$stamp" > "$dir/.stamp"
}
# a2a-sdk 1.3.0 (native 1.0, optional 0.3 compat) and the blog-era 0.1 peer (plain Starlette).
# cryptography: tls_card.py makes its self-signed certificate with it (a2a-sdk pulls it in today).
make_venv .venv-a2a13 "a2a-sdk-1.3.0" "a2a-sdk[http-server]==1.3.0" uvicorn cryptography
# a2a-sdk 0.3.26: a native 0.3 server, in its own venv.
make_venv .venv-a2a03 "a2a-sdk-0.3.26" "a2a-sdk[http-server]==0.3.26" uvicorn
