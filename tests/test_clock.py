"""One clock for every time-dependent judgement: ``--now`` / ``ENGAGELINT_NOW`` / ``now=``.

Nothing here reads the wall clock to decide what to expect: each test pins the moment it judges,
or shifts the process clock with the real ``faketime`` tool (Debian's libfaketime).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import engagelint
from engagelint.clock import ClockError, parse_now, resolve_now
from engagelint.config.loader import config_from_toml

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "engagelint"
FREEZE_DAY = "2026-12-24T10:00+01:00"  # inside the examples' freeze window (24-26 December)
OUTSIDE = "2026-11-30T12:00+01:00"


def engagelint_cli(*args: str, env: dict | None = None, prefix: tuple[str, ...] = ()):
    environ = {k: v for k, v in os.environ.items() if k != "ENGAGELINT_NOW"}
    if prefix:  # a fresh faketime, even when the suite itself runs under a shifted clock
        environ = {k: v for k, v in environ.items() if not k.startswith("FAKETIME") and k != "LD_PRELOAD"}
    environ.update(env or {})
    if args[0] == "report":
        command = ["report", *args[1:]]
    else:
        command = ["check", "--no-cache", "--no-color", *args]
    return subprocess.run(
        [*prefix, sys.executable, "-m", "engagelint", *command],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=environ,
    )  # fmt: skip


def freeze_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if " EL403 " in line]


# --- parsing -----------------------------------------------------------------------------------


def test_iso_dates_and_times_are_accepted():
    assert parse_now("2026-12-24T10:00+01:00").utcoffset().total_seconds() == 3600
    assert parse_now("2026-12-24T09:00Z").isoformat() == "2026-12-24T09:00:00+00:00"
    assert parse_now("2026-12-24").isoformat() == "2026-12-24T00:00:00"  # naive: the brand's zone


@pytest.mark.parametrize("value", ["tomorrow", "2026-13-01", "24/12/2026", "2026-12-24T25:00"])
def test_invalid_values_are_refused(value):
    with pytest.raises(ClockError, match="not an ISO 8601"):
        parse_now(value)


def test_explicit_beats_environment_which_beats_the_system_clock():
    env = {"ENGAGELINT_NOW": "2030-02-28T08:00Z"}
    assert resolve_now("2026-12-24", environ=env).year == 2026
    assert resolve_now(None, environ=env).year == 2030


# --- the CLI -----------------------------------------------------------------------------------


def test_now_inside_the_freeze_window_reports_it_on_the_examples():
    run = engagelint_cli("--now", FREEZE_DAY, "examples/")
    assert run.returncode == 1, run.stderr
    lines = freeze_lines(run.stdout)
    # The scheduled holiday post and every unscheduled draft (it would go out on publishing).
    assert any(line.startswith("examples/drafts/en/holiday-blast.md:") for line in lines)
    unscheduled = [line for line in lines if "not scheduled, so it goes out when published" in line]
    assert any(line.startswith("examples/drafts/en/off-goal.md:5:1: EL403 [error]") for line in unscheduled)
    assert all("“company shutdown: nobody is there to answer replies”" in line for line in lines)


def test_now_outside_the_window_reports_only_posts_scheduled_inside_it():
    lines = freeze_lines(engagelint_cli("--now", OUTSIDE, "examples/").stdout)
    assert any(line.startswith("examples/drafts/en/holiday-blast.md:") for line in lines)
    assert lines and all("scheduled for 2026-12-2" in line for line in lines)
    assert not any("not scheduled" in line for line in lines)


@pytest.mark.skipif(shutil.which("faketime") is None, reason="faketime (Debian libfaketime) not installed")
def test_without_now_the_system_clock_decides():
    # The process clock really is shifted: no --now, no ENGAGELINT_NOW.
    inside = engagelint_cli("examples/", prefix=("faketime", "2026-12-25 12:00:00"))
    outside = engagelint_cli("examples/", prefix=("faketime", "2027-03-01 12:00:00"))
    assert any("not scheduled" in line for line in freeze_lines(inside.stdout)), inside.stderr
    assert not any("not scheduled" in line for line in freeze_lines(outside.stdout)), outside.stderr


def test_environment_variable_pins_the_clock_like_the_flag():
    flag = engagelint_cli("--now", FREEZE_DAY, "examples/")
    env = engagelint_cli("examples/", env={"ENGAGELINT_NOW": FREEZE_DAY})
    assert flag.stdout == env.stdout and freeze_lines(env.stdout)


@pytest.mark.parametrize(
    "args, env, name",
    [
        (("--now", "next tuesday", "examples/"), {}, "--now"),
        (("--now", "2026-02-30", "examples/"), {}, "--now"),
        (("examples/",), {"ENGAGELINT_NOW": "soon"}, "ENGAGELINT_NOW"),
        (("report", "--now", "x", "examples/", "-o", os.devnull), {}, "--now"),
    ],
)
def test_invalid_now_is_one_line_exit_2(args, env, name):
    run = engagelint_cli(*args, env=env)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0
    assert run.stderr.startswith(f"engagelint: error: {name}: ") and "ISO 8601" in run.stderr
    assert "Traceback" not in run.stderr and run.stdout == ""


def test_lsp_refuses_an_invalid_now():
    run = subprocess.run(
        [sys.executable, "-m", "engagelint", "lsp", "--now", "yesterday"],
        capture_output=True, text=True, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert run.returncode == 2 and run.stderr.startswith("engagelint: error: --now: ")


def test_report_is_dated_by_the_run_clock(tmp_path):
    out = tmp_path / "report.html"
    run = engagelint_cli("report", "--now", FREEZE_DAY, "examples/", "-o", str(out))
    assert run.returncode == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    assert "2026-12-24 09:00 UTC" in html  # 10:00+01:00
    assert "not scheduled, so it goes out when published" in html


# --- the API -----------------------------------------------------------------------------------

DRAFT = "---\nschedule: 2026-12-01T09:30:00+01:00\n---\nOur refill stations open in 40 stores today.\n"


def codes(now) -> list[str]:
    config = config_from_toml('timezone = "Europe/Paris"')
    result = engagelint.lint_text(DRAFT, path="post.md", config=config, now=now, select=["EL404"])
    return [v.code for v in result.violations]


def test_api_now_decides_what_is_in_the_past():
    assert codes("2026-12-01T09:29+01:00") == []
    assert codes("2026-12-01T09:31+01:00") == ["EL404"]
    assert codes(parse_now("2027-01-01")) == ["EL404"]


def test_lint_paths_takes_now(tmp_path):
    (tmp_path / "post.md").write_text(DRAFT, encoding="utf-8")
    before = engagelint.lint_paths([tmp_path], select=["EL404"], now="2026-11-01T00:00Z")
    after = engagelint.lint_paths([tmp_path], select=["EL404"], now="2026-12-02T00:00Z")
    assert before.violations == [] and [v.code for v in after.violations] == ["EL404"]


def test_cache_keys_on_the_pinned_clock(tmp_path):
    """A cached result judged at one moment is never served for another moment."""
    (tmp_path / "post.md").write_text(DRAFT, encoding="utf-8")
    runs = [
        engagelint.lint_paths([tmp_path], select=["EL404"], now=moment, cache=True)
        for moment in ("2026-11-01T00:00Z", "2026-12-02T00:00Z", "2026-11-01T00:00Z")
    ]
    assert [len(r.violations) for r in runs] == [0, 1, 0]


# --- no other clock ------------------------------------------------------------------------------

WALL_CLOCK = re.compile(r"\b(datetime\.(now|utcnow|today)|date\.today|time\.time)\s*\(")


def test_only_the_clock_module_reads_the_wall_clock():
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in SRC.rglob("*.py")
        if path.name != "clock.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WALL_CLOCK.search(line)
    ]
    assert offenders == []
