"""A blog-era A2A 0.1 peer on plain Starlette (run with .venv-a2a13, which has Starlette + sse-starlette).

    .venv-a2a13/bin/python tests/peers/v01_agent.py --port 0 [--style standard|adhoc]
        [--streaming|--no-streaming] [--require-bearer-env VAR] [--name NAME]

Prints `READY http://127.0.0.1:PORT` once serving. Card only at `/.well-known/agent.json`
(0.1 shape: url, capabilities.stateTransitionHistory, authentication.schemes, no
protocolVersion). JSON-RPC at `/`: `tasks/send`, `tasks/sendSubscribe`, `tasks/get`,
`tasks/cancel`, `tasks/resubscribe`; every other method (all 1.0 and 0.3 names) is -32601.
The client chooses the task `id` and `sessionId`; parts are `{"type":"text","text":...}`;
a non-standard `params.skillId` is accepted.

Streams (`--style`):
  standard  JSON-RPC envelopes whose result is `{id,status,final}` or `{id,artifact:{parts,index,append,lastChunk}}`
  adhoc     bare objects as some blog-era agents sent them:
            {"type":"task_status","state":"working"}, {"type":"progress","stage":"...","percent":25},
            {"type":"task_result","state":"completed","result":"..."}
Behaviour follows the message text as in the other peers (behaviours.py, README.md).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections import OrderedDict
from datetime import datetime
from typing import Any, AsyncIterator

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sse_starlette.sse import EventSourceResponse  # noqa: E402
from starlette.applications import Starlette  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import JSONResponse, Response  # noqa: E402
from starlette.routing import Route  # noqa: E402

import behaviours as b  # noqa: E402
import peer_server  # noqa: E402

# JSON-RPC error codes as the 0.1 spec numbered them.
PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
TASK_NOT_FOUND = -32001
TASK_NOT_CANCELABLE = -32002
STREAMING_NOT_SUPPORTED = -32006
INVALID_TASK_STATE = -32009

TERMINAL = {"completed", "canceled", "failed", "rejected"}
SETTLED = TERMINAL | {"input-required"}
MAX_TASKS = 500
MAX_ID_LENGTH = 200


class RpcError(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def now() -> str:
    # Zone-less ISO timestamps, as the 0.1 Python samples produced.
    return datetime.now().isoformat()


def text_message(role: str, text: str) -> dict[str, Any]:
    return {"role": role, "parts": [{"type": "text", "text": text}]}


class TaskRecord:
    """One task as the server knows it, plus the streams listening to it."""

    def __init__(self, task_id: str, session_id: str, metadata: dict[str, Any]) -> None:
        self.id = task_id
        self.session_id = session_id
        self.metadata = metadata
        self.state = "submitted"
        self.status_text: str | None = None
        self.timestamp = now()
        self.artifacts: list[dict[str, Any]] = []  # position = the 0.1 artifact `index`
        self.history: list[dict[str, Any]] = []
        self.listeners: set[asyncio.Queue] = set()
        self.runner: asyncio.Task | None = None
        self.settled = asyncio.Event()

    def status_json(self) -> dict[str, Any]:
        status: dict[str, Any] = {"state": self.state, "timestamp": self.timestamp}
        if self.status_text is not None:
            status["message"] = text_message("agent", self.status_text)
        return status

    def task_json(self, history_length: int | None = None) -> dict[str, Any]:
        history = self.history if history_length is None else self.history[-history_length:] if history_length > 0 else []
        return {
            "id": self.id,
            "sessionId": self.session_id,
            "status": self.status_json(),
            "artifacts": [dict(artifact) for artifact in self.artifacts],
            "history": history,
            "metadata": self.metadata,
        }

    def publish(self, event: dict[str, Any]) -> None:
        for queue in list(self.listeners):
            queue.put_nowait(event)

    def set_status(self, state: str, text: str | None, progress: int | None = None) -> None:
        self.state = state
        self.status_text = text
        self.timestamp = now()
        final = state in SETTLED
        if final:
            self.settled.set()
            if text is not None:
                self.history.append(text_message("agent", text))
        self.publish({"kind": "status", "state": state, "text": text, "final": final, "progress": progress,
                      "timestamp": self.timestamp})

    def add_chunk(self, name: str, text: str, append: bool, last_chunk: bool) -> None:
        index = next((i for i, a in enumerate(self.artifacts) if a["name"] == name), None)
        part = {"type": "text", "text": text}
        if index is None:
            index = len(self.artifacts)
            self.artifacts.append({"name": name, "parts": [part], "index": index, "lastChunk": last_chunk})
        elif append:
            self.artifacts[index]["parts"].append(part)
            self.artifacts[index]["lastChunk"] = last_chunk
        else:
            self.artifacts[index] = {"name": name, "parts": [part], "index": index, "lastChunk": last_chunk}
        chunk = {"name": name, "parts": [part], "index": index, "append": append, "lastChunk": last_chunk}
        self.publish({"kind": "artifact", "artifact": chunk})

    def progress(self, stage: str, percent: int) -> None:
        """Progress without a status change; only the ad-hoc style shows it."""
        self.publish({"kind": "progress", "stage": stage, "percent": percent})

    def all_artifact_text(self) -> str:
        return "".join(part["text"] for artifact in self.artifacts for part in artifact["parts"])


async def run_plan(record: TaskRecord, text: str, resuming: bool) -> None:
    """The same behaviours as the 1.0 and 0.3 peers, in 0.1 terms."""
    plan = b.parse(text)
    if resuming:
        record.set_status("working", "Got your answer")
        record.add_chunk(b.ANSWER_ARTIFACT, b.answer_text(text), append=False, last_chunk=True)
        record.set_status("completed", b.DONE_TEXT)
        return
    if plan.reject:
        record.set_status("rejected", b.REJECT_TEXT)
        return
    if plan.ask:
        record.set_status("input-required", b.ASK_TEXT)
        return
    if plan.sleep > 0:
        record.set_status("working", b.sleep_text(plan.sleep))
        await asyncio.sleep(plan.sleep)
    if plan.steps > 0:
        record.set_status("working", b.starting_text(plan.steps, plan.step_delay))
        for step in range(1, plan.steps + 1):
            await asyncio.sleep(plan.step_delay)
            record.set_status("working", b.step_text(step, plan.steps), progress=b.percent(step, plan.steps))
            record.add_chunk(b.REPORT_ARTIFACT, b.step_chunk(step, plan.steps), append=step > 1,
                             last_chunk=step == plan.steps)
    if plan.chunks > 0:
        record.set_status("working", b.chunks_start_text(plan.chunks))
        for index in range(1, plan.chunks + 1):
            if index > 1:
                await asyncio.sleep(plan.chunk_delay)
            record.progress(f"Streaming chunk {index}/{plan.chunks}", b.percent(index, plan.chunks))
            record.add_chunk(b.CHUNKS_ARTIFACT, b.chunk_text(index, plan.chunks), append=index > 1,
                             last_chunk=index == plan.chunks)
    if plan.fail:
        record.set_status("failed", b.FAIL_TEXT)
        return
    if plan.skill:
        skill = record.metadata.get("skillId")
        record.add_chunk(b.SKILL_ARTIFACT, b.skill_text(skill if isinstance(skill, str) else None),
                         append=False, last_chunk=True)
    elif not plan.does_work:
        record.add_chunk(b.ECHO_ARTIFACT, b.echo_text(text), append=False, last_chunk=True)
    record.set_status("completed", b.DONE_TEXT)


# --- stream renderings ----------------------------------------------------------------------


def standard_event(event: dict[str, Any], record: TaskRecord, request_id: Any) -> dict[str, Any] | None:
    if event["kind"] == "status":
        status: dict[str, Any] = {"state": event["state"], "timestamp": event["timestamp"]}
        if event["text"] is not None:
            status["message"] = text_message("agent", event["text"])
        result: dict[str, Any] = {"id": record.id, "status": status, "final": event["final"]}
        if event["progress"] is not None:
            result["metadata"] = {"progress": event["progress"]}
    elif event["kind"] == "artifact":
        result = {"id": record.id, "artifact": event["artifact"]}
    else:
        return None
    return {"jsonrpc": "2.0", "id": request_id, "result": result}


def adhoc_event(event: dict[str, Any], record: TaskRecord, request_id: Any) -> dict[str, Any] | None:
    if event["kind"] == "progress":
        return {"type": "progress", "stage": event["stage"], "percent": event["percent"]}
    if event["kind"] != "status":
        return None  # ad-hoc agents deliver the result at the end, not as chunks
    state, text = event["state"], event["text"]
    if state == "working" and event["progress"] is not None:
        return {"type": "progress", "stage": text, "percent": event["progress"]}
    if state == "completed":
        return {"type": "task_result", "state": state, "result": record.all_artifact_text()}
    if state in ("failed", "rejected"):
        return {"type": "task_result", "state": state, "error": text}
    out: dict[str, Any] = {"type": "task_status", "state": state}
    if text is not None and state != "working":
        out["message"] = text
    elif text is not None:
        out["stage"] = text
    return out


class V01Server:
    def __init__(self, args: argparse.Namespace, url: str) -> None:
        self.args = args
        self.url = url
        self.tasks: OrderedDict[str, TaskRecord] = OrderedDict()
        self.render = adhoc_event if args.style == "adhoc" else standard_event

    # --- card -----------------------------------------------------------------------------

    def card(self) -> dict[str, Any]:
        return {
            "name": self.args.name,
            "description": "Blog-era (A2A 0.1) peer: progress updates, a chunked artifact, cancel, "
            "input-required, failure and rejection on request (see the skill examples).",
            "url": self.url + "/",
            "provider": {"organization": "AgentDeck test peers", "url": "https://example.invalid/agentdeck"},
            "version": "0.1.0-peer",
            "documentationUrl": "https://example.invalid/agentdeck/peers",
            "capabilities": {
                "streaming": self.args.streaming,
                "pushNotifications": False,
                "stateTransitionHistory": False,
            },
            "authentication": {"schemes": ["Bearer"] if self.args.require_bearer_env else ["public"]},
            "defaultInputModes": ["text"],
            "defaultOutputModes": ["text"],
            "skills": [dict(skill, inputModes=["text"], outputModes=["text"]) for skill in b.SKILLS],
        }

    async def get_card(self, request: Request) -> Response:
        return JSONResponse(self.card())

    # --- JSON-RPC -------------------------------------------------------------------------

    async def rpc(self, request: Request) -> Response:
        request_id: Any = None
        try:
            try:
                body = json.loads(await request.body())
            except (ValueError, UnicodeDecodeError):
                raise RpcError(PARSE_ERROR, "Invalid JSON payload") from None
            if not isinstance(body, dict) or body.get("jsonrpc") != "2.0" or not isinstance(body.get("method"), str):
                raise RpcError(INVALID_REQUEST, "Request payload validation error")
            request_id = body.get("id")
            params = body.get("params")
            if not isinstance(params, dict):
                raise RpcError(INVALID_PARAMS, "params must be an object")
            method = body["method"]
            if method == "tasks/send":
                return self.result(request_id, await self.send(params))
            if method == "tasks/sendSubscribe":
                return self.send_subscribe(params, request_id)
            if method == "tasks/get":
                record = self.find(params)
                return self.result(request_id, record.task_json(self.history_length(params)))
            if method == "tasks/cancel":
                return self.result(request_id, self.cancel(self.find(params)))
            if method == "tasks/resubscribe":
                return self.resubscribe(self.find(params), request_id)
            raise RpcError(METHOD_NOT_FOUND, "Method not found")
        except RpcError as error:
            return JSONResponse({"jsonrpc": "2.0", "id": request_id,
                                 "error": {"code": error.code, "message": error.message}})

    @staticmethod
    def result(request_id: Any, result: dict[str, Any]) -> Response:
        return JSONResponse({"jsonrpc": "2.0", "id": request_id, "result": result})

    @staticmethod
    def history_length(params: dict[str, Any]) -> int | None:
        value = params.get("historyLength")
        return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None

    def find(self, params: dict[str, Any]) -> TaskRecord:
        task_id = params.get("id")
        record = self.tasks.get(task_id) if isinstance(task_id, str) else None
        if record is None:
            raise RpcError(TASK_NOT_FOUND, "Task not found")
        return record

    def start(self, params: dict[str, Any]) -> tuple[TaskRecord, str, bool]:
        """Creates or resumes the task named by the client's `id`, and starts its runner."""
        task_id, message = params.get("id"), params.get("message")
        if not isinstance(task_id, str) or not task_id or len(task_id) > MAX_ID_LENGTH:
            raise RpcError(INVALID_PARAMS, "params.id must be a non-empty string (the client chooses it)")
        if not isinstance(message, dict) or not isinstance(message.get("parts"), list):
            raise RpcError(INVALID_PARAMS, "params.message.parts is required")
        text = "\n".join(part["text"] for part in message["parts"]
                         if isinstance(part, dict) and part.get("type") == "text" and isinstance(part.get("text"), str))
        record = self.tasks.get(task_id)
        resuming = False
        if record is not None:
            if record.state != "input-required":
                raise RpcError(INVALID_TASK_STATE, f"Task {task_id} is {record.state}; only input-required tasks take more input")
            resuming = True
            record.settled.clear()
        else:
            session_id = params.get("sessionId")
            metadata = dict(params.get("metadata")) if isinstance(params.get("metadata"), dict) else {}
            skill = b.skill_from_metadata(params, metadata, message.get("metadata"))
            if skill:
                metadata["skillId"] = skill
            record = TaskRecord(task_id, session_id if isinstance(session_id, str) else task_id, metadata)
            self.remember(record)
        record.history.append({"role": "user", "parts": message["parts"], **(
            {"metadata": message["metadata"]} if isinstance(message.get("metadata"), dict) else {})})
        return record, text, resuming

    def remember(self, record: TaskRecord) -> None:
        self.tasks[record.id] = record
        while len(self.tasks) > MAX_TASKS:
            oldest = next(iter(self.tasks.values()))
            if oldest.runner is not None and not oldest.runner.done():
                oldest.runner.cancel()
            self.tasks.popitem(last=False)

    def launch(self, record: TaskRecord, text: str, resuming: bool) -> None:
        record.runner = asyncio.create_task(run_plan(record, text, resuming))

    async def send(self, params: dict[str, Any]) -> dict[str, Any]:
        record, text, resuming = self.start(params)
        self.launch(record, text, resuming)
        await record.settled.wait()
        return record.task_json(self.history_length(params))

    def send_subscribe(self, params: dict[str, Any], request_id: Any) -> Response:
        if not self.args.streaming:
            raise RpcError(STREAMING_NOT_SUPPORTED, "Streaming is not supported by this agent")
        record, text, resuming = self.start(params)
        queue: asyncio.Queue = asyncio.Queue()
        record.listeners.add(queue)  # before the runner starts, so no event is missed
        self.launch(record, text, resuming)
        return EventSourceResponse(self.stream(record, queue, request_id))

    def resubscribe(self, record: TaskRecord, request_id: Any) -> Response:
        if not self.args.streaming:
            raise RpcError(STREAMING_NOT_SUPPORTED, "Streaming is not supported by this agent")
        queue: asyncio.Queue = asyncio.Queue()
        # Start with where the task stands now; a settled task ends the stream at once.
        queue.put_nowait({"kind": "status", "state": record.state, "text": record.status_text,
                          "final": record.state in SETTLED, "progress": None, "timestamp": record.timestamp})
        record.listeners.add(queue)
        return EventSourceResponse(self.stream(record, queue, request_id))

    async def stream(self, record: TaskRecord, queue: asyncio.Queue, request_id: Any) -> AsyncIterator[dict[str, str]]:
        try:
            while True:
                event = await queue.get()
                rendered = self.render(event, record, request_id)
                if rendered is not None:
                    yield {"data": json.dumps(rendered)}
                if event["kind"] == "status" and event["final"]:
                    return
        finally:
            record.listeners.discard(queue)

    def cancel(self, record: TaskRecord) -> dict[str, Any]:
        if record.state in TERMINAL:
            raise RpcError(TASK_NOT_CANCELABLE, f"Task cannot be canceled - current state: {record.state}")
        if record.runner is not None and not record.runner.done():
            record.runner.cancel()
        record.set_status("canceled", b.CANCELED_TEXT)
        return record.task_json()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--style", choices=["standard", "adhoc"], default="standard")
    parser.add_argument("--streaming", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--require-bearer-env", metavar="VAR")
    parser.add_argument("--name", default="Code Review Agent (A2A 0.1)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    token = peer_server.bearer_token_from_env(args.require_bearer_env)
    sock = peer_server.bind_socket(args.port)
    server = V01Server(args, peer_server.base_url(sock))
    app = Starlette(routes=[
        Route("/.well-known/agent.json", server.get_card, methods=["GET"]),
        Route("/", server.rpc, methods=["POST"]),
    ])
    peer_server.serve(peer_server.wrap(app, token), sock)


if __name__ == "__main__":
    main(sys.argv[1:])
