"""Checks an A2A agent with the OFFICIAL a2a-sdk client, the way a real client would use it.

    .venv-a2a13/bin/python tests/conformance/check_agent.py URL --sdk 1.3   # A2A 1.0 client
    .venv-a2a03/bin/python tests/conformance/check_agent.py URL --sdk 0.3   # A2A 0.3 client

Steps, each bounded in time:
  card         fetch and parse the agent card (0.3 also tries the 0.2 path /.well-known/agent.json)
  stream       streaming send of --message; the stream must end in a terminal or interrupted state
  get          get that task; its state must equal the stream's last state
  cancel       streaming send of --long-message, drop the stream after the first event, cancel:
               the answer and a following get must say canceled
  resubscribe  streaming send of --resubscribe-message, drop the stream early, resubscribe,
               follow it to a terminal state; a get must agree

Exit 0 with a summary when every step passes; exit 1 naming the first failing step and why;
exit 2 for usage errors (wrong venv for --sdk). The default messages follow the test peers'
behaviour table (tests/peers/README.md), which agents under test must mirror.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.metadata
import os
import sys
import uuid
from dataclasses import dataclass, field
from typing import Any, AsyncIterator

TERMINAL = {"completed", "canceled", "failed", "rejected"}
INTERRUPTED = {"input-required", "auth-required"}
STEP_TIMEOUT = 60.0


class CheckFailed(Exception):
    pass


@dataclass
class Event:
    """One stream event, reduced to what the checks need (same shape for both SDKs)."""

    kind: str  # task | status | artifact | message
    task_id: str | None
    state: str | None  # lowercase kebab, e.g. "input-required"; None when the event carries none


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)

    def ok(self, step: str, detail: str) -> None:
        self.lines.append(f"PASS {step:<12} {detail}")
        print(self.lines[-1], flush=True)


def kebab(state_name: str) -> str:
    """TASK_STATE_INPUT_REQUIRED / input_required / input-required -> input-required."""
    name = state_name.removeprefix("TASK_STATE_").lower().replace("_", "-")
    return "unknown" if name == "unspecified" else name


# --- a2a-sdk 1.3 (A2A 1.0) ---------------------------------------------------------------


class V13Agent:
    def __init__(self, url: str, headers: dict[str, str]) -> None:
        import httpx

        self.url = url
        self.http = httpx.AsyncClient(headers=headers, timeout=httpx.Timeout(30.0, read=None))
        self.client: Any = None

    async def card(self) -> str:
        from a2a.client import A2ACardResolver, ClientConfig, ClientFactory

        card = await A2ACardResolver(self.http, self.url).get_agent_card()
        if not card.capabilities.streaming:
            raise CheckFailed("card says capabilities.streaming is false; this checker needs streaming")
        self.client = ClientFactory(ClientConfig(streaming=True, httpx_client=self.http)).create(card)
        versions = sorted({i.protocol_binding + " " + i.protocol_version for i in card.supported_interfaces})
        return f"{card.name!r} version {card.version}, interfaces: {', '.join(versions)}"

    @staticmethod
    def _event(response: Any) -> Event:
        which = response.WhichOneof("payload")
        if which == "task":
            return Event("task", response.task.id, kebab(_state_name_v13(response.task.status.state)))
        if which == "status_update":
            update = response.status_update
            return Event("status", update.task_id, kebab(_state_name_v13(update.status.state)))
        if which == "artifact_update":
            return Event("artifact", response.artifact_update.task_id, None)
        return Event("message", response.message.task_id or None, None)

    async def stream(self, text: str) -> AsyncIterator[Event]:
        from a2a.types import Message, Part, Role, SendMessageRequest

        request = SendMessageRequest(message=Message(
            role=Role.ROLE_USER, message_id=str(uuid.uuid4()), parts=[Part(text=text)]))
        async for response in self.client.send_message(request):
            yield self._event(response)

    async def subscribe(self, task_id: str) -> AsyncIterator[Event]:
        from a2a.types import SubscribeToTaskRequest

        async for response in self.client.subscribe(SubscribeToTaskRequest(id=task_id)):
            yield self._event(response)

    async def get_state(self, task_id: str) -> str:
        from a2a.types import GetTaskRequest

        task = await self.client.get_task(GetTaskRequest(id=task_id))
        return kebab(_state_name_v13(task.status.state))

    async def cancel_state(self, task_id: str) -> str:
        from a2a.types import CancelTaskRequest

        task = await self.client.cancel_task(CancelTaskRequest(id=task_id))
        return kebab(_state_name_v13(task.status.state))

    async def close(self) -> None:
        if self.client is not None:
            await self.client.close()
        await self.http.aclose()


def _state_name_v13(value: int) -> str:
    from a2a.types import TaskState

    return TaskState.Name(value)


# --- a2a-sdk 0.3 (A2A 0.3) ---------------------------------------------------------------


class V03Agent:
    def __init__(self, url: str, headers: dict[str, str]) -> None:
        import httpx

        self.url = url
        self.http = httpx.AsyncClient(headers=headers, timeout=httpx.Timeout(30.0, read=None))
        self.client: Any = None

    async def card(self) -> str:
        from a2a.client import A2ACardResolver, ClientConfig, ClientFactory

        resolver = A2ACardResolver(self.http, self.url)
        try:
            card = await resolver.get_agent_card()
            where = "/.well-known/agent-card.json"
        except Exception as current_error:  # noqa: BLE001 - a 0.2 agent serves only the older path
            try:
                card = await resolver.get_agent_card(relative_card_path="/.well-known/agent.json")
            except Exception as legacy_error:  # noqa: BLE001
                raise CheckFailed(
                    f"card: /.well-known/agent-card.json: {type(current_error).__name__}: {current_error}; "
                    f"/.well-known/agent.json: {type(legacy_error).__name__}: {legacy_error}"
                ) from None
            where = "/.well-known/agent.json"
        if not card.capabilities.streaming:
            raise CheckFailed("card says capabilities.streaming is false; this checker needs streaming")
        self.client = ClientFactory(ClientConfig(streaming=True, httpx_client=self.http)).create(card)
        return f"{card.name!r} version {card.version}, protocolVersion {card.protocol_version}, from {where}"

    @staticmethod
    def _event(item: Any) -> Event:
        from a2a.types import Message, TaskArtifactUpdateEvent, TaskStatusUpdateEvent

        if isinstance(item, Message):
            return Event("message", item.task_id, None)
        task, update = item
        if isinstance(update, TaskStatusUpdateEvent):
            return Event("status", update.task_id, kebab(update.status.state.value))
        if isinstance(update, TaskArtifactUpdateEvent):
            return Event("artifact", update.task_id, None)
        return Event("task", task.id, kebab(task.status.state.value))

    async def stream(self, text: str) -> AsyncIterator[Event]:
        from a2a.types import Message, Part, Role, TextPart

        message = Message(role=Role.user, message_id=str(uuid.uuid4()), parts=[Part(root=TextPart(text=text))])
        async for item in self.client.send_message(message):
            yield self._event(item)

    async def subscribe(self, task_id: str) -> AsyncIterator[Event]:
        from a2a.types import TaskIdParams

        async for item in self.client.resubscribe(TaskIdParams(id=task_id)):
            yield self._event(item)

    async def get_state(self, task_id: str) -> str:
        from a2a.types import TaskQueryParams

        task = await self.client.get_task(TaskQueryParams(id=task_id))
        return kebab(task.status.state.value)

    async def cancel_state(self, task_id: str) -> str:
        from a2a.types import TaskIdParams

        task = await self.client.cancel_task(TaskIdParams(id=task_id))
        return kebab(task.status.state.value)

    async def close(self) -> None:
        if self.client is not None:
            await self.client.close()
        await self.http.aclose()


# --- the checks ------------------------------------------------------------------------------


async def within(step: str, awaitable: Any) -> Any:
    try:
        return await asyncio.wait_for(awaitable, STEP_TIMEOUT)
    except asyncio.TimeoutError:
        raise CheckFailed(f"{step}: no answer within {STEP_TIMEOUT:.0f} s") from None


async def collect(events: AsyncIterator[Event]) -> list[Event]:
    out = []
    async with contextlib.aclosing(events):  # type: ignore[type-var]
        async for event in events:
            out.append(event)
    return out


async def first_task_event(step: str, events: AsyncIterator[Event]) -> Event:
    """Reads until an event names the task, then drops the stream (as a client closing it would)."""
    async with contextlib.aclosing(events):  # type: ignore[type-var]
        async for event in events:
            if event.task_id:
                return event
    raise CheckFailed(f"{step}: the stream ended before any event named a task")


def last_state(events: list[Event]) -> str | None:
    states = [event.state for event in events if event.state]
    if events and events[-1].kind == "message":
        return "message"
    return states[-1] if states else None


def describe(events: list[Event]) -> str:
    counts: dict[str, int] = {}
    for event in events:
        counts[event.kind] = counts.get(event.kind, 0) + 1
    return ", ".join(f"{count} {kind}" for kind, count in counts.items())


async def check(agent: Any, args: argparse.Namespace, report: Report) -> None:
    report.ok("card", await within("card", agent.card()))

    events = await within("stream", collect(agent.stream(args.message)))
    if not events:
        raise CheckFailed(f"stream: no events for {args.message!r}")
    final = last_state(events)
    if final == "message":
        raise CheckFailed(f"stream: {args.message!r} was answered with a Message, not a Task")
    if final not in TERMINAL | INTERRUPTED:
        raise CheckFailed(f"stream: ended in state {final!r} ({describe(events)}), not terminal or interrupted")
    task_id = next(event.task_id for event in events if event.task_id)
    report.ok("stream", f"{len(events)} events ({describe(events)}), ended {final}")

    got = await within("get", agent.get_state(task_id))
    if got != final:
        raise CheckFailed(f"get: task {task_id} is {got!r} but its stream ended {final!r}")
    report.ok("get", f"task {task_id[:8]} is {got}")

    first = await within("cancel", first_task_event("cancel", agent.stream(args.long_message)))
    canceled = await within("cancel", agent.cancel_state(first.task_id))
    if canceled != "canceled":
        raise CheckFailed(f"cancel: the cancel answer says {canceled!r}, not canceled")
    after = await within("cancel", agent.get_state(first.task_id))
    if after != "canceled":
        raise CheckFailed(f"cancel: get after cancel says {after!r}")
    report.ok("cancel", f"task {first.task_id[:8]} ({args.long_message!r}) canceled")

    first = await within("resubscribe", first_task_event("resubscribe", agent.stream(args.resubscribe_message)))
    resumed = await within("resubscribe", collect(agent.subscribe(first.task_id)))
    final = last_state(resumed)
    if final not in TERMINAL:
        raise CheckFailed(f"resubscribe: ended in state {final!r} ({describe(resumed)}), not terminal")
    got = await within("resubscribe", agent.get_state(first.task_id))
    if got != final:
        raise CheckFailed(f"resubscribe: get says {got!r} but the resubscribed stream ended {final!r}")
    report.ok("resubscribe", f"{len(resumed)} events ({describe(resumed)}) after reattaching, ended {final}")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="the agent's base URL, e.g. http://127.0.0.1:41241")
    parser.add_argument("--sdk", choices=["1.3", "0.3"], required=True, help="which official client to use")
    parser.add_argument("--message", default="steps=3 delay=0.2")
    parser.add_argument("--long-message", default="sleep=30")
    parser.add_argument("--resubscribe-message", default="steps=4 delay=0.3")
    parser.add_argument("--bearer-env", metavar="VAR", help="send Authorization: Bearer $VAR")
    return parser.parse_args(argv)


async def main_async(args: argparse.Namespace) -> int:
    headers = {}
    if args.bearer_env:
        token = os.environ.get(args.bearer_env, "")
        if not token:
            print(f"error: --bearer-env {args.bearer_env} is empty or unset", file=sys.stderr)
            return 2
        headers["Authorization"] = f"Bearer {token}"
    agent = V13Agent(args.url, headers) if args.sdk == "1.3" else V03Agent(args.url, headers)
    report = Report()
    try:
        await check(agent, args, report)
    except CheckFailed as failure:
        print(f"FAIL {failure}", flush=True)
        return 1
    except Exception as error:  # noqa: BLE001 - any client error is a finding, reported plainly
        step = ["card", "stream", "get", "cancel", "resubscribe"][min(len(report.lines), 4)]
        print(f"FAIL {step}: {type(error).__name__}: {error}", flush=True)
        return 1
    finally:
        with contextlib.suppress(Exception):
            await agent.close()
    print(f"OK {args.url}: {len(report.lines)} checks passed with a2a-sdk {args.sdk} client", flush=True)
    return 0


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    installed = importlib.metadata.version("a2a-sdk")
    if not installed.startswith(args.sdk + "."):
        venv = ".venv-a2a13" if args.sdk == "1.3" else ".venv-a2a03"
        print(f"error: --sdk {args.sdk} needs a2a-sdk {args.sdk}.x but this Python has {installed}; "
              f"run it with {venv}/bin/python", file=sys.stderr)
        return 2
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
