"""What reviewers see on GitHub and GitLab: annotation limits and the job summary, code-scanning SARIF
fingerprints, reviewdog's rdjson and GitLab Code Quality, each checked through the real CLI against the
published schema (tests/fixtures, with their licences)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from engagelint.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
SARIF_SCHEMA = json.loads((FIXTURES / "sarif" / "sarif-schema-2.1.0.json").read_text())
RDJSON_SCHEMA = json.loads((FIXTURES / "rdjson" / "DiagnosticResult.json").read_text())
GITLAB_SCHEMA = json.loads((FIXTURES / "gitlab" / "code-quality-report.schema.json").read_text())

RULES = {
    "ACME101": ("acme-textspeak", "warning", "{thx: thanks, pls: please}"),
    "ACME102": ("acme-banned", "error", "{asap: soon}"),
    "ACME103": ("acme-hedge", "info", "{kinda: rather}"),
}


def _pack(code: str, name: str, severity: str, swap: str) -> str:
    return f"""\
code: {code}
name: {name}
category: informality
severity: {severity}
summary: Words the brand does not write.
rationale: They read as careless in a brand voice.
extends: substitution
swap: {swap}
message: "'{{match}}' is off-brand; write '{{replacement}}'"
examples:
  - lang: en
    bad: "thx, pls share asap, kinda"
    good: "Thank you; please share soon."
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A content repository (a ``.git`` folder marks its root) with three pack rules."""
    (tmp_path / ".git").mkdir()
    pack = tmp_path / "packs" / "acme"
    pack.mkdir(parents=True)
    for code, (name, severity, swap) in RULES.items():
        (pack / f"{name}.yml").write_text(_pack(code, name, severity, swap))
    (tmp_path / "engagelint.toml").write_text('extend = ["packs/acme"]\n')
    (tmp_path / "drafts").mkdir()
    return tmp_path


def run(cwd: Path, *args: str, env: dict | None = None):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(
            cli, [*args, "--select", "ACME", "--no-cache"], env=env, catch_exceptions=False
        )
    finally:
        os.chdir(old)


def draft(line: str) -> str:
    return f"---\nplatform: linkedin\n---\n{line}\n"


def test_github_more_than_50_findings_errors_first_note_and_job_summary(repo: Path, tmp_path: Path):
    # 12 files x (3 warnings, 1 error, 1 info) = 60 findings; warnings come first in each file.
    for i in range(12):
        (repo / "drafts" / f"d{i:02}.md").write_text(draft("thx pls thx for coming, reply asap, kinda fun"))
    summary_file = tmp_path / "step_summary.md"
    summary_file.write_text("## earlier step\n")
    github = {
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "verdure/content",
        "GITHUB_SHA": "abc123",
    }
    res = run(repo, "drafts", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary_file), **github})
    assert res.exit_code == 1
    lines = res.output.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    kinds = [line[2 : line.index(" ")] for line in annotations]
    # GitHub shows 10 per kind and step: 10 errors, then 10 warnings, then 9 notices + the note.
    assert kinds == ["error"] * 10 + ["warning"] * 10 + ["notice"] * 10
    assert all("ACME102" in a for a in annotations[:10])
    assert all("ACME101" in a for a in annotations[10:20])
    note = annotations[-1]
    assert note.startswith("::notice title=engagelint%3A findings not shown::")
    assert "2 of 12 errors and 26 of 36 warnings and 3 of 12 notices not shown as annotations" in note
    # The findings not annotated are still in the log, errors first.
    plain = [line for line in lines if re.match(r"- drafts/d\d\d\.md:\d+:\d+: ACME", line)]
    assert len(plain) == 2 + 26 + 3
    assert [p.split()[3] for p in plain[:2]] == ["[error]"] * 2
    assert lines[-1].startswith("Found 60 problems (12 errors, 36 warnings, 12 infos) in 12 files")

    text = summary_file.read_text()
    assert text.startswith("## earlier step\n## engagelint\n")  # appended, never overwritten
    for i in range(12):
        assert f"### drafts/d{i:02}.md (5)" in text
    rows = [line for line in text.splitlines() if re.match(r"\| \[\d+:\d+\]\(", line)]
    assert len(rows) == 60
    assert "| [4:1](https://github.com/verdure/content/blob/abc123/drafts/d00.md#L4) | warning | " \
        "[ACME101](https://github.com/engagelint/engagelint/blob/main/docs/rules.md#acme101)" \
        " acme-textspeak | 'thx' is off-brand; write 'thanks' |" in rows  # fmt: skip


def test_github_under_the_limit_has_no_note_and_no_summary_without_the_variable(repo: Path):
    (repo / "drafts" / "a.md").write_text(draft("thx | pls <b>"))
    res = run(repo, "drafts", "--format", "github", env={"GITHUB_STEP_SUMMARY": ""})
    assert [line[:10] for line in res.output.splitlines() if line.startswith("::")] == ["::warning "] * 2
    assert "not shown" not in res.output


def test_findings_past_the_limit_cannot_become_workflow_commands(repo: Path):
    # A file name that would be a workflow command if printed at the start of a line.
    name = "::error file=x::boom.md"
    for i in range(11):
        (repo / "drafts" / f"{name}{i:02}.md").write_text(draft("thx"))
    res = run(repo, "drafts", "--format", "github")
    commands = [line for line in res.output.splitlines() if line.startswith("::")]
    assert len(commands) == 11  # 10 warnings and the note; the 11th finding is a plain "- " line
    assert all(c.startswith(("::warning file=drafts/%3A%3Aerror", "::notice title=")) for c in commands)
    assert any(
        line.startswith("- drafts/::error file=x::boom.md10.md:4:1:") for line in res.output.splitlines()
    )


def test_job_summary_cells_cannot_break_the_table(repo: Path, tmp_path: Path):
    (repo / "drafts" / "a|b.md").write_text(draft("thx | pls <b>"))
    summary_file = tmp_path / "summary.md"
    run(repo, "drafts", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary_file)})
    text = summary_file.read_text()
    assert "### drafts/a\\|b.md (2)" in text
    assert "<b>" not in text


def _sarif(repo: Path, *args: str) -> dict:
    res = run(repo, *args, "--format", "sarif")
    doc = json.loads(res.output)
    jsonschema.validate(doc, SARIF_SCHEMA)
    return doc


def test_sarif_fingerprints_survive_moved_lines_and_uris_are_repo_relative(repo: Path):
    path = repo / "drafts" / "launch.md"
    path.write_text(draft("thx for coming, reply asap\n\nthx again"))
    first = _sarif(repo, "drafts")["runs"][0]
    # Three new lines above: every finding moves down, none changes.
    path.write_text("---\nplatform: linkedin\n---\nA new opening line.\n\nAnother one.\n"
                    "thx for coming, reply asap\n\nthx again\n")  # fmt: skip
    second = _sarif(repo, "drafts")["runs"][0]

    def by_fingerprint(run_: dict) -> dict:
        return {
            r["partialFingerprints"]["engagelint/v1"]: r["locations"][0]["physicalLocation"]["region"][
                "startLine"
            ]
            for r in run_["results"]
        }

    before, after = by_fingerprint(first), by_fingerprint(second)
    assert len(before) == 3 and set(before) == set(after)  # two identical 'thx' findings stay distinct
    assert all(after[fp] == before[fp] + 3 for fp in before)

    assert second["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    location = second["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "drafts/launch.md", "uriBaseId": "%SRCROOT%"}
    rules = {r["id"]: r for r in second["tool"]["driver"]["rules"]}
    assert all(r["helpUri"].startswith("https://") for r in rules.values())
    fixed = [r for r in second["results"] if r.get("fixes")]
    assert (
        fixed and fixed[0]["fixes"][0]["artifactChanges"][0]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    )


def test_sarif_uris_are_relative_to_the_repository_root_from_a_subfolder(repo: Path):
    (repo / "drafts" / "a.md").write_text(draft("thx"))
    doc = _sarif(repo / "drafts", "a.md")
    location = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "drafts/a.md", "uriBaseId": "%SRCROOT%"}


def test_rdjson_validates_and_carries_suggestions_with_utf8_columns(repo: Path):
    # "é" and the emoji take 2 and 4 bytes in UTF-8: reviewdog's columns count bytes.
    (repo / "drafts" / "a.md").write_text(draft("Café 😀 thx"))
    res = run(repo, "drafts", "--format", "rdjson")
    doc = json.loads(res.output)
    jsonschema.validate(doc, RDJSON_SCHEMA)
    (diag,) = doc["diagnostics"]
    assert diag["location"]["path"] == "drafts/a.md"
    assert diag["severity"] == "WARNING" and diag["code"]["value"] == "ACME101"
    # Code points: 't' is column 8; bytes before it: C a f é(2) space 😀(4) space = 11 -> column 12.
    assert diag["location"]["range"] == {"start": {"line": 4, "column": 12}, "end": {"line": 4, "column": 15}}
    (suggestion,) = diag["suggestions"]
    assert suggestion == {"range": diag["location"]["range"], "text": "thanks"}


def test_rdjson_schema_rejects_a_broken_report():
    broken = {"diagnostics": [{"message": "x", "severity": "LOUD", "location": {"path": "a.md"}}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, RDJSON_SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {"diagnostics": [{"location": {"range": {"start": {"line": "4"}}}}]}, RDJSON_SCHEMA
        )


def test_gitlab_report_validates_with_stable_fingerprints(repo: Path):
    path = repo / "drafts" / "a.md"
    path.write_text(draft("thx, reply asap"))
    first = json.loads(run(repo, "drafts", "--format", "gitlab").output)
    jsonschema.validate(first, GITLAB_SCHEMA)
    assert [(i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in first] \
        == [("ACME101 acme-textspeak", "minor", "drafts/a.md", 4), ("ACME102 acme-banned", "major", "drafts/a.md", 4)]  # fmt: skip
    assert first[0]["description"] == "ACME101 'thx' is off-brand; write 'thanks'"
    path.write_text("---\nplatform: linkedin\n---\nHello.\n\nthx, reply asap\n")
    second = json.loads(run(repo, "drafts", "--format", "gitlab").output)
    assert [i["fingerprint"] for i in second] == [i["fingerprint"] for i in first]
    assert [i["location"]["lines"]["begin"] for i in second] == [6, 6]


def test_gitlab_schema_accepts_the_documented_example_and_rejects_broken_reports():
    jsonschema.validate(json.loads((FIXTURES / "gitlab" / "docs-example.json").read_text()), GITLAB_SCHEMA)
    good = {"description": "d", "check_name": "c", "fingerprint": "f", "severity": "minor",
            "location": {"path": "a.md", "lines": {"begin": 1}}}  # fmt: skip
    for broken in (
        [{**good, "severity": "warning"}],
        [{k: v for k, v in good.items() if k != "fingerprint"}],
        [{**good, "location": {"path": "a.md"}}],
        [{**good, "location": {"path": "/abs/a.md", "lines": {"begin": 1}}}],
        good,
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, GITLAB_SCHEMA)


def test_unwritable_step_summary_is_one_warning_and_the_annotations_still_print(repo: Path, tmp_path: Path):
    (repo / "drafts" / "a.md").write_text(draft("thx"))
    res = CliRunner().invoke(
        cli, [str(repo / "drafts"), "--select", "ACME", "--no-cache", "--format", "github",
              "--config", str(repo / "engagelint.toml")],
        env={"GITHUB_STEP_SUMMARY": str(tmp_path)},  # a folder: cannot be opened for appending
    )  # fmt: skip
    assert res.exit_code == 1
    assert "::warning file=" in res.stdout
    assert res.stderr.count("cannot write the job summary") == 1
