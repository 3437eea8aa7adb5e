"""Run the CLI with its output on a real pseudo-terminal, as in a terminal window (shared by the tty tests)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
from pathlib import Path


def read_until_closed(fd: int, timeout: float = 120) -> bytes:
    """Everything written to the terminal until the child closes it (or stays silent for `timeout` s)."""
    chunks = []
    while True:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            break
        try:
            data = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks)


def run_in_terminal(
    cmd: list[str], cwd: Path, env: dict, *, stdout_on_terminal: bool
) -> tuple[int, str, str]:
    """(exit code, stdout if it went to a pipe else "", what the terminal received)."""
    leader, follower = pty.openpty()
    stdout = follower if stdout_on_terminal else subprocess.PIPE
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=stdout, stderr=follower, stdin=subprocess.DEVNULL, env=env)
    os.close(follower)
    seen = read_until_closed(leader)
    out = "" if stdout_on_terminal else proc.stdout.read().decode()
    code = proc.wait(timeout=120)
    os.close(leader)
    return code, out, seen.decode("utf-8", "replace")
