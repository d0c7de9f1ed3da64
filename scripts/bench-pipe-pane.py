#!/usr/bin/env python3
"""Bytes per change through tmux (BENCHMARKS.md budget 2): the real dashboard in a 120x40 tmux pane
on the a2a-sdk 0.3 peer. A slow task (steps=6 delay=4) runs while another, finished one is selected
(so the detail pane does not follow the slow one); every chunk tmux writes to pipe-pane in 20 s is
printed with its time, size and first bytes. A progress step shows as "N/6 (..%)" in its chunk; the
other chunks are the AGE/TIME columns ticking. Run from the repository root; BIN=dir of agentdeck."""
import os, subprocess, tempfile, time

bin_dir = os.environ.get("BIN", ".build-perf-release/release")
work = tempfile.mkdtemp(prefix="agentdeck-pipe-")
sock = "agentdeck-pipe-%d" % os.getpid()
peer = subprocess.Popen([".venv-a2a03/bin/python", "tests/peers/v03_agent.py", "--port", "0"],
                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
url = peer.stdout.readline().split()[1]
out = os.path.join(work, "out")
open(out, "w").close()


def tmux(*args):
    subprocess.run(["tmux", "-L", sock] + list(args), check=True)


def dispatch(text):
    tmux("send-keys", "-t", "main", "n")
    time.sleep(0.3)
    tmux("send-keys", "-t", "main", "-l", text)
    time.sleep(0.3)
    tmux("send-keys", "-t", "main", "Enter")


try:
    tmux("-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "120", "-y", "40",
         f"exec env LANG=C.UTF-8 {os.path.abspath(bin_dir)}/agentdeck {url}")
    tmux("pipe-pane", "-t", "main", "-o", f"cat >> {out}")
    time.sleep(3)
    dispatch("steps=6 delay=4")
    time.sleep(1.5)
    dispatch("hello")  # selected from now on: the detail pane shows this one
    time.sleep(2.5)
    chunks = []
    with open(out, "rb") as f:
        f.seek(0, 2)
        t0 = time.monotonic()
        while time.monotonic() - t0 < 20:
            chunk = f.read()
            if chunk:
                chunks.append((time.monotonic() - t0, chunk))
            else:
                time.sleep(0.001)
    for t, chunk in chunks:
        kind = "progress" if b"/6 (" in chunk else "other"
        print(f"pipe_pane_chunk: {t:7.3f} s {len(chunk):4d} bytes {kind:8s} {chunk[:100]!r}")
    steps = [len(c) for _, c in chunks if b"/6 (" in c]
    if steps:
        print(f"bytes_progress_change_tmux: {min(steps)}-{max(steps)} bytes over {len(steps)} steps")
finally:
    subprocess.run(["tmux", "-L", sock, "kill-server"], stderr=subprocess.DEVNULL)
    peer.kill()
