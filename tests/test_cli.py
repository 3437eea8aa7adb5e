"""The command line and its public JSON contract, run as users run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from engagelint.cli import cli

BROKEN = "---\nplatform: [x\n---\nHello there\n"
CLEAN = "---\nplatform: x\n---\nOur new recycling guide is online: three steps to sort packaging at home.\n"


def run(*args: str, input: str | None = None, cwd: Path | None = None):
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    finally:
        os.chdir(old)


def test_text_output_format_and_exit_codes(tmp_path: Path):
    (tmp_path / "bad.md").write_text(BROKEN)
    (tmp_path / "good.md").write_text(CLEAN)
    res = run(str(tmp_path), "--select", "syntax")
    assert res.exit_code == 1
    first = res.output.splitlines()[0]
    assert first.startswith(f"{tmp_path / 'bad.md'}:3:1: EL001 [error] front matter is not valid YAML")
    assert first.endswith("(broken-front-matter)")
    assert "Found 1 problem (1 error) in 2 files (2 posts)." in res.output
    assert run(str(tmp_path / "good.md"), "--select", "syntax").exit_code == 0


def test_fail_on_and_exit_zero(tmp_path: Path):
    (tmp_path / "meta.md").write_text("---\nplatform: myspace\n---\nHello there\n")  # a warning
    assert run(str(tmp_path), "--select", "EL002").exit_code == 1
    assert run(str(tmp_path), "--select", "EL002", "--fail-on", "error").exit_code == 0
    assert run(str(tmp_path), "--select", "EL002", "--exit-zero").exit_code == 0


def test_json_contract(tmp_path: Path):
    (tmp_path / "bad.md").write_text(BROKEN)
    res = run(str(tmp_path), "--format", "json", "--select", "syntax")
    doc = json.loads(res.output)
    assert set(doc) == {"version", "violations", "summary"} and doc["version"] == 1
    (v,) = doc["violations"]
    assert set(v) >= {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "category",
        "severity",
        "message",
    }
    assert (v["code"], v["category"], v["severity"], v["line"]) == ("EL001", "syntax", "error", 3)
    assert doc["summary"]["files"] == 1 and doc["summary"]["violations"] == 1


def test_usage_and_config_errors_exit_2_with_one_line(tmp_path: Path):
    res = run(str(tmp_path / "missing.md"))
    assert res.exit_code == 2 and "missing.md: no such file or directory" in res.output
    res = run(str(tmp_path), "--select", "EL999")
    assert res.exit_code == 2
    assert res.output.strip().splitlines() == [
        "engagelint: error: --select: unknown rule code, name or category 'EL999'"
    ]
    (tmp_path / "engagelint.toml").write_text("lang = 'xx'\n")
    res = run(str(tmp_path))
    assert res.exit_code == 2 and "engagelint.toml: lang: expected one of auto, en, fr" in res.output


def test_stdin_with_filename():
    res = run("-", "--stdin-filename", "drafts/post.md", "--select", "syntax", input=BROKEN)
    assert res.exit_code == 1 and res.output.startswith("drafts/post.md:3:1: EL001")


def test_stdin_flag_reads_the_draft_like_dash_and_refuses_paths():
    res = run("--stdin", "--stdin-filename", "drafts/post.md", "--select", "syntax", input=BROKEN)
    assert res.exit_code == 1 and res.output.startswith("drafts/post.md:3:1: EL001")
    res = CliRunner().invoke(cli, ["--stdin", "other.md"], input=BROKEN)
    assert res.exit_code == 2 and "--stdin cannot be combined with paths" in res.output


def test_statistics_and_quiet(tmp_path: Path):
    (tmp_path / "a.md").write_text(BROKEN)
    (tmp_path / "b.md").write_text(BROKEN)
    res = run(str(tmp_path), "--select", "syntax", "--statistics")
    assert res.output.splitlines()[0].split() == ["2", "EL001", "broken-front-matter"]
    res = run(str(tmp_path), "--select", "syntax", "--quiet")
    assert "Found" not in res.output and res.output.count("EL001") == 2


def test_rules_and_rule_commands():
    res = run("rules")
    assert res.exit_code == 0 and "EL001" in res.output and "broken-front-matter" in res.output
    res = run("rule", "broken-front-matter")
    assert res.exit_code == 0 and "Why it matters" in res.output and "Bad:" in res.output
    assert run("rule", "EL999").exit_code == 2


def test_installed_entry_point_runs_without_importing_spacy(tmp_path: Path):
    code = "import sys; from engagelint.cli import main; sys.argv=['engagelint','rules']; \n" \
           "try:\n    main()\nexcept SystemExit: pass\nprint('spacy' in sys.modules)"  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False"
    ver = subprocess.run([sys.executable, "-m", "engagelint", "--version"], capture_output=True, text=True)
    assert ver.returncode == 0 and ver.stdout.startswith("engagelint ")


def test_init_writes_a_valid_commented_config_without_asking(tmp_path: Path):
    from engagelint.config import load_config

    res = run("init", cwd=tmp_path, input="")
    assert res.exit_code == 0
    text = (tmp_path / "engagelint.toml").read_text()
    assert text.startswith("# engagelint configuration")
    cfg = load_config(config_path=tmp_path / "engagelint.toml")
    assert cfg.profile.goals[0].id == "awareness" and cfg.profile.platforms == ("linkedin",)
    assert run("init", cwd=tmp_path).exit_code == 2  # never overwrites silently
