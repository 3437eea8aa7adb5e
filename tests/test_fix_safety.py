"""Killing engagelint in the middle of --fix leaves every file either old or new, never torn."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PACK = """code: FIX101
name: house-style
category: informality
extends: substitution
summary: Use the house spelling.
rationale: A consistent spelling of product names looks professional on every channel.
swap: {e-mail: email}
examples:
  - {lang: en, bad: "Check your e-mail", good: "Check your email"}
  - {lang: fr, bad: "Lisez votre e-mail", good: "Lisez votre email"}
"""


@pytest.mark.slow
@pytest.mark.parametrize("delay_files", [1, 40, 150])
def test_kill_during_fix_never_truncates(tmp_path: Path, delay_files: int):
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "FIX101.yml").write_text(PACK)
    (tmp_path / "engagelint.toml").write_text("extend = ['pack']\nselect = ['FIX101']\n")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    old, new = {}, {}
    for i in range(300):
        body = (
            f"---\nlang: en\n---\nPost {i}: send us an e-mail. " + "Padding text for size. " * (i % 40) + "\n"
        )
        path = drafts / f"{i:03d}.md"
        path.write_text(body)
        old[path] = body
        new[path] = body.replace("e-mail", "email")
    proc = subprocess.Popen(
        [sys.executable, "-m", "engagelint", "--fix", "--no-color", str(drafts)],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        changed = sum(1 for p in old if p.read_text() != old[p])
        if changed >= delay_files:
            break
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    states = {"old": 0, "new": 0}
    for path in old:
        content = path.read_text()
        assert content in (old[path], new[path]), f"{path.name} is neither the old nor the new version"
        states["old" if content == old[path] else "new"] += 1
    leftovers = [p.name for p in drafts.iterdir() if p.suffix == ".tmp"]
    print(
        f"killed after {states['new']} fixed files, {states['old']} untouched, {len(leftovers)} temp files left"
    )
    # A temp file may survive a SIGKILL between write and rename, but never replaces a draft.
    assert all(name.startswith(".engagelint-") for name in leftovers)
