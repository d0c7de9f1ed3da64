#!/usr/bin/env python3
"""Where a key's time went, for scripts/bench-e2e.sh LOOP_TRACE=1.

argv[1]: one line per key sample, "<sent ns> <seen ns>" (CLOCK_MONOTONIC, from the bench's poller).
argv[2]: the dashboard's AGENTDECK_LOOP_TRACE file (see Sources/Terminal/LoopTrace.swift).
For each sample: the first `key` line after the send, the first drawn frame that starts after it,
and the loop's work between. Prints median and p95 (ms) of each part.
"""
import bisect
import sys

sends = [tuple(map(int, line.split())) for line in open(sys.argv[1]) if line.strip()]
keys, frames, busy, wake_cpu, key_delay = [], [], [], [], {}  # busy: (start, end, kind) of wake/tick/frame work
for line in open(sys.argv[2]):
    parts = line.split()
    if not parts:
        continue
    kind, values = parts[0], list(map(int, parts[1:]))
    if kind == "key":
        keys.append(values[0])
        key_delay[values[0]] = values[1] if len(values) > 1 else 0
    elif kind == "frame":
        frames.append((values[0], values[1], values[2], values[4] if len(values) > 4 else 0, values[5] if len(values) > 5 else 0))
        busy.append((values[0], values[1], "frame"))
    elif kind in ("wake", "tick") and len(values) >= 2:
        busy.append((values[0], values[1], kind))
        if kind == "wake" and len(values) > 2:
            wake_cpu.append((values[1] - values[0], values[2], values[3] if len(values) > 3 else 0))
keys.sort()
frames.sort()
busy.sort()
frame_starts = [f[0] for f in frames]
busy_starts = [b[0] for b in busy]

parts = {name: [] for name in ("send_to_read", "read_run_delay", "busy_at_send", "read_to_frame", "wake_between", "frame", "frame_cpu", "frame_run_delay", "frame_to_seen", "total")}
for sent, seen in sends:
    k = bisect.bisect_left(keys, sent)
    if k == len(keys) or keys[k] > seen:
        continue
    read = keys[k]
    f = bisect.bisect_left(frame_starts, read)
    while f < len(frames) and not frames[f][2]:
        f += 1
    if f == len(frames) or frames[f][1] > seen:
        continue
    start, end, _, frame_cpu, frame_delay = frames[f]
    # Work the loop was doing when the key was sent (it could not read the key before that ended).
    b = bisect.bisect_right(busy_starts, sent) - 1
    at_send = max(0, min(busy[b][1], read) - sent) if b >= 0 and busy[b][1] > sent else 0
    # Network news handled between the read and the key's frame.
    between = sum(e - s for s, e, kind in busy if kind != "frame" and s >= read and e <= start)
    parts["send_to_read"].append(read - sent)
    parts["read_run_delay"].append(key_delay.get(read, 0))
    parts["busy_at_send"].append(at_send)
    parts["read_to_frame"].append(start - read)
    parts["wake_between"].append(between)
    parts["frame"].append(end - start)
    parts["frame_cpu"].append(frame_cpu)
    parts["frame_run_delay"].append(frame_delay)
    parts["frame_to_seen"].append(seen - end)
    parts["total"].append(seen - sent)


def quantile(values, q):
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1) + 0.5)] / 1e6


print(f"e2e_key_split_samples: {len(parts['total'])} of {len(sends)} matched to the trace")
for name, values in parts.items():
    if values:
        print(f"e2e_key_split_{name}_ms: median {quantile(values, 0.5):.1f} p95 {quantile(values, 0.95):.1f}")
# The loop's work over the whole trace: how long one wake-up batch or frame holds the thread.
for kind in ("wake", "frame", "tick"):
    durations = [e - s for s, e, k in busy if k == kind]
    if durations:
        print(f"e2e_loop_{kind}_ms: n {len(durations)} median {quantile(durations, 0.5):.2f} "
              f"p95 {quantile(durations, 0.95):.2f} max {max(durations) / 1e6:.1f}")
cpu = [f[3] for f in frames if f[2]]
if any(cpu):
    print(f"e2e_loop_frame_cpu_ms (drawn frames, thread CPU): median {quantile(cpu, 0.5):.2f} p95 {quantile(cpu, 0.95):.2f} max {max(cpu) / 1e6:.1f}")
if wake_cpu:
    cpu = [c for _, c, _ in wake_cpu]
    longest = sorted(wake_cpu)[-3:]
    print(f"e2e_loop_wake_cpu_ms (thread CPU): median {quantile(cpu, 0.5):.2f} p95 {quantile(cpu, 0.95):.2f}; "
          "three longest wakes (wall/CPU/waiting for a CPU): " + ", ".join(f"{w / 1e6:.0f}/{c / 1e6:.0f}/{d / 1e6:.0f}" for w, c, d in longest))
