"""Serving plumbing shared by every test peer (needs only Starlette + uvicorn, present in both venvs).

- `bind_socket(port)`: a listening socket bound before uvicorn starts, so `--port 0` works and
  the real port is known while the agent card (which names its own URL) is being built.
- `serve(app, sock)`: runs uvicorn on that socket and prints exactly one line
  `READY http://127.0.0.1:PORT` on stdout once it accepts connections.
- `StreamCutMiddleware`: honours `cut=K` / `drop=K` in a request's message text by ending
  (cut) or aborting (drop) an SSE response after K events, while the agent keeps working.
- `BearerAuthMiddleware`: rejects requests without `Authorization: Bearer <token>` (cards stay public).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import os
import re
import socket
import sys
import threading
from typing import Any, Awaitable, Callable

import uvicorn

from behaviours import parse

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

HOST = "127.0.0.1"
MAX_REQUEST_BODY = 4 * 1024 * 1024


def log(*parts: object) -> None:
    """Diagnostics go to stderr: stdout carries only the READY line."""
    print(*parts, file=sys.stderr, flush=True)


def bind_socket(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def base_url(sock: socket.socket) -> str:
    return f"http://{HOST}:{sock.getsockname()[1]}"


def _exit_when_stdin_closes(server: uvicorn.Server, loop: asyncio.AbstractEventLoop) -> None:
    """When the launching test process dies, its end of our stdin pipe closes: stop too.

    Opt-in through A2A_PEER_EXIT_ON_STDIN_EOF=1 so a peer run by hand in a shell is unaffected.
    """

    def watch() -> None:
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except (OSError, ValueError):
            pass
        loop.call_soon_threadsafe(setattr, server, "should_exit", True)

    threading.Thread(target=watch, name="stdin-watch", daemon=True).start()


async def _serve(app: ASGIApp, sock: socket.socket) -> None:
    config = uvicorn.Config(
        app,
        log_level=os.environ.get("A2A_PEER_LOG_LEVEL", "warning"),
        timeout_graceful_shutdown=1,
        access_log=False,
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if serving.done():
            await serving  # re-raises the startup error
            raise SystemExit("uvicorn stopped before it was ready")
        await asyncio.sleep(0.01)
    if os.environ.get("A2A_PEER_EXIT_ON_STDIN_EOF") == "1":
        _exit_when_stdin_closes(server, asyncio.get_running_loop())
    print(f"READY {base_url(sock)}", flush=True)
    await serving


def serve(app: ASGIApp, sock: socket.socket) -> None:
    asyncio.run(_serve(app, sock))


# --- stream cutting -------------------------------------------------------------------------


def message_text(body: bytes) -> str:
    """The user's text in a JSON-RPC (any dialect) or HTTP+JSON send request; "" if none."""
    try:
        doc = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return ""
    if not isinstance(doc, dict):
        return ""
    params = doc.get("params") if isinstance(doc.get("params"), dict) else doc
    message = params.get("message") if isinstance(params, dict) else None
    if not isinstance(message, dict):
        return ""
    texts = []
    # "parts" everywhere except the 0.3 HTTP+JSON binding, whose proto JSON says "content".
    for part in (message.get("parts") or message.get("content") or []):
        if isinstance(part, dict) and isinstance(part.get("text"), str):
            texts.append(part["text"])
    return "\n".join(texts)


_EVENT_END = re.compile(rb"\r\n\r\n|\n\n|\r\r")


class StreamDropped(Exception):
    """Raised to abort a response mid-stream (uvicorn then closes the connection)."""


class StreamCutMiddleware:
    """Ends an SSE response after K `data:` events when the request text says `cut=K` or `drop=K`.

    `cut` finishes the HTTP response cleanly (a proxy or server timing out looks like this);
    `drop` aborts the connection without the terminating chunk. Either way the agent's task
    keeps running, so a client must recover with get + resubscribe.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        body = b""
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > MAX_REQUEST_BODY or not message.get("more_body", False):
                break
        plan = parse(message_text(body))
        limit = plan.cut if plan.cut is not None else plan.drop
        abort = plan.cut is None and plan.drop is not None
        if limit is None:
            await self.app(scope, _replay(body, receive), send)
            return
        await self._run_with_cut(scope, body, receive, send, limit, abort)

    async def _run_with_cut(
        self, scope: Scope, body: bytes, receive: Receive, send: Send, limit: int, abort: bool
    ) -> None:
        cut_done = asyncio.Event()
        is_sse = False
        pending = b""  # bytes of a partly sent event
        events = 0

        async def cut_send(message: Message) -> None:
            nonlocal is_sse, pending, events
            if cut_done.is_set():
                return  # the client is gone as far as the app is concerned
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers") or [])
                is_sse = headers.get(b"content-type", b"").startswith(b"text/event-stream")
                await send(message)
                if is_sse and limit == 0:
                    await self._finish(send, cut_done, abort)
                return
            if message["type"] != "http.response.body" or not is_sse:
                await send(message)
                return
            already_sent = len(pending)  # the partial event kept from earlier chunks went out already
            pending += message.get("body", b"")
            complete_to = 0
            for end in _EVENT_END.finditer(pending):
                event = pending[complete_to:end.end()]
                complete_to = end.end()
                if b"data:" in event:
                    events += 1
                    if events >= limit:
                        await send({
                            "type": "http.response.body",
                            "body": pending[already_sent:complete_to],
                            "more_body": True,
                        })
                        await self._finish(send, cut_done, abort)
                        return
            pending = pending[complete_to:]
            await send(message)

        async def cut_receive() -> Message:
            # After the cut the app must see a disconnect so its stream generator winds down.
            if not replayed[0]:
                replayed[0] = True
                return {"type": "http.request", "body": body, "more_body": False}
            real = asyncio.ensure_future(receive())
            cut = asyncio.ensure_future(cut_done.wait())
            done, _ = await asyncio.wait({real, cut}, return_when=asyncio.FIRST_COMPLETED)
            if real in done:
                cut.cancel()
                return real.result()
            real.cancel()
            return {"type": "http.disconnect"}

        replayed = [False]
        try:
            await self.app(scope, cut_receive, cut_send)
        except Exception:
            if not (cut_done.is_set() and abort):
                raise
        if cut_done.is_set() and abort:
            raise StreamDropped(f"dropped the stream after {limit} events on purpose")

    @staticmethod
    async def _finish(send: Send, cut_done: asyncio.Event, abort: bool) -> None:
        if not abort:
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        cut_done.set()


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = [False]

    async def replay() -> Message:
        if not sent[0]:
            sent[0] = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


# --- bearer auth ----------------------------------------------------------------------------


class BearerAuthMiddleware:
    """401 unless `Authorization: Bearer <token>`; the well-known card paths stay public."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.expected = f"Bearer {token}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/.well-known/"):
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or []).get(b"authorization", b"")
        if hmac.compare_digest(given, self.expected):
            await self.app(scope, receive, send)
            return
        body = json.dumps({"error": "missing or invalid bearer token"}).encode()
        await send({
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"www-authenticate", b'Bearer realm="a2a-test-peer"'),
            ],
        })
        await send({"type": "http.response.body", "body": body, "more_body": False})


def bearer_token_from_env(variable: str | None) -> str | None:
    """The token named by --require-bearer-env, or exit with a clear message when unset."""
    if not variable:
        return None
    token = os.environ.get(variable, "")
    if not token:
        raise SystemExit(f"--require-bearer-env {variable}: that environment variable is empty or unset")
    return token


def wrap(app: ASGIApp, bearer_token: str | None) -> ASGIApp:
    """Stream cutting innermost, auth outermost."""
    wrapped: ASGIApp = StreamCutMiddleware(app)
    if bearer_token:
        wrapped = BearerAuthMiddleware(wrapped, bearer_token)
    return wrapped
