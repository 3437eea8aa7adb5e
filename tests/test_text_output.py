"""What a writer sees in a terminal: the offending line, the span underlined, the fix; one line per
problem in pipes. Run as people run it: the real CLI with stdout on a pseudo-terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from terminal import run_in_terminal

DRAFT = "---\nplatform: x\n---\nLe guide est en ligne !!! Merci 🚀🚀🚀🚀🚀 pour la lecture\n"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run_tty(args: list[str], cwd: Path, env: dict | None = None) -> tuple[int, str]:
    """The CLI with stdout and stderr on a terminal; what that terminal received."""
    environ = {**os.environ, "TERM": "xterm", **(env or {})}
    for key in ("NO_COLOR", "FORCE_COLOR", "PRE_COMMIT"):
        if key not in (env or {}):
            environ.pop(key, None)
    code, _, seen = run_in_terminal(
        [sys.executable, "-m", "engagelint", *args], cwd, environ, stdout_on_terminal=True
    )
    return code, seen.replace("\r\n", "\n")


def run_pipe(args: list[str], cwd: Path, env: dict | None = None) -> str:
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run([sys.executable, "-m", "engagelint", *args], cwd=cwd, capture_output=True, text=True,
                          env={**environ, **(env or {})}).stdout  # fmt: skip


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    (tmp_path / "post.md").write_text(DRAFT, encoding="utf-8")
    return tmp_path


ARGS = ["--no-cache", "--select", "EL107,EL109", "post.md"]


def test_terminal_shows_the_line_the_span_underlined_and_the_fix(drafts: Path):
    code, screen = run_tty(ARGS, drafts)
    assert code == 1
    plain = ANSI.sub("", screen)
    lines = plain.splitlines()
    head = lines.index(next(line for line in lines if "EL107" in line))
    assert lines[head].startswith("post.md:4:23: EL107 [warning]")
    assert lines[head + 2] == "4 | Le guide est en ligne !!! Merci 🚀🚀🚀🚀🚀 pour la lecture"
    caret = lines[head + 3]
    assert caret == "  | " + " " * 22 + "^^^"  # under "!!!", counted in terminal cells
    assert lines[head + 4] == "  = fix: Replace '!!!' with '!'"
    emoji = lines.index(next(line for line in lines if "EL109" in line))
    # five emoji are ten terminal cells wide: ten carets under them
    assert lines[emoji + 3] == "  | " + " " * 32 + "^" * 10
    assert "\x1b[" in screen  # coloured on a terminal


def test_no_color_and_concise_on_a_terminal(drafts: Path):
    _, screen = run_tty(ARGS, drafts, {"NO_COLOR": "1"})
    assert "\x1b[" not in screen and "^^^" in screen
    _, screen = run_tty(["--format", "concise", *ARGS], drafts)
    assert "^^^" not in screen and " | " not in screen
    assert ANSI.sub("", screen).splitlines()[0].startswith("post.md:4:23: EL107 [warning]")
    _, screen = run_tty(["--color", "never", *ARGS], drafts)
    assert "\x1b[" not in screen
    _, screen = run_tty(["--no-color", *ARGS], drafts)
    assert "\x1b[" not in screen


def test_pipes_get_one_line_per_problem_without_colour(drafts: Path):
    out = run_pipe(ARGS, drafts)
    lines = out.splitlines()
    assert lines[0].startswith("post.md:4:23: EL107 [warning]") and "\x1b[" not in out
    assert len(lines) == 3 and lines[2].startswith("Found 2 problems")
    assert "^^^" not in out


@pytest.mark.parametrize(
    "args, env", [(["--color", "always"], {}), (["--color"], {}), ([], {"FORCE_COLOR": "1"})]
)
def test_colour_can_be_forced_into_a_pipe(drafts: Path, args, env):
    out = run_pipe([*args, *ARGS], drafts, env)
    assert "\x1b[" in out
    assert ANSI.sub("", out).splitlines()[0].startswith("post.md:4:23: EL107")


def test_full_format_in_a_pipe_and_from_stdin(drafts: Path):
    out = subprocess.run(
        [sys.executable, "-m", "engagelint", "--format", "full", "--select", "EL107", "--stdin-filename",
         "draft.md", "-"], input=DRAFT, capture_output=True, text=True, cwd=drafts,
    ).stdout  # fmt: skip
    assert "4 | Le guide est en ligne !!! Merci" in out
    assert "  | " + " " * 22 + "^^^" in out


def test_control_characters_in_a_draft_cannot_drive_the_terminal(drafts: Path):
    (drafts / "post.md").write_text("Vite !!! \x1b[2J effacé\n", encoding="utf-8")
    out = run_pipe(["--format", "full", "--select", "EL107", "post.md"], drafts)
    assert "\x1b[2J" not in out and "\\x1b[2J" in out
