#!/usr/bin/env python3
"""A hostile A2A 1.0 agent (stdlib only) for AgentDeck's robustness tests.

Starts TWO listeners on 127.0.0.1 and a third socket that accepts and never answers, then prints:
    READY http://127.0.0.1:MAIN
The process exits when its stdin closes, so it never outlives the test process.

Everything this agent sends is meant to hurt the client: terminal escape sequences, invalid
UTF-8, huge or endless bodies, wrong JSON types, redirects to another origin, slowness.

Choosing a mode
  --mode NAME sets the mode of the plain paths (/.well-known/agent-card.json, /rpc).
  /m/NAME/agent-card.json serves mode NAME's card whatever --mode says; its interface URL is
  /m/NAME/rpc, so a client given that card URL stays in mode NAME for every call.

Modes (card / calls)
  esc        ESC, CSI, OSC (title, clipboard OSC 52), C0/C1 controls and bidi overrides in every
             text field of the card, the stream, task ids and RPC error messages
  badutf8    raw invalid UTF-8 bytes inside JSON strings of the card and stream
  bigfield   10 MB text field: in a streamed artifact, and in a blocking SendMessage answer
  bigcard    a card with a 10 MB description
  gzip       a card sent gzip-encoded that inflates to 64 MB (whitespace, then the JSON)
  skills     a card with 100,000 skills
  deep       a card with a value nested 100,000 levels deep
  deepstream a good card; stream events nested 100,000 levels deep between good ones
  types      wrong JSON types everywhere (card and stream)
  noend      a stream whose data line never ends (bytes keep coming, no newline) for 60 s
  flood      an endless stream of artifact chunks as fast as the client reads (60 s cap)
  5xx        every request answers 503/500 with an HTML body carrying escape sequences
  rpc500     a good card, but every call answers 500 with that HTML body
  redirect   card and RPC answer 307 to the OTHER origin (second listener)
  foreign    the card's interface URL is on the OTHER origin
  slow       card and stream arrive one byte per second
  silent     the card URL of this mode points at a socket that accepts and never answers
             (use GET /silent-url to learn it; any path on it hangs)

Inspection
  GET /recorded   JSON list of {path, authorization} for every request the OTHER origin got
  GET /other      the other origin's base URL
  GET /silent-url the never-answering socket's base URL
"""
import argparse
import json
import os
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ESCAPES = (
    "\x1b]0;pwned\x07"          # OSC 0: retitle the window
    "\x1b[2J\x1b[H"             # CSI: clear screen, cursor home
    "\x1b]52;c;cHduZWQ=\x07"    # OSC 52: write "pwned" to the clipboard
    "\x1bP+q544e\x1b\\"         # DCS request (XTGETTCAP)
    "\x9b31m\x9d0;c1title\x9c"  # C1 CSI and C1 OSC ... ST
    "\x85\x90\x9f"              # other C1 controls
    "\x07\x08\r\x00\x7f"        # C0 controls and DEL
    "\u202eevil\u202c\u2066iso\u2069\u200f\u061c"  # bidi override, isolate, marks
)
EVIL = "hostile" + ESCAPES + "text"
TEN_MB = 10 * 1024 * 1024

RECORDED = []
RECORDED_LOCK = threading.Lock()


def other_base():
    return OTHER_BASE


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Set per server: the mode of plain paths, and whether this is the recording (other) origin.
    default_mode = "esc"
    records = False

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.route()

    def do_POST(self):
        self.route()

    # -- plumbing -----------------------------------------------------------

    def base(self):
        return "http://%s:%d" % self.server.server_address[:2]

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def reply(self, status, body, content_type="application/json", extra=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def start_stream(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def chunk(self, data):
        if data:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()

    def end_chunks(self):
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def event(self, payload):
        """One SSE event carrying a JSON-RPC result (payload: bytes or a JSON-able object)."""
        if not isinstance(payload, bytes):
            payload = dumps({"jsonrpc": "2.0", "id": 1, "result": payload})
        self.chunk(b"data: " + payload + b"\n\n")

    # -- routing ------------------------------------------------------------

    def route(self):
        path = self.path.split("?", 1)[0]
        body = self.read_body() if self.command == "POST" else b""
        if self.records:
            with RECORDED_LOCK:
                RECORDED.append({"path": self.path, "authorization": self.headers.get("Authorization")})
        if path == "/recorded":
            with RECORDED_LOCK:
                return self.reply(200, dumps(RECORDED))
        if path == "/other":
            return self.reply(200, other_base().encode())
        if path == "/silent-url":
            return self.reply(200, SILENT_BASE.encode())
        mode, rest = self.default_mode, path
        if path.startswith("/m/"):
            parts = path.split("/", 3)
            mode, rest = parts[2], "/" + (parts[3] if len(parts) > 3 else "")
        prefix = "" if mode == self.default_mode and not path.startswith("/m/") else "/m/" + mode
        try:
            if rest in ("/agent-card.json", "/.well-known/agent-card.json", "/.well-known/agent.json"):
                return self.card(mode, prefix)
            if rest == "/rpc" and self.command == "POST":
                return self.rpc(mode, prefix, body)
            self.reply(404, b'{"error":"not found"}')
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up: that is what we wanted to see

    # -- cards ----------------------------------------------------------------

    def card_dict(self, mode, prefix, text=EVIL):
        rpc_url = self.base() + prefix + "/rpc"
        if mode == "foreign":
            rpc_url = other_base() + "/m/esc/rpc"
        return {
            "name": "Hostile " + text,
            "description": text,
            "version": text,
            "provider": {"organization": text, "url": "http://127.0.0.1/" + text},
            "supportedInterfaces": [{"url": rpc_url, "protocolBinding": "JSONRPC", "protocolVersion": "1.0"}],
            "capabilities": {"streaming": True, "extensions": [{"uri": "urn:" + text, "required": True}]},
            "securitySchemes": {text: {"httpAuthSecurityScheme": {"scheme": "bearer", "bearerFormat": text}}},
            "defaultInputModes": ["text/plain"],
            "defaultOutputModes": ["text/plain"],
            "skills": [{"id": "skill-" + text, "name": text, "description": text, "tags": [text], "examples": [text]}],
        }

    def card(self, mode, prefix):
        if mode == "5xx":
            return self.reply(503, ("<html>" + EVIL + "</html>").encode(), "text/html")
        if mode == "redirect":
            return self.reply(307, b"", extra={"Location": other_base() + "/m/esc/agent-card.json"})
        if mode == "slow":
            return self.trickle(200, dumps(self.card_dict(mode, prefix, "slow")))
        if mode == "badutf8":
            return self.reply(200, bad_utf8(dumps(self.card_dict(mode, prefix, "BADUTF8"))))
        if mode == "bigcard":
            return self.reply(200, dumps(self.card_dict(mode, prefix, "x" * TEN_MB)))
        if mode == "gzip":
            return self.reply(200, gzip_bomb(dumps(self.card_dict(mode, prefix, "gzip"))),
                              extra={"Content-Encoding": "gzip"})
        if mode == "skills":
            card = self.card_dict(mode, prefix, "many skills")
            card["skills"] = [{"id": "s%d" % i, "name": "n"} for i in range(100_000)]
            return self.reply(200, dumps(card))
        if mode == "deep":
            card = self.card_dict(mode, prefix, "deep")
            body = dumps(card)[:-1] + b',"metadata":' + deep_json(100_000) + b"}"
            return self.reply(200, body)
        if mode == "types":
            return self.reply(200, dumps(wrong_types_card(self.base() + prefix + "/rpc")))
        return self.reply(200, dumps(self.card_dict(mode, prefix)))

    # -- calls ----------------------------------------------------------------

    def rpc(self, mode, prefix, body):
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            request = {}
        method = request.get("method", "") if isinstance(request, dict) else ""
        if mode in ("5xx", "rpc500"):
            return self.reply(500, ("<html>" + EVIL + "</html>").encode(), "text/html")
        if mode == "redirect":
            return self.reply(307, b"", extra={"Location": other_base() + "/m/esc/rpc"})
        if method in ("SendStreamingMessage", "SubscribeToTask", "message/stream", "tasks/resubscribe"):
            return self.stream(mode)
        if method in ("SendMessage", "message/send") and mode == "bigfield":
            return self.reply(200, dumps({"jsonrpc": "2.0", "id": request.get("id"),
                                          "result": {"task": task("big", "TASK_STATE_COMPLETED", "done",
                                                                  [artifact("a", "x" * TEN_MB)])}}))
        if method in ("SendMessage", "message/send"):
            return self.reply(200, dumps({"jsonrpc": "2.0", "id": request.get("id"),
                                          "result": {"task": task("t-" + EVIL, "TASK_STATE_COMPLETED", EVIL,
                                                                  [artifact("a-" + EVIL, EVIL)])}}))
        # Anything else (GetTask, CancelTask, ...): an error whose message is hostile.
        return self.reply(200, dumps({"jsonrpc": "2.0", "id": request.get("id"),
                                      "error": {"code": -32001, "message": "Task not found " + EVIL,
                                                "data": EVIL}}))

    def stream(self, mode):
        self.start_stream()
        if mode == "noend":
            self.chunk(b"data: ")
            deadline = time.time() + 60
            while time.time() < deadline:
                self.chunk(b"x" * 65536)
                time.sleep(0.01)
            return
        if mode == "flood":
            # One batch built once and sent again and again: the peer is never the bottleneck.
            batch = b"".join(
                b"data: " + dumps({"jsonrpc": "2.0", "id": 1, "result": {"artifactUpdate": {
                    "taskId": "flood", "contextId": "c",
                    "artifact": {"artifactId": "flood-%d" % (i % 3), "parts": [{"text": "x" * 1000}]},
                    "append": True}}}) + b"\n\n"
                for i in range(64))
            deadline = time.time() + 60
            while time.time() < deadline:
                self.chunk(batch)
            return
        if mode == "slow":
            self.event({"task": task("slow", "TASK_STATE_WORKING", "slow")})
            data = b"data: " + dumps({"jsonrpc": "2.0", "id": 1, "result": {
                "statusUpdate": status_update("slow", "TASK_STATE_COMPLETED", "slow done")}}) + b"\n\n"
            for i in range(len(data)):
                self.chunk(data[i:i + 1])
                time.sleep(1)
            return self.end_chunks()
        if mode == "deepstream":
            self.event({"task": task("deep", "TASK_STATE_WORKING", "deep")})
            # A whole result nested 100k deep, then a valid event with a 100k-deep metadata value.
            self.event(b'{"jsonrpc":"2.0","id":1,"result":' + deep_json(100_000) + b"}")
            update = dumps({"jsonrpc": "2.0", "id": 1, "result": {
                "statusUpdate": status_update("deep", "TASK_STATE_WORKING", "deep")}})
            self.event(update[:-2] + b',"metadata":{"x":' + deep_json(100_000) + b"}}}")
            self.event({"statusUpdate": status_update("deep", "TASK_STATE_COMPLETED", "deep done")})
            return self.end_chunks()
        if mode == "types":
            for payload in wrong_type_events():
                self.event(payload)
            self.event({"statusUpdate": status_update("types", "TASK_STATE_COMPLETED", "types done")})
            return self.end_chunks()
        if mode == "badutf8":
            self.event(bad_utf8(dumps({"jsonrpc": "2.0", "id": 1, "result": {
                "task": task("bad", "TASK_STATE_WORKING", "BADUTF8")}})))
            self.event(bad_utf8(dumps({"jsonrpc": "2.0", "id": 1, "result": {
                "artifactUpdate": {"taskId": "bad", "contextId": "c", "artifact": artifact("a", "BADUTF8")}}})))
            self.event(bad_utf8(dumps({"jsonrpc": "2.0", "id": 1, "result": {
                "statusUpdate": status_update("bad", "TASK_STATE_COMPLETED", "BADUTF8")}})))
            return self.end_chunks()
        if mode == "bigfield":
            self.event({"task": task("big", "TASK_STATE_WORKING", "big")})
            self.event({"artifactUpdate": {"taskId": "big", "contextId": "c", "artifact": artifact("a", "x" * TEN_MB)}})
            self.event({"statusUpdate": status_update("big", "TASK_STATE_COMPLETED", "big done")})
            return self.end_chunks()
        # esc (and foreign, whose calls land here on the other origin): hostile text everywhere.
        tid = "t-" + EVIL
        self.event({"task": task(tid, "TASK_STATE_SUBMITTED", EVIL)})
        self.event({"statusUpdate": status_update(tid, "TASK_STATE_WORKING", EVIL, progress=50)})
        self.event({"artifactUpdate": {"taskId": tid, "contextId": "c-" + EVIL,
                                       "artifact": dict(artifact("a-" + EVIL, EVIL), name=EVIL),
                                       "lastChunk": True}})
        self.event({"message": {"messageId": "m", "role": "ROLE_AGENT", "taskId": tid, "contextId": "c-" + EVIL,
                                "parts": [{"text": EVIL}]}})
        self.event({"statusUpdate": status_update(tid, "TASK_STATE_COMPLETED", EVIL)})
        self.end_chunks()

    def trickle(self, status, body):
        """Headers at once, then the body one byte per second."""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.flush()
        for i in range(len(body)):
            self.wfile.write(body[i:i + 1])
            self.wfile.flush()
            time.sleep(1)


# -- payload builders ---------------------------------------------------------

def dumps(value):
    # ensure_ascii=False: C1 controls and bidi characters travel as raw UTF-8, not \u escapes.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def bad_utf8(body):
    """Replaces every BADUTF8 marker inside JSON strings with invalid UTF-8 byte sequences."""
    junk = b"\xff\xfe\xc0\x80\xed\xa0\x80\xf8\x88\x80\x80\x80\xe2\x28\xa1\xc3"
    return body.replace(b"BADUTF8", b"bad" + junk + b"utf8")


GZIP_BOMB = None


def gzip_bomb(tail):
    """64 MB of spaces and then `tail`, gzip-compressed (built once)."""
    global GZIP_BOMB
    if GZIP_BOMB is None:
        import zlib
        packer = zlib.compressobj(1, zlib.DEFLATED, 31)  # 31: gzip framing
        block = b" " * (1 << 20)
        parts = [packer.compress(block) for _ in range(64)]
        GZIP_BOMB = b"".join(parts) + packer.compress(tail) + packer.flush()
    return GZIP_BOMB


def deep_json(levels):
    return b"[" * levels + b"]" * levels


def status_update(task_id, state, text, progress=None):
    update = {"taskId": task_id, "contextId": "c-" + EVIL,
              "status": {"state": state, "message": {"messageId": "s", "role": "ROLE_AGENT", "taskId": task_id,
                                                     "parts": [{"text": text}]}}}
    if progress is not None:
        update["metadata"] = {"progress": progress}
    return update


def task(task_id, state, text, artifacts=None):
    t = {"id": task_id, "contextId": "c-" + EVIL,
         "status": {"state": state, "message": {"messageId": "s", "role": "ROLE_AGENT", "parts": [{"text": text}]}}}
    if artifacts:
        t["artifacts"] = artifacts
    return t


def artifact(artifact_id, text):
    return {"artifactId": artifact_id, "parts": [{"text": text}]}


def wrong_types_card(rpc_url):
    return {
        "name": ["not", "a", "string"],
        "description": 42,
        "version": {"major": 1},
        "provider": "a string, not an object",
        "supportedInterfaces": [{"url": rpc_url, "protocolBinding": "JSONRPC", "protocolVersion": 1.0},
                                {"url": 7, "protocolBinding": None}, "not an object", None],
        "capabilities": {"streaming": True, "pushNotifications": 1, "extensions": {"uri": 3}, "x": [None]},
        "securitySchemes": ["bearer"],
        "security": "everything",
        "defaultInputModes": "text/plain",
        "skills": [None, 3, "skill", {"id": 5, "name": None, "tags": "t", "examples": {"a": 1}},
                   {"id": "ok", "name": "OK skill", "tags": [1, None, "t"]}],
        "url": False,
    }


def wrong_type_events():
    yield {"task": {"id": 12, "status": "working", "artifacts": "none", "history": {"a": 1}}}
    yield {"task": {"id": "types", "contextId": ["c"], "status": {"state": 3, "message": "hello"}}}
    yield {"statusUpdate": {"taskId": "types", "status": {"state": ["TASK_STATE_WORKING"], "message": {"parts": "x"}},
                            "metadata": {"progress": "fifty"}}}
    yield {"statusUpdate": {"taskId": "types", "status": {"state": "TASK_STATE_WORKING",
                                                           "message": {"role": 5, "parts": [{"text": 5}, None, 3]}},
                            "metadata": {"progress": 1e308}}}
    yield {"artifactUpdate": {"taskId": "types", "artifact": {"artifactId": None, "parts": {"text": "x"}},
                              "append": "true", "lastChunk": 1}}
    yield {"artifactUpdate": {"taskId": "types", "artifact": "just a string"}}
    yield {"message": {"role": None, "parts": [{"data": "not an object"}, {"file": 3}, {"raw": ["x"]}]}}
    yield []
    yield "a string result"
    yield None
    yield 3.5
    yield b'{"jsonrpc":"2.0","id":1,"result":{"statusUpdate":{"taskId":"types","status":{"state":"TASK_STATE_WORKING"}}}} trailing'
    yield b'{"jsonrpc":"2.0","id":1,"error":"not an object"}'
    yield b'not json at all \x1b]0;pwned\x07'


# -- the never-answering socket ---------------------------------------------------

def silent_listener():
    """Accepts connections and holds them open without reading or writing a byte."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    held = []

    def accept_forever():
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            held.append(conn)

    threading.Thread(target=accept_forever, name="silent", daemon=True).start()
    return "http://127.0.0.1:%d" % sock.getsockname()[1]


def make_server(mode, records):
    handler = type("BoundHandler", (Handler,), {"default_mode": mode, "records": records})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="serve", daemon=True).start()
    return server


def main():
    global OTHER_BASE, SILENT_BASE
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0, help="ignored beyond 0: ports are chosen by the OS")
    parser.add_argument("--mode", default="esc")
    args = parser.parse_args()

    other = make_server("esc", records=True)
    OTHER_BASE = "http://127.0.0.1:%d" % other.server_address[1]
    SILENT_BASE = silent_listener()
    main_server = make_server(args.mode, records=False)
    print("READY http://127.0.0.1:%d" % main_server.server_address[1], flush=True)
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except (OSError, ValueError):
        pass
    os._exit(0)


OTHER_BASE = ""
SILENT_BASE = ""

if __name__ == "__main__":
    main()
