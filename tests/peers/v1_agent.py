"""A real A2A 1.0 peer built from a2a-sdk 1.3.0's own server classes (run with .venv-a2a13).

    .venv-a2a13/bin/python tests/peers/v1_agent.py --port 0 [--compat|--no-compat]
        [--streaming|--no-streaming] [--rest|--rest-only] [--require-bearer-env VAR] [--name NAME]
        [--store FILE]

Prints `READY http://127.0.0.1:PORT` once serving. Behaviour follows the message text
(behaviours.py, README.md). JSON-RPC at `/`, card at `/.well-known/agent-card.json`,
HTTP+JSON under `/rest` with --rest.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from starlette.applications import Starlette  # noqa: E402

from a2a.helpers import new_text_part  # noqa: E402
from a2a.server.agent_execution import AgentExecutor, RequestContext  # noqa: E402
from a2a.server.events import EventQueue  # noqa: E402
from a2a.server.request_handlers import DefaultRequestHandler  # noqa: E402
from a2a.server.routes import (  # noqa: E402
    create_agent_card_routes,
    create_jsonrpc_routes,
    create_rest_routes,
)
from a2a.server.tasks import InMemoryTaskStore, TaskUpdater  # noqa: E402
from a2a.types import (  # noqa: E402
    AgentCapabilities,
    AgentCard,
    AgentInterface,
    AgentProvider,
    AgentSkill,
    HTTPAuthSecurityScheme,
    Message,
    Role,
    SecurityRequirement,
    SecurityScheme,
    StringList,
    Task,
    TaskState,
    TaskStatus,
)

import behaviours as b  # noqa: E402
import peer_server  # noqa: E402
from file_task_store import FileTaskStore  # noqa: E402

REST_PREFIX = "/rest"


class ProgressAgentExecutor(AgentExecutor):
    """Runs the Plan read from the user's text through the SDK's TaskUpdater."""

    async def execute(self, context: RequestContext, event_queue: EventQueue) -> None:
        text = context.get_user_input()
        plan = b.parse(text)
        task_id = context.task_id or ""
        context_id = context.context_id or ""
        message = context.message
        skill = b.skill_from_metadata(
            context.metadata,
            _struct_dict(message.metadata) if message is not None else None,
        )

        if plan.direct and context.current_task is None:
            await event_queue.enqueue_event(Message(
                message_id=f"direct-{task_id[:8]}",
                context_id=context_id,
                role=Role.ROLE_AGENT,
                parts=[new_text_part(b.direct_text(text))],
            ))
            return

        current = context.current_task
        if current is None:
            # A fresh task: announce it first, as the SDK samples do.
            await event_queue.enqueue_event(Task(
                id=task_id,
                context_id=context_id,
                status=TaskStatus(state=TaskState.TASK_STATE_SUBMITTED),
                history=[message] if message is not None else [],
            ))
        updater = TaskUpdater(event_queue, task_id, context_id)

        def say(words: str) -> Message:
            return updater.new_agent_message([new_text_part(words)])

        # A follow-up to a task waiting for input: the text is the answer.
        if current is not None and current.status.state == TaskState.TASK_STATE_INPUT_REQUIRED:
            await updater.start_work(say("Got your answer"))
            await updater.add_artifact(
                [new_text_part(b.answer_text(text))],
                artifact_id=f"answer-{task_id[:8]}",
                name=b.ANSWER_ARTIFACT,
                last_chunk=True,
            )
            await updater.complete(say(b.DONE_TEXT))
            return

        if plan.reject:
            await updater.reject(say(b.REJECT_TEXT))
            return
        if plan.ask:
            await updater.requires_input(say(b.ASK_TEXT))
            return

        skill_metadata = {"requestedSkill": skill} if skill else None
        if plan.sleep > 0:
            await updater.update_status(
                TaskState.TASK_STATE_WORKING, say(b.sleep_text(plan.sleep)), metadata=skill_metadata
            )
            await asyncio.sleep(plan.sleep)
        if plan.steps > 0:
            await self._run_steps(updater, say, plan, task_id, skill_metadata)
        if plan.chunks > 0:
            await self._stream_chunks(updater, say, plan, task_id)
        if plan.fail:
            await updater.failed(say(b.FAIL_TEXT))
            return
        if plan.skill:
            await updater.add_artifact(
                [new_text_part(b.skill_text(skill))], artifact_id=f"skill-{task_id[:8]}",
                name=b.SKILL_ARTIFACT, last_chunk=True,
            )
        elif not plan.does_work:
            await updater.add_artifact(
                [new_text_part(b.echo_text(text))], artifact_id=f"echo-{task_id[:8]}",
                name=b.ECHO_ARTIFACT, last_chunk=True,
            )
        await updater.complete(say(b.DONE_TEXT))

    @staticmethod
    async def _run_steps(updater, say, plan, task_id, skill_metadata) -> None:
        await updater.update_status(
            TaskState.TASK_STATE_WORKING,
            say(b.starting_text(plan.steps, plan.step_delay)),
            metadata=skill_metadata,
        )
        for step in range(1, plan.steps + 1):
            await asyncio.sleep(plan.step_delay)
            await updater.update_status(
                TaskState.TASK_STATE_WORKING,
                say(b.step_text(step, plan.steps)),
                metadata={"progress": float(b.percent(step, plan.steps))},
            )
            await updater.add_artifact(
                [new_text_part(b.step_chunk(step, plan.steps))],
                artifact_id=b.report_artifact_id(task_id),
                name=b.REPORT_ARTIFACT,
                append=True if step > 1 else None,
                last_chunk=True if step == plan.steps else None,
            )

    @staticmethod
    async def _stream_chunks(updater, say, plan, task_id) -> None:
        await updater.start_work(say(b.chunks_start_text(plan.chunks)))
        for index in range(1, plan.chunks + 1):
            if index > 1:
                await asyncio.sleep(plan.chunk_delay)
            await updater.add_artifact(
                [new_text_part(b.chunk_text(index, plan.chunks))],
                artifact_id=f"chunks-{task_id[:8]}",
                name=b.CHUNKS_ARTIFACT,
                append=True if index > 1 else None,
                last_chunk=True if index == plan.chunks else None,
            )

    async def cancel(self, context: RequestContext, event_queue: EventQueue) -> None:
        # The SDK has already cancelled execute(); record the outcome.
        updater = TaskUpdater(event_queue, context.task_id or "", context.context_id or "")
        await updater.cancel(updater.new_agent_message([new_text_part(b.CANCELED_TEXT)]))


def _struct_dict(struct) -> dict:
    try:
        from google.protobuf import json_format

        return json_format.MessageToDict(struct)
    except Exception:  # noqa: BLE001 - metadata is untrusted input; no skill is fine
        return {}


def build_card(url: str, args: argparse.Namespace) -> AgentCard:
    interfaces = []
    if not args.rest_only:
        interfaces.append(AgentInterface(url=url + "/", protocol_binding="JSONRPC", protocol_version="1.0"))
    if args.rest or args.rest_only:
        interfaces.append(AgentInterface(url=url + REST_PREFIX, protocol_binding="HTTP+JSON", protocol_version="1.0"))
    if args.compat:
        if not args.rest_only:
            interfaces.append(AgentInterface(url=url + "/", protocol_binding="JSONRPC", protocol_version="0.3"))
        if args.rest or args.rest_only:
            interfaces.append(AgentInterface(url=url + REST_PREFIX, protocol_binding="HTTP+JSON", protocol_version="0.3"))
    card = AgentCard(
        name=args.name,
        description="Emits working/progress status updates and a chunked artifact; supports cancel, "
        "input-required, failure and rejection on request (see the skill examples).",
        supported_interfaces=interfaces,
        provider=AgentProvider(organization="AgentDeck test peers", url="https://example.invalid/agentdeck"),
        version="1.3.0-peer",
        documentation_url="https://example.invalid/agentdeck/peers",
        capabilities=AgentCapabilities(streaming=args.streaming, push_notifications=False),
        default_input_modes=["text/plain"],
        default_output_modes=["text/plain"],
        skills=[AgentSkill(**skill) for skill in b.SKILLS],
    )
    if args.require_bearer_env:
        card.security_schemes["bearer"].CopyFrom(
            SecurityScheme(http_auth_security_scheme=HTTPAuthSecurityScheme(scheme="Bearer", bearer_format="opaque"))
        )
        card.security_requirements.append(SecurityRequirement(schemes={"bearer": StringList()}))
    return card


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--compat", action=argparse.BooleanOptionalAction, default=True,
                        help="also accept 0.3 method names and serve the merged card (default on)")
    parser.add_argument("--streaming", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--rest", action="store_true", help="also serve HTTP+JSON under /rest")
    parser.add_argument("--rest-only", action="store_true", help="serve HTTP+JSON under /rest and no JSON-RPC")
    parser.add_argument("--require-bearer-env", metavar="VAR")
    parser.add_argument("--name", default="Progress Demo Agent")
    parser.add_argument("--store", metavar="FILE",
                        help="keep tasks in FILE across restarts (running ones come back failed)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    token = peer_server.bearer_token_from_env(args.require_bearer_env)
    sock = peer_server.bind_socket(args.port)
    card = build_card(peer_server.base_url(sock), args)
    task_store = InMemoryTaskStore()
    if args.store:
        task_store = FileTaskStore(args.store)
        asyncio.run(task_store.load())
    handler = DefaultRequestHandler(agent_executor=ProgressAgentExecutor(), task_store=task_store, agent_card=card)
    routes = list(create_agent_card_routes(card))
    if not args.rest_only:
        routes += create_jsonrpc_routes(handler, rpc_url="/", enable_v0_3_compat=args.compat)
    if args.rest or args.rest_only:
        routes += create_rest_routes(handler, enable_v0_3_compat=args.compat, path_prefix=REST_PREFIX)
    app = Starlette(routes=routes)
    peer_server.serve(peer_server.wrap(app, token), sock)


if __name__ == "__main__":
    main(sys.argv[1:])
