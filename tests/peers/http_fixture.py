#!/usr/bin/env python3
"""Loopback HTTP fixture for the Wire tests (stdlib only).

Starts TWO servers on 127.0.0.1 (ports chosen by the OS) and prints one line:
    READY http://127.0.0.1:PORT_A http://127.0.0.1:PORT_B
Two origins let a test prove that credentials do not follow a redirect to another origin:
/echo on either server answers with the headers it received. `--origins N` starts N servers
instead (N URLs after READY), for tests of many agents' connections.

The process exits when its stdin closes, so it never outlives the test process.

Endpoints (both servers):
  GET|POST|PUT|DELETE /echo      JSON {method, path, query, headers{lowercased}, body,
                                 accept_encodings: every Accept-Encoding line received}
  /gzip                          JSON {"gzip": true/false}, gzip-encoded when the request's
                                 Accept-Encoding offers gzip (Content-Encoding: gzip)
  /status/<code>                 that status with a small JSON body
  /sse?n=N&delay_ms=D&ping=1     N events "id: i / data: {"i": i}" (CRLF framing, chunked),
                                 a ": ping - i" comment before each when ping=1
  /sse-gated?key=K               one event, then waits (<= 120 s, a ": keep-alive" comment every
                                 5 s) for GET /release?key=K, then a second event;
                                 "event: gate-timeout" if never released
  /release?key=K                 opens the gate K
  /stall?events=K&seconds=S      K events, then silence for up to S s (default 30)
  /big?bytes=N&chunked=0|1       N bytes of "x" (Content-Length, or chunked)
  /redirect?to=URL&code=302      a redirect
  /etag                          ETag W/"v1"; 304 when If-None-Match matches
  /slow?ms=M                     answers after M ms
  /conn                          JSON {"port": P}: the client's port, i.e. which connection
                                 carried the request
  /conn?close=1                  the same, then the server closes that connection (without
                                 saying so: the client has kept it for reuse)
  /card?key=K                    a card with ETag W/"K-<version>"; 304 (ETag only) when
                                 If-None-Match matches. Every request is logged under K.
  /card-bump?key=K               the card changes (version + 1)
  /card-mode?key=K&mode=M&seconds=S   how the NEXT conditional request to /card?key=K is
                                 answered: garbage (a broken status line, then close),
                                 body (a 304 announcing and sending a body), changed (a 200 with
                                 the card), slow (a 304 after S s), reset (TCP RST), close (the
                                 304, then the connection closed without saying so)
  /card-log?key=K                JSON [{line, headers: [[name, value], ...] in order, port}]
"""
import gzip
import json
import os
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

GATES = {}
GATES_LOCK = threading.Lock()
CARDS = {}  # key -> {"version": int, "mode": str or None, "seconds": float, "log": [...]}
CARDS_LOCK = threading.Lock()


def card_state(key):
    with CARDS_LOCK:
        return CARDS.setdefault(key, {"version": 1, "mode": None, "seconds": 3.0, "log": []})


def gate(key):
    with GATES_LOCK:
        return GATES.setdefault(key, threading.Event())


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # Headers and body go out in separate writes: without NODELAY, Nagle + delayed ACK
        # would add ~40 ms to every keep-alive request and distort latency figures.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.route()

    def do_POST(self):
        self.route()

    def do_PUT(self):
        self.route()

    def do_DELETE(self):
        self.route()

    # -- helpers -----------------------------------------------------------

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def reply(self, status, body=b"", content_type="application/json", extra=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def start_stream(self, content_type="text/event-stream; charset=utf-8"):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.flush()

    def chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def end_stream(self):
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    @staticmethod
    def event(i, name=None):
        head = ("event: %s\r\n" % name).encode() if name else b""
        return head + ("id: %d\r\ndata: {\"i\": %d}\r\n\r\n" % (i, i)).encode()

    # -- routes --------------------------------------------------------------

    def route(self):
        url = urlparse(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        try:
            self.dispatch(url.path, query)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def dispatch(self, path, query):
        if path == "/echo":
            body = self.read_body()
            payload = {
                "method": self.command,
                "path": path,
                "query": query,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body.decode("utf-8", "replace"),
                "accept_encodings": self.headers.get_all("Accept-Encoding") or [],
            }
            self.reply(200, json.dumps(payload).encode())
        elif path.startswith("/status/"):
            self.read_body()
            code = int(path.rsplit("/", 1)[1])
            self.reply(code, json.dumps({"status": code, "error": {"message": "as requested"}}).encode())
        elif path == "/sse":
            self.read_body()
            n = int(query.get("n", "3"))
            delay = int(query.get("delay_ms", "0")) / 1000.0
            ping = query.get("ping") == "1"
            self.start_stream()
            for i in range(n):
                if ping:
                    self.chunk((": ping - %d\r\n\r\n" % i).encode())
                self.chunk(self.event(i))
                if delay:
                    time.sleep(delay)
            self.end_stream()
        elif path == "/sse-gated":
            key = query.get("key", "")
            self.start_stream()
            self.chunk(self.event(0))
            # Until released (at most 120 s), with a keep-alive comment every 5 s: a test starved
            # for a while by the rest of a loaded run still finds its streams open, none of them
            # ended by the gate or by the client's idle watchdog.
            released = False
            for _ in range(24):
                released = gate(key).wait(5)
                if released:
                    break
                self.chunk(b": keep-alive\r\n\r\n")
            self.chunk(self.event(1) if released else self.event(1, "gate-timeout"))
            self.end_stream()
        elif path == "/release":
            gate(query.get("key", "")).set()
            self.reply(200, b"{}")
        elif path == "/stall":
            k = int(query.get("events", "1"))
            self.start_stream()
            for i in range(k):
                self.chunk(self.event(i))
            deadline = time.time() + float(query.get("seconds", "30"))
            while time.time() < deadline:
                time.sleep(0.05)
            self.end_stream()
        elif path == "/big":
            size = int(query.get("bytes", "1000"))
            if query.get("chunked") == "1":
                self.start_stream("application/octet-stream")
                block = b"x" * 65536
                left = size
                while left > 0:
                    piece = block[: min(left, len(block))]
                    self.chunk(piece)
                    left -= len(piece)
                self.end_stream()
            else:
                self.reply(200, b"x" * size, "application/octet-stream")
        elif path == "/redirect":
            self.read_body()
            code = int(query.get("code", "302"))
            self.reply(code, b"", extra={"Location": query.get("to", "/echo")})
        elif path == "/etag":
            tag = 'W/"v1"'
            if tag in (self.headers.get("If-None-Match") or ""):
                self.send_response(304)
                self.send_header("ETag", tag)
                self.end_headers()
            else:
                self.reply(200, b'{"card": 1}', extra={"ETag": tag})
        elif path == "/gzip":
            offered = "gzip" in (self.headers.get("Accept-Encoding") or "")
            body = json.dumps({"gzip": offered, "text": "card " * 50}).encode()
            if offered:
                self.reply(200, gzip.compress(body), extra={"Content-Encoding": "gzip"})
            else:
                self.reply(200, body)
        elif path == "/conn":
            self.reply(200, json.dumps({"port": self.client_address[1]}).encode())
            if query.get("close") == "1":
                self.close_connection = True
        elif path == "/slow":
            time.sleep(int(query.get("ms", "1000")) / 1000.0)
            self.reply(200, b"{}")
        elif path == "/card":
            self.card(query.get("key", ""))
        elif path == "/card-bump":
            state = card_state(query.get("key", ""))
            with CARDS_LOCK:
                state["version"] += 1
            self.reply(200, b"{}")
        elif path == "/card-mode":
            state = card_state(query.get("key", ""))
            with CARDS_LOCK:
                state["mode"] = query.get("mode")
                state["seconds"] = float(query.get("seconds", "3"))
            self.reply(200, b"{}")
        elif path == "/card-log":
            state = card_state(query.get("key", ""))
            with CARDS_LOCK:
                body = json.dumps(state["log"]).encode()
            self.reply(200, body)
        else:
            self.reply(404, b'{"error": "no such fixture path"}')

    def card(self, key):
        state = card_state(key)
        conditional = self.headers.get("If-None-Match")
        with CARDS_LOCK:
            state["log"].append({"line": self.requestline, "headers": [[k, v] for k, v in self.headers.items()],
                                 "port": self.client_address[1]})
            tag = 'W/"%s-%d"' % (key, state["version"])
            body = json.dumps({"key": key, "version": state["version"]}).encode()
            mode = state["mode"] if conditional else None
            if mode:
                state["mode"] = None
            seconds = state["seconds"]
        raw = self.connection
        if mode == "garbage":
            self.wfile.write(b"HTTP/1.1 3o4 Not Modified\r\nETag " + tag.encode() + b"\r\n\r\n")
            self.wfile.flush()
            self.close_connection = True
        elif mode == "body":
            self.wfile.write(b"HTTP/1.1 304 Not Modified\r\nETag: " + tag.encode() + b"\r\nContent-Length: 5\r\n\r\nhello")
            self.wfile.flush()
            self.close_connection = True
        elif mode == "changed":
            self.reply(200, body, extra={"ETag": tag})
        elif mode == "reset":
            raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            raw.close()
            self.close_connection = True
        elif mode == "slow":
            time.sleep(seconds)
            self.not_modified(tag)
        elif conditional is not None and tag in conditional:
            self.not_modified(tag)
            if mode == "close":
                self.close_connection = True
        else:
            self.reply(200, body, extra={"ETag": tag})

    def not_modified(self, tag):
        self.send_response(304)
        self.send_header("ETag", tag)
        self.end_headers()


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def main():
    count = int(sys.argv[sys.argv.index("--origins") + 1]) if "--origins" in sys.argv else 2
    servers = [Server(("127.0.0.1", 0), Handler) for _ in range(count)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    urls = ["http://127.0.0.1:%d" % s.server_address[1] for s in servers]
    print("READY " + " ".join(urls), flush=True)
    # Exit with the parent: when the test process ends, our stdin reaches EOF.
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)


if __name__ == "__main__":
    main()
