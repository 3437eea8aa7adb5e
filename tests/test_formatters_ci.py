"""CI formats (github, sarif, junit, auto) run through the real CLI, and the TTY-only progress bar.

SARIF is validated against the official OASIS schema (copied, with its notice, in fixtures/sarif).
"""

from __future__ import annotations

import io
import json
import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from engagelint.cli import cli
from engagelint.formatters import FormatOptions, get_formatter
from engagelint.formatters.base import Summary
from engagelint.formatters.github import annotation, escape_property
from engagelint.models import Severity, Violation
from engagelint.progress import Progress

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "sarif" / "sarif-schema-2.1.0.json").read_text())

PACK_RULE = """\
code: ACME101
name: acme-textspeak
category: informality
severity: warning
summary: Chat abbreviations such as "u" or "pls".
rationale: Textspeak reads as careless in a brand voice.
extends: substitution
swap: {u: you, pls: please, thx: thanks}
message: "'{match}' is textspeak; write '{replacement}'"
examples:
  - lang: en
    bad: "thx u guys, pls share"
    good: "Thank you all; please share."
"""
# The emoji before the last "u" is one code point but two UTF-16 units: columns must count code points.
BAD = "---\nplatform: x\n---\nthx for coming! pls share 😀 u\n"
CLEAN = "---\nplatform: x\n---\nThank you for coming to the launch.\n"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    (tmp_path / "packs" / "acme").mkdir(parents=True)
    (tmp_path / "packs" / "acme" / "textspeak.yml").write_text(PACK_RULE)
    (tmp_path / "engagelint.toml").write_text('extend = ["packs/acme"]\n')
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "bad.md").write_text(BAD)
    (tmp_path / "drafts" / "clean.md").write_text(CLEAN)
    return tmp_path


def run(cwd: Path, *args: str, env: dict | None = None):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, [*args, "--select", "ACME101"], env=env, catch_exceptions=False)
    finally:
        os.chdir(old)


def test_github_annotations_from_the_cli(content: Path):
    res = run(content, "drafts", "--format", "github")
    assert res.exit_code == 1
    lines = [line for line in res.output.splitlines() if line.startswith("::")]
    assert lines == [
        "::warning file=drafts/bad.md,line=4,col=1,endLine=4,endColumn=4,title=ACME101 acme-textspeak::"
        "'thx' is textspeak; write 'thanks'",
        "::warning file=drafts/bad.md,line=4,col=17,endLine=4,endColumn=20,title=ACME101 acme-textspeak::"
        "'pls' is textspeak; write 'please'",
        "::warning file=drafts/bad.md,line=4,col=29,endLine=4,endColumn=30,title=ACME101 acme-textspeak::"
        "'u' is textspeak; write 'you'",
    ]


def test_format_auto_picks_github_only_in_github_actions(content: Path):
    in_actions = run(content, "drafts", "--format", "auto", env={"GITHUB_ACTIONS": "true"})
    assert in_actions.output.startswith("::warning file=drafts/bad.md,line=4,")
    local = run(content, "drafts", "--format", "auto", env={"GITHUB_ACTIONS": ""})
    assert local.output.startswith("drafts/bad.md:4:1: ACME101")


def _violation(**kw) -> Violation:
    base = dict(path="drafts/a.md", line=2, column=3, end_line=2, end_column=8, code="EL101", name="textspeak",
                category="informality", severity=Severity.ERROR, message="msg")  # fmt: skip
    base.update(kw)
    return Violation(**base)


def test_github_escaping_and_multiline_spans():
    v = _violation(path="drafts/a,b:c%.md", message="100% off\r\nnow, really: yes")
    assert annotation(v) == (
        "::error file=drafts/a%2Cb%3Ac%25.md,line=2,col=3,endLine=2,endColumn=8,title=EL101 textspeak::"
        "100%25 off%0D%0Anow, really: yes"
    )
    assert escape_property("a:b,c\n") == "a%3Ab%2Cc%0A"
    # GitHub rejects col/endColumn on multi-line annotations: only lines are sent.
    multi = annotation(_violation(end_line=4, end_column=2, severity=Severity.INFO))
    assert multi.startswith("::notice file=drafts/a.md,line=2,endLine=4,title=EL101 textspeak::")


def _sarif(content: Path, *args: str) -> dict:
    res = run(content, "drafts", "--format", "sarif", *args)
    doc = json.loads(res.output)
    jsonschema.validate(doc, SCHEMA)
    return doc


def test_sarif_is_valid_and_carries_rules_regions_and_fixes(content: Path):
    doc = _sarif(content)
    (run_,) = doc["runs"]
    assert doc["version"] == "2.1.0" and run_["columnKind"] == "unicodeCodePoints"
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    acme = rules["ACME101"]
    assert acme["name"] == "acme-textspeak"
    assert acme["shortDescription"]["text"].startswith("Chat abbreviations")
    assert "careless in a brand voice" in acme["fullDescription"]["text"]
    assert "careless in a brand voice" in acme["help"]["text"]
    assert acme["helpUri"].startswith("https://") and acme["defaultConfiguration"]["level"] == "warning"

    results = run_["results"]
    assert [r["ruleId"] for r in results] == ["ACME101"] * 3
    last = results[-1]
    assert run_["tool"]["driver"]["rules"][last["ruleIndex"]]["id"] == "ACME101"
    loc = last["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "drafts/bad.md"
    # Code points: the emoji counts once, so "u" is column 29 (it would be 30 in UTF-16 units).
    assert loc["region"] == {"startLine": 4, "startColumn": 29, "endLine": 4, "endColumn": 30}
    (fix,) = last["fixes"]
    (change,) = fix["artifactChanges"]
    (rep,) = change["replacements"]
    assert rep["insertedContent"]["text"] == "you" and rep["deletedRegion"]["startColumn"] == 29


def test_sarif_clean_run_is_valid_and_empty(content: Path):
    res = run(content, "drafts/clean.md", "--format", "sarif")
    assert res.exit_code == 0
    doc = json.loads(res.output)
    jsonschema.validate(doc, SCHEMA)
    assert doc["runs"][0]["results"] == []


def test_sarif_schema_really_rejects_bad_output():
    # Guard against a schema copy that would accept anything.
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": "2.1.0", "runs": [{"results": []}]}, SCHEMA)


def test_sarif_escapes_unusual_paths():
    fmt = get_formatter("sarif", FormatOptions())
    fmt.handle(_violation(path="drafts/été 2025.md"))
    doc = json.loads(fmt.finish(Summary(1, 1, 1, {"error": 1})))
    jsonschema.validate(doc, SCHEMA)
    uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "drafts/%C3%A9t%C3%A9%202025.md"


def test_junit_one_testcase_per_file(content: Path):
    res = run(content, "drafts", "--format", "junit")
    root = ET.fromstring(res.output)
    suite = root.find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {"drafts/bad.md", "drafts/clean.md"}
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    failure = cases["drafts/bad.md"].find("failure")
    assert failure.get("message") == "3 problems"
    assert "drafts/bad.md:4:29: ACME101 [warning] 'u' is textspeak" in failure.text
    assert cases["drafts/clean.md"].find("failure") is None


def test_progress_bar_draws_on_a_terminal_only(monkeypatch):
    monkeypatch.setenv("TERM", "xterm")

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    bar = Progress("text", stream=tty, interval=0)
    bar.start(40)
    for _ in range(40):
        bar.advance()
    assert "40/40 files" in tty.getvalue()
    bar.close()
    assert tty.getvalue().endswith("\r")

    for fmt in ("json", "sarif", "junit", "github"):
        quiet = Tty()
        p = Progress(fmt, stream=quiet, interval=0)
        p.start(40)
        p.advance(40)
        p.close()
        assert quiet.getvalue() == "", fmt

    piped = io.StringIO()
    p = Progress("text", stream=piped, interval=0)
    p.start(40)
    p.advance(40)
    p.close()
    assert piped.getvalue() == ""


def test_github_action_run_step(content: Path, tmp_path: Path):
    """The composite action's lint step, run by bash as the runner would (GitHub's default flags)."""
    import subprocess

    import yaml

    action = yaml.safe_load((Path(__file__).resolve().parents[1] / "action.yml").read_text())
    (step,) = [s for s in action["runs"]["steps"] if s.get("id") == "lint"]
    outputs = tmp_path / "github_output"
    env = {**os.environ, "GITHUB_OUTPUT": str(outputs), "INPUT_PATHS": "drafts/bad.md drafts/clean.md",
           "INPUT_FORMAT": "sarif", "INPUT_SARIF_FILE": "out.sarif", "INPUT_FAIL_ON": "warning"}  # fmt: skip
    env.pop("GITHUB_ACTIONS", None)
    # The action's install step puts `engagelint` on PATH; here it is the test interpreter's.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    config = f"{content / 'engagelint.toml'}"
    env["INPUT_CONFIG"] = config
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=content,
                          env=env, capture_output=True, text=True)  # fmt: skip
    # SARIF mode defers the failure to the last step, after the upload.
    assert proc.returncode == 0, proc.stderr
    assert outputs.read_text().splitlines() == ["sarif-file=out.sarif", "exit-code=1"]
    doc = json.loads((content / "out.sarif").read_text())
    jsonschema.validate(doc, SCHEMA)
    assert {r["ruleId"] for r in doc["runs"][0]["results"]} >= {"ACME101"}

    step_summary = tmp_path / "step_summary"
    env.update(INPUT_FORMAT="github", INPUT_FAIL_ON="error", GITHUB_STEP_SUMMARY=str(step_summary))
    outputs.write_text("")
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=content,
                          env=env, capture_output=True, text=True)  # fmt: skip
    assert proc.returncode == 0 and "::warning file=drafts/bad.md,line=4," in proc.stdout
    assert outputs.read_text().splitlines() == ["exit-code=0"]
    assert "### drafts/bad.md (" in step_summary.read_text()

    # changed-since: in a git clone where the bad draft is committed unchanged, nothing is reported.
    git_env = {**env, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
               "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull}  # fmt: skip
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "drafts"]):
        subprocess.run(cmd, cwd=content, env=git_env, check=True, capture_output=True)
    env.update(INPUT_CHANGED_SINCE="HEAD", INPUT_FAIL_ON="warning")
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=content,
                          env=env, capture_output=True, text=True)  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "::warning" not in proc.stdout


def test_github_action_installs_engagelint_itself_and_pins_what_it_uses():
    """engagelint is on no package index: the action installs its own checkout or a git ref of its repo,
    and every action it uses is pinned to a full commit SHA (the tag in a comment)."""
    import re

    import yaml

    text = (Path(__file__).resolve().parents[1] / "action.yml").read_text()
    action = yaml.safe_load(text)
    assert "version" not in action["inputs"]
    assert {"paths", "changed-since", "format", "fail-on", "engagelint-ref", "cache"} <= set(action["inputs"])
    steps = action["runs"]["steps"]
    (install,) = [s for s in steps if s.get("name") == "Install engagelint"]
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert 'source="$ACTION_PATH"' in install["run"] and "git+https://github.com/" in install["run"]
    assert "pip install engagelint" not in text
    uses = [s["uses"].partition("@") for s in steps if "uses" in s]
    assert {name for name, _, _ in uses} == {
        "actions/setup-python",
        "actions/cache",
        "github/codeql-action/upload-sarif",
    }
    for name, _, sha in uses:
        assert re.fullmatch(r"[0-9a-f]{40}", sha), name
        assert re.search(rf"uses: {re.escape(name)}@{sha} # v\d+\.\d+\.\d+\n", text), name  # the release tag
