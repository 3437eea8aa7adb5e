"""Bad input never crashes, never stops the run: each case gets one clear line naming the file,
the other files are still linted, and the exit code is the documented one."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from engagelint.cli import cli

CONTROL = "---\nplatform: myspace\n---\nA normal post about our product.\n"  # one EL002 warning

CASES = {
    # name: (file name, content, expected code or None, expected text in the message)
    "invalid-utf8": ("a.md", b"caf\xe9 au lait\n", "EL000", "not valid UTF-8"),
    "latin-1": ("a.txt", "Été à Paris".encode("latin-1"), "EL000", "not valid UTF-8"),
    "utf16-bom": ("a.md", "Bonjour à tous, voici notre guide.".encode("utf-16"), None, ""),
    "png": ("a.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "EL000", "binary"),
    "pdf": ("a.md", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "EL000", "binary"),
    "nul-bytes": ("a.txt", b"abc\x00def", "EL000", "binary"),
    "empty": ("a.md", b"", None, ""),
    "whitespace-only": ("a.md", b"  \n\n\t\n", None, ""),
    "yaml-syntax": ("a.md", b"---\nplatform: [x\n---\nHello\n", "EL001", "not valid YAML"),
    "yaml-list": ("a.md", b"---\n- x\n- y\n---\nHello\n", "EL001", "must be a mapping"),
    "yaml-alias-bomb": (
        "a.md",
        b"---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\nHello\n",
        "EL001",
        "aliases",
    ),
    "yaml-unterminated": ("a.md", b"---\nplatform: x\nHello there\n", "EL001", "never closed"),
    "wrong-types": ("a.md", b"---\nplatform: 5\nschedule: [1, 2]\ngoals: {a: 1}\n---\nHello\n", "EL002", "'"),
    "engagelint-key-type": ("a.md", b"---\nengagelint: 3\n---\nHello\n", "EL002", "engagelint"),
    "csv-ragged": ("a.csv", b"id,text\n1,Hello there,extra\n2\n", "EL003", "cells"),
    "csv-unclosed-quote": ("a.csv", b'id,text\n1,"Hello there\n2,more\n', "EL003", "unclosed quote"),
    "csv-no-text-column": ("a.csv", b"id,when\n1,2025-01-01\n", "EL003", "no text column"),
    "spaces in name": ("my draft (v2).md", b"---\nplatform: [x\n---\nHello\n", "EL001", "YAML"),
    "newline-in-name": ("bad\nname.md", b"---\nplatform: [x\n---\nHello\n", "EL001", "YAML"),
}


def run_cli(folder: Path, *extra: str):
    return CliRunner().invoke(cli, [str(folder), "--select", "syntax", *extra], catch_exceptions=False)


@pytest.mark.parametrize("case", sorted(CASES), ids=str)
def test_bad_input_case(case, tmp_path: Path):
    name, content, code, text = CASES[case]
    (tmp_path / name).write_bytes(content)
    (tmp_path / "control.md").write_text(CONTROL)
    result = run_cli(tmp_path, "--format", "json")
    assert result.exit_code == 1  # documented: 1 = problems found (the control file always has one)
    import json

    doc = json.loads(result.output)
    codes = {(Path(v["path"]).name, v["code"]) for v in doc["violations"]}
    assert ("control.md", "EL002") in codes, "the other files must still be linted"
    bad = [v for v in doc["violations"] if Path(v["path"]).name != "control.md"]
    if code is None:
        assert bad == []
    else:
        assert {v["code"] for v in bad} == {code}
        assert all(text in v["message"] for v in bad)
        assert all("\n" not in v["message"] for v in bad)


def test_huge_file_is_skipped_without_reading_it(tmp_path: Path):
    big = tmp_path / "huge.md"
    with open(big, "wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # 100 MB, sparse
    (tmp_path / "control.md").write_text(CONTROL)
    result = run_cli(tmp_path)
    assert result.exit_code == 1
    assert (
        "huge.md:1:1: EL005 [warning] file is 100.0 MiB, over max_file_size (10.0 MiB); not linted"
        in result.output
    )
    assert "control.md" in result.output


def test_single_5mb_line_is_bounded(tmp_path: Path):
    (tmp_path / "line.txt").write_bytes(b"word " * 1_000_000)
    (tmp_path / "control.md").write_text(CONTROL)
    start = time.monotonic()
    result = CliRunner().invoke(cli, [str(tmp_path), "--format", "json"], catch_exceptions=False)
    print(f"5 MB single line linted in {time.monotonic() - start:.1f}s")
    assert result.exit_code == 1 and "too long to analyse" in result.output and "control.md" in result.output


def test_max_file_size_is_configurable(tmp_path: Path):
    (tmp_path / "engagelint.toml").write_text('max_file_size = "1KB"\n')
    (tmp_path / "a.md").write_text("Hello there. " * 200)
    result = run_cli(tmp_path)
    assert "EL005" in result.output and "over max_file_size (0.0 MiB)" in result.output


def test_symlink_loops_and_dangling_links(tmp_path: Path):
    os.symlink("b.md", tmp_path / "a.md")
    os.symlink("a.md", tmp_path / "b.md")
    os.symlink("nowhere.md", tmp_path / "dangling.md")
    os.symlink(".", tmp_path / "loop")  # a folder loop: never followed
    (tmp_path / "control.md").write_text(CONTROL)
    result = run_cli(tmp_path)
    lines = [line for line in result.output.splitlines() if "EL000" in line]
    assert {Path(line.split(":")[0]).name for line in lines} == {"a.md", "b.md", "dangling.md"}
    assert "control.md" in result.output and result.exit_code == 1


def test_non_utf8_bytes_in_file_name(tmp_path: Path):
    raw = os.fsencode(tmp_path) + b"/caf\xe9.md"
    with open(raw, "wb") as fh:
        fh.write(b"---\nplatform: [x\n---\nHello\n")
    result = run_cli(tmp_path)
    assert result.exit_code == 1 and "caf\ufffd.md:3:1: EL001" in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files whatever their permissions")
def test_unreadable_file_and_folder(tmp_path: Path):
    (tmp_path / "secret.md").write_text("Hello")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.md").write_text("Hello")
    os.chmod(tmp_path / "secret.md", 0)
    os.chmod(tmp_path / "locked", 0)
    try:
        result = run_cli(tmp_path)
        assert "secret.md:1:1: EL000" in result.output
    finally:
        os.chmod(tmp_path / "locked", 0o755)


def test_missing_path_exits_2_but_lints_the_rest(tmp_path: Path):
    (tmp_path / "control.md").write_text(CONTROL)
    result = CliRunner().invoke(cli, [str(tmp_path / "nope"), str(tmp_path), "--select", "syntax"])
    assert result.exit_code == 2
    assert "nope: no such file or directory" in result.output and "control.md" in result.output


@pytest.mark.slow
def test_100k_files_in_one_folder(tmp_path: Path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(100_000):
        (folder / f"{i:06d}.txt").write_bytes(b"Hello")
    (folder / "zz-control.md").write_text(CONTROL)
    start = time.monotonic()
    result = CliRunner().invoke(
        cli, [str(folder), "--select", "syntax", "--statistics"], catch_exceptions=False
    )
    print(f"100k files (syntax rules): {time.monotonic() - start:.1f}s")
    assert result.exit_code == 1 and "in 100001 files" in result.output
