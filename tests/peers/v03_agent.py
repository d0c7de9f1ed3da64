"""A real A2A 0.3 peer built from a2a-sdk 0.3.26's own server classes (run with .venv-a2a03).

    .venv-a2a03/bin/python tests/peers/v03_agent.py --port 0
        [--streaming|--no-streaming] [--require-bearer-env VAR] [--name NAME]

Prints `READY http://127.0.0.1:PORT` once serving. `A2AStarletteApplication` serves the card at
both `/.well-known/agent-card.json` and the 0.2 path `/.well-known/agent.json`, JSON-RPC at `/`
(`message/send`, `message/stream`, `tasks/get`, `tasks/cancel`, `tasks/resubscribe`).
Behaviour follows the message text exactly as in the 1.0 peer (behaviours.py, README.md).
0.3.26 ships its HTTP+JSON app only for FastAPI (not installed), so there is no --rest here.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from a2a.server.agent_execution import AgentExecutor, RequestContext  # noqa: E402
from a2a.server.apps import A2AStarletteApplication  # noqa: E402
from a2a.server.events import EventQueue  # noqa: E402
from a2a.server.request_handlers import DefaultRequestHandler  # noqa: E402
from a2a.server.tasks import InMemoryTaskStore, TaskUpdater  # noqa: E402
from a2a.types import (  # noqa: E402
    AgentCapabilities,
    AgentCard,
    AgentProvider,
    AgentSkill,
    HTTPAuthSecurityScheme,
    Message,
    Part,
    Role,
    SecurityScheme,
    Task,
    TaskState,
    TaskStatus,
    TextPart,
)

import behaviours as b  # noqa: E402
import peer_server  # noqa: E402


def text_part(text: str) -> Part:
    return Part(root=TextPart(text=text))


class ProgressAgentExecutor(AgentExecutor):
    """Runs the Plan read from the user's text through the SDK's TaskUpdater."""

    def __init__(self) -> None:
        # 0.3.26 calls cancel() before it cancels execute(): remember cancellations so a step
        # that wakes up in between does not publish after the canceled state.
        self._canceled: set[str] = set()

    async def execute(self, context: RequestContext, event_queue: EventQueue) -> None:
        text = context.get_user_input()
        plan = b.parse(text)
        task_id = context.task_id or ""
        context_id = context.context_id or ""
        message = context.message
        skill = b.skill_from_metadata(
            context.metadata, message.metadata if message is not None else None
        )

        if plan.direct and context.current_task is None:
            await event_queue.enqueue_event(Message(
                message_id=f"direct-{task_id[:8]}",
                context_id=context_id,
                role=Role.agent,
                parts=[text_part(b.direct_text(text))],
            ))
            return

        current = context.current_task
        if current is None:
            await event_queue.enqueue_event(Task(
                id=task_id,
                context_id=context_id,
                status=TaskStatus(state=TaskState.submitted),
                history=[message] if message is not None else [],
            ))
        updater = TaskUpdater(event_queue, task_id, context_id)

        def say(words: str) -> Message:
            return updater.new_agent_message([text_part(words)])

        def still_running() -> bool:
            return task_id not in self._canceled

        if current is not None and current.status.state == TaskState.input_required:
            await updater.start_work(say("Got your answer"))
            await updater.add_artifact(
                [text_part(b.answer_text(text))], artifact_id=f"answer-{task_id[:8]}",
                name=b.ANSWER_ARTIFACT, last_chunk=True,
            )
            await updater.complete(say(b.DONE_TEXT))
            return

        if plan.reject:
            await updater.reject(say(b.REJECT_TEXT))
            return
        if plan.ask:
            # final=True: a 0.3 stream ends on the interrupted state only when flagged final.
            await updater.requires_input(say(b.ASK_TEXT), final=True)
            return

        skill_metadata = {"requestedSkill": skill} if skill else None
        if plan.sleep > 0:
            await updater.update_status(TaskState.working, say(b.sleep_text(plan.sleep)), metadata=skill_metadata)
            await asyncio.sleep(plan.sleep)
        if plan.steps > 0 and still_running():
            await updater.update_status(
                TaskState.working, say(b.starting_text(plan.steps, plan.step_delay)), metadata=skill_metadata
            )
            for step in range(1, plan.steps + 1):
                await asyncio.sleep(plan.step_delay)
                if not still_running():
                    return
                await updater.update_status(
                    TaskState.working,
                    say(b.step_text(step, plan.steps)),
                    metadata={"progress": b.percent(step, plan.steps)},
                )
                await updater.add_artifact(
                    [text_part(b.step_chunk(step, plan.steps))],
                    artifact_id=b.report_artifact_id(task_id),
                    name=b.REPORT_ARTIFACT,
                    append=step > 1,
                    last_chunk=step == plan.steps,
                )
        if plan.chunks > 0 and still_running():
            await updater.start_work(say(b.chunks_start_text(plan.chunks)))
            for index in range(1, plan.chunks + 1):
                if index > 1:
                    await asyncio.sleep(plan.chunk_delay)
                if not still_running():
                    return
                await updater.add_artifact(
                    [text_part(b.chunk_text(index, plan.chunks))],
                    artifact_id=f"chunks-{task_id[:8]}",
                    name=b.CHUNKS_ARTIFACT,
                    append=index > 1,
                    last_chunk=index == plan.chunks,
                )
        if not still_running():
            return
        if plan.fail:
            await updater.failed(say(b.FAIL_TEXT))
            return
        if plan.skill:
            await updater.add_artifact(
                [text_part(b.skill_text(skill))], artifact_id=f"skill-{task_id[:8]}",
                name=b.SKILL_ARTIFACT, last_chunk=True,
            )
        elif not plan.does_work:
            await updater.add_artifact(
                [text_part(b.echo_text(text))], artifact_id=f"echo-{task_id[:8]}",
                name=b.ECHO_ARTIFACT, last_chunk=True,
            )
        await updater.complete(say(b.DONE_TEXT))

    async def cancel(self, context: RequestContext, event_queue: EventQueue) -> None:
        task_id = context.task_id or ""
        self._canceled.add(task_id)
        updater = TaskUpdater(event_queue, task_id, context.context_id or "")
        await updater.cancel(updater.new_agent_message([text_part(b.CANCELED_TEXT)]))


def build_card(url: str, args: argparse.Namespace) -> AgentCard:
    card = AgentCard(
        name=args.name,
        description="0.3-only peer: working/progress updates, chunked artifact, cancel, "
        "input-required, failure and rejection on request (see the skill examples).",
        url=url + "/",
        preferred_transport="JSONRPC",
        protocol_version="0.3.0",
        version="0.3.26-peer",
        provider=AgentProvider(organization="AgentDeck test peers", url="https://example.invalid/agentdeck"),
        documentation_url="https://example.invalid/agentdeck/peers",
        capabilities=AgentCapabilities(streaming=args.streaming, push_notifications=False),
        default_input_modes=["text/plain"],
        default_output_modes=["text/plain"],
        skills=[AgentSkill(**skill) for skill in b.SKILLS],
    )
    if args.require_bearer_env:
        card.security_schemes = {
            "bearer": SecurityScheme(root=HTTPAuthSecurityScheme(scheme="bearer", bearer_format="opaque"))
        }
        card.security = [{"bearer": []}]
    return card


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--streaming", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--require-bearer-env", metavar="VAR")
    parser.add_argument("--name", default="Progress Demo Agent (SDK 0.3)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    token = peer_server.bearer_token_from_env(args.require_bearer_env)
    sock = peer_server.bind_socket(args.port)
    card = build_card(peer_server.base_url(sock), args)
    handler = DefaultRequestHandler(agent_executor=ProgressAgentExecutor(), task_store=InMemoryTaskStore())
    app = A2AStarletteApplication(agent_card=card, http_handler=handler).build()
    peer_server.serve(peer_server.wrap(app, token), sock)


if __name__ == "__main__":
    main(sys.argv[1:])
