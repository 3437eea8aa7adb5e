"""``--watch``: the real CLI keeps running, re-lints a draft when it is saved, exits 130 on Ctrl-C."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

GOOD = "---\nplatform: x\n---\nOur recycling guide is online: three steps to sort packaging at home.\n"
BAD = "---\nplatform: x\n---\nOur recycling guide is online!!! Three steps to sort packaging at home.\n"


class Lines:
    """The lines a process writes, readable with a timeout (no test hangs forever)."""

    def __init__(self, stream) -> None:
        self.q: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [self.q.put(line) for line in stream], daemon=True).start()

    def until(self, text: str, timeout: float = 60) -> list[str]:
        seen, end = [], time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self.q.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                break
            seen.append(line)
            if text in line:
                return seen
        raise AssertionError(f"{text!r} not seen in {seen!r}")


def test_watch_relints_a_saved_draft_and_ctrl_c_exits_130(tmp_path: Path):
    draft = tmp_path / "drafts" / "post.md"
    draft.parent.mkdir()
    draft.write_text(GOOD)
    proc = subprocess.Popen(
        [sys.executable, "-m", "engagelint", "--watch", "--select", "EL107", "drafts"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        out = Lines(proc.stdout)
        first = out.until("[watch] watching")
        assert any("All clear: no problems in 1 file" in line for line in first), first
        time.sleep(0.05)
        draft.write_text(BAD)  # the writer saves
        again = out.until("[watch] watching")
        assert any("post.md changed: re-linting" in line for line in again), again
        assert any("drafts/post.md:4:30: EL107" in line for line in again), again
        assert any("Found 1 problem" in line for line in again), again
        new = tmp_path / "drafts" / "new.md"
        new.write_text(BAD)  # a new draft is watched too
        third = out.until("[watch] watching")
        assert any("Found 2 problems" in line for line in third), third
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 130
        rest = proc.stdout.read() if proc.stdout else ""
        assert "Traceback" not in rest
    finally:
        if proc.poll() is None:
            proc.kill()
