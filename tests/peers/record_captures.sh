#!/usr/bin/env bash
# Re-records the peer-* wire captures in Tests/A2ATests/Fixtures/ from the test peers
# (raw `curl -si` exchanges, like the other captures there). Task ids and timestamps change
# on every run; the shapes and texts do not.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=Tests/A2ATests/Fixtures
TMP=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$TMP"; }
trap cleanup EXIT

start() { # name venv script args... -> sets URL
    local name=$1 venv=$2 script=$3; shift 3
    "$venv/bin/python" "tests/peers/$script" --port 0 "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" &
    PIDS+=($!)
    for _ in $(seq 1 200); do
        URL=$(awk '/^READY /{print $2}' "$TMP/$name.out")
        [ -n "$URL" ] && return 0
        sleep 0.1
    done
    echo "peer $name did not start:" >&2; cat "$TMP/$name.err" >&2; exit 1
}
rpc() { # file url method params [extra curl args...]; curl's exit status is ignored (drop= aborts)
    local file=$1 url=$2 method=$3 params=$4; shift 4
    curl -siN -H 'Content-Type: application/json' "$@" "$url/" \
        -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$method\",\"params\":$params}" >"$OUT/$file" || true
}
v1() { rpc "$1" "$URL" "$2" "$3" -H 'A2A-Version: 1.0' "${@:4}"; }
msg_v1() { echo "{\"message\":{\"messageId\":\"$1\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"$2\"}]}}"; }
msg_v03() { echo "{\"message\":{\"kind\":\"message\",\"messageId\":\"$1\",\"role\":\"user\",\"parts\":[{\"kind\":\"text\",\"text\":\"$2\"}]}}"; }
msg_v01() { echo "{\"id\":\"$1\",\"sessionId\":\"session-1\",\"skillId\":\"progress\",\"message\":{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"text\":\"$2\"}]}}"; }

# --- 0.1, standard stream style
start v01 .venv-a2a13 v01_agent.py --style standard
curl -si "$URL/.well-known/agent.json" >"$OUT/peer-v01-card.txt"
curl -si "$URL/.well-known/agent-card.json" >"$OUT/peer-v01-card-v1-path-404.txt"
rpc peer-v01-sendsubscribe-standard.txt "$URL" tasks/sendSubscribe "$(msg_v01 task-1 'steps=3 delay=0.1')"
rpc peer-v01-get.txt "$URL" tasks/get '{"id":"task-1"}'
rpc peer-v01-sendsubscribe-ask.txt "$URL" tasks/sendSubscribe "$(msg_v01 task-2 ask)"
rpc peer-v01-send-followup.txt "$URL" tasks/send "$(msg_v01 task-2 blue)"
rpc peer-v01-send-fail.txt "$URL" tasks/send "$(msg_v01 task-3 fail)"
rpc peer-v01-sendsubscribe-chunks.txt "$URL" tasks/sendSubscribe "$(msg_v01 task-4 'chunks=3')"
rpc peer-v01-v1-method-not-found.txt "$URL" SendMessage "$(msg_v1 m-1 hello)" -H 'A2A-Version: 1.0'
rpc peer-v01-v03-method-not-found.txt "$URL" message/send "$(msg_v03 m-2 hello)"
(sleep 0.5; curl -s -H 'Content-Type: application/json' "$URL/" \
    -d '{"jsonrpc":"2.0","id":2,"method":"tasks/cancel","params":{"id":"task-5"}}' >"$OUT/peer-v01-cancel.txt") &
CANCELER=$!
rpc peer-v01-sendsubscribe-canceled.txt "$URL" tasks/sendSubscribe "$(msg_v01 task-5 'sleep=30')"
wait "$CANCELER"  # not a bare `wait`: that would wait for the peers too

# --- 0.1, ad-hoc stream style
start v01adhoc .venv-a2a13 v01_agent.py --style adhoc
rpc peer-v01-sendsubscribe-adhoc.txt "$URL" tasks/sendSubscribe "$(msg_v01 task-1 'steps=3 delay=0.1')"
rpc peer-v01-sendsubscribe-adhoc-chunks.txt "$URL" tasks/sendSubscribe "$(msg_v01 task-2 'chunks=4')"
rpc peer-v01-sendsubscribe-adhoc-ask.txt "$URL" tasks/sendSubscribe "$(msg_v01 task-3 ask)"
rpc peer-v01-sendsubscribe-adhoc-fail.txt "$URL" tasks/sendSubscribe "$(msg_v01 task-4 'steps=1 fail')"

# --- 1.0 (a2a-sdk 1.3.0, compat on)
start v1 .venv-a2a13 v1_agent.py --compat
v1 peer-v1-stream-cut.txt SendStreamingMessage "$(msg_v1 m-1 'steps=4 delay=0.2 cut=3')"
TASK=$(grep -o '"id": "[^"]*"' "$OUT/peer-v1-stream-cut.txt" | head -1 | cut -d'"' -f4)
v1 peer-v1-cut-get-running.txt GetTask "{\"id\":\"$TASK\"}"
v1 peer-v1-cut-subscribe.txt SubscribeToTask "{\"id\":\"$TASK\"}"
v1 peer-v1-cut-get-completed.txt GetTask "{\"id\":\"$TASK\"}"
v1 peer-v1-stream-drop.txt SendStreamingMessage "$(msg_v1 m-2 'steps=3 delay=0.1 drop=2')"
v1 peer-v1-stream-chunks.txt SendStreamingMessage "$(msg_v1 m-3 'chunks=3')"
v1 peer-v1-send-direct.txt SendMessage "$(msg_v1 m-4 'direct hello')"
v1 peer-v1-send-reject.txt SendMessage "$(msg_v1 m-5 reject)"
v1 peer-v1-send-skill.txt SendMessage \
    '{"message":{"messageId":"m-6","role":"ROLE_USER","parts":[{"text":"skill"}],"metadata":{"skillId":"conversation"}}}'

# --- 1.0 with a bearer token required
PEER_TOKEN=capture-token start v1auth .venv-a2a13 v1_agent.py --no-compat --require-bearer-env PEER_TOKEN
curl -si "$URL/.well-known/agent-card.json" >"$OUT/peer-v1-bearer-card.txt"
v1 peer-v1-bearer-401.txt GetTask '{"id":"nope"}'

# --- 0.3 (a2a-sdk 0.3.26)
start v03 .venv-a2a03 v03_agent.py
rpc peer-v03-stream-chunks.txt "$URL" message/stream "$(msg_v03 m-1 'chunks=3')"
rpc peer-v03-stream-ask.txt "$URL" message/stream "$(msg_v03 m-2 ask)"
rpc peer-v03-stream-cut.txt "$URL" message/stream "$(msg_v03 m-3 'steps=4 delay=0.2 cut=3')"

echo "recorded $(ls "$OUT"/peer-* | wc -l) captures in $OUT"
