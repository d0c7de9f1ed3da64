"""A task store that survives the peer's restart, for fault tests (`v1_agent.py --store FILE`).

The SDK's InMemoryTaskStore does the work; every save also writes all tasks to FILE (JSON,
written to a temp file and renamed, so a `kill -9` leaves the old or the new file, never half).
On start, tasks found in FILE are loaded; one that was still running when the peer died cannot
go on (its executor died with the process), so it is stored as failed with the message
"agent restarted: task lost" — what a careful real agent reports after a crash.
"""

from __future__ import annotations

import json
import os

from google.protobuf.json_format import MessageToDict, ParseDict

from a2a.helpers import new_text_part
from a2a.server.context import ServerCallContext
from a2a.server.tasks import InMemoryTaskStore
from a2a.types import Message, Role, Task, TaskState, TaskStatus

RESTART_MESSAGE = "agent restarted: task lost"
TERMINAL = {
    TaskState.TASK_STATE_COMPLETED,
    TaskState.TASK_STATE_FAILED,
    TaskState.TASK_STATE_CANCELED,
    TaskState.TASK_STATE_REJECTED,
}


class FileTaskStore(InMemoryTaskStore):
    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.tasks: dict[str, Task] = {}

    async def load(self) -> None:
        """Reads FILE (if any); running tasks become failed, as they could not survive."""
        if not os.path.exists(self.path):
            return
        with open(self.path, encoding="utf-8") as f:
            stored = json.load(f)
        context = ServerCallContext()
        for raw in stored:
            task = ParseDict(raw, Task())
            if task.status.state not in TERMINAL:
                task.status.CopyFrom(
                    TaskStatus(
                        state=TaskState.TASK_STATE_FAILED,
                        message=Message(message_id=f"restart-{task.id}", role=Role.ROLE_AGENT,
                                        parts=[new_text_part(RESTART_MESSAGE)]),
                    )
                )
            await self.save(task, context)

    async def save(self, task: Task, context: ServerCallContext) -> None:
        await super().save(task, context)
        copy = Task()
        copy.CopyFrom(task)
        self.tasks[task.id] = copy
        self._write()

    async def delete(self, task_id: str, context: ServerCallContext) -> None:
        await super().delete(task_id, context)
        self.tasks.pop(task_id, None)
        self._write()

    def _write(self) -> None:
        temp = self.path + ".tmp"
        with open(temp, "w", encoding="utf-8") as f:
            json.dump([MessageToDict(t) for t in self.tasks.values()], f)
        os.replace(temp, self.path)
