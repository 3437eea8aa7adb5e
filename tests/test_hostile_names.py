"""Hostile file names and draft text from an untrusted pull request never reach an output raw.

A newline in a file name printed raw starts a new line that GitHub Actions reads as a workflow
command; ESC/BEL drive the terminal; bidi overrides make a line read differently; XML 1.0 forbids
most control characters (JUnit). Each output format is checked as CI would read it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from engagelint.formatters.escape import escape_text

TEXT = "Our spring workshop on bike repair opens on Saturday in Lille, book your seat now"
# A near copy of a.md's text: EL702 reports a.md against it, quoting its (hostile) path.
HOSTILE = "0\n::error file=README.md,line=1::X\n.md"
RTL = "b\u202eexe.md"  # "Trojan Source": displays as b + reversed text
ESCAPE = "c\x1b]0;pwned\x07.md"
# A scheduler export whose placeholder carries BEL and ESC (EL401 quotes it).
CSV = 'date,text,platform\n2099-01-01,"Hi {{na\x07me\x1b}} there, see you soon",x\n'

ANNOTATION = re.compile(r"::(error|warning|notice) file=[^:\n]*,line=\d+")
TEXT_LINE = re.compile(r"[^\n]+:\d+:\d+: [A-Z]+\d+ \[(error|warning|info)\] ")


@pytest.fixture
def hostile_repo(tmp_path: Path) -> Path:
    (tmp_path / "engagelint.toml").write_text("")
    (tmp_path / "README.md").write_text("# Content repo\n")
    (tmp_path / "a.md").write_text(f"---\nplatform: x\n---\n{TEXT}\n")
    (tmp_path / HOSTILE).write_text(f"---\nplatform: x\n---\n{TEXT} #cycling\n")
    (tmp_path / RTL).write_text("---\nplatform: x\n---\nthx u guys, pls share\n")
    (tmp_path / ESCAPE).write_text("---\nplatform: x\n---\nthx u guys, pls share again\n")
    (tmp_path / "export.csv").write_text(CSV)
    return tmp_path


def engagelint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "engagelint", "--no-cache", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "GITHUB_ACTIONS": "", "NO_COLOR": "1"},
        timeout=300,
    )


def assert_printable(output: str) -> None:
    for line in output.splitlines():
        assert escape_text(line) == line, f"raw control or bidi character in {line!r}"


def test_escape_text_makes_every_dangerous_character_visible():
    assert escape_text("a\nb\rc\x1b[2J\x07\x00\x9b") == "a\\x0ab\\x0dc\\x1b[2J\\x07\\x00\\x9b"
    assert escape_text("x\u2028y\u202ez\u2066\ufffe") == "x\\u2028y\\u202ez\\u2066\\ufffe"
    assert escape_text("caf\udce9.md") == "caf\\xe9.md"  # an undecodable byte of a file name
    assert escape_text("Café 😀 «ok» \\ 100%") == "Café 😀 «ok» \\ 100%"  # printable text untouched
    assert escape_text(escape_text("a\nb")) == escape_text("a\nb")  # idempotent: safe to apply twice
    assert escape_text("a\nb\tc\x07", keep="\n\t") == "a\nb\tc\\x07"


def test_text_output_has_one_prefixed_line_per_finding(hostile_repo: Path):
    res = engagelint(hostile_repo, ".")
    assert res.returncode == 1, res.stderr
    *findings, summary = res.stdout.splitlines()
    assert summary.startswith("Found ")
    for line in findings:
        assert TEXT_LINE.match(line), f"a line without its path:line:col: prefix: {line!r}"
    assert_printable(res.stdout + res.stderr)
    # The corpus message names the other draft, escaped, on the same line.
    near = [ln for ln in findings if " EL702 " in ln]
    assert near and near[0].startswith(
        "a.md:4:1: EL702 [warning] near-duplicate of 0\\x0a::error file=README.md,line=1::X\\x0a.md:4 "
    ), near
    assert any(" EL401 " in ln and "{{na\\x07me\\x1b}}" in ln for ln in findings), findings
    assert any(ln.startswith("b\\u202eexe.md:") for ln in findings), findings


def test_github_output_has_only_engagelint_annotations(hostile_repo: Path):
    res = engagelint(hostile_repo, ".", "--format", "github")
    assert res.returncode == 1, res.stderr
    *annotations, summary = res.stdout.splitlines()
    assert summary.startswith("Found ")
    assert annotations
    for line in annotations:
        assert ANNOTATION.match(line), f"not one of engagelint's annotations: {line!r}"
        assert not line.startswith("::error file=README.md"), line
    assert_printable(res.stdout + res.stderr)
    # No workflow command anywhere else: not in the summary, not on stderr.
    for line in [summary, *res.stderr.splitlines()]:
        assert not line.lstrip().startswith("::"), line


def test_stderr_warnings_are_escaped(hostile_repo: Path):
    """A config naming a hostile archive path: the warning quoting it stays one line."""
    source = "gone\n::error file=README.md,line=1::Y\n.jsonl"
    (hostile_repo / "engagelint.toml").write_text(f"[archive]\nsource = {json.dumps(source)}\n")
    res = engagelint(hostile_repo, "a.md", "--format", "github")
    assert res.stderr.strip(), "expected a warning about the missing archive source"
    for line in res.stderr.splitlines():
        assert line.startswith("engagelint: "), f"a stderr line that is not engagelint's: {line!r}"
    assert_printable(res.stderr)


def test_junit_stays_valid_xml_and_names_the_files(hostile_repo: Path):
    res = engagelint(hostile_repo, ".", "--format", "junit")
    assert res.returncode == 1, res.stderr
    root = ET.fromstring(res.stdout.encode("utf-8"))  # raises on characters XML 1.0 forbids
    names = {case.get("name") for case in root.iter("testcase")}
    assert "0\\x0a::error file=README.md,line=1::X\\x0a.md" in names
    assert "c\\x1b]0;pwned\\x07.md" in names
    failures = "".join(f.text or "" for f in root.iter("failure"))
    assert "{{na\\x07me\\x1b}}" in failures


def test_sarif_and_json_carry_no_raw_control_characters(hostile_repo: Path):
    for fmt in ("sarif", "json"):
        res = engagelint(hostile_repo, ".", "--format", fmt)
        assert res.returncode == 1, res.stderr
        doc = json.loads(res.stdout)
        assert_printable(res.stdout)
        if fmt == "json":  # JSON escapes, it does not rewrite: the parsed message is exact
            assert any("b\u202eexe.md:4" in v["message"] for v in doc["violations"])


def test_html_report_escapes_paths_and_messages(hostile_repo: Path):
    out = hostile_repo / "report.html"
    res = subprocess.run(
        [sys.executable, "-m", "engagelint", "report", ".", "-o", str(out)],
        cwd=hostile_repo,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr
    html = out.read_text(encoding="utf-8")
    assert "\x1b" not in html and "\x07" not in html and "\u202e" not in html
    assert "0\\x0a::error file=README.md" in html


BAD = "---\nplatform: x\n---\nthx u guys!!!! pls share\n"


def test_pre_commit_entry_takes_no_option_from_a_file_name(tmp_path: Path):
    """README "What engagelint never does": it takes no option from a file name."""
    (tmp_path / "README.md").write_text("# Content repo\n\nOur drafts for the spring campaign live here.\n")
    (tmp_path / "-oREADME.md").write_text(BAD)
    (tmp_path / "-").write_text(BAD)  # "-" is stdin for `check`; for the hook it is a file
    before = (tmp_path / "README.md").read_bytes()
    res = subprocess.run(
        [sys.executable, "-m", "engagelint", "pre-commit", "-oREADME.md", "--exit-zero", "-"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert (tmp_path / "README.md").read_bytes() == before
    # "--exit-zero" is not a file: refused with one line, never applied.
    assert res.returncode == 2 and res.stdout == ""
    assert res.stderr.splitlines() == [
        "engagelint: error: --exit-zero: no such file; `engagelint pre-commit` takes only file names "
        "(put options such as fail_on in engagelint.toml)"
    ]
    res = subprocess.run(
        [sys.executable, "-m", "engagelint", "pre-commit", "-oREADME.md", "-"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={**os.environ, "ENGAGELINT_CACHE_DIR": str(tmp_path / "cache")},
    )  # fmt: skip
    assert res.returncode == 1, res.stderr
    assert (tmp_path / "README.md").read_bytes() == before
    assert "-oREADME.md:4:1: EL101 [warning] 'thx' is textspeak" in res.stdout
    assert "./-:4:1: EL101 [warning] 'thx' is textspeak" in res.stdout
