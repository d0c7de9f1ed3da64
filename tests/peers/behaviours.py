"""What a test peer does, decided by the text of the user's message.

Pure Python with no third-party imports: the 1.3, 0.3 and 0.1 peers all import it, so the
three dialects behave the same and tests can assert exact texts. README.md has the table.

A message is a list of words; `key=value` words set numbers, bare words set flags:

    steps=3 delay=0.3     working updates "Step i/3 (P%)" + one artifact chunk per step, then completed
    chunks=4 [delay=S]    an artifact in 4 chunks, then completed
    sleep=30              working "Sleeping for 30.0s", then completed (for cancel tests)
    ask                   input-required; the next message on the same task completes it with an echo
    fail / reject         failed / rejected
    cut=K / drop=K        the server ends (cut) or aborts (drop) the HTTP stream after K SSE events
    skill                 completed with an artifact naming the requested skill
    direct                (1.0 and 0.3 only) answers with a plain Message instead of a Task
    anything else         completed with an "echo" artifact repeating the text
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Exact texts, shared so the captures and the tests agree across dialects.
ASK_TEXT = "Need more input: reply on this taskId"
FAIL_TEXT = "Failing on purpose"
REJECT_TEXT = "Rejected on purpose: this agent declines requests that say 'reject'"
CANCELED_TEXT = "Canceled by client request"
DONE_TEXT = "Done"
REPORT_ARTIFACT = "report"
CHUNKS_ARTIFACT = "chunks"
ANSWER_ARTIFACT = "answer"
ECHO_ARTIFACT = "echo"
SKILL_ARTIFACT = "skill"

# Bounds: a test peer must not be talked into running forever or allocating without end.
MAX_STEPS = 1000
MAX_CHUNKS = 1000
MAX_SECONDS = 600.0
MAX_DELAY = 60.0


@dataclass(frozen=True)
class Plan:
    """The behaviour asked for by one message."""

    steps: int = 0
    chunks: int = 0
    delay: float | None = None  # None: the default for the behaviour
    sleep: float = 0.0
    ask: bool = False
    fail: bool = False
    reject: bool = False
    skill: bool = False
    direct: bool = False
    cut: int | None = None
    drop: int | None = None

    @property
    def does_work(self) -> bool:
        return self.steps > 0 or self.chunks > 0 or self.sleep > 0

    @property
    def step_delay(self) -> float:
        return 0.0 if self.delay is None else self.delay

    @property
    def chunk_delay(self) -> float:
        # A small default so a chunked artifact really arrives as separate SSE events.
        return 0.05 if self.delay is None else self.delay


_WORD = re.compile(r"[A-Za-z]+(?:=[^\s]+)?")


def _number(text: str, kind: type, low: float, high: float) -> float | int | None:
    try:
        value = kind(text)
    except ValueError:
        return None
    if value != value:  # NaN
        return None
    return max(low, min(high, value))


def parse(text: str) -> Plan:
    """Reads a Plan from free text. Unknown words are ignored; bad numbers are ignored."""
    fields: dict[str, object] = {}
    for word in _WORD.findall(text or ""):
        key, _, value = word.partition("=")
        key = key.lower()
        if not value:
            if key in ("ask", "fail", "reject", "skill", "direct"):
                fields[key] = True
            continue
        if key in ("steps", "chunks"):
            number = _number(value, int, 0, MAX_STEPS if key == "steps" else MAX_CHUNKS)
        elif key in ("cut", "drop"):
            number = _number(value, int, 0, 100_000)
        elif key == "delay":
            number = _number(value, float, 0.0, MAX_DELAY)
        elif key == "sleep":
            number = _number(value, float, 0.0, MAX_SECONDS)
        else:
            continue
        if number is not None:
            fields[key] = number
    return Plan(**fields)  # type: ignore[arg-type]


def starting_text(steps: int, delay: float) -> str:
    # Matches the captured peer: "Starting: 3 steps, 0.3s each".
    return f"Starting: {steps} steps, {float(delay)}s each"


def percent(done: int, total: int) -> int:
    """Whole percent, rounding half up (1/30 -> 3, 2/3 -> 67)."""
    if total <= 0:
        return 100
    return (200 * done + total) // (2 * total)


def step_text(done: int, total: int) -> str:
    return f"Step {done}/{total} ({percent(done, total)}%)"


def step_chunk(done: int, total: int) -> str:
    return f"chunk {done} of {total}\n"


def chunks_start_text(count: int) -> str:
    return f"Streaming {count} chunks"


def chunk_text(index: int, count: int) -> str:
    """Chunk `index` (1-based); the whole artifact is these joined with no separator."""
    return f"[{index}/{count}] The quick brown fox jumps over the lazy dog.\n"


def chunked_artifact_text(count: int) -> str:
    return "".join(chunk_text(i, count) for i in range(1, count + 1))


def sleep_text(seconds: float) -> str:
    return f"Sleeping for {float(seconds)}s"


def answer_text(answer: str) -> str:
    return f"You said: {answer}"


def echo_text(text: str) -> str:
    return f"Echo: {text}"


def skill_text(skill: str | None) -> str:
    return f"skill={skill or 'none'}"


def direct_text(text: str) -> str:
    return f"Direct reply: {text}"


def report_artifact_id(task_id: str) -> str:
    return f"report-{task_id[:8]}"


def skill_from_metadata(*sources: object) -> str | None:
    """The skill a client asked for, from message or request metadata (several spellings seen)."""
    for source in sources:
        if not isinstance(source, dict):
            continue
        for key in ("skillId", "skill_id", "skill"):
            value = source.get(key)
            if isinstance(value, str) and value:
                return value[:200]
    return None


SKILLS = [
    {
        "id": "progress",
        "name": "Progress demo",
        "description": "Counts through N steps, streaming progress and artifact chunks.",
        "tags": ["demo", "streaming"],
        "examples": ["steps=5 delay=0.5", "steps=30 delay=1", "chunks=4", "sleep=30"],
    },
    {
        "id": "conversation",
        "name": "Conversation demo",
        "description": "Asks for more input, then echoes the answer; can fail or reject on request.",
        "tags": ["demo", "input-required"],
        "examples": ["ask", "fail", "reject", "skill"],
    },
]
