"""The progress bar as a person sees it: the real CLI on a pseudo-terminal, and never in a pipe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from terminal import run_in_terminal


def make_tree(root: Path, n: int = 150) -> None:
    for i in range(n):
        (root / f"post-{i:03d}.md").write_text(f"Our workshop number {i} opens in Lille on Saturday.\n")


def run_on_pty(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run with stderr on a pseudo-terminal (as in a terminal window) and stdout on a pipe."""
    env = {**os.environ, "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    return run_in_terminal(args, cwd, env, stdout_on_terminal=False)


def test_progress_bar_draws_on_a_terminal_for_a_long_run(tmp_path):
    make_tree(tmp_path)
    code, out, terminal = run_on_pty(
        [sys.executable, "-m", "engagelint", "--no-cache", "--jobs", "1", "."], tmp_path
    )
    assert code in (0, 1)
    assert "linting " in terminal and "150/150 files" in terminal
    assert "█" in terminal
    assert "linting" not in out  # the report itself is clean


def test_no_bar_in_machine_formats_even_on_a_terminal(tmp_path):
    make_tree(tmp_path)
    code, out, terminal = run_on_pty(
        [sys.executable, "-m", "engagelint", "--no-cache", "--format", "json", "."], tmp_path
    )
    assert code in (0, 1) and "linting" not in terminal and out.lstrip().startswith("{")


def test_no_bar_in_a_pipe(tmp_path):
    make_tree(tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "engagelint", "--no-cache", "."], cwd=tmp_path, capture_output=True, text=True
    )
    assert "linting" not in run.stderr and "█" not in run.stderr
