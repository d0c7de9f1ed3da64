"""Proves the behaviour table in README.md on every peer, over raw HTTP (run with .venv-a2a13).

    .venv-a2a13/bin/python tests/peers/selftest.py [v1 v1-nocompat v03 v01 v01-adhoc]

Starts each peer, sends each behaviour's message in that peer's dialect, reduces the stream to
dialect-free steps and compares them with the exact texts from behaviours.py. Prints one line
per check; exit 0 when all pass, 1 otherwise. The Swift integration suite runs it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable

import httpx

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import behaviours as b  # noqa: E402


@dataclass
class Step:
    kind: str  # status | artifact | task | message | result
    state: str | None = None
    text: str | None = None
    progress: float | None = None
    artifact: str | None = None
    append: bool = False
    last: bool = False


@dataclass
class Stream:
    steps: list[Step] = field(default_factory=list)
    task_id: str | None = None
    context_id: str | None = None

    def texts(self) -> list[str]:
        return [s.text for s in self.steps if s.kind == "status" and s.text is not None]

    def final_state(self) -> str | None:
        states = [s.state for s in self.steps if s.state]
        return states[-1] if states else None

    def artifact_text(self, name: str) -> str:
        text = ""
        for s in self.steps:
            if s.kind == "artifact" and s.artifact == name:
                text = text + (s.text or "") if s.append else (s.text or "")
        return text


def kebab(state: str) -> str:
    return state.removeprefix("TASK_STATE_").lower().replace("_", "-")


def sse_data(body: str) -> list[Any]:
    events, data = [], []
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line == "":
            if data:
                events.append(json.loads("\n".join(data)))
            data = []
        elif line.startswith("data:"):
            data.append(line[5:].removeprefix(" "))
    return events  # an unterminated event at EOF is discarded, as in WHATWG SSE


def first_text(message: dict | None) -> str | None:
    for part in (message or {}).get("parts", []):
        if isinstance(part.get("text"), str):
            return part["text"]
    return None


class Dialect:
    """How to talk to one peer: build requests and reduce its events to Steps."""

    name = ""
    headers: dict[str, str] = {}

    def __init__(self, url: str) -> None:
        self.url = url
        self.http = httpx.Client(timeout=60)

    def call(self, method: str, params: dict) -> httpx.Response:
        body = {"jsonrpc": "2.0", "id": str(uuid.uuid4()), "method": method, "params": params}
        return self.http.post(self.url + "/", json=body, headers=self.headers)

    def stream(self, text: str, follow: Stream | None = None, metadata: dict | None = None) -> Stream:
        response = self.call(self.stream_method, self.send_params(text, follow, metadata))
        out = Stream()
        if follow is not None:
            out.task_id, out.context_id = follow.task_id, follow.context_id
        for event in sse_data(response.text):
            self.reduce(event, out)
        return out

    def result(self, method: str, params: dict) -> dict:
        doc = self.call(method, params).json()
        if "error" in doc:
            raise AssertionError(f"{method} answered error {doc['error']}")
        return doc["result"]


class V1(Dialect):
    name, stream_method = "v1", "SendStreamingMessage"
    headers = {"A2A-Version": "1.0"}

    def send_params(self, text, follow, metadata):
        message: dict[str, Any] = {"messageId": str(uuid.uuid4()), "role": "ROLE_USER", "parts": [{"text": text}]}
        if follow:
            message.update(taskId=follow.task_id, contextId=follow.context_id)
        if metadata:
            message["metadata"] = metadata
        return {"message": message}

    def reduce(self, event, out):
        r = event["result"]
        if "task" in r:
            out.task_id, out.context_id = r["task"]["id"], r["task"]["contextId"]
            out.steps.append(Step("task", kebab(r["task"]["status"]["state"])))
        elif "statusUpdate" in r:
            u = r["statusUpdate"]
            out.steps.append(Step("status", kebab(u["status"]["state"]), first_text(u["status"].get("message")),
                                  (u.get("metadata") or {}).get("progress")))
        elif "artifactUpdate" in r:
            u = r["artifactUpdate"]
            out.steps.append(Step("artifact", text=first_text(u["artifact"]), artifact=u["artifact"].get("name"),
                                  append=u.get("append", False), last=u.get("lastChunk", False)))
        elif "message" in r:
            out.steps.append(Step("message", text=first_text(r["message"])))

    def get_state(self, task_id):
        return kebab(self.result("GetTask", {"id": task_id})["status"]["state"])

    def cancel_state(self, task_id):
        return kebab(self.result("CancelTask", {"id": task_id})["status"]["state"])


class V03(Dialect):
    name, stream_method = "v03", "message/stream"

    def send_params(self, text, follow, metadata):
        message: dict[str, Any] = {"kind": "message", "messageId": str(uuid.uuid4()), "role": "user",
                                   "parts": [{"kind": "text", "text": text}]}
        if follow:
            message.update(taskId=follow.task_id, contextId=follow.context_id)
        if metadata:
            message["metadata"] = metadata
        return {"message": message}

    def reduce(self, event, out):
        r = event["result"]
        kind = r.get("kind")
        if kind == "task":
            out.task_id, out.context_id = r["id"], r["contextId"]
            out.steps.append(Step("task", r["status"]["state"]))
        elif kind == "status-update":
            out.steps.append(Step("status", r["status"]["state"], first_text(r["status"].get("message")),
                                  (r.get("metadata") or {}).get("progress")))
        elif kind == "artifact-update":
            out.steps.append(Step("artifact", text=first_text(r["artifact"]), artifact=r["artifact"].get("name"),
                                  append=bool(r.get("append")), last=bool(r.get("lastChunk"))))
        elif kind == "message":
            out.steps.append(Step("message", text=first_text(r)))

    def get_state(self, task_id):
        return self.result("tasks/get", {"id": task_id})["status"]["state"]

    def cancel_state(self, task_id):
        return self.result("tasks/cancel", {"id": task_id})["status"]["state"]


class V01(Dialect):
    name, stream_method = "v01", "tasks/sendSubscribe"

    def send_params(self, text, follow, metadata):
        task_id = follow.task_id if follow else "task-" + uuid.uuid4().hex[:12]
        params: dict[str, Any] = {"id": task_id, "sessionId": "selftest",
                                  "message": {"role": "user", "parts": [{"type": "text", "text": text}]}}
        if metadata:
            params["metadata"] = metadata
        self._last_id = task_id
        return params

    def stream(self, text, follow=None, metadata=None):
        out = super().stream(text, follow, metadata)
        out.task_id = self._last_id
        return out

    def reduce(self, event, out):
        r = event["result"]
        if "status" in r:
            out.steps.append(Step("status", r["status"]["state"], first_text(r["status"].get("message")),
                                  (r.get("metadata") or {}).get("progress")))
        elif "artifact" in r:
            a = r["artifact"]
            out.steps.append(Step("artifact", text=first_text(a), artifact=a.get("name"),
                                  append=bool(a.get("append")), last=bool(a.get("lastChunk"))))

    def get_state(self, task_id):
        return self.result("tasks/get", {"id": task_id})["status"]["state"]

    def cancel_state(self, task_id):
        return self.result("tasks/cancel", {"id": task_id})["status"]["state"]


class V01Adhoc(V01):
    name = "v01-adhoc"

    def reduce(self, event, out):
        kind = event.get("type")
        if kind == "task_status":
            out.steps.append(Step("status", event["state"], event.get("message") or event.get("stage")))
        elif kind == "progress":
            out.steps.append(Step("status", "working", event.get("stage"), event.get("percent")))
        elif kind == "task_result":
            out.steps.append(Step("result", event["state"], event.get("result") or event.get("error")))


# --- the checks ---------------------------------------------------------------------------


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise AssertionError(what)


def check_steps(d: Dialect) -> None:
    s = d.stream("steps=3 delay=0")
    expected = [b.starting_text(3, 0.0)] + [b.step_text(i, 3) for i in (1, 2, 3)]
    if isinstance(d, V01Adhoc):
        expect(s.texts() == expected, f"texts {s.texts()}")
        expect(s.steps[-1].kind == "result" and s.steps[-1].text == "chunk 1 of 3\nchunk 2 of 3\nchunk 3 of 3\n",
               f"result {s.steps[-1]}")
    else:
        expect(s.texts() == expected + [b.DONE_TEXT], f"texts {s.texts()}")
        expect(s.artifact_text(b.REPORT_ARTIFACT) == "chunk 1 of 3\nchunk 2 of 3\nchunk 3 of 3\n",
               f"artifact {s.artifact_text(b.REPORT_ARTIFACT)!r}")
        chunks = [x for x in s.steps if x.kind == "artifact"]
        expect([x.append for x in chunks] == [False, True, True] and [x.last for x in chunks] == [False, False, True],
               f"append/lastChunk {[(x.append, x.last) for x in chunks]}")
    progress = [x.progress for x in s.steps if x.progress is not None]
    expect(progress == [33, 67, 100], f"progress {progress}")
    expect(s.final_state() == "completed", f"final {s.final_state()}")


def check_chunks(d: Dialect) -> None:
    s = d.stream("chunks=4 delay=0")
    if isinstance(d, V01Adhoc):
        expect(s.steps[-1].text == b.chunked_artifact_text(4), f"result {s.steps[-1]}")
    else:
        expect(s.artifact_text(b.CHUNKS_ARTIFACT) == b.chunked_artifact_text(4), "assembled chunks")
        expect(sum(1 for x in s.steps if x.kind == "artifact") == 4, "4 chunk events")
    expect(s.final_state() == "completed", f"final {s.final_state()}")


def check_ask(d: Dialect) -> None:
    s = d.stream("ask")
    expect(s.final_state() == "input-required", f"first stream ends {s.final_state()}")
    expect(b.ASK_TEXT in s.texts(), f"ask text in {s.texts()}")
    s2 = d.stream("blue", follow=s)
    expect(s2.final_state() == "completed", f"follow-up ends {s2.final_state()}")
    answer = s2.steps[-1].text if isinstance(d, V01Adhoc) else s2.artifact_text(b.ANSWER_ARTIFACT)
    expect(answer == b.answer_text("blue"), f"answer {answer!r}")
    expect(d.get_state(s.task_id) == "completed", "get after follow-up")


def check_fail_reject(d: Dialect) -> None:
    expect(d.stream("fail").final_state() == "failed", "fail")
    expect(d.stream("reject").final_state() == "rejected", "reject")


def check_cancel(d: Dialect) -> None:
    # Non-blocking start: the stream is cut after one event; the task sleeps on.
    s = d.stream("sleep=30 cut=1")
    expect(s.task_id is not None, "task id from the first event")
    expect(d.get_state(s.task_id) in ("submitted", "working"), "running before cancel")
    expect(d.cancel_state(s.task_id) == "canceled", "cancel answer")
    expect(d.get_state(s.task_id) == "canceled", "get after cancel")


def check_cut(d: Dialect) -> None:
    s = d.stream("steps=4 delay=0.1 cut=2")
    expect(len(s.steps) == 2, f"{len(s.steps)} events before the cut, expected 2")
    deadline = time.monotonic() + 20
    while d.get_state(s.task_id) != "completed":
        expect(time.monotonic() < deadline, "the task did not complete after the cut")
        time.sleep(0.1)


def check_skill(d: Dialect) -> None:
    s = d.stream("skill", metadata={"skillId": "conversation"})
    text = s.steps[-1].text if isinstance(d, V01Adhoc) else s.artifact_text(b.SKILL_ARTIFACT)
    expect(text == b.skill_text("conversation"), f"skill artifact {text!r}")


def check_echo(d: Dialect) -> None:
    s = d.stream("hello there")
    text = s.steps[-1].text if isinstance(d, V01Adhoc) else s.artifact_text(b.ECHO_ARTIFACT)
    expect(text == b.echo_text("hello there"), f"echo {text!r}")


CHECKS: list[Callable[[Dialect], None]] = [
    check_steps, check_chunks, check_ask, check_fail_reject, check_cancel, check_cut, check_skill, check_echo,
]

PEERS = {
    "v1": (".venv-a2a13", "v1_agent.py", ["--compat"], V1),
    "v1-nocompat": (".venv-a2a13", "v1_agent.py", ["--no-compat"], V1),
    "v03": (".venv-a2a03", "v03_agent.py", [], V03),
    "v01": (".venv-a2a13", "v01_agent.py", ["--style", "standard"], V01),
    "v01-adhoc": (".venv-a2a13", "v01_agent.py", ["--style", "adhoc"], V01Adhoc),
}


def start(venv: str, script: str, args: list[str]) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [os.path.join(ROOT, venv, "bin", "python"), os.path.join(HERE, script), "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    line = process.stdout.readline() if process.stdout else ""
    if not line.startswith("READY "):
        process.kill()
        raise SystemExit(f"{script} did not start (got {line!r})")
    return process, line.split()[1]


def main(names: list[str]) -> int:
    failures = 0
    for name in names or list(PEERS):
        venv, script, args, dialect = PEERS[name]
        process, url = start(venv, script, args)
        try:
            d = dialect(url)
            for check in CHECKS:
                try:
                    check(d)
                    print(f"PASS {name:<12} {check.__name__}", flush=True)
                except Exception as error:  # noqa: BLE001 - report and go on
                    failures += 1
                    print(f"FAIL {name:<12} {check.__name__}: {error}", flush=True)
        finally:
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
    print("OK all behaviours" if failures == 0 else f"FAILED {failures} checks", flush=True)
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
